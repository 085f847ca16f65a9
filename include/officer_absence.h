/*
 * officer_absence.h -- the handlers of #afwezig / #away and #terug /
 * #back (issue 13), entered in officer_exec.c's handlers[].  They concern
 * the officer who sends them, never the case: they run in any
 * authenticated reply and with no case at all (x->c.id == 0, desk mail).
 * What an absence does to the mail: absence.h.
 */
#ifndef KLACHT_OFFICER_ABSENCE_H
#define KLACHT_OFFICER_ABSENCE_H

#include "cmdparse.h"
#include "officer_exec.h"

/* How far ahead an absence may reach: a later date is a typo. */
#define ABSENCE_MAX_DAYS	366

/*
 * #afwezig tot <date> [vervanger <id>]: records that x->o is away up to
 * and including the date (today or later, within ABSENCE_MAX_DAYS) with
 * the substitute (a configured officer other than x->o), replacing an
 * earlier one, and tells the coordinator once.  KR_INVALID with x->err
 * for the officer's mistakes; else KR_OK or the store's kind with cause.
 */
enum kres	 officer_do_away(struct officer_exec *x, const struct cmd *,
		    char **cause);
/* #terug: ends x->o's absence, the configured one in force included.
 * Saying it while not away changes nothing and says so. */
enum kres	 officer_do_back(struct officer_exec *x, const struct cmd *,
		    char **cause);

#endif
