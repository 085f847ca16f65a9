/* Unit tests: durations, due dates (DST-safe), human dates. */
#include "config.h"

#include <stdlib.h>
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
	return check_done();
}
