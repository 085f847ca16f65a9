/*
 * store_report.c -- the queries behind reports, the register, the
 * retention purge and the export of one person's data (issue 7).
 *
 * Reports read no personal data at all: only references, categories,
 * dates, judgements and event kinds.  The purge overwrites personal data
 * in place (with PRAGMA secure_delete, see purge.c) rather than
 * deleting cases, so the register and the figures of past years stay
 * what they were.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "store_int.h"
#include "util.h"

#define REPORT_COLS "id, ref, status, category, judgement, received_at, " \
	"due_at, coalesce(decided_at, 0), coalesce(closed_at, 0), extended, " \
	"coalesce(purged_at, 0)"

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

static enum kres
report_rows(struct store *st, const char *sql, const char *what,
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
	return report_rows(st, "SELECT " REPORT_COLS " FROM cases "
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

enum kres
store_purge_candidates(struct store *st,
    int (*cb)(const struct report_row *, void *), void *arg, char **cause)
{
	return report_rows(st, "SELECT " REPORT_COLS " FROM cases "
	    "WHERE status = 'closed' AND purged_at IS NULL ORDER BY id",
	    "read closed cases", cb, arg, cause);
}

enum kres
store_case_purge(struct store *st, int64_t id, int64_t now,
    const char *detail, char **cause)
{
	/* Order matters only for the foreign keys: attachments go before
	 * nothing else references them.  Each binds ?1 = id, and the
	 * last ?2 = now. */
	static const struct {
		const char	*table;	/* run only when it exists */
		const char	*sql;
		const char	*types;
		const char	*what;
	} steps[] = {
		{ NULL, "DELETE FROM attachments WHERE case_id = ?1 OR "
		  "message_id IN (SELECT id FROM messages WHERE case_id = ?1)",
		  "i", "purge attachments" },
		{ NULL, "UPDATE messages SET dedupe_key = 'purged:' || id, "
		  "source_id = NULL, message_id = NULL, in_reply_to = NULL, "
		  "refs = NULL, from_addr = NULL, from_name = NULL, "
		  "subject = NULL, body = NULL, raw = zeroblob(0), size = 0, "
		  "sha256 = '' WHERE case_id = ?1", "i", "purge messages" },
		{ NULL, "UPDATE outbox SET rcpt = '', subject = NULL, "
		  "raw = zeroblob(0), last_error = NULL, status = CASE WHEN "
		  "status = 'queued' THEN 'dropped' ELSE status END "
		  "WHERE case_id = ?1", "i", "purge outgoing mail" },
		{ NULL, "UPDATE events SET detail = NULL WHERE case_id = ?1",
		  "i", "purge event details" },
		/* Issue 5's tables: the people complained about, and who
		 * was sent reminders and escalations. */
		{ "respondents", "DELETE FROM respondents WHERE case_id = ?1",
		  "i", "purge respondents" },
		{ "deadline_fired", "DELETE FROM deadline_fired WHERE "
		  "case_id = ?1", "i", "purge escalation recipients" },
		{ NULL, "UPDATE cases SET complainant_email = '', "
		  "complainant_name = NULL, subject = NULL, assignee = NULL, "
		  "complainant_address = NULL, complainant_phone = NULL, "
		  "purged_at = ?2, updated_at = ?2 WHERE id = ?1",
		  "ii", "purge case" },
	};
	size_t		i;
	enum kres	r;
	int64_t		have;

	for (i = 0; i < sizeof steps / sizeof steps[0]; i++) {
		/* A table a later migration added may be missing. */
		if (steps[i].table != NULL) {
			if ((r = store_get_int64(st, "read the schema", &have,
			    cause, "SELECT 1 FROM sqlite_master WHERE type = "
			    "'table' AND name = ?1", "t", steps[i].table)) !=
			    KR_OK)
				return r;
			if (!have)
				continue;
		}
		/* now is past types where the step has no ?2: not read. */
		if ((r = store_run(st, steps[i].what, cause, steps[i].sql,
		    steps[i].types, id, now)) != KR_OK)
			return r;
	}
	return store_event_add(st, id, now, "system", "purged", detail,
	    cause);
}

/* Counts with the first statement, then (unless dry_run) runs the
 * others, each with ?1 = before. */
static enum kres
loose(struct store *st, int64_t before, int dry_run, const char *count,
    const char *const *del, int64_t *n, char **cause)
{
	enum kres	r;

	if ((r = store_get_int64(st, "count old messages", n, cause, count,
	    "i", before)) != KR_OK)
		return r;
	for (; !dry_run && *n > 0 && *del != NULL; del++)
		if ((r = store_run(st, "delete old messages", cause, *del, "i",
		    before)) != KR_OK)
			return r;
	return KR_OK;
}

enum kres
store_purge_loose(struct store *st, int64_t before, int dry_run,
    int64_t *messages, int64_t *quarantined, char **cause)
{
	static const char *const del_msgs[] = {
		"DELETE FROM attachments WHERE message_id IN (SELECT id FROM "
		"messages WHERE case_id IS NULL AND received_at < ?1)",
		"DELETE FROM messages WHERE case_id IS NULL AND "
		"received_at < ?1",
		NULL
	};
	static const char *const del_quar[] = {
		"DELETE FROM quarantine WHERE received_at < ?1",
		NULL
	};
	enum kres	r;

	if ((r = loose(st, before, dry_run, "SELECT count(*) FROM messages "
	    "WHERE case_id IS NULL AND received_at < ?1", del_msgs, messages,
	    cause)) != KR_OK)
		return r;
	return loose(st, before, dry_run, "SELECT count(*) FROM quarantine "
	    "WHERE received_at < ?1", del_quar, quarantined, cause);
}

enum kres
store_secure_delete(struct store *st, int on, int *was, char **cause)
{
	int64_t		v;
	enum kres	r;
	int		rc;

	if (was != NULL) {
		r = store_get_int64(st, "secure_delete", &v, cause,
		    "PRAGMA secure_delete", "");
		*was = (int)v;
		if (r != KR_OK)
			return r;
	}
	/* Pragmas cannot be bound; the two texts are fixed. */
	rc = sqlite3_exec(st->db, on ? "PRAGMA secure_delete = ON" :
	    "PRAGMA secure_delete = OFF", NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		return store_fail(st, rc, "secure_delete", cause);
	return KR_OK;
}

enum kres
store_checkpoint(struct store *st, char **cause)
{
	int	rc, nlog = 0, nckpt = 0;

	rc = sqlite3_wal_checkpoint_v2(st->db, NULL,
	    SQLITE_CHECKPOINT_TRUNCATE, &nlog, &nckpt);
	if (rc != SQLITE_OK)
		return store_fail(st, rc, "checkpoint", cause);
	return KR_OK;
}

/* ---------------------------------------------------------------- export */

enum kres
store_export_case_ids(struct store *st, const char *email,
    int (*cb)(int64_t, void *), void *arg, char **cause)
{
	sqlite3_stmt	*s;
	int		 rc, stop = 0;

	s = store_prepare(st, "SELECT id FROM cases WHERE complainant_email = "
	    "?1 COLLATE NOCASE ORDER BY received_at, id", cause);
	if (s == NULL)
		return KR_PERM;
	store_bind_text(s, 1, email);
	while (!stop && (rc = sqlite3_step(s)) == SQLITE_ROW)
		stop = cb(sqlite3_column_int64(s, 0), arg);
	sqlite3_finalize(s);
	if (!stop && rc != SQLITE_DONE)
		return store_fail(st, rc, "find cases", cause);
	return KR_OK;
}

enum kres
store_export_respondent(struct store *st, const char *email,
    int (*cb)(const struct export_resp_row *, void *), void *arg,
    char **cause)
{
	sqlite3_stmt		*s;
	struct export_resp_row	 r;
	int			 rc, stop = 0;

	s = store_prepare(st, "SELECT c.ref, c.status, c.received_at, "
	    "r.email, r.name, r.added_at FROM respondents r JOIN cases c ON "
	    "c.id = r.case_id WHERE r.email = ?1 COLLATE NOCASE ORDER BY "
	    "r.added_at, r.id", cause);
	if (s == NULL)
		return KR_PERM;
	store_bind_text(s, 1, email);
	while (!stop && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		r.ref = store_col_text(s, 0);
		r.status = store_col_text(s, 1);
		r.received_at = sqlite3_column_int64(s, 2);
		r.email = store_col_text(s, 3);
		r.name = store_col_text(s, 4);
		r.added_at = sqlite3_column_int64(s, 5);
		stop = cb(&r, arg);
	}
	sqlite3_finalize(s);
	if (!stop && rc != SQLITE_DONE)
		return store_fail(st, rc, "find respondent", cause);
	return KR_OK;
}

enum kres
store_export_messages(struct store *st, const char *email,
    int (*cb)(const struct export_msg_row *, void *), void *arg,
    char **cause)
{
	sqlite3_stmt		*s;
	struct export_msg_row	 m;
	int			 rc, stop = 0;

	s = store_prepare(st, "SELECT id, coalesce(case_id, 0), received_at, "
	    "kind, source, message_id, in_reply_to, from_addr, from_name, "
	    "subject, body, sha256, raw FROM messages WHERE case_id IN "
	    "(SELECT id FROM cases WHERE complainant_email = ?1 COLLATE "
	    "NOCASE) OR from_addr = ?1 COLLATE NOCASE ORDER BY received_at, "
	    "id", cause);
	if (s == NULL)
		return KR_PERM;
	store_bind_text(s, 1, email);
	while (!stop && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		m.id = sqlite3_column_int64(s, 0);
		m.case_id = sqlite3_column_int64(s, 1);
		m.received_at = sqlite3_column_int64(s, 2);
		m.kind = store_col_text(s, 3);
		m.source = store_col_text(s, 4);
		m.message_id = store_col_text(s, 5);
		m.in_reply_to = store_col_text(s, 6);
		m.from_addr = store_col_text(s, 7);
		m.from_name = store_col_text(s, 8);
		m.subject = store_col_text(s, 9);
		m.body = store_col_text(s, 10);
		m.sha256 = store_col_text(s, 11);
		m.raw = sqlite3_column_blob(s, 12);
		m.raw_len = (size_t)sqlite3_column_bytes(s, 12);
		stop = cb(&m, arg);
	}
	sqlite3_finalize(s);
	if (!stop && rc != SQLITE_DONE)
		return store_fail(st, rc, "read messages", cause);
	return KR_OK;
}

enum kres
store_export_attachments(struct store *st, int64_t msg_id,
    int (*cb)(const struct export_att_row *, void *), void *arg,
    char **cause)
{
	sqlite3_stmt		*s;
	struct export_att_row	 a;
	int			 rc, stop = 0;

	s = store_prepare(st, "SELECT id, filename, content_type, size, "
	    "sha256, data FROM attachments WHERE message_id = ?1 ORDER BY id",
	    cause);
	if (s == NULL)
		return KR_PERM;
	sqlite3_bind_int64(s, 1, msg_id);
	while (!stop && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		a.id = sqlite3_column_int64(s, 0);
		a.filename = store_col_text(s, 1);
		a.content_type = store_col_text(s, 2);
		a.size = sqlite3_column_int64(s, 3);
		a.sha256 = store_col_text(s, 4);
		if (sqlite3_column_type(s, 5) == SQLITE_NULL) {
			a.data = NULL;
			a.len = 0;
		} else {
			a.data = sqlite3_column_blob(s, 5);
			a.len = (size_t)sqlite3_column_bytes(s, 5);
			if (a.data == NULL)
				a.data = "";	/* an empty file */
		}
		stop = cb(&a, arg);
	}
	sqlite3_finalize(s);
	if (!stop && rc != SQLITE_DONE)
		return store_fail(st, rc, "read attachments", cause);
	return KR_OK;
}

enum kres
store_export_outbox(struct store *st, const char *email,
    int (*cb)(const struct outbox_row *, void *), void *arg, char **cause)
{
	sqlite3_stmt		*s;
	struct outbox_row	 o;
	int			 rc, stop = 0;

	s = store_prepare(st, "SELECT " STORE_OUTBOX_COLS ", raw FROM outbox "
	    "WHERE rcpt = ?1 COLLATE NOCASE ORDER BY id", cause);
	if (s == NULL)
		return KR_PERM;
	store_bind_text(s, 1, email);
	while (!stop && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		store_outbox_fill(s, &o);
		stop = cb(&o, arg);
	}
	sqlite3_finalize(s);
	if (!stop && rc != SQLITE_DONE)
		return store_fail(st, rc, "read outgoing mail", cause);
	return KR_OK;
}

enum kres
store_export_quarantine(struct store *st, const char *email,
    int (*cb)(const struct quarantine_row *, const void *, size_t, void *),
    void *arg, char **cause)
{
	sqlite3_stmt		*s;
	struct quarantine_row	 q;
	int			 rc, stop = 0;

	/* Quarantined mail has no parsed sender to match on: its bytes are
	 * searched for the address, as text without regard to case, and as
	 * bytes (for mail that is not valid text). */
	s = store_prepare(st, "SELECT id, source, source_id, sha256, reason, "
	    "size, received_at, coalesce(released_at, 0), raw FROM quarantine "
	    "WHERE instr(lower(CAST(raw AS TEXT)), lower(?1)) > 0 OR "
	    "instr(raw, CAST(?1 AS BLOB)) > 0 OR "
	    "instr(raw, CAST(lower(?1) AS BLOB)) > 0 ORDER BY id", cause);
	if (s == NULL)
		return KR_PERM;
	store_bind_text(s, 1, email);
	while (!stop && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		memset(&q, 0, sizeof q);
		q.id = sqlite3_column_int64(s, 0);
		q.source = store_col_text(s, 1);
		q.source_id = store_col_text(s, 2);
		q.sha256 = store_col_text(s, 3);
		q.reason = store_col_text(s, 4);
		q.size = sqlite3_column_int64(s, 5);
		q.received_at = sqlite3_column_int64(s, 6);
		q.released_at = sqlite3_column_int64(s, 7);
		stop = cb(&q, sqlite3_column_blob(s, 8),
		    (size_t)sqlite3_column_bytes(s, 8), arg);
	}
	sqlite3_finalize(s);
	if (!stop && rc != SQLITE_DONE)
		return store_fail(st, rc, "read quarantine", cause);
	return KR_OK;
}
