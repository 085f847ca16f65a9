/*
 * officer_dossier.h -- the #dossier / #file command (issue 13): the
 * whole case file (dossier.h) to the officer who asks, and to nobody
 * else.
 */
#ifndef KLACHT_OFFICER_DOSSIER_H
#define KLACHT_OFFICER_DOSSIER_H

#include "cmdparse.h"
#include "officer_exec.h"

/*
 * The handler of CMD_DOSSIER (officer_exec.c's handlers[]).  The case is
 * cmd->arg when it names one, else the case the mail is about (x->c; a
 * desk mail, x->c.id == 0, must name one).  An officer who may not read
 * that case (dossier_may_read: a confidential category not theirs) is
 * refused with no word of its content.  Otherwise the case file goes to
 * x->o's configured address only, in the organisation's language, as
 * its own mail (template dossier, outbox kind "dossier"): the text in
 * the body, the HTML page and the attachments within
 * limits.dossier_attachments_total attached; its Reply-To is the
 * officer's reply address for that case.  An event "dossier" on the
 * case records who was sent it.
 */
enum kres	 officer_do_dossier(struct officer_exec *, const struct cmd *,
		    char **cause);

#endif
