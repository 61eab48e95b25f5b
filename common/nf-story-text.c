/* nf-story-text.c: words, names and dates as story assignment sees them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "newsfacts"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "nf-pipeline.h"
#include "nf-story-private.h"
#include "nf-timex.h"

/* Function words and the verbs of reporting: they say nothing about which
 * event an article tells. */
static const char * const stopwords[] = {
  "a", "about", "above", "after", "again", "against", "ago", "all", "almost",
  "along", "already", "also", "although", "am", "among", "an", "and",
  "another", "any", "are", "around", "as", "at", "back", "be", "became",
  "because", "been", "before", "being", "below", "between", "both", "but",
  "by", "can", "could", "did", "do", "does", "doing", "down", "during",
  "each", "either", "even", "ever", "every", "few", "first", "for", "four",
  "from", "further", "get", "got", "had", "has", "have", "having", "he",
  "her", "here", "hers", "him", "his", "how", "however", "i", "if", "in",
  "including", "into", "is", "it", "its", "itself", "just", "last", "later",
  "less", "like", "made", "make", "many", "may", "me", "might", "more",
  "most", "mr", "mrs", "ms", "much", "must", "my", "new", "next", "no",
  "nor", "not", "now", "of", "off", "on", "once", "one", "only", "or",
  "other", "our", "out", "over", "own", "per", "said", "same", "say",
  "saying", "says", "second", "see", "she", "should", "since", "so", "some",
  "still", "such", "take", "than", "that", "the", "their", "them", "then",
  "there", "these", "they", "third", "this", "those", "three", "through",
  "to", "told", "too", "two", "under", "until", "up", "upon", "us", "very",
  "was", "we", "week", "well", "were", "what", "when", "where", "whether",
  "which", "while", "who", "whom", "whose", "why", "will", "with", "within",
  "without", "would", "year", "years", "yet", "you", "your",
  "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
  "sunday", "today", "yesterday", "tomorrow",
  NULL
};

/* Runs of letters, digits and the ASCII characters in @extra, in order,
 * as byte spans of @text into @words (NfStoryWord), which is emptied
 * first.  A hand-written scan (a regular expression per article costs
 * more than the rest of story assignment); ASCII bytes are classified by
 * a table, other characters by GLib's Unicode tables. */
void
_nf_story_scan_words (const char *text,
                      const char *extra,
                      GArray     *words)
{
  gboolean ascii_word[128];
  NfStoryWord batch[256];   /* appended 256 at a time: one call each */
  guint n = 0;
  const char *start = NULL;
  const char *p = text;

  for (int c = 0; c < 128; c++)
    ascii_word[c] = g_ascii_isalnum (c);
  for (const char *x = extra; *x != '\0'; x++)
    if ((guchar) *x < 128)
      ascii_word[(guchar) *x] = TRUE;
  ascii_word[0] = FALSE;
  g_array_set_size (words, 0);

  for (;;)
    {
      guchar b = (guchar) *p;
      gboolean word = b < 128 ? ascii_word[b]
                              : g_unichar_isalnum (g_utf8_get_char (p));

      if (word && start == NULL)
        start = p;
      else if (!word && start != NULL)
        {
          batch[n].start = start - text;
          batch[n].len = p - start;
          if (++n == G_N_ELEMENTS (batch))
            {
              g_array_append_vals (words, batch, n);
              n = 0;
            }
          start = NULL;
        }
      if (b == 0)
        break;
      p = b < 128 ? p + 1 : g_utf8_next_char (p);
    }
  g_array_append_vals (words, batch, n);
}

/* The same words, each copied. */
GPtrArray *
_nf_story_split_words (const char *text,
                       const char *extra)
{
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (NfStoryWord));
  GPtrArray *words;

  _nf_story_scan_words (text, extra, spans);
  words = g_ptr_array_new_full (spans->len, g_free);
  for (guint i = 0; i < spans->len; i++)
    {
      const NfStoryWord *w = &g_array_index (spans, NfStoryWord, i);

      g_ptr_array_add (words, g_strndup (text + w->start, w->len));
    }
  return words;
}

gboolean
_nf_story_is_stopword (const char *word)
{
  static GHashTable *set;
  static gsize longest;
  static gsize ready;

  if (g_once_init_enter (&ready))
    {
      set = g_hash_table_new (g_str_hash, g_str_equal);
      for (guint i = 0; stopwords[i] != NULL; i++)
        {
          g_hash_table_add (set, (gpointer) stopwords[i]);
          longest = MAX (longest, strlen (stopwords[i]));
        }
      g_once_init_leave (&ready, 1);
    }

  /* Words longer than any function word need no hashing. */
  return strnlen (word, longest + 1) <= longest
         && g_hash_table_contains (set, word);
}

/* Folds plurals and possessives so that "talks" meets "talk"; more would
 * merge words that mean different things.  The stem of @word (@len
 * bytes) replaces the contents of @out. */
void
_nf_story_stem_into (const char *word,
                     gsize       len,
                     GString    *out)
{
  if (len > 2 && word[len - 2] == '\'' && word[len - 1] == 's')
    len -= 2;
  g_string_truncate (out, 0);
  if (len > 4 && strncmp (word + len - 3, "ies", 3) == 0)
    {
      g_string_append_len (out, word, len - 3);
      g_string_append_c (out, 'y');
      return;
    }
  if (len > 3 && word[len - 1] == 's' && word[len - 2] != 's'
      && word[len - 2] != 'u' && word[len - 2] != 'i')
    len--;
  g_string_append_len (out, word, len);
}

char *
_nf_story_stem (const char *word)
{
  GString *out = g_string_new (NULL);

  _nf_story_stem_into (word, strlen (word), out);
  return g_string_free (out, FALSE);
}

/* "U.S. Forces Korea" and "US Forces Korea" are one name: case, dots,
 * apostrophes and a leading "the" do not count. */
static gboolean
is_ascii (const char *text)
{
  for (; *text != '\0'; text++)
    if ((guchar) *text >= 128)
      return FALSE;
  return TRUE;
}

/* _nf_story_normalize_name () of an ASCII name: case folding is
 * lowering, and every character is one byte. */
static char *
normalize_ascii_name (const char *name)
{
  GString *out = g_string_sized_new (strlen (name));
  gboolean space = FALSE;

  for (const char *p = name; *p != '\0'; p++)
    {
      char c = g_ascii_tolower (*p);

      if (c == '.' || c == '\'')
        continue;
      if (!g_ascii_isalnum (c))
        {
          space = out->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_c (out, c);
    }
  if (g_str_has_prefix (out->str, "the ") && out->len > 4)
    g_string_erase (out, 0, 4);

  return g_string_free (out, FALSE);
}

char *
_nf_story_normalize_name (const char *name)
{
  g_autofree char *folded = NULL;
  GString *out;
  gboolean space = FALSE;

  if (is_ascii (name))
    return normalize_ascii_name (name);
  folded = g_utf8_casefold (name, -1);
  out = g_string_new (NULL);

  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '.' || c == '\'' || c == 0x2019)
        continue;
      if (!g_unichar_isalnum (c))
        {
          space = out->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_unichar (out, c);
    }
  if (g_str_has_prefix (out->str, "the ") && out->len > 4)
    g_string_erase (out, 0, 4);

  return g_string_free (out, FALSE);
}

/* The unit a figure is matched on: the currency, "percent", or the head
 * noun of the counted thing ("South Korean employees" -> "employee"). */
char *
_nf_story_unit_key (const NfFigure *figure)
{
  g_autofree char *norm = NULL;
  const char *last;

  if (figure->unit == NULL || figure->unit[0] == '\0')
    return g_strdup ("");
  if (figure->kind == NF_FIGURE_MONEY || figure->kind == NF_FIGURE_PERCENT)
    return g_ascii_strup (figure->unit, -1);

  norm = _nf_story_normalize_name (figure->unit);
  last = strrchr (norm, ' ');
  return _nf_story_stem (last != NULL ? last + 1 : norm);
}

static gboolean
parse_iso_date (const char *iso,
                int        *year,
                int        *month,
                int        *mday)
{
  if (iso == NULL || strlen (iso) < 10 || iso[4] != '-' || iso[7] != '-')
    return FALSE;
  *year = atoi (iso);
  *month = atoi (iso + 5);
  *mday = atoi (iso + 8);

  return g_date_valid_dmy (*mday, *month, *year);
}

static int
julian (int year,
        int month,
        int mday)
{
  g_autoptr(GDate) date = NULL;

  if (year < 1 || year > 9999 || !g_date_valid_dmy (mday, month, year))
    return 0;
  date = g_date_new_dmy (mday, month, year);
  return (int) g_date_get_julian (date);
}

/* The publication day (a Julian day number), or 0.  A dateline that
 * printed no year ("May 5") gives 0 and its month and day: its year is
 * for the story to settle. */
int
_nf_story_article_day (const NfArticle *article,
                       int             *month,
                       int             *mday)
{
  const NfDateParts *parts = &article->published_parts;
  int y, m, d;

  *month = *mday = 0;
  if (parts->year == 0 && parts->month > 0 && parts->day > 0)
    {
      *month = parts->month;
      *mday = parts->day;
      return 0;
    }
  if (!parse_iso_date (article->published, &y, &m, &d))
    return 0;

  return julian (y, m, d);
}

static int
median_day (const int *days,
            guint      n_days)
{
  g_autofree int *sorted = g_memdup2 (days, n_days * sizeof (int));

  for (guint i = 1; i < n_days; i++)
    for (guint j = i; j > 0 && sorted[j - 1] > sorted[j]; j--)
      {
        int t = sorted[j];

        sorted[j] = sorted[j - 1];
        sorted[j - 1] = t;
      }

  return sorted[n_days / 2];
}

/* Among the years in which @month/@mday falls on @weekday (any year when
 * G_DATE_BAD_WEEKDAY), the one that puts the day nearest the story's
 * dated articles.  Which years fit is the dates stage's rule. */
int
_nf_story_pick_year (int           month,
                     int           mday,
                     GDateWeekday  weekday,
                     const int    *days,
                     guint         n_days)
{
  g_autoptr(GDate) ref = NULL;
  int years[32];
  int best_year = 0, best_gap = G_MAXINT;
  int ref_day, ref_year;
  guint n;

  if (n_days == 0 || month < 1 || month > 12 || mday < 1)
    return 0;
  ref_day = median_day (days, n_days);
  ref = g_date_new_julian ((guint32) ref_day);
  ref_year = g_date_get_year (ref);

  n = nf_dates_fitting_years (month, mday, weekday, ref_year + 14,
                              MAX (ref_year - 14, 1), years, G_N_ELEMENTS (years));
  if (n == 0 && weekday != G_DATE_BAD_WEEKDAY)
    return _nf_story_pick_year (month, mday, G_DATE_BAD_WEEKDAY, days, n_days);
  for (guint i = 0; i < n; i++)
    {
      int gap = ABS (julian (years[i], month, mday) - ref_day);

      if (gap < best_gap)
        {
          best_gap = gap;
          best_year = years[i];
        }
    }

  return best_year;
}

/* Gives @article's publication date the year @year, keeping the time, and
 * re-resolves its relative dates.  Returns whether anything changed. */
gboolean
_nf_story_set_year (NfArticle *article,
                    int        year)
{
  const NfDateParts *parts = &article->published_parts;
  g_autofree char *published = NULL;
  const char *rest = "";

  if (year <= 0 || parts->year != 0
      || julian (year, parts->month, parts->day) == 0)
    return FALSE;
  if (article->published != NULL && strlen (article->published) > 10)
    rest = article->published + 10;
  published = g_strdup_printf ("%04d-%02d-%02d%s", year, parts->month,
                               parts->day, rest);
  if (g_strcmp0 (published, article->published) == 0)
    return FALSE;

  /* The dates stage then takes the year as settled and resolves "Tuesday"
   * and "last month" against this day (see nf-timex.h). */
  g_free (article->published);
  article->published = g_steal_pointer (&published);
  article->published_inferred = TRUE;
  article->published_parts.year = year;
  nf_pipeline_redate (article);

  return TRUE;
}
