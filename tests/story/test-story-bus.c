/* test-story-bus.c: Story objects of newsfactsd on a private session bus
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the build-tree newsfactsd on a GTestDBus bus with an empty store,
 * ingests the year-less seed first and the dated one after (so the story
 * must settle the first one's year after it was stored), and reads the
 * story back as a client would: GetStories, the Story properties, its
 * JSON, the articles' Story and Published, StoriesChanged, removal.
 */

#include "config.h"

#include <signal.h>
#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "nf-store.h"
#include "nf-test-bus.h"
#include "nf-test-tmpdir.h"

#define STORE_IFACE   "io.github.newsfacts.Facts1.Store"
#define ARTICLE_IFACE "io.github.newsfacts.Facts1.Article"
#define STORY_IFACE   "io.github.newsfacts.Facts1.Story"
#define SEED_DATED    "000_3fef9dc81930f8b6.txt"
#define SEED_YEARLESS "004_f680026f844309a2.txt"

static GTestDBus *bus;
static GDBusConnection *conn;
static GSubprocess *service;
static char *tmpdir;
static GHashTable *stories_changed;
static GHashTable *articles_changed;

/* Generous: the machine may be busy with other builds. */
#define wait_for(check, data) nf_test_wait_until (check, data, 60000, G_STRLOC)

static gboolean
owner_is (gpointer data)
{
  return nf_test_name_has_owner (conn) == GPOINTER_TO_INT (data);
}

static gboolean
path_seen (gpointer data)
{
  return g_hash_table_contains (stories_changed, data);
}

static gboolean
article_seen (gpointer data)
{
  return g_hash_table_contains (articles_changed, data);
}

static void
on_signal (GDBusConnection *connection,
           const char      *sender,
           const char      *path,
           const char      *iface,
           const char      *name,
           GVariant        *params,
           gpointer         user_data)
{
  g_autofree const char **paths = NULL;
  GHashTable *seen = strcmp (name, "StoriesChanged") == 0 ? stories_changed
                     : articles_changed;

  g_variant_get (params, "(^a&o)", &paths);
  for (guint i = 0; paths[i] != NULL; i++)
    g_hash_table_add (seen, g_strdup (paths[i]));
}

static GVariant *
call (const char *path,
      const char *iface,
      const char *method,
      GVariant   *params,
      const char *reply_type)
{
  g_autoptr(GError) error = NULL;
  GVariant *reply = g_dbus_connection_call_sync (conn, NF_DBUS_NAME, path, iface,
                                                 method, params,
                                                 G_VARIANT_TYPE (reply_type),
                                                 G_DBUS_CALL_FLAGS_NONE, 30000,
                                                 NULL, &error);

  g_assert_no_error (error);
  return reply;
}

static GVariant *
get_property (const char *path,
              const char *iface,
              const char *name)
{
  g_autoptr(GVariant) reply = call (path, "org.freedesktop.DBus.Properties", "Get",
                                    g_variant_new ("(ss)", iface, name), "(v)");
  GVariant *value;

  g_variant_get (reply, "(v)", &value);
  return value;
}

static char *
ingest_seed (const char *name)
{
  g_autofree char *file = g_build_filename (g_getenv ("NF_SHARED_DIR"), "seeds",
                                            name, NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = NULL;
  char *path;

  g_assert_true (g_file_get_contents (file, &text, NULL, &error));
  reply = call (NF_DBUS_PATH, STORE_IFACE, "Ingest",
                g_variant_new ("(ss@a{sv})", name, text,
                               g_variant_new_array (G_VARIANT_TYPE ("{sv}"), NULL, 0)),
                "(o)");
  g_variant_get (reply, "(o)", &path);
  return path;
}

static GStrv
get_stories (guint *total)
{
  g_autoptr(GVariant) reply = call (NF_DBUS_PATH, STORE_IFACE, "GetStories",
                                    g_variant_new ("(uu)", 0, 100), "(uao)");
  GStrv paths;

  g_variant_get (reply, "(u^ao)", total, &paths);
  return paths;
}

static char *
article_string (const char *path,
                const char *property)
{
  g_autoptr(GVariant) value = get_property (path, ARTICLE_IFACE, property);

  return g_variant_dup_string (value, NULL);
}

static void
check_figures (const char *story)
{
  g_autoptr(GVariant) figures = get_property (story, STORY_IFACE, "Figures");
  GVariantIter iter;
  const char *text, *kind, *unit, *subject, *agreement;
  double value;
  guint32 n_articles;
  guint agreeing = 0;
  guint qualified = 0;

  g_variant_iter_init (&iter, figures);
  while (g_variant_iter_next (&iter, "(&s&sd&s&su&s)", &text, &kind, &value, &unit,
                              &subject, &n_articles, &agreement))
    {
      g_test_message ("figure %s: %u articles, %s", text, n_articles, agreement);
      if ((value == 28500 || value == 870000000 || value == 13 || value == 4000)
          && n_articles == 2 && strcmp (agreement, "agree") == 0)
        agreeing++;
      /* "at least 13 percent" against "13 percent" */
      if (value == 13 && n_articles == 2
          && strcmp (agreement, "qualifier") == 0)
        qualified++;
    }
  g_assert_cmpuint (agreeing, ==, 3);
  g_assert_cmpuint (qualified, ==, 1);
}

static void
check_json (const char *story,
            const char *dated,
            const char *yearless)
{
  g_autoptr(GVariant) reply = call (story, STORY_IFACE, "GetJson", NULL, "(s)");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  const char *json;
  JsonObject *root;
  JsonArray *articles;

  g_variant_get (reply, "(&s)", &json);
  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "schema"), ==, "newsfacts-story/1");
  g_assert_cmpstr (json_object_get_string_member (root, "last"), ==, "2020-05-05");
  articles = json_object_get_array_member (root, "articles");
  g_assert_cmpuint (json_array_get_length (articles), ==, 2);
  g_assert_true (g_str_has_suffix (dated, json_object_get_string_member (
    json_array_get_object_element (articles, 0), "id")));
  g_assert_true (g_str_has_suffix (yearless, json_object_get_string_member (
    json_array_get_object_element (articles, 1), "id")));
  g_assert_nonnull (strstr (json, "\"field\":\"qualifier\""));
}

static void
test_story_objects (void)
{
  g_autofree char *seed = g_build_filename (g_getenv ("NF_SHARED_DIR"), "seeds",
                                            SEED_DATED, NULL);
  g_autofree char *yearless = NULL;
  g_autofree char *dated = NULL;
  g_autoptr(GVariant) story_of_dated = NULL;
  g_autoptr(GVariant) story_of_yearless = NULL;
  g_autoptr(GVariant) members = NULL;
  g_autofree char *published = NULL;
  g_auto(GStrv) stories = NULL;
  const char *story;
  guint total = 0;

  if (!g_file_test (seed, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("no seeds in $NF_SHARED_DIR");
      return;
    }
  yearless = ingest_seed (SEED_YEARLESS);
  dated = ingest_seed (SEED_DATED);
  story_of_dated = get_property (dated, ARTICLE_IFACE, "Story");
  story = g_variant_get_string (story_of_dated, NULL);

  g_assert_true (g_str_has_prefix (story, NF_DBUS_STORY_PATH "/"));
  wait_for (path_seen, (gpointer) story);
  /* the year-less article was stored before its story could date it */
  wait_for (article_seen, yearless);

  story_of_yearless = get_property (yearless, ARTICLE_IFACE, "Story");
  g_assert_cmpstr (g_variant_get_string (story_of_yearless, NULL), ==, story);
  published = article_string (yearless, "Published");
  g_assert_cmpstr (published, ==, "2020-05-05");

  stories = get_stories (&total);
  g_assert_cmpuint (total, ==, 1);
  g_assert_cmpstr (stories[0], ==, story);
  members = get_property (story, STORY_IFACE, "Articles");
  g_assert_cmpuint (g_variant_n_children (members), ==, 2);
  check_figures (story);
  check_json (story, dated, yearless);

  /* removal: the story shrinks, then goes */
  g_hash_table_remove_all (stories_changed);
  g_clear_pointer (&members, g_variant_unref);
  g_variant_unref (call (NF_DBUS_PATH, STORE_IFACE, "Remove",
                         g_variant_new ("(o)", dated), "()"));
  wait_for (path_seen, (gpointer) story);
  members = get_property (story, STORY_IFACE, "Articles");
  g_assert_cmpuint (g_variant_n_children (members), ==, 1);
  g_hash_table_remove_all (stories_changed);
  g_variant_unref (call (NF_DBUS_PATH, STORE_IFACE, "Remove",
                         g_variant_new ("(o)", yearless), "()"));
  wait_for (path_seen, (gpointer) story);
  g_clear_pointer (&stories, g_strfreev);
  stories = get_stories (&total);
  g_assert_cmpuint (total, ==, 0);
}

static void
service_start (void)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_autoptr(GError) error = NULL;
  g_autofree char *exe = g_build_filename (g_getenv ("NF_BUILD_ROOT"), "service",
                                           "newsfactsd", NULL);
  g_autofree char *db = g_build_filename (tmpdir, "facts.db", NULL);
  g_autofree char *data_home = g_build_filename (tmpdir, "data", NULL);
  g_autofree char *config_home = g_build_filename (tmpdir, "config", NULL);

  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", data_home, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", config_home, TRUE);
  g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", "keyfile", TRUE);
  g_subprocess_launcher_setenv (launcher, "NF_SAMPLES_DIR", "", TRUE);
  service = g_subprocess_launcher_spawn (launcher, &error, exe, "--db", db,
                                         "--no-watch", NULL);
  g_assert_no_error (error);
  wait_for (owner_is, GINT_TO_POINTER (TRUE));
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  tmpdir = nf_test_tmpdir_new ("nf-story-bus-XXXXXX");
  bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (bus);
  conn = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  stories_changed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  articles_changed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_dbus_connection_signal_subscribe (conn, NULL, STORE_IFACE, NULL, NF_DBUS_PATH,
                                      NULL, G_DBUS_SIGNAL_FLAGS_NONE, on_signal,
                                      NULL, NULL);
  service_start ();

  g_test_add_func ("/story/bus/objects", test_story_objects);
  status = g_test_run ();

  g_subprocess_send_signal (service, SIGTERM);
  g_subprocess_wait (service, NULL, NULL);
  g_clear_object (&service);
  g_clear_object (&conn);
  g_test_dbus_down (bus);
  g_clear_object (&bus);
  g_hash_table_unref (stories_changed);
  g_hash_table_unref (articles_changed);
  nf_test_tmpdir_remove (tmpdir);
  g_free (tmpdir);

  return status;
}
