/* nf-input.c: bytes in, UTF-8 text out
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Articles arrive as UTF-8 (with or without a byte-order mark), UTF-16 with
 * a byte-order mark, or as Windows-1252 pages saved by old browsers.  All
 * become UTF-8; anything that is not text is refused with a clear error.
 */

#define G_LOG_DOMAIN "newsfacts"

#include "config.h"

#include <string.h>

#include "nf-error.h"
#include "nf-pipeline.h"

/* Text with byte order but no byte-order mark: ASCII in UTF-16 has a zero
 * in every other byte.  Returns the charset, or NULL when the zeros do not
 * line up that way. */
static const char *
guess_utf16 (const guint8 *data,
             gsize         len)
{
  gsize even_zeros = 0, odd_zeros = 0;
  gsize pairs = len / 2;

  /* Without a zero byte neither order can match: the usual case. */
  if (len < 4 || len % 2 != 0 || memchr (data, '\0', len) == NULL)
    return NULL;
  for (gsize i = 0; i + 1 < len; i += 2)
    {
      even_zeros += data[i] == 0;
      odd_zeros += data[i + 1] == 0;
    }
  if (odd_zeros * 10 >= pairs * 7 && even_zeros * 20 <= pairs)
    return "UTF-16LE";
  if (even_zeros * 10 >= pairs * 7 && odd_zeros * 20 <= pairs)
    return "UTF-16BE";
  return NULL;
}

/* Whether the bytes hold at least as many valid multi-byte UTF-8
 * characters as invalid bytes: then they were meant as UTF-8. */
static gboolean
mostly_utf8 (const guint8 *data,
             gsize         len)
{
  const char *p = (const char *) data;
  const char *end = p + len;
  gsize good = 0;
  gsize bad = 0;

  while (p < end)
    {
      const char *stop = NULL;

      g_utf8_validate_len (p, end - p, &stop);
      for (const char *q = p; q < stop; q++)
        good += ((guchar) *q & 0xC0) == 0xC0;
      if (stop >= end)
        break;
      bad++;
      p = stop + 1;
    }

  return good > 0 && good >= bad;
}

/* The control characters other than tab, line ends and form feed. */
static const guint8 is_control[256] = {
  [0x01] = 1, [0x02] = 1, [0x03] = 1, [0x04] = 1, [0x05] = 1, [0x06] = 1,
  [0x07] = 1, [0x08] = 1, [0x0b] = 1, [0x0e] = 1, [0x0f] = 1, [0x10] = 1,
  [0x11] = 1, [0x12] = 1, [0x13] = 1, [0x14] = 1, [0x15] = 1, [0x16] = 1,
  [0x17] = 1, [0x18] = 1, [0x19] = 1, [0x1a] = 1, [0x1b] = 1, [0x1c] = 1,
  [0x1d] = 1, [0x1e] = 1, [0x1f] = 1,
};

/* Control characters other than tab, line ends and form feed are rare in
 * text and common in binary data; a NUL byte never belongs in text. */
static gboolean
looks_binary (const guint8  *data,
              gsize          len,
              gsize         *n_controls,
              GError       **error)
{
  gsize controls = 0, i = 0;
  const guint8 *nul = memchr (data, '\0', len);

  /* Eight bytes at a time while none is below 0x20, as in most text */
  for (; i + 8 <= len; i += 8)
    {
      guint64 word;

      memcpy (&word, data + i, 8);
      if (((word - 0x2020202020202020ull) & ~word & 0x8080808080808080ull) != 0)
        for (guint k = 0; k < 8; k++)
          controls += is_control[data[i + k]];
    }
  for (; i < len; i++)
    controls += is_control[data[i]];
  *n_controls = controls;

  if (controls * 100 > len)
    {
      g_set_error_literal (error, NF_ERROR, NF_ERROR_INVALID_INPUT,
                           "binary data, not text");
      return TRUE;
    }
  if (nul != NULL)
    {
      g_set_error (error, NF_ERROR, NF_ERROR_INVALID_INPUT,
                   "binary data, not text: a NUL byte at offset %"
                   G_GSIZE_FORMAT, (gsize) (nul - data));
      return TRUE;
    }
  return FALSE;
}

static gboolean
is_blank (const char *text,
          gsize       len)
{
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isspace (text[i]))
      return FALSE;
  return TRUE;
}

static char *
convert_utf16 (const guint8  *data,
               gsize          len,
               const char    *charset,
               gsize         *out_len,
               GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  char *text;

  text = g_convert ((const char *) data, len, "UTF-8", charset, NULL, out_len,
                    &local_error);
  if (text == NULL)
    g_set_error (error, NF_ERROR, NF_ERROR_INVALID_INPUT,
                 "not valid %s text: %s", charset, local_error->message);
  return text;
}

/* g_utf8_validate_len () after a word-at-a-time skip of the ASCII start,
 * nearly all of most texts.  @data holds no NUL (looks_binary () refused
 * those), which the skip would let through. */
static gboolean
utf8_valid (const guint8 *data,
            gsize         len)
{
  gsize i = 0;

  for (; i + 8 <= len; i += 8)
    {
      guint64 word;

      memcpy (&word, data + i, 8);
      if (word & 0x8080808080808080ull)
        break;
    }
  while (i < len && data[i] < 0x80 && data[i] != '\0')
    i++;
  return g_utf8_validate_len ((const char *) data + i, len - i, NULL);
}

/* UTF-8, with or without its mark, or else Windows-1252.  @clean is set
 * when the text is the bytes as they came, with no NUL and no control
 * character to blank: nearly always. */
static char *
decode_8bit (const guint8  *data,
             gsize          len,
             gsize         *out_len,
             gboolean      *clean,
             char         **warning,
             GError       **error)
{
  gsize controls = 0;
  char *text;

  if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      len -= 3;
    }
  if (looks_binary (data, len, &controls, error))
    return NULL;

  if (utf8_valid (data, len))
    {
      /* No NUL inside (looks_binary () said so): a plain copy. */
      text = g_malloc (len + 1);
      memcpy (text, data, len);
      text[len] = '\0';
      *out_len = len;
      *clean = controls == 0;
      return text;
    }

  if (mostly_utf8 (data, len))
    {
      gsize bad = 0;

      /* UTF-8 with a few stray bytes (a cut, a bad copy): reading it all as
       * Windows-1252 would garble every good character, so only the bad
       * bytes are replaced. */
      text = g_utf8_make_valid ((const char *) data, len);
      *out_len = strlen (text);
      for (const char *p = text; (p = strstr (p, "\xef\xbf\xbd")) != NULL; p += 3)
        bad++;
      if (warning != NULL)
        *warning = g_strdup_printf ("not valid UTF-8: %" G_GSIZE_FORMAT
                                    " bad byte sequences replaced with U+FFFD",
                                    bad);
      return text;
    }

  /* Not UTF-8 but text-like: a page saved in Windows-1252. */
  text = g_convert ((const char *) data, len, "UTF-8", "WINDOWS-1252", NULL,
                    out_len, NULL);
  if (text == NULL)
    {
      g_set_error_literal (error, NF_ERROR, NF_ERROR_INVALID_INPUT,
                           "not valid UTF-8, UTF-16 or Windows-1252 text");
      return NULL;
    }
  if (warning != NULL)
    *warning = g_strdup ("not UTF-8: transcoded from Windows-1252");
  return text;
}

/* Control characters other than tab, line ends and form feed carry no
 * text, and some JSON writers (json-glib 1.6 with 0x1F) pass them on
 * unescaped.  Each becomes a space, which keeps every offset. */
static void
blank_controls (char  *text,
                gsize  len)
{
  for (gsize i = 0; i < len; i++)
    if (G_UNLIKELY (is_control[(guchar) text[i]]))
      text[i] = ' ';
}

char *
nf_text_decode (const guint8  *data,
                gsize          len,
                gsize          max_size,
                gsize         *out_len,
                char         **warning,
                GError       **error)
{
  const char *charset = NULL;
  char *text = NULL;
  gsize text_len = 0;
  gboolean clean = FALSE;

  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (out_len != NULL, NULL);

  if (max_size == 0)
    max_size = NF_DEFAULT_MAX_SIZE;

  if (len > max_size)
    {
      g_set_error (error, NF_ERROR, NF_ERROR_TOO_LARGE,
                   "too large: %" G_GSIZE_FORMAT " bytes, the limit is %"
                   G_GSIZE_FORMAT, len, max_size);
      return NULL;
    }
  if (len == 0)
    {
      g_set_error_literal (error, NF_ERROR, NF_ERROR_INVALID_INPUT,
                           "empty: no text");
      return NULL;
    }

  if (len >= 2 && data[0] == 0xFF && data[1] == 0xFE)
    text = convert_utf16 (data + 2, len - 2, "UTF-16LE", &text_len, error);
  else if (len >= 2 && data[0] == 0xFE && data[1] == 0xFF)
    text = convert_utf16 (data + 2, len - 2, "UTF-16BE", &text_len, error);
  else if ((charset = guess_utf16 (data, len)) != NULL)
    {
      text = convert_utf16 (data, len, charset, &text_len, error);
      if (text != NULL && warning != NULL)
        *warning = g_strdup_printf ("no byte-order mark: read as %s", charset);
    }
  else
    text = decode_8bit (data, len, &text_len, &clean, warning, error);

  if (text == NULL)
    return NULL;

  if (!clean && memchr (text, '\0', text_len) != NULL)
    {
      g_free (text);
      g_set_error_literal (error, NF_ERROR, NF_ERROR_INVALID_INPUT,
                           "binary data, not text: it holds a NUL character");
      return NULL;
    }

  if (is_blank (text, text_len))
    {
      g_free (text);
      g_set_error_literal (error, NF_ERROR, NF_ERROR_INVALID_INPUT,
                           "empty: no text");
      return NULL;
    }

  if (!clean)
    blank_controls (text, text_len);
  *out_len = text_len;
  return text;
}
