/*
 * officer_due.h -- the complainant hears when the due date moves
 * (issue 14): the letter due-changed, and the command that corrects the
 * date of receipt (#received / #ontvangen).  Inside libklacht only;
 * officer_exec.c calls these from its handlers, inside the savepoint of
 * the officer's reply.
 */
#ifndef KLACHT_OFFICER_DUE_H
#define KLACHT_OFFICER_DUE_H

#include <stdint.h>

#include "cmdparse.h"
#include "officer_exec.h"

/*
 * The due date of x's case moved from old_due to its due_at without an
 * extension (which has its own letter): queues the letter due-changed to
 * the complainant with both dates and reason (in the case's language),
 * and a line for the officer.  Nothing when the date is the same day or
 * the case is decided or closed (no judgement is pending any more).
 */
enum kres	 officer_due_letter(struct officer_exec *x, int64_t old_due,
		    const char *reason, char **cause);

/* #received / #ontvangen <date> [text]: the date of receipt was another
 * day; the term runs from it (handlers[CMD_RECEIVED]). */
enum kres	 officer_do_received(struct officer_exec *x,
		    const struct cmd *cmd, char **cause);

#endif
