/*
 * check.h -- a minimal table-friendly unit test harness.
 *
 * Each test program includes this, calls CHECK*() as often as it likes and
 * ends main() with `return check_done();`.  Every failed check prints file,
 * line and the values involved; the exit status is 1 when any failed, so
 * automake's test driver records the program as FAIL.
 */
#ifndef KLACHT_CHECK_H
#define KLACHT_CHECK_H

#include <stdio.h>
#include <string.h>

static int check_failed;
static int check_count;

#define CHECK(cond) do {						\
	check_count++;							\
	if (!(cond)) {							\
		check_failed++;						\
		fprintf(stderr, "%s:%d: CHECK(%s) failed\n",		\
		    __FILE__, __LINE__, #cond);				\
	}								\
} while (0)

#define CHECK_STR(got, want) do {					\
	const char *check_g_ = (got), *check_w_ = (want);		\
	check_count++;							\
	if (check_g_ == NULL || check_w_ == NULL ?			\
	    check_g_ != check_w_ : strcmp(check_g_, check_w_) != 0) {	\
		check_failed++;						\
		fprintf(stderr, "%s:%d: %s\n  got:  \"%s\"\n  want: \"%s\"\n", \
		    __FILE__, __LINE__, #got,				\
		    check_g_ ? check_g_ : "(null)",			\
		    check_w_ ? check_w_ : "(null)");			\
	}								\
} while (0)

#define CHECK_INT(got, want) do {					\
	long long check_g_ = (long long)(got), check_w_ = (long long)(want); \
	check_count++;							\
	if (check_g_ != check_w_) {					\
		check_failed++;						\
		fprintf(stderr, "%s:%d: %s: got %lld, want %lld\n",	\
		    __FILE__, __LINE__, #got, check_g_, check_w_);	\
	}								\
} while (0)

#define CHECK_CONTAINS(hay, needle) do {				\
	const char *check_h_ = (hay), *check_n_ = (needle);		\
	check_count++;							\
	if (check_h_ == NULL || strstr(check_h_, check_n_) == NULL) {	\
		check_failed++;						\
		fprintf(stderr, "%s:%d: \"%s\" not found in %s:\n%s\n",	\
		    __FILE__, __LINE__, check_n_, #hay,			\
		    check_h_ ? check_h_ : "(null)");			\
	}								\
} while (0)

static inline int
check_done(void)
{
	printf("%d checks, %d failed\n", check_count, check_failed);
	return check_failed ? 1 : 0;
}

#endif
