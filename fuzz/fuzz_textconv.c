/*
 * fuzz_textconv.c -- libFuzzer target for textconv.c.
 *
 * The first input byte picks a declared charset; the rest goes through
 * text_to_utf8(), text_normalise_newlines() and html_to_text().  Besides
 * crashes and sanitizer reports it aborts when a promise of the header is
 * broken: invalid UTF-8 out, control characters, trailing blanks, more
 * than one empty line in a row, or empty lines at either end of the HTML
 * rendering.  (Quote-only lines such as ">>" cannot be told from text "&gt;"
 * here, so they are not counted.)
 */
#include "config.h"

#include <glib.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "textconv.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const char *const fuzz_charsets[] = {
	NULL, "", "utf-8", "us-ascii", "iso-8859-1", "windows-1252",
	"iso-8859-15", "x-unknown", "iso-8859-2", "koi8-r", "shift_jis",
	"gb2312", "big5", "euc-kr", "utf-16", "utf-16le", "utf-32", "utf-7",
	"iso-2022-jp", "euc-jp", "hz-gb-2312", "x-nonsense", "utf-8//ignore",
	"cp1250", "macintosh", "ucs-2", "ibm037", "tis-620"
};

/* The promises html_to_text() makes about its text. */
static void
fuzz_check_text(const char *s)
{
	const char	*line, *nl;
	size_t		 len;
	int		 blank, prev_blank = 0;

	if (!g_utf8_validate(s, -1, NULL))
		abort();
	if (*s == '\0')
		return;
	if (s[strlen(s) - 1] != '\n')
		abort();
	for (line = s; *line != '\0'; line = nl + 1) {
		nl = strchr(line, '\n');
		len = (size_t)(nl - line);
		for (size_t i = 0; i < len; i++) {
			if ((unsigned char)line[i] < 0x20 && line[i] != '\t')
				abort();
		}
		if (len > 0 && (line[len - 1] == ' ' || line[len - 1] == '\t'))
			abort();
		blank = (len == 0);
		if (blank && (prev_blank || line == s || nl[1] == '\0'))
			abort();
		prev_blank = blank;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char	*in = (const char *)data, *charset = NULL, *used;
	char		*s;

	if (size > 0) {
		charset = fuzz_charsets[data[0] % G_N_ELEMENTS(fuzz_charsets)];
		in++;
		size--;
	}

	s = text_to_utf8(in, size, charset, &used);
	if (!g_utf8_validate(s, -1, NULL) || used == NULL)
		abort();
	free(s);

	s = text_normalise_newlines(in, size);
	if (strchr(s, '\r') != NULL)
		abort();
	free(s);

	s = html_to_text(in, size);
	fuzz_check_text(s);
	free(s);
	return 0;
}
