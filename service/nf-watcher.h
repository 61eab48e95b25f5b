/* nf-watcher.h: watched folders
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "nf-store-impl.h"

G_BEGIN_DECLS

#define NF_SETTINGS_SCHEMA "io.github.newsfacts"

typedef struct _NfWatcher NfWatcher;

/* Watches $XDG_DATA_HOME/newsfacts/inbox and the folders of the
 * "watched-folders" setting, after a crawl that catches what changed
 * while the service was not running. */
NfWatcher *nf_watcher_new        (NfStoreImpl *store);
void       nf_watcher_free       (NfWatcher   *watcher);

/* Whether a file name is one the watcher skips (hidden, partial). */
gboolean   nf_watcher_skips_name (const char  *name);

G_END_DECLS
