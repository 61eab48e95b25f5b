/* fuzz-query.c: search queries, from words to FTS5 and through SQLite
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Any string the bus can carry (valid UTF-8, no NUL) must either be
 * refused with NF_ERROR_BAD_QUERY or be translated into an FTS5 query that
 * SQLite accepts: a query that reached SQLite as FTS5 syntax would come
 * back as NF_ERROR_STORAGE, and that is a bug.
 */

#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include "nf-error.h"
#include "nf-pipeline.h"
#include "nf-store-private.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static NfStore *store;
static char *home;

static void
remove_home (void)
{
  const char *suffixes[] = { "", "-wal", "-shm", "-journal" };

  g_clear_pointer (&store, nf_store_close);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strconcat (home, "/facts.db", suffixes[i], NULL);

      g_remove (path);
    }
  g_rmdir (home);
}

/* A small store with a few articles, so that queries match something. */
static void
open_store (void)
{
  const char *texts[] = {
    "Seoul talks stall\n\nSEOUL -- South Korea said \"talks will go on\" on Monday, "
    "with 4,000 workers on leave.\n",
    "Ink helps drive democracy\n\nThe Kyrgyz Republic is using invisible ink, "
    "officials said.\n",
    "Caf\xc3\xa9 prices rise 13%\n\nPrices rose 13 percent, said Mr. Lee.\n",
  };
  g_autofree char *path = NULL;

  home = g_dir_make_tmp ("newsfacts-fuzz-XXXXXX", NULL);
  if (home == NULL)
    abort ();
  path = g_build_filename (home, "facts.db", NULL);
  store = nf_store_open (path, NULL);
  if (store == NULL)
    abort ();
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(NfArticle) article = nf_parse ("fuzz", (const guint8 *) texts[i],
                                               strlen (texts[i]), NULL, NULL);

      if (article == NULL
          || !nf_store_put_article (store, article, NULL, FALSE, NULL, NULL))
        abort ();
    }
  atexit (remove_home);
}

static void
expect_bad_query (GError     *error,
                  const char *what)
{
  if (error == NULL || !g_error_matches (error, NF_ERROR, NF_ERROR_BAD_QUERY))
    {
      fprintf (stderr, "%s failed with %s\n", what,
               error != NULL ? error->message : "no error");
      abort ();
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *query = NULL;
  g_autofree char *fts = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ids = NULL;
  guint total = 0;

  /* D-Bus delivers only valid UTF-8 without NUL. */
  if (!g_utf8_validate_len ((const char *) data, size, NULL)
      || memchr (data, '\0', size) != NULL)
    return 0;
  if (store == NULL)
    open_store ();
  query = g_strndup ((const char *) data, size);

  fts = _nf_store_fts_query (query, &error);
  if (fts == NULL)
    expect_bad_query (error, "translation");
  else if (!g_utf8_validate (fts, -1, NULL))
    abort ();
  g_clear_error (&error);

  ids = nf_store_search (store, query, 0, 10, &total, &error);
  if (ids == NULL)
    expect_bad_query (error, "search");
  else if (ids->len > total || ids->len > 10)
    abort ();
  return 0;
}
