/*
 * outbox.h -- deliver queued mail (SMTP or a local Maildir) with retries.
 */
#ifndef KLACHT_OUTBOX_H
#define KLACHT_OUTBOX_H

#include "klacht.h"

struct outbox_stats {
	int	sent;
	int	deferred;	/* temporary failure, retried later */
	int	failed;		/* permanent failure, marked failed */
	int	more;		/* stopped at its limit or its time slice
				 * with mail still due: run again soon */
};

/*
 * Sends every due message (at most limit, oldest first) over one
 * connection.  A message leaves the queue only when the server accepted
 * it; a crash between the server's "250" and our update can send it once
 * more (at-least-once: nothing is ever lost).  A pass also ends after
 * OUTBOX_SLICE_MS, so that a slow server cannot hold up the daemon's
 * other work; stats->more then says to come back.  Returns -1 with cause
 * only when the database cannot be read.
 */
#define OUTBOX_SLICE_MS	30000
int	outbox_run(struct klacht *, int limit, volatile int *stop, int trace,
	    struct outbox_stats *, char **cause);

/* Delay before attempt n+1 (exponential from retry.min to retry.max). */
int64_t	outbox_backoff(const struct cfg *, int attempts);

#endif
