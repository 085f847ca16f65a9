/*
 * maildir.c -- read complaints from a Maildir, write mail into one.
 *
 * Delivery follows the Maildir protocol: write under tmp/ with a unique
 * name, fsync, rename into new/.  Intake leaves a message in new/ until
 * its transaction committed, then renames it into cur/ with the Seen
 * flag; a crash in between makes the next pass see a duplicate.  Messages
 * are taken in batches, one transaction each (intake.h, group commit).
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "fault.h"
#include "intake.h"
#include "log.h"
#include "maildir.h"
#include "util.h"

int
maildir_create(const char *dir, char **cause)
{
	static const char *subs[] = { "tmp", "new", "cur" };
	char	*p;
	size_t	 i;

	if (mkdir_p(dir, 0700, cause) == -1)
		return -1;
	for (i = 0; i < 3; i++) {
		p = xasprintf("%s/%s", dir, subs[i]);
		if (mkdir(p, 0700) == -1 && errno != EEXIST) {
			set_cause(cause, "mkdir %s: %s", p, strerror(errno));
			free(p);
			return -1;
		}
		free(p);
	}
	return 0;
}

static int
write_all(int fd, const char *p, size_t len)
{
	ssize_t	n;

	while (len > 0) {
		n = write(fd, p, len);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

int
maildir_deliver(const char *dir, const char *prefix, const char *data,
    size_t len, char **cause)
{
	static unsigned	 seq;
	struct timespec	 ts;
	char		 host[256], *name, *tmp, *new;
	int		 fd, saved;

	if (maildir_create(dir, cause) == -1)
		return -1;
	if (gethostname(host, sizeof host) == -1)
		strcpy(host, "localhost");
	host[sizeof host - 1] = '\0';
	for (char *h = host; *h; h++)
		if (*h == '/' || *h == ':')
			*h = '_';
	clock_gettime(CLOCK_REALTIME, &ts);
	name = xasprintf("%lld.M%ldP%dQ%u.%s", (long long)ts.tv_sec,
	    ts.tv_nsec / 1000, (int)getpid(), ++seq, host);
	tmp = xasprintf("%s/tmp/%s", dir, name);
	new = xasprintf("%s/new/%s", dir, name);
	free(name);
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd == -1) {
		set_cause(cause, "%s: %s", tmp, strerror(errno));
		goto fail;
	}
	if ((prefix != NULL && write_all(fd, prefix, strlen(prefix)) == -1) ||
	    write_all(fd, data, len) == -1 || fsync(fd) == -1) {
		saved = errno;
		close(fd);
		unlink(tmp);
		set_cause(cause, "%s: %s", tmp, strerror(saved));
		goto fail;
	}
	if (close(fd) == -1 || rename(tmp, new) == -1) {
		saved = errno;
		unlink(tmp);
		set_cause(cause, "%s: %s", new, strerror(saved));
		goto fail;
	}
	free(tmp);
	free(new);
	return 0;
fail:
	free(tmp);
	free(new);
	return -1;
}

struct entry {
	char	*name;
	time_t	 mtime;
	off_t	 size;
};

static int
entry_cmp(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;

	if (x->mtime != y->mtime)
		return x->mtime < y->mtime ? -1 : 1;
	return strcmp(x->name, y->name);
}

/* The header block of the file at path: at most OVERSIZED_HEAD bytes, cut
 * at the first blank line.  Caller frees; NULL with errno on failure. */
#define OVERSIZED_HEAD	(64 * 1024)
static char *
read_head(const char *path, size_t *len)
{
	char	*p, *end;
	ssize_t	 got;
	size_t	 n = 0;
	int	 fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)) == -1)
		return NULL;
	p = xmalloc(OVERSIZED_HEAD + 1);
	while (n < OVERSIZED_HEAD) {
		got = read(fd, p + n, OVERSIZED_HEAD - n);
		if (got == -1 && errno == EINTR)
			continue;
		if (got <= 0)
			break;
		n += (size_t)got;
	}
	close(fd);
	p[n] = '\0';
	if ((end = strstr(p, "\n\n")) != NULL ||
	    (end = strstr(p, "\r\n\r\n")) != NULL)
		n = (size_t)(end - p) + 1;
	p[n] = '\0';
	*len = n;
	return p;
}

/*
 * A file over limits.max_message_size: recorded in quarantine (its header
 * and where it went) and then moved from new/ into dir/oversized/, where
 * it stays whole for the admin.  Recorded first, so a crash in between
 * only records it again (the same header is one quarantine row).  0 when
 * moved, -1 when left in new/ for the next pass.
 */
static int
move_aside(struct klacht *k, const char *source, const char *dir,
    const char *name, const char *path, uint64_t size)
{
	struct intake_result	 res;
	char			*aside, *dst, *head, *why = NULL, *id;
	size_t			 hlen = 0;
	enum kres		 r;
	int			 rc = -1;

	aside = xasprintf("%s/oversized", dir);
	dst = xasprintf("%s/%s", aside, name);
	if (mkdir(aside, 0700) == -1 && errno != EEXIST) {
		log_err("maildir %s: over limits.max_message_size, but %s "
		    "cannot be made: %s", path, aside, strerror(errno));
		goto out;
	}
	if ((head = read_head(path, &hlen)) == NULL) {
		log_warn("maildir %s: %s", path, strerror(errno));
		goto out;
	}
	id = xstrndup(name, strcspn(name, ":"));
	r = intake_oversized(k, source, id, head, hlen, size, dst, &res,
	    &why);
	free(id);
	free(head);
	if (r != KR_OK) {
		log_warn("maildir %s: over limits.max_message_size; %s failure "
		    "recording it, will retry: %s", path, kres_name(r), why);
		free(why);
		goto out;
	}
	if (rename(path, dst) == -1) {
		log_err("maildir: rename %s -> %s: %s", path, dst,
		    strerror(errno));
		goto out;
	}
	log_warn("maildir %s: %llu bytes, over limits.max_message_size (%zu):"
	    " moved to %s and recorded in quarantine", path,
	    (unsigned long long)size, k->cfg->max_message_size, dst);
	rc = 0;
out:
	free(aside);
	free(dst);
	return rc;
}

/*
 * Ends the batch (intake.h, group commit): COMMIT, then -- only then --
 * rename each file taken in from new/ into cur/.  A crash before the
 * COMMIT loses the batch's effects only (the files are still in new/); a
 * crash between the COMMIT and a rename leaves files in new/ that the
 * next pass sees as duplicates and then moves.  A COMMIT that fails
 * (disk full) leaves the whole batch in new/ for a later pass.
 */
static void
flush(struct klacht *k, const char *dir, char **names, const char *isdup,
    size_t *np, int *open, struct maildir_stats *stats)
{
	char		*why = NULL, *src, *dst;
	size_t		 i, n = *np, dups = 0;
	enum kres	 r;

	*np = 0;
	for (i = 0; i < n; i++)
		dups += isdup[i] != 0;
	if (!*open)
		return;
	*open = 0;
	fault_point("batch-before-commit");
	if ((r = store_batch_commit(k->st, &why)) != KR_OK) {
		/* In the words of a message's own failure, for each. */
		for (i = 0; i < n; i++) {
			log_warn("maildir %s/new/%s: %s failure, will retry: %s "
			    "(its batch of %zu did not commit)", dir, names[i],
			    kres_name(r), why, n);
			free(names[i]);
		}
		free(why);
		stats->done -= (int)n;
		stats->deferred += (int)n;
		return;
	}
	log_info("maildir %s: batch of %zu message(s) committed (%zu stored "
	    "before)", dir, n, dups);
	fault_point("batch-after-commit");
	for (i = 0; i < n; i++) {
		/* A duplicate committed nothing: it passes no point. */
		if (!isdup[i])
			fault_point("intake-after-commit");
		src = xasprintf("%s/new/%s", dir, names[i]);
		dst = xasprintf("%s/cur/%.*s:2,S", dir,
		    (int)strcspn(names[i], ":"), names[i]);
		if (rename(src, dst) == -1)
			log_err("maildir: rename %s -> %s: %s (the message is "
			    "committed; it will be seen as a duplicate)", src,
			    dst, strerror(errno));
		free(src);
		free(dst);
		free(names[i]);
	}
	if (n > 0)
		fault_point("batch-after-move");
}

int
maildir_intake(struct klacht *k, const char *dir, int limit,
    volatile int *stop, struct maildir_stats *stats, char **cause)
{
	return maildir_intake_as(k, dir, "maildir", limit, stop, stats,
	    cause);
}

int
maildir_intake_as(struct klacht *k, const char *dir, const char *source,
    int limit, volatile int *stop, struct maildir_stats *stats, char **cause)
{
	struct entry		*v = NULL;
	struct intake_result	 res;
	struct dirent		*de;
	struct stat		 sb;
	DIR			*d;
	size_t			 n = 0, i, nb = 0;
	char			*newdir, *path, *data, *why, *id;
	char			*batch[INTAKE_BATCH_MAX];
	char			 isdup[INTAKE_BATCH_MAX] = { 0 };
	size_t			 len, bytes = 0;
	int			 open = 0;
	int64_t			 t0 = 0;
	enum kres		 r;

	memset(stats, 0, sizeof *stats);
	if (maildir_create(dir, cause) == -1)
		return -1;
	newdir = xasprintf("%s/new", dir);
	if ((d = opendir(newdir)) == NULL) {
		set_cause(cause, "%s: %s", newdir, strerror(errno));
		free(newdir);
		return -1;
	}
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		path = xasprintf("%s/%s", newdir, de->d_name);
		if (stat(path, &sb) == 0 && S_ISREG(sb.st_mode)) {
			v = xreallocarray(v, n + 1, sizeof *v);
			v[n].name = xstrdup(de->d_name);
			v[n].size = sb.st_size;
			v[n++].mtime = sb.st_mtime;
		}
		free(path);
	}
	closedir(d);
	if (n > 1)
		qsort(v, n, sizeof *v, entry_cmp);

	for (i = 0; i < n; i++) {
		if ((limit > 0 && stats->seen >= limit) || (stop && *stop))
			break;
		if (open && (nb == INTAKE_BATCH_MAX || bytes >=
		    INTAKE_BATCH_BYTES || intake_batch_clock() - t0 >=
		    intake_batch_ms())) {
			flush(k, dir, batch, isdup, &nb, &open, stats);
			bytes = 0;
		}
		path = xasprintf("%s/%s", newdir, v[i].name);
		/* Too big is permanent: moved aside, it neither counts
		 * toward the limit nor blocks the mail behind it.  Outside
		 * the batch: move_aside commits before it renames. */
		if ((uint64_t)v[i].size > k->cfg->max_message_size) {
			flush(k, dir, batch, isdup, &nb, &open, stats);
			if (move_aside(k, source, dir, v[i].name, path,
			    (uint64_t)v[i].size) == 0)
				stats->oversized++;
			free(path);
			continue;
		}
		stats->seen++;
		why = NULL;
		data = file_read(path, k->cfg->max_message_size + 1, &len,
		    &why);
		if (data == NULL) {
			/* Unreadable, or grew past the limit since the
			 * directory was read: the next pass sees it again. */
			log_warn("maildir %s: %s", path, why);
			free(why);
			free(path);
			stats->deferred++;
			continue;
		}
		r = KR_OK;
		if (!open && (r = store_batch_begin(k->st, &why)) == KR_OK) {
			open = 1;
			t0 = intake_batch_clock();
		}
		if (r == KR_OK) {
			id = xstrndup(v[i].name, strcspn(v[i].name, ":"));
			r = intake_message(k, source, id, data, len, &res,
			    &why);
			free(id);
		}
		free(data);
		if (r != KR_OK) {
			log_warn("maildir %s: %s failure, will retry: %s", path,
			    kres_name(r), why);
			free(why);
			free(path);
			stats->deferred++;
			continue;
		}
		free(path);
		bytes += len;
		isdup[nb] = res.action == IA_DUPLICATE;
		batch[nb++] = xstrdup(v[i].name);
		stats->done++;
	}
	flush(k, dir, batch, isdup, &nb, &open, stats);
	for (i = 0; i < n; i++)
		free(v[i].name);
	free(v);
	free(newdir);
	return 0;
}
