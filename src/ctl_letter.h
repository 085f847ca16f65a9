/*
 * ctl_letter.h -- `klachtctl letter REF [N]`: a letter to a complainant
 * as a PDF on standard output (issue 16), kept apart from klachtctl.c.
 */
#ifndef KLACHT_CTL_LETTER_H
#define KLACHT_CTL_LETTER_H

#include "klacht.h"

/*
 * Writes the nth letter (nth NULL: the latest) sent to the complainant
 * of case ref to standard output as a PDF, and refuses a terminal there.
 * mail_init() must have run.  Returns a sysexits.h code: 0, EX_USAGE
 * (a terminal, a bad N), EX_NOINPUT (no such case or letter),
 * EX_TEMPFAIL, EX_IOERR.
 */
int	ctl_letter(struct klacht *, const char *ref, const char *nth);

/*
 * Records the postal address of case ref's complainant -- text holds
 * its lines, separated by newlines or ';' ("" clears it) -- and, when
 * phone is not NULL, their phone number, with an audit event by actor.
 * Letters use it in the envelope's window; a complainant without email
 * gets letters by post to it.  Returns a sysexits.h code.
 */
int	ctl_address(struct klacht *, const char *actor, const char *ref,
	    const char *text, const char *phone);

#endif
