/*
 * store_post.c -- letters on paper (issue 16): a complainant's postal
 * address and phone, and which outgoing mail were letters to them.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "store_int.h"
#include "util.h"

/* Where store_case_postal_get() reads its row into; found says the case
 * exists (both columns may be NULL). */
struct postal {
	char	*address, *phone;
	int	 found;
};

static int
postal_one(sqlite3_stmt *s, void *arg)
{
	struct postal	*p = arg;

	p->address = store_col_strdup(s, 0);
	p->phone = store_col_strdup(s, 1);
	p->found = 1;
	return 1;
}

enum kres
store_case_postal_get(struct store *st, int64_t case_id, char **address,
    char **phone, char **cause)
{
	struct postal	p = { NULL, NULL, 0 };
	enum kres	r;

	*address = *phone = NULL;
	if ((r = store_rows(st, "read postal address", cause, postal_one, &p,
	    "SELECT complainant_address, complainant_phone FROM cases "
	    "WHERE id = ?1", "i", case_id)) != KR_OK)
		return r;
	if (!p.found) {
		set_cause(cause, "no case with id %lld", (long long)case_id);
		return KR_INVALID;
	}
	*address = p.address;
	*phone = p.phone;
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

/* The callback of store_letter_get() and its argument. */
struct letter_cb {
	int	(*cb)(const struct letter_row *, void *);
	void	*arg;
};

static int
letter_one(sqlite3_stmt *s, void *arg)
{
	struct letter_cb	*c = arg;
	struct letter_row	 l;

	memset(&l, 0, sizeof l);
	l.id = sqlite3_column_int64(s, 0);
	l.kind = store_col_text(s, 1);
	l.how = store_col_text(s, 2);
	l.rcpt = store_col_text(s, 3);
	l.status = store_col_text(s, 4);
	l.created_at = sqlite3_column_int64(s, 5);
	l.raw = sqlite3_column_blob(s, 6);
	l.raw_len = (size_t)sqlite3_column_bytes(s, 6);
	c->cb(&l, c->arg);
	return 1;
}

enum kres
store_letter_get(struct store *st, int64_t case_id, int n, int *count,
    int (*cb)(const struct letter_row *, void *), void *arg, char **cause)
{
	struct letter_cb	c = { cb, arg };
	int64_t			total;
	enum kres		r;

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
	/* The row exists: total counted it in the same transaction. */
	return store_rows(st, "read letter", cause, letter_one, &c,
	    "SELECT id, kind, letter, rcpt, status, created_at, raw FROM "
	    "outbox WHERE case_id = ?1 AND letter IS NOT NULL ORDER BY id "
	    "LIMIT 1 OFFSET ?2", "ii", case_id, (n == 0 ? total : n) - 1);
}
