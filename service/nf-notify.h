/* nf-notify.h: one notification that sums up new articles
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define NF_NOTIFY_ID "new-articles"

#define NF_TYPE_NOTIFY (nf_notify_get_type ())

G_DECLARE_FINAL_TYPE (NfNotify, nf_notify, NF, NOTIFY, GObject)

NfNotify *nf_notify_new             (GError           **error);
void      nf_notify_articles_added  (NfNotify          *self,
                                     const char *const *paths,
                                     gboolean           first_import);
void      nf_notify_file_added      (NfNotify          *self,
                                     const char        *path,
                                     gboolean           first_import);
void      nf_notify_set_delay       (NfNotify          *self,
                                     guint              milliseconds);
guint     nf_notify_get_pending     (NfNotify          *self);

G_END_DECLS
