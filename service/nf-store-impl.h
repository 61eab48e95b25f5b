/* nf-store-impl.h: io.github.newsfacts.Facts1.Store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "nf-dbus-generated.h"
#include "nf-worker.h"

G_BEGIN_DECLS

/* Longest article text accepted, in bytes; replies stay under 4 MiB. */
#define NF_SERVICE_MAX_TEXT (1024 * 1024)

#define NF_TYPE_STORE_IMPL (nf_store_impl_get_type ())

G_DECLARE_FINAL_TYPE (NfStoreImpl, nf_store_impl, NF, STORE_IMPL,
                      NfDbusStoreSkeleton)

NfStoreImpl *nf_store_impl_new           (const char        *db_path,
                                          GError           **error);
gboolean     nf_store_impl_export        (NfStoreImpl       *self,
                                          GDBusConnection   *connection,
                                          GError           **error);
void         nf_store_impl_unexport      (NfStoreImpl       *self);
/* Finishes queued work and closes the store. */
void         nf_store_impl_shutdown      (NfStoreImpl       *self);

NfWorker    *nf_store_impl_get_writer    (NfStoreImpl       *self);
NfWorker    *nf_store_impl_get_readers   (NfStoreImpl       *self);
const char  *nf_store_impl_get_db_path   (NfStoreImpl       *self);

/* Fills a store created by this start with the sample articles, and
 * returns once they are stored. */
void         nf_store_impl_load_samples  (NfStoreImpl       *self);

/* Parses every stored article again when the stored facts come from
 * another build of the pipeline (or always, with @force), in the
 * background; changed facts are announced with ArticlesChanged. */
void         nf_store_impl_start_reparse (NfStoreImpl       *self,
                                          gboolean           force);

/* Files of watched folders: (re-)parse one, or drop the article of one
 * that is gone.  @track records the file so a later crawl can tell
 * whether it changed; @quiet marks a first import in ::articles-arrived. */
void         nf_store_impl_ingest_file   (NfStoreImpl       *self,
                                          const char        *path,
                                          gboolean           track,
                                          gboolean           quiet);
void         nf_store_impl_forget_file   (NfStoreImpl       *self,
                                          const char        *path);

G_END_DECLS
