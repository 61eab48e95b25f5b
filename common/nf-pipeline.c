/* nf-pipeline.c: text in, facts out
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "newsfacts"

#include "config.h"

#include <string.h>

#include "nf-error.h"
#include "nf-numbers-private.h"
#include "nf-pipeline-private.h"

/* The id hashes the text with runs of white space folded to one space and
 * the ends trimmed, so that a re-saved copy (CRLF, trailing blanks) is the
 * same article.  The folded text goes to the checksum in blocks: one
 * update per word cost more than the hash itself. */
#define ID_BLOCK 4096

char *
nf_text_id (const char *text,
            gsize       len)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree guchar *buf = g_malloc (ID_BLOCK);
  gboolean pending_space = FALSE;
  gboolean started = FALSE;
  gsize n = 0;

  g_return_val_if_fail (text != NULL, NULL);

  for (gsize i = 0; i < len; i++)
    {
      char c = text[i];

      if (g_ascii_isspace (c))
        {
          pending_space = started;
          continue;
        }
      /* Room for a space and the character. */
      if (n + 2 > ID_BLOCK)
        {
          g_checksum_update (sum, buf, n);
          n = 0;
        }
      if (pending_space)
        buf[n++] = ' ';
      pending_space = FALSE;
      started = TRUE;
      buf[n++] = c;
    }
  g_checksum_update (sum, buf, n);

  return g_strndup (g_checksum_get_string (sum), 16);
}

void
nf_pipeline_run (NfArticle            *article,
                 const NfParseOptions *options)
{
  g_return_if_fail (article != NULL);

  _nf_structure_run (article, options);
  _nf_sentences_run (article);
  _nf_dates_figures_run (article);
  _nf_entities_run (article);
  _nf_quotes_run (article);
  _nf_brief_run (article);
}

void
nf_pipeline_redate (NfArticle *article)
{
  g_return_if_fail (article != NULL);

  g_ptr_array_set_size (article->dates, 0);
  _nf_dates_run (article);
}

NfArticle *
nf_parse (const char            *source,
          const guint8          *data,
          gsize                  len,
          const NfParseOptions  *options,
          GError               **error)
{
  static const NfParseOptions defaults = { NULL, 0 };
  g_autofree char *warning = NULL;
  NfArticle *article;
  gsize text_len = 0;
  char *text;

  g_return_val_if_fail (data != NULL || len == 0, NULL);

  if (options == NULL)
    options = &defaults;

  text = nf_text_decode (data, len, options->max_size, &text_len, &warning,
                         error);
  if (text == NULL)
    return NULL;

  article = nf_article_new (source, text, text_len);
  article->id = nf_text_id (text, text_len);
  if (warning != NULL)
    g_ptr_array_add (article->warnings, g_steal_pointer (&warning));

  nf_pipeline_run (article, options);

  return article;
}
