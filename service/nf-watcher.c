/* nf-watcher.c: watched folders
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Files that appear in a watched folder are ingested, changed files are
 * parsed again and deleted ones take their article with them.  At start
 * a crawl (on a reader thread) compares each folder with the files table
 * of the store to catch what happened while the service was down.
 * Parsing and writing go through the store's own threads.
 */

#define G_LOG_DOMAIN "newsfactsd"

#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include "nf-watcher.h"
#include "nf-sort-private.h"

/* File events are gathered this long before they are acted on. */
#define SETTLE_MSEC 200

struct _NfWatcher
{
  NfStoreImpl *store;
  GSettings   *settings;      /* NULL when the schema is not installed */
  GHashTable  *monitors;      /* folder path → GFileMonitor */
  GHashTable  *dirty;         /* paths to look at again */
  guint        settle_id;
};

typedef struct
{
  char      *folder;
  GPtrArray *changed;         /* paths new or changed since stored */
  GPtrArray *gone;            /* stored paths no longer there */
  gboolean   first;           /* nothing of this folder was stored yet */
} Crawl;

static void
crawl_free (Crawl *crawl)
{
  g_free (crawl->folder);
  g_ptr_array_unref (crawl->changed);
  g_ptr_array_unref (crawl->gone);
  g_free (crawl);
}

gboolean
nf_watcher_skips_name (const char *name)
{
  static const char *const partial[] = {
    "~", ".part", ".partial", ".tmp", ".swp", ".crdownload", ".download",
  };

  if (name == NULL || name[0] == '.' || name[0] == '#')
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (partial); i++)
    if (g_str_has_suffix (name, partial[i]))
      return TRUE;
  return FALSE;
}

/* Runs on a reader thread: directory listing and files table lookups. */
static gboolean
crawl_in_thread (NfStore  *store,
                 gpointer  data,
                 GError  **error)
{
  Crawl *crawl = data;
  g_autoptr(GHashTable) present = g_hash_table_new_full (g_str_hash,
                                                         g_str_equal,
                                                         g_free, NULL);
  g_autoptr(GPtrArray) stored = NULL;
  g_autoptr(GDir) dir = g_dir_open (crawl->folder, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (crawl->folder, name, NULL);
      gint64 mtime = 0;
      gint64 size = 0;
      struct stat st;

      if (nf_watcher_skips_name (name) || stat (path, &st) != 0 ||
          !S_ISREG (st.st_mode))
        continue;
      if (!nf_store_get_file (store, path, NULL, &mtime, &size) ||
          mtime != st.st_mtime || size != st.st_size)
        g_ptr_array_add (crawl->changed, g_strdup (path));
      g_hash_table_add (present, g_steal_pointer (&path));
    }

  stored = nf_store_list_files (store, crawl->folder, error);
  if (stored == NULL)
    return FALSE;
  crawl->first = (stored->len == 0);
  for (guint i = 0; i < stored->len; i++)
    if (!g_hash_table_contains (present, g_ptr_array_index (stored, i)))
      g_ptr_array_add (crawl->gone, g_strdup (g_ptr_array_index (stored, i)));
  g_ptr_array_sort (crawl->changed, _nf_compare_string_items);
  return TRUE;
}

static void
crawl_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  NfStoreImpl *store = NF_STORE_IMPL (source);
  Crawl *crawl = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_message ("cannot crawl %s: %s", crawl->folder, error->message);
      return;
    }
  g_debug ("crawled %s: %u new or changed, %u gone", crawl->folder,
           crawl->changed->len, crawl->gone->len);
  for (guint i = 0; i < crawl->gone->len; i++)
    nf_store_impl_forget_file (store, g_ptr_array_index (crawl->gone, i));
  for (guint i = 0; i < crawl->changed->len; i++)
    nf_store_impl_ingest_file (store, g_ptr_array_index (crawl->changed, i),
                               TRUE, crawl->first);
}

static void
start_crawl (NfWatcher  *self,
             const char *folder)
{
  g_autoptr(GTask) task = g_task_new (self->store, NULL, crawl_done, NULL);
  Crawl *crawl = g_new0 (Crawl, 1);

  crawl->folder = g_strdup (folder);
  crawl->changed = g_ptr_array_new_with_free_func (g_free);
  crawl->gone = g_ptr_array_new_with_free_func (g_free);
  g_task_set_source_tag (task, start_crawl);
  g_task_set_task_data (task, crawl, (GDestroyNotify) crawl_free);
  nf_worker_push (nf_store_impl_get_readers (self->store), crawl_in_thread,
                  task);
}

static gboolean
settle (gpointer user_data)
{
  NfWatcher *self = user_data;
  g_autoptr(GHashTable) dirty = g_steal_pointer (&self->dirty);
  g_autoptr(GPtrArray) paths = NULL;
  GHashTableIter iter;
  gpointer key;

  self->settle_id = 0;
  self->dirty = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  paths = g_ptr_array_new_with_free_func (g_free);
  g_hash_table_iter_init (&iter, dirty);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      g_ptr_array_add (paths, key);
      g_hash_table_iter_steal (&iter);
    }
  g_ptr_array_sort (paths, _nf_compare_string_items);

  for (guint i = 0; i < paths->len; i++)
    {
      const char *path = g_ptr_array_index (paths, i);

      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        nf_store_impl_ingest_file (self->store, path, TRUE, FALSE);
      else
        nf_store_impl_forget_file (self->store, path);
    }
  return G_SOURCE_REMOVE;
}

static void
mark_dirty (NfWatcher *self,
            GFile     *file)
{
  g_autofree char *name = NULL;

  if (file == NULL)
    return;
  name = g_file_get_basename (file);
  if (nf_watcher_skips_name (name))
    return;
  g_hash_table_add (self->dirty, g_file_get_path (file));
  if (self->settle_id == 0)
    self->settle_id = g_timeout_add (SETTLE_MSEC, settle, self);
}

static void
on_folder_changed (GFileMonitor      *monitor,
                   GFile             *file,
                   GFile             *other_file,
                   GFileMonitorEvent  event,
                   gpointer           user_data)
{
  NfWatcher *self = user_data;

  switch (event)
    {
    /* CREATED and CHANGED are followed by CHANGES_DONE_HINT once the
     * writer is done: parsing half a file would only be undone. */
    case G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT:
    case G_FILE_MONITOR_EVENT_DELETED:
    case G_FILE_MONITOR_EVENT_MOVED_IN:
    case G_FILE_MONITOR_EVENT_MOVED_OUT:
      mark_dirty (self, file);
      break;
    case G_FILE_MONITOR_EVENT_RENAMED:
      mark_dirty (self, file);
      mark_dirty (self, other_file);
      break;
    case G_FILE_MONITOR_EVENT_CREATED:
    case G_FILE_MONITOR_EVENT_CHANGED:
    case G_FILE_MONITOR_EVENT_ATTRIBUTE_CHANGED:
    case G_FILE_MONITOR_EVENT_PRE_UNMOUNT:
    case G_FILE_MONITOR_EVENT_UNMOUNTED:
    case G_FILE_MONITOR_EVENT_MOVED:
    default:
      break;
    }
}

static GPtrArray *
watched_folders (NfWatcher *self)
{
  GPtrArray *folders = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) configured = NULL;

  g_ptr_array_add (folders, g_build_filename (g_get_user_data_dir (),
                                              "newsfacts", "inbox", NULL));
  if (self->settings != NULL)
    configured = g_settings_get_strv (self->settings, "watched-folders");
  for (guint i = 0; configured != NULL && configured[i] != NULL; i++)
    {
      const char *folder = configured[i];

      if (g_str_has_prefix (folder, "~/"))
        g_ptr_array_add (folders, g_build_filename (g_get_home_dir (),
                                                    folder + 2, NULL));
      else if (g_path_is_absolute (folder))
        g_ptr_array_add (folders, g_canonicalize_filename (folder, NULL));
      else
        g_message ("ignoring watched folder “%s”: not an absolute path",
                   folder);
    }
  return folders;
}

static void
watch_folder (NfWatcher  *self,
              const char *folder)
{
  g_autoptr(GFile) file = g_file_new_for_path (folder);
  g_autoptr(GError) error = NULL;
  GFileMonitor *monitor;

  monitor = g_file_monitor_directory (file, G_FILE_MONITOR_WATCH_MOVES, NULL,
                                      &error);
  if (monitor == NULL)
    {
      g_message ("cannot watch %s: %s", folder, error->message);
      return;
    }
  g_signal_connect (monitor, "changed", G_CALLBACK (on_folder_changed), self);
  g_hash_table_insert (self->monitors, g_strdup (folder), monitor);
  start_crawl (self, folder);
}

static void
update_folders (NfWatcher *self)
{
  g_autoptr(GPtrArray) folders = watched_folders (self);
  g_autoptr(GHashTable) wanted = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer folder;

  for (guint i = 0; i < folders->len; i++)
    {
      folder = g_ptr_array_index (folders, i);
      g_hash_table_add (wanted, folder);
      if (!g_hash_table_contains (self->monitors, folder))
        watch_folder (self, folder);
    }
  /* Folders no longer watched keep their articles. */
  g_hash_table_iter_init (&iter, self->monitors);
  while (g_hash_table_iter_next (&iter, &folder, NULL))
    if (!g_hash_table_contains (wanted, folder))
      g_hash_table_iter_remove (&iter);
}

static void
on_settings_changed (GSettings  *settings,
                     const char *key,
                     gpointer    user_data)
{
  update_folders (user_data);
}

static void
monitor_free (gpointer monitor)
{
  g_signal_handlers_disconnect_matched (monitor, G_SIGNAL_MATCH_FUNC, 0, 0,
                                        NULL, on_folder_changed, NULL);
  g_file_monitor_cancel (monitor);
  g_object_unref (monitor);
}

NfWatcher *
nf_watcher_new (NfStoreImpl *store)
{
  NfWatcher *self;
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autofree char *inbox = NULL;

  g_return_val_if_fail (NF_IS_STORE_IMPL (store), NULL);

  self = g_new0 (NfWatcher, 1);
  self->store = g_object_ref (store);
  self->monitors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          monitor_free);
  self->dirty = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  /* Without the schema installed (an uninstalled build) only the inbox is
   * watched. */
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, NF_SETTINGS_SCHEMA, TRUE);
  if (schema != NULL && g_settings_schema_has_key (schema, "watched-folders"))
    {
      self->settings = g_settings_new_full (schema, NULL, NULL);
      g_signal_connect (self->settings, "changed::watched-folders",
                        G_CALLBACK (on_settings_changed), self);
    }
  else
    g_debug ("GSettings schema %s is not installed; watching the inbox only",
             NF_SETTINGS_SCHEMA);

  inbox = g_build_filename (g_get_user_data_dir (), "newsfacts", "inbox", NULL);
  g_mkdir_with_parents (inbox, 0700);
  update_folders (self);
  return self;
}

void
nf_watcher_free (NfWatcher *self)
{
  if (self == NULL)
    return;

  g_clear_handle_id (&self->settle_id, g_source_remove);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->settings);
  g_hash_table_unref (self->monitors);
  g_hash_table_unref (self->dirty);
  g_object_unref (self->store);
  g_free (self);
}
