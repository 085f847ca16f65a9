/*
 * textblock.c -- text blocks an officer inserts in a letter (see
 * textblock.h).
 *
 * The name comes from mail, so it is checked before it comes near a
 * path: only [a-z0-9_-], no dot, no slash -- "../../etc/passwd" and
 * "x.txt" are no names.  The language directory is "en" or "nl", never
 * a string from the store.
 */
#include "config.h"

#include <ctype.h>
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lang.h"
#include "textblock.h"
#include "util.h"

static const char *const keywords[] = { "tekst", "snippet", NULL };

int
textblock_line(const char *line, size_t len, const char **arg,
    size_t *arglen)
{
	const char	*p = line, *end = line + len;
	size_t		 i, kl;

	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	while (end > p && (end[-1] == ' ' || end[-1] == '\t' ||
	    end[-1] == '\r' || end[-1] == '\n'))
		end--;
	if (p == end || *p != '#')
		return 0;
	p++;
	for (i = 0; keywords[i] != NULL; i++) {
		kl = strlen(keywords[i]);
		if ((size_t)(end - p) >= kl &&
		    strncasecmp(p, keywords[i], kl) == 0 &&
		    (p + kl == end || p[kl] == ' ' || p[kl] == '\t' ||
		    p[kl] == ':'))
			break;
	}
	if (keywords[i] == NULL)
		return 0;
	p += kl;
	if (p < end && *p == ':')
		p++;
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	*arg = p;
	*arglen = (size_t)(end - p);
	return 1;
}

int
textblock_name_ok(const char *name, size_t len)
{
	size_t	i;

	if (len == 0 || len > TEXTBLOCK_NAME_MAX ||
	    !isalnum((unsigned char)name[0]))
		return 0;
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)name[i];

		if (!(c >= 'a' && c <= 'z') && !(c >= '0' && c <= '9') &&
		    c != '-' && c != '_')
			return 0;
	}
	return 1;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

char *
textblock_names(const char *dir, const char *lang)
{
	DIR		*d;
	struct dirent	*e;
	char		*path, **v = NULL;
	size_t		 n = 0, i, l;
	struct buf	 b;

	path = xasprintf("%s/%s/blocks", dir, lang_is_en(lang) ? "en" : "nl");
	d = opendir(path);
	free(path);
	while (d != NULL && (e = readdir(d)) != NULL) {
		l = strlen(e->d_name);
		if (l <= 4 || strcmp(e->d_name + l - 4, ".txt") != 0 ||
		    !textblock_name_ok(e->d_name, l - 4))
			continue;
		v = xreallocarray(v, n + 1, sizeof *v);
		v[n++] = xstrndup(e->d_name, l - 4);
	}
	if (d != NULL)
		closedir(d);
	if (n == 0)
		return xstrdup("-");
	qsort(v, n, sizeof *v, cmp_str);
	buf_init(&b);
	for (i = 0; i < n; i++) {
		buf_printf(&b, "%s%s", i ? ", " : "", v[i]);
		free(v[i]);
	}
	free(v);
	return buf_detach(&b, NULL);
}

/* The block's text without CRs and trailing newlines, or NULL. */
static char *
block_read(const char *dir, const char *lang, const char *name)
{
	char	*path, *text, *why = NULL, *w, *r;
	size_t	 len;

	path = xasprintf("%s/%s/blocks/%s.txt", dir, lang_is_en(lang) ?
	    "en" : "nl", name);
	text = file_read(path, TEXTBLOCK_SIZE_MAX, &len, &why);
	free(path);
	free(why);
	if (text == NULL)
		return NULL;
	for (r = w = text; r < text + len; r++)
		if (*r != '\r' && *r != '\0')
			*w++ = *r;
	while (w > text && (w[-1] == '\n' || w[-1] == ' '))
		w--;
	*w = '\0';
	return text;
}

int
textblock_expand(const char *dir, const char *lang, const char *text,
    int en, char **out, char **why)
{
	const char	*p = text ? text : "", *nl, *arg;
	char		*name, *block, *names;
	size_t		 len, arglen;
	struct buf	 b;

	buf_init(&b);
	for (; *p != '\0'; p = nl ? nl + 1 : p + len) {
		nl = strchr(p, '\n');
		len = nl ? (size_t)(nl - p) : strlen(p);
		if (!textblock_line(p, len, &arg, &arglen)) {
			buf_add(&b, p, len);
			if (nl != NULL)
				buf_addc(&b, '\n');
			continue;
		}
		name = xstrndup(arg, arglen);
		str_lower(name);
		block = textblock_name_ok(name, arglen) ?
		    block_read(dir, lang, name) : NULL;
		if (block == NULL) {
			names = textblock_names(dir, lang);
			if (arglen == 0)
				*why = xasprintf(en ? "#snippet needs the name "
				    "of a text block (text blocks: %s)" :
				    "#tekst heeft de naam van een tekstblok "
				    "nodig (tekstblokken: %s)", names);
			else
				*why = xasprintf(en ? "there is no text block "
				    "\"%.64s\" in %s (text blocks: %s)" :
				    "er is geen tekstblok \"%.64s\" in het %s "
				    "(tekstblokken: %s)", name, lang_is_en(lang) ?
				    (en ? "English" : "Engels") : (en ? "Dutch" :
				    "Nederlands"), names);
			free(names);
			free(name);
			buf_free(&b);
			return -1;
		}
		buf_adds(&b, block);
		if (nl != NULL)
			buf_addc(&b, '\n');
		free(block);
		free(name);
	}
	*out = buf_detach(&b, NULL);
	if (*out == NULL)
		*out = xstrdup("");
	return 0;
}
