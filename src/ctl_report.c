/*
 * ctl_report.c -- klachtctl report, purge and export.
 *
 *	klachtctl report [--year Y | --from D --to D] [--category C]
 *	    [--format text|csv|json|html]
 *	klachtctl report --register [--year Y] [--format ...]
 *	klachtctl purge [--dry-run]
 *	klachtctl export --email ADDR --dir DIR
 *
 * The commands only load and hand over: the figures come from report.c,
 * the purge (purge.c) and the export (export.c).
 */
#include "config.h"

#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "calendar.h"
#include "ctl_report.h"
#include "json.h"
#include "log.h"
#include "privacy.h"
#include "report_write.h"
#include "store.h"

int
ctl_report_option(struct ctl_report_opts *o, int ch, const char *arg)
{
	switch (ch) {
	case CTL_RO_YEAR:
		o->year = arg;
		break;
	case CTL_RO_FROM:
		o->from = arg;
		break;
	case CTL_RO_TO:
		o->to = arg;
		break;
	case CTL_RO_CATEGORY:
		o->category = arg;
		break;
	case CTL_RO_FORMAT:
		o->format = arg;
		break;
	case CTL_RO_REGISTER:
		o->reg = 1;
		break;
	case CTL_RO_DRY_RUN:
		o->dry_run = 1;
		break;
	case CTL_RO_EMAIL:
		o->email = arg;
		break;
	case CTL_RO_DIR:
		o->dir = arg;
		break;
	default:
		return -1;
	}
	return 0;
}

static int
usage_error(const char *fmt, const char *arg)
{
	fprintf(stderr, "klachtctl: ");
	fprintf(stderr, fmt, arg ? arg : "");
	fprintf(stderr, "\n");
	return EX_USAGE;
}

static int
fail(enum kres r, char *why)
{
	fprintf(stderr, "klachtctl: %s\n", why ? why : kres_name(r));
	free(why);
	return r == KR_TEMP ? EX_TEMPFAIL : EX_SOFTWARE;
}

/* Who runs the command, for the audit log. */
static char *
who(void)
{
	const char	*sudo = getenv("SUDO_USER");
	struct passwd	*pw;

	if (sudo != NULL && *sudo != '\0' && getuid() == 0)
		return xasprintf("admin:%s", sudo);
	if ((pw = getpwuid(getuid())) != NULL)
		return xasprintf("admin:%s", pw->pw_name);
	return xasprintf("admin:uid%ld", (long)getuid());
}

/* --------------------------------------------------------------- report */

struct loaded {
	struct report_case	*cases;
	size_t			 ncases;
	struct report_event	*events;
	size_t			 nevents;
};

static int
case_cb(const struct report_row *r, void *arg)
{
	struct loaded		*l = arg;
	struct report_case	*c;

	l->cases = xreallocarray(l->cases, l->ncases + 1, sizeof *l->cases);
	c = &l->cases[l->ncases++];
	c->id = r->id;
	c->ref = xstrdup(r->ref);
	c->category = r->category ? xstrdup(r->category) : NULL;
	c->received_at = r->received_at;
	c->due_at = r->due_at;
	/* A case closed without a recorded decision counts as decided
	 * when it was closed (report.h). */
	c->decided_at = r->decided_at ? r->decided_at :
	    (r->status != NULL && strcmp(r->status, "closed") == 0 ?
	    r->closed_at : 0);
	c->extended = r->extended;
	c->judgement = r->judgement ? xstrdup(r->judgement) : NULL;
	return 0;
}

static int
event_cb(int64_t case_id, int64_t at, const char *kind, void *arg)
{
	struct loaded	*l = arg;

	l->events = xreallocarray(l->events, l->nevents + 1,
	    sizeof *l->events);
	l->events[l->nevents].case_id = case_id;
	l->events[l->nevents].at = at;
	l->events[l->nevents].kind = strcmp(kind, "escalation") == 0 ?
	    RE_ESCALATION : RE_REOPEN;
	l->nevents++;
	return 0;
}

static void
loaded_free(struct loaded *l)
{
	size_t	i;

	for (i = 0; i < l->ncases; i++) {
		free((char *)l->cases[i].ref);
		free((char *)l->cases[i].category);
		free((char *)l->cases[i].judgement);
	}
	free(l->cases);
	free(l->events);
}

/* The period from --year or --from/--to (default: this year). */
static int
parse_period(const struct ctl_report_opts *o, struct report_period *p)
{
	int64_t	 from, to;
	char	*end;
	long	 y;

	if (o->year != NULL && (o->from != NULL || o->to != NULL))
		return usage_error("give --year or --from/--to, not both%s",
		    NULL);
	if (o->year != NULL) {
		errno = 0;
		y = strtol(o->year, &end, 10);
		if (errno != 0 || *end != '\0' || y < 1971 || y > 9998)
			return usage_error("--year %s: not a year", o->year);
		report_period_year((int)y, p);
		return 0;
	}
	if (o->from != NULL || o->to != NULL) {
		if (o->from == NULL || o->to == NULL)
			return usage_error("--from and --to go together%s",
			    NULL);
		if (cal_parse_iso_date(o->from, &from) == -1)
			return usage_error("--from %s: not a date YYYY-MM-DD",
			    o->from);
		if (cal_parse_iso_date(o->to, &to) == -1)
			return usage_error("--to %s: not a date YYYY-MM-DD",
			    o->to);
		if (report_period_days(from, to, p) == -1)
			return usage_error("--to %s is before --from", o->to);
		return 0;
	}
	report_period_year(cal_year(cal_now()), p);
	return 0;
}

int
ctl_report(struct klacht *k, const struct ctl_report_opts *o, int json)
{
	struct report_input	 in;
	struct loaded		 l;
	struct report		*r;
	struct buf		 b;
	enum report_format	 f = json ? REPORT_JSON : REPORT_TEXT;
	const char		**ids, **names;
	char			*why = NULL;
	enum kres		 res;
	size_t			 i;
	int			 ex;

	if (o->format != NULL && report_format_parse(o->format, &f) == -1)
		return usage_error("--format %s: use text, csv, json or html",
		    o->format);
	if (o->dry_run || o->email != NULL || o->dir != NULL)
		return usage_error("report takes no --dry-run, --email or "
		    "--dir%s", NULL);
	memset(&in, 0, sizeof in);
	if ((ex = parse_period(o, &in.period)) != 0)
		return ex;
	if (o->category != NULL && cfg_category_by_id(k->cfg, o->category) ==
	    NULL && strcmp(o->category, REPORT_NO_CATEGORY) != 0)
		fprintf(stderr, "klachtctl: note: category \"%s\" is not in "
		    "the configuration\n", o->category);

	memset(&l, 0, sizeof l);
	if ((res = store_report_cases(k->st, case_cb, &l, &why)) != KR_OK ||
	    (res = store_report_events(k->st, event_cb, &l, &why)) != KR_OK) {
		loaded_free(&l);
		return fail(res, why);
	}
	ids = xcalloc(k->cfg->ncategories + 1, sizeof *ids);
	names = xcalloc(k->cfg->ncategories + 1, sizeof *names);
	for (i = 0; i < k->cfg->ncategories; i++) {
		ids[i] = k->cfg->categories[i].id;
		names[i] = k->cfg->categories[i].name;
	}
	in.cases = l.cases;
	in.ncases = l.ncases;
	in.events = l.events;
	in.nevents = l.nevents;
	in.category = o->category;
	in.cat_ids = ids;
	in.cat_names = names;
	in.ncat = k->cfg->ncategories;
	in.org_name = k->cfg->org_name;
	in.lang = k->cfg->language;
	in.now = cal_now();

	buf_init(&b);
	if (o->reg)
		report_register(&b, &in, f);
	else {
		r = report_compute(&in);
		report_write(&b, r, f);
		report_free(r);
	}
	ex = EX_OK;
	if (b.len > 0 && (fwrite(b.data, 1, b.len, stdout) != b.len ||
	    fflush(stdout) != 0)) {
		fprintf(stderr, "klachtctl: writing the report: %s\n",
		    strerror(errno));
		ex = EX_IOERR;
	}
	buf_free(&b);
	free(ids);
	free(names);
	loaded_free(&l);
	return ex;
}

/* ---------------------------------------------------------------- purge */

struct purge_out {
	int		 json;
	int		 dry_run;
	struct buf	 b;
	int		 n;
};

static void
purge_cb(const struct purge_item *it, void *arg)
{
	struct purge_out	*p = arg;
	char			*closed = cal_format_iso_date(it->closed_at);
	char			*exp = cal_format_iso_date(it->expired_at);
	char			*term = privacy_term_str(it->term);

	if (p->json) {
		int first = 1;

		if (p->n > 0)
			buf_addc(&p->b, ',');
		buf_addc(&p->b, '{');
		json_kv_str(&p->b, &first, "reference", it->ref);
		json_kv_str(&p->b, &first, "category", it->category);
		json_kv_str(&p->b, &first, "closed", closed);
		json_kv_str(&p->b, &first, "term", term);
		json_kv_str(&p->b, &first, "expired", exp);
		buf_addc(&p->b, '}');
	} else
		printf("%s %s (category %s, closed %s, term %s, ended %s)\n",
		    p->dry_run ? "would anonymise" : "anonymised", it->ref,
		    it->category ? it->category : "none", closed, term, exp);
	p->n++;
	free(closed);
	free(exp);
	free(term);
}

int
ctl_purge(struct klacht *k, const struct ctl_report_opts *o, int json)
{
	struct purge_stats	 ps;
	struct purge_out	 p;
	char			*why = NULL, *w;
	enum kres		 rc;

	if (o->year || o->from || o->to || o->category || o->format ||
	    o->reg || o->email || o->dir)
		return usage_error("purge takes only --dry-run (and "
		    "--json)%s", NULL);
	memset(&p, 0, sizeof p);
	p.json = json;
	p.dry_run = o->dry_run;
	buf_init(&p.b);
	rc = privacy_purge(k, cal_now(), o->dry_run, 0, purge_cb, &p, &ps,
	    &why);
	if (!o->dry_run && ps.cases + ps.loose_messages + ps.quarantined > 0) {
		w = who();
		log_audit("%s: retention purge: %d case(s) anonymised, %lld "
		    "message(s) on no case and %lld quarantined deleted%s", w,
		    ps.cases, (long long)ps.loose_messages,
		    (long long)ps.quarantined, rc != KR_OK ? " (then failed)" :
		    "");
		free(w);
	}
	if (rc != KR_OK) {
		buf_free(&p.b);
		return fail(rc, why);
	}
	if (json) {
		struct buf	h;
		int		first = 1;

		buf_init(&h);
		json_kv_bool(&h, &first, "dry_run", o->dry_run);
		json_kv_int(&h, &first, "kept", ps.kept);
		json_kv_int(&h, &first, "loose_messages", ps.loose_messages);
		json_kv_int(&h, &first, "quarantined", ps.quarantined);
		printf("{%s,\"cases\":[%s]}\n", h.data, p.b.data ? p.b.data :
		    "");
		buf_free(&h);
	} else
		printf("%s: %d case(s)%s, %d closed case(s) still within their "
		    "term; %lld message(s) on no case and %lld quarantined "
		    "message(s) past the default term\n", o->dry_run ?
		    "dry run, nothing changed" : "purged", ps.cases,
		    o->dry_run ? " due" : " anonymised", ps.kept,
		    (long long)ps.loose_messages, (long long)ps.quarantined);
	buf_free(&p.b);
	return EX_OK;
}

/* --------------------------------------------------------------- export */

int
ctl_export(struct klacht *k, const struct ctl_report_opts *o, int json)
{
	struct export_stats	 es;
	char			*why = NULL, *w;

	if (o->email == NULL || o->dir == NULL)
		return usage_error("export needs --email ADDR and --dir DIR%s",
		    NULL);
	if (o->year || o->from || o->to || o->category || o->format ||
	    o->reg || o->dry_run)
		return usage_error("export takes only --email and --dir%s",
		    NULL);
	if (privacy_export(k, o->email, o->dir, cal_now(), &es, &why) == -1) {
		fprintf(stderr, "klachtctl: %s\n", why);
		free(why);
		return EX_CANTCREAT;
	}
	w = who();
	log_audit("%s: export (AVG art. 15) of %d case(s), %d message(s), "
	    "%d outgoing, %d quarantined, respondent in %d to %s", w,
	    es.cases, es.messages, es.outgoing, es.quarantined,
	    es.respondent, o->dir);
	free(w);
	if (json) {
		struct buf	h;
		int		first = 1;

		buf_init(&h);
		buf_addc(&h, '{');
		json_kv_str(&h, &first, "dir", o->dir);
		json_kv_int(&h, &first, "cases", es.cases);
		json_kv_int(&h, &first, "messages", es.messages);
		json_kv_int(&h, &first, "attachments", es.attachments);
		json_kv_int(&h, &first, "outgoing", es.outgoing);
		json_kv_int(&h, &first, "quarantined", es.quarantined);
		json_kv_int(&h, &first, "respondent_in", es.respondent);
		json_kv_int(&h, &first, "left_out", es.left_out);
		printf("%s}\n", h.data);
		buf_free(&h);
	}
	else
		printf("exported to %s: %d case(s), %d message(s), %d "
		    "attachment(s), %d outgoing, %d quarantined, respondent "
		    "in %d case(s)%s\n", o->dir, es.cases, es.messages,
		    es.attachments, es.outgoing, es.quarantined, es.respondent,
		    es.left_out ? "; officers' internal notes and mail left "
		    "out (retention.notes_about_colleagues)" : "");
	if (es.cases + es.messages + es.outgoing + es.quarantined +
	    es.respondent == 0)
		printf("nothing is stored about %s\n", o->email);
	return EX_OK;
}
