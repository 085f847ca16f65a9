/* Unit tests: template rendering (case words: test_casestate.c). */
#include "config.h"

#include <stdlib.h>

#include "check.h"
#include "template.h"
#include "util.h"

static void
test_render(void)
{
	struct tmpl_var v[] = {
		{ "reference", "KL-2026-00042" },
		{ "name", "Jan" },
		{ "evil", "x\r\nBcc: victim@example.org\r\n\r\nbody" },
	};
	struct tmpl_out o;
	char *why = NULL;

	CHECK_INT(tmpl_render("Subject: Ontvangen [{{reference}}]\n\nBeste "
	    "{{ name }},\nref {{reference}}.\n", "t", v, 3, &o, &why), 0);
	CHECK_STR(o.subject, "Ontvangen [KL-2026-00042]");
	CHECK_STR(o.body, "Beste Jan,\nref KL-2026-00042.\n");
	tmpl_out_free(&o);

	/* A value can never add a header line: CR/LF become spaces. */
	CHECK_INT(tmpl_render("Subject: Re: {{evil}}\n\n{{evil}}\n", "t", v, 3,
	    &o, &why), 0);
	CHECK(strchr(o.subject, '\n') == NULL);
	CHECK(strchr(o.subject, '\r') == NULL);
	CHECK_STR(o.subject, "Re: x Bcc: victim@example.org body");
	/* In the body line breaks stay (it is body text), CRs go. */
	CHECK(strchr(o.body, '\r') == NULL);
	tmpl_out_free(&o);

	CHECK_INT(tmpl_render("Subject: x\n\n{{nope}}\n", "f.txt", v, 3, &o,
	    &why), -1);
	CHECK_CONTAINS(why, "f.txt:3: unknown variable {{nope}}");
	free(why);
	why = NULL;
	CHECK_INT(tmpl_render("Subject: x\n\nline\n{{name\n", "f.txt", v, 3,
	    &o, &why), -1);
	CHECK_CONTAINS(why, "f.txt:4:");
	free(why);
	why = NULL;
	CHECK_INT(tmpl_render("Hello\n\nbody", "f.txt", v, 3, &o, &why), -1);
	CHECK_CONTAINS(why, "starts with \"Subject:");
	free(why);
	why = NULL;
	CHECK_INT(tmpl_render("Subject: x\nbody", "f.txt", v, 3, &o, &why), -1);
	CHECK_CONTAINS(why, "blank line");
	free(why);
}

static void
test_conditional(void)
{
	struct tmpl_var v[] = {
		{ "name", "Jan" },
		{ "big", "yes" },
		{ "none", "" },
		{ "nothing", NULL },
	};
	struct tmpl_out o;
	char *why = NULL;

	/* Standalone tags take their whole line; a false block vanishes
	 * without leaving an empty line. */
	CHECK_INT(tmpl_render("Subject: s\n\nBeste {{name}},\n"
	    "{{#if big}}\n  Te groot.\n{{/if}}\n"
	    "  {{#if none}}  \nNiet dit.\n{{/if}}\nGroet\n", "t", v, 4, &o,
	    &why), 0);
	CHECK_STR(o.body, "Beste Jan,\n  Te groot.\nGroet\n");
	tmpl_out_free(&o);

	/* Inline blocks, NULL counts as empty, nesting. */
	CHECK_INT(tmpl_render("Subject: a{{#if big}} (groot){{/if}}"
	    "{{#if nothing}} (niets){{/if}}\n\n"
	    "[{{#if big}}b{{#if none}}n{{/if}}{{#if name}}={{name}}{{/if}}"
	    "{{/if}}]\n", "t", v, 4, &o, &why), 0);
	CHECK_STR(o.subject, "a (groot)");
	CHECK_STR(o.body, "[b=Jan]\n");
	tmpl_out_free(&o);

	/* Errors name the line; a typo inside a false block is found. */
	CHECK_INT(tmpl_render("Subject: x\n\nok\n{{#if nope}}x{{/if}}\n",
	    "f.txt", v, 4, &o, &why), -1);
	CHECK_CONTAINS(why, "f.txt:4: unknown variable {{#if nope}}");
	free(why);
	why = NULL;
	CHECK_INT(tmpl_render("Subject: x\n\n{{#if none}}\n{{typo}}\n"
	    "{{/if}}\n", "f.txt", v, 4, &o, &why), -1);
	CHECK_CONTAINS(why, "f.txt:4: unknown variable {{typo}}");
	free(why);
	why = NULL;
	CHECK_INT(tmpl_render("Subject: x\n\n\n{{#if big}}\nopen\n",
	    "f.txt", v, 4, &o, &why), -1);
	CHECK_CONTAINS(why, "f.txt:4: {{#if big}} without {{/if}}");
	free(why);
	why = NULL;
	CHECK_INT(tmpl_render("Subject: x\n\nline\n{{/if}}\n", "f.txt", v,
	    4, &o, &why), -1);
	CHECK_CONTAINS(why, "f.txt:4: {{/if}} without {{#if");
	free(why);
	why = NULL;
	/* Nested: the inner {{/if}} does not close the outer block. */
	CHECK_INT(tmpl_render("Subject: x\n\n{{#if big}}{{#if big}}i{{/if}}"
	    "\n", "f.txt", v, 4, &o, &why), -1);
	CHECK_CONTAINS(why, "without {{/if}}");
	free(why);
	why = NULL;
	/* Lines after a block are counted right in later errors. */
	CHECK_INT(tmpl_render("Subject: x\n\n{{#if big}}\na\nb\n{{/if}}\n"
	    "{{bad}}\n", "f.txt", v, 4, &o, &why), -1);
	CHECK_CONTAINS(why, "f.txt:7: unknown variable {{bad}}");
	free(why);
}

int
main(void)
{
	test_render();
	test_conditional();
	return check_done();
}
