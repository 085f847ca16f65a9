/*
 * imapidle.h -- IMAP push (issue 17): a second IMAP connection, used
 * only to learn that new mail arrived, so the daemon runs the intake at
 * once instead of at the next intake.imap poll.
 *
 * Where the server offers IDLE (RFC 2177) and intake.imap.idle is on,
 * the watcher SELECTs the mailbox and idles; an untagged EXISTS or
 * RECENT makes the intake due.  The IDLE is re-issued every
 * intake.imap.idle_refresh (servers drop an IDLE after 30 minutes).
 * Without IDLE (or with idle = false) it asks a cheap STATUS (UIDNEXT,
 * UIDVALIDITY) every intake.imap.status_poll_interval and only a change
 * makes the intake due.  A lost connection is retried with backoff;
 * meanwhile, and always, the ordinary poll goes on, so the watcher is a
 * shortcut only: without it mail waits one poll interval, never more.
 *
 * The watcher has no libcurl of its own: the connection is imap.c's raw
 * session (imap_raw_*), logged in as the intake's session is.
 */
#ifndef KLACHT_IMAPIDLE_H
#define KLACHT_IMAPIDLE_H

#include "cfg.h"

struct imapidle;

/* What imapidle_tick() and imapidle_input() found. */
enum idle_news {
	IDLE_NOTHING = 0,
	IDLE_MAIL,		/* new mail: run the intake now */
	IDLE_BACK		/* (re)connected: run the intake now (mail
				   may have come while it was away) */
};

/*
 * A watcher for c (borrowed: must outlive it; make a new one after a
 * reload), not yet connected; NULL when there is nothing to do (idle off
 * and no status poll).  trace: -vv transcript, credentials masked.
 */
struct imapidle	*imapidle_new(const struct cfg_imap *c, int trace);
/* Ends IDLE, logs out and frees (NULL is fine). */
void		 imapidle_free(struct imapidle *);
/* The socket to poll() for input, or -1 while there is none. */
int		 imapidle_fd(struct imapidle *);
/* Connects when due (only if may_connect: the daemon passes whether the
 * intake's last pass reached the server, so that a refused login or a
 * server that is down is retried at the intake's backoff alone, not
 * twice), re-issues IDLE or asks STATUS when due; may block for at most
 * a few times intake.imap.timeout.  Called every tick. */
enum idle_news	 imapidle_tick(struct imapidle *, int may_connect);
/* Reads what the server sent (after poll() said the socket is
 * readable); never blocks. */
enum idle_news	 imapidle_input(struct imapidle *);

#endif
