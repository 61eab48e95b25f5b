/* nf-bench.c: small helpers shared by the benchmarks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>
#include <signal.h>
#include <sys/wait.h>

#include <glib/gstdio.h>

#include "nf-bench.h"
#include "nf-sort-private.h"
#include "nf-test-tmpdir.h"

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

  g_ptr_array_sort (paths, _nf_compare_string_items);
  for (guint i = 0; i < paths->len; i++)
    {
      char *contents = NULL;
      gsize len = 0;

      if (g_file_get_contents (paths->pdata[i], &contents, &len, NULL))
        g_ptr_array_add (texts, g_bytes_new_take (contents, len));
    }
  return texts;
}

GPtrArray *
nf_bench_bbc_texts (void)
{
  const char *shared = nf_bench_shared_dir ();
  g_autofree char *dir = NULL;
  g_autoptr(GPtrArray) texts = NULL;

  nf_bench_print_machine ();
  if (shared == NULL)
    {
      printf ("1..0 # SKIP no shared data folder ($NF_SHARED_DIR)\n");
      return NULL;
    }
  dir = g_build_filename (shared, "corpus", "bbc-news", "bbc", NULL);
  texts = nf_bench_read_texts (dir, TRUE);
  if (texts->len == 0)
    {
      printf ("1..0 # SKIP no BBC corpus\n");
      return NULL;
    }
  return g_steal_pointer (&texts);
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

/* ---- a private bus with newsfactsd on it ------------------------------ */

void
nf_bench_print_machine (void)
{
  g_autofree char *loadavg = NULL;

  g_file_get_contents ("/proc/loadavg", &loadavg, NULL, NULL);
  if (loadavg != NULL)
    g_strdelimit (loadavg, "\n", ' ');
  printf ("# machine: %u cores, load average %s\n", g_get_num_processors (),
          loadavg != NULL ? loadavg : "unknown");
}

static char *
find_service (void)
{
  const char *explicit = g_getenv ("NF_NEWSFACTSD");
  const char *build = g_getenv ("NF_BUILD_ROOT");

  if (explicit != NULL)
    return g_strdup (explicit);
  if (build != NULL)
    return g_build_filename (build, "service", "newsfactsd", NULL);
  return g_strdup ("newsfactsd");
}

NfBenchService *
nf_bench_service_new (GError **error)
{
  g_autoptr(NfBenchService) self = g_new0 (NfBenchService, 1);
  const char *dirs[] = { "data", "config", "cache", "runtime" };

  self->home = g_dir_make_tmp ("newsfacts-bench-XXXXXX", error);
  if (self->home == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    {
      g_autofree char *dir = g_build_filename (self->home, dirs[i], NULL);

      g_mkdir_with_parents (dir, 0700);
    }
  self->db_path = g_build_filename (self->home, "data", "facts.db", NULL);
  self->service_path = find_service ();

  self->bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (self->bus);
  self->address = g_strdup (g_test_dbus_get_bus_address (self->bus));
  self->connection = nf_bench_service_connect (self, error);
  if (self->connection == NULL)
    return NULL;
  return g_steal_pointer (&self);
}

GDBusConnection *
nf_bench_service_connect (NfBenchService  *self,
                          GError         **error)
{
  return g_dbus_connection_new_for_address_sync (
      self->address,
      G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
      G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
      NULL, NULL, error);
}

static char *
name_owner (GDBusConnection *connection)
{
  g_autoptr(GVariant) reply = NULL;
  const char *owner = NULL;

  reply = g_dbus_connection_call_sync (connection, "org.freedesktop.DBus",
                                       "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "GetNameOwner",
                                       g_variant_new ("(s)",
                                                      "io.github.newsfacts.Facts1"),
                                       G_VARIANT_TYPE ("(s)"),
                                       G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL);
  if (reply == NULL)
    return NULL;
  g_variant_get (reply, "(&s)", &owner);
  return g_strdup (owner);
}

static char **
service_environment (NfBenchService *self)
{
  char **env = g_get_environ ();
  const struct { const char *name; const char *sub; } vars[] = {
    { "XDG_DATA_HOME", "data" }, { "XDG_CONFIG_HOME", "config" },
    { "XDG_CACHE_HOME", "cache" }, { "XDG_RUNTIME_DIR", "runtime" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (vars); i++)
    {
      g_autofree char *dir = g_build_filename (self->home, vars[i].sub, NULL);

      env = g_environ_setenv (env, vars[i].name, dir, TRUE);
    }
  env = g_environ_setenv (env, "DBUS_SESSION_BUS_ADDRESS", self->address, TRUE);
  env = g_environ_setenv (env, "GSETTINGS_BACKEND", "memory", TRUE);
  return env;
}

double
nf_bench_service_start (NfBenchService  *self,
                        const char     **extra_args,
                        GError         **error)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) env = service_environment (self);
  double start = nf_bench_now ();

  g_auto(GStrv) wrapper = NULL;
  const char *valgrind = g_getenv ("NF_VALGRIND");

  g_return_val_if_fail (self->pid == 0, -1);

  /* Under `meson test --setup valgrind` the service runs under memcheck
   * too, and exits non-zero if it leaked or misused memory. */
  if (valgrind != NULL && *valgrind != '\0'
      && g_shell_parse_argv (valgrind, NULL, &wrapper, NULL))
    for (guint i = 0; wrapper[i] != NULL; i++)
      g_ptr_array_add (argv, wrapper[i]);
  g_ptr_array_add (argv, self->service_path);
  g_ptr_array_add (argv, (char *) "--db");
  g_ptr_array_add (argv, self->db_path);
  g_ptr_array_add (argv, (char *) "--no-watch");
  for (guint i = 0; extra_args != NULL && extra_args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) extra_args[i]);
  g_ptr_array_add (argv, NULL);

  if (!g_spawn_async (NULL, (char **) argv->pdata, env,
                      G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &self->pid, error))
    return -1;

  while (nf_bench_now () - start < (wrapper != NULL ? 300 : 60))
    {
      g_clear_pointer (&self->owner, g_free);
      self->owner = name_owner (self->connection);
      if (self->owner != NULL)
        return nf_bench_now () - start;
      if (waitpid (self->pid, NULL, WNOHANG) == self->pid)
        {
          self->pid = 0;
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                       "%s exited before owning its name", self->service_path);
          return -1;
        }
      g_usleep (10000);
    }
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
               "%s did not own its name within 60 s", self->service_path);
  return -1;
}

int
nf_bench_service_stop (NfBenchService *self)
{
  int status = 0;

  if (self->pid == 0)
    return -1;
  kill (self->pid, SIGTERM);
  waitpid (self->pid, &status, 0);
  g_spawn_close_pid (self->pid);
  self->pid = 0;
  g_clear_pointer (&self->owner, g_free);
  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

void
nf_bench_service_free (NfBenchService *self)
{
  if (self == NULL)
    return;
  nf_bench_service_stop (self);
  if (self->connection != NULL)
    g_dbus_connection_close_sync (self->connection, NULL, NULL);
  g_clear_object (&self->connection);
  if (self->bus != NULL)
    g_test_dbus_down (self->bus);
  g_clear_object (&self->bus);
  if (self->home != NULL)
    nf_test_tmpdir_remove (self->home);
  g_free (self->home);
  g_free (self->db_path);
  g_free (self->service_path);
  g_free (self->address);
  g_free (self->owner);
  g_free (self);
}

GBytes *
nf_bench_vary_text (GBytes *base,
                    guint   variant)
{
  gsize len = 0;
  const char *data = g_bytes_get_data (base, &len);
  g_autofree char *valid = NULL;
  GString *text;

  /* A few corpus files are Latin-1; D-Bus strings must be UTF-8. */
  if (!g_utf8_validate_len (data, len, NULL))
    {
      valid = g_convert (data, len, "UTF-8", "WINDOWS-1252", NULL, &len, NULL);
      if (valid == NULL)
        valid = g_utf8_make_valid (data, len);
      len = strlen (valid);
      data = valid;
    }
  text = g_string_new_len (data, len);

  if (variant > 0)
    g_string_append_printf (text, "\n\nFile reference %u.\n", variant);
  return g_string_free_to_bytes (text);
}
