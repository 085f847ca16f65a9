/*
 * store_deadline.c -- what the deadline scan and the term rules keep:
 * when to look at a case again (cases.deadline_next), which ladder
 * levels fired (deadline_fired), which weekly digests went out
 * (digest_sent), the scan's own state (deadline_meta) and a case's
 * extensions.
 *
 * Idempotence lives here: a level fires when store_deadline_fire() can
 * insert its row (UNIQUE (case_id, due_at, level, rcpt)), inside the
 * same transaction as the mail it causes, so running the scan twice at
 * the same moment -- or crashing between the two -- never sends twice.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "store_int.h"
#include "util.h"

/* The open states; the partial index cases_deadline covers exactly the
 * rows the trigger keeps non-NULL, i.e. these. */
#define OPEN_STATES	"('new', 'acknowledged', 'in_progress', 'waiting')"

/* The growing array store_deadline_due() collects the rows in. */
struct due_rows {
	struct case_row	*rows;
	size_t		 n, cap;
};

static int
due_row(sqlite3_stmt *s, void *arg)
{
	struct due_rows	*d = arg;

	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 64;
		d->rows = xreallocarray(d->rows, d->cap, sizeof *d->rows);
	}
	store_case_fill(s, &d->rows[d->n++]);
	return 0;
}

enum kres
store_deadline_due(struct store *st, int64_t now, int limit,
    struct case_row **rows, size_t *n, char **cause)
{
	struct due_rows	d = { NULL, 0, 0 };
	enum kres	r;

	/* "deadline_next IS NOT NULL" matches the partial index's WHERE,
	 * so the planner may use it: closed cases are not in it. */
	r = store_rows(st, "find cases due", cause, due_row, &d,
	    "SELECT " STORE_CASE_COLS " FROM cases c "
	    "WHERE deadline_next IS NOT NULL AND deadline_next <= ?1 "
	    "ORDER BY deadline_next LIMIT ?2", "ii", now, (int64_t)limit);
	if (r != KR_OK) {
		while (d.n > 0)
			case_row_free(&d.rows[--d.n]);
		free(d.rows);
		d.rows = NULL;
	}
	*rows = d.rows;
	*n = d.n;
	return r;
}

enum kres
store_deadline_set_next(struct store *st, int64_t case_id, int64_t next,
    char **cause)
{
	static const char sql[] = "UPDATE cases SET deadline_next = ?1 "
	    "WHERE id = ?2";

	if (next < 0)	/* never */
		return store_run(st, "set deadline", cause, sql, "ni",
		    case_id);
	return store_run(st, "set deadline", cause, sql, "ii", next, case_id);
}

enum kres
store_deadline_rearm_all(struct store *st, int64_t *n, char **cause)
{
	enum kres	r;

	if ((r = store_run(st, "re-arm deadlines", cause, "UPDATE cases SET "
	    "deadline_next = 0 WHERE status IN " OPEN_STATES, "")) != KR_OK)
		return r;
	if (n != NULL)
		*n = sqlite3_changes(st->db);
	return KR_OK;
}

enum kres
store_deadline_fire(struct store *st, int64_t case_id, int64_t due_at,
    const char *level, const char *rcpt, int64_t now, int *fresh,
    char **cause)
{
	enum kres	r;

	*fresh = 0;
	if ((r = store_run(st, "record escalation", cause, "INSERT INTO "
	    "deadline_fired (case_id, due_at, level, rcpt, fired_at) VALUES "
	    "(?1, ?2, ?3, ?4, ?5) ON CONFLICT DO NOTHING", "iitti", case_id,
	    due_at, level, rcpt, now)) != KR_OK)
		return r;
	*fresh = sqlite3_changes(st->db) == 1;
	return KR_OK;
}

enum kres
store_digest_claim(struct store *st, const char *rcpt, int64_t week,
    int64_t now, int *fresh, char **cause)
{
	enum kres	r;

	*fresh = 0;
	if ((r = store_run(st, "record digest", cause, "INSERT INTO "
	    "digest_sent (rcpt, week, sent_at) VALUES (?1, ?2, ?3) "
	    "ON CONFLICT DO NOTHING", "tii", rcpt, week, now)) != KR_OK)
		return r;
	*fresh = sqlite3_changes(st->db) == 1;
	return KR_OK;
}

enum kres
store_deadline_open_foreach(struct store *st,
    int (*cb)(const struct case_row *, void *), void *arg, char **cause)
{
	struct store_case_cb	c = { cb, arg };

	return store_rows(st, "list open cases", cause, store_case_each, &c,
	    "SELECT " STORE_CASE_COLS " FROM cases c "
	    "WHERE status IN " OPEN_STATES " ORDER BY due_at, id", "");
}

/* A store_rows() row function: the one value, into the char ** arg. */
static int
meta_one(sqlite3_stmt *s, void *arg)
{
	*(char **)arg = store_col_strdup(s, 0);
	return 1;
}

enum kres
store_deadline_meta_get(struct store *st, const char *key, char **value,
    char **cause)
{
	*value = NULL;
	return store_rows(st, "read deadline state", cause, meta_one, value,
	    "SELECT value FROM deadline_meta WHERE key = ?1", "t", key);
}

enum kres
store_deadline_meta_set(struct store *st, const char *key, const char *value,
    char **cause)
{
	return store_run(st, "write deadline state", cause, "INSERT INTO "
	    "deadline_meta (key, value) VALUES (?1, ?2) ON CONFLICT(key) DO "
	    "UPDATE SET value = ?2", "tt", key, value);
}

/* A store_rows() row function: the two counts, into the int[2] arg. */
static int
extinfo_one(sqlite3_stmt *s, void *arg)
{
	int	*out = arg;

	out[0] = sqlite3_column_int(s, 0);
	out[1] = sqlite3_column_int(s, 1);
	return 1;
}

enum kres
store_deadline_extinfo(struct store *st, int64_t case_id, int *extensions,
    int *consent, char **cause)
{
	enum kres	r;
	int		 out[2] = { 0, 0 };

	*extensions = *consent = 0;
	/* A SELECT of two counts always has its one row. */
	if ((r = store_rows(st, "count extensions", cause, extinfo_one, out,
	    "SELECT "
	    "(SELECT count(*) FROM events WHERE case_id = ?1 AND "
	    "kind = 'extend'), "
	    "(SELECT count(*) FROM events WHERE case_id = ?1 AND "
	    "kind = 'consent' AND id > coalesce((SELECT max(id) FROM events "
	    "WHERE case_id = ?1 AND kind = 'extend'), 0))", "i",
	    case_id)) != KR_OK)
		return r;
	*extensions = out[0];
	*consent = out[1] > 0;
	return KR_OK;
}
