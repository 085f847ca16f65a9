/*
 * store_event.c -- the events table: each case's audit trail.  Events are
 * only ever appended (the purge blanks their details, see store_purge.c);
 * case.c adds one with every change of a case.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "store_int.h"
#include "util.h"

enum kres
store_event_add(struct store *st, int64_t case_id, int64_t at,
    const char *actor, const char *kind, const char *detail, char **cause)
{
	return store_run(st, "insert event", cause, "INSERT INTO events "
	    "(case_id, at, actor, kind, detail) VALUES (?1, ?2, ?3, ?4, ?5)",
	    "iittt", case_id, at, actor, kind, detail);
}

enum kres
store_event_foreach(struct store *st, int64_t case_id,
    int (*cb)(const struct event_row *, void *), void *arg, char **cause)
{
	sqlite3_stmt		*s;
	struct event_row	 e;
	int			 rc, stop = 0;

	s = store_prepare(st, "SELECT at, actor, kind, detail FROM events "
	    "WHERE case_id = ?1 ORDER BY id", cause);
	if (s == NULL)
		return KR_PERM;
	sqlite3_bind_int64(s, 1, case_id);
	while (!stop && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		e.at = sqlite3_column_int64(s, 0);
		e.actor = store_col_text(s, 1);
		e.kind = store_col_text(s, 2);
		e.detail = store_col_text(s, 3);
		stop = cb(&e, arg);
	}
	sqlite3_finalize(s);
	if (!stop && rc != SQLITE_DONE)
		return store_fail(st, rc, "list events", cause);
	return KR_OK;
}

enum kres
store_event_count(struct store *st, int64_t case_id, const char *kind,
    int64_t *count, char **cause)
{
	return store_get_int64(st, "count events", count, cause,
	    "SELECT count(*) FROM events WHERE case_id = ?1 AND kind = ?2",
	    "it", case_id, kind);
}
