/*
 * maildir.h -- Maildir as a mail source (intake) and as a destination
 * (outgoing mail for the demo and tests, instead of SMTP).  The other
 * source, IMAP, is imapsrc.h.
 */
#ifndef KLACHT_MAILDIR_H
#define KLACHT_MAILDIR_H

#include <stddef.h>

#include "klacht.h"

/* Creates dir/{tmp,new,cur} (0700) if missing. */
int	maildir_create(const char *dir, char **cause);
/* Delivers data into dir/new via dir/tmp, fsync'd.  prefix (may be NULL)
 * is written before the data (e.g. Return-Path/Delivered-To lines). */
int	maildir_deliver(const char *dir, const char *prefix, const char *data,
	    size_t len, char **cause);

struct maildir_stats {
	int	 seen;
	int	 done;		/* committed (any action) and moved to cur/ */
	int	 deferred;	/* left in new/ for the next pass */
	int	 oversized;	/* over limits.max_message_size: moved to
				   dir/oversized/ and recorded in
				   quarantine (not counted in seen) */
};
/*
 * Offers every message in dir/new to intake_message(), oldest first, at
 * most limit of them; a message is moved to cur/ (flag S) only after its
 * commit.  Returns -1 with cause when the Maildir cannot be read; per
 * message trouble is logged and counted as deferred.  *stop is checked
 * between messages so a shutdown finishes the message in hand only.
 */
int	maildir_intake(struct klacht *, const char *dir, int limit,
	    volatile int *stop, struct maildir_stats *, char **cause);
/* maildir_intake() recording the messages under another source name
 * (the spool of klachtd-deliver is "pipe", as `klachtd deliver`). */
int	maildir_intake_as(struct klacht *, const char *dir, const char *source,
	    int limit, volatile int *stop, struct maildir_stats *,
	    char **cause);

#endif
