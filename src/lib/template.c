/*
 * template.c -- render outgoing mail text from template files, and the
 * case reference format that every subject line carries.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "template.h"
#include "util.h"

static const char *
var_lookup(const struct tmpl_var *vars, size_t n, const char *name, size_t len)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (strlen(vars[i].name) == len &&
		    strncmp(vars[i].name, name, len) == 0)
			return vars[i].value ? vars[i].value : "";
	return NULL;
}

/* Expands {{var}} in s into b; header_safe strips controls from values. */
static int
expand(const char *s, size_t len, const char *where, int line0,
    const struct tmpl_var *vars, size_t n, int header_safe, struct buf *b,
    char **cause)
{
	const char	*p = s, *end = s + len, *open, *close, *v;
	int		 line = line0;

	while (p < end) {
		open = memmem(p, (size_t)(end - p), "{{", 2);
		if (open == NULL) {
			buf_add(b, p, (size_t)(end - p));
			break;
		}
		for (const char *q = p; q < open; q++)
			line += *q == '\n';
		buf_add(b, p, (size_t)(open - p));
		close = memmem(open + 2, (size_t)(end - open - 2), "}}", 2);
		if (close == NULL || memchr(open, '\n',
		    (size_t)(close - open)) != NULL) {
			set_cause(cause, "%s:%d: \"{{\" without \"}}\"", where,
			    line);
			return -1;
		}
		const char *name = open + 2;
		size_t nl = (size_t)(close - name);
		while (nl > 0 && isspace((unsigned char)*name))
			name++, nl--;
		while (nl > 0 && isspace((unsigned char)name[nl - 1]))
			nl--;
		if ((v = var_lookup(vars, n, name, nl)) == NULL) {
			set_cause(cause, "%s:%d: unknown variable {{%.*s}}",
			    where, line, (int)nl, name);
			return -1;
		}
		if (header_safe) {
			char *safe = str_header_safe(v);
			buf_adds(b, safe);
			free(safe);
		} else {
			/* Bodies keep line breaks, never bare CRs. */
			for (; *v != '\0'; v++)
				if (*v != '\r')
					buf_addc(b, *v);
		}
		p = close + 2;
	}
	return 0;
}

int
tmpl_render(const char *text, const char *where, const struct tmpl_var *vars,
    size_t nvars, struct tmpl_out *out, char **cause)
{
	const char	*nl, *body;
	struct buf	 subj, b;
	char		*s;

	memset(out, 0, sizeof out[0]);
	if (!str_casestartswith(text, "Subject:")) {
		set_cause(cause, "%s:1: a template starts with \"Subject: "
		    "...\" and a blank line", where);
		return -1;
	}
	nl = strchr(text, '\n');
	if (nl == NULL || (nl[1] != '\n' && !(nl[1] == '\r' && nl[2] == '\n'))) {
		set_cause(cause, "%s:2: a blank line must follow the Subject "
		    "line", where);
		return -1;
	}
	body = nl + (nl[1] == '\n' ? 2 : 3);
	buf_init(&subj);
	buf_init(&b);
	if (expand(text + 8, (size_t)(nl - text - 8), where, 1, vars, nvars, 1,
	    &subj, cause) == -1 ||
	    expand(body, strlen(body), where, 3, vars, nvars, 0, &b,
	    cause) == -1) {
		buf_free(&subj);
		buf_free(&b);
		return -1;
	}
	s = buf_detach(&subj, NULL);
	out->subject = str_header_safe(s);
	free(s);
	str_trim(out->subject);
	out->body = buf_detach(&b, NULL);
	return 0;
}

int
tmpl_render_file(const char *dir, const char *lang, const char *name,
    const struct tmpl_var *vars, size_t nvars, struct tmpl_out *out,
    char **cause)
{
	char	*path, *text, *why = NULL;
	int	 rc;

	path = xasprintf("%s/%s/%s.txt", dir, lang, name);
	text = file_read(path, 1024 * 1024, NULL, &why);
	if (text == NULL && strcmp(lang, "nl") != 0) {
		free(why);
		why = NULL;
		free(path);
		path = xasprintf("%s/nl/%s.txt", dir, name);
		text = file_read(path, 1024 * 1024, NULL, &why);
	}
	if (text == NULL) {
		set_cause(cause, "template: %s", why);
		free(why);
		free(path);
		return -1;
	}
	rc = tmpl_render(text, path, vars, nvars, out, cause);
	free(text);
	free(path);
	return rc;
}

void
tmpl_out_free(struct tmpl_out *o)
{
	free(o->subject);
	free(o->body);
	o->subject = o->body = NULL;
}

char *
caseref_format(const char *prefix, int year, long long seq)
{
	return xasprintf("%s-%04d-%05lld", prefix, year, seq);
}

char *
caseref_find(const char *subject, const char *prefix)
{
	const char	*p = subject;
	size_t		 pl = strlen(prefix);
	int		 i, d;

	if (subject == NULL)
		return NULL;
	while ((p = strchr(p, '[')) != NULL) {
		const char *s = ++p;

		if (strncasecmp(s, prefix, pl) != 0 || s[pl] != '-')
			continue;
		s += pl + 1;
		for (i = 0; i < 4 && isdigit((unsigned char)s[i]); i++)
			;
		if (i != 4 || s[4] != '-')
			continue;
		s += 5;
		for (d = 0; isdigit((unsigned char)s[d]) && d < 9; d++)
			;
		if (d < 5 || s[d] != ']')
			continue;
		/* Normalise the prefix to upper case as we issue it. */
		char *ref = xstrndup(p, (size_t)(s + d - p));
		for (i = 0; i < (int)pl; i++)
			ref[i] = (char)toupper((unsigned char)ref[i]);
		return ref;
	}
	return NULL;
}
