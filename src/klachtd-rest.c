/*
 * klachtd-rest -- the daemon at rest (issue 17; the protocol is in
 * rest.h).  klachtd execs this program when it has had nothing to do
 * for a while; it waits, in klachtd's process, for mail, a timer or a
 * signal, and execs klachtd again.  It links libc and libsystemd only,
 * so the resting daemon costs a few MB of memory instead of twenty.
 *
 * Never run by hand: without REST_OPT_KLACHTD it explains and exits 64.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>
#include <unistd.h>

#ifdef HAVE_SYSTEMD
#include <systemd/sd-daemon.h>
#endif

#include "fault.h"
#include "log.h"
#include "rest.h"
#include "util.h"
#include "wake.h"

static volatile sig_atomic_t	got_stop;
static volatile sig_atomic_t	got_hup;

/* What klachtd handed over. */
struct rest {
	const char	*klachtd;	/* the program to go back to */
	const char	*state_dir;	/* for the wake socket's path */
	long long	 seconds;	/* the longest rest */
	int		 wake_fd, watch_fd, conf_fd;
	long long	 watchdog_ms;	/* 0: no watchdog */
	long long	 retention;	/* passed back as it came */
	char	       **args;		/* klachtd's argv[1..] */
	int		 nargs;
};

/* log.c's only need from util.c, which links GLib: not here. */
char *
xvasprintf(const char *fmt, va_list ap)
{
	char	*s;

	if (vasprintf(&s, fmt, ap) == -1) {
		fputs("klachtd: out of memory\n", stderr);
		exit(EX_OSERR);
	}
	return s;
}

static void
on_stop(int sig)
{
	(void)sig;
	got_stop = 1;
}

static void
on_hup(int sig)
{
	(void)sig;
	got_hup = 1;
}

static int64_t
now_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void
notify(const char *s)
{
#ifdef HAVE_SYSTEMD
	(void)sd_notify(0, s);
#else
	(void)s;
#endif
}

/* Execs klachtd with why; returns only when that failed. */
static void
back_to_work(const struct rest *r, const char *why)
{
	char	resume[160], *argv[256];
	int	argc = 0, i, n;

	n = snprintf(resume, sizeof resume, REST_RESUME "why:%s", why);
	if (r->wake_fd != -1)
		n += snprintf(resume + n, sizeof resume - (size_t)n,
		    ",wake:%d", r->wake_fd);
	if (r->watch_fd != -1)
		n += snprintf(resume + n, sizeof resume - (size_t)n,
		    ",watch:%d", r->watch_fd);
	if (r->conf_fd != -1)
		n += snprintf(resume + n, sizeof resume - (size_t)n,
		    ",conf:%d", r->conf_fd);
	snprintf(resume + n, sizeof resume - (size_t)n, ",retention:%lld",
	    r->retention);
	argv[argc++] = (char *)"klachtd";
	argv[argc++] = resume;
	for (i = 0; i < r->nargs && argc < 255; i++)
		argv[argc++] = r->args[i];
	argv[argc] = NULL;
	log_debug("rest: %s, back to work (%s)", why, r->klachtd);
	rest_signals_block(1);	/* klachtd unblocks them with its handlers */
	fault_point("rest-back");
	execv(r->klachtd, argv);
	rest_signals_block(0);
	log_err("rest: cannot go back to work: %s: %s", r->klachtd,
	    strerror(errno));
}

static int
rest(const struct rest *r)
{
	struct pollfd	pfd[2];
	struct timespec	ts;
	sigset_t	open_mask;
	int64_t		until, next_dog, now, ms;

	sigprocmask(SIG_SETMASK, NULL, &open_mask);
	sigdelset(&open_mask, SIGTERM);
	sigdelset(&open_mask, SIGINT);
	sigdelset(&open_mask, SIGHUP);

	now = now_ms();
	until = now + r->seconds * 1000;
	next_dog = r->watchdog_ms > 0 ? now : INT64_MAX;
	log_debug("rest: at rest for at most %llds", r->seconds);
	pfd[0].fd = r->wake_fd;
	pfd[1].fd = r->watch_fd;
	pfd[0].events = pfd[1].events = POLLIN;
	for (;;) {
		if (got_stop) {
			notify("STOPPING=1");
			log_info("stopping on signal");
			if (r->wake_fd != -1) {
				char path[PATH_MAX];

				snprintf(path, sizeof path, "%s/%s",
				    r->state_dir, WAKE_SOCKET);
				unlink(path);
			}
			return EX_OK;
		}
		if (got_hup) {
			back_to_work(r, "hup");
			return EX_OSERR;
		}
		now = now_ms();
		if (now >= next_dog) {
			notify("WATCHDOG=1");
			next_dog = now + r->watchdog_ms;
		}
		if (now >= until) {
			back_to_work(r, "timer");
			return EX_OSERR;
		}
		ms = until - now;
		if (next_dog - now < ms)
			ms = next_dog - now;
		ts.tv_sec = (time_t)(ms / 1000);
		ts.tv_nsec = (long)(ms % 1000) * 1000000;
		/* The signals are blocked but inside ppoll(): one that comes
		 * between the checks above and the wait (or came during the
		 * exec) cuts the wait short instead of waiting out the rest.
		 * What is readable stays unread: klachtd takes it. */
		if (ppoll(pfd, 2, &ts, &open_mask) > 0 &&
		    ((pfd[0].fd != -1 && pfd[0].revents != 0) ||
		    (pfd[1].fd != -1 && pfd[1].revents != 0))) {
			back_to_work(r, "mail");
			return EX_OSERR;
		}
	}
}

static long long
number(const char *opt, const char *s, long long min, long long max)
{
	char		*end;
	long long	 v;

	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno != 0 || *s == '\0' || *end != '\0' || v < min || v > max) {
		fprintf(stderr, REST_PROGRAM ": %s: bad number \"%s\"\n", opt,
		    s);
		exit(EX_USAGE);
	}
	return v;
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "klachtd", required_argument, NULL, 'k' },
		{ "state-dir", required_argument, NULL, 's' },
		{ "seconds", required_argument, NULL, 't' },
		{ "wake-fd", required_argument, NULL, 'w' },
		{ "watch-fd", required_argument, NULL, 'i' },
		{ "conf-fd", required_argument, NULL, 'c' },
		{ "watchdog-ms", required_argument, NULL, 'd' },
		{ "retention", required_argument, NULL, 'r' },
		{ "syslog", no_argument, NULL, 'S' },
		{ "verbose", no_argument, NULL, 'v' },
		{ NULL, 0, NULL, 0 }
	};
	struct rest		r;
	struct sigaction	sa;
	int			ch, use_syslog = 0, verbose = 0;

	memset(&r, 0, sizeof r);
	r.wake_fd = r.watch_fd = r.conf_fd = -1;
	r.seconds = 60;
	while ((ch = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (ch) {
		case 'k': r.klachtd = optarg; break;
		case 's': r.state_dir = optarg; break;
		case 't': r.seconds = number("--seconds", optarg, 1,
		    REST_MAX_S); break;
		case 'w': r.wake_fd = (int)number("--wake-fd", optarg, 0,
		    INT_MAX); break;
		case 'i': r.watch_fd = (int)number("--watch-fd", optarg, 0,
		    INT_MAX); break;
		case 'c': r.conf_fd = (int)number("--conf-fd", optarg, 0,
		    INT_MAX); break;
		case 'd': r.watchdog_ms = number("--watchdog-ms", optarg, 0,
		    INT64_MAX / 2); break;
		case 'r': r.retention = number("--retention", optarg, 0,
		    INT64_MAX); break;
		case 'S': use_syslog = 1; break;
		case 'v': verbose = 1; break;
		default:
			return EX_USAGE;
		}
	}
	if (r.klachtd == NULL || r.state_dir == NULL) {
		fprintf(stderr, REST_PROGRAM ": the resting klachtd, started "
		    "by klachtd itself (see klachtd(8)); not for use by "
		    "hand\n");
		return EX_USAGE;
	}
	r.args = argv + optind;
	r.nargs = argc - optind;
	log_init("klachtd", use_syslog, verbose ? LOG_LVL_DEBUG :
	    LOG_LVL_INFO);

	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = on_stop;	/* no SA_RESTART: cut poll() short */
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sa.sa_handler = on_hup;
	sigaction(SIGHUP, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	/* klachtd blocked them across the exec; they stay blocked except
	 * inside ppoll() (rest()). */
	rest_signals_block(1);
	return rest(&r);
}
