/* nf-json.h: the facts JSON (schema newsfacts/1)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "nf-article.h"

G_BEGIN_DECLS

JsonNode *nf_article_to_json_node (const NfArticle *article);
char     *nf_article_to_json      (const NfArticle *article,
                                   gboolean         pretty);

G_END_DECLS
