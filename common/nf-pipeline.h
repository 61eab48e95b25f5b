/* nf-pipeline.h: text in, facts out
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The pipeline is pure: no I/O, no globals that change.  It decodes the
 * input, finds the article's structure, splits sentences and runs each
 * extraction stage in turn.
 */

#pragma once

#include <glib.h>

#include "nf-article.h"

G_BEGIN_DECLS

#define NF_DEFAULT_MAX_SIZE (8 * 1024 * 1024)

typedef struct
{
  const char *published;  /* fallback publication date (ISO 8601), or NULL */
  gsize       max_size;   /* bytes; 0 means NF_DEFAULT_MAX_SIZE */
} NfParseOptions;

char       *nf_text_decode        (const guint8          *data,
                                   gsize                  len,
                                   gsize                  max_size,
                                   gsize                 *out_len,
                                   char                 **warning,
                                   GError               **error);

NfArticle  *nf_parse              (const char            *source,
                                   const guint8          *data,
                                   gsize                  len,
                                   const NfParseOptions  *options,
                                   GError               **error);

void        nf_pipeline_run       (NfArticle             *article,
                                   const NfParseOptions  *options);

/* Re-resolves relative dates after the publication date changed (for
 * instance when a story settles the year of a dateline). */
void        nf_pipeline_redate    (NfArticle             *article);

char       *nf_text_id            (const char            *text,
                                   gsize                  len);

/* Parses a publication date ("2020-05-05", "2020-04-28T09:21", "May 5,
 * 2020"); FALSE when it is not one. */
gboolean    nf_published_parse    (const char            *text,
                                   NfDateParts           *parts);

/* Sentence spans (byte offsets into @text) of one paragraph of news text. */
GArray     *nf_sentences_split    (const char            *text,
                                   gsize                  len);

G_END_DECLS
