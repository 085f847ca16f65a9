/*
 * satisfy.h -- the satisfaction question after closing (issue 15).
 *
 * satisfaction.after (a duration, "0" = off, the default) after a case
 * was closed, its complainant gets ONE short mail (template
 * satisfaction, in the case's language) asking for a digit 1-5 and, if
 * they like, a sentence.  Asked once per case, ever: a row in the table
 * satisfaction is claimed in the same transaction as the mail, so a
 * restart, a second scan or a reopened and closed-again case never asks
 * again.  Never asked: a complainant without an email address, a case
 * merged or void (only status "closed" is asked), a purged case, and a
 * case closed more than SATISFY_CATCH_UP beyond the term (switching the
 * setting on does not mail every case closed in the past years).
 *
 * The answer is the complainant's reply threaded to that mail (its
 * Message-ID in In-Reply-To or References) whose own text (quote and
 * signature cut) starts with a digit 1-5.  The FIRST answer counts:
 * its score and sentence are recorded with an event "satisfaction"; a
 * later answer is kept on the case as a message and an event and
 * changes nothing.  Such a reply is filed as message kind
 * "satisfaction": it never reopens the case, opens no new case, runs
 * nothing, is answered by no mail, and the assignee is not notified
 * (the score is for the reports; the message is in the case file).  A
 * reply that does not start with a digit is an ordinary reply after the
 * decision (intake.c).
 */
#ifndef KLACHT_SATISFY_H
#define KLACHT_SATISFY_H

#include <stddef.h>
#include <stdint.h>

#include "klacht.h"
#include "mail.h"

#define SATISFY_CATCH_UP	(30 * 86400)	/* seconds, see above */
#define SATISFY_COMMENT_MAX	1000	/* bytes of the sentence kept */
#define SATISFY_BATCH		200	/* questions per scan */

/*
 * Pure: whether text (len bytes, the mail's own text) is an answer.
 * Leading white space is skipped; then a digit 1-5 that is not part of
 * a longer number ("10", "45", "4.5", "3,5" are no answer; "4/5" is 4).
 * Returns the score (1-5), or 0 when it is no answer.  *comment (may be
 * NULL) gets the rest: separators right after the digit (". , : ; - )"
 * and white space) dropped, runs of white space made one space, cut at
 * SATISFY_COMMENT_MAX bytes on a UTF-8 boundary; "" when there is none.
 * The caller frees *comment (set only when an answer).
 */
int		satisfy_parse(const char *text, size_t len, char **comment);

/*
 * Inside the caller's transaction (the deadline scan, escalate.c): asks
 * every case that is due at now (see above), at most SATISFY_BATCH; *n
 * gets how many mails were queued.  Nothing when satisfaction.after is 0.
 */
enum kres	satisfy_scan(struct klacht *, int64_t now, int *n,
		    char **cause);

/*
 * Inside intake's transaction, for a complainant's mail m on case
 * case_id: when it answers the case's satisfaction mail, records it
 * (above) and sets *taken; the caller then files m as kind
 * "satisfaction" and does nothing else with it.  reason (may be NULL,
 * len bytes) gets a line for the intake log.
 */
enum kres	satisfy_reply(struct klacht *, const struct mail *m,
		    int64_t case_id, int64_t now, int *taken, char *reason,
		    size_t len, char **cause);

/* store_satisfy.c */

/* The closed cases to ask at now: closed in (closed_from, closed_to],
 * with an email address, not purged, never asked; at most limit, oldest
 * first.  *ids (caller frees) gets *n case ids. */
enum kres	store_satisfy_due(struct store *, int64_t closed_from,
		    int64_t closed_to, int limit, int64_t **ids, size_t *n,
		    char **cause);
/* Claims the question for case_id: *fresh 0 when it was asked before. */
enum kres	store_satisfy_claim(struct store *, int64_t case_id,
		    int64_t now, int *fresh, char **cause);
/* *yes: msgid is the Message-ID of case_id's satisfaction mail. */
enum kres	store_satisfy_is_question(struct store *, int64_t case_id,
		    const char *msgid, int *yes, char **cause);
/* Records an answer: the first sets score, comment and answered_at
 * (*first 1); later ones only count (*first 0). */
enum kres	store_satisfy_answer(struct store *, int64_t case_id,
		    int score, const char *comment, int64_t now, int *first,
		    char **cause);
/* Each asked case (for the reports): cb(case_id, asked_at, score or 0,
 * arg) until it returns non-zero. */
enum kres	store_satisfy_foreach(struct store *,
		    int (*cb)(int64_t, int64_t, int, void *), void *arg,
		    char **cause);

#endif
