/*
 * officer_informal.c -- #resolved / #opgelost (issue 15): the complaint
 * was solved with the complainant (a phone call, a talk), so it ends
 * without a judgement (Awb 9:5).  The letter "resolved" confirms what was
 * agreed and names the last day on which the complainant may still ask
 * for formal handling by replying (terms.formal_request_window; the
 * reply itself is intake.c's).  A handler of the command table
 * (cmdtable.c), run by officer_exec.c inside the savepoint of the reply.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "case.h"
#include "cfg.h"
#include "klacht.h"
#include "letters.h"
#include "lettertext.h"
#include "log.h"
#include "officer_exec.h"
#include "util.h"

enum kres
officer_do_resolved(struct officer_exec *x, const struct cmd *cmd,
    char **cause)
{
	const struct cfg	*cfg = x->k->cfg;
	char			*from, *text, *until, *until_o, *today;
	enum kres		 r;

	from = xstrdup(x->c.status);
	r = case_resolve(x->k->st, &x->c, x->o->id, cmd->text, x->now, cause);
	if (r == KR_INVALID) {
		free(*cause);
		*cause = NULL;
		r = officer_exec_fail(x, x->en ? "the complaint is %s: it "
		    "cannot be resolved informally any more" : "de klacht is "
		    "%s: informeel oplossen kan niet meer", from);
	}
	if (r != KR_OK) {
		free(from);
		return r;
	}
	/* Greeting and sign-off are the officer's to the colleague, not
	 * the letter's (lettertext.c). */
	text = letter_officer_text(cmd->text);
	until = cal_format_date(case_formal_request_until(&x->c,
	    cfg->formal_request_window), x->c.language);
	until_o = cal_format_date(case_formal_request_until(&x->c,
	    cfg->formal_request_window), x->lang);
	today = cal_format_date(x->now, x->c.language);
	struct tmpl_var vars[] = {
		{ "text", text },
		{ "formal_until", until },
		{ "decided_date", today },
	};
	r = letter_to_complainant(x->k, &x->c, "resolved", "resolved", vars,
	    sizeof vars / sizeof vars[0], x->now, cause);
	if (r == KR_OK) {
		officer_exec_change(x, x->en ? "status: %s -> %s" :
		    "status: %s -> %s", case_state_label(case_state_parse(from),
		    x->lang), case_state_label(CS_RESOLVED, x->lang));
		officer_exec_change(x, x->en ? "resolved informally, without a "
		    "judgement; the letter confirming what was agreed was sent "
		    "to the complainant, who may ask for formal handling until "
		    "%s" : "informeel opgelost, zonder oordeel; de brief met de "
		    "afspraak is naar de klager gestuurd, die tot en met %s om "
		    "formele behandeling kan vragen", until_o);
		log_info("case=%s status %s -> resolved by officer %s",
		    x->c.ref, from, x->o->id);
	}
	free(today);
	free(until_o);
	free(until);
	free(text);
	free(from);
	return r;
}
