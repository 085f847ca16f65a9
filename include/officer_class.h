/*
 * officer_class.h -- the handlers of #afdeling / #department, #oorzaak /
 * #cause and #label / #tag (issue 15), entered in officer_exec.c's
 * handlers[].  They classify the case for the reports: a configured
 * department and cause (cfg_class.c), and any number of label words.
 */
#ifndef KLACHT_OFFICER_CLASS_H
#define KLACHT_OFFICER_CLASS_H

#include "cmdparse.h"
#include "officer_exec.h"

/* #department <id>: sets the case's department to a configured one
 * (event "department"); an unknown id is refused (KR_INVALID, x->err)
 * naming the configured ids. */
enum kres	 officer_do_department(struct officer_exec *x,
		    const struct cmd *, char **cause);
/* #cause <id>: the same for the configured causes (event "cause"). */
enum kres	 officer_do_cause(struct officer_exec *x, const struct cmd *,
		    char **cause);
/* #label <word>: adds the word to the case's labels (event "label");
 * a label the case has already changes nothing and says so.  At most
 * CLASS_MAX_LABELS per case. */
#define CLASS_MAX_LABELS	32
enum kres	 officer_do_label(struct officer_exec *x, const struct cmd *,
		    char **cause);

#endif
