/*
 * role.c -- who wrote a message on a case, who may never handle it, and
 * the answer to someone who is no officer but wrote a #command (see
 * role.h).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "calendar.h"
#include "cmdparse.h"
#include "lang.h"
#include "case.h"
#include "log.h"
#include "officer.h"
#include "outmail.h"
#include "role.h"
#include "util.h"

static const struct {
	const char	*id;
	const char	*who_nl, *who_en;
	const char	*label_nl, *label_en;
} roles[] = {
	[ROLE_COMPLAINANT] = { "complainant", "De klager", "The complainant",
	    "klager", "complainant" },
	[ROLE_RESPONDENT] = { "respondent", "De beklaagde",
	    "The person complained about", "beklaagde",
	    "person complained about" },
	[ROLE_OFFICER] = { "officer", "Een klachtenfunctionaris",
	    "A complaints officer", "functionaris", "officer" },
	[ROLE_CONTACT] = { "contact", "Een contactpersoon",
	    "A contact person", "contactpersoon", "contact person" },
	[ROLE_OTHER] = { "other", "Iemand anders (geen klager, beklaagde of "
	    "functionaris)", "Someone else (not the complainant, the person "
	    "complained about or an officer)", "andere afzender",
	    "other sender" },
};

const char *
role_id(enum role r)
{
	return roles[r].id;
}

const char *
role_who(enum role r, const char *lang)
{
	return lang_is_en(lang) ? roles[r].who_en : roles[r].who_nl;
}

const char *
role_label(const char *id, const char *lang)
{
	size_t	i;

	for (i = 0; id != NULL && i < sizeof roles / sizeof roles[0]; i++)
		if (strcmp(roles[i].id, id) == 0)
			return lang_is_en(lang) ? roles[i].label_en :
			    roles[i].label_nl;
	return lang_is_en(lang) ? "unknown" : "onbekend";
}

static int
in_ladder(const struct cfg_ladder *lad, const char *addr)
{
	size_t	i, j;

	for (i = 0; i < lad->nlevels; i++)
		for (j = 0; j < lad->levels[i].ncontacts; j++)
			if (strcasecmp(lad->levels[i].contacts[j].email,
			    addr) == 0)
				return 1;
	return 0;
}

int
role_is_contact(const struct cfg *cfg, const char *addr)
{
	size_t	i;

	if (addr == NULL)
		return 0;
	if (in_ladder(&cfg->ladder, addr))
		return 1;
	for (i = 0; i < cfg->ncategories; i++)
		if (cfg->categories[i].has_ladder &&
		    in_ladder(&cfg->categories[i].ladder, addr))
			return 1;
	for (i = 0; i < cfg->nunassigned; i++)
		if (strcasecmp(cfg->unassigned[i].email, addr) == 0)
			return 1;
	return 0;
}

enum kres
role_of(struct klacht *k, const struct case_row *c, const char *addr,
    const struct cfg_officer *officer, enum role *role, char **cause)
{
	int		found = 0;
	enum kres	r;

	*role = ROLE_OTHER;
	if (addr == NULL)
		return KR_OK;
	if (c->complainant_email != NULL &&
	    strcasecmp(c->complainant_email, addr) == 0) {
		*role = ROLE_COMPLAINANT;
		return KR_OK;
	}
	if ((r = store_case_address_has(k->st, c->id, addr, &found,
	    cause)) != KR_OK)
		return r;
	if (found) {
		*role = ROLE_COMPLAINANT;
		return KR_OK;
	}
	if ((r = store_respondent_has(k->st, c->id, addr, &found, cause)) !=
	    KR_OK)
		return r;
	if (found)
		*role = ROLE_RESPONDENT;
	else if (officer != NULL)
		*role = ROLE_OFFICER;
	else if (role_is_contact(k->cfg, addr))
		*role = ROLE_CONTACT;
	return KR_OK;
}

enum kres
role_involved(struct klacht *k, const struct case_row *c,
    const struct cfg_officer *o, const char *lang, char **why, char **cause)
{
	const struct cfg_category	*cat;
	char				**p;
	int				  found = 0;
	int				  en = lang_is_en(lang);
	enum kres			  r;

	*why = NULL;
	if ((r = store_respondent_has(k->st, c->id, o->email, &found,
	    cause)) != KR_OK)
		return r;
	if (found) {
		*why = xasprintf(en ? "%s is recorded as the person "
		    "complained about" : "%s is vastgelegd als beklaagde",
		    o->email);
		return KR_OK;
	}
	cat = c->category ? cfg_category_by_id(k->cfg, c->category) : NULL;
	for (p = cat ? cat->excluded_officers : NULL; p && *p; p++)
		if (strcmp(*p, o->id) == 0) {
			*why = xasprintf(en ? "the category %s excludes %s "
			    "(excluded_officers)" : "de categorie %s sluit %s "
			    "uit (excluded_officers)", cat->id, o->id);
			break;
		}
	return KR_OK;
}

enum kres
role_refuse_commands(struct klacht *k, const struct mail *m,
    const struct case_row *c, enum role role, int64_t now, int *had,
    char **cause)
{
	struct cmd_list	 cl;
	struct outmail	 om;
	struct buf	 names;
	char		*own, *detail;
	int		 sent = 0;
	size_t		 i;
	enum kres	 r;

	*had = 0;
	own = xstrndup(m->body ? m->body : "", m->body ? m->body_own_len : 0);
	cmd_parse(own, k->cfg->language, &cl);
	free(own);
	if (cl.n == 0) {
		cmd_list_free(&cl);
		return KR_OK;
	}
	*had = 1;
	buf_init(&names);
	for (i = 0; i < cl.n; i++)
		buf_printf(&names, "%s#%s", i ? ", " : "",
		    cmd_name(cl.v[i].kind));
	cmd_list_free(&cl);
	detail = xasprintf("%s from the %s (%s): nothing run, only officers "
	    "give commands", names.data, role_id(role), m->from_addr);
	r = store_event_add(k->st, c->id, now, "system", "commands-ignored",
	    detail, cause);
	free(detail);
	{
		char *a = str_log_safe(m->from_addr, 200);

		log_notice("case=%s commands %s from %s (%s) not run: not an "
		    "officer", c->ref, names.data, a, role_id(role));
		free(a);
	}
	buf_free(&names);
	if (r != KR_OK)
		return r;
	if (m->from_not_mailable)
		return KR_OK;
	if ((r = store_autoreply_count(k->st, m->from_addr, now - CAL_DAY,
	    &sent, cause)) != KR_OK)
		return r;
	if (sent >= k->cfg->auto_reply_limit) {
		log_notice("case=%s no \"nothing ran\" answer: %d automatic "
		    "replies to this address in 24h", c->ref, sent);
		return KR_OK;
	}
	struct tmpl_var vars[] = {
		{ "role", role_label(role_id(role), k->cfg->language) },
		{ "sender", m->from_addr },
	};
	memset(&om, 0, sizeof om);
	om.kind = "no-commands";
	om.template = "no-commands";
	om.lang = k->cfg->language;
	om.to_addr = m->from_addr;
	om.to_name = m->from_name;
	om.in_reply_to = m->message_id;
	om.references = m->refs_raw;
	om.auto_submitted = MAIL_AUTO_REPLIED;
	om.c = c;
	om.vars = vars;
	om.nvars = sizeof vars / sizeof vars[0];
	return outmail_queue(k, &om, now, NULL, cause);
}

/* Mail "independence" about c to a contact (o NULL) or an officer. */
static enum kres
tell(struct klacht *k, const struct case_row *c, const char *name,
    const char *email, const struct cfg_officer *o, const char *why,
    int64_t now, char **cause)
{
	const struct officer_key	*key;
	struct outmail			 om;
	struct case_row			 v;
	struct tmpl_var			 vars[] = {
		{ "contact_name", name },
		{ "reason", why },
		{ "to_officer", o != NULL ? "1" : "" },
	};

	/* The reference only: the complaint is about a colleague. */
	v = *c;
	v.complainant_name = NULL;
	v.complainant_email = "";
	v.subject = NULL;
	v.first_msgid = NULL;
	if (o != NULL) {
		if (klacht_key(k, &key, cause) == -1)
			return KR_TEMP;
		return officer_queue(k, key, &v, o, "independence",
		    "independence", NULL, NULL, vars, 3, now, cause);
	}
	memset(&om, 0, sizeof om);
	om.kind = "independence";
	om.template = "independence";
	om.lang = k->cfg->language;
	om.to_addr = email;
	om.to_name = name;
	om.auto_submitted = MAIL_AUTO_GENERATED;
	om.c = &v;
	om.vars = vars;
	om.nvars = 3;
	return outmail_queue(k, &om, now, NULL, cause);
}

enum kres
role_back_to_triage(struct klacht *k, struct case_row *c,
    const struct cfg_officer *by, const struct cfg_officer *a, int64_t now,
    char **told, char **cause)
{
	const struct cfg		*cfg = k->cfg;
	const struct cfg_category	*cat;
	const struct cfg_ladder		*lad;
	const struct cfg_contact	*ct = NULL;
	struct buf			 who;
	size_t				 i, n = 0, ntriage = 0;
	char				*why;
	enum kres			 r;

	*told = NULL;
	why = xasprintf(lang_is_en(cfg->language) ? "the assignee %s (%s) has "
	    "been recorded as the person complained about; under Awb 9:7 "
	    "someone else must handle the complaint" : "de behandelaar %s "
	    "(%s) is vastgelegd als beklaagde; volgens Awb 9:7 moet iemand "
	    "anders de klacht behandelen", a->name, a->id);
	if ((r = case_unassign(k->st, c, by->id, "the assignee is the person "
	    "complained about (Awb 9:7)", now, cause)) != KR_OK) {
		free(why);
		return r;
	}
	log_notice("case=%s assignee %s is the person complained about: back "
	    "to triage", c->ref, a->id);
	buf_init(&who);
	r = KR_OK;
	/* The triage officers (officers[].triage: the coordinator) first:
	 * a case without a handler is theirs to place. */
	for (i = 0; i < cfg->nofficers && r == KR_OK; i++) {
		const struct cfg_officer *o = &cfg->officers[i];

		if (!o->triage || o == a)
			continue;
		r = tell(k, c, o->name, o->email, o, why, now, cause);
		buf_printf(&who, "%s%s", who.len ? ", " : "", o->id);
		ntriage++;
	}
	cat = c->category ? cfg_category_by_id(cfg, c->category) : NULL;
	lad = cat != NULL && cat->has_ladder ? &cat->ladder : &cfg->ladder;
	if (ntriage > 0)
		;
	else if (cfg->nunassigned > 0) {
		ct = cfg->unassigned;
		n = cfg->nunassigned;
	} else
		for (i = 0; i < lad->nlevels && ct == NULL; i++)
			if (lad->levels[i].ncontacts > 0) {
				ct = lad->levels[i].contacts;
				n = lad->levels[i].ncontacts;
			}
	for (i = 0; i < n && r == KR_OK; i++) {
		r = tell(k, c, ct[i].name, ct[i].email, NULL, why, now, cause);
		buf_printf(&who, "%s%s", i ? ", " : "", ct[i].email);
	}
	for (i = 0; ct == NULL && ntriage == 0 && i < cfg->nofficers &&
	    r == KR_OK; i++) {
		const struct cfg_officer *o = &cfg->officers[i];

		if (o == a || !officer_serves(o, c->category))
			continue;
		r = tell(k, c, o->name, o->email, o, why, now, cause);
		buf_printf(&who, "%s%s", who.len ? ", " : "", o->id);
	}
	free(why);
	if (r == KR_OK) {
		char *d = xasprintf("back to triage (Awb 9:7); told: %s",
		    who.len ? who.data : "nobody");

		r = store_event_add(k->st, c->id, now, "system", "triage", d,
		    cause);
		free(d);
	}
	*told = who.len ? buf_detach(&who, NULL) : xstrdup("-");
	buf_free(&who);
	return r;
}
