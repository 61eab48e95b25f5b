/* fuzz-pipeline.c: the whole pipeline, bytes to facts JSON
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A libFuzzer target (built with -Dfuzzing=true) and, linked with
 * fuzz-replay.c, a test that replays the corpus in every build.  Any input
 * must either be refused with an NF_ERROR or give an article that keeps
 * the invariants of nf-check.h.
 */

#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "nf-check.h"
#include "nf-error.h"
#include "nf-pipeline.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static void
check_or_abort (const NfArticle *article)
{
  g_autofree char *problem = nf_check_article (article);

  if (problem != NULL)
    {
      fprintf (stderr, "invariant broken: %s\n", problem);
      abort ();
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(NfArticle) article = NULL;
  g_autoptr(GError) error = NULL;
  NfParseOptions options = { NULL, 0 };

  /* Half the inputs also get a publication date from outside, so the
   * date stages run both with and without one. */
  if (size > 0 && (data[size - 1] & 1))
    options.published = "2020-05-05";

  article = nf_parse ("fuzz", data, size, &options, &error);
  if (article == NULL)
    {
      if (error == NULL || error->domain != NF_ERROR
          || !g_utf8_validate (error->message, -1, NULL))
        abort ();
      return 0;
    }

  check_or_abort (article);
  nf_pipeline_redate (article);
  check_or_abort (article);
  return 0;
}
