/*
 * fault.c -- fault injection points for the crash tests (a test hook).
 *
 * The syntax of KLACHTD_FAULT and the list of points are in fault.h.  The
 * variable is read once, on the first point passed; a malformed entry is
 * reported on stderr and ignored, so a typo in a test shows up in its log
 * rather than as a silently unarmed point.  Signals are raised with
 * raise(), and the message about it is written with write(2) first so
 * that it reaches the log even though the process dies at once.
 */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fault.h"

#define FAULT_MAX	16

struct fault_entry {
	char		 name[48];
	unsigned long	 at;		/* fire on this pass */
	unsigned long	 seen;		/* passes so far */
	int		 sig;
	int		 fired;
};

static struct fault_entry	fault_tab[FAULT_MAX];
static int			fault_n;
static int			fault_read;	/* KLACHTD_FAULT parsed */

static void
fault_say(const char *msg)
{
	ssize_t	w;

	w = write(STDERR_FILENO, msg, strlen(msg));
	(void)w;
}

/* Parses one "point:N[:action]" entry; 0 or -1. */
static int
fault_parse_entry(char *s, struct fault_entry *e)
{
	char		*count, *action, *end;
	unsigned long	 n;

	if ((count = strchr(s, ':')) == NULL)
		return -1;
	*count++ = '\0';
	if ((action = strchr(count, ':')) != NULL)
		*action++ = '\0';
	if (*s == '\0' || strlen(s) >= sizeof e->name)
		return -1;
	n = strtoul(count, &end, 10);
	if (*count == '\0' || *end != '\0' || n == 0)
		return -1;
	memset(e, 0, sizeof *e);
	snprintf(e->name, sizeof e->name, "%s", s);
	e->at = n;
	if (action == NULL || strcmp(action, "kill") == 0)
		e->sig = SIGKILL;
	else if (strcmp(action, "stop") == 0)
		e->sig = SIGSTOP;
	else if (strcmp(action, "term") == 0)
		e->sig = SIGTERM;
	else
		return -1;
	return 0;
}

static void
fault_init(void)
{
	const char	*env;
	char		*copy, *tok, *save = NULL;
	char		 msg[160];

	fault_read = 1;
	if ((env = getenv("KLACHTD_FAULT")) == NULL || *env == '\0')
		return;
	/* Plain strdup: this runs in tests only, and a failure just leaves
	 * the points unarmed, which the test then reports. */
	if ((copy = strdup(env)) == NULL)
		return;
	for (tok = strtok_r(copy, ",", &save); tok != NULL;
	    tok = strtok_r(NULL, ",", &save)) {
		if (fault_n == FAULT_MAX ||
		    fault_parse_entry(tok, &fault_tab[fault_n]) != 0) {
			snprintf(msg, sizeof msg, "klachtd: KLACHTD_FAULT: "
			    "ignoring entry \"%.60s\"\n", tok);
			fault_say(msg);
			continue;
		}
		fault_n++;
	}
	free(copy);
}

void
fault_point(const char *name)
{
	struct fault_entry	*e;
	char			 msg[160];
	int			 i;

	if (!fault_read)
		fault_init();
	for (i = 0; i < fault_n; i++) {
		e = &fault_tab[i];
		if (e->fired || strcmp(e->name, name) != 0)
			continue;
		if (++e->seen < e->at)
			continue;
		e->fired = 1;
		snprintf(msg, sizeof msg, "klachtd: fault injected: %s "
		    "(pass %lu): raising %s\n", name, e->seen,
		    e->sig == SIGKILL ? "SIGKILL" :
		    e->sig == SIGSTOP ? "SIGSTOP" : "SIGTERM");
		fault_say(msg);
		raise(e->sig);
	}
}
