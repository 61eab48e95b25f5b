/* test-input.c: decoding and refusing input
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "nf-error.h"
#include "nf-pipeline.h"

static void
test_utf8_bom (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gsize len = 0;

  text = nf_text_decode ((const guint8 *) "\xEF\xBB\xBFHello", 8, 0, &len,
                         NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "Hello");
  g_assert_cmpuint (len, ==, 5);
}

static void
test_utf16 (void)
{
  const guint8 le[] = { 0xFF, 0xFE, 'H', 0, 'i', 0 };
  const guint8 be[] = { 0xFE, 0xFF, 0, 'H', 0, 'i' };
  g_autoptr(GError) error = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  gsize len = 0;

  a = nf_text_decode (le, sizeof le, 0, &len, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (a, ==, "Hi");
  b = nf_text_decode (be, sizeof be, 0, &len, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (b, ==, "Hi");
}

static void
test_windows_1252 (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *warning = NULL;
  gsize len = 0;

  /* 0x93 and 0x94 are curly double quotes in Windows-1252. */
  text = nf_text_decode ((const guint8 *) "\x93Yes\x94 caf\xe9", 10, 0, &len,
                         &warning, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "\xe2\x80\x9cYes\xe2\x80\x9d caf\xc3\xa9");
  g_assert_nonnull (warning);
}

static void
test_refused (void)
{
  const guint8 binary[] = { 0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *big = g_malloc (101);
  gsize len = 0;

  g_assert_null (nf_text_decode (binary, sizeof binary, 0, &len, NULL, &error));
  g_assert_error (error, NF_ERROR, NF_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  g_assert_null (nf_text_decode ((const guint8 *) "", 0, 0, &len, NULL, &error));
  g_assert_error (error, NF_ERROR, NF_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  g_assert_null (nf_text_decode ((const guint8 *) " \n\r\n", 4, 0, &len, NULL,
                                 &error));
  g_assert_error (error, NF_ERROR, NF_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  memset (big, 'a', 101);
  g_assert_null (nf_text_decode ((const guint8 *) big, 101, 100, &len, NULL,
                                 &error));
  g_assert_error (error, NF_ERROR, NF_ERROR_TOO_LARGE);
}

static void
test_crlf (void)
{
  const char text[] = "Talks stall\r\n\r\nSEOUL (AP) -- Talks stalled.\r\n"
                      "Both sides left.\r\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(NfArticle) article = NULL;
  g_autofree char *body = NULL;

  article = nf_parse ("crlf", (const guint8 *) text, sizeof text - 1, NULL,
                      &error);
  g_assert_no_error (error);
  /* The text is kept as it was; the carriage returns stay out of facts. */
  g_assert_cmpuint (article->text_len, ==, sizeof text - 1);
  g_assert_cmpstr (article->headline, ==, "Talks stall");
  g_assert_cmpstr (article->dateline, ==, "SEOUL");
  body = nf_article_dup_body (article);
  g_assert_cmpstr (body, ==, "SEOUL (AP) -- Talks stalled.\n\nBoth sides left.");
  g_assert_cmpuint (article->sentences->len, ==, 2);
  g_assert_cmpuint (article->warnings->len, ==, 0);
}

static void
test_cr_only (void)
{
  const char text[] = "Talks stall\r\rTalks stalled.\rBoth sides left.\r";
  g_autoptr(GError) error = NULL;
  g_autoptr(NfArticle) article = NULL;

  article = nf_parse ("cr", (const guint8 *) text, sizeof text - 1, NULL,
                      &error);
  g_assert_no_error (error);
  g_assert_cmpstr (article->headline, ==, "Talks stall");
  g_assert_cmpuint (article->blocks->len, ==, 3);
}

static void
test_nul (void)
{
  const char text[] = "Headline\n\nBody\0with a NUL.\n";
  const guint8 utf16_nul[] = { 0xFF, 0xFE, 'A', 0, 0, 0, 'B', 0 };
  g_autoptr(GError) error = NULL;
  gsize len = 0;

  g_assert_null (nf_text_decode ((const guint8 *) text, sizeof text - 1, 0,
                                 &len, NULL, &error));
  g_assert_error (error, NF_ERROR, NF_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "offset 14"));
  g_clear_error (&error);

  g_assert_null (nf_text_decode (utf16_nul, sizeof utf16_nul, 0, &len, NULL,
                                 &error));
  g_assert_error (error, NF_ERROR, NF_ERROR_INVALID_INPUT);
}

static void
test_utf16_without_bom (void)
{
  const guint8 le[] = { 'H', 0, 'i', 0, '\n', 0, 'Y', 0, 'o', 0 };
  const guint8 be[] = { 0, 'H', 0, 'i', 0, '\n', 0, 'Y', 0, 'o' };
  const guint8 odd[] = { 0xFF, 0xFE, 'H', 0, 'i' };
  g_autoptr(GError) error = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *warning = NULL;
  gsize len = 0;

  a = nf_text_decode (le, sizeof le, 0, &len, &warning, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (a, ==, "Hi\nYo");
  g_assert_nonnull (strstr (warning, "UTF-16LE"));
  b = nf_text_decode (be, sizeof be, 0, &len, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (b, ==, "Hi\nYo");

  /* A UTF-16 text cut in the middle of a character is refused. */
  g_assert_null (nf_text_decode (odd, sizeof odd, 0, &len, NULL, &error));
  g_assert_error (error, NF_ERROR, NF_ERROR_INVALID_INPUT);
}

static void
test_mostly_utf8 (void)
{
  /* One stray byte in UTF-8 text: the curly quotes stay, the stray byte
   * becomes U+FFFD, and the caller is warned. */
  const char text[] = "Head\n\n\xe2\x80\x9cNo,\xe2\x80\x9d he said \x9d today.\n";
  g_autoptr(GError) error = NULL;
  g_autofree char *warning = NULL;
  g_autofree char *out = NULL;
  gsize len = 0;

  out = nf_text_decode ((const guint8 *) text, sizeof text - 1, 0, &len,
                        &warning, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (out, ==, "Head\n\n\xe2\x80\x9cNo,\xe2\x80\x9d he said "
                   "\xef\xbf\xbd today.\n");
  g_assert_cmpuint (len, ==, strlen (out));
  g_assert_nonnull (strstr (warning, "1 bad byte"));
}

static void
test_controls_blanked (void)
{
  /* Stray control characters become spaces (same offsets), so no JSON
   * writer can pass them on raw; tabs and line ends stay. */
  const char text[] = "Head\n\nA\x1f" "b\x01" "c\td\r\n"
    "A body long enough that two stray controls are not taken for binary "
    "data, which they would be in a text of twenty bytes; a hundred and "
    "more letters make them rare, as in a real article.\n";
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  gsize len = 0;

  out = nf_text_decode ((const guint8 *) text, sizeof text - 1, 0, &len,
                        NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (out, "Head\n\nA b c\td\r\nA body"));
  g_assert_cmpuint (len, ==, sizeof text - 1);
}

static void
test_not_any_encoding (void)
{
  /* 0x81 and 0x8D are undefined in Windows-1252 and invalid in UTF-8. */
  const char text[] = "Head\n\nBody \x81\x8d text.\n";
  g_autoptr(GError) error = NULL;
  gsize len = 0;

  g_assert_null (nf_text_decode ((const guint8 *) text, sizeof text - 1, 0,
                                 &len, NULL, &error));
  g_assert_error (error, NF_ERROR, NF_ERROR_INVALID_INPUT);
}

static void
test_empty_forms (void)
{
  const guint8 bom8[] = { 0xEF, 0xBB, 0xBF, ' ', '\n' };
  const guint8 bom16[] = { 0xFF, 0xFE, ' ', 0 };
  g_autoptr(GError) error = NULL;
  gsize len = 0;

  g_assert_null (nf_text_decode (NULL, 0, 0, &len, NULL, &error));
  g_assert_error (error, NF_ERROR, NF_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_null (nf_text_decode (bom8, sizeof bom8, 0, &len, NULL, &error));
  g_assert_error (error, NF_ERROR, NF_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_null (nf_text_decode (bom16, sizeof bom16, 0, &len, NULL, &error));
  g_assert_error (error, NF_ERROR, NF_ERROR_INVALID_INPUT);
}

static void
test_size_limit (void)
{
  g_autofree char *text = g_strnfill (NF_DEFAULT_MAX_SIZE + 1, 'a');
  g_autoptr(GError) error = NULL;
  g_autofree char *ok = NULL;
  gsize len = 0;

  /* The default limit, and exactly at a given limit. */
  g_assert_null (nf_text_decode ((const guint8 *) text, NF_DEFAULT_MAX_SIZE + 1,
                                 0, &len, NULL, &error));
  g_assert_error (error, NF_ERROR, NF_ERROR_TOO_LARGE);
  g_clear_error (&error);
  ok = nf_text_decode ((const guint8 *) text, 100, 100, &len, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (len, ==, 100);
}

/* The id: SHA-256 of the text with white space folded, as GChecksum gives
 * it.  nf_text_id () may use the processor's SHA instructions, so every
 * length around the 64-byte blocks and their padding is tried, and lengths
 * past its 4 kB buffer, with runs of white space at the ends and inside. */
static char *
reference_id (const char *text,
              gsize       len)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GString) folded = g_string_new (NULL);
  gboolean space = FALSE;

  for (gsize i = 0; i < len; i++)
    {
      if (g_ascii_isspace (text[i]))
        {
          space = folded->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (folded, ' ');
      space = FALSE;
      g_string_append_c (folded, text[i]);
    }
  g_checksum_update (sum, (const guchar *) folded->str, folded->len);
  return g_strndup (g_checksum_get_string (sum), 16);
}

static void
test_text_id (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (8);
  g_autofree char *text = g_malloc (9000);
  g_autofree char *known = NULL;

  /* SHA-256 ("abc") starts ba7816bf8f01cfea */
  known = nf_text_id ("  abc\r\n", 7);
  g_assert_cmpstr (known, ==, "ba7816bf8f01cfea");
  for (gsize len = 0; len < 9000; len += len < 300 ? 1 : 37)
    {
      g_autofree char *id = NULL;
      g_autofree char *expected = NULL;

      /* white space of every kind, alone and in runs, other control
       * characters and bytes from 0x80, among printable ones */
      for (gsize i = 0; i < len; i++)
        {
          int pick = g_rand_int_range (rand, 0, 40);

          if (pick < 8)
            text[i] = ' ';
          else if (pick < 10)
            text[i] = " \t\n\r\v\f"[g_rand_int_range (rand, 0, 6)];
          else if (pick == 10)
            text[i] = (char) g_rand_int_range (rand, 1, 0x20);
          else if (pick == 11)
            text[i] = (char) g_rand_int_range (rand, 0x80, 0x100);
          else
            text[i] = (char) g_rand_int_range (rand, 0x21, 0x7F);
        }
      id = nf_text_id (text, len);
      expected = reference_id (text, len);
      g_assert_cmpstr (id, ==, expected);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/input/utf8-bom", test_utf8_bom);
  g_test_add_func ("/input/utf16", test_utf16);
  g_test_add_func ("/input/windows-1252", test_windows_1252);
  g_test_add_func ("/input/mostly-utf8", test_mostly_utf8);
  g_test_add_func ("/input/controls-blanked", test_controls_blanked);
  g_test_add_func ("/input/refused", test_refused);
  g_test_add_func ("/input/crlf", test_crlf);
  g_test_add_func ("/input/cr-only", test_cr_only);
  g_test_add_func ("/input/nul", test_nul);
  g_test_add_func ("/input/utf16-without-bom", test_utf16_without_bom);
  g_test_add_func ("/input/not-any-encoding", test_not_any_encoding);
  g_test_add_func ("/input/empty-forms", test_empty_forms);
  g_test_add_func ("/input/size-limit", test_size_limit);
  g_test_add_func ("/input/text-id", test_text_id);

  return g_test_run ();
}
