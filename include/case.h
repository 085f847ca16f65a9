/*
 * case.h -- every change of a case, each with its audit event.
 *
 * This is the one place that writes a case's columns.  Each function
 * below writes what it changes and the event that records it, in the
 * caller's transaction, so "every change has its event" holds by
 * construction: nothing else calls store_case_create() or
 * store_case_set().  The words (states, judgements, priorities, the
 * reference) are casestate.h's; the policy (who may do what, which term
 * applies, what mail goes out) is the caller's.
 *
 * Conventions: c is the case as the caller last read it; on KR_OK it is
 * re-read, so it shows the case as the change left it.  On failure c is
 * as before and the caller rolls back.  actor is what the event records:
 * an officer's id, or "system".  Detail strings of the events are part of
 * the audit trail that klachtctl show, #dossier and the AVG export print.
 */
#ifndef KLACHT_CASE_H
#define KLACHT_CASE_H

#include <stdint.h>

#include "casestate.h"
#include "store.h"

/*
 * Inserts a new case (the next reference of n->year) with its event
 * "received" ("via <source> from <complainant>").  *id gets its row id
 * and *ref, if not NULL, its reference (caller frees).
 */
enum kres	 case_open(struct store *, const struct case_new *n,
		    const char *source, int64_t now, int64_t *id, char **ref,
		    char **cause);

/*
 * Moves the case to state `to`, with the event "status" "<old> -> <to>".
 * Refuses (KR_INVALID) a move case_transition_ok() does not allow.  A move
 * to closed also sets closed_at.
 */
enum kres	 case_set_status(struct store *, struct case_row *c,
		    const char *actor, enum case_state to, int64_t now,
		    char **cause);

/* Assigns the case to an officer: event "assign" "<old|-> -> <id>". */
enum kres	 case_assign(struct store *, struct case_row *c,
		    const char *actor, const char *officer_id, int64_t now,
		    char **cause);
/* Takes the case from its assignee, back to triage: event "unassign"
 * "<id> -> -: <why>". */
enum kres	 case_unassign(struct store *, struct case_row *c,
		    const char *actor, const char *why, int64_t now,
		    char **cause);

/*
 * Moves the case to category cat_id, event "category"
 * "<old|-> -> <id>[ (confidential)]".  A confidential category makes
 * the case confidential; the flag never goes back (what a case holds is
 * no less sensitive in another category).
 */
enum kres	 case_set_category(struct store *, struct case_row *c,
		    const char *actor, const char *cat_id, int confidential,
		    int64_t now, char **cause);

/* Sets the priority (a casestate.h id): event "priority"
 * "<old|normal> -> <new>". */
/* The language of the letters to the complainant ("nl"/"en"), with an
 * event "language <old> -> <new>". */
enum kres	 case_set_language(struct store *, struct case_row *c,
		    const char *actor, const char *lang, int64_t now,
		    char **cause);
/* The complaint in the organisation's words (#omschrijving), which
 * letters name instead of its subject: event "summary" with the text. */
enum kres	 case_set_summary(struct store *, struct case_row *c,
		    const char *actor, const char *text, int64_t now,
		    char **cause);
enum kres	 case_set_priority(struct store *, struct case_row *c,
		    const char *actor, enum priority, int64_t now,
		    char **cause);
/* Classification for learning (issue 15, store_class.h): what is
 * "department" or "cause", set from old (NULL: none) to id, with an
 * event of that kind "<old|-> -> <id>". */
enum kres	 case_set_class(struct store *, struct case_row *c,
		    const char *actor, const char *what, const char *old,
		    const char *id, int64_t now, char **cause);
/* Adds a label to the case with an event "label" naming it; *added is 0
 * (and nothing is written) when the case had it already. */
enum kres	 case_add_label(struct store *, struct case_row *c,
		    const char *actor, const char *label, int64_t now,
		    int *added, char **cause);

/*
 * The due date follows a new term of the case (its category's): event
 * "term" "due <old> -> <new> (<why>)", dates in lang.
 */
enum kres	 case_set_term(struct store *, struct case_row *c,
		    const char *actor, int64_t due, const char *why,
		    const char *lang, int64_t now, char **cause);

/*
 * Extends the term (Awb 9:11 lid 2) to due, by days, for reason: marks
 * the case extended, event "extend" "due <old> -> <new> (+N days[, with
 * consent]): <reason>", dates in lang.
 */
enum kres	 case_extend(struct store *, struct case_row *c,
		    const char *actor, int64_t due, int days, int consent,
		    const char *reason, const char *lang, int64_t now,
		    char **cause);

/*
 * Decides and closes the case (Awb 9:12): judgement, decided_at and
 * closed_at, event "close" "judgement <id>: <text>"; then, when late is
 * not NULL, an event "late" with that detail; then the move to closed
 * (case_set_status).  KR_INVALID if the case may not be closed.
 */
enum kres	 case_close(struct store *, struct case_row *c,
		    const char *actor, enum judgement, const char *text,
		    const char *late, int64_t now, char **cause);

/* Who reopens a decided or closed case. */
enum case_reopen_by {
	/* #reopen: event "reopen" with the officer's text (or "-"), then
	 * the move to in_progress with its "status" event. */
	CASE_REOPEN_OFFICER,
	/* The complainant's reply within terms.reopen_window: one event
	 * "reopened" that says what the case was judged, and when. */
	CASE_REOPEN_COMPLAINANT
};

/*
 * Reopens a decided or closed case: it is open again (in_progress) and
 * will be decided anew, so the old judgement, decision and closing
 * dates go -- into the event, for the record -- else the register would
 * count an open case as decided.  KR_INVALID if it is neither decided nor
 * closed.
 */
enum kres	 case_reopen(struct store *, struct case_row *c,
		    const char *actor, enum case_reopen_by, const char *text,
		    int64_t now, char **cause);

/*
 * Links new case nc (reference nc_ref) to the closed case old that its
 * complainant wrote on after the reopen window: nc's linked_case_id, and
 * an event "linked" on each of the two cases.  c (old) is not changed.
 */
enum kres	 case_link(struct store *, int64_t nc, const char *nc_ref,
		    const struct case_row *old, int64_t now, char **cause);

/*
 * Records a person complained about (Awb 9:9), event "respondent"
 * "<email>[ (<name>)]".  KR_DUP when they are recorded already.
 */
enum kres	 case_add_respondent(struct store *, const struct case_row *c,
		    const char *actor, const char *email, const char *name,
		    int64_t now, char **cause);

/* Records a hearing (Awb 9:10): event "hearing" "<when>[: <text>]". */
enum kres	 case_hear(struct store *, const struct case_row *c,
		    const char *actor, const char *when, const char *text,
		    int64_t now, char **cause);

/*
 * The rest of a hearing (issue 15, officer_hearing.c), each one event of
 * the kind:
 *   "hearing-invited"	"seq=<n> <YYYY-MM-DD HH:MM> <place>": an
 *			invitation (n > 0: a change) went out
 *   "hearing-cancelled"	the same fields: the hearing was called off
 *   "hearing-report"	the report of the hearing (#verslag)
 *   "hearing-skipped"	"<a|b|c>: <reason>": no hearing, on that ground
 *			of Awb 9:10 lid 2
 * Any other kind is refused (KR_INVALID with cause).
 */
enum kres	 case_hearing_event(struct store *, const struct case_row *c,
		    const char *actor, const char *kind, const char *detail,
		    int64_t now, char **cause);

/*
 * Corrects the date of receipt (issue 14: a letter opened late, a
 * phone call noted on the wrong day) to received and the due date that
 * follows from it to due: event "received-date" "received <old> -> <new>;
 * due <old> -> <new>", dates in lang.
 */
enum kres	 case_set_received(struct store *, struct case_row *c,
		    const char *actor, int64_t received, int64_t due,
		    const char *lang, int64_t now, char **cause);

/* Records the complainant's consent (to a longer term): event "consent"
 * with text, or "complainant consented". */
enum kres	 case_consent(struct store *, const struct case_row *c,
		    const char *actor, const char *text, int64_t now,
		    char **cause);

/* ------------------------------------------------------- case_correct.c */

/*
 * Corrects who the complainant is (#complainant, issue 14): email and
 * name (NULL clears it), event "complainant" "<old> -> <new>[ (<name>)]".
 * KR_INVALID when email is the complainant's already.
 */
enum kres	 case_set_complainant(struct store *, struct case_row *c,
		    const char *actor, const char *email, const char *name,
		    int64_t now, char **cause);

/*
 * Links case c and other both ways (#link): a "link" row, an event
 * "linked" on each.  KR_DUP when they are linked already.
 */
enum kres	 case_link_both(struct store *, const struct case_row *c,
		    const struct case_row *other, const char *actor,
		    int64_t now, char **cause);

/*
 * Merges case c into case into (#merge): c's messages, attachments,
 * respondents and events move to into (store_case_move), a "merged"
 * link, an event "merged-in" on into and "merged" on c (with text, may be
 * empty), then c moves to merged (closed_at set).  KR_INVALID when c may
 * not become merged.
 */
enum kres	 case_merge(struct store *, struct case_row *c,
		    const struct case_row *into, const char *actor,
		    const char *text, int64_t now, char **cause);

/*
 * The case a message for case *case_id belongs in: when that case was
 * merged, the case it went into (followed as far as it was merged on,
 * at most 16 steps); *case_id unchanged otherwise.
 */
enum kres	 case_follow_merged(struct store *, int64_t *case_id,
		    char **cause);

/*
 * Voids case c (#void): event "void" "<reason>: <text>", then the move to
 * void (closed_at set).  reason is "duplicate", "misdirected" or
 * "spam".  KR_INVALID when c may not become void.
 */
enum kres	 case_void(struct store *, struct case_row *c,
		    const char *actor, const char *reason, const char *text,
		    int64_t now, char **cause);

/* ------------------------------------------------------ case_informal.c */

/*
 * Ends case c informally (#resolved, Awb 9:5): event "resolved" with
 * text, the move to resolved, closed_at set.  No judgement, no decision
 * date.  KR_INVALID when c may not be resolved (not open).
 */
enum kres	 case_resolve(struct store *, struct case_row *c,
		    const char *actor, const char *text, int64_t now,
		    char **cause);

/* The last moment (the end of the day the letter names) at which the
 * complainant of resolved case c may ask for formal handling, window
 * being terms.formal_request_window. */
int64_t		 case_formal_request_until(const struct case_row *c,
		    int64_t window);

/*
 * The complainant of resolved case c asks for formal handling: back to
 * in_progress, closed_at cleared, event "formal-requested".  The date of
 * receipt and the due date are kept as they were (the informal attempt
 * does not stop the Awb 9:11 term).  KR_INVALID when c is not resolved.
 */
enum kres	 case_formal_request(struct store *, struct case_row *c,
		    int64_t now, char **cause);

/*
 * Closes case c as forwarded (#forward, issue 15): it was no complaint
 * but a request for another desk.  Sets forwarded_kind to kind (bezwaar,
 * woo, melding, schade, overig), adds the event "forwarded" "<kind> to
 * <mailbox>: <text>", then the move to forwarded (closed_at set).
 * KR_INVALID when c may not be forwarded (decided, closed, an end).
 */
enum kres	 case_forward(struct store *, struct case_row *c,
		    const char *actor, const char *kind, const char *mailbox,
		    const char *text, int64_t now, char **cause);

#endif
