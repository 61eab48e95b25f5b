/* nf-quote-row.h: one quote as a card, with its speaker
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define NF_TYPE_QUOTE_ROW (nf_quote_row_get_type ())

G_DECLARE_FINAL_TYPE (NfQuoteRow, nf_quote_row, NF, QUOTE_ROW, GtkListBoxRow)

GtkWidget  *nf_quote_row_new         (const char *text,
                                      const char *speaker,
                                      const char *role,
                                      const char *kind,
                                      guint       start,
                                      guint       end);
const char *nf_quote_row_get_text    (NfQuoteRow *self);
const char *nf_quote_row_get_speaker (NfQuoteRow *self);
guint       nf_quote_row_get_start   (NfQuoteRow *self);
guint       nf_quote_row_get_end     (NfQuoteRow *self);

G_END_DECLS
