/* nf-display-harness.c: a real service and a real window for viewer tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The tests re-run themselves under `xvfb-run -a dbus-run-session`, so a
 * plain `meson test` gives them a display and a private session bus (a
 * GTestDBus would unset DISPLAY).  The service is the in-tree newsfactsd
 * with a store in a temporary folder; nothing of ours is mocked.
 */

#define G_LOG_DOMAIN "nf-display-test"

#include "config.h"

#include <stdlib.h>
#include <unistd.h>

#include "nf-application.h"
#include "nf-client.h"
#include "nf-display-harness.h"

static GSubprocess *service;

/* Re-executes the test under Xvfb and a private bus, unless already
 * there; prints a TAP skip when the tools are missing. */
void
nf_harness_reexec_under_display (int    argc,
                                 char **argv)
{
  g_autofree char *xvfb = NULL;
  g_autofree char *dbus = NULL;
  g_autofree char *first = NULL;
  g_autoptr(GPtrArray) args = g_ptr_array_new ();

  if (g_getenv ("NF_DISPLAY_TEST_INNER") != NULL)
    return;
  xvfb = g_find_program_in_path ("xvfb-run");
  dbus = g_find_program_in_path ("dbus-run-session");
  if (xvfb == NULL || dbus == NULL)
    {
      g_print ("1..0 # SKIP xvfb-run or dbus-run-session is not installed\n");
      exit (0);
    }
  g_setenv ("NF_DISPLAY_TEST_INNER", "1", TRUE);
  /* GTK talks to the accessibility bus; a private one would only slow
   * the start and print warnings. */
  g_setenv ("NO_AT_BRIDGE", "1", TRUE);
  g_setenv ("GTK_A11Y", "none", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  /* Xvfb has no GPU: GTK's GL renderer would run on llvmpipe, drawing in
   * software on the main thread, which no desktop does.  Cairo is what
   * GTK draws with best here.  (Set GSK_RENDERER to compare.) */
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  /* Start the search for a free display at a random number: many test
   * runs on one machine all starting at :99 race for it. */
  first = g_strdup_printf ("%d", g_random_int_range (100, 2000));
  g_ptr_array_add (args, xvfb);
  g_ptr_array_add (args, "-a");
  g_ptr_array_add (args, "-n");
  g_ptr_array_add (args, first);
  g_ptr_array_add (args, "-s");
  g_ptr_array_add (args, "-screen 0 1280x800x24");
  g_ptr_array_add (args, dbus);
  g_ptr_array_add (args, "--");
  for (int i = 0; i < argc; i++)
    g_ptr_array_add (args, argv[i]);
  g_ptr_array_add (args, NULL);
  execv (xvfb, (char **) args->pdata);
  g_printerr ("cannot run %s\n", xvfb);
  exit (1);
}

/* gtk_init(), waiting a little for a fresh Xvfb on a loaded machine. */
void
nf_harness_init_display (void)
{
  for (guint attempt = 0; attempt < 20; attempt++)
    {
      if (gtk_init_check ())
        {
          adw_init ();
          return;
        }
      g_usleep (G_USEC_PER_SEC / 2);
    }
  g_print ("Bail out! cannot open the display %s\n", g_getenv ("DISPLAY"));
  exit (1);
}

static gboolean
name_owned (gpointer data)
{
  GDBusConnection *bus = data;
  g_autoptr(GVariant) reply = NULL;
  gboolean owned = FALSE;

  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus",
                                       "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "NameHasOwner",
                                       g_variant_new ("(s)", NF_BUS_NAME),
                                       G_VARIANT_TYPE ("(b)"),
                                       G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL);
  if (reply != NULL)
    g_variant_get (reply, "(b)", &owned);
  return owned;
}

/* Starts the in-tree newsfactsd on a store at @db_path (filled with the
 * samples on first start) and waits for its name on the bus. */
gboolean
nf_harness_start_service (const char  *db_path,
                          GError     **error)
{
  const char *build = g_getenv ("NF_BUILD_ROOT");
  const char *source = g_getenv ("NF_SOURCE_ROOT");
  g_autofree char *exe = NULL;
  g_autofree char *samples = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GDBusConnection) bus = NULL;

  exe = g_build_filename (build != NULL ? build : ".", "service",
                          "newsfactsd", NULL);
  if (!g_file_test (exe, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   "%s is not built", exe);
      return FALSE;
    }
  samples = g_build_filename (source != NULL ? source : ".", "data",
                              "samples", NULL);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_subprocess_launcher_setenv (launcher, "NF_SAMPLES_DIR", samples, TRUE);
  service = g_subprocess_launcher_spawn (launcher, error, exe, "--db",
                                         db_path, "--no-watch", NULL);
  if (service == NULL)
    return FALSE;

  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, error);
  if (bus == NULL)
    return FALSE;
  if (!nf_harness_wait (name_owned, bus, 20000))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                   "newsfactsd did not take its name");
      return FALSE;
    }
  return TRUE;
}

void
nf_harness_stop_service (void)
{
  if (service == NULL)
    return;
  g_subprocess_send_signal (service, SIGTERM);
  g_subprocess_wait (service, NULL, NULL);
  g_clear_object (&service);
}

/* Opens the viewer's window the way the application does. */
NfWindow *
nf_harness_open_window (void)
{
  static NfApplication *app;
  g_autoptr(GError) error = NULL;
  GtkWindow *window;

  if (app == NULL)
    {
      app = nf_application_new ();
      g_application_set_flags (G_APPLICATION (app),
                               G_APPLICATION_HANDLES_OPEN |
                               G_APPLICATION_NON_UNIQUE);
      if (!g_application_register (G_APPLICATION (app), NULL, &error))
        g_error ("cannot register: %s", error->message);
    }
  /* Screenshots must not catch a cross-fade half way. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE,
                NULL);
  g_application_activate (G_APPLICATION (app));
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_assert_nonnull (window);
  gtk_window_set_default_size (window, 1200, 760);
  gtk_window_present (window);
  return NF_WINDOW (window);
}

static gboolean
tick (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Runs the main loop until @condition holds or @timeout_ms pass. */
gboolean
nf_harness_wait (NfCondition condition,
                 gpointer    data,
                 guint       timeout_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * 1000;
  guint id = g_timeout_add (20, tick, NULL);
  gboolean met;

  while (!(met = condition (data)) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (id);
  return met;
}

static gboolean
never (gpointer data)
{
  return FALSE;
}

/* Lets layout and drawing catch up. */
void
nf_harness_settle (guint ms)
{
  nf_harness_wait (never, NULL, ms);
}

/* Adds the text of every visible label under @widget to @texts. */
void
nf_harness_collect_labels (GtkWidget *widget,
                           GPtrArray *texts)
{
  if (!gtk_widget_get_visible (widget))
    return;
  if (GTK_IS_LABEL (widget))
    g_ptr_array_add (texts, g_strdup (gtk_label_get_text (GTK_LABEL (widget))));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    nf_harness_collect_labels (child, texts);
}

gboolean
nf_harness_has_label (GtkWidget  *widget,
                      const char *text)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);

  nf_harness_collect_labels (widget, texts);
  for (guint i = 0; i < texts->len; i++)
    if (g_strcmp0 (texts->pdata[i], text) == 0)
      return TRUE;
  return FALSE;
}

/**
 * nf_harness_screenshot:
 * @name: file name without folder, such as "viewer-list.png"
 *
 * Renders @widget as it is on screen into the test build folder.
 *
 * Returns: (transfer full) (nullable): the path written, or %NULL when
 *   the widget drew nothing
 */
char *
nf_harness_screenshot (GtkWidget  *widget,
                       const char *name)
{
  const char *dir = g_getenv ("G_TEST_BUILDDIR");
  g_autofree char *path = g_build_filename (dir != NULL ? dir : ".", name,
                                            NULL);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int width = 0, height = 0;
  GskRenderer *renderer;

  /* A widget being re-laid out draws nothing: try again a little later. */
  for (guint attempt = 0; node == NULL && attempt < 20; attempt++)
    {
      g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();

      nf_harness_settle (attempt == 0 ? 300 : 100);
      width = gtk_widget_get_width (widget);
      height = gtk_widget_get_height (widget);
      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_to_node (snapshot);
    }
  if (node == NULL)
    {
      g_test_message ("nothing drawn for %s", name);
      return NULL;
    }
  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width,
                                                              height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  return g_steal_pointer (&path);
}
