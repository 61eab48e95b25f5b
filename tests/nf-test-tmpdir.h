/* nf-test-tmpdir.h: a test's own folder for its stores and files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A new, empty folder under the system's temporary one, named after
 * @tmpl (which ends in XXXXXX); the test fails when it cannot be made. */
char *nf_test_tmpdir_new    (const char *tmpl);

/* Removes @path and everything below it (symbolic links are removed, not
 * followed); says on standard error what could not be removed. */
void  nf_test_tmpdir_remove (const char *path);

G_END_DECLS
