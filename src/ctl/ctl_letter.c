/*
 * ctl_letter.c -- `klachtctl letter REF [N] > letter.pdf`.
 *
 * The letters of a case are the outbox rows marked as letters to its
 * complainant (store_letter_get), oldest first.  A letter that went by
 * post carries its PDF as sent: that very file is written.  A letter
 * that went by email is made into a PDF now from the stored message's
 * text, dated the day it was queued, with the complainant's postal
 * address (or, when none is recorded, their email address) in the
 * window.  `klachtctl address` (ctl_cases.c) records that postal address.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sysexits.h>
#include <unistd.h>

#include "calendar.h"
#include "ctl.h"
#include "ctl_letter.h"
#include "letterpdf.h"
#include "log.h"
#include "mail.h"
#include "store.h"
#include "util.h"

#define LETTER_MAX	(64 << 20)	/* one stored message, bytes */

struct found {
	char	*raw;
	size_t	 len;
	char	*how;
	int64_t	 created_at;
};

static int
found_cb(const struct letter_row *l, void *arg)
{
	struct found *f = arg;

	f->raw = xmalloc(l->raw_len + 1);
	if (l->raw_len > 0)
		memcpy(f->raw, l->raw, l->raw_len);
	f->raw[l->raw_len] = '\0';
	f->len = l->raw_len;
	f->how = xstrdup(l->how ? l->how : "mail");
	f->created_at = l->created_at;
	return 1;
}

/* The PDF a letter sent by post carried, or NULL. */
static const struct mail_attachment *
sent_pdf(const struct mail *m)
{
	size_t	i;

	for (i = 0; i < m->nattachments; i++)
		if (m->attachments[i].data != NULL &&
		    m->attachments[i].content_type != NULL &&
		    strcmp(m->attachments[i].content_type,
		    "application/pdf") == 0)
			return &m->attachments[i];
	return NULL;
}

/* Makes the PDF of an emailed letter: *pdf, or -1 with *cause. */
static int
render(struct klacht *k, const struct case_row *c, const struct found *f,
    const struct mail *m, char **pdf, size_t *len, char **cause)
{
	const struct cfg	*cfg = k->cfg;
	struct letter		 l;
	char			*address = NULL, *phone = NULL, *date;
	const char		*lang = c->language ? c->language :
				    cfg->language;
	enum kres		 r;
	int			 rc;

	if ((r = store_case_postal_get(k->st, c->id, &address, &phone,
	    cause)) != KR_OK)
		return -1;
	date = cal_format_date(f->created_at, lang);
	memset(&l, 0, sizeof l);
	l.lang = lang;
	l.org_name = cfg->org_name;
	l.org_postal = (const char *const *)cfg->org_postal;
	l.norg_postal = cfg->norg_postal;
	l.org_email = cfg->org_address;
	l.logo = cfg->org_logo;
	l.to_name = c->complainant_name;
	l.to_address = address != NULL && *address != '\0' ? address :
	    c->complainant_email;
	l.reference = c->ref;
	l.date = date;
	l.subject = m->subject;
	l.body = m->body;
	rc = letter_pdf(&l, pdf, len, NULL, cause);
	free(address);
	free(phone);
	free(date);
	return rc;
}

int
ctl_letter(struct klacht *k, const char *ref, const char *nth)
{
	const struct mail_attachment	*a;
	struct mail_limits		 lim;
	struct case_row			 c;
	struct found			 f;
	struct mail			*m = NULL;
	char				*why = NULL, *end, *pdf = NULL;
	size_t				 len = 0;
	long				 n = 0;
	int				 count = 0, ex = EX_OK;
	enum kres			 r;

	if (isatty(STDOUT_FILENO)) {
		fprintf(stderr, "klachtctl: letter writes a PDF: redirect "
		    "standard output to a file (klachtctl letter %s > "
		    "letter.pdf)\n", ref);
		return EX_USAGE;
	}
	if (nth != NULL) {
		errno = 0;
		n = strtol(nth, &end, 10);
		if (errno != 0 || *end != '\0' || end == nth || n < 1 ||
		    n > 100000) {
			fprintf(stderr, "klachtctl: letter: N must be a number "
			    "from 1 (the first letter), not \"%s\"\n", nth);
			return EX_USAGE;
		}
	}
	if ((r = store_case_get_ref(k->st, ref, &c, &why)) != KR_OK) {
		fprintf(stderr, "klachtctl: %s\n", why);
		free(why);
		return r == KR_INVALID ? EX_NOINPUT : EX_TEMPFAIL;
	}
	memset(&f, 0, sizeof f);
	if ((r = store_letter_get(k->st, c.id, (int)n, &count, found_cb, &f,
	    &why)) != KR_OK) {
		fprintf(stderr, "klachtctl: %s: %s%s\n", c.ref, n ? "no such "
		    "letter: " : "", why);
		free(why);
		case_row_free(&c);
		return r == KR_INVALID ? EX_NOINPUT : EX_TEMPFAIL;
	}

	if (f.len == 0) {
		/* store_case_purge() keeps the row, not the message. */
		fprintf(stderr, "klachtctl: %s: letter %d was removed with the "
		    "case's personal data (retention)\n", c.ref, n ? (int)n :
		    count);
		free(f.raw);
		free(f.how);
		case_row_free(&c);
		return EX_NOINPUT;
	}
	memset(&lim, 0, sizeof lim);
	lim.max_size = f.len + 1;
	lim.max_attachment = LETTER_MAX;
	lim.max_depth = 8;
	lim.max_headers = 1000;
	lim.max_files = 8;
	if ((m = mail_parse(f.raw, f.len, &lim, &why)) == NULL)
		ex = EX_DATAERR;
	else if (strcmp(f.how, "post") == 0 && (a = sent_pdf(m)) != NULL) {
		pdf = xmalloc(a->size);
		memcpy(pdf, a->data, a->size);
		len = a->size;
	} else if (render(k, &c, &f, m, &pdf, &len, &why) == -1)
		ex = EX_SOFTWARE;
	if (ex != EX_OK) {
		fprintf(stderr, "klachtctl: %s: letter %d: %s\n", c.ref,
		    n ? (int)n : count, why);
		free(why);
	} else if (fwrite(pdf, 1, len, stdout) != len || fflush(stdout) != 0) {
		fprintf(stderr, "klachtctl: writing the letter: %s\n",
		    strerror(errno));
		ex = EX_IOERR;
	}
	mail_free(m);
	free(pdf);
	free(f.raw);
	free(f.how);
	case_row_free(&c);
	return ex;
}

int
ctl_letter_cmd(struct ctl *x, char **argv)
{
	return ctl_letter(&x->k, argv[0], argv[1]);
}
