/*
 * officer_measure.c -- #maatregel / #measure and #gereed / #done
 * (issue 15, officer_measure.h).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "casestate.h"
#include "letters.h"
#include "log.h"
#include "measure.h"
#include "officer_measure.h"

static enum kres
link_existing(struct officer_exec *x, const struct cmd *cmd, char **cause)
{
	struct measure_row	 m;
	int			 fresh;
	char			*detail;
	enum kres		 r;

	if ((r = store_measure_get(x->k->st, cmd->arg, &m, cause)) != KR_OK)
		return r;
	if (m.id == 0) {
		measure_row_free(&m);
		return officer_exec_fail(x, x->en ? "there is no measure %s" :
		    "maatregel %s bestaat niet", cmd->arg);
	}
	if ((r = store_measure_link(x->k->st, m.id, x->c.id, x->o->id, x->now,
	    &fresh, cause)) != KR_OK)
		goto out;
	if (!fresh) {
		officer_exec_change(x, x->en ? "measure %s: this complaint "
		    "was already linked to it" : "maatregel %s: deze klacht "
		    "was er al aan gekoppeld", m.ref);
		goto out;
	}
	detail = xasprintf("%s linked", m.ref);
	r = store_event_add(x->k->st, x->c.id, x->now, x->o->id, "measure",
	    detail, cause);
	free(detail);
	if (r == KR_OK)
		officer_exec_change(x, x->en ? "linked to measure %s (%s)" :
		    "gekoppeld aan maatregel %s (%s)", m.ref, m.text);
out:
	measure_row_free(&m);
	return r;
}

/* Makes the measure (owner, due day due / due_at, text) on x's case,
 * records it, mails the owner and says so in the confirmation; how
 * tells how it came about ("" or the reason, for the confirmation). */
static enum kres
make_measure(struct officer_exec *x, const struct cfg_officer *owner,
    const struct cfg_owner *contact, const char *due, int64_t due_at,
    const char *text, const char *how, char **cause)
{
	/* Exactly one of owner (an officer) and contact is set. */
	const char		*oid = owner ? owner->id : contact->id;
	const char		*oname = owner ? owner->name : contact->name;
	struct measure_row	 m;
	int64_t			 id;
	char			*ref, *detail, *dues;
	enum kres		 r;

	if ((r = store_measure_add(x->k->st, cal_year(x->now), oid,
	    due, due_at, text, x->o->id, x->c.id, x->now, &id, &ref,
	    cause)) != KR_OK)
		return r;
	detail = xasprintf("%s made: owner %s, due %s", ref, oid, due);
	r = store_event_add(x->k->st, x->c.id, x->now, x->o->id, "measure",
	    detail, cause);
	free(detail);
	if (r == KR_OK)
		r = store_measure_get(x->k->st, ref, &m, cause);
	if (r == KR_OK) {
		r = owner != NULL ? measure_mail_owner(x->k, x->key, &m, owner,
		    x->c.id, "measure", x->now, cause) :
		    measure_mail_contact(x->k, x->key, &m, contact,
		    "measure-contact", x->now, cause);
		measure_row_free(&m);
	}
	if (r == KR_OK) {
		dues = cal_format_date(due_at, x->lang);
		officer_exec_change(x, x->en ? "measure %s made%s: owner %s, "
		    "due %s; the owner was sent it" : "maatregel %s "
		    "gemaakt%s: eigenaar %s, uiterlijk %s; de eigenaar heeft "
		    "hem gekregen", ref, how, oname, dues);
		free(dues);
		log_info("case=%s officer %s: measure %s for %s, due %s",
		    x->c.ref, x->o->id, ref, oid, due);
	}
	free(ref);
	return r;
}

enum kres
officer_do_measure(struct officer_exec *x, const struct cmd *cmd,
    char **cause)
{
	const struct cfg_officer *owner;
	const struct cfg_owner	*contact = NULL;
	int64_t			 due_at;

	if (cmd->due[0] == '\0')
		return link_existing(x, cmd, cause);
	/* An officer id wins over a contact's (cfg_owners.c refuses the
	 * clash anyway). */
	if ((owner = cfg_officer_by_id(x->k->cfg, cmd->arg)) == NULL &&
	    (contact = cfg_owner_by_id(x->k->cfg, cmd->arg)) == NULL)
		return officer_exec_fail(x, x->en ? "the owner \"%s\" is no "
		    "configured officer nor one of measures.owners" :
		    "eigenaar \"%s\" is geen functionaris en geen "
		    "measures.owners uit de configuratie", cmd->arg);
	if (*cmd->text == '\0')
		return officer_exec_fail(x, x->en ? "#measure needs the "
		    "measure after the owner and the date" : "#maatregel "
		    "vraagt de maatregel na de eigenaar en de datum");
	if (cal_parse_iso_date(cmd->due, &due_at) == -1)
		return officer_exec_fail(x, x->en ? "\"%s\" is no date" :
		    "\"%s\" is geen datum", cmd->due);
	/* The whole due day counts: a date before today is a typo. */
	if (cal_add_days(due_at, 1) <= x->now)
		return officer_exec_fail(x, x->en ? "the date %s has passed" :
		    "de datum %s is al voorbij", cmd->due);
	return make_measure(x, owner, contact, cmd->due, due_at, cmd->text,
	    "", cause);
}

enum kres
officer_measure_outcome(struct officer_exec *x, int64_t due_at,
    const char *text, char **cause)
{
	const struct cfg_officer *owner = NULL;
	size_t			 i;
	char			*due;
	enum kres		 r;

	if (x->c.assignee != NULL)
		owner = cfg_officer_by_id(x->k->cfg, x->c.assignee);
	/* No assignee: the triage officers sort what has no owner -- one
	 * named for the category, since the mail is about the case. */
	for (i = 0; owner == NULL && i < x->k->cfg->nofficers; i++)
		if (x->k->cfg->officers[i].triage &&
		    officer_serves(&x->k->cfg->officers[i], x->c.category))
			owner = &x->k->cfg->officers[i];
	if (owner == NULL)
		owner = x->o;
	due = cal_format_iso_date(due_at);
	r = make_measure(x, owner, NULL, due, due_at, text, x->en ?
	    " from the outcome's measures date" : " uit de datum "
	    "maatregelen van de afhandeling", cause);
	free(due);
	return r;
}

enum kres
officer_do_done(struct officer_exec *x, const struct cmd *cmd, char **cause)
{
	struct measure_row	 m;
	size_t			 nids = 0, told = 0;
	char			*day;
	enum kres		 r;

	if ((r = store_measure_get(x->k->st, cmd->arg, &m, cause)) != KR_OK)
		return r;
	if (m.id == 0) {
		measure_row_free(&m);
		return officer_exec_fail(x, x->en ? "there is no measure %s" :
		    "maatregel %s bestaat niet", cmd->arg);
	}
	if (strcmp(m.status, "open") != 0) {
		day = cal_format_date(m.done_at, x->lang);
		r = officer_exec_fail(x, x->en ? "measure %s was done "
		    "already, on %s" : "maatregel %s was al gereed, op %s",
		    m.ref, day);
		free(day);
		measure_row_free(&m);
		return r;
	}
	if ((r = measure_done(x->k, &m, cmd->text, x->o->id, x->now, &nids,
	    &told, cause)) != KR_OK)
		goto out;
	officer_exec_change(x, x->en ? "measure %s is done (%zu complaint(s) "
	    "linked)" : "maatregel %s is gereed (%zu klacht(en) gekoppeld)",
	    m.ref, nids);
	if (x->k->cfg->measure_tell)
		officer_exec_change(x, x->en ? "%zu complainant(s) were told "
		    "what was improved" : "%zu klager(s) hebben gehoord wat "
		    "er is verbeterd", told);
out:
	measure_row_free(&m);
	return r;
}
