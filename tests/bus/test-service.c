/* test-service.c: newsfactsd on a private session bus
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the real newsfactsd from the build tree on a GTestDBus bus and
 * talks to it as any client would.  The tests run in order and share one
 * service: ingest, read, search, errors, removal, restart, watched
 * folders, then a SIGKILL in the middle of a large import.
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <gio/gio.h>
#include <gio/gunixfdlist.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "nf-error.h"
#include "nf-store.h"
#include "nf-test-bus.h"
#include "nf-test-tmpdir.h"

#define STORE_IFACE   "io.github.newsfacts.Facts1.Store"
#define ARTICLE_IFACE "io.github.newsfacts.Facts1.Article"
#define SEED_1 "000_3fef9dc81930f8b6.txt"
#define SEED_2 "004_f680026f844309a2.txt"

static GTestDBus *bus;
static GDBusConnection *conn;
static GSubprocess *service;
static char *tmpdir;
static char *db_path;
static char *seed_paths[2];
static GHashTable *added;      /* paths seen in ArticlesAdded */
static GHashTable *removed;
static GHashTable *changed;
static guint added_signals;       /* ArticlesAdded emissions */
static guint last_count = G_MAXUINT;  /* from PropertiesChanged */

/* ---- helpers ---------------------------------------------------------- */

static const char *
build_root (void)
{
  const char *root = g_getenv ("NF_BUILD_ROOT");

  g_assert_nonnull (root);
  return root;
}

static gboolean
name_has_owner (void)
{
  return nf_test_name_has_owner (conn);
}

/* Timeouts are generous: the machine may be busy with other builds. */
#define wait_until(check, data, timeout_ms) \
  nf_test_wait_until (check, data, timeout_ms, G_STRLOC)

static gboolean
owner_is (gpointer data)
{
  return name_has_owner () == GPOINTER_TO_INT (data);
}

static void
service_start_full (const char *db,
                    gboolean    samples,
                    gboolean    watch)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *exe = g_build_filename (build_root (), "service",
                                           "newsfactsd", NULL);
  g_autofree char *data_home = g_build_filename (tmpdir, "data", NULL);
  g_autofree char *config_home = g_build_filename (tmpdir, "config", NULL);

  g_assert_null (service);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", data_home, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", config_home, TRUE);
  g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", "keyfile", TRUE);
  if (!samples)
    g_subprocess_launcher_setenv (launcher, "NF_SAMPLES_DIR", "", TRUE);
  service = g_subprocess_launcher_spawn (launcher, &error, exe, "--db", db,
                                         watch ? NULL : "--no-watch", NULL);
  g_assert_no_error (error);
  wait_until (owner_is, GINT_TO_POINTER (TRUE), 30000);
}

static void
service_start (const char *db,
               gboolean    samples)
{
  service_start_full (db, samples, TRUE);
}

static void
service_stop (int signum)
{
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (service);
  g_subprocess_send_signal (service, signum);
  g_subprocess_wait (service, NULL, &error);
  g_assert_no_error (error);
  if (signum == SIGTERM)
    g_assert_true (g_subprocess_get_if_exited (service) &&
                   g_subprocess_get_exit_status (service) == 0);
  g_clear_object (&service);
  wait_until (owner_is, GINT_TO_POINTER (FALSE), 30000);
}

static GVariant *
call_full (const char   *path,
           const char   *iface,
           const char   *method,
           GVariant     *params,
           const char   *reply_type,
           GUnixFDList  *fds,
           GError      **error)
{
  return g_dbus_connection_call_with_unix_fd_list_sync (
      conn, NF_DBUS_NAME, path, iface, method, params,
      reply_type != NULL ? G_VARIANT_TYPE (reply_type) : NULL,
      G_DBUS_CALL_FLAGS_NONE, 30000, fds, NULL, NULL, error);
}

static GVariant *
call (const char *path,
      const char *iface,
      const char *method,
      GVariant   *params,
      const char *reply_type)
{
  g_autoptr(GError) error = NULL;
  GVariant *reply = call_full (path, iface, method, params, reply_type, NULL,
                               &error);

  g_assert_no_error (error);
  return reply;
}

static void
assert_error (GVariant   *params,
              const char *method,
              NfError     code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = call_full (NF_DBUS_PATH, STORE_IFACE, method,
                                         params, NULL, NULL, &error);

  g_assert_null (reply);
  g_assert_error (error, NF_ERROR, (int) code);
}

static char *
ingest_text (const char *name,
             const char *text)
{
  g_autoptr(GVariant) reply = NULL;
  char *path = NULL;

  reply = call (NF_DBUS_PATH, STORE_IFACE, "Ingest",
                g_variant_new ("(ss@a{sv})", name, text,
                               g_variant_new_array (G_VARIANT_TYPE ("{sv}"),
                                                    NULL, 0)),
                "(o)");
  g_variant_get (reply, "(o)", &path);
  return path;
}

static GVariant *
ingest_fd (const char  *name,
           int          fd,
           GError     **error)
{
  g_autoptr(GUnixFDList) fds = g_unix_fd_list_new ();
  int handle = g_unix_fd_list_append (fds, fd, NULL);

  return call_full (NF_DBUS_PATH, STORE_IFACE, "IngestFd",
                    g_variant_new ("(sh@a{sv})", name, handle,
                                   g_variant_new_array (G_VARIANT_TYPE ("{sv}"),
                                                        NULL, 0)),
                    "(o)", fds, error);
}

static guint
search (const char *query,
        guint       offset,
        guint       limit,
        GStrv      *paths)
{
  g_autoptr(GVariant) reply = call (NF_DBUS_PATH, STORE_IFACE, "Search",
                                    g_variant_new ("(suu)", query, offset,
                                                   limit),
                                    "(uao)");
  guint total;

  g_variant_get (reply, "(u^ao)", &total, paths);
  return total;
}

static GVariant *
get_property (const char *path,
              const char *iface,
              const char *name)
{
  g_autoptr(GVariant) reply = call (path, "org.freedesktop.DBus.Properties",
                                    "Get", g_variant_new ("(ss)", iface, name),
                                    "(v)");
  GVariant *value;

  g_variant_get (reply, "(v)", &value);
  return value;
}

static guint
article_count (void)
{
  g_autoptr(GVariant) value = get_property (NF_DBUS_PATH, STORE_IFACE,
                                            "ArticleCount");

  return g_variant_get_uint32 (value);
}

static char *
article_json (const char *path)
{
  g_autoptr(GVariant) reply = call (path, ARTICLE_IFACE, "GetJson", NULL,
                                    "(s)");
  char *json;

  g_variant_get (reply, "(s)", &json);
  return json;
}

static void
on_signal (GDBusConnection *connection,
           const char      *sender,
           const char      *path,
           const char      *iface,
           const char      *signal,
           GVariant        *params,
           gpointer         user_data)
{
  GHashTable *set = g_str_equal (signal, "ArticlesAdded") ? added
                    : g_str_equal (signal, "ArticlesRemoved") ? removed
                    : changed;
  g_autofree const char **paths = NULL;

  g_variant_get (params, "(^a&o)", &paths);
  if (set == added)
    added_signals++;
  for (guint i = 0; paths[i] != NULL; i++)
    g_hash_table_add (set, g_strdup (paths[i]));
}

static void
on_properties_changed (GDBusConnection *connection,
                       const char      *sender,
                       const char      *path,
                       const char      *iface,
                       const char      *signal,
                       GVariant        *params,
                       gpointer         user_data)
{
  g_autoptr(GVariant) props = g_variant_get_child_value (params, 1);

  g_variant_lookup (props, "ArticleCount", "u", &last_count);
}

static gboolean
count_announced (gpointer data)
{
  return last_count == GPOINTER_TO_UINT (data);
}

typedef struct
{
  GHashTable *set;
  const char *path;
} Seen;

static gboolean
seen (gpointer data)
{
  Seen *s = data;

  return g_hash_table_contains (s->set, s->path);
}

#define wait_signal(set, path) wait_signal_full (set, path, G_STRLOC)

static void
wait_signal_full (GHashTable *set,
                  const char *path,
                  const char *where)
{
  Seen s = { set, path };
  g_autofree char *what = g_strdup_printf ("%s: a signal for %s", where, path);

  nf_test_wait_until (seen, &s, 30000, what);
}

static char *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

/* What `newsfacts parse` prints for @file, one of the two seeds, when
 * both are parsed in one call: the service stores them together, and
 * their story settles the year of the one whose dateline prints none. */
static JsonNode *
cli_parse (const char *file)
{
  g_autofree char *exe = g_build_filename (build_root (), "service",
                                           "newsfacts", NULL);
  g_autofree char *name = g_path_get_basename (file);
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_auto(GStrv) lines = NULL;

  proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, exe,
                           "parse", seed_paths[0], seed_paths[1], NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (proc));
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(JsonNode) node = NULL;

      if (lines[i][0] == '\0')
        continue;
      node = parse_json (lines[i]);
      if (g_strcmp0 (json_object_get_string_member (json_node_get_object (node),
                                                    "source"), name) == 0)
        return g_steal_pointer (&node);
    }
  g_assert_not_reached ();
}

/* ---- tests ------------------------------------------------------------ */

static char *seed_article[2];

static void
test_ingest (void)
{
  g_autofree char *text = read_file (seed_paths[0]);
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *again = NULL;
  int fd;

  service_start (db_path, FALSE);
  g_assert_cmpuint (article_count (), ==, 0);

  seed_article[0] = ingest_text (SEED_1, text);
  g_assert_true (g_str_has_prefix (seed_article[0], NF_DBUS_ARTICLE_PATH "/"));

  fd = open (seed_paths[1], O_RDONLY | O_CLOEXEC);
  g_assert_cmpint (fd, >=, 0);
  reply = ingest_fd (SEED_2, fd, &error);
  close (fd);
  g_assert_no_error (error);
  g_variant_get (reply, "(o)", &seed_article[1]);
  g_assert_cmpstr (seed_article[0], !=, seed_article[1]);

  wait_signal (added, seed_article[0]);
  wait_signal (added, seed_article[1]);
  g_assert_cmpuint (article_count (), ==, 2);
  wait_until (count_announced, GUINT_TO_POINTER (2), 30000);

  /* The same text again is the same article, and is not announced. */
  g_hash_table_remove_all (added);
  again = ingest_text ("copy.txt", text);
  g_assert_cmpstr (again, ==, seed_article[0]);
  g_assert_cmpuint (article_count (), ==, 2);
}

static void
test_search (void)
{
  g_auto(GStrv) all = NULL;
  g_auto(GStrv) page = NULL;
  g_auto(GStrv) hits = NULL;
  g_auto(GStrv) one = NULL;
  g_auto(GStrv) none = NULL;
  g_auto(GStrv) prefix = NULL;
  g_auto(GStrv) phrase = NULL;

  g_assert_cmpuint (search ("", 0, 100, &all), ==, 2);
  g_assert_cmpuint (g_strv_length (all), ==, 2);
  g_assert_true (g_strv_contains ((const char *const *) all, seed_article[0]));
  g_assert_true (g_strv_contains ((const char *const *) all, seed_article[1]));

  /* Paging: the second page of one is the second of all. */
  g_assert_cmpuint (search ("", 1, 1, &page), ==, 2);
  g_assert_cmpuint (g_strv_length (page), ==, 1);
  g_assert_cmpstr (page[0], ==, all[1]);

  g_assert_cmpuint (search ("korea", 0, 10, &hits), ==, 2);
  /* Only the second seed names Knapper (in a quote's speaker too). */
  g_assert_cmpuint (search ("Knapper", 0, 10, &one), ==, 1);
  g_assert_cmpstr (one[0], ==, seed_article[1]);
  g_assert_cmpuint (search ("Knapper zanzibarian", 0, 10, &none), ==, 0);
  g_assert_cmpuint (search ("negotiat*", 0, 10, &prefix), ==, 2);
  g_assert_cmpuint (search ("\"virtual seminar\"", 0, 10, &phrase), ==, 1);
  g_assert_cmpstr (phrase[0], ==, seed_article[1]);
}

/* FTS5 syntax in user text is either plain words or BadQuery, never a
 * crash or an SQL error. */
static void
test_search_hostile (void)
{
  static const char *const queries[] = {
    "\"unbalanced", "NEAR(", "a OR", "OR", "NOT korea", "korea AND",
    "(korea", "korea)", "headline:korea", "^korea", "korea + talks",
    "{headline body}: korea", "\"\"", "'", "*", "***", "-", "k*r*a",
    "\"korea\" \"", "NEAR(korea talks, 2)", "korea\"talks", "';DROP TABLE articles;--",
    "\xc3\xa9l\xc3\xa8ve", "\t", "a b c d e f g h i j k l m n o p q r s t u v w x y z 1 2 3 4 5 6 7",
  };

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GVariant) reply = NULL;

      reply = call_full (NF_DBUS_PATH, STORE_IFACE, "Search",
                         g_variant_new ("(suu)", queries[i], 0, 10), "(uao)",
                         NULL, &error);
      if (reply == NULL)
        g_assert_error (error, NF_ERROR, NF_ERROR_BAD_QUERY);
    }
  assert_error (g_variant_new ("(suu)", "***", 0, 10), "Search",
                NF_ERROR_BAD_QUERY);
  /* Still answering, and the table is still there. */
  g_assert_cmpuint (article_count (), ==, 2);
}

static void
test_properties (void)
{
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(JsonNode) expected = cli_parse (seed_paths[i]);
      g_autofree char *json = article_json (seed_article[i]);
      g_autoptr(JsonNode) got = parse_json (json);
      JsonObject *facts = json_node_get_object (got);
      g_autoptr(GVariant) headline = NULL;
      g_autoptr(GVariant) quotes = NULL;
      g_autoptr(GVariant) figures = NULL;
      g_autoptr(GVariant) entities = NULL;
      g_autoptr(GVariant) story = NULL;
      g_autoptr(GVariant) text = NULL;
      g_autofree char *file_text = read_file (seed_paths[i]);
      g_autoptr(GVariant) all = NULL;

      /* GetJson is `newsfacts parse`, the story aside. */
      json_object_remove_member (json_node_get_object (expected), "story");
      json_object_remove_member (facts, "story");
      g_assert_true (json_node_equal (expected, got));

      headline = get_property (seed_article[i], ARTICLE_IFACE, "Headline");
      g_assert_cmpstr (g_variant_get_string (headline, NULL), ==,
                       json_object_get_null_member (facts, "headline") ? ""
                       : json_object_get_string_member (facts, "headline"));
      quotes = get_property (seed_article[i], ARTICLE_IFACE, "Quotes");
      g_assert_cmpuint (g_variant_n_children (quotes), ==,
                        json_array_get_length (json_object_get_array_member (facts, "quotes")));
      figures = get_property (seed_article[i], ARTICLE_IFACE, "Figures");
      g_assert_cmpuint (g_variant_n_children (figures), ==,
                        json_array_get_length (json_object_get_array_member (facts, "figures")));
      entities = get_property (seed_article[i], ARTICLE_IFACE, "Entities");
      g_assert_cmpuint (g_variant_n_children (entities), ==,
                        json_array_get_length (json_object_get_array_member (facts, "entities")));
      story = get_property (seed_article[i], ARTICLE_IFACE, "Story");
      g_assert_true (g_variant_is_of_type (story, G_VARIANT_TYPE_OBJECT_PATH));

      text = call (seed_article[i], ARTICLE_IFACE, "GetText", NULL, "(s)");
      {
        g_autoptr(GVariant) child = g_variant_get_child_value (text, 0);

        g_assert_cmpstr (g_variant_get_string (child, NULL), ==, file_text);
      }

      all = call (seed_article[i], "org.freedesktop.DBus.Properties", "GetAll",
                  g_variant_new ("(s)", ARTICLE_IFACE), "(a{sv})");
      {
        g_autoptr(GVariant) dict = g_variant_get_child_value (all, 0);

        g_assert_cmpuint (g_variant_n_children (dict), ==, 13);
      }
    }
}

static void
test_get_articles (void)
{
  const char *paths[] = { seed_article[1], NF_DBUS_ARTICLE_PATH "/0000000000000000",
                          seed_article[0], NULL };
  const char *fields[] = { "Headline", "Published", "Quotes", NULL };
  const char *no_fields[] = { NULL };
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariant) records = NULL;
  g_autoptr(GVariant) list = NULL;
  g_autoptr(GVariant) first = NULL;
  g_autoptr(GVariant) missing = NULL;
  const char *path;

  reply = call (NF_DBUS_PATH, STORE_IFACE, "GetArticles",
                g_variant_new ("(^ao^as)", paths, fields), "(aa{sv})");
  records = g_variant_get_child_value (reply, 0);
  g_assert_cmpuint (g_variant_n_children (records), ==, 3);
  first = g_variant_get_child_value (records, 0);
  g_assert_true (g_variant_lookup (first, "path", "&o", &path));
  g_assert_cmpstr (path, ==, seed_article[1]);
  g_assert_true (g_variant_lookup (first, "Headline", "&s", &path));
  {
    g_autoptr(GVariant) quotes = g_variant_lookup_value (first, "Quotes",
                                                         G_VARIANT_TYPE ("a(sssssbuu)"));

    g_assert_nonnull (quotes);
  }
  missing = g_variant_get_child_value (records, 1);
  g_assert_cmpuint (g_variant_n_children (missing), ==, 1);

  /* No fields: the list fields. */
  list = call (NF_DBUS_PATH, STORE_IFACE, "GetArticles",
               g_variant_new ("(^ao^as)", paths, no_fields), "(aa{sv})");
  {
    g_autoptr(GVariant) all = g_variant_get_child_value (list, 0);
    g_autoptr(GVariant) rec = g_variant_get_child_value (all, 2);

    g_assert_true (g_variant_lookup (rec, "Id", "&s", &path));
    g_assert_true (g_str_has_suffix (seed_article[0], path));
    g_assert_true (g_variant_lookup (rec, "Brief", "&s", &path));
    g_assert_false (g_variant_lookup (rec, "Quotes", "*", NULL));
  }
}

static void
test_errors (void)
{
  g_autoptr(GString) binary = g_string_new (NULL);
  g_autoptr(GString) big = g_string_new (NULL);
  g_autofree char *big_file = g_build_filename (tmpdir, "big.txt", NULL);
  g_autoptr(GVariantBuilder) bad_type = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = NULL;
  const char *no_fields[] = { "Headline", "Nonsense", NULL };
  const char *no_paths[] = { NULL };
  int fd;

  for (guint i = 0; i < 400; i++)
    g_string_append_c (binary, 1 + (i % 7));
  assert_error (g_variant_new ("(ss@a{sv})", "bin", binary->str,
                               g_variant_new_array (G_VARIANT_TYPE ("{sv}"), NULL, 0)),
                "Ingest", NF_ERROR_INVALID_INPUT);
  assert_error (g_variant_new ("(ss@a{sv})", "empty", "  \n ",
                               g_variant_new_array (G_VARIANT_TYPE ("{sv}"), NULL, 0)),
                "Ingest", NF_ERROR_INVALID_INPUT);

  while (big->len <= 2 * 1024 * 1024)
    g_string_append (big, "The talks went on for another long day in Seoul. ");
  assert_error (g_variant_new ("(ss@a{sv})", "big", big->str,
                               g_variant_new_array (G_VARIANT_TYPE ("{sv}"), NULL, 0)),
                "Ingest", NF_ERROR_TOO_LARGE);
  g_file_set_contents (big_file, big->str, big->len, &error);
  g_assert_no_error (error);
  fd = open (big_file, O_RDONLY | O_CLOEXEC);
  reply = ingest_fd ("big", fd, &error);
  close (fd);
  g_assert_null (reply);
  g_assert_error (error, NF_ERROR, NF_ERROR_TOO_LARGE);

  assert_error (g_variant_new_parsed ("('x', 'Some text here.', {'published': <5>})"),
                "Ingest", NF_ERROR_INVALID_ARGS);
  assert_error (g_variant_new_parsed ("('x', 'Some text here.', {'published': <'yesterday'>})"),
                "Ingest", NF_ERROR_INVALID_ARGS);
  assert_error (g_variant_new_parsed ("('x', 'Some text here.', {'colour': <'red'>})"),
                "Ingest", NF_ERROR_INVALID_ARGS);
  assert_error (g_variant_new_parsed ("('x', 'Some text here.', {'replace': <'yes'>})"),
                "Ingest", NF_ERROR_INVALID_ARGS);
  assert_error (g_variant_new ("(^ao^as)", no_paths, no_fields), "GetArticles",
                NF_ERROR_INVALID_ARGS);
  {
    g_autoptr(GPtrArray) many = g_ptr_array_new ();

    for (guint i = 0; i <= NF_STORE_MAX_PAGE; i++)
      g_ptr_array_add (many, (gpointer) seed_article[0]);
    g_ptr_array_add (many, NULL);
    assert_error (g_variant_new ("(^ao^as)", (const char *const *) many->pdata,
                                 no_paths),
                  "GetArticles", NF_ERROR_INVALID_ARGS);
  }
  g_clear_error (&error);
  fd = open (tmpdir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  g_clear_pointer (&reply, g_variant_unref);
  reply = ingest_fd ("folder", fd, &error);
  close (fd);
  g_assert_null (reply);
  g_assert_error (error, NF_ERROR, NF_ERROR_INVALID_ARGS);
  assert_error (g_variant_new ("(o)", NF_DBUS_ARTICLE_PATH "/0000000000000000"),
                "Remove", NF_ERROR_NOT_FOUND);
  assert_error (g_variant_new ("(o)", "/elsewhere"), "Remove",
                NF_ERROR_NOT_FOUND);

  g_clear_error (&error);
  reply = call_full (NF_DBUS_ARTICLE_PATH "/0000000000000000", ARTICLE_IFACE,
                     "GetJson", NULL, "(s)", NULL, &error);
  g_assert_error (error, NF_ERROR, NF_ERROR_NOT_FOUND);
  g_assert_cmpuint (article_count (), ==, 2);
}

static void
test_remove (void)
{
  g_autoptr(GVariant) reply = NULL;
  g_auto(GStrv) all = NULL;

  reply = call (NF_DBUS_PATH, STORE_IFACE, "Remove",
                g_variant_new ("(o)", seed_article[1]), "()");
  wait_signal (removed, seed_article[1]);
  g_assert_cmpuint (article_count (), ==, 1);
  wait_until (count_announced, GUINT_TO_POINTER (1), 30000);
  g_assert_cmpuint (search ("", 0, 10, &all), ==, 1);
  g_assert_cmpstr (all[0], ==, seed_article[0]);
  g_assert_cmpuint (search ("Knapper", 0, 10, NULL), ==, 0);
}

static void
test_restart (void)
{
  g_autofree char *json_before = article_json (seed_article[0]);
  g_autofree char *json_after = NULL;
  g_auto(GStrv) all = NULL;

  service_stop (SIGTERM);
  service_start (db_path, TRUE);   /* not a new store: no samples */
  g_assert_cmpuint (article_count (), ==, 1);
  g_assert_cmpuint (search ("korea", 0, 10, &all), ==, 1);
  g_assert_cmpstr (all[0], ==, seed_article[0]);
  json_after = article_json (seed_article[0]);
  g_assert_cmpstr (json_before, ==, json_after);
}

static void
sql_exec (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 10000);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

/* Facts stored by another build are parsed again at start. */
static void
test_reparse (void)
{
  g_autoptr(JsonNode) expected = cli_parse (seed_paths[0]);
  g_autofree char *json = NULL;
  g_autoptr(JsonNode) got = NULL;
  g_autoptr(GVariant) headline = NULL;
  const char *want = json_object_get_string_member (json_node_get_object (expected),
                                                    "headline");

  service_stop (SIGTERM);
  sql_exec (db_path,
            "UPDATE meta SET value = 'another build' WHERE key = 'pipeline';"
            "UPDATE article_texts SET json = json_set (json, '$.headline', 'STALE');"
            "UPDATE articles SET headline = 'STALE';");
  g_hash_table_remove_all (changed);
  service_start (db_path, FALSE);
  wait_signal (changed, seed_article[0]);

  json = article_json (seed_article[0]);
  got = parse_json (json);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (got), "headline"),
                   ==, want);
  headline = get_property (seed_article[0], ARTICLE_IFACE, "Headline");
  g_assert_cmpstr (g_variant_get_string (headline, NULL), ==, want);
  g_assert_cmpuint (article_count (), ==, 1);
}

static char *
inbox_file (const char *name)
{
  return g_build_filename (tmpdir, "data", "newsfacts", "inbox", name, NULL);
}

static const char *
id_of (const char *path)
{
  return strrchr (path, '/') + 1;
}

static char *
replace (const char *text,
         const char *old,
         const char *new)
{
  GString *out = g_string_new (text);

  g_assert_cmpuint (g_string_replace (out, old, new, 0), >, 0);
  return g_string_free (out, FALSE);
}

static void
test_watch (void)
{
  g_autofree char *text = read_file (seed_paths[1]);
  g_autofree char *file = inbox_file ("wire.txt");
  g_autofree char *tmp = inbox_file (".wire.txt.tmp");
  g_autofree char *edited = NULL;
  g_autofree char *path = NULL;
  g_autofree char *path2 = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) hits = NULL;

  /* A file dropped into the inbox is ingested. */
  g_hash_table_remove_all (added);
  g_hash_table_remove_all (removed);
  g_file_set_contents (tmp, text, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_rename (tmp, file), ==, 0);
  path = g_strdup (seed_article[1]);
  wait_signal (added, path);
  g_assert_cmpuint (article_count (), ==, 2);

  /* An edited file becomes a new article and the old one goes. */
  edited = replace (text, "virtual seminar", "virtual conference");
  g_file_set_contents (file, edited, -1, &error);
  g_assert_no_error (error);
  wait_signal (removed, path);
  g_assert_cmpuint (search ("\"virtual conference\"", 0, 10, &hits), ==, 1);
  path2 = g_strdup (hits[0]);
  g_assert_cmpstr (path2, !=, path);
  wait_signal (added, path2);

  /* A deleted file takes its article with it. */
  g_assert_cmpint (g_unlink (file), ==, 0);
  wait_signal (removed, path2);
  g_assert_cmpuint (article_count (), ==, 1);

  /* While the service is down: a new file in the inbox and one in a
   * folder added to the GSettings key; the crawl at start finds both. */
  service_stop (SIGTERM);
  {
    g_autofree char *folder = g_build_filename (tmpdir, "watched", NULL);
    g_autofree char *other = g_build_filename (folder, "other.txt", NULL);
    g_autofree char *keyfile_dir = g_build_filename (tmpdir, "config",
                                                     "glib-2.0", "settings",
                                                     NULL);
    g_autofree char *keyfile = g_build_filename (keyfile_dir, "keyfile", NULL);
    g_autofree char *settings = g_strdup_printf ("[io/github/newsfacts]\n"
                                                 "watched-folders=['%s']\n",
                                                 folder);
    g_autofree char *other_text = replace (text, "coronavirus", "influenza");
    g_auto(GStrv) found = NULL;
    g_auto(GStrv) found2 = NULL;

    g_mkdir_with_parents (folder, 0700);
    g_mkdir_with_parents (keyfile_dir, 0700);
    g_file_set_contents (keyfile, settings, -1, &error);
    g_assert_no_error (error);
    g_file_set_contents (file, text, -1, &error);
    g_assert_no_error (error);
    g_file_set_contents (other, other_text, -1, &error);
    g_assert_no_error (error);

    g_hash_table_remove_all (added);
    service_start (db_path, FALSE);
    wait_signal (added, path);
    g_assert_cmpuint (search ("influenza", 0, 10, &found), ==, 1);
    wait_signal (added, found[0]);
    g_assert_cmpuint (article_count (), ==, 3);

    /* Deleted while the service was down. */
    service_stop (SIGTERM);
    g_assert_cmpint (g_unlink (other), ==, 0);
    service_start (db_path, FALSE);
    wait_signal (removed, found[0]);
    g_assert_cmpuint (search ("influenza", 0, 10, &found2), ==, 0);
  }
  (void) id_of;
}

/* --help and --version; --replace takes the name from a running service,
 * which then exits cleanly. */
static void
test_options (void)
{
  g_autofree char *exe = g_build_filename (build_root (), "service",
                                           "newsfactsd", NULL);
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GSubprocess) second = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *data_home = g_build_filename (tmpdir, "data", NULL);
  g_auto(GStrv) all = NULL;

  proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, exe,
                           "--help", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, &out, NULL, &error);
  g_assert_true (g_subprocess_get_successful (proc));
  g_assert_nonnull (strstr (out, "--db"));
  g_assert_nonnull (strstr (out, "--replace"));
  g_clear_object (&proc);
  g_clear_pointer (&out, g_free);

  proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, exe,
                           "--version", NULL);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, &out, NULL, &error);
  g_assert_true (g_subprocess_get_successful (proc));
  g_assert_true (g_str_has_prefix (out, "newsfactsd " PACKAGE_VERSION));
  g_clear_object (&proc);

  /* A second instance without --replace gives up at once. */
  g_assert_nonnull (service);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", data_home, TRUE);
  second = g_subprocess_launcher_spawn (launcher, &error, exe, "--db", db_path,
                                        "--no-watch", NULL);
  g_subprocess_wait (second, NULL, &error);
  g_assert_true (g_subprocess_get_if_exited (second));
  g_assert_cmpint (g_subprocess_get_exit_status (second), ==, 1);
  g_clear_object (&second);

  second = g_subprocess_launcher_spawn (launcher, &error, exe, "--db", db_path,
                                        "--no-watch", "--replace", NULL);
  g_assert_no_error (error);
  g_subprocess_wait (service, NULL, &error);
  g_assert_true (g_subprocess_get_if_exited (service));
  g_assert_cmpint (g_subprocess_get_exit_status (service), ==, 0);
  g_clear_object (&service);
  service = g_steal_pointer (&second);
  wait_until (owner_is, GINT_TO_POINTER (TRUE), 30000);
  g_assert_cmpuint (search ("", 0, 10, &all), ==, article_count ());
}

/* ---- limits: replies over 4 MiB, a full ingest queue -------------------- */

static GVariant *
get_quotes_of (const char  *path,
               guint        copies,
               GError     **error)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new ();
  const char *fields[] = { "Quotes", NULL };

  for (guint i = 0; i < copies; i++)
    g_ptr_array_add (paths, (gpointer) path);
  g_ptr_array_add (paths, NULL);
  return call_full (NF_DBUS_PATH, STORE_IFACE, "GetArticles",
                    g_variant_new ("(^ao^as)",
                                   (const char *const *) paths->pdata, fields),
                    "(aa{sv})", NULL, error);
}

/* A page of records that would pass 4 MiB is refused with TooLarge, not
 * sent; a smaller page of the same records is sent whole. */
static void
test_reply_limit (void)
{
  g_autoptr(GString) text = g_string_new ("Ministers argue over the plan\n\n");
  g_autoptr(GVariant) small = NULL;
  g_autoptr(GVariant) big = NULL;
  g_autoptr(GVariant) records = NULL;
  g_autoptr(GVariant) first = NULL;
  g_autoptr(GVariant) quotes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  gsize record_size;
  guint fit;

  for (guint i = 0; i < 80; i++)
    g_string_append_printf (text, "\"We will keep talking about part %u of "
                            "the plan until it is done,\" the minister "
                            "said.\n\n", i);
  path = ingest_text ("quotes.txt", text->str);

  small = get_quotes_of (path, 1, &error);
  g_assert_no_error (error);
  records = g_variant_get_child_value (small, 0);
  first = g_variant_get_child_value (records, 0);
  quotes = g_variant_lookup_value (first, "Quotes", G_VARIANT_TYPE ("a(sssssbuu)"));
  g_assert_nonnull (quotes);
  g_assert_cmpuint (g_variant_n_children (quotes), ==, 80);
  record_size = g_variant_get_size (first);
  g_test_message ("one record with 80 quotes: %" G_GSIZE_FORMAT " bytes",
                  record_size);

  /* Enough copies to pass 4 MiB, within the 1000 records allowed. */
  g_assert_cmpuint (record_size * NF_STORE_MAX_PAGE, >, 5 * 1024 * 1024);
  big = get_quotes_of (path, NF_STORE_MAX_PAGE, &error);
  g_assert_null (big);
  g_assert_error (error, NF_ERROR, NF_ERROR_TOO_LARGE);
  g_clear_error (&error);

  fit = (3 * 1024 * 1024) / record_size;
  g_clear_pointer (&small, g_variant_unref);
  g_clear_pointer (&records, g_variant_unref);
  small = get_quotes_of (path, fit, &error);
  g_assert_no_error (error);
  records = g_variant_get_child_value (small, 0);
  g_assert_cmpuint (g_variant_n_children (records), ==, fit);
}

#define BUSY_QUEUE 1024   /* MAX_QUEUED_INGESTS in nf-store-impl.c */
#define BUSY_EXTRA 10

typedef struct
{
  guint      answered;
  guint      busy;
  guint      failed;
  GArray    *refused;      /* numbers of the texts told Busy */
} Flood;

typedef struct
{
  Flood *flood;
  guint  number;
} FloodCall;

static FloodCall *
flood_call (Flood *flood,
            guint  number)
{
  FloodCall *call = g_new (FloodCall, 1);

  call->flood = flood;
  call->number = number;
  return call;
}

static void
flood_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autofree FloodCall *call = user_data;
  Flood *flood = call->flood;
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = NULL;

  reply = g_dbus_connection_call_with_unix_fd_list_finish (G_DBUS_CONNECTION (source),
                                                          NULL, result, &error);
  flood->answered++;
  if (g_error_matches (error, NF_ERROR, NF_ERROR_BUSY))
    {
      flood->busy++;
      g_array_append_val (flood->refused, call->number);
    }
  else if (error != NULL)
    {
      g_test_message ("unexpected: %s", error->message);
      flood->failed++;
    }
}

static guint flood_wanted;

static gboolean
flood_reached (gpointer data)
{
  return ((Flood *) data)->answered >= flood_wanted;
}

static char *
flood_text (guint i)
{
  return g_strdup_printf ("Queue test %u\n\nThe committee met for the %u"
                          "th time to talk about the budget.\n", i, i);
}

/* Parser threads held by descriptors whose writer has not written yet;
 * behind them the queue fills until the service says Busy.  Those calls
 * are refused whole; sent again later they are stored, and nothing
 * queued is lost. */
static void
test_busy (void)
{
  guint stalled = MAX (2, g_get_num_processors ()) + 1;
  g_autofree int *writers = g_new (int, stalled);
  Flood flood = { 0, 0, 0, g_array_new (FALSE, FALSE, sizeof (guint)) };
  guint before = article_count ();
  guint sent = 0;

  for (guint i = 0; i < stalled; i++, sent++)
    {
      g_autoptr(GUnixFDList) fds = g_unix_fd_list_new ();
      int pipe_fds[2];
      int handle;

      g_assert_cmpint (pipe (pipe_fds), ==, 0);
      handle = g_unix_fd_list_append (fds, pipe_fds[0], NULL);
      close (pipe_fds[0]);
      writers[i] = pipe_fds[1];
      g_dbus_connection_call_with_unix_fd_list (
          conn, NF_DBUS_NAME, NF_DBUS_PATH, STORE_IFACE, "IngestFd",
          g_variant_new ("(sh@a{sv})", "pipe.txt", handle,
                         g_variant_new_array (G_VARIANT_TYPE ("{sv}"), NULL, 0)),
          G_VARIANT_TYPE ("(o)"), G_DBUS_CALL_FLAGS_NONE, 120000, fds, NULL,
          flood_done, flood_call (&flood, G_MAXUINT));
    }
  /* Calls are handled in order: once this is answered, the descriptors
   * are first in the queue, ahead of everything below. */
  (void) article_count ();

  /* The bus lets one connection wait for 128 replies at most. */
  for (guint c = 0; sent < BUSY_QUEUE + BUSY_EXTRA; c++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GDBusConnection) extra = NULL;

      extra = g_dbus_connection_new_for_address_sync (
          g_test_dbus_get_bus_address (bus),
          G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
          G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION, NULL, NULL, &error);
      g_assert_no_error (error);
      for (guint k = 0; k < 100 && sent < BUSY_QUEUE + BUSY_EXTRA; k++, sent++)
        {
          g_autofree char *text = flood_text (sent);

          g_dbus_connection_call (extra, NF_DBUS_NAME, NF_DBUS_PATH,
                                  STORE_IFACE, "Ingest",
                                  g_variant_new ("(ss@a{sv})", "queued.txt", text,
                                                 g_variant_new_array (G_VARIANT_TYPE ("{sv}"), NULL, 0)),
                                  G_VARIANT_TYPE ("(o)"), G_DBUS_CALL_FLAGS_NONE,
                                  120000, NULL, flood_done,
                                  flood_call (&flood, sent));
        }
    }

  /* Only the calls past the limit are answered while the threads wait. */
  flood_wanted = BUSY_EXTRA;
  wait_until (flood_reached, &flood, 60000);
  g_assert_cmpuint (flood.busy, ==, BUSY_EXTRA);
  g_assert_cmpuint (flood.failed, ==, 0);

  /* Each stalled writer sends an article and closes. */
  for (guint i = 0; i < stalled; i++)
    {
      g_autofree char *text = g_strdup_printf ("Piped test %u\n\nThe "
                                               "council voted on the "
                                               "harbour plan %u.\n", i, i);

      g_assert_cmpint (write (writers[i], text, strlen (text)), ==,
                       (gssize) strlen (text));
      close (writers[i]);
    }
  flood_wanted = BUSY_QUEUE + BUSY_EXTRA;
  wait_until (flood_reached, &flood, 120000);
  g_assert_cmpuint (flood.busy, ==, BUSY_EXTRA);
  g_assert_cmpuint (flood.failed, ==, 0);
  g_assert_cmpuint (article_count (), ==, before + BUSY_QUEUE);

  /* The refused ones go in once the queue has room.  Calls on different
   * connections may arrive in any order, so these are not always the last
   * ones sent. */
  g_assert_cmpuint (flood.refused->len, ==, BUSY_EXTRA);
  for (guint i = 0; i < flood.refused->len; i++)
    {
      g_autofree char *text = flood_text (g_array_index (flood.refused, guint, i));
      g_autofree char *path = ingest_text ("retried.txt", text);

      g_assert_nonnull (path);
    }
  g_assert_cmpuint (article_count (), ==, before + BUSY_QUEUE + BUSY_EXTRA);
  g_array_unref (flood.refused);
}

/* ---- SIGKILL in the middle of an import ------------------------------- */

#define KILL_ARTICLES 2000
#define KILL_AFTER    500
#define IN_FLIGHT     24

typedef struct
{
  char      *texts[2];
  guint      next;
  guint      pending;
  GPtrArray *acked;         /* object paths */
  gboolean   killed;
} Import;

static void send_next (Import *import);

static void
import_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Import *import = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = NULL;

  reply = g_dbus_connection_call_finish (conn, result, &error);
  import->pending--;
  if (reply != NULL)
    {
      char *path;

      g_variant_get (reply, "(o)", &path);
      g_ptr_array_add (import->acked, path);
    }
  else
    g_assert_true (import->killed);

  if (!import->killed && import->acked->len >= KILL_AFTER)
    {
      import->killed = TRUE;
      g_subprocess_send_signal (service, SIGKILL);
    }
  send_next (import);
}

static void
send_next (Import *import)
{
  while (!import->killed && import->pending < IN_FLIGHT &&
         import->next < KILL_ARTICLES)
    {
      guint n = import->next++;
      g_autofree char *name = g_strdup_printf ("import-%04u.txt", n);
      g_autofree char *text = g_strdup_printf ("%s\n\nUpdate %u: the talks "
                                               "were to resume on day %u.\n",
                                               import->texts[n % 2], n, n / 2);

      import->pending++;
      g_dbus_connection_call (conn, NF_DBUS_NAME, NF_DBUS_PATH, STORE_IFACE,
                              "Ingest",
                              g_variant_new ("(ss@a{sv})", name, text,
                                             g_variant_new_array (G_VARIANT_TYPE ("{sv}"), NULL, 0)),
                              /* A call that reaches the bus after the kill
                               * must not activate a new service. */
                              G_VARIANT_TYPE ("(o)"),
                              G_DBUS_CALL_FLAGS_NO_AUTO_START,
                              60000, NULL, import_done, import);
    }
}

static gboolean
import_settled (gpointer data)
{
  Import *import = data;

  return import->pending == 0 && (import->killed || import->next == KILL_ARTICLES);
}

static gint64
sql_int (sqlite3    *db,
         const char *sql,
         const char *arg)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (arg != NULL)
    sqlite3_bind_text (stmt, 1, arg, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static void
check_store_file (const char *path,
                  GPtrArray  *acked)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  static const char *const tables[] = { "quotes", "figures", "dates",
                                        "entities" };

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt,
                                       NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  sqlite3_finalize (stmt);

  for (guint i = 0; i < acked->len; i++)
    g_assert_cmpint (sql_int (db, "SELECT count(*) FROM articles WHERE id = ?",
                              id_of (g_ptr_array_index (acked, i))), ==, 1);

  /* No half article: the index and every facts table agree with the
   * cached JSON of each article. */
  g_assert_cmpint (sql_int (db, "SELECT count(*) FROM articles", NULL), ==,
                   sql_int (db, "SELECT count(*) FROM articles_fts", NULL));
  g_assert_cmpint (sql_int (db, "SELECT count(*) FROM articles", NULL), ==,
                   sql_int (db, "SELECT count(*) FROM article_texts", NULL));
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *sql = g_strdup_printf (
          "SELECT count(*) FROM articles a JOIN article_texts x"
          " ON x.article = a.rowid WHERE"
          " (SELECT count(*) FROM %s t WHERE t.article = a.rowid)"
          " != json_array_length (x.json, '$.%s')", tables[i], tables[i]);

      g_assert_cmpint (sql_int (db, sql, NULL), ==, 0);
    }
  sqlite3_close (db);
}

static void
test_kill (void)
{
  g_autofree char *kill_db = g_build_filename (tmpdir, "kill.db", NULL);
  Import import = { { read_file (seed_paths[0]), read_file (seed_paths[1]) } };
  g_autoptr(GError) error = NULL;
  guint count;

  service_stop (SIGTERM);
  service_start_full (kill_db, FALSE, FALSE);
  import.acked = g_ptr_array_new_with_free_func (g_free);
  g_hash_table_remove_all (added);
  added_signals = 0;
  send_next (&import);
  wait_until (import_settled, &import, 50000);
  g_assert_true (import.killed);
  /* Signals came in batches, not one per article. */
  g_test_message ("%u ArticlesAdded signals for %u articles",
                  added_signals, g_hash_table_size (added));
  g_assert_cmpuint (added_signals, >, 0);
  g_assert_cmpuint (added_signals * 4, <, g_hash_table_size (added));
  g_subprocess_wait (service, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (g_subprocess_get_if_exited (service));
  g_clear_object (&service);
  wait_until (owner_is, GINT_TO_POINTER (FALSE), 30000);
  g_test_message ("acknowledged %u of %u articles before SIGKILL",
                  import.acked->len, import.next);

  service_start_full (kill_db, FALSE, FALSE);
  count = article_count ();
  g_assert_cmpuint (count, >=, import.acked->len);
  g_assert_cmpuint (count, <=, import.next);
  check_store_file (kill_db, import.acked);

  g_free (import.texts[0]);
  g_free (import.texts[1]);
  g_ptr_array_unref (import.acked);
  service_stop (SIGTERM);
}

/* ---- D-Bus activation ------------------------------------------------- */

static void
test_activation (void)
{
  g_auto(GStrv) all = NULL;
  g_autoptr(GError) error = NULL;

  /* The build-tree .service file starts newsfactsd on the first call;
   * its new store is filled with the sample articles. */
  g_assert_false (name_has_owner ());
  g_assert_cmpuint (search ("", 0, 10, &all), ==, 2);
  g_assert_true (name_has_owner ());

  /* Stop it, so the other tests run their own. */
  {
    g_autoptr(GVariant) reply = NULL;
    guint pid = 0;

    reply = g_dbus_connection_call_sync (conn, "org.freedesktop.DBus",
                                         "/org/freedesktop/DBus",
                                         "org.freedesktop.DBus",
                                         "GetConnectionUnixProcessID",
                                         g_variant_new ("(s)", NF_DBUS_NAME),
                                         G_VARIANT_TYPE ("(u)"),
                                         G_DBUS_CALL_FLAGS_NONE, -1, NULL,
                                         &error);
    g_assert_no_error (error);
    g_variant_get (reply, "(u)", &pid);
    g_assert_cmpint (kill ((pid_t) pid, SIGTERM), ==, 0);
    wait_until (owner_is, GINT_TO_POINTER (FALSE), 30000);
  }
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  const char *srcdir = g_getenv ("NF_SOURCE_ROOT");
  g_autofree char *schema_dir = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  g_assert_nonnull (srcdir);

  tmpdir = nf_test_tmpdir_new ("nf-bus-XXXXXX");
  db_path = g_build_filename (tmpdir, "facts.db", NULL);
  seed_paths[0] = g_build_filename (srcdir, "data", "samples", SEED_1, NULL);
  seed_paths[1] = g_build_filename (srcdir, "data", "samples", SEED_2, NULL);
  added = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  removed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  changed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  (void) NF_ERROR;

  /* Activated services inherit the bus daemon's environment. */
  {
    g_autofree char *activated = g_build_filename (tmpdir, "activated", NULL);

    g_setenv ("XDG_DATA_HOME", activated, TRUE);
    g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  }
  /* The activated service runs without the GSettings schema, as an
   * uninstalled build does; the ones started here have it. */
  schema_dir = g_strdup (g_getenv ("GSETTINGS_SCHEMA_DIR"));
  g_unsetenv ("GSETTINGS_SCHEMA_DIR");
  bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_add_service_dir (bus, g_getenv ("NF_BUS_SERVICES_DIR"));
  g_test_dbus_up (bus);
  if (schema_dir != NULL)
    g_setenv ("GSETTINGS_SCHEMA_DIR", schema_dir, TRUE);
  conn = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  g_dbus_connection_signal_subscribe (conn, NF_DBUS_NAME, STORE_IFACE, NULL,
                                      NF_DBUS_PATH, NULL,
                                      G_DBUS_SIGNAL_FLAGS_NONE, on_signal,
                                      NULL, NULL);
  g_dbus_connection_signal_subscribe (conn, NF_DBUS_NAME,
                                      "org.freedesktop.DBus.Properties",
                                      "PropertiesChanged", NF_DBUS_PATH,
                                      STORE_IFACE, G_DBUS_SIGNAL_FLAGS_NONE,
                                      on_properties_changed, NULL, NULL);

  g_test_add_func ("/service/activation", test_activation);
  g_test_add_func ("/service/ingest", test_ingest);
  g_test_add_func ("/service/search", test_search);
  g_test_add_func ("/service/search-hostile", test_search_hostile);
  g_test_add_func ("/service/properties", test_properties);
  g_test_add_func ("/service/get-articles", test_get_articles);
  g_test_add_func ("/service/errors", test_errors);
  g_test_add_func ("/service/remove", test_remove);
  g_test_add_func ("/service/restart", test_restart);
  g_test_add_func ("/service/reparse", test_reparse);
  g_test_add_func ("/service/watch", test_watch);
  g_test_add_func ("/service/options", test_options);
  g_test_add_func ("/service/reply-limit", test_reply_limit);
  g_test_add_func ("/service/busy", test_busy);
  g_test_add_func ("/service/kill", test_kill);

  status = g_test_run ();

  if (service != NULL)
    {
      g_subprocess_force_exit (service);
      g_subprocess_wait (service, NULL, NULL);
    }
  g_object_unref (conn);
  g_test_dbus_down (bus);
  g_object_unref (bus);
  nf_test_tmpdir_remove (tmpdir);
  return status;
}
