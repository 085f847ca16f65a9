/*
 * outbox.h -- deliver queued mail (SMTP or a local Maildir) with retries.
 */
#ifndef KLACHT_OUTBOX_H
#define KLACHT_OUTBOX_H

#include <stddef.h>
#include <stdint.h>

#include "klacht.h"

/*
 * What the delivery job keeps between passes (zeroed before the first,
 * held in the jobs' state): mail a server accepted but that the database
 * would not let us mark as sent (locked past busy_timeout, disk full).
 * Recorded first on every later pass, and never sent again meanwhile.
 * Only a crash (or --once exiting) in that window can still send it
 * twice: at-least-once, never lost.
 */
struct outbox_state {
	int64_t	*unrecorded;	/* outbox ids */
	size_t	 nunrecorded;
};
/* Releases the state (at exit: ids still unrecorded stay queued in the
 * database, so the next process may send them once more). */
void	outbox_state_free(struct outbox_state *);

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
int	outbox_run(struct klacht *, struct outbox_state *, int limit,
	    volatile int *stop, int trace, struct outbox_stats *, char **cause);

/* Delay before attempt n+1 (exponential from retry.min to retry.max). */
int64_t	outbox_backoff(const struct cfg *, int attempts);

#endif
