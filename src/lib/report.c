/*
 * report.c -- the figures of the complaints report and the yearly
 * register, computed from plain structs, and their text, CSV and JSON
 * forms.  No database and no I/O here: klachtctl loads the cases and
 * events, report_compute() counts, the writers append to a buffer.  The
 * definitions of every figure are in report.h.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "calendar.h"
#include "json.h"
#include "report.h"

int
report_format_parse(const char *s, enum report_format *f)
{
	static const char *names[] = { "text", "csv", "json", "html" };
	size_t	i;

	for (i = 0; s != NULL && i < sizeof names / sizeof names[0]; i++)
		if (strcmp(s, names[i]) == 0) {
			*f = (enum report_format)i;
			return 0;
		}
	return -1;
}

/* Local midnight of day 1 of month (1-12, may overflow) of year. */
static int64_t
month_start(int year, int month)
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
	p->start = month_start(year, 1);
	p->end = month_start(year + 1, 1);
	p->prev_start = month_start(year - 1, 1);
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

static const char *
cat_key(const struct report_case *c)
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
	int64_t				*esc, *reo;
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
		const char *k = cat_key(&in->cases[i]);

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
		const char *k = cat_key(&in->cases[i]);

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
		if (in_range(c->received_at, p->start, p->end)) {
			ts->received++;
			cs->received++;
			for (j = 0; j < r->nmonths; j++) {
				struct report_month *mo = &r->months[j];
				int64_t a = month_start(mo->year, mo->month);
				int64_t b = month_start(mo->year, mo->month + 1);

				if (in_range(c->received_at, a, b)) {
					mo->received++;
					mo->by_category[case_cat[i]]++;
					break;
				}
			}
		}
		if (in_range(c->received_at, p->prev_start, p->prev_end)) {
			ts->prev_received++;
			cs->prev_received++;
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

			if (in_range(dec, month_start(mo->year, mo->month),
			    month_start(mo->year, mo->month + 1))) {
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

	/* Events: escalations and reopenings in the period, by case. */
	esc = xcalloc(in->ncases + 1, sizeof *esc);
	reo = xcalloc(in->ncases + 1, sizeof *reo);
	byid = xcalloc(in->ncases + 1, sizeof *byid);
	for (i = 0; i < in->ncases; i++) {
		byid[i].id = in->cases[i].id;
		byid[i].i = i;
	}
	qsort(byid, in->ncases, sizeof *byid, cmp_idx);
	for (i = 0; i < in->nevents; i++) {
		const struct report_event *e = &in->events[i];

		if (!in_range(e->at, p->start, p->end))
			continue;
		key.id = e->case_id;
		hit = in->ncases ? bsearch(&key, byid, in->ncases,
		    sizeof *byid, cmp_idx) : NULL;
		if (hit == NULL || case_cat[hit->i] == (size_t)-1)
			continue;
		j = hit->i;
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
	free(esc);
	free(reo);
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
	free(r->category);
	free(r->org_name);
	free(r->lang);
	free(r);
}

void
report_write(struct buf *b, const struct report *r, enum report_format f)
{
	switch (f) {
	case REPORT_TEXT:
		report_text(b, r);
		break;
	case REPORT_CSV:
		report_csv(b, r);
		break;
	case REPORT_JSON:
		report_json(b, r);
		break;
	case REPORT_HTML:
		report_html(b, r);
		break;
	}
}

/* ----------------------------------------------------------------- text */

static char *
period_end_date(const struct report_period *p)
{
	return cal_format_iso_date(cal_add_days(p->end, -1));
}

static void
text_stats(struct buf *b, const struct report_stats *s, const char *indent)
{
	char	p1[32], p2[32];

	report_pct(p1, sizeof p1, s->on_time, s->decided);
	report_pct(p2, sizeof p2, s->extended, s->decided);
	buf_printf(b, "%sreceived %lld, decided %lld, open at the end %lld\n",
	    indent, (long long)s->received, (long long)s->decided,
	    (long long)s->open);
	buf_printf(b, "%sdecided within the term: %lld of %lld (%s%s); "
	    "term extended: %lld (%s%s)\n", indent, (long long)s->on_time,
	    (long long)s->decided, p1, s->decided ? "%" : "",
	    (long long)s->extended, p2, s->decided ? "%" : "");
	buf_printf(b, "%shandling time in days: median ", indent);
	if (s->handled)
		report_half(b, s->median2);
	else
		buf_addc(b, '-');
	buf_adds(b, ", 90th percentile ");
	if (s->handled)
		buf_printf(b, "%lld", (long long)s->p90);
	else
		buf_addc(b, '-');
	buf_printf(b, "\n%sescalations %lld (%lld cases); reopened %lld "
	    "times (%lld cases)\n", indent, (long long)s->escalations,
	    (long long)s->cases_escalated, (long long)s->reopens,
	    (long long)s->cases_reopened);
}

void
report_text(struct buf *b, const struct report *r)
{
	char	*from = cal_format_iso_date(r->period.start);
	char	*to = period_end_date(&r->period);
	char	*pfrom = cal_format_iso_date(r->period.prev_start);
	char	*pto = cal_format_iso_date(cal_add_days(r->period.prev_end,
		    -1));
	char	 pc[32];
	size_t	 i, j;
	int	 w = 8;

	buf_printf(b, "Complaints report %s to %s%s%s%s\n", from, to,
	    r->category ? " (category " : "", r->category ? r->category : "",
	    r->category ? ")" : "");
	buf_printf(b, "%s\n\nTotals\n", r->org_name);
	text_stats(b, &r->total, "  ");

	buf_adds(b, "\nJudgements (of the cases decided)\n");
	for (i = 0; i < REPORT_NJUDGEMENTS; i++)
		buf_printf(b, "  %-18s %6lld\n", judgement_id((enum judgement)i),
		    (long long)r->total.judgements[i]);
	if (r->total.judgements[REPORT_J_NONE])
		buf_printf(b, "  %-18s %6lld\n", "(none)",
		    (long long)r->total.judgements[REPORT_J_NONE]);

	for (i = 0; i < r->ncats; i++)
		if ((int)strlen(r->cats[i].id) > w)
			w = (int)strlen(r->cats[i].id);
	if (w > 24)
		w = 24;
	buf_printf(b, "\nPer category\n  %-*.*s %8s %8s %6s %8s %7s %7s %6s "
	    "%6s %8s\n", w, w, "CATEGORY", "RECEIVED", "DECIDED", "OPEN",
	    "ON TIME", "MEDIAN", "P90", "ESC", "REOPEN", "PREVIOUS");
	for (i = 0; i < r->ncats; i++) {
		const struct report_stats *s = &r->cats[i].s;
		struct buf med;

		buf_init(&med);
		if (s->handled)
			report_half(&med, s->median2);
		else
			buf_addc(&med, '-');
		report_pct(pc, sizeof pc, s->on_time, s->decided);
		buf_printf(b, "  %-*.*s %8lld %8lld %6lld %7s%s %7s ", w, w,
		    r->cats[i].id, (long long)s->received,
		    (long long)s->decided, (long long)s->open, pc,
		    s->decided ? "%" : " ", med.data);
		if (s->handled)
			buf_printf(b, "%7lld", (long long)s->p90);
		else
			buf_printf(b, "%7s", "-");
		buf_printf(b, " %6lld %6lld %8lld\n", (long long)s->escalations,
		    (long long)s->reopens, (long long)s->prev_received);
		buf_free(&med);
	}

	buf_printf(b, "\nPer month\n  %-7s %8s %8s  %s\n", "MONTH", "RECEIVED",
	    "DECIDED", "RECEIVED PER CATEGORY");
	for (i = 0; i < r->nmonths; i++) {
		const struct report_month *mo = &r->months[i];
		int first = 1;

		buf_printf(b, "  %04d-%02d %8lld %8lld  ", mo->year, mo->month,
		    (long long)mo->received, (long long)mo->decided);
		for (j = 0; j < r->ncats; j++) {
			if (mo->by_category[j] == 0)
				continue;
			buf_printf(b, "%s%s %lld", first ? "" : ", ",
			    r->cats[j].id, (long long)mo->by_category[j]);
			first = 0;
		}
		buf_addc(b, '\n');
	}

	buf_printf(b, "\nCategories rising against %s to %s\n", pfrom, pto);
	if (r->nrising == 0)
		buf_adds(b, "  none\n");
	for (i = 0; i < r->nrising; i++) {
		const struct report_category *c = &r->cats[r->rising[i]];
		int64_t d = c->s.received - c->s.prev_received;

		if (report_pct(pc, sizeof pc, d, c->s.prev_received))
			buf_printf(b, "  %-*.*s %lld -> %lld (+%lld, +%s%%)\n",
			    w, w, c->id, (long long)c->s.prev_received,
			    (long long)c->s.received, (long long)d, pc);
		else
			buf_printf(b, "  %-*.*s %lld -> %lld (+%lld, new)\n",
			    w, w, c->id, (long long)c->s.prev_received,
			    (long long)c->s.received, (long long)d);
	}

	if (r->nescalated > 0) {
		buf_adds(b, "\nEscalated cases (most escalations first)\n");
		for (i = 0; i < r->nescalated && i < 20; i++)
			buf_printf(b, "  %-18s %-*.*s %lld\n",
			    r->escalated[i].ref, w, w,
			    r->escalated[i].category,
			    (long long)r->escalated[i].count);
		if (r->nescalated > 20)
			buf_printf(b, "  ... and %zu more (see --format "
			    "json or csv)\n", r->nescalated - 20);
	}
	free(from);
	free(to);
	free(pfrom);
	free(pto);
}

/* ------------------------------------------------------------------ csv */

/* A CSV field: quoted when it holds a comma, quote or line break. */
static void
csv_field(struct buf *b, const char *s)
{
	if (s == NULL)
		return;
	if (strpbrk(s, ",\"\r\n") == NULL) {
		buf_adds(b, s);
		return;
	}
	buf_addc(b, '"');
	for (; *s != '\0'; s++) {
		if (*s == '"')
			buf_addc(b, '"');
		buf_addc(b, *s);
	}
	buf_addc(b, '"');
}

static void
csv_row(struct buf *b, const char *metric, const char *cat,
    const char *month, const char *key, const char *value)
{
	csv_field(b, metric);
	buf_addc(b, ',');
	csv_field(b, cat);
	buf_addc(b, ',');
	csv_field(b, month);
	buf_addc(b, ',');
	csv_field(b, key);
	buf_addc(b, ',');
	csv_field(b, value);
	buf_adds(b, "\r\n");
}

static void
csv_int(struct buf *b, const char *metric, const char *cat,
    const char *month, const char *key, int64_t v)
{
	char	s[32];

	snprintf(s, sizeof s, "%lld", (long long)v);
	csv_row(b, metric, cat, month, key, s);
}

static void
csv_stats(struct buf *b, const struct report_stats *s, const char *cat)
{
	char	 pc[32];
	size_t	 i;
	struct buf med;

	csv_int(b, "received", cat, NULL, NULL, s->received);
	csv_int(b, "decided", cat, NULL, NULL, s->decided);
	csv_int(b, "open", cat, NULL, NULL, s->open);
	csv_int(b, "on_time", cat, NULL, NULL, s->on_time);
	report_pct(pc, sizeof pc, s->on_time, s->decided);
	csv_row(b, "on_time_pct", cat, NULL, NULL, s->decided ? pc : NULL);
	csv_int(b, "extended", cat, NULL, NULL, s->extended);
	report_pct(pc, sizeof pc, s->extended, s->decided);
	csv_row(b, "extended_pct", cat, NULL, NULL, s->decided ? pc : NULL);
	buf_init(&med);
	if (s->handled)
		report_half(&med, s->median2);
	csv_row(b, "handling_days_median", cat, NULL, NULL, med.data);
	buf_free(&med);
	if (s->handled)
		csv_int(b, "handling_days_p90", cat, NULL, NULL, s->p90);
	else
		csv_row(b, "handling_days_p90", cat, NULL, NULL, NULL);
	for (i = 0; i < REPORT_NJUDGEMENTS; i++)
		csv_int(b, "judgement", cat, NULL, judgement_id((enum judgement)i),
		    s->judgements[i]);
	csv_int(b, "judgement", cat, NULL, "none",
	    s->judgements[REPORT_J_NONE]);
	csv_int(b, "escalations", cat, NULL, NULL, s->escalations);
	csv_int(b, "cases_escalated", cat, NULL, NULL, s->cases_escalated);
	csv_int(b, "reopened", cat, NULL, NULL, s->reopens);
	csv_int(b, "cases_reopened", cat, NULL, NULL, s->cases_reopened);
	csv_int(b, "previous_received", cat, NULL, NULL, s->prev_received);
}

/*
 * One tidy table: metric,category,month,key,value.  category is empty for
 * all categories together, month (YYYY-MM) empty for the whole period, key
 * the judgement for metric "judgement" and the reference for
 * "case_escalations"; empty values are "not applicable" (no decided case).
 */
void
report_csv(struct buf *b, const struct report *r)
{
	char	*from = cal_format_iso_date(r->period.start);
	char	*to = period_end_date(&r->period);
	char	*pfrom = cal_format_iso_date(r->period.prev_start);
	char	*pto = cal_format_iso_date(cal_add_days(r->period.prev_end,
		    -1));
	char	 mon[16], pc[32];
	size_t	 i, j;

	buf_adds(b, "metric,category,month,key,value\r\n");
	csv_row(b, "period_from", NULL, NULL, NULL, from);
	csv_row(b, "period_to", NULL, NULL, NULL, to);
	csv_row(b, "previous_from", NULL, NULL, NULL, pfrom);
	csv_row(b, "previous_to", NULL, NULL, NULL, pto);
	csv_stats(b, &r->total, NULL);
	for (i = 0; i < r->ncats; i++) {
		const struct report_category *c = &r->cats[i];

		csv_stats(b, &c->s, c->id);
		if (c->s.received > c->s.prev_received) {
			csv_int(b, "rising_change", c->id, NULL, NULL,
			    c->s.received - c->s.prev_received);
			report_pct(pc, sizeof pc, c->s.received -
			    c->s.prev_received, c->s.prev_received);
			csv_row(b, "rising_change_pct", c->id, NULL, NULL,
			    c->s.prev_received ? pc : NULL);
		}
	}
	for (i = 0; i < r->nmonths; i++) {
		snprintf(mon, sizeof mon, "%04d-%02d", r->months[i].year,
		    r->months[i].month);
		csv_int(b, "received", NULL, mon, NULL, r->months[i].received);
		csv_int(b, "decided", NULL, mon, NULL, r->months[i].decided);
		for (j = 0; j < r->ncats; j++)
			csv_int(b, "received", r->cats[j].id, mon, NULL,
			    r->months[i].by_category[j]);
	}
	for (i = 0; i < r->nescalated; i++)
		csv_int(b, "case_escalations", r->escalated[i].category, NULL,
		    r->escalated[i].ref, r->escalated[i].count);
	free(from);
	free(to);
	free(pfrom);
	free(pto);
}

/* ----------------------------------------------------------------- json */

static void
json_key(struct buf *b, int *first, const char *k)
{
	if (!*first)
		buf_addc(b, ',');
	*first = 0;
	json_str(b, k);
	buf_addc(b, ':');
}

static void
json_pct(struct buf *b, int *first, const char *k, int64_t part,
    int64_t whole)
{
	char	pc[32];

	json_key(b, first, k);
	if (report_pct(pc, sizeof pc, part, whole))
		buf_adds(b, pc);
	else
		buf_adds(b, "null");
}

static void
json_stats(struct buf *b, int *first, const struct report_stats *s)
{
	size_t	i;
	int	f2;

	json_kv_int(b, first, "received", s->received);
	json_kv_int(b, first, "decided", s->decided);
	json_kv_int(b, first, "open", s->open);
	json_kv_int(b, first, "on_time", s->on_time);
	json_pct(b, first, "on_time_pct", s->on_time, s->decided);
	json_kv_int(b, first, "extended", s->extended);
	json_pct(b, first, "extended_pct", s->extended, s->decided);
	json_key(b, first, "handling_days");
	buf_adds(b, "{\"count\":");
	buf_printf(b, "%lld,\"median\":", (long long)s->handled);
	if (s->handled)
		report_half(b, s->median2);
	else
		buf_adds(b, "null");
	buf_adds(b, ",\"p90\":");
	if (s->handled)
		buf_printf(b, "%lld", (long long)s->p90);
	else
		buf_adds(b, "null");
	buf_addc(b, '}');
	json_key(b, first, "judgements");
	buf_addc(b, '{');
	f2 = 1;
	for (i = 0; i < REPORT_NJUDGEMENTS; i++)
		json_kv_int(b, &f2, judgement_id((enum judgement)i), s->judgements[i]);
	json_kv_int(b, &f2, "none", s->judgements[REPORT_J_NONE]);
	buf_addc(b, '}');
	json_kv_int(b, first, "escalations", s->escalations);
	json_kv_int(b, first, "cases_escalated", s->cases_escalated);
	json_kv_int(b, first, "reopened", s->reopens);
	json_kv_int(b, first, "cases_reopened", s->cases_reopened);
	json_kv_int(b, first, "previous_received", s->prev_received);
}

/*
 * Stable keys for scripts: new keys may be added, existing ones keep
 * their meaning.  See report.h and README "Reports".
 */
void
report_json(struct buf *b, const struct report *r)
{
	char	*from = cal_format_iso_date(r->period.start);
	char	*to = period_end_date(&r->period);
	char	*pfrom = cal_format_iso_date(r->period.prev_start);
	char	*pto = cal_format_iso_date(cal_add_days(r->period.prev_end,
		    -1));
	char	*gen = cal_format_iso(r->generated_at);
	char	 mon[16];
	size_t	 i, j;
	int	 first = 1, f2;

	buf_addc(b, '{');
	json_kv_int(b, &first, "version", 1);
	json_kv_str(b, &first, "generated", gen);
	json_key(b, &first, "period");
	f2 = 1;
	buf_addc(b, '{');
	json_kv_str(b, &f2, "from", from);
	json_kv_str(b, &f2, "to", to);
	json_kv_str(b, &f2, "previous_from", pfrom);
	json_kv_str(b, &f2, "previous_to", pto);
	buf_addc(b, '}');
	json_kv_str(b, &first, "category", r->category);
	json_key(b, &first, "totals");
	buf_addc(b, '{');
	f2 = 1;
	json_stats(b, &f2, &r->total);
	buf_addc(b, '}');

	json_key(b, &first, "categories");
	buf_addc(b, '[');
	for (i = 0; i < r->ncats; i++) {
		const struct report_category *c = &r->cats[i];

		if (i > 0)
			buf_addc(b, ',');
		buf_addc(b, '{');
		f2 = 1;
		json_kv_str(b, &f2, "id", c->id);
		json_kv_str(b, &f2, "name", c->name);
		json_kv_bool(b, &f2, "configured", c->configured);
		json_stats(b, &f2, &c->s);
		buf_addc(b, '}');
	}
	buf_addc(b, ']');

	json_key(b, &first, "months");
	buf_addc(b, '[');
	for (i = 0; i < r->nmonths; i++) {
		const struct report_month *mo = &r->months[i];
		int f3 = 1;

		if (i > 0)
			buf_addc(b, ',');
		snprintf(mon, sizeof mon, "%04d-%02d", mo->year, mo->month);
		buf_addc(b, '{');
		f2 = 1;
		json_kv_str(b, &f2, "month", mon);
		json_kv_int(b, &f2, "received", mo->received);
		json_kv_int(b, &f2, "decided", mo->decided);
		json_key(b, &f2, "by_category");
		buf_addc(b, '{');
		for (j = 0; j < r->ncats; j++)
			json_kv_int(b, &f3, r->cats[j].id,
			    mo->by_category[j]);
		buf_adds(b, "}}");
	}
	buf_addc(b, ']');

	json_key(b, &first, "rising");
	buf_addc(b, '[');
	for (i = 0; i < r->nrising; i++) {
		const struct report_category *c = &r->cats[r->rising[i]];

		if (i > 0)
			buf_addc(b, ',');
		buf_addc(b, '{');
		f2 = 1;
		json_kv_str(b, &f2, "category", c->id);
		json_kv_int(b, &f2, "previous", c->s.prev_received);
		json_kv_int(b, &f2, "current", c->s.received);
		json_kv_int(b, &f2, "change", c->s.received -
		    c->s.prev_received);
		json_pct(b, &f2, "change_pct", c->s.received -
		    c->s.prev_received, c->s.prev_received);
		buf_addc(b, '}');
	}
	buf_addc(b, ']');

	json_key(b, &first, "escalated_cases");
	buf_addc(b, '[');
	for (i = 0; i < r->nescalated; i++) {
		if (i > 0)
			buf_addc(b, ',');
		buf_addc(b, '{');
		f2 = 1;
		json_kv_str(b, &f2, "reference", r->escalated[i].ref);
		json_kv_str(b, &f2, "category", r->escalated[i].category);
		json_kv_int(b, &f2, "escalations", r->escalated[i].count);
		buf_addc(b, '}');
	}
	buf_adds(b, "]}\n");
	free(from);
	free(to);
	free(pfrom);
	free(pto);
	free(gen);
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

void
report_register(struct buf *b, const struct report_input *in,
    enum report_format f)
{
	const struct report_case	**rows;
	size_t				 i, n = 0;
	char				*from, *to, *gen;
	int				 first;

	rows = xcalloc(in->ncases + 1, sizeof *rows);
	for (i = 0; i < in->ncases; i++) {
		const struct report_case *c = &in->cases[i];

		if (!in_range(c->received_at, in->period.start,
		    in->period.end))
			continue;
		if (in->category != NULL && strcmp(cat_key(c),
		    in->category) != 0)
			continue;
		rows[n++] = c;
	}
	qsort(rows, n, sizeof *rows, cmp_case_ref);
	if (f == REPORT_HTML) {
		report_register_html(b, in, rows, n);
		free(rows);
		return;
	}
	from = cal_format_iso_date(in->period.start);
	to = cal_format_iso_date(cal_add_days(in->period.end, -1));
	gen = cal_format_iso(in->now);
	if (f == REPORT_CSV)
		buf_adds(b, "reference,received,category,judgement,decided,"
		    "handling_days\r\n");
	else if (f == REPORT_JSON) {
		buf_adds(b, "{\"version\":1,");
		first = 1;
		json_kv_str(b, &first, "generated", gen);
		json_kv_str(b, &first, "from", from);
		json_kv_str(b, &first, "to", to);
		json_kv_str(b, &first, "category", in->category);
		buf_adds(b, ",\"complaints\":[");
	} else
		buf_printf(b, "Register of complaints %s to %s (Awb 9:12a)\n"
		    "%s\n\n%-16s %-10s %-20s %-17s %-10s %s\n", from, to,
		    in->org_name ? in->org_name : "", "REFERENCE", "RECEIVED",
		    "CATEGORY", "JUDGEMENT", "DECIDED", "DAYS");
	for (i = 0; i < n; i++) {
		const struct report_case *c = rows[i];
		char *rec = cal_format_iso_date(c->received_at);
		char *dec = c->decided_at ? cal_format_iso_date(c->decided_at) :
		    NULL;
		int64_t days = c->decided_at ? report_days_between(
		    c->received_at, c->decided_at) : -1;
		const char *j = c->decided_at ? (c->judgement ? c->judgement :
		    "none") : NULL;
		char ds[32];

		snprintf(ds, sizeof ds, "%lld", (long long)days);
		switch (f) {
		case REPORT_CSV:
			csv_field(b, c->ref);
			buf_addc(b, ',');
			csv_field(b, rec);
			buf_addc(b, ',');
			csv_field(b, cat_key(c));
			buf_addc(b, ',');
			csv_field(b, j);
			buf_addc(b, ',');
			csv_field(b, dec);
			buf_addc(b, ',');
			csv_field(b, days >= 0 ? ds : NULL);
			buf_adds(b, "\r\n");
			break;
		case REPORT_JSON:
			if (i > 0)
				buf_addc(b, ',');
			buf_addc(b, '{');
			first = 1;
			json_kv_str(b, &first, "reference", c->ref);
			json_kv_str(b, &first, "received", rec);
			json_kv_str(b, &first, "category", cat_key(c));
			json_kv_str(b, &first, "judgement", j);
			json_kv_str(b, &first, "decided", dec);
			json_key(b, &first, "handling_days");
			buf_adds(b, days >= 0 ? ds : "null");
			buf_addc(b, '}');
			break;
		default:
			buf_printf(b, "%-16s %-10s %-20.20s %-17s %-10s %s\n",
			    c->ref, rec, cat_key(c), j ? j : "(open)",
			    dec ? dec : "-", days >= 0 ? ds : "-");
			break;
		}
		free(rec);
		free(dec);
	}
	if (f == REPORT_JSON)
		buf_adds(b, "]}\n");
	else if (f == REPORT_TEXT)
		buf_printf(b, "\n%zu complaint(s)\n", n);
	free(rows);
	free(from);
	free(to);
	free(gen);
}
