/*
 * case_correct.c -- the corrections of a case record (issue 14): the
 * right complainant, links between cases, a merge into another case and
 * the administrative close of what is no complaint.  Part of the case
 * module (case.h): each writes its columns and its events in the
 * caller's transaction.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "case.h"
#include "util.h"

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

enum kres
case_set_complainant(struct store *st, struct case_row *c,
    const char *actor, const char *email, const char *name, int64_t now,
    char **cause)
{
	char		*d;
	enum kres	 r;

	if (c->complainant_email != NULL &&
	    strcasecmp(c->complainant_email, email) == 0 &&
	    (name == NULL || (c->complainant_name != NULL &&
	    strcmp(c->complainant_name, name) == 0))) {
		*cause = xasprintf("%s is the complainant already", email);
		return KR_INVALID;
	}
	if ((r = store_case_set(st, c->id, "complainant_email", email, 0, now,
	    cause)) != KR_OK || (r = store_case_set(st, c->id,
	    "complainant_name", name, 0, now, cause)) != KR_OK)
		return r;
	d = xasprintf("%s -> %s%s%s%s", c->complainant_email &&
	    *c->complainant_email ? c->complainant_email : "-", email,
	    name ? " (" : "", name ? name : "", name ? ")" : "");
	r = store_event_add(st, c->id, now, actor, "complainant", d, cause);
	free(d);
	if (r != KR_OK)
		return r;
	return reread(st, c, cause);
}

enum kres
case_link_both(struct store *st, const struct case_row *c,
    const struct case_row *other, const char *actor, int64_t now,
    char **cause)
{
	char		*d;
	enum kres	 r;

	if ((r = store_link_add(st, c->id, other->id, "link", actor, now,
	    cause)) != KR_OK)
		return r;
	d = xasprintf("linked to %s", other->ref);
	r = store_event_add(st, c->id, now, actor, "linked", d, cause);
	free(d);
	if (r != KR_OK)
		return r;
	d = xasprintf("linked to %s", c->ref);
	r = store_event_add(st, other->id, now, actor, "linked", d, cause);
	free(d);
	return r;
}

/* The move to an administrative end, which closes the case. */
static enum kres
end_case(struct store *st, struct case_row *c, const char *actor,
    enum case_state to, int64_t now, char **cause)
{
	enum kres	r;

	if ((r = case_set_status(st, c, actor, to, now, cause)) != KR_OK)
		return r;
	if ((r = store_case_set(st, c->id, "closed_at", NULL, now, now,
	    cause)) != KR_OK)
		return r;
	return reread(st, c, cause);
}

enum kres
case_merge(struct store *st, struct case_row *c, const struct case_row *into,
    const char *actor, const char *text, int64_t now, char **cause)
{
	int64_t		 nm = 0, na = 0, ne = 0;
	char		*d;
	enum kres	 r;

	if (!case_transition_ok(case_state_parse(c->status), CS_MERGED)) {
		*cause = xasprintf("case %s is %s: it cannot be merged", c->ref,
		    c->status);
		return KR_INVALID;
	}
	if ((r = store_case_move(st, c->id, c->ref, into->id, &nm, &na, &ne,
	    cause)) != KR_OK)
		return r;
	if ((r = store_link_add(st, c->id, into->id, "merged", actor, now,
	    cause)) != KR_OK && r != KR_DUP)
		return r;
	d = xasprintf("%s merged into this case: %lld messages, %lld files, "
	    "%lld events moved here%s%s", c->ref, (long long)nm,
	    (long long)na, (long long)ne, text && *text ? ": " : "",
	    text ? text : "");
	r = store_event_add(st, into->id, now, actor, "merged-in", d, cause);
	free(d);
	if (r != KR_OK)
		return r;
	d = xasprintf("merged into %s (%lld messages, %lld files, %lld "
	    "events moved there)%s%s", into->ref, (long long)nm,
	    (long long)na, (long long)ne, text && *text ? ": " : "",
	    text ? text : "");
	r = store_event_add(st, c->id, now, actor, "merged", d, cause);
	free(d);
	if (r != KR_OK)
		return r;
	return end_case(st, c, actor, CS_MERGED, now, cause);
}

enum kres
case_void(struct store *st, struct case_row *c, const char *actor,
    const char *reason, const char *text, int64_t now, char **cause)
{
	char		*d;
	enum kres	 r;

	if (!case_transition_ok(case_state_parse(c->status), CS_VOID)) {
		*cause = xasprintf("case %s is %s: it cannot be made void",
		    c->ref, c->status);
		return KR_INVALID;
	}
	d = xasprintf("%s: %s", reason, text);
	r = store_event_add(st, c->id, now, actor, "void", d, cause);
	free(d);
	if (r != KR_OK)
		return r;
	return end_case(st, c, actor, CS_VOID, now, cause);
}

enum kres
case_forward(struct store *st, struct case_row *c, const char *actor,
    const char *kind, const char *mailbox, const char *text, int64_t now,
    char **cause)
{
	char		*d;
	enum kres	 r;

	if (!case_transition_ok(case_state_parse(c->status), CS_FORWARDED)) {
		*cause = xasprintf("case %s is %s: it cannot be forwarded",
		    c->ref, c->status);
		return KR_INVALID;
	}
	if ((r = store_case_set(st, c->id, "forwarded_kind", kind, 0, now,
	    cause)) != KR_OK)
		return r;
	d = xasprintf("%s to %s: %s", kind, mailbox, text ? text : "");
	r = store_event_add(st, c->id, now, actor, "forwarded", d, cause);
	free(d);
	if (r != KR_OK)
		return r;
	return end_case(st, c, actor, CS_FORWARDED, now, cause);
}

enum kres
case_follow_merged(struct store *st, int64_t *case_id, char **cause)
{
	int64_t		into;
	int		i;
	enum kres	r;

	for (i = 0; i < 16 && *case_id != 0; i++) {
		if ((r = store_link_merged_into(st, *case_id, &into, cause)) !=
		    KR_OK)
			return r;
		if (into == 0)
			break;
		*case_id = into;
	}
	return KR_OK;
}
