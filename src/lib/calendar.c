/*
 * calendar.c -- the clock, durations and human dates.
 *
 * cal_now() is the only place the wall clock is read, so tests move time
 * with libfaketime and every deadline in the daemon follows.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "calendar.h"
#include "lang.h"
#include "util.h"

int64_t
cal_now(void)
{
	return (int64_t)time(NULL);
}

int
cal_parse_duration(const char *s, int64_t *secs, char **cause)
{
	static const struct {
		const char	*unit;
		int64_t		 mult;
	} units[] = {
		{ "s", 1 }, { "sec", 1 }, { "second", 1 }, { "seconds", 1 },
		{ "seconde", 1 }, { "seconden", 1 },
		{ "m", 60 }, { "min", 60 }, { "minute", 60 }, { "minutes", 60 },
		{ "minuut", 60 }, { "minuten", 60 },
		{ "h", 3600 }, { "hour", 3600 }, { "hours", 3600 },
		{ "uur", 3600 }, { "uren", 3600 },
		{ "d", CAL_DAY }, { "day", CAL_DAY }, { "days", CAL_DAY },
		{ "dag", CAL_DAY }, { "dagen", CAL_DAY },
		{ "w", CAL_WEEK }, { "week", CAL_WEEK }, { "weeks", CAL_WEEK },
		{ "weken", CAL_WEEK },
		/* A year is 365 days here; retention (privacy.c) counts whole
		 * multiples of 365 days as calendar years. */
		{ "y", 31536000 }, { "year", 31536000 }, { "years", 31536000 },
		{ "jaar", 31536000 }, { "jaren", 31536000 },
	};
	const char	*p = s;
	char		*end;
	long long	 n;
	size_t		 i;

	while (isspace((unsigned char)*p))
		p++;
	if (!isdigit((unsigned char)*p))
		goto bad;
	n = strtoll(p, &end, 10);
	if (n < 0 || n > 100000000)
		goto bad;
	while (isspace((unsigned char)*end))
		end++;
	if (*end == '\0') {
		*secs = n;	/* a bare number is seconds */
		return 0;
	}
	for (i = 0; i < sizeof units / sizeof units[0]; i++) {
		size_t ul = strlen(units[i].unit);

		if (strncasecmp(end, units[i].unit, ul) != 0)
			continue;
		const char *rest = end + ul;
		while (isspace((unsigned char)*rest))
			rest++;
		if (*rest != '\0')
			continue;
		*secs = n * units[i].mult;
		return 0;
	}
bad:
	set_cause(cause, "invalid duration \"%s\" (expected e.g. 6w, 42d, "
	    "12h, 30m, 90s, 5y)", s);
	return -1;
}

int64_t
cal_add_days(int64_t t, int days)
{
	time_t		tt = (time_t)t;
	struct tm	tm;

	localtime_r(&tt, &tm);
	tm.tm_mday += days;
	tm.tm_isdst = -1;	/* let mktime work out DST on the new day */
	return (int64_t)mktime(&tm);
}

int64_t
cal_due(int64_t received, int64_t term)
{
	/* Whole days move by the calendar (DST-safe); the rest in seconds. */
	return cal_add_days(received, (int)(term / CAL_DAY)) + term % CAL_DAY;
}

char *
cal_format_date(int64_t t, const char *lang)
{
	static const char *nl[] = { "januari", "februari", "maart", "april",
	    "mei", "juni", "juli", "augustus", "september", "oktober",
	    "november", "december" };
	static const char *en[] = { "January", "February", "March", "April",
	    "May", "June", "July", "August", "September", "October",
	    "November", "December" };
	time_t		tt = (time_t)t;
	struct tm	tm;

	localtime_r(&tt, &tm);
	if (lang_is_en(lang))
		return xasprintf("%d %s %d", tm.tm_mday, en[tm.tm_mon],
		    tm.tm_year + 1900);
	return xasprintf("%d %s %d", tm.tm_mday, nl[tm.tm_mon],
	    tm.tm_year + 1900);
}

char *
cal_format_iso_date(int64_t t)
{
	time_t		tt = (time_t)t;
	struct tm	tm;
	char		s[32];

	localtime_r(&tt, &tm);
	strftime(s, sizeof s, "%Y-%m-%d", &tm);
	return xstrdup(s);
}

char *
cal_format_iso(int64_t t)
{
	time_t		tt = (time_t)t;
	struct tm	tm;
	char		s[64], z[8];

	localtime_r(&tt, &tm);
	strftime(s, sizeof s, "%Y-%m-%dT%H:%M:%S", &tm);
	strftime(z, sizeof z, "%z", &tm);
	return xasprintf("%s%.3s:%s", s, z, z + 3);
}

char *
cal_format_rfc5322(int64_t t)
{
	static const char *days[] = { "Sun", "Mon", "Tue", "Wed", "Thu",
	    "Fri", "Sat" };
	static const char *mons[] = { "Jan", "Feb", "Mar", "Apr", "May",
	    "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	time_t		tt = (time_t)t;
	struct tm	tm;
	char		z[8];

	/* Written by hand: strftime's %a/%b follow the locale. */
	localtime_r(&tt, &tm);
	strftime(z, sizeof z, "%z", &tm);
	return xasprintf("%s, %d %s %d %02d:%02d:%02d %s", days[tm.tm_wday],
	    tm.tm_mday, mons[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour,
	    tm.tm_min, tm.tm_sec, z);
}

/* Reads 1..max digits at *p into *v and moves *p past them; the number
 * of digits, 0 if there are none or more than max. */
static int
day_num(const char **p, int max, int *v)
{
	int	n = 0;

	*v = 0;
	while (isdigit((unsigned char)**p)) {
		if (++n > max)
			return 0;
		*v = *v * 10 + (**p - '0');
		(*p)++;
	}
	return n;
}

/*
 * The one grammar for a day (commands, the terms' labelled lines, the
 * config): a number, a separator, a number, the same separator, a number;
 * year first when the first number has 4 digits (month and day 1-2
 * digits), else day first (1-2 digits) with a 4-digit year last.
 */
int
cal_parse_day(const char *s, struct cal_ymd *ymd, int64_t *t)
{
	static const int mdays[] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};
	struct tm	 tm;
	const char	*p = s;
	char		 sep;
	int		 a, b, c, n1, n2, n3, y, m, d, leap;

	if (s == NULL)
		return -1;
	while (isspace((unsigned char)*p))
		p++;
	if ((n1 = day_num(&p, 4, &a)) == 0 || (*p != '-' && *p != '/'))
		return -1;
	sep = *p++;
	if ((n2 = day_num(&p, 2, &b)) == 0 || *p++ != sep ||
	    (n3 = day_num(&p, 4, &c)) == 0)
		return -1;
	while (isspace((unsigned char)*p))
		p++;
	if (*p != '\0')
		return -1;
	if (n1 == 4 && n3 <= 2) {
		y = a;
		m = b;
		d = c;
	} else if (n1 <= 2 && n3 == 4) {
		y = c;
		m = b;
		d = a;
	} else
		return -1;
	leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (y < 1970 || m < 1 || m > 12 || d < 1 ||
	    d > mdays[m - 1] + (m == 2 && leap))
		return -1;
	if (ymd != NULL) {
		ymd->y = y;
		ymd->m = m;
		ymd->d = d;
	}
	if (t != NULL) {
		memset(&tm, 0, sizeof tm);
		tm.tm_year = y - 1900;
		tm.tm_mon = m - 1;
		tm.tm_mday = d;
		tm.tm_isdst = -1;
		*t = (int64_t)mktime(&tm);
	}
	return 0;
}

int
cal_parse_iso_date(const char *s, int64_t *out)
{
	return cal_parse_day(s, NULL, out);
}

int
cal_year(int64_t t)
{
	time_t		tt = (time_t)t;
	struct tm	tm;

	localtime_r(&tt, &tm);
	return tm.tm_year + 1900;
}

int64_t
cal_days_from_civil(int64_t y, int m, int d)
{
	int64_t		era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

int64_t
cal_local_day(int64_t t)
{
	time_t		tt = (time_t)t;
	struct tm	tm;

	localtime_r(&tt, &tm);
	return cal_days_from_civil(tm.tm_year + 1900, tm.tm_mon + 1,
	    tm.tm_mday);
}

int
cal_parse_offset(const char *s, int64_t *out, char **cause)
{
	const char	*p = s;
	int64_t		 v;
	int		 neg = 0;
	char		*why = NULL;

	while (isspace((unsigned char)*p))
		p++;
	if (*p == '-' || *p == '+') {
		neg = *p == '-';
		p++;
	}
	if (cal_parse_duration(p, &v, &why) == -1 || v > 366 * CAL_DAY) {
		free(why);
		set_cause(cause, "invalid offset \"%s\" (expected e.g. \"-1w\" "
		    "before the due date, \"0d\" on it, \"+1w\" after it; at "
		    "most a year)", s);
		return -1;
	}
	*out = neg ? -v : v;
	return 0;
}

char *
cal_duration_words(int64_t secs, const char *lang)
{
	int64_t	days = secs / CAL_DAY;
	int	en = lang_is_en(lang);

	if (days % 7 == 0 && days > 0)
		return xasprintf("%lld %s", (long long)(days / 7), days == 7 ?
		    "week" : en ? "weeks" : "weken");
	return xasprintf("%lld %s", (long long)days, days == 1 ? (en ? "day" :
	    "dag") : en ? "days" : "dagen");
}
