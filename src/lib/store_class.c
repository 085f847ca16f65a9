/*
 * store_class.c -- department, cause and labels of a case (issue 15;
 * store_class.h).  The columns are written by store_case_set through
 * case.c; this file reads them and keeps the labels.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "store_class.h"
#include "store_int.h"
#include "util.h"

void
case_class_free(struct case_class *cc)
{
	size_t	i;

	free(cc->department);
	free(cc->cause);
	for (i = 0; i < cc->nlabels; i++)
		free(cc->labels[i]);
	free(cc->labels);
	memset(cc, 0, sizeof *cc);
}

struct class_read {
	struct case_class	*cc;
	int			 found;
};

static int
class_row(sqlite3_stmt *s, void *arg)
{
	struct class_read	*r = arg;

	r->found = 1;
	r->cc->department = store_col_strdup(s, 0);
	r->cc->cause = store_col_strdup(s, 1);
	return 1;
}

static int
label_row(sqlite3_stmt *s, void *arg)
{
	struct case_class	*cc = arg;

	cc->labels = xreallocarray(cc->labels, cc->nlabels + 2,
	    sizeof *cc->labels);
	cc->labels[cc->nlabels++] = store_col_strdup(s, 0);
	cc->labels[cc->nlabels] = NULL;
	return 0;
}

enum kres
store_class_get(struct store *st, int64_t case_id, struct case_class *cc,
    char **cause)
{
	struct class_read	r = { cc, 0 };
	enum kres		res;

	memset(cc, 0, sizeof *cc);
	cc->labels = xcalloc(1, sizeof *cc->labels);
	if ((res = store_rows(st, "read the classification", cause,
	    class_row, &r, "SELECT department, cause FROM cases WHERE id = ?1",
	    "i", case_id)) != KR_OK)
		goto fail;
	if (!r.found) {
		set_cause(cause, "no case with id %lld", (long long)case_id);
		res = KR_INVALID;
		goto fail;
	}
	if ((res = store_rows(st, "read the labels", cause, label_row, cc,
	    "SELECT label FROM case_labels WHERE case_id = ?1 ORDER BY label",
	    "i", case_id)) != KR_OK)
		goto fail;
	return KR_OK;
fail:
	case_class_free(cc);
	return res;
}

enum kres
store_label_add(struct store *st, int64_t case_id, const char *label,
    int64_t now, int *added, char **cause)
{
	enum kres	r;

	if ((r = store_run(st, "add a label", cause, "INSERT OR IGNORE INTO "
	    "case_labels (case_id, label, added_at) VALUES (?1, ?2, ?3)",
	    "iti", case_id, label, now)) != KR_OK)
		return r;
	if (added != NULL)
		*added = sqlite3_changes(st->db) > 0;
	return KR_OK;
}

struct report_class_each {
	int	(*cb)(int64_t, const char *, const char *, void *);
	int	(*lb)(int64_t, const char *, void *);
	void	*arg;
};

static int
report_class_row(sqlite3_stmt *s, void *arg)
{
	struct report_class_each	*e = arg;

	return e->cb(sqlite3_column_int64(s, 0), store_col_text(s, 1),
	    store_col_text(s, 2), e->arg);
}

static int
report_label_row(sqlite3_stmt *s, void *arg)
{
	struct report_class_each	*e = arg;

	return e->lb(sqlite3_column_int64(s, 0), store_col_text(s, 1),
	    e->arg);
}

enum kres
store_report_classes(struct store *st,
    int (*cb)(int64_t, const char *, const char *, void *),
    int (*lb)(int64_t, const char *, void *), void *arg, char **cause)
{
	struct report_class_each	e = { cb, lb, arg };
	enum kres			r;

	if ((r = store_rows(st, "read departments and causes", cause,
	    report_class_row, &e, "SELECT id, department, cause FROM cases "
	    "WHERE department IS NOT NULL OR cause IS NOT NULL ORDER BY id",
	    "")) != KR_OK)
		return r;
	return store_rows(st, "read the labels", cause, report_label_row, &e,
	    "SELECT case_id, label FROM case_labels ORDER BY case_id, label",
	    "");
}
