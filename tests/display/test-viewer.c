/* test-viewer.c: the viewer against the real service, under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One window lives through the whole run, as a user would use it: the
 * seeds in the list, seed 004 opened with its quotes and figures, a search,
 * a third article arriving while 004 stays selected, and the story view.
 * Each state is saved as a PNG in the build folder.
 */

#define G_LOG_DOMAIN "nf-display-test"

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "nf-article-item.h"
#include "nf-display-harness.h"
#include "nf-figure-row.h"
#include "nf-quote-row.h"
#include "nf-window-private.h"

/* What the seeds say (spec/examples); the test checks the viewer shows
 * what the service extracted, so it relies on the pipeline being right. */
#define SEED_000_HEADLINE \
  "US looking for further compromise from S. Korea in defense cost talks: " \
  "State Department"
#define SEED_004_HEADLINE \
  "U.S. expects S. Korea to be flexible in defense cost-sharing talks: " \
  "official"
#define SEED_004_SOURCE "004_f680026f844309a2.txt"

static NfWindow *window;
static char *tmpdir;
static char *db;

static NfArticleList *
articles (void)
{
  return _nf_window_get_article_list (window);
}

static guint
n_articles (void)
{
  return g_list_model_get_n_items (G_LIST_MODEL (articles ()));
}

static gboolean
all_loaded (gpointer data)
{
  guint expected = GPOINTER_TO_UINT (data);
  guint n = n_articles ();

  if (!nf_article_list_get_ready (articles ()) || n != expected)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(NfArticleItem) item = g_list_model_get_item (
        G_LIST_MODEL (articles ()), i);

      if (!nf_article_item_get_loaded (item))
        return FALSE;
    }
  return TRUE;
}

static guint
find_source (const char *source)
{
  for (guint i = 0; i < n_articles (); i++)
    {
      g_autoptr(NfArticleItem) item = g_list_model_get_item (
        G_LIST_MODEL (articles ()), i);

      if (g_strcmp0 (nf_article_item_get_source (item), source) == 0)
        return i;
    }
  return G_MAXUINT;
}

static void
test_list (void)
{
  GtkWidget *list = GTK_WIDGET (_nf_window_get_list_view (window));
  g_autofree char *shot = NULL;

  g_assert_true (nf_harness_wait (all_loaded, GUINT_TO_POINTER (2), 15000));
  shot = nf_harness_screenshot (GTK_WIDGET (window), "viewer-list.png");
  g_test_message ("screenshot: %s", shot);

  g_assert_true (nf_harness_has_label (list, SEED_000_HEADLINE));
  g_assert_true (nf_harness_has_label (list, SEED_004_HEADLINE));
  g_assert_cmpstr (_nf_window_get_sidebar_page (window), ==, "list");
}

static gboolean
article_shown (gpointer data)
{
  gboolean *loaded = data;

  return *loaded;
}

static void
on_loaded (gboolean *loaded)
{
  *loaded = TRUE;
}

static guint
count_quotes_by (GtkWidget  *view,
                 const char *speaker)
{
  guint n = 0;

  if (NF_IS_QUOTE_ROW (view) && gtk_widget_get_visible (view) &&
      g_strcmp0 (nf_quote_row_get_speaker (NF_QUOTE_ROW (view)), speaker) == 0)
    n++;
  for (GtkWidget *child = gtk_widget_get_first_child (view); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_quotes_by (child, speaker);
  return n;
}

static NfFigureRow *
find_figure (GtkWidget  *view,
             const char *text)
{
  if (NF_IS_FIGURE_ROW (view) &&
      gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (view)))
    {
      g_auto(GStrv) cells = nf_figure_row_dup_cells (NF_FIGURE_ROW (view));

      if (cells[0] != NULL && g_strcmp0 (cells[0], text) == 0)
        return NF_FIGURE_ROW (view);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (view); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      NfFigureRow *row = find_figure (child, text);

      if (row != NULL)
        return row;
    }
  return NULL;
}

static GtkTextBuffer *
find_text_buffer (GtkWidget *widget)
{
  if (GTK_IS_TEXT_VIEW (widget))
    return gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkTextBuffer *buffer = find_text_buffer (child);

      if (buffer != NULL)
        return buffer;
    }
  return NULL;
}

/* Activating a figure marks it in the original text. */
static void
check_scroll_to (GtkWidget   *view,
                 NfFigureRow *row)
{
  GtkTextBuffer *buffer = find_text_buffer (view);
  g_autofree char *marked = NULL;
  GtkTextIter start, end;
  GtkTextTag *flash;

  g_assert_nonnull (buffer);
  g_signal_emit_by_name (gtk_widget_get_parent (GTK_WIDGET (row)),
                         "row-activated", row);
  flash = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer),
                                     "flash");
  gtk_text_buffer_get_iter_at_offset (buffer, &start,
                                      nf_figure_row_get_start (row));
  g_assert_true (gtk_text_iter_has_tag (&start, flash));
  end = start;
  gtk_text_iter_forward_to_tag_toggle (&end, flash);
  marked = gtk_text_iter_get_text (&start, &end);
  g_assert_cmpstr (marked, ==, "US$870 million");
}

static gboolean
has_quotes (void)
{
  NfDbusArticle *article = nf_article_view_get_article (
    _nf_window_get_article_view (window));
  GVariant *quotes = article != NULL ? nf_dbus_article_get_quotes (article)
                                     : NULL;

  return quotes != NULL && g_variant_n_children (quotes) > 0;
}

static void
test_article (void)
{
  NfArticleView *view = _nf_window_get_article_view (window);
  gboolean loaded = FALSE;
  g_autofree char *shot = NULL;
  NfFigureRow *figure;
  guint position;
  gulong id;

  g_assert_true (nf_harness_wait (all_loaded, GUINT_TO_POINTER (2), 15000));
  position = find_source (SEED_004_SOURCE);
  g_assert_cmpuint (position, !=, G_MAXUINT);
  id = g_signal_connect_swapped (view, "loaded", G_CALLBACK (on_loaded),
                                 &loaded);
  gtk_single_selection_set_selected (_nf_window_get_selection (window),
                                     position);
  g_assert_true (nf_harness_wait (article_shown, &loaded, 10000));
  g_signal_handler_disconnect (view, id);
  shot = nf_harness_screenshot (GTK_WIDGET (window), "viewer-article.png");
  g_test_message ("screenshot: %s", shot);

  g_assert_true (nf_harness_has_label (GTK_WIDGET (view), SEED_004_HEADLINE));
  figure = find_figure (GTK_WIDGET (view), "US$870 million");
  g_assert_nonnull (figure);
  check_scroll_to (GTK_WIDGET (view), figure);
  g_clear_pointer (&shot, g_free);
  shot = nf_harness_screenshot (GTK_WIDGET (window), "viewer-figure.png");
  g_test_message ("screenshot: %s", shot);

  g_assert_true (has_quotes ());
  g_assert_cmpuint (count_quotes_by (GTK_WIDGET (view), "Marc Knapper"), ==,
                    3);
}

static void
read_text_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  char **text = user_data;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result,
                                          NULL);
  if (*text == NULL)
    *text = g_strdup ("");
}

static gboolean
is_set (gpointer data)
{
  return *(char **) data != NULL;
}

static void
test_copy_quote (void)
{
  NfArticleView *view = _nf_window_get_article_view (window);
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (view));
  g_autofree char *text = NULL;
  g_autofree char *published = NULL;
  g_autofree char *expected = NULL;

  g_assert_true (has_quotes ());
  nf_article_view_copy_quote (view, 0);
  gdk_clipboard_read_text_async (clipboard, NULL, read_text_cb, &text);
  g_assert_true (nf_harness_wait (is_set, &text, 5000));
  g_test_message ("copied: %s", text);
  published = g_strndup (nf_dbus_article_get_published (
                            nf_article_view_get_article (view)), 10);
  expected = g_strdup_printf ("\n— Marc Knapper, Yonhap, %s", published);
  g_assert_true (g_str_has_prefix (text, "“"));
  g_assert_true (g_str_has_suffix (text, expected));
  /* Seed 004's dateline has no year; its story gives 2020. */
  g_assert_true (g_str_has_suffix (text, "\n— Marc Knapper, Yonhap, 2020-05-05"));
}

typedef struct
{
  GtkWidget  *widget;
  const char *prefix;
} LabelWait;

static gboolean
has_label_prefix (gpointer data)
{
  LabelWait *wait = data;
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);

  nf_harness_collect_labels (wait->widget, texts);
  for (guint i = 0; i < texts->len; i++)
    if (g_str_has_prefix (texts->pdata[i], wait->prefix))
      return TRUE;
  return FALSE;
}

/* Exporting writes the service's facts JSON of the article shown. */
static void
test_export (void)
{
  NfArticleView *view = _nf_window_get_article_view (window);
  g_autofree char *path = g_build_filename (tmpdir, "facts.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  LabelWait saved = { GTK_WIDGET (window), "Facts saved to “facts.json”" };
  JsonObject *root;

  nf_article_view_save_json (view, file);
  g_assert_true (nf_harness_wait (has_label_prefix, &saved, 10000));
  g_assert_true (json_parser_load_from_file (parser, path, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "schema"), ==,
                   "newsfacts/1");
  g_assert_cmpstr (json_object_get_string_member (root, "source"), ==,
                   SEED_004_SOURCE);
  g_assert_cmpuint (json_array_get_length (
                      json_object_get_array_member (root, "quotes")), ==,
                    count_quotes_by (GTK_WIDGET (view), "Marc Knapper"));
  g_unlink (path);
}

typedef struct
{
  const char *query;
  guint       n;
} Search;

static gboolean
search_done (gpointer data)
{
  Search *search = data;

  return g_strcmp0 (nf_article_list_get_query (articles ()),
                    search->query) == 0 &&
         all_loaded (GUINT_TO_POINTER (search->n));
}

static GtkButton *
find_chip (GtkWidget  *widget,
           const char *name)
{
  if (GTK_IS_BUTTON (widget) && gtk_widget_has_css_class (widget, "nf-chip") &&
      nf_harness_has_label (widget, name))
    return GTK_BUTTON (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkButton *chip = find_chip (child, name);

      if (chip != NULL)
        return chip;
    }
  return NULL;
}

/* Clicking a person's chip searches for them. */
static void
test_entity_chip (void)
{
  GtkButton *chip = find_chip (GTK_WIDGET (_nf_window_get_article_view (
                                 window)), "Marc Knapper");
  Search knapper = { "\"Marc Knapper\"", 1 };
  Search all = { "", 2 };

  g_assert_nonnull (chip);
  g_signal_emit_by_name (chip, "clicked");
  g_assert_true (nf_harness_wait (search_done, &knapper, 10000));
  g_assert_cmpuint (find_source (SEED_004_SOURCE), ==, 0);
  gtk_editable_set_text (_nf_window_get_search_entry (window), "");
  g_assert_true (nf_harness_wait (search_done, &all, 10000));
}

static void
test_search (void)
{
  GtkEditable *entry = _nf_window_get_search_entry (window);
  GtkWidget *list = GTK_WIDGET (_nf_window_get_list_view (window));
  Search knapper = { "Knapper", 1 };
  Search all = { "", 2 };
  g_autofree char *shot = NULL;

  /* As Ctrl+F does: the search bar opens and takes the focus. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.search",
                                             NULL));
  gtk_editable_set_text (entry, "Knapper");
  g_assert_true (nf_harness_wait (search_done, &knapper, 10000));
  nf_harness_settle (200);
  g_assert_cmpuint (find_source (SEED_004_SOURCE), ==, 0);
  g_assert_true (nf_harness_has_label (list, SEED_004_HEADLINE));
  g_assert_false (nf_harness_has_label (list, SEED_000_HEADLINE));
  shot = nf_harness_screenshot (GTK_WIDGET (window), "viewer-search.png");
  g_test_message ("screenshot: %s", shot);

  gtk_editable_set_text (entry, "");
  g_assert_true (nf_harness_wait (search_done, &all, 10000));
}

/* A wire story that is neither seed, written for this test. */
static const char third_article[] =
  "Harbour authority opens new container terminal\n"
  "By Test Reporter\n"
  "ROTTERDAM, June 3 (Newswire) -- The port of Rotterdam opened a new "
  "container terminal on Wednesday, adding room for 2 million containers "
  "a year.\n"
  "\"This terminal doubles what we can handle,\" said Anna de Vries, the "
  "port's chief executive.\n";

static gboolean
has_third (gpointer data)
{
  return all_loaded (GUINT_TO_POINTER (3)) &&
         nf_harness_has_label (data, "Harbour authority opens new container "
                                     "terminal");
}

static void
test_live (void)
{
  GtkWidget *list = GTK_WIDGET (_nf_window_get_list_view (window));
  GtkSingleSelection *selection = _nf_window_get_selection (window);
  g_autoptr(GError) error = NULL;
  g_autoptr(NfDbusStore) store = NULL;
  g_autofree char *path = NULL;
  g_autofree char *shot = NULL;
  g_autoptr(NfArticleItem) selected = NULL;

  store = nf_dbus_store_proxy_new_for_bus_sync (
    G_BUS_TYPE_SESSION, G_DBUS_PROXY_FLAGS_NONE, NF_BUS_NAME, NF_ROOT_PATH,
    NULL, &error);
  g_assert_no_error (error);
  g_assert_true (nf_dbus_store_call_ingest_sync (
    store, "harbour.txt", third_article, g_variant_new ("a{sv}", NULL),
    G_DBUS_CALL_FLAGS_NONE, -1, &path, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (nf_harness_wait (has_third, list, 10000));
  /* The article shown before stays selected. */
  selected = g_object_ref (gtk_single_selection_get_selected_item (selection));
  g_assert_cmpstr (nf_article_item_get_source (selected), ==,
                   SEED_004_SOURCE);
  g_assert_cmpstr (nf_article_view_get_path (
                     _nf_window_get_article_view (window)), ==,
                   nf_article_item_get_path (selected));
  shot = nf_harness_screenshot (GTK_WIDGET (window), "viewer-live.png");
  g_test_message ("screenshot: %s", shot);

  /* And it goes again: the row vanishes, the selection stays. */
  g_assert_true (nf_dbus_store_call_remove_sync (store, path,
                                                 G_DBUS_CALL_FLAGS_NONE, -1,
                                                 NULL, &error));
  g_assert_no_error (error);
  g_assert_true (nf_harness_wait (all_loaded, GUINT_TO_POINTER (2), 10000));
  g_assert_false (nf_harness_has_label (list, "Harbour authority opens new "
                                              "container terminal"));
  g_clear_object (&selected);
  selected = g_object_ref (gtk_single_selection_get_selected_item (selection));
  g_assert_cmpstr (nf_article_item_get_source (selected), ==,
                   SEED_004_SOURCE);
}

static guint
count_labels (GtkWidget  *widget,
              const char *text)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  guint n = 0;

  nf_harness_collect_labels (widget, texts);
  for (guint i = 0; i < texts->len; i++)
    n += g_strcmp0 (texts->pdata[i], text) == 0;
  return n;
}

static void
test_story (void)
{
  NfArticleView *view = _nf_window_get_article_view (window);
  NfStoryView *story_view = _nf_window_get_story_view (window);
  NfDbusArticle *article = nf_article_view_get_article (view);
  const char *story = article != NULL ? nf_dbus_article_get_story (article)
                                      : NULL;
  gboolean loaded = FALSE;
  g_autofree char *shot = NULL;
  gulong id;

  /* Both seeds tell one story (issue 9). */
  g_assert_nonnull (story);
  g_assert_true (g_variant_is_object_path (story));
  g_assert_cmpstr (story, !=, "/");
  id = g_signal_connect_swapped (story_view, "loaded", G_CALLBACK (on_loaded),
                                 &loaded);
  g_signal_emit_by_name (view, "story-activated", story);
  g_assert_true (nf_harness_wait (article_shown, &loaded, 10000));
  g_signal_handler_disconnect (story_view, id);
  g_assert_true (nf_harness_has_label (GTK_WIDGET (story_view),
                                       SEED_000_HEADLINE));
  g_assert_true (nf_harness_has_label (GTK_WIDGET (story_view),
                                       SEED_004_HEADLINE));
  /* The four figures both seeds give (troops, dollars, percent,
   * workers): three agree, and the offer is "at least 13 percent" in one
   * and "13 percent" in the other. */
  g_assert_cmpuint (count_labels (GTK_WIDGET (story_view), "agree"), ==, 3);
  g_assert_cmpuint (count_labels (GTK_WIDGET (story_view),
                                  "qualified differently"), ==, 1);
  /* Who said what: the speakers with their quotes over time. */
  g_assert_true (nf_harness_has_label (GTK_WIDGET (story_view),
                                       "Marc Knapper"));
  shot = nf_harness_screenshot (GTK_WIDGET (window), "viewer-story.png");
  g_test_message ("screenshot: %s", shot);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_unlink (child);
    }
  g_rmdir (path);
}

static const char fourth_article[] =
  "City council approves new bicycle lanes\n"
  "By Test Reporter\n"
  "UTRECHT, June 4 (Newswire) -- The city council approved 12 kilometres "
  "of new bicycle lanes on Thursday.\n";

/* Files go to the service by descriptor (IngestFd), as from Ctrl+O or a
 * drop; a file the service refuses shows its message in a toast. */
static void
test_import (void)
{
  g_autofree char *bad = g_build_filename (tmpdir, "bad.txt", NULL);
  g_autofree char *good = g_build_filename (tmpdir, "bicycles.txt", NULL);
  g_autoptr(GFile) bad_file = g_file_new_for_path (bad);
  g_autoptr(GFile) good_file = g_file_new_for_path (good);
  const char binary[] = { 'P', 'K', 3, 4, 0, 0, 0, 0, 0x14, 0, 0, 0 };
  LabelWait refused = { GTK_WIDGET (window), "Cannot import “bad.txt”: " };
  LabelWait shown = {
    GTK_WIDGET (_nf_window_get_article_view (window)),
    "City council approves new bicycle lanes"
  };
  g_autofree char *shot = NULL;
  guint n_before = n_articles ();

  g_assert_true (g_file_set_contents (bad, binary, sizeof binary, NULL));
  g_assert_true (g_file_set_contents (good, fourth_article, -1, NULL));

  nf_window_import_files (window, (GFile *[]) { bad_file }, 1);
  /* Toasts queue: earlier ones (copied, saved) show first. */
  g_assert_true (nf_harness_wait (has_label_prefix, &refused, 20000));
  shot = nf_harness_screenshot (GTK_WIDGET (window), "viewer-import-error.png");
  g_test_message ("screenshot: %s", shot);

  nf_window_import_files (window, (GFile *[]) { good_file }, 1);
  if (!nf_harness_wait (has_label_prefix, &shown, 10000))
    {
      g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);

      nf_harness_collect_labels (GTK_WIDGET (window), texts);
      for (guint i = 0; i < texts->len; i++)
        g_test_message ("label: %s", (char *) texts->pdata[i]);
      g_assert_not_reached ();
    }
  g_assert_true (nf_harness_wait (all_loaded,
                                  GUINT_TO_POINTER (n_before + 1), 10000));
  g_unlink (bad);
  g_unlink (good);
}

static gboolean
is_folded (gpointer data)
{
  AdwLeaflet *leaflet = ADW_LEAFLET (gtk_widget_get_ancestor (
    GTK_WIDGET (_nf_window_get_article_view (window)), ADW_TYPE_LEAFLET));

  return adw_leaflet_get_folded (leaflet) == GPOINTER_TO_INT (data);
}

/* A phone-sized window shows one pane, the article, with a way back;
 * the dark style is followed. */
static void
test_narrow_dark (void)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  GtkWidget *view = GTK_WIDGET (_nf_window_get_article_view (window));
  g_autofree char *narrow = NULL;
  g_autofree char *dark = NULL;

  gtk_window_set_default_size (GTK_WINDOW (window), 400, 760);
  g_assert_true (nf_harness_wait (is_folded, GINT_TO_POINTER (TRUE), 5000));
  /* Opening the selected article (Enter on its row) shows its pane. */
  g_signal_emit_by_name (_nf_window_get_list_view (window), "activate",
                         gtk_single_selection_get_selected (
                           _nf_window_get_selection (window)));
  nf_harness_settle (300);
  g_assert_true (gtk_widget_get_mapped (view));
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (
    _nf_window_get_article_view (window))));
  narrow = nf_harness_screenshot (GTK_WIDGET (window), "viewer-narrow.png");
  g_test_message ("screenshot: %s", narrow);

  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 760);
  g_assert_true (nf_harness_wait (is_folded, GINT_TO_POINTER (FALSE), 5000));
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  g_assert_true (adw_style_manager_get_dark (style));
  dark = nf_harness_screenshot (GTK_WIDGET (window), "viewer-dark.png");
  g_test_message ("screenshot: %s", dark);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
}

static gboolean
offline_is (gpointer data)
{
  return _nf_window_get_offline (window) == GPOINTER_TO_INT (data);
}

static guint n_expected;

static gboolean
back_with_selection (gpointer data)
{
  NfArticleItem *item = gtk_single_selection_get_selected_item (
    _nf_window_get_selection (window));

  return !_nf_window_get_offline (window) &&
         all_loaded (GUINT_TO_POINTER (n_expected)) && item != NULL &&
         g_strcmp0 (nf_article_item_get_path (item),
                    nf_article_view_get_path (
                      _nf_window_get_article_view (window))) == 0;
}

/* The service goes away: the window says so and keeps its list; it comes
 * back: the window reloads and the article stays selected. */
static void
test_reconnect (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *shot = NULL;

  n_expected = n_articles ();
  nf_harness_stop_service ();
  g_assert_true (nf_harness_wait (offline_is, GINT_TO_POINTER (TRUE), 5000));
  g_assert_cmpuint (n_articles (), ==, n_expected);
  shot = nf_harness_screenshot (GTK_WIDGET (window), "viewer-offline.png");
  g_test_message ("screenshot: %s", shot);

  g_assert_true (nf_harness_start_service (db, &error));
  g_assert_no_error (error);
  g_assert_true (nf_harness_wait (back_with_selection, NULL, 10000));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  nf_harness_reexec_under_display (argc, argv);
  g_test_init (&argc, &argv, NULL);
  nf_harness_init_display ();

  tmpdir = g_dir_make_tmp ("nf-display-XXXXXX", &error);
  g_assert_no_error (error);
  db = g_build_filename (tmpdir, "facts.db", NULL);
  if (!nf_harness_start_service (db, &error))
    {
      g_print ("1..0 # SKIP %s\n", error->message);
      return 0;
    }
  window = nf_harness_open_window ();

  g_test_add_func ("/viewer/list", test_list);
  g_test_add_func ("/viewer/article", test_article);
  g_test_add_func ("/viewer/copy-quote", test_copy_quote);
  g_test_add_func ("/viewer/export", test_export);
  g_test_add_func ("/viewer/search", test_search);
  g_test_add_func ("/viewer/entity-chip", test_entity_chip);
  g_test_add_func ("/viewer/live", test_live);
  g_test_add_func ("/viewer/story", test_story);
  g_test_add_func ("/viewer/import", test_import);
  g_test_add_func ("/viewer/narrow-dark", test_narrow_dark);
  g_test_add_func ("/viewer/reconnect", test_reconnect);
  status = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  nf_harness_stop_service ();
  remove_tree (tmpdir);
  return status;
}
