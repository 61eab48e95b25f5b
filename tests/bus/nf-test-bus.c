/* nf-test-bus.c: small helpers shared by the tests that run newsfactsd
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nf-store.h"
#include "nf-test-bus.h"

gboolean
nf_test_name_has_owner (GDBusConnection *conn)
{
  g_autoptr(GVariant) reply = NULL;
  gboolean has = FALSE;

  reply = g_dbus_connection_call_sync (conn, "org.freedesktop.DBus",
                                       "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "NameHasOwner",
                                       g_variant_new ("(s)", NF_DBUS_NAME),
                                       G_VARIANT_TYPE ("(b)"),
                                       G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL);
  if (reply != NULL)
    g_variant_get (reply, "(b)", &has);
  return has;
}

void
nf_test_wait_until (gboolean  (*check) (gpointer),
                    gpointer    data,
                    guint       timeout_ms,
                    const char *where)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (!check (data))
    {
      if (g_get_monotonic_time () > end)
        g_error ("%s: waited %u ms in vain", where, timeout_ms);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
}
