/*
 * store_search.c -- full-text search over the cases (issue 13: #zoek,
 * klachtctl list --search), with SQLite's FTS5.
 *
 * The index is the table case_search, one row per case (rowid = case
 * id).  Triggers on cases and messages note the cases written in
 * case_search_dirty (store.c's migrations); store_search_flush()
 * re-indexes them once per transaction, just before its COMMIT, so an
 * intake batch pays FTS5's cost once, not per statement.  Text from a person never becomes FTS5 syntax:
 * store_search_query() quotes every word as an FTS5 string, and the
 * query is bound as a parameter like every other value.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "store_int.h"
#include "util.h"

enum kres
store_search_check(struct store *st, char **cause)
{
	int64_t	v;

	/* fts5_source_id() exists exactly when FTS5 is compiled in (or
	 * loaded); Debian's libsqlite3 has it. */
	if (store_get_int64(st, "check for FTS5", &v, NULL,
	    "SELECT fts5_source_id() IS NOT NULL", "") == KR_OK && v == 1)
		return KR_OK;
	set_cause(cause, "database %s: this SQLite (%s) has no FTS5, which "
	    "the search (#zoek, klachtctl list --search) needs: install a "
	    "libsqlite3 built with FTS5 (SQLITE_ENABLE_FTS5; Debian's has "
	    "it)", st->path, sqlite3_libversion());
	return KR_PERM;
}

/* Indexes the cases noted outside any COMMIT of ours (a write outside
 * a transaction): in a transaction of its own when none is open, so a
 * crash half-way leaves them noted. */
static enum kres
flush_pending(struct store *st, char **cause)
{
	int64_t		dirty = 0;
	enum kres	r;

	/* Asked first, so that nothing to do never takes the write
	 * lock. */
	if ((r = store_get_int64(st, "search index", &dirty, cause,
	    "SELECT EXISTS (SELECT 1 FROM case_search_dirty)", "")) !=
	    KR_OK || dirty == 0)
		return r;
	if (!sqlite3_get_autocommit(st->db))
		return store_search_flush(st, cause);
	if ((r = store_begin(st, cause)) != KR_OK)
		return r;
	return store_commit(st, cause);	/* which flushes */
}

enum kres
store_search_fill(struct store *st, char **cause)
{
	int64_t		missing = 0;
	enum kres	r;

	if ((r = flush_pending(st, cause)) != KR_OK)
		return r;
	/* Asked first, so that an open with nothing to do never takes
	 * the write lock.  The index holds only cases (a trigger removes
	 * a deleted case's row), so equal counts mean none is missing;
	 * both are b-tree counts (the docsize table has a row per indexed
	 * case), where "id NOT IN (SELECT rowid FROM case_search)" took
	 * 0.1 s at 100,000 cases on every open: every delivery, every
	 * klachtctl, every return of the daemon from rest (rest.h). */
	if ((r = store_get_int64(st, "search index", &missing, cause,
	    "SELECT (SELECT count(*) FROM cases) - "
	    "(SELECT count(*) FROM case_search_docsize)", "")) != KR_OK ||
	    missing == 0)
		return r;
	return store_run(st, "search index", cause, "INSERT INTO case_search (rowid, ref, name, "
	    "address, subject, body) SELECT c.id, c.ref, c.complainant_name, "
	    "c.complainant_email, c.subject, (SELECT t.body FROM "
	    "case_search_text t WHERE t.case_id = c.id) FROM cases c WHERE "
	    "c.id NOT IN (SELECT rowid FROM case_search)", "");
}

enum kres
store_search_flush(struct store *st, char **cause)
{
	enum kres	r;

	/* Three kept statements; on an empty case_search_dirty (most
	 * COMMITs but an intake batch's) each is a look at an empty
	 * b-tree.  The old rows go first: FTS5 has no upsert, and a case
	 * deleted has no row to put back. */
	if ((r = store_run(st, "search index", cause,
	    "DELETE FROM case_search WHERE rowid IN "
	    "(SELECT case_id FROM case_search_dirty)", "")) != KR_OK ||
	    (r = store_run(st, "search index", cause,
	    "INSERT INTO case_search (rowid, ref, name, address, subject, "
	    "body) SELECT c.id, c.ref, c.complainant_name, "
	    "c.complainant_email, c.subject, (SELECT t.body FROM "
	    "case_search_text t WHERE t.case_id = c.id) FROM "
	    "case_search_dirty d JOIN cases c ON c.id = d.case_id", "")) !=
	    KR_OK)
		return r;
	return store_run(st, "search index", cause,
	    "DELETE FROM case_search_dirty", "");
}

/* Whether the word has a letter or digit: anything the tokenizer could
 * index (all non-ASCII bytes count; unicode61 decides). */
static int
has_token(const char *w, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)w[i];

		if (ch >= 0x80 || (ch >= '0' && ch <= '9') ||
		    (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z'))
			return 1;
	}
	return 0;
}

char *
store_search_query(const char *text)
{
	struct buf	 b;
	const char	*w, *p;
	size_t		 n, i, nwords = 0;

	if (text == NULL)
		return NULL;
	buf_init(&b);
	for (p = text; *p != '\0' && nwords < SEARCH_MAX_WORDS; p = w + n) {
		w = p + strspn(p, " \t\r\n\f\v");
		n = strcspn(w, " \t\r\n\f\v");
		if (n == 0)
			break;
		if (!has_token(w, n))
			continue;
		/* Cut long words at a UTF-8 character boundary. */
		if (n > SEARCH_MAX_WORD) {
			i = SEARCH_MAX_WORD;
			while (i > 0 && ((unsigned char)w[i] & 0xc0) == 0x80)
				i--;
		} else
			i = n;
		if (nwords++ > 0)
			buf_addc(&b, ' ');
		buf_addc(&b, '"');
		for (const char *q = w; q < w + i; q++) {
			if (*q == '"')
				buf_addc(&b, '"');
			buf_addc(&b, *q);
		}
		buf_addc(&b, '"');
	}
	if (nwords == 0) {
		buf_free(&b);
		return NULL;
	}
	return buf_detach(&b, NULL);
}

enum kres
store_search_foreach(struct store *st, const char *text,
    int (*cb)(const struct case_row *, void *), void *arg, char **cause)
{
	struct store_case_cb	 c = { cb, arg };
	char			*q;
	enum kres		 r;

	if ((q = store_search_query(text)) == NULL) {
		set_cause(cause, "nothing to search for: give at least one "
		    "word with a letter or digit");
		return KR_INVALID;
	}
	/* A write outside a transaction noted cases no COMMIT of ours
	 * indexed: index them first, so the answer is exact. */
	if ((r = flush_pending(st, cause)) != KR_OK) {
		free(q);
		return r;
	}
	r = store_rows(st, "search cases", cause, store_case_each, &c,
	    "SELECT " STORE_CASE_COLS " FROM case_search s "
	    "JOIN cases c ON c.id = s.rowid WHERE case_search MATCH ?1 "
	    "ORDER BY c.received_at DESC, c.id DESC", "t", q);
	free(q);
	return r;
}
