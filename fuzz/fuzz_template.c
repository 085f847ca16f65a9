/*
 * fuzz_template.c -- libFuzzer target for template rendering: any file
 * an admin might write (or break) must render or fail with a cause, never
 * crash, and a rendered subject never carries a line break.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "template.h"
#include "util.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	static const struct tmpl_var vars[] = {
		{ "reference", "KL-2026-00042" },
		{ "name", "Jan\r\nBcc: x@evil.example" },
		{ "due_date", "2 januari 2027" },
		{ "text", "line one\nline two\r\n" },
		{ "empty", "" },
		{ "flag", "yes" },
	};
	struct tmpl_out	 out;
	char		*text, *why = NULL;

	if (len > 256 * 1024)
		return 0;
	text = xstrndup((const char *)data, len);
	if (tmpl_render(text, "fuzz", vars, sizeof vars / sizeof vars[0],
	    &out, &why) == 0) {
		if (strpbrk(out.subject, "\r\n") != NULL)
			abort();	/* header injection */
		tmpl_out_free(&out);
	} else {
		if (why == NULL)
			abort();	/* every failure says why */
		free(why);
	}
	free(text);
	return 0;
}
