/*
 * officer_overview.h -- the officer's desk commands that only read
 * (issue 13), and the weekly personal digest:
 *
 *   #overzicht / #overview	the officer's workload (overview.h);
 *   #zoek / #search <words>	full-text search (store_search_foreach);
 *   overview_weekly()		the same overview, mailed once a week
 *				(digest.weekly) to each officer who did not
 *				switch it off (officers[].digest = false).
 *
 * Each answer is a mail of its own to the officer's configured address
 * with the officer's personal Reply-To (officer_personal_address), so a
 * reply to it can run desk commands; it is about no single case.  The
 * handlers need no case (x->c.id may be 0): their rows are
 * CMD_DESK_TOO and personal.
 */
#ifndef KLACHT_OFFICER_OVERVIEW_H
#define KLACHT_OFFICER_OVERVIEW_H

#include <stdint.h>

#include "cmdparse.h"
#include "officer_exec.h"

/* The handlers of CMD_OVERVIEW and CMD_SEARCH (officer_exec.c's
 * handlers[]): queue the answer, add a line to the confirmation. */
enum kres	 officer_do_overview(struct officer_exec *,
		    const struct cmd *, char **cause);
enum kres	 officer_do_search(struct officer_exec *, const struct cmd *,
		    char **cause);

/*
 * The weekly personal digests due at now, inside the caller's
 * transaction: for each officer with digest on, once per week starting
 * at digest.weekly (claimed in digest_sent as "officer:<id>", so a
 * restart or a second run that week sends nothing), the overview --
 * unless it would be empty.  Nothing when digest.weekly is "none" (the
 * default).  *sent gets how many were queued.
 */
enum kres	 overview_weekly(struct klacht *, int64_t now, int *sent,
		    char **cause);

#endif
