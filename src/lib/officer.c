/*
 * officer.c -- the reply-token key, who serves a case, and notifications
 * to officers (see officer.h).
 *
 * A notification carries the whole complaint (or reply) text, because the
 * officer must be able to handle the case from the mail alone.  That is
 * why who gets it is decided in one place (officer_serves) and recorded
 * as an event on the case: for a confidential category the audit trail
 * shows exactly who was sent its content.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "absence.h"
#include "calendar.h"
#include "casestate.h"
#include "flood.h"
#include "lang.h"
#include "lettertext.h"
#include "log.h"
#include "mail.h"
#include "officer.h"
#include "officer_files.h"
#include "outmail.h"
#include "quotecut.h"
#include "redirect.h"
#include "secret.h"
#include "token.h"

/* ------------------------------------------------------------------ key */

/* The key file itself is read (or made) by secret.c; these keep the
 * officer_key interface its callers use. */

int
officer_key_load(const struct cfg *cfg, int create, struct officer_key *key,
    char **cause)
{
	return secret_key_read(cfg->auth_secret_file, create, TOKEN_KEY_MIN,
	    &key->data, &key->len, cause);
}

void
officer_key_free(struct officer_key *key)
{
	secret_wipe_free(key->data, key->len);
	key->data = NULL;
	key->len = 0;
}

int
officer_key_check(const struct cfg *cfg, char **cause)
{
	return secret_key_check(cfg->auth_secret_file, cfg->state_dir,
	    TOKEN_KEY_MIN, cause);
}

/* ------------------------------------------------------------- who is who */

int
officer_serves(const struct cfg_officer *o, const char *category)
{
	char	**p;

	if (category == NULL || *category == '\0' || o->categories == NULL ||
	    o->categories[0] == NULL)
		return 1;
	for (p = o->categories; *p != NULL; p++)
		if (strcmp(*p, category) == 0)
			return 1;
	return 0;
}

/* Whether any officer is a triage officer (officers[].triage). */
static int
have_triage(const struct cfg *cfg)
{
	size_t	i;

	for (i = 0; i < cfg->nofficers; i++)
		if (cfg->officers[i].triage)
			return 1;
	return 0;
}

int
officer_routes(const struct cfg *cfg, const struct cfg_officer *o,
    const char *category)
{
	/* Nobody has sorted an uncategorised complaint yet: with triage
	 * officers configured, only they see it (issue 14) -- a harassment
	 * complaint is not broadcast before it can be made confidential. */
	if ((category == NULL || *category == '\0') && have_triage(cfg))
		return o->triage;
	return officer_serves(o, category);
}

int
officer_case_confidential(const struct cfg *cfg, const struct case_row *c)
{
	const struct cfg_category *cat;

	if (c->confidential)
		return 1;
	cat = c->category ? cfg_category_by_id(cfg, c->category) : NULL;
	return cat != NULL && cat->confidential;
}

char *
officer_reply_address(const struct cfg *cfg, const struct officer_key *key,
    const char *ref, const char *officer_id, int64_t now)
{
	const char	*at = strrchr(cfg->org_address, '@');
	char		*tok, *addr;

	if (at == NULL)
		return NULL;
	tok = token_make(key->data, key->len, ref, officer_id,
	    now < 0 ? 0 : now / CAL_DAY);
	if (tok == NULL)
		return NULL;
	addr = xasprintf("%.*s+%s%s", (int)(at - cfg->org_address),
	    cfg->org_address, tok, at);
	free(tok);
	return addr;
}

char *
officer_personal_address(const struct cfg *cfg, const struct officer_key *key,
    const char *officer_id, int64_t now)
{
	return officer_reply_address(cfg, key, TOKEN_DESK_REF, officer_id,
	    now);
}

char *
officer_rcpt_token(const struct cfg *cfg, const char *rcpt)
{
	const char	*ours = strrchr(cfg->org_address, '@');
	const char	*theirs = strrchr(rcpt, '@');

	if (ours == NULL || theirs == NULL || strcasecmp(ours, theirs) != 0)
		return NULL;
	return token_from_address(rcpt, cfg->org_address);
}

enum kres
officer_case_by_token(struct klacht *k, const struct mail *m,
    int64_t *case_id, char **cause)
{
	const struct officer_key *key;
	struct case_row		 c;
	char			*tok, *ref, *oid, *why = NULL;
	size_t			 i;
	enum kres		 r = KR_OK;

	*case_id = 0;
	for (i = 0; i < m->nrcpts && *case_id == 0; i++) {
		if ((tok = officer_rcpt_token(k->cfg, m->rcpts[i])) == NULL)
			continue;
		if (klacht_key(k, &key, cause) == -1) {
			free(tok);
			return KR_TEMP;
		}
		/* An expired token still names its case: the mail is filed
		 * there; whether it may run anything is officer_auth's. */
		if (token_parse(key->data, key->len, tok, &ref, &oid, NULL,
		    NULL) == 0) {
			r = store_case_get_ref(k->st, ref, &c, &why);
			if (r == KR_OK) {
				*case_id = c.id;
				case_row_free(&c);
			} else if (r == KR_INVALID) {
				free(why);
				why = NULL;
				r = KR_OK;
			} else {
				set_cause(cause, "%s", why);
				free(why);
			}
			free(ref);
			free(oid);
		}
		free(tok);
		if (r != KR_OK)
			break;
	}
	return r;
}

/* ------------------------------------------------------------ mail out */

char *
officer_size_words(int64_t n)
{
	if (n < 1024)
		return xasprintf("%lld bytes", (long long)n);
	if (n < 1024 * 1024)
		return xasprintf("%lld KB", (long long)((n + 1023) / 1024));
	return xasprintf("%lld.%lld MB", (long long)(n / (1024 * 1024)),
	    (long long)(n % (1024 * 1024) * 10 / (1024 * 1024)));
}

/* Whether code point u reorders or hides text: bidi embeddings,
 * overrides, isolates and marks, and zero-width characters. */
static int
is_format_char(unsigned long u)
{
	return u == 0x061c || (u >= 0x200b && u <= 0x200f) ||
	    (u >= 0x202a && u <= 0x202e) || (u >= 0x2060 && u <= 0x2069) ||
	    u == 0xfeff;
}

char *
officer_display_name(const char *s)
{
	const unsigned char	*p = (const unsigned char *)(s ? s : "?");
	struct buf		 b;
	unsigned long		 u;
	size_t			 len, i;

	buf_init(&b);
	while (*p != '\0') {
		if (*p < 0x80) {
			if (*p < 0x20 || *p == 0x7f)
				buf_printf(&b, "<U+%04X>", *p);
			else
				buf_addc(&b, (char)*p);
			p++;
			continue;
		}
		/* One UTF-8 sequence; anything malformed is one '?'. */
		len = *p >= 0xf0 && *p < 0xf5 ? 4 : *p >= 0xe0 ? 3 :
		    *p >= 0xc2 && *p < 0xe0 ? 2 : 0;
		if (len == 0 || *p >= 0xf5) {
			buf_addc(&b, '?');
			p++;
			continue;
		}
		u = *p & (0x7f >> len);
		for (i = 1; i < len && (p[i] & 0xc0) == 0x80; i++)
			u = u << 6 | (p[i] & 0x3f);
		if (i < len || (len == 3 && u < 0x800) ||
		    (len == 4 && (u < 0x10000 || u > 0x10ffff)) ||
		    (u >= 0xd800 && u <= 0xdfff)) {
			buf_addc(&b, '?');
			p++;
			continue;
		}
		if ((u >= 0x80 && u <= 0x9f) || is_format_char(u))
			buf_printf(&b, "<U+%04lX>", u);
		else
			buf_add(&b, p, len);
		p += len;
	}
	return buf_detach(&b, NULL);
}

char *
officer_attachment_lines(const struct mail_attachment *a, size_t n,
    const char *lang)
{
	struct buf	 b;
	char		*size, *name, *type;
	size_t		 i;

	if (n == 0)
		return xstrdup(lang_is_en(lang) ?
		    "(none)" : "(geen)");
	buf_init(&b);
	for (i = 0; i < n; i++) {
		size = officer_size_words((int64_t)a[i].size);
		name = officer_display_name(a[i].filename);
		type = officer_display_name(a[i].content_type ?
		    a[i].content_type : "application/octet-stream");
		buf_printf(&b, "%s- %s (%s, %s)%s", i ? "\n" : "", name, type,
		    size, a[i].data == NULL ? (lang_is_en(lang) ?
		    " -- too large, not stored" : " -- te groot, niet bewaard") :
		    "");
		free(size);
		free(name);
		free(type);
	}
	return buf_detach(&b, NULL);
}

enum kres
officer_queue(struct klacht *k, const struct officer_key *key,
    const struct case_row *c, const struct cfg_officer *o, const char *kind,
    const char *tmpl, const char *in_reply_to, const char *references,
    const struct tmpl_var *vars, size_t nvars, int64_t now, char **cause)
{
	return officer_queue_files(k, key, c, o, kind, tmpl, in_reply_to,
	    references, vars, nvars, NULL, 0, now, cause);
}

enum kres
officer_queue_files(struct klacht *k, const struct officer_key *key,
    const struct case_row *c, const struct cfg_officer *o, const char *kind,
    const char *tmpl, const char *in_reply_to, const char *references,
    const struct tmpl_var *vars, size_t nvars, const struct mail_file *files,
    size_t nfiles, int64_t now, char **cause)
{
	struct outmail	 om;
	struct tmpl_var	*all;
	char		*reply_to;
	size_t		 i, n = 0;
	enum kres	 r;

	/* Mail about no case carries the officer's personal token. */
	reply_to = key == NULL ? NULL : c == NULL ?
	    officer_personal_address(k->cfg, key, o->id, now) :
	    officer_reply_address(k->cfg, key, c->ref, o->id, now);
	if (key != NULL && reply_to == NULL)
		log_warn("case=%s officer %s: no reply token can be made "
		    "(id too long?): mail goes without one", c ? c->ref : "-",
		    o->id);
	all = xcalloc(nvars + 2, sizeof *all);
	all[n++] = (struct tmpl_var){ "officer_name", o->name };
	all[n++] = (struct tmpl_var){ "officer_id", o->id };
	for (i = 0; i < nvars; i++)
		all[n++] = vars[i];
	memset(&om, 0, sizeof om);
	om.kind = kind;
	om.template = tmpl;
	om.lang = k->cfg->language;
	om.to_addr = o->email;
	om.to_name = o->name;
	om.reply_to = reply_to;
	om.in_reply_to = in_reply_to;
	om.references = references;
	/* RFC 3834: an answer to the officer's own mail is auto-replied;
	 * a notification nobody asked for is auto-generated. */
	om.auto_submitted = strcmp(kind, "confirm") == 0 ||
	    strcmp(kind, "cmd-error") == 0 || strcmp(kind, "refused") == 0 ||
	    strcmp(kind, "token-expired") == 0 ||
	    strncmp(kind, "desk-", 5) == 0 ? MAIL_AUTO_REPLIED :
	    MAIL_AUTO_GENERATED;
	om.c = c;
	om.vars = all;
	om.nvars = n;
	om.files = files;
	om.nfiles = nfiles;
	om.contact = 1;
	r = outmail_queue(k, &om, now, NULL, cause);
	free(all);
	free(reply_to);
	return r;
}

/*
 * The officers a notification about c goes to (rt->to, NULL-terminated):
 * the assignee of a reply, or whoever stands in for them while they are
 * away (rt->on_behalf says for whom); else the officers of the
 * category, leaving out those who are away (absence.h).
 */
static enum kres
recipients(struct klacht *k, const struct case_row *c,
    enum officer_notice what, int64_t now, struct absence_route *rt,
    char **cause)
{
	const struct cfg		*cfg = k->cfg;
	const struct cfg_officer	*a;
	size_t				 i;

	/* Replies (after the decision too) go to the assignee. */
	if (what != OFFICER_NEW_CASE && c->assignee != NULL &&
	    (a = cfg_officer_by_id(cfg, c->assignee)) != NULL)
		return absence_route(k, c, a, 0, now, rt, cause);
	memset(rt, 0, sizeof *rt);
	rt->to = xcalloc(cfg->nofficers + 1, sizeof *rt->to);
	rt->on_behalf = xstrdup("");
	for (i = 0; i < cfg->nofficers; i++)
		if (officer_routes(cfg, &cfg->officers[i], c->category))
			rt->to[rt->n++] = &cfg->officers[i];
	return absence_filter(k, rt->to, &rt->n, now, cause);
}

/*
 * The text a notification carries: the whole body up to max bytes, else
 * its start (cut at a line, or a character, boundary) and where the rest
 * is -- a 47 MB complaint must not become a 47 MB mail to each officer.
 */
static char *
excerpt(const char *body, size_t max, const char *ref, int en)
{
	size_t	 len, cut;
	const char *nl;

	if (body == NULL)
		return xstrdup("");
	if ((len = strlen(body)) <= max)
		return xstrdup(body);
	cut = max;
	while (cut > 0 && ((unsigned char)body[cut] & 0xc0) == 0x80)
		cut--;
	for (nl = body + cut; nl > body + cut / 2 && nl[-1] != '\n'; nl--)
		;
	if (nl > body + cut / 2)
		cut = (size_t)(nl - body);
	return xasprintf("%.*s\n\u2026(%s %zu/%zu bytes; %s: klachtctl show "
	    "%s / #dossier)", (int)cut, body, en ? "shortened," : "ingekort,",
	    cut, len, en ? "full text" : "volledige tekst", ref);
}

/*
 * The text of a mail as a notification shows it: a word when there is
 * none, else without a quote of our own mail about the case at its end
 * (the letter the complainant answered, which the officer has seen;
 * quotecut.h), then as excerpt().  The case keeps the whole mail.
 */
static char *
shown_text(const char *body, size_t max, const char *ref, int en)
{
	const char	*p;
	char		*own, *out;

	/* A photo with a subject only: say so, not an empty space. */
	for (p = body ? body : ""; *p == ' ' || *p == '\t' || *p == '\r' ||
	    *p == '\n'; p++)
		;
	if (*p == '\0')
		return xstrdup(en ? "(no text: see the subject and the "
		    "attachments)" : "(geen tekst: zie het onderwerp en de "
		    "bijlagen)");
	own = quote_own_left_out(body, ref, en);
	out = excerpt(own, max, ref, en);
	free(own);
	return out;
}

/*
 * Mail about case c to an officer involved in it (Awb 9:7): its
 * reference and why it says no more -- no content, no reply token.
 */
enum kres
officer_queue_involved(struct klacht *k, const struct case_row *c,
    const struct cfg_officer *o, const char *why, int refused, int64_t now,
    char **cause)
{
	struct case_row	v;
	struct tmpl_var	vars[] = {
		{ "reason", why },
		{ "refused", refused ? "1" : "" },
	};

	/* Only what identifies the case: as escalate.c's case_view. */
	v = *c;
	v.complainant_name = NULL;
	v.complainant_email = "";
	v.subject = NULL;
	v.category = NULL;
	v.assignee = NULL;
	v.first_msgid = NULL;
	return officer_queue(k, NULL, &v, o, refused ? "refused" : "involved",
	    "involved", NULL, NULL, vars, 2, now, cause);
}

/* "Name <addr>" of a sender, as an officer may be shown it; caller
 * frees. */
static char *
sender_words(const struct mail *m)
{
	char	*name, *addr, *s;

	addr = officer_display_name(m->from_addr);
	if (m->from_name == NULL || *m->from_name == '\0')
		return addr;
	name = officer_display_name(m->from_name);
	s = xasprintf("%s <%s>", name, addr);
	free(name);
	free(addr);
	return s;
}

/* The complainant's other undecided cases, for same_sender_hint(). */
struct same_sender {
	struct klacht	*k;
	const char	*lang;
	struct buf	 b;
	int		 n;
	char		*oldest;	/* the reference of the oldest
					   listed: likely the original */
};

static int
same_sender_cb(const struct case_row *c, void *arg)
{
	struct same_sender	*ss = arg;
	char			*rec, *subj;

	/* A confidential case is named only to its own officers. */
	if (officer_case_confidential(ss->k->cfg, c))
		return 0;
	if (ss->n == 3)
		return 1;
	rec = cal_format_date(c->received_at, ss->lang);
	subj = letter_subject(c->subject);
	buf_printf(&ss->b, "- %s, %s %s: \"%s\"\n", c->ref,
	    lang_is_en(ss->lang) ? "received" : "ontvangen", rec,
	    subj && *subj ? subj : "-");
	ss->n++;
	free(ss->oldest);
	ss->oldest = xstrdup(c->ref);
	free(rec);
	free(subj);
	return 0;
}

/*
 * A new case whose letters go in the other language than the officer's
 * mail: the officer's #reply and #close text goes into them as written,
 * so the officer is told which language to write, and how to change it;
 * "" when the languages agree (caller frees).
 */
static char *
letter_language_hint(const struct case_row *c, int en)
{
	if (lang_is_en(c->language) == en)
		return xstrdup("");
	return xstrdup(en ? "The complaint is written in Dutch, so the "
	    "letters to the complainant\ngo in Dutch: write your text for "
	    "#reply and #close in Dutch, or\nchoose English with "
	    "\"#language en\"." : "De klacht is in het Engels geschreven, "
	    "dus de brieven aan de klager\ngaan in het Engels: schrijf uw "
	    "tekst bij #antwoord en #sluit in het\nEngels, of kies "
	    "Nederlands met \"#taal nl\".");
}

/*
 * A new case from someone who has an undecided case already: often the
 * same complaint again ("I have heard nothing").  The officer is told,
 * with how to merge it; "" when there is none (caller frees).  A hint
 * only: when the store cannot say, the notification goes without it.
 */
static char *
same_sender_hint(struct klacht *k, const struct case_row *c,
    const char *lang)
{
	struct same_sender	ss;
	char			*out, *key, *why = NULL;
	int			en = lang_is_en(lang);

	if (c->complainant_email == NULL || *c->complainant_email == '\0')
		return xstrdup("");
	memset(&ss, 0, sizeof ss);
	ss.k = k;
	ss.lang = lang;
	buf_init(&ss.b);
	/* The same person with another +tag counts too (flood.h). */
	key = flood_sender_key(c->complainant_email);
	if (store_open_cases_of(k->st, c->complainant_email, key, c->id,
	    same_sender_cb, &ss, &why) != KR_OK || ss.n == 0) {
		free(key);
		if (why != NULL)
			log_warn("case=%s other open cases of the sender not "
			    "looked up: %s", c->ref, why);
		free(why);
		buf_free(&ss.b);
		free(ss.oldest);
		return xstrdup("");
	}
	out = xasprintf(en ? "Note: this sender has %s undecided:\n%sIs it "
	    "the same complaint? Then reply with \"#merge %s\"; another "
	    "one that belongs with it: \"#link %s\"." : "Let op: deze "
	    "afzender heeft %s:\n%sGaat het om dezelfde klacht? Antwoord dan "
	    "met \"#samenvoegen %s\"; een andere klacht die erbij hoort: "
	    "\"#koppel %s\".", ss.n == 1 ? (en ? "another complaint" :
	    "nog een open klacht") : (en ? "other complaints" : "nog open "
	    "klachten"), ss.b.data, ss.oldest, ss.oldest);
	free(key);
	buf_free(&ss.b);
	free(ss.oldest);
	return out;
}

enum kres
officer_notify(struct klacht *k, const struct mail *m, int64_t case_id,
    enum officer_notice what, enum role role, int64_t now, char **cause)
{
	const struct cfg_officer	**to = NULL;
	struct absence_route		  rt;
	const struct cfg_category	 *cat;
	const char			 *lang = k->cfg->language;
	const char			 *kind = what == OFFICER_NEW_CASE ?
					    "notify" : what == OFFICER_REPLY ||
					    what == OFFICER_FORMAL_REQUEST ?
					    "notify-reply" : "notify-after";
	int				  en = k->cfg->lang == LANG_EN;
	const struct officer_key	 *key;
	const struct mail_attachment	 *f;
	struct officer_files		  files;
	struct case_row			  c;
	struct buf			  who;
	char				 *atts = NULL, *catname = NULL;
	char				 *assignee = NULL, *text = NULL;
	char				 *sender, *decided, *why = NULL;
	char				 *same, *langhint;
	size_t				  i;
	enum kres			  r;

	if ((r = store_case_get(k->st, case_id, &c, cause)) != KR_OK)
		return r;
	if ((r = recipients(k, &c, what, now, &rt, cause)) != KR_OK) {
		case_row_free(&c);
		return r;
	}
	to = rt.to;
	if (to[0] == NULL) {
		log_notice("case=%s no officer to notify (%s)", c.ref,
		    k->cfg->nofficers == 0 ? "no officers configured" :
		    "no officer serves its category");
		absence_route_free(&rt);
		case_row_free(&c);
		return KR_OK;
	}
	if (klacht_key(k, &key, cause) == -1) {
		absence_route_free(&rt);
		case_row_free(&c);
		return KR_TEMP;
	}

	/* The files go to whoever gets the text: the recipients above. */
	officer_files_init(&files, k->cfg, c.ref, lang);
	for (i = 0; i < m->nattachments; i++) {
		f = &m->attachments[i];
		officer_files_add(&files, f->filename, f->content_type,
		    f->size, f->sha256, f->data, f->size);
	}
	atts = officer_files_lines(&files);
	if (m->nattachments_dropped > 0) {
		char *more = xasprintf(en ? "%s\n- and %zu more attachments, "
		    "not stored (they are in the raw message)" : "%s\n- en nog "
		    "%zu bijlagen, niet bewaard (ze staan in het originele "
		    "bericht)", atts, m->nattachments_dropped);

		free(atts);
		atts = more;
	}
	cat = c.category ? cfg_category_by_id(k->cfg, c.category) : NULL;
	catname = cat ? xasprintf("%s (%s)", cat->name, cat->id) :
	    xstrdup(c.category ? c.category : en ? "none yet" : "nog geen");
	if (c.assignee != NULL) {
		const struct cfg_officer *a = cfg_officer_by_id(k->cfg,
		    c.assignee);
		assignee = a ? xasprintf("%s (%s)", a->name, a->id) :
		    xstrdup(c.assignee);
	} else
		assignee = xstrdup(en ? "nobody yet" : "nog niemand");
	text = shown_text(m->body, k->cfg->notify_excerpt, c.ref, en);
	sender = sender_words(m);
	decided = c.decided_at ? cal_format_date(c.decided_at, lang) :
	    xstrdup("-");
	same = what == OFFICER_NEW_CASE ? same_sender_hint(k, &c, lang) :
	    xstrdup("");
	langhint = what == OFFICER_NEW_CASE ? letter_language_hint(&c, en) :
	    xstrdup("");
	struct tmpl_var vars[] = {
		{ "text", text },
		{ "attachments", atts },
		{ "category", catname },
		{ "assignee", assignee },
		{ "priority", c.priority ? c.priority : "normal" },
		{ "confidential", officer_case_confidential(k->cfg, &c) ?
		    (en ? "CONFIDENTIAL: do not forward this mail; only the "
		    "officers named for this category receive it." :
		    "VERTROUWELIJK: stuur deze mail niet door; alleen de "
		    "functionarissen van deze categorie ontvangen hem.") : "" },
		{ "from", m->from_addr },
		{ "on_behalf", rt.on_behalf },
		{ "who", role_who(role, lang) },
		{ "role", role_label(role_id(role), lang) },
		{ "from_who", sender },
		{ "after_decision", what == OFFICER_AFTER_DECISION ? "1" : "" },
		{ "formal_request", what == OFFICER_FORMAL_REQUEST ? "1" : "" },
		{ "judgement", c.judgement ? case_judgement_label(c.judgement,
		    lang) : "-" },
		{ "decided_date", decided },
		/* Issue 15: a bezwaar or Woo request sent to the klachten
		 * address; a hint only, the officer decides (#forward). */
		{ "same_sender", same },
		{ "letter_language", langhint },
		{ "looks_like", what == OFFICER_NEW_CASE ?
		    redirect_hint_line(redirect_detect(m->subject, m->body),
		    lang) : "" },
	};

	buf_init(&who);
	r = KR_OK;
	for (i = 0; to[i] != NULL && r == KR_OK; i++) {
		/* Awb 9:7: the officer the complaint is about gets the
		 * reference, never its content. */
		if ((r = role_involved(k, &c, to[i], lang, &why, cause)) !=
		    KR_OK)
			break;
		if (why != NULL)
			r = officer_queue_involved(k, &c, to[i], why, 0, now,
			    cause);
		else
			r = officer_queue_files(k, key, &c, to[i], kind,
			    what == OFFICER_NEW_CASE ? "notify" :
			    "notify-reply", NULL, NULL, vars,
			    sizeof vars / sizeof vars[0], files.v, files.n,
			    now, cause);
		buf_printf(&who, "%s%s%s", i ? ", " : "", to[i]->id, why ?
		    " (reference only: involved)" : "");
		free(why);
		why = NULL;
	}
	if (r == KR_OK) {
		char *detail = xasprintf("%s sent to %s%s%s%s", kind,
		    who.data, *rt.on_behalf ? " (standing in for " : "",
		    *rt.on_behalf ? c.assignee : "", *rt.on_behalf ?
		    ", who is away)" : "");

		r = store_event_add(k->st, c.id, now, "system", "notified",
		    detail, cause);
		free(detail);
		log_info("case=%s %s sent to officers %s%s%s", c.ref, kind,
		    who.data, *rt.on_behalf ? " standing in for " : "",
		    *rt.on_behalf ? c.assignee : "");
	}
	buf_free(&who);
	free(sender);
	free(decided);
	free(same);
	free(langhint);
	officer_files_free(&files);
	free(atts);
	free(text);
	free(catname);
	free(assignee);
	absence_route_free(&rt);
	case_row_free(&c);
	return r;
}
