/* nf-window.c: the main window: briefs on the left, the article on the right
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window keeps the path of the article it shows apart from the list
 * selection: the list may reload (a new search, a burst of imports) and
 * the selection is then put back on that article once its page is in.
 */

#define G_LOG_DOMAIN "nf-window"

#include "config.h"

#include <fcntl.h>
#include <gio/gunixfdlist.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "nf-article-item.h"
#include "nf-article-list.h"
#include "nf-article-row.h"
#include "nf-article-view.h"
#include "nf-story-view.h"
#include "nf-window-private.h"
#include "nf-window.h"

struct _NfWindow
{
  AdwApplicationWindow  parent_instance;

  NfClient             *client;
  NfArticleList        *articles;
  GtkSingleSelection   *selection;
  char                 *current;      /* path of the article shown */
  gpointer              selected;     /* item last selected, not owned */
  gboolean              selecting;    /* we move the selection ourselves */

  AdwToastOverlay      *toast_overlay;
  AdwLeaflet           *leaflet;
  AdwWindowTitle       *sidebar_title;
  GtkSearchBar         *search_bar;
  GtkSearchEntry       *search_entry;
  GtkRevealer          *offline_revealer;
  GtkStack             *sidebar_stack;
  GtkSpinner           *spinner;
  GtkListView          *list_view;
  AdwWindowTitle       *content_title;
  GtkButton            *back_button;
  GtkStack             *content_stack;
  NfArticleView        *article_view;
  NfStoryView          *story_view;
};

G_DEFINE_FINAL_TYPE (NfWindow, nf_window, ADW_TYPE_APPLICATION_WINDOW)

static void
toast (NfWindow   *self,
       const char *message)
{
  g_autofree char *escaped = g_markup_escape_text (message, -1);

  /* Toast titles are markup; messages carry file names and errors. */
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));
}

static void
update_back_button (NfWindow *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->content_stack);
  gboolean in_story = g_strcmp0 (page, "story") == 0 && self->current != NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->back_button),
                          adw_leaflet_get_folded (self->leaflet) || in_story);
}

static void
update_sidebar (NfWindow *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->articles));
  const char *query = nf_article_list_get_query (self->articles);
  const char *page;
  g_autofree char *subtitle = NULL;

  if (!nf_client_get_available (self->client))
    page = n > 0 ? "list" : "offline";
  else if (!nf_article_list_get_ready (self->articles))
    page = n > 0 ? "list" : "loading";
  else if (n == 0)
    page = *query != '\0' ? "no-results" : "empty";
  else
    page = "list";
  gtk_stack_set_visible_child_name (self->sidebar_stack, page);
  gtk_spinner_set_spinning (self->spinner, g_str_equal (page, "loading"));

  if (nf_article_list_get_ready (self->articles))
    subtitle = *query != '\0'
      ? g_strdup_printf (ngettext ("%u match", "%u matches", n), n)
      : g_strdup_printf (ngettext ("%u article", "%u articles", n), n);
  adw_window_title_set_subtitle (self->sidebar_title, subtitle);
}

/* Puts the selection back on the article shown, if its row is loaded. */
static void
restore_selection (NfWindow *self)
{
  guint position;

  if (self->current == NULL)
    return;
  position = nf_article_list_find (self->articles, self->current);
  if (position == gtk_single_selection_get_selected (self->selection))
    return;
  /* Not in the rows loaded so far: select nothing rather than another. */
  if (position == G_MAXUINT)
    position = GTK_INVALID_LIST_POSITION;
  self->selecting = TRUE;
  gtk_single_selection_set_selected (self->selection, position);
  self->selected = gtk_single_selection_get_selected_item (self->selection);
  self->selecting = FALSE;
}

static void
show_page (NfWindow   *self,
           const char *page)
{
  gtk_stack_set_visible_child_name (self->content_stack, page);
  update_back_button (self);
}

void
nf_window_show_article (NfWindow   *self,
                        const char *path)
{
  g_return_if_fail (NF_IS_WINDOW (self));
  g_return_if_fail (g_variant_is_object_path (path));

  g_free (self->current);
  self->current = g_strdup (path);
  nf_article_view_load (self->article_view, path);
  show_page (self, "article");
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
  restore_selection (self);
}

static void
selection_changed_cb (NfWindow *self)
{
  NfArticleItem *item = gtk_single_selection_get_selected_item (
    self->selection);
  const char *path;

  /* Rows inserted above move the selection without changing it. */
  if (self->selecting || item == NULL || item == self->selected)
    return;
  self->selected = item;
  path = nf_article_item_get_path (item);
  if (path == NULL || g_strcmp0 (path, self->current) == 0)
    return;
  nf_window_show_article (self, path);
}

static void
list_activate_cb (NfWindow *self,
                  guint     position)
{
  gtk_single_selection_set_selected (self->selection, position);
  selection_changed_cb (self);
  /* The article already open may be hidden behind its story's page. */
  if (self->current != NULL)
    show_page (self, "article");
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
search_changed_cb (NfWindow *self)
{
  g_autofree char *query = g_strstrip (g_strdup (
    gtk_editable_get_text (GTK_EDITABLE (self->search_entry))));

  nf_article_list_set_query (self->articles, query);
}

static void
search_activate_cb (NfWindow *self)
{
  /* Enter in the search entry opens the first result. */
  if (g_list_model_get_n_items (G_LIST_MODEL (self->articles)) > 0)
    list_activate_cb (self, 0);
}

static void
search_requested_cb (NfWindow   *self,
                     const char *query)
{
  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), query);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
story_activated_cb (NfWindow   *self,
                    const char *path)
{
  nf_story_view_load (self->story_view, path);
  show_page (self, "story");
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
story_article_cb (NfWindow   *self,
                  const char *path)
{
  nf_window_show_article (self, path);
}

static void
folded_changed_cb (NfWindow *self)
{
  update_back_button (self);
}

static void
items_changed_cb (NfWindow *self)
{
  restore_selection (self);
  update_sidebar (self);
}

static void
page_loaded_cb (NfWindow *self)
{
  restore_selection (self);
  update_sidebar (self);
}

static void
list_failed_cb (NfWindow   *self,
                const char *message)
{
  g_autofree char *text = g_strdup_printf (_("Cannot list articles: %s"),
                                           message);
  toast (self, text);
}

static void
available_cb (NfWindow *self)
{
  gboolean available = nf_client_get_available (self->client);

  gtk_revealer_set_reveal_child (self->offline_revealer, !available);
  update_sidebar (self);
  /* The service is back: the article shown may have changed meanwhile. */
  if (available && self->current != NULL)
    nf_article_view_load (self->article_view, self->current);
}

static gboolean
contains (const char * const *paths,
          const char         *path)
{
  return path != NULL && g_strv_contains (paths, path);
}

static void
articles_changed_cb (NfWindow           *self,
                     const char * const *paths)
{
  if (contains (paths, self->current))
    nf_article_view_load (self->article_view, self->current);
}

static void
articles_removed_cb (NfWindow           *self,
                     const char * const *paths)
{
  if (!contains (paths, self->current))
    return;
  g_clear_pointer (&self->current, g_free);
  adw_status_page_set_title (ADW_STATUS_PAGE (gtk_stack_get_child_by_name (
                               self->content_stack, "none")),
                             _("The Article Was Removed"));
  show_page (self, "none");
}

/* An import in flight; the window may be closed before the reply. */
typedef struct
{
  GWeakRef  window;
  char     *name;
} Import;

static void
import_free (Import *import)
{
  g_weak_ref_clear (&import->window);
  g_free (import->name);
  g_free (import);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Import, import_free)

static void
ingest_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(Import) import = user_data;
  g_autoptr(NfWindow) self = g_weak_ref_get (&import->window);
  g_autofree char *path = NULL;
  g_autofree char *message = NULL;
  g_autoptr(GError) error = NULL;

  if (!nf_dbus_store_call_ingest_fd_finish (NF_DBUS_STORE (object), &path,
                                            NULL, result, &error))
    {
      g_dbus_error_strip_remote_error (error);
      message = g_strdup_printf (_("Cannot import “%s”: %s"), import->name,
                                 error->message);
    }
  else
    message = g_strdup_printf (_("Imported “%s”"), import->name);
  g_debug ("%s", message);
  if (self == NULL)
    return;
  toast (self, message);
  if (path != NULL)
    nf_window_show_article (self, path);
}

/* Sends one file to the service by descriptor, so its bytes never cross
 * the bus and the service reads exactly what is on disk. */
static void
import_file (NfWindow *self,
             GFile    *file)
{
  NfDbusStore *store = nf_client_get_store (self->client);
  g_autofree char *local = g_file_get_path (file);
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *message = NULL;
  g_autoptr(GUnixFDList) fds = NULL;
  Import *import;
  int fd;

  if (store == NULL)
    {
      toast (self, _("Cannot import: the Newsfacts service is not running"));
      return;
    }
  fd = local != NULL ? g_open (local, O_RDONLY | O_CLOEXEC, 0) : -1;
  if (fd < 0)
    {
      message = g_strdup_printf (_("Cannot open “%s”"), name);
      toast (self, message);
      return;
    }
  fds = g_unix_fd_list_new_from_array (&fd, 1);
  import = g_new0 (Import, 1);
  g_weak_ref_init (&import->window, self);
  import->name = g_strdup (name);
  nf_dbus_store_call_ingest_fd (store, name, g_variant_new_handle (0),
                                g_variant_new ("a{sv}", NULL),
                                G_DBUS_CALL_FLAGS_NONE, -1, fds, NULL,
                                ingest_cb, import);
}

void
nf_window_import_files (NfWindow  *self,
                        GFile    **files,
                        guint      n_files)
{
  g_return_if_fail (NF_IS_WINDOW (self));

  for (guint i = 0; i < n_files; i++)
    import_file (self, files[i]);
}

static void
import_response_cb (GtkNativeDialog *dialog,
                    int              response,
                    NfWindow        *self)
{
  g_autoptr(GListModel) files = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (dialog));
      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        {
          g_autoptr(GFile) file = g_list_model_get_item (files, i);

          import_file (self, file);
        }
    }
  g_object_unref (dialog);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  NfWindow *self = NF_WINDOW (widget);
  GtkFileChooserNative *dialog;
  GtkFileFilter *filter;

  dialog = gtk_file_chooser_native_new (_("Import Articles"),
                                        GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Import"), _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (dialog), TRUE);
  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("Text files"));
  gtk_file_filter_add_mime_type (filter, "text/plain");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  g_object_unref (filter);
  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("All files"));
  gtk_file_filter_add_pattern (filter, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  g_object_unref (filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (import_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  NfWindow *self = NF_WINDOW (widget);

  if (nf_article_view_get_article (self->article_view) == NULL ||
      self->current == NULL)
    {
      toast (self, _("Pick an article to export its facts"));
      return;
    }
  nf_article_view_export_json (self->article_view);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  NfWindow *self = NF_WINDOW (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  NfWindow *self = NF_WINDOW (widget);
  const char *page = gtk_stack_get_visible_child_name (self->content_stack);

  if (g_strcmp0 (page, "story") == 0 && self->current != NULL)
    show_page (self, "article");
  else
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
reconnect_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  nf_client_reconnect (NF_WINDOW (widget)->client);
}

static void
focus_list_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  NfWindow *self = NF_WINDOW (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         NfWindow      *self)
{
  GSList *files;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;
  files = gdk_file_list_get_files (g_value_get_boxed (value));
  for (GSList *l = files; l != NULL; l = l->next)
    import_file (self, l->data);
  g_slist_free (files);
  return TRUE;
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item)
{
  gtk_list_item_set_child (list_item, nf_article_row_new ());
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item)
{
  nf_article_row_set_item (NF_ARTICLE_ROW (gtk_list_item_get_child (list_item)),
                           gtk_list_item_get_item (list_item));
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item)
{
  nf_article_row_set_item (NF_ARTICLE_ROW (gtk_list_item_get_child (list_item)),
                           NULL);
}

static void
setup_list (NfWindow *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), NULL);

  self->articles = nf_article_list_new (self->client);
  self->selection = gtk_single_selection_new (
    G_LIST_MODEL (g_object_ref (self->articles)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view,
                           GTK_SELECTION_MODEL (self->selection));

  g_signal_connect_swapped (self->selection, "notify::selected",
                            G_CALLBACK (selection_changed_cb), self);
  g_signal_connect_swapped (self->articles, "items-changed",
                            G_CALLBACK (items_changed_cb), self);
  g_signal_connect_swapped (self->articles, "notify::ready",
                            G_CALLBACK (update_sidebar), self);
  g_signal_connect_swapped (self->articles, "page-loaded",
                            G_CALLBACK (page_loaded_cb), self);
  g_signal_connect_swapped (self->articles, "failed",
                            G_CALLBACK (list_failed_cb), self);
}

static void
nf_window_constructed (GObject *object)
{
  NfWindow *self = NF_WINDOW (object);
  GtkDropTarget *target;

  G_OBJECT_CLASS (nf_window_parent_class)->constructed (object);

  g_assert (self->client != NULL);
  setup_list (self);
  nf_article_view_set_client (self->article_view, self->client);
  nf_story_view_set_client (self->story_view, self->client);
  g_signal_connect_object (self->client, "notify::available",
                           G_CALLBACK (available_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->client, "articles-changed",
                           G_CALLBACK (articles_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->client, "articles-removed",
                           G_CALLBACK (articles_removed_cb), self,
                           G_CONNECT_SWAPPED);

  target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (target, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self),
                             GTK_EVENT_CONTROLLER (target));

  gtk_search_bar_set_key_capture_widget (self->search_bar,
                                         GTK_WIDGET (self->list_view));
  gtk_revealer_set_reveal_child (self->offline_revealer,
                                 !nf_client_get_available (self->client));
  update_sidebar (self);
  update_back_button (self);
}

static void
nf_window_dispose (GObject *object)
{
  NfWindow *self = NF_WINDOW (object);

  if (self->articles != NULL)
    g_signal_handlers_disconnect_by_data (self->articles, self);
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), NF_TYPE_WINDOW);
  g_clear_object (&self->selection);
  g_clear_object (&self->articles);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (nf_window_parent_class)->dispose (object);
}

static void
nf_window_finalize (GObject *object)
{
  NfWindow *self = NF_WINDOW (object);

  g_free (self->current);

  G_OBJECT_CLASS (nf_window_parent_class)->finalize (object);
}

enum {
  PROP_0,
  PROP_CLIENT,
  N_PROPS
};

static void
nf_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  NfWindow *self = NF_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bind_children (GtkWidgetClass *widget_class)
{
#define BIND(name) \
  gtk_widget_class_bind_template_child (widget_class, NfWindow, name)
  BIND (toast_overlay);
  BIND (leaflet);
  BIND (sidebar_title);
  BIND (search_bar);
  BIND (search_entry);
  BIND (offline_revealer);
  BIND (sidebar_stack);
  BIND (spinner);
  BIND (list_view);
  BIND (content_title);
  BIND (back_button);
  BIND (content_stack);
  BIND (article_view);
  BIND (story_view);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, folded_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_requested_cb);
  gtk_widget_class_bind_template_callback (widget_class, story_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, story_article_cb);
}

static void
install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.import", NULL,
                                   import_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL,
                                   export_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL,
                                   search_action);
  gtk_widget_class_install_action (widget_class, "win.back", NULL,
                                   back_action);
  gtk_widget_class_install_action (widget_class, "win.reconnect", NULL,
                                   reconnect_action);
  gtk_widget_class_install_action (widget_class, "win.focus-list", NULL,
                                   focus_list_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o,
                                       GDK_CONTROL_MASK, "win.import", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e,
                                       GDK_CONTROL_MASK, "win.export", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f,
                                       GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left,
                                       GDK_ALT_MASK, "win.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l,
                                       GDK_CONTROL_MASK, "win.focus-list",
                                       NULL);
}

static void
nf_window_class_init (NfWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = nf_window_constructed;
  object_class->dispose = nf_window_dispose;
  object_class->finalize = nf_window_finalize;
  object_class->set_property = nf_window_set_property;

  g_object_class_install_property (
    object_class, PROP_CLIENT,
    g_param_spec_object ("client", NULL, NULL, NF_TYPE_CLIENT,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_STATIC_STRINGS));

  g_type_ensure (NF_TYPE_ARTICLE_VIEW);
  g_type_ensure (NF_TYPE_STORY_VIEW);
  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/newsfacts/Viewer/nf-window.ui");
  bind_children (widget_class);
  install_actions (widget_class);
}

static void
nf_window_init (NfWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

NfWindow *
nf_window_new (GtkApplication *application,
               NfClient       *client)
{
  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (NF_IS_CLIENT (client), NULL);

  return g_object_new (NF_TYPE_WINDOW,
                       "application", application,
                       "client", client,
                       NULL);
}

NfArticleList *
_nf_window_get_article_list (NfWindow *self)
{
  return self->articles;
}

GtkSingleSelection *
_nf_window_get_selection (NfWindow *self)
{
  return self->selection;
}

GtkListView *
_nf_window_get_list_view (NfWindow *self)
{
  return self->list_view;
}

GtkEditable *
_nf_window_get_search_entry (NfWindow *self)
{
  return GTK_EDITABLE (self->search_entry);
}

NfArticleView *
_nf_window_get_article_view (NfWindow *self)
{
  return self->article_view;
}

NfStoryView *
_nf_window_get_story_view (NfWindow *self)
{
  return self->story_view;
}

const char *
_nf_window_get_sidebar_page (NfWindow *self)
{
  return gtk_stack_get_visible_child_name (self->sidebar_stack);
}

/* TRUE while the window says the service is away. */
gboolean
_nf_window_get_offline (NfWindow *self)
{
  return gtk_revealer_get_reveal_child (self->offline_revealer);
}
