/*
 * officer_exec.c -- run the commands in an officer's mail.
 *
 * Order of work for one mail, all inside intake's transaction:
 *
 *   1. authenticate (officer_auth.c); on failure nothing runs -- the mail
 *      is already stored on the case -- and an event and a log line say
 *      why;
 *   2. parse (cmdparse.c); any error: nothing runs, the officer gets every
 *      error back with the help text;
 *   3. run the commands in body order inside a savepoint.  Each command
 *      checks itself against the case as the commands before it left it
 *      (#status after #assign sees in_progress).  The first one that
 *      cannot be done rolls the savepoint back -- case changes, events and
 *      letters to the complainant alike -- and the officer gets an error
 *      naming its line; otherwise the officer gets the list of changes.
 *
 * Every change is an event with the officer's id as actor.  Letters to
 * the complainant are in the case's language and thread under the
 * complainant's latest message (or our acknowledgement); everything to
 * the officer is in the organisation's language and carries the
 * officer's reply address, so a confirmation can be answered too.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "calendar.h"
#include "casestate.h"
#include "cmdparse.h"
#include "lettertext.h"
#include "log.h"
#include "officer.h"
#include "outmail.h"
#include "terms.h"

#define SAVEPOINT	"officer_cmds"

struct exec {
	struct klacht			*k;
	const struct mail		*m;
	const struct cfg_officer	*o;
	const struct officer_key	*key;
	struct case_row			 c;	/* as the commands left it */
	const char			*lang;	/* the officer's */
	int				 en;
	int64_t				 now;
	struct buf			 changes;	/* for the confirmation */
	int				 help;
	char				*err;	/* why a command cannot run */
	const char			*days;	/* auth.token_days, as text */
};

static enum kres fail(struct exec *, const char *, ...)
    __attribute__((format(printf, 2, 3)));
static void change(struct exec *, const char *, ...)
    __attribute__((format(printf, 2, 3)));

/* A command that cannot be done: the reason for the officer. */
static enum kres
fail(struct exec *x, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	free(x->err);
	x->err = xvasprintf(fmt, ap);
	va_end(ap);
	return KR_INVALID;
}

/* One line of the confirmation. */
static void
change(struct exec *x, const char *fmt, ...)
{
	va_list	 ap;
	char	*s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	buf_printf(&x->changes, "- %s\n", s);
	free(s);
}

static enum kres
refresh(struct exec *x, char **cause)
{
	int64_t	id = x->c.id;

	case_row_free(&x->c);
	return store_case_get(x->k->st, id, &x->c, cause);
}

static enum kres
event(struct exec *x, const char *kind, const char *detail, char **cause)
{
	return store_event_add(x->k->st, x->c.id, x->now, x->o->id, kind,
	    detail, cause);
}

static const char *
state_label(struct exec *x, enum case_state s)
{
	return case_state_label(s, x->lang);
}

/* Moves the case to state `to`, with its event and log line. */
static enum kres
set_status(struct exec *x, enum case_state to, char **cause)
{
	enum case_state	 from = case_state_parse(x->c.status);
	char		*detail;
	enum kres	 r;

	if ((r = store_case_set(x->k->st, x->c.id, "status",
	    case_state_id(to), 0, x->now, cause)) != KR_OK)
		return r;
	detail = xasprintf("%s -> %s", x->c.status, case_state_id(to));
	r = event(x, "status", detail, cause);
	free(detail);
	if (r != KR_OK)
		return r;
	log_info("case=%s status %s -> %s by officer %s", x->c.ref,
	    x->c.status, case_state_id(to), x->o->id);
	change(x, "status: %s -> %s", state_label(x, from),
	    state_label(x, to));
	return refresh(x, cause);
}

/* "4 weken", "10 dagen" in lang. */
static char *
days_words(int days, const char *lang)
{
	int	en = lang != NULL && strcmp(lang, "en") == 0;

	if (days % 7 == 0)
		return xasprintf("%d %s", days / 7, days == 7 ? "week" :
		    en ? "weeks" : "weken");
	return xasprintf("%d %s", days, days == 1 ? (en ? "day" : "dag") :
	    en ? "days" : "dagen");
}

/* Queues a letter to the complainant in the case's language, threaded
 * under their latest message or our acknowledgement. */
static enum kres
to_complainant_tmpl(struct exec *x, const char *kind, const char *tmpl,
    const struct tmpl_var *vars, size_t nvars, char **cause)
{
	struct outmail	 om;
	char		*parent = NULL, *refs = NULL;
	enum kres	 r;

	if ((r = store_case_thread_parent(x->k->st, x->c.id, &parent, &refs,
	    cause)) != KR_OK)
		return r;
	memset(&om, 0, sizeof om);
	om.kind = kind;
	om.template = tmpl;
	om.to_addr = x->c.complainant_email;
	om.to_name = x->c.complainant_name;
	om.in_reply_to = parent;
	om.references = refs;
	om.c = &x->c;
	om.vars = vars;
	om.nvars = nvars;
	r = outmail_queue(x->k, &om, x->now, NULL, cause);
	free(parent);
	free(refs);
	return r;
}

static enum kres
to_complainant(struct exec *x, const char *kind, const struct tmpl_var *vars,
    size_t nvars, char **cause)
{
	return to_complainant_tmpl(x, kind, kind, vars, nvars, cause);
}

/* Comma-separated ids of the configured officers or categories. */
static char *
known_ids(const struct cfg *cfg, int officers)
{
	struct buf	b;
	size_t		i, n = officers ? cfg->nofficers : cfg->ncategories;

	buf_init(&b);
	for (i = 0; i < n; i++)
		buf_printf(&b, "%s%s", i ? ", " : "", officers ?
		    cfg->officers[i].id : cfg->categories[i].id);
	if (n == 0)
		buf_adds(&b, "-");
	return buf_detach(&b, NULL);
}

/* --------------------------------------------------------- the commands */

/* Collects "- name (type, size)" lines from store_attachment_foreach. */
struct att_lines {
	struct buf	b;
	size_t		n;
};

static int
att_line(const char *name, const char *type, int64_t size, void *arg)
{
	struct att_lines	*al = arg;
	char			*sz = officer_size_words(size);
	char			*n = officer_display_name(name);
	char			*t = officer_display_name(type ? type :
				    "application/octet-stream");

	buf_printf(&al->b, "%s- %s (%s, %s)", al->n++ ? "\n" : "", n, t, sz);
	free(sz);
	free(n);
	free(t);
	return 0;
}

/* An officer who newly has the case -- its assignee, or an officer of
 * its new category -- gets the complaint with their own reply address;
 * by_var names who did it in the template (tmpl). */
static enum kres
notify_officer(struct exec *x, const struct cfg_officer *a, const char *tmpl,
    const char *by_var, char **cause)
{
	const struct cfg_category *cat;
	struct att_lines al;
	int64_t		 msg_id;
	char		*body = NULL, *by, *atts, *catname;
	enum kres	 r;

	if ((r = store_case_first_msg(x->k->st, x->c.id, &msg_id, &body,
	    cause)) != KR_OK)
		return r;
	memset(&al, 0, sizeof al);
	buf_init(&al.b);
	if (msg_id != 0 && (r = store_attachment_foreach(x->k->st, msg_id,
	    att_line, &al, cause)) != KR_OK) {
		buf_free(&al.b);
		free(body);
		return r;
	}
	atts = al.n ? buf_detach(&al.b, NULL) : xstrdup(x->en ? "(none)" :
	    "(geen)");
	buf_free(&al.b);
	by = xasprintf("%s (%s)", x->o->name, x->o->id);
	cat = x->c.category ? cfg_category_by_id(x->k->cfg, x->c.category) :
	    NULL;
	catname = cat ? xasprintf("%s (%s)", cat->name, cat->id) :
	    xstrdup(x->c.category ? x->c.category : x->en ? "none" : "geen");
	struct tmpl_var vars[] = {
		{ by_var, by },
		{ "category", catname },
		{ "text", body ? body : "" },
		{ "attachments", atts },
		{ "confidential", officer_case_confidential(x->k->cfg, &x->c) ?
		    (x->en ? "CONFIDENTIAL: do not forward this mail." :
		    "VERTROUWELIJK: stuur deze mail niet door.") : "" },
	};
	r = officer_queue(x->k, x->key, &x->c, a, tmpl, tmpl, NULL, NULL,
	    vars, sizeof vars / sizeof vars[0], x->now, cause);
	free(catname);
	free(by);
	free(atts);
	free(body);
	return r;
}

static enum kres
do_assign(struct exec *x, const struct cmd *cmd, char **cause)
{
	const struct cfg_officer	*a;
	enum case_state			 st;
	char				*detail, *ids, *prev;
	enum kres			 r;

	if ((a = cfg_officer_by_id(x->k->cfg, cmd->arg)) == NULL) {
		ids = known_ids(x->k->cfg, 1);
		r = fail(x, x->en ? "there is no officer \"%s\" (officers: "
		    "%s)" : "er is geen functionaris \"%s\" (functionarissen: "
		    "%s)", cmd->arg, ids);
		free(ids);
		return r;
	}
	if (officer_case_confidential(x->k->cfg, &x->c) &&
	    !officer_serves(a, x->c.category))
		return fail(x, x->en ? "the case is confidential (category "
		    "%s) and %s is not named for it" : "de klacht is "
		    "vertrouwelijk (categorie %s) en %s is daarvoor niet "
		    "aangewezen", x->c.category, a->id);
	prev = x->c.assignee ? xstrdup(x->c.assignee) : NULL;
	if ((r = store_case_set(x->k->st, x->c.id, "assignee", a->id, 0,
	    x->now, cause)) != KR_OK) {
		free(prev);
		return r;
	}
	detail = xasprintf("%s -> %s", prev ? prev : "-", a->id);
	r = event(x, "assign", detail, cause);
	free(detail);
	if (r == KR_OK)
		r = refresh(x, cause);
	if (r != KR_OK) {
		free(prev);
		return r;
	}
	change(x, x->en ? "assigned to %s (%s)" : "toegewezen aan %s (%s)",
	    a->name, a->id);
	st = case_state_parse(x->c.status);
	if ((st == CS_NEW || st == CS_ACKNOWLEDGED) &&
	    (r = set_status(x, CS_IN_PROGRESS, cause)) != KR_OK) {
		free(prev);
		return r;
	}
	if (a != x->o && (prev == NULL || strcmp(prev, a->id) != 0)) {
		r = notify_officer(x, a, "assigned", "assigned_by",
		    cause);
		if (r == KR_OK)
			change(x, x->en ? "%s has been sent the complaint" :
			    "%s heeft de klacht toegestuurd gekregen", a->id);
	}
	free(prev);
	return r;
}

static enum kres
do_status(struct exec *x, const struct cmd *cmd, char **cause)
{
	enum case_state	to = case_state_parse(cmd->arg);
	enum case_state	from = case_state_parse(x->c.status);

	if (to == CS_INVALID || to == CS_NEW)
		return fail(x, x->en ? "unknown status \"%s\"; use "
		    "in-progress, waiting (for the complainant), decided or "
		    "closed" : "onbekende status \"%s\"; gebruik "
		    "in-behandeling, wacht-op-klager, afgehandeld of gesloten",
		    cmd->arg);
	if (to == from) {
		change(x, x->en ? "status unchanged: already %s" :
		    "status ongewijzigd: was al %s", state_label(x, to));
		return KR_OK;
	}
	if ((to == CS_DECIDED || to == CS_CLOSED) &&
	    (x->c.judgement == NULL || *x->c.judgement == '\0'))
		return fail(x, x->en ? "a complaint is closed with #close "
		    "<judgement> and your findings: the outcome letter needs "
		    "them" : "een klacht sluit u met #sluit <oordeel> en uw "
		    "bevindingen: de brief aan de klager heeft die nodig");
	if ((from == CS_DECIDED || from == CS_CLOSED) && to != CS_CLOSED)
		return fail(x, x->en ? "the complaint is %s: use #reopen, "
		    "so that the complainant is told" : "de klacht is %s: "
		    "gebruik #heropen, dan krijgt de klager bericht",
		    state_label(x, from));
	if (!case_transition_ok(from, to))
		return fail(x, x->en ? "the status cannot go from %s to %s" :
		    "de status kan niet van %s naar %s", state_label(x, from),
		    state_label(x, to));
	if (to == CS_CLOSED) {
		enum kres r = store_case_set(x->k->st, x->c.id, "closed_at",
		    NULL, x->now, x->now, cause);
		if (r != KR_OK)
			return r;
	}
	return set_status(x, to, cause);
}

/*
 * A category may have its own term (Awb 9:11 lid 1: 10 weeks with an
 * advisory committee; terms.h).  The due date follows the case's
 * category as long as the term was not extended: an extension is a
 * decision about this case that a category change must not undo.
 */
static enum kres
category_term(struct exec *x, char **cause)
{
	const struct cfg_terms	*t = terms_for(x->k->cfg, x->c.category);
	int64_t			 due = terms_due(t, x->c.received_at);
	char			*olds, *news, *words, *detail;
	enum kres		 r;

	if (x->c.extended || due == x->c.due_at)
		return KR_OK;
	if ((r = store_case_set(x->k->st, x->c.id, "due_at", NULL, due,
	    x->now, cause)) != KR_OK)
		return r;
	olds = cal_format_date(x->c.due_at, x->lang);
	news = cal_format_date(due, x->lang);
	words = terms_words(t->decide, x->lang);
	detail = xasprintf("due %s -> %s (term of category %s: %s)", olds,
	    news, x->c.category, words);
	r = event(x, "term", detail, cause);
	free(detail);
	if (r == KR_OK)
		change(x, x->en ? "the category's term is %s: due %s (was %s)" :
		    "de termijn van deze categorie is %s: uiterlijk %s (was %s)",
		    words, news, olds);
	free(olds);
	free(news);
	free(words);
	if (r != KR_OK)
		return r;
	return refresh(x, cause);
}

/*
 * A case nobody has taken yet moved to another category: the officers of
 * the new category who were not of the old one have never seen it (the
 * new-case notice went to the old category's officers), so they get it
 * now.  An assigned case stays with its assignee: nobody else is sent it.
 */
static enum kres
notify_category(struct exec *x, const char *old, char **cause)
{
	const struct cfg		*cfg = x->k->cfg;
	const struct cfg_officer	*o;
	struct buf			 who;
	char				*list;
	size_t				 i, n = 0;
	enum kres			 r = KR_OK;

	if (x->c.assignee != NULL)
		return KR_OK;
	buf_init(&who);
	for (i = 0; i < cfg->nofficers && r == KR_OK; i++) {
		o = &cfg->officers[i];
		if (o == x->o || !officer_serves(o, x->c.category) ||
		    officer_serves(o, old))
			continue;
		r = notify_officer(x, o, "category-moved", "moved_by", cause);
		if (r == KR_OK)
			buf_printf(&who, "%s%s", n++ ? ", " : "", o->id);
	}
	list = buf_detach(&who, NULL);
	if (n > 0)
		change(x, x->en ? "the officers of the category have been sent "
		    "the complaint: %s" : "de functionarissen van de categorie "
		    "hebben de klacht toegestuurd gekregen: %s", list);
	free(list);
	return r;
}

static enum kres
do_category(struct exec *x, const struct cmd *cmd, char **cause)
{
	const struct cfg_category	*cat;
	char				*ids, *detail, *old;
	enum kres			 r;

	if ((cat = cfg_category_by_id(x->k->cfg, cmd->arg)) == NULL) {
		ids = known_ids(x->k->cfg, 0);
		r = fail(x, x->en ? "there is no category \"%s\" "
		    "(categories: %s)" : "er is geen categorie \"%s\" "
		    "(categorieën: %s)", cmd->arg, ids);
		free(ids);
		return r;
	}
	if ((r = store_case_set(x->k->st, x->c.id, "category", cat->id, 0,
	    x->now, cause)) != KR_OK)
		return r;
	old = x->c.category ? xstrdup(x->c.category) : NULL;
	/* Confidential sticks: moving a case out of a confidential
	 * category does not make what it holds less sensitive. */
	if (cat->confidential && !x->c.confidential &&
	    (r = store_case_set(x->k->st, x->c.id, "confidential", NULL, 1,
	    x->now, cause)) != KR_OK)
		goto out;
	detail = xasprintf("%s -> %s%s", old ? old : "-", cat->id,
	    cat->confidential ? " (confidential)" : "");
	r = event(x, "category", detail, cause);
	free(detail);
	if (r != KR_OK)
		goto out;
	change(x, x->en ? "category: %s%s" : "categorie: %s%s", cat->name,
	    cat->confidential ? (x->en ? " (confidential)" :
	    " (vertrouwelijk)") : "");
	if ((r = refresh(x, cause)) != KR_OK ||
	    (r = category_term(x, cause)) != KR_OK)
		goto out;
	r = notify_category(x, old, cause);
out:
	free(old);
	return r;
}

static enum kres
do_priority(struct exec *x, const struct cmd *cmd, char **cause)
{
	char		*detail;
	enum kres	 r;

	if ((r = store_case_set(x->k->st, x->c.id, "priority", cmd->arg, 0,
	    x->now, cause)) != KR_OK)
		return r;
	detail = xasprintf("%s -> %s", x->c.priority ? x->c.priority :
	    "normal", cmd->arg);
	r = event(x, "priority", detail, cause);
	free(detail);
	if (r != KR_OK)
		return r;
	change(x, x->en ? "priority: %s" : "prioriteit: %s", cmd->arg);
	return refresh(x, cause);
}

static enum kres
do_note(struct exec *x, const struct cmd *cmd, char **cause)
{
	enum kres r = event(x, "note", cmd->text, cause);

	if (r == KR_OK)
		change(x, x->en ? "internal note added" :
		    "interne notitie toegevoegd");
	return r;
}

static enum kres
do_reply(struct exec *x, const struct cmd *cmd, char **cause)
{
	enum case_state	st = case_state_parse(x->c.status);
	enum kres	r;
	char		*text = letter_officer_text(cmd->text);
	struct tmpl_var	vars[] = { { "text", text } };

	if ((st == CS_NEW || st == CS_ACKNOWLEDGED) &&
	    (r = set_status(x, CS_IN_PROGRESS, cause)) != KR_OK) {
		free(text);
		return r;
	}
	r = to_complainant(x, "update", vars, 1, cause);
	free(text);
	if (r != KR_OK)
		return r;
	if ((r = event(x, "reply", cmd->text, cause)) != KR_OK)
		return r;
	change(x, x->en ? "your reply was sent to the complainant (%s)" :
	    "uw antwoord is naar de klager gestuurd (%s)",
	    x->c.complainant_email);
	return KR_OK;
}

/* Collects the persons complained about (Awb 9:9) of a case. */
struct resp_list {
	char	**email;
	char	**name;
	size_t	  n;
};

static int
resp_add(const char *email, const char *name, void *arg)
{
	struct resp_list	*l = arg;

	l->email = xreallocarray(l->email, l->n + 1, sizeof *l->email);
	l->name = xreallocarray(l->name, l->n + 1, sizeof *l->name);
	l->email[l->n] = xstrdup(email);
	l->name[l->n] = xstrdup(name && *name ? name : email);
	l->n++;
	return 0;
}

static void
resp_free(struct resp_list *l)
{
	size_t	i;

	for (i = 0; i < l->n; i++) {
		free(l->email[i]);
		free(l->name[i]);
	}
	free(l->email);
	free(l->name);
	memset(l, 0, sizeof *l);
}

/* A letter from template tmpl to a person complained about, in the
 * case's language. */
static enum kres
to_respondent(struct exec *x, const char *kind, const char *email,
    const char *name, const struct tmpl_var *vars, size_t nvars,
    char **cause)
{
	struct outmail	 om;
	struct tmpl_var	*all;
	char		*salutation;
	enum kres	 r;

	/* "Geachte heer/mevrouw" when only an address is known. */
	salutation = letter_salutation(name, x->c.language);
	all = xcalloc(nvars + 2, sizeof *all);
	all[0] = (struct tmpl_var){ "respondent_name", name };
	all[1] = (struct tmpl_var){ "respondent_salutation", salutation };
	memcpy(all + 2, vars, nvars * sizeof *vars);
	memset(&om, 0, sizeof om);
	om.kind = kind;
	om.template = kind;
	om.to_addr = email;
	om.to_name = name;
	om.c = &x->c;
	om.vars = all;
	om.nvars = nvars + 2;
	r = outmail_queue(x->k, &om, x->now, NULL, cause);
	free(all);
	free(salutation);
	return r;
}

/*
 * #extend: the term rules (terms.h) decide; the complainant gets the
 * notice, and under the awb profile so does every person complained
 * about that #respondent recorded (9:11 lid 2).
 */
static enum kres
do_extend(struct exec *x, const struct cmd *cmd, char **cause)
{
	const struct cfg_terms	*t = terms_for(x->k->cfg, x->c.category);
	enum case_state		 st = case_state_parse(x->c.status);
	struct terms_ext	 e;
	struct resp_list	 rl;
	enum terms_verdict	 v;
	int64_t			 old_due = x->c.due_at, due;
	int			 awb = t->profile == CFG_PROFILE_AWB;
	char			*olds, *news, *detail, *words, *oldl, *why = NULL;
	char			*reason;
	size_t			 i;
	enum kres		 r;

	if (st == CS_DECIDED || st == CS_CLOSED)
		return fail(x, x->en ? "the complaint is %s: there is no term "
		    "to extend" : "de klacht is %s: er is geen termijn te "
		    "verlengen", state_label(x, st));
	memset(&e, 0, sizeof e);
	if ((r = store_deadline_extinfo(x->k->st, x->c.id, &e.extensions,
	    &e.consent, cause)) != KR_OK)
		return r;
	e.now = x->now;
	e.due_at = old_due;
	e.days = cmd->days;
	e.lang = x->lang;
	if ((v = terms_extend_check(t, &e, &due, &why)) == TERMS_REFUSED) {
		r = fail(x, "%s", why);
		free(why);
		return r;
	}
	if ((r = store_case_set(x->k->st, x->c.id, "due_at", NULL, due,
	    x->now, cause)) != KR_OK ||
	    (r = store_case_set(x->k->st, x->c.id, "extended", NULL, 1,
	    x->now, cause)) != KR_OK)
		return r;
	olds = cal_format_date(old_due, x->lang);
	news = cal_format_date(due, x->lang);
	detail = xasprintf("due %s -> %s (+%d days%s): %s", olds, news,
	    cmd->days, v == TERMS_OK_CONSENT ? ", with consent" : "",
	    cmd->text);
	r = event(x, "extend", detail, cause);
	free(detail);
	if (r == KR_OK)
		r = refresh(x, cause);
	memset(&rl, 0, sizeof rl);
	words = days_words(cmd->days, x->c.language);
	oldl = cal_format_date(old_due, x->c.language);
	reason = letter_officer_text(cmd->text);
	struct tmpl_var vars[] = {
		{ "reason", reason },
		{ "extension", words },
		{ "old_due_date", oldl },
		{ "is_awb", awb ? "1" : "" },
		{ "is_wkkgz", awb ? "" : "1" },
	};
	if (r == KR_OK)
		r = to_complainant(x, "extension", vars, 5, cause);
	if (r == KR_OK && awb)
		r = store_respondent_foreach(x->k->st, x->c.id, resp_add, &rl,
		    cause);
	for (i = 0; r == KR_OK && i < rl.n; i++)
		r = to_respondent(x, "extension-respondent", rl.email[i],
		    rl.name[i], vars, 5, cause);
	free(words);
	free(oldl);
	free(reason);
	if (r == KR_OK) {
		change(x, x->en ? "term extended by %d days: due %s (was %s); "
		    "the complainant was told why" : "termijn met %d dagen "
		    "verlengd: uiterlijk %s (was %s); de klager heeft de reden "
		    "gekregen", cmd->days, news, olds);
		if (rl.n > 0)
			change(x, x->en ? "the person(s) complained about were "
			    "told too (%zu)" : "ook de beklaagde(n) hebben "
			    "bericht gekregen (%zu)", rl.n);
		else if (awb)
			change(x, x->en ? "no person complained about is "
			    "recorded, so nobody else was told (Awb 9:11 asks "
			    "for it: #respondent <address> [name])" : "er is "
			    "geen beklaagde vastgelegd, dus niemand anders "
			    "heeft bericht gekregen (Awb 9:11 vraagt dat wel: "
			    "#beklaagde <adres> [naam])");
		if (v == TERMS_OK_CONSENT)
			change(x, x->en ? "with the consent recorded on the "
			    "case" : "met de vastgelegde instemming van de "
			    "klager");
		else if (x->now >= old_due)
			change(x, x->en ? "note: the term had already ended on "
			    "%s" : "let op: de termijn was al verstreken op %s",
			    olds);
	}
	resp_free(&rl);
	free(olds);
	free(news);
	return r;
}

static enum kres
do_hear(struct exec *x, const struct cmd *cmd, char **cause)
{
	char		*detail, *due;
	int64_t		 day;
	enum kres	 r;

	detail = xasprintf("%s%s%s", cmd->arg, *cmd->text ? ": " : "",
	    cmd->text);
	r = event(x, "hearing", detail, cause);
	free(detail);
	if (r == KR_OK)
		change(x, x->en ? "hearing recorded: %s" :
		    "hoorzitting vastgelegd: %s", cmd->arg);
	if (r == KR_OK && cal_parse_iso_date(cmd->arg, &day) == 0 &&
	    day >= x->c.due_at) {
		due = cal_format_date(x->c.due_at, x->lang);
		change(x, x->en ? "note: the hearing is after the due date "
		    "(%s): extend the term in time (#extend)" : "let op: de "
		    "hoorzitting is na de uiterste datum (%s): verleng de "
		    "termijn op tijd (#verleng)", due);
		free(due);
	}
	return r;
}

/*
 * #close: the outcome letter comes from the template of the case's
 * profile and judgement (terms_outcome_template) and must hold every
 * part the law asks (terms_outcome_check); the officer's text gives the
 * findings and, in labelled lines, the conclusions, decisions and the
 * date of the measures.  A decision after its term is allowed but
 * flagged: an event "late" and a line in the confirmation.
 */
static enum kres
do_close(struct exec *x, const struct cmd *cmd, char **cause)
{
	const struct cfg	*cfg = x->k->cfg;
	const struct cfg_terms	*t = terms_for(cfg, x->c.category);
	enum case_state		 st = case_state_parse(x->c.status);
	struct terms_outcome	 oc;
	int			 late = 0, upheld;
	char			*decided, *detail, *why = NULL, *md, *dd, *lim;
	char			*text;
	enum kres		 r;

	if (*cmd->text == '\0')
		return fail(x, x->en ? "the outcome letter needs your "
		    "findings: write them after \"#close %s\", on the same "
		    "line or the lines below it" : "de brief aan de klager "
		    "heeft uw bevindingen nodig: schrijf ze na \"#sluit %s\", "
		    "op dezelfde regel of de regels eronder", cmd->judgement);
	if (st == CS_CLOSED)
		return fail(x, x->en ? "the complaint is closed already "
		    "(#reopen first)" : "de klacht is al gesloten (eerst "
		    "#heropen)");
	if (!case_transition_ok(st, CS_CLOSED))
		return fail(x, x->en ? "the status cannot go from %s to %s" :
		    "de status kan niet van %s naar %s", state_label(x, st),
		    state_label(x, CS_CLOSED));
	/* The letter greets and signs itself: the officer's own greeting
	 * and sign-off would stand twice in it. */
	text = letter_officer_text(cmd->text);
	terms_outcome_parse(text, &oc);
	free(text);
	if (terms_outcome_check(cfg, t, cmd->judgement, &oc, x->now, x->lang,
	    &why) == -1) {
		r = fail(x, "%s", why);
		free(why);
		terms_outcome_free(&oc);
		return r;
	}
	if ((r = store_case_set(x->k->st, x->c.id, "judgement",
	    cmd->judgement, 0, x->now, cause)) != KR_OK ||
	    (r = store_case_set(x->k->st, x->c.id, "decided_at", NULL, x->now,
	    x->now, cause)) != KR_OK ||
	    (r = store_case_set(x->k->st, x->c.id, "closed_at", NULL, x->now,
	    x->now, cause)) != KR_OK) {
		terms_outcome_free(&oc);
		return r;
	}
	detail = xasprintf("judgement %s: %s", cmd->judgement, cmd->text);
	r = event(x, "close", detail, cause);
	free(detail);
	/* Late?  Awb 9:8: not handling a complaint is decided within its
	 * own (shorter) term; anything else within the due date. */
	dd = cal_format_date(x->c.due_at, x->lang);
	if (r == KR_OK && t->profile == CFG_PROFILE_AWB &&
	    strcmp(cmd->judgement, "niet-ontvankelijk") == 0 &&
	    terms_inadmissible_late(t, x->c.received_at, x->now)) {
		lim = terms_words(t->inadmissible, x->lang);
		detail = xasprintf("niet-ontvankelijk decided more than %s "
		    "after receipt (Awb 9:8)", lim);
		r = event(x, "late", detail, cause);
		free(detail);
		if (r == KR_OK)
			change(x, x->en ? "note: Awb 9:8 asks for this decision "
			    "within %s of receipt; it is late (recorded)" :
			    "let op: Awb 9:8 vraagt dit besluit binnen %s na "
			    "ontvangst; het is te laat (vastgelegd)", lim);
		free(lim);
		late = 1;
	}
	if (r == KR_OK && !late && x->now > x->c.due_at) {
		detail = xasprintf("decided after the due date %s", dd);
		r = event(x, "late", detail, cause);
		free(detail);
		if (r == KR_OK)
			change(x, x->en ? "note: decided after the due date "
			    "(%s) (recorded)" : "let op: afgehandeld na de "
			    "uiterste datum (%s) (vastgelegd)", dd);
	}
	free(dd);
	if (r != KR_OK || (r = refresh(x, cause)) != KR_OK ||
	    (r = set_status(x, CS_CLOSED, cause)) != KR_OK) {
		terms_outcome_free(&oc);
		return r;
	}
	decided = cal_format_date(x->now, x->c.language);
	upheld = strcmp(cmd->judgement, "gegrond") == 0 ||
	    strcmp(cmd->judgement, "deels-gegrond") == 0;
	md = oc.measures_by && !terms_decisions_none(oc.decisions) ?
	    cal_format_date(oc.measures_by, x->c.language) : xstrdup("");
	struct tmpl_var vars[] = {
		{ "findings", oc.findings },
		{ "judgement", case_judgement_label(cmd->judgement,
		    x->c.language) },
		{ "conclusions", oc.conclusions },
		{ "decisions", oc.decisions },
		{ "measures_date", md },
		/* Issue 16: the apology, "deels gegrond" explained, and
		 * the lateness block of the letter. */
		{ "upheld", upheld ? "1" : "" },
		{ "partly_upheld", strcmp(cmd->judgement, "deels-gegrond") ==
		    0 ? "1" : "" },
		{ "not_upheld", strcmp(cmd->judgement, "ongegrond") == 0 ?
		    "1" : "" },
		{ "late", late || x->now > x->c.due_at ? "1" : "" },
		{ "is_awb", t->profile == CFG_PROFILE_AWB ? "1" : "" },
		{ "is_wkkgz", t->profile == CFG_PROFILE_WKKGZ ? "1" : "" },
		{ "decided_date", decided },
	};
	r = to_complainant_tmpl(x, "outcome", terms_outcome_template(
	    t->profile, cmd->judgement), vars, sizeof vars / sizeof vars[0],
	    cause);
	free(decided);
	free(md);
	terms_outcome_free(&oc);
	if (r == KR_OK)
		change(x, x->en ? "closed as %s; the outcome letter was sent "
		    "to the complainant" : "gesloten als %s; de brief met de "
		    "afhandeling is naar de klager gestuurd",
		    case_judgement_label(cmd->judgement, x->lang));
	return r;
}

/*
 * #respondent (Awb 9:9): records the person complained about and sends
 * them a copy of the complaint with a list of its attachments.  Under
 * the awb profile they are told of an extension too (do_extend).
 */
static enum kres
do_respondent(struct exec *x, const struct cmd *cmd, char **cause)
{
	enum case_state	 st = case_state_parse(x->c.status);
	struct att_lines al;
	int64_t		 msg_id;
	char		*body = NULL, *atts, *detail;
	const char	*name = *cmd->text ? cmd->text : cmd->arg;
	enum kres	 r;

	if (st == CS_DECIDED || st == CS_CLOSED)
		return fail(x, x->en ? "the complaint is %s" :
		    "de klacht is %s", state_label(x, st));
	if (x->c.complainant_email != NULL &&
	    strcasecmp(x->c.complainant_email, cmd->arg) == 0)
		return fail(x, x->en ? "%s is the complainant's address" :
		    "%s is het adres van de klager", cmd->arg);
	r = store_respondent_add(x->k->st, x->c.id, cmd->arg, *cmd->text ?
	    cmd->text : NULL, x->now, cause);
	if (r == KR_DUP)
		return fail(x, x->en ? "%s is recorded already as a person "
		    "complained about" : "%s is al als beklaagde vastgelegd",
		    cmd->arg);
	if (r != KR_OK)
		return r;
	detail = xasprintf("%s%s%s%s", cmd->arg, *cmd->text ? " (" : "",
	    cmd->text, *cmd->text ? ")" : "");
	r = event(x, "respondent", detail, cause);
	free(detail);
	if (r != KR_OK)
		return r;
	if ((r = store_case_first_msg(x->k->st, x->c.id, &msg_id, &body,
	    cause)) != KR_OK)
		return r;
	memset(&al, 0, sizeof al);
	buf_init(&al.b);
	if (msg_id != 0 && (r = store_attachment_foreach(x->k->st, msg_id,
	    att_line, &al, cause)) != KR_OK) {
		buf_free(&al.b);
		free(body);
		return r;
	}
	atts = al.n ? buf_detach(&al.b, NULL) : xstrdup(x->c.language &&
	    strcmp(x->c.language, "en") == 0 ? "(none)" : "(geen)");
	buf_free(&al.b);
	struct tmpl_var vars[] = {
		{ "text", body ? body : "" },
		{ "attachments", atts },
	};
	r = to_respondent(x, "respondent-copy", cmd->arg, name, vars, 2,
	    cause);
	free(atts);
	free(body);
	if (r == KR_OK)
		change(x, x->en ? "person complained about recorded: %s; they "
		    "were sent a copy of the complaint (Awb 9:9)" : "beklaagde "
		    "vastgelegd: %s; die heeft een afschrift van de klacht "
		    "gekregen (Awb 9:9)", cmd->arg);
	return r;
}

static enum kres
do_reopen(struct exec *x, const struct cmd *cmd, char **cause)
{
	enum case_state	 st = case_state_parse(x->c.status);
	enum kres	 r;
	char		*text;
	struct tmpl_var	 vars[] = { { "text", NULL } };

	if (st != CS_DECIDED && st != CS_CLOSED)
		return fail(x, x->en ? "the complaint is not closed (it is "
		    "%s)" : "de klacht is niet gesloten (maar %s)",
		    state_label(x, st));
	if ((r = event(x, "reopen", *cmd->text ? cmd->text : "-",
	    cause)) != KR_OK ||
	    (r = store_case_set(x->k->st, x->c.id, "judgement", NULL, 0,
	    x->now, cause)) != KR_OK ||
	    (r = store_case_set(x->k->st, x->c.id, "decided_at", NULL, 0,
	    x->now, cause)) != KR_OK ||
	    (r = store_case_set(x->k->st, x->c.id, "closed_at", NULL, 0,
	    x->now, cause)) != KR_OK ||
	    (r = refresh(x, cause)) != KR_OK ||
	    (r = set_status(x, CS_IN_PROGRESS, cause)) != KR_OK)
		return r;
	vars[0].value = text = letter_officer_text(cmd->text);
	r = to_complainant(x, "reopened", vars, 1, cause);
	free(text);
	if (r != KR_OK)
		return r;
	change(x, x->en ? "reopened; the complainant was told" :
	    "heropend; de klager heeft bericht gekregen");
	return KR_OK;
}

static enum kres
do_consent(struct exec *x, const struct cmd *cmd, char **cause)
{
	enum kres r = event(x, "consent", *cmd->text ? cmd->text :
	    "complainant consented", cause);

	if (r == KR_OK)
		change(x, x->en ? "the complainant's consent is recorded" :
		    "de instemming van de klager is vastgelegd");
	return r;
}

static enum kres
run_one(struct exec *x, const struct cmd *cmd, char **cause)
{
	switch (cmd->kind) {
	case CMD_ASSIGN:	return do_assign(x, cmd, cause);
	case CMD_STATUS:	return do_status(x, cmd, cause);
	case CMD_CATEGORY:	return do_category(x, cmd, cause);
	case CMD_PRIORITY:	return do_priority(x, cmd, cause);
	case CMD_NOTE:		return do_note(x, cmd, cause);
	case CMD_REPLY:		return do_reply(x, cmd, cause);
	case CMD_EXTEND:	return do_extend(x, cmd, cause);
	case CMD_HEAR:		return do_hear(x, cmd, cause);
	case CMD_CLOSE:		return do_close(x, cmd, cause);
	case CMD_REOPEN:	return do_reopen(x, cmd, cause);
	case CMD_CONSENT:	return do_consent(x, cmd, cause);
	case CMD_RESPONDENT:	return do_respondent(x, cmd, cause);
	case CMD_HELP:
		x->help = 1;
		return KR_OK;
	}
	return fail(x, "?");
}

/* ------------------------------------------------------- the answers */

/*
 * Whether the officer may be answered about this case now: at most
 * limits.officer_replies_per_hour confirmations and errors per officer
 * and case an hour (issue 18 F9).  An out-of-office that answers our
 * token Reply-To without RFC 3834 headers would otherwise loop with us
 * for ever.  The commands still run; only the answer is left out, with an
 * event and a log line saying so.
 */
static enum kres
may_answer(struct exec *x, int *ok, char **cause)
{
	int		sent = 0;
	char		*detail;
	enum kres	r;

	*ok = 1;
	if ((r = store_outbox_count_answers(x->k->st, x->c.id, x->o->email,
	    x->now - 3600, &sent, cause)) != KR_OK)
		return r;
	if (sent < x->k->cfg->officer_reply_limit)
		return KR_OK;
	*ok = 0;
	detail = xasprintf("no answer to officer %s: %d sent about this case "
	    "in the last hour (limits.officer_replies_per_hour)", x->o->id,
	    sent);
	r = store_event_add(x->k->st, x->c.id, x->now, "system",
	    "answer-suppressed", detail, cause);
	free(detail);
	log_notice("case=%s officer %s: no answer: %d sent in the last hour",
	    x->c.ref, x->o->id, sent);
	return r;
}

static enum kres
confirm(struct exec *x, char **cause)
{
	struct tmpl_var vars[] = {
		{ "changes", x->changes.len ? x->changes.data : x->en ?
		    "- nothing changed\n" : "- er is niets gewijzigd\n" },
		{ "help", x->help ? cmd_help_text(x->lang) : "" },
	};
	enum kres	r;
	int		ok;

	if ((r = may_answer(x, &ok, cause)) != KR_OK || !ok)
		return r;
	return officer_queue(x->k, x->key, &x->c, x->o, "confirm", "confirm",
	    x->m->message_id, x->m->refs_raw, vars, 2, x->now, cause);
}

static enum kres
cmd_error(struct exec *x, const char *errors, char **cause)
{
	struct tmpl_var vars[] = {
		{ "errors", errors },
		{ "help", cmd_help_text(x->lang) },
	};
	enum kres	r;
	int		ok;

	if ((r = may_answer(x, &ok, cause)) != KR_OK || !ok)
		return r;
	return officer_queue(x->k, x->key, &x->c, x->o, "cmd-error",
	    "cmd-error", x->m->message_id, x->m->refs_raw, vars, 2, x->now,
	    cause);
}

/* The mail could not be authenticated: record why; tell the officer
 * (at their configured address) only when it held commands. */
static enum kres
refused(struct exec *x, const struct officer_auth *a, int had_commands,
    int expired, char **cause)
{
	char		*detail, *why = str_log_safe(a->reason, 400);
	int		 sent = 0;
	enum kres	 r;

	detail = xasprintf("%s: %s", had_commands ? "commands refused" :
	    "message not authenticated", a->reason);
	r = store_event_add(x->k->st, x->c.id, x->now, "system",
	    had_commands ? "commands-refused" : "unauthenticated", detail,
	    cause);
	free(detail);
	log_notice("case=%s officer %s: %s: %s", x->c.ref, x->o->id,
	    had_commands ? "commands refused" : "message not authenticated",
	    why);
	free(why);
	if (r != KR_OK || (!had_commands && !expired))
		return r;
	if ((r = store_outbox_count(x->k->st, x->o->email, expired ?
	    "token-expired" : "refused", x->now - 86400, &sent, cause)) !=
	    KR_OK)
		return r;
	if (sent >= x->k->cfg->auto_reply_limit) {
		log_notice("case=%s officer %s: no %s notice: %d sent in 24h",
		    x->c.ref, x->o->id, expired ? "token-expired" : "refused",
		    sent);
		return KR_OK;
	}
	struct tmpl_var vars[] = {
		{ "reason", a->reason },
		{ "token_days", x->days },
	};
	/* A token that was genuine but is too old: the notice goes, as
	 * every notification does, to the configured address only, with a
	 * fresh reply address to use instead.  Otherwise no reply token:
	 * a mail nobody could verify does not hand one out, even to the
	 * configured address. */
	if (expired)
		return officer_queue(x->k, x->key, &x->c, x->o,
		    "token-expired", "token-expired", NULL, NULL, vars, 2,
		    x->now, cause);
	return officer_queue(x->k, NULL, &x->c, x->o, "refused", "refused",
	    NULL, NULL, vars, 1, x->now, cause);
}

/* Runs every command inside a savepoint; the first that cannot be done
 * undoes them all.  KR_OK once the outcome (either way) is queued. */
static enum kres
run_all(struct exec *x, const struct cmd_list *cl, char **cause)
{
	struct buf	 names;
	char		*why = NULL, *msg, *detail;
	size_t		 i;
	enum kres	 r, r2;

	if ((r = store_savepoint(x->k->st, SAVEPOINT, cause)) != KR_OK)
		return r;
	for (i = 0, r = KR_OK; i < cl->n && r == KR_OK; i++)
		r = run_one(x, &cl->v[i], &why);
	if (r == KR_OK && cl->free_text != NULL && *cl->free_text != '\0' &&
	    (r = event(x, "note", cl->free_text, &why)) == KR_OK)
		change(x, x->en ? "your text outside the commands was kept "
		    "as an internal note" : "uw tekst buiten de commando's is "
		    "als interne notitie bewaard");
	if (r == KR_OK) {
		if ((r = store_release(x->k->st, SAVEPOINT, cause)) != KR_OK)
			return r;
		buf_init(&names);
		for (i = 0; i < cl->n; i++)
			buf_printf(&names, "%s%s", i ? ", " : "",
			    cmd_name(cl->v[i].kind));
		log_info("case=%s officer %s ran %s", x->c.ref, x->o->id,
		    names.data);
		buf_free(&names);
		return confirm(x, cause);
	}

	/* i is one past the command that failed. */
	if ((r2 = store_rollback_to(x->k->st, SAVEPOINT, cause)) != KR_OK) {
		free(why);
		return r2;
	}
	if (r == KR_TEMP) {
		set_cause(cause, "%s", why ? why : "temporary failure");
		free(why);
		return r;
	}
	if (x->err == NULL) {
		/* Not the officer's mistake: say so rather than retrying
		 * the message for ever. */
		log_err("case=%s officer %s: #%s failed: %s", x->c.ref,
		    x->o->id, cmd_name(cl->v[i - 1].kind), why ? why : "?");
		x->err = xstrdup(x->en ? "internal error; the administrator "
		    "can find it in the log" : "interne fout; de beheerder "
		    "vindt die in het logboek");
	}
	free(why);
	buf_free(&x->changes);
	buf_init(&x->changes);
	if ((r = refresh(x, cause)) != KR_OK)
		return r;
	msg = xasprintf(x->en ? "line %zu: #%s: %s" : "regel %zu: #%s: %s",
	    cl->v[i - 1].line, cmd_keyword(cl->v[i - 1].kind, x->lang),
	    x->err);
	detail = xasprintf("nothing done: %s", msg);
	r = event(x, "commands-failed", detail, cause);
	free(detail);
	if (r == KR_OK) {
		char *safe = str_log_safe(msg, 300);

		log_notice("case=%s officer %s: commands not run: %s",
		    x->c.ref, x->o->id, safe);
		free(safe);
		r = cmd_error(x, msg, cause);
	}
	free(msg);
	return r;
}

/*
 * officer_authenticate, then the age of the reply token (issue 18): a
 * token issued more than auth.token_days ago, or an undated one from
 * before tokens carried their day, is refused when the mail relies on
 * it -- so a token that leaked (an export, a forwarded notification)
 * stops working by itself.  Under token-or-dkim a DKIM pass stands on
 * its own.  *expired tells the caller why, to send a fresh address.
 */
static int
authenticate(const struct cfg *cfg, const struct officer_key *key,
    const struct mail *m, const struct cfg_officer *o,
    const struct case_row *c, int64_t now, struct officer_auth *a,
    int *expired)
{
	int64_t	today = now / 86400;
	char	*issued;

	*expired = 0;
	if (!officer_authenticate(cfg, key, m, o, c, a))
		return 0;
	if (a->token != 1 || (a->dkim == 1 &&
	    strcmp(cfg->auth_require, "token-and-dkim") != 0))
		return 1;
	if (a->token_day >= 0 && today - a->token_day <= cfg->auth_token_days)
		return 1;
	*expired = 1;
	a->ok = 0;
	if (a->token_day < 0)
		snprintf(a->reason, sizeof a->reason, "the reply token has "
		    "expired (it is from before reply tokens carried their "
		    "date; they are valid for %d days)", cfg->auth_token_days);
	else {
		issued = cal_format_iso_date(a->token_day * 86400);
		snprintf(a->reason, sizeof a->reason, "the reply token has "
		    "expired (issued %s; valid for %d days)", issued,
		    cfg->auth_token_days);
		free(issued);
	}
	return 0;
}

enum kres
officer_mail_kind(struct klacht *k, const struct mail *m, int64_t case_id,
    int64_t now, const char **kind, char **cause)
{
	const struct cfg_officer	*o;
	struct officer_auth		 auth;
	struct officer_key		 key;
	struct case_row			 c;
	int				 expired;
	enum kres			 r;

	*kind = "reply";
	if ((o = cfg_officer_by_email(k->cfg, m->from_addr)) == NULL)
		return KR_OK;
	if ((r = store_case_get(k->st, case_id, &c, cause)) != KR_OK)
		return r;
	if (officer_key_load(k->cfg, 1, &key, cause) == -1) {
		case_row_free(&c);
		return KR_TEMP;
	}
	*kind = authenticate(k->cfg, &key, m, o, &c, now, &auth, &expired) ?
	    "officer" : "unauthenticated";
	officer_key_free(&key);
	case_row_free(&c);
	return KR_OK;
}

enum kres
officer_mail(struct klacht *k, const struct mail *m, int64_t case_id,
    int64_t now, char **cause)
{
	struct officer_auth	 auth;
	struct officer_key	 key;
	struct cmd_list		 cl;
	struct exec		 x;
	struct buf		 errs;
	char			*own, days[16];
	size_t			 i;
	int			 expired;
	enum kres		 r;

	memset(&x, 0, sizeof x);
	snprintf(days, sizeof days, "%d", k->cfg->auth_token_days);
	x.days = days;
	x.k = k;
	x.m = m;
	x.now = now;
	x.lang = k->cfg->language;
	x.en = strcmp(x.lang, "en") == 0;
	if ((x.o = cfg_officer_by_email(k->cfg, m->from_addr)) == NULL)
		return KR_OK;
	if ((r = store_case_get(k->st, case_id, &x.c, cause)) != KR_OK)
		return r;
	if (officer_key_load(k->cfg, 1, &key, cause) == -1) {
		case_row_free(&x.c);
		return KR_TEMP;
	}
	x.key = &key;
	buf_init(&x.changes);
	/* Only the officer's own text: nothing inside a forwarded or
	 * attached message (message/rfc822) is ever a command, whatever
	 * headers it has or lacks (issue 18 F4). */
	own = xstrndup(m->body, m->body_own_len);
	cmd_parse(own, x.lang, &cl);
	free(own);

	if (!authenticate(k->cfg, &key, m, x.o, &x.c, now, &auth, &expired))
		r = refused(&x, &auth, cl.n > 0 || cl.nerrors > 0, expired,
		    cause);
	else if (cl.nerrors > 0) {
		buf_init(&errs);
		for (i = 0; i < cl.nerrors; i++)
			buf_printf(&errs, "%s%s", i ? "\n" : "", cl.errors[i]);
		char *detail = xasprintf("nothing done: %s", errs.data);
		r = event(&x, "commands-failed", detail, cause);
		free(detail);
		log_notice("case=%s officer %s: %zu error(s) in the commands: "
		    "nothing run", x.c.ref, x.o->id, cl.nerrors);
		if (r == KR_OK)
			r = cmd_error(&x, errs.data, cause);
		buf_free(&errs);
	} else if (cl.n == 0) {
		if (cl.free_text != NULL && *cl.free_text != '\0') {
			r = event(&x, "note", cl.free_text, cause);
			change(&x, x.en ? "your message has no commands: it "
			    "was kept as an internal note" : "uw bericht bevat "
			    "geen commando's: het is als interne notitie "
			    "bewaard");
		} else {
			r = KR_OK;
			change(&x, x.en ? "your message has no commands and no "
			    "text: nothing changed" : "uw bericht bevat geen "
			    "commando's en geen tekst: er is niets gewijzigd");
		}
		log_info("case=%s officer %s: no commands; %s", x.c.ref,
		    x.o->id, cl.free_text && *cl.free_text ? "kept as a note" :
		    "empty");
		if (r == KR_OK)
			r = confirm(&x, cause);
	} else
		r = run_all(&x, &cl, cause);

	cmd_list_free(&cl);
	buf_free(&x.changes);
	free(x.err);
	officer_key_free(&key);
	case_row_free(&x.c);
	return r;
}
