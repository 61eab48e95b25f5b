/* nf-article.h: the facts of one article
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The article model is plain data: the pipeline fills it, the JSON writer,
 * the store and the D-Bus glue read it.  Every fact keeps the byte offsets
 * of its text in @text (the decoded UTF-8 input); the JSON writer turns
 * them into code-point offsets.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define NF_SCHEMA "newsfacts/1"

typedef enum
{
  NF_BLOCK_BODY,
  NF_BLOCK_HEADLINE,
  NF_BLOCK_BYLINE,      /* "By Lee Haye-ah", "April 28, 2020 - 09:21 By Yonhap" */
  NF_BLOCK_DATE,        /* a line that only gives the publication date */
  NF_BLOCK_CAPTION,
  NF_BLOCK_RELATED,
  NF_BLOCK_CONTACT,
  NF_BLOCK_FURNITURE,   /* "From", "Send to", "(END)", "-", "(AFP-Yonhap)" */
} NfBlockKind;

/* One non-blank line or paragraph of the input, classified. */
typedef struct
{
  NfBlockKind kind;
  gsize       start;   /* byte offsets into NfArticle.text, end exclusive */
  gsize       end;
} NfBlock;

typedef struct
{
  gsize start;
  gsize end;
} NfSpan;

/* A date with what is known of it; 0 means unknown. */
typedef struct
{
  int year;
  int month;
  int day;
  int hour;            /* -1 when no time was printed */
  int minute;
} NfDateParts;

typedef enum
{
  NF_SPEAKER_UNKNOWN,
  NF_SPEAKER_PERSON,
  NF_SPEAKER_ORGANIZATION,
  NF_SPEAKER_ANONYMOUS,
} NfSpeakerKind;

typedef struct
{
  char          *text;          /* without the quotation marks */
  char          *speaker;       /* fullest name, or NULL */
  char          *speaker_role;
  NfSpeakerKind  speaker_kind;
  char          *verb;          /* the cue: "said", "added", "according to" */
  gboolean       partial;       /* a fragment inside the speaker's sentence */
  gsize          start;         /* byte span of @text */
  gsize          end;
} NfQuote;

typedef enum
{
  NF_FIGURE_MONEY,
  NF_FIGURE_PERCENT,
  NF_FIGURE_COUNT,
  NF_FIGURE_QUANTITY,
  NF_FIGURE_DURATION,
  NF_FIGURE_ORDINAL,
} NfFigureKind;

typedef struct
{
  char         *text;
  NfFigureKind  kind;
  double        value;
  double        value_max;     /* upper end of a range, or NAN */
  char         *unit;
  char         *qualifier;     /* "at least", "more than", "some", or NULL */
  char         *subject;
  char         *direction;     /* "up", "down", or NULL */
  gsize         start;
  gsize         end;
} NfFigure;

typedef struct
{
  char  *text;
  char  *value;                 /* ISO 8601 / TIMEX3, or NULL */
  gsize  start;
  gsize  end;
} NfDate;

typedef enum
{
  NF_ENTITY_PERSON,
  NF_ENTITY_ORGANIZATION,
  NF_ENTITY_PLACE,
  NF_ENTITY_OTHER,
} NfEntityKind;

typedef struct
{
  char         *name;
  NfEntityKind  kind;
  GPtrArray    *aliases;        /* char* */
  char         *role;
  GArray       *mentions;       /* NfSpan */
} NfEntity;

typedef struct
{
  char *short_form;
  char *long_form;
} NfAcronym;

typedef struct
{
  char        *id;              /* stable hash of the normalized text */
  char        *source;          /* file name or name given to Ingest */
  char        *text;            /* decoded UTF-8, BOM removed, as printed */
  gsize        text_len;
  GPtrArray   *warnings;        /* char*, e.g. "transcoded from Windows-1252" */

  char        *headline;
  GPtrArray   *byline;          /* char* */
  char        *agency;
  char        *dateline;
  char        *published;       /* ISO 8601, or NULL */
  gboolean     published_inferred;
  NfDateParts  published_parts; /* what the text printed (year may be 0) */
  gsize        published_start; /* span of the printed date, if any */
  gsize        published_end;
  char        *brief;

  GArray      *blocks;          /* NfBlock, in text order */
  GArray      *sentences;       /* NfSpan over body blocks */

  GPtrArray   *quotes;          /* NfQuote* */
  GPtrArray   *figures;         /* NfFigure* */
  GPtrArray   *dates;           /* NfDate* */
  GPtrArray   *entities;        /* NfEntity* */
  GPtrArray   *acronyms;        /* NfAcronym* */
  GPtrArray   *captions;        /* char* */
  GPtrArray   *related;         /* char* */
  GPtrArray   *contacts;        /* char* */

  char        *story;
} NfArticle;

NfArticle   *nf_article_new            (const char   *source,
                                        char         *text,
                                        gsize         text_len);
void         nf_article_free           (NfArticle    *article);

char        *nf_article_dup_span       (const NfArticle *article,
                                        gsize            start,
                                        gsize            end);
char        *nf_article_dup_body       (const NfArticle *article);
glong        nf_article_char_offset    (const NfArticle *article,
                                        gsize            byte_offset);

NfQuote     *nf_quote_new              (void);
void         nf_quote_free             (NfQuote      *quote);
NfFigure    *nf_figure_new             (void);
void         nf_figure_free            (NfFigure     *figure);
NfDate      *nf_date_new               (const char   *text,
                                        const char   *value,
                                        gsize         start,
                                        gsize         end);
void         nf_date_free              (NfDate       *date);
NfEntity    *nf_entity_new             (const char   *name,
                                        NfEntityKind  kind);
void         nf_entity_free            (NfEntity     *entity);
void         nf_entity_add_alias       (NfEntity     *entity,
                                        const char   *alias);
NfAcronym   *nf_acronym_new            (const char   *short_form,
                                        const char   *long_form);
void         nf_acronym_free           (NfAcronym    *acronym);

const char  *nf_speaker_kind_to_string (NfSpeakerKind kind);
const char  *nf_figure_kind_to_string  (NfFigureKind  kind);
const char  *nf_entity_kind_to_string  (NfEntityKind  kind);
const char  *nf_block_kind_to_string   (NfBlockKind   kind);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NfArticle, nf_article_free)

G_END_DECLS
