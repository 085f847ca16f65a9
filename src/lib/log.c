/*
 * log.c -- levelled logging to stderr (journal-aware) or syslog.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include "log.h"
#include "util.h"

static const char	*log_name = "klachtd";
static int		 log_syslog;
static int		 log_journal;
static enum log_level	 log_level = LOG_LVL_INFO;

void
log_init(const char *name, int to_syslog, enum log_level level)
{
	log_name = name;
	log_syslog = to_syslog;
	log_level = level;
	/* Under systemd stderr is the journal: use its priority prefixes. */
	log_journal = getenv("JOURNAL_STREAM") != NULL;
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
fatalx(int code, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	log_vwrite(LOG_LVL_ERR, fmt, ap);
	va_end(ap);
	exit(code);
}
