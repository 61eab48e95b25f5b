/* test-sentences.c: the sentence splitter on hard cases of news text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each case lists the sentences it must come out as, separated by '|';
 * the input is those sentences joined by one space.  The cases are short
 * fragments in the style of the seed articles and of the corpora in
 * ../shared (wire copy, BBC, US political news).
 */

#include "config.h"

#include <string.h>

#include "nf-pipeline.h"

static const char *const cases[] = {
  /* seeds: abbreviations of country names */
  "U.S. expects S. Korea to be flexible in defense cost-sharing talks.",
  "WASHINGTON, May 5 (Yonhap) -- The United States expects South Korea to "
  "be flexible, a U.S. official said Tuesday.|The comment suggests "
  "Washington continues to seek increases.",
  "N. Korea fired missiles toward the East Sea, S. Korean military said.",
  "Without citing any figures, U.S. President Donald Trump told reporters "
  "last month that he rejected the proposal.",
  "Citing the absence of a new deal, U.S. Forces Korea placed some 4,000 "
  "employees on leave.",
  "South Korea reportedly offered a 13 percent increase on the US$870 "
  "million it agreed to pay.",
  /* quotes that do and do not end a sentence */
  "\"Our leaders have spoken recently, and we'll continue to look for ways "
  "to sit down and talk,\" he said during a virtual seminar.",
  "\"Suffice to say that our side has been very flexible up until now,\" he "
  "added.|\"And we're looking for some flexibility too.\"",
  "\"We won.\"|The team celebrated late into the night.",
  "\xe2\x80\x9cWe have adjusted and compromised.\xe2\x80\x9d|He added that "
  "talks would continue.",
  "\xe2\x80\x9cReally?\xe2\x80\x9d he asked.",
  "\"Are you serious?\" she asked the minister.",
  "He said: \"I don't know.\"|Then he left the room.",
  "'The economy is strong,' the minister said.|'We are confident.'",
  "It was a stunning result!|\xe2\x80\x9cNobody expected it,\xe2\x80\x9d "
  "she said.",
  "\xe2\x80\x9c" "Are you kidding?\xe2\x80\x9d Trump asked reporters.",
  "\"I hope you find the emails that are missing.\" Trump said.|He later "
  "called it a joke.",
  "\"We won.\"|The coach said the team had earned it.",
  "\"Didn't he?'' Mrs. Clinton said.",
  "Ellipsis in a quote: \"We will\xe2\x80\xa6\" he said, trailing off.",
  /* the agency tag closing a paragraph */
  "The spokesperson said the department will not comment on proposals in "
  "diplomatic channels. (Yonhap)",
  "The Senate passed the bill.|It now goes to the House. (AP)",
  /* times */
  "The meeting ended at 9 p.m. Tuesday in Seoul.",
  "The meeting ended at 9 p.m.|The talks resume next week.",
  "He arrived at 10:30 a.m. local time.",
  /* initials and titles */
  "President John F. Kennedy was shot in Dallas in 1963.",
  "Dr. Jane Goodall spoke to Mr. Smith and Mrs. Jones on Monday.",
  "Sen. Elizabeth Warren and Gov. Gavin Newsom spoke at the rally.",
  "Ms. Park declined to comment.|Her office said a statement would follow.",
  "The Rev. Martin Luther King Jr. led the march.",
  "Mt. Everest is 8,848 metres high.",
  "The St. Louis Cardinals won on Oct. 27 in front of 40,000 fans.",
  "He earned a Ph.D. from Harvard University.",
  /* months and numbers */
  "The deadline is Jan. 15, officials said.|It may be extended.",
  "He was born on Sept. 3, 1948 in Texas.",
  "LONDON, Jan. 5 (Reuters) - Britain's economy shrank in November.|Output "
  "fell 0.3%.",
  "Trade talks, which began in Jan., stalled.|Officials blamed both sides.",
  "The song reached No. 1 in the charts last week.",
  "Growth slowed to 2.5 percent from 3.1 percent.|Analysts had expected 2.7 "
  "percent.",
  "Unemployment fell to 4.1%.|That was the lowest level in a decade.",
  "Quarterly profits jumped 76% to $1.13bn (\xc2\xa3" "600m) for the three "
  "months to December.|Sales rose 2%.",
  "The vote was 51-49.|It now goes to the House.",
  "The accident happened at approx. 3 a.m. on the highway.",
  /* companies and places */
  "Shares of Apple Inc. rose 3 percent on Tuesday.",
  "The Seoul-based company, LG Electronics Inc., said sales rose.",
  "Samsung Electronics Co. posted a record profit.",
  "He moved to the U.S. in 1990 to study.",
  "Troops will remain in the U.S.|The decision was final.",
  "Prices rose in the U.K.|But wages lagged behind.",
  "The U.N. Security Council met on Friday.",
  "He lives in Washington, D.C. with his family.",
  "It was a 6-4, 6-3 win at the U.S. Open.|He now faces Rafael Nadal.",
  "The B.B.C. reported it first.|Others followed.",
  "England vs. France ended 2-2.",
  /* ellipses, questions, exclamations */
  "He paused... and then continued speaking.",
  "We waited for hours...|Then the doors finally opened.",
  "Is this the end?|Nobody knows yet.",
  "It was stunning!|The crowd roared its approval.",
  "Apple cut the price to US$99.|iPhone 4 will be available on June 24.",
  "Shares rose 2 percent.|eBay did not comment.",
  /* no final mark, parentheses, semicolons */
  "(LEAD) S. Korea fully restores military pact with Japan",
  "The bill passed early Tuesday (local time).|It now goes to the House.",
  "The talks ended without a deal; both sides will meet again.|No date was "
  "set.",
  "Yahoo said it would cut jobs.|Google (GOOG.O) declined to comment.",
};

static void
check_case (const char *spec)
{
  g_auto(GStrv) expected = g_strsplit (spec, "|", -1);
  g_autofree char *text = g_strjoinv (" ", expected);
  g_autoptr(GArray) spans = nf_sentences_split (text, strlen (text));
  g_autoptr(GString) got = g_string_new (NULL);

  for (guint i = 0; i < spans->len; i++)
    {
      const NfSpan *span = &g_array_index (spans, NfSpan, i);

      if (i > 0)
        g_string_append_c (got, '|');
      g_string_append_len (got, text + span->start, span->end - span->start);
    }
  g_assert_cmpstr (got->str, ==, spec);
}

static void
test_case (gconstpointer data)
{
  check_case (data);
}

static void
test_whitespace (void)
{
  const char *text = "  First line\nwraps here.  \r\n  Second one.\r\n";
  g_autoptr(GArray) spans = nf_sentences_split (text, strlen (text));
  g_autoptr(GArray) empty = nf_sentences_split ("", 0);
  g_autoptr(GArray) blank = nf_sentences_split (" \r\n ", 4);

  g_assert_cmpuint (spans->len, ==, 2);
  g_assert_cmpuint (g_array_index (spans, NfSpan, 0).start, ==, 2);
  g_assert_cmpuint (g_array_index (spans, NfSpan, 0).end, ==, 24);
  g_assert_cmpuint (g_array_index (spans, NfSpan, 1).start, ==, 30);
  g_assert_cmpuint (g_array_index (spans, NfSpan, 1).end, ==, 41);
  g_assert_cmpuint (empty->len, ==, 0);
  g_assert_cmpuint (blank->len, ==, 0);
}

/* Sentences come from body blocks only, never from furniture. */
static void
test_article (void)
{
  const char *text = "Talks stall\nBy Jane Doe\n\nSEOUL (AP) -- Talks "
                     "stalled.  Both sides left.\n\nThis image shows the "
                     "talks. (AP Photo/Ahn Young-joon)\n(END)\n";
  g_autoptr(GError) error = NULL;
  NfArticle *article;

  article = nf_parse ("t", (const guint8 *) text, strlen (text), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (article->sentences->len, ==, 2);
  for (guint i = 0; i < article->sentences->len; i++)
    {
      const NfSpan *span = &g_array_index (article->sentences, NfSpan, i);
      g_autofree char *s = nf_article_dup_span (article, span->start, span->end);

      g_assert_true (g_str_has_prefix (s, i == 0 ? "SEOUL" : "Both"));
    }
  nf_article_free (article);
}

/* Long input stays linear: a megabyte of short sentences. */
static void
test_speed (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GArray) spans = NULL;
  gint64 start;

  while (text->len < 1024 * 1024)
    g_string_append (text, "The U.S. said Mr. Kim met Dr. Lee at 9 p.m. on Jan. 5. ");
  start = g_get_monotonic_time ();
  spans = nf_sentences_split (text->str, text->len);
  g_assert_cmpuint (spans->len, ==, text->len / 55);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 2 * G_USEC_PER_SEC);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/sentences/case/%02u", i + 1);

      g_test_add_data_func (path, cases[i], test_case);
    }
  g_test_add_func ("/sentences/whitespace", test_whitespace);
  g_test_add_func ("/sentences/article", test_article);
  g_test_add_func ("/sentences/speed", test_speed);

  return g_test_run ();
}
