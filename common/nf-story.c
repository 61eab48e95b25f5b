/* nf-story.c: grouping articles that tell the same event
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each article becomes a signature: keys for the names it mentions ("e:",
 * places "p:"), the figures it gives ("f:kind:unit:value"), its headline
 * words ("h:") and its body words ("t:").  Keys of one entity (its name
 * and aliases) share a group and count once.  Two articles are compared
 * by the cosine of their keys weighted by a smoothed inverse document
 * frequency: the prior says how common a kind of key is before any
 * article is seen, so that two articles alone can already tell a rare
 * name from "United States".  Candidates come from an inverted index over
 * the keys that are not too common; an article joins the story of its
 * most similar earlier article when the similarity passes a threshold
 * and their dates lie within a window, and they share at least one rare
 * name or figure; else it starts a story.
 */

#define G_LOG_DOMAIN "newsfacts"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "nf-story-private.h"
#include "nf-timex.h"

#define DEFAULT_WINDOW_DAYS 14
#define DEFAULT_THRESHOLD   0.12
#define PRIOR_ARTICLES      100.0   /* weight of the prior, in articles */
#define BODY_FACTOR         0.35    /* body words weigh less than names */
#define UNDATED_DISCOUNT    0.7     /* no date to confirm: ask for more likeness */
#define MAX_BODY_TERMS      60
#define ANCHOR_IDF          3.0     /* a shared name or figure this rare ties a story */

typedef struct
{
  char  *key;
  guint  group;
} SigKey;

struct _NfStorySignature
{
  char   *article_id;
  int     day;              /* Julian day, 0 when unknown */
  int     month;            /* month and day of a year-less dateline */
  int     mday;
  GArray *keys;             /* SigKey, keys of a group contiguous */
};

typedef struct
{
  const char *key;          /* owned by NfStoryIndex.key_ids */
  guint   df;
  float   prior;
  float   factor;
  gboolean name;            /* a name or a figure, not a word */
  GArray *postings;         /* guint entry slots */
} KeyInfo;

typedef struct
{
  NfStorySignature *sig;    /* its keys dropped once interned */
  guint             n_keys;
  guint            *key_ids;
  guint            *groups;
  guint             story;  /* slot in NfStoryIndex.stories */
  gboolean          alive;
  gboolean          assigned;
  double            norm;
  guint             norm_n; /* article count the norm was computed for */
} Entry;

typedef struct
{
  char   *id;
  GArray *members;          /* guint entry slots */
} StoryRec;

struct _NfStoryIndex
{
  guint       window_days;
  double      threshold;
  GHashTable *key_ids;      /* key -> id + 1 */
  GPtrArray  *keys;         /* KeyInfo* */
  GPtrArray  *entries;      /* Entry* */
  GHashTable *by_article;   /* article id -> slot + 1 */
  GPtrArray  *stories;      /* StoryRec* */
  GHashTable *by_story;     /* story id -> slot + 1 */
  guint       n_alive;

  /* scratch space for scoring, one cell per entry */
  GArray     *stamp;
  GArray     *best;
  GArray     *total;
  GArray     *anchored;
  guint       clock;
  guint       query;
};

/* Signatures */

static void
sig_key_clear (SigKey *key)
{
  g_free (key->key);
}

static NfStorySignature *
signature_alloc (const char *article_id)
{
  NfStorySignature *sig = g_new0 (NfStorySignature, 1);

  sig->article_id = g_strdup (article_id);
  sig->keys = g_array_new (FALSE, FALSE, sizeof (SigKey));
  g_array_set_clear_func (sig->keys, (GDestroyNotify) sig_key_clear);

  return sig;
}

static gboolean
signature_add (NfStorySignature *sig,
               GHashTable       *seen,
               const char       *prefix,
               const char       *text,
               guint             group)
{
  SigKey key;

  gsize prefix_len, text_len;

  if (text == NULL || text[0] == '\0')
    return FALSE;
  /* prefix + text, its line and tab characters made spaces (the stored
   * form is one key a line): about a hundred keys an article. */
  prefix_len = strlen (prefix);
  text_len = strlen (text);
  key.key = g_malloc (prefix_len + text_len + 1);
  memcpy (key.key, prefix, prefix_len);
  for (gsize i = 0; i <= text_len; i++)
    {
      char c = text[i];

      key.key[prefix_len + i] = c == '\t' || c == '\n' || c == '\r' ? ' ' : c;
    }
  if (g_hash_table_contains (seen, key.key))
    {
      g_free (key.key);
      return FALSE;
    }
  g_hash_table_add (seen, key.key);
  key.group = group;
  g_array_append_val (sig->keys, key);
  return TRUE;
}

/* The entities stage's names, each with its aliases as one group; every
 * form goes into @names. */
static void
add_entities (NfStorySignature *sig,
              GHashTable       *seen,
              GHashTable       *names,
              const NfArticle  *article,
              guint            *group)
{
  for (guint i = 0; i < article->entities->len; i++)
    {
      const NfEntity *entity = g_ptr_array_index (article->entities, i);
      const char *prefix = entity->kind == NF_ENTITY_PLACE ? "p:" : "e:";
      g_autofree char *name = _nf_story_normalize_name (entity->name);
      gboolean added = signature_add (sig, seen, prefix, name, *group);

      g_hash_table_add (names, g_steal_pointer (&name));
      for (guint j = 0; entity->aliases != NULL && j < entity->aliases->len; j++)
        {
          g_autofree char *alias =
            _nf_story_normalize_name (g_ptr_array_index (entity->aliases, j));

          /* Short aliases ("US", "SMA") are ambiguous between stories. */
          if (strlen (alias) > 3 || strchr (alias, ' ') != NULL)
            added |= signature_add (sig, seen, prefix, alias, *group);
          g_hash_table_add (names, g_steal_pointer (&alias));
        }
      if (added)
        (*group)++;
    }
}

static gboolean
is_capitalized_word (const char *p,
                     gsize       len)
{
  return len > 1 && g_ascii_isupper (p[0]);
}

/* Runs of capitalised words the entities stage did not name (it may
 * miss some, or be absent) stand in for names; a single capitalised
 * word that opens a sentence is no name. */
static void
add_capitalized_runs (NfStorySignature *sig,
                      GHashTable       *seen,
                      GHashTable       *names,
                      const char       *text,
                      GArray           *words,
                      guint            *group)
{
  GString *run = g_string_new (NULL);
  guint run_len = 0;
  gboolean run_at_start = FALSE, at_start = TRUE;

  _nf_story_scan_words (text, ".'&-", words);
  for (guint i = 0; i < words->len; i++)
    {
      const NfStoryWord *span = &g_array_index (words, NfStoryWord, i);
      const char *w = text + span->start;
      gsize len = span->len;
      gboolean ends_sentence = len > 0 && w[len - 1] == '.'
                               && !(len <= 3 && g_ascii_isupper (w[0]));
      gboolean cap = is_capitalized_word (w, len);

      if (cap && run_len < 4)
        {
          if (run_len == 0)
            run_at_start = at_start;
          if (run->len > 0)
            g_string_append_c (run, ' ');
          g_string_append_len (run, w, len);
          run_len++;
        }
      if ((!cap || ends_sentence || i + 1 == words->len || run_len == 4)
          && run_len > 0)
        {
          g_autofree char *norm = _nf_story_normalize_name (run->str);

          if ((run_len > 1 || !run_at_start) && strlen (norm) > 2
              && !_nf_story_is_stopword (norm)
              && !g_hash_table_contains (names, norm)
              && signature_add (sig, seen, "e:", norm, *group))
            (*group)++;
          g_string_truncate (run, 0);
          run_len = 0;
        }
      if (len > 0)
        at_start = ends_sentence;
    }
  g_string_free (run, TRUE);
}

static void
add_figures (NfStorySignature *sig,
             GHashTable       *seen,
             const NfArticle  *article,
             guint            *group)
{
  for (guint i = 0; i < article->figures->len; i++)
    {
      const NfFigure *figure = g_ptr_array_index (article->figures, i);
      g_autofree char *unit = NULL;
      g_autofree char *text = NULL;
      char value[G_ASCII_DTOSTR_BUF_SIZE];

      if (figure->kind == NF_FIGURE_ORDINAL || figure->kind == NF_FIGURE_DURATION
          || !isfinite (figure->value) || figure->value == 0)
        continue;
      unit = _nf_story_unit_key (figure);
      g_ascii_formatd (value, sizeof value, "%.10g", figure->value);
      text = g_strdup_printf ("%s:%s:%s", nf_figure_kind_to_string (figure->kind),
                              unit, value);
      if (signature_add (sig, seen, "f:", text, *group))
        (*group)++;
    }
}

/* Counting the content words of a text: the terms live in one array and
 * their stems in one buffer, found again through an open-addressed table
 * of term numbers (a few hundred words an article, most seen once: a
 * hash table of allocated strings cost more than finding the words). */
typedef struct
{
  gsize  stem;              /* offset of its NUL-terminated stem in stems */
  guint  count;
  guint  first;
} Term;

typedef struct
{
  GArray  *terms;           /* Term */
  GString *stems;
  guint   *slots;           /* term number + 1, or 0 */
  guint    mask;
  GString *stem;            /* scratch */
} TermCounter;

static guint
hash_bytes (const char *s,
            gsize       len)
{
  guint h = 2166136261u;

  for (gsize i = 0; i < len; i++)
    h = (h ^ (guchar) s[i]) * 16777619u;
  return h;
}

static void
term_counter_init (TermCounter *counter,
                   guint        max_words)
{
  guint size = 64;

  while (size < 2 * max_words)
    size *= 2;
  counter->terms = g_array_new (FALSE, FALSE, sizeof (Term));
  counter->stems = g_string_sized_new (8 * max_words);
  counter->slots = g_new0 (guint, size);
  counter->mask = size - 1;
  counter->stem = g_string_new (NULL);
}

static void
term_counter_clear (TermCounter *counter)
{
  g_array_unref (counter->terms);
  g_string_free (counter->stems, TRUE);
  g_free (counter->slots);
  g_string_free (counter->stem, TRUE);
}

static void
term_counter_add (TermCounter *counter,
                  const char  *stem,
                  gsize        len)
{
  guint slot = hash_bytes (stem, len) & counter->mask;
  Term term;

  for (; counter->slots[slot] != 0; slot = (slot + 1) & counter->mask)
    {
      Term *t = &g_array_index (counter->terms, Term, counter->slots[slot] - 1);
      const char *s = counter->stems->str + t->stem;

      if (strncmp (s, stem, len) == 0 && s[len] == '\0')
        {
          t->count++;
          return;
        }
    }
  term.stem = counter->stems->len;
  term.count = 1;
  term.first = counter->terms->len;
  g_string_append_len (counter->stems, stem, len);
  g_string_append_c (counter->stems, '\0');
  g_array_append_val (counter->terms, term);
  counter->slots[slot] = counter->terms->len;
}

/* Counts one lowercase word. */
static void
count_word (TermCounter *counter,
            const char  *w,
            gsize        len)
{
  while (len > 0 && (*w == '-' || *w == '\''))
    {
      w++;
      len--;
    }
  if (len < 3 || g_ascii_isdigit (*w) || _nf_story_is_stopword (w))
    return;
  _nf_story_stem_into (w, len, counter->stem);
  term_counter_add (counter, counter->stem->str, counter->stem->len);
}

/* Counts a word of the text as the words of its lowercase form: an ASCII
 * word lowers byte by byte; any other goes through g_utf8_strdown () and
 * is split again, since lowering may give characters that part words
 * (as lowering the whole text and then splitting it would). */
static void
count_text_word (TermCounter *counter,
                 const char  *w,
                 gsize        len,
                 GString     *lower,
                 GArray      *parts)
{
  gboolean ascii = TRUE;
  g_autofree char *folded = NULL;

  for (gsize i = 0; i < len && ascii; i++)
    ascii = (guchar) w[i] < 128;
  if (ascii)
    {
      g_string_set_size (lower, len);
      for (gsize i = 0; i < len; i++)
        lower->str[i] = w[i] >= 'A' && w[i] <= 'Z' ? w[i] + ('a' - 'A') : w[i];
      count_word (counter, lower->str, len);
      return;
    }
  folded = g_utf8_strdown (w, len);
  _nf_story_scan_words (folded, "'-_", parts);
  for (guint i = 0; i < parts->len; i++)
    {
      const NfStoryWord *part = &g_array_index (parts, NfStoryWord, i);

      g_string_truncate (lower, 0);
      g_string_append_len (lower, folded + part->start, part->len);
      count_word (counter, lower->str, lower->len);
    }
}

static int
compare_terms (gconstpointer a,
               gconstpointer b)
{
  const Term *x = a;
  const Term *y = b;

  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  return x->first < y->first ? -1 : x->first > y->first;
}

/* Adds the @max_terms (0: all) most frequent content words of @text,
 * first seen first among equals. */
static void
add_words (NfStorySignature *sig,
           GHashTable       *seen,
           const char       *prefix,
           const char       *text,
           GArray           *words,
           guint             max_terms,
           guint            *group)
{
  g_autoptr(GArray) parts = NULL;
  g_autoptr(GString) lower = NULL;
  TermCounter counter;
  guint added = 0;

  if (text == NULL)
    return;
  _nf_story_scan_words (text, "'-_", words);
  parts = g_array_new (FALSE, FALSE, sizeof (NfStoryWord));
  lower = g_string_new (NULL);
  term_counter_init (&counter, words->len);
  for (guint i = 0; i < words->len; i++)
    {
      const NfStoryWord *w = &g_array_index (words, NfStoryWord, i);

      count_text_word (&counter, text + w->start, w->len, lower, parts);
    }
  g_array_sort (counter.terms, compare_terms);
  for (guint i = 0; i < counter.terms->len && (max_terms == 0 || added < max_terms); i++)
    if (signature_add (sig, seen, prefix, counter.stems->str
                       + g_array_index (counter.terms, Term, i).stem, *group))
      {
        (*group)++;
        added++;
      }
  term_counter_clear (&counter);
}

/* The date the text gives: a dateline without a year stays year-less
 * (day 0) after a story settled its year (_nf_story_set_year ()), so
 * that a signature made of the settled article is the one parsing its
 * text again makes, and tells which articles a story may date. */
static int
signature_day (const NfArticle *article,
               int             *month,
               int             *mday)
{
  const NfDateParts *parts = &article->published_parts;

  if (article->published_inferred && parts->year != 0 && parts->month > 0
      && parts->day > 0)
    {
      *month = parts->month;
      *mday = parts->day;
      return 0;
    }
  return _nf_story_article_day (article, month, mday);
}

/**
 * nf_story_signature_new:
 * @article: a parsed article with its id
 *
 * Returns: (transfer full): what story assignment needs of @article.
 */
NfStorySignature *
nf_story_signature_new (const NfArticle *article)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                       g_free, NULL);
  g_autoptr(GArray) words = g_array_new (FALSE, FALSE, sizeof (NfStoryWord));
  g_autofree char *body = NULL;
  NfStorySignature *sig;
  guint group = 0;

  g_return_val_if_fail (article != NULL, NULL);
  g_return_val_if_fail (article->id != NULL, NULL);

  sig = signature_alloc (article->id);
  sig->day = signature_day (article, &sig->month, &sig->mday);
  body = nf_article_dup_body (article);
  if (body[0] == '\0')
    {
      g_free (body);
      body = g_strdup (article->text);
    }

  add_entities (sig, seen, names, article, &group);
  add_capitalized_runs (sig, seen, names, body, words, &group);
  add_figures (sig, seen, article, &group);
  add_words (sig, seen, "h:", article->headline, words, 0, &group);
  add_words (sig, seen, "t:", body, words, MAX_BODY_TERMS, &group);

  return sig;
}

void
nf_story_signature_free (NfStorySignature *signature)
{
  if (signature == NULL)
    return;
  g_free (signature->article_id);
  g_array_unref (signature->keys);
  g_free (signature);
}

const char *
nf_story_signature_get_article (const NfStorySignature *signature)
{
  g_return_val_if_fail (signature != NULL, NULL);
  return signature->article_id;
}

/**
 * nf_story_signature_to_string:
 *
 * Returns: (transfer full): a line of header and one line per key, for a
 *   store to keep; nf_story_signature_parse() reads it back.
 */
char *
nf_story_signature_to_string (const NfStorySignature *signature)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (signature != NULL, NULL);

  g_string_append_printf (out, "nfsig1\t%s\t%d\t%d\t%d\n", signature->article_id,
                          signature->day, signature->month, signature->mday);
  for (guint i = 0; i < signature->keys->len; i++)
    {
      const SigKey *key = &g_array_index (signature->keys, SigKey, i);
      char digits[16];
      char *p = digits + sizeof digits;
      guint group = key->group;

      /* "%u\t%s\n", without printf's cost for each of 100 keys. */
      do
        *--p = '0' + group % 10;
      while ((group /= 10) > 0);
      g_string_append_len (out, p, digits + sizeof digits - p);
      g_string_append_c (out, '\t');
      g_string_append (out, key->key);
      g_string_append_c (out, '\n');
    }

  return g_string_free (out, FALSE);
}

NfStorySignature *
nf_story_signature_parse (const char *string)
{
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) head = NULL;
  g_autoptr(NfStorySignature) sig = NULL;

  g_return_val_if_fail (string != NULL, NULL);

  lines = g_strsplit (string, "\n", -1);
  head = g_strsplit (lines[0], "\t", -1);
  if (g_strv_length (head) != 5 || strcmp (head[0], "nfsig1") != 0)
    return NULL;
  sig = signature_alloc (head[1]);
  sig->day = atoi (head[2]);
  sig->month = atoi (head[3]);
  sig->mday = atoi (head[4]);
  for (guint i = 1; lines[i] != NULL; i++)
    {
      char *tab = strchr (lines[i], '\t');
      SigKey key;

      if (tab == NULL || tab[1] == '\0')
        continue;
      key.group = (guint) strtoul (lines[i], NULL, 10);
      key.key = g_strdup (tab + 1);
      g_array_append_val (sig->keys, key);
    }

  return g_steal_pointer (&sig);
}

/**
 * nf_story_signature_string_is_yearless:
 * @string: what nf_story_signature_to_string () made
 *
 * Reads only the header: whether the article's dateline gave a month and
 * day but no year, which a story may settle.
 */
gboolean
nf_story_signature_string_is_yearless (const char *string)
{
  const char *field = string;

  g_return_val_if_fail (string != NULL, FALSE);

  /* "nfsig1\tID\tDAY\tMONTH\tMDAY\n" */
  for (guint i = 0; i < 2 && field != NULL; i++)
    {
      field = strpbrk (field, "\t\n");
      field = field != NULL && *field == '\t' ? field + 1 : NULL;
    }
  if (field == NULL || atoi (field) != 0)
    return FALSE;
  field = strpbrk (field, "\t\n");

  return field != NULL && *field == '\t' && atoi (field + 1) > 0;
}

/* Keys */

/* How many significant digits a figure value has: "28500" has three,
 * "4000" one.  A precise figure is a rarer coincidence. */
static guint
significant_digits (const char *value)
{
  guint digits = 0, zeros = 0;
  gboolean started = FALSE;

  for (const char *p = value; *p != '\0' && *p != 'e'; p++)
    {
      if (!g_ascii_isdigit (*p))
        continue;
      if (*p == '0')
        {
          if (started)
            zeros++;
          continue;
        }
      started = TRUE;
      digits += zeros + 1;
      zeros = 0;
    }

  return digits;
}

/* The share of articles expected to carry a key of this kind before any
 * article is seen. */
static float
key_prior (const char *key)
{
  switch (key[0])
    {
    case 'e':
      return 0.01f;
    case 'p':
      return 0.08f;
    case 'h':
      return 0.02f;
    case 'f':
      {
        guint digits = significant_digits (strrchr (key, ':') + 1);

        return digits <= 1 ? 0.05f : digits == 2 ? 0.015f : 0.004f;
      }
    default:
      return 0.03f;
    }
}

static void
key_info_free (KeyInfo *info)
{
  g_array_unref (info->postings);
  g_free (info);
}

static guint
intern_key (NfStoryIndex *index,
            const char   *key)
{
  gpointer found = g_hash_table_lookup (index->key_ids, key);
  KeyInfo *info;

  if (found != NULL)
    return GPOINTER_TO_UINT (found) - 1;

  info = g_new0 (KeyInfo, 1);
  info->key = g_strdup (key);
  info->prior = key_prior (key);
  info->factor = key[0] == 't' ? BODY_FACTOR : 1.0f;
  info->name = key[0] == 'e' || key[0] == 'p' || key[0] == 'f';
  info->postings = g_array_new (FALSE, FALSE, sizeof (guint));
  g_ptr_array_add (index->keys, info);
  g_hash_table_insert (index->key_ids, (char *) info->key,
                       GUINT_TO_POINTER (index->keys->len));

  return index->keys->len - 1;
}

static double
key_idf (const NfStoryIndex *index,
         const KeyInfo      *info)
{
  double n = index->n_alive;
  double idf = log ((n + PRIOR_ARTICLES)
                    / (info->df + PRIOR_ARTICLES * info->prior));

  return MAX (idf, 0.0);
}

static double
key_weight2 (const NfStoryIndex *index,
             const KeyInfo      *info)
{
  double w = info->factor * key_idf (index, info);

  return w * w;
}

/* Index */

static void
entry_free (Entry *entry)
{
  nf_story_signature_free (entry->sig);
  g_free (entry->key_ids);
  g_free (entry->groups);
  g_free (entry);
}

static void
story_rec_free (StoryRec *rec)
{
  g_free (rec->id);
  g_array_unref (rec->members);
  g_free (rec);
}

NfStoryIndex *
nf_story_index_new (const NfStoryOptions *options)
{
  NfStoryIndex *index = g_new0 (NfStoryIndex, 1);

  index->window_days = DEFAULT_WINDOW_DAYS;
  index->threshold = DEFAULT_THRESHOLD;
  if (options != NULL && options->window_days > 0)
    index->window_days = options->window_days;
  if (options != NULL && options->threshold > 0)
    index->threshold = options->threshold;
  index->key_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  index->keys = g_ptr_array_new_with_free_func ((GDestroyNotify) key_info_free);
  index->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
  index->by_article = g_hash_table_new (g_str_hash, g_str_equal);
  index->stories = g_ptr_array_new_with_free_func ((GDestroyNotify) story_rec_free);
  index->by_story = g_hash_table_new (g_str_hash, g_str_equal);
  index->stamp = g_array_new (FALSE, TRUE, sizeof (guint));
  index->best = g_array_new (FALSE, TRUE, sizeof (double));
  index->total = g_array_new (FALSE, TRUE, sizeof (double));
  index->anchored = g_array_new (FALSE, TRUE, sizeof (guint));

  return index;
}

void
nf_story_index_free (NfStoryIndex *index)
{
  if (index == NULL)
    return;
  g_hash_table_unref (index->by_article);
  g_hash_table_unref (index->by_story);
  g_ptr_array_unref (index->entries);
  g_ptr_array_unref (index->stories);
  g_ptr_array_unref (index->keys);
  g_hash_table_unref (index->key_ids);
  g_array_unref (index->stamp);
  g_array_unref (index->best);
  g_array_unref (index->total);
  g_array_unref (index->anchored);
  g_free (index);
}

char *
nf_story_id_for_article (const char *article_id)
{
  g_autofree char *seed = NULL;
  g_autofree char *sum = NULL;

  g_return_val_if_fail (article_id != NULL, NULL);

  seed = g_strconcat ("story\n", article_id, NULL);
  sum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, seed, -1);
  return g_strndup (sum, 16);
}

/* Adds @sig to the postings and counts; returns the entry's slot, or
 * G_MAXUINT when the article is already indexed.  An article removed
 * (nf_story_index_remove ()) and added again gets a new entry: its dead
 * one only waits for index_compact (); taking it for "already indexed"
 * left the article in no story. */
static guint
index_register (NfStoryIndex     *index,
                NfStorySignature *sig)
{
  gpointer found = g_hash_table_lookup (index->by_article, sig->article_id);
  Entry *entry;
  guint slot = index->entries->len;

  if (found != NULL
      && ((Entry *) g_ptr_array_index (index->entries,
                                       GPOINTER_TO_UINT (found) - 1))->alive)
    {
      nf_story_signature_free (sig);
      return G_MAXUINT;
    }
  entry = g_new0 (Entry, 1);
  entry->sig = sig;
  entry->alive = TRUE;
  entry->n_keys = sig->keys->len;
  entry->key_ids = g_new (guint, entry->n_keys + 1);
  entry->groups = g_new (guint, entry->n_keys + 1);
  for (guint i = 0; i < entry->n_keys; i++)
    {
      const SigKey *key = &g_array_index (sig->keys, SigKey, i);
      guint id = intern_key (index, key->key);
      KeyInfo *info = g_ptr_array_index (index->keys, id);

      entry->key_ids[i] = id;
      entry->groups[i] = key->group;
      info->df++;
      g_array_append_val (info->postings, slot);
    }
  /* The index holds one copy of each key: the signature's own copies
   * would be most of an entry's memory. */
  g_array_unref (sig->keys);
  sig->keys = g_array_new (FALSE, FALSE, sizeof (SigKey));
  g_array_set_clear_func (sig->keys, (GDestroyNotify) sig_key_clear);
  g_ptr_array_add (index->entries, entry);
  /* The key too: a dead entry's id goes with it at compaction. */
  g_hash_table_replace (index->by_article, sig->article_id,
                        GUINT_TO_POINTER (slot + 1));
  index->n_alive++;
  g_array_set_size (index->stamp, index->entries->len);
  g_array_set_size (index->best, index->entries->len);
  g_array_set_size (index->total, index->entries->len);
  g_array_set_size (index->anchored, index->entries->len);

  return slot;
}

/* The length of an entry's weighted key vector; an entity counts once,
 * by its heaviest key. */
static double
entry_norm (NfStoryIndex *index,
            Entry        *entry)
{
  double sum = 0, group_best = 0;

  if (entry->norm_n == index->n_alive && entry->norm > 0)
    return entry->norm;
  for (guint i = 0; i < entry->n_keys; i++)
    {
      KeyInfo *info = g_ptr_array_index (index->keys, entry->key_ids[i]);
      double w2 = key_weight2 (index, info);

      group_best = MAX (group_best, w2);
      if (i + 1 == entry->n_keys || entry->groups[i + 1] != entry->groups[i])
        {
          sum += group_best;
          group_best = 0;
        }
    }
  entry->norm = sqrt (sum);
  entry->norm_n = index->n_alive;

  return entry->norm;
}

static int
julian_or_zero (int year,
                int month,
                int mday)
{
  g_autoptr(GDate) date = NULL;

  if (year < 1 || year > 9999 || !g_date_valid_dmy (mday, month, year))
    return 0;
  date = g_date_new_dmy (mday, month, year);
  return (int) g_date_get_julian (date);
}

/* Days between two signatures' dates, or -1 when one is unknown.  A
 * year-less date is as near as the nearest year makes it. */
static int
date_gap (const NfStorySignature *a,
          const NfStorySignature *b)
{
  const NfStorySignature *floating = a->day == 0 ? a : b;
  const NfStorySignature *dated = a->day == 0 ? b : a;
  int best = -1;

  if (a->day > 0 && b->day > 0)
    return ABS (a->day - b->day);
  if (floating->month == 0 || (dated->day == 0 && dated->month == 0))
    return -1;
  if (dated->day == 0)
    {
      int x = julian_or_zero (2000, floating->month, floating->mday);
      int y = julian_or_zero (2000, dated->month, dated->mday);
      int gap = ABS (x - y);

      return MIN (gap, 366 - gap);
    }
  for (int dy = -1; dy <= 1; dy++)
    {
      g_autoptr(GDate) date = g_date_new_julian ((guint32) dated->day);
      int day = julian_or_zero (g_date_get_year (date) + dy,
                                floating->month, floating->mday);

      if (day > 0 && (best < 0 || ABS (day - dated->day) < best))
        best = ABS (day - dated->day);
    }

  return best;
}

static gboolean
is_candidate (NfStoryIndex *index,
              guint         self,
              guint         slot)
{
  Entry *entry = g_ptr_array_index (index->entries, slot);

  return slot != self && entry->alive && entry->assigned;
}

/* Adds, for each earlier article that shares a key of one group of
 * @self, the heaviest shared key's weight to its dot product. */
static void
score_group (NfStoryIndex *index,
             guint         self,
             guint         first,
             guint         last,
             GArray       *touched)
{
  Entry *entry = g_ptr_array_index (index->entries, self);
  guint cap = MAX (50, index->n_alive / 10);
  guint stamp = ++index->clock;
  g_autoptr(GArray) reached = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = first; i < last; i++)
    {
      KeyInfo *info = g_ptr_array_index (index->keys, entry->key_ids[i]);
      gboolean anchor;
      double w2;

      /* Keys in many articles tell no story apart: they count in the
       * norm only, which keeps the candidate lists short. */
      if (info->df > cap || info->df < 2)
        continue;
      w2 = key_weight2 (index, info);
      anchor = info->name && key_idf (index, info) >= ANCHOR_IDF;
      for (guint p = 0; p < info->postings->len; p++)
        {
          guint slot = g_array_index (info->postings, guint, p);
          double *best = &g_array_index (index->best, double, slot);

          if (!is_candidate (index, self, slot))
            continue;
          if (anchor)
            g_array_index (index->anchored, guint, slot) = index->query;
          if (g_array_index (index->stamp, guint, slot) != stamp)
            {
              g_array_index (index->stamp, guint, slot) = stamp;
              *best = 0;
              g_array_append_val (reached, slot);
            }
          *best = MAX (*best, w2);
        }
    }
  for (guint i = 0; i < reached->len; i++)
    {
      guint slot = g_array_index (reached, guint, i);
      double *total = &g_array_index (index->total, double, slot);

      if (*total == 0)
        g_array_append_val (touched, slot);
      *total += g_array_index (index->best, double, slot);
    }
}

/* The earlier article most like @self within the date window, and how
 * alike they are (0 to 1). */
static guint
find_nearest (NfStoryIndex *index,
              guint         self,
              double       *similarity)
{
  Entry *entry = g_ptr_array_index (index->entries, self);
  g_autoptr(GArray) touched = g_array_new (FALSE, FALSE, sizeof (guint));
  double norm = entry_norm (index, entry);
  guint best = G_MAXUINT, first = 0;

  *similarity = 0;
  index->query++;
  for (guint i = 1; i <= entry->n_keys; i++)
    if (i == entry->n_keys || entry->groups[i] != entry->groups[first])
      {
        score_group (index, self, first, i, touched);
        first = i;
      }
  for (guint i = 0; i < touched->len; i++)
    {
      guint slot = g_array_index (touched, guint, i);
      Entry *other = g_ptr_array_index (index->entries, slot);
      double *total = &g_array_index (index->total, double, slot);
      int gap = date_gap (entry->sig, other->sig);
      double sim = *total / MAX (norm * entry_norm (index, other), 1e-9);

      *total = 0;
      /* Words alone make no story: it takes a rare name or figure too. */
      if (gap > (int) index->window_days
          || g_array_index (index->anchored, guint, slot) != index->query)
        continue;
      if (gap < 0)
        sim *= UNDATED_DISCOUNT;
      if (sim > *similarity)
        {
          *similarity = sim;
          best = slot;
        }
    }

  return best;
}

static guint
story_slot (NfStoryIndex *index,
            const char   *story_id)
{
  gpointer found = g_hash_table_lookup (index->by_story, story_id);
  StoryRec *rec;

  if (found != NULL)
    return GPOINTER_TO_UINT (found) - 1;
  rec = g_new0 (StoryRec, 1);
  rec->id = g_strdup (story_id);
  rec->members = g_array_new (FALSE, FALSE, sizeof (guint));
  g_ptr_array_add (index->stories, rec);
  g_hash_table_insert (index->by_story, rec->id,
                       GUINT_TO_POINTER (index->stories->len));

  return index->stories->len - 1;
}

static void
join_story (NfStoryIndex *index,
            guint         slot,
            guint         story)
{
  Entry *entry = g_ptr_array_index (index->entries, slot);
  StoryRec *rec = g_ptr_array_index (index->stories, story);

  entry->story = story;
  entry->assigned = TRUE;
  g_array_append_val (rec->members, slot);
}

/* Puts a registered entry in the story of its nearest earlier article,
 * or in a new story; returns whether the story is new. */
static gboolean
index_assign (NfStoryIndex *index,
              guint         slot)
{
  Entry *entry = g_ptr_array_index (index->entries, slot);
  double similarity;
  guint nearest = find_nearest (index, slot, &similarity);
  g_autofree char *id = NULL;

  if (nearest != G_MAXUINT && similarity >= index->threshold)
    {
      Entry *other = g_ptr_array_index (index->entries, nearest);

      join_story (index, slot, other->story);
      return FALSE;
    }
  id = nf_story_id_for_article (entry->sig->article_id);
  join_story (index, slot, story_slot (index, id));

  return TRUE;
}

/**
 * nf_story_index_add:
 * @index: the index
 * @signature: (transfer full): the new article's signature
 * @created: (out) (optional): set to whether the story is new
 *
 * Assigns one new article to a story of the articles indexed so far.
 *
 * Returns: the story id, owned by @index.
 */
const char *
nf_story_index_add (NfStoryIndex     *index,
                    NfStorySignature *signature,
                    gboolean         *created)
{
  g_autofree char *article_id = NULL;
  gboolean is_new = FALSE;
  guint slot;

  g_return_val_if_fail (index != NULL, NULL);
  g_return_val_if_fail (signature != NULL, NULL);

  article_id = g_strdup (signature->article_id);
  slot = index_register (index, signature);
  if (slot != G_MAXUINT)
    is_new = index_assign (index, slot);
  if (created != NULL)
    *created = is_new;

  return nf_story_index_lookup (index, article_id);
}

/**
 * nf_story_index_insert:
 * @signature: (transfer full):
 *
 * Puts an article into a story already decided (a store reloading its
 * index), without comparing it.
 */
void
nf_story_index_insert (NfStoryIndex     *index,
                       NfStorySignature *signature,
                       const char       *story_id)
{
  guint slot;

  g_return_if_fail (index != NULL);
  g_return_if_fail (signature != NULL);
  g_return_if_fail (story_id != NULL);

  slot = index_register (index, signature);
  if (slot != G_MAXUINT)
    join_story (index, slot, story_slot (index, story_id));
}

static Entry *
lookup_entry (NfStoryIndex *index,
              const char   *article_id,
              guint        *slot)
{
  gpointer found = g_hash_table_lookup (index->by_article, article_id);

  if (found == NULL)
    return NULL;
  *slot = GPOINTER_TO_UINT (found) - 1;
  return g_ptr_array_index (index->entries, *slot);
}

const char *
nf_story_index_lookup (NfStoryIndex *index,
                       const char   *article_id)
{
  Entry *entry;
  guint slot;

  g_return_val_if_fail (index != NULL, NULL);
  g_return_val_if_fail (article_id != NULL, NULL);

  entry = lookup_entry (index, article_id, &slot);
  if (entry == NULL || !entry->alive || !entry->assigned)
    return NULL;
  return ((StoryRec *) g_ptr_array_index (index->stories, entry->story))->id;
}

/**
 * nf_story_index_remove:
 *
 * Takes an article out of its story.  Its story keeps its id even when
 * the article that started it goes.
 *
 * Returns: (nullable): the id of the story it left, owned by @index.
 */
const char *
nf_story_index_remove (NfStoryIndex *index,
                       const char   *article_id)
{
  Entry *entry;
  StoryRec *rec;
  guint slot;

  g_return_val_if_fail (index != NULL, NULL);
  g_return_val_if_fail (article_id != NULL, NULL);

  entry = lookup_entry (index, article_id, &slot);
  if (entry == NULL || !entry->alive)
    return NULL;
  entry->alive = FALSE;
  index->n_alive--;
  for (guint i = 0; i < entry->n_keys; i++)
    ((KeyInfo *) g_ptr_array_index (index->keys, entry->key_ids[i]))->df--;
  rec = g_ptr_array_index (index->stories, entry->story);
  for (guint i = 0; i < rec->members->len; i++)
    if (g_array_index (rec->members, guint, i) == slot)
      {
        g_array_remove_index (rec->members, i);
        break;
      }

  return rec->id;
}

/* Rebuilds the index from its live entries alone, in the order they
 * came, so that what dropped articles held (keys, postings, scratch
 * cells, empty stories) is freed. */
static void
index_compact (NfStoryIndex *index)
{
  NfStoryOptions options = { index->window_days, index->threshold };
  NfStoryIndex *fresh = nf_story_index_new (&options);
  NfStoryIndex old;

  for (guint slot = 0; slot < index->entries->len; slot++)
    {
      Entry *entry = g_ptr_array_index (index->entries, slot);
      StoryRec *rec = g_ptr_array_index (index->stories, entry->story);
      guint fresh_slot;

      if (!entry->alive)
        continue;
      for (guint i = 0; i < entry->n_keys; i++)
        {
          const KeyInfo *info = g_ptr_array_index (index->keys, entry->key_ids[i]);
          SigKey key = { g_strdup (info->key), entry->groups[i] };

          g_array_append_val (entry->sig->keys, key);
        }
      fresh_slot = index_register (fresh, g_steal_pointer (&entry->sig));
      if (fresh_slot != G_MAXUINT && entry->assigned)
        join_story (fresh, fresh_slot, story_slot (fresh, rec->id));
    }
  old = *index;
  *index = *fresh;
  *fresh = old;
  nf_story_index_free (fresh);
}

/**
 * nf_story_index_trim:
 * @keep: how many of the newest articles to keep
 *
 * Drops the articles indexed first until @keep are left.  Their stories
 * do not change; new articles just no longer meet them.  What they held
 * is freed, so an index fed for a long time stays the size of @keep.
 *
 * Returns: how many articles were dropped.
 */
guint
nf_story_index_trim (NfStoryIndex *index,
                     guint         keep)
{
  guint dropped = 0;

  g_return_val_if_fail (index != NULL, 0);

  for (guint slot = 0; slot < index->entries->len && index->n_alive > keep; slot++)
    {
      Entry *entry = g_ptr_array_index (index->entries, slot);

      if (entry->alive && nf_story_index_remove (index, entry->sig->article_id))
        dropped++;
    }
  /* Compacting costs one pass over the live entries: doing it once a
   * quarter of the index is dead keeps it cheap per article. */
  if (index->entries->len - index->n_alive > MAX (64, index->n_alive / 4))
    index_compact (index);

  return dropped;
}

static int
compare_entries_by_date (gconstpointer a,
                         gconstpointer b,
                         gpointer      user_data)
{
  NfStoryIndex *index = user_data;
  const Entry *x = g_ptr_array_index (index->entries, *(const guint *) a);
  const Entry *y = g_ptr_array_index (index->entries, *(const guint *) b);

  if (x->sig->day != y->sig->day)
    return x->sig->day == 0 ? 1 : y->sig->day == 0 ? -1
           : x->sig->day < y->sig->day ? -1 : 1;
  return *(const guint *) a < *(const guint *) b ? -1 : 1;
}

/**
 * nf_story_index_get_articles:
 *
 * Returns: (transfer container) (nullable): the article ids of a story,
 *   dated ones oldest first, then the undated in the order they came.
 */
GPtrArray *
nf_story_index_get_articles (NfStoryIndex *index,
                             const char   *story_id)
{
  gpointer found;
  StoryRec *rec;
  g_autoptr(GArray) slots = NULL;
  GPtrArray *ids;

  g_return_val_if_fail (index != NULL, NULL);
  g_return_val_if_fail (story_id != NULL, NULL);

  found = g_hash_table_lookup (index->by_story, story_id);
  if (found == NULL)
    return NULL;
  rec = g_ptr_array_index (index->stories, GPOINTER_TO_UINT (found) - 1);
  slots = g_array_copy (rec->members);
  g_array_sort_with_data (slots, compare_entries_by_date, index);
  ids = g_ptr_array_new ();
  for (guint i = 0; i < slots->len; i++)
    {
      Entry *entry = g_ptr_array_index (index->entries,
                                        g_array_index (slots, guint, i));

      g_ptr_array_add (ids, entry->sig->article_id);
    }

  return ids;
}

guint
nf_story_index_get_n_articles (NfStoryIndex *index)
{
  g_return_val_if_fail (index != NULL, 0);
  return index->n_alive;
}

/**
 * nf_story_index_infer_year:
 * @article: an article already added to @index
 *
 * Gives an article whose dateline printed no year the year that fits the
 * weekday its lead names and lies nearest its story's dated articles,
 * and re-resolves its dates.
 *
 * Returns: whether @article's publication date changed.
 */
gboolean
nf_story_index_infer_year (NfStoryIndex *index,
                           NfArticle    *article)
{
  g_autoptr(GArray) days = g_array_new (FALSE, FALSE, sizeof (int));
  Entry *entry;
  StoryRec *rec;
  guint slot;
  int year;

  g_return_val_if_fail (index != NULL, FALSE);
  g_return_val_if_fail (article != NULL && article->id != NULL, FALSE);

  entry = lookup_entry (index, article->id, &slot);
  if (entry == NULL || !entry->assigned || entry->sig->day != 0
      || entry->sig->month == 0)
    return FALSE;
  rec = g_ptr_array_index (index->stories, entry->story);
  for (guint i = 0; i < rec->members->len; i++)
    {
      Entry *other = g_ptr_array_index (index->entries,
                                        g_array_index (rec->members, guint, i));

      if (other->alive && other->sig->day > 0)
        g_array_append_val (days, other->sig->day);
    }
  year = _nf_story_pick_year (entry->sig->month, entry->sig->mday,
                              nf_dates_lede_weekday (article),
                              (const int *) days->data, days->len);
  if (year == 0)
    return FALSE;
  entry->sig->day = julian_or_zero (year, entry->sig->month, entry->sig->mday);

  return _nf_story_set_year (article, year);
}

/* Batch */

static NfStory *
story_for (GHashTable *by_id,
           GPtrArray  *stories,
           const char *id)
{
  NfStory *story = g_hash_table_lookup (by_id, id);

  if (story == NULL)
    {
      story = nf_story_new (id);
      g_ptr_array_add (stories, story);
      g_hash_table_insert (by_id, story->id, story);
    }

  return story;
}

static void
assign_in_date_order (NfStoryIndex *index,
                      GArray       *slots)
{
  g_autoptr(GArray) order = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < slots->len; i++)
    if (g_array_index (slots, guint, i) != G_MAXUINT)
      g_array_append_val (order, g_array_index (slots, guint, i));
  g_array_sort_with_data (order, compare_entries_by_date, index);
  for (guint i = 0; i < order->len; i++)
    index_assign (index, g_array_index (order, guint, i));
}

/**
 * nf_stories_assign:
 * @articles: (element-type NfArticle): parsed articles with their ids
 * @options: (nullable): assignment options
 *
 * Groups @articles into stories, sets each article's story, and settles
 * the year of datelines that printed none from their stories.  Keys are
 * weighted by their rarity over all of @articles; articles are assigned
 * oldest first, so a story's id comes from its oldest article.
 *
 * Returns: (transfer full) (element-type NfStory): the stories, in the
 *   order of their first article in @articles.
 */
GPtrArray *
nf_stories_assign (GPtrArray            *articles,
                   const NfStoryOptions *options)
{
  g_autoptr(NfStoryIndex) index = nf_story_index_new (options);
  g_autoptr(GArray) slots = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *stories = g_ptr_array_new_with_free_func ((GDestroyNotify) nf_story_free);

  g_return_val_if_fail (articles != NULL, stories);

  for (guint i = 0; i < articles->len; i++)
    {
      NfArticle *article = g_ptr_array_index (articles, i);
      guint slot = G_MAXUINT;

      if (article->id != NULL)
        slot = index_register (index, nf_story_signature_new (article));
      g_array_append_val (slots, slot);
    }
  assign_in_date_order (index, slots);

  for (guint i = 0; i < articles->len; i++)
    {
      NfArticle *article = g_ptr_array_index (articles, i);
      const char *id;

      if (article->id == NULL)
        continue;
      nf_story_index_infer_year (index, article);
      id = nf_story_index_lookup (index, article->id);
      g_free (article->story);
      article->story = g_strdup (id);
      nf_story_add_article (story_for (by_id, stories, id), article);
    }

  return stories;
}
