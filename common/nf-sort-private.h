/* nf-sort-private.h: sorting helpers shared inside the project
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A GCompareFunc for a GPtrArray of strings.  g_ptr_array_sort() hands
 * the comparator pointers to the elements, not the elements, so
 * g_strcmp0 itself would compare the bytes of the pointers (GLib 2.76's
 * g_ptr_array_sort_values() is newer than our GLib 2.74). */
static inline int
_nf_compare_string_items (gconstpointer a,
                          gconstpointer b)
{
  return g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

G_END_DECLS
