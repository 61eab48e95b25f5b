/* nf-json.c: the facts JSON (schema newsfacts/1)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every key of the schema is always written; absent facts are null or [].
 * Offsets are turned from bytes into code points here, and only here.
 */

#define G_LOG_DOMAIN "newsfacts"

#include "config.h"

#include <math.h>

#include "nf-json.h"
#include "nf-pipeline.h"

/* Converts byte offsets to code-point offsets by walking from the last
 * answer, so that offsets given in text order cost O(n) in all. */
typedef struct
{
  const char *text;
  gsize       len;
  gsize       byte;
  glong       chr;
} OffsetCursor;

static glong
cursor_to_char (OffsetCursor *cursor,
                gsize         byte)
{
  if (byte > cursor->len)
    byte = cursor->len;
  if (byte < cursor->byte)
    {
      cursor->byte = 0;
      cursor->chr = 0;
    }
  cursor->chr += g_utf8_pointer_to_offset (cursor->text + cursor->byte,
                                           cursor->text + byte);
  cursor->byte = byte;
  return cursor->chr;
}

static void
add_string_or_null (JsonBuilder *builder,
                    const char  *key,
                    const char  *value)
{
  json_builder_set_member_name (builder, key);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_number (JsonBuilder *builder,
            double       value)
{
  /* Whole numbers go out as integers up to the gint64 range.  Beyond it
   * json-glib 1.6 writes 1e27 as "1e+27.0", which is not JSON, so such
   * values (all whole: every double past 2^53 is) are written as null. */
  if (isfinite (value) && value == floor (value) && fabs (value) < 9.2e18)
    json_builder_add_int_value (builder, (gint64) value);
  else if (isfinite (value) && fabs (value) < 9.2e18)
    json_builder_add_double_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_string_array (JsonBuilder     *builder,
                  const char      *key,
                  const GPtrArray *strings)
{
  json_builder_set_member_name (builder, key);
  json_builder_begin_array (builder);
  for (guint i = 0; strings != NULL && i < strings->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (strings, i));
  json_builder_end_array (builder);
}

static void
add_span (JsonBuilder  *builder,
          OffsetCursor *cursor,
          gsize         start,
          gsize         end)
{
  json_builder_set_member_name (builder, "start");
  json_builder_add_int_value (builder, cursor_to_char (cursor, start));
  json_builder_set_member_name (builder, "end");
  json_builder_add_int_value (builder, cursor_to_char (cursor, end));
}

static void
add_quotes (JsonBuilder     *builder,
            OffsetCursor    *cursor,
            const NfArticle *article)
{
  json_builder_set_member_name (builder, "quotes");
  json_builder_begin_array (builder);
  for (guint i = 0; i < article->quotes->len; i++)
    {
      const NfQuote *quote = g_ptr_array_index (article->quotes, i);

      json_builder_begin_object (builder);
      add_string_or_null (builder, "text", quote->text);
      add_string_or_null (builder, "speaker", quote->speaker);
      add_string_or_null (builder, "speaker_role", quote->speaker_role);
      add_string_or_null (builder, "speaker_kind",
                          nf_speaker_kind_to_string (quote->speaker_kind));
      add_string_or_null (builder, "verb", quote->verb);
      json_builder_set_member_name (builder, "partial");
      json_builder_add_boolean_value (builder, quote->partial);
      add_span (builder, cursor, quote->start, quote->end);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_figures (JsonBuilder     *builder,
             OffsetCursor    *cursor,
             const NfArticle *article)
{
  json_builder_set_member_name (builder, "figures");
  json_builder_begin_array (builder);
  for (guint i = 0; i < article->figures->len; i++)
    {
      const NfFigure *figure = g_ptr_array_index (article->figures, i);

      json_builder_begin_object (builder);
      add_string_or_null (builder, "text", figure->text);
      add_string_or_null (builder, "kind",
                          nf_figure_kind_to_string (figure->kind));
      json_builder_set_member_name (builder, "value");
      add_number (builder, figure->value);
      json_builder_set_member_name (builder, "value_max");
      add_number (builder, figure->value_max);
      add_string_or_null (builder, "unit", figure->unit);
      add_string_or_null (builder, "qualifier", figure->qualifier);
      add_string_or_null (builder, "subject", figure->subject);
      add_string_or_null (builder, "direction", figure->direction);
      add_span (builder, cursor, figure->start, figure->end);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_dates (JsonBuilder     *builder,
           OffsetCursor    *cursor,
           const NfArticle *article)
{
  json_builder_set_member_name (builder, "dates");
  json_builder_begin_array (builder);
  for (guint i = 0; i < article->dates->len; i++)
    {
      const NfDate *date = g_ptr_array_index (article->dates, i);

      json_builder_begin_object (builder);
      add_string_or_null (builder, "text", date->text);
      add_string_or_null (builder, "value", date->value);
      add_span (builder, cursor, date->start, date->end);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_entities (JsonBuilder     *builder,
              OffsetCursor    *cursor,
              const NfArticle *article)
{
  json_builder_set_member_name (builder, "entities");
  json_builder_begin_array (builder);
  for (guint i = 0; i < article->entities->len; i++)
    {
      const NfEntity *entity = g_ptr_array_index (article->entities, i);

      json_builder_begin_object (builder);
      add_string_or_null (builder, "name", entity->name);
      add_string_or_null (builder, "kind",
                          nf_entity_kind_to_string (entity->kind));
      add_string_array (builder, "aliases", entity->aliases);
      add_string_or_null (builder, "role", entity->role);
      json_builder_set_member_name (builder, "mentions");
      json_builder_add_int_value (builder, entity->mentions->len);
      json_builder_set_member_name (builder, "spans");
      json_builder_begin_array (builder);
      for (guint j = 0; j < entity->mentions->len; j++)
        {
          const NfSpan *span = &g_array_index (entity->mentions, NfSpan, j);

          json_builder_begin_array (builder);
          json_builder_add_int_value (builder,
                                      cursor_to_char (cursor, span->start));
          json_builder_add_int_value (builder,
                                      cursor_to_char (cursor, span->end));
          json_builder_end_array (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_acronyms (JsonBuilder     *builder,
              const NfArticle *article)
{
  json_builder_set_member_name (builder, "acronyms");
  json_builder_begin_array (builder);
  for (guint i = 0; i < article->acronyms->len; i++)
    {
      const NfAcronym *acronym = g_ptr_array_index (article->acronyms, i);

      json_builder_begin_object (builder);
      add_string_or_null (builder, "short", acronym->short_form);
      add_string_or_null (builder, "long", acronym->long_form);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

JsonNode *
nf_article_to_json_node (const NfArticle *article)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *body = NULL;
  OffsetCursor cursor = { article->text, article->text_len, 0, 0 };

  g_return_val_if_fail (article != NULL, NULL);

  body = nf_article_dup_body (article);

  json_builder_begin_object (builder);
  add_string_or_null (builder, "schema", NF_SCHEMA);
  add_string_or_null (builder, "id", article->id);
  add_string_or_null (builder, "source", article->source);
  add_string_or_null (builder, "headline", article->headline);
  add_string_array (builder, "byline", article->byline);
  add_string_or_null (builder, "agency", article->agency);
  add_string_or_null (builder, "dateline", article->dateline);
  add_string_or_null (builder, "published", article->published);
  json_builder_set_member_name (builder, "published_inferred");
  json_builder_add_boolean_value (builder, article->published_inferred);
  add_string_or_null (builder, "brief", article->brief ? article->brief : "");
  add_string_or_null (builder, "body", body);
  add_quotes (builder, &cursor, article);
  add_figures (builder, &cursor, article);
  add_dates (builder, &cursor, article);
  add_entities (builder, &cursor, article);
  add_acronyms (builder, article);
  add_string_array (builder, "captions", article->captions);
  add_string_array (builder, "related", article->related);
  add_string_array (builder, "contacts", article->contacts);
  add_string_or_null (builder, "story", article->story);
  add_string_array (builder, "warnings", article->warnings);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

char *
nf_article_to_json (const NfArticle *article,
                    gboolean         pretty)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  g_return_val_if_fail (article != NULL, NULL);

  root = nf_article_to_json_node (article);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, pretty);
  json_generator_set_indent (generator, 2);

  return json_generator_to_data (generator, NULL);
}
