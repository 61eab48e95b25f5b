/* bench-viewer.c: the viewer on a store of 100,000 articles
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Fills a store (once; it is kept in the build folder) with generated
 * articles through the real store code, starts the real newsfactsd on it,
 * opens the window and measures how long until the first page of briefs
 * is on screen (goal: under one second), then how long pages take to
 * arrive when the list is scrolled to far places.  Prints TAP.
 */

#define G_LOG_DOMAIN "nf-bench-viewer"

#include "config.h"

#include <stdlib.h>

#include "nf-article-item.h"
#include "nf-display-harness.h"
#include "nf-pipeline.h"
#include "nf-store.h"
#include "nf-window-private.h"

static const char *places[] = {
  "WASHINGTON", "SEOUL", "TOKYO", "BEIJING", "LONDON", "PARIS", "BERLIN",
  "NEW DELHI", "CANBERRA", "OTTAWA",
};
static const char *topics[] = {
  "trade talks", "defense costs", "chip exports", "rail strike",
  "flood relief", "budget vote", "vaccine supply", "climate summit",
};

/* One generated wire story; @n varies names, figures and the date. */
static char *
generate_text (guint n)
{
  const char *place = places[n % G_N_ELEMENTS (places)];
  const char *topic = topics[(n / 7) % G_N_ELEMENTS (topics)];

  return g_strdup_printf (
    "Officials report progress in %s, round %u\n"
    "By Bench Writer\n"
    "%s (Yonhap) -- Officials said Monday they made progress in "
    "%s after %u hours of meetings, and expect a deal worth $%u million.\n"
    "\"We are closer than before,\" said Min Ho-%u, a spokesperson for the "
    "ministry.\n"
    "About %u workers are affected, the ministry said.\n",
    topic, n, place, topic, 2 + n % 30, 10 + n % 900, n,
    100 + n % 5000);
}

/* Parses each generated text and stores it, in big transactions. */
static void
fill_store (const char *db_path,
            guint       n)
{
  g_autoptr(GError) error = NULL;
  NfStore *store = nf_store_open (db_path, &error);
  guint have;
  double start = g_get_monotonic_time ();

  g_assert_no_error (error);
  have = nf_store_count_articles (store, NULL);
  for (guint i = have; i < n; i++)
    {
      g_autofree char *text = generate_text (i);
      g_autoptr(NfArticle) article = NULL;
      g_autofree char *published = g_strdup_printf (
        "%04u-%02u-%02u", 2000 + (i / 336) % 24, 1 + (i / 28) % 12,
        1 + i % 28);
      NfParseOptions options = { 0 };
      NfStorePutResult put;

      if ((i - have) % 5000 == 0)
        {
          if (i > have && !nf_store_commit (store, &error))
            g_error ("commit: %s", error->message);
          if (!nf_store_begin (store, &error))
            g_error ("begin: %s", error->message);
        }
      options.published = published;
      article = nf_parse ("bench.txt", (const guint8 *) text, strlen (text),
                          &options, NULL);
      g_assert_nonnull (article);
      if (!nf_store_put_article (store, article, published, FALSE, &put,
                                 &error))
        g_error ("put: %s", error->message);
    }
  if (have < n && !nf_store_commit (store, &error))
    g_error ("commit: %s", error->message);
  if (have < n)
    g_print ("# filled the store with %u articles in %.1f s\n", n - have,
             (g_get_monotonic_time () - start) / 1e6);
  nf_store_close (store);
}

typedef struct
{
  NfWindow *window;
  guint     first;
  guint     count;
} Range;

/* The rows of [first, first + count) are loaded. */
static gboolean
range_loaded (gpointer data)
{
  Range *range = data;
  NfArticleList *list = _nf_window_get_article_list (range->window);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));

  if (!nf_article_list_get_ready (list) || n == 0)
    return FALSE;
  for (guint i = range->first; i < MIN (n, range->first + range->count); i++)
    {
      g_autoptr(NfArticleItem) item = g_list_model_get_item (
        G_LIST_MODEL (list), i);

      if (!nf_article_item_get_loaded (item))
        return FALSE;
    }
  return TRUE;
}

static GtkAdjustment *
list_adjustment (NfWindow *window)
{
  return gtk_scrollable_get_vadjustment (
    GTK_SCROLLABLE (_nf_window_get_list_view (window)));
}

/* Scrolls to @fraction of the list and times until its rows are in. */
static double
time_jump (NfWindow *window,
           double    fraction)
{
  GtkAdjustment *adj = list_adjustment (window);
  NfArticleList *list = _nf_window_get_article_list (window);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));
  gint64 start = g_get_monotonic_time ();
  Range range = { window, 0, 10 };

  gtk_adjustment_set_value (adj, fraction * (gtk_adjustment_get_upper (adj) -
                                             gtk_adjustment_get_page_size (adj)));
  range.first = MIN ((guint) (fraction * n), n - 10);
  /* Rows at the new place are asked for when the view lays them out. */
  if (!nf_harness_wait (range_loaded, &range, 10000))
    return -1;
  return (g_get_monotonic_time () - start) / 1000.0;
}

int
main (int   argc,
      char *argv[])
{
  const char *dir = g_getenv ("G_TEST_BUILDDIR");
  const char *env_n = g_getenv ("NF_BENCH_ARTICLES");
  guint n = env_n != NULL ? (guint) atoi (env_n) : 100000;
  g_autofree char *db = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  NfWindow *window;
  Range first = { NULL, 0, 12 };
  gint64 start;
  double first_ms, worst = 0, sum = 0;
  const double jumps[] = { 0.5, 0.99, 0.25, 0.75, 0.1, 0.6 };

  nf_harness_reexec_under_display (argc, argv);
  nf_harness_init_display ();
  g_print ("1..2\n");

  name = g_strdup_printf ("bench-viewer-%u.db", n);
  db = g_build_filename (dir != NULL ? dir : ".", name, NULL);
  fill_store (db, n);
  if (!nf_harness_start_service (db, &error))
    {
      g_print ("ok 1 # SKIP %s\nok 2 # SKIP %s\n", error->message,
               error->message);
      return 0;
    }

  start = g_get_monotonic_time ();
  g_debug ("opening the window");
  window = nf_harness_open_window ();
  g_debug ("window open");
  first.window = window;
  g_assert_true (nf_harness_wait (range_loaded, &first, 30000));
  first_ms = (g_get_monotonic_time () - start) / 1000.0;
  g_print ("%s 1 window shows its first page of %u articles in %.0f ms "
           "(goal < 1000 ms)\n", first_ms < 1000 ? "ok" : "not ok",
           g_list_model_get_n_items (G_LIST_MODEL (
             _nf_window_get_article_list (window))), first_ms);
  g_free (nf_harness_screenshot (GTK_WIDGET (window), "bench-viewer.png"));

  for (guint i = 0; i < G_N_ELEMENTS (jumps); i++)
    {
      double ms = time_jump (window, jumps[i]);

      g_print ("# scroll to %.0f%%: rows in %.0f ms\n", jumps[i] * 100, ms);
      worst = MAX (worst, ms < 0 ? 10000 : ms);
      sum += ms;
    }
  g_print ("%s 2 scrolling far: rows in %.0f ms on average, %.0f ms at "
           "worst (goal < 500 ms)\n", worst < 500 ? "ok" : "not ok",
           sum / G_N_ELEMENTS (jumps), worst);

  gtk_window_destroy (GTK_WINDOW (window));
  nf_harness_stop_service ();
  return 0;
}
