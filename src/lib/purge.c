/*
 * purge.c -- retention (AVG art. 5(1)(e), 17): the term of each category
 * and the purge that anonymises what is past it.
 *
 * The purge is what the daemon's daily job and `klachtctl purge` run.  It
 * first reads the closed cases, decides which are past their term, and
 * only then changes anything, one case per transaction, so a busy daemon
 * is never locked out for long and a crash halfway leaves every case
 * either untouched or wholly anonymised.  secure_delete makes SQLite zero
 * the freed bytes instead of leaving them in free pages, and the WAL is
 * checkpointed and truncated at the end so no copy of the old pages stays
 * behind in it.  The export of one person's data is in export.c.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "calendar.h"
#include "fault.h"
#include "log.h"
#include "privacy.h"
#include "store.h"

#define YEAR	(365 * (int64_t)CAL_DAY)

int64_t
privacy_retention(const struct cfg *cfg, const char *category)
{
	const struct cfg_category *c = cfg_category_by_id(cfg, category);

	return c != NULL && c->retention > 0 ? c->retention : cfg->retention;
}

int64_t
privacy_expiry(int64_t t, int64_t term)
{
	int64_t		years = term / YEAR, rest = term % YEAR;
	time_t		tt = (time_t)t;
	struct tm	tm;

	if (years != 0) {
		localtime_r(&tt, &tm);
		tm.tm_year += (int)years;
		/* 29 February plus a year is 1 March (mktime normalises). */
		tm.tm_isdst = -1;
		t = (int64_t)mktime(&tm);
	}
	if (rest / CAL_DAY != 0)
		t = cal_add_days(t, (int)(rest / CAL_DAY));
	return t + rest % CAL_DAY;
}

char *
privacy_term_str(int64_t term)
{
	if (term % YEAR == 0)
		return xasprintf("%lldy", (long long)(term / YEAR));
	if (term % CAL_DAY == 0)
		return xasprintf("%lldd", (long long)(term / CAL_DAY));
	if (term % 3600 == 0)
		return xasprintf("%lldh", (long long)(term / 3600));
	return xasprintf("%llds", (long long)term);
}

/* ---------------------------------------------------------------- purge */

struct due_case {
	int64_t	 id;
	char	*ref;
	char	*category;
	int64_t	 closed_at;
	int64_t	 expired_at;
	int64_t	 term;
};

struct collect {
	struct klacht	*k;
	int64_t		 now;
	struct due_case	*v;
	size_t		 n;
	int		 kept;
};

static int
collect_cb(const struct report_row *r, void *arg)
{
	struct collect	*c = arg;
	int64_t		 closed, term, exp;

	/* Closed with no date of closing or decision: we cannot know when
	 * its term ends, so it is kept (and said so in the log). */
	closed = r->closed_at ? r->closed_at : r->decided_at;
	if (closed == 0) {
		log_warn("retention: case=%s is closed without a date of "
		    "closing or decision: kept", r->ref);
		c->kept++;
		return 0;
	}
	term = privacy_retention(c->k->cfg, r->category);
	exp = privacy_expiry(closed, term);
	if (c->now < exp) {
		c->kept++;
		return 0;
	}
	c->v = xreallocarray(c->v, c->n + 1, sizeof *c->v);
	c->v[c->n].id = r->id;
	c->v[c->n].ref = xstrdup(r->ref);
	c->v[c->n].category = r->category ? xstrdup(r->category) : NULL;
	c->v[c->n].closed_at = closed;
	c->v[c->n].expired_at = exp;
	c->v[c->n].term = term;
	c->n++;
	return 0;
}

static enum kres
purge_one(struct klacht *k, const struct due_case *d, int64_t now,
    char **cause)
{
	char		*ts = privacy_term_str(d->term);
	char		*closed = cal_format_iso_date(d->closed_at);
	char		*detail;
	enum kres	 r;

	detail = xasprintf("personal data removed: retention %s after "
	    "closing (%s) ended (category %s)", ts, closed,
	    d->category ? d->category : "none");
	if ((r = store_begin(k->st, cause)) == KR_OK) {
		if ((r = store_case_purge(k->st, d->id, now, detail,
		    cause)) == KR_OK) {
			fault_point("purge-before-commit");
			if ((r = store_commit(k->st, cause)) == KR_OK)
				fault_point("purge-after-commit");
		} else
			store_rollback(k->st);
	}
	free(detail);
	free(ts);
	free(closed);
	return r;
}

enum kres
privacy_purge(struct klacht *k, int64_t now, int dry_run, int max,
    void (*cb)(const struct purge_item *, void *), void *arg,
    struct purge_stats *ps, char **cause)
{
	struct collect		 c;
	struct purge_item	 it;
	char			*why = NULL;
	enum kres		 r = KR_OK;
	size_t			 i, ndo;
	int64_t			 before;
	int			 was = 1;

	memset(ps, 0, sizeof *ps);
	memset(&c, 0, sizeof c);
	c.k = k;
	c.now = now;
	if ((r = store_purge_candidates(k->st, collect_cb, &c, cause)) !=
	    KR_OK)
		goto out;
	ps->kept = c.kept;
	ndo = c.n;
	if (max > 0 && ndo > (size_t)max) {
		ps->more = 1;
		ndo = (size_t)max;
	}
	if (!dry_run && (r = store_secure_delete(k->st, 1, &was, cause)) !=
	    KR_OK)
		goto out;
	for (i = 0; i < ndo; i++) {
		if (!dry_run) {
			if ((r = purge_one(k, &c.v[i], now, cause)) != KR_OK)
				break;
			char *cl = cal_format_iso_date(c.v[i].closed_at);
			char *ts = privacy_term_str(c.v[i].term);

			log_notice("retention: case=%s anonymised (category %s, "
			    "closed %s, term %s)", c.v[i].ref, c.v[i].category ?
			    c.v[i].category : "none", cl, ts);
			free(cl);
			free(ts);
		}
		ps->cases++;
		if (cb != NULL) {
			it.case_id = c.v[i].id;
			it.ref = c.v[i].ref;
			it.category = c.v[i].category;
			it.closed_at = c.v[i].closed_at;
			it.expired_at = c.v[i].expired_at;
			it.term = c.v[i].term;
			cb(&it, arg);
		}
	}
	if (r != KR_OK)
		goto done;

	/* Mail on no case and quarantined mail: the default term from
	 * receipt. */
	before = privacy_expiry(now, -k->cfg->retention);
	if (dry_run)
		r = store_purge_loose(k->st, before, 1, &ps->loose_messages,
		    &ps->quarantined, cause);
	else if ((r = store_begin(k->st, cause)) == KR_OK) {
		if ((r = store_purge_loose(k->st, before, 0,
		    &ps->loose_messages, &ps->quarantined, cause)) == KR_OK)
			r = store_commit(k->st, cause);
		else
			store_rollback(k->st);
		if (r == KR_OK && ps->loose_messages + ps->quarantined > 0) {
			char *ts = privacy_term_str(k->cfg->retention);

			log_notice("retention: %lld message(s) on no case and "
			    "%lld quarantined message(s) older than %s "
			    "deleted", (long long)ps->loose_messages,
			    (long long)ps->quarantined, ts);
			free(ts);
		}
	}
done:
	if (!dry_run) {
		if (!was)
			store_secure_delete(k->st, 0, NULL, NULL);
		/* Best effort: a reader (klachtctl) may hold the WAL. */
		if (ps->cases + ps->loose_messages + ps->quarantined > 0 &&
		    store_checkpoint(k->st, &why) != KR_OK) {
			log_warn("retention: %s (old pages stay in the WAL "
			    "until the next checkpoint)", why);
			free(why);
		}
	}
out:
	for (i = 0; i < c.n; i++) {
		free(c.v[i].ref);
		free(c.v[i].category);
	}
	free(c.v);
	return r;
}
