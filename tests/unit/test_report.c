/*
 * Unit tests of the report figures (report.c), their writers (text, CSV,
 * JSON, HTML) and the pure parts of privacy.c: every definition in
 * report.h has a case here with a hand-counted answer, including the
 * boundaries (decided exactly on the due date, midnight at a month's end,
 * the nearest-rank percentile, DST); and the retention purge in bounded
 * batches on a temporary database.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cfg.h"
#include "check.h"
#include "klacht.h"
#include "privacy.h"
#include "report_write.h"
#include "store.h"
#include "util.h"

static int64_t
local(int y, int mo, int d, int h, int mi)
{
	struct tm tm = { 0 };

	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_isdst = -1;
	return (int64_t)mktime(&tm);
}

static const char *const cat_ids[] = { "afval", "parkeren", "wmo" };
static const char *const cat_names[] = { "Afval", "Parkeren <P>",
	"Zorg & Wmo" };

static void
input(struct report_input *in, const struct report_case *c, size_t n,
    const struct report_event *e, size_t ne)
{
	memset(in, 0, sizeof *in);
	in->cases = c;
	in->ncases = n;
	in->events = e;
	in->nevents = ne;
	report_period_year(2025, &in->period);
	in->cat_ids = cat_ids;
	in->cat_names = cat_names;
	in->ncat = 3;
	in->org_name = "Gemeente Testdorp";
	in->lang = "nl";
	in->now = local(2026, 1, 15, 12, 0);
}

static const struct report_category *
cat(const struct report *r, const char *id)
{
	size_t	i;

	for (i = 0; i < r->ncats; i++)
		if (strcmp(r->cats[i].id, id) == 0)
			return &r->cats[i];
	return NULL;
}

static void
test_periods(void)
{
	struct report_period p;

	report_period_year(2025, &p);
	CHECK_INT(p.start, local(2025, 1, 1, 0, 0));
	CHECK_INT(p.end, local(2026, 1, 1, 0, 0));
	CHECK_INT(p.prev_start, local(2024, 1, 1, 0, 0));
	CHECK_INT(p.prev_end, p.start);
	/* 10 days, both included; the previous period is the 10 before. */
	CHECK_INT(report_period_days(local(2025, 3, 25, 0, 0),
	    local(2025, 4, 3, 0, 0), &p), 0);
	CHECK_INT(p.end, local(2025, 4, 4, 0, 0));
	CHECK_INT(p.prev_start, local(2025, 3, 15, 0, 0));
	CHECK_INT(p.prev_end, local(2025, 3, 25, 0, 0));
	CHECK_INT(report_period_days(local(2025, 4, 3, 0, 0),
	    local(2025, 3, 25, 0, 0), &p), -1);
	/* Calendar days, not 24-hour blocks: across the DST change and
	 * from late evening to early morning. */
	CHECK_INT(report_days_between(local(2025, 3, 29, 23, 0),
	    local(2025, 3, 31, 0, 30)), 2);
	CHECK_INT(report_days_between(local(2025, 5, 1, 23, 59),
	    local(2025, 5, 2, 0, 1)), 1);
	CHECK_INT(report_days_between(local(2025, 5, 1, 8, 0),
	    local(2025, 5, 1, 17, 0)), 0);
}

static void
test_figures(void)
{
	/* Handling days: 1: 10 (on time), 2: 42 exactly at due (on time),
	 * 3: 43 a second late, 4: 30 extended, 6: closed without decision
	 * (counts as decided, judgement none), 7: decided in 2026 (open at
	 * the end of 2025), 8: received 2024, decided 2025, 9: open. */
	const int64_t d0 = local(2025, 1, 6, 9, 0);
	struct report_case c[] = {
		{ 1, "KL-2025-00001", "afval", d0, d0 + 42 * 86400,
		  local(2025, 1, 16, 15, 0), 0, "gegrond", REPORT_ADMIN_NONE, NULL,
		  NULL, NULL, NULL, 0, 0, 0, NULL, NULL, 0 },
		{ 2, "KL-2025-00002", "afval", local(2025, 2, 3, 10, 0),
		  local(2025, 3, 17, 10, 0), local(2025, 3, 17, 10, 0), 0,
		  "ongegrond", REPORT_ADMIN_NONE, NULL,
		  NULL, NULL, NULL, 0, 0, 0, NULL, NULL, 0 },
		{ 3, "KL-2025-00003", "parkeren", local(2025, 2, 3, 10, 0),
		  local(2025, 3, 17, 10, 0), local(2025, 3, 17, 10, 0) + 1,
		  0, "deels-gegrond", REPORT_ADMIN_NONE, "telefoon",
		  NULL, NULL, NULL, 0, 0, 0, NULL, NULL, 0 },
		{ 4, "KL-2025-00004", "parkeren", local(2025, 3, 31, 23, 30),
		  local(2025, 6, 9, 23, 30), local(2025, 4, 30, 12, 0), 1,
		  "ongegrond", REPORT_ADMIN_NONE, "brief",
		  NULL, NULL, NULL, 0, 0, 0, NULL, NULL, 0 },
		{ 6, "KL-2025-00006", NULL, local(2025, 4, 1, 0, 0),
		  local(2025, 5, 13, 0, 0), local(2025, 4, 11, 0, 0), 0,
		  NULL, REPORT_ADMIN_NONE, NULL,
		  NULL, NULL, NULL, 0, 0, 0, NULL, NULL, 0 },
		{ 7, "KL-2025-00007", "wmo", local(2025, 12, 20, 10, 0),
		  local(2026, 1, 31, 10, 0), local(2026, 1, 5, 10, 0), 0,
		  "gegrond", REPORT_ADMIN_NONE, NULL,
		  NULL, NULL, NULL, 0, 0, 0, NULL, NULL, 0 },
		{ 8, "KL-2024-00100", "afval", local(2024, 12, 10, 10, 0),
		  local(2025, 1, 21, 10, 0), local(2025, 1, 7, 10, 0), 0,
		  "ingetrokken", REPORT_ADMIN_NONE, NULL,
		  NULL, NULL, NULL, 0, 0, 0, NULL, NULL, 0 },
		{ 9, "KL-2025-00009", "oud", local(2025, 6, 1, 10, 0),
		  local(2025, 7, 13, 10, 0), 0, 0, NULL, REPORT_ADMIN_NONE, NULL,
		  NULL, NULL, NULL, 0, 0, 0, NULL, NULL, 0 },
		{ 10, "KL-2024-00001", "afval", local(2024, 5, 1, 10, 0),
		  local(2024, 6, 12, 10, 0), local(2024, 6, 1, 10, 0), 0,
		  "gegrond", REPORT_ADMIN_NONE, NULL,
		  NULL, NULL, NULL, 0, 0, 0, NULL, NULL, 0 },
	};
	struct report_event e[] = {
		{ 3, local(2025, 3, 18, 9, 0), RE_ESCALATION },
		{ 3, local(2025, 3, 25, 9, 0), RE_ESCALATION },
		{ 7, local(2026, 2, 1, 9, 0), RE_ESCALATION },	/* 2026 */
		{ 9, local(2025, 8, 1, 9, 0), RE_ESCALATION },
		{ 1, local(2025, 2, 1, 9, 0), RE_REOPEN },
		{ 1, local(2025, 2, 2, 9, 0), RE_REOPEN },
		{ 42, local(2025, 2, 2, 9, 0), RE_REOPEN },	/* no case */
	};
	struct report_input	 in;
	struct report		*r;
	const struct report_category *a, *p, *n, *o, *w;

	input(&in, c, sizeof c / sizeof c[0], e, sizeof e / sizeof e[0]);
	r = report_compute(&in);
	CHECK_INT(r->total.received, 7);
	CHECK_INT(r->total.decided, 6);		/* 1 2 3 4 6 8 */
	CHECK_INT(r->total.open, 2);		/* 7 and 9 */
	CHECK_INT(r->total.on_time, 5);		/* all but 3 */
	CHECK_INT(r->total.extended, 1);
	CHECK_INT(r->total.judgements[0], 1);	/* gegrond: 1 */
	CHECK_INT(r->total.judgements[1], 1);	/* deels-gegrond: 3 */
	CHECK_INT(r->total.judgements[2], 2);	/* ongegrond: 2, 4 */
	CHECK_INT(r->total.judgements[3], 0);
	CHECK_INT(r->total.judgements[4], 1);	/* ingetrokken: 8 */
	CHECK_INT(r->total.judgements[REPORT_J_NONE], 1);
	/* Days: 10, 42, 42, 30 (31 March 23:30 -> 30 April), 10, 28 (10
	 * Dec -> 7 Jan); sorted 10 10 28 30 42 42: median (28+30)/2 = 29,
	 * p90 = rank ceil(5.4) = 6 -> 42. */
	CHECK_INT(r->total.handled, 6);
	CHECK_INT(r->total.median2, 58);
	CHECK_INT(r->total.p90, 42);
	CHECK_INT(r->total.escalations, 3);
	CHECK_INT(r->total.cases_escalated, 2);
	CHECK_INT(r->total.reopens, 2);
	CHECK_INT(r->total.cases_reopened, 1);
	CHECK_INT(r->total.prev_received, 2);	/* 8 and 10 */

	/* Configured categories first (in order), then "oud", "(none)". */
	CHECK_INT(r->ncats, 5);
	CHECK_STR(r->cats[0].id, "afval");
	CHECK_STR(r->cats[2].id, "wmo");
	CHECK_STR(r->cats[3].id, "oud");
	CHECK_STR(r->cats[4].id, REPORT_NO_CATEGORY);
	CHECK_INT(r->cats[3].configured, 0);
	CHECK_STR(r->cats[1].name, "Parkeren <P>");
	a = cat(r, "afval");
	p = cat(r, "parkeren");
	n = cat(r, REPORT_NO_CATEGORY);
	o = cat(r, "oud");
	w = cat(r, "wmo");
	CHECK(a && p && n && o && w);
	if (a && p && n && o && w) {
		CHECK_INT(a->s.received, 2);
		CHECK_INT(a->s.decided, 3);
		CHECK_INT(a->s.prev_received, 2);
		CHECK_INT(a->s.median2, 2 * 28);	/* 10 28 42 */
		CHECK_INT(p->s.on_time, 1);
		CHECK_INT(p->s.escalations, 2);
		CHECK_INT(p->s.cases_escalated, 1);
		CHECK_INT(n->s.judgements[REPORT_J_NONE], 1);
		CHECK_INT(o->s.open, 1);
		CHECK_INT(o->s.escalations, 1);
		CHECK_INT(w->s.open, 1);
		CHECK_INT(w->s.decided, 0);
		CHECK_INT(w->s.handled, 0);
	}
	/* Months: 31 March 23:30 is March; 1 April 00:00 is April. */
	CHECK_INT(r->nmonths, 12);
	CHECK_INT(r->months[2].received, 1);
	CHECK_INT(r->months[3].received, 1);
	CHECK_INT(r->months[0].received, 1);
	CHECK_INT(r->months[0].decided, 2);	/* 1 and 8 */
	CHECK_INT(r->months[1].by_category[1], 1);	/* Feb parkeren */
	/* Rising: parkeren 0 -> 2, wmo 0 -> 1, oud 0 -> 1, none 0 -> 1;
	 * afval 2 -> 2 is not rising.  Biggest change first, then id. */
	CHECK_INT(r->nrising, 4);
	CHECK_STR(r->cats[r->rising[0]].id, "parkeren");
	CHECK_STR(r->cats[r->rising[1]].id, REPORT_NO_CATEGORY);
	CHECK_STR(r->cats[r->rising[2]].id, "oud");
	CHECK_STR(r->cats[r->rising[3]].id, "wmo");
	CHECK_INT(r->nescalated, 2);
	CHECK_STR(r->escalated[0].ref, "KL-2025-00003");
	CHECK_INT(r->escalated[0].count, 2);

	{
		struct buf b;

		buf_init(&b);
		report_json(&b, r);
		CHECK_CONTAINS(b.data, "\"period\":{\"from\":\"2025-01-01\","
		    "\"to\":\"2025-12-31\",\"previous_from\":\"2024-01-01\","
		    "\"previous_to\":\"2024-12-31\"}");
		CHECK_CONTAINS(b.data, "\"totals\":{\"received\":7,"
		    "\"decided\":6,\"open\":2,\"on_time\":5,"
		    "\"on_time_pct\":83.3,\"extended\":1,"
		    "\"extended_pct\":16.7,\"handling_days\":{\"count\":6,"
		    "\"median\":29,\"p90\":42}");
		CHECK_CONTAINS(b.data, "\"judgements\":{\"gegrond\":1,"
		    "\"deels-gegrond\":1,\"ongegrond\":2,"
		    "\"niet-ontvankelijk\":0,\"ingetrokken\":1,\"none\":1}");
		CHECK_CONTAINS(b.data, "{\"category\":\"parkeren\","
		    "\"previous\":0,\"current\":2,\"change\":2,"
		    "\"change_pct\":null}");
		CHECK_CONTAINS(b.data, "\"median\":null,\"p90\":null");
		/* Issue 14: the channels the complaints came by. */
		CHECK_CONTAINS(b.data, "\"previous_received\":2,"
		    "\"merged\":0,\"void\":0,\"received_by_channel\":{\"email\":5,\"telefoon\":1,"
		    "\"balie\":0,\"brief\":1,\"webformulier\":0}");
		buf_free(&b);

		buf_init(&b);
		report_csv(&b, r);
		CHECK(str_startswith(b.data,
		    "metric,category,month,key,value\r\n"));
		CHECK_CONTAINS(b.data, "\r\nreceived,,,,7\r\n");
		CHECK_CONTAINS(b.data, "\r\njudgement,parkeren,,ongegrond,1\r\n");
		CHECK_CONTAINS(b.data, "\r\nhandling_days_median,,,,29\r\n");
		CHECK_CONTAINS(b.data, "\r\nreceived,parkeren,2025-02,,1\r\n");
		CHECK_CONTAINS(b.data, "\r\nreceived_by_channel,,,email,5\r\n");
		CHECK_CONTAINS(b.data,
		    "\r\nreceived_by_channel,parkeren,,telefoon,1\r\n");
		CHECK_CONTAINS(b.data, "\r\ncase_escalations,parkeren,,"
		    "KL-2025-00003,2\r\n");
		CHECK_CONTAINS(b.data, "\r\non_time_pct,wmo,,,\r\n");
		buf_free(&b);

		/* The text report in the configured language (issue 16),
		 * numbers written the Dutch way in Dutch. */
		buf_init(&b);
		report_text(&b, r);
		CHECK_CONTAINS(b.data, "Klachtenrapportage 2025-01-01 tot en "
		    "met 2025-12-31\n");
		CHECK_CONTAINS(b.data, "ontvangen 7, afgehandeld 6, open aan "
		    "het eind 2");
		CHECK_CONTAINS(b.data, "binnen de termijn afgehandeld: 5 van 6 "
		    "(83,3%)");
		CHECK_CONTAINS(b.data, "mediaan 29, 90e percentiel 42");
		CHECK_CONTAINS(b.data, "parkeren 0 -> 2 (+2, nieuw)");
		CHECK(strstr(b.data, "received") == NULL);
		CHECK(strstr(b.data, "83.3") == NULL);
		buf_free(&b);
		{
			char *nl = r->lang;

			r->lang = (char *)"en";
			buf_init(&b);
			report_text(&b, r);
			CHECK_CONTAINS(b.data, "Complaints report 2025-01-01 "
			    "to 2025-12-31\n");
			CHECK_CONTAINS(b.data, "received 7, decided 6, open "
			    "at the end 2");
			CHECK_CONTAINS(b.data, "decided within the term: 5 of "
			    "6 (83.3%)");
			CHECK_CONTAINS(b.data, "median 29, 90th percentile 42");
			CHECK_CONTAINS(b.data, "parkeren 0 -> 2 (+2, new)");
			buf_free(&b);
			buf_init(&b);
			report_html(&b, r);
			CHECK_CONTAINS(b.data, "83.3%");
			buf_free(&b);
			r->lang = nl;
		}

		buf_init(&b);
		report_html(&b, r);
		CHECK(str_startswith(b.data, "<!DOCTYPE html>"));
		/* Dutch numbers in the Dutch page. */
		CHECK_CONTAINS(b.data, "83,3%");
		CHECK(strstr(b.data, "83.3%") == NULL);
		CHECK_CONTAINS(b.data, "<meta charset=\"utf-8\">");
		CHECK_CONTAINS(b.data, "<svg xmlns=\"http://www.w3.org/2000/"
		    "svg\"");
		CHECK_CONTAINS(b.data, "@media print");
		CHECK_CONTAINS(b.data, "Parkeren &lt;P&gt;");
		CHECK_CONTAINS(b.data, "Zorg &amp; Wmo");
		CHECK(strstr(b.data, "<P>") == NULL);
		/* Nothing fetched from anywhere, no script. */
		CHECK(strstr(b.data, "<script") == NULL);
		CHECK(strstr(b.data, " src=") == NULL);
		CHECK(strstr(b.data, " href=") == NULL);
		CHECK(strstr(b.data, "url(") == NULL);
		CHECK(strstr(b.data, "@import") == NULL);
		/* Bars in the category colours, and the on-time bar. */
		CHECK_CONTAINS(b.data, "fill=\"#1f77b4\"");
		CHECK_CONTAINS(b.data, "fill=\"#2e8540\"");
		buf_free(&b);
	}
	report_free(r);

	/* The category filter keeps one category only, events too. */
	in.category = "parkeren";
	r = report_compute(&in);
	CHECK_INT(r->ncats, 1);
	CHECK_INT(r->total.received, 2);
	CHECK_INT(r->total.decided, 2);
	CHECK_INT(r->total.escalations, 2);
	CHECK_INT(r->total.reopens, 0);
	CHECK_INT(r->total.median2, 2 * 36);	/* 30 and 42 */
	report_free(r);
	in.category = REPORT_NO_CATEGORY;
	r = report_compute(&in);
	CHECK_INT(r->total.received, 1);
	report_free(r);
}

static void
test_percentiles(void)
{
	/* p90 by nearest rank: n = 10 -> 9th, n = 11 -> 10th, n = 1. */
	struct report_case	c[11];
	struct report_input	in;
	struct report		*r;
	int			 i;
	char			 refs[11][20];

	memset(c, 0, sizeof c);
	for (i = 0; i < 11; i++) {
		snprintf(refs[i], sizeof refs[i], "KL-2025-%05d", i + 1);
		c[i].id = i + 1;
		c[i].ref = refs[i];
		c[i].category = "afval";
		c[i].received_at = local(2025, 2, 1, 10, 0);
		c[i].decided_at = local(2025, 2, 2 + i, 10, 0);	/* i+1 */
		c[i].due_at = local(2025, 3, 15, 10, 0);
	}
	input(&in, c, 10, NULL, 0);
	r = report_compute(&in);
	CHECK_INT(r->total.median2, 11);	/* (5 + 6) */
	CHECK_INT(r->total.p90, 9);
	report_free(r);
	input(&in, c, 11, NULL, 0);
	r = report_compute(&in);
	CHECK_INT(r->total.median2, 12);
	CHECK_INT(r->total.p90, 10);
	report_free(r);
	input(&in, c, 1, NULL, 0);
	r = report_compute(&in);
	CHECK_INT(r->total.median2, 2);
	CHECK_INT(r->total.p90, 1);
	{
		struct buf b;

		buf_init(&b);
		report_half(&b, 11);
		CHECK_STR(b.data, "5.5");
		buf_free(&b);
	}
	report_free(r);
}

/* First contact: cases received in the period with a contact event (at
 * any time, even after the period), the earliest one counting; median
 * days from receipt, in total and per category. */
static void
test_first_contact(void)
{
	struct report_case c[] = {
		{ 1, "KL-2025-00001", "afval", local(2025, 3, 2, 10, 0),
		  local(2025, 4, 13, 10, 0), 0, 0, NULL, REPORT_ADMIN_NONE, NULL,
		  NULL, NULL, NULL, 0, 0, 0, NULL, NULL, 0 },
		{ 2, "KL-2025-00002", "afval", local(2025, 3, 2, 10, 0),
		  local(2025, 4, 13, 10, 0), 0, 0, NULL, REPORT_ADMIN_NONE, NULL,
		  NULL, NULL, NULL, 0, 0, 0, NULL, NULL, 0 },
		{ 3, "KL-2025-00003", "parkeren", local(2025, 12, 30, 10, 0),
		  local(2026, 2, 10, 10, 0), 0, 0, NULL, REPORT_ADMIN_NONE, NULL,
		  NULL, NULL, NULL, 0, 0, 0, NULL, NULL, 0 },
		{ 4, "KL-2025-00004", "parkeren", local(2025, 6, 1, 10, 0),
		  local(2025, 7, 13, 10, 0), 0, 0, NULL, REPORT_ADMIN_NONE, NULL,
		  NULL, NULL, NULL, 0, 0, 0, NULL, NULL, 0 },	/* none */
		{ 5, "KL-2024-00005", "afval", local(2024, 12, 1, 10, 0),
		  local(2025, 1, 12, 10, 0), 0, 0, NULL, REPORT_ADMIN_NONE, NULL,
		  NULL, NULL, NULL, 0, 0, 0, NULL, NULL, 0 },	/* 2024 */
	};
	struct report_event e[] = {
		{ 1, local(2025, 3, 4, 9, 0), RE_CONTACT },	/* 2 days */
		{ 1, local(2025, 3, 3, 9, 0), RE_CONTACT },	/* 1: first */
		{ 2, local(2025, 3, 9, 9, 0), RE_CONTACT },	/* 7 */
		{ 3, local(2026, 1, 2, 9, 0), RE_CONTACT },	/* 3, in 2026 */
		{ 5, local(2025, 1, 2, 9, 0), RE_CONTACT },	/* not counted */
		{ 3, local(2025, 12, 31, 9, 0), RE_ESCALATION },
	};
	struct report_input	 in;
	struct report		*r;
	struct buf		 b;

	input(&in, c, sizeof c / sizeof c[0], e, sizeof e / sizeof e[0]);
	r = report_compute(&in);
	CHECK_INT(r->total.received, 4);
	CHECK_INT(r->total.contacted, 3);		/* 1, 2, 3 */
	CHECK_INT(r->total.contact_median2, 6);		/* 1 3 7: 3 */
	CHECK_INT(r->total.escalations, 1);
	CHECK_INT(r->total.reopens, 0);			/* contacts are not */
	CHECK_INT(cat(r, "afval")->s.contacted, 2);
	CHECK_INT(cat(r, "afval")->s.contact_median2, 8);	/* (1 + 7) */
	CHECK_INT(cat(r, "parkeren")->s.contacted, 1);
	CHECK_INT(cat(r, "parkeren")->s.contact_median2, 6);
	buf_init(&b);
	report_text(&b, r);
	CHECK_CONTAINS(b.data, "  eerste contact vastgelegd: 3 van 4 "
	    "ontvangen; dagen tot dan: mediaan 3\n");
	buf_free(&b);
	buf_init(&b);
	report_json(&b, r);
	CHECK_CONTAINS(b.data, "\"first_contact\":{\"count\":3,"
	    "\"median_days\":3}");
	buf_free(&b);
	report_free(r);
}

static void
test_register(void)
{
	struct report_case c[] = {
		{ 2, "KL-2025-00002", "wmo", local(2025, 3, 1, 10, 0),
		  local(2025, 4, 12, 10, 0), 0, 0, NULL, REPORT_ADMIN_NONE, "balie",
		  NULL, NULL, NULL, 0, 0, 0, NULL, NULL, 0 },
		{ 1, "KL-2025-00001", "afval", local(2025, 2, 1, 10, 0),
		  local(2025, 3, 15, 10, 0), local(2025, 2, 11, 16, 0), 0,
		  "gegrond", REPORT_ADMIN_NONE, NULL,
		  NULL, NULL, NULL, 0, 0, 0, NULL, NULL, 0 },
		{ 3, "KL-2024-00009", "afval", local(2024, 12, 1, 10, 0),
		  local(2025, 1, 12, 10, 0), local(2025, 1, 5, 16, 0), 0,
		  "ongegrond", REPORT_ADMIN_NONE, NULL,
		  NULL, NULL, NULL, 0, 0, 0, NULL, NULL, 0 },
		/* Issue 14: merged into 00001 and void: no complaints. */
		{ 4, "KL-2025-00004", "afval", local(2025, 2, 2, 10, 0),
		  local(2025, 3, 16, 10, 0), 0, 0, NULL,
		  REPORT_ADMIN_MERGED, NULL,
		  NULL, NULL, NULL, 0, 0, 0, NULL, NULL, 0 },
		{ 5, "KL-2025-00005", "wmo", local(2025, 3, 2, 10, 0),
		  local(2025, 4, 13, 10, 0), 0, 0, NULL, REPORT_ADMIN_VOID, NULL,
		  NULL, NULL, NULL, 0, 0, 0, NULL, NULL, 0 },
	};
	/* What happened on the void case before it was voided counts
	 * nowhere either. */
	struct report_event e[] = {
		{ 5, local(2025, 3, 3, 10, 0), RE_CONTACT },
		{ 5, local(2025, 4, 14, 11, 0), RE_ESCALATION },
		{ 5, local(2025, 4, 15, 11, 0), RE_REOPEN },
	};
	struct report_input	in;
	struct report		*r;
	struct buf		b;

	input(&in, c, 5, e, 3);
	r = report_compute(&in);
	CHECK_INT(r->total.received, 2);
	CHECK_INT(r->total.open, 1);
	CHECK_INT(r->total.merged, 1);
	CHECK_INT(r->total.voided, 1);
	CHECK_INT(r->total.escalations, 0);
	CHECK_INT(r->total.reopens, 0);
	CHECK_INT(r->total.contacted, 0);
	CHECK_INT(r->nescalated, 0);
	report_free(r);
	buf_init(&b);
	report_register(&b, &in, REPORT_CSV);
	CHECK_STR(b.data, "reference,received,category,judgement,decided,"
	    "handling_days,channel,department,cause,resolved_informally\r\n"
	    "KL-2025-00001,2025-02-01,afval,gegrond,2025-02-11,10,email,,,\r\n"
	    "KL-2025-00002,2025-03-01,wmo,,,,balie,,,\r\n");
	buf_free(&b);
	buf_init(&b);
	report_register(&b, &in, REPORT_JSON);
	CHECK_CONTAINS(b.data, "\"complaints\":[{\"reference\":"
	    "\"KL-2025-00001\",\"received\":\"2025-02-01\",\"category\":"
	    "\"afval\",\"judgement\":\"gegrond\",\"decided\":\"2025-02-11\","
	    "\"handling_days\":10,\"channel\":\"email\",\"department\":null,"
	    "\"cause\":null,\"resolved_informally\":null},");
	buf_free(&b);
	buf_init(&b);
	report_register(&b, &in, REPORT_HTML);
	CHECK_CONTAINS(b.data, "<td>KL-2025-00002</td>");
	CHECK_CONTAINS(b.data, "<td class=\"l\">balie</td><td class=\"l\">-"
	    "</td><td class=\"l\">-</td></tr>");
	CHECK_CONTAINS(b.data, "Zorg &amp; Wmo");
	CHECK(strstr(b.data, "KL-2024-00009") == NULL);
	buf_free(&b);
}

/* Issue 15: per department and cause, received and decided in the
 * period with the judgements of the decided; labels of the received;
 * merged/void cases and the category filter left out; the register's
 * two columns at the end. */
static void
test_classes(void)
{
	static const char *const l1[] = { "wachttijd", "toon", NULL };
	static const char *const l2[] = { "wachttijd", NULL };
	static const char *const dept_ids[] = { "burgerzaken", "wonen" };
	static const char *const dept_names[] = { "Burgerzaken", "Wonen" };
	static const char *const causes[] = { "proces", "gedrag",
		"communicatie" };
	struct report_case c[] = {
		/* 1: burgerzaken/proces, decided gegrond in 2025 */
		{ 1, "KL-2025-00001", "afval", local(2025, 2, 1, 10, 0),
		  local(2025, 3, 15, 10, 0), local(2025, 2, 11, 16, 0), 0,
		  "gegrond", REPORT_ADMIN_NONE, NULL, "burgerzaken", "proces",
		  l1, 0, 0, 0, NULL, NULL, 0 },
		/* 2: burgerzaken/gedrag, open */
		{ 2, "KL-2025-00002", "wmo", local(2025, 3, 1, 10, 0),
		  local(2025, 4, 12, 10, 0), 0, 0, NULL, REPORT_ADMIN_NONE,
		  NULL, "burgerzaken", "gedrag", l2, 0, 0, 0, NULL, NULL, 0 },
		/* 3: received 2024, decided 2025 ongegrond, no cause; a
		 * department no longer configured */
		{ 3, "KL-2024-00009", "afval", local(2024, 12, 1, 10, 0),
		  local(2025, 1, 12, 10, 0), local(2025, 1, 5, 16, 0), 0,
		  "ongegrond", REPORT_ADMIN_NONE, NULL, "oud", NULL, l2, 0, 0, 0, NULL, NULL, 0 },
		/* 4: void: not counted anywhere */
		{ 4, "KL-2025-00004", "afval", local(2025, 2, 2, 10, 0),
		  local(2025, 3, 16, 10, 0), 0, 0, NULL, REPORT_ADMIN_VOID,
		  NULL, "wonen", "proces", l1, 0, 0, 0, NULL, NULL, 0 },
		/* 5: nothing classified, closed without judgement */
		{ 5, "KL-2025-00005", "wmo", local(2025, 5, 2, 10, 0),
		  local(2025, 6, 13, 10, 0), local(2025, 5, 20, 10, 0), 0,
		  NULL, REPORT_ADMIN_NONE, NULL, NULL, NULL, NULL, 0, 0, 0, NULL, NULL, 0 },
	};
	struct report_input	 in;
	struct report		*r;
	struct buf		 b;

	input(&in, c, 5, NULL, 0);
	in.dept_ids = dept_ids;
	in.dept_names = dept_names;
	in.ndept = 2;
	in.cause_ids = causes;
	in.ncause = 3;
	r = report_compute(&in);
	/* Configured in order, then "oud", then "(none)". */
	CHECK_INT(r->ndepts, 4);
	CHECK_STR(r->depts[0].id, "burgerzaken");
	CHECK_STR(r->depts[0].name, "Burgerzaken");
	CHECK_INT(r->depts[0].received, 2);
	CHECK_INT(r->depts[0].decided, 1);
	CHECK_INT(r->depts[0].judgements[J_UPHELD], 1);
	CHECK_STR(r->depts[1].id, "wonen");
	CHECK_INT(r->depts[1].received, 0);		/* 4 is void */
	CHECK_STR(r->depts[2].id, "oud");
	CHECK_INT(r->depts[2].received, 0);
	CHECK_INT(r->depts[2].decided, 1);
	CHECK_INT(r->depts[2].judgements[J_NOT_UPHELD], 1);
	CHECK_STR(r->depts[3].id, REPORT_NO_CLASS);
	CHECK_STR(r->depts[3].name, "(geen)");
	CHECK_INT(r->depts[3].received, 1);
	CHECK_INT(r->depts[3].judgements[REPORT_J_NONE], 1);
	CHECK_INT(r->ncauses, 4);
	CHECK_STR(r->causes[0].id, "proces");
	CHECK_INT(r->causes[0].received, 1);
	CHECK_STR(r->causes[1].id, "gedrag");
	CHECK_INT(r->causes[1].received, 1);
	CHECK_INT(r->causes[1].decided, 0);
	CHECK_STR(r->causes[2].id, "communicatie");
	CHECK_INT(r->causes[2].received, 0);
	CHECK_STR(r->causes[3].id, REPORT_NO_CLASS);
	CHECK_INT(r->causes[3].received, 1);		/* 5 */
	CHECK_INT(r->causes[3].decided, 2);		/* 3 and 5 */
	/* Labels of the cases received in 2025: 1 and 2 (3 is 2024). */
	CHECK_INT(r->nlabels, 2);
	CHECK_STR(r->labels[0].label, "wachttijd");
	CHECK_INT(r->labels[0].received, 2);
	CHECK_STR(r->labels[1].label, "toon");
	CHECK_INT(r->labels[1].received, 1);

	buf_init(&b);
	report_text(&b, r);
	CHECK_CONTAINS(b.data, "\nPer afdeling\n");
	CHECK_CONTAINS(b.data, "  burgerzaken          2           1  "
	    "gegrond 1\n");
	CHECK_CONTAINS(b.data, "  oud                  0           1  "
	    "ongegrond 1\n");
	CHECK_CONTAINS(b.data, "\nPer oorzaak\n");
	CHECK_CONTAINS(b.data, "  communicatie         0           0  -\n");
	buf_free(&b);
	buf_init(&b);
	report_csv(&b, r);
	CHECK_CONTAINS(b.data, "received_by_department,,,burgerzaken,2\r\n"
	    "decided_by_department,,,burgerzaken,1\r\n"
	    "judgement_by_department,,,burgerzaken:gegrond,1\r\n");
	CHECK_CONTAINS(b.data, "judgement_by_cause,,,(none):none,1\r\n");
	CHECK_CONTAINS(b.data, "received_by_label,,,wachttijd,2\r\n"
	    "received_by_label,,,toon,1\r\n");
	buf_free(&b);
	buf_init(&b);
	report_json(&b, r);
	CHECK_CONTAINS(b.data, "\"departments\":[{\"id\":\"burgerzaken\","
	    "\"name\":\"Burgerzaken\",\"received\":2,\"decided\":1,"
	    "\"judgements\":{\"gegrond\":1,");
	CHECK_CONTAINS(b.data, "\"causes\":[{\"id\":\"proces\",");
	CHECK_CONTAINS(b.data, "\"labels\":[{\"label\":\"wachttijd\","
	    "\"received\":2},{\"label\":\"toon\",\"received\":1}],"
	    "\"trend_method\":");
	buf_free(&b);
	report_free(r);

	/* The category filter: only wmo's cases (2 and 5). */
	in.category = "wmo";
	r = report_compute(&in);
	CHECK_INT(r->depts[0].received, 1);
	CHECK_INT(r->depts[0].decided, 0);
	CHECK_INT(r->ndepts, 3);			/* no "oud" */
	CHECK_INT(r->nlabels, 1);
	report_free(r);
	in.category = NULL;

	buf_init(&b);
	report_register(&b, &in, REPORT_CSV);
	CHECK_CONTAINS(b.data, "KL-2025-00001,2025-02-01,afval,gegrond,"
	    "2025-02-11,10,email,burgerzaken,proces,\r\n");
	CHECK_CONTAINS(b.data, "KL-2025-00005,2025-05-02,wmo,none,"
	    "2025-05-20,18,email,,,\r\n");
	buf_free(&b);
	buf_init(&b);
	report_register(&b, &in, REPORT_JSON);
	CHECK_CONTAINS(b.data, "\"channel\":\"email\",\"department\":"
	    "\"burgerzaken\",\"cause\":\"gedrag\",\"resolved_informally\":null}");
	buf_free(&b);
	buf_init(&b);
	report_register(&b, &in, REPORT_TEXT);
	CHECK_CONTAINS(b.data, " KANAAL       AFDELING         OORZAAK\n");
	CHECK_CONTAINS(b.data, " email        burgerzaken      proces\n");
	CHECK_CONTAINS(b.data, " email        -                -\n");
	buf_free(&b);
	buf_init(&b);
	report_register(&b, &in, REPORT_HTML);
	CHECK_CONTAINS(b.data, "<th class=\"l\">Afdeling</th><th class=\"l\">"
	    "Oorzaak</th></tr>");
	CHECK_CONTAINS(b.data, "<td class=\"l\">burgerzaken</td><td "
	    "class=\"l\">proces</td></tr>");
	buf_free(&b);
	r = report_compute(&in);
	buf_init(&b);
	report_html(&b, r);
	CHECK_CONTAINS(b.data, "<h2>Per afdeling</h2>");
	CHECK_CONTAINS(b.data, "<tr><td>Burgerzaken</td><td>2</td><td>1</td>"
	    "<td>1</td><td>0</td>");
	CHECK_CONTAINS(b.data, "<h2>Per oorzaak</h2>");
	CHECK_CONTAINS(b.data, "<tr><td>(geen)</td><td>1</td><td>2</td>");
	buf_free(&b);
	report_free(r);
}

/*
 * Issue 15: complaints resolved informally are complaints (received, in
 * the register) but never decided; counted apart by the day they ended,
 * their share of the complaints ended in the period.
 */
static void
test_resolved(void)
{
	struct report_case c[] = {
		/* Received and resolved in 2025. */
		{ 1, "KL-2025-00001", "afval", local(2025, 2, 1, 10, 0),
		  local(2025, 3, 15, 10, 0), 0, 0, NULL, REPORT_ADMIN_NONE,
		  NULL, NULL, NULL, NULL, 0, 0, local(2025, 2, 10, 11, 0), NULL, NULL, 0 },
		/* Decided formally in 2025. */
		{ 2, "KL-2025-00002", "afval", local(2025, 3, 1, 10, 0),
		  local(2025, 4, 12, 10, 0), local(2025, 3, 20, 10, 0), 0,
		  "ongegrond", REPORT_ADMIN_NONE, NULL, NULL, NULL, NULL, 0, 0, 0, NULL, NULL, 0 },
		/* Received in 2025, resolved in 2026: open at the end. */
		{ 3, "KL-2025-00003", "wmo", local(2025, 12, 20, 10, 0),
		  local(2026, 1, 31, 10, 0), 0, 0, NULL, REPORT_ADMIN_NONE,
		  NULL, NULL, NULL, NULL, 0, 0, local(2026, 1, 5, 10, 0), NULL, NULL, 0 },
		/* Received in 2024, resolved in 2025. */
		{ 4, "KL-2024-00004", "wmo", local(2024, 12, 1, 10, 0),
		  local(2025, 1, 12, 10, 0), 0, 0, NULL, REPORT_ADMIN_NONE,
		  NULL, NULL, NULL, NULL, 0, 0, local(2025, 1, 3, 10, 0), NULL, NULL, 0 },
	};
	struct report_input	in;
	struct report		*r;
	struct buf		b;

	input(&in, c, 4, NULL, 0);
	r = report_compute(&in);
	CHECK_INT(r->total.received, 3);		/* 1, 2, 3 */
	CHECK_INT(r->total.decided, 1);
	CHECK_INT(r->total.open, 1);			/* 3 */
	CHECK_INT(r->total.resolved, 2);		/* 1, 4 */
	CHECK_INT(r->total.judgements[REPORT_J_NONE], 0);
	CHECK_INT(cat(r, "afval")->s.resolved, 1);
	CHECK_INT(cat(r, "wmo")->s.resolved, 1);
	CHECK_INT(cat(r, "wmo")->s.open, 1);
	buf_init(&b);
	report_csv(&b, r);
	CHECK_CONTAINS(b.data, "resolved_informally,,,,2\r\n");
	CHECK_CONTAINS(b.data, "resolved_informally_pct,,,,66.7\r\n");
	buf_free(&b);
	buf_init(&b);
	report_json(&b, r);
	CHECK_CONTAINS(b.data, "\"resolved_informally\":2,"
	    "\"resolved_informally_pct\":66.7");
	buf_free(&b);
	buf_init(&b);
	report_text(&b, r);
	CHECK_CONTAINS(b.data, "informeel opgelost (zonder oordeel, niet als "
	    "afgehandeld geteld): 2; deel van de beëindigde klachten: 66,7%");
	buf_free(&b);
	report_free(r);

	/* The register lists them, with the day they ended (as it lists
	 * judgements: as the case stands now). */
	buf_init(&b);
	report_register(&b, &in, REPORT_CSV);
	CHECK_CONTAINS(b.data, "KL-2025-00001,2025-02-01,afval,,,,email,,,"
	    "2025-02-10\r\n");
	CHECK_CONTAINS(b.data, "KL-2025-00002,2025-03-01,afval,ongegrond,"
	    "2025-03-20,19,email,,,\r\n");
	buf_free(&b);
	buf_init(&b);
	report_register(&b, &in, REPORT_TEXT);
	CHECK_CONTAINS(b.data, "(opgelost)");
	CHECK_CONTAINS(b.data, "3 klachten, waarvan 2 informeel opgelost "
	    "(zonder oordeel)\n");
	buf_free(&b);
}

/* Issue 15: forwarded to another desk: no complaints, counted apart in
 * all and per kind (an unknown kind as "overig"), in every format. */
static void
test_forwarded(void)
{
	struct report_case c[] = {
		{ 1, "KL-2025-00001", "afval", local(2025, 2, 1, 10, 0),
		  local(2025, 3, 15, 10, 0), local(2025, 2, 11, 16, 0), 0,
		  "gegrond", REPORT_ADMIN_NONE, NULL,
		  NULL, NULL, NULL, 0, 0, 0, NULL, NULL, 0 },
		{ 2, "KL-2025-00002", "wmo", local(2025, 3, 1, 10, 0),
		  local(2025, 4, 12, 10, 0), 0, 0, NULL, REPORT_ADMIN_NONE,
		  "balie", NULL, NULL, NULL, 0, 0, 0, NULL, NULL, 0 },
		{ 6, "KL-2025-00006", "wmo", local(2025, 3, 3, 10, 0),
		  local(2025, 4, 14, 10, 0), 0, 0, NULL,
		  REPORT_ADMIN_FORWARDED, NULL, NULL, NULL, NULL, 0, 0, 0,
		  "woo", NULL, 0 },
		{ 7, "KL-2025-00007", "afval", local(2025, 3, 4, 10, 0),
		  local(2025, 4, 15, 10, 0), 0, 0, NULL,
		  REPORT_ADMIN_FORWARDED, NULL, NULL, NULL, NULL, 0, 0, 0,
		  "woo", NULL, 0 },
		{ 8, "KL-2025-00008", "afval", local(2025, 3, 5, 10, 0),
		  local(2025, 4, 16, 10, 0), 0, 0, NULL,
		  REPORT_ADMIN_FORWARDED, NULL, NULL, NULL, NULL, 0, 0, 0,
		  "bezwaar", NULL, 0 },
		{ 9, "KL-2025-00009", "afval", local(2025, 3, 6, 10, 0),
		  local(2025, 4, 17, 10, 0), 0, 0, NULL,
		  REPORT_ADMIN_FORWARDED, NULL, NULL, NULL, NULL, 0, 0, 0,
		  NULL, NULL, 0 },
	};
	struct report_input	in;
	struct report		*r;
	struct buf		b;

	input(&in, c, 6, NULL, 0);
	r = report_compute(&in);
	CHECK_INT(r->total.received, 2);
	CHECK_INT(r->total.open, 1);
	CHECK_INT(r->total.forwarded, 4);
	CHECK_INT(r->total.forwarded_by_kind[0], 1);	/* bezwaar */
	CHECK_INT(r->total.forwarded_by_kind[1], 2);	/* woo */
	CHECK_INT(r->total.forwarded_by_kind[2], 0);
	CHECK_INT(r->total.forwarded_by_kind[3], 0);
	CHECK_INT(r->total.forwarded_by_kind[4], 1);	/* unknown: overig */
	buf_init(&b);
	report_write(&b, r, REPORT_TEXT);
	CHECK_CONTAINS(b.data, "doorgestuurd naar een andere afdeling "
	    "(hierboven niet geteld): 4 (bezwaar 1, woo 2, melding 0, "
	    "schade 0, overig 1)\n");
	buf_free(&b);
	buf_init(&b);
	report_write(&b, r, REPORT_CSV);
	CHECK_CONTAINS(b.data, "\r\nforwarded,,,,4\r\n");
	CHECK_CONTAINS(b.data, "\r\nforwarded_by_kind,,,woo,2\r\n");
	CHECK_CONTAINS(b.data, "\r\nforwarded_by_kind,afval,,bezwaar,1\r\n");
	buf_free(&b);
	buf_init(&b);
	report_write(&b, r, REPORT_JSON);
	CHECK_CONTAINS(b.data, "\"forwarded\":4,\"forwarded_by_kind\":"
	    "{\"bezwaar\":1,\"woo\":2,\"melding\":0,\"schade\":0,"
	    "\"overig\":1}");
	buf_free(&b);
	report_free(r);
	/* Not in the register. */
	buf_init(&b);
	report_register(&b, &in, REPORT_CSV);
	CHECK(strstr(b.data, "KL-2025-00006") == NULL);
	CHECK(strstr(b.data, "KL-2025-00002") != NULL);
	buf_free(&b);
}

/* Issue 15: hearings held or skipped (Awb 9:10 lid 2 a/b/c), counted in
 * the period they were recorded, in every format and the register. */
static void
test_hearings(void)
{
	struct report_case c[5];
	struct report_input	in;
	struct report		*r;
	struct buf		b;
	size_t			i;

	memset(c, 0, sizeof c);
	for (i = 0; i < 5; i++) {
		c[i].id = (int64_t)i + 1;
		c[i].category = i == 2 || i == 3 ? "wmo" : "afval";
		c[i].received_at = local(2025, 2, 1 + (int)i, 10, 0);
		c[i].due_at = local(2025, 3, 20, 10, 0);
	}
	c[0].ref = "KL-2025-00001";
	c[0].hearing = "held";
	c[0].hearing_at = local(2025, 2, 20, 10, 0);
	c[1].ref = "KL-2025-00002";
	c[1].hearing = "b";
	c[1].hearing_at = local(2025, 3, 10, 10, 0);
	c[2].ref = "KL-2025-00003";
	c[2].hearing = "a";
	c[2].hearing_at = local(2025, 4, 1, 10, 0);
	/* Recorded before the period: not in its figures. */
	c[3].ref = "KL-2024-00004";
	c[3].received_at = local(2024, 12, 1, 10, 0);
	c[3].hearing = "held";
	c[3].hearing_at = local(2024, 12, 20, 10, 0);
	/* Merged: no complaint, its hearing in no figure. */
	c[4].ref = "KL-2025-00005";
	c[4].admin = REPORT_ADMIN_MERGED;
	c[4].hearing = "c";
	c[4].hearing_at = local(2025, 2, 21, 10, 0);

	input(&in, c, 5, NULL, 0);
	r = report_compute(&in);
	CHECK_INT(r->total.hearings_held, 1);
	CHECK_INT(r->total.hearings_skipped[0], 1);
	CHECK_INT(r->total.hearings_skipped[1], 1);
	CHECK_INT(r->total.hearings_skipped[2], 0);
	CHECK_INT(cat(r, "afval")->s.hearings_held, 1);
	CHECK_INT(cat(r, "afval")->s.hearings_skipped[1], 1);
	CHECK_INT(cat(r, "wmo")->s.hearings_skipped[0], 1);
	CHECK_INT(cat(r, "wmo")->s.hearings_held, 0);
	buf_init(&b);
	report_text(&b, r);
	CHECK_CONTAINS(b.data, "  hoorzittingen (Awb 9:10): gehouden 1; "
	    "afgezien 2 (lid 2 a 1, b 1, c 0)\n");
	buf_free(&b);
	buf_init(&b);
	report_csv(&b, r);
	CHECK_CONTAINS(b.data, "\r\nhearings_held,,,,1\r\n");
	CHECK_CONTAINS(b.data, "\r\nhearings_skipped,,,b,1\r\n");
	CHECK_CONTAINS(b.data, "\r\nhearings_skipped,wmo,,a,1\r\n");
	buf_free(&b);
	buf_init(&b);
	report_json(&b, r);
	CHECK_CONTAINS(b.data, "\"hearings_held\":1,\"hearings_skipped\":"
	    "{\"a\":1,\"b\":1,\"c\":0}");
	buf_free(&b);
	buf_init(&b);
	report_html(&b, r);
	CHECK_CONTAINS(b.data, "<section id=\"hearings\">");
	CHECK_CONTAINS(b.data, "<tr><th>Totaal</th><td>1</td><td>1</td>"
	    "<td>1</td><td>0</td></tr>");
	buf_free(&b);
	report_free(r);

	/* The register: of its complaints (received in 2025), whenever
	 * recorded. */
	buf_init(&b);
	report_register(&b, &in, REPORT_TEXT);
	CHECK_CONTAINS(b.data, "\nHoorzittingen (Awb 9:10): gehouden 1; "
	    "afgezien onder lid 2 a 1, b 1, c 0\n");
	buf_free(&b);
	buf_init(&b);
	report_register(&b, &in, REPORT_JSON);
	CHECK_CONTAINS(b.data, "],\"hearings\":{\"held\":1,\"skipped\":"
	    "{\"a\":1,\"b\":1,\"c\":0}}}\n");
	buf_free(&b);
	buf_init(&b);
	report_register(&b, &in, REPORT_HTML);
	CHECK_CONTAINS(b.data, "<p id=\"hearings\">Hoorzittingen (Awb 9:10): "
	    "gehouden 1; afgezien onder lid 2 a 1, b 1, c 0.</p>");
	buf_free(&b);
}

/* Adds n complaints of category cat (cause cause) received in month
 * (year, month). */
static size_t
add_month(struct report_case *c, size_t at, int year, int month, int n,
    const char *category, const char *cause)
{
	int	i;

	for (i = 0; i < n; i++) {
		memset(&c[at], 0, sizeof c[at]);
		c[at].id = (int64_t)at + 1;
		c[at].ref = "KL-X";
		c[at].category = category;
		c[at].cause = cause;
		c[at].received_at = local(year, month, 1 + i % 27, 10, 0);
		c[at].due_at = c[at].received_at + 42 * 86400;
		at++;
	}
	return at;
}

static const struct report_trend *
trend(const struct report *r, int cause, const char *id)
{
	size_t	i;

	for (i = 0; i < r->ntrends; i++)
		if (r->trends[i].cause == cause &&
		    strcmp(r->trends[i].id, id) == 0)
			return &r->trends[i];
	return NULL;
}

/* Issue 15: trend signals on constructed monthly series: a rise beyond
 * mean + 2 sd with enough cases is flagged; a steady series within its
 * range, and a small one under the minimum, are not. */
static void
test_trends(void)
{
	static const int64_t flat2[12] = { 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
		2 };
	static const int64_t wave[12] = { 4, 8, 4, 8, 4, 8, 4, 8, 4, 8, 4,
		8 };
	struct report_case	*c;
	struct report_input	 in;
	struct report		*r;
	const struct report_trend *t;
	struct buf		 b;
	size_t			 n = 0;
	int			 k, y, m;
	double			 mean, sd;

	/* The rule itself. */
	report_mean_sd(wave, 12, &mean, &sd);
	CHECK(mean == 6.0 && sd > 1.999 && sd < 2.001);
	CHECK_INT(report_trend_flag(9, flat2, 12, 5), 1);
	CHECK_INT(report_trend_flag(4, flat2, 12, 5), 0);	/* < min */
	CHECK_INT(report_trend_flag(9, wave, 12, 5), 0);	/* <= 10 */
	CHECK_INT(report_trend_flag(11, wave, 12, 5), 1);

	c = xcalloc(400, sizeof *c);
	/* December 2024 to November 2025: afval 2 a month (cause proces),
	 * wmo 4 and 8 in turn, parkeren none. */
	for (k = 0; k < 12; k++) {
		y = k == 0 ? 2024 : 2025;
		m = k == 0 ? 12 : k;
		n = add_month(c, n, y, m, 2, "afval", "proces");
		n = add_month(c, n, y, m, k % 2 ? 8 : 4, "wmo", NULL);
	}
	/* Older than the 12 months: not in the baseline. */
	n = add_month(c, n, 2024, 11, 40, "afval", "proces");
	/* December 2025: afval 9 (rising), wmo 9 (within its range),
	 * parkeren 3 (rising from nothing but under the minimum). */
	n = add_month(c, n, 2025, 12, 9, "afval", "proces");
	n = add_month(c, n, 2025, 12, 9, "wmo", NULL);
	n = add_month(c, n, 2025, 12, 3, "parkeren", NULL);
	input(&in, c, n, NULL, 0);
	r = report_compute(&in);
	CHECK_INT(r->trend_year, 2025);
	CHECK_INT(r->trend_month, 12);
	CHECK_INT(r->trend_min, 5);
	CHECK_INT(r->ntrends, 2);
	t = trend(r, 0, "afval");
	CHECK(t != NULL);
	if (t != NULL) {
		CHECK_INT(t->count, 9);
		CHECK(t->mean == 2.0 && t->limit == 2.0);
		CHECK_STR(t->name, "Afval");
	}
	CHECK(trend(r, 1, "proces") != NULL);
	CHECK(trend(r, 0, "wmo") == NULL);
	CHECK(trend(r, 0, "parkeren") == NULL);
	buf_init(&b);
	report_text(&b, r);
	CHECK_CONTAINS(b.data, "\nTrendsignalen\n  Een categorie of oorzaak "
	    "wordt gemeld als zij in 2025-12 ten minste 5 klachten kreeg en "
	    "meer dan het gemiddelde plus tweemaal de standaardafwijking van "
	    "haar aantallen per maand in de 12 maanden daarvoor.\n");
	CHECK_CONTAINS(b.data, "  categorie afval: 9 (gemiddeld 2,0, grens "
	    "2,0)\n");
	CHECK_CONTAINS(b.data, "  oorzaak proces: 9 (gemiddeld 2,0, grens "
	    "2,0)\n");
	buf_free(&b);
	buf_init(&b);
	report_csv(&b, r);
	CHECK_CONTAINS(b.data, "\r\ntrend_category_count,afval,2025-12,,9\r\n"
	    "trend_category_mean,afval,2025-12,,2.0\r\n"
	    "trend_category_limit,afval,2025-12,,2.0\r\n");
	CHECK_CONTAINS(b.data, "\r\ntrend_cause_count,proces,2025-12,,9\r\n");
	CHECK(strstr(b.data, "trend_category_count,wmo") == NULL);
	buf_free(&b);
	buf_init(&b);
	report_json(&b, r);
	CHECK_CONTAINS(b.data, "\"trends\":[{\"kind\":\"category\",\"id\":"
	    "\"afval\",\"name\":\"Afval\",\"month\":\"2025-12\",\"count\":9,"
	    "\"mean\":2.0,\"sd\":0.0,\"limit\":2.0},{\"kind\":\"cause\","
	    "\"id\":\"proces\"");
	CHECK_CONTAINS(b.data, "\"trend_method\":{\"month\":\"2025-12\","
	    "\"months_before\":12,\"minimum\":5,\"text\":\"Een categorie");
	buf_free(&b);
	buf_init(&b);
	report_html(&b, r);
	CHECK_CONTAINS(b.data, "<section id=\"trends\">");
	CHECK_CONTAINS(b.data, "<p class=\"method\">Een categorie of oorzaak "
	    "wordt gemeld als zij in 2025-12 ten minste 5 klachten kreeg");
	CHECK_CONTAINS(b.data, "<tr><td>Afval (categorie)</td><td>9</td>"
	    "<td>2,0</td><td>2,0</td></tr>");
	buf_free(&b);
	report_free(r);

	/* A lower minimum: parkeren (0 a month, then 3) is flagged too. */
	in.trend_min = 3;
	r = report_compute(&in);
	CHECK(trend(r, 0, "parkeren") != NULL);
	CHECK_INT(r->ntrends, 3);
	report_free(r);

	/* A period ending mid-month looks at the last full month: up to
	 * 15 December, November (afval 2, as ever: no signal). */
	in.trend_min = 0;
	CHECK_INT(report_period_days(local(2025, 1, 1, 0, 0),
	    local(2025, 12, 15, 0, 0), &in.period), 0);
	r = report_compute(&in);
	CHECK_INT(r->trend_year, 2025);
	CHECK_INT(r->trend_month, 11);
	CHECK_INT(r->ntrends, 0);
	report_free(r);

	/* This year's report, on 7 December: November, the last month
	 * that is over. */
	report_period_year(2025, &in.period);
	in.now = local(2025, 12, 7, 12, 0);
	r = report_compute(&in);
	CHECK_INT(r->trend_month, 11);
	report_free(r);
	in.now = local(2026, 1, 15, 12, 0);

	/* No full month in the period: no trend month, said so. */
	CHECK_INT(report_period_days(local(2025, 12, 2, 0, 0),
	    local(2025, 12, 20, 0, 0), &in.period), 0);
	r = report_compute(&in);
	CHECK_INT(r->trend_year, 0);
	CHECK_INT(r->ntrends, 0);
	buf_init(&b);
	report_text(&b, r);
	CHECK_CONTAINS(b.data, "De periode bevat geen hele kalendermaand, dus "
	    "er zijn geen trendsignalen.");
	buf_free(&b);
	report_free(r);
	free(c);
}

/* Issue 15: the HTML report shows satisfaction (response rate and score
 * per category and per outcome), the measures, and first contact. */
static void
test_html_learning(void)
{
	struct report_case c[3];
	struct report_event	e[1];
	static const struct report_measure ms[] = {
		{ 1, 1, 0, 1 }, { 1, 2, 0, 1 }, { 2, 3, 1, 0 },
	};
	struct report_input	in;
	struct report		*r;
	struct buf		b;
	size_t			i;

	memset(c, 0, sizeof c);
	for (i = 0; i < 3; i++) {
		c[i].id = (int64_t)i + 1;
		c[i].ref = "KL-X";
		c[i].category = "afval";
		c[i].received_at = local(2025, 2, 1, 10, 0);
		c[i].due_at = local(2025, 3, 15, 10, 0);
		c[i].decided_at = local(2025, 2, 20, 10, 0);
		c[i].judgement = i == 2 ? "ongegrond" : "gegrond";
		c[i].sat_asked = 1;
	}
	c[0].sat_score = 4;
	c[1].sat_score = 5;
	c[0].department = "burgerzaken";
	c[1].department = "burgerzaken";
	c[2].department = "wonen";
	c[0].cause = "proces";
	e[0].case_id = 1;
	e[0].at = local(2025, 2, 4, 10, 0);
	e[0].kind = RE_CONTACT;
	input(&in, c, 3, e, 1);
	in.measures_open = 2;
	in.measures_done = 7;
	in.measures_late = 1;
	/* Measure 1 (open, late) on cases 1 and 2, both burgerzaken:
	 * once there; measure 2 (done) on case 3 (wonen). */
	in.measures = ms;
	in.nmeasures = 3;
	r = report_compute(&in);
	buf_init(&b);
	report_html(&b, r);
	CHECK_CONTAINS(b.data, "<section id=\"satisfaction\">");
	/* afval: 3 asked, 2 answered, 66,7%, (4 + 5) / 2 = 4,5. */
	CHECK_CONTAINS(b.data, "<tr><td>Afval</td><td>3</td><td>2</td>"
	    "<td>66,7%</td><td>4,5</td></tr>");
	CHECK_CONTAINS(b.data, "<tr><td>ongegrond</td><td>1</td><td>0</td>"
	    "<td>0,0%</td><td>-</td></tr>");
	/* Per department: burgerzaken 2 asked, both answered, 4,5;
	 * wonen 1 asked, none answered. */
	CHECK_CONTAINS(b.data, "<tr><td>burgerzaken</td><td>2</td><td>2</td>"
	    "<td>100,0%</td><td>4,5</td></tr>");
	CHECK_CONTAINS(b.data, "<tr><td>wonen</td><td>1</td><td>0</td>"
	    "<td>0,0%</td><td>-</td></tr>");
	/* Per cause: proces 1 (4), none 2 (5). */
	CHECK_CONTAINS(b.data, "<tr><td>proces</td><td>1</td><td>1</td>"
	    "<td>100,0%</td><td>4,0</td></tr>");
	CHECK_CONTAINS(b.data, "<tr><td>(geen)</td><td>2</td><td>1</td>"
	    "<td>50,0%</td><td>5,0</td></tr>");
	CHECK_CONTAINS(b.data, "<section id=\"measures\">");
	CHECK_CONTAINS(b.data, "<td>2</td><td>7</td><td>1</td></tr>");
	CHECK_CONTAINS(b.data, "<tr><td>burgerzaken</td><td>1</td><td>0</td>"
	    "<td>1</td></tr>");
	CHECK_CONTAINS(b.data, "<tr><td>wonen</td><td>0</td><td>1</td>"
	    "<td>0</td></tr>");
	CHECK_CONTAINS(b.data, "<tr><td>proces</td><td>1</td><td>0</td>"
	    "<td>1</td></tr>");
	CHECK_CONTAINS(b.data, "<tr><td>(geen)</td><td>1</td><td>1</td>"
	    "<td>1</td></tr>");
	CHECK_CONTAINS(b.data, "<section id=\"first-contact\">");
	CHECK_CONTAINS(b.data, "<tr><td>Afval</td><td>3</td><td>1</td>"
	    "<td>3</td></tr>");
	buf_free(&b);
	buf_init(&b);
	report_text(&b, r);
	CHECK_CONTAINS(b.data, "  burgerzaken  tevredenheid: gevraagd 2, "
	    "geantwoord 2 (100,0%), score 4,5\n");
	CHECK_CONTAINS(b.data, "  wonen        verbetermaatregelen: gereed 1, "
	    "open 0 (te laat 0)\n");
	buf_free(&b);
	buf_init(&b);
	report_csv(&b, r);
	CHECK_CONTAINS(b.data, "\r\nsatisfaction_asked_by_department,,,wonen,"
	    "1\r\nsatisfaction_answered_by_department,,,wonen,0\r\n"
	    "satisfaction_response_pct_by_department,,,wonen,0.0\r\n"
	    "satisfaction_score_avg_by_department,,,wonen,\r\n");
	CHECK_CONTAINS(b.data, "\r\nsatisfaction_score_avg_by_cause,,,proces,"
	    "4.0\r\n");
	CHECK_CONTAINS(b.data, "\r\nmeasures_open_by_department,,,burgerzaken,"
	    "1\r\nmeasures_done_by_department,,,burgerzaken,0\r\n"
	    "measures_late_by_department,,,burgerzaken,1\r\n");
	buf_free(&b);
	buf_init(&b);
	report_json(&b, r);
	CHECK_CONTAINS(b.data, "\"id\":\"burgerzaken\",\"name\":"
	    "\"burgerzaken\",\"received\":2,\"decided\":2,");
	CHECK_CONTAINS(b.data, "\"satisfaction\":{\"asked\":2,\"answered\":2,"
	    "\"response_pct\":100.0,\"score_avg\":4.5},\"measures\":"
	    "{\"open\":1,\"done\":0,\"late\":1}}");
	buf_free(&b);
	report_free(r);
}

static void
test_privacy(void)
{
	struct cfg		cfg;
	struct cfg_category	cats[2];
	char			*s;

	/* 5y from 29 Feb 2020 ends 1 March 2025; calendar years, DST-safe
	 * (local time of day kept). */
	CHECK_INT(privacy_expiry(local(2020, 2, 29, 14, 0), 5 * 365 * 86400LL),
	    local(2025, 3, 1, 14, 0));
	CHECK_INT(privacy_expiry(local(2020, 6, 1, 14, 0), 5 * 365 * 86400LL),
	    local(2025, 6, 1, 14, 0));
	CHECK_INT(privacy_expiry(local(2025, 1, 10, 9, 0), 400 * 86400LL),
	    local(2026, 2, 14, 9, 0));
	CHECK_INT(privacy_expiry(local(2025, 3, 29, 12, 0), 86400 + 3600),
	    local(2025, 3, 30, 13, 0));
	CHECK_INT(privacy_expiry(local(2025, 6, 1, 9, 0), -5 * 365 * 86400LL),
	    local(2020, 6, 1, 9, 0));
	CHECK_STR((s = privacy_term_str(5 * 365 * 86400LL)), "5y");
	free(s);
	CHECK_STR((s = privacy_term_str(400 * 86400LL)), "400d");
	free(s);
	CHECK_STR((s = privacy_term_str(90)), "90s");
	free(s);

	memset(&cfg, 0, sizeof cfg);
	memset(cats, 0, sizeof cats);
	cats[0].id = "afval";
	cats[1].id = "gedrag";
	cats[1].retention = 10 * 365 * 86400LL;
	cfg.categories = cats;
	cfg.ncategories = 2;
	cfg.retention = 5 * 365 * 86400LL;
	CHECK_INT(privacy_retention(&cfg, "afval"), 5 * 365 * 86400LL);
	CHECK_INT(privacy_retention(&cfg, "gedrag"), 10 * 365 * 86400LL);
	CHECK_INT(privacy_retention(&cfg, NULL), 5 * 365 * 86400LL);
	CHECK_INT(privacy_retention(&cfg, "onbekend"), 5 * 365 * 86400LL);
}

/* The purge in batches, on a real (temporary) database. */
static void
test_purge_batch(void)
{
	char			 path[] = "/tmp/test_report.XXXXXX";
	char			*dbp, *why = NULL, *ref;
	struct klacht		 k;
	struct cfg		 cfg;
	struct purge_stats	 ps;
	struct case_new		 n;
	struct case_row		 c;
	int64_t			 id, now = local(2026, 6, 1, 12, 0);
	int			 i, fd;

	CHECK((fd = mkstemp(path)) != -1);
	if (fd == -1)
		return;
	close(fd);
	unlink(path);
	CHECK(mkdir(path, 0700) == 0);
	dbp = xasprintf("%s/klachtd.db", path);
	memset(&k, 0, sizeof k);
	memset(&cfg, 0, sizeof cfg);
	cfg.retention = 5 * 365 * 86400LL;
	k.cfg = &cfg;
	k.st = store_open(dbp, 1000, &why);
	CHECK(k.st != NULL);
	if (k.st == NULL) {
		free(why);
		free(dbp);
		return;
	}
	/* Three cases closed six years ago, one a year ago, one open. */
	for (i = 0; i < 5; i++) {
		memset(&n, 0, sizeof n);
		n.prefix = "KL";
		n.year = 2020;
		n.status = i < 4 ? "closed" : "in_progress";
		n.category = "afval";
		n.complainant_email = "p@example.net";
		n.complainant_name = "Piet Privé";
		n.subject = "stoep";
		n.language = "nl";
		n.received_at = local(2020, 3, 1, 10, 0);
		n.due_at = n.received_at + 42 * 86400;
		CHECK_INT(store_case_create(k.st, &n, &id, &ref, NULL), KR_OK);
		free(ref);
		if (i < 4)
			CHECK_INT(store_case_set(k.st, id, "closed_at", NULL,
			    i < 3 ? local(2020, 5, 1, 10, 0) :
			    local(2025, 5, 1, 10, 0), now, NULL), KR_OK);
	}
	CHECK_INT(privacy_purge(&k, now, 1, 0, NULL, NULL, &ps, NULL), KR_OK);
	CHECK_INT(ps.cases, 3);
	CHECK_INT(ps.kept, 1);
	CHECK_INT(ps.more, 0);
	CHECK_INT(store_case_get(k.st, 1, &c, NULL), KR_OK);
	CHECK_STR(c.complainant_email, "p@example.net");	/* dry run */
	case_row_free(&c);
	CHECK_INT(privacy_purge(&k, now, 0, 2, NULL, NULL, &ps, NULL), KR_OK);
	CHECK_INT(ps.cases, 2);
	CHECK_INT(ps.more, 1);
	CHECK_INT(privacy_purge(&k, now, 0, 2, NULL, NULL, &ps, NULL), KR_OK);
	CHECK_INT(ps.cases, 1);
	CHECK_INT(ps.more, 0);
	CHECK_INT(privacy_purge(&k, now, 0, 2, NULL, NULL, &ps, NULL), KR_OK);
	CHECK_INT(ps.cases, 0);
	for (i = 1; i <= 5; i++) {
		CHECK_INT(store_case_get(k.st, i, &c, NULL), KR_OK);
		CHECK_STR(c.complainant_email, i <= 3 ? "" : "p@example.net");
		CHECK(i <= 3 ? c.complainant_name == NULL :
		    c.complainant_name != NULL);
		CHECK_STR(c.category, "afval");
		case_row_free(&c);
	}
	store_close(k.st);
	unlink(dbp);
	free(why);
	why = xasprintf("%s-wal", dbp);
	unlink(why);
	free(why);
	why = xasprintf("%s-shm", dbp);
	unlink(why);
	free(why);
	free(dbp);
	rmdir(path);
}

int
main(void)
{
	enum report_format f;

	setenv("TZ", "Europe/Amsterdam", 1);
	tzset();
	CHECK_INT(report_format_parse("html", &f), 0);
	CHECK_INT(f, REPORT_HTML);
	CHECK_INT(report_format_parse("pdf", &f), -1);
	test_periods();
	test_figures();
	test_percentiles();
	test_first_contact();
	test_register();
	test_classes();
	test_resolved();
	test_forwarded();
	test_hearings();
	test_trends();
	test_html_learning();
	test_privacy();
	test_purge_batch();
	return check_done();
}
