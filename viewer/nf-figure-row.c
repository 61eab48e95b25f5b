/* nf-figure-row.c: one row of a figures table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A table made of list rows rather than a grid, so each figure is one
 * focusable, activatable item for the keyboard and for screen readers.
 * Equal grid columns keep the rows of one table in line.
 */

#define G_LOG_DOMAIN "nf-figure-row"

#include "config.h"

#include <glib/gi18n.h>

#include "nf-figure-row.h"

struct _NfFigureRow
{
  GtkListBoxRow  parent_instance;

  GPtrArray     *cells;   /* char* */
  guint          start;
  guint          end;

  GtkBox        *box;
  GtkImage      *mark;
  GtkGrid       *grid;
};

G_DEFINE_FINAL_TYPE (NfFigureRow, nf_figure_row, GTK_TYPE_LIST_BOX_ROW)

static void
nf_figure_row_finalize (GObject *object)
{
  NfFigureRow *self = NF_FIGURE_ROW (object);

  g_ptr_array_unref (self->cells);

  G_OBJECT_CLASS (nf_figure_row_parent_class)->finalize (object);
}

static void
nf_figure_row_class_init (NfFigureRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = nf_figure_row_finalize;

  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/newsfacts/Viewer/nf-figure-row.ui");
  gtk_widget_class_bind_template_child (widget_class, NfFigureRow, box);
  gtk_widget_class_bind_template_child (widget_class, NfFigureRow, mark);
  gtk_widget_class_bind_template_child (widget_class, NfFigureRow, grid);
}

static void
nf_figure_row_init (NfFigureRow *self)
{
  self->cells = g_ptr_array_new_with_free_func (g_free);
  gtk_widget_init_template (GTK_WIDGET (self));
}

static void
add_cells (NfFigureRow        *self,
           const char * const *cells,
           gboolean            header)
{
  for (guint i = 0; cells[i] != NULL; i++)
    {
      GtkWidget *label = gtk_label_new (cells[i]);
      gboolean last = cells[i + 1] == NULL;

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      if (header)
        gtk_widget_add_css_class (label, "heading");
      else if (i == 0)
        gtk_widget_add_css_class (label, "nf-figure");
      /* Equal columns line up across rows whatever their text; the last
       * one, what is measured, gets two. */
      gtk_grid_attach (self->grid, label, i, 0, last ? 2 : 1, 1);
      g_ptr_array_add (self->cells, g_strdup (cells[i]));
    }
}

/**
 * nf_figure_row_new:
 * @cells: the column texts, %NULL-terminated (shown as text, not markup)
 * @start: code-point offset of the figure in the article text
 */
GtkWidget *
nf_figure_row_new (const char * const *cells,
                   guint               start,
                   guint               end)
{
  NfFigureRow *self;
  g_autofree char *accessible = NULL;

  g_return_val_if_fail (cells != NULL && cells[0] != NULL, NULL);

  self = g_object_new (NF_TYPE_FIGURE_ROW, NULL);
  self->start = start;
  self->end = end;
  add_cells (self, cells, FALSE);

  accessible = g_strjoinv (", ", (char **) cells);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
  return GTK_WIDGET (self);
}

/* The column titles: a row that cannot be selected or activated. */
GtkWidget *
nf_figure_row_new_header (const char * const *titles)
{
  NfFigureRow *self;

  g_return_val_if_fail (titles != NULL, NULL);

  self = g_object_new (NF_TYPE_FIGURE_ROW,
                       "activatable", FALSE,
                       "selectable", FALSE,
                       NULL);
  add_cells (self, titles, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self), "nf-table-header");
  return GTK_WIDGET (self);
}

/* A mark in front of the row, such as whether sources agree; "" keeps
 * the room for one (for a header above marked rows). */
void
nf_figure_row_set_mark (NfFigureRow *self,
                        const char  *icon_name,
                        const char  *description)
{
  g_return_if_fail (NF_IS_FIGURE_ROW (self));

  gtk_image_set_from_icon_name (self->mark,
                                icon_name != NULL && *icon_name != '\0'
                                ? icon_name : NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->mark), icon_name != NULL);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->mark), description);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->mark),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, description,
                                  -1);
}

/* A second line under the first cell, such as the figure's value. */
void
nf_figure_row_set_detail (NfFigureRow *self,
                          const char  *detail)
{
  GtkWidget *label;

  g_return_if_fail (NF_IS_FIGURE_ROW (self));
  g_return_if_fail (detail != NULL);

  label = gtk_label_new (detail);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "nf-date");
  gtk_grid_attach (self->grid, label, 0, 1, 1, 1);
}

guint
nf_figure_row_get_start (NfFigureRow *self)
{
  g_return_val_if_fail (NF_IS_FIGURE_ROW (self), 0);
  return self->start;
}

guint
nf_figure_row_get_end (NfFigureRow *self)
{
  g_return_val_if_fail (NF_IS_FIGURE_ROW (self), 0);
  return self->end;
}

/* Returns: (transfer full): the column texts */
char **
nf_figure_row_dup_cells (NfFigureRow *self)
{
  GStrvBuilder *builder;
  char **cells;

  g_return_val_if_fail (NF_IS_FIGURE_ROW (self), NULL);

  builder = g_strv_builder_new ();
  for (guint i = 0; i < self->cells->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (self->cells, i));
  cells = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return cells;
}
