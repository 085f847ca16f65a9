/*
 * report_html.c -- the report (and the register) as one self-contained
 * HTML page: a print-friendly stylesheet inline, charts drawn as inline
 * SVG, and nothing fetched from anywhere -- no scripts, fonts, images or
 * links to other files -- so the page can be mailed, archived or published
 * as it is, and opens the same way years later.  Labels are Dutch or
 * English after the configured language.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "casestate.h"
#include "lang.h"
#include "numfmt.h"
#include "report_write.h"

/* Numbers and percentages in the page's language (numfmt.h): "1.234",
 * "83,3" in Dutch. */
#define NUM(out, v, lang)	numfmt_int((out), NUMFMT_MAX, (v), \
				    lang_parse(lang))
#define PCT(out, part, whole, lang) numfmt_pct((out), NUMFMT_MAX, (part), \
				    (whole), lang_parse(lang))

/* Category colours (colour-blind friendly, distinct in print). */
static const char *const palette[] = {
	"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b",
	"#e377c2", "#7f7f7f", "#bcbd22", "#17becf"
};
#define NPALETTE	(sizeof palette / sizeof palette[0])
#define C_ONTIME	"#2e8540"
#define C_LATE		"#c9302c"
static const char *const judgement_colours[REPORT_NJUDGEMENTS + 1] = {
	"#c9302c", "#ec971f", "#2e8540", "#6f6f6f", "#337ab7", "#b0b0b0"
};

enum lbl {
	L_TITLE, L_REGISTER, L_PERIOD, L_GENERATED, L_RECEIVED, L_DECIDED,
	L_OPEN, L_ONTIME, L_EXTENDED, L_MEDIAN, L_P90, L_ESCALATIONS,
	L_REOPENED, L_PER_MONTH, L_ONTIME_CHART, L_JUDGEMENTS, L_PER_CATEGORY,
	L_CATEGORY, L_RISING, L_PREVIOUS, L_CHANGE, L_ESCALATED, L_REFERENCE,
	L_NONE_RISING, L_TOTAL, L_DAYS, L_LATE, L_CASES, L_JUDGEMENT,
	L_NO_JUDGEMENT, L_DEFS, L_OPEN_CASE, L_NOTES, L_NO_CATEGORY,
	L_CHANNEL, L_COUNT
};
static const char *const labels[L_COUNT][2] = {
	[L_TITLE] = { "Klachtenrapportage", "Complaints report" },
	[L_REGISTER] = { "Klachtenregister (Awb 9:12a)",
	    "Register of complaints (Awb 9:12a)" },
	[L_PERIOD] = { "Periode", "Period" },
	[L_GENERATED] = { "gemaakt op", "generated" },
	[L_RECEIVED] = { "Ontvangen", "Received" },
	[L_DECIDED] = { "Afgehandeld", "Decided" },
	[L_OPEN] = { "Open aan het eind", "Open at the end" },
	[L_ONTIME] = { "Binnen de termijn", "Within the term" },
	[L_EXTENDED] = { "Termijn verlengd", "Term extended" },
	[L_MEDIAN] = { "Mediane doorlooptijd (dagen)",
	    "Median handling time (days)" },
	[L_P90] = { "90e percentiel (dagen)", "90th percentile (days)" },
	[L_ESCALATIONS] = { "Escalaties", "Escalations" },
	[L_REOPENED] = { "Heropend", "Reopened" },
	[L_PER_MONTH] = { "Ontvangen klachten per maand en categorie",
	    "Complaints received per month and category" },
	[L_ONTIME_CHART] = { "Binnen de termijn afgehandeld",
	    "Decided within the term" },
	[L_JUDGEMENTS] = { "Oordelen", "Judgements" },
	[L_PER_CATEGORY] = { "Per categorie", "Per category" },
	[L_CATEGORY] = { "Categorie", "Category" },
	[L_RISING] = { "Stijgende categorie\xc3\xabn",
	    "Categories on the rise" },
	[L_PREVIOUS] = { "Vorige periode", "Previous period" },
	[L_CHANGE] = { "Verschil", "Change" },
	[L_ESCALATED] = { "Ge\xc3\xabscaleerde klachten",
	    "Escalated complaints" },
	[L_REFERENCE] = { "Kenmerk", "Reference" },
	[L_NONE_RISING] = { "Geen categorie kreeg meer klachten dan in de "
	    "vorige periode.", "No category received more complaints than "
	    "in the previous period." },
	[L_TOTAL] = { "Totaal", "Total" },
	[L_DAYS] = { "Dagen", "Days" },
	[L_LATE] = { "te laat", "late" },
	[L_CASES] = { "klachten", "complaints" },
	[L_JUDGEMENT] = { "Oordeel", "Judgement" },
	[L_NO_JUDGEMENT] = { "zonder oordeel", "no judgement" },
	[L_DEFS] = { "Afgehandeld: beslist in de periode. Binnen de termijn: "
	    "beslist uiterlijk op de (eventueel rechtmatig verlengde) "
	    "uiterste datum. Doorlooptijd: kalenderdagen van ontvangst tot "
	    "beslissing. Open: ontvangen v\xc3\xb3\xc3\xb3r het eind van de "
	    "periode en toen nog niet beslist.",
	    "Decided: decision in the period. Within the term: decided on or "
	    "before the due date, including a lawful extension. Handling "
	    "time: calendar days from receipt to decision. Open: received "
	    "before the end of the period and not decided by then." },
	[L_OPEN_CASE] = { "in behandeling", "open" },
	[L_NOTES] = { "Dit register bevat geen persoonsgegevens.",
	    "This register holds no personal data." },
	[L_NO_CATEGORY] = { "(geen categorie)", "(no category)" },
	[L_CHANNEL] = { "Kanaal", "Channel" },
};
/* How a complaint came in, per report_channels[] (issue 14). */
static const char *const channel_labels[REPORT_NCHANNELS][2] = {
	{ "per e-mail", "by email" }, { "per telefoon", "by phone" },
	{ "aan de balie", "at the counter" }, { "per brief", "by letter" },
	{ "via webformulier", "by web form" },
};
static const char *const months_nl[] = { "jan", "feb", "mrt", "apr", "mei",
	"jun", "jul", "aug", "sep", "okt", "nov", "dec" };
static const char *const months_en[] = { "Jan", "Feb", "Mar", "Apr", "May",
	"Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };

static const char *
L(const char *lang, enum lbl l)
{
	return labels[l][lang_is_en(lang)];
}

/* Text for HTML (and SVG) content and attribute values. */
static void
esc(struct buf *b, const char *s)
{
	for (; s != NULL && *s != '\0'; s++)
		switch (*s) {
		case '&':	buf_adds(b, "&amp;"); break;
		case '<':	buf_adds(b, "&lt;"); break;
		case '>':	buf_adds(b, "&gt;"); break;
		case '"':	buf_adds(b, "&quot;"); break;
		case '\'':	buf_adds(b, "&#39;"); break;
		default:
			if ((unsigned char)*s >= 0x20 || *s == '\n' ||
			    *s == '\t')
				buf_addc(b, *s);
		}
}

static const char *
judgement_label(const char *lang, int i)
{
	if (i == REPORT_J_NONE)
		return L(lang, L_NO_JUDGEMENT);
	return case_judgement_label(judgement_id((enum judgement)i),
	    lang_name(lang_parse(lang)));
}

static const char css[] =
	"*{box-sizing:border-box;-webkit-print-color-adjust:exact;"
	"print-color-adjust:exact}"
	"body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,"
	"'Helvetica Neue',Arial,sans-serif;color:#1a1a1a;background:#fff;"
	"margin:0 auto;max-width:1100px;padding:24px;line-height:1.4}"
	"h1{font-size:1.7em;margin:0 0 .2em}"
	"h2{font-size:1.2em;margin:1.6em 0 .5em;border-bottom:2px solid #1f77b4;"
	"padding-bottom:.2em}"
	".sub{color:#555;margin:0 0 1em}"
	".kpis{display:flex;flex-wrap:wrap;gap:10px}"
	".kpi{border:1px solid #ccc;border-radius:6px;padding:10px 14px;"
	"min-width:150px;flex:1}"
	".kpi b{display:block;font-size:1.6em}"
	".kpi span{color:#555;font-size:.9em}"
	"table{border-collapse:collapse;width:100%;font-size:.92em}"
	"th,td{border-bottom:1px solid #ddd;padding:4px 6px;text-align:right}"
	"th:first-child,td:first-child,.l{text-align:left}"
	"th{background:#f2f2f2}"
	"svg{display:block;max-width:100%;height:auto}"
	"svg text{font-family:inherit;font-size:12px;fill:#1a1a1a}"
	".legend{display:flex;flex-wrap:wrap;gap:12px;margin:.4em 0;"
	"font-size:.9em}"
	".sw{display:inline-block;width:12px;height:12px;margin-right:4px;"
	"vertical-align:middle}"
	".defs{color:#555;font-size:.85em;margin-top:2em}"
	"@page{size:A4;margin:15mm}"
	"@media print{body{max-width:none;padding:0;font-size:10pt}"
	"section{break-inside:avoid;page-break-inside:avoid}"
	"h2{break-after:avoid;page-break-after:avoid}"
	"tr{break-inside:avoid}}";

static void
page_start(struct buf *b, const char *lang, const char *title)
{
	buf_printf(b, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n<meta name=\"viewport\" "
	    "content=\"width=device-width, initial-scale=1\">\n<title>",
	    lang_name(lang_parse(lang)));
	esc(b, title);
	buf_printf(b, "</title>\n<style>%s</style>\n</head>\n<body>\n", css);
}

static void
page_end(struct buf *b)
{
	buf_adds(b, "</body>\n</html>\n");
}

/* A round step for an axis from 0 to max with about n ticks. */
static int64_t
nice_step(int64_t max, int n)
{
	int64_t	raw = (max + n - 1) / n, mag = 1;

	if (raw < 1)
		return 1;
	while (mag * 10 <= raw)
		mag *= 10;
	if (raw <= mag)
		return mag;
	if (raw <= 2 * mag)
		return 2 * mag;
	if (raw <= 5 * mag)
		return 5 * mag;
	return 10 * mag;
}

static void
kpi(struct buf *b, const char *value, const char *label)
{
	buf_adds(b, "<div class=\"kpi\"><b>");
	esc(b, value);
	buf_adds(b, "</b><span>");
	esc(b, label);
	buf_adds(b, "</span></div>\n");
}

static void
kpis(struct buf *b, const struct report *r)
{
	const struct report_stats	*s = &r->total;
	const char			*lang = r->lang;
	char				 v[64], pc[NUMFMT_MAX];
	size_t				 i;

	buf_adds(b, "<section class=\"kpis\">\n");
	kpi(b, NUM(v, s->received, lang), L(lang, L_RECEIVED));
	kpi(b, NUM(v, s->decided, lang), L(lang, L_DECIDED));
	kpi(b, NUM(v, s->open, lang), L(lang, L_OPEN));
	if (PCT(pc, s->on_time, s->decided, lang))
		snprintf(v, sizeof v, "%s%%", pc);
	else
		snprintf(v, sizeof v, "-");
	kpi(b, v, L(lang, L_ONTIME));
	if (PCT(pc, s->extended, s->decided, lang))
		snprintf(v, sizeof v, "%s%%", pc);
	else
		snprintf(v, sizeof v, "-");
	kpi(b, v, L(lang, L_EXTENDED));
	kpi(b, s->handled ? numfmt_half(v, sizeof v, s->median2,
	    lang_parse(lang)) : "-", L(lang, L_MEDIAN));
	kpi(b, s->handled ? NUM(v, s->p90, lang) : "-", L(lang, L_P90));
	kpi(b, NUM(v, s->escalations, lang), L(lang, L_ESCALATIONS));
	kpi(b, NUM(v, s->reopens, lang), L(lang, L_REOPENED));
	/* The channels, once complaints came by more than email. */
	if (s->by_channel[0] != s->received)
		for (i = 0; i < REPORT_NCHANNELS; i++) {
			if (s->by_channel[i] == 0)
				continue;
			kpi(b, NUM(v, s->by_channel[i], lang),
			    channel_labels[i][lang_is_en(lang)]);
		}
	/* Issue 15: requests sent on to another desk, no complaints. */
	if (s->forwarded > 0)
		kpi(b, NUM(v, s->forwarded, lang), lang_is_en(lang) ?
		    "forwarded to another desk (no complaint)" :
		    "doorgestuurd naar een andere afdeling (geen klacht)");
	buf_adds(b, "</section>\n");
}

/* Stacked bars: cases received per month, one colour per category. */
static void
chart_months(struct buf *b, const struct report *r)
{
	const int	 W = 960, H = 320, ml = 48, mr = 10, mt = 12, mb = 44;
	const int	 pw = W - ml - mr, ph = H - mt - mb;
	const char	*const *mn = lang_is_en(r->lang) ? months_en : months_nl;
	int64_t		 max = 1, step, t;
	size_t		 i, j, every;
	double		 slot, bw;
	int		 one_year = 1;

	for (i = 0; i < r->nmonths; i++) {
		if (r->months[i].received > max)
			max = r->months[i].received;
		if (r->months[i].year != r->months[0].year)
			one_year = 0;
	}
	step = nice_step(max, 5);
	max = (max + step - 1) / step * step;
	slot = r->nmonths ? (double)pw / (double)r->nmonths : pw;
	bw = slot * 0.7;
	every = r->nmonths > 24 ? (r->nmonths + 11) / 12 : 1;

	buf_adds(b, "<section>\n<h2>");
	esc(b, L(r->lang, L_PER_MONTH));
	buf_printf(b, "</h2>\n<svg xmlns=\"http://www.w3.org/2000/svg\" "
	    "viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\" "
	    "aria-label=\"", W, H, W, H);
	esc(b, L(r->lang, L_PER_MONTH));
	buf_adds(b, "\">\n");
	for (t = 0; t <= max; t += step) {
		double y = mt + ph - (double)ph * (double)t / (double)max;

		buf_printf(b, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" "
		    "y2=\"%.1f\" stroke=\"#ddd\"/>"
		    "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%lld</text>\n",
		    ml, y, W - mr, y, ml - 6, y + 4, (long long)t);
	}
	for (i = 0; i < r->nmonths; i++) {
		const struct report_month *mo = &r->months[i];
		double x = ml + slot * (double)i + (slot - bw) / 2;
		double y = mt + ph;

		for (j = 0; j < r->ncats; j++) {
			double h;

			if (mo->by_category[j] == 0)
				continue;
			h = (double)ph * (double)mo->by_category[j] /
			    (double)max;
			y -= h;
			buf_printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
			    "height=\"%.1f\" fill=\"%s\"><title>", x, y, bw, h,
			    palette[j % NPALETTE]);
			esc(b, r->cats[j].name);
			buf_printf(b, " %04d-%02d: %lld</title></rect>\n",
			    mo->year, mo->month,
			    (long long)mo->by_category[j]);
		}
		if (i % every == 0) {
			buf_printf(b, "<text x=\"%.1f\" y=\"%d\" "
			    "text-anchor=\"middle\">%s", x + bw / 2,
			    mt + ph + 18, mn[mo->month - 1]);
			if (!one_year)
				buf_printf(b, " &#39;%02d", mo->year % 100);
			buf_adds(b, "</text>\n");
		}
		if (mo->received > 0)
			buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" "
			    "text-anchor=\"middle\" font-size=\"10\">%lld"
			    "</text>\n", x + bw / 2, y - 3,
			    (long long)mo->received);
	}
	buf_printf(b, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
	    "stroke=\"#333\"/>\n</svg>\n<div class=\"legend\">", ml, mt + ph,
	    W - mr, mt + ph);
	for (j = 0; j < r->ncats; j++) {
		buf_printf(b, "<span><span class=\"sw\" style=\"background:%s\">"
		    "</span>", palette[j % NPALETTE]);
		esc(b, r->cats[j].name);
		buf_adds(b, "</span>");
	}
	buf_adds(b, "</div>\n</section>\n");
}

/* One horizontal on-time bar: green part on time, red part late. */
static void
ontime_row(struct buf *b, double y, const char *name,
    const struct report_stats *s, const char *lang)
{
	const int	 lx = 220, bwid = 560;
	double		 g;
	char		 pc[NUMFMT_MAX], n1[NUMFMT_MAX], n2[NUMFMT_MAX];
	char		 n3[NUMFMT_MAX];

	PCT(pc, s->on_time, s->decided, lang);
	g = s->decided ? (double)bwid * (double)s->on_time /
	    (double)s->decided : 0;
	buf_printf(b, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">",
	    lx - 8, y + 14);
	esc(b, name);
	buf_adds(b, "</text>\n");
	buf_printf(b, "<rect x=\"%d\" y=\"%.1f\" width=\"%.1f\" height=\"18\" "
	    "fill=\"%s\"/>", lx, y, g, C_ONTIME);
	buf_printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
	    "height=\"18\" fill=\"%s\"/>\n", lx + g, y, bwid - g, C_LATE);
	buf_printf(b, "<text x=\"%d\" y=\"%.1f\">%s%s (%s/%s, %s %s)"
	    "</text>\n", lx + bwid + 8, y + 14, pc, s->decided ? "%" : "",
	    NUM(n1, s->on_time, lang), NUM(n2, s->decided, lang),
	    NUM(n3, s->decided - s->on_time, lang), L(lang, L_LATE));
}

static void
chart_ontime(struct buf *b, const struct report *r)
{
	const int	 W = 960, rowh = 28;
	size_t		 i, n = 1;
	double		 y = 6;

	for (i = 0; i < r->ncats; i++)
		n += r->cats[i].s.decided > 0;
	buf_adds(b, "<section>\n<h2>");
	esc(b, L(r->lang, L_ONTIME_CHART));
	buf_printf(b, "</h2>\n<svg xmlns=\"http://www.w3.org/2000/svg\" "
	    "viewBox=\"0 0 %d %zu\" width=\"%d\" height=\"%zu\" role=\"img\" "
	    "aria-label=\"", W, n * rowh + 8, W, n * rowh + 8);
	esc(b, L(r->lang, L_ONTIME_CHART));
	buf_adds(b, "\">\n");
	ontime_row(b, y, L(r->lang, L_TOTAL), &r->total, r->lang);
	for (i = 0; i < r->ncats; i++) {
		if (r->cats[i].s.decided == 0)
			continue;
		y += rowh;
		ontime_row(b, y, r->cats[i].name, &r->cats[i].s, r->lang);
	}
	buf_printf(b, "</svg>\n<div class=\"legend\"><span><span class=\"sw\" "
	    "style=\"background:%s\"></span>", C_ONTIME);
	esc(b, L(r->lang, L_ONTIME));
	buf_printf(b, "</span><span><span class=\"sw\" style=\"background:%s\">"
	    "</span>", C_LATE);
	esc(b, L(r->lang, L_LATE));
	buf_adds(b, "</span></div>\n</section>\n");
}

static void
chart_judgements(struct buf *b, const struct report *r)
{
	const int	 W = 960, rowh = 28, lx = 220, bwid = 600;
	const struct report_stats *s = &r->total;
	int64_t		 max = 1;
	int		 i, n = REPORT_NJUDGEMENTS + (s->judgements[
			    REPORT_J_NONE] > 0);
	double		 y = 6, w;
	char		 pc[NUMFMT_MAX], nj[NUMFMT_MAX];

	for (i = 0; i < n; i++)
		if (s->judgements[i] > max)
			max = s->judgements[i];
	buf_adds(b, "<section>\n<h2>");
	esc(b, L(r->lang, L_JUDGEMENTS));
	buf_printf(b, "</h2>\n<svg xmlns=\"http://www.w3.org/2000/svg\" "
	    "viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\" "
	    "aria-label=\"", W, n * rowh + 8, W, n * rowh + 8);
	esc(b, L(r->lang, L_JUDGEMENTS));
	buf_adds(b, "\">\n");
	for (i = 0; i < n; i++, y += rowh) {
		w = (double)bwid * (double)s->judgements[i] / (double)max;
		PCT(pc, s->judgements[i], s->decided, r->lang);
		buf_printf(b, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">",
		    lx - 8, y + 14);
		esc(b, judgement_label(r->lang, i));
		buf_printf(b, "</text>\n<rect x=\"%d\" y=\"%.1f\" "
		    "width=\"%.1f\" height=\"18\" fill=\"%s\"/>\n<text "
		    "x=\"%.1f\" y=\"%.1f\">%s (%s%s)</text>\n", lx, y, w,
		    judgement_colours[i], lx + w + 8, y + 14,
		    NUM(nj, s->judgements[i], r->lang), pc,
		    s->decided ? "%" : "");
	}
	buf_adds(b, "</svg>\n</section>\n");
}

static void
td_int(struct buf *b, int64_t v, const char *lang)
{
	char	n[NUMFMT_MAX];

	buf_printf(b, "<td>%s</td>", NUM(n, v, lang));
}

static void
table_categories(struct buf *b, const struct report *r)
{
	const char	*lang = r->lang;
	char		 pc[NUMFMT_MAX];
	size_t		 i;

	buf_adds(b, "<section>\n<h2>");
	esc(b, L(lang, L_PER_CATEGORY));
	buf_adds(b, "</h2>\n<table>\n<thead><tr>");
	{
		const enum lbl cols[] = { L_CATEGORY, L_RECEIVED, L_DECIDED,
		    L_OPEN, L_ONTIME, L_EXTENDED, L_MEDIAN, L_P90,
		    L_ESCALATIONS, L_REOPENED, L_PREVIOUS };
		for (i = 0; i < sizeof cols / sizeof cols[0]; i++) {
			buf_adds(b, "<th>");
			esc(b, L(lang, cols[i]));
			buf_adds(b, "</th>");
		}
	}
	buf_adds(b, "</tr></thead>\n<tbody>\n");
	for (i = 0; i <= r->ncats; i++) {
		const struct report_stats *s = i < r->ncats ? &r->cats[i].s :
		    &r->total;

		buf_adds(b, i < r->ncats ? "<tr><td>" : "<tr><th>");
		esc(b, i < r->ncats ? r->cats[i].name : L(lang, L_TOTAL));
		buf_adds(b, i < r->ncats ? "</td>" : "</th>");
		td_int(b, s->received, lang);
		td_int(b, s->decided, lang);
		td_int(b, s->open, lang);
		PCT(pc, s->on_time, s->decided, lang);
		buf_printf(b, "<td>%s%s</td>", pc, s->decided ? "%" : "");
		PCT(pc, s->extended, s->decided, lang);
		buf_printf(b, "<td>%s%s</td>", pc, s->decided ? "%" : "");
		buf_printf(b, "<td>%s</td>", s->handled ? numfmt_half(pc,
		    sizeof pc, s->median2, lang_parse(lang)) : "-");
		if (s->handled)
			td_int(b, s->p90, lang);
		else
			buf_adds(b, "<td>-</td>");
		td_int(b, s->escalations, lang);
		td_int(b, s->reopens, lang);
		td_int(b, s->prev_received, lang);
		buf_adds(b, "</tr>\n");
	}
	buf_adds(b, "</tbody>\n</table>\n</section>\n");
}

static void
table_rising(struct buf *b, const struct report *r)
{
	const char	*lang = r->lang;
	char		 pc[NUMFMT_MAX], nd[NUMFMT_MAX];
	size_t		 i;

	buf_adds(b, "<section>\n<h2>");
	esc(b, L(lang, L_RISING));
	buf_adds(b, "</h2>\n");
	if (r->nrising == 0) {
		buf_adds(b, "<p>");
		esc(b, L(lang, L_NONE_RISING));
		buf_adds(b, "</p>\n</section>\n");
		return;
	}
	buf_adds(b, "<table>\n<thead><tr><th>");
	esc(b, L(lang, L_CATEGORY));
	buf_adds(b, "</th><th>");
	esc(b, L(lang, L_PREVIOUS));
	buf_adds(b, "</th><th>");
	esc(b, L(lang, L_RECEIVED));
	buf_adds(b, "</th><th>");
	esc(b, L(lang, L_CHANGE));
	buf_adds(b, "</th></tr></thead>\n<tbody>\n");
	for (i = 0; i < r->nrising; i++) {
		const struct report_category *c = &r->cats[r->rising[i]];
		int64_t d = c->s.received - c->s.prev_received;

		buf_adds(b, "<tr><td>");
		esc(b, c->name);
		buf_adds(b, "</td>");
		td_int(b, c->s.prev_received, lang);
		td_int(b, c->s.received, lang);
		if (PCT(pc, d, c->s.prev_received, lang))
			buf_printf(b, "<td>+%s (+%s%%)</td>", NUM(nd, d, lang),
			    pc);
		else
			buf_printf(b, "<td>+%s</td>", NUM(nd, d, lang));
		buf_adds(b, "</tr>\n");
	}
	buf_adds(b, "</tbody>\n</table>\n</section>\n");
}

static void
table_escalated(struct buf *b, const struct report *r)
{
	const char	*lang = r->lang;
	size_t		 i;

	if (r->nescalated == 0)
		return;
	buf_adds(b, "<section>\n<h2>");
	esc(b, L(lang, L_ESCALATED));
	buf_adds(b, "</h2>\n<table>\n<thead><tr><th>");
	esc(b, L(lang, L_REFERENCE));
	buf_adds(b, "</th><th class=\"l\">");
	esc(b, L(lang, L_CATEGORY));
	buf_adds(b, "</th><th>");
	esc(b, L(lang, L_ESCALATIONS));
	buf_adds(b, "</th></tr></thead>\n<tbody>\n");
	for (i = 0; i < r->nescalated && i < 50; i++) {
		buf_adds(b, "<tr><td>");
		esc(b, r->escalated[i].ref);
		buf_adds(b, "</td><td class=\"l\">");
		esc(b, r->escalated[i].category);
		buf_adds(b, "</td>");
		td_int(b, r->escalated[i].count, lang);
		buf_adds(b, "</tr>\n");
	}
	buf_adds(b, "</tbody>\n</table>\n</section>\n");
}

/* The first column of a table per department (dept) or cause. */
static const char *
group_heading(int dept, int en)
{
	return dept ? (en ? "Department" : "Afdeling") : (en ? "Cause" :
	    "Oorzaak");
}

/* A row's first cell: the group's name, "(none)" for the unclassified. */
static void
group_cell(struct buf *b, const struct report_group *g, int en)
{
	buf_adds(b, "<tr><td>");
	esc(b, strcmp(g->id, REPORT_NO_CLASS) == 0 ? (en ? "(none)" :
	    "(geen)") : g->name);
	buf_adds(b, "</td>");
}

/* Issue 15: per department or cause, received, decided and the
 * judgements of the decided (one column each). */
static void
table_groups(struct buf *b, const struct report *r, int dept)
{
	const char			*lang = r->lang;
	const struct report_group	*g = dept ? r->depts : r->causes;
	size_t				 n = dept ? r->ndepts : r->ncauses, i;
	int				 en = lang_is_en(lang), j;

	if (n == 0)
		return;
	buf_adds(b, "<section>\n<h2>");
	esc(b, dept ? (en ? "Per department" : "Per afdeling") :
	    (en ? "Per cause" : "Per oorzaak"));
	buf_adds(b, "</h2>\n<table>\n<thead><tr><th>");
	esc(b, group_heading(dept, en));
	buf_adds(b, "</th><th>");
	esc(b, L(lang, L_RECEIVED));
	buf_adds(b, "</th><th>");
	esc(b, L(lang, L_DECIDED));
	buf_adds(b, "</th>");
	for (j = 0; j < REPORT_NJUDGEMENTS; j++) {
		buf_adds(b, "<th>");
		esc(b, judgement_label(lang, j));
		buf_adds(b, "</th>");
	}
	buf_adds(b, "</tr></thead>\n<tbody>\n");
	for (i = 0; i < n; i++) {
		group_cell(b, &g[i], en);
		td_int(b, g[i].received, lang);
		td_int(b, g[i].decided, lang);
		for (j = 0; j < REPORT_NJUDGEMENTS; j++)
			td_int(b, g[i].judgements[j], lang);
		buf_adds(b, "</tr>\n");
	}
	buf_adds(b, "</tbody>\n</table>\n</section>\n");
}

/* ------------------------------------------------ learning (issue 15) */

/* "<section id=ID><h2>TITLE</h2>": the ids let readers (and tests) find
 * a block. */
static void
section_start(struct buf *b, const char *id, const char *title)
{
	buf_printf(b, "<section id=\"%s\">\n<h2>", id);
	esc(b, title);
	buf_adds(b, "</h2>\n");
}

static void
para(struct buf *b, const char *text)
{
	buf_adds(b, "<p>");
	esc(b, text);
	buf_adds(b, "</p>\n");
}

/* A table's head: the first column left, the others right. */
static void
thead(struct buf *b, const char *const *cols, size_t n)
{
	size_t	i;

	buf_adds(b, "<table>\n<thead><tr>");
	for (i = 0; i < n; i++) {
		buf_adds(b, "<th>");
		esc(b, cols[i]);
		buf_adds(b, "</th>");
	}
	buf_adds(b, "</tr></thead>\n<tbody>\n");
}

static void
td_str(struct buf *b, const char *s)
{
	buf_adds(b, "<td>");
	esc(b, s);
	buf_adds(b, "</td>");
}

/* The first cell of a row: a category's name, or the total's. */
static void
row_start(struct buf *b, const struct report *r, size_t i)
{
	buf_adds(b, i < r->ncats ? "<tr><td>" : "<tr><th>");
	esc(b, i < r->ncats ? r->cats[i].name : L(r->lang, L_TOTAL));
	buf_adds(b, i < r->ncats ? "</td>" : "</th>");
}

/* Hearings held or skipped, with the grounds of Awb 9:10 lid 2. */
static void
section_hearings(struct buf *b, const struct report *r)
{
	const char	*lang = r->lang;
	int		 en = lang_is_en(lang);
	const char	*cols[] = { L(lang, L_CATEGORY), en ? "Held" :
			    "Gehouden", en ? "Not held: a" : "Afgezien: a",
			    "b", "c" };
	size_t		 i, k;

	section_start(b, "hearings", en ? "Hearings (Awb 9:10)" :
	    "Hoorzittingen (Awb 9:10)");
	para(b, en ? "Complaints whose hearing report, or decision not to "
	    "hear the complainant, was recorded in the period. Grounds of "
	    "lid 2: a the complaint is clearly unfounded; b the complainant "
	    "does not want to be heard; c the complainant did not say in "
	    "reasonable time that they want to be heard." : "Klachten "
	    "waarvan het verslag van het horen, of het besluit van horen af "
	    "te zien, in de periode is vastgelegd. Gronden van lid 2: a de "
	    "klacht is kennelijk ongegrond; b de klager wil niet gehoord "
	    "worden; c de klager heeft niet binnen redelijke termijn "
	    "verklaard gehoord te willen worden.");
	thead(b, cols, sizeof cols / sizeof cols[0]);
	for (i = 0; i <= r->ncats; i++) {
		const struct report_stats *s = i < r->ncats ? &r->cats[i].s :
		    &r->total;

		row_start(b, r, i);
		td_int(b, s->hearings_held, lang);
		for (k = 0; k < REPORT_NGROUNDS; k++)
			td_int(b, s->hearings_skipped[k], lang);
		buf_adds(b, "</tr>\n");
	}
	buf_adds(b, "</tbody>\n</table>\n</section>\n");
}

/* One row of satisfaction figures: asked, answered, rate, mean score. */
static void
sat_cells(struct buf *b, int64_t asked, int64_t answered, int64_t sum,
    const char *lang)
{
	char	pc[NUMFMT_MAX], v[NUMFMT_MAX + 1];

	td_int(b, asked, lang);
	td_int(b, answered, lang);
	if (PCT(pc, answered, asked, lang))
		snprintf(v, sizeof v, "%s%%", pc);
	else
		snprintf(v, sizeof v, "-");
	td_str(b, v);
	PCT(pc, sum, 100 * answered, lang);
	td_str(b, answered ? pc : "-");
	buf_adds(b, "</tr>\n");
}

/* Satisfaction per department (dept) or cause, for those asked. */
static void
sat_groups(struct buf *b, const struct report *r, int dept)
{
	const char			*lang = r->lang;
	const struct report_group	*g = dept ? r->depts : r->causes;
	size_t				 n = dept ? r->ndepts : r->ncauses, i;
	int				 en = lang_is_en(lang), any = 0;
	const char			*cols[] = { group_heading(dept, en),
					    en ? "Asked" :
					    "Gevraagd", en ? "Answered" :
					    "Geantwoord", en ? "Response" :
					    "Respons", en ? "Mean score (1-5)" :
					    "Gemiddelde score (1-5)" };

	for (i = 0; i < n; i++)
		any |= g[i].sat_asked > 0;
	if (!any)
		return;
	thead(b, cols, sizeof cols / sizeof cols[0]);
	for (i = 0; i < n; i++) {
		if (g[i].sat_asked == 0)
			continue;
		group_cell(b, &g[i], en);
		sat_cells(b, g[i].sat_asked, g[i].sat_answered, g[i].sat_sum,
		    lang);
	}
	buf_adds(b, "</tbody>\n</table>\n");
}

/* Satisfaction: response rate and mean score per category and per
 * outcome kind (the judgement). */
static void
section_satisfaction(struct buf *b, const struct report *r)
{
	const char	*lang = r->lang;
	int		 en = lang_is_en(lang);
	const char	*cols[] = { L(lang, L_CATEGORY), en ? "Asked" :
			    "Gevraagd", en ? "Answered" : "Geantwoord",
			    en ? "Response" : "Respons", en ? "Mean score "
			    "(1-5)" : "Gemiddelde score (1-5)" };
	const struct report_stats *t = &r->total;
	size_t		 i;
	int		 j;

	section_start(b, "satisfaction", en ? "Satisfaction" :
	    "Tevredenheid");
	if (t->sat_asked == 0) {
		para(b, en ? "No complainant of a case decided in the period "
		    "was asked about their satisfaction." : "Geen klager van "
		    "een in de periode afgehandelde klacht is naar de "
		    "tevredenheid gevraagd.");
		buf_adds(b, "</section>\n");
		return;
	}
	thead(b, cols, sizeof cols / sizeof cols[0]);
	for (i = 0; i <= r->ncats; i++) {
		const struct report_stats *s = i < r->ncats ? &r->cats[i].s :
		    t;

		if (s->sat_asked == 0)
			continue;
		row_start(b, r, i);
		sat_cells(b, s->sat_asked, s->sat_answered, s->sat_sum, lang);
	}
	buf_adds(b, "</tbody>\n</table>\n");
	cols[0] = L(lang, L_JUDGEMENT);
	thead(b, cols, sizeof cols / sizeof cols[0]);
	for (j = 0; j <= REPORT_NJUDGEMENTS; j++) {
		if (t->sat_j_asked[j] == 0)
			continue;
		buf_adds(b, "<tr><td>");
		esc(b, judgement_label(lang, j));
		buf_adds(b, "</td>");
		sat_cells(b, t->sat_j_asked[j], t->sat_j_answered[j],
		    t->sat_j_sum[j], lang);
	}
	buf_adds(b, "</tbody>\n</table>\n");
	sat_groups(b, r, 1);
	sat_groups(b, r, 0);
	buf_adds(b, "</section>\n");
}

/* The measures per department (dept) or cause, where there are. */
static void
measure_groups(struct buf *b, const struct report *r, int dept)
{
	const char			*lang = r->lang;
	const struct report_group	*g = dept ? r->depts : r->causes;
	size_t				 n = dept ? r->ndepts : r->ncauses, i;
	int				 en = lang_is_en(lang), any = 0;
	const char			*cols[] = { group_heading(dept, en),
					    "Open", en ? "Done" :
					    "Gereed", en ? "Late" : "Te laat" };

	for (i = 0; i < n; i++)
		any |= g[i].m_open + g[i].m_done > 0;
	if (!any)
		return;
	thead(b, cols, sizeof cols / sizeof cols[0]);
	for (i = 0; i < n; i++) {
		if (g[i].m_open + g[i].m_done == 0)
			continue;
		group_cell(b, &g[i], en);
		td_int(b, g[i].m_open, lang);
		td_int(b, g[i].m_done, lang);
		td_int(b, g[i].m_late, lang);
		buf_adds(b, "</tr>\n");
	}
	buf_adds(b, "</tbody>\n</table>\n");
}

/* Improvement measures made in the period: open, done, late. */
static void
section_measures(struct buf *b, const struct report *r)
{
	const char	*lang = r->lang;
	int		 en = lang_is_en(lang);
	const char	*cols[] = { en ? "Measures" : "Maatregelen",
			    "Open", en ? "Done" : "Gereed",
			    en ? "Late" : "Te laat" };

	section_start(b, "measures", en ? "Improvement measures" :
	    "Verbetermaatregelen");
	thead(b, cols, sizeof cols / sizeof cols[0]);
	buf_adds(b, "<tr><th>");
	esc(b, L(lang, L_TOTAL));
	buf_adds(b, "</th>");
	td_int(b, r->total.measures_open, lang);
	td_int(b, r->total.measures_done, lang);
	td_int(b, r->total.measures_late, lang);
	buf_adds(b, "</tr>\n</tbody>\n</table>\n");
	measure_groups(b, r, 1);
	measure_groups(b, r, 0);
	para(b, en ? "Measures made in the period; open and late as at its "
	    "end. Per department and cause: by the cases a measure is linked "
	    "to (a measure counts once in each)." : "Maatregelen genomen in "
	    "de periode; open en te laat zoals aan het eind ervan. Per "
	    "afdeling en oorzaak: naar de klachten waaraan een maatregel is "
	    "gekoppeld (een maatregel telt in elk eenmaal).");
	buf_adds(b, "</section>\n");
}

/* First contact: cases received with a contact, median days to it. */
static void
section_contact(struct buf *b, const struct report *r)
{
	const char	*lang = r->lang;
	int		 en = lang_is_en(lang);
	const char	*cols[] = { L(lang, L_CATEGORY), L(lang, L_RECEIVED),
			    en ? "With a first contact" : "Met een eerste "
			    "contact", en ? "Median days to it" : "Mediaan "
			    "dagen tot dan" };
	char		 v[NUMFMT_MAX];
	size_t		 i;

	section_start(b, "first-contact", en ? "First contact" :
	    "Eerste contact");
	thead(b, cols, sizeof cols / sizeof cols[0]);
	for (i = 0; i <= r->ncats; i++) {
		const struct report_stats *s = i < r->ncats ? &r->cats[i].s :
		    &r->total;

		if (i < r->ncats && s->received == 0)
			continue;
		row_start(b, r, i);
		td_int(b, s->received, lang);
		td_int(b, s->contacted, lang);
		td_str(b, s->contacted ? numfmt_half(v, sizeof v,
		    s->contact_median2, lang_parse(lang)) : "-");
		buf_adds(b, "</tr>\n");
	}
	buf_adds(b, "</tbody>\n</table>\n</section>\n");
}

/* Trend signals, with their method in one sentence. */
static void
section_trends(struct buf *b, const struct report *r)
{
	const char	*lang = r->lang;
	int		 en = lang_is_en(lang);
	const char	*cols[] = { en ? "Category or cause" : "Categorie of "
			    "oorzaak", en ? "Complaints" : "Klachten",
			    en ? "Mean before" : "Gemiddeld daarvoor",
			    en ? "Limit" : "Grens" };
	char		 v[NUMFMT_MAX], *name;
	struct buf	 m;
	size_t		 i;

	section_start(b, "trends", en ? "Trend signals" : "Trendsignalen");
	buf_init(&m);
	report_trend_method(&m, r);
	buf_adds(b, "<p class=\"method\">");
	esc(b, m.data);
	buf_adds(b, "</p>\n");
	buf_free(&m);
	if (r->ntrends == 0) {
		if (r->trend_year != 0)
			para(b, en ? "No category or cause was flagged." :
			    "Geen categorie of oorzaak gemeld.");
		buf_adds(b, "</section>\n");
		return;
	}
	thead(b, cols, sizeof cols / sizeof cols[0]);
	for (i = 0; i < r->ntrends; i++) {
		const struct report_trend *t = &r->trends[i];

		name = xasprintf("%s (%s)", t->name, t->cause ? (en ? "cause" :
		    "oorzaak") : (en ? "category" : "categorie"));
		buf_adds(b, "<tr><td>");
		esc(b, name);
		buf_adds(b, "</td>");
		free(name);
		td_int(b, t->count, lang);
		PCT(v, (int64_t)(t->mean * 10 + 0.5), 1000, lang);
		td_str(b, v);
		PCT(v, (int64_t)(t->limit * 10 + 0.5), 1000, lang);
		td_str(b, v);
		buf_adds(b, "</tr>\n");
	}
	buf_adds(b, "</tbody>\n</table>\n</section>\n");
}

void
report_html(struct buf *b, const struct report *r)
{
	char	*from = cal_format_date(r->period.start, r->lang);
	char	*to = cal_format_date(cal_add_days(r->period.end, -1),
		    r->lang);
	char	*gen = cal_format_date(r->generated_at, r->lang);
	char	*title;
	const char *cname = r->category;
	size_t	 i;

	for (i = 0; cname != NULL && i < r->ncats; i++)
		if (strcmp(r->cats[i].id, cname) == 0)
			cname = r->cats[i].name;
	title = xasprintf("%s %s \xe2\x80\x93 %s%s%s", L(r->lang, L_TITLE),
	    from, to, cname ? " \xc2\xb7 " : "", cname ? cname : "");
	page_start(b, r->lang, title);
	buf_adds(b, "<header>\n<h1>");
	esc(b, title);
	buf_adds(b, "</h1>\n<p class=\"sub\">");
	esc(b, r->org_name);
	buf_adds(b, " \xc2\xb7 ");
	esc(b, L(r->lang, L_GENERATED));
	buf_adds(b, " ");
	esc(b, gen);
	buf_adds(b, "</p>\n</header>\n");
	kpis(b, r);
	chart_months(b, r);
	chart_ontime(b, r);
	chart_judgements(b, r);
	table_categories(b, r);
	table_groups(b, r, 1);
	table_groups(b, r, 0);
	table_rising(b, r);
	section_trends(b, r);
	section_hearings(b, r);
	section_contact(b, r);
	section_satisfaction(b, r);
	section_measures(b, r);
	table_escalated(b, r);
	buf_adds(b, "<p class=\"defs\">");
	esc(b, L(r->lang, L_DEFS));
	buf_adds(b, "</p>\n");
	page_end(b);
	free(title);
	free(from);
	free(to);
	free(gen);
}

void
report_register_html(struct buf *b, const struct report_input *in,
    const struct report_case **rows, size_t n)
{
	const char	*lang = in->lang;
	char		*from = cal_format_date(in->period.start, lang);
	char		*to = cal_format_date(cal_add_days(in->period.end, -1),
			    lang);
	char		*title;
	size_t		 i;

	title = xasprintf("%s %s \xe2\x80\x93 %s", L(lang, L_REGISTER), from,
	    to);
	page_start(b, lang, title);
	buf_adds(b, "<h1>");
	esc(b, title);
	buf_adds(b, "</h1>\n<p class=\"sub\">");
	esc(b, in->org_name);
	buf_printf(b, " \xc2\xb7 %zu ", n);
	esc(b, L(lang, L_CASES));
	buf_adds(b, " \xc2\xb7 ");
	esc(b, L(lang, L_NOTES));
	buf_adds(b, "</p>\n<table>\n<thead><tr><th>");
	esc(b, L(lang, L_REFERENCE));
	buf_adds(b, "</th><th>");
	esc(b, L(lang, L_RECEIVED));
	buf_adds(b, "</th><th class=\"l\">");
	esc(b, L(lang, L_CATEGORY));
	buf_adds(b, "</th><th class=\"l\">");
	esc(b, L(lang, L_JUDGEMENT));
	buf_adds(b, "</th><th>");
	esc(b, L(lang, L_DECIDED));
	buf_adds(b, "</th><th>");
	esc(b, L(lang, L_DAYS));
	buf_adds(b, "</th><th class=\"l\">");
	esc(b, L(lang, L_CHANNEL));
	/* Issue 15: at the end, so the columns before keep their place. */
	buf_adds(b, "</th><th class=\"l\">");
	esc(b, lang_is_en(lang) ? "Department" : "Afdeling");
	buf_adds(b, "</th><th class=\"l\">");
	esc(b, lang_is_en(lang) ? "Cause" : "Oorzaak");
	buf_adds(b, "</th></tr></thead>\n<tbody>\n");
	for (i = 0; i < n; i++) {
		const struct report_case *c = rows[i];
		char *rec = cal_format_iso_date(c->received_at);
		char nd[NUMFMT_MAX];

		buf_adds(b, "<tr><td>");
		esc(b, c->ref);
		buf_adds(b, "</td><td>");
		esc(b, rec);
		buf_adds(b, "</td><td class=\"l\">");
		if (c->category != NULL && *c->category != '\0')
			esc(b, report_cat_name(in, c->category));
		else
			esc(b, L(lang, L_NO_CATEGORY));
		buf_adds(b, "</td><td class=\"l\">");
		if (c->decided_at == 0 && c->resolved_at != 0)
			/* Issue 15: ended informally, no judgement. */
			esc(b, lang_parse(lang) == LANG_EN ? "resolved "
			    "informally" : "informeel opgelost");
		else if (c->decided_at == 0)
			esc(b, L(lang, L_OPEN_CASE));
		else if (c->judgement == NULL)
			esc(b, L(lang, L_NO_JUDGEMENT));
		else
			esc(b, case_judgement_label(c->judgement,
			    lang_name(lang_parse(lang))));
		buf_adds(b, "</td><td>");
		if (c->decided_at) {
			char *dec = cal_format_iso_date(c->decided_at);

			esc(b, dec);
			free(dec);
			buf_printf(b, "</td><td>%s</td>", NUM(nd,
			    report_days_between(c->received_at,
			    c->decided_at), lang));
		} else
			buf_adds(b, "-</td><td>-</td>");
		buf_adds(b, "<td class=\"l\">");
		esc(b, report_case_channel(c));
		buf_adds(b, "</td><td class=\"l\">");
		esc(b, c->department ? c->department : "-");
		buf_adds(b, "</td><td class=\"l\">");
		esc(b, c->cause ? c->cause : "-");
		buf_adds(b, "</td></tr>\n");
		free(rec);
	}
	buf_adds(b, "</tbody>\n</table>\n");
	{
		int64_t	held, sk[REPORT_NGROUNDS];
		char	n0[NUMFMT_MAX], n1[NUMFMT_MAX], n2[NUMFMT_MAX];
		char	n3[NUMFMT_MAX], *t;

		/* Issue 15: below the rows, so their columns stay. */
		report_register_hearings(rows, n, &held, sk);
		t = xasprintf(lang_is_en(lang) ? "Hearings (Awb 9:10): held "
		    "%s; not held under lid 2 a %s, b %s, c %s." :
		    "Hoorzittingen (Awb 9:10): gehouden %s; afgezien onder lid "
		    "2 a %s, b %s, c %s.", NUM(n0, held, lang),
		    NUM(n1, sk[0], lang), NUM(n2, sk[1], lang),
		    NUM(n3, sk[2], lang));
		buf_adds(b, "<p id=\"hearings\">");
		esc(b, t);
		buf_adds(b, "</p>\n");
		free(t);
	}
	page_end(b);
	free(title);
	free(from);
	free(to);
}
