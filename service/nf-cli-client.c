/* nf-cli-client.c: newsfacts commands that talk to the service
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * list, search, show, ingest and watch are thin clients of
 * io.github.newsfacts.Facts1 through the generated proxies; the bus starts
 * the service when needed.  Errors say whether the service could not be
 * reached (exit status 3) or refused the request (exit status 1).
 */

#define G_LOG_DOMAIN "newsfacts"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib-unix.h>
#include <glib/gi18n.h>
#include <gio/gunixfdlist.h>
#include <json-glib/json-glib.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "nf-cli-client.h"
#include "nf-cli-text.h"
#include "nf-dbus-generated.h"
#include "nf-error.h"
#include "nf-json.h"
#include "nf-pipeline.h"
#include "nf-story.h"

#define BUS_NAME "io.github.newsfacts.Facts1"
#define ROOT_PATH "/io/github/newsfacts/Facts1"
#define ARTICLE_PATH_PREFIX ROOT_PATH "/article/"
#define DEFAULT_LIMIT 20
#define INGEST_TIMEOUT_MS (5 * 60 * 1000)

typedef int (*NfCommandFunc) (int argc, char **argv);

/* Options every client command shares. */
typedef struct
{
  gboolean json;
  gint     offset;
  gint     limit;
  char    *published;
  gboolean replace;
  char   **args;
} ClientOptions;

static void
client_options_clear (ClientOptions *options)
{
  g_clear_pointer (&options->published, g_free);
  g_clear_pointer (&options->args, g_strfreev);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ClientOptions, client_options_clear)

static gboolean
is_unreachable_error (const GError *error)
{
  if (error->domain == G_IO_ERROR)
    /* No session bus or a broken connection; G_IO_ERROR_DBUS_ERROR is a
     * reply with an error name we do not know. */
    return error->code != G_IO_ERROR_DBUS_ERROR;
  if (error->domain != G_DBUS_ERROR)
    return FALSE;
  switch (error->code)
    {
    case G_DBUS_ERROR_SERVICE_UNKNOWN:
    case G_DBUS_ERROR_NAME_HAS_NO_OWNER:
    case G_DBUS_ERROR_NO_REPLY:
    case G_DBUS_ERROR_TIMEOUT:
    case G_DBUS_ERROR_TIMED_OUT:
    case G_DBUS_ERROR_NO_SERVER:
    case G_DBUS_ERROR_DISCONNECTED:
    case G_DBUS_ERROR_SPAWN_EXEC_FAILED:
    case G_DBUS_ERROR_SPAWN_FORK_FAILED:
    case G_DBUS_ERROR_SPAWN_CHILD_EXITED:
    case G_DBUS_ERROR_SPAWN_CHILD_SIGNALED:
    case G_DBUS_ERROR_SPAWN_FAILED:
    case G_DBUS_ERROR_SPAWN_SERVICE_INVALID:
    case G_DBUS_ERROR_SPAWN_SERVICE_NOT_FOUND:
    case G_DBUS_ERROR_SPAWN_NO_MEMORY:
      return TRUE;
    default:
      return FALSE;
    }
}

/* Prints @error for @command and returns the exit status to use. */
static int
report_error (const char *command,
              const char *subject,
              GError     *error)
{
  gboolean unreachable = is_unreachable_error (error);

  g_dbus_error_strip_remote_error (error);
  if (unreachable)
    {
      g_printerr (_("newsfacts %s: cannot reach the Newsfacts service (%s): %s\n"),
                  command, BUS_NAME, error->message);
      g_printerr (_("Is newsfactsd installed, and is there a D-Bus session bus?\n"));
      return NF_CLI_EXIT_UNREACHABLE;
    }
  if (subject != NULL)
    g_printerr ("newsfacts %s: %s: %s\n", command, subject, error->message);
  else
    g_printerr ("newsfacts %s: %s\n", command, error->message);
  return 1;
}

static NfDbusStore *
store_connect (GDBusProxyFlags   flags,
               GError          **error)
{
  g_autoptr(GDBusConnection) bus = NULL;

  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, error);
  if (bus == NULL)
    return NULL;
  return nf_dbus_store_proxy_new_sync (bus,
                                       flags | G_DBUS_PROXY_FLAGS_DO_NOT_LOAD_PROPERTIES,
                                       BUS_NAME, ROOT_PATH, NULL, error);
}

static gboolean
parse_options (const char     *command,
               const char     *parameter,
               const char     *summary,
               GOptionEntry   *entries,
               int            *argc,
               char         ***argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (parameter);
  g_autoptr(GError) error = NULL;

  g_option_context_set_summary (context, summary);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      g_printerr ("newsfacts %s: %s\n", command, error->message);
      return FALSE;
    }
  return TRUE;
}

static void
print_json_node (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

/* --- list and search --- */

static void
print_record_line (GVariant          *record,
                   const NfTextStyle *style)
{
  g_autoptr(GVariantDict) dict = g_variant_dict_new (record);
  const char *id = NULL, *headline = NULL, *agency = NULL, *published = NULL;
  g_autofree char *line = NULL;
  g_autofree char *clean = NULL;
  g_autofree char *cut = NULL;

  g_variant_dict_lookup (dict, "Id", "&s", &id);
  g_variant_dict_lookup (dict, "Headline", "&s", &headline);
  g_variant_dict_lookup (dict, "Agency", "&s", &agency);
  g_variant_dict_lookup (dict, "Published", "&s", &published);

  line = g_strdup_printf ("%-16s  %-10.10s  %-8s  %s",
                          id ? id : "?",
                          published && *published ? published : "-",
                          agency && *agency ? agency : "-",
                          headline && *headline ? headline : _("(no headline)"));
  clean = nf_text_sanitize (line);
  cut = nf_text_ellipsize (clean, style->width);
  g_print ("%s\n", cut);
}

static void
print_page (guint     total,
            guint     offset,
            GVariant *records,
            gboolean  json)
{
  gsize n = g_variant_n_children (records);
  NfTextStyle style;

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "total");
      json_builder_add_int_value (builder, total);
      json_builder_set_member_name (builder, "offset");
      json_builder_add_int_value (builder, offset);
      json_builder_set_member_name (builder, "articles");
      json_builder_add_value (builder, json_gvariant_serialize (records));
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      print_json_node (root);
      return;
    }

  nf_text_style_for_stdout (&style);
  for (gsize i = 0; i < n; i++)
    {
      g_autoptr(GVariant) record = g_variant_get_child_value (records, i);

      print_record_line (record, &style);
    }
  if (n == 0 && total == 0)
    g_print ("%s\n", _("No articles."));
  else if (offset + n < total || offset > 0)
    g_print (_("Articles %u–%u of %u.\n"), n ? offset + 1 : offset,
             offset + (guint) n, total);
}

static int
list_articles (const char          *command,
               const char          *query,
               const ClientOptions *options)
{
  g_autoptr(NfDbusStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) paths = NULL;
  g_autoptr(GVariant) records = NULL;
  const char *no_fields[] = { NULL };
  guint total = 0;

  store = store_connect (G_DBUS_PROXY_FLAGS_DO_NOT_CONNECT_SIGNALS, &error);
  if (store == NULL
      || !nf_dbus_store_call_search_sync (store, query, (guint) options->offset,
                                          (guint) options->limit,
                                          G_DBUS_CALL_FLAGS_NONE, -1,
                                          &total, &paths, NULL, &error)
      || !nf_dbus_store_call_get_articles_sync (store, (const char *const *) paths,
                                                no_fields, G_DBUS_CALL_FLAGS_NONE,
                                                -1, &records, NULL, &error))
    return report_error (command, NULL, error);

  print_page (total, (guint) options->offset, records, options->json);
  return 0;
}

static GOptionEntry *
page_entries (ClientOptions *options)
{
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &options->json, N_("Print JSON"), NULL },
    { "offset", 0, 0, G_OPTION_ARG_INT, &options->offset,
      N_("Skip the first N articles"), N_("N") },
    { "limit", 0, 0, G_OPTION_ARG_INT, &options->limit,
      N_("Show at most N articles (default 20)"), N_("N") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &options->args, NULL, NULL },
    { NULL }
  };

  return g_memdup2 (entries, sizeof entries);
}

static gboolean
check_page (const char          *command,
            const ClientOptions *options)
{
  if (options->offset < 0 || options->limit <= 0 || options->limit > 1000)
    {
      g_printerr ("newsfacts %s: %s\n", command,
                  _("--offset must be 0 or more and --limit between 1 and 1000"));
      return FALSE;
    }
  return TRUE;
}

static int
cmd_list (int    argc,
          char **argv)
{
  g_auto(ClientOptions) options = { .limit = DEFAULT_LIMIT };
  g_autofree GOptionEntry *entries = page_entries (&options);

  if (!parse_options ("list", "", _("List the stored articles, newest first."),
                      entries, &argc, &argv)
      || !check_page ("list", &options))
    return 2;
  if (options.args != NULL && options.args[0] != NULL)
    {
      g_printerr ("newsfacts list: %s\n", _("unexpected argument (did you mean 'search'?)"));
      return 2;
    }
  return list_articles ("list", "", &options);
}

static int
cmd_search (int    argc,
            char **argv)
{
  g_auto(ClientOptions) options = { .limit = DEFAULT_LIMIT };
  g_autofree GOptionEntry *entries = page_entries (&options);
  g_autofree char *query = NULL;

  if (!parse_options ("search", _("WORD…"),
                      _("List the articles in which all the words occur: in the "
                        "headline, the text, the quotes or the speakers' names."),
                      entries, &argc, &argv)
      || !check_page ("search", &options))
    return 2;
  if (options.args == NULL || options.args[0] == NULL)
    {
      g_printerr ("newsfacts search: %s\n", _("no words given"));
      return 2;
    }
  query = g_strjoinv (" ", options.args);
  return list_articles ("search", query, &options);
}

/* --- show --- */

/* Article ids are plain words and object paths start with the root
 * path: anything else that names a file (or looks like a file name) is
 * one, so a mistyped file name reads "no such file". */
static gboolean
is_file_target (const char *target)
{
  if (g_str_has_prefix (target, ROOT_PATH "/"))
    return FALSE;
  return g_file_test (target, G_FILE_TEST_EXISTS)
         || strchr (target, '/') != NULL || strchr (target, '.') != NULL;
}

/* A file parsed here, without the service. */
static NfArticle *
parse_file (const char  *file,
            GError     **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *name = g_path_get_basename (file);
  NfParseOptions options = { 0 };
  gsize len = 0;

  if (!g_file_get_contents (file, &contents, &len, error))
    return NULL;
  options.max_size = NF_DEFAULT_MAX_SIZE;
  return nf_parse (name, (const guint8 *) contents, len, &options, error);
}

/* Parses the files among @targets (NULL for the others) and lets their
 * stories settle what one article leaves open, such as a dateline's
 * year, as `newsfacts parse` does. */
static GPtrArray *
parse_file_targets (char **targets)
{
  GPtrArray *by_target = g_ptr_array_new_with_free_func ((GDestroyNotify) nf_article_free);
  g_autoptr(GPtrArray) articles = g_ptr_array_new ();
  g_autoptr(GPtrArray) stories = NULL;

  for (guint i = 0; targets[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      NfArticle *article = NULL;

      if (is_file_target (targets[i]))
        article = parse_file (targets[i], &error);
      if (error != NULL)
        g_printerr ("newsfacts show: %s: %s\n", targets[i], error->message);
      g_ptr_array_add (by_target, article);
      if (article != NULL)
        g_ptr_array_add (articles, article);
    }
  stories = nf_stories_assign (articles, NULL);
  return by_target;
}

static char *
facts_from_service (const char  *target,
                    GError     **error)
{
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(NfDbusArticle) article = NULL;
  g_autofree char *path = NULL;
  char *json = NULL;

  if (g_variant_is_object_path (target))
    path = g_strdup (target);
  else
    path = g_strconcat (ARTICLE_PATH_PREFIX, target, NULL);
  if (!g_variant_is_object_path (path))
    {
      g_set_error (error, NF_ERROR, NF_ERROR_INVALID_ARGS,
                   _("not an article id, object path or file"));
      return NULL;
    }
  /* Registers the service's error names so replies map to NF_ERROR. */
  (void) nf_error_quark ();
  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, error);
  if (bus == NULL)
    return NULL;
  article = nf_dbus_article_proxy_new_sync (bus, G_DBUS_PROXY_FLAGS_DO_NOT_LOAD_PROPERTIES
                                                 | G_DBUS_PROXY_FLAGS_DO_NOT_CONNECT_SIGNALS,
                                            BUS_NAME, path, NULL, error);
  if (article == NULL
      || !nf_dbus_article_call_get_json_sync (article, G_DBUS_CALL_FLAGS_NONE, -1,
                                              &json, NULL, error))
    return NULL;
  return json;
}

static int
show_one (const char *target,
          NfArticle  *parsed,
          gboolean    json_output)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *json = NULL;
  g_autofree char *text = NULL;
  JsonNode *root;
  NfTextStyle style;

  if (is_file_target (target))
    {
      if (parsed == NULL)
        return 1;  /* already reported */
      json = nf_article_to_json (parsed, FALSE);
    }
  else if ((json = facts_from_service (target, &error)) == NULL)
    return report_error ("show", target, error);
  if (!json_parser_load_from_data (parser, json, -1, &error)
      || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_printerr ("newsfacts show: %s: %s\n", target,
                  error ? error->message : _("the service sent no facts object"));
      return 1;
    }
  root = json_parser_get_root (parser);
  if (json_output)
    {
      print_json_node (root);
      return 0;
    }
  nf_text_style_for_stdout (&style);
  text = nf_text_render_article (json_node_get_object (root), &style);
  g_print ("%s", text);
  return 0;
}

static int
cmd_show (int    argc,
          char **argv)
{
  g_auto(ClientOptions) options = { 0 };
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &options.json,
      N_("Print the facts JSON, one article per line"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &options.args, NULL, NULL },
    { NULL }
  };
  g_autoptr(GPtrArray) parsed = NULL;
  int status = 0;

  if (!parse_options ("show", _("ID|PATH|FILE…"),
                      _("Print articles for reading: headline, brief, quotes with "
                        "their speakers, figures, dates and names.  A FILE is "
                        "parsed here; an id or object path is read from the service."),
                      entries, &argc, &argv))
    return 2;
  if (options.args == NULL || options.args[0] == NULL)
    {
      g_printerr ("newsfacts show: %s\n", _("no article given"));
      return 2;
    }
  parsed = parse_file_targets (options.args);
  for (guint i = 0; options.args[i] != NULL; i++)
    {
      int one;

      if (i > 0 && !options.json)
        g_print ("\n");
      one = show_one (options.args[i], g_ptr_array_index (parsed, i), options.json);
      status = MAX (status, one);
      if (one == NF_CLI_EXIT_UNREACHABLE)
        break;
    }
  return status;
}

/* --- ingest --- */

static int
ingest_one (NfDbusStore         *store,
            const char          *file,
            const ClientOptions *options)
{
  g_autoptr(GUnixFDList) fd_list = g_unix_fd_list_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);
  int fd;

  fd = strcmp (file, "-") == 0 ? dup (STDIN_FILENO) : open (file, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    {
      int saved = errno;

      g_printerr ("newsfacts ingest: %s: %s\n", file, g_strerror (saved));
      return 1;
    }
  if (g_unix_fd_list_append (fd_list, fd, &error) < 0)
    {
      close (fd);
      return report_error ("ingest", file, error);
    }
  close (fd);

  if (options->published != NULL)
    g_variant_dict_insert (&dict, "published", "s", options->published);
  if (options->replace)
    g_variant_dict_insert (&dict, "replace", "b", TRUE);
  name = strcmp (file, "-") == 0 ? g_strdup ("stdin") : g_path_get_basename (file);
  if (!nf_dbus_store_call_ingest_fd_sync (store, name, g_variant_new_handle (0),
                                          g_variant_dict_end (&dict),
                                          G_DBUS_CALL_FLAGS_NONE, INGEST_TIMEOUT_MS,
                                          fd_list, &path, NULL, NULL, &error))
    return report_error ("ingest", file, error);

  if (options->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "file");
      json_builder_add_string_value (builder, file);
      json_builder_set_member_name (builder, "article");
      json_builder_add_string_value (builder, path);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      print_json_node (root);
    }
  else
    g_print ("%s\t%s\n", path, file);
  return 0;
}

static int
cmd_ingest (int    argc,
            char **argv)
{
  g_auto(ClientOptions) options = { 0 };
  g_autoptr(NfDbusStore) store = NULL;
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &options.json,
      N_("Print one JSON object per file"), NULL },
    { "published", 0, 0, G_OPTION_ARG_STRING, &options.published,
      N_("Publication date for texts that print none"), N_("DATE") },
    { "replace", 0, 0, G_OPTION_ARG_NONE, &options.replace,
      N_("Parse again an article already stored"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &options.args, NULL, NULL },
    { NULL }
  };
  int status = 0;

  if (!parse_options ("ingest", _("FILE…"),
                      _("Send articles to the service, which parses and stores them. "
                        "Prints the object path of each."),
                      entries, &argc, &argv))
    return 2;
  if (options.args == NULL || options.args[0] == NULL)
    {
      g_printerr ("newsfacts ingest: %s\n", _("no file given (use - for standard input)"));
      return 2;
    }
  store = store_connect (G_DBUS_PROXY_FLAGS_DO_NOT_CONNECT_SIGNALS, &error);
  if (store == NULL)
    return report_error ("ingest", NULL, error);
  for (guint i = 0; options.args[i] != NULL; i++)
    {
      int one = ingest_one (store, options.args[i], &options);

      status = MAX (status, one);
      if (one == NF_CLI_EXIT_UNREACHABLE)
        break;
    }
  return status;
}

/* --- watch --- */

typedef struct
{
  GMainLoop   *loop;
  NfDbusStore *store;
  gboolean     json;
  NfTextStyle  style;
} Watch;

static void
print_event_json (const char *event,
                  const char *path,
                  GVariant   *record)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "event");
  json_builder_add_string_value (builder, event);
  if (path != NULL)
    {
      json_builder_set_member_name (builder, "article");
      json_builder_add_string_value (builder, path);
    }
  if (record != NULL)
    {
      g_autoptr(GVariantDict) dict = g_variant_dict_new (record);
      const char *headline = NULL;

      if (g_variant_dict_lookup (dict, "Headline", "&s", &headline))
        {
          json_builder_set_member_name (builder, "headline");
          json_builder_add_string_value (builder, headline);
        }
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  print_json_node (root);
}

static void
print_event_text (Watch      *watch,
                  const char *event,
                  const char *path,
                  GVariant   *record)
{
  const char *headline = NULL;
  const char *id = path ? strrchr (path, '/') + 1 : "";
  g_autofree char *line = NULL;
  g_autofree char *clean = NULL;
  g_autofree char *cut = NULL;

  if (record != NULL)
    {
      g_autoptr(GVariantDict) dict = g_variant_dict_new (record);

      g_variant_dict_lookup (dict, "Headline", "&s", &headline);
      line = g_strdup_printf ("%-8s %-16s  %s", event, id, headline ? headline : "");
    }
  else
    line = g_strdup_printf ("%-8s %s", event, id);
  clean = nf_text_sanitize (line);
  cut = nf_text_ellipsize (clean, watch->style.width);
  g_print ("%s\n", cut);
}

/* Prints one line per article of a change signal; added and changed ones
 * with their headline, fetched in one round trip. */
static void
print_events (Watch              *watch,
              const char         *event,
              const char *const  *paths,
              gboolean            with_records)
{
  g_autoptr(GVariant) records = NULL;
  const char *fields[] = { "Headline", NULL };

  if (with_records)
    nf_dbus_store_call_get_articles_sync (watch->store, paths, fields,
                                          G_DBUS_CALL_FLAGS_NONE, -1,
                                          &records, NULL, NULL);
  for (guint i = 0; paths[i] != NULL; i++)
    {
      g_autoptr(GVariant) record = NULL;

      if (records != NULL && i < g_variant_n_children (records))
        record = g_variant_get_child_value (records, i);
      if (watch->json)
        print_event_json (event, paths[i], record);
      else
        print_event_text (watch, event, paths[i], record);
    }
  fflush (stdout);
}

static void
on_articles_added (NfDbusStore        *store,
                   const char *const  *paths,
                   Watch              *watch)
{
  print_events (watch, "added", paths, TRUE);
}

static void
on_articles_changed (NfDbusStore        *store,
                     const char *const  *paths,
                     Watch              *watch)
{
  print_events (watch, "changed", paths, TRUE);
}

static void
on_articles_removed (NfDbusStore        *store,
                     const char *const  *paths,
                     Watch              *watch)
{
  print_events (watch, "removed", paths, FALSE);
}

static void
on_name_owner (GObject    *proxy,
               GParamSpec *pspec,
               Watch      *watch)
{
  g_autofree char *owner = g_dbus_proxy_get_name_owner (G_DBUS_PROXY (proxy));
  const char *event = owner ? "service-started" : "service-stopped";

  if (watch->json)
    print_event_json (event, NULL, NULL);
  else if (owner != NULL)
    g_print ("%s\n", _("# the service started"));
  else
    g_print ("%s\n", _("# the service stopped; waiting for it to come back"));
  fflush (stdout);
}

static gboolean
on_interrupt (gpointer user_data)
{
  Watch *watch = user_data;

  g_main_loop_quit (watch->loop);
  return G_SOURCE_REMOVE;
}

static int
cmd_watch (int    argc,
           char **argv)
{
  g_auto(ClientOptions) options = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(NfDbusStore) store = NULL;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &options.json,
      N_("Print one JSON object per event"), NULL },
    { NULL }
  };
  Watch watch = { 0 };
  guint total = 0;

  if (!parse_options ("watch", "",
                      _("Print the articles added, changed or removed as it happens, "
                        "until interrupted."),
                      entries, &argc, &argv))
    return 2;
  store = store_connect (G_DBUS_PROXY_FLAGS_NONE, &error);
  /* Searching for nothing starts the service, so changes start to flow. */
  if (store == NULL
      || !nf_dbus_store_call_search_sync (store, "", 0, 0, G_DBUS_CALL_FLAGS_NONE,
                                          -1, &total, NULL, NULL, &error))
    return report_error ("watch", NULL, error);

  watch = (Watch) { loop, store, options.json, { 0 } };
  nf_text_style_for_stdout (&watch.style);
  g_signal_connect (store, "articles-added", G_CALLBACK (on_articles_added), &watch);
  g_signal_connect (store, "articles-changed", G_CALLBACK (on_articles_changed), &watch);
  g_signal_connect (store, "articles-removed", G_CALLBACK (on_articles_removed), &watch);
  g_signal_connect (store, "notify::g-name-owner", G_CALLBACK (on_name_owner), &watch);
  g_unix_signal_add (SIGINT, on_interrupt, &watch);
  g_unix_signal_add (SIGTERM, on_interrupt, &watch);
  if (!options.json)
    g_printerr (_("Watching %u articles (Ctrl+C to stop)…\n"), total);

  g_main_loop_run (loop);
  g_signal_handlers_disconnect_by_data (store, &watch);
  return 0;
}

/* --- dispatch --- */

static const struct
{
  const char    *name;
  NfCommandFunc  func;
} commands[] = {
  { "list", cmd_list },
  { "search", cmd_search },
  { "show", cmd_show },
  { "ingest", cmd_ingest },
  { "watch", cmd_watch },
};

gboolean
nf_cli_client_has_command (const char *command)
{
  g_return_val_if_fail (command != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (strcmp (commands[i].name, command) == 0)
      return TRUE;
  return FALSE;
}

/* Runs the command named by @argv[0] with its arguments. */
int
nf_cli_client_run (int    argc,
                   char **argv)
{
  g_return_val_if_fail (argc > 0 && argv != NULL, 2);

  /* Registers the service's error names so replies map to NF_ERROR. */
  (void) nf_error_quark ();
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (strcmp (commands[i].name, argv[0]) == 0)
      return commands[i].func (argc, argv);
  return 2;
}
