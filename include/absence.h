/*
 * absence.h -- an officer away, and where their mail goes meanwhile
 * (issue 13).
 *
 * An officer is away from the configured officers[].absent (the last
 * day away) or from their own "#afwezig tot <date> [vervanger <id>]"
 * (store_absence.c), the command winning while it lasts; "#terug" ends
 * the command's absence and the configured one in force at that moment
 * (a later, different officers[].absent counts again).  An absence ends
 * by itself after its last day (local time).
 *
 * During an absence the mail about the officer's cases -- the
 * notification of a complainant's reply, the assignment, the reminders
 * and escalation levels sent to the assignee -- goes to the substitute
 * instead (if it names a configured officer who is not away and, for a
 * confidential case, serves its category: officer_serves), else to the
 * other officers of the case's category who are not away, each with a
 * reply token of their own, and says for whom ({{on_behalf}}).  When
 * nobody can stand in, the mail goes to the absent officer as before
 * (and the log says so): never lost.  A notice to all officers of a
 * category (a new case) leaves out those who are away, unless that
 * leaves nobody.
 *
 * The coordinator -- the escalation.unassigned contacts, else the
 * contacts of the first level of escalation.ladder that names any -- is
 * told once per absence (officer, last day, substitute): when the
 * command sets it, or when a configured absence first moves a mail.
 *
 * Everything here runs inside the caller's transaction and queues mail
 * through the outbox.
 */
#ifndef KLACHT_ABSENCE_H
#define KLACHT_ABSENCE_H

#include <stdint.h>

#include "klacht.h"

struct absence {
	int				 away;
	char				 until[11];	/* last day away */
	const struct cfg_officer	*substitute;	/* or NULL */
	int				 by_command;	/* else the config */
};

/* Whether officer o is away at now, and until when; a->away 0 if not.
 * KR_OK, or the store's kind with cause. */
enum kres	 absence_of(struct klacht *, const struct cfg_officer *o,
		    int64_t now, struct absence *a, char **cause);

/* "24 december 2026" / "24 December 2026" for a's last day; caller
 * frees. */
char		*absence_until_words(const struct absence *a, const char *lang);

/* Where mail for officer o about case c goes (see above). */
struct absence_route {
	const struct cfg_officer **to;	/* NULL-terminated, at least one */
	size_t			   n;
	/* "namens Anna de Vries (afwezig tot en met 24 december 2026)",
	 * in the organisation's language, when the mail moved; "" when it
	 * goes to o.  Without the name when hide_name is set (mail about a
	 * confidential case that names no officer). */
	char			  *on_behalf;
};

/*
 * Fills *rt (released with absence_route_free) for mail to o about c at
 * now, and tells the coordinator when a mail moves for the first time in
 * this absence.  KR_OK, or the store's kind with cause.
 */
enum kres	 absence_route(struct klacht *, const struct case_row *c,
		    const struct cfg_officer *o, int hide_name, int64_t now,
		    struct absence_route *rt, char **cause);
void		 absence_route_free(struct absence_route *);

/*
 * Leaves out of v (n officers, NULL-terminated; updated in place) those
 * who are away at now, unless that would leave nobody.  KR_OK, or the
 * store's kind with cause.
 */
enum kres	 absence_filter(struct klacht *, const struct cfg_officer **v,
		    size_t *n, int64_t now, char **cause);

/* The coordinator's contacts: those of escalation.unassigned, else those
 * of the first level of escalation.ladder that names any; *n gets how
 * many (0 and NULL: none).  Also who hears of a late measure. */
const struct cfg_contact *absence_coordinator(const struct cfg *,
		    size_t *n);

/*
 * Tells the coordinator (see above) that o is away as a says, unless
 * they were told of this absence before.  *told (may be NULL) gets how
 * many contacts were sent the notice now.
 */
enum kres	 absence_tell_coordinator(struct klacht *,
		    const struct cfg_officer *o, const struct absence *a,
		    int64_t now, size_t *told, char **cause);

#endif
