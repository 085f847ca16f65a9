/*
 * outmail.h -- render a template into a complete message and put it in
 * the outbox, inside the caller's transaction.
 */
#ifndef KLACHT_OUTMAIL_H
#define KLACHT_OUTMAIL_H

#include <stdint.h>

#include "klacht.h"
#include "mail.h"
#include "template.h"
#include "util.h"

/* The most characters of an #omschrijving a letter shows. */
#define OUTMAIL_SUMMARY_MAX	200

struct outmail {
	const char		*kind;		/* ack, update, outcome, ... */
	const char		*template;	/* file name without .txt */
	const char		*lang;		/* NULL = case's or config's */
	const char		*to_addr;
	const char		*to_name;
	const char		*reply_to;	/* NULL = none */
	const char		*in_reply_to;	/* Message-ID without <> */
	const char		*references;	/* References of the parent */
	int			 auto_submitted; /* MAIL_AUTO_* (mail.h) */
	const struct case_row	*c;		/* the case, or NULL */
	const struct tmpl_var	*vars;		/* beyond the standard ones,
						   which a var of the same
						   name overrides */
	size_t			 nvars;
	const struct mail_file	*files;		/* sent along, byte for byte;
					   never by post (see below) */
	size_t			 nfiles;
	char			**preview;	/* not NULL: queue nothing */
	int			 contact;	/* phone and postal: the
						   complainant's (officer
						   mail), else empty */
};

/*
 * Renders o->template with the standard variables -- organisation,
 * address, term, org_phone, signature, ombudsman, disputes_body (the
 * last three in the letter's language) and, with a case, reference,
 * name, email, subject, about, salutation, received_date, due_date,
 * status, the named contact handler_name/handler_title/handler_phone/
 * handler_person (the assignee, else the desk) and due_passed/due_ahead
 * (whether the due date of an undecided case has passed at `now`) --
 * phone and postal (with o->contact: the complainant's phone number and
 * postal address on one line, as #new or a correction recorded them;
 * else empty) -- plus o->vars (which win over a standard variable of the
 * same name),
 * builds the MIME message and queues it.  subject, about and name, and
 * the To display name, are quoted through quote_clean() (short, no
 * links): they come from a stranger; subject and about also lose Re:/FW:
 * and our tags (letter_subject).  When the case has a summary
 * (#omschrijving), about is that instead, up to OUTMAIL_SUMMARY_MAX
 * characters.  The Subject always carries
 * "[reference]".  *id (may be NULL) gets the outbox id.  Mail to the
 * case's complainant is marked as a letter (store_outbox_letter_set); a
 * letter for a complainant without email (to_addr empty) goes on paper
 * instead (outpost.h) -- without o->files, which only go by email: a
 * caller with files checks that the recipient has an address.
 * With o->preview set nothing is queued: it gets
 * the letter as it would go out, "Subject: ...", a blank line and the
 * body (caller frees) -- what an approver reads (issue 16).
 */
enum kres	outmail_queue(struct klacht *, const struct outmail *,
		    int64_t now, int64_t *id, char **cause);

#endif
