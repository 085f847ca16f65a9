/*
 * officer_correct.c -- the officer commands that correct a case record
 * (issue 14): #complainant (the right person gets the acknowledgement,
 * the wrong one nothing more), #link, #merge (into another case: no
 * letter, not a complaint) and #void (duplicate, misdirected, spam: no
 * letter, counted apart).  Handlers as officer_exec.c's own (see
 * officer_exec.h); the case changes are case_correct.c's.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "case.h"
#include "cmdparse.h"
#include "letters.h"
#include "log.h"
#include "officer.h"
#include "officer_exec.h"


/*
 * The other case a command names, read into *o: it must exist, not be
 * this one, and be one the officer may act on (a confidential case only
 * for its own officers).  KR_INVALID with x->err otherwise.
 */
static enum kres
other_case(struct officer_exec *x, const char *ref, struct case_row *o,
    char **cause)
{
	enum kres	r;

	r = store_case_get_ref(x->k->st, ref, o, cause);
	if (r == KR_INVALID) {
		free(*cause);
		*cause = NULL;
		return officer_exec_fail(x, x->en ? "there is no complaint %s" :
		    "er is geen klacht %s", ref);
	}
	if (r != KR_OK)
		return r;
	if (o->id == x->c.id) {
		case_row_free(o);
		return officer_exec_fail(x, x->en ? "%s is this complaint itself" :
		    "%s is deze klacht zelf", ref);
	}
	if (officer_case_confidential(x->k->cfg, o) &&
	    !officer_serves(x->o, o->category)) {
		case_row_free(o);
		return officer_exec_fail(x, x->en ? "%s is confidential and you are not "
		    "named for its category" : "%s is vertrouwelijk en u bent "
		    "niet aangewezen voor die categorie", ref);
	}
	return KR_OK;
}

enum kres
officer_do_complainant(struct officer_exec *x, const struct cmd *cmd,
    char **cause)
{
	const char	*name = *cmd->text ? cmd->text : NULL;
	char		*old = x->c.complainant_email ?
			    xstrdup(x->c.complainant_email) : NULL;
	int64_t		 dropped = 0;
	int		 has_ack = 0;
	enum kres	 r;

	if (cfg_officer_by_email(x->k->cfg, cmd->arg) != NULL) {
		free(old);
		return officer_exec_fail(x, x->en ? "%s is an officer's address" :
		    "%s is het adres van een functionaris", cmd->arg);
	}
	r = case_set_complainant(x->k->st, &x->c, x->o->id, cmd->arg, name,
	    x->now, cause);
	if (r == KR_INVALID) {
		free(*cause);
		*cause = NULL;
		free(old);
		return officer_exec_fail(x, x->en ? "%s is the complainant already" :
		    "%s is al de klager", cmd->arg);
	}
	/* The wrong address is not written to again: what is still
	 * waiting for it goes nowhere. */
	if (r == KR_OK && old != NULL && *old != '\0')
		r = store_outbox_drop_to(x->k->st, x->c.id, old, &dropped,
		    cause);
	if (r == KR_OK)
		r = store_outbox_has(x->k->st, x->c.id, cmd->arg, "ack",
		    &has_ack, cause);
	if (r == KR_OK && !has_ack) {
		struct tmpl_var vars[] = { { "attachments_not_stored", "" } };

		r = letter_to_complainant(x->k, &x->c, "ack", "ack", vars, 1,
		    x->now, cause);
	}
	if (r == KR_OK) {
		officer_exec_change(x, x->en ? "the complainant is now %s%s%s%s (was %s)" :
		    "de klager is nu %s%s%s%s (was %s)", name ? name : "",
		    name ? " <" : "", cmd->arg, name ? ">" : "",
		    old ? old : "-");
		if (!has_ack)
			officer_exec_change(x, x->en ? "the acknowledgement was sent to %s" :
			    "de ontvangstbevestiging is naar %s gestuurd",
			    cmd->arg);
		if (dropped > 0)
			officer_exec_change(x, x->en ? "%lld mail(s) not yet sent to %s "
			    "will not be sent" : "%lld nog niet verstuurde "
			    "mail(s) aan %s gaan niet meer weg",
			    (long long)dropped, old);
		log_info("case=%s complainant corrected by officer %s",
		    x->c.ref, x->o->id);
	}
	free(old);
	return r;
}

enum kres
officer_do_link(struct officer_exec *x, const struct cmd *cmd, char **cause)
{
	struct case_row	o;
	enum kres	r;

	if ((r = other_case(x, cmd->arg, &o, cause)) != KR_OK)
		return r;
	r = case_link_both(x->k->st, &x->c, &o, x->o->id, x->now, cause);
	if (r == KR_DUP)
		r = officer_exec_fail(x, x->en ? "%s is linked to this complaint already" :
		    "%s is al aan deze klacht gekoppeld", o.ref);
	else if (r == KR_OK)
		officer_exec_change(x, x->en ? "linked to %s" : "gekoppeld aan %s", o.ref);
	case_row_free(&o);
	return r;
}

enum kres
officer_do_merge(struct officer_exec *x, const struct cmd *cmd, char **cause)
{
	struct case_row	 o;
	enum case_state	 st;
	char		*from;
	enum kres	 r;

	if ((r = other_case(x, cmd->arg, &o, cause)) != KR_OK)
		return r;
	st = case_state_parse(o.status);
	if (case_state_administrative(st)) {
		r = officer_exec_fail(x, x->en ? "%s is %s itself: merge into the case it "
		    "went to" : "%s is zelf %s: voeg samen met de klacht "
		    "waar die in is opgegaan", o.ref, case_state_label(st,
		    x->lang));
		case_row_free(&o);
		return r;
	}
	from = xstrdup(x->c.status);
	r = case_merge(x->k->st, &x->c, &o, x->o->id, cmd->text, x->now,
	    cause);
	if (r == KR_INVALID) {
		free(*cause);
		*cause = NULL;
		r = officer_exec_fail(x, x->en ? "the complaint is %s: it cannot be merged" :
		    "de klacht is %s: samenvoegen kan niet", from);
	} else if (r == KR_OK) {
		officer_exec_change(x, x->en ? "merged into %s: its messages, files and "
		    "history are there now; this complaint is closed as merged "
		    "(no letter; not counted as a complaint)" : "samengevoegd "
		    "met %s: de berichten, bestanden en geschiedenis staan "
		    "daar nu; deze klacht is gesloten als samengevoegd (geen "
		    "brief; telt niet als klacht)", o.ref);
		log_info("case=%s merged into %s by officer %s", x->c.ref,
		    o.ref, x->o->id);
	}
	free(from);
	case_row_free(&o);
	return r;
}

enum kres
officer_do_void(struct officer_exec *x, const struct cmd *cmd, char **cause)
{
	static const struct {
		const char	*id, *nl, *en;
	} why[] = {
		{ "duplicate", "dubbel", "a duplicate" },
		{ "misdirected", "verkeerd adres", "sent to the wrong address" },
		{ "spam", "spam", "spam" },
	};
	const char	*label = cmd->arg;
	size_t		 i;
	enum kres	 r;

	for (i = 0; i < sizeof why / sizeof why[0]; i++)
		if (strcmp(why[i].id, cmd->arg) == 0)
			label = x->en ? why[i].en : why[i].nl;
	r = case_void(x->k->st, &x->c, x->o->id, cmd->arg, cmd->text, x->now,
	    cause);
	if (r == KR_INVALID) {
		free(*cause);
		*cause = NULL;
		return officer_exec_fail(x, x->en ? "the complaint is %s: it cannot be made "
		    "void" : "de klacht is %s: laten vervallen kan niet",
		    x->c.status);
	}
	if (r == KR_OK) {
		officer_exec_change(x, x->en ? "closed as void (%s), without a letter; not "
		    "counted as a complaint" : "vervallen (%s), zonder brief; "
		    "telt niet als klacht", label);
		log_info("case=%s void (%s) by officer %s", x->c.ref, cmd->arg,
		    x->o->id);
	}
	return r;
}
