/* nf-notify.c: one notification that sums up new articles
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * When watched folders bring new articles, newsfactsd posts a single
 * GNotification ("3 new articles" and the latest headlines).  A later
 * batch replaces it with an updated digest (same notification id) rather
 * than stacking up; opening it shows the newest article in the viewer and
 * starts a new digest.  Batches arriving close together are merged.
 *
 * newsfactsd is no GApplication (it owns its name itself), so the digest
 * is sent through a non-unique GApplication with the viewer's id: the
 * Shell shows it as the viewer's, and a click activates the viewer's
 * app.show-article (the viewer is D-Bus activatable).  Where the
 * notification server calls back into this process instead
 * (org.freedesktop.Notifications), the same action here forwards to the
 * viewer.
 *
 * GSettings (io.github.newsfacts): notify-new-articles turns the digest
 * on, notify-first-import also allows it for a first import (a new store
 * filled with samples, a folder crawled for the first time), which is off
 * by default: a user who points Newsfacts at an archive does not want to
 * hear about each of its files.
 */

#define G_LOG_DOMAIN "newsfactsd"

#include "config.h"

#include <glib/gi18n.h>

#include "nf-notify.h"
#include "nf-search-provider.h"

#define SCHEMA_ID "io.github.newsfacts"
#define KEY_ENABLED "notify-new-articles"
#define KEY_FIRST_IMPORT "notify-first-import"
#define STORE_PATH "/io/github/newsfacts/Facts1"
#define STORE_IFACE "io.github.newsfacts.Facts1.Store"
#define DEFAULT_DELAY_MS 1500
#define MAX_HEADLINES 3

struct _NfNotify
{
  GObject       parent_instance;

  GApplication *application;   /* non-unique, registered, never run */
  GSettings    *settings;      /* NULL when the schema is not installed */
  GPtrArray    *recent;        /* char* paths, newest last, at most MAX_HEADLINES */
  guint         unseen;        /* articles the current digest counts */
  guint         delay_ms;
  guint         timeout_id;
  GCancellable *cancellable;
};

G_DEFINE_FINAL_TYPE (NfNotify, nf_notify, G_TYPE_OBJECT)

static GSettings *
settings_new_if_installed (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, SCHEMA_ID, TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, KEY_ENABLED)
      || !g_settings_schema_has_key (schema, KEY_FIRST_IMPORT))
    {
      g_debug ("GSettings schema %s not installed; notifying with the defaults", SCHEMA_ID);
      return NULL;
    }
  return g_settings_new_full (schema, NULL, NULL);
}

static gboolean
is_enabled (NfNotify *self,
            gboolean  first_import)
{
  if (self->settings == NULL)
    return !first_import;
  if (!g_settings_get_boolean (self->settings, KEY_ENABLED))
    return FALSE;
  return !first_import || g_settings_get_boolean (self->settings, KEY_FIRST_IMPORT);
}

static char *
digest_body (guint              unseen,
             const char *const *headlines)
{
  GString *body = g_string_new (NULL);
  guint shown = 0;

  for (guint i = 0; headlines != NULL && headlines[i] != NULL; i++)
    {
      if (*headlines[i] == '\0')
        continue;
      g_string_append_printf (body, "%s• %s", body->len ? "\n" : "", headlines[i]);
      shown++;
    }
  if (unseen > shown && shown > 0)
    {
      g_string_append_c (body, '\n');
      g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE, "and %u more",
                                                 "and %u more", unseen - shown),
                              unseen - shown);
    }
  return g_string_free (body, FALSE);
}

static void
send_digest (NfNotify          *self,
             const char *const *headlines)
{
  g_autoptr(GNotification) notification = NULL;
  g_autoptr(GIcon) icon = g_themed_icon_new (NF_VIEWER_APP_ID);
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;
  const char *newest;

  if (self->application == NULL || self->unseen == 0 || self->recent->len == 0)
    return;
  newest = g_ptr_array_index (self->recent, self->recent->len - 1);
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u new article",
                                        "%u new articles", self->unseen),
                           self->unseen);
  body = digest_body (self->unseen, headlines);
  notification = g_notification_new (title);
  if (*body != '\0')
    g_notification_set_body (notification, body);
  g_notification_set_icon (notification, icon);
  g_notification_set_default_action_and_target (notification, "app.show-article",
                                                "o", newest);
  g_notification_add_button_with_target (notification, _("Open"), "app.show-article",
                                         "o", newest);
  g_application_send_notification (self->application, NF_NOTIFY_ID, notification);
}

static void
on_headlines (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(NfNotify) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariant) records = NULL;
  g_autoptr(GPtrArray) headlines = g_ptr_array_new_with_free_func (g_free);

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (reply != NULL)
    records = g_variant_get_child_value (reply, 0);
  /* Newest first, as a reader scans. */
  for (gsize i = records ? g_variant_n_children (records) : 0; i > 0; i--)
    {
      g_autoptr(GVariant) record = g_variant_get_child_value (records, i - 1);
      g_autoptr(GVariantDict) dict = g_variant_dict_new (record);
      const char *headline = NULL;

      if (g_variant_dict_lookup (dict, "Headline", "&s", &headline))
        g_ptr_array_add (headlines, g_strdup (headline));
    }
  g_ptr_array_add (headlines, NULL);
  send_digest (self, (const char *const *) headlines->pdata);
}

static gboolean
on_timeout (gpointer user_data)
{
  NfNotify *self = user_data;
  GDBusConnection *connection = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) paths = NULL;
  const char *fields[] = { "Headline", NULL };

  self->timeout_id = 0;
  if (self->application != NULL)
    connection = g_application_get_dbus_connection (self->application);
  if (connection == NULL)
    {
      send_digest (self, NULL);
      return G_SOURCE_REMOVE;
    }
  for (guint i = 0; i < self->recent->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (self->recent, i));
  paths = g_strv_builder_end (builder);
  g_dbus_connection_call (connection, g_dbus_connection_get_unique_name (connection),
                          STORE_PATH, STORE_IFACE, "GetArticles",
                          g_variant_new ("(^ao^as)", paths, fields),
                          G_VARIANT_TYPE ("(aa{sv})"), G_DBUS_CALL_FLAGS_NO_AUTO_START,
                          -1, self->cancellable, on_headlines, g_object_ref (self));
  return G_SOURCE_REMOVE;
}

static void
on_show_article (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  NfNotify *self = user_data;
  GDBusConnection *connection;

  /* The user has seen the digest: the next one starts from zero. */
  self->unseen = 0;
  g_ptr_array_set_size (self->recent, 0);
  if (self->application == NULL)
    return;
  g_application_withdraw_notification (self->application, NF_NOTIFY_ID);
  connection = g_application_get_dbus_connection (self->application);
  if (connection != NULL)
    nf_launch_viewer (connection, "show-article", parameter, 0);
}

static void
nf_notify_dispose (GObject *object)
{
  NfNotify *self = NF_NOTIFY (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  /* The digest outlives the service: it is the user's to dismiss. */
  g_clear_object (&self->application);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (nf_notify_parent_class)->dispose (object);
}

static void
nf_notify_finalize (GObject *object)
{
  NfNotify *self = NF_NOTIFY (object);

  g_clear_pointer (&self->recent, g_ptr_array_unref);

  G_OBJECT_CLASS (nf_notify_parent_class)->finalize (object);
}

static void
nf_notify_class_init (NfNotifyClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = nf_notify_dispose;
  object_class->finalize = nf_notify_finalize;
}

static void
nf_notify_init (NfNotify *self)
{
  self->recent = g_ptr_array_new_with_free_func (g_free);
  self->delay_ms = DEFAULT_DELAY_MS;
  self->cancellable = g_cancellable_new ();
}

/* Posts digests on the session bus; call it once the service owns its
 * name there (the digest reads headlines from the service's Store). */
NfNotify *
nf_notify_new (GError **error)
{
  g_autoptr(NfNotify) self = g_object_new (NF_TYPE_NOTIFY, NULL);
  g_autoptr(GSimpleAction) action = NULL;

  self->application = g_application_new (NF_VIEWER_APP_ID, G_APPLICATION_NON_UNIQUE);
  action = g_simple_action_new ("show-article", G_VARIANT_TYPE_OBJECT_PATH);
  g_signal_connect_object (action, "activate", G_CALLBACK (on_show_article), self, 0);
  g_action_map_add_action (G_ACTION_MAP (self->application), G_ACTION (action));
  if (!g_application_register (self->application, NULL, error))
    return NULL;
  self->settings = settings_new_if_installed ();
  return g_steal_pointer (&self);
}

/* Counts @paths (articles a watched folder brought) into the digest.
 * @first_import is TRUE for a new store being filled or a folder crawled
 * for the first time. */
void
nf_notify_articles_added (NfNotify          *self,
                          const char *const *paths,
                          gboolean           first_import)
{
  g_return_if_fail (NF_IS_NOTIFY (self));
  g_return_if_fail (paths != NULL);

  if (paths[0] == NULL || !is_enabled (self, first_import))
    return;
  for (guint i = 0; paths[i] != NULL; i++)
    {
      if (!g_variant_is_object_path (paths[i]))
        continue;
      g_ptr_array_add (self->recent, g_strdup (paths[i]));
      self->unseen++;
    }
  if (self->recent->len > MAX_HEADLINES)
    g_ptr_array_remove_range (self->recent, 0, self->recent->len - MAX_HEADLINES);
  if (self->timeout_id == 0)
    self->timeout_id = g_timeout_add (self->delay_ms, on_timeout, self);
}

/* How long to wait for more batches before posting (tests shorten it). */
void
nf_notify_set_delay (NfNotify *self,
                     guint     milliseconds)
{
  g_return_if_fail (NF_IS_NOTIFY (self));

  self->delay_ms = milliseconds;
}

/* The number of articles the current digest counts. */
guint
nf_notify_get_pending (NfNotify *self)
{
  g_return_val_if_fail (NF_IS_NOTIFY (self), 0);

  return self->unseen;
}

/* One article from a watched file: the "file-added" signal of the store. */
void
nf_notify_file_added (NfNotify   *self,
                      const char *path,
                      gboolean    first_import)
{
  const char *paths[] = { path, NULL };

  g_return_if_fail (NF_IS_NOTIFY (self));
  g_return_if_fail (path != NULL);

  nf_notify_articles_added (self, paths, first_import);
}
