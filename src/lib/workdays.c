/*
 * workdays.c -- Dutch public holidays, working days and working hours.
 *
 * Dates are handled as whole days since 1970-01-01 (proleptic Gregorian,
 * Howard Hinnant's days_from_civil), so stepping a day never meets DST;
 * only turning "this date at 09:00" into a Unix time goes through
 * mktime(3), with tm_isdst = -1 so the zone's rules decide.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "util.h"
#include "calendar.h"
#include "workdays.h"

#define WD_MAX_DAYS	(31 * 366)	/* how far a scan walks */
#define WD_NEVER	((int64_t)1 << 62)

static void
civil_from_days(int64_t z, int *y, int *m, int *d)
{
	int64_t		era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

/* 0 = Sunday. */
static int
weekday(int64_t days)
{
	int	w = (int)((days + 4) % 7);

	return w < 0 ? w + 7 : w;
}

/* Unix time of local day `day` at min minutes after midnight. */
static int64_t
local_time(int64_t day, int min)
{
	struct tm	tm;
	int		y, m, d;

	civil_from_days(day, &y, &m, &d);
	memset(&tm, 0, sizeof tm);
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	tm.tm_hour = min / 60;
	tm.tm_min = min % 60;
	tm.tm_isdst = -1;
	return (int64_t)mktime(&tm);
}

int64_t
workdays_midnight(int y, int m, int d)
{
	return local_time(cal_days_from_civil(y, m, d), 0);
}

void
workdays_default(struct workdays *w)
{
	memset(w, 0, sizeof *w);
	w->start = 9 * 60;
	w->end = 17 * 60;
	w->liberation_yearly = 1;
}

void
workdays_easter(int year, int *month, int *day)
{
	/* Anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
	int	a = year % 19, b = year / 100, c = year % 100;
	int	d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
	int	h = (19 * a + b - d - g + 15) % 30, i = c / 4, k = c % 4;
	int	l = (32 + 2 * e + 2 * i - h - k) % 7;
	int	m = (a + 11 * h + 22 * l) / 451;

	*month = (h + l - 7 * m + 114) / 31;
	*day = (h + l - 7 * m + 114) % 31 + 1;
}

const char *
workdays_holiday(const struct workdays *w, int y, int m, int d)
{
	int64_t		day = cal_days_from_civil(y, m, d), easter;
	int		em, ed;
	size_t		i;
	int32_t		ymd = y * 10000 + m * 100 + d;

	if (m == 1 && d == 1)
		return "Nieuwjaarsdag";
	if (m == 12 && d == 25)
		return "Eerste Kerstdag";
	if (m == 12 && d == 26)
		return "Tweede Kerstdag";
	if (y >= 2014) {
		/* Koningsdag: 27 April, the Saturday before when a Sunday. */
		if (m == 4 && d == 27 &&
		    weekday(cal_days_from_civil(y, 4, 27)) != 0)
			return "Koningsdag";
		if (m == 4 && d == 26 &&
		    weekday(cal_days_from_civil(y, 4, 27)) == 0)
			return "Koningsdag";
	} else {
		if (m == 4 && d == 30 &&
		    weekday(cal_days_from_civil(y, 4, 30)) != 0)
			return "Koninginnedag";
		if (m == 4 && d == 29 &&
		    weekday(cal_days_from_civil(y, 4, 30)) == 0)
			return "Koninginnedag";
	}
	if (m == 5 && d == 5 && (w->liberation_yearly || y % 5 == 0))
		return "Bevrijdingsdag";
	workdays_easter(y, &em, &ed);
	easter = cal_days_from_civil(y, em, ed);
	if (day == easter - 2 && w->good_friday)
		return "Goede Vrijdag";
	if (day == easter)
		return "Eerste Paasdag";
	if (day == easter + 1)
		return "Tweede Paasdag";
	if (day == easter + 39)
		return "Hemelvaartsdag";
	if (day == easter + 49)
		return "Eerste Pinksterdag";
	if (day == easter + 50)
		return "Tweede Pinksterdag";
	for (i = 0; i < w->nextra; i++)
		if (w->extra[i] == ymd)
			return "vrije dag";
	return NULL;
}

static int
day_is_workday(const struct workdays *w, int64_t day)
{
	int	y, m, d, wd = weekday(day);

	if (wd == 0 || wd == 6)
		return 0;
	civil_from_days(day, &y, &m, &d);
	return workdays_holiday(w, y, m, d) == NULL;
}

int
workdays_is_workday(const struct workdays *w, int64_t t)
{
	return day_is_workday(w, cal_local_day(t));
}

int64_t
workdays_between(const struct workdays *w, int64_t from, int64_t to)
{
	int64_t	day, last, total = 0, ws, we;

	if (to <= from || w->end <= w->start)
		return 0;
	day = cal_local_day(from);
	last = cal_local_day(to);
	if (last - day > WD_MAX_DAYS)
		last = day + WD_MAX_DAYS;
	for (; day <= last; day++) {
		if (!day_is_workday(w, day))
			continue;
		ws = local_time(day, w->start);
		we = local_time(day, w->end);
		if (ws < from)
			ws = from;
		if (we > to)
			we = to;
		if (we > ws)
			total += we - ws;
	}
	return total;
}

int64_t
workdays_add(const struct workdays *w, int64_t from, int64_t secs)
{
	int64_t	day, ws, we, n;

	if (secs <= 0)
		return from;
	if (w->end <= w->start)
		return WD_NEVER;
	day = cal_local_day(from);
	for (n = 0; n < WD_MAX_DAYS; n++, day++) {
		if (!day_is_workday(w, day))
			continue;
		ws = local_time(day, w->start);
		we = local_time(day, w->end);
		if (ws < from)
			ws = from;
		if (we <= ws)
			continue;
		if (secs <= we - ws)
			return ws + secs;
		secs -= we - ws;
	}
	return WD_NEVER;
}

/* "9", "09:00", "17:30", "24:00" -> minutes; -1 if bad.  *end past it. */
static int
parse_clock(const char *p, const char **end)
{
	int	h = 0, mi = 0, n = 0;

	while (isdigit((unsigned char)*p) && n < 2) {
		h = h * 10 + (*p++ - '0');
		n++;
	}
	if (n == 0)
		return -1;
	if (*p == ':' || *p == '.') {
		p++;
		if (!isdigit((unsigned char)p[0]) || !isdigit((unsigned char)p[1]))
			return -1;
		mi = (p[0] - '0') * 10 + (p[1] - '0');
		p += 2;
	}
	if (h > 24 || mi > 59 || (h == 24 && mi != 0))
		return -1;
	*end = p;
	return h * 60 + mi;
}

int
workdays_parse_hours(const char *s, int *start, int *end, char **cause)
{
	const char	*p;
	int		 a, b;

	if (s == NULL)
		s = "";
	p = s;
	while (isspace((unsigned char)*p))
		p++;
	if ((a = parse_clock(p, &p)) == -1)
		goto bad;
	while (isspace((unsigned char)*p))
		p++;
	if (*p++ != '-')
		goto bad;
	while (isspace((unsigned char)*p))
		p++;
	if ((b = parse_clock(p, &p)) == -1)
		goto bad;
	while (isspace((unsigned char)*p))
		p++;
	if (*p != '\0' || b <= a)
		goto bad;
	*start = a;
	*end = b;
	return 0;
bad:
	set_cause(cause, "invalid working hours \"%s\" (expected e.g. "
	    "\"09:00-17:00\", start before end)", s);
	return -1;
}

int
workdays_parse_weekly(const char *s, int *wday, int *min, char **cause)
{
	static const char *names[][5] = {
		{ "sunday", "sun", "zondag", "zo", NULL },
		{ "monday", "mon", "maandag", "ma", NULL },
		{ "tuesday", "tue", "dinsdag", "di", NULL },
		{ "wednesday", "wed", "woensdag", "wo", NULL },
		{ "thursday", "thu", "donderdag", "do", NULL },
		{ "friday", "fri", "vrijdag", "vr", NULL },
		{ "saturday", "sat", "zaterdag", "za", NULL },
	};
	const char	*p = s, *w;
	size_t		 len, i, j;
	int		 m;

	while (isspace((unsigned char)*p))
		p++;
	w = p;
	while (isalpha((unsigned char)*p))
		p++;
	len = (size_t)(p - w);
	for (i = 0; i < 7; i++) {
		for (j = 0; names[i][j] != NULL; j++)
			if (strlen(names[i][j]) == len &&
			    strncasecmp(names[i][j], w, len) == 0)
				break;
		if (names[i][j] != NULL)
			break;
	}
	if (i == 7 || len == 0)
		goto bad;
	while (isspace((unsigned char)*p))
		p++;
	if ((m = parse_clock(p, &p)) == -1 || m >= 24 * 60)
		goto bad;
	while (isspace((unsigned char)*p))
		p++;
	if (*p != '\0')
		goto bad;
	*wday = (int)i;
	*min = m;
	return 0;
bad:
	set_cause(cause, "invalid weekly moment \"%s\" (expected e.g. "
	    "\"monday 08:00\" or \"maandag 08:00\")", s);
	return -1;
}

int64_t
workdays_last_weekly(int64_t now, int wday, int min)
{
	int64_t	day = cal_local_day(now), t;

	day -= (weekday(day) - wday + 7) % 7;
	t = local_time(day, min);
	if (t > now)
		t = local_time(day - 7, min);
	return t;
}
