/*
 * officer_letter.c -- the commands about what the letters to the
 * complainant say (issue 16): #summary / #omschrijving, the complaint in
 * the organisation's words.  Handlers of the command table (cmdtable.c),
 * called by officer_exec.c inside the savepoint of the reply.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "case.h"
#include "officer_exec.h"
#include "outmail.h"
#include "util.h"

/* s with every run of white space one blank, trimmed.  Caller frees. */
static char *
one_line(const char *s)
{
	struct buf	b;
	int		blank = 0;

	buf_init(&b);
	for (; *s != '\0'; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') {
			blank = b.len > 0;
			continue;
		}
		if (blank)
			buf_addc(&b, ' ');
		blank = 0;
		buf_addc(&b, *s);
	}
	return buf_detach(&b, NULL);
}

/* Characters (UTF-8 code points) in s. */
static size_t
chars(const char *s)
{
	size_t	n = 0;

	for (; *s != '\0'; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

/*
 * #summary: stored on the case (event "summary"); every later letter
 * names the complaint by it (outmail.h: {{about}}).  Longer than a
 * letter shows is refused rather than cut: the officer chooses the words.
 */
enum kres
officer_do_summary(struct officer_exec *x, const struct cmd *cmd,
    char **cause)
{
	char		*text = one_line(cmd->text);
	size_t		 n = chars(text);
	enum kres	 r;

	if (n > OUTMAIL_SUMMARY_MAX) {
		free(text);
		return officer_exec_fail(x, x->en ? "the summary has %zu "
		    "characters; the letters show at most %d: shorten it" :
		    "de omschrijving heeft %zu tekens; de brieven tonen er "
		    "hoogstens %d: maak haar korter", n, OUTMAIL_SUMMARY_MAX);
	}
	r = case_set_summary(x->k->st, &x->c, x->o->id, text, x->now, cause);
	if (r == KR_OK)
		officer_exec_change(x, x->en ? "summary for the letters: \"%s\"" :
		    "omschrijving voor de brieven: \"%s\"", text);
	free(text);
	return r;
}
