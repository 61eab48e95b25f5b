/* nf-worker.h: threads that own SQLite connections
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "nf-store.h"

G_BEGIN_DECLS

typedef struct _NfWorker NfWorker;

/* Runs on a worker thread with its own connection.  @data is the task
 * data of the GTask given to nf_worker_push(); results go back in it. */
typedef gboolean (*NfWorkerFunc) (NfStore   *store,
                                  gpointer   data,
                                  GError   **error);

typedef enum
{
  NF_WORKER_READER,
  NF_WORKER_WRITER,   /* one thread; jobs batched into transactions */
} NfWorkerKind;

NfWorker *nf_worker_new   (const char    *db_path,
                           NfWorkerKind   kind,
                           guint          n_threads,
                           GError       **error);
/* Finishes the jobs already queued, then stops the threads. */
void      nf_worker_free  (NfWorker      *worker);

/* Queues @func.  @task is returned (TRUE, or the error of @func) on its
 * own main context once the job is done; for a writer, once the
 * transaction that holds the job is committed. */
void      nf_worker_push  (NfWorker      *worker,
                           NfWorkerFunc   func,
                           GTask         *task);

G_END_DECLS
