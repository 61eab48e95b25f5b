/* bench-load.c: 32 clients at once against one service
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * 32 threads, each with a bus connection of its own, call Search, GetJson
 * and Ingest as fast as the service answers for 30 seconds; some calls are
 * made to fail (binary text, a bad option, FTS5 syntax).  Passes when no
 * call fails other than with its expected error, the service's memory
 * stays bounded, and the article count at the end is exactly the number of
 * distinct texts ingested.
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "nf-bench.h"

#define N_CLIENTS      32
#define MAX_RSS_MB     150.0
#define STORE_PATH     "/io/github/newsfacts/Facts1"
#define STORE_IFACE    "io.github.newsfacts.Facts1.Store"
#define ARTICLE_IFACE  "io.github.newsfacts.Facts1.Article"
#define ERROR_PREFIX   "io.github.newsfacts.Facts1.Error."

static double seconds = 30;

static const char *hostile_queries[] = {
  "\"unterminated", "NEAR(a b)", "a OR", "*", "^start", "col:term",
  "headline:seoul", "AND", "(", ")", "'", "\"", "-", "+", "{a b}:c",
  "a AND NOT b", "x\" OR \"1\"=\"1", "'; DROP TABLE articles; --", "***",
  "\xe2\x80\x9cquoted\xe2\x80\x9d", "NEAR(\"a\" \"b\", 3)",
};

typedef struct
{
  NfBenchService *service;
  GPtrArray      *texts;
  GPtrArray      *words;
  double          deadline;
  guint           id;

  /* results */
  guint           calls;
  guint           searches;
  guint           get_json;
  guint           ingested;      /* distinct texts stored */
  guint           duplicates;
  guint           expected_errors;
  guint           busy;
  guint           unexpected;
  char           *first_unexpected;
} Client;

static void
unexpected (Client     *client,
            const char *what,
            GError     *error)
{
  client->unexpected++;
  if (client->first_unexpected == NULL)
    client->first_unexpected = g_strdup_printf ("%s: %s", what,
                                                error ? error->message : "wrong reply");
}

/* TRUE when @error is the D-Bus error @name (under ERROR_PREFIX). */
static gboolean
is_error (GError     *error,
          const char *name)
{
  g_autofree char *remote = NULL;

  if (error == NULL || !g_dbus_error_is_remote_error (error))
    return FALSE;
  remote = g_dbus_error_get_remote_error (error);
  return g_str_has_prefix (remote, ERROR_PREFIX)
         && strcmp (remote + strlen (ERROR_PREFIX), name) == 0;
}

static GVariant *
call (GDBusConnection *connection,
      Client          *client,
      const char      *path,
      const char      *iface,
      const char      *method,
      GVariant        *args,
      const char      *reply_type,
      GError         **error)
{
  client->calls++;
  return g_dbus_connection_call_sync (connection, client->service->owner, path,
                                      iface, method, args,
                                      G_VARIANT_TYPE (reply_type),
                                      G_DBUS_CALL_FLAGS_NO_AUTO_START, 60000,
                                      NULL, error);
}

static void
do_search (GDBusConnection *connection,
           Client          *client,
           GRand           *rand,
           GPtrArray       *seen_paths)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autofree char *query = NULL;
  gboolean hostile = g_rand_int_range (rand, 0, 10) == 0;
  int pick = g_rand_int_range (rand, 0, 3);

  if (hostile)
    query = g_strdup (hostile_queries[g_rand_int_range (rand, 0, G_N_ELEMENTS (hostile_queries))]);
  else if (pick == 0)
    query = g_strdup ("");
  else
    query = g_strdup_printf ("%s%s%s",
                             (char *) client->words->pdata[g_rand_int_range (rand, 0, client->words->len)],
                             pick == 2 ? " " : "",
                             pick == 2 ? (char *) client->words->pdata[g_rand_int_range (rand, 0, client->words->len)] : "");

  client->searches++;
  reply = call (connection, client, STORE_PATH, STORE_IFACE, "Search",
                g_variant_new ("(suu)", query, g_rand_int_range (rand, 0, 50), 20),
                "(uao)", &error);
  if (reply != NULL)
    {
      g_autoptr(GVariantIter) iter = NULL;
      const char *path;
      guint total;

      g_variant_get (reply, "(uao)", &total, &iter);
      while (g_variant_iter_next (iter, "&o", &path) && seen_paths->len < 2000)
        g_ptr_array_add (seen_paths, g_strdup (path));
    }
  else if (hostile && is_error (error, "BadQuery"))
    client->expected_errors++;
  else if (is_error (error, "Busy"))
    client->busy++;
  else
    unexpected (client, query, error);
}

static void
do_get_json (GDBusConnection *connection,
             Client          *client,
             GRand           *rand,
             GPtrArray       *seen_paths)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = NULL;
  const char *path;
  const char *json;

  if (seen_paths->len == 0)
    return;
  path = seen_paths->pdata[g_rand_int_range (rand, 0, seen_paths->len)];
  client->get_json++;
  reply = call (connection, client, path, ARTICLE_IFACE, "GetJson", NULL, "(s)",
                &error);
  if (reply == NULL)
    {
      if (is_error (error, "Busy"))
        client->busy++;
      else
        unexpected (client, path, error);
      return;
    }
  g_variant_get (reply, "(&s)", &json);
  if (strstr (json, "\"schema\"") == NULL)
    unexpected (client, "GetJson without a schema", NULL);
}

static void
do_ingest (GDBusConnection *connection,
           Client          *client,
           GRand           *rand,
           GPtrArray       *own_paths,
           GPtrArray       *own_seqs)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GBytes) text = NULL;
  g_autofree char *name = NULL;
  gboolean duplicate = own_paths->len > 0 && g_rand_int_range (rand, 0, 10) == 0;
  guint seq = duplicate ? GPOINTER_TO_UINT (own_seqs->pdata[g_rand_int_range (rand, 0, own_seqs->len)])
                        : own_seqs->len + 1;
  guint index;
  const char *path;

  /* Variant numbers are unique per client and sequence number. */
  text = nf_bench_vary_text (client->texts->pdata[(client->id * 131 + seq) % client->texts->len],
                             1000000 + client->id * 100000 + seq);
  name = g_strdup_printf ("load-%u-%u.txt", client->id, seq);
  reply = call (connection, client, STORE_PATH, STORE_IFACE, "Ingest",
                g_variant_new ("(s@sa{sv})", name,
                               g_variant_new_take_string (g_strndup (g_bytes_get_data (text, NULL),
                                                                     g_bytes_get_size (text))),
                               NULL),
                "(o)", &error);
  if (reply == NULL)
    {
      if (is_error (error, "Busy"))
        client->busy++;
      else
        unexpected (client, name, error);
      return;
    }
  g_variant_get (reply, "(&o)", &path);
  if (duplicate)
    {
      for (index = 0; index < own_seqs->len; index++)
        if (GPOINTER_TO_UINT (own_seqs->pdata[index]) == seq)
          break;
      if (index == own_seqs->len || strcmp (own_paths->pdata[index], path) != 0)
        unexpected (client, "a duplicate text got another path", NULL);
      client->duplicates++;
      return;
    }
  g_ptr_array_add (own_paths, g_strdup (path));
  g_ptr_array_add (own_seqs, GUINT_TO_POINTER (seq));
  client->ingested++;
}

/* Calls that must fail, each with its own error. */
static void
do_refused (GDBusConnection *connection,
            Client          *client,
            GRand           *rand)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = NULL;
  GVariantBuilder options;
  const char *expected;

  g_variant_builder_init (&options, G_VARIANT_TYPE_VARDICT);
  switch (g_rand_int_range (rand, 0, 3))
    {
    case 0:
      expected = "InvalidInput";
      reply = call (connection, client, STORE_PATH, STORE_IFACE, "Ingest",
                    g_variant_new ("(ssa{sv})", "binary.bin",
                                   "\x01\x02\x03\x04\x05\x06\x07\x08", NULL),
                    "(o)", &error);
      break;
    case 1:
      expected = "InvalidInput";
      reply = call (connection, client, STORE_PATH, STORE_IFACE, "Ingest",
                    g_variant_new ("(ssa{sv})", "blank.txt", " \n\n ", NULL),
                    "(o)", &error);
      break;
    default:
      expected = "InvalidArgs";
      g_variant_builder_add (&options, "{sv}", "published",
                             g_variant_new_uint32 (2020));
      reply = call (connection, client, STORE_PATH, STORE_IFACE, "Ingest",
                    g_variant_new ("(ssa{sv})", "bad-option.txt",
                                   "Headline\n\nBody text.\n", &options),
                    "(o)", &error);
      break;
    }
  g_variant_builder_clear (&options);
  if (reply == NULL && is_error (error, expected))
    client->expected_errors++;
  else if (reply == NULL && is_error (error, "Busy"))
    client->busy++;
  else
    unexpected (client, expected, error);
}

static gpointer
client_thread (gpointer data)
{
  Client *client = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDBusConnection) connection = NULL;
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) own_paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) own_seqs = g_ptr_array_new ();
  GRand *rand = g_rand_new_with_seed (client->id);

  connection = nf_bench_service_connect (client->service, &error);
  if (connection == NULL)
    {
      unexpected (client, "connect", error);
      return NULL;
    }
  while (nf_bench_now () < client->deadline)
    {
      int r = g_rand_int_range (rand, 0, 100);

      if (r < 45)
        do_search (connection, client, rand, seen);
      else if (r < 75)
        do_get_json (connection, client, rand, own_paths->len > 0 && r < 60 ? own_paths : seen);
      else if (r < 97)
        do_ingest (connection, client, rand, own_paths, own_seqs);
      else
        do_refused (connection, client, rand);
    }
  g_rand_free (rand);
  g_dbus_connection_close_sync (connection, NULL, NULL);
  return NULL;
}

static GPtrArray *
some_words (GPtrArray *texts)
{
  GPtrArray *words = g_ptr_array_new_with_free_func (g_free);

  for (guint t = 0; t < texts->len && words->len < 300; t += 11)
    {
      g_auto(GStrv) tokens = g_strsplit_set (g_bytes_get_data (texts->pdata[t], NULL),
                                              " \n.,;:\"'()", -1);

      for (guint i = 0; tokens[i] != NULL && i < 40; i++)
        if (strlen (tokens[i]) >= 5 && g_str_is_ascii (tokens[i]))
          g_ptr_array_add (words, g_ascii_strdown (tokens[i], -1));
    }
  return words;
}

static guint
article_count (NfBenchService *service)
{
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariant) value = NULL;

  reply = g_dbus_connection_call_sync (service->connection, service->owner,
                                       STORE_PATH, "org.freedesktop.DBus.Properties",
                                       "Get", g_variant_new ("(ss)", STORE_IFACE,
                                                             "ArticleCount"),
                                       G_VARIANT_TYPE ("(v)"),
                                       G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL);
  g_assert (reply != NULL);
  g_variant_get (reply, "(v)", &value);
  return g_variant_get_uint32 (value);
}

static guint
listed_count (NfBenchService *service)
{
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariantIter) iter = NULL;
  guint total = 0;

  reply = g_dbus_connection_call_sync (service->connection, service->owner,
                                       STORE_PATH, STORE_IFACE, "Search",
                                       g_variant_new ("(suu)", "", 0, 1),
                                       G_VARIANT_TYPE ("(uao)"),
                                       G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL);
  g_assert (reply != NULL);
  g_variant_get (reply, "(uao)", &total, &iter);
  return total;
}

int
main (int    argc,
      char **argv)
{
  const GOptionEntry entries[] = {
    { "seconds", 's', 0, G_OPTION_ARG_DOUBLE, &seconds,
      "How long the clients run (default 30)", "S" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- load test");
  g_autoptr(NfBenchService) service = NULL;
  g_autoptr(GPtrArray) texts = NULL;
  g_autoptr(GPtrArray) words = NULL;
  g_autoptr(GError) error = NULL;
  Client clients[N_CLIENTS];
  GThread *threads[N_CLIENTS];
  Client sum = { 0, };
  double start, rss_start, rss_max = 0, rss_end;
  guint count_before, count_after, listed;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, NULL))
    return 2;
  texts = nf_bench_bbc_texts ();
  if (texts == NULL)
    return 0;
  words = some_words (texts);

  service = nf_bench_service_new (&error);
  g_assert_no_error (error);
  nf_bench_service_start (service, NULL, &error);
  g_assert_no_error (error);
  count_before = article_count (service);
  rss_start = nf_bench_rss_kib (service->pid) / 1024.0;

  start = nf_bench_now ();
  for (guint i = 0; i < N_CLIENTS; i++)
    {
      clients[i] = (Client) { service, texts, words, start + seconds, i + 1, };
      threads[i] = g_thread_new ("client", client_thread, &clients[i]);
    }
  printf ("# RSS (MB) every 2 s:");
  while (nf_bench_now () < start + seconds)
    {
      double rss = nf_bench_rss_kib (service->pid) / 1024.0;

      rss_max = MAX (rss_max, rss);
      if ((int) ((nf_bench_now () - start) * 2) % 4 == 0)
        printf (" %.0f", rss);
      g_usleep (G_USEC_PER_SEC / 2);
    }
  printf ("\n");
  for (guint i = 0; i < N_CLIENTS; i++)
    {
      g_thread_join (threads[i]);
      sum.calls += clients[i].calls;
      sum.searches += clients[i].searches;
      sum.get_json += clients[i].get_json;
      sum.ingested += clients[i].ingested;
      sum.duplicates += clients[i].duplicates;
      sum.expected_errors += clients[i].expected_errors;
      sum.busy += clients[i].busy;
      sum.unexpected += clients[i].unexpected;
      if (clients[i].first_unexpected != NULL)
        printf ("# client %u: %s\n", i + 1, clients[i].first_unexpected);
      g_free (clients[i].first_unexpected);
    }
  rss_end = nf_bench_rss_kib (service->pid) / 1024.0;
  count_after = article_count (service);
  listed = listed_count (service);

  printf ("# %u calls in %.0f s (%.0f/s): %u Search, %u GetJson, %u Ingest "
          "of new texts, %u of texts already stored; %u expected errors, "
          "%u Busy\n", sum.calls, seconds, sum.calls / seconds, sum.searches,
          sum.get_json, sum.ingested, sum.duplicates, sum.expected_errors,
          sum.busy);
  printf ("# service RSS %.1f MB at start, %.1f MB at most, %.1f MB at the end\n",
          rss_start, rss_max, rss_end);
  printf ("# RESULT load_calls_s=%.0f load_ingested=%u load_rss_max_mb=%.1f\n",
          sum.calls / seconds, sum.ingested, rss_max);

  nf_bench_tap_result (sum.unexpected == 0, "%u calls failed unexpectedly",
                       sum.unexpected);
  nf_bench_tap_result (sum.ingested > 0 && sum.searches > 0 && sum.get_json > 0,
                       "every kind of call was made");
  nf_bench_tap_result (count_after == count_before + sum.ingested
                       && listed == count_after,
                       "article count exact: %u + %u = %u (listed %u)",
                       count_before, sum.ingested, count_after, listed);
  nf_bench_tap_result (rss_max <= MAX_RSS_MB, "RSS at most %.1f MB <= %.0f MB",
                       rss_max, MAX_RSS_MB);
  nf_bench_tap_result (nf_bench_service_stop (service) == 0,
                       "the service exits cleanly on SIGTERM");
  nf_bench_tap_plan ();
  return nf_bench_tap_failures () > 0 ? 1 : 0;
}
