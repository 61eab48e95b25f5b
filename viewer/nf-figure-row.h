/* nf-figure-row.h: one row of a figures table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define NF_TYPE_FIGURE_ROW (nf_figure_row_get_type ())

G_DECLARE_FINAL_TYPE (NfFigureRow, nf_figure_row, NF, FIGURE_ROW, GtkListBoxRow)

GtkWidget *nf_figure_row_new        (const char * const *cells,
                                     guint               start,
                                     guint               end);
GtkWidget *nf_figure_row_new_header (const char * const *titles);
void       nf_figure_row_set_mark   (NfFigureRow        *self,
                                     const char         *icon_name,
                                     const char         *description);
void       nf_figure_row_set_detail (NfFigureRow        *self,
                                     const char         *detail);
guint      nf_figure_row_get_start  (NfFigureRow        *self);
guint      nf_figure_row_get_end    (NfFigureRow        *self);
char     **nf_figure_row_dup_cells  (NfFigureRow        *self);

G_END_DECLS
