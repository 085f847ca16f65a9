/*
 * register.c -- a complaint made by phone, at the counter, by letter or
 * by web form becomes a case (register.h).
 *
 * It goes the way a complaint by mail goes in intake.c's open_case(),
 * inside the caller's transaction: the case, the complaint as its first
 * message (the text as written down; there are no raw mail bytes, so the
 * text is what is kept as raw), the acknowledgement and the officers'
 * notification.  Two things differ.  The term runs from the date of
 * receipt the registration gives, which may lie in the past (a letter
 * opened a day late).  And the complainant may have no email address:
 * then outmail_queue() hands every letter to outpost.c, which makes it a
 * PDF for the post room -- so a postal address is required when there is
 * no email address, else the acknowledgement could go nowhere.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "calendar.h"
#include "case.h"
#include "casestate.h"
#include "lang.h"
#include "log.h"
#include "mail.h"
#include "officer.h"
#include "outmail.h"
#include "register.h"
#include "terms.h"
#include "util.h"

static const struct {
	enum channel	 ch;
	const char	*id;
	const char	*en;
	const char	*words[5];	/* more words that name it */
} channels[] = {
	{ CH_EMAIL, "email", "email", { "e-mail", "mail", NULL } },
	{ CH_PHONE, "telefoon", "phone", { "phone", "telephone", "tel",
	    NULL } },
	{ CH_COUNTER, "balie", "counter", { "counter", "desk", NULL } },
	{ CH_LETTER, "brief", "letter", { "letter", "post", NULL } },
	{ CH_WEB, "webformulier", "web form", { "web", "webform", "form",
	    "web-form" } },
};
#define NCHANNELS	(sizeof channels / sizeof channels[0])

enum channel
channel_parse(const char *s)
{
	size_t	i, j;

	if (s == NULL)
		return CH_INVALID;
	for (i = 0; i < NCHANNELS; i++) {
		if (strcasecmp(s, channels[i].id) == 0)
			return channels[i].ch;
		for (j = 0; j < 5 && channels[i].words[j] != NULL; j++)
			if (strcasecmp(s, channels[i].words[j]) == 0)
				return channels[i].ch;
	}
	return CH_INVALID;
}

const char *
channel_id(enum channel ch)
{
	size_t	i;

	for (i = 0; i < NCHANNELS; i++)
		if (channels[i].ch == ch)
			return channels[i].id;
	return NULL;
}

const char *
channel_label(const char *id, const char *lang)
{
	int	en = lang_is_en(lang);
	size_t	i;

	if (id == NULL)
		return en ? "email" : "e-mail";
	for (i = 0; i < NCHANNELS; i++)
		if (strcmp(channels[i].id, id) == 0)
			return en ? channels[i].en : channels[i].ch ==
			    CH_EMAIL ? "e-mail" : channels[i].id;
	return id;
}

/* text's lines, trimmed, without empty ones, joined by LF ("" if
 * none): "Dorpsstraat 12; 1234 AB Testdorp" is two lines. */
static char *
address_lines(const char *text)
{
	struct buf	 b;
	char		*copy = xstrdup(text ? text : ""), *p = copy, *line;

	buf_init(&b);
	while ((line = strsep(&p, ";\n")) != NULL) {
		str_trim(line);
		if (*line != '\0')
			buf_printf(&b, "%s%s", b.len ? "\n" : "", line);
	}
	free(copy);
	return buf_detach(&b, NULL);
}

/* What is wrong with g, for the person who typed it; NULL when nothing
 * is.  *ch gets the channel. */
static char *
check(struct klacht *k, const struct registration *g, const char *postal,
    int64_t now, enum channel *ch)
{
	const char	*text = g->text ? g->text : "";

	*ch = channel_parse(g->channel);
	if (*ch == CH_INVALID)
		return xasprintf("unknown channel \"%s\": use telefoon "
		    "(phone), balie (counter), brief (letter) or webformulier "
		    "(web)", g->channel ? g->channel : "");
	if (*ch == CH_EMAIL)
		return xstrdup("a complaint by email comes in by mail to the "
		    "complaints address: register only complaints made by "
		    "phone, at the counter, by letter or by web form");
	if (text[strspn(text, " \t\r\n")] == '\0')
		return xstrdup("the complaint has no text: write down what "
		    "the complainant said or wrote");
	if (g->email != NULL && *g->email != '\0' &&
	    !mail_addr_valid(g->email))
		return xasprintf("\"%s\" is not an email address", g->email);
	if ((g->email == NULL || *g->email == '\0') && *postal == '\0')
		return xstrdup("neither an email address nor a postal address: "
		    "the acknowledgement must reach the complainant -- give "
		    "one of them");
	if (g->category != NULL && *g->category != '\0' &&
	    cfg_category_by_id(k->cfg, g->category) == NULL)
		return xasprintf("there is no category \"%s\"", g->category);
	/* The date of receipt is a day; a day later than today is a
	 * typing error, and would make the term run from the future. */
	if (g->received_at > now)
		return xstrdup("the date of receipt lies in the future");
	if (g->received_at < 0 || (g->received_at > 0 &&
	    now - g->received_at > 366 * CAL_DAY))
		return xstrdup("the date of receipt lies more than a year "
		    "back");
	return NULL;
}

/* The complaint's text and files as the case's first message. */
static enum kres
store_complaint(struct klacht *k, const struct registration *g,
    const struct case_row *c, const char *subject, int64_t received,
    char **cause)
{
	struct store_msg sm;
	char		*dedupe, sha[65];
	int64_t		 msg_id;
	size_t		 i;
	enum kres	 r;

	memset(&sm, 0, sizeof sm);
	/* One registration is one message: the reference is unique. */
	dedupe = xasprintf("reg:%s", c->ref);
	sm.case_id = c->id;
	sm.dedupe_key = dedupe;
	sm.kind = "complaint";
	sm.role = role_id(ROLE_COMPLAINANT);
	sm.source = c->channel;
	sm.source_id = g->actor;
	sm.from_addr = g->email && *g->email ? g->email : NULL;
	sm.from_name = g->name;
	sm.subject = subject;
	sm.body = g->text;
	sm.raw = g->text;
	sm.raw_len = strlen(g->text);
	sm.received_at = received;
	r = store_msg_add(k->st, &sm, &msg_id, cause);
	free(dedupe);
	for (i = 0; r == KR_OK && i < g->nfiles; i++) {
		const struct reg_file *f = &g->files[i];

		sha256_hex(f->data, f->len, sha);
		r = store_attachment_add(k->st, msg_id, c->id, f->name,
		    f->type ? f->type : "application/octet-stream", f->len,
		    sha, f->len <= k->cfg->max_attachment_size ? f->data :
		    NULL, cause);
	}
	return r;
}

/* The acknowledgement, by mail or on paper (outmail_queue decides). */
static enum kres
acknowledge(struct klacht *k, struct case_row *c, int64_t now,
    char **cause)
{
	struct outmail	om;
	enum kres	r;

	memset(&om, 0, sizeof om);
	om.kind = "ack";
	om.template = "ack";
	om.to_addr = c->complainant_email;
	om.to_name = c->complainant_name;
	om.auto_submitted = MAIL_AUTO_GENERATED;
	om.c = c;
	/* The files were handed in, not mailed: none was too large. */
	struct tmpl_var extra[] = { { "attachments_not_stored", "" } };
	om.vars = extra;
	om.nvars = 1;
	if ((r = outmail_queue(k, &om, now, NULL, cause)) != KR_OK)
		return r;
	return case_set_status(k->st, c, "system", CS_ACKNOWLEDGED, now,
	    cause);
}

/* The officers' notification, as for a complaint by mail: a struct mail
 * that holds what the registration has. */
static enum kres
notify(struct klacht *k, const struct registration *g,
    const struct case_row *c, const char *subject, int64_t now,
    char **cause)
{
	struct mail		 m;
	struct mail_attachment	*a;
	size_t			 i;
	enum kres		 r;

	memset(&m, 0, sizeof m);
	m.from_addr = (char *)(g->email && *g->email ? g->email : "");
	m.from_name = (char *)g->name;
	m.subject = (char *)subject;
	m.body = (char *)g->text;
	m.body_own_len = strlen(g->text);
	a = xcalloc(g->nfiles + 1, sizeof *a);
	for (i = 0; i < g->nfiles; i++) {
		a[i].filename = (char *)g->files[i].name;
		a[i].content_type = (char *)(g->files[i].type ?
		    g->files[i].type : "application/octet-stream");
		a[i].size = g->files[i].len;
	}
	m.attachments = a;
	m.nattachments = g->nfiles;
	r = officer_notify(k, &m, c->id, OFFICER_NEW_CASE, ROLE_COMPLAINANT,
	    now, cause);
	free(a);
	return r;
}

enum kres
case_register(struct klacht *k, const struct registration *g, int64_t now,
    int64_t *idp, char **refp, char **cause)
{
	const struct cfg_category *cat = NULL;
	struct case_new	 cn;
	struct case_row	 c;
	enum channel	 ch;
	int64_t		 id = 0, received;
	char		*postal, *why, *ref = NULL, *subject, *detail, *day;
	const char	*email = g->email && *g->email ? g->email : "";
	enum kres	 r;

	if (refp != NULL)
		*refp = NULL;
	postal = address_lines(g->address);
	if ((why = check(k, g, postal, now, &ch)) != NULL) {
		set_cause(cause, "%s", why);
		free(why);
		free(postal);
		return KR_INVALID;
	}
	received = g->received_at ? g->received_at : now;
	if (g->category != NULL && *g->category != '\0')
		cat = cfg_category_by_id(k->cfg, g->category);
	subject = g->subject && *g->subject ? xstrdup(g->subject) :
	    xasprintf(k->cfg->lang == LANG_EN ? "Complaint by %s" :
	    "Klacht per %s", channel_label(channel_id(ch),
	    k->cfg->language));

	memset(&cn, 0, sizeof cn);
	cn.prefix = k->cfg->ref_prefix;
	cn.year = cal_year(received);
	cn.status = case_state_id(CS_NEW);
	cn.complainant_email = email;
	cn.complainant_name = g->name && *g->name ? g->name : NULL;
	cn.subject = subject;
	cn.language = g->language ? (lang_is_en(g->language) ? "en" : "nl") :
	    k->cfg->language;
	cn.received_at = received;
	/* The term of the category it is registered in, from receipt. */
	cn.due_at = terms_due(terms_for(k->cfg, cat ? cat->id : NULL),
	    received);
	cn.channel = channel_id(ch);
	memset(&c, 0, sizeof c);
	if ((r = case_open(k->st, &cn, cn.channel, now, &id, &ref,
	    cause)) != KR_OK)
		goto out;
	day = cal_format_iso_date(received);
	detail = xasprintf("complaint by %s registered; received %s",
	    cn.channel, day);
	free(day);
	r = store_event_add(k->st, id, now, g->actor ? g->actor : "system",
	    "registered", detail, cause);
	free(detail);
	if (r != KR_OK)
		goto out;
	if ((*postal != '\0' || (g->phone != NULL && *g->phone != '\0')) &&
	    (r = store_case_postal_set(k->st, id, *postal ? postal : NULL,
	    g->phone && *g->phone ? g->phone : NULL, now, cause)) != KR_OK)
		goto out;
	if ((r = store_case_get(k->st, id, &c, cause)) != KR_OK)
		goto out;
	if (cat != NULL && (r = case_set_category(k->st, &c, g->actor ?
	    g->actor : "system", cat->id, cat->confidential, now,
	    cause)) != KR_OK)
		goto out;
	if ((r = store_complaint(k, g, &c, subject, received, cause)) !=
	    KR_OK ||
	    (r = acknowledge(k, &c, now, cause)) != KR_OK ||
	    (r = notify(k, g, &c, subject, now, cause)) != KR_OK)
		goto out;
	log_notice("case=%s complaint by %s registered by %s", c.ref,
	    cn.channel, g->actor ? g->actor : "system");
	if (idp != NULL)
		*idp = id;
	if (refp != NULL) {
		*refp = ref;
		ref = NULL;
	}
out:
	case_row_free(&c);
	free(ref);
	free(subject);
	free(postal);
	return r;
}
