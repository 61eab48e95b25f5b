/* nf-story-report.c: what a story's articles agree on, as data and JSON
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Corroboration: figures of the same kind, unit and value in several
 * articles are one story figure.  Two sources of it differ when one gives
 * a bound ("at least 13 percent") and the other an exact value, or
 * opposite bounds; a hedge ("some 4,000", "about") agrees with anything.
 * Figures of the same unit whose subjects match but whose values do not
 * are a difference of value, reported with both sources.
 */

#define G_LOG_DOMAIN "newsfacts"

#include "config.h"

#include <math.h>
#include <string.h>

#include "nf-json-private.h"
#include "nf-story-private.h"
#include "nf-timex.h"

typedef enum
{
  QUALIFIER_EXACT,
  QUALIFIER_LOWER,
  QUALIFIER_UPPER,
  QUALIFIER_HEDGE,
} QualifierClass;

static const char * const lower_bounds[] = {
  "at least", "more than", "over", "above", "upwards of", "upward of",
  "no less than", "in excess of", "greater than", "higher than",
  "not less than", "a minimum of", NULL
};

static const char * const upper_bounds[] = {
  "at most", "less than", "fewer than", "under", "below", "up to",
  "no more than", "nearly", "almost", "just under", "not more than",
  "a maximum of", "as many as", "as much as", NULL
};

NfStory *
nf_story_new (const char *id)
{
  NfStory *story = g_new0 (NfStory, 1);

  story->id = g_strdup (id);
  story->articles = g_ptr_array_new ();

  return story;
}

void
nf_story_free (NfStory *story)
{
  if (story == NULL)
    return;
  g_free (story->id);
  g_free (story->title);
  g_ptr_array_unref (story->articles);
  g_free (story);
}

/* Dated articles oldest first, undated after them in the order added. */
static gboolean
comes_before (const NfArticle *a,
              const NfArticle *b)
{
  if (a->published == NULL)
    return FALSE;
  return b->published == NULL || strcmp (a->published, b->published) < 0;
}

/**
 * nf_story_add_article:
 * @article: (transfer none): must outlive @story
 *
 * Adds @article in time order; the story's title is the headline of its
 * oldest article that has one.
 */
void
nf_story_add_article (NfStory         *story,
                      const NfArticle *article)
{
  guint at;

  g_return_if_fail (story != NULL);
  g_return_if_fail (article != NULL);

  at = story->articles->len;
  while (at > 0 && comes_before (article,
                                 g_ptr_array_index (story->articles, at - 1)))
    at--;
  g_ptr_array_insert (story->articles, at, (gpointer) article);

  g_clear_pointer (&story->title, g_free);
  for (guint i = 0; i < story->articles->len && story->title == NULL; i++)
    {
      const NfArticle *member = g_ptr_array_index (story->articles, i);

      if (member->headline != NULL && member->headline[0] != '\0')
        story->title = g_strdup (member->headline);
    }
}

/**
 * nf_story_settle_years:
 *
 * Gives each article of @story whose dateline printed no year the year
 * that fits the weekday its lede names and lies nearest the story's dated
 * articles, and re-resolves its dates (for articles reloaded from a
 * store, which parses each alone).
 *
 * Returns: whether any article's publication date changed.
 */
gboolean
nf_story_settle_years (NfStory *story)
{
  g_autoptr(GArray) days = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GPtrArray) members = NULL;
  gboolean changed = FALSE;

  g_return_val_if_fail (story != NULL, FALSE);

  for (guint i = 0; i < story->articles->len; i++)
    {
      int month, mday;
      int day = _nf_story_article_day (g_ptr_array_index (story->articles, i),
                                       &month, &mday);

      if (day > 0)
        g_array_append_val (days, day);
    }
  for (guint i = 0; days->len > 0 && i < story->articles->len; i++)
    {
      NfArticle *article = g_ptr_array_index (story->articles, i);
      int month, mday;

      if (_nf_story_article_day (article, &month, &mday) == 0 && month > 0)
        changed |= _nf_story_set_year (article,
                                       _nf_story_pick_year (month, mday,
                                                            nf_dates_lede_weekday (article),
                                                            (const int *) days->data,
                                                            days->len));
    }
  if (!changed)
    return FALSE;

  /* Dates moved: put the articles back in time order. */
  members = g_ptr_array_copy (story->articles, NULL, NULL);
  g_ptr_array_set_size (story->articles, 0);
  for (guint i = 0; i < members->len; i++)
    nf_story_add_article (story, g_ptr_array_index (members, i));

  return TRUE;
}

const char *
nf_story_agreement_to_string (NfStoryAgreement agreement)
{
  switch (agreement)
    {
    case NF_STORY_AGREEMENT_AGREE:
      return "agree";
    case NF_STORY_AGREEMENT_DIFFER:
      return "differ";
    case NF_STORY_AGREEMENT_SINGLE:
    default:
      return "single";
    }
}

static QualifierClass
qualifier_class (const char *qualifier)
{
  g_autofree char *lower = NULL;

  if (qualifier == NULL || qualifier[0] == '\0'
      || g_ascii_strcasecmp (qualifier, "exactly") == 0)
    return QUALIFIER_EXACT;
  lower = g_ascii_strdown (qualifier, -1);
  if (g_strv_contains (lower_bounds, lower))
    return QUALIFIER_LOWER;
  if (g_strv_contains (upper_bounds, lower))
    return QUALIFIER_UPPER;

  return QUALIFIER_HEDGE;
}

/* Whether two qualifiers of one value say different things: a hedge
 * ("some", "about") is compatible with any of them. */
static gboolean
qualifiers_conflict (const char *a,
                     const char *b)
{
  QualifierClass x = qualifier_class (a);
  QualifierClass y = qualifier_class (b);

  return x != y && x != QUALIFIER_HEDGE && y != QUALIFIER_HEDGE;
}

void
nf_story_figure_free (NfStoryFigure *figure)
{
  if (figure == NULL)
    return;
  g_array_unref (figure->sources);
  g_array_unref (figure->differences);
  g_free (figure);
}

/* Zero is one value whatever its sign: "minus 0 percent" parses to -0.0,
 * which the store keeps as 0 (SQLite does not keep the sign of a zero),
 * and the JSON prints both as 0. */
static char *
figure_key (const NfFigure *figure)
{
  g_autofree char *unit = _nf_story_unit_key (figure);
  char value[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (value, sizeof value, "%.10g",
                   figure->value == 0 ? 0.0 : figure->value);
  return g_strdup_printf ("%s:%s:%s", nf_figure_kind_to_string (figure->kind),
                          unit, value);
}

static gboolean
is_story_figure (const NfFigure *figure)
{
  return figure->kind != NF_FIGURE_ORDINAL && figure->kind != NF_FIGURE_DURATION
         && isfinite (figure->value);
}

static void
add_difference (NfStoryFigure       *figure,
                const char          *field,
                const NfStorySource *a,
                const NfStorySource *b)
{
  NfStoryDifference difference = { field, *a, *b };

  g_array_append_val (figure->differences, difference);
}

/* Records a qualifier difference against each earlier source of another
 * article, once per pair of qualifier classes. */
static void
check_qualifier (NfStoryFigure       *figure,
                 const NfStorySource *source)
{
  for (guint i = 0; i < figure->sources->len; i++)
    {
      const NfStorySource *other = &g_array_index (figure->sources,
                                                   NfStorySource, i);
      gboolean seen = FALSE;

      if (other->article == source->article
          || !qualifiers_conflict (other->figure->qualifier,
                                   source->figure->qualifier))
        continue;
      for (guint d = 0; d < figure->differences->len && !seen; d++)
        {
          const NfStoryDifference *known =
            &g_array_index (figure->differences, NfStoryDifference, d);

          seen = qualifier_class (known->a.figure->qualifier)
                 == qualifier_class (other->figure->qualifier)
                 && qualifier_class (known->b.figure->qualifier)
                 == qualifier_class (source->figure->qualifier);
        }
      if (!seen)
        add_difference (figure, "qualifier", other, source);
      return;
    }
}

static NfStoryFigure *
story_figure_new (const NfFigure *figure)
{
  NfStoryFigure *self = g_new0 (NfStoryFigure, 1);

  self->figure = figure;
  self->sources = g_array_new (FALSE, FALSE, sizeof (NfStorySource));
  self->differences = g_array_new (FALSE, FALSE, sizeof (NfStoryDifference));

  return self;
}

static void
add_source (NfStoryFigure   *self,
            const NfArticle *article,
            const NfFigure  *figure)
{
  NfStorySource source = { article, figure };
  gboolean new_article = TRUE;

  for (guint i = 0; i < self->sources->len; i++)
    if (g_array_index (self->sources, NfStorySource, i).article == article)
      new_article = FALSE;
  check_qualifier (self, &source);
  g_array_append_val (self->sources, source);
  if (new_article)
    self->n_articles++;
  if (self->n_articles > 1 && self->agreement == NF_STORY_AGREEMENT_SINGLE)
    self->agreement = NF_STORY_AGREEMENT_AGREE;
}

static GHashTable *
subject_words (const char *subject)
{
  GHashTable *words = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *lower = NULL;
  g_autoptr(GPtrArray) parts = NULL;

  if (subject == NULL)
    return words;
  lower = g_utf8_strdown (subject, -1);
  parts = _nf_story_split_words (lower, "-_");
  for (guint i = 0; i < parts->len; i++)
    {
      const char *part = g_ptr_array_index (parts, i);

      if (strlen (part) > 2 && !_nf_story_is_stopword (part))
        g_hash_table_add (words, _nf_story_stem (part));
    }

  return words;
}

/* The words of each subject, made once per story: the same subjects are
 * compared again for every pair of sources. */
static GHashTable *
cached_subject_words (GHashTable *cache,
                      const char *subject)
{
  GHashTable *words;

  if (subject == NULL)
    subject = "";
  words = g_hash_table_lookup (cache, subject);
  if (words == NULL)
    {
      words = subject_words (subject);
      g_hash_table_insert (cache, (gpointer) subject, words);
    }
  return words;
}

/* Whether two subjects name the same measure: most of the words of the
 * shorter one are in the other. */
static gboolean
same_subject (GHashTable *cache,
              const char *a,
              const char *b)
{
  GHashTable *x = cached_subject_words (cache, a);
  GHashTable *y = cached_subject_words (cache, b);
  GHashTable *small = g_hash_table_size (x) <= g_hash_table_size (y) ? x : y;
  GHashTable *large = small == x ? y : x;
  GHashTableIter iter;
  gpointer word;
  guint shared = 0;

  if (g_hash_table_size (small) < 2)
    return FALSE;
  g_hash_table_iter_init (&iter, small);
  while (g_hash_table_iter_next (&iter, &word, NULL))
    shared += g_hash_table_contains (large, word);

  return shared * 3 >= g_hash_table_size (small) * 2;
}

/* Two figures of one kind and unit (see measure_key ()) give one
 * measure when their values are near and two articles' subjects match. */
static gboolean
same_measure (GHashTable          *subjects,
              const NfStoryFigure *a,
              const NfStoryFigure *b,
              guint               *ia,
              guint               *ib)
{
  double ratio = a->figure->value / b->figure->value;

  if (!(ratio >= 0.5 && ratio <= 2.0))
    return FALSE;
  for (*ia = 0; *ia < a->sources->len; (*ia)++)
    for (*ib = 0; *ib < b->sources->len; (*ib)++)
      {
        const NfStorySource *x = &g_array_index (a->sources, NfStorySource, *ia);
        const NfStorySource *y = &g_array_index (b->sources, NfStorySource, *ib);

        if (x->article != y->article
            && same_subject (subjects, x->figure->subject, y->figure->subject))
          return TRUE;
      }

  return FALSE;
}

/* Figures that may be one measure share this key; NULL for a figure
 * without a unit, which is compared with none. */
static char *
measure_key (const NfFigure *figure)
{
  g_autofree char *unit = _nf_story_unit_key (figure);

  if (unit[0] == '\0')
    return NULL;
  return g_strdup_printf ("%d:%s", figure->kind, unit);
}

/* Figures of one measure with different values in different articles.
 * Only figures of one kind and unit can be, so each is compared with
 * those alone (comparing every pair made a story of a thousand articles
 * take seconds); within a kind and unit, pairs come in the order of the
 * figures, so each figure's differences keep that order. */
static void
find_value_differences (GPtrArray *figures)
{
  g_autoptr(GHashTable) subjects = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                          (GDestroyNotify) g_hash_table_unref);
  g_autoptr(GHashTable) measures = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                          (GDestroyNotify) g_array_unref);
  GHashTableIter iter;
  gpointer value;

  for (guint i = 0; i < figures->len; i++)
    {
      NfStoryFigure *figure = g_ptr_array_index (figures, i);
      char *key = measure_key (figure->figure);
      GArray *members;

      if (key == NULL)
        continue;
      members = g_hash_table_lookup (measures, key);
      if (members == NULL)
        {
          members = g_array_new (FALSE, FALSE, sizeof (NfStoryFigure *));
          g_hash_table_insert (measures, key, members);
        }
      else
        g_free (key);
      g_array_append_val (members, figure);
    }

  g_hash_table_iter_init (&iter, measures);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      GArray *members = value;

      for (guint i = 0; i < members->len; i++)
        for (guint j = i + 1; j < members->len; j++)
          {
            NfStoryFigure *a = g_array_index (members, NfStoryFigure *, i);
            NfStoryFigure *b = g_array_index (members, NfStoryFigure *, j);
            guint ia, ib;

            if (!same_measure (subjects, a, b, &ia, &ib))
              continue;
            a->agreement = b->agreement = NF_STORY_AGREEMENT_DIFFER;
            add_difference (a, "value", &g_array_index (a->sources, NfStorySource, ia),
                            &g_array_index (b->sources, NfStorySource, ib));
            add_difference (b, "value", &g_array_index (b->sources, NfStorySource, ib),
                            &g_array_index (a->sources, NfStorySource, ia));
          }
    }
}

/**
 * nf_story_get_figures:
 *
 * Returns: (transfer full) (element-type NfStoryFigure): the story's
 *   figures with their sources and agreement, in the order the oldest
 *   articles give them.
 */
GPtrArray *
nf_story_get_figures (const NfStory *story)
{
  g_autoptr(GHashTable) by_key = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                        g_free, NULL);
  GPtrArray *figures;

  g_return_val_if_fail (story != NULL, NULL);

  figures = g_ptr_array_new_with_free_func ((GDestroyNotify) nf_story_figure_free);
  for (guint i = 0; i < story->articles->len; i++)
    {
      const NfArticle *article = g_ptr_array_index (story->articles, i);

      for (guint f = 0; f < article->figures->len; f++)
        {
          const NfFigure *figure = g_ptr_array_index (article->figures, f);
          char *key;
          NfStoryFigure *self;

          if (!is_story_figure (figure))
            continue;
          key = figure_key (figure);
          self = g_hash_table_lookup (by_key, key);
          if (self == NULL)
            {
              self = story_figure_new (figure);
              g_ptr_array_add (figures, self);
              g_hash_table_insert (by_key, key, self);
            }
          else
            g_free (key);
          add_source (self, article, figure);
        }
    }
  find_value_differences (figures);

  return figures;
}

/* JSON
 *
 * One walk over the story, through a small writer with two backends: a
 * JsonBuilder (nf_story_to_json_node (), and pretty printing), and a
 * GString that gives json-glib 1.6's compact bytes (the service rewrites
 * a story's JSON on every change: building a node tree only to print it
 * cost half of that). */

typedef struct
{
  JsonBuilder *builder;   /* node backend, or NULL */
  GString     *out;       /* compact text backend */
  gboolean     first;     /* nothing written yet in the open container */
  gboolean     after_key;
} Writer;

/* A comma before any item but the first of its container. */
static void
w_item (Writer *w)
{
  if (w->after_key)
    w->after_key = FALSE;
  else if (!w->first)
    g_string_append_c (w->out, ',');
  w->first = FALSE;
}

static void
w_key (Writer     *w,
       const char *key)
{
  if (w->builder != NULL)
    {
      json_builder_set_member_name (w->builder, key);
      return;
    }
  w_item (w);
  _nf_json_append_string (w->out, key);
  g_string_append_c (w->out, ':');
  w->after_key = TRUE;
}

static void
w_open (Writer *w,
        char    bracket)
{
  if (w->builder != NULL)
    {
      if (bracket == '{')
        json_builder_begin_object (w->builder);
      else
        json_builder_begin_array (w->builder);
      return;
    }
  w_item (w);
  g_string_append_c (w->out, bracket);
  w->first = TRUE;
}

static void
w_close (Writer *w,
         char    bracket)
{
  if (w->builder != NULL)
    {
      if (bracket == '}')
        json_builder_end_object (w->builder);
      else
        json_builder_end_array (w->builder);
      return;
    }
  g_string_append_c (w->out, bracket);
  w->first = FALSE;
}

#define w_begin_object(w) w_open ((w), '{')
#define w_end_object(w)   w_close ((w), '}')
#define w_begin_array(w)  w_open ((w), '[')
#define w_end_array(w)    w_close ((w), ']')

static void
w_string (Writer     *w,
          const char *value)
{
  if (w->builder != NULL)
    {
      if (value != NULL)
        json_builder_add_string_value (w->builder, value);
      else
        json_builder_add_null_value (w->builder);
      return;
    }
  w_item (w);
  if (value != NULL)
    _nf_json_append_string (w->out, value);
  else
    g_string_append (w->out, "null");
}

static void
w_int (Writer *w,
       gint64  value)
{
  if (w->builder != NULL)
    {
      json_builder_add_int_value (w->builder, value);
      return;
    }
  w_item (w);
  g_string_append_printf (w->out, "%" G_GINT64_FORMAT, value);
}

static void
w_double (Writer *w,
          double  value)
{
  if (w->builder != NULL)
    {
      json_builder_add_double_value (w->builder, value);
      return;
    }
  w_item (w);
  _nf_json_append_double (w->out, value);
}

static void
w_boolean (Writer   *w,
           gboolean  value)
{
  if (w->builder != NULL)
    {
      json_builder_add_boolean_value (w->builder, value);
      return;
    }
  w_item (w);
  g_string_append (w->out, value ? "true" : "false");
}


static void
add_string_or_null (Writer      *w,
                    const char  *key,
                    const char  *value)
{
  w_key (w, key);
  if (value != NULL)
    w_string (w, value);
  else
    w_string (w, NULL);
}

static void
add_number (Writer      *w,
            const char  *key,
            double       value)
{
  w_key (w, key);
  /* As in the facts JSON: json-glib 1.6 writes 1e27 as "1e+27.0", which
   * is not JSON, so whole numbers past the gint64 range are null. */
  if (isfinite (value) && value == floor (value) && fabs (value) < 9.2e18)
    w_int (w, (gint64) value);
  else if (isfinite (value) && fabs (value) < 9.2e18)
    w_double (w, value);
  else
    w_string (w, NULL);
}

static void
add_articles (Writer        *w,
              const NfStory *story)
{
  w_key (w, "articles");
  w_begin_array (w);
  for (guint i = 0; i < story->articles->len; i++)
    {
      const NfArticle *article = g_ptr_array_index (story->articles, i);

      w_begin_object (w);
      add_string_or_null (w, "id", article->id);
      add_string_or_null (w, "source", article->source);
      add_string_or_null (w, "headline", article->headline);
      add_string_or_null (w, "published", article->published);
      w_key (w, "published_inferred");
      w_boolean (w, article->published_inferred);
      w_end_object (w);
    }
  w_end_array (w);
}

/* Code-point offsets of an article's facts: each article keeps where
 * its last offset was, so that the many sources of a story do not each
 * walk their text from the start.  The same steps as
 * nf_article_char_offset () take; only a place they land on is kept. */
typedef struct
{
  gsize byte;
  glong chars;
} OffsetWalk;

static glong
char_offset (GHashTable      *walks,
             const NfArticle *article,
             gsize            byte)
{
  OffsetWalk *walk = g_hash_table_lookup (walks, article);
  const char *end = article->text + MIN (byte, article->text_len);
  const char *p;
  glong chars;

  if (walk == NULL)
    {
      walk = g_new0 (OffsetWalk, 1);
      g_hash_table_insert (walks, (gpointer) article, walk);
    }
  if (article->text + walk->byte > end)
    {
      gsize back = article->text + walk->byte - end;

      /* Back from where the walk is, when that is nearer than the start:
       * in valid UTF-8 the code points between are the bytes that start
       * one (the story's figures do not come in text order). */
      if (back < (gsize) (end - article->text))
        {
          chars = walk->chars;
          for (p = end; p < article->text + walk->byte; p++)
            chars -= ((guchar) *p & 0xC0) != 0x80;
          if (byte >= article->text_len || ((guchar) *end & 0xC0) != 0x80)
            {
              walk->byte = end - article->text;
              walk->chars = chars;
            }
          return chars;
        }
      walk->byte = 0;
      walk->chars = 0;
    }
  p = article->text + walk->byte;
  chars = walk->chars;
  while (p < end)
    {
      p = g_utf8_next_char (p);
      chars++;
    }
  if (p == end)
    {
      walk->byte = end - article->text;
      walk->chars = chars;
    }
  return chars;
}

static void
add_source_object (Writer              *w,
                   GHashTable          *walks,
                   const NfStorySource *source)
{
  w_begin_object (w);
  add_string_or_null (w, "article", source->article->id);
  add_string_or_null (w, "published", source->article->published);
  add_string_or_null (w, "text", source->figure->text);
  add_number (w, "value", source->figure->value);
  add_string_or_null (w, "qualifier", source->figure->qualifier);
  add_string_or_null (w, "subject", source->figure->subject);
  w_key (w, "start");
  w_int (w, char_offset (walks, source->article,
                                                    source->figure->start));
  w_key (w, "end");
  w_int (w, char_offset (walks, source->article,
                                                    source->figure->end));
  w_end_object (w);
}

static void
add_figure_object (Writer              *w,
                   GHashTable          *walks,
                   const NfStoryFigure *figure)
{
  w_begin_object (w);
  add_string_or_null (w, "text", figure->figure->text);
  add_string_or_null (w, "kind", nf_figure_kind_to_string (figure->figure->kind));
  add_number (w, "value", figure->figure->value);
  add_string_or_null (w, "unit", figure->figure->unit);
  add_string_or_null (w, "subject", figure->figure->subject);
  w_key (w, "articles");
  w_int (w, figure->n_articles);
  add_string_or_null (w, "agreement",
                      nf_story_agreement_to_string (figure->agreement));
  w_key (w, "sources");
  w_begin_array (w);
  for (guint i = 0; i < figure->sources->len; i++)
    add_source_object (w, walks,
                       &g_array_index (figure->sources, NfStorySource, i));
  w_end_array (w);
  w_key (w, "differences");
  w_begin_array (w);
  for (guint i = 0; i < figure->differences->len; i++)
    {
      const NfStoryDifference *difference =
        &g_array_index (figure->differences, NfStoryDifference, i);

      w_begin_object (w);
      add_string_or_null (w, "field", difference->field);
      w_key (w, "a");
      add_source_object (w, walks, &difference->a);
      w_key (w, "b");
      add_source_object (w, walks, &difference->b);
      w_end_object (w);
    }
  w_end_array (w);
  w_end_object (w);
}

static void
add_figures (Writer        *w,
             GHashTable    *walks,
             const NfStory *story)
{
  g_autoptr(GPtrArray) figures = nf_story_get_figures (story);

  w_key (w, "figures");
  w_begin_array (w);
  for (guint i = 0; i < figures->len; i++)
    add_figure_object (w, walks, g_ptr_array_index (figures, i));
  w_end_array (w);
}

/* One person or organisation across the story's articles. */
typedef struct
{
  char       *name;
  char       *role;
  guint       n_articles;
  const void *last_article;
  guint       order;
} Actor;

static void
actor_free (Actor *actor)
{
  g_free (actor->name);
  g_free (actor->role);
  g_free (actor);
}

/* Finds the actor any of @entity's names already stands for, or makes
 * one, and lets all its names lead to it. */
static Actor *
actor_for (GHashTable     *names,
           GPtrArray      *actors,
           const NfEntity *entity)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  Actor *actor = NULL;

  g_ptr_array_add (keys, _nf_story_normalize_name (entity->name));
  for (guint i = 0; entity->aliases != NULL && i < entity->aliases->len; i++)
    g_ptr_array_add (keys, _nf_story_normalize_name (g_ptr_array_index (entity->aliases, i)));
  for (guint i = 0; i < keys->len && actor == NULL; i++)
    actor = g_hash_table_lookup (names, g_ptr_array_index (keys, i));
  if (actor == NULL)
    {
      actor = g_new0 (Actor, 1);
      actor->name = g_strdup (entity->name);
      actor->order = actors->len;
      g_ptr_array_add (actors, actor);
    }
  else if (g_utf8_strlen (entity->name, -1) > g_utf8_strlen (actor->name, -1))
    {
      g_free (actor->name);
      actor->name = g_strdup (entity->name);
    }
  for (guint i = 0; i < keys->len; i++)
    if (!g_hash_table_contains (names, g_ptr_array_index (keys, i)))
      g_hash_table_insert (names, g_strdup (g_ptr_array_index (keys, i)), actor);

  return actor;
}

static int
compare_actors (gconstpointer a,
                gconstpointer b)
{
  const Actor *x = *(const Actor * const *) a;
  const Actor *y = *(const Actor * const *) b;

  if (x->n_articles != y->n_articles)
    return x->n_articles > y->n_articles ? -1 : 1;
  return x->order < y->order ? -1 : x->order > y->order;
}

/* The story's people (@kind person) or organisations, those in the most
 * articles first. */
static GPtrArray *
collect_actors (const NfStory *story,
                NfEntityKind   kind,
                GHashTable    *names)
{
  GPtrArray *actors = g_ptr_array_new_with_free_func ((GDestroyNotify) actor_free);

  for (guint i = 0; i < story->articles->len; i++)
    {
      const NfArticle *article = g_ptr_array_index (story->articles, i);

      for (guint e = 0; e < article->entities->len; e++)
        {
          const NfEntity *entity = g_ptr_array_index (article->entities, e);
          Actor *actor;

          if (entity->kind != kind)
            continue;
          actor = actor_for (names, actors, entity);
          if (actor->role == NULL && entity->role != NULL)
            actor->role = g_strdup (entity->role);
          if (actor->last_article != article)
            actor->n_articles++;
          actor->last_article = article;
        }
    }
  g_ptr_array_sort (actors, compare_actors);

  return actors;
}

static void
add_actors (Writer        *w,
            const char    *member,
            GPtrArray     *actors)
{
  w_key (w, member);
  w_begin_array (w);
  for (guint i = 0; i < actors->len; i++)
    {
      const Actor *actor = g_ptr_array_index (actors, i);

      w_begin_object (w);
      add_string_or_null (w, "name", actor->name);
      add_string_or_null (w, "role", actor->role);
      w_key (w, "articles");
      w_int (w, actor->n_articles);
      w_end_object (w);
    }
  w_end_array (w);
}

/* The name quotes are grouped under: the person's fullest name when the
 * speaker is one of the story's people, the speaker as given otherwise. */
static const char *
speaker_name (const NfQuote *quote,
              GHashTable    *people)
{
  g_autofree char *norm = NULL;
  Actor *actor;

  if (quote->speaker == NULL)
    return NULL;
  norm = _nf_story_normalize_name (quote->speaker);
  actor = g_hash_table_lookup (people, norm);
  return actor != NULL ? actor->name : quote->speaker;
}

static void
add_quote_object (Writer          *w,
                  GHashTable      *walks,
                  const NfArticle *article,
                  const NfQuote   *quote)
{
  w_begin_object (w);
  add_string_or_null (w, "text", quote->text);
  add_string_or_null (w, "speaker_role", quote->speaker_role);
  add_string_or_null (w, "article", article->id);
  add_string_or_null (w, "published", article->published);
  w_key (w, "start");
  w_int (w, char_offset (walks, article, quote->start));
  w_key (w, "end");
  w_int (w, char_offset (walks, article, quote->end));
  w_end_object (w);
}

typedef struct
{
  const NfArticle *article;
  const NfQuote   *quote;
} QuoteRef;

static void
add_quote_group (Writer     *w,
                 GHashTable *walks,
                 const char *name,
                 GArray     *refs)
{
  const QuoteRef *first = &g_array_index (refs, QuoteRef, 0);

  w_begin_object (w);
  add_string_or_null (w, "speaker", name);
  add_string_or_null (w, "speaker_kind",
                      nf_speaker_kind_to_string (first->quote->speaker_kind));
  w_key (w, "quotes");
  w_begin_array (w);
  for (guint i = 0; i < refs->len; i++)
    {
      const QuoteRef *ref = &g_array_index (refs, QuoteRef, i);

      add_quote_object (w, walks, ref->article, ref->quote);
    }
  w_end_array (w);
  w_end_object (w);
}

/* Quotes grouped by speaker, speakers in the order they first speak,
 * each speaker's quotes in time order, the quotes of no one last.  Each
 * quote's speaker is named once: naming them all again for each speaker
 * made a story of a thousand articles take seconds to write. */
static void
add_quotes (Writer        *w,
            GHashTable    *walks,
            const NfStory *story,
            GHashTable    *people)
{
  g_autoptr(GPtrArray) speakers = g_ptr_array_new ();
  g_autoptr(GHashTable) groups = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                        (GDestroyNotify) g_array_unref);
  g_autoptr(GArray) unnamed = g_array_new (FALSE, FALSE, sizeof (QuoteRef));

  for (guint i = 0; i < story->articles->len; i++)
    {
      const NfArticle *article = g_ptr_array_index (story->articles, i);

      for (guint q = 0; q < article->quotes->len; q++)
        {
          QuoteRef ref = { article, g_ptr_array_index (article->quotes, q) };
          const char *name = speaker_name (ref.quote, people);
          GArray *group = unnamed;

          if (name != NULL && (group = g_hash_table_lookup (groups, name)) == NULL)
            {
              group = g_array_new (FALSE, FALSE, sizeof (QuoteRef));
              g_hash_table_insert (groups, (gpointer) name, group);
              g_ptr_array_add (speakers, (gpointer) name);
            }
          g_array_append_val (group, ref);
        }
    }

  w_key (w, "quotes");
  w_begin_array (w);
  for (guint s = 0; s < speakers->len; s++)
    {
      const char *name = g_ptr_array_index (speakers, s);

      add_quote_group (w, walks, name, g_hash_table_lookup (groups, name));
    }
  if (unnamed->len > 0)
    add_quote_group (w, walks, NULL, unnamed);
  w_end_array (w);
}

/* The story's document, through @w. */
static void
write_story (Writer        *w,
             const NfStory *story)
{
  g_autoptr(GHashTable) people_names = NULL;
  g_autoptr(GHashTable) org_names = NULL;
  g_autoptr(GHashTable) walks = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  g_autoptr(GPtrArray) people = NULL;
  g_autoptr(GPtrArray) orgs = NULL;
  const NfArticle *first, *last;

  people_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  org_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  people = collect_actors (story, NF_ENTITY_PERSON, people_names);
  orgs = collect_actors (story, NF_ENTITY_ORGANIZATION, org_names);
  first = story->articles->len > 0 ? g_ptr_array_index (story->articles, 0) : NULL;
  last = story->articles->len > 0
         ? g_ptr_array_index (story->articles, story->articles->len - 1) : NULL;

  w_begin_object (w);
  add_string_or_null (w, "schema", NF_STORY_SCHEMA);
  add_string_or_null (w, "id", story->id);
  add_string_or_null (w, "title", story->title);
  add_string_or_null (w, "first", first != NULL ? first->published : NULL);
  add_string_or_null (w, "last", last != NULL ? last->published : NULL);
  add_articles (w, story);
  add_figures (w, walks, story);
  add_actors (w, "people", people);
  add_actors (w, "organizations", orgs);
  add_quotes (w, walks, story, people_names);
  w_end_object (w);
}

JsonNode *
nf_story_to_json_node (const NfStory *story)
{
  g_autoptr(JsonBuilder) builder = NULL;
  Writer w = { 0, };

  g_return_val_if_fail (story != NULL, NULL);

  builder = json_builder_new ();
  w.builder = builder;
  write_story (&w, story);
  return json_builder_get_root (builder);
}

/**
 * nf_story_to_json:
 *
 * Returns: (transfer full): the story JSON; compact, it is printed here,
 *   byte for byte as json-glib prints nf_story_to_json_node ().
 */
char *
nf_story_to_json (const NfStory *story,
                  gboolean       pretty)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonGenerator) generator = NULL;
  Writer w = { 0, };

  g_return_val_if_fail (story != NULL, NULL);

  if (!pretty)
    {
      w.out = g_string_sized_new (4096);
      w.first = TRUE;
      write_story (&w, story);
      return g_string_free (w.out, FALSE);
    }
  root = nf_story_to_json_node (story);
  generator = json_generator_new ();
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);

  return json_generator_to_data (generator, NULL);
}
