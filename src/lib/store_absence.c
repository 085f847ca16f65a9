/*
 * store_absence.c -- officers' absence as they set it by mail (#afwezig,
 * #terug), and the one notice per absence to the coordinator (issue 13).
 * What an absence means for the mail is absence.c's business.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "store_int.h"
#include "util.h"

struct absence_cb {
	struct absence_row	*a;
	int			*found;
};

static int
absence_one(sqlite3_stmt *s, void *arg)
{
	struct absence_cb	*c = arg;

	c->a->until_day = store_col_strdup(s, 0);
	c->a->substitute = store_col_strdup(s, 1);
	c->a->config_until = store_col_strdup(s, 2);
	c->a->set_at = sqlite3_column_int64(s, 3);
	c->a->set_by = store_col_strdup(s, 4);
	*c->found = 1;
	return 1;
}

enum kres
store_absence_get(struct store *st, const char *officer,
    struct absence_row *a, int *found, char **cause)
{
	struct absence_cb	c = { a, found };

	memset(a, 0, sizeof *a);
	*found = 0;
	return store_rows(st, "read absence", cause, absence_one, &c,
	    "SELECT until_day, substitute, config_until, set_at, set_by "
	    "FROM absences WHERE officer = ?1", "t", officer);
}

enum kres
store_absence_set(struct store *st, const char *officer,
    const char *until_day, const char *substitute, const char *config_until,
    const char *by, int64_t now, char **cause)
{
	return store_run(st, "record absence", cause, "INSERT INTO absences "
	    "(officer, until_day, substitute, config_until, set_at, set_by) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (officer) DO UPDATE "
	    "SET until_day = ?2, substitute = ?3, config_until = ?4, "
	    "set_at = ?5, set_by = ?6", "ttttit", officer, until_day,
	    substitute, config_until, now, by);
}

void
store_absence_row_free(struct absence_row *a)
{
	free(a->until_day);
	free(a->substitute);
	free(a->config_until);
	free(a->set_by);
	memset(a, 0, sizeof *a);
}

enum kres
store_absence_notice_claim(struct store *st, const char *officer,
    const char *until_day, const char *substitute, int64_t now, int *fresh,
    char **cause)
{
	enum kres	r;

	*fresh = 0;
	if ((r = store_run(st, "record absence notice", cause, "INSERT INTO "
	    "absence_notices (officer, until_day, substitute, sent_at) "
	    "VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING", "ttti", officer,
	    until_day, substitute ? substitute : "", now)) != KR_OK)
		return r;
	*fresh = sqlite3_changes(st->db) == 1;
	return KR_OK;
}
