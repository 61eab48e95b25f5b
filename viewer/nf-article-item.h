/* nf-article-item.h: one article in the sidebar list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define NF_TYPE_ARTICLE_ITEM (nf_article_item_get_type ())

G_DECLARE_FINAL_TYPE (NfArticleItem, nf_article_item, NF, ARTICLE_ITEM, GObject)

NfArticleItem *nf_article_item_new            (void);
const char    *nf_article_item_get_path       (NfArticleItem *self);
void           nf_article_item_set_path       (NfArticleItem *self,
                                               const char    *path);
const char    *nf_article_item_get_headline   (NfArticleItem *self);
const char    *nf_article_item_get_agency     (NfArticleItem *self);
const char    *nf_article_item_get_dateline   (NfArticleItem *self);
const char    *nf_article_item_get_published  (NfArticleItem *self);
const char    *nf_article_item_get_brief      (NfArticleItem *self);
const char    *nf_article_item_get_source     (NfArticleItem *self);
gboolean       nf_article_item_get_loaded     (NfArticleItem *self);
void           nf_article_item_update         (NfArticleItem *self,
                                               GVariant      *record);
char          *nf_article_item_dup_meta       (NfArticleItem *self);

G_END_DECLS
