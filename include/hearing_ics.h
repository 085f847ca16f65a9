/*
 * hearing_ics.h -- the calendar file (iCalendar, RFC 5545/5546) that goes
 * with an invitation to a hearing (Awb 9:10) and with its change or
 * cancellation.  hearing_ics.c is the only user of libical.
 *
 * One hearing per case keeps one UID: a change is the same UID with a
 * higher SEQUENCE and METHOD:REQUEST, a cancellation METHOD:CANCEL with
 * STATUS:CANCELLED, so a calendar program moves or removes the entry it
 * has instead of adding one.  Times are written in UTC.
 */
#ifndef KLACHT_HEARING_ICS_H
#define KLACHT_HEARING_ICS_H

#include <stdint.h>

struct hearing_ics {
	const char	*uid;		/* stable per case */
	int		 sequence;	/* 0 for the first invitation */
	int		 cancel;	/* METHOD:CANCEL, else REQUEST */
	int64_t		 stamp;		/* DTSTAMP: now */
	int64_t		 start;		/* DTSTART */
	int64_t		 duration;	/* DTEND = start + duration (s) */
	const char	*summary;
	const char	*location;	/* "" or NULL: none */
	const char	*description;	/* "" or NULL: none */
	const char	*organizer_email;
	const char	*organizer_name;	/* NULL: none */
	const char	*attendee_email;	/* the one recipient */
	const char	*attendee_name;		/* NULL: none */
};

/*
 * The VCALENDAR for h as text (CRLF lines, folded and escaped by
 * libical); caller frees.  NULL with *cause when libical fails or a
 * required field is missing.
 */
char	*hearing_ics_make(const struct hearing_ics *h, char **cause);

#endif
