/*
 * lang.c -- the language names (see lang.h).
 */
#include "config.h"

#include <stddef.h>
#include <strings.h>

#include "lang.h"

enum lang
lang_parse(const char *s)
{
	return s != NULL && strncasecmp(s, "en", 2) == 0 ? LANG_EN : LANG_NL;
}

const char *
lang_name(enum lang l)
{
	return l == LANG_EN ? "en" : "nl";
}

int
lang_is_en(const char *s)
{
	return lang_parse(s) == LANG_EN;
}

int
lang_word(const char *s, enum lang *out)
{
	static const struct { const char *w; enum lang l; } words[] = {
		{ "nl", LANG_NL }, { "nederlands", LANG_NL },
		{ "dutch", LANG_NL }, { "en", LANG_EN }, { "engels", LANG_EN },
		{ "english", LANG_EN },
	};
	size_t	i;

	for (i = 0; s != NULL && i < sizeof words / sizeof words[0]; i++)
		if (strcasecmp(s, words[i].w) == 0) {
			*out = words[i].l;
			return 0;
		}
	return -1;
}
