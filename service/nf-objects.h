/* nf-objects.h: D-Bus objects served on demand from the store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Articles (and stories) are not kept in memory: one subtree per kind of
 * object answers every call under NF_DBUS_PATH/<name>/<id> by asking a
 * reader thread.  To serve another kind of object, write an
 * NfObjectClass in nf-<name>-impl.c and add it to nf_object_classes in
 * nf-objects.c.
 */

#pragma once

#include <gio/gio.h>

#include "nf-store.h"
#include "nf-worker.h"

G_BEGIN_DECLS

/* Replies larger than this are refused with NF_ERROR_TOO_LARGE. */
#define NF_MAX_REPLY_SIZE (4 * 1024 * 1024)

typedef struct
{
  /* The path element under NF_DBUS_PATH: "article" serves
   * /io/github/newsfacts/Facts1/article/ID. */
  const char           *name;
  GDBusInterfaceInfo *(*interface_info) (void);

  /* Both run on a reader thread.  get_properties() returns an a{sv} of
   * the properties named in @names (NULL: all) of object @id, or NULL
   * with NF_ERROR_NOT_FOUND; call_method() returns the reply tuple of
   * @method. */
  GVariant           *(*get_properties) (NfStore            *store,
                                         const char         *id,
                                         const char *const  *names,
                                         GError            **error);
  GVariant           *(*call_method)    (NfStore            *store,
                                         const char         *id,
                                         const char         *method,
                                         GVariant           *parameters,
                                         GError            **error);
} NfObjectClass;

extern const NfObjectClass nf_article_class;

/* NULL-terminated list of the classes served. */
extern const NfObjectClass *const nf_object_classes[];

typedef struct _NfObjects NfObjects;

NfObjects *nf_objects_register   (GDBusConnection  *connection,
                                  NfWorker         *readers,
                                  GError          **error);
void       nf_objects_unregister (NfObjects        *objects);

/* "/io/github/newsfacts/Facts1/article/ID" → "ID", or NULL when @path is
 * not an object of that class. */
char      *nf_object_path_to_id  (const char       *class_name,
                                  const char       *path);
char      *nf_object_id_to_path  (const char       *class_name,
                                  const char       *id);

G_END_DECLS
