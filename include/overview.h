/*
 * overview.h -- what an officer sees of their workload (issue 13): the
 * answer to #overzicht / #overview, the weekly personal digest, and the
 * list of cases #zoek / #search found.
 *
 *   overview.c		pure: which cases an officer may see, and the
 *			lines and sections of the overview and of a search
 *			answer, from case rows -- no database, no mail;
 *   officer_overview.c	the commands and the weekly digest: reads the
 *			cases from the store, builds the text here, and
 *			mails it with the officer's personal Reply-To.
 *
 * Visibility is one rule, officer_serves()'s: a confidential case (its
 * flag, or its category's) is seen only by the officers named for its
 * category; every other case by every officer.  It applies to every
 * section and to the search: a confidential case of another category is
 * never listed, not even by reference.
 *
 * Sections of the overview, over the open cases (not decided or
 * closed) the officer may see:
 *   mine		assigned to the officer;
 *   unassigned		assigned to nobody, in one of the officer's
 *			categories (all, for an officer who lists none);
 *   due		of those two, due within OVERVIEW_DUE_DAYS from now;
 *   overdue		of those two, due before now;
 *   extended		of those two, with an extended term.
 * A case may stand in more than one section (mine and overdue).  Each
 * list holds at most OVERVIEW_LINES lines and then says how many more;
 * the counts are complete.
 */
#ifndef KLACHT_OVERVIEW_H
#define KLACHT_OVERVIEW_H

#include <stdint.h>

#include "cfg.h"
#include "store.h"
#include "util.h"

#define OVERVIEW_DUE_DAYS	7
#define OVERVIEW_LINES		50	/* per section */
#define SEARCH_LINES		20	/* matches listed in a search answer */

/* Whether officer o may see case c at all (see above). */
int		 overview_visible(const struct cfg *,
		    const struct cfg_officer *o, const struct case_row *c);

enum overview_section {
	OV_MINE, OV_UNASSIGNED, OV_DUE, OV_OVERDUE, OV_EXTENDED, OV_NSECTIONS
};

struct overview {
	const struct cfg		*cfg;
	const struct cfg_officer	*o;
	int64_t				 now;
	const char			*lang;	/* of the lines */
	struct buf			 list[OV_NSECTIONS];
	int				 count[OV_NSECTIONS];
	int				 ended[OV_NSECTIONS]; /* "more" added */
};

void		 overview_init(struct overview *, const struct cfg *,
		    const struct cfg_officer *, int64_t now, const char *lang);
/*
 * Files one case in the sections it belongs to for the officer: nothing
 * when it is decided or closed, the officer may not see it, or it is
 * neither theirs nor unassigned in their categories.  Cases are listed
 * in the order they are added.  Returns whether it was filed.
 */
int		 overview_add(struct overview *, const struct case_row *);
/* A section's lines ("" when empty), with the "... N more" line. */
const char	*overview_list(struct overview *, enum overview_section);
void		 overview_free(struct overview *);

/*
 * One line about a case for an officer:
 *   - KL-2026-00042, uiterlijk 7 december 2026, in behandeling, Jan de
 *   Boer: "subject"
 * with ", ontvangen <date>" after the reference when received is set
 * (English: received, due); the complainant's
 * name (else their address) and the subject cleaned and capped
 * (quote_clean); " (niet toegewezen)" / " (unassigned)" at the end when
 * mark_unassigned and nobody has the case.  Caller frees.
 */
char		*overview_line(const struct case_row *, const char *lang,
		    int received, int mark_unassigned);

/* The matches of a search for officer o: those o may see, newest first
 * as added; the first SEARCH_LINES listed (with the line that says how
 * to open one), all counted. */
struct overview_search {
	const struct cfg		*cfg;
	const struct cfg_officer	*o;
	const char			*lang;
	struct buf			 list;
	int				 count;	/* visible matches */
};
void		 overview_search_init(struct overview_search *,
		    const struct cfg *, const struct cfg_officer *,
		    const char *lang);
/* A store_search_foreach() callback: arg is the struct overview_search.
 * Never stops the search, so the count is complete. */
int		 overview_search_add(const struct case_row *, void *arg);
/* The list ("" when nothing matched); *more gets how many matches were
 * not listed. */
const char	*overview_search_list(struct overview_search *, int *more);
void		 overview_search_free(struct overview_search *);

#endif
