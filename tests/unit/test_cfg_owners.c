/* Unit tests: measures.owners, the named contacts who may own a measure
 * (issue 15, cfg_owners.c), and the scope of their reply token
 * (measure_contact.c, token.c). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cfg.h"
#include "check.h"
#include "mail.h"
#include "measure_contact.h"
#include "token.h"
#include "util.h"

#define OFFICERS "officers = ( { id = \"bob\"; name = \"Bob\"; " \
	"email = \"bob@gemeente.example\"; } );\n" \
	"organisation = { address = \"klachten@testdorp.example\"; };\n"

static struct cfg *
load(const char *owners, char **why)
{
	char		 path[] = "/tmp/test_cfg_owners.XXXXXX";
	int		 fd = mkstemp(path);
	FILE		*f;
	struct cfg	*c;

	if (fd == -1 || (f = fdopen(fd, "w")) == NULL)
		abort();
	fprintf(f, "%smeasures = { owners = ( %s ); };\n", OFFICERS, owners);
	fclose(f);
	*why = NULL;
	c = cfg_load(path, NULL, why);
	unlink(path);
	return c;
}

/* The config must be refused with a message holding want. */
static void
refused(const char *owners, const char *want)
{
	struct cfg	*c;
	char		*why;

	c = load(owners, &why);
	CHECK(c == NULL);
	if (c != NULL)
		cfg_free(c);
	CHECK(why != NULL && strstr(why, want) != NULL);
	if (why == NULL || strstr(why, want) == NULL)
		fprintf(stderr, "want \"%s\" in: %s\n", want, why ? why : "-");
	free(why);
}

/* Whether a mail to rcpt goes the measure owner's way. */
static int
addressed(const struct cfg *c, const char *rcpt)
{
	struct mail	m;
	char		*v[1];

	memset(&m, 0, sizeof m);
	v[0] = (char *)rcpt;
	m.rcpts = v;
	m.nrcpts = 1;
	return measure_contact_addressed(c, &m);
}

int
main(void)
{
	static const unsigned char key[] = "0123456789abcdef0123456789abcdef";
	struct cfg	*c;
	char		*why = NULL, *tok, *ref, *id, *addr;

	c = load("{ id = \"facilitair\"; name = \"Team Facilitair\"; "
	    "email = \"Facilitair@Gemeente.example\"; }, "
	    "{ id = \"ict.beheer\"; email = \"ict@gemeente.example\"; }", &why);
	CHECK(c != NULL);
	if (c == NULL) {
		fprintf(stderr, "%s\n", why ? why : "-");
		return 1;
	}
	CHECK_INT(c->nmeasure_owners, 2);
	CHECK_STR(cfg_owner_by_id(c, "facilitair")->name, "Team Facilitair");
	CHECK_STR(cfg_owner_by_id(c, "ict.beheer")->name, "ict.beheer");
	CHECK(cfg_owner_by_id(c, "bob") == NULL);
	CHECK(cfg_owner_by_email(c, "facilitair@gemeente.example") ==
	    cfg_owner_by_id(c, "facilitair"));
	CHECK(cfg_owner_by_email(c, "bob@gemeente.example") == NULL);

	/* Mail to klachten+m-...@ is a measure owner's; a case's is not,
	 * nor another domain's. */
	CHECK(addressed(c, "klachten+m-2026-0001.facilitair.0001aa@"
	    "testdorp.example"));
	CHECK(!addressed(c, "klachten+kl-2026-00001.bob.0001aa@"
	    "testdorp.example"));
	CHECK(!addressed(c, "klachten+m-2026-0001.facilitair.0001aa@"
	    "elders.example"));
	CHECK(!addressed(c, "klachten@testdorp.example"));

	/* The token names one measure and one contact: it does not verify
	 * for another measure or another contact. */
	tok = token_make(key, sizeof key - 1, "M-2026-0001", "facilitair",
	    20000);
	CHECK(tok != NULL && strncmp(tok, "m-2026-0001.facilitair.", 23) == 0);
	CHECK(token_parse(key, sizeof key - 1, tok, &ref, &id, NULL,
	    NULL) == 0);
	CHECK_STR(ref, "M-2026-0001");
	CHECK_STR(id, "facilitair");
	free(ref);
	free(id);
	addr = xasprintf("m-2026-0002%s", tok + strlen("m-2026-0001"));
	CHECK(token_parse(key, sizeof key - 1, addr, &ref, &id, NULL,
	    NULL) == -1);
	free(addr);
	addr = xasprintf("m-2026-0001.ict.beheer%s", tok + 22);
	CHECK(token_parse(key, sizeof key - 1, addr, &ref, &id, NULL,
	    NULL) == -1);
	free(addr);
	free(tok);
	cfg_free(c);

	/* Mistakes. */
	refused("{ id = \"bob\"; email = \"b@elders.example\"; }",
	    "measures.owners: \"bob\" is also an officer id");
	refused("{ id = \"fac\"; email = \"bob@gemeente.example\"; }",
	    "is an officer's address");
	refused("{ id = \"fac\"; email = \"klachten@testdorp.example\"; }",
	    "is the organisation's address");
	refused("{ id = \"fac\"; email = \"a@x.example\"; }, "
	    "{ id = \"fac\"; email = \"b@x.example\"; }", "listed twice");
	refused("{ id = \"fac\"; email = \"a@x.example\"; }, "
	    "{ id = \"fac2\"; email = \"A@x.example\"; }", "share the address");
	refused("{ id = \"Facilitair\"; email = \"a@x.example\"; }",
	    "each needs an id");
	refused("{ id = \"a-very-long-owner-id-indeed\"; "
	    "email = \"a@x.example\"; }", "each needs an id");
	refused("{ id = \"fac\"; }", "\"fac\" needs a valid email");
	return check_done();
}
