/* nf-structure.c: headline, byline, dateline, body and furniture
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every non-blank line of the input becomes one block of a known kind, so
 * nothing is lost: page furniture is classified, never dropped.  The
 * article has a head (furniture, headline, byline, date lines) and a body;
 * after "(END)" or a "Related" heading comes a tail of related headlines.
 * The rules look at the shape of a line (its length, its first words, its
 * parentheses), never at the words of one particular article.
 */

#define G_LOG_DOMAIN "newsfacts"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "nf-pipeline-private.h"

/* A headline is a line, not a paragraph: anything longer is body text. */
#define MAX_HEADLINE_BYTES 300
#define MAX_RELATED_BYTES  300
#define MAX_BYLINE_BYTES   160

typedef struct
{
  gsize       start;
  gsize       end;
  NfBlockKind kind;
} Line;

typedef struct
{
  NfArticle            *article;
  const NfParseOptions *options;
  GArray               *lines;         /* Line */
  NfDateParts           parts;         /* the printed publication date */
  gsize                 date_start;
  gsize                 date_end;
  gboolean              have_date;
  GHashTable           *contacts_seen;  /* the addresses in article->contacts */
} Parse;

static const char *const month_names[] = {
  "january", "february", "march", "april", "may", "june", "july",
  "august", "september", "october", "november", "december",
};

static const char *const weekday_names[] = {
  "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
  "sunday",
};

/* Wire services and the like, as they sign bylines and datelines. */
static const char *const agency_names[] = {
  "Yonhap", "Yonhap News Agency", "AP", "Associated Press",
  "The Associated Press", "Reuters", "Thomson Reuters", "AFP",
  "Agence France-Presse", "Xinhua", "Kyodo", "Kyodo News", "Bloomberg",
  "Bloomberg News", "UPI", "United Press International", "dpa", "DPA", "EFE",
  "ANSA", "Bernama", "PTI", "IANS", "ANI", "TASS", "Interfax", "KCNA",
  "Anadolu", "Anadolu Agency", "Jiji", "Jiji Press", "AAP", "CP",
  "The Canadian Press", "Canadian Press", "PA", "Press Association",
  "CNN", "NHK", "RIA Novosti", "Tanjug", "Antara", "Notimex", "Prensa Latina",
  "Newsis", "News1", "Kyodo News Agency", "Xinhua News Agency",
};

/* Whole lines that are page furniture, compared without case and without
 * a trailing colon. */
static const char *const furniture_lines[] = {
  "from", "send to", "share", "share this", "share this article",
  "share on facebook", "share on twitter", "print", "print this article",
  "email", "e-mail", "tweet", "facebook", "twitter", "whatsapp", "linkedin",
  "reddit", "pinterest", "kakaotalk", "advertisement", "advertising",
  "sponsored", "close", "menu", "subscribe", "sign up", "log in", "login",
  "comments", "font size", "text size", "listen", "listen to this article",
  "copy link", "copy url", "bookmark", "back to top", "skip to content",
  "skip to main content", "continue reading", "story continues below",
  "story continues below advertisement", "scroll to continue with content",
  "(end)", "end", "-30-", "home", "all news", "top news", "latest", "abstract", "full text", "correction appended",
  "corrections appended", "editor's note", "watch", "video", "photos", "--30--", "a a", "a+ a-", "url copied",
};

/* Headings above a list of other headlines. */
static const char *const related_headings[] = {
  "related", "related articles", "related stories", "related news",
  "related coverage", "related content", "related links", "related topics",
  "read more", "read also", "also read", "see also", "more stories",
  "more on this story", "more from this section", "most popular",
  "most read", "most viewed", "recommended", "recommended stories",
  "you may also like", "you might also like", "top stories", "latest news",
  "more news", "trending", "editor's picks",
};

/* Openings that mark a photo caption. */
static const char *const caption_openings[] = {
  "This image", "This photo", "This picture", "This file photo",
  "This undated photo", "This handout photo", "This handout image",
  "This screenshot", "This screen grab", "This video grab", "This still",
  "This combination photo", "This aerial photo", "This satellite image",
  "This graphic", "This map", "This composite", "This captured image",
  "This TV image", "In this photo", "In this image", "In this file photo",
  "In this undated", "In this handout", "In this picture", "In this frame",
  "In this screenshot", "In this aerial", "In this combination",
  "A file photo", "File photo", "Photo shows", "Photo taken",
  "Pictured:", "Caption:", "Image:", "Photo:", "Picture:",
};

/* Words in capitals that open a headline or a paragraph like a place
 * would: "EXCLUSIVE – Roger Stone: ...". */
static const char *const kickers[] = {
  "exclusive", "breaking", "breaking news", "update", "updated", "analysis",
  "opinion", "editorial", "commentary", "live", "video", "watch", "photos",
  "fact check", "correction", "news analysis", "urgent", "flash", "alert",
  "review", "interview", "feature", "profile", "obituary", "explainer",
};

static const char *const time_zones[] = {
  "KST", "GMT", "UTC", "ET", "EST", "EDT", "CET", "CEST", "BST", "PST",
  "PDT", "CST", "CDT", "MST", "MDT", "JST", "HKT", "SGT", "IST", "AEST",
  "AEDT", "Z",
};

/* ---- small text helpers ---- */

static gboolean
is_space (char c)
{
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f'
         || c == '\v';
}

static const char *
skip_spaces (const char *p,
             const char *e)
{
  while (p < e && is_space (*p))
    p++;
  return p;
}

/* Trims ASCII white space and no-break spaces (U+00A0) at both ends. */
static void
trim (const char  *text,
      gsize       *start,
      gsize       *end)
{
  while (*start < *end)
    {
      if (is_space (text[*start]))
        *start += 1;
      else if (*end - *start >= 2 && (guchar) text[*start] == 0xC2
               && (guchar) text[*start + 1] == 0xA0)
        *start += 2;
      else
        break;
    }
  while (*end > *start)
    {
      if (is_space (text[*end - 1]))
        *end -= 1;
      else if (*end - *start >= 2 && (guchar) text[*end - 2] == 0xC2
               && (guchar) text[*end - 1] == 0xA0)
        *end -= 2;
      else
        break;
    }
}

static gboolean
is_word_char (char c)
{
  return g_ascii_isalnum (c) || (guchar) c >= 0x80;
}

/* Whether [p, e) starts with @prefix (ASCII, any case). */
/* g_ascii_tolower (), inline */
static inline char
lower_c (char c)
{
  return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

static gboolean
has_prefix_ci (const char *p,
               const char *e,
               const char *prefix)
{
  gsize n;

  /* The first letters first: lines are tested against many words. */
  if (*prefix != '\0'
      && (p >= e || lower_c (*p) != lower_c (*prefix)))
    return FALSE;
  n = strlen (prefix);
  return (gsize) (e - p) >= n && g_ascii_strncasecmp (p, prefix, n) == 0;
}

/* Like has_prefix_ci() but the prefix must end at a word boundary. */
static gboolean
has_word_ci (const char *p,
             const char *e,
             const char *word)
{
  gsize n = strlen (word);

  return has_prefix_ci (p, e, word)
         && (p + n == e || !is_word_char (p[n]) || !is_word_char (word[n - 1]));
}

static gboolean
equal_ci (const char *p,
          const char *e,
          const char *word)
{
  if (p < e && lower_c (*p) != lower_c (*word))
    return FALSE;
  return (gsize) (e - p) == strlen (word) && has_prefix_ci (p, e, word);
}

static gboolean
has_suffix (const char *p,
            const char *e,
            const char *suffix)
{
  gsize n = strlen (suffix);

  return (gsize) (e - p) >= n && memcmp (e - n, suffix, n) == 0;
}

static gboolean
in_list_ci (const char         *p,
            const char         *e,
            const char *const  *list,
            gsize               n_list)
{
  char first;

  if (p >= e)
    return FALSE;
  /* The first letter inline: a line is tested against long lists, and
   * most lines share it with none of the entries. */
  first = lower_c (*p);
  for (gsize i = 0; i < n_list; i++)
    if (lower_c (list[i][0]) == first && equal_ci (p, e, list[i]))
      return TRUE;
  return FALSE;
}

static gboolean
is_agency (const char *p,
           const char *e)
{
  for (gsize i = 0; i < G_N_ELEMENTS (agency_names); i++)
    if ((gsize) (e - p) == strlen (agency_names[i])
        && memcmp (p, agency_names[i], e - p) == 0)
      return TRUE;
  return has_suffix (p, e, " News Agency") || has_suffix (p, e, " News Service");
}

/* A dash between a dateline and the story, or between parts of a line:
 * "--", an em or en dash, or a lone hyphen.  Returns its length. */
static gsize
dash_len (const char *p,
          const char *e)
{
  if (e - p >= 2 && p[0] == '-' && p[1] == '-')
    return 2;
  if (e - p >= 3 && (guchar) p[0] == 0xE2 && (guchar) p[1] == 0x80
      && ((guchar) p[2] == 0x94 || (guchar) p[2] == 0x93))
    return 3;
  if (p < e && p[0] == '-')
    return 1;
  /* Old AP copy: "MOSCOW (AP)_ Russia ..." */
  if (p < e && p[0] == '_')
    return 1;
  return 0;
}

static gboolean
has_letter_or_digit (const char *p,
                     const char *e)
{
  for (; p < e; p++)
    if (is_word_char (*p))
      return TRUE;
  return FALSE;
}

static void
add_unique (GPtrArray  *array,
            const char *p,
            gsize       len)
{
  for (guint i = 0; i < array->len; i++)
    {
      const char *s = g_ptr_array_index (array, i);

      if (strlen (s) == len && memcmp (s, p, len) == 0)
        return;
    }
  g_ptr_array_add (array, g_strndup (p, len));
}

/* ---- dates ---- */

static int
match_name (const char         *p,
            const char         *e,
            const char *const  *names,
            int                 n_names,
            const char        **out)
{
  gsize len = 0;

  /* Names are capitalised: "may" and "march" are also common words. */
  if (p >= e || !g_ascii_isupper (*p))
    return 0;
  while (p + len < e && g_ascii_isalpha (p[len]))
    len++;
  if (len < 3)
    return 0;

  for (int i = 0; i < n_names; i++)
    {
      gsize full = strlen (names[i]);

      if ((len == full || len == 3 || (len == 4 && i == 8 && names == month_names))
          && len <= full && g_ascii_strncasecmp (p, names[i], len) == 0)
        {
          p += len;
          if (p < e && *p == '.' && len < full)
            p++;
          *out = p;
          return i + 1;
        }
    }
  return 0;
}

static const char *
parse_number (const char *p,
              const char *e,
              int         max_digits,
              int        *value)
{
  int n = 0;
  int v = 0;

  while (p < e && g_ascii_isdigit (*p) && n < max_digits)
    {
      v = v * 10 + (*p - '0');
      p++;
      n++;
    }
  if (n == 0 || (p < e && g_ascii_isdigit (*p)))
    return NULL;
  *value = v;
  return p;
}

/* "09:21", "9:21 a.m.", "21:05:00", "9 p.m." */
static const char *
parse_time (const char *p,
            const char *e,
            int        *hour,
            int        *minute)
{
  static const char *const marks[] = { "a.m.", "p.m.", "am", "pm", "AM", "PM",
                                       "A.M.", "P.M." };
  const char *q;
  int h, m = 0, s;
  gboolean colon = FALSE;

  q = parse_number (p, e, 2, &h);
  if (q == NULL)
    return NULL;
  if (q + 1 < e && *q == ':' && g_ascii_isdigit (q[1]))
    {
      q = parse_number (q + 1, e, 2, &m);
      if (q == NULL)
        return NULL;
      if (q + 1 < e && *q == ':' && g_ascii_isdigit (q[1]))
        q = parse_number (q + 1, e, 2, &s);
      if (q == NULL)
        return NULL;
      colon = TRUE;
    }

  {
    const char *r = skip_spaces (q, e);

    for (gsize i = 0; i < G_N_ELEMENTS (marks); i++)
      if (has_word_ci (r, e, marks[i]) && memcmp (r, marks[i], strlen (marks[i])) == 0)
        {
          if (h < 1 || h > 12)
            return NULL;
          if (marks[i][0] == 'p' || marks[i][0] == 'P')
            h = h % 12 + 12;
          else
            h = h % 12;
          q = r + strlen (marks[i]);
          colon = TRUE;
          break;
        }
  }

  if (!colon || h > 23 || m > 59)
    return NULL;
  *hour = h;
  *minute = m;
  return q;
}

static const char *
skip_zone (const char *p,
           const char *e)
{
  const char *q = skip_spaces (p, e);
  gboolean paren = q < e && *q == '(';

  if (paren)
    q++;
  for (gsize i = 0; i < G_N_ELEMENTS (time_zones); i++)
    if (has_word_ci (q, e, time_zones[i])
        && memcmp (q, time_zones[i], strlen (time_zones[i])) == 0)
      {
        q += strlen (time_zones[i]);
        if (q < e && (*q == '+' || *q == '-') && q + 1 < e
            && g_ascii_isdigit (q[1]))
          for (q++; q < e && (g_ascii_isdigit (*q) || *q == ':'); q++)
            ;
        if (paren)
          {
            if (q < e && *q == ')')
              return q + 1;
            return p;
          }
        return q;
      }
  if (!paren && q < e && (*q == '+' || *q == '-') && e - q >= 5
      && g_ascii_isdigit (q[1]) && g_ascii_isdigit (q[2]))
    {
      for (q++; q < e && (g_ascii_isdigit (*q) || *q == ':'); q++)
        ;
      return q;
    }
  return p;
}

/* A time after a date: " - 09:21", ", 9:21 a.m. ET", "T09:21", " at 5 p.m." */
static const char *
parse_time_after_date (const char  *p,
                       const char  *e,
                       NfDateParts *parts)
{
  const char *q = p;
  gsize d;

  if (q < e && *q == 'T')
    q++;
  else
    {
      q = skip_spaces (q, e);
      if (q < e && (*q == ',' || *q == '|' || *q == '/'))
        q++;
      else if ((d = dash_len (q, e)) > 0)
        q += d;
      q = skip_spaces (q, e);
      if (has_word_ci (q, e, "at"))
        q = skip_spaces (q + 2, e);
    }

  q = parse_time (q, e, &parts->hour, &parts->minute);
  if (q == NULL)
    return p;
  return skip_zone (q, e);
}

static gboolean
check_date (const NfDateParts *parts)
{
  static const int days[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

  if (parts->month < 1 || parts->month > 12 || parts->day < 1
      || parts->day > days[parts->month - 1])
    return FALSE;
  if (parts->year != 0 && (parts->year < 1900 || parts->year > 2199))
    return FALSE;
  if (parts->year != 0 && !g_date_valid_dmy (parts->day, parts->month,
                                             parts->year))
    return FALSE;
  return TRUE;
}

static const char *
skip_ordinal_suffix (const char *p,
                     const char *e)
{
  if (e - p >= 2 && (has_prefix_ci (p, e, "st") || has_prefix_ci (p, e, "nd")
                     || has_prefix_ci (p, e, "rd") || has_prefix_ci (p, e, "th"))
      && (e - p == 2 || !g_ascii_isalpha (p[2])))
    return p + 2;
  return p;
}

/* ", 2020" or " 2020" after a day and month. */
static const char *
parse_year_after (const char *p,
                  const char *e,
                  int        *year)
{
  const char *q = p;
  const char *r;

  if (q < e && *q == ',')
    q++;
  q = skip_spaces (q, e);
  if (q == p && (q >= e || *q != ','))
    return p;
  r = parse_number (q, e, 4, year);
  if (r == NULL || r - q != 4 || (r < e && g_ascii_isalpha (*r)))
    {
      *year = 0;
      return p;
    }
  return r;
}

static const char *
parse_iso_date (const char  *p,
                const char  *e,
                NfDateParts *parts)
{
  const char *q;
  char sep;

  q = parse_number (p, e, 4, &parts->year);
  if (q == NULL || q - p != 4 || q >= e || (*q != '-' && *q != '/' && *q != '.'))
    return NULL;
  sep = *q;
  q = parse_number (q + 1, e, 2, &parts->month);
  if (q == NULL || q >= e || *q != sep)
    return NULL;
  return parse_number (q + 1, e, 2, &parts->day);
}

/* Parses a date at @p: "April 28, 2020", "Apr. 28 2020", "28 April 2020",
 * "Tuesday, May 5", "2020-04-28", each with an optional time after it.
 * Returns the end of the date, or NULL.  The year is 0 when none is
 * printed. */
static const char *
parse_date (const char  *p,
            const char  *e,
            NfDateParts *parts)
{
  NfDateParts d = { 0, 0, 0, -1, 0 };
  const char *q = p;
  const char *r;

  if (match_name (q, e, weekday_names, 7, &r))
    {
      q = r;
      if (q < e && *q == ',')
        q++;
      q = skip_spaces (q, e);
    }

  if (q < e && g_ascii_isdigit (*q) && (r = parse_iso_date (q, e, &d)) != NULL)
    q = r;
  else if (q < e && g_ascii_isdigit (*q))
    {
      q = parse_number (q, e, 2, &d.day);
      if (q == NULL)
        return NULL;
      q = skip_spaces (skip_ordinal_suffix (q, e), e);
      d.month = match_name (q, e, month_names, 12, &r);
      if (d.month == 0)
        return NULL;
      q = parse_year_after (r, e, &d.year);
    }
  else
    {
      d.month = match_name (q, e, month_names, 12, &r);
      if (d.month == 0)
        return NULL;
      q = skip_spaces (r, e);
      if (q == r)
        return NULL;
      q = parse_number (q, e, 2, &d.day);
      if (q == NULL)
        return NULL;
      q = parse_year_after (skip_ordinal_suffix (q, e), e, &d.year);
    }

  /* "2020-04-28T09:21": the T joins an ISO time. */
  if (q < e && is_word_char (*q)
      && !(*q == 'T' && q + 1 < e && g_ascii_isdigit (q[1])))
    return NULL;
  if (!check_date (&d))
    return NULL;
  q = parse_time_after_date (q, e, &d);
  *parts = d;
  return q;
}

static char *
format_parts (const NfDateParts *parts)
{
  if (parts->hour >= 0)
    return g_strdup_printf ("%04d-%02d-%02dT%02d:%02d", parts->year,
                            parts->month, parts->day, parts->hour,
                            parts->minute);
  return g_strdup_printf ("%04d-%02d-%02d", parts->year, parts->month,
                          parts->day);
}

/**
 * nf_published_parse:
 * @text: a date as given on a command line or in Ingest options
 * @parts: (out): the date
 *
 * Accepts ISO 8601 dates, "2020-05-05" or "2020-05-05T09:21" with optional
 * seconds and zone, and the printed forms a dateline uses ("May 5, 2020").
 *
 * Returns: whether @text is such a date
 */
gboolean
nf_published_parse (const char  *text,
                    NfDateParts *parts)
{
  NfDateParts d = { 0, 0, 0, -1, 0 };
  const char *e;
  const char *q;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (parts != NULL, FALSE);

  e = text + strlen (text);
  q = parse_date (skip_spaces (text, e), e, &d);
  if (q == NULL || d.year == 0)
    return FALSE;
  /* Seconds and fractions after an ISO time. */
  if (q < e && *q == ':')
    for (q++; q < e && (g_ascii_isdigit (*q) || *q == '.'); q++)
      ;
  q = skip_spaces (skip_zone (q, e), e);
  if (q != e)
    return FALSE;
  *parts = d;
  return TRUE;
}

/* ---- bylines ---- */

static const char *const name_particles[] = {
  "de", "da", "das", "do", "dos", "del", "della", "di", "du", "la", "le",
  "van", "von", "der", "den", "ter", "bin", "binti", "al", "el", "y", "e",
};

static const char *const title_words[] = {
  "Writer", "Correspondent", "Reporter", "Staff", "Editor", "Columnist",
  "Contributor", "Bureau", "Chief", "Analyst", "Producer", "Photographer",
  "Intern", "Desk", "Senior", "Special", "Contributing", "Political",
  "Diplomatic", "Economics", "Business", "Science", "Health", "Technology",
};

static gboolean
is_name_word (const char *p,
              const char *e)
{
  if (p >= e)
    return FALSE;
  if ((guchar) *p >= 0xC0 || g_ascii_isupper (*p))
    {
      for (const char *q = p; q < e; q++)
        if (g_ascii_isdigit (*q) || *q == '@')
          return FALSE;
      return TRUE;
    }
  return in_list_ci (p, e, name_particles, G_N_ELEMENTS (name_particles))
         || (e - p > 3 && (has_prefix_ci (p, e, "al-") || has_prefix_ci (p, e, "el-")));
}

/* A person's name: one to five capitalised words ("Lee Haye-ah",
 * "John F. Kennedy Jr.", "Jean-Claude van Damme"). */
static gboolean
is_person_name (const char *p,
                const char *e)
{
  int words = 0;
  gboolean capital = FALSE;

  while (p < e)
    {
      const char *w;

      p = skip_spaces (p, e);
      if (p >= e)
        break;
      w = p;
      while (p < e && !is_space (*p))
        p++;
      if (!is_name_word (w, p))
        return FALSE;
      if (g_ascii_isupper (*w) || (guchar) *w >= 0xC0)
        capital = TRUE;
      words++;
    }
  return capital && words >= 1 && words <= 5;
}

static gboolean
has_title_word (const char *p,
                const char *e)
{
  for (; p < e; p++)
    {
      if (p != e && (p == e || !is_word_char (*p)))
        continue;
      for (gsize i = 0; i < G_N_ELEMENTS (title_words); i++)
        if (lower_c (title_words[i][0]) == lower_c (*p)
            && has_word_ci (p, e, title_words[i]))
          return TRUE;
      while (p < e && is_word_char (*p))
        p++;
    }
  return FALSE;
}

typedef struct
{
  GPtrArray *names;      /* char* */
  char      *agency;
  GPtrArray *emails;     /* char* */
} Byline;

static void
byline_clear (Byline *byline)
{
  g_clear_pointer (&byline->names, g_ptr_array_unref);
  g_clear_pointer (&byline->emails, g_ptr_array_unref);
  g_clear_pointer (&byline->agency, g_free);
}

/* Finds an e-mail address around an '@' at @at; returns its span. */
static gboolean
email_at (const char  *start,
          const char  *end,
          const char  *at,
          const char **out_start,
          const char **out_end)
{
  const char *s = at;
  const char *t = at + 1;
  const char *last_dot = NULL;

  while (s > start && (g_ascii_isalnum (s[-1]) || strchr ("._%+-", s[-1])))
    s--;
  while (t < end && (g_ascii_isalnum (*t) || *t == '.' || *t == '-'))
    {
      if (*t == '.')
        last_dot = t;
      t++;
    }
  while (t > at + 1 && (t[-1] == '.' || t[-1] == '-'))
    t--;
  if (last_dot >= t)
    {
      last_dot = NULL;
      for (const char *q = at + 1; q < t; q++)
        if (*q == '.')
          last_dot = q;
    }
  if (s == at || last_dot == NULL || t - last_dot < 3)
    return FALSE;
  for (const char *q = last_dot + 1; q < t; q++)
    if (!g_ascii_isalpha (*q))
      return FALSE;
  *out_start = s;
  *out_end = t;
  return TRUE;
}

/* Adds each address once; @seen (or NULL for a short list) makes that
 * cheap when a hostile text holds thousands of them. */
static void
collect_emails (const char *p,
                const char *e,
                GPtrArray  *out,
                GHashTable *seen)
{
  const char *at;

  while ((at = memchr (p, '@', e - p)) != NULL)
    {
      const char *s, *t;

      if (email_at (p, e, at, &s, &t))
        {
          if (seen == NULL)
            add_unique (out, s, t - s);
          else
            {
              char *address = g_strndup (s, t - s);

              if (g_hash_table_add (seen, address))
                g_ptr_array_add (out, g_strdup (address));
            }
          p = t;
        }
      else
        p = at + 1;
    }
}

/* One piece of a byline between separators: a name, an agency or a job
 * title.  Returns FALSE when it is none of these, so that a sentence
 * opening with "By" is not taken for a byline. */
static gboolean
byline_piece (Byline     *byline,
              const char *p,
              const char *e)
{
  gsize tp = 0, te = e - p;

  trim (p, &tp, &te);
  e = p + te;
  p = p + tp;
  while (e > p && (e[-1] == '.' || e[-1] == ',') && !(e - p >= 2 && g_ascii_isupper (e[-2])
                                                       && (e - p == 2 || e[-3] == ' ')))
    e--;
  if (p >= e)
    return TRUE;

  if (is_agency (p, e))
    {
      if (byline->agency == NULL)
        byline->agency = g_strndup (p, e - p);
      return TRUE;
    }
  for (gsize i = 0; i < G_N_ELEMENTS (agency_names); i++)
    {
      gsize n = strlen (agency_names[i]);

      /* "Associated Press Writer", "Reuters Staff" */
      if ((gsize) (e - p) > n && memcmp (p, agency_names[i], n) == 0
          && p[n] == ' ' && has_title_word (p + n, e))
        {
          if (byline->agency == NULL)
            byline->agency = g_strndup (p, n);
          return TRUE;
        }
    }
  if (has_title_word (p, e))
    return TRUE;
  if (!is_person_name (p, e))
    return FALSE;
  g_ptr_array_add (byline->names, g_strndup (p, e - p));
  return TRUE;
}

static gsize
byline_separator (const char *p,
                  const char *e)
{
  if (*p == ',' || *p == ';' || *p == '|' || *p == '/' || *p == '&')
    return 1;
  if (has_prefix_ci (p, e, " and ") || has_prefix_ci (p, e, " And "))
    return 5;
  if (*p == ' ' && p + 1 < e)
    {
      gsize d = dash_len (p + 1, e);

      if (d > 0 && p + 1 + d < e && p[1 + d] == ' ')
        return d + 2;
    }
  return 0;
}

/* Parses "By John Smith and Jane Doe, Associated Press" (with or without
 * "By" when @need_by is FALSE).  E-mail addresses in it are set apart. */
static gboolean
parse_byline (const char *p,
              const char *e,
              gboolean    need_by,
              Byline     *byline)
{
  const char *piece;

  if (has_word_ci (p, e, "by"))
    p = skip_spaces (p + 2, e);
  else if (need_by)
    return FALSE;
  if (p < e && *p == ':')
    p = skip_spaces (p + 1, e);
  if (p >= e || e - p > MAX_BYLINE_BYTES)
    return FALSE;

  byline->names = g_ptr_array_new_with_free_func (g_free);
  byline->emails = g_ptr_array_new_with_free_func (g_free);
  collect_emails (p, e, byline->emails, NULL);

  piece = p;
  while (p <= e)
    {
      gsize sep = p < e ? byline_separator (p, e) : 1;

      if (sep > 0)
        {
          const char *pe = p;

          /* Drop the e-mail addresses from the piece. */
          if (memchr (piece, '@', pe - piece) == NULL
              && !byline_piece (byline, piece, pe))
            {
              byline_clear (byline);
              return FALSE;
            }
          p += sep;
          piece = p;
          if (p > e)
            break;
        }
      else
        p++;
    }
  if (byline->names->len == 0 && byline->agency == NULL)
    {
      byline_clear (byline);
      return FALSE;
    }
  return TRUE;
}

/* ---- line shapes ---- */

static gboolean
is_furniture_line (const char *p,
                   const char *e)
{
  if (!has_letter_or_digit (p, e))
    return TRUE;
  if (e > p && (e[-1] == ':' || e[-1] == '.'))
    e--;
  return in_list_ci (p, e, furniture_lines, G_N_ELEMENTS (furniture_lines));
}

static gboolean
is_end_mark (const char *p,
             const char *e)
{
  return equal_ci (p, e, "(END)") || equal_ci (p, e, "(END)")
         || equal_ci (p, e, "END") || equal_ci (p, e, "-30-")
         || equal_ci (p, e, "###") || equal_ci (p, e, "# # #");
}

static gboolean
is_related_heading (const char *p,
                    const char *e)
{
  if (e > p && e[-1] == ':')
    e--;
  return in_list_ci (p, e, related_headings, G_N_ELEMENTS (related_headings));
}

static gboolean
is_copyright (const char *p,
              const char *e)
{
  return has_prefix_ci (p, e, "\xC2\xA9") || has_word_ci (p, e, "copyright")
         || has_prefix_ci (p, e, "(c) ") || has_prefix_ci (p, e, "\xE2\x93\x92")
         || has_prefix_ci (p, e, "All rights reserved");
}

static int count_words (const char *p, const char *e);

static gboolean
is_credit_word (const char *p,
                const char *e)
{
  return has_word_ci (p, e, "Photo") || has_word_ci (p, e, "Getty")
         || has_word_ci (p, e, "Images") || has_word_ci (p, e, "Pool")
         || has_word_ci (p, e, "Handout") || has_word_ci (p, e, "File")
         || has_word_ci (p, e, "Credit") || has_word_ci (p, e, "Photos");
}

/* "Photo: Reuters", "Photo by Jane Doe", "Yonhap photo", "AFP/Getty
 * Images": a credit of a few words on its own line.  Headlines such as
 * "PC photo printers challenge pros" are not credits. */
static gboolean
is_bare_credit (const char *p,
                const char *e)
{
  static const char *const leads[] = { "Photo:", "Photos:", "Photo by ",
                                       "Photos by ", "Image:", "Picture:",
                                       "Credit:", "Photo credit:",
                                       "Image credit:", "Source:" };
  const char *space;

  if (count_words (p, e) > 5 || e[-1] == '.' || e[-1] == '?' || e[-1] == '!')
    return FALSE;
  for (gsize i = 0; i < G_N_ELEMENTS (leads); i++)
    if (has_prefix_ci (p, e, leads[i]) && (gsize) (e - p) > strlen (leads[i]))
      return TRUE;
  for (const char *q = p; q + 6 <= e; q++)
    if (memcmp (q, "Getty", 5) == 0 || memcmp (q, "/AFP", 4) == 0
        || memcmp (q, "AFP/", 4) == 0 || memcmp (q, "/EPA", 4) == 0)
      return TRUE;
  /* "Yonhap photo", "AP Photo" */
  space = memchr (p, ' ', e - p);
  return space != NULL && is_agency (p, space)
         && (equal_ci (space + 1, e, "photo") || equal_ci (space + 1, e, "photos"));
}

/* A photo credit in parentheses: "(AP Photo/Evan Vucci)", "(Yonhap)",
 * "(AFP-Yonhap)", "(Getty Images)". */
static gboolean
is_credit (const char *p,
           const char *e)
{
  const char *q;

  if (e - p >= 3 && *p != '(' && e - p <= 60)
    return is_bare_credit (p, e);
  if (e - p < 3 || *p != '(' || e[-1] != ')' || e - p > 80)
    return FALSE;
  for (q = p + 1; q < e - 1; q++)
    if (*q == '(' || *q == ')')
      return FALSE;
  p++;
  e--;
  if (is_agency (p, e))
    return TRUE;
  for (q = p; q < e; q++)
    if ((q == p || !is_word_char (q[-1])) && is_credit_word (q, e))
      return TRUE;
  /* "AFP-Yonhap", "EPA/Yonhap": two credits joined */
  for (q = p; q < e; q++)
    if ((*q == '-' || *q == '/') && is_agency (p, q) )
      return TRUE;
  for (q = e; q > p; q--)
    if ((q[-1] == '-' || q[-1] == '/') && is_agency (q, e))
      return TRUE;
  return FALSE;
}

/* The parenthesised group that ends a line, if it is a photo credit that
 * names a photographer or a picture agency, as captions end. */
static gboolean
ends_with_photo_credit (const char *p,
                        const char *e)
{
  const char *open;

  if (e - p < 4 || e[-1] != ')')
    return FALSE;
  for (open = e - 1; open > p && *open != '('; open--)
    ;
  if (*open != '(' || open == p)
    return FALSE;
  /* "(AP Photo/Evan Vucci)", "(FABRICE COFFRINI/AFP/Getty Images)",
   * "(Photo: Reuters)"; not "(WARNING: Video contains graphic images.)" */
  for (const char *q = open + 1; q < e; q++)
    if ((q[-1] == '(' || q[-1] == ' ' || q[-1] == '/')
        && (has_word_ci (q, e, "Photo") || has_prefix_ci (q, e, "Getty")
            || has_word_ci (q, e, "Photos") || has_prefix_ci (q, e, "Pictures")))
      return memchr (open, '.', e - open) == NULL || e - open < 40;
  return FALSE;
}

static gboolean
is_caption (const char *p,
            const char *e)
{
  for (gsize i = 0; i < G_N_ELEMENTS (caption_openings); i++)
    {
      gsize n;

      if (p >= e || *p != caption_openings[i][0])
        continue;   /* the first letters first: few lines start like one */
      n = strlen (caption_openings[i]);
      if ((gsize) (e - p) > n && memcmp (p, caption_openings[i], n) == 0
          && (!g_ascii_isalpha (p[n]) || caption_openings[i][n - 1] == ':'))
        return TRUE;
    }
  return ends_with_photo_credit (p, e);
}

static int
count_words (const char *p,
             const char *e)
{
  int words = 0;
  gboolean in_word = FALSE;

  for (; p < e; p++)
    {
      gboolean space = is_space (*p);

      if (!space && !in_word)
        words++;
      in_word = !space;
    }
  return words;
}

static gboolean
is_contact (const char *p,
            const char *e)
{
  const char *at = memchr (p, '@', e - p);
  const char *s, *t;

  if (at == NULL || !email_at (p, e, at, &s, &t))
    return FALSE;
  return count_words (p, e) <= 8 || has_prefix_ci (p, e, "contact")
         || has_prefix_ci (p, e, "e-mail") || has_prefix_ci (p, e, "email")
         || has_prefix_ci (p, e, "write to");
}

/* "(Reporting by Jane Doe; Editing by John Roe)" at the foot of a story. */
static gboolean
is_credit_footer (const char *p,
                  const char *e)
{
  if (p < e && *p == '(')
    p++;
  return (has_prefix_ci (p, e, "Reporting by ")
          || has_prefix_ci (p, e, "Additional reporting by ")
          || has_prefix_ci (p, e, "Writing by ")
          || has_prefix_ci (p, e, "Editing by ")
          || has_prefix_ci (p, e, "Compiled by ")
          || has_prefix_ci (p, e, "Reported by "))
         && e - p < 300;
}

/* ---- the passes ---- */

static void
set_printed_date (Parse             *ps,
                  const NfDateParts *parts,
                  gsize              start,
                  gsize              end)
{
  if (ps->have_date && (ps->parts.year != 0 || parts->year == 0))
    return;
  ps->parts = *parts;
  ps->date_start = start;
  ps->date_end = end;
  ps->have_date = TRUE;
}

static void
take_byline (Parse  *ps,
             Byline *byline)
{
  NfArticle *article = ps->article;

  if (article->byline->len == 0)
    for (guint i = 0; i < byline->names->len; i++)
      add_unique (article->byline, g_ptr_array_index (byline->names, i),
                  strlen (g_ptr_array_index (byline->names, i)));
  if (article->agency == NULL && byline->agency != NULL)
    article->agency = g_steal_pointer (&byline->agency);
  for (guint i = 0; i < byline->emails->len; i++)
    {
      const char *address = g_ptr_array_index (byline->emails, i);

      collect_emails (address, address + strlen (address), article->contacts,
                      ps->contacts_seen);
    }
  byline_clear (byline);
}

static const char *skip_punctuation (const char *p, const char *e);

/* "9:21 AM ET, Tue May 5, 2020", as some pages print it. */
static const char *
parse_time_then_date (const char  *p,
                      const char  *e,
                      NfDateParts *parts)
{
  int hour, minute;
  const char *q = parse_time (p, e, &hour, &minute);
  const char *d;

  if (q == NULL)
    return NULL;
  q = skip_punctuation (skip_zone (q, e), e);
  d = parse_date (q, e, parts);
  if (d == NULL || parts->hour >= 0)
    return NULL;
  parts->hour = hour;
  parts->minute = minute;
  return d;
}

/* Skips white space, dashes, commas and bars between parts of a line. */
static const char *
skip_punctuation (const char *p,
                  const char *e)
{
  for (;;)
    {
      gsize dl;

      p = skip_spaces (p, e);
      if (p < e && (*p == '|' || *p == ',' || *p == '/'))
        p++;
      else if ((dl = dash_len (p, e)) > 0)
        p += dl;
      else
        return p;
    }
}

static const char *const date_prefixes[] = {
  "Published", "Updated", "Posted", "Last updated", "Last modified",
  "First published", "Modified", "Date", "Created", "Issued", "Released",
};

static const char *
skip_date_prefix (const char *p,
                  const char *e)
{
  for (gsize i = 0; i < G_N_ELEMENTS (date_prefixes); i++)
    if (has_word_ci (p, e, date_prefixes[i]))
      {
        p = skip_spaces (p + strlen (date_prefixes[i]), e);
        if (p < e && *p == ':')
          p = skip_spaces (p + 1, e);
        else if (has_word_ci (p, e, "on") || has_word_ci (p, e, "at"))
          p = skip_spaces (p + 2, e);
        return p;
      }
  return p;
}

/* A line that gives the publication date, maybe followed by the byline:
 * "April 28, 2020 - 09:21 By Yonhap", "Published: May 5, 2020 10:31 KST
 * Updated: May 5, 2020 11:02 KST".  With @need_prefix, the line must say
 * "Published" or the like (in the body, where a bare date is a heading). */
static gboolean
classify_date_line (Parse      *ps,
                    Line       *line,
                    gboolean    need_prefix)
{
  const char *text = ps->article->text;
  const char *p = text + line->start;
  const char *e = text + line->end;
  const char *q = skip_date_prefix (p, e);
  NfDateParts parts;
  const char *d;
  Byline byline = { 0 };

  if ((need_prefix && q == p) || e - p > 200)
    return FALSE;
  d = parse_date (q, e, &parts);
  if (d == NULL)
    d = parse_time_then_date (q, e, &parts);
  if (d == NULL)
    return FALSE;
  {
    const char *rest = skip_punctuation (d, e);
    if (rest == e)
      line->kind = NF_BLOCK_DATE;
    else if (skip_date_prefix (rest, e) != rest)
      line->kind = NF_BLOCK_DATE;   /* "... Updated: ..." */
    else if (parse_byline (rest, e, TRUE, &byline))
      {
        line->kind = NF_BLOCK_BYLINE;
        take_byline (ps, &byline);
      }
    else
      return FALSE;
  }
  set_printed_date (ps, &parts, q - text, d - text);
  return TRUE;
}

static gboolean
classify_byline (Parse *ps,
                 Line  *line)
{
  const char *text = ps->article->text;
  Byline byline = { 0 };

  if (!parse_byline (text + line->start, text + line->end, TRUE, &byline))
    {
      /* "Associated Press", "Jane Doe, Reuters": no "By", but an agency. */
      if (line->end - line->start > 80
          || !parse_byline (text + line->start, text + line->end, FALSE, &byline))
        return FALSE;
      if (byline.agency == NULL)
        {
          byline_clear (&byline);
          return FALSE;
        }
    }
  line->kind = NF_BLOCK_BYLINE;
  take_byline (ps, &byline);
  return TRUE;
}


/* Whether a paragraph opens with a dateline ("WASHINGTON (AP) — ..."):
 * such a paragraph is the first of the body, never a headline. */
static gboolean parse_dateline (Parse *ps, const Line *line, gboolean apply);

/* "Home > News > Politics", "World | Asia": a path of section names. */
static gboolean
is_breadcrumb (const char *p,
               const char *e)
{
  int separators = 0;

  if (e - p > 120)
    return FALSE;
  for (const char *q = p; q + 2 < e; q++)
    if (q[0] == ' ' && (q[1] == '>' || q[1] == '|' || q[1] == '/') && q[2] == ' ')
      separators++;
    else if (q[0] == ' ' && (guchar) q[1] == 0xC2 && (guchar) q[2] == 0xBB)
      separators++;   /* » */
  return separators > 0 && count_words (p, e) <= 3 * (separators + 1)
         && e[-1] != '.';
}

/* A line shaped like a headline: a few words, no final period. */
static gboolean
is_headline_shaped (const char *p,
                    const char *e)
{
  return e - p <= 200 && count_words (p, e) >= 3 && e[-1] != '.';
}

static gboolean
is_label_shaped (const char *p,
                 const char *e)
{
  return e - p <= 30 && count_words (p, e) <= 2 && e[-1] != '.';
}

/* Section names above the headline ("National", "World News"): lines of
 * one or two words followed by a line shaped like a headline (not a
 * byline, a date or a dateline). */
static gboolean
is_section_label (Parse *ps,
                  guint  i)
{
  const char *text = ps->article->text;
  const Line *line = &g_array_index (ps->lines, Line, i);
  const char *p, *e;
  NfDateParts parts;
  guint j;

  if (!is_label_shaped (text + line->start, text + line->end))
    return FALSE;
  for (j = i + 1; j < ps->lines->len && j < i + 6; j++)
    {
      const Line *next = &g_array_index (ps->lines, Line, j);

      if (!is_label_shaped (text + next->start, text + next->end))
        break;
    }
  if (j >= ps->lines->len)
    return FALSE;
  p = text + g_array_index (ps->lines, Line, j).start;
  e = text + g_array_index (ps->lines, Line, j).end;
  return is_headline_shaped (p, e)
         && !parse_dateline (ps, &g_array_index (ps->lines, Line, j), FALSE)
         && !has_word_ci (p, e, "by")
         && parse_date (skip_date_prefix (p, e), e, &parts) == NULL
         && !is_caption (p, e) && !is_credit (p, e);
}

/* The lines above the body.  Returns the index of the first body line. */
static guint
classify_head (Parse *ps)
{
  const char *text = ps->article->text;
  guint i;

  for (i = 0; i < ps->lines->len; i++)
    {
      Line *line = &g_array_index (ps->lines, Line, i);
      const char *p = text + line->start;
      const char *e = text + line->end;

      if (is_furniture_line (p, e) || is_credit (p, e) || is_copyright (p, e)
          || is_breadcrumb (p, e)
          || (ps->article->headline == NULL && is_section_label (ps, i)))
        line->kind = NF_BLOCK_FURNITURE;
      else if (classify_date_line (ps, line, FALSE) || classify_byline (ps, line))
        ;
      else if (is_caption (p, e))
        line->kind = NF_BLOCK_CAPTION;
      else if (is_contact (p, e))
        line->kind = NF_BLOCK_CONTACT;
      else if (ps->article->headline == NULL
               && e - p <= MAX_HEADLINE_BYTES
               && !parse_dateline (ps, line, FALSE))
        {
          line->kind = NF_BLOCK_HEADLINE;
          ps->article->headline = g_strndup (p, e - p);
        }
      else
        break;
    }
  return i;
}

static void
classify_tail_line (Line       *line,
                    const char *p,
                    const char *e)
{
  if (is_furniture_line (p, e) || is_copyright (p, e) || is_credit (p, e))
    line->kind = NF_BLOCK_FURNITURE;
  else if (is_contact (p, e))
    line->kind = NF_BLOCK_CONTACT;
  else if (is_caption (p, e))
    line->kind = NF_BLOCK_CAPTION;
  else if (e - p <= MAX_RELATED_BYTES)
    line->kind = NF_BLOCK_RELATED;
  else
    line->kind = NF_BLOCK_FURNITURE;
}

/* "(Reporting by Jane Doe and Bo Lee; Editing by John Roe)": the
 * reporters sign the story when no byline heads it; editors do not. */
static void
take_footer_names (Parse      *ps,
                   const char *p,
                   const char *e)
{
  static const char *const leads[] = { "Reporting by ", "Writing by ",
                                       "Reported by " };

  if (ps->article->byline->len > 0)
    return;
  if (p < e && *p == '(')
    p++;
  if (e > p && e[-1] == ')')
    e--;
  for (gsize i = 0; i < G_N_ELEMENTS (leads); i++)
    if (has_prefix_ci (p, e, leads[i]))
      {
        const char *s = p + strlen (leads[i]);
        const char *t = s;
        Byline byline = { 0 };

        while (t < e && *t != ';' && *t != ')')
          t++;
        /* "in Seoul" after the names says where, not who. */
        for (const char *q = s; q + 4 < t; q++)
          if (memcmp (q, " in ", 4) == 0 || memcmp (q, " at ", 4) == 0)
            {
              t = q;
              break;
            }
        if (parse_byline (s, t, FALSE, &byline))
          take_byline (ps, &byline);
        return;
      }
}

static void
classify_body (Parse *ps,
               guint  first)
{
  const char *text = ps->article->text;
  gboolean tail = FALSE;

  for (guint i = first; i < ps->lines->len; i++)
    {
      Line *line = &g_array_index (ps->lines, Line, i);
      const char *p = text + line->start;
      const char *e = text + line->end;

      line->kind = NF_BLOCK_BODY;
      if (is_end_mark (p, e) || is_related_heading (p, e))
        {
          line->kind = NF_BLOCK_FURNITURE;
          tail = TRUE;
        }
      else if (tail)
        classify_tail_line (line, p, e);
      else if (is_furniture_line (p, e) || is_credit (p, e) || is_copyright (p, e))
        line->kind = NF_BLOCK_FURNITURE;
      else if (is_caption (p, e))
        line->kind = NF_BLOCK_CAPTION;
      else if (is_contact (p, e))
        line->kind = NF_BLOCK_CONTACT;
      else if (is_credit_footer (p, e))
        {
          line->kind = NF_BLOCK_BYLINE;
          take_footer_names (ps, p, e);
        }
      else
        classify_date_line (ps, line, TRUE);
    }
}

/* ---- the dateline ---- */

static gboolean
is_upper_place_word (const char *p,
                     const char *e)
{
  int upper = 0;

  for (const char *q = p; q < e; q++)
    {
      if (g_ascii_isupper (*q))
        upper++;
      else if (g_ascii_islower (*q) || g_ascii_isdigit (*q))
        return FALSE;
      else if ((guchar) *q >= 0x80 || *q == '.' || *q == '-' || *q == '\''
               || *q == '&')
        continue;
      else
        return FALSE;
    }
  return upper >= 1;
}

static gboolean
is_capitalised_word (const char *p,
                     const char *e)
{
  if (p >= e || !(g_ascii_isupper (*p) || (guchar) *p >= 0xC0))
    return FALSE;
  for (const char *q = p; q < e; q++)
    if (!(g_ascii_isalpha (*q) || (guchar) *q >= 0x80 || *q == '.' || *q == '-'
          || *q == '\''))
      return FALSE;
  return TRUE;
}

/* Words up to the next comma, parenthesis or dash; @upper asks for
 * "WASHINGTON", otherwise "Washington" or "Calif." will do. */
static const char *
scan_place (const char *p,
            const char *e,
            gboolean    upper)
{
  const char *q = p;
  const char *last = NULL;
  const char *month_end;
  int words = 0;

  while (q < e && words < 5)
    {
      const char *w = q;

      while (q < e && !is_space (*q) && *q != ',' && *q != '(')
        q++;
      if (q == w || !(upper ? is_upper_place_word (w, q)
                            : is_capitalised_word (w, q)))
        break;
      /* "May 5": a month is a date, not a place. */
      if (!upper && match_name (w, q, month_names, 12, &month_end))
        break;
      last = q;
      words++;
      if (q < e && *q == ' ' && q + 1 < e && !dash_len (q + 1, e))
        q++;
      else
        break;
    }
  return last;
}

static const char *
scan_agency_parens (const char *p,
                    const char *e,
                    const char **agency_start,
                    const char **agency_end)
{
  const char *close;

  if (p >= e || *p != '(')
    return NULL;
  close = memchr (p, ')', MIN ((gsize) (e - p), 60));
  if (close == NULL || close - p < 3)
    return NULL;
  for (const char *q = p + 1; q < close; q++)
    if (g_ascii_isdigit (*q))
      return NULL;
  *agency_start = p + 1;
  *agency_end = close;
  return close + 1;
}

typedef struct
{
  const char  *place_end;
  const char  *agency_start;   /* inside the parentheses, or NULL */
  const char  *agency_end;
  const char  *date_start;     /* or NULL */
  const char  *date_end;
  NfDateParts  parts;
} Dateline;

/* The place: "WASHINGTON", "BEIRUT, Lebanon", "Seoul"; returns whether the
 * place is in capitals. */
static gboolean
scan_dateline_place (const char *p,
                     const char *e,
                     Dateline   *dl)
{
  gboolean upper = TRUE;
  NfDateParts parts;
  const char *q;

  dl->place_end = scan_place (p, e, TRUE);
  if (dl->place_end != NULL
      && in_list_ci (p, dl->place_end, kickers, G_N_ELEMENTS (kickers)))
    {
      dl->place_end = NULL;
      return FALSE;
    }
  if (dl->place_end == NULL || dl->place_end - p < 2)
    {
      upper = FALSE;
      dl->place_end = scan_place (p, e, FALSE);
      if (dl->place_end == NULL)
        return FALSE;
    }
  /* ", Lebanon" or ", Calif." after the city, unless it is the date. */
  q = dl->place_end;
  if (q + 2 < e && q[0] == ',' && q[1] == ' ' && parse_date (q + 2, e, &parts) == NULL)
    {
      const char *region_end = scan_place (q + 2, e, FALSE);

      if (region_end != NULL)
        dl->place_end = region_end;
    }
  return upper;
}

/* "TOKYO, May 5 Kyodo - ": an agency named without parentheses before the
 * dash.  Returns where the dash should be. */
static const char *
scan_bare_agency (const char *q,
                  const char *e,
                  Dateline   *dl)
{
  for (const char *r = q; r < e && r - q < 40; r++)
    if (*r == ' ' && r + 1 < e && dash_len (r + 1, e) > 0)
      {
        if (is_agency (q, r))
          {
            dl->agency_start = q;
            dl->agency_end = r;
            return r + 1;
          }
        break;
      }
  return q;
}

/* "WASHINGTON -- ", "WASHINGTON, May 5 (Yonhap) -- ", "BEIRUT, Lebanon
 * (AP) — ", "LONDON, Jan 5 (Reuters) - ", "Seoul, May 5 (Yonhap) --",
 * "Washington (CNN)The ...".  Fills @dl and returns whether @p opens with
 * a dateline. */
static gboolean
scan_dateline (const char *p,
               const char *e,
               Dateline   *dl)
{
  gboolean upper = scan_dateline_place (p, e, dl);
  const char *q = dl->place_end;
  gsize dash;

  if (q == NULL)
    return FALSE;
  if (q + 2 < e && q[0] == ',' && q[1] == ' ')
    {
      dl->date_end = parse_date (q + 2, e, &dl->parts);
      if (dl->date_end != NULL)
        {
          dl->date_start = q + 2;
          q = dl->date_end;
        }
    }
  {
    const char *r = scan_agency_parens (skip_spaces (q, e), e, &dl->agency_start,
                                        &dl->agency_end);

    if (r != NULL)
      q = r;
  }
  q = skip_spaces (q, e);
  if (dl->agency_start == NULL)
    q = scan_bare_agency (q, e, dl);
  dash = dash_len (q, e);
  if (dash == 0 && dl->agency_start != NULL && q < e && g_ascii_isupper (*q))
    ;   /* "(CNN)The White House ..." */
  else if (dash == 0 || q + dash >= e || !is_space (q[dash]))
    return FALSE;
  /* A place not in capitals needs a date or an agency to be a dateline. */
  return upper || dl->date_start != NULL || dl->agency_start != NULL;
}

static gboolean
parse_dateline (Parse      *ps,
                const Line *line,
                gboolean    apply)
{
  NfArticle *article = ps->article;
  const char *text = article->text;
  Dateline dl = { NULL, NULL, NULL, NULL, NULL, { 0, 0, 0, -1, 0 } };

  if (!scan_dateline (text + line->start, text + line->end, &dl))
    return FALSE;
  if (!apply)
    return TRUE;

  article->dateline = g_strndup (text + line->start,
                                 dl.place_end - (text + line->start));
  if (dl.agency_start != NULL && article->agency == NULL
      && (is_agency (dl.agency_start, dl.agency_end)
          || is_person_name (dl.agency_start, dl.agency_end)))
    article->agency = g_strndup (dl.agency_start,
                                 dl.agency_end - dl.agency_start);
  if (dl.date_start != NULL)
    set_printed_date (ps, &dl.parts, dl.date_start - text, dl.date_end - text);
  return TRUE;
}

/* ---- putting it together ---- */

static GArray *
split_lines (const char *text,
             gsize       len)
{
  GArray *lines = g_array_new (FALSE, FALSE, sizeof (Line));
  /* Old Mac files end lines with a lone carriage return. */
  char eol = memchr (text, '\n', len) == NULL && memchr (text, '\r', len) != NULL
             ? '\r' : '\n';
  gsize pos = 0;

  while (pos < len)
    {
      const char *nl = memchr (text + pos, eol, len - pos);
      gsize end = nl ? (gsize) (nl - text) : len;
      Line line = { pos, end, NF_BLOCK_BODY };

      /* A carriage return (CRLF files) is white space like any other. */
      trim (text, &line.start, &line.end);
      if (line.end > line.start)
        g_array_append_val (lines, line);
      pos = end + 1;
    }
  return lines;
}

static gboolean
ends_clause (const char *p,
             const char *e)
{
  char c = e[-1];

  if (strchr (".!?:;\"')]", c) != NULL)
    return TRUE;
  /* ” ’ … */
  return e - p >= 3 && (guchar) e[-3] == 0xE2 && (guchar) e[-2] == 0x80
         && ((guchar) c == 0x9D || (guchar) c == 0x99 || (guchar) c == 0xA6);
}

static guint
count_newlines (const char *p,
                const char *e)
{
  guint n = 0;

  for (; p < e; p++)
    n += *p == '\n' || (*p == '\r' && (p + 1 == e || p[1] != '\n'));
  return n;
}

/* Text wrapped at a fixed width splits paragraphs over several lines:
 * a body line that stops mid-clause, followed directly (no blank line)
 * by a body line in lower case, is one paragraph with it. */
static void
join_wrapped_lines (Parse *ps)
{
  const char *text = ps->article->text;
  guint out = 0;

  for (guint i = 0; i < ps->lines->len; i++)
    {
      Line *line = &g_array_index (ps->lines, Line, i);
      Line *prev = out > 0 ? &g_array_index (ps->lines, Line, out - 1) : NULL;

      if (prev != NULL && prev->kind == NF_BLOCK_BODY
          && line->kind == NF_BLOCK_BODY
          && !ends_clause (text + prev->start, text + prev->end)
          && g_ascii_islower (text[line->start])
          && count_newlines (text + prev->end, text + line->start) == 1)
        {
          prev->end = line->end;
          continue;
        }
      g_array_index (ps->lines, Line, out++) = *line;
    }
  g_array_set_size (ps->lines, out);
}

/* "... comment on South Korean proposals. (Yonhap)": the agency signs the
 * last paragraph; the tag stays in the body. */
static void
find_agency_tag (Parse *ps)
{
  const char *text = ps->article->text;

  for (guint i = ps->lines->len; i > 0; i--)
    {
      const Line *line = &g_array_index (ps->lines, Line, i - 1);
      const char *e = text + line->end;
      const char *open;

      if (line->kind != NF_BLOCK_BODY)
        continue;
      if (e[-1] != ')')
        return;
      for (open = e - 1; open > text + line->start && *open != '('; open--)
        ;
      if (*open == '(' && is_agency (open + 1, e - 1))
        ps->article->agency = g_strndup (open + 1, e - open - 2);
      return;
    }
}

static void
set_published (Parse                *ps,
               const NfParseOptions *options)
{
  NfArticle *article = ps->article;
  NfDateParts given = { 0, 0, 0, -1, 0 };
  gboolean have_given = options != NULL && options->published != NULL
                        && nf_published_parse (options->published, &given);

  if (ps->have_date)
    {
      article->published_parts = ps->parts;
      article->published_start = ps->date_start;
      article->published_end = ps->date_end;
    }

  if (ps->have_date && ps->parts.year != 0)
    article->published = format_parts (&ps->parts);
  else if (ps->have_date && have_given)
    {
      /* "May 5" in the dateline: the year comes from the caller; the
       * dates stage may still check it against the weekdays. */
      NfDateParts parts = ps->parts;

      parts.year = given.year;
      if (g_date_valid_dmy (parts.day, parts.month, parts.year))
        {
          article->published = format_parts (&parts);
          article->published_inferred = TRUE;
        }
    }
  else if (!ps->have_date && have_given)
    {
      /* Normalised: "May 5, 2020" becomes "2020-05-05". */
      article->published = format_parts (&given);
      article->published_inferred = TRUE;
    }
  /* Otherwise a date without a year stays in published_parts alone: the
   * dates stage infers the year from the weekdays named in the text. */
}

static void
collect_facts (Parse *ps)
{
  NfArticle *article = ps->article;
  const char *text = article->text;

  for (guint i = 0; i < ps->lines->len; i++)
    {
      const Line *line = &g_array_index (ps->lines, Line, i);
      NfBlock block = { line->kind, line->start, line->end };

      g_array_append_val (article->blocks, block);
      if (line->kind == NF_BLOCK_CAPTION)
        g_ptr_array_add (article->captions,
                         g_strndup (text + line->start, line->end - line->start));
      else if (line->kind == NF_BLOCK_RELATED)
        g_ptr_array_add (article->related,
                         g_strndup (text + line->start, line->end - line->start));
      else if (line->kind == NF_BLOCK_CONTACT)
        collect_emails (text + line->start, text + line->end, article->contacts,
                        ps->contacts_seen);
    }
}

void
_nf_structure_run (NfArticle            *article,
                   const NfParseOptions *options)
{
  Parse ps = { article, options, NULL, { 0, 0, 0, -1, 0 }, 0, 0, FALSE, NULL };
  guint first_body;

  ps.lines = split_lines (article->text, article->text_len);
  ps.contacts_seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  first_body = classify_head (&ps);
  classify_body (&ps, first_body);

  for (guint i = first_body; i < ps.lines->len; i++)
    {
      const Line *line = &g_array_index (ps.lines, Line, i);

      if (line->kind == NF_BLOCK_BODY)
        {
          parse_dateline (&ps, line, TRUE);
          break;
        }
    }
  if (article->agency == NULL)
    find_agency_tag (&ps);
  join_wrapped_lines (&ps);

  set_published (&ps, options);
  collect_facts (&ps);

  g_array_unref (ps.lines);
  g_hash_table_unref (ps.contacts_seen);
}
