/*
 * htmlcss.c -- the CSS that hides text: declarations and simple rules.
 *
 * Not a CSS engine: it reads only the properties that make text
 * invisible, and of style sheets only rules whose subject is a plain
 * compound selector.  Rules are indexed by the most telling part of their
 * subject (#id, else type, else the first .class), so matching an element
 * looks at its id, its type, each of its classes and "*", each once per
 * element, which keeps the work linear in the document for a bounded
 * number of rules.
 */
#include "config.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "htmlcss.h"
#include "util.h"

#define CSS_MAX_CLASSES	4	/* .classes in one compound kept */

struct css_rule {
	char		*tag;		/* lower-case; NULL: any */
	char		*id;		/* NULL: any */
	char		*cls[CSS_MAX_CLASSES];
	size_t		 ncls;
	struct css_vis	 vis;
};

struct css_key {
	GArray		*rules;		/* of size_t, in document order */
	size_t		 stamp;		/* element serial that last used it */
};

struct css_sheet {
	struct css_rule	*rules;
	size_t		 nrules;
	GHashTable	*index;		/* "#id", ".cls", "tag", "*" */
	size_t		 serial;
};

static int
css_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

void
css_vis_init(struct css_vis *v)
{
	v->gone = 0;
	v->zero_box = v->clip = v->font_zero = v->hidden = -1;
}

int
css_vis_hides(const struct css_vis *v)
{
	return v->gone || (v->zero_box == 1 && v->clip == 1) ||
	    v->font_zero == 1 || v->hidden == 1;
}

/* Whether v (n bytes, trimmed) is a length or number equal to zero. */
static int
css_is_zero(const char *v, size_t n)
{
	static const char *const units[] = {
		"", "px", "pt", "pc", "em", "rem", "ex", "ch", "%", "vw", "vh",
		"vmin", "vmax", "cm", "mm", "in", "q", NULL
	};
	size_t	i = 0, digits = 0;

	if (n > 0 && (v[0] == '+' || v[0] == '-'))
		i++;
	for (; i < n && (v[i] == '0' || v[i] == '.'); i++) {
		if (v[i] == '0')
			digits++;
	}
	if (digits == 0)
		return 0;
	for (size_t u = 0; units[u] != NULL; u++) {
		if (strlen(units[u]) == n - i &&
		    strncasecmp(v + i, units[u], n - i) == 0)
			return 1;
	}
	return 0;
}

/* The font shorthand: "[style] [weight] size[/line-height] family". */
static int
css_font_zero(const char *v, size_t n)
{
	size_t	i = 0, s;

	while (i < n) {
		while (i < n && css_space(v[i]))
			i++;
		s = i;
		while (i < n && !css_space(v[i]) && v[i] != '/')
			i++;
		if (i > s && css_is_zero(v + s, i - s))
			return 1;
		if (i < n && v[i] == '/')
			return 0;	/* the size came before the '/' */
		while (i < n && !css_space(v[i]))
			i++;
	}
	return 0;
}

static int
css_eq(const char *v, size_t n, const char *word)
{
	return strlen(word) == n && strncasecmp(v, word, n) == 0;
}

/* One declaration: name (nl bytes), value (vl bytes), both trimmed. */
static void
css_decl(const char *p, size_t pl, const char *v, size_t vl,
    struct css_vis *vis)
{
	if (css_eq(p, pl, "display")) {
		if (css_eq(v, vl, "none"))
			vis->gone = 1;
	} else if (css_eq(p, pl, "visibility"))
		vis->hidden = css_eq(v, vl, "hidden") ||
		    css_eq(v, vl, "collapse");
	else if (css_eq(p, pl, "font-size"))
		vis->font_zero = css_is_zero(v, vl);
	else if (css_eq(p, pl, "font"))
		vis->font_zero = css_font_zero(v, vl);
	else if (css_eq(p, pl, "opacity")) {
		if (css_is_zero(v, vl))
			vis->gone = 1;
	} else if (css_eq(p, pl, "mso-hide")) {
		if (css_eq(v, vl, "all"))
			vis->gone = 1;
	} else if (css_eq(p, pl, "max-height") || css_eq(p, pl, "height") ||
	    css_eq(p, pl, "max-width") || css_eq(p, pl, "width")) {
		if (css_is_zero(v, vl))
			vis->zero_box = 1;
		else if (vis->zero_box != 1)
			vis->zero_box = 0;
	} else if (css_eq(p, pl, "overflow") || css_eq(p, pl, "overflow-x") ||
	    css_eq(p, pl, "overflow-y")) {
		if (css_eq(v, vl, "hidden") || css_eq(v, vl, "clip"))
			vis->clip = 1;
		else if (vis->clip != 1)
			vis->clip = 0;
	}
}

void
css_decls(const char *s, size_t len, struct css_vis *vis)
{
	const char	*end = s + len, *d, *colon, *p, *v;
	size_t		 pl, vl;

	while (s < end) {
		d = memchr(s, ';', (size_t)(end - s));
		if (d == NULL)
			d = end;
		colon = memchr(s, ':', (size_t)(d - s));
		if (colon != NULL) {
			p = s;
			pl = (size_t)(colon - s);
			while (pl > 0 && css_space(*p)) {
				p++;
				pl--;
			}
			while (pl > 0 && css_space(p[pl - 1]))
				pl--;
			v = colon + 1;
			vl = (size_t)(d - v);
			while (vl > 0 && css_space(*v)) {
				v++;
				vl--;
			}
			while (vl > 0 && css_space(v[vl - 1]))
				vl--;
			/* "none !important", "none!important" */
			if (vl >= 10 && strncasecmp(v + vl - 10, "!important",
			    10) == 0) {
				vl -= 10;
				while (vl > 0 && css_space(v[vl - 1]))
					vl--;
			}
			css_decl(p, pl, v, vl, vis);
		}
		s = d + 1;
	}
	if (vis->zero_box == 1 && vis->clip == 1)
		vis->gone = 1;
}

struct css_sheet *
css_sheet_new(void)
{
	struct css_sheet	*sh = xcalloc(1, sizeof *sh);

	sh->index = g_hash_table_new(g_str_hash, g_str_equal);
	return sh;
}

static void
css_key_free(gpointer k, gpointer v, gpointer u)
{
	struct css_key	*key = v;

	(void)u;
	g_free(k);
	g_array_free(key->rules, TRUE);
	free(key);
}

void
css_sheet_free(struct css_sheet *sh)
{
	size_t	i, j;

	if (sh == NULL)
		return;
	g_hash_table_foreach(sh->index, css_key_free, NULL);
	g_hash_table_destroy(sh->index);
	for (i = 0; i < sh->nrules; i++) {
		free(sh->rules[i].tag);
		free(sh->rules[i].id);
		for (j = 0; j < sh->rules[i].ncls; j++)
			free(sh->rules[i].cls[j]);
	}
	free(sh->rules);
	free(sh);
}

size_t
css_sheet_count(const struct css_sheet *sh)
{
	return sh->nrules;
}

static int
css_namechar(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '-' || c == '_' ||
	    (unsigned char)c >= 0x80;
}

static char *
css_lower(const char *s, size_t n)
{
	char	*r = xstrndup(s, n);

	for (size_t i = 0; i < n; i++)
		r[i] = g_ascii_tolower(r[i]);
	return r;
}

/* Adds rule r under key (a new string, owned here). */
static void
css_index(struct css_sheet *sh, char *key, size_t r)
{
	struct css_key	*k = g_hash_table_lookup(sh->index, key);

	if (k == NULL) {
		k = xcalloc(1, sizeof *k);
		k->rules = g_array_new(FALSE, FALSE, sizeof(size_t));
		k->stamp = 0;
		g_hash_table_insert(sh->index, key, k);
	} else
		g_free(key);
	g_array_append_val(k->rules, r);
}

/*
 * One selector of a group (s..end): keeps its subject, the compound after
 * the last combinator, when it is made of a type, #id and .classes only.
 */
static void
css_selector(struct css_sheet *sh, const char *s, const char *end,
    const struct css_vis *vis)
{
	struct css_rule	 r;
	const char	*p, *q;
	char		*key;

	while (end > s && css_space(end[-1]))
		end--;
	for (p = end; p > s && !css_space(p[-1]) && p[-1] != '>' &&
	    p[-1] != '+' && p[-1] != '~'; p--)
		/* nothing */;
	if (p == end || sh->nrules >= CSS_MAX_RULES)
		return;
	memset(&r, 0, sizeof r);
	r.vis = *vis;
	if (*p == '*')
		p++;
	else if (css_namechar(*p)) {
		for (q = p; q < end && css_namechar(*q); q++)
			/* nothing */;
		r.tag = css_lower(p, (size_t)(q - p));
		p = q;
	}
	while (p < end) {
		if ((*p != '.' && *p != '#') || p + 1 >= end ||
		    !css_namechar(p[1]))
			goto skip;	/* :hover, [attr], ... */
		for (q = p + 1; q < end && css_namechar(*q); q++)
			/* nothing */;
		if (*p == '#') {
			if (r.id != NULL)
				goto skip;
			r.id = css_lower(p + 1, (size_t)(q - p - 1));
		} else if (r.ncls < CSS_MAX_CLASSES)
			r.cls[r.ncls++] = css_lower(p + 1, (size_t)(q - p - 1));
		else
			goto skip;
		p = q;
	}
	sh->rules = xreallocarray(sh->rules, sh->nrules + 1, sizeof r);
	sh->rules[sh->nrules] = r;
	if (r.id != NULL)
		key = g_strconcat("#", r.id, NULL);
	else if (r.tag != NULL)
		key = g_strdup(r.tag);
	else if (r.ncls > 0)
		key = g_strconcat(".", r.cls[0], NULL);
	else
		key = g_strdup("*");
	css_index(sh, key, sh->nrules);
	sh->nrules++;
	return;
skip:
	free(r.tag);
	free(r.id);
	for (size_t i = 0; i < r.ncls; i++)
		free(r.cls[i]);
}

/* Index of the '}' closing the block whose '{' is at s[i], or len. */
static size_t
css_block_end(const char *s, size_t len, size_t i)
{
	int	depth = 0;

	for (; i < len; i++) {
		if (s[i] == '{')
			depth++;
		else if (s[i] == '}' && --depth == 0)
			return i;
	}
	return len;
}

void
css_sheet_add(struct css_sheet *sh, const char *css, size_t len)
{
	struct buf	 b;
	struct css_vis	 vis;
	const char	*s, *sel, *brace, *close, *comma;
	size_t		 i, n;

	/* Comments out first; a comment may sit anywhere. */
	buf_init(&b);
	for (i = 0; i < len; i++) {
		if (css[i] == '/' && i + 1 < len && css[i + 1] == '*') {
			const char *e = g_strstr_len(css + i + 2,
			    (gssize)(len - i - 2), "*/");

			i = e != NULL ? (size_t)(e - css) + 1 : len;
			buf_addc(&b, ' ');
			continue;
		}
		buf_addc(&b, css[i]);
	}
	s = b.data != NULL ? b.data : "";
	n = b.len;
	/* HTML comment markers around a style sheet are ignored by CSS. */
	for (i = 0; i < n;) {
		while (i < n && (css_space(s[i]) || s[i] == '}' ||
		    s[i] == ';'))
			i++;
		if (i + 4 <= n && memcmp(s + i, "<!--", 4) == 0) {
			i += 4;
			continue;
		}
		if (i + 3 <= n && memcmp(s + i, "-->", 3) == 0) {
			i += 3;
			continue;
		}
		if (i >= n)
			break;
		if (s[i] == '@') {
			/* @media {...}, @page x {...}, @import ...; */
			size_t	j = i;

			while (j < n && s[j] != '{' && s[j] != ';')
				j++;
			if (j < n && s[j] == '{')
				j = css_block_end(s, n, j);
			i = j + 1;
			continue;
		}
		brace = memchr(s + i, '{', n - i);
		if (brace == NULL)
			break;
		sel = s + i;
		i = css_block_end(s, n, (size_t)(brace - s));
		close = s + i;
		i++;
		css_vis_init(&vis);
		css_decls(brace + 1, (size_t)(close - brace - 1), &vis);
		if (!vis.gone && vis.zero_box == -1 && vis.clip == -1 &&
		    vis.font_zero == -1 && vis.hidden == -1)
			continue;
		for (; sel < brace; sel = comma + 1) {
			comma = memchr(sel, ',', (size_t)(brace - sel));
			if (comma == NULL)
				comma = brace;
			while (sel < comma && css_space(*sel))
				sel++;
			css_selector(sh, sel, comma, &vis);
		}
	}
	buf_free(&b);
}

static void
css_merge(struct css_vis *v, const struct css_vis *r)
{
	if (r->gone)
		v->gone = 1;
	if (r->zero_box != -1)
		v->zero_box = r->zero_box;
	if (r->clip != -1)
		v->clip = r->clip;
	if (r->font_zero != -1)
		v->font_zero = r->font_zero;
	if (r->hidden != -1)
		v->hidden = r->hidden;
	if (v->zero_box == 1 && v->clip == 1)
		v->gone = 1;
}

static int
css_cmp_size(gconstpointer a, gconstpointer b)
{
	size_t	x = *(const size_t *)a, y = *(const size_t *)b;

	return x < y ? -1 : x > y;
}

/* Adds the rules under key to cand, once per element. */
static void
css_candidates(struct css_sheet *sh, const char *key, GArray *cand)
{
	struct css_key	*k = g_hash_table_lookup(sh->index, key);

	if (k == NULL || k->stamp == sh->serial)
		return;
	k->stamp = sh->serial;
	g_array_append_vals(cand, k->rules->data, k->rules->len);
}

void
css_sheet_match(const struct css_sheet *csh, const char *tag,
    const char *id, const char *cls, struct css_vis *v)
{
	/* Only the keys' stamps change: matching is logically const. */
	struct css_sheet	*sh = (struct css_sheet *)csh;
	GArray			*cand;
	GHashTable		*classes;
	const char		*c;
	char			*key;
	size_t			 i, j, n;

	if (sh == NULL || sh->nrules == 0)
		return;
	sh->serial++;
	cand = g_array_new(FALSE, FALSE, sizeof(size_t));
	if (id != NULL && *id != '\0') {
		key = g_strconcat("#", id, NULL);
		for (i = 0; key[i] != '\0'; i++)
			key[i] = g_ascii_tolower(key[i]);
		css_candidates(sh, key, cand);
		g_free(key);
	}
	css_candidates(sh, tag, cand);
	css_candidates(sh, "*", cand);
	for (c = cls; c != NULL && *c != '\0'; c += n) {
		c += strspn(c, " \t\r\n\f");
		n = strcspn(c, " \t\r\n\f");
		if (n == 0)
			break;
		key = g_malloc(n + 2);
		key[0] = '.';
		for (i = 0; i < n; i++)
			key[i + 1] = g_ascii_tolower(c[i]);
		key[n + 1] = '\0';
		css_candidates(sh, key, cand);
		g_free(key);
	}
	g_array_sort(cand, css_cmp_size);
	/* A set of the element's classes, so that a long class list is
	 * read once however many rules ask about it. */
	classes = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	for (c = cls; c != NULL && *c != '\0' && cand->len > 0; c += n) {
		c += strspn(c, " \t\r\n\f");
		n = strcspn(c, " \t\r\n\f");
		if (n == 0)
			break;
		key = g_ascii_strdown(c, (gssize)n);
		g_hash_table_add(classes, key);
	}
	for (i = 0; i < cand->len; i++) {
		const struct css_rule *r =
		    &sh->rules[g_array_index(cand, size_t, i)];

		if (r->tag != NULL && strcasecmp(r->tag, tag) != 0)
			continue;
		if (r->id != NULL && (id == NULL || strcasecmp(r->id, id) != 0))
			continue;
		for (j = 0; j < r->ncls; j++) {
			if (!g_hash_table_contains(classes, r->cls[j]))
				break;
		}
		if (j < r->ncls)
			continue;
		css_merge(v, &r->vis);
	}
	g_hash_table_destroy(classes);
	g_array_free(cand, TRUE);
}
