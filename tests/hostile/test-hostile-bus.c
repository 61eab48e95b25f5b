/* test-hostile-bus.c: hostile calls to newsfactsd on a private bus
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * FTS5 and SQL syntax in queries, markup and SQL in article text, options
 * of the wrong type, oversized and binary texts, absurd paging.  Each call
 * has an expected outcome: a reply, or one named error; after every one
 * the service still answers, and at the end the article count is exact
 * and the service exits cleanly (under `meson test --setup valgrind`: with
 * no definite leak and no memory error).
 */

#include "config.h"

#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <gio/gunixfdlist.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "nf-bench.h"

#define STORE_PATH     "/io/github/newsfacts/Facts1"
#define STORE_IFACE    "io.github.newsfacts.Facts1.Store"
#define ARTICLE_IFACE  "io.github.newsfacts.Facts1.Article"
#define ERROR_PREFIX   "io.github.newsfacts.Facts1.Error."

static NfBenchService *service;
static guint stored;      /* articles this test added */

static GVariant *
call_full (const char         *path,
           const char         *iface,
           const char         *method,
           GVariant           *args,
           const char         *reply_type,
           GUnixFDList        *fds,
           GError            **error)
{
  return g_dbus_connection_call_with_unix_fd_list_sync (
      service->connection, service->owner, path, iface, method, args,
      reply_type ? G_VARIANT_TYPE (reply_type) : NULL,
      G_DBUS_CALL_FLAGS_NO_AUTO_START, 300000, fds, NULL, NULL, error);
}

static GVariant *
call (const char  *path,
      const char  *iface,
      const char  *method,
      GVariant    *args,
      const char  *reply_type,
      GError     **error)
{
  return call_full (path, iface, method, args, reply_type, NULL, error);
}

static void
assert_dbus_error (GError     *error,
                   const char *name)
{
  g_autofree char *remote = NULL;

  g_assert_nonnull (error);
  remote = g_dbus_error_get_remote_error (error);
  if (g_strcmp0 (remote, name) != 0
      && !(g_str_has_prefix (remote ? remote : "", ERROR_PREFIX)
           && g_strcmp0 (remote + strlen (ERROR_PREFIX), name) == 0))
    g_error ("expected error %s, got %s: %s", name, remote, error->message);
}

static void
assert_alive (void)
{
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = call (STORE_PATH, "org.freedesktop.DBus.Peer", "Ping", NULL, NULL,
                &error);
  g_assert_no_error (error);
}

static guint
article_count (void)
{
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariant) value = NULL;
  g_autoptr(GError) error = NULL;

  reply = call (STORE_PATH, "org.freedesktop.DBus.Properties", "Get",
                g_variant_new ("(ss)", STORE_IFACE, "ArticleCount"), "(v)",
                &error);
  g_assert_no_error (error);
  g_variant_get (reply, "(v)", &value);
  return g_variant_get_uint32 (value);
}

/* Search: a reply with a sane page, or BadQuery.  Returns the total, or
 * -1 for BadQuery. */
static gint64
search (const char *query,
        guint       offset,
        guint       limit)
{
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariant) paths = NULL;
  g_autoptr(GError) error = NULL;
  guint total = 0;

  reply = call (STORE_PATH, STORE_IFACE, "Search",
                g_variant_new ("(suu)", query, offset, limit), "(uao)", &error);
  if (reply == NULL)
    {
      assert_dbus_error (error, "BadQuery");
      return -1;
    }
  g_variant_get (reply, "(u@ao)", &total, &paths);
  g_assert_cmpuint (g_variant_n_children (paths), <=, MIN (limit, 1000));
  g_assert_cmpuint (g_variant_n_children (paths), <=, total);
  return total;
}

static char *
ingest (const char *name,
        const char *text,
        GVariant   *options,
        GError    **error)
{
  g_autoptr(GVariant) reply = NULL;
  char *path = NULL;

  if (options == NULL)
    options = g_variant_new ("a{sv}", NULL);
  reply = call (STORE_PATH, STORE_IFACE, "Ingest",
                g_variant_new ("(ss@a{sv})", name, text, options), "(o)", error);
  if (reply == NULL)
    return NULL;
  g_variant_get (reply, "(o)", &path);
  return path;
}

static char *
ingest_fd (const guint8  *data,
           gsize          len,
           GError       **error)
{
  g_autofree char *file = g_build_filename (service->home, "fd-input", NULL);
  g_autoptr(GUnixFDList) fds = g_unix_fd_list_new ();
  g_autoptr(GVariant) reply = NULL;
  char *path = NULL;
  int fd;

  g_assert_true (g_file_set_contents (file, (const char *) data, len, NULL));
  fd = g_open (file, O_RDONLY, 0);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (g_unix_fd_list_append (fds, fd, NULL), ==, 0);
  close (fd);
  reply = call_full (STORE_PATH, STORE_IFACE, "IngestFd",
                     g_variant_new ("(sha{sv})", "fd-input", 0, NULL), "(o)",
                     fds, error);
  if (reply == NULL)
    return NULL;
  g_variant_get (reply, "(o)", &path);
  return path;
}

static JsonObject *
get_json (const char *path,
          JsonParser *parser)
{
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  const char *json;

  reply = call (path, ARTICLE_IFACE, "GetJson", NULL, "(s)", &error);
  g_assert_no_error (error);
  g_variant_get (reply, "(&s)", &json);
  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  return json_node_get_object (json_parser_get_root (parser));
}

static void
test_fts_syntax (void)
{
  const char *queries[] = {
    "\"unterminated", "NEAR(a b)", "NEAR(\"a\" \"b\", 3)", "a OR", "OR", "AND",
    "NOT", "a AND NOT b", "*", "**", "a*b", "^start", "col:term",
    "headline:seoul", "body : x", "{headline body}:x", "-x", "+x", "(", ")",
    "(a", "a)", "'", "\"", "\"\"", "''", "x\" OR \"1\"=\"1",
    "'; DROP TABLE articles; --", "articles_fts MATCH 'x'", "rank:1",
    "\xe2\x80\x9cquoted\xe2\x80\x9d", "caf\xc3\xa9", "\xe4\xb8\xad\xe6\x96\x87",
    "a\tb\nc\rd", " ", "\x01\x02", "%", "_", "\\", "a\\\"b", "$1",
    "<b>bold</b>", "*seoul", "seoul**", "\"a\"*",
  };

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_test_message ("query %s", queries[i]);
      search (queries[i], 0, 10);
      assert_alive ();
    }
}

static void
test_long_queries (void)
{
  g_autoptr(GString) words = g_string_new (NULL);
  g_autoptr(GString) terms = g_string_new (NULL);
  double start;

  while (words->len < 100 * 1024)
    g_string_append (words, "korea ");
  for (guint i = 0; i < 10000; i++)
    g_string_append (terms, "a OR \"b\" NEAR(c) ");

  start = nf_bench_now ();
  search (words->str, 0, 10);
  search (terms->str, 0, 10);
  assert_alive ();
  g_test_message ("two long queries: %.2f s", nf_bench_now () - start);
}

static void
test_markup_and_sql (void)
{
  const char text[] =
    "<b>Bold</b> &amp; <span foreground=\"red\">zebrafish</span> headline\n\n"
    "Robert'); DROP TABLE articles; -- said \"we will\" on Monday.\n\n"
    "The table ' UNION SELECT * FROM sqlite_master; holds 13 zebrafish.\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *path = NULL;
  g_autofree char *json_text = NULL;
  guint before = article_count ();
  JsonObject *root;
  const char *headline, *body;

  path = ingest ("markup.txt", text, NULL, &error);
  g_assert_no_error (error);
  stored++;
  g_assert_cmpuint (article_count (), ==, before + 1);

  root = get_json (path, parser);
  headline = json_object_get_string_member_with_default (root, "headline", "");
  body = json_object_get_string_member_with_default (root, "body", "");
  g_assert_nonnull (strstr (headline ? headline : "", "<span foreground=\"red\">zebrafish</span>"));
  g_assert_nonnull (strstr (body, "Robert'); DROP TABLE articles; --"));
  g_assert_nonnull (strstr (body, "' UNION SELECT * FROM sqlite_master;"));

  g_assert_cmpint (search ("zebrafish", 0, 10), >=, 1);
  g_assert_cmpint (search ("DROP TABLE", 0, 10), >=, 1);
  g_assert_cmpint (search ("", 0, 1), ==, before + 1);
}

static void
test_options (void)
{
  struct { const char *key; GVariant *value; } bad[] = {
    { "published", g_variant_new_uint32 (2020) },
    { "published", g_variant_new_string ("2020-02-30") },
    { "published", g_variant_new_string ("9999-99-99") },
    { "published", g_variant_new_string ("") },
    { "published", g_variant_new_string ("2020-05-05T25:61") },
    { "published", g_variant_new_string ("'; DROP TABLE articles; --") },
    { "replace", g_variant_new_string ("yes") },
    { "unknown", g_variant_new_boolean (TRUE) },
    { "", g_variant_new_variant (g_variant_new_int32 (1)) },
  };
  guint before = article_count ();

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *path = NULL;
      GVariantBuilder options;

      g_variant_builder_init (&options, G_VARIANT_TYPE_VARDICT);
      g_variant_builder_add (&options, "{sv}", bad[i].key, bad[i].value);
      path = ingest ("options.txt", "Options test\n\nA body sentence.\n",
                     g_variant_builder_end (&options), &error);
      g_assert_null (path);
      assert_dbus_error (error, "InvalidArgs");
    }
  g_assert_cmpuint (article_count (), ==, before);
  assert_alive ();
}

static void
test_bad_texts (void)
{
  const guint8 binary[] = { 'a', 0, 'b', 0, 0x7f, 'E', 'L', 'F', 0 };
  const char cp1252[] = "Caf\xe9 owner says \x93no\x94\n\nThe owner said so.\n";
  g_autoptr(GString) too_large = g_string_new (NULL);
  g_autoptr(GString) quotes = g_string_new ("Quote marks\n\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *path = NULL;
  g_autofree char *path2 = NULL;
  guint before = article_count ();
  JsonObject *root;

  while (too_large->len <= 1024 * 1024)
    g_string_append (too_large, "Too large a text for the service. ");
  g_assert_null (ingest ("big.txt", too_large->str, NULL, &error));
  assert_dbus_error (error, "TooLarge");
  g_clear_error (&error);

  g_assert_null (ingest_fd (binary, sizeof binary, &error));
  assert_dbus_error (error, "InvalidInput");
  g_clear_error (&error);
  g_assert_null (ingest ("blank.txt", " \n\t\n", NULL, &error));
  assert_dbus_error (error, "InvalidInput");
  g_clear_error (&error);

  path = ingest_fd ((const guint8 *) cp1252, sizeof cp1252 - 1, &error);
  g_assert_no_error (error);
  stored++;
  root = get_json (path, parser);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "warnings")), ==, 1);

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (quotes, '"');
  path2 = ingest ("quotes.txt", quotes->str, NULL, &error);
  g_assert_no_error (error);
  stored++;
  root = get_json (path2, parser);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "quotes")), <=, 50000);

  g_assert_cmpuint (article_count (), ==, before + 2);
  assert_alive ();
}

static void
test_paging (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = NULL;
  GVariantBuilder paths;
  guint count = article_count ();

  g_assert_cmpint (search ("", G_MAXUINT32, G_MAXUINT32), ==, count);
  g_assert_cmpint (search ("", 0, G_MAXUINT32), ==, count);
  g_assert_cmpint (search ("", G_MAXUINT32 - 1, 1), ==, count);

  /* More paths than a page: refused as a whole. */
  g_variant_builder_init (&paths, G_VARIANT_TYPE ("ao"));
  for (guint i = 0; i < 1001; i++)
    g_variant_builder_add (&paths, "o",
                           "/io/github/newsfacts/Facts1/article/0000000000000000");
  reply = call (STORE_PATH, STORE_IFACE, "GetArticles",
                g_variant_new ("(@aoas)", g_variant_builder_end (&paths), NULL),
                "(aa{sv})", &error);
  g_assert_null (reply);
  assert_dbus_error (error, "InvalidArgs");
  g_clear_error (&error);

  /* An article that does not exist. */
  reply = call ("/io/github/newsfacts/Facts1/article/0000000000000000",
                ARTICLE_IFACE, "GetJson", NULL, "(s)", &error);
  g_assert_null (reply);
  g_assert_true (g_dbus_error_is_remote_error (error));
  assert_alive ();
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  guint before;
  int status;

  g_test_init (&argc, &argv, NULL);

  service = nf_bench_service_new (&error);
  g_assert_no_error (error);
  nf_bench_service_start (service, NULL, &error);
  g_assert_no_error (error);
  before = article_count ();

  g_test_add_func ("/hostile-bus/fts-syntax", test_fts_syntax);
  g_test_add_func ("/hostile-bus/long-queries", test_long_queries);
  g_test_add_func ("/hostile-bus/markup-and-sql", test_markup_and_sql);
  g_test_add_func ("/hostile-bus/options", test_options);
  g_test_add_func ("/hostile-bus/bad-texts", test_bad_texts);
  g_test_add_func ("/hostile-bus/paging", test_paging);
  status = g_test_run ();

  /* Exact count, then a clean exit (valgrind makes it non-zero on a leak
   * or a memory error). */
  g_assert_cmpuint (article_count (), ==, before + stored);
  g_assert_cmpint (nf_bench_service_stop (service), ==, 0);
  nf_bench_service_free (service);
  return status;
}
