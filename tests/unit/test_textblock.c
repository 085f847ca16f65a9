/* Unit tests: text blocks (#tekst / #snippet, textblock.c) -- the line
 * they stand on, the name check, the expansion against the shipped
 * blocks and a private directory, and the errors. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "textblock.h"
#include "util.h"

static void
test_line(void)
{
	const char	*arg;
	size_t		 len;

	CHECK_INT(textblock_line("#tekst excuses", 14, &arg, &len), 1);
	CHECK_INT((int)len, 7);
	CHECK(strncmp(arg, "excuses", len) == 0);
	CHECK_INT(textblock_line("  #Snippet:  Excuses  \r", 23, &arg, &len), 1);
	CHECK(len == 7 && strncmp(arg, "Excuses", 7) == 0);
	CHECK_INT(textblock_line("#TEKST", 6, &arg, &len), 1);
	CHECK_INT((int)len, 0);
	CHECK_INT(textblock_line("#teksten x", 10, &arg, &len), 0);
	CHECK_INT(textblock_line("zie #tekst x", 12, &arg, &len), 0);
	CHECK_INT(textblock_line("##tekst x", 9, &arg, &len), 0);
	CHECK_INT(textblock_line("#antwoord x", 11, &arg, &len), 0);
}

static void
test_names(void)
{
	CHECK_INT(textblock_name_ok("excuses", 7), 1);
	CHECK_INT(textblock_name_ok("schade-2_b", 10), 1);
	CHECK_INT(textblock_name_ok("", 0), 0);
	CHECK_INT(textblock_name_ok("../../etc/passwd", 16), 0);
	CHECK_INT(textblock_name_ok("x.txt", 5), 0);
	CHECK_INT(textblock_name_ok("a/b", 3), 0);
	CHECK_INT(textblock_name_ok("-rf", 3), 0);
	CHECK_INT(textblock_name_ok("Excuses", 7), 0);	/* lowered first */
	CHECK_INT(textblock_name_ok("a\0b", 3), 0);
	CHECK_INT(textblock_name_ok("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	    "aaaaaaaaaaaaaaaaaaaaa", 65), 0);
}

static void
test_shipped(void)
{
	char	*out = NULL, *why = NULL, *names;

	names = textblock_names(TEMPLATE_DIR, "nl");
	CHECK_STR(names, "excuses, schadeformulier");
	free(names);
	names = textblock_names(TEMPLATE_DIR, "en");
	CHECK_STR(names, "excuses, schadeformulier");
	free(names);

	CHECK_INT(textblock_expand(TEMPLATE_DIR, "nl", "Goed nieuws.\n"
	    "#tekst Excuses\nGroet", 0, &out, &why), 0);
	CHECK(strncmp(out, "Goed nieuws.\nHet spijt ons dat", 30) == 0);
	CHECK_CONTAINS(out, "gebeurt.\nGroet");
	CHECK(strstr(out, "#tekst") == NULL);
	free(out);
	/* The case's language picks the block. */
	CHECK_INT(textblock_expand(TEMPLATE_DIR, "en", "#snippet excuses",
	    1, &out, &why), 0);
	CHECK(strncmp(out, "We are sorry", 12) == 0);
	free(out);

	/* Unknown: the error names the block and the available ones. */
	CHECK_INT(textblock_expand(TEMPLATE_DIR, "nl", "a\n#tekst sorry\n",
	    0, &out, &why), -1);
	CHECK_STR(why, "er is geen tekstblok \"sorry\" in het Nederlands "
	    "(tekstblokken: excuses, schadeformulier)");
	free(why);
	CHECK_INT(textblock_expand(TEMPLATE_DIR, "en", "#snippet ../nl/ack",
	    1, &out, &why), -1);
	CHECK_CONTAINS(why, "there is no text block \"../nl/ack\" in English "
	    "(text blocks: excuses, schadeformulier)");
	free(why);
	CHECK_INT(textblock_expand(TEMPLATE_DIR, "nl", "#tekst", 0, &out,
	    &why), -1);
	CHECK_CONTAINS(why, "#tekst heeft de naam van een tekstblok nodig");
	free(why);
	/* Text without blocks comes back as it was. */
	CHECK_INT(textblock_expand(TEMPLATE_DIR, "nl", "a\n\n#b c\n", 0, &out,
	    &why), 0);
	CHECK_STR(out, "a\n\n#b c\n");
	free(out);
}

static void
test_private(void)
{
	char	 dir[] = "/tmp/test_textblock.XXXXXX", *p, *out = NULL;
	char	*why = NULL, *names;
	FILE	*f;

	CHECK(mkdtemp(dir) != NULL);
	p = xasprintf("%s/nl", dir);
	CHECK(mkdir(p, 0700) == 0);
	free(p);
	names = textblock_names(dir, "nl");
	CHECK_STR(names, "-");		/* no blocks directory */
	free(names);
	p = xasprintf("%s/nl/blocks", dir);
	CHECK(mkdir(p, 0700) == 0);
	free(p);
	/* CRLF and trailing blank lines go; a file that is no valid name
	 * is not offered. */
	p = xasprintf("%s/nl/blocks/b.txt", dir);
	f = fopen(p, "w");
	fputs("regel 1\r\nregel 2\r\n\r\n\n", f);
	fclose(f);
	free(p);
	p = xasprintf("%s/nl/blocks/Not.Valid.txt", dir);
	f = fopen(p, "w");
	fputs("x", f);
	fclose(f);
	free(p);
	names = textblock_names(dir, "nl");
	CHECK_STR(names, "b");
	free(names);
	CHECK_INT(textblock_expand(dir, "nl", "#tekst b\nslot", 0, &out, &why),
	    0);
	CHECK_STR(out, "regel 1\nregel 2\nslot");
	free(out);
	/* Only "en" or "nl" is ever a directory, whatever the store says. */
	CHECK_INT(textblock_expand(dir, "../../x", "#tekst b", 0, &out, &why),
	    0);
	CHECK_STR(out, "regel 1\nregel 2");
	free(out);
	p = xasprintf("rm -rf '%s'", dir);
	CHECK(system(p) == 0);
	free(p);
}

int
main(void)
{
	test_line();
	test_names();
	test_shipped();
	test_private();
	return check_done();
}
