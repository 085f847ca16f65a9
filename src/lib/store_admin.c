/*
 * store_admin.c -- the database as a whole, for administration: the
 * online backup (klachtctl backup) and the counts behind the daemon's
 * STATUS= line and klachtctl status.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "safefile.h"
#include "store_int.h"
#include "util.h"

/*
 * SQLite opens the copy by name, so the name must lead where we created
 * it: the directory and every one above it must be owned by root or us
 * and writable by no one else (safe_dir_open_path), the file is created
 * by us with O_EXCL | O_NOFOLLOW and 0600 on the directory's descriptor,
 * and SQLite is told not to follow a link.  A backup never overwrites
 * anything: a name that exists, a link included, is refused untouched.
 */
enum kres
store_backup(struct store *st, const char *path, char **cause)
{
	sqlite3		*dst = NULL;
	sqlite3_backup	*b;
	struct stat	 mine, sb;
	char		*dir = NULL, *base = NULL, *canon = NULL, *full = NULL;
	char		*why = NULL;
	int		 rc, dfd = -1, fd = -1;
	enum kres	 r = KR_PERM;

	if (safe_split(path, &dir, &base, &why) == -1 ||
	    (dfd = safe_dir_open_path(dir, &canon, &why)) == -1 ||
	    (fd = safe_create(dfd, base, 0600, &why)) == -1) {
		set_cause(cause, "backup %s: %s", path, why);
		free(why);
		goto out;
	}
	if (fstat(fd, &mine) == -1) {
		set_cause(cause, "backup %s: %s", path, strerror(errno));
		goto remove;
	}
	full = xasprintf("%s/%s", strcmp(canon, "/") == 0 ? "" : canon, base);
	rc = sqlite3_open_v2(full, &dst, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_NOFOLLOW, NULL);
	/* The file SQLite writes is the one we made. */
	if (rc == SQLITE_OK && (lstat(full, &sb) == -1 ||
	    sb.st_dev != mine.st_dev || sb.st_ino != mine.st_ino))
		rc = SQLITE_CANTOPEN;
	if (rc != SQLITE_OK) {
		set_cause(cause, "backup %s: %s", path, sqlite3_errstr(rc));
		r = store_kres(rc);
		goto remove;
	}
	b = sqlite3_backup_init(dst, "main", st->db, "main");
	if (b == NULL) {
		set_cause(cause, "backup %s: %s", path, sqlite3_errmsg(dst));
		goto remove;
	}
	do {
		rc = sqlite3_backup_step(b, 256);
		if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
			sqlite3_sleep(50);
	} while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
	sqlite3_backup_finish(b);
	if (rc != SQLITE_DONE) {
		set_cause(cause, "backup %s: %s", path, sqlite3_errstr(rc));
		r = store_kres(rc);
		goto remove;
	}
	rc = sqlite3_close(dst);
	dst = NULL;
	if (rc != SQLITE_OK) {
		set_cause(cause, "backup %s: %s", path, sqlite3_errstr(rc));
		r = store_kres(rc);
		goto remove;
	}
	r = KR_OK;
	goto out;
remove:
	/* Only what we created, and no half copy. */
	if (dst != NULL)
		sqlite3_close(dst);
	dst = NULL;
	unlinkat(dfd, base, 0);
out:
	if (fd != -1)
		close(fd);
	if (dfd != -1)
		close(dfd);
	free(full);
	free(canon);
	free(dir);
	free(base);
	return r;
}

/* A store_rows() row function: the four counts, into the int64_t[4]
 * arg. */
static int
counts_one(sqlite3_stmt *s, void *arg)
{
	int64_t	*v = arg;
	int	 i;

	for (i = 0; i < 4; i++)
		v[i] = sqlite3_column_int64(s, i);
	return 1;
}

enum kres
store_counts(struct store *st, int64_t *open_cases, int64_t *queued,
    int64_t *failed, int64_t *quarantined, char **cause)
{
	int64_t		v[4] = { 0, 0, 0, 0 };
	enum kres	r;

	/* A SELECT of four counts always has its one row. */
	if ((r = store_rows(st, "count", cause, counts_one, v, "SELECT "
	    "(SELECT count(*) FROM cases WHERE status NOT IN ('closed', "
	    "'merged', 'void', 'resolved', 'forwarded')),"
	    "(SELECT count(*) FROM outbox WHERE status = 'queued'),"
	    "(SELECT count(*) FROM outbox WHERE status = 'failed'),"
	    "(SELECT count(*) FROM quarantine WHERE released_at IS NULL)",
	    "")) != KR_OK)
		return r;
	*open_cases = v[0];
	*queued = v[1];
	*failed = v[2];
	*quarantined = v[3];
	return KR_OK;
}
