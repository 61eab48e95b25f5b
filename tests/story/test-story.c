/* test-story.c: story assignment, corroboration and year inference on
 * articles built here, and on the seed articles
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "nf-pipeline.h"
#include "nf-story.h"

/* An article as the pipeline would leave it, built by hand. */
static NfArticle *
make_article (const char *id,
              const char *headline,
              const char *body,
              const char *published)
{
  char *text = g_strdup_printf ("%s\n\n%s", headline, body);
  gsize len = strlen (text);
  NfArticle *article = nf_article_new ("test", text, len);
  NfBlock head = { NF_BLOCK_HEADLINE, 0, strlen (headline) };
  NfBlock block = { NF_BLOCK_BODY, strlen (headline) + 2, len };

  article->id = g_strdup (id);
  article->headline = g_strdup (headline);
  g_array_append_val (article->blocks, head);
  g_array_append_val (article->blocks, block);
  if (published != NULL)
    {
      article->published = g_strdup (published);
      article->published_parts.year = atoi (published);
      article->published_parts.month = atoi (published + 5);
      article->published_parts.day = atoi (published + 8);
    }

  return article;
}

static NfEntity *
add_entity (NfArticle    *article,
            const char   *name,
            NfEntityKind  kind)
{
  NfEntity *entity = nf_entity_new (name, kind);
  NfSpan span = { 0, 1 };

  g_array_append_val (entity->mentions, span);
  g_ptr_array_add (article->entities, entity);
  return entity;
}

static NfFigure *
add_figure (NfArticle    *article,
            const char   *text,
            NfFigureKind  kind,
            double        value,
            const char   *unit,
            const char   *qualifier,
            const char   *subject)
{
  NfFigure *figure = nf_figure_new ();
  const char *at = strstr (article->text, text);

  figure->text = g_strdup (text);
  figure->kind = kind;
  figure->value = value;
  figure->value_max = NAN;
  figure->unit = g_strdup (unit);
  figure->qualifier = g_strdup (qualifier);
  figure->subject = g_strdup (subject);
  figure->start = at != NULL ? (gsize) (at - article->text) : 0;
  figure->end = figure->start + strlen (text);
  g_ptr_array_add (article->figures, figure);
  return figure;
}

/* Two reports of a strike at a port, a week apart, and a report on a
 * football match; all three mention the United States. */
static GPtrArray *
make_strike_articles (void)
{
  GPtrArray *articles = g_ptr_array_new_with_free_func ((GDestroyNotify) nf_article_free);
  NfArticle *a, *b, *c;

  a = make_article ("a1", "Dockers at Rotterdam strike over pay",
                    "Some 3,200 dockers at the port of Rotterdam walked out on "
                    "Monday, the Havenbedrijf union said. The union demands a "
                    "7.5 percent raise. Ships bound for the United States are "
                    "waiting at anchor.", "2021-03-01");
  add_entity (a, "Rotterdam", NF_ENTITY_PLACE);
  add_entity (a, "Havenbedrijf", NF_ENTITY_ORGANIZATION);
  add_entity (a, "United States", NF_ENTITY_PLACE);
  add_figure (a, "Some 3,200 dockers", NF_FIGURE_COUNT, 3200, "dockers", "some",
              "dockers at the port of Rotterdam who walked out");
  add_figure (a, "7.5 percent", NF_FIGURE_PERCENT, 7.5, "percent", NULL,
              "raise the union demands");

  b = make_article ("b1", "Rotterdam port strike enters second week",
                    "The strike by more than 3,200 dockers at Rotterdam went "
                    "into its second week on Monday. Havenbedrijf wants at "
                    "least 7.5 percent more pay; employers offer 3 percent.",
                    "2021-03-08");
  add_entity (b, "Rotterdam", NF_ENTITY_PLACE);
  add_entity (b, "Havenbedrijf", NF_ENTITY_ORGANIZATION);
  add_figure (b, "more than 3,200 dockers", NF_FIGURE_COUNT, 3200, "dockers",
              "more than", "dockers at Rotterdam on strike");
  add_figure (b, "at least 7.5 percent", NF_FIGURE_PERCENT, 7.5, "percent",
              "at least", "more pay the union wants");
  add_figure (b, "3 percent", NF_FIGURE_PERCENT, 3, "percent", NULL,
              "raise the employers offer");

  c = make_article ("c1", "Late goal gives Boca the cup",
                    "Boca Juniors beat River Plate 2-1 in Buenos Aires on "
                    "Sunday. Fans in the United States watched on television.",
                    "2021-03-07");
  add_entity (c, "Boca Juniors", NF_ENTITY_ORGANIZATION);
  add_entity (c, "River Plate", NF_ENTITY_ORGANIZATION);
  add_entity (c, "United States", NF_ENTITY_PLACE);

  g_ptr_array_add (articles, a);
  g_ptr_array_add (articles, b);
  g_ptr_array_add (articles, c);
  return articles;
}

static void
test_assign_batch (void)
{
  g_autoptr(GPtrArray) articles = make_strike_articles ();
  g_autoptr(GPtrArray) stories = nf_stories_assign (articles, NULL);
  NfArticle *a = g_ptr_array_index (articles, 0);
  NfArticle *b = g_ptr_array_index (articles, 1);
  NfArticle *c = g_ptr_array_index (articles, 2);
  NfStory *strike;
  g_autofree char *expected_id = nf_story_id_for_article ("a1");

  g_assert_cmpuint (stories->len, ==, 2);
  g_assert_nonnull (a->story);
  g_assert_cmpstr (a->story, ==, b->story);
  g_assert_cmpstr (a->story, !=, c->story);
  g_assert_cmpstr (a->story, ==, expected_id);

  strike = g_ptr_array_index (stories, 0);
  g_assert_cmpstr (strike->id, ==, a->story);
  g_assert_cmpstr (strike->title, ==, "Dockers at Rotterdam strike over pay");
  g_assert_cmpuint (strike->articles->len, ==, 2);
  g_assert_true (g_ptr_array_index (strike->articles, 0) == a);
}

/* The same articles a year apart are two events. */
static void
test_date_window (void)
{
  g_autoptr(GPtrArray) articles = make_strike_articles ();
  g_autoptr(GPtrArray) stories = NULL;
  NfArticle *b = g_ptr_array_index (articles, 1);

  g_free (b->published);
  b->published = g_strdup ("2022-03-08");
  stories = nf_stories_assign (articles, NULL);
  g_assert_cmpuint (stories->len, ==, 3);

  /* A window of two days splits even the week-apart reports. */
  g_free (b->published);
  b->published = g_strdup ("2021-03-08");
  g_clear_pointer (&stories, g_ptr_array_unref);
  stories = nf_stories_assign (articles, &(NfStoryOptions) { .window_days = 2 });
  g_assert_cmpuint (stories->len, ==, 3);
}

/* Sharing only a common place and common words is no story; sharing a
 * rare name and a figure is. */
static void
test_rarity (void)
{
  g_autoptr(GPtrArray) articles = g_ptr_array_new_with_free_func ((GDestroyNotify) nf_article_free);
  g_autoptr(GPtrArray) stories = NULL;
  const char *topics[] = { "wheat harvest", "chip factory", "rail line",
                           "film festival", "bank merger", "flood defences" };

  for (guint i = 0; i < G_N_ELEMENTS (topics); i++)
    {
      g_autofree char *id = g_strdup_printf ("u%u", i);
      g_autofree char *headline = g_strdup_printf ("Officials discuss %s plans", topics[i]);
      g_autofree char *body = g_strdup_printf ("Officials in the United States met "
                                               "on Tuesday to discuss the %s, the "
                                               "government said.", topics[i]);
      NfArticle *article = make_article (id, headline, body, "2019-06-04");

      add_entity (article, "United States", NF_ENTITY_PLACE);
      g_ptr_array_add (articles, article);
    }
  stories = nf_stories_assign (articles, NULL);
  g_assert_cmpuint (stories->len, ==, G_N_ELEMENTS (topics));
}

static NfStory *
story_of (GPtrArray  *stories,
          const char *id)
{
  for (guint i = 0; i < stories->len; i++)
    {
      NfStory *story = g_ptr_array_index (stories, i);

      if (g_strcmp0 (story->id, id) == 0)
        return story;
    }
  return NULL;
}

static const NfStoryFigure *
find_figure (GPtrArray *figures,
             double     value)
{
  for (guint i = 0; i < figures->len; i++)
    {
      const NfStoryFigure *figure = g_ptr_array_index (figures, i);

      if (figure->figure->value == value)
        return figure;
    }
  return NULL;
}

static void
test_corroboration (void)
{
  g_autoptr(GPtrArray) articles = make_strike_articles ();
  g_autoptr(GPtrArray) stories = nf_stories_assign (articles, NULL);
  NfArticle *a = g_ptr_array_index (articles, 0);
  NfStory *strike = story_of (stories, a->story);
  g_autoptr(GPtrArray) figures = nf_story_get_figures (strike);
  const NfStoryFigure *dockers = find_figure (figures, 3200);
  const NfStoryFigure *raise = find_figure (figures, 7.5);
  const NfStoryFigure *offer = find_figure (figures, 3);
  const NfStoryDifference *difference;

  g_assert_cmpuint (figures->len, ==, 3);
  g_assert_nonnull (dockers);
  g_assert_cmpuint (dockers->n_articles, ==, 2);
  g_assert_cmpint (dockers->agreement, ==, NF_STORY_AGREEMENT_AGREE);
  /* "some" is a hedge: no difference with "more than" */
  g_assert_cmpuint (dockers->differences->len, ==, 0);

  g_assert_nonnull (raise);
  g_assert_cmpint (raise->agreement, ==, NF_STORY_AGREEMENT_AGREE);
  g_assert_cmpuint (raise->differences->len, ==, 1);
  difference = &g_array_index (raise->differences, NfStoryDifference, 0);
  g_assert_cmpstr (difference->field, ==, "qualifier");
  g_assert_true (difference->a.article == a);
  g_assert_null (difference->a.figure->qualifier);
  g_assert_cmpstr (difference->b.figure->qualifier, ==, "at least");

  g_assert_nonnull (offer);
  g_assert_cmpint (offer->agreement, ==, NF_STORY_AGREEMENT_SINGLE);
  g_assert_cmpuint (offer->n_articles, ==, 1);
}

/* 3,200 dockers in one report, 3,400 in the other: a difference of value. */
static void
test_value_difference (void)
{
  g_autoptr(GPtrArray) articles = make_strike_articles ();
  g_autoptr(GPtrArray) stories = NULL;
  g_autoptr(GPtrArray) figures = NULL;
  NfArticle *b = g_ptr_array_index (articles, 1);
  NfFigure *figure = g_ptr_array_index (b->figures, 0);
  const NfStoryFigure *dockers;
  const NfStoryDifference *difference;

  figure->value = 3400;
  stories = nf_stories_assign (articles, NULL);
  figures = nf_story_get_figures (story_of (stories, b->story));
  dockers = find_figure (figures, 3200);
  g_assert_nonnull (dockers);
  g_assert_cmpint (dockers->agreement, ==, NF_STORY_AGREEMENT_DIFFER);
  g_assert_cmpuint (dockers->differences->len, ==, 1);
  difference = &g_array_index (dockers->differences, NfStoryDifference, 0);
  g_assert_cmpstr (difference->field, ==, "value");
  g_assert_cmpfloat (difference->b.figure->value, ==, 3400);
  g_assert_true (difference->b.article == b);
  g_assert_cmpint (find_figure (figures, 3400)->agreement, ==,
                   NF_STORY_AGREEMENT_DIFFER);
  /* the percentages have other subjects: no difference between them */
  g_assert_cmpint (find_figure (figures, 3)->agreement, ==,
                   NF_STORY_AGREEMENT_SINGLE);
}

/* Makes @b's dateline "March 9" with no year, its lede "on Tuesday":
 * March 9 is a Tuesday in 2010, 2021 and 2027. */
static void
make_yearless (NfArticle *b)
{
  g_free (b->published);
  b->published = NULL;
  b->published_parts.year = 0;
  b->published_parts.month = 3;
  b->published_parts.day = 9;
  g_free (b->text);
  b->text = g_strdup ("Rotterdam port strike enters second week\n\nThe strike by "
                      "more than 3,200 dockers at Rotterdam went on Tuesday into "
                      "its second week. Havenbedrijf wants at least 7.5 percent.");
  b->text_len = strlen (b->text);
  g_array_index (b->blocks, NfBlock, 1).end = b->text_len;
}

/* In a story of March 2021 the year that fits is 2021. */
static void
test_year_inference (void)
{
  g_autoptr(GPtrArray) articles = make_strike_articles ();
  g_autoptr(GPtrArray) stories = NULL;
  NfArticle *b = g_ptr_array_index (articles, 1);

  make_yearless (b);
  stories = nf_stories_assign (articles, NULL);
  g_assert_cmpstr (b->story, ==, ((NfArticle *) g_ptr_array_index (articles, 0))->story);
  g_assert_cmpstr (b->published, ==, "2021-03-09");
  g_assert_true (b->published_inferred);
  /* the year is settled now: the dates stage takes it as printed */
  g_assert_cmpint (b->published_parts.year, ==, 2021);
}

/* A store reloads a story's articles one by one; the story settles the
 * year again and puts them back in time order. */
static void
test_settle_years (void)
{
  g_autoptr(GPtrArray) articles = make_strike_articles ();
  g_autoptr(NfStory) story = nf_story_new ("s");
  NfArticle *a = g_ptr_array_index (articles, 0);
  NfArticle *b = g_ptr_array_index (articles, 1);

  make_yearless (b);
  b->published = g_strdup ("2027-03-09");
  b->published_inferred = TRUE;
  nf_story_add_article (story, b);
  nf_story_add_article (story, a);
  g_assert_true (g_ptr_array_index (story->articles, 0) == a);
  g_assert_true (nf_story_settle_years (story));
  g_assert_cmpstr (b->published, ==, "2021-03-09");
  g_assert_true (g_ptr_array_index (story->articles, 1) == b);
  g_assert_false (nf_story_settle_years (story));
}

static void
test_incremental (void)
{
  g_autoptr(GPtrArray) articles = make_strike_articles ();
  g_autoptr(NfStoryIndex) index = nf_story_index_new (NULL);
  g_autoptr(GPtrArray) members = NULL;
  g_autofree char *first_story = NULL;
  gboolean created = FALSE;
  const char *story;

  story = nf_story_index_add (index, nf_story_signature_new (g_ptr_array_index (articles, 0)),
                              &created);
  g_assert_true (created);
  first_story = g_strdup (story);
  story = nf_story_index_add (index, nf_story_signature_new (g_ptr_array_index (articles, 2)),
                              &created);
  g_assert_true (created);
  g_assert_cmpstr (story, !=, first_story);
  story = nf_story_index_add (index, nf_story_signature_new (g_ptr_array_index (articles, 1)),
                              &created);
  g_assert_false (created);
  g_assert_cmpstr (story, ==, first_story);
  g_assert_cmpuint (nf_story_index_get_n_articles (index), ==, 3);

  members = nf_story_index_get_articles (index, first_story);
  g_assert_cmpuint (members->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (members, 0), ==, "a1");
  g_assert_cmpstr (g_ptr_array_index (members, 1), ==, "b1");

  /* the founder leaves; the story keeps its id */
  g_assert_cmpstr (nf_story_index_remove (index, "a1"), ==, first_story);
  g_assert_null (nf_story_index_lookup (index, "a1"));
  g_assert_cmpstr (nf_story_index_lookup (index, "b1"), ==, first_story);
  g_assert_null (nf_story_index_remove (index, "a1"));
  g_assert_cmpuint (nf_story_index_get_n_articles (index), ==, 2);

  /* back again (a file restored): it joins its story anew, and goes
   * again; it used to stay in none */
  story = nf_story_index_add (index, nf_story_signature_new (g_ptr_array_index (articles, 0)),
                              &created);
  g_assert_false (created);
  g_assert_cmpstr (story, ==, first_story);
  g_assert_cmpstr (nf_story_index_lookup (index, "a1"), ==, first_story);
  g_assert_cmpuint (nf_story_index_get_n_articles (index), ==, 3);
  g_clear_pointer (&members, g_ptr_array_unref);
  members = nf_story_index_get_articles (index, first_story);
  g_assert_cmpuint (members->len, ==, 2);
  /* added twice, it stays one entry */
  story = nf_story_index_add (index, nf_story_signature_new (g_ptr_array_index (articles, 0)),
                              NULL);
  g_assert_cmpstr (story, ==, first_story);
  g_assert_cmpuint (nf_story_index_get_n_articles (index), ==, 3);
  g_assert_cmpstr (nf_story_index_remove (index, "a1"), ==, first_story);
  g_assert_null (nf_story_index_lookup (index, "a1"));
  g_assert_cmpuint (nf_story_index_get_n_articles (index), ==, 2);
}

/* A long run keeps only the newest articles; those dropped leave their
 * story unchanged for the rest, and stories still form after the index
 * has been compacted several times. */
static void
test_trim (void)
{
  g_autoptr(GPtrArray) articles = make_strike_articles ();
  g_autoptr(NfStoryIndex) index = nf_story_index_new (NULL);
  g_autoptr(GPtrArray) members = NULL;
  NfArticle *a = g_ptr_array_index (articles, 0);
  NfArticle *b = g_ptr_array_index (articles, 1);
  g_autofree char *last_story = NULL;
  gboolean created = TRUE;
  const char *story;

  for (guint i = 0; i < 400; i++)
    {
      NfArticle *article = g_ptr_array_index (articles, i % articles->len);

      g_free (article->id);
      article->id = g_strdup_printf ("n%u", i);
      g_assert_nonnull (nf_story_index_add (index, nf_story_signature_new (article),
                                            NULL));
      nf_story_index_trim (index, 10);
      g_assert_cmpuint (nf_story_index_get_n_articles (index), <=, 10);
    }
  g_assert_cmpuint (nf_story_index_get_n_articles (index), ==, 10);
  g_assert_null (nf_story_index_lookup (index, "n0"));
  g_assert_null (nf_story_index_lookup (index, "n389"));
  g_assert_nonnull (nf_story_index_lookup (index, "n390"));
  g_assert_cmpuint (nf_story_index_trim (index, 10), ==, 0);

  /* emptied, the index works as a new one */
  g_assert_cmpuint (nf_story_index_trim (index, 0), ==, 10);
  g_assert_cmpuint (nf_story_index_get_n_articles (index), ==, 0);
  g_free (a->id);
  a->id = g_strdup ("again-a");
  last_story = g_strdup (nf_story_index_add (index, nf_story_signature_new (a),
                                             &created));
  g_assert_true (created);
  g_free (b->id);
  b->id = g_strdup ("again-b");
  story = nf_story_index_add (index, nf_story_signature_new (b), &created);
  g_assert_false (created);
  g_assert_cmpstr (story, ==, last_story);

  /* the founder is dropped; the story keeps its id and its other member */
  g_assert_cmpuint (nf_story_index_trim (index, 1), ==, 1);
  g_assert_null (nf_story_index_lookup (index, "again-a"));
  g_assert_cmpstr (nf_story_index_lookup (index, "again-b"), ==, last_story);
  members = nf_story_index_get_articles (index, last_story);
  g_assert_cmpuint (members->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (members, 0), ==, "again-b");
}

static void
test_signature_roundtrip (void)
{
  g_autoptr(GPtrArray) articles = make_strike_articles ();
  g_autoptr(NfStorySignature) sig = nf_story_signature_new (g_ptr_array_index (articles, 1));
  g_autofree char *text = nf_story_signature_to_string (sig);
  g_autoptr(NfStorySignature) back = nf_story_signature_parse (text);
  g_autofree char *again = NULL;
  g_autoptr(NfStoryIndex) index = nf_story_index_new (NULL);

  g_assert_nonnull (back);
  again = nf_story_signature_to_string (back);
  g_assert_cmpstr (text, ==, again);
  g_assert_cmpstr (nf_story_signature_get_article (back), ==, "b1");
  g_assert_nonnull (strstr (text, "\te:havenbedrijf\n"));
  g_assert_nonnull (strstr (text, "\tf:count:docker:3200\n"));
  g_assert_null (nf_story_signature_parse ("garbage"));

  /* a store reloading keeps the story it decided */
  nf_story_index_insert (index, g_steal_pointer (&back), "s1");
  g_assert_cmpstr (nf_story_index_lookup (index, "b1"), ==, "s1");
}

static void
test_json (void)
{
  g_autoptr(GPtrArray) articles = make_strike_articles ();
  g_autoptr(GPtrArray) stories = NULL;
  NfArticle *a = g_ptr_array_index (articles, 0);
  NfQuote *quote = nf_quote_new ();
  g_autoptr(JsonNode) node = NULL;
  JsonObject *root, *figure;
  JsonArray *quotes;

  quote->text = g_strdup ("We will not move");
  quote->speaker = g_strdup ("Havenbedrijf");
  quote->speaker_kind = NF_SPEAKER_ORGANIZATION;
  g_ptr_array_add (a->quotes, quote);
  /* a quote nobody is named for comes last, under a null speaker */
  quote = nf_quote_new ();
  quote->text = g_strdup ("Nobody told us");
  quote->speaker_kind = NF_SPEAKER_ANONYMOUS;
  g_ptr_array_add (((NfArticle *) g_ptr_array_index (articles, 1))->quotes, quote);
  stories = nf_stories_assign (articles, NULL);
  node = nf_story_to_json_node (story_of (stories, a->story));
  root = json_node_get_object (node);

  g_assert_cmpstr (json_object_get_string_member (root, "schema"), ==, NF_STORY_SCHEMA);
  g_assert_cmpstr (json_object_get_string_member (root, "first"), ==, "2021-03-01");
  g_assert_cmpstr (json_object_get_string_member (root, "last"), ==, "2021-03-08");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "articles")), ==, 2);
  figure = json_array_get_object_element (json_object_get_array_member (root, "figures"), 1);
  g_assert_cmpstr (json_object_get_string_member (figure, "agreement"), ==, "agree");
  g_assert_cmpint (json_object_get_int_member (figure, "articles"), ==, 2);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (figure, "differences")), ==, 1);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "organizations")), ==, 1);
  quotes = json_object_get_array_member (root, "quotes");
  g_assert_cmpuint (json_array_get_length (quotes), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (quotes, 0),
                                                  "speaker"), ==, "Havenbedrijf");
  g_assert_true (json_object_get_null_member (json_array_get_object_element (quotes, 1),
                                              "speaker"));
}

/* Nothing, no id, the same text twice, no text: no crash, and every
 * article with an id gets a story. */
static void
test_edge_cases (void)
{
  g_autoptr(GPtrArray) articles = g_ptr_array_new_with_free_func ((GDestroyNotify) nf_article_free);
  g_autoptr(GPtrArray) stories = nf_stories_assign (articles, NULL);
  g_autoptr(GError) error = NULL;
  NfArticle *empty, *twice;
  NfStory *story;

  g_assert_cmpuint (stories->len, ==, 0);
  g_clear_pointer (&stories, g_ptr_array_unref);

  g_ptr_array_add (articles, make_article ("x1", "", "", NULL));
  empty = nf_article_new ("no-id", g_strdup (""), 0);
  g_ptr_array_add (articles, empty);
  twice = nf_parse ("a", (const guint8 *) "Same text\n\nBody of it.", 22, NULL, &error);
  g_assert_no_error (error);
  g_ptr_array_add (articles, twice);
  twice = nf_parse ("b", (const guint8 *) "Same text\n\nBody of it.", 22, NULL, &error);
  g_assert_no_error (error);
  g_ptr_array_add (articles, twice);

  stories = nf_stories_assign (articles, NULL);
  g_assert_cmpuint (stories->len, ==, 2);
  g_assert_null (empty->story);
  g_assert_cmpstr (((NfArticle *) g_ptr_array_index (articles, 2))->story, ==, twice->story);
  story = g_ptr_array_index (stories, 1);
  g_assert_cmpuint (story->articles->len, ==, 2);
  g_assert_cmpstr (story->title, ==, "Same text");
}

static NfArticle *
parse_seed (const char *name)
{
  g_autofree char *path = g_build_filename (g_getenv ("NF_SHARED_DIR"), "seeds", name, NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize len = 0;
  NfArticle *article;

  if (!g_file_get_contents (path, &contents, &len, &error))
    return NULL;
  article = nf_parse (name, (const guint8 *) contents, len, NULL, &error);
  g_assert_no_error (error);
  return article;
}

static const NfStoryFigure *
find_story_figure (GPtrArray    *figures,
                   NfFigureKind  kind,
                   double        value)
{
  for (guint i = 0; i < figures->len; i++)
    {
      const NfStoryFigure *figure = g_ptr_array_index (figures, i);

      if (figure->figure->kind == kind && figure->figure->value == value)
        return figure;
    }
  return NULL;
}

static void
test_seeds (void)
{
  g_autoptr(GPtrArray) articles = g_ptr_array_new_with_free_func ((GDestroyNotify) nf_article_free);
  g_autoptr(GPtrArray) stories = NULL;
  g_autoptr(GPtrArray) figures = NULL;
  NfArticle *a, *b;
  const NfStoryFigure *percent;
  const struct { NfFigureKind kind; double value; } shared[] = {
    { NF_FIGURE_COUNT, 28500 }, { NF_FIGURE_MONEY, 870000000 },
    { NF_FIGURE_PERCENT, 13 }, { NF_FIGURE_COUNT, 4000 },
  };

  a = parse_seed ("000_3fef9dc81930f8b6.txt");
  b = parse_seed ("004_f680026f844309a2.txt");
  if (a == NULL || b == NULL)
    {
      g_clear_pointer (&a, nf_article_free);
      g_clear_pointer (&b, nf_article_free);
      g_test_skip ("no seeds in $NF_SHARED_DIR");
      return;
    }
  g_ptr_array_add (articles, a);
  g_ptr_array_add (articles, b);
  stories = nf_stories_assign (articles, NULL);

  g_assert_cmpuint (stories->len, ==, 1);
  g_assert_cmpstr (a->story, ==, b->story);
  g_assert_cmpstr (b->published, ==, "2020-05-05");
  g_assert_true (b->published_inferred);

  if (a->figures->len == 0 || b->figures->len == 0)
    {
      g_test_skip ("the figures stage gives no figures yet");
      return;
    }
  figures = nf_story_get_figures (g_ptr_array_index (stories, 0));
  for (guint i = 0; i < G_N_ELEMENTS (shared); i++)
    {
      const NfStoryFigure *figure = find_story_figure (figures, shared[i].kind,
                                                       shared[i].value);

      g_test_message ("figure %g", shared[i].value);
      g_assert_nonnull (figure);
      g_assert_cmpuint (figure->n_articles, ==, 2);
      g_assert_cmpint (figure->agreement, ==, NF_STORY_AGREEMENT_AGREE);
    }
  percent = find_story_figure (figures, NF_FIGURE_PERCENT, 13);
  g_assert_cmpuint (percent->differences->len, ==, 1);
  g_assert_cmpstr (g_array_index (percent->differences, NfStoryDifference, 0).field,
                   ==, "qualifier");
  g_assert_cmpstr (g_array_index (percent->differences, NfStoryDifference, 0).a.figure->qualifier,
                   ==, "at least");
  g_assert_null (g_array_index (percent->differences, NfStoryDifference, 0).b.figure->qualifier);
  for (guint i = 0; i < figures->len; i++)
    {
      const NfStoryFigure *figure = g_ptr_array_index (figures, i);

      if (figure != percent)
        g_assert_cmpuint (figure->differences->len, ==, 0);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/story/assign/batch", test_assign_batch);
  g_test_add_func ("/story/assign/date-window", test_date_window);
  g_test_add_func ("/story/assign/rarity", test_rarity);
  g_test_add_func ("/story/assign/incremental", test_incremental);
  g_test_add_func ("/story/assign/trim", test_trim);
  g_test_add_func ("/story/signature/roundtrip", test_signature_roundtrip);
  g_test_add_func ("/story/figures/corroboration", test_corroboration);
  g_test_add_func ("/story/figures/value-difference", test_value_difference);
  g_test_add_func ("/story/year/inference", test_year_inference);
  g_test_add_func ("/story/year/settle", test_settle_years);
  g_test_add_func ("/story/json", test_json);
  g_test_add_func ("/story/edge-cases", test_edge_cases);
  g_test_add_func ("/story/seeds", test_seeds);

  return g_test_run ();
}
