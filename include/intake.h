/*
 * intake.h -- the single entry point every mail source (MTA pipe, Maildir,
 * IMAP) hands a raw message to.
 *
 * intake_message() stores the raw message and everything it causes (a new
 * case, a reply on a case, queued acknowledgement) in ONE transaction.  It
 * returns KR_OK when the message is safely committed (or was committed
 * before: a duplicate, or kept in quarantine); only then may the source
 * forget it (IMAP flag, Maildir move, exit 0).  KR_TEMP means nothing was
 * committed and the source must offer the message again later.
 */
#ifndef KLACHT_INTAKE_H
#define KLACHT_INTAKE_H

#include <stddef.h>
#include <stdint.h>

#include "klacht.h"

enum intake_action {
	IA_NEW_CASE,		/* a new complaint: case opened, ack queued */
	IA_REPLY,		/* added to an existing case */
	IA_OFFICER,		/* an officer's message on a case */
	IA_AUTOMATIC,		/* auto-reply, bounce, list: stored, not answered */
	IA_DUPLICATE,		/* seen before: nothing done */
	IA_QUARANTINED,		/* kept whole, not understood */
	IA_DESK,		/* an officer's mail about no case */
	IA_MEASURE		/* to a measure owner's reply address
				   (measure_contact.h) */
};

struct intake_result {
	enum intake_action	 action;
	int64_t			 case_id;
	char			 ref[32];
	char			 reason[160];	/* for quarantine/automatic */
};

const char	*intake_action_name(enum intake_action);

/* source: "pipe", "maildir", "imap"; source_id: e.g. the Maildir file name
 * or "uidvalidity/uid".  Logs one line saying what happened. */
enum kres	 intake_message(struct klacht *, const char *source,
		    const char *source_id, const char *raw, size_t len,
		    struct intake_result *, char **cause);
/*
 * A message over limits.max_message_size that a source moved aside
 * (where: e.g. the file it now lives in) rather than refusing it: one
 * quarantine row with its header block (head, up to the first blank
 * line), its size and where the whole message is, so nothing is lost
 * from sight.  KR_OK when committed (or recorded before).
 */
enum kres	 intake_oversized(struct klacht *, const char *source,
		    const char *source_id, const char *head, size_t headlen,
		    uint64_t size, const char *where, struct intake_result *,
		    char **cause);

/*
 * Group commit (issue 17): the Maildir and IMAP sources take messages in
 * batches, all in ONE transaction (store_batch_begin), one savepoint per
 * message, and tell their source (move, flag, record the UID) only after
 * its COMMIT.  A batch ends after INTAKE_BATCH_MAX messages, once it
 * holds INTAKE_BATCH_BYTES of raw mail, or once it has been open
 * INTAKE_BATCH_MS milliseconds: the write lock is held for the whole
 * batch, and a pipe delivery or klachtctl waiting on it (the busy
 * timeout) must not wait longer than that.  The byte bound keeps the WAL
 * a batch needs small (a big message costs more in writing than in its
 * fsync, so batching it gains nothing; on a nearly full disk a batch of
 * big messages would need room the single ones do not).  Fixed, not
 * configured: 50 already spreads one fsync over enough messages that the
 * fsync no longer dominates, and nothing an admin knows would pick better.
 */
#define INTAKE_BATCH_MAX	50
#define INTAKE_BATCH_BYTES	(128 * 1024)
#define INTAKE_BATCH_MS		1000

/* Milliseconds on the monotonic clock, for the batch's time bound. */
int64_t		 intake_batch_clock(void);

/*
 * The batch's time bound: INTAKE_BATCH_MS, or $KLACHTD_BATCH_MS when set
 * (a test hook, like KLACHTD_FAULT, not for production use).  A test
 * that checks what one batch holds sets it high, so that a slow machine
 * cannot split the batch; one that checks the bound sets it to 0, so that
 * every message after a batch's first is past it.  A value that is not a
 * number is said (a warning) and ignored.
 */
int64_t		 intake_batch_ms(void);

#endif
