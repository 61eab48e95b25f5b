/* nf-client.h: the viewer's link to newsfactsd
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "nf-dbus-generated.h"

G_BEGIN_DECLS

#define NF_BUS_NAME   "io.github.newsfacts.Facts1"
#define NF_ROOT_PATH  "/io/github/newsfacts/Facts1"

#define NF_TYPE_CLIENT (nf_client_get_type ())

G_DECLARE_FINAL_TYPE (NfClient, nf_client, NF, CLIENT, GObject)

NfClient        *nf_client_new            (GDBusConnection *connection);
GDBusConnection *nf_client_get_connection (NfClient        *self);
NfDbusStore     *nf_client_get_store      (NfClient        *self);
gboolean         nf_client_get_available  (NfClient        *self);
void             nf_client_reconnect      (NfClient        *self);

G_END_DECLS
