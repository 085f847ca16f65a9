/*
 * officer_letter.c -- the commands about what the letters to the
 * complainant say (issue 16): #summary / #omschrijving, the complaint in
 * the organisation's words.  Handlers of the command table (cmdtable.c),
 * called by officer_exec.c inside the savepoint of the reply.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "case.h"
#include "casestate.h"
#include "log.h"
#include "officer_exec.h"
#include "outmail.h"
#include "util.h"

/* s with every run of white space one blank, trimmed.  Caller frees. */
static char *
one_line(const char *s)
{
	struct buf	b;
	int		blank = 0;

	buf_init(&b);
	for (; *s != '\0'; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') {
			blank = b.len > 0;
			continue;
		}
		if (blank)
			buf_addc(&b, ' ');
		blank = 0;
		buf_addc(&b, *s);
	}
	return buf_detach(&b, NULL);
}

/* Characters (UTF-8 code points) in s. */
static size_t
chars(const char *s)
{
	size_t	n = 0;

	for (; *s != '\0'; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

/*
 * #summary: stored on the case (event "summary"); every later letter
 * names the complaint by it (outmail.h: {{about}}).  Longer than a
 * letter shows is refused rather than cut: the officer chooses the words.
 */
enum kres
officer_do_summary(struct officer_exec *x, const struct cmd *cmd,
    char **cause)
{
	char		*text = one_line(cmd->text);
	size_t		 n = chars(text);
	enum kres	 r;

	if (n > OUTMAIL_SUMMARY_MAX) {
		free(text);
		return officer_exec_fail(x, x->en ? "the summary has %zu "
		    "characters; the letters show at most %d: shorten it" :
		    "de omschrijving heeft %zu tekens; de brieven tonen er "
		    "hoogstens %d: maak haar korter", n, OUTMAIL_SUMMARY_MAX);
	}
	r = case_set_summary(x->k->st, &x->c, x->o->id, text, x->now, cause);
	if (r == KR_OK)
		officer_exec_change(x, x->en ? "summary for the letters: \"%s\"" :
		    "omschrijving voor de brieven: \"%s\"", text);
	free(text);
	return r;
}

/* ------------------------------------------------ four-eyes approval */

char *const *
officer_approvers(const struct cfg *cfg, const char *category)
{
	const struct cfg_category *cat;

	cat = category ? cfg_category_by_id(cfg, category) : NULL;
	return cat != NULL && cat->approvers != NULL &&
	    cat->approvers[0] != NULL ? cat->approvers : NULL;
}

/* "a, b" of the approvers, leaving out skip (may be NULL); *n gets how
 * many are listed.  Caller frees. */
static char *
approver_list(char *const *ap, const char *skip, size_t *n)
{
	struct buf	b;

	buf_init(&b);
	*n = 0;
	for (; ap != NULL && *ap != NULL; ap++) {
		if (skip != NULL && strcmp(*ap, skip) == 0)
			continue;
		buf_printf(&b, "%s%s", (*n)++ ? ", " : "", *ap);
	}
	if (*n == 0)
		buf_adds(&b, "-");
	return buf_detach(&b, NULL);
}

static int
is_approver(char *const *ap, const char *id)
{
	for (; ap != NULL && *ap != NULL; ap++)
		if (strcmp(*ap, id) == 0)
			return 1;
	return 0;
}

/* "Name (id)" of an officer id, or the id when it is no officer now.
 * Caller frees. */
static char *
officer_words(const struct cfg *cfg, const char *id)
{
	const struct cfg_officer *o = cfg_officer_by_id(cfg, id);

	return o ? xasprintf("%s (%s)", o->name, o->id) : xstrdup(id);
}

enum kres
officer_draft_outcome(struct officer_exec *x, const char *judgement,
    const char *text, char **cause)
{
	const struct cfg		*cfg = x->k->cfg;
	char *const			*ap = officer_approvers(cfg,
					    x->c.category);
	const struct cfg_officer	*a;
	char				*letter = NULL, *who, *list, *detail;
	size_t				 n;
	enum kres			 r;

	list = approver_list(ap, x->o->id, &n);
	if (n == 0) {
		free(list);
		return officer_exec_fail(x, x->en ? "outcome letters of "
		    "category %s need the approval of someone else, and you "
		    "are its only approver (categories[].approvers)" :
		    "brieven met de afhandeling in categorie %s moeten door "
		    "een ander worden goedgekeurd, en u bent de enige "
		    "goedkeurder (categories[].approvers)", x->c.category);
	}
	/* The letter as it would go out today, for the approvers to read;
	 * when approved it is made again, with the dates of that day. */
	if ((r = officer_close_send(x, judgement, text, &letter, cause)) !=
	    KR_OK || (r = store_draft_put(x->k->st, x->c.id, x->o->id,
	    judgement, text, x->now, cause)) != KR_OK)
		goto out;
	detail = xasprintf("outcome letter (%s) awaiting approval by %s",
	    judgement, list);
	r = store_event_add(x->k->st, x->c.id, x->now, x->o->id, "draft",
	    detail, cause);
	free(detail);
	if (r != KR_OK)
		goto out;
	who = officer_words(cfg, x->o->id);
	struct tmpl_var vars[] = {
		{ "author", who },
		{ "judgement", case_judgement_label(judgement, x->lang) },
		{ "letter", letter },
		{ "approvers", list },
		{ "confidential", officer_case_confidential(cfg, &x->c) ?
		    (x->en ? "CONFIDENTIAL: do not forward this mail." :
		    "VERTROUWELIJK: stuur deze mail niet door.") : "" },
	};
	for (; r == KR_OK && *ap != NULL; ap++) {
		if (strcmp(*ap, x->o->id) == 0 ||
		    (a = cfg_officer_by_id(cfg, *ap)) == NULL)
			continue;
		r = officer_queue(x->k, x->key, &x->c, a, "approval",
		    "approval-request", NULL, NULL, vars,
		    sizeof vars / sizeof vars[0], x->now, cause);
	}
	free(who);
	if (r == KR_OK) {
		log_info("case=%s outcome letter by %s awaits approval by %s",
		    x->c.ref, x->o->id, list);
		officer_exec_change(x, x->en ? "the outcome letter (%s) "
		    "awaits approval by %s; nothing was sent to the "
		    "complainant yet, and the term keeps running" : "de brief "
		    "met de afhandeling (%s) wacht op goedkeuring door %s; de "
		    "klager heeft nog niets gekregen, en de termijn loopt "
		    "door", case_judgement_label(judgement, x->lang), list);
	}
out:
	free(letter);
	free(list);
	return r;
}

/* The draft of x's case for an approver's command: 0 and *d, or -1
 * with the reason set (officer_exec_fail); *r gets what to return. */
static int
draft_for_approver(struct officer_exec *x, struct draft_row *d,
    enum kres *r, char **cause)
{
	char *const	*ap = officer_approvers(x->k->cfg, x->c.category);
	char		*list;
	size_t		 n;

	if ((*r = store_draft_get(x->k->st, x->c.id, d, cause)) != KR_OK)
		return -1;
	if (d->id == 0) {
		*r = officer_exec_fail(x, x->en ? "there is no outcome letter "
		    "awaiting approval" : "er is geen brief met de "
		    "afhandeling die op goedkeuring wacht");
		return -1;
	}
	if (!is_approver(ap, x->o->id)) {
		list = approver_list(ap, NULL, &n);
		*r = officer_exec_fail(x, x->en ? "only the approvers of "
		    "category %s can do this: %s" : "alleen de goedkeurders "
		    "van categorie %s kunnen dit: %s", x->c.category ?
		    x->c.category : "-", list);
		free(list);
		draft_row_free(d);
		return -1;
	}
	if (strcmp(d->author, x->o->id) == 0) {
		*r = officer_exec_fail(x, x->en ? "you wrote this letter: "
		    "another approver must approve or reject it" : "u hebt "
		    "deze brief zelf geschreven: een andere goedkeurder moet "
		    "hem goedkeuren of afwijzen");
		draft_row_free(d);
		return -1;
	}
	return 0;
}

/*
 * #approve: the draft's letter goes out as #close would have sent it,
 * made now (the case is closed today, lateness judged today), and the
 * case records who approved it (event "approved").
 */
enum kres
officer_do_approve(struct officer_exec *x, const struct cmd *cmd,
    char **cause)
{
	struct draft_row	 d;
	char			*detail;
	enum kres		 r;

	(void)cmd;
	if (draft_for_approver(x, &d, &r, cause) == -1)
		return r;
	if ((r = officer_close_check(x, d.judgement, d.text)) != KR_OK)
		goto out;
	detail = xasprintf("outcome letter (%s) by %s approved", d.judgement,
	    d.author);
	r = store_event_add(x->k->st, x->c.id, x->now, x->o->id, "approved",
	    detail, cause);
	free(detail);
	if (r == KR_OK)
		r = store_draft_drop(x->k->st, x->c.id, cause);
	if (r == KR_OK) {
		officer_exec_change(x, x->en ? "you approved the outcome "
		    "letter of %s" : "u hebt de brief met de afhandeling van "
		    "%s goedgekeurd", d.author);
		r = officer_close_send(x, d.judgement, d.text, NULL, cause);
	}
	if (r == KR_OK)
		log_info("case=%s outcome letter by %s approved by %s",
		    x->c.ref, d.author, x->o->id);
out:
	draft_row_free(&d);
	return r;
}

/*
 * #reject: the draft is dropped and its writer gets it back with the
 * reason (template approval-rejected); the case goes on as it was, and
 * nothing reaches the complainant.
 */
enum kres
officer_do_reject(struct officer_exec *x, const struct cmd *cmd,
    char **cause)
{
	const struct cfg_officer	*author;
	struct draft_row		 d;
	char				*who;
	enum kres			 r;

	if (draft_for_approver(x, &d, &r, cause) == -1)
		return r;
	if ((r = store_draft_drop(x->k->st, x->c.id, cause)) != KR_OK ||
	    (r = store_event_add(x->k->st, x->c.id, x->now, x->o->id,
	    "approval-rejected", cmd->text, cause)) != KR_OK)
		goto out;
	who = officer_words(x->k->cfg, x->o->id);
	struct tmpl_var vars[] = {
		{ "approver", who },
		{ "judgement", case_judgement_label(d.judgement, x->lang) },
		{ "reason", cmd->text },
		{ "text", d.text },
	};
	if ((author = cfg_officer_by_id(x->k->cfg, d.author)) != NULL)
		r = officer_queue(x->k, x->key, &x->c, author,
		    "approval-rejected", "approval-rejected", NULL, NULL, vars,
		    sizeof vars / sizeof vars[0], x->now, cause);
	free(who);
	if (r == KR_OK) {
		log_info("case=%s outcome letter by %s rejected by %s",
		    x->c.ref, d.author, x->o->id);
		officer_exec_change(x, x->en ? "the outcome letter went back "
		    "to %s with your reason; nothing was sent to the "
		    "complainant" : "de brief met de afhandeling is met uw "
		    "reden terug naar %s; de klager heeft niets gekregen",
		    d.author);
	}
out:
	draft_row_free(&d);
	return r;
}
