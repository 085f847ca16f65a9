/*
 * store_int.h -- shared internals of the store_*.c files.  Nothing
 * outside the store includes this.  Sections name the file that defines
 * what follows them.
 */
#ifndef KLACHT_STORE_INT_H
#define KLACHT_STORE_INT_H

#include <sqlite3.h>

#include "store.h"

struct store {
	sqlite3		*db;
	char		*path;
	int		 in_tx;
	int		 batch;		/* store_batch_begin() open */
	int		 batch_lost;	/* SQLite rolled the batch back */
	struct store_stmts *stmts;	/* prepared statements kept */
};

/* store.c */

/* Maps an SQLite result code to the result kinds callers act on. */
enum kres	 store_kres(int rc);
/* Sets *cause from the connection's last error and returns its kres. */
enum kres	 store_fail(struct store *, int rc, const char *what,
		    char **cause);
/* Column as malloc'd string or NULL. */
char		*store_col_strdup(sqlite3_stmt *, int col);
/* Column as const text ("" never NULL-proofed: may return NULL). */
const char	*store_col_text(sqlite3_stmt *, int col);

/*
 * One statement, prepared, bound, stepped and finalized in one call.  sql
 * is a constant (values are only ever bound); types has one letter for
 * each parameter ?1..?n, in order, and the arguments follow in that order:
 *   't'  const char *		text; NULL binds NULL
 *   'i'  int64_t		an integer
 *   'r'  int64_t		a row id that may be absent: 0 binds NULL
 *   'b'  const void *, size_t	a blob, not copied; NULL binds NULL
 *   'n'  (no argument)		NULL
 * The integers are read with va_arg(ap, int64_t): pass them as int64_t,
 * casting an int, uint32_t or size_t at the call site, or the value read
 * is undefined.  A failure returns its kres with *cause set to "database
 * PATH: what: SQLite's message" (KR_PERM if sql does not prepare).
 */
/* Runs a statement that returns no rows.  sqlite3_changes(st->db) and
 * sqlite3_last_insert_rowid(st->db) tell about it afterwards. */
enum kres	 store_run(struct store *, const char *what, char **cause,
		    const char *sql, const char *types, ...);
/* Sets *out to the first column of the first row, or to 0 when there is
 * no row (a lookup that finds nothing is not an error). */
enum kres	 store_get_int64(struct store *, const char *what,
		    int64_t *out, char **cause, const char *sql,
		    const char *types, ...);
/* Runs a query that may return rows: row(stmt, arg) is called on each
 * row (read its columns; pointers last until the next row) until it
 * returns non-zero, which stops the query without error. */
enum kres	 store_rows(struct store *, const char *what, char **cause,
		    int (*row)(sqlite3_stmt *, void *), void *arg,
		    const char *sql, const char *types, ...);
/* Runs an UPDATE/DELETE binding ?1 = id (and ?2 = now when now >= 0);
 * KR_INVALID with cause "none id" when it changed no row. */
enum kres	 store_change_one(struct store *, const char *sql, int64_t id,
		    int64_t now, const char *what, const char *none,
		    char **cause);

/* store_stmt.c */

/* A prepared statement for sql in *out (KR_PERM with cause when it does
 * not prepare): the connection's kept one when there is one free, else a
 * new one (kept from now on if sql is a SELECT/INSERT/UPDATE/DELETE/
 * REPLACE/WITH and there is room).  Hand it back with store_stmt_put(),
 * never sqlite3_finalize(). */
enum kres	 store_stmt_get(struct store *, const char *sql,
		    sqlite3_stmt **out, char **cause);
/* Gives a statement of store_stmt_get() back: a kept one is reset and
 * its bindings cleared, any other finalized.  NULL is ignored. */
void		 store_stmt_put(struct store *, sqlite3_stmt *);
/* Finalizes every kept statement (before the connection closes). */
void		 store_stmt_clear(struct store *);

/* store_case.c */

/* The case columns store_case_fill() reads, in this order, from
 * "FROM cases c".  A query may add one more column: the Message-ID of the
 * case's first message (threading). */
#define STORE_CASE_COLS "c.id, c.ref, c.status, c.category, c.priority, " \
	"c.assignee, c.confidential, c.complainant_email, " \
	"c.complainant_name, c.subject, c.language, c.received_at, " \
	"c.due_at, c.extended, c.judgement, c.decided_at, c.closed_at, " \
	"c.linked_case_id, c.updated_at, c.channel, c.summary"
/* Fills c (which the caller frees with case_row_free) from a row of
 * STORE_CASE_COLS, plus first_msgid when the row has that column. */
void		 store_case_fill(sqlite3_stmt *, struct case_row *c);
/* A store_rows() row function: fills a struct case_row from a row of
 * STORE_CASE_COLS, calls the callback of arg, a struct store_case_cb,
 * and frees the row again. */
struct store_case_cb {
	int		(*cb)(const struct case_row *, void *);
	void		*arg;
};
int		 store_case_each(sqlite3_stmt *, void *arg);

/* store_outbox.c */
/* The outbox columns store_outbox_fill() reads, in this order; a query
 * may add one more: raw. */
#define STORE_OUTBOX_COLS "id, coalesce(case_id, 0), kind, mail_from, " \
	"rcpt, message_id, subject, status, attempts, next_attempt_at, " \
	"created_at, coalesce(sent_at, 0), last_error"
/* Fills o from a row of STORE_OUTBOX_COLS (pointers into the row), plus
 * raw when the row has that column. */
void		 store_outbox_fill(sqlite3_stmt *, struct outbox_row *o);
/* A store_rows() row function: fills a struct outbox_row and calls the
 * callback of arg, a struct store_outbox_cb, counting the rows. */
struct store_outbox_cb {
	int		(*cb)(const struct outbox_row *, void *);
	void		*arg;
	int		 rows;
};
int		 store_outbox_each(sqlite3_stmt *, void *arg);

/* store_report.c */
/* The columns of a struct report_row, from "FROM cases". */
#define STORE_REPORT_COLS "id, ref, status, category, judgement, " \
	"received_at, due_at, coalesce(decided_at, 0), " \
	"coalesce(closed_at, 0), extended, coalesce(purged_at, 0), channel, " \
	"forwarded_kind"
/* Runs sql (a SELECT of STORE_REPORT_COLS, no parameters) and calls cb
 * with each row until it returns non-zero. */
enum kres	 store_report_rows(struct store *, const char *sql,
		    const char *what,
		    int (*cb)(const struct report_row *, void *), void *arg,
		    char **cause);

/* store_search.c */
/* KR_OK when this SQLite has FTS5 (case_search needs it); else KR_PERM
 * with a cause that says what to install.  store_open asks before it
 * migrates. */
enum kres	 store_search_check(struct store *, char **cause);

#endif
