/* nf-store.h: the SQLite store of articles and their facts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One NfStore is one SQLite connection and must only be used by one thread
 * at a time.  The service keeps one writer and one or more readers on the
 * same file (WAL lets readers go on while the writer writes).
 *
 * Every write function runs in a transaction of its own, or in a savepoint
 * when the caller already opened one with nf_store_begin(), so a killed
 * process never leaves half an article.  Every SQLite error reaches the
 * caller as NF_ERROR_STORAGE (or NF_ERROR_BUSY), mapped in one place.
 */

#pragma once

#include <glib.h>

#include "nf-article.h"

G_BEGIN_DECLS

#define NF_STORE_SCHEMA_VERSION 4

/* D-Bus names of the contract in data/io.github.newsfacts.Facts1.xml. */
#define NF_DBUS_NAME          "io.github.newsfacts.Facts1"
#define NF_DBUS_PATH          "/io/github/newsfacts/Facts1"
#define NF_DBUS_ARTICLE_PATH  NF_DBUS_PATH "/article"
#define NF_DBUS_STORY_PATH    NF_DBUS_PATH "/story"

/* Search() and GetArticles() pages are capped at this many items. */
#define NF_STORE_MAX_PAGE 1000

typedef struct _NfStore NfStore;

typedef enum
{
  NF_STORE_PUT_NONE,       /* nothing changed (same article, same facts) */
  NF_STORE_PUT_ADDED,
  NF_STORE_PUT_CHANGED,    /* already there; its facts were replaced */
} NfStorePutResult;

NfStore          *nf_store_open                 (const char       *path,
                                                 GError          **error);
void              nf_store_close                (NfStore          *store);
const char       *nf_store_get_path             (NfStore          *store);

/* TRUE when this open created the database (a first start). */
gboolean          nf_store_is_new               (NfStore          *store);

/* A transaction around several writes (batched imports).  Calls nest: an
 * inner level is a savepoint that rolls back alone. */
gboolean          nf_store_begin                (NfStore          *store,
                                                 GError          **error);
gboolean          nf_store_commit               (NfStore          *store,
                                                 GError          **error);
void              nf_store_rollback             (NfStore          *store);

/* Articles.  Ids are the content hashes of NfArticle.id. */
gboolean          nf_store_put_article          (NfStore          *store,
                                                 const NfArticle  *article,
                                                 const char       *fallback_published,
                                                 gboolean          replace,
                                                 NfStorePutResult *result,
                                                 GError          **error);
/* The same, with the article's story signature made by the caller
 * (nf_story_signature_to_string ()) instead of here; NULL: made here. */
gboolean          nf_store_put_signed_article   (NfStore          *store,
                                                 const NfArticle  *article,
                                                 const char       *signature,
                                                 const char       *fallback_published,
                                                 gboolean          replace,
                                                 NfStorePutResult *result,
                                                 GError          **error);
gboolean          nf_store_remove_article       (NfStore          *store,
                                                 const char       *id,
                                                 GError          **error);
gboolean          nf_store_has_article          (NfStore          *store,
                                                 const char       *id);
guint             nf_store_count_articles       (NfStore          *store,
                                                 GError          **error);
char             *nf_store_get_json             (NfStore          *store,
                                                 const char       *id,
                                                 GError          **error);
char             *nf_store_get_text             (NfStore          *store,
                                                 const char       *id,
                                                 GError          **error);
NfArticle        *nf_store_load_article         (NfStore          *store,
                                                 const char       *id,
                                                 GError          **error);
/* An article as it was stored, read back without parsing it again: id,
 * source, text, headline, published, story, quotes, figures and entities
 * (no blocks, sentences, dates…).  *@exact is FALSE when the stored facts
 * cannot give back exactly what parsing gives (a figure value kept as
 * null, an empty alias). */
NfArticle        *nf_store_load_facts           (NfStore          *store,
                                                 const char       *id,
                                                 gboolean         *exact,
                                                 GError          **error);
/* The article's story signature (nf_story_signature_to_string ()), or
 * NULL for one stored by an older schema. */
char             *nf_store_get_signature        (NfStore          *store,
                                                 const char       *id,
                                                 GError          **error);
/* What an article was parsed from: its name, text and the fallback
 * publication date it was given (or NULL). */
gboolean          nf_store_get_input            (NfStore          *store,
                                                 const char       *id,
                                                 char            **source,
                                                 char            **text,
                                                 char            **fallback_published,
                                                 GError          **error);
/* Ids of up to @limit articles stored after the one at @after (0 for the
 * first), in storage order; *@last is where the next page starts. */
GPtrArray        *nf_store_list_ids_after       (NfStore          *store,
                                                 gint64            after,
                                                 guint             limit,
                                                 gint64           *last,
                                                 GError          **error);

/* Story signatures (nf_story_signature_to_string()) of up to @limit
 * articles stored after the one at @after (0 for the first), to rebuild a
 * story index at start; *@last is where the next page starts.  Articles
 * without one (stored by an older schema) are left out. */
GPtrArray        *nf_store_list_signatures      (NfStore          *store,
                                                 gint64            after,
                                                 guint             limit,
                                                 gint64           *last,
                                                 GError          **error);

/* Ids of a page of articles, newest first.  An empty @query lists all. */
GPtrArray        *nf_store_search               (NfStore          *store,
                                                 const char       *query,
                                                 guint             offset,
                                                 guint             limit,
                                                 guint            *total,
                                                 GError          **error);

/* Article fields by their D-Bus property name ("Headline", "Quotes", …),
 * as an a{sv}.  NULL @fields means every field. */
gboolean          nf_store_is_article_field     (const char       *field);
const char *const *nf_store_article_fields      (void);
GVariant         *nf_store_get_article_fields   (NfStore          *store,
                                                 const char       *id,
                                                 const char *const *fields,
                                                 GError          **error);

/* Stories.  A story has an id, a title and a JSON document of its own;
 * each article belongs to at most one story. */
gboolean          nf_store_put_story            (NfStore          *store,
                                                 const char       *story_id,
                                                 const char       *title,
                                                 const char       *json,
                                                 GError          **error);
gboolean          nf_store_remove_story         (NfStore          *store,
                                                 const char       *story_id,
                                                 GError          **error);
gboolean          nf_store_get_story            (NfStore          *store,
                                                 const char       *story_id,
                                                 char            **title,
                                                 char            **json,
                                                 GError          **error);
gboolean          nf_store_set_article_story    (NfStore          *store,
                                                 const char       *id,
                                                 const char       *story_id,
                                                 GError          **error);
char             *nf_store_get_article_story    (NfStore          *store,
                                                 const char       *id,
                                                 GError          **error);
GPtrArray        *nf_store_list_stories         (NfStore          *store,
                                                 guint             offset,
                                                 guint             limit,
                                                 guint            *total,
                                                 GError          **error);
GPtrArray        *nf_store_list_story_articles  (NfStore          *store,
                                                 const char       *story_id,
                                                 GError          **error);

/* Files of watched folders and the article each one gave. */
gboolean          nf_store_get_file             (NfStore          *store,
                                                 const char       *path,
                                                 char            **article_id,
                                                 gint64           *mtime,
                                                 gint64           *size);
gboolean          nf_store_put_file             (NfStore          *store,
                                                 const char       *path,
                                                 const char       *article_id,
                                                 gint64            mtime,
                                                 gint64            size,
                                                 GError          **error);
gboolean          nf_store_remove_file          (NfStore          *store,
                                                 const char       *path,
                                                 GError          **error);
/* Paths of stored files under @folder (direct children only). */
GPtrArray        *nf_store_list_files           (NfStore          *store,
                                                 const char       *folder,
                                                 GError          **error);
guint             nf_store_count_file_refs      (NfStore          *store,
                                                 const char       *article_id);

/* Small settings kept in the database. */
char             *nf_store_get_meta             (NfStore          *store,
                                                 const char       *key);
gboolean          nf_store_set_meta             (NfStore          *store,
                                                 const char       *key,
                                                 const char       *value,
                                                 GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NfStore, nf_store_close)

G_END_DECLS
