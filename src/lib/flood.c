/*
 * flood.c -- per-sender caps on acknowledgements and officer
 * notifications for new cases, and the summary mail (see flood.h).
 *
 * The count is of cases, from the cases table (sender_key, received_at),
 * so it needs no bookkeeping of its own and cannot drift from what was
 * stored: the n-th case of a sender within the hour is acknowledged when
 * n <= the ack cap and notified when n <= the notification cap.  The
 * summary goes exactly when n is one over the notification cap.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "flood.h"
#include "log.h"
#include "officer.h"

#define FLOOD_WINDOW	3600	/* seconds */

char *
flood_sender_key(const char *addr)
{
	const char	*at;
	char		*k;
	size_t		 local;

	if (addr == NULL)
		return xstrdup("");
	at = strrchr(addr, '@');
	local = at != NULL ? (size_t)(at - addr) : strlen(addr);
	local = strcspn(addr, "+") < local ? strcspn(addr, "+") : local;
	k = xasprintf("%.*s%s", (int)local, addr, at != NULL ? at : "");
	str_lower(k);
	return k;
}

enum kres
flood_check(struct klacht *k, int64_t case_id, const char *addr,
    int64_t now, struct flood *f, char **cause)
{
	enum kres	r;

	memset(f, 0, sizeof *f);
	f->key = flood_sender_key(addr);
	if ((r = store_case_sender_set(k->st, case_id, f->key, cause)) !=
	    KR_OK)
		return r;
	if ((r = store_sender_cases(k->st, f->key, now - FLOOD_WINDOW + 1,
	    &f->recent, cause)) != KR_OK)
		return r;
	f->ack = f->recent <= k->cfg->max_acks_per_hour;
	f->notify = f->recent <= k->cfg->max_notifications_per_hour;
	f->summary = f->recent == k->cfg->max_notifications_per_hour + 1;
	return KR_OK;
}

void
flood_free(struct flood *f)
{
	free(f->key);
	f->key = NULL;
}

enum kres
flood_hold_notice(struct klacht *k, int64_t case_id, const struct flood *f,
    int64_t now, char **cause)
{
	const struct officer_key *key;
	struct case_row		 c;
	struct buf		 who;
	char			*detail, *n, *cap;
	size_t			 i;
	enum kres		 r;

	if ((r = store_case_get(k->st, case_id, &c, cause)) != KR_OK)
		return r;
	detail = xasprintf("no notification: case %d from %s within the hour "
	    "(limits.max_notifications_per_sender_per_hour = %d)%s",
	    f->recent, f->key, k->cfg->max_notifications_per_hour,
	    f->summary ? "; summary sent to the officers instead" : "");
	r = store_event_add(k->st, c.id, now, "system", "notify-suppressed",
	    detail, cause);
	free(detail);
	log_notice("case=%s notification held back: %d new cases from %s in "
	    "the last hour (cap %d)", c.ref, f->recent, f->key,
	    k->cfg->max_notifications_per_hour);
	if (r != KR_OK || !f->summary)
		goto out;

	if (klacht_key(k, &key, cause) == -1) {
		r = KR_TEMP;
		goto out;
	}
	n = xasprintf("%d", f->recent);
	cap = xasprintf("%d", k->cfg->max_notifications_per_hour);
	struct tmpl_var vars[] = {
		{ "sender", f->key },
		{ "count", n },
		{ "cap", cap },
	};
	buf_init(&who);
	for (i = 0; i < k->cfg->nofficers && r == KR_OK; i++) {
		const struct cfg_officer *o = &k->cfg->officers[i];

		if (!officer_serves(o, c.category))
			continue;
		r = officer_queue(k, key, &c, o, "flood", "flood", NULL, NULL,
		    vars, sizeof vars / sizeof vars[0], now, cause);
		buf_printf(&who, "%s%s", who.len ? ", " : "", o->id);
	}
	if (r == KR_OK && who.len > 0) {
		detail = xasprintf("flood summary about %s sent to %s", f->key,
		    who.data);
		r = store_event_add(k->st, c.id, now, "system", "notified",
		    detail, cause);
		free(detail);
		log_warn("case=%s %s sends more than %d new complaints an hour: "
		    "one summary to officers %s, no notification per case for "
		    "the rest of the hour", c.ref, f->key,
		    k->cfg->max_notifications_per_hour, who.data);
	}
	buf_free(&who);
	free(n);
	free(cap);
out:
	case_row_free(&c);
	return r;
}
