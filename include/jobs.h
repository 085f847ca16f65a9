/*
 * jobs.h -- the periodic jobs of the daemon (intake, outbox), shared by
 * `klachtd --once` and the daemon's loop.
 */
#ifndef KLACHT_JOBS_H
#define KLACHT_JOBS_H

#include <stdint.h>

#include "imapsrc.h"
#include "klacht.h"
#include "outbox.h"

struct jobs {
	int	 intake_more;	/* last intake pass stopped at its limit */
	int	 outbox_more;	/* last outbox pass left mail due */
	int64_t	 next_intake;
	int64_t	 next_outbox;
	int64_t	 next_deadline;	/* the deadline scan (escalate.h) */
	int64_t	 next_retention; /* the daily retention purge (privacy.h) */
	int	 trace;
	struct imapsrc_link imap; /* IMAP health and backoff */
	struct outbox_state outbox; /* what the outbox keeps between passes */
	int	 spool_due;	/* klachtd-deliver spooled mail (WAKE_SPOOL) */
	int	 deferred;	/* the last spool or Maildir pass left mail
				 * in new/ (temporary failure): only the
				 * poll retries it, no event will come */
	int	 worked;	/* a job found something to do (the daemon
				 * clears it; it rests after none, rest.h) */
};

/* Runs the intake job (Maildir or IMAP).  0, or -1 when the source could
 * not be read at all (logged). */
int	jobs_intake(struct klacht *, struct jobs *, volatile int *stop);
/* Takes the spool Maildir of klachtd-deliver (state_dir/spool, source
 * "pipe"), whatever intake is configured; jobs_intake() runs it first.
 * 0, 1 when it filed mail, or -1 when the spool could not be read
 * (logged). */
int	jobs_spool(struct klacht *, struct jobs *, volatile int *stop);
/* Runs the outbox job.  0, or -1 when the database failed (logged). */
int	jobs_outbox(struct klacht *, struct jobs *, volatile int *stop);
/* Runs the deadline scan: reminders, escalation, digests (escalate.h).
 * 1 when it queued mail, 0 when not, or -1 when the database or a
 * template failed (logged). */
int	jobs_deadlines(struct klacht *, struct jobs *, volatile int *stop);
/* Runs the retention purge (privacy.h), a bounded batch of cases.  0,
 * 1 when more cases are due (run again soon), or -1 when the database
 * failed (logged). */
int	jobs_retention(struct klacht *, struct jobs *);
/* Runs whichever jobs are due at now; returns seconds until the next. */
int64_t	jobs_tick(struct klacht *, struct jobs *, int64_t now,
	    volatile int *stop);
/* The daemon swapped in a new configuration (SIGHUP): drops anything
 * that holds on to the old one (connections) and makes every job due. */
void	jobs_reload(struct klacht *, struct jobs *);
/* Releases whatever the jobs keep between ticks (at exit). */
void	jobs_close(struct jobs *);

#endif
