/*
 * store_overview.c -- the cases an officer's overview (#overzicht and
 * the weekly personal digest, overview.h) is made of: the open ones
 * assigned to the officer or to nobody.  Which of those the officer may
 * see -- categories, confidentiality -- is decided by overview.c from
 * the configuration, which the store does not know.
 */
#include "config.h"

#include "store_int.h"
#include "util.h"

enum kres
store_overview_foreach(struct store *st, const char *officer_id,
    int (*cb)(const struct case_row *, void *), void *arg, char **cause)
{
	struct store_case_cb	c = { cb, arg };

	/* The open states are those of store_deadline.c's partial index:
	 * deadline_next is NULL exactly for decided and closed cases, but
	 * the status says it without relying on that. */
	return store_rows(st, "list an officer's cases", cause,
	    store_case_each, &c,
	    "SELECT " STORE_CASE_COLS " FROM cases c "
	    "WHERE c.status IN ('new', 'acknowledged', 'in_progress', "
	    "'waiting') AND (c.assignee = ?1 OR c.assignee IS NULL OR "
	    "c.assignee = '') ORDER BY c.due_at, c.id", "t", officer_id);
}
