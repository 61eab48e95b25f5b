/* nf-eval-facts.c: dates and figures of loose text, for the scorers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reads JSON Lines {"text": ..., "published": ...} on standard input and
 * prints one line {"dates": [...], "figures": [...]} per input, offsets in
 * code points of "text".  Each paragraph (blank-line separated, or each
 * line with --lines) is one body block; the pipeline's own sentence
 * splitter, dates and figures stages run on it, so the scores measure the
 * stages and not the structure detection.
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "nf-numbers-private.h"
#include "nf-pipeline-private.h"

static void
add_blocks (NfArticle *article,
            gboolean   lines)
{
  const char *text = article->text;
  gsize pos = 0, len = article->text_len;

  while (pos < len)
    {
      gsize end = pos;
      NfBlock block = { NF_BLOCK_BODY, 0, 0 };

      /* a block ends at a blank line, or at any line end with --lines */
      while (end < len && !(text[end] == '\n'
                            && (lines || (end + 1 < len && text[end + 1] == '\n'))))
        end++;
      block.start = pos;
      block.end = end;
      while (block.start < block.end && g_ascii_isspace (text[block.start]))
        block.start++;
      while (block.end > block.start && g_ascii_isspace (text[block.end - 1]))
        block.end--;
      if (block.end > block.start)
        g_array_append_val (article->blocks, block);
      pos = end + 1;
    }
}

static void
print_article (const NfArticle *article)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *out = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "published");
  json_builder_add_string_value (b, article->published ? article->published : "");
  json_builder_set_member_name (b, "dates");
  json_builder_begin_array (b);
  for (guint i = 0; i < article->dates->len; i++)
    {
      const NfDate *d = g_ptr_array_index (article->dates, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "text");
      json_builder_add_string_value (b, d->text);
      json_builder_set_member_name (b, "value");
      if (d->value)
        json_builder_add_string_value (b, d->value);
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "start");
      json_builder_add_int_value (b, nf_article_char_offset (article, d->start));
      json_builder_set_member_name (b, "end");
      json_builder_add_int_value (b, nf_article_char_offset (article, d->end));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "figures");
  json_builder_begin_array (b);
  for (guint i = 0; i < article->figures->len; i++)
    {
      const NfFigure *f = g_ptr_array_index (article->figures, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "text");
      json_builder_add_string_value (b, f->text);
      json_builder_set_member_name (b, "kind");
      json_builder_add_string_value (b, nf_figure_kind_to_string (f->kind));
      json_builder_set_member_name (b, "value");
      json_builder_add_double_value (b, f->value);
      json_builder_set_member_name (b, "unit");
      json_builder_add_string_value (b, f->unit ? f->unit : "");
      json_builder_set_member_name (b, "start");
      json_builder_add_int_value (b, nf_article_char_offset (article, f->start));
      json_builder_set_member_name (b, "end");
      json_builder_add_int_value (b, nf_article_char_offset (article, f->end));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  out = json_generator_to_data (gen, NULL);
  puts (out);
}

/* {"numbers": [...]}: every number phrase (or ordinal) the number reader
 * finds, whether or not the figures stage would report it. */
static void
print_numbers (const char *text,
               gboolean    ordinals)
{
  g_autoptr(GArray) tokens = _nf_tokenize (text, 0, strlen (text));
  const NfToken *t = (const NfToken *) tokens->data;
  g_autoptr(GString) out = g_string_new ("{\"numbers\":[");
  gboolean first = TRUE;
  guint i = 0;

  while (i < tokens->len)
    {
      double value;
      guint next;
      NfNumberFlags flags;
      gboolean found = ordinals
        ? _nf_ordinal_parse (t, tokens->len, i, &value, &next)
        : _nf_number_parse (t, tokens->len, i, &value, &next, &flags);
      char buf[G_ASCII_DTOSTR_BUF_SIZE];

      if (!found)
        {
          i++;
          continue;
        }
      g_string_append_printf (out, "%s{\"value\":%s,\"start\":%ld,\"end\":%ld}",
                              first ? "" : ",",
                              g_ascii_dtostr (buf, sizeof buf, value),
                              g_utf8_pointer_to_offset (text, text + t[i].start),
                              g_utf8_pointer_to_offset (text, text + t[next - 1].end));
      first = FALSE;
      i = next;
    }
  g_string_append (out, "]}");
  puts (out->str);
}

static void
run_one (const char *line,
         gboolean    lines)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(NfArticle) article = NULL;
  JsonObject *obj;
  const char *text, *published, *mode;

  if (!json_parser_load_from_data (parser, line, -1, NULL)
      || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      puts ("{\"error\":\"bad input\"}");
      return;
    }
  obj = json_node_get_object (json_parser_get_root (parser));
  text = json_object_get_string_member_with_default (obj, "text", "");
  published = json_object_get_string_member_with_default (obj, "published", NULL);
  mode = json_object_get_string_member_with_default (obj, "mode", "facts");
  if (strcmp (mode, "facts") != 0)
    {
      print_numbers (text, strcmp (mode, "ordinals") == 0);
      return;
    }
  article = nf_article_new ("eval", g_strdup (text), strlen (text));
  if (published != NULL && *published != '\0')
    article->published = g_strdup (published);
  add_blocks (article, lines);
  /* Dates read the whole text, as a later date may lean on an earlier
   * one ("the quarter"); _nf_dates_scan () keeps every mention, as the
   * corpora mark them all.  Figures drop repeats, so each paragraph runs
   * on its own. */
  _nf_sentences_run (article);
  _nf_dates_scan (article);
  for (guint i = 0; i < article->blocks->len; i++)
    {
      g_autoptr(NfArticle) part = nf_article_new ("eval", g_strdup (text),
                                                  strlen (text));

      part->published = g_strdup (article->published);
      g_array_append_val (part->blocks,
                          g_array_index (article->blocks, NfBlock, i));
      _nf_sentences_run (part);
      _nf_figures_run (part);
      g_ptr_array_extend_and_steal (article->figures,
                                    g_steal_pointer (&part->figures));
      part->figures = g_ptr_array_new ();
    }
  print_article (article);
}

/* --bench: time the dates and figures stages alone over the inputs */
static int
bench (void)
{
  char *line = NULL;
  size_t cap = 0;
  ssize_t n;
  gint64 spent = 0;
  gsize bytes = 0;
  guint facts = 0;

  while ((n = getline (&line, &cap, stdin)) > 0)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(NfArticle) article = NULL;
      const char *text;
      gint64 t0;

      if (!json_parser_load_from_data (parser, line, n, NULL))
        continue;
      text = json_object_get_string_member_with_default (
        json_node_get_object (json_parser_get_root (parser)), "text", "");
      article = nf_article_new ("bench", g_strdup (text), strlen (text));
      article->published = g_strdup ("2005-03-01");
      add_blocks (article, FALSE);
      _nf_sentences_run (article);
      t0 = g_get_monotonic_time ();
      _nf_dates_run (article);
      _nf_figures_run (article);
      spent += g_get_monotonic_time () - t0;
      bytes += strlen (text);
      facts += article->dates->len + article->figures->len;
    }
  free (line);
  printf ("{\"bytes\":%" G_GSIZE_FORMAT ",\"seconds\":%.3f,\"mb_per_s\":%.1f,"
          "\"facts\":%u}\n", bytes, spent / 1e6,
          spent > 0 ? bytes / (spent / 1e6) / 1e6 : 0.0, facts);
  return 0;
}

int
main (int    argc,
      char **argv)
{
  gboolean lines = argc > 1 && strcmp (argv[1], "--lines") == 0;

  if (argc > 1 && strcmp (argv[1], "--bench") == 0)
    return bench ();
  char *line = NULL;
  size_t cap = 0;
  ssize_t n;

  while ((n = getline (&line, &cap, stdin)) > 0)
    {
      if (line[n - 1] == '\n')
        line[n - 1] = '\0';
      run_one (line, lines);
      fflush (stdout);
    }
  free (line);
  return 0;
}
