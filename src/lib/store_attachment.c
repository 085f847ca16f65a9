/*
 * store_attachment.c -- the attachments table: name, type, size and hash
 * of each attachment of an incoming message, with its bytes when under
 * the size cap.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "store_int.h"
#include "util.h"

enum kres
store_attachment_add(struct store *st, int64_t msg_id, int64_t case_id,
    const char *filename, const char *type, size_t size, const char *sha256,
    const void *data, char **cause)
{
	return store_run(st, "insert attachment", cause, "INSERT INTO "
	    "attachments (message_id, case_id, filename, content_type, size, "
	    "sha256, data) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", "irttitb",
	    msg_id, case_id, filename, type, (int64_t)size, sha256, data,
	    size);
}

struct attachment_each {
	int		(*cb)(const char *, const char *, int64_t, void *);
	void		*arg;
};

static int
attachment_each(sqlite3_stmt *s, void *p)
{
	struct attachment_each	*c = p;

	return c->cb(store_col_text(s, 0), store_col_text(s, 1),
	    sqlite3_column_int64(s, 2), c->arg);
}

enum kres
store_attachment_foreach(struct store *st, int64_t msg_id,
    int (*cb)(const char *, const char *, int64_t, void *), void *arg,
    char **cause)
{
	struct attachment_each	c = { cb, arg };

	return store_rows(st, "list attachments", cause, attachment_each, &c,
	    "SELECT filename, content_type, size FROM attachments "
	    "WHERE message_id = ?1 ORDER BY id", "i", msg_id);
}

/* The attachments of a case, by message then order stored; data is read
 * only when asked for (a list need not pull the bytes in). */
struct case_att_each {
	int		(*cb)(const struct attachment_row *, void *);
	void		*arg;
	int		 n;	/* rows seen */
	int		 want;	/* only this number (0 = all) */
};

static int
case_att_each(sqlite3_stmt *s, void *p)
{
	struct case_att_each	*c = p;
	struct attachment_row	 a;

	if (++c->n != c->want && c->want != 0)
		return 0;
	memset(&a, 0, sizeof a);
	a.n = c->n;
	a.id = sqlite3_column_int64(s, 0);
	a.msg_id = sqlite3_column_int64(s, 1);
	a.received_at = sqlite3_column_int64(s, 2);
	a.filename = store_col_text(s, 3);
	a.content_type = store_col_text(s, 4);
	a.size = sqlite3_column_int64(s, 5);
	a.sha256 = store_col_text(s, 6);
	a.data = sqlite3_column_blob(s, 7);
	a.len = (size_t)sqlite3_column_bytes(s, 7);
	a.kept = sqlite3_column_int(s, 8);
	return c->cb(&a, c->arg) || c->want != 0;
}

/* The numbering (1, 2, ...) is the order of this one query, so that
 * klachtctl show, klachtctl attachment and the case file agree. */
#define CASE_ATT_SQL(data) "SELECT a.id, a.message_id, m.received_at, " \
	"a.filename, a.content_type, a.size, a.sha256, " data ", " \
	"a.data IS NOT NULL FROM attachments a JOIN messages m " \
	"ON m.id = a.message_id WHERE m.case_id = ?1 ORDER BY a.id"

enum kres
store_attachment_case_foreach(struct store *st, int64_t case_id,
    int with_data, int (*cb)(const struct attachment_row *, void *),
    void *arg, char **cause)
{
	struct case_att_each	c = { cb, arg, 0, 0 };

	if (with_data)
		return store_rows(st, "list attachments", cause,
		    case_att_each, &c, CASE_ATT_SQL("a.data"), "i", case_id);
	return store_rows(st, "list attachments", cause, case_att_each, &c,
	    CASE_ATT_SQL("NULL"), "i", case_id);
}

enum kres
store_attachment_case_get(struct store *st, int64_t case_id, int n,
    int (*cb)(const struct attachment_row *, void *), void *arg,
    char **cause)
{
	struct case_att_each	c = { cb, arg, 0, n };
	enum kres		r;

	if (n < 1) {
		set_cause(cause, "attachment numbers start at 1");
		return KR_INVALID;
	}
	if ((r = store_rows(st, "read attachment", cause, case_att_each, &c,
	    CASE_ATT_SQL("a.data"), "i", case_id)) != KR_OK)
		return r;
	if (c.n < n) {
		set_cause(cause, "there is no attachment %d (the case has %d)",
		    n, c.n);
		return KR_INVALID;
	}
	return KR_OK;
}
