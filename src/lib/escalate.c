/*
 * escalate.c -- the deadline scan (see escalate.h for what it promises).
 *
 * Order of work for one run:
 *   1. when the escalation settings differ from those of the last run
 *      (a fingerprint in deadline_meta), re-arm every open case;
 *   2. in batches, one transaction each: take the open cases whose
 *      deadline_next has come, fire what is due for each (claim the row
 *      in deadline_fired, queue the mail, add an event), and store when
 *      the case needs looking at next;
 *   3. in one transaction: this week's digests that were not sent yet,
 *      the ladder contacts' (below) and the officers' own overviews
 *      (officer_overview.c).
 * Claim and mail commit together, so a crash or a second run at the same
 * moment never sends a level twice.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "absence.h"
#include "calendar.h"
#include "casestate.h"
#include "escalate.h"
#include "fault.h"
#include "lang.h"
#include "log.h"
#include "mail.h"
#include "measure.h"
#include "officer.h"
#include "officer_overview.h"
#include "outmail.h"
#include "role.h"
#include "satisfy.h"
#include "terms.h"
#include "workdays.h"

#define NEVER		INT64_MAX
#define DIGEST_LINES	50	/* cases listed per section of a digest */

struct scan {
	struct klacht		*k;
	int64_t			 now;
	const char		*lang;	/* the organisation's: mail to staff */
	int			 en;
	struct workdays		 wd;
	const struct officer_key *key;	/* once asked for: klacht_key() */
	struct escalate_stats	*stats;
};

/* Who a level goes to: an officer (with a reply address) or a contact. */
struct rcpt {
	const char			*name;
	const char			*email;
	const struct cfg_officer	*officer;
	char				*on_behalf;	/* standing in for
							   an absent
							   assignee, or
							   NULL */
	const char			*for_email;	/* that assignee's
							   address */
};

static const char *
yes(struct scan *sc, int b)
{
	return b ? (sc->en ? "yes" : "ja") : "";
}

/* A copy of c that mail about a confidential case may show: reference,
 * dates, status.  Shallow: nothing in it is freed. */
static void
case_view(const struct case_row *c, int conf, struct case_row *v)
{
	*v = *c;
	if (!conf)
		return;
	v->complainant_name = NULL;
	v->complainant_email = "";
	v->subject = NULL;
	v->category = NULL;
	v->assignee = NULL;
	v->first_msgid = NULL;
}

static char *
category_words(struct scan *sc, const struct case_row *c)
{
	const struct cfg_category *cat = cfg_category_by_id(sc->k->cfg,
	    c->category);

	if (cat != NULL)
		return xasprintf("%s (%s)", cat->name, cat->id);
	return xstrdup(c->category ? c->category : sc->en ? "none" : "geen");
}

static char *
assignee_words(struct scan *sc, const struct case_row *c)
{
	const struct cfg_officer *o = cfg_officer_by_id(sc->k->cfg,
	    c->assignee);

	if (o != NULL)
		return xasprintf("%s (%s)", o->name, o->id);
	return xstrdup(c->assignee ? c->assignee : sc->en ? "nobody yet" :
	    "nog niemand");
}

/* Adds r to v (n entries) unless its address is there already;
 * on_behalf (may be NULL) is a copy, freed by rcpt_clear. */
static void
rcpt_add(struct rcpt *v, size_t *n, const char *name, const char *email,
    const struct cfg_officer *o, const char *on_behalf, const char *for_email)
{
	size_t	i;

	for (i = 0; i < *n; i++)
		if (strcasecmp(v[i].email, email) == 0)
			return;
	v[*n].name = name;
	v[*n].email = email;
	v[*n].officer = o;
	v[*n].on_behalf = on_behalf && *on_behalf ? xstrdup(on_behalf) : NULL;
	v[*n].for_email = v[*n].on_behalf != NULL ? for_email : NULL;
	(*n)++;
}

static void
rcpt_clear(struct rcpt *v, size_t *n)
{
	size_t	i;

	for (i = 0; i < *n; i++) {
		free(v[i].on_behalf);
		v[i].on_behalf = NULL;
	}
	*n = 0;
}

/* The officers a case's "assignee" mail goes to: the assignee, or who
 * stands in while they are away (absence.h); else the officers serving
 * its category who are not away. */
static enum kres
rcpt_assignee(struct scan *sc, const struct case_row *c, int conf,
    struct rcpt *v, size_t *n, char **cause)
{
	const struct cfg	*cfg = sc->k->cfg;
	const struct cfg_officer *a = cfg_officer_by_id(cfg, c->assignee);
	struct absence_route	 rt;
	size_t			 i;
	enum kres		 r;

	if (a != NULL) {
		/* Confidential mail names no officer (case_view). */
		r = absence_route(sc->k, c, a, conf, sc->now, &rt, cause);
	} else {
		memset(&rt, 0, sizeof rt);
		rt.to = xcalloc(cfg->nofficers + 1, sizeof *rt.to);
		for (i = 0; i < cfg->nofficers; i++)
			if (officer_serves(&cfg->officers[i], c->category))
				rt.to[rt.n++] = &cfg->officers[i];
		r = absence_filter(sc->k, rt.to, &rt.n, sc->now, cause);
	}
	for (i = 0; r == KR_OK && i < rt.n; i++)
		rcpt_add(v, n, rt.to[i]->name, rt.to[i]->email, rt.to[i],
		    rt.on_behalf, a != NULL ? a->email : NULL);
	absence_route_free(&rt);
	return r;
}

static enum kres
need_key(struct scan *sc, char **cause)
{
	if (sc->key == NULL && klacht_key(sc->k, &sc->key, cause) == -1)
		return KR_TEMP;
	return KR_OK;
}

/*
 * Queues one mail about case c to r.  kind is the outbox kind (reminder,
 * escalation, unassigned); a confidential case uses the template
 * escalation-confidential, which shows only what case_view leaves.
 */
static enum kres
queue_one(struct scan *sc, const struct case_row *c, int conf,
    const struct rcpt *r, const char *kind, const char *level,
    const char *what, char **cause)
{
	struct case_row	 v;
	struct outmail	 om;
	struct draft_row d;
	int64_t		 left = c->due_at - sc->now;
	char		*cat, *who, *dleft, *dover, *hours, *since, *why = NULL;
	char		*waiting = NULL;
	enum kres	 r2;

	/* An officer involved in the case (Awb 9:7) is told no more than
	 * about a confidential case: reference, dates, status. */
	if (r->officer != NULL && (r2 = role_involved(sc->k, c, r->officer,
	    sc->lang, &why, cause)) != KR_OK)
		return r2;
	if (why != NULL)
		conf = 1;
	free(why);
	/* An outcome letter awaiting approval (issue 16) does not stop the
	 * term: the mail says it waits, and since when. */
	if ((r2 = store_draft_get(sc->k->st, c->id, &d, cause)) != KR_OK)
		return r2;
	if (d.id != 0) {
		since = cal_format_date(d.created_at, sc->lang);
		waiting = xasprintf(sc->en ? "the outcome letter (%s) by %s, "
		    "since %s" : "de brief met de afhandeling (%s) van %s, "
		    "sinds %s", case_judgement_label(d.judgement, sc->lang),
		    d.author, since);
		free(since);
	}
	draft_row_free(&d);
	case_view(c, conf, &v);
	cat = conf ? xstrdup("") : category_words(sc, c);
	who = conf ? xstrdup("") : assignee_words(sc, c);
	dleft = xasprintf("%lld", (long long)(left > 0 ?
	    (left + CAL_DAY - 1) / CAL_DAY : 0));
	dover = xasprintf("%lld", (long long)(left < 0 ? -left / CAL_DAY : 0));
	hours = xasprintf("%lld", (long long)(sc->k->cfg->unassigned_after /
	    3600));
	struct tmpl_var vars[] = {
		{ "contact_name", r->name },
		{ "level", level },
		{ "what", what },
		{ "days_left", dleft },
		{ "overdue_days", dover },
		{ "extended", yes(sc, c->extended) },
		{ "category", cat },
		{ "assignee", who },
		{ "hours", hours },
		{ "on_behalf", r->on_behalf ? r->on_behalf : "" },
		/* A contact cannot give commands: no "reply above this
		 * line" for them (issue 14). */
		{ "to_officer", r->officer != NULL ? "1" : "" },
		{ "awaiting_approval", waiting ? waiting : "" },
	};
	const char *tmpl = conf ? "escalation-confidential" : kind;
	size_t nv = sizeof vars / sizeof vars[0];

	if (r->officer != NULL) {
		if ((r2 = need_key(sc, cause)) == KR_OK)
			r2 = officer_queue(sc->k, sc->key, &v, r->officer,
			    kind, tmpl, NULL, NULL, vars, nv, sc->now, cause);
	} else {
		memset(&om, 0, sizeof om);
		om.kind = kind;
		om.template = tmpl;
		om.lang = sc->lang;
		om.to_addr = r->email;
		om.to_name = r->name;
		om.auto_submitted = MAIL_AUTO_GENERATED;
		om.c = &v;
		om.vars = vars;
		om.nvars = nv;
		r2 = outmail_queue(sc->k, &om, sc->now, NULL, cause);
	}
	free(cat);
	free(who);
	free(dleft);
	free(dover);
	free(hours);
	free(waiting);
	if (r2 == KR_OK)
		sc->stats->mails++;
	return r2;
}

/* Claims and sends one firing to each recipient; records one event
 * naming those that got it.  A firing sent to those standing in for an
 * absent assignee is claimed for the assignee too, in the same
 * transaction: back again, they do not get it a second time, and a
 * level they had before they went away is not sent to the stand-ins. */
static enum kres
fire(struct scan *sc, const struct case_row *c, int conf, int64_t due_key,
    const char *key, const char *kind, const char *level, const char *what,
    const struct rcpt *v, size_t n, char **cause)
{
	struct buf	 who;
	size_t		 i;
	int		 fresh, for_claimed = 0, for_fresh = 0;
	enum kres	 r = KR_OK;
	char		*detail;

	buf_init(&who);
	for (i = 0; i < n && r == KR_OK; i++) {
		if (v[i].for_email != NULL) {
			/* One assignee per case: one claim for them. */
			if (!for_claimed) {
				r = store_deadline_fire(sc->k->st, c->id,
				    due_key, key, v[i].for_email, sc->now,
				    &for_fresh, cause);
				for_claimed = 1;
				if (r != KR_OK)
					continue;
			}
			if (!for_fresh)
				continue;
		}
		r = store_deadline_fire(sc->k->st, c->id, due_key, key,
		    v[i].email, sc->now, &fresh, cause);
		if (r != KR_OK || !fresh)
			continue;
		if ((r = queue_one(sc, c, conf, &v[i], kind, level, what,
		    cause)) == KR_OK)
			buf_printf(&who, "%s%s", who.len ? ", " : "",
			    v[i].email);
	}
	if (r == KR_OK && who.len > 0) {
		detail = xasprintf("%s (%s) sent to %s", level, key, who.data);
		r = store_event_add(sc->k->st, c->id, sc->now, "system",
		    "escalation", detail, cause);
		free(detail);
		log_info("case=%s %s sent to %s", c->ref, level, who.data);
	}
	buf_free(&who);
	return r;
}

/* The sentence a confidential mail carries instead of content. */
static char *
what_level(struct scan *sc, const struct case_row *c)
{
	int64_t	left = c->due_at - sc->now;
	char	*due = cal_format_date(c->due_at, sc->lang), *s;

	long long days = left > 0 ? (left + CAL_DAY - 1) / CAL_DAY :
	    -left / CAL_DAY;
	/* One phrase for due dates in all mail ("uiterlijk op" / "by"),
	 * and "1 dag" / "7 dagen", never "dag(en)". */
	const char *unit = sc->en ? (days == 1 ? "day" : "days") :
	    days == 1 ? "dag" : "dagen";

	if (left > 0)
		s = xasprintf(sc->en ? "The complaint is due by %s, in %lld "
		    "%s." : "De klacht moet uiterlijk op %s zijn afgehandeld, "
		    "over %lld %s.", due, days, unit);
	else if (days == 0)
		s = xasprintf(sc->en ? "The complaint was due by %s; that "
		    "date has passed today." : "De klacht moest uiterlijk op "
		    "%s zijn afgehandeld; die datum is vandaag verstreken.",
		    due);
	else
		s = xasprintf(sc->en ? "The complaint was due by %s; that "
		    "date passed %lld %s ago." : "De klacht moest uiterlijk op "
		    "%s zijn afgehandeld; die datum is %lld %s geleden "
		    "verstreken.", due, days, unit);
	free(due);
	return s;
}

/* The moment terms.first_contact runs out for a case received at from:
 * as many working days later (a part of a day counts as a whole one), at
 * the same time of day. */
static int64_t
first_contact_due(struct scan *sc, int64_t from)
{
	int64_t	days = (sc->k->cfg->first_contact + CAL_DAY - 1) / CAL_DAY;
	int64_t	t = from;

	while (days > 0) {
		t = cal_add_days(t, 1);
		if (workdays_is_workday(&sc->wd, t))
			days--;
	}
	return t;
}

/*
 * terms.first_contact: a case without a recorded contact (#contact,
 * store_contact.c) when its term has run out gets the first-contact
 * reminder, to the assignee else the category's officers -- once each
 * (fire claims it).  A contact logged before then means nothing is sent.
 */
static enum kres
first_contact(struct scan *sc, const struct case_row *c, int conf,
    struct rcpt *v, int64_t *next, char **cause)
{
	int64_t		 t, first = 0;
	size_t		 n = 0;
	char		*what, *level, *days;
	enum kres	 r;

	if (sc->k->cfg->first_contact <= 0)
		return KR_OK;
	if ((t = first_contact_due(sc, c->received_at)) > sc->now) {
		if (t < *next)
			*next = t;
		return KR_OK;
	}
	if ((r = store_contact_first(sc->k->st, c->id, &first, cause)) !=
	    KR_OK || first != 0)
		return r;
	if ((r = rcpt_assignee(sc, c, conf, v, &n, cause)) != KR_OK)
		return r;
	days = xasprintf("%lld", (long long)((sc->k->cfg->first_contact +
	    CAL_DAY - 1) / CAL_DAY));
	what = xasprintf(sc->en ? "No contact with the complainant has been "
	    "recorded %s working days after receipt (terms.first_contact)." :
	    "Er is %s werkdagen na ontvangst nog geen contact met de klager "
	    "vastgelegd (terms.first_contact).", days);
	level = xstrdup(sc->en ? "first contact" : "eerste contact");
	r = fire(sc, c, conf, 0, "first-contact", "first-contact", level,
	    what, v, n, cause);
	rcpt_clear(v, &n);
	free(days);
	free(level);
	free(what);
	return r;
}

/* Fires what is due for case c; *next gets when to look again. */
static enum kres
eval_case(struct scan *sc, const struct case_row *c, int64_t *next,
    char **cause)
{
	const struct cfg	*cfg = sc->k->cfg;
	const struct cfg_ladder	*lad = terms_ladder(cfg, c->category);
	const struct cfg_level	*l;
	struct rcpt		*v;
	size_t			 i, j, n = 0, cap;
	int			 conf = officer_case_confidential(cfg, c);
	enum case_state		 st;
	int64_t			 t;
	char			 key[40], *level, *what;
	enum kres		 r = KR_OK;

	*next = NEVER;
	st = case_state_parse(c->status);
	if (st == CS_DECIDED || st == CS_CLOSED || st == CS_INVALID) {
		/* The trigger keeps these out; a hand-edited row may not. */
		sc->stats->examined++;
		return KR_OK;
	}
	cap = cfg->nofficers + cfg->nunassigned + 1;
	for (i = 0; i < lad->nlevels; i++)
		if (lad->levels[i].ncontacts + cfg->nofficers + 1 > cap)
			cap = lad->levels[i].ncontacts + cfg->nofficers + 1;
	v = xcalloc(cap, sizeof *v);

	for (i = 0; i < lad->nlevels && r == KR_OK; i++) {
		l = &lad->levels[i];
		t = terms_level_time(l, c->due_at);
		if (t > sc->now) {
			if (t < *next)
				*next = t;
			continue;
		}
		/* A reminder after the due date is stale: never sent. */
		if (l->at < 0 && sc->now >= c->due_at)
			continue;
		rcpt_clear(v, &n);
		if (l->to_assignee &&
		    (r = rcpt_assignee(sc, c, conf, v, &n, cause)) != KR_OK)
			break;
		for (j = 0; j < l->ncontacts; j++)
			rcpt_add(v, &n, l->contacts[j].name,
			    l->contacts[j].email, NULL, NULL, NULL);
		snprintf(key, sizeof key, "at:%lld", (long long)l->at);
		level = terms_level_name(lad, i, sc->lang);
		what = what_level(sc, c);
		r = fire(sc, c, conf, c->due_at, key, l->at < 0 ? "reminder" :
		    "escalation", level, what, v, n, cause);
		free(what);
		free(level);
	}

	if (r == KR_OK && cfg->unassigned_after > 0 && c->assignee == NULL) {
		t = workdays_add(&sc->wd, c->received_at, cfg->unassigned_after);
		if (t > sc->now) {
			if (t < *next)
				*next = t;
		} else {
			rcpt_clear(v, &n);
			for (j = 0; j < cfg->nunassigned; j++)
				rcpt_add(v, &n, cfg->unassigned[j].name,
				    cfg->unassigned[j].email, NULL, NULL, NULL);
			if (n == 0 && (r = rcpt_assignee(sc, c, conf, v, &n,
			    cause)) != KR_OK)
				goto out;
			what = xasprintf(sc->en ? "The complaint has not been "
			    "assigned after %lld working hours." : "De klacht "
			    "is na %lld werkuren nog niet toegewezen.",
			    (long long)(cfg->unassigned_after / 3600));
			level = xstrdup(sc->en ? "unassigned" :
			    "niet toegewezen");
			r = fire(sc, c, conf, 0, "unassigned", "unassigned",
			    level, what, v, n, cause);
			free(level);
			free(what);
		}
	}
	if (r == KR_OK) {
		rcpt_clear(v, &n);
		r = first_contact(sc, c, conf, v, next, cause);
	}
out:
	rcpt_clear(v, &n);
	free(v);
	sc->stats->examined++;
	return r;
}

/* ------------------------------------------------------ configuration */

/* What the timing of the scan depends on, as text: when it changes,
 * every open case is looked at again. */
static char *
fingerprint(const struct cfg *cfg)
{
	struct buf	 b;
	char		 hex[65];
	size_t		 i, j, k;
	const struct cfg_ladder *lad;

	buf_init(&b);
	buf_printf(&b, "u=%lld;fc=%lld;", (long long)cfg->unassigned_after,
	    (long long)cfg->first_contact);
	for (i = 0; i < cfg->nunassigned; i++)
		buf_printf(&b, "%s,", cfg->unassigned[i].email);
	buf_printf(&b, ";w=%d-%d,%d,%d;", cfg->work_start, cfg->work_end,
	    cfg->liberation_yearly, cfg->good_friday);
	for (i = 0; i < cfg->nholidays; i++)
		buf_printf(&b, "%d,", (int)cfg->holidays[i]);
	for (i = 0; i <= cfg->ncategories; i++) {
		if (i == cfg->ncategories)
			lad = &cfg->ladder;
		else if (cfg->categories[i].has_ladder)
			lad = &cfg->categories[i].ladder;
		else
			continue;
		buf_printf(&b, "|%s:", i < cfg->ncategories &&
		    cfg->categories[i].id ? cfg->categories[i].id : "*");
		for (j = 0; j < lad->nlevels; j++) {
			buf_printf(&b, "%lld/%d/", (long long)lad->levels[j].at,
			    lad->levels[j].to_assignee);
			for (k = 0; k < lad->levels[j].ncontacts; k++)
				buf_printf(&b, "%s,",
				    lad->levels[j].contacts[k].email);
		}
	}
	for (i = 0; i < cfg->nofficers; i++)
		buf_printf(&b, "o:%s/%s;", cfg->officers[i].id,
		    cfg->officers[i].email);
	sha256_hex(b.data ? b.data : "", b.len, hex);
	buf_free(&b);
	return xstrdup(hex);
}

static enum kres
check_config(struct scan *sc, char **cause)
{
	char		*want = fingerprint(sc->k->cfg), *have = NULL;
	enum kres	 r;

	r = store_deadline_meta_get(sc->k->st, "settings", &have, cause);
	if (r == KR_OK && (have == NULL || strcmp(have, want) != 0)) {
		r = store_deadline_rearm_all(sc->k->st, &sc->stats->rearmed,
		    cause);
		if (r == KR_OK)
			r = store_deadline_meta_set(sc->k->st, "settings",
			    want, cause);
		if (r == KR_OK && have != NULL)
			log_info("escalation settings changed: %lld open "
			    "case(s) re-armed", (long long)sc->stats->rearmed);
	}
	free(have);
	free(want);
	return r;
}

/* ------------------------------------------------------------- digest */

struct dg_contact {
	const char	*name;
	const char	*email;
	int		 fresh;		/* claimed now: send */
	int		 nopen, ndue, nover, next;
	struct buf	 due, over, ext;
};

struct dg {
	struct scan		*sc;
	struct dg_contact	*v;
	size_t			 n;
	int64_t			 week_end;
};

static void
dg_line(struct scan *sc, struct buf *b, int count, const struct case_row *c)
{
	int	 conf = officer_case_confidential(sc->k->cfg, c);
	char	*due, *who, *subj;

	if (count > DIGEST_LINES)
		return;
	if (count == DIGEST_LINES) {
		buf_adds(b, sc->en ? "- ... (more: see klachtctl list)\n" :
		    "- ... (meer: zie klachtctl list)\n");
		return;
	}
	due = cal_format_date(c->due_at, sc->lang);
	if (conf) {
		buf_printf(b, "- %s, %s %s, %s (%s)\n", c->ref,
		    sc->en ? "due" : "uiterlijk", due, case_state_label(
		    case_state_parse(c->status), sc->lang), sc->en ?
		    "confidential" : "vertrouwelijk");
		free(due);
		return;
	}
	who = assignee_words(sc, c);
	subj = str_header_safe(c->subject ? c->subject : "-");
	if (strlen(subj) > 60)
		strcpy(subj + 57, "...");
	buf_printf(b, "- %s, %s %s, %s, %s %s: \"%s\"\n", c->ref,
	    sc->en ? "due" : "uiterlijk", due, case_state_label(
	    case_state_parse(c->status), sc->lang), sc->en ? "assignee" :
	    "behandelaar", who, subj);
	free(who);
	free(subj);
	free(due);
}

static int
dg_case(const struct case_row *c, void *arg)
{
	struct dg		*d = arg;
	struct scan		*sc = d->sc;
	const struct cfg_ladder	*lad = terms_ladder(sc->k->cfg, c->category);
	struct dg_contact	*x;
	size_t			 i, j;

	for (i = 0; i < d->n; i++) {
		x = &d->v[i];
		if (!x->fresh)
			continue;
		for (j = 0; j < lad->nlevels; j++)
			if (terms_level_has_contact(&lad->levels[j], x->email))
				break;
		if (j == lad->nlevels)
			continue;
		x->nopen++;
		if (c->due_at < sc->now)
			dg_line(sc, &x->over, x->nover++, c);
		else if (c->due_at < d->week_end)
			dg_line(sc, &x->due, x->ndue++, c);
		if (c->extended)
			dg_line(sc, &x->ext, x->next++, c);
	}
	return 0;
}

static void
dg_add(struct dg *d, const struct cfg_ladder *lad)
{
	size_t	i, j, k;

	for (i = 0; i < lad->nlevels; i++)
		for (j = 0; j < lad->levels[i].ncontacts; j++) {
			const struct cfg_contact *ct =
			    &lad->levels[i].contacts[j];

			for (k = 0; k < d->n; k++)
				if (strcasecmp(d->v[k].email, ct->email) == 0)
					break;
			if (k < d->n)
				continue;
			d->v = xreallocarray(d->v, d->n + 1, sizeof *d->v);
			memset(&d->v[d->n], 0, sizeof d->v[d->n]);
			d->v[d->n].name = ct->name;
			d->v[d->n].email = ct->email;
			buf_init(&d->v[d->n].due);
			buf_init(&d->v[d->n].over);
			buf_init(&d->v[d->n].ext);
			d->n++;
		}
}

static enum kres
digest(struct scan *sc, char **cause)
{
	const struct cfg	*cfg = sc->k->cfg;
	struct dg		 d;
	struct outmail		 om;
	int64_t			 week;
	size_t			 i;
	int			 any = 0;
	char			*date, *nopen, *ndue, *nover, *next;
	enum kres		 r = KR_OK;

	if (cfg->digest_wday < 0)
		return KR_OK;
	week = workdays_last_weekly(sc->now, cfg->digest_wday, cfg->digest_min);
	memset(&d, 0, sizeof d);
	d.sc = sc;
	d.week_end = cal_add_days(week, 7);
	dg_add(&d, &cfg->ladder);
	for (i = 0; i < cfg->ncategories; i++)
		if (cfg->categories[i].has_ladder)
			dg_add(&d, &cfg->categories[i].ladder);
	for (i = 0; i < d.n && r == KR_OK; i++) {
		r = store_digest_claim(sc->k->st, d.v[i].email, week, sc->now,
		    &d.v[i].fresh, cause);
		any |= d.v[i].fresh;
	}
	if (r == KR_OK && any)
		r = store_deadline_open_foreach(sc->k->st, dg_case, &d, cause);
	date = cal_format_date(week, sc->lang);
	for (i = 0; i < d.n && r == KR_OK; i++) {
		struct dg_contact *x = &d.v[i];

		if (!x->fresh || x->nopen == 0)
			continue;
		nopen = xasprintf("%d", x->nopen);
		ndue = xasprintf("%d", x->ndue);
		nover = xasprintf("%d", x->nover);
		next = xasprintf("%d", x->next);
		struct tmpl_var vars[] = {
			{ "contact_name", x->name },
			{ "week_date", date },
			{ "open_count", nopen },
			{ "due_count", ndue },
			{ "overdue_count", nover },
			{ "extended_count", next },
			{ "due_list", x->due.len ? x->due.data : "" },
			{ "overdue_list", x->over.len ? x->over.data : "" },
			{ "extended_list", x->ext.len ? x->ext.data : "" },
		};
		memset(&om, 0, sizeof om);
		om.kind = "digest";
		om.template = "digest";
		om.lang = sc->lang;
		om.to_addr = x->email;
		om.to_name = x->name;
		om.auto_submitted = MAIL_AUTO_GENERATED;
		om.vars = vars;
		om.nvars = sizeof vars / sizeof vars[0];
		r = outmail_queue(sc->k, &om, sc->now, NULL, cause);
		if (r == KR_OK) {
			sc->stats->digests++;
			log_info("weekly digest sent to %s: %d open, %d due "
			    "this week, %d overdue, %d extended", x->email,
			    x->nopen, x->ndue, x->nover, x->next);
		}
		free(nopen);
		free(ndue);
		free(nover);
		free(next);
	}
	free(date);
	for (i = 0; i < d.n; i++) {
		buf_free(&d.v[i].due);
		buf_free(&d.v[i].over);
		buf_free(&d.v[i].ext);
	}
	free(d.v);
	return r;
}

/* ---------------------------------------------------------------- run */

int
escalate_run(struct klacht *k, int64_t now, int limit, volatile int *stop,
    struct escalate_stats *stats, char **cause)
{
	struct scan	 sc;
	struct case_row	*rows;
	size_t		 n, i;
	int64_t		 next;
	int		 first = 1, batch, weekly;
	enum kres	 r;
	char		*why = NULL;

	memset(stats, 0, sizeof *stats);
	memset(&sc, 0, sizeof sc);
	sc.k = k;
	sc.now = now;
	sc.lang = k->cfg->language;
	sc.en = k->cfg->lang == LANG_EN;
	sc.stats = stats;
	terms_workdays(k->cfg, &sc.wd);

	for (;;) {
		batch = ESCALATE_BATCH;
		if (limit > 0 && limit - stats->examined < batch)
			batch = limit - stats->examined;
		if (batch <= 0 || (stop != NULL && *stop))
			break;
		if ((r = store_begin(k->st, &why)) != KR_OK)
			goto fail;
		if (first && (r = check_config(&sc, &why)) != KR_OK)
			goto rollback;
		first = 0;
		if ((r = store_deadline_due(k->st, now, batch, &rows, &n,
		    &why)) != KR_OK)
			goto rollback;
		for (i = 0, r = KR_OK; i < n && r == KR_OK; i++) {
			if ((r = eval_case(&sc, &rows[i], &next, &why)) ==
			    KR_OK)
				r = store_deadline_set_next(k->st, rows[i].id,
				    next == NEVER ? -1 : next, &why);
			fault_point("deadline-case");
		}
		for (i = 0; i < n; i++)
			case_row_free(&rows[i]);
		free(rows);
		if (r != KR_OK)
			goto rollback;
		if ((r = store_commit(k->st, &why)) != KR_OK)
			goto fail;
		fault_point("deadline-after-batch");
		if (n < (size_t)batch)
			break;
	}
	if (stop == NULL || !*stop) {
		if ((r = store_begin(k->st, &why)) != KR_OK)
			goto fail;
		if (first && (r = check_config(&sc, &why)) != KR_OK)
			goto rollback;
		if ((r = digest(&sc, &why)) != KR_OK)
			goto rollback;
		/* Each officer's own weekly overview (issue 13). */
		if ((r = overview_weekly(k, now, &weekly, &why)) != KR_OK)
			goto rollback;
		stats->digests += weekly;
		/* Improvement measures (issue 15): reminders, escalations. */
		if ((r = measure_scan(k, now, &weekly, &why)) != KR_OK)
			goto rollback;
		stats->mails += weekly;
		/* The satisfaction question after closing (issue 15). */
		if ((r = satisfy_scan(k, now, &stats->satisfaction, &why)) !=
		    KR_OK)
			goto rollback;
		if ((r = store_commit(k->st, &why)) != KR_OK)
			goto fail;
	}
	return 0;

rollback:
	store_rollback(k->st);
fail:
	set_cause(cause, "deadline scan (%s): %s", kres_name(r),
	    why ? why : "?");
	free(why);
	return -1;
}
