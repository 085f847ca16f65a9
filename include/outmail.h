/*
 * outmail.h -- render a template into a complete message and put it in
 * the outbox, inside the caller's transaction.
 */
#ifndef KLACHT_OUTMAIL_H
#define KLACHT_OUTMAIL_H

#include <stdint.h>

#include "klacht.h"
#include "template.h"
#include "util.h"

struct outmail {
	const char		*kind;		/* ack, update, outcome, ... */
	const char		*template;	/* file name without .txt */
	const char		*lang;		/* NULL = case's or config's */
	const char		*to_addr;
	const char		*to_name;
	const char		*reply_to;	/* NULL = none */
	const char		*in_reply_to;	/* Message-ID without <> */
	const char		*references;	/* References of the parent */
	int			 auto_submitted;
	const struct case_row	*c;		/* the case, or NULL */
	const struct tmpl_var	*vars;		/* beyond the standard ones */
	size_t			 nvars;
};

/*
 * Renders o->template with the standard variables of the case --
 * reference, name, email, subject, received_date, due_date, status,
 * organisation, address -- plus o->vars, builds the MIME message and
 * queues it.  subject and name, and the To display name, are quoted
 * through quote_clean() (short, no links): they come from a stranger.  The Subject always carries "[reference]".  *id (may be NULL)
 * gets the outbox id.  Mail to the case's complainant is marked as a
 * letter (store_outbox_letter_set); a letter for a complainant without
 * email (to_addr empty) goes on paper instead (outpost.h).
 */
enum kres	outmail_queue(struct klacht *, const struct outmail *,
		    int64_t now, int64_t *id, char **cause);

#endif
