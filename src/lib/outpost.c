/*
 * outpost.c -- letters on paper for complainants without email.
 *
 * A complaint taken by phone, at the counter or by letter may have no
 * email address, only a postal one.  Every letter to such a complainant
 * still goes through outmail_queue(), which renders it from its template
 * as for email and then hands it here: it becomes an A4 PDF
 * (letterpdf.c) mailed to the post room (outgoing.print) with a short
 * cover text saying to whom to post it.  The outbox row, its mark as a
 * letter sent by post and the case's event commit together with the
 * change that caused the letter.  When it cannot go, the row is kept
 * failed with the PDF inside, so nothing is lost.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "letterpdf.h"
#include "log.h"
#include "mail.h"
#include "outpost.h"
#include "store.h"
#include "template.h"

int
outpost_needed(const struct case_row *c, const char *to_addr)
{
	return c != NULL && (c->complainant_email == NULL ||
	    *c->complainant_email == '\0') && (to_addr == NULL ||
	    *to_addr == '\0');
}

/* The PDF of p's letter; without the logo when that cannot be read (a
 * letter is never held back for its letterhead). */
static int
make_pdf(struct klacht *k, const struct outpost *p, const char *address,
    const char *date, char **pdf, size_t *len, int *pages, char **cause)
{
	const struct cfg	*cfg = k->cfg;
	struct letter		 l;
	char			*why = NULL;

	memset(&l, 0, sizeof l);
	l.lang = p->lang;
	l.org_name = cfg->org_name;
	l.org_postal = (const char *const *)cfg->org_postal;
	l.norg_postal = cfg->norg_postal;
	l.org_email = cfg->org_address;
	l.logo = cfg->org_logo;
	l.to_name = p->c->complainant_name;
	l.to_address = address;
	l.reference = p->c->ref;
	l.date = date;
	l.subject = p->subject;
	l.body = p->body;
	if (letter_pdf(&l, pdf, len, pages, &why) == 0)
		return 0;
	if (l.logo == NULL) {
		set_cause(cause, "%s", why);
		free(why);
		return -1;
	}
	log_warn("case=%s %s; the letter is made without the logo",
	    p->c->ref, why);
	free(why);
	l.logo = NULL;
	return letter_pdf(&l, pdf, len, pages, cause);
}

enum kres
outpost_queue(struct klacht *k, const struct outpost *p, int64_t now,
    int64_t *id, char **cause)
{
	const struct cfg	*cfg = k->cfg;
	const struct case_row	*c = p->c;
	struct tmpl_out		 t;
	struct mail_out		 mo;
	struct tmpl_var		 vars[9];
	size_t			 n = 0, len, pdf_len = 0;
	int64_t			 rowid = 0;
	int			 pages = 0;
	char			*address = NULL, *phone = NULL, *date, *pdf;
	char			*why = NULL, *npages, *msgid, *raw, *fname;
	char			*subject, *detail, *reason = NULL;
	enum kres		 r;

	if ((r = store_case_postal_get(k->st, c->id, &address, &phone,
	    cause)) != KR_OK)
		return r;
	free(phone);
	date = cal_format_date(now, p->lang);
	if (make_pdf(k, p, address, date, &pdf, &pdf_len, &pages, &why) ==
	    -1) {
		/* cairo out of memory or the like: try again later. */
		set_cause(cause, "case %s: %s", c->ref, why);
		free(why);
		free(address);
		free(date);
		return KR_TEMP;
	}

	npages = xasprintf("%d", pages);
	vars[n++] = (struct tmpl_var){ "reference", c->ref };
	vars[n++] = (struct tmpl_var){ "name", c->complainant_name &&
	    *c->complainant_name ? c->complainant_name : "-" };
	vars[n++] = (struct tmpl_var){ "postal_address", address &&
	    *address ? address : "-" };
	vars[n++] = (struct tmpl_var){ "pages", npages };
	vars[n++] = (struct tmpl_var){ "letter_subject", p->subject };
	vars[n++] = (struct tmpl_var){ "letter_date", date };
	vars[n++] = (struct tmpl_var){ "organisation", cfg->org_name };
	if (tmpl_render_file(cfg->templates, cfg->language, "print", vars, n,
	    &t, &why) == -1) {
		set_cause(cause, "%s", why);
		free(why);
		free(npages);
		free(pdf);
		free(address);
		free(date);
		/* A broken template is fixed by the admin: retry later. */
		return KR_TEMP;
	}
	free(npages);

	if (address == NULL || *address == '\0')
		reason = xstrdup("the complainant has neither an email address "
		    "nor a postal address: record one and retry");
	else if (cfg->print_address == NULL)
		reason = xasprintf("the complainant has no email address and "
		    "outgoing.print (the post room) is not set: print it "
		    "with `klachtctl letter %s` and post it", c->ref);

	subject = strstr(t.subject, c->ref) != NULL ? xstrdup(t.subject) :
	    xasprintf("%s [%s]", t.subject, c->ref);
	msgid = mail_new_message_id(c->ref, p->kind, klacht_domain(k));
	fname = xasprintf("%s-%s.pdf", c->ref, p->kind);
	memset(&mo, 0, sizeof mo);
	mo.from_name = cfg->org_name;
	mo.from_addr = cfg->org_address;
	mo.to_addr = cfg->print_address ? cfg->print_address : "";
	mo.subject = subject;
	mo.body = t.body;
	mo.message_id = msgid;
	mo.loop_value = cfg->org_address;
	mo.case_ref = c->ref;
	mo.date = now;
	mo.attach_name = fname;
	mo.attach_type = "application/pdf";
	mo.attach_data = pdf;
	mo.attach_len = pdf_len;
	raw = mail_compose(&mo, &len);

	r = store_outbox_add(k->st, c->id, p->kind, cfg->org_address,
	    mo.to_addr, msgid, subject, raw, len, now, &rowid, cause);
	if (r == KR_OK)
		r = store_outbox_letter_set(k->st, rowid, "post", cause);
	if (r == KR_OK && reason != NULL)
		r = store_outbox_failed(k->st, rowid, reason, 1, 0, cause);
	if (reason != NULL)
		detail = xasprintf("letter %s not sent by post: %s (outbox %lld)",
		    p->kind, reason, (long long)rowid);
	else
		detail = xasprintf("letter %s sent by post: PDF (%d %s) to the "
		    "post room %s (outbox %lld)", p->kind, pages, pages == 1 ?
		    "page" : "pages", cfg->print_address, (long long)rowid);
	if (r == KR_OK)
		r = store_event_add(k->st, c->id, now, "system", "post", detail,
		    cause);
	if (r == KR_OK && reason != NULL)
		log_warn("case=%s %s not sent: %s", c->ref, p->kind, reason);
	else if (r == KR_OK)
		log_info("case=%s queued %s by post to %s msgid=<%s>", c->ref,
		    p->kind, cfg->print_address, msgid);
	if (id != NULL)
		*id = rowid;
	free(detail);
	free(reason);
	free(raw);
	free(fname);
	free(msgid);
	free(subject);
	free(pdf);
	free(address);
	free(date);
	tmpl_out_free(&t);
	return r;
}
