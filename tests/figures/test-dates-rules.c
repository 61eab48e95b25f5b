/* test-dates-rules.c: rules of English news dates, one sentence each
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each case is a sentence written for this test, the article's date, the
 * date text the dates stage must find and the value it must give.  The
 * values are worked out by hand from the calendar (the weekday of each
 * article date is in the comment beside it).
 */

#include "config.h"

#include <string.h>

#include "nf-pipeline-private.h"

typedef struct
{
  const char *sentence;
  const char *published;
  const char *text;        /* the date's text */
  const char *value;       /* its value; NULL: the text is no date */
} Rule;

static const Rule rules[] = {
  /* a plan still to come names the next such day (2021-03-12 is a Friday) */
  { "Talks are set to resume Monday in Geneva.", "2021-03-12", "Monday", "2021-03-15" },
  { "The chief executive is to address shareholders Tuesday.", "2021-03-12", "Tuesday", "2021-03-16" },
  { "The vote is due to take place Wednesday.", "2021-03-12", "Wednesday", "2021-03-17" },
  /* ... but a plan that was made before is past, and so is its day */
  { "The offer had been scheduled to expire Tuesday.", "2021-03-12", "Tuesday", "2021-03-09" },
  { "The strike had been due to end Monday.", "2021-03-12", "Monday", "2021-03-08" },
  { "The attack began as previously planned Wednesday night.", "2021-03-12", "Wednesday night", "2021-03-10TNI" },
  /* midnight closes the day it names */
  { "The offer expired at midnight Thursday.", "2021-03-12", "midnight Thursday", "2021-03-11T24:00" },
  /* "around" and "sometime" belong to the date */
  { "The sale should close around Nov. 1, the firm said.", "2021-10-20", "around Nov. 1", "2021-11-01" },
  { "The plant may reopen sometime next year.", "2021-10-20", "sometime next year", "2022" },
  /* "the past year" is the one before this one */
  { "Sales have doubled over the past year.", "2021-10-20", "the past year", "2020" },
  { "Crime rose sharply in the last decade.", "2021-10-20", "the last decade", "201" },
  { "Prices should rise over the next year.", "2021-10-20", "the next year", "2022" },
  /* ... but "the next year" of a story told is no date of ours */
  { "He won in 1990, and the next year he resigned.", "2021-10-20", "next year", NULL },
  { "The coming week will be busy.", "2021-10-20", "coming week", "2021-W43" },
  /* "the last week of March" counts from March, not from today */
  { "He left in the last week of March.", "2021-10-20", "March", "2021-03" },
  /* "last year's quarter" after a quarter was named: that quarter, a year back */
  { "Profit rose in the third quarter. Sales for last year's quarter were $3 million.",
    "2021-10-20", "last year's quarter", "2020-Q3" },
  /* halves named by their quarters */
  { "The plant will be shut for the first two quarters of 2022.", "2021-10-20", "the first two quarters of 2022", "2022-H1" },
  { "Earnings will be lower for the last half of 2021.", "2021-10-20", "the last half of 2021", "2021-H2" },
  /* decades in words and with an apostrophe */
  { "Such groups grew through the nineties.", "2021-10-20", "the nineties", "199" },
  { "Prices have not been this high since the '70s.", "2021-10-20", "'70s", "197" },
  { "Hemlines rose in the twenties.", "1998-05-04", "the twenties", "192" },
  /* "the same period last year" after a quarter was named */
  { "Net income rose in the second quarter from $4 million in the same period last year.",
    "2021-08-03", "the same period last year", "2020-Q2" },
  /* "end of the year" is this year's end; "end of the month" this month's */
  { "The plant should be finished by the end of the year.", "2021-08-03", "end of the year", "2021" },
  { "Rents are due at the end of the month.", "2021-08-03", "end of the month", "2021-08" },
  /* the coming months are still to come */
  { "Prices are expected to fall in the coming months.", "2021-08-03", "the coming months", "FUTURE_REF" },
  { "Growth will slow in coming quarters.", "2021-08-03", "coming quarters", "FUTURE_REF" },
  /* "this coming Sunday" is the next one, "this past Sunday" the last
   * (2021-03-12 is a Friday) */
  { "The rally is this coming Sunday.", "2021-03-12", "this coming Sunday", "2021-03-14" },
  { "The rally was held this past Sunday.", "2021-03-12", "this past Sunday", "2021-03-07" },
  /* "or so" hedges an "ago"; "a few" and "several" leave it vague */
  { "The general chose the day a week or so ago.", "2021-03-12", "a week or so ago", "2021-W09" },
  { "The machines were removed a few years ago.", "2021-03-12", "a few years ago", "PAST_REF" },
  { "The share was about 35 percent several years ago.", "2021-03-12", "several years ago", "PAST_REF" },
  /* a title in capitals mid-sentence is no date ... */
  { "He said on ABC's \"This Week\" that talks would go on this week.", "2021-08-01",
    "this week", "2021-W30" },
  /* ... but at the start of a sentence it is */
  { "This Week the talks go on.", "2021-08-01", "This Week", "2021-W30" },
  /* "the early summer" is this year's summer */
  { "Demand recovered from the low levels of the early summer.", "2021-10-20", "the early summer", "2021-SU" },
};

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
  return article;
}

static void
test_rule (gconstpointer data)
{
  const Rule *rule = data;
  g_autoptr(NfArticle) article = run_text (rule->sentence, rule->published);
  GString *found = g_string_new (NULL);

  for (guint i = 0; i < article->dates->len; i++)
    {
      const NfDate *d = g_ptr_array_index (article->dates, i);

      if (g_strcmp0 (d->text, rule->text) == 0)
        {
          if (rule->value == NULL)
            g_test_fail_printf ("\"%s\" is no date in \"%s\"", rule->text,
                                rule->sentence);
          g_assert_cmpstr (d->value, ==, rule->value);
          g_string_free (found, TRUE);
          return;
        }
      g_string_append_printf (found, " \"%s\"", d->text);
    }
  g_test_message ("dates found:%s", found->str);
  g_string_free (found, TRUE);
  if (rule->value != NULL)
    g_test_fail_printf ("\"%s\" not found in \"%s\"", rule->text, rule->sentence);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    {
      g_autofree char *path = g_strdup_printf ("/dates/rules/%02u", i);

      g_test_add_data_func (path, &rules[i], test_rule);
    }
  return g_test_run ();
}
