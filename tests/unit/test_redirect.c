/*
 * test_redirect.c -- the kinds of #forward and the detector of a bezwaar
 * or Woo request (redirect.h), issue 15.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "redirect.h"

static int
find(const char *w)
{
	return redirect_kind_find(w, strlen(w));
}

static void
test_kinds(void)
{
	CHECK_INT(find("bezwaar"), 0);
	CHECK_INT(find("Objection"), 0);
	CHECK_INT(find("woo"), 1);
	CHECK_INT(find("FOI"), 1);
	CHECK_INT(find("melding"), 2);
	CHECK_INT(find("report"), 2);
	CHECK_INT(find("schade"), 3);
	CHECK_INT(find("damage"), 3);
	CHECK_INT(find("overig"), 4);
	CHECK_INT(find("other"), 4);
	CHECK_INT(find("wob"), -1);
	CHECK_INT(find("bezwaren"), -1);
	CHECK_INT(find(""), -1);
	/* Only the len bytes count. */
	CHECK_INT(redirect_kind_find("woonwijk", 3), 1);
	CHECK_INT(redirect_kind_find("woonwijk", 4), -1);
}

static void
test_detect(void)
{
	static const struct {
		const char		*subject, *body;
		enum redirect_hint	 want;
	} t[] = {
		{ "Bezwaarschrift", "Hierbij maak ik bezwaar tegen de "
		  "aanslag.", REDIRECT_HINT_BEZWAAR },
		{ "aanslag OZB", "Ik ben het er niet mee eens en maak "
		  "BEZWAAR.", REDIRECT_HINT_BEZWAAR },
		{ NULL, "Zie mijn bezwaarschrift in de bijlage",
		  REDIRECT_HINT_BEZWAAR },
		{ "Woo-verzoek", "Graag alle stukken over de brug.",
		  REDIRECT_HINT_WOO },
		{ "Verzoek", "Op grond van de Wet open overheid vraag ik om "
		  "de notulen.", REDIRECT_HINT_WOO },
		{ "verzoek op grond van de Wob", NULL, REDIRECT_HINT_WOO },
		{ "Informatieverzoek", "", REDIRECT_HINT_WOO },
		{ "WOO verzoek", "", REDIRECT_HINT_WOO },
		/* both: the bezwaar wins */
		{ "Woo-verzoek", "en ook een bezwaarschrift",
		  REDIRECT_HINT_BEZWAAR },
		/* ordinary complaints */
		{ "Klacht over de balie", "Ik ben onbeschoft behandeld aan "
		  "de balie in de woonwijk Woonstede.", REDIRECT_HINT_NONE },
		{ "Wobbly paving", "The pavement in my street is broken; "
		  "the woodwork too.", REDIRECT_HINT_NONE },
		{ "Bezwaarlijk", "Dat vind ik bezwaarlijk en wetteloos.",
		  REDIRECT_HINT_NONE },
		/* "Wet open overheid" only as the three words in order,
		 * and not across subject and body */
		{ "wet", "open overheid", REDIRECT_HINT_NONE },
		{ "op grond van de wet open-overheid", "", REDIRECT_HINT_WOO },
		{ "De wet, het open venster, de overheid", "",
		  REDIRECT_HINT_NONE },
		{ NULL, NULL, REDIRECT_HINT_NONE },
		/* a keyword inside a longer word with UTF-8 is none */
		{ "wooné", "bezwaaré", REDIRECT_HINT_NONE },
	};
	size_t	i;

	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		enum redirect_hint h = redirect_detect(t[i].subject, t[i].body);

		if (h != t[i].want)
			fprintf(stderr, "case %zu: %s / %s\n", i,
			    t[i].subject ? t[i].subject : "(null)",
			    t[i].body ? t[i].body : "(null)");
		CHECK_INT(h, t[i].want);
	}
}

static void
test_detect_long(void)
{
	/* A long text is read once, to the end: the keyword at its end
	 * counts, an over-long word is no keyword. */
	size_t	 n = 1 << 20;
	char	*s = malloc(n + 16);

	memset(s, 'a', n);
	strcpy(s + n, " woo");
	CHECK_INT(redirect_detect(NULL, s), REDIRECT_HINT_WOO);
	memset(s, 'x', n);
	strcpy(s + n, "bezwaar");
	CHECK_INT(redirect_detect(NULL, s), REDIRECT_HINT_NONE);
	free(s);
}

static void
test_hint_line(void)
{
	CHECK_STR(redirect_hint_line(REDIRECT_HINT_BEZWAAR, "nl"),
	    "Dit lijkt een bezwaarschrift: overweeg #doorsturen bezwaar");
	CHECK_STR(redirect_hint_line(REDIRECT_HINT_WOO, "nl"),
	    "Dit lijkt een Woo-verzoek: overweeg #doorsturen woo");
	CHECK(strstr(redirect_hint_line(REDIRECT_HINT_WOO, "en"),
	    "#forward foi") != NULL);
	CHECK_STR(redirect_hint_line(REDIRECT_HINT_NONE, "nl"), "");
}

int
main(void)
{
	test_kinds();
	test_detect();
	test_detect_long();
	test_hint_line();
	return check_done();
}
