/*
 * log.c -- levelled logging to stderr (journal-aware) or syslog.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include "log.h"
#include "util.h"

static const char	*log_name = "klachtd";
static int		 log_syslog;
static int		 log_journal;
static enum log_level	 log_level = LOG_LVL_INFO;

/*
 * Under systemd stderr is the journal: $JOURNAL_STREAM is "device:inode"
 * of that stream.  A child started from a service inherits the variable
 * with a different stderr, so it only counts when the two match.
 */
static int
stderr_is_journal(void)
{
	const char		*v = getenv("JOURNAL_STREAM");
	struct stat		 sb;
	unsigned long long	 dev, ino;

	if (v == NULL || sscanf(v, "%llu:%llu", &dev, &ino) != 2)
		return 0;
	if (fstat(STDERR_FILENO, &sb) == -1)
		return 0;
	return (unsigned long long)sb.st_dev == dev &&
	    (unsigned long long)sb.st_ino == ino;
}

void
log_init(const char *name, int to_syslog, enum log_level level)
{
	log_name = name;
	log_syslog = to_syslog;
	log_level = level;
	log_journal = stderr_is_journal();
	if (log_syslog)
		openlog(name, LOG_PID | LOG_NDELAY, LOG_MAIL);
}

void
log_set_level(enum log_level level)
{
	log_level = level;
}

int
log_get_level(void)
{
	return (int)log_level;
}

void
log_set_journal(int on)
{
	log_journal = on;
}

static void
log_vwrite(enum log_level level, const char *fmt, va_list ap)
{
	static const char *names[] = { "", "", "", "error", "warning",
	    "notice", "info", "debug" };
	char	*msg;

	if ((int)level > (int)log_level)
		return;
	msg = xvasprintf(fmt, ap);
	if (log_syslog)
		syslog((int)level, "%s", msg);
	else if (log_journal)
		fprintf(stderr, "<%d>%s\n", (int)level, msg);
	else
		fprintf(stderr, "%s: %s: %s\n", log_name, names[level], msg);
	free(msg);
}

#define LOG_FN(fn, lvl)						\
void								\
fn(const char *fmt, ...)					\
{								\
	va_list ap;						\
	va_start(ap, fmt);					\
	log_vwrite(lvl, fmt, ap);				\
	va_end(ap);						\
}
LOG_FN(log_err, LOG_LVL_ERR)
LOG_FN(log_warn, LOG_LVL_WARN)
LOG_FN(log_notice, LOG_LVL_NOTICE)
LOG_FN(log_info, LOG_LVL_INFO)
LOG_FN(log_debug, LOG_LVL_DEBUG)

void
log_audit(const char *fmt, ...)
{
	va_list	 ap;
	char	*msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	log_notice("%s", msg);
	if (!log_syslog && !log_journal) {
		openlog(log_name, LOG_PID, LOG_MAIL);
		syslog(LOG_NOTICE, "%s", msg);
		closelog();
	}
	free(msg);
}

void
fatalx(int code, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	log_vwrite(LOG_LVL_ERR, fmt, ap);
	va_end(ap);
	exit(code);
}
