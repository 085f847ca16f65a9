/*
 * imap.h -- IMAP as a mail source: polling one mailbox through libcurl.
 *
 * A pass logs in once, SELECTs the mailbox once and fetches every message
 * whose UID is above the last one recorded for the mailbox's current
 * UIDVALIDITY, handing each to intake_message().  Only after intake
 * reports the message committed is it moved to the processed mailbox (if
 * one is configured) and its UID recorded in the database; a crash in
 * between offers the message again and intake recognises the duplicate.
 * See imap.c for the ordering and why it is safe.
 */
#ifndef KLACHT_IMAP_H
#define KLACHT_IMAP_H

#include <stdint.h>

#include "klacht.h"

/* Why a pass failed as a whole (the connection, not one message). */
enum imap_fail {
	IMAP_OK = 0,
	IMAP_F_CONFIG,		/* url unusable */
	IMAP_F_SECRET,		/* password file / token unreadable */
	IMAP_F_CONNECT,		/* cannot reach the server */
	IMAP_F_TLS,		/* handshake, certificate, STARTTLS refused */
	IMAP_F_LOGIN,		/* credentials refused */
	IMAP_F_MAILBOX,		/* SELECT refused */
	IMAP_F_TIMEOUT,		/* server stopped answering */
	IMAP_F_PROTOCOL,	/* anything else the server or libcurl said */
	IMAP_F_STORE		/* our database failed */
};
const char	*imap_fail_name(enum imap_fail);
/* The kind of a failed request: a libcurl code (int, to keep curl.h out
 * of this header), libcurl's error text, whether the server said BYE. */
enum imap_fail	 imap_classify(int curl_code, const char *errbuf, int bye);

/* What one pass did. */
struct imap_stats {
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
 * backoff from poll_interval up to IMAP_BACKOFF_MAX (or poll_interval if
 * larger); the first success after a failure logs "connection restored".
 */
#define IMAP_BACKOFF_MAX	900	/* seconds */
struct imap_link {
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
int	imap_poll(struct klacht *, int limit, int trace, volatile int *stop,
	    struct imap_stats *st, enum imap_fail *fail, int *code,
	    char **cause);

/*
 * The intake job: runs imap_poll() unless l says to back off (then returns
 * 0 at once), logs a summary, a failure once per change and a recovery.
 * Returns 0, or -1 when the pass failed (already logged).  Never blocks
 * longer than one pass (bounded by the configured timeout).
 */
int	imap_intake(struct klacht *, struct imap_link *l, int64_t now,
	    int limit, int trace, volatile int *stop);

/* Runs command with sh -c and returns the first line of its standard
 * output (allocated; the caller wipes and frees it), killing it after
 * timeout seconds.  Used for oauth2_token_command. */
char	*imap_run_token_command(const char *command, int timeout,
	    char **cause);

#endif
