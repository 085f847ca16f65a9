/*
 * test_uidset.c -- UID sets (uidset.h): runs compressed into ranges,
 * split under a length, every UID covered exactly once.
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "uidset.h"
#include "util.h"

/* The whole of uids as sets of at most max bytes, joined by " | ". */
static char *
sets(const uint32_t *uids, size_t n, size_t max)
{
	char	*all = xstrdup(""), *s, *t;
	size_t	 k;

	while (n > 0) {
		k = uidset_take(uids, n, max, &s);
		CHECK(k > 0 && k <= n);
		CHECK(strlen(s) <= max || strchr(s, ',') == NULL);
		t = xasprintf("%s%s%s", all, *all != '\0' ? " | " : "", s);
		free(all);
		free(s);
		all = t;
		uids += k;
		n -= k;
	}
	return all;
}

int
main(void)
{
	static const uint32_t	 a[] = { 101, 102, 103, 104, 105, 108 };
	static const uint32_t	 b[] = { 1, 3, 5, 6, 7, 7, 8, 20 };
	static const uint32_t	 c[] = { 9, 4, 5, 4294967294u, 4294967295u };
	uint32_t		 many[300];
	char			*s, *one;
	size_t			 i, k, n, len;

	CHECK_INT((int)uidset_take(a, 0, UIDSET_MAX, &s), 0);
	CHECK(s == NULL);

	s = sets(a, 1, UIDSET_MAX);
	CHECK_STR(s, "101");
	free(s);
	s = sets(a, 6, UIDSET_MAX);
	CHECK_STR(s, "101:105,108");
	free(s);
	/* Repeats covered once; a run continues over them. */
	s = sets(b, 8, UIDSET_MAX);
	CHECK_STR(s, "1,3,5:8,20");
	free(s);
	/* Out of order: still every UID; no wrap past UINT32_MAX. */
	s = sets(c, 5, UIDSET_MAX);
	CHECK_STR(s, "9,4:5,4294967294:4294967295");
	free(s);

	/* Split: each set within max, elements never cut. */
	s = sets(a, 6, 7);
	CHECK_STR(s, "101:105 | 108");
	free(s);
	s = sets(b, 8, 5);
	CHECK_STR(s, "1,3 | 5:8 | 20");
	free(s);
	/* An element longer than max still goes out, alone. */
	s = sets(c + 3, 2, 4);
	CHECK_STR(s, "4294967294:4294967295");
	free(s);

	/* 300 scattered 10-digit UIDs: several sets under UIDSET_MAX that
	 * together name each UID once, in order. */
	for (i = 0; i < 300; i++)
		many[i] = 1000000000u + (uint32_t)i * 2;
	n = 0;
	for (i = 0; i < 300; i += k) {
		k = uidset_take(many + i, 300 - i, UIDSET_MAX, &s);
		len = strlen(s);
		CHECK(len <= UIDSET_MAX);
		if (i + k < 300)	/* filled, not cut short */
			CHECK(len > UIDSET_MAX - 11);
		/* Its first and last elements are many[i], many[i+k-1]. */
		one = xasprintf("%" PRIu32 ",", many[i]);
		CHECK(strncmp(s, one, strlen(one)) == 0);
		free(one);
		one = xasprintf(",%" PRIu32, many[i + k - 1]);
		CHECK(strcmp(s + len - strlen(one), one) == 0);
		free(one);
		free(s);
		n++;
	}
	CHECK(n == 4);		/* 300 * 11 bytes = 3,300 */

	/* 30 consecutive: one range. */
	for (i = 0; i < 30; i++)
		many[i] = 7 + (uint32_t)i;
	s = sets(many, 30, UIDSET_MAX);
	CHECK_STR(s, "7:36");
	free(s);
	return check_done();
}
