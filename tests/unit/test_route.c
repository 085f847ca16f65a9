/*
 * Unit tests (issue 14): which category a complaint's address names
 * (route.c) -- categories[].addresses, klachten+<category>@, never a
 * reply token, a confidential category winning -- the checks of
 * categories[].addresses and officers[].triage in the configuration,
 * who gets an uncategorised case (officer_routes), and the channel
 * words (register.c).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cfg.h"
#include "check.h"
#include "officer.h"
#include "register.h"
#include "route.h"
#include "util.h"

static struct cfg *
load(const char *text, char **why)
{
	char		 path[] = "/tmp/klachtd-route-XXXXXX";
	int		 fd = mkstemp(path);
	FILE		*f = fdopen(fd, "w");
	struct cfg	*c;

	fputs(text, f);
	fclose(f);
	*why = NULL;
	c = cfg_load(path, NULL, why);
	unlink(path);
	return c;
}

#define ORG "organisation = { name = \"X\"; address = " \
	"\"klachten@x.example\"; };\nstate_dir = \"/tmp/x\";\n"
#define CATS "categories = ( { id = \"afval\"; }, { id = \"a.b\"; }, " \
	"{ id = \"gedrag\"; confidential = true; addresses = " \
	"[ \"Vertrouwelijk@x.example\" ]; } );\n"

/* The category id route_category() finds for these recipients, or
 * "-". */
static const char *
route(const struct cfg *c, const char *r1, const char *r2)
{
	struct mail			 m;
	char				*rc[2];
	const struct cfg_category	*cat;

	memset(&m, 0, sizeof m);
	rc[0] = (char *)r1;
	rc[1] = (char *)r2;
	m.rcpts = rc;
	m.nrcpts = r2 ? 2 : 1;
	cat = route_category(c, &m);
	return cat ? cat->id : "-";
}

int
main(void)
{
	struct cfg	*c;
	char		*why;

	c = load(ORG CATS "officers = ( { id = \"tina\"; email = "
	    "\"t@x.example\"; categories = [ \"afval\" ]; triage = true; }, "
	    "{ id = \"bob\"; email = \"b@x.example\"; }, { id = \"carla\"; "
	    "email = \"c@x.example\"; categories = [ \"gedrag\" ]; } );\n",
	    &why);
	CHECK(c != NULL);
	if (c == NULL) {
		fprintf(stderr, "%s\n", why);
		return check_done();
	}
	CHECK_STR(route(c, "klachten@x.example", NULL), "-");
	CHECK_STR(route(c, "klachten+afval@x.example", NULL), "afval");
	CHECK_STR(route(c, "vertrouwelijk@x.example", NULL), "gedrag");
	/* Another domain, another local part, a longer word: no. */
	CHECK_STR(route(c, "klachten+afval@y.example", NULL), "-");
	CHECK_STR(route(c, "melding+afval@x.example", NULL), "-");
	CHECK_STR(route(c, "klachten+afvalx@x.example", NULL), "-");
	CHECK_STR(route(c, "klachten+onzin@x.example", NULL), "-");
	/* A dotted plus part is a token's form: never a category. */
	CHECK_STR(route(c, "klachten+a.b@x.example", NULL), "-");
	CHECK_STR(route(c, "klachten+kl-2026-00001.anna.52093f9a0c6e1b2d4f70"
	    "@x.example", NULL), "-");
	/* The confidential one wins, whatever the order. */
	CHECK_STR(route(c, "klachten+afval@x.example",
	    "vertrouwelijk@x.example"), "gedrag");
	CHECK_STR(route(c, "vertrouwelijk@x.example",
	    "klachten+afval@x.example"), "gedrag");
	/* Triage: an uncategorised case only to tina; a categorised one
	 * as before. */
	CHECK(officer_routes(c, cfg_officer_by_id(c, "tina"), NULL));
	CHECK(!officer_routes(c, cfg_officer_by_id(c, "bob"), NULL));
	CHECK(!officer_routes(c, cfg_officer_by_id(c, "carla"), NULL));
	CHECK(officer_routes(c, cfg_officer_by_id(c, "bob"), "gedrag"));
	CHECK(!officer_routes(c, cfg_officer_by_id(c, "tina"), "gedrag"));
	cfg_free(c);

	/* No triage officer: every officer, as before. */
	c = load(ORG CATS "officers = ( { id = \"bob\"; email = "
	    "\"b@x.example\"; categories = [ \"afval\" ]; } );\n", &why);
	CHECK(c != NULL);
	if (c != NULL) {
		CHECK(officer_routes(c, cfg_officer_by_id(c, "bob"), NULL));
		cfg_free(c);
	}

	/* Bad addresses. */
	c = load(ORG "categories = ( { id = \"a\"; addresses = [ \"nope\" ]; "
	    "} );\n", &why);
	CHECK(c == NULL);
	CHECK(why != NULL && strstr(why, "addresses must be addresses") !=
	    NULL);
	free(why);
	c = load(ORG "categories = ( { id = \"a\"; addresses = [ "
	    "\"klachten@x.example\" ]; } );\n", &why);
	CHECK(c == NULL);
	CHECK(why != NULL && strstr(why, "organisation's address") != NULL);
	free(why);
	c = load(ORG "categories = ( { id = \"a\"; addresses = [ "
	    "\"v@x.example\" ]; }, { id = \"b\"; addresses = [ "
	    "\"V@x.example\" ]; } );\n", &why);
	CHECK(c == NULL);
	CHECK(why != NULL && strstr(why, "an address of both \"a\" and "
	    "\"b\"") != NULL);
	free(why);
	c = load(ORG "officers = ( { id = \"t\"; email = \"t@x.example\"; "
	    "triage = \"yes\"; } );\n", &why);
	CHECK(c == NULL);
	free(why);

	/* Channel words. */
	CHECK_INT(channel_parse("telefoon"), CH_PHONE);
	CHECK_INT(channel_parse("Phone"), CH_PHONE);
	CHECK_INT(channel_parse("balie"), CH_COUNTER);
	CHECK_INT(channel_parse("counter"), CH_COUNTER);
	CHECK_INT(channel_parse("brief"), CH_LETTER);
	CHECK_INT(channel_parse("letter"), CH_LETTER);
	CHECK_INT(channel_parse("web"), CH_WEB);
	CHECK_INT(channel_parse("webformulier"), CH_WEB);
	CHECK_INT(channel_parse("e-mail"), CH_EMAIL);
	CHECK_INT(channel_parse("duif"), CH_INVALID);
	CHECK_INT(channel_parse(NULL), CH_INVALID);
	CHECK_STR(channel_id(CH_WEB), "webformulier");
	CHECK_STR(channel_label("brief", "en"), "letter");
	CHECK_STR(channel_label("brief", "nl"), "brief");
	CHECK_STR(channel_label("email", "nl"), "e-mail");
	CHECK_STR(channel_label(NULL, "en"), "email");
	return check_done();
}
