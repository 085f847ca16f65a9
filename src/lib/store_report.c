/*
 * store_report.c -- the queries behind reports, the register and the
 * figures (issue 7).  Reports read no personal data at all: only
 * references, categories, dates, judgements and event kinds.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "calendar.h"
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
	r->channel = store_col_text(s, 11);
	r->forwarded_kind = store_col_text(s, 12);
}

struct report_each {
	int		(*cb)(const struct report_row *, void *);
	void		*arg;
};

static int
report_each(sqlite3_stmt *s, void *p)
{
	struct report_each	*c = p;
	struct report_row	 r;

	report_fill(s, &r);
	return c->cb(&r, c->arg);
}

enum kres
store_report_rows(struct store *st, const char *sql, const char *what,
    int (*cb)(const struct report_row *, void *), void *arg, char **cause)
{
	struct report_each	c = { cb, arg };

	return store_rows(st, what, cause, report_each, &c, sql, "");
}

enum kres
store_report_cases(struct store *st,
    int (*cb)(const struct report_row *, void *), void *arg, char **cause)
{
	return store_report_rows(st, "SELECT " STORE_REPORT_COLS " FROM cases "
	    "ORDER BY received_at, id", "read cases for the report", cb, arg,
	    cause);
}

struct event_kind_each {
	int		(*cb)(int64_t, int64_t, const char *, void *);
	void		*arg;
};

static int
event_kind_each(sqlite3_stmt *s, void *p)
{
	struct event_kind_each	*c = p;

	return c->cb(sqlite3_column_int64(s, 0), sqlite3_column_int64(s, 1),
	    store_col_text(s, 2), c->arg);
}

enum kres
store_report_events(struct store *st,
    int (*cb)(int64_t, int64_t, const char *, void *), void *arg,
    char **cause)
{
	struct event_kind_each	c = { cb, arg };

	return store_rows(st, "read events for the report", cause,
	    event_kind_each, &c, "SELECT case_id, at, kind FROM events WHERE "
	    "kind IN ('escalation', 'reopened', 'reopen', 'contact') ORDER BY at, "
	    "id", "");
}

struct hearing_each {
	int		(*cb)(int64_t, int64_t, const char *, const char *,
			    void *);
	void		*arg;
};

static int
hearing_each(sqlite3_stmt *s, void *p)
{
	struct hearing_each	*c = p;

	return c->cb(sqlite3_column_int64(s, 0), sqlite3_column_int64(s, 1),
	    store_col_text(s, 2), store_col_text(s, 3), c->arg);
}

enum kres
store_report_hearings(struct store *st,
    int (*cb)(int64_t, int64_t, const char *, const char *, void *),
    void *arg, char **cause)
{
	struct hearing_each	c = { cb, arg };

	return store_rows(st, "read hearings for the report", cause,
	    hearing_each, &c, "SELECT case_id, at, kind, CASE kind WHEN "
	    "'hearing-skipped' THEN substr(detail, 1, 1) END FROM events "
	    "WHERE kind IN ('hearing-report', 'hearing-skipped') ORDER BY at, "
	    "id", "");
}

struct measure_each {
	int		(*cb)(int64_t, int64_t, int, int, void *);
	void		*arg;
};

static int
measure_each(sqlite3_stmt *s, void *p)
{
	struct measure_each	*c = p;

	return c->cb(sqlite3_column_int64(s, 0), sqlite3_column_int64(s, 1),
	    sqlite3_column_int(s, 2), sqlite3_column_int(s, 3), c->arg);
}

enum kres
store_report_measures(struct store *st, int64_t from, int64_t to,
    int (*cb)(int64_t, int64_t, int, int, void *), void *arg, char **cause)
{
	struct measure_each	c = { cb, arg };

	/* The same definitions as store_measure_counts. */
	return store_rows(st, "read measures for the report", cause,
	    measure_each, &c, "SELECT m.id, mc.case_id, m.done_at IS NOT NULL "
	    "AND m.done_at < ?2, (m.done_at IS NULL OR m.done_at >= ?2) AND "
	    "m.due_at + ?3 <= ?2 FROM measures m JOIN measure_cases mc ON "
	    "mc.measure_id = m.id WHERE m.created >= ?1 AND m.created < ?2 "
	    "ORDER BY m.id, mc.case_id", "iii", from, to, (int64_t)CAL_DAY);
}
