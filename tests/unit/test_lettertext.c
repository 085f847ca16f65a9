/*
 * test_lettertext.c -- the subject, the greeting and the officer's text
 * as a letter to a citizen shows them (lettertext.h).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "lettertext.h"

static void
subj(const char *in, const char *want)
{
	char *s = letter_subject(in);

	CHECK_STR(s, want);
	free(s);
}

static void
sal(const char *name, const char *lang, const char *want)
{
	char *s = letter_salutation(name, lang);

	CHECK_STR(s, want);
	free(s);
}

static void
otext(const char *in, const char *want)
{
	char *s = letter_officer_text(in);

	CHECK_STR(s, want);
	free(s);
}

int
main(void)
{
	char	big[4000];

	/* Subjects as the issue saw them. */
	subj("FW: Klacht over afvalinzameling", "Klacht over afvalinzameling");
	subj("RE: Over uw klacht [KL-2026-00042]", "Over uw klacht");
	subj("Re: Fwd: AW: Antw: WG: lantaarnpaal kapot",
	    "lantaarnpaal kapot");
	subj("Re[2]: Re : geluidsoverlast", "geluidsoverlast");
	subj("-", "");
	subj("Re:", "");
	subj("", "");
	subj(NULL, "");
	subj("Reparatie van de stoep", "Reparatie van de stoep");
	subj("Antwoordapparaat werkt niet", "Antwoordapparaat werkt niet");
	memset(big, 'a', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	{
		char *s = letter_subject(big);
		/* At most 80 characters, the last an ellipsis (3 bytes). */
		CHECK(strlen(s) <= 79 + 3 && strlen(s) >= 70);
		CHECK_STR(s + strlen(s) - 3, "\xe2\x80\xa6");
		free(s);
	}

	/* Greeting. */
	sal("Jan de Boer", "nl", "Geachte Jan de Boer");
	sal("Jan de Boer", "en", "Dear Jan de Boer");
	sal(NULL, "nl", "Geachte heer/mevrouw");
	sal("", "en", "Dear Sir or Madam");
	sal("info12345@example.org", "nl", "Geachte heer/mevrouw");
	sal("\"\"", "nl", "Geachte heer/mevrouw");

	/* The officer's greeting and sign-off go, in both languages. */
	otext("Beste mevrouw Bakker,\n\nIk bel u morgen.\n\nMet vriendelijke "
	    "groet,\nAnna de Vries\nKlachtencoördinator\n",
	    "Ik bel u morgen.");
	otext("Geachte heer Jansen,\nDe stoep wordt volgende week "
	    "gerepareerd.\nGroet,\nPiet", "De stoep wordt volgende week "
	    "gerepareerd.");
	otext("Hallo,\nWe zijn ermee bezig.\n\nGroeten\n", "We zijn ermee "
	    "bezig.");
	otext("Dear Mr. de Vries,\n\nWe will call you tomorrow.\n\nKind "
	    "regards,\nAnna\n", "We will call you tomorrow.");
	otext("Hi Sam,\nThe repair is planned.\nBest regards\nBob\nCity of "
	    "Example | +31 20 123 4567\n", "The repair is planned.");
	otext("We will call you.\n-- \nAnna de Vries\n", "We will call you.");
	/* No greeting: the first line stays, even if it starts alike. */
	otext("Dag en nacht is er lawaai gemeten. Dat klopt met uw klacht.",
	    "Dag en nacht is er lawaai gemeten. Dat klopt met uw klacht.");
	otext("Hi-fi apparatuur is niet vergoed.", "Hi-fi apparatuur is niet "
	    "vergoed.");
	/* A "groet" inside a sentence is no sign-off. */
	otext("Ik doe de groeten aan uw buurman.\nTot ziens.",
	    "Ik doe de groeten aan uw buurman.\nTot ziens.");
	/* Lines after the text are kept; only a sign-off cuts. */
	otext("Eerste alinea.\n\nTweede alinea.\n", "Eerste alinea.\n\n"
	    "Tweede alinea.");
	/* Nothing but a greeting: kept as written. */
	otext("Beste Jan,", "Beste Jan,");
	otext("", "");
	return check_done();
}
