/*
 * store_case.c -- the cases table: reference numbers, reading and
 * listing cases, the sender key that flood control counts, the threading
 * lookups (which case a Message-ID belongs to, what a letter replies to)
 * and the persons complained about (the respondents table, Awb 9:9).
 * The writers (store_case_create, store_case_set) have one caller,
 * case.c, which writes each change together with its event.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casestate.h"
#include "store_int.h"
#include "util.h"

#define CASE_COLS STORE_CASE_COLS ", (SELECT m.message_id FROM messages m " \
	"WHERE m.case_id = c.id ORDER BY m.id LIMIT 1)"

void
store_case_fill(sqlite3_stmt *s, struct case_row *c)
{
	memset(c, 0, sizeof *c);
	c->id = sqlite3_column_int64(s, 0);
	c->ref = store_col_strdup(s, 1);
	c->status = store_col_strdup(s, 2);
	c->category = store_col_strdup(s, 3);
	c->priority = store_col_strdup(s, 4);
	c->assignee = store_col_strdup(s, 5);
	c->confidential = sqlite3_column_int(s, 6);
	c->complainant_email = store_col_strdup(s, 7);
	c->complainant_name = store_col_strdup(s, 8);
	c->subject = store_col_strdup(s, 9);
	c->language = store_col_strdup(s, 10);
	c->received_at = sqlite3_column_int64(s, 11);
	c->due_at = sqlite3_column_int64(s, 12);
	c->extended = sqlite3_column_int(s, 13);
	c->judgement = store_col_strdup(s, 14);
	c->decided_at = sqlite3_column_int64(s, 15);
	c->closed_at = sqlite3_column_int64(s, 16);
	c->linked_case_id = sqlite3_column_int64(s, 17);
	c->updated_at = sqlite3_column_int64(s, 18);
	c->channel = store_col_strdup(s, 19);
	c->summary = store_col_strdup(s, 20);
	if (sqlite3_column_count(s) > 21)
		c->first_msgid = store_col_strdup(s, 21);
}

void
case_row_free(struct case_row *c)
{
	free(c->ref);
	free(c->status);
	free(c->category);
	free(c->priority);
	free(c->assignee);
	free(c->complainant_email);
	free(c->complainant_name);
	free(c->subject);
	free(c->language);
	free(c->judgement);
	free(c->first_msgid);
	free(c->channel);
	free(c->summary);
	memset(c, 0, sizeof *c);
}

enum kres
store_case_create(struct store *st, const struct case_new *n, int64_t *id,
    char **ref, char **cause)
{
	int64_t		 seq;
	enum kres	 r;
	char		*buf;

	/* The sequence row is read and bumped inside the caller's write
	 * transaction, so two processes can never hand out one number.
	 * The upsert always returns its one row. */
	if ((r = store_get_int64(st, "allocate reference", &seq, cause,
	    "INSERT INTO refseq (year, last) VALUES (?1, 1) "
	    "ON CONFLICT(year) DO UPDATE SET last = last + 1 "
	    "RETURNING last", "i", (int64_t)n->year)) != KR_OK)
		return r;
	buf = caseref_format(n->prefix, n->year, (long long)seq);
	r = store_run(st, "insert case", cause, "INSERT INTO cases (ref, "
	    "year, seq, status, category, complainant_email, "
	    "complainant_name, subject, language, received_at, due_at, "
	    "confidential, linked_case_id, created_at, updated_at, channel) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, "
	    "?10, ?10, coalesce(?14, 'email'))", "tiittttttiiirt", buf,
	    (int64_t)n->year, seq, n->status, n->category,
	    n->complainant_email, n->complainant_name, n->subject,
	    n->language, n->received_at, n->due_at, (int64_t)n->confidential,
	    n->linked_case_id, n->channel);
	if (r == KR_OK) {
		*id = sqlite3_last_insert_rowid(st->db);
		if (ref != NULL) {
			*ref = buf;
			buf = NULL;
		}
	}
	free(buf);
	return r;
}

/* A store_rows() row function: fills the struct case_row arg from the
 * one row a lookup wants (and stops there); its id tells it was found. */
static int
case_one(sqlite3_stmt *s, void *arg)
{
	store_case_fill(s, arg);
	return 1;
}

static enum kres
case_get(struct store *st, const char *where, int64_t id, const char *ref,
    struct case_row *c, char **cause)
{
	char		*sql;
	enum kres	 r;

	memset(c, 0, sizeof *c);
	sql = xasprintf("SELECT " CASE_COLS " FROM cases c WHERE %s", where);
	if (ref != NULL)
		r = store_rows(st, "read case", cause, case_one, c, sql, "t",
		    ref);
	else
		r = store_rows(st, "read case", cause, case_one, c, sql, "i",
		    id);
	free(sql);
	if (r != KR_OK || c->id != 0)
		return r;
	if (ref != NULL)
		set_cause(cause, "no case %s", ref);
	else
		set_cause(cause, "no case with id %lld", (long long)id);
	return KR_INVALID;
}

enum kres
store_case_get(struct store *st, int64_t id, struct case_row *c, char **cause)
{
	return case_get(st, "c.id = ?1", id, NULL, c, cause);
}

enum kres
store_case_get_ref(struct store *st, const char *ref, struct case_row *c,
    char **cause)
{
	return case_get(st, "c.ref = ?1 COLLATE NOCASE", 0, ref, c, cause);
}

enum kres
store_case_set(struct store *st, int64_t id, const char *column,
    const char *text, int64_t num, int64_t now, char **cause)
{
	/* Column names cannot be bound: only these may be set. */
	static const char *text_cols[] = { "status", "category", "priority",
	    "assignee", "judgement", "language", "complainant_name",
	    "complainant_email", "channel", "summary", "department",
	    "cause", "forwarded_kind", NULL };
	static const char *num_cols[] = { "due_at", "received_at",
	    "extended", "decided_at",
	    "closed_at", "confidential", "linked_case_id", NULL };
	const char	**p;
	int		 is_text = -1;
	char		*sql;
	enum kres	 r;

	for (p = text_cols; *p != NULL; p++)
		if (strcmp(*p, column) == 0)
			is_text = 1;
	for (p = num_cols; *p != NULL; p++)
		if (strcmp(*p, column) == 0)
			is_text = 0;
	if (is_text == -1) {
		set_cause(cause, "case column %s cannot be set", column);
		return KR_INVALID;
	}
	sql = xasprintf("UPDATE cases SET %s = ?1, updated_at = ?2 "
	    "WHERE id = ?3", column);
	if (is_text)
		r = store_run(st, "update case", cause, sql, "tii", text, now,
		    id);
	else	/* 0 clears a date or the linked case; the flags keep it. */
		r = store_run(st, "update case", cause, sql,
		    strcmp(column, "extended") == 0 ||
		    strcmp(column, "confidential") == 0 ? "iii" : "rii", num,
		    now, id);
	free(sql);
	return r;
}

int
store_case_each(sqlite3_stmt *s, void *arg)
{
	struct store_case_cb	*c = arg;
	struct case_row		 row;
	int			 stop;

	store_case_fill(s, &row);
	stop = c->cb(&row, c->arg);
	case_row_free(&row);
	return stop;
}

enum kres
store_case_foreach(struct store *st, const char *status,
    int (*cb)(const struct case_row *, void *), void *arg, char **cause)
{
	struct store_case_cb	c = { cb, arg };

	return store_rows(st, "list cases", cause, store_case_each, &c,
	    "SELECT " CASE_COLS " FROM cases c WHERE ?1 IS NULL OR "
	    "c.status = ?1 ORDER BY c.id DESC", "t", status);
}

enum kres
store_open_cases_of(struct store *st, const char *email,
    const char *sender_key, int64_t except,
    int (*cb)(const struct case_row *, void *), void *arg, char **cause)
{
	struct store_case_cb	c = { cb, arg };

	return store_rows(st, "open cases of a complainant", cause,
	    store_case_each, &c, "SELECT " CASE_COLS " FROM cases c WHERE "
	    "(c.complainant_email = ?1 COLLATE NOCASE OR c.sender_key = ?3) "
	    "AND c.id <> ?2 AND "
	    "c.status IN ('new', 'acknowledged', 'in_progress', 'waiting') "
	    "ORDER BY c.id DESC", "tit", email, except, sender_key);
}

enum kres
store_case_sender_set(struct store *st, int64_t case_id, const char *key,
    char **cause)
{
	return store_run(st, "set sender key", cause, "UPDATE cases SET "
	    "sender_key = ?2 WHERE id = ?1", "it", case_id, key);
}

enum kres
store_sender_cases(struct store *st, const char *key, int64_t since,
    int *count, char **cause)
{
	int64_t		n = 0;
	enum kres	r;

	r = store_get_int64(st, "count cases of a sender", &n, cause,
	    "SELECT count(*) FROM cases WHERE sender_key = ?1 AND "
	    "received_at >= ?2", "ti", key, since);
	*count = (int)n;
	return r;
}

static enum kres
case_by(struct store *st, const char *sql, const char *msgid,
    int64_t *case_id, char **cause)
{
	return store_get_int64(st, "look up thread", case_id, cause, sql, "t",
	    msgid);
}

enum kres
store_case_by_outgoing_msgid(struct store *st, const char *msgid,
    int64_t *case_id, char **cause)
{
	return case_by(st, "SELECT case_id FROM outbox WHERE message_id = ?1 "
	    "AND case_id IS NOT NULL", msgid, case_id, cause);
}

enum kres
store_case_by_incoming_msgid(struct store *st, const char *msgid,
    int64_t *case_id, char **cause)
{
	return case_by(st, "SELECT case_id FROM messages WHERE message_id = ?1 "
	    "AND case_id IS NOT NULL ORDER BY id LIMIT 1", msgid, case_id,
	    cause);
}

/* Whether msgid is ours (our outbox on this case) or one of the case's
 * own messages from its complainant. */
static int
thread_id_ok(struct store *st, int64_t case_id, const char *msgid)
{
	int64_t	n = 0;

	if (store_get_int64(st, "check a threading id", &n, NULL,
	    "SELECT (SELECT count(*) FROM outbox WHERE case_id = ?1 AND "
	    "message_id = ?2) + (SELECT count(*) FROM messages m JOIN cases c "
	    "ON c.id = m.case_id WHERE m.case_id = ?1 AND m.message_id = ?2 "
	    "AND lower(m.from_addr) = lower(c.complainant_email))", "it",
	    case_id, msgid) != KR_OK)
		return 0;
	return n > 0;
}

/*
 * The References we may repeat from the parent's: only ids that are ours
 * or the complainant's own on this case (issue 18 F14), in order, each
 * once, at most STORE_THREAD_REFS of them (the first and the latest, as
 * RFC 5322 3.6.4 suggests when trimming).  NULL when none is left.
 */
#define STORE_THREAD_REFS	10
#define STORE_THREAD_ID_MAX	250

static char *
thread_refs(struct store *st, int64_t case_id, const char *raw)
{
	char		*ids[STORE_THREAD_REFS], *id;
	const char	*p = raw, *lt, *gt;
	struct buf	 b;
	size_t		 n = 0, i, seen = 0;

	if (raw == NULL)
		return NULL;
	while ((lt = strchr(p, '<')) != NULL &&
	    (gt = strchr(lt + 1, '>')) != NULL && seen++ < 200) {
		p = gt + 1;
		if (gt - lt - 1 < 3 || gt - lt - 1 > STORE_THREAD_ID_MAX)
			continue;
		id = xstrndup(lt + 1, (size_t)(gt - lt - 1));
		for (i = 0; i < n && strcmp(ids[i], id) != 0; i++)
			;
		if (i < n || strchr(id, '@') == NULL ||
		    strpbrk(id, " \t\r\n<") != NULL ||
		    !thread_id_ok(st, case_id, id)) {
			free(id);
			continue;
		}
		if (n == STORE_THREAD_REFS) {
			/* Keep the first; drop the oldest after it. */
			free(ids[1]);
			memmove(ids + 1, ids + 2, (n - 2) * sizeof *ids);
			n--;
		}
		ids[n++] = id;
	}
	if (n == 0)
		return NULL;
	buf_init(&b);
	for (i = 0; i < n; i++) {
		buf_printf(&b, "%s<%s>", i ? " " : "", ids[i]);
		free(ids[i]);
	}
	return buf_detach(&b, NULL);
}

/* Where a one-row lookup puts its two text columns; found says it had
 * its row (either column may be NULL). */
struct two_text {
	char	*a, *b;
	int	 found;
};

/* A store_rows() row function for a struct two_text: the first row's
 * columns 0 and 1 (when the query has it), then stop. */
static int
two_text_one(sqlite3_stmt *s, void *arg)
{
	struct two_text	*t = arg;

	t->a = store_col_strdup(s, 0);
	if (sqlite3_column_count(s) > 1)
		t->b = store_col_strdup(s, 1);
	t->found = 1;
	return 1;
}

enum kres
store_case_thread_parent(struct store *st, int64_t case_id, char **msgid,
    char **refs, char **cause)
{
	struct two_text	t = { NULL, NULL, 0 };
	enum kres	r;

	*msgid = *refs = NULL;
	/* The complainant's own latest message: never a stranger's who
	 * wrote into the thread (a respondent, a Cc, a forger). */
	if ((r = store_rows(st, "find thread parent", cause, two_text_one, &t,
	    "SELECT m.message_id, m.refs FROM messages m "
	    "JOIN cases c ON c.id = m.case_id WHERE m.case_id = ?1 AND "
	    "m.kind IN ('complaint', 'reply', 'after-decision') AND "
	    "m.message_id IS NOT NULL "
	    "AND lower(m.from_addr) = lower(c.complainant_email) "
	    "ORDER BY m.id DESC LIMIT 1", "i", case_id)) != KR_OK)
		return r;
	if (t.found) {
		*msgid = t.a;
		*refs = thread_refs(st, case_id, t.b);
		free(t.b);
		return KR_OK;
	}
	if ((r = store_rows(st, "find acknowledgement", cause, two_text_one,
	    &t, "SELECT message_id FROM outbox WHERE case_id = ?1 "
	    "AND kind = 'ack' ORDER BY id DESC LIMIT 1", "i", case_id)) != KR_OK)
		return r;
	*msgid = t.a;
	return KR_OK;
}

/* Where store_case_first_msg() reads its row into. */
struct first_msg {
	int64_t	 id;
	char	*body;
};

static int
first_msg_one(sqlite3_stmt *s, void *arg)
{
	struct first_msg	*f = arg;

	f->id = sqlite3_column_int64(s, 0);
	f->body = store_col_strdup(s, 1);
	return 1;
}

enum kres
store_case_first_msg(struct store *st, int64_t case_id, int64_t *msg_id,
    char **body, char **cause)
{
	struct first_msg	f = { 0, NULL };
	enum kres		r;

	r = store_rows(st, "read first message", cause, first_msg_one, &f,
	    "SELECT id, body FROM messages WHERE case_id = ?1 "
	    "ORDER BY id LIMIT 1", "i", case_id);
	*msg_id = f.id;
	*body = f.body;
	return r;
}

enum kres
store_respondent_add(struct store *st, int64_t case_id, const char *email,
    const char *name, int64_t now, char **cause)
{
	return store_run(st, "add respondent", cause, "INSERT INTO respondents "
	    "(case_id, email, name, added_at) VALUES (?1, ?2, ?3, ?4)", "itti",
	    case_id, email, name, now);
}

/* The callback of store_respondent_foreach() and its argument. */
struct respondent_cb {
	int	(*cb)(const char *, const char *, void *);
	void	*arg;
};

static int
respondent_each(sqlite3_stmt *s, void *arg)
{
	struct respondent_cb	*c = arg;

	return c->cb(store_col_text(s, 0), store_col_text(s, 1), c->arg);
}

enum kres
store_respondent_foreach(struct store *st, int64_t case_id,
    int (*cb)(const char *, const char *, void *), void *arg, char **cause)
{
	struct respondent_cb	c = { cb, arg };

	return store_rows(st, "list respondents", cause, respondent_each, &c,
	    "SELECT email, name FROM respondents WHERE case_id = ?1 "
	    "ORDER BY id", "i", case_id);
}

/* Sets *(int *)p on the first row. */
static int
found_row(sqlite3_stmt *s, void *p)
{
	(void)s;
	*(int *)p = 1;
	return 1;
}

enum kres
store_respondent_has(struct store *st, int64_t case_id, const char *email,
    int *found, char **cause)
{
	*found = 0;
	return store_rows(st, "look up respondent", cause, found_row, found,
	    "SELECT 1 FROM respondents WHERE case_id = ?1 AND email = ?2 "
	    "COLLATE NOCASE", "it", case_id, email);
}

enum kres
store_case_address_has(struct store *st, int64_t case_id, const char *email,
    int *found, char **cause)
{
	*found = 0;
	return store_rows(st, "look up complainant address", cause,
	    found_row, found, "SELECT 1 FROM case_addresses WHERE case_id = ?1 "
	    "AND email = ?2 COLLATE NOCASE", "it", case_id, email);
}
