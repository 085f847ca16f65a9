/* Unit tests: departments and causes in the configuration (issue 15,
 * cfg_class.c): defaults, lookups and the errors. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cfg.h"
#include "check.h"
#include "util.h"

static struct cfg *
load(const char *text, char **why)
{
	char		 path[] = "/tmp/test_cfg_class.XXXXXX";
	int		 fd = mkstemp(path);
	FILE		*f;
	struct cfg	*c;

	if (fd == -1 || (f = fdopen(fd, "w")) == NULL)
		abort();
	fputs(text, f);
	fclose(f);
	*why = NULL;
	c = cfg_load(path, NULL, why);
	unlink(path);
	return c;
}

int
main(void)
{
	struct cfg	*c;
	char		*why = NULL;

	/* Defaults: no departments, the five causes. */
	c = cfg_load(NULL, "/tmp/st", &why);
	CHECK(c != NULL);
	if (c != NULL) {
		CHECK_INT(c->ndepartments, 0);
		CHECK_INT(c->ncauses, 5);
		CHECK_STR(c->causes[0], "proces");
		CHECK_STR(c->causes[4], "ketenpartner");
		CHECK(c->causes[5] == NULL);
		CHECK_STR(cfg_cause_by_id(c, "gedrag"), "gedrag");
		CHECK(cfg_cause_by_id(c, "weer") == NULL);
		CHECK(cfg_department_by_id(c, "wonen") == NULL);
		cfg_free(c);
	}

	c = load("departments = ( { id = \"burgerzaken\"; name = "
	    "\"Burgerzaken\"; }, { id = \"wonen\"; } );\n"
	    "causes = [ \"proces\", \"fout-systeem\" ];\n", &why);
	CHECK(c != NULL);
	if (c != NULL) {
		CHECK_INT(c->ndepartments, 2);
		CHECK_STR(cfg_department_by_id(c, "burgerzaken")->name,
		    "Burgerzaken");
		CHECK_STR(cfg_department_by_id(c, "wonen")->name, "wonen");
		CHECK(cfg_department_by_id(c, "Wonen") == NULL);
		CHECK_INT(c->ncauses, 2);
		CHECK_STR(cfg_cause_by_id(c, "fout-systeem"), "fout-systeem");
		CHECK(cfg_cause_by_id(c, "gedrag") == NULL);
		cfg_free(c);
	}
	/* An empty list turns #oorzaak off. */
	c = load("causes = [ ];\n", &why);
	CHECK(c != NULL && c->ncauses == 0);
	cfg_free(c);

	/* Errors, each with its line. */
	c = load("\ndepartments = ( { id = \"Burger Zaken\"; } );\n", &why);
	CHECK(c == NULL);
	CHECK_CONTAINS(why, ":2: departments: each needs an id");
	free(why);
	c = load("departments = ( { id = \"a\"; },\n { id = \"a\"; } );\n",
	    &why);
	CHECK(c == NULL);
	CHECK_CONTAINS(why, ":2: departments: \"a\" is listed twice");
	free(why);
	c = load("departments = ( { id = \"a\"; colour = \"red\"; } );\n",
	    &why);
	CHECK(c == NULL);
	free(why);
	c = load("causes = [ \"proces\", \"proces\" ];\n", &why);
	CHECK(c == NULL);
	CHECK_CONTAINS(why, "causes: \"proces\" is listed twice");
	free(why);
	c = load("causes = [ \"Gedrag!\" ];\n", &why);
	CHECK(c == NULL);
	CHECK_CONTAINS(why, "causes: each must be a word");
	free(why);
	return check_done();
}
