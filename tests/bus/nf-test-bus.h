/* nf-test-bus.h: small helpers shared by the tests that run newsfactsd
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Whether the service's well-known name has an owner on @conn's bus. */
gboolean nf_test_name_has_owner (GDBusConnection *conn);

/* Iterates the default main context until @check (@data) is true; after
 * @timeout_ms the test fails with @where in the message. */
void     nf_test_wait_until     (gboolean       (*check) (gpointer),
                                 gpointer         data,
                                 guint            timeout_ms,
                                 const char      *where);

G_END_DECLS
