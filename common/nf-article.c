/* nf-article.c: the facts of one article
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "newsfacts"

#include "config.h"

#include <math.h>
#include <string.h>

#include "nf-article.h"
#include "nf-article-private.h"

/* An array bigger than this goes back to malloc rather than staying
 * with the thread between articles. */
#define SCRATCH_KEEP_BYTES (256 * 1024)

static GPrivate scratch[NF_SCRATCH_N_SLOTS] = {
  G_PRIVATE_INIT ((GDestroyNotify) g_array_unref),
  G_PRIVATE_INIT ((GDestroyNotify) g_array_unref),
  G_PRIVATE_INIT ((GDestroyNotify) g_array_unref),
};

/* An empty array of @element_size with room for @reserve elements: the
 * one this thread gave back to @slot last, or a new one. */
GArray *
_nf_scratch_take (NfScratchSlot slot,
                  guint         element_size,
                  guint         reserve)
{
  GArray *array;

  g_return_val_if_fail (slot < NF_SCRATCH_N_SLOTS, NULL);

  array = g_private_get (&scratch[slot]);
  if (array == NULL || g_array_get_element_size (array) != element_size)
    return g_array_sized_new (FALSE, FALSE, element_size, reserve);
  g_private_set (&scratch[slot], NULL);
  /* growing the length keeps the storage, so this only reserves */
  if (array->len < reserve)
    g_array_set_size (array, reserve);
  g_array_set_size (array, 0);
  return array;
}

/* Takes @array back (its elements need no freeing); it is kept for the
 * next article on this thread unless it is large or the slot is full. */
void
_nf_scratch_give (NfScratchSlot slot,
                  GArray       *array)
{
  g_return_if_fail (slot < NF_SCRATCH_N_SLOTS);

  if (array == NULL)
    return;
  if ((gsize) array->len * g_array_get_element_size (array) > SCRATCH_KEEP_BYTES
      || g_private_get (&scratch[slot]) != NULL)
    {
      g_array_unref (array);
      return;
    }
  g_array_set_size (array, 0);
  g_private_set (&scratch[slot], array);
}

NfArticle *
nf_article_new (const char *source,
                char       *text,
                gsize       text_len)
{
  NfArticle *article = g_new0 (NfArticle, 1);

  article->source = g_strdup (source);
  article->text = text;
  article->text_len = text_len;
  article->warnings = g_ptr_array_new_with_free_func (g_free);
  article->byline = g_ptr_array_new_with_free_func (g_free);
  /* Room for what a news article of a few hundred words usually has, so
   * that the stages do not grow these arrays one doubling at a time. */
  article->blocks = g_array_sized_new (FALSE, FALSE, sizeof (NfBlock), 32);
  article->sentences = g_array_sized_new (FALSE, FALSE, sizeof (NfSpan), 64);
  article->quotes = g_ptr_array_new_full (8, (GDestroyNotify) nf_quote_free);
  article->figures = g_ptr_array_new_full (16, (GDestroyNotify) nf_figure_free);
  article->dates = g_ptr_array_new_full (16, (GDestroyNotify) nf_date_free);
  article->entities = g_ptr_array_new_full (32, (GDestroyNotify) nf_entity_free);
  article->acronyms = g_ptr_array_new_with_free_func ((GDestroyNotify) nf_acronym_free);
  article->captions = g_ptr_array_new_with_free_func (g_free);
  article->related = g_ptr_array_new_with_free_func (g_free);
  article->contacts = g_ptr_array_new_with_free_func (g_free);
  article->published_parts.hour = -1;

  return article;
}

void
nf_article_free (NfArticle *article)
{
  if (article == NULL)
    return;

  g_free (article->id);
  g_free (article->source);
  g_free (article->text);
  g_ptr_array_unref (article->warnings);
  g_free (article->headline);
  g_ptr_array_unref (article->byline);
  g_free (article->agency);
  g_free (article->dateline);
  g_free (article->published);
  g_free (article->brief);
  g_array_unref (article->blocks);
  g_array_unref (article->sentences);
  g_ptr_array_unref (article->quotes);
  g_ptr_array_unref (article->figures);
  g_ptr_array_unref (article->dates);
  g_ptr_array_unref (article->entities);
  g_ptr_array_unref (article->acronyms);
  g_ptr_array_unref (article->captions);
  g_ptr_array_unref (article->related);
  g_ptr_array_unref (article->contacts);
  g_free (article->story);
  g_free (article);
}

char *
nf_article_dup_span (const NfArticle *article,
                     gsize            start,
                     gsize            end)
{
  g_return_val_if_fail (article != NULL, NULL);
  g_return_val_if_fail (start <= end && end <= article->text_len, NULL);

  return g_strndup (article->text + start, end - start);
}

/* The body: body blocks joined by blank lines. */
char *
nf_article_dup_body (const NfArticle *article)
{
  GString *body = g_string_new (NULL);

  g_return_val_if_fail (article != NULL, NULL);

  for (guint i = 0; i < article->blocks->len; i++)
    {
      const NfBlock *block = &g_array_index (article->blocks, NfBlock, i);

      if (block->kind != NF_BLOCK_BODY)
        continue;
      if (body->len > 0)
        g_string_append (body, "\n\n");
      g_string_append_len (body, article->text + block->start,
                           block->end - block->start);
    }

  return g_string_free (body, FALSE);
}

glong
nf_article_char_offset (const NfArticle *article,
                        gsize            byte_offset)
{
  g_return_val_if_fail (article != NULL, 0);
  g_return_val_if_fail (byte_offset <= article->text_len, 0);

  return g_utf8_pointer_to_offset (article->text, article->text + byte_offset);
}

NfQuote *
nf_quote_new (void)
{
  return g_new0 (NfQuote, 1);
}

void
nf_quote_free (NfQuote *quote)
{
  if (quote == NULL)
    return;
  g_free (quote->text);
  g_free (quote->speaker);
  g_free (quote->speaker_role);
  g_free (quote->verb);
  g_free (quote);
}

NfFigure *
nf_figure_new (void)
{
  NfFigure *figure = g_new0 (NfFigure, 1);

  figure->value_max = NAN;
  return figure;
}

void
nf_figure_free (NfFigure *figure)
{
  if (figure == NULL)
    return;
  g_free (figure->text);
  g_free (figure->unit);
  g_free (figure->qualifier);
  g_free (figure->subject);
  g_free (figure->direction);
  g_free (figure);
}

NfDate *
nf_date_new (const char *text,
             const char *value,
             gsize       start,
             gsize       end)
{
  NfDate *date = g_new0 (NfDate, 1);

  date->text = g_strdup (text);
  date->value = g_strdup (value);
  date->start = start;
  date->end = end;
  return date;
}

void
nf_date_free (NfDate *date)
{
  if (date == NULL)
    return;
  g_free (date->text);
  g_free (date->value);
  g_free (date);
}

NfEntity *
nf_entity_new (const char   *name,
               NfEntityKind  kind)
{
  NfEntity *entity = g_new0 (NfEntity, 1);

  entity->name = g_strdup (name);
  entity->kind = kind;
  /* no storage until an alias comes: most entities have none */
  entity->aliases = g_ptr_array_new_with_free_func (g_free);
  entity->mentions = g_array_new (FALSE, FALSE, sizeof (NfSpan));
  return entity;
}

void
nf_entity_free (NfEntity *entity)
{
  if (entity == NULL)
    return;
  g_free (entity->name);
  g_ptr_array_unref (entity->aliases);
  g_free (entity->role);
  g_array_unref (entity->mentions);
  g_free (entity);
}

void
nf_entity_add_alias (NfEntity   *entity,
                     const char *alias)
{
  g_return_if_fail (entity != NULL);
  g_return_if_fail (alias != NULL);

  if (g_strcmp0 (entity->name, alias) == 0)
    return;
  for (guint i = 0; i < entity->aliases->len; i++)
    if (strcmp (g_ptr_array_index (entity->aliases, i), alias) == 0)
      return;
  g_ptr_array_add (entity->aliases, g_strdup (alias));
}

NfAcronym *
nf_acronym_new (const char *short_form,
                const char *long_form)
{
  NfAcronym *acronym = g_new0 (NfAcronym, 1);

  acronym->short_form = g_strdup (short_form);
  acronym->long_form = g_strdup (long_form);
  return acronym;
}

void
nf_acronym_free (NfAcronym *acronym)
{
  if (acronym == NULL)
    return;
  g_free (acronym->short_form);
  g_free (acronym->long_form);
  g_free (acronym);
}

const char *
nf_speaker_kind_to_string (NfSpeakerKind kind)
{
  switch (kind)
    {
    case NF_SPEAKER_PERSON: return "person";
    case NF_SPEAKER_ORGANIZATION: return "organization";
    case NF_SPEAKER_ANONYMOUS: return "anonymous";
    case NF_SPEAKER_UNKNOWN:
    default: return "unknown";
    }
}

const char *
nf_figure_kind_to_string (NfFigureKind kind)
{
  switch (kind)
    {
    case NF_FIGURE_MONEY: return "money";
    case NF_FIGURE_PERCENT: return "percent";
    case NF_FIGURE_COUNT: return "count";
    case NF_FIGURE_QUANTITY: return "quantity";
    case NF_FIGURE_DURATION: return "duration";
    case NF_FIGURE_ORDINAL: return "ordinal";
    default: g_assert_not_reached ();
    }
}

const char *
nf_entity_kind_to_string (NfEntityKind kind)
{
  switch (kind)
    {
    case NF_ENTITY_PERSON: return "person";
    case NF_ENTITY_ORGANIZATION: return "organization";
    case NF_ENTITY_PLACE: return "place";
    case NF_ENTITY_OTHER:
    default: return "other";
    }
}

const char *
nf_block_kind_to_string (NfBlockKind kind)
{
  switch (kind)
    {
    case NF_BLOCK_BODY: return "body";
    case NF_BLOCK_HEADLINE: return "headline";
    case NF_BLOCK_BYLINE: return "byline";
    case NF_BLOCK_DATE: return "date";
    case NF_BLOCK_CAPTION: return "caption";
    case NF_BLOCK_RELATED: return "related";
    case NF_BLOCK_CONTACT: return "contact";
    case NF_BLOCK_FURNITURE: return "furniture";
    default: g_assert_not_reached ();
    }
}
