/*
 * store_quarantine.c -- the quarantine table: a message kept whole, once
 * per content, when it cannot be handled; listed, released to intake
 * again or deleted by klachtctl.  Callers wrap the administrator's
 * actions in a transaction together with the audit event they record.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "store_int.h"
#include "util.h"

/* The case a released (or identical) message was filed on: the message
 * intake stored from the quarantine row, else one with the same bytes. */
#define QUARANTINE_COLS "q.id, q.source, q.source_id, q.sha256, q.reason, " \
	"q.size, q.received_at, coalesce(q.released_at, 0), " \
	"coalesce((SELECT c.ref FROM messages m JOIN cases c ON " \
	"c.id = m.case_id WHERE m.source = 'quarantine' AND " \
	"m.source_id = CAST(q.id AS TEXT) ORDER BY m.id LIMIT 1), " \
	"(SELECT c.ref FROM messages m JOIN cases c ON c.id = m.case_id " \
	"WHERE m.sha256 = q.sha256 ORDER BY m.id LIMIT 1))"

enum kres
store_quarantine_add(struct store *st, const char *source,
    const char *source_id, const char *reason, const void *raw, size_t len,
    int64_t now, int64_t *id, char **cause)
{
	char		 sha[65];
	enum kres	 r;

	sha256_hex(raw, len, sha);
	/* The same bytes twice are one quarantined message.  "" keeps an
	 * empty message a blob: a NULL pointer would bind NULL. */
	if ((r = store_run(st, "insert quarantine", cause, "INSERT INTO "
	    "quarantine (source, source_id, sha256, reason, raw, size, "
	    "received_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) "
	    "ON CONFLICT(sha256) DO NOTHING", "ttttbii", source, source_id, sha,
	    reason, len ? raw : "", len, (int64_t)len, now)) != KR_OK)
		return r;
	if (sqlite3_changes(st->db) == 0) {
		if (id != NULL)
			*id = 0;
		return KR_DUP;
	}
	if (id != NULL)
		*id = sqlite3_last_insert_rowid(st->db);
	return KR_OK;
}

static void
quarantine_fill(sqlite3_stmt *s, struct quarantine_row *q)
{
	memset(q, 0, sizeof *q);
	q->id = sqlite3_column_int64(s, 0);
	q->source = store_col_text(s, 1);
	q->source_id = store_col_text(s, 2);
	q->sha256 = store_col_text(s, 3);
	q->reason = store_col_text(s, 4);
	q->size = sqlite3_column_int64(s, 5);
	q->received_at = sqlite3_column_int64(s, 6);
	q->released_at = sqlite3_column_int64(s, 7);
	q->case_ref = store_col_text(s, 8);
}

struct quarantine_each {
	int		(*cb)(const struct quarantine_row *, void *);
	void		*arg;
	char		**raw;		/* store_quarantine_get: the bytes */
	size_t		*len;
	int		 rows;
};

static int
quarantine_each(sqlite3_stmt *s, void *p)
{
	struct quarantine_each	*c = p;
	struct quarantine_row	 q;
	const void		*blob;

	c->rows++;
	quarantine_fill(s, &q);
	if (c->raw != NULL) {
		blob = sqlite3_column_blob(s, 9);
		*c->len = (size_t)sqlite3_column_bytes(s, 9);
		*c->raw = xmalloc(*c->len + 1);
		if (*c->len > 0)
			memcpy(*c->raw, blob, *c->len);
		(*c->raw)[*c->len] = '\0';
	}
	return c->cb != NULL ? c->cb(&q, c->arg) : 0;
}

enum kres
store_quarantine_foreach(struct store *st, const char *status,
    int (*cb)(const struct quarantine_row *, void *), void *arg, char **cause)
{
	struct quarantine_each	c = { cb, arg, NULL, NULL, 0 };

	if (status != NULL && strcmp(status, "held") != 0 &&
	    strcmp(status, "released") != 0) {
		set_cause(cause, "quarantine status must be \"held\" or "
		    "\"released\", not \"%s\"", status);
		return KR_INVALID;
	}
	return store_rows(st, "list quarantine", cause, quarantine_each, &c,
	    "SELECT " QUARANTINE_COLS " FROM quarantine q "
	    "WHERE ?1 IS NULL OR (?1 = 'held') = (q.released_at IS NULL) "
	    "ORDER BY q.id", "t", status);
}

enum kres
store_quarantine_get(struct store *st, int64_t id,
    int (*cb)(const struct quarantine_row *, void *), void *arg, char **raw,
    size_t *len, char **cause)
{
	struct quarantine_each	c = { cb, arg, raw, len, 0 };
	enum kres		r;

	if ((r = store_rows(st, "read quarantine", cause, quarantine_each, &c,
	    "SELECT " QUARANTINE_COLS ", q.raw FROM quarantine q "
	    "WHERE q.id = ?1", "i", id)) != KR_OK)
		return r;
	if (c.rows == 0) {
		set_cause(cause, "no quarantined message with id %lld",
		    (long long)id);
		return KR_INVALID;
	}
	return KR_OK;
}

enum kres
store_quarantine_released(struct store *st, int64_t id, int64_t now,
    char **cause)
{
	return store_change_one(st, "UPDATE quarantine SET released_at = ?2 "
	    "WHERE id = ?1", id, now, "release quarantined message",
	    "no quarantined message with id", cause);
}

enum kres
store_quarantine_drop(struct store *st, int64_t id, char **cause)
{
	return store_change_one(st, "DELETE FROM quarantine WHERE id = ?1",
	    id, -1, "drop quarantined message",
	    "no quarantined message with id", cause);
}
