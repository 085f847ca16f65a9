/*
 * ctl_report.c -- klachtctl report, and the options that report, purge
 * and export share (purge and export are ctl_admin.c's).
 *
 *	klachtctl report [--year Y | --from D --to D] [--category C]
 *	    [--format text|csv|json|html]
 *	klachtctl report --register [--year Y] [--format ...]
 *
 * The command only loads and hands over: the figures come from report.c.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "calendar.h"
#include "ctl.h"
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
	c->admin = r->status == NULL ? REPORT_ADMIN_NONE :
	    strcmp(r->status, "merged") == 0 ? REPORT_ADMIN_MERGED :
	    strcmp(r->status, "void") == 0 ? REPORT_ADMIN_VOID :
	    strcmp(r->status, "forwarded") == 0 ? REPORT_ADMIN_FORWARDED :
	    REPORT_ADMIN_NONE;
	c->channel = r->channel ? xstrdup(r->channel) : NULL;
	c->forwarded_kind = r->forwarded_kind ? xstrdup(r->forwarded_kind) :
	    NULL;
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
	    RE_ESCALATION : strcmp(kind, "contact") == 0 ? RE_CONTACT :
	    RE_REOPEN;
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
		free((char *)l->cases[i].channel);
		free((char *)l->cases[i].forwarded_kind);
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
		return ctl_usage_error("give --year or --from/--to, not both%s",
		    NULL);
	if (o->year != NULL) {
		errno = 0;
		y = strtol(o->year, &end, 10);
		if (errno != 0 || *end != '\0' || y < 1971 || y > 9998)
			return ctl_usage_error("--year %s: not a year",
			    o->year);
		report_period_year((int)y, p);
		return 0;
	}
	if (o->from != NULL || o->to != NULL) {
		if (o->from == NULL || o->to == NULL)
			return ctl_usage_error("--from and --to go together%s",
			    NULL);
		if (cal_parse_iso_date(o->from, &from) == -1)
			return ctl_usage_error("--from %s: not a date "
			    "YYYY-MM-DD", o->from);
		if (cal_parse_iso_date(o->to, &to) == -1)
			return ctl_usage_error("--to %s: not a date YYYY-MM-DD",
			    o->to);
		if (report_period_days(from, to, p) == -1)
			return ctl_usage_error("--to %s is before --from",
			    o->to);
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
		return ctl_usage_error("--format %s: use text, csv, json or "
		    "html", o->format);
	if (o->dry_run || o->email != NULL || o->dir != NULL)
		return ctl_usage_error("report takes no --dry-run, --email or "
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
		return ctl_fail_report(res, why);
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


int
ctl_report_cmd(struct ctl *x, char **argv)
{
	(void)argv;
	return ctl_report(&x->k, &x->o.report, x->o.json);
}
