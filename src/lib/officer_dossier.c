/*
 * officer_dossier.c -- #dossier / #file: the case file to the officer
 * who asks (officer_dossier.h).
 *
 * The handler needs nothing but the case it is to show, so it runs the
 * same from a reply about that case, from a reply about another case
 * ("#dossier KL-2026-00007") and from desk mail about no case.  Reading
 * a case is checked here, against the case shown -- not the one the
 * mail was about -- by the rule that keeps a confidential category's
 * content with its own officers (dossier_may_read).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dossier.h"
#include "log.h"
#include "mail.h"
#include "officer.h"
#include "officer_dossier.h"
#include "officer_exec.h"
#include "outmail.h"

/* Queues the case file d of c to the asking officer. */
static enum kres
send_file(struct officer_exec *x, const struct case_row *c,
    const struct dossier *d, char **cause)
{
	struct mail_file	*files;
	struct outmail		 om;
	char			*reply_to, *html_name, *count;
	size_t			 i, n = 0;
	enum kres		 r;

	files = xcalloc(d->nfiles + 1, sizeof *files);
	html_name = xasprintf("dossier-%s.html", c->ref);
	files[n++] = (struct mail_file){ html_name, "text/html; charset=utf-8",
	    d->html, strlen(d->html) };
	for (i = 0; i < d->nfiles; i++)
		if (d->files[i].data != NULL)
			files[n++] = (struct mail_file){ d->files[i].filename,
			    d->files[i].content_type, d->files[i].data,
			    d->files[i].len };
	count = xasprintf("%zu", d->nfiles);
	struct tmpl_var vars[] = {
		{ "officer_name", x->o->name },
		{ "officer_id", x->o->id },
		{ "dossier", d->text },
		{ "attachment_count", count },
	};
	reply_to = officer_reply_address(x->k->cfg, x->key, c->ref, x->o->id,
	    x->now);
	memset(&om, 0, sizeof om);
	om.kind = "dossier";
	om.template = "dossier";
	om.lang = x->lang;
	om.to_addr = x->o->email;
	om.to_name = x->o->name;
	om.reply_to = reply_to;
	om.in_reply_to = x->m != NULL ? x->m->message_id : NULL;
	om.references = x->m != NULL ? x->m->refs_raw : NULL;
	om.auto_submitted = MAIL_AUTO_REPLIED;
	om.c = c;
	om.vars = vars;
	om.nvars = sizeof vars / sizeof vars[0];
	om.files = files;
	om.nfiles = n;
	r = outmail_queue(x->k, &om, x->now, NULL, cause);
	free(reply_to);
	free(count);
	free(html_name);
	free(files);
	return r;
}

enum kres
officer_do_dossier(struct officer_exec *x, const struct cmd *cmd,
    char **cause)
{
	const struct cfg	*cfg = x->k->cfg;
	struct case_row		 other;
	const struct case_row	*c;
	struct dossier		 d;
	char			*detail;
	enum kres		 r;

	memset(&other, 0, sizeof other);
	if (*cmd->arg == '\0' || (x->c.id != 0 &&
	    strcasecmp(cmd->arg, x->c.ref) == 0)) {
		if (x->c.id == 0)
			return officer_exec_fail(x, x->en ? "name the case: "
			    "#file <reference>" : "noem de klacht: #dossier "
			    "<referentie>");
		c = &x->c;
	} else {
		r = store_case_get_ref(x->k->st, cmd->arg, &other, cause);
		if (r == KR_INVALID)
			return officer_exec_fail(x, x->en ? "there is no "
			    "case %s" : "er is geen klacht %s", cmd->arg);
		if (r != KR_OK)
			return r;
		c = &other;
	}
	/* The refusal names nothing of the case: not even its category. */
	if (!dossier_may_read(cfg, x->o, c)) {
		log_notice("case=%s officer %s: case file refused: "
		    "confidential, not named for its category", c->ref,
		    x->o->id);
		r = officer_exec_fail(x, x->en ? "case %s is confidential: "
		    "only the officers named for it get its file" : "klacht "
		    "%s is vertrouwelijk: alleen de functionarissen die "
		    "ervoor zijn aangewezen krijgen het dossier", c->ref);
		case_row_free(&other);
		return r;
	}
	if ((r = dossier_build(x->k->st, cfg, c, x->lang, x->now,
	    cfg->dossier_attachments_total, &d, cause)) != KR_OK) {
		case_row_free(&other);
		return r;
	}
	if ((r = send_file(x, c, &d, cause)) == KR_OK) {
		/* Who got the content is part of the audit trail. */
		detail = xasprintf("case file sent to %s: %zu messages, %zu "
		    "events, %zu mails, %zu of %zu attachments attached",
		    x->o->id, d.nmessages, d.nevents, d.nletters,
		    d.nattached, d.nfiles);
		r = store_event_add(x->k->st, c->id, x->now, x->o->id,
		    "dossier", detail, cause);
		free(detail);
	}
	if (r == KR_OK) {
		log_info("case=%s officer %s: case file sent (%zu of %zu "
		    "attachments attached)", c->ref, x->o->id, d.nattached,
		    d.nfiles);
		officer_exec_change(x, x->en ? "the file of case %s was sent "
		    "to you in a separate mail" : "het dossier van klacht %s "
		    "is u in een aparte mail gestuurd", c->ref);
		if (d.nattached < d.nfiles)
			officer_exec_change(x, x->en ? "%zu of its %zu "
			    "attachments are attached; the others are listed "
			    "in it" : "%zu van de %zu bijlagen zijn "
			    "bijgevoegd; de andere staan erin vermeld",
			    d.nattached, d.nfiles);
	}
	dossier_free(&d);
	case_row_free(&other);
	return r;
}
