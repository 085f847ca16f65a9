/*
 * report_write.c -- the complaints report and the yearly register as text,
 * CSV and JSON, written from the figures report.c computed (report.h);
 * report_write() and report_register() also hand the HTML form to
 * report_html.c.  Only appends to a buffer: no database and no I/O.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "json.h"
#include "lang.h"
#include "numfmt.h"
#include "report_write.h"

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

/* The English or the Dutch words, by the report's language. */
#define W(en, s_en, s_nl)	((en) ? (s_en) : (s_nl))

/* A whole number as the report's readers write it (numfmt.h). */
static const char *
n_(char *out, int64_t v, enum lang l)
{
	return numfmt_int(out, NUMFMT_MAX, v, l);
}

/* The satisfaction figures (report.h): one line, and one per judgement
 * that was asked.  The average is sum / answered, through numfmt_pct
 * of sum in 100 * answered (one decimal in the reader's form). */
static void
text_satisfaction(struct buf *b, const struct report_stats *s,
    const char *indent, enum lang l)
{
	char	a[NUMFMT_MAX], c[NUMFMT_MAX], p[NUMFMT_MAX], v[NUMFMT_MAX];
	int	en = l == LANG_EN, i;

	numfmt_pct(p, sizeof p, s->sat_answered, s->sat_asked, l);
	numfmt_pct(v, sizeof v, s->sat_sum, 100 * s->sat_answered, l);
	buf_printf(b, W(en, "%ssatisfaction: asked %s, answered %s (%s%s), "
	    "average score %s (1-5)\n", "%stevredenheid: gevraagd %s, "
	    "geantwoord %s (%s%s), gemiddeld cijfer %s (1-5)\n"), indent,
	    n_(a, s->sat_asked, l), n_(c, s->sat_answered, l), p,
	    s->sat_asked ? "%" : "", v);
	for (i = 0; i <= REPORT_NJUDGEMENTS; i++) {
		if (s->sat_j_asked[i] == 0)
			continue;
		numfmt_pct(p, sizeof p, s->sat_j_answered[i],
		    s->sat_j_asked[i], l);
		numfmt_pct(v, sizeof v, s->sat_j_sum[i],
		    100 * s->sat_j_answered[i], l);
		buf_printf(b, W(en, "%s  %s: asked %s, answered %s (%s%%), "
		    "average score %s\n", "%s  %s: gevraagd %s, geantwoord %s "
		    "(%s%%), gemiddeld cijfer %s\n"), indent,
		    i == REPORT_J_NONE ? W(en, "no judgement", "geen oordeel") :
		    case_judgement_label(judgement_id((enum judgement)i),
		    en ? "en" : "nl"), n_(a, s->sat_j_asked[i], l),
		    n_(c, s->sat_j_answered[i], l), p, v);
	}
}

/* Hearings held or skipped, with the grounds (Awb 9:10, issue 15). */
static void
text_hearings(struct buf *b, const struct report_stats *s,
    const char *indent, enum lang l)
{
	char	a[NUMFMT_MAX], n[REPORT_NGROUNDS + 1][NUMFMT_MAX];
	int	en = l == LANG_EN;
	size_t	i;
	int64_t	skipped = 0;

	for (i = 0; i < REPORT_NGROUNDS; i++) {
		skipped += s->hearings_skipped[i];
		n_(n[i], s->hearings_skipped[i], l);
	}
	n_(n[REPORT_NGROUNDS], skipped, l);
	buf_printf(b, W(en, "%shearings (Awb 9:10): held %s; not held %s "
	    "(lid 2 a %s, b %s, c %s)\n", "%shoorzittingen (Awb 9:10): "
	    "gehouden %s; afgezien %s (lid 2 a %s, b %s, c %s)\n"), indent,
	    n_(a, s->hearings_held, l), n[REPORT_NGROUNDS], n[0], n[1], n[2]);
}

/* The trend signals (report_trend.c): the method, then each one. */
static void
text_trends(struct buf *b, const struct report *r, enum lang l)
{
	char		 x1[NUMFMT_MAX], x2[NUMFMT_MAX], x3[NUMFMT_MAX];
	int		 en = l == LANG_EN;
	size_t		 i;

	buf_adds(b, W(en, "\nTrend signals\n  ", "\nTrendsignalen\n  "));
	report_trend_method(b, r);
	buf_addc(b, '\n');
	if (r->trend_year != 0 && r->ntrends == 0)
		buf_adds(b, W(en, "  none\n", "  geen\n"));
	for (i = 0; i < r->ntrends; i++) {
		const struct report_trend *t = &r->trends[i];

		numfmt_pct(x2, sizeof x2, (int64_t)(t->mean * 10 + 0.5), 1000,
		    l);
		numfmt_pct(x3, sizeof x3, (int64_t)(t->limit * 10 + 0.5), 1000,
		    l);
		buf_printf(b, W(en, "  %s %s: %s (mean %s, limit %s)\n",
		    "  %s %s: %s (gemiddeld %s, grens %s)\n"), t->cause ?
		    W(en, "cause", "oorzaak") : W(en, "category", "categorie"),
		    t->id, n_(x1, t->count, l), x2, x3);
	}
}

/* Requests forwarded to another desk (issue 15), per kind. */
static void
text_forwarded(struct buf *b, const struct report_stats *s,
    const char *indent, enum lang l)
{
	static const char *const en_words[REPORT_NFORWARD] = {
		"objection", "FOI", "report", "damage", "other" };
	const int	en = l == LANG_EN;
	char		n[NUMFMT_MAX];
	size_t		i;

	buf_printf(b, W(en, "%sforwarded to another desk (not counted "
	    "above): %s", "%sdoorgestuurd naar een andere afdeling (hierboven "
	    "niet geteld): %s"), indent, n_(n, s->forwarded, l));
	for (i = 0; i < REPORT_NFORWARD; i++)
		buf_printf(b, "%s%s %s", i ? ", " : " (", en ? en_words[i] :
		    report_forward_kinds[i], n_(n, s->forwarded_by_kind[i], l));
	buf_adds(b, ")\n");
}

static void
text_stats(struct buf *b, const struct report_stats *s, const char *indent,
    enum lang l)
{
	char	p1[NUMFMT_MAX], p2[NUMFMT_MAX], a[NUMFMT_MAX], c[NUMFMT_MAX];
	char	d[NUMFMT_MAX];
	int	en = l == LANG_EN;

	numfmt_pct(p1, sizeof p1, s->on_time, s->decided, l);
	numfmt_pct(p2, sizeof p2, s->extended, s->decided, l);
	buf_printf(b, W(en, "%sreceived %s, decided %s, open at the end %s\n",
	    "%sontvangen %s, afgehandeld %s, open aan het eind %s\n"), indent,
	    n_(a, s->received, l), n_(c, s->decided, l), n_(d, s->open, l));
	buf_printf(b, W(en, "%sdecided within the term: %s of %s (%s%s); "
	    "term extended: %s (%s%s)\n", "%sbinnen de termijn afgehandeld: "
	    "%s van %s (%s%s); termijn verlengd: %s (%s%s)\n"), indent,
	    n_(a, s->on_time, l), n_(c, s->decided, l), p1,
	    s->decided ? "%" : "", n_(d, s->extended, l), p2,
	    s->decided ? "%" : "");
	buf_printf(b, W(en, "%shandling time in days: median %s, 90th "
	    "percentile %s\n", "%sdoorlooptijd in dagen: mediaan %s, 90e "
	    "percentiel %s\n"), indent, s->handled ? numfmt_half(a, sizeof a,
	    s->median2, l) : "-", s->handled ? n_(c, s->p90, l) : "-");
	buf_printf(b, W(en, "%sescalations %s (%s cases); reopened %s times "
	    "(%s cases)\n", "%sescalaties %s (%s klachten); heropend %s keer "
	    "(%s klachten)\n"), indent, n_(a, s->escalations, l),
	    n_(c, s->cases_escalated, l), n_(d, s->reopens, l),
	    n_(p1, s->cases_reopened, l));
	buf_printf(b, W(en, "%sno complaint (not counted above): merged into "
	    "another case %s, void %s\n", "%sgeen klacht (hierboven niet "
	    "geteld): samengevoegd met een andere klacht %s, vervallen %s\n"),
	    indent, n_(a, s->merged, l), n_(c, s->voided, l));
	numfmt_pct(p1, sizeof p1, s->resolved, s->decided + s->resolved, l);
	buf_printf(b, W(en, "%sresolved informally (no judgement, not counted "
	    "as decided): %s; share of the complaints ended: %s%s\n",
	    "%sinformeel opgelost (zonder oordeel, niet als afgehandeld "
	    "geteld): %s; deel van de beëindigde klachten: %s%s\n"), indent,
	    n_(a, s->resolved, l), p1, s->decided + s->resolved ? "%" : "");
	text_forwarded(b, s, indent, l);
	buf_printf(b, W(en, "%sfirst contact recorded: %s of %s received; "
	    "days to it: median %s\n", "%seerste contact vastgelegd: %s van "
	    "%s ontvangen; dagen tot dan: mediaan %s\n"), indent,
	    n_(a, s->contacted, l), n_(c, s->received, l), s->contacted ?
	    numfmt_half(d, sizeof d, s->contact_median2, l) : "-");
	text_hearings(b, s, indent, l);
	text_satisfaction(b, s, indent, l);
}

/* The improvement measures made in the period (issue 15; totals). */
static void
text_measures(struct buf *b, const struct report_stats *s, enum lang l)
{
	int	en = l == LANG_EN;
	char	a[NUMFMT_MAX], c[NUMFMT_MAX], d[NUMFMT_MAX];

	buf_printf(b, W(en, "  improvement measures: done %s, open %s (late "
	    "%s)\n", "  verbetermaatregelen: gereed %s, open %s (te laat "
	    "%s)\n"), n_(a, s->measures_done, l), n_(c, s->measures_open, l),
	    n_(d, s->measures_late, l));
}

/* The width of a column: its figures' width, or its heading's. */
static int
col(int width, const char *heading)
{
	int	n = (int)strlen(heading);

	return n > width ? n : width;
}

/* Issue 15: received, decided and the judgements of the decided, per
 * department (dept) or cause. */
/* Satisfaction per department or cause (issue 15): a line per group
 * whose complainants were asked, under the table. */
static void
text_group_satisfaction(struct buf *b, const struct report_group *g,
    size_t n, int w, enum lang l)
{
	char	a[NUMFMT_MAX], c[NUMFMT_MAX], p[NUMFMT_MAX], v[NUMFMT_MAX];
	int	en = l == LANG_EN;
	size_t	i;

	for (i = 0; i < n; i++) {
		if (g[i].sat_asked == 0)
			continue;
		numfmt_pct(p, sizeof p, g[i].sat_answered, g[i].sat_asked, l);
		numfmt_pct(v, sizeof v, g[i].sat_sum, 100 * g[i].sat_answered,
		    l);
		buf_printf(b, W(en, "  %-*.*s satisfaction: asked %s, "
		    "answered %s (%s%%), score %s\n", "  %-*.*s tevredenheid: "
		    "gevraagd %s, geantwoord %s (%s%%), score %s\n"), w, w,
		    g[i].id, n_(a, g[i].sat_asked, l),
		    n_(c, g[i].sat_answered, l), p, v);
	}
}

static void
text_groups(struct buf *b, const struct report_group *g, size_t n,
    int dept, enum lang l)
{
	int	 en = l == LANG_EN, w = 12, first;
	size_t	 i, j;
	char	 x1[NUMFMT_MAX], x2[NUMFMT_MAX];
	const char *h = dept ? W(en, "DEPARTMENT", "AFDELING") :
		    W(en, "CAUSE", "OORZAAK");
	const char *rc = W(en, "RECEIVED", "ONTVANGEN");
	const char *dc = W(en, "DECIDED", "AFGEHANDELD");

	for (i = 0; i < n; i++)
		if ((int)strlen(g[i].id) > w)
			w = (int)strlen(g[i].id);
	if (w > 24)
		w = 24;
	buf_adds(b, dept ? W(en, "\nPer department\n", "\nPer afdeling\n") :
	    W(en, "\nPer cause\n", "\nPer oorzaak\n"));
	if (n == 0) {
		buf_adds(b, W(en, "  none configured or recorded\n",
		    "  geen ingesteld of vastgelegd\n"));
		return;
	}
	buf_printf(b, "  %-*s %*s %*s  %s\n", w, h, col(8, rc), rc,
	    col(8, dc), dc, W(en, "JUDGEMENTS", "OORDELEN"));
	for (i = 0; i < n; i++) {
		buf_printf(b, "  %-*.*s %*s %*s  ", w, w, g[i].id, col(8, rc),
		    n_(x1, g[i].received, l), col(8, dc),
		    n_(x2, g[i].decided, l));
		first = 1;
		for (j = 0; j <= REPORT_NJUDGEMENTS; j++) {
			if (g[i].judgements[j] == 0)
				continue;
			buf_printf(b, "%s%s %s", first ? "" : ", ",
			    j == REPORT_J_NONE ? W(en, "none", "geen") :
			    judgement_id((enum judgement)j),
			    n_(x1, g[i].judgements[j], l));
			first = 0;
		}
		buf_adds(b, first ? "-\n" : "\n");
	}
	text_group_satisfaction(b, g, n, w, l);
	for (i = 0; i < n; i++) {
		char x3[NUMFMT_MAX];

		if (g[i].m_done + g[i].m_open == 0)
			continue;
		buf_printf(b, W(en, "  %-*.*s improvement measures: done %s, "
		    "open %s (late %s)\n", "  %-*.*s verbetermaatregelen: "
		    "gereed %s, open %s (te laat %s)\n"), w, w, g[i].id,
		    n_(x1, g[i].m_done, l), n_(x2, g[i].m_open, l),
		    n_(x3, g[i].m_late, l));
	}
}

void
report_text(struct buf *b, const struct report *r)
{
	enum lang l = lang_parse(r->lang);
	int	 en = l == LANG_EN;
	char	*from = cal_format_iso_date(r->period.start);
	char	*to = period_end_date(&r->period);
	char	*pfrom = cal_format_iso_date(r->period.prev_start);
	char	*pto = cal_format_iso_date(cal_add_days(r->period.prev_end,
		    -1));
	char	 pc[NUMFMT_MAX], x1[NUMFMT_MAX], x2[NUMFMT_MAX];
	char	 x3[NUMFMT_MAX], x4[NUMFMT_MAX], x5[NUMFMT_MAX];
	char	 med[NUMFMT_MAX], ontime[NUMFMT_MAX + 1];
	size_t	 i, j;
	int	 w = 8, wt;
	const char *h[] = {
		W(en, "CATEGORY", "CATEGORIE"), W(en, "RECEIVED", "ONTVANGEN"),
		W(en, "DECIDED", "AFGEHANDELD"), "OPEN",
		W(en, "ON TIME", "OP TIJD"), W(en, "MEDIAN", "MEDIAAN"), "P90",
		"ESC", W(en, "REOPEN", "HEROPEND"), W(en, "PREVIOUS", "VORIGE"),
	};
	int	 cw[] = { 0, col(8, h[1]), col(8, h[2]), col(6, h[3]),
		    col(8, h[4]), col(7, h[5]), col(7, h[6]), col(6, h[7]),
		    col(6, h[8]), col(8, h[9]) };

	buf_printf(b, W(en, "Complaints report %s to %s%s%s%s\n",
	    "Klachtenrapportage %s tot en met %s%s%s%s\n"), from, to,
	    r->category ? W(en, " (category ", " (categorie ") : "",
	    r->category ? r->category : "", r->category ? ")" : "");
	buf_printf(b, W(en, "%s\n\nTotals\n", "%s\n\nTotalen\n"), r->org_name);
	text_stats(b, &r->total, "  ", l);
	text_measures(b, &r->total, l);

	buf_adds(b, W(en, "\nJudgements (of the cases decided)\n",
	    "\nOordelen (van de afgehandelde klachten)\n"));
	for (i = 0; i < REPORT_NJUDGEMENTS; i++)
		buf_printf(b, "  %-18s %6s\n", judgement_id((enum judgement)i),
		    n_(x1, r->total.judgements[i], l));
	if (r->total.judgements[REPORT_J_NONE])
		buf_printf(b, "  %-18s %6s\n", W(en, "(none)", "(geen)"),
		    n_(x1, r->total.judgements[REPORT_J_NONE], l));

	buf_adds(b, W(en, "\nReceived per channel\n",
	    "\nOntvangen per kanaal\n"));
	for (i = 0; i < REPORT_NCHANNELS; i++)
		buf_printf(b, "  %-18s %6s\n", report_channels[i],
		    n_(x1, r->total.by_channel[i], l));

	for (i = 0; i < r->ncats; i++)
		if ((int)strlen(r->cats[i].id) > w)
			w = (int)strlen(r->cats[i].id);
	if (w > 24)
		w = 24;
	/* The table's first column fits its heading too; the lists
	 * below keep the ids' width. */
	wt = (int)strlen(h[0]) > w ? (int)strlen(h[0]) : w;
	buf_printf(b, W(en, "\nPer category\n", "\nPer categorie\n"));
	buf_printf(b, "  %-*.*s %*s %*s %*s %*s %*s %*s %*s %*s %*s\n", wt,
	    wt, h[0], cw[1], h[1], cw[2], h[2], cw[3], h[3], cw[4], h[4], cw[5],
	    h[5], cw[6], h[6], cw[7], h[7], cw[8], h[8], cw[9], h[9]);
	for (i = 0; i < r->ncats; i++) {
		const struct report_stats *s = &r->cats[i].s;

		if (s->handled)
			numfmt_half(med, sizeof med, s->median2, l);
		else
			snprintf(med, sizeof med, "-");
		numfmt_pct(pc, sizeof pc, s->on_time, s->decided, l);
		snprintf(ontime, sizeof ontime, "%s%s", pc,
		    s->decided ? "%" : " ");
		buf_printf(b, "  %-*.*s %*s %*s %*s %*s %*s %*s %*s %*s %*s\n",
		    wt, wt, r->cats[i].id, cw[1], n_(x1, s->received, l), cw[2],
		    n_(x2, s->decided, l), cw[3], n_(x3, s->open, l), cw[4],
		    ontime, cw[5], med, cw[6], s->handled ? n_(x4, s->p90, l) :
		    "-", cw[7], n_(x5, s->escalations, l), cw[8],
		    n_(pc, s->reopens, l), cw[9], n_(med, s->prev_received, l));
	}

	text_groups(b, r->depts, r->ndepts, 1, l);
	text_groups(b, r->causes, r->ncauses, 0, l);

	buf_printf(b, W(en, "\nPer month\n", "\nPer maand\n"));
	cw[1] = col(8, W(en, "RECEIVED", "ONTVANGEN"));
	cw[2] = col(8, W(en, "DECIDED", "AFGEHANDELD"));
	buf_printf(b, "  %-7s %*s %*s  %s\n", W(en, "MONTH", "MAAND"), cw[1],
	    W(en, "RECEIVED", "ONTVANGEN"), cw[2], W(en, "DECIDED",
	    "AFGEHANDELD"), W(en, "RECEIVED PER CATEGORY",
	    "ONTVANGEN PER CATEGORIE"));
	for (i = 0; i < r->nmonths; i++) {
		const struct report_month *mo = &r->months[i];
		int first = 1;

		buf_printf(b, "  %04d-%02d %*s %*s  ", mo->year, mo->month,
		    cw[1], n_(x1, mo->received, l), cw[2],
		    n_(x2, mo->decided, l));
		for (j = 0; j < r->ncats; j++) {
			if (mo->by_category[j] == 0)
				continue;
			buf_printf(b, "%s%s %s", first ? "" : ", ",
			    r->cats[j].id, n_(x1, mo->by_category[j], l));
			first = 0;
		}
		buf_addc(b, '\n');
	}

	buf_printf(b, W(en, "\nCategories rising against %s to %s\n",
	    "\nCategorieën die stijgen ten opzichte van %s tot en met %s\n"),
	    pfrom, pto);
	if (r->nrising == 0)
		buf_adds(b, W(en, "  none\n", "  geen\n"));
	for (i = 0; i < r->nrising; i++) {
		const struct report_category *c = &r->cats[r->rising[i]];
		int64_t d = c->s.received - c->s.prev_received;

		if (numfmt_pct(pc, sizeof pc, d, c->s.prev_received, l))
			buf_printf(b, "  %-*.*s %s -> %s (+%s, +%s%%)\n",
			    w, w, c->id, n_(x1, c->s.prev_received, l),
			    n_(x2, c->s.received, l), n_(x3, d, l), pc);
		else
			buf_printf(b, "  %-*.*s %s -> %s (+%s, %s)\n",
			    w, w, c->id, n_(x1, c->s.prev_received, l),
			    n_(x2, c->s.received, l), n_(x3, d, l),
			    W(en, "new", "nieuw"));
	}

	text_trends(b, r, l);

	if (r->nescalated > 0) {
		buf_adds(b, W(en, "\nEscalated cases (most escalations "
		    "first)\n", "\nGeëscaleerde klachten (meeste escalaties "
		    "eerst)\n"));
		for (i = 0; i < r->nescalated && i < 20; i++)
			buf_printf(b, "  %-18s %-*.*s %s\n",
			    r->escalated[i].ref, w, w,
			    r->escalated[i].category,
			    n_(x1, r->escalated[i].count, l));
		if (r->nescalated > 20)
			buf_printf(b, W(en, "  ... and %zu more (see --format "
			    "json or csv)\n", "  ... en nog %zu (zie --format "
			    "json of csv)\n"), r->nescalated - 20);
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

/* Satisfaction (report.h): key empty for all, else the judgement. */
static void
csv_satisfaction(struct buf *b, const char *cat, const char *key,
    int64_t asked, int64_t answered, int64_t sum)
{
	char	pc[32];

	csv_int(b, "satisfaction_asked", cat, NULL, key, asked);
	csv_int(b, "satisfaction_answered", cat, NULL, key, answered);
	report_pct(pc, sizeof pc, answered, asked);
	csv_row(b, "satisfaction_response_pct", cat, NULL, key, asked ? pc :
	    NULL);
	report_pct(pc, sizeof pc, sum, 100 * answered);
	csv_row(b, "satisfaction_score_avg", cat, NULL, key, answered ? pc :
	    NULL);
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
	csv_int(b, "first_contact_cases", cat, NULL, NULL, s->contacted);
	buf_init(&med);
	if (s->contacted)
		report_half(&med, s->contact_median2);
	csv_row(b, "first_contact_days_median", cat, NULL, NULL, med.data);
	buf_free(&med);
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
	csv_int(b, "merged", cat, NULL, NULL, s->merged);
	csv_int(b, "void", cat, NULL, NULL, s->voided);
	csv_int(b, "hearings_held", cat, NULL, NULL, s->hearings_held);
	for (i = 0; i < REPORT_NGROUNDS; i++)
		csv_int(b, "hearings_skipped", cat, NULL, report_grounds[i],
		    s->hearings_skipped[i]);
	csv_int(b, "forwarded", cat, NULL, NULL, s->forwarded);
	for (i = 0; i < REPORT_NFORWARD; i++)
		csv_int(b, "forwarded_by_kind", cat, NULL,
		    report_forward_kinds[i], s->forwarded_by_kind[i]);
	for (i = 0; i < REPORT_NCHANNELS; i++)
		csv_int(b, "received_by_channel", cat, NULL, report_channels[i],
		    s->by_channel[i]);
	csv_satisfaction(b, cat, NULL, s->sat_asked, s->sat_answered,
	    s->sat_sum);
	for (i = 0; i <= REPORT_NJUDGEMENTS; i++)
		csv_satisfaction(b, cat, i == REPORT_J_NONE ? "none" :
		    judgement_id((enum judgement)i), s->sat_j_asked[i],
		    s->sat_j_answered[i], s->sat_j_sum[i]);
	csv_int(b, "resolved_informally", cat, NULL, NULL, s->resolved);
	report_pct(pc, sizeof pc, s->resolved, s->decided + s->resolved);
	csv_row(b, "resolved_informally_pct", cat, NULL, NULL,
	    s->decided + s->resolved ? pc : NULL);
}

/* Issue 15: received_by_<what> and decided_by_<what> with the id as
 * key; judgement_by_<what> with "<id>:<judgement>". */
static void
csv_groups(struct buf *b, const struct report_group *g, size_t n,
    const char *what)
{
	char	m1[48], m2[40], m3[40], key[160], pc[32];
	size_t	i, j;

	snprintf(m1, sizeof m1, "received_by_%s", what);
	snprintf(m2, sizeof m2, "decided_by_%s", what);
	snprintf(m3, sizeof m3, "judgement_by_%s", what);
	for (i = 0; i < n; i++) {
		csv_int(b, m1, NULL, NULL, g[i].id, g[i].received);
		csv_int(b, m2, NULL, NULL, g[i].id, g[i].decided);
		for (j = 0; j <= REPORT_NJUDGEMENTS; j++) {
			snprintf(key, sizeof key, "%s:%s", g[i].id,
			    j == REPORT_J_NONE ? "none" :
			    judgement_id((enum judgement)j));
			csv_int(b, m3, NULL, NULL, key, g[i].judgements[j]);
		}
	}
	/* Measures per group: measures_*_by_<what>, where there are. */
	for (i = 0; i < n; i++) {
		if (g[i].m_done + g[i].m_open == 0)
			continue;
		snprintf(m1, sizeof m1, "measures_open_by_%s", what);
		csv_int(b, m1, NULL, NULL, g[i].id, g[i].m_open);
		snprintf(m1, sizeof m1, "measures_done_by_%s", what);
		csv_int(b, m1, NULL, NULL, g[i].id, g[i].m_done);
		snprintf(m1, sizeof m1, "measures_late_by_%s", what);
		csv_int(b, m1, NULL, NULL, g[i].id, g[i].m_late);
	}
	/* Satisfaction per group: metric satisfaction_*_by_<what>. */
	for (i = 0; i < n; i++) {
		if (g[i].sat_asked == 0)
			continue;
		snprintf(m1, sizeof m1, "satisfaction_asked_by_%s", what);
		csv_int(b, m1, NULL, NULL, g[i].id, g[i].sat_asked);
		snprintf(m1, sizeof m1, "satisfaction_answered_by_%s", what);
		csv_int(b, m1, NULL, NULL, g[i].id, g[i].sat_answered);
		snprintf(m1, sizeof m1, "satisfaction_response_pct_by_%s",
		    what);
		report_pct(pc, sizeof pc, g[i].sat_answered, g[i].sat_asked);
		csv_row(b, m1, NULL, NULL, g[i].id, pc);
		snprintf(m1, sizeof m1, "satisfaction_score_avg_by_%s", what);
		report_pct(pc, sizeof pc, g[i].sat_sum, 100 * g[i].sat_answered);
		csv_row(b, m1, NULL, NULL, g[i].id, g[i].sat_answered ? pc :
		    NULL);
	}
}

/* The trend signals: per flagged category or cause, rows
 * trend_<category|cause>_count, _mean and _limit with the id in the
 * category column and the trend month in the month column. */
static void
csv_trends(struct buf *b, const struct report *r)
{
	char	mon[16], v[32], metric[32];
	size_t	i;

	snprintf(mon, sizeof mon, "%04d-%02d", r->trend_year, r->trend_month);
	for (i = 0; i < r->ntrends; i++) {
		const struct report_trend *t = &r->trends[i];
		const char *k = t->cause ? "cause" : "category";

		snprintf(metric, sizeof metric, "trend_%s_count", k);
		csv_int(b, metric, t->id, mon, NULL, t->count);
		snprintf(metric, sizeof metric, "trend_%s_mean", k);
		snprintf(v, sizeof v, "%.1f", t->mean);
		csv_row(b, metric, t->id, mon, NULL, v);
		snprintf(metric, sizeof metric, "trend_%s_limit", k);
		snprintf(v, sizeof v, "%.1f", t->limit);
		csv_row(b, metric, t->id, mon, NULL, v);
	}
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
	csv_int(b, "measures_open", NULL, NULL, NULL, r->total.measures_open);
	csv_int(b, "measures_done", NULL, NULL, NULL, r->total.measures_done);
	csv_int(b, "measures_late", NULL, NULL, NULL, r->total.measures_late);
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
	csv_trends(b, r);
	csv_groups(b, r->depts, r->ndepts, "department");
	csv_groups(b, r->causes, r->ncauses, "cause");
	for (i = 0; i < r->nlabels; i++)
		csv_int(b, "received_by_label", NULL, NULL, r->labels[i].label,
		    r->labels[i].received);
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

/* Opens an object ("{") with asked, answered, response_pct and
 * score_avg (null when there is no whole); the caller closes it. */
static void
json_satisfaction(struct buf *b, int *first, int64_t asked,
    int64_t answered, int64_t sum)
{
	buf_addc(b, '{');
	json_kv_int(b, first, "asked", asked);
	json_kv_int(b, first, "answered", answered);
	json_pct(b, first, "response_pct", answered, asked);
	json_pct(b, first, "score_avg", sum, 100 * answered);
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
	json_kv_int(b, first, "merged", s->merged);
	json_kv_int(b, first, "void", s->voided);
	json_key(b, first, "received_by_channel");
	buf_addc(b, '{');
	f2 = 1;
	for (i = 0; i < REPORT_NCHANNELS; i++)
		json_kv_int(b, &f2, report_channels[i], s->by_channel[i]);
	buf_addc(b, '}');
	json_key(b, first, "first_contact");
	buf_printf(b, "{\"count\":%lld,\"median_days\":",
	    (long long)s->contacted);
	if (s->contacted)
		report_half(b, s->contact_median2);
	else
		buf_adds(b, "null");
	buf_addc(b, '}');
	/* Issue 15: hearings held, and skipped per ground. */
	json_kv_int(b, first, "hearings_held", s->hearings_held);
	json_key(b, first, "hearings_skipped");
	buf_addc(b, '{');
	f2 = 1;
	for (i = 0; i < REPORT_NGROUNDS; i++)
		json_kv_int(b, &f2, report_grounds[i], s->hearings_skipped[i]);
	buf_addc(b, '}');
	/* Issue 15: forwarded to another desk, in all and per kind. */
	json_kv_int(b, first, "forwarded", s->forwarded);
	json_key(b, first, "forwarded_by_kind");
	buf_addc(b, '{');
	f2 = 1;
	for (i = 0; i < REPORT_NFORWARD; i++)
		json_kv_int(b, &f2, report_forward_kinds[i],
		    s->forwarded_by_kind[i]);
	buf_addc(b, '}');
	json_kv_int(b, first, "resolved_informally", s->resolved);
	json_pct(b, first, "resolved_informally_pct", s->resolved,
	    s->decided + s->resolved);
	json_key(b, first, "satisfaction");
	f2 = 1;
	json_satisfaction(b, &f2, s->sat_asked, s->sat_answered, s->sat_sum);
	json_key(b, &f2, "by_judgement");
	buf_addc(b, '{');
	f2 = 1;
	for (i = 0; i <= REPORT_NJUDGEMENTS; i++) {
		int f3 = 1;

		json_key(b, &f2, i == REPORT_J_NONE ? "none" :
		    judgement_id((enum judgement)i));
		json_satisfaction(b, &f3, s->sat_j_asked[i],
		    s->sat_j_answered[i], s->sat_j_sum[i]);
		buf_addc(b, '}');
	}
	buf_adds(b, "}}");
}

/* Issue 15: "departments" and "causes": [{id, name, received, decided,
 * judgements}], "labels": [{label, received}]. */
static void
json_groups(struct buf *b, int *first, const char *key,
    const struct report_group *g, size_t n)
{
	size_t	i, j;
	int	f2, f3;

	json_key(b, first, key);
	buf_addc(b, '[');
	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_addc(b, ',');
		buf_addc(b, '{');
		f2 = 1;
		json_kv_str(b, &f2, "id", g[i].id);
		json_kv_str(b, &f2, "name", g[i].name);
		json_kv_int(b, &f2, "received", g[i].received);
		json_kv_int(b, &f2, "decided", g[i].decided);
		json_key(b, &f2, "judgements");
		buf_addc(b, '{');
		f3 = 1;
		for (j = 0; j < REPORT_NJUDGEMENTS; j++)
			json_kv_int(b, &f3, judgement_id((enum judgement)j),
			    g[i].judgements[j]);
		json_kv_int(b, &f3, "none", g[i].judgements[REPORT_J_NONE]);
		buf_addc(b, '}');
		json_key(b, &f2, "satisfaction");
		f3 = 1;
		json_satisfaction(b, &f3, g[i].sat_asked, g[i].sat_answered,
		    g[i].sat_sum);
		buf_addc(b, '}');
		json_key(b, &f2, "measures");
		buf_addc(b, '{');
		f3 = 1;
		json_kv_int(b, &f3, "open", g[i].m_open);
		json_kv_int(b, &f3, "done", g[i].m_done);
		json_kv_int(b, &f3, "late", g[i].m_late);
		buf_adds(b, "}}");
	}
	buf_addc(b, ']');
}

static void
json_class(struct buf *b, int *first, const struct report *r)
{
	size_t	i;
	int	f2;

	json_groups(b, first, "departments", r->depts, r->ndepts);
	json_groups(b, first, "causes", r->causes, r->ncauses);
	json_key(b, first, "labels");
	buf_addc(b, '[');
	for (i = 0; i < r->nlabels; i++) {
		if (i > 0)
			buf_addc(b, ',');
		buf_addc(b, '{');
		f2 = 1;
		json_kv_str(b, &f2, "label", r->labels[i].label);
		json_kv_int(b, &f2, "received", r->labels[i].received);
		buf_addc(b, '}');
	}
	buf_addc(b, ']');
}

/*
 * Stable keys for scripts: new keys may be added, existing ones keep
 * their meaning.  See report.h and README "Reports".
 */
/* The trend signals: "trend_method" (month, months before, minimum and
 * the sentence) and "trends", an array of the flagged ones. */
static void
json_trends(struct buf *b, int *first, const struct report *r)
{
	struct buf	 m;
	char		 mon[16];
	size_t		 i;
	int		 f2;

	buf_init(&m);
	report_trend_method(&m, r);
	snprintf(mon, sizeof mon, "%04d-%02d", r->trend_year, r->trend_month);
	json_key(b, first, "trend_method");
	buf_addc(b, '{');
	f2 = 1;
	json_kv_str(b, &f2, "month", r->trend_year ? mon : NULL);
	json_kv_int(b, &f2, "months_before", REPORT_TREND_MONTHS);
	json_kv_int(b, &f2, "minimum", r->trend_min);
	json_kv_str(b, &f2, "text", m.data);
	buf_addc(b, '}');
	buf_free(&m);
	json_key(b, first, "trends");
	buf_addc(b, '[');
	for (i = 0; i < r->ntrends; i++) {
		const struct report_trend *t = &r->trends[i];

		if (i > 0)
			buf_addc(b, ',');
		buf_addc(b, '{');
		f2 = 1;
		json_kv_str(b, &f2, "kind", t->cause ? "cause" : "category");
		json_kv_str(b, &f2, "id", t->id);
		json_kv_str(b, &f2, "name", t->name);
		json_kv_str(b, &f2, "month", mon);
		json_kv_int(b, &f2, "count", t->count);
		buf_printf(b, ",\"mean\":%.1f,\"sd\":%.1f,\"limit\":%.1f",
		    t->mean, t->sd, t->limit);
		buf_addc(b, '}');
	}
	buf_addc(b, ']');
}

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
	json_key(b, &first, "measures");
	buf_addc(b, '{');
	f2 = 1;
	json_kv_int(b, &f2, "open", r->total.measures_open);
	json_kv_int(b, &f2, "done", r->total.measures_done);
	json_kv_int(b, &f2, "late", r->total.measures_late);
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
	buf_addc(b, ']');
	json_class(b, &first, r);
	json_trends(b, &first, r);
	buf_adds(b, "}\n");
	free(from);
	free(to);
	free(pfrom);
	free(pto);
	free(gen);
}


/* ------------------------------------------------------------- register */

void
report_register(struct buf *b, const struct report_input *in,
    enum report_format f)
{
	const struct report_case	**rows;
	size_t				 i, n;
	int64_t				 nres = 0, held;
	int64_t				 skipped[REPORT_NGROUNDS];
	char				*from, *to, *gen, nd[NUMFMT_MAX];
	enum lang			 l = lang_parse(in->lang);
	int				 first, en = l == LANG_EN;

	rows = report_register_rows(in, &n);
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
		    "handling_days,channel,department,cause,resolved_informally\r\n");
	else if (f == REPORT_JSON) {
		buf_adds(b, "{\"version\":1,");
		first = 1;
		json_kv_str(b, &first, "generated", gen);
		json_kv_str(b, &first, "from", from);
		json_kv_str(b, &first, "to", to);
		json_kv_str(b, &first, "category", in->category);
		buf_adds(b, ",\"complaints\":[");
	} else
		buf_printf(b, W(en, "Register of complaints %s to %s "
		    "(Awb 9:12a)\n%s\n\n%-16s %-10s %-20s %-17s %-11s %-5s %-12s "
		    "%-16s %s\n",
		    "Register van klachten %s tot en met %s (Awb 9:12a)\n"
		    "%s\n\n%-16s %-10s %-20s %-17s %-11s %-5s %-12s %-16s %s\n"),
		    from, to,
		    in->org_name ? in->org_name : "",
		    W(en, "REFERENCE", "KENMERK"), W(en, "RECEIVED",
		    "ONTVANGEN"), W(en, "CATEGORY", "CATEGORIE"),
		    W(en, "JUDGEMENT", "OORDEEL"), W(en, "DECIDED",
		    "AFGEHANDELD"), W(en, "DAYS", "DAGEN"), W(en, "CHANNEL",
		    "KANAAL"), W(en, "DEPARTMENT", "AFDELING"),
		    W(en, "CAUSE", "OORZAAK"));
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
		/* Resolved informally (issue 15): no judgement, no decision;
		 * the date stands in a column of its own. */
		char *res = c->resolved_at && !c->decided_at ?
		    cal_format_iso_date(c->resolved_at) : NULL;

		snprintf(ds, sizeof ds, "%lld", (long long)days);
		switch (f) {
		case REPORT_CSV:
			csv_field(b, c->ref);
			buf_addc(b, ',');
			csv_field(b, rec);
			buf_addc(b, ',');
			csv_field(b, report_case_category(c));
			buf_addc(b, ',');
			csv_field(b, j);
			buf_addc(b, ',');
			csv_field(b, dec);
			buf_addc(b, ',');
			csv_field(b, days >= 0 ? ds : NULL);
			buf_addc(b, ',');
			csv_field(b, report_case_channel(c));
			buf_addc(b, ',');
			csv_field(b, c->department);
			buf_addc(b, ',');
			csv_field(b, c->cause);
			buf_addc(b, ',');
			csv_field(b, res);
			buf_adds(b, "\r\n");
			break;
		case REPORT_JSON:
			if (i > 0)
				buf_addc(b, ',');
			buf_addc(b, '{');
			first = 1;
			json_kv_str(b, &first, "reference", c->ref);
			json_kv_str(b, &first, "received", rec);
			json_kv_str(b, &first, "category",
			    report_case_category(c));
			json_kv_str(b, &first, "judgement", j);
			json_kv_str(b, &first, "decided", dec);
			json_key(b, &first, "handling_days");
			buf_adds(b, days >= 0 ? ds : "null");
			json_kv_str(b, &first, "channel",
			    report_case_channel(c));
			json_kv_str(b, &first, "department", c->department);
			json_kv_str(b, &first, "cause", c->cause);
			json_kv_str(b, &first, "resolved_informally", res);
			buf_addc(b, '}');
			break;
		default:
			buf_printf(b, "%-16s %-10s %-20.20s %-17s %-11s %-5s "
			    "%-12s %-16.16s %s\n", c->ref, rec,
			    report_case_category(c),
			    res != NULL ? W(en, "(resolved)", "(opgelost)") :
			    j == NULL ? "(open)" : strcmp(j, "none") == 0 ?
			    W(en, "none", "geen") : j, dec ? dec : "-",
			    days >= 0 ? numfmt_int(nd, sizeof nd, days, l) :
			    "-", report_case_channel(c), c->department ?
			    c->department : "-", c->cause ? c->cause : "-");
			break;
		}
		nres += res != NULL;
		free(res);
		free(rec);
		free(dec);
	}
	report_register_hearings(rows, n, &held, skipped);
	if (f == REPORT_JSON) {
		/* Issue 15: after the rows, so each row keeps its columns. */
		buf_adds(b, "],\"hearings\":{");
		first = 1;
		json_kv_int(b, &first, "held", held);
		json_key(b, &first, "skipped");
		buf_addc(b, '{');
		first = 1;
		for (i = 0; i < REPORT_NGROUNDS; i++)
			json_kv_int(b, &first, report_grounds[i], skipped[i]);
		buf_adds(b, "}}}\n");
	} else if (f == REPORT_TEXT)
		buf_printf(b, "\n%s %s", numfmt_int(nd, sizeof nd,
		    (int64_t)n, l), n == 1 ? W(en, "complaint", "klacht") :
		    W(en, "complaints", "klachten"));
	if (f == REPORT_TEXT && nres > 0)
		buf_printf(b, W(en, ", %s of them resolved informally (no "
		    "judgement)", ", waarvan %s informeel opgelost (zonder "
		    "oordeel)"), numfmt_int(nd, sizeof nd, nres, l));
	if (f == REPORT_TEXT) {
		char s1[NUMFMT_MAX], s2[NUMFMT_MAX], s3[NUMFMT_MAX];

		buf_printf(b, W(en, "\nHearings (Awb 9:10): held %s; not held "
		    "under lid 2 a %s, b %s, c %s\n", "\nHoorzittingen (Awb "
		    "9:10): gehouden %s; afgezien onder lid 2 a %s, b %s, c "
		    "%s\n"), numfmt_int(nd, sizeof nd, held, l),
		    numfmt_int(s1, sizeof s1, skipped[0], l),
		    numfmt_int(s2, sizeof s2, skipped[1], l),
		    numfmt_int(s3, sizeof s3, skipped[2], l));
	}
	free(rows);
	free(from);
	free(to);
	free(gen);
}
