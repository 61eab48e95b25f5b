/* fuzz-replay.c: runs a fuzz target over files, without libFuzzer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each argument is a file or a folder of files; "shared:PATH" is PATH
 * under $NF_SHARED_DIR, skipped when that is absent.  Crashes found by
 * fuzzing are added to the target's corpus folder and so become
 * regression tests in every build.  Prints TAP, one line per argument.
 */

#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static guint
replay_file (const char *path)
{
  g_autofree char *contents = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path, &contents, &len, NULL))
    return 0;
  LLVMFuzzerTestOneInput ((const uint8_t *) contents, len);
  return 1;
}

static guint
replay_tree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;
  guint count = 0;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    return replay_file (path);

  dir = g_dir_open (path, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      count += replay_tree (child);
    }
  return count;
}

int
main (int    argc,
      char **argv)
{
  const char *shared = g_getenv ("NF_SHARED_DIR");

  printf ("1..%d\n", argc - 1);
  for (int i = 1; i < argc; i++)
    {
      g_autofree char *path = NULL;
      guint count;

      if (g_str_has_prefix (argv[i], "shared:"))
        {
          if (shared == NULL || !g_file_test (shared, G_FILE_TEST_IS_DIR))
            {
              printf ("ok %d # SKIP no shared data folder for %s\n", i, argv[i]);
              continue;
            }
          path = g_build_filename (shared, argv[i] + strlen ("shared:"), NULL);
        }
      else
        path = g_strdup (argv[i]);

      count = replay_tree (path);
      /* Reaching here means no input crashed or aborted. */
      printf ("%s %d - %u inputs from %s\n", count > 0 ? "ok" : "not ok", i,
              count, argv[i]);
      fflush (stdout);
    }
  return 0;
}
