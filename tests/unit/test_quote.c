/*
 * test_quote.c -- what of a stranger's subject and name may be quoted in
 * our acknowledgement (quote_clean), and who counts as one sender for the
 * flood caps (flood_sender_key); issue 18 F8/D12.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "flood.h"
#include "quote.h"
#include "util.h"

#define ELL	"\xe2\x80\xa6"

static size_t
u8len(const char *s)
{
	size_t	n = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

static void
check_clean(const char *in, size_t max, const char *want)
{
	char	*got = quote_clean(in, max);

	CHECK_STR(got, want);
	free(got);
}

int
main(void)
{
	struct buf	 b;
	char		*s, *got;
	size_t		 i;

	/* Ordinary text passes unchanged. */
	check_clean("Klacht over de balie", 80, "Klacht over de balie");
	check_clean("Ärger über Müll – 3.5 Stunden gewartet", 80,
	    "Ärger über Müll – 3.5 Stunden gewartet");
	check_clean(NULL, 80, NULL);
	check_clean("", 80, "");

	/* URLs, hosts and addresses are left out. */
	check_clean("Uw account is geblokkeerd, zie https://evil.example/x?a=1 "
	    "nu", 80, "Uw account is geblokkeerd, zie nu");
	check_clean("log in op www.bank-veilig.example.", 80, "log in op");
	check_clean("ga naar bit.ly/abc123 of evil.example", 80, "ga naar of");
	check_clean("mail pay@evil.example of mailto:x", 80, "mail of");
	check_clean("HTTP://EVIL.EXAMPLE", 80, "");
	check_clean("Jan de Vries <jan@evil.example>", 60, "Jan de Vries");

	/* Controls, CR/LF, bidi overrides and zero-width characters go. */
	check_clean("a\r\nBcc: x\tb\x7f" "c", 80, "a Bcc: x b c");
	check_clean("invoice\xe2\x80\xae" "fdp", 80, "invoice fdp");
	check_clean("zero\xe2\x80\x8bwidth", 80, "zero width");
	check_clean("bad \xff\xfe bytes", 80, "bad bytes");

	/* Cut at max characters (not bytes), with an ellipsis. */
	check_clean("abcdefghij", 5, "abcd" ELL);
	check_clean("ééééééé", 4, "ééé" ELL);
	got = quote_clean("een twee drie vier vijf zes zeven acht", 16);
	CHECK(u8len(got) <= 16);
	CHECK(strncmp(got, "een twee drie", 13) == 0);
	CHECK(strstr(got, ELL) != NULL);
	free(got);

	/* A 20 MB subject becomes at most 80 characters. */
	buf_init(&b);
	for (i = 0; i < 20 * 1024 * 1024 / 32; i++)
		buf_adds(&b, "Phishing http://evil.example/ x ");
	s = buf_detach(&b, NULL);
	got = quote_clean(s, QUOTE_SUBJECT_MAX);
	CHECK(u8len(got) <= QUOTE_SUBJECT_MAX);
	CHECK(strstr(got, "evil") == NULL);
	CHECK(strstr(got, "Phishing x Phishing") == got);
	free(got);
	free(s);

	/* One sender whatever the +tag and case. */
	s = flood_sender_key("Victim+17@Example.ORG");
	CHECK_STR(s, "victim@example.org");
	free(s);
	s = flood_sender_key("victim@example.org");
	CHECK_STR(s, "victim@example.org");
	free(s);
	s = flood_sender_key("a+b+c@x.example");
	CHECK_STR(s, "a@x.example");
	free(s);
	/* A '+' in the domain is no tag. */
	s = flood_sender_key("anna@x+y.example");
	CHECK_STR(s, "anna@x+y.example");
	free(s);
	return check_done();
}
