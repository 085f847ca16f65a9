/*
 * jobs.c -- what the daemon does on each tick.  Each job is throttled by
 * its own next-run time, so a slow IMAP server never holds up the outbox.
 */
#include "config.h"

#include <stdlib.h>

#include "calendar.h"
#include "defaults.h"
#include "escalate.h"
#include "imapsrc.h"
#include "jobs.h"
#include "log.h"
#include "maildir.h"
#include "outbox.h"
#include "privacy.h"
#include "util.h"

#define BATCH		200	/* messages per job run */
#define IMAP_BATCH	1000	/* IMAP messages per pass (one login) */
/* As many as one IMAP pass takes in, so that in a backlog every pass in
 * is followed by a pass out of the same size and acknowledgements keep
 * up (200 let them lag 400 s behind 100,000 complaints). */
#define OUTBOX_BATCH	IMAP_BATCH
#define DEADLINE_POLL	60	/* seconds between deadline scans */
#define RETENTION_POLL	CAL_DAY	/* the retention purge runs daily */
#define RETENTION_BATCH	200	/* cases per run; more: again in a minute */

int
jobs_spool(struct klacht *k, struct jobs *j, volatile int *stop)
{
	struct maildir_stats	 ms;
	char			*dir, *why = NULL;
	int			 rc;

	j->spool_due = 0;
	dir = xasprintf("%s/%s", k->cfg->state_dir, KL_SPOOL_DIR);
	rc = maildir_intake_as(k, dir, "pipe", BATCH, stop, &ms, &why);
	if (rc == -1) {
		log_err("spool: %s", why);
		free(why);
	} else {
		if (ms.seen > 0) {
			log_info("spool: %d message(s), %d done, %d deferred",
			    ms.seen, ms.done, ms.deferred);
			j->worked = 1;
		}
		if (ms.deferred > 0)
			j->deferred = 1;
		/* A full batch: more may wait; the next tick takes them. */
		if (ms.seen >= BATCH)
			j->spool_due = 1;
		rc = ms.done > 0;
	}
	free(dir);
	return rc;
}

int
jobs_intake(struct klacht *k, struct jobs *j, volatile int *stop)
{
	struct maildir_stats	 ms;
	char			*why = NULL;
	int			 spool_bad;

	j->deferred = 0;	/* this pass finds out again */
	/* What klachtd-deliver spooled, whatever the intake. */
	spool_bad = jobs_spool(k, j, stop) == -1;
	if (stop != NULL && *stop)
		return spool_bad ? -1 : 0;
	switch (k->cfg->intake) {
	case CFG_INTAKE_MAILDIR:
		if (maildir_intake(k, k->cfg->intake_maildir, BATCH, stop, &ms,
		    &why) == -1) {
			log_err("maildir intake: %s", why);
			free(why);
			return -1;
		}
		if (ms.seen > 0) {
			log_info("maildir intake: %d message(s), %d done, %d "
			    "deferred", ms.seen, ms.done, ms.deferred);
			j->worked = 1;
		}
		if (ms.deferred > 0)
			j->deferred = 1;
		j->intake_more = ms.seen >= BATCH;
		return spool_bad ? -1 : 0;
	case CFG_INTAKE_IMAP:
		/* Backs off by itself after a failure (returning 0 at once
		 * while it waits) and logs each kind of failure once. */
		{
			int rc = imapsrc_intake(k, &j->imap, cal_now(),
			    IMAP_BATCH, j->trace, stop);
			j->intake_more = j->imap.more;
			return spool_bad ? -1 : rc;
		}
	case CFG_INTAKE_NONE:
		break;
	}
	return spool_bad ? -1 : 0;
}

int
jobs_outbox(struct klacht *k, struct jobs *j, volatile int *stop)
{
	struct outbox_stats	 os;
	char			*why = NULL;

	j->outbox_more = 0;
	if (outbox_run(k, &j->outbox, OUTBOX_BATCH, stop, j->trace, &os,
	    &why) == -1) {
		log_err("outbox: %s", why);
		free(why);
		return -1;
	}
	if (os.sent + os.deferred + os.failed > 0) {
		log_info("outbox: %d sent, %d deferred, %d failed%s", os.sent,
		    os.deferred, os.failed, os.more ? ", more due" : "");
		j->worked = 1;
	}
	j->outbox_more = os.more;
	return 0;
}

int
jobs_deadlines(struct klacht *k, struct jobs *j, volatile int *stop)
{
	struct escalate_stats	 es;
	char			*why = NULL;

	if (escalate_run(k, cal_now(), 0, stop, &es, &why) == -1) {
		log_err("%s", why);
		free(why);
		return -1;
	}
	if (es.mails + es.digests + es.satisfaction > 0 || es.rearmed > 0)
		log_info("deadlines: %d case(s) looked at, %d reminder or "
		    "escalation mail(s), %d digest(s), %d satisfaction "
		    "question(s)", es.examined, es.mails, es.digests,
		    es.satisfaction);
	if (es.mails + es.digests + es.satisfaction > 0)
		j->worked = 1;
	return es.mails + es.digests + es.satisfaction > 0;
}

int
jobs_retention(struct klacht *k, struct jobs *j)
{
	struct purge_stats	 ps;
	char			*why = NULL;

	/* A bounded batch: after a long time without purging (or an
	 * upgrade) the rest follows in the next runs, mail keeps flowing. */
	if (privacy_purge(k, cal_now(), 0, RETENTION_BATCH, NULL, NULL, &ps,
	    &why) != KR_OK) {
		log_err("retention: %s", why);
		free(why);
		return -1;
	}
	if (ps.cases > 0) {
		log_info("retention: %d case(s) anonymised%s", ps.cases,
		    ps.more ? ", more to come" : "");
		j->worked = 1;
	}
	return ps.more;
}

int64_t
jobs_tick(struct klacht *k, struct jobs *j, int64_t now, volatile int *stop)
{
	int64_t	next;

	if (now >= j->next_intake) {
		jobs_intake(k, j, stop);
		/* A batch that stopped at its limit left mail waiting: take
		 * the next one on the next tick, after the outbox ran. */
		j->next_intake = j->intake_more ? cal_now() : cal_now() +
		    (k->cfg->intake == CFG_INTAKE_IMAP ?
		    k->cfg->imap.poll_interval : k->cfg->maildir_poll);
		/* New mail usually means new acknowledgements: send now. */
		j->next_outbox = 0;
	} else if (j->spool_due && jobs_spool(k, j, stop) == 1)
		j->next_outbox = 0;	/* woken by klachtd-deliver */
	if (!*stop && now >= j->next_deadline) {
		/* Mail the scan queues goes out in the same tick. */
		if (jobs_deadlines(k, j, stop) == 1)
			j->next_outbox = 0;
		j->next_deadline = cal_now() + DEADLINE_POLL;
	}
	if (!*stop && now >= j->next_retention) {
		j->next_retention = cal_now() + (jobs_retention(k, j) == 1 ?
		    60 : RETENTION_POLL);
	}
	if (!*stop && now >= j->next_outbox) {
		jobs_outbox(k, j, stop);
		/* Mail still due: again on the next tick, after intake. */
		j->next_outbox = cal_now() + (j->outbox_more ? 0 :
		    k->cfg->outbox_poll);
	}
	now = cal_now();
	next = j->next_intake < j->next_outbox ? j->next_intake :
	    j->next_outbox;
	if (j->next_deadline < next)
		next = j->next_deadline;
	if (j->spool_due)
		next = now;
	return next > now ? next - now : 0;
}

void
jobs_reload(struct klacht *k, struct jobs *j)
{
	(void)k;
	j->next_intake = 0;
	j->next_outbox = 0;
	j->next_deadline = 0;
	j->next_retention = 0;	/* the terms may have changed */
	/* A new password or server deserves a try now, not after the
	 * backoff earned by the old one. */
	j->imap.next_try = 0;
	j->imap.delay = 0;
}

void
jobs_close(struct jobs *j)
{
	outbox_state_free(&j->outbox);
}
