/* nf-story.h: articles that tell the same event, and what they agree on
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Story assignment compares small signatures of articles: the names they
 * mention, the figures they give, the words of their headlines and bodies
 * and their publication dates.  Keys are weighted by how rare they are
 * among the articles seen, so "United States" weighs little and
 * "Special Measures Agreement" a lot.  An NfStoryIndex takes articles one
 * at a time (the store calls it on ingest); nf_stories_assign() does a
 * whole batch (the files of one `newsfacts parse`).
 */

#pragma once

#include <json-glib/json-glib.h>

#include "nf-article.h"

G_BEGIN_DECLS

#define NF_STORY_SCHEMA "newsfacts-story/1"

typedef struct
{
  guint  window_days;   /* dated articles further apart never share a story; 0: 14 */
  double threshold;     /* similarity (0..1) needed to join a story; 0: default */
} NfStoryOptions;

/* What assignment needs of an article: small and serialisable, so that a
 * store can keep it and rebuild its index without re-parsing. */
typedef struct _NfStorySignature NfStorySignature;

NfStorySignature *nf_story_signature_new          (const NfArticle        *article);
NfStorySignature *nf_story_signature_parse        (const char             *string);
char             *nf_story_signature_to_string    (const NfStorySignature *signature);
const char       *nf_story_signature_get_article  (const NfStorySignature *signature);
void              nf_story_signature_free         (NfStorySignature       *signature);
gboolean          nf_story_signature_string_is_yearless (const char       *string);

typedef struct _NfStoryIndex NfStoryIndex;

NfStoryIndex     *nf_story_index_new              (const NfStoryOptions   *options);
void              nf_story_index_free             (NfStoryIndex           *index);
const char       *nf_story_index_add              (NfStoryIndex           *index,
                                                   NfStorySignature       *signature,
                                                   gboolean               *created);
void              nf_story_index_insert           (NfStoryIndex           *index,
                                                   NfStorySignature       *signature,
                                                   const char             *story_id);
const char       *nf_story_index_remove           (NfStoryIndex           *index,
                                                   const char             *article_id);
const char       *nf_story_index_lookup           (NfStoryIndex           *index,
                                                   const char             *article_id);
GPtrArray        *nf_story_index_get_articles     (NfStoryIndex           *index,
                                                   const char             *story_id);
guint             nf_story_index_get_n_articles   (NfStoryIndex           *index);
guint             nf_story_index_trim             (NfStoryIndex           *index,
                                                   guint                   keep);
gboolean          nf_story_index_infer_year       (NfStoryIndex           *index,
                                                   NfArticle              *article);

char             *nf_story_id_for_article         (const char             *article_id);

typedef enum
{
  NF_STORY_AGREEMENT_SINGLE,   /* given by one article only */
  NF_STORY_AGREEMENT_AGREE,    /* several articles give the same value */
  NF_STORY_AGREEMENT_DIFFER,   /* articles give different values for it */
} NfStoryAgreement;

/* One article's telling of a figure. */
typedef struct
{
  const NfArticle *article;
  const NfFigure  *figure;
} NfStorySource;

/* A difference between two sources: @field is "value" or "qualifier". */
typedef struct
{
  const char    *field;
  NfStorySource  a;
  NfStorySource  b;
} NfStoryDifference;

/* A figure of the story: the same value and unit in one or more articles. */
typedef struct
{
  const NfFigure   *figure;       /* the first source's figure */
  guint             n_articles;
  NfStoryAgreement  agreement;
  GArray           *sources;      /* NfStorySource, oldest article first */
  GArray           *differences;  /* NfStoryDifference */
} NfStoryFigure;

/* A story: articles borrowed from the caller, oldest first. */
typedef struct
{
  char      *id;
  char      *title;
  GPtrArray *articles;            /* NfArticle*, not owned */
} NfStory;

NfStory          *nf_story_new                    (const char             *id);
void              nf_story_free                   (NfStory                *story);
void              nf_story_add_article            (NfStory                *story,
                                                   const NfArticle        *article);
gboolean          nf_story_settle_years           (NfStory                *story);
GPtrArray        *nf_story_get_figures            (const NfStory          *story);
void              nf_story_figure_free            (NfStoryFigure          *figure);
const char       *nf_story_agreement_to_string    (NfStoryAgreement        agreement);
JsonNode         *nf_story_to_json_node           (const NfStory          *story);
char             *nf_story_to_json                (const NfStory          *story,
                                                   gboolean                pretty);

GPtrArray        *nf_stories_assign               (GPtrArray              *articles,
                                                   const NfStoryOptions   *options);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NfStorySignature, nf_story_signature_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NfStoryIndex, nf_story_index_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NfStory, nf_story_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NfStoryFigure, nf_story_figure_free)

G_END_DECLS
