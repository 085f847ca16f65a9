/*
 * store_imap.c -- the imap_state table: (UIDVALIDITY, last UID) per IMAP
 * mailbox, written in the transaction of the message it covers, so an
 * IMAP source hands each message to intake exactly once.
 */
#include "config.h"

#include <stdint.h>

#include "store_int.h"
#include "util.h"

enum kres
store_imap_state_get(struct store *st, const char *mailbox,
    uint32_t *uidvalidity, uint32_t *last_uid, char **cause)
{
	sqlite3_stmt	*s;
	int		 rc;

	*uidvalidity = *last_uid = 0;
	s = store_prepare(st, "SELECT uidvalidity, last_uid FROM imap_state "
	    "WHERE mailbox = ?1", cause);
	if (s == NULL)
		return KR_PERM;
	store_bind_text(s, 1, mailbox);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*uidvalidity = (uint32_t)sqlite3_column_int64(s, 0);
		*last_uid = (uint32_t)sqlite3_column_int64(s, 1);
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(st, rc, "read imap state", cause);
	return KR_OK;
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
