/* nf-quotes.c: direct quotes and who said them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Quotation marks are paired paragraph by paragraph; a paragraph that opens
 * a quote and does not close it goes on in the next paragraph when that one
 * opens with a mark.  Each quote looks for its cue outside the marks: first
 * in the words after the closing mark up to the end of the sentence
 * ('"…," the State Department said'), then in the words before the opening
 * mark ('Knapper said: "…"').  The speaker is the noun phrase beside the
 * verb, read against the entities: a person, an organisation, an unnamed
 * source ("a department spokesperson"), or a pronoun that stands for the
 * latest person who spoke or was named.  A quote with no cue of its own
 * goes on with the speaker before it.  Single words and names in marks are
 * scare quotes or titles, not speech, and are left out.
 */

#define G_LOG_DOMAIN "newsfacts"

#include "config.h"

#include <string.h>

#include "nf-article-private.h"
#include "nf-lexicon-private.h"
#include "nf-pipeline-private.h"

#define MAX_NP_WORDS 9
#define MAX_LOOK_BACK 64
#define MAX_CUE_DELAY 6

/* One stretch of quoted text inside one paragraph. */
typedef struct
{
  guint    block;
  gsize    open;          /* the opening mark */
  gsize    start;         /* the text, without marks or outer spaces */
  gsize    end;
  gsize    after;         /* just past the closing mark (or the block end) */
  gboolean closed;
  guint    chain;         /* pieces of one quote over several paragraphs */
  gboolean scare;
} Piece;

typedef struct
{
  char          *name;
  char          *role;
  NfSpeakerKind  kind;
  char          *verb;
  gsize          pos;     /* where the cue is */
  gboolean       found;
} Speaker;

/* A mention of an entity, for finding names inside a noun phrase. */
typedef struct
{
  gsize           start;
  gsize           end;
  const NfEntity *entity;
  gboolean        subject;   /* the first person named in its sentence */
  gboolean        person;    /* a person, or a body named like one */
  gboolean        body;      /* the latter */
  gboolean        speaks;    /* a cue verb right after it ("McLenney said") */
} Mention;

typedef struct
{
  NfArticle *article;
  const char *text;
  GArray    *pieces;      /* Piece */
  GArray    *mentions;    /* Mention, by start */
  GHashTable *spoke;      /* names of the speakers so far */
  GArray    *tokens;      /* scratch NfWord */
  Speaker   *speakers;    /* one per piece */
  guint      last_person; /* index + 1 of the latest person or unnamed speaker */
  guint      last_any;    /* index + 1 of the latest speaker */
} Quotes;

static guint previous_body (const NfArticle *article,
                            guint            block);
static const Piece *piece (Quotes *q,
                           guint   i);

static int
mention_compare (gconstpointer a,
                 gconstpointer b)
{
  const Mention *x = a, *y = b;

  return x->start < y->start ? -1 : x->start > y->start;
}

/* The index of the sentence holding @pos, or G_MAXUINT. */
static guint
sentence_of (const NfArticle *article,
             gsize            pos)
{
  guint lo = 0, hi = article->sentences->len;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (g_array_index (article->sentences, NfSpan, mid).end <= pos)
        lo = mid + 1;
      else
        hi = mid;
    }
  if (lo < article->sentences->len
      && g_array_index (article->sentences, NfSpan, lo).start <= pos)
    return lo;
  return G_MAXUINT;
}

/* A name filed as a body that reads like a person's ("Bolton", "Sadiq
 * Khan"): one to three capitalised words, none of them an organisation
 * word, a stop word or an acronym, and not a body our lists know.  A "he"
 * or "she" can stand for it. */
static gboolean
reads_as_person (const char *name)
{
  const char *w = name;
  guint words = 0;
  char key[128];

  if (name == NULL || strlen (name) >= sizeof key)
    return FALSE;
  while (*w != '\0')
    {
      const char *end = strchr (w, ' ');
      gsize len = end != NULL ? (gsize) (end - w) : strlen (w);

      if (!g_ascii_isupper (w[0]) || len < 2 || g_ascii_isupper (w[1])
          || _nf_lexicon_has (NF_LEX_SET_ORG_WORDS, w, len)
          || _nf_lexicon_has (NF_LEX_SET_STOPWORDS, w, len)
          || ++words > 3)
        return FALSE;
      w += len;
      while (*w == ' ')
        w++;
    }
  if (words == 0)
    return FALSE;
  _nf_lower_into (name, strlen (name), key, sizeof key);
  return _nf_lexicon_lookup (key) == NULL;
}

/* Every mention of every entity, sorted; the array is sized once. */
static GArray *
index_mentions (const NfArticle *article)
{
  GArray *mentions;
  guint n = 0;

  for (guint i = 0; i < article->entities->len; i++)
    n += ((const NfEntity *) g_ptr_array_index (article->entities, i))->mentions->len;
  mentions = g_array_sized_new (FALSE, FALSE, sizeof (Mention), n);
  g_array_set_size (mentions, n);
  n = 0;
  for (guint i = 0; i < article->entities->len; i++)
    {
      const NfEntity *entity = g_ptr_array_index (article->entities, i);
      gboolean person = entity->kind == NF_ENTITY_PERSON
                        || (entity->kind == NF_ENTITY_ORGANIZATION
                            && reads_as_person (entity->name));

      for (guint j = 0; j < entity->mentions->len; j++)
        {
          const NfSpan *span = &g_array_index (entity->mentions, NfSpan, j);
          Mention m = { span->start, span->end, entity, FALSE, person,
                        entity->kind != NF_ENTITY_PERSON };

          g_array_index (mentions, Mention, n++) = m;
        }
    }
  g_array_sort (mentions, mention_compare);
  return mentions;
}

static gunichar
char_at (const char *text,
         gsize       pos,
         gsize       end)
{
  if (pos >= end)
    return 0;
  if ((guchar) text[pos] < 0x80)
    return (guchar) text[pos];
  return g_utf8_get_char_validated (text + pos, end - pos);
}

static gsize
char_len (const char *text,
          gsize       pos)
{
  guchar b = (guchar) text[pos];

  return b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
}

/* Trims spaces off [*start, *end). */
static void
trim (const char *text,
      gsize      *start,
      gsize      *end)
{
  while (*start < *end && g_ascii_isspace (text[*start]))
    (*start)++;
  while (*end > *start && g_ascii_isspace (text[*end - 1]))
    (*end)--;
}

/* Single words, and names or titles in marks, are not speech. */
static gboolean
is_scare (const char *text,
          gsize       start,
          gsize       end)
{
  guint words = 0, capitalised = 0;
  gboolean in_word = FALSE;

  for (gsize p = start; p < end; p++)
    {
      gboolean space = text[p] == ' ';

      if (!space && !in_word)
        {
          words++;
          if (g_ascii_isupper (text[p]) || g_ascii_isdigit (text[p]))
            capitalised++;
        }
      in_word = !space;
    }
  if (words <= 1)
    return TRUE;
  /* "Game of Thrones": every word but small ones capitalised */
  return words <= 6 && capitalised * 2 > words
         && !strchr (".,!?", text[end - 1]) && capitalised >= words - 2
         && !g_ascii_islower (text[start]);
}

static gboolean
add_piece (Quotes  *q,
           guint    block,
           gsize    open,
           gsize    start,
           gsize    end,
           gsize    after,
           gboolean closed)
{
  Piece piece = { block, open, start, end, after, closed, 0, FALSE };

  trim (q->text, &piece.start, &piece.end);
  if (piece.end <= piece.start)
    return FALSE;
  piece.scare = is_scare (q->text, piece.start, piece.end);
  piece.chain = q->pieces->len;
  g_array_append_val (q->pieces, piece);
  return TRUE;
}

/* Pairs the marks of one paragraph.  A straight mark opens when nothing
 * is open and closes otherwise; curly marks say which they are.  Returns
 * TRUE if the paragraph ends inside a quote. */
/* The first byte from @p that may start a mark: '"' or any byte from
 * 0x80; no other ASCII character is one.  Eight bytes at a time. */
static gsize
skip_to_mark (const char *text,
              gsize       p,
              gsize       end)
{
#if G_BYTE_ORDER == G_LITTLE_ENDIAN && defined (__GNUC__)
  while (p < end && end - p >= 8)
    {
      guint64 x, hit;

      memcpy (&x, text + p, 8);
      hit = (NF_SWAR_IN_RANGE (x & 0x7F7F7F7F7F7F7F7Full, '"', '"') | x)
            & 0x8080808080808080ull;
      if (hit != 0)
        return p + (__builtin_ctzll (hit) >> 3);
      p += 8;
    }
#endif
  while (p < end && (guchar) text[p] < 0x80 && text[p] != '"')
    p++;
  return p;
}

static gboolean
find_pieces (Quotes        *q,
             guint          index,
             const NfBlock *block)
{
  const char *text = q->text;
  gboolean open = FALSE;
  gsize open_at = 0;

  for (gsize p = skip_to_mark (text, block->start, block->end); p < block->end;
       p = skip_to_mark (text, p + char_len (text, p), block->end))
    {
      gunichar c;
      gsize n;

      c = char_at (text, p, block->end);
      n = char_len (text, p);

      if (c == '"' ? !open : (c == 0x201C || c == 0x201E || c == 0x00AB))
        {
          open = TRUE;
          open_at = p;
        }
      else if (open && (c == '"' || c == 0x201D || c == 0x00BB))
        {
          add_piece (q, index, open_at, open_at + char_len (text, open_at), p,
                     p + n, TRUE);
          open = FALSE;
        }
    }
  if (open)
    return add_piece (q, index, open_at, open_at + char_len (text, open_at),
                      block->end, block->end, FALSE);
  return FALSE;
}

static gboolean
opens_with_mark (const char    *text,
                 const NfBlock *block)
{
  return _nf_is_quote_open (char_at (text, block->start, block->end));
}

/* Marks, and quotes that run on over paragraphs.  A piece left open at the
 * end of a paragraph is dropped unless the next paragraph opens with a
 * mark: an unbalanced mark must not swallow the article. */
static void
collect_pieces (Quotes *q)
{
  const NfArticle *article = q->article;
  gboolean pending = FALSE;

  for (guint i = 0; i < article->blocks->len; i++)
    {
      const NfBlock *block = &g_array_index (article->blocks, NfBlock, i);
      gboolean continues = FALSE;
      guint first = q->pieces->len;

      if (block->kind != NF_BLOCK_BODY)
        continue;
      if (pending)
        {
          continues = opens_with_mark (q->text, block);
          if (!continues)
            {
              g_array_remove_index (q->pieces, q->pieces->len - 1);
              first--;
            }
        }
      pending = find_pieces (q, i, block);
      if (continues && first < q->pieces->len)
        g_array_index (q->pieces, Piece, first).chain =
          g_array_index (q->pieces, Piece, first - 1).chain;
    }
  if (pending)
    {
      const Piece *last = &g_array_index (q->pieces, Piece, q->pieces->len - 1);

      if (last->chain == q->pieces->len - 1)
        g_array_remove_index (q->pieces, q->pieces->len - 1);
    }
}

/* The word before the dot at @dot is an initial, "U.S." or "Mr.". */
static gboolean
is_abbreviation (const char *text,
                 gsize       from,
                 gsize       dot)
{
  gsize w = dot;

  while (w > from && (g_ascii_isalpha (text[w - 1]) || text[w - 1] == '.'))
    w--;
  if (dot - w == 1 || memchr (text + w, '.', dot - w) != NULL)
    return TRUE;
  return _nf_lexicon_has (NF_LEX_SET_HONORIFICS, text + w, dot - w + 1)
         || _nf_lexicon_has (NF_LEX_SET_TITLES, text + w, dot - w + 1);
}

static inline gboolean
is_end_mark (char c)
{
  return c == '.' || c == '!' || c == '?';
}

static gboolean
is_sentence_end (const char *text,
                 gsize       from,
                 gsize       p,
                 gsize       to)
{
  if (!is_end_mark (text[p]))
    return FALSE;
  if (p + 1 < to && text[p + 1] != ' ' && text[p + 1] != '\n')
    return FALSE;
  return text[p] != '.' || !is_abbreviation (text, from, p);
}

/* The end of the sentence that runs on from @from. */
static gsize
sentence_end (const char *text,
              gsize       from,
              gsize       to)
{
  /* the test of the mark inline: most bytes are none */
  for (gsize p = from; p < to; p++)
    if (is_end_mark (text[p]) && is_sentence_end (text, from, p, to))
      return p + 1;
  return to;
}

/* The start of the sentence that ends at @to. */
static gsize
sentence_start (const char *text,
                gsize       from,
                gsize       to)
{
  for (gsize p = to; p > from; p--)
    if (is_end_mark (text[p - 1]) && is_sentence_end (text, from, p - 1, to))
      return p;
  return from;
}

static const NfWord *
tok (Quotes *q,
     guint   i)
{
  return &g_array_index (q->tokens, NfWord, i);
}

static gboolean
tok_in (Quotes   *q,
        guint     i,
        NfLexSet  set)
{
  return _nf_word_in (q->text, &g_array_index (q->tokens, NfWord, i), set);
}

static gboolean
tok_is (Quotes     *q,
        guint       i,
        const char *word)
{
  gsize len = strlen (word);

  return tok (q, i)->end - tok (q, i)->start == len
         && g_ascii_strncasecmp (q->text + tok (q, i)->start, word, len) == 0;
}

static gboolean
gap_is_space (Quotes *q,
              guint   i)
{
  for (gsize p = tok (q, i - 1)->next; p < tok (q, i)->start; p++)
    if (q->text[p] != ' ')
      return FALSE;
  return TRUE;
}

/* "Trump's early-morning tweets", "his remarks", "the claims": a cue
 * word after a determiner or an owner is a noun. */
static gboolean
is_noun_use (Quotes *q,
             guint   i)
{
  static const char * const determiners[] = {
    "the", "a", "an", "his", "her", "their", "its", "my", "our", "your",
    "these", "those",
  };

  if (i == 0)
    return FALSE;
  for (guint k = 0; k < G_N_ELEMENTS (determiners); k++)
    if (tok_is (q, i - 1, determiners[k]))
      return TRUE;
  return (tok (q, i - 1)->flags & NF_WORD_POSS)
         || (i > 1 && (tok (q, i - 2)->flags & NF_WORD_POSS)
             && memchr (q->text + tok (q, i - 1)->start, '-',
                        tok (q, i - 1)->end - tok (q, i - 1)->start) != NULL);
}

/* A cue token in q->tokens: a speech verb, or "according" before "to". */
static gboolean
is_cue (Quotes *q,
        guint   i)
{
  if (tok (q, i)->flags & NF_WORD_CAP)
    return tok_is (q, i, "according") && i + 1 < q->tokens->len
           && tok_is (q, i + 1, "to");
  if (tok_is (q, i, "according"))
    return i + 1 < q->tokens->len && tok_is (q, i + 1, "to");
  return tok_in (q, i, NF_LEX_SET_CUE_VERBS) && !is_noun_use (q, i);
}

static void
speaker_clear (Speaker *s)
{
  g_clear_pointer (&s->name, g_free);
  g_clear_pointer (&s->role, g_free);
  g_clear_pointer (&s->verb, g_free);
  s->kind = NF_SPEAKER_UNKNOWN;
  s->found = FALSE;
}

static void
speaker_copy (Speaker       *to,
              const Speaker *from)
{
  speaker_clear (to);
  to->name = g_strdup (from->name);
  to->role = g_strdup (from->role);
  to->kind = from->kind;
  to->pos = from->pos;
  to->found = from->found;
}

/* The index of the piece whose text holds @pos, or G_MAXUINT. */
static guint
piece_at (Quotes *q,
          gsize   pos)
{
  guint lo = 0, hi = q->pieces->len;

  /* the first piece that ends after @pos */
  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (g_array_index (q->pieces, Piece, mid).end <= pos)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo < q->pieces->len && g_array_index (q->pieces, Piece, lo).start <= pos
         ? lo : G_MAXUINT;
}

static gboolean
inside_piece (Quotes *q,
              gsize   pos)
{
  return piece_at (q, pos) != G_MAXUINT;
}

/* A preposition that opens a phrase set before the subject. */
static gboolean
is_leading_preposition (Quotes *q,
                        guint   i)
{
  static const char * const words[] = {
    "in", "at", "on", "during", "with", "amid", "despite", "following",
    "throughout", "unlike", "like", "for", "from", "without", "under",
  };

  for (guint k = 0; k < G_N_ELEMENTS (words); k++)
    if (tok_is (q, i, words[k]))
      return TRUE;
  return FALSE;
}

/* Where the subject of the sentence [start, end) can begin: past a
 * leading clause ("Asked about Cruz's charges, Rubio said"; "Noting that
 * Reagan …, Schlafly put"), whose names are not the subject. */
static gsize
main_clause_start (Quotes *q,
                   gsize   start,
                   gsize   end)
{
  const NfWord *w;
  const char *comma;
  gsize len;

  g_array_set_size (q->tokens, 0);
  /* only the first word is looked at */
  _nf_words_scan_max (q->text, start, MIN (end, start + 64), q->tokens, 1);
  if (q->tokens->len == 0)
    return start;
  w = tok (q, 0);
  len = w->end - w->start;
  /* "And North Carolina's Ada Fisher, …, said": a coordinator opens the
   * main clause itself */
  if (tok_is (q, 0, "and") || tok_is (q, 0, "but") || tok_is (q, 0, "or")
      || tok_is (q, 0, "so"))
    return start;
  /* "In an interview with Rusty Humphries, Ham made it clear": a
   * leading phrase of place, time or company */
  if (!tok_in (q, 0, NF_LEX_SET_CLAUSE_WORDS) && !is_leading_preposition (q, 0)
      && !(len > 4 && (g_str_has_prefix (q->text + w->end - 3, "ing")
                       || g_str_has_prefix (q->text + w->end - 2, "ed"))))
    return start;
  comma = memchr (q->text + w->end, ',', end - w->end);
  return comma != NULL ? (gsize) (comma - q->text) : start;
}

/* Does a "he" or "she" outside quotes stand in [from, to)?  Then the
 * sentence goes on about someone named before, and the names after it are
 * not its subject ("He said Trump …").  Not "his" or "her", which often
 * point ahead ("In her book, Clinton noted"). */
static gboolean
has_personal_pronoun (Quotes *q,
                      gsize   from,
                      gsize   to)
{
  g_array_set_size (q->tokens, 0);
  _nf_words_scan (q->text, from, to, q->tokens);
  for (guint i = 0; i < q->tokens->len; i++)
    if ((tok_is (q, i, "he") || tok_is (q, i, "she"))
        && !inside_piece (q, tok (q, i)->start))
      return TRUE;
  return FALSE;
}

/* Does a cue verb stand right after the mention ("…, Stovall said.")?
 * Then the sentence reports what that person says, and a later "he" most
 * likely means them. */
static gboolean
next_to_cue (Quotes       *q,
             const Mention *m,
             const NfSpan  *sentence)
{
  guint i = 0;

  /* "…, said Jake Horowitz, editor in chief of Mic.com." */
  g_array_set_size (q->tokens, 0);
  _nf_words_scan (q->text, MAX (sentence->start, m->start > 16 ? m->start - 16 : 0),
                  m->start, q->tokens);
  if (q->tokens->len > 0
      && !(tok (q, q->tokens->len - 1)->flags & NF_WORD_CAP)
      && tok_in (q, q->tokens->len - 1, NF_LEX_SET_CUE_VERBS)
      && m->end < sentence->end && strchr (",.", q->text[m->end]) != NULL)
    return TRUE;
  g_array_set_size (q->tokens, 0);
  /* speed: the words below are read up to q->tokens[3]; scan more if
   * more are read */
  _nf_words_scan_max (q->text, m->end, MIN (sentence->end, m->end + 40),
                      q->tokens, 4);
  /* "Cruz openly admitted", "Reid also said" */
  while (i + 1 < q->tokens->len && i < 2 && !(tok (q, i)->flags & NF_WORD_CAP)
         && (tok_in (q, i, NF_LEX_SET_SPEECH_ADVERBS)
             || g_str_has_prefix (q->text + tok (q, i)->end - 2, "ly")))
    i++;
  return q->tokens->len > i && !(tok (q, i)->flags & NF_WORD_CAP)
         && is_cue (q, i);
}

/* Does a word that opens a clause ("that", "until", "because") stand
 * just before @m? */
static gboolean
after_clause_word (Quotes        *q,
                   gsize          from,
                   const Mention *m)
{
  g_array_set_size (q->tokens, 0);
  _nf_words_scan (q->text, MAX (from, m->start > 24 ? m->start - 24 : 0),
                  m->start, q->tokens);
  return q->tokens->len > 0
         && tok_in (q, q->tokens->len - 1, NF_LEX_SET_CLAUSE_WORDS);
}

/* "Trump's accusation …, Biden said": an owner is not the subject. */
static gboolean
is_possessive (Quotes        *q,
               const Mention *m)
{
  return g_str_has_prefix (q->text + m->end, "'s")
         || g_str_has_prefix (q->text + m->end, "\xe2\x80\x99s");
}

/* Marks the subject of each sentence: the first person named outside
 * quotes in its main clause, unless a personal pronoun comes first; a
 * later "he" most likely means the subject. */
static void
mark_subjects (Quotes *q)
{
  const GArray *sentences = q->article->sentences;
  guint current = G_MAXUINT;
  gsize clause = 0, scanned = 0;
  gboolean done = FALSE;

  for (guint i = 0; i < q->mentions->len; i++)
    {
      Mention *m = &g_array_index (q->mentions, Mention, i);
      guint sentence;

      if (!m->person || inside_piece (q, m->start))
        continue;
      sentence = sentence_of (q->article, m->start);
      if (sentence == G_MAXUINT)
        {
          m->subject = TRUE;
          continue;
        }
      if (sentence != current)
        {
          const NfSpan *span = &g_array_index (sentences, NfSpan, sentence);

          current = sentence;
          done = FALSE;
          clause = main_clause_start (q, span->start, span->end);
          if (m->start <= span->start + 1)
            clause = span->start;
          scanned = clause;
        }
      if (done || m->start < clause || is_possessive (q, m))
        {
          /* "Trump said … until Obama admits": a speaker in a clause
           * under the subject's is not who a later "he" means */
          m->subject = next_to_cue (q, m, &g_array_index (sentences, NfSpan,
                                                          sentence))
                       && !(done && after_clause_word (q, clause, m));
          continue;
        }
      done = TRUE;
      m->subject = scanned >= m->start
                   || !has_personal_pronoun (q, scanned, m->start);
      /* "McLenney said Clinton …": a name that opens the sentence and
       * speaks is someone's, whatever the entities stage made of it */
      m->speaks = m->subject
                  && next_to_cue (q, m, &g_array_index (sentences, NfSpan,
                                                        sentence));
    }
}

/* Can a "he" or "she" stand for @name?  Names with a given name known to
 * be mostly a man's or a woman's say, wherever it stands before the
 * surname ("Vermonter Bernie Sanders"); others fit both. */
static gboolean
fits_pronoun (const char    *name,
              NfPronounKind  pronoun)
{
  NfLexSet other;

  if (name == NULL || (pronoun != NF_PRONOUN_MALE && pronoun != NF_PRONOUN_FEMALE))
    return TRUE;
  other = pronoun == NF_PRONOUN_MALE ? NF_LEX_SET_FEMALE_NAMES
                                     : NF_LEX_SET_MALE_NAMES;
  for (const char *w = name, *space; (space = strchr (w, ' ')) != NULL;
       w = space + 1)
    if (_nf_lexicon_has (other, w, space - w))
      return FALSE;
  return TRUE;
}

/* Is @name one given name of the pronoun's gender ("Melanie" for "she")? */
static gboolean
given_name_of (const char    *name,
               NfPronounKind  pronoun)
{
  if (pronoun != NF_PRONOUN_MALE && pronoun != NF_PRONOUN_FEMALE)
    return FALSE;
  return _nf_lexicon_has (pronoun == NF_PRONOUN_MALE ? NF_LEX_SET_MALE_NAMES
                                                     : NF_LEX_SET_FEMALE_NAMES,
                          name, strlen (name));
}

/* A one-word name filed as a body stands for a person to "he" only once
 * it has spoken ("Bolton said"), or when it is a given name of the
 * pronoun's gender ("Melanie" for "she"): single words like "Compaq" or
 * "Muslims" are met far more often than they speak. */
static gboolean
spoke_before (Quotes        *q,
              const Mention *m,
              NfPronounKind  pronoun)
{
  return strchr (m->entity->name, ' ') != NULL
         || g_hash_table_contains (q->spoke, m->entity->name)
         || given_name_of (m->entity->name, pronoun);
}

/* The latest person named outside quotes before @pos. */
static const Mention *
latest_mention (Quotes        *q,
                gsize          pos,
                NfEntityKind   kind,
                NfPronounKind  pronoun)
{
  guint lo = 0, hi = q->mentions->len, steps = 0;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (g_array_index (q->mentions, Mention, mid).start < pos)
        lo = mid + 1;
      else
        hi = mid;
    }
  /* a bounded look back keeps long articles linear */
  for (guint i = lo; i > 0 && steps < MAX_LOOK_BACK; i--, steps++)
    {
      const Mention *m = &g_array_index (q->mentions, Mention, i - 1);

      if ((kind == NF_ENTITY_PERSON
           ? m->person && (!m->body || m->speaks || spoke_before (q, m, pronoun))
           : m->entity->kind == kind)
          && !inside_piece (q, m->start)
          && (m->subject || kind != NF_ENTITY_PERSON)
          && fits_pronoun (m->entity->name, pronoun))
        return m;
    }
  return NULL;
}

static void
speaker_from_entity (Speaker        *s,
                     const NfEntity *entity,
                     gsize           pos)
{
  s->name = g_strdup (entity->name);
  s->role = g_strdup (entity->role);
  s->kind = entity->kind == NF_ENTITY_PERSON ? NF_SPEAKER_PERSON
                                             : NF_SPEAKER_ORGANIZATION;
  s->pos = pos;
  s->found = TRUE;
}

/* "he" is the latest person who spoke or was named; "they" the latest
 * speaker of any kind. */
static void
resolve_pronoun (Quotes        *q,
                 guint          index,
                 NfPronounKind  kind,
                 gsize          pos,
                 Speaker       *s)
{
  const Speaker *last = NULL;
  const Mention *m;

  if (kind == NF_PRONOUN_ANY)
    last = q->last_any > 0 ? &q->speakers[q->last_any - 1] : NULL;
  else
    for (guint i = index, steps = 0; i > 0 && steps < MAX_LOOK_BACK; i--, steps++)
      {
        const Speaker *prev = &q->speakers[i - 1];

        if (prev->found && (prev->kind == NF_SPEAKER_PERSON
                            || prev->kind == NF_SPEAKER_ANONYMOUS
                            || reads_as_person (prev->name))
            && fits_pronoun (prev->name, kind))
          {
            last = prev;
            break;
          }
      }
  m = latest_mention (q, pos, kind == NF_PRONOUN_ANY ? NF_ENTITY_ORGANIZATION
                                                     : NF_ENTITY_PERSON, kind);
  if (m != NULL && (last == NULL || m->start > last->pos))
    speaker_from_entity (s, m->entity, pos);
  else if (last != NULL)
    {
      speaker_copy (s, last);
      s->pos = pos;
    }
}

static gboolean
is_determiner (Quotes *q,
               guint   i)
{
  return (tok (q, i)->flags & NF_WORD_DIGIT)
         || (!(tok (q, i)->flags & NF_WORD_ALLCAPS)
             && tok_in (q, i, NF_LEX_SET_STOPWORDS)
             && !tok_in (q, i, NF_LEX_SET_CONNECTORS));
}

/* The words of an unnamed source worth printing: "department spokesperson"
 * from "a department spokesperson in Seoul"; NULL unless its head is a
 * source noun ("official", "source", "spokesperson"). */
static char *
anonymous_name (Quotes *q,
                gsize   start,
                gsize   end)
{
  guint first, last;

  g_array_set_size (q->tokens, 0);
  _nf_words_scan (q->text, start, end, q->tokens);
  for (first = 0; first < q->tokens->len; first++)
    if (!tok_is (q, first, "the") && !is_determiner (q, first))
      break;
  for (last = first; last < q->tokens->len; last++)
    if (last > first && !(tok (q, last)->flags & NF_WORD_CAP)
        && (tok_in (q, last, NF_LEX_SET_STOPWORDS)
            || tok_in (q, last, NF_LEX_SET_CONNECTORS)))
      break;
  if (last == first || (tok (q, last - 1)->flags & NF_WORD_CAP)
      || !tok_in (q, last - 1, NF_LEX_SET_ANONYMOUS))
    return NULL;
  return g_strndup (q->text + tok (q, first)->start,
                    tok (q, last - 1)->end - tok (q, first)->start);
}

/* The entity named in [start, end): a person first, then a body, then a
 * place (a country that speaks is its government). */
static const NfEntity *
entity_in (Quotes *q,
           gsize   start,
           gsize   end)
{
  const NfEntity *best = NULL;
  guint lo = 0, hi = q->mentions->len;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (g_array_index (q->mentions, Mention, mid).start < start)
        lo = mid + 1;
      else
        hi = mid;
    }
  for (guint i = lo; i < q->mentions->len; i++)
    {
      const Mention *m = &g_array_index (q->mentions, Mention, i);
      static const int rank[] = {
        [NF_ENTITY_PERSON] = 3, [NF_ENTITY_ORGANIZATION] = 2,
        [NF_ENTITY_PLACE] = 1, [NF_ENTITY_OTHER] = 0,
      };

      if (m->start >= end)
        break;
      if (m->end > end || rank[m->entity->kind] == 0)
        continue;
      if (best == NULL || rank[m->entity->kind] >= rank[best->kind])
        best = m->entity;
    }
  return best;
}

/* Do q->tokens from @first on end like a noun phrase: not with a verb
 * of being, having or mood, a small word or an adverb? */
static gboolean
is_noun_phrase (Quotes *q,
                guint   first)
{
  static const char * const verbs[] = {
    "was", "were", "is", "are", "had", "has", "have", "would", "will",
    "been", "be", "could", "should", "did", "does", "do", "can", "may",
    "might", "must",
  };
  guint last = q->tokens->len - 1;
  const NfWord *w = tok (q, last);

  if (last < first)
    return FALSE;
  for (guint k = 0; k < G_N_ELEMENTS (verbs); k++)
    if (tok_is (q, last, verbs[k]))
      return FALSE;
  return !tok_in (q, last, NF_LEX_SET_STOPWORDS)
         && !tok_in (q, last, NF_LEX_SET_CONNECTORS)
         && !(w->end - w->start > 4 && q->text[w->end - 2] == 'l'
              && q->text[w->end - 1] == 'y');
}

/* No entity and no unnamed source: the words themselves ("the judge",
 * "the newspaper"), without their article. */
static void
speaker_from_words (Quotes  *q,
                    gsize    start,
                    gsize    end,
                    Speaker *s)
{
  guint first = 0;
  gboolean named = TRUE;

  g_array_set_size (q->tokens, 0);
  _nf_words_scan (q->text, start, end, q->tokens);

  guint caps = 0;

  while (first < q->tokens->len && is_determiner (q, first))
    {
      /* "it was too early to": a clause, not a noun phrase */
      if (_nf_lexicon_pronoun (q->text + tok (q, first)->start,
                               tok (q, first)->end - tok (q, first)->start)
          != NF_PRONOUN_NONE)
        return;
      first++;
    }
  if (first < q->tokens->len && tok_is (q, first, "the"))
    first++;
  /* "the authors of the" cut short by a quoted title */
  while (q->tokens->len > first + 1
         && !(tok (q, q->tokens->len - 1)->flags & NF_WORD_CAP)
         && (tok_in (q, q->tokens->len - 1, NF_LEX_SET_STOPWORDS)
             || tok_in (q, q->tokens->len - 1, NF_LEX_SET_CONNECTORS)))
    g_array_set_size (q->tokens, q->tokens->len - 1);
  if (first >= q->tokens->len)
    return;
  for (guint i = first; i < q->tokens->len; i++)
    {
      caps += (tok (q, i)->flags & NF_WORD_CAP) != 0;
      named &= (tok (q, i)->flags & NF_WORD_CAP) != 0
               || tok_in (q, i, NF_LEX_SET_CONNECTORS);
    }
  named &= caps > 0;
  /* "the judge", "his wife", "Breitbart News": a noun phrase, not a
   * stray clause ("returned he began by", "walkouts were either",
   * "efforts of", "typically") */
  if ((first == 0 && !named) || (!named && !is_noun_phrase (q, first)))
    return;
  s->name = g_strndup (q->text + tok (q, first)->start,
                       tok (q, q->tokens->len - 1)->end - tok (q, first)->start);
  s->kind = NF_SPEAKER_UNKNOWN;
  s->pos = start;
  s->found = TRUE;
}

/* A definite description of one person at @start ("the Florida
 * senator", "The GOP presidential candidate", "the former secretary of
 * state"): "the", a few modifiers, a title word; its end in @end. */
static gboolean
description_at (Quotes *q,
                gsize   start,
                gsize   to,
                gsize  *end)
{
  guint head = 0;

  g_array_set_size (q->tokens, 0);
  _nf_words_scan (q->text, start, MIN (to, start + 80), q->tokens);
  if (q->tokens->len < 2 || !tok_is (q, 0, "the"))
    return FALSE;
  for (guint i = 1; i < q->tokens->len && i <= 5; i++)
    {
      if (!gap_is_space (q, i))
        break;
      if (tok_in (q, i, NF_LEX_SET_TITLES) && !(tok (q, i)->flags & NF_WORD_CAP))
        head = i;
      /* "the Wisconsin Republican said", not "the Republican Party" nor
       * "the two Republican presidents" */
      else if ((tok_is (q, i, "republican") || tok_is (q, i, "democrat"))
               && (i + 1 == q->tokens->len || is_cue (q, i + 1)))
        {
          head = i;
          break;
        }
      else if (head > 0 && tok_in (q, i, NF_LEX_SET_TITLE_MODIFIERS))
        continue;
      else if (head > 0 && !tok_is (q, i, "of"))
        break;
    }
  /* "the president of the company": only a title that ends the phrase or
   * comes before "of" and one more word */
  if (head == 0)
    return FALSE;
  *end = tok (q, head)->end;
  return TRUE;
}

/* Does a word of @role name the title @title ("Sen." for "senator")? */
static gboolean
role_has_title (const char *role,
                const char *title)
{
  g_auto(GStrv) words = g_strsplit (role, " ", -1);

  for (guint i = 0; words[i] != NULL; i++)
    {
      gsize len = strlen (words[i]);

      if (len == 0)
        continue;
      if (words[i][len - 1] == '.' && len > 2
          ? g_ascii_strncasecmp (words[i], title, len - 1) == 0
          : g_ascii_strcasecmp (words[i], title) == 0)
        return TRUE;
    }
  return FALSE;
}

/* The person a description stands for: the latest one whose role has
 * its title word ("Florida Sen. Marco Rubio" for "the Florida senator"),
 * else the person named as the subject of the last two sentences; else
 * the description's own words. */
static void
resolve_description (Quotes  *q,
                     guint    index,
                     gsize    start,
                     gsize    end,
                     Speaker *s)
{
  g_autofree char *title = NULL;
  const Mention *m;
  guint here = sentence_of (q->article, start), there;
  gsize t = end;

  while (t > start && q->text[t - 1] != ' ')
    t--;
  title = g_strndup (q->text + t, end - t);
  for (guint i = q->mentions->len, steps = 0; i > 0 && steps < MAX_LOOK_BACK;
       i--, steps++)
    {
      m = &g_array_index (q->mentions, Mention, i - 1);
      if (m->start < start && m->entity->kind == NF_ENTITY_PERSON
          && m->entity->role != NULL && role_has_title (m->entity->role, title))
        {
          speaker_from_entity (s, m->entity, start);
          return;
        }
    }
  m = latest_mention (q, start, NF_ENTITY_PERSON, NF_PRONOUN_PERSON);
  there = m != NULL ? sentence_of (q->article, m->start) : G_MAXUINT;
  if (m != NULL && !m->body && here != G_MAXUINT && there != G_MAXUINT
      && there + 1 >= here)
    {
      speaker_from_entity (s, m->entity, start);
      return;
    }
  speaker_from_words (q, start, end, s);
}

/* Who the noun phrase [start, end) is. */
static void
resolve_np (Quotes  *q,
            guint    index,
            gsize    start,
            gsize    end,
            Speaker *s)
{
  const NfEntity *entity;
  NfPronounKind pronoun;
  char *anonymous;
  gsize description_end;

  trim (q->text, &start, &end);
  if (end <= start)
    return;
  pronoun = _nf_lexicon_pronoun (q->text + start, end - start);
  if (pronoun != NF_PRONOUN_NONE)
    {
      resolve_pronoun (q, index, pronoun, start, s);
      return;
    }
  entity = entity_in (q, start, end);
  if (entity != NULL && entity->kind == NF_ENTITY_PERSON)
    {
      speaker_from_entity (s, entity, start);
      return;
    }
  if (description_at (q, start, end, &description_end)
      && description_end == end)
    {
      resolve_description (q, index, start, end, s);
      if (s->found)
        return;
    }
  anonymous = anonymous_name (q, start, end);
  if (anonymous != NULL)
    {
      s->name = anonymous;
      s->kind = NF_SPEAKER_ANONYMOUS;
      s->pos = start;
      s->found = TRUE;
    }
  else if (entity != NULL)
    speaker_from_entity (s, entity, start);
  else
    speaker_from_words (q, start, end, s);
}

/* Where the subject before the cue starts and ends: "X said", "X, the
 * minister, said" (the role in @role), "after X said". */
static gboolean
left_np (Quotes  *q,
         gsize    from,
         gsize    to,
         gsize   *np_start,
         gsize   *np_end,
         char   **role)
{
  const char *text = q->text;
  gsize end = to, start, comma;

  g_array_set_size (q->tokens, 0);
  _nf_words_scan (text, from, to, q->tokens);
  for (guint i = q->tokens->len; i > 0 && tok_in (q, i - 1, NF_LEX_SET_SPEECH_ADVERBS); i--)
    end = tok (q, i - 1)->start;
  /* "The email goes on to say", "Trump declined to say": the verb that
   * the cue completes is no part of the subject */
  {
    guint n = 0;

    while (n < q->tokens->len && tok (q, n)->end <= end)
      n++;
    if (n > 2 && tok_is (q, n - 1, "to"))
      {
        n -= tok_is (q, n - 2, "on") && n > 3 ? 3 : 2;
        end = tok (q, n)->start;
      }
  }
  trim (text, &from, &end);
  if (end > from && text[end - 1] == ',')
    {
      const char *prev = g_strrstr_len (text + from, end - 1 - from, ",");

      if (prev == NULL)
        return FALSE;
      comma = prev - text;
      *role = _nf_apposition_role (text, comma, end);
      end = comma;
    }
  start = from;
  for (gsize p = end; p > from; p--)
    if (text[p - 1] == ',' || text[p - 1] == ';' || text[p - 1] == ':'
        || ((guchar) text[p - 1] == 0x94 && p >= 3))
      {
        start = p;
        break;
      }
  g_array_set_size (q->tokens, 0);
  _nf_words_scan (text, start, end, q->tokens);
  for (guint i = q->tokens->len; i > 0; i--)
    if (tok_in (q, i - 1, NF_LEX_SET_CLAUSE_WORDS))
      {
        start = tok (q, i - 1)->next;
        break;
      }
  g_array_set_size (q->tokens, 0);
  _nf_words_scan (text, start, end, q->tokens);
  /* "in an interview with RT he blasted", "the statement noted they
   * said": a pronoun just before the verb is its subject */
  if (q->tokens->len > 1
      && _nf_lexicon_pronoun (text + tok (q, q->tokens->len - 1)->start,
                              tok (q, q->tokens->len - 1)->end
                              - tok (q, q->tokens->len - 1)->start)
         != NF_PRONOUN_NONE)
    start = tok (q, q->tokens->len - 1)->start;
  else if (q->tokens->len == 0 || q->tokens->len > MAX_NP_WORDS)
    return FALSE;
  *np_start = start;
  *np_end = end;
  return TRUE;
}

/* "said Marc Knapper, deputy …": the words after the cue up to a comma or a
 * word that cannot be part of a name. */
static gboolean
right_np (Quotes *q,
          gsize   from,
          gsize   to,
          gsize  *np_start,
          gsize  *np_end)
{
  guint i = 0, n;

  g_array_set_size (q->tokens, 0);
  _nf_words_scan (q->text, from, to, q->tokens);
  n = q->tokens->len;
  if (n > 0 && tok_is (q, 0, "to"))
    i = 1;
  if (i >= n)
    return FALSE;
  *np_start = tok (q, i)->start;
  *np_end = tok (q, i)->end;
  if (tok_in (q, i, NF_LEX_SET_CUE_VERBS) || tok_in (q, i, NF_LEX_SET_CLAUSE_WORDS))
    return FALSE;
  for (guint k = i + 1; k < n && k - i < MAX_NP_WORDS; k++)
    {
      if (!gap_is_space (q, k) || tok_in (q, k, NF_LEX_SET_CUE_VERBS)
          || is_determiner (q, k))
        break;
      if (tok_in (q, k, NF_LEX_SET_CONNECTORS) && !tok_is (q, k, "of")
          && !tok_is (q, k, "for") && !tok_is (q, k, "the"))
        break;
      *np_end = tok (q, k)->end;
    }
  return TRUE;
}

/* A "he" or "she" outside quotes in [from, to), resolved into @s. */
static gboolean
subject_pronoun (Quotes  *q,
                 guint    index,
                 gsize    from,
                 gsize    to,
                 Speaker *s)
{
  g_array_set_size (q->tokens, 0);
  _nf_words_scan (q->text, from, to, q->tokens);
  for (guint i = 0; i < q->tokens->len; i++)
    if ((tok_is (q, i, "he") || tok_is (q, i, "she"))
        && !inside_piece (q, tok (q, i)->start))
      {
        gsize at = tok (q, i)->start;

        resolve_pronoun (q, index,
                         _nf_lexicon_pronoun (q->text + at, tok (q, i)->end - at),
                         at, s);
        return s->found;
      }
  return FALSE;
}

/* The subject of the clause [from, to): the first person or body named
 * there outside quotes, or a pronoun that opens it. */
static gboolean
subject_of (Quotes  *q,
            guint    index,
            gsize    from,
            gsize    to,
            Speaker *s)
{
  guint lo = 0, hi = q->mentions->len;
  gsize first_word, description_end;
  NfPronounKind pronoun;

  trim (q->text, &from, &to);
  if (to <= from)
    return FALSE;
  from = MAX (from, main_clause_start (q, from, to));
  trim (q->text, &from, &to);
  /* "The Florida senator sought …, saying": not the place in it */
  if (description_at (q, from, to, &description_end))
    {
      resolve_description (q, index, from, description_end, s);
      if (s->found)
        return TRUE;
    }
  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (g_array_index (q->mentions, Mention, mid).start < from)
        lo = mid + 1;
      else
        hi = mid;
    }
  for (guint i = lo; i < q->mentions->len; i++)
    {
      const Mention *m = &g_array_index (q->mentions, Mention, i);

      if (m->start >= to)
        break;
      if ((m->entity->kind == NF_ENTITY_PERSON
           || m->entity->kind == NF_ENTITY_ORGANIZATION)
          && !inside_piece (q, m->start))
        {
          /* "He commanded the Democratic Party to": he is the subject */
          if (subject_pronoun (q, index, from, m->start, s))
            return TRUE;
          speaker_from_entity (s, m->entity, m->start);
          return TRUE;
        }
    }
  if (subject_pronoun (q, index, from, to, s))
    return TRUE;
  first_word = from;
  while (first_word < to && g_ascii_isalpha (q->text[first_word]))
    first_word++;
  pronoun = _nf_lexicon_pronoun (q->text + from, first_word - from);
  if (pronoun != NF_PRONOUN_NONE && pronoun != NF_PRONOUN_ANY)
    resolve_pronoun (q, index, pronoun, from, s);
  return s->found;
}

/* Where the sentence holding @pos starts. */
static gsize
start_of_sentence (Quotes *q,
                   gsize   pos)
{
  guint i = sentence_of (q->article, pos);

  return i != G_MAXUINT ? g_array_index (q->article->sentences, NfSpan, i).start
                        : pos;
}

/* Does [start, end) end with a word that joins clauses ("and", "but"),
 * maybe before speech adverbs ("and repeatedly says")?  Where it starts
 * in @at. */
static gboolean
is_coordinator (Quotes *q,
                gsize   start,
                gsize   end,
                gsize  *at)
{
  guint n;

  trim (q->text, &start, &end);
  g_array_set_size (q->tokens, 0);
  _nf_words_scan (q->text, start, end, q->tokens);
  for (n = q->tokens->len; n > 1 && tok_in (q, n - 1, NF_LEX_SET_SPEECH_ADVERBS); n--)
    ;
  if (n == 0 || !(tok_is (q, n - 1, "and") || tok_is (q, n - 1, "but")))
    return FALSE;
  *at = tok (q, n - 1)->start;
  return TRUE;
}

/* Does the -ing cue at @cue open a leading clause ("After saying",
 * "Saying" at the start of the sentence)? */
static gboolean
opens_clause (Quotes *q,
              gsize   from,
              gsize   cue)
{
  gsize start = MAX (from, start_of_sentence (q, cue));

  g_array_set_size (q->tokens, 0);
  _nf_words_scan (q->text, start, cue, q->tokens);
  return q->tokens->len == 0
         || (q->tokens->len == 1 && tok_in (q, 0, NF_LEX_SET_CLAUSE_WORDS));
}

/* The subject of the main clause after the leading one that holds @pos:
 * past the first comma outside quotes. */
static void
subject_after_comma (Quotes  *q,
                     guint    index,
                     gsize    pos,
                     Speaker *s)
{
  guint i = sentence_of (q->article, pos);
  gsize end;

  if (i == G_MAXUINT)
    return;
  end = g_array_index (q->article->sentences, NfSpan, i).end;
  for (gsize p = pos; p < end; p++)
    {
      guint in = q->text[p] == ',' ? piece_at (q, p) : G_MAXUINT;

      /* '"…so swollen I could barely get my shoe on," she was': the
       * comma that ends a quote ends the leading clause too */
      if (q->text[p] == ',' && (in == G_MAXUINT || p + 1 == piece (q, in)->end))
        {
          subject_of (q, index, in == G_MAXUINT ? p + 1 : piece (q, in)->after,
                      end, s);
          return;
        }
    }
}

/* The speaker of the cue at token @c of the region [from, to), whose
 * tokens are in q->tokens. */
static void
speaker_at_cue (Quotes  *q,
                guint    index,
                gsize    from,
                gsize    to,
                guint    c,
                Speaker *s)
{
  g_autofree char *verb = NULL;
  g_autofree char *role = NULL;
  gsize cue_start = tok (q, c)->start, cue_end = tok (q, c)->end;
  gsize np_start, np_end, coordinator;
  gboolean according = tok_is (q, c, "according");

  if (according)
    verb = g_strdup ("according to");
  else
    verb = g_ascii_strdown (q->text + cue_start, cue_end - cue_start);
  if (!according && g_str_has_suffix (verb, "ing"))
    {
      /* "After saying …, she was": the subject of the main clause */
      if (opens_clause (q, from, cue_start))
        subject_after_comma (q, index, cue_end, s);
      /* "Trump returned the compliment, telling Reuters": the subject */
      else if (!subject_of (q, index, sentence_start (q->text, from, cue_start),
                            cue_start, s)
               && right_np (q, cue_end, to, &np_start, &np_end))
        resolve_np (q, index, np_start, np_end, s);
    }
  /* 'he found Trump "very charming" and called': the verb shares the
   * subject of its sentence */
  else if (!according && is_coordinator (q, from, cue_start, &coordinator))
    {
      /* "He praised those who left but said": the clause before; '"…,"
       * and said': the sentence before the quote */
      if (!subject_of (q, index, from, coordinator, s))
        subject_of (q, index, start_of_sentence (q, from), from, s);
    }
  else if (!according && left_np (q, from, cue_start, &np_start, &np_end, &role))
    resolve_np (q, index, np_start, np_end, s);
  else if (right_np (q, cue_end, to, &np_start, &np_end))
    {
      resolve_np (q, index, np_start, np_end, s);
      /* left_np() may have found a role before it gave up */
      g_free (role);
      role = _nf_apposition_role (q->text, np_end, to);
    }
  if (!s->found)
    return;
  s->pos = cue_start;
  s->verb = g_steal_pointer (&verb);
  if (s->role == NULL)
    s->role = g_steal_pointer (&role);
}

/* Looks for a cue in [from, to): the first one, or the last if @last;
 * the first one only among the first @within words. */
static gboolean
cue_within (Quotes   *q,
            guint     index,
            gsize     from,
            gsize     to,
            gboolean  last,
            guint     within,
            Speaker  *s)
{
  guint n;

  if (to <= from)
    return FALSE;
  g_array_set_size (q->tokens, 0);
  _nf_words_scan (q->text, from, to, q->tokens);
  n = q->tokens->len;
  for (guint k = 0; k < n && k < within; k++)
    {
      guint c = last ? n - 1 - k : k;

      if (is_cue (q, c))
        {
          speaker_at_cue (q, index, from, to, c, s);
          return s->found;
        }
    }
  return FALSE;
}

/* Looks for a cue in [from, to): the first one, or the last if @last. */
static gboolean
cue_in (Quotes   *q,
        guint     index,
        gsize     from,
        gsize     to,
        gboolean  last,
        Speaker  *s)
{
  return cue_within (q, index, from, to, last, G_MAXUINT, s);
}

/* "Name:" just before the mark ('Michael P. McDonald: "At long last'). */
static gboolean
colon_speaker (Quotes  *q,
               guint    index,
               gsize    from,
               gsize    open,
               Speaker *s)
{
  gsize e = open;
  guint lo = 0, hi = q->mentions->len;

  while (e > from && q->text[e - 1] == ' ')
    e--;
  if (e == from || q->text[e - 1] != ':')
    return FALSE;
  e--;
  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (g_array_index (q->mentions, Mention, mid).end < e)
        lo = mid + 1;
      else
        hi = mid;
    }
  if (lo < q->mentions->len && g_array_index (q->mentions, Mention, lo).end == e
      && g_array_index (q->mentions, Mention, lo).entity->kind != NF_ENTITY_OTHER)
    {
      speaker_from_entity (s, g_array_index (q->mentions, Mention, lo).entity, e);
      return TRUE;
    }
  return FALSE;
}

static const Piece *
piece (Quotes *q,
       guint   i)
{
  return &g_array_index (q->pieces, Piece, i);
}

/* The length of a dash at @p ("—", "―", "–", "--", "-"), or 0. */
static gsize
dash_len (const char *text,
          gsize       p,
          gsize       end)
{
  if (p + 2 < end && (guchar) text[p] == 0xE2 && (guchar) text[p + 1] == 0x80
      && ((guchar) text[p + 2] >= 0x93 && (guchar) text[p + 2] <= 0x95))
    return 3;
  if (p + 1 < end && text[p] == '-' && text[p + 1] == '-')
    return 2;
  if (p < end && text[p] == '-')
    return 1;
  return 0;
}

/* '"…" — Pamela Padilla': a name after a dash closing the paragraph. */
static gboolean
dash_speaker (Quotes  *q,
              guint    index,
              gsize    after,
              gsize    end)
{
  gsize p = after, n;

  while (p < end && q->text[p] == ' ')
    p++;
  n = dash_len (q->text, p, end);
  if (n == 0)
    return FALSE;
  p += n;
  /* '"…" - Hillary Clinton. Clinton has …': the name's sentence only */
  end = sentence_end (q->text, p, end);
  g_array_set_size (q->tokens, 0);
  _nf_words_scan (q->text, p, end, q->tokens);
  if (q->tokens->len == 0 || q->tokens->len > 6
      || !(tok (q, 0)->flags & NF_WORD_CAP))
    return FALSE;
  resolve_np (q, index, p, end, &q->speakers[index]);
  return q->speakers[index].found;
}

/* '"PENCE: Well, look…"': a transcript's speaker label opening the quote. */
static gboolean
label_speaker (Quotes *q,
               guint   index)
{
  const Piece *p = piece (q, index);
  gsize e = p->start;

  while (e < p->end && (g_ascii_isupper (q->text[e]) || q->text[e] == ' '
                        || q->text[e] == '.'))
    e++;
  if (e - p->start < 2 || e >= p->end || q->text[e] != ':')
    return FALSE;
  resolve_np (q, index, p->start, e, &q->speakers[index]);
  return q->speakers[index].found;
}

/* Where a colon stands just before @open (spaces between), or @from. */
static gsize
colon_before (const char *text,
              gsize       from,
              gsize       open)
{
  while (open > from && text[open - 1] == ' ')
    open--;
  return open > from && text[open - 1] == ':' ? open - 1 : from;
}

/* Does a quote open in @block? */
static gboolean
has_piece (Quotes        *q,
           const NfBlock *block)
{
  guint lo = 0, hi = q->pieces->len;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (g_array_index (q->pieces, Piece, mid).open < block->start)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo < q->pieces->len
         && g_array_index (q->pieces, Piece, lo).open < block->end;
}

/* '"a great deal of weight" and help bring the "grass-roots firepower"
 * they need, Sroka said': the cue after a later quote of the sentence. */
static gboolean
cue_after_later_quote (Quotes *q,
                       guint   i)
{
  const Piece *p = piece (q, i);
  const NfBlock *block = &g_array_index (q->article->blocks, NfBlock, p->block);
  guint sentence = sentence_of (q->article, p->after);
  gsize end;

  if (sentence == G_MAXUINT)
    return FALSE;
  end = MIN (g_array_index (q->article->sentences, NfSpan, sentence).end,
             block->end);
  for (guint k = i + 1; k < q->pieces->len; k++)
    {
      const Piece *pk = piece (q, k);
      gsize to = end;

      if (pk->block != p->block || pk->open >= end)
        break;
      if (k + 1 < q->pieces->len && piece (q, k + 1)->block == p->block)
        to = MIN (to, piece (q, k + 1)->open);
      if (pk->after < to && cue_in (q, i, pk->after, to, FALSE, &q->speakers[i]))
        return TRUE;
    }
  return FALSE;
}

/* The quote's own cue: after it in its sentence, else before it. */
static void
find_speaker (Quotes *q,
              guint   i)
{
  const Piece *p = piece (q, i);
  const NfBlock *block = &g_array_index (q->article->blocks, NfBlock, p->block);
  const char *text = q->text;
  gsize to = block->end, from = block->start;
  char last = text[p->end - 1];

  if (i + 1 < q->pieces->len && piece (q, i + 1)->block == p->block)
    to = piece (q, i + 1)->open;
  /* a title or scare quote before it does not end the cue's region */
  for (guint k = i; k > 0 && piece (q, k - 1)->block == p->block; k--)
    if (!piece (q, k - 1)->scare)
      {
        from = piece (q, k - 1)->after;
        break;
      }
  if (label_speaker (q, i) || (p->closed && dash_speaker (q, i, p->after, to)))
    return;
  if (p->closed)
    {
      gsize a = p->after;

      while (a < to && text[a] == ' ')
        a++;
      /* '"We will win." Next sentence': the quote ended its sentence, and
       * a cue after it must come at once ('"Win!" Senator Smith said') */
      if (cue_within (q, i, p->after, sentence_end (text, p->after, to), FALSE,
                      (last == '.' || last == '!' || last == '?') && a < to
                      && !g_ascii_islower (text[a]) ? MAX_CUE_DELAY : G_MAXUINT,
                      &q->speakers[i]))
        return;
    }
  if (cue_in (q, i, sentence_start (text, from, p->open), p->open, TRUE,
              &q->speakers[i])
      || colon_speaker (q, i, from, p->open, &q->speakers[i]))
    return;
  /* (a quote after another in its sentence goes on with that one's) */
  if (p->closed && last != '.' && last != '!' && last != '?'
      && (i == 0 || sentence_of (q->article, piece (q, i - 1)->start)
                    != sentence_of (q->article, p->start))
      && cue_after_later_quote (q, i))
    return;
  /* 'Sanders pushed his promise of "free college"': a partial quote with
   * no speech verb belongs to the subject of its sentence */
  if (p->chain == i && g_ascii_isalnum (text[p->open > 1 ? p->open - 2 : 0])
      && subject_of (q, i, sentence_start (text, from, p->open), p->open,
                     &q->speakers[i]))
    return;
  /* 'he returned to his familiar lines: "…"': no cue, but the sentence
   * announces the quote, whose speaker is its subject */
  if (p->chain == i && colon_before (text, from, p->open) > from
      && subject_of (q, i, sentence_start (text, from, p->open),
                     colon_before (text, from, p->open), &q->speakers[i]))
    return;
  /* 'Cruz said:' closing the paragraph before a quoted one */
  if (p->open == block->start)
    {
      guint prev = previous_body (q->article, p->block);
      const NfBlock *pb;
      gsize e;

      if (prev == G_MAXUINT)
        return;
      pb = &g_array_index (q->article->blocks, NfBlock, prev);
      e = pb->end;
      while (e > pb->start && g_ascii_isspace (text[e - 1]))
        e--;
      /* 'He then listed the qualities:': no cue, but the sentence
       * announces the quote, whose speaker is its subject */
      if (e > pb->start && text[e - 1] == ':'
          && !cue_in (q, i, sentence_start (text, pb->start, e - 1), e - 1,
                      TRUE, &q->speakers[i]))
        subject_of (q, i, sentence_start (text, pb->start, e - 1), e - 1,
                    &q->speakers[i]);
      /* 'Humphrey said he doesn't believe …' closing a paragraph with no
       * quote of its own: the quoted paragraph after it goes on with him */
      else if (e > pb->start && text[e - 1] != ':' && !has_piece (q, pb)
               && p->chain == i)
        cue_in (q, i, sentence_start (text, pb->start, e - 1), e, FALSE,
                &q->speakers[i]);
    }
}

/* A quote inside someone's sentence ('looking for "further compromise"
 * from') rather than one that stands as the sentence. */
static gboolean
is_partial (Quotes *q,
            guint   i)
{
  const Piece *p = piece (q, i);
  const NfBlock *block = &g_array_index (q->article->blocks, NfBlock, p->block);
  const char *text = q->text;
  gsize b = p->open;
  char c;

  if (g_ascii_islower (text[p->start]))
    return TRUE;
  if (p->chain != i)
    return FALSE;
  while (b > block->start && text[b - 1] == ' ')
    b--;
  if (b == block->start)
    return FALSE;
  c = text[b - 1];
  if (c == ',' || c == ':' || c == '.' || c == '!' || c == '?' || c == '"'
      || (guchar) c == 0x9D)
    return FALSE;
  if (g_ascii_isalnum (c))
    {
      gsize w = b;

      while (w > block->start && g_ascii_isalpha (text[w - 1]))
        w--;
      return !_nf_lexicon_has (NF_LEX_SET_CUE_VERBS, text + w, b - w);
    }
  return TRUE;
}

/* Pieces of one quote over several paragraphs share one speaker. */
static void
fill_chains (Quotes *q)
{
  for (guint i = 0; i < q->pieces->len; i++)
    {
      if (q->speakers[i].found)
        continue;
      for (guint j = i + 1; j < q->pieces->len && piece (q, j)->chain == piece (q, i)->chain; j++)
        if (q->speakers[j].found)
          {
            speaker_copy (&q->speakers[i], &q->speakers[j]);
            q->speakers[i].verb = g_strdup (q->speakers[j].verb);
            break;
          }
      if (!q->speakers[i].found && piece (q, i)->chain != i)
        speaker_copy (&q->speakers[i], &q->speakers[i - 1]);
    }
}

/* The body paragraph before @block, or G_MAXUINT. */
static guint
previous_body (const NfArticle *article,
               guint            block)
{
  for (guint i = block; i > 0; i--)
    if (g_array_index (article->blocks, NfBlock, i - 1).kind == NF_BLOCK_BODY)
      return i - 1;
  return G_MAXUINT;
}

/* A quote with no cue goes on with the speaker of the quote just before
 * it, in its paragraph or, for a paragraph that is all quote, the one
 * before. */
static void
inherit_speakers (Quotes *q)
{
  guint prev = G_MAXUINT;

  for (guint i = 0; i < q->pieces->len; i++)
    {
      const Piece *p = piece (q, i);

      if (p->scare)
        continue;
      if (!q->speakers[i].found && prev != G_MAXUINT && q->speakers[prev].found)
        {
          const Piece *pp = piece (q, prev);
          const NfBlock *block = &g_array_index (q->article->blocks, NfBlock, p->block);

          if (pp->block == p->block
              || (pp->block == previous_body (q->article, p->block)
                  && p->open == block->start))
            {
              speaker_copy (&q->speakers[i], &q->speakers[prev]);
              g_clear_pointer (&q->speakers[i].verb, g_free);
            }
        }
      prev = i;
    }
}

static void
emit_quotes (Quotes *q)
{
  for (guint i = 0; i < q->pieces->len; i++)
    {
      const Piece *p = piece (q, i);
      Speaker *s = &q->speakers[i];
      NfQuote *quote;

      if (p->scare)
        continue;
      quote = nf_quote_new ();
      quote->text = g_strndup (q->text + p->start, p->end - p->start);
      quote->start = p->start;
      quote->end = p->end;
      quote->partial = is_partial (q, i);
      quote->speaker = g_steal_pointer (&s->name);
      quote->speaker_role = g_steal_pointer (&s->role);
      quote->speaker_kind = quote->speaker != NULL ? s->kind : NF_SPEAKER_UNKNOWN;
      quote->verb = g_steal_pointer (&s->verb);
      g_ptr_array_add (q->article->quotes, quote);
    }
}

void
_nf_quotes_run (NfArticle *article)
{
  Quotes q = { 0 };

  g_assert (article != NULL);

  q.article = article;
  q.text = article->text;
  q.pieces = g_array_new (FALSE, FALSE, sizeof (Piece));
  q.tokens = _nf_scratch_take (NF_SCRATCH_QUOTE_TOKENS, sizeof (NfWord), 128);
  collect_pieces (&q);
  if (q.pieces->len > 0)
    {
      q.mentions = index_mentions (article);
      q.spoke = g_hash_table_new (g_str_hash, g_str_equal);
      mark_subjects (&q);
      q.speakers = g_new0 (Speaker, q.pieces->len);
      for (guint i = 0; i < q.pieces->len; i++)
        if (!piece (&q, i)->scare)
          {
            Speaker *s;

            find_speaker (&q, i);
            s = &q.speakers[i];
            if (s->found && s->name != NULL)
              g_hash_table_add (q.spoke, s->name);
            if (s->found)
              q.last_any = i + 1;
            if (s->found && (s->kind == NF_SPEAKER_PERSON
                             || s->kind == NF_SPEAKER_ANONYMOUS))
              q.last_person = i + 1;
          }
      fill_chains (&q);
      inherit_speakers (&q);
      emit_quotes (&q);
      for (guint i = 0; i < q.pieces->len; i++)
        speaker_clear (&q.speakers[i]);
      g_free (q.speakers);
      g_array_unref (q.mentions);
      g_hash_table_unref (q.spoke);
    }
  _nf_scratch_give (NF_SCRATCH_QUOTE_TOKENS, q.tokens);
  g_array_unref (q.pieces);
}
