/* nf-quote-row.c: one quote as a card, with its speaker
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Activating the row (click, Enter) is handled by the list that holds it:
 * the article view scrolls the text to the quote.  The copy button emits
 * "copy", since only the article knows the agency and date to cite.
 */

#define G_LOG_DOMAIN "nf-quote-row"

#include "config.h"

#include <glib/gi18n.h>

#include "nf-quote-row.h"

struct _NfQuoteRow
{
  GtkListBoxRow  parent_instance;

  char          *text;
  char          *speaker;
  guint          start;
  guint          end;

  GtkLabel      *text_label;
  GtkLabel      *speaker_label;
  GtkLabel      *role_label;
  GtkLabel      *anonymous_label;
};

G_DEFINE_FINAL_TYPE (NfQuoteRow, nf_quote_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  COPY,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
copy_clicked_cb (NfQuoteRow *self)
{
  g_signal_emit (self, signals[COPY], 0);
}

static void
nf_quote_row_finalize (GObject *object)
{
  NfQuoteRow *self = NF_QUOTE_ROW (object);

  g_free (self->text);
  g_free (self->speaker);

  G_OBJECT_CLASS (nf_quote_row_parent_class)->finalize (object);
}

static void
nf_quote_row_class_init (NfQuoteRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = nf_quote_row_finalize;

  signals[COPY] = g_signal_new ("copy", G_TYPE_FROM_CLASS (klass),
                                G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/newsfacts/Viewer/nf-quote-row.ui");
  gtk_widget_class_bind_template_child (widget_class, NfQuoteRow, text_label);
  gtk_widget_class_bind_template_child (widget_class, NfQuoteRow,
                                        speaker_label);
  gtk_widget_class_bind_template_child (widget_class, NfQuoteRow, role_label);
  gtk_widget_class_bind_template_child (widget_class, NfQuoteRow,
                                        anonymous_label);
  gtk_widget_class_bind_template_callback (widget_class, copy_clicked_cb);
}

static void
nf_quote_row_init (NfQuoteRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

static gboolean
is_blank (const char *s)
{
  return s == NULL || *s == '\0';
}

/**
 * nf_quote_row_new:
 * @kind: person, organization, anonymous or unknown
 * @start: code-point offset of the quote in the article text
 */
GtkWidget *
nf_quote_row_new (const char *text,
                  const char *speaker,
                  const char *role,
                  const char *kind,
                  guint       start,
                  guint       end)
{
  NfQuoteRow *self;
  g_autofree char *quoted = NULL;
  g_autofree char *accessible = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  self = g_object_new (NF_TYPE_QUOTE_ROW, NULL);
  self->text = g_strdup (text);
  self->speaker = g_strdup (speaker);
  self->start = start;
  self->end = end;

  /* TRANSLATORS: a quote in typographic quotation marks */
  quoted = g_strdup_printf (_("“%s”"), text);
  gtk_label_set_text (self->text_label, quoted);
  gtk_label_set_text (self->speaker_label,
                      is_blank (speaker) ? _("Unknown speaker") : speaker);
  gtk_label_set_text (self->role_label, is_blank (role) ? "" : role);
  gtk_widget_set_visible (GTK_WIDGET (self->role_label), !is_blank (role));
  gtk_widget_set_visible (GTK_WIDGET (self->anonymous_label),
                          g_strcmp0 (kind, "anonymous") == 0);

  accessible = g_strdup_printf (_("Quote by %s: %s"),
                                is_blank (speaker) ? _("unknown speaker")
                                                   : speaker, text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self),
                               _("Show the quote in the text"));
  return GTK_WIDGET (self);
}

const char *
nf_quote_row_get_text (NfQuoteRow *self)
{
  g_return_val_if_fail (NF_IS_QUOTE_ROW (self), NULL);
  return self->text;
}

const char *
nf_quote_row_get_speaker (NfQuoteRow *self)
{
  g_return_val_if_fail (NF_IS_QUOTE_ROW (self), NULL);
  return self->speaker;
}

guint
nf_quote_row_get_start (NfQuoteRow *self)
{
  g_return_val_if_fail (NF_IS_QUOTE_ROW (self), 0);
  return self->start;
}

guint
nf_quote_row_get_end (NfQuoteRow *self)
{
  g_return_val_if_fail (NF_IS_QUOTE_ROW (self), 0);
  return self->end;
}
