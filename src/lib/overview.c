/*
 * overview.c -- the officer's overview and search answer as text, from
 * case rows (see overview.h).  Pure: the configuration and the rows in,
 * strings out; the unit test feeds it a generated set of cases.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "casestate.h"
#include "cmdtable.h"
#include "officer.h"
#include "overview.h"
#include "quote.h"

#define LINE_SUBJECT_MAX	60	/* characters of the subject */
#define LINE_NAME_MAX		40	/* characters of the name */

int
overview_visible(const struct cfg *cfg, const struct cfg_officer *o,
    const struct case_row *c)
{
	return !officer_case_confidential(cfg, c) ||
	    officer_serves(o, c->category);
}

static int
is_open(const struct case_row *c)
{
	enum case_state	s = case_state_parse(c->status);

	return s == CS_NEW || s == CS_ACKNOWLEDGED || s == CS_IN_PROGRESS ||
	    s == CS_WAITING;
}

static int
unassigned(const struct case_row *c)
{
	return c->assignee == NULL || *c->assignee == '\0';
}

char *
overview_line(const struct case_row *c, const char *lang, int received,
    int mark_unassigned)
{
	int		 en = cmd_lang_en(lang);
	struct buf	 b;
	char		*due, *rec, *who, *subj;

	due = cal_format_date(c->due_at, lang);
	who = quote_clean(c->complainant_name, LINE_NAME_MAX);
	if (who == NULL || *who == '\0') {
		free(who);
		/* No name: the address is what the officer knows them by
		 * (an officer's mail, not a reflector to a stranger). */
		who = c->complainant_email && *c->complainant_email ?
		    str_header_safe(c->complainant_email) : xstrdup(en ?
		    "(no name)" : "(geen naam)");
	}
	subj = quote_clean(c->subject, LINE_SUBJECT_MAX);
	buf_init(&b);
	buf_printf(&b, "- %s", c->ref);
	if (received) {
		rec = cal_format_date(c->received_at, lang);
		buf_printf(&b, ", %s %s", en ? "received" : "ontvangen", rec);
		free(rec);
	}
	buf_printf(&b, ", %s %s, %s, %s: \"%s\"", en ? "due" : "uiterlijk",
	    due, case_state_label(case_state_parse(c->status), lang), who,
	    subj && *subj ? subj : "-");
	if (mark_unassigned && unassigned(c))
		buf_adds(&b, en ? " (unassigned)" : " (niet toegewezen)");
	free(due);
	free(who);
	free(subj);
	return buf_detach(&b, NULL);
}

void
overview_init(struct overview *ov, const struct cfg *cfg,
    const struct cfg_officer *o, int64_t now, const char *lang)
{
	int	i;

	memset(ov, 0, sizeof *ov);
	ov->cfg = cfg;
	ov->o = o;
	ov->now = now;
	ov->lang = lang;
	for (i = 0; i < OV_NSECTIONS; i++)
		buf_init(&ov->list[i]);
}

static void
file_in(struct overview *ov, enum overview_section s,
    const struct case_row *c)
{
	char	*line;

	if (ov->count[s]++ >= OVERVIEW_LINES)
		return;
	line = overview_line(c, ov->lang, 0, s >= OV_DUE);
	buf_printf(&ov->list[s], "%s\n", line);
	free(line);
}

int
overview_add(struct overview *ov, const struct case_row *c)
{
	int	mine;

	if (!is_open(c) || !overview_visible(ov->cfg, ov->o, c))
		return 0;
	mine = !unassigned(c) && strcmp(c->assignee, ov->o->id) == 0;
	if (!mine && !(unassigned(c) && officer_serves(ov->o, c->category)))
		return 0;
	file_in(ov, mine ? OV_MINE : OV_UNASSIGNED, c);
	if (c->due_at < ov->now)
		file_in(ov, OV_OVERDUE, c);
	else if (c->due_at < ov->now + OVERVIEW_DUE_DAYS * (int64_t)CAL_DAY)
		file_in(ov, OV_DUE, c);
	if (c->extended)
		file_in(ov, OV_EXTENDED, c);
	return 1;
}

/* The "... and N more" line of a list that was cut. */
static void
more_line(struct buf *b, int more, const char *lang)
{
	if (more > 0)
		buf_printf(b, cmd_lang_en(lang) ? "- ... and %d more\n" :
		    "- ... en nog %d\n", more);
}

const char *
overview_list(struct overview *ov, enum overview_section s)
{
	if (!ov->ended[s]) {
		more_line(&ov->list[s], ov->count[s] - OVERVIEW_LINES,
		    ov->lang);
		ov->ended[s] = 1;
	}
	return ov->list[s].len > 0 ? ov->list[s].data : "";
}

void
overview_free(struct overview *ov)
{
	int	i;

	for (i = 0; i < OV_NSECTIONS; i++)
		buf_free(&ov->list[i]);
}

/* ------------------------------------------------------------- search */

void
overview_search_init(struct overview_search *sr, const struct cfg *cfg,
    const struct cfg_officer *o, const char *lang)
{
	memset(sr, 0, sizeof *sr);
	sr->cfg = cfg;
	sr->o = o;
	sr->lang = lang;
	buf_init(&sr->list);
}

int
overview_search_add(const struct case_row *c, void *arg)
{
	struct overview_search	*sr = arg;
	char			*line;
	int			 en = cmd_lang_en(sr->lang);

	if (!overview_visible(sr->cfg, sr->o, c))
		return 0;
	if (sr->count++ >= SEARCH_LINES)
		return 0;
	line = overview_line(c, sr->lang, 1, 0);
	buf_printf(&sr->list, "%s\n  %s #%s %s %s\n", line,
	    en ? "Reply with" : "Antwoord met", en ? "file" : "dossier",
	    c->ref, en ? "to open the file" : "om het dossier te openen");
	free(line);
	return 0;
}

const char *
overview_search_list(struct overview_search *sr, int *more)
{
	*more = sr->count > SEARCH_LINES ? sr->count - SEARCH_LINES : 0;
	return sr->list.len > 0 ? sr->list.data : "";
}

void
overview_search_free(struct overview_search *sr)
{
	buf_free(&sr->list);
}
