/* nf-store.c: the SQLite store of articles and their facts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The article row keeps the decoded text and the facts JSON (so GetJson()
 * costs one read); the facts are also split into tables, which the typed
 * D-Bus properties read, and an FTS5 table indexes headline, body, quotes
 * and speakers.  All of one article is written in one savepoint.
 */

#define G_LOG_DOMAIN "newsfacts"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "nf-error.h"
#include "nf-json.h"
#include "nf-pipeline.h"
#include "nf-store-private.h"
#include "nf-story.h"

/* A write to the full-text index, held back (see fts_apply ()). */
typedef struct
{
  gint64    key;            /* the FTS rowid: the article's order_key */
  gboolean  insert;         /* else a delete */
  char     *headline;
  char     *body;
  char     *quotes;
  char     *speakers;
} FtsOp;

struct _NfStore
{
  sqlite3    *db;
  char       *path;
  GHashTable *statements;   /* SQL text → sqlite3_stmt*, kept prepared */
  sqlite3_stmt *recent[64]; /* of them, by the address of their SQL */
  const char *recent_sql[64];
  guint       depth;        /* nesting of nf_store_begin() */
  gboolean    is_new;
  GHashTable *searches;     /* FTS5 query ("" for all) → SearchState* */
  guint       searches_version;  /* data version they were made at */
  struct _Walk *walk;       /* the walk nf_walk() is feeding, or NULL */
  gboolean    no_prefix_scan;    /* prefixes go to FTS5 (for tests) */
  guint       prefix_scans;      /* prefix searches the scan answered */

  GArray     *fts_ops;      /* FtsOp, not yet written */
  GArray     *fts_marks;    /* guint: fts_ops->len as each level began */
  gsize       fts_bytes;    /* text held in fts_ops */
  gboolean    fts_failed;   /* writing them failed: the outer level fails */
};

static void
fts_op_clear (gpointer data)
{
  FtsOp *op = data;

  g_free (op->headline);
  g_free (op->body);
  g_free (op->quotes);
  g_free (op->speakers);
}

/* A statement borrowed from the cache; the cleanup resets it so that no
 * read transaction stays open after use. */
typedef sqlite3_stmt NfStmt;
static void
stmt_release (NfStmt *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NfStmt, stmt_release)

static void search_state_free (gpointer data);
static void walk_step (sqlite3_context  *context,
                       int               argc,
                       sqlite3_value   **argv);
static void walk_final (sqlite3_context *context);

static void
stmt_finalize (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

/* The order of lists, newest first, as one integer: the minute of the
 * article's date (its publication date, or when it was stored) above the
 * rowid.  The FTS5 table uses it as its rowid, so a search streams its
 * matches newest first and stops at the end of the page instead of
 * sorting every match.  Partial dates ("2020-05") count from their first
 * day; the minute is clamped so the product stays an integer. */
#define ORDER_KEY_OF(sort_key, rowid) \
  "(max (min (coalesce (CASE" \
  "   WHEN length (" sort_key ") >= 10 THEN strftime ('%s', " sort_key ")" \
  "   WHEN length (" sort_key ") = 7 THEN strftime ('%s', " sort_key " || '-01')" \
  "   WHEN length (" sort_key ") = 4 THEN strftime ('%s', " sort_key " || '-01-01')" \
  "   END, 0) / 60, 4000000000), -1000000000) * 2147483648" \
  " + " rowid " % 2147483648)"
#define ORDER_KEY_SQL ORDER_KEY_OF ("sort_key", "rowid")

/* Schema migrations: entry N brings user_version N to N + 1. */
const char *const _nf_store_migrations[] = {
  /* 0 → 1 */
  "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;"
  "CREATE TABLE stories ("
  "  id TEXT PRIMARY KEY,"
  "  title TEXT NOT NULL DEFAULT '',"
  "  json TEXT NOT NULL DEFAULT '{}',"
  "  updated INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE TABLE articles ("
  "  rowid INTEGER PRIMARY KEY,"
  "  id TEXT NOT NULL UNIQUE,"
  "  source TEXT NOT NULL,"
  "  text TEXT NOT NULL,"
  "  json TEXT NOT NULL,"
  "  headline TEXT, byline TEXT, agency TEXT, dateline TEXT,"
  "  published TEXT, brief TEXT,"
  "  fallback_published TEXT,"
  "  story TEXT,"
  "  added INTEGER NOT NULL,"
  "  sort_key TEXT NOT NULL"
  ");"
  "CREATE INDEX articles_by_date ON articles (sort_key DESC, rowid DESC);"
  "CREATE INDEX articles_by_story ON articles (story, sort_key);"
  "CREATE TABLE quotes ("
  "  article INTEGER NOT NULL, seq INTEGER NOT NULL,"
  "  text TEXT, speaker TEXT, speaker_role TEXT, speaker_kind TEXT,"
  "  verb TEXT, partial INTEGER, start INTEGER, end INTEGER,"
  "  PRIMARY KEY (article, seq)) WITHOUT ROWID;"
  "CREATE TABLE figures ("
  "  article INTEGER NOT NULL, seq INTEGER NOT NULL,"
  "  text TEXT, kind TEXT, value REAL, unit TEXT, qualifier TEXT,"
  "  subject TEXT, start INTEGER, end INTEGER,"
  "  PRIMARY KEY (article, seq)) WITHOUT ROWID;"
  "CREATE TABLE dates ("
  "  article INTEGER NOT NULL, seq INTEGER NOT NULL,"
  "  text TEXT, value TEXT, start INTEGER, end INTEGER,"
  "  PRIMARY KEY (article, seq)) WITHOUT ROWID;"
  "CREATE TABLE entities ("
  "  article INTEGER NOT NULL, seq INTEGER NOT NULL,"
  "  name TEXT, kind TEXT, aliases TEXT, role TEXT, mentions INTEGER,"
  "  PRIMARY KEY (article, seq)) WITHOUT ROWID;"
  "CREATE TABLE files ("
  "  path TEXT PRIMARY KEY, folder TEXT NOT NULL, article TEXT,"
  "  mtime INTEGER NOT NULL, size INTEGER NOT NULL);"
  "CREATE INDEX files_by_folder ON files (folder);"
  "CREATE INDEX files_by_article ON files (article);"
  "CREATE VIRTUAL TABLE articles_fts USING fts5 ("
  "  headline, body, quotes, speakers,"
  "  tokenize = 'unicode61 remove_diacritics 2');",

  /* 1 → 2: the text and the facts JSON move to a table of their own, so
   * that reading the small columns (lists, sorting by date) does not
   * walk the overflow pages of the large ones. */
  "CREATE TABLE article_texts ("
  "  article INTEGER PRIMARY KEY, text TEXT NOT NULL, json TEXT NOT NULL);"
  "INSERT INTO article_texts (article, text, json)"
  "  SELECT rowid, text, json FROM articles;"
  "ALTER TABLE articles DROP COLUMN text;"
  "ALTER TABLE articles DROP COLUMN json;",

  /* 2 → 3: the story signature of each article, so a story index can be
   * rebuilt at start without parsing the articles again.  Articles of
   * older stores get theirs when they are parsed again. */
  "ALTER TABLE articles ADD COLUMN signature TEXT;",

  /* 3 → 4: lists and searches ordered by order_key (see ORDER_KEY_SQL),
   * which is also the rowid of the full-text index. */
  "ALTER TABLE articles ADD COLUMN order_key INTEGER;"
  "UPDATE articles SET order_key = " ORDER_KEY_SQL ";"
  "CREATE UNIQUE INDEX articles_by_order ON articles (order_key);"
  "DROP INDEX articles_by_date;"
  "CREATE VIRTUAL TABLE articles_fts_keyed USING fts5 ("
  "  headline, body, quotes, speakers,"
  "  tokenize = 'unicode61 remove_diacritics 2');"
  "INSERT INTO articles_fts_keyed (rowid, headline, body, quotes, speakers)"
  "  SELECT a.order_key, f.headline, f.body, f.quotes, f.speakers"
  "  FROM articles_fts f JOIN articles a ON a.rowid = f.rowid;"
  "DROP TABLE articles_fts;"
  "ALTER TABLE articles_fts_keyed RENAME TO articles_fts;",
};

G_STATIC_ASSERT (G_N_ELEMENTS (_nf_store_migrations) == NF_STORE_SCHEMA_VERSION);

/* The one place where SQLite errors become NfErrors.  Messages name the
 * store but never echo SQL. */
static gboolean
set_error (NfStore  *self,
           int       rc,
           GError  **error)
{
  int primary = rc & 0xff;
  NfError code = NF_ERROR_STORAGE;

  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED)
    code = NF_ERROR_BUSY;
  else if (primary == SQLITE_TOOBIG)
    code = NF_ERROR_TOO_LARGE;

  g_set_error (error, NF_ERROR, code, "article store: %s",
               self->db != NULL ? sqlite3_errmsg (self->db)
                                : sqlite3_errstr (rc));
  return FALSE;
}

static NfStmt *
prepare (NfStore     *self,
         const char  *sql,
         GError     **error)
{
  guint slot = GPOINTER_TO_UINT (sql) / 8 % G_N_ELEMENTS (self->recent);
  sqlite3_stmt *stmt = self->recent[slot];
  int rc;

  /* The SQL is nearly always a string literal: its address finds the
   * statement without hashing the text (tens of calls an article). */
  if (stmt != NULL && self->recent_sql[slot] == sql &&
      strcmp (sqlite3_sql (stmt), sql) == 0)
    return stmt;
  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt != NULL)
    {
      self->recent[slot] = stmt;
      self->recent_sql[slot] = sql;
      return stmt;
    }

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT,
                           &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      set_error (self, rc, error);
      return NULL;
    }
  g_hash_table_insert (self->statements, (gpointer) sql, stmt);
  self->recent[slot] = stmt;
  self->recent_sql[slot] = sql;
  return stmt;
}

static gboolean
exec (NfStore     *self,
      const char  *sql,
      GError     **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return set_error (self, rc, error);
  return TRUE;
}

/* Steps a statement that returns no rows. */
static gboolean
step_done (NfStore  *self,
           NfStmt   *stmt,
           GError  **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return set_error (self, rc, error);
  return TRUE;
}

static char *
column_dup (NfStmt *stmt,
            int     column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

static const char *
column_str (NfStmt *stmt,
            int     column)
{
  const char *value = (const char *) sqlite3_column_text (stmt, column);

  return value != NULL ? value : "";
}

static void
bind_str (NfStmt     *stmt,
          int         column,
          const char *value)
{
  sqlite3_bind_text (stmt, column, value, -1, SQLITE_TRANSIENT);
}

static void
not_found (GError     **error,
           const char  *what,
           const char  *id)
{
  g_set_error (error, NF_ERROR, NF_ERROR_NOT_FOUND, "no %s with id “%s”",
               what, id);
}

/* Steps @stmt to its one row; no row is NotFound for @what @id. */
static gboolean
step_row (NfStore     *self,
          NfStmt      *stmt,
          const char  *what,
          const char  *id,
          GError     **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc == SQLITE_DONE)
    not_found (error, what, id);
  else
    set_error (self, rc, error);
  return FALSE;
}

/* Transactions nest: the outermost level is BEGIN IMMEDIATE … COMMIT,
 * inner ones are savepoints, so a failed piece rolls back alone. */
static gboolean
savepoint (NfStore  *self,
           GError  **error)
{
  return nf_store_begin (self, error);
}

static gboolean
release (NfStore  *self,
         gboolean  ok,
         GError  **error)
{
  if (!ok)
    {
      nf_store_rollback (self);
      return FALSE;
    }
  return nf_store_commit (self, error);
}

static gboolean
migrate (NfStore  *self,
         GError  **error)
{
  g_autoptr(GError) local_error = NULL;
  int version = 0;
  NfStmt *stmt;

  /* IMMEDIATE: a second connection opening at once waits, then sees the
   * version the first one wrote. */
  if (!exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  stmt = prepare (self, "PRAGMA user_version", &local_error);
  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  if (stmt != NULL)
    sqlite3_reset (stmt);

  if (version > NF_STORE_SCHEMA_VERSION)
    {
      exec (self, "ROLLBACK", NULL);
      g_set_error (error, NF_ERROR, NF_ERROR_STORAGE,
                   "article store %s has schema %d, newer than this "
                   "program’s %d", self->path, version,
                   NF_STORE_SCHEMA_VERSION);
      return FALSE;
    }

  self->is_new = (version == 0);
  for (int v = version; v < NF_STORE_SCHEMA_VERSION; v++)
    {
      g_autofree char *pragma = g_strdup_printf ("PRAGMA user_version = %d",
                                                 v + 1);

      if (!exec (self, _nf_store_migrations[v], error) || !exec (self, pragma, error))
        {
          exec (self, "ROLLBACK", NULL);
          return FALSE;
        }
    }
  return exec (self, "COMMIT", error);
}

NfStore *
nf_store_open (const char  *path,
               GError     **error)
{
  g_autoptr(NfStore) self = NULL;
  g_autofree char *dir = NULL;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, NF_ERROR, NF_ERROR_STORAGE,
                   "cannot create folder %s: %s", dir, g_strerror (saved));
      return NULL;
    }

  self = g_new0 (NfStore, 1);
  self->path = g_strdup (path);
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                            stmt_finalize);
  self->searches = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          search_state_free);
  self->fts_ops = g_array_new (FALSE, FALSE, sizeof (FtsOp));
  g_array_set_clear_func (self->fts_ops, fts_op_clear);
  self->fts_marks = g_array_new (FALSE, FALSE, sizeof (guint));
  rc = sqlite3_open_v2 (path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
                        SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      set_error (self, rc, error);
      return NULL;
    }
  sqlite3_extended_result_codes (self->db, TRUE);
  sqlite3_busy_timeout (self->db, 10000);
  sqlite3_create_function_v2 (self->db, "nf_walk", 1,
                              SQLITE_UTF8 | SQLITE_DIRECTONLY, self, NULL,
                              walk_step, walk_final, NULL);

  /* WAL lets the readers go on while the writer writes; FULL makes each
   * commit durable before the service acknowledges it. */
  if (!exec (self, "PRAGMA journal_mode = WAL", error) ||
      !exec (self, "PRAGMA synchronous = FULL", error) ||
      !migrate (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

void
nf_store_close (NfStore *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->searches, g_hash_table_unref);
  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->fts_ops, g_array_unref);
  g_clear_pointer (&self->fts_marks, g_array_unref);
  if (self->db != NULL)
    sqlite3_close (self->db);
  g_free (self->path);
  g_free (self);
}

const char *
nf_store_get_path (NfStore *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->path;
}

gboolean
nf_store_is_new (NfStore *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->is_new;
}

/* ---- the held-back full-text writes --------------------------------- */

/* FTS5 writes its pending terms to disk as a new segment at every
 * SAVEPOINT and RELEASE once it has been written in the transaction, and
 * then merges those segments again and again: with a savepoint per
 * article (nf_store_put_article () and the service's jobs) that was a
 * third of the cost of an ingest.  So the index rows of an article are
 * held here and written when no savepoint is open: at the outermost
 * commit, or when the held text passes FTS_HOLD_BYTES and a new level
 * begins.  A rolled-back level drops its own.  The price: a search on the
 * writing connection inside a transaction does not see the articles
 * written in it yet. */
#define FTS_HOLD_BYTES (8 << 20)

static void
fts_truncate (NfStore *self,
              guint    len)
{
  if (len < self->fts_ops->len)
    g_array_set_size (self->fts_ops, len);
  if (len == 0)
    self->fts_bytes = 0;
}

static gboolean
fts_write (NfStore  *self,
           FtsOp    *op,
           GError  **error)
{
  g_autoptr(NfStmt) stmt = NULL;

  if (!op->insert)
    stmt = prepare (self, "DELETE FROM articles_fts WHERE rowid = ?", error);
  else
    stmt = prepare (self, "INSERT INTO articles_fts (rowid, headline, body,"
                          " quotes, speakers) VALUES (?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, op->key);
  if (op->insert)
    {
      sqlite3_bind_text (stmt, 2, op->headline, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, op->body, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, op->quotes, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, op->speakers, -1, SQLITE_STATIC);
    }
  return step_done (self, stmt, error);
}

/* Writes the held rows; only when no savepoint is open, so that they
 * belong to the outermost level. */
static gboolean
fts_apply (NfStore  *self,
           GError  **error)
{
  gboolean ok = TRUE;

  g_assert (self->depth <= 1);
  for (guint i = 0; ok && i < self->fts_ops->len; i++)
    ok = fts_write (self, &g_array_index (self->fts_ops, FtsOp, i), error);
  fts_truncate (self, 0);
  if (!ok)
    self->fts_failed = TRUE;
  return ok;
}

/* Holds an insert (taking the strings) or, with no strings, a delete. */
static void
fts_hold (NfStore    *self,
          gint64      key,
          gboolean    insert,
          char       *headline,
          char       *body,
          char       *quotes,
          char       *speakers)
{
  FtsOp op = { key, insert, headline, body, quotes, speakers };

  g_array_append_val (self->fts_ops, op);
  self->fts_bytes += sizeof op;
  if (insert)
    self->fts_bytes += (headline != NULL ? strlen (headline) : 0)
                       + (body != NULL ? strlen (body) : 0)
                       + (quotes != NULL ? strlen (quotes) : 0)
                       + (speakers != NULL ? strlen (speakers) : 0);
}

/* ---- transactions ---------------------------------------------------- */

static gboolean
exec_cached (NfStore     *self,
             const char  *sql,
             GError     **error)
{
  g_autoptr(NfStmt) stmt = prepare (self, sql, error);

  return stmt != NULL && step_done (self, stmt, error);
}

gboolean
nf_store_begin (NfStore  *self,
                GError  **error)
{
  guint mark;

  g_return_val_if_fail (self != NULL, FALSE);

  if (self->depth == 1 && self->fts_bytes >= FTS_HOLD_BYTES &&
      !fts_apply (self, error))
    return FALSE;
  if (!exec_cached (self, self->depth == 0 ? "BEGIN IMMEDIATE"
                                           : "SAVEPOINT nf_write", error))
    return FALSE;
  if (self->depth == 0)
    self->fts_failed = FALSE;
  mark = self->fts_ops->len;
  g_array_append_val (self->fts_marks, mark);
  self->depth++;
  return TRUE;
}

gboolean
nf_store_commit (NfStore  *self,
                 GError  **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (self->depth > 0, FALSE);

  if (self->depth == 1)
    {
      if (self->fts_failed)
        {
          g_set_error (error, NF_ERROR, NF_ERROR_STORAGE,
                       "article store: the full-text index could not be "
                       "written");
          nf_store_rollback (self);
          return FALSE;
        }
      if (!fts_apply (self, error))
        {
          nf_store_rollback (self);
          return FALSE;
        }
    }
  if (!exec_cached (self, self->depth == 1 ? "COMMIT" : "RELEASE nf_write",
                    error))
    {
      nf_store_rollback (self);
      return FALSE;
    }
  self->depth--;
  g_array_set_size (self->fts_marks, self->depth);
  return TRUE;
}

void
nf_store_rollback (NfStore *self)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (self->depth > 0);

  self->depth--;
  fts_truncate (self, g_array_index (self->fts_marks, guint, self->depth));
  g_array_set_size (self->fts_marks, self->depth);
  if (self->depth == 0)
    {
      fts_truncate (self, 0);
      if (!sqlite3_get_autocommit (self->db))
        sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
    }
  else
    sqlite3_exec (self->db, "ROLLBACK TO nf_write; RELEASE nf_write",
                  NULL, NULL, NULL);
}

/* ---- writing articles ------------------------------------------------ */

/* Binds a string that outlives the step (NULL binds NULL). */
static void
bind_static (NfStmt     *stmt,
             int         column,
             const char *value)
{
  sqlite3_bind_text (stmt, column, value, -1, SQLITE_STATIC);
}

/* Code-point offsets of byte offsets into the article's text, as the
 * facts JSON gives them (the text is valid UTF-8: the code points before
 * a byte are its non-continuation bytes).  Facts come mostly in text
 * order, so each count goes on from the one before. */
typedef struct
{
  const char *text;
  gsize       len;
  gsize       byte;
  gint64      chars;
} CharCounter;

static gint64
char_offset (CharCounter *counter,
             gsize        byte)
{
  byte = MIN (byte, counter->len);
  if (byte < counter->byte)
    {
      counter->byte = 0;
      counter->chars = 0;
    }
  for (gsize i = counter->byte; i < byte; i++)
    counter->chars += ((guchar) counter->text[i] & 0xC0) != 0x80;
  counter->byte = byte;
  return counter->chars;
}

/* Joins strings with new lines (names hold none); NULL items are left
 * out, as the facts JSON's arrays hold only strings. */
static char *
join_strings (const GPtrArray *strings)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; strings != NULL && i < strings->len; i++)
    {
      const char *s = g_ptr_array_index (strings, i);

      if (s == NULL)
        continue;
      if (out->len > 0)
        g_string_append_c (out, '\n');
      g_string_append (out, s);
    }
  return g_string_free (out, FALSE);
}

/* Deletes the facts rows of an article about to be written again or
 * removed; its index row goes with the held-back writes. */
static gboolean
delete_facts (NfStore  *self,
              gint64    rowid,
              gint64    order_key,
              GError  **error)
{
  static const char *const sql[] = {
    "DELETE FROM quotes WHERE article = ?",
    "DELETE FROM figures WHERE article = ?",
    "DELETE FROM dates WHERE article = ?",
    "DELETE FROM entities WHERE article = ?",
    "DELETE FROM article_texts WHERE article = ?",
  };

  for (guint i = 0; i < G_N_ELEMENTS (sql); i++)
    {
      g_autoptr(NfStmt) stmt = prepare (self, sql[i], error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, rowid);
      if (!step_done (self, stmt, error))
        return FALSE;
    }
  fts_hold (self, order_key, FALSE, NULL, NULL, NULL, NULL);
  return TRUE;
}

static gboolean
insert_quotes (NfStore          *self,
               gint64            rowid,
               const NfArticle  *article,
               CharCounter      *counter,
               GString          *fts_quotes,
               GString          *fts_speakers,
               GError          **error)
{
  for (guint i = 0; i < article->quotes->len; i++)
    {
      const NfQuote *q = g_ptr_array_index (article->quotes, i);
      g_autoptr(NfStmt) stmt = NULL;

      stmt = prepare (self,
                      "INSERT INTO quotes (article, seq, text, speaker,"
                      " speaker_role, speaker_kind, verb, partial, start, end)"
                      " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, rowid);
      sqlite3_bind_int (stmt, 2, i);
      bind_static (stmt, 3, q->text);
      bind_static (stmt, 4, q->speaker);
      bind_static (stmt, 5, q->speaker_role);
      bind_static (stmt, 6, nf_speaker_kind_to_string (q->speaker_kind));
      bind_static (stmt, 7, q->verb);
      sqlite3_bind_int (stmt, 8, q->partial != FALSE);
      sqlite3_bind_int64 (stmt, 9, char_offset (counter, q->start));
      sqlite3_bind_int64 (stmt, 10, char_offset (counter, q->end));
      if (!step_done (self, stmt, error))
        return FALSE;
      g_string_append (fts_quotes, q->text != NULL ? q->text : "");
      g_string_append_c (fts_quotes, '\n');
      g_string_append (fts_speakers, q->speaker != NULL ? q->speaker : "");
      g_string_append_c (fts_speakers, '\n');
    }
  return TRUE;
}

static gboolean
insert_figures (NfStore          *self,
                gint64            rowid,
                const NfArticle  *article,
                CharCounter      *counter,
                GError          **error)
{
  for (guint i = 0; i < article->figures->len; i++)
    {
      const NfFigure *f = g_ptr_array_index (article->figures, i);
      g_autoptr(NfStmt) stmt = NULL;

      stmt = prepare (self,
                      "INSERT INTO figures (article, seq, text, kind, value,"
                      " unit, qualifier, subject, start, end)"
                      " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, rowid);
      sqlite3_bind_int (stmt, 2, i);
      bind_static (stmt, 3, f->text);
      bind_static (stmt, 4, nf_figure_kind_to_string (f->kind));
      /* The facts JSON writes the values it cannot print as null. */
      if (isfinite (f->value) && fabs (f->value) < 9.2e18)
        sqlite3_bind_double (stmt, 5, f->value);
      bind_static (stmt, 6, f->unit);
      bind_static (stmt, 7, f->qualifier);
      bind_static (stmt, 8, f->subject);
      sqlite3_bind_int64 (stmt, 9, char_offset (counter, f->start));
      sqlite3_bind_int64 (stmt, 10, char_offset (counter, f->end));
      if (!step_done (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
insert_dates (NfStore          *self,
              gint64            rowid,
              const NfArticle  *article,
              CharCounter      *counter,
              GError          **error)
{
  for (guint i = 0; i < article->dates->len; i++)
    {
      const NfDate *d = g_ptr_array_index (article->dates, i);
      g_autoptr(NfStmt) stmt = NULL;

      stmt = prepare (self,
                      "INSERT INTO dates (article, seq, text, value, start, end)"
                      " VALUES (?, ?, ?, ?, ?, ?)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, rowid);
      sqlite3_bind_int (stmt, 2, i);
      bind_static (stmt, 3, d->text);
      bind_static (stmt, 4, d->value);
      sqlite3_bind_int64 (stmt, 5, char_offset (counter, d->start));
      sqlite3_bind_int64 (stmt, 6, char_offset (counter, d->end));
      if (!step_done (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
insert_entities (NfStore          *self,
                 gint64            rowid,
                 const NfArticle  *article,
                 GError          **error)
{
  for (guint i = 0; i < article->entities->len; i++)
    {
      const NfEntity *e = g_ptr_array_index (article->entities, i);
      g_autofree char *aliases = join_strings (e->aliases);
      g_autoptr(NfStmt) stmt = NULL;

      stmt = prepare (self,
                      "INSERT INTO entities (article, seq, name, kind, aliases,"
                      " role, mentions) VALUES (?, ?, ?, ?, ?, ?, ?)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, rowid);
      sqlite3_bind_int (stmt, 2, i);
      bind_static (stmt, 3, e->name);
      bind_static (stmt, 4, nf_entity_kind_to_string (e->kind));
      bind_static (stmt, 5, aliases);
      bind_static (stmt, 6, e->role);
      sqlite3_bind_int64 (stmt, 7, e->mentions->len);
      if (!step_done (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* The facts tables, and the index row held back for the outermost level. */
static gboolean
insert_facts (NfStore          *self,
              gint64            rowid,
              gint64            order_key,
              const NfArticle  *article,
              GError          **error)
{
  CharCounter counter = { article->text, article->text_len, 0, 0 };
  GString *quotes = g_string_new (NULL);
  GString *speakers = g_string_new (NULL);

  if (!insert_quotes (self, rowid, article, &counter, quotes, speakers, error) ||
      !insert_figures (self, rowid, article, &counter, error) ||
      !insert_dates (self, rowid, article, &counter, error) ||
      !insert_entities (self, rowid, article, error))
    {
      g_string_free (quotes, TRUE);
      g_string_free (speakers, TRUE);
      return FALSE;
    }
  fts_hold (self, order_key, TRUE, g_strdup (article->headline),
            nf_article_dup_body (article), g_string_free (quotes, FALSE),
            g_string_free (speakers, FALSE));
  return TRUE;
}

/* Looks up an article's row; FALSE when there is none. */
static gboolean
find_article (NfStore     *self,
              const char  *id,
              gint64      *rowid,
              gint64      *order_key,
              char       **json,
              char       **story)
{
  g_autoptr(NfStmt) stmt = prepare (self,
                                    json != NULL
                                    ? "SELECT a.rowid, a.order_key, t.json,"
                                      " a.story FROM articles a"
                                      " JOIN article_texts t"
                                      " ON t.article = a.rowid WHERE a.id = ?"
                                    : "SELECT rowid, order_key, NULL, story"
                                      " FROM articles WHERE id = ?", NULL);

  if (stmt == NULL)
    return FALSE;
  bind_str (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return FALSE;
  if (rowid != NULL)
    *rowid = sqlite3_column_int64 (stmt, 0);
  if (order_key != NULL)
    *order_key = sqlite3_column_int64 (stmt, 1);
  if (json != NULL)
    *json = column_dup (stmt, 2);
  if (story != NULL)
    *story = column_dup (stmt, 3);
  return TRUE;
}

static char *
get_json (NfStore *self,
          gint64   rowid)
{
  g_autoptr(NfStmt) stmt = prepare (self, "SELECT json FROM article_texts"
                                          " WHERE article = ?", NULL);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, rowid);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  return column_dup (stmt, 0);
}

/* The rowid a new article gets: chosen here, as SQLite would (one more
 * than the largest), so that the insert can compute its order key. */
static gboolean
next_rowid (NfStore  *self,
            gint64   *rowid,
            GError  **error)
{
  g_autoptr(NfStmt) stmt = prepare (self, "SELECT max(rowid) FROM articles",
                                    error);

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return set_error (self, sqlite3_errcode (self->db), error);
  *rowid = sqlite3_column_int64 (stmt, 0) + 1;
  return TRUE;
}

static char *
sort_key_now (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%S");
}

static char *
signature_string (const NfArticle *article)
{
  NfStorySignature *signature = nf_story_signature_new (article);
  char *text = nf_story_signature_to_string (signature);

  nf_story_signature_free (signature);
  return text;
}

#define ARTICLE_COLUMNS \
  "source = ?3, headline = ?4, byline = ?5, agency = ?6, dateline = ?7," \
  " published = ?8, brief = ?9, fallback_published = ?10, story = ?11," \
  " sort_key = ?13, signature = ?14"

/* The article's row, with its order key and story signature, in one
 * statement; *@rowid is the row to write (an existing one, or the next),
 * *@order_key gets its key. */
static gboolean
write_article_row (NfStore          *self,
                   const NfArticle  *article,
                   const char       *given_signature,
                   const char       *fallback_published,
                   const char       *story,
                   gint64            rowid,
                   gint64           *order_key,
                   GError          **error)
{
  g_autofree char *byline = join_strings (article->byline);
  g_autofree char *signature = given_signature != NULL
                               ? NULL : signature_string (article);
  g_autofree char *sort_key = article->published != NULL
                              ? g_strdup (article->published) : sort_key_now ();
  g_autoptr(NfStmt) stmt = NULL;

  stmt = prepare (self,
                  "INSERT INTO articles (rowid, id, source, headline, byline,"
                  " agency, dateline, published, brief, fallback_published,"
                  " story, added, sort_key, signature, order_key)"
                  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12,"
                  " ?13, ?14, " ORDER_KEY_OF ("?13", "?1") ")"
                  " ON CONFLICT (id) DO UPDATE SET " ARTICLE_COLUMNS ","
                  " order_key = " ORDER_KEY_OF ("?13", "rowid")
                  " RETURNING order_key", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, rowid);
  bind_static (stmt, 2, article->id);
  bind_static (stmt, 3, article->source != NULL ? article->source : "");
  bind_static (stmt, 4, article->headline);
  bind_static (stmt, 5, byline);
  bind_static (stmt, 6, article->agency);
  bind_static (stmt, 7, article->dateline);
  bind_static (stmt, 8, article->published);
  bind_static (stmt, 9, article->brief != NULL ? article->brief : "");
  bind_static (stmt, 10, fallback_published);
  bind_static (stmt, 11, story);
  sqlite3_bind_int64 (stmt, 12, g_get_real_time () / G_USEC_PER_SEC);
  bind_static (stmt, 13, sort_key);
  bind_static (stmt, 14, given_signature != NULL ? given_signature : signature);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return set_error (self, sqlite3_errcode (self->db), error);
  *order_key = sqlite3_column_int64 (stmt, 0);
  return step_done (self, stmt, error);
}

static gboolean
write_article (NfStore          *self,
               const NfArticle  *article,
               const char       *signature,
               const char       *json,
               const char       *fallback_published,
               const char       *story,
               gint64            rowid,
               GError          **error)
{
  g_autoptr(NfStmt) stmt = NULL;
  gint64 order_key = 0;

  if (!write_article_row (self, article, signature, fallback_published, story,
                          rowid, &order_key, error))
    return FALSE;
  stmt = prepare (self,
                  "INSERT OR REPLACE INTO article_texts (article, text, json)"
                  " VALUES (?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, rowid);
  sqlite3_bind_text (stmt, 2, article->text, article->text_len, SQLITE_STATIC);
  bind_static (stmt, 3, json);
  if (!step_done (self, stmt, error))
    return FALSE;
  return insert_facts (self, rowid, order_key, article, error);
}

static char *
facts_to_string (JsonNode *root)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

/* The facts JSON of @article filed under @story. */
static char *
facts_json (const NfArticle *article,
            const char      *story)
{
  NfArticle filed = *article;

  filed.story = (char *) story;
  return nf_article_to_json (&filed, FALSE);
}

gboolean
nf_store_put_article (NfStore           *self,
                      const NfArticle   *article,
                      const char        *fallback_published,
                      gboolean           replace,
                      NfStorePutResult  *result,
                      GError           **error)
{
  return nf_store_put_signed_article (self, article, NULL, fallback_published,
                                      replace, result, error);
}

/**
 * nf_store_put_signed_article:
 * @signature: (nullable): @article's nf_story_signature_to_string (), when
 *   the caller made it already (a story index did)
 */
gboolean
nf_store_put_signed_article (NfStore           *self,
                             const NfArticle   *article,
                             const char        *signature,
                             const char        *fallback_published,
                             gboolean           replace,
                             NfStorePutResult  *result,
                             GError           **error)
{
  g_autofree char *old_json = NULL;
  g_autofree char *old_story = NULL;
  g_autofree char *json = NULL;
  gint64 rowid = 0, order_key = 0;
  gboolean exists;
  gboolean ok;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (article != NULL && article->id != NULL, FALSE);

  if (result != NULL)
    *result = NF_STORE_PUT_NONE;
  if (!savepoint (self, error))
    return FALSE;

  exists = find_article (self, article->id, &rowid, &order_key, NULL,
                         &old_story);
  if (exists && !replace)
    return release (self, TRUE, error);

  /* A re-parse keeps the story the article was filed under. */
  json = facts_json (article, article->story != NULL ? article->story
                                                     : old_story);
  if (exists && g_strcmp0 (json, old_json = get_json (self, rowid)) == 0)
    return release (self, TRUE, error);

  ok = (exists || next_rowid (self, &rowid, error)) &&
       (!exists || delete_facts (self, rowid, order_key, error)) &&
       write_article (self, article, signature, json, fallback_published,
                      article->story != NULL ? article->story : old_story,
                      rowid, error);
  if (!release (self, ok, ok ? error : NULL))
    return FALSE;

  if (result != NULL)
    *result = exists ? NF_STORE_PUT_CHANGED : NF_STORE_PUT_ADDED;
  return TRUE;
}

gboolean
nf_store_remove_article (NfStore     *self,
                         const char  *id,
                         GError     **error)
{
  g_autoptr(NfStmt) stmt = NULL;
  gint64 rowid, order_key;
  gboolean ok;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  if (!savepoint (self, error))
    return FALSE;
  if (!find_article (self, id, &rowid, &order_key, NULL, NULL))
    {
      release (self, TRUE, NULL);
      not_found (error, "article", id);
      return FALSE;
    }
  ok = delete_facts (self, rowid, order_key, error);
  if (ok)
    {
      stmt = prepare (self, "DELETE FROM articles WHERE rowid = ?", error);
      ok = stmt != NULL;
      if (ok)
        {
          sqlite3_bind_int64 (stmt, 1, rowid);
          ok = step_done (self, stmt, error);
        }
    }
  return release (self, ok, ok ? error : NULL);
}

gboolean
nf_store_has_article (NfStore    *self,
                      const char *id)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return id != NULL && find_article (self, id, NULL, NULL, NULL, NULL);
}

static gboolean
count_rows (NfStore     *self,
            const char  *sql,
            const char  *arg,
            guint       *count,
            GError     **error)
{
  g_autoptr(NfStmt) stmt = prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  if (arg != NULL)
    bind_str (stmt, 1, arg);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return set_error (self, rc, error);
  *count = (guint) sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

guint
nf_store_count_articles (NfStore  *self,
                         GError  **error)
{
  guint count = 0;

  g_return_val_if_fail (self != NULL, 0);
  count_rows (self, "SELECT count(*) FROM articles", NULL, &count, error);
  return count;
}

static char *
get_article_column (NfStore     *self,
                    const char  *sql,
                    const char  *id,
                    GError     **error)
{
  g_autoptr(NfStmt) stmt = prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  bind_str (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return column_dup (stmt, 0);
  if (rc == SQLITE_DONE)
    not_found (error, "article", id);
  else
    set_error (self, rc, error);
  return NULL;
}

char *
nf_store_get_json (NfStore     *self,
                   const char  *id,
                   GError     **error)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);
  return get_article_column (self,
                             "SELECT t.json FROM articles a JOIN article_texts t"
                             " ON t.article = a.rowid WHERE a.id = ?",
                             id, error);
}

char *
nf_store_get_text (NfStore     *self,
                   const char  *id,
                   GError     **error)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);
  return get_article_column (self,
                             "SELECT t.text FROM articles a JOIN article_texts t"
                             " ON t.article = a.rowid WHERE a.id = ?",
                             id, error);
}

NfArticle *
nf_store_load_article (NfStore     *self,
                       const char  *id,
                       GError     **error)
{
  g_autoptr(NfStmt) stmt = NULL;
  NfParseOptions options = { 0 };
  NfArticle *article;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);

  stmt = prepare (self,
                  "SELECT a.source, t.text, a.fallback_published, a.story"
                  " FROM articles a JOIN article_texts t ON t.article = a.rowid"
                  " WHERE a.id = ?", error);
  if (stmt == NULL)
    return NULL;
  bind_str (stmt, 1, id);
  if (!step_row (self, stmt, "article", id, error))
    return NULL;
  options.published = (const char *) sqlite3_column_text (stmt, 2);
  article = nf_parse (column_str (stmt, 0), sqlite3_column_text (stmt, 1),
                      sqlite3_column_bytes (stmt, 1), &options, error);
  if (article != NULL)
    article->story = column_dup (stmt, 3);
  return article;
}

/* Stored facts read back (nf_store_load_facts ()) */

/* Code-point offsets of the facts tables back to byte offsets; facts of
 * one kind come in text order, so the walk mostly goes forward. */
typedef struct
{
  const char *text;
  gsize       len;
  gsize       byte;
  gint64      chars;
} ByteCounter;

static gsize
byte_offset (ByteCounter *counter,
             gint64       chars)
{
  if (chars < counter->chars)
    {
      counter->byte = 0;
      counter->chars = 0;
    }
  while (counter->chars < chars && counter->byte < counter->len)
    {
      counter->byte++;
      while (counter->byte < counter->len
             && ((guchar) counter->text[counter->byte] & 0xC0) == 0x80)
        counter->byte++;
      counter->chars++;
    }
  return counter->byte;
}

/* The kinds the facts tables keep by name; an unknown name is the first
 * kind, as for a fact the pipeline left at zero. */
static NfSpeakerKind
speaker_kind_from_string (const char *name)
{
  for (NfSpeakerKind k = NF_SPEAKER_UNKNOWN; k <= NF_SPEAKER_ANONYMOUS; k++)
    if (g_strcmp0 (nf_speaker_kind_to_string (k), name) == 0)
      return k;
  return NF_SPEAKER_UNKNOWN;
}

static NfFigureKind
figure_kind_from_string (const char *name)
{
  for (NfFigureKind k = NF_FIGURE_MONEY; k <= NF_FIGURE_ORDINAL; k++)
    if (g_strcmp0 (nf_figure_kind_to_string (k), name) == 0)
      return k;
  return NF_FIGURE_MONEY;
}

static NfEntityKind
entity_kind_from_string (const char *name)
{
  for (NfEntityKind k = NF_ENTITY_PERSON; k <= NF_ENTITY_OTHER; k++)
    if (g_strcmp0 (nf_entity_kind_to_string (k), name) == 0)
      return k;
  return NF_ENTITY_PERSON;
}

static gboolean
load_quotes (NfStore    *self,
             gint64      rowid,
             NfArticle  *article,
             GError    **error)
{
  g_autoptr(NfStmt) stmt = prepare (self,
                                    "SELECT text, speaker, speaker_role,"
                                    " speaker_kind, start, end FROM quotes"
                                    " WHERE article = ? ORDER BY seq", error);
  ByteCounter counter = { article->text, article->text_len, 0, 0 };
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, rowid);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      NfQuote *quote = nf_quote_new ();

      quote->text = column_dup (stmt, 0);
      quote->speaker = column_dup (stmt, 1);
      quote->speaker_role = column_dup (stmt, 2);
      quote->speaker_kind =
        speaker_kind_from_string ((const char *) sqlite3_column_text (stmt, 3));
      quote->start = byte_offset (&counter, sqlite3_column_int64 (stmt, 4));
      quote->end = byte_offset (&counter, sqlite3_column_int64 (stmt, 5));
      g_ptr_array_add (article->quotes, quote);
    }
  return rc == SQLITE_DONE || set_error (self, rc, error);
}

/* FALSE in *@exact when a value is null: the store cannot tell which
 * value (not finite, or too large for the facts JSON) the parse gave. */
static gboolean
load_figures (NfStore    *self,
              gint64      rowid,
              NfArticle  *article,
              gboolean   *exact,
              GError    **error)
{
  g_autoptr(NfStmt) stmt = prepare (self,
                                    "SELECT text, kind, value, unit, qualifier,"
                                    " subject, start, end FROM figures"
                                    " WHERE article = ? ORDER BY seq", error);
  ByteCounter counter = { article->text, article->text_len, 0, 0 };
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, rowid);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      NfFigure *figure = nf_figure_new ();

      figure->text = column_dup (stmt, 0);
      figure->kind =
        figure_kind_from_string ((const char *) sqlite3_column_text (stmt, 1));
      if (sqlite3_column_type (stmt, 2) == SQLITE_NULL)
        {
          figure->value = NAN;
          *exact = FALSE;
        }
      else
        figure->value = sqlite3_column_double (stmt, 2);
      figure->unit = column_dup (stmt, 3);
      figure->qualifier = column_dup (stmt, 4);
      figure->subject = column_dup (stmt, 5);
      figure->start = byte_offset (&counter, sqlite3_column_int64 (stmt, 6));
      figure->end = byte_offset (&counter, sqlite3_column_int64 (stmt, 7));
      g_ptr_array_add (article->figures, figure);
    }
  return rc == SQLITE_DONE || set_error (self, rc, error);
}

/* Aliases were joined with new lines (join_strings ()); an empty one
 * cannot be told apart, so *@exact goes FALSE. */
static void
split_aliases (NfEntity   *entity,
               const char *joined,
               gboolean   *exact)
{
  const char *start = joined;

  if (joined == NULL || joined[0] == '\0')
    return;
  for (const char *p = joined; ; p++)
    if (*p == '\n' || *p == '\0')
      {
        if (p == start)
          *exact = FALSE;
        g_ptr_array_add (entity->aliases, g_strndup (start, p - start));
        if (*p == '\0')
          break;
        start = p + 1;
      }
}

static gboolean
load_entities (NfStore    *self,
               gint64      rowid,
               NfArticle  *article,
               gboolean   *exact,
               GError    **error)
{
  g_autoptr(NfStmt) stmt = prepare (self,
                                    "SELECT name, kind, aliases, role FROM entities"
                                    " WHERE article = ? ORDER BY seq", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, rowid);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      NfEntity *entity;

      entity = nf_entity_new ((const char *) sqlite3_column_text (stmt, 0),
                              entity_kind_from_string ((const char *) sqlite3_column_text (stmt, 1)));
      split_aliases (entity, (const char *) sqlite3_column_text (stmt, 2), exact);
      entity->role = column_dup (stmt, 3);
      g_ptr_array_add (article->entities, entity);
    }
  return rc == SQLITE_DONE || set_error (self, rc, error);
}

/* The facts JSON's "published_inferred": its first occurrence is the
 * top-level key, as a quote inside a string is escaped. */
static gboolean
json_published_inferred (const char *json)
{
  const char *key = json != NULL ? strstr (json, "\"published_inferred\":") : NULL;

  return key != NULL && key[sizeof "\"published_inferred\":" - 1] == 't';
}

/**
 * nf_store_load_facts:
 * @exact: (out): FALSE when the stored facts cannot give the parse's
 *   article back exactly (see below); the caller may parse it again
 *
 * Reads an article back as it was stored, without parsing its text
 * again: its id, source, text, headline, published (and whether it was
 * inferred), story, quotes, figures and entities, with byte offsets into
 * the text.  Its blocks, sentences, dates, acronyms, byline and the like
 * stay empty.  *@exact is FALSE when a figure's value was not stored (not
 * finite, or too large for the facts JSON) or an alias was empty.
 *
 * Returns: (transfer full): the article, or NULL with @error set.
 */
NfArticle *
nf_store_load_facts (NfStore     *self,
                     const char  *id,
                     gboolean    *exact,
                     GError     **error)
{
  g_autoptr(NfStmt) stmt = NULL;
  g_autoptr(NfArticle) article = NULL;
  const char *text;
  gsize text_len;
  gint64 rowid;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (exact != NULL, NULL);

  stmt = prepare (self,
                  "SELECT a.rowid, a.source, t.text, a.headline, a.published,"
                  " a.story, t.json FROM articles a"
                  " JOIN article_texts t ON t.article = a.rowid WHERE a.id = ?",
                  error);
  if (stmt == NULL)
    return NULL;
  bind_str (stmt, 1, id);
  if (!step_row (self, stmt, "article", id, error))
    return NULL;
  rowid = sqlite3_column_int64 (stmt, 0);
  text = column_str (stmt, 2);
  text_len = sqlite3_column_bytes (stmt, 2);
  article = nf_article_new (column_str (stmt, 1), g_strndup (text, text_len),
                            text_len);
  article->id = g_strdup (id);
  article->headline = column_dup (stmt, 3);
  article->published = column_dup (stmt, 4);
  article->story = column_dup (stmt, 5);
  article->published_inferred =
    json_published_inferred ((const char *) sqlite3_column_text (stmt, 6));
  g_clear_pointer (&stmt, stmt_release);

  *exact = TRUE;
  if (!load_quotes (self, rowid, article, error)
      || !load_figures (self, rowid, article, exact, error)
      || !load_entities (self, rowid, article, exact, error))
    return NULL;
  return g_steal_pointer (&article);
}

/* The story signature stored with an article (NULL for one stored by an
 * older schema), without parsing it. */
char *
nf_store_get_signature (NfStore     *self,
                        const char  *id,
                        GError     **error)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);
  return get_article_column (self, "SELECT signature FROM articles WHERE id = ?",
                             id, error);
}

gboolean
nf_store_get_input (NfStore     *self,
                    const char  *id,
                    char       **source,
                    char       **text,
                    char       **fallback_published,
                    GError     **error)
{
  g_autoptr(NfStmt) stmt = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  stmt = prepare (self,
                  "SELECT a.source, t.text, a.fallback_published"
                  " FROM articles a JOIN article_texts t ON t.article = a.rowid"
                  " WHERE a.id = ?", error);
  if (stmt == NULL)
    return FALSE;
  bind_str (stmt, 1, id);
  if (!step_row (self, stmt, "article", id, error))
    return FALSE;
  if (source != NULL)
    *source = column_dup (stmt, 0);
  if (text != NULL)
    *text = column_dup (stmt, 1);
  if (fallback_published != NULL)
    *fallback_published = column_dup (stmt, 2);
  return TRUE;
}

/* Pages through one text column of the articles in rowid order: @sql
 * selects rowid and the column after a rowid, with a limit.  NULLs are
 * passed over; *@last is the last rowid read. */
static GPtrArray *
list_column_after (NfStore     *self,
                   const char  *sql,
                   gint64       after,
                   guint        limit,
                   gint64      *last,
                   GError     **error)
{
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(NfStmt) stmt = NULL;
  int rc;

  stmt = prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, after);
  sqlite3_bind_int64 (stmt, 2, limit);
  *last = after;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      *last = sqlite3_column_int64 (stmt, 0);
      if (sqlite3_column_type (stmt, 1) != SQLITE_NULL)
        g_ptr_array_add (values, column_dup (stmt, 1));
    }
  if (rc != SQLITE_DONE)
    {
      set_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&values);
}

GPtrArray *
nf_store_list_ids_after (NfStore     *self,
                         gint64       after,
                         guint        limit,
                         gint64      *last,
                         GError     **error)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (last != NULL, NULL);

  return list_column_after (self,
                            "SELECT rowid, id FROM articles WHERE rowid > ?"
                            " ORDER BY rowid LIMIT ?", after, limit, last,
                            error);
}

GPtrArray *
nf_store_list_signatures (NfStore     *self,
                          gint64       after,
                          guint        limit,
                          gint64      *last,
                          GError     **error)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (last != NULL, NULL);

  return list_column_after (self,
                            "SELECT rowid, signature FROM articles"
                            " WHERE rowid > ? ORDER BY rowid LIMIT ?",
                            after, limit, last, error);
}

/* ---- search ---------------------------------------------------------- */

static gboolean
has_word_char (const char *text,
               gsize       len)
{
  for (const char *p = text; p < text + len; p = g_utf8_next_char (p))
    if (g_unichar_isalnum (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}

/* Appends one term as an FTS5 string: inside double quotes every
 * character is literal, and a double quote is written twice. */
static void
append_term (GString    *out,
             const char *text,
             gsize       len,
             gboolean    prefix)
{
  if (out->len > 0)
    g_string_append_c (out, ' ');
  g_string_append_c (out, '"');
  for (gsize i = 0; i < len; i++)
    {
      if (text[i] == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, text[i]);
    }
  g_string_append_c (out, '"');
  if (prefix)
    g_string_append_c (out, '*');
}

char *
_nf_store_fts_query (const char  *query,
                     GError     **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const char *p = query;
  guint terms = 0;

  if (strlen (query) > NF_STORE_MAX_QUERY || !g_utf8_validate (query, -1, NULL))
    {
      g_set_error (error, NF_ERROR, NF_ERROR_BAD_QUERY,
                   "the query is too long or not UTF-8 text");
      return NULL;
    }

  while (*p != '\0')
    {
      const char *start;
      const char *end;
      gboolean prefix = FALSE;

      if (g_ascii_isspace (*p))
        {
          p++;
          continue;
        }
      if (*p == '"')
        {
          /* A phrase runs to the closing quote, or to the end. */
          start = ++p;
          end = strchr (start, '"');
          if (end == NULL)
            end = start + strlen (start);
          p = *end == '"' ? end + 1 : end;
        }
      else
        {
          start = p;
          while (*p != '\0' && !g_ascii_isspace (*p) && *p != '"')
            p++;
          end = p;
          while (end > start && end[-1] == '*')
            {
              end--;
              prefix = TRUE;
            }
        }
      if (!has_word_char (start, end - start))
        continue;
      if (++terms > NF_STORE_MAX_TERMS)
        {
          g_set_error (error, NF_ERROR, NF_ERROR_BAD_QUERY,
                       "the query has more than %d words",
                       NF_STORE_MAX_TERMS);
          return NULL;
        }
      append_term (out, start, end - start, prefix);
    }

  if (terms == 0)
    {
      g_set_error (error, NF_ERROR, NF_ERROR_BAD_QUERY,
                   "the query “%s” has no words to search for", query);
      return NULL;
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gboolean
is_blank (const char *text)
{
  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

static GPtrArray *
collect_ids (NfStore  *self,
             NfStmt   *stmt,
             GError  **error)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (ids, column_dup (stmt, 0));
  if (rc != SQLITE_DONE)
    {
      set_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&ids);
}

/* What one query matched at one version of the data: how many articles,
 * and "marks", the order keys found at some multiples of SEARCH_STRIDE
 * in the results (newest first).  A deep page then starts from the
 * nearest mark before it instead of skipping every match in front of it,
 * and the viewer's pages of one query need not count the matches again.
 * Kept per connection until the database changes (see
 * searches_for_snapshot()). */
#define SEARCH_STRIDE     128
#define SEARCH_CACHE_MAX  64
/* A first page this deep or less comes out of the counting pass. */
#define SEARCH_RING_MAX   2048

typedef struct
{
  guint   index;   /* the mark is at position index * SEARCH_STRIDE */
  gint64  key;
} Mark;

typedef struct
{
  guint   total;
  GArray *marks;   /* Mark, by index */
} SearchState;

static void
search_state_free (gpointer data)
{
  SearchState *state = data;

  g_array_unref (state->marks);
  g_free (state);
}

/* Called inside the read transaction of a search: forgets every
 * SearchState when the data changed since they were made, by this
 * connection or any other. */
static gboolean
searches_for_snapshot (NfStore  *self,
                       GError  **error)
{
  unsigned int version = 0;
  guint count = 0;

  /* Any read opens the snapshot; the data version is the pager's. */
  if (!count_rows (self, "SELECT count(*) FROM meta", NULL, &count, error))
    return FALSE;
  sqlite3_file_control (self->db, "main", SQLITE_FCNTL_DATA_VERSION, &version);
  if (version != self->searches_version ||
      g_hash_table_size (self->searches) >= SEARCH_CACHE_MAX)
    g_hash_table_remove_all (self->searches);
  self->searches_version = version;
  return TRUE;
}

void
_nf_store_forget_searches (NfStore *self)
{
  g_return_if_fail (self != NULL);
  g_hash_table_remove_all (self->searches);
}

void
_nf_store_set_prefix_scan (NfStore  *self,
                           gboolean  enabled)
{
  g_return_if_fail (self != NULL);
  self->no_prefix_scan = !enabled;
  g_hash_table_remove_all (self->searches);
}

guint
_nf_store_get_prefix_scans (NfStore *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->prefix_scans;
}

/* The counting pass over a full-text query.  The nf_walk() aggregate sees
 * every match in the index's order (oldest first), counts them and keeps
 * the newest ones in a ring, from which the first page is taken: one pass
 * over the matches, which for a prefix query is one merge of the doclists
 * of all its words instead of two. */
typedef struct _Walk
{
  guint    count;
  gint64  *ring;
  guint    ring_size;
  gint64   last;
  gboolean unordered;
  const struct _ArticleSet *filter;  /* counts only these, or NULL */
} Walk;

/* A set of articles by the low 31 bits of their keys (the rowid in
 * ORDER_KEY_SQL), a bit each. */
typedef struct _ArticleSet
{
  guint64 *bits;
  gsize    n_bits;
} ArticleSet;

static gboolean
article_set_has (const ArticleSet *set,
                 gint64            key)
{
  guint64 bit = (guint64) (key & G_GINT64_CONSTANT (0x7fffffff));

  return bit < set->n_bits &&
         (set->bits[bit / 64] & (G_GUINT64_CONSTANT (1) << (bit % 64))) != 0;
}

static void
walk_step (sqlite3_context  *context,
           int               argc,
           sqlite3_value   **argv)
{
  NfStore *self = sqlite3_user_data (context);
  Walk *walk = self->walk;
  gint64 key = sqlite3_value_int64 (argv[0]);

  if (walk == NULL || (walk->filter != NULL &&
                       !article_set_has (walk->filter, key)))
    return;
  if (walk->count > 0 && key <= walk->last)
    walk->unordered = TRUE;
  walk->last = key;
  if (walk->ring_size > 0)
    walk->ring[walk->count % walk->ring_size] = key;
  walk->count++;
}

static void
walk_final (sqlite3_context *context)
{
  sqlite3_result_null (context);
}

/* ---- prefix scan ------------------------------------------------------ */

/* A search for one word's prefix ("comp*"), with no prefix index: FTS5
 * (SQLite 3.40) merges the doclists of every word that starts so, their
 * positions included, into one list before the first match comes out
 * (113 words and 95,000 entries for "comp" in 100,000 articles: 6 ms;
 * "the*" 48 ms).  A count and a first page need only the rowids, so the
 * scan below reads the index's leaf pages itself, in FTS5's documented
 * file format (ext/fts5/fts5_index.c, readable by every later SQLite):
 * the words of the range one after the other in each segment, newest
 * segment first, each entry's position list skipped by its size.  A
 * prefix index (prefix='4') would answer as fast but costs a tenth of
 * the ingest rate (BENCHMARKS.md).  Anything unexpected (a structure
 * record of a later format, a page that does not parse, a missing
 * page) makes the scan give up, and FTS5 answers instead. */

#define FTS5_STRUCTURE_ROWID 10
#define FTS5_SEGMENT_ROWID(segid, pgno) (((gint64) (segid) << 37) + (pgno))
#define SCAN_KEY_BITS G_GINT64_CONSTANT (0x7fffffff)

typedef struct
{
  int segid;
  int first;
  int last;
} ScanSegment;

typedef struct
{
  sqlite3_blob *blob;
  GByteArray *page;        /* the leaf read last */
  GByteArray *lo;          /* '0' (the main index) and the prefix */
  GByteArray *term;        /* the term being read */
  GHashTable *tombstones;  /* term → set of keys a newer segment removed */
  GHashTable *term_tombs;  /* of them, the current term's, or NULL */
  guint64    *seen;        /* bit per article rowid: counted */
  gsize       seen_bits;
  guint       count;
  gint64     *heap;        /* the newest keys counted, a min-heap */
  guint       heap_len;
  guint       heap_max;
  GArray     *all;         /* or, for a deeper page, every key counted */
  gboolean    open;        /* a doclist in the range may go on */
  gboolean    stale;       /* a key of no article: give up */
  const ArticleSet *filter;  /* counts only these, or NULL */
  guint64     skip;        /* bytes of its last position list to skip */
} PrefixScan;

/* An SQLite varint (as FTS5 writes them), or 0 when it would pass @end. */
static guint
scan_varint (const guint8 *p,
             const guint8 *end,
             guint64      *value)
{
  guint64 v = 0;

  for (guint i = 0; i < 9; i++)
    {
      if (p + i >= end)
        return 0;
      if (i == 8)
        {
          *value = (v << 8) | p[i];
          return 9;
        }
      v = (v << 7) | (p[i] & 0x7f);
      if ((p[i] & 0x80) == 0)
        {
          *value = v;
          return i + 1;
        }
    }
  return 0;
}

static void
heap_push (PrefixScan *scan,
           gint64      key)
{
  gint64 *h = scan->heap;
  guint i;

  if (scan->heap_max == 0)
    return;
  if (scan->heap_len < scan->heap_max)
    {
      /* Sift up from the new leaf. */
      for (i = scan->heap_len++; i > 0 && h[(i - 1) / 2] > key;
           i = (i - 1) / 2)
        h[i] = h[(i - 1) / 2];
      h[i] = key;
      return;
    }
  if (key <= h[0])
    return;
  /* Replace the oldest and sift it down. */
  for (i = 0;;)
    {
      guint c = 2 * i + 1;

      if (c >= scan->heap_len)
        break;
      if (c + 1 < scan->heap_len && h[c + 1] < h[c])
        c++;
      if (h[c] >= key)
        break;
      h[i] = h[c];
      i = c;
    }
  h[i] = key;
}

/* One entry of a doclist in the range: counts its article unless its
 * position list is empty (a newer segment's removal of the term from
 * the article, kept to hide the older entries) or a newer segment
 * removed it. */
static void
scan_accept (PrefixScan *scan,
             gint64      key,
             guint64     npos)
{
  guint64 bit = (guint64) (key & SCAN_KEY_BITS);

  if (npos == 0)
    {
      if (scan->term_tombs == NULL)
        {
          scan->term_tombs = g_hash_table_new_full (g_int64_hash,
                                                    g_int64_equal, g_free,
                                                    NULL);
          g_hash_table_insert (scan->tombstones,
                               g_strndup ((const char *) scan->term->data,
                                          scan->term->len),
                               scan->term_tombs);
        }
      g_hash_table_add (scan->term_tombs, g_memdup2 (&key, sizeof key));
      return;
    }
  if (scan->term_tombs != NULL &&
      g_hash_table_contains (scan->term_tombs, &key))
    return;
  /* Past the newest article's rowid: the index is not what we think. */
  if (bit >= scan->seen_bits)
    {
      scan->stale = TRUE;
      return;
    }
  if (scan->filter != NULL && !article_set_has (scan->filter, key))
    return;
  if (scan->seen[bit / 64] & (G_GUINT64_CONSTANT (1) << (bit % 64)))
    return;
  scan->seen[bit / 64] |= G_GUINT64_CONSTANT (1) << (bit % 64);
  scan->count++;
  if (scan->all != NULL)
    g_array_append_val (scan->all, key);
  else
    heap_push (scan, key);
}

/* The entries of a doclist from @off (an absolute rowid: the first after
 * a term or on a page) to @end, on a leaf whose data ends at @leaf.
 * Returns FALSE when it does not parse. */
static gboolean
scan_doclist (PrefixScan   *scan,
              const guint8 *a,
              guint64       off,
              guint64       end,
              guint64       leaf)
{
  gint64 key = 0;
  gboolean first = TRUE;

  while (off < end)
    {
      guint64 v, size;
      guint n = scan_varint (a + off, a + end, &v);

      if (n == 0)
        return FALSE;
      off += n;
      key = first ? (gint64) v : key + (gint64) v;
      first = FALSE;
      n = scan_varint (a + off, a + end, &size);
      if (n == 0)
        return FALSE;
      off += n;
      scan_accept (scan, key, size >> 1);
      off += size >> 1;
    }
  if (off > end && end != leaf)
    return FALSE;
  scan->skip = off - end;
  scan->open = end == leaf;
  return TRUE;
}

/* -1 before the range, 0 in it, 1 after it. */
static int
scan_compare (PrefixScan *scan)
{
  gsize n = MIN (scan->term->len, scan->lo->len);
  int c = memcmp (scan->term->data, scan->lo->data, n);

  if (c != 0)
    return c < 0 ? -1 : 1;
  return scan->term->len >= scan->lo->len ? 0 : -1;
}

/* The part of a leaf before its first term: the rest of a doclist begun
 * on an earlier leaf.  Returns FALSE when it does not parse. */
static gboolean
scan_leaf_start (PrefixScan   *scan,
                 const guint8 *a,
                 guint64       rowid_off,
                 guint64       end0,
                 guint64       leaf)
{
  guint64 off;

  if (!scan->open)
    return TRUE;
  if (scan->skip > end0 - 4)
    {
      /* A position list that goes on past this leaf. */
      if (rowid_off != 0 || end0 != leaf)
        return FALSE;
      scan->skip -= leaf - 4;
      return TRUE;
    }
  off = 4 + scan->skip;
  scan->skip = 0;
  if (rowid_off == 0)
    {
      scan->open = off == leaf && end0 == leaf;
      return off == end0;
    }
  return off == rowid_off && scan_doclist (scan, a, off, end0, leaf);
}

/* Reads the term at @off of leaf @a (whole when @whole, else sharing a
 * prefix with the term before it) into scan->term; returns the offset
 * of its doclist, or 0 when it does not parse. */
static guint64
scan_term (PrefixScan   *scan,
           const guint8 *a,
           guint64       off,
           guint64       leaf,
           gboolean      whole)
{
  guint64 keep = 0, len;
  guint n = 0;

  if (!whole && (n = scan_varint (a + off, a + leaf, &keep)) == 0)
    return 0;
  off += n;
  if ((n = scan_varint (a + off, a + leaf, &len)) == 0 ||
      keep > scan->term->len || len > leaf - off - n)
    return 0;
  off += n;
  g_byte_array_set_size (scan->term, keep);
  g_byte_array_append (scan->term, a + off, len);
  return off + len;
}

/* Reads the current term's doclist, from @off to @end, if the term is in
 * the range; 1 once past the range, -1 on failure. */
static int
scan_term_doclist (PrefixScan   *scan,
                   const guint8 *a,
                   guint64       off,
                   guint64       end,
                   guint64       leaf)
{
  switch (scan_compare (scan))
    {
    case 1:
      return 1;
    case 0:
      scan->term_tombs = NULL;
      if (g_hash_table_size (scan->tombstones) > 0)
        {
          g_autofree char *term = g_strndup ((const char *) scan->term->data,
                                             scan->term->len);

          scan->term_tombs = g_hash_table_lookup (scan->tombstones, term);
        }
      return scan_doclist (scan, a, off, end, leaf) ? 0 : -1;
    default:
      scan->open = FALSE;
      return 0;
    }
}

/* Reads leaf @pgno of @seg into scan->page; its size, or -1. */
static int
scan_read (PrefixScan        *scan,
           const ScanSegment *seg,
           int                pgno)
{
  int bytes;

  if (sqlite3_blob_reopen (scan->blob, FTS5_SEGMENT_ROWID (seg->segid, pgno))
      != SQLITE_OK)
    return -1;
  bytes = sqlite3_blob_bytes (scan->blob);
  g_byte_array_set_size (scan->page, MAX (bytes, 0));
  if (bytes < 4 ||
      sqlite3_blob_read (scan->blob, scan->page->data, bytes, 0) != SQLITE_OK)
    return -1;
  return bytes;
}

/* Reads leaf @pgno of @seg: a 4-byte header (the offset of the first
 * rowid when one comes before the first term, the size of the data),
 * the data, and a footer of term offsets, the first absolute and the
 * others deltas.  1 once past the range, -1 on failure. */
static int
scan_leaf (PrefixScan        *scan,
           const ScanSegment *seg,
           int                pgno)
{
  const guint8 *a = NULL;
  guint64 nn, leaf, pgidx, cur = 0;
  int bytes = scan_read (scan, seg, pgno), r = 0;
  guint n;

  if (bytes < 0)
    return -1;
  a = scan->page->data;
  nn = bytes;
  leaf = pgidx = (a[2] << 8) | a[3];
  if (leaf < 4 || leaf > nn || (guint64) ((a[0] << 8) | a[1]) >= leaf)
    return -1;
  if (pgidx < nn)
    {
      if ((n = scan_varint (a + pgidx, a + nn, &cur)) == 0 || cur < 4 ||
          cur >= leaf)
        return -1;
      pgidx += n;
    }
  if (!scan_leaf_start (scan, a, (a[0] << 8) | a[1], cur != 0 ? cur : leaf,
                        leaf))
    return -1;
  for (gboolean first = TRUE; r == 0 && cur != 0; first = FALSE)
    {
      guint64 off = scan_term (scan, a, cur, leaf, first), next = 0, delta;

      if (off == 0)
        return -1;
      if (pgidx < nn)
        {
          if ((n = scan_varint (a + pgidx, a + nn, &delta)) == 0 ||
              (next = cur + delta) <= off || next >= leaf)
            return -1;
          pgidx += n;
        }
      r = scan_term_doclist (scan, a, off, next != 0 ? next : leaf, leaf);
      cur = next;
    }
  return r;
}

/* The next varint of the structure record, or FALSE at its end. */
static gboolean
scan_next (const guint8 **a,
           const guint8  *end,
           guint64       *value)
{
  guint n = scan_varint (*a, end, value);

  *a += n;
  return n > 0;
}

/* The segments of the index, newest first (the order in which FTS5 lets
 * an entry hide older ones), from the structure record: a cookie, the
 * counts of levels and segments, a write counter, then for each level
 * the segments being merged, its count and its segments, oldest first
 * (id, first and last leaf).  A later format starts with 0xff after the
 * cookie, which reads as too many levels. */
static gboolean
scan_structure (PrefixScan *scan,
                GArray     *segments)
{
  const guint8 *a, *end;
  guint64 levels, count, counter;
  int bytes = sqlite3_blob_bytes (scan->blob);

  g_byte_array_set_size (scan->page, MAX (bytes, 0));
  if (bytes < 8 ||
      sqlite3_blob_read (scan->blob, scan->page->data, bytes, 0) != SQLITE_OK)
    return FALSE;
  a = scan->page->data + 4;
  end = scan->page->data + bytes;
  if (!scan_next (&a, end, &levels) || levels > 64 ||
      !scan_next (&a, end, &count) || !scan_next (&a, end, &counter))
    return FALSE;
  for (guint64 l = 0; l < levels; l++)
    {
      guint64 merging, total, v[3];
      guint at = segments->len;

      if (!scan_next (&a, end, &merging) || !scan_next (&a, end, &total) ||
          total > count)
        return FALSE;
      for (guint64 s = 0; s < total; s++)
        {
          ScanSegment seg;

          if (!scan_next (&a, end, &v[0]) || !scan_next (&a, end, &v[1]) ||
              !scan_next (&a, end, &v[2]) || v[0] == 0 || v[0] > 0xffff ||
              v[1] == 0 || v[2] < v[1] || v[2] > G_MAXINT)
            return FALSE;
          seg = (ScanSegment) { (int) v[0], (int) v[1], (int) v[2] };
          g_array_insert_val (segments, at, seg);
        }
    }
  return segments->len == count;
}

/* Reads the range in one segment; FALSE when it does not parse. */
static gboolean
scan_segment (NfStore           *self,
              PrefixScan        *scan,
              const ScanSegment *seg)
{
  g_autoptr(NfStmt) stmt = NULL;
  int pgno = seg->first;
  int r = 0;

  /* As FTS5 seeks: the last leaf whose first term is not after ours. */
  stmt = prepare (self, "SELECT pgno FROM articles_fts_idx WHERE segid = ?"
                  " AND term <= ? ORDER BY term DESC LIMIT 1", NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, seg->segid);
  sqlite3_bind_blob (stmt, 2, scan->lo->data, scan->lo->len, SQLITE_STATIC);
  switch (sqlite3_step (stmt))
    {
    case SQLITE_ROW:
      pgno = MAX (pgno, (int) (sqlite3_column_int64 (stmt, 0) >> 1));
      break;
    case SQLITE_DONE:
      break;
    default:
      return FALSE;
    }
  scan->open = FALSE;
  scan->skip = 0;
  for (; r == 0 && pgno <= seg->last; pgno++)
    r = scan_leaf (scan, seg, pgno);
  return r >= 0;
}

/* Splits @match (from _nf_store_fts_query (): phrases in double quotes,
 * a quote inside written twice, each maybe followed by "*", one space
 * between them) into the prefixes that are one word of ASCII letters and
 * digits, which FTS5's tokenizer only lowers, lowered into @prefixes, and
 * the other phrases, kept as written, into @rest.  FALSE when @match is
 * not of that form. */
static gboolean
split_prefixes (const char *match,
                GPtrArray  *prefixes,
                GString    *rest)
{
  const char *p = match;

  while (*p == '"')
    {
      const char *start = p++;
      gboolean plain = TRUE;

      for (; *p != '\0' && (*p != '"' || p[1] == '"'); p++)
        {
          if (*p == '"')
            p++;
          plain = plain && g_ascii_isalnum (*p);
        }
      if (*p++ != '"')
        return FALSE;
      if (*p == '*' && plain && p - start > 2)
        g_ptr_array_add (prefixes, g_ascii_strdown (start + 1, p - start - 2));
      else
        {
          if (rest->len > 0)
            g_string_append_c (rest, ' ');
          g_string_append_len (rest, start, p - start + (*p == '*'));
        }
      p += *p == '*';
      if (*p == ' ')
        p++;
    }
  return *p == '\0';
}

static int
compare_keys_down (gconstpointer a,
                   gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? 1 : x > y ? -1 : 0;
}

/* Puts the @m newest of the @n keys at @keys first, in no order. */
static void
select_newest (gint64 *keys,
               gsize   n,
               gsize   m)
{
  gsize lo = 0, hi = n;

  while (lo < m && m < hi)
    {
      gsize mid = lo + (hi - lo) / 2, store = lo;
      gint64 pivot = keys[mid], t;

      keys[mid] = keys[hi - 1];
      keys[hi - 1] = pivot;
      for (gsize i = lo; i < hi - 1; i++)
        if (keys[i] > pivot)
          {
            t = keys[i];
            keys[i] = keys[store];
            keys[store++] = t;
          }
      keys[hi - 1] = keys[store];
      keys[store] = pivot;
      /* Newer than the pivot before it, older after it. */
      if (m <= store)
        hi = store;
      else
        lo = store + 1;
    }
}

/* The page at @offset of @keys, newest first, without sorting them all. */
static void
page_of_keys (GArray *keys,
              guint   offset,
              guint   limit,
              GArray *page)
{
  gint64 *k = (gint64 *) (void *) keys->data;
  gsize end = MIN ((gsize) offset + limit, keys->len);

  if (offset >= end)
    return;
  select_newest (k, keys->len, end);
  select_newest (k, end, offset);
  qsort (k + offset, end - offset, sizeof (gint64), compare_keys_down);
  g_array_append_vals (page, k + offset, end - offset);
}

static void
tombs_free (gpointer table)
{
  g_hash_table_unref (table);
}

static void
scan_clear (PrefixScan *scan)
{
  if (scan->blob != NULL)
    sqlite3_blob_close (scan->blob);
  g_byte_array_unref (scan->page);
  g_byte_array_unref (scan->lo);
  g_byte_array_unref (scan->term);
  g_hash_table_unref (scan->tombstones);
  g_free (scan->seen);
  g_free (scan->heap);
  if (scan->all != NULL)
    g_array_unref (scan->all);
}

/* Counts the matches of @prefix* (among @filter, if given) into *@total
 * and, when @page is given, puts the keys of the page at @offset there
 * (newest first) and sets *@paged; @set, if given, gets the articles
 * counted.  FALSE when the scan gave up: FTS5 must answer. */
static gboolean
prefix_scan (NfStore          *self,
             const char       *prefix,
             const ArticleSet *filter,
             ArticleSet       *set,
             guint             offset,
             guint             limit,
             guint            *total,
             GArray           *page,
             gboolean         *paged)
{
  g_autoptr(GArray) segments = g_array_new (FALSE, FALSE,
                                            sizeof (ScanSegment));
  g_autoptr(NfStmt) stmt = NULL;
  PrefixScan scan = { 0 };
  gboolean ok;

  /* Keys hold the article's rowid in their low 31 bits (ORDER_KEY_SQL):
   * one bit each counts an article once. */
  stmt = prepare (self, "SELECT max(rowid) FROM articles", NULL);
  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW ||
      sqlite3_column_int64 (stmt, 0) > SCAN_KEY_BITS)
    return FALSE;
  scan.seen_bits = ((sqlite3_column_int64 (stmt, 0) >> 6) + 1) * 64;
  scan.seen = g_new0 (guint64, scan.seen_bits / 64);
  scan.filter = filter;
  scan.page = g_byte_array_new ();
  scan.lo = g_byte_array_new ();
  scan.term = g_byte_array_new ();
  scan.tombstones = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                           tombs_free);
  g_byte_array_append (scan.lo, (const guint8 *) "0", 1);
  g_byte_array_append (scan.lo, (const guint8 *) prefix, strlen (prefix));
  /* A page among the newest SEARCH_RING_MAX from a heap, a deeper one
   * from all the keys. */
  *paged = page != NULL;
  if (*paged && (guint64) offset + limit > SEARCH_RING_MAX)
    scan.all = g_array_new (FALSE, FALSE, sizeof (gint64));
  else if (*paged)
    scan.heap_max = offset + limit;
  scan.heap = g_new (gint64, MAX (scan.heap_max, 1));

  ok = sqlite3_blob_open (self->db, "main", "articles_fts_data", "block",
                          FTS5_STRUCTURE_ROWID, 0, &scan.blob) == SQLITE_OK &&
       scan_structure (&scan, segments);
  for (guint i = 0; ok && i < segments->len; i++)
    ok = scan_segment (self, &scan, &g_array_index (segments, ScanSegment, i))
         && !scan.stale;
  if (ok)
    {
      *total = scan.count;
      qsort (scan.heap, scan.heap_len, sizeof (gint64), compare_keys_down);
      for (guint p = offset; *paged && p < scan.heap_len; p++)
        g_array_append_val (page, scan.heap[p]);
      if (scan.all != NULL)
        page_of_keys (scan.all, offset, limit, page);
      if (set != NULL)
        {
          set->bits = g_steal_pointer (&scan.seen);
          set->n_bits = scan.seen_bits;
        }
    }
  scan_clear (&scan);
  return ok;
}

static gboolean walk_matches (NfStore          *self,
                              const char       *match,
                              const ArticleSet *filter,
                              guint             offset,
                              guint             limit,
                              guint            *total,
                              GArray           *page,
                              gboolean         *paged,
                              GError          **error);

/* The articles having a word of each of @prefixes, each scan counting
 * among those of the one before; the last one also gives the page when
 * @rest is empty.  Then FTS5 walks @rest among them. */
static gboolean
prefixes_scan (NfStore    *self,
               GPtrArray  *prefixes,
               const char *rest,
               guint       offset,
               guint       limit,
               guint      *total,
               GArray     *page,
               gboolean   *paged)
{
  ArticleSet set = { NULL, 0 };
  gboolean ok = TRUE;

  *paged = FALSE;
  for (guint i = 0; ok && i < prefixes->len; i++)
    {
      gboolean last = i + 1 == prefixes->len && *rest == '\0';
      ArticleSet next = { NULL, 0 };

      ok = prefix_scan (self, prefixes->pdata[i], i > 0 ? &set : NULL, &next,
                        offset, limit, total, last ? page : NULL, paged);
      g_free (set.bits);
      set = next;
    }
  if (ok && *rest != '\0')
    ok = walk_matches (self, rest, &set, offset, limit, total, page, paged,
                       NULL);
  g_free (set.bits);
  return ok;
}

/* Counts (and pages) @match by prefix scans when it has a prefix of one
 * word and no write transaction is open (FTS5 may hold rows of it not
 * yet on disk): a query is all its phrases at once, so the articles it
 * matches are those every prefix and the rest of the query match. */
static gboolean
try_prefix_scan (NfStore     *self,
                 const char  *match,
                 guint        offset,
                 guint        limit,
                 guint       *total,
                 GArray      *page,
                 gboolean    *paged)
{
  g_autoptr(GPtrArray) prefixes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) rest = g_string_new (NULL);

  if (self->depth > 0 || self->no_prefix_scan ||
      !split_prefixes (match, prefixes, rest) || prefixes->len == 0 ||
      !prefixes_scan (self, prefixes, rest->str, offset, limit, total, page,
                      paged))
    return FALSE;
  self->prefix_scans++;
  return TRUE;
}

/* Counts the matches of @match; when @page is given, also fills it with
 * the keys of the page at @offset (newest first) if that is among the
 * newest SEARCH_RING_MAX, and says so in *@paged. */
static gboolean
count_matches (NfStore     *self,
               const char  *match,
               guint        offset,
               guint        limit,
               guint       *total,
               GArray      *page,
               gboolean    *paged,
               GError     **error)
{
  if (try_prefix_scan (self, match, offset, limit, total, page, paged))
    return TRUE;
  return walk_matches (self, match, NULL, offset, limit, total, page, paged,
                       error);
}

/* count_matches () by FTS5, counting only the articles of @filter if
 * given. */
static gboolean
walk_matches (NfStore          *self,
              const char       *match,
              const ArticleSet *filter,
              guint             offset,
              guint             limit,
              guint            *total,
              GArray           *page,
              gboolean         *paged,
              GError          **error)
{
  g_autoptr(NfStmt) stmt = NULL;
  g_autofree gint64 *ring = NULL;
  Walk walk = { 0 };
  int rc;

  walk.filter = filter;
  *paged = page != NULL && (guint64) offset + limit <= SEARCH_RING_MAX;
  if (*paged)
    walk.ring = ring = g_new (gint64, (walk.ring_size = offset + limit));
  stmt = prepare (self, "SELECT nf_walk (rowid) FROM articles_fts"
                  " WHERE articles_fts MATCH ?", error);
  if (stmt == NULL)
    return FALSE;
  bind_str (stmt, 1, match);
  self->walk = &walk;
  rc = sqlite3_step (stmt);
  self->walk = NULL;
  if (rc != SQLITE_ROW)
    return set_error (self, rc, error);
  *total = walk.count;
  /* Position p from the newest is the (count - 1 - p)-th seen. */
  *paged = *paged && !walk.unordered;
  for (guint p = offset; *paged && p < offset + limit && p < walk.count; p++)
    g_array_append_val (page, ring[(walk.count - 1 - p) % walk.ring_size]);
  return TRUE;
}

/* The SearchState of @match (NULL: all articles) in this snapshot, made
 * on first use: all articles are counted from the table's b-tree, a
 * full-text query by count_matches(), which may give the page too. */
static SearchState *
search_state (NfStore     *self,
              const char  *match,
              guint        offset,
              guint        limit,
              GArray      *page,
              gboolean    *paged,
              GError     **error)
{
  SearchState *state = g_hash_table_lookup (self->searches,
                                            match != NULL ? match : "");
  gboolean ok;

  *paged = FALSE;
  if (state != NULL)
    return state;
  state = g_new0 (SearchState, 1);
  state->marks = g_array_new (FALSE, FALSE, sizeof (Mark));
  ok = match == NULL
       ? count_rows (self, "SELECT count(*) FROM articles", NULL,
                     &state->total, error)
       : count_matches (self, match, offset, limit, &state->total, page, paged,
                        error);
  if (!ok)
    {
      search_state_free (state);
      return NULL;
    }
  g_hash_table_insert (self->searches, g_strdup (match != NULL ? match : ""),
                       state);
  return state;
}

/* Runs the statement for @match (NULL: all) that gives the keys from
 * @from down, skipping @skip and keeping @limit, into @keys.  From the
 * top (@from G_MAXINT64) it needs no bound, which skips faster. */
static gboolean
keys_from (NfStore     *self,
           const char  *match,
           gint64       from,
           guint        skip,
           guint        limit,
           GArray      *keys,
           GError     **error)
{
  static const char *const sql[2][2] = {
    { "SELECT order_key FROM articles"
      " ORDER BY order_key DESC LIMIT ?3 OFFSET ?4",
      "SELECT order_key FROM articles WHERE order_key <= ?2"
      " ORDER BY order_key DESC LIMIT ?3 OFFSET ?4" },
    { "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?1"
      " ORDER BY rowid DESC LIMIT ?3 OFFSET ?4",
      "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?1"
      " AND rowid <= ?2 ORDER BY rowid DESC LIMIT ?3 OFFSET ?4" },
  };
  gboolean bounded = from != G_MAXINT64;
  g_autoptr(NfStmt) stmt = prepare (self, sql[match != NULL][bounded], error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  if (match != NULL)
    bind_str (stmt, 1, match);
  if (bounded)
    sqlite3_bind_int64 (stmt, 2, from);
  sqlite3_bind_int64 (stmt, 3, limit);
  sqlite3_bind_int64 (stmt, 4, skip);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 key = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (keys, key);
    }
  return rc == SQLITE_DONE ? TRUE : set_error (self, rc, error);
}

/* The index in @marks of the last mark at or before @index (-1: none). */
static int
mark_before (GArray *marks,
             guint   index)
{
  int lo = 0, hi = (int) marks->len - 1, found = -1;

  while (lo <= hi)
    {
      int mid = (lo + hi) / 2;

      if (g_array_index (marks, Mark, mid).index <= index)
        {
          found = mid;
          lo = mid + 1;
        }
      else
        hi = mid - 1;
    }
  return found;
}

/* The key at position @index * SEARCH_STRIDE, found from the nearest
 * mark before it (or from the top, which skips some three times faster
 * than a bounded scan) and kept as a mark.  FALSE with no error when
 * there is no such position. */
static gboolean
find_mark (NfStore      *self,
           const char   *match,
           SearchState  *state,
           guint         index,
           gint64       *key,
           GError      **error)
{
  int before = mark_before (state->marks, index);
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (gint64));
  Mark mark = { index, 0 };
  gint64 from = G_MAXINT64;
  guint skip = index * SEARCH_STRIDE;

  if (before >= 0)
    {
      Mark *near = &g_array_index (state->marks, Mark, before);

      if (near->index == index)
        {
          *key = near->key;
          return TRUE;
        }
      if ((index - near->index) * 3 < index)
        {
          from = near->key;
          skip = (index - near->index) * SEARCH_STRIDE;
        }
    }
  if (!keys_from (self, match, from, skip, 1, found, error) || found->len == 0)
    return FALSE;
  *key = mark.key = g_array_index (found, gint64, 0);
  g_array_insert_val (state->marks, before + 1, mark);
  return TRUE;
}

/* The order keys of the page at @offset, from the mark before it. */
static gboolean
page_keys (NfStore      *self,
           const char   *match,
           SearchState  *state,
           guint         offset,
           guint         limit,
           GArray       *page,
           GError      **error)
{
  guint index = offset / SEARCH_STRIDE;
  g_autoptr(GError) local_error = NULL;
  gint64 from = G_MAXINT64;
  gboolean paged = FALSE;
  guint total = 0;

  /* A prefix counted before: scanning again costs less than FTS5's
   * merge for the page. */
  if (match != NULL &&
      try_prefix_scan (self, match, offset, limit, &total, page, &paged) &&
      paged)
    return TRUE;
  if (index > 0 && !find_mark (self, match, state, index, &from, &local_error))
    {
      if (local_error == NULL)
        return TRUE;    /* past the last match */
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return keys_from (self, match, from, offset - index * SEARCH_STRIDE, limit,
                    page, error);
}

/* The article ids of order keys. */
static GPtrArray *
ids_of_keys (NfStore  *self,
             GArray   *keys,
             GError  **error)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  NfStmt *stmt = prepare (self, "SELECT id FROM articles WHERE order_key = ?",
                          error);

  if (stmt == NULL)
    return NULL;
  for (guint i = 0; i < keys->len; i++)
    {
      int rc;

      sqlite3_bind_int64 (stmt, 1, g_array_index (keys, gint64, i));
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        g_ptr_array_add (ids, column_dup (stmt, 0));
      sqlite3_reset (stmt);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        {
          set_error (self, rc, error);
          return NULL;
        }
    }
  return g_steal_pointer (&ids);
}

/* The page of @match (NULL: all) inside the search's read transaction. */
static GPtrArray *
search_page (NfStore     *self,
             const char  *match,
             guint        offset,
             guint        limit,
             guint       *total,
             GError     **error)
{
  g_autoptr(GArray) keys = g_array_new (FALSE, FALSE, sizeof (gint64));
  SearchState *state;
  gboolean paged = FALSE;

  if (!searches_for_snapshot (self, error))
    return NULL;
  state = search_state (self, match, offset, limit, keys, &paged, error);
  if (state == NULL)
    return NULL;
  *total = state->total;
  if (!paged && offset < state->total && limit > 0 &&
      !page_keys (self, match, state, offset, limit, keys, error))
    return NULL;
  return ids_of_keys (self, keys, error);
}

GPtrArray *
nf_store_search (NfStore     *self,
                 const char  *query,
                 guint        offset,
                 guint        limit,
                 guint       *total,
                 GError     **error)
{
  g_autofree char *match = NULL;
  GPtrArray *ids;
  guint count = 0;
  gboolean own;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (query != NULL, NULL);

  if (!is_blank (query) && (match = _nf_store_fts_query (query, error)) == NULL)
    return NULL;
  limit = MIN (limit, NF_STORE_MAX_PAGE);

  /* One read transaction, so the total and the page agree.  Inside a
   * caller's write transaction the data may change under the
   * SearchStates, so they are not kept. */
  own = self->depth == 0;
  if (own && !exec (self, "BEGIN", error))
    return NULL;
  if (!own)
    g_hash_table_remove_all (self->searches);
  ids = search_page (self, match, offset, limit, &count, error);
  if (!own)
    g_hash_table_remove_all (self->searches);
  if (own)
    sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL);
  if (total != NULL)
    *total = count;
  return ids;
}

/* ---- article fields -------------------------------------------------- */

typedef enum
{
  FIELD_STRING,
  FIELD_STRINGS,
  FIELD_STORY,
  FIELD_QUOTES,
  FIELD_FIGURES,
  FIELD_DATES,
  FIELD_ENTITIES,
} FieldKind;

/* Columns of the SELECT in nf_store_get_article_fields(). */
static const struct
{
  const char *name;
  FieldKind   kind;
  int         column;
} article_fields[] = {
  { "Id", FIELD_STRING, 1 },
  { "Source", FIELD_STRING, 2 },
  { "Headline", FIELD_STRING, 3 },
  { "Byline", FIELD_STRINGS, 4 },
  { "Agency", FIELD_STRING, 5 },
  { "Dateline", FIELD_STRING, 6 },
  { "Published", FIELD_STRING, 7 },
  { "Brief", FIELD_STRING, 8 },
  { "Quotes", FIELD_QUOTES, 0 },
  { "Figures", FIELD_FIGURES, 0 },
  { "Dates", FIELD_DATES, 0 },
  { "Entities", FIELD_ENTITIES, 0 },
  { "Story", FIELD_STORY, 9 },
};

const char *const *
nf_store_article_fields (void)
{
  static const char *names[G_N_ELEMENTS (article_fields) + 1];
  static gsize ready;

  /* Reader threads ask at once. */
  if (g_once_init_enter (&ready))
    {
      for (guint i = 0; i < G_N_ELEMENTS (article_fields); i++)
        names[i] = article_fields[i].name;
      g_once_init_leave (&ready, 1);
    }
  return names;
}

static int
field_index (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (article_fields); i++)
    if (g_strcmp0 (article_fields[i].name, name) == 0)
      return i;
  return -1;
}

gboolean
nf_store_is_article_field (const char *field)
{
  return field_index (field) >= 0;
}

static GVariant *
strings_variant (const char *joined)
{
  g_auto(GStrv) parts = NULL;

  if (joined == NULL || *joined == '\0')
    return g_variant_new_strv (NULL, 0);
  parts = g_strsplit (joined, "\n", -1);
  return g_variant_new_strv ((const char *const *) parts, -1);
}

static GVariant *
story_variant (const char *story)
{
  g_autofree char *path = NULL;

  if (story == NULL || *story == '\0')
    return g_variant_new_object_path ("/");
  path = g_strconcat (NF_DBUS_STORY_PATH "/", story, NULL);
  if (!g_variant_is_object_path (path))
    return g_variant_new_object_path ("/");
  return g_variant_new_object_path (path);
}

/* Reads one facts table of an article as an array of tuples. */
static GVariant *
facts_variant (NfStore    *self,
               FieldKind   kind,
               gint64      rowid,
               GError    **error)
{
  static const char *const sql[] = {
    [FIELD_QUOTES] = "SELECT text, speaker, speaker_role, speaker_kind, verb,"
                     " partial, start, end FROM quotes WHERE article = ?"
                     " ORDER BY seq",
    [FIELD_FIGURES] = "SELECT text, kind, value, unit, qualifier, subject,"
                      " start, end FROM figures WHERE article = ? ORDER BY seq",
    [FIELD_DATES] = "SELECT text, value, start, end FROM dates"
                    " WHERE article = ? ORDER BY seq",
    [FIELD_ENTITIES] = "SELECT name, kind, aliases, role, mentions"
                       " FROM entities WHERE article = ? ORDER BY seq",
  };
  static const char *const types[] = {
    [FIELD_QUOTES] = "a(sssssbuu)",
    [FIELD_FIGURES] = "a(ssdsssuu)",
    [FIELD_DATES] = "a(ssuu)",
    [FIELD_ENTITIES] = "a(ssasu)",
  };
  g_autoptr(NfStmt) stmt = prepare (self, sql[kind], error);
  GVariantBuilder builder;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, rowid);
  g_variant_builder_init (&builder, G_VARIANT_TYPE (types[kind]));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
#define S(i) column_str (stmt, i)
#define U(i) ((guint32) sqlite3_column_int64 (stmt, i))
      if (kind == FIELD_QUOTES)
        g_variant_builder_add (&builder, "(sssssbuu)", S (0), S (1), S (2),
                               S (3), S (4), sqlite3_column_int (stmt, 5) != 0,
                               U (6), U (7));
      else if (kind == FIELD_FIGURES)
        g_variant_builder_add (&builder, "(ssdsssuu)", S (0), S (1),
                               sqlite3_column_type (stmt, 2) == SQLITE_NULL
                                 ? NAN : sqlite3_column_double (stmt, 2),
                               S (3), S (4), S (5), U (6), U (7));
      else if (kind == FIELD_DATES)
        g_variant_builder_add (&builder, "(ssuu)", S (0), S (1), U (2), U (3));
      else
        g_variant_builder_add (&builder, "(ss@asu)", S (0), S (1),
                               strings_variant (S (2)), S (3), U (4));
#undef S
#undef U
    }
  if (rc != SQLITE_DONE)
    {
      g_variant_builder_clear (&builder);
      set_error (self, rc, error);
      return NULL;
    }
  return g_variant_builder_end (&builder);
}

static GVariant *
field_variant (NfStore    *self,
               NfStmt     *row,
               int         field,
               GError    **error)
{
  int column = article_fields[field].column;

  switch (article_fields[field].kind)
    {
    case FIELD_STRING:
      return g_variant_new_string (column_str (row, column));
    case FIELD_STRINGS:
      return strings_variant (column_str (row, column));
    case FIELD_STORY:
      return story_variant (column_str (row, column));
    case FIELD_QUOTES:
    case FIELD_FIGURES:
    case FIELD_DATES:
    case FIELD_ENTITIES:
    default:
      return facts_variant (self, article_fields[field].kind,
                            sqlite3_column_int64 (row, 0), error);
    }
}

GVariant *
nf_store_get_article_fields (NfStore            *self,
                             const char         *id,
                             const char *const  *fields,
                             GError            **error)
{
  g_autoptr(NfStmt) row = NULL;
  GVariantBuilder builder;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);

  if (fields == NULL)
    fields = nf_store_article_fields ();
  for (guint i = 0; fields[i] != NULL; i++)
    if (field_index (fields[i]) < 0)
      {
        g_set_error (error, NF_ERROR, NF_ERROR_INVALID_ARGS,
                     "“%s” is not a field of articles", fields[i]);
        return NULL;
      }

  row = prepare (self,
                 "SELECT rowid, id, source, headline, byline, agency, dateline,"
                 " published, brief, story FROM articles WHERE id = ?", error);
  if (row == NULL)
    return NULL;
  bind_str (row, 1, id);
  if (!step_row (self, row, "article", id, error))
    return NULL;

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  for (guint i = 0; fields[i] != NULL; i++)
    {
      GVariant *value = field_variant (self, row, field_index (fields[i]),
                                       error);

      if (value == NULL)
        {
          g_variant_builder_clear (&builder);
          return NULL;
        }
      g_variant_builder_add (&builder, "{sv}", fields[i], value);
    }
  return g_variant_builder_end (&builder);
}

/* ---- stories --------------------------------------------------------- */

gboolean
nf_store_put_story (NfStore     *self,
                    const char  *story_id,
                    const char  *title,
                    const char  *json,
                    GError     **error)
{
  g_autoptr(NfStmt) stmt = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (story_id != NULL, FALSE);

  stmt = prepare (self,
                  "INSERT INTO stories (id, title, json, updated)"
                  " VALUES (?1, ?2, ?3, ?4) ON CONFLICT (id) DO UPDATE"
                  " SET title = ?2, json = ?3, updated = ?4", error);
  if (stmt == NULL)
    return FALSE;
  bind_str (stmt, 1, story_id);
  bind_str (stmt, 2, title != NULL ? title : "");
  bind_str (stmt, 3, json != NULL ? json : "{}");
  sqlite3_bind_int64 (stmt, 4, g_get_real_time () / G_USEC_PER_SEC);
  return step_done (self, stmt, error);
}

gboolean
nf_store_remove_story (NfStore     *self,
                       const char  *story_id,
                       GError     **error)
{
  g_autoptr(NfStmt) stmt = NULL;
  gboolean ok;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (story_id != NULL, FALSE);

  if (!savepoint (self, error))
    return FALSE;
  stmt = prepare (self, "DELETE FROM stories WHERE id = ?", error);
  ok = stmt != NULL;
  if (ok)
    {
      bind_str (stmt, 1, story_id);
      ok = step_done (self, stmt, error);
      stmt_release (g_steal_pointer (&stmt));
    }
  if (ok)
    ok = nf_store_set_article_story (self, NULL, story_id, error);
  return release (self, ok, ok ? error : NULL);
}

gboolean
nf_store_get_story (NfStore     *self,
                    const char  *story_id,
                    char       **title,
                    char       **json,
                    GError     **error)
{
  g_autoptr(NfStmt) stmt = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (story_id != NULL, FALSE);

  stmt = prepare (self, "SELECT title, json FROM stories WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  bind_str (stmt, 1, story_id);
  if (!step_row (self, stmt, "story", story_id, error))
    return FALSE;
  if (title != NULL)
    *title = column_dup (stmt, 0);
  if (json != NULL)
    *json = column_dup (stmt, 1);
  return TRUE;
}

/* Rewrites the "story" key of the cached facts JSON, so GetJson() agrees
 * with the Story property. */
static char *
json_with_story (const char *json,
                 const char *story_id)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *object;

  if (!json_parser_load_from_data (parser, json, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return g_strdup (json);
  object = json_node_get_object (json_parser_get_root (parser));
  if (story_id != NULL)
    json_object_set_string_member (object, "story", story_id);
  else
    json_object_set_null_member (object, "story");
  return facts_to_string (json_parser_get_root (parser));
}

static gboolean
set_one_article_story (NfStore     *self,
                       const char  *id,
                       const char  *story_id,
                       GError     **error)
{
  g_autofree char *json = NULL;
  g_autofree char *new_json = NULL;
  g_autoptr(NfStmt) stmt = NULL;
  gint64 rowid;

  if (!find_article (self, id, &rowid, NULL, &json, NULL))
    {
      not_found (error, "article", id);
      return FALSE;
    }
  new_json = json_with_story (json, story_id);
  stmt = prepare (self, "UPDATE articles SET story = ? WHERE rowid = ?", error);
  if (stmt == NULL)
    return FALSE;
  bind_str (stmt, 1, story_id);
  sqlite3_bind_int64 (stmt, 2, rowid);
  if (!step_done (self, stmt, error))
    return FALSE;
  stmt_release (g_steal_pointer (&stmt));
  stmt = prepare (self, "UPDATE article_texts SET json = ? WHERE article = ?",
                  error);
  if (stmt == NULL)
    return FALSE;
  bind_str (stmt, 1, new_json);
  sqlite3_bind_int64 (stmt, 2, rowid);
  return step_done (self, stmt, error);
}

/* With @id NULL, takes every article out of the story @story_id. */
gboolean
nf_store_set_article_story (NfStore     *self,
                            const char  *id,
                            const char  *story_id,
                            GError     **error)
{
  g_autoptr(GPtrArray) members = NULL;
  gboolean ok = TRUE;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (id != NULL || story_id != NULL, FALSE);

  if (!savepoint (self, error))
    return FALSE;
  if (id != NULL)
    ok = set_one_article_story (self, id, story_id, error);
  else
    {
      members = nf_store_list_story_articles (self, story_id, error);
      ok = members != NULL;
      for (guint i = 0; ok && i < members->len; i++)
        ok = set_one_article_story (self, g_ptr_array_index (members, i),
                                    NULL, error);
    }
  return release (self, ok, ok ? error : NULL);
}

char *
nf_store_get_article_story (NfStore     *self,
                            const char  *id,
                            GError     **error)
{
  g_autofree char *story = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);

  if (!find_article (self, id, NULL, NULL, NULL, &story))
    {
      not_found (error, "article", id);
      return NULL;
    }
  return g_steal_pointer (&story);
}

GPtrArray *
nf_store_list_stories (NfStore     *self,
                       guint        offset,
                       guint        limit,
                       guint       *total,
                       GError     **error)
{
  g_autoptr(NfStmt) stmt = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  if (!count_rows (self, "SELECT count(*) FROM stories", NULL, total, error))
    return NULL;
  /* Latest first: by the newest article of each story. */
  stmt = prepare (self,
                  "SELECT s.id FROM stories s ORDER BY"
                  " (SELECT max(sort_key) FROM articles a WHERE a.story = s.id)"
                  " DESC, s.updated DESC, s.id LIMIT ? OFFSET ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, MIN (limit, NF_STORE_MAX_PAGE));
  sqlite3_bind_int64 (stmt, 2, offset);
  return collect_ids (self, stmt, error);
}

GPtrArray *
nf_store_list_story_articles (NfStore     *self,
                              const char  *story_id,
                              GError     **error)
{
  g_autoptr(NfStmt) stmt = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (story_id != NULL, NULL);

  stmt = prepare (self,
                  "SELECT id FROM articles WHERE story = ?"
                  " ORDER BY order_key", error);
  if (stmt == NULL)
    return NULL;
  bind_str (stmt, 1, story_id);
  return collect_ids (self, stmt, error);
}

/* ---- files of watched folders ---------------------------------------- */

gboolean
nf_store_get_file (NfStore     *self,
                   const char  *path,
                   char       **article_id,
                   gint64      *mtime,
                   gint64      *size)
{
  g_autoptr(NfStmt) stmt = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  stmt = prepare (self, "SELECT article, mtime, size FROM files"
                        " WHERE path = ?", NULL);
  if (stmt == NULL)
    return FALSE;
  bind_str (stmt, 1, path);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return FALSE;
  if (article_id != NULL)
    *article_id = column_dup (stmt, 0);
  if (mtime != NULL)
    *mtime = sqlite3_column_int64 (stmt, 1);
  if (size != NULL)
    *size = sqlite3_column_int64 (stmt, 2);
  return TRUE;
}

gboolean
nf_store_put_file (NfStore     *self,
                   const char  *path,
                   const char  *article_id,
                   gint64       mtime,
                   gint64       size,
                   GError     **error)
{
  g_autoptr(NfStmt) stmt = NULL;
  g_autofree char *folder = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  folder = g_path_get_dirname (path);
  stmt = prepare (self,
                  "INSERT OR REPLACE INTO files (path, folder, article, mtime,"
                  " size) VALUES (?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  bind_str (stmt, 1, path);
  bind_str (stmt, 2, folder);
  bind_str (stmt, 3, article_id);
  sqlite3_bind_int64 (stmt, 4, mtime);
  sqlite3_bind_int64 (stmt, 5, size);
  return step_done (self, stmt, error);
}

gboolean
nf_store_remove_file (NfStore     *self,
                      const char  *path,
                      GError     **error)
{
  g_autoptr(NfStmt) stmt = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  stmt = prepare (self, "DELETE FROM files WHERE path = ?", error);
  if (stmt == NULL)
    return FALSE;
  bind_str (stmt, 1, path);
  return step_done (self, stmt, error);
}

GPtrArray *
nf_store_list_files (NfStore     *self,
                     const char  *folder,
                     GError     **error)
{
  g_autoptr(NfStmt) stmt = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (folder != NULL, NULL);

  stmt = prepare (self, "SELECT path FROM files WHERE folder = ?", error);
  if (stmt == NULL)
    return NULL;
  bind_str (stmt, 1, folder);
  return collect_ids (self, stmt, error);
}

guint
nf_store_count_file_refs (NfStore    *self,
                          const char *article_id)
{
  guint count = 0;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (article_id != NULL, 0);

  count_rows (self, "SELECT count(*) FROM files WHERE article = ?",
              article_id, &count, NULL);
  return count;
}

/* ---- meta ------------------------------------------------------------ */

char *
nf_store_get_meta (NfStore    *self,
                   const char *key)
{
  g_autoptr(NfStmt) stmt = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (key != NULL, NULL);

  stmt = prepare (self, "SELECT value FROM meta WHERE key = ?", NULL);
  if (stmt == NULL)
    return NULL;
  bind_str (stmt, 1, key);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  return column_dup (stmt, 0);
}

gboolean
nf_store_set_meta (NfStore     *self,
                   const char  *key,
                   const char  *value,
                   GError     **error)
{
  g_autoptr(NfStmt) stmt = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  stmt = prepare (self, "INSERT OR REPLACE INTO meta (key, value)"
                        " VALUES (?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  bind_str (stmt, 1, key);
  bind_str (stmt, 2, value);
  return step_done (self, stmt, error);
}
