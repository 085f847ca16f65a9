/*
 * store_contact.c -- the contact log of a case (#contact, issue 13).
 *
 * A contact moment is an event of kind "contact" whose detail is
 * "<kind>" or "<kind>: <text>" (kind phone, meeting, letter or mail), so
 * it is part of the case's audit trail like every other change, and the
 * purge blanks its text as it does every event's (store_purge.c) while
 * the moment itself -- what the first-contact term and the reports
 * need -- stays.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "store_int.h"
#include "util.h"

enum kres
store_contact_add(struct store *st, int64_t case_id, int64_t at,
    const char *actor, const char *kind, const char *text, char **cause)
{
	char		*detail;
	enum kres	 r;

	detail = text != NULL && *text != '\0' ? xasprintf("%s: %s", kind,
	    text) : xstrdup(kind);
	r = store_event_add(st, case_id, at, actor, "contact", detail, cause);
	free(detail);
	return r;
}

struct contact_each {
	int	(*cb)(const struct contact_row *, void *);
	void	*arg;
};

static int
contact_each(sqlite3_stmt *s, void *p)
{
	struct contact_each	*c = p;
	struct contact_row	 row;
	const char		*d = store_col_text(s, 2), *colon;
	char			*kind;
	int			 rc;

	row.at = sqlite3_column_int64(s, 0);
	row.actor = store_col_text(s, 1);
	/* A purged detail is NULL: the moment without kind or text. */
	if (d == NULL) {
		row.kind = "";
		row.text = "";
		return c->cb(&row, c->arg);
	}
	colon = strstr(d, ": ");
	kind = colon ? xstrndup(d, (size_t)(colon - d)) : xstrdup(d);
	row.kind = kind;
	row.text = colon ? colon + 2 : "";
	rc = c->cb(&row, c->arg);
	free(kind);
	return rc;
}

enum kres
store_contact_foreach(struct store *st, int64_t case_id,
    int (*cb)(const struct contact_row *, void *), void *arg, char **cause)
{
	struct contact_each	c = { cb, arg };

	return store_rows(st, "list contacts", cause, contact_each, &c,
	    "SELECT at, actor, detail FROM events WHERE case_id = ?1 AND "
	    "kind = 'contact' ORDER BY at, id", "i", case_id);
}

enum kres
store_contact_first(struct store *st, int64_t case_id, int64_t *at,
    char **cause)
{
	return store_get_int64(st, "first contact", at, cause,
	    "SELECT coalesce(min(at), 0) FROM events WHERE case_id = ?1 AND "
	    "kind = 'contact'", "i", case_id);
}
