/*
 * ctl_letter.h -- `klachtctl letter REF [N]`: a letter to a complainant
 * as a PDF on standard output (issue 16); ctl.h declares the command
 * function of the table.
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

#endif
