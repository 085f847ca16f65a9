/*
 * measure.h -- improvement measures (issue 15): what happens around a
 * measure besides the commands that make and close it
 * (officer_measure.c).
 *
 * A measure (M-YYYY-NNNN, store_measure.h) has an owner -- an officer --
 * and a due day.  Mail to the owner goes through officer_queue() about
 * the case the measure was made on, so it carries that officer's reply
 * address for the case: the owner answers it with "#gereed M-... <text>",
 * which runs as a command in a reply about that case.
 *
 * The scan (measure_scan, called by the deadline scan) sends, for each
 * open measure, each at most once (claimed in the measures row in the
 * same transaction as the mail):
 *   - a reminder to the owner (template measure-reminder) from
 *     measures.remind_before before the due day, until the day is over;
 *   - from the day after the due day, an escalation (template
 *     measure-late) to the coordinator: the escalation.unassigned
 *     contacts, else the contacts of the first level of the ladder that
 *     has contacts, else the owner alone.
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
 * One pass over the open measures at now (inside the caller's
 * transaction): the reminders and escalations that are due, above.
 * *mails gets how many mails were queued.
 */
enum kres	 measure_scan(struct klacht *, int64_t now, int *mails,
		    char **cause);

#endif
