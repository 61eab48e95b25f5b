/* nf-entities.c: people, organisations and places, and acronyms
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One pass over the body's words finds runs of capitalised words ("chunks").
 * Each chunk is read against the word lists: a known country, place or
 * body; a title and a name ("U.S. President Donald Trump"); a name with an
 * organisation word ("State Department"); a named thing ("Special Measures
 * Agreement"); or a bare name.  A second pass merges the mentions: the
 * other names of a country, a surname with the full name met elsewhere, an
 * acronym with the name it was defined for, a capital with its country
 * when the text uses it for the government ("Seoul's contribution").
 */

#define G_LOG_DOMAIN "newsfacts"

#include "config.h"

#include <string.h>

#include "nf-article-private.h"
#include "nf-lexicon-private.h"
#include "nf-pipeline-private.h"

#define MAX_NAME_TOKENS 12

typedef enum
{
  MENTION_LEXICON,    /* a form from the lists */
  MENTION_PERSON,
  MENTION_ORG,
  MENTION_OTHER,
  MENTION_SINGLE,     /* one capitalised word, kind still open */
  MENTION_SIDE,       /* "the Korean side": a demonym standing for its country */
  MENTION_PLACE,      /* a name that is a place by where it stands */
} MentionType;

typedef struct
{
  MentionType       type;
  gsize             start;
  gsize             end;
  gsize             next_end;     /* after any 's */
  const NfLexEntry *entry;
  char             *role;
  guint             n_tokens;
  gboolean          person_cue;   /* honorific, title or speech verb beside it */
  gboolean          titled;       /* honorific, title or given name: a person */
  gboolean          sent_start;
  gboolean          locative;     /* after "in", "at", … */
  gboolean          org_cue;      /* "automaker GM", "Ford, GM and Chrysler" */
  gboolean          qualifier;    /* "Washington" in "Everett, Washington" */
  gsize             qualified_end; /* end of ", Washington" after "Everett" */
  gboolean          possessive;
  gboolean          dateline;
  gboolean          allcaps;
  gboolean          surname_only; /* a title word: only a known surname */
  gpointer          building;     /* Building*, once merged */
} Mention;

/* An entity being gathered from its mentions. */
typedef struct
{
  NfEntityKind      kind;
  const NfLexGroup *group;     /* listed country, place or body */
  char             *fixed_name;
  GPtrArray        *surfaces;  /* char* in the scan's @cap_words: the names as printed */
  GArray           *spans;     /* NfSpan */
  char             *role;
  gsize             first;
  gboolean          evidence;  /* a person for sure: title, given name */
  gboolean          lone;      /* one capitalised word with no cue beside it */
} Building;

typedef struct
{
  NfArticle  *article;
  const char *text;
  GArray     *tokens;        /* NfWord of the current block */
  GArray     *mentions;      /* Mention */
  GHashTable *by_key;        /* key in @cap_words → Building* (owned) */
  GHashTable *defined;       /* short form → index + 1 of the long mention */
  GHashTable *heads;         /* "department" → GArray of NfSpan ("the department") */
  GHashTable *surnames;      /* last or first word → person Building* */
  GHashTable *first_words;   /* first word of a two-to-four word name →
                              * Building*, or &ambiguous_first */
  GHashTable *cap_inside;    /* words seen capitalised inside sentences */
  GStringChunk *cap_words;   /* the keys of @cap_inside, @by_key,
                              * @surnames and @first_words, and the
                              * surfaces of the buildings */
  GHashTable *metonyms;      /* NfLexGroup* whose capital stands for it */
  gsize       dateline_end;
  guint       span_depth;    /* read_span () calls under way */
} Scan;

static const NfWord *
tok (Scan *scan,
     guint i)
{
  return &g_array_index (scan->tokens, NfWord, i);
}

static gboolean
tok_in (Scan     *scan,
        guint     i,
        NfLexSet  set)
{
  return _nf_word_in (scan->text, &g_array_index (scan->tokens, NfWord, i), set);
}

static gboolean
tok_is (Scan       *scan,
        guint       i,
        const char *word)
{
  const NfWord *t = tok (scan, i);
  const char *c = scan->text + t->start;
  gsize len = t->end - t->start;

  /* inline: this runs for most tokens, and most differ at once; @word is
   * lowercase */
  for (gsize k = 0; k < len; k++)
    if (word[k] == '\0' || (c[k] >= 'A' && c[k] <= 'Z' ? c[k] + 32 : c[k]) != word[k])
      return FALSE;
  return word[len] == '\0';
}

/* Whether token @k is one of @words (lowercase). */
static gboolean
tok_is_any (Scan               *scan,
            guint               k,
            const char * const *words,
            gsize               n_words)
{
  for (gsize w = 0; w < n_words; w++)
    if (tok_is (scan, k, words[w]))
      return TRUE;
  return FALSE;
}

/* Lowercased tokens [i, j) joined by spaces, in @buf. */
static gboolean
span_key (Scan  *scan,
          guint  i,
          guint  j,
          char  *buf,
          gsize  size)
{
  gsize n = 0;

  for (guint k = i; k < j; k++)
    {
      const NfWord *t = tok (scan, k);
      gsize len = t->end - t->start;

      if (n + len + 2 > size)
        return FALSE;
      if (k > i)
        buf[n++] = ' ';
      _nf_lower_into (scan->text + t->start, len, buf + n, size - n);
      n += len;
    }
  buf[n] = '\0';
  return TRUE;
}

static const NfLexEntry *
lookup_span (Scan  *scan,
             guint  i,
             guint  j)
{
  char key[256];
  const NfLexEntry *entry;
  if (j - i > _nf_word_max_tokens (scan->text,
                                   &g_array_index (scan->tokens, NfWord, i))
      || !span_key (scan, i, j, key, sizeof key))
    return NULL;
  entry = _nf_lexicon_lookup (key);
  if (entry == NULL)
    return NULL;
  if (entry->caps_only)
    for (guint k = i; k < j; k++)
      for (gsize c = tok (scan, k)->start; c < tok (scan, k)->end; c++)
        if (g_ascii_islower (scan->text[c]))
          return NULL;
  return entry;
}

/* The longest listed form starting at token @i, at most up to @j. */
static guint
longest_lexicon (Scan              *scan,
                 guint              i,
                 guint              j,
                 const NfLexEntry **out)
{
  guint max = MIN (j - i, _nf_word_max_tokens (scan->text,
                                               &g_array_index (scan->tokens, NfWord, i)));

  for (guint n = max; n > 0; n--)
    {
      const NfLexEntry *entry = lookup_span (scan, i, i + n);

      if (entry != NULL)
        {
          *out = entry;
          return n;
        }
    }
  *out = NULL;
  return 0;
}

/* A cue verb at token @j, maybe after an adverb or two ("Cruz openly
 * admitted", "Reid also said"). */
static gboolean
cue_follows (Scan  *scan,
             guint  j)
{
  for (guint k = j; k < scan->tokens->len && k < j + 3; k++)
    {
      const NfWord *t = tok (scan, k);

      if (t->flags & NF_WORD_CAP)
        return FALSE;
      if (tok_in (scan, k, NF_LEX_SET_CUE_VERBS))
        return TRUE;
      if (!tok_in (scan, k, NF_LEX_SET_SPEECH_ADVERBS)
          && !(t->end - t->start > 3 && scan->text[t->end - 2] == 'l'
               && scan->text[t->end - 1] == 'y'))
        return FALSE;
    }
  return FALSE;
}

/* Only spaces between token @k - 1 and token @k. */
static gboolean
gap_spaces (Scan  *scan,
            guint  k)
{
  for (gsize p = tok (scan, k - 1)->next; p < tok (scan, k)->start; p++)
    if (scan->text[p] != ' ')
      return FALSE;
  return (tok (scan, k - 1)->flags & NF_WORD_POSS) == 0;
}

static Mention *
add_mention (Scan        *scan,
             MentionType  type,
             guint        i,
             guint        j)
{
  Mention m = { 0 };
  const NfWord *first = tok (scan, i);
  const NfWord *last = tok (scan, j - 1);

  m.type = type;
  m.start = first->start;
  m.end = last->end;
  m.next_end = last->next;
  m.n_tokens = j - i;
  m.sent_start = (first->flags & NF_WORD_SENT_START) != 0;
  m.possessive = (last->flags & NF_WORD_POSS) != 0;
  m.allcaps = TRUE;
  for (guint k = i; k < j; k++)
    m.allcaps &= (tok (scan, k)->flags & NF_WORD_ALLCAPS) != 0;
  if (i > 0 && tok_in (scan, i - 1, NF_LEX_SET_LOCATIVES)
      && !(tok (scan, i - 1)->flags & NF_WORD_CAP))
    m.locative = TRUE;
  /* "European airframer Airbus": the kind of body said just before */
  if (i > 0 && !(tok (scan, i - 1)->flags & NF_WORD_CAP) && gap_spaces (scan, i)
      && tok_in (scan, i - 1, NF_LEX_SET_ORG_WORDS))
    m.org_cue = TRUE;
  if (m.start < scan->dateline_end && m.allcaps)
    m.dateline = TRUE;
  if (cue_follows (scan, j))
    m.person_cue = TRUE;
  /* "said Smith", but not "… reported. Fans in …": the verb must stand
   * right before the name, in its sentence */
  if (i > 0 && !m.sent_start && gap_spaces (scan, i)
      && tok_in (scan, i - 1, NF_LEX_SET_CUE_VERBS))
    m.person_cue = TRUE;
  g_array_append_val (scan->mentions, m);
  return &g_array_index (scan->mentions, Mention, scan->mentions->len - 1);
}

static void
add_lexicon_mention (Scan             *scan,
                     const NfLexEntry *entry,
                     guint             i,
                     guint             j)
{
  Mention *m;

  /* A demonym alone is an adjective ("American troops"), not a name;
   * "US$40" is money, not the country. */
  if (entry->role == NF_LEX_DEMONYM
      || (tok (scan, j - 1)->end < scan->article->text_len
          && scan->text[tok (scan, j - 1)->end] == '$'))
    return;
  m = add_mention (scan, MENTION_LEXICON, i, j);
  m->entry = entry;
}

static gboolean
is_title_word (Scan  *scan,
               guint  k)
{
  return tok_in (scan, k, NF_LEX_SET_TITLES)
         || tok_in (scan, k, NF_LEX_SET_TITLE_MODIFIERS);
}

static gboolean
is_title_only (Scan  *scan,
               guint  i,
               guint  j)
{
  /* "Secretary of State", "Government": a title or a bare common word */
  if (j - i == 1 && tok_in (scan, i, NF_LEX_SET_ORG_WORDS))
    return TRUE;
  for (guint k = i; k < j; k++)
    if (!is_title_word (scan, k)
        && !tok_in (scan, k, NF_LEX_SET_CONNECTORS)
        && !tok_in (scan, k, NF_LEX_SET_HONORIFICS))
      return FALSE;
  return TRUE;
}

static gboolean
has_set (Scan     *scan,
         guint     i,
         guint     j,
         NfLexSet  set)
{
  for (guint k = i; k < j; k++)
    if (tok_in (scan, k, set))
      return TRUE;
  return FALSE;
}

/* Listed names inside a role ("U.S." in "U.S. President"). */
static void
add_role_places (Scan  *scan,
                 guint  i,
                 guint  j)
{
  for (guint k = i; k < j;)
    {
      const NfLexEntry *entry = NULL;
      guint n = longest_lexicon (scan, k, j, &entry);

      if (n > 0)
        {
          add_lexicon_mention (scan, entry, k, k + n);
          k += n;
        }
      else
        k++;
    }
}

/* "U.S. Deputy Secretary of State for Korea and Japan Marc Knapper": the
 * role runs to the last head word of a title, then over "of State" and
 * "for" listed places; what is left must look like a name. */
static gboolean
split_title (Scan  *scan,
             guint  i,
             guint  j,
             guint *name_start)
{
  guint last = G_MAXUINT, k;
  gboolean body = FALSE;

  for (k = i; k < j; k++)
    if (tok_in (scan, k, NF_LEX_SET_TITLES))
      last = k;
  if (last == G_MAXUINT)
    return FALSE;
  k = last + 1;
  while (k < j)
    {
      const NfLexEntry *entry = NULL;
      guint n;

      if (is_title_word (scan, k))
        {
          k++;
          continue;
        }
      if (!tok_in (scan, k, NF_LEX_SET_CONNECTORS))
        break;
      n = k + 1 < j ? longest_lexicon (scan, k + 1, j, &entry) : 0;
      if (n == 0 && k + 1 < j && is_title_word (scan, k + 1))
        n = 1;
      if (n == 0)
        return FALSE;
      body |= entry != NULL && entry->group->kind == NF_ENTITY_ORGANIZATION;
      k += 1 + n;
    }
  /* "CEO of Boeing Commercial Airplanes": the body's name goes on, where
   * "CEO of Apple Tim Cook" names a person */
  if (body && k < j && !tok_in (scan, k, NF_LEX_SET_GIVEN_NAMES))
    return FALSE;
  if (k >= j || j - k > 4 || lookup_span (scan, k, j) != NULL
      || has_set (scan, k, j, NF_LEX_SET_ORG_WORDS)
      || tok_in (scan, k, NF_LEX_SET_CONNECTORS))
    return FALSE;
  *name_start = k;
  return TRUE;
}

static void read_span (Scan *scan, guint i, guint j, gboolean person);
static void read_name (Scan *scan, guint i, guint j, gboolean person);

/* "Ted Cruz of Texas": where a person's name in [i, j) ends before "of"
 * and a listed place that runs to @j; the place is read as a mention of
 * its own.  Returns @j when there is none. */
static guint
name_end_before_place (Scan  *scan,
                       guint  i,
                       guint  j)
{
  for (guint k = i + 1; k + 1 < j; k++)
    {
      const NfLexEntry *place = NULL;

      if (tok_is (scan, k, "of")
          && longest_lexicon (scan, k + 1, j, &place) == j - k - 1
          && place->group->kind == NF_ENTITY_PLACE)
        {
          add_lexicon_mention (scan, place, k + 1, j);
          return k;
        }
    }
  return j;
}

/* "Hillary Clinton and Senator Bernie Sanders", "Secretary of State
 * John Kerry and Sen. Ted Cruz": a person named before "and" is not part
 * of the title that follows it ("Secretary of Health and Human Services
 * Kathleen Sebelius" has no title after its "and"). */
static gboolean
split_person_and (Scan  *scan,
                  guint  i,
                  guint  j)
{
  for (guint k = i + 2; k + 1 < j; k++)
    if (tok_is (scan, k, "and") && is_title_word (scan, k + 1)
        && !is_title_word (scan, k - 1)
        && !tok_in (scan, k - 1, NF_LEX_SET_CONNECTORS)
        && has_set (scan, i, k, NF_LEX_SET_GIVEN_NAMES))
      {
        read_span (scan, i, k, FALSE);
        read_span (scan, k + 1, j, FALSE);
        return TRUE;
      }
  return FALSE;
}

/* "Apple Inc. Steve Jobs": a company's legal form ends its name. */
static gboolean
split_company (Scan  *scan,
               guint  i,
               guint  j)
{
  static const char * const forms[] = {
    "inc", "inc.", "llc", "corp.", "ltd", "ltd.", "plc", "co.", "ag", "n.v.",
  };

  for (guint k = i + 1; k + 1 < j; k++)
    for (guint f = 0; f < G_N_ELEMENTS (forms); f++)
      if (tok_is (scan, k, forms[f]))
        {
          guint r = k + 1;

          read_span (scan, i, k + 1, FALSE);
          /* "… Holding LLC and Chrysler": no connector opens a name */
          while (r < j && tok_in (scan, r, NF_LEX_SET_CONNECTORS))
            r++;
          if (r == j)
            return TRUE;
          if (tok_in (scan, r, NF_LEX_SET_GIVEN_NAMES) && j - r >= 2 && j - r <= 4)
            read_name (scan, r, j, TRUE);
          else
            read_span (scan, r, j, FALSE);
          return TRUE;
        }
  return FALSE;
}

/* "Apple Computer CEO", "Chief Executive Officer of General Motors": a
 * title before or after a body's name is no part of it. */
static gboolean
strip_titles (Scan  *scan,
              guint  i,
              guint  j)
{
  guint k = j;

  /* not "Howard Dean", whose title word is a surname */
  if (tok_in (scan, j - 1, NF_LEX_SET_TITLES)
      && !tok_in (scan, i, NF_LEX_SET_GIVEN_NAMES))
    {
      while (k > i && (is_title_word (scan, k - 1)
                       || tok_in (scan, k - 1, NF_LEX_SET_CONNECTORS)))
        k--;
      if (k == i || k == j)
        return FALSE;
      read_span (scan, i, k, FALSE);
      return TRUE;
    }
  if (!is_title_word (scan, i))
    return FALSE;
  for (k = i; k < j && (is_title_word (scan, k)
                        || (tok_in (scan, k, NF_LEX_SET_CONNECTORS)
                            && !tok_is (scan, k, "of"))); k++)
    ;
  if (k + 1 < j && k > i && tok_is (scan, k, "of")
      && has_set (scan, k + 1, j, NF_LEX_SET_ORG_WORDS))
    {
      read_span (scan, k + 1, j, FALSE);
      return TRUE;
    }
  return FALSE;
}

static void
read_parts (Scan  *scan,
            guint  i,
            guint  j)
{
  guint from = i;

  for (guint k = i; k <= j; k++)
    if (k == j || tok_in (scan, k, NF_LEX_SET_CONNECTORS))
      {
        gboolean person = FALSE;

        /* "Mr Blair and Mr Brown": each part's honorific, as read_chunk ()
         * takes the first */
        while (from + 1 < k && tok_in (scan, from, NF_LEX_SET_HONORIFICS))
          {
            person = TRUE;
            from++;
          }
        if (k > from)
          read_span (scan, from, k, person);
        from = k + 1;
      }
}

/* "Trade minister Paul Okafor": title words just before a name that were
 * not part of its capitalised run. */
static char *
prefix_role (Scan  *scan,
             guint  i)
{
  guint k = i;

  if (i == 0 || !is_title_word (scan, i - 1)
      || (tok (scan, i - 1)->flags & NF_WORD_CAP))
    return NULL;
  while (k > 0 && gap_spaces (scan, k)
         && (is_title_word (scan, k - 1)
             || (k < i && tok_in (scan, k - 1, NF_LEX_SET_ORG_WORDS))))
    k--;
  /* "chief executive": two title words make a title, one must be a head */
  if (k == i || (i - k == 1 && !tok_in (scan, i - 1, NF_LEX_SET_TITLES)))
    return NULL;
  return g_strndup (scan->text + tok (scan, k)->start,
                    tok (scan, i - 1)->end - tok (scan, k)->start);
}

/* Does token @k hold a digit ("A380", "747", "DC-9")? */
static gboolean
has_digit (Scan  *scan,
           guint  k)
{
  for (gsize c = tok (scan, k)->start; c < tok (scan, k)->end; c++)
    if (g_ascii_isdigit (scan->text[c]))
      return TRUE;
  return FALSE;
}

/* "OS", "XWB": capitals that are no initial ("J.") nor a numeral ("II"). */
static gboolean
is_code (Scan  *scan,
         guint  k)
{
  const NfWord *t = tok (scan, k);

  if (!(t->flags & NF_WORD_ALLCAPS) || t->end - t->start < 2
      || scan->text[t->end - 1] == '.')
    return FALSE;
  for (gsize c = t->start; c < t->end; c++)
    if (!strchr ("IVX", scan->text[c]))
      return TRUE;
  return FALSE;
}

/* "Chief Executive Robert Nardelli": title words, then a given name. */
static gboolean
split_titled_name (Scan  *scan,
                   guint  i,
                   guint  j)
{
  guint k = i;
  Mention *m;

  while (k < j && is_title_word (scan, k))
    k++;
  if (k == i || j - k < 2 || j - k > 3 || !tok_in (scan, k, NF_LEX_SET_GIVEN_NAMES))
    return FALSE;
  m = add_mention (scan, MENTION_PERSON, k, j);
  m->titled = TRUE;
  m->person_cue = TRUE;
  m->role = g_strndup (scan->text + tok (scan, i)->start,
                       tok (scan, k - 1)->end - tok (scan, i)->start);
  return TRUE;
}

/* "Rival Hillary Clinton", "Universe Alicia Machado": a word before a
 * given name and a surname describes the person; it is no part of the
 * name. */
static gboolean
split_described_name (Scan  *scan,
                      guint  i,
                      guint  j)
{
  for (guint k = i + 1; k + 1 < j; k++)
    if (tok_in (scan, k, NF_LEX_SET_GIVEN_NAMES))
      {
        Mention *m;

        /* not "S. Donald Sussman", whose initial is his */
        if (j - k > 3 || tok (scan, k - 1)->end - tok (scan, k - 1)->start == 2
            || has_set (scan, i, j, NF_LEX_SET_ORG_WORDS)
            || has_set (scan, i, j, NF_LEX_SET_OTHER_WORDS))
          return FALSE;
        m = add_mention (scan, MENTION_PERSON, k, j);
        m->titled = TRUE;
        return TRUE;
      }
  return FALSE;
}

/* A run with no listed name in it: a person, or one word to settle later. */
static void
read_name (Scan     *scan,
           guint     i,
           guint     j,
           gboolean  person)
{
  gboolean allcaps = TRUE;
  Mention *m;

  for (guint k = i; k < j; k++)
    allcaps &= (tok (scan, k)->flags & NF_WORD_ALLCAPS) != 0;
  if (j - i == 1 && has_digit (scan, i))
    {
      add_mention (scan, MENTION_OTHER, i, j);
      return;
    }
  /* "I" in "the New Year and I", "Analysts" before "said": a common word
   * or a word for unnamed sources, alone, names no one (but "WHO" and
   * "IT", short and in capitals, may) */
  if (j - i == 1
      && !((tok (scan, i)->flags & NF_WORD_ALLCAPS)
           && tok (scan, i)->end - tok (scan, i)->start <= 4)
      && (tok_in (scan, i, NF_LEX_SET_STOPWORDS)
          || tok_in (scan, i, NF_LEX_SET_ANONYMOUS)))
    return;
  if (j - i == 1)
    {
      m = add_mention (scan, MENTION_SINGLE, i, j);
      m->role = prefix_role (scan, i);
      m->titled = person || m->role != NULL;
      m->person_cue |= m->titled;
      return;
    }
  if (allcaps || j - i > 4)
    return;
  /* "Barack Obama" left over after "President of the United States" */
  person |= tok_in (scan, i, NF_LEX_SET_GIVEN_NAMES);
  if ((!person && split_titled_name (scan, i, j))
      || (!tok_in (scan, i, NF_LEX_SET_GIVEN_NAMES)
          && split_described_name (scan, i, j)))
    return;
  /* "Airbus A380", "Mac OS X": a model or a product, not a person */
  for (guint k = i; k < j; k++)
    if (has_digit (scan, k) || is_code (scan, k))
      {
        add_mention (scan, MENTION_OTHER, i, j);
        return;
      }
  /* "Joint Defense Arrangement": a name with such words is not a person's;
   * after a given name, a title word is a surname ("Howard Dean"), and a
   * given name is one even when it is such a word ("Bill Clinton") */
  for (guint k = i; k < j; k++)
    if ((is_title_word (scan, k) && !person)
        || (tok_in (scan, k, NF_LEX_SET_OTHER_WORDS)
            && !(k == i && tok_in (scan, k, NF_LEX_SET_GIVEN_NAMES))))
      {
        add_mention (scan, MENTION_ORG, i, j);
        return;
      }
  m = add_mention (scan, MENTION_PERSON, i, j);
  m->role = prefix_role (scan, i);
  m->titled = person || m->role != NULL;
}

/* What is left of a run beside a listed name: "Chief Executive Robert
 * Nardelli" after "Chrysler" still holds a title. */
static void
read_rest (Scan     *scan,
           guint     i,
           guint     j,
           gboolean  person)
{
  if (j - i >= 2 && has_set (scan, i, j, NF_LEX_SET_TITLES)
      && lookup_span (scan, i, j) == NULL)
    read_span (scan, i, j, person);
  else
    read_name (scan, i, j, person);
}

/* "Inc.", "Motor Company": words after a listed body's name that leave it
 * the same body ("Ford Motor Company" is Ford). */
static gboolean
is_company_form (Scan  *scan,
                 guint  k)
{
  static const char * const forms[] = {
    "inc", "inc.", "llc", "corp", "corp.", "corporation", "company", "co.",
    "ltd", "ltd.", "plc", "ag", "sa", "n.v.", "nv", "se", "gmbh", "group",
    "holding", "holdings", "motor", "motors", "computer",
  };

  return tok_is_any (scan, k, forms, G_N_ELEMENTS (forms));
}

/* A listed body's name at the start of a run: "Ford Motor Company" is
 * the body itself, "Airbus A380" and "Ford Taurus" are its products
 * (one more word, or a model number), "Ford Australia" is a part of it. */
static gboolean
read_company_run (Scan  *scan,
                  guint  i,
                  guint  j)
{
  const NfLexEntry *entry = NULL, *rest = NULL;
  guint n = longest_lexicon (scan, i, j, &entry), k;
  gboolean code = FALSE;

  if (n == 0 || n == j - i || entry->group->kind != NF_ENTITY_ORGANIZATION
      || entry->role != NF_LEX_NAME)
    return FALSE;
  for (k = i + n; k < j && is_company_form (scan, k); k++)
    ;
  if (k == j)
    {
      add_lexicon_mention (scan, entry, i, j);
      return TRUE;
    }
  for (k = i + n; k < j; k++)
    code |= has_digit (scan, k) || is_code (scan, k);
  if (longest_lexicon (scan, i + n, j, &rest) == j - i - n
      && rest->group->kind == NF_ENTITY_PLACE)
    add_mention (scan, MENTION_ORG, i, j);
  else if (code || (j - i - n == 1 && !tok_in (scan, i + n, NF_LEX_SET_ORG_WORDS)
                    && !is_title_word (scan, i + n)))
    add_mention (scan, MENTION_OTHER, i, j);
  /* "Boeing Commercial Airplanes": a division, unless a person follows */
  else if (!tok_in (scan, i + n, NF_LEX_SET_GIVEN_NAMES)
           && !has_set (scan, i + n, j, NF_LEX_SET_TITLES)
           && !has_set (scan, i + n, j, NF_LEX_SET_TITLE_MODIFIERS)
           && !has_set (scan, i + n, j, NF_LEX_SET_CONNECTORS))
    add_mention (scan, MENTION_ORG, i, j);
  else
    return FALSE;
  return TRUE;
}

/* "Washington Post", "China Daily", "Manchester United": a listed place
 * and one word that names papers and clubs after their towns make a body,
 * not the place.  (Other words after a town's name may as well be a
 * surname, "Indiana Jones", or a place, "Atlantic City".) */
static gboolean
read_place_body (Scan  *scan,
                 guint  i,
                 guint  j)
{
  static const char * const bodies[] = {
    "post", "globe", "times", "daily", "herald", "tribune", "journal",
    "gazette", "chronicle", "telegraph", "courier", "observer", "united",
  };
  const NfLexEntry *entry = NULL;
  guint n = longest_lexicon (scan, i, j, &entry);

  if (n == 0 || j - i - n != 1 || entry->group->kind != NF_ENTITY_PLACE
      || entry->role != NF_LEX_NAME
      || (tok (scan, j - 1)->flags & NF_WORD_ALLCAPS))
    return FALSE;
  if (!tok_is_any (scan, j - 1, bodies, G_N_ELEMENTS (bodies)))
    return FALSE;
  add_mention (scan, MENTION_ORG, i, j);
  return TRUE;
}

static gboolean
is_compass (Scan  *scan,
            guint  k)
{
  static const char * const words[] = {
    "north", "south", "east", "west", "northern", "southern", "eastern",
    "western", "central", "upstate", "downstate",
  };

  return tok_is_any (scan, k, words, G_N_ELEMENTS (words));
}

/* Listed forms inside a run, and the bits between them as names. */
static void
read_mixed (Scan     *scan,
            guint     i,
            guint     j,
            gboolean  person)
{
  guint from = i, k = i;

  if (tok_in (scan, i, NF_LEX_SET_GIVEN_NAMES) && j - i >= 2 && j - i <= 4)
    {
      /* "Ted Cruz of Texas": the person, then the place he is of */
      guint name_end = name_end_before_place (scan, i + 1, j);

      read_name (scan, i, name_end, TRUE);
      return;
    }
  if (read_company_run (scan, i, j) || read_place_body (scan, i, j))
    return;
  while (k < j)
    {
      const NfLexEntry *entry = NULL;
      guint n = longest_lexicon (scan, k, j, &entry);

      if (n == 0)
        {
          k++;
          continue;
        }
      /* "South Yorkshire", "Northern Kentucky": a compass word makes
       * another place of a listed one */
      if (k > from && entry->group->kind == NF_ENTITY_PLACE
          && entry->role != NF_LEX_DEMONYM && is_compass (scan, k - 1))
        {
          if (k - 1 > from)
            read_rest (scan, from, k - 1, person);
          add_mention (scan, MENTION_PLACE, k - 1, k + n);
          k += n;
          from = k;
          continue;
        }
      if (k > from)
        read_rest (scan, from, k, person);
      add_lexicon_mention (scan, entry, k, k + n);
      k += n;
      from = k;
    }
  /* With no listed form inside, the rest is the whole run read_span ()
   * gave: read_rest () would hand it back there, for ever ("Speaker Paul
   * Ryan Joins Growing List", a title and nothing listed). */
  if (from == i)
    read_name (scan, i, j, person);
  else if (j > from)
    read_rest (scan, from, j, person);
}

/* "Heathrow Airport", "Moscone Convention Center": names of sites,
 * which are places whatever body runs them. */
static gboolean
is_place_head (Scan  *scan,
               guint  i,
               guint  j)
{
  static const char * const heads[] = {
    "airport", "airfield", "stadium", "arena", "square", "street", "avenue",
    "boulevard", "bridge", "island", "islands", "river", "lake", "mountains",
    "valley", "county", "province", "peninsula", "bay", "strait", "canal",
    "springs", "falls", "heights", "hills", "harbor", "harbour",
  };

  if (j - i >= 3 && (tok_is (scan, j - 1, "center") || tok_is (scan, j - 1, "centre"))
      && (tok_is (scan, j - 2, "convention") || tok_is (scan, j - 2, "exhibition")))
    return TRUE;
  static const char * const firsts[] = {
    "fort", "port", "mount", "mt.", "ft.", "st.", "ste.", "lake", "cape",
    "san", "santa",
  };

  if (tok_is_any (scan, j - 1, heads, G_N_ELEMENTS (heads)))
    return !tok_in (scan, i, NF_LEX_SET_CONNECTORS);
  /* "Fort Wayne", "San Jose": a town's name */
  if (tok_is_any (scan, i, firsts, G_N_ELEMENTS (firsts)))
    return j - i <= 3 && !has_set (scan, i, j, NF_LEX_SET_ORG_WORDS);
  return FALSE;
}

/* "US Government", "Government of Germany": the country itself, as the
 * capital is when it stands for the government. */
static gboolean
read_government (Scan  *scan,
                 guint  i,
                 guint  j)
{
  const NfLexEntry *entry = NULL;
  Mention *m;
  guint from = i, to = j;

  if (j - i >= 2 && tok_is (scan, j - 1, "government"))
    to = j - 1;
  else if (j - i >= 3 && tok_is (scan, i, "government") && tok_is (scan, i + 1, "of"))
    from = i + 2;
  else
    return FALSE;
  if (longest_lexicon (scan, from, to, &entry) != to - from
      || entry->group->kind != NF_ENTITY_PLACE || entry->role == NF_LEX_CAPITAL)
    return FALSE;
  m = add_mention (scan, MENTION_LEXICON, i, j);
  m->entry = entry;
  return TRUE;
}

/* A body's name by itself: listed ("Toyota", "Ford Motor Company"), or
 * ending in a word such as "Airlines". */
static gboolean
stands_alone (Scan  *scan,
              guint  i,
              guint  j)
{
  const NfLexEntry *entry = NULL;
  guint n, k;

  if (i >= j || tok_in (scan, i, NF_LEX_SET_CONNECTORS))
    return FALSE;
  if (j - i >= 2 && tok_in (scan, j - 1, NF_LEX_SET_ORG_WORDS))
    return TRUE;
  n = longest_lexicon (scan, i, j, &entry);
  if (n == 0)
    return FALSE;
  for (k = i + n; k < j && is_company_form (scan, k); k++)
    ;
  return k == j;
}

/* "Shanghai Airlines and Xiamen Airlines", "Ford Motor Company and
 * Toyota": two bodies, though "Department of Health and Human Services"
 * is one. */
static gboolean
split_and (Scan  *scan,
           guint  i,
           guint  j)
{
  for (guint k = i + 1; k + 1 < j; k++)
    if ((tok_is (scan, k, "and") || tok_is (scan, k, "&"))
        && stands_alone (scan, i, k) && stands_alone (scan, k + 1, j))
      {
        read_span (scan, i, k, FALSE);
        read_span (scan, k + 1, j, FALSE);
        return TRUE;
      }
  return FALSE;
}

static void
read_span_once (Scan     *scan,
                guint     i,
                guint     j,
                gboolean  person)
{
  const NfLexEntry *entry = lookup_span (scan, i, j);
  guint name_start;

  if (entry != NULL)
    {
      add_lexicon_mention (scan, entry, i, j);
      return;
    }
  if (read_government (scan, i, j))
    return;
  if (split_company (scan, i, j) || strip_titles (scan, i, j))
    return;
  if (is_title_only (scan, i, j))
    {
      /* "Dean, a medical doctor": a title word alone may be the surname
       * of someone named before; merge_single() keeps it only then */
      if (j - i == 1 && !(tok (scan, i)->flags & NF_WORD_ALLCAPS))
        add_mention (scan, MENTION_SINGLE, i, j)->surname_only = TRUE;
      return;
    }
  if (split_person_and (scan, i, j))
    return;
  if (split_title (scan, i, j, &name_start))
    {
      Mention *m;
      const char *text = scan->text;
      guint name_end;

      add_role_places (scan, i, name_start);
      guint rest = j;

      /* "President Obama and Hillary Clinton": the title is Obama's only */
      for (guint k = name_start + 1; k + 1 < j && rest == j; k++)
        if (tok_is (scan, k, "and") || tok_is (scan, k, "&"))
          rest = k;
      name_end = name_end_before_place (scan, name_start, rest);
      if (name_end - name_start == 1)
        m = add_mention (scan, MENTION_SINGLE, name_start, name_end);
      else
        m = add_mention (scan, MENTION_PERSON, name_start, name_end);
      m->person_cue = TRUE;
      m->titled = TRUE;
      m->role = g_strndup (text + tok (scan, i)->start,
                           tok (scan, name_start - 1)->end - tok (scan, i)->start);
      if (rest < j)
        read_span (scan, rest + 1, j, FALSE);
      return;
    }
  if (split_and (scan, i, j))
    return;
  if (j - i >= 2 && is_place_head (scan, i, j))
    add_mention (scan, MENTION_PLACE, i, j);
  else if (j - i >= 2 && tok_in (scan, j - 1, NF_LEX_SET_OTHER_WORDS))
    add_mention (scan, MENTION_OTHER, i, j);
  else if (j - i >= 2 && has_set (scan, i, j, NF_LEX_SET_ORG_WORDS))
    add_mention (scan, MENTION_ORG, i, j);
  else if (has_set (scan, i, j, NF_LEX_SET_CONNECTORS))
    read_parts (scan, i, j);
  else
    read_mixed (scan, i, j, person);
}

/* Each way of reading a span reads parts of it, so the calls nest no
 * deeper than a name is long; the bound only guards against a rule that
 * would hand a span back unchanged, which would otherwise never end. */
static void
read_span (Scan     *scan,
           guint     i,
           guint     j,
           gboolean  person)
{
  if (scan->span_depth > MAX_NAME_TOKENS + 2)
    return;
  scan->span_depth++;
  read_span_once (scan, i, j, person);
  scan->span_depth--;
}

static gboolean
is_stop_start (Scan  *scan,
               guint  i)
{
  const NfWord *t = tok (scan, i);

  if (t->flags & NF_WORD_ALLCAPS)
    return FALSE;
  return tok_in (scan, i, NF_LEX_SET_STOPWORDS);
}

/* "USD", "GHz", "CEO": currencies, units and abbreviations in capitals
 * that name no one. */
static gboolean
is_unit_code (Scan  *scan,
              guint  i)
{
  static const char * const codes[] = {
    "USD", "EUR", "GBP", "JPY", "CNY", "CAD", "AUD", "CHF", "KRW", "INR",
    "GB", "MB", "KB", "TB", "GHz", "MHz", "TV", "TVs", "LCD", "HD", "DVD",
    "DVDs", "CD", "CDs", "PCs",
    "USB", "GPS", "PC", "OS", "CEO", "C.E.O.", "CFO", "COO", "CTO", "VIP",
    "GDP", "IPO", "AM", "PM", "a.m.", "p.m.", "ID", "OK", "O.K.",
    "GMT", "UTC", "BST", "CET", "EST", "EDT", "CST", "CDT", "PST", "PDT",
    "KST", "JST",
  };
  const NfWord *t = tok (scan, i);
  gsize len = t->end - t->start;

  /* no strlen () per code, and no look at words longer than any code or
   * whose second character is neither a capital nor a dot, as in every
   * code: this runs for every capitalised word */
  if (len < 2 || len > 6
      || !(g_ascii_isupper (scan->text[t->start + 1]) || scan->text[t->start + 1] == '.'))
    return FALSE;
  for (guint c = 0; c < G_N_ELEMENTS (codes); c++)
    if (codes[c][0] == scan->text[t->start]
        && strnlen (codes[c], len + 1) == len
        && memcmp (scan->text + t->start, codes[c], len) == 0)
      return TRUE;
  return FALSE;
}

/* "iTunes Music Store", "iPhone Developer Program": a name that goes on
 * from a product's ("iTunes": lowercase first, a capital inside) is the
 * product's too. */
static gboolean
after_product (Scan  *scan,
               guint  i)
{
  const NfWord *t;

  if (i == 0 || !gap_spaces (scan, i))
    return FALSE;
  t = tok (scan, i - 1);
  if (!g_ascii_islower (scan->text[t->start]))
    return FALSE;
  for (gsize c = t->start + 1; c < t->end; c++)
    if (g_ascii_isupper (scan->text[c]))
      return TRUE;
  return FALSE;
}

static gboolean
is_gerund (Scan  *scan,
           guint  i)
{
  const NfWord *t = tok (scan, i);

  return t->end - t->start > 5 && !(t->flags & NF_WORD_ALLCAPS)
         && strncmp (scan->text + t->end - 3, "ing", 3) == 0
         && !tok_in (scan, i, NF_LEX_SET_GIVEN_NAMES);
}

static gboolean
is_describing_start (Scan  *scan,
                     guint  i)
{
  static const char * const words[] = {
    "former", "senior", "late", "veteran", "ex", "then",
  };

  return tok_is_any (scan, i, words, G_N_ELEMENTS (words));
}

/* Trims a chunk [i, j) and reads it. */
static void
read_chunk (Scan  *scan,
            guint  i,
            guint  j)
{
  gboolean person = FALSE;
  const NfLexEntry *entry = NULL;

  /* "The", "During" go; "New" stays in "New York" */
  while (i < j && is_stop_start (scan, i) && longest_lexicon (scan, i, j, &entry) == 0)
    i++;
  /* "Former WorldCom chief", "Senior Labour MPs": a word that describes
   * what follows goes, unless a title follows ("Former President Bush") */
  while (j - i >= 2 && is_describing_start (scan, i) && !is_title_word (scan, i + 1))
    i++;
  /* "USD" alone, "Sony TV"; but "PC Pro" is a magazine's name */
  while (j > i && is_unit_code (scan, j - 1))
    j--;
  /* "Injecting Clinton into …": a verb's -ing form opening the sentence */
  if (j - i >= 2 && (tok (scan, i)->flags & NF_WORD_SENT_START)
      && is_gerund (scan, i) && longest_lexicon (scan, i, j, &entry) == 0)
    i++;
  while (i < j && tok_in (scan, i, NF_LEX_SET_HONORIFICS))
    {
      person = TRUE;
      i++;
    }
  while (j > i && tok_in (scan, j - 1, NF_LEX_SET_CONNECTORS))
    j--;
  if (i < j && after_product (scan, i) && lookup_span (scan, i, j) == NULL)
    add_mention (scan, MENTION_OTHER, i, j);
  else if (i < j)
    read_span (scan, i, j, person);
}

static gboolean
only_spaces (const char *text,
             gsize       from,
             gsize       to)
{
  if (to - from > 2)
    return FALSE;
  for (gsize p = from; p < to; p++)
    if (text[p] != ' ')
      return FALSE;
  return TRUE;
}

/* Where the chunk that starts at @i ends. */
static guint
chunk_end (Scan  *scan,
           guint  i)
{
  guint j = i + 1, n = scan->tokens->len;

  while (j < n && j - i < MAX_NAME_TOKENS)
    {
      const NfWord *prev = tok (scan, j - 1);

      if ((prev->flags & NF_WORD_POSS)
          || !only_spaces (scan->text, prev->next, tok (scan, j)->start)
          || (tok (scan, j)->flags & NF_WORD_SENT_START))
        break;
      if (tok (scan, j)->flags & NF_WORD_CAP)
        j++;
      else if (j + 1 < n && !(tok (scan, j)->flags & NF_WORD_POSS)
               && (tok (scan, j + 1)->flags & NF_WORD_CAP)
               && tok_in (scan, j, NF_LEX_SET_CONNECTORS)
               && only_spaces (scan->text, tok (scan, j)->next,
                               tok (scan, j + 1)->start))
        j += 2;
      else
        break;
    }
  return j;
}

/* "the Korean side" stands for the country. */
static void
read_side (Scan  *scan,
           guint  i)
{
  const NfLexEntry *entry = lookup_span (scan, i, i + 1);

  if (entry != NULL && entry->role == NF_LEX_DEMONYM
      && i + 1 < scan->tokens->len && tok_is (scan, i + 1, "side"))
    {
      Mention *m = add_mention (scan, MENTION_SIDE, i, i + 2);

      m->entry = entry;
    }
}

/* Do the letters of @short_form spell the capitalised words of
 * @long_form ("U.S." gives both its letters)? */
static gboolean
initials_match (const char *long_form,
                const char *short_form)
{
  GString *initials = g_string_new (NULL);
  g_auto(GStrv) words = g_strsplit_set (long_form, " -", -1);
  gboolean match;
  const char *s;
  gsize n = 0;

  for (guint i = 0; words[i] != NULL; i++)
    {
      const char *w = words[i];

      if (!g_ascii_isupper (*w))
        continue;
      if (strchr (w, '.') != NULL)
        for (const char *c = w; *c; c++)
          {
            if (g_ascii_isupper (*c))
              g_string_append_c (initials, *c);
          }
      else
        g_string_append_c (initials, *w);
    }
  for (s = short_form; *s; s++)
    if (g_ascii_isalpha (*s))
      {
        if (n >= initials->len || initials->str[n] != g_ascii_toupper (*s))
          break;
        n++;
      }
  match = *s == '\0' && n == initials->len && n >= 2;
  g_string_free (initials, TRUE);
  return match;
}

/* "Singapore Airlines (SIA)": each letter of the short form found in
 * order in the long one, the first opening its first word and the last
 * in its last word; the letters read backwards, as each may sit inside a
 * word. */
static gboolean
letters_match (const char *long_form,
               const char *short_form)
{
  gssize l = (gssize) strlen (long_form) - 1;
  gssize s = (gssize) strlen (short_form) - 1;
  const char *last_word = strrchr (long_form, ' ');
  guint n = 0;

  if (s < 1 || s > 5 || last_word == NULL)
    return FALSE;
  for (; s >= 0; s--)
    {
      char c = g_ascii_tolower (short_form[s]);

      if (!g_ascii_isalpha (c))
        continue;
      while (l >= 0 && (g_ascii_tolower (long_form[l]) != c
                        || (s == 0 && l > 0 && long_form[l - 1] != ' ')))
        l--;
      if (l < 0 || (n++ == 0 && long_form + l < last_word))
        return FALSE;
      l--;
    }
  return l < 0 || strchr (long_form, ' ') > long_form + l + 1;
}

/* "Special Measures Agreement (SMA)": the chunk just read, then a
 * parenthesised capital word that spells its initials. */
static void
check_definition (Scan  *scan,
                  guint  j)
{
  const Mention *m = &g_array_index (scan->mentions, Mention,
                                     scan->mentions->len - 1);
  const NfWord *last = tok (scan, j - 1), *abbr;
  g_autofree char *long_form = NULL;
  g_autofree char *short_form = NULL;
  gsize p = last->next;

  if (j >= scan->tokens->len || m->end != last->end
      || m->type == MENTION_SINGLE || m->type == MENTION_SIDE)
    return;
  abbr = tok (scan, j);
  if (!(abbr->flags & NF_WORD_ALLCAPS) || abbr->end >= scan->article->text_len
      || scan->text[abbr->end] != ')')
    return;
  while (p < abbr->start && scan->text[p] == ' ')
    p++;
  if (p + 1 != abbr->start || scan->text[p] != '(')
    return;
  long_form = g_strndup (scan->text + m->start, m->end - m->start);
  short_form = g_strndup (scan->text + abbr->start, abbr->end - abbr->start);
  if (!(initials_match (long_form, short_form)
        || letters_match (long_form, short_form))
      || g_hash_table_contains (scan->defined, short_form))
    return;
  g_ptr_array_add (scan->article->acronyms,
                   nf_acronym_new (short_form, long_form));
  g_hash_table_insert (scan->defined, g_steal_pointer (&short_form),
                       GUINT_TO_POINTER (scan->mentions->len));
}

/* "Everett, Washington", "Toulouse, France": a place named with the
 * state or country it lies in; the chunk [i, j) just read gave mention
 * @n as the listed state, right after ", " and the town. */
static void
check_qualifier (Scan  *scan,
                 guint  n,
                 guint  i,
                 guint  j)
{
  Mention *m = &g_array_index (scan->mentions, Mention, n), *town;
  const NfWord *last = tok (scan, j - 1);

  if (n == 0 || scan->mentions->len != n + 1 || m->type != MENTION_LEXICON
      || m->entry->group->kind != NF_ENTITY_PLACE || m->possessive
      || m->start != tok (scan, i)->start || m->end != last->end
      || (j < scan->tokens->len && is_title_word (scan, j)))
    return;
  town = &g_array_index (scan->mentions, Mention, n - 1);
  if (town->end + 2 != m->start || strncmp (scan->text + town->end, ", ", 2) != 0
      || town->titled || town->person_cue || town->possessive
      || !(town->type == MENTION_SINGLE || town->type == MENTION_PERSON
           || (town->type == MENTION_LEXICON
               && town->entry->group->kind == NF_ENTITY_PLACE
               && town->entry->group != m->entry->group)))
    return;
  if (town->type == MENTION_PERSON)
    town->type = MENTION_PLACE;
  town->locative = TRUE;
  town->qualified_end = m->end;
  m->qualifier = TRUE;
}

/* "I'm", "We're", "Don't": a contraction opening a sentence is no name. */
static gboolean
is_contraction (Scan  *scan,
                guint  k)
{
  static const char * const endings[] = {
    "'m", "'re", "'ve", "'ll", "'d", "n't",
    /* the same with the right single quotation mark, U+2019 */
    "\xE2\x80\x99" "m", "\xE2\x80\x99" "re", "\xE2\x80\x99" "ve",
    "\xE2\x80\x99" "ll", "\xE2\x80\x99" "d", "n\xE2\x80\x99" "t",
  };
  const NfWord *t = tok (scan, k);
  gsize len = t->end - t->start;

  /* most words hold no apostrophe: one look at their bytes answers */
  if (memchr (scan->text + t->start, '\'', len) == NULL
      && memchr (scan->text + t->start, 0xE2, len) == NULL)
    return FALSE;
  for (guint e = 0; e < G_N_ELEMENTS (endings); e++)
    {
      gsize n = strlen (endings[e]);

      if (len > n && memcmp (scan->text + t->end - n, endings[e], n) == 0)
        return TRUE;
    }
  return FALSE;
}

/* Names come back: a word already noted is neither copied nor added. */
static void
note_cap_inside (Scan         *scan,
                 const NfWord *t)
{
  char buf[64];
  gsize len = t->end - t->start;

  if (len < sizeof buf)
    {
      memcpy (buf, scan->text + t->start, len);
      buf[len] = '\0';
      if (g_hash_table_contains (scan->cap_inside, buf))
        return;
    }
  g_hash_table_add (scan->cap_inside,
                    g_string_chunk_insert_len (scan->cap_words,
                                               scan->text + t->start, len));
}

static void
scan_block (Scan        *scan,
            const NfBlock *block)
{
  guint i = 0, n_before;

  g_array_set_size (scan->tokens, 0);
  _nf_words_scan (scan->text, block->start, block->end, scan->tokens);
  while (i < scan->tokens->len)
    {
      const NfWord *t = tok (scan, i);
      guint j;

      if (!(t->flags & NF_WORD_CAP) || is_contraction (scan, i))
        {
          i++;
          continue;
        }
      if (!(t->flags & NF_WORD_SENT_START))
        note_cap_inside (scan, t);
      read_side (scan, i);
      j = chunk_end (scan, i);
      n_before = scan->mentions->len;
      read_chunk (scan, i, j);
      if (scan->mentions->len > n_before)
        {
          check_definition (scan, j);
          check_qualifier (scan, n_before, i, j);
        }
      i = j;
    }
}

static void
building_free (Building *b)
{
  g_free (b->fixed_name);
  g_free (b->role);
  g_ptr_array_unref (b->surfaces);
  if (b->spans != NULL)
    g_array_unref (b->spans);
  g_free (b);
}

static Building *
building_get (Scan         *scan,
              const char   *key,
              NfEntityKind  kind)
{
  Building *b = g_hash_table_lookup (scan->by_key, key);

  if (b == NULL)
    {
      b = g_new0 (Building, 1);
      b->kind = kind;
      /* room for a few mentions: most entities have no more */
      b->surfaces = g_ptr_array_sized_new (4);
      b->spans = g_array_sized_new (FALSE, FALSE, sizeof (NfSpan), 4);
      b->first = G_MAXSIZE;
      /* the keys live as long as the scan: one chunk, freed at once */
      g_hash_table_insert (scan->by_key,
                           g_string_chunk_insert (scan->cap_words, key), b);
    }
  return b;
}

static void
building_add (Scan          *scan,
              Building      *b,
              const Mention *m,
              gsize          end)
{
  NfSpan span = { m->start, end };
  const char *surface = scan->text + m->start;
  gsize len = end - m->start;
  gboolean seen = FALSE;

  g_array_append_val (b->spans, span);
  ((Mention *) m)->building = b;
  b->first = MIN (b->first, m->start);
  /* Most mentions repeat a surface already kept: no copy for those. */
  for (guint i = 0; i < b->surfaces->len && !seen; i++)
    {
      const char *old = g_ptr_array_index (b->surfaces, i);

      seen = strncmp (old, surface, len) == 0 && old[len] == '\0';
    }
  if (!seen)
    g_ptr_array_add (b->surfaces,
                     g_string_chunk_insert_len (scan->cap_words, surface, len));
  if (b->role == NULL && m->role != NULL)
    b->role = g_strdup (m->role);
  b->evidence |= m->titled;
}

/* A name key: lowercased, "U.S." and "US" alike, no leading "the". */
static char *
name_key (const char *prefix,
          const char *text,
          gsize       len)
{
  /* one allocation of the longest key, filled in place: a key is made
   * for every mention, so no GString growing a byte at a time */
  gsize prefix_len = strlen (prefix);
  char *key = g_malloc (prefix_len + len + 1);
  char *out = key + prefix_len;

  memcpy (key, prefix, prefix_len);
  for (gsize i = 0; i < len; i++)
    if (text[i] != '.')
      *out++ = g_ascii_tolower (text[i]);
  *out = '\0';
  return key;
}

/* "group:0x…", as "%p" prints the address, without printf. */
static char *
group_key (const NfLexGroup *group)
{
  char buf[2 * sizeof (guintptr) + 9] = "group:0x";
  char digits[2 * sizeof (guintptr)];
  guintptr v = (guintptr) group;
  guint n = 0, k = 8;

  do
    {
      digits[n++] = "0123456789abcdef"[v & 15];
      v >>= 4;
    }
  while (v != 0);
  while (n > 0)
    buf[k++] = digits[--n];
  buf[k] = '\0';
  return g_strdup (buf);
}

/* "Gerald Ford", not "Kent County Republican": a person's name proper. */
static gboolean
starts_with_given_name (const char *name)
{
  const char *space = strchr (name, ' ');

  return space != NULL
         && _nf_lexicon_has (NF_LEX_SET_GIVEN_NAMES, name, space - name);
}

static void remember_word (Scan *scan, const char *word, gsize len,
                           Building *b);

static void
merge_lexicon (Scan    *scan,
               Mention *m)
{
  const NfLexGroup *group = m->entry->group;
  g_autofree char *key = NULL;
  Building *b;

  /* "Ford" after "Gerald Ford" is the man, not the carmaker */
  if (m->n_tokens == 1 && group->kind == NF_ENTITY_ORGANIZATION)
    {
      g_autofree char *word = g_strndup (scan->text + m->start, m->end - m->start);

      b = g_hash_table_lookup (scan->surnames, word);
      if (b != NULL && b->kind == NF_ENTITY_PERSON && b->role != NULL
          && starts_with_given_name (g_ptr_array_index (b->surfaces, 0)))
        {
          building_add (scan, b, m, m->end);
          return;
        }
    }
  if (m->entry->role == NF_LEX_CAPITAL
      && (m->qualifier || !g_hash_table_contains (scan->metonyms, group)))
    {
      key = name_key ("city:", m->entry->form, strlen (m->entry->form));
      b = building_get (scan, key, NF_ENTITY_PLACE);
      if (b->fixed_name == NULL)
        b->fixed_name = g_strdup (m->entry->form);
    }
  else
    {
      key = group_key (group);
      b = building_get (scan, key, group->kind);
      b->group = group;
      if (b->fixed_name == NULL && group->kind == NF_ENTITY_PLACE)
        b->fixed_name = g_strdup (group->name);
    }
  building_add (scan, b, m, m->end);
  /* "Lockheed" alone is "Lockheed Martin" */
  if (group->kind == NF_ENTITY_ORGANIZATION && m->n_tokens > 1)
    {
      const char *text = scan->text + m->start;
      const char *space = memchr (text, ' ', m->end - m->start);

      if (space != NULL
          && !_nf_lexicon_has (NF_LEX_SET_ORG_WORDS, text, space - text)
          && !_nf_lexicon_has (NF_LEX_SET_STOPWORDS, text, space - text))
        remember_word (scan, text, space - text, b);
    }
}

/* First and last word of a person's name: "Donald J. Trump" = "Donald Trump". */
static char *
person_key (const char *text,
            gsize       start,
            gsize       end)
{
  gsize first_end = start, last_start = end;
  gsize first_len, last_len;
  char *key;

  while (first_end < end && text[first_end] != ' ')
    first_end++;
  while (last_start > start && text[last_start - 1] != ' ')
    last_start--;
  first_len = first_end - start;
  last_len = end - last_start;
  /* "person:First Last", built without printf */
  key = g_malloc (7 + first_len + 1 + last_len + 1);
  memcpy (key, "person:", 7);
  memcpy (key + 7, text + start, first_len);
  key[7 + first_len] = ' ';
  memcpy (key + 8 + first_len, text + last_start, last_len);
  key[8 + first_len + last_len] = '\0';
  return key;
}

static void
remember_word (Scan       *scan,
               const char *word,
               gsize       len,
               Building   *b)
{
  char *key = g_string_chunk_insert_len (scan->cap_words, word, len);

  if (!g_hash_table_contains (scan->surnames, key))
    g_hash_table_insert (scan->surnames, key, b);
}

/* "Marc Knapper, deputy assistant secretary of state, said": a phrase
 * after a comma with a title word among its first words. */
char *
_nf_apposition_role (const char *text,
                     gsize       pos,
                     gsize       len)
{
  gsize start, end;
  guint words = 0;
  gboolean titled = FALSE;

  if (pos + 2 >= len || text[pos] != ',' || text[pos + 1] != ' '
      || !g_ascii_islower (text[pos + 2]))
    return NULL;
  start = pos + 2;
  for (end = start; end < len && !strchr (",.;:()\"\n", text[end]); end++)
    if (end == start || text[end - 1] == ' ')
      {
        gsize w = end;

        while (w < len && (g_ascii_isalpha (text[w]) || text[w] == '-'))
          w++;
        if (words++ < 4 && _nf_lexicon_has (NF_LEX_SET_TITLES, text + end, w - end))
          titled = TRUE;
        if (w - end == 3 && strncmp (text + end, "who", 3) == 0)
          break;
      }
  if (!titled || end >= len || text[end] != ',' || words > 14)
    return NULL;
  if (strncmp (text + start, "the ", 4) == 0)
    start += 4;
  else if (strncmp (text + start, "a ", 2) == 0)
    start += 2;
  else if (strncmp (text + start, "an ", 3) == 0)
    start += 3;
  return g_strndup (text + start, end - start);
}

static Building ambiguous_first;

/* "Apple" after "Apple Computer", "Hillary" after "Hillary Clinton": the
 * first word of a name, when no other name begins with it. */
static void
remember_first (Scan       *scan,
                const char *text,
                gsize       start,
                gsize       end,
                Building   *b)
{
  const char *space = memchr (text + start, ' ', end - start);
  char *key;
  Building *had;

  if (space == NULL)
    return;
  key = g_string_chunk_insert_len (scan->cap_words, text + start,
                                   space - (text + start));
  had = g_hash_table_lookup (scan->first_words, key);
  if (had == NULL)
    g_hash_table_insert (scan->first_words, key, b);
  else if (had != b)
    g_hash_table_replace (scan->first_words, key, &ambiguous_first);
}

static void
merge_person (Scan    *scan,
              Mention *m)
{
  g_autofree char *key = person_key (scan->text, m->start, m->end);
  Building *b = building_get (scan, key, NF_ENTITY_PERSON);
  gsize last = m->end;

  remember_first (scan, scan->text, m->start, m->end, b);

  building_add (scan, b, m, m->end);
  if (b->role == NULL)
    b->role = _nf_apposition_role (scan->text, m->next_end, scan->article->text_len);
  b->evidence |= b->role != NULL;
  while (last > m->start && scan->text[last - 1] != ' ')
    last--;
  remember_word (scan, scan->text + last, m->end - last, b);
}

static void
merge_named (Scan         *scan,
             Mention      *m,
             NfEntityKind  kind)
{
  const char *text = scan->text + m->start, *first_end;
  gsize len = m->end - m->start;
  g_autofree char *key = NULL;
  Building *b;

  if (len > 4 && g_ascii_strncasecmp (text, "the ", 4) == 0)
    {
      text += 4;
      len -= 4;
    }
  key = name_key ("name:", text, len);
  b = building_get (scan, key, kind);
  building_add (scan, b, m, m->end);
  /* "Northrop" alone is "Northrop Grumman" */
  first_end = memchr (text, ' ', len);
  if (kind == NF_ENTITY_ORGANIZATION && first_end != NULL
      && !_nf_lexicon_has (NF_LEX_SET_ORG_WORDS, text, first_end - text)
      && !_nf_lexicon_has (NF_LEX_SET_TITLE_MODIFIERS, text, first_end - text)
      && !_nf_lexicon_has (NF_LEX_SET_STOPWORDS, text, first_end - text))
    remember_word (scan, text, first_end - text, b);
}

static gboolean
tok_word_in (const char *word,
             NfLexSet    set)
{
  return _nf_lexicon_has (set, word, strlen (word));
}

/* One capitalised word: an acronym defined earlier, a person's surname or
 * given name, or a name of its own. */
static void
merge_single (Scan    *scan,
              Mention *m)
{
  g_autofree char *word = g_strndup (scan->text + m->start, m->end - m->start);
  guint defined = GPOINTER_TO_UINT (g_hash_table_lookup (scan->defined, word));
  Building *b = NULL;
  NfEntityKind kind = NF_ENTITY_ORGANIZATION;
  g_autofree char *key = NULL;

  if (defined > 0)
    b = g_array_index (scan->mentions, Mention, defined - 1).building;
  if (b == NULL)
    {
      b = g_hash_table_lookup (scan->surnames, word);
      /* "Jonny Wilkinson … Wilkinson said": a name met again by its last
       * word, as a speaker, is a person's (a body is called by its first:
       * "Goldman") */
      if (b != NULL && b->kind == NF_ENTITY_PERSON && m->person_cue)
        b->evidence = TRUE;
    }
  /* a first word alone: the body's short name ("Apple"), or a person's
   * given name ("Hillary") */
  if (b == NULL && !m->surname_only)
    {
      b = g_hash_table_lookup (scan->first_words, word);
      if (b == &ambiguous_first
          || (b != NULL && b->evidence
              && !tok_word_in (word, NF_LEX_SET_GIVEN_NAMES)))
        b = NULL;
    }
  if (b != NULL && (!m->surname_only || b->kind == NF_ENTITY_PERSON))
    {
      building_add (scan, b, m, m->end);
      return;
    }
  if (m->surname_only)
    return;
  if (m->person_cue && !m->allcaps && !m->org_cue)
    kind = NF_ENTITY_PERSON;
  else if (m->sent_start && !m->allcaps && !m->org_cue
           && !g_hash_table_contains (scan->cap_inside, word))
    return;
  else if (m->locative && !m->org_cue)
    kind = NF_ENTITY_PLACE;
  key = name_key (kind == NF_ENTITY_PERSON ? "person:" : "name:", word,
                  strlen (word));
  b = building_get (scan, key, kind);
  b->lone = b->spans->len == 0 ? kind == NF_ENTITY_ORGANIZATION && !m->allcaps
                                 && !m->org_cue
                               : b->lone && kind == NF_ENTITY_ORGANIZATION
                                 && !m->org_cue;
  building_add (scan, b, m, m->end);
  if (kind == NF_ENTITY_PERSON && b->role == NULL)
    b->role = _nf_apposition_role (scan->text, m->next_end, scan->article->text_len);
}

static const char *best_surface (const Building *b);

/* "Everett, Washington" is another name of Everett. */
static void
add_qualified_names (Scan *scan)
{
  for (guint i = 0; i < scan->mentions->len; i++)
    {
      const Mention *m = &g_array_index (scan->mentions, Mention, i);
      Building *b = m->building;

      if (m->qualified_end == 0 || b == NULL || b->kind != NF_ENTITY_PLACE)
        continue;
      if (b->fixed_name == NULL)
        b->fixed_name = g_strdup (best_surface (b));
      g_ptr_array_add (b->surfaces,
                       g_string_chunk_insert_len (scan->cap_words,
                                                  scan->text + m->start,
                                                  m->qualified_end - m->start));
    }
}

/* The kind a mention already has, for its neighbours in a list. */
static NfEntityKind
mention_kind (const Mention *m)
{
  if (m->type == MENTION_LEXICON)
    return m->entry->role == NF_LEX_CAPITAL ? NF_ENTITY_PLACE
                                            : m->entry->group->kind;
  if (m->type == MENTION_ORG || (m->type == MENTION_SINGLE && m->org_cue))
    return NF_ENTITY_ORGANIZATION;
  if (m->type == MENTION_SINGLE && m->locative)
    return NF_ENTITY_PLACE;
  return NF_ENTITY_OTHER;
}

/* Only ", ", " and ", ", and ", " or " between two mentions. */
static gboolean
listed_together (Scan          *scan,
                 const Mention *a,
                 const Mention *b)
{
  static const char * const seps[] = { ", ", " and ", ", and ", " or ",
                                       ", or ", " & " };
  gsize len;

  if (b->start < a->next_end || a->next_end != a->end)
    return FALSE;
  len = b->start - a->end;
  for (guint i = 0; i < G_N_ELEMENTS (seps); i++)
    if (strlen (seps[i]) == len
        && strncmp (scan->text + a->end, seps[i], len) == 0)
      return TRUE;
  return FALSE;
}

/* "Chrysler, Ford, and General Motors": one word listed with bodies is
 * a body. */
static void
note_lists (Scan *scan)
{
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < scan->mentions->len; i++)
      {
        Mention *m = &g_array_index (scan->mentions, Mention, i);

        /* not "Additionally, Toyota", nor "St." cut from "St. Louis" */
        if (m->type != MENTION_SINGLE || m->org_cue
            || m->titled || m->surname_only || m->sent_start
            || scan->text[m->end] == '.')
          continue;
        for (int d = -1; d <= 1; d += 2)
          {
            const Mention *o;
            NfEntityKind kind;

            if ((d < 0 && i == 0) || (d > 0 && i + 1 >= scan->mentions->len))
              continue;
            o = &g_array_index (scan->mentions, Mention, i + d);
            if (!(d < 0 ? listed_together (scan, o, m)
                        : listed_together (scan, m, o)))
              continue;
            /* places are listed with people too ("Ferguson and Brown") */
            kind = mention_kind (o);
            m->org_cue |= kind == NF_ENTITY_ORGANIZATION;
          }
      }
}

static void
merge_mentions (Scan *scan)
{
  note_lists (scan);
  for (guint i = 0; i < scan->mentions->len; i++)
    {
      Mention *m = &g_array_index (scan->mentions, Mention, i);

      if (m->entry != NULL && m->entry->role == NF_LEX_CAPITAL && !m->qualifier
          && (m->possessive || (!m->locative && !m->dateline)))
        g_hash_table_add (scan->metonyms, m->entry->group);
    }
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < scan->mentions->len; i++)
      {
        Mention *m = &g_array_index (scan->mentions, Mention, i);

        if (pass == 0 && (m->type == MENTION_LEXICON || m->type == MENTION_SIDE))
          merge_lexicon (scan, m);
        else if (pass == 0 && m->type == MENTION_PERSON)
          merge_person (scan, m);
        else if (pass == 0 && m->type == MENTION_ORG)
          merge_named (scan, m, NF_ENTITY_ORGANIZATION);
        else if (pass == 0 && m->type == MENTION_OTHER)
          merge_named (scan, m, NF_ENTITY_OTHER);
        else if (pass == 0 && m->type == MENTION_PLACE)
          merge_named (scan, m, NF_ENTITY_PLACE);
        else if (pass == 1 && m->type == MENTION_SINGLE)
          merge_single (scan, m);
      }
  add_qualified_names (scan);
}

/* The longest printed name; for people the one with most words. */
static const char *
best_surface (const Building *b)
{
  const char *best = NULL;
  guint best_words = 0;

  for (guint i = 0; i < b->surfaces->len; i++)
    {
      const char *s = g_ptr_array_index (b->surfaces, i);
      guint words = 1;
      gboolean allcaps = TRUE;

      for (const char *c = s; *c; c++)
        {
          words += *c == ' ';
          allcaps &= !g_ascii_islower (*c);
        }
      if (allcaps && b->kind == NF_ENTITY_PERSON)
        continue;
      if (best == NULL || words > best_words
          || (words == best_words && strlen (s) > strlen (best)))
        {
          best = s;
          best_words = words;
        }
    }
  return best != NULL ? best : g_ptr_array_index (b->surfaces, 0);
}

/* "US Forces Korea" is also "U.S. Forces Korea". */
static void
add_us_variants (NfEntity   *entity,
                 const char *name)
{
  static const char * const pairs[][2] = {
    { "U.S. ", "US " }, { "US ", "U.S. " }, { "U.K. ", "UK " }, { "UK ", "U.K. " },
  };

  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    if (g_str_has_prefix (name, pairs[i][0]))
      {
        g_autofree char *v = g_strconcat (pairs[i][1],
                                          name + strlen (pairs[i][0]), NULL);

        nf_entity_add_alias (entity, v);
      }
}

static int
span_compare (gconstpointer a,
              gconstpointer b)
{
  const NfSpan *x = a, *y = b;

  return x->start < y->start ? -1 : x->start > y->start;
}

static NfEntity *
building_to_entity (Building *b)
{
  const char *name = b->fixed_name != NULL ? b->fixed_name : best_surface (b);
  /* a name with nothing to say it is a person's ("Northrop Grumman") */
  NfEntityKind kind = b->kind == NF_ENTITY_PERSON && !b->evidence
                      ? NF_ENTITY_ORGANIZATION : b->kind;

  /* "Christmas", "Nano": a capitalised word met once, with nothing to
   * say what it names, is no organisation we can vouch for */
  if (b->lone && b->spans->len == 1 && kind == NF_ENTITY_ORGANIZATION)
    kind = NF_ENTITY_OTHER;
  NfEntity *entity = nf_entity_new (name, kind);

  for (guint i = 0; i < b->surfaces->len; i++)
    nf_entity_add_alias (entity, g_ptr_array_index (b->surfaces, i));
  if (b->group != NULL)
    {
      nf_entity_add_alias (entity, b->group->name);
      for (guint i = 0; i < b->group->aliases->len; i++)
        nf_entity_add_alias (entity, g_ptr_array_index (b->group->aliases, i));
    }
  if (kind == NF_ENTITY_PERSON && strchr (name, ' ') != NULL)
    nf_entity_add_alias (entity, strrchr (name, ' ') + 1);
  add_us_variants (entity, name);
  entity->role = g_strdup (b->role);
  /* the spans become the mentions: the building is not read again */
  g_array_unref (entity->mentions);
  entity->mentions = g_steal_pointer (&b->spans);
  g_array_sort (entity->mentions, span_compare);
  return entity;
}

static int
building_compare (gconstpointer a,
                  gconstpointer b)
{
  const Building *x = *(Building **) a, *y = *(Building **) b;

  return x->first < y->first ? -1 : x->first > y->first;
}

/* "the department" is the one organisation whose name ends in it; a head
 * that two organisations share stays unattached. */
static void
add_head_anaphora (Scan      *scan,
                   GPtrArray *order)
{
  g_autoptr(GHashTable) owners = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                        g_free, NULL);
  static Building ambiguous;
  GHashTableIter iter;
  gpointer key, value;

  for (guint i = 0; i < order->len; i++)
    {
      Building *b = g_ptr_array_index (order, i);
      const char *head = strrchr (best_surface (b), ' ');
      char *lower;

      if (b->kind != NF_ENTITY_ORGANIZATION || head == NULL)
        continue;
      lower = g_ascii_strdown (head + 1, -1);
      if (!g_hash_table_contains (scan->heads, lower))
        g_free (lower);
      else if (g_hash_table_contains (owners, lower))
        g_hash_table_replace (owners, lower, &ambiguous);
      else
        g_hash_table_insert (owners, lower, b);
    }
  g_hash_table_iter_init (&iter, owners);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Building *b = value;
      GArray *spans = g_hash_table_lookup (scan->heads, key);

      if (b == &ambiguous)
        continue;
      g_array_append_vals (b->spans, spans->data, spans->len);
      g_ptr_array_add (b->surfaces, g_string_chunk_insert (scan->cap_words, key));
    }
}

/* "the department", "a department spokesperson": lowercase organisation
 * words after an article, for add_head_anaphora(). */
static void
note_heads (Scan *scan)
{
  for (guint i = 1; i < scan->tokens->len; i++)
    {
      const NfWord *t = tok (scan, i);
      NfSpan span = { t->start, t->end };
      GArray *spans;
      char *word;

      /* The article first: it is cheaper to test than the word list, and
       * its length cheaper still. */
      if ((t->flags & NF_WORD_CAP) || t[-1].end - t[-1].start > 3
          || !(tok_is (scan, i - 1, "the") || tok_is (scan, i - 1, "a")
               || tok_is (scan, i - 1, "an"))
          || !tok_in (scan, i, NF_LEX_SET_ORG_WORDS))
        continue;
      word = g_ascii_strdown (scan->text + t->start, t->end - t->start);
      spans = g_hash_table_lookup (scan->heads, word);
      if (spans == NULL)
        {
          spans = g_array_new (FALSE, FALSE, sizeof (NfSpan));
          g_hash_table_insert (scan->heads, word, spans);
        }
      else
        g_free (word);
      g_array_append_val (spans, span);
    }
}

/* "WASHINGTON -- …", "SEOUL, May 5 (Yonhap) -- …": capitals at the start
 * of the first body paragraph name where the story was filed. */
static gsize
find_dateline_end (const NfArticle *article)
{
  guint seen = 0;

  for (guint i = 0; i < article->blocks->len && seen < 8; i++)
    {
      const NfBlock *block = &g_array_index (article->blocks, NfBlock, i);
      const char *text = article->text;
      gsize p = block->start, caps_end;

      if (block->kind != NF_BLOCK_BODY)
        continue;
      seen++;
      if (article->dateline != NULL
          && g_ascii_strncasecmp (text + p, article->dateline,
                                  strlen (article->dateline)) == 0)
        return p + strlen (article->dateline);
      while (p < block->end && (g_ascii_isupper (text[p]) || text[p] == ' '
                                || text[p] == '.' || text[p] == '\''))
        p++;
      caps_end = p;
      while (caps_end > block->start && text[caps_end - 1] == ' ')
        caps_end--;
      if (caps_end - block->start >= 3 && p + 1 < block->end
          && (text[p] == ',' || text[p] == '('
              || (text[p] == '-' && text[p + 1] == '-')
              || (guchar) text[p] == 0xE2))
        return caps_end;
    }
  return 0;
}

static void
scan_free (Scan *scan)
{
  _nf_scratch_give (NF_SCRATCH_ENTITY_TOKENS, scan->tokens);
  for (guint i = 0; i < scan->mentions->len; i++)
    g_free (g_array_index (scan->mentions, Mention, i).role);
  _nf_scratch_give (NF_SCRATCH_ENTITY_MENTIONS, scan->mentions);
  g_hash_table_unref (scan->by_key);
  g_hash_table_unref (scan->defined);
  g_hash_table_unref (scan->heads);
  g_hash_table_unref (scan->surnames);
  g_hash_table_unref (scan->first_words);
  g_hash_table_unref (scan->cap_inside);
  g_string_chunk_free (scan->cap_words);
  g_hash_table_unref (scan->metonyms);
}

void
_nf_entities_run (NfArticle *article)
{
  Scan scan = { 0 };
  g_autoptr(GPtrArray) order = NULL;
  GHashTableIter iter;
  gpointer value;

  g_assert (article != NULL);

  scan.article = article;
  scan.text = article->text;
  /* Room for the words of the whole text (about one per six bytes), so
   * that the array is not grown word by word. */
  scan.tokens = _nf_scratch_take (NF_SCRATCH_ENTITY_TOKENS, sizeof (NfWord),
                                  article->text_len / 5 + 16);
  scan.mentions = _nf_scratch_take (NF_SCRATCH_ENTITY_MENTIONS,
                                    sizeof (Mention), 64);
  scan.by_key = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                       (GDestroyNotify) building_free);
  scan.defined = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  scan.heads = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                      (GDestroyNotify) g_array_unref);
  scan.surnames = g_hash_table_new (g_str_hash, g_str_equal);
  scan.first_words = g_hash_table_new (g_str_hash, g_str_equal);
  scan.cap_inside = g_hash_table_new (g_str_hash, g_str_equal);
  scan.cap_words = g_string_chunk_new (1024);
  scan.metonyms = g_hash_table_new (NULL, NULL);
  scan.dateline_end = find_dateline_end (article);

  for (guint i = 0; i < article->blocks->len; i++)
    {
      const NfBlock *block = &g_array_index (article->blocks, NfBlock, i);

      if (block->kind != NF_BLOCK_BODY)
        continue;
      scan_block (&scan, block);
      note_heads (&scan);
    }
  merge_mentions (&scan);

  order = g_ptr_array_new ();
  g_hash_table_iter_init (&iter, scan.by_key);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (order, value);
  g_ptr_array_sort (order, building_compare);
  add_head_anaphora (&scan, order);
  for (guint i = 0; i < order->len; i++)
    g_ptr_array_add (article->entities,
                     building_to_entity (g_ptr_array_index (order, i)));
  scan_free (&scan);
}
