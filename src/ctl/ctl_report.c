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
#include "satisfy.h"
#include "store.h"
#include "store_class.h"
#include "store_measure.h"

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
	struct report_measure	*measures;	/* issue 15 */
	size_t			 nmeasures;
};

static int
measure_cb(int64_t id, int64_t case_id, int done, int late, void *arg)
{
	struct loaded	*l = arg;

	l->measures = xreallocarray(l->measures, l->nmeasures + 1,
	    sizeof *l->measures);
	l->measures[l->nmeasures].id = id;
	l->measures[l->nmeasures].case_id = case_id;
	l->measures[l->nmeasures].done = done;
	l->measures[l->nmeasures].late = late;
	l->nmeasures++;
	return 0;
}

static int
case_cb(const struct report_row *r, void *arg)
{
	struct loaded		*l = arg;
	struct report_case	*c;

	l->cases = xreallocarray(l->cases, l->ncases + 1, sizeof *l->cases);
	c = &l->cases[l->ncases++];
	memset(c, 0, sizeof *c);
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
	c->sat_asked = 0;
	c->sat_score = 0;
	c->resolved_at = r->status != NULL && strcmp(r->status, "resolved") ==
	    0 ? r->closed_at : 0;
	c->forwarded_kind = r->forwarded_kind ? xstrdup(r->forwarded_kind) :
	    NULL;
	return 0;
}

/* Satisfaction (issue 15): the loaded cases by id, to put each asked
 * case's score on it. */
struct sat_find {
	struct report_case	**byid;
	size_t			  n;
};

static int
cmp_case_id(const void *a, const void *b)
{
	int64_t x = (*(struct report_case *const *)a)->id;
	int64_t y = (*(struct report_case *const *)b)->id;

	return x < y ? -1 : x > y;
}

static int
sat_cb(int64_t case_id, int64_t asked_at, int score, void *arg)
{
	struct sat_find		 *f = arg;
	struct report_case	  key, *kp = &key, **hit;

	(void)asked_at;
	key.id = case_id;
	hit = f->n ? bsearch(&kp, f->byid, f->n, sizeof *f->byid,
	    cmp_case_id) : NULL;
	if (hit != NULL) {
		(*hit)->sat_asked = 1;
		(*hit)->sat_score = score;
	}
	return 0;
}

/* Hearings (issue 15): held (a report, whenever the skip was) or
 * skipped under a ground, at the first such event. */
static int
hearing_cb(int64_t case_id, int64_t at, const char *kind, const char *ground,
    void *arg)
{
	struct sat_find		 *f = arg;
	struct report_case	  key, *kp = &key, **hit, *c;
	size_t			  i;

	key.id = case_id;
	hit = f->n ? bsearch(&kp, f->byid, f->n, sizeof *f->byid,
	    cmp_case_id) : NULL;
	if (hit == NULL || kind == NULL)
		return 0;
	c = *hit;
	if (strcmp(kind, "hearing-report") == 0) {
		if (c->hearing == NULL || strcmp(c->hearing, "held") != 0) {
			c->hearing = "held";
			c->hearing_at = at;
		}
		return 0;
	}
	if (c->hearing != NULL || ground == NULL)
		return 0;
	for (i = 0; i < REPORT_NGROUNDS; i++)
		if (strcmp(ground, report_grounds[i]) == 0) {
			c->hearing = report_grounds[i];
			c->hearing_at = at;
		}
	return 0;
}

/* The loaded cases by id, for the callbacks below to find theirs. */
static void
find_init(struct sat_find *f, struct loaded *l)
{
	size_t	i;

	f->n = l->ncases;
	f->byid = xcalloc(f->n + 1, sizeof *f->byid);
	for (i = 0; i < f->n; i++)
		f->byid[i] = &l->cases[i];
	qsort(f->byid, f->n, sizeof *f->byid, cmp_case_id);
}

static enum kres
load_hearings(struct klacht *k, struct loaded *l, char **why)
{
	struct sat_find	f;
	enum kres	r;

	find_init(&f, l);
	r = store_report_hearings(k->st, hearing_cb, &f, why);
	free(f.byid);
	return r;
}

static enum kres
load_satisfaction(struct klacht *k, struct loaded *l, char **why)
{
	struct sat_find	f;
	enum kres	r;

	find_init(&f, l);
	r = store_satisfy_foreach(k->st, sat_cb, &f, why);
	free(f.byid);
	return r;
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

/* Issue 15: department, cause and labels onto the loaded cases. */
struct byid {
	int64_t	 id;
	size_t	 i;
};

static int
cmp_byid(const void *a, const void *b)
{
	int64_t x = ((const struct byid *)a)->id;
	int64_t y = ((const struct byid *)b)->id;

	return x < y ? -1 : x > y;
}

struct class_load {
	struct loaded	*l;
	struct byid	*idx;
};

static struct report_case *
class_case(struct class_load *cl, int64_t id)
{
	struct byid	key = { id, 0 }, *hit;

	hit = cl->l->ncases ? bsearch(&key, cl->idx, cl->l->ncases,
	    sizeof *cl->idx, cmp_byid) : NULL;
	return hit ? &cl->l->cases[hit->i] : NULL;
}

static int
class_cb(int64_t id, const char *dept, const char *cause, void *arg)
{
	struct report_case	*c = class_case(arg, id);

	if (c != NULL) {
		c->department = dept ? xstrdup(dept) : NULL;
		c->cause = cause ? xstrdup(cause) : NULL;
	}
	return 0;
}

static int
label_cb(int64_t id, const char *label, void *arg)
{
	struct report_case	*c = class_case(arg, id);
	const char		**v;
	size_t			 n = 0;

	if (c == NULL || label == NULL)
		return 0;
	v = (const char **)c->labels;
	while (v != NULL && v[n] != NULL)
		n++;
	v = xreallocarray(v, n + 2, sizeof *v);
	v[n] = xstrdup(label);
	v[n + 1] = NULL;
	c->labels = v;
	return 0;
}

static enum kres
load_classes(struct store *st, struct loaded *l, char **why)
{
	struct class_load	cl = { l, NULL };
	enum kres		r;
	size_t			i;

	cl.idx = xcalloc(l->ncases + 1, sizeof *cl.idx);
	for (i = 0; i < l->ncases; i++) {
		cl.idx[i].id = l->cases[i].id;
		cl.idx[i].i = i;
	}
	qsort(cl.idx, l->ncases, sizeof *cl.idx, cmp_byid);
	r = store_report_classes(st, class_cb, label_cb, &cl, why);
	free(cl.idx);
	return r;
}

static void
loaded_free(struct loaded *l)
{
	size_t	i;
	const char *const *p;

	for (i = 0; i < l->ncases; i++) {
		free((char *)l->cases[i].department);
		free((char *)l->cases[i].cause);
		for (p = l->cases[i].labels; p != NULL && *p != NULL; p++)
			free((char *)*p);
		free((void *)l->cases[i].labels);
		free((char *)l->cases[i].ref);
		free((char *)l->cases[i].category);
		free((char *)l->cases[i].channel);
		free((char *)l->cases[i].forwarded_kind);
		free((char *)l->cases[i].judgement);
	}
	free(l->cases);
	free(l->events);
	free(l->measures);
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
	const char		**ids, **names, **dids, **dnames;
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
	    (res = store_report_events(k->st, event_cb, &l, &why)) != KR_OK ||
	    (res = load_classes(k->st, &l, &why)) != KR_OK ||
	    (res = load_satisfaction(k, &l, &why)) != KR_OK ||
	    (res = load_hearings(k, &l, &why)) != KR_OK) {
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
	dids = xcalloc(k->cfg->ndepartments + 1, sizeof *dids);
	dnames = xcalloc(k->cfg->ndepartments + 1, sizeof *dnames);
	for (i = 0; i < k->cfg->ndepartments; i++) {
		dids[i] = k->cfg->departments[i].id;
		dnames[i] = k->cfg->departments[i].name;
	}
	in.dept_ids = dids;
	in.dept_names = dnames;
	in.ndept = k->cfg->ndepartments;
	in.cause_ids = (const char *const *)k->cfg->causes;
	in.ncause = k->cfg->ncauses;
	in.trend_min = k->cfg->report_trend_min;
	if ((res = store_measure_counts(k->st, in.period.start, in.period.end,
	    &in.measures_open, &in.measures_done, &in.measures_late, &why)) !=
	    KR_OK || (res = store_report_measures(k->st, in.period.start,
	    in.period.end, measure_cb, &l, &why)) != KR_OK) {
		free(ids);
		free(names);
		free(dids);
		free(dnames);
		loaded_free(&l);
		return ctl_fail_report(res, why);
	}

	in.measures = l.measures;
	in.nmeasures = l.nmeasures;
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
	free(dids);
	free(dnames);
	loaded_free(&l);
	return ex;
}


int
ctl_report_cmd(struct ctl *x, char **argv)
{
	(void)argv;
	return ctl_report(&x->k, &x->o.report, x->o.json);
}
