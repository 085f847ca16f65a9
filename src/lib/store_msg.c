/*
 * store_msg.c -- the messages table: every incoming message, raw and
 * parsed, and the dedupe lookups that keep intake exactly-once.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "store_int.h"
#include "util.h"

enum kres
store_msg_seen(struct store *st, const char *key, int64_t *case_id,
    char **cause)
{
	sqlite3_stmt	*s;
	int		 rc;

	*case_id = 0;
	s = store_prepare(st, "SELECT coalesce(case_id, 0) FROM messages "
	    "WHERE dedupe_key = ?1", cause);
	if (s == NULL)
		return KR_PERM;
	store_bind_text(s, 1, key);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*case_id = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	if (rc == SQLITE_ROW)
		return KR_DUP;
	if (rc != SQLITE_DONE)
		return store_fail(st, rc, "look up message", cause);
	return KR_OK;
}

enum kres
store_msg_same(struct store *st, const char *message_id, const char *raw_sha,
    const char *content_sha, int64_t *case_id, int *clash, char **cause)
{
	sqlite3_stmt	*s;
	const char	*rs, *cs;
	int		 rc, found = 0;

	*case_id = 0;
	*clash = 0;
	s = store_prepare(st, "SELECT coalesce(case_id, 0), sha256, "
	    "content_sha FROM messages WHERE message_id = ?1 ORDER BY id",
	    cause);
	if (s == NULL)
		return KR_PERM;
	store_bind_text(s, 1, message_id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		rs = store_col_text(s, 1);
		cs = store_col_text(s, 2);
		/* A row stored before content hashes existed (cs NULL) is
		 * taken as the same message, as it was then. */
		if ((rs != NULL && strcmp(rs, raw_sha) == 0) || cs == NULL ||
		    (content_sha != NULL && strcmp(cs, content_sha) == 0)) {
			*case_id = sqlite3_column_int64(s, 0);
			sqlite3_finalize(s);
			return KR_DUP;
		}
		found = 1;
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return store_fail(st, rc, "look up message", cause);
	*clash = found;
	return KR_OK;
}

enum kres
store_msg_add(struct store *st, const struct store_msg *m, int64_t *id,
    char **cause)
{
	char		 sha[65];
	enum kres	 r;

	sha256_hex(m->raw, m->raw_len, sha);
	if ((r = store_run(st, "insert message", cause, "INSERT INTO messages "
	    "(case_id, dedupe_key, kind, source, source_id, message_id, "
	    "in_reply_to, refs, from_addr, from_name, subject, body, raw, "
	    "size, sha256, received_at, content_sha) VALUES (?1, ?2, ?3, ?4, "
	    "?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
	    "rtttttttttttbitit", m->case_id, m->dedupe_key, m->kind,
	    m->source, m->source_id, m->message_id, m->in_reply_to, m->refs,
	    m->from_addr, m->from_name, m->subject, m->body, m->raw,
	    m->raw_len, (int64_t)m->raw_len, sha, m->received_at,
	    m->content_sha)) != KR_OK)
		return r;
	if (id != NULL)
		*id = sqlite3_last_insert_rowid(st->db);
	return KR_OK;
}

enum kres
store_msg_foreach(struct store *st, int64_t case_id,
    int (*cb)(const struct msg_row *, void *), void *arg, char **cause)
{
	sqlite3_stmt	*s;
	struct msg_row	 m;
	int		 rc, stop = 0;

	s = store_prepare(st, "SELECT id, received_at, kind, source, "
	    "message_id, from_addr, subject, body, size FROM messages "
	    "WHERE case_id = ?1 ORDER BY id", cause);
	if (s == NULL)
		return KR_PERM;
	sqlite3_bind_int64(s, 1, case_id);
	while (!stop && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		m.id = sqlite3_column_int64(s, 0);
		m.received_at = sqlite3_column_int64(s, 1);
		m.kind = store_col_text(s, 2);
		m.source = store_col_text(s, 3);
		m.message_id = store_col_text(s, 4);
		m.from_addr = store_col_text(s, 5);
		m.subject = store_col_text(s, 6);
		m.body = store_col_text(s, 7);
		m.size = sqlite3_column_int64(s, 8);
		stop = cb(&m, arg);
	}
	sqlite3_finalize(s);
	if (!stop && rc != SQLITE_DONE)
		return store_fail(st, rc, "list messages", cause);
	return KR_OK;
}
