/*
 * klachtd-deliver -- the lean MTA pipe entry (issue 17).
 *
 *	klachtd-deliver [-c file] [-s dir] < message
 *
 * An MTA starts this program once per message, so it must start fast:
 * it links only libc and libconfig (no libcurl, no TLS stack, no GMime,
 * no SQLite).  It finds the state directory as klachtd does, then:
 *
 *  - when a daemon listens on the wake socket (wake.h), it writes the
 *    message durably into the spool Maildir state_dir/spool (tmp/, fsync,
 *    rename into new/, fsync of new/) and wakes the daemon with
 *    WAKE_SPOOL; the daemon files it as source "pipe" with the Maildir
 *    machinery, so a crash anywhere loses nothing and files nothing
 *    twice.  Exit 0 means the message is on disk, not yet filed.
 *  - when none does, it becomes `klachtd [-c ..] [-s ..] deliver` by
 *    execv() with stdin untouched: the full path, filing the case before
 *    it exits, with its exit codes.
 *
 * Exit codes follow sysexits(3): 0 done, 65 too big, 66 empty, 75 try
 * later (the MTA keeps the message), 64 usage.
 */
#include "config.h"

#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <libconfig.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>
#include <unistd.h>

#include "defaults.h"
#include "privdrop.h"
#include "sizeparse.h"
#include "wake.h"

#define PROG	"klachtd-deliver"

/* What the configuration says, as far as this program needs it. */
struct setup {
	const char	*conf_path;	/* -c, or KL_CONF_PATH */
	int		 explicit;	/* -c given */
	const char	*state_opt;	/* -s, or NULL */
	char		*state_dir;
	char		*database;	/* for privdrop_state_owner() */
	size_t		 max_size;
};

static void warnx_(const char *, ...) __attribute__((format(printf, 1, 2)));

static void
warnx_(const char *fmt, ...)
{
	va_list	ap;

	fputs(PROG ": ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

static char *
dupstr(const char *s)
{
	char	*p;

	if ((p = strdup(s)) == NULL) {
		warnx_("out of memory");
		exit(EX_TEMPFAIL);
	}
	return p;
}

static char *
joinpath(const char *a, const char *b)
{
	char	*p;

	if (asprintf(&p, "%s/%s", a, b) == -1) {
		warnx_("out of memory");
		exit(EX_TEMPFAIL);
	}
	return p;
}

static void
usage(FILE *f)
{
	fprintf(f,
"usage: " PROG " [-c file] [-s dir] < message\n"
"\n"
"Hands one message from the MTA to klachtd.  With the daemon running the\n"
"message is written to the spool in the state directory and the daemon\n"
"is woken to file it; without it this runs `klachtd deliver`.\n"
"\n"
"  -c, --config FILE     configuration file (default %s)\n"
"  -s, --state-dir DIR   state directory\n"
"  -h, --help            show this help\n"
"  -V, --version         show the version\n"
"\n"
"Exit: 0 taken, 65 too big, 66 empty, 75 try later.  See klachtd-deliver(8).\n",
	    KL_CONF_PATH);
}

/*
 * Reads state_dir, database and limits.max_message_size as cfg_load()
 * would (-s, then the file, then $STATE_DIRECTORY, then KL_STATE_DIR).
 * 0, or -1 when the file cannot be read or parsed: the full klachtd
 * then explains it.
 */
static int
read_setup(struct setup *su)
{
	config_t		 c;
	config_setting_t	*s;
	const char		*v, *sd = getenv("STATE_DIRECTORY");
	const char		*path = su->conf_path;
	int			 rc = 0;

	su->max_size = KL_MAX_MESSAGE_SIZE;
	config_init(&c);
	if (!su->explicit && access(path, F_OK) == -1 && errno == ENOENT)
		path = NULL;
	if (path != NULL && config_read_file(&c, path) != CONFIG_TRUE) {
		rc = -1;
		path = NULL;
	}
	if (su->state_opt != NULL)
		su->state_dir = dupstr(su->state_opt);
	else if (path != NULL && config_lookup_string(&c, "state_dir", &v) ==
	    CONFIG_TRUE)
		su->state_dir = dupstr(v);
	else if (sd != NULL && *sd == '/') {
		su->state_dir = dupstr(sd);
		su->state_dir[strcspn(su->state_dir, ":")] = '\0';
	} else
		su->state_dir = dupstr(KL_STATE_DIR);
	if (path != NULL && config_lookup_string(&c, "database", &v) ==
	    CONFIG_TRUE)
		su->database = *v == '/' ? dupstr(v) :
		    joinpath(su->state_dir, v);
	else
		su->database = joinpath(su->state_dir, "klachtd.db");
	if (path != NULL &&
	    (s = config_lookup(&c, "limits.max_message_size")) != NULL) {
		size_t	sz;

		if (config_setting_type(s) == CONFIG_TYPE_STRING) {
			if (size_parse(config_setting_get_string(s), &sz) == 0)
				su->max_size = sz;
		} else if (config_setting_get_int64(s) > 0)
			su->max_size = (size_t)config_setting_get_int64(s);
		else if (config_setting_get_int(s) > 0)
			su->max_size = (size_t)config_setting_get_int(s);
	}
	config_destroy(&c);
	return rc;
}

/*
 * A datagram socket connected to state_dir/wake when a daemon listens
 * there, else -1 (ENOENT, ECONNREFUSED: nobody; a path too long: the
 * daemon could not have bound it either).
 */
static int
daemon_socket(const char *state_dir)
{
	struct sockaddr_un	sun;
	int			fd, n;

	memset(&sun, 0, sizeof sun);
	sun.sun_family = AF_UNIX;
	n = snprintf(sun.sun_path, sizeof sun.sun_path, "%s/%s", state_dir,
	    WAKE_SOCKET);
	if (n < 0 || (size_t)n >= sizeof sun.sun_path)
		return -1;
	fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd == -1)
		return -1;
	if (connect(fd, (struct sockaddr *)&sun, sizeof sun) == -1) {
		close(fd);
		return -1;
	}
	return fd;
}

/* Becomes `klachtd [-c file] [-s dir] deliver`, found beside this
 * program, else in SBINDIR.  Returns only on failure (EX_TEMPFAIL). */
static int
exec_full(const struct setup *su)
{
	char		 self[PATH_MAX], *slash, *argv[8], *cand[2];
	ssize_t		 n;
	int		 argc = 0, i;

	cand[0] = cand[1] = NULL;
	n = readlink("/proc/self/exe", self, sizeof self - 1);
	if (n > 0) {
		self[n] = '\0';
		if ((slash = strrchr(self, '/')) != NULL) {
			*slash = '\0';
			cand[0] = joinpath(self, "klachtd");
		}
	}
	cand[1] = joinpath(SBINDIR, "klachtd");
	argv[argc++] = (char *)"klachtd";
	if (su->explicit) {
		argv[argc++] = (char *)"-c";
		argv[argc++] = (char *)su->conf_path;
	}
	if (su->state_opt != NULL) {
		argv[argc++] = (char *)"-s";
		argv[argc++] = (char *)su->state_opt;
	}
	argv[argc++] = (char *)"deliver";
	argv[argc] = NULL;
	for (i = 0; i < 2; i++)
		if (cand[i] != NULL && access(cand[i], X_OK) == 0)
			execv(cand[i], argv);
	warnx_("cannot run klachtd deliver (%s%s%s): %s", cand[0] ? cand[0] :
	    "", cand[0] ? ", " : "", cand[1], strerror(errno));
	free(cand[0]);
	free(cand[1]);
	return EX_TEMPFAIL;
}

/*
 * Reads standard input, at most max bytes.  NULL with errno EFBIG when
 * there is more, another errno on a read error.
 */
static char *
read_stdin(size_t max, size_t *len)
{
	char	*p = NULL, *np;
	size_t	 cap = 0, n = 0;
	ssize_t	 got;

	for (;;) {
		if (n == cap) {
			if (cap > max) {
				free(p);
				errno = EFBIG;
				return NULL;
			}
			cap = cap ? cap * 2 : 65536;
			if (cap > max + 1)
				cap = max + 1;
			if ((np = realloc(p, cap)) == NULL) {
				free(p);
				errno = ENOMEM;
				return NULL;
			}
			p = np;
		}
		got = read(STDIN_FILENO, p + n, cap - n);
		if (got == -1 && errno == EINTR)
			continue;
		if (got == -1) {
			free(p);
			return NULL;
		}
		if (got == 0)
			break;
		n += (size_t)got;
		if (n > max) {
			free(p);
			errno = EFBIG;
			return NULL;
		}
	}
	*len = n;
	return p;
}

static int
mkdir_ok(const char *path)
{
	return mkdir(path, 0700) == 0 || errno == EEXIST ? 0 : -1;
}

/*
 * Writes data into spool/new by way of spool/tmp: fsync of the file,
 * rename, fsync of new/, so that once this returns 0 the message
 * survives a crash.  -1 with a message on stderr otherwise (nothing is
 * left in new/).
 */
static int
spool_write(const char *spool, const char *data, size_t len)
{
	static const char *subs[] = { "tmp", "new", "cur" };
	struct timespec	 ts;
	char		 host[256], *sub, *name = NULL, *tmp = NULL, *new = NULL;
	char		*newdir = NULL;
	const char	*p = data;
	size_t		 left = len, i;
	ssize_t		 n;
	int		 fd = -1, dfd, rc = -1;

	if (mkdir_ok(spool) == -1) {
		warnx_("%s: %s", spool, strerror(errno));
		return -1;
	}
	for (i = 0; i < 3; i++) {
		sub = joinpath(spool, subs[i]);
		if (mkdir_ok(sub) == -1) {
			warnx_("%s: %s", sub, strerror(errno));
			free(sub);
			return -1;
		}
		free(sub);
	}
	if (gethostname(host, sizeof host) == -1)
		strcpy(host, "localhost");
	host[sizeof host - 1] = '\0';
	for (char *h = host; *h; h++)
		if (*h == '/' || *h == ':')
			*h = '_';
	clock_gettime(CLOCK_REALTIME, &ts);
	if (asprintf(&name, "%lld.M%ldP%d.%s", (long long)ts.tv_sec,
	    ts.tv_nsec / 1000, (int)getpid(), host) == -1) {
		warnx_("out of memory");
		return -1;
	}
	newdir = joinpath(spool, "new");
	if (asprintf(&tmp, "%s/tmp/%s", spool, name) == -1 ||
	    asprintf(&new, "%s/%s", newdir, name) == -1) {
		warnx_("out of memory");
		exit(EX_TEMPFAIL);
	}
	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600)) ==
	    -1) {
		warnx_("%s: %s", tmp, strerror(errno));
		goto out;
	}
	while (left > 0) {
		n = write(fd, p, left);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			warnx_("%s: %s", tmp, strerror(errno));
			goto fail;
		}
		p += n;
		left -= (size_t)n;
	}
	if (fsync(fd) == -1) {
		warnx_("fsync %s: %s", tmp, strerror(errno));
		goto fail;
	}
	if (close(fd) == -1) {
		fd = -1;
		warnx_("%s: %s", tmp, strerror(errno));
		goto fail;
	}
	fd = -1;
	if (rename(tmp, new) == -1) {
		warnx_("rename %s: %s", new, strerror(errno));
		goto fail;
	}
	/* The rename is durable only once the directory is. */
	if ((dfd = open(newdir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1 ||
	    fsync(dfd) == -1) {
		warnx_("fsync %s: %s", newdir, strerror(errno));
		if (dfd != -1)
			close(dfd);
		/* Not known to be on disk: take it back, let the MTA retry
		 * (a copy that survives is filed once: the daemon dedupes). */
		unlink(new);
		goto out;
	}
	close(dfd);
	rc = 0;
	goto out;
fail:
	if (fd != -1)
		close(fd);
	unlink(tmp);
out:
	free(newdir);
	free(name);
	free(tmp);
	free(new);
	return rc;
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "state-dir", required_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct setup	 su;
	char		*data, *spool, *why = NULL;
	size_t		 len;
	uid_t		 uid;
	int		 ch, fd, ex;
	char		 byte = WAKE_SPOOL;

	memset(&su, 0, sizeof su);
	su.conf_path = KL_CONF_PATH;
	while ((ch = getopt_long(argc, argv, "c:s:hV", longopts, NULL)) !=
	    -1) {
		switch (ch) {
		case 'c':
			su.conf_path = optarg;
			su.explicit = 1;
			break;
		case 's':
			su.state_opt = optarg;
			break;
		case 'h':
			usage(stdout);
			return EX_OK;
		case 'V':
			printf(PROG " %s\n", PACKAGE_VERSION);
			return EX_OK;
		default:
			usage(stderr);
			return EX_USAGE;
		}
	}
	if (optind != argc) {
		warnx_("unexpected argument \"%s\"", argv[optind]);
		usage(stderr);
		return EX_USAGE;
	}
	/* A configuration it cannot read: klachtd says what is wrong. */
	if (read_setup(&su) == -1) {
		ex = exec_full(&su);
		goto out;
	}
	/* Run by hand as root on the klachtd user's state: become that
	 * user before anything is created there (privdrop.h). */
	if (privdrop_state_owner(su.state_dir, su.database, &uid, &why) ==
	    -1) {
		warnx_("%s", why);
		free(why);
		ex = EX_TEMPFAIL;
		goto out;
	}
	if ((fd = daemon_socket(su.state_dir)) == -1) {
		ex = exec_full(&su);
		goto out;
	}

	/* A full disk or a file size limit must be an error we can answer
	 * with EX_TEMPFAIL, not a signal that kills us. */
	signal(SIGXFSZ, SIG_IGN);
	signal(SIGPIPE, SIG_IGN);
	if ((data = read_stdin(su.max_size, &len)) == NULL) {
		ex = errno == EFBIG ? EX_DATAERR : EX_TEMPFAIL;
		if (errno == EFBIG)
			warnx_("message larger than limits.max_message_size "
			    "(%zu bytes)", su.max_size);
		else
			warnx_("reading the message: %s", strerror(errno));
		close(fd);
		goto out;
	}
	if (len == 0) {
		warnx_("no message on standard input");
		free(data);
		close(fd);
		ex = EX_NOINPUT;
		goto out;
	}
	umask(077);
	spool = joinpath(su.state_dir, KL_SPOOL_DIR);
	ex = spool_write(spool, data, len) == 0 ? EX_OK : EX_TEMPFAIL;
	if (ex != EX_OK)
		warnx_("the message was not spooled; the MTA should retry");
	else
		/* Lost (the daemon stopped, its queue is full): the daemon
		 * takes the spool at every intake tick and at start. */
		(void)send(fd, &byte, 1, MSG_DONTWAIT);
	close(fd);
	free(spool);
	free(data);
out:
	free(su.state_dir);
	free(su.database);
	return ex;
}
