/*
 * store_post.c -- letters on paper (issue 16): a complainant's postal
 * address and phone, and which outgoing mail were letters to them.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "store_int.h"
#include "util.h"

enum kres
store_case_postal_get(struct store *st, int64_t case_id, char **address,
    char **phone, char **cause)
{
	sqlite3_stmt	*s;
	int		 rc;

	*address = *phone = NULL;
	s = store_prepare(st, "SELECT complainant_address, complainant_phone "
	    "FROM cases WHERE id = ?1", cause);
	if (s == NULL)
		return KR_PERM;
	sqlite3_bind_int64(s, 1, case_id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*address = store_col_strdup(s, 0);
		*phone = store_col_strdup(s, 1);
	}
	sqlite3_finalize(s);
	if (rc == SQLITE_DONE) {
		set_cause(cause, "no case with id %lld", (long long)case_id);
		return KR_INVALID;
	}
	if (rc != SQLITE_ROW)
		return store_fail(st, rc, "read postal address", cause);
	return KR_OK;
}

enum kres
store_case_postal_set(struct store *st, int64_t case_id, const char *address,
    const char *phone, int64_t now, char **cause)
{
	return store_run(st, "set postal address", cause, "UPDATE cases SET "
	    "complainant_address = ?2, complainant_phone = ?3, updated_at = ?4 "
	    "WHERE id = ?1", "itti", case_id, address, phone, now);
}

enum kres
store_outbox_letter_set(struct store *st, int64_t id, const char *how,
    char **cause)
{
	return store_run(st, "mark letter", cause, "UPDATE outbox SET "
	    "letter = ?2 WHERE id = ?1", "it", id, how);
}

enum kres
store_letter_get(struct store *st, int64_t case_id, int n, int *count,
    int (*cb)(const struct letter_row *, void *), void *arg, char **cause)
{
	sqlite3_stmt		*s;
	struct letter_row	 l;
	int64_t			 total;
	enum kres		 r;
	int			 rc;

	if ((r = store_get_int64(st, "count letters", &total, cause,
	    "SELECT count(*) FROM outbox WHERE case_id = ?1 AND letter IS NOT "
	    "NULL", "i", case_id)) != KR_OK)
		return r;
	if (count != NULL)
		*count = (int)total;
	if (n < 0 || n > total || total == 0) {
		set_cause(cause, total == 0 ? "the case has no letters" :
		    "the case has %lld letter%s", (long long)total,
		    total == 1 ? "" : "s");
		return KR_INVALID;
	}
	s = store_prepare(st, "SELECT id, kind, letter, rcpt, status, "
	    "created_at, raw FROM outbox WHERE case_id = ?1 AND letter IS NOT "
	    "NULL ORDER BY id LIMIT 1 OFFSET ?2", cause);
	if (s == NULL)
		return KR_PERM;
	sqlite3_bind_int64(s, 1, case_id);
	sqlite3_bind_int64(s, 2, (n == 0 ? total : n) - 1);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		memset(&l, 0, sizeof l);
		l.id = sqlite3_column_int64(s, 0);
		l.kind = store_col_text(s, 1);
		l.how = store_col_text(s, 2);
		l.rcpt = store_col_text(s, 3);
		l.status = store_col_text(s, 4);
		l.created_at = sqlite3_column_int64(s, 5);
		l.raw = sqlite3_column_blob(s, 6);
		l.raw_len = (size_t)sqlite3_column_bytes(s, 6);
		cb(&l, arg);
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW)
		return store_fail(st, rc, "read letter", cause);
	return KR_OK;
}
