/*
 * dossier.c -- the case file: one case's messages, events and outgoing
 * mail in time order, as text and as a self-contained HTML page, with
 * its attachments (see dossier.h).
 *
 * Everything is gathered first into a list of entries (one per message,
 * event or outgoing mail), sorted by time -- ties keep the order
 * messages, events, mail, each in the order stored, which is the order
 * things happened inside one transaction -- and then written twice, once
 * as text and once as HTML.  The HTML escapes every value and carries
 * its CSS inline, with no script, image or link to anything outside
 * itself, so it opens the same anywhere and loads nothing.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "calendar.h"
#include "casestate.h"
#include "dossier.h"
#include "lang.h"
#include "mail.h"
#include "officer.h"
#include "quotecut.h"
#include "store_class.h"

enum entry_type { E_MESSAGE, E_EVENT, E_LETTER };

struct entry {
	enum entry_type	 type;
	size_t		 seq;		/* order of gathering */
	int64_t		 at;
	char		*head;		/* "Bericht (klacht) van ..." */
	char		*meta;		/* subject, attachments; may be NULL */
	char		*body;		/* may be NULL */
};

struct gather {
	struct store		*st;
	const struct cfg	*cfg;
	const char		*ref;
	int			 en;
	struct entry		*v;
	size_t			 n;
	struct dossier		*d;
	size_t			 total;		/* bytes attached so far */
	size_t			 cap;
	int64_t			*file_msg;	/* message of d->files[i] */
};

static struct entry *
entry_new(struct gather *g, enum entry_type type, int64_t at)
{
	struct entry	*e;

	g->v = xreallocarray(g->v, g->n + 1, sizeof *g->v);
	e = &g->v[g->n];
	memset(e, 0, sizeof *e);
	e->type = type;
	e->seq = g->n++;
	e->at = at;
	return e;
}

/* "2026-03-01 10:15" in local time. */
static char *
when(int64_t t)
{
	char	*iso = cal_format_iso(t), *s;

	s = xstrndup(iso, 16);
	if (strlen(s) > 10)
		s[10] = ' ';
	free(iso);
	return s;
}

/*
 * s with every reply token of ours blanked: "klachten+<token>@" becomes
 * "klachten+...@".  A token is a key to act as its officer; quoted text
 * in an officer's mail may hold one, and the file may go to another
 * officer.  Caller frees.
 */
#define UNTOKEN_MAX	256

static char *
untoken(const struct cfg *cfg, const char *s)
{
	const char	*at = strchr(cfg->org_address, '@'), *p, *q;
	struct buf	 b;
	size_t		 llen;

	if (s == NULL)
		return NULL;
	if (at == NULL)
		return xstrdup(s);
	llen = (size_t)(at - cfg->org_address);
	buf_init(&b);
	for (p = s; *p != '\0'; ) {
		if (strncasecmp(p, cfg->org_address, llen) == 0 &&
		    p[llen] == '+') {
			/* Tokens are short: a bounded look, so that text
			 * made of "klachten+" over and over stays linear. */
			for (q = p + llen + 1; *q != '\0' && *q != '@' &&
			    *q != '>' && *q != ' ' && *q != '\n' &&
			    q - p < UNTOKEN_MAX; q++)
				;
			if (*q == '@' && q > p + llen + 1) {
				buf_add(&b, p, llen + 1);
				buf_adds(&b, "...");
				p = q;
				continue;
			}
		}
		buf_addc(&b, *p++);
	}
	return buf_detach(&b, NULL);
}

static const char *
msg_kind_label(const char *kind, int en)
{
	static const struct {
		const char *kind, *nl, *en;
	} t[] = {
		{ "complaint", "klacht", "complaint" },
		{ "reply", "reactie", "reply" },
		{ "officer", "functionaris", "officer" },
		{ "unauthenticated", "niet bevestigd afzender-adres van een "
		  "functionaris", "officer's address, not proved" },
		{ "auto", "automatisch antwoord", "automatic reply" },
		{ "bounce", "onbestelbaar-melding", "bounce" },
	};
	size_t	i;

	for (i = 0; i < sizeof t / sizeof t[0]; i++)
		if (kind != NULL && strcmp(kind, t[i].kind) == 0)
			return en ? t[i].en : t[i].nl;
	return kind ? kind : "?";
}

/* ------------------------------------------------------ gathering */

static int
msg_cb(const struct msg_row *m, void *p)
{
	struct gather	*g = p;
	struct entry	*e = entry_new(g, E_MESSAGE, m->received_at);
	struct buf	 b, nums;
	char		*list;
	size_t		 i;

	e->head = xasprintf(g->en ? "Message (%s) from %s" :
	    "Bericht (%s) van %s", msg_kind_label(m->kind, g->en),
	    m->from_addr ? m->from_addr : "?");
	buf_init(&b);
	buf_printf(&b, g->en ? "Subject: %s\n" : "Onderwerp: %s\n",
	    m->subject ? m->subject : "");
	/* Its attachments by number (read before the messages). */
	buf_init(&nums);
	for (i = 0; i < g->d->nfiles; i++)
		if (g->file_msg[i] == m->id)
			buf_printf(&nums, "%s%d", nums.len ? ", " : "",
			    g->d->files[i].n);
	list = buf_detach(&nums, NULL);
	if (*list != '\0')
		buf_printf(&b, g->en ? "Attachments: %s\n" : "Bijlagen: %s\n",
		    list);
	free(list);
	e->meta = buf_detach(&b, NULL);
	/* A reply that quotes our own mail about the case: that mail is in
	 * the file already (quotecut.h). */
	list = quote_own_left_out(m->body, g->ref, g->en);
	e->body = untoken(g->cfg, list);
	free(list);
	return 0;
}

static int
event_cb(const struct event_row *ev, void *p)
{
	struct gather	*g = p;
	struct entry	*e = entry_new(g, E_EVENT, ev->at);

	e->head = xasprintf(g->en ? "Event: %s, by %s" :
	    "Gebeurtenis: %s, door %s", ev->kind ? ev->kind : "?",
	    ev->actor ? ev->actor : "?");
	if (ev->detail != NULL && *ev->detail != '\0')
		e->body = untoken(g->cfg, ev->detail);
	return 0;
}

static int
letter_cb(const struct outbox_row *o, void *p)
{
	struct gather		*g = p;
	struct entry		*e = entry_new(g, E_LETTER, o->created_at);
	struct mail_limits	 lim;
	struct mail		*m;
	char			*why = NULL;

	e->head = xasprintf(g->en ? "Mail sent (%s) to %s: %s" :
	    "Verstuurde mail (%s) aan %s: %s", o->kind ? o->kind : "?",
	    o->rcpt && *o->rcpt ? o->rcpt : (g->en ? "(by post)" :
	    "(per post)"), o->status ? o->status : "?");
	e->meta = xasprintf(g->en ? "Subject: %s\n" : "Onderwerp: %s\n",
	    o->subject ? o->subject : "");
	/* Mail to an officer is only named: it repeats what the file
	 * holds, an earlier case file above all, and an answer such as
	 * token-expired carries that officer's own reply address. */
	if (o->rcpt != NULL && cfg_officer_by_email(g->cfg, o->rcpt) != NULL)
		return 0;
	memset(&lim, 0, sizeof lim);
	lim.max_size = o->raw_len + 1;
	lim.max_attachment = 1;	/* the text is wanted, not the files */
	lim.max_depth = 20;
	lim.max_headers = 1000;
	if (o->raw == NULL || (m = mail_parse(o->raw, o->raw_len, &lim,
	    &why)) == NULL) {
		e->body = xstrdup(g->en ? "(the text cannot be read)" :
		    "(de tekst is niet te lezen)");
		free(why);
		return 0;
	}
	e->body = untoken(g->cfg, m->body ? m->body : "");
	mail_free(m);
	return 0;
}

static int
file_cb(const struct attachment_row *a, void *p)
{
	struct gather		*g = p;
	struct dossier		*d = g->d;
	struct dossier_file	*f;

	d->files = xreallocarray(d->files, d->nfiles + 1, sizeof *d->files);
	g->file_msg = xreallocarray(g->file_msg, d->nfiles + 1,
	    sizeof *g->file_msg);
	g->file_msg[d->nfiles] = a->msg_id;
	f = &d->files[d->nfiles++];
	memset(f, 0, sizeof *f);
	f->n = a->n;
	f->filename = xstrdup(a->filename ? a->filename : "attachment");
	f->content_type = xstrdup(a->content_type ? a->content_type :
	    "application/octet-stream");
	f->size = a->size;
	snprintf(f->sha256, sizeof f->sha256, "%s", a->sha256 ? a->sha256 :
	    "");
	/* Attached in order while the total allows; a file that does not
	 * fit is listed, and a smaller one after it may still go. */
	if (a->data != NULL && a->len <= g->cap - g->total) {
		f->data = xmalloc(a->len ? a->len : 1);
		memcpy(f->data, a->data, a->len);
		f->len = a->len;
		g->total += a->len;
		d->nattached++;
	}
	return 0;
}

static int
entry_cmp(const void *a, const void *b)
{
	const struct entry	*x = a, *y = b;

	if (x->at != y->at)
		return x->at < y->at ? -1 : 1;
	if (x->type != y->type)
		return x->type < y->type ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* ------------------------------------------------------ writing */

/* Text for the reader: controls other than LF and TAB dropped. */
static void
text_add(struct buf *b, const char *s)
{
	for (; s != NULL && *s != '\0'; s++)
		if ((unsigned char)*s >= 0x20 || *s == '\n' || *s == '\t')
			buf_addc(b, *s);
}

static void
esc(struct buf *b, const char *s)
{
	for (; s != NULL && *s != '\0'; s++)
		switch (*s) {
		case '&':	buf_adds(b, "&amp;"); break;
		case '<':	buf_adds(b, "&lt;"); break;
		case '>':	buf_adds(b, "&gt;"); break;
		case '"':	buf_adds(b, "&quot;"); break;
		case '\'':	buf_adds(b, "&#39;"); break;
		default:
			if ((unsigned char)*s >= 0x20 || *s == '\n' ||
			    *s == '\t')
				buf_addc(b, *s);
		}
}

/* The facts of the case, label and value, for both forms. */
struct fact {
	const char	*label;
	char		*value;
};

/* "a, b, c" of the labels; NULL for none. */
static char *
label_list(const struct case_class *cc)
{
	struct buf	b;
	size_t		i;

	if (cc->nlabels == 0)
		return NULL;
	buf_init(&b);
	for (i = 0; i < cc->nlabels; i++)
		buf_printf(&b, "%s%s", i ? ", " : "", cc->labels[i]);
	return buf_detach(&b, NULL);
}

static size_t
facts(const struct cfg *cfg, const struct case_row *c,
    const struct case_class *cc, int en, const char *lang, int64_t now,
    struct fact *f)
{
	const struct cfg_department *dep;
	size_t	 n = 0;
	int	 conf = officer_case_confidential(cfg, c);
	char	*due;

	f[n++] = (struct fact){ en ? "Reference" : "Referentie",
	    xstrdup(c->ref) };
	f[n++] = (struct fact){ en ? "Subject" : "Onderwerp",
	    xstrdup(c->subject ? c->subject : "") };
	f[n++] = (struct fact){ en ? "Complainant" : "Klager",
	    xasprintf("%s%s%s%s", c->complainant_name ?
	    c->complainant_name : "", c->complainant_name ? " <" : "",
	    c->complainant_email ? c->complainant_email : "",
	    c->complainant_name ? ">" : "") };
	f[n++] = (struct fact){ en ? "Status" : "Status",
	    xstrdup(case_state_label(case_state_parse(c->status), lang)) };
	f[n++] = (struct fact){ en ? "Category" : "Categorie",
	    xasprintf("%s%s", c->category ? c->category : "-", conf ?
	    (en ? " (confidential)" : " (vertrouwelijk)") : "") };
	/* Classification for learning (issue 15): what is set. */
	if (cc->department != NULL) {
		dep = cfg_department_by_id(cfg, cc->department);
		f[n++] = (struct fact){ en ? "Department" : "Afdeling",
		    xstrdup(dep ? dep->name : cc->department) };
	}
	if (cc->cause != NULL)
		f[n++] = (struct fact){ en ? "Cause" : "Oorzaak",
		    xstrdup(cc->cause) };
	if (cc->nlabels > 0)
		f[n++] = (struct fact){ en ? "Labels" : "Labels",
		    label_list(cc) };
	f[n++] = (struct fact){ en ? "Priority" : "Prioriteit",
	    xstrdup(c->priority ? c->priority : "-") };
	f[n++] = (struct fact){ en ? "Assigned to" : "Toegewezen aan",
	    xstrdup(c->assignee ? c->assignee : "-") };
	f[n++] = (struct fact){ en ? "Received" : "Ontvangen", when(
	    c->received_at) };
	due = cal_format_date(c->due_at, lang);
	f[n++] = (struct fact){ en ? "Due" : "Uiterlijk", c->extended ?
	    xasprintf(en ? "%s (extended)" : "%s (verlengd)", due) :
	    xstrdup(due) };
	free(due);
	if (c->judgement != NULL && *c->judgement != '\0')
		f[n++] = (struct fact){ en ? "Judgement" : "Oordeel",
		    xstrdup(case_judgement_label(c->judgement, lang)) };
	if (c->closed_at)
		f[n++] = (struct fact){ en ? "Closed" : "Gesloten",
		    when(c->closed_at) };
	f[n++] = (struct fact){ en ? "File made" : "Dossier gemaakt",
	    when(now) };
	return n;
}

static void
write_text(struct buf *b, const struct gather *g, const struct fact *f,
    size_t nf, const struct dossier *d, const char *ref)
{
	size_t	 i;
	char	*t, *size, *name;
	int	 en = g->en;

	buf_printf(b, en ? "CASE FILE %s\n\n" : "DOSSIER %s\n\n", ref);
	for (i = 0; i < nf; i++) {
		buf_printf(b, "%-16s ", f[i].label);
		text_add(b, f[i].value);
		buf_addc(b, '\n');
	}
	buf_printf(b, en ? "\nHISTORY (%zu messages, %zu events, %zu mails "
	    "sent)\n" : "\nVERLOOP (%zu berichten, %zu gebeurtenissen, %zu "
	    "verstuurde mails)\n", d->nmessages, d->nevents, d->nletters);
	for (i = 0; i < g->n; i++) {
		const struct entry *e = &g->v[i];

		t = when(e->at);
		/* A message or a mail stands out; an event is one line. */
		buf_printf(b, "\n%s %s  ", e->type == E_EVENT ? "-" :
		    "=====", t);
		free(t);
		text_add(b, e->head);
		buf_addc(b, '\n');
		if (e->meta != NULL)
			text_add(b, e->meta);
		if (e->body != NULL && *e->body != '\0') {
			if (e->type != E_EVENT)
				buf_addc(b, '\n');
			text_add(b, e->body);
			buf_addc(b, '\n');
		}
	}
	buf_adds(b, en ? "\nATTACHMENTS\n" : "\nBIJLAGEN\n");
	if (d->nfiles == 0)
		buf_adds(b, en ? "(none)\n" : "(geen)\n");
	for (i = 0; i < d->nfiles; i++) {
		const struct dossier_file *fl = &d->files[i];

		size = officer_size_words(fl->size);
		name = officer_display_name(fl->filename);
		buf_printf(b, "%d. %s (%s, %s)\n   SHA-256 %s\n   ", fl->n,
		    name, fl->content_type, size, fl->sha256);
		if (fl->data != NULL)
			buf_adds(b, en ? "attached to this mail\n" :
			    "bijgevoegd bij deze mail\n");
		else
			buf_printf(b, en ? "not attached (over the total); "
			    "ask IT: klachtctl attachment %s %d > file\n" :
			    "niet bijgevoegd (boven het totaal); vraag de "
			    "beheerder: klachtctl attachment %s %d > bestand\n",
			    ref, fl->n);
		free(size);
		free(name);
	}
}

static const char css[] =
	"body{font-family:sans-serif;margin:2em auto;max-width:52em;"
	"color:#222;background:#fff;line-height:1.4}"
	"h1{font-size:1.5em;border-bottom:2px solid #246}"
	"h2{font-size:1.2em;margin-top:2em;color:#246}"
	"table.facts td{padding:.1em .8em .1em 0;vertical-align:top}"
	"table.facts td:first-child{font-weight:bold}"
	".entry{border-left:4px solid #999;margin:1em 0;padding:.3em .8em}"
	".message{border-color:#246;background:#f3f6fa}"
	".letter{border-color:#4a4;background:#f4faf3}"
	".event{border-color:#bbb;padding:.1em .8em}"
	".when{color:#555;font-size:.9em}"
	".head{font-weight:bold}"
	"pre{white-space:pre-wrap;word-wrap:break-word;font-family:inherit;"
	"margin:.4em 0}"
	"table.files{border-collapse:collapse}"
	"table.files td,table.files th{border:1px solid #ccc;padding:.2em .5em;"
	"text-align:left}"
	"code{font-size:.8em;word-break:break-all}";

static void
write_html(struct buf *b, const struct gather *g, const struct fact *f,
    size_t nf, const struct dossier *d, const char *ref)
{
	size_t	 i;
	char	*t, *size;
	int	 en = g->en;

	buf_printf(b, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n<title>", en ? "en" : "nl");
	buf_adds(b, en ? "Case file " : "Dossier ");
	esc(b, ref);
	buf_printf(b, "</title>\n<style>%s</style>\n</head>\n<body>\n<h1>",
	    css);
	buf_adds(b, en ? "Case file " : "Dossier ");
	esc(b, ref);
	buf_adds(b, "</h1>\n<table class=\"facts\">\n");
	for (i = 0; i < nf; i++) {
		buf_adds(b, "<tr><td>");
		esc(b, f[i].label);
		buf_adds(b, "</td><td>");
		esc(b, f[i].value);
		buf_adds(b, "</td></tr>\n");
	}
	buf_printf(b, en ? "</table>\n<h2>History (%zu messages, %zu events, "
	    "%zu mails sent)</h2>\n" : "</table>\n<h2>Verloop (%zu berichten, "
	    "%zu gebeurtenissen, %zu verstuurde mails)</h2>\n", d->nmessages,
	    d->nevents, d->nletters);
	for (i = 0; i < g->n; i++) {
		const struct entry *e = &g->v[i];

		t = when(e->at);
		buf_printf(b, "<div class=\"entry %s\"><span class=\"when\">",
		    e->type == E_MESSAGE ? "message" : e->type == E_EVENT ?
		    "event" : "letter");
		esc(b, t);
		free(t);
		buf_adds(b, "</span> <span class=\"head\">");
		esc(b, e->head);
		buf_adds(b, "</span>");
		if (e->meta != NULL) {
			buf_adds(b, "<pre class=\"meta\">");
			esc(b, e->meta);
			buf_adds(b, "</pre>");
		}
		if (e->body != NULL && *e->body != '\0') {
			buf_adds(b, "<pre>");
			esc(b, e->body);
			buf_adds(b, "</pre>");
		}
		buf_adds(b, "</div>\n");
	}
	buf_printf(b, "<h2>%s</h2>\n", en ? "Attachments" : "Bijlagen");
	if (d->nfiles == 0) {
		buf_printf(b, "<p>%s</p>\n", en ? "(none)" : "(geen)");
	} else {
		buf_printf(b, "<table class=\"files\">\n<tr><th>#</th><th>%s"
		    "</th><th>%s</th><th>%s</th><th>SHA-256</th><th>%s</th>"
		    "</tr>\n", en ? "Name" : "Naam", en ? "Type" : "Soort",
		    en ? "Size" : "Grootte", en ? "In this mail" :
		    "In deze mail");
	}
	for (i = 0; i < d->nfiles; i++) {
		const struct dossier_file *fl = &d->files[i];
		char *how;

		size = officer_size_words(fl->size);
		buf_printf(b, "<tr><td>%d</td><td>", fl->n);
		esc(b, fl->filename);
		buf_adds(b, "</td><td>");
		esc(b, fl->content_type);
		buf_adds(b, "</td><td>");
		esc(b, size);
		buf_adds(b, "</td><td><code>");
		esc(b, fl->sha256);
		buf_adds(b, "</code></td><td>");
		how = fl->data != NULL ? xstrdup(en ? "attached" :
		    "bijgevoegd") : xasprintf(en ? "no: klachtctl attachment "
		    "%s %d" : "nee: klachtctl attachment %s %d", ref, fl->n);
		esc(b, how);
		free(how);
		buf_adds(b, "</td></tr>\n");
		free(size);
	}
	if (d->nfiles > 0)
		buf_adds(b, "</table>\n");
	buf_adds(b, "</body>\n</html>\n");
}

enum kres
dossier_build(struct store *st, const struct cfg *cfg,
    const struct case_row *c, const char *lang, int64_t now,
    size_t attach_total, struct dossier *d, char **cause)
{
	struct gather	 g;
	struct fact	 f[20];
	struct case_class cc;
	struct buf	 b;
	size_t		 nf, i;
	enum kres	 r;

	memset(d, 0, sizeof *d);
	memset(&g, 0, sizeof g);
	g.st = st;
	g.cfg = cfg;
	g.ref = c->ref;
	g.en = lang_is_en(lang);
	g.d = d;
	g.cap = attach_total;

	if ((r = store_attachment_case_foreach(st, c->id, 1, file_cb, &g,
	    cause)) != KR_OK ||
	    (r = store_msg_foreach(st, c->id, msg_cb, &g, cause)) != KR_OK)
		goto fail;
	d->nmessages = g.n;
	if ((r = store_event_foreach(st, c->id, event_cb, &g, cause)) !=
	    KR_OK)
		goto fail;
	d->nevents = g.n - d->nmessages;
	if ((r = store_outbox_case_raw(st, c->id, letter_cb, &g, cause)) !=
	    KR_OK)
		goto fail;
	d->nletters = g.n - d->nmessages - d->nevents;
	qsort(g.v, g.n, sizeof *g.v, entry_cmp);

	if ((r = store_class_get(st, c->id, &cc, cause)) != KR_OK)
		goto fail;
	nf = facts(cfg, c, &cc, g.en, g.en ? "en" : "nl", now, f);
	case_class_free(&cc);
	buf_init(&b);
	write_text(&b, &g, f, nf, d, c->ref);
	d->text = buf_detach(&b, NULL);
	buf_init(&b);
	write_html(&b, &g, f, nf, d, c->ref);
	d->html = buf_detach(&b, NULL);
	for (i = 0; i < nf; i++)
		free(f[i].value);
	r = KR_OK;
fail:
	for (i = 0; i < g.n; i++) {
		free(g.v[i].head);
		free(g.v[i].meta);
		free(g.v[i].body);
	}
	free(g.v);
	free(g.file_msg);
	if (r != KR_OK)
		dossier_free(d);
	return r;
}

void
dossier_free(struct dossier *d)
{
	size_t	i;

	for (i = 0; i < d->nfiles; i++) {
		free(d->files[i].filename);
		free(d->files[i].content_type);
		free(d->files[i].data);
	}
	free(d->files);
	free(d->text);
	free(d->html);
	memset(d, 0, sizeof *d);
}

int
dossier_may_read(const struct cfg *cfg, const struct cfg_officer *o,
    const struct case_row *c)
{
	return !officer_case_confidential(cfg, c) ||
	    officer_serves(o, c->category);
}
