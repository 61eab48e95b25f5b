/* nf-figures.c: the figures stage
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Money, percentages, counts, quantities, durations and ordinals in the
 * body sentences.  Like the dates stage it works on the tokens of one
 * sentence at a time and looks only a few tokens around each number.
 * Tokens the dates stage already claimed (years, days, clock times) are
 * never figures.
 *
 * What counts as a count: a numeral, or a number in words of a hundred or
 * more ("tens of thousands", "1.5 million"), followed by the noun it
 * counts.  Small numbers in words ("the two sides") are ordinary prose in
 * news style and are left out unless a unit makes them a measure ("three
 * months", "five percent").
 */

#define G_LOG_DOMAIN "newsfacts"

#include "config.h"

#include <math.h>
#include <string.h>

#include "nf-numbers-private.h"
#include "nf-pipeline-private.h"

typedef struct
{
  const NfToken *t;
  guint          n;
  const guint8  *taken;    /* tokens that belong to a date */
  const char    *text;
  guint          figure_end; /* token after the last figure found */
} Sent;

typedef struct
{
  NfFigureKind  kind;
  double        value;
  double        value_max;
  const char   *unit;       /* static, or NULL when @unit_owned is set */
  char         *unit_owned;
  double        factor;     /* cents are hundredths */
  guint         first;      /* first token of the text */
  guint         next;       /* token after the text */
  guint         unit_first; /* a counted noun, outside the text */
  guint         unit_next;
  gboolean      value_is_scaled;
  guint         num;        /* the token where the number starts */
} Found;

typedef struct { const char *word; const char *code; } Currency;

static const Currency currency_words[] = {
  { "dollar", "USD" }, { "dollars", "USD" }, { "won", "KRW" },
  { "yen", "JPY" }, { "yuan", "CNY" }, { "renminbi", "CNY" },
  { "euro", "EUR" }, { "euros", "EUR" }, { "pound", "GBP" },
  { "pounds", "GBP" }, { "sterling", "GBP" }, { "rupee", "INR" },
  { "rupees", "INR" }, { "peso", "MXN" }, { "pesos", "MXN" },
  { "ruble", "RUB" }, { "rubles", "RUB" }, { "rouble", "RUB" },
  { "roubles", "RUB" }, { "ringgit", "MYR" }, { "baht", "THB" },
  { "rupiah", "IDR" }, { "dong", "VND" }, { "franc", "CHF" },
  { "francs", "CHF" }, { "krona", "SEK" }, { "kronor", "SEK" },
  { "krone", "NOK" }, { "kroner", "NOK" }, { "rand", "ZAR" },
  { "lira", "TRY" }, { "riyal", "SAR" }, { "riyals", "SAR" },
  { "dirham", "AED" }, { "dirhams", "AED" }, { "shekel", "ILS" },
  { "shekels", "ILS" }, { "zloty", "PLN" }, { "forint", "HUF" },
  { "reais", "BRL" }, { "dinar", "KWD" }, { "dinars", "KWD" },
  { "naira", "NGN" }, { "markka", "FIM" }, { "marks", "DEM" },
  { "lire", "ITL" }, { "pesetas", "ESP" }, { "guilders", "NLG" },
  { "cent", "USD" }, { "cents", "USD" }, { "pence", "GBP" },
  { "penny", "GBP" }, { "bitcoin", "XBT" }, { "bitcoins", "XBT" },
  { "\xe5\x85\x83", "CNY" }, { "\xe5\x86\x86", "JPY" },
  { "\xec\x9b\x90", "KRW" },
  { NULL, NULL }
};

/* Adjectives that name the country of a currency word. */
static const Currency currency_countries[] = {
  { "canadian", "CAD" }, { "australian", "AUD" }, { "singapore", "SGD" },
  { "taiwan", "TWD" }, { "taiwanese", "TWD" }, { "kong", "HKD" },
  { "zealand", "NZD" }, { "swiss", "CHF" }, { "swedish", "SEK" },
  { "norwegian", "NOK" }, { "danish", "DKK" }, { "mexican", "MXN" },
  { "philippine", "PHP" }, { "argentine", "ARS" }, { "chilean", "CLP" },
  { "colombian", "COP" }, { "indian", "INR" }, { "pakistani", "PKR" },
  { "egyptian", "EGP" }, { "brazilian", "BRL" }, { "russian", "RUB" },
  { "turkish", "TRY" }, { "chinese", "CNY" }, { "japanese", "JPY" },
  { "korean", "KRW" }, { "jamaican", "JMD" }, { "finnish", "FIM" },
  { "german", "DEM" }, { "french", "FRF" }, { "belgian", "BEF" },
  { "irish", "IEP" }, { "british", "GBP" }, { "us", "USD" },
  { NULL, NULL }
};

/* Symbols, and the letters glued before "$" ("US$", "HK$"). */
static const Currency currency_symbols[] = {
  { "$", "USD" }, { "\xe2\x82\xac", "EUR" }, { "\xc2\xa3", "GBP" },
  { "\xc2\xa5", "JPY" }, { "\xe2\x82\xa9", "KRW" }, { "\xe2\x82\xb9", "INR" },
  { "\xe2\x82\xbd", "RUB" }, { "\xe2\x82\xa1", "CRC" },
  { "\xe2\x82\xbe", "GEL" }, { "\xe2\x82\xba", "TRY" },
  { "\xe2\x82\xb1", "PHP" }, { "\xe2\x82\xab", "VND" }, { NULL, NULL }
};

static const Currency dollar_prefixes[] = {
  { "us", "USD" }, { "u", "USD" }, { "hk", "HKD" }, { "a", "AUD" },
  { "au", "AUD" }, { "c", "CAD" }, { "ca", "CAD" }, { "nz", "NZD" },
  { "s", "SGD" }, { "nt", "TWD" }, { "r", "BRL" }, { "mx", "MXN" },
  { NULL, NULL }
};

static const char *iso_code (const char *lower);

static const char * const iso_codes[] = {
  "usd", "eur", "krw", "jpy", "gbp", "cny", "rmb", "hkd", "aud", "cad",
  "chf", "inr", "rub", "sgd", "twd", "nzd", "sek", "nok", "dkk", "brl",
  "mxn", "zar", "try", "idr", "myr", "thb", "php", "vnd", "sar", "aed",
  "rs", "btc", NULL
};

static const struct { const char *word; const char *unit; } durations[] = {
  { "year", "year" }, { "years", "year" }, { "month", "month" },
  { "months", "month" }, { "week", "week" }, { "weeks", "week" },
  { "day", "day" }, { "days", "day" }, { "hour", "hour" },
  { "hours", "hour" }, { "minute", "minute" }, { "minutes", "minute" },
  { "decade", "decade" }, { "decades", "decade" }, { "century", "century" },
  { "centuries", "century" }, { "second", "second" }, { "seconds", "second" },
  { "secs", "second" }, { "sec", "second" }, { "mins", "minute" },
  { "min", "minute" }, { "hrs", "hour" }, { "hr", "hour" },
  { NULL, NULL }
};

static const char * const quantity_units[] = {
  "km", "kilometer", "kilometers", "kilometre", "kilometres", "mile",
  "miles", "meter", "meters", "metre", "metres", "feet", "foot", "ft",
  "inch", "inches", "cm", "mm", "centimeters", "millimeters", "kg",
  "kilogram", "kilograms", "kilo", "kilos", "gram", "grams", "ton", "tons",
  "tonne", "tonnes", "lb", "lbs", "ounce", "ounces", "oz", "barrel",
  "barrels", "bpd", "liter", "liters", "litre", "litres", "gallon",
  "gallons", "acre", "acres", "hectare", "hectares", "degree", "degrees",
  "mph", "kph", "knots", "mw", "gw", "kw", "kwh", "gwh", "megawatts",
  "gigawatts", "kilowatts", "megawatt", "gigawatt", "carats", "teu",
  "calories", "square", "cubic", "sq", "magnitude", "points", "votes",
  NULL
};

static const char * const qualifiers[] = {
  "at least", "at most", "more than", "less than", "fewer than",
  "up to", "as many as", "as much as", "as few as", "as little as",
  "close to", "just over", "just under", "well over", "upwards of",
  "an estimated", "some", "about", "around", "nearly", "almost", "over",
  "under", "roughly", "approximately", "only", "just", "above", "below",
  "exactly", "estimated", NULL
};

static const char * const up_words[] = {
  "rise", "rises", "rose", "risen", "rising", "increase", "increases",
  "increased", "increasing", "up", "gain", "gains", "gained", "grow",
  "grew", "grown", "growth", "jump", "jumped", "jumps", "climb", "climbed",
  "surge", "surged", "soar", "soared", "hike", "hikes", "hiked", "raise",
  "raised", "boost", "boosted", "expand", "expanded", "higher", "rebound",
  "rebounded", "add", "added", NULL
};

static const char * const down_words[] = {
  "fall", "falls", "fell", "fallen", "falling", "decline", "declined",
  "declines", "decrease", "decreased", "drop", "dropped", "drops", "down",
  "cut", "cuts", "reduce", "reduced", "reduction", "lower", "lowered",
  "slump", "slumped", "plunge", "plunged", "shrink", "shrank", "lose",
  "lost", "loss", "losses", "tumble", "tumbled", "slide", "slid", "sank",
  "slash", "slashed", "dip", "dipped", "shed", NULL
};

/* Words that end a counted noun phrase, or cannot start one. */
static const char * const np_stops[] = {
  "the", "a", "an", "and", "or", "but", "of", "in", "on", "at", "to",
  "from", "with", "by", "for", "as", "than", "that", "which", "who",
  "is", "are", "was", "were", "be", "been", "have", "has", "had", "will",
  "would", "could", "should", "may", "might", "can", "do", "did", "does",
  "this", "these", "those", "it", "its", "their", "his", "her", "per",
  "each", "apiece", "more", "less", "times", "percent", "since", "after",
  "before", "into", "over", "under", "between", "about", "among", "while",
  "when", "where", "if", "so", "not", "no", "all", "both", "other", "up",
  "down", "out", "off", "year", "ago", "then", "also", "just", NULL
};

static const char * const irregular_plurals[] = {
  "people", "children", "men", "women", "personnel", "staff", "police",
  "cattle", "livestock", "crew", "sheep", "deer", "fish", "aircraft",
  "youth", "infantry", "militia", NULL
};

/* Words after "60m" that make it a distance, not sixty million. */
static const char * const race_words[] = {
  "hurdles", "freestyle", "backstroke", "breaststroke", "butterfly",
  "medley", "relay", "sprint", "sprints", "final", "finals", "heat", "heats",
  "title", "titles", "race", "races", "record", "records", "event", "events",
  "runner", "runners", "champion", "champions", "gold", "silver", "bronze",
  "medal", "medals", "specialist", "specialists", "world", "indoor",
  "outdoor", "victory", "win", "wins", "crown", "personal", NULL
};

/* ---- token helpers ---- */

/* Whether @lower is one of @words, through a word set made of them at
 * the first call: the lists are asked about most tokens near a number. */
static gboolean
listed (const char          *lower,
        const char * const  *words,
        NfWordSet          **set)
{
  if (g_once_init_enter (set))
    {
      const char * const *lists[] = { words };

      g_once_init_leave (set, _nf_word_set_new (lists, 1));
    }
  return _nf_word_set_has (*set, lower, strlen (lower));
}

static NfWordSet *iso_codes_set, *quantity_units_set, *np_stops_set,
                 *irregular_plurals_set, *up_words_set, *down_words_set,
                 *edges_set;

#define LISTED(lower, list) listed ((lower), list, &list##_set)

static gboolean
word_at (const Sent *s,
         guint       i,
         const char *lower)
{
  return i < s->n && !s->taken[i] && _nf_token_is (&s->t[i], lower);
}

static gboolean
glued (const Sent *s,
       guint       i)
{
  return i < s->n && !s->t[i].space_before;
}

static const char *
currency_lookup (const Currency *table,
                 const char     *lower)
{
  for (guint k = 0; table[k].word != NULL; k++)
    if (lower[0] == table[k].word[0] && _nf_str_equal (lower, table[k].word))
      return table[k].code;
  return NULL;
}

/* "MUSD", "MEUR": millions of a currency */
static gboolean
is_million_code (const char *lower)
{
  return lower[0] == 'm' && strlen (lower) == 4
         && LISTED (lower + 1, iso_codes);
}

static const char *
iso_code (const char *lower)
{
  char up[8];
  gsize k;

  if (strcmp (lower, "rmb") == 0)
    return "CNY";
  if (strcmp (lower, "rs") == 0)
    return "INR";
  if (strcmp (lower, "btc") == 0)
    return "XBT";
  if (is_million_code (lower))
    lower++;
  for (k = 0; lower[k] != '\0' && k < sizeof up - 1; k++)
    up[k] = g_ascii_toupper (lower[k]);
  up[k] = '\0';
  return g_intern_string (up);
}

/* Bit 0-25 for the letters a-z, 26 for anything else. */
static guint
letter_bit (char c)
{
  return c >= 'a' && c <= 'z' ? c - 'a' : 26;
}

/* Whether some qualifier starts with the first two bytes of @lower: most
 * words near a number ("the", "of", "in", "to") start none, and then the
 * whole list need not be walked.  The table is made from the list. */
static gboolean
may_start_qualifier (const char *lower)
{
  static guint32 *second;   /* [first letter]: bits of the second bytes */
  guint c = letter_bit (lower[0]);

  if (g_once_init_enter (&second))
    {
      guint32 *table = g_new0 (guint32, 27);

      for (guint k = 0; qualifiers[k] != NULL; k++)
        table[letter_bit (qualifiers[k][0])]
          |= 1u << letter_bit (qualifiers[k][1]);
      g_once_init_leave (&second, table);
    }
  /* A first byte outside a-z shares its slot with the others: the test
   * may then say yes without cause, never no. */
  return lower[0] != '\0' && (second[c] & (1u << letter_bit (lower[1]))) != 0;
}

/* Matches a qualifier phrase at @i; returns the token after it, or @i. */
static guint
qualifier_at (const Sent  *s,
              guint        i,
              const char **found)
{
  /* Every qualifier starts with a word not taken by a date. */
  if (i >= s->n || s->taken[i] || s->t[i].kind != NF_TOKEN_WORD
      || !may_start_qualifier (s->t[i].lower))
    return i;
  for (guint k = 0; qualifiers[k] != NULL; k++)
    {
      const char *q = qualifiers[k];
      guint j = i;

      if (s->t[i].lower[0] != q[0])
        continue;
      while (*q != '\0' && j < s->n)
        {
          const char *sp = strchr (q, ' ');
          gsize len = sp ? (gsize) (sp - q) : strlen (q);

          if (s->taken[j] || strlen (s->t[j].lower) != len
              || strncmp (s->t[j].lower, q, len) != 0
              || s->t[j].kind != NF_TOKEN_WORD)
            break;
          j++;
          q += len + (sp ? 1 : 0);
          if (sp == NULL)
            {
              *found = qualifiers[k];
              return j;
            }
        }
    }
  return i;
}

/* ---- numbers that are parts of names and codes ---- */

static gboolean
is_name_number (const Sent *s,
                guint       i)
{
  const NfToken *t = &s->t[i];

  if (t->kind != NF_TOKEN_NUMBER)
    return FALSE;
  if (!t->has_comma && !t->has_point && t->digits >= 7)
    return TRUE;   /* ids, phone numbers */
  if (i > 0 && !t->space_before && s->t[i - 1].kind == NF_TOKEN_PUNCT
      && strchr ("-/#", s->t[i - 1].lower[0]) && s->t[i - 1].lower[1] == '\0'
      && i > 1 && !s->t[i - 1].space_before)
    return TRUE;   /* "COVID-19", "F-35", "1/2", "555-0100" */
  if (i + 2 < s->n && glued (s, i + 1) && glued (s, i + 2)
      && s->t[i + 1].kind == NF_TOKEN_PUNCT && s->t[i + 1].lower[0] == '-'
      && s->t[i + 2].kind == NF_TOKEN_NUMBER
      && (s->t[i + 2].lower[0] == '0' || t->digits + s->t[i + 2].digits >= 6))
    return TRUE;   /* "82-2-398" */
  if (i > 0 && s->t[i - 1].kind == NF_TOKEN_WORD && s->t[i - 1].upper
      && !t->has_comma && !t->has_point && t->number < 1000
      && (i > 1 || s->t[i - 1].lower[1] != '\0'))
    {
      const char *dummy = NULL;

      /* "Apollo 11", "Boeing 737", "Article 5" but not "More 4,000" */
      if (qualifier_at (s, i - 1, &dummy) == i - 1
          && !_nf_token_in (&s->t[i - 1], np_stops))
        return TRUE;
    }
  if (i > 0 && _nf_token_is (&s->t[i - 1], "no") && i + 1 < s->n)
    return FALSE;
  if (i + 1 < s->n && glued (s, i + 1) && s->t[i + 1].kind == NF_TOKEN_WORD
      && _nf_scale_word (&s->t[i + 1]) == 0
      && !LISTED (s->t[i + 1].lower, quantity_units)
      && !LISTED (s->t[i + 1].lower, iso_codes)
      && currency_lookup (currency_words, s->t[i + 1].lower) == NULL)
    {
      double v;
      guint next;

      if (!_nf_ordinal_parse (s->t, s->n, i, &v, &next))
        return TRUE;   /* "5G", "3D", "10am" */
    }
  return FALSE;
}

/* ---- the parts of a figure ---- */

/* "$", "US$", "€", "USD", "Rs." before the number; returns the token of
 * the number or @i. */
static guint
currency_before (const Sent  *s,
                 guint        i,
                 const char **code)
{
  const NfToken *t = &s->t[i];
  const char *c;

  if (t->kind == NF_TOKEN_PUNCT
      && (c = currency_lookup (currency_symbols, t->lower)) != NULL)
    {
      *code = c;
      return i + 1;
    }
  if (t->kind == NF_TOKEN_WORD && i + 1 < s->n
      && (glued (s, i + 1) || (t->lower[1] != '\0' && t->lower[2] == '\0'))
      && _nf_token_is (&s->t[i + 1], "$")
      && (c = currency_lookup (dollar_prefixes, t->lower)) != NULL)
    {
      *code = c;
      return i + 2;
    }
  /* "U.S.$" */
  if (_nf_token_is (t, "u") && i + 4 < s->n && _nf_token_is (&s->t[i + 1], ".")
      && _nf_token_is (&s->t[i + 2], "s") && _nf_token_is (&s->t[i + 3], ".")
      && _nf_token_is (&s->t[i + 4], "$") && glued (s, i + 4))
    {
      *code = "USD";
      return i + 5;
    }
  if (t->kind == NF_TOKEN_WORD && LISTED (t->lower, iso_codes)
      && (t->upper || (strcmp (t->lower, "try") != 0 && i + 1 < s->n
                       && s->t[i + 1].kind == NF_TOKEN_NUMBER)))
    {
      *code = iso_code (t->lower);
      return i + 1 < s->n && _nf_token_is (&s->t[i + 1], ".") ? i + 2 : i + 1;
    }
  return i;
}

/* The currency word after a number ("won", "U.S. dollars", "Hong Kong
 * dollars"); returns the token after it or @j. */
static guint
currency_after (const Sent  *s,
                guint        j,
                const char **code,
                double      *factor)
{
  const char *c, *country = NULL;
  guint k = j;

  if (word_at (s, k, "hong") && word_at (s, k + 1, "kong"))
    k += 2, country = "HKD";
  else if (word_at (s, k, "new") && word_at (s, k + 1, "zealand"))
    k += 2, country = "NZD";
  else if (word_at (s, k, "new") && word_at (s, k + 1, "taiwan"))
    k += 2, country = "TWD";
  else if (word_at (s, k, "u") && word_at (s, k + 1, ".")
           && word_at (s, k + 2, "s"))
    k = word_at (s, k + 3, ".") ? k + 4 : k + 3, country = "USD";
  else if (k < s->n && s->t[k].kind == NF_TOKEN_WORD
           && (country = currency_lookup (currency_countries,
                                          s->t[k].lower)) != NULL)
    k++;
  if (country == NULL && k < s->n && _nf_token_is (&s->t[k], "-")
      && glued (s, k) && glued (s, k + 1))
    k++;   /* "12-cent", "one-yen" */
  if (country == NULL && k < s->n && !s->taken[k]
      && (((c = currency_lookup (currency_symbols, s->t[k].lower)) != NULL
           && s->t[k].kind == NF_TOKEN_PUNCT)
          || (s->t[k].kind == NF_TOKEN_WORD
              && (LISTED (s->t[k].lower, iso_codes)
                  || is_million_code (s->t[k].lower))
              && strcmp (s->t[k].lower, "try") != 0
              && strcmp (s->t[k].lower, "rs") != 0
              && (c = iso_code (s->t[k].lower)) != NULL)))
    {
      /* "10 €", "500 USD", "75 USD million" */
      *factor = is_million_code (s->t[k].lower) ? 1e6 : 1;
      *code = c;
      k++;
      if (k < s->n && _nf_scale_word (&s->t[k]) >= 1e3)
        *factor = _nf_scale_word (&s->t[k++]);
      return k;
    }
  if (k >= s->n || s->taken[k] || s->t[k].kind != NF_TOKEN_WORD
      || (c = currency_lookup (currency_words, s->t[k].lower)) == NULL)
    return j;
  if ((g_str_has_prefix (s->t[k].lower, "pound")) && word_at (s, k + 1, "of"))
    return j;   /* "five pounds of sugar" */
  *factor = (g_str_has_prefix (s->t[k].lower, "cent")
             || g_str_has_prefix (s->t[k].lower, "pen")) ? 0.01 : 1;
  *code = (country != NULL && g_str_has_prefix (s->t[k].lower, "dollar"))
          ? country : c;
  if (country != NULL && !g_str_has_prefix (s->t[k].lower, "dollar")
      && strcmp (country, "USD") != 0)
    *code = country;
  return k + 1;
}

/* "to 20", "-20", "and 20" after "between"; sets @max. */
static guint
range_after (const Sent *s,
             guint       j,
             gboolean    between,
             double     *max)
{
  guint k = j, next;
  NfNumberFlags flags;
  const char *code;

  if (word_at (s, k, "to") || (between && word_at (s, k, "and")))
    k++;
  else if (k < s->n && s->t[k].kind == NF_TOKEN_PUNCT
           && (strcmp (s->t[k].lower, "-") == 0
               || strcmp (s->t[k].lower, "\xe2\x80\x93") == 0)
           && glued (s, k) && glued (s, k + 1))
    k++;
  else
    return j;
  if (k < s->n && currency_before (s, k, &code) > k)
    k = currency_before (s, k, &code);
  if (k >= s->n || s->taken[k] || s->t[k].kind != NF_TOKEN_NUMBER
      || !_nf_number_parse (s->t, s->n, k, max, &next, &flags))
    return j;
  return next;
}

/* The counted noun: up to four words ending with a plural ("American
 * troops", "South Korean employees").  Returns the token after it. */
static guint
counted_noun (const Sent *s,
              guint       j)
{
  guint k = j;

  for (guint words = 0; k < s->n && words < 5; k++)
    {
      const NfToken *t = &s->t[k];
      gsize len = strlen (t->lower);

      if (s->taken[k])
        return j;
      if (t->kind == NF_TOKEN_PUNCT)
        {
          if ((t->lower[0] == '.' || t->lower[0] == '-') && !t->space_before
              && k > j)
            continue;   /* "U.S.-led" */
          return j;
        }
      if (t->kind != NF_TOKEN_WORD || LISTED (t->lower, np_stops))
        return j;
      words++;
      if (LISTED (t->lower, irregular_plurals)
          || (len > 3 && t->lower[len - 1] == 's' && t->lower[len - 2] != 's'
              && t->lower[len - 2] != 'u' && t->lower[len - 2] != 'i'
              && len < NF_TOKEN_LOWER_MAX - 1))
        return k + 1;
    }
  return j;
}

/* "3 dollars 50 cents", "thirteen dollars and forty-five cents", "15
 * dollars 50": the minor unit after a whole amount. */
static void
add_cents (const Sent *s,
           Found      *f)
{
  guint k = f->next, next;
  double cents;
  NfNumberFlags flags;

  if (f->value != floor (f->value))
    return;
  if (word_at (s, k, "and"))
    k++;
  if (k >= s->n || s->taken[k]
      || !_nf_number_parse (s->t, s->n, k, &cents, &next, &flags)
      || (flags & NF_NUMBER_SCALED) || cents >= 100 || cents != floor (cents))
    return;
  if (word_at (s, next, "cents") || word_at (s, next, "cent")
      || word_at (s, next, "pence"))
    next++;
  else if (next < s->n && currency_lookup (currency_symbols, s->t[next].lower))
    return;   /* "10 $ 30 $" are two amounts */
  else if (next < s->n && s->t[next].kind != NF_TOKEN_PUNCT)
    return;
  f->value += cents / 100;
  f->next = next;
}

/* "13 percent", "13%", "3.5 percentage points", "25 basis points" */
static gboolean
percent_after (const Sent *s,
               Found      *f)
{
  guint j = f->next;

  if (j < s->n && (_nf_token_is (&s->t[j], "%") || word_at (s, j, "percent")
                   || word_at (s, j, "pct")
                   || (word_at (s, j, "percentage") && !word_at (s, j + 1, "point")
                       && !word_at (s, j + 1, "points"))))
    {
      f->kind = NF_FIGURE_PERCENT;
      f->unit = "percent";
      f->next = j + 1;
      if (word_at (s, j, "percent") && word_at (s, j + 1, "points"))
        f->kind = NF_FIGURE_QUANTITY, f->unit = "percentage points", f->next++;
      return TRUE;
    }
  if (word_at (s, j, "per") && word_at (s, j + 1, "cent"))
    {
      f->kind = NF_FIGURE_PERCENT, f->unit = "percent", f->next = j + 2;
      return TRUE;
    }
  if ((word_at (s, j, "percentage") || word_at (s, j, "basis"))
      && (word_at (s, j + 1, "points") || word_at (s, j + 1, "point")))
    {
      f->kind = NF_FIGURE_QUANTITY;
      f->unit = s->t[j].lower[0] == 'b' ? "basis points" : "percentage points";
      f->next = j + 2;
      return TRUE;
    }
  return FALSE;
}

/* "three months", "30-day", "31-year-old", "10 km", "2 million barrels" */
static gboolean
measure_after (const Sent *s,
               Found      *f)
{
  guint j = f->next, k;

  k = (j < s->n && _nf_token_is (&s->t[j], "-") && glued (s, j) && glued (s, j + 1))
      ? j + 1 : j;
  for (guint d = 0; durations[d].word != NULL; d++)
    if (word_at (s, k, durations[d].word)
        && !(k == j && strcmp (durations[d].word, "second") == 0))
      {
        f->kind = NF_FIGURE_DURATION, f->unit = durations[d].unit;
        f->next = k + 1;
        if (k > j && word_at (s, k + 2, "old") && _nf_token_is (&s->t[k + 1], "-")
            && glued (s, k + 1) && glued (s, k + 2))
          f->next = k + 3;   /* "31-year-old": an age */
        return TRUE;
      }
  if (k < s->n && !s->taken[k] && s->t[k].kind == NF_TOKEN_WORD
      && LISTED (s->t[k].lower, quantity_units))
    {
      guint e = k + 1;

      /* "square kilometers", "degrees Celsius" */
      if (e < s->n && s->t[e].kind == NF_TOKEN_WORD
          && (LISTED (s->t[k].lower, quantity_units)
              && (word_at (s, k, "square") || word_at (s, k, "cubic")
                  || word_at (s, k, "sq") || word_at (s, e, "celsius")
                  || word_at (s, e, "fahrenheit"))))
        e++;
      f->kind = NF_FIGURE_QUANTITY;
      f->unit_owned = g_strndup (s->text + s->t[k].start,
                                 s->t[e - 1].end - s->t[k].start);
      f->next = e;
      return TRUE;
    }
  return FALSE;
}

/* What follows the number decides the kind: "%", "percent", a currency
 * word, a duration, a unit, or a counted noun. */
static gboolean
kind_after (const Sent *s,
            Found      *f,
            gboolean    small_words)
{
  guint j = f->next, k;
  const char *code = NULL;

  if (percent_after (s, f))
    return TRUE;
  if ((k = currency_after (s, j, &code, &f->factor)) > j)
    {
      f->kind = NF_FIGURE_MONEY, f->unit = code, f->next = k;
      if (f->factor == 1)
        add_cents (s, f);
      return TRUE;
    }
  if (measure_after (s, f))
    return TRUE;
  if (small_words)
    return FALSE;
  f->kind = NF_FIGURE_COUNT;
  if (f->value_is_scaled && word_at (s, j, "of"))
    {
      const char *code = NULL;
      double factor = 1;
      guint e = currency_after (s, j + 1, &code, &factor);

      if (e > j + 1)
        {
          /* "billions of pounds", "millions of dollars" */
          f->kind = NF_FIGURE_MONEY, f->unit = code, f->next = e;
          return TRUE;
        }
      j++;   /* "tens of thousands of people" */
    }
  if ((k = counted_noun (s, j)) > j)
    {
      f->unit_first = j;
      f->unit_next = k;
      f->unit_owned = g_strndup (s->text + s->t[j].start,
                                 s->t[k - 1].end - s->t[j].start);
      return TRUE;
    }
  /* a bare number is a figure only when it is plainly large: "1,200",
   * "1.5 million"; a plain "1774" is more often a year or a code */
  return (f->value >= 1000 && s->t[f->num].has_comma) || f->value_is_scaled;
}

/* ---- direction and subject ---- */

static const char *
direction_near (const Sent  *s,
                const Found *f)
{
  guint end = MAX (f->next, f->unit_next);

  for (guint k = end; k < MIN (end + 2, s->n); k++)
    {
      if (LISTED (s->t[k].lower, up_words))
        return "up";
      if (LISTED (s->t[k].lower, down_words))
        return "down";
    }
  for (guint k = f->first, steps = 0; k > 0 && steps < 7; k--, steps++)
    {
      const NfToken *t = &s->t[k - 1];

      if (t->kind == NF_TOKEN_PUNCT && strchr (",;:\"", t->lower[0]))
        break;
      if (LISTED (t->lower, up_words))
        return "up";
      if (LISTED (t->lower, down_words))
        return "down";
    }
  return NULL;
}

static const char * const prepositions[] = {
  "on", "of", "in", "for", "to", "at", "from", "with", "by", "than", NULL
};

static gboolean
clause_edge (const NfToken *t)
{
  static const char * const edges[] = { "that", "which", "who", "while",
                                        "because", "and", "but", "when",
                                        "after", "as", NULL };

  return (t->kind == NF_TOKEN_PUNCT && t->lower[1] == '\0'
          && strchr (",;:()\".?!", t->lower[0]) != NULL)
         || LISTED (t->lower, edges);
}

/* A short phrase from the sentence saying what the figure measures: the
 * counted noun with what qualifies it, a change noun after a figure ("a
 * 13 percent increase in X"), or the words leading up to it. */
static char *
subject_of (const Sent  *s,
            const Found *f)
{
  guint from, to;

  if (f->unit_next > f->unit_first || (f->next < s->n && !clause_edge (&s->t[f->next])
                                        && s->t[f->next].kind == NF_TOKEN_WORD
                                        && !LISTED (s->t[f->next].lower, np_stops)))
    {
      from = f->unit_next > f->unit_first ? f->unit_first : f->next;
      to = MAX (from + 1, f->unit_next);
      while (to < s->n && to < from + 7 && !clause_edge (&s->t[to])
             && !s->taken[to])
        to++;
    }
  else
    {
      to = f->first;
      from = to;
      while (from > s->figure_end && from + 6 > to
             && !clause_edge (&s->t[from - 1]) && !s->taken[from - 1])
        from--;
      while (from < to && s->t[from].kind == NF_TOKEN_WORD
             && (_nf_token_is (&s->t[from], "the") || _nf_token_is (&s->t[from], "a")))
        from++;
      while (to > from && (_nf_token_is (&s->t[to - 1], "by")
                           || _nf_token_is (&s->t[to - 1], "a")
                           || _nf_token_is (&s->t[to - 1], "of")
                           || _nf_token_is (&s->t[to - 1], "to")
                           || _nf_token_is (&s->t[to - 1], "the")))
        to--;
    }
  if ((to <= from + 1 || _nf_token_in (&s->t[to - 1], prepositions))
      && f->next < s->n && !clause_edge (&s->t[f->next]))
    {
      /* "an increase on the US$870 million it agreed to pay": what follows
       * says more than a bare preposition */
      guint after = f->next;

      while (after < s->n && after < f->next + 7
             && !clause_edge (&s->t[after]) && !s->taken[after])
        after++;
      if (after > f->next + 1 || to <= from)
        from = f->next, to = after;
    }
  if (to <= from)
    return NULL;
  return g_strndup (s->text + s->t[from].start,
                    s->t[to - 1].end - s->t[from].start);
}

/* ---- one figure ---- */

static gboolean
find_ordinal (const Sent *s,
              guint       i,
              Found      *f)
{
  static const char * const determiners[] = { "the", "its", "their", "his",
                                              "her", "our", "a", NULL };
  double v;
  guint next;

  if (!_nf_ordinal_parse (s->t, s->n, i, &v, &next) || s->taken[i])
    return FALSE;
  if (s->t[i].kind == NF_TOKEN_WORD
      && (v < 3 || i == 0 || !_nf_token_in (&s->t[i - 1], determiners)
          || next >= s->n || s->t[next].kind != NF_TOKEN_WORD))
    return FALSE;   /* "first" and "second" are mostly not counts */
  f->kind = NF_FIGURE_ORDINAL;
  f->value = v;
  f->next = next;
  return TRUE;
}

/* "USD115", "EUR20.5": a code glued to its amount makes one word token */
static gboolean
code_glued_amount (const Sent *s,
                   guint       j,
                   Found      *f)
{
  const NfToken *t = &s->t[j];
  char code[4];
  const char *digits = t->lower + 3;
  g_autofree char *number = NULL;

  if (t->kind != NF_TOKEN_WORD || !t->upper || strlen (t->lower) < 4
      || !g_ascii_isdigit (*digits))
    return FALSE;
  memcpy (code, t->lower, 3);
  code[3] = '\0';
  if (!LISTED (code, iso_codes))
    return FALSE;
  for (const char *p = digits; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  f->next = j + 1;
  number = g_strdup (digits);
  if (j + 2 < s->n && _nf_token_is (&s->t[j + 1], ".") && glued (s, j + 1)
      && glued (s, j + 2) && s->t[j + 2].kind == NF_TOKEN_NUMBER)
    {
      g_autofree char *frac = g_strndup (s->text + s->t[j + 2].start,
                                         s->t[j + 2].end - s->t[j + 2].start);

      g_free (number);
      number = g_strconcat (digits, ".", frac, NULL);
      f->next = j + 3;
    }
  f->kind = NF_FIGURE_MONEY;
  f->value = g_ascii_strtod (number, NULL);
  f->unit = iso_code (code);
  return TRUE;
}

/* "60m hurdles", "10,000m", "17.30m" are distances; "2m people" and
 * "approximately 1.1m" are millions. */
static gboolean
looks_like_metres (const Sent  *s,
                   const Found *f,
                   guint        k,
                   gboolean     qualified)
{
  const NfToken *t = &s->t[k];
  const char *point;

  if (f->next < s->n && _nf_token_in (&s->t[f->next], race_words))
    return TRUE;
  if (t->has_comma)
    return TRUE;
  point = memchr (s->text + t->start, '.', t->end - t->start);
  if (point != NULL && s->text + t->end - point == 3)
    return TRUE;   /* two decimals: a measured distance */
  return counted_noun (s, f->next) == f->next && !qualified && !t->has_point
         && t->number >= 10;
}

/* "percent of 10", "per cent of twenty-two": the figure after the word */
static gboolean
percent_of (const Sent *s,
            guint       j,
            Found      *f)
{
  guint k = j;
  NfNumberFlags flags;

  if (word_at (s, k, "per") && word_at (s, k + 1, "cent"))
    k += 2;
  else if (word_at (s, k, "percent") || word_at (s, k, "percents"))
    k++;
  else
    return FALSE;
  if (j > 0 && s->t[j - 1].kind == NF_TOKEN_NUMBER)
    return FALSE;
  if (!word_at (s, k, "of") || k + 1 >= s->n || s->taken[k + 1]
      || !_nf_number_parse (s->t, s->n, k + 1, &f->value, &f->next, &flags))
    return FALSE;
  f->kind = NF_FIGURE_PERCENT;
  f->unit = "percent";
  f->first = j;
  return TRUE;
}

static gboolean find_figure (const Sent  *s,
                             guint        i,
                             Found       *f,
                             const char **qualifier);

static gboolean
find_figure (const Sent  *s,
             guint        i,
             Found       *f,
             const char **qualifier)
{
  guint j = qualifier_at (s, i, qualifier), k;
  const char *code = NULL;
  NfNumberFlags flags = 0;
  gboolean small;

  if (j == i)
    *qualifier = NULL;
  if (j >= s->n || s->taken[j])
    return FALSE;
  f->first = *qualifier ? i : j;
  f->factor = 1;
  if ((word_at (s, j, "minus") || word_at (s, j, "negative")) && j + 1 < s->n
      && find_figure (s, j + 1, f, qualifier))
    {
      /* "minus five percent" */
      f->first = j;
      f->value = -f->value;
      return TRUE;
    }
  if (percent_of (s, j, f) || code_glued_amount (s, j, f))
    return TRUE;
  if (find_ordinal (s, j, f))
    return *qualifier == NULL;
  k = currency_before (s, j, &code);
  if (k >= s->n || s->taken[k] || (k == j && is_name_number (s, k))
      || !_nf_number_parse (s->t, s->n, k, &f->value, &f->next, &flags))
    return FALSE;
  if (k > j && !(flags & NF_NUMBER_NUMERAL))
    return FALSE;
  f->num = k;
  /* "from £20m to £15m" is a change, two figures, not a range */
  if (!(f->first > 0 && _nf_token_is (&s->t[f->first - 1], "from")))
    f->next = range_after (s, f->next,
                           f->first > 0 && _nf_token_is (&s->t[f->first - 1], "between"),
                           &f->value_max);
  if (code != NULL)
    {
      double factor = 1;
      const char *code2 = NULL;

      f->kind = NF_FIGURE_MONEY;
      f->unit = code;
      f->next = currency_after (s, f->next, &code2, &factor);
      return TRUE;
    }
  f->value_is_scaled = (flags & (NF_NUMBER_SCALED | NF_NUMBER_VAGUE)) != 0;
  if ((flags & NF_NUMBER_SCALED) && k + 1 < s->n && glued (s, k + 1)
      && _nf_token_is (&s->t[k + 1], "m")
      && looks_like_metres (s, f, k, *qualifier != NULL))
    {
      /* without a currency, "60m" and "17.30m" are metres: "2m people"
       * counts millions */
      f->kind = NF_FIGURE_QUANTITY;
      f->value = s->t[k].number;
      f->unit = "m";
      f->next = k + 2;
      return TRUE;
    }
  if ((flags & NF_NUMBER_WORDS) && s->t[k].upper && k > 0 && f->next < s->n
      && s->t[f->next].upper && s->t[f->next].kind == NF_TOKEN_WORD)
    return FALSE;   /* "Six Feet Under", "Ocean's Eleven Crew": a title */
  small = (flags & NF_NUMBER_WORDS) && !(flags & (NF_NUMBER_SCALED | NF_NUMBER_VAGUE))
          && f->value < 100;
  return kind_after (s, f, small);
}

static void
add_figure (NfArticle   *article,
            const Sent  *s,
            Found       *f,
            const char  *qualifier)
{
  NfFigure *figure = nf_figure_new ();
  gsize start = s->t[f->first].start, end = s->t[f->next - 1].end;

  figure->text = g_strndup (article->text + start, end - start);
  figure->kind = f->kind;
  figure->value = f->value * f->factor;
  if (!isnan (f->value_max))
    figure->value_max = f->value_max * f->factor;
  figure->unit = f->unit_owned ? g_steal_pointer (&f->unit_owned)
                               : g_strdup (f->unit);
  figure->qualifier = g_strdup (qualifier);
  if (f->kind != NF_FIGURE_ORDINAL && f->kind != NF_FIGURE_DURATION)
    figure->direction = g_strdup (direction_near (s, f));
  if (f->kind != NF_FIGURE_ORDINAL)
    figure->subject = subject_of (s, f);
  figure->start = start;
  figure->end = end;
  g_ptr_array_add (article->figures, figure);
}

/* A figure has a numeral, a number word, a currency sign or a code with
 * digits ("USD115") within a few tokens of where its text starts. */
static gboolean
numberish (const NfToken *t)
{
  if (t->kind == NF_TOKEN_NUMBER || t->numword)
    return TRUE;
  if (t->kind == NF_TOKEN_PUNCT)
    return (t->lower[0] == '$' || (guchar) t->lower[0] >= 0x80)  /* commas, stops */
           && currency_lookup (currency_symbols, t->lower) != NULL;
  if (!t->upper)
    return FALSE;
  /* a loop, not strpbrk (): this runs for every capitalised word */
  for (const char *c = t->lower; *c != '\0'; c++)
    if (*c >= '0' && *c <= '9')
      return TRUE;
  return FALSE;
}

static void
scan_sentence (NfArticle *article,
               Sent      *s)
{
  guint i = 0, ahead = 0;

  while (i < s->n)
    {
      Found f = { 0 };
      const char *qualifier = NULL;

      /* @ahead: the first numberish token at or after @i */
      if (ahead < i)
        ahead = i;
      while (ahead < s->n && !numberish (&s->t[ahead]))
        ahead++;
      if (ahead >= s->n)
        break;
      if (ahead > i + 5)
        {
          i = ahead - 5;
          continue;
        }
      f.value_max = NAN;
      if (!s->taken[i] && find_figure (s, i, &f, &qualifier))
        {
          add_figure (article, s, &f, qualifier);
          i = MAX (f.next, f.unit_next);
          s->figure_end = i;
        }
      else
        i++;
      g_free (f.unit_owned);
    }
}

void
_nf_figures_scan_tokens (NfArticle     *article,
                         const NfToken *tokens,
                         guint          n_tokens,
                         guint8        *taken)
{
  Sent s = { tokens, n_tokens, taken, article->text, 0 };

  scan_sentence (article, &s);
}

void
_nf_figures_run (NfArticle *article)
{
  g_assert (article != NULL);

  for (guint i = 0; i < article->sentences->len; i++)
    {
      const NfSpan *span = &g_array_index (article->sentences, NfSpan, i);
      g_autoptr(GArray) tokens = _nf_tokenize (article->text, span->start,
                                               span->end);
      g_autofree guint8 *taken = g_malloc0 (tokens->len + 1);

      _nf_dates_mark ((const NfToken *) tokens->data, tokens->len, taken);
      _nf_figures_scan_tokens (article, (const NfToken *) tokens->data,
                               tokens->len, taken);
    }
}
