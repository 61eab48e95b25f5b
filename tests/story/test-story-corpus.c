/* test-story-corpus.c: stories over real corpora read from
 * $NF_SHARED_DIR: the BBC News set plus the seeds (no story may mix them)
 * and MEANTIME's four topic folders (no story may span two topics).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * MEANTIME (CC BY 4.0, Minard et al., LREC 2016) gives tokens only: the
 * text is rebuilt from them, the first sentence as the headline, and the
 * document creation time (the TIMEX3 with functionInDocument
 * CREATION_TIME) is passed as the publication date.
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "nf-pipeline.h"
#include "nf-story.h"

static char *
shared_path (const char *first,
             ...)
{
  const char *dir = g_getenv ("NF_SHARED_DIR");
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  va_list args;

  g_ptr_array_add (parts, (gpointer) (dir != NULL ? dir : "../shared"));
  va_start (args, first);
  for (const char *p = first; p != NULL; p = va_arg (args, const char *))
    g_ptr_array_add (parts, (gpointer) p);
  va_end (args);
  g_ptr_array_add (parts, NULL);

  return g_build_filenamev ((char **) parts->pdata);
}

static NfArticle *
parse_file (const char           *path,
            const char           *name,
            const NfParseOptions *options)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize len = 0;
  NfArticle *article;

  g_assert_true (g_file_get_contents (path, &contents, &len, &error));
  article = nf_parse (name, (const guint8 *) contents, len, options, &error);
  g_assert_no_error (error);
  return article;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

static GPtrArray *
sorted_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  return names;
}

static void
test_bbc_seeds (void)
{
  static const char * const topics[] = {
    "business", "entertainment", "politics", "sport", "tech", NULL
  };
  static const char * const seeds[] = {
    "000_3fef9dc81930f8b6.txt", "004_f680026f844309a2.txt", NULL
  };
  g_autofree char *bbc = shared_path ("corpus", "bbc-news", "bbc", NULL);
  g_autoptr(GPtrArray) articles = g_ptr_array_new_with_free_func ((GDestroyNotify) nf_article_free);
  g_autoptr(GPtrArray) stories = NULL;
  g_autoptr(GTimer) timer = g_timer_new ();
  guint multi = 0, largest = 0, seed_stories = 0;
  double parse_time;

  if (!g_file_test (bbc, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("no BBC corpus in $NF_SHARED_DIR");
      return;
    }
  for (guint i = 0; seeds[i] != NULL; i++)
    {
      g_autofree char *path = shared_path ("seeds", seeds[i], NULL);

      g_ptr_array_add (articles, parse_file (path, seeds[i], NULL));
    }
  for (guint t = 0; topics[t] != NULL; t++)
    {
      g_autofree char *folder = g_build_filename (bbc, topics[t], NULL);
      g_autoptr(GPtrArray) names = sorted_dir (folder);

      for (guint i = 0; i < names->len; i++)
        {
          g_autofree char *path = g_build_filename (folder, g_ptr_array_index (names, i), NULL);
          g_autofree char *name = g_strdup_printf ("bbc/%s/%s", topics[t],
                                                   (char *) g_ptr_array_index (names, i));

          g_ptr_array_add (articles, parse_file (path, name, NULL));
        }
    }
  parse_time = g_timer_elapsed (timer, NULL);
  g_timer_start (timer);
  stories = nf_stories_assign (articles, NULL);
  g_test_message ("%u articles parsed in %.2f s, assigned to %u stories in %.2f s",
                  articles->len, parse_time, stories->len,
                  g_timer_elapsed (timer, NULL));
  g_assert_cmpfloat (g_timer_elapsed (timer, NULL), <, 20.0);

  for (guint i = 0; i < stories->len; i++)
    {
      NfStory *story = g_ptr_array_index (stories, i);
      g_autofree char *json = nf_story_to_json (story, FALSE);
      g_autoptr(JsonNode) node = json_from_string (json, NULL);
      guint n_seeds = 0;

      /* every story writes valid JSON with all its articles */
      g_assert_nonnull (node);
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                          json_node_get_object (node), "articles")), ==,
                        story->articles->len);

      for (guint a = 0; a < story->articles->len; a++)
        {
          const NfArticle *article = g_ptr_array_index (story->articles, a);

          n_seeds += g_strv_contains (seeds, article->source);
        }
      if (n_seeds > 0)
        {
          seed_stories++;
          g_test_message ("seed story %s: %u articles", story->id, story->articles->len);
          g_assert_cmpuint (n_seeds, ==, story->articles->len);
        }
      multi += story->articles->len > 1;
      largest = MAX (largest, story->articles->len);
    }
  g_test_message ("%u stories of more than one article, the largest of %u",
                  multi, largest);
  g_assert_cmpuint (seed_stories, ==, 1);
}

/* MEANTIME */

typedef struct
{
  GString *text;
  int      sentence;
  gboolean in_token;
  gboolean in_dct;
  char    *dct;
  char    *last_token;
} Meantime;

static void
meantime_start (GMarkupParseContext  *context,
                const char           *element,
                const char          **names,
                const char          **values,
                gpointer              user_data,
                GError              **error)
{
  Meantime *doc = user_data;
  const char *sentence = NULL, *function = NULL, *value = NULL;

  for (guint i = 0; names[i] != NULL; i++)
    {
      if (strcmp (names[i], "sentence") == 0)
        sentence = values[i];
      else if (strcmp (names[i], "functionInDocument") == 0)
        function = values[i];
      else if (strcmp (names[i], "value") == 0)
        value = values[i];
    }
  if (strcmp (element, "token") == 0 && sentence != NULL)
    {
      int number = atoi (sentence);

      if (number != doc->sentence && doc->text->len > 0)
        g_string_append (doc->text, number <= 2 ? "\n\n" : "\n");
      else if (doc->text->len > 0)
        g_string_append_c (doc->text, ' ');
      doc->sentence = number;
      doc->in_token = TRUE;
    }
  else if (strcmp (element, "TIMEX3") == 0 && g_strcmp0 (function, "CREATION_TIME") == 0
           && value != NULL && doc->dct == NULL)
    doc->dct = g_strdup (value);
}

static void
meantime_end (GMarkupParseContext  *context,
              const char           *element,
              gpointer              user_data,
              GError              **error)
{
  ((Meantime *) user_data)->in_token = FALSE;
}

/* Tokens are joined by spaces, except before closing punctuation and
 * after opening brackets, as the text printed them. */
static void
meantime_text (GMarkupParseContext  *context,
               const char           *text,
               gsize                 len,
               gpointer              user_data,
               GError              **error)
{
  Meantime *doc = user_data;
  g_autofree char *token = g_strndup (text, len);
  static const char * const closing[] = { ",", ".", ";", ":", ")", "''", "'s", "%", "?", "!", "n't", NULL };

  if (!doc->in_token)
    return;
  if (g_strv_contains (closing, token) || g_strcmp0 (doc->last_token, "(") == 0
      || g_strcmp0 (doc->last_token, "``") == 0)
    if (doc->text->len > 0 && doc->text->str[doc->text->len - 1] == ' ')
      g_string_truncate (doc->text, doc->text->len - 1);
  if (strcmp (token, "``") == 0 || strcmp (token, "''") == 0)
    g_string_append_c (doc->text, '"');
  else
    g_string_append (doc->text, token);
  g_free (doc->last_token);
  doc->last_token = g_steal_pointer (&token);
}

static NfArticle *
parse_meantime (const char *path,
                const char *name)
{
  static const GMarkupParser parser = { meantime_start, meantime_end, meantime_text, NULL, NULL };
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GMarkupParseContext) context = NULL;
  Meantime doc = { g_string_new (NULL), -1, FALSE, FALSE, NULL, NULL };
  NfParseOptions options = { 0 };
  NfArticle *article;
  gsize len;

  g_assert_true (g_file_get_contents (path, &contents, &len, &error));
  context = g_markup_parse_context_new (&parser, 0, &doc, NULL);
  g_assert_true (g_markup_parse_context_parse (context, contents, len, &error));
  g_assert_no_error (error);
  options.published = doc.dct;
  article = nf_parse (name, (const guint8 *) doc.text->str, doc.text->len, &options, &error);
  g_assert_no_error (error);

  g_string_free (doc.text, TRUE);
  g_free (doc.dct);
  g_free (doc.last_token);
  return article;
}

static const char *
topic_of (const NfArticle *article)
{
  static const char * const topics[] = { "airbus", "apple", "gm", "stock", NULL };

  for (guint i = 0; topics[i] != NULL; i++)
    if (g_str_has_prefix (article->source, topics[i])
        && article->source[strlen (topics[i])] == '/')
      return topics[i];
  g_assert_not_reached ();
}

static void
test_meantime (void)
{
  static const char * const topics[] = { "airbus", "apple", "gm", "stock", NULL };
  g_autofree char *root = shared_path ("corpus", "meantime", "data",
                                       "meantime_newsreader_english_oct15",
                                       "intra-doc_annotation", NULL);
  g_autoptr(GPtrArray) articles = g_ptr_array_new_with_free_func ((GDestroyNotify) nf_article_free);
  g_autoptr(GPtrArray) stories = NULL;
  g_autoptr(GHashTable) per_topic = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) multi_per_topic = g_hash_table_new (g_str_hash, g_str_equal);

  if (!g_file_test (root, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("no MEANTIME corpus in $NF_SHARED_DIR");
      return;
    }
  for (guint t = 0; topics[t] != NULL; t++)
    {
      g_autofree char *folder_name = g_strconcat ("corpus_", topics[t], NULL);
      g_autofree char *folder = g_build_filename (root, folder_name, NULL);
      g_autoptr(GPtrArray) names = sorted_dir (folder);

      for (guint i = 0; i < names->len; i++)
        {
          g_autofree char *path = g_build_filename (folder, g_ptr_array_index (names, i), NULL);
          g_autofree char *name = g_strdup_printf ("%s/%s", topics[t],
                                                   (char *) g_ptr_array_index (names, i));

          g_ptr_array_add (articles, parse_meantime (path, name));
        }
    }
  g_assert_cmpuint (articles->len, ==, 120);
  for (guint i = 0; g_test_verbose () && i < articles->len; i++)
    {
      const NfArticle *article = g_ptr_array_index (articles, i);

      g_test_message ("%s %s %s", article->id, article->published, article->source);
    }
  stories = nf_stories_assign (articles, NULL);

  for (guint i = 0; i < stories->len; i++)
    {
      NfStory *story = g_ptr_array_index (stories, i);
      const char *topic = topic_of (g_ptr_array_index (story->articles, 0));
      GHashTable *count = story->articles->len > 1 ? multi_per_topic : per_topic;

      for (guint a = 1; a < story->articles->len; a++)
        {
          const NfArticle *article = g_ptr_array_index (story->articles, a);

          if (g_strcmp0 (topic_of (article), topic) != 0)
            g_test_message ("story %s spans %s and %s: “%s” / “%s”", story->id,
                            topic, topic_of (article), story->title, article->headline);
          g_assert_cmpstr (topic_of (article), ==, topic);
        }
      if (story->articles->len > 1)
        g_test_message ("%s: %u articles: %s", topic, story->articles->len, story->title);
      g_hash_table_insert (count, (gpointer) topic,
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (count, topic)) + 1));
    }
  for (guint t = 0; topics[t] != NULL; t++)
    {
      guint singles = GPOINTER_TO_UINT (g_hash_table_lookup (per_topic, topics[t]));
      guint multi = GPOINTER_TO_UINT (g_hash_table_lookup (multi_per_topic, topics[t]));

      g_test_message ("%s: 30 articles in %u stories (%u of several articles)",
                      topics[t], singles + multi, multi);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/story/corpus/meantime", test_meantime);
  g_test_add_func ("/story/corpus/bbc-seeds", test_bbc_seeds);

  return g_test_run ();
}
