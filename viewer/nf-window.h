/* nf-window.h: the main window: briefs on the left, the article on the right
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "nf-client.h"

G_BEGIN_DECLS

#define NF_TYPE_WINDOW (nf_window_get_type ())

G_DECLARE_FINAL_TYPE (NfWindow, nf_window, NF, WINDOW, AdwApplicationWindow)

NfWindow *nf_window_new           (GtkApplication *application,
                                   NfClient       *client);
void      nf_window_import_files  (NfWindow       *self,
                                   GFile         **files,
                                   guint           n_files);
void      nf_window_show_article  (NfWindow       *self,
                                   const char     *path);

G_END_DECLS
