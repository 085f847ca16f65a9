/*
 * terms.c -- the statutory terms as rules (see terms.h for the law).
 *
 * Nothing here reads the clock or touches the database: the caller hands
 * in "now", the case's due date and its counts of extensions and
 * consents, and gets a verdict with a reason an officer can act on.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "calendar.h"
#include "casestate.h"
#include "lang.h"
#include "terms.h"
#include "util.h"


const char *
terms_profile_name(enum cfg_profile p)
{
	return p == CFG_PROFILE_WKKGZ ? "wkkgz" : "awb";
}

const char *
terms_law_extend(enum cfg_profile p)
{
	return p == CFG_PROFILE_WKKGZ ? "Wkkgz art. 17" : "Awb 9:11";
}

const struct cfg_terms *
terms_for(const struct cfg *cfg, const char *category)
{
	const struct cfg_category *cat = cfg_category_by_id(cfg, category);

	return cat != NULL ? &cat->terms : &cfg->terms;
}

const struct cfg_ladder *
terms_ladder(const struct cfg *cfg, const char *category)
{
	const struct cfg_category *cat = cfg_category_by_id(cfg, category);

	return cat != NULL && cat->has_ladder ? &cat->ladder : &cfg->ladder;
}

int
terms_hearing_required(const struct cfg_terms *t)
{
	if (t->hearing_required >= 0)
		return t->hearing_required;
	return t->profile == CFG_PROFILE_AWB;
}

int64_t
terms_due(const struct cfg_terms *t, int64_t received)
{
	return cal_due(received, t->decide);
}

int64_t
terms_level_time(const struct cfg_level *l, int64_t due)
{
	int64_t	days = l->at / CAL_DAY, rest = l->at % CAL_DAY;

	/* C division truncates: -36h is -1 day and -12 hours. */
	return cal_add_days(due, (int)days) + rest;
}

char *
terms_level_name(const struct cfg_ladder *lad, size_t i, const char *lang)
{
	size_t	j, n = 0;

	if (i >= lad->nlevels)
		return xstrdup("?");
	if (lad->levels[i].name != NULL)
		return xstrdup(lad->levels[i].name);
	if (lad->levels[i].at < 0)
		return xstrdup(lang_is_en(lang) ? "reminder" : "herinnering");
	for (j = 0; j <= i; j++)
		if (lad->levels[j].at >= 0)
			n++;
	return xasprintf("%s %zu", lang_is_en(lang) ? "level" : "niveau", n);
}

int
terms_level_has_contact(const struct cfg_level *l, const char *email)
{
	size_t	i;

	for (i = 0; email != NULL && i < l->ncontacts; i++)
		if (strcasecmp(l->contacts[i].email, email) == 0)
			return 1;
	return 0;
}

void
terms_workdays(const struct cfg *cfg, struct workdays *w)
{
	workdays_default(w);
	if (cfg->work_end > cfg->work_start) {
		w->start = cfg->work_start;
		w->end = cfg->work_end;
	}
	w->liberation_yearly = cfg->liberation_yearly;
	w->good_friday = cfg->good_friday;
	w->extra = cfg->holidays;
	w->nextra = cfg->nholidays;
}

/* ------------------------------------------------------------ extension */

enum terms_verdict
terms_extend_check(const struct cfg_terms *t, const struct terms_ext *e,
    int64_t *new_due, char **why)
{
	int	 en = lang_is_en(e->lang), wkkgz = t->profile == CFG_PROFILE_WKKGZ;
	int	 max_days = (int)(t->extend_max / CAL_DAY);
	char	*due = cal_format_date(e->due_at, e->lang), *max;

	*new_due = cal_add_days(e->due_at, e->days);
	if (e->consent) {
		free(due);
		return TERMS_OK_CONSENT;
	}
	if (e->extensions > 0) {
		if (wkkgz)
			set_cause(why, en ? "the term was extended once "
			    "already (to %s); Wkkgz art. 17 allows a further "
			    "extension only in consultation with the "
			    "complainant: record their agreement with "
			    "#consent first" : "de termijn is al eens verlengd "
			    "(tot %s); verder uitstel kan volgens Wkkgz art. 17 "
			    "alleen in overleg met de klager: leg diens "
			    "instemming eerst vast met #instemming", due);
		else
			set_cause(why, en ? "the term was extended once "
			    "already (to %s); Awb 9:11 allows a further "
			    "extension only with the complainant's written "
			    "consent: record it with #consent first" :
			    "de termijn is al eens verlengd (tot %s); verder "
			    "uitstel mag volgens Awb 9:11 alleen als de klager "
			    "daar schriftelijk mee instemt: leg dat eerst vast "
			    "met #instemming", due);
		free(due);
		return TERMS_REFUSED;
	}
	if (wkkgz && e->now >= e->due_at) {
		set_cause(why, en ? "the term ended on %s; Wkkgz art. 17 allows "
		    "the extension only when the complainant is told before "
		    "the term ends; a later delay needs their agreement: "
		    "record it with #consent first" : "de termijn is op %s "
		    "verstreken; Wkkgz art. 17 staat verlenging alleen toe "
		    "als de klager dat hoort voordat de termijn eindigt; later "
		    "uitstel kan alleen in overleg met de klager: leg diens "
		    "instemming eerst vast met #instemming", due);
		free(due);
		return TERMS_REFUSED;
	}
	free(due);
	if (e->days > max_days) {
		max = cal_duration_words(t->extend_max, e->lang);
		set_cause(why, en ? "%d days is more than the %s (%d days) %s "
		    "allows without the complainant's consent; record their "
		    "consent with #consent first" : "%d dagen is meer dan de "
		    "%s (%d dagen) die %s toestaat zonder instemming van de "
		    "klager; leg die eerst vast met #instemming", e->days,
		    max, max_days, terms_law_extend(t->profile));
		free(max);
		return TERMS_REFUSED;
	}
	return TERMS_OK;
}

int
terms_inadmissible_late(const struct cfg_terms *t, int64_t received,
    int64_t now)
{
	return now > cal_due(received, t->inadmissible);
}

/* -------------------------------------------------------- outcome letter */

enum part { P_FINDINGS, P_CONCLUSIONS, P_DECISIONS, P_MEASURES_BY };

static const struct {
	const char	*label;
	enum part	 part;
} labels[] = {
	{ "datum maatregelen", P_MEASURES_BY },
	{ "maatregelen uiterlijk", P_MEASURES_BY },
	{ "uitgevoerd uiterlijk", P_MEASURES_BY },
	{ "measures by", P_MEASURES_BY },
	{ "date of measures", P_MEASURES_BY },
	{ "measures date", P_MEASURES_BY },
	{ "conclusies", P_CONCLUSIONS },
	{ "conclusie", P_CONCLUSIONS },
	{ "conclusions", P_CONCLUSIONS },
	{ "conclusion", P_CONCLUSIONS },
	{ "beslissingen", P_DECISIONS },
	{ "beslissing", P_DECISIONS },
	{ "maatregelen", P_DECISIONS },
	{ "maatregel", P_DECISIONS },
	{ "decisions", P_DECISIONS },
	{ "decision", P_DECISIONS },
	{ "measures", P_DECISIONS },
};

/* The part a line starts, with *rest after the label's ':'; -1 if none. */
static int
line_label(const char *line, size_t len, const char **rest)
{
	size_t	i, ll;

	while (len > 0 && (*line == ' ' || *line == '\t')) {
		line++;
		len--;
	}
	for (i = 0; i < sizeof labels / sizeof labels[0]; i++) {
		ll = strlen(labels[i].label);
		if (len > ll && strncasecmp(line, labels[i].label, ll) == 0 &&
		    line[ll] == ':') {
			*rest = line + ll + 1;
			return (int)labels[i].part;
		}
	}
	return -1;
}

static char *
trimmed(struct buf *b)
{
	char	*s = buf_detach(b, NULL), *t;

	if (s == NULL)
		return xstrdup("");
	t = xstrdup(str_trim(s));
	free(s);
	return t;
}

/* The date of the measures: a day as cal_parse_day reads it ("2027-01-15",
 * "15-01-2027", "15/01/2027"), which may end a sentence: trailing dots
 * and blanks are dropped first.  Local midnight; 0/-1. */
static int
parse_day(const char *s, int64_t *out)
{
	char	*d = xstrdup(s);
	size_t	 n = strlen(d);
	int	 rc;

	while (n > 0 && (isspace((unsigned char)d[n - 1]) || d[n - 1] == '.'))
		d[--n] = '\0';
	rc = cal_parse_day(d, NULL, out);
	free(d);
	return rc;
}

void
terms_outcome_parse(const char *text, struct terms_outcome *o)
{
	struct buf	 parts[4];
	const char	*p = text ? text : "", *nl, *rest;
	size_t		 len, i;
	int		 cur = P_FINDINGS, prev = P_FINDINGS, lab;

	memset(o, 0, sizeof *o);
	for (i = 0; i < 4; i++)
		buf_init(&parts[i]);
	while (*p != '\0') {
		nl = strchr(p, '\n');
		len = nl ? (size_t)(nl - p) : strlen(p);
		if ((lab = line_label(p, len, &rest)) != -1) {
			if (cur != P_MEASURES_BY)
				prev = cur;
			cur = lab;
			if (parts[cur].len > 0)
				buf_addc(&parts[cur], '\n');
			buf_add(&parts[cur], rest, len - (size_t)(rest - p));
			buf_addc(&parts[cur], '\n');
			/* The date is one line: what follows goes back to
			 * the part before it. */
			if (cur == P_MEASURES_BY)
				cur = prev;
		} else {
			buf_add(&parts[cur], p, len);
			buf_addc(&parts[cur], '\n');
		}
		p = nl ? nl + 1 : p + len;
	}
	o->findings = trimmed(&parts[P_FINDINGS]);
	o->conclusions = trimmed(&parts[P_CONCLUSIONS]);
	o->decisions = trimmed(&parts[P_DECISIONS]);
	/* "Conclusies: wij passen ..." starts a paragraph of the letter:
	 * with a capital, as a sentence does. */
	o->conclusions[0] = (char)toupper((unsigned char)o->conclusions[0]);
	o->decisions[0] = (char)toupper((unsigned char)o->decisions[0]);
	o->measures_by_text = trimmed(&parts[P_MEASURES_BY]);
	if (*o->measures_by_text != '\0' &&
	    parse_day(o->measures_by_text, &o->measures_by) == -1)
		o->measures_by = 0;
}

void
terms_outcome_free(struct terms_outcome *o)
{
	free(o->findings);
	free(o->conclusions);
	free(o->decisions);
	free(o->measures_by_text);
	memset(o, 0, sizeof *o);
}

int
terms_decisions_none(const char *s)
{
	static const char *none[] = { "geen", "none", "-", "n.v.t.", "nvt",
	    "geen.", "none." };
	size_t	i;

	for (i = 0; s != NULL && i < sizeof none / sizeof none[0]; i++)
		if (strcasecmp(s, none[i]) == 0)
			return 1;
	return 0;
}

static int
on_merits(const char *j)
{
	return judgement_on_merits(judgement_by_id(j));
}

int
terms_outcome_check(const struct cfg *cfg, const struct cfg_terms *t,
    const char *judgement, const struct terms_outcome *o, int64_t now,
    const char *lang, char **why)
{
	int		 en = lang_is_en(lang);
	int64_t		 today;
	char		*d;

	if (*o->findings == '\0') {
		set_cause(why, en ? "the outcome letter needs your findings: "
		    "write them after \"#close %s\", before any "
		    "\"Conclusions:\" or \"Decisions:\" line" : "de brief aan "
		    "de klager heeft uw bevindingen nodig: schrijf ze na "
		    "\"#sluit %s\", vóór een regel \"Conclusies:\" of "
		    "\"Beslissingen:\"", judgement);
		return -1;
	}
	if (t->profile == CFG_PROFILE_AWB) {
		/* 9:12 asks for "eventuele conclusies": optional. */
		if (cfg->ombudsman == NULL || *cfg->ombudsman == '\0') {
			set_cause(why, en ? "Awb 9:12: the letter must name the "
			    "ombudsman: set organisation.ombudsman in the "
			    "configuration" : "Awb 9:12: de brief moet de "
			    "ombudsman noemen: stel organisation.ombudsman in "
			    "de configuratie in");
			return -1;
		}
		return 0;
	}
	if (cfg->disputes_body == NULL || *cfg->disputes_body == '\0') {
		set_cause(why, en ? "Wkkgz art. 18: the letter must name the "
		    "geschilleninstantie: set organisation.disputes_body in "
		    "the configuration" : "Wkkgz art. 18: de brief moet de "
		    "geschilleninstantie noemen: stel "
		    "organisation.disputes_body in de configuratie in");
		return -1;
	}
	if (!on_merits(judgement))
		return 0;
	if (*o->decisions == '\0') {
		set_cause(why, en ? "Wkkgz art. 18: the letter must state the "
		    "decisions taken on the complaint: add a line \"Decisions: "
		    "...\" (or \"Decisions: none\") and, for measures, "
		    "\"Measures by: YYYY-MM-DD\"" : "Wkkgz art. 18: de brief "
		    "moet de beslissingen over de klacht noemen: voeg een "
		    "regel \"Beslissingen: ...\" toe (of \"Beslissingen: "
		    "geen\") en, bij maatregelen, \"Datum maatregelen: "
		    "JJJJ-MM-DD\"");
		return -1;
	}
	if (terms_decisions_none(o->decisions))
		return 0;
	if (*o->measures_by_text == '\0' || o->measures_by == 0) {
		if (*o->measures_by_text != '\0')
			set_cause(why, en ? "\"%s\" is not a date: write the "
			    "date of the measures as YYYY-MM-DD" : "\"%s\" is "
			    "geen datum: schrijf de datum van de maatregelen "
			    "als JJJJ-MM-DD", o->measures_by_text);
		else
			set_cause(why, en ? "Wkkgz art. 18: the letter must "
			    "state by when the measures will be carried out: "
			    "add a line \"Measures by: YYYY-MM-DD\"" : "Wkkgz "
			    "art. 18: de brief moet noemen wanneer de "
			    "maatregelen zijn uitgevoerd: voeg een regel "
			    "\"Datum maatregelen: JJJJ-MM-DD\" toe");
		return -1;
	}
	d = cal_format_iso_date(now);
	cal_parse_day(d, NULL, &today);
	if (o->measures_by < today) {
		set_cause(why, en ? "the measures date %s lies in the past "
		    "(today is %s)" : "de datum van de maatregelen %s ligt in "
		    "het verleden (vandaag is %s)", o->measures_by_text, d);
		free(d);
		return -1;
	}
	free(d);
	return 0;
}

const char *
terms_outcome_template(enum cfg_profile p, const char *judgement)
{
	switch (judgement_by_id(judgement)) {
	case J_INADMISSIBLE:
		return "outcome-niet-ontvankelijk";
	case J_WITHDRAWN:
		return "outcome-ingetrokken";
	default:
		return p == CFG_PROFILE_WKKGZ ? "outcome-wkkgz" : "outcome-awb";
	}
}
