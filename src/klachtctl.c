/*
 * klachtctl -- look into and administer klachtd's database.
 *
 *	klachtctl [-c file] [--json] list [--status S]
 *	klachtctl [-c file] [--json] show REF
 *	klachtctl [-c file] [--json] outbox [--status S]
 *	klachtctl [-c file] outbox retry|drop ID
 *	klachtctl [-c file] [--json] quarantine [list] [--status held|released]
 *	klachtctl [-c file] quarantine show|release ID
 *	klachtctl [-c file] quarantine drop ID --force
 *	klachtctl [-c file] backup FILE
 *	klachtctl [-c file] letter REF [N] > FILE.pdf		(ctl_letter.c)
 *	klachtctl [-c file] address REF TEXT [PHONE]		(ctl_letter.c)
 *	klachtctl [-c file] report [--register] [--year Y | --from D --to D]
 *	    [--category C] [--format text|csv|json|html]	(ctl_report.c)
 *	klachtctl [-c file] [--json] purge [--dry-run]		(ctl_report.c)
 *	klachtctl [-c file] export --email ADDR --dir DIR	(ctl_report.c)
 *
 * Commands are rows of one table (name, optional sub-command, number of
 * arguments, function, help line): adding a command is adding a row and
 * its function; options are parsed wherever they appear into one struct
 * ctl_opts that every command reads.  Every change an administrator makes
 * is committed together with its audit event and logged with log_audit().
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sysexits.h>
#include <unistd.h>

#include "calendar.h"
#include "casestate.h"
#include "cfg.h"
#include "intake.h"
#include "json.h"
#include "klacht.h"
#include "log.h"
#include "mail.h"
#include "privdrop.h"
#include "store.h"
#include "util.h"

#include "ctl_letter.h"
#include "ctl_report.h"

/* Options, wherever they appear on the command line. */
struct ctl_opts {
	int		 json;
	int		 force;
	int		 wide;		/* --wide: never cut a column */
	const char	*status;
	struct ctl_report_opts report;	/* report, purge, export */
};

struct ctl {
	struct klacht	 k;
	struct ctl_opts	 o;
};

struct ctl_cmd {
	const char	*name;
	const char	*sub;		/* NULL: none */
	int		 nargs;		/* exact number of arguments */
	int		 flags;
#define CMD_MAIL	0x1		/* parses mail: needs mail_init() */
#define CMD_OPTARG	0x2		/* one more argument may follow */
	int		(*fn)(struct ctl *, char **argv);
	const char	*synopsis;	/* for usage */
	const char	*help;
};

static int	json;
static int	wide;		/* --wide, for the row callbacks */

/* Who is acting, for the audit trail: the invoking user (behind sudo,
 * the one who ran sudo). */
static char *
actor(void)
{
	const char	*sudo = getenv("SUDO_USER");
	struct passwd	*pw;

	if (sudo != NULL && *sudo != '\0' && getuid() == 0)
		return xasprintf("admin:%s", sudo);
	if ((pw = getpwuid(getuid())) != NULL)
		return xasprintf("admin:%s", pw->pw_name);
	return xasprintf("admin:uid%ld", (long)getuid());
}

/* Parses a row id; -1 when it is not a positive number. */
static int64_t
parse_id(const char *s)
{
	char		*end;
	long long	 v;

	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || v <= 0)
		return -1;
	return (int64_t)v;
}

/*
 * s in a column of w characters (UTF-8 code points): padded to w when
 * pad is set; a longer value is cut to w - 1 characters and "…" marks the
 * cut, unless whole is set (--wide).  Allocated.
 */
static char *
column(const char *s, size_t w, int pad, int whole)
{
	struct buf	 b;
	const char	*p;
	size_t		 n = 0;

	if (s == NULL)
		s = "";
	for (p = s; *p != '\0'; p++)
		if (((unsigned char)*p & 0xc0) != 0x80)
			n++;
	buf_init(&b);
	if (n <= w || whole) {
		buf_adds(&b, s);
	} else {
		n = 0;
		for (p = s; *p != '\0'; p++) {
			if (((unsigned char)*p & 0xc0) != 0x80 && ++n == w)
				break;
			buf_addc(&b, *p);
		}
		buf_adds(&b, "\xe2\x80\xa6");	/* … */
		n = w;
	}
	while (pad && n++ < w)
		buf_addc(&b, ' ');
	return buf_detach(&b, NULL);
}

static int
fail(enum kres r, char *why)
{
	fprintf(stderr, "klachtctl: %s\n", why ? why : kres_name(r));
	free(why);
	switch (r) {
	case KR_INVALID:
		return EX_NOINPUT;
	case KR_TEMP:
		return EX_TEMPFAIL;
	default:
		return EX_SOFTWARE;
	}
}

/* ------------------------------------------------- text from mail, safely */

/*
 * s made harmless for a terminal: whatever came from mail could otherwise
 * set the window title, clear the screen or rewrite what the officer
 * sees.  C0 controls, DEL, C1 controls (U+0080-U+009F), bidirectional
 * and line/paragraph separators become \xNN or \uNNNN, and so does any
 * byte that is not valid UTF-8 (a C1 control to a Latin-1 terminal);
 * newline and tab stay when multiline (bodies), else they are escaped
 * too (one field, one line).  The result lives until 16 more calls
 * (enough for one printf); NULL gives "".
 */
static const char *
tty_safe(const char *s, int multiline)
{
	static char	*ring[16];
	static int	 next;
	struct buf	 b;
	const unsigned char *p = (const unsigned char *)s;
	unsigned int	 cp;
	int		 n, i;

	if (s == NULL)
		return "";
	buf_init(&b);
	buf_adds(&b, "");
	while (*p != '\0') {
		if (*p < 0x80) {
			if ((*p < 0x20 && !(multiline && (*p == '\n' ||
			    *p == '\t'))) || *p == 0x7f)
				buf_printf(&b, "\\x%02x", *p);
			else
				buf_addc(&b, (char)*p);
			p++;
			continue;
		}
		/* One UTF-8 sequence, strictly (no overlong forms). */
		n = *p >= 0xf0 && *p <= 0xf4 ? 4 : *p >= 0xe0 && *p <= 0xef ?
		    3 : *p >= 0xc2 && *p <= 0xdf ? 2 : 0;
		cp = n == 4 ? *p & 0x07u : n == 3 ? *p & 0x0fu : *p & 0x1fu;
		for (i = 1; i < n; i++) {
			if ((p[i] & 0xc0) != 0x80)
				break;
			cp = cp << 6 | (p[i] & 0x3fu);
		}
		if (n == 0 || i < n || (n == 3 && cp < 0x800) ||
		    (n == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
		    (cp >= 0xd800 && cp <= 0xdfff)) {
			buf_printf(&b, "\\x%02x", *p);
			p++;
			continue;
		}
		if ((cp >= 0x80 && cp <= 0x9f) || cp == 0x061c ||
		    (cp >= 0x200e && cp <= 0x200f) ||
		    (cp >= 0x2028 && cp <= 0x202e) ||
		    (cp >= 0x2066 && cp <= 0x2069))
			buf_printf(&b, "\\u%04x", cp);
		else
			buf_add(&b, p, (size_t)n);
		p += n;
	}
	free(ring[next]);
	ring[next] = buf_detach(&b, NULL);
	s = ring[next];
	next = (next + 1) % 16;
	return s;
}

/* One line of text from mail, and a body. */
#define T(s)	tty_safe((s), 0)
#define TB(s)	tty_safe((s), 1)

/* ---------------------------------------------------------------- cases */

static void
case_json(struct buf *b, const struct case_row *c)
{
	int	 first = 1;
	char	*rec = cal_format_iso(c->received_at);
	char	*due = cal_format_iso_date(c->due_at);
	char	*dec = c->decided_at > 0 ? cal_format_iso(c->decided_at) : NULL;
	char	*clo = c->closed_at > 0 ? cal_format_iso(c->closed_at) : NULL;

	buf_addc(b, '{');
	json_kv_str(b, &first, "reference", c->ref);
	json_kv_str(b, &first, "status", c->status);
	json_kv_str(b, &first, "category", c->category);
	json_kv_str(b, &first, "priority", c->priority);
	json_kv_str(b, &first, "assignee", c->assignee);
	json_kv_bool(b, &first, "confidential", c->confidential);
	json_kv_str(b, &first, "complainant_email", c->complainant_email);
	json_kv_str(b, &first, "complainant_name", c->complainant_name);
	json_kv_str(b, &first, "subject", c->subject);
	json_kv_str(b, &first, "language", c->language);
	json_kv_str(b, &first, "received", rec);
	json_kv_str(b, &first, "due", due);
	json_kv_bool(b, &first, "extended", c->extended);
	json_kv_str(b, &first, "judgement", c->judgement);
	json_kv_str(b, &first, "decided", dec);
	json_kv_str(b, &first, "closed", clo);
	buf_addc(b, '}');
	free(rec);
	free(due);
	free(dec);
	free(clo);
}

/* "open" for list --status: every state before the decision. */
static int
state_open(enum case_state s)
{
	return s == CS_NEW || s == CS_ACKNOWLEDGED || s == CS_IN_PROGRESS ||
	    s == CS_WAITING;
}

struct list_ctx {
	struct buf	b;
	int		n;
	int		open;	/* --status open */
	int		wide;
};

static int
list_cb(const struct case_row *c, void *arg)
{
	struct list_ctx	*l = arg;
	char		*due, *who, *subj;

	if (l->open && !state_open(case_state_parse(c->status)))
		return 0;
	if (json) {
		if (l->n++ > 0)
			buf_addc(&l->b, ',');
		case_json(&l->b, c);
		return 0;
	}
	due = cal_format_iso_date(c->due_at);
	if (l->n++ == 0)
		printf("%-15s %-13s %-10s %-30s %s\n", "REFERENCE", "STATUS",
		    "DUE", "COMPLAINANT", "SUBJECT");
	who = column(T(c->complainant_email), 30, 1, l->wide);
	subj = column(T(c->subject), 60, 0, l->wide);
	printf("%-15s %-13s %-10s %s %s\n", c->ref, c->status, due, who, subj);
	free(who);
	free(subj);
	free(due);
	return 0;
}

/* The --status values list accepts, from casestate.c's vocabulary. */
static void
status_values(FILE *f)
{
	enum case_state	 s;
	const char	*w;
	size_t		 i, j;
	int		 dup;

	fprintf(f, "  %-14s every case not yet decided or closed (%s, %s, "
	    "%s, %s)\n", "open", case_state_id(CS_NEW),
	    case_state_id(CS_ACKNOWLEDGED), case_state_id(CS_IN_PROGRESS),
	    case_state_id(CS_WAITING));
	for (s = CS_NEW; s <= CS_CLOSED; s++) {
		fprintf(f, "  %-14s", case_state_id(s));
		for (i = 1; (w = case_state_word(s, i)) != NULL; i++) {
			/* "open" is the group above here; skip repeats. */
			dup = strcasecmp(w, "open") == 0;
			for (j = 0; j < i && !dup; j++)
				dup = strcasecmp(w, case_state_word(s, j)) == 0;
			if (!dup)
				fprintf(f, "%s\"%s\"", i == 1 ? " " : ", ", w);
		}
		fputc('\n', f);
	}
}

static int
cmd_list(struct ctl *x, char **argv)
{
	struct list_ctx	 l;
	const char	*status = NULL;
	char		*why = NULL;
	enum case_state	 s;
	enum kres	 r;

	(void)argv;
	memset(&l, 0, sizeof l);
	l.wide = x->o.wide;
	/* Any word for a state filters on its id; "open" on the group. */
	if (x->o.status != NULL && strcasecmp(x->o.status, "open") == 0)
		l.open = 1;
	else if (x->o.status != NULL) {
		if ((s = case_state_parse(x->o.status)) == CS_INVALID) {
			fprintf(stderr, "klachtctl: unknown status \"%s\"; "
			    "valid values (any of the words):\n",
			    x->o.status);
			status_values(stderr);
			return EX_USAGE;
		}
		status = case_state_id(s);
	}
	buf_init(&l.b);
	if (json)
		buf_addc(&l.b, '[');
	if ((r = store_case_foreach(x->k.st, status, list_cb, &l,
	    &why)) != KR_OK) {
		buf_free(&l.b);
		return fail(r, why);
	}
	if (json) {
		buf_adds(&l.b, "]\n");
		fputs(l.b.data, stdout);
	} else if (l.n == 0 && x->o.status != NULL)
		printf("no cases with status %s\n", l.open ? "open" : status);
	else if (l.n == 0)
		printf("no cases\n");
	buf_free(&l.b);
	return EX_OK;
}

/* Appends a separating comma in a JSON array unless it just opened. */
static void
json_sep(struct buf *b)
{
	if (b->len > 0 && b->data[b->len - 1] != '[')
		buf_addc(b, ',');
}

static int
event_cb(const struct event_row *e, void *arg)
{
	struct buf	*b = arg;
	char		*at = cal_format_iso(e->at);

	if (json) {
		int first = 1;
		json_sep(b);
		buf_addc(b, '{');
		json_kv_str(b, &first, "at", at);
		json_kv_str(b, &first, "actor", e->actor);
		json_kv_str(b, &first, "kind", e->kind);
		json_kv_str(b, &first, "detail", e->detail);
		buf_addc(b, '}');
	} else
		printf("  %s  %-10s %-16s %s\n", at, T(e->actor), e->kind,
		    T(e->detail));
	free(at);
	return 0;
}

static int
msg_cb(const struct msg_row *m, void *arg)
{
	struct buf	*b = arg;
	char		*at = cal_format_iso(m->received_at);

	if (json) {
		int first = 1;
		json_sep(b);
		buf_addc(b, '{');
		json_kv_str(b, &first, "received", at);
		json_kv_str(b, &first, "kind", m->kind);
		json_kv_str(b, &first, "source", m->source);
		json_kv_str(b, &first, "message_id", m->message_id);
		json_kv_str(b, &first, "from", m->from_addr);
		json_kv_str(b, &first, "subject", m->subject);
		json_kv_int(b, &first, "size", m->size);
		json_kv_str(b, &first, "body", m->body);
		buf_addc(b, '}');
	} else {
		printf("  --- %s %s from %s (%lld bytes)\n  Subject: %s\n\n",
		    at, m->kind, m->from_addr ? T(m->from_addr) : "?",
		    (long long)m->size, T(m->subject));
		if (m->body != NULL) {
			const char *p = TB(m->body), *nl;
			while (*p != '\0') {
				nl = strchr(p, '\n');
				int n = nl ? (int)(nl - p) : (int)strlen(p);
				printf("    %.*s\n", n, p);
				p += n + (nl != NULL);
			}
		}
		printf("\n");
	}
	free(at);
	return 0;
}

static int
outbox_cb(const struct outbox_row *o, void *arg)
{
	struct buf	*b = arg;
	char		*at = cal_format_iso(o->created_at);
	char		*next = cal_format_iso(o->next_attempt_at);

	if (json) {
		int first = 1;
		json_sep(b);
		buf_addc(b, '{');
		json_kv_int(b, &first, "id", o->id);
		json_kv_str(b, &first, "kind", o->kind);
		json_kv_str(b, &first, "status", o->status);
		json_kv_str(b, &first, "to", o->rcpt);
		json_kv_str(b, &first, "subject", o->subject);
		json_kv_str(b, &first, "message_id", o->message_id);
		json_kv_int(b, &first, "attempts", o->attempts);
		json_kv_str(b, &first, "created", at);
		json_kv_str(b, &first, "next_attempt", next);
		json_kv_str(b, &first, "last_error", o->last_error);
		buf_addc(b, '}');
	} else {
		char *to = column(T(o->rcpt), 30, 1, wide);

		printf("%-6lld %-13s %-7s %3d  %s %s\n",
		    (long long)o->id, o->kind, o->status, o->attempts, to,
		    T(o->subject));
		free(to);
		if (o->last_error != NULL && strcmp(o->status, "sent") != 0)
			printf("       last error: %s\n", T(o->last_error));
	}
	free(at);
	free(next);
	return 0;
}

/* "  Decided:     2026-07-20 10:00:00", or nothing for no date. */
static void
show_date(const char *label, int64_t t)
{
	char	*s;

	if (t <= 0)
		return;
	s = cal_format_iso(t);
	printf("  %-12s %s\n", label, s);
	free(s);
}

/* An extension's line in show: when, and its "due A -> B (+N days)". */
static int
extend_cb(const struct event_row *e, void *arg)
{
	char	*at;
	int	 n;

	(void)arg;
	if (strcmp(e->kind, "extend") != 0)
		return 0;
	at = cal_format_iso(e->at);
	/* The detail is "due A -> B (+N days): reason"; the reason is in
	 * the audit trail below. */
	n = e->detail ? (int)strcspn(e->detail, ":") : 0;
	printf("  %-12s %s: %.*s\n", "Extended:", at, n,
	    e->detail ? e->detail : "");
	free(at);
	return 0;
}

static int
cmd_show(struct ctl *x, char **argv)
{
	struct case_row	 c;
	struct buf	 b;
	char		*why = NULL, *rec, *due;
	enum kres	 r;

	if ((r = store_case_get_ref(x->k.st, argv[0], &c, &why)) != KR_OK)
		return fail(r, why);
	buf_init(&b);
	if (json) {
		buf_adds(&b, "{\"case\":");
		case_json(&b, &c);
		buf_adds(&b, ",\"events\":[");
	} else {
		rec = cal_format_iso(c.received_at);
		due = cal_format_iso_date(c.due_at);
		printf("Case %s\n  Status:      %s (%s)\n  Complainant: %s%s%s%s\n"
		    "  Subject:     %s\n  Received:    %s\n  Due:         %s%s\n",
		    c.ref, c.status, case_state_label(case_state_parse(c.status),
		    "en"), T(c.complainant_name),
		    c.complainant_name ? " <" : "", T(c.complainant_email),
		    c.complainant_name ? ">" : "", T(c.subject),
		    rec, due, c.extended ? " (extended)" : "");
		free(rec);
		free(due);
		/* Every date the case has: each extension (from its event),
		 * the decision, the closing. */
		if (c.extended && (r = store_event_foreach(x->k.st, c.id,
		    extend_cb, NULL, &why)) != KR_OK) {
			case_row_free(&c);
			buf_free(&b);
			return fail(r, why);
		}
		show_date("Decided:", c.decided_at);
		show_date("Closed:", c.closed_at);
		printf("  Category:    %s\n  Priority:    %s\n  Assignee:    %s\n",
		    c.category ? T(c.category) : "-", c.priority,
		    c.assignee ? T(c.assignee) : "-");
		if (c.judgement)
			printf("  Judgement:   %s\n", T(c.judgement));
		printf("\nAudit trail:\n");
	}
	r = store_event_foreach(x->k.st, c.id, event_cb, &b, &why);
	if (r == KR_OK) {
		if (json)
			buf_adds(&b, "],\"messages\":[");
		else
			printf("\nMessages:\n");
		r = store_msg_foreach(x->k.st, c.id, msg_cb, &b, &why);
	}
	if (r == KR_OK) {
		if (json)
			buf_adds(&b, "],\"outgoing\":[");
		else
			printf("Outgoing mail:\n");
		r = store_outbox_foreach(x->k.st, NULL, c.id, outbox_cb, &b,
		    &why);
	}
	case_row_free(&c);
	if (r != KR_OK) {
		buf_free(&b);
		return fail(r, why);
	}
	if (json) {
		buf_adds(&b, "]}\n");
		fputs(b.data, stdout);
	}
	buf_free(&b);
	return EX_OK;
}

/* --------------------------------------------------------------- outbox */

static int
cmd_outbox(struct ctl *x, char **argv)
{
	struct buf	 b;
	char		*why = NULL;
	enum kres	 r;

	(void)argv;
	buf_init(&b);
	if (json)
		buf_addc(&b, '[');
	else
		printf("%-6s %-13s %-7s %3s  %-30s %s\n", "ID", "KIND",
		    "STATUS", "TRY", "TO", "SUBJECT");
	if ((r = store_outbox_foreach(x->k.st, x->o.status, 0, outbox_cb, &b,
	    &why)) != KR_OK) {
		buf_free(&b);
		return fail(r, why);
	}
	if (json) {
		buf_adds(&b, "]\n");
		fputs(b.data, stdout);
	}
	buf_free(&b);
	return EX_OK;
}

struct outbox_copy {
	int64_t	 case_id;
	char	*rcpt;
	char	*kind;
	char	*status;
	int	 attempts;
};

static int
outbox_copy_cb(const struct outbox_row *o, void *arg)
{
	struct outbox_copy	*c = arg;

	c->case_id = o->case_id;
	c->rcpt = xstrdup(o->rcpt);
	c->kind = xstrdup(o->kind);
	c->status = xstrdup(o->status);
	c->attempts = o->attempts;
	return 0;
}

/*
 * retry/drop: the change and the case's audit event in one transaction.
 * drop keeps the row (status "dropped") and never touches the case.
 */
static int
outbox_act(struct ctl *x, const char *idstr, int drop)
{
	struct outbox_copy	 c;
	int64_t			 id = parse_id(idstr), now = cal_now();
	char			*why = NULL, *who, *detail;
	enum kres		 r;

	if (id < 0) {
		fprintf(stderr, "klachtctl: \"%s\" is not an outbox id\n",
		    idstr);
		return EX_USAGE;
	}
	memset(&c, 0, sizeof c);
	who = actor();
	if ((r = store_begin(x->k.st, &why)) != KR_OK)
		goto out;
	if ((r = store_outbox_get(x->k.st, id, outbox_copy_cb, &c, &why)) !=
	    KR_OK)
		goto rollback;
	r = drop ? store_outbox_drop(x->k.st, id, &why) :
	    store_outbox_retry(x->k.st, id, now, &why);
	if (r == KR_INVALID) {
		free(why);
		why = xasprintf("outbox id %lld is %s: only failed or queued "
		    "mail can be %s", (long long)id, c.status, drop ?
		    "dropped" : "retried");
	}
	if (r != KR_OK)
		goto rollback;
	if (c.case_id != 0) {
		detail = xasprintf("%s %s to %s (outbox id=%lld, was %s after "
		    "%d attempt(s))", drop ? "dropped" : "retry of", c.kind,
		    c.rcpt, (long long)id, c.status, c.attempts);
		r = store_event_add(x->k.st, c.case_id, now, who, drop ?
		    "outbox-drop" : "outbox-retry", detail, &why);
		free(detail);
		if (r != KR_OK)
			goto rollback;
	}
	if ((r = store_commit(x->k.st, &why)) != KR_OK)
		goto out;
	log_audit("%s: outbox id=%lld %s to=%s %s", who, (long long)id, c.kind,
	    c.rcpt, drop ? "dropped" : "queued again");
	printf("outbox id %lld %s\n", (long long)id, drop ? "dropped" :
	    "queued again (the daemon sends it at its next pass)");
	goto out;
rollback:
	store_rollback(x->k.st);
out:
	free(who);
	free(c.rcpt);
	free(c.kind);
	free(c.status);
	return r == KR_OK ? EX_OK : fail(r, why);
}

static int
cmd_outbox_retry(struct ctl *x, char **argv)
{
	return outbox_act(x, argv[0], 0);
}

static int
cmd_outbox_drop(struct ctl *x, char **argv)
{
	return outbox_act(x, argv[0], 1);
}

/* ----------------------------------------------------------- quarantine */

static int
quarantine_cb(const struct quarantine_row *q, void *arg)
{
	struct list_ctx	*l = arg;
	char		*at = cal_format_iso(q->received_at);
	char		*rel = q->released_at ? cal_format_iso(q->released_at) :
			    NULL;
	char		*reason = str_log_safe(q->reason, 0);

	if (json) {
		int first = 1;
		json_sep(&l->b);
		buf_addc(&l->b, '{');
		json_kv_int(&l->b, &first, "id", q->id);
		json_kv_str(&l->b, &first, "received", at);
		json_kv_str(&l->b, &first, "source", q->source);
		json_kv_str(&l->b, &first, "source_id", q->source_id);
		json_kv_int(&l->b, &first, "size", q->size);
		json_kv_str(&l->b, &first, "sha256", q->sha256);
		json_kv_str(&l->b, &first, "reason", q->reason);
		json_kv_str(&l->b, &first, "status", q->released_at ?
		    "released" : "held");
		json_kv_str(&l->b, &first, "released", rel);
		json_kv_str(&l->b, &first, "case", q->case_ref);
		buf_addc(&l->b, '}');
	} else {
		if (l->n == 0)
			printf("%-6s %-25s %-8s %9s  %-24s %s\n", "ID",
			    "RECEIVED", "SOURCE", "SIZE", "STATUS", "REASON");
		char *st = q->released_at ? xasprintf("released%s%s",
		    q->case_ref ? " -> " : "", q->case_ref ? q->case_ref : "") :
		    xstrdup("held");
		printf("%-6lld %-25s %-8s %9lld  %-24s %.100s\n",
		    (long long)q->id, at, q->source, (long long)q->size, st,
		    reason);
		free(st);
	}
	l->n++;
	free(at);
	free(rel);
	free(reason);
	return 0;
}

static int
cmd_quarantine_list(struct ctl *x, char **argv)
{
	struct list_ctx	 l;
	char		*why = NULL;
	enum kres	 r;

	(void)argv;
	buf_init(&l.b);
	l.n = 0;
	if (json)
		buf_addc(&l.b, '[');
	if ((r = store_quarantine_foreach(x->k.st, x->o.status, quarantine_cb,
	    &l, &why)) != KR_OK) {
		buf_free(&l.b);
		return fail(r, why);
	}
	if (json) {
		buf_adds(&l.b, "]\n");
		fputs(l.b.data, stdout);
	} else if (l.n == 0)
		printf("no quarantined messages\n");
	buf_free(&l.b);
	return EX_OK;
}

/* Prints the raw message, byte for byte, on stdout. */
static int
cmd_quarantine_show(struct ctl *x, char **argv)
{
	int64_t		 id = parse_id(argv[0]);
	char		*raw = NULL, *why = NULL;
	size_t		 len = 0;
	enum kres	 r;

	if (id < 0) {
		fprintf(stderr, "klachtctl: \"%s\" is not a quarantine id\n",
		    argv[0]);
		return EX_USAGE;
	}
	if ((r = store_quarantine_get(x->k.st, id, NULL, NULL, &raw, &len,
	    &why)) != KR_OK)
		return fail(r, why);
	if (fwrite(raw, 1, len, stdout) != len || fflush(stdout) != 0) {
		fprintf(stderr, "klachtctl: writing the message: %s\n",
		    strerror(errno));
		free(raw);
		return EX_IOERR;
	}
	free(raw);
	return EX_OK;
}

static int
qrow_cb(const struct quarantine_row *q, void *arg)
{
	*(int64_t *)arg = q->released_at;
	return 0;
}

/*
 * Hands the message to intake again, as if it had just arrived (source
 * "quarantine", source id = its quarantine id, so the case shows where
 * it came from).  Only when intake handled it does the row count as
 * released; a message intake still cannot handle stays held.
 */
static int
cmd_quarantine_release(struct ctl *x, char **argv)
{
	struct intake_result	 res;
	int64_t			 id = parse_id(argv[0]), released = 0;
	char			*raw = NULL, *why = NULL, *who;
	size_t			 len = 0;
	enum kres		 r;

	if (id < 0) {
		fprintf(stderr, "klachtctl: \"%s\" is not a quarantine id\n",
		    argv[0]);
		return EX_USAGE;
	}
	if ((r = store_quarantine_get(x->k.st, id, qrow_cb, &released, &raw,
	    &len, &why)) != KR_OK)
		return fail(r, why);
	if (released != 0 && !x->o.force) {
		free(raw);
		fprintf(stderr, "klachtctl: quarantined message %lld was "
		    "released before; use --force to hand it to intake "
		    "again\n", (long long)id);
		return EX_USAGE;
	}
	r = intake_message(&x->k, "quarantine", argv[0], raw, len, &res, &why);
	free(raw);
	if (r != KR_OK)
		return fail(r, why);
	who = actor();
	if (res.action == IA_QUARANTINED) {
		log_audit("%s: quarantine id=%lld release tried: still cannot "
		    "be handled (%s); kept", who, (long long)id, res.reason);
		printf("quarantine id %lld: still cannot be handled: %s\n"
		    "(kept in quarantine)\n", (long long)id, res.reason);
		free(who);
		return EX_DATAERR;
	}
	if (res.ref[0] == '\0' && res.case_id != 0) {
		struct case_row c;

		if (store_case_get(x->k.st, res.case_id, &c, NULL) == KR_OK) {
			snprintf(res.ref, sizeof res.ref, "%s", c.ref);
			case_row_free(&c);
		}
	}
	if ((r = store_quarantine_released(x->k.st, id, cal_now(), &why)) !=
	    KR_OK) {
		free(who);
		return fail(r, why);
	}
	log_audit("%s: quarantine id=%lld released: %s%s%s", who,
	    (long long)id, intake_action_name(res.action),
	    res.ref[0] ? " case=" : "", res.ref);
	printf("quarantine id %lld released: %s%s%s\n", (long long)id,
	    intake_action_name(res.action), res.ref[0] ? " " : "", res.ref);
	free(who);
	return EX_OK;
}

struct qcopy {
	char	*sha256;
	char	*reason;
	int64_t	 size;
};

static int
qcopy_cb(const struct quarantine_row *q, void *arg)
{
	struct qcopy	*c = arg;

	c->sha256 = xstrdup(q->sha256);
	c->reason = str_log_safe(q->reason, 200);
	c->size = q->size;
	return 0;
}

static int
cmd_quarantine_drop(struct ctl *x, char **argv)
{
	struct qcopy	 c;
	int64_t		 id = parse_id(argv[0]);
	char		*why = NULL, *who;
	enum kres	 r;

	if (id < 0) {
		fprintf(stderr, "klachtctl: \"%s\" is not a quarantine id\n",
		    argv[0]);
		return EX_USAGE;
	}
	if (!x->o.force) {
		fprintf(stderr, "klachtctl: quarantine drop deletes the message "
		    "for good; add --force to do so\n");
		return EX_USAGE;
	}
	memset(&c, 0, sizeof c);
	if ((r = store_begin(x->k.st, &why)) != KR_OK)
		return fail(r, why);
	if ((r = store_quarantine_get(x->k.st, id, qcopy_cb, &c, NULL, NULL,
	    &why)) != KR_OK || (r = store_quarantine_drop(x->k.st, id,
	    &why)) != KR_OK) {
		store_rollback(x->k.st);
		free(c.sha256);
		free(c.reason);
		return fail(r, why);
	}
	if ((r = store_commit(x->k.st, &why)) != KR_OK) {
		free(c.sha256);
		free(c.reason);
		return fail(r, why);
	}
	who = actor();
	log_audit("%s: quarantine id=%lld dropped (%lld bytes, sha256 %s, "
	    "reason: %s)", who, (long long)id, (long long)c.size, c.sha256,
	    c.reason);
	printf("quarantine id %lld dropped\n", (long long)id);
	free(who);
	free(c.sha256);
	free(c.reason);
	return EX_OK;
}

/* --------------------------------------------------------------- backup */

static int
cmd_backup(struct ctl *x, char **argv)
{
	char	*why = NULL;

	if (store_backup(x->k.st, argv[0], &why) != KR_OK) {
		fprintf(stderr, "klachtctl: %s\n", why);
		free(why);
		return EX_CANTCREAT;
	}
	printf("backup written to %s\n", argv[0]);
	return EX_OK;
}

/* ------------------------------------- report, purge, export: ctl_report.c */

static int
cmd_report(struct ctl *x, char **argv)
{
	(void)argv;
	return ctl_report(&x->k, &x->o.report, x->o.json);
}

static int
cmd_purge(struct ctl *x, char **argv)
{
	(void)argv;
	return ctl_purge(&x->k, &x->o.report, x->o.json);
}

static int
cmd_export(struct ctl *x, char **argv)
{
	(void)argv;
	return ctl_export(&x->k, &x->o.report, x->o.json);
}

/* ------------------------------------------------ letter: ctl_letter.c */

static int
cmd_letter(struct ctl *x, char **argv)
{
	return ctl_letter(&x->k, argv[0], argv[1]);
}

static int
cmd_address(struct ctl *x, char **argv)
{
	char	*who = actor();
	int	 ex = ctl_address(&x->k, who, argv[0], argv[1], argv[2]);

	free(who);
	return ex;
}

/* ------------------------------------------------------------- dispatch */

static const struct ctl_cmd commands[] = {
	{ "list", NULL, 0, 0, cmd_list, "list [--status S] [--wide]",
	    "cases, newest first" },
	{ "show", NULL, 1, 0, cmd_show, "show REF",
	    "one case: details, audit trail, messages, mail" },
	{ "outbox", NULL, 0, 0, cmd_outbox, "outbox [--status S]",
	    "outgoing mail (queued, sent, failed, dropped), with last error" },
	{ "outbox", "retry", 1, 0, cmd_outbox_retry, "outbox retry ID",
	    "queue failed mail again, due now" },
	{ "outbox", "drop", 1, 0, cmd_outbox_drop, "outbox drop ID",
	    "give up on failed or queued mail (kept, noted on the case)" },
	{ "quarantine", NULL, 0, 0, cmd_quarantine_list, NULL, NULL },
	{ "quarantine", "list", 0, 0, cmd_quarantine_list,
	    "quarantine list [--status held|released]",
	    "messages intake could not handle" },
	{ "quarantine", "show", 1, 0, cmd_quarantine_show,
	    "quarantine show ID", "the raw message on standard output" },
	{ "quarantine", "release", 1, CMD_MAIL, cmd_quarantine_release,
	    "quarantine release ID", "hand the message to intake again" },
	{ "quarantine", "drop", 1, 0, cmd_quarantine_drop,
	    "quarantine drop ID --force", "delete the message (logged)" },
	{ "letter", NULL, 1, CMD_MAIL | CMD_OPTARG, cmd_letter,
	    "letter REF [N] > FILE.pdf", "a letter to the complainant as PDF "
	    "(N from 1; default the latest)" },
	{ "address", NULL, 2, CMD_OPTARG, cmd_address,
	    "address REF 'LINE; LINE' [PHONE]", "record the complainant's "
	    "postal address (and phone) for letters" },
	{ "backup", NULL, 1, 0, cmd_backup, "backup FILE",
	    "online copy of the database to FILE" },
	{ "report", NULL, 0, 0, cmd_report,
	    "report [--year Y] [--format F]", "figures: received, decided, "
	    "on time, judgements, trends" },
	{ "report", NULL, 0, 0, cmd_report, "report --register --year Y",
	    "the yearly register, no personal data (Awb 9:12a)" },
	{ "purge", NULL, 0, 0, cmd_purge, "purge [--dry-run]",
	    "anonymise closed cases past their retention term" },
	{ "export", NULL, 0, 0, cmd_export, "export --email ADDR --dir DIR",
	    "everything stored about one person (AVG art. 15)" },
};
#define NCOMMANDS (sizeof commands / sizeof commands[0])

static void
usage(FILE *f)
{
	size_t	i;

	fprintf(f, "usage: klachtctl [-c file] [-s dir] [--json] command "
	    "[args]\n\ncommands:\n");
	for (i = 0; i < NCOMMANDS; i++)
		if (commands[i].synopsis != NULL)
			fprintf(f, "  %-41s %s\n", commands[i].synopsis,
			    commands[i].help);
	fprintf(f,
"\n"
"options:\n"
"  -c, --config FILE     configuration file (default %s)\n"
"  -s, --state-dir DIR   state directory\n"
"  -j, --json            machine-readable output\n"
"      --status S        only rows with this status; for list: a case\n"
"                        state in Dutch or English (in behandeling,\n"
"                        in-progress, waiting, ...) or open (not yet\n"
"                        decided or closed)\n"
"  -w, --wide            never cut a column (else a cut value ends in an\n"
"                        ellipsis)\n"
"  -f, --force           confirm a destructive command\n"
CTL_REPORT_USAGE
"  -h, --help            show this help\n"
"  -V, --version         show the version\n"
"\n"
"Exit codes: 0 done, 64 usage, 65 message still not valid, 66 no such\n"
"row, 75 database busy (try again), 78 configuration.\n"
"See klachtctl(8).\n", cfg_default_path());
}

/* The command for args: a row whose sub-command is args[1], else the
 * row without one.  *nsub gets how many words named it. */
static const struct ctl_cmd *
find_command(int argc, char **argv, int *nsub)
{
	size_t	i;

	for (i = 0; argc > 1 && i < NCOMMANDS; i++)
		if (commands[i].sub != NULL &&
		    strcmp(commands[i].name, argv[0]) == 0 &&
		    strcmp(commands[i].sub, argv[1]) == 0) {
			*nsub = 2;
			return &commands[i];
		}
	for (i = 0; i < NCOMMANDS; i++)
		if (commands[i].sub == NULL &&
		    strcmp(commands[i].name, argv[0]) == 0) {
			*nsub = 1;
			return &commands[i];
		}
	return NULL;
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "state-dir", required_argument, NULL, 's' },
		{ "json", no_argument, NULL, 'j' },
		{ "status", required_argument, NULL, 'S' },
		{ "force", no_argument, NULL, 'f' },
		{ "wide", no_argument, NULL, 'w' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		CTL_REPORT_LONGOPTS,
		{ NULL, 0, NULL, 0 }
	};
	const struct ctl_cmd	*cmd;
	struct ctl		 x;
	const char		*path = cfg_default_path(), *state_dir = NULL;
	char			*why = NULL;
	int			 ch, explicit = 0, ex, nsub = 0;
	uid_t			 uid;

	memset(&x, 0, sizeof x);
	/* Options may come anywhere: "list --json", "--json list". */
	while ((ch = getopt_long(argc, argv, "c:s:jfwhV", longopts, NULL)) !=
	    -1) {
		switch (ch) {
		case 'c':
			path = optarg;
			explicit = 1;
			break;
		case 's':
			state_dir = optarg;
			break;
		case 'j':
			x.o.json = 1;
			break;
		case 'S':
			x.o.status = optarg;
			break;
		case 'f':
			x.o.force = 1;
			break;
		case 'w':
			x.o.wide = wide = 1;
			break;
		case 'h':
			usage(stdout);
			return EX_OK;
		case 'V':
			printf("klachtctl %s\n", PACKAGE_VERSION);
			return EX_OK;
		default:
			if (ctl_report_option(&x.o.report, ch, optarg) == 0)
				break;
			usage(stderr);
			return EX_USAGE;
		}
	}
	json = x.o.json;
	argc -= optind;
	argv += optind;
	if (argc < 1) {
		usage(stderr);
		return EX_USAGE;
	}
	if ((cmd = find_command(argc, argv, &nsub)) == NULL ||
	    (argc - nsub != cmd->nargs && !((cmd->flags & CMD_OPTARG) &&
	    argc - nsub == cmd->nargs + 1))) {
		fprintf(stderr, "klachtctl: %s: %s\n", cmd == NULL ?
		    "unknown command" : "wrong number of arguments", argv[0]);
		usage(stderr);
		return EX_USAGE;
	}
	log_init("klachtctl", 0, LOG_LVL_NOTICE);

	if (!explicit && access(path, F_OK) == -1 && errno == ENOENT)
		path = NULL;
	if ((x.k.cfg = cfg_load(path, state_dir, &why)) == NULL) {
		fprintf(stderr, "%s\n", why);
		free(why);
		return EX_CONFIG;
	}
	cfg_apply_timezone(x.k.cfg);
	/* As root on the klachtd user's state: become that user, so no file
	 * there (the database's -wal, -shm) ends up root's (privdrop.h). */
	if (privdrop_state_owner(x.k.cfg->state_dir, x.k.cfg->database, &uid,
	    &why) == -1) {
		fprintf(stderr, "klachtctl: %s\n", why);
		free(why);
		cfg_free(x.k.cfg);
		return EX_NOPERM;
	}
	if (access(x.k.cfg->database, F_OK) == -1) {
		fprintf(stderr, "klachtctl: no database at %s (has klachtd "
		    "run yet?)\n", x.k.cfg->database);
		cfg_free(x.k.cfg);
		return EX_NOINPUT;
	}
	if ((x.k.st = store_open(x.k.cfg->database,
	    (int)x.k.cfg->busy_timeout_ms, &why)) == NULL) {
		fprintf(stderr, "klachtctl: %s\n", why);
		free(why);
		cfg_free(x.k.cfg);
		return EX_TEMPFAIL;
	}
	if (cmd->flags & CMD_MAIL)
		mail_init();
	ex = cmd->fn(&x, argv + nsub);
	klacht_key_drop(&x.k);
	store_close(x.k.st);
	cfg_free(x.k.cfg);
	return ex;
}
