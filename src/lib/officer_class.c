/*
 * officer_class.c -- #afdeling, #oorzaak and #label (officer_class.h):
 * the classification officers give a case so that the reports show where
 * complaints come from and why (issue 15).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "case.h"
#include "officer_class.h"
#include "store_class.h"
#include "util.h"

/* "a, b, c" of the configured department ids or causes; "-" for none. */
static char *
known(const struct cfg *cfg, int departments)
{
	struct buf	b;
	size_t		i, n = departments ? cfg->ndepartments : cfg->ncauses;

	buf_init(&b);
	for (i = 0; i < n; i++)
		buf_printf(&b, "%s%s", i ? ", " : "", departments ?
		    cfg->departments[i].id : cfg->causes[i]);
	if (n == 0)
		buf_adds(&b, "-");
	return buf_detach(&b, NULL);
}

/* Sets department or cause (what) to id, read from the case first for
 * the event's "old -> new". */
static enum kres
set_class(struct officer_exec *x, const char *what, const char *id,
    char **cause)
{
	struct case_class	cc;
	enum kres		r;

	if ((r = store_class_get(x->k->st, x->c.id, &cc, cause)) != KR_OK)
		return r;
	r = case_set_class(x->k->st, &x->c, x->o->id, what,
	    strcmp(what, "department") == 0 ? cc.department : cc.cause, id,
	    x->now, cause);
	case_class_free(&cc);
	return r;
}

enum kres
officer_do_department(struct officer_exec *x, const struct cmd *cmd,
    char **cause)
{
	const struct cfg_department	*d;
	char				*ids;
	enum kres			 r;

	if ((d = cfg_department_by_id(x->k->cfg, cmd->arg)) == NULL) {
		ids = known(x->k->cfg, 1);
		r = officer_exec_fail(x, x->en ? "there is no department "
		    "\"%s\" (departments: %s)" : "er is geen afdeling \"%s\" "
		    "(afdelingen: %s)", cmd->arg, ids);
		free(ids);
		return r;
	}
	if ((r = set_class(x, "department", d->id, cause)) != KR_OK)
		return r;
	officer_exec_change(x, x->en ? "department: %s" : "afdeling: %s",
	    d->name);
	return KR_OK;
}

enum kres
officer_do_cause(struct officer_exec *x, const struct cmd *cmd,
    char **cause)
{
	const char	*id;
	char		*ids;
	enum kres	 r;

	if ((id = cfg_cause_by_id(x->k->cfg, cmd->arg)) == NULL) {
		ids = known(x->k->cfg, 0);
		r = officer_exec_fail(x, x->en ? "there is no cause \"%s\" "
		    "(causes: %s)" : "er is geen oorzaak \"%s\" "
		    "(oorzaken: %s)", cmd->arg, ids);
		free(ids);
		return r;
	}
	if ((r = set_class(x, "cause", id, cause)) != KR_OK)
		return r;
	officer_exec_change(x, x->en ? "cause: %s" : "oorzaak: %s", id);
	return KR_OK;
}

enum kres
officer_do_label(struct officer_exec *x, const struct cmd *cmd,
    char **cause)
{
	struct case_class	cc;
	size_t			n;
	int			added = 0;
	enum kres		r;

	if ((r = store_class_get(x->k->st, x->c.id, &cc, cause)) != KR_OK)
		return r;
	n = cc.nlabels;
	case_class_free(&cc);
	if (n >= CLASS_MAX_LABELS)
		return officer_exec_fail(x, x->en ? "the complaint has %d "
		    "labels already, the most it may have" : "de klacht heeft "
		    "al %d labels, het hoogste aantal", CLASS_MAX_LABELS);
	if ((r = case_add_label(x->k->st, &x->c, x->o->id, cmd->arg, x->now,
	    &added, cause)) != KR_OK)
		return r;
	if (added)
		officer_exec_change(x, x->en ? "label added: %s" :
		    "label toegevoegd: %s", cmd->arg);
	else
		officer_exec_change(x, x->en ? "label %s: the complaint has "
		    "it already" : "label %s: de klacht had het al", cmd->arg);
	return KR_OK;
}
