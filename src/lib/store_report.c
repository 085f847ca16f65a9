/*
 * store_report.c -- the queries behind reports, the register and the
 * figures (issue 7).  Reports read no personal data at all: only
 * references, categories, dates, judgements and event kinds.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "store_int.h"
#include "util.h"

static void
report_fill(sqlite3_stmt *s, struct report_row *r)
{
	r->id = sqlite3_column_int64(s, 0);
	r->ref = store_col_text(s, 1);
	r->status = store_col_text(s, 2);
	r->category = store_col_text(s, 3);
	r->judgement = store_col_text(s, 4);
	r->received_at = sqlite3_column_int64(s, 5);
	r->due_at = sqlite3_column_int64(s, 6);
	r->decided_at = sqlite3_column_int64(s, 7);
	r->closed_at = sqlite3_column_int64(s, 8);
	r->extended = sqlite3_column_int(s, 9);
	r->purged_at = sqlite3_column_int64(s, 10);
}

enum kres
store_report_rows(struct store *st, const char *sql, const char *what,
    int (*cb)(const struct report_row *, void *), void *arg, char **cause)
{
	sqlite3_stmt		*s;
	struct report_row	 r;
	int			 rc, stop = 0;

	if ((s = store_prepare(st, sql, cause)) == NULL)
		return KR_PERM;
	while (!stop && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		report_fill(s, &r);
		stop = cb(&r, arg);
	}
	sqlite3_finalize(s);
	if (!stop && rc != SQLITE_DONE)
		return store_fail(st, rc, what, cause);
	return KR_OK;
}

enum kres
store_report_cases(struct store *st,
    int (*cb)(const struct report_row *, void *), void *arg, char **cause)
{
	return store_report_rows(st, "SELECT " STORE_REPORT_COLS " FROM cases "
	    "ORDER BY received_at, id", "read cases for the report", cb, arg,
	    cause);
}

enum kres
store_report_events(struct store *st,
    int (*cb)(int64_t, int64_t, const char *, void *), void *arg,
    char **cause)
{
	sqlite3_stmt	*s;
	int		 rc, stop = 0;

	s = store_prepare(st, "SELECT case_id, at, kind FROM events WHERE "
	    "kind IN ('escalation', 'reopened', 'reopen') ORDER BY at, id",
	    cause);
	if (s == NULL)
		return KR_PERM;
	while (!stop && (rc = sqlite3_step(s)) == SQLITE_ROW)
		stop = cb(sqlite3_column_int64(s, 0),
		    sqlite3_column_int64(s, 1), store_col_text(s, 2), arg);
	sqlite3_finalize(s);
	if (!stop && rc != SQLITE_DONE)
		return store_fail(st, rc, "read events for the report", cause);
	return KR_OK;
}
