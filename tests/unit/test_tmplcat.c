/*
 * test_tmplcat.c -- the template catalogue (tmplcat.c) is what is shipped
 * and installed: every template in it exists in etc/templates/nl and
 * etc/templates/en, is installed by a _DATA line of the mk/ fragments in both
 * languages, and renders with the catalogue's variables; and every
 * shipped template file is in the catalogue.
 */
#include "config.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "template.h"
#include "util.h"

#ifndef KL_TOP_SRCDIR
#define KL_TOP_SRCDIR "."
#endif

/* All the mk/ fragments, for the install lines. */
static char *
read_mk(const char *top)
{
	struct buf	 b;
	struct dirent	*de;
	DIR		*d;
	char		*dir = xasprintf("%s/mk", top), *path, line[4096];
	FILE		*fp;

	buf_init(&b);
	if ((d = opendir(dir)) == NULL) {
		CHECK(!"mk/ cannot be read");
		free(dir);
		return buf_detach(&b, NULL);
	}
	while ((de = readdir(d)) != NULL) {
		size_t n = strlen(de->d_name);

		if (n < 4 || strcmp(de->d_name + n - 3, ".am") != 0)
			continue;
		path = xasprintf("%s/%s", dir, de->d_name);
		if ((fp = fopen(path, "r")) != NULL) {
			while (fgets(line, sizeof line, fp) != NULL)
				buf_adds(&b, line);
			fclose(fp);
		}
		free(path);
	}
	closedir(d);
	free(dir);
	return buf_detach(&b, NULL);
}

/* Whether mk names etc/templates/<lang>/<name>.txt as a word (a data
 * list entry, not a comment's mention of a longer name). */
static int
installed(const char *mk, const char *lang, const char *name)
{
	char		*want;
	const char	*p = mk;
	size_t		 n;
	int		 found = 0;

	want = xasprintf("etc/templates/%s/%s.txt", lang, name);
	n = strlen(want);
	while (!found && (p = strstr(p, want)) != NULL) {
		found = (p == mk || strchr(" \t=", p[-1]) != NULL) &&
		    strchr(" \t\\\n", p[n]) != NULL;
		p += n;
	}
	free(want);
	return found;
}

static int
in_catalogue(const char *name)
{
	size_t	i;

	for (i = 0; tmpl_catalogue[i] != NULL; i++)
		if (strcmp(tmpl_catalogue[i], name) == 0)
			return 1;
	return 0;
}

int
main(void)
{
	static const char *const langs[] = { "nl", "en" };
	const char	*top = getenv("top_srcdir");
	char		*mk, *dir, *path, *why = NULL;
	struct dirent	*de;
	DIR		*d;
	size_t		 i, j, n;

	if (top == NULL)
		top = KL_TOP_SRCDIR;
	mk = read_mk(top);
	for (n = 0; tmpl_catalogue[n] != NULL; n++)
		;
	CHECK(n >= 20);
	for (i = 0; tmpl_catalogue_vars[i].name != NULL; i++)
		CHECK(tmpl_catalogue_vars[i].value != NULL);
	CHECK(i >= 50);

	for (i = 0; i < n; i++)
		for (j = 0; j < 2; j++) {
			path = xasprintf("%s/etc/templates/%s/%s.txt", top,
			    langs[j], tmpl_catalogue[i]);
			if (access(path, R_OK) != 0) {
				fprintf(stderr, "not shipped: %s\n", path);
				CHECK(!"a catalogue template is not shipped");
			}
			free(path);
			if (!installed(mk, langs[j], tmpl_catalogue[i])) {
				fprintf(stderr, "not installed by mk/: "
				    "etc/templates/%s/%s.txt\n", langs[j],
				    tmpl_catalogue[i]);
				CHECK(!"a catalogue template is not installed");
			}
		}

	/* Every shipped template is in the catalogue (so -n checks it). */
	for (j = 0; j < 2; j++) {
		dir = xasprintf("%s/etc/templates/%s", top, langs[j]);
		CHECK((d = opendir(dir)) != NULL);
		while (d != NULL && (de = readdir(d)) != NULL) {
			size_t l = strlen(de->d_name);
			char *name;

			if (l < 5 || strcmp(de->d_name + l - 4, ".txt") != 0)
				continue;
			name = xstrndup(de->d_name, l - 4);
			if (!in_catalogue(name)) {
				fprintf(stderr, "not in the catalogue: %s/%s\n",
				    dir, de->d_name);
				CHECK(!"a shipped template is not in the "
				    "catalogue");
			}
			free(name);
		}
		if (d != NULL)
			closedir(d);
		free(dir);
	}

	/* The shipped templates render with the catalogue's variables;
	 * one that uses an unknown variable does not. */
	dir = xasprintf("%s/etc/templates", top);
	CHECK_INT(tmpl_catalogue_check(dir, &why), 0);
	if (why != NULL)
		fprintf(stderr, "%s\n", why);
	free(why);
	why = NULL;
	free(dir);
	CHECK_INT(tmpl_catalogue_check("/nonexistent", &why), -1);
	CHECK_CONTAINS(why, "ack");
	free(why);

	free(mk);
	return check_done();
}
