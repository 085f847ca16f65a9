/*
 * officer_measure.h -- the handlers of #maatregel / #measure and
 * #gereed / #done (issue 15), entered in officer_exec.c's handlers[].
 * What a measure is and the mail around it: measure.h.
 */
#ifndef KLACHT_OFFICER_MEASURE_H
#define KLACHT_OFFICER_MEASURE_H

#include "cmdparse.h"
#include "officer_exec.h"

/*
 * #maatregel <owner> <date> <text>: a new measure owned by a configured
 * officer, due on the date (today or later), linked to the case; the
 * owner gets template measure with their reply address for the case.
 * #maatregel M-2026-0001: links the case to that existing measure.
 * KR_INVALID with x->err for the officer's mistakes; else KR_OK or the
 * store's kind with cause.
 */
enum kres	 officer_do_measure(struct officer_exec *x, const struct cmd *,
		    char **cause);
/*
 * The measure a Wkkgz outcome letter promises ("Datum maatregelen:"),
 * made when the letter goes out: due on due_at (local midnight), the
 * decisions text as its text, linked to x's case, owned by the case's
 * assignee, else the first triage officer named for its category, else
 * the deciding officer; the owner is mailed and the confirmation says
 * so.  KR_OK or the store's kind with cause.
 */
enum kres	 officer_measure_outcome(struct officer_exec *x,
		    int64_t due_at, const char *text, char **cause);
/*
 * #gereed M-2026-0001 <text>: closes the open measure with what was
 * done, recorded on each of its cases; with measures.tell_complainants
 * the complainant of each linked case still on record gets template
 * measure-done.  Runs in a reply about any case, and as desk mail
 * (x->c.id == 0).
 */
enum kres	 officer_do_done(struct officer_exec *x, const struct cmd *,
		    char **cause);

#endif
