/*
 * measure.h -- improvement measures (issue 15): what happens around a
 * measure besides the commands that make and close it
 * (officer_measure.c).
 *
 * A measure (M-YYYY-NNNN, store_measure.h) has an owner -- an officer or
 * a named contact of measures.owners (cfg_owners.c) -- and a due day.
 * Mail to an officer owner goes through officer_queue() about the case
 * the measure was made on, so it carries that officer's reply address
 * for the case: the owner answers it with "#gereed M-... <text>", which
 * runs as a command in a reply about that case.  A contact is no officer
 * and sees nothing of the case: its mail (templates measure-contact and
 * measure-contact-reminder) names only the measure and carries a reply
 * address with a token over the measure's reference and the contact's
 * id, with which the contact may close that measure and nothing else
 * (measure_contact.h).
 *
 * The scan (measure_scan, called by the deadline scan) sends, for each
 * open measure, each at most once (claimed in the measures row in the
 * same transaction as the mail):
 *   - a reminder to the owner (template measure-reminder; for a contact
 *     measure-contact-reminder) from
 *     measures.remind_before before the due day, until the day is over;
 *   - from the day after the due day, an escalation (template
 *     measure-late) to the coordinator: the escalation.unassigned
 *     contacts, else the contacts of the first level of the ladder that
 *     has contacts, else the owner alone (a contact on no case).
 * A reminder that falls due only after the due day is over is not sent:
 * the escalation says it all.
 */
#ifndef KLACHT_MEASURE_H
#define KLACHT_MEASURE_H

#include <stdint.h>

#include "klacht.h"
#include "officer.h"
#include "store_measure.h"

/*
 * Queues mail from template tmpl (outbox kind the same) about measure m
 * to its owner o, about case case_id with o's reply address for it; the
 * variables measure_ref, measure_text, measure_due, measure_owner are
 * set.  KR_OK or the store's kind with cause.
 */
enum kres	 measure_mail_owner(struct klacht *,
		    const struct officer_key *, const struct measure_row *m,
		    const struct cfg_officer *o, int64_t case_id,
		    const char *tmpl, int64_t now, char **cause);

/*
 * Queues mail from template tmpl (outbox kind the same) about measure m
 * to the contact ct, on no case, with the Reply-To klachten+<token over
 * m->ref and ct->id>; variables as measure_mail_owner's.  KR_OK, or the
 * store's kind with cause (KR_PERM: no reply address can be made).
 */
enum kres	 measure_mail_contact(struct klacht *,
		    const struct officer_key *, const struct measure_row *m,
		    const struct cfg_owner *ct, const char *tmpl, int64_t now,
		    char **cause);

/*
 * Closes the open measure m with text, done by `by` (an officer or a
 * contact id): the measures row, an event on every linked case and,
 * with measures.tell_complainants, the letter measure-done to their
 * complainants.  *ncases gets how many cases are linked, *told how many
 * complainants were written to.  The one path for #gereed, whoever
 * sends it.  KR_INVALID when m is not open.
 */
enum kres	 measure_done(struct klacht *, const struct measure_row *m,
		    const char *text, const char *by, int64_t now,
		    size_t *ncases, size_t *told, char **cause);

/*
 * One pass over the open measures at now (inside the caller's
 * transaction): the reminders and escalations that are due, above.
 * *mails gets how many mails were queued.
 */
enum kres	 measure_scan(struct klacht *, int64_t now, int *mails,
		    char **cause);

#endif
