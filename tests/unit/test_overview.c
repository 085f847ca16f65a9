/*
 * test_overview.c -- the officer's overview and search (issue 13):
 *
 *   - a generated set of cases (every combination of assignee, category,
 *     confidential flag, status, due date and extension) with the
 *     answers known from the rules, and overview_add files exactly those
 *     cases in each section -- compared as sets of references;
 *   - a hand-made set with its expected sections written out;
 *   - the line format, the cap with "... en nog N";
 *   - store_search_query quotes every word, so FTS5 syntax in what an
 *     officer types is harmless, and store_search_foreach against a real
 *     database finds by name, address, reference and text, never by
 *     syntax, and follows the retention purge's blanking.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "calendar.h"
#include "check.h"
#include "officer.h"
#include "overview.h"
#include "store.h"
#include "util.h"

static char *cats_afval[] = { "afval", NULL };
static char *cats_none[] = { NULL };
static char *cats_gedrag[] = { "gedrag", NULL };

static struct cfg_officer officers[] = {
	{ .id = "anna", .name = "Anna", .email = "anna@gemeente.example",
	    .categories = cats_none },
	{ .id = "bob", .name = "Bob", .email = "bob@gemeente.example",
	    .categories = cats_afval },
	{ .id = "carla", .name = "Carla", .email = "carla@gemeente.example",
	    .categories = cats_gedrag },
};
static struct cfg_category categories[] = {
	{ .id = "afval", .name = "Afval" },
	{ .id = "parkeren", .name = "Parkeren" },
	{ .id = "gedrag", .name = "Gedrag", .confidential = 1 },
};
static struct cfg cfg;

#define NOW	((int64_t)1796000000)	/* 2026-11-30 */

static void
setup_cfg(void)
{
	memset(&cfg, 0, sizeof cfg);
	cfg.officers = officers;
	cfg.nofficers = 3;
	cfg.categories = categories;
	cfg.ncategories = 3;
}

/* ------------------------------------------------- the generated set */

static const char *assignees[] = { "anna", "bob", "carla", NULL };
static const char *cats[] = { "afval", "parkeren", "gedrag", NULL };
static const char *statuses[] = { "acknowledged", "in_progress", "waiting",
	"decided", "closed" };
static const int64_t dues[] = { -3 * CAL_DAY, 3 * CAL_DAY, 10 * CAL_DAY,
	7 * CAL_DAY - 1, 7 * CAL_DAY };

struct gen {
	struct case_row	*v;
	size_t		 n;
};

static void
generate(struct gen *g)
{
	size_t	a, c, s, d, conf, ext;
	char	ref[32];

	g->n = 0;
	g->v = xcalloc(4 * 4 * 5 * 5 * 2 * 2, sizeof *g->v);
	for (a = 0; a < 4; a++)
	for (c = 0; c < 4; c++)
	for (s = 0; s < 5; s++)
	for (d = 0; d < 5; d++)
	for (conf = 0; conf < 2; conf++)
	for (ext = 0; ext < 2; ext++) {
		struct case_row *r = &g->v[g->n];

		snprintf(ref, sizeof ref, "KL-2026-%05zu", g->n + 1);
		r->id = (int64_t)g->n + 1;
		r->ref = xstrdup(ref);
		r->assignee = assignees[a] ? xstrdup(assignees[a]) : NULL;
		r->category = cats[c] ? xstrdup(cats[c]) : NULL;
		r->status = xstrdup(statuses[s]);
		r->due_at = NOW + dues[d];
		r->confidential = (int)conf;
		r->extended = (int)ext;
		r->complainant_name = xstrdup("Jan de Boer");
		r->complainant_email = xstrdup("jan@example.net");
		r->subject = xstrdup("Klacht");
		r->received_at = NOW - 20 * CAL_DAY;
		g->n++;
	}
}

/* The rules of overview.h, written out apart from overview.c. */
static int
expect(const struct cfg_officer *o, const struct case_row *r, int section)
{
	int	open, conf, serves, mine, unas, in;

	open = strcmp(r->status, "decided") != 0 &&
	    strcmp(r->status, "closed") != 0;
	conf = r->confidential || (r->category != NULL &&
	    strcmp(r->category, "gedrag") == 0);
	serves = r->category == NULL || o->categories[0] == NULL ||
	    strcmp(o->categories[0], r->category) == 0;
	if (!open || (conf && !serves))
		return 0;
	mine = r->assignee != NULL && strcmp(r->assignee, o->id) == 0;
	unas = r->assignee == NULL && serves;
	in = mine || unas;
	switch (section) {
	case OV_MINE:		return mine;
	case OV_UNASSIGNED:	return unas;
	case OV_DUE:		return in && r->due_at >= NOW &&
				    r->due_at < NOW + 7 * CAL_DAY;
	case OV_OVERDUE:	return in && r->due_at < NOW;
	case OV_EXTENDED:	return in && r->extended;
	}
	return -1;
}

/* Whether the list holds a line of ref (the "- REF," that begins it). */
static int
listed(const char *list, const char *ref)
{
	char	*needle = xasprintf("- %s,", ref);
	int	 yes = strstr(list, needle) != NULL;

	free(needle);
	return yes;
}

static void
test_generated(void)
{
	struct gen	 g;
	struct overview	 ov;
	size_t		 i, oi;
	int		 s, want, got, nwant;

	generate(&g);
	for (oi = 0; oi < 3; oi++) {
		const struct cfg_officer *o = &officers[oi];

		overview_init(&ov, &cfg, o, NOW, "nl");
		for (i = 0; i < g.n; i++)
			overview_add(&ov, &g.v[i]);
		for (s = 0; s < OV_NSECTIONS; s++) {
			nwant = 0;
			for (i = 0; i < g.n; i++) {
				want = expect(o, &g.v[i], s);
				nwant += want;
				/* Only the first OVERVIEW_LINES are listed:
				 * compare the counts for all, the lines for
				 * the sets small enough to be whole. */
				if (ov.count[s] > OVERVIEW_LINES)
					continue;
				got = listed(ov.list[s].data ?
				    ov.list[s].data : "", g.v[i].ref);
				if (got != want) {
					fprintf(stderr, "officer %s section %d "
					    "case %s (%s %s %s conf %d due %+lld "
					    "ext %d): got %d want %d\n", o->id,
					    s, g.v[i].ref, g.v[i].assignee ?
					    g.v[i].assignee : "-",
					    g.v[i].category ? g.v[i].category :
					    "-", g.v[i].status,
					    g.v[i].confidential, (long long)
					    (g.v[i].due_at - NOW),
					    g.v[i].extended, got, want);
					CHECK(got == want);
				}
			}
			CHECK_INT(ov.count[s], nwant);
		}
		overview_free(&ov);
	}
	/* Bob (afval only): never a case of gedrag, even assigned to him
	 * by a mistake elsewhere; the confidential flag hides parkeren. */
	overview_init(&ov, &cfg, &officers[1], NOW, "nl");
	for (i = 0; i < g.n; i++) {
		int filed = overview_add(&ov, &g.v[i]);

		if (g.v[i].category && strcmp(g.v[i].category, "gedrag") == 0)
			CHECK(!filed);
		if (g.v[i].confidential && g.v[i].category &&
		    strcmp(g.v[i].category, "afval") != 0)
			CHECK(!filed);
	}
	overview_free(&ov);
	for (i = 0; i < g.n; i++)
		case_row_free(&g.v[i]);
	free(g.v);
}

/* ------------------------------------------------- a hand-made set */

static struct case_row
row(const char *ref, const char *assignee, const char *cat,
    const char *status, int64_t due, int conf, int ext)
{
	struct case_row	r;

	memset(&r, 0, sizeof r);
	r.ref = (char *)ref;
	r.assignee = (char *)assignee;
	r.category = (char *)cat;
	r.status = (char *)status;
	r.due_at = NOW + due;
	r.confidential = conf;
	r.extended = ext;
	r.complainant_name = "Jan de Boer";
	r.complainant_email = "jan@example.net";
	r.subject = "Re: Container niet geleegd, zie http://phish.example/x";
	r.received_at = NOW - 10 * CAL_DAY;
	return r;
}

static void
test_handmade(void)
{
	struct case_row	 v[] = {
		row("KL-A", "bob", "afval", "in_progress", 3 * CAL_DAY, 0, 0),
		row("KL-B", NULL, "afval", "acknowledged", -CAL_DAY, 0, 0),
		row("KL-C", NULL, "parkeren", "acknowledged", CAL_DAY, 0, 0),
		row("KL-D", NULL, "gedrag", "acknowledged", CAL_DAY, 0, 0),
		row("KL-E", "bob", "afval", "closed", -CAL_DAY, 0, 0),
		row("KL-F", "bob", "afval", "waiting", 30 * CAL_DAY, 0, 1),
		row("KL-G", "anna", "afval", "in_progress", CAL_DAY, 0, 0),
		row("KL-H", NULL, "afval", "in_progress", 2 * CAL_DAY, 1, 1),
		row("KL-I", NULL, NULL, "new", 20 * CAL_DAY, 0, 0),
	};
	struct overview	 ov;
	size_t		 i;

	overview_init(&ov, &cfg, &officers[1], NOW, "nl");
	for (i = 0; i < sizeof v / sizeof v[0]; i++)
		overview_add(&ov, &v[i]);
	CHECK_INT(ov.count[OV_MINE], 2);
	CHECK(listed(ov.list[OV_MINE].data, "KL-A"));
	CHECK(listed(ov.list[OV_MINE].data, "KL-F"));
	/* afval and no category; the confidential afval case is his. */
	CHECK_INT(ov.count[OV_UNASSIGNED], 3);
	CHECK(listed(ov.list[OV_UNASSIGNED].data, "KL-B"));
	CHECK(listed(ov.list[OV_UNASSIGNED].data, "KL-H"));
	CHECK(listed(ov.list[OV_UNASSIGNED].data, "KL-I"));
	CHECK_INT(ov.count[OV_DUE], 2);		/* A, H */
	CHECK(listed(ov.list[OV_DUE].data, "KL-A"));
	CHECK(listed(ov.list[OV_DUE].data, "KL-H"));
	CHECK_INT(ov.count[OV_OVERDUE], 1);	/* B */
	CHECK_INT(ov.count[OV_EXTENDED], 2);	/* F, H */
	/* The lines: due date, status, name, subject cleaned (no link,
	 * no Re:), and "niet toegewezen" in the date sections. */
	CHECK_STR(overview_list(&ov, OV_MINE),
	    "- KL-A, uiterlijk 3 december 2026, in behandeling, Jan de Boer: "
	    "\"Re: Container niet geleegd, zie\"\n"
	    "- KL-F, uiterlijk 30 december 2026, wacht op klager, Jan de "
	    "Boer: \"Re: Container niet geleegd, zie\"\n");
	CHECK(strstr(overview_list(&ov, OV_OVERDUE), "- KL-B, uiterlijk 29 "
	    "november 2026, ontvangen, Jan de Boer: \"Re: Container niet "
	    "geleegd, zie\" (niet toegewezen)\n") != NULL);
	CHECK(strstr(overview_list(&ov, OV_DUE), "KL-A") != NULL &&
	    strstr(overview_list(&ov, OV_DUE), "KL-A, uiterlijk 3 december "
	    "2026, in behandeling, Jan de Boer: \"Re: Container niet geleegd,"
	    " zie\"\n") != NULL);
	overview_free(&ov);

	/* Carla (gedrag): D only of the unassigned ones, and I. */
	overview_init(&ov, &cfg, &officers[2], NOW, "en");
	for (i = 0; i < sizeof v / sizeof v[0]; i++)
		overview_add(&ov, &v[i]);
	CHECK_INT(ov.count[OV_MINE], 0);
	CHECK_INT(ov.count[OV_UNASSIGNED], 2);
	CHECK(listed(ov.list[OV_UNASSIGNED].data, "KL-D"));
	CHECK(listed(ov.list[OV_UNASSIGNED].data, "KL-I"));
	CHECK_STR(overview_list(&ov, OV_MINE), "");
	CHECK(strstr(overview_list(&ov, OV_DUE), "due 1 December 2026, "
	    "acknowledged, Jan de Boer") != NULL);
	overview_free(&ov);
}

static void
test_cap(void)
{
	struct overview	 ov;
	struct case_row	 r = row("KL-X", "anna", "afval", "in_progress",
	    CAL_DAY, 0, 0);
	const char	*l;
	int		 i, lines = 0;

	overview_init(&ov, &cfg, &officers[0], NOW, "nl");
	for (i = 0; i < OVERVIEW_LINES + 7; i++)
		overview_add(&ov, &r);
	CHECK_INT(ov.count[OV_MINE], OVERVIEW_LINES + 7);
	l = overview_list(&ov, OV_MINE);
	for (; (l = strchr(l, '\n')) != NULL; l++)
		lines++;
	CHECK_INT(lines, OVERVIEW_LINES + 1);
	CHECK(strstr(overview_list(&ov, OV_MINE), "\n- ... en nog 7\n") !=
	    NULL);
	/* Asking twice adds nothing. */
	l = overview_list(&ov, OV_MINE);
	CHECK(strstr(l, "en nog 7\n- ...") == NULL);
	overview_free(&ov);
}

/* -------------------------------------------------------------- search */

static void
test_query(void)
{
	static const struct { const char *in, *out; } t[] = {
		{ "jan", "\"jan\"" },
		{ "  Jan   de\tBoer ", "\"Jan\" \"de\" \"Boer\"" },
		{ "a\"b", "\"a\"\"b\"" },
		{ "\"", NULL },
		{ "* - ( ) : ^ \"\"", NULL },
		{ "", NULL },
		{ "NEAR(jan boer)", "\"NEAR(jan\" \"boer)\"" },
		{ "jan OR piet", "\"jan\" \"OR\" \"piet\"" },
		{ "-jan name:piet pie*", "\"-jan\" \"name:piet\" \"pie*\"" },
		{ "café", "\"café\"" },
	};
	size_t	i;
	char	*q, long_word[300];

	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		q = store_search_query(t[i].in);
		CHECK_STR(q, t[i].out);
		free(q);
	}
	CHECK(store_search_query(NULL) == NULL);
	memset(long_word, 'x', sizeof long_word - 1);
	long_word[sizeof long_word - 1] = '\0';
	q = store_search_query(long_word);
	CHECK_INT(strlen(q), SEARCH_MAX_WORD + 2);
	free(q);
	q = store_search_query("a b c d e f g h i j k l m n o p q r s t");
	CHECK_INT(strlen(q), SEARCH_MAX_WORDS * 4 - 1);
	free(q);
}

static int
collect(const struct case_row *c, void *arg)
{
	struct buf *b = arg;

	buf_printf(b, "%s ", c->ref);
	return 0;
}

/* The references a search finds, newest first, space-separated. */
static char *
find(struct store *st, const char *text, enum kres *r)
{
	struct buf	 b;
	char		*why = NULL;

	buf_init(&b);
	buf_adds(&b, "");
	*r = store_search_foreach(st, text, collect, &b, &why);
	free(why);
	return buf_detach(&b, NULL);
}

static void
check_find(struct store *st, const char *text, const char *want)
{
	enum kres	 r;
	char		*got = find(st, text, &r);

	if (strcmp(got, want) != 0 || r != KR_OK)
		fprintf(stderr, "search \"%s\"\n", text);
	CHECK_INT(r, KR_OK);
	CHECK_STR(got, want);
	free(got);
}

static int64_t
add_case(struct store *st, const char *email, const char *name,
    const char *subject, const char *body, int64_t at)
{
	struct case_new	 n;
	struct store_msg m;
	int64_t		 id = 0, mid;
	char		*ref = NULL, *why = NULL, *key;

	memset(&n, 0, sizeof n);
	n.prefix = "KL";
	n.year = 2026;
	n.status = "acknowledged";
	n.complainant_email = email;
	n.complainant_name = name;
	n.subject = subject;
	n.language = "nl";
	n.received_at = at;
	n.due_at = at + 42 * CAL_DAY;
	CHECK_INT(store_case_create(st, &n, &id, &ref, &why), KR_OK);
	free(ref);
	memset(&m, 0, sizeof m);
	m.case_id = id;
	key = xasprintf("k%lld", (long long)at);
	m.dedupe_key = key;
	m.kind = "complaint";
	m.source = "pipe";
	m.body = body;
	m.raw = "x";
	m.raw_len = 1;
	m.received_at = at;
	CHECK_INT(store_msg_add(st, &m, &mid, &why), KR_OK);
	free(key);
	free(why);
	return id;
}

static void
test_store_search(void)
{
	char		 dir[] = "/tmp/test_overview.XXXXXX", *path, *why = NULL;
	char		*got;
	struct store	*st;
	struct store_msg m;
	enum kres	 r;

	CHECK(mkdtemp(dir) != NULL);
	path = xasprintf("%s/k.db", dir);
	st = store_open(path, 1000, &why);
	CHECK(st != NULL);
	if (st == NULL) {
		fprintf(stderr, "%s\n", why);
		return;
	}
	CHECK_INT(store_begin(st, &why), KR_OK);
	add_case(st, "jan.deboer@example.net", "Jan de Boer",
	    "Container niet geleegd", "De container in de Dorpsstraat is "
	    "niet geleegd.", NOW - 3 * CAL_DAY);
	add_case(st, "piet@example.org", "Piet Pieterse", "Lantaarnpaal",
	    "De lantaarnpaal bij het café is kapot. OR NEAR", NOW - 2 * CAL_DAY);
	add_case(st, "marie@example.org", "Marie Jansen", "Parkeren",
	    "Een boete voor het parkeren, jan kwam ook.", NOW - CAL_DAY);
	/* A reply adds its text to its case. */
	memset(&m, 0, sizeof m);
	m.case_id = 1;
	m.dedupe_key = "reply1";
	m.kind = "reply";
	m.source = "pipe";
	m.body = "Aanvulling: ook de glasbak is vol.";
	m.raw = "y";
	m.raw_len = 1;
	m.received_at = NOW;
	CHECK_INT(store_msg_add(st, &m, NULL, &why), KR_OK);
	/* An officer's own mail (commands, the quoted complaint) is not
	 * searched. */
	m.dedupe_key = "officer1";
	m.kind = "officer";
	m.body = "#zoek vuilniswagen";
	CHECK_INT(store_msg_add(st, &m, NULL, &why), KR_OK);
	CHECK_INT(store_commit(st, &why), KR_OK);
	check_find(st, "vuilniswagen", "");

	check_find(st, "jan", "KL-2026-00003 KL-2026-00001 ");
	check_find(st, "Jan de Boer", "KL-2026-00001 ");
	check_find(st, "jan.deboer@example.net", "KL-2026-00001 ");
	check_find(st, "piet@example.org", "KL-2026-00002 ");
	check_find(st, "KL-2026-00002", "KL-2026-00002 ");
	check_find(st, "lantaarnpaal", "KL-2026-00002 ");
	check_find(st, "glasbak", "KL-2026-00001 ");	/* the reply */
	check_find(st, "cafe", "KL-2026-00002 ");	/* diacritics */
	check_find(st, "boete jansen", "KL-2026-00003 ");
	check_find(st, "boete piet", "");
	/* FTS5 syntax is text: none of these is an error, and each finds
	 * only what holds the words themselves. */
	check_find(st, "jan OR piet", "");
	check_find(st, "OR", "KL-2026-00002 ");
	check_find(st, "NEAR(", "KL-2026-00002 ");
	/* A word with punctuation is the phrase of its parts. */
	check_find(st, "NEAR(lantaarnpaal", "");
	check_find(st, "kapot.OR", "KL-2026-00002 ");
	check_find(st, "lantaarn*", "");
	check_find(st, "\"jan", "KL-2026-00003 KL-2026-00001 ");
	check_find(st, "-jan", "KL-2026-00003 KL-2026-00001 ");
	check_find(st, "name:piet", "");
	check_find(st, "jan ^ * -", "KL-2026-00003 KL-2026-00001 ");
	got = find(st, "* - \"", &r);
	CHECK_INT(r, KR_INVALID);
	free(got);

	/* The purge blanks the case and its messages: nothing is found by
	 * them any more. */
	CHECK_INT(store_begin(st, &why), KR_OK);
	CHECK_INT(store_case_purge(st, 1, NOW, "test", &why), KR_OK);
	CHECK_INT(store_commit(st, &why), KR_OK);
	check_find(st, "glasbak", "");
	check_find(st, "jan", "KL-2026-00003 ");
	check_find(st, "KL-2026-00001", "KL-2026-00001 ");
	free(why);
	store_close(st);
	unlink(path);
	free(path);
	path = xasprintf("%s/k.db-wal", dir);
	unlink(path);
	free(path);
	path = xasprintf("%s/k.db-shm", dir);
	unlink(path);
	free(path);
	rmdir(dir);
}

int
main(void)
{
	setup_cfg();
	test_generated();
	test_handmade();
	test_cap();
	test_query();
	test_store_search();
	return check_done();
}
