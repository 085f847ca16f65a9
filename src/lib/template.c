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

static int
is_blank(const char *a, const char *b)
{
	for (; a < b; a++)
		if (*a != ' ' && *a != '\t' && *a != '\r')
			return 0;
	return 1;
}

/* The start of the line holding p (never before base). */
static const char *
line_start(const char *base, const char *p)
{
	while (p > base && p[-1] != '\n')
		p--;
	return p;
}

/* Just past the '\n' that ends the line holding p, or end. */
static const char *
line_end(const char *p, const char *end)
{
	const char *nl = memchr(p, '\n', (size_t)(end - p));

	return nl != NULL ? nl + 1 : end;
}

static int
count_lines(const char *a, const char *b)
{
	int n = 0;

	for (; a < b; a++)
		n += *a == '\n';
	return n;
}

/*
 * A tag that is alone on its line (only blanks around it) takes the whole
 * line with it, so a conditional block leaves no empty line behind.
 * Returns the start of the line (and *after = past its newline) when the
 * tag [open, tag_end) is such a tag, else NULL.
 */
static const char *
standalone(const char *base, const char *open, const char *tag_end,
    const char *end, const char **after)
{
	const char *ls = line_start(base, open), *le = line_end(tag_end, end);

	if (!is_blank(ls, open) ||
	    !is_blank(tag_end, le > tag_end && le[-1] == '\n' ? le - 1 : le))
		return NULL;
	*after = le;
	return ls;
}

/* The tag's name between "{{" at open and "}}" at close, trimmed. */
static const char *
tag_name(const char *open, const char *close, size_t *len)
{
	const char	*name = open + 2;
	size_t		 nl = (size_t)(close - name);

	while (nl > 0 && isspace((unsigned char)*name))
		name++, nl--;
	while (nl > 0 && isspace((unsigned char)name[nl - 1]))
		nl--;
	*len = nl;
	return name;
}

static int
is_if(const char *name, size_t nl)
{
	return nl > 3 && strncmp(name, "#if", 3) == 0 &&
	    isspace((unsigned char)name[3]);
}

/* The "{{" of the {{/if}} that closes a block whose body starts at p. */
static const char *
find_endif(const char *p, const char *end)
{
	const char	*o, *c, *name;
	size_t		 nl;
	int		 depth = 1;

	while ((o = memmem(p, (size_t)(end - p), "{{", 2)) != NULL) {
		c = memmem(o + 2, (size_t)(end - o - 2), "}}", 2);
		if (c == NULL)
			return NULL;
		name = tag_name(o, c, &nl);
		if (is_if(name, nl))
			depth++;
		else if (nl == 3 && strncmp(name, "/if", 3) == 0 &&
		    --depth == 0)
			return o;
		p = c + 2;
	}
	return NULL;
}

/*
 * Expands {{var}} and {{#if var}}...{{/if}} in s (a part of the template
 * that starts at base) into b; header_safe strips controls from values.
 * line0 is the template line s starts on, for error messages.
 */
static int
expand(const char *base, const char *s, size_t len, const char *where,
    int line0, const struct tmpl_var *vars, size_t n, int header_safe,
    struct buf *b, char **cause)
{
	const char	*p = s, *end = s + len, *open, *close, *v;
	int		 line = line0;

	while (p < end) {
		open = memmem(p, (size_t)(end - p), "{{", 2);
		if (open == NULL) {
			buf_add(b, p, (size_t)(end - p));
			break;
		}
		line += count_lines(p, open);
		buf_add(b, p, (size_t)(open - p));
		close = memmem(open + 2, (size_t)(end - open - 2), "}}", 2);
		if (close == NULL || memchr(open, '\n',
		    (size_t)(close - open)) != NULL) {
			set_cause(cause, "%s:%d: \"{{\" without \"}}\"", where,
			    line);
			return -1;
		}
		size_t nl;
		const char *name = tag_name(open, close, &nl);

		if (nl == 3 && strncmp(name, "/if", 3) == 0) {
			set_cause(cause, "%s:%d: {{/if}} without {{#if ...}}",
			    where, line);
			return -1;
		}
		if (is_if(name, nl)) {
			const char	*body, *body_end, *eo, *ec, *ls, *after;
			struct buf	 scratch;
			int		 rc;

			name += 3;
			nl -= 3;
			while (nl > 0 && isspace((unsigned char)*name))
				name++, nl--;
			if ((v = var_lookup(vars, n, name, nl)) == NULL) {
				set_cause(cause, "%s:%d: unknown variable "
				    "{{#if %.*s}}", where, line, (int)nl, name);
				return -1;
			}
			body = close + 2;
			if ((ls = standalone(base, open, close + 2, end,
			    &after)) != NULL) {
				/* Take back the blanks before the tag. */
				size_t back = (size_t)(open - (ls > p ? ls :
				    p));
				if (back > 0) {
					b->len -= back;
					b->data[b->len] = '\0';
				}
				body = after;
			}
			if ((eo = find_endif(body, end)) == NULL) {
				set_cause(cause, "%s:%d: {{#if %.*s}} without "
				    "{{/if}}", where, line, (int)nl, name);
				return -1;
			}
			ec = (const char *)memmem(eo, (size_t)(end - eo),
			    "}}", 2) + 2;
			body_end = eo;
			after = ec;
			if ((ls = standalone(base, eo, ec, end, &after)) !=
			    NULL)
				body_end = ls > body ? ls : body;
			buf_init(&scratch);
			/* A false block is still expanded, into scratch, so
			 * a typo inside it is found by `klachtd -n` too. */
			rc = expand(base, body, (size_t)(body_end - body),
			    where, line + count_lines(open, body), vars, n,
			    header_safe, *v != '\0' ? b : &scratch, cause);
			buf_free(&scratch);
			if (rc == -1)
				return -1;
			line += count_lines(open, after);
			p = after;
			continue;
		}
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
	if (expand(text + 8, text + 8, (size_t)(nl - text - 8), where, 1, vars,
	    nvars, 1, &subj, cause) == -1 ||
	    expand(body, body, strlen(body), where, 3, vars, nvars, 0, &b,
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
