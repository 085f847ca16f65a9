/*
 * store_imap.c -- the imap_state table: (UIDVALIDITY, last UID) per IMAP
 * mailbox, written in the transaction of the message it covers, so an
 * IMAP source hands each message to intake exactly once.
 */
#include "config.h"

#include <stdint.h>

#include "store_int.h"
#include "util.h"

struct imap_state {
	uint32_t	*uidvalidity;
	uint32_t	*last_uid;
};

static int
imap_state_row(sqlite3_stmt *s, void *p)
{
	struct imap_state	*c = p;

	*c->uidvalidity = (uint32_t)sqlite3_column_int64(s, 0);
	*c->last_uid = (uint32_t)sqlite3_column_int64(s, 1);
	return 1;
}

enum kres
store_imap_state_get(struct store *st, const char *mailbox,
    uint32_t *uidvalidity, uint32_t *last_uid, char **cause)
{
	struct imap_state	c = { uidvalidity, last_uid };

	*uidvalidity = *last_uid = 0;
	return store_rows(st, "read imap state", cause, imap_state_row, &c,
	    "SELECT uidvalidity, last_uid FROM imap_state WHERE mailbox = ?1",
	    "t", mailbox);
}

enum kres
store_imap_state_set(struct store *st, const char *mailbox,
    uint32_t uidvalidity, uint32_t last_uid, char **cause)
{
	return store_run(st, "write imap state", cause, "INSERT INTO "
	    "imap_state (mailbox, uidvalidity, last_uid) VALUES (?1, ?2, ?3) "
	    "ON CONFLICT(mailbox) DO UPDATE SET uidvalidity = ?2, "
	    "last_uid = ?3", "tii", mailbox, (int64_t)uidvalidity,
	    (int64_t)last_uid);
}
