/*
 * outmail.c -- from template to queued message.
 *
 * All automatic and officer-triggered mail goes through here, so every
 * message gets the same guarantees: reference in the subject and the
 * Message-ID, threading headers, our loop header, and a row in the outbox
 * committed together with the change that caused it.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "calendar.h"
#include "casestate.h"
#include "lang.h"
#include "lettertext.h"
#include "log.h"
#include "mail.h"
#include "outmail.h"
#include "outpost.h"
#include "quote.h"
#include "terms.h"

#define OMBUDSMAN_NL	"de Nationale ombudsman (www.nationaleombudsman.nl)"
#define OMBUDSMAN_EN	"the National Ombudsman (www.nationaleombudsman.nl)"

/* The per-language organisation strings (klachtd.conf(5)): the "_en"
 * setting for English letters, else the Dutch one -- except that the
 * built-in Dutch name of the Nationale ombudsman never goes into an
 * English letter. */
static const char *
org_ombudsman(const struct cfg *cfg, int en)
{
	if (!en)
		return cfg->ombudsman ? cfg->ombudsman : "";
	if (cfg->ombudsman_en != NULL)
		return cfg->ombudsman_en;
	if (cfg->ombudsman == NULL || strcmp(cfg->ombudsman, OMBUDSMAN_NL) ==
	    0)
		return OMBUDSMAN_EN;
	return cfg->ombudsman;
}

enum kres
outmail_queue(struct klacht *k, const struct outmail *o, int64_t now,
    int64_t *id, char **cause)
{
	const struct case_row	*c = o->c;
	const char		*lang;
	struct tmpl_var		*vars;
	struct tmpl_out		 t;
	struct mail_out		 mo;
	size_t			 n = 0, i, len;
	int64_t			 rowid = 0;
	char			*received = NULL, *due = NULL, *msgid, *raw;
	char			*subject, *refs = NULL, *why = NULL, *term;
	char			*qsubject = NULL, *qname = NULL, *to_name;
	char			*qabout = NULL;
	char			*salutation = NULL;
	char			*phone = NULL, *postal = NULL, *nl;
	const struct cfg	*cfg = k->cfg;
	const struct cfg_officer *h = NULL;
	int			 en, pending;
	enum case_state		 st;
	enum kres		 r;

	lang = o->lang ? o->lang : c && c->language ? c->language :
	    k->cfg->language;
	en = lang_is_en(lang);
	vars = xcalloc(32 + o->nvars, sizeof *vars);
	/* The caller's first: the first of a name wins (template.c), so
	 * a caller may override a standard one (officer_exec.c do_reply). */
	for (i = 0; i < o->nvars; i++)
		vars[n++] = o->vars[i];
	vars[n++] = (struct tmpl_var){ "organisation", k->cfg->org_name };
	vars[n++] = (struct tmpl_var){ "address", k->cfg->org_address };
	/* The case's term: its category's when that has one (issue 14:
	 * an acknowledgement in a committee category quotes 10 weeks). */
	term = cal_duration_words(terms_for(k->cfg, c ? c->category :
	    NULL)->decide, lang);
	vars[n++] = (struct tmpl_var){ "term", term };
	vars[n++] = (struct tmpl_var){ "org_phone", cfg->org_phone ?
	    cfg->org_phone : "" };
	vars[n++] = (struct tmpl_var){ "signature", en && cfg->signature_en ?
	    cfg->signature_en : cfg->signature ? cfg->signature :
	    cfg->org_name };
	vars[n++] = (struct tmpl_var){ "ombudsman", org_ombudsman(cfg, en) };
	vars[n++] = (struct tmpl_var){ "disputes_body", en &&
	    cfg->disputes_body_en ? cfg->disputes_body_en :
	    cfg->disputes_body ? cfg->disputes_body : "" };
	if (c != NULL) {
		received = cal_format_date(c->received_at, lang);
		due = cal_format_date(c->due_at, lang);
		/* The complainant's subject and name are a stranger's
		 * words: quoted short and without links (quote.h), and
		 * the subject without Re:/FW: and our tags. */
		qsubject = letter_subject(c->subject);
		/* #omschrijving: the complaint in our own words, which
		 * letters name instead of the subject (issue 16). */
		qabout = c->summary != NULL && *c->summary != '\0' ?
		    quote_clean(c->summary, OUTMAIL_SUMMARY_MAX) : NULL;
		qname = quote_clean(c->complainant_name, QUOTE_NAME_MAX);
		salutation = letter_salutation(c->complainant_name, lang);
		/* The named contact: the assignee, else the desk. */
		h = c->assignee ? cfg_officer_by_id(cfg, c->assignee) : NULL;
		vars[n++] = (struct tmpl_var){ "salutation", salutation };
		vars[n++] = (struct tmpl_var){ "about", qabout ? qabout :
		    qsubject };
		vars[n++] = (struct tmpl_var){ "handler_person", h ? "1" : "" };
		vars[n++] = (struct tmpl_var){ "handler_name", h ? h->name :
		    en && cfg->org_desk_en ? cfg->org_desk_en : !en &&
		    cfg->org_desk ? cfg->org_desk : en ? "the complaints desk" :
		    "het klachtenbureau" };
		vars[n++] = (struct tmpl_var){ "handler_title", h && h->title ?
		    h->title : "" };
		vars[n++] = (struct tmpl_var){ "handler_phone", h && h->phone ?
		    h->phone : cfg->org_phone ? cfg->org_phone : "" };
		/* Once the due date has passed no letter may promise it. */
		st = case_state_parse(c->status);
		pending = st == CS_NEW || st == CS_ACKNOWLEDGED ||
		    st == CS_IN_PROGRESS || st == CS_WAITING;
		vars[n++] = (struct tmpl_var){ "due_passed", pending &&
		    now > c->due_at ? "1" : "" };
		vars[n++] = (struct tmpl_var){ "due_ahead", pending &&
		    now > c->due_at ? "" : "1" };
		/* A decided or closed case has no term left to show. */
		vars[n++] = (struct tmpl_var){ "pending", pending ? "1" : "" };
		vars[n++] = (struct tmpl_var){ "finished", pending ? "" : "1" };
		vars[n++] = (struct tmpl_var){ "reference", c->ref };
		vars[n++] = (struct tmpl_var){ "name", qname && *qname ?
		    qname : c->complainant_email };
		vars[n++] = (struct tmpl_var){ "email", c->complainant_email };
		vars[n++] = (struct tmpl_var){ "subject", qsubject &&
		    *qsubject ? qsubject : "-" };
		vars[n++] = (struct tmpl_var){ "received_date", received };
		vars[n++] = (struct tmpl_var){ "due_date", due };
		vars[n++] = (struct tmpl_var){ "status", case_state_label(
		    case_state_parse(c->status), lang) };
		/* Who handles a complaint by phone must be able to call. */
		if (o->contact && (r = store_case_postal_get(k->st, c->id,
		    &postal, &phone, cause)) != KR_OK) {
			free(vars);
			free(received);
			free(due);
			free(term);
			free(qsubject);
			free(qabout);
			free(qname);
			free(salutation);
			return r;
		}
		if (postal != NULL && strchr(postal, '\n') != NULL) {
			/* One line, as #new takes it: "street; town". */
			struct buf	 b;
			const char	*line = postal;

			buf_init(&b);
			while ((nl = strchr(line, '\n')) != NULL) {
				buf_printf(&b, "%.*s; ", (int)(nl - line),
				    line);
				line = nl + 1;
			}
			buf_printf(&b, "%s", line);
			free(postal);
			postal = buf_detach(&b, NULL);
		}
	}
	vars[n++] = (struct tmpl_var){ "phone", phone ? phone : "" };
	vars[n++] = (struct tmpl_var){ "postal", postal ? postal : "" };
	r = tmpl_render_file(k->cfg->templates, lang, o->template, vars, n,
	    &t, &why) == -1 ? KR_TEMP : KR_OK;
	free(qsubject);
	free(qabout);
	free(qname);
	free(salutation);
	free(phone);
	free(postal);
	if (r != KR_OK) {
		set_cause(cause, "%s", why);
		free(why);
		free(vars);
		free(received);
		free(due);
		free(term);
		/* A broken template is fixed by the admin: retry later. */
		return KR_TEMP;
	}
	free(vars);
	free(received);
	free(due);
	free(term);

	if (c != NULL && strstr(t.subject, c->ref) == NULL)
		subject = xasprintf("%s [%s]", t.subject, c->ref);
	else
		subject = xstrdup(t.subject);
	if (o->preview != NULL) {
		*o->preview = xasprintf("Subject: %s\n\n%s", subject, t.body);
		free(subject);
		tmpl_out_free(&t);
		return KR_OK;
	}
	/* A complainant without email gets the letter on paper. */
	if (outpost_needed(c, o->to_addr)) {
		struct outpost	p = { c, o->kind, lang, subject, t.body };

		r = outpost_queue(k, &p, now, id, cause);
		free(subject);
		tmpl_out_free(&t);
		return r;
	}
	msgid = mail_new_message_id(c ? c->ref : NULL, o->kind,
	    klacht_domain(k));
	if (o->in_reply_to != NULL)
		refs = xasprintf("%s%s<%s>", o->references ? o->references : "",
		    o->references ? " " : "", o->in_reply_to);
	else if (o->references != NULL)
		refs = xstrdup(o->references);

	memset(&mo, 0, sizeof mo);
	mo.from_name = k->cfg->org_name;
	mo.from_addr = k->cfg->org_address;
	mo.to_name = to_name = quote_clean(o->to_name, QUOTE_NAME_MAX);
	mo.to_addr = o->to_addr;
	mo.reply_to = o->reply_to;
	mo.subject = subject;
	mo.body = t.body;
	mo.message_id = msgid;
	mo.in_reply_to = o->in_reply_to;
	mo.references = refs;
	mo.loop_value = k->cfg->org_address;
	mo.case_ref = c ? c->ref : NULL;
	mo.auto_submitted = o->auto_submitted;
	mo.date = now;
	mo.files = o->files;
	mo.nfiles = o->nfiles;
	raw = mail_compose(&mo, &len);

	r = store_outbox_add(k->st, c ? c->id : 0, o->kind,
	    k->cfg->org_address, o->to_addr, msgid, subject, raw, len, now,
	    &rowid, cause);
	/*
	 * An address that does not parse strictly is never sent to: a
	 * lenient MTA may make a fragment of it that is someone else.  The
	 * letter is kept, marked failed, so it shows in `klachtctl outbox`.
	 */
	if (r == KR_OK && !mail_addr_valid(o->to_addr)) {
		r = store_outbox_failed(k->st, rowid, "the recipient address "
		    "does not parse as one address; not sent", 1, 0, cause);
		if (r == KR_OK)
			log_warn("case=%s %s to %s not sent: the address does "
			    "not parse as one address", c ? c->ref : "-",
			    o->kind, o->to_addr);
	} else if (r == KR_OK)
		log_info("case=%s queued %s to %s msgid=<%s>",
		    c ? c->ref : "-", o->kind, o->to_addr, msgid);
	/* Letters to the complainant are what `klachtctl letter` prints. */
	if (r == KR_OK && c != NULL && c->complainant_email != NULL &&
	    strcasecmp(o->to_addr, c->complainant_email) == 0)
		r = store_outbox_letter_set(k->st, rowid, "mail", cause);
	if (id != NULL)
		*id = rowid;
	free(raw);
	free(refs);
	free(to_name);
	free(msgid);
	free(subject);
	tmpl_out_free(&t);
	return r;
}
