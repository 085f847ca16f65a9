/*
 * store_stmt.c -- the store's prepared-statement cache.  Every statement
 * of the store goes through store.c's helpers, which used to prepare,
 * run and finalize it on every call: preparing (SQLite's parser and code
 * generator) was 43% of all the instructions of an IMAP intake pass
 * (bench/README, "IMAP intake").  Here a statement is prepared once per
 * connection and kept, reset and its bindings cleared after each use.
 *
 * Keyed by the SQL text (hashed and compared in full, never by pointer:
 * a statement text built at run time and freed may be followed by another
 * at the same address).  A statement still in use when its text is asked
 * for again (a store_rows() row function running the same query) gets a
 * fresh, uncached one.  Only SELECT, INSERT, UPDATE, DELETE, REPLACE and
 * WITH statements are kept: a PRAGMA computes its answer when it is
 * prepared, so a kept one would answer stale.  Bounded: past STMT_MAX
 * texts, statements are prepared and finalized as before.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "store_int.h"
#include "util.h"

#define STMT_SLOTS	256		/* a power of two */
#define STMT_MAX	192		/* at most 3/4 full */

struct store_stmt_slot {
	sqlite3_stmt	*s;		/* NULL: empty */
	uint32_t	 hash;
	int		 busy;		/* handed out, not yet put back */
};

struct store_stmts {
	struct store_stmt_slot	 slot[STMT_SLOTS];
	size_t			 n;
};

/* FNV-1a over the text. */
static uint32_t
stmt_hash(const char *sql)
{
	uint32_t	h = 2166136261u;

	while (*sql != '\0')
		h = (h ^ (unsigned char)*sql++) * 16777619u;
	return h;
}

/* Whether a statement of this text may be kept (see the top comment). */
static int
stmt_keepable(const char *sql)
{
	static const char *const verbs[] = { "SELECT", "INSERT", "UPDATE",
	    "DELETE", "REPLACE", "WITH" };
	size_t	i, n;

	sql += strspn(sql, " \t\r\n");
	for (i = 0; i < sizeof verbs / sizeof verbs[0]; i++) {
		n = strlen(verbs[i]);
		if (strncasecmp(sql, verbs[i], n) == 0 &&
		    strchr(" \t\r\n(", sql[n]) != NULL && sql[n] != '\0')
			return 1;
	}
	return 0;
}

/* The slot holding sql's statement, or the empty slot where it would go
 * (NULL when the table is full and sql is not in it). */
static struct store_stmt_slot *
stmt_find(struct store_stmts *c, const char *sql, uint32_t h)
{
	struct store_stmt_slot	*e;
	size_t			 i, k;

	for (k = 0; k < STMT_SLOTS; k++) {
		i = (h + k) & (STMT_SLOTS - 1);
		e = &c->slot[i];
		if (e->s == NULL)
			return e;
		if (e->hash == h && strcmp(sqlite3_sql(e->s), sql) == 0)
			return e;
	}
	return NULL;
}

enum kres
store_stmt_get(struct store *st, const char *sql, sqlite3_stmt **out,
    char **cause)
{
	struct store_stmt_slot	*e = NULL;
	uint32_t		 h = 0;
	unsigned int		 flags = 0;
	int			 rc;

	*out = NULL;
	if (stmt_keepable(sql)) {
		if (st->stmts == NULL)
			st->stmts = xcalloc(1, sizeof *st->stmts);
		h = stmt_hash(sql);
		e = stmt_find(st->stmts, sql, h);
		if (e != NULL && e->s != NULL) {
			if (!e->busy) {
				e->busy = 1;
				*out = e->s;
				return KR_OK;
			}
			e = NULL;	/* in use: a fresh one, not kept */
		} else if (e != NULL && st->stmts->n >= STMT_MAX)
			e = NULL;
	}
	if (e != NULL)
		flags = SQLITE_PREPARE_PERSISTENT;
	rc = sqlite3_prepare_v3(st->db, sql, -1, flags, out, NULL);
	if (rc != SQLITE_OK) {
		*out = NULL;
		(void)store_fail(st, rc, "prepare", cause);
		return KR_PERM;

	}
	if (*out == NULL) {		/* only a comment or white space */
		set_cause(cause, "database %s: prepare: no statement",
		    st->path);
		return KR_PERM;
	}
	if (e != NULL) {
		e->s = *out;
		e->hash = h;
		e->busy = 1;
		st->stmts->n++;
	}
	return KR_OK;
}

void
store_stmt_put(struct store *st, sqlite3_stmt *s)
{
	struct store_stmt_slot	*e;
	const char		*sql;

	if (s == NULL)
		return;
	sql = sqlite3_sql(s);
	if (st->stmts != NULL && sql != NULL &&
	    (e = stmt_find(st->stmts, sql, stmt_hash(sql))) != NULL &&
	    e->s == s) {
		/* The result of the last step was read by the caller. */
		(void)sqlite3_reset(s);
		/* Blobs are bound SQLITE_STATIC: drop the pointers now. */
		(void)sqlite3_clear_bindings(s);
		e->busy = 0;
		return;
	}
	sqlite3_finalize(s);
}

void
store_stmt_clear(struct store *st)
{
	size_t	i;

	if (st->stmts == NULL)
		return;
	for (i = 0; i < STMT_SLOTS; i++)
		sqlite3_finalize(st->stmts->slot[i].s);
	free(st->stmts);
	st->stmts = NULL;
}
