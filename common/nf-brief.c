/* nf-brief.c: the brief stage (to be written)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "newsfacts"

#include "config.h"

#include "nf-pipeline-private.h"

void
_nf_brief_run (NfArticle *article)
{
  g_assert (article != NULL);
}
