/* nf-lexicon.c: word lists and a word scanner for entities and quotes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "newsfacts"

#include "config.h"

#include <string.h>

#include <gio/gio.h>

#include "nf-lexicon-private.h"
#include "nf-lexicon-resources.h"

#define LEXICON_PATH "/io/github/newsfacts/lexicon/"
#define MAX_KEY 256

/* The word sets as open-addressed tables: the key is hashed while it is
 * lowercased, so a look-up needs no copy, strlen () or callbacks.  The
 * three lists of given names hold nine words in ten and are asked about
 * capitalised words only, so they have a table of their own: the table of
 * the other sets stays small enough to stay in the cache. */
typedef struct
{
  const char *word;                  /* lowercase, owned by NfLexicon.sets */
  guint32     hash;
  guint16     mask;
  guint16     len;
} NfLexSlot;

/* Each table has a filter in front of it (a Bloom filter of 64-bit
 * blocks, two bits a word, eight bits a word in all): most words asked
 * about are in no list, and the filter, a few kilobytes, answers for
 * them without a read of the table, which is too large to stay in the
 * cache. */
typedef struct
{
  NfLexSlot  *slots;
  guint32     n_slots;               /* a power of two */
  guint64    *filter;
  guint32     filter_shift;          /* 32 - log2 (blocks) */
} NfLexIndex;

static inline guint64
filter_bits (guint32 mixed)
{
  return (1ull << (mixed & 63)) | (1ull << ((mixed >> 6) & 63));
}

/* A mix of the table's hash for the filter, whose block comes from its
 * top bits and the two bits from its bottom ones. */
static inline guint32
filter_mix (guint32 hash)
{
  return hash * 0x9E3779B1u;
}

static inline gboolean
filter_may_hold (const NfLexIndex *index,
                 guint32           hash)
{
  guint32 mixed = filter_mix (hash);
  guint64 bits = filter_bits (mixed);

  return (index->filter[mixed >> index->filter_shift] & bits) == bits;
}

#define NAME_SETS ((1u << NF_LEX_SET_GIVEN_NAMES) | (1u << NF_LEX_SET_FEMALE_NAMES) \
                   | (1u << NF_LEX_SET_MALE_NAMES))
#define OTHER_SETS (((1u << NF_LEX_N_SETS) - 1) & ~NAME_SETS)

typedef struct
{
  GHashTable *sets;                  /* lowercase word → mask of NfLexSet bits */
  NfLexIndex  other_sets;            /* the words of OTHER_SETS */
  NfLexIndex  name_sets;             /* the words of NAME_SETS */
  GHashTable *pronouns;              /* lowercase word → NfPronounKind */
  GHashTable *names;                 /* key → NfLexEntry* */
  GHashTable *firsts;                /* first word of a key → most tokens */
  NfLexIndex  first_words;           /* the same, open-addressed */
  GPtrArray  *groups;                /* NfLexGroup*, owned */
  guint       max_tokens;
} NfLexicon;

static const char * const set_files[NF_LEX_N_SETS] = {
  [NF_LEX_SET_CUE_VERBS] = "cue-verbs.txt",
  [NF_LEX_SET_TITLES] = "titles.txt",
  [NF_LEX_SET_HONORIFICS] = "honorifics.txt",
  [NF_LEX_SET_ANONYMOUS] = "anonymous-nouns.txt",
  [NF_LEX_SET_STOPWORDS] = "stopwords.txt",
  [NF_LEX_SET_ORG_WORDS] = "org-words.txt",
  [NF_LEX_SET_OTHER_WORDS] = "other-words.txt",
  [NF_LEX_SET_GIVEN_NAMES] = "given-names.txt",
  [NF_LEX_SET_LOCATIVES] = "locatives.txt",
  [NF_LEX_SET_CONNECTORS] = "name-connectors.txt",
  [NF_LEX_SET_SPEECH_ADVERBS] = "speech-adverbs.txt",
  [NF_LEX_SET_CLAUSE_WORDS] = "clause-words.txt",
  [NF_LEX_SET_TITLE_MODIFIERS] = "title-modifiers.txt",
  [NF_LEX_SET_FEMALE_NAMES] = "female-names.txt",
  [NF_LEX_SET_MALE_NAMES] = "male-names.txt",
};

static guint lexicon_sets_of (const char *word,
                              gsize       len,
                              guint       group);

gboolean
_nf_lower_into (const char *text,
                gsize       len,
                char       *buf,
                gsize       size)
{
  if (len + 1 > size)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    {
      char c = text[i];

      buf[i] = c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
    }
  buf[len] = '\0';
  return TRUE;
}

gboolean
_nf_is_quote_open (gunichar c)
{
  return c == '"' || c == 0x201C || c == 0x201E || c == 0x00AB;
}

gboolean
_nf_is_quote_close (gunichar c)
{
  return c == '"' || c == 0x201D || c == 0x00BB;
}

static gboolean
is_alnum_at (const char *text,
             gsize       pos,
             gsize       end)
{
  guchar b;

  if (pos >= end)
    return FALSE;
  b = (guchar) text[pos];
  if (b < 0x80)
    return g_ascii_isalnum (b);
  return g_unichar_isalnum (g_utf8_get_char_validated (text + pos, end - pos));
}

static gboolean
is_upper_at (const char *text,
             gsize       pos,
             gsize       end)
{
  guchar b = (guchar) text[pos];

  if (b < 0x80)
    return g_ascii_isupper (b);
  return g_unichar_isupper (g_utf8_get_char_validated (text + pos, end - pos));
}

static gsize
next_char (const char *text,
           gsize       pos,
           gsize       end)
{
  guchar b = (guchar) text[pos];
  gsize n = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;

  return MIN (pos + n, end);
}

/* An apostrophe: ASCII or the right single quotation mark. */
static gsize
apostrophe_len (const char *text,
                gsize       pos,
                gsize       end)
{
  if (pos < end && text[pos] == '\'')
    return 1;
  if (pos + 2 < end && (guchar) text[pos] == 0xE2
      && (guchar) text[pos + 1] == 0x80 && (guchar) text[pos + 2] == 0x99)
    return 3;
  return 0;
}

/* "St. Louis", "Mt. Everest", "Ft. Worth": a place's abbreviated first
 * word keeps its dot before the capitalised rest of the name. */
static gboolean
is_place_abbreviation (const char *text,
                       gsize       start,
                       gsize       dot,
                       gsize       limit)
{
  static const char * const abbreviations[] = { "St", "Ste", "Mt", "Ft" };
  gsize len = dot - start;
  gboolean caps;

  if (dot + 3 >= limit || text[dot + 1] != ' ' || !g_ascii_isupper (text[dot + 2]))
    return FALSE;
  /* "ST. LOUIS" in a dateline, but not "the FT. But …" */
  caps = g_ascii_isupper (text[start + 1]);
  if (caps && !g_ascii_isupper (text[dot + 3]))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (abbreviations); i++)
    if (strlen (abbreviations[i]) == len
        && (caps ? g_ascii_strncasecmp (text + start, abbreviations[i], len) == 0
                 : strncmp (text + start, abbreviations[i], len) == 0))
      return TRUE;
  return FALSE;
}

/* "U.S.", "S.", "Mr.": the dot belongs to the word. */
static gboolean
takes_dot (const char *text,
           gsize       start,
           gsize       end,
           gsize       limit)
{
  char buf[16];

  if (end - start == 1)
    return g_ascii_isalpha (text[start]);
  if (is_place_abbreviation (text, start, end, limit))
    return TRUE;
  if (end - start + 2 > sizeof buf)
    return FALSE;
  _nf_lower_into (text + start, end - start, buf, sizeof buf - 1);
  strcat (buf, ".");
  return (lexicon_sets_of (buf, strlen (buf), OTHER_SETS)
          & ((1u << NF_LEX_SET_HONORIFICS) | (1u << NF_LEX_SET_TITLES)
             | (1u << NF_LEX_SET_ORG_WORDS))) != 0;
}

/* The bytes that can carry a word on: - & ' . and the first byte of the
 * right single quotation mark. */
static const guint8 word_glue[256] = {
  ['-'] = 1, ['&'] = 1, ['\''] = 1, ['.'] = 1, [0xE2] = 1,
};

/* Scans one word from @pos; returns the token end (after any 's).  ASCII
 * letters and digits, nearly every byte of a word, are taken without the
 * general test. */
static gsize
scan_word (const char *text,
           gsize       pos,
           gsize       end,
           NfWord    *token)
{
  gsize p = pos;

  for (;;)
    {
      gsize a;

      while (p < end)
        {
          p += _nf_alnum_run (text + p, text + end);
          if (p < end && (guchar) text[p] >= 0x80 && is_alnum_at (text, p, end))
            p = next_char (text, p, end);
          else
            break;
        }
      /* Nearly every word ends at a byte none of the tests below wants. */
      if (p >= end || !word_glue[(guchar) text[p]])
        break;
      if (p + 1 < end && (text[p] == '-' || text[p] == '&')
          && is_alnum_at (text, p + 1, end))
        {
          p++;
          continue;
        }
      a = apostrophe_len (text, p, end);
      if (a > 0 && (p + a < end) && (text[p + a] == 's' || text[p + a] == 'S')
          && !is_alnum_at (text, p + a + 1, end))
        {
          token->flags |= NF_WORD_POSS;
          token->end = p;
          return p + a + 1;
        }
      if (a > 0 && is_alnum_at (text, p + a, end))
        {
          p += a;
          continue;
        }
      if (p < end && text[p] == '.' && takes_dot (text, pos, p, end))
        {
          /* U.S.A.: letter-dot pairs go on */
          p++;
          while (p + 1 < end && g_ascii_isalpha (text[p]) && text[p + 1] == '.')
            p += 2;
        }
      break;
    }
  token->end = p;
  return p;
}

static void
set_case_flags (const char *text,
                NfWord    *token)
{
  guchar first = (guchar) text[token->start];
  guint letters = 0, upper = 0;

  if (first >= 'a' && first <= 'z')
    return;   /* neither a capital nor all capitals: most words */
  if (is_upper_at (text, token->start, token->end))
    token->flags |= NF_WORD_CAP;
  if (g_ascii_isdigit (first))
    token->flags |= NF_WORD_DIGIT;
  for (gsize i = token->start; i < token->end; i++)
    {
      guchar c = (guchar) text[i];

      upper += (guint) (c - 'A') < 26;
      letters += (guint) ((c | 0x20) - 'a') < 26;
    }
  if (letters >= 2 && letters == upper)
    token->flags |= NF_WORD_ALLCAPS;
}

/* Starts a sentence or a quote for the next word: . ! ? : " ( ; and the
 * curly quotes and the dash (E2 80 9C, 9D, 94). */
static gboolean
is_word_break (const char *text,
               gsize       p,
               gsize       end)
{
  guchar b = (guchar) text[p];

  if (b == '.' || b == '!' || b == '?' || b == ':' || b == '"'
      || b == '(' || b == ';')
    return TRUE;
  return b == 0xE2 && p + 2 < end && (guchar) text[p + 1] == 0x80
         && ((guchar) text[p + 2] == 0x9C || (guchar) text[p + 2] == 0x9D
             || (guchar) text[p + 2] == 0x94);
}

/* The words go straight into the array's storage, grown by doubling (and
 * never beyond what the rest of the range can hold: a word and a
 * separator take two bytes), instead of one g_array_append_val () each. */
void
_nf_words_scan (const char *text,
              gsize       start,
              gsize       end,
              GArray     *tokens)
{
  _nf_words_scan_max (text, start, end, tokens, G_MAXUINT);
}

void
_nf_words_scan_max (const char *text,
                    gsize       start,
                    gsize       end,
                    GArray     *tokens,
                    guint       max_words)
{
  gboolean sent_start = TRUE;
  gsize p = start;
  guint n = tokens->len;
  guint room = tokens->len;
  guint limit = tokens->len + MIN (max_words, G_MAXUINT - tokens->len);

  while (p < end && n < limit)
    {
      guchar b = (guchar) text[p];

      if (b == ' ')
        {
          p++;   /* the usual separator: neither a word nor a break */
          continue;
        }
      if (b < 0x80 ? g_ascii_isalnum (b) : is_alnum_at (text, p, end))
        {
          NfWord token = { p, p, p, 0, 0, 0, 0, 0, 0 };

          token.next = scan_word (text, p, end, &token);
          set_case_flags (text, &token);
          if (sent_start)
            token.flags |= NF_WORD_SENT_START;
          sent_start = FALSE;
          if (n == room)
            {
              room = n + MIN (MAX (n, 32u), (end - p) / 2 + 1);
              g_array_set_size (tokens, room);
            }
          g_array_index (tokens, NfWord, n++) = token;
          p = token.next;
          continue;
        }
      if (is_word_break (text, p, end))
        sent_start = TRUE;
      p = b < 0x80 ? p + 1 : next_char (text, p, end);
    }
  g_array_set_size (tokens, n);
}

/* Lowercased tokens of @form joined by spaces; the count in @n_tokens. */
static char *
form_key (const char *form,
          guint      *n_tokens)
{
  g_autoptr(GArray) tokens = g_array_new (FALSE, FALSE, sizeof (NfWord));
  GString *key = g_string_new (NULL);

  _nf_words_scan (form, 0, strlen (form), tokens);
  for (guint i = 0; i < tokens->len; i++)
    {
      const NfWord *t = &g_array_index (tokens, NfWord, i);

      if (i > 0)
        g_string_append_c (key, ' ');
      for (gsize j = t->start; j < t->end; j++)
        g_string_append_c (key, g_ascii_tolower (form[j]));
    }
  *n_tokens = tokens->len;
  return g_string_free (key, FALSE);
}

static void
lex_group_free (NfLexGroup *group)
{
  g_free (group->name);
  g_free (group->capital);
  g_ptr_array_unref (group->aliases);
  g_free (group);
}

static void
lex_entry_free (NfLexEntry *entry)
{
  g_free (entry->form);
  g_free (entry);
}

/* Most listed forms start with a word no other text word matches: the
 * entities stage asks about the first word before it builds any key. */
static void
note_first_word (NfLexicon  *lex,
                 const char *key,
                 guint       n)
{
  const char *space = strchr (key, ' ');
  g_autofree char *first = g_strndup (key, space != NULL ? (gsize) (space - key)
                                                         : strlen (key));
  guint old = GPOINTER_TO_UINT (g_hash_table_lookup (lex->firsts, first));

  if (n > old)
    g_hash_table_insert (lex->firsts, g_steal_pointer (&first),
                         GUINT_TO_POINTER (n));
}

static void
add_form (NfLexicon  *lex,
          NfLexGroup *group,
          const char *form,
          NfLexRole   role)
{
  NfLexEntry *entry;
  gboolean has_lower = FALSE;
  guint n = 0;
  char *key;

  if (*form == '\0')
    return;
  key = form_key (form, &n);
  if (n == 0 || g_hash_table_contains (lex->names, key))
    {
      g_free (key);
      return;
    }
  for (const char *c = form; *c; c++)
    has_lower |= g_ascii_islower (*c);
  entry = g_new0 (NfLexEntry, 1);
  entry->group = group;
  entry->form = g_strdup (form);
  entry->role = role;
  entry->caps_only = !has_lower;
  lex->max_tokens = MAX (lex->max_tokens, n);
  note_first_word (lex, key, n);
  g_hash_table_insert (lex->names, key, entry);
}

static GBytes *
lookup_file (const char *name)
{
  g_autofree char *path = g_strconcat (LEXICON_PATH, name, NULL);

  /* Referencing the resource keeps it linked from the static library. */
  return g_resource_lookup_data (_nf_lexicon_get_resource (), path,
                                 G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
}

/* The non-comment, non-blank lines of a list file. */
static char **
read_lines (const char *name)
{
  g_autoptr(GBytes) bytes = lookup_file (name);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  GPtrArray *out = g_ptr_array_new ();

  g_assert (bytes != NULL);
  text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);

      if (*line != '\0' && *line != '#')
        g_ptr_array_add (out, g_strdup (line));
    }
  g_ptr_array_add (out, NULL);
  return (char **) g_ptr_array_free (out, FALSE);
}

static NfLexGroup *
new_group (NfLexicon    *lex,
           const char   *name,
           NfEntityKind  kind)
{
  NfLexGroup *group = g_new0 (NfLexGroup, 1);

  group->name = g_strdup (name);
  group->kind = kind;
  group->aliases = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (lex->groups, group);
  return group;
}

static void
add_forms (NfLexicon  *lex,
           NfLexGroup *group,
           const char *list,
           NfLexRole   role,
           gboolean    as_alias)
{
  g_auto(GStrv) forms = g_strsplit (list, ",", -1);

  for (guint i = 0; forms[i] != NULL; i++)
    {
      char *form = g_strstrip (forms[i]);

      if (*form == '\0')
        continue;
      add_form (lex, group, form, role);
      if (as_alias)
        g_ptr_array_add (group->aliases, g_strdup (form));
      if (role == NF_LEX_CAPITAL && group->capital == NULL)
        group->capital = g_strdup (form);
    }
}

/* countries.txt: name|aliases|capitals|demonyms.  Names go in first so
 * that a capital or demonym never shadows a name ("U.S."). */
static void
load_countries (NfLexicon *lex)
{
  g_auto(GStrv) lines = read_lines ("countries.txt");
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GPtrArray) groups = g_ptr_array_new ();

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char **f = g_strsplit (lines[i], "|", 4);
      NfLexGroup *group;

      if (g_strv_length (f) < 4)
        {
          g_strfreev (f);
          continue;
        }
      group = new_group (lex, f[0], NF_ENTITY_PLACE);
      add_form (lex, group, f[0], NF_LEX_NAME);
      add_forms (lex, group, f[1], NF_LEX_NAME, TRUE);
      g_ptr_array_add (rows, f);
      g_ptr_array_add (groups, group);
    }
  for (guint i = 0; i < rows->len; i++)
    {
      char **f = g_ptr_array_index (rows, i);

      add_forms (lex, g_ptr_array_index (groups, i), f[2], NF_LEX_CAPITAL, FALSE);
    }
  for (guint i = 0; i < rows->len; i++)
    {
      char **f = g_ptr_array_index (rows, i);

      add_forms (lex, g_ptr_array_index (groups, i), f[3], NF_LEX_DEMONYM, FALSE);
    }
}

static void
load_places (NfLexicon *lex)
{
  g_auto(GStrv) lines = read_lines ("places.txt");

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) f = g_strsplit (lines[i], "|", 3);
      NfLexGroup *group;
      guint n = 0;
      g_autofree char *key = form_key (f[0], &n);

      if (g_hash_table_contains (lex->names, key))
        continue;
      group = new_group (lex, f[0], NF_ENTITY_PLACE);
      add_form (lex, group, f[0], NF_LEX_NAME);
      if (f[1] != NULL)
        add_forms (lex, group, f[1], NF_LEX_NAME, FALSE);
      if (f[1] != NULL && f[2] != NULL)
        add_forms (lex, group, f[2], NF_LEX_DEMONYM, FALSE);
    }
}

/* organizations.txt: kind|form|form…; the longest form is the name. */
static void
load_organizations (NfLexicon *lex)
{
  g_auto(GStrv) lines = read_lines ("organizations.txt");

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) f = g_strsplit (lines[i], "|", -1);
      NfLexGroup *group;
      const char *name = NULL;

      if (g_strv_length (f) < 3)
        continue;
      for (guint j = 1; f[j] != NULL; j++)
        if (name == NULL || strlen (f[j]) > strlen (name))
          name = f[j];
      group = new_group (lex, name,
                         strcmp (f[0], "other") == 0 ? NF_ENTITY_OTHER
                                                     : NF_ENTITY_ORGANIZATION);
      for (guint j = 1; f[j] != NULL; j++)
        {
          add_form (lex, group, f[j], NF_LEX_NAME);
          if (f[j] != name)
            g_ptr_array_add (group->aliases, g_strdup (f[j]));
        }
    }
}

/* One table for all the sets, each word mapped to the sets that hold it,
 * so that a word is looked up once whatever the sets asked about. */
static void
load_sets (NfLexicon *lex)
{
  lex->sets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint s = 0; s < NF_LEX_N_SETS; s++)
    {
      g_auto(GStrv) lines = read_lines (set_files[s]);

      for (guint i = 0; lines[i] != NULL; i++)
        {
          char *word = g_ascii_strdown (lines[i], -1);
          gpointer old = NULL;
          guint mask = 1u << s;

          if (g_hash_table_lookup_extended (lex->sets, word, NULL, &old))
            mask |= GPOINTER_TO_UINT (old);
          g_hash_table_insert (lex->sets, word, GUINT_TO_POINTER (mask));
        }
    }
}


static inline guint32
hash_step (guint32 hash,
           char    c)
{
  return (hash ^ (guchar) c) * 16777619u;   /* FNV-1a */
}

/* Lowercase word → value & @keep as an open-addressed table, at least
 * half empty; words whose value & @keep is 0 are left out. */
static void
index_words (GHashTable *words,
             guint       keep,
             NfLexIndex *index)
{
  GHashTableIter iter;
  gpointer key, value;
  guint n = 0;

  g_hash_table_iter_init (&iter, words);
  while (g_hash_table_iter_next (&iter, &key, &value))
    n += (GPOINTER_TO_UINT (value) & keep) != 0;
  index->n_slots = 64;
  while (index->n_slots < 2 * n)
    index->n_slots *= 2;
  index->slots = g_new0 (NfLexSlot, index->n_slots);
  /* blocks of 64 bits, eight bits a word: n_slots / 16 blocks */
  index->filter_shift = 32 - (g_bit_storage (index->n_slots / 16) - 1);
  index->filter = g_new0 (guint64, index->n_slots / 16);
  g_hash_table_iter_init (&iter, words);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const char *word = key;
      guint mask = GPOINTER_TO_UINT (value) & keep;
      guint32 hash = 2166136261u;
      guint32 i;

      if (mask == 0 || strlen (word) > G_MAXUINT16)
        continue;
      for (const char *c = word; *c != '\0'; c++)
        hash = hash_step (hash, *c);
      for (i = hash & (index->n_slots - 1); index->slots[i].word != NULL;
           i = (i + 1) & (index->n_slots - 1))
        ;
      index->slots[i] = (NfLexSlot) { word, hash, mask, strlen (word) };
      index->filter[filter_mix (hash) >> index->filter_shift]
        |= filter_bits (filter_mix (hash));
    }
}

/* memcmp () == 0 without a call, for words of a few letters. */
static inline gboolean
same_bytes (const char *a,
            const char *b,
            gsize       len)
{
  for (gsize i = 0; i < len; i++)
    if (a[i] != b[i])
      return FALSE;
  return TRUE;
}

/* The value of @word (lowercased here) in @index, or 0. */
static guint
index_value (const NfLexIndex *index,
             const char       *word,
             gsize             len)
{
  const NfLexSlot *slots = index->slots;
  guint32 mask = index->n_slots - 1;
  char buf[MAX_KEY];
  guint32 hash = 2166136261u;

  if (len + 1 > sizeof buf)
    return 0;
  for (gsize i = 0; i < len; i++)
    {
      char c = word[i];

      buf[i] = c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
      hash = hash_step (hash, buf[i]);
    }
  if (!filter_may_hold (index, hash))
    return 0;
  for (guint32 i = hash & mask; slots[i].word != NULL; i = (i + 1) & mask)
    {
      const NfLexSlot *slot = &slots[i];

      if (slot->hash == hash && slot->len == len
          && same_bytes (slot->word, buf, len))
        return slot->mask;
    }
  return 0;
}

/* The hash of the word, lowercased, as index_value () makes it; worked
 * out once per word, as most words are looked up in several indexes. */
static guint32
word_hash (const char *text,
           NfWord     *word)
{
  if (!(word->flags & NF_WORD_HASHED))
    {
      guint32 hash = 2166136261u;

      for (gsize i = word->start; i < word->end; i++)
        {
          char c = text[i];

          hash = hash_step (hash, c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
        }
      word->hash = hash;
      word->flags |= NF_WORD_HASHED;
    }
  return word->hash;
}

/* index_value () of a scanned word, compared without a lowercased copy. */
static guint
index_value_word (const NfLexIndex *index,
                  const char       *text,
                  NfWord           *word)
{
  const NfLexSlot *slots = index->slots;
  const char *w = text + word->start;
  gsize len = word->end - word->start;
  guint32 mask = index->n_slots - 1;
  guint32 hash;

  if (len + 1 > MAX_KEY)
    return 0;
  hash = word_hash (text, word);
  if (!filter_may_hold (index, hash))
    return 0;
  for (guint32 i = hash & mask; slots[i].word != NULL; i = (i + 1) & mask)
    {
      const NfLexSlot *slot = &slots[i];
      gsize k;

      if (slot->hash != hash || slot->len != len)
        continue;
      for (k = 0; k < len; k++)
        if ((w[k] >= 'A' && w[k] <= 'Z' ? w[k] - 'A' + 'a' : w[k]) != slot->word[k])
          break;
      if (k == len)
        return slot->mask;
    }
  return 0;
}

static void
load_pronouns (NfLexicon *lex)
{
  g_auto(GStrv) lines = read_lines ("pronouns.txt");

  lex->pronouns = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) f = g_strsplit (lines[i], "|", 2);
      NfPronounKind kind = NF_PRONOUN_ANY;

      if (f[1] != NULL && strcmp (f[1], "person") == 0)
        kind = NF_PRONOUN_PERSON;
      else if (f[1] != NULL && strcmp (f[1], "male") == 0)
        kind = NF_PRONOUN_MALE;
      else if (f[1] != NULL && strcmp (f[1], "female") == 0)
        kind = NF_PRONOUN_FEMALE;
      g_hash_table_insert (lex->pronouns, g_ascii_strdown (f[0], -1),
                           GINT_TO_POINTER (kind));
    }
}

/* The lists never change, so they are read once and kept for the life of
 * the process (the pipeline stays free of state that changes).  The word
 * sets come first: reading the names tokenizes them, and the scanner asks
 * the sets about abbreviations. */
static NfLexicon *
lexicon_sets (void)
{
  static NfLexicon *lexicon = NULL;

  if (g_once_init_enter (&lexicon))
    {
      NfLexicon *lex = g_new0 (NfLexicon, 1);

      load_sets (lex);
      index_words (lex->sets, OTHER_SETS, &lex->other_sets);
      index_words (lex->sets, NAME_SETS, &lex->name_sets);
      load_pronouns (lex);
      g_once_init_leave (&lexicon, lex);
    }
  return lexicon;
}

static NfLexicon *
lexicon_get (void)
{
  static NfLexicon *lexicon = NULL;

  if (g_once_init_enter (&lexicon))
    {
      NfLexicon *lex = lexicon_sets ();

      lex->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify) lex_entry_free);
      lex->groups = g_ptr_array_new_with_free_func ((GDestroyNotify) lex_group_free);
      lex->firsts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      load_countries (lex);
      load_places (lex);
      load_organizations (lex);
      index_words (lex->firsts, G_MAXUINT, &lex->first_words);
      g_once_init_leave (&lexicon, lex);
    }
  return lexicon;
}

/* The sets of @group (OTHER_SETS or NAME_SETS) that hold the word
 * (lowercased here), as a mask. */
static guint
lexicon_sets_of (const char *word,
                 gsize       len,
                 guint       group)
{
  const NfLexicon *lex = lexicon_sets ();

  return index_value (group == NAME_SETS ? &lex->name_sets : &lex->other_sets,
                      word, len);
}

static guint
group_of (NfLexSet set)
{
  return (NAME_SETS & (1u << set)) ? NAME_SETS : OTHER_SETS;
}

gboolean
_nf_lexicon_has (NfLexSet    set,
                 const char *word,
                 gsize       len)
{
  g_assert (set < NF_LEX_N_SETS);
  return (lexicon_sets_of (word, len, group_of (set)) & (1u << set)) != 0;
}

gboolean
_nf_word_in (const char *text,
             NfWord     *word,
             NfLexSet    set)
{
  guint bit = 1u << set;

  g_assert (set < NF_LEX_N_SETS);
  if (!(word->sets_known & bit))
    {
      /* One look-up answers for every set of the group. */
      guint group = group_of (set);

      const NfLexicon *lex = lexicon_sets ();

      word->sets_known |= group;
      word->sets_in |= index_value_word (group == NAME_SETS ? &lex->name_sets
                                                           : &lex->other_sets,
                                         text, word);
    }
  return (word->sets_in & bit) != 0;
}

guint
_nf_word_max_tokens (const char *text,
                     NfWord     *word)
{
  if (!word->names_known)
    {
      word->names_known = TRUE;
      word->names_max = MIN (index_value_word (&lexicon_get ()->first_words,
                                               text, word),
                             G_MAXUINT8);
    }
  return word->names_max;
}

NfPronounKind
_nf_lexicon_pronoun (const char *word,
                     gsize       len)
{
  char buf[16];

  if (!_nf_lower_into (word, len, buf, sizeof buf))
    return NF_PRONOUN_NONE;
  return GPOINTER_TO_INT (g_hash_table_lookup (lexicon_sets ()->pronouns, buf));
}

const NfLexEntry *
_nf_lexicon_lookup (const char *key)
{
  return g_hash_table_lookup (lexicon_get ()->names, key);
}

guint
_nf_lexicon_max_tokens (void)
{
  return lexicon_get ()->max_tokens;
}

guint
_nf_lexicon_max_tokens_from (const char *word,
                             gsize       len)
{
  const NfLexicon *lex = lexicon_get ();

  return index_value (&lex->first_words, word, len);
}
