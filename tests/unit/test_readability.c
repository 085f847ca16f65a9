/*
 * test_readability.c -- every letter to a citizen (and to the person
 * complained about) reads at B1 level: each shipped template, nl and
 * en, rendered with sample data through the real renderer (template.c),
 * must score at least 60, and every score is printed.
 *
 * The formulas:
 *   Dutch    Flesch-Douma        206.835 - 0.93 * (words / sentences)
 *                                        - 77 * (syllables / words)
 *   English  Flesch Reading Ease 206.835 - 1.015 * (words / sentences)
 *                                        - 84.6 * (syllables / words)
 *
 * What is counted: the rendered body, whole (the Subject header is not
 * part of it; nothing else is left out -- the greeting, the signature
 * and the legal references at the end count too).
 *   words      runs of non-blank characters that hold a letter or digit;
 *   sentences  a run of words ends at '.', '!', '?', ':' or ';' followed
 *              by white space or the end, and at every empty line (so a
 *              heading, a list item or a signature line is a sentence of
 *              its own); a run without words is no sentence;
 *   syllables  groups of vowels in the lower-cased word.  Dutch vowels:
 *              a e i o u y and their accented forms, with a 'j' right
 *              after an 'i' belonging to the group ("ij" is one sound),
 *              and a vowel with a diaeresis (ë ï ö ü) starting a new
 *              group ("coördinator" has five).  English vowels: a e i o
 *              u y; a final 'e' is silent (one group less) unless the
 *              word ends in "le" after a consonant or in "ee", or it is
 *              the only group.  A word without vowels ("14", "9:11")
 *              counts as one syllable.
 *
 * Each template is rendered twice: with every optional block on that a
 * real letter can have together (late, upheld, conclusions, the
 * attachment warning) and with the other branches (not upheld, the due
 * date passed, no assignee, so the desk is the contact).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "template.h"
#include "util.h"

#ifndef TEMPLATE_DIR
#error TEMPLATE_DIR must name etc/templates
#endif

#define MIN_SCORE	60.0

static const char *letters[] = {
	"ack", "update", "extension", "reopened", "outcome-awb",
	"outcome-wkkgz", "outcome-niet-ontvankelijk", "outcome-ingetrokken",
	"respondent-copy", "extension-respondent", "due-changed",
	"measure-done", "satisfaction", "resolved", "redirected",
	"hearing-invitation", "hearing-invitation-respondent",
	"hearing-cancelled", "hearing-cancelled-respondent", "hearing-report",
	"hearing-report-respondent",
};

/*
 * Wording the issue found wrong, never to come back (nl and en): a 9:8
 * notice is no "besluit"; "(verder)", "zo nodig" (the hearing is no
 * favour), "altijd opnieuw" (over-promises), measures that "zijn
 * uiterlijk op ... uitgevoerd" (read as done), "dag(en)".
 */
static const char *banned_nl[] = {
	"besluit", "(verder)", "zo nodig", "altijd opnieuw", "uitgevoerd.",
	"dag(en)", NULL,
};
static const char *banned_en[] = {
	"decision", "(any further)", "if needed", "always welcome",
	"will be carried out by", "day(s)", "de Nationale", NULL,
};

struct counts {
	long	words, sentences, syllables;
};

static int
is_vowel_nl(const unsigned char *p, size_t *len, int *diaeresis)
{
	/* UTF-8 accented vowels: U+00E0..U+00FC (two bytes, 0xC3 xx). */
	*diaeresis = 0;
	if (strchr("aeiouy", *p) != NULL && *p != '\0') {
		*len = 1;
		return 1;
	}
	if (p[0] == 0xc3 && p[1] >= 0xa0 && p[1] <= 0xbc &&
	    strchr("\xa0\xa1\xa2\xa4\xa8\xa9\xaa\xab\xac\xad\xae\xaf\xb2\xb3"
	    "\xb4\xb6\xb9\xba\xbb\xbc", p[1]) != NULL) {
		*len = 2;
		*diaeresis = p[1] == 0xab || p[1] == 0xaf || p[1] == 0xb6 ||
		    p[1] == 0xbc;
		return 1;
	}
	*len = 1;
	return 0;
}

static long
syllables_nl(const char *w, size_t n)
{
	const unsigned char	*p = (const unsigned char *)w, *end = p + n;
	size_t			 len;
	long			 groups = 0;
	int			 in = 0, dia, prev_i = 0;

	while (p < end) {
		if (is_vowel_nl(p, &len, &dia)) {
			if (!in || dia)
				groups++;
			in = 1;
			prev_i = *p == 'i';
		} else if (in && prev_i && *p == 'j') {
			prev_i = 0;	/* "ij": still the same group */
		} else {
			in = 0;
			prev_i = 0;
		}
		p += len;
	}
	return groups > 0 ? groups : 1;
}

static long
syllables_en(const char *w, size_t n)
{
	long	groups = 0;
	size_t	i;
	int	in = 0;

	for (i = 0; i < n; i++) {
		int v = strchr("aeiouy", w[i]) != NULL && w[i] != '\0';

		if (v && !in)
			groups++;
		in = v;
	}
	if (groups > 1 && n >= 2 && w[n - 1] == 'e' && w[n - 2] != 'e' &&
	    !(w[n - 2] == 'l' && n >= 3 && strchr("aeiouy", w[n - 3]) ==
	    NULL))
		groups--;
	return groups > 0 ? groups : 1;
}

static int
is_word_char(unsigned char c)
{
	return c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

static void
count(const char *text, int en, struct counts *c)
{
	const char	*p = text;
	char		 w[256];
	size_t		 n;
	int		 words_in_sentence = 0;

	memset(c, 0, sizeof *c);
	while (*p != '\0') {
		if (*p == '\n' && p[1] == '\n') {
			if (words_in_sentence)
				c->sentences++;
			words_in_sentence = 0;
			p++;
			continue;
		}
		if (*p == ' ' || *p == '\t' || *p == '\n') {
			p++;
			continue;
		}
		/* A token: up to white space. */
		n = 0;
		int has = 0, ends = 0;
		const char *t = p;
		while (*p != '\0' && *p != ' ' && *p != '\t' && *p != '\n')
			p++;
		/* Its letters and digits, lower-cased, for the syllables. */
		for (; t < p && n < sizeof w - 1; t++) {
			unsigned char ch = (unsigned char)*t;

			if (ch >= 'A' && ch <= 'Z')
				ch = (unsigned char)(ch - 'A' + 'a');
			if (is_word_char(ch)) {
				w[n++] = (char)ch;
				has = 1;
			} else if (ch == ':' && n > 0 && t + 1 < p &&
			    t[1] >= '0' && t[1] <= '9') {
				continue;	/* "9:11" */
			}
		}
		w[n] = '\0';
		ends = strchr(".!?:;", p[-1]) != NULL;
		if (has) {
			c->words++;
			c->syllables += en ? syllables_en(w, n) :
			    syllables_nl(w, n);
			words_in_sentence = 1;
		}
		if (ends && words_in_sentence) {
			c->sentences++;
			words_in_sentence = 0;
		}
	}
	if (words_in_sentence)
		c->sentences++;
}

static double
score(const struct counts *c, int en)
{
	double asl = (double)c->words / (double)c->sentences;
	double asw = (double)c->syllables / (double)c->words;

	return en ? 206.835 - 1.015 * asl - 84.6 * asw :
	    206.835 - 0.93 * asl - 77.0 * asw;
}

/* Sample data as a real case has it. */
static void
sample(int en, int variant, struct tmpl_var *v, size_t *nv)
{
	size_t	n = 0;
	int	a = variant == 0;

#define V(name, nl, eng) v[n++] = (struct tmpl_var){ name, en ? eng : nl }
	V("organisation", "Gemeente Voorbeeld", "Gemeente Voorbeeld");
	V("address", "klachten@voorbeeld.nl", "klachten@voorbeeld.nl");
	V("term", "6 weken", "6 weeks");
	V("org_phone", "14 020", "14 020");
	V("signature", "Namens het college van burgemeester en wethouders,\n"
	    "Gemeente Voorbeeld", "On behalf of the Mayor and Aldermen,\n"
	    "Gemeente Voorbeeld");
	V("ombudsman", "de Nationale ombudsman (www.nationaleombudsman.nl)",
	    "the National Ombudsman (www.nationaleombudsman.nl)");
	V("disputes_body", "De Geschillencommissie Zorg "
	    "(www.degeschillencommissiezorg.nl)", "De Geschillencommissie "
	    "Zorg (www.degeschillencommissiezorg.nl)");
	V("reference", "KL-2026-00042", "KL-2026-00042");
	V("name", "Jan de Boer", "Jan de Boer");
	V("email", "jan@example.net", "jan@example.net");
	V("subject", "Container niet geleegd", "Bin not emptied");
	V("about", "Container niet geleegd", "Bin not emptied");
	V("salutation", a ? "Geachte Jan de Boer" : "Geachte heer/mevrouw",
	    a ? "Dear Jan de Boer" : "Dear Sir or Madam");
	V("received_date", "2 november 2026", "2 November 2026");
	V("due_date", "14 december 2026", "14 December 2026");
	V("old_due_date", "14 december 2026", "14 December 2026");
	V("decided_date", "9 december 2026", "9 December 2026");
	V("formal_until", "23 december 2026", "23 December 2026");
	V("status", "in behandeling", "in progress");
	V("handler_person", a ? "1" : "", a ? "1" : "");
	V("handler_name", a ? "Anna de Vries" : "het klachtenbureau",
	    a ? "Anna de Vries" : "the complaints desk");
	V("handler_title", a ? "klachtencoördinator" : "",
	    a ? "complaints officer" : "");
	V("handler_phone", a ? "020 123 45 67" : "14 020",
	    a ? "020 123 45 67" : "14 020");
	V("due_passed", a ? "" : "1", a ? "" : "1");
	V("due_ahead", a ? "1" : "", a ? "1" : "");
	V("attachments_not_stored", a ? "1" : "", a ? "1" : "");
	V("respondent_name", "Piet Pieters", "Piet Pieters");
	V("respondent_salutation", a ? "Geachte Piet Pieters" :
	    "Geachte heer/mevrouw", a ? "Dear Piet Pieters" :
	    "Dear Sir or Madam");
	V("attachments", "- foto.jpg (image/jpeg, 1,2 MB)",
	    "- photo.jpg (image/jpeg, 1.2 MB)");
	V("text", "Ik heb met de afdeling afval gesproken. De container "
	    "wordt morgen geleegd. Ik bel u daarna om te horen of alles goed "
	    "is gegaan.", "I have talked to the waste team. Your bin will "
	    "be emptied tomorrow. I will call you after that to hear if all "
	    "went well.");
	V("reason", "Wij willen eerst met de medewerker praten. Zij is nu "
	    "twee weken op vakantie.", "We want to talk to the member of "
	    "staff first. She is on leave for two weeks.");
	V("extension", "4 weken", "4 weeks");
	V("findings", "U schreef dat uw container drie weken niet is "
	    "geleegd. Dat klopt. De wagen reed een andere route. Niemand "
	    "had dat gezien.", "You wrote that your bin was not emptied for "
	    "three weeks. That is true. The truck took a new route. Nobody "
	    "had seen that.");
	V("judgement", a ? "gegrond" : "ongegrond", a ? "upheld" :
	    "not upheld");
	V("upheld", a ? "1" : "", a ? "1" : "");
	V("partly_upheld", a ? "1" : "", a ? "1" : "");
	V("not_upheld", a ? "" : "1", a ? "" : "1");
	V("late", a ? "1" : "", a ? "1" : "");
	V("conclusions", a ? "Wij passen de route aan. De chauffeur krijgt "
	    "een lijst met alle adressen." : "", a ? "We will change the "
	    "route. The driver gets a list of all the streets." : "");
	V("decisions", a ? "Wij passen de route aan. De chauffeur krijgt "
	    "een lijst met alle adressen." : "geen", a ? "We will change the "
	    "route. The driver gets a list of all the streets." : "none");
	V("measures_date", a ? "1 februari 2027" : "", a ?
	    "1 February 2027" : "");
	/* Awb 9:10: heard (a), or not, on ground a (b). */
	V("heard", a ? "1" : "", a ? "1" : "");
	V("not_heard_a", a ? "" : "1", a ? "" : "1");
	V("not_heard_b", "", "");
	V("not_heard_c", "", "");
	V("is_awb", a ? "1" : "", a ? "1" : "");
	V("is_wkkgz", a ? "" : "1", a ? "" : "1");
	/* Issue 15: what a measure improved (measure-done). */
	V("measure_ref", "M-2026-0001", "M-2026-0001");
	V("done_text", "Wij versturen vergunningen nu binnen vijf "
	    "werkdagen. Zo wacht u niet meer lang.", "We now send permits "
	    "within five working days. So you do not wait long any more.");
	/* issue 15: #forward (officer_redirect.c, redirect.c) */
	V("redirect_what", a ? "een Woo-verzoek (een verzoek om informatie)" :
	    "een bezwaarschrift", a ? "a request for information under the "
	    "Open Government Act (Woo)" : "a notice of objection");
	V("redirect_to", "woo@gemeente.example", "woo@gemeente.example");
	/* Issue 15: hearings; variant b by phone, and a change. */
	V("hearing_date", "10 maart 2027", "10 March 2027");
	V("hearing_time", "14:00", "14:00");
	V("hearing_place", a ? "Stadhuis, kamer 2" : "telefonisch", a ?
	    "Town hall, room 2" : "by phone");
	V("by_phone", a ? "" : "1", a ? "" : "1");
	V("not_by_phone", a ? "1" : "", a ? "1" : "");
	V("changed", a ? "" : "1", a ? "" : "1");
	V("calendar", a ? "1" : "", a ? "1" : "");
#undef V
	*nv = n;
}

static void
must(const char *lang, const char *t, int variant, const char *body,
    const char *what, int want)
{
	int got = strstr(body, what) != NULL;

	if (got != want)
		fprintf(stderr, "%s/%s (%c): \"%s\" %s\n", lang, t,
		    variant ? 'b' : 'a', what, want ? "missing" :
		    "must not be there");
	CHECK(got == want);
}

/* What each letter must say and must not. */
static void
wording(const char *lang, const char *t, int variant, int en,
    const char *body)
{
	int	a = variant == 0;
	int	resp = strstr(t, "respondent") != NULL;
	size_t	i;

	for (i = 0; (en ? banned_en : banned_nl)[i] != NULL; i++)
		must(lang, t, variant, body, (en ? banned_en : banned_nl)[i],
		    0);
	/* The named contact, with function and phone; else the desk. */
	must(lang, t, variant, body, a ? "Anna de Vries" : en ?
	    "the complaints desk" : "het klachtenbureau", 1);
	must(lang, t, variant, body, a ? "020 123 45 67" : "14 020", 1);
	if (a)
		must(lang, t, variant, body, en ? "complaints officer" :
		    "klachtencoördinator", 1);
	must(lang, t, variant, body, en ? "On behalf of the Mayor" :
	    "Namens het college", 1);
	must(lang, t, variant, body, a ? (en ? (resp ? "Dear Piet Pieters," :
	    "Dear Jan de Boer,") : resp ? "Geachte Piet Pieters," :
	    "Geachte Jan de Boer,") : en ? "Dear Sir or Madam," :
	    "Geachte heer/mevrouw,", 1);
	/* An empathy line, or thanks. */
	if (!resp && strcmp(t, "reopened") != 0 && strcmp(t, "update") != 0)
		must(lang, t, variant, body, en ? "Thank you" : "Bedankt", 1);
	if (strcmp(t, "update") == 0) {
		/* After the due date no letter promises it. */
		must(lang, t, variant, body, en ? "a letter with our view by" :
		    "uiterlijk op 14 december 2026 een brief", a);
		must(lang, t, variant, body, en ? "That date\nhas passed." :
		    "Die datum is voorbij", !a);
	}
	if (strcmp(t, "outcome-awb") == 0 || strcmp(t, "outcome-wkkgz") ==
	    0) {
		must(lang, t, variant, body, en ? "We are sorry for that" :
		    "onze excuses", a);
		must(lang, t, variant, body, en ? "you are right in part" :
		    "u hebt voor een deel gelijk", a);
		must(lang, t, variant, body, en ? "This letter is late" :
		    "Deze brief komt te laat", a);
		must(lang, t, variant, body, en ? "What we learn from it" :
		    "Wat wij hiervan leren", a && strcmp(t, "outcome-awb") ==
		    0);
	}
	if (strcmp(t, "outcome-wkkgz") == 0 && a)
		must(lang, t, variant, body, en ? "done by 1 February 2027" :
		    "uiterlijk op 1 februari 2027", 1);
	/* The geschilleninstantie with its term (one year from the
	 * complaint), the ombudsman with his. */
	if ((strcmp(t, "outcome-wkkgz") == 0) || (strcmp(t,
	    "outcome-niet-ontvankelijk") == 0 && !a))
		must(lang, t, variant, body, en ? "within one year of the day "
		    "you made your complaint" : "binnen een jaar na de dag "
		    "waarop u uw klacht bij ons indiende", 1);
	if (strcmp(t, "outcome-awb") == 0)
		must(lang, t, variant, body, en ? "within one year of the "
		    "date of this letter" : "binnen een jaar na de datum "
		    "van deze brief", 1);
}

int
main(void)
{
	static const char	*langs[] = { "nl", "en" };
	struct tmpl_var		 vars[64];
	struct tmpl_out		 out;
	struct counts		 c;
	size_t			 nv, i, l;
	int			 variant;
	char			*why = NULL;
	double			 s, worst = 1000;

	for (l = 0; l < 2; l++) {
		int en = strcmp(langs[l], "en") == 0;

		for (i = 0; i < sizeof letters / sizeof *letters; i++) {
			for (variant = 0; variant < 2; variant++) {
				sample(en, variant, vars, &nv);
				if (tmpl_render_file(TEMPLATE_DIR, langs[l],
				    letters[i], vars, nv, &out, &why) == -1) {
					fprintf(stderr, "%s\n", why);
					free(why);
					why = NULL;
					CHECK(0);
					continue;
				}
				count(out.body, en, &c);
				s = score(&c, en);
				printf("%s/%-26s %c  %s %5.1f  (%ld words, %ld "
				    "sentences, %ld syllables)\n", langs[l],
				    letters[i], variant ? 'b' : 'a', en ?
				    "Flesch Reading Ease" : "Flesch-Douma", s,
				    c.words, c.sentences, c.syllables);
				if (s < MIN_SCORE)
					fprintf(stderr, "%s/%s (%c) scores %.1f, "
					    "below %.0f:\n%s\n", langs[l],
					    letters[i], variant ? 'b' : 'a', s,
					    MIN_SCORE, out.body);
				CHECK(s >= MIN_SCORE);
				wording(langs[l], letters[i], variant, en,
				    out.body);
				if (s < worst)
					worst = s;
				tmpl_out_free(&out);
			}
		}
	}
	/* The shipped text blocks (#tekst, textblock.h) go into letters
	 * as they stand: the same bar. */
	for (l = 0; l < 2; l++) {
		static const char *blocks[] = { "excuses", "schadeformulier" };
		int en = strcmp(langs[l], "en") == 0;
		char *path, *text;

		for (i = 0; i < sizeof blocks / sizeof *blocks; i++) {
			path = xasprintf("%s/%s/blocks/%s.txt", TEMPLATE_DIR,
			    langs[l], blocks[i]);
			text = file_read(path, 0, NULL, &why);
			free(path);
			CHECK(text != NULL);
			if (text == NULL) {
				free(why);
				why = NULL;
				continue;
			}
			count(text, en, &c);
			s = score(&c, en);
			printf("%s/blocks/%-19s    %s %5.1f\n", langs[l],
			    blocks[i], en ? "Flesch Reading Ease" :
			    "Flesch-Douma", s);
			CHECK(s >= MIN_SCORE);
			if (s < worst)
				worst = s;
			free(text);
		}
	}
	printf("lowest score %.1f (at least %.0f needed)\n", worst, MIN_SCORE);

	/* The counting itself, on known text. */
	count("Dit is een zin. En nog een!\n\nKop\nWij beëindigen de "
	    "coördinatie: klaar.", 0, &c);
	CHECK_INT(c.words, 13);
	CHECK_INT(c.sentences, 4);
	/* dit is een zin en nog een kop wij be-ëin-di-gen de
	 * co-ör-di-na-tie klaar: 1+1+1+1+1+1+1+1+1+4+1+5+1 = 20 */
	CHECK_INT(c.syllables, 20);
	count("The little cake was made. See the tree.", 1, &c);
	CHECK_INT(c.words, 8);
	CHECK_INT(c.sentences, 2);
	/* the lit-tle cake was made see the tree = 1+2+1+1+1+1+1+1 */
	CHECK_INT(c.syllables, 9);
	return check_done();
}
