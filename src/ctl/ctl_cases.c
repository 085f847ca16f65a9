/*
 * ctl_cases.c -- klachtctl's case commands.
 *
 *	klachtctl [--json] list [--status S] [--assignee ID] [--category ID]
 *	    [--search WORDS] [--wide]
 *	klachtctl [--json] show REF
 *	klachtctl address REF 'LINE; LINE' [PHONE]
 *
 * Read-only views of cases (their audit trail, messages and mail), and
 * the complainant's postal address that letters use.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sysexits.h>
#include <time.h>
#include <unistd.h>

#include "calendar.h"
#include "casestate.h"
#include "cfg.h"
#include "json.h"
#include "klacht.h"
#include "intake.h"
#include "log.h"
#include "mail.h"
#include "role.h"
#include "store.h"
#include "store_class.h"
#include "util.h"

#include "ctl.h"

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
	json_kv_str(b, &first, "channel", c->channel ? c->channel : "email");
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

/* "  Awaiting:    approval of the outcome letter ..." when a draft waits
 * (issue 16, four-eyes). */
static enum kres
show_draft(struct ctl *x, const struct case_row *c, char **why)
{
	struct draft_row	d;
	char			*since;
	enum kres		r;

	if ((r = store_draft_get(x->k.st, c->id, &d, why)) != KR_OK ||
	    d.id == 0)
		return r;
	since = cal_format_iso(d.created_at);
	printf("  Awaiting:    approval of the outcome letter (%s) by %s, "
	    "since %s\n", T(d.judgement), T(d.author), since);
	free(since);
	draft_row_free(&d);
	return KR_OK;
}

/* "open" for list --status: every state before the decision. */
static int
state_open(enum case_state s)
{
	return s == CS_NEW || s == CS_ACKNOWLEDGED || s == CS_IN_PROGRESS ||
	    s == CS_WAITING;
}

static int
list_cb(const struct case_row *c, void *arg)
{
	struct ctl_list	*l = arg;
	char		*due, *who, *subj;

	if (l->open && !state_open(case_state_parse(c->status)))
		return 0;
	if (l->status != NULL && strcmp(c->status, l->status) != 0)
		return 0;
	if (l->assignee != NULL && (c->assignee == NULL ||
	    strcmp(c->assignee, l->assignee) != 0))
		return 0;
	if (l->category != NULL && (c->category == NULL ||
	    strcmp(c->category, l->category) != 0))
		return 0;
	if (ctl_json) {
		if (l->n++ > 0)
			buf_addc(&l->b, ',');
		case_json(&l->b, c);
		return 0;
	}
	due = cal_format_iso_date(c->due_at);
	if (l->n++ == 0)
		printf("%-15s %-13s %-10s %-12s %-30s %s\n", "REFERENCE",
		    "STATUS", "DUE", "CHANNEL", "COMPLAINANT", "SUBJECT");
	/* Without email (by phone, by letter): the name. */
	who = ctl_column(T(c->complainant_email && *c->complainant_email ?
	    c->complainant_email : c->complainant_name), 30, 1, l->wide);
	subj = ctl_column(T(c->subject), 60, 0, l->wide);
	printf("%-15s %-13s %-10s %-12s %s %s\n", c->ref, c->status, due,
	    c->channel ? c->channel : "email", who, subj);
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
	for (s = CS_NEW; s < CS_NSTATES; s++) {
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

/* Whether id is a configured officer (officers) or category; else an
 * error naming the known ones.  Cases of an officer or category no
 * longer configured are still listed by the exact id. */
static int
known_id(const struct cfg *cfg, int officers, const char *id)
{
	size_t	i, n = officers ? cfg->nofficers : cfg->ncategories;

	for (i = 0; i < n; i++)
		if (strcmp(officers ? cfg->officers[i].id :
		    cfg->categories[i].id, id) == 0)
			return 1;
	fprintf(stderr, "klachtctl: warning: no %s \"%s\" in the "
	    "configuration (%s:", officers ? "officer" : "category", id,
	    officers ? "officers" : "categories");
	for (i = 0; i < n; i++)
		fprintf(stderr, " %s", officers ? cfg->officers[i].id :
		    cfg->categories[i].id);
	fprintf(stderr, "%s)\n", n == 0 ? " none" : "");
	return 0;
}

int
ctl_cases_list(struct ctl *x, char **argv)
{
	struct ctl_list	 l;
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
		l.status = case_state_id(s);
	}
	l.assignee = x->o.assignee;
	l.category = x->o.category;
	if (l.assignee != NULL)
		(void)known_id(x->k.cfg, 1, l.assignee);
	if (l.category != NULL)
		(void)known_id(x->k.cfg, 0, l.category);
	if (x->o.search != NULL) {
		char *q = store_search_query(x->o.search);

		if (q == NULL)
			return ctl_usage_error("--search \"%s\": give at least "
			    "one word with a letter or digit", x->o.search);
		free(q);
	}
	buf_init(&l.b);
	if (ctl_json)
		buf_addc(&l.b, '[');
	/* The same search as #zoek (store_search.c), newest first; the
	 * other filters apply to what it finds. */
	if (x->o.search != NULL)
		r = store_search_foreach(x->k.st, x->o.search, list_cb, &l,
		    &why);
	else
		r = store_case_foreach(x->k.st, l.status, list_cb, &l, &why);
	if (r != KR_OK) {
		buf_free(&l.b);
		return ctl_fail(r, why);
	}
	if (ctl_json) {
		buf_adds(&l.b, "]\n");
		fputs(l.b.data, stdout);
	} else if (l.n == 0 && (x->o.search != NULL || l.assignee != NULL ||
	    l.category != NULL))
		printf("no cases match\n");
	else if (l.n == 0 && x->o.status != NULL)
		printf("no cases with status %s\n", l.open ? "open" : l.status);
	else if (l.n == 0)
		printf("no cases\n");
	buf_free(&l.b);
	return EX_OK;
}

static int
event_cb(const struct event_row *e, void *arg)
{
	struct buf	*b = arg;
	char		*at = cal_format_iso(e->at);

	if (ctl_json) {
		int first = 1;
		ctl_json_sep(b);
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

/* A link of the case (issue 14): "linked to", "merged into" (this case
 * went into ref) or "merged here" (ref came into this case). */
static int
link_cb(const struct link_row *l, void *arg)
{
	struct buf	*b = arg;
	const char	*what = strcmp(l->kind, "merged") != 0 ? "linked to" :
			    l->outgoing ? "merged into" : "merged here";

	if (ctl_json) {
		int first = 1;
		ctl_json_sep(b);
		buf_addc(b, '{');
		json_kv_str(b, &first, "link", what);
		json_kv_str(b, &first, "ref", l->ref);
		json_kv_str(b, &first, "actor", l->actor);
		buf_addc(b, '}');
	} else
		printf("  Link:        %s %s\n", what, T(l->ref));
	return 0;
}

static int
msg_cb(const struct msg_row *m, void *arg)
{
	struct buf	*b = arg;
	char		*at = cal_format_iso(m->received_at);

	if (ctl_json) {
		int first = 1;
		ctl_json_sep(b);
		buf_addc(b, '{');
		json_kv_str(b, &first, "received", at);
		json_kv_str(b, &first, "kind", m->kind);
		json_kv_str(b, &first, "role", m->role);
		json_kv_str(b, &first, "source", m->source);
		json_kv_str(b, &first, "message_id", m->message_id);
		json_kv_str(b, &first, "from", m->from_addr);
		json_kv_str(b, &first, "subject", m->subject);
		json_kv_int(b, &first, "size", m->size);
		json_kv_str(b, &first, "body", m->body);
		buf_addc(b, '}');
	} else {
		/* No sender address: registered by an officer (#new,
		 * klachtctl new), the source is the channel. */
		printf("  --- %s %s %s%s (%s; %lld bytes)\n  Subject: "
		    "%s\n\n", at, m->kind, m->from_addr ? "from " :
		    "registered, by ", m->from_addr ? T(m->from_addr) :
		    m->source ? T(m->source) : "?", role_label(m->role, "en"),
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

/* The classification (issue 15): in text the lines of what is set, in
 * JSON ,"classification":{"department":..,"cause":..,"labels":[..]}. */
static enum kres
show_class(struct ctl *x, const struct case_row *c, struct buf *b,
    char **why)
{
	struct case_class	cc;
	enum kres		r;
	size_t			i;
	int			first = 1;

	if ((r = store_class_get(x->k.st, c->id, &cc, why)) != KR_OK)
		return r;
	if (ctl_json) {
		buf_adds(b, ",\"classification\":{");
		json_kv_str(b, &first, "department", cc.department);
		json_kv_str(b, &first, "cause", cc.cause);
		buf_adds(b, ",\"labels\":[");
		for (i = 0; i < cc.nlabels; i++) {
			if (i > 0)
				buf_addc(b, ',');
			json_str(b, cc.labels[i]);
		}
		buf_adds(b, "]}");
	} else {
		if (cc.department)
			printf("  Department:  %s\n", T(cc.department));
		if (cc.cause)
			printf("  Cause:       %s\n", T(cc.cause));
		for (i = 0; i < cc.nlabels; i++)
			printf("%s%s", i == 0 ? "  Labels:      " : ", ",
			    T(cc.labels[i]));
		if (cc.nlabels > 0)
			printf("\n");
	}
	case_class_free(&cc);
	return KR_OK;
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

int
ctl_cases_show(struct ctl *x, char **argv)
{
	struct case_row	 c;
	struct buf	 b;
	char		*why = NULL, *rec, *due, *phone = NULL, *postal = NULL;
	const char	*line, *nl;
	enum kres	 r;

	if ((r = store_case_get_ref(x->k.st, argv[0], &c, &why)) != KR_OK)
		return ctl_fail(r, why);
	/* A complaint by phone or letter: how to reach the complainant. */
	if ((r = store_case_postal_get(x->k.st, c.id, &postal, &phone,
	    &why)) != KR_OK) {
		case_row_free(&c);
		return ctl_fail(r, why);
	}
	buf_init(&b);
	if (ctl_json) {
		int first = 1;

		buf_adds(&b, "{\"case\":");
		case_json(&b, &c);
		buf_adds(&b, ",\"contact\":{");
		json_kv_str(&b, &first, "phone", phone);
		json_kv_str(&b, &first, "postal_address", postal);
		buf_adds(&b, "},\"events\":[");
	} else {
		rec = cal_format_iso(c.received_at);
		due = cal_format_iso_date(c.due_at);
		printf("Case %s\n  Status:      %s (%s)\n  Complainant: %s%s%s%s\n"
		    "  Channel:     %s\n"
		    "  Subject:     %s\n  Received:    %s\n  Due:         %s%s\n",
		    c.ref, c.status, case_state_label(case_state_parse(c.status),
		    x->k.cfg->language), T(c.complainant_name),
		    c.complainant_name && *c.complainant_email ? " <" : "",
		    T(c.complainant_email),
		    c.complainant_name && *c.complainant_email ? ">" : "",
		    c.channel ? c.channel : "email", T(c.subject),
		    rec, due, c.extended ? " (extended)" : "");
		free(rec);
		free(due);
		if (phone != NULL)
			printf("  Phone:       %s\n", T(phone));
		for (line = postal; line != NULL; line = nl ? nl + 1 : NULL) {
			char *one;

			nl = strchr(line, '\n');
			one = nl ? xstrndup(line, (size_t)(nl - line)) :
			    xstrdup(line);
			printf("  %-12s %s\n", line == postal ? "Address:" : "",
			    T(one));
			free(one);
		}
		/* Every date the case has: each extension (from its event),
		 * the decision, the closing. */
		if (c.extended && (r = store_event_foreach(x->k.st, c.id,
		    extend_cb, NULL, &why)) != KR_OK) {
			case_row_free(&c);
			buf_free(&b);
			free(phone);
			free(postal);
			return ctl_fail(r, why);
		}
		show_date("Decided:", c.decided_at);
		show_date("Closed:", c.closed_at);
		printf("  Category:    %s\n  Priority:    %s\n  Assignee:    %s\n",
		    c.category ? T(c.category) : "-", c.priority,
		    c.assignee ? T(c.assignee) : "-");
		if (c.judgement)
			printf("  Judgement:   %s\n", T(c.judgement));
		if (c.summary)
			printf("  Summary:     %s\n", T(c.summary));
		if ((r = show_class(x, &c, &b, &why)) != KR_OK ||
		    (r = show_draft(x, &c, &why)) != KR_OK ||
		    (r = store_link_foreach(x->k.st, c.id, link_cb, &b,
		    &why)) != KR_OK) {
			case_row_free(&c);
			buf_free(&b);
			free(phone);
			free(postal);
			return ctl_fail(r, why);
		}
		printf("\nAudit trail:\n");
	}
	r = store_event_foreach(x->k.st, c.id, event_cb, &b, &why);
	if (r == KR_OK) {
		if (ctl_json)
			buf_adds(&b, "],\"messages\":[");
		else
			printf("\nMessages:\n");
		r = store_msg_foreach(x->k.st, c.id, msg_cb, &b, &why);
	}
	if (r == KR_OK) {
		/* Numbered as `klachtctl attachment REF N` takes them. */
		if (ctl_json)
			buf_adds(&b, "],\"attachments\":[");
		else
			printf("Attachments:\n");
		r = store_attachment_case_foreach(x->k.st, c.id, 0,
		    ctl_attachment_row, &b, &why);
		if (r == KR_OK && !ctl_json)
			printf("\n");
	}
	if (r == KR_OK) {
		if (ctl_json)
			buf_adds(&b, "],\"outgoing\":[");
		else
			printf("Outgoing mail:\n");
		r = store_outbox_foreach(x->k.st, NULL, c.id, ctl_outbox_row,
		    &b, &why);
	}
	if (r == KR_OK && ctl_json) {
		buf_adds(&b, "],\"links\":[");
		r = store_link_foreach(x->k.st, c.id, link_cb, &b, &why);
		if (r == KR_OK) {
			buf_addc(&b, ']');
			r = show_class(x, &c, &b, &why);
		}
	}
	case_row_free(&c);
	free(phone);
	free(postal);
	if (r != KR_OK) {
		buf_free(&b);
		return ctl_fail(r, why);
	}
	if (ctl_json) {
		buf_adds(&b, "}\n");
		fputs(b.data, stdout);
	}
	buf_free(&b);
	return EX_OK;
}

/* text's lines, trimmed, without empty ones, joined by LF ("" if none). */
static char *
address_lines(const char *text)
{
	struct buf	 b;
	char		*copy = xstrdup(text), *p = copy, *line;

	buf_init(&b);
	while ((line = strsep(&p, ";\n")) != NULL) {
		str_trim(line);
		if (*line != '\0')
			buf_printf(&b, "%s%s", b.len ? "\n" : "", line);
	}
	free(copy);
	return buf_detach(&b, NULL);
}

/*
 * Records the postal address of case ref's complainant -- text holds
 * its lines, separated by newlines or ';' ("" clears it) -- and, when
 * phone is not NULL, their phone number, with an audit event by actor.
 * Letters use it in the envelope's window; a complainant without email
 * gets letters by post to it.  Returns a sysexits.h code.
 */
static int
ctl_address(struct klacht *k, const char *actor, const char *ref,
    const char *text, const char *phone)
{
	struct case_row	 c;
	char		*lines, *old = NULL, *oldphone = NULL, *why = NULL;
	char		*detail;
	int64_t		 now = (int64_t)time(NULL);
	enum kres	 r;

	lines = address_lines(text);
	memset(&c, 0, sizeof c);
	if ((r = store_begin(k->st, &why)) != KR_OK)
		goto out;
	if ((r = store_case_get_ref(k->st, ref, &c, &why)) != KR_OK ||
	    (r = store_case_postal_get(k->st, c.id, &old, &oldphone, &why)) !=
	    KR_OK)
		goto rollback;
	if ((r = store_case_postal_set(k->st, c.id, *lines ? lines : NULL,
	    phone != NULL ? (*phone ? phone : NULL) : oldphone, now, &why)) !=
	    KR_OK)
		goto rollback;
	detail = xasprintf("postal address %s%s", *lines ? "recorded" :
	    "cleared", phone == NULL ? "" : *phone ? "; phone recorded" :
	    "; phone cleared");
	r = store_event_add(k->st, c.id, now, actor, "address", detail, &why);
	free(detail);
	if (r != KR_OK)
		goto rollback;
	if ((r = store_commit(k->st, &why)) != KR_OK)
		goto out;
	log_audit("%s: case=%s postal address %s", actor, c.ref, *lines ?
	    "recorded" : "cleared");
	printf("%s: postal address %s\n", c.ref, *lines ? "recorded" :
	    "cleared");
	goto out;
rollback:
	store_rollback(k->st);
out:
	free(lines);
	free(old);
	free(oldphone);
	case_row_free(&c);
	if (r == KR_OK)
		return EX_OK;
	fprintf(stderr, "klachtctl: %s\n", why ? why : kres_name(r));
	free(why);
	return r == KR_INVALID ? EX_NOINPUT : r == KR_TEMP ? EX_TEMPFAIL :
	    EX_SOFTWARE;
}

int
ctl_cases_address(struct ctl *x, char **argv)
{
	char	*who = ctl_actor();
	int	 ex = ctl_address(&x->k, who, argv[0], argv[1], argv[2]);

	free(who);
	return ex;
}
