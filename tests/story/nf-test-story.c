/* nf-test-story.c: helpers shared by the story tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>

#include "nf-story.h"
#include "nf-test-story.h"

char *
nf_test_story_json (const char *id,
                    GPtrArray  *articles)
{
  g_autoptr(NfStory) story = nf_story_new (id);
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *printed = NULL;
  char *json;

  for (guint i = 0; i < articles->len; i++)
    nf_story_add_article (story, g_ptr_array_index (articles, i));
  json = nf_story_to_json (story, FALSE);
  node = nf_story_to_json_node (story);
  json_generator_set_root (generator, node);
  printed = json_generator_to_data (generator, NULL);
  g_assert_cmpstr (json, ==, printed);
  return json;
}
