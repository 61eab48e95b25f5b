/* nf-brief.c: the brief, the article's lede in one or two sentences
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The lede is the first body paragraph that reads as prose.  Its dateline
 * and agency tag ("WASHINGTON, May 5 (Yonhap) --") go; then the first two
 * sentences of the sentence stage stay, or one when it is already long.
 */

#define G_LOG_DOMAIN "newsfacts"

#include "config.h"

#include <string.h>

#include "nf-pipeline-private.h"

#define MIN_LEDE_WORDS 8
#define LONG_SENTENCE 200
#define MAX_DATELINE 100

static guint
count_words (const char *text,
             gsize       start,
             gsize       end)
{
  guint words = 0;
  gboolean in_word = FALSE;

  for (gsize p = start; p < end; p++)
    {
      gboolean space = g_ascii_isspace (text[p]);

      if (!space && !in_word)
        words++;
      in_word = !space;
    }
  return words;
}

/* Past "SEOUL, May 5 (Yonhap) -- " or "LONDON (Reuters) - ": a dash
 * within the first words, after a place printed in capitals. */
static gsize
skip_dateline (const char *text,
               gsize       start,
               gsize       end)
{
  gsize limit = MIN (end, start + MAX_DATELINE);

  if (start + 2 > end || !g_ascii_isupper (text[start])
      || !g_ascii_isupper (text[start + 1]))
    return start;
  for (gsize p = start; p + 2 < limit; p++)
    {
      gsize after = 0;

      if (text[p] == '-' && text[p + 1] == '-')
        after = p + 2;
      else if (text[p] == ' ' && text[p + 1] == '-' && text[p + 2] == ' ')
        after = p + 2;
      else if ((guchar) text[p] == 0xE2 && (guchar) text[p + 1] == 0x80
               && ((guchar) text[p + 2] == 0x94 || (guchar) text[p + 2] == 0x93))
        after = p + 3;
      if (after == 0)
        continue;
      while (after < end && (text[after] == ' ' || text[after] == '-'))
        after++;
      return after;
    }
  return start;
}

static const NfBlock *
find_lede (const NfArticle *article)
{
  for (guint i = 0; i < article->blocks->len; i++)
    {
      const NfBlock *block = &g_array_index (article->blocks, NfBlock, i);

      if (block->kind == NF_BLOCK_BODY
          && count_words (article->text, block->start, block->end) >= MIN_LEDE_WORDS)
        return block;
    }
  return NULL;
}

void
_nf_brief_run (NfArticle *article)
{
  const NfBlock *lede;
  gsize start, end;
  guint taken = 0;

  g_assert (article != NULL);

  lede = find_lede (article);
  if (lede == NULL)
    return;
  start = skip_dateline (article->text, lede->start, lede->end);
  end = lede->end;
  for (guint i = 0; i < article->sentences->len && taken < 2; i++)
    {
      const NfSpan *s = &g_array_index (article->sentences, NfSpan, i);

      if (s->end <= start || s->start >= lede->end)
        continue;
      end = s->end;
      taken++;
      if (end - start > LONG_SENTENCE)
        break;
    }
  while (end > start && g_ascii_isspace (article->text[end - 1]))
    end--;
  if (end > start)
    article->brief = g_strndup (article->text + start, end - start);
}
