/* nf-error.c: the one error domain that crosses D-Bus
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "newsfacts"

#include "config.h"

#include <gio/gio.h>

#include "nf-error.h"

static const GDBusErrorEntry nf_error_entries[] = {
  { NF_ERROR_FAILED, "io.github.newsfacts.Facts1.Error.Failed" },
  { NF_ERROR_INVALID_INPUT, "io.github.newsfacts.Facts1.Error.InvalidInput" },
  { NF_ERROR_TOO_LARGE, "io.github.newsfacts.Facts1.Error.TooLarge" },
  { NF_ERROR_NOT_FOUND, "io.github.newsfacts.Facts1.Error.NotFound" },
  { NF_ERROR_BAD_QUERY, "io.github.newsfacts.Facts1.Error.BadQuery" },
  { NF_ERROR_INVALID_ARGS, "io.github.newsfacts.Facts1.Error.InvalidArgs" },
  { NF_ERROR_STORAGE, "io.github.newsfacts.Facts1.Error.Storage" },
  { NF_ERROR_BUSY, "io.github.newsfacts.Facts1.Error.Busy" },
};

G_STATIC_ASSERT (G_N_ELEMENTS (nf_error_entries) == NF_ERROR_N_ERRORS);

GQuark
nf_error_quark (void)
{
  static gsize quark = 0;

  g_dbus_error_register_error_domain ("nf-error-quark", &quark,
                                      nf_error_entries,
                                      G_N_ELEMENTS (nf_error_entries));
  return (GQuark) quark;
}
