/* nf-json-private.h: the facts JSON writer's rules, for other documents
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Appends to @out as json-glib 1.6's generator prints: a quoted, escaped
 * string (not NULL), or a double. */
void _nf_json_append_string (GString    *out,
                             const char *value);
void _nf_json_append_double (GString    *out,
                             double      value);

G_END_DECLS
