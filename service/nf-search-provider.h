/* nf-search-provider.h: the GNOME Shell search provider of newsfactsd
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define NF_SEARCH_PROVIDER_PATH "/io/github/newsfacts/Facts1/SearchProvider"
#define NF_VIEWER_APP_ID "io.github.newsfacts.Viewer"

#define NF_TYPE_SEARCH_PROVIDER (nf_search_provider_get_type ())

G_DECLARE_FINAL_TYPE (NfSearchProvider, nf_search_provider, NF, SEARCH_PROVIDER, GObject)

NfSearchProvider *nf_search_provider_new      (void);
gboolean          nf_search_provider_export   (NfSearchProvider  *self,
                                               GDBusConnection   *connection,
                                               const char        *object_path,
                                               GError           **error);
void              nf_search_provider_unexport (NfSearchProvider  *self);

/* Opens the viewer on an article (an object path), starting it if needed;
 * also used by notifications. */
void              nf_launch_viewer            (GDBusConnection   *connection,
                                               const char        *action,
                                               GVariant          *parameter,
                                               guint32            timestamp);

G_END_DECLS
