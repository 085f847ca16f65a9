/*
 * safefile.c -- creating output files without following links or
 * trusting directories others can change (see safefile.h).
 *
 * The checks are made on what was opened (fstat on the descriptor), not
 * on a path looked up a second time, so nothing can be swapped between
 * the check and the use.  Only safe_dir_open_path() hands a path on, for
 * SQLite, which opens by name: it checks every directory on the way, so
 * that the name cannot be made to lead elsewhere by anyone but root and
 * the caller.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "safefile.h"
#include "util.h"

int
safe_split(const char *path, char **dir, char **base, char **cause)
{
	const char	*slash;
	size_t		 n;

	*dir = *base = NULL;
	n = path != NULL ? strlen(path) : 0;
	if (n == 0 || path[n - 1] == '/') {
		set_cause(cause, "\"%s\" is not a file name", path ? path : "");
		return -1;
	}
	if ((slash = strrchr(path, '/')) == NULL) {
		*dir = xstrdup(".");
		*base = xstrdup(path);
	} else {
		*dir = slash == path ? xstrdup("/") :
		    xstrndup(path, (size_t)(slash - path));
		*base = xstrdup(slash + 1);
	}
	if (strcmp(*base, ".") == 0 || strcmp(*base, "..") == 0) {
		set_cause(cause, "\"%s\" is not a file name", path);
		free(*dir);
		free(*base);
		*dir = *base = NULL;
		return -1;
	}
	return 0;
}

/* Owned by the caller or root. */
static int
owner_ok(const struct stat *sb)
{
	return sb->st_uid == geteuid() || sb->st_uid == 0;
}

int
safe_dir_check(int fd, const char *what, char **cause)
{
	struct stat	sb;

	if (fstat(fd, &sb) == -1) {
		set_cause(cause, "%s: %s", what, strerror(errno));
		return -1;
	}
	if (!S_ISDIR(sb.st_mode)) {
		set_cause(cause, "%s is not a directory", what);
		return -1;
	}
	if (!owner_ok(&sb)) {
		set_cause(cause, "%s belongs to uid %lu, not to us (uid %lu) "
		    "or root: refusing to write there", what,
		    (unsigned long)sb.st_uid, (unsigned long)geteuid());
		return -1;
	}
	if (sb.st_mode & (S_IWGRP | S_IWOTH)) {
		set_cause(cause, "%s is writable by %s (mode %04o): refusing "
		    "to write there", what, sb.st_mode & S_IWOTH ? "others" :
		    "its group", (unsigned)(sb.st_mode & 07777));
		return -1;
	}
	return 0;
}

int
safe_dir_open(const char *path, char **cause)
{
	int	fd;

	fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd == -1) {
		set_cause(cause, "%s: %s", path, strerror(errno));
		return -1;
	}
	if (safe_dir_check(fd, path, cause) == -1) {
		close(fd);
		return -1;
	}
	return fd;
}

int
safe_dir_open_path(const char *path, char **canon, char **cause)
{
	struct stat	 sb;
	char		*real, *p, *next;
	int		 fd, nfd;

	*canon = NULL;
	if ((real = realpath(path, NULL)) == NULL) {
		set_cause(cause, "%s: %s", path, strerror(errno));
		return -1;
	}
	if ((fd = open("/", O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1) {
		set_cause(cause, "/: %s", strerror(errno));
		free(real);
		return -1;
	}
	/* Down from /, never through a link: realpath resolved them all,
	 * so one showing up now was planted since. */
	for (p = real + 1; *p != '\0'; p = next) {
		if (fstat(fd, &sb) == -1 || !owner_ok(&sb) ||
		    ((sb.st_mode & (S_IWGRP | S_IWOTH)) &&
		    !(sb.st_mode & S_ISVTX))) {
			*p = '\0';
			set_cause(cause, "%s: %s is %s: refusing to write "
			    "under it", path, p - 1 == real ? "/" : real,
			    !owner_ok(&sb) ? "owned by someone else" :
			    "writable by others");
			goto fail;
		}
		if ((next = strchr(p, '/')) != NULL)
			*next = '\0';
		nfd = openat(fd, p, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
		    O_CLOEXEC);
		if (next != NULL)
			*next++ = '/';
		else
			next = p + strlen(p);
		if (nfd == -1) {
			set_cause(cause, "%s: %s", path, strerror(errno));
			goto fail;
		}
		close(fd);
		fd = nfd;
	}
	if (safe_dir_check(fd, path, cause) == -1)
		goto fail;
	*canon = real;
	return fd;
fail:
	close(fd);
	free(real);
	return -1;
}

int
safe_create(int dfd, const char *name, int mode, char **cause)
{
	int	fd;

	fd = openat(dfd, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
	    O_CLOEXEC, mode);
	if (fd == -1) {
		if (errno == EEXIST)
			set_cause(cause, "%s exists (never overwritten, never "
			    "followed if a link)", name);
		else
			set_cause(cause, "%s: %s", name, strerror(errno));
		return -1;
	}
	if (fchmod(fd, (mode_t)mode) == -1) {
		set_cause(cause, "%s: %s", name, strerror(errno));
		close(fd);
		unlinkat(dfd, name, 0);
		return -1;
	}
	return fd;
}

/* Whether the directory fd holds nothing. */
static int
dir_empty(int fd)
{
	struct dirent	*de;
	DIR		*d;
	int		 dup_fd, empty = 1;

	if ((dup_fd = dup(fd)) == -1)
		return 0;
	if ((d = fdopendir(dup_fd)) == NULL) {
		close(dup_fd);
		return 0;
	}
	while ((de = readdir(d)) != NULL)
		if (strcmp(de->d_name, ".") != 0 &&
		    strcmp(de->d_name, "..") != 0) {
			empty = 0;
			break;
		}
	closedir(d);
	return empty;
}

int
safe_mkdir(int dfd, const char *name, int mode, int *created, char **cause)
{
	int	fd;

	*created = 0;
	if (mkdirat(dfd, name, (mode_t)mode) == 0)
		*created = 1;
	else if (errno != EEXIST) {
		set_cause(cause, "%s: %s", name, strerror(errno));
		return -1;
	}
	fd = openat(dfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC);
	if (fd == -1) {
		if (errno == ELOOP || errno == ENOTDIR)
			set_cause(cause, "%s exists and is not a directory "
			    "(never followed if a link)", name);
		else
			set_cause(cause, "%s: %s", name, strerror(errno));
		if (*created)
			unlinkat(dfd, name, AT_REMOVEDIR);
		*created = 0;
		return -1;
	}
	if (*created) {
		/* mkdir honours the umask: say the mode explicitly. */
		if (fchmod(fd, (mode_t)mode) == -1) {
			set_cause(cause, "%s: %s", name, strerror(errno));
			close(fd);
			unlinkat(dfd, name, AT_REMOVEDIR);
			*created = 0;
			return -1;
		}
		return fd;
	}
	if (safe_dir_check(fd, name, cause) == -1) {
		close(fd);
		return -1;
	}
	if (!dir_empty(fd)) {
		set_cause(cause, "%s exists and is not empty: never written "
		    "over", name);
		close(fd);
		return -1;
	}
	return fd;
}

int
safe_write_all(int fd, const void *data, size_t len)
{
	const char	*p = data;
	ssize_t		 n;

	while (len > 0) {
		if ((n = write(fd, p, len)) == -1) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}
