/*
 * langdetect.c -- Dutch or English from a header or from the words
 * (see langdetect.h).
 *
 * A complaint is a letter: it is full of function words, and those
 * separate Dutch from English well.  Counting a few dozen of them is
 * enough, needs no model, and says "don't know" for a text too short or
 * too mixed to tell -- then the organisation's default holds, which an
 * officer can change with #taal.
 */
#include "config.h"

#include <stddef.h>
#include <string.h>
#include <strings.h>

#include "langdetect.h"

#define WORD_MAX	16	/* longer words are in neither list */

#ifndef nitems
#define nitems(a)	(sizeof (a) / sizeof (a)[0])
#endif

/* Common words of one language that are no words of the other (or
 * rare ones): "of" is Dutch "or", "had" and "we" are Dutch too, so those
 * are in neither list. */
static const char *const words_nl[] = {
	"aan", "al", "als", "bij", "dan", "dat", "de", "deze", "die", "dit",
	"door", "een", "en", "er", "geachte", "geen", "graag", "groet",
	"heb", "hebben", "heeft", "het", "hij", "ik", "kan", "klacht", "maar",
	"met", "mij", "mijn", "naar", "niet", "nog", "omdat", "ook", "op",
	"te", "tot", "u", "uit", "uw", "van", "voor", "vriendelijke",
	"waarom", "wat", "wel", "werd", "wij", "wordt", "zijn", "ze", "zij",
};
static const char *const words_en[] = {
	"a", "about", "an", "and", "are", "at", "be", "because", "been",
	"but", "can't", "complaint", "could", "dear", "did", "do", "does",
	"for", "from", "has", "have", "i", "it", "my", "not", "on", "our",
	"please", "regards", "should", "that", "the", "there", "they",
	"this", "to", "what", "when", "which", "why", "will",
	"with", "would", "you", "your",
};

static int
in_list(const char *w, const char *const *list, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (strcmp(w, list[i]) == 0)
			return 1;
	return 0;
}

int
langdetect_header(const char *value, enum lang *out)
{
	const char	*p = value;
	size_t		 n;

	if (p == NULL)
		return -1;
	p += strspn(p, " \t\r\n");
	n = strcspn(p, " \t\r\n,;-_");
	/* Only the primary subtag: "en", "en-GB", "nl-BE". */
	if (n != 2)
		return -1;
	if (strncasecmp(p, "nl", 2) == 0)
		*out = LANG_NL;
	else if (strncasecmp(p, "en", 2) == 0)
		*out = LANG_EN;
	else
		return -1;
	return 0;
}

/* A byte of a word: ASCII letters, the apostrophe inside a word, and
 * every byte of a UTF-8 sequence (so "één" is one word that is in no
 * list, rather than splitting into "n"). */
static int
word_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    c == '\'' || c >= 0x80;
}

/* Which language the counts name: 0 and *out, or -1 (too few, mixed). */
static int
decide(int hn, int he, enum lang *out)
{
	if (hn >= LANGDETECT_MIN_HITS && hn >= LANGDETECT_RATIO * he) {
		*out = LANG_NL;
		return 0;
	}
	if (he >= LANGDETECT_MIN_HITS && he >= LANGDETECT_RATIO * hn) {
		*out = LANG_EN;
		return 0;
	}
	return -1;
}

int
langdetect_text(const char *text, enum lang *out, int *nl, int *en)
{
	const unsigned char	*p, *end;
	char			 w[WORD_MAX + 1];
	size_t			 len, i;
	int			 hn = 0, he = 0;

	if (text != NULL) {
		p = (const unsigned char *)text;
		len = strlen(text);
		end = p + (len > LANGDETECT_MAX_TEXT ? LANGDETECT_MAX_TEXT :
		    len);
		while (p < end) {
			while (p < end && !word_byte(*p))
				p++;
			for (i = 0; p < end && word_byte(*p); p++, i++)
				if (i < WORD_MAX)
					w[i] = (char)(*p >= 'A' && *p <= 'Z' ?
					    *p - 'A' + 'a' : *p);
			if (i == 0 || i > WORD_MAX)
				continue;
			w[i] = '\0';
			if (in_list(w, words_nl, nitems(words_nl)))
				hn++;
			else if (in_list(w, words_en, nitems(words_en)))
				he++;
		}
	}
	if (nl != NULL)
		*nl = hn;
	if (en != NULL)
		*en = he;
	return decide(hn, he, out);
}

enum lang
langdetect_mail(const char *content_language, const char *subject,
    const char *body, enum lang def, enum langdetect_src *src)
{
	enum lang	l, unused;
	int		sn, se, bn, be;

	if (langdetect_header(content_language, &l) == 0) {
		if (src != NULL)
			*src = LANGDETECT_HEADER;
		return l;
	}
	/* Subject and body are counted together: a one-line subject alone
	 * rarely has enough words, and they seldom disagree. */
	(void)langdetect_text(subject, &unused, &sn, &se);
	(void)langdetect_text(body, &unused, &bn, &be);
	if (decide(sn + bn, se + be, &l) == -1) {
		if (src != NULL)
			*src = LANGDETECT_DEFAULT;
		return def;
	}
	if (src != NULL)
		*src = LANGDETECT_TEXT;
	return l;
}
