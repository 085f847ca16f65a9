/*
 * store_measure.c -- the measures and measure_cases tables (issue 15,
 * store_measure.h).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "store_int.h"
#include "store_measure.h"
#include "util.h"

#define MEASURE_COLS "m.id, m.ref, m.owner, m.due, m.due_at, m.text, " \
	"m.status, m.created, m.created_by, m.done_at, m.done_text, " \
	"m.done_by, m.reminded_at, m.escalated_at, " \
	"(SELECT min(mc.case_id) FROM measure_cases mc " \
	"WHERE mc.measure_id = m.id)"

void
measure_row_free(struct measure_row *m)
{
	free(m->ref);
	free(m->owner);
	free(m->due);
	free(m->text);
	free(m->status);
	free(m->created_by);
	free(m->done_text);
	free(m->done_by);
	memset(m, 0, sizeof *m);
}

static void
measure_fill(sqlite3_stmt *s, struct measure_row *m)
{
	m->id = sqlite3_column_int64(s, 0);
	m->ref = store_col_strdup(s, 1);
	m->owner = store_col_strdup(s, 2);
	m->due = store_col_strdup(s, 3);
	m->due_at = sqlite3_column_int64(s, 4);
	m->text = store_col_strdup(s, 5);
	m->status = store_col_strdup(s, 6);
	m->created = sqlite3_column_int64(s, 7);
	m->created_by = store_col_strdup(s, 8);
	m->done_at = sqlite3_column_int64(s, 9);
	m->done_text = store_col_strdup(s, 10);
	m->done_by = store_col_strdup(s, 11);
	m->reminded_at = sqlite3_column_int64(s, 12);
	m->escalated_at = sqlite3_column_int64(s, 13);
	m->first_case = sqlite3_column_int64(s, 14);
}

static int
measure_one(sqlite3_stmt *s, void *arg)
{
	measure_fill(s, arg);
	return 1;
}

enum kres
store_measure_add(struct store *st, int year, const char *owner,
    const char *due, int64_t due_at, const char *text, const char *by,
    int64_t case_id, int64_t now, int64_t *id, char **ref, char **cause)
{
	char		 prefix[16];
	int64_t		 last;
	enum kres	 r;
	int		 fresh;

	*ref = NULL;
	*id = 0;
	/* "M-2026-" is 7 bytes: the number starts at the 8th. */
	snprintf(prefix, sizeof prefix, "M-%04d-", year);
	if ((r = store_get_int64(st, "number measure", &last, cause,
	    "SELECT coalesce(max(CAST(substr(ref, 8) AS INTEGER)), 0) "
	    "FROM measures WHERE substr(ref, 1, 7) = ?1", "t", prefix)) !=
	    KR_OK)
		return r;
	*ref = xasprintf("%s%04lld", prefix, (long long)(last + 1));
	if ((r = store_run(st, "store measure", cause, "INSERT INTO measures "
	    "(ref, owner, due, due_at, text, created, created_by) VALUES "
	    "(?1, ?2, ?3, ?4, ?5, ?6, ?7)", "tttitit", *ref, owner, due,
	    due_at, text, now, by)) != KR_OK) {
		free(*ref);
		*ref = NULL;
		return r;
	}
	*id = sqlite3_last_insert_rowid(st->db);
	return store_measure_link(st, *id, case_id, by, now, &fresh, cause);
}

enum kres
store_measure_get(struct store *st, const char *ref, struct measure_row *m,
    char **cause)
{
	memset(m, 0, sizeof *m);
	return store_rows(st, "read measure", cause, measure_one, m,
	    "SELECT " MEASURE_COLS " FROM measures m WHERE m.ref = ?1", "t",
	    ref);
}

enum kres
store_measure_link(struct store *st, int64_t measure_id, int64_t case_id,
    const char *by, int64_t now, int *fresh, char **cause)
{
	enum kres	r;

	*fresh = 0;
	if ((r = store_run(st, "link measure", cause, "INSERT INTO "
	    "measure_cases (measure_id, case_id, linked_at, linked_by) "
	    "VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING", "iiit",
	    measure_id, case_id, now, by)) != KR_OK)
		return r;
	*fresh = sqlite3_changes(st->db) == 1;
	return KR_OK;
}

enum kres
store_measure_done(struct store *st, int64_t id, const char *text,
    const char *by, int64_t now, char **cause)
{
	enum kres	r;

	if ((r = store_run(st, "close measure", cause, "UPDATE measures SET "
	    "status = 'done', done_at = ?2, done_text = ?3, done_by = ?4 "
	    "WHERE id = ?1 AND status = 'open'", "iitt", id, now, text, by)) !=
	    KR_OK)
		return r;
	if (sqlite3_changes(st->db) != 1) {
		set_cause(cause, "the measure is not open");
		return KR_INVALID;
	}
	return KR_OK;
}

struct ids {
	int64_t	*v;
	size_t	 n;
};

static int
id_one(sqlite3_stmt *s, void *arg)
{
	struct ids	*d = arg;

	d->v = xreallocarray(d->v, d->n + 1, sizeof *d->v);
	d->v[d->n++] = sqlite3_column_int64(s, 0);
	return 0;
}

enum kres
store_measure_cases(struct store *st, int64_t measure_id, int64_t **ids,
    size_t *n, char **cause)
{
	struct ids	d = { NULL, 0 };
	enum kres	r;

	r = store_rows(st, "read measure cases", cause, id_one, &d,
	    "SELECT case_id FROM measure_cases WHERE measure_id = ?1 "
	    "ORDER BY linked_at, case_id", "i", measure_id);
	if (r != KR_OK) {
		free(d.v);
		d.v = NULL;
		d.n = 0;
	}
	*ids = d.v;
	*n = d.n;
	return r;
}

struct rows {
	struct measure_row	*v;
	size_t			 n;
};

static int
row_one(sqlite3_stmt *s, void *arg)
{
	struct rows	*d = arg;

	d->v = xreallocarray(d->v, d->n + 1, sizeof *d->v);
	memset(&d->v[d->n], 0, sizeof d->v[d->n]);
	measure_fill(s, &d->v[d->n++]);
	return 0;
}

enum kres
store_measure_open(struct store *st, struct measure_row **v, size_t *n,
    char **cause)
{
	struct rows	d = { NULL, 0 };
	enum kres	r;
	size_t		i;

	r = store_rows(st, "read open measures", cause, row_one, &d,
	    "SELECT " MEASURE_COLS " FROM measures m WHERE m.status = 'open' "
	    "ORDER BY m.due_at, m.id", "");
	if (r != KR_OK) {
		for (i = 0; i < d.n; i++)
			measure_row_free(&d.v[i]);
		free(d.v);
		d.v = NULL;
		d.n = 0;
	}
	*v = d.v;
	*n = d.n;
	return r;
}

enum kres
store_measure_claim(struct store *st, int64_t id, const char *what,
    int64_t now, int *fresh, char **cause)
{
	enum kres	r;

	*fresh = 0;
	if (strcmp(what, "reminded") == 0)
		r = store_run(st, "claim measure reminder", cause, "UPDATE "
		    "measures SET reminded_at = ?2 WHERE id = ?1 AND "
		    "reminded_at IS NULL", "ii", id, now);
	else
		r = store_run(st, "claim measure escalation", cause, "UPDATE "
		    "measures SET escalated_at = ?2 WHERE id = ?1 AND "
		    "escalated_at IS NULL", "ii", id, now);
	if (r != KR_OK)
		return r;
	*fresh = sqlite3_changes(st->db) == 1;
	return KR_OK;
}

enum kres
store_measure_counts(struct store *st, int64_t from, int64_t to,
    int64_t *open, int64_t *done, int64_t *late, char **cause)
{
	enum kres	r;

	/* A measure done after `to` was still open at `to`. */
	if ((r = store_get_int64(st, "count measures done", done, cause,
	    "SELECT count(*) FROM measures WHERE created >= ?1 AND "
	    "created < ?2 AND done_at IS NOT NULL AND done_at < ?2", "ii",
	    from, to)) != KR_OK)
		return r;
	if ((r = store_get_int64(st, "count measures open", open, cause,
	    "SELECT count(*) FROM measures WHERE created >= ?1 AND "
	    "created < ?2 AND (done_at IS NULL OR done_at >= ?2)", "ii",
	    from, to)) != KR_OK)
		return r;
	/* Late: open at `to` and its due day over (due_at is the day's
	 * start: late from the next day). */
	return store_get_int64(st, "count measures late", late, cause,
	    "SELECT count(*) FROM measures WHERE created >= ?1 AND "
	    "created < ?2 AND (done_at IS NULL OR done_at >= ?2) AND "
	    "due_at + ?3 <= ?2", "iii", from, to, (int64_t)CAL_DAY);
}

/* ------------------------------------------- klachtctl measures (w7) */

struct listing {
	int	(*fn)(const struct measure_row *, const struct measure_links *,
		    void *);
	void	*arg;
	int	 rc;
};

static int
listing_one(sqlite3_stmt *s, void *arg)
{
	struct listing		*l = arg;
	struct measure_row	 m;
	struct measure_links	 ln;

	memset(&m, 0, sizeof m);
	measure_fill(s, &m);
	ln.cases = (const char *)sqlite3_column_text(s, 15);
	ln.departments = (const char *)sqlite3_column_text(s, 16);
	ln.causes = (const char *)sqlite3_column_text(s, 17);
	l->rc = l->fn(&m, &ln, l->arg);
	measure_row_free(&m);
	return l->rc != 0;
}

enum kres
store_measure_foreach(struct store *st, const char *which, int64_t today,
    int (*fn)(const struct measure_row *, const struct measure_links *,
    void *), void *arg, char **cause)
{
	struct listing	l = { fn, arg, 0 };
	int		w;

	/* 0 all, 1 open, 2 late (open past its due day), 3 done. */
	w = which == NULL ? 0 : strcmp(which, "open") == 0 ? 1 :
	    strcmp(which, "late") == 0 ? 2 : 3;
	return store_rows(st, "list measures", cause, listing_one, &l,
	    "SELECT " MEASURE_COLS ", "
	    "(SELECT group_concat(ref, ' ') FROM (SELECT c.ref FROM "
	    "measure_cases mc JOIN cases c ON c.id = mc.case_id "
	    "WHERE mc.measure_id = m.id ORDER BY mc.linked_at, c.id)), "
	    "(SELECT group_concat(department, ' ') FROM (SELECT DISTINCT "
	    "c.department FROM measure_cases mc JOIN cases c ON c.id = "
	    "mc.case_id WHERE mc.measure_id = m.id AND c.department IS NOT "
	    "NULL ORDER BY c.department)), "
	    "(SELECT group_concat(cause, ' ') FROM (SELECT DISTINCT "
	    "c.cause FROM measure_cases mc JOIN cases c ON c.id = "
	    "mc.case_id WHERE mc.measure_id = m.id AND c.cause IS NOT "
	    "NULL ORDER BY c.cause)) "
	    "FROM measures m WHERE ?1 = 0 "
	    "OR (?1 = 1 AND m.status = 'open') "
	    "OR (?1 = 2 AND m.status = 'open' AND m.due_at < ?2) "
	    "OR (?1 = 3 AND m.status = 'done') "
	    "ORDER BY m.due_at, m.ref", "ii", (int64_t)w, today);
}

struct hist {
	int	(*fn)(int64_t, const char *, const char *, const char *,
		    void *);
	void	*arg;
};

static int
hist_one(sqlite3_stmt *s, void *arg)
{
	struct hist	*h = arg;

	return h->fn(sqlite3_column_int64(s, 0),
	    (const char *)sqlite3_column_text(s, 1),
	    (const char *)sqlite3_column_text(s, 2),
	    (const char *)sqlite3_column_text(s, 3), h->arg);
}

enum kres
store_measure_history(struct store *st, const char *ref,
    int (*fn)(int64_t at, const char *actor, const char *detail,
    const char *cases, void *), void *arg, char **cause)
{
	struct hist	h = { fn, arg };
	char		*like;
	enum kres	 r;

	/* The events measure.c and officer_measure.c write on each linked
	 * case start with the reference and a blank: one line per step,
	 * with the cases it was written on. */
	like = xasprintf("%s %%", ref);
	r = store_rows(st, "measure history", cause, hist_one, &h,
	    "SELECT e.at, e.actor, e.detail, group_concat(c.ref, ' ') "
	    "FROM events e JOIN cases c ON c.id = e.case_id "
	    "WHERE e.kind = 'measure' AND e.detail LIKE ?1 ESCAPE '\\' "
	    "GROUP BY e.at, e.actor, e.detail ORDER BY e.at, min(e.id)",
	    "t", like);
	free(like);
	return r;
}
