/*
 * test_store_stmt.c -- the store's prepared-statement cache
 * (src/lib/store_stmt.c): a statement is prepared once and handed out
 * again, found by its text (not its address); one still in use is not
 * handed out twice (a query run again from its own row function); a
 * PRAGMA answers what is set now; bound values do not leak from one use
 * to the next.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "store_int.h"
#include "util.h"

#define Q_IDS	"SELECT id FROM quarantine ORDER BY id"

struct nest {
	struct store	*st;
	int		 outer, inner;
};

static int
inner_row(sqlite3_stmt *s, void *arg)
{
	(void)s;
	((struct nest *)arg)->inner++;
	return 0;
}

/* Runs the same query again from inside its own row function. */
static int
outer_row(sqlite3_stmt *s, void *arg)
{
	struct nest	*n = arg;
	char		*why = NULL;

	(void)s;
	/* Bounded: a broken cache would restart the outer query. */
	if (++n->outer > 4)
		return 1;
	CHECK_INT(store_rows(n->st, "inner", &why, inner_row, n, Q_IDS, ""),
	    KR_OK);
	free(why);
	return 0;
}

int
main(void)
{
	char		 dir[] = "/tmp/test_store_stmt.XXXXXX", *path, *p, *sql;
	char		*why = NULL;
	struct store	*st;
	sqlite3_stmt	*s1, *s2;
	struct nest	 n;
	const char	*sfx[] = { "", "-wal", "-shm" };
	int64_t		 qid = 0, v;
	int		 was = -1;
	size_t		 i;

	if (mkdtemp(dir) == NULL)
		return 1;
	path = xasprintf("%s/k.db", dir);
	st = store_open(path, 1000, &why);
	CHECK(st != NULL);
	if (st == NULL) {
		fprintf(stderr, "%s\n", why);
		return check_done();
	}

	/* Savepoint journals (one per message of a batch) stay in memory:
	 * no temporary file in /var/tmp per message (issue 17). */
	CHECK_INT(sqlite3_prepare_v2(st->db, "PRAGMA temp_store", -1, &s1,
	    NULL), SQLITE_OK);
	CHECK_INT(sqlite3_step(s1), SQLITE_ROW);
	CHECK_INT(sqlite3_column_int(s1, 0), 2);	/* MEMORY */
	sqlite3_finalize(s1);

	/* Prepared once, handed out again after it was put back -- also
	 * for the same text at another address. */
	CHECK_INT(store_stmt_get(st, Q_IDS, &s1, &why), KR_OK);
	store_stmt_put(st, s1);
	CHECK_INT(store_stmt_get(st, Q_IDS, &s2, &why), KR_OK);
	CHECK(s2 == s1);
	/* In use: another one, which is finalized when put back. */
	sql = xstrdup(Q_IDS);
	CHECK_INT(store_stmt_get(st, sql, &s2, &why), KR_OK);
	CHECK(s2 != s1 && s2 != NULL);
	store_stmt_put(st, s2);
	store_stmt_put(st, s1);
	CHECK_INT(store_stmt_get(st, sql, &s2, &why), KR_OK);
	CHECK(s2 == s1);
	store_stmt_put(st, s2);
	free(sql);

	/* A text that does not prepare still fails as before. */
	CHECK_INT(store_stmt_get(st, "SELECT nope FROM nowhere", &s1, &why),
	    KR_PERM);
	CHECK(s1 == NULL);
	CHECK(why != NULL && strstr(why, "nowhere") != NULL);

	/* Kept INSERTs take each call's values: two distinct rows. */
	CHECK_INT(store_quarantine_add(st, "test", "a", "test", "aa", 2, 1,
	    &qid, &why), KR_OK);
	CHECK_INT(store_quarantine_add(st, "test", "b", "test", "bbb", 3, 1,
	    &qid, &why), KR_OK);
	CHECK_INT(store_get_int64(st, "count", &v, &why,
	    "SELECT count(DISTINCT source_id) FROM quarantine", ""), KR_OK);
	CHECK_INT(v, 2);
	CHECK_INT(store_get_int64(st, "len", &v, &why,
	    "SELECT length(raw) FROM quarantine WHERE id = ?1", "i", qid),
	    KR_OK);
	CHECK_INT(v, 3);

	/* The same query from its own row function: 2 x 2 rows. */
	memset(&n, 0, sizeof n);
	n.st = st;
	CHECK_INT(store_rows(st, "outer", &why, outer_row, &n, Q_IDS, ""),
	    KR_OK);
	CHECK_INT(n.outer, 2);
	CHECK_INT(n.inner, 4);

	/* A PRAGMA answers what is set now, not what was set when it was
	 * first prepared (SQLite may run a PRAGMA at prepare time; with
	 * secure_delete it also expires statements, so this check guards
	 * the behaviour rather than proving the exclusion). */
	CHECK_INT(store_secure_delete(st, 1, &was, &why), KR_OK);
	CHECK_INT(store_secure_delete(st, 0, &was, &why), KR_OK);
	CHECK_INT(was, 1);
	CHECK_INT(store_secure_delete(st, 1, &was, &why), KR_OK);
	CHECK_INT(was, 0);

	store_close(st);
	for (i = 0; i < 3; i++) {
		p = xasprintf("%s%s", path, sfx[i]);
		unlink(p);
		free(p);
	}
	free(path);
	free(why);
	rmdir(dir);
	return check_done();
}
