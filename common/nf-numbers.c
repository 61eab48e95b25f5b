/* nf-numbers.c: tokens, numerals and numbers in words
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "newsfacts"

#include "config.h"

#include <math.h>
#include <string.h>

#include "nf-lexicon-private.h"
#include "nf-numbers-private.h"

static const char * const small_words[] = {
  "zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
  "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen",
  "sixteen", "seventeen", "eighteen", "nineteen", NULL
};

static const char * const tens_words[] = {
  "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty",
  "ninety", NULL
};

static const char * const ordinal_words[] = {
  "zeroth", "first", "second", "third", "fourth", "fifth", "sixth",
  "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth",
  "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
  "eighteenth", "nineteenth", NULL
};

static const char * const tens_ordinal_words[] = {
  "twentieth", "thirtieth", "fortieth", "fiftieth", "sixtieth",
  "seventieth", "eightieth", "ninetieth", NULL
};

static int
word_index (const char         *lower,
            const char * const *words)
{
  for (int i = 0; words[i] != NULL; i++)
    if (lower[0] == words[i][0] && _nf_str_equal (lower, words[i]))
      return i;
  return -1;
}

gboolean
_nf_token_in (const NfToken      *token,
              const char * const *words)
{
  return token->kind == NF_TOKEN_WORD && word_index (token->lower, words) >= 0;
}

/* 0-19 for "zero".."nineteen", 20-90 for the tens, -1 otherwise. */
int
_nf_small_number_word (const char *lower)
{
  int i = word_index (lower, small_words);

  if (i >= 0)
    return i;
  i = word_index (lower, tens_words);
  return i >= 0 ? 20 + 10 * i : -1;
}

/* ---- tokenizer ---- */

static const char * const other_number_words[] = {
  "hundred", "thousand", "million", "billion", "trillion", "mln", "mn",
  "bln", "bn", "tn", "trn", "lakh", "lakhs", "crore", "crores", "dozen",
  "dozens", "tens", "scores", "hundreds", "thousands", "millions",
  "billions", "half", "halves", "thirds", "quarter", "quarters", "fourths",
  "fifths", "sixths", "sevenths", "eighths", "ninths", "tenths",
  "hundredth", "hundredths", "thousandth", "thousandths", "millionth",
  "billionth", "trillionth", "nought", "naught", NULL
};

/* A set of lower-case words, asked about nearly every token.  A bit per
 * (first letter, second letter or end, length) of its words turns nearly
 * every other word away before the hash table is asked. */
#define SHAPE_MAX_LEN 15
#define SHAPE_BITS (26 * 27 * (SHAPE_MAX_LEN + 1))

/* The classes of a word of _nf_word_set_new_classes (), open-addressed
 * on an FNV-1a hash: the tokenizer asks about every word. */
typedef struct
{
  const char *word;
  guint32     hash;
  guint16     len;
  guint16     classes;
} ClassSlot;

struct _NfWordSet
{
  GHashTable *words;
  gboolean    unfiltered;   /* a word has no shape: ask the table always */
  guint8      shapes[SHAPE_BITS / 8 + 1];
  ClassSlot  *slots;        /* with classes only */
  guint32     n_slots;      /* a power of two, at least twice the words */
};

static inline guint32
fnv_hash (const char *word,
          gsize       len)
{
  guint32 hash = 2166136261u;

  for (gsize i = 0; i < len; i++)
    hash = (hash ^ (guchar) word[i]) * 16777619u;
  return hash;
}

static gssize
word_shape (const char *lower,
            gsize       len)
{
  guint a = (guchar) lower[0] - 'a';
  guint b = len == 1 ? 26 : (guint) ((guchar) lower[1] - 'a');

  if (len < 1 || len > SHAPE_MAX_LEN || a >= 26 || b > 26
      || (len > 1 && b == 26))
    return -1;
  return (a * 27 + b) * (SHAPE_MAX_LEN + 1) + len;
}

NfWordSet *
_nf_word_set_new (const char * const * const *lists,
                  guint                       n_lists)
{
  NfWordSet *set = g_new0 (NfWordSet, 1);

  set->words = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint k = 0; k < n_lists; k++)
    for (guint w = 0; lists[k][w] != NULL; w++)
      {
        gssize shape = word_shape (lists[k][w], strlen (lists[k][w]));

        if (shape < 0)
          set->unfiltered = TRUE;
        else
          set->shapes[shape / 8] |= 1 << (shape % 8);
        g_hash_table_add (set->words, (gpointer) lists[k][w]);
      }
  return set;
}

static void
index_classes (NfWordSet *set)
{
  GHashTableIter iter;
  gpointer key, value;

  set->n_slots = 64;
  while (set->n_slots < 2 * g_hash_table_size (set->words))
    set->n_slots *= 2;
  set->slots = g_new0 (ClassSlot, set->n_slots);
  g_hash_table_iter_init (&iter, set->words);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      gsize len = strlen (key);
      guint32 hash = fnv_hash (key, len);
      guint32 i;

      g_assert (len <= G_MAXUINT16 && GPOINTER_TO_UINT (value) <= G_MAXUINT16);
      for (i = hash & (set->n_slots - 1); set->slots[i].word != NULL;
           i = (i + 1) & (set->n_slots - 1))
        ;
      set->slots[i] = (ClassSlot) { key, hash, len, GPOINTER_TO_UINT (value) };
    }
}

NfWordSet *
_nf_word_set_new_classes (const char * const * const *lists,
                          const guint                *classes,
                          guint                       n_lists)
{
  NfWordSet *set = _nf_word_set_new (lists, 0);

  for (guint k = 0; k < n_lists; k++)
    for (guint w = 0; lists[k][w] != NULL; w++)
      {
        const char *word = lists[k][w];
        gssize shape = word_shape (word, strlen (word));
        guint old = GPOINTER_TO_UINT (g_hash_table_lookup (set->words, word));

        if (shape < 0)
          set->unfiltered = TRUE;
        else
          set->shapes[shape / 8] |= 1 << (shape % 8);
        g_hash_table_insert (set->words, (gpointer) word,
                             GUINT_TO_POINTER (old | classes[k]));
      }
  index_classes (set);
  return set;
}

guint
_nf_word_set_classes (const NfWordSet *set,
                      const char      *lower,
                      gsize            len)
{
  gssize shape = word_shape (lower, len);

  guint32 hash, mask = set->n_slots - 1;

  if (!set->unfiltered
      && (shape < 0 || !(set->shapes[shape / 8] & (1 << (shape % 8)))))
    return 0;
  hash = fnv_hash (lower, len);
  for (guint32 i = hash & mask; set->slots[i].word != NULL; i = (i + 1) & mask)
    {
      const ClassSlot *slot = &set->slots[i];

      if (slot->hash == hash && slot->len == len
          && _nf_str_equal (slot->word, lower))
        return slot->classes;
    }
  return 0;
}

gboolean
_nf_word_set_has (const NfWordSet *set,
                  const char      *lower,
                  gsize            len)
{
  gssize shape = word_shape (lower, len);

  if (!set->unfiltered
      && (shape < 0 || !(set->shapes[shape / 8] & (1 << (shape % 8)))))
    return FALSE;
  return g_hash_table_contains (set->words, lower);
}

#define CLASS_NUMBER     (1u << 0)
#define CLASS_DATE_START (1u << 1)

/* Every word that can be part of a number in words, and every word that
 * can start a date, looked up once per token so that the matchers can
 * skip all other words at once. */
static const NfWordSet *
number_words (void)
{
  static NfWordSet *table;

  if (g_once_init_enter (&table))
    {
      const char * const *lists[16] = { small_words, tens_words, ordinal_words,
                                        tens_ordinal_words, other_number_words };
      guint classes[16] = { CLASS_NUMBER, CLASS_NUMBER, CLASS_NUMBER,
                            CLASS_NUMBER, CLASS_NUMBER };
      guint n = 5, n_dates = 0;
      const char * const * const *dates = _nf_dates_start_words (&n_dates);

      g_assert (n + n_dates <= G_N_ELEMENTS (lists));
      for (guint k = 0; k < n_dates; k++, n++)
        {
          lists[n] = dates[k];
          classes[n] = CLASS_DATE_START;
        }
      g_once_init_leave (&table, _nf_word_set_new_classes (lists, classes, n));
    }
  return table;
}

static gboolean
is_word_char (const char *p,
              const char *end,
              gboolean    first)
{
  guchar c = (guchar) *p;

  if (c < 0x80)
    return g_ascii_isalpha (c) || (!first && g_ascii_isdigit (c));
  return g_unichar_isalpha (g_utf8_get_char_validated (p, end - p));
}

/* Lower-cases the eight bytes at @src into @dest: bit 7 of each capital
 * ASCII letter, moved to bit 5, lowercases it. */
static inline void
lower8 (char       *dest,
        const char *src)
{
  guint64 x, x7;

  memcpy (&x, src, 8);
  x7 = x & 0x7F7F7F7F7F7F7F7Full;
  x |= (NF_SWAR_IN_RANGE (x7, 'A', 'Z') & ~x & 0x8080808080808080ull) >> 2;
  memcpy (dest, &x, 8);
}

/* Returns the length of the lower-case form.  @limit: the end of the
 * text that may be read (the sentence's end). */
static gsize
set_lower (NfToken    *token,
           const char *text,
           gsize       limit)
{
  gsize len = MIN (token->end - token->start, NF_TOKEN_LOWER_MAX - 1);
  gsize k = 0;

#if G_BYTE_ORDER == G_LITTLE_ENDIAN
  /* Eight bytes at a time while they lie inside the token */
  for (; k + 8 <= len; k += 8)
    lower8 (token->lower + k, text + token->start + k);
  /* The rest (most words are shorter than eight bytes) in one more step
   * when eight bytes can be read there: what it writes past the token's
   * end lies after the terminating NUL, and k + 8 <= NF_TOKEN_LOWER_MAX
   * as k is a multiple of 8 below len. */
  G_STATIC_ASSERT (NF_TOKEN_LOWER_MAX % 8 == 0);
  if (k < len && token->start + k + 8 <= limit)
    {
      lower8 (token->lower + k, text + token->start + k);
      k = len;
    }
#endif
  for (; k < len; k++)
    {
      char c = text[token->start + k];

      token->lower[k] = c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
    }
  token->lower[len] = '\0';
  return len;
}

static gsize
scan_numeral (const char *text,
              gsize       p,
              gsize       end,
              NfToken    *token)
{
  char buf[64];
  gsize n = 0;

  while (p < end)
    {
      char c = text[p];

      if (g_ascii_isdigit (c))
        {
          if (n < sizeof buf - 1)
            buf[n++] = c;
          if (token->digits < 255)
            token->digits++;
          p++;
        }
      else if (c == ',' && !token->has_point && p + 3 < end
               && g_ascii_isdigit (text[p + 1]) && g_ascii_isdigit (text[p + 2])
               && g_ascii_isdigit (text[p + 3])
               && (p + 4 >= end || !g_ascii_isdigit (text[p + 4])))
        {
          token->has_comma = TRUE;
          p++;
        }
      else if (c == '.' && !token->has_point && p + 1 < end
               && g_ascii_isdigit (text[p + 1]))
        {
          token->has_point = TRUE;
          if (n < sizeof buf - 1)
            buf[n++] = '.';
          p++;
        }
      else
        break;
    }
  buf[n] = '\0';
  token->number = g_ascii_strtod (buf, NULL);
  return p;
}

static gsize
skip_space (const char *text,
            gsize       p,
            gsize       end,
            gboolean   *space)
{
  while (p < end)
    {
      if (g_ascii_isspace (text[p]))
        p++;
      else if (p + 1 < end && (guchar) text[p] == 0xC2
               && (guchar) text[p + 1] == 0xA0)
        p += 2;   /* no-break space */
      else
        break;
      *space = TRUE;
    }
  return p;
}

/* The tokens go straight into the array's storage, grown by doubling
 * (never beyond what the rest of the sentence can hold), instead of one
 * g_array_append_val () each. */
void
_nf_tokenize_into (const char *text,
                   gsize       start,
                   gsize       end,
                   GArray     *tokens)
{
  const NfWordSet *words = number_words ();
  gboolean space = TRUE;
  gsize p = start;
  guint n = 0;
  guint room = tokens->len;

  while ((p = skip_space (text, p, end, &space)) < end)
    {
      NfToken *t;
      guchar b = (guchar) text[p];
      gsize lower_len;

      /* The token is made in place in the array. */
      if (n == room)
        {
          room = n + MIN (MAX (n, 32u), end - p);
          g_array_set_size (tokens, room);
        }
      t = &g_array_index (tokens, NfToken, n++);
      memset (t, 0, sizeof *t);
      t->start = p;
      t->space_before = space;
      space = FALSE;
      if (g_ascii_isdigit (b))
        {
          t->kind = NF_TOKEN_NUMBER;
          p = scan_numeral (text, p, end, t);
        }
      else if (is_word_char (text + p, text + end, TRUE))
        {
          t->kind = NF_TOKEN_WORD;
          t->upper = b < 0x80 ? g_ascii_isupper (b)
                            : g_unichar_isupper (g_utf8_get_char (text + p));
          while (p < end)
            {
              p += _nf_alnum_run (text + p, text + end);
              if (p < end && (guchar) text[p] >= 0x80
                  && is_word_char (text + p, text + end, FALSE))
                p = g_utf8_next_char (text + p) - text;
              else
                break;
            }
        }
      else
        {
          t->kind = NF_TOKEN_PUNCT;
          p = MIN ((gsize) (g_utf8_next_char (text + p) - text), end);
        }
      t->end = p;
      lower_len = set_lower (t, text, end);
      if (t->kind == NF_TOKEN_WORD)
        {
          guint classes = _nf_word_set_classes (words, t->lower, lower_len);

          t->numword = (classes & CLASS_NUMBER) != 0;
          t->datestart = (classes & CLASS_DATE_START) != 0;
        }
    }
  g_array_set_size (tokens, n);
}

GArray *
_nf_tokenize (const char *text,
              gsize       start,
              gsize       end)
{
  GArray *tokens = g_array_new (FALSE, FALSE, sizeof (NfToken));

  _nf_tokenize_into (text, start, end, tokens);
  return tokens;
}

/* ---- numbers ---- */

double
_nf_scale_word (const NfToken *token)
{
  static const struct { const char *word; double scale; gboolean glued; } scales[] = {
    { "hundred", 1e2, FALSE }, { "thousand", 1e3, FALSE },
    { "million", 1e6, FALSE }, { "billion", 1e9, FALSE },
    { "trillion", 1e12, FALSE }, { "mln", 1e6, FALSE }, { "mn", 1e6, FALSE },
    { "bln", 1e9, FALSE }, { "bn", 1e9, FALSE }, { "tn", 1e12, FALSE },
    { "trn", 1e12, FALSE }, { "m", 1e6, TRUE }, { "b", 1e9, TRUE },
    { "k", 1e3, TRUE }, { "lakh", 1e5, FALSE }, { "lakhs", 1e5, FALSE },
    { "crore", 1e7, FALSE }, { "crores", 1e7, FALSE },
  };

  if (token->kind != NF_TOKEN_WORD)
    return 0;
  for (guint i = 0; i < G_N_ELEMENTS (scales); i++)
    if (token->lower[0] == scales[i].word[0]
        && _nf_str_equal (token->lower, scales[i].word))
      return (scales[i].glued && token->space_before) ? 0 : scales[i].scale;
  return 0;
}

/* "tens of thousands", "hundreds of millions", "dozens of" */
static gboolean
parse_vague (const NfToken *t,
             guint          n,
             guint          i,
             double        *value,
             guint         *next)
{
  static const struct { const char *word; double base; } bases[] = {
    { "dozens", 12 }, { "tens", 10 }, { "scores", 20 }, { "hundreds", 100 },
    { "thousands", 1e3 }, { "millions", 1e6 }, { "billions", 1e9 },
  };
  static const char * const plural_scales[] = {
    "hundreds", "thousands", "millions", "billions", NULL
  };
  double base = 0;
  guint j = i + 2;

  for (guint k = 0; k < G_N_ELEMENTS (bases); k++)
    if (_nf_token_is (&t[i], bases[k].word))
      base = bases[k].base;
  if (base == 0 || i + 1 >= n || !_nf_token_is (&t[i + 1], "of"))
    return FALSE;
  if (j < n && _nf_token_in (&t[j], plural_scales))
    {
      for (guint k = 0; k < G_N_ELEMENTS (bases); k++)
        if (_nf_token_is (&t[j], bases[k].word))
          base *= bases[k].base;
      j++;
    }
  else
    j = i + 1;   /* "of" belongs to what follows: "dozens of people" */
  *value = base;
  *next = j;
  return TRUE;
}

/* 0-9 for a digit word ("nought" too), else -1 */
static int
digit_word (const NfToken *t)
{
  int v;

  if (t->kind != NF_TOKEN_WORD)
    return -1;
  if (strcmp (t->lower, "nought") == 0 || strcmp (t->lower, "naught") == 0
      || strcmp (t->lower, "oh") == 0)
    return 0;
  v = _nf_small_number_word (t->lower);
  return v >= 0 && v <= 9 ? v : -1;
}

/* The denominator a fraction word names: "half" 2, "thirds" 3, ... */
static int
denominator (const NfToken *t)
{
  static const struct { const char *word; int den; } dens[] = {
    { "half", 2 }, { "halves", 2 }, { "third", 3 }, { "thirds", 3 },
    { "quarter", 4 }, { "quarters", 4 }, { "fourth", 4 }, { "fourths", 4 },
    { "fifth", 5 }, { "fifths", 5 }, { "sixth", 6 }, { "sixths", 6 },
    { "seventh", 7 }, { "sevenths", 7 }, { "eighth", 8 }, { "eighths", 8 },
    { "ninth", 9 }, { "ninths", 9 }, { "tenth", 10 }, { "tenths", 10 },
    { "hundredth", 100 }, { "hundredths", 100 },
    { "thousandth", 1000 }, { "thousandths", 1000 },
  };

  if (t->kind != NF_TOKEN_WORD)
    return 0;
  for (guint k = 0; k < G_N_ELEMENTS (dens); k++)
    if (strcmp (t->lower, dens[k].word) == 0)
      return dens[k].den;
  return 0;
}

/* Parses "twenty-five", "one hundred and five", "a dozen", "three
 * million", "two thirds", "one and a half"; @cur and @total follow the
 * usual spoken-number grammar.  It stays one loop, longer than most: each
 * branch is one word class and they share the running state. */
static gboolean
parse_words (const NfToken *t,
             guint          n,
             guint          i,
             double        *value,
             guint         *next,
             gboolean      *scaled)
{
  double total = 0, cur = 0;
  gboolean any = FALSE;
  guint j = i;

  while (j < n && t[j].kind == NF_TOKEN_WORD)
    {
      int small = _nf_small_number_word (t[j].lower);
      double scale = _nf_scale_word (&t[j]);

      if (small >= 0)
        {
          int unit;

          if (small >= 20 && j + 2 < n && _nf_token_is (&t[j + 1], "-")
              && !t[j + 1].space_before && !t[j + 2].space_before
              && (unit = _nf_small_number_word (t[j + 2].lower)) > 0
              && unit < 10)
            {
              small += unit;
              j += 2;
            }
          cur += small;
          any = TRUE;
        }
      else if ((_nf_token_is (&t[j], "half") || _nf_token_is (&t[j], "quarter"))
               && !any && cur <= 1 && j + 1 < n
               && (_nf_scale_word (&t[j + 1]) >= 1000
                   || (_nf_token_is (&t[j + 1], "a") && j + 2 < n
                       && _nf_scale_word (&t[j + 2]) >= 1000)))
        {
          /* "half a million", "a quarter million" */
          cur = t[j].lower[0] == 'h' ? 0.5 : 0.25;
          if (_nf_token_is (&t[j + 1], "a"))
            j++;
        }
      else if (_nf_token_is (&t[j], "quarters") && any && cur < 4 && j + 1 < n
               && _nf_scale_word (&t[j + 1]) >= 1000)
        cur *= 0.25;   /* "three quarters billion" */
      else if (cur > 0 && cur < 100 && denominator (&t[j]) > 0
               && (j + 1 >= n || _nf_scale_word (&t[j + 1]) < 1000))
        {
          /* "two thirds", "one and a half": the fraction ends the number */
          total += cur / denominator (&t[j]);
          cur = 0;
          any = TRUE;
          j++;
          break;
        }
      else if (_nf_token_is (&t[j], "and") && any && j + 2 < n
               && (_nf_token_is (&t[j + 1], "a")
                   || _nf_small_number_word (t[j + 1].lower) > 0)
               && denominator (&t[j + 2]) > 0)
        {
          total += cur;
          cur = 0;
        }
      else if (_nf_token_is (&t[j], "point") && any && j + 1 < n
               && digit_word (&t[j + 1]) >= 0)
        {
          /* "nine point nought four" */
          double place = 0.1;

          total += cur;
          cur = 0;
          while (j + 1 < n && digit_word (&t[j + 1]) >= 0)
            {
              total += place * digit_word (&t[j + 1]);
              place /= 10;
              j++;
            }
        }
      else if ((_nf_token_is (&t[j], "a") || _nf_token_is (&t[j], "an"))
               && (!any || (cur == 0 && _nf_token_is (&t[j - 1], "and")))
               && j + 1 < n
               && (denominator (&t[j + 1]) > 0
                   || _nf_scale_word (&t[j + 1]) >= 100
                   || _nf_token_is (&t[j + 1], "dozen")
                   || _nf_token_is (&t[j + 1], "quarter")
                   || _nf_token_is (&t[j + 1], "half")))
        cur = 1;
      else if (_nf_token_is (&t[j], "dozen") && (any || cur == 1))
        {
          cur = (cur > 0 ? cur : 1) * 12;
          any = TRUE;
        }
      else if (scale >= 100 && t[j].lower[1] != '\0' && (any || cur > 0))
        {
          if (scale == 100)
            cur = (cur > 0 ? cur : 1) * 100;
          else
            {
              total += (cur > 0 ? cur : 1) * scale;
              cur = 0;
            }
          *scaled = TRUE;
          any = TRUE;
        }
      else if (_nf_token_is (&t[j], "and") && any && j + 1 < n && j > i
               && _nf_scale_word (&t[j - 1]) >= 100
               && _nf_small_number_word (t[j + 1].lower) >= 0)
        ;   /* "one hundred and five", not "two and three" */
      else
        break;
      j++;
    }
  if (!any)
    return FALSE;
  *value = total + cur;
  *next = j;
  return TRUE;
}

gboolean
_nf_number_parse (const NfToken *t,
                  guint          n,
                  guint          i,
                  double        *value,
                  guint         *next,
                  NfNumberFlags *flags)
{
  gboolean scaled = FALSE;

  g_assert (i < n);

  *flags = 0;
  if (t[i].kind == NF_TOKEN_NUMBER)
    {
      guint j = i + 1;
      double scale;

      *value = t[i].number;
      *flags = NF_NUMBER_NUMERAL;
      if (j < n && (scale = _nf_scale_word (&t[j])) > 0)
        {
          double whole;

          /* 8.2 * 1e9 is 8199999999.999999 in binary, but the printed
           * digits mean 8200000000 */
          *value *= scale;
          whole = nearbyint (*value);
          if (fabs (*value - whole) < 1e-3)
            *value = whole;
          *flags |= NF_NUMBER_SCALED;
          j++;
          /* "1.5 million" may be followed by nothing else, but "2
           * hundred thousand" may */
          if (scale == 100 && j < n && (scale = _nf_scale_word (&t[j])) > 100)
            {
              *value *= scale;
              j++;
            }
        }
      *next = j;
      return TRUE;
    }
  if (t[i].kind != NF_TOKEN_WORD
      || !(t[i].numword || ((_nf_token_is (&t[i], "a") || _nf_token_is (&t[i], "an"))
                            && i + 1 < n && t[i + 1].numword)))
    return FALSE;
  if (parse_vague (t, n, i, value, next))
    {
      *flags = NF_NUMBER_WORDS | NF_NUMBER_VAGUE;
      return TRUE;
    }
  if (parse_words (t, n, i, value, next, &scaled))
    {
      *flags = NF_NUMBER_WORDS | (scaled ? NF_NUMBER_SCALED : 0);
      return TRUE;
    }
  return FALSE;
}

static double
scale_ordinal (const NfToken *t)
{
  static const char * const words[] = { "hundredth", "thousandth",
                                        "millionth", "billionth",
                                        "trillionth", NULL };
  static const double scales[] = { 1e2, 1e3, 1e6, 1e9, 1e12 };
  int k = t->kind == NF_TOKEN_WORD ? word_index (t->lower, words) : -1;

  return k >= 0 ? scales[k] : 0;
}

/* "one hundred twenty-fifth", "two hundredth", "three trillionth": a
 * number in words whose last word is an ordinal */
static gboolean
compound_ordinal (const NfToken *t,
                  guint          n,
                  guint          i,
                  double        *value,
                  guint         *next)
{
  double prefix = 0, last, scale;
  guint e = i, k;
  gboolean scaled = FALSE;

  /* the number words before the ordinal, read on their own */
  while (e < n && (_nf_small_number_word (t[e].lower) >= 0
                   || (_nf_scale_word (&t[e]) >= 100 && t[e].lower[1] != '\0')
                   || _nf_token_is (&t[e], "and") || _nf_token_is (&t[e], "a")
                   || (_nf_token_is (&t[e], "-") && !t[e].space_before)))
    e++;
  while (e > i && (_nf_token_is (&t[e - 1], "-") || _nf_token_is (&t[e - 1], "and")))
    e--;
  if (e >= n)
    return FALSE;
  if (e > i && !(parse_words (t, e, i, &prefix, &k, &scaled) && k == e))
    {
      if (!(e == i + 1 && _nf_token_is (&t[i], "a")))
        return FALSE;
      prefix = 1;   /* "a hundredth" */
    }
  k = e;
  if ((scale = scale_ordinal (&t[k])) > 0)
    {
      *value = (prefix > 0 ? prefix : 1) * scale;
      *next = k + 1;
      return TRUE;
    }
  if (k > i && _nf_token_is (&t[k], "-") && !t[k].space_before && k + 1 < n)
    k++;   /* "one hundred twenty-fifth" */
  else if (k < n && _nf_token_is (&t[k], "-"))
    return FALSE;
  if (k == i || prefix < 20 || fmod (prefix, 10) != 0
      || t[k].kind != NF_TOKEN_WORD || !_nf_ordinal_parse (t, n, k, &last, next)
      || last >= (fmod (prefix, 100) == 0 ? 100 : 10) || last < 1)
    return FALSE;
  *value = prefix + last;
  return TRUE;
}

gboolean
_nf_ordinal_parse (const NfToken *t,
                   guint          n,
                   guint          i,
                   double        *value,
                   guint         *next)
{
  static const char * const suffixes[] = { "st", "nd", "rd", "th", NULL };
  int k;

  if (t[i].kind == NF_TOKEN_NUMBER)
    {
      if (i + 1 < n && !t[i + 1].space_before && !t[i].has_point
          && !t[i].has_comma && _nf_token_in (&t[i + 1], suffixes))
        {
          *value = t[i].number;
          *next = i + 2;
          return TRUE;
        }
      return FALSE;
    }
  if (t[i].kind != NF_TOKEN_WORD
      || !(t[i].numword || (_nf_token_is (&t[i], "a") && i + 1 < n
                            && t[i + 1].numword)))
    return FALSE;
  if (compound_ordinal (t, n, i, value, next))
    return TRUE;
  if ((k = word_index (t[i].lower, ordinal_words)) >= 0)
    {
      *value = k;
      *next = i + 1;
      return TRUE;
    }
  if ((k = word_index (t[i].lower, tens_ordinal_words)) >= 0)
    {
      *value = 20 + 10 * k;
      *next = i + 1;
      return TRUE;
    }
  k = word_index (t[i].lower, tens_words);
  if (k >= 0 && i + 2 < n && _nf_token_is (&t[i + 1], "-")
      && !t[i + 1].space_before && !t[i + 2].space_before)
    {
      int unit = word_index (t[i + 2].lower, ordinal_words);

      if (unit > 0 && unit < 10)
        {
          *value = 20 + 10 * k + unit;
          *next = i + 3;
          return TRUE;
        }
    }
  return FALSE;
}
