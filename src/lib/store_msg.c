/*
 * store_msg.c -- the messages table: every incoming message, raw and
 * parsed, and the dedupe lookups that keep intake exactly-once.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "store_int.h"
#include "util.h"

/* Stores the row's case id in *(int64_t *)p; stops at the first row. */
static int
msg_seen_row(sqlite3_stmt *s, void *p)
{
	*(int64_t *)p = sqlite3_column_int64(s, 0) + 1;
	return 1;
}

enum kres
store_msg_seen(struct store *st, const char *key, int64_t *case_id,
    char **cause)
{
	int64_t		found = 0;	/* case id + 1 when a row was read */
	enum kres	r;

	*case_id = 0;
	if ((r = store_rows(st, "look up message", cause, msg_seen_row,
	    &found, "SELECT coalesce(case_id, 0) FROM messages "
	    "WHERE dedupe_key = ?1", "t", key)) != KR_OK)
		return r;
	if (found == 0)
		return KR_OK;
	*case_id = found - 1;
	return KR_DUP;
}

struct msg_same {
	const char	*raw_sha;
	const char	*content_sha;
	int64_t		 case_id;
	int		 dup;
	int		 found;
};

static int
msg_same_row(sqlite3_stmt *s, void *p)
{
	struct msg_same	*c = p;
	const char	*rs = store_col_text(s, 1), *cs = store_col_text(s, 2);

	/* A row stored before content hashes existed (cs NULL) is taken as
	 * the same message, as it was then. */
	if ((rs != NULL && strcmp(rs, c->raw_sha) == 0) || cs == NULL ||
	    (c->content_sha != NULL && strcmp(cs, c->content_sha) == 0)) {
		c->case_id = sqlite3_column_int64(s, 0);
		c->dup = 1;
		return 1;
	}
	c->found = 1;
	return 0;
}

enum kres
store_msg_same(struct store *st, const char *message_id, const char *raw_sha,
    const char *content_sha, int64_t *case_id, int *clash, char **cause)
{
	struct msg_same	c = { raw_sha, content_sha, 0, 0, 0 };
	enum kres	r;

	*case_id = 0;
	*clash = 0;
	if ((r = store_rows(st, "look up message", cause, msg_same_row, &c,
	    "SELECT coalesce(case_id, 0), sha256, content_sha FROM messages "
	    "WHERE message_id = ?1 ORDER BY id", "t", message_id)) != KR_OK)
		return r;
	if (c.dup) {
		*case_id = c.case_id;
		return KR_DUP;
	}
	*clash = c.found;
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
	    "size, sha256, received_at, content_sha, role) VALUES (?1, ?2, ?3, "
	    "?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, "
	    "?18)", "rtttttttttttbititt", m->case_id, m->dedupe_key, m->kind,
	    m->source, m->source_id, m->message_id, m->in_reply_to, m->refs,
	    m->from_addr, m->from_name, m->subject, m->body, m->raw,
	    m->raw_len, (int64_t)m->raw_len, sha, m->received_at,
	    m->content_sha, m->role)) != KR_OK)
		return r;
	if (id != NULL)
		*id = sqlite3_last_insert_rowid(st->db);
	return KR_OK;
}

struct msg_each {
	int		(*cb)(const struct msg_row *, void *);
	void		*arg;
};

static int
msg_each(sqlite3_stmt *s, void *p)
{
	struct msg_each	*c = p;
	struct msg_row	 m;

	m.id = sqlite3_column_int64(s, 0);
	m.received_at = sqlite3_column_int64(s, 1);
	m.kind = store_col_text(s, 2);
	m.source = store_col_text(s, 3);
	m.message_id = store_col_text(s, 4);
	m.from_addr = store_col_text(s, 5);
	m.subject = store_col_text(s, 6);
	m.body = store_col_text(s, 7);
	m.size = sqlite3_column_int64(s, 8);
	m.role = store_col_text(s, 9);
	return c->cb(&m, c->arg);
}

enum kres
store_msg_foreach(struct store *st, int64_t case_id,
    int (*cb)(const struct msg_row *, void *), void *arg, char **cause)
{
	struct msg_each	c = { cb, arg };

	return store_rows(st, "list messages", cause, msg_each, &c,
	    "SELECT id, received_at, kind, source, message_id, from_addr, "
	    "subject, body, size, role FROM messages WHERE case_id = ?1 "
	    "ORDER BY id",
	    "i", case_id);
}
