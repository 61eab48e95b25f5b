/* nf-lexicon-private.h: word lists and a word scanner for entities and quotes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The lists live in data/lexicon/ and are compiled in as a GResource; they
 * are read once into hash tables, so every lookup is O(1) on a lowercased
 * key.  The scanner cuts a byte range of text into word tokens in one pass.
 */

#pragma once

#include <glib.h>

#include "nf-article.h"

G_BEGIN_DECLS

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
} NfWordFlags;

typedef struct
{
  gsize start;            /* byte offsets into the text */
  gsize end;              /* end of the word, before any 's */
  gsize next;             /* end of the token including 's */
  guint flags;
  guint sets_known;       /* cache of _nf_word_in(): sets looked up */
  guint sets_in;          /* and those that hold the word */
} NfWord;

/* Is the word in the list @set?  Cached on the word. */
gboolean       _nf_word_in            (const char  *text,
                                       NfWord      *word,
                                       NfLexSet     set);

/* Appends the words of text[start, end) to @tokens (NfWord). */
void           _nf_words_scan           (const char  *text,
                                       gsize        start,
                                       gsize        end,
                                       GArray      *tokens);

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
