/*
 * redirect.c -- the kinds of request #forward sends elsewhere, and the
 * detector of a bezwaar or Woo request (redirect.h).  No I/O.
 */
#include "config.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "lang.h"
#include "redirect.h"

const struct redirect_kind redirect_kinds[CFG_NREDIRECT] = {
	{ "bezwaar", "objection", "een bezwaarschrift",
	    "a notice of objection" },
	{ "woo", "foi", "een Woo-verzoek (een verzoek om informatie)",
	    "a request for information under the Open Government Act (Woo)" },
	{ "melding", "report", "een melding", "a report" },
	{ "schade", "damage", "een verzoek om schadevergoeding",
	    "a claim for damages" },
	{ "overig", "other", "een verzoek", "a request" },
};

int
redirect_kind_find(const char *w, size_t len)
{
	size_t	i;

	for (i = 0; i < CFG_NREDIRECT; i++)
		if ((len == strlen(redirect_kinds[i].id) &&
		    strncasecmp(w, redirect_kinds[i].id, len) == 0) ||
		    (len == strlen(redirect_kinds[i].en) &&
		    strncasecmp(w, redirect_kinds[i].en, len) == 0))
			return (int)i;
	return -1;
}

/* Longer words are no keyword: they are skipped, not cut. */
#define WORD_MAX	24

/* A letter of a word: ASCII letters and digits, and every byte of a
 * UTF-8 sequence (so "woonwijk" and "wooné" are single words). */
static int
word_byte(unsigned char c)
{
	return isalnum(c) || c >= 0x80;
}

struct scan {
	char	prev[2][WORD_MAX + 1];	/* the two words before, lower case */
	int	bezwaar, woo;
};

static void
scan_word(struct scan *s, const char *w)
{
	static const char *const bezwaar[] = { "bezwaar", "bezwaarschrift",
	    "bezwaarschriften", NULL };
	static const char *const woo[] = { "woo", "wob", "informatieverzoek",
	    "informatieverzoeken", NULL };
	size_t	i;

	for (i = 0; bezwaar[i] != NULL; i++)
		if (strcmp(w, bezwaar[i]) == 0)
			s->bezwaar = 1;
	for (i = 0; woo[i] != NULL; i++)
		if (strcmp(w, woo[i]) == 0)
			s->woo = 1;
	/* "Wet open overheid", the law by its name. */
	if (strcmp(w, "overheid") == 0 && strcmp(s->prev[0], "open") == 0 &&
	    strcmp(s->prev[1], "wet") == 0)
		s->woo = 1;
	memcpy(s->prev[1], s->prev[0], sizeof s->prev[1]);
	memcpy(s->prev[0], w, sizeof s->prev[0]);
}

static void
scan_text(struct scan *s, const char *p)
{
	char	w[WORD_MAX + 1];
	size_t	n;

	if (p == NULL)
		return;
	while (*p != '\0') {
		if (!word_byte((unsigned char)*p)) {
			p++;
			continue;
		}
		for (n = 0; word_byte((unsigned char)*p); p++, n++)
			if (n < WORD_MAX)
				w[n] = (char)tolower((unsigned char)*p);
		if (n > WORD_MAX)
			w[0] = '\0', n = 0;
		w[n] = '\0';
		scan_word(s, w);
	}
	/* The subject's last words do not run on into the body. */
	memset(s->prev, 0, sizeof s->prev);
}

enum redirect_hint
redirect_detect(const char *subject, const char *body)
{
	struct scan	s;

	memset(&s, 0, sizeof s);
	scan_text(&s, subject);
	scan_text(&s, body);
	if (s.bezwaar)
		return REDIRECT_HINT_BEZWAAR;
	return s.woo ? REDIRECT_HINT_WOO : REDIRECT_HINT_NONE;
}

const char *
redirect_hint_line(enum redirect_hint h, const char *lang)
{
	int	en = lang_is_en(lang);

	switch (h) {
	case REDIRECT_HINT_BEZWAAR:
		return en ? "This looks like a notice of objection "
		    "(bezwaarschrift): consider #forward objection" :
		    "Dit lijkt een bezwaarschrift: overweeg #doorsturen "
		    "bezwaar";
	case REDIRECT_HINT_WOO:
		return en ? "This looks like a Woo request (Open Government "
		    "Act): consider #forward foi" : "Dit lijkt een "
		    "Woo-verzoek: overweeg #doorsturen woo";
	case REDIRECT_HINT_NONE:
		break;
	}
	return "";
}
