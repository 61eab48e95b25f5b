/* nf-check.c: invariants every parsed article must keep, whatever the input
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "nf-check.h"
#include "nf-json.h"

#define FAIL(...) return g_strdup_printf (__VA_ARGS__)
#define CHECK(call) G_STMT_START { char *_m = (call); if (_m != NULL) return _m; } G_STMT_END

static char *
check_string (const char *what,
              const char *value)
{
  if (value != NULL && !g_utf8_validate (value, -1, NULL))
    FAIL ("%s is not valid UTF-8", what);
  return NULL;
}

static char *
check_strings (const char      *what,
               const GPtrArray *values)
{
  if (values == NULL)
    FAIL ("%s is NULL", what);
  for (guint i = 0; i < values->len; i++)
    {
      if (values->pdata[i] == NULL)
        FAIL ("%s[%u] is NULL", what, i);
      CHECK (check_string (what, values->pdata[i]));
    }
  return NULL;
}

static gboolean
on_boundary (const NfArticle *article,
             gsize            offset)
{
  return offset >= article->text_len
         || ((guchar) article->text[offset] & 0xC0) != 0x80;
}

static char *
check_span (const NfArticle *article,
            const char      *what,
            guint            index,
            gsize            start,
            gsize            end)
{
  if (start > end || end > article->text_len)
    FAIL ("%s %u: span %zu..%zu outside text of %zu bytes", what, index,
          start, end, article->text_len);
  if (!on_boundary (article, start) || !on_boundary (article, end))
    FAIL ("%s %u: span %zu..%zu cuts a character", what, index, start, end);
  return NULL;
}

static char *
check_ordered_spans (const NfArticle *article,
                     const char      *what,
                     GArray          *spans,
                     gsize            element_size,
                     gsize            start_offset)
{
  gsize previous_end = 0;

  for (guint i = 0; i < spans->len; i++)
    {
      const char *element = spans->data + i * element_size + start_offset;
      gsize start = ((const gsize *) element)[0];
      gsize end = ((const gsize *) element)[1];

      CHECK (check_span (article, what, i, start, end));
      if (start < previous_end)
        FAIL ("%s %u starts at %zu, before the end of the one before (%zu)",
              what, i, start, previous_end);
      previous_end = end;
    }
  return NULL;
}

static char *
check_quotes (const NfArticle *article)
{
  for (guint i = 0; i < article->quotes->len; i++)
    {
      const NfQuote *q = article->quotes->pdata[i];

      CHECK (check_span (article, "quote", i, q->start, q->end));
      CHECK (check_string ("quote text", q->text));
      CHECK (check_string ("quote speaker", q->speaker));
      CHECK (check_string ("quote speaker role", q->speaker_role));
      CHECK (check_string ("quote verb", q->verb));
    }
  return NULL;
}

static char *
check_figures_and_dates (const NfArticle *article)
{
  for (guint i = 0; i < article->figures->len; i++)
    {
      const NfFigure *f = article->figures->pdata[i];

      CHECK (check_span (article, "figure", i, f->start, f->end));
      CHECK (check_string ("figure text", f->text));
      CHECK (check_string ("figure unit", f->unit));
      CHECK (check_string ("figure qualifier", f->qualifier));
      CHECK (check_string ("figure subject", f->subject));
      CHECK (check_string ("figure direction", f->direction));
    }
  for (guint i = 0; i < article->dates->len; i++)
    {
      const NfDate *d = article->dates->pdata[i];

      CHECK (check_span (article, "date", i, d->start, d->end));
      CHECK (check_string ("date text", d->text));
      CHECK (check_string ("date value", d->value));
    }
  return NULL;
}

static char *
check_entities (const NfArticle *article)
{
  for (guint i = 0; i < article->entities->len; i++)
    {
      const NfEntity *e = article->entities->pdata[i];

      if (e->name == NULL)
        FAIL ("entity %u has no name", i);
      CHECK (check_string ("entity name", e->name));
      CHECK (check_string ("entity role", e->role));
      CHECK (check_strings ("entity aliases", e->aliases));
      for (guint j = 0; j < e->mentions->len; j++)
        {
          const NfSpan *s = &g_array_index (e->mentions, NfSpan, j);

          CHECK (check_span (article, "entity mention", j, s->start, s->end));
        }
    }
  for (guint i = 0; i < article->acronyms->len; i++)
    {
      const NfAcronym *a = article->acronyms->pdata[i];

      CHECK (check_string ("acronym short form", a->short_form));
      CHECK (check_string ("acronym long form", a->long_form));
    }
  return NULL;
}

static char *
check_header (const NfArticle *article)
{
  if (article->text == NULL || strlen (article->text) != article->text_len)
    FAIL ("text length %zu does not match its bytes", article->text_len);
  if (!g_utf8_validate (article->text, article->text_len, NULL))
    FAIL ("text is not valid UTF-8");
  if (article->id == NULL || strlen (article->id) != 16)
    FAIL ("id \"%s\" is not 16 characters", article->id ? article->id : "");
  CHECK (check_string ("source", article->source));
  CHECK (check_string ("headline", article->headline));
  CHECK (check_strings ("byline", article->byline));
  CHECK (check_string ("agency", article->agency));
  CHECK (check_string ("dateline", article->dateline));
  CHECK (check_string ("published", article->published));
  CHECK (check_string ("brief", article->brief));
  CHECK (check_string ("story", article->story));
  CHECK (check_strings ("warnings", article->warnings));
  CHECK (check_strings ("captions", article->captions));
  CHECK (check_strings ("related", article->related));
  CHECK (check_strings ("contacts", article->contacts));
  if (article->published_start > article->published_end
      || article->published_end > article->text_len)
    FAIL ("published span %zu..%zu outside the text",
          article->published_start, article->published_end);
  return NULL;
}

char *
nf_check_article (const NfArticle *article)
{
  g_autofree char *json = NULL;

  g_return_val_if_fail (article != NULL, g_strdup ("no article"));

  CHECK (check_header (article));
  CHECK (check_ordered_spans (article, "block", article->blocks,
                              sizeof (NfBlock), G_STRUCT_OFFSET (NfBlock, start)));
  CHECK (check_ordered_spans (article, "sentence", article->sentences,
                              sizeof (NfSpan), 0));
  CHECK (check_quotes (article));
  CHECK (check_figures_and_dates (article));
  CHECK (check_entities (article));

  json = nf_article_to_json (article, FALSE);
  return nf_check_json (json, g_utf8_strlen (article->text, article->text_len));
}

static char *
check_json_offsets (JsonObject *root,
                    const char *member,
                    glong       n_chars)
{
  JsonArray *array;

  if (!json_object_has_member (root, member))
    FAIL ("JSON lacks \"%s\"", member);
  array = json_object_get_array_member (root, member);
  if (array == NULL)
    FAIL ("JSON \"%s\" is not an array", member);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *item = json_array_get_object_element (array, i);
      gint64 start, end;

      if (item == NULL || !json_object_has_member (item, "start"))
        FAIL ("JSON %s[%u] has no start", member, i);
      start = json_object_get_int_member (item, "start");
      end = json_object_get_int_member (item, "end");
      if (start < 0 || start > end || end > n_chars)
        FAIL ("JSON %s[%u]: %" G_GINT64_FORMAT "..%" G_GINT64_FORMAT
              " outside %ld characters", member, i, start, end, n_chars);
    }
  return NULL;
}

char *
nf_check_json (const char *json,
               glong       n_chars)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root;

  if (json == NULL)
    FAIL ("no JSON");
  if (!g_utf8_validate (json, -1, NULL))
    FAIL ("JSON is not valid UTF-8");
  if (!json_parser_load_from_data (parser, json, -1, &error))
    FAIL ("JSON does not parse: %s", error->message);
  root = json_node_get_object (json_parser_get_root (parser));
  if (root == NULL)
    FAIL ("JSON is not an object");
  if (g_strcmp0 (json_object_get_string_member_with_default (root, "schema", ""),
                 NF_SCHEMA) != 0)
    FAIL ("JSON schema is not %s", NF_SCHEMA);
  CHECK (check_json_offsets (root, "quotes", n_chars));
  CHECK (check_json_offsets (root, "figures", n_chars));
  CHECK (check_json_offsets (root, "dates", n_chars));
  return NULL;
}
