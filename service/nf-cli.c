/* nf-cli.c: the newsfacts command line, and its offline parse command
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "newsfacts"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "nf-cli-client.h"
#include "nf-cli-private.h"
#include "nf-error.h"
#include "nf-json.h"
#include "nf-pipeline.h"
#include "nf-story.h"

/* Add an offline command here and declare its function in
 * nf-cli-private.h; commands that talk to the service are dispatched by
 * nf-cli-client.c. */
static const NfCliCommand commands[] = {
  { "parse", N_("FILE…"), N_("print the facts of articles as JSON (offline)"),
    _nf_cli_parse },
};

/* Listed in the usage after the offline commands. */
static const NfCliCommand client_commands[] = {
  { "list", "", N_("list the stored articles, newest first"), NULL },
  { "search", N_("WORD…"), N_("find articles by words, speakers or figures"), NULL },
  { "show", N_("ID|FILE…"), N_("print an article: brief, quotes, figures, dates"), NULL },
  { "ingest", N_("FILE…"), N_("send articles to the service to store"), NULL },
  { "watch", "", N_("print changes to the store as they happen"), NULL },
};

/* Reads a whole file, or standard input for "-", refusing anything over
 * @max_size before reading it all.  Errors are short: the caller names the
 * file. */
static GBytes *
read_input (const char  *path,
            gsize        max_size,
            GError     **error)
{
  g_autoptr(GByteArray) buffer = g_byte_array_new ();
  gboolean is_stdin = strcmp (path, "-") == 0;
  FILE *file = is_stdin ? stdin : g_fopen (path, "rb");
  guint8 chunk[65536];
  size_t n;
  int saved_errno;

  if (file == NULL)
    {
      saved_errno = errno;
      g_set_error_literal (error, G_FILE_ERROR,
                           g_file_error_from_errno (saved_errno),
                           g_strerror (saved_errno));
      return NULL;
    }

  /* Read one byte past the limit, so that the decoder can say the file is
   * too large without the whole of it in memory. */
  while ((n = fread (chunk, 1, sizeof chunk, file)) > 0)
    {
      g_byte_array_append (buffer, chunk, n);
      if (buffer->len > max_size)
        break;
    }
  saved_errno = errno;

  if (ferror (file))
    {
      g_set_error_literal (error, G_FILE_ERROR,
                           g_file_error_from_errno (saved_errno),
                           g_strerror (saved_errno));
      if (!is_stdin)
        fclose (file);
      return NULL;
    }
  if (!is_stdin)
    fclose (file);
  if (buffer->len > max_size)
    {
      /* Only a pipe gets here: files were measured before reading.  The
       * number is formatted apart: xgettext cannot see through
       * G_GSIZE_FORMAT. */
      g_autofree char *limit = g_strdup_printf ("%" G_GSIZE_FORMAT, max_size);

      g_set_error (error, NF_ERROR, NF_ERROR_TOO_LARGE,
                   _("too large: more than %s bytes"), limit);
      return NULL;
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&buffer));
}

/* The size as the decoder would report it, without reading the file. */
static gboolean
check_size (const char  *path,
            gsize        max_size,
            GError     **error)
{
  GStatBuf st;

  if (strcmp (path, "-") == 0 || g_stat (path, &st) != 0 || !S_ISREG (st.st_mode))
    return TRUE;
  if ((guint64) st.st_size > max_size)
    {
      g_autofree char *size = g_strdup_printf ("%" G_GUINT64_FORMAT, (guint64) st.st_size);
      g_autofree char *limit = g_strdup_printf ("%" G_GSIZE_FORMAT, max_size);

      g_set_error (error, NF_ERROR, NF_ERROR_TOO_LARGE,
                   _("too large: %s bytes, the limit is %s"), size, limit);
      return FALSE;
    }
  return TRUE;
}

static NfArticle *
parse_file (const char            *path,
            const NfParseOptions  *options,
            GError               **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *name = NULL;

  if (!check_size (path, options->max_size, error))
    return NULL;
  bytes = read_input (path, options->max_size, error);
  if (bytes == NULL)
    return NULL;

  name = strcmp (path, "-") == 0 ? g_strdup ("-") : g_path_get_basename (path);
  return nf_parse (name, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                   options, error);
}

static gboolean
parse_options (int              *argc,
               char           ***argv,
               gboolean         *pretty,
               gboolean         *print_stories,
               char            **published,
               gint64           *max_size,
               char           ***files,
               int              *status)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  gboolean version = FALSE;
  const GOptionEntry entries[] = {
    { "pretty", 'p', 0, G_OPTION_ARG_NONE, pretty,
      N_("Indent the JSON (one object per article, several lines each)"), NULL },
    { "published", 0, 0, G_OPTION_ARG_STRING, published,
      N_("Publication date for texts that print none, e.g. 2020-05-05 or "
         "2020-05-05T09:21"), N_("DATE") },
    { "stories", 's', 0, G_OPTION_ARG_NONE, print_stories,
      N_("Also print one story object per story, after the articles"), NULL },
    { "max-size", 0, 0, G_OPTION_ARG_INT64, max_size,
      N_("Refuse files larger than BYTES (default 8 MiB)"), N_("BYTES") },
    { "version", 0, 0, G_OPTION_ARG_NONE, &version,
      N_("Show the version and exit"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, files,
      NULL, NULL },
    { NULL }
  };

  context = g_option_context_new (_("FILE… — print the facts of articles as JSON Lines"));
  g_option_context_set_summary (context,
                                _("Reads news articles (- for standard input) and "
                                  "prints one facts object per article, in the "
                                  "order given.  A file that cannot be read gets one "
                                  "line on standard error; the others are still "
                                  "printed."));
  g_option_context_set_description (context,
                                    _("Exit status: 0 if every file was parsed, 1 if "
                                      "some file failed, 2 on a usage error."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      g_printerr ("newsfacts parse: %s\n", error->message);
      g_printerr (_("Try “newsfacts parse --help” for more information.\n"));
      *status = 2;
      return FALSE;
    }
  if (version)
    {
      g_print ("newsfacts %s\n", PACKAGE_VERSION);
      *status = 0;
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_options (const char  *published,
               gint64       max_size,
               char       **files)
{
  NfDateParts parts;

  if (files == NULL || files[0] == NULL)
    {
      g_printerr ("newsfacts parse: %s\n",
                  _("no file given (use - for standard input)"));
      return FALSE;
    }
  if (max_size <= 0)
    {
      g_printerr ("newsfacts parse: %s\n", _("--max-size must be a positive "
                                              "number of bytes"));
      return FALSE;
    }
  if (published != NULL && !nf_published_parse (published, &parts))
    {
      g_printerr (_("newsfacts parse: --published: “%s” is not a date; use "
                    "YYYY-MM-DD or YYYY-MM-DDTHH:MM, e.g. 2020-05-05\n"),
                  published);
      return FALSE;
    }
  return TRUE;
}

int
_nf_cli_parse (int    argc,
               char **argv)
{
  gboolean pretty = FALSE;
  gboolean print_stories = FALSE;
  g_autoptr(GPtrArray) stories = NULL;
  g_autofree char *published = NULL;
  gint64 max_size = NF_DEFAULT_MAX_SIZE;
  g_auto(GStrv) files = NULL;
  g_autoptr(GPtrArray) articles = NULL;
  NfParseOptions options = { 0 };
  int status = 0;

  g_set_prgname ("newsfacts parse");
  if (!parse_options (&argc, &argv, &pretty, &print_stories, &published,
                      &max_size, &files, &status))
    return status;
  if (!check_options (published, max_size, files))
    return 2;

  options.published = published;
  /* Past 2 GiB, a byte array cannot hold the input anyway. */
  options.max_size = (gsize) MIN (max_size, (gint64) G_MAXINT32);
  articles = g_ptr_array_new_with_free_func ((GDestroyNotify) nf_article_free);

  for (guint i = 0; files[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      NfArticle *article = parse_file (files[i], &options, &error);

      if (article == NULL)
        {
          g_printerr ("newsfacts: %s: %s\n", files[i], error->message);
          status = 1;
          continue;
        }
      for (guint w = 0; w < article->warnings->len; w++)
        g_printerr (_("newsfacts: %s: warning: %s\n"), files[i],
                    (const char *) g_ptr_array_index (article->warnings, w));
      g_ptr_array_add (articles, article);
    }

  /* Story assignment: all the articles of one call are parsed, none is
   * printed yet, so a story can settle what one article leaves open (such
   * as the year of a dateline) before anything is written. */
  stories = nf_stories_assign (articles, NULL);

  for (guint i = 0; i < articles->len; i++)
    {
      g_autofree char *json = nf_article_to_json (g_ptr_array_index (articles, i),
                                                  pretty);

      g_print ("%s\n", json);
    }
  for (guint i = 0; print_stories && i < stories->len; i++)
    {
      g_autofree char *json = nf_story_to_json (g_ptr_array_index (stories, i),
                                                pretty);

      g_print ("%s\n", json);
    }

  return status;
}

static void
print_commands (FILE               *out,
                const NfCliCommand *table,
                gsize               n)
{
  for (gsize i = 0; i < n; i++)
    {
      g_autofree char *left = table[i].args[0] != '\0'
                              ? g_strdup_printf ("%s %s", table[i].name,
                                                 _(table[i].args))
                              : g_strdup (table[i].name);
      /* Pad by characters, not bytes: "…" is three bytes. */
      glong pad = MAX (1, 18 - g_utf8_strlen (left, -1));

      fprintf (out, "  %s%*s %s\n", left, (int) pad, "", _(table[i].summary));
    }
}

static void
print_usage (FILE *out)
{
  fprintf (out, "%s", _("Usage: newsfacts COMMAND [OPTION…]\n"
                        "\n"
                        "Pull the facts out of news articles.\n"
                        "\n"
                        "Commands:\n"));
  print_commands (out, commands, G_N_ELEMENTS (commands));
  print_commands (out, client_commands, G_N_ELEMENTS (client_commands));
  fprintf (out, "%s", _("\n"
                        "Options:\n"
                        "  -h, --help         show this help and exit\n"
                        "  --version          show the version and exit\n"
                        "\n"
                        "Run “newsfacts COMMAND --help” for a command's options.\n"));
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc < 2)
    {
      print_usage (stderr);
      return 2;
    }
  if (strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0
      || strcmp (argv[1], "help") == 0)
    {
      print_usage (stdout);
      return 0;
    }
  if (strcmp (argv[1], "--version") == 0 || strcmp (argv[1], "-V") == 0)
    {
      g_print ("newsfacts %s\n", PACKAGE_VERSION);
      return 0;
    }

  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    if (strcmp (argv[1], commands[i].name) == 0)
      return commands[i].run (argc - 1, argv + 1);
  if (nf_cli_client_has_command (argv[1]))
    return nf_cli_client_run (argc - 1, argv + 1);

  g_printerr (_("newsfacts: unknown command “%s”\n"), argv[1]);
  g_printerr (_("Try “newsfacts --help” for the list of commands.\n"));
  return 2;
}
