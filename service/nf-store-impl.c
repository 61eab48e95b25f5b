/* nf-store-impl.c: io.github.newsfacts.Facts1.Store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every method is answered later: reads go to the reader threads, writes
 * to the writer thread, and parsing to a pool of its own, so the main loop
 * only checks arguments, routes work and sends replies and signals.
 * Change signals are gathered for a short while and sent as one batch.
 */

#define G_LOG_DOMAIN "newsfactsd"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gio/gunixfdlist.h>

#include "nf-error.h"
#include "nf-objects.h"
#include "nf-pipeline.h"
#include "nf-store-impl.h"
#include "nf-story-impl.h"
#include "nf-sort-private.h"

/* Signals wait this long for more of their kind. */
#define SIGNAL_BATCH_MSEC 100
#define SIGNAL_BATCH_MAX  1000
/* Ingests from clients waiting to be parsed and stored: past either
 * limit a client is told Busy rather than the service growing without
 * bound. */
#define MAX_QUEUED_INGESTS 1024
#define MAX_QUEUED_BYTES   (128 * 1024 * 1024)
/* Reading a descriptor gives up after this long without data. */
#define FD_TIMEOUT_MSEC   (30 * 1000)

typedef enum
{
  SIGNAL_ADDED,
  SIGNAL_CHANGED,
  SIGNAL_REMOVED,
} SignalKind;

struct _NfStoreImpl
{
  NfDbusStoreSkeleton  parent_instance;

  char                *db_path;
  gboolean             store_is_new;
  NfWorker            *writer;
  NfWorker            *readers;
  GThreadPool         *parsers;
  NfObjects           *objects;
  NfStoryKeeper       *stories;       /* writer thread only */

  guint                samples_left;  /* samples not yet stored */
  guint                queued;        /* client ingests not yet answered */
  gsize                queued_bytes;

  /* Re-parsing every article after the pipeline changed. */
  char                *fingerprint;   /* of this build's pipeline */
  gboolean             reparse;       /* stored facts are from another build */
  gint64               reparse_after; /* rowid of the last article queued */
  guint                reparse_left;  /* queued and not yet stored */
  guint                reparse_count;

  GPtrArray           *pending;       /* object paths of one kind */
  SignalKind           pending_kind;
  guint                flush_id;
};

static void nf_store_impl_iface_init (NfDbusStoreIface *iface);

enum
{
  SIGNAL_ARTICLES_ARRIVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE_WITH_CODE (NfStoreImpl, nf_store_impl,
                               NF_DBUS_TYPE_STORE_SKELETON,
                               G_IMPLEMENT_INTERFACE (NF_DBUS_TYPE_STORE,
                                                      nf_store_impl_iface_init))

/* One Ingest, IngestFd or watched file on its way through the parser
 * pool and the writer. */
typedef struct
{
  GDBusMethodInvocation *invocation;   /* NULL for files */
  char                  *name;
  GBytes                *bytes;        /* Ingest() text */
  int                    fd;           /* IngestFd(), or -1 */
  char                  *path;         /* a file to read, or NULL */
  gboolean               track;        /* record @path in the files table */
  gboolean               quiet;        /* a first import: nobody to tell */
  gint64                 mtime;
  gint64                 size;
  char                  *published;
  gboolean               replace;
  gboolean               sample;
  char                  *reparse_id;   /* the stored article parsed again */

  NfArticle             *article;
  NfStorePutResult       result;
  char                  *removed_id;   /* the file's previous article */
  NfStoryKeeper         *stories;
  char                  *signature;    /* made by the story keeper */
  GPtrArray             *changed_stories;
} IngestJob;

static void
ingest_job_free (IngestJob *job)
{
  g_clear_object (&job->invocation);
  g_free (job->name);
  g_clear_pointer (&job->bytes, g_bytes_unref);
  if (job->fd >= 0)
    close (job->fd);
  g_free (job->path);
  g_free (job->published);
  g_clear_pointer (&job->article, nf_article_free);
  g_free (job->removed_id);
  g_free (job->reparse_id);
  g_free (job->signature);
  g_clear_pointer (&job->changed_stories, g_ptr_array_unref);
  g_free (job);
}

/* ---- change signals -------------------------------------------------- */

static void
flush_signals (NfStoreImpl *self)
{
  g_autoptr(GPtrArray) paths = NULL;
  NfDbusStore *store = NF_DBUS_STORE (self);

  g_clear_handle_id (&self->flush_id, g_source_remove);
  if (self->pending->len == 0)
    return;

  paths = g_steal_pointer (&self->pending);
  self->pending = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (paths, NULL);
  switch (self->pending_kind)
    {
    case SIGNAL_ADDED:
      nf_dbus_store_emit_articles_added (store,
                                         (const char *const *) paths->pdata);
      break;
    case SIGNAL_CHANGED:
      nf_dbus_store_emit_articles_changed (store,
                                           (const char *const *) paths->pdata);
      break;
    case SIGNAL_REMOVED:
    default:
      nf_dbus_store_emit_articles_removed (store,
                                           (const char *const *) paths->pdata);
      break;
    }
}

static gboolean
flush_timeout (gpointer user_data)
{
  NfStoreImpl *self = user_data;

  self->flush_id = 0;
  flush_signals (self);
  return G_SOURCE_REMOVE;
}

/* Signals keep their order: a change of kind sends what is waiting. */
static void
queue_signal (NfStoreImpl *self,
              SignalKind   kind,
              const char  *id)
{
  NfDbusStore *store = NF_DBUS_STORE (self);
  guint count = nf_dbus_store_get_article_count (store);

  if (self->pending->len > 0 && self->pending_kind != kind)
    flush_signals (self);
  self->pending_kind = kind;
  g_ptr_array_add (self->pending, nf_object_id_to_path ("article", id));

  if (kind == SIGNAL_ADDED)
    nf_dbus_store_set_article_count (store, count + 1);
  else if (kind == SIGNAL_REMOVED && count > 0)
    nf_dbus_store_set_article_count (store, count - 1);

  if (self->pending->len >= SIGNAL_BATCH_MAX)
    flush_signals (self);
  else if (self->flush_id == 0)
    self->flush_id = g_timeout_add (SIGNAL_BATCH_MSEC, flush_timeout, self);
}

/* ---- options ---------------------------------------------------------- */

static gboolean
is_iso_date (const char *text)
{
  g_autoptr(GDateTime) parsed = NULL;
  g_autofree char *with_time = NULL;
  gsize len = strlen (text);

  if (len < 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  if (len == 10)
    {
      with_time = g_strconcat (text, "T00:00:00Z", NULL);
      parsed = g_date_time_new_from_iso8601 (with_time, NULL);
    }
  else
    {
      parsed = g_date_time_new_from_iso8601 (text, NULL);
      if (parsed == NULL)
        {
          with_time = g_strconcat (text, "Z", NULL);
          parsed = g_date_time_new_from_iso8601 (with_time, NULL);
        }
    }
  return parsed != NULL;
}

static gboolean
parse_options (GVariant   *options,
               IngestJob  *job,
               GError    **error)
{
  GVariantIter iter;
  const char *key;
  GVariant *value;

  g_variant_iter_init (&iter, options);
  while (g_variant_iter_loop (&iter, "{&sv}", &key, &value))
    {
      if (g_strcmp0 (key, "published") == 0 &&
          g_variant_is_of_type (value, G_VARIANT_TYPE_STRING) &&
          is_iso_date (g_variant_get_string (value, NULL)))
        {
          g_free (job->published);
          job->published = g_variant_dup_string (value, NULL);
        }
      else if (g_strcmp0 (key, "replace") == 0 &&
               g_variant_is_of_type (value, G_VARIANT_TYPE_BOOLEAN))
        job->replace = g_variant_get_boolean (value);
      else
        {
          g_set_error (error, NF_ERROR, NF_ERROR_INVALID_ARGS,
                       "bad option “%s” of type %s: known options are "
                       "“published” (s, an ISO 8601 date) and “replace” (b)",
                       key, g_variant_get_type_string (value));
          g_variant_unref (value);
          return FALSE;
        }
    }
  return TRUE;
}

/* ---- reading and parsing (parser pool) -------------------------------- */

/* Reads at most @max bytes; a descriptor that gives nothing for
 * FD_TIMEOUT_MSEC is given up, so a stuck writer cannot hold a thread. */
static GBytes *
read_fd (int      fd,
         gsize    max,
         GError **error)
{
  g_autoptr(GByteArray) buffer = g_byte_array_new ();
  struct stat st;
  guint8 chunk[65536];

  if (fstat (fd, &st) != 0 || S_ISDIR (st.st_mode))
    {
      g_set_error_literal (error, NF_ERROR, NF_ERROR_INVALID_ARGS,
                           "the descriptor is not a readable file or pipe");
      return NULL;
    }
  for (;;)
    {
      struct pollfd pfd = { fd, POLLIN, 0 };
      int ready = poll (&pfd, 1, FD_TIMEOUT_MSEC);
      ssize_t n;

      if (ready < 0 && errno == EINTR)
        continue;
      if (ready == 0)
        {
          g_set_error_literal (error, NF_ERROR, NF_ERROR_INVALID_INPUT,
                               "timed out reading the descriptor");
          return NULL;
        }
      n = read (fd, chunk, sizeof chunk);
      if (n < 0 && (errno == EINTR || errno == EAGAIN))
        continue;
      if (n < 0)
        {
          int saved = errno;

          g_set_error (error, NF_ERROR, NF_ERROR_INVALID_INPUT,
                       "cannot read the descriptor: %s", g_strerror (saved));
          return NULL;
        }
      if (n == 0)
        break;
      g_byte_array_append (buffer, chunk, n);
      if (buffer->len > max)
        {
          g_set_error (error, NF_ERROR, NF_ERROR_TOO_LARGE,
                       "the text is larger than %" G_GSIZE_FORMAT " bytes",
                       max);
          return NULL;
        }
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&buffer));
}

static GBytes *
read_path (IngestJob  *job,
           GError    **error)
{
  int fd = open (job->path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  struct stat st;
  GBytes *bytes;

  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, NF_ERROR, NF_ERROR_NOT_FOUND, "%s: %s", job->path,
                   g_strerror (saved));
      return NULL;
    }
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      close (fd);
      g_set_error (error, NF_ERROR, NF_ERROR_INVALID_INPUT,
                   "%s is not a regular file", job->path);
      return NULL;
    }
  job->mtime = st.st_mtime;
  job->size = st.st_size;
  bytes = read_fd (fd, NF_SERVICE_MAX_TEXT, error);
  close (fd);
  return bytes;
}

static gboolean write_article (NfStore   *store,
                               gpointer   data,
                               GError   **error);
static gboolean write_article_and_story (NfStore   *store,
                                         gpointer   data,
                                         GError   **error);

static void
parse_in_thread (gpointer data,
                 gpointer user_data)
{
  g_autoptr(GTask) task = data;
  NfStoreImpl *self = g_task_get_source_object (task);
  IngestJob *job = g_task_get_task_data (task);
  NfParseOptions options = { job->published, NF_SERVICE_MAX_TEXT };
  g_autoptr(GBytes) bytes = NULL;
  GError *error = NULL;

  if (job->fd >= 0)
    bytes = read_fd (job->fd, NF_SERVICE_MAX_TEXT, &error);
  else if (job->path != NULL)
    bytes = read_path (job, &error);
  else
    bytes = g_bytes_ref (job->bytes);

  if (bytes != NULL)
    job->article = nf_parse (job->name, g_bytes_get_data (bytes, NULL),
                             g_bytes_get_size (bytes), &options, &error);
  if (job->article == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  nf_worker_push (self->writer, write_article_and_story, task);
}

/* ---- writing (writer thread) ------------------------------------------ */

static gboolean
write_article (NfStore  *store,
               gpointer  data,
               GError  **error)
{
  IngestJob *job = data;
  g_autofree char *old_id = NULL;
  const char *id;

  /* A re-parse keeps the article's id even if ids were made otherwise
   * when it was first stored: clients may hold its path. */
  if (job->reparse_id != NULL && g_strcmp0 (job->reparse_id, job->article->id) != 0)
    {
      g_free (job->article->id);
      job->article->id = g_strdup (job->reparse_id);
    }
  id = job->article->id;

  if (job->track)
    nf_store_get_file (store, job->path, &old_id, NULL, NULL);
  if (!nf_store_put_signed_article (store, job->article, job->signature,
                                    job->published, job->replace,
                                    &job->result, error))
    return FALSE;
  if (!job->track)
    return TRUE;

  if (!nf_store_put_file (store, job->path, id, job->mtime, job->size, error))
    return FALSE;
  /* An edited file gives a new article; the old one goes unless another
   * file still gives it. */
  if (old_id != NULL && g_strcmp0 (old_id, id) != 0 &&
      nf_store_count_file_refs (store, old_id) == 0 &&
      nf_store_has_article (store, old_id))
    {
      nf_story_keeper_forget (job->stories, store, old_id);
      if (!nf_store_remove_article (store, old_id, error))
        return FALSE;
      job->removed_id = g_steal_pointer (&old_id);
    }
  return TRUE;
}

/* Stories: the article joins one before it is stored (a story may settle
 * its year), and the stories that changed are rewritten after. */
static gboolean
write_article_and_story (NfStore  *store,
                         gpointer  data,
                         GError  **error)
{
  IngestJob *job = data;

  /* As write_article() does: a re-parse keeps the stored id. */
  if (job->reparse_id != NULL && g_strcmp0 (job->reparse_id, job->article->id) != 0)
    {
      g_free (job->article->id);
      job->article->id = g_strdup (job->reparse_id);
    }
  if (!nf_story_keeper_file (job->stories, store, job->article,
                             &job->signature, error)
      || !write_article (store, data, error))
    return FALSE;
  job->changed_stories = nf_story_keeper_flush (job->stories, store, error);
  return job->changed_stories != NULL;
}

static void reparse_one_done (NfStoreImpl *self);

static void
ingest_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  NfStoreImpl *self = NF_STORE_IMPL (source);
  IngestJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (job->sample)
    self->samples_left--;
  if (job->invocation != NULL)
    {
      self->queued--;
      self->queued_bytes -= job->bytes != NULL ? g_bytes_get_size (job->bytes) : 0;
    }
  if (job->reparse_id != NULL)
    reparse_one_done (self);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (job->invocation != NULL)
        g_dbus_method_invocation_return_gerror (job->invocation, error);
      else
        g_message ("%s: %s", job->path, error->message);
      return;
    }

  nf_story_impl_queue_changed (NF_DBUS_STORE (self), job->changed_stories);
  if (job->removed_id != NULL)
    queue_signal (self, SIGNAL_REMOVED, job->removed_id);
  if (job->result == NF_STORE_PUT_ADDED)
    queue_signal (self, SIGNAL_ADDED, job->article->id);
  else if (job->result == NF_STORE_PUT_CHANGED)
    queue_signal (self, SIGNAL_CHANGED, job->article->id);

  path = nf_object_id_to_path ("article", job->article->id);
  if (job->result == NF_STORE_PUT_ADDED && job->track)
    {
      const char *paths[] = { path, NULL };

      g_signal_emit (self, signals[SIGNAL_ARTICLES_ARRIVED], 0, paths,
                     job->quiet);
    }
  if (job->invocation != NULL)
    g_dbus_method_invocation_return_value (job->invocation,
                                           g_variant_new ("(o)", path));
}

static void
start_ingest (NfStoreImpl *self,
              IngestJob   *job)
{
  GTask *task = g_task_new (self, NULL, ingest_done, NULL);

  g_task_set_source_tag (task, start_ingest);
  job->stories = self->stories;
  g_task_set_task_data (task, job, (GDestroyNotify) ingest_job_free);
  if (job->invocation != NULL)
    {
      self->queued++;
      self->queued_bytes += job->bytes != NULL ? g_bytes_get_size (job->bytes) : 0;
    }
  /* The pool owns the reference from here. */
  g_thread_pool_push (self->parsers, task, NULL);
}

static IngestJob *
ingest_job_new (GDBusMethodInvocation *invocation,
                const char            *name)
{
  IngestJob *job = g_new0 (IngestJob, 1);

  job->invocation = invocation != NULL ? g_object_ref (invocation) : NULL;
  job->name = g_strdup (name);
  job->fd = -1;
  return job;
}

static gboolean
check_request (NfStoreImpl           *self,
               GDBusMethodInvocation *invocation,
               const char            *name,
               gsize                  len)
{
  if (strlen (name) > 4096)
    {
      g_dbus_method_invocation_return_error_literal (invocation, NF_ERROR,
                                                     NF_ERROR_INVALID_ARGS,
                                                     "the name is too long");
      return FALSE;
    }
  if (self->queued >= MAX_QUEUED_INGESTS ||
      self->queued_bytes + len > MAX_QUEUED_BYTES)
    {
      g_dbus_method_invocation_return_error_literal (invocation, NF_ERROR,
                                                     NF_ERROR_BUSY,
                                                     "too many articles are "
                                                     "waiting to be stored; "
                                                     "try again when some "
                                                     "are answered");
      return FALSE;
    }
  return TRUE;
}

static gboolean
nf_store_impl_handle_ingest (NfDbusStore           *store,
                             GDBusMethodInvocation *invocation,
                             const char            *name,
                             const char            *text,
                             GVariant              *options)
{
  NfStoreImpl *self = NF_STORE_IMPL (store);
  g_autoptr(GError) error = NULL;
  IngestJob *job;
  gsize len = strlen (text);

  if (!check_request (self, invocation, name, len))
    return G_DBUS_METHOD_INVOCATION_HANDLED;
  if (len > NF_SERVICE_MAX_TEXT)
    {
      g_dbus_method_invocation_return_error (invocation, NF_ERROR,
                                             NF_ERROR_TOO_LARGE,
                                             "the text is larger than %d bytes",
                                             NF_SERVICE_MAX_TEXT);
      return G_DBUS_METHOD_INVOCATION_HANDLED;
    }
  job = ingest_job_new (invocation, name);
  if (!parse_options (options, job, &error))
    {
      g_dbus_method_invocation_return_gerror (invocation, error);
      ingest_job_free (job);
      return G_DBUS_METHOD_INVOCATION_HANDLED;
    }
  job->bytes = g_bytes_new (text, len);
  start_ingest (self, job);
  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

static gboolean
nf_store_impl_handle_ingest_fd (NfDbusStore           *store,
                                GDBusMethodInvocation *invocation,
                                GUnixFDList           *fd_list,
                                const char            *name,
                                GVariant              *fd,
                                GVariant              *options)
{
  NfStoreImpl *self = NF_STORE_IMPL (store);
  g_autoptr(GError) error = NULL;
  IngestJob *job;

  if (!check_request (self, invocation, name, 0))
    return G_DBUS_METHOD_INVOCATION_HANDLED;
  job = ingest_job_new (invocation, name);
  if (!parse_options (options, job, &error))
    goto fail;
  if (fd_list == NULL)
    {
      g_set_error_literal (&error, NF_ERROR, NF_ERROR_INVALID_ARGS,
                           "no file descriptor was passed");
      goto fail;
    }
  job->fd = g_unix_fd_list_get (fd_list, g_variant_get_handle (fd), &error);
  if (job->fd < 0)
    {
      g_clear_error (&error);
      g_set_error_literal (&error, NF_ERROR, NF_ERROR_INVALID_ARGS,
                           "the file descriptor handle is not valid");
      goto fail;
    }
  start_ingest (self, job);
  return G_DBUS_METHOD_INVOCATION_HANDLED;

fail:
  g_dbus_method_invocation_return_gerror (invocation, error);
  ingest_job_free (job);
  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

/* ---- reads and removals ----------------------------------------------- */

/* One read or removal: inputs, and the reply the thread builds. */
typedef struct
{
  GDBusMethodInvocation *invocation;
  char                  *query;
  guint                  offset;
  guint                  limit;
  GStrv                  paths;
  GStrv                  fields;
  char                  *id;
  GVariant              *reply;
  NfStoryKeeper         *stories;
  GPtrArray             *changed_stories;
  gboolean               replied;   /* answered on the reader thread */
} Request;

static void
request_free (Request *request)
{
  g_clear_object (&request->invocation);
  g_free (request->query);
  g_strfreev (request->paths);
  g_strfreev (request->fields);
  g_free (request->id);
  g_clear_pointer (&request->reply, g_variant_unref);
  g_clear_pointer (&request->changed_stories, g_ptr_array_unref);
  g_free (request);
}

static GVariant *
paths_variant (GPtrArray  *ids,
               const char *class_name)
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE_OBJECT_PATH_ARRAY);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autofree char *path = nf_object_id_to_path (class_name,
                                                    g_ptr_array_index (ids, i));

      if (g_variant_is_object_path (path))
        g_variant_builder_add (&builder, "o", path);
    }
  return g_variant_builder_end (&builder);
}

/* A read's reply leaves from the reader thread (GDBus sends it from any
 * thread): going back through the main loop first would add a thread
 * switch to every call, which a busy machine makes slow.  Errors still go
 * the long way, through request_done(). */
static gboolean
check_reply_size (Request  *request,
                  GError  **error)
{
  g_variant_ref_sink (request->reply);
  if (g_variant_get_size (request->reply) <= NF_MAX_REPLY_SIZE)
    {
      g_dbus_method_invocation_return_value (request->invocation,
                                             request->reply);
      request->replied = TRUE;
      return TRUE;
    }
  g_set_error (error, NF_ERROR, NF_ERROR_TOO_LARGE,
               "the reply would be larger than %d bytes; ask for fewer "
               "articles or fields", NF_MAX_REPLY_SIZE);
  return FALSE;
}

static gboolean
search_in_thread (NfStore  *store,
                  gpointer  data,
                  GError  **error)
{
  Request *request = data;
  g_autoptr(GPtrArray) ids = NULL;
  guint total = 0;

  ids = nf_store_search (store, request->query, request->offset,
                         request->limit, &total, error);
  if (ids == NULL)
    return FALSE;
  request->reply = g_variant_new ("(u@ao)", total,
                                  paths_variant (ids, "article"));
  return check_reply_size (request, error);
}

static gboolean
get_articles_in_thread (NfStore  *store,
                        gpointer  data,
                        GError  **error)
{
  Request *request = data;
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("aa{sv}"));
  for (guint i = 0; request->paths[i] != NULL; i++)
    {
      g_autofree char *id = nf_object_path_to_id ("article", request->paths[i]);
      g_autoptr(GVariant) fields = NULL;
      GVariantIter iter;
      GVariant *entry;

      if (id != NULL)
        fields = nf_store_get_article_fields (store, id,
                                              (const char *const *) request->fields,
                                              NULL);
      if (fields != NULL)
        g_variant_ref_sink (fields);
      g_variant_builder_open (&builder, G_VARIANT_TYPE_VARDICT);
      g_variant_builder_add (&builder, "{sv}", "path",
                             g_variant_new_object_path (request->paths[i]));
      if (fields != NULL)
        {
          g_variant_iter_init (&iter, fields);
          while ((entry = g_variant_iter_next_value (&iter)) != NULL)
            {
              g_variant_builder_add_value (&builder, entry);
              g_variant_unref (entry);
            }
        }
      g_variant_builder_close (&builder);
    }
  request->reply = g_variant_new ("(@aa{sv})", g_variant_builder_end (&builder));
  return check_reply_size (request, error);
}

static gboolean
get_stories_in_thread (NfStore  *store,
                       gpointer  data,
                       GError  **error)
{
  Request *request = data;
  g_autoptr(GPtrArray) ids = NULL;
  guint total = 0;

  ids = nf_store_list_stories (store, request->offset, request->limit, &total,
                               error);
  if (ids == NULL)
    return FALSE;
  request->reply = g_variant_new ("(u@ao)", total, paths_variant (ids, "story"));
  return check_reply_size (request, error);
}

/* Removes article @id and takes it out of its story; the stories that
 * changed are left in @request for the reply's signals. */
static gboolean
remove_article (NfStore     *store,
                Request     *request,
                const char  *id,
                GError     **error)
{
  nf_story_keeper_forget (request->stories, store, id);
  if (!nf_store_remove_article (store, id, error))
    return FALSE;
  request->changed_stories = nf_story_keeper_flush (request->stories, store, error);
  return request->changed_stories != NULL;
}

static gboolean
remove_in_thread (NfStore  *store,
                  gpointer  data,
                  GError  **error)
{
  Request *request = data;

  return remove_article (store, request, request->id, error);
}

static void
request_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  NfStoreImpl *self = NF_STORE_IMPL (source);
  Request *request = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_dbus_method_invocation_return_gerror (request->invocation, error);
      return;
    }
  if (request->replied)
    return;
  if (g_task_get_source_tag (G_TASK (result)) == remove_in_thread)
    queue_signal (self, SIGNAL_REMOVED, request->id);
  nf_story_impl_queue_changed (NF_DBUS_STORE (self), request->changed_stories);
  g_dbus_method_invocation_return_value (request->invocation, request->reply);
}

static void
run_request (NfStoreImpl           *self,
             NfWorker              *worker,
             NfWorkerFunc           func,
             GDBusMethodInvocation *invocation,
             Request               *request)
{
  g_autoptr(GTask) task = g_task_new (self, NULL, request_done, NULL);

  request->invocation = g_object_ref (invocation);
  request->stories = self->stories;
  g_task_set_source_tag (task, func);
  g_task_set_task_data (task, request, (GDestroyNotify) request_free);
  nf_worker_push (worker, func, task);
}

static gboolean
nf_store_impl_handle_search (NfDbusStore           *store,
                             GDBusMethodInvocation *invocation,
                             const char            *query,
                             guint                  offset,
                             guint                  limit)
{
  NfStoreImpl *self = NF_STORE_IMPL (store);
  Request *request = g_new0 (Request, 1);

  request->query = g_strdup (query);
  request->offset = offset;
  request->limit = MIN (limit, NF_STORE_MAX_PAGE);
  run_request (self, self->readers, search_in_thread, invocation, request);
  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

static const char *const list_fields[] = {
  "Id", "Headline", "Agency", "Dateline", "Published", "Brief", "Source", NULL
};

static gboolean
nf_store_impl_handle_get_articles (NfDbusStore           *store,
                                   GDBusMethodInvocation *invocation,
                                   const char *const     *paths,
                                   const char *const     *fields)
{
  NfStoreImpl *self = NF_STORE_IMPL (store);
  Request *request;

  if (g_strv_length ((GStrv) paths) > NF_STORE_MAX_PAGE)
    {
      g_dbus_method_invocation_return_error (invocation, NF_ERROR,
                                             NF_ERROR_INVALID_ARGS,
                                             "at most %d articles at a time",
                                             NF_STORE_MAX_PAGE);
      return G_DBUS_METHOD_INVOCATION_HANDLED;
    }
  for (guint i = 0; fields[i] != NULL; i++)
    if (!nf_store_is_article_field (fields[i]))
      {
        g_dbus_method_invocation_return_error (invocation, NF_ERROR,
                                               NF_ERROR_INVALID_ARGS,
                                               "“%s” is not a property of "
                                               "articles", fields[i]);
        return G_DBUS_METHOD_INVOCATION_HANDLED;
      }

  request = g_new0 (Request, 1);
  request->paths = g_strdupv ((GStrv) paths);
  request->fields = g_strdupv ((GStrv) (fields[0] != NULL ? fields
                                                          : list_fields));
  run_request (self, self->readers, get_articles_in_thread, invocation,
               request);
  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

static gboolean
nf_store_impl_handle_remove (NfDbusStore           *store,
                             GDBusMethodInvocation *invocation,
                             const char            *path)
{
  NfStoreImpl *self = NF_STORE_IMPL (store);
  g_autofree char *id = nf_object_path_to_id ("article", path);
  Request *request;

  if (id == NULL)
    {
      g_dbus_method_invocation_return_error (invocation, NF_ERROR,
                                             NF_ERROR_NOT_FOUND,
                                             "%s is not an article", path);
      return G_DBUS_METHOD_INVOCATION_HANDLED;
    }
  request = g_new0 (Request, 1);
  request->id = g_steal_pointer (&id);
  request->reply = g_variant_ref_sink (g_variant_new ("()"));
  run_request (self, self->writer, remove_in_thread, invocation, request);
  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

static gboolean
nf_store_impl_handle_get_stories (NfDbusStore           *store,
                                  GDBusMethodInvocation *invocation,
                                  guint                  offset,
                                  guint                  limit)
{
  NfStoreImpl *self = NF_STORE_IMPL (store);
  Request *request = g_new0 (Request, 1);

  request->offset = offset;
  request->limit = MIN (limit, NF_STORE_MAX_PAGE);
  run_request (self, self->readers, get_stories_in_thread, invocation,
               request);
  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

/* ---- files ------------------------------------------------------------ */

void
nf_store_impl_ingest_file (NfStoreImpl *self,
                           const char  *path,
                           gboolean     track,
                           gboolean     quiet)
{
  g_autofree char *name = NULL;
  IngestJob *job;

  g_return_if_fail (NF_IS_STORE_IMPL (self));
  g_return_if_fail (path != NULL);

  name = g_path_get_basename (path);
  job = ingest_job_new (NULL, name);
  job->path = g_strdup (path);
  job->track = track;
  job->replace = track;
  job->quiet = quiet;
  start_ingest (self, job);
}

static gboolean
forget_in_thread (NfStore  *store,
                  gpointer  data,
                  GError  **error)
{
  Request *request = data;
  g_autofree char *id = NULL;

  if (!nf_store_get_file (store, request->query, &id, NULL, NULL))
    return TRUE;
  if (!nf_store_remove_file (store, request->query, error))
    return FALSE;
  if (id == NULL || nf_store_count_file_refs (store, id) > 0 ||
      !nf_store_has_article (store, id))
    return TRUE;
  request->id = g_steal_pointer (&id);
  return remove_article (store, request, request->id, error);
}

static void
forget_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  NfStoreImpl *self = NF_STORE_IMPL (source);
  Request *request = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    g_message ("%s: %s", request->query, error->message);
  else if (request->id != NULL)
    {
      queue_signal (self, SIGNAL_REMOVED, request->id);
      nf_story_impl_queue_changed (NF_DBUS_STORE (self), request->changed_stories);
    }
}

void
nf_store_impl_forget_file (NfStoreImpl *self,
                           const char  *path)
{
  g_autoptr(GTask) task = NULL;
  Request *request;

  g_return_if_fail (NF_IS_STORE_IMPL (self));
  g_return_if_fail (path != NULL);

  request = g_new0 (Request, 1);
  request->query = g_strdup (path);
  request->stories = self->stories;
  task = g_task_new (self, NULL, forget_done, NULL);
  g_task_set_source_tag (task, nf_store_impl_forget_file);
  g_task_set_task_data (task, request, (GDestroyNotify) request_free);
  nf_worker_push (self->writer, forget_in_thread, task);
}

/* ---- re-parsing after an upgrade --------------------------------------- */

#define REPARSE_PAGE 32
#define META_PIPELINE "pipeline"

/* The facts depend on the code that extracts them: any other build of
 * the service may give other facts for the same text. */
static char *
pipeline_fingerprint (void)
{
  g_autofree char *exe = NULL;
  gsize len = 0;

  if (!g_file_get_contents ("/proc/self/exe", &exe, &len, NULL))
    return g_strdup (PACKAGE_VERSION);
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) exe,
                                      len);
}

typedef struct
{
  gint64     after;
  gint64     last;
  GPtrArray *inputs;    /* IngestJob*, ready to parse */
} ReparsePage;

static void
reparse_page_free (ReparsePage *page)
{
  g_ptr_array_unref (page->inputs);
  g_free (page);
}

static gboolean
reparse_load_in_thread (NfStore  *store,
                        gpointer  data,
                        GError  **error)
{
  ReparsePage *page = data;
  g_autoptr(GPtrArray) ids = NULL;

  ids = nf_store_list_ids_after (store, page->after, REPARSE_PAGE, &page->last,
                                 error);
  if (ids == NULL)
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    {
      g_autofree char *source = NULL;
      g_autofree char *text = NULL;
      IngestJob *job;

      job = ingest_job_new (NULL, NULL);
      if (!nf_store_get_input (store, g_ptr_array_index (ids, i), &source,
                               &text, &job->published, NULL))
        {
          ingest_job_free (job);
          continue;   /* removed meanwhile */
        }
      job->name = g_steal_pointer (&source);
      job->bytes = g_bytes_new_take (text, strlen (text));
      text = NULL;
      job->replace = TRUE;
      job->reparse_id = g_strdup (g_ptr_array_index (ids, i));
      g_ptr_array_add (page->inputs, job);
    }
  return TRUE;
}

static gboolean
reparse_finish_in_thread (NfStore  *store,
                          gpointer  data,
                          GError  **error)
{
  return nf_store_set_meta (store, META_PIPELINE, data, error);
}

static void
reparse_finished (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  NfStoreImpl *self = NF_STORE_IMPL (source);
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    g_message ("cannot record the re-parse: %s", error->message);
  else
    g_message ("parsed %u stored articles again with this version",
               self->reparse_count);
}

static void reparse_next_page (NfStoreImpl *self);

static void
reparse_page_loaded (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  NfStoreImpl *self = NF_STORE_IMPL (source);
  ReparsePage *page = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_message ("cannot re-parse the stored articles: %s", error->message);
      return;
    }
  self->reparse_after = page->last;
  if (page->last == page->after)
    {
      g_autoptr(GTask) task = g_task_new (self, NULL, reparse_finished, NULL);

      /* Done: remember which build the facts come from. */
      g_task_set_task_data (task, g_strdup (self->fingerprint), g_free);
      nf_worker_push (self->writer, reparse_finish_in_thread, task);
      return;
    }
  self->reparse_left = page->inputs->len;
  self->reparse_count += page->inputs->len;
  while (page->inputs->len > 0)
    start_ingest (self, g_ptr_array_steal_index_fast (page->inputs,
                                                      page->inputs->len - 1));
  if (self->reparse_left == 0)
    reparse_next_page (self);
}

static void
reparse_next_page (NfStoreImpl *self)
{
  g_autoptr(GTask) task = g_task_new (self, NULL, reparse_page_loaded, NULL);
  ReparsePage *page = g_new0 (ReparsePage, 1);

  page->after = self->reparse_after;
  page->inputs = g_ptr_array_new_with_free_func ((GDestroyNotify) ingest_job_free);
  g_task_set_task_data (task, page, (GDestroyNotify) reparse_page_free);
  nf_worker_push (self->readers, reparse_load_in_thread, task);
}

/* Pages of articles go through the parser pool a few at a time, so user
 * requests are not stuck behind the whole store. */
static void
reparse_one_done (NfStoreImpl *self)
{
  g_assert (self->reparse_left > 0);
  if (--self->reparse_left == 0)
    reparse_next_page (self);
}

void
nf_store_impl_start_reparse (NfStoreImpl *self,
                             gboolean     force)
{
  g_return_if_fail (NF_IS_STORE_IMPL (self));

  if (!self->reparse && !force)
    return;
  self->reparse = FALSE;
  g_message ("stored facts come from another version: parsing the stored "
             "articles again");
  reparse_next_page (self);
}

static char *
samples_dir (void)
{
  const char *env = g_getenv ("NF_SAMPLES_DIR");
  g_autofree char *installed = g_build_filename (PKGDATADIR, "samples", NULL);

  if (env != NULL)
    return g_strdup (env);
  if (g_file_test (installed, G_FILE_TEST_IS_DIR))
    return g_steal_pointer (&installed);
  return g_build_filename (SOURCE_DATADIR, "samples", NULL);
}

void
nf_store_impl_load_samples (NfStoreImpl *self)
{
  g_autofree char *dir_path = samples_dir ();
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_return_if_fail (NF_IS_STORE_IMPL (self));

  if (!self->store_is_new || *dir_path == '\0')
    return;
  self->store_is_new = FALSE;
  dir = g_dir_open (dir_path, 0, NULL);
  if (dir == NULL)
    return;
  while ((name = g_dir_read_name (dir)) != NULL)
    if (name[0] != '.')
      g_ptr_array_add (names, g_build_filename (dir_path, name, NULL));
  g_ptr_array_sort (names, _nf_compare_string_items);
  g_debug ("filling the new store with %u samples from %s", names->len,
           dir_path);
  for (guint i = 0; i < names->len; i++)
    {
      const char *path = g_ptr_array_index (names, i);
      g_autofree char *name = g_path_get_basename (path);
      IngestJob *job = ingest_job_new (NULL, name);

      job->path = g_strdup (path);
      job->sample = TRUE;
      self->samples_left++;
      start_ingest (self, job);
    }
  /* Called before the name is owned: the first caller (often the one
   * that activated us) already sees the samples. */
  while (self->samples_left > 0)
    g_main_context_iteration (NULL, TRUE);
}

/* ---- object ----------------------------------------------------------- */

static void
nf_store_impl_finalize (GObject *object)
{
  NfStoreImpl *self = NF_STORE_IMPL (object);

  nf_store_impl_shutdown (self);
  g_clear_pointer (&self->stories, nf_story_keeper_free);
  g_clear_pointer (&self->pending, g_ptr_array_unref);
  g_free (self->db_path);
  g_free (self->fingerprint);

  G_OBJECT_CLASS (nf_store_impl_parent_class)->finalize (object);
}

static void
nf_store_impl_class_init (NfStoreImplClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = nf_store_impl_finalize;

  /**
   * NfStoreImpl::articles-arrived:
   * @paths: object paths of new articles
   * @first_import: TRUE for a first import (a folder's first crawl),
   *   which notifications leave out unless the user asked for it
   *
   * New articles from watched folders that someone may want to hear of.
   */
  signals[SIGNAL_ARTICLES_ARRIVED] =
    g_signal_new ("articles-arrived", G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                  G_TYPE_STRV, G_TYPE_BOOLEAN);
}

static void
nf_store_impl_iface_init (NfDbusStoreIface *iface)
{
  iface->handle_ingest = nf_store_impl_handle_ingest;
  iface->handle_ingest_fd = nf_store_impl_handle_ingest_fd;
  iface->handle_search = nf_store_impl_handle_search;
  iface->handle_get_articles = nf_store_impl_handle_get_articles;
  iface->handle_remove = nf_store_impl_handle_remove;
  iface->handle_get_stories = nf_store_impl_handle_get_stories;
}

static void
nf_store_impl_init (NfStoreImpl *self)
{
  self->pending = g_ptr_array_new_with_free_func (g_free);
  self->stories = nf_story_keeper_new ();
}

NfStoreImpl *
nf_store_impl_new (const char  *db_path,
                   GError     **error)
{
  g_autoptr(NfStoreImpl) self = NULL;
  g_autoptr(NfStore) store = NULL;
  g_autofree char *stored_fingerprint = NULL;
  guint count;

  g_return_val_if_fail (db_path != NULL, NULL);

  /* Opened once here, before the bus is answered, to migrate the schema
   * and learn whether this is a first start. */
  store = nf_store_open (db_path, error);
  if (store == NULL)
    return NULL;
  count = nf_store_count_articles (store, error);
  if (error != NULL && *error != NULL)
    return NULL;

  self = g_object_new (NF_TYPE_STORE_IMPL, NULL);
  self->db_path = g_strdup (db_path);
  self->store_is_new = nf_store_is_new (store);
  nf_dbus_store_set_article_count (NF_DBUS_STORE (self), count);
  self->fingerprint = pipeline_fingerprint ();
  stored_fingerprint = nf_store_get_meta (store, META_PIPELINE);
  if (g_strcmp0 (stored_fingerprint, self->fingerprint) != 0)
    {
      /* A new store is parsed by this build from the start. */
      if (count > 0)
        self->reparse = TRUE;
      else if (!nf_store_set_meta (store, META_PIPELINE, self->fingerprint,
                                   error))
        return NULL;
    }
  g_clear_pointer (&store, nf_store_close);

  self->writer = nf_worker_new (db_path, NF_WORKER_WRITER, 1, error);
  if (self->writer == NULL)
    return NULL;
  self->readers = nf_worker_new (db_path, NF_WORKER_READER, 2, error);
  if (self->readers == NULL)
    return NULL;
  self->parsers = g_thread_pool_new (parse_in_thread, self,
                                     MAX (2, g_get_num_processors ()),
                                     FALSE, error);
  if (self->parsers == NULL)
    return NULL;
  return g_steal_pointer (&self);
}

gboolean
nf_store_impl_export (NfStoreImpl      *self,
                      GDBusConnection  *connection,
                      GError          **error)
{
  g_return_val_if_fail (NF_IS_STORE_IMPL (self), FALSE);
  g_return_val_if_fail (G_IS_DBUS_CONNECTION (connection), FALSE);

  if (!g_dbus_interface_skeleton_export (G_DBUS_INTERFACE_SKELETON (self),
                                         connection, NF_DBUS_PATH, error))
    return FALSE;
  self->objects = nf_objects_register (connection, self->readers, error);
  if (self->objects == NULL)
    {
      g_dbus_interface_skeleton_unexport (G_DBUS_INTERFACE_SKELETON (self));
      return FALSE;
    }
  return TRUE;
}

void
nf_store_impl_unexport (NfStoreImpl *self)
{
  g_return_if_fail (NF_IS_STORE_IMPL (self));

  g_clear_pointer (&self->objects, nf_objects_unregister);
  if (g_dbus_interface_skeleton_get_connection (G_DBUS_INTERFACE_SKELETON (self)))
    g_dbus_interface_skeleton_unexport (G_DBUS_INTERFACE_SKELETON (self));
}

void
nf_store_impl_shutdown (NfStoreImpl *self)
{
  g_return_if_fail (NF_IS_STORE_IMPL (self));

  /* Parsers first: they feed the writer.  Ingests not yet parsed are
   * dropped (they were never acknowledged); those being parsed finish. */
  if (self->parsers != NULL)
    g_thread_pool_free (g_steal_pointer (&self->parsers), TRUE, TRUE);
  g_clear_pointer (&self->writer, nf_worker_free);
  g_clear_pointer (&self->readers, nf_worker_free);
  flush_signals (self);
}

NfWorker *
nf_store_impl_get_writer (NfStoreImpl *self)
{
  g_return_val_if_fail (NF_IS_STORE_IMPL (self), NULL);
  return self->writer;
}

NfWorker *
nf_store_impl_get_readers (NfStoreImpl *self)
{
  g_return_val_if_fail (NF_IS_STORE_IMPL (self), NULL);
  return self->readers;
}

const char *
nf_store_impl_get_db_path (NfStoreImpl *self)
{
  g_return_val_if_fail (NF_IS_STORE_IMPL (self), NULL);
  return self->db_path;
}
