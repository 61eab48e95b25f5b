/* nf-structure.c: headline, byline, dateline, body and furniture
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "newsfacts"

#include "config.h"

#include <string.h>

#include "nf-pipeline-private.h"

void
_nf_structure_run (NfArticle            *article,
                   const NfParseOptions *options)
{
  const char *text = article->text;
  gsize pos = 0;

  while (pos < article->text_len)
    {
      const char *nl = memchr (text + pos, '\n', article->text_len - pos);
      gsize end = nl ? (gsize) (nl - text) : article->text_len;
      gsize s = pos, e = end;

      while (s < e && g_ascii_isspace (text[s]))
        s++;
      while (e > s && g_ascii_isspace (text[e - 1]))
        e--;
      if (e > s)
        {
          NfBlock block = { NF_BLOCK_BODY, s, e };

          if (article->headline == NULL)
            {
              block.kind = NF_BLOCK_HEADLINE;
              article->headline = g_strndup (text + s, e - s);
            }
          g_array_append_val (article->blocks, block);
        }
      pos = end + 1;
    }
}
