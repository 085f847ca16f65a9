/*
 * test_hearing_ics.c -- the calendar file of a hearing (hearing_ics.c),
 * parsed back with libical's own parser: the fields a calendar program
 * reads (METHOD, UID, SEQUENCE, DTSTART, DTEND, SUMMARY, LOCATION,
 * STATUS, ORGANIZER, ATTENDEE), text that needs escaping, a change and a
 * cancellation, and what is refused.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <libical/ical.h>

#include "check.h"
#include "hearing_ics.h"
#include "util.h"

/* 2030-03-17 17:46:40 UTC */
#define START	1900000000

static icalcomponent *
parse_event(const char *text, icalproperty_method *method)
{
	icalcomponent	*cal = icalparser_parse_string(text), *ev;

	CHECK(cal != NULL);
	if (cal == NULL)
		return NULL;
	CHECK(icalcomponent_isa(cal) == ICAL_VCALENDAR_COMPONENT);
	*method = icalcomponent_get_method(cal);
	ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT);
	CHECK(ev != NULL);
	CHECK(icalcomponent_count_errors(cal) == 0);
	return cal;
}

static void
test_request(void)
{
	struct hearing_ics	 h = {
		.uid = "hearing-KL-2030-00001@gemeente.example",
		.sequence = 0, .cancel = 0, .stamp = START - 86400,
		.start = START, .duration = 3600,
		.summary = "Hoorzitting klacht KL-2030-00001",
		.location = "Stadhuis, kamer 2; ingang B",
		.description = "Neem uw brief mee.\nTot dan.",
		.organizer_email = "klachten@gemeente.example",
		.organizer_name = "Gemeente Testdorp",
		.attendee_email = "jan@example.org",
		.attendee_name = "Jan, de klager",
	};
	icalcomponent		*cal, *ev;
	icalproperty		*p;
	icalproperty_method	 m;
	char			*cause = NULL, *text;

	text = hearing_ics_make(&h, &cause);
	CHECK(text != NULL);
	if (text == NULL)
		return;
	CHECK(strstr(text, "\r\n") != NULL);
	if ((cal = parse_event(text, &m)) == NULL) {
		free(text);
		return;
	}
	ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT);
	CHECK_INT(m, ICAL_METHOD_REQUEST);
	CHECK_STR(icalcomponent_get_uid(ev), h.uid);
	CHECK_INT(icalcomponent_get_sequence(ev), 0);
	CHECK_INT(icaltime_as_timet(icalcomponent_get_dtstart(ev)), START);
	CHECK(icaltime_is_utc(icalcomponent_get_dtstart(ev)));
	CHECK_INT(icaltime_as_timet(icalcomponent_get_dtend(ev)), START + 3600);
	CHECK_STR(icalcomponent_get_summary(ev), h.summary);
	CHECK_STR(icalcomponent_get_location(ev), h.location);
	CHECK_STR(icalcomponent_get_description(ev), h.description);
	CHECK_INT(icalcomponent_get_status(ev), ICAL_STATUS_CONFIRMED);
	p = icalcomponent_get_first_property(ev, ICAL_ORGANIZER_PROPERTY);
	CHECK(p != NULL);
	if (p != NULL)
		CHECK_STR(icalproperty_get_organizer(p),
		    "mailto:klachten@gemeente.example");
	/* One attendee: the recipient, and nobody else's address. */
	CHECK_INT(icalcomponent_count_properties(ev, ICAL_ATTENDEE_PROPERTY),
	    1);
	p = icalcomponent_get_first_property(ev, ICAL_ATTENDEE_PROPERTY);
	if (p != NULL) {
		icalparameter *cn = icalproperty_get_first_parameter(p,
		    ICAL_CN_PARAMETER);

		CHECK_STR(icalproperty_get_attendee(p), "mailto:jan@example.org");
		CHECK(cn != NULL);
		if (cn != NULL)
			CHECK_STR(icalparameter_get_cn(cn), "Jan, de klager");
	}
	icalcomponent_free(cal);
	free(text);
}

static void
test_change_and_cancel(void)
{
	struct hearing_ics	 h = {
		.uid = "hearing-KL-2030-00002@x.example", .sequence = 2,
		.cancel = 1, .stamp = START, .start = START + 7200,
		.duration = 3600, .summary = "Hearing (cancelled)",
		.location = NULL, .description = "",
		.organizer_email = "k@x.example", .organizer_name = NULL,
		.attendee_email = "r@example.org", .attendee_name = NULL,
	};
	icalcomponent		*cal, *ev;
	icalproperty_method	 m;
	char			*cause = NULL, *text;

	text = hearing_ics_make(&h, &cause);
	CHECK(text != NULL);
	if (text == NULL || (cal = parse_event(text, &m)) == NULL) {
		free(text);
		return;
	}
	ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT);
	CHECK_INT(m, ICAL_METHOD_CANCEL);
	CHECK_STR(icalcomponent_get_uid(ev), h.uid);
	CHECK_INT(icalcomponent_get_sequence(ev), 2);
	CHECK_INT(icalcomponent_get_status(ev), ICAL_STATUS_CANCELLED);
	CHECK(icalcomponent_get_first_property(ev, ICAL_LOCATION_PROPERTY) ==
	    NULL);
	CHECK(icalcomponent_get_first_property(ev,
	    ICAL_DESCRIPTION_PROPERTY) == NULL);
	icalcomponent_free(cal);
	free(text);
}

static void
test_refused(void)
{
	struct hearing_ics	 h = {
		.uid = "u@x", .stamp = START, .start = START,
		.duration = 3600, .summary = "s",
		.organizer_email = "k@x.example",
		.attendee_email = NULL,
	};
	char	*cause = NULL;

	CHECK(hearing_ics_make(&h, &cause) == NULL);
	CHECK(cause != NULL);
	free(cause);
	cause = NULL;
	h.attendee_email = "a@x.example";
	h.uid = "";
	CHECK(hearing_ics_make(&h, &cause) == NULL);
	free(cause);
}

int
main(void)
{
	test_request();
	test_change_and_cancel();
	test_refused();
	return check_done();
}
