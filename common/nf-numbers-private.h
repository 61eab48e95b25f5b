/* nf-numbers-private.h: tokens and numbers shared by the dates and figures
 * stages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Both stages read a sentence as a flat array of tokens (words, numerals,
 * single punctuation characters) made in one pass, and match their
 * patterns by looking a few tokens ahead, so that the whole stage stays
 * linear in the length of the text.
 */

#pragma once

#include <string.h>

#include <glib.h>

#include "nf-article.h"

G_BEGIN_DECLS

typedef enum
{
  NF_TOKEN_WORD,
  NF_TOKEN_NUMBER,
  NF_TOKEN_PUNCT,
} NfTokenKind;

#define NF_TOKEN_LOWER_MAX 24

typedef struct
{
  NfTokenKind kind;
  guint       space_before : 1;  /* white space (or the sentence start) before it */
  guint       upper : 1;         /* a word that starts with a capital */
  guint       has_comma : 1;     /* a numeral with thousands separators */
  guint       has_point : 1;     /* a numeral with a decimal point */
  guint       numword : 1;       /* a word that can be part of a number in
                                  * words ("two", "million", "third") */
  guint       datestart : 1;     /* one of _nf_dates_start_words () */
  guint       digits : 8;        /* digits in a numeral */
  gsize       start;             /* byte offsets into the text, end exclusive */
  gsize       end;
  double      number;            /* value of a numeral */
  char        lower[NF_TOKEN_LOWER_MAX]; /* lower-case form, may be cut short */
} NfToken;

/* A fixed set of lower-case words, quick to ask about any token. */
typedef struct _NfWordSet NfWordSet;

NfWordSet  *_nf_word_set_new     (const char * const * const *lists,
                                  guint                       n_lists);
/* @len: strlen (@lower) */
gboolean    _nf_word_set_has     (const NfWordSet *set,
                                  const char      *lower,
                                  gsize            len);
/* A set whose words carry the bits @classes[k] of the lists they are in. */
NfWordSet  *_nf_word_set_new_classes (const char * const * const *lists,
                                      const guint                *classes,
                                      guint                       n_lists);
/* The bits of @lower, or 0 when it is not in the set. */
guint       _nf_word_set_classes (const NfWordSet *set,
                                  const char      *lower,
                                  gsize            len);

/* The words besides numbers that can start a date expression
 * (nf-dates.c): NULL-terminated lists, @n_lists of them. */
const char * const * const *_nf_dates_start_words (guint *n_lists);

/* Flags of a parsed number phrase. */
typedef enum
{
  NF_NUMBER_NUMERAL   = 1 << 0,  /* written with digits */
  NF_NUMBER_WORDS     = 1 << 1,  /* written (partly) in words */
  NF_NUMBER_SCALED    = 1 << 2,  /* with million, billion, bn, ... */
  NF_NUMBER_VAGUE     = 1 << 3,  /* "tens of thousands", "dozens" */
} NfNumberFlags;

GArray     *_nf_tokenize         (const char    *text,
                                  gsize          start,
                                  gsize          end);
/* The same into @tokens (NfToken), replacing what it held. */
void        _nf_tokenize_into    (const char    *text,
                                  gsize          start,
                                  gsize          end,
                                  GArray        *tokens);

/* strcmp () == 0 without a call: the words compared are short, and most
 * differ in their first letters. */
static inline gboolean
_nf_str_equal (const char *a,
               const char *b)
{
  while (*a != '\0' && *a == *b)
    {
      a++;
      b++;
    }
  return *a == *b;
}

/* Inline, and the first letters compared first: the matchers ask this of
 * nearly every token. */
static inline gboolean
_nf_token_is (const NfToken *token,
              const char    *lower)
{
  return token->kind != NF_TOKEN_NUMBER && token->lower[0] == lower[0]
         && _nf_str_equal (token->lower, lower);
}

gboolean    _nf_token_in         (const NfToken *token,
                                  const char * const *words);

gboolean    _nf_number_parse     (const NfToken *tokens,
                                  guint          n_tokens,
                                  guint          i,
                                  double        *value,
                                  guint         *next,
                                  NfNumberFlags *flags);
gboolean    _nf_ordinal_parse    (const NfToken *tokens,
                                  guint          n_tokens,
                                  guint          i,
                                  double        *value,
                                  guint         *next);
double      _nf_scale_word       (const NfToken *token);
int         _nf_small_number_word (const char   *lower);

/* Sets @taken[k] for the tokens that belong to a date or time expression
 * (nf-dates.c), so that the figures stage leaves them alone. */
void        _nf_dates_mark       (const NfToken *tokens,
                                  guint          n_tokens,
                                  guint8        *taken);

/* The dates stage without its last step, which keeps one mention of a
 * date named twice: for scoring against corpora that mark every mention. */
void        _nf_dates_scan       (NfArticle     *article);

/* The figures of one sentence's tokens (nf-figures.c); @taken (n_tokens
 * + 1 bytes) marks the tokens of dates, as _nf_dates_mark () does. */
void        _nf_figures_scan_tokens (NfArticle     *article,
                                     const NfToken *tokens,
                                     guint          n_tokens,
                                     guint8        *taken);

/* The dates and the figures stages, in that order, on one tokenization of
 * each sentence: what _nf_dates_run () then _nf_figures_run () give. */
void        _nf_dates_figures_run (NfArticle     *article);

G_END_DECLS
