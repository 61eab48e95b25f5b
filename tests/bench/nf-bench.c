/* nf-bench.c: small helpers shared by the benchmarks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "nf-bench.h"

static int tap_count;
static int tap_failed;

double
nf_bench_thread_cpu (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

double
nf_bench_now (void)
{
  return g_get_monotonic_time () / 1e6;
}

static gint64
status_field_kib (GPid        pid,
                  const char *field)
{
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  gsize field_len = strlen (field);

  path = pid > 0 ? g_strdup_printf ("/proc/%d/status", (int) pid)
                 : g_strdup ("/proc/self/status");
  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return -1;
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (strncmp (lines[i], field, field_len) == 0 && lines[i][field_len] == ':')
      return g_ascii_strtoll (lines[i] + field_len + 1, NULL, 10);
  return -1;
}

gint64
nf_bench_rss_kib (GPid pid)
{
  return status_field_kib (pid, "VmRSS");
}

gint64
nf_bench_peak_rss_kib (GPid pid)
{
  return status_field_kib (pid, "VmHWM");
}

const char *
nf_bench_shared_dir (void)
{
  const char *dir = g_getenv ("NF_SHARED_DIR");

  if (dir == NULL || !g_file_test (dir, G_FILE_TEST_IS_DIR))
    return NULL;
  return dir;
}

static void
collect_txt (const char *dir,
             GPtrArray  *paths)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_suffix (name, ".txt"))
      g_ptr_array_add (paths, g_build_filename (dir, name, NULL));
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

GPtrArray *
nf_bench_read_texts (const char *dir,
                     gboolean    subdirs)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *texts = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);

  if (subdirs)
    {
      g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
      const char *name;

      while (d != NULL && (name = g_dir_read_name (d)) != NULL)
        {
          g_autofree char *sub = g_build_filename (dir, name, NULL);

          if (g_file_test (sub, G_FILE_TEST_IS_DIR))
            collect_txt (sub, paths);
        }
    }
  else
    collect_txt (dir, paths);

  g_ptr_array_sort (paths, compare_strings);
  for (guint i = 0; i < paths->len; i++)
    {
      char *contents = NULL;
      gsize len = 0;

      if (g_file_get_contents (paths->pdata[i], &contents, &len, NULL))
        g_ptr_array_add (texts, g_bytes_new_take (contents, len));
    }
  return texts;
}

gsize
nf_bench_count_words (const char *text,
                      gsize       len)
{
  gsize words = 0;
  gboolean in_word = FALSE;

  for (gsize i = 0; i < len; i++)
    {
      gboolean space = g_ascii_isspace (text[i]);

      if (!space && !in_word)
        words++;
      in_word = !space;
    }
  return words;
}

int
nf_bench_compare_doubles (gconstpointer a,
                          gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

double
nf_bench_quantile (GArray *values,
                   double  q)
{
  guint index;

  if (values->len == 0)
    return 0;
  g_array_sort (values, nf_bench_compare_doubles);
  index = (guint) (q * (values->len - 1) + 0.5);
  return g_array_index (values, double, MIN (index, values->len - 1));
}

void
nf_bench_tap_result (gboolean    ok,
                     const char *format,
                     ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  tap_count++;
  if (!ok)
    tap_failed++;
  printf ("%s %d - %s\n", ok ? "ok" : "not ok", tap_count, message);
  fflush (stdout);
}

void
nf_bench_tap_skip (const char *reason)
{
  tap_count++;
  printf ("ok %d # SKIP %s\n", tap_count, reason);
  fflush (stdout);
}

void
nf_bench_tap_plan (void)
{
  printf ("1..%d\n", tap_count);
}

int
nf_bench_tap_failures (void)
{
  return tap_failed;
}
