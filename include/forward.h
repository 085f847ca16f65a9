/*
 * forward.h -- a complaint an officer forwards to the klachten address
 * (issue 14).
 *
 *   forward.c		pure: finds the forwarded message in a mail's text
 *			-- inline forwards as Outlook, Gmail, Thunderbird
 *			and Apple Mail write them (nl and en), and the
 *			message/rfc822 part the parser renders below the
 *			mail's own text (mail.h, body_own_len) -- and reads
 *			its sender, date, subject and text.  Text in,
 *			struct out: no database, no clock.
 *   officer_forward.c	what intake makes of it: whether the forward is
 *			proven to be the officer's (the same proof as
 *			commands), the case it opens for the original
 *			sender, and the word to the officer.
 */
#ifndef KLACHT_FORWARD_H
#define KLACHT_FORWARD_H

#include <stddef.h>
#include <stdint.h>

#include "klacht.h"
#include "mail.h"

/* The oldest date of receipt a forward may carry: one year before the
 * forward arrived (Awb 9:8 lid 1 b lets a complaint about conduct over a
 * year old go unhandled; an older date is more likely misread). */
#define FORWARD_MAX_AGE	(366 * 86400)

/* ------------------------------------------------------------ forward.c */

struct forward {
	const char	*format;	/* static: "outlook", "gmail",
					   "thunderbird", "apple", "rfc822" */
	char		*from_addr;	/* lower-cased, a valid addr-spec */
	char		*from_name;	/* NULL when none */
	char		*subject;	/* the original subject; else the
					   mail's without "Fwd:"/"FW:"...;
					   NULL when neither has one */
	char		*date_text;	/* the date as written, or NULL */
	int64_t		 date;		/* date_text read, 0 when unread */
	char		*text;		/* the original message's text */
};

/*
 * Looks for a forwarded message in body (a parsed mail's text; own_len
 * bytes of it the mail's own, the rest message/rfc822 parts as mail.h
 * describes; own_len 0 or past the end means all of it), the first one:
 * an inline forward in the own text, else the first message/rfc822 part.
 * subject is the mail's (may be NULL).  Returns 1 and fills *f (free with
 * forward_free) when one is found whose sender has a valid address; 0
 * and *f zeroed otherwise.
 */
int		 forward_find(const char *body, size_t own_len,
		    const char *subject, struct forward *f);
void		 forward_free(struct forward *);

/*
 * Reads a date as mail clients write it in a forward's header block, nl
 * or en: RFC 5322 ("Tue, 17 Nov 2026 10:15:00 +0100"), Outlook ("dinsdag
 * 17 november 2026 10:15", "Tuesday, November 17, 2026 10:15 AM",
 * "17-11-2026 10:15"), Gmail ("Tue, Nov 17, 2026 at 10:15 AM", "di 17
 * nov 2026 om 10:15"), Apple Mail ("17 November 2026 at 10:15:00 CET").
 * Numeric dates are day first unless year first.  Without a zone the
 * time is local (TZ).  0 and *t on success, -1 otherwise.
 */
int		 forward_parse_date(const char *, int64_t *t);

/*
 * The date of receipt a forward stands for, arriving at now: its date,
 * unless that is unread, later than now, or more than FORWARD_MAX_AGE
 * before now -- then now, with *why (static) saying which.  *why is NULL
 * when the forward's date is taken.
 */
int64_t		 forward_receipt(const struct forward *, int64_t now,
		    const char **why);

/* ---------------------------------------------------- officer_forward.c */

/* What intake learnt about a new officer mail without a case. */
struct forward_intake {
	int		 found;		/* it looks like a forward */
	int		 proven;	/* ... and is proven the officer's */
	char		 why[320];	/* why not proven (found, !proven) */
	struct forward	 fw;
	int64_t		 received;	/* date of receipt (proven) */
	const char	*receipt_why;	/* forward_receipt()'s *why */
	char		*notice;	/* the officer notification's text:
					   the mail's, with a line on top
					   saying what was found */
	struct mail	 nm;		/* m as the officers' notification
					   shows it (found only): text
					   notice, and when proven the
					   citizen as sender; borrows m's
					   other fields */
};

/*
 * Whether mail m, from officer o (cfg_officer_by_email of its From; NULL:
 * nothing found), is a forward of a citizen's mail (not of the officer's
 * own, our own or another officer's), and whether it is proven to be
 * o's: the same proof as commands, officer_authenticate() with no case
 * (a reply token of o for any case, o's personal token, or our MX's
 * DKIM/DMARC pass, as auth.require asks).  Fills *fi (free with
 * forward_intake_free; fi->nm lives as long as m).  KR_TEMP when the key
 * cannot be read.
 */
enum kres	 forward_intake_check(struct klacht *, const struct mail *m,
		    const struct cfg_officer *o, int64_t now,
		    struct forward_intake *fi, char **cause);
void		 forward_intake_free(struct forward_intake *);

/*
 * After intake opened case case_id for a forward found in m: an event on
 * the case saying who forwarded it and what date of receipt was taken
 * (and why, when not the forward's); when proven, a confirmation to the
 * forwarding officer with the reference, the citizen and the due date.
 */
enum kres	 forward_opened(struct klacht *, const struct mail *m,
		    const struct cfg_officer *o,
		    const struct forward_intake *fi, int64_t case_id,
		    int64_t now, char **cause);

#endif
