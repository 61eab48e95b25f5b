/* nf-client.c: the viewer's link to newsfactsd
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Watches the service's well-known name (asking the bus to activate it),
 * holds a Store proxy while the name has an owner and relays the store's
 * batched change signals, so the rest of the viewer never deals with the
 * service coming and going.
 */

#define G_LOG_DOMAIN "nf-client"

#include "config.h"

#include "nf-client.h"

struct _NfClient
{
  GObject          parent_instance;

  GDBusConnection *connection;
  NfDbusStore     *store;
  GCancellable    *cancellable;
  guint            watch_id;
};

G_DEFINE_FINAL_TYPE (NfClient, nf_client, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CONNECTION,
  PROP_AVAILABLE,
  N_PROPS
};

enum {
  ARTICLES_ADDED,
  ARTICLES_CHANGED,
  ARTICLES_REMOVED,
  STORIES_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
on_added (NfDbusStore *store, const char * const *paths, gpointer data)
{
  g_signal_emit (data, signals[ARTICLES_ADDED], 0, paths);
}

static void
on_changed (NfDbusStore *store, const char * const *paths, gpointer data)
{
  g_signal_emit (data, signals[ARTICLES_CHANGED], 0, paths);
}

static void
on_removed (NfDbusStore *store, const char * const *paths, gpointer data)
{
  g_signal_emit (data, signals[ARTICLES_REMOVED], 0, paths);
}

static void
on_stories (NfDbusStore *store, const char * const *paths, gpointer data)
{
  g_signal_emit (data, signals[STORIES_CHANGED], 0, paths);
}

static void
set_store (NfClient    *self,
           NfDbusStore *store)
{
  if (self->store == store)
    return;

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_set_object (&self->store, store);
  if (store != NULL)
    {
      g_signal_connect (store, "articles-added", G_CALLBACK (on_added), self);
      g_signal_connect (store, "articles-changed",
                        G_CALLBACK (on_changed), self);
      g_signal_connect (store, "articles-removed",
                        G_CALLBACK (on_removed), self);
      g_signal_connect (store, "stories-changed",
                        G_CALLBACK (on_stories), self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AVAILABLE]);
}

static void
proxy_ready_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(NfClient) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(NfDbusStore) store = NULL;

  store = nf_dbus_store_proxy_new_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (store == NULL)
    {
      g_warning ("Cannot reach the store: %s", error->message);
      return;
    }
  /* Calls can take long with a big store; the default 25 s is too short
   * for a first page behind an import, too long to hang forever. */
  g_dbus_proxy_set_default_timeout (G_DBUS_PROXY (store), 60000);
  set_store (self, store);
}

static void
name_appeared_cb (GDBusConnection *connection,
                  const char      *name,
                  const char      *owner,
                  gpointer         user_data)
{
  NfClient *self = NF_CLIENT (user_data);

  g_debug ("%s appeared as %s", name, owner);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  /* The viewer reads no Store property: skip the GetAll round trip,
   * which waits behind whatever the service is busy with. */
  nf_dbus_store_proxy_new (connection,
                           G_DBUS_PROXY_FLAGS_DO_NOT_LOAD_PROPERTIES,
                           NF_BUS_NAME, NF_ROOT_PATH, self->cancellable,
                           proxy_ready_cb, g_object_ref (self));
}

static void
name_vanished_cb (GDBusConnection *connection,
                  const char      *name,
                  gpointer         user_data)
{
  NfClient *self = NF_CLIENT (user_data);

  g_debug ("%s vanished", name);
  g_cancellable_cancel (self->cancellable);
  set_store (self, NULL);
}

static void
watch (NfClient *self)
{
  if (self->connection == NULL)
    return;
  self->watch_id =
    g_bus_watch_name_on_connection (self->connection, NF_BUS_NAME,
                                    G_BUS_NAME_WATCHER_FLAGS_AUTO_START,
                                    name_appeared_cb, name_vanished_cb,
                                    self, NULL);
}

static void
nf_client_constructed (GObject *object)
{
  NfClient *self = NF_CLIENT (object);

  G_OBJECT_CLASS (nf_client_parent_class)->constructed (object);
  watch (self);
}

static void
nf_client_dispose (GObject *object)
{
  NfClient *self = NF_CLIENT (object);

  g_clear_handle_id (&self->watch_id, g_bus_unwatch_name);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);
  g_clear_object (&self->connection);

  G_OBJECT_CLASS (nf_client_parent_class)->dispose (object);
}

static void
nf_client_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  NfClient *self = NF_CLIENT (object);

  switch (prop_id)
    {
    case PROP_CONNECTION:
      g_value_set_object (value, self->connection);
      break;
    case PROP_AVAILABLE:
      g_value_set_boolean (value, nf_client_get_available (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nf_client_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  NfClient *self = NF_CLIENT (object);

  switch (prop_id)
    {
    case PROP_CONNECTION:
      self->connection = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nf_client_class_init (NfClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const char *names[N_SIGNALS] = {
    "articles-added", "articles-changed", "articles-removed",
    "stories-changed",
  };

  object_class->constructed = nf_client_constructed;
  object_class->dispose = nf_client_dispose;
  object_class->get_property = nf_client_get_property;
  object_class->set_property = nf_client_set_property;

  properties[PROP_CONNECTION] =
    g_param_spec_object ("connection", NULL, NULL, G_TYPE_DBUS_CONNECTION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_STATIC_STRINGS);
  properties[PROP_AVAILABLE] =
    g_param_spec_boolean ("available", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Each carries the object paths of one batch (a GStrv). */
  for (guint i = 0; i < N_SIGNALS; i++)
    signals[i] = g_signal_new (names[i], G_TYPE_FROM_CLASS (klass),
                               G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                               G_TYPE_NONE, 1, G_TYPE_STRV);
}

static void
nf_client_init (NfClient *self)
{
  self->cancellable = g_cancellable_new ();
}

/**
 * nf_client_new:
 * @connection: (nullable): the session bus, or %NULL when there is none
 *
 * Returns: (transfer full): a client that follows the service on @connection
 */
NfClient *
nf_client_new (GDBusConnection *connection)
{
  g_return_val_if_fail (connection == NULL ||
                        G_IS_DBUS_CONNECTION (connection), NULL);

  return g_object_new (NF_TYPE_CLIENT, "connection", connection, NULL);
}

GDBusConnection *
nf_client_get_connection (NfClient *self)
{
  g_return_val_if_fail (NF_IS_CLIENT (self), NULL);

  return self->connection;
}

/**
 * nf_client_get_store:
 *
 * Returns: (transfer none) (nullable): the store, or %NULL while the
 *   service is away
 */
NfDbusStore *
nf_client_get_store (NfClient *self)
{
  g_return_val_if_fail (NF_IS_CLIENT (self), NULL);

  return self->store;
}

gboolean
nf_client_get_available (NfClient *self)
{
  g_return_val_if_fail (NF_IS_CLIENT (self), FALSE);

  return self->store != NULL;
}

/* Asks the bus again to start the service (after a crash, say). */
void
nf_client_reconnect (NfClient *self)
{
  g_return_if_fail (NF_IS_CLIENT (self));

  g_clear_handle_id (&self->watch_id, g_bus_unwatch_name);
  watch (self);
}
