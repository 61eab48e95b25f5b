/* nf-article-row.c: one brief in the sidebar
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Rows are recycled by the list view: set_item() rebinds a row to another
 * item and follows its "loaded" notification, since items arrive empty and
 * are filled when their page comes back from the service.
 */

#define G_LOG_DOMAIN "nf-article-row"

#include "config.h"

#include <glib/gi18n.h>

#include "nf-article-row.h"

struct _NfArticleRow
{
  GtkWidget      parent_instance;

  NfArticleItem *item;
  gulong         notify_id;

  GtkLabel      *headline;
  GtkLabel      *meta;
  GtkLabel      *brief;
};

G_DEFINE_FINAL_TYPE (NfArticleRow, nf_article_row, GTK_TYPE_WIDGET)

static void
update (NfArticleRow *self)
{
  g_autofree char *meta = NULL;
  const char *headline = NULL;
  const char *brief = NULL;

  if (self->item == NULL || !nf_article_item_get_loaded (self->item))
    {
      gtk_label_set_text (self->headline, _("Loading…"));
      gtk_label_set_text (self->meta, "");
      gtk_label_set_text (self->brief, "");
      return;
    }

  headline = nf_article_item_get_headline (self->item);
  if (headline == NULL || *headline == '\0')
    headline = nf_article_item_get_source (self->item);
  if (headline == NULL || *headline == '\0')
    headline = _("Untitled article");
  brief = nf_article_item_get_brief (self->item);
  meta = nf_article_item_dup_meta (self->item);

  /* Article text is untrusted: set as text, never as markup. */
  gtk_label_set_text (self->headline, headline);
  gtk_label_set_text (self->meta, meta);
  gtk_label_set_text (self->brief, brief != NULL ? brief : "");
  gtk_widget_set_visible (GTK_WIDGET (self->meta), *meta != '\0');
  gtk_widget_set_visible (GTK_WIDGET (self->brief),
                          brief != NULL && *brief != '\0');
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->brief), brief);
}

static void
nf_article_row_dispose (GObject *object)
{
  NfArticleRow *self = NF_ARTICLE_ROW (object);

  nf_article_row_set_item (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), NF_TYPE_ARTICLE_ROW);

  G_OBJECT_CLASS (nf_article_row_parent_class)->dispose (object);
}

static void
nf_article_row_class_init (NfArticleRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = nf_article_row_dispose;

  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/newsfacts/Viewer/nf-article-row.ui");
  gtk_widget_class_bind_template_child (widget_class, NfArticleRow, headline);
  gtk_widget_class_bind_template_child (widget_class, NfArticleRow, meta);
  gtk_widget_class_bind_template_child (widget_class, NfArticleRow, brief);
}

static void
nf_article_row_init (NfArticleRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update (self);
}

GtkWidget *
nf_article_row_new (void)
{
  return g_object_new (NF_TYPE_ARTICLE_ROW, NULL);
}

NfArticleItem *
nf_article_row_get_item (NfArticleRow *self)
{
  g_return_val_if_fail (NF_IS_ARTICLE_ROW (self), NULL);
  return self->item;
}

void
nf_article_row_set_item (NfArticleRow  *self,
                         NfArticleItem *item)
{
  g_return_if_fail (NF_IS_ARTICLE_ROW (self));
  g_return_if_fail (item == NULL || NF_IS_ARTICLE_ITEM (item));

  if (self->item == item)
    return;
  if (self->item != NULL)
    g_clear_signal_handler (&self->notify_id, self->item);
  g_set_object (&self->item, item);
  if (item != NULL)
    self->notify_id = g_signal_connect_swapped (item, "notify::loaded",
                                                G_CALLBACK (update), self);
  update (self);
}
