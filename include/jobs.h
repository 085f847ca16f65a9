/*
 * jobs.h -- the periodic jobs of the daemon (intake, outbox), shared by
 * `klachtd --once` and the daemon's loop.
 */
#ifndef KLACHT_JOBS_H
#define KLACHT_JOBS_H

#include <stdint.h>

#include "klacht.h"

struct jobs {
	int64_t	 next_intake;
	int64_t	 next_outbox;
	int	 trace;
};

/* Runs the intake job (Maildir or IMAP).  0, or -1 when the source could
 * not be read at all (logged). */
int	jobs_intake(struct klacht *, struct jobs *, volatile int *stop);
/* Runs the outbox job.  0, or -1 when the database failed (logged). */
int	jobs_outbox(struct klacht *, struct jobs *, volatile int *stop);
/* Runs whichever jobs are due at now; returns seconds until the next. */
int64_t	jobs_tick(struct klacht *, struct jobs *, int64_t now,
	    volatile int *stop);

#endif
