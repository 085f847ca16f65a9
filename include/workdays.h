/*
 * workdays.h -- working days and working hours in the Netherlands.
 *
 * Pure functions over the local calendar (TZ, Europe/Amsterdam for a
 * Dutch organisation): no I/O, no clock.  The public holidays are the
 * ones Dutch employers give off:
 *
 *   Nieuwjaarsdag		1 January
 *   Goede Vrijdag		Easter - 2 (only when good_friday is set:
 *				most organisations work that day)
 *   Eerste/Tweede Paasdag	Easter Sunday and Monday
 *   Koningsdag			27 April, 26 April when the 27th is a
 *				Sunday (from 2014; before: Koninginnedag
 *				30 April, 29 April when a Sunday)
 *   Bevrijdingsdag		5 May: every year (liberation_yearly, the
 *				government's rule) or only in lustrum
 *				years, 2025, 2030, ... (many CAOs)
 *   Hemelvaartsdag		Easter + 39
 *   Eerste/Tweede Pinksterdag	Easter + 49 and + 50
 *   Eerste/Tweede Kerstdag	25 and 26 December
 *
 * plus any extra days the organisation closes (yyyymmdd numbers).  A
 * working day is Monday to Friday and not one of these; working hours
 * run from start to end minutes after local midnight on working days.
 */
#ifndef KLACHT_WORKDAYS_H
#define KLACHT_WORKDAYS_H

#include <stddef.h>
#include <stdint.h>

struct workdays {
	int		 start;		/* minutes after midnight: 540 */
	int		 end;		/* 1020; start < end */
	int		 liberation_yearly;
	int		 good_friday;
	const int32_t	*extra;		/* extra days off, yyyymmdd */
	size_t		 nextra;
};

/* 09:00-17:00, Bevrijdingsdag every year, no Goede Vrijdag, no extras. */
void		 workdays_default(struct workdays *);

/* Easter Sunday (Gregorian) of year: *month 3 or 4, *day. */
void		 workdays_easter(int year, int *month, int *day);

/* The Dutch name of the day off on y-m-d ("Koningsdag", or "vrije dag"
 * for an extra one), or NULL when it is none.  Weekends are not named. */
const char	*workdays_holiday(const struct workdays *, int y, int m, int d);

/* Whether the local date of t is a working day. */
int		 workdays_is_workday(const struct workdays *, int64_t t);

/* Working seconds in [from, to); 0 when to <= from. */
int64_t		 workdays_between(const struct workdays *, int64_t from,
		    int64_t to);

/* The first moment at which secs working seconds have passed since from
 * (from itself when secs <= 0).  Looks at most about 30 years ahead. */
int64_t		 workdays_add(const struct workdays *, int64_t from,
		    int64_t secs);

/* "09:00-17:00" into minutes after midnight (start < end).  0/-1. */
int		 workdays_parse_hours(const char *, int *start, int *end,
		    char **cause);

/* "monday 08:00" / "maandag 8:00" (English or Dutch day, case does not
 * matter) into *wday (0 = Sunday) and *min.  0/-1 with cause. */
int		 workdays_parse_weekly(const char *, int *wday, int *min,
		    char **cause);

/* The latest moment <= now that is weekday wday at min minutes after
 * local midnight. */
int64_t		 workdays_last_weekly(int64_t now, int wday, int min);

/* Local midnight of the day y-m-d (DST-safe). */
int64_t		 workdays_midnight(int y, int m, int d);

#endif
