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

struct event_each {
	int		(*cb)(const struct event_row *, void *);
	void		*arg;
};

static int
event_each(sqlite3_stmt *s, void *p)
{
	struct event_each	*c = p;
	struct event_row	 e;

	e.at = sqlite3_column_int64(s, 0);
	e.actor = store_col_text(s, 1);
	e.kind = store_col_text(s, 2);
	e.detail = store_col_text(s, 3);
	return c->cb(&e, c->arg);
}

enum kres
store_event_foreach(struct store *st, int64_t case_id,
    int (*cb)(const struct event_row *, void *), void *arg, char **cause)
{
	struct event_each	c = { cb, arg };

	return store_rows(st, "list events", cause, event_each, &c,
	    "SELECT at, actor, kind, detail FROM events WHERE case_id = ?1 "
	    "ORDER BY id", "i", case_id);
}

enum kres
store_event_count(struct store *st, int64_t case_id, const char *kind,
    int64_t *count, char **cause)
{
	return store_get_int64(st, "count events", count, cause,
	    "SELECT count(*) FROM events WHERE case_id = ?1 AND kind = ?2",
	    "it", case_id, kind);
}
