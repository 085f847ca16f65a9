/*
 * officer_due.c -- when the due date moves, the complainant is told
 * (officer_due.h).
 *
 * The due date is a promise in the acknowledgement ("uiterlijk op ...").
 * It moves without an extension when a case goes into a category with
 * another term (an advisory committee: Awb 9:11 lid 1, 10 weeks) or when
 * the date of receipt is corrected -- and the complainant, who was given
 * the old date in writing, gets the new one in writing too.  An extension
 * (#extend) has its own letter with its reason (officer_exec.c).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "calendar.h"
#include "case.h"
#include "lang.h"
#include "letters.h"
#include "officer_due.h"
#include "terms.h"

/* The local calendar day of t, as a day number. */
static int64_t
local_day(int64_t t)
{
	struct tm	tm;
	time_t		tt = (time_t)t;

	localtime_r(&tt, &tm);
	return cal_days_from_civil(tm.tm_year + 1900, tm.tm_mon + 1,
	    tm.tm_mday);
}

/* Whether t and u fall on the same local day. */
static int
same_day(int64_t t, int64_t u)
{
	return local_day(t) == local_day(u);
}

enum kres
officer_due_letter(struct officer_exec *x, int64_t old_due,
    const char *reason, char **cause)
{
	const struct cfg_terms	*t = terms_for(x->k->cfg, x->c.category);
	enum case_state		 st = case_state_parse(x->c.status);
	int			 awb = t->profile == CFG_PROFILE_AWB;
	char			*oldl;
	enum kres		 r;

	if (same_day(old_due, x->c.due_at) || st == CS_DECIDED ||
	    st == CS_CLOSED)
		return KR_OK;
	oldl = cal_format_date(old_due, x->c.language);
	struct tmpl_var vars[] = {
		{ "reason", reason },
		{ "old_due_date", oldl },
		{ "is_awb", awb ? "1" : "" },
		{ "is_wkkgz", awb ? "" : "1" },
	};
	r = letter_to_complainant(x->k, &x->c, "due-changed", "due-changed",
	    vars, sizeof vars / sizeof vars[0], x->now, cause);
	free(oldl);
	if (r == KR_OK)
		officer_exec_change(x, x->en ? "the complainant was sent the new due date" :
		    "de klager heeft de nieuwe datum gekregen");
	return r;
}

enum kres
officer_do_received(struct officer_exec *x, const struct cmd *cmd,
    char **cause)
{
	const struct cfg_terms	*t = terms_for(x->k->cfg, x->c.category);
	int64_t			 day, old_received = x->c.received_at;
	int64_t			 old_due = x->c.due_at, due;
	int			 en = lang_is_en(x->c.language);
	char			*olds, *news, *dues, *reason;
	enum kres		 r;

	if (cal_parse_iso_date(cmd->arg, &day) == -1)
		return officer_exec_fail(x, x->en ? "\"%s\" is no date" : "\"%s\" is geen "
		    "datum", cmd->arg);
	if (day > x->now)
		return officer_exec_fail(x, x->en ? "the date of receipt %s lies in the "
		    "future" : "de ontvangstdatum %s ligt in de toekomst",
		    cmd->arg);
	if (same_day(day, old_received)) {
		officer_exec_change(x, x->en ? "date of receipt unchanged: already %s" :
		    "ontvangstdatum ongewijzigd: was al %s", cmd->arg);
		return KR_OK;
	}
	/* The term runs from the corrected day.  An extension is a number
	 * of days on top of the term: it moves along with it. */
	if (x->c.extended)
		due = cal_add_days(old_due, (int)(local_day(day) -
		    local_day(old_received)));
	else
		due = terms_due(t, day);
	if ((r = case_set_received(x->k->st, &x->c, x->o->id, day, due,
	    x->lang, x->now, cause)) != KR_OK)
		return r;
	olds = cal_format_date(old_received, x->lang);
	news = cal_format_date(day, x->lang);
	dues = cal_format_date(due, x->lang);
	officer_exec_change(x, x->en ? "date of receipt: %s (was %s); due %s" :
	    "ontvangstdatum: %s (was %s); uiterlijk %s", news, olds, dues);
	free(olds);
	free(news);
	free(dues);
	olds = cal_format_date(old_received, x->c.language);
	news = cal_format_date(day, x->c.language);
	reason = xasprintf(en ? "We received your complaint on %s. We had "
	    "noted another date before (%s)." : "Wij kregen uw klacht op %s. "
	    "Eerst hadden wij een andere datum genoteerd (%s).", news, olds);
	r = officer_due_letter(x, old_due, reason, cause);
	free(reason);
	free(olds);
	free(news);
	return r;
}
