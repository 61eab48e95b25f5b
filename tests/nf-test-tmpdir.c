/* nf-test-tmpdir.c: a test's own folder for its stores and files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "nf-test-tmpdir.h"

char *
nf_test_tmpdir_new (const char *tmpl)
{
  g_autoptr(GError) error = NULL;
  char *path = g_dir_make_tmp (tmpl, &error);

  g_assert_no_error (error);
  return path;
}

static gboolean
remove_below (const char *path)
{
  gboolean ok = TRUE;

  if (g_file_test (path, G_FILE_TEST_IS_DIR)
      && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          ok &= remove_below (child);
        }
    }
  return g_remove (path) == 0 && ok;
}

void
nf_test_tmpdir_remove (const char *path)
{
  if (path != NULL && !remove_below (path))
    g_printerr ("could not remove all of %s\n", path);
}
