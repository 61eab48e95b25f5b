/* nf-story-impl.c: io.github.newsfacts.Facts1.Story, and the stories
 * kept up to date as articles come and go
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The writer thread keeps an NfStoryIndex of the newest articles: each new
 * article joins a story there before it is stored, and each story that
 * changed gets its JSON (title, articles, figures with their agreement,
 * people, organisations, quotes by speaker) rewritten from its stored
 * articles.  Story objects are served on demand on a reader thread from
 * that JSON, so reading a story costs one row.
 */

#define G_LOG_DOMAIN "newsfactsd"

#include "config.h"

#include <json-glib/json-glib.h>

#include "nf-error.h"
#include "nf-story.h"
#include "nf-story-impl.h"

/* Stories are events of days or weeks: a new article is compared with
 * this many of the newest ones (stored or ingested since), which keeps
 * the index small when the store holds 100,000 articles and while the
 * service runs for long. */
#define INDEX_ARTICLES      2000
#define CHANGED_BATCH_MSEC  100

struct _NfStoryKeeper
{
  NfStoryIndex *index;
  guint         index_articles;   /* INDEX_ARTICLES but in tests */
  gboolean      loaded;
  GHashTable   *dirty;      /* story ids to rewrite */
};

NfStoryKeeper *
nf_story_keeper_new (void)
{
  return nf_story_keeper_new_sized (INDEX_ARTICLES);
}

/**
 * nf_story_keeper_new_sized:
 * @index_articles: how many of the newest articles the index keeps
 *
 * For tests, which cannot store thousands of articles to see the index
 * drop the oldest.
 */
NfStoryKeeper *
nf_story_keeper_new_sized (guint index_articles)
{
  NfStoryKeeper *self;

  g_return_val_if_fail (index_articles > 0, NULL);

  self = g_new0 (NfStoryKeeper, 1);
  self->index_articles = index_articles;
  self->index = nf_story_index_new (NULL);
  self->dirty = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  return self;
}

void
nf_story_keeper_free (NfStoryKeeper *self)
{
  if (self == NULL)
    return;
  nf_story_index_free (self->index);
  g_hash_table_unref (self->dirty);
  g_free (self);
}

static void
mark_dirty (NfStoryKeeper *self,
            const char    *story_id)
{
  if (story_id != NULL)
    g_hash_table_add (self->dirty, g_strdup (story_id));
}

/* The signature of a stored article: the one stored with it, or for an
 * article stored by an older schema, made from its text again. */
static NfStorySignature *
stored_signature (NfStore     *store,
                  const char  *id,
                  GError     **error)
{
  g_autofree char *text = nf_store_get_signature (store, id, error);
  g_autoptr(NfArticle) article = NULL;
  NfStorySignature *signature = NULL;

  if (text != NULL)
    signature = nf_story_signature_parse (text);
  if (signature != NULL || (error != NULL && *error != NULL))
    return signature;
  article = nf_store_load_article (store, id, error);
  return article != NULL ? nf_story_signature_new (article) : NULL;
}

/* Puts one stored article in the index: in the story it was filed under,
 * or, for articles stored before they had stories, in a story now. */
static void
load_one (NfStoryKeeper *self,
          NfStore       *store,
          const char    *id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *filed = NULL;
  NfStorySignature *signature = stored_signature (store, id, &error);
  const char *story;

  if (signature != NULL)
    filed = nf_store_get_article_story (store, id, &error);
  if (signature == NULL || error != NULL)
    {
      g_message ("stories: article %s: %s", id, error->message);
      nf_story_signature_free (signature);
      return;
    }
  if (filed != NULL)
    {
      nf_story_index_insert (self->index, signature, filed);
      return;
    }
  story = nf_story_index_add (self->index, signature, NULL);
  if (story != NULL && nf_store_set_article_story (store, id, story, &error))
    mark_dirty (self, story);
  else if (error != NULL)
    g_message ("stories: article %s: %s", id, error->message);
}

/* On first use, the newest stored articles, oldest first so that stories
 * form as they would have. */
static gboolean
ensure_loaded (NfStoryKeeper  *self,
               NfStore        *store,
               GError        **error)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  guint total = 0;

  if (self->loaded)
    return TRUE;
  for (guint offset = 0; offset < self->index_articles; offset += NF_STORE_MAX_PAGE)
    {
      g_autoptr(GPtrArray) page = nf_store_search (store, "", offset,
                                                   NF_STORE_MAX_PAGE, &total, error);

      if (page == NULL)
        return FALSE;
      for (guint i = 0; i < page->len; i++)
        g_ptr_array_add (ids, g_strdup (g_ptr_array_index (page, i)));
      if (page->len < NF_STORE_MAX_PAGE)
        break;
    }
  for (guint i = ids->len; i > 0; i--)
    load_one (self, store, g_ptr_array_index (ids, i - 1));
  self->loaded = TRUE;

  return TRUE;
}

/* Files @article in the index and returns its signature as stored. */
static char *
file_new_article (NfStoryKeeper *self,
                  NfArticle     *article,
                  const char    *story_id)
{
  NfStorySignature *signature = nf_story_signature_new (article);
  char *text = nf_story_signature_to_string (signature);

  /* The index takes the signature and drops its keys. */
  if (story_id != NULL)
    nf_story_index_insert (self->index, signature, story_id);
  else
    nf_story_index_add (self->index, signature, NULL);
  return text;
}

/**
 * nf_story_keeper_file:
 * @signature: (out) (optional): @article's story signature, for
 *   nf_store_put_signed_article (), or NULL when none was made (the
 *   article was in the index already)
 */
gboolean
nf_story_keeper_file (NfStoryKeeper  *self,
                      NfStore        *store,
                      NfArticle      *article,
                      char          **signature,
                      GError        **error)
{
  g_autofree char *stored = NULL;
  g_autofree char *made = NULL;
  const char *story;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (article != NULL && article->id != NULL, FALSE);

  if (!ensure_loaded (self, store, error))
    return FALSE;

  /* An article seen before keeps its story: a story id once published
   * does not move under a client. */
  story = nf_story_index_lookup (self->index, article->id);
  if (story == NULL && nf_store_has_article (store, article->id))
    stored = nf_store_get_article_story (store, article->id, NULL);
  if (story == NULL)
    {
      made = file_new_article (self, article, stored);
      story = nf_story_index_lookup (self->index, article->id);
    }

  g_free (article->story);
  article->story = g_strdup (story);
  nf_story_index_infer_year (self->index, article);
  mark_dirty (self, story);
  /* Only the newest articles stay in the index, as after a restart: a
   * long run must not grow it (nor the cost of comparing with it). */
  nf_story_index_trim (self->index, self->index_articles);
  if (signature != NULL)
    *signature = g_steal_pointer (&made);

  return TRUE;
}

/**
 * nf_story_keeper_forget:
 *
 * Call before the article goes from @store: its story is the index's,
 * or, when the index does not hold it (not loaded yet after a start, or
 * trimmed), the one the store files it under; a removal the index did
 * not see left that story naming the article.
 */
void
nf_story_keeper_forget (NfStoryKeeper *self,
                        NfStore       *store,
                        const char    *article_id)
{
  g_autofree char *filed = NULL;
  const char *story;

  g_return_if_fail (self != NULL);
  g_return_if_fail (store != NULL);
  g_return_if_fail (article_id != NULL);

  story = nf_story_index_remove (self->index, article_id);
  if (story == NULL)
    story = filed = nf_store_get_article_story (store, article_id, NULL);
  mark_dirty (self, story);
}

/* A story settled the year of @article's dateline after it was stored
 * (a dated article came later): store its facts again, with the settled
 * date as the date to use should the text be parsed alone. */
static gboolean
restore_if_redated (NfStore    *store,
                    NfArticle  *article,
                    GPtrArray  *changed,
                    gboolean   *restored,
                    GError    **error)
{
  static const char *const fields[] = { "Published", NULL };
  g_autoptr(GVariant) stored = nf_store_get_article_fields (store, article->id,
                                                            fields, error);
  NfStorePutResult result = NF_STORE_PUT_NONE;
  const char *published = NULL;

  if (stored == NULL)
    return FALSE;
  g_variant_lookup (stored, "Published", "&s", &published);
  if (g_strcmp0 (published, article->published) == 0)
    return TRUE;
  if (!nf_store_put_article (store, article, article->published, TRUE, &result,
                             error))
    return FALSE;
  *restored = TRUE;
  if (result != NF_STORE_PUT_NONE)
    g_ptr_array_add (changed, nf_object_id_to_path ("article", article->id));
  return TRUE;
}

/* A member of a story as the story needs it: read back from the store's
 * facts, or parsed again when the story may settle the year of its
 * dateline (which re-resolves its dates) or the facts tables cannot give
 * it back exactly. */
static NfArticle *
load_member (NfStore     *store,
             const char  *id,
             gboolean    *parsed,
             GError     **error)
{
  g_autofree char *signature = nf_store_get_signature (store, id, error);
  gboolean exact = FALSE;
  NfArticle *article = NULL;

  if (signature == NULL && error != NULL && *error != NULL)
    return NULL;
  if (signature != NULL && !nf_story_signature_string_is_yearless (signature))
    article = nf_store_load_facts (store, id, &exact, error);
  *parsed = FALSE;
  if (article != NULL && exact)
    return article;
  g_clear_pointer (&article, nf_article_free);
  if (error != NULL && *error != NULL)
    return NULL;

  *parsed = TRUE;
  return nf_store_load_article (store, id, error);
}

/* The story of its stored members, read as load_member () reads them,
 * their year-less datelines settled; those the story re-dated are stored
 * again (*@restored). */
static NfStory *
build_story (NfStore     *store,
             const char  *story_id,
             GPtrArray   *ids,
             GPtrArray   *articles,
             GPtrArray   *changed,
             gboolean    *restored,
             GError     **error)
{
  g_autoptr(NfStory) story = nf_story_new (story_id);
  g_autoptr(GArray) parsed = g_array_sized_new (FALSE, FALSE, sizeof (gboolean),
                                                ids->len);

  for (guint i = 0; i < ids->len; i++)
    {
      gboolean was_parsed = FALSE;
      NfArticle *article = load_member (store, g_ptr_array_index (ids, i),
                                        &was_parsed, error);

      if (article == NULL)
        return NULL;
      g_ptr_array_add (articles, article);
      g_array_append_val (parsed, was_parsed);
      nf_story_add_article (story, article);
    }
  /* Only a parsed member can have its date settled; one read back from
   * the facts has no dateline left to settle and must not be stored. */
  if (nf_story_settle_years (story))
    for (guint i = 0; i < articles->len; i++)
      if (g_array_index (parsed, gboolean, i)
          && !restore_if_redated (store, g_ptr_array_index (articles, i),
                                  changed, restored, error))
        return NULL;
  return g_steal_pointer (&story);
}

/* Rebuilds one story's row from its stored articles; a story left with
 * no article goes.  Adds the paths of what changed to @changed. */
static gboolean
rewrite_story (NfStore     *store,
               const char  *story_id,
               GPtrArray   *changed,
               GError     **error)
{
  g_ptr_array_add (changed, nf_object_id_to_path ("story", story_id));
  /* Members the story re-dated and stored again move in the store's
   * order of them, which orders the articles of one date in the story:
   * the story is then made again of its members as now stored, as every
   * later rewrite makes it. */
  for (guint pass = 0; ; pass++)
    {
      g_autoptr(GPtrArray) ids = nf_store_list_story_articles (store, story_id, error);
      g_autoptr(GPtrArray) articles = g_ptr_array_new_with_free_func ((GDestroyNotify) nf_article_free);
      g_autoptr(NfStory) story = NULL;
      g_autofree char *json = NULL;
      gboolean restored = FALSE;

      if (ids == NULL)
        return FALSE;
      if (ids->len == 0)
        return nf_store_remove_story (store, story_id, error);
      story = build_story (store, story_id, ids, articles, changed, &restored,
                           error);
      if (story == NULL)
        return FALSE;
      if (restored && pass == 0)
        continue;
      json = nf_story_to_json (story, FALSE);
      return nf_store_put_story (store, story_id, story->title ? story->title : "",
                                 json, error);
    }
}

/**
 * nf_story_keeper_flush:
 *
 * Returns: (transfer full): object paths of the stories that changed, and
 *   of articles whose dates their story settled, or NULL on error.
 */
GPtrArray *
nf_story_keeper_flush (NfStoryKeeper  *self,
                       NfStore        *store,
                       GError        **error)
{
  g_autoptr(GPtrArray) changed = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  gpointer id;

  g_return_val_if_fail (self != NULL, NULL);

  g_hash_table_iter_init (&iter, self->dirty);
  while (g_hash_table_iter_next (&iter, &id, NULL))
    {
      if (!rewrite_story (store, id, changed, error))
        return NULL;
      g_hash_table_iter_remove (&iter);
    }

  return g_steal_pointer (&changed);
}

/* StoriesChanged and ArticlesChanged, batched */

typedef struct
{
  NfDbusStore *store;       /* owns this */
  GPtrArray   *stories;     /* object paths */
  GPtrArray   *articles;
  guint        source;
} Pending;

static void
pending_free (Pending *pending)
{
  g_clear_handle_id (&pending->source, g_source_remove);
  g_ptr_array_unref (pending->stories);
  g_ptr_array_unref (pending->articles);
  g_free (pending);
}

static void
emit_paths (Pending   *pending,
            GPtrArray *paths,
            void     (*emit) (NfDbusStore *, const char *const *))
{
  if (paths->len == 0)
    return;
  g_ptr_array_add (paths, NULL);
  emit (pending->store, (const char *const *) paths->pdata);
  g_ptr_array_set_size (paths, 0);
}

static gboolean
emit_pending (gpointer user_data)
{
  Pending *pending = user_data;

  pending->source = 0;
  emit_paths (pending, pending->articles, nf_dbus_store_emit_articles_changed);
  emit_paths (pending, pending->stories, nf_dbus_store_emit_stories_changed);

  return G_SOURCE_REMOVE;
}

static Pending *
get_pending (NfDbusStore *store)
{
  Pending *pending = g_object_get_data (G_OBJECT (store), "nf-story-pending");

  if (pending == NULL)
    {
      pending = g_new0 (Pending, 1);
      pending->store = store;
      pending->stories = g_ptr_array_new_with_free_func (g_free);
      pending->articles = g_ptr_array_new_with_free_func (g_free);
      g_object_set_data_full (G_OBJECT (store), "nf-story-pending", pending,
                              (GDestroyNotify) pending_free);
    }
  return pending;
}

/**
 * nf_story_impl_queue_changed:
 * @paths: (nullable): what nf_story_keeper_flush() returned
 *
 * Sends StoriesChanged (and ArticlesChanged for articles whose dates a
 * story settled) once changes stop coming for a moment.
 */
void
nf_story_impl_queue_changed (NfDbusStore *store,
                             GPtrArray   *paths)
{
  Pending *pending;

  g_return_if_fail (NF_DBUS_IS_STORE (store));

  if (paths == NULL || paths->len == 0)
    return;
  pending = get_pending (store);
  for (guint i = 0; i < paths->len; i++)
    {
      const char *path = g_ptr_array_index (paths, i);
      GPtrArray *kind = g_str_has_prefix (path, NF_DBUS_STORY_PATH "/")
                        ? pending->stories : pending->articles;

      if (!g_ptr_array_find_with_equal_func (kind, path, g_str_equal, NULL))
        g_ptr_array_add (kind, g_strdup (path));
    }
  if (pending->source == 0)
    pending->source = g_timeout_add (CHANGED_BATCH_MSEC, emit_pending, pending);
}

/* The Story object (reader threads) */

static gboolean
wants (const char *const *names,
       const char        *name)
{
  return names == NULL || g_strv_contains (names, name);
}

static const char *
member_string (JsonObject *object,
               const char *name)
{
  const char *value = NULL;

  if (json_object_has_member (object, name)
      && JSON_NODE_HOLDS_VALUE (json_object_get_member (object, name)))
    value = json_object_get_string_member (object, name);
  return value != NULL ? value : "";
}

static GVariant *
articles_variant (JsonObject *root)
{
  JsonArray *articles = json_object_get_array_member (root, "articles");
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("ao"));
  for (guint i = 0; articles != NULL && i < json_array_get_length (articles); i++)
    {
      JsonObject *article = json_array_get_object_element (articles, i);
      g_autofree char *path = nf_object_id_to_path ("article",
                                                    member_string (article, "id"));

      g_variant_builder_add (&builder, "o", path);
    }

  return g_variant_builder_end (&builder);
}

/* The values agree but a qualifier differs ("at least 13 percent" against
 * "13 percent"): worth showing apart from plain agreement. */
static const char *
figure_agreement (JsonObject *figure)
{
  const char *agreement = member_string (figure, "agreement");
  JsonArray *differences = NULL;

  if (json_object_has_member (figure, "differences"))
    differences = json_object_get_array_member (figure, "differences");
  if (g_strcmp0 (agreement, "agree") == 0 && differences != NULL
      && json_array_get_length (differences) > 0)
    return "qualifier";
  return agreement;
}

static GVariant *
figures_variant (JsonObject *root)
{
  JsonArray *figures = json_object_get_array_member (root, "figures");
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(ssdssus)"));
  for (guint i = 0; figures != NULL && i < json_array_get_length (figures); i++)
    {
      JsonObject *figure = json_array_get_object_element (figures, i);
      JsonNode *value = json_object_get_member (figure, "value");

      g_variant_builder_add (&builder, "(ssdssus)",
                             member_string (figure, "text"),
                             member_string (figure, "kind"),
                             value != NULL && JSON_NODE_HOLDS_VALUE (value)
                             ? json_node_get_double (value) : 0.0,
                             member_string (figure, "unit"),
                             member_string (figure, "subject"),
                             (guint32) json_object_get_int_member (figure, "articles"),
                             figure_agreement (figure));
    }

  return g_variant_builder_end (&builder);
}

static GVariant *
story_get_properties (NfStore            *store,
                      const char         *id,
                      const char *const  *names,
                      GError            **error)
{
  g_autofree char *title = NULL;
  g_autofree char *json = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  GVariantBuilder builder;
  JsonObject *root;

  if (!nf_store_get_story (store, id, &title, &json, error))
    return NULL;
  if (!json_parser_load_from_data (parser, json, -1, NULL)
      || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, NF_ERROR, NF_ERROR_STORAGE, "story %s is damaged", id);
      return NULL;
    }
  root = json_node_get_object (json_parser_get_root (parser));

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  if (wants (names, "Id"))
    g_variant_builder_add (&builder, "{sv}", "Id", g_variant_new_string (id));
  if (wants (names, "Title"))
    g_variant_builder_add (&builder, "{sv}", "Title",
                           g_variant_new_string (title != NULL ? title : ""));
  if (wants (names, "Articles"))
    g_variant_builder_add (&builder, "{sv}", "Articles", articles_variant (root));
  if (wants (names, "Figures"))
    g_variant_builder_add (&builder, "{sv}", "Figures", figures_variant (root));

  return g_variant_builder_end (&builder);
}

static GVariant *
story_call_method (NfStore     *store,
                   const char  *id,
                   const char  *method,
                   GVariant    *parameters,
                   GError     **error)
{
  g_autofree char *title = NULL;
  g_autofree char *json = NULL;

  if (g_strcmp0 (method, "GetJson") != 0)
    {
      g_set_error (error, NF_ERROR, NF_ERROR_INVALID_ARGS,
                   "stories have no method “%s”", method);
      return NULL;
    }
  if (!nf_store_get_story (store, id, &title, &json, error))
    return NULL;

  return g_variant_new ("(s)", json);
}

const NfObjectClass nf_story_class = {
  .name = "story",
  .interface_info = nf_dbus_story_interface_info,
  .get_properties = story_get_properties,
  .call_method = story_call_method,
};
