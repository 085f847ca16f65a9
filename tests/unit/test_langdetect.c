/*
 * test_langdetect.c -- the language of a complaint as it comes in
 * (langdetect.h): Content-Language first, then the words of real-looking
 * Dutch and English complaints; short, mixed and empty text give the
 * default.
 */
#include "config.h"

#include <stddef.h>

#include "check.h"
#include "langdetect.h"

static const char nl_afval[] =
"Geachte heer, mevrouw,\n\n"
"Al drie weken op rij is de groene container in de Dorpsstraat niet\n"
"geleegd, terwijl de ophaaldag volgens de afvalkalender gewoon woensdag\n"
"is. Ik heb twee keer gebeld, maar er is niets gebeurd.\n\n"
"Met vriendelijke groet,\nJan de Boer\n";

static const char nl_balie[] =
"Goedemiddag,\n\nVanochtend stond ik een uur te wachten aan de balie "
"voor mijn paspoort. Niemand vertelde waarom het zo lang duurde en de "
"medewerker was onvriendelijk tegen mij.\n";

static const char en_library[] =
"Hello,\n\nThe library was closed on Saturday although the website said "
"it would be open. I travelled 40 minutes for nothing. Please fix the "
"website.\n\nRegards,\nSarah Jones\n";

static const char en_parking[] =
"Dear Sir or Madam,\n\nI received a parking fine on Kerkstraat, but the "
"sign there is hidden behind a tree. I don't think this is fair and I "
"would like you to cancel it.\n\nKind regards,\nTom Baker\n";

/* Dutch and English in equal parts: neither wins. */
static const char mixed[] =
"Ik heb een klacht over de bus. The driver did not stop for me and the "
"bus was empty. Dat is niet de eerste keer.\n";

static void
text(const char *s, int want_rc, enum lang want)
{
	enum lang	l = (enum lang)-1;
	int		rc = langdetect_text(s, &l, NULL, NULL);

	CHECK_INT(rc, want_rc);
	if (want_rc == 0)
		CHECK_INT(l, want);
}

static void
header(const char *v, int want_rc, enum lang want)
{
	enum lang	l = (enum lang)-1;

	CHECK_INT(langdetect_header(v, &l), want_rc);
	if (want_rc == 0)
		CHECK_INT(l, want);
}

static void
mail(const char *cl, const char *subj, const char *body, enum lang def,
    enum lang want, enum langdetect_src want_src)
{
	enum langdetect_src	src = (enum langdetect_src)-1;

	CHECK_INT(langdetect_mail(cl, subj, body, def, &src), want);
	CHECK_INT(src, want_src);
}

int
main(void)
{
	int	nl, en;
	enum lang l;

	/* Real-looking complaints. */
	text(nl_afval, 0, LANG_NL);
	text(nl_balie, 0, LANG_NL);
	text(en_library, 0, LANG_EN);
	text(en_parking, 0, LANG_EN);
	/* Short texts: a sentence tells, two words do not. */
	text("Mijn container is al drie weken niet geleegd.", 0, LANG_NL);
	text("My bin was not emptied this week.", 0, LANG_EN);
	text("Container vol", -1, LANG_NL);
	text("Hello", -1, LANG_NL);
	/* Words both languages use count for neither. */
	text("in is was over of we had", -1, LANG_NL);
	/* Mixed, empty, NULL, no words. */
	text(mixed, -1, LANG_NL);
	text("", -1, LANG_NL);
	text(NULL, -1, LANG_NL);
	text("12345 !!! :-) --", -1, LANG_NL);
	/* Case and accents do not confuse it; counts come out. */
	CHECK_INT(langdetect_text("DE container IS NIET geleegd, één keer "
	    "HET afval", &l, &nl, &en), 0);
	CHECK_INT(l, LANG_NL);
	CHECK_INT(nl, 3);
	CHECK_INT(en, 0);

	/* Content-Language. */
	header("en", 0, LANG_EN);
	header("en-GB", 0, LANG_EN);
	header(" EN-us, nl", 0, LANG_EN);
	header("nl-BE", 0, LANG_NL);
	header("NL", 0, LANG_NL);
	header("de", -1, LANG_NL);
	header("eng", -1, LANG_NL);
	header("", -1, LANG_NL);
	header(NULL, -1, LANG_NL);

	/* The mail: the header wins over the text; then the text; then
	 * the default. */
	mail("en", "Klacht over afval", nl_afval, LANG_NL, LANG_EN,
	    LANGDETECT_HEADER);
	mail("nl", "Library", en_library, LANG_EN, LANG_NL, LANGDETECT_HEADER);
	mail(NULL, "Complaint about the library", en_library, LANG_NL,
	    LANG_EN, LANGDETECT_TEXT);
	mail("de-DE", "Klacht", nl_afval, LANG_EN, LANG_NL, LANGDETECT_TEXT);
	mail(NULL, "", "", LANG_NL, LANG_NL, LANGDETECT_DEFAULT);
	mail(NULL, "", "", LANG_EN, LANG_EN, LANGDETECT_DEFAULT);
	mail(NULL, NULL, NULL, LANG_EN, LANG_EN, LANGDETECT_DEFAULT);
	mail(NULL, "Klacht", mixed, LANG_EN, LANG_EN, LANGDETECT_DEFAULT);
	/* Subject and body count together. */
	mail(NULL, "My bin", "was not emptied this week", LANG_NL, LANG_EN,
	    LANGDETECT_TEXT);
	return check_done();
}
