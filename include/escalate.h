/*
 * escalate.h -- the deadline scan: reminders, escalation levels,
 * unassigned cases and the weekly digest (issue 5).
 *
 * A periodic job (jobs.c) calls escalate_run().  What it does, exactly:
 *
 * Ladders.  A case follows the ladder of its category (categories[].
 * escalation), or the organisation's (escalation.ladder) when its
 * category has none or it has no category.  Level L fires at
 * due_at + L.at.  It goes to
 *   - to = "assignee": the officer the case is assigned to NOW; when it
 *     has none (or names an officer no longer configured), the officers
 *     who serve its category (officer.h);
 *   - contacts: each named contact person.
 * Each recipient gets each level at most once per case and due date: a
 * row (case, due date, level, recipient) is claimed in deadline_fired in
 * the same transaction as the mail, so running the scan again at the
 * same moment sends nothing.  Consequences, on purpose:
 *   - an extension (new due date) re-arms every level;
 *   - re-assigning stops the ladder for the old assignee -- they get no
 *     further ladder mail about the case -- and the new assignee gets an
 *     "assignee" level that is due (and not stale, below) once, even if
 *     the old assignee had it; contact levels are not affected;
 *   - deciding or closing the case stops everything at once (the
 *     trigger on cases clears deadline_next); reopening re-arms it, but
 *     what fired for its due date does not fire again (an #extend gives
 *     a reopened case a new due date and so a new ladder).
 * Catching up: when several levels are due at one scan (the daemon was
 * down, or a due date was moved into the past) all of them fire, in
 * order -- except a level before the due date (a reminder), which is
 * stale once the due date has passed and is never sent then.
 *
 * Absence (absence.h).  While the assignee is away, their "assignee"
 * levels go to whoever stands in (the substitute, else the category's
 * other officers who are not away), saying for whom; the level is
 * claimed for the absent assignee as well, so that it is not sent to
 * them again when they are back, nor to the stand-ins when they had it
 * before they went away.  Officers who are away are left out of a level
 * for a case without an assignee (unless nobody else is left).
 *
 * Unassigned cases.  A case still without an assignee after
 * escalation.unassigned_after working hours (workdays.h: working days
 * and hours, Dutch public holidays) since it was received is escalated
 * once, to escalation.unassigned contacts, or when none are configured
 * to the officers serving its category.
 *
 * Confidential cases (their flag or their category's): every mail of
 * the scan carries the reference, the dates and the status only -- no
 * complainant name or address, no subject, no complaint text, no
 * category or officer names (template escalation-confidential).  Other
 * cases' mail names the subject, category and assignee but never
 * carries the complaint text.
 *
 * Weekly digest.  At escalation.digest ("monday 08:00"; caught up later
 * in the week when the daemon was down) each contact person named in
 * any ladder gets one digest of the open cases whose ladder names them:
 * counts, and lists of cases due this week, overdue and extended.
 * Claimed per (contact, week) like the levels.  A contact with no open
 * cases gets nothing that week.
 *
 * Cost: cases.deadline_next tells when a case needs looking at; the scan
 * reads only cases whose moment has come, through a partial index that
 * holds no closed case.  A case whose levels all fired is not read again
 * until its status, due date, category or assignee changes.  When the
 * escalation settings change (SIGHUP), every open case is re-armed once.
 */
#ifndef KLACHT_ESCALATE_H
#define KLACHT_ESCALATE_H

#include <stdint.h>

#include "klacht.h"

#define ESCALATE_BATCH	500	/* cases per transaction */

struct escalate_stats {
	int	examined;	/* cases looked at */
	int	mails;		/* reminders, escalations, unassigned */
	int	digests;
	int	satisfaction;	/* satisfaction questions (satisfy.h) */
	int64_t	rearmed;	/* cases re-armed after a settings change */
};

/*
 * One deadline scan at now, committing every ESCALATE_BATCH cases so
 * intake is never held up for long.  limit caps the cases examined (0 =
 * all that are due); *stop is looked at between batches.  0, or -1 with
 * cause when the database or a template failed: the batch in hand is
 * rolled back and the next run tries again (nothing is sent twice, and
 * nothing is lost).
 */
int	escalate_run(struct klacht *, int64_t now, int limit,
	    volatile int *stop, struct escalate_stats *, char **cause);

#endif
