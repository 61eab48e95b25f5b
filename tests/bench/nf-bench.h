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

#include <glib.h>

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

G_END_DECLS
