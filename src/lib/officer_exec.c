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
 *   3. run the commands in body order inside a savepoint (run_one: the
 *      states the command's row in cmdtable.c allows, then its handler
 *      from handlers[]).  Each command is checked against the case as the
 *      commands before it left it (#status after #assign sees
 *      in_progress).  The first one that
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

#include "absence.h"
#include "calendar.h"
#include "case.h"
#include "cmdparse.h"
#include "letters.h"
#include "lang.h"
#include "lettertext.h"
#include "log.h"
#include "officer.h"
#include "officer_dossier.h"
#include "officer_exec.h"
#include "officer_files.h"
#include "officer_new.h"
#include "officer_hearing.h"
#include "officer_absence.h"
#include "officer_class.h"
#include "officer_overview.h"
#include "officer_redirect.h"
#include "officer_due.h"
#include "officer_measure.h"
#include "role.h"
#include "terms.h"
#include "textblock.h"

#define SAVEPOINT	"officer_cmds"

static enum kres fail(struct officer_exec *, const char *, ...)
    __attribute__((format(printf, 2, 3)));
static void change(struct officer_exec *, const char *, ...)
    __attribute__((format(printf, 2, 3)));

/* A command that cannot be done: the reason for the officer. */
static enum kres
fail(struct officer_exec *x, const char *fmt, ...)
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
change(struct officer_exec *x, const char *fmt, ...)
{
	va_list	 ap;
	char	*s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	buf_printf(&x->changes, "- %s\n", s);
	free(s);
}

/* For the handlers in other files (officer_exec.h). */
enum kres
officer_exec_fail(struct officer_exec *x, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	free(x->err);
	x->err = xvasprintf(fmt, ap);
	va_end(ap);
	return KR_INVALID;
}

void
officer_exec_change(struct officer_exec *x, const char *fmt, ...)
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
refresh(struct officer_exec *x, char **cause)
{
	int64_t	id = x->c.id;

	if (id == 0)		/* desk mail: no case to read again */
		return KR_OK;
	case_row_free(&x->c);
	return store_case_get(x->k->st, id, &x->c, cause);
}

static enum kres
event(struct officer_exec *x, const char *kind, const char *detail,
    char **cause)
{
	/* Desk mail has no case to record on: its log line stands. */
	if (x->c.id == 0)
		return KR_OK;
	return store_event_add(x->k->st, x->c.id, x->now, x->o->id, kind,
	    detail, cause);
}

static const char *
state_label(struct officer_exec *x, enum case_state s)
{
	return case_state_label(s, x->lang);
}

/* The log line and the confirmation line of a move from `from`. */
static void
status_moved(struct officer_exec *x, const char *from)
{
	log_info("case=%s status %s -> %s by officer %s", x->c.ref, from,
	    x->c.status, x->o->id);
	change(x, "status: %s -> %s", state_label(x, case_state_parse(from)),
	    state_label(x, case_state_parse(x->c.status)));
}

/* Moves the case to state `to` (case_set_status), with its log line. */
static enum kres
set_status(struct officer_exec *x, enum case_state to, char **cause)
{
	char		*from = xstrdup(x->c.status);
	enum kres	 r;

	if ((r = case_set_status(x->k->st, &x->c, x->o->id, to, x->now,
	    cause)) == KR_OK)
		status_moved(x, from);
	free(from);
	return r;
}

/* A letter to the complainant from template kind (letters.h). */
static enum kres
to_complainant(struct officer_exec *x, const char *kind,
    const struct tmpl_var *vars, size_t nvars, char **cause)
{
	return letter_to_complainant(x->k, &x->c, kind, kind, vars, nvars,
	    x->now, cause);
}

/*
 * The officer's attachments for the letter about to go: the first #reply
 * or #close of the mail takes them all (officer_files.h).  A file that
 * cannot go fails the command, so the savepoint rollback sends nothing:
 * never a letter without the file the officer meant to send.
 */
static enum kres
letter_files(struct officer_exec *x, struct mail_file **files, size_t *n)
{
	char		*why = NULL;
	enum kres	 r;

	*files = NULL;
	*n = 0;
	if (x->files_sent || (x->m->nattachments == 0 &&
	    x->m->nattachments_dropped == 0))
		return KR_OK;
	if (x->c.complainant_email == NULL || *x->c.complainant_email == '\0')
		return fail(x, x->en ? "the complainant has no email address: "
		    "the letter goes by post, and the attachments of your mail "
		    "cannot go with it; send them on paper and repeat the "
		    "command without attachments" : "de klager heeft geen "
		    "e-mailadres: de brief gaat per post, en de bijlagen van "
		    "uw mail kunnen niet mee; stuur ze op papier en herhaal "
		    "het commando zonder bijlagen");
	if (officer_files_outgoing(x->k->cfg, x->m, x->lang, files, n, &why) ==
	    -1) {
		r = fail(x, "%s", why);
		free(why);
		return r;
	}
	return KR_OK;
}

/* The officer's text with its #tekst/#snippet lines expanded
 * (textblock.h) in the case's language; NULL after fail(). */
static char *
with_blocks(struct officer_exec *x, const char *text)
{
	char	*out = NULL, *why = NULL;

	if (textblock_expand(x->k->cfg->templates, x->c.language, text, x->en,
	    &out, &why) == -1) {
		fail(x, "%s", why);
		free(why);
		return NULL;
	}
	return out;
}

/* The confirmation's line for the files that went with a letter. */
static void
files_sent(struct officer_exec *x, size_t n)
{
	char	*list;

	if (n == 0)
		return;
	x->files_sent = 1;
	list = officer_attachment_lines(x->m->attachments,
	    x->m->nattachments, x->lang);
	change(x, x->en ? "with %zu attachment(s) of your mail:\n%s" :
	    "met %zu bijlage(n) van uw mail:\n%s", n, list);
	free(list);
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

/* An officer who newly has the case gets the complaint (letters.h). */
static enum kres
notify_officer(struct officer_exec *x, const struct cfg_officer *a,
    const char *tmpl, const char *by_var, char **cause)
{
	return letter_to_new_officer(x->k, x->key, &x->c, x->o, a, tmpl,
	    by_var, x->now, cause);
}

/* An assignee who is away (absence.h) is assigned all the same, with a
 * warning line in the confirmation. */
static enum kres
assign_absent(struct officer_exec *x, const struct cfg_officer *a,
    char **cause)
{
	struct absence	 ab;
	char		*until;
	enum kres	 r;

	if ((r = absence_of(x->k, a, x->now, &ab, cause)) != KR_OK ||
	    !ab.away)
		return r;
	until = absence_until_words(&ab, x->lang);
	change(x, x->en ? "note: %s is away until %s inclusive; the case is "
	    "assigned all the same, and meanwhile its mail goes to %s" :
	    "let op: %s is afwezig tot en met %s; de klacht is toch "
	    "toegewezen, en zolang gaat de mail erover naar %s", a->id, until,
	    ab.substitute != NULL ? ab.substitute->id : x->en ? "the other "
	    "officers of the category" : "de andere functionarissen van de "
	    "categorie");
	free(until);
	return KR_OK;
}

/* The new assignee gets the complaint, or whoever stands in for them. */
static enum kres
assign_notify(struct officer_exec *x, const struct cfg_officer *a,
    char **cause)
{
	struct absence_route	rt;
	size_t			i;
	enum kres		r;

	if ((r = absence_route(x->k, &x->c, a, 0, x->now, &rt, cause)) !=
	    KR_OK)
		return r;
	for (i = 0; i < rt.n && r == KR_OK; i++) {
		if (rt.to[i] == x->o)
			continue;
		r = letter_to_new_officer_for(x->k, x->key, &x->c, x->o,
		    rt.to[i], rt.on_behalf, "assigned", "assigned_by", x->now,
		    cause);
		if (r == KR_OK && rt.to[i] == a)
			change(x, x->en ? "%s has been sent the complaint" :
			    "%s heeft de klacht toegestuurd gekregen", a->id);
		else if (r == KR_OK)
			change(x, x->en ? "%s has been sent the complaint, "
			    "for %s" : "%s heeft de klacht toegestuurd "
			    "gekregen, namens %s", rt.to[i]->id, a->id);
	}
	absence_route_free(&rt);
	return r;
}

static enum kres
do_assign(struct officer_exec *x, const struct cmd *cmd, char **cause)
{
	const struct cfg_officer	*a;
	enum case_state			 st;
	char				*ids, *prev, *why;
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
	/* Awb 9:7: nobody handles a complaint about themselves. */
	if ((r = role_involved(x->k, &x->c, a, x->lang, &why, cause)) !=
	    KR_OK)
		return r;
	if (why != NULL) {
		r = fail(x, x->en ? "%s may not handle this complaint (Awb "
		    "9:7): %s" : "%s mag deze klacht niet behandelen (Awb "
		    "9:7): %s", a->id, why);
		free(why);
		return r;
	}
	prev = x->c.assignee ? xstrdup(x->c.assignee) : NULL;
	if ((r = case_assign(x->k->st, &x->c, x->o->id, a->id, x->now,
	    cause)) != KR_OK) {
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
	if ((r = assign_absent(x, a, cause)) != KR_OK) {
		free(prev);
		return r;
	}
	if (a != x->o && (prev == NULL || strcmp(prev, a->id) != 0))
		r = assign_notify(x, a, cause);
	free(prev);
	return r;
}

static enum kres
do_status(struct officer_exec *x, const struct cmd *cmd, char **cause)
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
	/* A move to closed sets closed_at too (case_set_status). */
	return set_status(x, to, cause);
}

/*
 * A category may have its own term (Awb 9:11 lid 1: 10 weeks with an
 * advisory committee; terms.h).  The due date follows the case's
 * category as long as the term was not extended: an extension is a
 * decision about this case that a category change must not undo.
 */
static enum kres
category_term(struct officer_exec *x, char **cause)
{
	const struct cfg_terms	*t = terms_for(x->k->cfg, x->c.category);
	const struct cfg_category *cat = cfg_category_by_id(x->k->cfg,
				    x->c.category);
	int64_t			 due = terms_due(t, x->c.received_at);
	int64_t			 old_due = x->c.due_at;
	char			*olds, *news, *words, *why, *reason;
	enum kres		 r;

	if (x->c.extended || due == x->c.due_at)
		return KR_OK;
	olds = cal_format_date(x->c.due_at, x->lang);
	news = cal_format_date(due, x->lang);
	words = cal_duration_words(t->decide, x->lang);
	why = xasprintf("term of category %s: %s", x->c.category, words);
	r = case_set_term(x->k->st, &x->c, x->o->id, due, why, x->lang,
	    x->now, cause);
	free(why);
	if (r == KR_OK)
		change(x, x->en ? "the category's term is %s: due %s (was %s)" :
		    "de termijn van deze categorie is %s: uiterlijk %s (was %s)",
		    words, news, olds);
	free(olds);
	free(news);
	free(words);
	if (r != KR_OK)
		return r;
	/* The complainant was promised the old date (issue 14). */
	words = cal_duration_words(t->decide, x->c.language);
	reason = xasprintf(lang_is_en(x->c.language) ? "Your complaint is "
	    "now handled under the subject \"%s\". For this subject we have "
	    "%s." : "Uw klacht valt nu onder het onderwerp \"%s\". Voor dit "
	    "onderwerp hebben wij %s de tijd.", cat ? cat->name :
	    x->c.category, words);
	r = officer_due_letter(x, old_due, reason, cause);
	free(reason);
	free(words);
	return r;
}

/*
 * A case nobody has taken yet moved to another category: the officers of
 * the new category who were not of the old one have never seen it (the
 * new-case notice went to the old category's officers), so they get it
 * now.  An assigned case stays with its assignee: nobody else is sent it.
 */
static enum kres
notify_category(struct officer_exec *x, const char *old, char **cause)
{
	const struct cfg		*cfg = x->k->cfg;
	const struct cfg_officer	*o;
	struct buf			 who;
	char				*list, *why;
	size_t				 i, n = 0;
	enum kres			 r = KR_OK;

	if (x->c.assignee != NULL)
		return KR_OK;
	buf_init(&who);
	for (i = 0; i < cfg->nofficers && r == KR_OK; i++) {
		o = &cfg->officers[i];
		if (o == x->o || !officer_serves(o, x->c.category) ||
		    officer_routes(cfg, o, old))
			continue;
		/* Awb 9:7: an involved officer gets the reference only. */
		if ((r = role_involved(x->k, &x->c, o, x->lang, &why,
		    cause)) != KR_OK)
			break;
		if (why != NULL) {
			r = officer_queue_involved(x->k, &x->c, o, why, 0,
			    x->now, cause);
			free(why);
			continue;
		}
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
do_category(struct officer_exec *x, const struct cmd *cmd, char **cause)
{
	const struct cfg_category	*cat;
	char				*ids, *old;
	enum kres			 r;

	if ((cat = cfg_category_by_id(x->k->cfg, cmd->arg)) == NULL) {
		ids = known_ids(x->k->cfg, 0);
		r = fail(x, x->en ? "there is no category \"%s\" "
		    "(categories: %s)" : "er is geen categorie \"%s\" "
		    "(categorieën: %s)", cmd->arg, ids);
		free(ids);
		return r;
	}
	old = x->c.category ? xstrdup(x->c.category) : NULL;
	/* Confidential sticks (case_set_category): moving a case out of a
	 * confidential category does not make what it holds less
	 * sensitive. */
	if ((r = case_set_category(x->k->st, &x->c, x->o->id, cat->id,
	    cat->confidential, x->now, cause)) != KR_OK)
		goto out;
	change(x, x->en ? "category: %s%s" : "categorie: %s%s", cat->name,
	    cat->confidential ? (x->en ? " (confidential)" :
	    " (vertrouwelijk)") : "");
	if ((r = category_term(x, cause)) != KR_OK)
		goto out;
	r = notify_category(x, old, cause);
out:
	free(old);
	return r;
}

static enum kres
do_priority(struct officer_exec *x, const struct cmd *cmd, char **cause)
{
	enum kres	r;

	if ((r = case_set_priority(x->k->st, &x->c, x->o->id,
	    priority_parse(cmd->arg), x->now, cause)) != KR_OK)
		return r;
	change(x, x->en ? "priority: %s" : "prioriteit: %s", cmd->arg);
	return KR_OK;
}

/* #language: the letters to the complainant from now on (lang.h). */
static enum kres
do_language(struct officer_exec *x, const struct cmd *cmd, char **cause)
{
	enum kres	r;

	if ((r = case_set_language(x->k->st, &x->c, x->o->id, cmd->arg,
	    x->now, cause)) != KR_OK || (r = refresh(x, cause)) != KR_OK)
		return r;
	change(x, x->en ? "letters to the complainant from now on in %s" :
	    "brieven aan de klager vanaf nu in het %s", lang_is_en(cmd->arg) ?
	    (x->en ? "English" : "Engels") : (x->en ? "Dutch" :
	    "Nederlands"));
	return KR_OK;
}

static enum kres
do_note(struct officer_exec *x, const struct cmd *cmd, char **cause)
{
	enum kres r = event(x, "note", cmd->text, cause);

	if (r == KR_OK)
		change(x, x->en ? "internal note added" :
		    "interne notitie toegevoegd");
	return r;
}

/*
 * A command after the one running sends a letter that moves the due date
 * or ends the case (.term_letter in its row: #extend, #received, #close,
 * #approve, ...): that letter says what holds.
 */
static int
due_moves_later(const struct officer_exec *x)
{
	const struct cmd_entry	*e;
	size_t			 i;

	for (i = x->at + 1; x->cl != NULL && i < x->cl->n; i++) {
		if ((e = cmd_entry_of(x->cl->v[i].kind)) == NULL ||
		    !e->term_letter)
			continue;
		/* With approvers, #close only makes a draft: the term runs
		 * on, and this letter is the one that names it. */
		if (e->kind == CMD_CLOSE &&
		    officer_approvers(x->k->cfg, x->c.category) != NULL)
			continue;
		return 1;
	}
	return 0;
}

static enum kres
do_reply(struct officer_exec *x, const struct cmd *cmd, char **cause)
{
	enum case_state	st = case_state_parse(x->c.status);
	enum kres	r;
	int		later;
	char		*text, *full;
	struct mail_file *files;
	size_t		 nfiles;

	if ((full = with_blocks(x, cmd->text)) == NULL)
		return KR_INVALID;
	if ((r = letter_files(x, &files, &nfiles)) != KR_OK) {
		free(full);
		return r;
	}
	if ((st == CS_NEW || st == CS_ACKNOWLEDGED) &&
	    (r = set_status(x, CS_IN_PROGRESS, cause)) != KR_OK) {
		free(files);
		free(full);
		return r;
	}
	text = letter_officer_text(full);
	/* A later command of this mail that moves the due date or ends
	 * the case sends its own letter: this one names no date, so the
	 * complainant does not get two dates, or a promise of a letter
	 * that comes with it, at once. */
	later = due_moves_later(x);
	struct tmpl_var	vars[] = {
		{ "text", text },
		{ "due_ahead", later ? "" : NULL },
		{ "due_passed", later ? "" : NULL },
	};
	r = letter_to_complainant_files(x->k, &x->c, "update", "update", vars,
	    later ? 3 : 1, files, nfiles, x->now, cause);
	free(text);
	free(files);
	/* The event keeps what the complainant was sent. */
	if (r == KR_OK)
		r = event(x, "reply", full, cause);
	free(full);
	if (r != KR_OK)
		return r;
	/* Without email the letter goes by post (outpost.c). */
	change(x, x->en ? "your reply was sent to the complainant (%s)" :
	    "uw antwoord is naar de klager gestuurd (%s)",
	    *x->c.complainant_email ? x->c.complainant_email : x->en ?
	    "by post" : "per post");
	files_sent(x, nfiles);
	return KR_OK;
}

/*
 * #extend: the term rules (terms.h) decide; the complainant gets the
 * notice, and under the awb profile so does every person complained
 * about that #respondent recorded (9:11 lid 2).
 */
static enum kres
do_extend(struct officer_exec *x, const struct cmd *cmd, char **cause)
{
	const struct cfg_terms	*t = terms_for(x->k->cfg, x->c.category);
	struct terms_ext	 e;
	size_t			 nresp = 0;
	enum terms_verdict	 v;
	int64_t			 old_due = x->c.due_at, due;
	int			 awb = t->profile == CFG_PROFILE_AWB;
	char			*olds, *news, *words, *rwords, *oldl;
	char			*why = NULL;
	char			*reason;
	enum kres		 r;

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
	if ((r = case_extend(x->k->st, &x->c, x->o->id, due, cmd->days,
	    v == TERMS_OK_CONSENT, cmd->text, x->lang, x->now, cause)) !=
	    KR_OK)
		return r;
	olds = cal_format_date(old_due, x->lang);
	news = cal_format_date(due, x->lang);
	words = cal_duration_words(cmd->days * (int64_t)CAL_DAY,
	    x->c.language);
	oldl = cal_format_date(old_due, x->c.language);
	reason = letter_officer_text(cmd->text);
	struct tmpl_var vars[] = {
		{ "reason", reason },
		{ "extension", words },
		{ "old_due_date", oldl },
		{ "is_awb", awb ? "1" : "" },
		{ "is_wkkgz", awb ? "" : "1" },
	};
	/* The persons complained about read the desk's language. */
	rwords = cal_duration_words(cmd->days * (int64_t)CAL_DAY, x->lang);
	struct tmpl_var rvars[] = {
		{ "reason", reason },
		{ "extension", rwords },
		{ "old_due_date", olds },
		{ "is_awb", awb ? "1" : "" },
		{ "is_wkkgz", awb ? "" : "1" },
	};
	if (r == KR_OK)
		r = to_complainant(x, "extension", vars, 5, cause);
	if (r == KR_OK && awb)
		r = letter_to_respondents(x->k, &x->c, "extension-respondent",
		    rvars, 5, x->now, &nresp, cause);
	free(rwords);
	free(words);
	free(oldl);
	free(reason);
	if (r == KR_OK) {
		change(x, x->en ? "term extended by %d days: due %s (was %s); "
		    "the complainant was told why" : "termijn met %d dagen "
		    "verlengd: uiterlijk %s (was %s); de klager heeft de reden "
		    "gekregen", cmd->days, news, olds);
		if (nresp > 0)
			change(x, x->en ? "the person(s) complained about were "
			    "told too (%zu)" : "ook de beklaagde(n) hebben "
			    "bericht gekregen (%zu)", nresp);
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
	free(olds);
	free(news);
	return r;
}

/* #close of a decided case (see do_close): the judgement must be the one
 * decided; the case closes without a letter. */
static enum kres
close_decided(struct officer_exec *x, enum judgement j, char **cause)
{
	char		*when;
	enum kres	 r;

	when = cal_format_date(x->c.decided_at, x->lang);
	if (judgement_by_id(x->c.judgement) != j) {
		r = fail(x, x->en ? "the complaint was decided as %s on %s; to "
		    "change the judgement, #reopen it first" : "over de klacht "
		    "is op %s al beslist: %s; wilt u het oordeel wijzigen, "
		    "gebruik dan eerst #heropen", x->en ?
		    case_judgement_label(x->c.judgement, x->lang) : when,
		    x->en ? when : case_judgement_label(x->c.judgement,
		    x->lang));
		free(when);
		return r;
	}
	if ((r = set_status(x, CS_CLOSED, cause)) == KR_OK)
		change(x, x->en ? "closed; the outcome letter was sent when it "
		    "was decided (%s): no new letter" : "gesloten; de brief "
		    "met de afhandeling is al verstuurd (%s): geen nieuwe "
		    "brief", when);
	free(when);
	return r;
}

/*
 * #close: the outcome letter comes from the template of the case's
 * profile and judgement (terms_outcome_template) and must hold every
 * part the law asks (terms_outcome_check); the officer's text gives the
 * findings and, in labelled lines, the conclusions, decisions and the
 * date of the measures.  A decision after its term is allowed but
 * flagged: an event "late" and a line in the confirmation.  In a
 * category with approvers the letter waits for one (officer_letter.c).
 */
enum kres
officer_close_check(struct officer_exec *x, const char *judgement,
    const char *ctext)
{
	const struct cfg	*cfg = x->k->cfg;
	const struct cfg_terms	*t = terms_for(cfg, x->c.category);
	enum case_state		 st = case_state_parse(x->c.status);
	struct terms_outcome	 oc;
	char			*why = NULL, *text;
	enum kres		 r = KR_OK;

	if (*ctext == '\0')
		return fail(x, x->en ? "the outcome letter needs your "
		    "findings: write them after \"#close %s\", on the same "
		    "line or the lines below it" : "de brief aan de klager "
		    "heeft uw bevindingen nodig: schrijf ze na \"#sluit %s\", "
		    "op dezelfde regel of de regels eronder", judgement);
	if (!case_transition_ok(st, CS_CLOSED))
		return fail(x, x->en ? "the status cannot go from %s to %s" :
		    "de status kan niet van %s naar %s", state_label(x, st),
		    state_label(x, CS_CLOSED));
	/* The letter greets and signs itself: the officer's own greeting
	 * and sign-off would stand twice in it. */
	text = letter_officer_text(ctext);
	terms_outcome_parse(text, &oc);
	free(text);
	if (terms_outcome_check(cfg, t, judgement, &oc, x->now, x->lang,
	    &why) == -1) {
		r = fail(x, "%s", why);
		free(why);
	}
	terms_outcome_free(&oc);
	/* Awb 9:10: no judgement on the merits before the complainant was
	 * heard or a lawful ground to skip it was recorded. */
	if (r == KR_OK && (r = officer_hearing_gate(x, judgement, &why)) !=
	    KR_OK && r != KR_INVALID) {
		log_err("case=%s: the hearing check failed: %s", x->c.ref,
		    why ? why : "?");
		r = fail(x, x->en ? "the hearing could not be checked; try "
		    "again later" : "de hoorzitting kon niet worden "
		    "nagekeken; probeer het later opnieuw");
		free(why);
	}
	return r;
}

enum kres
officer_close_send(struct officer_exec *x, const char *judgement,
    const char *ctext, char **preview, char **cause)
{
	const struct cfg	*cfg = x->k->cfg;
	const struct cfg_terms	*t = terms_for(cfg, x->c.category);
	enum judgement		 j = judgement_parse(judgement);
	struct terms_outcome	 oc;
	char			*decided, *md, *dd, *lim;
	char			 ground = 0;
	char			*late = NULL, *note = NULL, *from, *text;
	struct mail_file	*files = NULL;
	size_t			 nfiles = 0;
	int			 upheld, was_late, heard = 0;
	enum kres		 r = KR_OK;

	/* The officer's own #sluit takes the files of their mail along
	 * (do_close); an approved draft goes without (officer_letter.c). */
	if (preview == NULL && x->with_files &&
	    (r = letter_files(x, &files, &nfiles)) != KR_OK)
		return r;
	text = letter_officer_text(ctext);
	terms_outcome_parse(text, &oc);
	free(text);
	/* Late?  Awb 9:8: not handling a complaint is decided within its
	 * own (shorter) term; anything else within the due date.  The
	 * decision is allowed, with an event "late" (case_close). */
	dd = cal_format_date(x->c.due_at, x->lang);
	if (t->profile == CFG_PROFILE_AWB && j == J_INADMISSIBLE &&
	    terms_inadmissible_late(t, x->c.received_at, x->now)) {
		lim = cal_duration_words(t->inadmissible, x->lang);
		late = xasprintf("niet-ontvankelijk decided more than %s "
		    "after receipt (Awb 9:8)", lim);
		note = xasprintf(x->en ? "note: Awb 9:8 asks for this decision "
		    "within %s of receipt; it is late (recorded)" :
		    "let op: Awb 9:8 vraagt dit besluit binnen %s na "
		    "ontvangst; het is te laat (vastgelegd)", lim);
		free(lim);
	} else if (x->now > x->c.due_at) {
		late = xasprintf("decided after the due date %s", dd);
		note = xasprintf(x->en ? "note: decided after the due date "
		    "(%s) (recorded)" : "let op: afgehandeld na de uiterste "
		    "datum (%s) (vastgelegd)", dd);
	}
	free(dd);
	was_late = late != NULL;
	/* A preview changes nothing: the letter as it would go out now. */
	if (preview == NULL) {
		from = xstrdup(x->c.status);
		r = case_close(x->k->st, &x->c, x->o->id, j, ctext, late,
		    x->now, cause);
		/* A closed case has no letter awaiting approval (one left
		 * when its category lost its approvers goes). */
		if (r == KR_OK)
			r = store_draft_drop(x->k->st, x->c.id, cause);
		if (r == KR_OK) {
			if (note != NULL)
				change(x, "%s", note);
			status_moved(x, from);
		}
		free(from);
	}
	free(late);
	free(note);
	if (r != KR_OK) {
		terms_outcome_free(&oc);
		return r;
	}
	decided = cal_format_date(x->now, x->c.language);
	/* Awb 9:10: the letter says whether and when she was heard. */
	if ((r = officer_hearing_outcome(x, &heard, &ground, cause)) !=
	    KR_OK) {
		free(decided);
		terms_outcome_free(&oc);
		return r;
	}
	upheld = strcmp(judgement, "gegrond") == 0 ||
	    strcmp(judgement, "deels-gegrond") == 0;
	md = oc.measures_by && !terms_decisions_none(oc.decisions) ?
	    cal_format_date(oc.measures_by, x->c.language) : xstrdup("");
	struct tmpl_var vars[] = {
		{ "findings", oc.findings },
		{ "judgement", case_judgement_label(judgement,
		    x->c.language) },
		{ "conclusions", oc.conclusions },
		{ "decisions", oc.decisions },
		{ "measures_date", md },
		/* Issue 16: the apology, "deels gegrond" explained, and
		 * the lateness block of the letter. */
		{ "upheld", upheld ? "1" : "" },
		{ "partly_upheld", strcmp(judgement, "deels-gegrond") ==
		    0 ? "1" : "" },
		{ "not_upheld", strcmp(judgement, "ongegrond") == 0 ?
		    "1" : "" },
		{ "late", was_late ? "1" : "" },
		{ "is_awb", t->profile == CFG_PROFILE_AWB ? "1" : "" },
		{ "is_wkkgz", t->profile == CFG_PROFILE_WKKGZ ? "1" : "" },
		{ "decided_date", decided },
		{ "heard", heard ? "1" : "" },
		{ "not_heard_a", ground == 'a' ? "1" : "" },
		{ "not_heard_b", ground == 'b' ? "1" : "" },
		{ "not_heard_c", ground == 'c' ? "1" : "" },
	};
	if (preview != NULL)
		r = letter_preview(x->k, &x->c, terms_outcome_template(
		    t->profile, judgement), vars, sizeof vars / sizeof vars[0],
		    x->now, preview, cause);
	else
		r = letter_to_complainant_files(x->k, &x->c, "outcome",
		    terms_outcome_template(t->profile, judgement), vars,
		    sizeof vars / sizeof vars[0], files, nfiles, x->now,
		    cause);
	free(decided);
	free(md);
	/* Issue 15: the measures the Wkkgz letter promises are tracked. */
	if (r == KR_OK && preview == NULL &&
	    t->profile == CFG_PROFILE_WKKGZ && oc.measures_by != 0 &&
	    !terms_decisions_none(oc.decisions))
		r = officer_measure_outcome(x, oc.measures_by, oc.decisions,
		    cause);
	terms_outcome_free(&oc);
	if (r == KR_OK && preview == NULL) {
		change(x, x->en ? "closed as %s; the outcome letter was sent "
		    "to the complainant" : "gesloten als %s; de brief met de "
		    "afhandeling is naar de klager gestuurd",
		    case_judgement_label(judgement, x->lang));
		files_sent(x, nfiles);
	}
	free(files);
	return r;
}

static enum kres
do_close(struct officer_exec *x, const struct cmd *cmd, char **cause)
{
	char		*full;
	enum kres	 r;

	/* Decided already: the outcome letter went out then.  Closing now
	 * only closes -- a second letter would tell the complainant the
	 * same twice (issue 14). */
	if (case_state_parse(x->c.status) == CS_DECIDED &&
	    x->c.judgement != NULL && *x->c.judgement != '\0')
		return close_decided(x, judgement_by_id(cmd->judgement),
		    cause);
	/* #tekst lines become their text blocks first (textblock.h). */
	if ((full = with_blocks(x, cmd->text)) == NULL)
		return KR_INVALID;
	if ((r = officer_close_check(x, cmd->judgement, full)) != KR_OK)
		goto out;
	if (officer_approvers(x->k->cfg, x->c.category) != NULL) {
		/* The draft is sent by an approver's mail, later: files of
		 * this mail cannot go with it. */
		if (x->m->nattachments > 0 || x->m->nattachments_dropped > 0)
			r = fail(x, x->en ? "this outcome letter waits for "
			    "approval, and the attachments of your mail cannot "
			    "wait with it: send #close without attachments, "
			    "and the files with #reply once it is approved" :
			    "deze brief wacht op goedkeuring, en de bijlagen "
			    "van uw mail kunnen niet mee wachten: stuur #sluit "
			    "zonder bijlagen, en de bestanden met #antwoord "
			    "als de brief is goedgekeurd");
		else
			r = officer_draft_outcome(x, cmd->judgement, full,
			    cause);
		goto out;
	}
	x->with_files = 1;
	r = officer_close_send(x, cmd->judgement, full, NULL, cause);
	x->with_files = 0;
out:
	free(full);
	return r;
}

/*
 * #respondent (Awb 9:9): records the person complained about and sends
 * them a copy of the complaint with a list of its attachments.  Under
 * the awb profile they are told of an extension too (do_extend).
 */
static enum kres
do_respondent(struct officer_exec *x, const struct cmd *cmd, char **cause)
{
	const struct cfg_officer *a;
	char		*body = NULL, *atts, *told = NULL;
	const char	*name = *cmd->text ? cmd->text : cmd->arg;
	enum kres	 r;

	if (x->c.complainant_email != NULL &&
	    strcasecmp(x->c.complainant_email, cmd->arg) == 0)
		return fail(x, x->en ? "%s is the complainant's address" :
		    "%s is het adres van de klager", cmd->arg);
	r = case_add_respondent(x->k->st, &x->c, x->o->id, cmd->arg,
	    *cmd->text ? cmd->text : NULL, x->now, cause);
	if (r == KR_DUP)
		return fail(x, x->en ? "%s is recorded already as a person "
		    "complained about" : "%s is al als beklaagde vastgelegd",
		    cmd->arg);
	if (r != KR_OK)
		return r;
	/* In the desk's language, as the letter around it. */
	if ((r = letter_complaint(x->k->st, x->c.id, x->lang, &body, &atts,
	    cause)) != KR_OK)
		return r;
	struct tmpl_var vars[] = {
		{ "text", body ? body : "" },
		{ "attachments", atts },
	};
	r = letter_to_respondent(x->k, &x->c, "respondent-copy", cmd->arg,
	    name, vars, 2, x->now, cause);
	free(atts);
	free(body);
	if (r == KR_OK)
		change(x, x->en ? "person complained about recorded: %s; they "
		    "were sent a copy of the complaint (Awb 9:9)" : "beklaagde "
		    "vastgelegd: %s; die heeft een afschrift van de klacht "
		    "gekregen (Awb 9:9)", cmd->arg);
	/* Awb 9:7: the assignee cannot go on handling a complaint about
	 * herself. */
	if (r == KR_OK && x->c.assignee != NULL &&
	    (a = cfg_officer_by_id(x->k->cfg, x->c.assignee)) != NULL &&
	    strcasecmp(a->email, cmd->arg) == 0 &&
	    (r = role_back_to_triage(x->k, &x->c, x->o, a, x->now, &told,
	    cause)) == KR_OK)
		change(x, x->en ? "%s, the assignee, is the person complained "
		    "about: the complaint has no assignee now and must go to "
		    "someone else (Awb 9:7); told: %s" : "%s, de behandelaar, "
		    "is de beklaagde: de klacht heeft nu geen behandelaar en "
		    "moet naar iemand anders (Awb 9:7); bericht aan: %s", a->id,
		    told);
	free(told);
	return r;
}

static enum kres
do_reopen(struct officer_exec *x, const struct cmd *cmd, char **cause)
{
	enum kres	 r;
	char		*from, *text;
	struct tmpl_var	 vars[] = { { "text", NULL } };

	from = xstrdup(x->c.status);
	r = case_reopen(x->k->st, &x->c, x->o->id, CASE_REOPEN_OFFICER,
	    cmd->text, x->now, cause);
	if (r == KR_OK)
		status_moved(x, from);
	free(from);
	if (r != KR_OK)
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
do_consent(struct officer_exec *x, const struct cmd *cmd, char **cause)
{
	enum kres r = case_consent(x->k->st, &x->c, x->o->id, cmd->text,
	    x->now, cause);

	if (r == KR_OK)
		change(x, x->en ? "the complainant's consent is recorded" :
		    "de instemming van de klager is vastgelegd");
	return r;
}

/* #contact: a contact moment with the complainant, today (the contact
 * log, store_contact.c); it also ends the first-contact term
 * (terms.first_contact, escalate.c). */
static enum kres
do_contact(struct officer_exec *x, const struct cmd *cmd, char **cause)
{
	static const struct {
		const char	*kind, *en, *nl;
	} words[] = {
		{ "phone", "by phone", "telefonisch" },
		{ "meeting", "a meeting", "een gesprek" },
		{ "letter", "a letter", "een brief" },
		{ "mail", "by mail", "per mail" },
	};
	const char	*w = cmd->arg;
	char		*day;
	size_t		 i;
	enum kres	 r;

	for (i = 0; i < sizeof words / sizeof words[0]; i++)
		if (strcmp(words[i].kind, cmd->arg) == 0)
			w = x->en ? words[i].en : words[i].nl;
	if ((r = store_contact_add(x->k->st, x->c.id, x->now, x->o->id,
	    cmd->arg, cmd->text, cause)) != KR_OK)
		return r;
	day = cal_format_date(x->now, x->lang);
	change(x, x->en ? "contact with the complainant recorded: %s, %s" :
	    "contact met de klager vastgelegd: %s, %s", w, day);
	free(day);
	log_info("case=%s officer %s: contact (%s) recorded", x->c.ref,
	    x->o->id, cmd->arg);
	return KR_OK;
}

static enum kres
do_help(struct officer_exec *x, const struct cmd *cmd, char **cause)
{
	x->help = 1;
	return KR_OK;
}

/* The handler of each kind of command; its row is in cmdtable.c. */
static enum kres (*const handlers[CMD_NKINDS])(struct officer_exec *,
    const struct cmd *, char **) = {
	[CMD_ASSIGN] =		do_assign,
	[CMD_STATUS] =		do_status,
	[CMD_CATEGORY] =	do_category,
	[CMD_PRIORITY] =	do_priority,
	[CMD_NOTE] =		do_note,
	[CMD_REPLY] =		do_reply,
	[CMD_EXTEND] =		do_extend,
	[CMD_HEAR] =		officer_do_hear,	/* officer_hearing.c */
	[CMD_CLOSE] =		do_close,
	[CMD_REOPEN] =		do_reopen,
	[CMD_HELP] =		do_help,	/* desk too */
	[CMD_CONSENT] =		do_consent,
	[CMD_RESPONDENT] =	do_respondent,
	[CMD_LANGUAGE] =	do_language,
	[CMD_DOSSIER] =		officer_do_dossier,	/* officer_dossier.c */
	[CMD_AWAY] =		officer_do_away,
	[CMD_BACK] =		officer_do_back,
	[CMD_OVERVIEW] =	officer_do_overview,	/* officer_overview.c */
	[CMD_SEARCH] =		officer_do_search,
	/* Corrections (issue 14): officer_correct.c */
	[CMD_COMPLAINANT] =	officer_do_complainant,
	[CMD_LINK] =		officer_do_link,
	[CMD_MERGE] =		officer_do_merge,
	[CMD_VOID] =		officer_do_void,
	[CMD_RECEIVED] =	officer_do_received,	/* officer_due.c */
	[CMD_SUMMARY] =		officer_do_summary,
	[CMD_APPROVE] =		officer_do_approve,
	[CMD_REJECT] =		officer_do_reject,
	[CMD_CONTACT] =		do_contact,
	[CMD_NEW] =		officer_do_new,		/* officer_new.c */
	/* Classification (issue 15): officer_class.c */
	[CMD_DEPARTMENT] =	officer_do_department,
	[CMD_CAUSE] =		officer_do_cause,
	[CMD_LABEL] =		officer_do_label,
	/* Improvement measures (issue 15): officer_measure.c */
	[CMD_MEASURE] =		officer_do_measure,
	[CMD_DONE] =		officer_do_done,
	[CMD_RESOLVED] =	officer_do_resolved,	/* officer_informal.c */
	[CMD_REDIRECT] =	officer_do_redirect,	/* officer_redirect.c */
	[CMD_HEARING_REPORT] =	officer_do_hearing_report,
	[CMD_SKIP_HEARING] =	officer_do_skip_hearing,
};

/*
 * Runs one command: first the states its row allows, checked against the
 * case as the commands before it left it, then its handler.
 */
static enum kres
run_one(struct officer_exec *x, const struct cmd *cmd, char **cause)
{
	const struct cmd_entry	*e = cmd_entry_of(cmd->kind);
	enum case_state		 st = case_state_parse(x->c.status);

	if (e == NULL || handlers[cmd->kind] == NULL)
		return fail(x, "?");
	if (x->c.id == 0 && e->desk == CMD_CASE_ONLY)
		return fail(x, x->en ? "this command needs a case: send it "
		    "as a reply to klachtd's mail about the case" : "dit "
		    "commando hoort bij een klacht: stuur het als antwoord op "
		    "de mail van klachtd over die klacht");
	if (x->c.id == 0 && !e->personal && x->desk_dkim != 1)
		return fail(x, x->en ? "without a case this command needs "
		    "DKIM proof of your address; a personal reply address is "
		    "not enough" : "zonder klacht vraagt dit commando een "
		    "DKIM-bewijs van uw adres; een persoonlijk antwoordadres "
		    "is niet genoeg");
	if (x->c.id != 0 && e->desk == CMD_DESK_ONLY)
		return fail(x, x->en ? "this command concerns no single case: "
		    "send it as a reply to a mail without a case (your "
		    "overview, for one)" : "dit commando hoort niet bij één "
		    "klacht: stuur het als antwoord op een mail zonder klacht "
		    "(bijvoorbeeld uw overzicht)");
	if (x->c.id == 0)
		return handlers[cmd->kind](x, cmd, cause);
	/* A merged or void case is an administrative end: only a note, a
	 * link and help still apply to it (no row allows these states). */
	if (case_state_administrative(st)) {
		if (cmd->kind == CMD_NOTE || cmd->kind == CMD_LINK ||
		    cmd->kind == CMD_HELP)
			return handlers[cmd->kind](x, cmd, cause);
		return fail(x, x->en ? "the complaint is %s: nothing more "
		    "can be done on it" : "de klacht is %s: daar kan niets "
		    "meer aan gebeuren", state_label(x, st));
	}
	/* Resolved informally: no row allows it either; the complainant's
	 * reply within the window reopens it (intake.c), nothing else. */
	if (st == CS_RESOLVED) {
		if (cmd->kind == CMD_NOTE || cmd->kind == CMD_LINK ||
		    cmd->kind == CMD_HELP || cmd->kind == CMD_CONTACT)
			return handlers[cmd->kind](x, cmd, cause);
		return fail(x, x->en ? "the complaint is %s: it goes on only "
		    "when the complainant asks for formal handling" : "de "
		    "klacht is %s: die gaat alleen verder als de klager om "
		    "formele behandeling vraagt", state_label(x, st));
	}
	if ((e->states & CMD_IN(st)) == 0)
		return fail(x, x->en ? e->state_en : e->state_nl,
		    state_label(x, st));
	return handlers[cmd->kind](x, cmd, cause);
}

/* Runs every command inside a savepoint; the first that cannot be done
 * undoes them all.  KR_OK once the outcome (either way) is queued. */
enum kres
officer_exec_run(struct officer_exec *x, const struct cmd_list *cl, char **cause)
{
	struct buf	 names;
	char		*why = NULL, *msg, *detail;
	size_t		 i;
	enum kres	 r, r2;

	if ((r = store_savepoint(x->k->st, SAVEPOINT, cause)) != KR_OK)
		return r;
	x->cl = cl;
	for (i = 0, r = KR_OK; i < cl->n && r == KR_OK; i++) {
		x->at = i;
		r = run_one(x, &cl->v[i], &why);
	}
	if (r == KR_OK && cl->free_text != NULL && *cl->free_text != '\0' &&
	    x->c.id == 0)
		change(x, x->en ? "your text outside the commands was not "
		    "kept: without a case there is nothing to keep it on" :
		    "uw tekst buiten de commando's is niet bewaard: zonder "
		    "klacht is er niets om die bij te bewaren");
	else if (r == KR_OK && cl->free_text != NULL &&
	    *cl->free_text != '\0' &&
	    (r = event(x, "note", cl->free_text, &why)) == KR_OK)
		change(x, x->en ? "your text outside the commands was kept "
		    "as an internal note" : "uw tekst buiten de commando's is "
		    "als interne notitie bewaard");
	/* Files are sent only with a letter: say so rather than let the
	 * officer think they went. */
	if (r == KR_OK && x->c.id != 0 && !x->files_sent &&
	    x->m->nattachments > 0)
		change(x, x->en ? "the attachments of your mail are kept on "
		    "the case; they were not sent to anyone (only #reply and "
		    "#close send them to the complainant)" : "de bijlagen van "
		    "uw mail zijn bij de klacht bewaard; ze zijn naar niemand "
		    "gestuurd (alleen #antwoord en #sluit sturen ze naar de "
		    "klager)");
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
		return officer_answer_confirm(x, cause);
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
		r = officer_answer_error(x, msg, cause);
	}
	free(msg);
	return r;
}

/*
 * Awb 9:7: officer x->o is involved in the case (why): nothing she wrote
 * runs, nor becomes a note; an event and a log line say so, and -- when
 * the mail held commands -- she is told, with the reference only, at
 * most auto_replies_per_day a day.
 */
static enum kres
refuse_involved(struct officer_exec *x, int had_commands, const char *why,
    char **cause)
{
	char		*detail;
	int		 sent = 0;
	enum kres	 r;

	detail = xasprintf("%s: %s (Awb 9:7): %s", x->o->id, had_commands ?
	    "commands refused" : "message kept, nothing run", why);
	r = store_event_add(x->k->st, x->c.id, x->now, "system",
	    had_commands ? "commands-refused" : "involved", detail, cause);
	free(detail);
	log_notice("case=%s officer %s is involved in the case (Awb 9:7): %s",
	    x->c.ref, x->o->id, had_commands ? "commands refused" :
	    "nothing run");
	if (r != KR_OK || !had_commands)
		return r;
	if ((r = store_outbox_count(x->k->st, x->o->email, "refused",
	    x->now - CAL_DAY, &sent, cause)) != KR_OK)
		return r;
	if (sent >= x->k->cfg->auto_reply_limit)
		return KR_OK;
	return officer_queue_involved(x->k, &x->c, x->o, why, 1, x->now,
	    cause);
}

enum kres
officer_mail(struct klacht *k, const struct mail *m,
    const struct cfg_officer *o, int64_t case_id, int64_t now, char **cause)
{
	struct officer_auth	 auth;
	const struct officer_key *key;
	struct cmd_list		 cl;
	struct officer_exec		 x;
	struct buf		 errs;
	char			*own, days[16], *why = NULL;
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
	x.en = k->cfg->lang == LANG_EN;
	if ((x.o = o) == NULL)
		return KR_OK;
	if ((r = store_case_get(k->st, case_id, &x.c, cause)) != KR_OK)
		return r;
	if (klacht_key(k, &key, cause) == -1) {
		case_row_free(&x.c);
		return KR_TEMP;
	}
	x.key = key;
	buf_init(&x.changes);
	/* Only the officer's own text: nothing inside a forwarded or
	 * attached message (message/rfc822) is ever a command, whatever
	 * headers it has or lacks (issue 18 F4). */
	own = xstrndup(m->body, m->body_own_len);
	cmd_parse(own, x.lang, &cl);
	free(own);

	if (!officer_mail_auth(k->cfg, key, m, x.o, &x.c, now, &auth,
	    &expired))
		r = officer_answer_refused(&x, &auth, cl.n > 0 ||
		    cl.nerrors > 0, expired, cause);
	else if ((r = role_involved(k, &x.c, x.o, x.lang, &why, cause)) !=
	    KR_OK)
		;
	else if (why != NULL)
		r = refuse_involved(&x, cl.n > 0 || cl.nerrors > 0, why,
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
			r = officer_answer_error(&x, errs.data, cause);
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
			r = officer_answer_confirm(&x, cause);
	} else
		r = officer_exec_run(&x, &cl, cause);

	cmd_list_free(&cl);
	buf_free(&x.changes);
	free(x.err);
	free(why);
	case_row_free(&x.c);
	return r;
}
