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

/* Control characters other than tab, line ends and form feed are rare in
 * text and common in binary data. */
static gboolean
looks_binary (const guint8 *data,
              gsize         len)
{
  gsize controls = 0;

  if (memchr (data, '\0', len) != NULL)
    return TRUE;

  for (gsize i = 0; i < len; i++)
    {
      guint8 c = data[i];

      if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f')
        controls++;
    }

  return controls * 100 > len;
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

char *
nf_text_decode (const guint8  *data,
                gsize          len,
                gsize          max_size,
                gsize         *out_len,
                char         **warning,
                GError       **error)
{
  char *text = NULL;
  gsize text_len = 0;

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

  if (len >= 2 && data[0] == 0xFF && data[1] == 0xFE)
    text = convert_utf16 (data + 2, len - 2, "UTF-16LE", &text_len, error);
  else if (len >= 2 && data[0] == 0xFE && data[1] == 0xFF)
    text = convert_utf16 (data + 2, len - 2, "UTF-16BE", &text_len, error);
  else
    {
      if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
        {
          data += 3;
          len -= 3;
        }

      if (looks_binary (data, len))
        {
          g_set_error_literal (error, NF_ERROR, NF_ERROR_INVALID_INPUT,
                               "binary data, not text");
          return NULL;
        }

      if (g_utf8_validate_len ((const char *) data, len, NULL))
        {
          text = g_strndup ((const char *) data, len);
          text_len = len;
        }
      else
        {
          /* Not UTF-8 but text-like: a page saved in Windows-1252. */
          text = g_convert ((const char *) data, len, "UTF-8", "WINDOWS-1252",
                            NULL, &text_len, NULL);
          if (text == NULL)
            {
              g_set_error_literal (error, NF_ERROR, NF_ERROR_INVALID_INPUT,
                                   "not valid UTF-8, UTF-16 or Windows-1252 "
                                   "text");
              return NULL;
            }
          if (warning != NULL)
            *warning = g_strdup ("not UTF-8: transcoded from Windows-1252");
        }
    }

  if (text == NULL)
    return NULL;

  if (memchr (text, '\0', text_len) != NULL)
    {
      g_free (text);
      g_set_error_literal (error, NF_ERROR, NF_ERROR_INVALID_INPUT,
                           "binary data, not text");
      return NULL;
    }

  if (is_blank (text, text_len))
    {
      g_free (text);
      g_set_error_literal (error, NF_ERROR, NF_ERROR_INVALID_INPUT,
                           "empty: no text");
      return NULL;
    }

  *out_len = text_len;
  return text;
}
