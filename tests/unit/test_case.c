/*
 * Unit tests: case.c on a real database -- each transition writes its
 * columns and its events, in order, and refuses what it must refuse
 * without writing anything.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "case.h"
#include "check.h"
#include "util.h"

#define DAY	86400
/* 2026-01-05 12:00 UTC */
#define T0	((int64_t)1767614400)

static int
event_line(const struct event_row *e, void *arg)
{
	buf_printf(arg, "%s %s: %s\n", e->actor, e->kind, e->detail ?
	    e->detail : "");
	return 0;
}

/* The case's events since the last call, one "actor kind: detail" line
 * each (caller frees). */
static char *
new_events(struct store *st, int64_t id, size_t *seen)
{
	struct buf	 b;
	char		*all, *rest;

	buf_init(&b);
	CHECK_INT(store_event_foreach(st, id, event_line, &b, NULL), KR_OK);
	all = buf_detach(&b, NULL);
	rest = xstrdup(strlen(all) >= *seen ? all + *seen : "");
	*seen = strlen(all);
	free(all);
	return rest;
}

#define CHECK_EVENTS(want) do {						\
	char *ev_ = new_events(st, c.id, &seen);			\
	CHECK_STR(ev_, want);						\
	free(ev_);							\
} while (0)

static void
test_lifecycle(struct store *st)
{
	struct case_new	 n;
	struct case_row	 c, old;
	int64_t		 id, id2, now = T0;
	size_t		 seen = 0, seen2 = 0;
	char		*ref = NULL, *why = NULL, *ev;

	memset(&n, 0, sizeof n);
	n.prefix = "KL";
	n.year = 2026;
	n.status = case_state_id(CS_NEW);
	n.complainant_email = "jan@example.org";
	n.subject = "Klacht";
	n.language = "nl";
	n.received_at = now;
	n.due_at = now + 42 * DAY;
	CHECK_INT(store_begin(st, NULL), KR_OK);
	CHECK_INT(case_open(st, &n, "pipe", now, &id, &ref, NULL), KR_OK);
	CHECK_STR(ref, "KL-2026-00001");
	free(ref);
	CHECK_INT(store_case_get(st, id, &c, NULL), KR_OK);
	CHECK_STR(c.status, "new");
	CHECK_EVENTS("system received: via pipe from jan@example.org\n");

	/* Legal moves only; a refused one writes nothing. */
	CHECK_INT(case_set_status(st, &c, "system", CS_ACKNOWLEDGED, now,
	    NULL), KR_OK);
	CHECK_STR(c.status, "acknowledged");
	CHECK_INT(case_set_status(st, &c, "system", CS_NEW, now, &why),
	    KR_INVALID);
	CHECK_CONTAINS(why, "cannot go from acknowledged to new");
	free(why);
	why = NULL;
	CHECK_STR(c.status, "acknowledged");
	CHECK_EVENTS("system status: new -> acknowledged\n");

	now += DAY;
	CHECK_INT(case_assign(st, &c, "anna", "piet", now, NULL), KR_OK);
	CHECK_STR(c.assignee, "piet");
	CHECK_INT(case_assign(st, &c, "piet", "anna", now, NULL), KR_OK);
	CHECK_STR(c.assignee, "anna");
	CHECK_INT(c.updated_at, now);
	CHECK_EVENTS("anna assign: - -> piet\npiet assign: piet -> anna\n");

	/* Confidential sticks when the case moves on. */
	CHECK_INT(case_set_category(st, &c, "anna", "ggb", 1, now, NULL),
	    KR_OK);
	CHECK_INT(c.confidential, 1);
	CHECK_INT(case_set_category(st, &c, "anna", "wonen", 0, now, NULL),
	    KR_OK);
	CHECK_STR(c.category, "wonen");
	CHECK_INT(c.confidential, 1);
	CHECK_EVENTS("anna category: - -> ggb (confidential)\n"
	    "anna category: ggb -> wonen\n");

	CHECK_INT(case_set_priority(st, &c, "anna", PRIO_URGENT, now, NULL),
	    KR_OK);
	CHECK_STR(c.priority, "urgent");
	CHECK_INT(case_set_priority(st, &c, "anna", PRIO_INVALID, now, &why),
	    KR_INVALID);
	free(why);
	why = NULL;
	CHECK_STR(c.priority, "urgent");
	CHECK_EVENTS("anna priority: normal -> urgent\n");

	CHECK_INT(case_set_term(st, &c, "anna", T0 + 70 * DAY, "term of "
	    "category wonen: 10 weken", "nl", now, NULL), KR_OK);
	CHECK_INT(c.due_at, T0 + 70 * DAY);
	CHECK_INT(c.extended, 0);
	CHECK_EVENTS("anna term: due 16 februari 2026 -> 16 maart 2026 "
	    "(term of category wonen: 10 weken)\n");
	CHECK_INT(case_extend(st, &c, "anna", T0 + 98 * DAY, 28, 1, "advies",
	    "en", now, NULL), KR_OK);
	CHECK_INT(c.due_at, T0 + 98 * DAY);
	CHECK_INT(c.extended, 1);
	CHECK_EVENTS("anna extend: due 16 March 2026 -> 13 April 2026 "
	    "(+28 days, with consent): advies\n");

	CHECK_INT(case_add_respondent(st, &c, "anna", "b@example.org",
	    "B. Eklaagde", now, NULL), KR_OK);
	CHECK_INT(case_add_respondent(st, &c, "anna", "b@example.org", NULL,
	    now, NULL), KR_DUP);
	CHECK_INT(case_add_respondent(st, &c, "anna", "c@example.org", NULL,
	    now, NULL), KR_OK);
	CHECK_INT(case_hear(st, &c, "anna", "2026-02-01", "op kantoor", now,
	    NULL), KR_OK);
	CHECK_INT(case_hear(st, &c, "anna", "2026-02-02", "", now, NULL),
	    KR_OK);
	CHECK_INT(case_consent(st, &c, "anna", "", now, NULL), KR_OK);
	CHECK_EVENTS("anna respondent: b@example.org (B. Eklaagde)\n"
	    "anna respondent: c@example.org\n"
	    "anna hearing: 2026-02-01: op kantoor\n"
	    "anna hearing: 2026-02-02\n"
	    "anna consent: complainant consented\n");

	/* The decision: columns, "close", "late", then the move. */
	now += DAY;
	CHECK_INT(case_close(st, &c, "anna", J_PARTLY_UPHELD, "bevindingen",
	    "decided after the due date x", now, NULL), KR_OK);
	CHECK_STR(c.status, "closed");
	CHECK_STR(c.judgement, "deels-gegrond");
	CHECK_INT(c.decided_at, now);
	CHECK_INT(c.closed_at, now);
	CHECK_EVENTS("anna close: judgement deels-gegrond: bevindingen\n"
	    "anna late: decided after the due date x\n"
	    "anna status: acknowledged -> closed\n");
	CHECK_INT(case_close(st, &c, "anna", J_UPHELD, "again", NULL, now,
	    &why), KR_INVALID);
	free(why);
	why = NULL;
	CHECK_STR(c.judgement, "deels-gegrond");
	CHECK_EVENTS("");

	/* #reopen: the decision goes, with the officer's text. */
	now += DAY;
	CHECK_INT(case_reopen(st, &c, "anna", CASE_REOPEN_OFFICER, "",
	    now, NULL), KR_OK);
	CHECK_STR(c.status, "in_progress");
	CHECK(c.judgement == NULL);
	CHECK_INT(c.decided_at, 0);
	CHECK_INT(c.closed_at, 0);
	CHECK_EVENTS("anna reopen: -\nanna status: closed -> in_progress\n");
	CHECK_INT(case_reopen(st, &c, "anna", CASE_REOPEN_OFFICER, "x",
	    now, &why), KR_INVALID);
	CHECK_CONTAINS(why, "not closed");
	free(why);
	why = NULL;
	CHECK_EVENTS("");

	/* Closed through the status: closed_at is set; the complainant's
	 * reply reopens it with one event that keeps the old judgement. */
	CHECK_INT(case_close(st, &c, "anna", J_NOT_UPHELD, "b", NULL, now,
	    NULL), KR_OK);
	CHECK_EVENTS("anna close: judgement ongegrond: b\n"
	    "anna status: in_progress -> closed\n");
	now += DAY;
	CHECK_INT(case_reopen(st, &c, "system", CASE_REOPEN_COMPLAINANT,
	    NULL, now, NULL), KR_OK);
	CHECK_STR(c.status, "in_progress");
	CHECK(c.judgement == NULL);
	CHECK_INT(c.closed_at, 0);
	CHECK_EVENTS("system reopened: reopened by complainant reply (closed "
	    "-> in_progress; was judged ongegrond on 2026-01-08)\n");
	CHECK_INT(case_set_status(st, &c, "anna", CS_CLOSED, now, NULL),
	    KR_OK);
	CHECK_INT(c.closed_at, now);
	CHECK_EVENTS("anna status: in_progress -> closed\n");

	/* A new case linked to the closed one: an event on each. */
	n.received_at = now;
	CHECK_INT(case_open(st, &n, "imap", now, &id2, &ref, NULL), KR_OK);
	CHECK_STR(ref, "KL-2026-00002");
	old = c;
	CHECK_INT(case_link(st, id2, ref, &old, now, NULL), KR_OK);
	CHECK_EVENTS("system linked: the complainant wrote again after the "
	    "reopen window: new case KL-2026-00002\n");
	ev = new_events(st, id2, &seen2);
	CHECK_STR(ev, "system received: via imap from jan@example.org\n"
	    "system linked: continues KL-2026-00001, closed longer than the "
	    "reopen window ago\n");
	free(ev);
	case_row_free(&c);
	CHECK_INT(store_case_get(st, id2, &c, NULL), KR_OK);
	CHECK_INT(c.linked_case_id, id);
	case_row_free(&c);
	free(ref);
	CHECK_INT(store_commit(st, NULL), KR_OK);
}

int
main(void)
{
	static const char *const files[] = { "klachtd.db", "klachtd.db-wal",
	    "klachtd.db-shm" };
	struct store	*st;
	char		 dir[] = "/tmp/test_case.XXXXXX", *path, *why = NULL;
	size_t		 i;

	setenv("TZ", "UTC", 1);
	CHECK(mkdtemp(dir) != NULL);
	path = xasprintf("%s/klachtd.db", dir);
	st = store_open(path, 1000, &why);
	CHECK(st != NULL);
	if (st == NULL) {
		fprintf(stderr, "store_open: %s\n", why);
		return check_done();
	}
	free(path);
	test_lifecycle(st);
	store_close(st);
	for (i = 0; i < sizeof files / sizeof files[0]; i++) {
		path = xasprintf("%s/%s", dir, files[i]);
		unlink(path);
		free(path);
	}
	rmdir(dir);
	return check_done();
}
