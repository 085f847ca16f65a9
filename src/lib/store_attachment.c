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
