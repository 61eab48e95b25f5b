/* nf-check.h: invariants every parsed article must keep, whatever the input
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Used by the hostile-input tests and the fuzz targets: they feed the
 * pipeline text nobody would write and check that what comes out is still
 * well formed, not that it is right.
 */

#pragma once

#include <glib.h>

#include "nf-article.h"

G_BEGIN_DECLS

/* Returns NULL when @article keeps every invariant, else a description of
 * the first one it breaks: every string valid UTF-8, every span inside
 * the text and on character boundaries, blocks and sentences in order,
 * and a facts JSON that parses back with the same schema and offsets
 * inside the text. */
char *nf_check_article (const NfArticle *article);

/* Returns NULL when @json is one facts object of schema newsfacts/1 whose
 * offsets fall inside a text of @n_chars characters. */
char *nf_check_json    (const char      *json,
                        glong            n_chars);

G_END_DECLS
