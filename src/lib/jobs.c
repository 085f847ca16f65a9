/*
 * jobs.c -- what the daemon does on each tick.  Each job is throttled by
 * its own next-run time, so a slow IMAP server never holds up the outbox.
 */
#include "config.h"

#include <stdlib.h>

#include "calendar.h"
#include "jobs.h"
#include "log.h"
#include "maildir.h"
#include "outbox.h"

#define MAILDIR_POLL	5	/* seconds between Maildir scans */
#define OUTBOX_POLL	5	/* seconds between outbox scans */
#define BATCH		200	/* messages per job run */

int
jobs_intake(struct klacht *k, struct jobs *j, volatile int *stop)
{
	struct maildir_stats	 ms;
	char			*why = NULL;

	(void)j;
	switch (k->cfg->intake) {
	case CFG_INTAKE_MAILDIR:
		if (maildir_intake(k, k->cfg->intake_maildir, BATCH, stop, &ms,
		    &why) == -1) {
			log_err("maildir intake: %s", why);
			free(why);
			return -1;
		}
		if (ms.seen > 0)
			log_info("maildir intake: %d message(s), %d done, %d "
			    "deferred", ms.seen, ms.done, ms.deferred);
		return 0;
	case CFG_INTAKE_IMAP:
		log_err("imap intake: not available in this build");
		return -1;
	case CFG_INTAKE_NONE:
		break;
	}
	return 0;
}

int
jobs_outbox(struct klacht *k, struct jobs *j, volatile int *stop)
{
	struct outbox_stats	 os;
	char			*why = NULL;

	if (outbox_run(k, BATCH, stop, j->trace, &os, &why) == -1) {
		log_err("outbox: %s", why);
		free(why);
		return -1;
	}
	if (os.sent + os.deferred + os.failed > 0)
		log_info("outbox: %d sent, %d deferred, %d failed", os.sent,
		    os.deferred, os.failed);
	return 0;
}

int64_t
jobs_tick(struct klacht *k, struct jobs *j, int64_t now, volatile int *stop)
{
	int64_t	next;

	if (now >= j->next_intake) {
		jobs_intake(k, j, stop);
		j->next_intake = cal_now() + (k->cfg->intake ==
		    CFG_INTAKE_IMAP ? k->cfg->imap.poll_interval :
		    MAILDIR_POLL);
		/* New mail usually means new acknowledgements: send now. */
		j->next_outbox = 0;
	}
	if (!*stop && now >= j->next_outbox) {
		jobs_outbox(k, j, stop);
		j->next_outbox = cal_now() + OUTBOX_POLL;
	}
	now = cal_now();
	next = j->next_intake < j->next_outbox ? j->next_intake :
	    j->next_outbox;
	return next > now ? next - now : 0;
}
