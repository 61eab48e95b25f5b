/* bench-store.c: ingest rate into the store against plain SQLite inserts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Ingests N articles (the BBC corpus and the seeds, varied so that every
 * id differs) with the real pipeline and store, in one transaction, and
 * compares the rate with plain SQLite inserts of the same texts into one
 * table in one transaction, on the same disk with the same durability
 * settings.  Also: one transaction per article, and re-ingesting stored
 * texts, which must not change the count.
 */

#include "config.h"

#include <stdio.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "nf-bench.h"
#include "nf-pipeline.h"
#include "nf-store.h"
#include "nf-test-tmpdir.h"

#define TARGET_ARTICLES_S 2000.0

static int n_articles = 20000;

/* Returns articles/s; *distinct gets the number of different texts (the
 * corpus repeats a few stories word for word). */
static double
plain_sqlite (const char *path,
              GPtrArray  *texts,
              int         first,
              int         count,
              guint      *distinct,
              double     *cpu_rate)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *insert = NULL;
  double start, cpu_start;

  g_assert (sqlite3_open (path, &db) == SQLITE_OK);
  g_assert (sqlite3_exec (db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;"
                          "CREATE TABLE IF NOT EXISTS plain (id TEXT PRIMARY KEY,"
                          " name TEXT, text TEXT)", NULL, NULL, NULL) == SQLITE_OK);
  g_assert (sqlite3_prepare_v2 (db, "INSERT OR IGNORE INTO plain VALUES (?, ?, ?)", -1,
                                &insert, NULL) == SQLITE_OK);

  start = nf_bench_now ();
  cpu_start = nf_bench_thread_cpu ();
  sqlite3_exec (db, "BEGIN", NULL, NULL, NULL);
  *distinct = 0;
  for (int i = first; i < first + count; i++)
    {
      g_autoptr(GBytes) text = nf_bench_vary_text (texts->pdata[i % texts->len],
                                                   i / texts->len);
      gsize len = 0;
      const char *data = g_bytes_get_data (text, &len);
      g_autofree char *id = nf_text_id (data, len);

      sqlite3_bind_text (insert, 1, id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (insert, 2, "bench", -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 3, data, len, SQLITE_TRANSIENT);
      g_assert (sqlite3_step (insert) == SQLITE_DONE);
      *distinct += sqlite3_changes (db);
      sqlite3_reset (insert);
    }
  g_assert (sqlite3_exec (db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK);
  sqlite3_finalize (insert);
  sqlite3_close (db);
  if (cpu_rate != NULL)
    *cpu_rate = count / (nf_bench_thread_cpu () - cpu_start);
  return count / (nf_bench_now () - start);
}

typedef struct
{
  double rate;          /* articles/s, parse and store, wall clock */
  double cpu_rate;      /* the same in CPU time of this thread */
  double store_rate;    /* articles/s, store only, wall clock */
  double commit_time;   /* s, wall clock, of the one transaction's commit */
  double commit_cpu;    /* s, CPU time of it (copies into the log, the
                         * checkpoint, the index's last merge) */
  guint  added;
} Ingest;

static Ingest
ingest (NfStore   *store,
        GPtrArray *texts,
        int        first,
        int        count,
        gboolean   one_transaction)
{
  Ingest result = { 0, };
  double parse_time = 0;
  double start = nf_bench_now ();
  double cpu_start = nf_bench_thread_cpu ();

  if (one_transaction)
    g_assert (nf_store_begin (store, NULL));
  for (int i = first; i < first + count; i++)
    {
      g_autoptr(GBytes) text = nf_bench_vary_text (texts->pdata[i % texts->len],
                                                   i / texts->len);
      g_autoptr(NfArticle) article = NULL;
      g_autoptr(GError) error = NULL;
      NfStorePutResult put = NF_STORE_PUT_NONE;
      double t0 = nf_bench_now ();
      gsize len = 0;
      const guint8 *data = g_bytes_get_data (text, &len);

      article = nf_parse ("bench", data, len, NULL, &error);
      parse_time += nf_bench_now () - t0;
      if (article == NULL)
        continue;
      if (!nf_store_put_article (store, article, NULL, FALSE, &put, &error))
        g_error ("put: %s", error->message);
      if (put == NF_STORE_PUT_ADDED)
        result.added++;
    }
  if (one_transaction)
    {
      double t0 = nf_bench_now ();
      double c0 = nf_bench_thread_cpu ();

      g_assert (nf_store_commit (store, NULL));
      result.commit_time = nf_bench_now () - t0;
      result.commit_cpu = nf_bench_thread_cpu () - c0;
    }

  result.rate = count / (nf_bench_now () - start);
  result.cpu_rate = count / (nf_bench_thread_cpu () - cpu_start);
  result.store_rate = count / (nf_bench_now () - start - parse_time);
  return result;
}

/* The database and its write-ahead log, in MB. */
static double
db_size (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  GStatBuf st;
  gint64 size = 0;

  if (g_stat (path, &st) == 0)
    size += st.st_size;
  if (g_stat (wal, &st) == 0)
    size += st.st_size;
  return size / 1e6;
}

int
main (int    argc,
      char **argv)
{
  const GOptionEntry entries[] = {
    { "articles", 'n', 0, G_OPTION_ARG_INT, &n_articles,
      "Articles to ingest (default 20000)", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- store ingest rate");
  g_autoptr(GPtrArray) texts = NULL;
  g_autoptr(NfStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *home = NULL;
  g_autofree char *plain_path = NULL;
  g_autofree char *store_path = NULL;
  Ingest one, each, again;
  double plain, plain_cpu;
  guint count, distinct, distinct_each, distinct_again;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, NULL))
    return 2;
  texts = nf_bench_bbc_texts ();
  if (texts == NULL)
    return 0;

  home = g_dir_make_tmp ("newsfacts-bench-XXXXXX", NULL);
  plain_path = g_build_filename (home, "plain.db", NULL);
  store_path = g_build_filename (home, "facts.db", NULL);

  plain = plain_sqlite (plain_path, texts, 0, n_articles, &distinct, &plain_cpu);
  plain_sqlite (plain_path, texts, n_articles, 500, &distinct_each, NULL);
  plain_sqlite (plain_path, texts, 0, 1000, &distinct_again, NULL);
  g_assert (distinct_again == 0);
  store = nf_store_open (store_path, &error);
  g_assert_no_error (error);
  one = ingest (store, texts, 0, n_articles, TRUE);
  each = ingest (store, texts, n_articles, 500, FALSE);
  again = ingest (store, texts, 0, 1000, TRUE);
  count = nf_store_count_articles (store, NULL);

  nf_store_close (g_steal_pointer (&store));

  printf ("# plain SQLite inserts, one transaction: %.0f articles/s "
          "(CPU time: %.0f/s)\n", plain, plain_cpu);
  printf ("# ingest (parse + store), one transaction: %.0f articles/s, "
          "%.1fx the time of plain inserts (CPU time: %.0f/s, %.1fx); "
          "store alone %.0f articles/s\n", one.rate, plain / one.rate,
          one.cpu_rate, plain_cpu / one.cpu_rate, one.store_rate);
  printf ("# the commit of that transaction: %.2f s wall, %.2f s CPU\n",
          one.commit_time, one.commit_cpu);
  printf ("# ingest, one transaction per article: %.0f articles/s\n", each.rate);
  printf ("# store file: %.1f MB for %u articles (plain table: %.1f MB)\n",
          db_size (store_path), count, db_size (plain_path));
  printf ("# RESULT plain_insert_s=%.0f plain_insert_cpu_s=%.0f ingest_s=%.0f "
          "ingest_cpu_s=%.0f ingest_ratio=%.2f ingest_cpu_ratio=%.2f "
          "store_only_s=%.0f "
          "ingest_each_s=%.0f store_kb_per_article=%.1f commit_s=%.2f "
          "commit_cpu_s=%.2f\n", plain, plain_cpu,
          one.rate, one.cpu_rate, plain / one.rate, plain_cpu / one.cpu_rate,
          one.store_rate, each.rate, db_size (store_path) * 1e3 / count,
          one.commit_time, one.commit_cpu);

  nf_bench_tap_result (one.added == distinct && each.added == distinct_each,
                       "%u + %u articles added, one per distinct text (%u + %u)",
                       one.added, each.added, distinct, distinct_each);
  nf_bench_tap_result (again.added == 0 && count == distinct + distinct_each,
                       "re-ingesting 1000 stored texts adds none: %u articles",
                       count);
  /* The machine is shared while we measure: the target is checked on CPU
   * time (one fsync per transaction is not in it). */
  nf_bench_tap_result (one.cpu_rate >= TARGET_ARTICLES_S,
                       "ingest %.0f articles/s of CPU time >= %.0f",
                       one.cpu_rate, TARGET_ARTICLES_S);

  nf_test_tmpdir_remove (home);

  nf_bench_tap_plan ();
  return nf_bench_tap_failures () > 0 ? 1 : 0;
}
