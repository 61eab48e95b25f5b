/* nf-sentences.c: sentence splitting for news text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One pass over the bytes, no allocation but the result.  A sentence ends
 * at ".", "!", "?" or an ellipsis, after any closing quotes and brackets,
 * when white space and the start of a new sentence follow.  The hard part
 * is the period that ends an abbreviation: "Mr." and "Dr." never end a
 * sentence, "Jan." and "No." not before a number, and "U.S.", "p.m." or an
 * initial ("John F. Kennedy", "S. Korea") only when a word that usually
 * opens a sentence comes next ("... in the U.S. The ...").
 */

#define G_LOG_DOMAIN "newsfacts"

#include "config.h"

#include <string.h>

#include "nf-lexicon-private.h"
#include "nf-pipeline-private.h"

/* Titles before a name: a period after them never ends a sentence. */
static const char *const titles[] = {
  "Mr", "Mrs", "Ms", "Mx", "Dr", "Prof", "Sen", "Rep", "Gov", "Gen", "Lt",
  "Col", "Capt", "Cpt", "Sgt", "Maj", "Adm", "Cmdr", "Rev", "Fr", "St", "Mt",
  "Ft", "Pres", "Supt", "Msgr", "Hon", "Amb", "Atty", "Insp", "Det", "Cpl",
  "Pvt", "Brig", "Gens", "Reps", "Sens", "Messrs", "Mmes", "Rt", "vs", "v",
  "cf", "ca", "approx", "Nos", "Pt", "Ste",
};

/* Before a number: "Jan. 5", "No. 1", "Art. 9", "p. 12". */
static const char *const before_number[] = {
  "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct",
  "Nov", "Dec", "No", "Nos", "no", "Art", "Fig", "Vol", "Ch", "Sec", "p",
  "pp", "Ex", "Rev", "Para", "Op", "Tel", "ext", "Ext", "Rm", "Ste", "Apt",
  "Ave", "St", "Rd", "Route", "Hwy", "Gate", "Nr", "Jan", "est", "approx",
};

/* Abbreviations that may end a sentence, but usually do not. */
static const char *const abbreviations[] = {
  "Inc", "Corp", "Co", "Ltd", "Jr", "Sr", "Bros", "Ave", "Blvd", "Rd", "etc",
  "Dept", "Univ", "Assn", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug",
  "Sep", "Sept", "Oct", "Nov", "Dec", "Mon", "Tue", "Tues", "Wed", "Thu",
  "Thur", "Thurs", "Fri", "Sat", "Sun", "Calif", "Ariz", "Fla", "Mass",
  "Conn", "Wash", "Penn", "Pa", "Ill", "Mich", "Minn", "Wis", "Tenn", "Ky",
  "Va", "Ga", "Ala", "Ark", "Colo", "Del", "Ind", "Kan", "La", "Md", "Miss",
  "Mo", "Mont", "Neb", "Nev", "Okla", "Ore", "Tex", "Vt", "Wyo", "anniv",
  "govt", "Govt", "yr", "yrs", "mln", "bln", "tr", "min", "max", "Intl",
  "Natl", "Nat", "Mfg", "Cos", "Corps", "Pty", "Plc", "PLC", "AG", "SA",
  "Ph", "al", "ed", "eds", "Gen", "Lt",
};

/* Words that usually open a sentence: after "U.S." or an initial, they
 * say the period ended the sentence. */
static const char *const openers[] = {
  "The", "A", "An", "He", "She", "It", "They", "We", "I", "You", "His",
  "Her", "Its", "Their", "Our", "My", "Your", "This", "That", "These",
  "Those", "There", "Here", "But", "And", "Or", "So", "Yet", "In", "On",
  "At", "For", "With", "As", "After", "Before", "When", "While", "If",
  "Although", "Though", "However", "Meanwhile", "Still", "Also", "Then",
  "Now", "Some", "Many", "Most", "Both", "Each", "All", "Not", "What",
  "Who", "Why", "How", "Where", "Under", "Over", "Since", "During",
  "According", "Earlier", "Later", "Last", "Next", "Such", "Other",
  "Another", "One", "Two", "Three", "Officials", "Yesterday", "Today",
  "Tomorrow", "Despite", "Because", "Instead", "Moreover", "Further",
  "Furthermore", "Nevertheless", "Nonetheless", "Thus", "Therefore",
  "Among", "About", "From", "To", "By", "Until", "Once", "Even", "Only",
  "Just", "No", "Yes", "Mr", "Mrs", "Ms", "Dr", "Asked", "Speaking",
};

/* Verbs of saying: '"Are you kidding?" Trump asked.' is one sentence. */
static const char *const speech_verbs[] = {
  "said", "says", "asked", "asks", "added", "adds", "told", "tells",
  "wrote", "writes", "tweeted", "replied", "shouted", "continued",
  "explained", "noted", "recalled", "declared", "insisted", "argued",
  "answered", "responded", "quipped", "joked", "warned", "cried",
  "exclaimed", "wondered", "demanded", "stated", "remarked", "yelled",
  "laughed", "sighed", "urged", "pleaded", "admitted", "conceded",
};

static gboolean
in_list (const char         *word,
         gsize               len,
         const char *const  *list,
         gsize               n_list)
{
  /* The first letters first: most words differ there. */
  for (gsize i = 0; i < n_list; i++)
    if ((len == 0 || list[i][0] == word[0]) && strlen (list[i]) == len
        && memcmp (list[i], word, len) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
is_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'
         || c == '\v';
}

/* Length of a closing quote or bracket at @p, or 0. */
static gsize
closer_len (const char *p,
            const char *e)
{
  if (*p == '"' || *p == '\'' || *p == ')' || *p == ']')
    return 1;
  /* ’ ” » */
  if (e - p >= 3 && (guchar) p[0] == 0xE2 && (guchar) p[1] == 0x80
      && ((guchar) p[2] == 0x99 || (guchar) p[2] == 0x9D))
    return 3;
  if (e - p >= 2 && (guchar) p[0] == 0xC2 && (guchar) p[1] == 0xBB)
    return 2;
  return 0;
}

/* Whether an opening quote or bracket is at @p. */
static gboolean
is_opener_mark (const char *p,
                const char *e)
{
  if (*p == '"' || *p == '\'' || *p == '(' || *p == '[')
    return TRUE;
  /* ‘ “ « */
  if (e - p >= 3 && (guchar) p[0] == 0xE2 && (guchar) p[1] == 0x80
      && ((guchar) p[2] == 0x98 || (guchar) p[2] == 0x9C))
    return TRUE;
  return e - p >= 2 && (guchar) p[0] == 0xC2 && (guchar) p[1] == 0xAB;
}

static gboolean
is_ellipsis (const char *p,
             const char *e)
{
  return e - p >= 3 && (guchar) p[0] == 0xE2 && (guchar) p[1] == 0x80
         && (guchar) p[2] == 0xA6;
}

/* "(Yonhap)" or "(AP)" closing the paragraph signs it: it belongs to the
 * last sentence. */
static gboolean
is_closing_tag (const char *p,
                const char *e)
{
  const char *close;

  if (p >= e || *p != '(')
    return FALSE;
  close = memchr (p, ')', e - p);
  if (close == NULL || close - p > 40)
    return FALSE;
  for (const char *q = close + 1; q < e; q++)
    if (!is_space (*q))
      return FALSE;
  return TRUE;
}

/* The word before the period at @dot, without opening marks. */
static const char *
word_before (const char *start,
             const char *dot)
{
  const char *w = dot;

  while (w > start && !is_space (w[-1]) && w[-1] != '(' && w[-1] != '"'
         && w[-1] != '[' && w[-1] != '/' && w[-1] != '-'
         && !((guchar) w[-1] >= 0x80 && (guchar) w[-1] < 0xC0
              && w - start >= 3 && (guchar) w[-3] == 0xE2))
    w--;
  return w;
}

static gboolean
next_is_opener_word (const char *p,
                     const char *e)
{
  const char *w = p;

  while (p < e && g_ascii_isalpha (*p))
    p++;
  if (p < e && (*p == '.' || *p == '\''))
    {
      /* "Mr." opens a sentence; "U.S." does not tell. */
      if (*p == '.' && p + 1 < e && g_ascii_isalpha (p[1]))
        return FALSE;
    }
  return in_list (w, p - w, openers, G_N_ELEMENTS (openers));
}

static gboolean
is_upper_start (const char *p,
                const char *e)
{
  if (g_ascii_isupper (*p) || g_ascii_isdigit (*p))
    return TRUE;
  /* "iPhone", "eBay": a brand in camel case may open a sentence. */
  if (g_ascii_islower (*p) && p + 1 < e && g_ascii_isupper (p[1]))
    return TRUE;
  if ((guchar) *p >= 0xC0)
    {
      gunichar c = g_utf8_get_char_validated (p, e - p);

      return c != (gunichar) -1 && c != (gunichar) -2
             && (g_unichar_isupper (c) || g_unichar_istitle (c)
                 || (g_unichar_isalpha (c) && !g_unichar_islower (c)));
    }
  return FALSE;
}

/* Whether a verb of saying comes within the next few words after a
 * closing quote, before any other punctuation ("... Trump said.").  After
 * a period the verb must also end its clause, so that '"We won." The
 * coach said the team ...' still splits. */
static gboolean
attribution_follows (const char *p,
                     const char *e,
                     gboolean    after_period)
{
  for (int words = 0; words < 4 && p < e; words++)
    {
      const char *w = p;
      const char *end;

      while (p < e && (g_ascii_isalpha (*p) || *p == '-' || *p == '\''))
        p++;
      end = p;
      if (end == w)
        return FALSE;
      if (in_list (w, end - w, speech_verbs, G_N_ELEMENTS (speech_verbs)))
        return !after_period || p >= e || *p == '.' || *p == ','
               || *p == ';';
      /* "Mrs. Clinton said": a title or an initial may carry a period. */
      if (p < e && *p == '.'
          && (in_list (w, end - w, titles, G_N_ELEMENTS (titles))
              || (end - w == 1 && g_ascii_isupper (*w))))
        p++;
      if (p >= e || *p != ' ')
        return FALSE;
      p++;
    }
  return FALSE;
}

/* Decides whether the period at @dot, with @next the first character of
 * the next word, ends a sentence. */
static gboolean
period_ends_sentence (const char *start,
                      const char *dot,
                      const char *next,
                      const char *e)
{
  const char *w = word_before (start, dot);
  gsize len = dot - w;
  gboolean digit_next = g_ascii_isdigit (*next);
  gboolean dotted = memchr (w, '.', len) != NULL;
  gboolean has_digit = FALSE;

  for (const char *q = w; q < dot; q++)
    if (g_ascii_isdigit (*q))
      has_digit = TRUE;

  if (len == 0)
    return TRUE;
  if (in_list (w, len, titles, G_N_ELEMENTS (titles)))
    return FALSE;
  if (digit_next && in_list (w, len, before_number, G_N_ELEMENTS (before_number)))
    return FALSE;
  if (is_opener_mark (next, e) && !(*next == '(' || *next == '['))
    return TRUE;
  /* "U.S.", "a.m.", "N.Y.", an initial, "Inc.": only before an opener. */
  if ((dotted && !has_digit) || (len == 1 && g_ascii_isupper (*w))
      || in_list (w, len, abbreviations, G_N_ELEMENTS (abbreviations))
      || (len == 1 && g_ascii_islower (*w)))
    return next_is_opener_word (next, e);
  return TRUE;
}

/* If a sentence mark (".", "!", "?", "…") is at @p, returns the end of
 * the run of marks and closing quotes or brackets after it; else NULL. */
static const char *
scan_marks (const char *p,
            const char *e,
            gboolean   *ellipsis,
            gboolean   *quoted)
{
  gsize n;

  if (*p != '.' && *p != '!' && *p != '?' && !is_ellipsis (p, e))
    return NULL;

  *ellipsis = is_ellipsis (p, e);
  p += *ellipsis ? 3 : 1;
  /* Runs of marks: "?!", "...", "!!" */
  while (p < e && (*p == '.' || *p == '!' || *p == '?' || is_ellipsis (p, e)))
    {
      *ellipsis = *ellipsis || *p == '.' || is_ellipsis (p, e);
      p += is_ellipsis (p, e) ? 3 : 1;
    }
  *quoted = FALSE;
  while (p < e && (n = closer_len (p, e)) > 0)
    {
      *quoted = *quoted || *p != ')';
      p += n;
    }
  return p;
}

/* Whether the marks at @mark end the sentence, @next being the first
 * character after the white space that follows them. */
static gboolean
ends_sentence (const char *start,
               const char *mark,
               const char *next,
               const char *e,
               gboolean    ellipsis,
               gboolean    quoted)
{
  if (is_closing_tag (next, e))
    return FALSE;
  if (!is_upper_start (next, e) && !is_opener_mark (next, e))
    return FALSE;
  if (quoted && attribution_follows (next, e, *mark == '.'))
    return FALSE;
  if (*mark == '.' && !ellipsis)
    return period_ends_sentence (start, mark, next, e);
  return TRUE;
}

static void
add_span (GArray     *out,
          const char *text,
          const char *start,
          const char *end)
{
  NfSpan span;

  while (end > start && is_space (end[-1]))
    end--;
  if (end <= start)
    return;
  span.start = start - text;
  span.end = end - text;
  g_array_append_val (out, span);
}

static const guint8 mark_start[256] = {
  ['.'] = 1, ['!'] = 1, ['?'] = 1, [0xE2] = 1,
};

/* The first byte from @p that may start an end mark (see mark_start),
 * or @e.  Eight bytes at a time: ASCII bytes other than . ! ? are passed
 * at once, and a byte from 0x80 is looked at alone. */
static const char *
next_mark_start (const char *p,
                 const char *e)
{
#if G_BYTE_ORDER == G_LITTLE_ENDIAN && defined (__GNUC__)
  while (e - p >= 8)
    {
      guint64 x, x7, hit;

      memcpy (&x, p, 8);
      x7 = x & 0x7F7F7F7F7F7F7F7Full;
      hit = (NF_SWAR_IN_RANGE (x7, '.', '.') | NF_SWAR_IN_RANGE (x7, '!', '!')
             | NF_SWAR_IN_RANGE (x7, '?', '?') | x) & 0x8080808080808080ull;
      if (hit != 0)
        {
          p += __builtin_ctzll (hit) >> 3;
          if (mark_start[(guchar) *p])
            return p;
          p++;
          continue;
        }
      p += 8;
    }
#endif
  while (p < e && !mark_start[(guchar) *p])
    p++;
  return p;
}

/* Splits [start, end) of @text and appends the sentence spans (trimmed,
 * byte offsets into @text) to @out. */
static void
split_into (const char *text,
            gsize       start,
            gsize       end,
            GArray     *out)
{
  const char *e = text + end;
  const char *p = text + start;
  const char *sentence = NULL;

  while (p < e)
    {
      const char *after, *next;
      gboolean ellipsis, quoted;

      if (sentence == NULL && is_space (*p))
        {
          p++;
          continue;
        }
      if (sentence == NULL)
        sentence = p;
      /* Only . ! ? and the ellipsis (E2 80 A6) can end a sentence. */
      p = next_mark_start (p, e);
      if (p >= e)
        break;

      after = scan_marks (p, e, &ellipsis, &quoted);
      if (after == NULL || after >= e || !is_space (*after))
        {
          p = after != NULL ? after : p + 1;
          continue;
        }

      for (next = after; next < e && is_space (*next); next++)
        ;
      if (next < e && ends_sentence (text + start, p, next, e, ellipsis, quoted))
        {
          add_span (out, text, sentence, after);
          sentence = NULL;
        }
      p = next;
    }

  if (sentence != NULL)
    add_span (out, text, sentence, e);
}

/**
 * nf_sentences_split:
 * @text: one paragraph of news text (UTF-8)
 * @len: its length in bytes
 *
 * Returns: (transfer full): the sentences as #NfSpan byte offsets into
 *   @text, in order, without surrounding white space
 */
GArray *
nf_sentences_split (const char *text,
                    gsize       len)
{
  GArray *spans = g_array_new (FALSE, FALSE, sizeof (NfSpan));

  g_return_val_if_fail (text != NULL || len == 0, spans);

  if (len > 0)
    split_into (text, 0, len, spans);
  return spans;
}

void
_nf_sentences_run (NfArticle *article)
{
  /* Room for the sentences at once (news sentences run to about 120
   * bytes), so that the array does not grow one step at a time. */
  g_array_set_size (article->sentences, article->text_len / 100 + 8);
  g_array_set_size (article->sentences, 0);
  for (guint i = 0; i < article->blocks->len; i++)
    {
      const NfBlock *block = &g_array_index (article->blocks, NfBlock, i);

      if (block->kind == NF_BLOCK_BODY)
        split_into (article->text, block->start, block->end, article->sentences);
    }
}
