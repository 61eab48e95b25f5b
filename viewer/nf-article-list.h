/* nf-article-list.h: the store's articles as a lazily paged list model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "nf-client.h"

G_BEGIN_DECLS

#define NF_ARTICLE_LIST_PAGE_SIZE 50
/* Search() and GetArticles() answer at most this many items. */
#define NF_STORE_PAGE_LIMIT 1000

#define NF_TYPE_ARTICLE_LIST (nf_article_list_get_type ())

G_DECLARE_FINAL_TYPE (NfArticleList, nf_article_list, NF, ARTICLE_LIST, GObject)

NfArticleList *nf_article_list_new       (NfClient      *client);
const char    *nf_article_list_get_query (NfArticleList *self);
void           nf_article_list_set_query (NfArticleList *self,
                                          const char    *query);
gboolean       nf_article_list_get_ready (NfArticleList *self);
guint          nf_article_list_find      (NfArticleList *self,
                                          const char    *path);
void           nf_article_list_reload    (NfArticleList *self);

G_END_DECLS
