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

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/input/utf8-bom", test_utf8_bom);
  g_test_add_func ("/input/utf16", test_utf16);
  g_test_add_func ("/input/windows-1252", test_windows_1252);
  g_test_add_func ("/input/refused", test_refused);

  return g_test_run ();
}
