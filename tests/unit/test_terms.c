/*
 * test_terms.c -- the statutory term rules (terms.h) and the
 * configuration of terms, ladders, working days and the digest (cfg.c).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "calendar.h"
#include "cfg.h"
#include "check.h"
#include "terms.h"
#include "util.h"

static int64_t
at(int y, int m, int d, int hh, int mm)
{
	struct tm	tm;

	memset(&tm, 0, sizeof tm);
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	tm.tm_hour = hh;
	tm.tm_min = mm;
	tm.tm_isdst = -1;
	return (int64_t)mktime(&tm);
}

static struct cfg *
load(const char *text, char **why)
{
	char		 path[] = "/tmp/klachtd-terms-XXXXXX";
	int		 fd = mkstemp(path);
	FILE		*f = fdopen(fd, "w");
	struct cfg	*c;

	fputs(text, f);
	fclose(f);
	*why = NULL;
	c = cfg_load(path, "/tmp", why);
	unlink(path);
	return c;
}

static const char full[] =
"organisation = { disputes_body = \"De Geschillencommissie Zorg\"; };\n"
"terms = { profile = \"awb\"; decide = \"6w\"; extend_max = \"4w\";\n"
"  inadmissible = \"4w\"; };\n"
"categories = (\n"
"  { id = \"afval\"; name = \"Afval\";\n"
"    escalation = (\n"
"      { at = \"+1w\"; name = \"directie\"; contacts = ( { name = \"Dirk\";"
"        email = \"dirk@x.example\"; } ); },\n"
"      { at = \"-1w\"; to = \"assignee\"; },\n"
"      { at = \"0d\"; contacts = ( { name = \"Tineke\"; email ="
"        \"tineke@x.example\"; }, { email = \"team@x.example\"; } ); }\n"
"    ); },\n"
"  { id = \"bezwaar\"; terms = { committee = true; }; },\n"
"  { id = \"zorg\"; terms = { profile = \"wkkgz\"; decide = \"5w\"; };\n"
"    escalation = ( ); },\n"
"  { id = \"gedrag\"; confidential = true; }\n"
");\n"
"escalation = {\n"
"  ladder = ( { at = \"2d\"; contacts = ( { name = \"Lea\"; email ="
"    \"lea@x.example\"; } ); } );\n"
"  unassigned_after = \"12h\";\n"
"  unassigned = ( { name = \"Uma\"; email = \"uma@x.example\"; } );\n"
"  digest = \"vrijdag 16:30\";\n"
"};\n"
"workdays = { hours = \"08:30-16:30\"; liberation_day = \"lustrum\";\n"
"  good_friday = true; holidays = [ \"2026-12-24\", \"2026-12-31\" ]; };\n";

static void
test_config(void)
{
	struct cfg			*c;
	const struct cfg_category	*cat;
	const struct cfg_ladder		*lad;
	struct workdays			 w;
	char				*why;

	/* Defaults. */
	c = cfg_load(NULL, "/tmp", &why);
	CHECK(c != NULL);
	CHECK_INT(c->terms.profile, CFG_PROFILE_AWB);
	CHECK_INT(c->terms.decide, 42 * 86400);
	CHECK_INT(c->terms.extend_max, 28 * 86400);
	CHECK_INT(c->terms.inadmissible, 28 * 86400);
	CHECK_INT(c->ladder.nlevels, 0);
	CHECK_INT(c->unassigned_after, 16 * 3600);
	CHECK_INT(c->digest_wday, 1);
	CHECK_INT(c->digest_min, 480);
	CHECK_INT(c->work_start, 540);
	CHECK_INT(c->work_end, 1020);
	CHECK_INT(c->liberation_yearly, 1);
	CHECK_INT(c->good_friday, 0);
	CHECK(c->disputes_body == NULL);
	cfg_free(c);

	c = load(full, &why);
	CHECK(c != NULL);
	if (c == NULL) {
		fprintf(stderr, "%s\n", why);
		free(why);
		return;
	}
	CHECK_STR(c->disputes_body, "De Geschillencommissie Zorg");
	/* The ladder of afval, sorted by at. */
	cat = cfg_category_by_id(c, "afval");
	CHECK(cat->has_ladder);
	lad = terms_ladder(c, "afval");
	CHECK(lad == &cat->ladder);
	CHECK_INT(lad->nlevels, 3);
	CHECK_INT(lad->levels[0].at, -7 * 86400);
	CHECK(lad->levels[0].to_assignee);
	CHECK_INT(lad->levels[0].ncontacts, 0);
	CHECK_INT(lad->levels[1].at, 0);
	CHECK_INT(lad->levels[1].ncontacts, 2);
	CHECK_STR(lad->levels[1].contacts[0].name, "Tineke");
	CHECK_STR(lad->levels[1].contacts[1].name, "team@x.example");
	CHECK_INT(lad->levels[2].at, 7 * 86400);
	CHECK_STR(lad->levels[2].name, "directie");
	CHECK(terms_level_has_contact(&lad->levels[2], "DIRK@x.example"));
	CHECK(!terms_level_has_contact(&lad->levels[1], "dirk@x.example"));
	/* Level names: configured, "herinnering", "niveau N". */
	{
		char *n0 = terms_level_name(lad, 0, "nl");
		char *n1 = terms_level_name(lad, 1, "nl");
		char *n1en = terms_level_name(lad, 1, "en");
		char *n2 = terms_level_name(lad, 2, "nl");

		CHECK_STR(n0, "herinnering");
		CHECK_STR(n1, "niveau 1");
		CHECK_STR(n1en, "level 1");
		CHECK_STR(n2, "directie");
		free(n0);
		free(n1);
		free(n1en);
		free(n2);
	}
	/* Categories without a ladder use the organisation's; an empty
	 * list means no ladder at all. */
	CHECK(terms_ladder(c, "bezwaar") == &c->ladder);
	CHECK(terms_ladder(c, NULL) == &c->ladder);
	CHECK(terms_ladder(c, "nonexistent") == &c->ladder);
	CHECK_INT(c->ladder.nlevels, 1);
	CHECK_INT(c->ladder.levels[0].at, 2 * 86400);
	CHECK_INT(terms_ladder(c, "zorg")->nlevels, 0);
	/* Terms: the organisation's, a committee (10 weeks), wkkgz. */
	CHECK_INT(terms_for(c, "afval")->decide, 42 * 86400);
	CHECK_INT(terms_for(c, "afval")->profile, CFG_PROFILE_AWB);
	CHECK_INT(terms_for(c, "bezwaar")->decide, 70 * 86400);
	CHECK_INT(terms_for(c, "zorg")->profile, CFG_PROFILE_WKKGZ);
	CHECK_INT(terms_for(c, "zorg")->decide, 35 * 86400);
	CHECK_INT(terms_for(c, "zorg")->extend_max, 28 * 86400);
	CHECK(terms_for(c, NULL) == &c->terms);
	/* Escalation and working days. */
	CHECK_INT(c->unassigned_after, 12 * 3600);
	CHECK_INT(c->nunassigned, 1);
	CHECK_STR(c->unassigned[0].email, "uma@x.example");
	CHECK_INT(c->digest_wday, 5);
	CHECK_INT(c->digest_min, 990);
	terms_workdays(c, &w);
	CHECK_INT(w.start, 510);
	CHECK_INT(w.end, 990);
	CHECK_INT(w.liberation_yearly, 0);
	CHECK_INT(w.good_friday, 1);
	CHECK_INT(w.nextra, 2);
	CHECK_INT(w.extra[0], 20261224);
	CHECK_INT(w.extra[1], 20261231);
	cfg_free(c);

	/* A digest can be switched off. */
	c = load("escalation = { digest = \"none\"; unassigned_after = 0; };",
	    &why);
	CHECK(c != NULL && c->digest_wday == -1 && c->unassigned_after == 0);
	cfg_free(c);
}

/* Each mistake is reported with its line and what to write. */
static void
test_config_errors(void)
{
	static const struct {
		const char	*text;
		const char	*want;
	} t[] = {
		{ "terms = { profile = \"bw\"; };",
		    ":1: terms.profile must be \"awb\" or \"wkkgz\"" },
		{ "terms = { profile = \"wkkgz\"; };",
		    "set organisation.disputes_body" },
		{ "categories = ( { id = \"z\"; terms = { profile = \"wkkgz\"; "
		    "}; } );", "set organisation.disputes_body" },
		{ "categories = ( { id = \"z\"; terms = { decide = \"2h\"; }; "
		    "} );", "categories \"z\" terms.decide must be at least "
		    "one day" },
		{ "categories = ( { id = \"z\"; terms = { weeks = 3; }; } );",
		    "unknown setting \"categories[].terms.weeks\"" },
		{ "escalation = { ladder = ( { to = \"assignee\"; } ); };",
		    "escalation.ladder: each level needs at = \"-1w\"" },
		{ "escalation = { ladder = ( { at = \"-1x\"; to = "
		    "\"assignee\"; } ); };", "invalid offset \"-1x\"" },
		{ "escalation = { ladder = ( { at = \"400d\"; to = "
		    "\"assignee\"; } ); };", "invalid offset \"400d\"" },
		{ "escalation = { ladder = ( { at = \"0d\"; } ); };",
		    "a level needs to = \"assignee\" and/or contacts" },
		{ "escalation = { ladder = ( { at = \"0d\"; to = \"boss\"; } "
		    "); };", "to must be \"assignee\"" },
		{ "escalation = { ladder = ( { at = \"0d\"; to = \"assignee\"; "
		    "}, { at = \"0w\"; to = \"assignee\"; } ); };",
		    "two levels at \"0w\"" },
		{ "categories = ( { id = \"a\"; escalation = ( { at = \"0d\"; "
		    "contacts = ( { name = \"X\"; email = \"not an address\"; "
		    "} ); } ); } );", "categories \"a\" escalation contacts: "
		    "each contact needs a valid email" },
		{ "escalation = { digest = \"someday\"; };",
		    "escalation.digest: invalid weekly moment \"someday\"" },
		{ "escalation = { unassigned_after = \"soon\"; };",
		    "escalation.unassigned_after: invalid duration" },
		{ "workdays = { hours = \"17-9\"; };",
		    "workdays.hours: invalid working hours \"17-9\"" },
		{ "workdays = { liberation_day = \"never\"; };",
		    "workdays.liberation_day must be \"yearly\"" },
		{ "workdays = { holidays = [ \"2026-02-30\" ]; };",
		    "workdays.holidays: \"2026-02-30\" is not a date" },
	};
	struct cfg	*c;
	char		*why;
	size_t		 i;

	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		c = load(t[i].text, &why);
		CHECK(c == NULL);
		CHECK_CONTAINS(why, t[i].want);
		cfg_free(c);
		free(why);
	}
}

static void
test_offsets(void)
{
	int64_t		v;
	char		*why = NULL;
	struct cfg_level l;
	enum cfg_profile p;

	CHECK_INT(cal_parse_offset("-1w", &v, NULL), 0);
	CHECK_INT(v, -604800);
	CHECK_INT(cal_parse_offset("+3d", &v, NULL), 0);
	CHECK_INT(v, 3 * 86400);
	CHECK_INT(cal_parse_offset("0d", &v, NULL), 0);
	CHECK_INT(v, 0);
	CHECK_INT(cal_parse_offset(" 2 weken", &v, NULL), 0);
	CHECK_INT(v, 14 * 86400);
	CHECK_INT(cal_parse_offset("-", &v, &why), -1);
	CHECK_CONTAINS(why, "invalid offset \"-\"");
	free(why);
	CHECK_INT(cal_parse_offset("--1w", &v, NULL), -1);
	CHECK_INT(cal_parse_offset("-400d", &v, NULL), -1);

	CHECK_INT(cfg_parse_profile("WKKGZ", &p), 0);
	CHECK_INT(p, CFG_PROFILE_WKKGZ);
	CHECK_INT(cfg_parse_profile("awb", &p), 0);
	CHECK_INT(p, CFG_PROFILE_AWB);
	CHECK_INT(cfg_parse_profile("wet", &p), -1);
	CHECK_STR(terms_profile_name(CFG_PROFILE_WKKGZ), "wkkgz");

	/* Levels move by calendar days: the same clock time across DST. */
	memset(&l, 0, sizeof l);
	l.at = -7 * 86400;
	CHECK_INT(terms_level_time(&l, at(2026, 12, 14, 10, 0)),
	    at(2026, 12, 7, 10, 0));
	CHECK_INT(terms_level_time(&l, at(2026, 4, 1, 10, 0)),
	    at(2026, 3, 25, 10, 0));
	l.at = -36 * 3600;
	CHECK_INT(terms_level_time(&l, at(2026, 12, 14, 10, 0)),
	    at(2026, 12, 12, 22, 0));
	l.at = 7 * 86400;
	CHECK_INT(terms_level_time(&l, at(2026, 10, 20, 9, 0)),
	    at(2026, 10, 27, 9, 0));

	{
		char *a = cal_duration_words(28 * 86400, "nl");
		char *b = cal_duration_words(7 * 86400, "en");
		char *d = cal_duration_words(86400, "nl");
		char *e = cal_duration_words(10 * 86400, "en");

		CHECK_STR(a, "4 weken");
		CHECK_STR(b, "1 week");
		CHECK_STR(d, "1 dag");
		CHECK_STR(e, "10 days");
		free(a);
		free(b);
		free(d);
		free(e);
	}
}

static void
test_extend(void)
{
	struct cfg_terms	awb = { CFG_PROFILE_AWB, 42 * 86400,
				    28 * 86400, 28 * 86400, -1 };
	struct cfg_terms	wkkgz = { CFG_PROFILE_WKKGZ, 42 * 86400,
				    28 * 86400, 28 * 86400, -1 };
	struct terms_ext	e;
	int64_t			due = at(2026, 12, 14, 10, 0), nd;
	char			*why = NULL;

	memset(&e, 0, sizeof e);
	e.now = at(2026, 12, 1, 12, 0);
	e.due_at = due;
	e.lang = "nl";

	/* The one statutory extension: at most 4 weeks. */
	e.days = 28;
	CHECK_INT(terms_extend_check(&awb, &e, &nd, &why), TERMS_OK);
	CHECK_INT(nd, at(2027, 1, 11, 10, 0));
	e.days = 29;
	CHECK_INT(terms_extend_check(&awb, &e, &nd, &why), TERMS_REFUSED);
	CHECK_CONTAINS(why, "29 dagen is meer dan de 4 weken (28 dagen) die "
	    "Awb 9:11 toestaat zonder instemming van de klager");
	free(why);
	why = NULL;
	/* The consent allows more; it is used up by one extension. */
	e.consent = 1;
	e.days = 42;
	CHECK_INT(terms_extend_check(&awb, &e, &nd, &why), TERMS_OK_CONSENT);
	CHECK_INT(nd, at(2027, 1, 25, 10, 0));
	/* A second extension needs a (new) consent. */
	e.consent = 0;
	e.extensions = 1;
	e.days = 7;
	CHECK_INT(terms_extend_check(&awb, &e, &nd, &why), TERMS_REFUSED);
	CHECK_CONTAINS(why, "de termijn is al eens verlengd (tot 14 december "
	    "2026); verder uitstel mag volgens Awb 9:11 alleen");
	free(why);
	why = NULL;
	e.lang = "en";
	CHECK_INT(terms_extend_check(&awb, &e, &nd, &why), TERMS_REFUSED);
	CHECK_CONTAINS(why, "extended once already (to 14 December 2026)");
	free(why);
	why = NULL;
	e.consent = 1;
	CHECK_INT(terms_extend_check(&awb, &e, &nd, &why), TERMS_OK_CONSENT);
	e.consent = 0;
	e.extensions = 0;
	e.lang = "nl";

	/* awb: an extension after the due date is allowed (the executor
	 * notes it); wkkgz: only before the six weeks end. */
	e.days = 14;
	e.now = due + 3600;
	CHECK_INT(terms_extend_check(&awb, &e, &nd, &why), TERMS_OK);
	e.now = due - 60;
	CHECK_INT(terms_extend_check(&wkkgz, &e, &nd, &why), TERMS_OK);
	e.now = due;
	CHECK_INT(terms_extend_check(&wkkgz, &e, &nd, &why), TERMS_REFUSED);
	CHECK_CONTAINS(why, "de termijn is op 14 december 2026 verstreken; "
	    "Wkkgz art. 17 staat verlenging alleen toe als de klager dat "
	    "hoort voordat de termijn eindigt");
	free(why);
	why = NULL;
	/* ... in consultation (consent) it can still be done. */
	e.consent = 1;
	CHECK_INT(terms_extend_check(&wkkgz, &e, &nd, &why), TERMS_OK_CONSENT);
	e.consent = 0;
	e.now = due - 86400;
	e.days = 35;
	CHECK_INT(terms_extend_check(&wkkgz, &e, &nd, &why), TERMS_REFUSED);
	CHECK_CONTAINS(why, "35 dagen is meer dan de 4 weken (28 dagen) die "
	    "Wkkgz art. 17 toestaat");
	free(why);
	why = NULL;
	e.extensions = 1;
	e.days = 7;
	CHECK_INT(terms_extend_check(&wkkgz, &e, &nd, &why), TERMS_REFUSED);
	CHECK_CONTAINS(why, "Wkkgz art. 17 alleen in overleg met de klager");
	free(why);

	/* Awb 9:8: niet-ontvankelijk within 4 weeks of receipt. */
	CHECK(!terms_inadmissible_late(&awb, at(2026, 11, 2, 10, 0),
	    at(2026, 11, 30, 10, 0)));
	CHECK(terms_inadmissible_late(&awb, at(2026, 11, 2, 10, 0),
	    at(2026, 11, 30, 10, 1)));
}

static void
test_outcome_parse(void)
{
	struct terms_outcome	o;

	terms_outcome_parse("De route is gewijzigd.\nDe chauffeur wist het "
	    "niet.\n\nConclusies: wij passen de planning aan.\n"
	    "  En wij bellen u.\nbeslissingen: nieuwe route\n"
	    "Datum maatregelen: 15-01-2027\nnog een beslissing\n", &o);
	CHECK_STR(o.findings, "De route is gewijzigd.\nDe chauffeur wist het "
	    "niet.");
	/* The labelled parts start a paragraph: with a capital. */
	CHECK_STR(o.conclusions, "Wij passen de planning aan.\n  En wij "
	    "bellen u.");
	CHECK_STR(o.decisions, "Nieuwe route\nnog een beslissing");
	CHECK_STR(o.measures_by_text, "15-01-2027");
	CHECK_INT(o.measures_by, at(2027, 1, 15, 0, 0));
	terms_outcome_free(&o);

	terms_outcome_parse("Findings only.", &o);
	CHECK_STR(o.findings, "Findings only.");
	CHECK_STR(o.conclusions, "");
	CHECK_STR(o.decisions, "");
	CHECK_INT(o.measures_by, 0);
	terms_outcome_free(&o);

	terms_outcome_parse("F\nMeasures: new bins\nMeasures by: 2027-02-01\n"
	    "Conclusion: sorry", &o);
	CHECK_STR(o.decisions, "New bins");
	CHECK_INT(o.measures_by, at(2027, 2, 1, 0, 0));
	CHECK_STR(o.conclusions, "Sorry");
	terms_outcome_free(&o);

	terms_outcome_parse("F\nDatum maatregelen: volgende week", &o);
	CHECK_STR(o.measures_by_text, "volgende week");
	CHECK_INT(o.measures_by, 0);
	terms_outcome_free(&o);

	/* A label needs its colon; "Conclusies" in a sentence is text. */
	terms_outcome_parse("Conclusies trekken wij later.", &o);
	CHECK_STR(o.findings, "Conclusies trekken wij later.");
	CHECK_STR(o.conclusions, "");
	terms_outcome_free(&o);
	terms_outcome_parse(NULL, &o);
	CHECK_STR(o.findings, "");
	terms_outcome_free(&o);
}

static void
test_outcome_check(void)
{
	struct cfg		*c;
	struct terms_outcome	 o;
	struct cfg_terms	 awb = { CFG_PROFILE_AWB, 42 * 86400,
				    28 * 86400, 28 * 86400, -1 };
	struct cfg_terms	 wk = { CFG_PROFILE_WKKGZ, 42 * 86400,
				    28 * 86400, 28 * 86400, -1 };
	int64_t			 now = at(2026, 12, 10, 11, 0);
	char			*why = NULL, *saved;

	c = cfg_load(NULL, "/tmp", &why);
	CHECK(c != NULL);

	/* awb: findings, judgement and the ombudsman; conclusions are
	 * "eventuele" -- optional. */
	terms_outcome_parse("De container is geleegd.", &o);
	CHECK_INT(terms_outcome_check(c, &awb, "gegrond", &o, now, "nl",
	    &why), 0);
	saved = c->ombudsman;
	c->ombudsman = xstrdup("");
	CHECK_INT(terms_outcome_check(c, &awb, "gegrond", &o, now, "nl",
	    &why), -1);
	CHECK_CONTAINS(why, "Awb 9:12: de brief moet de ombudsman noemen");
	free(why);
	why = NULL;
	free(c->ombudsman);
	c->ombudsman = saved;

	/* wkkgz: the geschilleninstantie must be configured. */
	CHECK_INT(terms_outcome_check(c, &wk, "gegrond", &o, now, "nl", &why),
	    -1);
	CHECK_CONTAINS(why, "Wkkgz art. 18: de brief moet de "
	    "geschilleninstantie noemen");
	free(why);
	why = NULL;
	c->disputes_body = xstrdup("De Geschillencommissie Zorg");
	/* ... the decisions ... */
	CHECK_INT(terms_outcome_check(c, &wk, "ongegrond", &o, now, "nl",
	    &why), -1);
	CHECK_CONTAINS(why, "Wkkgz art. 18: de brief moet de beslissingen "
	    "over de klacht noemen: voeg een regel \"Beslissingen: ...\"");
	free(why);
	why = NULL;
	CHECK_INT(terms_outcome_check(c, &wk, "ongegrond", &o, now, "en",
	    &why), -1);
	CHECK_CONTAINS(why, "add a line \"Decisions: ...\"");
	free(why);
	why = NULL;
	/* ... but not for a withdrawn or inadmissible complaint. */
	CHECK_INT(terms_outcome_check(c, &wk, "ingetrokken", &o, now, "nl",
	    &why), 0);
	CHECK_INT(terms_outcome_check(c, &wk, "niet-ontvankelijk", &o, now,
	    "nl", &why), 0);
	terms_outcome_free(&o);

	terms_outcome_parse("F\nBeslissingen: geen", &o);
	CHECK_INT(terms_outcome_check(c, &wk, "ongegrond", &o, now, "nl",
	    &why), 0);
	terms_outcome_free(&o);

	/* Measures need their date, not in the past. */
	terms_outcome_parse("F\nBeslissingen: nieuwe werkwijze", &o);
	CHECK_INT(terms_outcome_check(c, &wk, "gegrond", &o, now, "nl", &why),
	    -1);
	CHECK_CONTAINS(why, "\"Datum maatregelen: JJJJ-MM-DD\" toe");
	free(why);
	why = NULL;
	terms_outcome_free(&o);
	terms_outcome_parse("F\nBeslissingen: x\nDatum maatregelen: morgen", &o);
	CHECK_INT(terms_outcome_check(c, &wk, "gegrond", &o, now, "nl", &why),
	    -1);
	CHECK_CONTAINS(why, "\"morgen\" is geen datum");
	free(why);
	why = NULL;
	terms_outcome_free(&o);
	terms_outcome_parse("F\nBeslissingen: x\nDatum maatregelen: 2026-12-09",
	    &o);
	CHECK_INT(terms_outcome_check(c, &wk, "gegrond", &o, now, "nl", &why),
	    -1);
	CHECK_CONTAINS(why, "2026-12-09 ligt in het verleden (vandaag is "
	    "2026-12-10)");
	free(why);
	why = NULL;
	terms_outcome_free(&o);
	terms_outcome_parse("F\nBeslissingen: x\nDatum maatregelen: 2026-12-10",
	    &o);
	CHECK_INT(terms_outcome_check(c, &wk, "gegrond", &o, now, "nl", &why),
	    0);
	terms_outcome_free(&o);

	/* Findings are always needed. */
	terms_outcome_parse("Conclusies: alleen dit", &o);
	CHECK_INT(terms_outcome_check(c, &awb, "gegrond", &o, now, "nl", &why),
	    -1);
	CHECK_CONTAINS(why, "heeft uw bevindingen nodig");
	free(why);
	terms_outcome_free(&o);
	cfg_free(c);

	CHECK_STR(terms_outcome_template(CFG_PROFILE_AWB, "gegrond"),
	    "outcome-awb");
	CHECK_STR(terms_outcome_template(CFG_PROFILE_WKKGZ, "ongegrond"),
	    "outcome-wkkgz");
	CHECK_STR(terms_outcome_template(CFG_PROFILE_WKKGZ,
	    "niet-ontvankelijk"), "outcome-niet-ontvankelijk");
	CHECK_STR(terms_outcome_template(CFG_PROFILE_AWB, "ingetrokken"),
	    "outcome-ingetrokken");
	CHECK(terms_decisions_none("Geen"));
	CHECK(!terms_decisions_none("geen idee"));
}

/* Issue 15: a hearing before a judgement on the merits, by profile
 * unless terms.hearing_required says otherwise. */
static void
test_hearing_required(void)
{
	struct cfg_terms	awb = { CFG_PROFILE_AWB, 42 * 86400,
				    28 * 86400, 28 * 86400, -1 };
	struct cfg_terms	wk = { CFG_PROFILE_WKKGZ, 42 * 86400,
				    28 * 86400, 28 * 86400, -1 };

	CHECK_INT(terms_hearing_required(&awb), 1);
	CHECK_INT(terms_hearing_required(&wk), 0);
	awb.hearing_required = 0;
	wk.hearing_required = 1;
	CHECK_INT(terms_hearing_required(&awb), 0);
	CHECK_INT(terms_hearing_required(&wk), 1);
}

int
main(void)
{
	setenv("TZ", "Europe/Amsterdam", 1);
	tzset();
	test_config();
	test_config_errors();
	test_offsets();
	test_extend();
	test_outcome_parse();
	test_outcome_check();
	test_hearing_required();
	return check_done();
}
