/* nf-pipeline-private.h: the stages of the pipeline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each stage reads what the earlier ones left in the article and adds its
 * own facts.  Order: structure, sentences, dates, figures, entities,
 * quotes, brief.
 */

#pragma once

#include "nf-pipeline.h"

G_BEGIN_DECLS

void _nf_structure_run (NfArticle            *article,
                        const NfParseOptions *options);
void _nf_sentences_run (NfArticle            *article);
void _nf_dates_run     (NfArticle            *article);
void _nf_figures_run   (NfArticle            *article);
void _nf_entities_run  (NfArticle            *article);
void _nf_quotes_run    (NfArticle            *article);
void _nf_brief_run     (NfArticle            *article);

G_END_DECLS
