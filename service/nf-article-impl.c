/* nf-article-impl.c: io.github.newsfacts.Facts1.Article
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One object per article under NF_DBUS_ARTICLE_PATH, served on demand by
 * nf-objects.c; everything here runs on a reader thread.
 */

#define G_LOG_DOMAIN "newsfactsd"

#include "config.h"

#include "nf-dbus-generated.h"
#include "nf-error.h"
#include "nf-objects.h"

static GVariant *
article_get_properties (NfStore            *store,
                        const char         *id,
                        const char *const  *names,
                        GError            **error)
{
  return nf_store_get_article_fields (store, id, names, error);
}

static GVariant *
article_call_method (NfStore     *store,
                     const char  *id,
                     const char  *method,
                     GVariant    *parameters,
                     GError     **error)
{
  g_autofree char *value = NULL;

  if (g_strcmp0 (method, "GetJson") == 0)
    value = nf_store_get_json (store, id, error);
  else if (g_strcmp0 (method, "GetText") == 0)
    value = nf_store_get_text (store, id, error);
  else
    g_set_error (error, NF_ERROR, NF_ERROR_INVALID_ARGS,
                 "articles have no method “%s”", method);

  if (value == NULL)
    return NULL;
  return g_variant_new ("(s)", value);
}

const NfObjectClass nf_article_class = {
  .name = "article",
  .interface_info = nf_dbus_article_interface_info,
  .get_properties = article_get_properties,
  .call_method = article_call_method,
};
