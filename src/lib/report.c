/*
 * report.c -- the figures of the complaints report and the selection of
 * the yearly register, computed from plain structs.  No database, no I/O
 * and no output format here: klachtctl loads the cases and events,
 * report_compute() counts, and the writers (report_write.c for text, CSV
 * and JSON, report_html.c for HTML) depend on these figures, never the
 * other way round.  The definitions of every figure are in report.h.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "calendar.h"
#include "report.h"

int64_t
report_month_start(int year, int month)
{
	struct tm	tm;

	memset(&tm, 0, sizeof tm);
	tm.tm_year = year - 1900;
	tm.tm_mon = month - 1;
	tm.tm_mday = 1;
	tm.tm_isdst = -1;
	return (int64_t)mktime(&tm);
}

void
report_period_year(int year, struct report_period *p)
{
	p->start = report_month_start(year, 1);
	p->end = report_month_start(year + 1, 1);
	p->prev_start = report_month_start(year - 1, 1);
	p->prev_end = p->start;
}

int
report_period_days(int64_t from, int64_t to, struct report_period *p)
{
	int64_t	days;

	if (to < from)
		return -1;
	days = report_days_between(from, to) + 1;
	p->start = from;
	p->end = cal_add_days(to, 1);
	p->prev_start = cal_add_days(from, (int)-days);
	p->prev_end = from;
	return 0;
}

int64_t
report_days_between(int64_t a, int64_t b)
{
	return cal_local_day(b) - cal_local_day(a);
}

void
report_half(struct buf *b, int64_t twice)
{
	if (twice % 2 == 0)
		buf_printf(b, "%lld", (long long)(twice / 2));
	else
		buf_printf(b, "%s%lld.5", twice < 0 ? "-" : "",
		    (long long)(llabs(twice) / 2));
}

int
report_pct(char *out, size_t len, int64_t part, int64_t whole)
{
	if (whole == 0) {
		snprintf(out, len, "-");
		return 0;
	}
	snprintf(out, len, "%.1f", 100.0 * (double)part / (double)whole);
	return 1;
}

const char *
report_cat_name(const struct report_input *in, const char *id)
{
	size_t	i;

	for (i = 0; i < in->ncat; i++)
		if (strcmp(in->cat_ids[i], id) == 0)
			return in->cat_names[i] ? in->cat_names[i] : id;
	return id;
}

const char *const report_channels[REPORT_NCHANNELS] = {
	"email", "telefoon", "balie", "brief", "webformulier"
};

const char *
report_case_channel(const struct report_case *c)
{
	return c->channel != NULL && *c->channel != '\0' ? c->channel :
	    "email";
}

/* The slot of a case's channel in by_channel (an unknown one counts as
 * email, the way it came before channels were recorded). */
static size_t
channel_index(const struct report_case *c)
{
	const char	*ch = report_case_channel(c);
	size_t		 i;

	for (i = 0; i < REPORT_NCHANNELS; i++)
		if (strcmp(ch, report_channels[i]) == 0)
			return i;
	return 0;
}

const char *
report_case_category(const struct report_case *c)
{
	return c->category != NULL && *c->category != '\0' ? c->category :
	    REPORT_NO_CATEGORY;
}

static int
judgement_index(const char *j)
{
	enum judgement	x = judgement_by_id(j);

	return x == J_INVALID ? REPORT_J_NONE : (int)x;
}

static int
cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x < y ? -1 : x > y;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Per-category (or total) accumulator of handling days. */
struct days {
	int64_t	*v;
	size_t	 n, size;
};

static void
days_add(struct days *d, int64_t v)
{
	if (d->n == d->size) {
		d->size = d->size ? d->size * 2 : 16;
		d->v = xreallocarray(d->v, d->size, sizeof *d->v);
	}
	d->v[d->n++] = v;
}

static void
days_finish(struct days *d, struct report_stats *s)
{
	size_t	rank;

	s->handled = (int64_t)d->n;
	if (d->n == 0)
		return;
	qsort(d->v, d->n, sizeof *d->v, cmp_i64);
	if (d->n % 2 == 1)
		s->median2 = 2 * d->v[d->n / 2];
	else
		s->median2 = d->v[d->n / 2 - 1] + d->v[d->n / 2];
	/* Nearest rank: ceil(0.9 n), in integers. */
	rank = (9 * d->n + 9) / 10;
	s->p90 = d->v[rank - 1];
}

/* The index of category id in r->cats, adding it when new. */
static size_t
cat_index(struct report *r, const struct report_input *in, const char *id)
{
	size_t	i;

	for (i = 0; i < r->ncats; i++)
		if (strcmp(r->cats[i].id, id) == 0)
			return i;
	r->cats = xreallocarray(r->cats, r->ncats + 1, sizeof *r->cats);
	memset(&r->cats[r->ncats], 0, sizeof *r->cats);
	r->cats[r->ncats].id = xstrdup(id);
	if (strcmp(id, REPORT_NO_CATEGORY) == 0)
		r->cats[r->ncats].name = xstrdup(in->lang != NULL &&
		    strcmp(in->lang, "nl") == 0 ? "(geen categorie)" :
		    "(no category)");
	else
		r->cats[r->ncats].name = xstrdup(report_cat_name(in, id));
	return r->ncats++;
}

static int
in_range(int64_t t, int64_t a, int64_t b)
{
	return t >= a && t < b;
}

/* Case ids to their index in the input, for finding an event's case. */
struct idx {
	int64_t	 id;
	size_t	 i;
};

static int
cmp_idx(const void *a, const void *b)
{
	int64_t x = ((const struct idx *)a)->id, y = ((const struct idx *)b)->id;

	return x < y ? -1 : x > y;
}

/* The first-contact figures: over the cases received in the period,
 * those with a contact (first[i], 0 for none) and the median days to it,
 * in total and per category. */
static void
contact_figures(struct report *r, const struct report_input *in,
    const size_t *case_cat, const int64_t *first)
{
	struct report_stats	*cs;
	struct days		 all, *per;
	size_t			 i;
	int64_t			 d;

	memset(&all, 0, sizeof all);
	per = xcalloc(r->ncats + 1, sizeof *per);
	for (i = 0; i < in->ncases; i++) {
		const struct report_case *c = &in->cases[i];

		if (case_cat[i] == (size_t)-1 || first[i] == 0 ||
		    !in_range(c->received_at, r->period.start, r->period.end))
			continue;
		d = report_days_between(c->received_at, first[i]);
		days_add(&all, d < 0 ? 0 : d);
		days_add(&per[case_cat[i]], d < 0 ? 0 : d);
	}
	for (i = 0; i <= r->ncats; i++) {
		struct days *dd = i == r->ncats ? &all : &per[i];

		cs = i == r->ncats ? &r->total : &r->cats[i].s;
		cs->contacted = (int64_t)dd->n;
		if (dd->n > 0) {
			qsort(dd->v, dd->n, sizeof *dd->v, cmp_i64);
			cs->contact_median2 = dd->n % 2 == 1 ?
			    2 * dd->v[dd->n / 2] : dd->v[dd->n / 2 - 1] +
			    dd->v[dd->n / 2];
		}
		free(dd->v);
	}
	free(per);
}

/* The satisfaction figures (report.h): over the decided cases of the
 * period in the filter, asked, answered and the sum of the scores, in
 * total, per category and per judgement. */
static void
satisfaction_figures(struct report *r, const struct report_input *in,
    const size_t *case_cat)
{
	struct report_stats	*s[2];
	size_t			 i, k;
	int			 ji, ans;

	for (i = 0; i < in->ncases; i++) {
		const struct report_case *c = &in->cases[i];

		if (case_cat[i] == (size_t)-1 || c->admin != REPORT_ADMIN_NONE ||
		    !c->sat_asked || c->decided_at == 0 ||
		    !in_range(c->decided_at, r->period.start, r->period.end))
			continue;
		ji = judgement_index(c->judgement);
		ans = c->sat_score >= 1 && c->sat_score <= 5;
		s[0] = &r->total;
		s[1] = &r->cats[case_cat[i]].s;
		for (k = 0; k < 2; k++) {
			s[k]->sat_asked++;
			s[k]->sat_j_asked[ji]++;
			if (!ans)
				continue;
			s[k]->sat_answered++;
			s[k]->sat_sum += c->sat_score;
			s[k]->sat_j_answered[ji]++;
			s[k]->sat_j_sum[ji] += c->sat_score;
		}
	}
}

/* Sort helpers that need the report: qsort has no context argument. */
static const struct report	*sort_r;

static int
cmp_rising(const void *a, const void *b)
{
	const struct report_category *x = &sort_r->cats[*(const size_t *)a];
	const struct report_category *y = &sort_r->cats[*(const size_t *)b];
	int64_t dx = x->s.received - x->s.prev_received;
	int64_t dy = y->s.received - y->s.prev_received;

	if (dx != dy)
		return dx > dy ? -1 : 1;
	return strcmp(x->id, y->id);
}

static int
cmp_escalated(const void *a, const void *b)
{
	const struct report_escalated *x = a, *y = b;

	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	return strcmp(x->ref, y->ref);
}

/* The measures' figures (issue 15): counted by the store over the
 * whole organisation, so in the totals only. */
static void
report_measures(const struct report_input *in, struct report *r)
{
	r->total.measures_open = in->measures_open;
	r->total.measures_done = in->measures_done;
	r->total.measures_late = in->measures_late;
}

/*
 * A complaint resolved informally (issue 15): open at the end of the
 * period when it ended after it; counted as resolved when it ended in it.
 * Never decided: it has no judgement.
 */
static void
report_count_resolved(const struct report_case *c,
    const struct report_period *p, struct report_stats *ts,
    struct report_stats *cs)
{
	if (c->received_at < p->end && c->resolved_at >= p->end) {
		ts->open++;
		cs->open++;
	}
	if (in_range(c->resolved_at, p->start, p->end)) {
		ts->resolved++;
		cs->resolved++;
	}
}

const char *const report_grounds[REPORT_NGROUNDS] = { "a", "b", "c" };

/* The hearing of a complaint (issue 15), counted when it was recorded in
 * the period: held, or skipped under its ground. */
static void
count_hearing(struct report_stats *ts, struct report_stats *cs,
    const struct report_case *c, const struct report_period *p)
{
	size_t	k;

	if (c->hearing == NULL || !in_range(c->hearing_at, p->start, p->end))
		return;
	if (strcmp(c->hearing, "held") == 0) {
		ts->hearings_held++;
		cs->hearings_held++;
		return;
	}
	for (k = 0; k < REPORT_NGROUNDS; k++)
		if (strcmp(c->hearing, report_grounds[k]) == 0) {
			ts->hearings_skipped[k]++;
			cs->hearings_skipped[k]++;
		}
}

const char *const report_forward_kinds[REPORT_NFORWARD] = {
	"bezwaar", "woo", "melding", "schade", "overig",
};

/* A case forwarded to another desk (issue 15): counted apart, in all and
 * per kind; an unknown kind counts as "overig". */
static void
count_forwarded(struct report_stats *ts, struct report_stats *cs,
    const struct report_case *c)
{
	size_t	k;

	for (k = 0; k < REPORT_NFORWARD - 1; k++)
		if (c->forwarded_kind != NULL &&
		    strcmp(c->forwarded_kind, report_forward_kinds[k]) == 0)
			break;
	ts->forwarded++;
	cs->forwarded++;
	ts->forwarded_by_kind[k]++;
	cs->forwarded_by_kind[k]++;
}

struct report *
report_compute(const struct report_input *in)
{
	const struct report_period	*p = &in->period;
	struct report			*r;
	struct days			 all, *per;
	char				**extra;
	size_t				 i, j, nextra = 0, ci;
	int				 y, m, ey, em;
	time_t				 tt;
	struct tm			 tm;
	/* Per case: its category index, and whether it is in the filter. */
	size_t				*case_cat;
	int64_t				*esc, *reo, *first;
	struct idx			*byid, key, *hit;

	r = xcalloc(1, sizeof *r);
	r->period = *p;
	r->category = in->category ? xstrdup(in->category) : NULL;
	r->org_name = xstrdup(in->org_name ? in->org_name : "");
	r->lang = xstrdup(in->lang ? in->lang : "en");
	r->generated_at = in->now;

	/* Categories: configured ones in their order, then the others met
	 * in the data (sorted), then "(none)". */
	extra = xcalloc(in->ncases + 1, sizeof *extra);
	for (i = 0; i < in->ncat; i++)
		if (in->category == NULL ||
		    strcmp(in->category, in->cat_ids[i]) == 0) {
			ci = cat_index(r, in, in->cat_ids[i]);
			r->cats[ci].configured = 1;
		}
	for (i = 0; i < in->ncases; i++) {
		const char *k = report_case_category(&in->cases[i]);

		if (strcmp(k, REPORT_NO_CATEGORY) == 0 ||
		    (in->category != NULL && strcmp(k, in->category) != 0))
			continue;
		for (j = 0; j < in->ncat; j++)
			if (strcmp(in->cat_ids[j], k) == 0)
				break;
		if (j < in->ncat)
			continue;
		for (j = 0; j < nextra; j++)
			if (strcmp(extra[j], k) == 0)
				break;
		if (j == nextra)
			extra[nextra++] = (char *)k;
	}
	qsort(extra, nextra, sizeof *extra, cmp_str);
	for (j = 0; j < nextra; j++)
		cat_index(r, in, extra[j]);
	free(extra);

	/* Months of the period. */
	tt = (time_t)p->start;
	localtime_r(&tt, &tm);
	y = tm.tm_year + 1900;
	m = tm.tm_mon + 1;
	tt = (time_t)(p->end - 1);
	localtime_r(&tt, &tm);
	ey = tm.tm_year + 1900;
	em = tm.tm_mon + 1;
	while (p->end > p->start && (y < ey || (y == ey && m <= em))) {
		r->months = xreallocarray(r->months, r->nmonths + 1,
		    sizeof *r->months);
		r->months[r->nmonths].year = y;
		r->months[r->nmonths].month = m;
		r->months[r->nmonths].received = 0;
		r->months[r->nmonths].decided = 0;
		r->months[r->nmonths].by_category = NULL;
		r->nmonths++;
		if (++m > 12) {
			m = 1;
			y++;
		}
	}

	/* Which cases count, and their category slots. */
	case_cat = xcalloc(in->ncases + 1, sizeof *case_cat);
	for (i = 0; i < in->ncases; i++) {
		const char *k = report_case_category(&in->cases[i]);

		if (in->category != NULL && strcmp(k, in->category) != 0)
			case_cat[i] = (size_t)-1;
		else
			case_cat[i] = cat_index(r, in, k);
	}
	for (i = 0; i < r->nmonths; i++)
		r->months[i].by_category = xcalloc(r->ncats + 1,
		    sizeof(int64_t));

	memset(&all, 0, sizeof all);
	per = xcalloc(r->ncats + 1, sizeof *per);
	for (i = 0; i < in->ncases; i++) {
		const struct report_case	*c = &in->cases[i];
		struct report_stats		*cs, *ts = &r->total;
		int64_t				 dec = c->decided_at;

		if (case_cat[i] == (size_t)-1)
			continue;
		cs = &r->cats[case_cat[i]].s;
		/* Merged into another case, void or forwarded: no
		 * complaint. */
		if (c->admin == REPORT_ADMIN_FORWARDED) {
			if (in_range(c->received_at, p->start, p->end))
				count_forwarded(ts, cs, c);
			continue;
		}
		if (c->admin != REPORT_ADMIN_NONE) {
			if (in_range(c->received_at, p->start, p->end)) {
				int mg = c->admin == REPORT_ADMIN_MERGED;

				ts->merged += mg;
				cs->merged += mg;
				ts->voided += !mg;
				cs->voided += !mg;
			}
			continue;
		}
		if (in_range(c->received_at, p->start, p->end)) {
			ts->received++;
			cs->received++;
			ts->by_channel[channel_index(c)]++;
			cs->by_channel[channel_index(c)]++;
			for (j = 0; j < r->nmonths; j++) {
				struct report_month *mo = &r->months[j];
				int64_t a = report_month_start(mo->year, mo->month);
				int64_t b = report_month_start(mo->year, mo->month + 1);

				if (in_range(c->received_at, a, b)) {
					mo->received++;
					mo->by_category[case_cat[i]]++;
					break;
				}
			}
		}
		count_hearing(ts, cs, c, p);
		if (in_range(c->received_at, p->prev_start, p->prev_end)) {
			ts->prev_received++;
			cs->prev_received++;
		}
		/* Resolved informally: ended then, without a decision. */
		if (c->resolved_at != 0 && dec == 0) {
			report_count_resolved(c, p, ts, cs);
			continue;
		}
		if (c->received_at < p->end && (dec == 0 || dec >= p->end)) {
			ts->open++;
			cs->open++;
		}
		if (dec == 0 || !in_range(dec, p->start, p->end))
			continue;
		int ji = judgement_index(c->judgement);
		int ontime = dec <= c->due_at;
		int64_t days = report_days_between(c->received_at, dec);

		ts->decided++;
		cs->decided++;
		ts->judgements[ji]++;
		cs->judgements[ji]++;
		ts->on_time += ontime;
		cs->on_time += ontime;
		ts->extended += c->extended != 0;
		cs->extended += c->extended != 0;
		days_add(&all, days);
		days_add(&per[case_cat[i]], days);
		for (j = 0; j < r->nmonths; j++) {
			struct report_month *mo = &r->months[j];

			if (in_range(dec, report_month_start(mo->year, mo->month),
			    report_month_start(mo->year, mo->month + 1))) {
				mo->decided++;
				break;
			}
		}
	}
	days_finish(&all, &r->total);
	free(all.v);
	for (i = 0; i < r->ncats; i++) {
		days_finish(&per[i], &r->cats[i].s);
		free(per[i].v);
	}
	free(per);

	/* Events: escalations and reopenings in the period, by case; the
	 * first contact of each case, whenever it was. */
	esc = xcalloc(in->ncases + 1, sizeof *esc);
	reo = xcalloc(in->ncases + 1, sizeof *reo);
	first = xcalloc(in->ncases + 1, sizeof *first);
	byid = xcalloc(in->ncases + 1, sizeof *byid);
	for (i = 0; i < in->ncases; i++) {
		byid[i].id = in->cases[i].id;
		byid[i].i = i;
	}
	qsort(byid, in->ncases, sizeof *byid, cmp_idx);
	for (i = 0; i < in->nevents; i++) {
		const struct report_event *e = &in->events[i];

		if (e->kind != RE_CONTACT && !in_range(e->at, p->start, p->end))
			continue;
		key.id = e->case_id;
		hit = in->ncases ? bsearch(&key, byid, in->ncases,
		    sizeof *byid, cmp_idx) : NULL;
		/* A merged or void case is no complaint: what happened on it
		 * (an escalation, a contact before it was voided) is in no
		 * figure either. */
		if (hit == NULL || case_cat[hit->i] == (size_t)-1 ||
		    in->cases[hit->i].admin != REPORT_ADMIN_NONE)
			continue;
		j = hit->i;
		if (e->kind == RE_CONTACT) {
			if (first[j] == 0 || e->at < first[j])
				first[j] = e->at;
			continue;
		}
		struct report_stats *cs = &r->cats[case_cat[j]].s;
		if (e->kind == RE_ESCALATION) {
			r->total.escalations++;
			cs->escalations++;
			if (esc[j]++ == 0) {
				r->total.cases_escalated++;
				cs->cases_escalated++;
			}
		} else {
			r->total.reopens++;
			cs->reopens++;
			if (reo[j]++ == 0) {
				r->total.cases_reopened++;
				cs->cases_reopened++;
			}
		}
	}
	for (i = 0; i < in->ncases; i++) {
		if (esc[i] == 0)
			continue;
		r->escalated = xreallocarray(r->escalated, r->nescalated + 1,
		    sizeof *r->escalated);
		r->escalated[r->nescalated].ref = xstrdup(in->cases[i].ref ?
		    in->cases[i].ref : "?");
		r->escalated[r->nescalated].category = xstrdup(
		    r->cats[case_cat[i]].id);
		r->escalated[r->nescalated].count = esc[i];
		r->nescalated++;
	}
	if (r->nescalated > 1)
		qsort(r->escalated, r->nescalated, sizeof *r->escalated,
		    cmp_escalated);
	contact_figures(r, in, case_cat, first);
	satisfaction_figures(r, in, case_cat);
	free(esc);
	free(reo);
	free(first);
	free(byid);
	free(case_cat);

	/* Rising categories. */
	r->rising = xcalloc(r->ncats + 1, sizeof *r->rising);
	for (i = 0; i < r->ncats; i++)
		if (r->cats[i].s.received > r->cats[i].s.prev_received)
			r->rising[r->nrising++] = i;
	sort_r = r;
	if (r->nrising > 1)
		qsort(r->rising, r->nrising, sizeof *r->rising, cmp_rising);
	sort_r = NULL;
	report_class_compute(r, in);
	report_measures(in, r);
	report_trend_compute(r, in);
	return r;
}

void
report_free(struct report *r)
{
	size_t	i;

	if (r == NULL)
		return;
	for (i = 0; i < r->ncats; i++) {
		free(r->cats[i].id);
		free(r->cats[i].name);
	}
	free(r->cats);
	for (i = 0; i < r->nmonths; i++)
		free(r->months[i].by_category);
	free(r->months);
	for (i = 0; i < r->nescalated; i++) {
		free(r->escalated[i].ref);
		free(r->escalated[i].category);
	}
	free(r->escalated);
	free(r->rising);
	report_class_free(r);
	report_trend_free(r);
	free(r->category);
	free(r->org_name);
	free(r->lang);
	free(r);
}

/* ------------------------------------------------------------- register */

static int
cmp_case_ref(const void *a, const void *b)
{
	const struct report_case *x = *(const struct report_case *const *)a;
	const struct report_case *y = *(const struct report_case *const *)b;
	int	c;

	if ((c = strcmp(x->ref ? x->ref : "", y->ref ? y->ref : "")) != 0)
		return c;
	return x->id < y->id ? -1 : x->id > y->id;
}

const struct report_case **
report_register_rows(const struct report_input *in, size_t *np)
{
	const struct report_case	**rows;
	size_t				 i, n = 0;

	rows = xcalloc(in->ncases + 1, sizeof *rows);
	for (i = 0; i < in->ncases; i++) {
		const struct report_case *c = &in->cases[i];

		if (!in_range(c->received_at, in->period.start,
		    in->period.end))
			continue;
		if (in->category != NULL && strcmp(report_case_category(c),
		    in->category) != 0)
			continue;
		/* Merged and void cases are no complaints (issue 14). */
		if (c->admin != REPORT_ADMIN_NONE)
			continue;
		rows[n++] = c;
	}
	qsort(rows, n, sizeof *rows, cmp_case_ref);
	*np = n;
	return rows;
}

void
report_register_hearings(const struct report_case **rows, size_t n,
    int64_t *held, int64_t skipped[REPORT_NGROUNDS])
{
	size_t	i, k;

	*held = 0;
	memset(skipped, 0, REPORT_NGROUNDS * sizeof *skipped);
	for (i = 0; i < n; i++) {
		if (rows[i]->hearing == NULL)
			continue;
		if (strcmp(rows[i]->hearing, "held") == 0)
			(*held)++;
		for (k = 0; k < REPORT_NGROUNDS; k++)
			if (strcmp(rows[i]->hearing, report_grounds[k]) == 0)
				skipped[k]++;
	}
}
