/* nf-article-list.c: the store's articles as a lazily paged list model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The model knows how many articles match (Search() gives the total) but
 * holds only the pages a view has asked for.  get_item() hands out an empty
 * placeholder at once and fetches its page: Search(query, offset, 50) for
 * the paths, then GetArticles() for the list fields.  So a store of
 * 100,000 articles costs one array of pointers and a screenful of objects.
 *
 * Positions are only valid for one "generation" of the list: a new query,
 * an insertion or a removal bumps it, and page replies from an older
 * generation are dropped (their placeholders are asked for again).
 * Records are matched to items by identity, not by position, so they are
 * never dropped.
 */

#define G_LOG_DOMAIN "nf-article-list"

#include "config.h"

#include <gtk/gtk.h>

#include "nf-article-item.h"
#include "nf-article-list.h"

struct _NfArticleList
{
  GObject       parent_instance;

  NfClient     *client;
  char         *query;
  GPtrArray    *items;        /* NfArticleItem* or NULL, one per position */
  GHashTable   *in_flight;    /* page index + 1 */
  GHashTable   *wanted;       /* page index + 1, asked for, not yet sent */
  guint         flush_id;     /* idle that sends the wanted pages */
  GCancellable *cancellable;  /* cancelled when the query changes */
  guint         generation;
  guint         ready : 1;
  guint         refreshing : 1;
  guint         refresh_again : 1;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (NfArticleList, nf_article_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      list_model_iface_init))

enum {
  PROP_0,
  PROP_QUERY,
  PROP_READY,
  N_PROPS
};

enum {
  PAGE_LOADED,
  FAILED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* What one asynchronous step needs to find its way back. */
typedef struct
{
  NfArticleList *self;
  guint          generation;
  guint          page;
  guint          n_pages;
  gboolean       is_page;     /* fetches a page that get_item() asked for */
  guint          total;       /* of the search that started a reset */
  GPtrArray     *items;       /* NfArticleItem*, the records' targets */
} Request;

static Request *
request_new (NfArticleList *self,
             guint          page)
{
  Request *request = g_new0 (Request, 1);

  request->self = g_object_ref (self);
  request->generation = self->generation;
  request->page = page;
  request->n_pages = 1;
  request->is_page = TRUE;
  request->items = g_ptr_array_new_with_free_func (g_object_unref);
  return request;
}

static void
request_free (Request *request)
{
  g_object_unref (request->self);
  g_ptr_array_unref (request->items);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Request, request_free)

/* Positions not yet asked for hold NULL, which g_object_unref refuses. */
static void
item_unref (gpointer item)
{
  if (item != NULL)
    g_object_unref (item);
}

/* The pages of @request are no longer in flight. */
static void
release_pages (Request *request)
{
  for (guint i = 0; i < request->n_pages; i++)
    g_hash_table_remove (request->self->in_flight,
                         GUINT_TO_POINTER (request->page + i + 1));
}

static void
forget_pages (NfArticleList *self)
{
  g_hash_table_remove_all (self->in_flight);
  g_hash_table_remove_all (self->wanted);
}

static void ensure_page (NfArticleList *self,
                         guint          page);
static void reset       (NfArticleList *self);

static void
report_error (NfArticleList *self,
              const GError  *error)
{
  g_autoptr(GError) copy = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  /* Show the service's own words, not the D-Bus error name. */
  copy = g_error_copy (error);
  g_dbus_error_strip_remote_error (copy);
  g_signal_emit (self, signals[FAILED], 0, copy->message);
}

static void
records_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(Request) request = user_data;
  g_autoptr(GVariant) records = NULL;
  g_autoptr(GError) error = NULL;
  NfArticleList *self = request->self;
  GVariantIter iter;
  GVariant *record;
  guint i = 0;

  if (!nf_dbus_store_call_get_articles_finish (NF_DBUS_STORE (object),
                                               &records, result, &error))
    {
      report_error (self, error);
      if (request->is_page && request->generation == self->generation)
        release_pages (request);
      return;
    }

  g_variant_iter_init (&iter, records);
  while ((record = g_variant_iter_next_value (&iter)) != NULL)
    {
      if (i < request->items->len)
        nf_article_item_update (g_ptr_array_index (request->items, i), record);
      g_variant_unref (record);
      i++;
    }

  if (request->is_page && request->generation == self->generation)
    {
      release_pages (request);
      g_signal_emit (self, signals[PAGE_LOADED], 0,
                     request->page * NF_ARTICLE_LIST_PAGE_SIZE,
                     request->items->len);
    }
}

/* Fetches the list fields for the items gathered in @request. */
static void
fetch_records (Request *request)
{
  NfDbusStore *store = nf_client_get_store (request->self->client);
  g_autoptr(GPtrArray) paths = g_ptr_array_new ();

  if (store == NULL || request->items->len == 0)
    {
      request_free (request);
      return;
    }
  for (guint i = 0; i < request->items->len; i++)
    g_ptr_array_add (paths, (char *) nf_article_item_get_path (
                       g_ptr_array_index (request->items, i)));
  g_ptr_array_add (paths, NULL);

  nf_dbus_store_call_get_articles (store,
                                   (const char * const *) paths->pdata,
                                   (const char * const []) { NULL },
                                   G_DBUS_CALL_FLAGS_NONE, -1,
                                   NULL, records_cb, request);
}

static NfArticleItem *
item_at (NfArticleList *self,
         guint          position)
{
  NfArticleItem *item = g_ptr_array_index (self->items, position);

  if (item == NULL)
    {
      item = nf_article_item_new ();
      self->items->pdata[position] = item;
    }
  return item;
}

static void
page_search_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(Request) request = user_data;
  g_auto(GStrv) paths = NULL;
  g_autoptr(GError) error = NULL;
  NfArticleList *self = request->self;
  guint total = 0;
  guint first = request->page * NF_ARTICLE_LIST_PAGE_SIZE;

  if (!nf_dbus_store_call_search_finish (NF_DBUS_STORE (object), &total,
                                         &paths, result, &error))
    {
      report_error (self, error);
      if (request->generation == self->generation)
        release_pages (request);
      return;
    }
  if (request->generation != self->generation)
    return;

  for (guint i = 0; paths[i] != NULL && first + i < self->items->len; i++)
    {
      NfArticleItem *item = item_at (self, first + i);

      nf_article_item_set_path (item, paths[i]);
      g_ptr_array_add (request->items, g_object_ref (item));
    }
  fetch_records (g_steal_pointer (&request));
}

static int
compare_pages (gconstpointer a,
               gconstpointer b)
{
  guint pa = *(const guint *) a;
  guint pb = *(const guint *) b;

  return pa < pb ? -1 : pa > pb;
}

static void
send_pages (NfArticleList *self,
            NfDbusStore   *store,
            guint          first,
            guint          n_pages)
{
  Request *request = request_new (self, first);

  request->n_pages = n_pages;
  for (guint i = 0; i < n_pages; i++)
    g_hash_table_add (self->in_flight, GUINT_TO_POINTER (first + i + 1));
  g_debug ("asking for pages %u to %u", first, first + n_pages - 1);
  nf_dbus_store_call_search (store, self->query,
                             first * NF_ARTICLE_LIST_PAGE_SIZE,
                             n_pages * NF_ARTICLE_LIST_PAGE_SIZE,
                             G_DBUS_CALL_FLAGS_NONE, -1, self->cancellable,
                             page_search_cb, request);
}

/* A view lays out many rows at once (GtkListView keeps some 200 around
 * what is visible): runs of pages asked for in one go become one Search()
 * and one GetArticles(), not one pair per page. */
static gboolean
flush_wanted (gpointer user_data)
{
  NfArticleList *self = NF_ARTICLE_LIST (user_data);
  NfDbusStore *store = nf_client_get_store (self->client);
  g_autoptr(GArray) pages = g_array_new (FALSE, FALSE, sizeof (guint));
  GHashTableIter iter;
  gpointer key;
  guint max_run = NF_STORE_PAGE_LIMIT / NF_ARTICLE_LIST_PAGE_SIZE;
  guint first = 0, n = 0;

  self->flush_id = 0;
  g_hash_table_iter_init (&iter, self->wanted);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      guint page = GPOINTER_TO_UINT (key) - 1;

      g_array_append_val (pages, page);
    }
  g_hash_table_remove_all (self->wanted);
  if (store == NULL)
    return G_SOURCE_REMOVE;
  g_array_sort (pages, compare_pages);
  for (guint i = 0; i < pages->len; i++)
    {
      guint page = g_array_index (pages, guint, i);

      if (n > 0 && page == first + n && n < max_run)
        {
          n++;
          continue;
        }
      if (n > 0)
        send_pages (self, store, first, n);
      first = page;
      n = 1;
    }
  if (n > 0)
    send_pages (self, store, first, n);
  return G_SOURCE_REMOVE;
}

static void
ensure_page (NfArticleList *self,
             guint          page)
{
  gpointer key = GUINT_TO_POINTER (page + 1);

  if (nf_client_get_store (self->client) == NULL ||
      g_hash_table_contains (self->in_flight, key) ||
      g_hash_table_contains (self->wanted, key))
    return;
  g_hash_table_add (self->wanted, key);
  /* Sent right after the layout pass that asked (an idle of low
   * priority would wait behind redraws while the list scrolls). */
  if (self->flush_id == 0)
    self->flush_id = g_idle_add_full (G_PRIORITY_DEFAULT, flush_wanted, self,
                                      NULL);
}

/* After positions moved: forget pages in flight and ask again for every
 * placeholder a view is holding. */
static void
new_generation (NfArticleList *self)
{
  self->generation++;
  forget_pages (self);
  for (guint i = 0; i < self->items->len; i++)
    {
      NfArticleItem *item = g_ptr_array_index (self->items, i);

      if (item != NULL && !nf_article_item_get_loaded (item))
        ensure_page (self, i / NF_ARTICLE_LIST_PAGE_SIZE);
    }
}

static void
set_ready (NfArticleList *self,
           gboolean       ready)
{
  if (self->ready == !!ready)
    return;
  self->ready = !!ready;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READY]);
}

/* Replaces the whole list by @total positions whose first page is
 * already in @request. */
static void
replace_all (NfArticleList *self,
             guint          total,
             Request       *request)
{
  g_autoptr(GPtrArray) old = g_steal_pointer (&self->items);
  guint n_first = MIN (request->items->len, total);

  self->items = g_ptr_array_new_with_free_func (item_unref);
  g_ptr_array_set_size (self->items, total);
  for (guint i = 0; i < n_first; i++)
    self->items->pdata[i] = g_object_ref (request->items->pdata[i]);

  self->generation++;
  forget_pages (self);
  g_debug ("first page of %u in", total);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, old->len, total);
  set_ready (self, TRUE);
  g_signal_emit (self, signals[PAGE_LOADED], 0, 0, n_first);
}

static void
reset_records_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(Request) request = user_data;
  g_autoptr(GVariant) records = NULL;
  g_autoptr(GError) error = NULL;
  NfArticleList *self = request->self;

  if (!nf_dbus_store_call_get_articles_finish (NF_DBUS_STORE (object),
                                               &records, result, &error))
    {
      report_error (self, error);
      return;
    }
  if (request->generation != self->generation)
    return;

  for (guint i = 0; i < request->items->len &&
       i < g_variant_n_children (records); i++)
    {
      g_autoptr(GVariant) record = g_variant_get_child_value (records, i);

      nf_article_item_update (g_ptr_array_index (request->items, i), record);
    }
  replace_all (self, request->total, request);
}

static void
reset_search_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(Request) request = user_data;
  g_auto(GStrv) paths = NULL;
  g_autoptr(GError) error = NULL;
  NfArticleList *self = request->self;
  guint total = 0;

  if (!nf_dbus_store_call_search_finish (NF_DBUS_STORE (object), &total,
                                         &paths, result, &error))
    {
      report_error (self, error);
      return;
    }
  if (request->generation != self->generation)
    return;

  for (guint i = 0; paths[i] != NULL; i++)
    {
      NfArticleItem *item = nf_article_item_new ();

      nf_article_item_set_path (item, paths[i]);
      g_ptr_array_add (request->items, item);
    }
  if (request->items->len == 0)
    {
      replace_all (self, 0, request);
      return;
    }
  request->total = total;
  {
    g_autoptr(GPtrArray) list = g_ptr_array_new ();

    for (guint i = 0; paths[i] != NULL; i++)
      g_ptr_array_add (list, paths[i]);
    g_ptr_array_add (list, NULL);
    nf_dbus_store_call_get_articles (NF_DBUS_STORE (object),
                                     (const char * const *) list->pdata,
                                     (const char * const []) { NULL },
                                     G_DBUS_CALL_FLAGS_NONE, -1,
                                     self->cancellable, reset_records_cb,
                                     g_steal_pointer (&request));
  }
}

/* Runs the query from the start; the old list stays until the first
 * page of the new one is there, so typing does not flash an empty list. */
static void
reset (NfArticleList *self)
{
  NfDbusStore *store = nf_client_get_store (self->client);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->generation++;
  forget_pages (self);

  /* While the service is away the list keeps what it has: the window
   * says the service is gone, and the list reloads when it is back. */
  if (store == NULL)
    return;
  g_debug ("searching for “%s”", self->query);
  nf_dbus_store_call_search (store, self->query, 0,
                             NF_ARTICLE_LIST_PAGE_SIZE,
                             G_DBUS_CALL_FLAGS_NONE, -1, self->cancellable,
                             reset_search_cb, request_new (self, 0));
}

static guint
find_loaded (NfArticleList *self,
             const char    *path)
{
  for (guint i = 0; i < self->items->len; i++)
    {
      NfArticleItem *item = g_ptr_array_index (self->items, i);

      if (item != NULL &&
          g_strcmp0 (nf_article_item_get_path (item), path) == 0)
        return i;
    }
  return G_MAXUINT;
}

static void refresh (NfArticleList *self);

static void
refresh_done (NfArticleList *self)
{
  self->refreshing = FALSE;
  if (self->refresh_again)
    {
      self->refresh_again = FALSE;
      refresh (self);
    }
}

/* New articles arrive at the top (newest first): insert them there so a
 * selection further down keeps its article; anything else reloads. */
static void
insert_at_top (NfArticleList *self,
               guint          total,
               char         **paths)
{
  const char *top = NULL;
  Request *request;
  guint d;

  if (self->items->len > 0 && self->items->pdata[0] != NULL)
    top = nf_article_item_get_path (self->items->pdata[0]);
  if (top == NULL)
    {
      if (self->items->len != total)
        reset (self);
      return;
    }
  for (d = 0; paths[d] != NULL && g_strcmp0 (paths[d], top) != 0; d++)
    ;
  if (paths[d] == NULL || self->items->len + d != total)
    {
      reset (self);
      return;
    }
  if (d == 0)
    return;

  request = request_new (self, 0);
  request->is_page = FALSE;
  for (guint i = 0; i < d; i++)
    {
      NfArticleItem *item = nf_article_item_new ();

      nf_article_item_set_path (item, paths[i]);
      g_ptr_array_insert (self->items, i, item);
      g_ptr_array_add (request->items, g_object_ref (item));
    }
  g_list_model_items_changed (G_LIST_MODEL (self), 0, 0, d);
  new_generation (self);
  fetch_records (request);
}

static void
refresh_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(Request) request = user_data;
  g_auto(GStrv) paths = NULL;
  g_autoptr(GError) error = NULL;
  NfArticleList *self = request->self;
  guint total = 0;

  if (!nf_dbus_store_call_search_finish (NF_DBUS_STORE (object), &total,
                                         &paths, result, &error))
    report_error (self, error);
  else if (request->generation == self->generation)
    {
      if (paths[0] == NULL)
        {
          if (self->items->len > 0)
            reset (self);
        }
      else
        insert_at_top (self, total, paths);
    }
  refresh_done (self);
}

static void
refresh (NfArticleList *self)
{
  NfDbusStore *store = nf_client_get_store (self->client);

  if (store == NULL)
    return;
  if (!self->ready)
    {
      reset (self);
      return;
    }
  if (self->refreshing)
    {
      self->refresh_again = TRUE;
      return;
    }
  self->refreshing = TRUE;
  nf_dbus_store_call_search (store, self->query, 0,
                             NF_ARTICLE_LIST_PAGE_SIZE,
                             G_DBUS_CALL_FLAGS_NONE, -1, self->cancellable,
                             refresh_cb, request_new (self, 0));
}

static void
on_articles_added (NfClient           *client,
                   const char * const *paths,
                   gpointer            user_data)
{
  refresh (NF_ARTICLE_LIST (user_data));
}

static void
on_articles_removed (NfClient           *client,
                     const char * const *paths,
                     gpointer            user_data)
{
  NfArticleList *self = NF_ARTICLE_LIST (user_data);
  gboolean moved = FALSE;

  for (guint i = 0; paths[i] != NULL; i++)
    {
      guint position = find_loaded (self, paths[i]);

      if (position == G_MAXUINT)
        continue;
      g_ptr_array_remove_index (self->items, position);
      g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
      moved = TRUE;
    }
  if (moved)
    new_generation (self);
  /* Removed articles we never loaded still shift the rest: check. */
  refresh (self);
}

static void
on_articles_changed (NfClient           *client,
                     const char * const *paths,
                     gpointer            user_data)
{
  NfArticleList *self = NF_ARTICLE_LIST (user_data);
  Request *request = request_new (self, 0);

  for (guint i = 0; paths[i] != NULL; i++)
    {
      guint position = find_loaded (self, paths[i]);

      if (position != G_MAXUINT)
        g_ptr_array_add (request->items,
                         g_object_ref (self->items->pdata[position]));
    }
  request->is_page = FALSE;
  fetch_records (request);
}

static void
on_available (NfArticleList *self)
{
  reset (self);
}

static void
nf_article_list_dispose (GObject *object)
{
  NfArticleList *self = NF_ARTICLE_LIST (object);

  g_clear_handle_id (&self->flush_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->client != NULL)
    g_signal_handlers_disconnect_by_data (self->client, self);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (nf_article_list_parent_class)->dispose (object);
}

static void
nf_article_list_finalize (GObject *object)
{
  NfArticleList *self = NF_ARTICLE_LIST (object);

  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->in_flight, g_hash_table_unref);
  g_clear_pointer (&self->wanted, g_hash_table_unref);
  g_free (self->query);

  G_OBJECT_CLASS (nf_article_list_parent_class)->finalize (object);
}

static void
nf_article_list_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  NfArticleList *self = NF_ARTICLE_LIST (object);

  switch (prop_id)
    {
    case PROP_QUERY:
      g_value_set_string (value, self->query);
      break;
    case PROP_READY:
      g_value_set_boolean (value, self->ready);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nf_article_list_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  NfArticleList *self = NF_ARTICLE_LIST (object);

  switch (prop_id)
    {
    case PROP_QUERY:
      nf_article_list_set_query (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nf_article_list_class_init (NfArticleListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = nf_article_list_dispose;
  object_class->finalize = nf_article_list_finalize;
  object_class->get_property = nf_article_list_get_property;
  object_class->set_property = nf_article_list_set_property;

  properties[PROP_QUERY] =
    g_param_spec_string ("query", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS);
  properties[PROP_READY] =
    g_param_spec_boolean ("ready", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A page of records arrived: (position, n_items). */
  signals[PAGE_LOADED] =
    g_signal_new ("page-loaded", G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);
  /* A call failed: the service's message. */
  signals[FAILED] =
    g_signal_new ("failed", G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
nf_article_list_init (NfArticleList *self)
{
  self->query = g_strdup ("");
  self->items = g_ptr_array_new_with_free_func (item_unref);
  self->in_flight = g_hash_table_new (NULL, NULL);
  self->wanted = g_hash_table_new (NULL, NULL);
  self->cancellable = g_cancellable_new ();
}

static GType
get_item_type (GListModel *model)
{
  return NF_TYPE_ARTICLE_ITEM;
}

static guint
get_n_items (GListModel *model)
{
  return NF_ARTICLE_LIST (model)->items->len;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  NfArticleList *self = NF_ARTICLE_LIST (model);
  NfArticleItem *item;

  if (position >= self->items->len)
    return NULL;
  item = item_at (self, position);
  if (!nf_article_item_get_loaded (item))
    ensure_page (self, position / NF_ARTICLE_LIST_PAGE_SIZE);
  return g_object_ref (item);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

NfArticleList *
nf_article_list_new (NfClient *client)
{
  NfArticleList *self;

  g_return_val_if_fail (NF_IS_CLIENT (client), NULL);

  self = g_object_new (NF_TYPE_ARTICLE_LIST, NULL);
  self->client = g_object_ref (client);
  g_signal_connect_swapped (client, "notify::available",
                            G_CALLBACK (on_available), self);
  g_signal_connect (client, "articles-added",
                    G_CALLBACK (on_articles_added), self);
  g_signal_connect (client, "articles-removed",
                    G_CALLBACK (on_articles_removed), self);
  g_signal_connect (client, "articles-changed",
                    G_CALLBACK (on_articles_changed), self);
  reset (self);
  return self;
}

const char *
nf_article_list_get_query (NfArticleList *self)
{
  g_return_val_if_fail (NF_IS_ARTICLE_LIST (self), NULL);
  return self->query;
}

void
nf_article_list_set_query (NfArticleList *self,
                           const char    *query)
{
  g_return_if_fail (NF_IS_ARTICLE_LIST (self));

  if (query == NULL)
    query = "";
  if (g_strcmp0 (self->query, query) == 0)
    return;
  g_free (self->query);
  self->query = g_strdup (query);
  reset (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUERY]);
}

/* TRUE once the first page of the current query is in the list. */
gboolean
nf_article_list_get_ready (NfArticleList *self)
{
  g_return_val_if_fail (NF_IS_ARTICLE_LIST (self), FALSE);
  return self->ready;
}

/**
 * nf_article_list_find:
 *
 * Returns: the position of the article at @path among the pages loaded so
 *   far, or %G_MAXUINT
 */
guint
nf_article_list_find (NfArticleList *self,
                      const char    *path)
{
  g_return_val_if_fail (NF_IS_ARTICLE_LIST (self), G_MAXUINT);
  g_return_val_if_fail (path != NULL, G_MAXUINT);

  return find_loaded (self, path);
}

void
nf_article_list_reload (NfArticleList *self)
{
  g_return_if_fail (NF_IS_ARTICLE_LIST (self));
  reset (self);
}
