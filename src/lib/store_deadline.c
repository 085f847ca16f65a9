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

enum kres
store_deadline_due(struct store *st, int64_t now, int limit,
    struct case_row **rows, size_t *n, char **cause)
{
	sqlite3_stmt	*s;
	size_t		 cap = 0;
	int		 rc;

	*rows = NULL;
	*n = 0;
	/* "deadline_next IS NOT NULL" matches the partial index's WHERE,
	 * so the planner may use it: closed cases are not in it. */
	s = store_prepare(st, "SELECT " STORE_CASE_COLS " FROM cases c "
	    "WHERE deadline_next IS NOT NULL AND deadline_next <= ?1 "
	    "ORDER BY deadline_next LIMIT ?2", cause);
	if (s == NULL)
		return KR_PERM;
	sqlite3_bind_int64(s, 1, now);
	sqlite3_bind_int(s, 2, limit);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 64;
			*rows = xreallocarray(*rows, cap, sizeof **rows);
		}
		store_case_fill(s, &(*rows)[(*n)++]);
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE) {
		while (*n > 0)
			case_row_free(&(*rows)[--(*n)]);
		free(*rows);
		*rows = NULL;
		return store_fail(st, rc, "find cases due", cause);
	}
	return KR_OK;
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
	sqlite3_stmt	*s;
	struct case_row	 c;
	int		 rc, stop = 0;

	s = store_prepare(st, "SELECT " STORE_CASE_COLS " FROM cases c "
	    "WHERE status IN " OPEN_STATES " ORDER BY due_at, id", cause);
	if (s == NULL)
		return KR_PERM;
	while (!stop && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		store_case_fill(s, &c);
		stop = cb(&c, arg);
		case_row_free(&c);
	}
	sqlite3_finalize(s);
	if (!stop && rc != SQLITE_DONE)
		return store_fail(st, rc, "list open cases", cause);
	return KR_OK;
}

enum kres
store_deadline_meta_get(struct store *st, const char *key, char **value,
    char **cause)
{
	sqlite3_stmt	*s;
	int		 rc;

	*value = NULL;
	s = store_prepare(st, "SELECT value FROM deadline_meta WHERE key = ?1",
	    cause);
	if (s == NULL)
		return KR_PERM;
	store_bind_text(s, 1, key);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*value = store_col_strdup(s, 0);
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(st, rc, "read deadline state", cause);
	return KR_OK;
}

enum kres
store_deadline_meta_set(struct store *st, const char *key, const char *value,
    char **cause)
{
	return store_run(st, "write deadline state", cause, "INSERT INTO "
	    "deadline_meta (key, value) VALUES (?1, ?2) ON CONFLICT(key) DO "
	    "UPDATE SET value = ?2", "tt", key, value);
}

enum kres
store_deadline_extinfo(struct store *st, int64_t case_id, int *extensions,
    int *consent, char **cause)
{
	sqlite3_stmt	*s;
	int		 rc;

	*extensions = *consent = 0;
	s = store_prepare(st, "SELECT "
	    "(SELECT count(*) FROM events WHERE case_id = ?1 AND "
	    "kind = 'extend'), "
	    "(SELECT count(*) FROM events WHERE case_id = ?1 AND "
	    "kind = 'consent' AND id > coalesce((SELECT max(id) FROM events "
	    "WHERE case_id = ?1 AND kind = 'extend'), 0))", cause);
	if (s == NULL)
		return KR_PERM;
	sqlite3_bind_int64(s, 1, case_id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*extensions = sqlite3_column_int(s, 0);
		*consent = sqlite3_column_int(s, 1) > 0;
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW)
		return store_fail(st, rc, "count extensions", cause);
	return KR_OK;
}
