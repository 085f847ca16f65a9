/*
 * store_outbox.c -- the durable outbox: outgoing mail is inserted in the
 * same transaction as the change that caused it, and only leaves this
 * table's "queued" state once a server (or the local Maildir) took it.
 * Also the counts that rate-limit what we send, and the administrator's
 * retry and drop (klachtctl outbox).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "store_int.h"
#include "util.h"

void
store_outbox_fill(sqlite3_stmt *s, struct outbox_row *o)
{
	memset(o, 0, sizeof *o);
	o->id = sqlite3_column_int64(s, 0);
	o->case_id = sqlite3_column_int64(s, 1);
	o->kind = store_col_text(s, 2);
	o->mail_from = store_col_text(s, 3);
	o->rcpt = store_col_text(s, 4);
	o->message_id = store_col_text(s, 5);
	o->subject = store_col_text(s, 6);
	o->status = store_col_text(s, 7);
	o->attempts = sqlite3_column_int(s, 8);
	o->next_attempt_at = sqlite3_column_int64(s, 9);
	o->created_at = sqlite3_column_int64(s, 10);
	o->sent_at = sqlite3_column_int64(s, 11);
	o->last_error = store_col_text(s, 12);
	if (sqlite3_column_count(s) > 13) {
		o->raw = sqlite3_column_blob(s, 13);
		o->raw_len = (size_t)sqlite3_column_bytes(s, 13);
	}
}

enum kres
store_outbox_add(struct store *st, int64_t case_id, const char *kind,
    const char *mail_from, const char *rcpt, const char *message_id,
    const char *subject, const void *raw, size_t len, int64_t now,
    int64_t *id, char **cause)
{
	enum kres	r;

	if ((r = store_run(st, "queue mail", cause, "INSERT INTO outbox "
	    "(case_id, kind, mail_from, rcpt, message_id, subject, raw, "
	    "next_attempt_at, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, "
	    "?8, ?8)", "rtttttbi", case_id, kind, mail_from, rcpt, message_id,
	    subject, raw, len, now)) != KR_OK)
		return r;
	if (id != NULL)
		*id = sqlite3_last_insert_rowid(st->db);
	return KR_OK;
}

int
store_outbox_each(sqlite3_stmt *s, void *p)
{
	struct store_outbox_cb	*c = p;
	struct outbox_row	 o;

	c->rows++;
	store_outbox_fill(s, &o);
	return c->cb(&o, c->arg);
}

enum kres
store_outbox_due(struct store *st, int64_t now, int limit,
    int (*cb)(const struct outbox_row *, void *), void *arg, char **cause)
{
	struct store_outbox_cb	c = { cb, arg, 0 };

	return store_rows(st, "read outbox", cause, store_outbox_each, &c,
	    "SELECT " STORE_OUTBOX_COLS ", raw FROM outbox "
	    "WHERE status = 'queued' AND next_attempt_at <= ?1 "
	    "ORDER BY next_attempt_at, id LIMIT ?2", "ii", now,
	    (int64_t)limit);
}

enum kres
store_outbox_next(struct store *st, int64_t *at, char **cause)
{
	return store_get_int64(st, "read outbox", at, cause, "SELECT "
	    "coalesce(min(next_attempt_at), -1) FROM outbox "
	    "WHERE status = 'queued'", "");
}

enum kres
store_outbox_sent(struct store *st, int64_t id, int64_t now, char **cause)
{
	return store_run(st, "mark sent", cause, "UPDATE outbox SET status = "
	    "'sent', sent_at = ?1, attempts = attempts + 1, last_error = NULL "
	    "WHERE id = ?2", "ii", now, id);
}

enum kres
store_outbox_failed(struct store *st, int64_t id, const char *error,
    int permanent, int64_t next_at, char **cause)
{
	return store_run(st, "record failure", cause, "UPDATE outbox SET "
	    "attempts = attempts + 1, last_error = ?1, next_attempt_at = ?2, "
	    "status = CASE WHEN ?3 THEN 'failed' ELSE status END WHERE id = ?4",
	    "tiii", error, next_at, (int64_t)permanent, id);
}

enum kres
store_outbox_foreach(struct store *st, const char *status, int64_t case_id,
    int (*cb)(const struct outbox_row *, void *), void *arg, char **cause)
{
	struct store_outbox_cb	c = { cb, arg, 0 };

	return store_rows(st, "list outbox", cause, store_outbox_each, &c,
	    "SELECT " STORE_OUTBOX_COLS " FROM outbox "
	    "WHERE (?1 IS NULL OR status = ?1) AND (?2 = 0 OR case_id = ?2) "
	    "ORDER BY id DESC", "ti", status, case_id);
}

enum kres
store_outbox_get(struct store *st, int64_t id,
    int (*cb)(const struct outbox_row *, void *), void *arg, char **cause)
{
	struct store_outbox_cb	c = { cb, arg, 0 };
	enum kres		r;

	if ((r = store_rows(st, "read outbox", cause, store_outbox_each, &c,
	    "SELECT " STORE_OUTBOX_COLS " FROM outbox WHERE id = ?1", "i",
	    id)) != KR_OK)
		return r;
	if (c.rows == 0) {
		set_cause(cause, "no outgoing mail with id %lld",
		    (long long)id);
		return KR_INVALID;
	}
	return KR_OK;
}

enum kres
store_outbox_retry(struct store *st, int64_t id, int64_t now, char **cause)
{
	return store_change_one(st, "UPDATE outbox SET status = 'queued', "
	    "attempts = 0, next_attempt_at = ?2, created_at = ?2 "
	    "WHERE id = ?1 AND status IN ('failed', 'queued')", id, now,
	    "retry mail", "no failed or queued outgoing mail with id", cause);
}

enum kres
store_outbox_drop(struct store *st, int64_t id, char **cause)
{
	return store_change_one(st, "UPDATE outbox SET status = 'dropped' "
	    "WHERE id = ?1 AND status IN ('failed', 'queued')", id, -1,
	    "drop mail", "no failed or queued outgoing mail with id", cause);
}

enum kres
store_autoreply_count(struct store *st, const char *addr, int64_t since,
    int *count, char **cause)
{
	int64_t		n;
	enum kres	r;

	r = store_get_int64(st, "count automatic replies", &n, cause,
	    "SELECT count(*) FROM outbox WHERE rcpt = ?1 COLLATE NOCASE AND "
	    "kind IN ('ack', 'autoreply', 'no-commands') AND created_at >= ?2", "ti", addr,
	    since);
	*count = (int)n;
	return r;
}

enum kres
store_outbox_count(struct store *st, const char *rcpt, const char *kind,
    int64_t since, int *count, char **cause)
{
	int64_t		n;
	enum kres	r;

	r = store_get_int64(st, "count outgoing mail", &n, cause,
	    "SELECT count(*) FROM outbox WHERE rcpt = ?1 COLLATE NOCASE AND "
	    "kind = ?2 AND created_at >= ?3", "tti", rcpt, kind, since);
	*count = (int)n;
	return r;
}

enum kres
store_outbox_count_answers(struct store *st, int64_t case_id,
    const char *rcpt, int64_t since, int *count, char **cause)
{
	int64_t		n;
	enum kres	r;

	r = store_get_int64(st, "count answers to an officer", &n, cause,
	    "SELECT count(*) FROM outbox WHERE case_id = ?1 AND "
	    "rcpt = ?2 COLLATE NOCASE AND kind IN ('confirm', 'cmd-error') "
	    "AND created_at >= ?3", "iti", case_id, rcpt, since);
	*count = (int)n;
	return r;
}

enum kres
store_outbox_case_raw(struct store *st, int64_t case_id,
    int (*cb)(const struct outbox_row *, void *), void *arg, char **cause)
{
	struct store_outbox_cb	c = { cb, arg, 0 };

	return store_rows(st, "read outbox", cause, store_outbox_each, &c,
	    "SELECT " STORE_OUTBOX_COLS ", raw FROM outbox "
	    "WHERE case_id = ?1 ORDER BY created_at, id", "i", case_id);
}
