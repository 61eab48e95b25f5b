/* nf-store-private.h: store internals shared with the tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "nf-store.h"

G_BEGIN_DECLS

/* Longest query accepted, in bytes, and most terms in one query. */
#define NF_STORE_MAX_QUERY 1024
#define NF_STORE_MAX_TERMS 32

/* The SQL that brings schema version N to N + 1, for N below
 * NF_STORE_SCHEMA_VERSION. */
extern const char *const _nf_store_migrations[];

/* Turns plain words into an FTS5 query in which every term is quoted, so
 * no user text is ever read as FTS5 syntax.  Returns NULL with
 * NF_ERROR_BAD_QUERY when nothing searchable is left. */
char *_nf_store_fts_query (const char  *query,
                           GError     **error);

/* Forgets what searches learnt about their queries (counts and page
 * marks), so the next search of each query pays its full cost: for
 * benchmarks that measure that cost. */
void  _nf_store_forget_searches (NfStore *store);

/* Whether a one-word prefix search ("comp*") reads the index's pages
 * itself (the default) or asks FTS5: for tests that compare the two. */
void  _nf_store_set_prefix_scan (NfStore  *store,
                                 gboolean  enabled);
/* How many searches the prefix scan answered (it gives up on pages it
 * cannot read, and FTS5 answers). */
guint _nf_store_get_prefix_scans (NfStore *store);

G_END_DECLS
