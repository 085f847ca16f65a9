/* Unit tests: durations, due dates (DST-safe), human dates, the day
 * grammar. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "calendar.h"
#include "check.h"
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

/*
 * cal_parse_day: the one grammar for a day.  It reads every form that
 * one of the three grammars it replaced read -- the #hoorzitting parser
 * (YYYY-MM-DD, D-M-YYYY), the measures date in an outcome (also '/',
 * blanks) and the config's holidays (YYYY-M-D) -- and refuses days that
 * do not exist.
 */
static void
test_parse_day(void)
{
	static const struct {
		const char	*s;
		int		 y, m, d;	/* y 0: refused */
	} t[] = {
		{ "2026-03-10", 2026, 3, 10 }, { "10-03-2026", 2026, 3, 10 },
		{ "2026-3-9", 2026, 3, 9 }, { "9-3-2026", 2026, 3, 9 },
		{ "2027/01/15", 2027, 1, 15 }, { "15/01/2027", 2027, 1, 15 },
		{ " 2026-02-28 ", 2026, 2, 28 }, { "\t1-1-1970\n", 1970, 1, 1 },
		{ "2028-02-29", 2028, 2, 29 }, { "29-02-2000", 2000, 2, 29 },
		{ "9999-12-31", 9999, 12, 31 },
		{ "2026-02-29", 0, 0, 0 }, { "1900-02-29", 0, 0, 0 },
		{ "2026-02-30", 0, 0, 0 }, { "2026-04-31", 0, 0, 0 },
		{ "2026-13-01", 0, 0, 0 }, { "2026-00-10", 0, 0, 0 },
		{ "2026-01-00", 0, 0, 0 }, { "1969-12-31", 0, 0, 0 },
		{ "2026-2-28x", 0, 0, 0 }, { "2026-03/10", 0, 0, 0 },
		{ "2026.03.10", 0, 0, 0 }, { "10-03-26", 0, 0, 0 },
		{ "126-03-10", 0, 0, 0 }, { "2026-003-10", 0, 0, 0 },
		{ "2026-03-100", 0, 0, 0 }, { "10-03-20260", 0, 0, 0 },
		{ "+2026-03-10", 0, 0, 0 }, { "2026- 3-10", 0, 0, 0 },
		{ "2026-03-10.", 0, 0, 0 }, { "2026-03", 0, 0, 0 },
		{ "", 0, 0, 0 }, { "2026-03-10 11:00", 0, 0, 0 },
	};
	struct cal_ymd	ymd;
	int64_t		v;
	size_t		i;

	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		memset(&ymd, 0, sizeof ymd);
		v = 0;
		CHECK_INT(cal_parse_day(t[i].s, &ymd, &v), t[i].y ? 0 : -1);
		if (t[i].y == 0)
			continue;
		CHECK_INT(ymd.y, t[i].y);
		CHECK_INT(ymd.m, t[i].m);
		CHECK_INT(ymd.d, t[i].d);
		CHECK_INT(v, local(t[i].y, t[i].m, t[i].d, 0, 0));
	}
	CHECK_INT(cal_parse_day(NULL, &ymd, &v), -1);
	CHECK_INT(cal_parse_day("2026-03-10", NULL, NULL), 0);
	/* The older name reads the same grammar. */
	CHECK_INT(cal_parse_iso_date("10/03/2026", &v), 0);
	CHECK_INT(v, local(2026, 3, 10, 0, 0));
}

int
main(void)
{
	static const struct { const char *s; int ok; int64_t secs; } d[] = {
		{ "6w", 1, 42 * 86400 }, { "42d", 1, 42 * 86400 },
		{ "10 weeks", 1, 70 * 86400 }, { "3 dagen", 1, 3 * 86400 },
		{ "2h", 1, 7200 }, { "15m", 1, 900 }, { "90s", 1, 90 },
		{ "90", 1, 90 }, { "4 weken", 1, 28 * 86400 },
		{ "1 week", 1, 7 * 86400 }, { "", 0, 0 }, { "w6", 0, 0 },
		{ "6 fortnights", 0, 0 }, { "-3d", 0, 0 }, { "6w extra", 0, 0 },
		{ "5y", 1, 5 * 365 * 86400LL }, { "1 year", 1, 365 * 86400 },
		{ "7 jaar", 1, 7 * 365 * 86400LL }, { "2 jaren", 1, 730 * 86400 },
		{ "10 years", 1, 3650 * 86400LL }, { "5yr", 0, 0 },
	};
	char *why, *s;
	int64_t v, t, due;

	setenv("TZ", "Europe/Amsterdam", 1);
	tzset();
	for (size_t i = 0; i < sizeof d / sizeof d[0]; i++) {
		why = NULL;
		v = -1;
		CHECK_INT(cal_parse_duration(d[i].s, &v, &why), d[i].ok ? 0 : -1);
		if (d[i].ok)
			CHECK_INT(v, d[i].secs);
		else
			CHECK_CONTAINS(why, "invalid duration");
		free(why);
	}

	/* 6 weeks across the end of summer time stays at the same wall
	 * clock time (not one hour off). */
	t = local(2026, 10, 1, 9, 30);
	due = cal_due(t, 42 * 86400);
	CHECK_INT(due, local(2026, 11, 12, 9, 30));
	s = cal_format_date(due, "nl");
	CHECK_STR(s, "12 november 2026");
	free(s);
	s = cal_format_date(due, "en");
	CHECK_STR(s, "12 November 2026");
	free(s);
	s = cal_format_iso_date(due);
	CHECK_STR(s, "2026-11-12");
	free(s);
	s = cal_format_iso(t);
	CHECK_STR(s, "2026-10-01T09:30:00+02:00");
	free(s);
	s = cal_format_rfc5322(local(2026, 11, 21, 8, 5));
	CHECK_STR(s, "Sat, 21 Nov 2026 08:05:00 +0100");
	free(s);
	/* Leap year and year end. */
	CHECK_INT(cal_due(local(2028, 1, 25, 12, 0), 42 * 86400),
	    local(2028, 3, 7, 12, 0));
	CHECK_INT(cal_year(local(2026, 12, 31, 23, 59)), 2026);
	CHECK_INT(cal_parse_iso_date("2026-02-30", &v), -1);
	CHECK_INT(cal_parse_iso_date("2026-02-28", &v), 0);
	CHECK_INT(v, local(2026, 2, 28, 0, 0));
	CHECK_INT(cal_parse_iso_date("2026-2-28x", &v), -1);
	test_parse_day();
	return check_done();
}
