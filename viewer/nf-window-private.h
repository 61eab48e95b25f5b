/* nf-window-private.h: what the display tests reach into
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "nf-article-list.h"
#include "nf-article-view.h"
#include "nf-story-view.h"
#include "nf-window.h"

G_BEGIN_DECLS

NfArticleList      *_nf_window_get_article_list (NfWindow *self);
GtkSingleSelection *_nf_window_get_selection    (NfWindow *self);
GtkListView        *_nf_window_get_list_view    (NfWindow *self);
GtkEditable        *_nf_window_get_search_entry (NfWindow *self);
NfArticleView      *_nf_window_get_article_view (NfWindow *self);
NfStoryView        *_nf_window_get_story_view   (NfWindow *self);
const char         *_nf_window_get_sidebar_page (NfWindow *self);
gboolean            _nf_window_get_offline      (NfWindow *self);

G_END_DECLS
