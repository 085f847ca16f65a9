/*
 * officer_overview.c -- #overzicht, #zoek and the weekly personal digest
 * (see officer_overview.h).  The text is overview.c's; this file reads
 * the store and queues the mail.
 *
 * Everything runs inside the caller's transaction: for a command, that
 * of the officer's mail (an answer is queued with the commands or not at
 * all); for the digest, the deadline scan's last one, so a claimed week
 * and its mail commit together.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "lang.h"
#include "log.h"
#include "mail.h"
#include "officer.h"
#include "officer_overview.h"
#include "outmail.h"
#include "overview.h"
#include "workdays.h"

#define QUERY_SHOWN	200	/* bytes of the query repeated to the officer */

/* A line of the confirmation (as officer_exec.c's change()). */
static void
confirm_line(struct officer_exec *x, const char *s)
{
	buf_printf(&x->changes, "- %s\n", s);
}

/*
 * Queues mail from template tmpl to officer o about no case, with the
 * personal Reply-To; threaded under the officer's mail when it answers
 * one (in_reply_to set: Auto-Submitted auto-replied), else
 * auto-generated.
 */
static enum kres
queue_personal(struct klacht *k, const struct officer_key *key,
    const struct cfg_officer *o, const char *kind, const char *tmpl,
    const char *in_reply_to, const char *references,
    const struct tmpl_var *vars, size_t nvars, int64_t now, char **cause)
{
	struct outmail	 om;
	struct tmpl_var	*all;
	char		*reply_to;
	size_t		 i, n = 0;
	enum kres	 r;

	reply_to = officer_personal_address(k->cfg, key, o->id, now);
	if (reply_to == NULL)
		log_warn("officer %s: no personal token can be made (id too "
		    "long?): %s goes without one", o->id, kind);
	all = xcalloc(nvars + 2, sizeof *all);
	all[n++] = (struct tmpl_var){ "officer_name", o->name };
	all[n++] = (struct tmpl_var){ "officer_id", o->id };
	for (i = 0; i < nvars; i++)
		all[n++] = vars[i];
	memset(&om, 0, sizeof om);
	om.kind = kind;
	om.template = tmpl;
	om.lang = k->cfg->language;
	om.to_addr = o->email;
	om.to_name = o->name;
	om.reply_to = reply_to;
	om.in_reply_to = in_reply_to;
	om.references = references;
	om.auto_submitted = in_reply_to != NULL ? MAIL_AUTO_REPLIED :
	    MAIL_AUTO_GENERATED;
	om.vars = all;
	om.nvars = n;
	r = outmail_queue(k, &om, now, NULL, cause);
	free(all);
	free(reply_to);
	return r;
}

static int
overview_cb(const struct case_row *c, void *arg)
{
	overview_add(arg, c);
	return 0;
}

/* The overview of officer o at now, mailed as kind from template
 * "overview"; week_date set for the weekly digest.  *shown gets the
 * number of cases in it (mine + unassigned). */
static enum kres
send_overview(struct klacht *k, const struct officer_key *key,
    const struct cfg_officer *o, const char *kind, const char *week_date,
    const char *in_reply_to, const char *references, int64_t now,
    int skip_empty, int *shown, char **cause)
{
	struct overview	 ov;
	char		 num[OV_NSECTIONS][16];
	const char	*list[OV_NSECTIONS];
	int		 i, en = k->cfg->lang == LANG_EN;
	enum kres	 r;

	overview_init(&ov, k->cfg, o, now, k->cfg->language);
	if ((r = store_overview_foreach(k->st, o->id, overview_cb, &ov,
	    cause)) != KR_OK) {
		overview_free(&ov);
		return r;
	}
	*shown = ov.count[OV_MINE] + ov.count[OV_UNASSIGNED];
	if (skip_empty && *shown == 0) {
		overview_free(&ov);
		return KR_OK;
	}
	for (i = 0; i < OV_NSECTIONS; i++) {
		snprintf(num[i], sizeof num[i], "%d", ov.count[i]);
		list[i] = overview_list(&ov, (enum overview_section)i);
		if (*list[i] == '\0')
			list[i] = en ? "- none\n" : "- geen\n";
	}
	struct tmpl_var vars[] = {
		{ "weekly", week_date != NULL ? "1" : "" },
		{ "asked", week_date != NULL ? "" : "1" },
		{ "week_date", week_date != NULL ? week_date : "" },
		{ "mine_count", num[OV_MINE] },
		{ "mine_list", list[OV_MINE] },
		{ "unassigned_count", num[OV_UNASSIGNED] },
		{ "unassigned_list", list[OV_UNASSIGNED] },
		{ "due_count", num[OV_DUE] },
		{ "due_list", list[OV_DUE] },
		{ "overdue_count", num[OV_OVERDUE] },
		{ "overdue_list", list[OV_OVERDUE] },
		{ "extended_count", num[OV_EXTENDED] },
		{ "extended_list", list[OV_EXTENDED] },
	};
	r = queue_personal(k, key, o, kind, "overview", in_reply_to,
	    references, vars, sizeof vars / sizeof vars[0], now, cause);
	if (r == KR_OK)
		log_info("officer %s: %s sent: %d own, %d unassigned, %d due "
		    "within %d days, %d overdue, %d extended", o->id, kind,
		    ov.count[OV_MINE], ov.count[OV_UNASSIGNED],
		    ov.count[OV_DUE], OVERVIEW_DUE_DAYS, ov.count[OV_OVERDUE],
		    ov.count[OV_EXTENDED]);
	overview_free(&ov);
	return r;
}

enum kres
officer_do_overview(struct officer_exec *x, const struct cmd *cmd,
    char **cause)
{
	char		*line;
	int		 shown = 0;
	enum kres	 r;

	(void)cmd;
	if ((r = send_overview(x->k, x->key, x->o, "overview", NULL,
	    x->m->message_id, x->m->refs_raw, x->now, 0, &shown, cause)) !=
	    KR_OK)
		return r;
	line = xasprintf(x->en ? "your overview (%d case%s) was sent to you "
	    "in a separate mail" : "uw overzicht (%d klacht%s) is u apart "
	    "toegestuurd", shown, x->en ? (shown == 1 ? "" : "s") :
	    (shown == 1 ? "" : "en"));
	confirm_line(x, line);
	free(line);
	return KR_OK;
}

enum kres
officer_do_search(struct officer_exec *x, const struct cmd *cmd,
    char **cause)
{
	struct overview_search	 sr;
	char			*query, *line, *why = NULL;
	char			 nmatch[16], nmore[16];
	int			 more;
	enum kres		 r;

	query = str_header_safe(cmd->text);
	if (strlen(query) > QUERY_SHOWN)
		query[QUERY_SHOWN] = '\0';
	overview_search_init(&sr, x->k->cfg, x->o, x->lang);
	r = store_search_foreach(x->k->st, cmd->text, overview_search_add,
	    &sr, &why);
	if (r == KR_INVALID) {
		/* Only punctuation: nothing the index could find. */
		free(why);
		overview_search_free(&sr);
		free(query);
		free(x->err);
		x->err = xstrdup(x->en ? "give at least one word with a "
		    "letter or digit to search for" : "geef minstens één "
		    "woord met een letter of cijfer om op te zoeken");
		return KR_INVALID;
	}
	if (r != KR_OK) {
		set_cause(cause, "%s", why);
		free(why);
		overview_search_free(&sr);
		free(query);
		return r;
	}
	snprintf(nmatch, sizeof nmatch, "%d", sr.count);
	const char *list = overview_search_list(&sr, &more);
	snprintf(nmore, sizeof nmore, "%d", more);
	struct tmpl_var vars[] = {
		{ "query", query },
		{ "match_count", nmatch },
		{ "search_list", list },
		{ "more_count", more > 0 ? nmore : "" },
	};
	r = queue_personal(x->k, x->key, x->o, "search", "search",
	    x->m->message_id, x->m->refs_raw, vars,
	    sizeof vars / sizeof vars[0], x->now, cause);
	if (r == KR_OK) {
		log_info("officer %s searched: %d match(es)", x->o->id,
		    sr.count);
		line = xasprintf(x->en ? "search: %d match%s, sent to you in "
		    "a separate mail" : "zoeken: %d gevonden, u apart "
		    "toegestuurd", sr.count, sr.count == 1 ? "" : "es");
		confirm_line(x, line);
		free(line);
	}
	overview_search_free(&sr);
	free(query);
	return r;
}

enum kres
overview_weekly(struct klacht *k, int64_t now, int *sent, char **cause)
{
	const struct cfg		*cfg = k->cfg;
	const struct cfg_officer	*o;
	const struct officer_key	*key;
	int64_t				 week;
	char				*rcpt, *date;
	size_t				 i;
	int				 fresh, shown;
	enum kres			 r = KR_OK;

	*sent = 0;
	if (cfg->overview_wday < 0 || cfg->nofficers == 0)
		return KR_OK;
	if (klacht_key(k, &key, cause) == -1)
		return KR_TEMP;
	week = workdays_last_weekly(now, cfg->overview_wday,
	    cfg->overview_min);
	date = cal_format_date(week, cfg->language);
	for (i = 0; i < cfg->nofficers && r == KR_OK; i++) {
		o = &cfg->officers[i];
		if (!o->digest)
			continue;
		/* "officer:" keeps the claim apart from the ladder
		 * contacts' (escalate.c), which are addresses. */
		rcpt = xasprintf("officer:%s", o->id);
		r = store_digest_claim(k->st, rcpt, week, now, &fresh, cause);
		free(rcpt);
		if (r != KR_OK || !fresh)
			continue;
		shown = 0;
		r = send_overview(k, key, o, "weekly", date, NULL, NULL, now,
		    1, &shown, cause);
		if (r == KR_OK && shown > 0)
			(*sent)++;
	}
	free(date);
	return r;
}
