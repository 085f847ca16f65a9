/*
 * privacy.c -- the retention purge and the export of one person's data.
 *
 * The purge is what the daemon's daily job and `klachtctl purge` run.  It
 * first reads the closed cases, decides which are past their term, and
 * only then changes anything, one case per transaction, so a busy daemon
 * is never locked out for long and a crash halfway leaves every case
 * either untouched or wholly anonymised.  secure_delete makes SQLite zero
 * the freed bytes instead of leaving them in free pages, and the WAL is
 * checkpointed and truncated at the end so no copy of the old pages stays
 * behind in it.
 *
 * The export writes files with O_EXCL | O_NOFOLLOW into a fresh 0700
 * directory: it never overwrites anything and never follows a link an
 * attacker could plant there.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "calendar.h"
#include "fault.h"
#include "json.h"
#include "log.h"
#include "privacy.h"
#include "store.h"

#define YEAR	(365 * 86400LL)

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
	if (rest / 86400 != 0)
		t = cal_add_days(t, (int)(rest / 86400));
	return t + rest % 86400;
}

char *
privacy_term_str(int64_t term)
{
	if (term % YEAR == 0)
		return xasprintf("%lldy", (long long)(term / YEAR));
	if (term % 86400 == 0)
		return xasprintf("%lldd", (long long)(term / 86400));
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

/* --------------------------------------------------------------- export */

struct exp {
	struct klacht		*k;
	const char		*dir;
	int			 notes;		/* include colleagues' notes */
	struct export_stats	*es;
	struct buf		 cases;		/* JSON arrays being built */
	struct buf		 msgs;
	struct buf		 out;
	struct buf		 quar;
	struct buf		 resp;
	int64_t			*ids;		/* the person's cases */
	size_t			 nids;
	char			*err;		/* first failure */
	enum kres		 r;
};

/* Writes one new file (0600, never over anything) under the export
 * directory. */
static int
write_file(struct exp *x, const char *rel, const void *data, size_t len)
{
	char		*path = xasprintf("%s/%s", x->dir, rel);
	const char	*p = data;
	ssize_t		 n;
	int		 fd;

	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
	    0600);
	if (fd == -1)
		goto fail;
	while (len > 0) {
		if ((n = write(fd, p, len)) == -1) {
			if (errno == EINTR)
				continue;
			close(fd);
			goto fail;
		}
		p += n;
		len -= (size_t)n;
	}
	if (fsync(fd) == -1 || close(fd) == -1)
		goto fail;
	free(path);
	return 0;
fail:
	if (x->err == NULL)
		x->err = xasprintf("%s: %s", path, strerror(errno));
	free(path);
	return -1;
}

/* A file name from mail made safe: letters, digits, '-', '_' and single
 * dots, never a leading dot; anything else becomes '_'. */
static char *
safe_name(const char *s)
{
	struct buf	b;

	buf_init(&b);
	for (; s != NULL && *s != '\0' && b.len < 80; s++) {
		unsigned char c = (unsigned char)*s;

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '_' ||
		    (c == '.' && b.len > 0 && b.data[b.len - 1] != '.'))
			buf_addc(&b, (char)c);
		else if (c < 0x80 || (c & 0xc0) == 0xc0)
			buf_addc(&b, '_');
	}
	if (b.len == 0)
		buf_adds(&b, "attachment");
	return buf_detach(&b, NULL);
}

static void
json_time(struct buf *b, int *first, const char *k, int64_t t)
{
	char	*s = t ? cal_format_iso(t) : NULL;

	json_kv_str(b, first, k, s);
	free(s);
}

static int
id_cb(int64_t id, void *arg)
{
	struct exp	*x = arg;

	x->ids = xreallocarray(x->ids, x->nids + 1, sizeof *x->ids);
	x->ids[x->nids++] = id;
	return 0;
}

/* The reference of a case (caller frees), "" if unknown. */
static char *
case_ref(struct exp *x, int64_t id)
{
	struct case_row	 c;
	char		*ref;

	if (id == 0 || store_case_get(x->k->st, id, &c, NULL) != KR_OK)
		return NULL;
	ref = xstrdup(c.ref);
	case_row_free(&c);
	return ref;
}

static int
is_colleague_note(const struct event_row *e)
{
	return e->kind != NULL && strcmp(e->kind, "note") == 0 &&
	    (e->actor == NULL || strcmp(e->actor, "system") != 0);
}

struct ev_ctx {
	struct exp	*x;
	struct buf	*b;
	int		 n;
};

static int
event_cb(const struct event_row *e, void *arg)
{
	struct ev_ctx	*c = arg;
	int		 first = 1;

	if (!c->x->notes && is_colleague_note(e)) {
		c->x->es->left_out++;
		return 0;
	}
	if (c->n++ > 0)
		buf_addc(c->b, ',');
	buf_addc(c->b, '{');
	json_time(c->b, &first, "at", e->at);
	json_kv_str(c->b, &first, "actor", e->actor);
	json_kv_str(c->b, &first, "kind", e->kind);
	json_kv_str(c->b, &first, "detail", e->detail);
	buf_addc(c->b, '}');
	return 0;
}

static enum kres
export_case(struct exp *x, int64_t id, char **cause)
{
	const struct cfg_category	*cat;
	struct case_row			 c;
	struct ev_ctx			 ev;
	struct buf			*b = &x->cases;
	enum kres			 r;
	int				 first = 1;

	if ((r = store_case_get(x->k->st, id, &c, cause)) != KR_OK)
		return r;
	cat = cfg_category_by_id(x->k->cfg, c.category);
	if (x->es->cases++ > 0)
		buf_addc(b, ',');
	buf_addc(b, '{');
	json_kv_str(b, &first, "reference", c.ref);
	json_kv_str(b, &first, "status", c.status);
	json_kv_str(b, &first, "category", c.category);
	json_kv_str(b, &first, "category_name", cat ? cat->name : NULL);
	json_kv_str(b, &first, "priority", c.priority);
	json_kv_str(b, &first, "assignee", c.assignee);
	json_kv_bool(b, &first, "confidential", c.confidential);
	json_kv_str(b, &first, "complainant_email", c.complainant_email);
	json_kv_str(b, &first, "complainant_name", c.complainant_name);
	json_kv_str(b, &first, "subject", c.subject);
	json_kv_str(b, &first, "language", c.language);
	json_time(b, &first, "received", c.received_at);
	json_time(b, &first, "due", c.due_at);
	json_kv_bool(b, &first, "extended", c.extended);
	json_kv_str(b, &first, "judgement", c.judgement);
	json_time(b, &first, "decided", c.decided_at);
	json_time(b, &first, "closed", c.closed_at);
	buf_adds(b, ",\"events\":[");
	ev.x = x;
	ev.b = b;
	ev.n = 0;
	r = store_event_foreach(x->k->st, id, event_cb, &ev, cause);
	buf_adds(b, "]}");
	case_row_free(&c);
	return r;
}

struct att_ctx {
	struct exp	*x;
	struct buf	*b;
	int64_t		 msg_id;
	int		 n;
};

static int
att_cb(const struct export_att_row *a, void *arg)
{
	struct att_ctx	*c = arg;
	struct exp	*x = c->x;
	char		*name, *rel = NULL;
	int		 first = 1;

	if (a->data != NULL) {
		name = safe_name(a->filename);
		rel = xasprintf("attachments/%lld-%lld-%s",
		    (long long)c->msg_id, (long long)a->id, name);
		free(name);
		if (write_file(x, rel, a->data, a->len) == -1) {
			free(rel);
			return 1;
		}
		x->es->attachments++;
	}
	if (c->n++ > 0)
		buf_addc(c->b, ',');
	buf_addc(c->b, '{');
	json_kv_str(c->b, &first, "filename", a->filename);
	json_kv_str(c->b, &first, "content_type", a->content_type);
	json_kv_int(c->b, &first, "size", a->size);
	json_kv_str(c->b, &first, "sha256", a->sha256);
	json_kv_str(c->b, &first, "file", rel);
	if (rel == NULL)
		json_kv_str(c->b, &first, "note", "over the size limit when "
		    "received: only its name, type, size and SHA-256 were "
		    "kept");
	buf_addc(c->b, '}');
	free(rel);
	return 0;
}

static int
msg_cb(const struct export_msg_row *m, void *arg)
{
	struct exp	*x = arg;
	struct buf	*b = &x->msgs;
	struct att_ctx	 ac;
	char		*rel, *ref;
	int		 first = 1;

	/* An officer's mail carries their commands and notes. */
	if (!x->notes && m->kind != NULL && strcmp(m->kind, "officer") == 0) {
		x->es->left_out++;
		return 0;
	}
	rel = xasprintf("messages/%lld.eml", (long long)m->id);
	if (write_file(x, rel, m->raw ? m->raw : "", m->raw_len) == -1) {
		free(rel);
		return 1;
	}
	ref = case_ref(x, m->case_id);
	if (x->es->messages++ > 0)
		buf_addc(b, ',');
	buf_addc(b, '{');
	json_kv_int(b, &first, "id", m->id);
	json_kv_str(b, &first, "case", ref);
	json_time(b, &first, "received", m->received_at);
	json_kv_str(b, &first, "kind", m->kind);
	json_kv_str(b, &first, "source", m->source);
	json_kv_str(b, &first, "message_id", m->message_id);
	json_kv_str(b, &first, "in_reply_to", m->in_reply_to);
	json_kv_str(b, &first, "from", m->from_addr);
	json_kv_str(b, &first, "from_name", m->from_name);
	json_kv_str(b, &first, "subject", m->subject);
	json_kv_str(b, &first, "body", m->body);
	json_kv_str(b, &first, "sha256", m->sha256);
	json_kv_str(b, &first, "file", rel);
	buf_adds(b, ",\"attachments\":[");
	free(rel);
	free(ref);
	ac.x = x;
	ac.b = b;
	ac.msg_id = m->id;
	ac.n = 0;
	if ((x->r = store_export_attachments(x->k->st, m->id, att_cb, &ac,
	    x->err ? NULL : &x->err)) != KR_OK || x->err != NULL) {
		buf_adds(b, "]}");
		return 1;
	}
	buf_adds(b, "]}");
	return 0;
}

static int
out_cb(const struct outbox_row *o, void *arg)
{
	struct exp	*x = arg;
	struct buf	*b = &x->out;
	char		*rel, *ref;
	int		 first = 1;

	rel = xasprintf("outgoing/%lld.eml", (long long)o->id);
	if (write_file(x, rel, o->raw ? o->raw : "", o->raw_len) == -1) {
		free(rel);
		return 1;
	}
	ref = case_ref(x, o->case_id);
	if (x->es->outgoing++ > 0)
		buf_addc(b, ',');
	buf_addc(b, '{');
	json_kv_int(b, &first, "id", o->id);
	json_kv_str(b, &first, "case", ref);
	json_kv_str(b, &first, "kind", o->kind);
	json_kv_str(b, &first, "to", o->rcpt);
	json_kv_str(b, &first, "subject", o->subject);
	json_kv_str(b, &first, "status", o->status);
	json_time(b, &first, "created", o->created_at);
	json_time(b, &first, "sent", o->sent_at);
	json_kv_str(b, &first, "file", rel);
	buf_addc(b, '}');
	free(rel);
	free(ref);
	return 0;
}

static int
quar_cb(const struct quarantine_row *q, const void *raw, size_t len,
    void *arg)
{
	struct exp	*x = arg;
	struct buf	*b = &x->quar;
	char		*rel;
	int		 first = 1;

	rel = xasprintf("quarantine/%lld.eml", (long long)q->id);
	if (write_file(x, rel, raw ? raw : "", len) == -1) {
		free(rel);
		return 1;
	}
	if (x->es->quarantined++ > 0)
		buf_addc(b, ',');
	buf_addc(b, '{');
	json_kv_int(b, &first, "id", q->id);
	json_time(b, &first, "received", q->received_at);
	json_kv_str(b, &first, "reason", q->reason);
	json_kv_str(b, &first, "file", rel);
	buf_addc(b, '}');
	free(rel);
	return 0;
}

/* A case the person is the respondent in.  The complaint itself is the
 * complainant's personal data as much as theirs, so it is not copied
 * here (art. 15(4)): the reference lets an officer decide what of it to
 * hand over.  The copy they were sent (Awb 9:9) is under outgoing/. */
static int
resp_cb(const struct export_resp_row *r, void *arg)
{
	struct exp	*x = arg;
	struct buf	*b = &x->resp;
	int		 first = 1;

	if (x->es->respondent++ > 0)
		buf_addc(b, ',');
	buf_addc(b, '{');
	json_kv_str(b, &first, "reference", r->ref);
	json_kv_str(b, &first, "status", r->status);
	json_time(b, &first, "complaint_received", r->received_at);
	json_kv_str(b, &first, "email", r->email);
	json_kv_str(b, &first, "name", r->name);
	json_time(b, &first, "named", r->added_at);
	buf_addc(b, '}');
	return 0;
}

static const char *const subs[] = { "messages", "attachments",
    "outgoing", "quarantine" };

/* dir: made 0700 (*created set), or an existing empty directory (then
 * set to 0700). */
static int
make_dir(const char *dir, int *created, char **cause)
{
	struct dirent	*de;
	struct stat	 sb;
	DIR		*d;
	char		*p;
	size_t		 i;

	*created = 0;
	if (mkdir(dir, 0700) == 0)
		*created = 1;
	else {
		if (errno != EEXIST) {
			set_cause(cause, "%s: %s", dir, strerror(errno));
			return -1;
		}
		/* Not through a symbolic link: it could lead anywhere. */
		if (lstat(dir, &sb) == -1 || !S_ISDIR(sb.st_mode)) {
			set_cause(cause, "%s exists and is not a directory",
			    dir);
			return -1;
		}
		if ((d = opendir(dir)) == NULL) {
			set_cause(cause, "%s: %s", dir, strerror(errno));
			return -1;
		}
		while ((de = readdir(d)) != NULL)
			if (strcmp(de->d_name, ".") != 0 &&
			    strcmp(de->d_name, "..") != 0) {
				closedir(d);
				set_cause(cause, "%s exists and is not empty: "
				    "an export never overwrites anything",
				    dir);
				return -1;
			}
		closedir(d);
	}
	/* mkdir honours the umask: say 0700 explicitly. */
	if (chmod(dir, 0700) == -1) {
		set_cause(cause, "%s: %s", dir, strerror(errno));
		return -1;
	}
	for (i = 0; i < sizeof subs / sizeof subs[0]; i++) {
		p = xasprintf("%s/%s", dir, subs[i]);
		if (mkdir(p, 0700) == -1 || chmod(p, 0700) == -1) {
			set_cause(cause, "%s: %s", p, strerror(errno));
			free(p);
			return -1;
		}
		free(p);
	}
	return 0;
}

/* After a failure: removes what the export wrote, so no half export
 * with personal data is left lying about. */
static void
remove_export(const char *dir, int created)
{
	struct dirent	*de;
	DIR		*d;
	char		*p, *f;
	size_t		 i;

	for (i = 0; i < sizeof subs / sizeof subs[0]; i++) {
		p = xasprintf("%s/%s", dir, subs[i]);
		if ((d = opendir(p)) != NULL) {
			while ((de = readdir(d)) != NULL) {
				if (de->d_name[0] == '.')
					continue;
				f = xasprintf("%s/%s", p, de->d_name);
				unlink(f);
				free(f);
			}
			closedir(d);
		}
		rmdir(p);
		free(p);
	}
	p = xasprintf("%s/export.json", dir);
	unlink(p);
	free(p);
	if (created)
		rmdir(dir);
}

int
privacy_export(struct klacht *k, const char *email, const char *dir,
    int64_t now, struct export_stats *es, char **cause)
{
	struct exp	 x;
	struct buf	 j;
	char		*gen;
	size_t		 i;
	int		 first = 1, rc = -1, created = 0;

	memset(es, 0, sizeof *es);
	if (email == NULL || strchr(email, '@') == NULL ||
	    strpbrk(email, " \t\r\n<>") != NULL) {
		set_cause(cause, "\"%s\" is not an email address",
		    email ? email : "");
		return -1;
	}
	memset(&x, 0, sizeof x);
	x.k = k;
	x.dir = dir;
	x.notes = k->cfg->export_colleague_notes;
	x.es = es;
	buf_init(&x.cases);
	buf_init(&x.msgs);
	buf_init(&x.out);
	buf_init(&x.quar);
	buf_init(&x.resp);
	buf_init(&j);
	if (make_dir(dir, &created, cause) == -1)
		goto out;

	if ((x.r = store_export_case_ids(k->st, email, id_cb, &x,
	    &x.err)) != KR_OK)
		goto fail;
	for (i = 0; i < x.nids; i++)
		if ((x.r = export_case(&x, x.ids[i], &x.err)) != KR_OK)
			goto fail;
	if ((x.r = store_export_messages(k->st, email, msg_cb, &x,
	    x.err ? NULL : &x.err)) != KR_OK || x.err != NULL)
		goto fail;
	if ((x.r = store_export_outbox(k->st, email, out_cb, &x,
	    &x.err)) != KR_OK || x.err != NULL)
		goto fail;
	if ((x.r = store_export_quarantine(k->st, email, quar_cb, &x,
	    &x.err)) != KR_OK || x.err != NULL)
		goto fail;
	if ((x.r = store_export_respondent(k->st, email, resp_cb, &x,
	    &x.err)) != KR_OK)
		goto fail;

	gen = cal_format_iso(now);
	buf_addc(&j, '{');
	json_kv_int(&j, &first, "version", 1);
	json_kv_str(&j, &first, "email", email);
	json_kv_str(&j, &first, "generated", gen);
	json_kv_str(&j, &first, "organisation", k->cfg->org_name);
	json_kv_str(&j, &first, "notes_about_colleagues", x.notes ?
	    "included" : "excluded");
	json_kv_int(&j, &first, "left_out", es->left_out);
	buf_printf(&j, ",\"cases\":[%s],\"messages\":[%s],\"outgoing\":[%s],"
	    "\"quarantine\":[%s],\"respondent_in\":[%s]", x.cases.data ?
	    x.cases.data : "", x.msgs.data ? x.msgs.data : "", x.out.data ?
	    x.out.data : "", x.quar.data ? x.quar.data : "", x.resp.data ?
	    x.resp.data : "");
	if (es->respondent > 0)
		json_kv_str(&j, &first, "respondent_note", "The complaints "
		    "about you are the complainants' personal data too and "
		    "are not copied here (AVG art. 15(4)); the copies you were "
		    "sent are under outgoing/.  Ask the complaints officer, "
		    "naming the reference, for what more can be given.");
	buf_adds(&j, "}\n");
	free(gen);
	if (write_file(&x, "export.json", j.data, j.len) == -1)
		goto fail;
	rc = 0;
	goto out;
fail:
	set_cause(cause, "export to %s: %s (nothing was kept)", dir, x.err ?
	    x.err : "database failure");
	remove_export(dir, created);
out:
	free(x.err);
	free(x.ids);
	buf_free(&x.cases);
	buf_free(&x.msgs);
	buf_free(&x.out);
	buf_free(&x.quar);
	buf_free(&x.resp);
	buf_free(&j);
	return rc;
}
