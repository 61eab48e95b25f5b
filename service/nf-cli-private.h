/* nf-cli-private.h: the commands of the newsfacts command line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * main() in nf-cli.c looks the first argument up in a table of commands.
 * A command gets argv with its own name as argv[0], prints its output on
 * stdout and its errors on stderr, and returns the exit status: 0 on
 * success, 1 when some input or request failed, 2 on a usage error.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef int (*NfCliRun) (int    argc,
                         char **argv);

typedef struct
{
  const char *name;
  const char *args;     /* shown in the usage, e.g. "FILE…" */
  const char *summary;  /* marked with N_() */
  NfCliRun    run;
} NfCliCommand;

int  _nf_cli_parse      (int    argc,
                         char **argv);

G_END_DECLS
