/* nf-json.c: the facts JSON (schema newsfacts/1)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every key of the schema is always written; absent facts are null or [].
 * Offsets are turned from bytes into code points here, and only here.
 *
 * The schema is walked once, through a small emitter with two backends: a
 * JsonBuilder for callers that want a JsonNode (the store), and a GString
 * writer for the text.  Building a node tree only to print it cost a third
 * of the parse time; the writer gives the same bytes as json-glib 1.6's
 * generator, quirks included (see write_escaped ()).
 */

#define G_LOG_DOMAIN "newsfacts"

#include "config.h"

#include <math.h>
#include <string.h>

#include "nf-json.h"
#include "nf-json-private.h"
#include "nf-pipeline.h"

/* Converts byte offsets to code-point offsets: the count of code points
 * before every 64th byte is taken in one pass, so any offset, in any
 * order, costs at most 63 steps.  The text is valid UTF-8 (decoded by the
 * pipeline), so the code points before a byte are its non-continuation
 * bytes. */
#define MARK_SHIFT 6

typedef struct
{
  const char *text;
  gsize       len;
  guint32    *marks;
} OffsetIndex;

static void
offset_index_init (OffsetIndex *index,
                   const char  *text,
                   gsize        len)
{
  gsize n_marks = (len >> MARK_SHIFT) + 1;
  guint32 chars = 0;

  index->text = text;
  index->len = len;
  index->marks = g_new (guint32, n_marks);
  for (gsize m = 0; m < n_marks; m++)
    {
      gsize start = m << MARK_SHIFT;
      gsize end = MIN (start + (1 << MARK_SHIFT), len);

      index->marks[m] = chars;
      for (gsize i = start; i < end; i++)
        chars += ((guchar) text[i] & 0xC0) != 0x80;
    }
}

static void
offset_index_clear (OffsetIndex *index)
{
  g_clear_pointer (&index->marks, g_free);
}

static gint64
offset_index_chars (const OffsetIndex *index,
                    gsize              byte)
{
  gsize start;
  gint64 chars;

  if (byte > index->len)
    byte = index->len;
  start = byte & ~(((gsize) 1 << MARK_SHIFT) - 1);
  chars = index->marks[byte >> MARK_SHIFT];
  for (gsize i = start; i < byte; i++)
    chars += ((guchar) index->text[i] & 0xC0) != 0x80;
  return chars;
}

/* The emitter: one set of calls, two backends. */
#define MAX_DEPTH 16

typedef struct
{
  JsonBuilder *builder;   /* node backend, or NULL */
  GString     *out;       /* text backend */
  gboolean     pretty;
  guint        depth;
  guint        count[MAX_DEPTH];  /* items written in each open container */
  gboolean     is_object[MAX_DEPTH];
  gboolean     after_key;
} Emitter;

#define INDENT 2

/* g_string_append_len () without the call when there is room: the writer
 * makes many short appends. */
static inline void
out_append (GString    *out,
            const char *data,
            gsize       len)
{
  if (G_LIKELY (out->len + len < out->allocated_len))
    {
      memcpy (out->str + out->len, data, len);
      out->len += len;
      out->str[out->len] = '\0';
    }
  else
    g_string_append_len (out, data, len);
}

static inline void
out_append_c (GString *out,
              char     c)
{
  if (G_LIKELY (out->len + 1 < out->allocated_len))
    {
      out->str[out->len++] = c;
      out->str[out->len] = '\0';
    }
  else
    g_string_append_c (out, c);
}

static void
write_indent (Emitter *e,
              guint    level)
{
  for (guint i = 0; i < level * INDENT; i++)
    g_string_append_c (e->out, ' ');
}

/* As json-glib 1.6 escapes: '"' and '\\', the C escapes, \u00XX for the
 * other controls from 0x01 to 0x1e and for 0x7f.  It leaves 0x1f as it is;
 * so do we, so that the text and the store's copy (printed by json-glib)
 * stay byte for byte the same. */
static const guint8 stops[256] = {
  [0x00] = 1,   /* the end of the string, tested with the escapes */
  [0x01] = 1, [0x02] = 1, [0x03] = 1, [0x04] = 1, [0x05] = 1, [0x06] = 1,
  [0x07] = 1, [0x08] = 1, [0x09] = 1, [0x0a] = 1, [0x0b] = 1, [0x0c] = 1,
  [0x0d] = 1, [0x0e] = 1, [0x0f] = 1, [0x10] = 1, [0x11] = 1, [0x12] = 1,
  [0x13] = 1, [0x14] = 1, [0x15] = 1, [0x16] = 1, [0x17] = 1, [0x18] = 1,
  [0x19] = 1, [0x1a] = 1, [0x1b] = 1, [0x1c] = 1, [0x1d] = 1, [0x1e] = 1,
  ['"'] = 1, ['\\'] = 1, [0x7f] = 1,
};

/* Whether any of the eight bytes at @p may need an escape: below 0x20
 * (0x1f and NUL too, which the byte test then lets through), '"', '\\'
 * or 0x7f.  Bytes from 0x80 never do. */
static inline gboolean
block_may_escape (const char *p)
{
  const guint64 ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
  guint64 x, x7, hit;

  memcpy (&x, p, 8);
  x7 = x & ~high;
  hit = ~(x7 + ones * (0x7F - 0x1F));                        /* < 0x20 */
  hit |= (x7 + ones * (0x80 - '"')) & ~(x7 + ones * (0x7F - '"'));
  hit |= (x7 + ones * (0x80 - '\\')) & ~(x7 + ones * (0x7F - '\\'));
  hit |= x7 + ones * (0x80 - 0x7F);                          /* 0x7f */
  return (hit & ~x & high) != 0;
}

static void
write_escaped (GString    *out,
               const char *str)
{
  const char *run = str;
  const char *p = str;
  const char *end = str + strlen (str);

  for (;; p++)
    {
      guchar c;

      /* Eight bytes at a time through the runs that need no escape, then
       * byte by byte; the terminating NUL stops the same test as the
       * escapes. */
      while (end - p >= 8 && !block_may_escape (p))
        p += 8;
      while (!stops[(guchar) *p])
        p++;
      c = (guchar) *p;
      if (c == '\0')
        break;
      out_append (out, run, p - run);
      run = p + 1;
      switch (c)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\b': g_string_append (out, "\\b"); break;
        case '\f': g_string_append (out, "\\f"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default: g_string_append_printf (out, "\\u00%02x", (guint) c); break;
        }
    }
  out_append (out, run, p - run);
}

/* Separator and indentation before a value; after a key, none. */
static void
begin_item (Emitter *e)
{
  if (e->after_key)
    {
      e->after_key = FALSE;
      return;
    }
  if (e->depth == 0)
    return;
  if (e->count[e->depth - 1]++ > 0)
    out_append_c (e->out, ',');
  if (e->pretty)
    {
      out_append_c (e->out, '\n');
      write_indent (e, e->depth);
    }
}

static void
emit_key (Emitter    *e,
          const char *key)
{
  if (e->builder != NULL)
    {
      json_builder_set_member_name (e->builder, key);
      return;
    }
  begin_item (e);
  out_append_c (e->out, '"');
  /* The keys are the schema's own names: nothing to escape. */
  out_append (e->out, key, strlen (key));
  if (e->pretty)
    out_append (e->out, "\" : ", 4);
  else
    out_append (e->out, "\":", 2);
  e->after_key = TRUE;
}

static void
emit_open (Emitter  *e,
           gboolean  object)
{
  if (e->builder != NULL)
    {
      if (object)
        json_builder_begin_object (e->builder);
      else
        json_builder_begin_array (e->builder);
      return;
    }
  g_assert (e->depth < MAX_DEPTH);
  begin_item (e);
  out_append_c (e->out, object ? '{' : '[');
  e->count[e->depth] = 0;
  e->is_object[e->depth] = object;
  e->depth++;
}

/* json-glib ends a non-empty container on its own line, and pads an empty
 * object (never an empty array) with the indentation of its level. */
static void
emit_close (Emitter *e)
{
  gboolean object;
  guint count;

  if (e->builder != NULL)
    {
      /* The builder knows what it opened. */
      return;
    }
  g_assert (e->depth > 0);
  e->depth--;
  object = e->is_object[e->depth];
  count = e->count[e->depth];
  if (e->pretty && count > 0)
    out_append_c (e->out, '\n');
  if (e->pretty && (count > 0 || object))
    write_indent (e, e->depth);
  out_append_c (e->out, object ? '}' : ']');
}

static void
emit_begin_object (Emitter *e)
{
  emit_open (e, TRUE);
}

static void
emit_end_object (Emitter *e)
{
  if (e->builder != NULL)
    json_builder_end_object (e->builder);
  else
    emit_close (e);
}

static void
emit_begin_array (Emitter *e)
{
  emit_open (e, FALSE);
}

static void
emit_end_array (Emitter *e)
{
  if (e->builder != NULL)
    json_builder_end_array (e->builder);
  else
    emit_close (e);
}

static void
emit_string (Emitter    *e,
             const char *value)
{
  if (e->builder != NULL)
    {
      if (value != NULL)
        json_builder_add_string_value (e->builder, value);
      else
        json_builder_add_null_value (e->builder);
      return;
    }
  begin_item (e);
  if (value == NULL)
    {
      out_append (e->out, "null", 4);
      return;
    }
  out_append_c (e->out, '"');
  write_escaped (e->out, value);
  out_append_c (e->out, '"');
}

static void
emit_null (Emitter *e)
{
  emit_string (e, NULL);
}

static void
emit_boolean (Emitter  *e,
              gboolean  value)
{
  if (e->builder != NULL)
    {
      json_builder_add_boolean_value (e->builder, value);
      return;
    }
  begin_item (e);
  if (value)
    out_append (e->out, "true", 4);
  else
    out_append (e->out, "false", 5);
}

static void
emit_int (Emitter *e,
          gint64   value)
{
  char buf[24];
  char *p = buf + sizeof buf;
  guint64 magnitude = value < 0 ? -(guint64) value : (guint64) value;

  if (e->builder != NULL)
    {
      json_builder_add_int_value (e->builder, value);
      return;
    }
  begin_item (e);
  do
    {
      *--p = '0' + magnitude % 10;
      magnitude /= 10;
    }
  while (magnitude > 0);
  if (value < 0)
    *--p = '-';
  out_append (e->out, p, buf + sizeof buf - p);
}

/* As json-glib 1.6 writes a double: g_ascii_dtostr (), then ".0" when
 * there is no decimal point. */
static void
emit_double (Emitter *e,
             double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (e->builder != NULL)
    {
      json_builder_add_double_value (e->builder, value);
      return;
    }
  begin_item (e);
  g_ascii_dtostr (buf, sizeof buf, value);
  g_string_append (e->out, buf);
  if (strchr (buf, '.') == NULL)
    out_append (e->out, ".0", 2);
}

/* The schema. */

static void
add_string_or_null (Emitter    *e,
                    const char *key,
                    const char *value)
{
  emit_key (e, key);
  emit_string (e, value);
}

static void
add_number (Emitter *e,
            double   value)
{
  /* Whole numbers go out as integers up to the gint64 range.  Beyond it
   * json-glib 1.6 writes 1e27 as "1e+27.0", which is not JSON, so such
   * values (all whole: every double past 2^53 is) are written as null. */
  if (isfinite (value) && value == floor (value) && fabs (value) < 9.2e18)
    emit_int (e, (gint64) value);
  else if (isfinite (value) && fabs (value) < 9.2e18)
    emit_double (e, value);
  else
    emit_null (e);
}

static void
add_string_array (Emitter         *e,
                  const char      *key,
                  const GPtrArray *strings)
{
  emit_key (e, key);
  emit_begin_array (e);
  for (guint i = 0; strings != NULL && i < strings->len; i++)
    emit_string (e, g_ptr_array_index (strings, i));
  emit_end_array (e);
}

static void
add_span (Emitter           *e,
          const OffsetIndex *index,
          gsize              start,
          gsize              end)
{
  emit_key (e, "start");
  emit_int (e, offset_index_chars (index, start));
  emit_key (e, "end");
  emit_int (e, offset_index_chars (index, end));
}

static void
add_quotes (Emitter           *e,
            const OffsetIndex *index,
            const NfArticle   *article)
{
  emit_key (e, "quotes");
  emit_begin_array (e);
  for (guint i = 0; i < article->quotes->len; i++)
    {
      const NfQuote *quote = g_ptr_array_index (article->quotes, i);

      emit_begin_object (e);
      add_string_or_null (e, "text", quote->text);
      add_string_or_null (e, "speaker", quote->speaker);
      add_string_or_null (e, "speaker_role", quote->speaker_role);
      add_string_or_null (e, "speaker_kind",
                          nf_speaker_kind_to_string (quote->speaker_kind));
      add_string_or_null (e, "verb", quote->verb);
      emit_key (e, "partial");
      emit_boolean (e, quote->partial);
      add_span (e, index, quote->start, quote->end);
      emit_end_object (e);
    }
  emit_end_array (e);
}

static void
add_figures (Emitter           *e,
             const OffsetIndex *index,
             const NfArticle   *article)
{
  emit_key (e, "figures");
  emit_begin_array (e);
  for (guint i = 0; i < article->figures->len; i++)
    {
      const NfFigure *figure = g_ptr_array_index (article->figures, i);

      emit_begin_object (e);
      add_string_or_null (e, "text", figure->text);
      add_string_or_null (e, "kind", nf_figure_kind_to_string (figure->kind));
      emit_key (e, "value");
      add_number (e, figure->value);
      emit_key (e, "value_max");
      add_number (e, figure->value_max);
      add_string_or_null (e, "unit", figure->unit);
      add_string_or_null (e, "qualifier", figure->qualifier);
      add_string_or_null (e, "subject", figure->subject);
      add_string_or_null (e, "direction", figure->direction);
      add_span (e, index, figure->start, figure->end);
      emit_end_object (e);
    }
  emit_end_array (e);
}

static void
add_dates (Emitter           *e,
           const OffsetIndex *index,
           const NfArticle   *article)
{
  emit_key (e, "dates");
  emit_begin_array (e);
  for (guint i = 0; i < article->dates->len; i++)
    {
      const NfDate *date = g_ptr_array_index (article->dates, i);

      emit_begin_object (e);
      add_string_or_null (e, "text", date->text);
      add_string_or_null (e, "value", date->value);
      add_span (e, index, date->start, date->end);
      emit_end_object (e);
    }
  emit_end_array (e);
}

static void
add_mention_spans (Emitter           *e,
                   const OffsetIndex *index,
                   const NfEntity    *entity)
{
  emit_key (e, "spans");
  emit_begin_array (e);
  for (guint j = 0; j < entity->mentions->len; j++)
    {
      const NfSpan *span = &g_array_index (entity->mentions, NfSpan, j);

      emit_begin_array (e);
      emit_int (e, offset_index_chars (index, span->start));
      emit_int (e, offset_index_chars (index, span->end));
      emit_end_array (e);
    }
  emit_end_array (e);
}

static void
add_entities (Emitter           *e,
              const OffsetIndex *index,
              const NfArticle   *article)
{
  emit_key (e, "entities");
  emit_begin_array (e);
  for (guint i = 0; i < article->entities->len; i++)
    {
      const NfEntity *entity = g_ptr_array_index (article->entities, i);

      emit_begin_object (e);
      add_string_or_null (e, "name", entity->name);
      add_string_or_null (e, "kind", nf_entity_kind_to_string (entity->kind));
      add_string_array (e, "aliases", entity->aliases);
      add_string_or_null (e, "role", entity->role);
      emit_key (e, "mentions");
      emit_int (e, entity->mentions->len);
      add_mention_spans (e, index, entity);
      emit_end_object (e);
    }
  emit_end_array (e);
}

static void
add_acronyms (Emitter         *e,
              const NfArticle *article)
{
  emit_key (e, "acronyms");
  emit_begin_array (e);
  for (guint i = 0; i < article->acronyms->len; i++)
    {
      const NfAcronym *acronym = g_ptr_array_index (article->acronyms, i);

      emit_begin_object (e);
      add_string_or_null (e, "short", acronym->short_form);
      add_string_or_null (e, "long", acronym->long_form);
      emit_end_object (e);
    }
  emit_end_array (e);
}

static void
add_body (Emitter         *e,
          const NfArticle *article)
{
  g_autofree char *body = nf_article_dup_body (article);

  add_string_or_null (e, "body", body);
}

static void
add_article (Emitter         *e,
             const NfArticle *article)
{
  OffsetIndex index;

  offset_index_init (&index, article->text, article->text_len);
  emit_begin_object (e);
  add_string_or_null (e, "schema", NF_SCHEMA);
  add_string_or_null (e, "id", article->id);
  add_string_or_null (e, "source", article->source);
  add_string_or_null (e, "headline", article->headline);
  add_string_array (e, "byline", article->byline);
  add_string_or_null (e, "agency", article->agency);
  add_string_or_null (e, "dateline", article->dateline);
  add_string_or_null (e, "published", article->published);
  emit_key (e, "published_inferred");
  emit_boolean (e, article->published_inferred);
  add_string_or_null (e, "brief", article->brief ? article->brief : "");
  add_body (e, article);
  add_quotes (e, &index, article);
  add_figures (e, &index, article);
  add_dates (e, &index, article);
  add_entities (e, &index, article);
  add_acronyms (e, article);
  add_string_array (e, "captions", article->captions);
  add_string_array (e, "related", article->related);
  add_string_array (e, "contacts", article->contacts);
  add_string_or_null (e, "story", article->story);
  add_string_array (e, "warnings", article->warnings);
  emit_end_object (e);
  offset_index_clear (&index);
}

JsonNode *
nf_article_to_json_node (const NfArticle *article)
{
  g_autoptr(JsonBuilder) builder = NULL;
  Emitter e = { 0, };

  g_return_val_if_fail (article != NULL, NULL);

  builder = json_builder_new ();
  e.builder = builder;
  add_article (&e, article);
  return json_builder_get_root (builder);
}

char *
nf_article_to_json (const NfArticle *article,
                    gboolean         pretty)
{
  Emitter e = { 0, };

  g_return_val_if_fail (article != NULL, NULL);

  /* The text and its facts print to about twice the size of the text. */
  e.out = g_string_sized_new (2 * article->text_len + 1024);
  e.pretty = pretty;
  add_article (&e, article);
  return g_string_free (e.out, FALSE);
}

/* For the other documents that must read as json-glib 1.6 prints them
 * (the story JSON, nf-story-report.c): a string value, quoted and
 * escaped, and a double, with the writer's rules. */
void
_nf_json_append_string (GString    *out,
                        const char *value)
{
  out_append_c (out, '"');
  write_escaped (out, value);
  out_append_c (out, '"');
}

void
_nf_json_append_double (GString *out,
                        double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_dtostr (buf, sizeof buf, value);
  g_string_append (out, buf);
  if (strchr (buf, '.') == NULL)
    out_append (out, ".0", 2);
}
