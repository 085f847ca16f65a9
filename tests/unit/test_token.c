/*
 * test_token.c -- reply tokens: format, round trips, forgery, addresses.
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "token.h"
#include "util.h"

#ifndef nitems
#define nitems(a)	(sizeof (a) / sizeof (a)[0])
#endif

static const unsigned char key[] = "0123456789abcdef0123456789abcdef";
static const unsigned char key2[] = "0123456789abcdef0123456789abcdeF";
#define KEYLEN	(sizeof key - 1)

/* ref, officer, the token without its MAC */
static const struct {
	const char	*ref;
	const char	*officer;
	const char	*prefix;
} pairs[] = {
	{ "KL-2026-00042", "anna", "kl-2026-00042.anna." },
	{ "KL-2026-00042", "kees", "kl-2026-00042.kees." },
	{ "KL-2026-00043", "anna", "kl-2026-00043.anna." },
	{ "kl-2026-1", "j.de-vries", "_6b_6c-2026-1.j.de-vries." },
	{ "Kl/2026#7", "a_b", "k_6c_2f2026_237.a_5fb." },
	{ "KL-2026-00042", "a..b", "kl-2026-00042.a._2eb." },
	{ "KL-2026-00042", ".a.", "kl-2026-00042._2ea_2e." },
	{ "KL-2026-00042", "...", "kl-2026-00042._2e_2e_2e." },
	{ "KL-2026-00042", ".", "kl-2026-00042._2e." },
	{ "KL-2026-00042", "-", "kl-2026-00042.-." },
	{ "A.B", "c", "a_2eb.c." },
	{ "X", "0", "x.0." },
	{ "KLACHT-2026-123456", "anna.bakker-de.vries",
	  "klacht-2026-123456.anna.bakker-de.vries." },
	{ "~!\"$%&'()*+,/:;<=>?@[\\]^_`{|}", "z",
	  "_7e_21_22_24_25_26_27_28_29_2a_2b_2c_2f_3a_3b_3c_3d_3e_3f_40_5b"
	  "_5c_5d_5e_5f_60_7b_7c_7d.z." },
};

/* A dot-atom of lowercase letters, digits, '.', '_' and '-'. */
static int
dot_atom_ok(const char *s)
{
	size_t	i, n = strlen(s);

	if (n == 0 || s[0] == '.' || s[n - 1] == '.' || strstr(s, "..") != NULL)
		return 0;
	for (i = 0; i < n; i++) {
		if (strchr("abcdefghijklmnopqrstuvwxyz0123456789._-", s[i]) ==
		    NULL)
			return 0;
	}
	return 1;
}

static void
test_roundtrip(void)
{
	char	*tok, *ref, *off, *cause, *up;
	size_t	 i, j;

	for (i = 0; i < nitems(pairs); i++) {
		int before = check_failed;

		tok = token_make(key, KEYLEN, pairs[i].ref, pairs[i].officer, -1);
		CHECK(tok != NULL);
		if (tok == NULL)
			continue;
		CHECK(str_startswith(tok, pairs[i].prefix));
		CHECK_INT(strlen(tok), strlen(pairs[i].prefix) + 16);
		CHECK(dot_atom_ok(tok));

		ref = off = cause = NULL;
		CHECK_INT(token_parse(key, KEYLEN, tok, &ref, &off, NULL, &cause), 0);
		CHECK_STR(ref, pairs[i].ref);
		CHECK_STR(off, pairs[i].officer);
		CHECK_STR(cause, NULL);
		free(ref);
		free(off);

		/* An MTA that uppercases local parts changes nothing. */
		up = xstrdup(tok);
		for (j = 0; up[j] != '\0'; j++)
			up[j] = (char)toupper((unsigned char)up[j]);
		CHECK_INT(token_parse(key, KEYLEN, up, &ref, &off, NULL, NULL), 0);
		CHECK_STR(ref, pairs[i].ref);
		CHECK_STR(off, pairs[i].officer);
		free(ref);
		free(off);
		free(up);

		/* Another key does not accept it. */
		CHECK_INT(token_parse(key2, KEYLEN, tok, &ref, &off, NULL, &cause),
		    -1);
		CHECK(ref == NULL && off == NULL);
		CHECK_CONTAINS(cause, "does not match");
		free(cause);

		/* Deterministic. */
		up = token_make(key, KEYLEN, pairs[i].ref, pairs[i].officer, -1);
		CHECK_STR(up, tok);
		free(up);
		if (check_failed != before)
			fprintf(stderr, "  ^ in pair %zu: %s\n", i, tok);
		free(tok);
	}
}

/* Known answers: HMAC-SHA256 over "klachtd-token-v1\0ref\0officer\0". */
static void
test_known(void)
{
	char	*t;

	t = token_make(key, KEYLEN, "KL-2026-00042", "anna", -1);
	CHECK_STR(t, "kl-2026-00042.anna.9f959d5a0e93e8e5");
	free(t);
	t = token_make(key, KEYLEN, "kl-2026-1", "j.de-vries", -1);
	CHECK_STR(t, "_6b_6c-2026-1.j.de-vries.acc2295b727cb1c7");
	free(t);
}

/* Tokens that must not verify, with the reason expected. */
static const struct {
	const char	*token;
	const char	*cause;
} bad[] = {
	{ "", "empty" },
	{ "abc", "malformed" },
	{ "a.b", "malformed" },
	{ "kl.anna.0123", "malformed" },
	{ ".anna.9f959d5a0e93e8e5", "malformed" },
	{ "kl-2026-00042..9f959d5a0e93e8e5", "malformed" },
	{ "kl-2026-00042.anna.9f959d5a0e93e8e", "malformed" },
	{ "kl-2026-00042.anna.9f959d5a0e93e8e55", "malformed" },
	/* Officer or case swapped under the same MAC. */
	{ "kl-2026-00042.kees.9f959d5a0e93e8e5", "does not match" },
	{ "kl-2026-00043.anna.9f959d5a0e93e8e5", "does not match" },
	{ "kl-2026-00042.anna.9f959d5a0e93e8e4", "does not match" },
	{ "kl-2026-00042.anna.0000000000000000", "does not match" },
	{ "kl-2026-00042.anna.9f959d5a0e93e8eg", "does not match" },
	/* Non-canonical spellings of the same pair. */
	{ "_4b_4c-2026-00042.anna.9f959d5a0e93e8e5", "malformed" },
	{ "kl-2026-00042._61nna.9f959d5a0e93e8e5", "malformed" },
	{ "kl-2026-00042.a_6enna.9f959d5a0e93e8e5", "malformed" },
	/* Bad escapes, NUL, bytes outside the alphabets. */
	{ "kl_0.anna.9f959d5a0e93e8e5", "malformed" },
	{ "kl_.anna.9f959d5a0e93e8e5", "malformed" },
	{ "kl_zz.anna.9f959d5a0e93e8e5", "malformed" },
	{ "kl_00.anna.9f959d5a0e93e8e5", "malformed" },
	{ "kl_20.anna.9f959d5a0e93e8e5", "malformed" },
	{ "kl-2026-00042.an+na.9f959d5a0e93e8e5", "malformed" },
	{ "kl-2026-00042.an_41.9f959d5a0e93e8e5", "malformed" },
	{ "kl+2026.anna.9f959d5a0e93e8e5", "malformed" },
	{ "kl-2026-00042.anna\xc3\xa9.9f959d5a0e93e8e5", "malformed" },
};

static void
test_bad(void)
{
	char	*ref, *off, *cause, long_tok[TOKEN_MAX + 20];
	size_t	 i;

	for (i = 0; i < nitems(bad); i++) {
		ref = off = cause = NULL;
		CHECK_INT(token_parse(key, KEYLEN, bad[i].token, &ref, &off, NULL,
		    &cause), -1);
		CHECK(ref == NULL && off == NULL);
		CHECK_CONTAINS(cause, bad[i].cause);
		if (cause == NULL || strstr(cause, bad[i].cause) == NULL)
			fprintf(stderr, "  ^ in bad token %zu \"%s\"\n", i,
			    bad[i].token);
		free(cause);
	}
	memset(long_tok, 'a', sizeof long_tok - 1);
	long_tok[sizeof long_tok - 1] = '\0';
	CHECK_INT(token_parse(key, KEYLEN, long_tok, &ref, &off, NULL, &cause), -1);
	CHECK_CONTAINS(cause, "too long");
	free(cause);
	CHECK_INT(token_parse(key, KEYLEN, NULL, &ref, &off, NULL, NULL), -1);
	CHECK_INT(token_parse(key, 15, "x.y.9f959d5a0e93e8e5", &ref, &off, NULL,
	    &cause), -1);
	CHECK_CONTAINS(cause, "key");
	free(cause);
	CHECK_INT(token_parse(NULL, 0, "x.y.9f959d5a0e93e8e5", &ref, &off, NULL,
	    NULL), -1);
}

static void
test_make_refuses(void)
{
	char	ref65[66];

	memset(ref65, 'A', 65);
	ref65[65] = '\0';
	CHECK(token_make(key, 15, "KL-1", "anna", -1) == NULL);
	CHECK(token_make(NULL, KEYLEN, "KL-1", "anna", -1) == NULL);
	CHECK(token_make(key, KEYLEN, NULL, "anna", -1) == NULL);
	CHECK(token_make(key, KEYLEN, "KL-1", NULL, -1) == NULL);
	CHECK(token_make(key, KEYLEN, "", "anna", -1) == NULL);
	CHECK(token_make(key, KEYLEN, "KL-1", "", -1) == NULL);
	CHECK(token_make(key, KEYLEN, "KL 1", "anna", -1) == NULL);
	CHECK(token_make(key, KEYLEN, "KL-\xc3\xa9", "anna", -1) == NULL);
	CHECK(token_make(key, KEYLEN, ref65, "anna", -1) == NULL);
	CHECK(token_make(key, KEYLEN, "KL-1", "Anna", -1) == NULL);
	CHECK(token_make(key, KEYLEN, "KL-1", "an na", -1) == NULL);
	CHECK(token_make(key, KEYLEN, "KL-1", "anna@x", -1) == NULL);
	ref65[64] = '\0';
	{
		char *t = token_make(key, KEYLEN, ref65, "anna", -1);

		CHECK(t != NULL);
		free(t);
	}
}

static const struct {
	const char	*addr;
	const char	*base;
	const char	*token;
} addrs[] = {
	{ "klachten+abc@example.org", "klachten", "abc" },
	{ "Klachten+ABC@Example.org", "klachten", "abc" },
	{ "klachten+abc@example.org", "KLACHTEN", "abc" },
	{ "<klachten+abc@example.org>", "klachten", "abc" },
	{ "Gemeente <klachten+abc@example.org>", "klachten", "abc" },
	{ "\"Klachten, <Gemeente>\" <klachten+abc@example.org>", "klachten",
	  "abc" },
	{ "  klachten+abc@example.org  ", "klachten", "abc" },
	{ "klachten+abc@example.org", "klachten@example.org", "abc" },
	{ "\"klachten+abc\"@example.org", "klachten", "abc" },
	{ "klachten+a+b@example.org", "klachten", "a+b" },
	{ "klachten+abc", "klachten", "abc" },
	{ "klachten+kl-2026-00042.anna.9f959d5a0e93e8e5@gemeente.nl",
	  "klachten", "kl-2026-00042.anna.9f959d5a0e93e8e5" },
	{ "klachten@example.org", "klachten", NULL },
	{ "klachten+@example.org", "klachten", NULL },
	{ "klachtenx+abc@example.org", "klachten", NULL },
	{ "klacht+abc@example.org", "klachten", NULL },
	{ "info+abc@example.org", "klachten", NULL },
	{ "<klachten+abc@example.org", "klachten", NULL },
	{ "klachten+abc@example.org", "", NULL },
	{ "klachten+abc@example.org", "@example.org", NULL },
	{ "", "klachten", NULL },
	{ "@", "klachten", NULL },
};

static void
test_address(void)
{
	char	*t, big[400];
	size_t	 i;

	for (i = 0; i < nitems(addrs); i++) {
		t = token_from_address(addrs[i].addr, addrs[i].base);
		CHECK_STR(t, addrs[i].token);
		if ((t == NULL) != (addrs[i].token == NULL) ||
		    (t != NULL && strcmp(t, addrs[i].token) != 0))
			fprintf(stderr, "  ^ in address %zu \"%s\"\n", i,
			    addrs[i].addr);
		free(t);
	}
	CHECK(token_from_address(NULL, "klachten") == NULL);
	CHECK(token_from_address("klachten+a@b", NULL) == NULL);

	/* A token over TOKEN_MAX is not one of ours. */
	snprintf(big, sizeof big, "klachten+%0300d@example.org", 0);
	CHECK(token_from_address(big, "klachten") == NULL);
}

/* End to end: address -> token -> (ref, officer). */
static void
test_end_to_end(void)
{
	char	*tok, *addr, *got, *ref, *off;

	tok = token_make(key, KEYLEN, "KL-2026-00042", "j.de-vries", -1);
	addr = xasprintf("Klachten Gemeente <Klachten+%s@Gemeente.NL>", tok);
	got = token_from_address(addr, "klachten");
	CHECK_STR(got, tok);
	CHECK_INT(token_parse(key, KEYLEN, got, &ref, &off, NULL, NULL), 0);
	CHECK_STR(ref, "KL-2026-00042");
	CHECK_STR(off, "j.de-vries");
	/* "klachten+" + token stays within RFC 5321's 64 octets. */
	CHECK(strlen("klachten+") + strlen(tok) <= 64);
	free(ref);
	free(off);
	free(got);
	free(addr);
	free(tok);
}

int
main(void)
{
	test_roundtrip();
	test_known();
	test_bad();
	test_make_refuses();
	test_address();
	test_end_to_end();
	return check_done();
}
