/* nf-service.c: newsfactsd, the Newsfacts D-Bus service
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * main() only owns the bus name and the process lifetime; the store
 * interface lives in nf-store-impl.c, the article objects in
 * nf-article-impl.c and the watched folders in nf-watcher.c.
 */

#define G_LOG_DOMAIN "newsfactsd"

#include "config.h"

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <locale.h>
#include <malloc.h>

#include "nf-error.h"
#include "nf-notify.h"
#include "nf-search-provider.h"
#include "nf-store-impl.h"
#include "nf-watcher.h"

/* How soon after articles came or went the service gives memory that
 * malloc holds free back to the system (at most this often). */
#define TRIM_DELAY_MSEC 1000

typedef struct
{
  GMainLoop   *loop;
  NfStoreImpl      *store;
  NfSearchProvider *provider;
  NfNotify         *notify;
  NfWatcher        *watcher;
  gboolean     no_watch;
  gboolean     reparse;
  gboolean     acquired;
  int          status;
  guint        trim_id;
} Service;

/* Parsing and storing a burst of articles leaves freed memory in the
 * malloc arenas of the threads that did it; glibc gives it back only
 * when asked.  About 0.5-1 ms at 100,000 articles. */
static gboolean
trim_memory (gpointer user_data)
{
  Service *service = user_data;

  malloc_trim (0);
  service->trim_id = 0;
  return G_SOURCE_REMOVE;
}

/* A timer only while articles come or go: an idle service never wakes. */
static void
on_article_count (GObject    *store,
                  GParamSpec *pspec,
                  gpointer    user_data)
{
  Service *service = user_data;

  if (service->trim_id == 0)
    service->trim_id = g_timeout_add (TRIM_DELAY_MSEC, trim_memory, service);
}

/* Fewer malloc arenas than glibc's default of eight per core: the
 * service's threads mostly wait, and every arena keeps its own free
 * memory. */
static void
set_memory_limits (void)
{
  mallopt (M_ARENA_MAX, 2);
}

static void
on_bus_acquired (GDBusConnection *connection,
                 const char      *name,
                 gpointer         user_data)
{
  Service *service = user_data;
  g_autoptr(GError) error = NULL;

  /* The GNOME Shell search provider asks the Store on this connection. */
  service->provider = nf_search_provider_new ();
  if (!nf_store_impl_export (service->store, connection, &error) ||
      !nf_search_provider_export (service->provider, connection, NULL, &error))
    {
      g_printerr ("newsfactsd: %s\n", error->message);
      service->status = 1;
      g_main_loop_quit (service->loop);
    }
}

static void
on_articles_arrived (NfStoreImpl        *store,
                     const char *const  *paths,
                     gboolean            first_import,
                     gpointer            user_data)
{
  Service *service = user_data;

  if (service->notify != NULL)
    nf_notify_articles_added (service->notify, paths, first_import);
}

/* A digest of new articles from watched folders; a desktop without a
 * notification server only loses the digest. */
static void
start_notify (Service *service)
{
  g_autoptr(GError) error = NULL;

  service->notify = nf_notify_new (&error);
  if (service->notify == NULL)
    {
      g_debug ("no notifications: %s", error->message);
      return;
    }
  g_signal_connect (service->store, "articles-arrived",
                    G_CALLBACK (on_articles_arrived), service);
}

static void
on_name_acquired (GDBusConnection *connection,
                  const char      *name,
                  gpointer         user_data)
{
  Service *service = user_data;

  g_debug ("owning %s", name);
  if (!service->acquired)
    nf_store_impl_start_reparse (service->store, service->reparse);
  service->acquired = TRUE;
  /* Watching starts only once we own the name, so a second instance
   * that loses the race never touches the files. */
  if (!service->no_watch && service->watcher == NULL)
    {
      start_notify (service);
      service->watcher = nf_watcher_new (service->store);
    }
}

static void
on_name_lost (GDBusConnection *connection,
              const char      *name,
              gpointer         user_data)
{
  Service *service = user_data;

  if (!service->acquired)
    {
      g_printerr ("newsfactsd: %s\n",
                  connection == NULL ? _("cannot connect to the session bus")
                                     : _("another newsfactsd owns the name "
                                         "(use --replace to take it over)"));
      service->status = 1;
    }
  else
    g_debug ("lost %s", name);
  g_main_loop_quit (service->loop);
}

static gboolean
on_signal (gpointer user_data)
{
  Service *service = user_data;

  g_main_loop_quit (service->loop);
  return G_SOURCE_CONTINUE;
}

static char *
default_db_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "newsfacts", "facts.db",
                           NULL);
}

int
main (int    argc,
      char **argv)
{
  gboolean replace = FALSE;
  gboolean version = FALSE;
  g_autofree char *db_path = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  Service service = { 0 };
  guint owner_id;
  const GOptionEntry entries[] = {
    { "replace", 'r', 0, G_OPTION_ARG_NONE, &replace,
      N_("Replace the running service"), NULL },
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path,
      N_("Use this database file (default: $XDG_DATA_HOME/newsfacts/facts.db)"),
      N_("PATH") },
    { "reparse", 0, 0, G_OPTION_ARG_NONE, &service.reparse,
      N_("Parse every stored article again"), NULL },
    { "no-watch", 0, 0, G_OPTION_ARG_NONE, &service.no_watch,
      N_("Do not watch the inbox and the folders set in GSettings"), NULL },
    { "version", 0, 0, G_OPTION_ARG_NONE, &version,
      N_("Print the version and exit"), NULL },
    { NULL }
  };

  set_memory_limits ();
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context,
                                _("The Newsfacts service: keeps the facts of news "
                                  "articles in SQLite and publishes them on the "
                                  "session bus as io.github.newsfacts.Facts1.\n"
                                  "It is usually started by D-Bus activation."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("newsfactsd: %s\n", error->message);
      return 2;
    }
  if (version)
    {
      g_print ("newsfactsd %s\n", PACKAGE_VERSION);
      return 0;
    }
  if (db_path == NULL)
    db_path = default_db_path ();

  /* Registers the error names before any reply is sent. */
  (void) NF_ERROR;

  service.store = nf_store_impl_new (db_path, &error);
  if (service.store == NULL)
    {
      g_printerr ("newsfactsd: %s\n", error->message);
      return 1;
    }
  nf_store_impl_load_samples (service.store);
  service.loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGINT, on_signal, &service);
  g_unix_signal_add (SIGTERM, on_signal, &service);
  g_unix_signal_add (SIGHUP, on_signal, &service);
  g_signal_connect (service.store, "notify::article-count",
                    G_CALLBACK (on_article_count), &service);

  owner_id = g_bus_own_name (G_BUS_TYPE_SESSION, NF_DBUS_NAME,
                             G_BUS_NAME_OWNER_FLAGS_ALLOW_REPLACEMENT |
                             (replace ? G_BUS_NAME_OWNER_FLAGS_REPLACE : 0),
                             on_bus_acquired, on_name_acquired, on_name_lost,
                             &service, NULL);
  g_main_loop_run (service.loop);

  g_clear_handle_id (&service.trim_id, g_source_remove);
  g_signal_handlers_disconnect_by_func (service.store, on_article_count,
                                        &service);
  g_clear_pointer (&service.watcher, nf_watcher_free);
  if (service.notify != NULL)
    g_signal_handlers_disconnect_by_func (service.store, on_articles_arrived,
                                          &service);
  g_clear_object (&service.notify);
  g_bus_unown_name (owner_id);
  if (service.provider != NULL)
    nf_search_provider_unexport (service.provider);
  g_clear_object (&service.provider);
  nf_store_impl_unexport (service.store);
  nf_store_impl_shutdown (service.store);
  g_clear_object (&service.store);
  g_main_loop_unref (service.loop);
  return service.status;
}
