/*
 * officer_new.c -- #nieuw / #new: an officer registers, from the mailbox,
 * a complaint made by phone, at the counter, by letter or by web form
 * (issue 14).  It is a desk command: the mail is about no case yet.
 *
 *	#nieuw telefoon
 *	naam: Piet Puk
 *	adres: Kerkstraat 1; 1234 AB Testdorp
 *	telefoon: 06 1234 5678
 *	ontvangen: 2026-12-01
 *
 *	De lantaarnpaal voor ons huis is al weken kapot.
 *
 * The first word is the channel; then "key: value" lines (Dutch or English
 * keys) up to the first line that is none; the rest is the complaint as
 * written down.  The files of the mail go with it.  case_register
 * (register.h) does the rest, as `klachtctl new` does: the case, its term
 * from the date of receipt, the acknowledgement by mail or on paper, the
 * officers' notification.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "calendar.h"
#include "log.h"
#include "officer_exec.h"
#include "officer_new.h"
#include "register.h"

/* The keys of the header lines, and which field of g each fills. */
enum new_key { NK_NAME, NK_EMAIL, NK_ADDRESS, NK_PHONE, NK_RECEIVED,
	NK_CATEGORY, NK_SUBJECT, NK_LANGUAGE, NK_COUNT };
static const struct {
	const char	*word;
	enum new_key	 key;
} new_keys[] = {
	{ "naam", NK_NAME }, { "name", NK_NAME },
	{ "email", NK_EMAIL }, { "e-mail", NK_EMAIL }, { "mail", NK_EMAIL },
	{ "adres", NK_ADDRESS }, { "address", NK_ADDRESS },
	{ "telefoon", NK_PHONE }, { "phone", NK_PHONE },
	{ "ontvangen", NK_RECEIVED }, { "received", NK_RECEIVED },
	{ "categorie", NK_CATEGORY }, { "category", NK_CATEGORY },
	{ "onderwerp", NK_SUBJECT }, { "subject", NK_SUBJECT },
	{ "taal", NK_LANGUAGE }, { "language", NK_LANGUAGE },
};

/* The key of a "key: value" line, or -1; *value points after the colon. */
static int
header_key(const char *line, size_t len, const char **value)
{
	const char	*colon = memchr(line, ':', len);
	size_t		 klen, i;

	if (colon == NULL)
		return -1;
	klen = (size_t)(colon - line);
	while (klen > 0 && isspace((unsigned char)line[klen - 1]))
		klen--;
	for (i = 0; i < sizeof new_keys / sizeof new_keys[0]; i++)
		if (strlen(new_keys[i].word) == klen &&
		    strncasecmp(line, new_keys[i].word, klen) == 0) {
			*value = colon + 1;
			return (int)new_keys[i].key;
		}
	return -1;
}

/* A copy of s[0..len) without blanks at either end. */
static char *
trimmed(const char *s, size_t len)
{
	while (len > 0 && isspace((unsigned char)*s)) {
		s++;
		len--;
	}
	while (len > 0 && isspace((unsigned char)s[len - 1]))
		len--;
	return xstrndup(s, len);
}

enum kres
officer_do_new(struct officer_exec *x, const struct cmd *cmd, char **cause)
{
	struct registration	 g;
	struct reg_file		*files = NULL;
	char			*f[NK_COUNT] = { NULL }, *channel, *ref = NULL;
	char			*why = NULL, *due, *how;
	const char		*p = cmd->text, *nl, *value, *body;
	size_t			 len, i, n = 0;
	int64_t			 id = 0, received = 0;
	int			 k;
	enum kres		 r;

	/* The channel: the first word. */
	while (*p == ' ' || *p == '\t')
		p++;
	len = strcspn(p, " \t\n");
	channel = xstrndup(p, len);
	p += len;
	p += strcspn(p, "\n");
	if (*p == '\n')
		p++;
	/* The header lines, up to the first line that is none. */
	while (*p != '\0') {
		nl = strchr(p, '\n');
		len = nl ? (size_t)(nl - p) : strlen(p);
		if ((k = header_key(p, len, &value)) < 0)
			break;
		free(f[k]);
		f[k] = trimmed(value, (size_t)(p + len - value));
		p += len + (nl != NULL);
	}
	/* A blank line between the header lines and the text is usual. */
	while (*p == '\n' || ((*p == ' ' || *p == '\t') &&
	    p[strspn(p, " \t")] == '\n'))
		p += strspn(p, " \t") + 1;
	body = p;
	if (f[NK_RECEIVED] != NULL && *f[NK_RECEIVED] != '\0' &&
	    cal_parse_day(f[NK_RECEIVED], NULL, &received) == -1) {
		r = officer_exec_fail(x, x->en ? "\"received: %s\" is no date "
		    "(write it as 2026-12-01)" : "\"ontvangen: %s\" is geen "
		    "datum (schrijf die als 2026-12-01)", f[NK_RECEIVED]);
		goto out;
	}
	/* The files of this mail, as they were stored. */
	files = xcalloc(x->m->nattachments + 1, sizeof *files);
	for (i = 0; i < x->m->nattachments; i++) {
		const struct mail_attachment *a = &x->m->attachments[i];

		if (a->data == NULL || a->forwarded)
			continue;
		files[n].name = a->filename;
		files[n].type = a->content_type;
		files[n].data = a->data;
		files[n].len = a->size;
		n++;
	}
	memset(&g, 0, sizeof g);
	g.channel = channel;
	g.name = f[NK_NAME];
	g.email = f[NK_EMAIL];
	g.address = f[NK_ADDRESS];
	g.phone = f[NK_PHONE];
	g.received_at = received;
	g.category = f[NK_CATEGORY];
	g.subject = f[NK_SUBJECT];
	g.language = f[NK_LANGUAGE];
	g.text = body;
	g.files = files;
	g.nfiles = n;
	g.actor = x->o->id;
	r = case_register(x->k, &g, x->now, &id, &ref, &why);
	if (r == KR_INVALID) {
		r = officer_exec_fail(x, "%s", why ? why : "?");
		goto out;
	}
	if (r != KR_OK) {
		set_cause(cause, "%s", why ? why : "?");
		goto out;
	}
	due = NULL;
	{
		struct case_row c;

		if (store_case_get(x->k->st, id, &c, NULL) == KR_OK) {
			due = cal_format_date(c.due_at, x->lang);
			case_row_free(&c);
		}
	}
	if (g.email != NULL && *g.email != '\0')
		how = xstrdup(x->en ? "goes by mail" : "gaat per mail");
	else if (x->k->cfg->print_address != NULL)
		how = xstrdup(x->en ? "goes by post" : "gaat per post");
	else	/* outpost.c keeps it as failed mail: say so, not "sent" */
		how = xasprintf(x->en ? "must go by post, but no post room "
		    "is set (outgoing.print): the administrator prints it "
		    "with `klachtctl letter %s`" : "moet per post, maar er is "
		    "geen postkamer ingesteld (outgoing.print): de beheerder "
		    "drukt hem af met `klachtctl letter %s`", ref);
	officer_exec_change(x, x->en ? "complaint %s registered (%s), due "
	    "by %s; the acknowledgement %s" : "klacht %s geregistreerd "
	    "(%s), afhandelen uiterlijk op %s; de ontvangstbevestiging %s",
	    ref, channel_label(channel_id(channel_parse(channel)), x->lang),
	    due ? due : "?", how);
	free(how);
	log_info("case=%s registered by officer %s (%s)", ref, x->o->id,
	    channel);
	free(due);
out:
	for (k = 0; k < NK_COUNT; k++)
		free(f[k]);
	free(files);
	free(channel);
	free(ref);
	free(why);
	return r;
}
