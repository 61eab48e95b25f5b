/* test-bbc.c: every BBC story keeps its headline and loses no text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The 2,225 stories of the BBC News corpus (research use, read from
 * $NF_SHARED_DIR/corpus/bbc-news, never copied) print their headline on
 * the first line.  One process parses them all through the library.
 */

#include "config.h"

#include <string.h>
#include <time.h>

#include "nf-pipeline.h"
#include "check-blocks.h"
#include "nf-sort-private.h"

#define BBC_STORIES 2225

static GPtrArray *
list_stories (const char *root)
{
  static const char *const topics[] = { "business", "entertainment",
                                        "politics", "sport", "tech" };
  GPtrArray *files = g_ptr_array_new_with_free_func (g_free);

  for (gsize t = 0; t < G_N_ELEMENTS (topics); t++)
    {
      g_autofree char *dir_path = g_build_filename (root, topics[t], NULL);
      g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        if (g_str_has_suffix (name, ".txt"))
          g_ptr_array_add (files, g_build_filename (dir_path, name, NULL));
    }
  g_ptr_array_sort (files, _nf_compare_string_items);
  return files;
}

/* The first non-blank line, trimmed, as the story printed it. */
static char *
first_line (const NfArticle *article)
{
  const char *p = article->text;
  const char *e = p + article->text_len;
  const char *nl;

  while (p < e && g_ascii_isspace (*p))
    p++;
  nl = memchr (p, '\n', e - p);
  if (nl != NULL)
    e = nl;
  while (e > p && g_ascii_isspace (e[-1]))
    e--;
  return g_strndup (p, e - p);
}

static void
test_bbc (void)
{
  const char *shared = g_getenv ("NF_SHARED_DIR");
  g_autofree char *root = NULL;
  g_autoptr(GPtrArray) files = NULL;
  guint headlines = 0, covered = 0, with_body = 0;
  gint64 start = g_get_monotonic_time ();
  clock_t cpu_start = clock ();

  root = g_build_filename (shared ? shared : "../shared", "corpus", "bbc-news",
                           "bbc", NULL);
  if (!g_file_test (root, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("the BBC corpus is not in $NF_SHARED_DIR");
      return;
    }

  files = list_stories (root);
  g_assert_cmpuint (files->len, ==, BBC_STORIES);

  for (guint i = 0; i < files->len; i++)
    {
      const char *path = g_ptr_array_index (files, i);
      g_autofree char *data = NULL;
      g_autofree char *why = NULL;
      g_autofree char *line = NULL;
      g_autofree char *body = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(NfArticle) article = NULL;
      gsize len = 0;

      g_assert_true (g_file_get_contents (path, &data, &len, NULL));
      article = nf_parse (path, (const guint8 *) data, len, NULL, &error);
      g_assert_no_error (error);

      line = first_line (article);
      if (g_strcmp0 (article->headline, line) == 0)
        headlines++;
      else
        g_test_message ("%s: headline %s, first line %s", path,
                        article->headline, line);

      if (check_blocks_cover_text (article, &why))
        covered++;
      else
        g_test_message ("%s: %s", path, why);

      body = nf_article_dup_body (article);
      with_body += body[0] != '\0';
    }

  g_test_message ("%u stories, %u headlines right, %u with every line in a "
                  "block, %u with a body, %.2f s (%.2f s CPU)", files->len,
                  headlines, covered, with_body,
                  (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC,
                  (clock () - cpu_start) / (double) CLOCKS_PER_SEC);
  g_assert_cmpuint (headlines, ==, files->len);
  g_assert_cmpuint (covered, ==, files->len);
  g_assert_cmpuint (with_body, ==, files->len);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/structure/bbc", test_bbc);

  return g_test_run ();
}
