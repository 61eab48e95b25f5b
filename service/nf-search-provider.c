/* nf-search-provider.c: the GNOME Shell search provider of newsfactsd
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Serves org.gnome.Shell.SearchProvider2 so the overview finds articles by
 * headline words, speakers, quotes and figures.  Results are article ids
 * ("c9c420baecf9267a") and quotes of an article whose speaker or words
 * match ("c9c420baecf9267a/quote/1").
 *
 * The provider asks the service's own Store interface over the bus (its
 * unique name, never auto-starting): that path is already paged and keeps
 * SQLite off the thread that answers the bus, so the provider needs no
 * store of its own and cannot block the Shell.
 */

#define G_LOG_DOMAIN "newsfactsd"

#include "config.h"

#include <gio/gdesktopappinfo.h>
#include <glib/gi18n.h>
#include <string.h>

#include "nf-search-provider.h"
#include "nf-shell-search-provider-generated.h"

#define STORE_PATH "/io/github/newsfacts/Facts1"
#define STORE_IFACE "io.github.newsfacts.Facts1.Store"
#define ARTICLE_PREFIX STORE_PATH "/article/"
#define QUOTE_TAG "/quote/"
#define MAX_ARTICLES 20
#define MAX_QUOTES_PER_ARTICLE 2
#define NAME_MAX_CHARS 120
#define DESCRIPTION_MAX_CHARS 200

struct _NfSearchProvider
{
  GObject                 parent_instance;

  NfShellSearchProvider2 *skeleton;
  GDBusConnection        *connection;
};

G_DEFINE_FINAL_TYPE (NfSearchProvider, nf_search_provider, G_TYPE_OBJECT)

/* One method call in flight: the Shell's invocation and what it asked. */
typedef struct
{
  NfSearchProvider      *self;
  GDBusMethodInvocation *invocation;
  char                 **terms;
  char                 **ids;
} Request;

static void
request_free (Request *request)
{
  g_clear_object (&request->self);
  g_clear_object (&request->invocation);
  g_clear_pointer (&request->terms, g_strfreev);
  g_clear_pointer (&request->ids, g_strfreev);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Request, request_free)

static Request *
request_new (NfSearchProvider      *self,
             GDBusMethodInvocation *invocation,
             const char *const     *terms)
{
  Request *request = g_new0 (Request, 1);

  request->self = g_object_ref (self);
  request->invocation = g_object_ref (invocation);
  request->terms = g_strdupv ((char **) terms);
  return request;
}

/* Turns what the user typed into plain words for Store.Search, each a
 * prefix ("Knap" finds "Knapper"); anything that is not a letter or a
 * digit separates words, so no query syntax gets through. */
static char *
build_query (const char *const *terms)
{
  GString *query = g_string_new (NULL);

  for (guint i = 0; terms != NULL && terms[i] != NULL; i++)
    {
      gboolean in_word = FALSE;

      for (const char *p = terms[i]; *p != '\0'; p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);

          if (g_unichar_isalnum (c))
            {
              if (!in_word && query->len > 0)
                g_string_append_c (query, ' ');
              g_string_append_unichar (query, c);
              in_word = TRUE;
            }
          else if (in_word)
            {
              g_string_append_c (query, '*');
              in_word = FALSE;
            }
        }
      if (in_word)
        g_string_append_c (query, '*');
    }
  return g_string_free (query, FALSE);
}

/* TRUE when every term occurs, ignoring case, in @text. */
static gboolean
matches_all_terms (const char        *text,
                   const char *const *terms)
{
  g_autofree char *folded = g_utf8_casefold (text, -1);

  for (guint i = 0; terms[i] != NULL; i++)
    {
      g_autofree char *term = g_utf8_casefold (terms[i], -1);

      if (strstr (folded, term) == NULL)
        return FALSE;
    }
  return TRUE;
}

/* Splits a result id into the article's object path and a quote index
 * (-1 for the article itself). */
static char *
parse_result_id (const char *result,
                 int        *quote)
{
  const char *tag = strstr (result, QUOTE_TAG);
  g_autofree char *id = tag ? g_strndup (result, tag - result) : g_strdup (result);
  g_autofree char *path = g_strconcat (ARTICLE_PREFIX, id, NULL);

  *quote = -1;
  if (tag != NULL)
    {
      guint64 n = 0;

      if (!g_ascii_string_to_unsigned (tag + strlen (QUOTE_TAG), 10, 0, G_MAXINT, &n, NULL))
        return NULL;
      *quote = (int) n;
    }
  if (*id == '\0' || !g_variant_is_object_path (path))
    return NULL;
  return g_steal_pointer (&path);
}

static void
store_call (NfSearchProvider    *self,
            const char          *method,
            GVariant            *parameters,
            const GVariantType  *reply_type,
            GAsyncReadyCallback  callback,
            Request             *request)
{
  g_dbus_connection_call (self->connection,
                          g_dbus_connection_get_unique_name (self->connection),
                          STORE_PATH, STORE_IFACE, method, parameters, reply_type,
                          G_DBUS_CALL_FLAGS_NO_AUTO_START, -1, NULL,
                          callback, request);
}

static void
append_matching_quotes (GPtrArray         *results,
                        const char        *id,
                        GVariant          *quotes,
                        const char *const *terms)
{
  guint added = 0;

  for (gsize q = 0; q < g_variant_n_children (quotes) && added < MAX_QUOTES_PER_ARTICLE; q++)
    {
      const char *text = NULL, *speaker = NULL;
      g_autofree char *haystack = NULL;

      g_variant_get_child (quotes, q, "(&s&ssssbuu)", &text, &speaker,
                           NULL, NULL, NULL, NULL, NULL, NULL, NULL);
      haystack = g_strconcat (speaker, " ", text, NULL);
      if (!matches_all_terms (haystack, terms))
        continue;
      g_ptr_array_add (results, g_strdup_printf ("%s" QUOTE_TAG "%" G_GSIZE_FORMAT, id, q));
      added++;
    }
}

static void
on_result_quotes (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(Request) request = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariant) records = NULL;
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func (g_free);

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  if (reply != NULL)
    records = g_variant_get_child_value (reply, 0);
  for (gsize i = 0; records != NULL && i < g_variant_n_children (records); i++)
    {
      g_autoptr(GVariant) record = g_variant_get_child_value (records, i);
      g_autoptr(GVariantDict) dict = g_variant_dict_new (record);
      g_autoptr(GVariant) quotes = NULL;
      const char *id = NULL;

      if (!g_variant_dict_lookup (dict, "Id", "&s", &id))
        continue;
      g_ptr_array_add (results, g_strdup (id));
      quotes = g_variant_dict_lookup_value (dict, "Quotes", G_VARIANT_TYPE ("a(sssssbuu)"));
      if (quotes != NULL)
        append_matching_quotes (results, id, quotes, (const char *const *) request->terms);
    }
  if (error != NULL)
    g_debug ("GetArticles for the search provider failed: %s", error->message);
  g_ptr_array_add (results, NULL);
  g_dbus_method_invocation_return_value (request->invocation,
                                         g_variant_new ("(^as)", results->pdata));
}

static void
on_search (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(Request) request = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autofree const char **paths = NULL;
  const char *fields[] = { "Id", "Quotes", NULL };
  NfSearchProvider *self;
  guint total = 0;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  if (reply == NULL)
    {
      /* A query the store cannot use simply finds nothing. */
      g_debug ("Search for the search provider failed: %s", error->message);
      g_dbus_method_invocation_return_value (request->invocation,
                                             g_variant_new_parsed ("(@as [],)"));
      return;
    }
  g_variant_get (reply, "(u^a&o)", &total, &paths);
  /* Argument order is unspecified: read self before stealing request. */
  self = request->self;
  store_call (self, "GetArticles",
              g_variant_new ("(^ao^as)", paths, fields), G_VARIANT_TYPE ("(aa{sv})"),
              on_result_quotes, g_steal_pointer (&request));
}

static void
start_search (NfSearchProvider      *self,
              GDBusMethodInvocation *invocation,
              const char *const     *terms)
{
  g_autofree char *query = build_query (terms);

  if (*query == '\0')
    {
      g_dbus_method_invocation_return_value (invocation, g_variant_new_parsed ("(@as [],)"));
      return;
    }
  store_call (self, "Search", g_variant_new ("(suu)", query, 0, MAX_ARTICLES),
              G_VARIANT_TYPE ("(uao)"), on_search,
              request_new (self, invocation, terms));
}

static gboolean
handle_get_initial_result_set (NfShellSearchProvider2 *skeleton,
                               GDBusMethodInvocation  *invocation,
                               const char *const      *terms,
                               NfSearchProvider       *self)
{
  start_search (self, invocation, terms);
  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

/* The Shell narrows a search as the user types; a new search over the
 * store is as cheap as filtering and finds the same articles. */
static gboolean
handle_get_subsearch_result_set (NfShellSearchProvider2 *skeleton,
                                 GDBusMethodInvocation  *invocation,
                                 const char *const      *previous_results,
                                 const char *const      *terms,
                                 NfSearchProvider       *self)
{
  start_search (self, invocation, terms);
  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

static char *
clip (const char *text,
      glong       max_chars)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);
  g_autofree char *flat = g_strdelimit (g_steal_pointer (&valid), "\n\t\r", ' ');
  g_autofree char *cut = NULL;

  if (g_utf8_strlen (flat, -1) <= max_chars)
    return g_steal_pointer (&flat);
  cut = g_utf8_substring (flat, 0, max_chars - 1);
  return g_strconcat (cut, "…", NULL);
}

static GVariant *
article_meta (const char   *result,
              GVariantDict *article)
{
  g_autoptr(GIcon) icon = g_themed_icon_new (NF_VIEWER_APP_ID);
  g_auto(GVariantDict) meta = G_VARIANT_DICT_INIT (NULL);
  const char *headline = "", *agency = "", *published = "", *brief = "";
  g_autofree char *description = NULL;
  g_autofree char *name = NULL;

  g_variant_dict_lookup (article, "Headline", "&s", &headline);
  g_variant_dict_lookup (article, "Agency", "&s", &agency);
  g_variant_dict_lookup (article, "Published", "&s", &published);
  g_variant_dict_lookup (article, "Brief", "&s", &brief);
  name = clip (*headline ? headline : _("Untitled article"), NAME_MAX_CHARS);
  description = g_strdup_printf ("%s%s%s%s%s", agency, *agency && *published ? ", " : "",
                                 published, (*agency || *published) && *brief ? " — " : "",
                                 brief);
  g_variant_dict_insert (&meta, "id", "s", result);
  g_variant_dict_insert (&meta, "name", "s", name);
  g_variant_dict_insert_value (&meta, "description",
                               g_variant_new_take_string (clip (description, DESCRIPTION_MAX_CHARS)));
  g_variant_dict_insert_value (&meta, "icon", g_icon_serialize (icon));
  g_variant_dict_insert (&meta, "clipboardText", "s", headline);
  return g_variant_dict_end (&meta);
}

static GVariant *
quote_meta (const char   *result,
            GVariantDict *article,
            int           index)
{
  g_autoptr(GVariant) quotes = g_variant_dict_lookup_value (article, "Quotes",
                                                            G_VARIANT_TYPE ("a(sssssbuu)"));
  g_autoptr(GIcon) icon = g_themed_icon_new (NF_VIEWER_APP_ID "-symbolic");
  g_auto(GVariantDict) meta = G_VARIANT_DICT_INIT (NULL);
  const char *text, *speaker, *headline = "", *agency = "", *published = "";
  g_autofree char *quoted = NULL;
  g_autofree char *who = NULL;
  g_autofree char *description = NULL;
  g_autofree char *clipboard = NULL;

  if (quotes == NULL || (gsize) index >= g_variant_n_children (quotes))
    return NULL;
  g_variant_get_child (quotes, index, "(&s&ssssbuu)", &text, &speaker,
                       NULL, NULL, NULL, NULL, NULL, NULL, NULL);
  g_variant_dict_lookup (article, "Headline", "&s", &headline);
  g_variant_dict_lookup (article, "Agency", "&s", &agency);
  g_variant_dict_lookup (article, "Published", "&s", &published);
  quoted = g_strdup_printf ("“%s”", text);
  who = *speaker ? g_strdup (speaker) : g_strdup (_("Unknown speaker"));
  description = g_strdup_printf ("— %s · %s", who, headline);
  clipboard = g_strdup_printf ("%s — %s%s%s%s%s", quoted, who, *agency ? ", " : "",
                               agency, *published ? ", " : "", published);
  g_variant_dict_insert (&meta, "id", "s", result);
  g_variant_dict_insert_value (&meta, "name",
                               g_variant_new_take_string (clip (quoted, NAME_MAX_CHARS)));
  g_variant_dict_insert_value (&meta, "description",
                               g_variant_new_take_string (clip (description, DESCRIPTION_MAX_CHARS)));
  g_variant_dict_insert_value (&meta, "icon", g_icon_serialize (icon));
  g_variant_dict_insert (&meta, "clipboardText", "s", clipboard);
  return g_variant_dict_end (&meta);
}

static GHashTable *
index_records (GVariant *records)
{
  GHashTable *by_path = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                               (GDestroyNotify) g_variant_dict_unref);

  for (gsize i = 0; i < g_variant_n_children (records); i++)
    {
      g_autoptr(GVariant) record = g_variant_get_child_value (records, i);
      GVariantDict *dict = g_variant_dict_new (record);
      const char *path = NULL;

      if (g_variant_dict_lookup (dict, "path", "&o", &path)
          && g_variant_dict_contains (dict, "Id"))
        g_hash_table_replace (by_path, g_strdup (path), dict);
      else
        g_variant_dict_unref (dict);
    }
  return by_path;
}

static void
on_metas (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(Request) request = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariant) records = NULL;
  g_autoptr(GHashTable) by_path = NULL;
  GVariantBuilder metas;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  if (reply == NULL)
    {
      g_dbus_method_invocation_return_gerror (request->invocation, error);
      return;
    }
  records = g_variant_get_child_value (reply, 0);
  by_path = index_records (records);
  g_variant_builder_init (&metas, G_VARIANT_TYPE ("aa{sv}"));
  for (guint i = 0; request->ids[i] != NULL; i++)
    {
      int quote = -1;
      g_autofree char *path = parse_result_id (request->ids[i], &quote);
      GVariantDict *article = path ? g_hash_table_lookup (by_path, path) : NULL;
      GVariant *meta = NULL;

      if (article == NULL)
        continue;  /* removed since the search: the Shell drops it */
      meta = quote < 0 ? article_meta (request->ids[i], article)
                       : quote_meta (request->ids[i], article, quote);
      if (meta != NULL)
        g_variant_builder_add_value (&metas, meta);
    }
  g_dbus_method_invocation_return_value (request->invocation,
                                         g_variant_new ("(aa{sv})", &metas));
}

static gboolean
handle_get_result_metas (NfShellSearchProvider2 *skeleton,
                         GDBusMethodInvocation  *invocation,
                         const char *const      *ids,
                         NfSearchProvider       *self)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  const char *fields[] = { "Id", "Headline", "Agency", "Published", "Brief", "Quotes", NULL };
  Request *request;

  for (guint i = 0; ids[i] != NULL && paths->len < 1000; i++)
    {
      int quote;
      char *path = parse_result_id (ids[i], &quote);

      if (path == NULL || !g_hash_table_add (seen, path))
        {
          g_free (path);
          continue;
        }
      g_ptr_array_add (paths, path);
    }
  g_ptr_array_add (paths, NULL);
  request = request_new (self, invocation, NULL);
  request->ids = g_strdupv ((char **) ids);
  store_call (self, "GetArticles",
              g_variant_new ("(^ao^as)", (char **) paths->pdata, fields),
              G_VARIANT_TYPE ("(aa{sv})"), on_metas, request);
  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

static gboolean
handle_activate_result (NfShellSearchProvider2 *skeleton,
                        GDBusMethodInvocation  *invocation,
                        const char             *result,
                        const char *const      *terms,
                        guint                   timestamp,
                        NfSearchProvider       *self)
{
  int quote = -1;
  g_autofree char *path = parse_result_id (result, &quote);

  if (path == NULL)
    {
      g_dbus_method_invocation_return_error (invocation, G_DBUS_ERROR,
                                             G_DBUS_ERROR_INVALID_ARGS,
                                             "No such result: %s", result);
      return G_DBUS_METHOD_INVOCATION_HANDLED;
    }
  nf_launch_viewer (self->connection, "show-article",
                    g_variant_new_object_path (path), timestamp);
  nf_shell_search_provider2_complete_activate_result (skeleton, invocation);
  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

static gboolean
handle_launch_search (NfShellSearchProvider2 *skeleton,
                      GDBusMethodInvocation  *invocation,
                      const char *const      *terms,
                      guint                   timestamp,
                      NfSearchProvider       *self)
{
  /* The viewer has its own search entry; opening it is enough. */
  nf_launch_viewer (self->connection, NULL, NULL, timestamp);
  nf_shell_search_provider2_complete_launch_search (skeleton, invocation);
  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

static void
nf_search_provider_dispose (GObject *object)
{
  NfSearchProvider *self = NF_SEARCH_PROVIDER (object);

  nf_search_provider_unexport (self);
  g_clear_object (&self->skeleton);

  G_OBJECT_CLASS (nf_search_provider_parent_class)->dispose (object);
}

static void
nf_search_provider_class_init (NfSearchProviderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = nf_search_provider_dispose;
}

static void
nf_search_provider_init (NfSearchProvider *self)
{
  self->skeleton = nf_shell_search_provider2_skeleton_new ();
  g_signal_connect (self->skeleton, "handle-get-initial-result-set",
                    G_CALLBACK (handle_get_initial_result_set), self);
  g_signal_connect (self->skeleton, "handle-get-subsearch-result-set",
                    G_CALLBACK (handle_get_subsearch_result_set), self);
  g_signal_connect (self->skeleton, "handle-get-result-metas",
                    G_CALLBACK (handle_get_result_metas), self);
  g_signal_connect (self->skeleton, "handle-activate-result",
                    G_CALLBACK (handle_activate_result), self);
  g_signal_connect (self->skeleton, "handle-launch-search",
                    G_CALLBACK (handle_launch_search), self);
}

NfSearchProvider *
nf_search_provider_new (void)
{
  return g_object_new (NF_TYPE_SEARCH_PROVIDER, NULL);
}

/* Serves the provider at @object_path on @connection, which must be the
 * connection that owns io.github.newsfacts.Facts1 and serves the Store. */
gboolean
nf_search_provider_export (NfSearchProvider  *self,
                           GDBusConnection   *connection,
                           const char        *object_path,
                           GError           **error)
{
  g_return_val_if_fail (NF_IS_SEARCH_PROVIDER (self), FALSE);
  g_return_val_if_fail (G_IS_DBUS_CONNECTION (connection), FALSE);
  g_return_val_if_fail (self->connection == NULL, FALSE);

  if (!g_dbus_interface_skeleton_export (G_DBUS_INTERFACE_SKELETON (self->skeleton),
                                         connection,
                                         object_path ? object_path : NF_SEARCH_PROVIDER_PATH,
                                         error))
    return FALSE;
  self->connection = g_object_ref (connection);
  return TRUE;
}

void
nf_search_provider_unexport (NfSearchProvider *self)
{
  g_return_if_fail (NF_IS_SEARCH_PROVIDER (self));

  if (self->connection == NULL)
    return;
  g_dbus_interface_skeleton_unexport (G_DBUS_INTERFACE_SKELETON (self->skeleton));
  g_clear_object (&self->connection);
}

static void
on_viewer_action (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GDesktopAppInfo) info = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  if (reply != NULL)
    return;
  /* No D-Bus activatable viewer: at least open it. */
  g_message ("Cannot ask the viewer to open an article: %s", error->message);
  info = g_desktop_app_info_new (NF_VIEWER_APP_ID ".desktop");
  if (info != NULL && !g_app_info_launch (G_APP_INFO (info), NULL, NULL, &error))
    g_warning ("Cannot start the viewer: %s", error->message);
}

/* Activates @action (with @parameter, floating, or NULL) of the viewer,
 * or the viewer itself when @action is NULL, through
 * org.freedesktop.Application: the bus starts the viewer when it is not
 * running, and a running one just presents the article. */
void
nf_launch_viewer (GDBusConnection *connection,
                  const char      *action,
                  GVariant        *parameter,
                  guint32          timestamp)
{
  g_autofree char *startup_id = g_strdup_printf ("_TIME%u", timestamp);
  GVariantBuilder params, platform;
  GVariant *args;

  g_return_if_fail (G_IS_DBUS_CONNECTION (connection));

  g_variant_builder_init (&params, G_VARIANT_TYPE ("av"));
  if (parameter != NULL)
    g_variant_builder_add (&params, "v", parameter);
  g_variant_builder_init (&platform, G_VARIANT_TYPE_VARDICT);
  if (timestamp != 0)
    g_variant_builder_add (&platform, "{sv}", "desktop-startup-id",
                           g_variant_new_string (startup_id));
  if (action != NULL)
    args = g_variant_new ("(sava{sv})", action, &params, &platform);
  else
    {
      g_variant_builder_clear (&params);
      args = g_variant_new ("(a{sv})", &platform);
    }
  g_dbus_connection_call (connection, NF_VIEWER_APP_ID, "/io/github/newsfacts/Viewer",
                          "org.freedesktop.Application",
                          action != NULL ? "ActivateAction" : "Activate",
                          args, NULL, G_DBUS_CALL_FLAGS_NONE, -1, NULL,
                          on_viewer_action, NULL);
}
