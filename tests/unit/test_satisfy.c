/*
 * test_satisfy.c -- what counts as an answer to the satisfaction
 * question (satisfy_parse, satisfy.h): a digit 1-5 at the start of the
 * mail's own text, and the sentence after it; and the report's
 * satisfaction figures (report.h) against a count by hand.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <time.h>

#include "check.h"
#include "report_write.h"
#include "satisfy.h"
#include "util.h"

/* text gives score want (0: no answer) and, when an answer, comment. */
static void
ans(const char *text, int want, const char *comment)
{
	char	*c = NULL;

	CHECK_INT(satisfy_parse(text, strlen(text), &c), want);
	if (want != 0) {
		CHECK(c != NULL);
		if (c != NULL)
			CHECK_STR(c, comment);
	} else
		CHECK(c == NULL);
	free(c);
}

static int64_t
local(int y, int mo, int d)
{
	struct tm tm = { 0 };

	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = 10;
	tm.tm_isdst = -1;
	return (int64_t)mktime(&tm);
}

/*
 * Decided in 2025 and asked: 1 afval gegrond 4, 2 afval gegrond 2,
 * 3 afval ongegrond (no answer), 4 parkeren ongegrond 5.  Not counted:
 * 5 (not asked), 6 (decided in 2024), 7 (merged), 8 (open).
 * By hand: all 4 asked, 3 answered (75.0%), (4+2+5)/3 = 3.7; afval 3, 2
 * (66.7%), 3.0; parkeren 1, 1, 5.0; gegrond 2, 2, 3.0; ongegrond 2, 1
 * (50.0%), 5.0.
 */
static void
report_figures(void)
{
	static const char *const ids[] = { "afval", "parkeren" };
	static const char *const names[] = { "Afval", "Parkeren" };
	int64_t r0 = local(2025, 3, 1), d0 = local(2025, 4, 1);
	struct report_case c[] = {
		{ 1, "KL-2025-00001", "afval", r0, d0, d0, 0, "gegrond",
		  REPORT_ADMIN_NONE, NULL, NULL, NULL, NULL, 1, 4, 0, NULL, NULL, 0 },
		{ 2, "KL-2025-00002", "afval", r0, d0, d0, 0, "gegrond",
		  REPORT_ADMIN_NONE, NULL, NULL, NULL, NULL, 1, 2, 0, NULL, NULL, 0 },
		{ 3, "KL-2025-00003", "afval", r0, d0, d0, 0, "ongegrond",
		  REPORT_ADMIN_NONE, NULL, NULL, NULL, NULL, 1, 0, 0, NULL, NULL, 0 },
		{ 4, "KL-2025-00004", "parkeren", r0, d0, d0, 0, "ongegrond",
		  REPORT_ADMIN_NONE, NULL, NULL, NULL, NULL, 1, 5, 0, NULL, NULL, 0 },
		{ 5, "KL-2025-00005", "parkeren", r0, d0, d0, 0, "gegrond",
		  REPORT_ADMIN_NONE, NULL, NULL, NULL, NULL, 0, 0, 0, NULL, NULL, 0 },
		{ 6, "KL-2024-00006", "afval", local(2024, 11, 1), d0,
		  local(2024, 12, 1), 0, "gegrond", REPORT_ADMIN_NONE, NULL, NULL, NULL, NULL,
		  1, 1, 0, NULL, NULL, 0 },
		{ 7, "KL-2025-00007", "afval", r0, d0, d0, 0, NULL,
		  REPORT_ADMIN_MERGED, NULL, NULL, NULL, NULL, 1, 1, 0, NULL, NULL, 0 },
		{ 8, "KL-2025-00008", "afval", r0, d0, 0, 0, NULL,
		  REPORT_ADMIN_NONE, NULL, NULL, NULL, NULL, 1, 1, 0, NULL, NULL, 0 },
	};
	struct report_input	 in;
	struct report		*r;
	struct buf		 b;
	int			 g = J_UPHELD, o = J_NOT_UPHELD;

	memset(&in, 0, sizeof in);
	in.cases = c;
	in.ncases = sizeof c / sizeof c[0];
	report_period_year(2025, &in.period);
	in.cat_ids = ids;
	in.cat_names = names;
	in.ncat = 2;
	in.org_name = "Gemeente Testdorp";
	in.lang = "en";
	r = report_compute(&in);
	CHECK_INT(r->total.sat_asked, 4);
	CHECK_INT(r->total.sat_answered, 3);
	CHECK_INT(r->total.sat_sum, 11);
	CHECK_INT(r->total.sat_j_asked[g], 2);
	CHECK_INT(r->total.sat_j_answered[g], 2);
	CHECK_INT(r->total.sat_j_sum[g], 6);
	CHECK_INT(r->total.sat_j_asked[o], 2);
	CHECK_INT(r->total.sat_j_answered[o], 1);
	CHECK_INT(r->total.sat_j_sum[o], 5);
	CHECK_INT(r->total.sat_j_asked[REPORT_J_NONE], 0);
	CHECK_STR(r->cats[0].id, "afval");
	CHECK_INT(r->cats[0].s.sat_asked, 3);
	CHECK_INT(r->cats[0].s.sat_answered, 2);
	CHECK_INT(r->cats[0].s.sat_sum, 6);
	CHECK_INT(r->cats[1].s.sat_asked, 1);
	CHECK_INT(r->cats[1].s.sat_sum, 5);

	buf_init(&b);
	report_json(&b, r);
	CHECK_CONTAINS(b.data, "\"satisfaction\":{\"asked\":4,\"answered\":3,"
	    "\"response_pct\":75.0,\"score_avg\":3.7,\"by_judgement\":{"
	    "\"gegrond\":{\"asked\":2,\"answered\":2,\"response_pct\":100.0,"
	    "\"score_avg\":3.0},");
	CHECK_CONTAINS(b.data, "\"ongegrond\":{\"asked\":2,\"answered\":1,"
	    "\"response_pct\":50.0,\"score_avg\":5.0}");
	CHECK_CONTAINS(b.data, "\"none\":{\"asked\":0,\"answered\":0,"
	    "\"response_pct\":null,\"score_avg\":null}}}");
	buf_free(&b);
	buf_init(&b);
	report_csv(&b, r);
	CHECK_CONTAINS(b.data, "\r\nsatisfaction_asked,,,,4\r\n"
	    "satisfaction_answered,,,,3\r\nsatisfaction_response_pct,,,,75.0"
	    "\r\nsatisfaction_score_avg,,,,3.7\r\n");
	CHECK_CONTAINS(b.data, "\r\nsatisfaction_response_pct,afval,,,66.7\r\n"
	    "satisfaction_score_avg,afval,,,3.0\r\n");
	CHECK_CONTAINS(b.data, "\r\nsatisfaction_score_avg,,,ongegrond,5.0"
	    "\r\n");
	CHECK_CONTAINS(b.data, "\r\nsatisfaction_score_avg,,,none,\r\n");
	buf_free(&b);
	buf_init(&b);
	report_text(&b, r);
	CHECK_CONTAINS(b.data, "satisfaction: asked 4, answered 3 (75.0%), "
	    "average score 3.7 (1-5)\n");
	CHECK_CONTAINS(b.data, "  not upheld: asked 2, answered 1 (50.0%), "
	    "average score 5.0\n");
	buf_free(&b);
	report_free(r);

	in.lang = "nl";
	r = report_compute(&in);
	buf_init(&b);
	report_text(&b, r);
	CHECK_CONTAINS(b.data, "tevredenheid: gevraagd 4, geantwoord 3 "
	    "(75,0%), gemiddeld cijfer 3,7 (1-5)\n");
	CHECK_CONTAINS(b.data, "  ongegrond: gevraagd 2, geantwoord 1 "
	    "(50,0%), gemiddeld cijfer 5,0\n");
	buf_free(&b);
	report_free(r);
}

int
main(void)
{
	char	 big[3000], *c = NULL;
	size_t	 i;

	ans("4 Prima geholpen", 4, "Prima geholpen");
	ans("4", 4, "");
	ans("1", 1, "");
	ans("5.", 5, "");
	ans("\n\n  3, het duurde lang\nmaar goed.\n", 3,
	    "het duurde lang maar goed.");
	ans("2 - niemand belde terug", 2, "niemand belde terug");
	ans("4/5 goed", 4, "goed");
	ans("4 / 5", 4, "");
	ans("5:\ttop", 5, "top");
	ans("3) redelijk", 3, "redelijk");
	ans("4 Très bien géholpen", 4, "Très bien géholpen");
	/* No answer. */
	ans("", 0, NULL);
	ans("   \n", 0, NULL);
	ans("0 slecht", 0, NULL);
	ans("6 super", 0, NULL);
	ans("9", 0, NULL);
	ans("10", 0, NULL);
	ans("45 minuten gewacht", 0, NULL);
	ans("4.5", 0, NULL);
	ans("3,5 ongeveer", 0, NULL);
	ans("Dank u wel, 4", 0, NULL);
	ans("een 4", 0, NULL);
	ans("-4", 0, NULL);
	/* Only len bytes are read: the quoted text is past body_own_len. */
	CHECK_INT(satisfy_parse("4 goed\n> 1 slecht", 6, &c), 4);
	CHECK_STR(c, "goed");
	free(c);
	CHECK_INT(satisfy_parse("x4", 1, NULL), 0);
	CHECK_INT(satisfy_parse(NULL, 0, NULL), 0);
	CHECK_INT(satisfy_parse("2 matig", 7, NULL), 2);
	/* A long sentence is cut at SATISFY_COMMENT_MAX bytes, never in
	 * the middle of a character. */
	big[0] = '5';
	big[1] = ' ';
	for (i = 2; i + 2 < sizeof big; i += 2) {
		big[i] = (char)0xc3;	/* "é" */
		big[i + 1] = (char)0xa9;
	}
	big[i] = '\0';
	CHECK_INT(satisfy_parse(big, strlen(big), &c), 5);
	CHECK(strlen(c) <= SATISFY_COMMENT_MAX);
	CHECK(strlen(c) >= SATISFY_COMMENT_MAX - 2);
	CHECK(strlen(c) % 2 == 0);
	free(c);

	setenv("TZ", "Europe/Amsterdam", 1);
	tzset();
	report_figures();
	return check_done();
}
