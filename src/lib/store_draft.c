/*
 * store_draft.c -- the drafts table: outcome letters awaiting an
 * approver (issue 16, four-eyes).  A draft keeps what the officer wrote
 * (#close's judgement and text), not the rendered letter: the letter is
 * made when it is approved, with the dates of that day.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "store_int.h"
#include "util.h"

void
draft_row_free(struct draft_row *d)
{
	free(d->author);
	free(d->judgement);
	free(d->text);
	memset(d, 0, sizeof *d);
}

static int
draft_one(sqlite3_stmt *s, void *arg)
{
	struct draft_row	*d = arg;

	d->id = sqlite3_column_int64(s, 0);
	d->author = store_col_strdup(s, 1);
	d->judgement = store_col_strdup(s, 2);
	d->text = store_col_strdup(s, 3);
	d->created_at = sqlite3_column_int64(s, 4);
	return 1;
}

enum kres
store_draft_get(struct store *st, int64_t case_id, struct draft_row *d,
    char **cause)
{
	memset(d, 0, sizeof *d);
	return store_rows(st, "read draft", cause, draft_one, d,
	    "SELECT id, author, judgement, text, created_at FROM drafts "
	    "WHERE case_id = ?1", "i", case_id);
}

enum kres
store_draft_put(struct store *st, int64_t case_id, const char *author,
    const char *judgement, const char *text, int64_t now, char **cause)
{
	return store_run(st, "store draft", cause, "INSERT OR REPLACE INTO "
	    "drafts (case_id, author, judgement, text, created_at) "
	    "VALUES (?1, ?2, ?3, ?4, ?5)", "ittti", case_id, author,
	    judgement, text, now);
}

enum kres
store_draft_drop(struct store *st, int64_t case_id, char **cause)
{
	return store_run(st, "drop draft", cause, "DELETE FROM drafts "
	    "WHERE case_id = ?1", "i", case_id);
}
