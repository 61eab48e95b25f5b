/* nf-article-view.h: one article with its facts and its text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "nf-client.h"

G_BEGIN_DECLS

#define NF_TYPE_ARTICLE_VIEW (nf_article_view_get_type ())

G_DECLARE_FINAL_TYPE (NfArticleView, nf_article_view, NF, ARTICLE_VIEW, GtkWidget)

void           nf_article_view_set_client  (NfArticleView *self,
                                            NfClient      *client);
void           nf_article_view_load        (NfArticleView *self,
                                            const char    *path);
const char    *nf_article_view_get_path    (NfArticleView *self);
NfDbusArticle *nf_article_view_get_article (NfArticleView *self);
void           nf_article_view_scroll_to   (NfArticleView *self,
                                            guint          start,
                                            guint          end);
void           nf_article_view_export_json (NfArticleView *self);
void           nf_article_view_save_json   (NfArticleView *self,
                                            GFile         *file);
void           nf_article_view_copy_quote  (NfArticleView *self,
                                            guint          index);

G_END_DECLS
