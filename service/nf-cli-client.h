/* nf-cli-client.h: newsfacts commands that talk to the service
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Exit status when the service cannot be reached. */
#define NF_CLI_EXIT_UNREACHABLE 3

gboolean     nf_cli_client_has_command (const char  *command);
int          nf_cli_client_run         (int          argc,
                                        char       **argv);

G_END_DECLS
