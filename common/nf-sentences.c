/* nf-sentences.c: sentence splitting for news text (to be written)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "newsfacts"

#include "config.h"

#include "nf-pipeline-private.h"

GArray *
nf_sentences_split (const char *text,
                    gsize       len)
{
  GArray *spans = g_array_new (FALSE, FALSE, sizeof (NfSpan));
  NfSpan span = { 0, len };

  g_array_append_val (spans, span);
  return spans;
}

void
_nf_sentences_run (NfArticle *article)
{
  for (guint i = 0; i < article->blocks->len; i++)
    {
      const NfBlock *block = &g_array_index (article->blocks, NfBlock, i);
      NfSpan span = { block->start, block->end };

      if (block->kind == NF_BLOCK_BODY)
        g_array_append_val (article->sentences, span);
    }
}
