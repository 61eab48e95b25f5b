/* nf-bench.h: small helpers shared by the benchmarks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every benchmark prints TAP: one line per figure, with the figure and its
 * ratio to a reference measured in the same run, and one line per target
 * that says whether it was met.  Lines starting "# RESULT" are collected by
 * run-benchmarks.sh.
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Seconds of CPU time used by the calling thread. */
double      nf_bench_thread_cpu   (void);

/* Seconds on the monotonic clock. */
double      nf_bench_now          (void);

/* Resident and peak resident memory of @pid (0: this process) in KiB,
 * from /proc/PID/status; -1 when unknown. */
gint64      nf_bench_rss_kib      (GPid        pid);
gint64      nf_bench_peak_rss_kib (GPid        pid);

/* The shared data folder ($NF_SHARED_DIR), or NULL when it is absent. */
const char *nf_bench_shared_dir   (void);

/* Reads every regular file matching DIR / * / *.txt (one level of
 * sub-folders) or DIR / *.txt, sorted by path, as GBytes. */
GPtrArray  *nf_bench_read_texts   (const char *dir,
                                   gboolean    subdirs);

/* Prints the machine, then reads the BBC corpus from the shared folder.
 * Without the folder or the corpus it prints a TAP plan that skips
 * everything and returns NULL: the caller returns 0. */
GPtrArray  *nf_bench_bbc_texts    (void);

/* Prints a TAP comment with the cores and the load average: the machine
 * may be shared while we measure. */
void        nf_bench_print_machine (void);

/* Counts runs of non-space bytes. */
gsize       nf_bench_count_words  (const char *text,
                                   gsize       len);

int         nf_bench_compare_doubles (gconstpointer a,
                                      gconstpointer b);

/* The @q quantile (0..1) of @values, which it sorts. */
double      nf_bench_quantile     (GArray     *values,
                                   double      q);

/* TAP helpers: print "ok N - ..." or "not ok N - ...", numbering for you. */
void        nf_bench_tap_result   (gboolean    ok,
                                   const char *format,
                                   ...) G_GNUC_PRINTF (2, 3);
void        nf_bench_tap_skip     (const char *reason);
void        nf_bench_tap_plan     (void);
int         nf_bench_tap_failures (void);

/* A private session bus (GTestDBus) in a temporary home, and newsfactsd
 * running on it with its store in that home. */
typedef struct
{
  char            *home;        /* temporary folder, removed by _free */
  char            *db_path;
  char            *service_path;
  char            *address;
  GTestDBus       *bus;
  GDBusConnection *connection;
  GPid             pid;
  char            *owner;       /* unique name of the service */
} NfBenchService;

NfBenchService *nf_bench_service_new   (GError         **error);
/* Starts newsfactsd (with @extra_args, NULL-terminated, may be NULL) and
 * waits until it owns its name; returns the seconds that took, or -1. */
double          nf_bench_service_start (NfBenchService  *service,
                                        const char     **extra_args,
                                        GError         **error);
/* SIGTERM, then waits; returns the exit status, or -1 if it was killed. */
int             nf_bench_service_stop  (NfBenchService  *service);
void            nf_bench_service_free  (NfBenchService  *service);
/* A new connection of its own to the private bus (a separate client). */
GDBusConnection *nf_bench_service_connect (NfBenchService *service,
                                           GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NfBenchService, nf_bench_service_free)

/* @base in UTF-8, with a line appended that makes its id differ for each
 * @variant (none for 0). */
GBytes         *nf_bench_vary_text     (GBytes          *base,
                                        guint            variant);

G_END_DECLS
