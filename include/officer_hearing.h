/*
 * officer_hearing.h -- hearings (Awb 9:10, issue 15): #hoorzitting with
 * invitations and their calendar file, #verslag, #afzien-horen, and the
 * hearing a judgement on the merits waits for.  Handlers registered in
 * officer_exec.c's handlers[] (rows in cmdtable.c).
 */
#ifndef KLACHT_OFFICER_HEARING_H
#define KLACHT_OFFICER_HEARING_H

#include "officer_exec.h"

/*
 * #hear / #hoorzitting.  A date alone (or a date and text that does not
 * start with a time) records the hearing as before: event "hearing".  A
 * date, a time and a place invite the complainant and every person
 * complained about, each with a calendar file of their own
 * (hearing_ics.h); a later one changes the hearing (same UID, SEQUENCE
 * up).  "cancel" / "afgelast" calls off the hearing last announced.
 */
enum kres	 officer_do_hear(struct officer_exec *, const struct cmd *,
		    char **cause);
/* #report / #verslag: the hearing report, an event on the case; with
 * terms.send_hearing_report also a letter to both parties. */
enum kres	 officer_do_hearing_report(struct officer_exec *,
		    const struct cmd *, char **cause);
/* #skip-hearing / #afzien-horen a|b|c <reason> (Awb 9:10 lid 2). */
enum kres	 officer_do_skip_hearing(struct officer_exec *,
		    const struct cmd *, char **cause);

/*
 * For #close (officer_close_check): KR_OK when judgement may be given
 * now; a judgement on the merits (gegrond, deels-gegrond, ongegrond)
 * under terms that require a hearing (terms_hearing_required) waits for
 * a hearing report or a recorded ground to skip it -- refused through
 * officer_exec_fail otherwise.  KR_TEMP etc. when the store fails.
 */
enum kres	 officer_hearing_gate(struct officer_exec *,
		    const char *judgement, char **cause);

/*
 * What the outcome letter says about hearing the complainant: *heard 1
 * when a hearing report is in the case file (a skip overtaken by a
 * report included), else *skip_ground the Awb 9:10 lid 2 ground
 * recorded ('a', 'b', 'c'), or 0 when there is none.  No date: the
 * report may be of a phone call on another day than the one announced.
 */
enum kres	 officer_hearing_outcome(struct officer_exec *, int *heard,
		    char *skip_ground, char **cause);

#endif
