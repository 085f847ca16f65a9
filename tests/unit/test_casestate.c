/* Unit tests: the case vocabulary -- states, judgements, priorities and
 * the reference (casestate.c). */
#include "config.h"

#include <stdlib.h>

#include "casestate.h"
#include "check.h"
#include "util.h"

static void
test_caseref(void)
{
	char	*r;

	r = caseref_format("KL", 2026, 42);
	CHECK_STR(r, "KL-2026-00042");
	free(r);
	r = caseref_format("KL", 2026, 123456);
	CHECK_STR(r, "KL-2026-123456");
	free(r);

	static const struct { const char *subj, *want; } t[] = {
		{ "Re: Ontvangstbevestiging [KL-2026-00042]", "KL-2026-00042" },
		{ "RE: AW: [kl-2026-00007] antwoord", "KL-2026-00007" },
		{ "[KL-2026-123456] big year", "KL-2026-123456" },
		{ "KL-2026-00042 without brackets", NULL },
		{ "[KL-2026-0042] too short", NULL },
		{ "[XX-2026-00042] other prefix", NULL },
		{ "[KL-26-00042]", NULL },
		{ "[[KL-2026-00001]", "KL-2026-00001" },
		{ "", NULL },
	};
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		r = caseref_find(t[i].subj, "KL");
		CHECK_STR(r, t[i].want);
		free(r);
	}
	CHECK(caseref_find(NULL, "KL") == NULL);
}

static void
test_states(void)
{
	/* The labels are words too (klachtctl --status "in behandeling"). */
	CHECK_INT(case_state_parse("in behandeling"), CS_IN_PROGRESS);
	CHECK_INT(case_state_parse("in  behandeling"), CS_INVALID);
	CHECK_INT(case_state_parse("Waiting for complainant"), CS_WAITING);
	CHECK_INT(case_state_parse("in-behandeling"), CS_IN_PROGRESS);
	CHECK_INT(case_state_parse("In_Progress"), CS_IN_PROGRESS);
	CHECK_INT(case_state_parse("gesloten"), CS_CLOSED);
	CHECK_INT(case_state_parse("wacht"), CS_WAITING);
	CHECK_INT(case_state_parse("nonsense"), CS_INVALID);
	CHECK_STR(case_state_id(CS_ACKNOWLEDGED), "acknowledged");
	CHECK_STR(case_state_label(CS_IN_PROGRESS, "nl"), "in behandeling");
	CHECK_STR(case_state_label(CS_IN_PROGRESS, "en"), "in progress");
	CHECK(case_transition_ok(CS_NEW, CS_ACKNOWLEDGED));
	CHECK(case_transition_ok(CS_CLOSED, CS_IN_PROGRESS));
	CHECK(!case_transition_ok(CS_CLOSED, CS_NEW));
	CHECK(!case_transition_ok(CS_ACKNOWLEDGED, CS_NEW));
	CHECK(!case_transition_ok(CS_CLOSED, CS_CLOSED));
	CHECK(!case_transition_ok(CS_INVALID, CS_CLOSED));
	CHECK(case_judgement_valid("deels-gegrond"));
	CHECK(!case_judgement_valid("deels gegrond"));
	CHECK_STR(case_judgement_label("ongegrond", "en"), "not upheld");
}

struct word_case {
	const char	*word;
	const char	*id;	/* what it means; NULL: nothing */
};

static const char *
judgement_of(const char *w)
{
	return judgement_id(judgement_parse(w));
}

static const char *
priority_of(const char *w)
{
	return priority_id(priority_parse(w));
}

static void
check_words(const struct word_case *t, size_t n,
    const char *(*of)(const char *))
{
	size_t	i;

	for (i = 0; i < n; i++)
		CHECK_STR(of(t[i].word), t[i].id);
}

/* Every word an officer may write for a judgement, and its id. */
static void
test_judgements(void)
{
	static const struct word_case t[] = {
		{ "gegrond", "gegrond" }, { "Gegrond", "gegrond" },
		{ "upheld", "gegrond" }, { "founded", "gegrond" },
		{ "well-founded", "gegrond" }, { "Well_Founded", "gegrond" },
		{ "deels-gegrond", "deels-gegrond" },
		{ "deels gegrond", "deels-gegrond" },
		{ "DEELS_GEGROND", "deels-gegrond" },
		{ "gedeeltelijk-gegrond", "deels-gegrond" },
		{ "partially-upheld", "deels-gegrond" },
		{ "partly upheld", "deels-gegrond" },
		{ "partially-founded", "deels-gegrond" },
		{ "ongegrond", "ongegrond" }, { "rejected", "ongegrond" },
		{ "unfounded", "ongegrond" }, { "not upheld", "ongegrond" },
		{ "niet-ontvankelijk", "niet-ontvankelijk" },
		{ "niet ontvankelijk", "niet-ontvankelijk" },
		{ "inadmissible", "niet-ontvankelijk" },
		{ "not-admissible", "niet-ontvankelijk" },
		{ "ingetrokken", "ingetrokken" }, { "Withdrawn", "ingetrokken" },
		{ "", NULL }, { "deels", NULL }, { "gegrond!", NULL },
		{ "partially", NULL }, { "gegrondx", NULL }, { "gegron", NULL },
	};

	check_words(t, sizeof t / sizeof t[0], judgement_of);
	CHECK_INT(judgement_parse(NULL), J_INVALID);
	CHECK(judgement_id(J_INVALID) == NULL);
	/* Ids in the order the reports list them. */
	CHECK_INT(JUDGEMENT_COUNT, 5);
	CHECK_STR(judgement_id((enum judgement)0), "gegrond");
	CHECK_STR(judgement_id((enum judgement)4), "ingetrokken");
	CHECK(judgement_on_merits(J_UPHELD));
	CHECK(judgement_on_merits(J_PARTLY_UPHELD));
	CHECK(judgement_on_merits(J_NOT_UPHELD));
	CHECK(!judgement_on_merits(J_INADMISSIBLE));
	CHECK(!judgement_on_merits(J_WITHDRAWN));
	CHECK(!judgement_on_merits(J_INVALID));
	CHECK_STR(case_judgement_label("deels-gegrond", "nl"), "deels gegrond");
	CHECK_STR(case_judgement_label("deels-gegrond", "en"), "partly upheld");
	CHECK_STR(case_judgement_label("unknown", "en"), "unknown");
	CHECK_STR(case_judgement_label(NULL, "en"), "");
}

static void
test_priorities(void)
{
	static const struct word_case t[] = {
		{ "low", "low" }, { "Laag", "low" }, { "normal", "normal" },
		{ "normaal", "normal" }, { "medium", "normal" },
		{ "gemiddeld", "normal" }, { "middel", "normal" },
		{ "HIGH", "high" }, { "hoog", "high" }, { "urgent", "urgent" },
		{ "spoed", "urgent" }, { "dringend", "urgent" },
		{ "", NULL }, { "hoogst", NULL }, { "very high", NULL },
	};

	check_words(t, sizeof t / sizeof t[0], priority_of);
	CHECK_INT(priority_parse(NULL), PRIO_INVALID);
}

/* Issue 14: merged and void are administrative ends, reached only from
 * an undecided case, and final. */
static void
test_admin_states(void)
{
	enum case_state	s;

	CHECK_STR(case_state_id(CS_MERGED), "merged");
	CHECK_STR(case_state_id(CS_VOID), "void");
	CHECK_INT(case_state_parse("samengevoegd"), CS_MERGED);
	CHECK_INT(case_state_parse("vervallen"), CS_VOID);
	CHECK_STR(case_state_label(CS_VOID, "nl"), "vervallen");
	CHECK_STR(case_state_label(CS_MERGED, "en"), "merged");
	for (s = CS_NEW; s <= CS_WAITING; s++) {
		CHECK(case_transition_ok(s, CS_MERGED));
		CHECK(case_transition_ok(s, CS_VOID));
	}
	CHECK(!case_transition_ok(CS_DECIDED, CS_MERGED));
	CHECK(!case_transition_ok(CS_CLOSED, CS_VOID));
	for (s = CS_NEW; s < CS_NSTATES; s++) {
		CHECK(!case_transition_ok(CS_MERGED, s));
		CHECK(!case_transition_ok(CS_VOID, s));
	}
	CHECK(case_state_administrative(CS_MERGED));
	CHECK(case_state_administrative(CS_VOID));
	CHECK(!case_state_administrative(CS_CLOSED));
	CHECK(!case_transition_ok(CS_NEW, (enum case_state)CS_NSTATES));
	/* issue 15: forwarded (#forward) ends like merged and void */
	CHECK_STR(case_state_id(CS_FORWARDED), "forwarded");
	CHECK_INT(case_state_parse("doorgestuurd"), CS_FORWARDED);
	CHECK_STR(case_state_label(CS_FORWARDED, "nl"), "doorgestuurd");
	CHECK_STR(case_state_label(CS_FORWARDED, "en"), "forwarded");
	for (s = CS_NEW; s <= CS_WAITING; s++)
		CHECK(case_transition_ok(s, CS_FORWARDED));
	CHECK(!case_transition_ok(CS_DECIDED, CS_FORWARDED));
	CHECK(!case_transition_ok(CS_CLOSED, CS_FORWARDED));
	for (s = CS_NEW; s < CS_NSTATES; s++)
		CHECK(!case_transition_ok(CS_FORWARDED, s));
	CHECK(case_state_administrative(CS_FORWARDED));
}

int
main(void)
{
	test_caseref();
	test_states();
	test_judgements();
	test_priorities();
	test_admin_states();
	return check_done();
}
