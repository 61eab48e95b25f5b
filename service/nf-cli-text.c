/* nf-cli-text.c: the facts of an article as text for a terminal
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `newsfacts show` renders the facts JSON (from the service or from an
 * offline parse) as something a person reads: headline, metadata, brief,
 * quotes with their speakers, figures, dates and entities.  Article text
 * is untrusted, so control characters never reach the terminal.
 */

#define G_LOG_DOMAIN "newsfacts"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "nf-cli-text.h"

#define MAX_WIDTH 100
#define MIN_WIDTH 40

static const char *
style_on (const NfTextStyle *style,
          const char        *code)
{
  return style->styled ? code : "";
}

#define BOLD(s) style_on ((s), "\033[1m")
#define DIM(s) style_on ((s), "\033[2m")
#define RESET(s) style_on ((s), "\033[0m")

void
nf_text_style_for_stdout (NfTextStyle *style)
{
  struct winsize ws = { 0 };
  const char *columns = g_getenv ("COLUMNS");
  guint width = 80;

  g_return_if_fail (style != NULL);

  if (isatty (STDOUT_FILENO) && ioctl (STDOUT_FILENO, TIOCGWINSZ, &ws) == 0
      && ws.ws_col > 0)
    width = ws.ws_col;
  else if (columns != NULL && atoi (columns) > 0)
    width = (guint) atoi (columns);

  style->width = CLAMP (width, MIN_WIDTH, MAX_WIDTH);
  style->styled = isatty (STDOUT_FILENO) && g_getenv ("NO_COLOR") == NULL;
}

static gboolean
is_unsafe_char (gunichar c)
{
  /* C0 and C1 controls could move the cursor or change colours; bidi
   * overrides could make a line read differently from what it holds. */
  return c < 0x20 || (c >= 0x7f && c < 0xa0)
         || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

/* Returns @text as valid UTF-8 on one line with nothing a terminal would
 * interpret: newlines and tabs become spaces, other controls vanish. */
char *
nf_text_sanitize (const char *text)
{
  g_autofree char *valid = NULL;
  GString *out;

  if (text == NULL)
    return g_strdup ("");

  valid = g_utf8_make_valid (text, -1);
  out = g_string_sized_new (strlen (valid));
  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\n' || c == '\t' || c == '\r')
        g_string_append_c (out, ' ');
      else if (!is_unsafe_char (c))
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

static guint
char_width (gunichar c)
{
  if (g_unichar_iszerowidth (c))
    return 0;
  return g_unichar_iswide (c) ? 2 : 1;
}

guint
nf_text_display_width (const char *text)
{
  guint width = 0;

  g_return_val_if_fail (text != NULL, 0);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    width += char_width (g_utf8_get_char (p));
  return width;
}

/* Cuts @text (already sanitized) to at most @width columns, ending in an
 * ellipsis when something was cut. */
char *
nf_text_ellipsize (const char *text,
                   guint       width)
{
  GString *out;
  guint used = 0;

  g_return_val_if_fail (text != NULL, NULL);

  if (nf_text_display_width (text) <= width)
    return g_strdup (text);

  out = g_string_new (NULL);
  for (const char *p = text; *p != '\0' && width > 0; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (used + char_width (c) > width - 1)
        break;
      g_string_append_unichar (out, c);
      used += char_width (c);
    }
  g_string_append (out, "…");
  return g_string_free (out, FALSE);
}

/* Appends @text word-wrapped to @width columns, every line indented by
 * @indent spaces and ended by a newline. */
void
nf_text_append_wrapped (GString    *out,
                        const char *text,
                        guint       indent,
                        guint       width)
{
  g_autofree char *clean = nf_text_sanitize (text);
  g_auto(GStrv) words = g_strsplit (clean, " ", -1);
  guint avail = width > indent + 10 ? width - indent : 10;
  guint used = 0;

  g_return_if_fail (out != NULL);

  for (guint i = 0; words[i] != NULL; i++)
    {
      guint w = nf_text_display_width (words[i]);

      if (w == 0)
        continue;
      if (used > 0 && used + 1 + w > avail)
        {
          g_string_append_c (out, '\n');
          used = 0;
        }
      if (used == 0)
        g_string_append_printf (out, "%*s", (int) indent, "");
      else
        {
          g_string_append_c (out, ' ');
          used++;
        }
      g_string_append (out, words[i]);
      used += w;
    }
  if (used > 0)
    g_string_append_c (out, '\n');
}

/* A string member, or NULL when it is missing, null, not a string or "". */
static const char *
get_str (JsonObject *object,
         const char *member)
{
  JsonNode *node = json_object_get_member (object, member);
  const char *value;

  if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_VALUE
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  value = json_node_get_string (node);
  return value != NULL && *value != '\0' ? value : NULL;
}

static JsonArray *
get_array (JsonObject *object,
           const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_ARRAY)
    return NULL;
  return json_node_get_array (node);
}

static JsonObject *
get_element (JsonArray *array,
             guint      index)
{
  JsonNode *node = json_array_get_element (array, index);

  return JSON_NODE_TYPE (node) == JSON_NODE_OBJECT ? json_node_get_object (node) : NULL;
}

static char *
join_strings (JsonArray  *array,
              const char *separator)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (JSON_NODE_TYPE (node) != JSON_NODE_VALUE
          || json_node_get_value_type (node) != G_TYPE_STRING)
        continue;
      if (out->len > 0)
        g_string_append (out, separator);
      g_string_append (out, json_node_get_string (node));
    }
  return g_string_free (out, FALSE);
}

static void
append_heading (GString           *out,
                const NfTextStyle *style,
                const char        *heading)
{
  g_autofree char *clean = nf_text_sanitize (heading);

  g_string_append_printf (out, "\n%s%s%s\n", BOLD (style), clean, RESET (style));
}

static void
append_header (GString           *out,
               JsonObject        *facts,
               const NfTextStyle *style)
{
  g_autoptr(GPtrArray) meta = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *byline = join_strings (get_array (facts, "byline"), ", ");
  g_autofree char *meta_line = NULL;
  const char *headline = get_str (facts, "headline");
  const char *published = get_str (facts, "published");

  g_string_append (out, BOLD (style));
  nf_text_append_wrapped (out, headline ? headline : _("(no headline)"), 0, style->width);
  g_string_append (out, RESET (style));

  if (*byline != '\0')
    g_ptr_array_add (meta, g_strdup_printf (_("By %s"), byline));
  if (get_str (facts, "agency") != NULL)
    g_ptr_array_add (meta, g_strdup (get_str (facts, "agency")));
  if (get_str (facts, "dateline") != NULL)
    g_ptr_array_add (meta, g_strdup (get_str (facts, "dateline")));
  if (published != NULL && json_object_get_boolean_member_with_default (facts, "published_inferred", FALSE))
    /* Translators: a publication date some part of which (such as the
     * year) the article does not print */
    g_ptr_array_add (meta, g_strdup_printf (_("%s (inferred)"), published));
  else if (published != NULL)
    g_ptr_array_add (meta, g_strdup (published));
  g_ptr_array_add (meta, NULL);
  meta_line = g_strjoinv (" · ", (char **) meta->pdata);
  if (*meta_line != '\0')
    nf_text_append_wrapped (out, meta_line, 0, style->width);

  g_string_append (out, DIM (style));
  {
    g_autofree char *ids = g_strdup_printf (_("id %s · source %s"),
                                            get_str (facts, "id") ? get_str (facts, "id") : "?",
                                            get_str (facts, "source") ? get_str (facts, "source") : "?");
    nf_text_append_wrapped (out, ids, 0, style->width);
  }
  g_string_append (out, RESET (style));
}

static void
append_brief (GString           *out,
              JsonObject        *facts,
              const NfTextStyle *style)
{
  const char *brief = get_str (facts, "brief");

  if (brief == NULL)
    return;
  append_heading (out, style, _("Brief"));
  nf_text_append_wrapped (out, brief, 2, style->width);
}

/* "— Marc Knapper, deputy assistant secretary of state (said)" */
static char *
quote_attribution (JsonObject *quote)
{
  const char *speaker = get_str (quote, "speaker");
  const char *role = get_str (quote, "speaker_role");
  const char *kind = get_str (quote, "speaker_kind");
  const char *verb = get_str (quote, "verb");
  GString *out = g_string_new ("— ");

  if (speaker != NULL)
    g_string_append (out, speaker);
  else if (g_strcmp0 (kind, "anonymous") == 0)
    g_string_append (out, _("an anonymous source"));
  else
    g_string_append (out, _("unknown speaker"));
  if (role != NULL)
    g_string_append_printf (out, ", %s", role);
  if (speaker != NULL && g_strcmp0 (kind, "anonymous") == 0)
    g_string_append_printf (out, " [%s]", _("anonymous source"));
  if (verb != NULL)
    g_string_append_printf (out, " (%s)", verb);
  return g_string_free (out, FALSE);
}

static void
append_quotes (GString           *out,
               JsonObject        *facts,
               const NfTextStyle *style)
{
  JsonArray *quotes = get_array (facts, "quotes");
  guint n = quotes ? json_array_get_length (quotes) : 0;
  g_autofree char *heading = NULL;

  if (n == 0)
    return;
  heading = g_strdup_printf (_("Quotes (%u)"), n);
  append_heading (out, style, heading);
  for (guint i = 0; i < n; i++)
    {
      JsonObject *quote = get_element (quotes, i);
      g_autofree char *text = NULL;
      g_autofree char *attribution = NULL;

      if (quote == NULL || get_str (quote, "text") == NULL)
        continue;
      text = g_strdup_printf ("“%s”", get_str (quote, "text"));
      attribution = quote_attribution (quote);
      if (i > 0)
        g_string_append_c (out, '\n');
      nf_text_append_wrapped (out, text, 2, style->width);
      nf_text_append_wrapped (out, attribution, 4, style->width);
    }
}

/* 870000000 → "870,000,000"; 1.5 → "1.5" */
static char *
format_number (double value)
{
  g_autofree char *digits = NULL;
  GString *out;
  gsize len, lead;

  if (!isfinite (value) || fabs (value) >= 1e15 || value != floor (value))
    {
      char buffer[G_ASCII_DTOSTR_BUF_SIZE];

      return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.6g", value));
    }
  digits = g_strdup_printf ("%.0f", fabs (value));
  len = strlen (digits);
  lead = len % 3 == 0 ? 3 : len % 3;
  out = g_string_new (value < 0 ? "-" : "");
  g_string_append_len (out, digits, lead);
  for (gsize i = lead; i < len; i += 3)
    {
      g_string_append_c (out, ',');
      g_string_append_len (out, digits + i, 3);
    }
  return g_string_free (out, FALSE);
}

/* "US$870 million → 870,000,000 USD" or "some 4,000 → 4,000 South
 * Korean employees (some)" — the figure as printed, then as a value. */
static char *
figure_line (JsonObject *figure)
{
  JsonNode *value_node = json_object_get_member (figure, "value");
  const char *unit = get_str (figure, "unit");
  const char *qualifier = get_str (figure, "qualifier");
  GString *out = g_string_new (get_str (figure, "text"));

  if (value_node != NULL && JSON_NODE_HOLDS_VALUE (value_node))
    {
      g_autofree char *number = format_number (json_node_get_double (value_node));

      g_string_append_printf (out, " → %s", number);
      if (g_strcmp0 (unit, "percent") == 0)
        g_string_append_c (out, '%');
      else if (unit != NULL)
        g_string_append_printf (out, " %s", unit);
    }
  if (qualifier != NULL)
    g_string_append_printf (out, " (%s)", qualifier);
  return g_string_free (out, FALSE);
}

static void
append_figures (GString           *out,
                JsonObject        *facts,
                const NfTextStyle *style)
{
  JsonArray *figures = get_array (facts, "figures");
  guint n = figures ? json_array_get_length (figures) : 0;
  g_autofree char *heading = NULL;

  if (n == 0)
    return;
  heading = g_strdup_printf (_("Figures (%u)"), n);
  append_heading (out, style, heading);
  for (guint i = 0; i < n; i++)
    {
      JsonObject *figure = get_element (figures, i);
      g_autofree char *line = NULL;

      if (figure == NULL || get_str (figure, "text") == NULL)
        continue;
      line = figure_line (figure);
      nf_text_append_wrapped (out, line, 2, style->width);
      if (get_str (figure, "subject") != NULL)
        {
          g_string_append (out, DIM (style));
          nf_text_append_wrapped (out, get_str (figure, "subject"), 6, style->width);
          g_string_append (out, RESET (style));
        }
    }
}

static void
append_dates (GString           *out,
              JsonObject        *facts,
              const NfTextStyle *style)
{
  JsonArray *dates = get_array (facts, "dates");
  guint n = dates ? json_array_get_length (dates) : 0;
  g_autofree char *heading = NULL;
  guint column = 0;

  if (n == 0)
    return;
  heading = g_strdup_printf (_("Dates (%u)"), n);
  append_heading (out, style, heading);
  for (guint i = 0; i < n; i++)
    {
      JsonObject *date = get_element (dates, i);
      g_autofree char *text = date ? nf_text_sanitize (get_str (date, "text")) : NULL;

      if (text != NULL)
        column = MAX (column, MIN (nf_text_display_width (text), 30));
    }
  for (guint i = 0; i < n; i++)
    {
      JsonObject *date = get_element (dates, i);
      g_autofree char *text = NULL;
      g_autofree char *cut = NULL;
      g_autofree char *value = NULL;

      if (date == NULL || get_str (date, "text") == NULL)
        continue;
      text = nf_text_sanitize (get_str (date, "text"));
      cut = nf_text_ellipsize (text, 30);
      value = nf_text_sanitize (get_str (date, "value") ? get_str (date, "value") : "?");
      g_string_append_printf (out, "  %s%*s  %s\n", cut,
                              (int) (column - nf_text_display_width (cut)), "", value);
    }
}

static void
append_entities (GString           *out,
                 JsonObject        *facts,
                 const NfTextStyle *style)
{
  static const struct { const char *kind; const char *label; } groups[] = {
    { "person", N_("People") },
    { "organization", N_("Organizations") },
    { "place", N_("Places") },
    { "other", N_("Other names") },
  };
  JsonArray *entities = get_array (facts, "entities");

  if (entities == NULL || json_array_get_length (entities) == 0)
    return;
  for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
    {
      g_autoptr(GString) names = g_string_new (NULL);

      for (guint i = 0; i < json_array_get_length (entities); i++)
        {
          JsonObject *entity = get_element (entities, i);

          if (entity == NULL || get_str (entity, "name") == NULL
              || g_strcmp0 (get_str (entity, "kind"), groups[g].kind) != 0)
            continue;
          if (names->len > 0)
            g_string_append (names, "; ");
          g_string_append (names, get_str (entity, "name"));
        }
      if (names->len == 0)
        continue;
      append_heading (out, style, _(groups[g].label));
      nf_text_append_wrapped (out, names->str, 2, style->width);
    }
}

/* Renders the facts JSON object of one article for reading. */
char *
nf_text_render_article (JsonObject        *facts,
                        const NfTextStyle *style)
{
  GString *out;

  g_return_val_if_fail (facts != NULL, NULL);
  g_return_val_if_fail (style != NULL, NULL);

  out = g_string_new (NULL);
  append_header (out, facts, style);
  append_brief (out, facts, style);
  append_quotes (out, facts, style);
  append_figures (out, facts, style);
  append_dates (out, facts, style);
  append_entities (out, facts, style);
  if (get_str (facts, "story") != NULL)
    {
      g_autofree char *story = g_strdup_printf (_("Story: %s"), get_str (facts, "story"));

      g_string_append_c (out, '\n');
      nf_text_append_wrapped (out, story, 0, style->width);
    }
  return g_string_free (out, FALSE);
}
