/*
 * fuzz_html.c -- libFuzzer target for the HTML-to-text path with a time
 * budget (issue 18 F3): html_scan(), the <style> rules of htmlcss.c and
 * html_to_text_scan(), plus html_meta_charset().
 *
 * The seeds (fuzz/corpus/fuzz_html/) hold the adversarial shapes at up
 * to 32 KiB: one element with thousands of attributes, deep nesting,
 * nesting libxml2 does not close, many elements, long class lists, many
 * style rules.  Run with -timeout=2 (smoke.sh does): a slow input is a
 * finding as much as a crash.  The deterministic check is on the work,
 * though: the scan's statistics must stay within the caps of htmlscan.h.
 * It aborts too when the output of html_scan() is longer than its bound,
 * or html_to_text_scan() gives invalid UTF-8 or a bad line shape.
 */
#include "config.h"

#include <glib.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "htmlcss.h"
#include "htmlscan.h"
#include "textconv.h"
#include "util.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* The promises html_to_text() makes about its text (as fuzz_textconv). */
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

static void
fuzz_check_stats(const struct html_scan_stats *st)
{
	if (st->max_attrs > HTMLSCAN_MAX_ATTRS + 6 ||
	    st->elements > HTMLSCAN_MAX_ELEMENTS ||
	    st->max_depth > HTMLSCAN_MAX_DEPTH ||
	    st->attrs > HTMLSCAN_MAX_ATTRS_TOTAL + 6 * st->elements)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct html_scan_stats	 st;
	struct css_sheet	*sh;
	struct css_vis		 v;
	struct buf		 b;
	const char		*in;
	char			*s, meta[64];
	size_t			 n, outlen;

	buf_init(&b);
	buf_add(&b, data, size);
	in = b.data != NULL ? b.data : "";
	n = b.len;

	/* html_scan() wants no NULs, as html_prepare() leaves it. */
	{
		char	*copy = xmalloc(n + 1);
		size_t	 k = 0;

		for (size_t i = 0; i < n; i++) {
			if (in[i] != '\0')
				copy[k++] = in[i];
		}
		copy[k] = '\0';
		s = html_scan(copy, k, &outlen, &st);
		if (strlen(s) != outlen || outlen > 6 * k + 64)
			abort();
		fuzz_check_stats(&st);
		free(s);

		sh = css_sheet_new();
		css_sheet_add(sh, copy, k);
		if (css_sheet_count(sh) > CSS_MAX_RULES)
			abort();
		css_vis_init(&v);
		css_sheet_match(sh, "p", copy, copy, &v);
		css_decls(copy, k, &v);
		(void)css_vis_hides(&v);
		css_sheet_free(sh);
		free(copy);
	}

	s = html_meta_charset(in, n, meta, sizeof meta);
	if (s != NULL && (s != meta || strlen(meta) == 0))
		abort();

	s = html_to_text_scan(in, n, &st);
	fuzz_check_text(s);
	fuzz_check_stats(&st);
	free(s);
	buf_free(&b);
	return 0;
}
