/* nf-story-view.h: one story: its articles in time, its figures checked
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "nf-client.h"

G_BEGIN_DECLS

#define NF_TYPE_STORY_VIEW (nf_story_view_get_type ())

G_DECLARE_FINAL_TYPE (NfStoryView, nf_story_view, NF, STORY_VIEW, GtkWidget)

void        nf_story_view_set_client (NfStoryView *self,
                                      NfClient    *client);
void        nf_story_view_load       (NfStoryView *self,
                                      const char  *path);
const char *nf_story_view_get_path   (NfStoryView *self);
const char *nf_story_view_get_title  (NfStoryView *self);

G_END_DECLS
