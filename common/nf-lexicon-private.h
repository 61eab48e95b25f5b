/* nf-lexicon-private.h: word lists and a word scanner for entities and quotes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The lists live in data/lexicon/ and are compiled in as a GResource; they
 * are read once into hash tables, so every lookup is O(1) on a lowercased
 * key.  The scanner cuts a byte range of text into word tokens in one pass.
 */

#pragma once

#include <string.h>

#include <glib.h>

#include "nf-article.h"

G_BEGIN_DECLS

/* Bit 7 of each byte of @x (all below 0x80) that lies in [lo, hi]. */
#define NF_SWAR_ONES 0x0101010101010101ull
#define NF_SWAR_IN_RANGE(x, lo, hi) \
  (((x) + NF_SWAR_ONES * (0x80 - (lo))) & ~((x) + NF_SWAR_ONES * (0x7F - (hi))))

/* How many ASCII letters and digits stand at @p, up to @end: eight bytes
 * at a time, so that a word costs one test of its length, not one per
 * letter.  Any other byte, and any byte from 0x80, ends the run. */
static inline gsize
_nf_alnum_run (const char *p,
               const char *end)
{
  const char *start = p;

#if G_BYTE_ORDER == G_LITTLE_ENDIAN && defined (__GNUC__)
  while (end - p >= 8)
    {
      guint64 x, x7, stop;

      memcpy (&x, p, 8);
      x7 = x & 0x7F7F7F7F7F7F7F7Full;
      stop = ~(NF_SWAR_IN_RANGE (x7, '0', '9') | NF_SWAR_IN_RANGE (x7, 'A', 'Z')
               | NF_SWAR_IN_RANGE (x7, 'a', 'z'));
      stop = (stop | x) & 0x8080808080808080ull;
      if (stop != 0)
        return (gsize) (p - start) + (__builtin_ctzll (stop) >> 3);
      p += 8;
    }
#endif
  while (p < end && g_ascii_isalnum (*p))
    p++;
  return p - start;
}

typedef enum
{
  NF_LEX_NAME,       /* the entity's own name or another name of it */
  NF_LEX_CAPITAL,    /* a capital: the city, or the country by metonymy */
  NF_LEX_DEMONYM,    /* "American", "South Korean" */
} NfLexRole;

/* One entity the lists know: a country, a place or a body. */
typedef struct
{
  char         *name;
  NfEntityKind  kind;
  GPtrArray    *aliases;   /* char*: other names, always reported */
  char         *capital;   /* first capital, or NULL */
} NfLexGroup;

/* One printed form of a group, keyed by its lowercased tokens. */
typedef struct
{
  NfLexGroup *group;
  char       *form;        /* as listed */
  NfLexRole   role;
  gboolean    caps_only;   /* "US" must be printed in capitals */
} NfLexEntry;

typedef enum
{
  NF_LEX_SET_CUE_VERBS,
  NF_LEX_SET_TITLES,
  NF_LEX_SET_HONORIFICS,
  NF_LEX_SET_ANONYMOUS,
  NF_LEX_SET_STOPWORDS,
  NF_LEX_SET_ORG_WORDS,
  NF_LEX_SET_OTHER_WORDS,
  NF_LEX_SET_GIVEN_NAMES,
  NF_LEX_SET_LOCATIVES,
  NF_LEX_SET_CONNECTORS,
  NF_LEX_SET_SPEECH_ADVERBS,
  NF_LEX_SET_CLAUSE_WORDS,
  NF_LEX_SET_TITLE_MODIFIERS,
  NF_LEX_SET_FEMALE_NAMES,
  NF_LEX_SET_MALE_NAMES,
  NF_LEX_N_SETS,
} NfLexSet;

typedef enum
{
  NF_PRONOUN_NONE,
  NF_PRONOUN_PERSON,
  NF_PRONOUN_ANY,
  NF_PRONOUN_MALE,
  NF_PRONOUN_FEMALE,
} NfPronounKind;

gboolean       _nf_lexicon_has        (NfLexSet     set,
                                       const char  *word,
                                       gsize        len);
NfPronounKind  _nf_lexicon_pronoun    (const char  *word,
                                       gsize        len);
/* @key: lowercased tokens joined by single spaces. */
const NfLexEntry *_nf_lexicon_lookup  (const char  *key);
guint          _nf_lexicon_max_tokens (void);
/* The most tokens of a listed form whose first word is @word; 0 if none. */
guint          _nf_lexicon_max_tokens_from (const char *word,
                                            gsize       len);

typedef enum
{
  NF_WORD_CAP        = 1 << 0,  /* starts with a capital letter */
  NF_WORD_ALLCAPS    = 1 << 1,  /* two or more letters, all capitals */
  NF_WORD_POSS       = 1 << 2,  /* followed by 's (not part of the token) */
  NF_WORD_SENT_START = 1 << 3,  /* first word of a sentence or a quote */
  NF_WORD_DIGIT      = 1 << 4,  /* starts with a digit */
  NF_WORD_HASHED     = 1 << 5,  /* @hash is known */
} NfWordFlags;

/* Forty bytes: the scanners write one per word. */
typedef struct
{
  gsize start;            /* byte offsets into the text */
  gsize end;              /* end of the word, before any 's */
  gsize next;             /* end of the token including 's */
  guint16 flags;
  guint8 names_known;     /* cache of _nf_word_max_tokens () */
  guint8 names_max;
  guint32 hash;           /* of the lowercased word, for the look-ups */
  guint sets_known;       /* cache of _nf_word_in(): sets looked up */
  guint sets_in;          /* and those that hold the word */
} NfWord;

/* Is the word in the list @set?  Cached on the word. */
gboolean       _nf_word_in            (const char  *text,
                                       NfWord      *word,
                                       NfLexSet     set);

/* _nf_lexicon_max_tokens_from () of the word, cached on it. */
guint          _nf_word_max_tokens    (const char  *text,
                                       NfWord      *word);

/* Appends the words of text[start, end) to @tokens (NfWord). */
void           _nf_words_scan           (const char  *text,
                                       gsize        start,
                                       gsize        end,
                                       GArray      *tokens);
/* The same, stopping after @max_words words: the words are the first
 * ones _nf_words_scan () gives. */
void           _nf_words_scan_max     (const char  *text,
                                       gsize        start,
                                       gsize        end,
                                       GArray      *tokens,
                                       guint        max_words);

/* Lowercases text[start, end) into @buf (size @size); FALSE if too long. */
gboolean       _nf_lower_into         (const char  *text,
                                       gsize        len,
                                       char        *buf,
                                       gsize        size);

/* ", deputy assistant secretary of state for Korea and Japan," after a
 * name at @pos: the role without its article, or NULL. */
char          *_nf_apposition_role    (const char  *text,
                                       gsize        pos,
                                       gsize        len);

gboolean       _nf_is_quote_open      (gunichar     c);
gboolean       _nf_is_quote_close     (gunichar     c);

G_END_DECLS
