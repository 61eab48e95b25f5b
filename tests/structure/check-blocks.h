/* check-blocks.h: the structure stage loses nothing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "nf-article.h"

static inline gboolean
check_is_blank (char c)
{
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f'
         || c == '\v';
}

/* Whether every non-blank line of the text lies inside exactly one block,
 * blocks are in order, do not overlap and start and end on text.  On
 * failure, @why says which line was lost. */
static inline gboolean
check_blocks_cover_text (const NfArticle  *article,
                         char            **why)
{
  const char *text = article->text;
  gsize pos = 0;
  guint b = 0;

  for (guint i = 0; i < article->blocks->len; i++)
    {
      const NfBlock *block = &g_array_index (article->blocks, NfBlock, i);

      if (block->start >= block->end || block->end > article->text_len
          || (i > 0 && block->start < g_array_index (article->blocks, NfBlock,
                                                     i - 1).end))
        {
          *why = g_strdup_printf ("block %u is empty, out of order or "
                                  "overlapping", i);
          return FALSE;
        }
    }

  while (pos < article->text_len)
    {
      const char *nl = memchr (text + pos, '\n', article->text_len - pos);
      gsize end = nl ? (gsize) (nl - text) : article->text_len;
      gsize s = pos;

      while (s < end && (check_is_blank (text[s]) || (guchar) text[s] == 0xC2
                         || (guchar) text[s] == 0xA0))
        s++;
      if (s < end)
        {
          while (b < article->blocks->len
                 && g_array_index (article->blocks, NfBlock, b).end <= s)
            b++;
          if (b >= article->blocks->len
              || g_array_index (article->blocks, NfBlock, b).start > s)
            {
              *why = g_strdup_printf ("line at byte %" G_GSIZE_FORMAT
                                      " is in no block: %.*s", s,
                                      (int) MIN (end - s, 60), text + s);
              return FALSE;
            }
        }
      pos = end + 1;
    }
  return TRUE;
}
