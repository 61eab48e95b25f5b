/* nf-cli-text.h: the facts of an article as text for a terminal
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct
{
  guint    width;   /* columns to wrap at */
  gboolean styled;  /* bold and dim headings (a terminal without NO_COLOR) */
} NfTextStyle;

void   nf_text_style_for_stdout   (NfTextStyle       *style);

char  *nf_text_sanitize           (const char        *text);
guint  nf_text_display_width      (const char        *text);
char  *nf_text_ellipsize          (const char        *text,
                                   guint              width);
void   nf_text_append_wrapped     (GString           *out,
                                   const char        *text,
                                   guint              indent,
                                   guint              width);

char  *nf_text_render_article     (JsonObject        *facts,
                                   const NfTextStyle *style);

G_END_DECLS
