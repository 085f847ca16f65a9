/*
 * cfg_terms.c -- the configuration's terms, working days and escalation
 * (issue 5): terms = { ... } of the organisation and of each category,
 * workdays.*, the escalation ladders, unassigned cases and the digest.
 * The schema check in cfg.c ran first, so types are right here; what is
 * checked here is what a type cannot say (a ladder's levels, dates, the
 * statutory bounds).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "calendar.h"
#include "cfg_int.h"
#include "workdays.h"

int
cfg_parse_profile(const char *s, enum cfg_profile *p)
{
	if (s == NULL)
		return -1;
	if (strcasecmp(s, "awb") == 0) {
		*p = CFG_PROFILE_AWB;
		return 0;
	}
	if (strcasecmp(s, "wkkgz") == 0) {
		*p = CFG_PROFILE_WKKGZ;
		return 0;
	}
	return -1;
}

/* terms = { ... } of the organisation or a category, over *t. */
static void
load_terms(struct loader *ld, const config_setting_t *g, const char *where,
    struct cfg_terms *t)
{
	config_setting_t	*s;
	const char		*v;
	int			 b;

	if (g == NULL)
		return;
	if ((s = config_setting_get_member(g, "profile")) != NULL &&
	    ((v = config_setting_get_string(s)) == NULL ||
	    cfg_parse_profile(v, &t->profile) == -1))
		cfg_problem(ld, s, "%s.profile must be \"awb\" or \"wkkgz\"",
		    where);
	if ((s = config_setting_get_member(g, "decide")) != NULL)
		t->decide = cfg_setting_dur(s, t->decide);
	else if (config_setting_lookup_bool(g, "committee", &b) && b)
		t->decide = 10 * CAL_WEEK;	/* Awb 9:11 lid 1 */
	t->extend_max = cfg_setting_dur(config_setting_get_member(g,
	    "extend_max"), t->extend_max);
	t->inadmissible = cfg_setting_dur(config_setting_get_member(g,
	    "inadmissible"), t->inadmissible);
	/* Unset, it follows the profile (terms_hearing_required). */
	if (config_setting_lookup_bool(g, "hearing_required", &b))
		t->hearing_required = b != 0;
	if (t->decide < CAL_DAY)
		cfg_problem(ld, g, "%s.decide must be at least one day", where);
	if (t->extend_max < 0 || t->extend_max > 366 * CAL_DAY)
		cfg_problem(ld, g, "%s.extend_max must be between 0 and a year",
		    where);
	if (t->inadmissible < CAL_DAY)
		cfg_problem(ld, g, "%s.inadmissible must be at least one day",
		    where);
}

static struct cfg_contact *
load_contacts(struct loader *ld, const config_setting_t *l, const char *where,
    size_t *n)
{
	struct cfg_contact	*v;
	unsigned		 i;
	const char		*s;

	*n = 0;
	if (l == NULL || config_setting_type(l) != CONFIG_TYPE_LIST ||
	    config_setting_length(l) == 0)
		return NULL;
	v = xcalloc((size_t)config_setting_length(l), sizeof *v);
	for (i = 0; i < (unsigned)config_setting_length(l); i++) {
		config_setting_t *e = config_setting_get_elem(l, i);

		if (config_setting_type(e) != CONFIG_TYPE_GROUP)
			continue;
		if (!config_setting_lookup_string(e, "email", &s) ||
		    !cfg_valid_address(s)) {
			cfg_problem(ld, e, "%s: each contact needs a valid "
			    "email = \"name@domain\"", where);
			continue;
		}
		v[*n].email = xstrdup(s);
		v[*n].name = xstrdup(config_setting_lookup_string(e, "name",
		    &s) ? s : v[*n].email);
		(*n)++;
	}
	return v;
}

static void
free_ladder(struct cfg_ladder *lad)
{
	size_t	i, j;

	for (i = 0; i < lad->nlevels; i++) {
		free(lad->levels[i].name);
		for (j = 0; j < lad->levels[i].ncontacts; j++) {
			free(lad->levels[i].contacts[j].name);
			free(lad->levels[i].contacts[j].email);
		}
		free(lad->levels[i].contacts);
	}
	free(lad->levels);
	memset(lad, 0, sizeof *lad);
}

/* escalation = ( { at; to; name; contacts }, ... ), sorted by at. */
static void
load_ladder(struct loader *ld, const config_setting_t *l, const char *where,
    struct cfg_ladder *lad)
{
	struct cfg_level	 lv;
	unsigned		 i;
	size_t			 j;
	const char		*s;
	char			*why = NULL, *sub;

	memset(lad, 0, sizeof *lad);
	if (l == NULL || config_setting_type(l) != CONFIG_TYPE_LIST)
		return;
	lad->levels = xcalloc((size_t)config_setting_length(l) + 1,
	    sizeof *lad->levels);
	for (i = 0; i < (unsigned)config_setting_length(l); i++) {
		config_setting_t *e = config_setting_get_elem(l, i);

		if (config_setting_type(e) != CONFIG_TYPE_GROUP)
			continue;
		memset(&lv, 0, sizeof lv);
		if (!config_setting_lookup_string(e, "at", &s)) {
			cfg_problem(ld, e, "%s: each level needs at = \"-1w\", "
			    "\"0d\", \"+1w\" (from the due date)", where);
			continue;
		}
		if (cal_parse_offset(s, &lv.at, &why) == -1) {
			cfg_problem(ld, config_setting_get_member(e, "at"),
			    "%s: %s", where, why);
			free(why);
			why = NULL;
			continue;
		}
		for (j = 0; j < lad->nlevels; j++)
			if (lad->levels[j].at == lv.at)
				cfg_problem(ld, e, "%s: two levels at \"%s\"",
				    where, s);
		if (config_setting_lookup_string(e, "to", &s)) {
			if (strcmp(s, "assignee") == 0 ||
			    strcmp(s, "behandelaar") == 0)
				lv.to_assignee = 1;
			else
				cfg_problem(ld, config_setting_get_member(e,
				    "to"), "%s: to must be \"assignee\" (the officer "
				    "the case is assigned to)", where);
		}
		sub = xasprintf("%s contacts", where);
		lv.contacts = load_contacts(ld, config_setting_get_member(e,
		    "contacts"), sub, &lv.ncontacts);
		free(sub);
		if (!lv.to_assignee && lv.ncontacts == 0)
			cfg_problem(ld, e, "%s: a level needs to = "
			    "\"assignee\" and/or contacts = ( { name = ...; "
			    "email = ...; } )", where);
		if (config_setting_lookup_string(e, "name", &s))
			lv.name = xstrdup(s);
		/* Insert sorted by at. */
		for (j = lad->nlevels; j > 0 && lad->levels[j - 1].at > lv.at;
		    j--)
			lad->levels[j] = lad->levels[j - 1];
		lad->levels[j] = lv;
		lad->nlevels++;
	}
}

void
cfg_load_escalation(struct loader *ld, config_t *c, struct cfg *cfg)
{
	config_setting_t	*s, *l;
	const char		*v;
	char			*why = NULL, *where;
	size_t			 i;
	int			 wkkgz;
	struct cal_ymd		 ymd;

	/* Terms of the organisation; terms.decide is cfg->term_decide. */
	cfg->terms.profile = CFG_PROFILE_AWB;
	cfg->terms.decide = cfg->term_decide;
	cfg->terms.extend_max = 4 * CAL_WEEK;
	cfg->terms.inadmissible = 4 * CAL_WEEK;
	cfg->terms.hearing_required = -1;
	load_terms(ld, config_lookup(c, "terms"), "terms", &cfg->terms);
	cfg->term_decide = cfg->terms.decide;

	/* Working days. */
	cfg->work_start = 9 * 60;
	cfg->work_end = 17 * 60;
	cfg->liberation_yearly = 1;
	/* A wrong type was reported by the schema check already. */
	if ((s = config_lookup(c, "workdays.hours")) != NULL &&
	    config_setting_type(s) == CONFIG_TYPE_STRING &&
	    workdays_parse_hours(config_setting_get_string(s),
	    &cfg->work_start, &cfg->work_end, &why) == -1) {
		cfg_problem(ld, s, "workdays.hours: %s", why);
		free(why);
		why = NULL;
	}
	if ((s = config_lookup(c, "workdays.liberation_day")) != NULL) {
		v = config_setting_get_string(s);
		if (v != NULL && (strcmp(v, "yearly") == 0 ||
		    strcmp(v, "jaarlijks") == 0))
			cfg->liberation_yearly = 1;
		else if (v != NULL && strcmp(v, "lustrum") == 0)
			cfg->liberation_yearly = 0;
		else
			cfg_problem(ld, s, "workdays.liberation_day must be "
			    "\"yearly\" (5 May off every year) or \"lustrum\" "
			    "(only in 2025, 2030, ...)");
	}
	if ((l = config_lookup(c, "workdays.holidays")) != NULL) {
		cfg->holidays = xcalloc((size_t)config_setting_length(l) + 1,
		    sizeof *cfg->holidays);
		for (i = 0; i < (size_t)config_setting_length(l); i++) {
			v = config_setting_get_string_elem(l, (unsigned)i);
			if (v == NULL || cal_parse_day(v, &ymd, NULL) == -1) {
				cfg_problem(ld, l, "workdays.holidays: \"%s\" "
				    "is not a date YYYY-MM-DD", v ? v : "?");
				continue;
			}
			cfg->holidays[cfg->nholidays++] = (int32_t)(ymd.y *
			    10000 + ymd.m * 100 + ymd.d);
		}
	}

	/* The default ladder, unassigned cases, the digest. */
	load_ladder(ld, config_lookup(c, "escalation.ladder"),
	    "escalation.ladder", &cfg->ladder);
	cfg->unassigned = load_contacts(ld, config_lookup(c,
	    "escalation.unassigned"), "escalation.unassigned",
	    &cfg->nunassigned);
	cfg->digest_wday = 1;
	cfg->digest_min = 8 * 60;
	if ((s = config_lookup(c, "escalation.digest")) != NULL) {
		v = config_setting_get_string(s);
		if (v == NULL || *v == '\0' || strcmp(v, "none") == 0 ||
		    strcmp(v, "off") == 0)
			cfg->digest_wday = -1;
		else if (workdays_parse_weekly(v, &cfg->digest_wday,
		    &cfg->digest_min, &why) == -1) {
			cfg_problem(ld, s, "escalation.digest: %s (or "
			    "\"none\")", why);
			free(why);
			why = NULL;
		}
	}

	/* Each officer's weekly overview (issue 13): off unless asked. */
	cfg->overview_wday = -1;
	cfg->overview_min = 8 * 60;
	if ((s = config_lookup(c, "digest.weekly")) != NULL) {
		v = config_setting_get_string(s);
		if (v == NULL || *v == '\0' || strcmp(v, "none") == 0 ||
		    strcmp(v, "off") == 0)
			cfg->overview_wday = -1;
		else if (workdays_parse_weekly(v, &cfg->overview_wday,
		    &cfg->overview_min, &why) == -1) {
			cfg_problem(ld, s, "digest.weekly: %s (or \"none\")",
			    why);
			free(why);
			why = NULL;
		}
	}

	/* Per category: terms over the organisation's, and a ladder. */
	wkkgz = cfg->terms.profile == CFG_PROFILE_WKKGZ;
	l = config_lookup(c, "categories");
	for (i = 0; l != NULL && i < cfg->ncategories; i++) {
		config_setting_t *e = config_setting_get_elem(l, (unsigned)i);
		struct cfg_category *cat = &cfg->categories[i];

		cat->terms = cfg->terms;
		if (e == NULL || config_setting_type(e) != CONFIG_TYPE_GROUP)
			continue;
		where = xasprintf("categories \"%s\" terms", cat->id ?
		    cat->id : "?");
		load_terms(ld, config_setting_get_member(e, "terms"), where,
		    &cat->terms);
		free(where);
		if (cat->terms.profile == CFG_PROFILE_WKKGZ)
			wkkgz = 1;
		if ((s = config_setting_get_member(e, "escalation")) != NULL) {
			cat->has_ladder = 1;
			where = xasprintf("categories \"%s\" escalation",
			    cat->id ? cat->id : "?");
			load_ladder(ld, s, where, &cat->ladder);
			free(where);
		}
	}
	if (wkkgz && cfg->disputes_body == NULL)
		cfg_problem(ld, config_lookup(c, "organisation"), "profile "
		    "wkkgz: set organisation.disputes_body to the geschilleninstantie "
		    "outcome letters must name (Wkkgz art. 18)");
}

void
cfg_free_escalation(struct cfg *cfg)
{
	size_t	i;

	for (i = 0; i < cfg->ncategories; i++)
		free_ladder(&cfg->categories[i].ladder);
	free_ladder(&cfg->ladder);
	for (i = 0; i < cfg->nunassigned; i++) {
		free(cfg->unassigned[i].name);
		free(cfg->unassigned[i].email);
	}
	free(cfg->unassigned);
	free(cfg->holidays);
}
