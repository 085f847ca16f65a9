/*
 * calendar.h -- the one place the time is read, plus durations, due dates
 * and dates written the way people read them (nl, en).
 *
 * Times are Unix seconds (int64_t).  Dates shown to people are in the
 * local time zone of the host (TZ), which for a Dutch organisation is
 * Europe/Amsterdam.
 */
#ifndef KLACHT_CALENDAR_H
#define KLACHT_CALENDAR_H

#include <stdint.h>

/* Seconds in a day and in a week, for durations (a calendar day in local
 * time may be 23 or 25 hours: cal_add_days() moves by those). */
#define CAL_DAY		86400
#define CAL_WEEK	(7 * CAL_DAY)

/* Now, in Unix seconds.  Every module reads the clock through this. */
int64_t	 cal_now(void);

/* Parses a duration like "6w", "42d", "10 weeks", "3 dagen", "2h", "90s",
 * "15m" into seconds.  Returns 0/-1 with cause. */
int	 cal_parse_duration(const char *, int64_t *secs, char **cause);
/* Parses a signed offset "-1w", "+3d", "0d", "2w" (a duration with an
 * optional sign) into seconds.  At most a year (366 days) either way.
 * 0/-1 with cause. */
int	 cal_parse_offset(const char *, int64_t *secs, char **cause);
/* Adds whole calendar days in local time (DST-safe). */
int64_t	 cal_add_days(int64_t t, int days);
/* Due date: end of the day that lies the given number of days after t. */
int64_t	 cal_due(int64_t received, int64_t term_secs);

/* A term in words: "6 weken" / "6 weeks" when whole weeks, else "10
 * dagen" / "1 day" (whole days of secs).  Caller frees. */
char	*cal_duration_words(int64_t secs, const char *lang);
/* "21 november 2026" (nl) / "21 November 2026" (en); caller frees. */
char	*cal_format_date(int64_t t, const char *lang);
/* ISO 8601 local date "2026-11-21"; caller frees. */
char	*cal_format_iso_date(int64_t t);
/* "2026-11-21T09:30:00+01:00"; caller frees. */
char	*cal_format_iso(int64_t t);
/* RFC 5322 date "Sat, 21 Nov 2026 09:30:00 +0100"; caller frees. */
char	*cal_format_rfc5322(int64_t t);
/* A day of the calendar. */
struct cal_ymd {
	int	y;	/* 1970..9999 */
	int	m;	/* 1..12 */
	int	d;	/* 1..31, a day the month has */
};

/*
 * The one grammar for a day, used by officer commands (#hoorzitting),
 * the terms (the date of the measures in an outcome) and the config
 * (workdays.holidays): "2026-03-10" or "2026-3-9" (year first, 4 digits),
 * "10-03-2026" or "9-3-2026" (day first, the year last), with '-' or '/'
 * (the same twice) between the parts, blanks allowed around it and
 * nothing else.  The year is 1970..9999 and the day must exist (leap
 * years counted).  On success fills *ymd and *t (local midnight of that
 * day; either may be NULL) and returns 0; -1 otherwise.
 */
int	 cal_parse_day(const char *, struct cal_ymd *ymd, int64_t *t);
/* cal_parse_day(s, NULL, out): the same grammar, under the name older
 * callers use. */
int	 cal_parse_iso_date(const char *, int64_t *);
/* The local calendar year of t. */
int	 cal_year(int64_t t);
/* Days since 1970-01-01 of the civil date y-m-d (proleptic Gregorian;
 * Howard Hinnant's algorithm): day numbers that never meet DST. */
int64_t	 cal_days_from_civil(int64_t y, int m, int d);
/* The day number (as above) of t's local date. */
int64_t	 cal_local_day(int64_t t);

#endif
