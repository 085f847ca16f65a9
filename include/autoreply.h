/*
 * autoreply.h -- auto-replies that do not say so in their headers.
 *
 * RFC 3834 asks responders for Auto-Submitted, and intake.c honours it and
 * its older cousins (Precedence, X-Autoreply, ...).  Many out-of-office
 * setups send none of them, but all of them announce themselves in the
 * subject they put in front of ours.  Issue 18 F9: such a reply to an
 * officer's token address made klachtd confirm, which the responder
 * answered again, for ever.
 */
#ifndef KLACHT_AUTOREPLY_H
#define KLACHT_AUTOREPLY_H

/*
 * The auto-reply marker subject starts with ("automatic reply",
 * "afwezig", "abwesenheitsnotiz", ...), or NULL.  A marker counts only as
 * the whole subject or followed by ':' (after blanks), so "Afwezigheid
 * van de leraar" is a subject, "Afwezig: Re: [KL-2026-00042]" a marker.
 * Case-insensitive (ASCII).  Pure.
 */
const char	*autoreply_subject(const char *subject);

#endif
