/*
 * test_workdays.c -- Dutch public holidays, working days and working
 * hours (workdays.h), in Europe/Amsterdam.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "check.h"
#include "util.h"
#include "workdays.h"

/* Local time y-m-d hh:mm. */
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

static void
test_easter(void)
{
	/* Published dates, including the earliest and latest possible. */
	static const struct { int y, m, d; } t[] = {
		{ 1818, 3, 22 }, { 1943, 4, 25 }, { 2008, 3, 23 },
		{ 2019, 4, 21 }, { 2024, 3, 31 }, { 2025, 4, 20 },
		{ 2026, 4, 5 }, { 2027, 3, 28 }, { 2038, 4, 25 },
		{ 2285, 3, 22 },
	};
	size_t	i;
	int	m, d;

	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		workdays_easter(t[i].y, &m, &d);
		CHECK_INT(m * 100 + d, t[i].m * 100 + t[i].d);
	}
}

static void
test_holidays(void)
{
	struct workdays	w;
	int32_t		extra[] = { 20261224, 20261231 };

	workdays_default(&w);
	CHECK_STR(workdays_holiday(&w, 2026, 1, 1), "Nieuwjaarsdag");
	CHECK_STR(workdays_holiday(&w, 2026, 4, 5), "Eerste Paasdag");
	CHECK_STR(workdays_holiday(&w, 2026, 4, 6), "Tweede Paasdag");
	CHECK(workdays_holiday(&w, 2026, 4, 3) == NULL);	/* Goede Vrijdag */
	CHECK(workdays_holiday(&w, 2026, 4, 7) == NULL);
	CHECK_STR(workdays_holiday(&w, 2026, 4, 27), "Koningsdag");
	CHECK_STR(workdays_holiday(&w, 2026, 5, 14), "Hemelvaartsdag");
	CHECK_STR(workdays_holiday(&w, 2026, 5, 24), "Eerste Pinksterdag");
	CHECK_STR(workdays_holiday(&w, 2026, 5, 25), "Tweede Pinksterdag");
	CHECK_STR(workdays_holiday(&w, 2026, 12, 25), "Eerste Kerstdag");
	CHECK_STR(workdays_holiday(&w, 2026, 12, 26), "Tweede Kerstdag");
	CHECK(workdays_holiday(&w, 2026, 12, 24) == NULL);
	CHECK(workdays_holiday(&w, 2026, 12, 27) == NULL);

	/* King's Day on a Sunday moves to the Saturday before (2025). */
	CHECK(workdays_holiday(&w, 2025, 4, 27) == NULL);
	CHECK_STR(workdays_holiday(&w, 2025, 4, 26), "Koningsdag");
	CHECK_STR(workdays_holiday(&w, 2031, 4, 26), "Koningsdag");
	CHECK(workdays_holiday(&w, 2026, 4, 26) == NULL);
	/* Before 2014: Queen's Day, 30 April or the 29th on a Sunday. */
	CHECK_STR(workdays_holiday(&w, 2013, 4, 30), "Koninginnedag");
	CHECK(workdays_holiday(&w, 2013, 4, 27) == NULL);
	CHECK_STR(workdays_holiday(&w, 2006, 4, 29), "Koninginnedag");
	CHECK(workdays_holiday(&w, 2006, 4, 30) == NULL);

	/* Liberation Day: every year, or in lustrum years only. */
	CHECK_STR(workdays_holiday(&w, 2026, 5, 5), "Bevrijdingsdag");
	w.liberation_yearly = 0;
	CHECK(workdays_holiday(&w, 2026, 5, 5) == NULL);
	CHECK_STR(workdays_holiday(&w, 2025, 5, 5), "Bevrijdingsdag");
	CHECK_STR(workdays_holiday(&w, 2030, 5, 5), "Bevrijdingsdag");

	/* Good Friday when the organisation gives it; extra days off. */
	w.good_friday = 1;
	CHECK_STR(workdays_holiday(&w, 2026, 4, 3), "Goede Vrijdag");
	w.extra = extra;
	w.nextra = 2;
	CHECK_STR(workdays_holiday(&w, 2026, 12, 24), "vrije dag");
	CHECK_STR(workdays_holiday(&w, 2026, 12, 31), "vrije dag");
	CHECK(workdays_holiday(&w, 2027, 12, 24) == NULL);

	workdays_default(&w);
	CHECK(workdays_is_workday(&w, at(2026, 12, 4, 12, 0)));	/* Fri */
	CHECK(!workdays_is_workday(&w, at(2026, 12, 5, 12, 0)));	/* Sat */
	CHECK(!workdays_is_workday(&w, at(2026, 12, 6, 12, 0)));	/* Sun */
	CHECK(!workdays_is_workday(&w, at(2026, 12, 25, 12, 0)));
	CHECK(workdays_is_workday(&w, at(2026, 12, 24, 23, 59)));
}

static void
test_hours(void)
{
	struct workdays	w;
	int64_t		t, from;
	int32_t		extra[] = { 20261228 };

	workdays_default(&w);
	/* Friday 16:00 + 16 working hours: 1 on Friday, 8 on Monday, 7 on
	 * Tuesday. */
	CHECK_INT(workdays_add(&w, at(2026, 12, 4, 16, 0), 16 * 3600),
	    at(2026, 12, 8, 16, 0));
	/* Christmas: Thursday 24 December 16:00; Friday is Eerste
	 * Kerstdag, then the weekend. */
	CHECK_INT(workdays_add(&w, at(2026, 12, 24, 16, 0), 16 * 3600),
	    at(2026, 12, 29, 16, 0));
	/* ... and an extra day off on Monday 28 December. */
	w.extra = extra;
	w.nextra = 1;
	CHECK_INT(workdays_add(&w, at(2026, 12, 24, 16, 0), 16 * 3600),
	    at(2026, 12, 30, 16, 0));
	workdays_default(&w);
	/* Before and after hours, and exactly at the end of a day. */
	CHECK_INT(workdays_add(&w, at(2026, 12, 7, 7, 0), 3600),
	    at(2026, 12, 7, 10, 0));
	CHECK_INT(workdays_add(&w, at(2026, 12, 7, 18, 0), 3600),
	    at(2026, 12, 8, 10, 0));
	CHECK_INT(workdays_add(&w, at(2026, 12, 7, 9, 0), 8 * 3600),
	    at(2026, 12, 7, 17, 0));
	CHECK_INT(workdays_add(&w, at(2026, 12, 5, 11, 0), 0),
	    at(2026, 12, 5, 11, 0));
	/* Across the DST change (Sunday 29 March 2026). */
	CHECK_INT(workdays_add(&w, at(2026, 3, 27, 16, 0), 8 * 3600),
	    at(2026, 3, 30, 16, 0));
	CHECK_INT(workdays_between(&w, at(2026, 3, 27, 16, 0),
	    at(2026, 3, 30, 16, 0)), 8 * 3600);
	/* Other working hours. */
	w.start = 8 * 60 + 30;
	w.end = 12 * 60 + 30;
	CHECK_INT(workdays_add(&w, at(2026, 12, 7, 12, 0), 2 * 3600),
	    at(2026, 12, 8, 10, 0));

	/* between() is the inverse of add(). */
	workdays_default(&w);
	from = at(2026, 12, 18, 14, 25);
	for (t = 0; t < 60 * 3600; t += 3 * 3600 + 17)
		CHECK_INT(workdays_between(&w, from, workdays_add(&w, from, t)),
		    t);
	CHECK_INT(workdays_between(&w, from, from - 10), 0);
	/* A whole year: 2026 has 261 weekdays, 7 of them holidays. */
	CHECK_INT(workdays_between(&w, at(2026, 1, 1, 0, 0),
	    at(2027, 1, 1, 0, 0)), (261 - 7) * 8 * 3600);
}

static void
test_parse(void)
{
	int	a, b;
	char	*why = NULL;

	CHECK_INT(workdays_parse_hours("09:00-17:00", &a, &b, NULL), 0);
	CHECK_INT(a, 540);
	CHECK_INT(b, 1020);
	CHECK_INT(workdays_parse_hours(" 8 - 16:30 ", &a, &b, NULL), 0);
	CHECK_INT(a, 480);
	CHECK_INT(b, 990);
	CHECK_INT(workdays_parse_hours("0:00-24:00", &a, &b, NULL), 0);
	CHECK_INT(b, 1440);
	CHECK_INT(workdays_parse_hours("17:00-09:00", &a, &b, &why), -1);
	CHECK_CONTAINS(why, "invalid working hours \"17:00-09:00\"");
	free(why);
	CHECK_INT(workdays_parse_hours("25:00-26:00", &a, &b, NULL), -1);
	CHECK_INT(workdays_parse_hours("09:60-17:00", &a, &b, NULL), -1);
	CHECK_INT(workdays_parse_hours("9-17 uur", &a, &b, NULL), -1);
	CHECK_INT(workdays_parse_hours("", &a, &b, NULL), -1);

	CHECK_INT(workdays_parse_weekly("monday 08:00", &a, &b, NULL), 0);
	CHECK_INT(a, 1);
	CHECK_INT(b, 480);
	CHECK_INT(workdays_parse_weekly("Maandag 8:00", &a, &b, NULL), 0);
	CHECK_INT(a, 1);
	CHECK_INT(workdays_parse_weekly("vr 16:30", &a, &b, NULL), 0);
	CHECK_INT(a, 5);
	CHECK_INT(b, 990);
	CHECK_INT(workdays_parse_weekly("SUNDAY 0:00", &a, &b, NULL), 0);
	CHECK_INT(a, 0);
	CHECK_INT(workdays_parse_weekly("funday 08:00", &a, &b, &why), -1);
	CHECK_CONTAINS(why, "\"monday 08:00\"");
	free(why);
	CHECK_INT(workdays_parse_weekly("monday", &a, &b, NULL), -1);
	CHECK_INT(workdays_parse_weekly("monday 24:00", &a, &b, NULL), -1);
	CHECK_INT(workdays_parse_weekly("monday 08:00 x", &a, &b, NULL), -1);
}

static void
test_weekly(void)
{
	/* Monday 08:00: from a Wednesday, from just before and at it. */
	CHECK_INT(workdays_last_weekly(at(2026, 12, 9, 12, 0), 1, 480),
	    at(2026, 12, 7, 8, 0));
	CHECK_INT(workdays_last_weekly(at(2026, 12, 7, 7, 59), 1, 480),
	    at(2026, 11, 30, 8, 0));
	CHECK_INT(workdays_last_weekly(at(2026, 12, 7, 8, 0), 1, 480),
	    at(2026, 12, 7, 8, 0));
	/* Sunday 23:00 seen from Sunday 22:00 is a week back. */
	CHECK_INT(workdays_last_weekly(at(2026, 12, 13, 22, 0), 0, 23 * 60),
	    at(2026, 12, 6, 23, 0));
	/* Across the autumn DST change. */
	CHECK_INT(workdays_last_weekly(at(2026, 10, 26, 9, 0), 1, 480),
	    at(2026, 10, 26, 8, 0));
	CHECK_INT(workdays_midnight(2026, 3, 29), at(2026, 3, 29, 0, 0));
}

int
main(void)
{
	setenv("TZ", "Europe/Amsterdam", 1);
	tzset();
	test_easter();
	test_holidays();
	test_hours();
	test_parse();
	test_weekly();
	return check_done();
}
