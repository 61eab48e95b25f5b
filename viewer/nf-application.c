/* nf-application.c: the viewer application (io.github.newsfacts.Viewer)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One client (one link to the service) for the whole application; each
 * window shares it.  Files opened with the application are imported.
 */

#define G_LOG_DOMAIN "nf-application"

#include "config.h"

#include <glib/gi18n.h>

#include "nf-application.h"
#include "nf-client.h"
#include "nf-window.h"

struct _NfApplication
{
  AdwApplication  parent_instance;

  NfClient       *client;
};

G_DEFINE_FINAL_TYPE (NfApplication, nf_application, ADW_TYPE_APPLICATION)

static NfWindow *
get_window (NfApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (
    GTK_APPLICATION (self));

  if (window == NULL)
    window = GTK_WINDOW (nf_window_new (GTK_APPLICATION (self), self->client));
  return NF_WINDOW (window);
}

static void
nf_application_activate (GApplication *application)
{
  gtk_window_present (GTK_WINDOW (get_window (NF_APPLICATION (application))));
}

static void
nf_application_open (GApplication  *application,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  NfWindow *window = get_window (NF_APPLICATION (application));

  gtk_window_present (GTK_WINDOW (window));
  nf_window_import_files (window, files, n_files);
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  GtkApplication *application = GTK_APPLICATION (user_data);
  const char *developers[] = { _("The Newsfacts developers"), NULL };

  adw_show_about_window (gtk_application_get_active_window (application),
                         "application-name", _("Newsfacts"),
                         "application-icon", NF_VIEWER_APP_ID,
                         "version", PACKAGE_VERSION,
                         "comments", _("Briefs, quotes and figures from "
                                       "news-wire articles"),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "developers", developers,
                         NULL);
}

/* app.show-article(o): the Shell search provider and the new-articles
 * notification of newsfactsd open an article with it, starting the
 * viewer by D-Bus activation when needed. */
static void
show_article_action (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  NfWindow *window = get_window (NF_APPLICATION (user_data));

  gtk_window_present (GTK_WINDOW (window));
  nf_window_show_article (window, g_variant_get_string (parameter, NULL));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static void
nf_application_startup (GApplication *application)
{
  NfApplication *self = NF_APPLICATION (application);
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GError) error = NULL;
  const GActionEntry entries[] = {
    { "about", about_action, NULL, NULL, NULL, { 0 } },
    { "quit", quit_action, NULL, NULL, NULL, { 0 } },
    { "show-article", show_article_action, "o", NULL, NULL, { 0 } },
  };

  G_APPLICATION_CLASS (nf_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (self), entries,
                                   G_N_ELEMENTS (entries), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit",
                                         (const char *[]) { "<Control>q",
                                                            NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self),
                                         "window.close",
                                         (const char *[]) { "<Control>w",
                                                            NULL });

  /* The application has registered on the session bus already; without
   * one the window still opens and says the service is away. */
  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  if (bus == NULL)
    g_warning ("No session bus: %s", error->message);
  self->client = nf_client_new (bus);
}

static void
nf_application_dispose (GObject *object)
{
  NfApplication *self = NF_APPLICATION (object);

  g_clear_object (&self->client);

  G_OBJECT_CLASS (nf_application_parent_class)->dispose (object);
}

static void
nf_application_class_init (NfApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = nf_application_dispose;
  app_class->startup = nf_application_startup;
  app_class->activate = nf_application_activate;
  app_class->open = nf_application_open;
}

static void
nf_application_init (NfApplication *self)
{
}

NfApplication *
nf_application_new (void)
{
  return g_object_new (NF_TYPE_APPLICATION,
                       "application-id", NF_VIEWER_APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/newsfacts/Viewer",
                       NULL);
}
