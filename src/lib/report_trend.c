/*
 * report_trend.c -- trend signals (issue 15): a category or cause rising
 * beyond its usual range.  The method is kept plain enough to state in
 * one sentence on the report itself: the complaints received in the last
 * full calendar month of the period are compared with the counts of the
 * REPORT_TREND_MONTHS months before it; a signal when the count is at
 * least the minimum and above their mean plus twice their standard
 * deviation.  The minimum keeps a move from 0 to 2 from being a "trend".
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lang.h"
#include "numfmt.h"
#include "report.h"

void
report_mean_sd(const int64_t *v, size_t n, double *mean, double *sd)
{
	double	sum = 0, sq = 0;
	size_t	i;

	for (i = 0; i < n; i++)
		sum += (double)v[i];
	*mean = sum / (double)n;
	for (i = 0; i < n; i++)
		sq += ((double)v[i] - *mean) * ((double)v[i] - *mean);
	*sd = sqrt(sq / (double)n);
}

int
report_trend_flag(int64_t count, const int64_t *before, size_t n,
    int64_t min)
{
	double	mean, sd;

	if (n == 0 || count < min)
		return 0;
	report_mean_sd(before, n, &mean, &sd);
	return (double)count > mean + 2 * sd;
}

/* One key (a category or a cause) and its monthly counts: [0] is the
 * trend month, [1..REPORT_TREND_MONTHS] the months before, nearest
 * first. */
struct series {
	const char	*id;
	int		 cause;
	int64_t		 n[REPORT_TREND_MONTHS + 1];
};

static struct series *
series_get(struct series **v, size_t *nv, const char *id, int cause)
{
	size_t	i;

	for (i = 0; i < *nv; i++)
		if ((*v)[i].cause == cause && strcmp((*v)[i].id, id) == 0)
			return &(*v)[i];
	*v = xreallocarray(*v, *nv + 1, sizeof **v);
	memset(&(*v)[*nv], 0, sizeof **v);
	(*v)[*nv].id = id;
	(*v)[*nv].cause = cause;
	return &(*v)[(*nv)++];
}

static const char *
trend_name(const struct report_input *in, const char *id, int cause)
{
	size_t	i;

	if (cause)
		return id;
	for (i = 0; i < in->ncat; i++)
		if (strcmp(in->cat_ids[i], id) == 0 && in->cat_names[i])
			return in->cat_names[i];
	return id;
}

void
report_trend_compute(struct report *r, const struct report_input *in)
{
	int64_t		 edge[REPORT_TREND_MONTHS + 2], t, end;
	struct series	*v = NULL, *s;
	struct tm	 tm;
	time_t		 tt;
	size_t		 nv = 0, i;
	int		 y, m, k;

	r->trend_min = in->trend_min > 0 ? in->trend_min : REPORT_TREND_MIN;
	/* A month not yet over is no full month: this year's report looks
	 * at the last month that has ended. */
	end = in->now > 0 && in->now < in->period.end ? in->now :
	    in->period.end;
	if (end <= in->period.start)
		return;
	/* The trend month: the month before the one holding the last
	 * second, unless the end is a month's first day. */
	tt = (time_t)(end - 1);
	localtime_r(&tt, &tm);
	y = tm.tm_year + 1900;
	m = tm.tm_mon + 1;
	if (report_month_start(y, m + 1) != end)
		m--;
	if (report_month_start(y, m) < in->period.start)
		return;		/* no full month in the period */
	/* edge[k]: the start of the k-th month back; month k is
	 * [edge[k], edge[k - 1]), edge[-1] being the trend month's end. */
	for (k = 0; k <= REPORT_TREND_MONTHS + 1; k++)
		edge[k] = report_month_start(y, m + 1 - k);
	tt = (time_t)edge[1];
	localtime_r(&tt, &tm);
	r->trend_year = tm.tm_year + 1900;
	r->trend_month = tm.tm_mon + 1;

	for (i = 0; i < in->ncases; i++) {
		const struct report_case *c = &in->cases[i];
		const char *cat = report_case_category(c);

		t = c->received_at;
		if (c->admin != REPORT_ADMIN_NONE || t < edge[
		    REPORT_TREND_MONTHS + 1] || t >= edge[0])
			continue;
		if (in->category != NULL && strcmp(cat, in->category) != 0)
			continue;
		for (k = 1; k <= REPORT_TREND_MONTHS + 1; k++)
			if (t >= edge[k])
				break;
		/* Month index: 0 the trend month, then back. */
		if (strcmp(cat, REPORT_NO_CATEGORY) != 0) {
			s = series_get(&v, &nv, cat, 0);
			s->n[k - 1]++;
		}
		if (c->cause != NULL && *c->cause != '\0') {
			s = series_get(&v, &nv, c->cause, 1);
			s->n[k - 1]++;
		}
	}
	for (i = 0; i < nv; i++) {
		struct report_trend	*tr;

		s = &v[i];
		if (!report_trend_flag(s->n[0], &s->n[1], REPORT_TREND_MONTHS,
		    r->trend_min))
			continue;
		r->trends = xreallocarray(r->trends, r->ntrends + 1,
		    sizeof *r->trends);
		tr = &r->trends[r->ntrends++];
		tr->cause = s->cause;
		tr->id = xstrdup(s->id);
		tr->name = xstrdup(trend_name(in, s->id, s->cause));
		tr->count = s->n[0];
		report_mean_sd(&s->n[1], REPORT_TREND_MONTHS, &tr->mean,
		    &tr->sd);
		tr->limit = tr->mean + 2 * tr->sd;
	}
	free(v);
}

void
report_trend_free(struct report *r)
{
	size_t	i;

	for (i = 0; i < r->ntrends; i++) {
		free(r->trends[i].id);
		free(r->trends[i].name);
	}
	free(r->trends);
	r->trends = NULL;
	r->ntrends = 0;
}

void
report_trend_method(struct buf *b, const struct report *r)
{
	char	n[NUMFMT_MAX];
	int	en = lang_parse(r->lang) == LANG_EN;

	numfmt_int(n, sizeof n, r->trend_min, lang_parse(r->lang));
	if (r->trend_year == 0) {
		buf_adds(b, en ? "The period holds no full calendar month, so "
		    "there are no trend signals." : "De periode bevat geen "
		    "hele kalendermaand, dus er zijn geen trendsignalen.");
		return;
	}
	if (en)
		buf_printf(b, "A category or cause is flagged when it received "
		    "at least %s complaints in %04d-%02d and more than the mean "
		    "plus twice the standard deviation of its monthly counts in "
		    "the %d months before.", n, r->trend_year, r->trend_month,
		    REPORT_TREND_MONTHS);
	else
		buf_printf(b, "Een categorie of oorzaak wordt gemeld als zij in "
		    "%04d-%02d ten minste %s klachten kreeg en meer dan het "
		    "gemiddelde plus tweemaal de standaardafwijking van haar "
		    "aantallen per maand in de %d maanden daarvoor.",
		    r->trend_year, r->trend_month, n, REPORT_TREND_MONTHS);
}
