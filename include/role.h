/*
 * role.h -- who wrote a message on a case, and who may never handle it
 * (issue 14).
 *
 * Every incoming message on a case is filed under its sender's role:
 * the complainant (the case's address or a further one recorded for
 * them, case_addresses), a respondent (recorded with #respondent), an
 * officer (a configured officer's From), a ladder contact (a configured
 * escalation contact) or someone else.  The role is stored on the
 * message row and shown in the notification and in `klachtctl show`, so
 * nobody reads the complainant's name above a team leader's words.
 *
 * Only an officer's mail may run commands.  Anyone else who writes a
 * #command is told, once in a while (the RFC 3834 limit), that nothing
 * ran and why; the mail is kept all the same.
 *
 * Independence (Awb 9:7): an officer who is a respondent on the case, or
 * whom the case's category excludes (categories[].excluded_officers),
 * is "involved": never assigned the case, never runs commands on it, and
 * mail to them about it carries only its reference.
 */
#ifndef KLACHT_ROLE_H
#define KLACHT_ROLE_H

#include <stdint.h>

#include "klacht.h"
#include "mail.h"

enum role {
	ROLE_COMPLAINANT,
	ROLE_RESPONDENT,
	ROLE_OFFICER,
	ROLE_CONTACT,	/* a configured escalation contact */
	ROLE_OTHER
};

/* The stable id stored on the message: "complainant", "respondent",
 * "officer", "contact", "other". */
const char	*role_id(enum role);
/* Who wrote, as the subject of a sentence in lang: "De beklaagde",
 * "A contact person" ... */
const char	*role_who(enum role, const char *lang);
/* The role as a short label in lang ("beklaagde", "contact person");
 * id may be NULL or unknown (older messages): "onbekend"/"unknown". */
const char	*role_label(const char *id, const char *lang);

/* Whether addr is a contact of any escalation ladder (the default, a
 * category's) or of escalation.unassigned. */
int		 role_is_contact(const struct cfg *, const char *addr);

/*
 * The role of addr on case c; officer is cfg_officer_by_email(addr) (may
 * be NULL).  The order decides for an address with two roles: the
 * complainant, a respondent (also an officer who is one: her mail about
 * her own case is a respondent's), an officer, a contact, other.
 */
enum kres	 role_of(struct klacht *, const struct case_row *c,
		    const char *addr, const struct cfg_officer *officer,
		    enum role *role, char **cause);

/*
 * Whether officer o is involved in case c (Awb 9:7): *why gets a reason
 * in lang (malloc'd) when so, NULL when not.
 */
enum kres	 role_involved(struct klacht *, const struct case_row *c,
		    const struct cfg_officer *o, const char *lang, char **why,
		    char **cause);

/*
 * Mail m (on case c, from someone in role, not an officer) holds
 * #commands in its own text: records an event "commands-ignored", and
 * queues the short "no-commands" answer to the sender (Auto-Submitted:
 * auto-replied, no reply token) unless the sender had the RFC 3834 limit
 * of automatic replies in the last day.  Nothing to do when the mail has
 * no commands.  *had is set when it had.
 */
enum kres	 role_refuse_commands(struct klacht *, const struct mail *m,
		    const struct case_row *c, enum role, int64_t now, int *had,
		    char **cause);

/*
 * The assignee a of case c has just been recorded as its respondent
 * (#respondent by officer `by`): the case goes back to triage -- its
 * assignee cleared (case_unassign) -- and the coordinator is told with
 * template "independence" (the reference and why, no content): the
 * triage officers (officers[].triage) but a, else the
 * contacts of escalation.unassigned, else those of the first level of the
 * case's ladder that has contacts, else the officers serving its category
 * but a.  *told (malloc'd) lists who was told ("-" when nobody).
 */
enum kres	 role_back_to_triage(struct klacht *, struct case_row *c,
		    const struct cfg_officer *by, const struct cfg_officer *a,
		    int64_t now, char **told, char **cause);

#endif
