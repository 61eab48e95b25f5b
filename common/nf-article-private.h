/* nf-article-private.h: scratch arrays the stages keep between articles
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* One slot per large working array of a stage.  A slot holds at most one
 * array per thread, so that the next article on that thread reuses its
 * storage instead of asking malloc for a few kilobytes again (a large
 * request makes glibc sort all its freed small chunks first). */
typedef enum
{
  NF_SCRATCH_ENTITY_TOKENS,
  NF_SCRATCH_ENTITY_MENTIONS,
  NF_SCRATCH_QUOTE_TOKENS,
  NF_SCRATCH_N_SLOTS,
} NfScratchSlot;

GArray *_nf_scratch_take (NfScratchSlot slot,
                          guint         element_size,
                          guint         reserve);
void    _nf_scratch_give (NfScratchSlot slot,
                          GArray       *array);

G_END_DECLS
