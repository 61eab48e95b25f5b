/* nf-worker.c: threads that own SQLite connections
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * SQLite never runs on the thread that answers the bus.  Readers share a
 * queue and each has its own connection.  The writer is one thread: it
 * takes every job that is waiting (up to a batch) into one transaction,
 * each job in a savepoint of its own, and answers the jobs only once the
 * transaction is committed, so an acknowledged article is on disk.
 */

#define G_LOG_DOMAIN "newsfactsd"

#include "config.h"

#include "nf-error.h"
#include "nf-worker.h"

/* A batch ends after this many jobs or this much time. */
#define BATCH_MAX_JOBS 256
#define BATCH_MAX_USEC (50 * 1000)

struct _NfWorker
{
  NfWorkerKind  kind;
  GAsyncQueue  *queue;      /* Job* */
  GPtrArray    *threads;    /* GThread* */
};

typedef struct
{
  NfWorkerFunc  func;       /* NULL: stop the thread */
  GTask        *task;
  GError       *error;
} Job;

typedef struct
{
  NfWorker *worker;
  NfStore  *store;
} ThreadData;

static void
job_free (Job *job)
{
  g_clear_object (&job->task);
  g_clear_error (&job->error);
  g_free (job);
}

static void
job_return (Job *job)
{
  if (job->error != NULL)
    g_task_return_error (job->task, g_steal_pointer (&job->error));
  else
    g_task_return_boolean (job->task, TRUE);
  job_free (job);
}

static void
job_run (Job     *job,
         NfStore *store)
{
  job->func (store, g_task_get_task_data (job->task), &job->error);
}

static gpointer
reader_thread (gpointer user_data)
{
  ThreadData *data = user_data;
  Job *job;

  while ((job = g_async_queue_pop (data->worker->queue))->func != NULL)
    {
      job_run (job, data->store);
      job_return (job);
    }
  job_free (job);
  nf_store_close (data->store);
  g_free (data);
  return NULL;
}

/* Runs one job inside the batch's transaction; a job that fails rolls
 * back its own savepoint only. */
static void
writer_run (Job     *job,
            NfStore *store)
{
  if (!nf_store_begin (store, &job->error))
    return;
  job_run (job, store);
  if (job->error != NULL)
    nf_store_rollback (store);
  else
    nf_store_commit (store, &job->error);
}

static void
writer_finish_batch (NfStore   *store,
                     GPtrArray *batch)
{
  g_autoptr(GError) error = NULL;

  if (!nf_store_commit (store, &error))
    for (guint i = 0; i < batch->len; i++)
      {
        Job *job = g_ptr_array_index (batch, i);

        if (job->error == NULL)
          job->error = g_error_copy (error);
      }
  for (guint i = 0; i < batch->len; i++)
    job_return (g_ptr_array_index (batch, i));
  g_ptr_array_set_size (batch, 0);
}

static gpointer
writer_thread (gpointer user_data)
{
  ThreadData *data = user_data;
  g_autoptr(GPtrArray) batch = g_ptr_array_new ();
  gboolean stop = FALSE;

  while (!stop)
    {
      Job *job = g_async_queue_pop (data->worker->queue);
      gint64 deadline = g_get_monotonic_time () + BATCH_MAX_USEC;
      g_autoptr(GError) error = NULL;

      if (job->func == NULL)
        {
          job_free (job);
          break;
        }
      if (!nf_store_begin (data->store, &error))
        {
          job->error = g_steal_pointer (&error);
          job_return (job);
          continue;
        }
      do
        {
          if (job->func == NULL)
            {
              job_free (job);
              stop = TRUE;
              break;
            }
          writer_run (job, data->store);
          g_ptr_array_add (batch, job);
        }
      while (batch->len < BATCH_MAX_JOBS &&
             g_get_monotonic_time () < deadline &&
             (job = g_async_queue_try_pop (data->worker->queue)) != NULL);
      writer_finish_batch (data->store, batch);
    }

  nf_store_close (data->store);
  g_free (data);
  return NULL;
}

NfWorker *
nf_worker_new (const char    *db_path,
               NfWorkerKind   kind,
               guint          n_threads,
               GError       **error)
{
  NfWorker *self;

  g_return_val_if_fail (db_path != NULL, NULL);
  g_return_val_if_fail (n_threads > 0, NULL);

  if (kind == NF_WORKER_WRITER)
    n_threads = 1;

  self = g_new0 (NfWorker, 1);
  self->kind = kind;
  self->queue = g_async_queue_new ();
  self->threads = g_ptr_array_new ();

  for (guint i = 0; i < n_threads; i++)
    {
      ThreadData *data = g_new0 (ThreadData, 1);

      /* Opened here, so a broken store fails at start-up, not per call. */
      data->worker = self;
      data->store = nf_store_open (db_path, error);
      if (data->store == NULL)
        {
          g_free (data);
          nf_worker_free (self);
          return NULL;
        }
      g_ptr_array_add (self->threads,
                       g_thread_new (kind == NF_WORKER_WRITER ? "nf-writer"
                                                              : "nf-reader",
                                     kind == NF_WORKER_WRITER ? writer_thread
                                                              : reader_thread,
                                     data));
    }
  return self;
}

void
nf_worker_free (NfWorker *self)
{
  if (self == NULL)
    return;

  for (guint i = 0; i < self->threads->len; i++)
    g_async_queue_push (self->queue, g_new0 (Job, 1));
  for (guint i = 0; i < self->threads->len; i++)
    g_thread_join (g_ptr_array_index (self->threads, i));
  g_ptr_array_unref (self->threads);
  g_async_queue_unref (self->queue);
  g_free (self);
}

void
nf_worker_push (NfWorker     *self,
                NfWorkerFunc  func,
                GTask        *task)
{
  Job *job;

  g_return_if_fail (self != NULL);
  g_return_if_fail (func != NULL);
  g_return_if_fail (G_IS_TASK (task));

  job = g_new0 (Job, 1);
  job->func = func;
  job->task = g_object_ref (task);
  g_async_queue_push (self->queue, job);
}
