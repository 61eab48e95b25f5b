/* test-structure.c: headline, byline, dateline, body and furniture
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Composed articles in the shapes of Yonhap, AP, Reuters and BBC copy,
 * then the two seeds against ../shared/spec/examples.
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "nf-pipeline.h"
#include "check-blocks.h"

static NfArticle *
parse_text (const char *text,
            const char *published)
{
  NfParseOptions options = { published, 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *why = NULL;
  NfArticle *article;

  article = nf_parse ("test", (const guint8 *) text, strlen (text), &options,
                      &error);
  g_assert_no_error (error);
  g_assert_nonnull (article);
  if (!check_blocks_cover_text (article, &why))
    g_error ("%s", why);
  return article;
}

static guint
count_blocks (const NfArticle *article,
              NfBlockKind      kind)
{
  guint n = 0;

  for (guint i = 0; i < article->blocks->len; i++)
    n += g_array_index (article->blocks, NfBlock, i).kind == kind;
  return n;
}

static void
assert_strv (GPtrArray  *array,
             const char *joined)
{
  g_autoptr(GString) got = g_string_new (NULL);

  for (guint i = 0; i < array->len; i++)
    {
      if (i > 0)
        g_string_append_c (got, '|');
      g_string_append (got, g_ptr_array_index (array, i));
    }
  g_assert_cmpstr (got->str, ==, joined);
}

static void
test_ap (void)
{
  g_autoptr(NfArticle) a = NULL;
  g_autofree char *body = NULL;

  a = parse_text ("Senate passes budget bill after long night\n"
                  "By John Smith and Jane Doe, Associated Press\n\n"
                  "WASHINGTON (AP) \xe2\x80\x94 The Senate passed the bill "
                  "early Tuesday after an all-night session.\n\n"
                  "Senators applaud after the vote in Washington. "
                  "(AP Photo/Evan Vucci)\n\n"
                  "The vote was 51-49. It now goes to the House.\n\n"
                  "Copyright 2020 The Associated Press. All rights reserved.\n",
                  NULL);
  g_assert_cmpstr (a->headline, ==, "Senate passes budget bill after long night");
  assert_strv (a->byline, "John Smith|Jane Doe");
  g_assert_cmpstr (a->agency, ==, "Associated Press");
  g_assert_cmpstr (a->dateline, ==, "WASHINGTON");
  g_assert_null (a->published);
  assert_strv (a->captions, "Senators applaud after the vote in Washington. "
               "(AP Photo/Evan Vucci)");
  body = nf_article_dup_body (a);
  g_assert_true (g_str_has_prefix (body, "WASHINGTON (AP)"));
  g_assert_true (g_str_has_suffix (body, "It now goes to the House."));
  g_assert_cmpuint (count_blocks (a, NF_BLOCK_FURNITURE), ==, 1);
  g_assert_cmpuint (a->sentences->len, ==, 3);
}

static void
test_reuters_crlf (void)
{
  g_autoptr(NfArticle) a = NULL;
  g_autofree char *body = NULL;

  a = parse_text ("UK economy shrinks in November\r\n\r\n"
                  "LONDON, Jan 5 (Reuters) - Britain's economy shrank in "
                  "November, official data showed.\r\n\r\n"
                  "Output fell 0.3% from October.\r\n\r\n"
                  "(Reporting by Jane Doe in London; Editing by John Roe)\r\n",
                  "2021-01-05");
  g_assert_cmpstr (a->headline, ==, "UK economy shrinks in November");
  g_assert_cmpstr (a->agency, ==, "Reuters");
  g_assert_cmpstr (a->dateline, ==, "LONDON");
  assert_strv (a->byline, "Jane Doe");
  /* "Jan 5" printed, the year from the caller. */
  g_assert_cmpint (a->published_parts.year, ==, 0);
  g_assert_cmpint (a->published_parts.month, ==, 1);
  g_assert_cmpint (a->published_parts.day, ==, 5);
  g_assert_cmpstr (a->published, ==, "2021-01-05");
  g_assert_true (a->published_inferred);
  body = nf_article_dup_body (a);
  g_assert_null (strchr (body, '\r'));
  g_assert_null (strstr (body, "Reporting"));
  g_assert_cmpuint (count_blocks (a, NF_BLOCK_BYLINE), ==, 1);
}

static void
test_wire_header (void)
{
  g_autoptr(NfArticle) a = NULL;

  a = parse_text ("From\nSend to\n\nSeoul stocks close higher on tech gains\n\n"
                  "May 5, 2020 - 15:42 By Yonhap\n\n(Yonhap)\n\n"
                  "SEOUL, May 5 (Yonhap) -- Seoul shares closed higher on "
                  "Tuesday. (Yonhap)\n",
                  NULL);
  g_assert_cmpstr (a->headline, ==, "Seoul stocks close higher on tech gains");
  g_assert_cmpuint (a->byline->len, ==, 0);
  g_assert_cmpstr (a->agency, ==, "Yonhap");
  g_assert_cmpstr (a->dateline, ==, "SEOUL");
  g_assert_cmpstr (a->published, ==, "2020-05-05T15:42");
  g_assert_false (a->published_inferred);
  g_assert_cmpuint (count_blocks (a, NF_BLOCK_FURNITURE), ==, 3);
  g_assert_cmpuint (count_blocks (a, NF_BLOCK_BYLINE), ==, 1);
  /* The agency tag stays with the last body paragraph and sentence. */
  g_assert_cmpuint (count_blocks (a, NF_BLOCK_BODY), ==, 1);
  g_assert_cmpuint (a->sentences->len, ==, 1);
}

static void
test_wire_tail (void)
{
  g_autoptr(NfArticle) a = NULL;
  g_autofree char *body = NULL;

  a = parse_text ("N. Korea fires missiles: JCS\nBy Kim Soo-yeon\n"
                  "SEOUL, March 12 (Yonhap) -- North Korea fired two missiles "
                  "on Sunday, the military said.\n"
                  "It was the third launch this month.\n\n"
                  "This photo, released by the KCNA, shows a launch. (Yonhap)\n"
                  "ksy@yna.co.kr\n(END)\n-\nYoon visits Tokyo for summit\n-\n"
                  "Exports fall for fifth month\n",
                  NULL);
  assert_strv (a->byline, "Kim Soo-yeon");
  /* No year printed: only the dates stage may fill one in. */
  g_assert_true (a->published == NULL
                 || g_str_has_suffix (a->published, "-03-12"));
  g_assert_cmpint (a->published_parts.month, ==, 3);
  g_assert_cmpint (a->published_parts.day, ==, 12);
  assert_strv (a->captions, "This photo, released by the KCNA, shows a launch. "
               "(Yonhap)");
  assert_strv (a->contacts, "ksy@yna.co.kr");
  assert_strv (a->related, "Yoon visits Tokyo for summit|Exports fall for fifth month");
  body = nf_article_dup_body (a);
  g_assert_null (strstr (body, "(END)"));
  g_assert_null (strstr (body, "@"));
  g_assert_cmpuint (count_blocks (a, NF_BLOCK_BODY), ==, 2);
}

/* Plain news: the first line is the headline, "By 2025, ..." is text. */
static void
test_plain (void)
{
  g_autoptr(NfArticle) a = NULL;

  a = parse_text ("Broadband take-up slows\n\n"
                  "By 2025, 40% of homes will still be offline, says a study.\n\n"
                  "By John Smith's count, that is too many.\n",
                  "2005-02-01");
  g_assert_cmpstr (a->headline, ==, "Broadband take-up slows");
  g_assert_cmpuint (a->byline->len, ==, 0);
  g_assert_null (a->dateline);
  g_assert_null (a->agency);
  g_assert_cmpstr (a->published, ==, "2005-02-01");
  g_assert_true (a->published_inferred);
  g_assert_cmpuint (count_blocks (a, NF_BLOCK_BODY), ==, 2);
}

/* A story that opens with its dateline has no headline. */
static void
test_no_headline (void)
{
  g_autoptr(NfArticle) a = NULL;

  a = parse_text ("BEIRUT, Lebanon (AP) -- A huge blast hit the port of the "
                  "Lebanese capital on Tuesday, officials said, wounding "
                  "hundreds of people.\n",
                  NULL);
  g_assert_null (a->headline);
  g_assert_cmpstr (a->dateline, ==, "BEIRUT, Lebanon");
  g_assert_cmpstr (a->agency, ==, "AP");
  g_assert_cmpuint (count_blocks (a, NF_BLOCK_BODY), ==, 1);
}

/* CNN-style header: agency on its own line, time before the date, a bare
 * credit, and a dateline glued to the story. */
static void
test_web_header (void)
{
  g_autoptr(NfArticle) a = NULL;
  g_autofree char *body = NULL;

  a = parse_text ("PC photo printers challenge pros\n"
                  "By ZEKE MILLER and JONATHAN LEMIRE\nAssociated Press\n"
                  "Updated 9:21 AM ET, Tue May 5, 2020\nPhoto: Reuters\n\n"
                  "Washington (CNN)The White House said on Tuesday it would "
                  "act.\nAFP/Getty Images\n"
                  "Officials gave no date. (WARNING: Video contains graphic "
                  "images.)\n",
                  NULL);
  g_assert_cmpstr (a->headline, ==, "PC photo printers challenge pros");
  assert_strv (a->byline, "ZEKE MILLER|JONATHAN LEMIRE");
  g_assert_cmpstr (a->agency, ==, "Associated Press");
  g_assert_cmpstr (a->dateline, ==, "Washington");
  g_assert_cmpstr (a->published, ==, "2020-05-05T09:21");
  g_assert_cmpuint (a->captions->len, ==, 0);
  g_assert_cmpuint (count_blocks (a, NF_BLOCK_FURNITURE), ==, 2);
  body = nf_article_dup_body (a);
  g_assert_true (g_str_has_prefix (body, "Washington (CNN)The White House"));
  g_assert_true (g_str_has_suffix (body, "graphic images.)"));
}

/* A saved page: breadcrumbs and section names above the headline. */
static void
test_page_header (void)
{
  g_autoptr(NfArticle) a = NULL;
  g_autoptr(NfArticle) b = NULL;

  a = parse_text ("Home\nNational\nPolitics\n\n"
                  "Seoul seeks flexibility in defense cost talks\n\n"
                  "Published : Apr 28, 2020 - 09:21 Updated : Apr 28, 2020 - 10:02\n\n"
                  "SEOUL (Yonhap) -- The government said Monday it wants a deal.\n",
                  NULL);
  g_assert_cmpstr (a->headline, ==, "Seoul seeks flexibility in defense cost talks");
  g_assert_cmpstr (a->published, ==, "2020-04-28T09:21");
  g_assert_cmpuint (count_blocks (a, NF_BLOCK_FURNITURE), ==, 3);
  g_assert_cmpuint (count_blocks (a, NF_BLOCK_DATE), ==, 1);

  /* A short headline stays one when a date or the story follows it. */
  b = parse_text ("News > World > Asia\nTalks stall\nMay 5, 2020 09:00\n\n"
                  "SEOUL (AP) -- Talks stalled.\n", NULL);
  g_assert_cmpstr (b->headline, ==, "Talks stall");
  g_assert_cmpstr (b->published, ==, "2020-05-05T09:00");
  g_assert_cmpuint (count_blocks (b, NF_BLOCK_FURNITURE), ==, 1);
}

/* Thousands of contact lines, related headlines and bylines stay linear. */
static void
test_many_lines (void)
{
  g_autoptr(GString) text = g_string_new ("Head\nBy Jane Doe\n\nBody.\n");
  g_autoptr(NfArticle) a = NULL;
  gint64 start;

  for (guint i = 0; i < 50000; i++)
    g_string_append_printf (text, "user%u@example.com\n", i % 40000);
  g_string_append (text, "(END)\n");
  for (guint i = 0; i < 50000; i++)
    g_string_append (text, "-\nRelated headline\n");

  start = g_get_monotonic_time ();
  a = parse_text (text->str, NULL);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
  g_assert_cmpuint (a->contacts->len, ==, 40000);
  g_assert_cmpuint (a->related->len, ==, 50000);
  g_assert_cmpuint (count_blocks (a, NF_BLOCK_BODY), ==, 1);
}

/* Datelines of other wires and older copy. */
static void
test_datelines (void)
{
  static const struct
  {
    const char *text;
    const char *dateline;
    const char *agency;
  } cases[] = {
    { "MOSCOW (AP)_ Russia said on Monday it would act.", "MOSCOW", "AP" },
    { "NEWARK, N.J. _ The mayor said on Monday he would act.", "NEWARK, N.J.", NULL },
    { "TOKYO, May 5 Kyodo - Japan said on Tuesday it would act.", "TOKYO", "Kyodo" },
    { "BEIJING, May 5 (Xinhua) -- China said on Tuesday it would act.", "BEIJING", "Xinhua" },
    { "Berlin (dpa) - Germany said on Tuesday it would act.", "Berlin", "dpa" },
    { "SEOUL, Nov. 3 (Yonhap) -- Seoul said on Tuesday it would act.", "SEOUL", "Yonhap" },
    { "Business Brief -- Shares rose on Tuesday in quiet trading.", NULL, NULL },
    { "EXCLUSIVE \xe2\x80\x93 Roger Stone says the machines can be hacked.", NULL, NULL },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = g_strdup_printf ("Officials act on plan\n\n%s\n",
                                               cases[i].text);
      g_autoptr(NfArticle) a = parse_text (text, NULL);

      g_assert_cmpstr (a->dateline, ==, cases[i].dateline);
      g_assert_cmpstr (a->agency, ==, cases[i].agency);
    }
}

static void
test_published_parse (void)
{
  g_autoptr(NfArticle) a = parse_text ("Headline here\n\nBody.\n", "May 5, 2020");
  NfDateParts parts;

  g_assert_cmpstr (a->published, ==, "2020-05-05");

  g_assert_true (nf_published_parse ("2020-05-05", &parts));
  g_assert_cmpint (parts.year, ==, 2020);
  g_assert_cmpint (parts.hour, ==, -1);
  g_assert_true (nf_published_parse ("2020-04-28T09:21", &parts));
  g_assert_cmpint (parts.hour, ==, 9);
  g_assert_cmpint (parts.minute, ==, 21);
  g_assert_true (nf_published_parse ("2020-04-28T09:21:30+09:00", &parts));
  g_assert_true (nf_published_parse ("May 5, 2020", &parts));
  g_assert_false (nf_published_parse ("2020-02-30", &parts));
  g_assert_false (nf_published_parse ("May 5", &parts));
  g_assert_false (nf_published_parse ("yesterday", &parts));
  g_assert_false (nf_published_parse ("2020-05-05 junk", &parts));
}

/* ---- the seeds ---- */

static char *
get_string (JsonObject *object,
            const char *key)
{
  JsonNode *node = json_object_get_member (object, key);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  return g_strdup (json_node_get_string (node));
}

static void
assert_list (JsonObject *expected,
             const char *key,
             GPtrArray  *got)
{
  JsonArray *array = json_object_get_array_member (expected, key);

  g_assert_cmpuint (got->len, ==, json_array_get_length (array));
  for (guint i = 0; i < got->len; i++)
    g_assert_cmpstr (g_ptr_array_index (got, i), ==,
                     json_array_get_string_element (array, i));
}

/* The body may hold none of the lines that are not body. */
static void
assert_body_clean (const NfArticle *a)
{
  g_autofree char *body = nf_article_dup_body (a);
  g_auto(GStrv) paragraphs = g_strsplit (body, "\n\n", -1);

  for (guint i = 0; i < a->blocks->len; i++)
    {
      const NfBlock *block = &g_array_index (a->blocks, NfBlock, i);
      g_autofree char *line = NULL;

      if (block->kind == NF_BLOCK_BODY)
        continue;
      line = nf_article_dup_span (a, block->start, block->end);
      g_assert_false (g_strv_contains ((const char *const *) paragraphs, line));
    }
  for (guint i = 0; i < a->contacts->len; i++)
    g_assert_null (strstr (body, g_ptr_array_index (a->contacts, i)));
  for (guint i = 0; i < a->related->len; i++)
    g_assert_null (strstr (body, g_ptr_array_index (a->related, i)));
  g_assert_false (g_strv_contains ((const char *const *) paragraphs, "(END)"));
  g_assert_false (g_strv_contains ((const char *const *) paragraphs, "-"));
}

static void
check_seed (const char *expected_path,
            const char *seeds_dir)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *seed_path = NULL;
  g_autofree char *data = NULL;
  g_autofree char *why = NULL;
  g_autofree char *published = NULL;
  g_autoptr(NfArticle) a = NULL;
  JsonObject *expected;
  JsonArray *byline;
  gsize len;

  g_assert_true (json_parser_load_from_file (parser, expected_path, &error));
  g_assert_no_error (error);
  expected = json_node_get_object (json_parser_get_root (parser));
  seed_path = g_build_filename (seeds_dir, json_object_get_string_member (expected,
                                                                        "source"),
                                NULL);
  g_assert_true (g_file_get_contents (seed_path, &data, &len, NULL));
  a = nf_parse (json_object_get_string_member (expected, "source"),
                (const guint8 *) data, len, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (check_blocks_cover_text (a, &why));

  g_assert_cmpstr (a->headline, ==, json_object_get_string_member (expected, "headline"));
  byline = json_object_get_array_member (expected, "byline");
  g_assert_cmpuint (a->byline->len, ==, json_array_get_length (byline));
  for (guint i = 0; i < a->byline->len; i++)
    g_assert_cmpstr (g_ptr_array_index (a->byline, i), ==,
                     json_array_get_string_element (byline, i));
  g_assert_cmpstr (a->agency, ==, json_object_get_string_member (expected, "agency"));
  g_assert_cmpstr (a->dateline, ==, json_object_get_string_member (expected, "dateline"));

  /* A printed year must match; a missing one is the dates stage's to
   * infer, so only the month and day are checked here. */
  published = get_string (expected, "published");
  if (a->published_parts.year != 0)
    g_assert_cmpstr (a->published, ==, published);
  else
    {
      g_autofree char *month_day = g_strdup_printf ("-%02d-%02d",
                                                    a->published_parts.month,
                                                    a->published_parts.day);

      g_assert_true (g_str_has_suffix (published, month_day));
      g_assert_true (a->published == NULL
                     || g_str_has_suffix (a->published, month_day));
    }

  assert_list (expected, "captions", a->captions);
  assert_list (expected, "related", a->related);
  assert_list (expected, "contacts", a->contacts);
  assert_body_clean (a);
}

static void
test_seeds (void)
{
  const char *shared = g_getenv ("NF_SHARED_DIR");
  g_autofree char *examples = NULL;
  g_autofree char *seeds = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;
  guint checked = 0;

  examples = g_build_filename (shared ? shared : "../shared", "spec", "examples",
                               NULL);
  seeds = g_build_filename (shared ? shared : "../shared", "seeds", NULL);
  dir = g_dir_open (examples, 0, NULL);
  if (dir == NULL)
    {
      g_test_skip ("no ../shared/spec/examples");
      return;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".expected.json"))
      {
        g_autofree char *path = g_build_filename (examples, name, NULL);

        g_test_message ("checking %s", name);
        check_seed (path, seeds);
        checked++;
      }
  g_assert_cmpuint (checked, >=, 2);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/structure/ap", test_ap);
  g_test_add_func ("/structure/reuters-crlf", test_reuters_crlf);
  g_test_add_func ("/structure/wire-header", test_wire_header);
  g_test_add_func ("/structure/wire-tail", test_wire_tail);
  g_test_add_func ("/structure/plain", test_plain);
  g_test_add_func ("/structure/no-headline", test_no_headline);
  g_test_add_func ("/structure/web-header", test_web_header);
  g_test_add_func ("/structure/page-header", test_page_header);
  g_test_add_func ("/structure/datelines", test_datelines);
  g_test_add_func ("/structure/many-lines", test_many_lines);
  g_test_add_func ("/structure/published-parse", test_published_parse);
  g_test_add_func ("/structure/seeds", test_seeds);

  return g_test_run ();
}
