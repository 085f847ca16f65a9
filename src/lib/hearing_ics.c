/*
 * hearing_ics.c -- the iCalendar file of a hearing invitation, change or
 * cancellation (hearing_ics.h), built with libical.  Nothing else in
 * klachtd links against libical's API.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libical/ical.h>

#include "hearing_ics.h"
#include "util.h"

static struct icaltimetype
utc(int64_t t)
{
	return icaltime_from_timet_with_zone((time_t)t, 0,
	    icaltimezone_get_utc_timezone());
}

/* ORGANIZER or ATTENDEE: "mailto:" and the address, CN the name. */
static icalproperty *
person(int attendee, const char *email, const char *name)
{
	icalproperty	*p;
	char		*uri = xasprintf("mailto:%s", email);

	if (attendee) {
		p = icalproperty_new_attendee(uri);
		icalproperty_add_parameter(p,
		    icalparameter_new_role(ICAL_ROLE_REQPARTICIPANT));
	} else
		p = icalproperty_new_organizer(uri);
	free(uri);
	if (name != NULL && *name != '\0')
		icalproperty_add_parameter(p, icalparameter_new_cn(name));
	return p;
}

char *
hearing_ics_make(const struct hearing_ics *h, char **cause)
{
	icalcomponent	*cal, *ev;
	char		*s, *out;

	if (h->uid == NULL || *h->uid == '\0' || h->summary == NULL ||
	    h->organizer_email == NULL || h->attendee_email == NULL ||
	    h->start <= 0 || h->duration <= 0) {
		*cause = xstrdup("hearing_ics_make: a required field is "
		    "missing");
		return NULL;
	}
	cal = icalcomponent_vanew(ICAL_VCALENDAR_COMPONENT,
	    icalproperty_new_prodid("-//klachtd//hearing//NL"),
	    icalproperty_new_version("2.0"),
	    icalproperty_new_method(h->cancel ? ICAL_METHOD_CANCEL :
	    ICAL_METHOD_REQUEST), (void *)0);
	ev = icalcomponent_new(ICAL_VEVENT_COMPONENT);
	icalcomponent_add_property(ev, icalproperty_new_uid(h->uid));
	icalcomponent_add_property(ev, icalproperty_new_sequence(h->sequence));
	icalcomponent_add_property(ev, icalproperty_new_dtstamp(utc(h->stamp)));
	icalcomponent_add_property(ev, icalproperty_new_dtstart(utc(h->start)));
	icalcomponent_add_property(ev, icalproperty_new_dtend(utc(h->start +
	    h->duration)));
	icalcomponent_add_property(ev, icalproperty_new_summary(h->summary));
	if (h->location != NULL && *h->location != '\0')
		icalcomponent_add_property(ev,
		    icalproperty_new_location(h->location));
	if (h->description != NULL && *h->description != '\0')
		icalcomponent_add_property(ev,
		    icalproperty_new_description(h->description));
	icalcomponent_add_property(ev, icalproperty_new_status(h->cancel ?
	    ICAL_STATUS_CANCELLED : ICAL_STATUS_CONFIRMED));
	icalcomponent_add_property(ev, person(0, h->organizer_email,
	    h->organizer_name));
	icalcomponent_add_property(ev, person(1, h->attendee_email,
	    h->attendee_name));
	icalcomponent_add_component(cal, ev);
	if ((s = icalcomponent_as_ical_string_r(cal)) == NULL) {
		*cause = xasprintf("libical: %s",
		    icalerror_strerror(icalerrno));
		icalcomponent_free(cal);
		return NULL;
	}
	out = xstrdup(s);
	icalmemory_free_buffer(s);
	icalcomponent_free(cal);
	return out;
}
