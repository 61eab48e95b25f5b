/* test-quotes.c: quotes, speakers, entities and the brief
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each case is a small article composed for the rule it tests, run through
 * the whole pipeline.
 */

#include "config.h"

#include <string.h>

#include <glib.h>

#include "nf-pipeline.h"

static NfArticle *
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  NfArticle *article = nf_parse ("test.txt", (const guint8 *) text,
                                 strlen (text), NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (article);
  return article;
}

static const NfQuote *
quote (const NfArticle *article,
       guint            i)
{
  g_assert_cmpuint (i, <, article->quotes->len);
  return g_ptr_array_index (article->quotes, i);
}

static const NfEntity *
entity (const NfArticle *article,
        const char      *name)
{
  for (guint i = 0; i < article->entities->len; i++)
    {
      const NfEntity *e = g_ptr_array_index (article->entities, i);

      if (g_strcmp0 (e->name, name) == 0)
        return e;
    }
  return NULL;
}

static gboolean
has_alias (const NfEntity *e,
           const char     *alias)
{
  for (guint i = 0; i < e->aliases->len; i++)
    if (g_strcmp0 (g_ptr_array_index (e->aliases, i), alias) == 0)
      return TRUE;
  return FALSE;
}

static void
test_said_inverted (void)
{
  g_autoptr(NfArticle) a = parse (
    "City council votes on the new budget\n\n"
    "Jane Holloway, the city's finance director, presented the plan.\n\n"
    "\"We cannot spend what we do not have,\" said Jane Holloway, the "
    "finance director of the city.\n");
  const NfQuote *q;

  g_assert_cmpuint (a->quotes->len, ==, 1);
  q = quote (a, 0);
  g_assert_cmpstr (q->text, ==, "We cannot spend what we do not have,");
  g_assert_cmpstr (q->speaker, ==, "Jane Holloway");
  g_assert_cmpint (q->speaker_kind, ==, NF_SPEAKER_PERSON);
  g_assert_cmpstr (q->verb, ==, "said");
  g_assert_false (q->partial);
  g_assert_cmpstr (a->text + q->start, >=, "We cannot");
  g_assert_cmpint (strncmp (a->text + q->start, q->text, strlen (q->text)), ==, 0);
}

static void
test_pronoun_chain (void)
{
  g_autoptr(NfArticle) a = parse (
    "Trade talks resume after a month of silence\n\n"
    "Trade minister Paul Okafor met Maria Lindqvist on Monday.\n\n"
    "\"We made progress,\" Lindqvist told reporters.\n\n"
    "\"There is more to do,\" she added. \"But the door is open.\"\n\n"
    "\"It is a start,\" Okafor said later.\n");

  g_assert_cmpuint (a->quotes->len, ==, 4);
  g_assert_cmpstr (quote (a, 0)->speaker, ==, "Maria Lindqvist");
  g_assert_cmpstr (quote (a, 0)->verb, ==, "told");
  g_assert_cmpstr (quote (a, 1)->speaker, ==, "Maria Lindqvist");
  g_assert_cmpstr (quote (a, 1)->verb, ==, "added");
  /* no cue of its own: the speaker goes on */
  g_assert_cmpstr (quote (a, 2)->speaker, ==, "Maria Lindqvist");
  g_assert_null (quote (a, 2)->verb);
  g_assert_cmpstr (quote (a, 3)->speaker, ==, "Paul Okafor");
  g_assert_cmpstr (quote (a, 3)->speaker_role, ==, "Trade minister");
}

static void
test_partial (void)
{
  g_autoptr(NfArticle) a = parse (
    "Finance ministry warns over spending plan\n\n"
    "The plan is a \"reckless gamble\" with public money, the Finance "
    "Ministry said in a statement.\n");
  const NfQuote *q;

  g_assert_cmpuint (a->quotes->len, ==, 1);
  q = quote (a, 0);
  g_assert_cmpstr (q->text, ==, "reckless gamble");
  g_assert_true (q->partial);
  g_assert_cmpstr (q->speaker, ==, "Finance Ministry");
  g_assert_cmpint (q->speaker_kind, ==, NF_SPEAKER_ORGANIZATION);
}

static void
test_multi_paragraph (void)
{
  g_autoptr(NfArticle) a = parse (
    "Storm hits the coast and cuts power to thousands\n\n"
    "Governor Ana Ruiz spoke after the storm.\n\n"
    "\xE2\x80\x9CWe lost power in three counties. Crews are out now.\n\n"
    "\xE2\x80\x9CWe expect most homes back by Friday,\xE2\x80\x9D Ruiz said.\n");

  g_assert_cmpuint (a->quotes->len, ==, 2);
  g_assert_cmpstr (quote (a, 0)->text, ==,
                   "We lost power in three counties. Crews are out now.");
  g_assert_cmpstr (quote (a, 0)->speaker, ==, "Ana Ruiz");
  g_assert_cmpstr (quote (a, 1)->speaker, ==, "Ana Ruiz");
  g_assert_cmpstr (quote (a, 1)->verb, ==, "said");
}

static void
test_anonymous (void)
{
  g_autoptr(NfArticle) a = parse (
    "Negotiators say a trade deal is near\n\n"
    "\"We are very close,\" a senior government official told reporters "
    "on condition of anonymity.\n\n"
    "\"Nothing is final,\" according to a source in Brussels.\n");

  g_assert_cmpuint (a->quotes->len, ==, 2);
  g_assert_cmpstr (quote (a, 0)->speaker, ==, "senior government official");
  g_assert_cmpint (quote (a, 0)->speaker_kind, ==, NF_SPEAKER_ANONYMOUS);
  g_assert_cmpstr (quote (a, 1)->speaker, ==, "source");
  g_assert_cmpint (quote (a, 1)->speaker_kind, ==, NF_SPEAKER_ANONYMOUS);
  g_assert_cmpstr (quote (a, 1)->verb, ==, "according to");
}

static void
test_scare_quotes (void)
{
  g_autoptr(NfArticle) a = parse (
    "A review of the week in film and politics\n\n"
    "The so-called \"reset\" failed, and the film \"Gone With The Wind\" "
    "was shown again.\n");

  g_assert_cmpuint (a->quotes->len, ==, 0);
}

static void
test_unbalanced (void)
{
  g_autoptr(NfArticle) a = parse (
    "Officials meet in Tokyo to discuss the plan\n\n"
    "He said \"this never ends and the mark is never closed.\n\n"
    "Officials in Tokyo met Kenji Sato on Monday.\n\n"
    "\"Short and closed,\" Sato said.\n");

  /* the open mark must not swallow the next paragraphs */
  g_assert_cmpuint (a->quotes->len, ==, 1);
  g_assert_cmpstr (quote (a, 0)->text, ==, "Short and closed,");
  g_assert_cmpstr (quote (a, 0)->speaker, ==, "Kenji Sato");
  g_assert_nonnull (entity (a, "Kenji Sato"));
}

static void
test_quote_before_cue (void)
{
  g_autoptr(NfArticle) a = parse (
    "Senate vote on the budget bill ends in deadlock\n\n"
    "Senator Ruth Adeyemi said: \"This bill is dead.\"\n\n"
    "Later, the State Department said \"we will review it\" soon.\n");

  g_assert_cmpuint (a->quotes->len, ==, 2);
  g_assert_cmpstr (quote (a, 0)->speaker, ==, "Ruth Adeyemi");
  g_assert_cmpstr (quote (a, 0)->speaker_role, ==, "Senator");
  g_assert_false (quote (a, 0)->partial);
  g_assert_cmpstr (quote (a, 1)->speaker, ==, "State Department");
  g_assert_true (quote (a, 1)->partial);
}

static void
test_attribution_forms (void)
{
  g_autoptr(NfArticle) a = parse (
    "Voters speak about the debate in their own words\n\n"
    "\"I am not convinced by either of them.\" \xE2\x80\x94 Carla Moreno\n\n"
    "\"Win this one!\" Senator Tom Reyes shouted as the doors opened.\n\n"
    "Analyst Priya Nair: \"The numbers have not moved in a month.\"\n");

  g_assert_cmpuint (a->quotes->len, ==, 3);
  g_assert_cmpstr (quote (a, 0)->speaker, ==, "Carla Moreno");
  g_assert_cmpstr (quote (a, 1)->speaker, ==, "Tom Reyes");
  g_assert_cmpstr (quote (a, 1)->verb, ==, "shouted");
  g_assert_cmpstr (quote (a, 2)->speaker, ==, "Priya Nair");
}

static void
test_pronoun_gender (void)
{
  g_autoptr(NfArticle) a = parse (
    "Candidates trade barbs at a town hall meeting\n\n"
    "Susan Park spoke first on Monday. Robert Hale answered her on taxes.\n\n"
    "\"He has no plan at all,\" she said.\n");

  g_assert_cmpuint (a->quotes->len, ==, 1);
  /* "she" is not Robert Hale, though he was named last */
  g_assert_cmpstr (quote (a, 0)->speaker, ==, "Susan Park");
}

static void
test_pronoun_leading_clause (void)
{
  g_autoptr(NfArticle) a = parse (
    "Senators spar over border policy\n\n"
    "\"We need a wall first,\" Daniel Reyes said on Monday.\n\n"
    "Asked about the charges of Thomas Whitfield, Reyes said the plan was "
    "fair. \"It is not amnesty,\" he said.\n\n"
    "Noting that Whitfield had voted for it, Reyes went further. "
    "\"He has changed his mind,\" he said.\n");

  g_assert_cmpuint (a->quotes->len, ==, 3);
  /* the names in a leading clause ("Asked about …, Reyes said") are not
   * the subject the later "he" means */
  g_assert_cmpstr (quote (a, 1)->speaker, ==, "Daniel Reyes");
  g_assert_cmpstr (quote (a, 2)->speaker, ==, "Daniel Reyes");
}

static void
test_pronoun_first (void)
{
  g_autoptr(NfArticle) a = parse (
    "Actress weighs in on the race\n\n"
    "\"I will vote for change,\" Laura Bennett told the network.\n\n"
    "She said she was tired of the status quo, unlike Margaret Collins, "
    "the party's front-runner.\n\n"
    "\"Some people feel the same,\" she said.\n");

  g_assert_cmpuint (a->quotes->len, ==, 2);
  /* the sentence is about "she"; the name after the pronoun is not its
   * subject */
  g_assert_cmpstr (quote (a, 1)->speaker, ==, "Laura Bennett");
}

static void
test_pronoun_unknown_name (void)
{
  g_autoptr(NfArticle) a = parse (
    "Former envoy backs the candidate\n\n"
    "The former ambassador spoke on a radio show on Monday.\n\n"
    "\"We have a binary choice here,\" Whitcombe said.\n\n"
    "Markets were calm on the day after the show.\n\n"
    "\"This is not a circumstance we can ignore,\" he added.\n");

  g_assert_cmpuint (a->quotes->len, ==, 2);
  /* a lone surname with no known given name reads like a person's, so
   * "he" can stand for it whatever kind the entities stage gave it */
  g_assert_cmpstr (quote (a, 0)->speaker, ==, "Whitcombe");
  g_assert_cmpstr (quote (a, 1)->speaker, ==, "Whitcombe");
}

static void
test_pronoun_reported (void)
{
  g_autoptr(NfArticle) a = parse (
    "An early ally recalls the first campaign\n\n"
    "\"We met in sports bars,\" said Robert Stovall, a party activist.\n\n"
    "Michael Crane electrified the small crowds, Stovall said.\n\n"
    "\"He was very articulate,\" he said.\n\n"
    "Crane's accusation that the city had failed was fair, Stovall said. "
    "\"It had failed,\" he added.\n");

  g_assert_cmpuint (a->quotes->len, ==, 3);
  /* "…, Stovall said": the person who speaks in the sentence is whom the
   * next "he" means, not the first name in it, nor an owner ("Crane's") */
  g_assert_cmpstr (quote (a, 1)->speaker, ==, "Robert Stovall");
  g_assert_cmpstr (quote (a, 2)->speaker, ==, "Robert Stovall");
}

static void
test_colon_subject (void)
{
  g_autoptr(NfArticle) a = parse (
    "Activist endorses a candidate\n\n"
    "\"I have decided to endorse him,\" Morton Blackwell wrote.\n\n"
    "He then listed the qualities of a good nominee:\n\n"
    "\"Has the candidate a record of activism for his principles?\"\n");

  g_assert_cmpuint (a->quotes->len, ==, 2);
  /* a paragraph that announces the quote with a colon but no cue verb:
   * its subject speaks */
  g_assert_cmpstr (quote (a, 1)->speaker, ==, "Morton Blackwell");
}

static void
test_pronoun_subject_clause (void)
{
  g_autoptr(NfArticle) a = parse (
    "Candidate vows to stay in the race\n\n"
    "\"The primary was closed to independents,\" Walter Brennan said.\n\n"
    "He pushed the State Department to \"open its doors to new voters.\"\n\n"
    "Back home on Tuesday, he returned to his familiar lines: \"We are in "
    "till the last ballot is cast!\"\n");

  g_assert_cmpuint (a->quotes->len, ==, 3);
  /* a partial quote with no cue belongs to the subject of its sentence,
   * here "he", not the body named after it */
  g_assert_cmpstr (quote (a, 1)->speaker, ==, "Walter Brennan");
  /* a sentence that announces the quote with a colon: its subject */
  g_assert_cmpstr (quote (a, 2)->speaker, ==, "Walter Brennan");
}

static void
test_pronoun_gender_inside (void)
{
  g_autoptr(NfArticle) a = parse (
    "Candidates trade barbs at a town hall meeting\n\n"
    "Susan Park spoke first on Monday.\n\n"
    "Vermonter Robert Hale answered her on taxes.\n\n"
    "\"He has no plan at all,\" she said.\n");

  g_assert_cmpuint (a->quotes->len, ==, 1);
  /* the man's given name need not open the name to rule out "she" */
  g_assert_cmpstr (quote (a, 0)->speaker, ==, "Susan Park");
}

static void
test_reported_then_quoted (void)
{
  g_autoptr(NfArticle) a = parse (
    "Party figures plan to stop the nominee\n\n"
    "Gordon Humphrey said he does not believe the effort needs a settled "
    "alternative to succeed.\n\n"
    "\"To my knowledge, there is no heavy-hitter as yet involved.\"\n");

  g_assert_cmpuint (a->quotes->len, ==, 1);
  /* a quoted paragraph with no cue after one that reports what someone
   * said goes on with that speaker */
  g_assert_cmpstr (quote (a, 0)->speaker, ==, "Gordon Humphrey");
}

static void
test_pronoun_coordinator (void)
{
  g_autoptr(NfArticle) a = parse (
    "Delegates weigh the nominee's chances\n\n"
    "\"They are waiting to be courted,\" said Helen Ferrante.\n\n"
    "And Ohio's Linda Carver, one of the delegates, said the nominee will "
    "do well. \"I think he will do great things,\" she said.\n");

  g_assert_cmpuint (a->quotes->len, ==, 2);
  /* "And" opens the main clause, not a leading one */
  g_assert_cmpstr (quote (a, 1)->speaker, ==, "Linda Carver");
}

static void
test_entities (void)
{
  g_autoptr(NfArticle) a = parse (
    "Allies sign a new defense arrangement\n\n"
    "SEOUL -- South Korea and the U.S. signed a new Joint Defense "
    "Arrangement (JDA) on Tuesday, officials in Seoul said.\n\n"
    "U.S. President Donald Trump praised the JDA. Trump spoke from "
    "Washington, while Washington's envoy stayed in S. Korea.\n");
  const NfEntity *sk, *us, *trump, *seoul, *jda;

  sk = entity (a, "South Korea");
  us = entity (a, "United States");
  trump = entity (a, "Donald Trump");
  seoul = entity (a, "Seoul");
  jda = entity (a, "Joint Defense Arrangement");
  g_assert_nonnull (sk);
  g_assert_nonnull (us);
  g_assert_nonnull (trump);
  g_assert_nonnull (jda);
  g_assert_true (has_alias (sk, "S. Korea"));
  g_assert_true (has_alias (us, "U.S."));
  g_assert_true (has_alias (us, "US"));
  /* Washington stands for the government ("Washington's envoy") */
  g_assert_true (has_alias (us, "Washington"));
  /* Seoul only as a place: the city */
  g_assert_nonnull (seoul);
  g_assert_cmpint (seoul->kind, ==, NF_ENTITY_PLACE);
  g_assert_true (has_alias (trump, "Trump"));
  g_assert_cmpstr (trump->role, ==, "U.S. President");
  g_assert_cmpuint (trump->mentions->len, ==, 2);
  g_assert_cmpint (trump->kind, ==, NF_ENTITY_PERSON);
  g_assert_true (has_alias (jda, "JDA"));
  g_assert_cmpuint (a->acronyms->len, ==, 1);
  g_assert_null (entity (a, "Tuesday"));
}

/* A run in headline case where no listed name is found and a title word
 * sits inside once sent the reader back to the same run for ever. */
static void
test_entities_headline_case (void)
{
  g_autoptr(NfArticle) a = parse (
    "Campaign answers the speaker\n\n"
    "Her campaign wrote to supporters, \u201cSenator Ann Hale Joins Growing "
    "List of Governors Opposing Marsh as He Takes GOP Nomination.\u201d\n\n"
    "Mayor Tom Brown Leads Long List of Judges Backing Reyes, the post "
    "said.\n");

  g_assert_nonnull (a);
  g_assert_cmpuint (a->quotes->len, ==, 1);
  g_assert_nonnull (entity (a, "GOP"));
}

/* "St." keeps its dot before the rest of a place's name; "FT." ending a
 * sentence does not. */
static void
test_entities_abbreviated_places (void)
{
  g_autoptr(NfArticle) a = parse (
    "Storms cross the Midwest\n\n"
    "ST. PAUL, Minn. -- Storms hit St. Louis and Ft. Worth on Monday, and "
    "climbers left Mt. Everest, officials said.\n\n"
    "The report ran in the FT. But Helen Marsh, a forecaster, said more "
    "rain was coming to South Yorkshire.\n");
  const NfEntity *louis = entity (a, "St. Louis");
  /* listed as "Fort Worth", with "Ft. Worth" as another name */
  const NfEntity *worth = entity (a, "Fort Worth");
  const NfEntity *everest = entity (a, "Mt. Everest");

  g_assert_nonnull (louis);
  g_assert_cmpint (louis->kind, ==, NF_ENTITY_PLACE);
  g_assert_nonnull (worth);
  g_assert_cmpint (worth->kind, ==, NF_ENTITY_PLACE);
  g_assert_true (has_alias (worth, "Ft. Worth"));
  g_assert_nonnull (everest);
  g_assert_cmpint (everest->kind, ==, NF_ENTITY_PLACE);
  g_assert_null (entity (a, "St"));
  g_assert_null (entity (a, "FT. But Helen Marsh"));
  g_assert_nonnull (entity (a, "Helen Marsh"));
  /* a compass word makes another place of a listed one */
  g_assert_nonnull (entity (a, "South Yorkshire"));
  g_assert_cmpint (entity (a, "South Yorkshire")->kind, ==, NF_ENTITY_PLACE);
}

/* Papers and clubs named after their towns are bodies, not the towns. */
static void
test_entities_town_bodies (void)
{
  g_autoptr(NfArticle) a = parse (
    "Club sold\n\n"
    "LONDON -- Manchester United was sold on Friday, the Washington Post "
    "reported, as did China Daily. Fans in Manchester were calm.\n");
  const NfEntity *united = entity (a, "Manchester United");
  const NfEntity *post = entity (a, "Washington Post");
  const NfEntity *daily = entity (a, "China Daily");
  const NfEntity *town = entity (a, "Manchester");

  g_assert_nonnull (united);
  g_assert_cmpint (united->kind, ==, NF_ENTITY_ORGANIZATION);
  g_assert_nonnull (post);
  g_assert_cmpint (post->kind, ==, NF_ENTITY_ORGANIZATION);
  g_assert_nonnull (daily);
  g_assert_cmpint (daily->kind, ==, NF_ENTITY_ORGANIZATION);
  g_assert_nonnull (town);
  g_assert_cmpint (town->kind, ==, NF_ENTITY_PLACE);
  g_assert_cmpuint (town->mentions->len, ==, 1);
}

/* Words that open a sentence after a cue verb's, and contractions, are
 * not names. */
static void
test_entities_sentence_openers (void)
{
  g_autoptr(NfArticle) a = parse (
    "Club sold\n\n"
    "The club was sold, the Boston Globe reported. Fans in Manchester were "
    "calm.\n\n"
    "\"We are fine,\" Dana Whitfield said. I'm sure they are, and We're "
    "not worried, the club said. I\u2019ve seen worse.\n\n"
    "Analysts said the sale would close at 10:00 GMT, after the New Year "
    "and I am sure of it, one fan said. Former Globex chief Ann Byrd "
    "agreed. Maybe I am wrong, she added.\n");

  g_assert_nonnull (entity (a, "Boston Globe"));
  g_assert_nonnull (entity (a, "Dana Whitfield"));
  g_assert_null (entity (a, "Fans"));
  g_assert_null (entity (a, "I'm"));
  g_assert_null (entity (a, "We're"));
  g_assert_null (entity (a, "I\u2019ve"));
  g_assert_null (entity (a, "Analysts"));
  g_assert_null (entity (a, "GMT"));
  g_assert_null (entity (a, "I"));
  /* a describing word opens no body's name */
  g_assert_null (entity (a, "Former Globex"));
  g_assert_nonnull (entity (a, "Globex"));
  g_assert_null (entity (a, "Maybe I"));
}

/* A given name that is also a listed word ("bill", as in "the Crime
 * Bill") still starts a person's name. */
static void
test_entities_given_name_words (void)
{
  g_autoptr(NfArticle) a = parse (
    "Bill passes\n\n"
    "Former president Bill Clinton backed the Crime Bill on Monday. Clinton "
    "said it was overdue.\n");
  const NfEntity *clinton = entity (a, "Bill Clinton");

  g_assert_nonnull (clinton);
  g_assert_cmpint (clinton->kind, ==, NF_ENTITY_PERSON);
  g_assert_true (has_alias (clinton, "Clinton"));
}

/* "Ted Cruz of Texas" is the senator and the state; a person named before
 * "and Senator" is no part of the senator's title. */
static void
test_entities_person_of_place (void)
{
  g_autoptr(NfArticle) a = parse (
    "Senators meet\n\n"
    "The race between Hillary Clinton and Senator Bernie Sanders of Vermont "
    "went on, and Sen. Ted Cruz of Texas watched. Later Mr. Cruz and "
    "Mrs. Clinton shook hands, and President Barack Obama and Bernie "
    "Sanders spoke.\n");
  const NfEntity *clinton = entity (a, "Hillary Clinton");
  const NfEntity *sanders = entity (a, "Bernie Sanders");
  const NfEntity *cruz = entity (a, "Ted Cruz");

  g_assert_nonnull (clinton);
  g_assert_cmpint (clinton->kind, ==, NF_ENTITY_PERSON);
  g_assert_null (clinton->role);
  g_assert_nonnull (sanders);
  g_assert_cmpstr (sanders->role, ==, "Senator");
  g_assert_nonnull (cruz);
  g_assert_cmpint (cruz->kind, ==, NF_ENTITY_PERSON);
  g_assert_nonnull (entity (a, "Vermont"));
  g_assert_nonnull (entity (a, "Texas"));
  g_assert_null (entity (a, "Ted Cruz of Texas"));
  /* each part of "Mr. Cruz and Mrs. Clinton" has its honorific */
  g_assert_null (entity (a, "Mrs. Clinton"));
  g_assert_cmpuint (clinton->mentions->len, ==, 2);
  g_assert_cmpuint (cruz->mentions->len, ==, 2);
  /* the title before "Barack Obama and Bernie Sanders" is Obama's only */
  g_assert_nonnull (entity (a, "Barack Obama"));
  g_assert_cmpstr (entity (a, "Barack Obama")->role, ==, "President");
  g_assert_cmpuint (sanders->mentions->len, ==, 2);
}

/* A name no list knows is a person's when its last word speaks later. */
static void
test_entities_surname_speaks (void)
{
  g_autoptr(NfArticle) a = parse (
    "Open final\n\n"
    "Tennis star Lleyton Hewitt reached the final on Sunday. \"I played "
    "well,\" Hewitt said after the match.\n");
  const NfEntity *hewitt = entity (a, "Lleyton Hewitt");

  g_assert_nonnull (hewitt);
  g_assert_cmpint (hewitt->kind, ==, NF_ENTITY_PERSON);
  g_assert_cmpuint (a->quotes->len, ==, 1);
  g_assert_cmpstr (quote (a, 0)->speaker, ==, "Lleyton Hewitt");
  g_assert_cmpint (quote (a, 0)->speaker_kind, ==, NF_SPEAKER_PERSON);
}

static void
test_brief (void)
{
  g_autoptr(NfArticle) a = parse (
    "Central bank raises interest rates again\n\n"
    "LONDON, May 5 (Reuters) -- The central bank raised rates on Thursday. "
    "It was the third rise this year. Markets fell.\n\n"
    "More follows.\n");

  /* dateline and agency tag gone; at most the first two sentences */
  g_assert_nonnull (a->brief);
  g_assert_true (g_str_has_prefix (a->brief,
                                   "The central bank raised rates on Thursday."));
  g_assert_null (strstr (a->brief, "Reuters"));
  g_assert_null (strstr (a->brief, "More follows"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/quotes/said-inverted", test_said_inverted);
  g_test_add_func ("/quotes/pronoun-chain", test_pronoun_chain);
  g_test_add_func ("/quotes/partial", test_partial);
  g_test_add_func ("/quotes/multi-paragraph", test_multi_paragraph);
  g_test_add_func ("/quotes/anonymous", test_anonymous);
  g_test_add_func ("/quotes/scare-quotes", test_scare_quotes);
  g_test_add_func ("/quotes/unbalanced", test_unbalanced);
  g_test_add_func ("/quotes/quote-before-cue", test_quote_before_cue);
  g_test_add_func ("/quotes/attribution-forms", test_attribution_forms);
  g_test_add_func ("/quotes/pronoun-gender", test_pronoun_gender);
  g_test_add_func ("/quotes/pronoun-leading-clause",
                   test_pronoun_leading_clause);
  g_test_add_func ("/quotes/pronoun-first", test_pronoun_first);
  g_test_add_func ("/quotes/pronoun-unknown-name", test_pronoun_unknown_name);
  g_test_add_func ("/quotes/pronoun-reported", test_pronoun_reported);
  g_test_add_func ("/quotes/colon-subject", test_colon_subject);
  g_test_add_func ("/quotes/pronoun-subject-clause",
                   test_pronoun_subject_clause);
  g_test_add_func ("/quotes/pronoun-gender-inside",
                   test_pronoun_gender_inside);
  g_test_add_func ("/quotes/reported-then-quoted",
                   test_reported_then_quoted);
  g_test_add_func ("/quotes/pronoun-coordinator", test_pronoun_coordinator);
  g_test_add_func ("/entities/aliases", test_entities);
  g_test_add_func ("/entities/headline-case", test_entities_headline_case);
  g_test_add_func ("/entities/abbreviated-places",
                   test_entities_abbreviated_places);
  g_test_add_func ("/entities/town-bodies", test_entities_town_bodies);
  g_test_add_func ("/entities/sentence-openers",
                   test_entities_sentence_openers);
  g_test_add_func ("/entities/given-name-words",
                   test_entities_given_name_words);
  g_test_add_func ("/entities/person-of-place",
                   test_entities_person_of_place);
  g_test_add_func ("/entities/surname-speaks", test_entities_surname_speaks);
  g_test_add_func ("/brief/lede", test_brief);

  return g_test_run ();
}
