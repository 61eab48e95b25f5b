/* nf-figures.c: the figures stage (to be written)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "newsfacts"

#include "config.h"

#include "nf-pipeline-private.h"

void
_nf_figures_run (NfArticle *article)
{
  g_assert (article != NULL);
}
