/*
 * case_informal.c -- the informal end of a complaint (issue 15, Awb 9:5,
 * the ombudsman's "klachtbehandelingsladder"): the officer solved it with
 * the complainant, so the formal procedure stops without a judgement.
 * The complainant may still ask for formal handling within
 * terms.formal_request_window; then the case goes on where it was, with
 * its original date of receipt and due date.  Part of the case module
 * (case.h): each writes its columns and its events in the caller's
 * transaction.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "calendar.h"
#include "case.h"
#include "util.h"

static enum kres
reread(struct store *st, struct case_row *c, char **cause)
{
	struct case_row	n;
	enum kres	r;

	if ((r = store_case_get(st, c->id, &n, cause)) != KR_OK)
		return r;
	case_row_free(c);
	*c = n;
	return KR_OK;
}

enum kres
case_resolve(struct store *st, struct case_row *c, const char *actor,
    const char *text, int64_t now, char **cause)
{
	enum kres	r;

	if (!case_transition_ok(case_state_parse(c->status), CS_RESOLVED)) {
		set_cause(cause, "case %s is %s: it cannot be resolved "
		    "informally", c->ref, c->status);
		return KR_INVALID;
	}
	if ((r = store_event_add(st, c->id, now, actor, "resolved", text,
	    cause)) != KR_OK ||
	    (r = case_set_status(st, c, actor, CS_RESOLVED, now, cause)) !=
	    KR_OK ||
	    (r = store_case_set(st, c->id, "closed_at", NULL, now, now,
	    cause)) != KR_OK)
		return r;
	return reread(st, c, cause);
}

int64_t
case_formal_request_until(const struct case_row *c, int64_t window)
{
	int64_t		 t;
	time_t		 tt;
	struct tm	 tm;

	/* The letter names a day: the whole of that day counts, up to its
	 * last second in local time (cal_due keeps the time of day). */
	t = cal_due(c->closed_at ? c->closed_at : c->updated_at, window);
	tt = (time_t)t;
	localtime_r(&tt, &tm);
	tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
	tm.tm_isdst = -1;
	return cal_add_days((int64_t)mktime(&tm), 1) - 1;
}

enum kres
case_formal_request(struct store *st, struct case_row *c, int64_t now,
    char **cause)
{
	char		*d, *when, *rec, *due;
	enum kres	 r;

	if (case_state_parse(c->status) != CS_RESOLVED) {
		set_cause(cause, "case %s is %s, not resolved informally",
		    c->ref, c->status);
		return KR_INVALID;
	}
	/* received_at and due_at are left as they are: the informal
	 * attempt does not stop the clock of Awb 9:11. */
	when = cal_format_iso_date(c->closed_at);
	rec = cal_format_iso_date(c->received_at);
	due = cal_format_iso_date(c->due_at);
	d = xasprintf("the complainant asks for formal handling (resolved "
	    "informally on %s); received %s, due %s stand", when, rec, due);
	free(when);
	free(rec);
	free(due);
	if ((r = store_case_set(st, c->id, "status",
	    case_state_id(CS_IN_PROGRESS), 0, now, cause)) == KR_OK &&
	    (r = store_case_set(st, c->id, "closed_at", NULL, 0, now,
	    cause)) == KR_OK)
		r = store_event_add(st, c->id, now, "system",
		    "formal-requested", d, cause);
	free(d);
	if (r != KR_OK)
		return r;
	return reread(st, c, cause);
}
