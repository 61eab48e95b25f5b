/* nf-article-item.c: one article in the sidebar list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Items start as empty placeholders (the list hands them out before their
 * page arrives) and are filled from a GetArticles() record; "loaded" is
 * notified last so a row redraws once.
 */

#define G_LOG_DOMAIN "nf-article-item"

#include "config.h"

#include <glib/gi18n.h>

#include "nf-article-item.h"

struct _NfArticleItem
{
  GObject   parent_instance;

  char     *path;
  char     *headline;
  char     *agency;
  char     *dateline;
  char     *published;
  char     *brief;
  char     *source;
  gboolean  loaded;
};

G_DEFINE_FINAL_TYPE (NfArticleItem, nf_article_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PATH,
  PROP_HEADLINE,
  PROP_LOADED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
nf_article_item_finalize (GObject *object)
{
  NfArticleItem *self = NF_ARTICLE_ITEM (object);

  g_free (self->path);
  g_free (self->headline);
  g_free (self->agency);
  g_free (self->dateline);
  g_free (self->published);
  g_free (self->brief);
  g_free (self->source);

  G_OBJECT_CLASS (nf_article_item_parent_class)->finalize (object);
}

static void
nf_article_item_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  NfArticleItem *self = NF_ARTICLE_ITEM (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_HEADLINE:
      g_value_set_string (value, self->headline);
      break;
    case PROP_LOADED:
      g_value_set_boolean (value, self->loaded);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nf_article_item_class_init (NfArticleItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = nf_article_item_finalize;
  object_class->get_property = nf_article_item_get_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_HEADLINE] =
    g_param_spec_string ("headline", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
nf_article_item_init (NfArticleItem *self)
{
}

NfArticleItem *
nf_article_item_new (void)
{
  return g_object_new (NF_TYPE_ARTICLE_ITEM, NULL);
}

const char *
nf_article_item_get_path (NfArticleItem *self)
{
  g_return_val_if_fail (NF_IS_ARTICLE_ITEM (self), NULL);
  return self->path;
}

void
nf_article_item_set_path (NfArticleItem *self,
                          const char    *path)
{
  g_return_if_fail (NF_IS_ARTICLE_ITEM (self));

  if (g_strcmp0 (self->path, path) == 0)
    return;
  g_free (self->path);
  self->path = g_strdup (path);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PATH]);
}

const char *
nf_article_item_get_headline (NfArticleItem *self)
{
  g_return_val_if_fail (NF_IS_ARTICLE_ITEM (self), NULL);
  return self->headline;
}

const char *
nf_article_item_get_agency (NfArticleItem *self)
{
  g_return_val_if_fail (NF_IS_ARTICLE_ITEM (self), NULL);
  return self->agency;
}

const char *
nf_article_item_get_dateline (NfArticleItem *self)
{
  g_return_val_if_fail (NF_IS_ARTICLE_ITEM (self), NULL);
  return self->dateline;
}

const char *
nf_article_item_get_published (NfArticleItem *self)
{
  g_return_val_if_fail (NF_IS_ARTICLE_ITEM (self), NULL);
  return self->published;
}

const char *
nf_article_item_get_brief (NfArticleItem *self)
{
  g_return_val_if_fail (NF_IS_ARTICLE_ITEM (self), NULL);
  return self->brief;
}

const char *
nf_article_item_get_source (NfArticleItem *self)
{
  g_return_val_if_fail (NF_IS_ARTICLE_ITEM (self), NULL);
  return self->source;
}

gboolean
nf_article_item_get_loaded (NfArticleItem *self)
{
  g_return_val_if_fail (NF_IS_ARTICLE_ITEM (self), FALSE);
  return self->loaded;
}

static void
take_field (GVariantDict *dict,
            const char   *key,
            char        **field)
{
  const char *value = NULL;

  if (!g_variant_dict_lookup (dict, key, "&s", &value))
    return;
  g_free (*field);
  *field = g_strdup (value);
}

/**
 * nf_article_item_update:
 * @record: an a{sv} record from GetArticles()
 *
 * Fills the item from @record; a record with only "path" (an article
 * that is gone) leaves the other fields as they were.
 */
void
nf_article_item_update (NfArticleItem *self,
                        GVariant      *record)
{
  g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);
  const char *path = NULL;

  g_return_if_fail (NF_IS_ARTICLE_ITEM (self));
  g_return_if_fail (g_variant_is_of_type (record, G_VARIANT_TYPE_VARDICT));

  g_variant_dict_init (&dict, record);
  if (g_variant_dict_lookup (&dict, "path", "&o", &path))
    nf_article_item_set_path (self, path);
  take_field (&dict, "Headline", &self->headline);
  take_field (&dict, "Agency", &self->agency);
  take_field (&dict, "Dateline", &self->dateline);
  take_field (&dict, "Published", &self->published);
  take_field (&dict, "Brief", &self->brief);
  take_field (&dict, "Source", &self->source);
  self->loaded = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HEADLINE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
}

/**
 * nf_article_item_dup_meta:
 *
 * Returns: (transfer full): "agency · dateline · date", leaving out what
 *   the article does not give
 */
char *
nf_article_item_dup_meta (NfArticleItem *self)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  g_autofree char *date = NULL;

  g_return_val_if_fail (NF_IS_ARTICLE_ITEM (self), NULL);

  if (self->agency != NULL && *self->agency != '\0')
    g_ptr_array_add (parts, self->agency);
  if (self->dateline != NULL && *self->dateline != '\0')
    g_ptr_array_add (parts, self->dateline);
  if (self->published != NULL && *self->published != '\0')
    {
      /* The list shows the day; the time, if any, is on the article page. */
      date = g_strndup (self->published, 10);
      g_ptr_array_add (parts, date);
    }
  g_ptr_array_add (parts, NULL);

  return g_strjoinv (" · ", (char **) parts->pdata);
}
