/* test-store.c: the SQLite store on a real file, without a bus
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "nf-error.h"
#include "nf-json.h"
#include "nf-pipeline.h"
#include "nf-store-private.h"
#include "nf-story.h"
#include "nf-test-tmpdir.h"

static char *tmpdir;

static char *
new_db_path (void)
{
  static guint n;

  return g_strdup_printf ("%s/store-%u.db", tmpdir, n++);
}

static NfArticle *
parse_text (const char *name,
            const char *text)
{
  g_autoptr(GError) error = NULL;
  NfArticle *article = nf_parse (name, (const guint8 *) text, strlen (text),
                                 NULL, &error);

  g_assert_no_error (error);
  return article;
}

static char *
seed_text (guint i)
{
  static const char *const names[] = { "000_3fef9dc81930f8b6.txt",
                                       "004_f680026f844309a2.txt" };
  g_autofree char *path = g_build_filename (g_getenv ("NF_SOURCE_ROOT"), "data",
                                            "samples", names[i], NULL);
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

static void
test_fts_query (void)
{
  static const struct
  {
    const char *query;
    const char *fts;    /* NULL: BadQuery */
  } cases[] = {
    { "korea", "\"korea\"" },
    { "  South   Korea ", "\"South\" \"Korea\"" },
    { "negotiat*", "\"negotiat\"*" },
    { "\"defense cost\" talks", "\"defense cost\" \"talks\"" },
    { "\"unbalanced", "\"unbalanced\"" },
    { "NEAR(", "\"NEAR(\"" },
    { "a OR", "\"a\" \"OR\"" },
    { "col:umn", "\"col:umn\"" },
    { "say \"hi\"there", "\"say\" \"hi\" \"there\"" },
    { "it's", "\"it's\"" },
    { "x\"\"y", "\"x\" \"y\"" },
    { "***", NULL },
    { "\"\"", NULL },
    { "( ) - ^", NULL },
    { "\"  \"", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *fts = _nf_store_fts_query (cases[i].query, &error);

      if (cases[i].fts == NULL)
        {
          g_assert_null (fts);
          g_assert_error (error, NF_ERROR, NF_ERROR_BAD_QUERY);
        }
      else
        {
          g_assert_no_error (error);
          g_assert_cmpstr (fts, ==, cases[i].fts);
        }
    }

  /* Too many words, too long. */
  {
    g_autoptr(GString) many = g_string_new (NULL);
    g_autoptr(GError) error = NULL;
    g_autofree char *fts = NULL;

    for (guint i = 0; i <= NF_STORE_MAX_TERMS; i++)
      g_string_append_printf (many, "w%u ", i);
    fts = _nf_store_fts_query (many->str, &error);
    g_assert_error (error, NF_ERROR, NF_ERROR_BAD_QUERY);
  }
}

static void
test_put_and_read (void)
{
  g_autofree char *path = new_db_path ();
  g_autofree char *text = seed_text (1);
  g_autoptr(NfStore) store = NULL;
  g_autoptr(NfArticle) article = parse_text ("seed.txt", text);
  g_autoptr(NfArticle) loaded = NULL;
  g_autoptr(GVariant) fields = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *direct = NULL;
  g_autofree char *stored_text = NULL;
  NfStorePutResult result;
  const char *headline;

  store = nf_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (nf_store_is_new (store));

  g_assert_true (nf_store_put_article (store, article, NULL, FALSE, &result,
                                       &error));
  g_assert_no_error (error);
  g_assert_cmpint (result, ==, NF_STORE_PUT_ADDED);
  /* Again: one article. */
  g_assert_true (nf_store_put_article (store, article, NULL, FALSE, &result,
                                       &error));
  g_assert_cmpint (result, ==, NF_STORE_PUT_NONE);
  /* Replaced with the same facts: nothing changed. */
  g_assert_true (nf_store_put_article (store, article, NULL, TRUE, &result,
                                       &error));
  g_assert_cmpint (result, ==, NF_STORE_PUT_NONE);
  g_assert_cmpuint (nf_store_count_articles (store, NULL), ==, 1);

  json = nf_store_get_json (store, article->id, &error);
  g_assert_no_error (error);
  direct = nf_article_to_json (article, FALSE);
  g_assert_cmpstr (json, ==, direct);
  stored_text = nf_store_get_text (store, article->id, &error);
  g_assert_cmpstr (stored_text, ==, article->text);

  fields = nf_store_get_article_fields (store, article->id, NULL, &error);
  g_assert_no_error (error);
  g_variant_ref_sink (fields);
  g_assert_cmpuint (g_variant_n_children (fields), ==,
                    g_strv_length ((GStrv) nf_store_article_fields ()));
  g_assert_true (g_variant_lookup (fields, "Headline", "&s", &headline));
  g_assert_cmpstr (headline, ==, article->headline ? article->headline : "");
  {
    g_autoptr(GVariant) quotes = g_variant_lookup_value (fields, "Quotes", NULL);
    g_autoptr(GVariant) figures = g_variant_lookup_value (fields, "Figures", NULL);

    g_assert_cmpuint (g_variant_n_children (quotes), ==, article->quotes->len);
    g_assert_cmpuint (g_variant_n_children (figures), ==, article->figures->len);
  }

  /* Its story signature is kept, to rebuild a story index. */
  {
    gint64 last = 0;
    g_autoptr(GPtrArray) signatures = nf_store_list_signatures (store, 0, 10,
                                                                &last, &error);
    NfStorySignature *signature;

    g_assert_no_error (error);
    g_assert_cmpuint (signatures->len, ==, 1);
    g_assert_cmpint (last, >, 0);
    signature = nf_story_signature_parse (g_ptr_array_index (signatures, 0));
    g_assert_nonnull (signature);
    g_assert_cmpstr (nf_story_signature_get_article (signature), ==, article->id);
    nf_story_signature_free (signature);
  }

  loaded = nf_store_load_article (store, article->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (loaded->id, ==, article->id);
  g_assert_cmpuint (loaded->quotes->len, ==, article->quotes->len);

  {
    const char *bad[] = { "Headline", "Nope", NULL };

    g_assert_null (nf_store_get_article_fields (store, article->id, bad,
                                                &error));
    g_assert_error (error, NF_ERROR, NF_ERROR_INVALID_ARGS);
    g_clear_error (&error);
  }
  g_assert_null (nf_store_get_json (store, "0000000000000000", &error));
  g_assert_error (error, NF_ERROR, NF_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (nf_store_remove_article (store, article->id, &error));
  g_assert_false (nf_store_has_article (store, article->id));
  g_assert_false (nf_store_remove_article (store, article->id, &error));
  g_assert_error (error, NF_ERROR, NF_ERROR_NOT_FOUND);
  g_clear_error (&error);
  /* The index forgets it too. */
  {
    guint total = 99;
    g_autoptr(GPtrArray) ids = nf_store_search (store, "Knapper", 0, 10,
                                                &total, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (total, ==, 0);
    g_assert_cmpuint (ids->len, ==, 0);
  }
}

static void
test_search_paging (void)
{
  g_autofree char *path = new_db_path ();
  g_autoptr(NfStore) store = nf_store_open (path, NULL);
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(GError) error = NULL;
  guint total = 0;

  g_assert_nonnull (store);
  g_assert_true (nf_store_begin (store, &error));
  for (guint i = 0; i < 30; i++)
    {
      g_autofree char *text = g_strdup_printf (
          "Headline number %u\n\nSEOUL, March %u (Yonhap) -- The ministry "
          "said on Monday that %u%s tonnes of rice were shipped.\n",
          i, 1 + i % 28, i, i % 3 == 0 ? " zebra" : "");
      g_autoptr(NfArticle) article = parse_text ("gen.txt", text);

      g_assert_true (nf_store_put_article (store, article, "2023-03-01",
                                           FALSE, NULL, &error));
    }
  g_assert_true (nf_store_commit (store, &error));

  all = nf_store_search (store, "", 0, 100, &total, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (total, ==, 30);
  g_assert_cmpuint (all->len, ==, 30);
  page = nf_store_search (store, "", 10, 5, &total, &error);
  g_assert_cmpuint (total, ==, 30);
  g_assert_cmpuint (page->len, ==, 5);
  for (guint i = 0; i < 5; i++)
    g_assert_cmpstr (g_ptr_array_index (page, i), ==,
                     g_ptr_array_index (all, 10 + i));

  g_clear_pointer (&page, g_ptr_array_unref);
  page = nf_store_search (store, "ZEBRA tonnes", 0, 100, &total, &error);
  g_assert_cmpuint (total, ==, 10);
  g_clear_pointer (&page, g_ptr_array_unref);
  page = nf_store_search (store, "\"rice were shipped\"", 0, 100, &total, &error);
  g_assert_cmpuint (total, ==, 30);
  g_clear_pointer (&page, g_ptr_array_unref);
  page = nf_store_search (store, "\"shipped were\"", 0, 100, &total, &error);
  g_assert_cmpuint (total, ==, 0);
  g_clear_pointer (&page, g_ptr_array_unref);
  page = nf_store_search (store, "head*", 0, 100000, &total, &error);
  g_assert_cmpuint (total, ==, 30);

  /* A failed piece rolls back alone; the outer transaction goes on. */
  g_assert_true (nf_store_begin (store, &error));
  g_assert_true (nf_store_set_meta (store, "kept", "1", &error));
  g_assert_true (nf_store_begin (store, &error));
  g_assert_true (nf_store_set_meta (store, "dropped", "1", &error));
  nf_store_rollback (store);
  g_assert_true (nf_store_commit (store, &error));
  {
    g_autofree char *kept = nf_store_get_meta (store, "kept");
    g_autofree char *dropped = nf_store_get_meta (store, "dropped");

    g_assert_cmpstr (kept, ==, "1");
    g_assert_null (dropped);
  }
}

/* Ids in list order straight from SQL, as the reference for pages:
 * all articles (@match NULL) or those matching an FTS5 query. */
static GPtrArray *
reference_ids (const char *path,
               const char *match)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, match == NULL
                                       ? "SELECT id FROM articles"
                                         " ORDER BY order_key DESC"
                                       : "SELECT a.id FROM articles_fts f"
                                         " JOIN articles a ON a.order_key ="
                                         " f.rowid WHERE articles_fts MATCH ?"
                                         " ORDER BY f.rowid DESC",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  if (match != NULL)
    sqlite3_bind_text (stmt, 1, match, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (ids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return ids;
}

static void
put_generated (NfStore *store,
               guint    first,
               guint    n)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (nf_store_begin (store, &error));
  for (guint i = first; i < first + n; i++)
    {
      g_autofree char *text = g_strdup_printf (
          "Harbour report %u\n\nBUSAN, May %u (Yonhap) -- Port officials "
          "said %u containers of%s steel left the harbour.\n",
          i, 1 + i % 28, i, i % 5 == 0 ? " walrus" : "");
      g_autoptr(NfArticle) article = parse_text ("gen.txt", text);

      /* Dates spread over days, so list order is not storage order. */
      g_autofree char *date = g_strdup_printf ("2024-%02u-%02u", 1 + i % 12,
                                               1 + i % 27);

      g_assert_true (nf_store_put_article (store, article, date, FALSE, NULL,
                                           &error));
    }
  g_assert_true (nf_store_commit (store, &error));
}

/* Every page of @query equals the same slice of the reference list. */
static void
check_pages (NfStore    *store,
             const char *path,
             const char *query,
             const char *match)
{
  static const guint offsets[] = { 0, 1, 127, 128, 129, 255, 256, 300, 383,
                                   384, 511, 599, 640, 5000 };
  static const guint limits[] = { 1, 7, 50, 1000 };
  g_autoptr(GPtrArray) expected = reference_ids (path, match);

  for (guint o = 0; o < G_N_ELEMENTS (offsets); o++)
    for (guint l = 0; l < G_N_ELEMENTS (limits); l++)
      {
        g_autoptr(GError) error = NULL;
        guint total = 0;
        g_autoptr(GPtrArray) page = nf_store_search (store, query, offsets[o],
                                                     limits[l], &total, &error);
        guint want = offsets[o] >= expected->len
                     ? 0 : MIN (limits[l], expected->len - offsets[o]);

        g_assert_no_error (error);
        g_assert_cmpuint (total, ==, expected->len);
        g_assert_cmpuint (page->len, ==, want);
        for (guint i = 0; i < page->len; i++)
          g_assert_cmpstr (page->pdata[i], ==, expected->pdata[offsets[o] + i]);
      }
}

/* Deep pages start from marks the store keeps per query; they must give
 * what an OFFSET would, and follow every change of the data, whoever
 * made it. */
static void
test_search_deep_pages (void)
{
  g_autofree char *path = new_db_path ();
  g_autoptr(NfStore) store = nf_store_open (path, NULL);
  g_autoptr(NfStore) other = nf_store_open (path, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ids = NULL;
  guint total = 0;

  g_assert_nonnull (store);
  g_assert_nonnull (other);
  put_generated (store, 0, 600);
  for (guint round = 0; round < 2; round++)
    {
      check_pages (store, path, "", NULL);
      check_pages (store, path, "containers", "\"containers\"");
      check_pages (store, path, "walrus", "\"walrus\"");
      check_pages (store, path, "harb*", "\"harb\"*");
      /* Another connection writes: the next pages see it. */
      put_generated (other, 600 + round * 50, 50);
    }
  check_pages (store, path, "", NULL);

  /* A search inside this connection's own write sees the write, and
   * after a rollback no longer does. */
  g_assert_true (nf_store_begin (store, &error));
  put_generated (store, 2000, 3);
  ids = nf_store_search (store, "", 0, 1, &total, &error);
  g_assert_cmpuint (total, ==, 703);
  nf_store_rollback (store);
  g_clear_pointer (&ids, g_ptr_array_unref);
  ids = nf_store_search (store, "", 0, 1, &total, &error);
  g_assert_cmpuint (total, ==, 700);
  check_pages (store, path, "", NULL);
}

/* Matches of @query, as a count. */
static guint
count_matches (NfStore    *store,
               const char *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ids = NULL;
  guint total = 99;

  ids = nf_store_search (store, query, 0, 10, &total, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, total);
  return total;
}

/* The index rows of an article are written when no savepoint is open: a
 * rolled-back savepoint drops its own, and an article removed or
 * replaced in the transaction that wrote it leaves no trace. */
static void
test_index_held (void)
{
  g_autofree char *path = new_db_path ();
  g_autoptr(NfStore) store = nf_store_open (path, NULL);
  g_autoptr(NfArticle) kept = parse_text ("kept.txt",
      "Walrus count rises\n\nThe walrus count rose on Monday, the "
      "ministry said.\n");
  g_autoptr(NfArticle) dropped = parse_text ("dropped.txt",
      "Narwhal sighting\n\nA narwhal was seen near the harbour on "
      "Tuesday.\n");
  g_autoptr(NfArticle) removed = parse_text ("removed.txt",
      "Ocelot escapes\n\nAn ocelot left the zoo on Wednesday.\n");
  g_autoptr(GError) error = NULL;
  NfStorePutResult result;

  g_assert_nonnull (store);
  g_assert_true (nf_store_begin (store, &error));
  g_assert_true (nf_store_put_article (store, kept, NULL, FALSE, NULL, &error));
  g_assert_true (nf_store_begin (store, &error));
  g_assert_true (nf_store_put_article (store, dropped, NULL, FALSE, NULL,
                                       &error));
  nf_store_rollback (store);
  g_assert_true (nf_store_put_article (store, removed, NULL, FALSE, NULL,
                                       &error));
  g_assert_true (nf_store_remove_article (store, removed->id, &error));
  g_assert_true (nf_store_commit (store, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (nf_store_count_articles (store, NULL), ==, 1);
  g_assert_cmpuint (count_matches (store, "walrus"), ==, 1);
  g_assert_cmpuint (count_matches (store, "narwhal"), ==, 0);
  g_assert_cmpuint (count_matches (store, "ocelot"), ==, 0);

  /* Replaced in one transaction with another article: found by its new
   * words only, and the other one too. */
  g_free (kept->headline);
  kept->headline = g_strdup ("Walrus census");
  g_assert_true (nf_store_begin (store, &error));
  g_assert_true (nf_store_put_article (store, kept, NULL, TRUE, &result,
                                       &error));
  g_assert_cmpint (result, ==, NF_STORE_PUT_CHANGED);
  g_assert_true (nf_store_put_article (store, dropped, NULL, FALSE, NULL,
                                       &error));
  g_assert_true (nf_store_commit (store, &error));
  g_assert_cmpuint (count_matches (store, "census"), ==, 1);
  g_assert_cmpuint (count_matches (store, "rises"), ==, 0);
  g_assert_cmpuint (count_matches (store, "walrus"), ==, 1);
  g_assert_cmpuint (count_matches (store, "narwhal"), ==, 1);
}

static void
test_stories (void)
{
  g_autofree char *path = new_db_path ();
  g_autoptr(NfStore) store = nf_store_open (path, NULL);
  g_autofree char *text0 = seed_text (0);
  g_autofree char *text1 = seed_text (1);
  g_autoptr(NfArticle) a0 = parse_text ("a.txt", text0);
  g_autoptr(NfArticle) a1 = parse_text ("b.txt", text1);
  g_autoptr(GPtrArray) members = NULL;
  g_autoptr(GPtrArray) stories = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *story = NULL;
  g_autofree char *json = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  const char *fields[] = { "Story", NULL };
  g_autoptr(GVariant) record = NULL;
  const char *story_path;
  guint total;

  g_assert_true (nf_store_put_article (store, a0, NULL, FALSE, NULL, &error));
  g_assert_true (nf_store_put_article (store, a1, NULL, FALSE, NULL, &error));
  g_assert_true (nf_store_put_story (store, "sma2020", "SMA talks", "{}", &error));
  g_assert_true (nf_store_set_article_story (store, a0->id, "sma2020", &error));
  g_assert_true (nf_store_set_article_story (store, a1->id, "sma2020", &error));
  g_assert_no_error (error);

  g_assert_true (nf_store_get_story (store, "sma2020", &title, NULL, &error));
  g_assert_cmpstr (title, ==, "SMA talks");
  story = nf_store_get_article_story (store, a1->id, &error);
  g_assert_cmpstr (story, ==, "sma2020");
  members = nf_store_list_story_articles (store, "sma2020", &error);
  g_assert_cmpuint (members->len, ==, 2);
  stories = nf_store_list_stories (store, 0, 10, &total, &error);
  g_assert_cmpuint (total, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (stories, 0), ==, "sma2020");

  /* GetJson and the Story property agree. */
  json = nf_store_get_json (store, a1->id, &error);
  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (json_parser_get_root (parser)), "story"),
                   ==, "sma2020");
  record = nf_store_get_article_fields (store, a1->id, fields, &error);
  g_variant_ref_sink (record);
  g_assert_true (g_variant_lookup (record, "Story", "&o", &story_path));
  g_assert_cmpstr (story_path, ==, NF_DBUS_STORY_PATH "/sma2020");

  /* A re-parse keeps the story. */
  g_assert_true (nf_store_put_article (store, a1, NULL, TRUE, NULL, &error));
  g_clear_pointer (&story, g_free);
  story = nf_store_get_article_story (store, a1->id, &error);
  g_assert_cmpstr (story, ==, "sma2020");

  g_assert_true (nf_store_remove_story (store, "sma2020", &error));
  g_clear_pointer (&story, g_free);
  story = nf_store_get_article_story (store, a1->id, &error);
  g_assert_null (story);
  g_assert_no_error (error);
  g_assert_false (nf_store_get_story (store, "sma2020", NULL, NULL, &error));
  g_assert_error (error, NF_ERROR, NF_ERROR_NOT_FOUND);
}

static void
test_files (void)
{
  g_autofree char *path = new_db_path ();
  g_autoptr(NfStore) store = nf_store_open (path, NULL);
  g_autoptr(GPtrArray) files = NULL;
  g_autofree char *article = NULL;
  gint64 mtime = 0;
  gint64 size = 0;

  g_assert_true (nf_store_put_file (store, "/in/a.txt", "aaaa", 10, 100, NULL));
  g_assert_true (nf_store_put_file (store, "/in/b.txt", "aaaa", 11, 200, NULL));
  g_assert_true (nf_store_put_file (store, "/other/c.txt", "cccc", 12, 300, NULL));
  g_assert_true (nf_store_get_file (store, "/in/b.txt", &article, &mtime, &size));
  g_assert_cmpstr (article, ==, "aaaa");
  g_assert_cmpint (mtime, ==, 11);
  g_assert_cmpint (size, ==, 200);
  g_assert_cmpuint (nf_store_count_file_refs (store, "aaaa"), ==, 2);
  files = nf_store_list_files (store, "/in", NULL);
  g_assert_cmpuint (files->len, ==, 2);
  g_assert_true (nf_store_remove_file (store, "/in/a.txt", NULL));
  g_assert_false (nf_store_get_file (store, "/in/a.txt", NULL, NULL, NULL));
  g_assert_cmpuint (nf_store_count_file_refs (store, "aaaa"), ==, 1);
}

/* A store written by schema 1 (text and JSON in the articles table)
 * opens with its articles, search and facts intact. */
static void
test_migration (void)
{
  g_autofree char *path = new_db_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(NfStore) store = NULL;
  g_autoptr(GPtrArray) ids = NULL;
  g_autofree char *json = NULL;
  g_autofree char *text = NULL;
  guint total = 0;
  sqlite3 *db;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, _nf_store_migrations[0], NULL, NULL, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "INSERT INTO articles (rowid, id, source, text, json,"
                                 " headline, added, sort_key) VALUES (7, 'abcd',"
                                 " 'old.txt', 'Old text about walruses.',"
                                 " '{\"id\":\"abcd\"}', 'Walrus news', 0,"
                                 " '2019-01-01');"
                                 "INSERT INTO articles_fts (rowid, headline, body)"
                                 " VALUES (7, 'Walrus news', 'Old text about walruses.');"
                                 "PRAGMA user_version = 1;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = nf_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_false (nf_store_is_new (store));
  json = nf_store_get_json (store, "abcd", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json, ==, "{\"id\":\"abcd\"}");
  text = nf_store_get_text (store, "abcd", &error);
  g_assert_cmpstr (text, ==, "Old text about walruses.");
  ids = nf_store_search (store, "walruses", 0, 10, &total, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (total, ==, 1);
  g_assert_true (nf_store_remove_article (store, "abcd", &error));
  g_assert_cmpuint (nf_store_count_articles (store, NULL), ==, 0);
}

static void
test_schema (void)
{
  g_autofree char *path = new_db_path ();
  g_autoptr(GError) error = NULL;
  NfStore *store;
  sqlite3 *db;

  store = nf_store_open (path, &error);
  g_assert_true (nf_store_is_new (store));
  nf_store_close (store);
  store = nf_store_open (path, &error);
  g_assert_false (nf_store_is_new (store));
  nf_store_close (store);

  /* A store from a newer version is refused, not damaged. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 99", NULL, NULL,
                                 NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  store = nf_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, NF_ERROR, NF_ERROR_STORAGE);

  /* Not a database at all. */
  g_clear_error (&error);
  g_file_set_contents (path, "this is not SQLite, just text, long enough "
                       "to fill a header of one hundred bytes or so......"
                       "...............................................",
                       -1, NULL);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);

    g_remove (wal);
  }
  store = nf_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, NF_ERROR, NF_ERROR_STORAGE);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  tmpdir = nf_test_tmpdir_new ("nf-store-XXXXXX");

  g_test_add_func ("/store/fts-query", test_fts_query);
  g_test_add_func ("/store/put-and-read", test_put_and_read);
  g_test_add_func ("/store/search-paging", test_search_paging);
  g_test_add_func ("/store/search-deep-pages", test_search_deep_pages);
  g_test_add_func ("/store/index-held", test_index_held);
  g_test_add_func ("/store/stories", test_stories);
  g_test_add_func ("/store/files", test_files);
  g_test_add_func ("/store/schema", test_schema);
  g_test_add_func ("/store/migration", test_migration);
  status = g_test_run ();

  nf_test_tmpdir_remove (tmpdir);
  g_free (tmpdir);
  return status;
}
