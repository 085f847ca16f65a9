/*
 * store_export.c -- everything the store holds about one person, for the
 * export of AVG art. 15 (klachtctl export): the cases they complained in
 * or are a respondent in, their messages with attachments, the mail we
 * sent them and quarantined messages that name their address.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "store_int.h"
#include "util.h"

struct id_each {
	int		(*cb)(int64_t, void *);
	void		*arg;
};

static int
id_each(sqlite3_stmt *s, void *p)
{
	struct id_each	*c = p;

	return c->cb(sqlite3_column_int64(s, 0), c->arg);
}

enum kres
store_export_case_ids(struct store *st, const char *email,
    int (*cb)(int64_t, void *), void *arg, char **cause)
{
	struct id_each	c = { cb, arg };

	return store_rows(st, "find cases", cause, id_each, &c,
	    "SELECT id FROM cases WHERE complainant_email = ?1 COLLATE NOCASE "
	    "ORDER BY received_at, id", "t", email);
}

struct resp_each {
	int		(*cb)(const struct export_resp_row *, void *);
	void		*arg;
};

static int
resp_each(sqlite3_stmt *s, void *p)
{
	struct resp_each	*c = p;
	struct export_resp_row	 r;

	r.ref = store_col_text(s, 0);
	r.status = store_col_text(s, 1);
	r.received_at = sqlite3_column_int64(s, 2);
	r.email = store_col_text(s, 3);
	r.name = store_col_text(s, 4);
	r.added_at = sqlite3_column_int64(s, 5);
	return c->cb(&r, c->arg);
}

enum kres
store_export_respondent(struct store *st, const char *email,
    int (*cb)(const struct export_resp_row *, void *), void *arg,
    char **cause)
{
	struct resp_each	c = { cb, arg };

	return store_rows(st, "find respondent", cause, resp_each, &c,
	    "SELECT c.ref, c.status, c.received_at, r.email, r.name, "
	    "r.added_at FROM respondents r JOIN cases c ON c.id = r.case_id "
	    "WHERE r.email = ?1 COLLATE NOCASE ORDER BY r.added_at, r.id", "t",
	    email);
}

struct xmsg_each {
	int		(*cb)(const struct export_msg_row *, void *);
	void		*arg;
};

static int
xmsg_each(sqlite3_stmt *s, void *p)
{
	struct xmsg_each	*c = p;
	struct export_msg_row	 m;

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
	return c->cb(&m, c->arg);
}

enum kres
store_export_messages(struct store *st, const char *email,
    int (*cb)(const struct export_msg_row *, void *), void *arg,
    char **cause)
{
	struct xmsg_each	c = { cb, arg };

	return store_rows(st, "read messages", cause, xmsg_each, &c,
	    "SELECT id, coalesce(case_id, 0), received_at, kind, source, "
	    "message_id, in_reply_to, from_addr, from_name, subject, body, "
	    "sha256, raw FROM messages WHERE case_id IN (SELECT id FROM cases "
	    "WHERE complainant_email = ?1 COLLATE NOCASE) OR "
	    "from_addr = ?1 COLLATE NOCASE ORDER BY received_at, id", "t",
	    email);
}

/* The callback of store_export_attachments() and its argument. */
struct xatt_each {
	int	(*cb)(const struct export_att_row *, void *);
	void	*arg;
};

static int
xatt_each(sqlite3_stmt *s, void *arg)
{
	struct xatt_each	*c = arg;
	struct export_att_row	 a;

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
	return c->cb(&a, c->arg);
}

enum kres
store_export_attachments(struct store *st, int64_t msg_id,
    int (*cb)(const struct export_att_row *, void *), void *arg,
    char **cause)
{
	struct xatt_each	c = { cb, arg };

	return store_rows(st, "read attachments", cause, xatt_each, &c,
	    "SELECT id, filename, content_type, size, sha256, data FROM "
	    "attachments WHERE message_id = ?1 ORDER BY id", "i", msg_id);
}

enum kres
store_export_outbox(struct store *st, const char *email,
    int (*cb)(const struct outbox_row *, void *), void *arg, char **cause)
{
	struct store_outbox_cb	c = { cb, arg, 0 };

	return store_rows(st, "read outgoing mail", cause, store_outbox_each,
	    &c, "SELECT " STORE_OUTBOX_COLS ", raw FROM outbox "
	    "WHERE rcpt = ?1 COLLATE NOCASE ORDER BY id", "t", email);
}

/* The callback of store_export_quarantine() and its argument. */
struct xquar_each {
	int	(*cb)(const struct quarantine_row *, const void *, size_t,
		    void *);
	void	*arg;
};

static int
xquar_each(sqlite3_stmt *s, void *arg)
{
	struct xquar_each	*c = arg;
	struct quarantine_row	 q;

	memset(&q, 0, sizeof q);
	q.id = sqlite3_column_int64(s, 0);
	q.source = store_col_text(s, 1);
	q.source_id = store_col_text(s, 2);
	q.sha256 = store_col_text(s, 3);
	q.reason = store_col_text(s, 4);
	q.size = sqlite3_column_int64(s, 5);
	q.received_at = sqlite3_column_int64(s, 6);
	q.released_at = sqlite3_column_int64(s, 7);
	return c->cb(&q, sqlite3_column_blob(s, 8),
	    (size_t)sqlite3_column_bytes(s, 8), c->arg);
}

enum kres
store_export_quarantine(struct store *st, const char *email,
    int (*cb)(const struct quarantine_row *, const void *, size_t, void *),
    void *arg, char **cause)
{
	struct xquar_each	c = { cb, arg };

	/* Quarantined mail has no parsed sender to match on: its bytes are
	 * searched for the address, as text without regard to case, and as
	 * bytes (for mail that is not valid text). */
	return store_rows(st, "read quarantine", cause, xquar_each, &c,
	    "SELECT id, source, source_id, sha256, reason, "
	    "size, received_at, coalesce(released_at, 0), raw FROM quarantine "
	    "WHERE instr(lower(CAST(raw AS TEXT)), lower(?1)) > 0 OR "
	    "instr(raw, CAST(?1 AS BLOB)) > 0 OR "
	    "instr(raw, CAST(lower(?1) AS BLOB)) > 0 ORDER BY id", "t", email);
}
