/* Unit tests: configuration loading and its error messages. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "cfg.h"
#include "check.h"
#include "util.h"

static char *
write_tmp(const char *text)
{
	char	 path[] = "/tmp/klachtd-cfg-XXXXXX";
	int	 fd = mkstemp(path);
	FILE	*f = fdopen(fd, "w");

	fputs(text, f);
	fclose(f);
	return xstrdup(path);
}

static struct cfg *
load(const char *text, char **why)
{
	char		*p = write_tmp(text);
	struct cfg	*c;

	*why = NULL;
	c = cfg_load(p, NULL, why);
	unlink(p);
	free(p);
	return c;
}

int
main(void)
{
	struct cfg	*c;
	char		*why;

	/* Built-in defaults. */
	c = cfg_load(NULL, "/tmp/st", &why);
	CHECK(c != NULL);
	CHECK_STR(c->database, "/tmp/st/klachtd.db");
	CHECK_STR(c->intake_maildir, "/tmp/st/inbox");
	CHECK_STR(c->out_maildir, "/tmp/st/outgoing");
	CHECK_INT(c->term_decide, 42 * 86400);
	CHECK_INT(c->outgoing, CFG_OUT_MAILDIR);
	CHECK_STR(c->language, "nl");
	cfg_free(c);

	/* A full configuration. */
	c = load("organisation = { name = \"Gemeente X\"; address = "
	    "\"klachten@x.example\"; };\n"
	    "state_dir = \"/tmp/x\";\n"
	    "terms = { decide = \"10w\"; };\n"
	    "limits = { max_message_size = \"2M\"; };\n"
	    "outgoing = { smtp = { url = \"smtp://127.0.0.1:2525\"; "
	    "starttls = \"no\"; user = \"u\"; password_file = \"/p\"; }; "
	    "retry = { min = \"30s\"; max = \"2h\"; }; };\n"
	    "categories = ( { id = \"afval\"; name = \"Afval\"; }, "
	    "{ id = \"gedrag\"; confidential = true; } );\n"
	    "officers = ( { id = \"anna\"; name = \"Anna\"; email = "
	    "\"Anna@X.example\"; categories = [\"afval\"]; } );\n", &why);
	CHECK(c != NULL);
	if (c != NULL) {
		CHECK_INT(c->term_decide, 70 * 86400);
		CHECK_INT(c->max_message_size, 2 * 1024 * 1024);
		CHECK_INT(c->outgoing, CFG_OUT_SMTP);
		CHECK_INT(c->smtp.starttls, CFG_TLS_NO);
		CHECK_INT(c->retry_min, 30);
		CHECK_INT(c->retry_max, 7200);
		CHECK_INT(c->ncategories, 2);
		CHECK(c->categories[1].confidential);
		CHECK(cfg_officer_by_email(c, "anna@x.example") != NULL);
		CHECK(cfg_officer_by_id(c, "anna") != NULL);
		CHECK(cfg_category_by_id(c, "gedrag") != NULL);
		cfg_free(c);
	} else {
		fprintf(stderr, "%s\n", why);
		free(why);
	}

	/* A typo is reported with its line, not ignored. */
	c = load("organisation = {\n  name = \"X\";\n  adress = \"k@x\";\n};\n",
	    &why);
	CHECK(c == NULL);
	CHECK_CONTAINS(why, ":3: unknown setting \"organisation.adress\"");
	CHECK_CONTAINS(why, "allowed here: name, address");
	free(why);

	/* Several problems are all reported. */
	c = load("language = \"fr\";\nterms = { decide = \"six weeks\"; };\n"
	    "outgoing = { smtp = { url = \"http://x\"; }; };\n"
	    "officers = ( { id = \"Bad Id\"; email = \"nope\"; } );\n", &why);
	CHECK(c == NULL);
	CHECK_CONTAINS(why, ":1: language must be");
	CHECK_CONTAINS(why, ":2: terms.decide: invalid duration");
	CHECK_CONTAINS(why, ":3: outgoing.smtp.url must start with");
	CHECK_CONTAINS(why, ":4: officers: each officer needs an id");
	CHECK_CONTAINS(why, "needs a valid email");
	free(why);

	/* An authserv-id that is no host name (issue 18: the fuzzer's
	 * quoted "mx;gemeente" matched such an id) is refused. */
	c = load("auth = {\n require = \"dkim\";\n authserv_id = \"mx;gemeente\";\n};\n",
	    &why);
	CHECK(c == NULL);
	CHECK_CONTAINS(why, ":3: auth.authserv_id must be a host name");
	free(why);
	c = load("auth = { require = \"dkim\"; authserv_id = \"mx-1.gemeente.nl\"; };\n",
	    &why);
	CHECK(c != NULL);
	cfg_free(c);

	/* Syntax errors carry the line from libconfig. */
	c = load("organisation = {\n name = \"X\";\n address = ;\n};\n", &why);
	CHECK(c == NULL);
	CHECK_CONTAINS(why, ":3: syntax error");
	free(why);

	/* Wrong types. */
	c = load("limits = { auto_replies_per_day = \"five\"; };\n"
	    "categories = { id = \"x\"; };\n", &why);
	CHECK(c == NULL);
	CHECK_CONTAINS(why, ":1: limits.auto_replies_per_day must be an integer");
	CHECK_CONTAINS(why, ":2: categories must be a list");
	free(why);

	/* Unknown category on an officer; both maildir and smtp. */
	c = load("officers = ( { id = \"a\"; email = \"a@x.example\"; "
	    "categories = [\"nope\"]; } );\n"
	    "outgoing = { maildir = { path = \"/x\"; }; smtp = { url = "
	    "\"smtp://h\"; }; };\n", &why);
	CHECK(c == NULL);
	CHECK_CONTAINS(why, "unknown category \"nope\"");
	CHECK_CONTAINS(why, "configure maildir or smtp, not both");
	free(why);

	/* Issue 14: categories[].excluded_officers names officers (Awb
	 * 9:7); terms.auto_reopen is off unless set. */
	c = load("categories = ( { id = \"p\"; excluded_officers = "
	    "[ \"a\", \"zed\" ]; } );\n"
	    "officers = ( { id = \"a\"; email = \"a@x.example\"; } );\n",
	    &why);
	CHECK(c == NULL);
	CHECK_CONTAINS(why, "categories: \"p\" excludes unknown officer "
	    "\"zed\"");
	free(why);
	c = load("categories = ( { id = \"p\"; excluded_officers = "
	    "[ \"a\" ]; }, { id = \"q\"; } );\n"
	    "officers = ( { id = \"a\"; email = \"a@x.example\"; } );\n",
	    &why);
	CHECK(c != NULL);
	if (c != NULL) {
		CHECK_STR(c->categories[0].excluded_officers[0], "a");
		CHECK(c->categories[0].excluded_officers[1] == NULL);
		CHECK(c->categories[1].excluded_officers[0] == NULL);
		CHECK_INT(c->auto_reopen, 0);
		cfg_free(c);
	}
	c = load("terms = { auto_reopen = true; };\n", &why);
	CHECK(c != NULL);
	if (c != NULL) {
		CHECK_INT(c->auto_reopen, 1);
		cfg_free(c);
	}

	/* Found by fuzz_cfg: a wrong type is reported once and never read
	 * as a string (NULL dereference), and a non-string in an officer's
	 * categories leaves no hole that cfg_free would stop at (leak: the
	 * unit tests run under LeakSanitizer in CI). */
	c = load("workdays = {\n  hours = [ \"2026-12-24\" ]\n};\n", &why);
	CHECK(c == NULL);
	CHECK_CONTAINS(why, ":2: workdays.hours must be a string");
	free(why);
	c = load("categories = ( { id = \"afval\"; } );\nofficers = ( { id = "
	    "\"a\"; email = \"a@x.example\"; categories = ( \"afval\", 1, "
	    "\"afval\" ); } );\n", &why);
	CHECK(c == NULL);
	CHECK_CONTAINS(why, "must be an array of strings");
	free(why);

	/* Issue 13: officers[].absent is a day (normalised), substitute an
	 * officer other than the one away. */
	c = load("officers = ( { id = \"a\"; email = \"a@x.example\"; "
	    "absent = \"24-12-2026\"; substitute = \"b\"; },\n"
	    "{ id = \"b\"; email = \"b@x.example\"; } );\n", &why);
	CHECK(c != NULL);
	if (c != NULL) {
		CHECK_STR(c->officers[0].absent, "2026-12-24");
		CHECK_STR(c->officers[0].substitute, "b");
		CHECK(c->officers[1].absent == NULL);
		cfg_free(c);
	}
	c = load("officers = (\n{ id = \"a\"; email = \"a@x.example\"; "
	    "absent = \"kerst\"; substitute = \"zoe\"; },\n"
	    "{ id = \"b\"; email = \"b@x.example\"; substitute = \"b\"; } );\n",
	    &why);
	CHECK(c == NULL);
	CHECK_CONTAINS(why, ":2: officers: \"a\": absent = \"kerst\" is no date");
	CHECK_CONTAINS(why, ":2: officers: \"a\": substitute \"zoe\" is no officer");
	CHECK_CONTAINS(why, ":3: officers: \"b\" cannot be their own substitute");
	free(why);
	why = NULL;
	/* digest.weekly and officers[].digest (issue 13): off by default,
	 * on per officer unless switched off; a bad moment is an error. */
	c = cfg_load(NULL, "/tmp/st", &why);
	CHECK(c != NULL && c->overview_wday == -1);
	cfg_free(c);
	c = load("digest = { weekly = \"dinsdag 07:30\"; };\nofficers = ( { "
	    "id = \"a\"; email = \"a@x.example\"; }, { id = \"b\"; email = "
	    "\"b@x.example\"; digest = false; } );\n", &why);
	CHECK(c != NULL);
	if (c != NULL) {
		CHECK_INT(c->overview_wday, 2);
		CHECK_INT(c->overview_min, 7 * 60 + 30);
		CHECK_INT(c->officers[0].digest, 1);
		CHECK_INT(c->officers[1].digest, 0);
		cfg_free(c);
	}
	c = load("digest = { weekly = \"none\"; };\n", &why);
	CHECK(c != NULL && c->overview_wday == -1);
	cfg_free(c);
	c = load("\ndigest = { weekly = \"someday\"; };\n", &why);
	CHECK(c == NULL);
	CHECK_CONTAINS(why, ":2: digest.weekly: ");
	free(why);
	c = load("digest = { monthly = \"monday 08:00\"; };\n", &why);
	CHECK(c == NULL);
	free(why);

	/* satisfaction.after (issue 15): off by default, a duration up to
	 * a year. */
	c = cfg_load(NULL, "/tmp/st", &why);
	CHECK(c != NULL && c->satisfaction_after == 0);
	cfg_free(c);
	c = load("satisfaction = { after = \"14d\"; };\n", &why);
	CHECK(c != NULL && c->satisfaction_after == 14 * 86400);
	cfg_free(c);
	c = load("\nsatisfaction = { after = \"2y\"; };\n", &why);
	CHECK(c == NULL);
	CHECK_CONTAINS(why, ":2: satisfaction.after ");
	free(why);
	/* redirect.* (issue 15): none by default; addresses only; the
	 * kinds are the five the law names. */
	c = cfg_load(NULL, "/tmp/st", &why);
	CHECK(c != NULL && c->redirect[0] == NULL && c->redirect[1] == NULL &&
	    c->redirect[4] == NULL);
	cfg_free(c);
	c = load("redirect = { woo = \"woo@x.example\"; overig = "
	    "\"info@x.example\"; };\n", &why);
	CHECK(c != NULL);
	if (c != NULL) {
		CHECK(c->redirect[0] == NULL);
		CHECK_STR(c->redirect[1], "woo@x.example");
		CHECK_STR(c->redirect[4], "info@x.example");
		cfg_free(c);
	}
	c = load("\nredirect = {\n  bezwaar = \"bezwaar afdeling\"; };\n",
	    &why);
	CHECK(c == NULL);
	CHECK_CONTAINS(why, ":3: redirect.bezwaar must be an address like");
	free(why);
	c = load("redirect = { wob = \"wob@x.example\"; };\n", &why);
	CHECK(c == NULL);
	free(why);

	/* A missing file says so. */
	c = cfg_load("/nonexistent/klachtd.conf", NULL, &why);
	CHECK(c == NULL);
	CHECK_CONTAINS(why, "/nonexistent/klachtd.conf: cannot read");
	free(why);
	return check_done();
}
