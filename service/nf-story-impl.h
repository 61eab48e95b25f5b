/* nf-story-impl.h: io.github.newsfacts.Facts1.Story, and the stories
 * kept up to date as articles come and go
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "nf-dbus-generated.h"
#include "nf-objects.h"
#include "nf-store.h"

G_BEGIN_DECLS

extern const NfObjectClass nf_story_class;

/* The writer thread's story index.  Only the writer thread may use it. */
typedef struct _NfStoryKeeper NfStoryKeeper;

NfStoryKeeper *nf_story_keeper_new     (void);
NfStoryKeeper *nf_story_keeper_new_sized (guint        index_articles);
void           nf_story_keeper_free    (NfStoryKeeper  *keeper);

/* Before @article is stored: puts it in a story (setting article->story)
 * and settles a year-less dateline from the story.  *@signature gets the
 * story signature it made of @article, for the store to keep. */
gboolean       nf_story_keeper_file    (NfStoryKeeper  *keeper,
                                        NfStore        *store,
                                        NfArticle      *article,
                                        char          **signature,
                                        GError        **error);

/* Before an article is removed from @store: takes it out of its story,
 * which the next flush rewrites. */
void           nf_story_keeper_forget  (NfStoryKeeper  *keeper,
                                        NfStore        *store,
                                        const char     *article_id);

/* After the articles are written: rewrites the stories that changed, and
 * stores again articles whose dates a story settled; returns the object
 * paths of both (transfer full), or NULL on error. */
GPtrArray     *nf_story_keeper_flush   (NfStoryKeeper  *keeper,
                                        NfStore        *store,
                                        GError        **error);

/* Main thread: sends StoriesChanged and ArticlesChanged for the @paths
 * nf_story_keeper_flush() returned, batched over a short while. */
void           nf_story_impl_queue_changed (NfDbusStore *store,
                                            GPtrArray   *paths);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NfStoryKeeper, nf_story_keeper_free)

G_END_DECLS
