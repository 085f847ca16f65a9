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
