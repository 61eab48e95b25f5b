/* nf-article-view.c: one article with its facts and its text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Loads an Article object (all its properties in one GetAll when the proxy
 * is made), then its text.  The text goes into a GtkTextBuffer as plain
 * text; facts are marked with tags at their code-point offsets, which are
 * exactly GtkTextBuffer's character offsets.
 */

#define G_LOG_DOMAIN "nf-article-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "nf-article-view.h"
#include "nf-figure-row.h"
#include "nf-quote-row.h"

struct _NfArticleView
{
  GtkWidget          parent_instance;

  NfClient          *client;
  NfDbusArticle     *article;
  char              *path;
  GCancellable      *cancellable;

  GtkScrolledWindow *scroller;
  GtkWidget         *content;
  GtkLabel          *headline_label;
  GtkLabel          *meta_label;
  GtkButton         *story_button;
  AdwButtonContent  *story_content;
  GtkLabel          *brief_label;
  GtkWidget         *quotes_section;
  GtkListBox        *quotes_list;
  GtkWidget         *figures_section;
  GtkListBox        *figures_list;
  GtkWidget         *dates_section;
  GtkListBox        *dates_list;
  GtkWidget         *entities_section;
  GtkFlowBox        *entities_box;
  GtkTextView       *text_view;
};

G_DEFINE_FINAL_TYPE (NfArticleView, nf_article_view, GTK_TYPE_WIDGET)

enum {
  LOADED,
  SEARCH_REQUESTED,
  STORY_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
toast (NfArticleView *self,
       const char    *message)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self),
                                                ADW_TYPE_TOAST_OVERLAY);
  g_autofree char *escaped = NULL;
  AdwToast *toast;

  g_debug ("%s", message);
  if (overlay == NULL)
    {
      g_message ("%s", message);
      return;
    }
  /* Toast titles are markup; the message may come from the service or a
   * file name, so it is escaped. */
  escaped = g_markup_escape_text (message, -1);
  toast = adw_toast_new (escaped);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}

static void
toast_error (NfArticleView *self,
             const char    *what,
             const GError  *error)
{
  g_autoptr(GError) copy = g_error_copy (error);
  g_autofree char *message = NULL;

  g_dbus_error_strip_remote_error (copy);
  message = g_strdup_printf ("%s: %s", what, copy->message);
  toast (self, message);
}

static gboolean
is_blank (const char *s)
{
  return s == NULL || *s == '\0';
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static void
clear_flow (GtkFlowBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_flow_box_remove (box, child);
}

/* "2020-04-28T09:21" reads better as "2020-04-28 09:21". */
static char *
format_published (const char *published)
{
  char *text = g_strdup (published);
  char *t = strchr (text, 'T');

  if (t != NULL)
    *t = ' ';
  return text;
}

static void
fill_header (NfArticleView *self)
{
  NfDbusArticle *a = self->article;
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  const char * const *byline = nf_dbus_article_get_byline (a);
  const char *headline = nf_dbus_article_get_headline (a);
  g_autofree char *meta = NULL;

  if (byline != NULL && byline[0] != NULL)
    {
      g_autofree char *names = g_strjoinv (_(", "), (char **) byline);

      g_ptr_array_add (parts, g_strdup_printf (_("By %s"), names));
    }
  if (!is_blank (nf_dbus_article_get_agency (a)))
    g_ptr_array_add (parts, g_strdup (nf_dbus_article_get_agency (a)));
  if (!is_blank (nf_dbus_article_get_dateline (a)))
    g_ptr_array_add (parts, g_strdup (nf_dbus_article_get_dateline (a)));
  if (!is_blank (nf_dbus_article_get_published (a)))
    g_ptr_array_add (parts,
                     format_published (nf_dbus_article_get_published (a)));
  g_ptr_array_add (parts, NULL);
  meta = g_strjoinv (" · ", (char **) parts->pdata);

  if (is_blank (headline))
    headline = nf_dbus_article_get_source (a);
  gtk_label_set_text (self->headline_label,
                      is_blank (headline) ? _("Untitled article") : headline);
  gtk_label_set_text (self->meta_label, meta);
  gtk_label_set_text (self->brief_label, nf_dbus_article_get_brief (a));
  gtk_widget_set_visible (GTK_WIDGET (self->brief_label),
                          !is_blank (nf_dbus_article_get_brief (a)));
}

static void
copy_cb (NfQuoteRow    *row,
         NfArticleView *self)
{
  nf_article_view_copy_quote (self, gtk_list_box_row_get_index (
                                GTK_LIST_BOX_ROW (row)));
}

static void
fill_quotes (NfArticleView *self)
{
  GVariant *quotes = nf_dbus_article_get_quotes (self->article);
  GVariantIter iter;
  const char *text, *speaker, *role, *kind, *verb;
  gboolean partial;
  guint start, end;
  guint n = 0;

  clear_list (self->quotes_list);
  if (quotes != NULL)
    {
      g_variant_iter_init (&iter, quotes);
      while (g_variant_iter_next (&iter, "(&s&s&s&s&sbuu)", &text, &speaker,
                                  &role, &kind, &verb, &partial,
                                  &start, &end))
        {
          GtkWidget *row = nf_quote_row_new (text, speaker, role, kind,
                                             start, end);

          g_signal_connect (row, "copy", G_CALLBACK (copy_cb), self);
          gtk_list_box_append (self->quotes_list, row);
          n++;
        }
    }
  gtk_widget_set_visible (self->quotes_section, n > 0);
}

/* 870000000 → "870,000,000" in the user's locale; fractions kept. */
static char *
format_value (double value)
{
  if (value == (double) (gint64) value && ABS (value) < 1e15)
    return g_strdup_printf ("%'" G_GINT64_FORMAT, (gint64) value);
  return g_strdup_printf ("%'g", value);
}

static void
fill_figures (NfArticleView *self)
{
  GVariant *figures = nf_dbus_article_get_figures (self->article);
  const char *titles[] = {
    _("Figure"), _("Unit"), _("Qualifier"), _("Measures"), NULL
  };
  const char *text, *kind, *unit, *qualifier, *subject;
  GVariantIter iter;
  double value;
  guint start, end;
  guint n = 0;

  clear_list (self->figures_list);
  if (figures != NULL)
    {
      g_variant_iter_init (&iter, figures);
      while (g_variant_iter_next (&iter, "(&s&sd&s&s&suu)", &text, &kind,
                                  &value, &unit, &qualifier, &subject,
                                  &start, &end))
        {
          g_autofree char *number = format_value (value);
          const char *cells[] = {
            text, unit, is_blank (qualifier) ? "—" : qualifier,
            is_blank (subject) ? "—" : subject, NULL
          };
          GtkWidget *row = nf_figure_row_new (cells, start, end);

          /* The value as a number under the figure as printed: four
           * columns fit a phone's width, five did not. */
          nf_figure_row_set_detail (NF_FIGURE_ROW (row), number);
          if (n == 0)
            gtk_list_box_append (self->figures_list,
                                 nf_figure_row_new_header (titles));
          gtk_list_box_append (self->figures_list, row);
          n++;
        }
    }
  gtk_widget_set_visible (self->figures_section, n > 0);
}

static void
fill_dates (NfArticleView *self)
{
  GVariant *dates = nf_dbus_article_get_dates (self->article);
  const char *text, *value;
  GVariantIter iter;
  guint start, end;
  guint n = 0;

  clear_list (self->dates_list);
  if (dates != NULL)
    {
      g_variant_iter_init (&iter, dates);
      while (g_variant_iter_next (&iter, "(&s&suu)", &text, &value,
                                  &start, &end))
        {
          const char *cells[] = {
            text, is_blank (value) ? _("unresolved") : value, NULL
          };

          gtk_list_box_append (self->dates_list,
                               nf_figure_row_new (cells, start, end));
          n++;
        }
    }
  gtk_widget_set_visible (self->dates_section, n > 0);
}

static void
entity_clicked_cb (GtkButton     *button,
                   NfArticleView *self)
{
  const char *name = g_object_get_data (G_OBJECT (button), "nf-name");
  g_autofree char *query = g_strdup_printf ("\"%s\"", name);

  g_signal_emit (self, signals[SEARCH_REQUESTED], 0, query);
}

static const char *
entity_icon (const char *kind)
{
  if (g_strcmp0 (kind, "person") == 0)
    return "avatar-default-symbolic";
  if (g_strcmp0 (kind, "organization") == 0)
    return "system-users-symbolic";
  if (g_strcmp0 (kind, "place") == 0)
    return "mark-location-symbolic";
  return "tag-symbolic";
}

static GtkWidget *
entity_chip (NfArticleView      *self,
             const char         *name,
             const char         *kind,
             const char * const *aliases)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *content = adw_button_content_new ();
  g_autofree char *alias_text = g_strjoinv (_(", "), (char **) aliases);
  g_autofree char *tooltip = NULL;
  g_autofree char *accessible = NULL;

  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content),
                                    entity_icon (kind));
  adw_button_content_set_label (ADW_BUTTON_CONTENT (content), name);
  adw_button_content_set_use_underline (ADW_BUTTON_CONTENT (content), FALSE);
  gtk_button_set_child (GTK_BUTTON (button), content);
  gtk_widget_add_css_class (button, "nf-chip");
  g_object_set_data_full (G_OBJECT (button), "nf-name", g_strdup (name),
                          g_free);

  tooltip = aliases != NULL && aliases[0] != NULL
    ? g_strdup_printf (_("Search for “%s” (also: %s)"), name, alias_text)
    : g_strdup_printf (_("Search for “%s”"), name);
  gtk_widget_set_tooltip_text (button, tooltip);
  accessible = g_strdup_printf (_("Search for %s"), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
  g_signal_connect (button, "clicked", G_CALLBACK (entity_clicked_cb), self);
  return button;
}

static void
fill_entities (NfArticleView *self)
{
  GVariant *entities = nf_dbus_article_get_entities (self->article);
  const char *name, *kind;
  g_autofree const char **aliases = NULL;
  GVariantIter iter;
  guint mentions;
  guint n = 0;

  clear_flow (self->entities_box);
  if (entities != NULL)
    {
      g_variant_iter_init (&iter, entities);
      while (g_variant_iter_next (&iter, "(&s&s^a&su)", &name, &kind,
                                  &aliases, &mentions))
        {
          gtk_flow_box_append (self->entities_box,
                               entity_chip (self, name, kind, aliases));
          g_clear_pointer (&aliases, g_free);
          n++;
        }
    }
  gtk_widget_set_visible (self->entities_section, n > 0);
}

static void
story_ready_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(NfArticleView) self = user_data;
  g_autoptr(NfDbusStory) story = NULL;
  g_autofree char *label = NULL;
  g_autofree char *title = NULL;
  const char * const *articles;
  guint n;

  story = nf_dbus_story_proxy_new_finish (result, NULL);
  if (story == NULL || g_cancellable_is_cancelled (self->cancellable))
    return;
  articles = nf_dbus_story_get_articles (story);
  n = articles != NULL ? g_strv_length ((char **) articles) : 0;
  /* A story of one article has nothing to compare: no button. */
  if (n < 2 || is_blank (nf_dbus_story_get_title (story)))
    return;
  gtk_widget_set_visible (GTK_WIDGET (self->story_button), TRUE);
  /* The button's label cannot ellipsize: a whole headline would keep
   * the window from showing both panes. */
  if (g_utf8_strlen (nf_dbus_story_get_title (story), -1) > 40)
    {
      g_autofree char *cut = g_utf8_substring (nf_dbus_story_get_title (story),
                                               0, 39);

      title = g_strconcat (cut, "…", NULL);
    }
  else
    title = g_strdup (nf_dbus_story_get_title (story));
  label = g_strdup_printf (ngettext ("Story: %s · %u article",
                                     "Story: %s · %u articles", n),
                           title, n);
  adw_button_content_set_label (self->story_content, label);
}

static void
fill_story (NfArticleView *self)
{
  const char *story = nf_dbus_article_get_story (self->article);
  gboolean has_story = !is_blank (story) && g_strcmp0 (story, "/") != 0;

  gtk_widget_set_visible (GTK_WIDGET (self->story_button), FALSE);
  adw_button_content_set_label (self->story_content, _("Story"));
  if (!has_story)
    return;
  nf_dbus_story_proxy_new (nf_client_get_connection (self->client),
                           G_DBUS_PROXY_FLAGS_DO_NOT_AUTO_START,
                           NF_BUS_NAME, story, self->cancellable,
                           story_ready_cb, g_object_ref (self));
}

static void
tag_spans (GtkTextBuffer *buffer,
           GVariant      *facts,
           const char    *tag)
{
  GVariantIter iter;
  GVariant *child;

  if (facts == NULL)
    return;
  g_variant_iter_init (&iter, facts);
  while ((child = g_variant_iter_next_value (&iter)) != NULL)
    {
      gsize n = g_variant_n_children (child);
      guint32 start = 0, end = 0;
      GtkTextIter s, e;
      g_autoptr(GVariant) vs = g_variant_get_child_value (child, n - 2);
      g_autoptr(GVariant) ve = g_variant_get_child_value (child, n - 1);

      start = g_variant_get_uint32 (vs);
      end = g_variant_get_uint32 (ve);
      gtk_text_buffer_get_iter_at_offset (buffer, &s, start);
      gtk_text_buffer_get_iter_at_offset (buffer, &e, end);
      if (start < end)
        gtk_text_buffer_apply_tag_by_name (buffer, tag, &s, &e);
      g_variant_unref (child);
    }
}

static void
text_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(NfArticleView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  GtkTextBuffer *buffer;

  if (!nf_dbus_article_call_get_text_finish (NF_DBUS_ARTICLE (object), &text,
                                             result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast_error (self, _("Cannot read the article text"), error);
      return;
    }
  if (NF_DBUS_ARTICLE (object) != self->article)
    return;

  /* Plain text only: the article is never parsed as markup. */
  buffer = gtk_text_view_get_buffer (self->text_view);
  gtk_text_buffer_set_text (buffer, text, -1);
  tag_spans (buffer, nf_dbus_article_get_dates (self->article), "date");
  tag_spans (buffer, nf_dbus_article_get_figures (self->article),
             "figure");
  tag_spans (buffer, nf_dbus_article_get_quotes (self->article),
             "quote");
  g_signal_emit (self, signals[LOADED], 0);
}

static void
article_ready_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(NfArticleView) self = user_data;
  g_autoptr(NfDbusArticle) article = NULL;
  g_autoptr(GError) error = NULL;

  article = nf_dbus_article_proxy_new_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (article == NULL)
    {
      toast_error (self, _("Cannot open the article"), error);
      return;
    }
  g_set_object (&self->article, article);

  fill_header (self);
  fill_story (self);
  fill_quotes (self);
  fill_figures (self);
  fill_dates (self);
  fill_entities (self);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (
                              self->scroller), 0);
  nf_dbus_article_call_get_text (article, G_DBUS_CALL_FLAGS_NONE, -1,
                                 self->cancellable, text_cb,
                                 g_object_ref (self));
}

static void
fact_activated_cb (NfArticleView *self,
                   GtkListBoxRow *row)
{
  if (NF_IS_QUOTE_ROW (row))
    nf_article_view_scroll_to (self, nf_quote_row_get_start (NF_QUOTE_ROW (row)),
                               nf_quote_row_get_end (NF_QUOTE_ROW (row)));
  else if (NF_IS_FIGURE_ROW (row))
    nf_article_view_scroll_to (self,
                               nf_figure_row_get_start (NF_FIGURE_ROW (row)),
                               nf_figure_row_get_end (NF_FIGURE_ROW (row)));
}

static void
story_clicked_cb (NfArticleView *self)
{
  if (self->article != NULL)
    g_signal_emit (self, signals[STORY_ACTIVATED], 0,
                   nf_dbus_article_get_story (self->article));
}

static void
create_tags (NfArticleView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);

  /* Translucent colours read on both the light and the dark style. */
  gtk_text_buffer_create_tag (buffer, "quote",
                              "background", "rgba(53,132,228,0.18)", NULL);
  gtk_text_buffer_create_tag (buffer, "date",
                              "underline", PANGO_UNDERLINE_SINGLE, NULL);
  gtk_text_buffer_create_tag (buffer, "figure",
                              "background", "rgba(46,194,126,0.30)",
                              "weight", PANGO_WEIGHT_BOLD, NULL);
  gtk_text_buffer_create_tag (buffer, "flash",
                              "background", "rgba(246,211,45,0.65)", NULL);
}

static void
nf_article_view_dispose (GObject *object)
{
  NfArticleView *self = NF_ARTICLE_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->article);
  g_clear_object (&self->client);
  gtk_widget_dispose_template (GTK_WIDGET (self), NF_TYPE_ARTICLE_VIEW);

  G_OBJECT_CLASS (nf_article_view_parent_class)->dispose (object);
}

static void
nf_article_view_finalize (GObject *object)
{
  NfArticleView *self = NF_ARTICLE_VIEW (object);

  g_free (self->path);

  G_OBJECT_CLASS (nf_article_view_parent_class)->finalize (object);
}

static void
nf_article_view_class_init (NfArticleViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = nf_article_view_dispose;
  object_class->finalize = nf_article_view_finalize;

  /* The article and its text are on screen. */
  signals[LOADED] = g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass),
                                  G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 0);
  /* An entity chip was clicked: the query to run. */
  signals[SEARCH_REQUESTED] =
    g_signal_new ("search-requested", G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
  /* The story button was clicked: the story's object path. */
  signals[STORY_ACTIVATED] =
    g_signal_new ("story-activated", G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/newsfacts/Viewer/nf-article-view.ui");
#define BIND(name) \
  gtk_widget_class_bind_template_child (widget_class, NfArticleView, name)
  BIND (scroller);
  BIND (content);
  BIND (headline_label);
  BIND (meta_label);
  BIND (story_button);
  BIND (story_content);
  BIND (brief_label);
  BIND (quotes_section);
  BIND (quotes_list);
  BIND (figures_section);
  BIND (figures_list);
  BIND (dates_section);
  BIND (dates_list);
  BIND (entities_section);
  BIND (entities_box);
  BIND (text_view);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, fact_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, story_clicked_cb);
}

static void
nf_article_view_init (NfArticleView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* A story title is a headline: let it shrink rather than widen the
   * pane (AdwButtonContent 1.2 has no ellipsize of its own). */
  for (GtkWidget *child = gtk_widget_get_first_child (
         GTK_WIDGET (self->story_content));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LABEL (child))
      gtk_label_set_ellipsize (GTK_LABEL (child), PANGO_ELLIPSIZE_END);
  self->cancellable = g_cancellable_new ();
  create_tags (self);
}

void
nf_article_view_set_client (NfArticleView *self,
                            NfClient      *client)
{
  g_return_if_fail (NF_IS_ARTICLE_VIEW (self));
  g_return_if_fail (NF_IS_CLIENT (client));

  g_set_object (&self->client, client);
}

/**
 * nf_article_view_load:
 * @path: the object path of an article
 *
 * Shows the article at @path (again, if it is the one shown: its facts
 * may have changed).  Emits "loaded" when the text is on screen.
 */
void
nf_article_view_load (NfArticleView *self,
                      const char    *path)
{
  g_return_if_fail (NF_IS_ARTICLE_VIEW (self));
  g_return_if_fail (g_variant_is_object_path (path));
  g_return_if_fail (self->client != NULL);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_free (self->path);
  self->path = g_strdup (path);
  g_debug ("loading %s", path);

  nf_dbus_article_proxy_new (nf_client_get_connection (self->client),
                             G_DBUS_PROXY_FLAGS_DO_NOT_AUTO_START,
                             NF_BUS_NAME, path, self->cancellable,
                             article_ready_cb, g_object_ref (self));
}

const char *
nf_article_view_get_path (NfArticleView *self)
{
  g_return_val_if_fail (NF_IS_ARTICLE_VIEW (self), NULL);
  return self->path;
}

/* Returns: (transfer none) (nullable): the article shown */
NfDbusArticle *
nf_article_view_get_article (NfArticleView *self)
{
  g_return_val_if_fail (NF_IS_ARTICLE_VIEW (self), NULL);
  return self->article;
}

/**
 * nf_article_view_scroll_to:
 * @start: code-point offset in the article text
 * @end: end of the span, exclusive
 *
 * Brings the span into view in the original text and marks it.
 */
void
nf_article_view_scroll_to (NfArticleView *self,
                           guint          start,
                           guint          end)
{
  GtkTextBuffer *buffer;
  GtkAdjustment *adjustment;
  GtkWidget *scrolled_child;
  GtkTextIter s, e, first, last;
  GdkRectangle rect;
  int wx, wy;
  double x, y;

  g_return_if_fail (NF_IS_ARTICLE_VIEW (self));

  buffer = gtk_text_view_get_buffer (self->text_view);
  gtk_text_buffer_get_bounds (buffer, &first, &last);
  gtk_text_buffer_remove_tag_by_name (buffer, "flash", &first, &last);
  gtk_text_buffer_get_iter_at_offset (buffer, &s, start);
  gtk_text_buffer_get_iter_at_offset (buffer, &e, end);
  gtk_text_buffer_apply_tag_by_name (buffer, "flash", &s, &e);

  /* The text view is not scrollable itself (the whole page scrolls), so
   * find where the span lies in the page and move the page there. */
  gtk_text_view_get_iter_location (self->text_view, &s, &rect);
  gtk_text_view_buffer_to_window_coords (self->text_view,
                                         GTK_TEXT_WINDOW_WIDGET,
                                         rect.x, rect.y, &wx, &wy);
  scrolled_child = gtk_widget_get_first_child (GTK_WIDGET (self->scroller));
  if (!gtk_widget_translate_coordinates (GTK_WIDGET (self->text_view),
                                         scrolled_child, wx, wy, &x, &y))
    return;
  adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  gtk_adjustment_set_value (adjustment,
                            gtk_adjustment_get_value (adjustment) + y -
                            gtk_adjustment_get_page_size (adjustment) / 3);
}

/* Copies quote @index as "“…” — Speaker, Agency, 2020-05-05". */
void
nf_article_view_copy_quote (NfArticleView *self,
                            guint          index)
{
  g_autoptr(GVariant) quote = NULL;
  g_autoptr(GPtrArray) cite = g_ptr_array_new_with_free_func (g_free);
  const char *text, *speaker, *published, *agency;
  g_autofree char *source = NULL;
  g_autofree char *copy = NULL;
  GVariant *quotes;

  g_return_if_fail (NF_IS_ARTICLE_VIEW (self));

  if (self->article == NULL)
    return;
  quotes = nf_dbus_article_get_quotes (self->article);
  if (quotes == NULL || index >= g_variant_n_children (quotes))
    return;
  quote = g_variant_get_child_value (quotes, index);
  g_variant_get (quote, "(&s&s&s&s&sbuu)", &text, &speaker, NULL, NULL,
                 NULL, NULL, NULL, NULL);

  g_ptr_array_add (cite, g_strdup (is_blank (speaker) ? _("unknown source")
                                                      : speaker));
  agency = nf_dbus_article_get_agency (self->article);
  if (!is_blank (agency))
    g_ptr_array_add (cite, g_strdup (agency));
  published = nf_dbus_article_get_published (self->article);
  if (!is_blank (published))
    g_ptr_array_add (cite, g_strndup (published, 10));
  g_ptr_array_add (cite, NULL);
  source = g_strjoinv (", ", (char **) cite->pdata);

  /* TRANSLATORS: a quote, then its attribution on the next line */
  copy = g_strdup_printf (_("“%s”\n— %s"), text, source);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), copy);
  toast (self, _("Quote copied with its attribution"));
}

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(NfArticleView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    {
      toast_error (self, _("Cannot save the facts"), error);
      return;
    }
  name = g_file_get_basename (G_FILE (object));
  message = g_strdup_printf (_("Facts saved to “%s”"), name);
  toast (self, message);
}

static void
json_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GFile) file = user_data;
  NfArticleView *self = g_object_get_data (G_OBJECT (file), "nf-view");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  char *json = NULL;

  if (!nf_dbus_article_call_get_json_finish (NF_DBUS_ARTICLE (object), &json,
                                             result, &error))
    {
      toast_error (self, _("Cannot export the facts"), error);
      return;
    }
  bytes = g_bytes_new_take (json, strlen (json));
  g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE,
                                      G_FILE_CREATE_REPLACE_DESTINATION,
                                      NULL, saved_cb, g_object_ref (self));
}

static void
export_response_cb (GtkNativeDialog *dialog,
                    int              response,
                    NfArticleView   *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      nf_article_view_save_json (self, file);
    }
  g_object_unref (dialog);
}

/**
 * nf_article_view_save_json:
 * @file: where to write
 *
 * Writes the facts JSON of the article shown (Article.GetJson) to @file;
 * a toast says how it went.
 */
void
nf_article_view_save_json (NfArticleView *self,
                           GFile         *file)
{
  g_return_if_fail (NF_IS_ARTICLE_VIEW (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->article == NULL)
    return;
  /* The view outlives the call: the window holds it. */
  g_object_set_data_full (G_OBJECT (file), "nf-view", g_object_ref (self),
                          g_object_unref);
  nf_dbus_article_call_get_json (self->article, G_DBUS_CALL_FLAGS_NONE, -1,
                                 NULL, json_cb, g_object_ref (file));
}

/* Asks where to save the facts JSON of the article shown, and saves it. */
void
nf_article_view_export_json (NfArticleView *self)
{
  GtkFileChooserNative *dialog;
  GtkRoot *root;
  g_autofree char *name = NULL;

  g_return_if_fail (NF_IS_ARTICLE_VIEW (self));

  if (self->article == NULL)
    return;
  root = gtk_widget_get_root (GTK_WIDGET (self));
  dialog = gtk_file_chooser_native_new (_("Export Facts"), GTK_WINDOW (root),
                                        GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Export"), _("_Cancel"));
  name = g_strdup_printf ("%s.json",
                          is_blank (nf_dbus_article_get_id (self->article))
                          ? "article" : nf_dbus_article_get_id (self->article));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (export_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}
