/* nf-pipeline.c: text in, facts out
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "newsfacts"

#include "config.h"

#include <string.h>

#include "nf-error.h"
#include "nf-lexicon-private.h"
#include "nf-numbers-private.h"
#include "nf-pipeline-private.h"

/* ---- the article id ---- */

/* SHA-256 took a tenth of the parse time; x86-64 processors with the SHA
 * extensions do it several times faster, so the id uses them when the
 * processor has them and GChecksum otherwise.  Both give the same digest
 * (tests/unit/test-input.c compares them). */
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define NF_SHA_NI 1
#include <cpuid.h>
#include <immintrin.h>

static const guint32 sha256_k[64] = {
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1,
  0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
  0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
  0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
  0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
  0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
  0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
  0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

static gboolean
have_sha_ni (void)
{
  static gsize answer = 0;   /* 1 + whether the processor has them */

  if (g_once_init_enter (&answer))
    {
      unsigned int a = 0, b = 0, c = 0, d = 0;
      gboolean sse41 = FALSE, sha = FALSE;

      if (__get_cpuid (1, &a, &b, &c, &d))
        sse41 = (c & bit_SSE4_1) && (c & bit_SSSE3);
      if (__get_cpuid_count (7, 0, &a, &b, &c, &d))
        sha = (b & (1u << 29)) != 0;
      g_once_init_leave (&answer, 1 + (sse41 && sha && !g_getenv ("NF_NO_SHA_NI")));
    }
  return answer == 2;
}

/* The state is kept as the instructions want it: (A, B, E, F) and
 * (C, D, G, H); each message group of four words is made from the four
 * before it. */
__attribute__ ((target ("sha,sse4.1,ssse3")))
static void
sha256_blocks_ni (guint32       state[8],
                  const guint8 *data,
                  gsize         n_blocks)
{
  const __m128i swap = _mm_set_epi64x (0x0c0d0e0f08090a0bLL,
                                       0x0405060700010203LL);
  __m128i tmp = _mm_shuffle_epi32 (_mm_loadu_si128 ((const __m128i *) &state[0]), 0xB1);
  __m128i cdgh = _mm_shuffle_epi32 (_mm_loadu_si128 ((const __m128i *) &state[4]), 0x1B);
  __m128i abef = _mm_alignr_epi8 (tmp, cdgh, 8);

  cdgh = _mm_blend_epi16 (cdgh, tmp, 0xF0);
  for (; n_blocks > 0; n_blocks--, data += 64)
    {
      __m128i abef_start = abef, cdgh_start = cdgh;
      __m128i m[4];

      for (int g = 0; g < 16; g++)
        {
          __m128i w, wk;

          if (g < 4)
            w = m[g] = _mm_shuffle_epi8 (_mm_loadu_si128 ((const __m128i *) (data + 16 * g)),
                                         swap);
          else
            {
              w = _mm_sha256msg1_epu32 (m[g & 3], m[(g + 1) & 3]);
              w = _mm_add_epi32 (w, _mm_alignr_epi8 (m[(g + 3) & 3], m[(g + 2) & 3], 4));
              w = m[g & 3] = _mm_sha256msg2_epu32 (w, m[(g + 3) & 3]);
            }
          wk = _mm_add_epi32 (w, _mm_loadu_si128 ((const __m128i *) &sha256_k[4 * g]));
          cdgh = _mm_sha256rnds2_epu32 (cdgh, abef, wk);
          abef = _mm_sha256rnds2_epu32 (abef, cdgh, _mm_shuffle_epi32 (wk, 0x0E));
          /* after the pair the roles swap back: cdgh now holds C, D, G, H */
        }
      abef = _mm_add_epi32 (abef, abef_start);
      cdgh = _mm_add_epi32 (cdgh, cdgh_start);
    }
  tmp = _mm_shuffle_epi32 (abef, 0x1B);
  cdgh = _mm_shuffle_epi32 (cdgh, 0xB1);
  _mm_storeu_si128 ((__m128i *) &state[0], _mm_blend_epi16 (tmp, cdgh, 0xF0));
  _mm_storeu_si128 ((__m128i *) &state[4], _mm_alignr_epi8 (cdgh, tmp, 8));
}

/* Pads and hashes the last @len (< 64) bytes after @hashed ones;
 * the first 16 hex digits of the digest. */
static char *
sha256_finish_ni (guint32       state[8],
                  guint64       hashed,
                  const guint8 *rest,
                  gsize         len)
{
  guint8 tail[128] = { 0 };
  gsize tail_len = len < 56 ? 64 : 128;
  guint64 bits = (hashed + len) * 8;

  memcpy (tail, rest, len);
  tail[len] = 0x80;
  for (int i = 0; i < 8; i++)
    tail[tail_len - 1 - i] = (guint8) (bits >> (8 * i));
  sha256_blocks_ni (state, tail, tail_len / 64);
  return g_strdup_printf ("%08x%08x", state[0], state[1]);
}
#endif

/* SHA-256 of the folded text, fed in whole 64-byte blocks. */
typedef struct
{
  GChecksum *sum;         /* NULL when the SHA instructions do it */
  guint32    state[8];
  guint64    hashed;      /* bytes fed so far */
} IdHash;

static void
id_hash_init (IdHash *h)
{
  static const guint32 start[8] = { 0x6a09e667, 0xbb67ae85, 0x3c6ef372,
                                    0xa54ff53a, 0x510e527f, 0x9b05688c,
                                    0x1f83d9ab, 0x5be0cd19 };

  memcpy (h->state, start, sizeof start);
  h->hashed = 0;
  h->sum = NULL;
#ifdef NF_SHA_NI
  if (have_sha_ni ())
    return;
#endif
  h->sum = g_checksum_new (G_CHECKSUM_SHA256);
}

static void
id_hash_blocks (IdHash       *h,
                const guint8 *data,
                gsize         len)
{
  if (h->sum != NULL)
    g_checksum_update (h->sum, data, len);
#ifdef NF_SHA_NI
  else
    sha256_blocks_ni (h->state, data, len / 64);
#endif
  h->hashed += len;
}

static char *
id_hash_finish (IdHash       *h,
                const guint8 *rest,
                gsize         len)
{
  gsize whole = len & ~(gsize) 63;
  char *id;

  id_hash_blocks (h, rest, whole);
  rest += whole;
  len -= whole;
#ifdef NF_SHA_NI
  if (h->sum == NULL)
    return sha256_finish_ni (h->state, h->hashed, rest, len);
#endif
  g_checksum_update (h->sum, rest, len);
  id = g_strndup (g_checksum_get_string (h->sum), 16);
  g_checksum_free (h->sum);
  return id;
}

/* The id hashes the text with runs of white space folded to one space and
 * the ends trimmed, so that a re-saved copy (CRLF, trailing blanks) is the
 * same article.  A space is written where a run of white space starts
 * (none before the first character), and a space left last is taken back
 * at the end.  Eight bytes with no control character and no two spaces
 * side by side, nearly all of a text, are copied as they are; the others
 * go byte by byte, without a branch per byte.  The folded text goes to
 * the hash a few kilobytes at a time, keeping back its last byte. */
#define ID_BLOCK 4096
#define ID_HIGHS 0x8080808080808080ull

static inline gboolean
id_plain_block (const char *p,
                guint       last_space,
                guint      *ends_in_space)
{
#if G_BYTE_ORDER == G_LITTLE_ENDIAN
  guint64 x, x7, spaces, controls;

  memcpy (&x, p, 8);
  x7 = x & ~ID_HIGHS;
  spaces = NF_SWAR_IN_RANGE (x7, ' ', ' ') & ~x & ID_HIGHS;
  controls = NF_SWAR_IN_RANGE (x7, 0, 0x1F) & ~x & ID_HIGHS;
  *ends_in_space = (guint) (spaces >> 63);
  return controls == 0 && (spaces & (spaces >> 8)) == 0
         && !(last_space && (spaces & 0x80));
#else
  return FALSE;
#endif
}

char *
nf_text_id (const char *text,
            gsize       len)
{
  guint8 buf[ID_BLOCK + 8];
  IdHash hash;
  guint started = 0;      /* a character other than white space was kept */
  guint last_space = 0;   /* the last byte kept is a space */
  gsize n = 0;

  g_return_val_if_fail (text != NULL, NULL);

  id_hash_init (&hash);
  for (gsize i = 0; i < len;)
    {
      guint ends_in_space;

      if (started && len - i >= 8
          && id_plain_block (text + i, last_space, &ends_in_space))
        {
          memcpy (buf + n, text + i, 8);
          n += 8;
          i += 8;
          last_space = ends_in_space;
        }
      else
        {
          guint8 c = (guint8) text[i++];
          guint keep = !g_ascii_isspace (c);

          buf[n] = keep ? c : ' ';
          n += keep | (started & (last_space ^ 1));
          last_space = (keep ^ 1) & started;
          started |= keep;
        }
      if (G_UNLIKELY (n >= ID_BLOCK))
        {
          gsize whole = (n - 1) & ~(gsize) 63;

          id_hash_blocks (&hash, buf, whole);
          memmove (buf, buf + whole, n - whole);
          n -= whole;
        }
    }
  return id_hash_finish (&hash, buf, n - last_space);
}

void
nf_pipeline_run (NfArticle            *article,
                 const NfParseOptions *options)
{
  g_return_if_fail (article != NULL);

  _nf_structure_run (article, options);
  _nf_sentences_run (article);
  _nf_dates_figures_run (article);
  _nf_entities_run (article);
  _nf_quotes_run (article);
  _nf_brief_run (article);
}

void
nf_pipeline_redate (NfArticle *article)
{
  g_return_if_fail (article != NULL);

  g_ptr_array_set_size (article->dates, 0);
  _nf_dates_run (article);
}

NfArticle *
nf_parse (const char            *source,
          const guint8          *data,
          gsize                  len,
          const NfParseOptions  *options,
          GError               **error)
{
  static const NfParseOptions defaults = { NULL, 0 };
  g_autofree char *warning = NULL;
  NfArticle *article;
  gsize text_len = 0;
  char *text;

  g_return_val_if_fail (data != NULL || len == 0, NULL);

  if (options == NULL)
    options = &defaults;

  text = nf_text_decode (data, len, options->max_size, &text_len, &warning,
                         error);
  if (text == NULL)
    return NULL;

  article = nf_article_new (source, text, text_len);
  article->id = nf_text_id (text, text_len);
  if (warning != NULL)
    g_ptr_array_add (article->warnings, g_steal_pointer (&warning));

  nf_pipeline_run (article, options);

  return article;
}
