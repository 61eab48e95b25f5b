/* test-prefix-scan.c: prefix searches ("comp*") against a brute-force scan
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A one-word prefix search reads FTS5's leaf pages itself instead of
 * asking FTS5 (nf-store.c, "prefix scan").  Here every page and total it
 * gives, on a store with several index segments, doclists and position
 * lists that span pages, removed and rewritten articles and half-done
 * merges, must equal what a plain scan of the indexed text finds: each
 * column split into words at every byte that is not an ASCII letter or
 * digit (what FTS5's unicode61 tokenizer does with ASCII text), an
 * article matching when one of its words starts with the prefix, newest
 * order key first.
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "nf-pipeline.h"
#include "nf-store-private.h"
#include "nf-test-tmpdir.h"

static char *tmpdir;

/* Words over a small alphabet, so that many share their first letters. */
static void
append_word (GString *text,
             GRand   *rand)
{
  static const char letters[] = "abcdeop";
  int len = g_rand_int_range (rand, 1, 8);

  for (int i = 0; i < len; i++)
    g_string_append_c (text,
                       letters[g_rand_int_range (rand, 0, sizeof letters - 1)]);
}

static char *
article_text (guint  n,
              GRand *rand)
{
  GString *text = g_string_new (NULL);
  int words = g_rand_int_range (rand, 5, 80);

  g_string_append_printf (text, "Report %u on ", n);
  append_word (text, rand);
  g_string_append (text, "\n\n");
  for (int i = 0; i < words; i++)
    {
      append_word (text, rand);
      g_string_append_c (text, i % 9 == 8 ? '.' : ' ');
    }
  /* A word in every article, many times: its doclist spans many pages. */
  for (int i = 0; i < 12; i++)
    g_string_append (text, " omega");
  g_string_append (text, ".\n\n\"The ");
  append_word (text, rand);
  g_string_append (text, " was ready,\" said Dana Ochoa, a spokeswoman.\n");
  /* One article whose position list alone spans pages. */
  if (n == 77)
    for (int i = 0; i < 3000; i++)
      g_string_append (text, " zeta");
  return g_string_free (text, FALSE);
}

static void
put_batch (NfStore *store,
           GRand   *rand,
           guint    first,
           guint    n)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (nf_store_begin (store, &error));
  for (guint i = first; i < first + n; i++)
    {
      g_autofree char *text = article_text (i, rand);
      g_autofree char *date = g_strdup_printf ("2024-%02u-%02u", 1 + i % 12,
                                               1 + i % 28);
      g_autoptr(NfArticle) article = nf_parse ("gen.txt", (const guint8 *) text,
                                               strlen (text), NULL, &error);

      g_assert_no_error (error);
      g_assert_true (nf_store_put_article (store, article, date, TRUE, NULL,
                                           &error));
      g_assert_no_error (error);
    }
  g_assert_true (nf_store_commit (store, &error));
}

/* Whether @text has the word @word, or with @prefix a word starting so. */
static gboolean
has_word (const char *text,
          const char *word,
          gboolean    prefix)
{
  gsize plen = strlen (word);

  for (const char *p = text; p != NULL && *p != '\0';)
    {
      const char *start;
      gsize len;

      while (*p != '\0' && !g_ascii_isalnum (*p))
        p++;
      start = p;
      while (g_ascii_isalnum (*p))
        p++;
      len = p - start;
      if (len >= plen && (prefix || len == plen) &&
          g_ascii_strncasecmp (start, word, plen) == 0)
        return TRUE;
    }
  return FALSE;
}

/* Whether one of the four indexed columns of the row has @word. */
static gboolean
row_has (sqlite3_stmt *stmt,
         const char   *word)
{
  g_autofree char *bare = g_strdup (word);
  gboolean prefix = g_str_has_suffix (bare, "*");

  if (prefix)
    bare[strlen (bare) - 1] = '\0';
  for (int col = 1; col <= 4; col++)
    if (has_word ((const char *) sqlite3_column_text (stmt, col), bare, prefix))
      return TRUE;
  return FALSE;
}

/* The ids of the articles whose indexed text has every word of @query
 * ("word" or "prefix*"), newest first, from the index's stored text (not
 * its index). */
static GPtrArray *
brute_force (const char *path,
             const char *query)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) words = g_strsplit (query, " ", -1);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT a.id, c.c0, c.c1, c.c2, c.c3"
                                       " FROM articles_fts_content c"
                                       " JOIN articles a ON a.order_key = c.id"
                                       " ORDER BY c.id DESC", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gboolean all = TRUE;

      for (guint w = 0; all && words[w] != NULL; w++)
        all = row_has (stmt, words[w]);
      if (all)
        g_ptr_array_add (ids, g_strdup ((const char *)
                                        sqlite3_column_text (stmt, 0)));
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return ids;
}

/* Every page of @query equals the same slice of the brute force. */
static void
check_query (NfStore    *store,
             const char *path,
             const char *query)
{
  static const guint offsets[] = { 0, 3, 127, 700, 1200, 1900, 2040, 2100 };
  static const guint limits[] = { 1, 20, 1000 };
  g_autoptr(GPtrArray) expected = brute_force (path, query);

  for (guint o = 0; o < G_N_ELEMENTS (offsets); o++)
    for (guint l = 0; l < G_N_ELEMENTS (limits); l++)
      {
        g_autoptr(GError) error = NULL;
        guint total = 0;
        g_autoptr(GPtrArray) page = NULL;
        guint want = offsets[o] >= expected->len
                     ? 0 : MIN (limits[l], expected->len - offsets[o]);

        /* As a query never asked before, then as one whose count the
         * store kept. */
        for (int again = 0; again < 2; again++)
          {
            if (!again)
              _nf_store_forget_searches (store);
            g_clear_pointer (&page, g_ptr_array_unref);
            page = nf_store_search (store, query, offsets[o], limits[l],
                                    &total, &error);
            g_assert_no_error (error);
            g_assert_cmpuint (total, ==, expected->len);
            g_assert_cmpuint (page->len, ==, want);
            for (guint i = 0; i < page->len; i++)
              g_assert_cmpstr (page->pdata[i], ==,
                               expected->pdata[offsets[o] + i]);
          }
      }
}

static void
check_prefix (NfStore    *store,
              const char *path,
              const char *prefix)
{
  g_autofree char *query = g_strdup_printf ("%s*", prefix);

  check_query (store, path, query);
}

static void
check_all (NfStore    *store,
           const char *path)
{
  static const char *const prefixes[] = {
    "a", "o", "p", "ab", "om", "ome", "omega", "omegas", "ze", "zeta", "re",
    "report", "1", "12", "da", "dan", "ochoa", "spok", "q", "aaaaaaa",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  guint scans = _nf_store_get_prefix_scans (store);

  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    check_prefix (store, path, prefixes[i]);
  /* Two- and three-letter prefixes of the made-up words. */
  for (guint i = 0; i < 12; i++)
    {
      char prefix[4] = { 0 };

      for (guint k = 0; k < 2 + i % 2; k++)
        prefix[k] = "abcdeop"[g_rand_int_range (rand, 0, 7)];
      check_prefix (store, path, prefix);
    }
  /* The scan answered (it gives up only on pages it cannot read). */
  g_assert_cmpuint (_nf_store_get_prefix_scans (store), >, scans);

  /* The same queries, upper case: the same answers. */
  check_prefix (store, path, "OM");
  check_prefix (store, path, "Ab");

  /* Prefixes among other words: every word must match. */
  scans = _nf_store_get_prefix_scans (store);
  check_query (store, path, "omega ab*");
  g_assert_cmpuint (_nf_store_get_prefix_scans (store), >, scans);
  check_query (store, path, "ab* omega");
  check_query (store, path, "ab* cd*");
  check_query (store, path, "a* o* p* e*");
  check_query (store, path, "zeta re*");
  check_query (store, path, "dana ochoa sp*");
  check_query (store, path, "report ab* ob*");
}

static void
run_fts (const char *path,
         const char *command,
         int         arg)
{
  sqlite3 *db = NULL;
  g_autofree char *sql = g_strdup_printf ("INSERT INTO articles_fts"
                                          " (articles_fts, rank) VALUES"
                                          " ('%s', %d)", command, arg);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
test_prefix_scan (void)
{
  g_autofree char *path = g_build_filename (tmpdir, "prefix.db", NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (5);
  g_autoptr(GError) error = NULL;
  g_autoptr(NfStore) store = nf_store_open (path, &error);
  g_autoptr(GPtrArray) all = NULL;
  guint total = 0;

  g_assert_no_error (error);
  /* Several transactions: several index segments. */
  for (guint batch = 0; batch < 6; batch++)
    put_batch (store, rand, batch * 400, 400);
  check_all (store, path);

  /* Removed articles leave entries in newer segments that hide the
   * older ones. */
  all = nf_store_search (store, "", 0, NF_STORE_MAX_PAGE, &total, &error);
  g_assert_no_error (error);
  g_assert_true (nf_store_begin (store, &error));
  for (guint i = 0; i < all->len; i += 7)
    g_assert_true (nf_store_remove_article (store, all->pdata[i], &error));
  g_assert_true (nf_store_commit (store, &error));
  /* Articles written again with other facts and order keys. */
  {
    g_autoptr(GRand) again = g_rand_new_with_seed (5);

    put_batch (store, again, 0, 150);
  }
  check_all (store, path);

  /* Merges left half done (two segments of a level suffice), then one
   * segment. */
  run_fts (path, "usermerge", 2);
  run_fts (path, "merge", 2);
  check_all (store, path);
  run_fts (path, "merge", 30);
  check_all (store, path);
  run_fts (path, "optimize", 0);
  check_all (store, path);
}

/* Inside a write transaction the answer still equals the brute force
 * (there FTS5 answers, as the index may hold rows not yet written). */
static void
test_prefix_in_transaction (void)
{
  g_autofree char *path = g_build_filename (tmpdir, "transaction.db", NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (9);
  g_autoptr(GError) error = NULL;
  g_autoptr(NfStore) store = nf_store_open (path, &error);
  guint scans;

  put_batch (store, rand, 0, 200);
  scans = _nf_store_get_prefix_scans (store);
  g_assert_true (nf_store_begin (store, &error));
  check_prefix (store, path, "ab");
  g_assert_cmpuint (_nf_store_get_prefix_scans (store), ==, scans);
  nf_store_rollback (store);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  tmpdir = nf_test_tmpdir_new ("nf-prefix-XXXXXX");

  g_test_add_func ("/store/prefix-scan", test_prefix_scan);
  g_test_add_func ("/store/prefix-in-transaction", test_prefix_in_transaction);
  status = g_test_run ();

  nf_test_tmpdir_remove (tmpdir);
  g_free (tmpdir);
  return status;
}
