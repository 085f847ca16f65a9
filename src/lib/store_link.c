/*
 * store_link.c -- the corrections of a case record in the database
 * (issue 14): links between cases, the move of one case's messages,
 * files, respondents and history into another (#merge), and the mail not
 * yet sent to a complainant address that turned out to be wrong.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "store_int.h"
#include "util.h"

enum kres
store_link_add(struct store *st, int64_t a, int64_t b, const char *kind,
    const char *actor, int64_t now, char **cause)
{
	int64_t		n;
	enum kres	r;

	if ((r = store_get_int64(st, "look up case link", &n, cause,
	    "SELECT count(*) FROM case_links WHERE kind = ?3 AND "
	    "((a = ?1 AND b = ?2) OR (?3 = 'link' AND a = ?2 AND b = ?1))",
	    "iit", a, b, kind)) != KR_OK)
		return r;
	if (n > 0)
		return KR_DUP;
	return store_run(st, "insert case link", cause, "INSERT INTO "
	    "case_links (a, b, kind, actor, created_at) VALUES "
	    "(?1, ?2, ?3, ?4, ?5)", "iitti", a, b, kind, actor, now);
}

struct link_each {
	int	(*cb)(const struct link_row *, void *);
	void	*arg;
};

static int
link_each(sqlite3_stmt *s, void *p)
{
	struct link_each	*c = p;
	struct link_row		 l;

	l.kind = store_col_text(s, 0);
	l.outgoing = sqlite3_column_int(s, 1);
	l.ref = store_col_text(s, 2);
	l.actor = store_col_text(s, 3);
	l.at = sqlite3_column_int64(s, 4);
	return c->cb(&l, c->arg);
}

enum kres
store_link_foreach(struct store *st, int64_t case_id,
    int (*cb)(const struct link_row *, void *), void *arg, char **cause)
{
	struct link_each	c = { cb, arg };

	return store_rows(st, "read case links", cause, link_each, &c,
	    "SELECT l.kind, l.a = ?1, o.ref, l.actor, l.created_at "
	    "FROM case_links l JOIN cases o ON o.id = "
	    "CASE WHEN l.a = ?1 THEN l.b ELSE l.a END "
	    "WHERE l.a = ?1 OR l.b = ?1 ORDER BY l.created_at, l.rowid", "i",
	    case_id);
}

enum kres
store_case_move(struct store *st, int64_t from, const char *from_ref,
    int64_t to, int64_t *nmsgs, int64_t *natts, int64_t *nevents,
    char **cause)
{
	enum kres	r;

	if ((r = store_run(st, "move messages", cause, "UPDATE messages SET "
	    "case_id = ?2 WHERE case_id = ?1", "ii", from, to)) != KR_OK)
		return r;
	*nmsgs = sqlite3_changes(st->db);
	if ((r = store_run(st, "move attachments", cause, "UPDATE attachments "
	    "SET case_id = ?2 WHERE case_id = ?1", "ii", from, to)) != KR_OK)
		return r;
	*natts = sqlite3_changes(st->db);
	if ((r = store_run(st, "move events", cause, "UPDATE events SET "
	    "case_id = ?2, detail = '[' || ?3 || '] ' || coalesce(detail, '') "
	    "WHERE case_id = ?1", "iit", from, to, from_ref)) != KR_OK)
		return r;
	*nevents = sqlite3_changes(st->db);
	if ((r = store_run(st, "copy respondents", cause, "INSERT OR IGNORE "
	    "INTO respondents (case_id, email, name, added_at) SELECT ?2, "
	    "email, name, added_at FROM respondents WHERE case_id = ?1", "ii",
	    from, to)) != KR_OK)
		return r;
	return store_run(st, "move respondents", cause, "DELETE FROM "
	    "respondents WHERE case_id = ?1", "i", from);
}

enum kres
store_outbox_drop_to(struct store *st, int64_t case_id, const char *rcpt,
    int64_t *n, char **cause)
{
	enum kres	r;

	r = store_run(st, "drop mail to a wrong address", cause, "UPDATE "
	    "outbox SET status = 'dropped' WHERE case_id = ?1 AND rcpt = ?2 "
	    "COLLATE NOCASE AND status IN ('queued', 'failed')", "it",
	    case_id, rcpt);
	*n = r == KR_OK ? sqlite3_changes(st->db) : 0;
	return r;
}

enum kres
store_outbox_has(struct store *st, int64_t case_id, const char *rcpt,
    const char *kind, int *has, char **cause)
{
	int64_t		n = 0;
	enum kres	r;

	r = store_get_int64(st, "look up outgoing mail", &n, cause,
	    "SELECT count(*) FROM outbox WHERE case_id = ?1 AND rcpt = ?2 "
	    "COLLATE NOCASE AND kind = ?3 AND status <> 'dropped'", "itt",
	    case_id, rcpt, kind);
	*has = n > 0;
	return r;
}

enum kres
store_link_merged_into(struct store *st, int64_t case_id, int64_t *into,
    char **cause)
{
	return store_get_int64(st, "look up merged case", into, cause,
	    "SELECT b FROM case_links WHERE a = ?1 AND kind = 'merged' "
	    "ORDER BY rowid DESC LIMIT 1", "i", case_id);
}
