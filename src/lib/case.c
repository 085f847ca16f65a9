/*
 * case.c -- every change of a case, written together with its event.
 *
 * The columns of a case change here and nowhere else; each function
 * writes what it changes and appends the event that records it, inside
 * the caller's transaction (or an officer's savepoint), so a change
 * without its event cannot be committed.  The order of the writes is the
 * order the audit trail shows: where a change is told in two events
 * (#close: "close" then "status"), they are appended in that order.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "case.h"
#include "lang.h"
#include "store_class.h"
#include "util.h"

/* Re-reads c after a change; on failure c is left as it was. */
static enum kres
reread(struct store *st, struct case_row *c, char **cause)
{
	struct case_row	n;
	enum kres	r;

	if ((r = store_case_get(st, c->id, &n, cause)) != KR_OK)
		return r;
	case_row_free(c);
	*c = n;
	return KR_OK;
}

static enum kres
event(struct store *st, int64_t id, const char *actor, const char *kind,
    const char *detail, int64_t now, char **cause)
{
	return store_event_add(st, id, now, actor, kind, detail, cause);
}

/* Appends the event of a change to c (detail is freed), then re-reads
 * c. */
static enum kres
record(struct store *st, struct case_row *c, const char *actor,
    const char *kind, char *detail, int64_t now, char **cause)
{
	enum kres	r;

	r = event(st, c->id, actor, kind, detail, now, cause);
	free(detail);
	if (r != KR_OK)
		return r;
	return reread(st, c, cause);
}

enum kres
case_open(struct store *st, const struct case_new *n, const char *source,
    int64_t now, int64_t *id, char **ref, char **cause)
{
	char		*detail;
	enum kres	 r;

	if ((r = store_case_create(st, n, id, ref, cause)) != KR_OK)
		return r;
	/* A complaint taken by phone or letter may have no email. */
	detail = xasprintf("via %s from %s", source,
	    n->complainant_email && *n->complainant_email ?
	    n->complainant_email : n->complainant_name ?
	    n->complainant_name : "-");
	r = event(st, *id, "system", "received", detail, now, cause);
	free(detail);
	if (r != KR_OK && ref != NULL) {
		free(*ref);
		*ref = NULL;
	}
	return r;
}

/* The status column and its event, without the checks. */
static enum kres
set_status(struct store *st, struct case_row *c, const char *actor,
    enum case_state to, int64_t now, char **cause)
{
	char		*detail;
	enum kres	 r;

	if ((r = store_case_set(st, c->id, "status", case_state_id(to), 0, now,
	    cause)) != KR_OK)
		return r;
	detail = xasprintf("%s -> %s", c->status, case_state_id(to));
	r = event(st, c->id, actor, "status", detail, now, cause);
	free(detail);
	return r;
}

enum kres
case_set_status(struct store *st, struct case_row *c, const char *actor,
    enum case_state to, int64_t now, char **cause)
{
	enum case_state	from = case_state_parse(c->status);
	enum kres	r;

	if (!case_transition_ok(from, to)) {
		set_cause(cause, "case %s: status cannot go from %s to %s",
		    c->ref, c->status, case_state_id(to));
		return KR_INVALID;
	}
	if (to == CS_CLOSED && (r = store_case_set(st, c->id, "closed_at",
	    NULL, now, now, cause)) != KR_OK)
		return r;
	if ((r = set_status(st, c, actor, to, now, cause)) != KR_OK)
		return r;
	return reread(st, c, cause);
}

enum kres
case_assign(struct store *st, struct case_row *c, const char *actor,
    const char *officer_id, int64_t now, char **cause)
{
	enum kres	r;

	if ((r = store_case_set(st, c->id, "assignee", officer_id, 0, now,
	    cause)) != KR_OK)
		return r;
	return record(st, c, actor, "assign", xasprintf("%s -> %s",
	    c->assignee ? c->assignee : "-", officer_id), now, cause);
}

enum kres
case_unassign(struct store *st, struct case_row *c, const char *actor,
    const char *why, int64_t now, char **cause)
{
	enum kres	r;

	if ((r = store_case_set(st, c->id, "assignee", NULL, 0, now,
	    cause)) != KR_OK)
		return r;
	return record(st, c, actor, "unassign", xasprintf("%s -> -: %s",
	    c->assignee ? c->assignee : "-", why), now, cause);
}

enum kres
case_set_category(struct store *st, struct case_row *c, const char *actor,
    const char *cat_id, int confidential, int64_t now, char **cause)
{
	enum kres	r;

	if ((r = store_case_set(st, c->id, "category", cat_id, 0, now,
	    cause)) != KR_OK)
		return r;
	if (confidential && !c->confidential &&
	    (r = store_case_set(st, c->id, "confidential", NULL, 1, now,
	    cause)) != KR_OK)
		return r;
	return record(st, c, actor, "category", xasprintf("%s -> %s%s",
	    c->category ? c->category : "-", cat_id, confidential ?
	    " (confidential)" : ""), now, cause);
}

enum kres
case_set_summary(struct store *st, struct case_row *c, const char *actor,
    const char *text, int64_t now, char **cause)
{
	enum kres	r;

	if ((r = store_case_set(st, c->id, "summary", text, 0, now,
	    cause)) != KR_OK)
		return r;
	return record(st, c, actor, "summary", xstrdup(text), now, cause);
}

enum kres
case_set_class(struct store *st, struct case_row *c, const char *actor,
    const char *what, const char *old, const char *id, int64_t now,
    char **cause)
{
	enum kres	r;

	if (strcmp(what, "department") != 0 && strcmp(what, "cause") != 0) {
		set_cause(cause, "case %s: no classification %s", c->ref,
		    what);
		return KR_INVALID;
	}
	if ((r = store_case_set(st, c->id, what, id, 0, now, cause)) != KR_OK)
		return r;
	return record(st, c, actor, what, xasprintf("%s -> %s",
	    old ? old : "-", id), now, cause);
}

enum kres
case_add_label(struct store *st, struct case_row *c, const char *actor,
    const char *label, int64_t now, int *added, char **cause)
{
	enum kres	r;

	if ((r = store_label_add(st, c->id, label, now, added, cause)) !=
	    KR_OK || !*added)
		return r;
	return record(st, c, actor, "label", xstrdup(label), now, cause);
}

enum kres
case_set_language(struct store *st, struct case_row *c, const char *actor,
    const char *lang, int64_t now, char **cause)
{
	const char	*name = lang_name(lang_parse(lang));
	enum kres	 r;

	if ((r = store_case_set(st, c->id, "language", name, 0, now,
	    cause)) != KR_OK)
		return r;
	return record(st, c, actor, "language", xasprintf("%s -> %s",
	    c->language ? c->language : "nl", name), now, cause);
}

enum kres
case_set_priority(struct store *st, struct case_row *c, const char *actor,
    enum priority p, int64_t now, char **cause)
{
	const char	*id = priority_id(p);
	enum kres	 r;

	if (id == NULL) {
		set_cause(cause, "case %s: no such priority", c->ref);
		return KR_INVALID;
	}
	if ((r = store_case_set(st, c->id, "priority", id, 0, now, cause)) !=
	    KR_OK)
		return r;
	return record(st, c, actor, "priority", xasprintf("%s -> %s",
	    c->priority ? c->priority : "normal", id), now, cause);
}

/*
 * A new due date (and, for an extension, the extended flag), event kind
 * "due <old> -> <new><tail>", dates in lang.
 */
static enum kres
set_due(struct store *st, struct case_row *c, const char *actor,
    const char *kind, int64_t due, int extended, const char *tail,
    const char *lang, int64_t now, char **cause)
{
	char		*olds, *news, *detail;
	enum kres	 r;

	if ((r = store_case_set(st, c->id, "due_at", NULL, due, now,
	    cause)) != KR_OK ||
	    (extended && (r = store_case_set(st, c->id, "extended", NULL, 1,
	    now, cause)) != KR_OK))
		return r;
	olds = cal_format_date(c->due_at, lang);
	news = cal_format_date(due, lang);
	detail = xasprintf("due %s -> %s%s", olds, news, tail);
	free(olds);
	free(news);
	return record(st, c, actor, kind, detail, now, cause);
}

enum kres
case_set_term(struct store *st, struct case_row *c, const char *actor,
    int64_t due, const char *why, const char *lang, int64_t now,
    char **cause)
{
	char		*tail = xasprintf(" (%s)", why);
	enum kres	 r;

	r = set_due(st, c, actor, "term", due, 0, tail, lang, now, cause);
	free(tail);
	return r;
}

enum kres
case_set_received(struct store *st, struct case_row *c, const char *actor,
    int64_t received, int64_t due, const char *lang, int64_t now,
    char **cause)
{
	char		*or, *nr, *od, *nd, *detail;
	enum kres	 r;

	if ((r = store_case_set(st, c->id, "received_at", NULL, received, now,
	    cause)) != KR_OK || (r = store_case_set(st, c->id, "due_at", NULL,
	    due, now, cause)) != KR_OK)
		return r;
	or = cal_format_date(c->received_at, lang);
	nr = cal_format_date(received, lang);
	od = cal_format_date(c->due_at, lang);
	nd = cal_format_date(due, lang);
	detail = xasprintf("received %s -> %s; due %s -> %s", or, nr, od, nd);
	free(or);
	free(nr);
	free(od);
	free(nd);
	return record(st, c, actor, "received-date", detail, now, cause);
}

enum kres
case_extend(struct store *st, struct case_row *c, const char *actor,
    int64_t due, int days, int consent, const char *reason, const char *lang,
    int64_t now, char **cause)
{
	char		*tail;
	enum kres	 r;

	tail = xasprintf(" (+%d days%s): %s", days, consent ?
	    ", with consent" : "", reason);
	r = set_due(st, c, actor, "extend", due, 1, tail, lang, now, cause);
	free(tail);
	return r;
}

enum kres
case_close(struct store *st, struct case_row *c, const char *actor,
    enum judgement j, const char *text, const char *late, int64_t now,
    char **cause)
{
	const char	*id = judgement_id(j);
	char		*detail;
	enum kres	 r;

	if (id == NULL) {
		set_cause(cause, "case %s: no such judgement", c->ref);
		return KR_INVALID;
	}
	if (!case_transition_ok(case_state_parse(c->status), CS_CLOSED)) {
		set_cause(cause, "case %s: status cannot go from %s to closed",
		    c->ref, c->status);
		return KR_INVALID;
	}
	if ((r = store_case_set(st, c->id, "judgement", id, 0, now,
	    cause)) != KR_OK ||
	    (r = store_case_set(st, c->id, "decided_at", NULL, now, now,
	    cause)) != KR_OK ||
	    (r = store_case_set(st, c->id, "closed_at", NULL, now, now,
	    cause)) != KR_OK)
		return r;
	detail = xasprintf("judgement %s: %s", id, text);
	r = event(st, c->id, actor, "close", detail, now, cause);
	free(detail);
	if (r == KR_OK && late != NULL)
		r = event(st, c->id, actor, "late", late, now, cause);
	if (r == KR_OK)
		r = set_status(st, c, actor, CS_CLOSED, now, cause);
	if (r != KR_OK)
		return r;
	return reread(st, c, cause);
}

/* Clears what the decision wrote: the case will be decided anew. */
static enum kres
undecide(struct store *st, const struct case_row *c, int64_t now,
    char **cause)
{
	enum kres	r;

	if ((r = store_case_set(st, c->id, "judgement", NULL, 0, now,
	    cause)) != KR_OK ||
	    (r = store_case_set(st, c->id, "decided_at", NULL, 0, now,
	    cause)) != KR_OK)
		return r;
	return store_case_set(st, c->id, "closed_at", NULL, 0, now, cause);
}

enum kres
case_reopen(struct store *st, struct case_row *c, const char *actor,
    enum case_reopen_by by, const char *text, int64_t now, char **cause)
{
	enum case_state	 from = case_state_parse(c->status);
	char		*detail, *decided;
	enum kres	 r;

	if (from != CS_DECIDED && from != CS_CLOSED) {
		set_cause(cause, "case %s is not closed (it is %s)", c->ref,
		    c->status);
		return KR_INVALID;
	}
	if (by == CASE_REOPEN_OFFICER) {
		if ((r = event(st, c->id, actor, "reopen", text && *text ?
		    text : "-", now, cause)) != KR_OK ||
		    (r = undecide(st, c, now, cause)) != KR_OK ||
		    (r = set_status(st, c, actor, CS_IN_PROGRESS, now,
		    cause)) != KR_OK)
			return r;
		return reread(st, c, cause);
	}
	decided = c->decided_at ? cal_format_iso_date(c->decided_at) :
	    xstrdup("-");
	detail = xasprintf("reopened by complainant reply (%s -> %s; was "
	    "judged %s on %s)", c->status, case_state_id(CS_IN_PROGRESS),
	    c->judgement ? c->judgement : "-", decided);
	free(decided);
	if ((r = store_case_set(st, c->id, "status",
	    case_state_id(CS_IN_PROGRESS), 0, now, cause)) == KR_OK &&
	    (r = undecide(st, c, now, cause)) == KR_OK)
		r = event(st, c->id, actor, "reopened", detail, now, cause);
	free(detail);
	if (r != KR_OK)
		return r;
	return reread(st, c, cause);
}

enum kres
case_link(struct store *st, int64_t nc, const char *nc_ref,
    const struct case_row *old, int64_t now, char **cause)
{
	char		*d;
	enum kres	 r;

	if ((r = store_case_set(st, nc, "linked_case_id", NULL, old->id, now,
	    cause)) != KR_OK)
		return r;
	d = xasprintf("continues %s, closed longer than the reopen window "
	    "ago", old->ref);
	r = event(st, nc, "system", "linked", d, now, cause);
	free(d);
	if (r != KR_OK)
		return r;
	d = xasprintf("the complainant wrote again after the reopen window: "
	    "new case %s", nc_ref);
	r = event(st, old->id, "system", "linked", d, now, cause);
	free(d);
	return r;
}

enum kres
case_add_respondent(struct store *st, const struct case_row *c,
    const char *actor, const char *email, const char *name, int64_t now,
    char **cause)
{
	char		*detail;
	enum kres	 r;

	if ((r = store_respondent_add(st, c->id, email, name, now, cause)) !=
	    KR_OK)
		return r;
	detail = xasprintf("%s%s%s%s", email, name ? " (" : "",
	    name ? name : "", name ? ")" : "");
	r = event(st, c->id, actor, "respondent", detail, now, cause);
	free(detail);
	return r;
}

enum kres
case_hear(struct store *st, const struct case_row *c, const char *actor,
    const char *when, const char *text, int64_t now, char **cause)
{
	char		*detail;
	enum kres	 r;

	detail = xasprintf("%s%s%s", when, text && *text ? ": " : "",
	    text ? text : "");
	r = event(st, c->id, actor, "hearing", detail, now, cause);
	free(detail);
	return r;
}

enum kres
case_hearing_event(struct store *st, const struct case_row *c,
    const char *actor, const char *kind, const char *detail, int64_t now,
    char **cause)
{
	static const char *const kinds[] = { "hearing-invited",
	    "hearing-cancelled", "hearing-report", "hearing-skipped" };
	size_t	i;

	for (i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (strcmp(kind, kinds[i]) == 0)
			return event(st, c->id, actor, kind, detail, now,
			    cause);
	*cause = xasprintf("case_hearing_event: no such kind \"%s\"", kind);
	return KR_INVALID;
}

enum kres
case_consent(struct store *st, const struct case_row *c, const char *actor,
    const char *text, int64_t now, char **cause)
{
	return event(st, c->id, actor, "consent", text && *text ? text :
	    "complainant consented", now, cause);
}
