/* nf-timex.h: the year of a dateline that prints none
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "WASHINGTON, May 5 (Yonhap)" gives no year.  The dates stage keeps the
 * choice of year in these functions so that the stories stage can ask
 * which years fit and settle on one with story evidence: it then sets
 * published_parts.year and published, and calls nf_pipeline_redate().
 */

#pragma once

#include <glib.h>

#include "nf-article.h"

G_BEGIN_DECLS

/* The weekday the lede names for the dateline day ("a U.S. official said
 * Tuesday"), or G_DATE_BAD_WEEKDAY when the lede names none. */
GDateWeekday  nf_dates_lede_weekday   (const NfArticle *article);

/* Fills @years with the years from @latest_year down to @earliest_year in
 * which @month/@day exists and falls on @weekday (any weekday when
 * G_DATE_BAD_WEEKDAY), newest first; returns how many it stored. */
guint         nf_dates_fitting_years  (int              month,
                                       int              day,
                                       GDateWeekday     weekday,
                                       int              latest_year,
                                       int              earliest_year,
                                       int             *years,
                                       guint            max_years);

/* The year the dates stage chooses without story evidence: the latest
 * fitting year whose @month/@day is not after @today. */
int           nf_dates_infer_year     (const NfArticle *article,
                                       int              month,
                                       int              day,
                                       const GDate     *today);

G_END_DECLS
