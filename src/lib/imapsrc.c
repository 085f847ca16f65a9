/*
 * imapsrc.c -- the IMAP source: takes every new message of one mailbox
 * in through intake_message(), over the libcurl session of imap.c (as
 * maildir.c does for a Maildir).  This file keeps the bookkeeping; the
 * protocol is imap.c's.
 *
 * State: (UIDVALIDITY, last UID) per mailbox in the database, under the
 * mailbox's key (user@host/mailbox).  Messages are taken oldest UID first,
 * in batches (group commit, intake.h: up to INTAKE_BATCH_MAX messages or
 * INTAKE_BATCH_MS, one transaction, one savepoint per message):
 *
 *   1. fetch each (BODY[] sets \Seen on the server: harmless, nothing
 *      relies on it; if intake fails, \Seen is taken off again so a
 *      human sees the message as not handled, and the pass stops there
 *      so that no later UID is recorded past it);
 *   2. intake_message() writes the message and everything it causes
 *      into the batch; then the batch COMMITs, once;
 *   3. only then, if processed_mailbox is set, move the batch there with
 *      one command per UID set (uidset.h: "101:105,108", split beyond
 *      UIDSET_MAX bytes; imap_move_set: UID MOVE, or UID COPY + UID
 *      STORE \Deleted + UID EXPUNGE without MOVE) -- one round trip per
 *      batch, not per message; a set the server refuses is moved one
 *      message at a time (imap_move), each refusal logged;
 *   4. then record the batch's last UID as the last one taken.
 *
 * A crash before 2's COMMIT loses the batch's effects only: no UID of it
 * was recorded, the next pass takes them again.  A crash after the COMMIT
 * and before 4 leaves the messages in the mailbox above the recorded UID:
 * the next pass offers them again and intake recognises each (same
 * Message-ID, or same bytes) as a duplicate -- nothing is opened or sent
 * twice -- and the moves are redone.  This re-offer is the designed
 * recovery, not an accident.  Moving before recording means a crash can
 * never leave a committed message stranded in the INBOX: either it is
 * still above the recorded UID (offered again) or it has left already.
 * A message is never moved before its commit.  A COMMIT that fails (disk
 * full) takes \Seen off the batch's messages and ends the pass: the
 * whole batch is retried later.
 *
 * A message that can never be taken in (over limits.max_message_size, or
 * refused by intake as permanent) is left in the mailbox unread and
 * \Flagged for a human, logged, and passed over: one bad message cannot
 * hold up the rest.  Intake's temporary failures are retried instead.
 *
 * A new UIDVALIDITY (mailbox recreated or renumbered) resets the last UID
 * to 0: the whole mailbox is offered again and intake's dedupe keeps the
 * messages taken before from doing anything twice.
 *
 * Failures of the pass as a whole (connect, TLS, login, timeout) are
 * classified by imap.c so that imapsrc_intake() logs each kind once and
 * backs off.
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "calendar.h"
#include "fault.h"
#include "imap.h"
#include "imapsrc.h"
#include "intake.h"
#include "log.h"
#include "store.h"
#include "uidset.h"
#include "util.h"

/* UIDs per search.  A page of 1,000 UIDs answers with a line of at most
 * ~11 KB even with 10-digit UIDs: below libcurl's default 16 KiB read
 * buffer, which silently drops the middle of a longer untagged line (and
 * with it mail, since later UIDs are then recorded as taken). */
#define SEARCH_PAGE	1000

/* The Message-ID of a raw message, for log lines only (no <>), or "-". */
static char *
raw_msgid(const char *raw, size_t len)
{
	const char	*p = raw, *end = raw + len, *eol, *lt, *gt;

	while (p < end) {
		eol = memchr(p, '\n', (size_t)(end - p));
		if (eol == NULL)
			eol = end;
		if (eol == p || (eol == p + 1 && *p == '\r'))
			break;			/* end of the header */
		if ((size_t)(eol - p) > 11 &&
		    strncasecmp(p, "Message-ID:", 11) == 0) {
			/* The value may be folded onto the next line. */
			const char *vend = eol;

			while (vend + 1 < end && (vend[1] == ' ' ||
			    vend[1] == '\t')) {
				const char *n = memchr(vend + 1, '\n',
				    (size_t)(end - vend - 1));
				vend = n != NULL ? n : end;
			}
			lt = memchr(p, '<', (size_t)(vend - p));
			gt = lt != NULL ? memchr(lt, '>', (size_t)(vend - lt)) :
			    NULL;
			if (lt != NULL && gt != NULL) {
				char *id = xstrndup(lt + 1, (size_t)(gt - lt - 1));
				char *safe = str_log_safe(id, 200);

				free(id);
				return safe;
			}
			break;
		}
		p = eol + 1;
	}
	return xstrdup("-");
}

/* ---------------------------------------------------------------- pass */

enum take { TAKE_NEXT, TAKE_STOP, TAKE_FAIL };

/*
 * After trouble with a message: takes \Seen (set by the fetch) off again,
 * and sets \Flagged when it is left for a human for good.  A refusal is
 * logged and ignored; a transport failure is returned.
 */
static enum imap_rc
unsee(struct imap *s, uint32_t uid, uint32_t v, int flag)
{
	enum imap_rc	 rc;
	char		*why;

	if ((rc = imap_unseen(s, uid, flag)) != IMAP_RC_OK) {
		why = imap_why(s);
		log_warn("imap: uid=%" PRIu32 " uidvalidity=%" PRIu32
		    " cannot reset its flags: %s", uid, v, why);
		free(why);
	}
	return rc == IMAP_RC_REFUSED ? IMAP_RC_OK : rc;
}

/* The batch being taken in: one transaction (intake.h, group commit). */
struct batch {
	uint32_t	 uids[INTAKE_BATCH_MAX];	/* taken in: to move */
	char		 dup[INTAKE_BATCH_MAX];		/* stored before */
	size_t		 n;
	size_t		 bytes;		/* raw mail in it */
	uint32_t	 last;		/* highest UID done with, to record */
	int		 open;		/* store_batch_begin() done */
	int64_t		 t0;		/* when it opened */
};

/*
 * Takes one message into the batch: fetch, intake (inside the batch's
 * transaction).  TAKE_NEXT when it is done with (in the batch, or
 * deliberately left alone); TAKE_STOP when intake failed (the pass ends
 * after the batch so far is flushed, nothing recorded past it);
 * TAKE_FAIL when the pass failed (*fail, *code, *cause set).
 */
static enum take
take_one(struct klacht *k, struct imap *s, uint32_t v, uint32_t uid,
    uint32_t next, struct batch *b, struct imapsrc_stats *st,
    enum imap_fail *fail, int *code, char **cause)
{
	struct intake_result	 res;
	enum imap_rc		 rc;
	enum kres		 r;
	const char		*data, *box = imap_mailbox(s);
	char			*sid, *msgid, *why = NULL;
	size_t			 len, max = k->cfg->max_message_size;

	st->seen++;
	rc = imap_fetch(s, uid, max, &data, &len);
	msgid = data != NULL ? raw_msgid(data, len) : xstrdup("-");

	if (rc == IMAP_RC_TOOBIG) {
		/* Never taken in, never lost: left for a human, unread and
		 * flagged, and the pass goes on past it. */
		log_err("imap: uid=%" PRIu32 " uidvalidity=%" PRIu32
		    " msgid=<%s> is larger than limits.max_message_size (%zu "
		    "bytes): not taken in, left in %s unread and flagged", uid,
		    v, msgid, max, box);
		free(msgid);
		goto leave;
	}
	if (rc == IMAP_RC_GONE) {
		/* Expunged or moved by someone else since the search -- or
		 * the mailbox got a new UIDVALIDITY: tell them apart. */
		free(msgid);
		if (imap_noop(s) != IMAP_RC_OK) {
			char *what = xasprintf("fetching uid=%" PRIu32
			    " uidvalidity=%" PRIu32 " (not found; the NOOP to "
			    "tell why failed too)", uid, v);

			imap_failed(s, what, fail, code, cause);
			free(what);
			return TAKE_FAIL;
		}
		log_info("imap: uid=%" PRIu32 " uidvalidity=%" PRIu32 " gone "
		    "before it could be fetched: skipped", uid, v);
		st->skipped++;
		b->last = uid;
		return TAKE_NEXT;
	}
	if (rc != IMAP_RC_OK) {
		char *what = xasprintf("fetching uid=%" PRIu32 " uidvalidity=%"
		    PRIu32, uid, v);

		free(msgid);
		imap_failed(s, what, fail, code, cause);
		free(what);
		return TAKE_FAIL;
	}
	log_debug("imap: uid=%" PRIu32 " uidvalidity=%" PRIu32 " msgid=<%s> "
	    "fetched, %zu bytes", uid, v, msgid, len);
	/* The server reads the next one while this one is taken in. */
	if (next != 0)
		imap_prefetch(s, next, max);

	r = KR_OK;
	if (!b->open && (r = store_batch_begin(k->st, &why)) == KR_OK) {
		b->open = 1;
		b->t0 = intake_batch_clock();
	}
	if (r == KR_OK) {
		sid = xasprintf("%" PRIu32 "/%" PRIu32, v, uid);
		r = intake_message(k, "imap", sid, data != NULL ? data : "",
		    len, &res, &why);
		free(sid);
	}
	if (r == KR_TEMP) {
		/* Nothing of it in the batch: leave it unread and stop, so
		 * that no later UID is recorded past it; the next pass
		 * retries. */
		log_warn("imap: uid=%" PRIu32 " uidvalidity=%" PRIu32
		    " msgid=<%s> not taken in (%s failure), left unread for "
		    "the next pass: %s", uid, v, msgid, kres_name(r), why);
		free(why);
		free(msgid);
		(void)unsee(s, uid, v, 0);
		st->deferred++;
		return TAKE_STOP;
	}
	if (r != KR_OK) {
		/* Intake says it will never take this one (it quarantines
		 * what it cannot parse, so this is rare): retrying would
		 * block every later message.  Left for a human. */
		log_err("imap: uid=%" PRIu32 " uidvalidity=%" PRIu32
		    " msgid=<%s> refused by intake (%s): %s; left in %s unread "
		    "and flagged", uid, v, msgid, kres_name(r), why, box);
		free(why);
		free(msgid);
		goto leave;
	}
	free(msgid);
	st->done++;
	b->bytes += len;
	b->dup[b->n] = res.action == IA_DUPLICATE;
	b->uids[b->n++] = uid;
	b->last = uid;
	return TAKE_NEXT;

leave:
	/* Not recorded past it unless it is marked for a human. */
	if (unsee(s, uid, v, 1) != IMAP_RC_OK) {
		char *what = xasprintf("flagging uid=%" PRIu32 " uidvalidity=%"
		    PRIu32, uid, v);

		imap_failed(s, what, fail, code, cause);
		free(what);
		return TAKE_FAIL;
	}
	st->skipped++;
	b->last = uid;
	return TAKE_NEXT;
}

/*
 * Moves one committed message to the processed mailbox (after its set
 * was refused).  A refusal is logged and the message left where it is;
 * TAKE_FAIL (*fail, *code, *cause) when the connection failed.
 */
static enum take
move_one(struct imap *s, uint32_t v, uint32_t uid, struct imapsrc_stats *st,
    enum imap_fail *fail, int *code, char **cause)
{
	enum imap_rc	 rc;
	char		*why;

	rc = imap_move(s, uid);
	if (rc == IMAP_RC_REFUSED) {
		/* The server refused (no such mailbox, no right): it stays
		 * here; retrying would not help. */
		why = imap_why(s);
		log_warn("imap: uid=%" PRIu32 " uidvalidity=%" PRIu32
		    " committed but not moved to %s: %s; left in %s", uid, v,
		    imap_processed(s), why, imap_mailbox(s));
		free(why);
	} else if (rc != IMAP_RC_OK) {
		/* Not recorded: the next pass offers it again, intake sees
		 * the duplicate, and the move is retried. */
		char *what = xasprintf("moving uid=%" PRIu32 " uidvalidity=%"
		    PRIu32, uid, v);

		imap_failed(s, what, fail, code, cause);
		free(what);
		return TAKE_FAIL;
	} else {
		st->moved++;
		log_debug("imap: uid=%" PRIu32 " uidvalidity=%" PRIu32
		    " moved to %s", uid, v, imap_processed(s));
	}
	return TAKE_NEXT;
}

/*
 * Ends the batch: COMMIT, then -- only then -- move the messages taken
 * in (if processed_mailbox is set; one command per UID set, one by one
 * if the server refuses a set), then record the batch's last UID.
 * A crash before the COMMIT loses the batch's effects and nothing else:
 * the UIDs were not recorded, the next pass takes them again.  A crash
 * after it and before the record makes the next pass offer the messages
 * again, which intake dedupes (and the moves are redone).  With tell 0
 * (the connection failed) the batch is only committed: nothing is
 * recorded, so the next pass moves and records.  A COMMIT that fails
 * (disk full) takes \Seen off every message of the batch and stops the
 * pass: the whole batch is retried later.
 */
static enum take
flush(struct klacht *k, struct imap *s, uint32_t v, struct batch *b,
    int tell, struct imapsrc_stats *st, enum imap_fail *fail, int *code,
    char **cause)
{
	const char	*processed = imap_processed(s);
	enum imap_rc	 rc;
	enum kres	 r;
	char		*why = NULL, *set;
	size_t		 i, j, m, n = b->n, dups = 0;

	b->n = 0;
	b->bytes = 0;
	for (i = 0; i < n; i++)
		dups += b->dup[i] != 0;
	if (b->open) {
		b->open = 0;
		fault_point("batch-before-commit");
		if ((r = store_batch_commit(k->st, &why)) != KR_OK) {
			for (i = 0; i < n; i++)
				log_warn("imap: uid=%" PRIu32 " uidvalidity=%"
				    PRIu32 " not taken in (%s failure: its batch"
				    " of %zu did not commit), left unread for "
				    "the next pass: %s", b->uids[i], v,
				    kres_name(r), n, why);
			free(why);
			st->done -= (int)n;
			st->deferred += (int)n;
			b->last = st->last_uid;	/* record nothing of it */
			for (i = 0; tell && i < n; i++)
				if (unsee(s, b->uids[i], v, 0) != IMAP_RC_OK)
					break;
			return TAKE_STOP;
		}
		log_info("imap: batch of %zu message(s) committed (%zu stored "
		    "before)", n, dups);
		fault_point("batch-after-commit");
	}
	if (!tell)
		return TAKE_NEXT;
	/* Committed: only now may the server be told.  (A duplicate
	 * committed nothing: it passes no point.) */
	for (i = 0; i < n; i++)
		if (!b->dup[i])
			fault_point("intake-after-commit");
	for (i = 0; processed != NULL && i < n; i += m) {
		/* The batch in as few commands as fit UIDSET_MAX: one for
		 * any batch of consecutive UIDs. */
		m = uidset_take(b->uids + i, n - i, UIDSET_MAX, &set);
		rc = imap_move_set(s, set);
		if (rc == IMAP_RC_OK) {
			st->moved += (int)m;
			log_debug("imap: uid=%s uidvalidity=%" PRIu32 " (%zu "
			    "message(s)) moved to %s", set, v, m, processed);
		} else if (rc == IMAP_RC_REFUSED) {
			/* Some may have moved, some not: one by one, so that
			 * each is moved or its refusal logged. */
			why = imap_why(s);
			log_warn("imap: uid=%s uidvalidity=%" PRIu32 " committed "
			    "but the server refused to move them to %s as one "
			    "set: %s; moving them one by one", set, v,
			    processed, why);
			free(why);
			for (j = i; j < i + m; j++)
				if (move_one(s, v, b->uids[j], st, fail, code,
				    cause) == TAKE_FAIL) {
					free(set);
					return TAKE_FAIL;
				}
		} else {
			/* Not recorded: the next pass offers them again,
			 * intake sees the duplicates, and the moves are
			 * retried. */
			char *what = xasprintf("moving uid=%s uidvalidity=%"
			    PRIu32, set, v);

			imap_failed(s, what, fail, code, cause);
			free(what);
			free(set);
			return TAKE_FAIL;
		}
		free(set);
	}
	if (n > 0)
		fault_point("batch-after-move");
	if (b->last <= st->last_uid)
		return TAKE_NEXT;
	/* After the commit (and the moves): a crash before this makes the
	 * next pass offer the messages again, which intake dedupes. */
	if ((r = store_imap_state_set(k->st, imap_key(s), v, b->last, &why)) !=
	    KR_OK) {
		*fail = IMAP_F_STORE;
		*code = 0;
		set_cause(cause, "recording uid=%" PRIu32 " uidvalidity=%"
		    PRIu32 ": %s", b->last, v, why);
		free(why);
		return TAKE_FAIL;
	}
	st->last_uid = b->last;
	return TAKE_NEXT;
}

int
imapsrc_poll(struct klacht *k, int limit, int trace, volatile int *stop,
    struct imapsrc_stats *st, enum imap_fail *fail, int *code, char **cause)
{
	struct imap	*s;
	struct batch	 b;
	enum kres	 r;
	enum take	 t = TAKE_NEXT, ft;
	uint32_t	 v, old_v, last, uidnext, lo, hi, next, *uids = NULL;
	size_t		 n = 0, i;
	const char	*key;
	char		*why = NULL;
	int		 ret = -1, final = 0;

	memset(st, 0, sizeof *st);
	memset(&b, 0, sizeof b);
	*fail = IMAP_OK;
	*code = 0;
	if ((s = imap_open(&k->cfg->imap, trace, fail, cause)) == NULL)
		return -1;
	key = imap_key(s);

	if (imap_select(s, &v, &uidnext, fail, code, cause) == -1)
		goto out;
	st->uidvalidity = v;

	if ((r = store_imap_state_get(k->st, key, &old_v, &last, &why)) !=
	    KR_OK)
		goto store_fail;
	if (old_v != v) {
		if (old_v != 0)
			log_notice("imap: mailbox %s has a new UIDVALIDITY "
			    "(%" PRIu32 " -> %" PRIu32 "): reading it again "
			    "from the start; messages taken in before are "
			    "recognised as duplicates", key, old_v, v);
		last = 0;
		if ((r = store_imap_state_set(k->st, key, v, 0, &why)) !=
		    KR_OK)
			goto store_fail;
	}
	st->last_uid = last;

	/*
	 * New UIDs, in pages of SEARCH_PAGE UIDs up to UIDNEXT-1 so that no
	 * reply nears libcurl's 300 KiB limit, then once `lo:*` for mail
	 * that arrived after the SELECT (or if the server gave no UIDNEXT).
	 */
	lo = last + 1;
	while (lo != 0 && t == TAKE_NEXT) {
		if (!final && uidnext > lo) {
			hi = uidnext - 1;
			if (hi - lo >= SEARCH_PAGE)
				hi = lo + SEARCH_PAGE - 1;
		} else if (uidnext != 0) {
			/* Mail that arrived during the pass: one bounded page;
			 * anything beyond waits for the next pass. */
			hi = lo + SEARCH_PAGE - 1;
			if (hi < lo)
				hi = UINT32_MAX;
			final = 1;
		} else {
			hi = 0;		/* no UIDNEXT from the server: lo:* */
			final = 1;
		}
		if (imap_search(s, lo, hi, &uids, &n) != IMAP_RC_OK) {
			imap_failed(s, "searching for new mail", fail, code,
			    cause);
			free(uids);
			goto out;
		}
		for (i = 0; i < n && t == TAKE_NEXT; i++) {
			if ((stop != NULL && *stop) ||
			    (limit > 0 && st->seen >= limit)) {
				st->more = 1;
				t = TAKE_STOP;
				break;
			}
			/* The next UID, unless the limit stops before it. */
			next = i + 1 < n && (limit <= 0 || st->seen + 1 <
			    limit) ? uids[i + 1] : 0;
			t = take_one(k, s, v, uids[i], next, &b, st, fail,
			    code, cause);
			if (t == TAKE_NEXT && (b.n == INTAKE_BATCH_MAX ||
			    b.bytes >= INTAKE_BATCH_BYTES || (b.open &&
			    intake_batch_clock() - b.t0 >= intake_batch_ms())))
				t = flush(k, s, v, &b, 1, st, fail, code, cause);
		}
		free(uids);
		uids = NULL;
		if (t == TAKE_FAIL)
			goto out;
		if (final) {
			/* New mail came in during the pass: look again soon. */
			if (n > 0 && uidnext != 0)
				st->more = 1;
			break;
		}
		lo = hi + 1;	/* hi < UINT32_MAX here: UIDNEXT fits */
	}
	if (flush(k, s, v, &b, 1, st, fail, code, cause) == TAKE_FAIL)
		goto out;
	ret = 0;
	goto out;

store_fail:
	*fail = IMAP_F_STORE;
	set_cause(cause, "%s", why);
	free(why);
out:
	if (b.open || b.n > 0) {
		/* The pass failed mid-batch: keep what was taken in (the
		 * next pass moves and records it; *cause is the pass's). */
		ft = flush(k, s, v, &b, 0, st, fail, code, NULL);
		(void)ft;
	}
	/* Fetched ahead but not taken in (the pass stopped before it):
	 * unread again, as any message the pass leaves. */
	if ((next = imap_prefetch_drop(s)) != 0)
		(void)unsee(s, next, v, 0);
	imap_close(s);
	return ret;
}

/* ------------------------------------------------------------------ job */

int
imapsrc_intake(struct klacht *k, struct imapsrc_link *l, int64_t now,
    int limit, int trace, volatile int *stop)
{
	struct imapsrc_stats	 st;
	const struct cfg_imap	*c = &k->cfg->imap;
	enum imap_fail		 fail;
	int64_t			 base, cap;
	char			*why = NULL;
	int			 code;

	if (l->next_try > now)
		return 0;		/* backing off after a failure */
	if (imapsrc_poll(k, limit, trace, stop, &st, &fail, &code, &why) ==
	    0) {
		if (l->failures > 0)
			log_notice("imap: connection restored (%s as %s) after "
			    "%d failed attempt(s)", c->url, c->user,
			    l->failures);
		memset(l, 0, sizeof *l);
		l->more = st.more;
		if (st.seen > 0)
			log_info("imap: %d new message(s): %d taken in, %d "
			    "deferred, %d skipped, %d moved%s (uidvalidity=%"
			    PRIu32 " last uid=%" PRIu32 ")", st.seen, st.done,
			    st.deferred, st.skipped, st.moved, st.more ?
			    "; more waiting" : "", st.uidvalidity, st.last_uid);
		return 0;
	}

	base = c->poll_interval > 0 ? c->poll_interval : 60;
	cap = base > IMAPSRC_BACKOFF_MAX ? base : IMAPSRC_BACKOFF_MAX;
	l->delay = l->delay == 0 ? base : l->delay * 2 > cap ? cap :
	    l->delay * 2;
	l->next_try = cal_now() + l->delay;
	/* Once per change of kind: a server down for a day is one line.
	 * Going away it may first reset the connection, then refuse it:
	 * for a connection failure the code does not make a new kind. */
	if (l->failures == 0 || fail != l->fail || (code != l->code &&
	    fail != IMAP_F_CONNECT))
		log_err("imap: %s: %s (%s as %s)", imap_fail_name(fail), why,
		    c->url, c->user);
	else
		log_debug("imap: still failing (%d): %s: %s", l->failures + 1,
		    imap_fail_name(fail), why);
	log_debug("imap: next attempt in %llds (backing off up to %llds)",
	    (long long)l->delay, (long long)cap);
	l->fail = fail;
	l->code = code;
	l->failures++;
	free(why);
	return -1;
}
