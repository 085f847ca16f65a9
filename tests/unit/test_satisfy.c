/*
 * test_satisfy.c -- what counts as an answer to the satisfaction
 * question (satisfy_parse, satisfy.h): a digit 1-5 at the start of the
 * mail's own text, and the sentence after it.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "satisfy.h"

/* text gives score want (0: no answer) and, when an answer, comment. */
static void
ans(const char *text, int want, const char *comment)
{
	char	*c = NULL;

	CHECK_INT(satisfy_parse(text, strlen(text), &c), want);
	if (want != 0) {
		CHECK(c != NULL);
		if (c != NULL)
			CHECK_STR(c, comment);
	} else
		CHECK(c == NULL);
	free(c);
}

int
main(void)
{
	char	 big[3000], *c = NULL;
	size_t	 i;

	ans("4 Prima geholpen", 4, "Prima geholpen");
	ans("4", 4, "");
	ans("1", 1, "");
	ans("5.", 5, "");
	ans("\n\n  3, het duurde lang\nmaar goed.\n", 3,
	    "het duurde lang maar goed.");
	ans("2 - niemand belde terug", 2, "niemand belde terug");
	ans("4/5 goed", 4, "goed");
	ans("4 / 5", 4, "");
	ans("5:\ttop", 5, "top");
	ans("3) redelijk", 3, "redelijk");
	ans("4 Très bien géholpen", 4, "Très bien géholpen");
	/* No answer. */
	ans("", 0, NULL);
	ans("   \n", 0, NULL);
	ans("0 slecht", 0, NULL);
	ans("6 super", 0, NULL);
	ans("9", 0, NULL);
	ans("10", 0, NULL);
	ans("45 minuten gewacht", 0, NULL);
	ans("4.5", 0, NULL);
	ans("3,5 ongeveer", 0, NULL);
	ans("Dank u wel, 4", 0, NULL);
	ans("een 4", 0, NULL);
	ans("-4", 0, NULL);
	/* Only len bytes are read: the quoted text is past body_own_len. */
	CHECK_INT(satisfy_parse("4 goed\n> 1 slecht", 6, &c), 4);
	CHECK_STR(c, "goed");
	free(c);
	CHECK_INT(satisfy_parse("x4", 1, NULL), 0);
	CHECK_INT(satisfy_parse(NULL, 0, NULL), 0);
	CHECK_INT(satisfy_parse("2 matig", 7, NULL), 2);
	/* A long sentence is cut at SATISFY_COMMENT_MAX bytes, never in
	 * the middle of a character. */
	big[0] = '5';
	big[1] = ' ';
	for (i = 2; i + 2 < sizeof big; i += 2) {
		big[i] = (char)0xc3;	/* "é" */
		big[i + 1] = (char)0xa9;
	}
	big[i] = '\0';
	CHECK_INT(satisfy_parse(big, strlen(big), &c), 5);
	CHECK(strlen(c) <= SATISFY_COMMENT_MAX);
	CHECK(strlen(c) >= SATISFY_COMMENT_MAX - 2);
	CHECK(strlen(c) % 2 == 0);
	free(c);
	return check_done();
}
