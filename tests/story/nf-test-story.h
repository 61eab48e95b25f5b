/* nf-test-story.h: helpers shared by the story tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The compact JSON of a story @id made of @articles (NfArticle); the test
 * fails unless it is what json-glib prints of the story's node (the
 * service writes the one, clients may compare with the other). */
char *nf_test_story_json (const char *id,
                          GPtrArray  *articles);

G_END_DECLS
