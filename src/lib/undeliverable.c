/*
 * undeliverable.c -- mail that can never be delivered is marked failed
 * and reported to a person, never silently dropped.
 *
 * Marking the row failed, queueing the notice and the audit event commit
 * together, so a crash cannot leave a failed mail nobody was told about
 * (nor a notice about mail that is still being retried).  A notice is
 * itself of kind "undeliverable", and a failed "undeliverable" mail is
 * only marked and logged: there is no way for notices to loop.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "log.h"
#include "mail.h"
#include "outmail.h"
#include "undeliverable.h"

#define NOTICE_KIND	"undeliverable"
#define MAX_TOLD	64

struct failed {
	int64_t	 case_id;
	char	*kind;
	char	*rcpt;
};

static int
failed_cb(const struct outbox_row *o, void *arg)
{
	struct failed	*f = arg;

	f->case_id = o->case_id;
	f->kind = xstrdup(o->kind);
	f->rcpt = xstrdup(o->rcpt);
	return 0;
}

static int
officer_has_category(const struct cfg_officer *o, const char *category)
{
	char	**p;

	if (o->categories == NULL || o->categories[0] == NULL)
		return 1;	/* no list: all categories */
	for (p = o->categories; *p != NULL; p++)
		if (strcmp(*p, category) == 0)
			return 1;
	return 0;
}

static int
add_addr(const char **to, size_t *n, const char *addr, const char *skip)
{
	size_t	i;

	if (addr == NULL || *addr == '\0' || *n >= MAX_TOLD ||
	    (skip != NULL && strcasecmp(addr, skip) == 0))
		return 0;
	for (i = 0; i < *n; i++)
		if (strcasecmp(to[i], addr) == 0)
			return 0;
	to[(*n)++] = addr;
	return 1;
}

/*
 * Who is told: the assignee; else the officers of the case's category;
 * else every officer.  The address that failed is never among them (a
 * notice to it could not arrive either).
 */
static size_t
pick(const struct cfg *cfg, const struct case_row *c, const char *skip,
    const char **to)
{
	const struct cfg_officer	*o;
	size_t				 n = 0, i;

	if (c != NULL && c->assignee != NULL) {
		if ((o = cfg_officer_by_id(cfg, c->assignee)) != NULL)
			add_addr(to, &n, o->email, skip);
		else if (strchr(c->assignee, '@') != NULL)
			add_addr(to, &n, c->assignee, skip);
	}
	if (n == 0 && c != NULL && c->category != NULL)
		for (i = 0; i < cfg->nofficers; i++)
			if (officer_has_category(&cfg->officers[i],
			    c->category))
				add_addr(to, &n, cfg->officers[i].email, skip);
	if (n == 0)
		for (i = 0; i < cfg->nofficers; i++)
			add_addr(to, &n, cfg->officers[i].email, skip);
	return n;
}

/* Inside the caller's transaction: queue the notices, add the event. */
static enum kres
tell(struct klacht *k, int64_t id, const struct failed *f, const char *error,
    int64_t now, char **cause)
{
	struct case_row	 c;
	struct outmail	 om;
	const char	*to[MAX_TOLD];
	char		 idbuf[32], *safe_err, *detail;
	struct buf	 told;
	size_t		 n, i;
	int		 have_case = 0;
	enum kres	 r = KR_OK;

	memset(&c, 0, sizeof c);
	if (f->case_id != 0) {
		if ((r = store_case_get(k->st, f->case_id, &c, cause)) != KR_OK)
			return r;
		have_case = 1;
	}
	n = pick(k->cfg, have_case ? &c : NULL, f->rcpt, to);
	snprintf(idbuf, sizeof idbuf, "%lld", (long long)id);
	/* A server's error text is one line in the notice, at most 500
	 * characters, with control characters escaped. */
	safe_err = str_log_safe(error ? error : "unknown error", 500);
	struct tmpl_var vars[] = {
		{ "recipient", f->rcpt },
		{ "error", safe_err },
		{ "failed_kind", f->kind },
		{ "outbox_id", idbuf },
		{ "reference", "-" },	/* only used without a case */
	};
	buf_init(&told);
	for (i = 0; i < n && r == KR_OK; i++) {
		memset(&om, 0, sizeof om);
		om.kind = NOTICE_KIND;
		om.template = "undeliverable";
		om.lang = k->cfg->language;	/* staff, not the complainant */
		om.to_addr = to[i];
		om.auto_submitted = MAIL_AUTO_GENERATED;
		om.c = have_case ? &c : NULL;
		om.vars = vars;
		om.nvars = have_case ? 4 : 5;
		r = outmail_queue(k, &om, now, NULL, cause);
		buf_printf(&told, "%s%s", i ? ", " : "", to[i]);
	}
	if (r == KR_OK && have_case) {
		detail = xasprintf("mail to %s (%s, outbox id=%lld) could not "
		    "be delivered: %s; told: %s", f->rcpt, f->kind,
		    (long long)id, safe_err, n ? told.data : "nobody (no "
		    "officers configured)");
		r = store_event_add(k->st, c.id, now, "system",
		    "undeliverable", detail, cause);
		free(detail);
	}
	if (r == KR_OK && n == 0)
		log_warn("case=%s outbox id=%lld: no officer configured to tell "
		    "about the undeliverable mail", have_case ? c.ref : "-",
		    (long long)id);
	else if (r == KR_OK)
		log_notice("case=%s outbox id=%lld to=%s undeliverable: told %s",
		    have_case ? c.ref : "-", (long long)id, f->rcpt, told.data);
	buf_free(&told);
	free(safe_err);
	case_row_free(&c);
	return r;
}

enum kres
undeliverable_fail(struct klacht *k, int64_t id, const char *error,
    int64_t now, char **cause)
{
	struct failed	 f;
	char		*why = NULL;
	enum kres	 r;

	memset(&f, 0, sizeof f);
	if ((r = store_begin(k->st, cause)) != KR_OK)
		return r;
	if ((r = store_outbox_failed(k->st, id, error, 1, now, cause)) !=
	    KR_OK || (r = store_outbox_get(k->st, id, failed_cb, &f,
	    cause)) != KR_OK) {
		store_rollback(k->st);
		goto out;
	}
	if (strcmp(f.kind, NOTICE_KIND) == 0) {
		/* Never a notice about a notice. */
		log_warn("outbox id=%lld: the undeliverable notice to %s could "
		    "not be delivered either; not telling anyone else",
		    (long long)id, f.rcpt);
		r = store_commit(k->st, cause);
		goto out;
	}
	if ((r = tell(k, id, &f, error, now, &why)) == KR_OK) {
		r = store_commit(k->st, cause);
		goto out;
	}
	/* The notice could not be queued (a broken template, say): the
	 * mail is failed all the same, and the log says who was not told. */
	store_rollback(k->st);
	log_err("outbox id=%lld to=%s: undeliverable, but the notice could not "
	    "be queued: %s", (long long)id, f.rcpt, why);
	free(why);
	r = store_outbox_failed(k->st, id, error, 1, now, cause);
out:
	free(f.kind);
	free(f.rcpt);
	return r;
}
