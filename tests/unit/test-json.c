/* test-json.c: the facts JSON writer against json-glib's generator
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * nf_article_to_json () prints the facts with its own writer, and the
 * store prints nf_article_to_json_node () with json-glib.  The two must
 * give the same bytes, compact and pretty, on real articles (the seeds
 * and some of the BBC corpus, when ../shared is there) and on an article
 * built to hold every awkward character, number and offset.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "nf-json.h"
#include "nf-pipeline.h"

static char *
generate (const NfArticle *article,
          gboolean         pretty)
{
  g_autoptr(JsonNode) root = nf_article_to_json_node (article);
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, pretty);
  json_generator_set_indent (generator, 2);
  return json_generator_to_data (generator, NULL);
}

static void
assert_same_as_json_glib (const NfArticle *article)
{
  for (int pretty = 0; pretty <= 1; pretty++)
    {
      g_autofree char *ours = nf_article_to_json (article, pretty);
      g_autofree char *theirs = generate (article, pretty);

      g_assert_cmpstr (ours, ==, theirs);
    }
}

/* Every control character, quotes, backslashes, text in three scripts,
 * offsets out of order and inside multi-byte characters' neighbours,
 * numbers of every kind the figures can hold. */
static NfArticle *
awkward_article (void)
{
  GString *text = g_string_new ("H\xc3\xa9" "adline \"quoted\" \\ back\n\n");
  NfArticle *article;
  NfFigure *figure;
  NfEntity *entity;
  const double values[] = { 0.5, 1e-7, 123456.789, -2.25, 3, -0.0, 1e27,
                            -4e19, NAN, INFINITY, 9.1e18, 0.1 };

  for (int c = 1; c < 0x80; c++)
    if (c != '\n')
      g_string_append_c (text, c);
  g_string_append (text, " \xe4\xb8\xad\xe6\x96\x87 \xf0\x9f\x98\x80 "
                   "caf\xc3\xa9 end.\n");
  article = nf_article_new ("awk\"ward\x01.txt", g_strdup (text->str),
                            text->len);
  nf_pipeline_run (article, NULL);
  g_free (article->headline);
  article->headline = g_strndup (text->str, 140);
  g_ptr_array_add (article->byline, g_strdup ("\x1f\x7f\t"));
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      figure = nf_figure_new ();
      figure->text = g_strdup ("\xe2\x80\x9c" "figure\xe2\x80\x9d");
      figure->value = values[i];
      figure->value_max = values[G_N_ELEMENTS (values) - 1 - i];
      figure->start = text->len - 1 - 7 * i;
      figure->end = text->len + 5;    /* past the end: clamped */
      g_ptr_array_add (article->figures, figure);
    }
  entity = nf_entity_new ("Caf\xc3\xa9", NF_ENTITY_OTHER);
  for (gsize i = text->len; i > 20; i -= 13)
    {
      NfSpan span = { i - 9, i };

      g_array_append_val (entity->mentions, span);
    }
  g_ptr_array_add (article->entities, entity);
  g_string_free (text, TRUE);
  return article;
}

static void
test_json_awkward (void)
{
  g_autoptr(NfArticle) article = awkward_article ();
  g_autofree char *json = nf_article_to_json (article, FALSE);

  assert_same_as_json_glib (article);
  /* The code points before "caf\xc3\xa9" count the emoji and the two Han
   * characters once each. */
  g_assert_nonnull (strstr (json, "\\u0001\\u0002"));
  g_assert_nonnull (strstr (json, "\\\"quoted\\\" \\\\ back"));
}

static void
check_files (const char *dir,
             guint       every)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;
  guint checked = 0;

  if (d == NULL)
    {
      g_test_skip ("no texts in ../shared");
      return;
    }
  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_suffix (name, ".txt"))
      g_ptr_array_add (names, g_build_filename (dir, name, NULL));
  for (guint i = 0; i < names->len; i += every)
    {
      g_autofree char *data = NULL;
      g_autoptr(NfArticle) article = NULL;
      gsize len = 0;

      g_assert_true (g_file_get_contents (names->pdata[i], &data, &len, NULL));
      article = nf_parse (names->pdata[i], (const guint8 *) data, len, NULL,
                          NULL);
      if (article == NULL)
        continue;
      assert_same_as_json_glib (article);
      checked++;
    }
  g_assert_cmpuint (checked, >, 0);
}

static void
test_json_seeds (void)
{
  const char *shared = g_getenv ("NF_SHARED_DIR");
  g_autofree char *dir = NULL;

  if (shared == NULL)
    {
      g_test_skip ("no $NF_SHARED_DIR");
      return;
    }
  dir = g_build_filename (shared, "seeds", NULL);
  check_files (dir, 1);
}

static void
test_json_bbc (void)
{
  const char *shared = g_getenv ("NF_SHARED_DIR");
  const char *topics[] = { "business", "entertainment", "politics", "sport",
                           "tech" };

  if (shared == NULL)
    {
      g_test_skip ("no $NF_SHARED_DIR");
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (topics); i++)
    {
      g_autofree char *dir = g_build_filename (shared, "corpus", "bbc-news",
                                               "bbc", topics[i], NULL);

      check_files (dir, 10);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/json/awkward", test_json_awkward);
  g_test_add_func ("/json/seeds", test_json_seeds);
  g_test_add_func ("/json/bbc", test_json_bbc);
  return g_test_run ();
}
