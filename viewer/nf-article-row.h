/* nf-article-row.h: one brief in the sidebar
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "nf-article-item.h"

G_BEGIN_DECLS

#define NF_TYPE_ARTICLE_ROW (nf_article_row_get_type ())

G_DECLARE_FINAL_TYPE (NfArticleRow, nf_article_row, NF, ARTICLE_ROW, GtkWidget)

GtkWidget     *nf_article_row_new      (void);
NfArticleItem *nf_article_row_get_item (NfArticleRow  *self);
void           nf_article_row_set_item (NfArticleRow  *self,
                                        NfArticleItem *item);

G_END_DECLS
