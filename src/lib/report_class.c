/*
 * report_class.c -- the report's figures per department, cause and label
 * (issue 15; definitions in report.h).  Pure like report.c: the cases
 * carry their classification, the input the configured lists.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "casestate.h"
#include "report.h"

static int
in_range(int64_t t, int64_t a, int64_t b)
{
	return t >= a && t < b;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
cmp_label(const void *a, const void *b)
{
	const struct report_label *x = a, *y = b;

	if (x->received != y->received)
		return x->received > y->received ? -1 : 1;
	return strcmp(x->label, y->label);
}

/* Whether case c counts at all: the category filter, and no merged or
 * void case (no complaint). */
static int
counts(const struct report_input *in, const struct report_case *c)
{
	if (in->category != NULL &&
	    strcmp(report_case_category(c), in->category) != 0)
		return 0;
	return c->admin == REPORT_ADMIN_NONE;
}

static const char *
key_of(const struct report_case *c, int dept)
{
	const char	*v = dept ? c->department : c->cause;

	return v != NULL && *v != '\0' ? v : REPORT_NO_CLASS;
}

static size_t
group_add(struct report_group **g, size_t *n, const char *id,
    const char *name)
{
	*g = xreallocarray(*g, *n + 1, sizeof **g);
	memset(&(*g)[*n], 0, sizeof **g);
	(*g)[*n].id = xstrdup(id);
	(*g)[*n].name = xstrdup(name ? name : id);
	return (*n)++;
}

/* The groups of departments (dept) or causes, and their counts. */
static void
groups(struct report *r, const struct report_input *in, int dept,
    struct report_group **gp, size_t *np)
{
	const struct report_period	*p = &in->period;
	const char *const		*ids = dept ? in->dept_ids : in->cause_ids;
	size_t				 nids = dept ? in->ndept : in->ncause;
	char				**extra;
	size_t				 i, j, nextra = 0;
	int				 none = 0;

	(void)r;
	*gp = NULL;
	*np = 0;
	for (i = 0; i < nids; i++)
		group_add(gp, np, ids[i], dept && in->dept_names ?
		    in->dept_names[i] : NULL);
	/* Ids no longer configured, then "(none)", when cases have them. */
	extra = xcalloc(in->ncases + 1, sizeof *extra);
	for (i = 0; i < in->ncases; i++) {
		const char *k = key_of(&in->cases[i], dept);

		if (!counts(in, &in->cases[i]))
			continue;
		if (strcmp(k, REPORT_NO_CLASS) == 0) {
			none = 1;
			continue;
		}
		for (j = 0; j < *np; j++)
			if (strcmp((*gp)[j].id, k) == 0)
				break;
		if (j < *np)
			continue;
		for (j = 0; j < nextra; j++)
			if (strcmp(extra[j], k) == 0)
				break;
		if (j == nextra)
			extra[nextra++] = (char *)k;
	}
	qsort(extra, nextra, sizeof *extra, cmp_str);
	for (j = 0; j < nextra; j++)
		group_add(gp, np, extra[j], NULL);
	free(extra);
	if (none)
		group_add(gp, np, REPORT_NO_CLASS, r->lang != NULL &&
		    strcmp(r->lang, "nl") == 0 ? "(geen)" : "(none)");

	for (i = 0; i < in->ncases; i++) {
		const struct report_case	*c = &in->cases[i];
		const char			*k = key_of(c, dept);
		struct report_group		*g = NULL;
		enum judgement			 ju;

		if (!counts(in, c))
			continue;
		for (j = 0; j < *np; j++)
			if (strcmp((*gp)[j].id, k) == 0)
				g = &(*gp)[j];
		if (g == NULL)
			continue;
		if (in_range(c->received_at, p->start, p->end))
			g->received++;
		if (c->decided_at != 0 && in_range(c->decided_at, p->start,
		    p->end)) {
			g->decided++;
			ju = judgement_by_id(c->judgement);
			g->judgements[ju == J_INVALID ? REPORT_J_NONE :
			    (int)ju]++;
			if (c->sat_asked) {
				g->sat_asked++;
				if (c->sat_score >= 1 && c->sat_score <= 5) {
					g->sat_answered++;
					g->sat_sum += c->sat_score;
				}
			}
		}
	}
}

/* The measures per group: a measure counts once in each group of the
 * cases it is linked to. */
static void
group_measures(const struct report_input *in, int dept,
    struct report_group *g, size_t n)
{
	size_t	i, j, k;
	int64_t	*seen;

	if (n == 0 || in->nmeasures == 0)
		return;
	/* The last measure counted per group (ids start at 1): rows come
	 * by measure.  Measures are few: a linear search for the case. */
	seen = xcalloc(n, sizeof *seen);
	for (i = 0; i < in->nmeasures; i++) {
		const struct report_measure *m = &in->measures[i];

		for (j = 0; j < in->ncases; j++)
			if (in->cases[j].id == m->case_id)
				break;
		if (j == in->ncases || !counts(in, &in->cases[j]))
			continue;
		for (k = 0; k < n; k++)
			if (strcmp(g[k].id, key_of(&in->cases[j], dept)) == 0)
				break;
		if (k == n || seen[k] == m->id)
			continue;
		seen[k] = m->id;
		g[k].m_done += m->done != 0;
		g[k].m_open += m->done == 0;
		g[k].m_late += m->done == 0 && m->late;
	}
	free(seen);
}

static void
labels(struct report *r, const struct report_input *in)
{
	const struct report_period	*p = &in->period;
	const char *const		*l;
	size_t				 i, j;

	for (i = 0; i < in->ncases; i++) {
		const struct report_case *c = &in->cases[i];

		if (!counts(in, c) || c->labels == NULL ||
		    !in_range(c->received_at, p->start, p->end))
			continue;
		for (l = c->labels; *l != NULL; l++) {
			for (j = 0; j < r->nlabels; j++)
				if (strcmp(r->labels[j].label, *l) == 0)
					break;
			if (j == r->nlabels) {
				r->labels = xreallocarray(r->labels,
				    r->nlabels + 1, sizeof *r->labels);
				r->labels[j].label = xstrdup(*l);
				r->labels[j].received = 0;
				r->nlabels++;
			}
			r->labels[j].received++;
		}
	}
	if (r->nlabels > 1)
		qsort(r->labels, r->nlabels, sizeof *r->labels, cmp_label);
}

void
report_class_compute(struct report *r, const struct report_input *in)
{
	groups(r, in, 1, &r->depts, &r->ndepts);
	groups(r, in, 0, &r->causes, &r->ncauses);
	group_measures(in, 1, r->depts, r->ndepts);
	group_measures(in, 0, r->causes, r->ncauses);
	labels(r, in);
}

void
report_class_free(struct report *r)
{
	size_t	i;

	for (i = 0; i < r->ndepts; i++) {
		free(r->depts[i].id);
		free(r->depts[i].name);
	}
	free(r->depts);
	for (i = 0; i < r->ncauses; i++) {
		free(r->causes[i].id);
		free(r->causes[i].name);
	}
	free(r->causes);
	for (i = 0; i < r->nlabels; i++)
		free(r->labels[i].label);
	free(r->labels);
}
