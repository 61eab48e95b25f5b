/* nf-cli.c: the newsfacts command line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "newsfacts"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "nf-cli-client.h"
#include "nf-error.h"
#include "nf-json.h"
#include "nf-pipeline.h"
#include "nf-story.h"

static gboolean
read_input (const char  *path,
            GBytes     **bytes,
            gsize        max_size,
            GError     **error)
{
  g_autofree char *contents = NULL;
  gsize len = 0;

  if (g_strcmp0 (path, "-") == 0)
    {
      g_autoptr(GByteArray) buffer = g_byte_array_new ();
      guint8 chunk[65536];
      size_t n;

      while ((n = fread (chunk, 1, sizeof chunk, stdin)) > 0)
        {
          g_byte_array_append (buffer, chunk, n);
          if (buffer->len > max_size)
            break;
        }
      if (ferror (stdin))
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                               _("cannot read standard input"));
          return FALSE;
        }
      *bytes = g_byte_array_free_to_bytes (g_steal_pointer (&buffer));
      return TRUE;
    }

  if (!g_file_get_contents (path, &contents, &len, error))
    return FALSE;
  *bytes = g_bytes_new_take (g_steal_pointer (&contents), len);
  return TRUE;
}

static int
cmd_parse (int    argc,
           char **argv)
{
  gboolean pretty = FALSE;
  gboolean print_stories = FALSE;
  g_autoptr(GPtrArray) stories = NULL;
  g_autofree char *published = NULL;
  gint64 max_size = NF_DEFAULT_MAX_SIZE;
  g_auto(GStrv) files = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GPtrArray) articles = NULL;
  NfParseOptions options = { 0 };
  int status = 0;
  const GOptionEntry entries[] = {
    { "pretty", 'p', 0, G_OPTION_ARG_NONE, &pretty,
      N_("Indent the JSON"), NULL },
    { "published", 0, 0, G_OPTION_ARG_STRING, &published,
      N_("Publication date for texts that print none"), N_("DATE") },
    { "max-size", 0, 0, G_OPTION_ARG_INT64, &max_size,
      N_("Refuse files larger than BYTES (default 8 MiB)"), N_("BYTES") },
    { "stories", 's', 0, G_OPTION_ARG_NONE, &print_stories,
      N_("Also print one story object per story, after the articles"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files,
      NULL, N_("FILE…") },
    { NULL }
  };

  context = g_option_context_new (_("FILE… — print the facts of articles as JSON Lines"));
  g_option_context_set_summary (context,
                                _("Reads news articles (or - for standard input) and "
                                  "prints one facts object per article."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("newsfacts parse: %s\n", error->message);
      return 2;
    }
  if (files == NULL || files[0] == NULL)
    {
      g_printerr ("newsfacts parse: %s\n", _("no file given (use - for standard input)"));
      return 2;
    }
  if (max_size <= 0)
    {
      g_printerr ("newsfacts parse: %s\n", _("--max-size must be positive"));
      return 2;
    }

  options.published = published;
  options.max_size = (gsize) max_size;
  articles = g_ptr_array_new_with_free_func ((GDestroyNotify) nf_article_free);

  for (guint i = 0; files[i] != NULL; i++)
    {
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) file_error = NULL;
      g_autofree char *name = g_path_get_basename (files[i]);
      NfArticle *article;

      if (!read_input (files[i], &bytes, options.max_size, &file_error))
        {
          g_printerr ("newsfacts: %s: %s\n", files[i], file_error->message);
          status = 1;
          continue;
        }
      article = nf_parse (g_strcmp0 (files[i], "-") == 0 ? "-" : name,
                          g_bytes_get_data (bytes, NULL),
                          g_bytes_get_size (bytes), &options, &file_error);
      if (article == NULL)
        {
          g_printerr ("newsfacts: %s: %s\n", files[i], file_error->message);
          status = 1;
          continue;
        }
      for (guint w = 0; w < article->warnings->len; w++)
        g_printerr ("newsfacts: %s: warning: %s\n", files[i],
                    (const char *) g_ptr_array_index (article->warnings, w));
      g_ptr_array_add (articles, article);
    }

  /* stories: group the articles, settle year-less datelines */
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
print_usage (FILE *out)
{
  fprintf (out, "%s",
           _("Usage: newsfacts COMMAND [OPTION…]\n"
             "\n"
             "Pull the facts out of news articles.\n"
             "\n"
             "Commands:\n"
             "  parse FILE…    print the facts of articles as JSON (offline)\n"
             "  list           list the stored articles, newest first\n"
             "  search WORD…   find articles by words, speakers or figures\n"
             "  show ID|FILE…  print an article: brief, quotes, figures, dates\n"
             "  ingest FILE…   send articles to the service to store\n"
             "  watch          print changes to the store as they happen\n"
             "\n"
             "Options:\n"
             "  -h, --help     show this help\n"
             "  --version      show the version\n"
             "\n"
             "Run 'newsfacts COMMAND --help' for a command's options.\n"));
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
  if (strcmp (argv[1], "--version") == 0)
    {
      g_print ("newsfacts %s\n", PACKAGE_VERSION);
      return 0;
    }
  if (strcmp (argv[1], "parse") == 0)
    return cmd_parse (argc - 1, argv + 1);
  if (nf_cli_client_has_command (argv[1]))
    return nf_cli_client_run (argc - 1, argv + 1);

  g_printerr (_("newsfacts: unknown command “%s”\n"), argv[1]);
  print_usage (stderr);
  return 2;
}
