/*
 * outbox.c -- the delivery job of the durable outbox.
 *
 * Due rows are copied out of the database first and the read statement
 * closed, so no read transaction is held while talking to a slow server.
 * The copy is bounded by bytes as well as by count: an acknowledgement
 * with its PDF letter is some 30 KiB, and a pass over a backlog of 1,000
 * of them held 30 MB (issue 17's soak: the daemon's peaks while working).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "fault.h"
#include "log.h"
#include "maildir.h"
#include "outbox.h"
#include "smtp.h"
#include "undeliverable.h"

struct pending {
	int64_t	 id;
	int64_t	 created_at;
	int	 attempts;
	char	*from;
	char	*rcpt;
	char	*msgid;
	char	*raw;
	size_t	 len;
};

#define OUTBOX_COPY_BYTES	(4 * 1024 * 1024) /* raw mail copied per pass */

struct collect {
	const struct outbox_state *os;	/* ids to leave out */
	struct pending	*v;
	size_t		 n;
	size_t		 bytes;		/* raw mail copied so far */
	int		 full;		/* stopped at OUTBOX_COPY_BYTES */
};

static int
is_unrecorded(const struct outbox_state *os, int64_t id)
{
	size_t	i;

	for (i = 0; i < os->nunrecorded; i++)
		if (os->unrecorded[i] == id)
			return 1;
	return 0;
}

/* Tries to record what was sent but not recorded; returns how many are
 * still waiting. */
static size_t
record_unrecorded(struct klacht *k, struct outbox_state *os)
{
	size_t	i = 0;
	char	*why = NULL;

	while (i < os->nunrecorded) {
		if (store_outbox_sent(k->st, os->unrecorded[i], cal_now(),
		    &why) == KR_OK) {
			log_info("outbox id=%lld sent earlier, now recorded",
			    (long long)os->unrecorded[i]);
			os->unrecorded[i] = os->unrecorded[--os->nunrecorded];
			continue;
		}
		free(why);
		why = NULL;
		i++;
	}
	if (os->nunrecorded == 0) {
		free(os->unrecorded);
		os->unrecorded = NULL;
	}
	return os->nunrecorded;
}

void
outbox_state_free(struct outbox_state *os)
{
	free(os->unrecorded);
	os->unrecorded = NULL;
	os->nunrecorded = 0;
}

static int
collect_cb(const struct outbox_row *o, void *arg)
{
	struct collect	*c = arg;
	struct pending	*p;

	if (is_unrecorded(c->os, o->id))
		return 0;	/* sent already: only its record is missing */
	/* One message always: a larger one still goes, alone. */
	if (c->n > 0 && c->bytes + o->raw_len > OUTBOX_COPY_BYTES) {
		c->full = 1;
		return 1;	/* the rest in the next pass, at once */
	}
	c->bytes += o->raw_len;
	c->v = xreallocarray(c->v, c->n + 1, sizeof *c->v);
	p = &c->v[c->n++];
	p->id = o->id;
	p->created_at = o->created_at;
	p->attempts = o->attempts;
	p->from = xstrdup(o->mail_from);
	p->rcpt = xstrdup(o->rcpt);
	p->msgid = xstrdup(o->message_id);
	p->raw = xmalloc(o->raw_len + 1);
	memcpy(p->raw, o->raw, o->raw_len);
	p->len = o->raw_len;
	return 0;
}

int64_t
outbox_backoff(const struct cfg *cfg, int attempts)
{
	int64_t	d = cfg->retry_min;

	while (attempts-- > 0 && d < cfg->retry_max)
		d *= 2;
	return d > cfg->retry_max ? cfg->retry_max : d;
}

int
outbox_run(struct klacht *k, struct outbox_state *os, int limit,
    volatile int *stop, int trace, struct outbox_stats *stats, char **cause)
{
	struct collect	 c = { .os = os };
	struct smtp	*smtp = NULL;
	int64_t		 now = cal_now(), until = mono_ms() + OUTBOX_SLICE_MS;
	size_t		 i;
	char		*why, *prefix;
	enum kres	 r;
	int		 ret = 0;

	memset(stats, 0, sizeof *stats);
	if (os->nunrecorded > 0 && record_unrecorded(k, os) > 0) {
		/* Still no way to write: sending more would only grow the
		 * list of mail we cannot account for. */
		log_warn("outbox: %zu sent message(s) still not recorded; "
		    "nothing else is sent until they are", os->nunrecorded);
		return 0;
	}
	if (store_outbox_due(k->st, now, limit, collect_cb, &c, cause) !=
	    KR_OK)
		return -1;
	for (i = 0; i < c.n; i++) {
		struct pending *p = &c.v[i];

		if (stop && *stop)
			break;
		if (i > 0 && mono_ms() >= until) {
			/* The rest in the next pass, right after the other
			 * jobs had their turn. */
			stats->more = 1;
			break;
		}
		why = NULL;
		if (k->cfg->outgoing == CFG_OUT_MAILDIR) {
			prefix = xasprintf("Return-Path: <%s>\r\n"
			    "Delivered-To: %s\r\n", p->from, p->rcpt);
			r = maildir_deliver(k->cfg->out_maildir, prefix,
			    p->raw, p->len, &why) == 0 ? KR_OK : KR_TEMP;
			free(prefix);
		} else {
			if (smtp == NULL && (smtp = smtp_open(&k->cfg->smtp,
			    klacht_domain(k), &why)) != NULL)
				smtp_set_trace(smtp, trace);
			r = smtp != NULL ? smtp_send(smtp, p->from, p->rcpt,
			    p->raw, p->len, &why) : KR_TEMP;
		}
		now = cal_now();
		if (r == KR_OK) {
			fault_point("outbox-after-send");
			r = store_outbox_sent(k->st, p->id, now, &why);
			if (r == KR_OK) {
				log_info("outbox id=%lld msgid=<%s> to=%s sent",
				    (long long)p->id, p->msgid, p->rcpt);
				stats->sent++;
			} else {
				log_err("outbox id=%lld msgid=<%s> sent but not "
				    "recorded, will record it before sending "
				    "more: %s", (long long)p->id, p->msgid, why);
				free(why);
				os->unrecorded = xreallocarray(os->unrecorded,
				    os->nunrecorded + 1,
				    sizeof *os->unrecorded);
				os->unrecorded[os->nunrecorded++] = p->id;
				stats->sent++;
				break;
			}
			continue;
		}
		int permanent = r == KR_PERM ||
		    now - p->created_at >= k->cfg->retry_give_up;
		int64_t next = now + outbox_backoff(k->cfg, p->attempts);
		if (permanent) {
			log_err("outbox id=%lld msgid=<%s> to=%s failed "
			    "permanently after %d attempt(s): %s",
			    (long long)p->id, p->msgid, p->rcpt,
			    p->attempts + 1, why);
			stats->failed++;
		} else {
			log_warn("outbox id=%lld msgid=<%s> to=%s deferred "
			    "(attempt %d, next in %llds): %s", (long long)p->id,
			    p->msgid, p->rcpt, p->attempts + 1,
			    (long long)(next - now), why);
			stats->deferred++;
		}
		char *why2 = NULL;
		/* Failed for good: marked, and the case's officer told. */
		if ((permanent ? undeliverable_fail(k, p->id, why, now, &why2) :
		    store_outbox_failed(k->st, p->id, why, 0, next, &why2)) !=
		    KR_OK) {
			log_err("outbox id=%lld: %s", (long long)p->id, why2);
			free(why2);
		}
		free(why);
		/* No server to talk to: the rest of the batch waits for
		 * the next pass instead of each failing on its own. */
		if (r == KR_TEMP && k->cfg->outgoing == CFG_OUT_SMTP) {
			smtp_close(smtp);
			smtp = NULL;
			break;
		}
	}
	smtp_close(smtp);
	/* A full batch sent without a hitch: more is probably due. */
	if (i == c.n && (c.n == (size_t)limit || c.full) &&
	    stats->deferred == 0)
		stats->more = 1;
	for (i = 0; i < c.n; i++) {
		free(c.v[i].from);
		free(c.v[i].rcpt);
		free(c.v[i].msgid);
		free(c.v[i].raw);
	}
	free(c.v);
	return ret;
}
