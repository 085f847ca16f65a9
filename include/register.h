/*
 * register.h -- complaints that come in other than by mail (issue 14):
 * by phone, at the counter, by letter or by web form, registered by an
 * officer or an administrator (`klachtctl new`; the desk command #nieuw).
 *
 * A registered complaint is a case like any other: it gets its
 * reference, its term from the date of receipt (Awb 9:11: the term runs
 * from when the complaint was made, not from when it was typed in), its
 * acknowledgement (Awb 9:6) and its notification to the officers.  Only
 * the way letters reach the complainant differs: by mail when an email
 * address is given, else on paper (outpost.h) to the postal address.
 */
#ifndef KLACHT_REGISTER_H
#define KLACHT_REGISTER_H

#include <stddef.h>
#include <stdint.h>

#include "klacht.h"

/* The ways a complaint comes in; the id is what the case's channel
 * column holds. */
enum channel {
	CH_EMAIL,		/* "email": intake */
	CH_PHONE,		/* "telefoon" */
	CH_COUNTER,		/* "balie" */
	CH_LETTER,		/* "brief" */
	CH_WEB,			/* "webformulier" */
	CH_INVALID = -1
};

/* A word for a channel, Dutch or English, ASCII case-insensitive:
 * telefoon/phone, balie/counter, brief/letter/post, webformulier/
 * web/webform/form, email/e-mail/mail; CH_INVALID otherwise. */
enum channel	 channel_parse(const char *);
/* The stable id ("telefoon", ...); NULL for CH_INVALID. */
const char	*channel_id(enum channel);
/* The word for people, in lang ("en" English, else Dutch):
 * "telefoon"/"phone", "balie"/"counter", "brief"/"letter",
 * "webformulier"/"web form", "e-mail"/"email".  An unknown id is
 * returned as it is (NULL: "e-mail"/"email"). */
const char	*channel_label(const char *id, const char *lang);

/* A file handed in with the complaint (a scanned letter, a photo). */
struct reg_file {
	const char	*name;
	const char	*type;		/* NULL: application/octet-stream */
	const void	*data;
	size_t		 len;
};

struct registration {
	const char	*channel;	/* a channel word, not email */
	const char	*name;		/* the complainant's, or NULL */
	const char	*email;		/* NULL or "": none */
	const char	*address;	/* postal lines, LF or ';' between */
	const char	*phone;		/* NULL: none */
	int64_t		 received_at;	/* when it was made; 0 = now */
	const char	*category;	/* a configured id, or NULL */
	const char	*subject;	/* NULL: "Klacht per <channel>" */
	const char	*text;		/* the complaint as written down */
	const char	*language;	/* letters; NULL = organisation's */
	const struct reg_file *files;
	size_t		 nfiles;
	const char	*actor;		/* who registers: "admin:user" or an
					   officer id, for the audit trail */
};

/*
 * Registers the complaint g inside the caller's transaction: opens the
 * case (channel, date of receipt, due date from the category's term or
 * the organisation's), records the postal address and phone, stores the
 * text as the complaint message with the files as its attachments,
 * queues the acknowledgement -- by mail to g->email, else as a letter on
 * paper (outpost.h) -- and notifies the officers of the case as for a
 * complaint by mail.  KR_INVALID with *cause (for the person who typed
 * it) when the registration is incomplete or wrong: an unknown channel
 * (or email), no text, neither an email nor a postal address, an email
 * address that is not one, an unknown category, a date of receipt in
 * the future.  *id and *ref (may be NULL; caller frees) get the new
 * case.
 */
enum kres	 case_register(struct klacht *, const struct registration *g,
		    int64_t now, int64_t *id, char **ref, char **cause);

#endif
