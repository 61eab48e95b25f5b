/* nf-dates.c: the dates stage
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Finds date and time expressions in the body sentences and resolves them
 * against the article's own date into ISO 8601 / TIMEX3 values.  Each
 * sentence is tokenized once; at every token the matchers below look a
 * few tokens ahead, the longest match wins and the scan jumps past it, so
 * the stage is linear in the text.
 */

#define G_LOG_DOMAIN "newsfacts"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "nf-numbers-private.h"
#include "nf-pipeline-private.h"
#include "nf-timex.h"

typedef struct
{
  const NfToken *t;
  guint          n;
  GDate          ref;        /* the day relative expressions count from */
  gboolean       has_ref;
  /* The quarter the text named last, as year * 4 + quarter - 1, or 0:
   * earnings copy goes on with "the quarter", "a year earlier". */
  int            focus_q;
  guint          focus_age;  /* sentences since focus_q was named */
} Scan;

/* What a matcher found: the end token and the resolved value. */
typedef struct
{
  guint  next;
  char  *value;              /* owned; NULL when unresolved */
  int    grain;              /* GRAIN_* of a value */
  GDate  day;                /* the day, when grain is GRAIN_DAY */
  gboolean back;             /* a year before the quarter in focus */
} Hit;

enum { GRAIN_NONE, GRAIN_DAY, GRAIN_OTHER };

static const char * const month_names[] = {
  "january", "february", "march", "april", "may", "june", "july",
  "august", "september", "october", "november", "december", NULL
};

static const char * const month_abbrevs[] = {
  "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
  "nov", "dec", NULL
};

static const char * const weekday_names[] = {
  "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
  "sunday", NULL
};

static const char * const americas_places[] = {
  "WASHINGTON", "NEW YORK", "UNITED NATIONS", "LOS ANGELES",
  "SAN FRANCISCO", "CHICAGO", "BOSTON", "HOUSTON", "ATLANTA", "MIAMI",
  "SEATTLE", "DALLAS", "DETROIT", "HONOLULU", "ANCHORAGE", "DENVER",
  "PHILADELPHIA", "LAS VEGAS", "OTTAWA", "TORONTO", "MONTREAL", "VANCOUVER",
  "MEXICO CITY", "HAVANA", "BOGOTA", "CARACAS", "LIMA", "QUITO", "SANTIAGO",
  "BUENOS AIRES", "BRASILIA", "SAO PAULO", "RIO DE JANEIRO", "PANAMA CITY",
  NULL
};

/* Agencies and papers that time-stamp in an Asian time zone. */
static const char * const asian_agencies[] = {
  "Yonhap", "Kyodo", "Xinhua", "Jiji", "KBS", "NHK", "Korea Herald",
  "Korea Times", "JoongAng", "Chosun", "Arirang", "Bernama", "Antara",
  "PTI", "IANS", "Straits Times", "CNA", "Global Times", "China Daily",
  "Japan Times", "Asahi", "Mainichi", "Nikkei", "Focus Taiwan", "NNA",
  NULL
};

/* ---- small helpers ---- */

static int
lookup (const char         *lower,
        const char * const *words)
{
  for (int i = 0; words[i] != NULL; i++)
    if (lower[0] == words[i][0] && _nf_str_equal (lower, words[i]))
      return i;
  return -1;
}

static gboolean
is_word (const Scan *s,
         guint       i,
         const char *lower)
{
  return i < s->n && _nf_token_is (&s->t[i], lower);
}

static gboolean
is_punct (const Scan *s,
          guint       i,
          const char *p)
{
  return i < s->n && s->t[i].kind == NF_TOKEN_PUNCT
         && s->t[i].lower[0] == p[0] && _nf_str_equal (s->t[i].lower, p);
}

/* Whether a word of @words is among the @span tokens after @i; @firsts
 * holds the first letters of @words.  The matchers that start at a number
 * ask this before reading the number: most numbers are followed by none
 * of the words they need. */
static gboolean
word_after (const Scan         *s,
            guint               i,
            guint               span,
            const char         *firsts,
            const char * const *words)
{
  guint end = MIN (s->n, i + 1 + span);

  for (guint k = i + 1; k < end; k++)
    {
      char c = s->t[k].lower[0];

      if (s->t[k].kind != NF_TOKEN_WORD)
        continue;
      for (const char *f = firsts; *f != '\0'; f++)
        if (c == *f && _nf_token_in (&s->t[k], words))
          return TRUE;
    }
  return FALSE;
}

/* Whether a month name is among the @span tokens after @i. */
static int month_at (const Scan *s, guint i, guint *next);

static gboolean
month_after (const Scan *s,
             guint       i,
             guint       span)
{
  guint end = MIN (s->n, i + 1 + span), next;

  for (guint k = i + 1; k < end; k++)
    if (s->t[k].datestart && month_at (s, k, &next) > 0)
      return TRUE;
  return FALSE;
}

/* Skips the period of an abbreviation ("Jan.", "p.m."). */
static guint
skip_dot (const Scan *s,
          guint       i)
{
  return (is_punct (s, i, ".") && !s->t[i].space_before) ? i + 1 : i;
}

static char *
format_day (const GDate *d)
{
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (d),
                          g_date_get_month (d), g_date_get_day (d));
}

static char *
format_week (const GDate *d)
{
  GDate thursday = *d;
  int wd = g_date_get_weekday (d);

  /* The ISO week belongs to the year of its Thursday. */
  if (wd < 4)
    g_date_add_days (&thursday, 4 - wd);
  else if (wd > 4)
    g_date_subtract_days (&thursday, wd - 4);
  return g_strdup_printf ("%04d-W%02d", g_date_get_year (&thursday),
                          g_date_get_iso8601_week_of_year (d));
}

static void
hit_day (Hit         *hit,
         const GDate *d,
         guint        next)
{
  g_free (hit->value);
  hit->value = format_day (d);
  hit->grain = GRAIN_DAY;
  hit->day = *d;
  hit->next = next;
}

static void
hit_other (Hit   *hit,
           char  *value,
           guint  next)
{
  g_free (hit->value);
  hit->value = value;
  hit->grain = value != NULL ? GRAIN_OTHER : GRAIN_NONE;
  hit->next = next;
}

/* Whether a month name or abbreviation ("sept" too) starts with @c: most
 * words that may start a date ("the", "last", "two") start none, and the
 * matchers ask about a month at each of them.  Made from the lists. */
static gboolean
may_start_month (char c)
{
  static gsize firsts = 0;   /* bit c - 'a'; bit 31 once made */

  if (g_once_init_enter (&firsts))
    {
      const char * const *lists[] = { month_names, month_abbrevs };
      gsize bits = 1u << 31;

      for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
        for (guint k = 0; lists[l][k] != NULL; k++)
          bits |= 1u << (lists[l][k][0] - 'a');
      bits |= 1u << ('s' - 'a');
      g_once_init_leave (&firsts, bits);
    }
  return c >= 'a' && c <= 'z' && (firsts & (1u << (c - 'a'))) != 0;
}

/* A month name, or an abbreviation ("Jan.", "Sept."); 1-12, or 0. */
static int
month_at (const Scan *s,
          guint       i,
          guint      *next)
{
  const NfToken *t;
  int m;

  /* Month names are among the words that may start a date. */
  if (i >= s->n || s->t[i].kind != NF_TOKEN_WORD || !s->t[i].datestart
      || !may_start_month (s->t[i].lower[0]))
    return 0;
  t = &s->t[i];
  if ((m = lookup (t->lower, month_names)) >= 0)
    {
      *next = i + 1;
      return m + 1;
    }
  if ((m = lookup (t->lower, month_abbrevs)) >= 0
      || (strcmp (t->lower, "sept") == 0 && (m = 8) >= 0))
    {
      *next = skip_dot (s, i + 1);
      return m + 1;
    }
  return 0;
}

static int
weekday_at (const Scan *s,
            guint       i)
{
  int w;

  if (i >= s->n || s->t[i].kind != NF_TOKEN_WORD || !s->t[i].datestart)
    return 0;   /* weekdays too are among the words that may start a date */
  w = lookup (s->t[i].lower, weekday_names);
  return w >= 0 ? w + 1 : 0;
}

/* A plain four-digit year. */
static int
year_at (const Scan *s,
         guint       i)
{
  const NfToken *t;

  if (i >= s->n)
    return 0;
  t = &s->t[i];
  if (t->kind != NF_TOKEN_NUMBER || t->digits != 4 || t->has_comma
      || t->has_point || t->number < 1000 || t->number > 2999)
    return 0;
  if (i + 1 < s->n && !s->t[i + 1].space_before
      && s->t[i + 1].kind == NF_TOKEN_WORD)
    return 0;   /* "2020s", "1990km" */
  return (int) t->number;
}

/* A day of the month: "5", "5th". */
static int
mday_at (const Scan *s,
         guint       i,
         guint      *next)
{
  const NfToken *t;
  double v;

  if (i >= s->n)
    return 0;
  t = &s->t[i];
  if (t->kind == NF_TOKEN_WORD && _nf_ordinal_parse (s->t, s->n, i, &v, next)
      && v >= 1 && v <= 31)
    return (int) v;   /* "January first", "second of August" */
  if (t->kind != NF_TOKEN_NUMBER || t->has_comma || t->has_point
      || t->digits > 2 || t->number < 1 || t->number > 31)
    return 0;
  if (_nf_ordinal_parse (s->t, s->n, i, &v, next))
    return (int) v;
  if (i + 1 < s->n && !s->t[i + 1].space_before
      && s->t[i + 1].kind == NF_TOKEN_WORD)
    return 0;
  *next = i + 1;
  return (int) t->number;
}

static gboolean future_before (const Scan *s,
                               guint       i);

/* A verb in the past just before a date ("the year ended Jan. 31", "was
 * terminated on Sept. 27"): the date is not to come. */
static gboolean
past_before (const Scan *s,
             guint       i)
{
  static const char * const past[] = { "was", "were", "had", "did", "said",
                                       "began", "came", "took", "held",
                                       "met", "saw", "rose", "fell", NULL };
  static const char * const passive[] = { "be", "been", "being", "to", NULL };
  guint k = i;

  /* the verb, right before the date or its "on" / "in" */
  if (k > 0 && (is_word (s, k - 1, "on") || is_word (s, k - 1, "in")))
    k--;
  if (k == 0 || s->t[k - 1].kind != NF_TOKEN_WORD)
    return FALSE;
  if (k >= 2 && _nf_token_in (&s->t[k - 2], passive))
    return FALSE;   /* "to be completed in May" */
  return _nf_token_in (&s->t[k - 1], past)
         || (g_str_has_suffix (s->t[k - 1].lower, "ed")
             && strlen (s->t[k - 1].lower) > 4);
}

/* The year that puts @month/@day closest to the reference day; a verb
 * that looks ahead ("will meet in August") wants the next one. */
static int
closest_year (const Scan *s,
              guint       i,
              int         month,
              int         day)
{
  int y = g_date_get_year (&s->ref);
  int best = y;
  gint64 best_dist = G_MAXINT64;

  gboolean future = future_before (s, i);
  gboolean past = !future && past_before (s, i);
  gboolean month_only = day == 0;
  int refm = g_date_get_month (&s->ref);

  if (month_only)
    day = 15;

  for (int cand = y - 1; cand <= y + 1; cand++)
    {
      GDate d;
      gint64 dist;

      if (!g_date_valid_dmy (day, month, cand))
        continue;
      g_date_clear (&d, 1);
      g_date_set_dmy (&d, day, month, cand);
      dist = g_date_days_between (&s->ref, &d);
      if (future && (month_only ? cand * 12 + month < y * 12 + refm : dist < 0))
        continue;
      if (past && (month_only ? cand * 12 + month > y * 12 + refm : dist > 0))
        continue;
      /* news mostly reports what happened: a future date must be twice as
       * close to win */
      dist = dist > 0 ? 2 * dist : -dist;
      if (dist < best_dist || (dist == best_dist && cand < best))
        {
          best_dist = dist;
          best = cand;
        }
    }
  return best;
}

/* ---- clock times ---- */

static gboolean
meridiem_at (const Scan *s,
             guint       i,
             gboolean   *pm,
             guint      *next)
{
  if (i >= s->n || s->t[i].kind != NF_TOKEN_WORD)
    return FALSE;
  if (is_word (s, i, "am") || is_word (s, i, "pm"))
    {
      *pm = s->t[i].lower[0] == 'p';
      *next = skip_dot (s, i + 1);
      return TRUE;
    }
  if ((is_word (s, i, "a") || is_word (s, i, "p")) && is_punct (s, i + 1, ".")
      && !s->t[i + 1].space_before && is_word (s, i + 2, "m")
      && !s->t[i + 2].space_before)
    {
      *pm = s->t[i].lower[0] == 'p';
      *next = skip_dot (s, i + 3);
      return TRUE;
    }
  return FALSE;
}

static const char * const zones[] = {
  "est", "edt", "et", "cst", "cdt", "mst", "mdt", "pst", "pdt", "pt", "gmt",
  "utc", "bst", "cet", "cest", "kst", "jst", "hkt", "ist", NULL
};

/* "3 p.m.", "3:30 pm", "09:21", "noon"; sets @hour and @minute. */
static guint
match_clock (const Scan *s,
             guint       i,
             int        *hour,
             int        *minute)
{
  const NfToken *t = i < s->n ? &s->t[i] : NULL;
  guint j = i + 1;
  gboolean colon = FALSE, pm = FALSE;

  if (t == NULL)
    return 0;
  if (is_word (s, i, "midnight"))
    {
      /* the end of the day it names: "midnight Friday" is Friday's 24:00 */
      *hour = 24;
      *minute = 0;
      return i + 1;
    }
  if (is_word (s, i, "noon") || is_word (s, i, "midday"))
    {
      *hour = 12;
      *minute = 0;
      return i + 1;
    }
  if (t->kind == NF_TOKEN_NUMBER && t->digits == 4 && !t->has_comma
      && !t->has_point && (int) t->number % 100 < 60 && t->number < 2400
      && j < s->n && s->t[j].kind == NF_TOKEN_WORD && s->t[j].upper
      && lookup (s->t[j].lower, zones) >= 0)
    {
      /* "1200 GMT" */
      *hour = (int) t->number / 100;
      *minute = (int) t->number % 100;
      return j + 1;
    }
  if (t->kind != NF_TOKEN_NUMBER || t->has_comma || t->has_point
      || t->digits > 2 || t->number > 24)
    return 0;
  *hour = (int) t->number;
  *minute = 0;
  if (is_punct (s, j, ":") && !s->t[j].space_before && j + 1 < s->n
      && s->t[j + 1].kind == NF_TOKEN_NUMBER && s->t[j + 1].digits == 2
      && !s->t[j + 1].space_before && s->t[j + 1].number < 60)
    {
      *minute = (int) s->t[j + 1].number;
      colon = TRUE;
      j += 2;
    }
  if (meridiem_at (s, j, &pm, &j))
    {
      if (*hour < 1 || *hour > 12)
        return 0;
      *hour = (*hour % 12) + (pm ? 12 : 0);
    }
  else if (is_word (s, j, "o") && is_punct (s, j + 1, "'")
           && is_word (s, j + 2, "clock"))
    j += 3;
  else if (!colon || *hour > 23)
    return 0;
  if (is_word (s, j, "local") && is_word (s, j + 1, "time"))
    j += 2;
  else if (j < s->n && s->t[j].kind == NF_TOKEN_WORD && s->t[j].upper
           && lookup (s->t[j].lower, zones) >= 0)
    j++;
  return j;
}

/* ---- absolute dates ---- */

static gboolean
may_be_month_alone (const Scan *s,
                    guint       i,
                    int         month)
{
  static const char * const before[] = {
    "in", "since", "until", "till", "by", "of", "from", "through", "during",
    "early", "late", "mid", "last", "next", "this", "before", "after",
    "end", "beginning", "start", "middle", NULL
  };

  if (s->t[i].kind != NF_TOKEN_WORD || strlen (s->t[i].lower) < 3)
    return FALSE;
  if (lookup (s->t[i].lower, month_names) < 0)
    return FALSE;   /* "Jan" alone is too short to trust */
  if (month != 5 && month != 3)
    return TRUE;
  /* "may" and "march" are also a verb: want a capital and a cue */
  return s->t[i].upper && i > 0 && _nf_token_in (&s->t[i - 1], before);
}

/* "last May", "next March", "this September", "June last year" */
static gboolean
match_month_relative (const Scan *s,
                      guint       i,
                      Hit        *hit)
{
  guint j;
  int month, rel, year, refm;

  if (is_word (s, i, "last") || is_word (s, i, "past"))
    rel = -1;
  else if (is_word (s, i, "next") || is_word (s, i, "coming"))
    rel = 1;
  else if (is_word (s, i, "this"))
    rel = 0;
  else
    return FALSE;
  if ((month = month_at (s, i + 1, &j)) == 0
      || lookup (s->t[i + 1].lower, month_names) < 0)
    return FALSE;
  if (!s->has_ref)
    {
      hit_other (hit, NULL, j);
      return TRUE;
    }
  year = g_date_get_year (&s->ref);
  refm = g_date_get_month (&s->ref);
  if (rel < 0 && month >= refm)
    year--;
  else if (rel > 0 && month <= refm)
    year++;
  hit_other (hit, g_strdup_printf ("%04d-%02d", year, month), j);
  return TRUE;
}

/* The year a following "last year" / "this year" / "next year" gives. */
static int
year_phrase_after (const Scan *s,
                   guint       j,
                   guint      *next)
{
  int off;

  if (!s->has_ref || !is_word (s, j + 1, "year"))
    return 0;
  if (is_word (s, j, "last"))
    off = -1;
  else if (is_word (s, j, "this"))
    off = 0;
  else if (is_word (s, j, "next"))
    off = 1;
  else
    return 0;
  *next = j + 2;
  return g_date_get_year (&s->ref) + off;
}

/* "April 28, 2020", "Jan. 25", "April 2020", "December" */
static gboolean
match_month_first (const Scan *s,
                   guint       i,
                   Hit        *hit)
{
  guint j, k;
  int month = month_at (s, i, &j), day, year;
  GDate d;

  if (month == 0)
    return FALSE;
  if (is_punct (s, j, "-") && !s->t[j].space_before)
    j++;   /* "Oct-2" */
  day = mday_at (s, j, &k);
  /* "April 25:30" is no day, "on April 25: the court" is */
  if (day > 0 && !(is_punct (s, k, ":") && !s->t[k].space_before
                   && k + 1 < s->n && s->t[k + 1].kind == NF_TOKEN_NUMBER
                   && !s->t[k + 1].space_before))
    {
      guint end = k;

      if (is_punct (s, end, ","))
        end++;
      year = year_at (s, end);
      if (year > 0)
        k = end + 1;
      else if ((year = year_phrase_after (s, k, &k)) > 0)
        ;
      else if (!s->has_ref)
        return FALSE;
      else
        year = closest_year (s, i, month, day);
      if (!g_date_valid_dmy (day, month, year))
        return FALSE;
      g_date_clear (&d, 1);
      g_date_set_dmy (&d, day, month, year);
      hit_day (hit, &d, k);
      return TRUE;
    }
  k = j;
  if (is_punct (s, k, ","))
    k++;
  else if (is_word (s, k, "of"))
    k++;
  if ((year = year_at (s, k)) > 0)
    {
      hit_other (hit, g_strdup_printf ("%04d-%02d", year, month), k + 1);
      return TRUE;
    }
  if ((year = year_phrase_after (s, j, &k)) > 0
      && lookup (s->t[i].lower, month_names) >= 0)
    {
      hit_other (hit, g_strdup_printf ("%04d-%02d", year, month), k);
      return TRUE;
    }
  if (!may_be_month_alone (s, i, month))
    return FALSE;
  if (!s->has_ref)
    {
      hit_other (hit, NULL, j);
      return TRUE;
    }
  year = closest_year (s, i, month, 0);
  hit_other (hit, g_strdup_printf ("%04d-%02d", year, month), j);
  return TRUE;
}

/* A currency sign right before @i ("$12", "€ 12"): a sum, not a day. */
static gboolean
after_currency (const Scan *s,
                guint       i)
{
  return i > 0 && s->t[i - 1].kind == NF_TOKEN_PUNCT
         && strchr ("$#\xe2\xc2", s->t[i - 1].lower[0]) != NULL;
}

/* "5 May 2020", "28th of April" */
static gboolean
match_day_first (const Scan *s,
                 guint       i,
                 Hit        *hit)
{
  guint j, k;
  int day, month, year;
  GDate d;

  /* the day ("thirty-first" is three tokens), "of", the month */
  if (!month_after (s, i, 5))
    return FALSE;
  day = mday_at (s, i, &j);
  if (day == 0 || after_currency (s, i))
    return FALSE;   /* "bought it for $12 December 27" */
  if (is_word (s, j, "of"))
    j++;
  month = month_at (s, j, &k);
  if (month == 0)
    return FALSE;
  if (is_punct (s, k, ","))
    k++;
  year = year_at (s, k);
  if (year > 0)
    k++;
  else if (is_punct (s, k - 1, ","))
    k--;
  if (year == 0)
    {
      if (!s->has_ref)
        return FALSE;
      year = closest_year (s, i, month, day);
    }
  if (!g_date_valid_dmy (day, month, year))
    return FALSE;
  g_date_clear (&d, 1);
  g_date_set_dmy (&d, day, month, year);
  hit_day (hit, &d, k);
  return TRUE;
}

/* "2020-04-28", "4/28/2020" */
static gboolean
match_numeric_date (const Scan *s,
                    guint       i,
                    Hit        *hit)
{
  const NfToken *t = s->t;
  int a, b, c, year, month, day;
  GDate d;

  if (i + 2 < s->n && t[i].kind == NF_TOKEN_NUMBER && t[i].digits == 4
      && is_punct (s, i + 1, "-") && t[i + 2].kind == NF_TOKEN_NUMBER
      && !t[i + 1].space_before && !t[i + 2].space_before
      && t[i + 2].digits <= 2 && t[i + 2].number >= 1 && t[i + 2].number <= 12
      && t[i].number >= 1800 && t[i].number <= 2100
      && !(i + 3 < s->n && is_punct (s, i + 3, "-") && !t[i + 3].space_before))
    {
      /* "2015-12" (but "2019-20" is a season of two years) */
      if (t[i + 2].lower[0] != '0' && t[i + 2].digits == 2
          && t[i + 2].number > 12)
        return FALSE;
      hit_other (hit, g_strdup_printf ("%04d-%02d", (int) t[i].number,
                                       (int) t[i + 2].number), i + 3);
      return TRUE;
    }
  if (i + 4 >= s->n || t[i].kind != NF_TOKEN_NUMBER
      || t[i + 2].kind != NF_TOKEN_NUMBER || t[i + 4].kind != NF_TOKEN_NUMBER)
    return FALSE;
  for (guint k = i + 1; k <= i + 4; k++)
    if (t[k].space_before)
      return FALSE;
  if (!((is_punct (s, i + 1, "-") && is_punct (s, i + 3, "-"))
        || (is_punct (s, i + 1, "/") && is_punct (s, i + 3, "/"))))
    return FALSE;
  a = (int) t[i].number;
  b = (int) t[i + 2].number;
  c = (int) t[i + 4].number;
  if (t[i].digits == 4)
    year = a, month = b, day = c;
  else if (t[i + 4].digits == 4 && t[i + 1].lower[0] == '/')
    year = c, month = a, day = b;
  else
    return FALSE;
  if (!g_date_valid_dmy (day, month, year))
    return FALSE;
  g_date_clear (&d, 1);
  g_date_set_dmy (&d, day, month, year);
  hit_day (hit, &d, i + 5);
  return TRUE;
}

static char *decade_value (const Scan *s,
                           int         tens);

/* "2019", "the 1990s" */
static gboolean
match_year (const Scan *s,
            guint       i,
            Hit        *hit)
{
  static const char * const not_before[] = {
    "about", "some", "nearly", "almost", "than", "around", "roughly",
    "approximately", "over", "under", "least", "to", "number", "no", NULL
  };
  int year;

  if (i + 1 < s->n && s->t[i].kind == NF_TOKEN_NUMBER && s->t[i].digits == 4
      && !s->t[i].has_comma && !s->t[i].has_point
      && is_word (s, i + 1, "s") && !s->t[i + 1].space_before
      && ((int) s->t[i].number) % 10 == 0)
    {
      hit_other (hit, g_strdup_printf ("%03d", (int) s->t[i].number / 10),
                 i + 2);
      return TRUE;
    }
  if (i > 0 && i + 1 < s->n && s->t[i].kind == NF_TOKEN_NUMBER
      && s->t[i].digits == 2 && ((int) s->t[i].number) % 10 == 0
      && s->t[i].number >= 20 && !s->t[i].space_before
      && (is_punct (s, i - 1, "'") || is_punct (s, i - 1, "\xe2\x80\x99"))
      && is_word (s, i + 1, "s") && !s->t[i + 1].space_before)
    {
      /* "the '80s" (modifier_start () takes the apostrophe in) */
      hit_other (hit, decade_value (s, (int) s->t[i].number / 10), i + 2);
      return TRUE;
    }
  static const char * const old_year_cues[] = {
    "in", "since", "of", "by", "until", "from", "after", "before", "during",
    "around", "circa", NULL
  };

  year = year_at (s, i);
  if (year > 2100 || year < 1000
      || (year < 1800 && !(i > 0 && _nf_token_in (&s->t[i - 1], old_year_cues))))
    return FALSE;
  if (i > 0 && (s->t[i - 1].kind == NF_TOKEN_PUNCT
                && strchr ("$#\xe2\xc2", s->t[i - 1].lower[0]) != NULL))
    return FALSE;   /* "$2000", "#1999", "€2000" */
  if (i > 0 && _nf_token_in (&s->t[i - 1], not_before))
    return FALSE;
  if (i + 1 < s->n && s->t[i + 1].kind == NF_TOKEN_WORD
      && !s->t[i + 1].upper && _nf_scale_word (&s->t[i + 1]) > 0)
    return FALSE;   /* "2000 million" */
  hit_other (hit, g_strdup_printf ("%04d", year), i + 1);
  return TRUE;
}

/* ---- relative dates ---- */

/* "as previously planned", "had been scheduled to expire", "had been due
 * to": the plan at @k is past, and so is the day it named. */
static gboolean
plan_was_past (const Scan *s,
               guint       k)
{
  static const char * const plan_past[] = { "previously", "originally",
                                            "had", NULL };

  return (k >= 1 && _nf_token_in (&s->t[k - 1], plan_past))
         || (k >= 2 && is_word (s, k - 1, "been") && is_word (s, k - 2, "had"));
}

/* Looks back from a weekday for a verb that says it is still to come:
 * "will meet Monday", "is to visit Monday", "plans to ... Monday". */
static gboolean
future_before (const Scan *s,
               guint       i)
{
  static const char * const future[] = {
    "will", "shall", "ll", "scheduled", "upcoming", "planned", "next",
    "expected", "slated", "plans", NULL
  };
  static const char * const to_come[] = { "is", "are", "set", "due", NULL };

  for (guint k = i, steps = 0; k > 0 && steps < 8; k--, steps++)
    {
      const NfToken *t = &s->t[k - 1];

      if (t->kind == NF_TOKEN_PUNCT && strchr (",;:\"", t->lower[0]) != NULL
          && t->lower[1] == '\0')
        return FALSE;
      if (_nf_token_in (t, future))
        return !plan_was_past (s, k - 1);
      if (_nf_token_is (t, "to") && k >= 2 && _nf_token_in (&s->t[k - 2], to_come))
        return !plan_was_past (s, k - 2);   /* "is to resume trading Tuesday" */
      if (t->kind == NF_TOKEN_WORD && (g_str_has_suffix (t->lower, "ed")
                                       || _nf_token_is (t, "said")
                                       || _nf_token_is (t, "told")))
        return FALSE;
    }
  return FALSE;
}

static const char *
part_of_day (const Scan *s,
             guint       i)
{
  static const char * const parts[] = { "morning", "afternoon", "evening",
                                        "night", NULL };
  static const char * const codes[] = { "MO", "AF", "EV", "NI" };
  int k;

  if (i >= s->n || (k = lookup (s->t[i].lower, parts)) < 0)
    return NULL;
  return codes[k];
}

/* "next week Wednesday", "next week on Tuesday", "previous week - Monday" */
static gboolean
match_week_weekday (const Scan *s,
                    guint       i,
                    Hit        *hit)
{
  guint j = i;
  int wd, delta;
  GDate d;

  if ((is_word (s, j, "next") || is_word (s, j, "last")
       || is_word (s, j, "previous") || is_word (s, j, "this"))
      && is_word (s, j + 1, "week"))
    {
      /* "next week Wednesday", "next week on Tuesday" */
      guint k = j + 2;

      if (is_word (s, k, "on") || is_punct (s, k, "-") || is_punct (s, k, ","))
        k++;
      if ((wd = weekday_at (s, k)) > 0 && s->has_ref)
        {
          int week = s->t[j].lower[0] == 'n' ? 7 : s->t[j].lower[0] == 't' ? 0 : -7;

          d = s->ref;
          delta = week + wd - (int) g_date_get_weekday (&d);
          if (delta >= 0)
            g_date_add_days (&d, delta);
          else
            g_date_subtract_days (&d, -delta);
          hit_day (hit, &d, k + 1);
          return TRUE;
        }
    }
  return FALSE;
}

/* "Monday", "last Friday", "next Tuesday", "Monday morning" */
static gboolean
match_weekday (const Scan *s,
               guint       i,
               Hit        *hit)
{
  int rel = 0, wd, refwd, delta;
  guint j = i;
  gboolean this_week = FALSE;
  const char *part;
  GDate d;

  if (is_word (s, j, "last") || is_word (s, j, "past") || is_word (s, j, "previous"))
    rel = -1, j++;
  else if (is_word (s, j, "next") || is_word (s, j, "coming"))
    rel = 1, j++;
  else if (is_word (s, j, "this") && is_word (s, j + 1, "coming"))
    rel = 1, j += 2;   /* "this coming Sunday" */
  else if (is_word (s, j, "this") && is_word (s, j + 1, "past"))
    rel = -1, j += 2;   /* "this past Sunday" */
  else if (is_word (s, j, "this"))
    this_week = TRUE, j++;
  if ((wd = weekday_at (s, j)) == 0)
    return FALSE;
  j++;
  if (rel == 0 && !this_week)
    {
      /* "Saturday, April 25": the date decides */
      guint k = is_punct (s, j, ",") ? j + 1 : j;

      if ((match_month_first (s, k, hit) || match_day_first (s, k, hit))
          && hit->grain == GRAIN_DAY)
        return TRUE;
      g_clear_pointer (&hit->value, g_free);
      hit->grain = GRAIN_NONE;
    }
  if (!s->has_ref)
    {
      hit_other (hit, NULL, j);
      return TRUE;
    }
  d = s->ref;
  refwd = g_date_get_weekday (&d);
  if (this_week)
    delta = wd - refwd;
  else if (rel == 0 && future_before (s, i))
    delta = (wd - refwd + 7) % 7;
  else if (rel == 0)
    delta = -((refwd - wd + 7) % 7);
  else if (rel < 0)
    delta = -((refwd - wd + 6) % 7 + 1);
  else
    delta = (wd - refwd + 6) % 7 + 1;
  if (delta >= 0)
    g_date_add_days (&d, delta);
  else
    g_date_subtract_days (&d, -delta);
  hit_day (hit, &d, j);
  if ((part = part_of_day (s, j)) != NULL)
    hit_other (hit, g_strdup_printf ("%sT%s", hit->value, part), j + 1);
  return TRUE;
}

/* "yesterday", "today", "tomorrow", "tonight", "last night" */
static gboolean
match_deictic_day (const Scan *s,
                   guint       i,
                   Hit        *hit)
{
  static const char * const words[] = { "yesterday", "today", "tomorrow",
                                        "tonight", NULL };
  int k = i < s->n ? lookup (s->t[i].lower, words) : -1;
  guint j = i + 1;
  GDate d = s->ref;
  const char *part = NULL;

  if (k < 0 && is_word (s, i, "last") && is_word (s, i + 1, "night"))
    k = 0, part = "NI", j = i + 2;
  if (k < 0 && is_word (s, i, "this") && (i == 0 || !s->t[i].upper)
      && (part = part_of_day (s, i + 1)))
    k = 1, j = i + 2;   /* but "This Morning" mid-sentence is a title */
  if (k < 0)
    return FALSE;
  if (!s->has_ref)
    {
      hit_other (hit, NULL, j);
      return TRUE;
    }
  if (k == 0)
    g_date_subtract_days (&d, 1);
  else if (k == 2)
    g_date_add_days (&d, 1);
  else if (k == 3)
    part = "NI";
  if (k != 3 && part == NULL)
    part = part_of_day (s, j) ? part_of_day (s, j++) : NULL;
  hit_day (hit, &d, j);
  if (part != NULL)
    hit_other (hit, g_strdup_printf ("%sT%s", hit->value, part), j);
  return TRUE;
}

static int
season_code (const char  *lower,
             const char **code)
{
  static const char * const seasons[] = { "spring", "summer", "fall",
                                          "autumn", "winter", NULL };
  static const char * const codes[] = { "SP", "SU", "FA", "FA", "WI" };
  static const int first_month[] = { 3, 6, 9, 9, 12 };
  int k = lookup (lower, seasons);

  if (k < 0)
    return 0;
  *code = codes[k];
  return first_month[k];
}

/* The value of the week/month/year/... @offset units from the reference
 * day. */
static char *
unit_value (const Scan *s,
            const char *unit,
            int         offset)
{
  GDate d = s->ref;
  int y = g_date_get_year (&d), m = g_date_get_month (&d);
  const char *code;
  int first;

  if (strcmp (unit, "week") == 0 || strcmp (unit, "weekend") == 0)
    {
      g_autofree char *week = NULL;

      if (offset > 0)
        g_date_add_days (&d, 7 * offset);
      else
        g_date_subtract_days (&d, -7 * offset);
      week = format_week (&d);
      return unit[4] ? g_strconcat (week, "-WE", NULL) : g_steal_pointer (&week);
    }
  if (strcmp (unit, "month") == 0)
    {
      int total = y * 12 + (m - 1) + offset;

      return g_strdup_printf ("%04d-%02d", total / 12, total % 12 + 1);
    }
  if (strcmp (unit, "year") == 0)
    return g_strdup_printf ("%04d", y + offset);
  if (strcmp (unit, "quarter") == 0)
    {
      int total = y * 4 + (m - 1) / 3 + offset;

      return g_strdup_printf ("%04d-Q%d", total / 4, total % 4 + 1);
    }
  if (strcmp (unit, "decade") == 0)
    return g_strdup_printf ("%03d", y / 10 + offset);
  if ((first = season_code (unit, &code)) > 0)
    {
      /* "this summer" is this year's; "last summer" the latest one that
       * is over; "next summer" the first that has not begun.  Winter is
       * named after the year of its December. */
      int now = (first == 12 && m < 3) ? m + 12 : m;
      int season_year = (first == 12 && m < 3) ? y - 1 : y;

      if (offset < 0 && now < first + 3)
        season_year--;
      else if (offset > 0 && now >= first)
        season_year++;
      return g_strdup_printf ("%04d-%s", season_year, code);
    }
  return NULL;
}

static int ordinal_quarter_at (const Scan *s,
                               guint       j,
                               guint      *next);

/* "this year's third quarter": @j is after "year" */
static gboolean
year_quarter (const Scan *s,
              guint       j,
              int         offset,
              Hit        *hit)
{
  guint k = j;
  int q;

  if ((is_punct (s, k, "'") || is_punct (s, k, "\xe2\x80\x99"))
      && is_word (s, k + 1, "s"))
    k += 2;
  else if (is_word (s, k, "'s") || is_word (s, k, "\xe2\x80\x99s"))
    k++;
  if (k == j || (q = ordinal_quarter_at (s, k, &k)) == 0)
    return FALSE;
  hit_other (hit, s->has_ref ? g_strdup_printf ("%04d-Q%d",
                                                g_date_get_year (&s->ref)
                                                + offset, q) : NULL, k);
  return TRUE;
}

static char *format_quarter (int total);

/* "over the next year" counts from now, but "the next year he resigned"
 * from the year the story was telling: only the first has a preposition
 * of time before it. */
static gboolean
span_before (const Scan *s,
             guint       i)
{
  static const char * const preps[] = { "over", "in", "during", "within",
                                        "for", "through", NULL };

  return i > 0 && _nf_token_in (&s->t[i - 1], preps);
}


/* "last week", "this month", "earlier this year", "next quarter" */
static gboolean
match_relative_unit (const Scan *s,
                     guint       i,
                     Hit        *hit)
{
  static const char * const units[] = {
    "week", "weekend", "month", "year", "quarter", "decade", "spring",
    "summer", "fall", "autumn", "winter", NULL
  };
  guint j = i;
  int offset;

  if (is_word (s, j, "earlier") || is_word (s, j, "later")
      || is_word (s, j, "early") || is_word (s, j, "late"))
    j++;
  if ((is_word (s, j, "latest") || (is_word (s, j, "most")
                                     && is_word (s, j + 1, "recent")))
      && is_word (s, j + (is_word (s, j, "most") ? 2 : 1), "quarter"))
    {
      /* "the latest quarter": the last one reported, the one before now */
      j += is_word (s, j, "most") ? 2 : 1;
      hit_other (hit, s->has_ref ? unit_value (s, "quarter", -1) : NULL, j + 1);
      return TRUE;
    }
  if (is_word (s, j, "last") || is_word (s, j, "previous")
      || (is_word (s, j, "past") && j > 0 && is_word (s, j - 1, "the")))
    offset = -1;   /* "the past year"; "past" alone is rarely a date's */
  else if (is_word (s, j, "this") || is_word (s, j, "current"))
    offset = 0;
  else if (is_word (s, j, "next") || is_word (s, j, "coming"))
    offset = 1;
  else
    return FALSE;
  if (is_word (s, j, "next") && j > 0 && is_word (s, j - 1, "the")
      && !span_before (s, j - 1))
    return FALSE;   /* "the next year he resigned": the story's next year */
  j++;
  if (offset == 0 && is_word (s, j - 1, "this") && is_word (s, j, "past"))
    offset = -1, j++;   /* "this past spring" */
  if (is_word (s, j, "fiscal") && is_word (s, j + 1, "year"))
    j++;   /* "the current fiscal year" */
  if (j >= s->n || !_nf_token_in (&s->t[j], units))
    return FALSE;
  if (j == i + 1 && i > 0 && s->t[i].upper && s->t[j].upper)
    return FALSE;   /* mid-sentence "This Week", "Next Year": a title */
  if (is_word (s, j, "year") && year_quarter (s, j + 1, offset, hit))
    return TRUE;
  if (is_word (s, j, "year") && offset < 0 && s->focus_q > 0)
    {
      /* "last year's quarter": the quarter in focus, a year before */
      guint k = j + 1;

      if ((is_punct (s, k, "'") || is_punct (s, k, "\xe2\x80\x99"))
          && is_word (s, k + 1, "s"))
        k += 2;
      else if (is_word (s, k, "'s") || is_word (s, k, "\xe2\x80\x99s"))
        k++;
      if (k > j + 1 && (is_word (s, k, "quarter") || is_word (s, k, "period")))
        {
          hit->back = TRUE;
          hit_other (hit, s->has_ref ? format_quarter (s->focus_q - 4) : NULL,
                     k + 1);
          return TRUE;
        }
    }
  hit_other (hit, s->has_ref ? unit_value (s, s->t[j].lower, offset) : NULL,
             j + 1);
  return TRUE;
}

/* "two weeks ago", "a year ago", "three days earlier" is left out: it
 * counts from a day the sentence names, not from the article's. */
static gboolean
match_ago (const Scan *s,
           guint       i,
           Hit        *hit)
{
  static const char * const units[] = { "day", "days", "week", "weeks",
                                        "month", "months", "year", "years",
                                        "decade", "decades", NULL };
  double value;
  guint j, end;
  NfNumberFlags flags;
  int unit;
  GDate d = s->ref;

  static const char * const about[] = { "nearly", "almost", "about",
                                        "roughly", "some", NULL };

  static const char * const ago[] = { "ago", NULL };

  /* "nearly two weeks ago": the hedge is part of the date */
  if (s->t[i].datestart && _nf_token_in (&s->t[i], about) && i + 1 < s->n)
    i++;
  /* a number up to 1000 ("nine hundred and ninety-nine" is six tokens),
   * its unit, "ago" */
  if (!word_after (s, i, 8, "a", ago))
    return FALSE;
  if (is_word (s, i, "a") && is_word (s, i + 1, "few"))
    value = 0, j = i + 2;   /* "a few years ago": some time back */
  else if (is_word (s, i, "several"))
    value = 0, j = i + 1;
  else if (is_word (s, i, "a") || is_word (s, i, "an"))
    value = 1, j = i + 1;
  else if (!_nf_number_parse (s->t, s->n, i, &value, &j, &flags)
           || value < 1 || value > 1000 || value != (int) value)
    return FALSE;
  if (j + 1 >= s->n || (unit = lookup (s->t[j].lower, units)) < 0)
    return FALSE;
  end = j + 1;
  if (is_word (s, end, "or") && is_word (s, end + 1, "so"))
    end += 2;   /* "a week or so ago" */
  if (!is_word (s, end, "ago"))
    return FALSE;
  end++;
  if (value == 0 || !s->has_ref)
    {
      hit_other (hit, value == 0 ? g_strdup ("PAST_REF") : NULL, end);
      return TRUE;
    }
  switch (unit / 2)
    {
    case 0:
      g_date_subtract_days (&d, (guint) value);
      hit_day (hit, &d, end);
      break;
    case 1:
      g_date_subtract_days (&d, 7 * (guint) value);
      hit_other (hit, format_week (&d), end);
      break;
    case 2:
      g_date_subtract_months (&d, (guint) value);
      hit_other (hit, g_strdup_printf ("%04d-%02d", g_date_get_year (&d),
                                       g_date_get_month (&d)), end);
      break;
    case 3:
      hit_other (hit, g_strdup_printf ("%04d", g_date_get_year (&d)
                                       - (int) value), end);
      break;
    default:
      hit_other (hit, g_strdup_printf ("%03d", (g_date_get_year (&d)
                                                - 10 * (int) value) / 10),
                 end);
    }
  return TRUE;
}

/* "the first quarter", "the third quarter of 2019", "first half" */
static gboolean
match_quarter (const Scan *s,
               guint       i,
               Hit        *hit)
{
  double nth;
  guint j;
  int year, q, now_q;
  gboolean half, two;

  static const char * const heads[] = { "quarter", "quarters", "half",
                                        "century", "centuries", NULL };

  /* an ordinal up to 21st ("twenty-first" is three tokens), a hyphen, the
   * head word */
  if (!word_after (s, i, 5, "qhc", heads))
    return FALSE;
  if (is_word (s, i, "last") && (is_word (s, i + 1, "half")
                                 || (is_word (s, i + 1, "two")
                                     && is_word (s, i + 2, "quarters"))))
    nth = 2, j = i + 1;   /* "the last half of 1989" */
  else if (!_nf_ordinal_parse (s->t, s->n, i, &nth, &j) || nth < 1)
    return FALSE;
  if ((is_word (s, j, "century") || is_word (s, j, "centuries")) && nth <= 21)
    {
      /* "the 18th century" is the 1700s: TIMEX3 "17" */
      hit_other (hit, g_strdup_printf ("%02d", (int) nth - 1), j + 1);
      return TRUE;
    }
  if (nth > 4)
    return FALSE;
  if (is_punct (s, j, "-") && !s->t[j].space_before)
    j++;   /* "third-quarter" */
  /* "the first two quarters of 1990" is its first half; without a year
   * it is more often a span counted back from now */
  two = is_word (s, j, "two") && is_word (s, j + 1, "quarters")
        && (nth == 1 || is_word (s, i, "last"));
  half = two || is_word (s, j, "half");
  if (!(is_word (s, j, "quarter") || (half && nth <= 2)))
    return FALSE;
  q = (int) nth;
  j += two ? 2 : 1;
  if ((two || is_word (s, i, "last"))
      && !(is_word (s, j, "of") && year_at (s, j + 1) > 0))
    return FALSE;
  if (is_word (s, j, "of") && (year = year_at (s, j + 1)) > 0)
    j += 2;
  else if ((year = year_at (s, j)) > 0)
    j++;
  else if (!s->has_ref)
    {
      hit_other (hit, NULL, j);
      return TRUE;
    }
  else
    {
      /* a quarter not begun yet is last year's: "first-quarter profit" */
      year = g_date_get_year (&s->ref);
      now_q = half ? (g_date_get_month (&s->ref) - 1) / 6 + 1
                   : (g_date_get_month (&s->ref) - 1) / 3 + 1;
      if (q > now_q)
        year--;
    }
  hit_other (hit, g_strdup_printf ("%04d-%c%d", year, half ? 'H' : 'Q', q),
             j);
  return TRUE;
}

/* "now", "until now", "recently", "in recent weeks", "in the future":
 * TIMEX3 reference points, no calendar value */
static gboolean
match_vague (const Scan *s,
             guint       i,
             Hit        *hit)
{
  static const char * const present[] = { "now", "currently", "nowadays",
                                          NULL };
  static const char * const past[] = { "recently", "lately",
                                       NULL };
  static const char * const spans[] = { "days", "weeks", "months", "years",
                                        "quarters", NULL };
  const char *value = NULL;
  guint j = i;
  guint the = is_word (s, i, "the") ? 1 : 0;

  if ((is_word (s, j, "until") || is_word (s, j, "till"))
      && is_word (s, j + 1, "now"))
    j++;
  if (j >= s->n || s->t[j].kind != NF_TOKEN_WORD)
    return FALSE;
  if (lookup (s->t[j].lower, present) >= 0)
    value = "PRESENT_REF", j++;
  else if (is_word (s, j, "these") && is_word (s, j + 1, "days"))
    value = "PRESENT_REF", j += 2;
  else if (lookup (s->t[j].lower, past) >= 0)
    value = "PAST_REF", j++;
  else if (is_word (s, j, "recent") && j + 1 < s->n
           && _nf_token_in (&s->t[j + 1], spans))
    value = "PAST_REF", j += 2;
  else if (is_word (s, j + the, "coming") && j + the + 1 < s->n
           && _nf_token_in (&s->t[j + the + 1], spans))
    value = "FUTURE_REF", j += the + 2;   /* "in (the) coming months" */
  else if (is_word (s, j, "the") && is_word (s, j + 1, "past")
           && (j + 2 >= s->n || s->t[j + 2].kind == NF_TOKEN_PUNCT))
    value = "PAST_REF", j += 2;
  else if (is_word (s, j, "the") && (is_word (s, j + 1, "future")
                                     || (is_word (s, j + 1, "near")
                                         && is_word (s, j + 2, "future"))))
    value = "FUTURE_REF", j += is_word (s, j + 1, "near") ? 3 : 2;
  else if (is_word (s, j, "soon") && !is_word (s, j + 1, "after")
           && !is_word (s, j + 1, "as"))
    value = "FUTURE_REF", j++;
  else
    return FALSE;
  hit_other (hit, g_strdup (value), j);
  return TRUE;
}

/* ---- expressions that lean on the quarter named before ---- */

/* The quarter "the quarter" means: the one named last, else the last one
 * over. */
static int
quarter_in_focus (const Scan *s)
{
  if (s->focus_q > 0 || !s->has_ref)
    return s->focus_q;
  return g_date_get_year (&s->ref) * 4
         + (g_date_get_month (&s->ref) - 1) / 3 - 1;
}

static char *
format_quarter (int total)
{
  return g_strdup_printf ("%04d-Q%d", total / 4, total % 4 + 1);
}

/* "year-earlier", "year-ago": the tokens after it, or 0. */
static guint
year_back_at (const Scan *s,
              guint       j)
{
  if (is_word (s, j, "year") && is_punct (s, j + 1, "-")
      && !s->t[j + 1].space_before && !s->t[j + 2 < s->n ? j + 2 : j].space_before
      && (is_word (s, j + 2, "earlier") || is_word (s, j + 2, "ago")))
    return j + 3;
  return 0;
}

/* "a year earlier", "a year ago": the tokens after it, or 0. */
static guint
a_year_back_at (const Scan *s,
                guint       j)
{
  if ((is_word (s, j, "a") || is_word (s, j, "one")) && is_word (s, j + 1, "year")
      && (is_word (s, j + 2, "earlier") || is_word (s, j + 2, "ago")))
    return j + 3;
  return 0;
}

/* An ordinal quarter at @j ("third quarter", "third-quarter"): 1-4, with
 * @next after it, or 0. */
static int
ordinal_quarter_at (const Scan *s,
                    guint       j,
                    guint      *next)
{
  double nth;
  guint k;

  if (!_nf_ordinal_parse (s->t, s->n, j, &nth, &k) || nth < 1 || nth > 4)
    return 0;
  if (is_punct (s, k, "-") && !s->t[k].space_before)
    k++;
  if (!is_word (s, k, "quarter"))
    return 0;
  *next = k + 1;
  return (int) nth;
}

/* "year-earlier", "the year-ago quarter", "the year-earlier third
 * quarter": the quarter in focus a year before, or last year. */
static gboolean
match_year_back (const Scan *s,
                 guint       i,
                 Hit        *hit)
{
  guint j = is_word (s, i, "the") ? i + 1 : i, k;
  gboolean quarter = s->focus_q > 0;
  int total = quarter_in_focus (s), q;

  if (is_word (s, j, "comparable") || is_word (s, j, "corresponding"))
    j++;
  if ((j = year_back_at (s, j)) == 0)
    return FALSE;
  if ((q = ordinal_quarter_at (s, j, &k)) > 0)
    total = total / 4 * 4 + q - 1, j = k, quarter = TRUE;
  else if (is_word (s, j, "quarter") || is_word (s, j, "period"))
    j++, quarter = TRUE;
  else if (j == i + 4)
    return FALSE;   /* "the year-earlier profit": the date is the word */
  hit->back = TRUE;
  if (!s->has_ref)
    hit_other (hit, NULL, j);
  else if (quarter)
    hit_other (hit, format_quarter (total - 4), j);
  else
    hit_other (hit, g_strdup_printf ("%04d", g_date_get_year (&s->ref) - 1), j);
  return TRUE;
}

/* "the quarter", "the quarter a year ago", "a year earlier" after a
 * quarter was named, "the 1988 third quarter", "the 1988 period" */
static gboolean
match_focus_quarter (const Scan *s,
                     guint       i,
                     Hit        *hit)
{
  guint j, k;
  int year, q, total = quarter_in_focus (s);

  if ((j = a_year_back_at (s, i)) > 0)
    {
      /* without a quarter named, the year before */
      hit->back = TRUE;
      if (!s->has_ref)
        hit_other (hit, NULL, j);
      else if (s->focus_q == 0)
        hit_other (hit, g_strdup_printf ("%04d", g_date_get_year (&s->ref) - 1),
                   j);
      else
        hit_other (hit, format_quarter (s->focus_q - 4), j);
      return TRUE;
    }
  if (!is_word (s, i, "the"))
    return FALSE;
  if (s->focus_q > 0 && (is_word (s, i + 1, "same") || is_word (s, i + 1, "corresponding")
                         || is_word (s, i + 1, "comparable"))
      && (is_word (s, i + 2, "period") || is_word (s, i + 2, "quarter")))
    {
      /* "the same period last year", "the corresponding quarter a year
       * earlier": the quarter in focus, a year back */
      j = i + 3;
      if (is_word (s, j, "of") && is_word (s, j + 1, "last"))
        j++;
      if (is_word (s, j, "last") && is_word (s, j + 1, "year"))
        j += 2;
      else if ((k = a_year_back_at (s, j)) > 0)
        j = k;
      else
        return FALSE;
      hit->back = TRUE;
      hit_other (hit, s->has_ref ? format_quarter (s->focus_q - 4) : NULL, j);
      return TRUE;
    }
  if ((year = year_at (s, i + 1)) > 0)
    {
      if ((q = ordinal_quarter_at (s, i + 2, &k)) > 0)
        hit_other (hit, g_strdup_printf ("%04d-Q%d", year, q), k);
      else if (s->focus_q > 0
               && (is_word (s, i + 2, "quarter") || is_word (s, i + 2, "period")))
        hit_other (hit, g_strdup_printf ("%04d-Q%d", year, s->focus_q % 4 + 1),
                   i + 3);
      else
        return FALSE;
      return TRUE;
    }
  if (is_word (s, i + 1, "latest") && is_word (s, i + 2, "period"))
    {
      hit_other (hit, s->has_ref ? format_quarter (total) : NULL, i + 3);
      return TRUE;
    }
  if (!is_word (s, i + 1, "quarter") || is_punct (s, i + 2, "-")
      || (is_word (s, i + 2, "of") && year_at (s, i + 3) == 0))
    return FALSE;   /* "the quarter-point cut", "the quarter of a century" */
  j = i + 2;
  if ((k = a_year_back_at (s, j)) > 0)
    j = k, total -= 4, hit->back = TRUE;
  hit_other (hit, s->has_ref ? format_quarter (total) : NULL, j);
  return TRUE;
}

/* "the third quarter", "the fiscal first quarter", "fiscal 1989", "the
 * latest quarter", "the current year": the article and "fiscal" are part
 * of the name. */
static gboolean
match_with_article (const Scan *s,
                    guint       i,
                    Hit        *hit)
{
  guint j = i;

  if (is_word (s, j, "the"))
    j++;
  if (is_word (s, j, "fiscal"))
    j++;
  if (j == i || j >= s->n)
    return FALSE;
  if (match_quarter (s, j, hit))
    {
      /* "the third-quarter results": a quarter as an adjective leaves
       * the article to its noun */
      if (!is_word (s, i, "the") || !is_punct (s, hit->next - 2, "-")
          || !is_word (s, hit->next - 1, "quarter"))
        return TRUE;
      g_clear_pointer (&hit->value, g_free);
      hit->grain = GRAIN_NONE;
      return FALSE;
    }
  if (is_word (s, i, "the") && (is_word (s, j, "latest") || is_word (s, j, "current")
                                || is_word (s, j, "past") || is_word (s, j, "last")
                                || (is_word (s, j, "next") && span_before (s, i)))
      && !is_word (s, j + 2, "of") && match_relative_unit (s, j, hit))
    return TRUE;   /* "the past year", "over the next year"; "the last
                    * week of March" is no week before this one */
  if (is_word (s, j - 1, "fiscal"))
    return match_year (s, j, hit);
  return FALSE;
}

/* "nineteen ninety-six", "January nineteen ninety-seven", "the year two
 * thousand": years read out in broadcast transcripts */
static gboolean
match_spelled_year (const Scan *s,
                    guint       i,
                    Hit        *hit)
{
  guint j = i, k;
  int month = month_at (s, i, &k), year;
  double v;
  NfNumberFlags flags;

  if (is_word (s, i, "the") && is_word (s, i + 1, "year"))
    {
      if (i + 2 >= s->n || s->t[i + 2].kind != NF_TOKEN_WORD
          || !_nf_number_parse (s->t, s->n, i + 2, &v, &k, &flags)
          || v < 1000 || v > 2100 || v != (int) v)
        return FALSE;
      hit_other (hit, g_strdup_printf ("%04d", (int) v), k);
      return TRUE;
    }
  if (month > 0)
    j = k;
  if (!is_word (s, j, "nineteen") && !is_word (s, j, "eighteen"))
    return FALSE;
  if (j + 1 >= s->n || s->t[j + 1].kind != NF_TOKEN_WORD
      || !_nf_number_parse (s->t, s->n, j + 1, &v, &k, &flags)
      || v < 10 || v > 99 || v != (int) v)
    return FALSE;
  year = (is_word (s, j, "nineteen") ? 1900 : 1800) + (int) v;
  hit_other (hit, month > 0 ? g_strdup_printf ("%04d-%02d", year, month)
                            : g_strdup_printf ("%04d", year), k);
  return TRUE;
}

/* "the summer" (this year's), "the winter of 1994", "summer 1998" */
static gboolean
match_season (const Scan *s,
              guint       i,
              Hit        *hit)
{
  guint j = is_word (s, i, "the") ? i + 1 : i, k;
  const char *code;
  int year;
  Hit y = { 0 };

  if (j > i && (is_word (s, j, "early") || is_word (s, j, "late")))
    j++;   /* "the early summer" */
  if (j >= s->n || season_code (s->t[j].lower, &code) == 0)
    return FALSE;
  k = is_word (s, j + 1, "of") ? j + 2 : j + 1;
  if ((year = year_at (s, k)) > 0)
    k++;
  else if (match_spelled_year (s, k, &y) && y.value != NULL
           && strlen (y.value) == 4)
    year = atoi (y.value), k = y.next;
  g_free (y.value);
  if (year > 0)
    {
      hit_other (hit, g_strdup_printf ("%04d-%s", year, code), k);
      return TRUE;
    }
  if (j == i)
    return FALSE;   /* "summer" alone may be a name or a noun */
  hit_other (hit, s->has_ref ? unit_value (s, s->t[j].lower, 0) : NULL, j + 1);
  return TRUE;
}

/* The latest decade @tens (2-9: "the twenties" to "the nineties", or
 * the digits of "the '80s") that has begun by the reference year:
 * TIMEX3 "199" for the 1990s. */
static char *
decade_value (const Scan *s,
              int         tens)
{
  int ref = s->has_ref ? g_date_get_year (&s->ref) : 1999;
  int start = ref / 100 * 100 + tens * 10;

  if (start > ref)
    start -= 100;
  return g_strdup_printf ("%03d", start / 10);
}

/* "the nineties", "the 'eighties" */
static gboolean
match_decade_word (const Scan *s,
                   guint       i,
                   Hit        *hit)
{
  static const char * const decades[] = {
    "twenties", "thirties", "forties", "fifties", "sixties", "seventies",
    "eighties", "nineties", NULL
  };
  int k;

  if (!is_word (s, i, "the") || i + 1 >= s->n
      || (k = lookup (s->t[i + 1].lower, decades)) < 0)
    return FALSE;
  hit_other (hit, decade_value (s, k + 2), i + 2);
  return TRUE;
}

/* "by year-end", "by year's end" (this year's), "since year-end" (last
 * year's), "for the full year", "for the year ended ...": earnings copy's
 * names of the year it reports on */
static gboolean
match_year_end (const Scan *s,
                guint       i,
                Hit        *hit)
{
  static const char * const heads[] = { "end", "beginning", "start",
                                        "middle", NULL };
  guint j = i;
  int offset = 0;

  if (is_word (s, i, "the") && i >= 2 && is_word (s, i - 1, "of")
      && _nf_token_in (&s->t[i - 2], heads)
      && (is_word (s, i + 1, "year") || is_word (s, i + 1, "month")
          || is_word (s, i + 1, "week")))
    {
      /* "by the end of the year": of this one (modifier_start () takes
       * "end of" in) */
      hit_other (hit, s->has_ref ? unit_value (s, s->t[i + 1].lower, 0) : NULL,
                 i + 2);
      return TRUE;
    }
  if (is_word (s, i, "the") && i > 0 && is_word (s, i - 1, "for")
      && is_word (s, i + 1, "full") && is_word (s, i + 2, "year"))
    j = i + 3;
  else if (is_word (s, i, "the") && i > 0 && is_word (s, i - 1, "for")
           && is_word (s, i + 1, "year")
           && (i + 2 >= s->n || s->t[i + 2].kind == NF_TOKEN_PUNCT
               || is_word (s, i + 2, "ended") || is_word (s, i + 2, "ending")))
    j = i + 2;
  else if (is_word (s, i, "year") && i > 0
           && (is_word (s, i - 1, "by") || is_word (s, i - 1, "since")
               || is_word (s, i - 1, "before") || is_word (s, i - 1, "until")
               || is_word (s, i - 1, "around")))
    {
      if (is_punct (s, i + 1, "-") && is_word (s, i + 2, "end"))
        j = i + 3;
      else if (is_word (s, i + 1, "end"))
        j = i + 2;
      else if ((is_punct (s, i + 1, "'") || is_punct (s, i + 1, "\xe2\x80\x99"))
               && is_word (s, i + 2, "s") && is_word (s, i + 3, "end"))
        j = i + 4;
      else if (is_word (s, i + 1, "'s") && is_word (s, i + 2, "end"))
        j = i + 3;
      else
        return FALSE;
      if (is_word (s, i - 1, "since"))
        offset = -1;
    }
  else
    return FALSE;
  hit_other (hit, s->has_ref ? g_strdup_printf ("%04d", g_date_get_year (&s->ref)
                                                + offset) : NULL, j);
  return TRUE;
}

/* "over the weekend" is the last one, "ahead of the weekend" the next */
static gboolean
match_weekend (const Scan *s,
               guint       i,
               Hit        *hit)
{
  GDate d = s->ref;
  int wd;
  g_autofree char *week = NULL;

  if (!is_word (s, i, "the") || !is_word (s, i + 1, "weekend"))
    return FALSE;
  if (!s->has_ref)
    {
      hit_other (hit, NULL, i + 2);
      return TRUE;
    }
  wd = g_date_get_weekday (&d);
  if (future_before (s, i) || (i > 0 && (is_word (s, i - 1, "of")
                                          || is_word (s, i - 1, "until"))))
    {
      if (wd < G_DATE_SATURDAY)
        g_date_add_days (&d, G_DATE_SATURDAY - wd);
    }
  else if (wd < G_DATE_SATURDAY)
    g_date_subtract_days (&d, wd + 1);
  week = format_week (&d);
  hit_other (hit, g_strconcat (week, "-WE", NULL), i + 2);
  return TRUE;
}

/* ---- one expression with its modifiers ---- */

typedef gboolean (*Matcher) (const Scan *s, guint i, Hit *hit);

static gboolean
match_core (const Scan *s,
            guint       i,
            Hit        *hit)
{
  /* match_at () asks only some of these at "the", "a" and "an": a
   * matcher that can start at an article must be asked there too. */
  static const Matcher matchers[] = {
    match_numeric_date, match_spelled_year, match_month_relative,
    match_month_first, match_day_first, match_week_weekday, match_weekday,
    match_deictic_day, match_relative_unit, match_year_back,
    match_focus_quarter, match_with_article, match_weekend,
    match_decade_word, match_season,
    match_year_end, match_ago,
    match_quarter, match_year, match_vague,
  };

  for (guint k = 0; k < G_N_ELEMENTS (matchers); k++)
    if (matchers[k] (s, i, hit))
      return TRUE;
  return FALSE;
}

/* Adds a clock time after a day ("April 28, 2020 - 09:21", "Monday at 3
 * p.m."). */
static void
extend_with_time (const Scan *s,
                  Hit        *hit)
{
  guint j = hit->next, end;
  int hour, minute;

  if (hit->grain != GRAIN_DAY)
    return;
  if (is_punct (s, j, "-") || is_punct (s, j, ",") || is_word (s, j, "at"))
    j++;
  if ((end = match_clock (s, j, &hour, &minute)) == 0)
    return;
  hit_other (hit, g_strdup_printf ("%sT%02d:%02d", hit->value, hour, minute),
             end);
}

/* A clock time, with the day that follows it ("3 p.m. Monday"). */
static gboolean
match_time (const Scan *s,
            guint       i,
            Hit        *hit)
{
  int hour, minute;
  guint j = match_clock (s, i, &hour, &minute), k;
  Hit day = { 0 };
  gboolean have_day = FALSE;

  if (j == 0)
    return FALSE;
  k = (is_word (s, j, "on") || is_punct (s, j, ",")) ? j + 1 : j;
  if (is_punct (s, k, ",") || is_word (s, k, "on"))
    k++;
  if (match_weekday (s, k, &day) || match_deictic_day (s, k, &day)
      || match_month_first (s, k, &day))
    have_day = day.grain == GRAIN_DAY;
  if (have_day)
    j = day.next;
  if (have_day || s->has_ref)
    {
      GDate d = have_day ? day.day : s->ref;
      g_autofree char *ymd = format_day (&d);

      hit_other (hit, g_strdup_printf ("%sT%02d:%02d", ymd, hour, minute), j);
    }
  else
    hit_other (hit, NULL, j);
  g_free (day.value);
  return TRUE;
}

/* Returns the token where the expression's text starts when a modifier
 * stands before @i, else @i: "end of December", "early 1980s" (without
 * their article, as the spec's examples give them); "around" and
 * "sometime" make it approximate ("around Nov. 1", "sometime next
 * year").  "Earlier Sunday" stays "Sunday": the two TempEval-3 sets mark
 * it each their own way. */
static guint
modifier_start (const Scan *s,
                guint       i,
                const Hit  *hit)
{
  static const char * const heads[] = { "end", "beginning", "start",
                                        "middle", "turn", NULL };
  static const char * const loose[] = { "early", "late", "mid", NULL };
  static const char * const near[] = { "around", "sometime", NULL };
  guint k = i;

  if (k >= 1 && s->t[k].kind == NF_TOKEN_NUMBER && !s->t[k].space_before
      && s->t[k].digits == 2 && hit->value != NULL && strlen (hit->value) == 3)
    k--;   /* the apostrophe of "the '80s" */
  if (k >= 2 && is_word (s, k - 1, "of") && _nf_token_in (&s->t[k - 2], heads))
    k -= 2;
  else if (k >= 2 && is_punct (s, k - 1, "-") && is_word (s, k - 2, "mid"))
    k -= 2;
  else if (k >= 1 && _nf_token_in (&s->t[k - 1], loose))
    k -= 1;
  if (k >= 1 && _nf_token_in (&s->t[k - 1], near))
    return k - 1;
  return k;
}

static void
add_date (NfArticle  *article,
          const Scan *s,
          guint       first,
          guint       last,
          char       *value)
{
  gsize start = s->t[first].start, end = s->t[last - 1].end;
  g_autofree char *text = g_strndup (article->text + start, end - start);

  g_ptr_array_add (article->dates, nf_date_new (text, value, start, end));
}

/* Only numerals, number words and the words below can start a date, so
 * the matchers run at few tokens.  The tokenizer marks the words
 * (NfToken.datestart) when it looks up the number words. */
static const char * const start_words[] = {
  "last", "next", "this", "past", "previous", "coming", "current",
  "earlier", "later", "early", "late", "yesterday", "today", "tomorrow",
  "tonight", "now", "until", "till", "currently", "nowadays", "these",
  "recently", "lately", "recent", "the", "soon", "noon", "midday",
  "midnight", "a",
  "an", "sept", "latest", "most", "year", "fiscal", "nearly", "almost",
  "about", "roughly", "some", "several", "spring", "summer", "fall", "autumn",
  "winter", NULL
};

const char * const * const *
_nf_dates_start_words (guint *n_lists)
{
  static const char * const * const lists[] = { start_words, month_names,
                                                month_abbrevs, weekday_names };

  *n_lists = G_N_ELEMENTS (lists);
  return lists;
}

static gboolean
may_start_date (const Scan *s,
                guint       i)
{
  const NfToken *t = &s->t[i];

  return t->kind == NF_TOKEN_NUMBER
         || (t->kind == NF_TOKEN_WORD && (t->numword || t->datestart));
}

/* How many sentences a named quarter stays the one "the quarter" means
 * (TempEval-3 TimeBank: 1 to 8 score within 0.003 of one another). */
#define FOCUS_SENTENCES 3

/* Keeps the quarter a value names ("2019-Q3") in focus. */
static void
note_focus (Scan       *s,
            const char *value)
{
  int year, q;

  if (value != NULL && strlen (value) == 7 && value[4] == '-' && value[5] == 'Q'
      && sscanf (value, "%4d-Q%1d", &year, &q) == 2 && q >= 1 && q <= 4)
    {
      s->focus_q = year * 4 + q - 1;
      s->focus_age = 0;
    }
}

/* Whether a date can start at "the" when @t follows it.  Each matcher
 * that takes an article reads the word after it first: a numeral, a
 * number word, a word that may start a date ("the year", "the past",
 * "the summer"), or one of these.  Most words after "the" are none. */
static gboolean
may_follow_the (const NfToken *t)
{
  static const char * const nouns[] = {
    "comparable", "corresponding", "same", "quarter", "month", "week",
    "weekend", "full", "future", "near", "twenties", "thirties", "forties",
    "fifties", "sixties", "seventies", "eighties", "nineties", NULL
  };

  if (t->kind == NF_TOKEN_NUMBER || t->numword || t->datestart)
    return TRUE;
  return t->kind == NF_TOKEN_WORD && _nf_token_in (t, nouns);
}

/* The date expression at "the", "a" or "an".  The articles, a tenth of
 * the words, can start few: "the" the names of quarters and weekends,
 * "the past" and "the (near) future" (match_vague ()); "an" only
 * match_ago (); "a" "a year earlier", match_ago () and the ordinals ("a"
 * followed by a number word) of match_day_first () and match_quarter ().
 * Returns -1 when @i is no article. */
static int
match_article (const Scan *s,
               guint       i,
               Hit        *hit)
{
  if (is_word (s, i, "the"))
    return i + 1 < s->n && may_follow_the (&s->t[i + 1])
           && (match_year_back (s, i, hit) || match_focus_quarter (s, i, hit)
               || match_with_article (s, i, hit) || match_weekend (s, i, hit)
               || match_spelled_year (s, i, hit) || match_decade_word (s, i, hit)
               || match_season (s, i, hit) || match_year_end (s, i, hit)
               || match_vague (s, i, hit));
  if (is_word (s, i, "an"))
    return match_ago (s, i, hit);
  if (is_word (s, i, "a"))
    return match_day_first (s, i, hit) || match_focus_quarter (s, i, hit)
           || match_ago (s, i, hit) || match_quarter (s, i, hit);
  return -1;
}

/* The date expression at token @i, if any: a clock time, or what
 * match_core () finds.  Most tokens asked are numerals, number words,
 * articles, months and weekdays, and each of these can start only a few
 * kinds of date: only those matchers are asked, in match_core ()'s order
 * (every other one turns such a token away at its first test).  A
 * matcher that comes to take one of these must be asked here too. */
static gboolean
match_at (const Scan *s,
          guint       i,
          Hit        *hit)
{
  static const char * const hedges[] = { "nearly", "almost", "about",
                                         "roughly", "some", "several", NULL };
  const NfToken *t = &s->t[i];
  guint next;
  int done;

  if (t->kind == NF_TOKEN_NUMBER)
    return match_time (s, i, hit) || match_numeric_date (s, i, hit)
           || match_day_first (s, i, hit) || match_ago (s, i, hit)
           || match_quarter (s, i, hit) || match_year (s, i, hit);
  if (!t->datestart)
    /* a number word: "two weeks ago", "first quarter", "nineteen ..." */
    return match_spelled_year (s, i, hit) || match_day_first (s, i, hit)
           || match_focus_quarter (s, i, hit) || match_ago (s, i, hit)
           || match_quarter (s, i, hit);
  if ((done = match_article (s, i, hit)) >= 0)
    return done;
  if (month_at (s, i, &next) > 0)
    return match_spelled_year (s, i, hit) || match_month_first (s, i, hit);
  if (weekday_at (s, i) > 0)
    return match_weekday (s, i, hit);
  if (_nf_token_is (t, "year"))
    return match_year_back (s, i, hit) || match_year_end (s, i, hit);
  if (_nf_token_in (t, hedges))
    return match_ago (s, i, hit);   /* "nearly two weeks ago" */
  return match_time (s, i, hit) || match_core (s, i, hit);
}

/* @taken, when not NULL, gets the marks _nf_dates_mark () would give. */
static void
scan_sentence (NfArticle *article,
               Scan      *s,
               guint8    *taken)
{
  guint i = 0;

  /* a quarter named a few sentences back is no longer the one meant */
  if (s->focus_q > 0 && ++s->focus_age > FOCUS_SENTENCES)
    s->focus_q = 0;
  while (i < s->n)
    {
      Hit hit = { 0 };
      guint first;

      if (may_start_date (s, i) && match_at (s, i, &hit))
        {
          extend_with_time (s, &hit);
          first = modifier_start (s, i, &hit);
          if (!hit.back)
            note_focus (s, hit.value);
          add_date (article, s, first, hit.next, hit.value);
          for (guint k = first; taken != NULL && k < hit.next; k++)
            taken[k] = 1;
          g_free (hit.value);
          i = hit.next;
        }
      else
        i++;
    }
}

void
_nf_dates_mark (const NfToken *tokens,
                guint          n_tokens,
                guint8        *taken)
{
  Scan s = { tokens, n_tokens, { 0 }, FALSE, 0, 0 };
  guint i = 0;

  g_date_clear (&s.ref, 1);
  while (i < s.n)
    {
      Hit hit = { 0 };

      if (may_start_date (&s, i) && match_at (&s, i, &hit))
        {
          extend_with_time (&s, &hit);
          for (guint k = modifier_start (&s, i, &hit); k < hit.next; k++)
            taken[k] = 1;
          g_free (hit.value);
          i = hit.next;
        }
      else
        i++;
    }
}

/* ---- the reference day ---- */

static gboolean
parse_iso (const char *iso,
           GDate      *date,
           int        *hour)
{
  int y = 0, m = 0, d = 0, hh = -1, mm = 0;

  if (iso == NULL || sscanf (iso, "%4d-%2d-%2d", &y, &m, &d) != 3
      || !g_date_valid_dmy (d, m, y))
    return FALSE;
  if (strlen (iso) >= 16 && iso[10] == 'T')
    sscanf (iso + 11, "%2d:%2d", &hh, &mm);
  g_date_clear (date, 1);
  g_date_set_dmy (date, d, m, y);
  if (hour != NULL)
    *hour = hh;
  return TRUE;
}

static const char *
first_body_text (const NfArticle *article,
                 gsize           *len)
{
  for (guint i = 0; i < article->blocks->len; i++)
    {
      const NfBlock *b = &g_array_index (article->blocks, NfBlock, i);

      if (b->kind == NF_BLOCK_BODY)
        {
          *len = b->end - b->start;
          return article->text + b->start;
        }
    }
  *len = 0;
  return NULL;
}

static gboolean
starts_with_any (const char         *text,
                 gsize               len,
                 const char * const *words)
{
  for (guint k = 0; words[k] != NULL; k++)
    {
      gsize wl = strlen (words[k]);

      if (wl <= len && strncmp (text, words[k], wl) == 0
          && (wl == len || !g_ascii_isalpha (text[wl])))
        return TRUE;
    }
  return FALSE;
}

static gboolean
mentions_any (const NfArticle    *article,
              const char * const *names)
{
  /* the agency field when the structure stage found one, else the text
   * outside the body (bylines, credits) and the first body line */
  for (guint k = 0; names[k] != NULL; k++)
    {
      if (article->agency != NULL && strstr (article->agency, names[k]))
        return TRUE;
      for (guint i = 0; i < article->blocks->len; i++)
        {
          const NfBlock *b = &g_array_index (article->blocks, NfBlock, i);
          gsize nl = strlen (names[k]);

          if (b->end - b->start < nl || b->end - b->start > 400)
            continue;
          if (g_strstr_len (article->text + b->start, b->end - b->start,
                            names[k]))
            return TRUE;
        }
    }
  return FALSE;
}

/* A story datelined in the Americas and time-stamped by an Asian agency
 * the next morning speaks of the American day before: "said Monday" in a
 * Tuesday 09:21 KST story is Monday in Washington. */
static gboolean
americas_day_behind (const NfArticle *article,
                     int              hour)
{
  const char *text;
  gsize len;

  if (hour < 0 || hour >= 14)
    return FALSE;
  if (article->dateline != NULL)
    {
      g_autofree char *up = g_ascii_strup (article->dateline, -1);

      if (!starts_with_any (up, strlen (up), americas_places))
        return FALSE;
    }
  else if ((text = first_body_text (article, &len)) == NULL
           || !starts_with_any (text, len, americas_places))
    return FALSE;
  return mentions_any (article, asian_agencies);
}

/* ---- year inference (nf-timex.h) ---- */

GDateWeekday
nf_dates_lede_weekday (const NfArticle *article)
{
  gsize len;
  const char *text;
  g_autoptr(GArray) tokens = NULL;
  Scan s = { 0 };

  g_return_val_if_fail (article != NULL, G_DATE_BAD_WEEKDAY);

  if ((text = first_body_text (article, &len)) == NULL)
    return G_DATE_BAD_WEEKDAY;
  tokens = _nf_tokenize (article->text, text - article->text,
                         text - article->text + MIN (len, 600));
  s.t = (const NfToken *) tokens->data;
  s.n = tokens->len;
  for (guint i = 0; i < s.n; i++)
    {
      int wd = weekday_at (&s, i);

      if (wd > 0 && !(i > 0 && (is_word (&s, i - 1, "last")
                                || is_word (&s, i - 1, "next")
                                || is_word (&s, i - 1, "this"))))
        return (GDateWeekday) wd;
    }
  return G_DATE_BAD_WEEKDAY;
}

guint
nf_dates_fitting_years (int           month,
                        int           day,
                        GDateWeekday  weekday,
                        int           latest_year,
                        int           earliest_year,
                        int          *years,
                        guint         max_years)
{
  guint n = 0;

  g_return_val_if_fail (years != NULL || max_years == 0, 0);

  for (int y = latest_year; y >= earliest_year && n < max_years; y--)
    {
      GDate d;

      if (!g_date_valid_dmy (day, month, y))
        continue;
      g_date_clear (&d, 1);
      g_date_set_dmy (&d, day, month, y);
      if (weekday == G_DATE_BAD_WEEKDAY || g_date_get_weekday (&d) == weekday)
        years[n++] = y;
    }
  return n;
}

int
nf_dates_infer_year (const NfArticle *article,
                     int              month,
                     int              day,
                     const GDate     *today)
{
  int years[1];
  int latest;
  GDate d;
  GDateWeekday wd;

  g_return_val_if_fail (article != NULL && today != NULL, 0);

  latest = g_date_get_year (today);
  if (g_date_valid_dmy (day, month, latest))
    {
      g_date_clear (&d, 1);
      g_date_set_dmy (&d, day, month, latest);
      if (g_date_compare (&d, today) > 0)
        latest--;
    }
  else
    latest--;
  wd = nf_dates_lede_weekday (article);
  if (nf_dates_fitting_years (month, day, wd, latest, latest - 40, years, 1) == 1)
    return years[0];
  if (nf_dates_fitting_years (month, day, G_DATE_BAD_WEEKDAY, latest,
                              latest - 40, years, 1) == 1)
    return years[0];
  return latest;
}

/* A dateline with a month and day but no year: settle the year and
 * publish the date as inferred.  The fallback date the caller gave (now
 * in published) or today is the latest the year may be. */
static void
settle_published (NfArticle *article)
{
  NfDateParts *p = &article->published_parts;
  GDate today;
  int year;

  if (!parse_iso (article->published, &today, NULL))
    {
      g_date_clear (&today, 1);
      g_date_set_time_t (&today, time (NULL));
    }
  year = nf_dates_infer_year (article, p->month, p->day, &today);
  if (!g_date_valid_dmy (p->day, p->month, year))
    return;
  g_free (article->published);
  if (p->hour >= 0)
    article->published = g_strdup_printf ("%04d-%02d-%02dT%02d:%02d", year,
                                          p->month, p->day, p->hour,
                                          p->minute);
  else
    article->published = g_strdup_printf ("%04d-%02d-%02d", year, p->month,
                                          p->day);
  article->published_inferred = TRUE;
}

static void
reference_day (const NfArticle *article,
               Scan            *s)
{
  const NfDateParts *p = &article->published_parts;
  int hour = -1;

  s->has_ref = parse_iso (article->published, &s->ref, &hour);
  if (!s->has_ref && p->year > 0 && g_date_valid_dmy (p->day, p->month, p->year))
    {
      g_date_clear (&s->ref, 1);
      g_date_set_dmy (&s->ref, p->day, p->month, p->year);
      hour = p->hour;
      s->has_ref = TRUE;
    }
  if (s->has_ref && americas_day_behind (article, hour))
    g_date_subtract_days (&s->ref, 1);
}

/* Whether @a and @b are the same fact: the same text and value. */
static gboolean
same_date (const NfDate *a,
           const NfDate *b)
{
  return strcmp (a->text, b->text) == 0
         && g_strcmp0 (a->value ? a->value : "", b->value ? b->value : "") == 0;
}

/* A date named twice ("last month" ... "last month") is one fact; the
 * first mention keeps its place.  Most articles name a few dozen dates,
 * so each is compared with those kept before it; a text with more (a
 * hostile one may hold thousands) keys a hash table instead. */
static void
drop_repeats (NfArticle *article)
{
  g_autoptr(GHashTable) seen = NULL;
  guint kept = 0;

  if (article->dates->len > 64)
    seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < article->dates->len; i++)
    {
      NfDate *date = g_ptr_array_index (article->dates, i);
      gboolean repeat = FALSE;

      if (seen != NULL)
        repeat = !g_hash_table_add (seen, g_strconcat (date->text, "\x1f",
                                                       date->value ? date->value : "",
                                                       NULL));
      for (guint k = 0; seen == NULL && k < kept && !repeat; k++)
        repeat = same_date (article->dates->pdata[k], date);
      if (repeat)
        {
          nf_date_free (date);
          continue;
        }
      article->dates->pdata[kept++] = date;
    }
  for (guint i = kept; i < article->dates->len; i++)
    article->dates->pdata[i] = NULL;   /* moved or freed above */
  g_ptr_array_set_size (article->dates, kept);
}

void
_nf_dates_run (NfArticle *article)
{
  g_assert (article != NULL);

  _nf_dates_scan (article);
  drop_repeats (article);
}

static void
scan_prepare (NfArticle *article,
              Scan      *s)
{
  const NfDateParts *p = &article->published_parts;

  if (p->year == 0 && p->month > 0 && p->day > 0)
    settle_published (article);
  g_date_clear (&s->ref, 1);
  reference_day (article, s);
}

/* Whether the figures stage may find a figure in the sentence: it looks
 * only near a numeral, a number word, a currency sign ("$", or a sign
 * outside ASCII) or a capitalised word with digits ("USD115"), and its
 * date marks matter nowhere else.  A sentence with none of these needs no
 * marks. */
static gboolean
may_hold_figure (const Scan *s)
{
  for (guint i = 0; i < s->n; i++)
    {
      const NfToken *t = &s->t[i];

      if (t->kind == NF_TOKEN_NUMBER || t->numword
          || (t->kind == NF_TOKEN_PUNCT
              && (t->lower[0] == '$' || (guchar) t->lower[0] >= 0x80))
          || (t->kind == NF_TOKEN_WORD && t->upper
              && strpbrk (t->lower, "0123456789") != NULL))
        return TRUE;
    }
  return FALSE;
}

/* Both stages read each sentence as tokens; the pipeline has them made
 * once for both (with_figures), as the figures stage only reads the text
 * and adds figures, and this stage never looks at them.  The figures
 * stage leaves alone the tokens of dates matched without a reference day
 * (_nf_dates_mark ()); when the article has none either, the matches are
 * the same as this stage's, so they are marked here, not matched again. */
static void
scan_sentences (NfArticle *article,
                gboolean   with_figures)
{
  Scan s = { 0 };
  /* One token array and one mark array serve every sentence, with room
   * for most sentences from the start. */
  g_autoptr(GArray) tokens = g_array_sized_new (FALSE, FALSE, sizeof (NfToken), 128);
  g_autoptr(GByteArray) marks = g_byte_array_sized_new (129);

  scan_prepare (article, &s);
  for (guint i = 0; i < article->sentences->len; i++)
    {
      const NfSpan *span = &g_array_index (article->sentences, NfSpan, i);
      guint8 *taken;

      _nf_tokenize_into (article->text, span->start, span->end, tokens);
      s.t = (const NfToken *) tokens->data;
      s.n = tokens->len;
      if (!with_figures)
        {
          scan_sentence (article, &s, NULL);
          continue;
        }
      g_byte_array_set_size (marks, s.n + 1);
      taken = memset (marks->data, 0, s.n + 1);
      scan_sentence (article, &s, s.has_ref ? NULL : taken);
      if (s.has_ref && may_hold_figure (&s))
        _nf_dates_mark (s.t, s.n, taken);
      _nf_figures_scan_tokens (article, s.t, s.n, taken);
    }
}

void
_nf_dates_scan (NfArticle *article)
{
  g_assert (article != NULL);

  scan_sentences (article, FALSE);
}

void
_nf_dates_figures_run (NfArticle *article)
{
  g_assert (article != NULL);

  scan_sentences (article, TRUE);
  drop_repeats (article);
}
