/* nf-story-view.c: one story: its articles in time, its figures checked
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Story object gives the title, the articles (oldest first) and the
 * figures with their agreement; one GetArticles() call brings the
 * articles' headlines, dates and quotes, from which the speakers and what
 * they said over time are gathered here.
 */

#define G_LOG_DOMAIN "nf-story-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "nf-figure-row.h"
#include "nf-story-view.h"

struct _NfStoryView
{
  GtkWidget     parent_instance;

  NfClient     *client;
  NfDbusStory  *story;
  char         *path;
  GCancellable *cancellable;

  GtkWidget    *scroller;
  GtkLabel     *title_label;
  GtkLabel     *summary_label;
  GtkListBox   *timeline_list;
  GtkWidget    *figures_section;
  GtkListBox   *figures_list;
  GtkWidget    *speakers_section;
  GtkListBox   *speakers_list;
};

G_DEFINE_FINAL_TYPE (NfStoryView, nf_story_view, GTK_TYPE_WIDGET)

enum {
  LOADED,
  ARTICLE_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

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

static GtkWidget *
plain_label (const char *text,
             const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static char *
record_string (GVariantDict *dict,
               const char   *key)
{
  const char *value = NULL;

  g_variant_dict_lookup (dict, key, "&s", &value);
  return g_strdup (value != NULL ? value : "");
}

static GtkWidget *
timeline_row (GVariantDict *dict,
              const char   *path)
{
  g_autofree char *headline = record_string (dict, "Headline");
  g_autofree char *published = record_string (dict, "Published");
  g_autofree char *agency = record_string (dict, "Agency");
  g_autofree char *date = g_strndup (published, 10);
  g_autofree char *accessible = NULL;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *when = plain_label (is_blank (date) ? _("undated") : date,
                                 "nf-date");

  gtk_widget_set_valign (when, GTK_ALIGN_START);
  gtk_label_set_width_chars (GTK_LABEL (when), 10);
  gtk_box_append (GTK_BOX (box), when);
  gtk_box_append (GTK_BOX (text), plain_label (headline, "heading"));
  if (!is_blank (agency))
    gtk_box_append (GTK_BOX (text), plain_label (agency, "dim-label"));
  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (box), text);
  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name (
                    "go-next-symbolic"));
  g_object_set (box, "margin-top", 8, "margin-bottom", 8, "margin-start", 12,
                "margin-end", 12, NULL);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data_full (G_OBJECT (row), "nf-path", g_strdup (path), g_free);

  accessible = g_strdup_printf (_("%s, %s"), date, headline);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
  gtk_widget_set_tooltip_text (row, _("Open the article"));
  return row;
}

/* Adds @record's quotes to @speakers: speaker → GPtrArray of lines, in
 * the order speakers first speak (@order). */
static void
gather_quotes (GVariantDict *dict,
               GHashTable   *speakers,
               GPtrArray    *order)
{
  g_autoptr(GVariant) quotes = NULL;
  g_autofree char *published = record_string (dict, "Published");
  g_autofree char *agency = record_string (dict, "Agency");
  g_autofree char *date = g_strndup (published, 10);
  const char *text, *speaker, *role, *kind, *verb;
  gboolean partial;
  guint start, end;
  GVariantIter iter;

  quotes = g_variant_dict_lookup_value (dict, "Quotes",
                                        G_VARIANT_TYPE ("a(sssssbuu)"));
  if (quotes == NULL)
    return;
  g_variant_iter_init (&iter, quotes);
  while (g_variant_iter_next (&iter, "(&s&s&s&s&sbuu)", &text, &speaker,
                              &role, &kind, &verb, &partial, &start, &end))
    {
      const char *who = is_blank (speaker) ? _("Unknown speaker") : speaker;
      GPtrArray *lines = g_hash_table_lookup (speakers, who);

      if (lines == NULL)
        {
          lines = g_ptr_array_new_with_free_func (g_free);
          g_hash_table_insert (speakers, g_strdup (who), lines);
          g_ptr_array_add (order, g_strdup (who));
        }
      /* TRANSLATORS: date · agency — “quote” */
      g_ptr_array_add (lines, g_strdup_printf (_("%s · %s — “%s”"),
                                               date, agency, text));
    }
}

static GtkWidget *
speaker_row (const char *speaker,
             GPtrArray  *lines)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_box_append (GTK_BOX (box), plain_label (speaker, "heading"));
  for (guint i = 0; i < lines->len; i++)
    gtk_box_append (GTK_BOX (box),
                    plain_label (g_ptr_array_index (lines, i), NULL));
  g_object_set (box, "margin-top", 10, "margin-bottom", 10,
                "margin-start", 12, "margin-end", 12, NULL);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, speaker, -1);
  return row;
}

static void
records_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(NfStoryView) self = user_data;
  g_autoptr(GVariant) records = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) speakers = NULL;
  g_autoptr(GPtrArray) order = g_ptr_array_new_with_free_func (g_free);
  GVariantIter iter;
  GVariant *record;

  if (!nf_dbus_store_call_get_articles_finish (NF_DBUS_STORE (object),
                                               &records, result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Cannot read the story's articles: %s", error->message);
      return;
    }
  speakers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                    (GDestroyNotify) g_ptr_array_unref);
  clear_list (self->timeline_list);
  clear_list (self->speakers_list);
  g_variant_iter_init (&iter, records);
  while ((record = g_variant_iter_next_value (&iter)) != NULL)
    {
      g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);
      const char *path = NULL;

      g_variant_dict_init (&dict, record);
      if (g_variant_dict_lookup (&dict, "path", "&o", &path))
        gtk_list_box_append (self->timeline_list, timeline_row (&dict, path));
      gather_quotes (&dict, speakers, order);
      g_variant_unref (record);
    }
  for (guint i = 0; i < order->len; i++)
    gtk_list_box_append (self->speakers_list,
                         speaker_row (order->pdata[i],
                                      g_hash_table_lookup (speakers,
                                                           order->pdata[i])));
  gtk_widget_set_visible (self->speakers_section, order->len > 0);
  g_signal_emit (self, signals[LOADED], 0);
}

static void
mark_agreement (NfFigureRow *row,
                const char  *agreement)
{
  if (g_strcmp0 (agreement, "agree") == 0)
    nf_figure_row_set_mark (row, "emblem-ok-symbolic",
                            _("The articles agree"));
  else if (g_strcmp0 (agreement, "differ") == 0)
    nf_figure_row_set_mark (row, "dialog-warning-symbolic",
                            _("The articles differ"));
  else if (g_strcmp0 (agreement, "qualifier") == 0)
    nf_figure_row_set_mark (row, "dialog-information-symbolic",
                            _("The values agree, but not how they are qualified"));
  else
    nf_figure_row_set_mark (row, "content-loading-symbolic",
                            _("Only one article gives it"));
}

static const char *
agreement_text (const char *agreement)
{
  if (g_strcmp0 (agreement, "agree") == 0)
    return _("agree");
  if (g_strcmp0 (agreement, "differ") == 0)
    return _("differ");
  if (g_strcmp0 (agreement, "qualifier") == 0)
    return _("qualified differently");
  return _("one source");
}

static void
fill_figures (NfStoryView *self)
{
  GVariant *figures = nf_dbus_story_get_figures (self->story);
  const char *titles[] = {
    _("Figure"), _("Measures"), _("Articles"), _("Sources"), NULL
  };
  const char *text, *kind, *unit, *subject, *agreement;
  GVariantIter iter;
  double value;
  guint n_articles;
  guint n = 0;

  clear_list (self->figures_list);
  if (figures != NULL)
    {
      g_variant_iter_init (&iter, figures);
      while (g_variant_iter_next (&iter, "(&s&sd&s&su&s)", &text, &kind,
                                  &value, &unit, &subject, &n_articles,
                                  &agreement))
        {
          g_autofree char *count = g_strdup_printf ("%u", n_articles);
          const char *cells[] = {
            text, is_blank (subject) ? "—" : subject, count,
            agreement_text (agreement), NULL
          };
          GtkWidget *row = nf_figure_row_new (cells, 0, 0);

          if (n == 0)
            {
              GtkWidget *header = nf_figure_row_new_header (titles);

              nf_figure_row_set_mark (NF_FIGURE_ROW (header), "", NULL);
              gtk_list_box_append (self->figures_list, header);
            }
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
          mark_agreement (NF_FIGURE_ROW (row), agreement);
          gtk_list_box_append (self->figures_list, row);
          n++;
        }
    }
  gtk_widget_set_visible (self->figures_section, n > 0);
}

static void
story_ready_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(NfStoryView) self = user_data;
  g_autoptr(NfDbusStory) story = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  const char * const *articles;
  const char *fields[] = { "Headline", "Published", "Agency", "Quotes", NULL };
  NfDbusStore *store = nf_client_get_store (self->client);
  guint n;

  story = nf_dbus_story_proxy_new_finish (result, &error);
  if (story == NULL || store == NULL)
    return;
  g_set_object (&self->story, story);

  articles = nf_dbus_story_get_articles (story);
  n = articles != NULL ? g_strv_length ((char **) articles) : 0;
  gtk_label_set_text (self->title_label, nf_dbus_story_get_title (story));
  summary = g_strdup_printf (ngettext ("%u article", "%u articles", n), n);
  gtk_label_set_text (self->summary_label, summary);
  fill_figures (self);
  if (n == 0)
    return;
  nf_dbus_store_call_get_articles (store, articles, fields,
                                   G_DBUS_CALL_FLAGS_NONE, -1,
                                   self->cancellable, records_cb,
                                   g_object_ref (self));
}

static void
timeline_activated_cb (NfStoryView   *self,
                       GtkListBoxRow *row)
{
  const char *path = g_object_get_data (G_OBJECT (row), "nf-path");

  if (path != NULL)
    g_signal_emit (self, signals[ARTICLE_ACTIVATED], 0, path);
}

static void
nf_story_view_dispose (GObject *object)
{
  NfStoryView *self = NF_STORY_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->story);
  g_clear_object (&self->client);
  gtk_widget_dispose_template (GTK_WIDGET (self), NF_TYPE_STORY_VIEW);

  G_OBJECT_CLASS (nf_story_view_parent_class)->dispose (object);
}

static void
nf_story_view_finalize (GObject *object)
{
  NfStoryView *self = NF_STORY_VIEW (object);

  g_free (self->path);

  G_OBJECT_CLASS (nf_story_view_parent_class)->finalize (object);
}

static void
nf_story_view_class_init (NfStoryViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = nf_story_view_dispose;
  object_class->finalize = nf_story_view_finalize;

  /* The story and its articles are on screen. */
  signals[LOADED] = g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass),
                                  G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 0);
  /* An article of the timeline was activated: its object path. */
  signals[ARTICLE_ACTIVATED] =
    g_signal_new ("article-activated", G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/newsfacts/Viewer/nf-story-view.ui");
  gtk_widget_class_bind_template_child (widget_class, NfStoryView,
                                        scroller);
  gtk_widget_class_bind_template_child (widget_class, NfStoryView,
                                        title_label);
  gtk_widget_class_bind_template_child (widget_class, NfStoryView,
                                        summary_label);
  gtk_widget_class_bind_template_child (widget_class, NfStoryView,
                                        timeline_list);
  gtk_widget_class_bind_template_child (widget_class, NfStoryView,
                                        figures_section);
  gtk_widget_class_bind_template_child (widget_class, NfStoryView,
                                        figures_list);
  gtk_widget_class_bind_template_child (widget_class, NfStoryView,
                                        speakers_section);
  gtk_widget_class_bind_template_child (widget_class, NfStoryView,
                                        speakers_list);
  gtk_widget_class_bind_template_callback (widget_class,
                                           timeline_activated_cb);
}

static void
nf_story_view_init (NfStoryView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

void
nf_story_view_set_client (NfStoryView *self,
                          NfClient    *client)
{
  g_return_if_fail (NF_IS_STORY_VIEW (self));
  g_return_if_fail (NF_IS_CLIENT (client));

  g_set_object (&self->client, client);
}

/* Shows the story at @path; emits "loaded" when its articles are in. */
void
nf_story_view_load (NfStoryView *self,
                    const char  *path)
{
  g_return_if_fail (NF_IS_STORY_VIEW (self));
  g_return_if_fail (g_variant_is_object_path (path));
  g_return_if_fail (self->client != NULL);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_free (self->path);
  self->path = g_strdup (path);

  nf_dbus_story_proxy_new (nf_client_get_connection (self->client),
                           G_DBUS_PROXY_FLAGS_DO_NOT_AUTO_START,
                           NF_BUS_NAME, path, self->cancellable,
                           story_ready_cb, g_object_ref (self));
}

const char *
nf_story_view_get_path (NfStoryView *self)
{
  g_return_val_if_fail (NF_IS_STORY_VIEW (self), NULL);
  return self->path;
}

const char *
nf_story_view_get_title (NfStoryView *self)
{
  g_return_val_if_fail (NF_IS_STORY_VIEW (self), NULL);
  return gtk_label_get_text (self->title_label);
}
