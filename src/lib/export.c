/*
 * export.c -- the export of everything stored about one person (AVG
 * art. 15): the case data as export.json, the raw mail and attachments as
 * files, every reply token scrubbed from what is written.  The retention
 * purge is in purge.c.
 *
 * The export writes files with O_EXCL | O_NOFOLLOW into a fresh 0700
 * directory: it never overwrites anything and never follows a link an
 * attacker could plant there.
 */
#include "config.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "calendar.h"
#include "json.h"
#include "privacy.h"
#include "safefile.h"
#include "store.h"
#include "token.h"

/* --------------------------------------------------------------- export */

struct exp {
	struct klacht		*k;
	const char		*dir;
	const char		*email;
	char			*local;		/* of the complaints address */
	int			 pfd;		/* dir's parent */
	int			 dfd;		/* dir */
	int			 sub[4];	/* messages/ ... (subs[]) */
	char			*base;		/* dir's name in its parent */
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

/* ------------------------------------------------- reply tokens (F2) */

/* One character of data at *p as a quoted-printable decoder sees it:
 * soft line breaks ("=" at a line end) are skipped, "=XX" is one byte.
 * Returns the character and moves *p past it; -1 at end.  Plain text is
 * read as itself, so one scan finds a token in headers, 8bit and
 * quoted-printable text alike. */
static int
qp_getc(const char **p, const char *end)
{
	static const char	 hx[] = "0123456789abcdef";
	const char		*q = *p, *h1, *h2;

	for (;;) {
		if (q >= end)
			return -1;
		if (*q != '=' || q + 1 >= end)
			break;
		if (q[1] == '\n') {
			q += 2;
			continue;
		}
		if (q[1] == '\r' && q + 2 < end && q[2] == '\n') {
			q += 3;
			continue;
		}
		if (q + 2 < end && q[1] != '\0' && q[2] != '\0' &&
		    (h1 = strchr(hx, tolower((unsigned char)q[1]))) != NULL &&
		    (h2 = strchr(hx, tolower((unsigned char)q[2]))) != NULL) {
			*p = q + 3;
			return (int)((h1 - hx) << 4 | (h2 - hx));
		}
		break;
	}
	*p = q + 1;
	return (unsigned char)*q;
}

static int
token_char(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
}

/* Token-shaped (token.h: <ref>.<officer>.<16 hex digits>): a dot, and
 * after the last one at least 8 hex digits.  Looser than token_parse()
 * on purpose: the MAC cannot be checked without the key, a later form
 * of token (with an expiry, say) must still be caught, and a category
 * tag (klachten+afval@) has no dot and stays. */
static int
token_shaped(const char *t, size_t n)
{
	const char	*dot = NULL;
	size_t		 i;

	for (i = 0; i < n; i++)
		if (t[i] == '.')
			dot = t + i;
	if (dot == NULL || dot == t || t + n - (dot + 1) < 8)
		return 0;
	for (dot++; dot < t + n; dot++)
		if (!isxdigit((unsigned char)*dot))
			return 0;
	return 1;
}

/*
 * Copies data to out with every reply token after "<local>+" (the
 * complaints address's local part, any letter case) replaced by
 * TOKEN_GONE, and returns how many it replaced (0: out is untouched).
 * A token an officer's mail client wrapped or encoded as
 * quoted-printable is found too.  Base64 parts are not decoded: mail
 * that can carry a token in them (officers' mail, bounces of it) is not
 * exported at all unless notes_about_colleagues says so.
 */
#define TOKEN_GONE	"[token removed]"
static int
scrub_tokens(const char *local, const char *data, size_t len,
    struct buf *out)
{
	const char	*end = data + len, *p, *q, *tok, *done = data;
	char		 t[TOKEN_MAX + 1];
	size_t		 i, n, llen = strlen(local);
	int		 c, found = 0;

	if (llen == 0)
		return 0;
	for (p = data; p < end; p++) {
		if (tolower((unsigned char)*p) != tolower((unsigned char)
		    local[0]))
			continue;
		/* local, then '+', as decoded characters. */
		q = p;
		for (i = 0; i < llen; i++) {
			c = qp_getc(&q, end);
			if (c < 0 || tolower(c) != tolower((unsigned char)
			    local[i]))
				break;
		}
		if (i < llen || qp_getc(&q, end) != '+')
			continue;
		tok = q;
		n = 0;
		for (;;) {
			const char *r = q;

			if ((c = qp_getc(&r, end)) < 0 || !token_char(c) ||
			    n == TOKEN_MAX)
				break;
			t[n++] = (char)c;
			q = r;
		}
		if (n == 0 || n == TOKEN_MAX || !token_shaped(t, n))
			continue;
		if (!found++)
			buf_init(out);
		buf_add(out, done, (size_t)(tok - done));
		buf_adds(out, TOKEN_GONE);
		done = q;
		p = q - 1;
	}
	if (found)
		buf_add(out, done, (size_t)(end - done));
	return found;
}

/* Whether data holds a reply token (see scrub_tokens). */
static int
has_token(const char *local, const void *data, size_t len)
{
	struct buf	b;

	if (data == NULL || scrub_tokens(local, data, len, &b) == 0)
		return 0;
	buf_free(&b);
	return 1;
}

static const char *const subs[] = { "messages", "attachments",
    "outgoing", "quarantine" };
#define NSUBS	(sizeof subs / sizeof subs[0])

/*
 * Writes one new file rel ("export.json" or "SUB/NAME") under the export
 * directory: 0600, created with O_EXCL | O_NOFOLLOW relative to the
 * directory's descriptor, so never over anything and never through a
 * link; with every reply token scrubbed, as a complainant holding an
 * officer's token could act in the officer's name (issue 18, F2).
 */
static int
write_file(struct exp *x, const char *rel, const void *data, size_t len)
{
	const char	*slash = strchr(rel, '/'), *name = rel, *p = data;
	struct buf	 sb;
	size_t		 i;
	char		*why = NULL;
	int		 fd, dfd = x->dfd, scrubbed, rc = 0, saved;

	if (slash != NULL) {
		for (i = 0; i < NSUBS; i++)
			if (strlen(subs[i]) == (size_t)(slash - rel) &&
			    strncmp(subs[i], rel, (size_t)(slash - rel)) == 0)
				dfd = x->sub[i];
		name = slash + 1;
	}
	if ((fd = safe_create(dfd, name, 0600, &why)) == -1) {
		if (x->err == NULL)
			x->err = xasprintf("%s/%s: %s", x->dir, rel, why);
		free(why);
		return -1;
	}
	if ((scrubbed = scrub_tokens(x->local, p, len, &sb)) > 0) {
		x->es->tokens += scrubbed;
		p = sb.data;
		len = sb.len;
	}
	if (safe_write_all(fd, p, len) == -1 || fsync(fd) == -1)
		rc = -1;
	saved = errno;
	if (scrubbed > 0)
		buf_free(&sb);
	if (close(fd) == -1 && rc == 0) {
		rc = -1;
		saved = errno;
	}
	if (rc == -1 && x->err == NULL)
		x->err = xasprintf("%s/%s: %s", x->dir, rel, strerror(saved));
	return rc;
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

/* One full address, local@domain, as an export is asked for: a dot-atom
 * local part and a domain of dotted labels (F7: "@domain" or a part of
 * an address would match more than one person). */
static int
addr_ok(const char *a)
{
	static const char	 atext[] = "!#$%&'*+-/=?^_`{|}~";
	const char		*at, *p;
	size_t			 label = 0, dots = 0;

	if (a == NULL || (at = strchr(a, '@')) == NULL || at == a ||
	    at - a > 64 || strchr(at + 1, '@') != NULL || strlen(at) > 254)
		return 0;
	for (p = a; p < at; p++) {
		if (*p == '.') {
			if (p == a || p[1] == '.' || p + 1 == at)
				return 0;
		} else if (!isalnum((unsigned char)*p) &&
		    strchr(atext, *p) == NULL)
			return 0;
	}
	for (p = at + 1; ; p++) {
		if (*p == '.' || *p == '\0') {
			if (label == 0 || p[-1] == '-')
				return 0;
			if (*p == '\0')
				break;
			label = 0;
			dots++;
		} else if (isalnum((unsigned char)*p) || (*p == '-' &&
		    label > 0))
			label++;
		else
			return 0;
	}
	return dots > 0;
}

/* Whether the addr-spec s[0..n) is addr (letter case aside). */
static int
addr_is(const char *s, size_t n, const char *addr)
{
	while (n > 0 && isspace((unsigned char)*s)) {
		s++;
		n--;
	}
	while (n > 0 && isspace((unsigned char)s[n - 1]))
		n--;
	return n == strlen(addr) && strncasecmp(s, addr, n) == 0;
}

/*
 * Whether one of the addresses in a From, Sender, Reply-To or
 * Return-Path header value v[0..n) is addr: in angle brackets when a
 * mailbox has them (the words before are its display name), else a bare
 * word with an '@'; quoted strings and comments are names, never
 * addresses.
 */
static int
value_names(const char *v, size_t n, const char *addr)
{
	const char	*end = v + n, *p, *w, *angle = NULL, *aend = NULL;
	const char	*bare = NULL, *bend = NULL;
	int		 depth;

	for (p = v; p <= end; ) {
		if (p == end || *p == ',') {
			/* The end of one mailbox. */
			if (angle != NULL ? addr_is(angle, (size_t)(aend -
			    angle), addr) : bare != NULL && addr_is(bare,
			    (size_t)(bend - bare), addr))
				return 1;
			angle = bare = NULL;
			p++;
		} else if (*p == '"') {
			for (p++; p < end && *p != '"'; p++)
				if (*p == '\\' && p + 1 < end)
					p++;
			if (p < end)
				p++;
		} else if (*p == '(') {
			for (depth = 0; p < end; p++) {
				if (*p == '\\' && p + 1 < end)
					p++;
				else if (*p == '(')
					depth++;
				else if (*p == ')' && --depth == 0)
					break;
			}
			if (p < end)
				p++;
		} else if (*p == '<') {
			w = ++p;
			while (p < end && *p != '>')
				p++;
			/* A source route (<@a,@b:addr>) ends at the ':'. */
			angle = memchr(w, ':', (size_t)(p - w));
			angle = angle != NULL ? angle + 1 : w;
			aend = p;
			if (p < end)
				p++;
		} else if (strchr(" \t\r\n;:<>)", *p) != NULL)
			p++;
		else {
			for (w = p; p < end && strchr(" \t\r\n,;:<>()\"",
			    *p) == NULL; p++)
				;
			if (memchr(w, '@', (size_t)(p - w)) != NULL) {
				bare = w;
				bend = p;
			}
		}
	}
	return 0;
}

/*
 * Whether raw mail names addr as its sender (From, Sender, Reply-To or
 * Return-Path), read from its header block without a MIME parser:
 * quarantined mail is there because the parser could not make a message
 * of it.  Folded header lines are read as one.
 */
static int
quar_sent_by(const char *raw, size_t len, const char *addr)
{
	static const char *const names[] = { "from", "sender", "reply-to",
	    "return-path" };
	const char	*p = raw, *end = raw + len, *eol, *colon, *v;
	struct buf	 val;
	size_t		 i;
	int		 hit = 0;

	if (raw == NULL)
		return 0;
	buf_init(&val);
	while (p < end && !hit) {
		eol = memchr(p, '\n', (size_t)(end - p));
		eol = eol != NULL ? eol + 1 : end;
		/* An empty line ends the header block. */
		if (*p == '\n' || (*p == '\r' && p + 1 < end && p[1] == '\n'))
			break;
		colon = memchr(p, ':', (size_t)(eol - p));
		if (*p == ' ' || *p == '\t' || colon == NULL) {
			p = eol;
			continue;
		}
		for (i = 0; i < sizeof names / sizeof names[0]; i++)
			if ((size_t)(colon - p) == strlen(names[i]) &&
			    strncasecmp(p, names[i], strlen(names[i])) == 0)
				break;
		v = colon + 1;
		p = eol;
		/* The value with its continuation lines. */
		while (p < end && (*p == ' ' || *p == '\t')) {
			eol = memchr(p, '\n', (size_t)(end - p));
			p = eol != NULL ? eol + 1 : end;
		}
		if (i == sizeof names / sizeof names[0])
			continue;
		val.len = 0;
		buf_add(&val, v, (size_t)(p - v));
		hit = value_names(val.data, val.len, addr);
	}
	buf_free(&val);
	return hit;
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

/*
 * Whether a message on the person's case is officers' material, left
 * out unless notes_about_colleagues = "include": an officer's own mail
 * (commands, notes); bounces and automatic replies that someone else's
 * system sent (a bounce of mail to an officer returns that mail, reply
 * token and all); and any other mail from someone else that carries a
 * reply token -- an officer answering from an address we do not know as
 * theirs.  The person's own mail is always theirs (tokens scrubbed).
 */
static int
officer_side(struct exp *x, const struct export_msg_row *m)
{
	/* Mail with an officer's From that failed authentication is
	 * theirs too: it may carry a token of another case or officer. */
	if (m->kind != NULL && (strcmp(m->kind, "officer") == 0 ||
	    strcmp(m->kind, "unauthenticated") == 0))
		return 1;
	if (m->from_addr != NULL && strcasecmp(m->from_addr, x->email) == 0)
		return 0;
	if (m->kind != NULL && (strcmp(m->kind, "bounce") == 0 ||
	    strcmp(m->kind, "automatic") == 0))
		return 1;
	return has_token(x->local, m->raw, m->raw_len) ||
	    (m->body != NULL && has_token(x->local, m->body,
	    strlen(m->body)));
}

static int
msg_cb(const struct export_msg_row *m, void *arg)
{
	struct exp	*x = arg;
	struct buf	*b = &x->msgs;
	struct att_ctx	 ac;
	char		*rel, *ref;
	int		 first = 1;

	if (!x->notes && officer_side(x, m)) {
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

	/* The query finds the address anywhere in the bytes; only mail
	 * that names it as its sender is the person's (F7). */
	if (!quar_sent_by(raw, len, x->email))
		return 0;
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

/*
 * The export directory: dir made 0700 in its parent, or an existing empty
 * one, and its subdirectories, all held open in x.  The parent must be
 * owned by the caller or root and writable by no one else, and so must
 * an existing dir (then set to 0700): in a directory another account
 * can write to, that account could swap names under us.
 */
static int
make_dir(struct exp *x, int *created, char **cause)
{
	struct stat	 sb;
	char		*parent = NULL, *base = NULL, *why = NULL;
	size_t		 i;
	int		 sc;

	*created = 0;
	if (safe_split(x->dir, &parent, &base, cause) == -1)
		return -1;
	if ((x->pfd = safe_dir_open(parent, &why)) == -1) {
		set_cause(cause, "%s (the directory to export into)", why);
		goto fail;
	}
	if ((x->dfd = safe_mkdir(x->pfd, base, 0700, created, &why)) == -1) {
		set_cause(cause, "%s/%s", parent, why);
		goto fail;
	}
	x->base = base;
	base = NULL;
	if (!*created && fstat(x->dfd, &sb) == 0 && sb.st_uid == geteuid() &&
	    fchmod(x->dfd, 0700) == -1) {
		set_cause(cause, "%s: %s", x->dir, strerror(errno));
		goto fail;
	}
	for (i = 0; i < NSUBS; i++)
		if ((x->sub[i] = safe_mkdir(x->dfd, subs[i], 0700, &sc,
		    &why)) == -1) {
			set_cause(cause, "%s/%s", x->dir, why);
			goto fail;
		}
	free(parent);
	return 0;
fail:
	free(why);
	free(parent);
	free(base);
	return -1;
}

/* After a failure: removes what the export wrote, so no half export
 * with personal data is left lying about. */
static void
remove_export(struct exp *x, int created)
{
	struct dirent	*de;
	DIR		*d;
	size_t		 i;
	int		 fd;

	if (x->dfd == -1)
		return;
	for (i = 0; i < NSUBS; i++) {
		if (x->sub[i] == -1)
			continue;
		if ((fd = dup(x->sub[i])) != -1 &&
		    (d = fdopendir(fd)) != NULL) {
			while ((de = readdir(d)) != NULL)
				if (de->d_name[0] != '.')
					unlinkat(x->sub[i], de->d_name, 0);
			closedir(d);
		} else if (fd != -1)
			close(fd);
		unlinkat(x->dfd, subs[i], AT_REMOVEDIR);
	}
	unlinkat(x->dfd, "export.json", 0);
	if (created)
		unlinkat(x->pfd, x->base, AT_REMOVEDIR);
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
	if (!addr_ok(email)) {
		set_cause(cause, "\"%s\" is not one full email address "
		    "(name@domain.example): an export is of one person, "
		    "matched exactly", email ? email : "");
		return -1;
	}
	memset(&x, 0, sizeof x);
	x.k = k;
	x.dir = dir;
	x.email = email;
	x.local = xstrndup(k->cfg->org_address, strcspn(k->cfg->org_address,
	    "@"));
	x.pfd = x.dfd = -1;
	for (i = 0; i < NSUBS; i++)
		x.sub[i] = -1;
	x.notes = k->cfg->export_colleague_notes;
	x.es = es;
	buf_init(&x.cases);
	buf_init(&x.msgs);
	buf_init(&x.out);
	buf_init(&x.quar);
	buf_init(&x.resp);
	buf_init(&j);
	if (make_dir(&x, &created, cause) == -1)
		goto fail_dir;

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
	json_kv_int(&j, &first, "tokens_removed", es->tokens);
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
fail_dir:
	remove_export(&x, created);
out:
	for (i = 0; i < NSUBS; i++)
		if (x.sub[i] != -1)
			close(x.sub[i]);
	if (x.dfd != -1)
		close(x.dfd);
	if (x.pfd != -1)
		close(x.pfd);
	free(x.base);
	free(x.local);
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

