/*
 * officer_redirect.h -- #forward / #doorsturen (issue 15): a request that
 * is no complaint, sent on to the desk it is for.
 */
#ifndef KLACHT_OFFICER_REDIRECT_H
#define KLACHT_OFFICER_REDIRECT_H

#include "cmdparse.h"
#include "officer_exec.h"

/*
 * The handler of CMD_REDIRECT (cmdtable.c), called by officer_exec.c
 * after the state check, inside the savepoint.  cmd->arg is the kind's
 * Dutch id (redirect.h).  Refuses (KR_INVALID, x->err) a kind without a
 * mailbox in redirect.*, naming the configured ones, and a case whose
 * original message is gone.  Otherwise, all in the caller's
 * transaction: the original complaint message is queued to the kind's
 * mailbox byte for byte (see officer_redirect.c), the complainant gets
 * the letter "redirected" (the date of receipt stands, Awb 2:3, 6:15),
 * and the case ends as forwarded (case_forward).
 */
enum kres	 officer_do_redirect(struct officer_exec *x,
		    const struct cmd *cmd, char **cause);

#endif
