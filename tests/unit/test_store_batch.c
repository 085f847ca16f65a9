/*
 * test_store_batch.c -- group commit in the store (store.h): inside a
 * batch, store_begin/commit/rollback act per message on a savepoint, so
 * one message rolled back leaves the others of the batch; nothing is
 * visible to another connection before store_batch_commit(); a batch
 * rolled back as a whole leaves nothing.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "store.h"
#include "util.h"

static int
count_cb(const struct quarantine_row *q, void *arg)
{
	(void)q;
	(*(int *)arg)++;
	return 0;
}

/* Rows in quarantine, as seen by its own connection to path. */
static int
rows(const char *path)
{
	struct store	*st;
	char		*why = NULL;
	int		 n = 0;

	if ((st = store_open(path, 1000, &why)) == NULL) {
		fprintf(stderr, "%s\n", why);
		free(why);
		return -1;
	}
	CHECK_INT(store_quarantine_foreach(st, NULL, count_cb, &n, &why),
	    KR_OK);
	store_close(st);
	return n;
}

/* One message: begin, add a quarantine row named id, commit or not. */
static void
message(struct store *st, const char *id, int keep)
{
	char	*why = NULL;
	int64_t	 qid = 0;

	CHECK_INT(store_begin(st, &why), KR_OK);
	CHECK_INT(store_quarantine_add(st, "test", id, "test", id, strlen(id),
	    1, &qid, &why), KR_OK);
	if (keep)
		CHECK_INT(store_commit(st, &why), KR_OK);
	else
		store_rollback(st);
	free(why);
}

int
main(void)
{
	char		 dir[] = "/tmp/test_store_batch.XXXXXX", *path, *p;
	char		*why = NULL;
	struct store	*st;
	const char	*sfx[] = { "", "-wal", "-shm" };
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

	/* Without a batch: each message its own transaction. */
	CHECK(!store_batched(st));
	message(st, "a", 1);
	CHECK_INT(rows(path), 1);

	/* A batch: b kept, c rolled back, d kept; nothing seen outside
	 * before the COMMIT, then exactly b and d. */
	CHECK_INT(store_batch_begin(st, &why), KR_OK);
	CHECK(store_batched(st));
	message(st, "b", 1);
	message(st, "c", 0);
	message(st, "d", 1);
	CHECK_INT(rows(path), 1);
	CHECK_INT(store_batch_commit(st, &why), KR_OK);
	CHECK(!store_batched(st));
	CHECK_INT(rows(path), 3);

	/* A batch rolled back as a whole leaves nothing. */
	CHECK_INT(store_batch_begin(st, &why), KR_OK);
	message(st, "e", 1);
	store_batch_rollback(st);
	CHECK_INT(rows(path), 3);

	/* Back to one transaction per message after a batch. */
	message(st, "f", 1);
	CHECK_INT(rows(path), 4);

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
