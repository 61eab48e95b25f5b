/* test-story-store.c: stories built from stored facts are the stories
 * built from parsed articles
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The service rewrites a story from its members' facts as the store keeps
 * them (nf_store_load_facts ()) and parses again only what a story may
 * re-date.  Here real texts from $NF_SHARED_DIR (the seeds, BBC and
 * PolNeAR texts; skipped when absent) go into a real SQLite store, and
 * every story JSON made of the stored facts must be byte for byte the one
 * made of the parsed articles; so must the signatures the store keeps.
 * The compact story JSON, printed without json-glib, must be what
 * json-glib prints of the story's node.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "nf-error.h"
#include "nf-pipeline.h"
#include "nf-store.h"
#include "nf-story.h"
#include "nf-sort-private.h"
#include "nf-test-story.h"
#include "nf-test-tmpdir.h"

#define SEED_DATED    "000_3fef9dc81930f8b6.txt"
#define SEED_YEARLESS "004_f680026f844309a2.txt"
#define GROUP         6

static char *tmpdir;

static char *
shared_path (const char *first,
             ...)
{
  const char *shared = g_getenv ("NF_SHARED_DIR");
  GString *path = g_string_new (shared);
  va_list args;

  va_start (args, first);
  for (const char *part = first; part != NULL; part = va_arg (args, const char *))
    {
      g_string_append_c (path, G_DIR_SEPARATOR);
      g_string_append (path, part);
    }
  va_end (args);
  return g_string_free (path, FALSE);
}

/* Every @step-th .txt file under @dir, sorted, at most @max. */
static void
add_texts (GPtrArray  *files,
           const char *dir,
           guint       step,
           guint       max)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        add_texts (found, path, 1, G_MAXUINT);
      else if (g_str_has_suffix (name, ".txt"))
        g_ptr_array_add (found, g_steal_pointer (&path));
    }
  g_ptr_array_sort (found, _nf_compare_string_items);
  for (guint i = 0; i < found->len && i / step < max; i += step)
    g_ptr_array_add (files, g_strdup (g_ptr_array_index (found, i)));
}

static NfArticle *
parse_file (const char *path,
            const char *published)
{
  g_autofree char *text = NULL;
  gsize len = 0;
  NfParseOptions options = { published, 0 };

  g_assert_true (g_file_get_contents (path, &text, &len, NULL));
  return nf_parse (path, (const guint8 *) text, len, &options, NULL);
}

static char *
signature_of (const NfArticle *article)
{
  g_autoptr(NfStorySignature) signature = nf_story_signature_new (article);

  return nf_story_signature_to_string (signature);
}

/* Stored and read back, each group of articles makes the same story as
 * the parsed articles; the store keeps the signature the article makes. */
static void
test_stored_facts (void)
{
  g_autofree char *seeds = shared_path ("seeds", NULL);
  g_autofree char *bbc = shared_path ("corpus", "bbc-news", "bbc", NULL);
  g_autofree char *polnear = shared_path ("corpus", "polnear", "data", NULL);
  g_autofree char *db = g_build_filename (tmpdir, "facts.db", NULL);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) parsed = g_ptr_array_new_with_free_func ((GDestroyNotify) nf_article_free);
  g_autoptr(GPtrArray) stored = g_ptr_array_new_with_free_func ((GDestroyNotify) nf_article_free);
  g_autoptr(NfStore) store = NULL;
  g_autoptr(GError) error = NULL;
  guint figures = 0, quotes = 0, entities = 0;

  add_texts (files, seeds, 1, G_MAXUINT);
  add_texts (files, bbc, 37, 60);
  add_texts (files, polnear, 11, 30);
  if (files->len < 20)
    {
      g_test_skip ("no corpora in $NF_SHARED_DIR");
      return;
    }
  store = nf_store_open (db, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < files->len; i++)
    {
      /* Some with a fallback date, as Ingest's "published" gives. */
      const char *published = i % 3 == 0 ? "2020-05-05" : NULL;
      NfArticle *article = parse_file (g_ptr_array_index (files, i), published);
      g_autofree char *signature = NULL;
      g_autofree char *expected = NULL;
      gboolean exact = FALSE;
      NfArticle *back;

      if (article == NULL)
        continue;
      /* The BBC set holds a hundred texts twice under two names: the
       * store keeps the first (its source, its date), so the second is
       * not the article the store gives back. */
      if (nf_store_has_article (store, article->id))
        {
          nf_article_free (article);
          continue;
        }
      g_assert_true (nf_store_put_article (store, article, published, FALSE,
                                           NULL, &error));
      g_assert_no_error (error);
      signature = nf_store_get_signature (store, article->id, &error);
      g_assert_no_error (error);
      expected = signature_of (article);
      g_assert_cmpstr (signature, ==, expected);

      back = nf_store_load_facts (store, article->id, &exact, &error);
      g_assert_no_error (error);
      g_assert_true (exact);
      g_assert_cmpstr (back->headline, ==, article->headline);
      g_assert_cmpstr (back->published, ==, article->published);
      g_assert_cmpint (back->published_inferred, ==, article->published_inferred);
      g_assert_cmpuint (back->figures->len, ==, article->figures->len);
      g_assert_cmpuint (back->quotes->len, ==, article->quotes->len);
      g_assert_cmpuint (back->entities->len, ==, article->entities->len);
      figures += back->figures->len;
      quotes += back->quotes->len;
      entities += back->entities->len;
      g_ptr_array_add (parsed, article);
      g_ptr_array_add (stored, back);
    }
  g_test_message ("%u articles: %u figures, %u quotes, %u entities", parsed->len,
                  figures, quotes, entities);
  g_assert_cmpuint (figures, >, 100);
  g_assert_cmpuint (quotes, >, 100);

  /* Groups of neighbours, and everything as one story: figures that
   * agree and differ, people across articles, quotes by speaker. */
  for (guint first = 0; first <= parsed->len; first += GROUP)
    {
      guint n = first == parsed->len ? parsed->len : MIN (GROUP, parsed->len - first);
      guint start = first == parsed->len ? 0 : first;
      g_autoptr(GPtrArray) a = g_ptr_array_new ();
      g_autoptr(GPtrArray) b = g_ptr_array_new ();
      g_autofree char *from_parse = NULL;
      g_autofree char *from_store = NULL;

      for (guint i = start; i < start + n; i++)
        {
          g_ptr_array_add (a, g_ptr_array_index (parsed, i));
          g_ptr_array_add (b, g_ptr_array_index (stored, i));
        }
      from_parse = nf_test_story_json ("s", a);
      from_store = nf_test_story_json ("s", b);
      g_assert_cmpstr (from_store, ==, from_parse);
    }
}

/* A figure value the store keeps as null cannot be read back: the
 * stored facts say so, and the caller parses the text again. */
static void
test_inexact (void)
{
  const char *body = "Officials said 5 people came.";
  g_autofree char *db = g_build_filename (tmpdir, "inexact.db", NULL);
  g_autoptr(NfStore) store = nf_store_open (db, NULL);
  g_autoptr(NfArticle) article = nf_article_new ("test", g_strdup (body), strlen (body));
  g_autoptr(NfArticle) back = NULL;
  g_autoptr(GError) error = NULL;
  NfFigure *figure = nf_figure_new ();
  gboolean exact = TRUE;

  g_assert_nonnull (store);
  article->id = g_strdup ("inexact");
  figure->text = g_strdup ("5");
  figure->kind = NF_FIGURE_COUNT;
  figure->value = 1e27;
  figure->start = 15;
  figure->end = 16;
  g_ptr_array_add (article->figures, figure);
  g_assert_true (nf_store_put_article (store, article, NULL, FALSE, NULL, &error));
  g_assert_no_error (error);

  back = nf_store_load_facts (store, "inexact", &exact, &error);
  g_assert_no_error (error);
  g_assert_nonnull (back);
  g_assert_false (exact);
  g_assert_cmpuint (back->figures->len, ==, 1);
  g_assert_cmpuint (((NfFigure *) g_ptr_array_index (back->figures, 0))->start, ==, 15);

  g_assert_null (nf_store_load_facts (store, "missing", &exact, &error));
  g_assert_error (error, NF_ERROR, NF_ERROR_NOT_FOUND);
}

/* A year-less dateline stays year-less in the signature after a story
 * settled its year, as parsing the text again makes it; a dated one
 * never is. */
static void
test_yearless_signature (void)
{
  g_autofree char *dated_path = shared_path ("seeds", SEED_DATED, NULL);
  g_autofree char *yearless_path = shared_path ("seeds", SEED_YEARLESS, NULL);
  g_autoptr(NfArticle) dated = NULL;
  g_autoptr(NfArticle) yearless = NULL;
  g_autoptr(NfStory) story = nf_story_new ("s");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *dated_signature = NULL;

  if (!g_file_test (yearless_path, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("no seeds in $NF_SHARED_DIR");
      return;
    }
  dated = parse_file (dated_path, NULL);
  yearless = parse_file (yearless_path, NULL);
  before = signature_of (yearless);
  g_assert_true (nf_story_signature_string_is_yearless (before));
  dated_signature = signature_of (dated);
  g_assert_false (nf_story_signature_string_is_yearless (dated_signature));

  nf_story_add_article (story, dated);
  nf_story_add_article (story, yearless);
  g_assert_true (nf_story_settle_years (story));
  g_assert_cmpstr (yearless->published, ==, "2020-05-05");
  after = signature_of (yearless);
  g_assert_cmpstr (after, ==, before);

  g_assert_false (nf_story_signature_string_is_yearless ("nfsig1\tx\t0\t0\t0\n"));
  g_assert_false (nf_story_signature_string_is_yearless ("nfsig1\tx\t737550\t0\t0\n"));
  g_assert_true (nf_story_signature_string_is_yearless ("nfsig1\tx\t0\t5\t5\n"));
  g_assert_false (nf_story_signature_string_is_yearless ("garbage"));
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  tmpdir = nf_test_tmpdir_new ("nf-story-store-XXXXXX");

  g_test_add_func ("/story/store/stored-facts", test_stored_facts);
  g_test_add_func ("/story/store/inexact", test_inexact);
  g_test_add_func ("/story/store/yearless-signature", test_yearless_signature);
  status = g_test_run ();

  nf_test_tmpdir_remove (tmpdir);
  g_free (tmpdir);
  return status;
}
