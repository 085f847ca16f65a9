/*
 * absence.c -- an officer away, and where their mail goes meanwhile (see
 * absence.h).
 *
 * The answer is worked out afresh for every mail rather than kept
 * anywhere: an absence ends by itself at midnight after its last day,
 * and a reload may change officers[].absent, so the only state is what
 * the officer said by mail (store_absence.c) and which coordinator
 * notices went out.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "absence.h"
#include "calendar.h"
#include "lang.h"
#include "log.h"
#include "officer.h"
#include "outmail.h"

/* Whether the last day `until` (YYYY-MM-DD) is today or later. */
static int
until_ahead(const char *until, int64_t now)
{
	struct cal_ymd	ymd;

	if (until == NULL || cal_parse_day(until, &ymd, NULL) == -1)
		return 0;
	return cal_days_from_civil(ymd.y, ymd.m, ymd.d) >= cal_local_day(now);
}

static void
absence_fill(struct absence *a, const char *until, const char *sub,
    const struct cfg *cfg, int by_command)
{
	a->away = 1;
	snprintf(a->until, sizeof a->until, "%s", until);
	a->substitute = sub != NULL ? cfg_officer_by_id(cfg, sub) : NULL;
	a->by_command = by_command;
}

enum kres
absence_of(struct klacht *k, const struct cfg_officer *o, int64_t now,
    struct absence *a, char **cause)
{
	struct absence_row	row;
	int			found;
	enum kres		r;

	memset(a, 0, sizeof *a);
	if ((r = store_absence_get(k->st, o->id, &row, &found, cause)) !=
	    KR_OK)
		return r;
	if (found && row.until_day != NULL && until_ahead(row.until_day, now))
		absence_fill(a, row.until_day, row.substitute, k->cfg, 1);
	else if (o->absent != NULL && until_ahead(o->absent, now) &&
	    !(found && row.until_day == NULL && row.config_until != NULL &&
	    strcmp(row.config_until, o->absent) == 0))
		absence_fill(a, o->absent, o->substitute, k->cfg, 0);
	store_absence_row_free(&row);
	return KR_OK;
}

char *
absence_until_words(const struct absence *a, const char *lang)
{
	int64_t	t;

	if (cal_parse_day(a->until, NULL, &t) == -1)
		return xstrdup(a->until);
	return cal_format_date(t, lang);
}

/* Whether officer s may stand in for o on case c (NULL: no case). */
static enum kres
may_stand_in(struct klacht *k, const struct cfg_officer *s,
    const struct cfg_officer *o, const struct case_row *c, int64_t now,
    int *ok, char **cause)
{
	struct absence	sa;
	enum kres	r;

	*ok = 0;
	if (s == NULL || s == o)
		return KR_OK;
	if (c != NULL && officer_case_confidential(k->cfg, c) &&
	    !officer_serves(s, c->category))
		return KR_OK;
	if ((r = absence_of(k, s, now, &sa, cause)) != KR_OK)
		return r;
	*ok = !sa.away;
	return KR_OK;
}

enum kres
absence_route(struct klacht *k, const struct case_row *c,
    const struct cfg_officer *o, int hide_name, int64_t now,
    struct absence_route *rt, char **cause)
{
	const struct cfg	*cfg = k->cfg;
	const struct cfg_officer *s;
	struct absence		 a;
	const char		*lang = cfg->language;
	int			 en = lang_is_en(lang), ok, ok2;
	size_t			 i;
	char			*until;
	enum kres		 r;

	memset(rt, 0, sizeof *rt);
	rt->to = xcalloc(cfg->nofficers + 2, sizeof *rt->to);
	if ((r = absence_of(k, o, now, &a, cause)) != KR_OK)
		goto fail;
	if (!a.away)
		goto self;
	if ((r = may_stand_in(k, a.substitute, o, c, now, &ok, cause)) !=
	    KR_OK)
		goto fail;
	if (ok)
		rt->to[rt->n++] = a.substitute;
	/* No substitute who can take it: the category's other officers. */
	for (i = 0; !ok && i < cfg->nofficers; i++) {
		s = &cfg->officers[i];
		if (!officer_serves(s, c != NULL ? c->category : NULL))
			continue;
		if ((r = may_stand_in(k, s, o, c, now, &ok2, cause)) != KR_OK)
			goto fail;
		if (ok2)
			rt->to[rt->n++] = s;
	}
	if (rt->n == 0) {
		log_notice("case=%s officer %s is away until %s but nobody can "
		    "stand in: the mail goes to them", c ? c->ref : "-", o->id,
		    a.until);
		goto self;
	}
	until = absence_until_words(&a, lang);
	if (hide_name)
		rt->on_behalf = xasprintf(en ? "for the assignee, who is away "
		    "until %s inclusive" : "namens de behandelaar, die afwezig "
		    "is tot en met %s", until);
	else
		rt->on_behalf = xasprintf(en ? "for %s (away until %s "
		    "inclusive)" : "namens %s (afwezig tot en met %s)", o->name,
		    until);
	free(until);
	return absence_tell_coordinator(k, o, &a, now, NULL, cause);

self:
	rt->to[0] = o;
	rt->n = 1;
	rt->on_behalf = xstrdup("");
	return KR_OK;
fail:
	absence_route_free(rt);
	return r;
}

void
absence_route_free(struct absence_route *rt)
{
	free(rt->to);
	free(rt->on_behalf);
	memset(rt, 0, sizeof *rt);
}

enum kres
absence_filter(struct klacht *k, const struct cfg_officer **v, size_t *n,
    int64_t now, char **cause)
{
	struct absence	 a;
	size_t		 i, kept = 0;
	char		*away;
	enum kres	 r;

	away = xcalloc(*n + 1, 1);
	for (i = 0; i < *n; i++) {
		if ((r = absence_of(k, v[i], now, &a, cause)) != KR_OK) {
			free(away);
			return r;
		}
		away[i] = (char)a.away;
		kept += !a.away;
	}
	if (kept > 0 && kept < *n) {
		for (i = 0, kept = 0; i < *n; i++)
			if (!away[i])
				v[kept++] = v[i];
		v[kept] = NULL;
		*n = kept;
	}
	free(away);
	return KR_OK;
}

const struct cfg_contact *
absence_coordinator(const struct cfg *cfg, size_t *n)
{
	size_t	i;

	if (cfg->nunassigned > 0) {
		*n = cfg->nunassigned;
		return cfg->unassigned;
	}
	for (i = 0; i < cfg->ladder.nlevels; i++)
		if (cfg->ladder.levels[i].ncontacts > 0) {
			*n = cfg->ladder.levels[i].ncontacts;
			return cfg->ladder.levels[i].contacts;
		}
	*n = 0;
	return NULL;
}

enum kres
absence_tell_coordinator(struct klacht *k, const struct cfg_officer *o,
    const struct absence *a, int64_t now, size_t *told, char **cause)
{
	const struct cfg_contact *ct;
	const char		*lang = k->cfg->language;
	struct outmail		 om;
	size_t			 i, n;
	int			 fresh, en = lang_is_en(lang);
	char			*until, *sub;
	enum kres		 r;

	if (told != NULL)
		*told = 0;
	if ((ct = absence_coordinator(k->cfg, &n)) == NULL)
		return KR_OK;
	if ((r = store_absence_notice_claim(k->st, o->id, a->until,
	    a->substitute ? a->substitute->id : NULL, now, &fresh, cause)) !=
	    KR_OK || !fresh)
		return r;
	until = absence_until_words(a, lang);
	sub = a->substitute != NULL ? xasprintf("%s (%s)", a->substitute->name,
	    a->substitute->id) : xstrdup(en ? "the other officers of each "
	    "case's category" : "de andere functionarissen van de categorie "
	    "van elke klacht");
	for (i = 0; i < n && r == KR_OK; i++) {
		struct tmpl_var vars[] = {
			{ "contact_name", ct[i].name },
			{ "absent_name", o->name },
			{ "absent_id", o->id },
			{ "until_date", until },
			{ "substitute", sub },
			{ "by_command", a->by_command ? "1" : "" },
		};

		memset(&om, 0, sizeof om);
		om.kind = "absence";
		om.template = "absence";
		om.lang = lang;
		om.to_addr = ct[i].email;
		om.to_name = ct[i].name;
		om.auto_submitted = MAIL_AUTO_GENERATED;
		om.vars = vars;
		om.nvars = sizeof vars / sizeof vars[0];
		r = outmail_queue(k, &om, now, NULL, cause);
	}
	if (r == KR_OK) {
		log_info("officer %s away until %s (%s): the coordinator was "
		    "told (%zu)", o->id, a->until, a->by_command ? "command" :
		    "config", n);
		if (told != NULL)
			*told = n;
	}
	free(until);
	free(sub);
	return r;
}
