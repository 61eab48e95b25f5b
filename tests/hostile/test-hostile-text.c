/* test-hostile-text.c: text nobody would write, through the whole pipeline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each input has an expected outcome: refused with a given error, or parsed
 * into an article that keeps every invariant (nf-check.h) in time that
 * grows linearly with the input.  Large inputs are generated here, at run
 * time.  Time limits are CPU seconds, multiplied by $NF_TIME_FACTOR when
 * the tests run under a sanitizer or valgrind.
 */

#include "config.h"

#include <string.h>
#include <time.h>

#include "nf-check.h"
#include "nf-error.h"
#include "nf-json.h"
#include "nf-pipeline.h"

typedef GString *(*Generator) (guint n);

static double
cpu_now (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static double
time_factor (void)
{
  const char *factor = g_getenv ("NF_TIME_FACTOR");
  double value = factor != NULL ? g_ascii_strtod (factor, NULL) : 1.0;

  return value >= 1.0 ? value : 1.0;
}

/* Under a sanitizer or valgrind the inputs are a quarter the size: the
 * point there is memory errors, not speed. */
static guint
scaled (guint n)
{
  return time_factor () > 1.0 ? n / 4 : n;
}

/* Parses @len bytes, asserts success and every invariant, and returns the
 * article; *seconds gets the CPU time of parse and JSON. */
static NfArticle *
parse_ok (const char *data,
          gsize       len,
          double     *seconds)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NfArticle) article = NULL;
  g_autofree char *json = NULL;
  g_autofree char *problem = NULL;
  double t0 = cpu_now ();

  article = nf_parse ("hostile", (const guint8 *) data, len, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (article);
  json = nf_article_to_json (article, FALSE);
  if (seconds != NULL)
    *seconds = cpu_now () - t0;

  problem = nf_check_article (article);
  if (problem != NULL)
    g_error ("invariant broken: %s", problem);
  return g_steal_pointer (&article);
}

static void
parse_refused (const char *data,
               gsize       len,
               int         code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NfArticle) article = NULL;

  article = nf_parse ("hostile", (const guint8 *) data, len, NULL, &error);
  g_assert_null (article);
  g_assert_error (error, NF_ERROR, code);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
}

/* Parses generate (n) and generate (8n): both within @limit seconds, and
 * eight times the input may cost at most about eight times the time (a
 * quadratic stage would cost 64 times). */
static void
assert_linear (Generator generate,
               guint     n,
               double    limit)
{
  g_autoptr(GString) small = generate (scaled (n));
  g_autoptr(GString) large = generate (8 * scaled (n));
  g_autoptr(NfArticle) a = NULL;
  g_autoptr(NfArticle) b = NULL;
  double t_small = 0, t_large = 0;
  double slack = 0.05 * time_factor ();

  a = parse_ok (small->str, small->len, &t_small);
  b = parse_ok (large->str, large->len, &t_large);
  g_test_message ("%zu bytes: %.3f s; %zu bytes: %.3f s", small->len, t_small,
                  large->len, t_large);
  g_assert_cmpfloat (t_large, <, limit * time_factor ());
  g_assert_cmpfloat (t_large, <, 8 * 3 * t_small + slack);
}

static GString *
repeat (const char *head,
        const char *unit,
        guint       n,
        const char *tail)
{
  GString *s = g_string_sized_new (strlen (unit) * n + 64);

  g_string_append (s, head);
  for (guint i = 0; i < n; i++)
    g_string_append (s, unit);
  g_string_append (s, tail);
  return s;
}

static void
test_invalid_utf8_windows_1252 (void)
{
  /* Bytes that are not UTF-8 but are Windows-1252: transcoded, warned. */
  const char text[] = "Minister says \x93no\x94 to \xe9lite plan\n\n"
                      "The minister said \x93we will not pay\x94 on Monday.\n";
  g_autoptr(NfArticle) article = parse_ok (text, sizeof text - 1, NULL);

  g_assert_nonnull (strstr (article->text, "\xe2\x80\x9cwe will not pay\xe2\x80\x9d"));
  g_assert_cmpuint (article->warnings->len, ==, 1);
  g_assert_nonnull (strstr (article->warnings->pdata[0], "Windows-1252"));
}

static void
test_invalid_utf8_refused (void)
{
  /* Bytes that are neither UTF-8 nor Windows-1252 (0x81, 0x8D, 0x8F, 0x90
   * and 0x9D are unassigned there): refused, not guessed at. */
  const char undefined[] = "A headline\n\nText with \x81 and \x9d bytes.\n";
  const char utf16_odd[] = "\xff\xfe" "A\0B\0C";
  const char utf16_surrogate[] = "\xff\xfe" "A\0" "\x00\xd8" "B\0";

  parse_refused (undefined, sizeof undefined - 1, NF_ERROR_INVALID_INPUT);
  parse_refused (utf16_odd, sizeof utf16_odd - 1, NF_ERROR_INVALID_INPUT);
  parse_refused (utf16_surrogate, sizeof utf16_surrogate - 1,
                 NF_ERROR_INVALID_INPUT);
}

static void
test_invalid_utf8_truncated (void)
{
  /* A UTF-8 text cut inside a character keeps its good characters (the
   * stray bytes become U+FFFD); an overlong NUL is read as Windows-1252.
   * Either way the reader is warned and no NUL gets through. */
  const char cut[] = "Talks \xe2\x80\x9cstall again\n\nSeoul\xe2\x80\x99s \xe2\x80";
  const char overlong[] = "Header\n\nBody with \xc0\x80 in it.\n";
  g_autoptr(NfArticle) a = parse_ok (cut, sizeof cut - 1, NULL);
  g_autoptr(NfArticle) b = parse_ok (overlong, sizeof overlong - 1, NULL);

  g_assert_cmpuint (a->warnings->len, ==, 1);
  g_assert_nonnull (strstr (a->text, "Seoul\xe2\x80\x99s"));
  g_assert_cmpuint (b->warnings->len, ==, 1);
  g_assert_cmpuint (strlen (b->text), ==, b->text_len);
}

static void
test_nul_bytes (void)
{
  const char middle[] = "Headline\n\nBody\0with a NUL.\n";
  const char end[] = "Headline\n\nBody.\n\0";
  const char utf16[] = "\xff\xfe" "A\0\0\0B\0";

  parse_refused (middle, sizeof middle - 1, NF_ERROR_INVALID_INPUT);
  parse_refused (end, sizeof end - 1, NF_ERROR_INVALID_INPUT);
  parse_refused (utf16, sizeof utf16 - 1, NF_ERROR_INVALID_INPUT);
}

/* One line of news prose with no line break at all. */
static GString *
long_line (guint n_bytes)
{
  static const char sentence[] =
    "The minister said \"4,000 workers\" were paid $870 million on Monday, "
    "up 13 percent from April 1, according to U.S. Forces Korea. ";
  GString *s = g_string_sized_new (n_bytes + sizeof sentence);

  while (s->len + sizeof sentence - 1 <= n_bytes)
    g_string_append (s, sentence);
  while (s->len < n_bytes)
    g_string_append_c (s, 'x');
  return s;
}

static void
test_long_line (void)
{
  g_autoptr(GString) too_large = long_line (NF_DEFAULT_MAX_SIZE + 1);
  g_autoptr(GString) largest = NULL;
  g_autoptr(NfArticle) article = NULL;
  double seconds = 0;

  /* 256 KiB and 2 MiB on one line grow linearly; 8 MiB, the size limit,
   * parses in bounded time; one byte more is refused. */
  assert_linear (long_line, 256 * 1024, 10.0);
  largest = long_line (scaled (NF_DEFAULT_MAX_SIZE));
  article = parse_ok (largest->str, largest->len, &seconds);
  g_test_message ("%zu bytes on one line: %.2f s", largest->len, seconds);
  g_assert_cmpfloat (seconds, <, 20.0 * time_factor ());
  parse_refused (too_large->str, too_large->len, NF_ERROR_TOO_LARGE);
}

static GString *
straight_quotes (guint n)
{
  return repeat ("Headline\n\n", "\"", n, "\n");
}

static GString *
curly_quotes (guint n)
{
  return repeat ("Headline\n\n", "\xe2\x80\x9c", n, "\n");
}

static GString *
short_quotes (guint n)
{
  return repeat ("Headline\n\n", "\"a\" \xe2\x80\x9d\xe2\x80\x9c 'b' ", n / 4, "\n");
}

static void
test_quote_marks (void)
{
  g_autoptr(GString) text = straight_quotes (scaled (100000));
  g_autoptr(NfArticle) article = NULL;
  double seconds = 0;

  article = parse_ok (text->str, text->len, &seconds);
  g_assert_cmpuint (article->quotes->len, <=, scaled (100000) / 2);
  g_assert_cmpfloat (seconds, <, 2.0 * time_factor ());

  assert_linear (straight_quotes, 12500, 2.0);
  assert_linear (curly_quotes, 12500, 2.0);
  assert_linear (short_quotes, 12500, 2.0);
}

static GString *
he_said_chain (guint n)
{
  return repeat ("Headline\n\n\"Yes,\" he said", ", he said", n, ".\n");
}

static GString *
he_said_open (guint n)
{
  return repeat ("Headline\n\n", "He said \"", n, "\n");
}

static GString *
he_said_sentences (guint n)
{
  return repeat ("Headline\n\n", "\"No,\" he said. ", n, "\n");
}

static void
test_he_said (void)
{
  g_autoptr(GString) text = he_said_sentences (10000);
  g_autoptr(NfArticle) article = parse_ok (text->str, text->len, NULL);

  /* Every quote found is one of the 10,000 printed. */
  g_assert_cmpuint (article->quotes->len, <=, 10000);

  assert_linear (he_said_chain, 12500, 2.0);
  assert_linear (he_said_open, 12500, 2.0);
  assert_linear (he_said_sentences, 12500, 2.0);
}

static void
test_huge_numbers (void)
{
  g_autoptr(GString) text = g_string_new ("Numbers beyond reason\n\n");
  g_autoptr(GString) digits = g_string_new (NULL);
  g_autoptr(NfArticle) article = NULL;

  for (guint i = 0; i < 400; i++)
    g_string_append_c (digits, '1' + i % 9);
  g_string_append_printf (text,
    "The fund grew by 1e999 dollars and then by -1e999 percent.\n\n"
    "Officials counted %s workers and $%s million in aid.\n\n"
    "Prices rose %s percent, or 0x1p9999, or 1.8e308 won, "
    "or 10^999 people.\n\n"
    "Some 1,000,000,000,000,000,000,000,000,000 troops and "
    "99999999999999999999.99999999999999999 tonnes arrived; "
    "NaN percent and infinity dollars were not.\n\n"
    "It fell %s.%s percent to 0.%s%s%s%s%s degrees.\n",
    digits->str, digits->str, digits->str, digits->str, digits->str,
    digits->str, digits->str, digits->str, digits->str, digits->str);
  article = parse_ok (text->str, text->len, NULL);

  /* The JSON writer must never print inf or nan: nf-check parsed it back. */
  for (guint i = 0; i < article->figures->len; i++)
    {
      const NfFigure *figure = article->figures->pdata[i];

      g_assert_nonnull (figure->text);
      g_assert_true (figure->end - figure->start <= text->len);
    }
}

/* Text is data: markup and SQL come out exactly as they went in. */
static void
assert_kept (const NfArticle *article,
             const char      *needle)
{
  g_autofree char *body = nf_article_dup_body (article);
  g_autofree char *json = nf_article_to_json (article, FALSE);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root;
  const char *headline;
  const char *json_body;

  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  root = json_node_get_object (json_parser_get_root (parser));
  headline = json_object_get_string_member_with_default (root, "headline", "");
  json_body = json_object_get_string_member_with_default (root, "body", "");
  if (headline == NULL)
    headline = "";
  g_assert_true (strstr (headline, needle) != NULL
                 || strstr (json_body, needle) != NULL
                 || strstr (body, needle) != NULL);
  g_assert_null (strstr (json_body, "&lt;"));
}

static void
test_markup_and_sql (void)
{
  const char text[] =
    "<b>Bold</b> &amp; <span foreground=\"red\">red</span> headline\n\n"
    "Robert'); DROP TABLE articles; -- said \"<i>we\" OR 1=1 --</i>\" "
    "on Monday.\n\n"
    "The <markup> & 'quotes' ' UNION SELECT * FROM sqlite_master; "
    "\"; DELETE FROM facts; --\n";
  g_autoptr(NfArticle) article = parse_ok (text, sizeof text - 1, NULL);

  assert_kept (article, "<span foreground=\"red\">red</span>");
  assert_kept (article, "Robert'); DROP TABLE articles; --");
  assert_kept (article, "' UNION SELECT * FROM sqlite_master;");
  assert_kept (article, "<markup> &");
}

static GString *
many_lines (guint n)
{
  return repeat ("Headline\n\n", "A\n\n\n", n, "");
}

static GString *
many_abbreviations (guint n)
{
  return repeat ("Headline\n\n", "Mr. U.S. Dr. No. ", n, "\n");
}

static void
test_many_blocks (void)
{
  assert_linear (many_lines, 25000, 5.0);
  assert_linear (many_abbreviations, 12500, 5.0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/hostile/invalid-utf8/windows-1252",
                   test_invalid_utf8_windows_1252);
  g_test_add_func ("/hostile/invalid-utf8/refused", test_invalid_utf8_refused);
  g_test_add_func ("/hostile/invalid-utf8/truncated",
                   test_invalid_utf8_truncated);
  g_test_add_func ("/hostile/nul-bytes", test_nul_bytes);
  g_test_add_func ("/hostile/long-line", test_long_line);
  g_test_add_func ("/hostile/quote-marks", test_quote_marks);
  g_test_add_func ("/hostile/he-said", test_he_said);
  g_test_add_func ("/hostile/huge-numbers", test_huge_numbers);
  g_test_add_func ("/hostile/markup-and-sql", test_markup_and_sql);
  g_test_add_func ("/hostile/many-blocks", test_many_blocks);

  return g_test_run ();
}
