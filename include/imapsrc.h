/*
 * imapsrc.h -- IMAP as a mail source: polling one mailbox (over the
 * libcurl session of imap.h) and handing each new message to intake.
 *
 * A pass logs in once, SELECTs the mailbox once and fetches every message
 * whose UID is above the last one recorded for the mailbox's current
 * UIDVALIDITY, handing each to intake_message().  Only after intake
 * reports the message committed is it moved to the processed mailbox (if
 * one is configured) and its UID recorded in the database; a crash in
 * between offers the message again and intake recognises the duplicate.
 * See imapsrc.c for the ordering and why it is safe.
 */
#ifndef KLACHT_IMAPSRC_H
#define KLACHT_IMAPSRC_H

#include <stdint.h>

#include "imap.h"
#include "klacht.h"

/* What one pass did. */
struct imapsrc_stats {
	int		 seen;		/* new messages looked at */
	int		 done;		/* committed (any intake action) */
	int		 deferred;	/* intake failed: left unread, retried */
	int		 skipped;	/* too big or vanished: left alone */
	int		 moved;		/* moved to processed_mailbox */
	int		 more;		/* limit reached with mail left */
	uint32_t	 uidvalidity;
	uint32_t	 last_uid;	/* recorded after the pass */
};

/*
 * Connection health kept between passes by the daemon (zeroed at start):
 * failures are logged once per change of kind, retried with exponential
 * backoff from poll_interval up to IMAPSRC_BACKOFF_MAX (or poll_interval
 * if larger); the first success after a failure logs "connection
 * restored".
 */
#define IMAPSRC_BACKOFF_MAX	900	/* seconds */
struct imapsrc_link {
	int64_t		 next_try;	/* no attempt before this time */
	int64_t		 delay;		/* current backoff, 0 when healthy */
	enum imap_fail	 fail;		/* kind of the failure logged last */
	int		 code;		/* libcurl's code for it */
	int		 failures;	/* consecutive failed passes */
	int		 more;		/* last pass stopped at its limit with
					   mail left: worth running again soon */
};

/*
 * One pass over the configured mailbox (k->cfg->imap): at most limit
 * messages (0 = no limit), *stop checked between messages so that a
 * shutdown finishes the message in hand only; trace logs the IMAP
 * transcript at debug level with credentials masked.  Returns 0 when the
 * mailbox was read (per-message trouble is logged and counted in *st), or
 * -1 with *fail, *code (a CURLcode or 0) and an allocated *cause when the
 * pass could not be done; messages committed before the failure stay done.
 */
int	imapsrc_poll(struct klacht *, int limit, int trace,
	    volatile int *stop, struct imapsrc_stats *st,
	    enum imap_fail *fail, int *code, char **cause);

/*
 * The intake job: runs imapsrc_poll() unless l says to back off (then
 * returns 0 at once), logs a summary, a failure once per change and a
 * recovery.  Returns 0, or -1 when the pass failed (already logged).
 * Never blocks longer than one pass (bounded by the configured timeout).
 */
int	imapsrc_intake(struct klacht *, struct imapsrc_link *l, int64_t now,
	    int limit, int trace, volatile int *stop);

#endif
