/*
 * store_satisfy.c -- the satisfaction question and its answer
 * (satisfy.h, issue 15): table satisfaction, one row per case asked.
 */
#include "config.h"

#include <stdlib.h>

#include "satisfy.h"
#include "store_int.h"
#include "util.h"

struct ids {
	int64_t	*v;
	size_t	 n, cap;
};

static int
ids_row(sqlite3_stmt *s, void *p)
{
	struct ids	*d = p;

	if (d->n == d->cap) {
		d->cap = d->cap ? 2 * d->cap : 16;
		d->v = xreallocarray(d->v, d->cap, sizeof *d->v);
	}
	d->v[d->n++] = sqlite3_column_int64(s, 0);
	return 0;
}

enum kres
store_satisfy_due(struct store *st, int64_t closed_from, int64_t closed_to,
    int limit, int64_t **ids, size_t *n, char **cause)
{
	struct ids	d = { NULL, 0, 0 };
	enum kres	r;

	/* Status "closed" only: merged and void cases are no complaints
	 * that were handled (issue 14). */
	r = store_rows(st, "find cases to ask about satisfaction", cause,
	    ids_row, &d, "SELECT c.id FROM cases c WHERE c.status = 'closed' "
	    "AND c.closed_at > ?1 AND c.closed_at <= ?2 AND "
	    "coalesce(c.complainant_email, '') <> '' AND c.purged_at IS NULL "
	    "AND NOT EXISTS (SELECT 1 FROM satisfaction s WHERE "
	    "s.case_id = c.id) ORDER BY c.closed_at, c.id LIMIT ?3", "iii",
	    closed_from, closed_to, (int64_t)limit);
	if (r != KR_OK) {
		free(d.v);
		return r;
	}
	*ids = d.v;
	*n = d.n;
	return KR_OK;
}

enum kres
store_satisfy_claim(struct store *st, int64_t case_id, int64_t now,
    int *fresh, char **cause)
{
	enum kres	r;

	r = store_run(st, "claim the satisfaction question", cause,
	    "INSERT OR IGNORE INTO satisfaction (case_id, asked_at) "
	    "VALUES (?1, ?2)", "ii", case_id, now);
	*fresh = r == KR_OK && sqlite3_changes(st->db) > 0;
	return r;
}

enum kres
store_satisfy_is_question(struct store *st, int64_t case_id,
    const char *msgid, int *yes, char **cause)
{
	int64_t		n = 0;
	enum kres	r;

	r = store_get_int64(st, "look for the satisfaction mail", &n, cause,
	    "SELECT count(*) FROM outbox WHERE case_id = ?1 AND "
	    "kind = 'satisfaction' AND message_id = ?2", "it", case_id,
	    msgid);
	*yes = n > 0;
	return r;
}

enum kres
store_satisfy_answer(struct store *st, int64_t case_id, int score,
    const char *comment, int64_t now, int *first, char **cause)
{
	enum kres	r;

	*first = 0;
	if ((r = store_run(st, "record the satisfaction answer", cause,
	    "UPDATE satisfaction SET score = ?2, comment = ?3, "
	    "answered_at = ?4, answers = answers + 1 WHERE case_id = ?1 AND "
	    "score IS NULL", "iiti", case_id, (int64_t)score, comment,
	    now)) != KR_OK)
		return r;
	if (sqlite3_changes(st->db) > 0) {
		*first = 1;
		return KR_OK;
	}
	return store_run(st, "count a satisfaction answer", cause,
	    "UPDATE satisfaction SET answers = answers + 1 WHERE "
	    "case_id = ?1", "i", case_id);
}

struct each {
	int	(*cb)(int64_t, int64_t, int, void *);
	void	*arg;
};

static int
each_row(sqlite3_stmt *s, void *p)
{
	struct each	*e = p;

	return e->cb(sqlite3_column_int64(s, 0), sqlite3_column_int64(s, 1),
	    sqlite3_column_int(s, 2), e->arg);
}

enum kres
store_satisfy_foreach(struct store *st,
    int (*cb)(int64_t, int64_t, int, void *), void *arg, char **cause)
{
	struct each	e = { cb, arg };

	return store_rows(st, "read satisfaction answers", cause, each_row,
	    &e, "SELECT case_id, asked_at, coalesce(score, 0) FROM "
	    "satisfaction ORDER BY case_id", "");
}
