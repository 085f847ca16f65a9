/*
 * outpost.h -- letters for complainants without email go on paper: as a
 * PDF mailed to the post room (outgoing.print), inside the caller's
 * transaction.
 */
#ifndef KLACHT_OUTPOST_H
#define KLACHT_OUTPOST_H

#include <stdint.h>

#include "klacht.h"

struct outpost {
	const struct case_row	*c;		/* the case (no email) */
	const char		*kind;		/* ack, update, outcome, ... */
	const char		*lang;		/* the letter's language */
	const char		*subject;	/* as rendered, with [ref] */
	const char		*body;		/* as rendered */
};

/*
 * Queues the letter for the post room: the letter as an A4 PDF (with the
 * case's postal address in the window), under a cover text from the
 * template "print", to outgoing.print, marked as a letter sent by post,
 * with an event "post" on the case.  A letter that cannot go -- no
 * outgoing.print, or no postal address either -- is still queued, with
 * the PDF, and marked failed at once with the reason, so `klachtctl
 * outbox` shows it and `klachtctl letter` prints it: never lost.  *id
 * (may be NULL) gets the outbox id.  KR_TEMP for a broken template.
 */
enum kres	outpost_queue(struct klacht *, const struct outpost *,
		    int64_t now, int64_t *id, char **cause);

/* Whether a letter to this address of case c must go by post: the case
 * has no email address and the letter is addressed to it. */
int		outpost_needed(const struct case_row *c, const char *to_addr);

#endif
