/*
 * imap.h -- an IMAP session through libcurl: one connection to one
 * mailbox, logged in and SELECTed, with the few commands the IMAP source
 * (imapsrc.h) needs.  A transport, like smtp.h: it knows nothing of
 * intake or the database.
 *
 * Requests return an enum imap_rc; after one that failed, imap_why()
 * says why for a log line and imap_failed() turns it into the failure of
 * the whole pass.  Replies and fetched messages live in the session until
 * the next request.
 */
#ifndef KLACHT_IMAP_H
#define KLACHT_IMAP_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "cfg.h"

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

/* How one request ended. */
enum imap_rc {
	IMAP_RC_OK = 0,
	IMAP_RC_REFUSED,	/* the server answered NO or BAD */
	IMAP_RC_TOOBIG,		/* the reply was over the cap asked for */
	IMAP_RC_GONE,		/* no such message (expunged, moved away,
				   or the mailbox has a new UIDVALIDITY) */
	IMAP_RC_FAIL		/* connection, TLS, timeout, anything else */
};

struct imap;

/*
 * Checks the configuration, reads the credentials (at every connect, so a
 * rotated password or a refreshed token is used without a reload: see
 * secret.h) and sets up the connection; nothing is sent yet.  trace logs
 * the IMAP transcript at debug level with credentials masked.  NULL with
 * *fail (IMAP_F_CONFIG, IMAP_F_SECRET, IMAP_F_PROTOCOL) and cause.
 */
struct imap	*imap_open(const struct cfg_imap *, int trace,
		    enum imap_fail *fail, char **cause);
/* Logs out and frees the session (NULL is fine); wipes the credentials
 * and the last reply. */
void		 imap_close(struct imap *);
/* The mailbox's name, decoded (for log lines). */
const char	*imap_mailbox(const struct imap *);
/* The identity of the mailbox across restarts: user@host/mailbox (host in
 * lower case; scheme and port left out, so they may change). */
const char	*imap_key(const struct imap *);
/* The processed mailbox as an IMAP quoted string, or NULL if none. */
const char	*imap_processed(const struct imap *);

/*
 * Logs in and SELECTs the mailbox: 0 with its UIDVALIDITY and UIDNEXT (0
 * when the server gave none), or -1 with *fail, *code and cause.  Every
 * later request carries this UIDVALIDITY, so that should libcurl
 * reconnect and re-SELECT a changed mailbox, it fails instead of acting
 * on the wrong message.
 */
int		 imap_select(struct imap *, uint32_t *uidvalidity,
		    uint32_t *uidnext, enum imap_fail *fail, int *code,
		    char **cause);
/* UIDs in [lo, hi] (hi 0 = lo:*), ascending, without duplicates; *v
 * (caller frees) is NULL when there are none. */
enum imap_rc	 imap_search(struct imap *, uint32_t lo, uint32_t hi,
		    uint32_t **v, size_t *n);
/* Fetches one message (which sets \Seen), at most cap bytes (0 = no
 * cap).  *data and *len show what arrived -- the part read so far for
 * IMAP_RC_TOOBIG -- until the next request; *data may be NULL. */
enum imap_rc	 imap_fetch(struct imap *, uint32_t uid, size_t cap,
		    const char **data, size_t *len);
/* Sends the fetch of uid now, without waiting for its answer, so that
 * the server works while the caller takes in the message it has (whose
 * *data stays valid); the next imap_fetch(uid) reads the answer.  Any
 * other request first reads it and keeps it aside. */
void		 imap_prefetch(struct imap *, uint32_t uid, size_t cap);
/* Forgets a prefetch that will not be asked for: its UID if the server
 * may have marked it \Seen (the caller unmarks it), else 0. */
uint32_t	 imap_prefetch_drop(struct imap *);
/* A NOOP on the selected mailbox. */
enum imap_rc	 imap_noop(struct imap *);
/* Moves one message to the processed mailbox, created when the server
 * does not list it: UID MOVE, or COPY + \Deleted + EXPUNGE (UID EXPUNGE
 * with UIDPLUS) without the MOVE capability. */
enum imap_rc	 imap_move(struct imap *, uint32_t uid);
/* The same for every message of a UID set ("101:105,108", uidset.h),
 * one command per step however many messages: UID MOVE set, or UID COPY
 * set + UID STORE set \Deleted + UID EXPUNGE set.  IMAP_RC_REFUSED when
 * the server said NO or BAD to a step: some of the set may have moved
 * (or been copied) and some not -- the caller moves them one by one. */
enum imap_rc	 imap_move_set(struct imap *, const char *set);
/* Takes \Seen off one message, and sets \Flagged when flag is set. */
enum imap_rc	 imap_unseen(struct imap *, uint32_t uid, int flag);

/* What went wrong with the last request, for a log line (caller frees). */
char		*imap_why(struct imap *);
/* Fails the pass after the last request: fills *fail, *code (the
 * CURLcode) and cause ("what: why", or "why" when what is NULL); returns
 * -1. */
int		 imap_failed(struct imap *, const char *what,
		    enum imap_fail *fail, int *code, char **cause);

/*
 * The raw connection of the IDLE watcher (imapidle.h), on a session of
 * its own: imap_raw_connect() connects, does TLS and logs in as
 * imap_select() would, but SELECTs nothing (0, or -1 with *fail and
 * cause); then lines go over imap_raw_send() (CRLF added; waits at most
 * the configured timeout) and come back through imap_raw_recv(), which
 * never blocks: bytes read, 0 when nothing is pending, -1 with cause
 * when the connection is gone.  imap_raw_fd() is the socket to poll()
 * (-1 when none); imap_raw_mailbox() the mailbox as an IMAP quoted
 * string.  The -vv trace shows the lines, credentials masked.
 */
int		 imap_raw_connect(struct imap *, enum imap_fail *fail,
		    char **cause);
int		 imap_raw_fd(struct imap *);
const char	*imap_raw_mailbox(const struct imap *);
int		 imap_raw_send(struct imap *, const char *line, char **cause);
ssize_t		 imap_raw_recv(struct imap *, char *buf, size_t len,
		    char **cause);

#endif
