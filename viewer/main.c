/* main.c: newsfacts-viewer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "newsfacts-viewer"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "nf-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(NfApplication) app = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* Say plainly why nothing opens, rather than GTK's terse warning. */
  if (!gtk_init_check ())
    {
      g_printerr (_("newsfacts-viewer: cannot open a display. "
                    "Run it in a desktop session, or set DISPLAY or "
                    "WAYLAND_DISPLAY.\n"));
      return 1;
    }

  app = nf_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
