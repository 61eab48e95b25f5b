/* nf-objects.c: D-Bus objects served on demand from the store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A GDBusObjectManager would keep one object per article in memory; with
 * 100,000 articles that is too much.  Instead each kind of object is a
 * subtree: GDBus asks us for the interfaces of any node and hands us every
 * call, and the answer is read from the store on a reader thread.  The
 * vtable has no get_property(), so property reads reach method_call() as
 * org.freedesktop.DBus.Properties calls and can be answered later too.
 */

#define G_LOG_DOMAIN "newsfactsd"

#include "config.h"

#include <string.h>

#include "nf-error.h"
#include "nf-objects.h"
#include "nf-story-impl.h"

const NfObjectClass *const nf_object_classes[] = {
  &nf_article_class,
  &nf_story_class,
  NULL
};

struct _NfObjects
{
  GDBusConnection *connection;
  NfWorker        *readers;
  GArray          *registrations;   /* guint */
};

typedef enum
{
  CALL_METHOD,
  CALL_GET,
  CALL_GET_ALL,
} CallKind;

typedef struct
{
  const NfObjectClass   *klass;
  CallKind               kind;
  char                  *id;
  char                  *method;
  char                  *property;
  GVariant              *parameters;
  GDBusMethodInvocation *invocation;
  GVariant              *reply;
} Call;

typedef struct
{
  const NfObjectClass *klass;
  NfObjects           *objects;
} Subtree;

static void
call_free (Call *call)
{
  g_free (call->id);
  g_free (call->method);
  g_free (call->property);
  g_clear_pointer (&call->parameters, g_variant_unref);
  g_clear_object (&call->invocation);
  g_clear_pointer (&call->reply, g_variant_unref);
  g_free (call);
}

static char *
class_prefix (const char *class_name)
{
  return g_strconcat (NF_DBUS_PATH "/", class_name, "/", NULL);
}

char *
nf_object_path_to_id (const char *class_name,
                      const char *path)
{
  g_autofree char *prefix = NULL;
  const char *id;

  g_return_val_if_fail (class_name != NULL, NULL);

  if (path == NULL)
    return NULL;
  prefix = class_prefix (class_name);
  if (!g_str_has_prefix (path, prefix))
    return NULL;
  id = path + strlen (prefix);
  if (*id == '\0' || strchr (id, '/') != NULL)
    return NULL;
  return g_strdup (id);
}

char *
nf_object_id_to_path (const char *class_name,
                      const char *id)
{
  g_return_val_if_fail (class_name != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return g_strconcat (NF_DBUS_PATH "/", class_name, "/", id, NULL);
}

/* Runs on a reader thread. */
static gboolean
call_build_reply (NfStore  *store,
                  Call     *call,
                  GError  **error)
{
  g_autoptr(GVariant) dict = NULL;
  g_autoptr(GVariant) value = NULL;
  const char *names[2] = { call->property, NULL };
  GVariant *reply = NULL;

  if (call->id == NULL)
    {
      g_set_error_literal (error, NF_ERROR, NF_ERROR_NOT_FOUND, "no such object");
      return FALSE;
    }

  switch (call->kind)
    {
    case CALL_GET:
      dict = call->klass->get_properties (store, call->id, names, error);
      if (dict != NULL)
        g_variant_ref_sink (dict);
      if (dict == NULL)
        return FALSE;
      value = g_variant_lookup_value (dict, call->property, NULL);
      if (value == NULL)
        {
          g_set_error (error, NF_ERROR, NF_ERROR_INVALID_ARGS,
                       "no property “%s”", call->property);
          return FALSE;
        }
      reply = g_variant_new ("(v)", value);
      break;
    case CALL_GET_ALL:
      dict = call->klass->get_properties (store, call->id, NULL, error);
      if (dict != NULL)
        g_variant_ref_sink (dict);
      if (dict == NULL)
        return FALSE;
      reply = g_variant_new ("(@a{sv})", dict);
      break;
    case CALL_METHOD:
    default:
      reply = call->klass->call_method (store, call->id, call->method,
                                        call->parameters, error);
      if (reply == NULL)
        return FALSE;
      break;
    }

  call->reply = g_variant_ref_sink (reply);
  if (g_variant_get_size (call->reply) > NF_MAX_REPLY_SIZE)
    {
      g_set_error (error, NF_ERROR, NF_ERROR_TOO_LARGE,
                   "the reply would be larger than %d bytes",
                   NF_MAX_REPLY_SIZE);
      return FALSE;
    }
  return TRUE;
}

/* The reply leaves from the reader thread (GDBus sends it from any
 * thread): going back through the main loop first would add a thread
 * switch to every call, which a busy machine makes slow. */
static gboolean
call_in_thread (NfStore  *store,
                gpointer  data,
                GError  **error)
{
  Call *call = data;
  g_autoptr(GError) local_error = NULL;

  if (call_build_reply (store, call, &local_error))
    g_dbus_method_invocation_return_value (call->invocation, call->reply);
  else
    g_dbus_method_invocation_return_gerror (call->invocation, local_error);
  return TRUE;
}

/* Back on the main thread once the call is answered: only frees it. */
static void
call_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_task_propagate_boolean (G_TASK (result), NULL);
}

static void
object_method_call (GDBusConnection       *connection,
                    const char            *sender,
                    const char            *object_path,
                    const char            *interface_name,
                    const char            *method_name,
                    GVariant              *parameters,
                    GDBusMethodInvocation *invocation,
                    gpointer               user_data)
{
  Subtree *subtree = user_data;
  g_autoptr(GTask) task = NULL;
  Call *call = g_new0 (Call, 1);

  call->klass = subtree->klass;
  call->id = nf_object_path_to_id (subtree->klass->name, object_path);
  call->invocation = g_object_ref (invocation);
  call->parameters = g_variant_ref (parameters);
  call->method = g_strdup (method_name);

  if (g_strcmp0 (interface_name, "org.freedesktop.DBus.Properties") == 0)
    {
      if (g_strcmp0 (method_name, "Get") == 0)
        {
          call->kind = CALL_GET;
          g_variant_get (parameters, "(&ss)", NULL, &call->property);
        }
      else if (g_strcmp0 (method_name, "GetAll") == 0)
        call->kind = CALL_GET_ALL;
      else
        {
          g_dbus_method_invocation_return_error (invocation, G_DBUS_ERROR,
                                                 G_DBUS_ERROR_PROPERTY_READ_ONLY,
                                                 "the properties are read-only");
          call_free (call);
          return;
        }
    }

  task = g_task_new (NULL, NULL, call_done, NULL);
  g_task_set_source_tag (task, object_method_call);
  g_task_set_task_data (task, call, (GDestroyNotify) call_free);
  nf_worker_push (subtree->objects->readers, call_in_thread, task);
}

static const GDBusInterfaceVTable object_vtable = {
  object_method_call,
  NULL,   /* get_property: answered in object_method_call() */
  NULL,   /* set_property: every property is read-only */
  { 0 }
};

/* The subtree lists no children: there may be 100,000 of them.  Search()
 * and GetStories() are how clients find them. */
static char **
subtree_enumerate (GDBusConnection *connection,
                   const char      *sender,
                   const char      *object_path,
                   gpointer         user_data)
{
  return g_new0 (char *, 1);
}

static GDBusInterfaceInfo **
subtree_introspect (GDBusConnection *connection,
                    const char      *sender,
                    const char      *object_path,
                    const char      *node,
                    gpointer         user_data)
{
  Subtree *subtree = user_data;
  GDBusInterfaceInfo **infos;

  if (node == NULL || !g_variant_is_object_path (object_path))
    return NULL;
  infos = g_new0 (GDBusInterfaceInfo *, 2);
  infos[0] = g_dbus_interface_info_ref (subtree->klass->interface_info ());
  return infos;
}

static const GDBusInterfaceVTable *
subtree_dispatch (GDBusConnection *connection,
                  const char      *sender,
                  const char      *object_path,
                  const char      *interface_name,
                  const char      *node,
                  gpointer        *out_user_data,
                  gpointer         user_data)
{
  Subtree *subtree = user_data;

  if (node == NULL ||
      g_strcmp0 (interface_name, subtree->klass->interface_info ()->name) != 0)
    return NULL;
  *out_user_data = subtree;
  return &object_vtable;
}

static const GDBusSubtreeVTable subtree_vtable = {
  subtree_enumerate,
  subtree_introspect,
  subtree_dispatch,
  { 0 }
};

NfObjects *
nf_objects_register (GDBusConnection  *connection,
                     NfWorker         *readers,
                     GError          **error)
{
  NfObjects *self;

  g_return_val_if_fail (G_IS_DBUS_CONNECTION (connection), NULL);
  g_return_val_if_fail (readers != NULL, NULL);

  self = g_new0 (NfObjects, 1);
  self->connection = g_object_ref (connection);
  self->readers = readers;
  self->registrations = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; nf_object_classes[i] != NULL; i++)
    {
      g_autofree char *path = g_strconcat (NF_DBUS_PATH "/",
                                           nf_object_classes[i]->name, NULL);
      Subtree *subtree = g_new0 (Subtree, 1);
      guint id;

      subtree->klass = nf_object_classes[i];
      subtree->objects = self;
      id = g_dbus_connection_register_subtree (connection, path,
                                               &subtree_vtable,
                                               G_DBUS_SUBTREE_FLAGS_DISPATCH_TO_UNENUMERATED_NODES,
                                               subtree, g_free, error);
      if (id == 0)
        {
          nf_objects_unregister (self);
          return NULL;
        }
      g_array_append_val (self->registrations, id);
    }
  return self;
}

void
nf_objects_unregister (NfObjects *self)
{
  if (self == NULL)
    return;

  for (guint i = 0; i < self->registrations->len; i++)
    g_dbus_connection_unregister_subtree (self->connection,
                                          g_array_index (self->registrations,
                                                         guint, i));
  g_array_unref (self->registrations);
  g_object_unref (self->connection);
  g_free (self);
}
