/*
 * klachtd -- the complaint-handling daemon, and its MTA pipe entry.
 *
 *	klachtd [-c file] [-v] [--once]	run the jobs (loop, or one pass)
 *	klachtd [-c file] deliver	take one message on stdin (the full
 *				MTA pipe; klachtd-deliver is the lean one)
 *	klachtd [-c file] -n		check the configuration
 *
 * The daemon is one loop: a tick runs whichever throttled jobs are due
 * (jobs_tick), then sleeps at most a second.  Signal handlers only set
 * flags; the loop acts on them between ticks, and the jobs look at the
 * stop flag between messages, so SIGTERM finishes the message in hand,
 * commits it and exits 0.  SIGHUP loads the configuration beside the one
 * in force and swaps only when the new one is valid.  Under systemd
 * (Type=notify) it reports READY=1, STATUS=, WATCHDOG=1, RELOADING=1 and
 * STOPPING=1; it never forks and writes no pidfile.
 *
 * Exit codes follow sysexits(3): an MTA retries 75 (EX_TEMPFAIL) and
 * bounces most others, so anything that might work later is 75.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <time.h>
#include <unistd.h>

#ifdef HAVE_SYSTEMD
#include <systemd/sd-daemon.h>
#endif

#include "calendar.h"
#include "cfg.h"
#include "fault.h"
#include "intake.h"
#include "jobs.h"
#include "letterpdf.h"
#include "klacht.h"
#include "log.h"
#include "mail.h"
#include "maildir.h"
#include "officer.h"
#include "privdrop.h"
#include "rest.h"
#include "safefile.h"
#include "secret.h"
#include "store.h"
#include "template.h"
#include "util.h"
#include "wake.h"
#include "imapidle.h"

#define STATUS_EVERY_MS	10000	/* STATUS= counts at most this often */
#define TICK_MAX_MS	1000	/* longest sleep: keeps signals prompt */
#define CONF_MAX	(16 * 1024 * 1024) /* a configuration file, at most */

static volatile sig_atomic_t	got_stop;
static volatile sig_atomic_t	got_hup;
static volatile int		stop_flag;	/* the jobs' view of got_stop */

/* What the loop keeps between ticks. */
struct daemon {
	struct klacht	 k;
	struct jobs	 j;
	const char	*conf_path;	/* -c, or the default path */
	int		 explicit;	/* -c given: the file must exist */
	const char	*state_dir;	/* -s, or NULL */
	uint64_t	 watchdog_ms;	/* WATCHDOG=1 interval; 0 = off */
	uint64_t	 next_watchdog;	/* monotonic ms */
	uint64_t	 next_status;
	char		*status;	/* last STATUS= sent */
	int		 wake_fd;	/* deliveries wake us (wake.h); -1 */
	int		 watch_fd;	/* the intake Maildir's new/; -1 */
	struct imapidle	*idle;		/* IMAP IDLE / STATUS watcher */
	/* The rest (rest.h). */
	char		*conf_text;	/* the configuration in force, as
					   read; NULL: the built-in defaults */
	char	       **args;		/* argv[1..] without REST_RESUME */
	int		 nargs;
	int		 verbose, use_syslog;
	char		 self[PATH_MAX]; /* this program */
	char		*rest_path;	/* klachtd-rest; NULL: none found */
	int		 rest_off;	/* it failed once: stay resident */
	int64_t		 last_work_ms;	/* monotonic: a job last did work */
	struct {
		int	 on;		/* this process came back from rest */
		char	 why[8];	/* mail, timer, hup */
		int	 wake_fd, watch_fd, conf_fd;
		int64_t	 retention;
	} resume;
};

static void
on_stop(int sig)
{
	(void)sig;
	got_stop = 1;
	stop_flag = 1;
}

static void
on_hup(int sig)
{
	(void)sig;
	got_hup = 1;
}

/* Tells the service manager (if any) about our state: one or more
 * newline-separated VAR=value assignments. */
static void notify(const char *, ...) __attribute__((format(printf, 1, 2)));

static void
notify(const char *fmt, ...)
{
#ifdef HAVE_SYSTEMD
	va_list	 ap;
	char	*s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	if (sd_notify(0, s) < 0)
		log_debug("sd_notify failed: %s", strerror(errno));
	free(s);
#else
	(void)fmt;
#endif
}

static void
usage(FILE *f)
{
	fprintf(f,
"usage: klachtd [-c file] [-s dir] [-v] [--syslog] [--once]\n"
"       klachtd [-c file] [-s dir] deliver < message\n"
"       klachtd [-c file] -n\n"
"\n"
"Email-driven complaint handling (Awb hoofdstuk 9, Wkkgz).\n"
"\n"
"  -c, --config FILE     configuration file (default %s;\n"
"                        without it, built-in defaults are used)\n"
"  -s, --state-dir DIR   state directory (database, default Maildirs)\n"
"  -n, --check-config    check the configuration and templates, then exit\n"
"      --once            run every job once (intake, deadlines,\n"
"                        retention, outbox) and exit\n"
"  -v, --verbose         debug messages; twice also SMTP/IMAP transcripts\n"
"                        (passwords masked)\n"
"      --syslog          log to syslog (facility mail) instead of stderr\n"
"  -h, --help            show this help\n"
"  -V, --version         show the version\n"
"\n"
"  deliver               read one message on standard input and file it;\n"
"                        exit 0 once committed, 75 to make the MTA retry\n"
"                        (the full path: MTA recipes use the faster\n"
"                        klachtd-deliver(8))\n"
"\n"
"Signals: TERM/INT finish the message in hand and exit 0; HUP reloads the\n"
"configuration (kept only if valid).  After daemon.rest_after without work\n"
"the daemon rests as klachtd-rest in the same process (same PID) until mail,\n"
"a timer or a signal.  See klachtd(8), klachtd.conf(5).\n",
	    cfg_default_path());
}

/* Loads the configuration; NULL with every problem in *cause.  The
 * file's text is kept in *text (NULL for the built-in defaults): it is
 * what the daemon takes along when it rests (rest.h). */
static struct cfg *
load_config(const char *path, int explicit, const char *state_dir,
    char **text, char **cause)
{
	struct cfg	*cfg;
	size_t		 len;
	char		*why = NULL;
	int		 fd;

	*text = NULL;
	if (!explicit && access(path, F_OK) == -1 && errno == ENOENT)
		return cfg_load(NULL, state_dir, cause);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		set_cause(cause, "%s: cannot read: %s", path, strerror(errno));
		return NULL;
	}
	*text = fd_read_all(fd, CONF_MAX, &len, &why);
	close(fd);
	if (*text == NULL) {
		set_cause(cause, "%s: cannot read: %s", path, why);
		free(why);
		return NULL;
	}
	if ((cfg = cfg_load_text(path, *text, state_dir, cause)) == NULL) {
		free(*text);
		*text = NULL;
	}
	return cfg;
}

static void
add_problem(struct buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
add_problem(struct buf *b, const char *fmt, ...)
{
	va_list	 ap;
	char	*s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	buf_printf(b, "%s%s", b->len ? "\n" : "", s);
	free(s);
}

/* A secret file must be readable (secret.h wipes it at once). */
static void
check_secret(struct buf *b, const char *key, const char *path)
{
	char	*why = NULL;

	if (secret_check_file(path, &why) == -1) {
		add_problem(b, "%s: %s", key, why);
		free(why);
	}
}

/*
 * Beyond what cfg_load checks: every template renders in every language
 * and the secret files are readable.  0, or -1 with all problems in
 * *cause, one per line.
 */
static int
validate(const struct cfg *cfg, char **cause)
{
	struct buf	 b;
	char		*why = NULL;

	buf_init(&b);
	if (tmpl_catalogue_check(cfg->templates, &why) == -1) {
		add_problem(&b, "%s", why);
		free(why);
		why = NULL;
	}
	if (cfg->outgoing == CFG_OUT_SMTP)
		check_secret(&b, "outgoing.smtp.password_file",
		    cfg->smtp.password_file);
	if (cfg->intake == CFG_INTAKE_IMAP) {
		check_secret(&b, "intake.imap.password_file",
		    cfg->imap.password_file);
		check_secret(&b, "intake.imap.oauth2_token_file",
		    cfg->imap.oauth2_token_file);
	}
	if (cfg->org_logo != NULL && letter_logo_check(cfg->org_logo,
	    &why) == -1) {
		add_problem(&b, "%s", why);
		free(why);
		why = NULL;
	}
	if (officer_key_check(cfg, &why) == -1) {
		add_problem(&b, "%s", why);
		free(why);
		why = NULL;
	}
	return buf_to_cause(&b, cause);
}

/* Creates the state directory and opens (migrates) the database. */
static struct store *
open_store(const struct cfg *cfg, char **cause)
{
	umask(077);
	if (mkdir_p(cfg->state_dir, 0700, cause) == -1)
		return NULL;
	return store_open(cfg->database, (int)cfg->busy_timeout_ms, cause);
}

static int
open_state(struct klacht *k)
{
	char	*why = NULL;

	if ((k->st = open_store(k->cfg, &why)) == NULL) {
		log_err("%s", why);
		free(why);
		return EX_TEMPFAIL;
	}
	return 0;
}

/*
 * The daemon's open: while the database is only busy (another process
 * holds its lock past busy_timeout: a backup, an admin's sqlite3 shell,
 * a long klachtctl purge) or the disk is full, it waits and tries again,
 * with a growing pause up to OPEN_RETRY_MAX, instead of exiting and
 * leaving the retrying to whoever started it.  systemd's start timeout
 * is extended meanwhile.  Anything else (an unwritable directory, a
 * damaged file, a schema from a newer klachtd) ends it at once.  k->st
 * is NULL after a failure, and after a stop signal (then EX_OK).
 */
#define OPEN_RETRY_MAX	30	/* seconds between attempts, at most */
#define OPEN_LOG_EVERY	300	/* seconds between "still waiting" lines */

static int
open_state_waiting(struct klacht *k)
{
	struct timespec	 ts;
	char		*why = NULL;
	int64_t		 pause = 1, waited = 0, next_log = 0;
	int		 kind;

	for (;;) {
		errno = 0;
		if ((k->st = open_store(k->cfg, &why)) != NULL)
			break;
		kind = errno;
		if (kind == EAGAIN && got_stop) {
			log_info("stopping on signal, the database never "
			    "opened: %s", why);
			free(why);
			return EX_OK;
		}
		if (kind != EAGAIN) {
			log_err("%s", why);
			free(why);
			return EX_TEMPFAIL;
		}
		if (waited >= next_log) {
			log_warn("%s; waiting for the database (next attempt in "
			    "%llds)", why, (long long)pause);
			next_log = waited + OPEN_LOG_EVERY;
		}
		notify("STATUS=waiting for the database: %s\n"
		    "EXTEND_TIMEOUT_USEC=%llu", why,
		    (unsigned long long)(pause + 10) * 1000000);
		free(why);
		why = NULL;
		ts.tv_sec = (time_t)pause;
		ts.tv_nsec = 0;
		nanosleep(&ts, NULL);	/* a signal cuts it short */
		waited += pause;
		pause = pause * 2 > OPEN_RETRY_MAX ? OPEN_RETRY_MAX : pause * 2;
	}
	if (waited > 0)
		log_notice("database %s open after waiting about %llds",
		    k->cfg->database, (long long)waited);
	return 0;
}

static int
do_deliver(struct klacht *k)
{
	struct intake_result	 res;
	char			*raw, *why = NULL;
	size_t			 len;
	enum kres		 r;
	int			 ex;

	/* A full disk or a file size limit must be an error we can answer
	 * with EX_TEMPFAIL, not a signal that kills us. */
	signal(SIGXFSZ, SIG_IGN);
	signal(SIGPIPE, SIG_IGN);
	raw = fd_read_all(STDIN_FILENO, k->cfg->max_message_size, &len, &why);
	if (raw == NULL) {
		int too_big = errno == EFBIG;
		log_err("deliver: %s", why);
		free(why);
		return too_big ? EX_DATAERR : EX_TEMPFAIL;
	}
	if (len == 0) {
		log_err("deliver: no message on standard input");
		free(raw);
		return EX_NOINPUT;
	}
	if ((ex = open_state(k)) != 0) {
		free(raw);
		return ex;
	}
	r = intake_message(k, "pipe", NULL, raw, len, &res, &why);
	free(raw);
	if (r != KR_OK) {
		log_err("deliver: %s failure, the MTA should retry: %s",
		    kres_name(r), why);
		free(why);
		return EX_TEMPFAIL;
	}
	/* Committed: a running daemon sends what we queued now. */
	wake_send(k->cfg->state_dir);
	return EX_OK;
}

/* Logs a multi-line cause one line at a time. */
static void
log_lines(const char *prefix, const char *text)
{
	const char	*p = text, *nl;

	while (p != NULL && *p != '\0') {
		nl = strchr(p, '\n');
		log_err("%s%.*s", prefix, nl ? (int)(nl - p) : (int)strlen(p),
		    p);
		p = nl ? nl + 1 : NULL;
	}
}

/*
 * SIGHUP: the new configuration is loaded and checked beside the one in
 * force; it replaces it only when it is valid (and its database, if it
 * names another one, opens).  Either way the log says what happened.
 */
static void
reload(struct daemon *d)
{
	struct cfg	*cfg, *old = d->k.cfg;
	struct store	*st = NULL;
	const char	*name = d->conf_path;
	char		*why = NULL, *changes, *text;

	log_info("reload: reading %s", name);
	if ((cfg = load_config(d->conf_path, d->explicit, d->state_dir,
	    &text, &why)) == NULL || validate(cfg, &why) == -1) {
		log_err("reload: %s is not valid; keeping the running "
		    "configuration:", name);
		log_lines("reload:   ", why);
		free(why);
		free(text);
		cfg_free(cfg);
		return;
	}
	if (strcmp(cfg->database, old->database) != 0) {
		if ((st = open_store(cfg, &why)) == NULL) {
			log_err("reload: cannot open the new database, keeping "
			    "the running configuration: %s", why);
			free(why);
			free(text);
			cfg_free(cfg);
			return;
		}
		log_notice("reload: database %s -> %s", old->database,
		    cfg->database);
		store_close(d->k.st);
		d->k.st = st;
	}
	changes = cfg_changes(old, cfg);
	if (changes != NULL)
		log_notice("reload: configuration %s loaded; changed: %s", name,
		    changes);
	else
		log_notice("reload: configuration %s loaded; nothing changed",
		    name);
	free(changes);
	d->k.cfg = cfg;
	free(d->conf_text);
	d->conf_text = text;
	cfg_apply_timezone(cfg);
	/* The key may have changed with the file or on disk: read it again.
	 * Without it the jobs retry as before (each asks klacht_key). */
	if (klacht_key_reload(&d->k, &why) == -1) {
		log_err("reload: %s", why);
		free(why);
	}
	jobs_reload(&d->k, &d->j);
	cfg_free(old);
}

/* Sends STATUS= with the counts when they changed (at most every
 * STATUS_EVERY_MS, or at once when force is set). */
static void
update_status(struct daemon *d, int force)
{
	int64_t	 open_cases, queued, failed, quarantined;
	char	*why = NULL, *s;

	if (!force && (uint64_t)mono_ms() < d->next_status)
		return;
	d->next_status = (uint64_t)mono_ms() + STATUS_EVERY_MS;
	if (store_counts(d->k.st, &open_cases, &queued, &failed, &quarantined,
	    &why) != KR_OK) {
		log_debug("status: %s", why);
		free(why);
		return;
	}
	s = xasprintf("%lld open case%s, %lld mail queued, %lld failed, "
	    "%lld quarantined", (long long)open_cases, open_cases == 1 ? "" :
	    "s", (long long)queued, (long long)failed,
	    (long long)quarantined);
	if (force || d->status == NULL || strcmp(s, d->status) != 0) {
		notify("STATUS=%s", s);
		free(d->status);
		d->status = s;
	} else
		free(s);
}

static void
watchdog(struct daemon *d)
{
	uint64_t	now;

	now = (uint64_t)mono_ms();
	if (d->watchdog_ms == 0 || now < d->next_watchdog)
		return;
	notify("WATCHDOG=1");
	d->next_watchdog = now + d->watchdog_ms;
}

/* Watches the intake Maildir (issue 17) when the configuration takes
 * mail from one; else, or when it cannot, the poll alone finds mail. */
static void
watch_intake(struct daemon *d)
{
	char	*why = NULL;

	if (d->watch_fd != -1)
		close(d->watch_fd);
	d->watch_fd = -1;
	if (d->k.cfg->intake != CFG_INTAKE_MAILDIR)
		return;
	/* A Maildir that does not exist yet (a first start) is made, as
	 * the first intake pass would, so that it can be watched. */
	if (maildir_create(d->k.cfg->intake_maildir, &why) == -1 ||
	    (d->watch_fd = wake_watch_maildir(d->k.cfg->intake_maildir,
	    &why)) == -1) {
		log_warn("%s; new mail is found by the poll, every %llds", why,
		    (long long)d->k.cfg->maildir_poll);
		free(why);
	}
}

/* Starts (again, after a reload) the IMAP watcher (imapidle.h) when the
 * configuration takes mail from IMAP. */
static void
watch_imap(struct daemon *d)
{
	imapidle_free(d->idle);
	d->idle = NULL;
	if (d->k.cfg->intake == CFG_INTAKE_IMAP)
		d->idle = imapidle_new(&d->k.cfg->imap, d->j.trace);
}

/* What the IMAP watcher found (new mail, or it is back after an
 * outage) makes the intake due at once. */
static void
imap_news(struct daemon *d, enum idle_news n)
{
	if (n != IDLE_NOTHING)
		d->j.next_intake = 0;
}

/* Sleeps until the next job is due, at most TICK_MAX_MS and never past
 * the next watchdog ping; a signal cuts it short, and so does a
 * delivery's wake-up or new mail in the watched Maildir: those make the
 * outbox, or the intake, due at once. */
static void
nap(struct daemon *d, int64_t wait_s)
{
	uint64_t	ms = wait_s <= 0 ? 0 : (uint64_t)wait_s * 1000, now;
	struct timespec	ts;
	struct pollfd	pfd[3];

	if (ms > TICK_MAX_MS)
		ms = TICK_MAX_MS;
	if (d->watchdog_ms != 0) {
		now = (uint64_t)mono_ms();
		if (d->next_watchdog <= now)
			ms = 0;
		else if (d->next_watchdog - now < ms)
			ms = d->next_watchdog - now;
	}
	if (ms == 0 || got_stop || got_hup)
		return;
	pfd[2].fd = imapidle_fd(d->idle);
	if (d->wake_fd == -1 && d->watch_fd == -1 && pfd[2].fd == -1) {
		ts.tv_sec = (time_t)(ms / 1000);
		ts.tv_nsec = (long)(ms % 1000) * 1000000;
		nanosleep(&ts, NULL);	/* EINTR on a signal: fine */
		return;
	}
	pfd[0].fd = d->wake_fd;
	pfd[1].fd = d->watch_fd;
	pfd[0].events = pfd[1].events = pfd[2].events = POLLIN;
	/* A negative fd is skipped by poll(); EINTR on a signal: fine. */
	if (poll(pfd, 3, (int)ms) <= 0)
		return;
	if (pfd[2].fd != -1 && pfd[2].revents != 0)
		imap_news(d, imapidle_input(d->idle));
	/* klachtd-deliver's WAKE_SPOOL: a message waits in the spool. */
	if (wake_drain_spool(d->wake_fd, &d->j.spool_due) > 0)
		d->j.next_outbox = 0;
	if (wake_drain(d->watch_fd) > 0)
		d->j.next_intake = 0;
}

/*
 * Memory the daemon can give back before it sleeps.  A batch of mail
 * fills SQLite's page cache (up to 2 MiB) and leaves free chunks in the
 * malloc heap that glibc keeps for the next batch; a long-running daemon
 * that sleeps most of the time holds them for nothing.  Both are cheap
 * to refill (the database pages come from the kernel's page cache), so
 * the steady memory is what the daemon needs while idle, not its
 * high-water mark.  Measured in bench/README ("Soak").
 */
static void
shed_memory(struct klacht *k)
{
	store_shrink(k->st);
#ifdef __GLIBC__
	/* Returns the free top of the heap and whole free pages inside it
	 * (madvise), not only what lies above M_TRIM_THRESHOLD. */
	malloc_trim(0);
#endif
}

/* For the "started" line: whether and when the daemon rests. */
static const char *
rest_note(const struct daemon *d)
{
	static char	note[96];

	if (d->rest_path == NULL || d->k.cfg->rest_after == 0)
		return "";
	if (d->k.cfg->intake == CFG_INTAKE_IMAP)
		return ", resident (IMAP)";
	snprintf(note, sizeof note, ", rests after %llds idle",
	    (long long)d->k.cfg->rest_after);
	return note;
}

/*
 * The rest (rest.h).  klachtd-rest is looked for beside this program (a
 * build tree, or both installed in one directory), then in
 * PKGLIBEXECDIR; without it the daemon stays resident, as it did before.
 * A program replaced on disk while it ran (an upgrade) reads as
 * "path (deleted)": the way back is the new one at the same path.
 */
static void
find_rest(struct daemon *d)
{
	static const char	 deleted[] = " (deleted)";
	ssize_t			 n;
	size_t			 len;
	char			*p, *slash;

	n = readlink("/proc/self/exe", d->self, sizeof d->self - 1);
	if (n <= 0) {
		log_debug("rest: cannot read /proc/self/exe: %s; staying "
		    "resident", strerror(errno));
		return;
	}
	d->self[n] = '\0';
	len = (size_t)n;
	if (len > sizeof deleted - 1 && strcmp(d->self + len -
	    (sizeof deleted - 1), deleted) == 0)
		d->self[len - (sizeof deleted - 1)] = '\0';
	if ((slash = strrchr(d->self, '/')) != NULL) {
		p = xasprintf("%.*s/%s", (int)(slash - d->self), d->self,
		    REST_PROGRAM);
		if (access(p, X_OK) == 0) {
			d->rest_path = p;
			return;
		}
		free(p);
	}
	p = xstrdup(PKGLIBEXECDIR "/" REST_PROGRAM);
	if (access(p, X_OK) == 0) {
		d->rest_path = p;
		return;
	}
	log_debug("rest: no %s beside %s or in %s; staying resident",
	    REST_PROGRAM, d->self, PKGLIBEXECDIR);
	free(p);
}

static int
readable(int fd)
{
	struct pollfd	pfd;

	if (fd == -1)
		return 0;
	pfd.fd = fd;
	pfd.events = POLLIN;
	return poll(&pfd, 1, 0) > 0;
}

/*
 * How long the daemon may rest now, in seconds; 0 when it may not: it
 * did work in the last daemon.rest_after seconds, something is due soon
 * or waiting, or a source needs the daemon itself (IMAP holds an IDLE
 * connection or polls; a Maildir without its watch, or deliveries
 * without the wake socket, are found only by polling).  The rest ends at
 * the next deadline scan, retention run or outbox retry.
 */
static int64_t
rest_seconds(struct daemon *d)
{
	const struct cfg	*cfg = d->k.cfg;
	int64_t			 now, until, at;
	char			*why = NULL;

	if (d->rest_path == NULL || d->rest_off || cfg->rest_after == 0 ||
	    cfg->intake == CFG_INTAKE_IMAP || d->wake_fd == -1 ||
	    (cfg->intake == CFG_INTAKE_MAILDIR && d->watch_fd == -1))
		return 0;
	if (mono_ms() - d->last_work_ms < cfg->rest_after * 1000)
		return 0;
	if (d->j.spool_due || d->j.intake_more || d->j.outbox_more ||
	    d->j.outbox.nunrecorded > 0 || readable(d->wake_fd) ||
	    readable(d->watch_fd))
		return 0;
	if (store_outbox_next(d->k.st, &at, &why) != KR_OK) {
		log_debug("rest: %s", why);
		free(why);
		return 0;
	}
	/* Mail that falls due before the next poll (a retry) is the
	 * outbox's next run, resting or not. */
	if (at != -1 && at < d->j.next_outbox)
		d->j.next_outbox = at;
	now = cal_now();
	until = d->j.next_deadline < d->j.next_retention ?
	    d->j.next_deadline : d->j.next_retention;
	/* Mail left in new/ by a temporary failure waits for the poll. */
	if (d->j.deferred && d->j.next_intake < until)
		until = d->j.next_intake;
	if (at != -1 && at < until)
		until = at;
	if (until - now < 2)
		return 0;	/* due at once: not worth two execs */
	return until - now > REST_MAX_S ? REST_MAX_S : until - now;
}

static void
set_cloexec(int fd, int on)
{
	int	fl;

	if (fd != -1 && (fl = fcntl(fd, F_GETFD)) != -1)
		fcntl(fd, F_SETFD, on ? fl | FD_CLOEXEC : fl & ~FD_CLOEXEC);
}

/*
 * Becomes klachtd-rest for at most secs seconds (rest.h): the database
 * is closed, the configuration in force goes along in a memory file, the
 * wake socket and the Maildir watch stay open across the exec.  Returns
 * only when that failed: then the daemon works on, resident (0), or
 * cannot (-1: its database does not open again).
 */
static int
go_rest(struct daemon *d, int64_t secs)
{
	struct klacht	*k = &d->k;
	const char	*argv[40 + 256];
	char		 n_secs[24], n_wake[16], n_watch[16], n_conf[16];
	char		 n_dog[24], n_ret[24], *why = NULL;
	const struct officer_key *key;
	int		 argc = 0, conf_fd = -1, i;

	if (d->conf_text != NULL && ((conf_fd = memfd_create("klachtd.conf",
	    0)) == -1 || safe_write_all(conf_fd, d->conf_text,
	    strlen(d->conf_text)) == -1)) {
		log_warn("rest: cannot keep the configuration in memory: %s; "
		    "staying resident", strerror(errno));
		if (conf_fd != -1)
			close(conf_fd);
		d->rest_off = 1;
		return 0;
	}
	argv[argc++] = REST_PROGRAM;
	argv[argc++] = REST_OPT_KLACHTD;
	argv[argc++] = d->self;
	argv[argc++] = "--state-dir";
	argv[argc++] = k->cfg->state_dir;
	snprintf(n_secs, sizeof n_secs, "%lld", (long long)secs);
	argv[argc++] = "--seconds";
	argv[argc++] = n_secs;
	snprintf(n_wake, sizeof n_wake, "%d", d->wake_fd);
	argv[argc++] = "--wake-fd";
	argv[argc++] = n_wake;
	if (d->watch_fd != -1) {
		snprintf(n_watch, sizeof n_watch, "%d", d->watch_fd);
		argv[argc++] = "--watch-fd";
		argv[argc++] = n_watch;
	}
	if (conf_fd != -1) {
		snprintf(n_conf, sizeof n_conf, "%d", conf_fd);
		argv[argc++] = "--conf-fd";
		argv[argc++] = n_conf;
	}
	if (d->watchdog_ms != 0) {
		snprintf(n_dog, sizeof n_dog, "%llu",
		    (unsigned long long)d->watchdog_ms);
		argv[argc++] = "--watchdog-ms";
		argv[argc++] = n_dog;
	}
	snprintf(n_ret, sizeof n_ret, "%lld", (long long)d->j.next_retention);
	argv[argc++] = "--retention";
	argv[argc++] = n_ret;
	if (d->use_syslog)
		argv[argc++] = "--syslog";
	if (d->verbose)
		argv[argc++] = "--verbose";
	argv[argc++] = "--";
	for (i = 0; i < d->nargs && i < 256; i++)
		argv[argc++] = d->args[i];
	argv[argc] = NULL;

	log_debug("rest: nothing to do for %llds; resting for at most %llds "
	    "(%s)", (long long)(mono_ms() - d->last_work_ms) / 1000,
	    (long long)secs, d->rest_path);
	update_status(d, 1);
	store_close(k->st);
	k->st = NULL;
	klacht_key_drop(k);
	set_cloexec(d->wake_fd, 0);
	set_cloexec(d->watch_fd, 0);
	rest_signals_block(1);	/* klachtd-rest unblocks them, handled */
	fault_point("rest-exec");
	execv(d->rest_path, (char **)argv);

	rest_signals_block(0);
	log_err("rest: cannot run %s: %s; staying resident", d->rest_path,
	    strerror(errno));
	d->rest_off = 1;
	set_cloexec(d->wake_fd, 1);
	set_cloexec(d->watch_fd, 1);
	if (conf_fd != -1)
		close(conf_fd);
	if (open_state_waiting(k) != 0 || k->st == NULL)
		return -1;
	if (klacht_key(k, &key, &why) == -1) {
		log_err("%s", why);
		free(why);
		return -1;
	}
	return 0;
}

static void
set_signals(void)
{
	struct sigaction	sa;

	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = on_stop;	/* no SA_RESTART: cut sleeps short */
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sa.sa_handler = on_hup;
	sigaction(SIGHUP, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	signal(SIGXFSZ, SIG_IGN);
	rest_signals_block(0);	/* blocked across an exec from klachtd-rest */
}

static int
do_run(struct daemon *d, int once)
{
	struct klacht	*k = &d->k;
	int		 ex;

	set_signals();
	/* --once is run by cron or by hand: it reports 75 and is done. */
	ex = once ? open_state(k) : open_state_waiting(k);
	if (k->st == NULL)
		return ex;	/* EX_OK: stopped while it waited */
	{
		const struct officer_key *key;
		char			 *why = NULL;

		/* The reply-token key is read once, here (and on SIGHUP), and
		 * made here when it is missing. */
		if (klacht_key(k, &key, &why) == -1) {
			log_err("%s", why);
			free(why);
			return EX_CONFIG;
		}
	}
	if (once) {
		int bad = jobs_intake(k, &d->j, &stop_flag) == -1;
		if (!stop_flag && jobs_deadlines(k, &d->j, &stop_flag) == -1)
			bad = 1;
		if (!stop_flag)
			jobs_retention(k, &d->j);
		/* Everything due goes out, in passes bounded by count and
		 * bytes (outbox.c), as the loop's ticks would send it. */
		do {
			if (!stop_flag && jobs_outbox(k, &d->j, &stop_flag) ==
			    -1)
				bad = 1;
		} while (!bad && !stop_flag && d->j.outbox_more);
		return bad ? EX_TEMPFAIL : EX_OK;
	}

#ifdef HAVE_SYSTEMD
	{
		uint64_t usec = 0;

		if (sd_watchdog_enabled(0, &usec) > 0 && usec > 0)
			d->watchdog_ms = usec / 2000 ? usec / 2000 : 1;
	}
#endif
	find_rest(d);
	if (d->resume.on) {
		/* Back from rest (rest.h): the descriptors came along; a
		 * SIGHUP that ended the rest is handled as one. */
		d->wake_fd = d->resume.wake_fd;
		d->watch_fd = d->resume.watch_fd;
		set_cloexec(d->wake_fd, 1);
		set_cloexec(d->watch_fd, 1);
		d->j.next_retention = d->resume.retention;
		d->last_work_ms = mono_ms() - k->cfg->rest_after * 1000;
		log_debug("rest: back (%s)", d->resume.why);
		if (strcmp(d->resume.why, "hup") == 0)
			got_hup = 1;
	} else {
		char *why = NULL;

		if ((d->wake_fd = wake_listen(k->cfg->state_dir, &why)) ==
		    -1) {
			log_warn("%s; what deliveries queue goes out at the "
			    "next poll, every %llds", why,
			    (long long)k->cfg->outbox_poll);
			free(why);
		}
		watch_intake(d);
		d->last_work_ms = mono_ms();
	}
	watch_imap(d);
	if (!d->resume.on) {
		log_info("started: intake %s, outgoing %s, database %s%s%s%s%s",
		    k->cfg->intake == CFG_INTAKE_IMAP ? k->cfg->imap.url :
		    k->cfg->intake == CFG_INTAKE_MAILDIR ?
		    k->cfg->intake_maildir : "none",
		    k->cfg->outgoing == CFG_OUT_SMTP ? k->cfg->smtp.url :
		    k->cfg->out_maildir, k->cfg->database,
		    d->wake_fd != -1 ? ", woken by deliveries" : "",
		    d->watch_fd != -1 ? ", Maildir watched" : "",
		    d->watchdog_ms ? ", watchdog on" : "",
		    rest_note(d));
		notify("READY=1");
	}
	update_status(d, 1);
	watchdog(d);

	while (!got_stop) {
		if (got_hup) {
			got_hup = 0;
			notify("RELOADING=1");
			/* The watcher borrows the old configuration. */
			imapidle_free(d->idle);
			d->idle = NULL;
			reload(d);
			watch_intake(d);
			watch_imap(d);
			notify("READY=1");
			update_status(d, 1);
		}
		int64_t wait = jobs_tick(k, &d->j, cal_now(), &stop_flag);
		if (got_stop)
			break;
		if (d->j.worked) {
			d->last_work_ms = mono_ms();
			d->j.worked = 0;
		}
		if (wait > 0)
			shed_memory(k);	/* it is going to sleep */
		update_status(d, 0);
		watchdog(d);
		imap_news(d, imapidle_tick(d->idle, d->j.imap.delay == 0));
		if (d->j.next_intake == 0)
			continue;	/* the watcher saw mail: take it */
		if (wait > 0 && !got_hup) {
			int64_t secs = rest_seconds(d);

			if (secs > 0 && go_rest(d, secs) == -1)
				return EX_TEMPFAIL;
		}
		nap(d, wait);
	}
	notify("STOPPING=1");
	log_info("stopping on signal");
	wake_close(d->wake_fd, k->cfg->state_dir);
	d->wake_fd = -1;
	if (d->watch_fd != -1)
		close(d->watch_fd);
	d->watch_fd = -1;
	imapidle_free(d->idle);
	d->idle = NULL;
	return EX_OK;
}

/* Parses REST_RESUME's value: why:W,wake:N,watch:N,conf:N,retention:T
 * (rest.h).  0, or -1 when it is not that. */
static int
parse_resume(struct daemon *d, const char *v)
{
	char		*copy, *tok, *save = NULL, *val, *end;
	long long	 n;
	int		 bad = 0;

	d->resume.on = 1;
	d->resume.wake_fd = d->resume.watch_fd = d->resume.conf_fd = -1;
	copy = xstrdup(v);
	for (tok = strtok_r(copy, ",", &save); tok != NULL && !bad;
	    tok = strtok_r(NULL, ",", &save)) {
		if ((val = strchr(tok, ':')) == NULL) {
			bad = 1;
			break;
		}
		*val++ = '\0';
		if (strcmp(tok, "why") == 0) {
			if (strcmp(val, "mail") != 0 && strcmp(val, "timer") !=
			    0 && strcmp(val, "hup") != 0)
				bad = 1;
			else
				snprintf(d->resume.why, sizeof d->resume.why,
				    "%s", val);
			continue;
		}
		errno = 0;
		n = strtoll(val, &end, 10);
		if (errno != 0 || *val == '\0' || *end != '\0' || n < 0)
			bad = 1;
		else if (strcmp(tok, "wake") == 0 && n <= INT_MAX)
			d->resume.wake_fd = (int)n;
		else if (strcmp(tok, "watch") == 0 && n <= INT_MAX)
			d->resume.watch_fd = (int)n;
		else if (strcmp(tok, "conf") == 0 && n <= INT_MAX)
			d->resume.conf_fd = (int)n;
		else if (strcmp(tok, "retention") == 0)
			d->resume.retention = n;
		else
			bad = 1;
	}
	free(copy);
	return bad || d->resume.why[0] == '\0' ? -1 : 0;
}

/* The configuration in force, as klachtd-rest kept it (rest.h). */
static struct cfg *
resume_config(struct daemon *d, char **cause)
{
	size_t	 len;
	char	*why = NULL;
	int	 fd = d->resume.conf_fd;

	if (fd == -1)
		return cfg_load(NULL, d->state_dir, cause);
	if (lseek(fd, 0, SEEK_SET) == -1 || (d->conf_text = fd_read_all(fd,
	    CONF_MAX, &len, &why)) == NULL) {
		set_cause(cause, "the configuration kept at rest (fd %d): %s",
		    fd, why ? why : strerror(errno));
		free(why);
		close(fd);
		return NULL;
	}
	close(fd);
	return cfg_load_text(d->conf_path, d->conf_text, d->state_dir, cause);
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "state-dir", required_argument, NULL, 's' },
		{ "check-config", no_argument, NULL, 'n' },
		{ "once", no_argument, NULL, '1' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "syslog", no_argument, NULL, 'S' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct daemon	 d;
	char		*why = NULL;
	int		 ch, check = 0, once = 0, verbose = 0, use_syslog = 0;
	int		 ex;
	uid_t		 uid;

	memset(&d, 0, sizeof d);
	d.wake_fd = d.watch_fd = -1;
	d.conf_path = cfg_default_path();
	if (argc > 1 && strncmp(argv[1], REST_RESUME, strlen(REST_RESUME)) ==
	    0) {
		if (parse_resume(&d, argv[1] + strlen(REST_RESUME)) == -1) {
			fprintf(stderr, "klachtd: bad %s (klachtd-rest passes "
			    "it; not for use by hand)\n", argv[1]);
			return EX_USAGE;
		}
		argv[1] = argv[0];
		argv++;
		argc--;
	}
	d.args = argv + 1;
	d.nargs = argc - 1;
	while ((ch = getopt_long(argc, argv, "c:s:n1vhV", longopts, NULL)) !=
	    -1) {
		switch (ch) {
		case 'c':
			d.conf_path = optarg;
			d.explicit = 1;
			break;
		case 's':
			d.state_dir = optarg;
			break;
		case 'n':
			check = 1;
			break;
		case '1':
			once = 1;
			break;
		case 'v':
			verbose++;
			break;
		case 'S':
			use_syslog = 1;
			break;
		case 'h':
			usage(stdout);
			return EX_OK;
		case 'V':
			printf("klachtd %s\n", PACKAGE_VERSION);
			return EX_OK;
		default:
			usage(stderr);
			return EX_USAGE;
		}
	}
	argc -= optind;
	argv += optind;
	if (argc > 1 || (argc == 1 && strcmp(argv[0], "deliver") != 0)) {
		fprintf(stderr, "klachtd: unknown command \"%s\"\n", argv[0]);
		usage(stderr);
		return EX_USAGE;
	}
	log_init("klachtd", use_syslog, verbose ? LOG_LVL_DEBUG :
	    LOG_LVL_INFO);
	d.j.trace = verbose > 1;
	d.verbose = verbose;
	d.use_syslog = use_syslog;
	if (d.resume.on && (argc != 0 || once || check)) {
		fprintf(stderr, "klachtd: %s is for the daemon's loop only\n",
		    REST_RESUME);
		return EX_USAGE;
	}

	if (d.resume.on)
		d.k.cfg = resume_config(&d, &why);
	else {
		if (!d.explicit && access(d.conf_path, F_OK) == -1 &&
		    errno == ENOENT)
			log_notice("no %s: using built-in defaults",
			    d.conf_path);
		d.k.cfg = load_config(d.conf_path, d.explicit, d.state_dir,
		    &d.conf_text, &why);
	}
	if (d.k.cfg == NULL) {
		fprintf(stderr, "%s\n", why);
		free(why);
		free(d.conf_text);
		return EX_CONFIG;
	}
	cfg_apply_timezone(d.k.cfg);
	if (check) {
		if (validate(d.k.cfg, &why) == -1) {
			fprintf(stderr, "%s\n", why);
			free(why);
			cfg_free(d.k.cfg);
			free(d.conf_text);
			return EX_CONFIG;
		}
		/* Not an error: most complainants have email. */
		if (d.k.cfg->print_address == NULL)
			fprintf(stderr, "warning: outgoing.print is not set: a "
			    "letter for a complainant without email cannot be "
			    "sent to the post room; it is kept as failed mail "
			    "(klachtctl outbox, klachtctl letter)\n");
		printf("%s: configuration OK\n", d.k.cfg->path ?
		    d.k.cfg->path : "(built-in defaults)");
		cfg_free(d.k.cfg);
		free(d.conf_text);
		return EX_OK;
	}
	/* The daemon refuses to start on what a reload would refuse; the
	 * pipe leaves that to the daemon and answers what it can. */
	if (argc == 0 && !d.resume.on && validate(d.k.cfg, &why) == -1) {
		log_lines("", why);
		log_err("configuration not valid: not starting");
		free(why);
		cfg_free(d.k.cfg);
		free(d.conf_text);
		return EX_CONFIG;
	}
	/* Run by hand as root on the klachtd user's state: become that user
	 * before anything is created there (privdrop.h). */
	if (privdrop_state_owner(d.k.cfg->state_dir, d.k.cfg->database, &uid,
	    &why) == -1) {
		log_err("%s", why);
		free(why);
		cfg_free(d.k.cfg);
		free(d.conf_text);
		return argc == 1 ? EX_TEMPFAIL : EX_NOPERM;
	}
	if (uid != (uid_t)-1)
		log_info("running as uid %lu, the owner of %s", (unsigned long)uid,
		    d.k.cfg->state_dir);
	mail_init();
	if (argc == 1)
		ex = do_deliver(&d.k);
	else
		ex = do_run(&d, once);
	jobs_close(&d.j);
	klacht_key_drop(&d.k);
	store_close(d.k.st);
	cfg_free(d.k.cfg);
	free(d.status);
	free(d.conf_text);
	free(d.rest_path);
	return ex;
}
