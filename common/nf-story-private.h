/* nf-story-private.h: helpers shared by the story files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "nf-story.h"

G_BEGIN_DECLS

/* A word of a text, as a byte span. */
typedef struct
{
  gsize start;
  gsize len;
} NfStoryWord;

char     *_nf_story_normalize_name  (const char      *name);
char     *_nf_story_unit_key        (const NfFigure  *figure);
GPtrArray *_nf_story_split_words   (const char      *text,
                                     const char      *extra);
void      _nf_story_scan_words      (const char      *text,
                                     const char      *extra,
                                     GArray          *words);
void      _nf_story_stem_into       (const char      *word,
                                     gsize            len,
                                     GString         *out);
gboolean  _nf_story_is_stopword     (const char      *word);
char     *_nf_story_stem            (const char      *word);
int       _nf_story_article_day     (const NfArticle *article,
                                     int             *month,
                                     int             *mday);
int       _nf_story_pick_year       (int              month,
                                     int              mday,
                                     GDateWeekday     weekday,
                                     const int       *days,
                                     guint            n_days);
gboolean  _nf_story_set_year        (NfArticle       *article,
                                     int              year);

G_END_DECLS
