/* nf-display-harness.h: a real service and a real window for viewer tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "nf-window.h"

G_BEGIN_DECLS

typedef gboolean (*NfCondition) (gpointer data);

void       nf_harness_reexec_under_display (int            argc,
                                            char         **argv);
void       nf_harness_init_display         (void);
gboolean   nf_harness_start_service        (const char    *db_path,
                                            GError       **error);
void       nf_harness_stop_service         (void);
NfWindow  *nf_harness_open_window          (void);
gboolean   nf_harness_wait                 (NfCondition    condition,
                                            gpointer       data,
                                            guint          timeout_ms);
void       nf_harness_settle               (guint          ms);
void       nf_harness_collect_labels       (GtkWidget     *widget,
                                            GPtrArray     *texts);
gboolean   nf_harness_has_label            (GtkWidget     *widget,
                                            const char    *text);
char      *nf_harness_screenshot           (GtkWidget     *widget,
                                            const char    *name);

G_END_DECLS
