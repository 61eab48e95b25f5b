/* nf-error.h: the one error domain that crosses D-Bus
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define NF_ERROR (nf_error_quark ())

/* Keep in step with the table in nf-error.c and the interface XML. */
typedef enum
{
  NF_ERROR_FAILED,
  NF_ERROR_INVALID_INPUT,   /* binary, not text, bad encoding, empty */
  NF_ERROR_TOO_LARGE,
  NF_ERROR_NOT_FOUND,
  NF_ERROR_BAD_QUERY,
  NF_ERROR_INVALID_ARGS,
  NF_ERROR_STORAGE,         /* the store could not be read or written */
  NF_ERROR_BUSY,
} NfError;

#define NF_ERROR_N_ERRORS (NF_ERROR_BUSY + 1)

GQuark nf_error_quark (void);

G_END_DECLS
