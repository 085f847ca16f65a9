/*
 * store_redirect.c -- what #forward reads (issue 15): the original
 * complaint message exactly as it came in.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "store_int.h"
#include "util.h"

struct first_raw {
	char	*raw;
	size_t	 len;
	int	 found;
};

static int
first_raw_one(sqlite3_stmt *s, void *arg)
{
	struct first_raw	*f = arg;
	const void		*p = sqlite3_column_blob(s, 0);
	int			 n = sqlite3_column_bytes(s, 0);

	f->found = 1;
	f->len = n > 0 ? (size_t)n : 0;
	f->raw = xmalloc(f->len + 1);
	if (f->len > 0)
		memcpy(f->raw, p, f->len);
	f->raw[f->len] = '\0';
	return 1;
}

enum kres
store_case_complaint_raw(struct store *st, int64_t case_id, char **raw,
    size_t *len, char **cause)
{
	struct first_raw	f;
	enum kres		r;

	memset(&f, 0, sizeof f);
	/* The complaint itself: the first message filed as one (a case
	 * opened by #new or by an officer's forward has no other). */
	r = store_rows(st, "read the complaint's raw message", cause,
	    first_raw_one, &f, "SELECT raw FROM messages WHERE case_id = ?1 "
	    "AND raw IS NOT NULL ORDER BY kind != 'complaint', id LIMIT 1",
	    "i", case_id);
	if (r != KR_OK) {
		free(f.raw);
		return r;
	}
	*raw = f.raw;
	*len = f.len;
	return KR_OK;
}
