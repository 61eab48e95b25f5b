/* test-figures-dates.c: the dates and figures stages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The relative-date cases are generated: every phrase is resolved against
 * each day of two weeks (one across a year end) as the article date, and
 * the expected value is worked out here with GDate arithmetic, not by the
 * resolver under test.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "nf-numbers-private.h"
#include "nf-pipeline-private.h"
#include "nf-timex.h"

/* ---- helpers ---- */

static NfArticle *
run_text (const char *text,
          const char *published)
{
  NfArticle *article = nf_article_new ("test", g_strdup (text), strlen (text));
  NfBlock block = { NF_BLOCK_BODY, 0, strlen (text) };

  article->published = g_strdup (published);
  g_array_append_val (article->blocks, block);
  _nf_sentences_run (article);
  _nf_dates_run (article);
  _nf_figures_run (article);
  return article;
}

static const NfDate *
find_date (const NfArticle *article,
           const char      *text)
{
  for (guint i = 0; i < article->dates->len; i++)
    {
      const NfDate *d = g_ptr_array_index (article->dates, i);

      if (g_strcmp0 (d->text, text) == 0)
        return d;
    }
  return NULL;
}

static char *
iso_day (const GDate *d)
{
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (d),
                          g_date_get_month (d), g_date_get_day (d));
}

static char *
iso_week (const GDate *d)
{
  GDate thursday = *d;
  int wd = g_date_get_weekday (d);

  /* an ISO week is named after the year of its Thursday */
  if (wd <= 4)
    g_date_add_days (&thursday, 4 - wd);
  else
    g_date_subtract_days (&thursday, wd - 4);
  return g_strdup_printf ("%04d-W%02d", g_date_get_year (&thursday),
                          g_date_get_iso8601_week_of_year (d));
}

static GDate
shifted (const GDate *ref,
         int          days)
{
  GDate d = *ref;

  if (days >= 0)
    g_date_add_days (&d, days);
  else
    g_date_subtract_days (&d, -days);
  return d;
}

/* ---- generated relative dates ---- */

static const char * const weekday_names[] = {
  NULL, "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
  "Sunday"
};

typedef struct
{
  char *sentence;
  char *phrase;
  char *expected;
} Case;

static void
case_free (gpointer data)
{
  Case *c = data;

  g_free (c->sentence);
  g_free (c->phrase);
  g_free (c->expected);
  g_free (c);
}

static void
add_case (GPtrArray  *cases,
          const char *sentence_fmt,
          const char *phrase,
          char       *expected)
{
  Case *c = g_new0 (Case, 1);

  c->sentence = g_strdup_printf (sentence_fmt, phrase);
  c->phrase = g_strdup (phrase);
  c->expected = expected;
  g_ptr_array_add (cases, c);
}

/* The cases for one article date, with their expected values. */
static GPtrArray *
cases_for (const GDate *ref)
{
  GPtrArray *cases = g_ptr_array_new_with_free_func (case_free);
  int y = g_date_get_year (ref), m = g_date_get_month (ref);
  int refwd = g_date_get_weekday (ref);
  GDate d;

  for (int wd = 1; wd <= 7; wd++)
    {
      g_autofree char *next = g_strdup_printf ("next %s", weekday_names[wd]);
      g_autofree char *last = g_strdup_printf ("last %s", weekday_names[wd]);

      /* past tense: the latest such day on or before the article date */
      d = shifted (ref, -((refwd - wd + 7) % 7));
      add_case (cases, "The ministry said %s that talks had stalled.",
                weekday_names[wd], iso_day (&d));
      d = shifted (ref, (wd - refwd + 7) % 7 == 0 ? 7 : (wd - refwd + 7) % 7);
      add_case (cases, "The talks will resume %s in Geneva.", next,
                iso_day (&d));
      d = shifted (ref, (refwd - wd + 7) % 7 == 0 ? -7 : -((refwd - wd + 7) % 7));
      add_case (cases, "The talks stalled %s in Geneva.", last, iso_day (&d));
    }
  d = shifted (ref, -1);
  add_case (cases, "Officials met %s in Seoul.", "yesterday", iso_day (&d));
  d = shifted (ref, 1);
  add_case (cases, "Officials will meet %s in Seoul.", "tomorrow", iso_day (&d));
  add_case (cases, "Officials met %s in Seoul.", "today", iso_day (ref));
  d = shifted (ref, -7);
  add_case (cases, "Trump said %s that he rejected the offer.", "last week",
            iso_week (&d));
  add_case (cases, "Trump said %s that he rejected the offer.", "this week",
            iso_week (ref));
  d = shifted (ref, 7);
  add_case (cases, "Talks resume %s, officials said.", "next week",
            iso_week (&d));
  d = shifted (ref, -14);
  add_case (cases, "The offer was made %s, officials said.", "two weeks ago",
            iso_week (&d));
  add_case (cases, "Trump spoke %s about the talks.", "last month",
            g_strdup_printf ("%04d-%02d", m == 1 ? y - 1 : y,
                             m == 1 ? 12 : m - 1));
  add_case (cases, "Trump spoke %s about the talks.", "earlier this month",
            g_strdup_printf ("%04d-%02d", y, m));
  add_case (cases, "The offer rose 13 percent from %s.", "last year",
            g_strdup_printf ("%04d", y - 1));
  add_case (cases, "The deal lapsed at the %s.", "end of last year",
            g_strdup_printf ("%04d", y - 1));
  /* the December that has begun most recently */
  add_case (cases, "The deal lapsed at the %s.", "end of December",
            g_strdup_printf ("%04d-12", m == 12 ? y : y - 1));
  return cases;
}

static void
test_relative_week (gconstpointer data)
{
  const int *start = data;
  guint checked = 0;

  for (int offset = 0; offset < 7; offset++)
    {
      GDate ref;
      g_autofree char *published = NULL;
      g_autoptr(GPtrArray) cases = NULL;

      g_date_clear (&ref, 1);
      g_date_set_dmy (&ref, start[2], start[1], start[0]);
      ref = shifted (&ref, offset);
      published = iso_day (&ref);
      cases = cases_for (&ref);
      for (guint i = 0; i < cases->len; i++)
        {
          const Case *c = g_ptr_array_index (cases, i);
          g_autoptr(NfArticle) article = run_text (c->sentence, published);
          const NfDate *date = find_date (article, c->phrase);

          if (date == NULL)
            g_error ("%s: \"%s\" not found in \"%s\"", published, c->phrase,
                     c->sentence);
          if (g_strcmp0 (date->value, c->expected) != 0)
            g_error ("%s: \"%s\" gave %s, expected %s", published, c->phrase,
                     date->value, c->expected);
          checked++;
        }
    }
  g_assert_cmpuint (checked, ==, 7 * 33);
}

/* ---- absolute dates, times and the reference day ---- */

static void
test_absolute (void)
{
  static const struct { const char *sentence, *text, *value; } cases[] = {
    { "It was signed on April 28, 2020 in Seoul.", "April 28, 2020", "2020-04-28" },
    { "It was signed Jan. 25 in Seoul.", "Jan. 25", "2020-01-25" },
    { "Workers have been on leave since April 1.", "April 1", "2020-04-01" },
    { "The pact was signed in 2019.", "2019", "2019" },
    { "Posted April 28, 2020 - 09:21 in Seoul.", "April 28, 2020 - 09:21", "2020-04-28T09:21" },
    { "The vote is at 3 p.m. in Seoul.", "3 p.m.", "2020-05-05T15:00" },
    { "The summit opens in the third quarter.", "the third quarter", "2019-Q3" },
    { "It grew fast in the 1990s.", "1990s", "199" },
    { "It was signed on 5 May 2015 there.", "5 May 2015", "2015-05-05" },
    { "The deal was struck last May.", "last May", "2019-05" },
    { "They will marry this summer.", "this summer", "2020-SU" },
    { "It was built in the 18th century.", "the 18th century", "17" },
    { "Sales rose 5% in the quarter.", "the quarter", "2020-Q1" },
    { "Profit fell over the weekend.", "the weekend", "2020-W18-WE" },
    { "It will close ahead of the weekend.", "the weekend", "2020-W19-WE" },
    { "It earned $5 in fiscal 2019.", "fiscal 2019", "2019" },
    { "It compares with year-earlier profit of $3.", "year-earlier", "2019" },
    { "The paper said on Saturday, May 9: the court ruled.", "Saturday, May 9", "2020-05-09" },
    { "In the year ended June 30, sales rose.", "June 30", "2019-06-30" },
    { "The vote is on June 30, they say.", "June 30", "2020-06-30" },
    { "It began in nineteen ninety-six there.", "nineteen ninety-six", "1996" },
    { "It began in January nineteen ninety-seven.", "January nineteen ninety-seven", "1997-01" },
    { "Sales for this year's third quarter fell.", "this year's third quarter", "2020-Q3" },
    { "It closed nearly two years ago.", "nearly two years ago", "2018" },
    { "It cut the third-quarter loss.", "third-quarter", "2019-Q3" },
    { "It was cold in the winter of 1994.", "the winter of 1994", "1994-WI" },
    { "Sales fell this past spring.", "this past spring", "2019-SP" },
    { "Sales will rise in the current fiscal year.", "the current fiscal year", "2020" },
    { "The deal should close by year-end, it said.", "year-end", "2020" },
    { "Sales for the full year rose.", "the full year", "2020" },
    { "I bought it for $12 December 27.", "December 27", "2019-12-27" },
    { "We have been flexible up until now.", "until now", "PRESENT_REF" },
    { "He said Saturday, April 25, 2020 was the day.", "Saturday, April 25, 2020", "2020-04-25" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(NfArticle) article = run_text (cases[i].sentence, "2020-05-05");
      const NfDate *date = find_date (article, cases[i].text);

      g_assert_nonnull (date);
      g_assert_cmpstr (date->value, ==, cases[i].value);
    }
}

/* Earnings copy names a quarter, then says "the quarter" and "a year
 * earlier" for it. */
static void
test_quarter_focus (void)
{
  g_autoptr(NfArticle) article =
    run_text ("Net income rose in the second quarter of 2019. It was $5 a "
              "share, up from $4 a year earlier. Sales in the quarter rose, "
              "and the year-ago quarter had a loss.", "2020-05-05");
  const char *texts[] = { "the second quarter of 2019", "a year earlier",
                          "the quarter", "the year-ago quarter" };
  const char *values[] = { "2019-Q2", "2018-Q2", "2019-Q2", "2018-Q2" };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      const NfDate *date = find_date (article, texts[i]);

      g_assert_nonnull (date);
      g_assert_cmpstr (date->value, ==, values[i]);
    }
}

/* A Washington story stamped in Seoul the next morning counts its days
 * from the Washington day. */
static void
test_americas_dateline (void)
{
  const char *text = "WASHINGTON -- Officials met yesterday, the department said Monday.";
  g_autoptr(NfArticle) us = nf_article_new ("t", g_strdup (text), strlen (text));
  g_autoptr(NfArticle) seoul = NULL;
  NfBlock block = { NF_BLOCK_BODY, 0, strlen (text) };

  us->published = g_strdup ("2020-04-28T09:21");
  us->agency = g_strdup ("Yonhap");
  us->dateline = g_strdup ("WASHINGTON");
  g_array_append_val (us->blocks, block);
  _nf_sentences_run (us);
  _nf_dates_run (us);
  g_assert_cmpstr (find_date (us, "yesterday")->value, ==, "2020-04-26");
  g_assert_cmpstr (find_date (us, "Monday")->value, ==, "2020-04-27");

  seoul = run_text ("SEOUL -- Officials met yesterday in Seoul.", "2020-04-28T09:21");
  g_assert_cmpstr (find_date (seoul, "yesterday")->value, ==, "2020-04-27");
}

static void
test_year_inference (void)
{
  const char *text = "WASHINGTON, May 5 (Yonhap) -- A U.S. official said Tuesday "
                     "that talks go on.";
  int years[4];
  guint n;

  n = nf_dates_fitting_years (5, 5, G_DATE_TUESDAY, 2026, 2010, years, 4);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpint (years[0], ==, 2026);
  g_assert_cmpint (years[1], ==, 2020);
  g_assert_cmpint (years[2], ==, 2015);

  for (guint k = 0; k < 2; k++)
    {
      const char *fallback = k == 0 ? "2026-11-22" : "2025-01-01";
      g_autoptr(NfArticle) article = nf_article_new ("t", g_strdup (text),
                                                     strlen (text));
      NfBlock block = { NF_BLOCK_BODY, 0, strlen (text) };

      article->published = g_strdup (fallback);
      article->published_parts = (NfDateParts) { 0, 5, 5, -1, 0 };
      g_array_append_val (article->blocks, block);
      _nf_sentences_run (article);
      _nf_dates_run (article);
      g_assert_cmpstr (article->published, ==, k == 0 ? "2026-05-05" : "2020-05-05");
      g_assert_true (article->published_inferred);
      g_assert_cmpstr (find_date (article, "Tuesday")->value, ==, article->published);
    }
}

/* ---- figures ---- */

typedef struct
{
  const char   *sentence;
  const char   *text;
  NfFigureKind  kind;
  double        value;
  double        value_max;
  const char   *unit;
  const char   *qualifier;
  const char   *direction;
} FigureCase;

static const FigureCase figure_cases[] = {
  { "It costs $870 million a year.", "$870 million", NF_FIGURE_MONEY, 870e6, NAN, "USD", NULL, NULL },
  { "It costs US$870 million a year.", "US$870 million", NF_FIGURE_MONEY, 870e6, NAN, "USD", NULL, NULL },
  { "Seoul offered 1.3 trillion won this time.", "1.3 trillion won", NF_FIGURE_MONEY, 1.3e12, NAN, "KRW", NULL, NULL },
  { "Tokyo paid 5 billion yen for it.", "5 billion yen", NF_FIGURE_MONEY, 5e9, NAN, "JPY", NULL, NULL },
  { "The fee is \xe2\x82\xac" "20 per visit.", "\xe2\x82\xac" "20", NF_FIGURE_MONEY, 20, NAN, "EUR", NULL, NULL },
  { "Britain spent \xc2\xa3" "600m on it.", "\xc2\xa3" "600m", NF_FIGURE_MONEY, 600e6, NAN, "GBP", NULL, NULL },
  { "Profit rose to $1.13bn last quarter.", "$1.13bn", NF_FIGURE_MONEY, 1.13e9, NAN, "USD", NULL, "up" },
  { "They paid 870 million dollars in all.", "870 million dollars", NF_FIGURE_MONEY, 870e6, NAN, "USD", NULL, NULL },
  { "Seoul offered to increase it by at least 13 percent.", "at least 13 percent", NF_FIGURE_PERCENT, 13, NAN, "percent", "at least", "up" },
  { "Prices fell 13% in May.", "13%", NF_FIGURE_PERCENT, 13, NAN, "percent", NULL, "down" },
  { "Rates were cut by 3.5 percentage points.", "3.5 percentage points", NF_FIGURE_QUANTITY, 3.5, NAN, "percentage points", NULL, "down" },
  { "It stations 28,500 American troops in the country.", "28,500", NF_FIGURE_COUNT, 28500, NAN, "American troops", NULL, NULL },
  { "It placed some 4,000 South Korean employees on leave.", "some 4,000", NF_FIGURE_COUNT, 4000, NAN, "South Korean employees", "some", NULL },
  { "More than 4,000 South Korean employees were sent home.", "More than 4,000", NF_FIGURE_COUNT, 4000, NAN, "South Korean employees", "more than", NULL },
  { "Tens of thousands of people marched.", "Tens of thousands", NF_FIGURE_COUNT, 10000, NAN, "people", NULL, NULL },
  { "About 1.5 million people voted.", "About 1.5 million", NF_FIGURE_COUNT, 1.5e6, NAN, "people", "about", NULL },
  { "The pipeline runs 10 to 20 km north.", "10 to 20 km", NF_FIGURE_QUANTITY, 10, 20, "km", NULL, NULL },
  { "They exported nearly 2 million barrels.", "nearly 2 million barrels", NF_FIGURE_QUANTITY, 2e6, NAN, "barrels", "nearly", NULL },
  { "It is a 30-day truce.", "30-day", NF_FIGURE_DURATION, 30, NAN, "day", NULL, NULL },
  { "The talks lasted three months in all.", "three months", NF_FIGURE_DURATION, 3, NAN, "month", NULL, NULL },
  { "They mark the 70th anniversary.", "70th", NF_FIGURE_ORDINAL, 70, NAN, NULL, NULL, NULL },
  { "She won the 60m at the indoor games.", "60m", NF_FIGURE_QUANTITY, 60, NAN, "m", NULL, NULL },
  { "About 2m people watched it.", "About 2m", NF_FIGURE_COUNT, 2e6, NAN, "people", "about", NULL },
  { "The 26-year-old wants gold.", "26-year-old", NF_FIGURE_DURATION, 26, NAN, "year", NULL, NULL },
  { "It sold 7.5bn euros of bonds.", "7.5bn euros", NF_FIGURE_MONEY, 7.5e9, NAN, "EUR", NULL, NULL },
  { "They paid 500 USD for it.", "500 USD", NF_FIGURE_MONEY, 500, NAN, "USD", NULL, NULL },
  { "She won the 60m hurdles title.", "60m", NF_FIGURE_QUANTITY, 60, NAN, "m", NULL, NULL },
  { "Inflation stays between 5 and 7 percent.", "5 and 7 percent", NF_FIGURE_PERCENT, 5, 7, "percent", NULL, NULL },
  { "It will cost billions of pounds.", "billions of pounds", NF_FIGURE_MONEY, 1e9, NAN, "GBP", NULL, NULL },
  { "Up to 300 workers may lose jobs.", "Up to 300", NF_FIGURE_COUNT, 300, NAN, "workers", "up to", "down" },
};

static void
test_figures (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (figure_cases); i++)
    {
      const FigureCase *c = &figure_cases[i];
      g_autoptr(NfArticle) article = run_text (c->sentence, "2020-05-05");
      const NfFigure *f;

      if (article->figures->len != 1)
        g_error ("\"%s\": %u figures", c->sentence, article->figures->len);
      f = g_ptr_array_index (article->figures, 0);
      g_test_message ("%s", c->sentence);
      g_assert_cmpstr (f->text, ==, c->text);
      g_assert_cmpint (f->kind, ==, c->kind);
      g_assert_cmpfloat_with_epsilon (f->value, c->value, 1e-6 * fabs (c->value) + 1e-9);
      if (isnan (c->value_max))
        g_assert_true (isnan (f->value_max));
      else
        g_assert_cmpfloat_with_epsilon (f->value_max, c->value_max, 1e-9);
      g_assert_cmpstr (f->unit, ==, c->unit);
      g_assert_cmpstr (f->qualifier, ==, c->qualifier);
      g_assert_cmpstr (f->direction, ==, c->direction);
      if (c->kind != NF_FIGURE_ORDINAL)
        g_assert_nonnull (f->subject);
    }
}

/* "from X to Y" is a change between two figures, not a range. */
static void
test_change_not_range (void)
{
  g_autoptr(NfArticle) article = run_text ("Funding was cut from \xc2\xa3" "20m to "
                                           "\xc2\xa3" "15m.", "2020-05-05");
  const NfFigure *a, *b;

  g_assert_cmpuint (article->figures->len, ==, 2);
  a = g_ptr_array_index (article->figures, 0);
  b = g_ptr_array_index (article->figures, 1);
  g_assert_cmpfloat (a->value, ==, 20e6);
  g_assert_true (isnan (a->value_max));
  g_assert_cmpfloat (b->value, ==, 15e6);
  g_assert_cmpstr (a->direction, ==, "down");
}

/* Years, clock times, dates, phone numbers, ids, numbers in names and
 * small numbers in words are not figures. */
static void
test_not_figures (void)
{
  static const char * const sentences[] = {
    "The pact lapsed in 2019 after long talks.",
    "The meeting starts at 3 p.m. on Monday.",
    "Posted at 09:21 by the desk.",
    "Workers have been on leave since April 1.",
    "It was signed on April 28, 2020 in Seoul.",
    "For details call 82-2-398-3114 or 555-0100 today.",
    "The story id is AEN20200428000200325 and 20200428000200325.",
    "Leaders met at the G20 summit.",
    "The Apollo 11 crew landed.",
    "The COVID-19 outbreak spread.",
    "The two sides met again.",
    "Three officials spoke first.",
    "He said it two weeks ago.",
    "Shares rose at 1200 GMT in London.",
    "He watched Six Feet Under again.",
    "The house was built in 1774 for him.",
  };

  for (guint i = 0; i < G_N_ELEMENTS (sentences); i++)
    {
      g_autoptr(NfArticle) article = run_text (sentences[i], "2020-05-05");

      if (article->figures->len != 0)
        g_error ("\"%s\" gave figure \"%s\"", sentences[i],
                 ((NfFigure *) g_ptr_array_index (article->figures, 0))->text);
    }
}

/* Dates do not mistake verbs and numbers for themselves. */
static void
test_not_dates (void)
{
  static const char * const sentences[] = {
    "South Korea may pay more.",
    "Troops will march on.",
    "It cost $2,000 and 4,000 troops.",
    "About 1999 people came.",
  };

  for (guint i = 0; i < G_N_ELEMENTS (sentences); i++)
    {
      g_autoptr(NfArticle) article = run_text (sentences[i], "2020-05-05");

      if (article->dates->len != 0)
        g_error ("\"%s\" gave date \"%s\"", sentences[i],
                 ((NfDate *) g_ptr_array_index (article->dates, 0))->text);
    }
}

/* ---- the number reader ---- */

static void
test_numbers (void)
{
  static const struct { const char *text; double value; gboolean ordinal; } cases[] = {
    { "a dozen", 12, FALSE },
    { "tens of thousands", 1e4, FALSE },
    { "hundreds of millions", 1e8, FALSE },
    { "twenty-five", 25, FALSE },
    { "one hundred and five", 105, FALSE },
    { "1.5 million", 1.5e6, FALSE },
    { "8.2bn", 8.2e9, FALSE },
    { "two thirds", 2.0 / 3, FALSE },
    { "one and a half", 1.5, FALSE },
    { "half a million", 5e5, FALSE },
    { "nine point nought four", 9.04, FALSE },
    { "two and three", 2, FALSE },     /* two numbers, not five */
    { "28,500", 28500, FALSE },
    { "70th", 70, TRUE },
    { "twenty-first", 21, TRUE },
    { "one hundred twenty-fifth", 125, TRUE },
    { "two hundredth", 200, TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GArray) tokens = _nf_tokenize (cases[i].text, 0,
                                               strlen (cases[i].text));
      const NfToken *t = (const NfToken *) tokens->data;
      double value = 0;
      guint next = 0;
      NfNumberFlags flags;
      gboolean ok = cases[i].ordinal
        ? _nf_ordinal_parse (t, tokens->len, 0, &value, &next)
        : _nf_number_parse (t, tokens->len, 0, &value, &next, &flags);

      g_test_message ("%s", cases[i].text);
      g_assert_true (ok);
      g_assert_cmpfloat_with_epsilon (value, cases[i].value, 1e-9 * fabs (cases[i].value));
      if (strcmp (cases[i].text, "two and three") != 0)
        g_assert_cmpuint (next, ==, tokens->len);
    }
  /* the printed digits, not their binary product */
  {
    g_autoptr(GArray) tokens = _nf_tokenize ("8.2bn", 0, 5);
    double value;
    guint next;
    NfNumberFlags flags;

    g_assert_true (_nf_number_parse ((const NfToken *) tokens->data, tokens->len,
                                     0, &value, &next, &flags));
    g_assert_true (value == 8200000000.0);
  }
}

int
main (int    argc,
      char **argv)
{
  static const int spring[] = { 2020, 4, 27 };   /* Monday to Sunday */
  static const int new_year[] = { 2020, 12, 28 }; /* across an ISO year */

  g_test_init (&argc, &argv, NULL);

  g_test_add_data_func ("/dates/relative/spring-week", spring, test_relative_week);
  g_test_add_data_func ("/dates/relative/new-year-week", new_year, test_relative_week);
  g_test_add_func ("/dates/absolute", test_absolute);
  g_test_add_func ("/dates/quarter-focus", test_quarter_focus);
  g_test_add_func ("/dates/americas-dateline", test_americas_dateline);
  g_test_add_func ("/dates/year-inference", test_year_inference);
  g_test_add_func ("/dates/not-dates", test_not_dates);
  g_test_add_func ("/figures/cases", test_figures);
  g_test_add_func ("/figures/not-figures", test_not_figures);
  g_test_add_func ("/figures/numbers", test_numbers);
  g_test_add_func ("/figures/change-not-range", test_change_not_range);

  return g_test_run ();
}
