/*
 * htmlscan.c -- bounding the HTML libxml2 gets, in one linear pass.
 *
 * The scan is a small HTML tokenizer.  Every tag libxml2 will see is one
 * the scan wrote itself, in a canonical form: a start tag's attributes
 * all double-quoted, nothing that could make libxml2 end a tag, comment
 * or script elsewhere than the scan did.  So the caps hold for libxml2 and
 * not just for the scan's reading of the input.
 *
 * Depth is counted on a model of libxml2's (2.9) stack of open elements:
 * void elements are not pushed, a start tag closes an open <p>, <li>,
 * <td>, <tr> or <option> where libxml2 does (a subset of its
 * htmlStartClose table), and an end tag closes elements above its match
 * only through elements of no higher "end priority" (htmlEndPriority).
 * The model stays at least as deep as libxml2's stack in practice, so
 * libxml2 never reaches its own limit of 256, where it would stop the
 * parse and lose everything after.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "htmlscan.h"
#include "util.h"

/* Attributes the renderer (textconv.c) reads; kept past the caps. */
static const char *const scan_keep_attrs[] = {
	"style", "class", "id", "hidden", "href", "alt", NULL
};

/* libxml2 2.9's empty elements: never pushed on its stack. */
static const char *const scan_void[] = {
	"area", "base", "basefont", "br", "col", "frame", "hr", "img",
	"input", "isindex", "link", "meta", "param", NULL
};

/* Start tags that close an open <p> in libxml2 (htmlStartClose). */
static const char *const scan_close_p[] = {
	"p", "div", "ul", "ol", "dl", "table", "h1", "h2", "h3", "h4", "h5",
	"h6", "pre", "form", "address", "center", "fieldset", "li", "td",
	"th", "tr", "listing", "xmp", "menu", "dir", NULL
};

struct scan_open {
	const char	*name;	/* in the output buffer's source: lower-case */
	size_t		 len;
};

struct scan {
	const char		*s;
	size_t			 len;
	size_t			 i;
	struct buf		 out;
	size_t			 out_max;
	struct html_scan_stats	*st;
	struct scan_open	 stack[HTMLSCAN_MAX_DEPTH];
	char			 names[HTMLSCAN_MAX_DEPTH][16];
	size_t			 depth;
	size_t			 over;	/* elements open below the cut depth */
};

static int
scan_in(const char *name, size_t len, const char *const *list)
{
	for (; *list != NULL; list++) {
		if (strlen(*list) == len && memcmp(*list, name, len) == 0)
			return 1;
	}
	return 0;
}

static int
scan_isspace(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static int
scan_isalpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int
scan_isnamechar(char c)
{
	return scan_isalpha(c) || (c >= '0' && c <= '9') || c == '-' ||
	    c == '_' || c == '.' || c == ':';
}

/* libxml2's htmlGetEndPriority(): who an end tag may close on its way. */
static int
scan_end_priority(const char *name, size_t len)
{
	static const struct {
		const char	*name;
		int		 prio;
	} t[] = {
		{ "div", 150 }, { "td", 160 }, { "th", 160 }, { "tr", 170 },
		{ "thead", 180 }, { "tbody", 180 }, { "tfoot", 180 },
		{ "table", 190 }, { "head", 200 }, { "body", 200 },
		{ "html", 220 }
	};
	size_t	i;

	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		if (strlen(t[i].name) == len && memcmp(t[i].name, name, len) ==
		    0)
			return t[i].prio;
	}
	return 100;
}

static int
scan_top_is(struct scan *sc, const char *name)
{
	struct scan_open	*o;

	if (sc->depth == 0)
		return 0;
	o = &sc->stack[sc->depth - 1];
	return o->len == strlen(name) && memcmp(o->name, name, o->len) == 0;
}

/* libxml2's htmlAutoClose() for the subset the model knows. */
static void
scan_auto_close(struct scan *sc, const char *name, size_t len)
{
	for (;;) {
		if (scan_top_is(sc, "p") && scan_in(name, len, scan_close_p))
			sc->depth--;
		else if (len == 2 && memcmp(name, "li", 2) == 0 &&
		    scan_top_is(sc, "li"))
			sc->depth--;
		else if (((len == 2 && (memcmp(name, "td", 2) == 0 ||
		    memcmp(name, "th", 2) == 0 || memcmp(name, "tr", 2) ==
		    0))) && (scan_top_is(sc, "td") || scan_top_is(sc, "th")))
			sc->depth--;
		else if (len == 2 && memcmp(name, "tr", 2) == 0 &&
		    scan_top_is(sc, "tr"))
			sc->depth--;
		else if (len == 6 && memcmp(name, "option", 6) == 0 &&
		    scan_top_is(sc, "option"))
			sc->depth--;
		else
			break;
	}
}

/* libxml2's htmlAutoCloseOnClose() and the pop of the element itself. */
static void
scan_close(struct scan *sc, const char *name, size_t len)
{
	int	prio = scan_end_priority(name, len);
	size_t	i;

	for (i = sc->depth; i > 0; i--) {
		struct scan_open *o = &sc->stack[i - 1];

		if (o->len == len && memcmp(o->name, name, len) == 0) {
			sc->depth = i - 1;
			return;
		}
		if (scan_end_priority(o->name, o->len) > prio)
			return;
	}
}

static void
scan_push(struct scan *sc, const char *name, size_t len)
{
	size_t	n = len < sizeof sc->names[0] ? len : sizeof sc->names[0] - 1;

	memcpy(sc->names[sc->depth], name, n);
	sc->names[sc->depth][n] = '\0';
	/* A name cut to 15 bytes matches only itself, which is fine. */
	sc->stack[sc->depth].name = sc->names[sc->depth];
	sc->stack[sc->depth].len = n;
	sc->depth++;
	if (sc->depth > sc->st->max_depth)
		sc->st->max_depth = sc->depth;
}

/*
 * Skips a raw-text element's content (script, style) from sc->i up to
 * its end tag "</name" (any case, as libxml2 does in recovery mode);
 * writes it when keep is set.  Leaves sc->i at the '<' of the end tag or
 * at the end.
 */
static void
scan_raw(struct scan *sc, const char *name, size_t len, int keep)
{
	size_t	start = sc->i, j;

	for (j = sc->i; j < sc->len; j++) {
		if (sc->s[j] == '<' && j + 1 < sc->len && sc->s[j + 1] == '/' &&
		    sc->len - j - 2 >= len &&
		    strncasecmp(sc->s + j + 2, name, len) == 0)
			break;
	}
	if (keep)
		buf_add(&sc->out, sc->s + start, j - start);
	sc->i = j;
}

/* Appends a value between double quotes, '"' as &quot;. */
static void
scan_put_value(struct scan *sc, const char *v, size_t n)
{
	const char	*q;

	buf_addc(&sc->out, '"');
	while (n > 0 && (q = memchr(v, '"', n)) != NULL) {
		buf_add(&sc->out, v, (size_t)(q - v));
		buf_adds(&sc->out, "&quot;");
		n -= (size_t)(q - v) + 1;
		v = q + 1;
	}
	buf_add(&sc->out, v, n);
	buf_addc(&sc->out, '"');
}

/*
 * A start tag at sc->i ('<' followed by a letter).  Returns its end
 * (after '>'), or 0 when the input ends inside it (then it is dropped, as
 * HTML5 drops a tag cut by the end of the file).  When write is set it is
 * written in canonical form.
 */
static size_t
scan_start_tag(struct scan *sc, int write, char *lname, size_t *lnamelen,
    int *selfclose)
{
	const char	*s = sc->s;
	size_t		 i = sc->i + 1, ns, nl, vs, vl, k, nattrs = 0;
	size_t		 tagstart = sc->out.len;
	unsigned int	 kept = 0;	/* bit per scan_keep_attrs entry */
	int		 have_value, ok;

	ns = i;
	while (i < sc->len && scan_isnamechar(s[i]))
		i++;
	nl = i - ns;
	for (k = 0; k < nl && k < 15; k++)
		lname[k] = (char)((s[ns + k] >= 'A' && s[ns + k] <= 'Z') ?
		    s[ns + k] - 'A' + 'a' : s[ns + k]);
	lname[k] = '\0';
	*lnamelen = k;
	*selfclose = 0;
	if (write) {
		buf_addc(&sc->out, '<');
		for (k = 0; k < nl; k++)
			buf_addc(&sc->out, (char)((s[ns + k] >= 'A' &&
			    s[ns + k] <= 'Z') ? s[ns + k] - 'A' + 'a' :
			    s[ns + k]));
	}
	for (;;) {
		while (i < sc->len && (scan_isspace(s[i]) || s[i] == '/')) {
			*selfclose = (s[i] == '/');
			i++;
		}
		if (i >= sc->len)
			goto cut;
		if (s[i] == '>') {
			i++;
			break;
		}
		*selfclose = 0;
		/* Attribute name: up to space, '/', '>' or '=' (HTML5). */
		ns = i++;
		while (i < sc->len && !scan_isspace(s[i]) && s[i] != '/' &&
		    s[i] != '>' && s[i] != '=')
			i++;
		nl = i - ns;
		while (i < sc->len && scan_isspace(s[i]))
			i++;
		have_value = 0;
		vs = vl = 0;
		if (i < sc->len && s[i] == '=') {
			i++;
			while (i < sc->len && scan_isspace(s[i]))
				i++;
			if (i >= sc->len)
				goto cut;
			have_value = 1;
			if (s[i] == '"' || s[i] == '\'') {
				const char *q = memchr(s + i + 1, s[i],
				    sc->len - i - 1);

				if (q == NULL)
					goto cut;
				vs = i + 1;
				vl = (size_t)(q - (s + vs));
				i = (size_t)(q - s) + 1;
			} else {
				vs = i;
				while (i < sc->len && !scan_isspace(s[i]) &&
				    s[i] != '>')
					i++;
				vl = i - vs;
			}
		}
		if (!write)
			continue;
		/* Names libxml2 reads as names: a letter or '_' first. */
		ok = scan_isalpha(s[ns]) || s[ns] == '_';
		for (k = 1; ok && k < nl; k++)
			ok = scan_isnamechar(s[ns + k]);
		if (ok && (nattrs >= HTMLSCAN_MAX_ATTRS ||
		    sc->st->attrs >= HTMLSCAN_MAX_ATTRS_TOTAL)) {
			/* Over a cap: only a first style, class, ... */
			ok = 0;
			for (k = 0; scan_keep_attrs[k] != NULL; k++) {
				if (strlen(scan_keep_attrs[k]) == nl &&
				    strncasecmp(s + ns, scan_keep_attrs[k],
				    nl) == 0 && !(kept & (1U << k))) {
					ok = 1;
					break;
				}
			}
			sc->st->capped = 1;
		}
		if (!ok) {
			sc->st->attrs_dropped++;
			continue;
		}
		for (k = 0; scan_keep_attrs[k] != NULL; k++) {
			if (strlen(scan_keep_attrs[k]) == nl &&
			    strncasecmp(s + ns, scan_keep_attrs[k], nl) == 0)
				kept |= 1U << k;
		}
		nattrs++;
		sc->st->attrs++;
		buf_addc(&sc->out, ' ');
		buf_add(&sc->out, s + ns, nl);
		buf_addc(&sc->out, '=');
		if (have_value)
			scan_put_value(sc, s + vs, vl);
		else
			buf_add(&sc->out, "\"\"", 2);
	}
	if (write) {
		buf_addc(&sc->out, '>');
		if (nattrs > sc->st->max_attrs)
			sc->st->max_attrs = nattrs;
	}
	return i;

cut:
	sc->out.len = tagstart;
	if (sc->out.data != NULL)
		sc->out.data[tagstart] = '\0';
	return 0;
}

/* Index of the '>' ending a <!...>, <?...> or end tag from i, or len. */
static size_t
scan_to_gt(struct scan *sc, size_t i)
{
	const char	*q = memchr(sc->s + i, '>', sc->len - i);

	return q != NULL ? (size_t)(q - sc->s) : sc->len;
}

char *
html_scan(const char *html, size_t len, size_t *outlen,
    struct html_scan_stats *stats)
{
	struct html_scan_stats	 dummy;
	struct scan		*sc;
	char			 lname[16], *res;
	const char		*q;
	size_t			 n, end, lnlen, j;
	int			 selfclose, isvoid, drop;

	if (stats == NULL)
		stats = &dummy;
	memset(stats, 0, sizeof *stats);
	sc = xcalloc(1, sizeof *sc);
	sc->s = html;
	sc->len = len;
	sc->st = stats;
	buf_init(&sc->out);

	while (sc->i < len) {
		q = memchr(html + sc->i, '<', len - sc->i);
		n = q != NULL ? (size_t)(q - (html + sc->i)) : len - sc->i;
		if (sc->over == 0)
			buf_add(&sc->out, html + sc->i, n);
		sc->i += n;
		if (sc->i >= len)
			break;
		/* At a '<'. */
		if (len - sc->i >= 4 && memcmp(html + sc->i, "<!--", 4) == 0) {
			q = NULL;
			for (j = sc->i + 4; j + 2 < len; j++) {
				if (html[j] == '-' && html[j + 1] == '-' &&
				    html[j + 2] == '>') {
					q = html + j;
					break;
				}
			}
			sc->i = q != NULL ? (size_t)(q - html) + 3 : len;
			continue;
		}
		if (sc->i + 1 < len && (html[sc->i + 1] == '!' ||
		    html[sc->i + 1] == '?')) {
			sc->i = scan_to_gt(sc, sc->i) + 1;
			continue;
		}
		if (sc->i + 2 < len && html[sc->i + 1] == '/' &&
		    scan_isalpha(html[sc->i + 2])) {
			/* End tag: its name, whatever follows up to '>'. */
			j = sc->i + 2;
			while (j < len && scan_isnamechar(html[j]))
				j++;
			n = j - sc->i - 2;
			for (lnlen = 0; lnlen < n && lnlen < 15; lnlen++) {
				char c = html[sc->i + 2 + lnlen];

				lname[lnlen] = (c >= 'A' && c <= 'Z') ?
				    (char)(c - 'A' + 'a') : c;
			}
			lname[lnlen] = '\0';
			sc->i = scan_to_gt(sc, j) + 1;
			if (sc->over > 0) {
				if (!scan_in(lname, lnlen, scan_void))
					sc->over--;
				continue;
			}
			buf_add(&sc->out, "</", 2);
			buf_add(&sc->out, lname, lnlen);
			buf_addc(&sc->out, '>');
			scan_close(sc, lname, lnlen);
			continue;
		}
		if (sc->i + 1 >= len || !scan_isalpha(html[sc->i + 1])) {
			if (sc->over == 0)
				buf_add(&sc->out, "&lt;", 4);
			sc->i++;
			continue;
		}

		/* A start tag. */
		if (stats->elements >= HTMLSCAN_MAX_ELEMENTS) {
			stats->cut = stats->capped = 1;
			break;
		}
		/* Its name first, to know whether it is dropped. */
		for (j = sc->i + 1, lnlen = 0; j < len &&
		    scan_isnamechar(html[j]); j++) {
			if (lnlen < 15) {
				lname[lnlen++] = (html[j] >= 'A' &&
				    html[j] <= 'Z') ? (char)(html[j] - 'A' +
				    'a') : html[j];
			}
		}
		lname[lnlen] = '\0';
		isvoid = scan_in(lname, lnlen, scan_void);
		if (sc->over == 0 && !isvoid)
			scan_auto_close(sc, lname, lnlen);
		drop = sc->over > 0 || (!isvoid && sc->depth >=
		    HTMLSCAN_MAX_DEPTH);
		end = scan_start_tag(sc, !drop, lname, &lnlen, &selfclose);
		if (end == 0) {
			sc->i = len;
			break;
		}
		sc->i = end;
		if (drop) {
			stats->elements_dropped++;
			stats->capped = 1;
			if (!isvoid && !selfclose)
				sc->over++;
		} else {
			stats->elements++;
			if (selfclose && !isvoid) {
				buf_add(&sc->out, "</", 2);
				buf_add(&sc->out, lname, lnlen);
				buf_addc(&sc->out, '>');
			} else if (!isvoid)
				scan_push(sc, lname, lnlen);
		}
		if (selfclose || isvoid)
			continue;
		if (strcmp(lname, "script") == 0)
			scan_raw(sc, "script", 6, 0);
		else if (strcmp(lname, "style") == 0)
			scan_raw(sc, "style", 5, !drop);
	}
	if (outlen != NULL)
		*outlen = sc->out.len;
	res = buf_detach(&sc->out, NULL);
	free(sc);
	return res;
}

/* The value of attribute name in the start tag at t..end, or NULL. */
static const char *
meta_attr(const char *t, const char *end, const char *name, size_t *vlen)
{
	size_t		 nl = strlen(name);
	const char	*p = t, *ns, *ne, *v;

	while (p < end && !scan_isspace(*p) && *p != '>')
		p++;			/* the tag name */
	while (p < end && *p != '>') {
		while (p < end && (scan_isspace(*p) || *p == '/'))
			p++;
		ns = p;
		while (p < end && !scan_isspace(*p) && *p != '/' && *p != '>' &&
		    *p != '=')
			p++;
		ne = p;
		v = NULL;
		*vlen = 0;
		while (p < end && scan_isspace(*p))
			p++;
		if (p < end && *p == '=') {
			p++;
			while (p < end && scan_isspace(*p))
				p++;
			if (p < end && (*p == '"' || *p == '\'')) {
				char	qc = *p++;

				v = p;
				while (p < end && *p != qc)
					p++;
				*vlen = (size_t)(p - v);
				if (p < end)
					p++;
			} else {
				v = p;
				while (p < end && !scan_isspace(*p) && *p != '>')
					p++;
				*vlen = (size_t)(p - v);
			}
		}
		if ((size_t)(ne - ns) == nl && strncasecmp(ns, name, nl) == 0)
			return v != NULL ? v : "";
		if (p == ns)
			p++;
	}
	return NULL;
}

/* Copies a charset label: trimmed, unquoted, up to ';' or a blank.  A
 * label is printable ASCII: a NUL or a control byte ends it too (found
 * by fuzz_html: "charset=\0\0windows-1251" gave an empty label). */
static char *
meta_copy(const char *v, size_t n, char *out, size_t outsz)
{
	size_t	k = 0;

	while (n > 0 && (scan_isspace(*v) || *v == '"' || *v == '\'')) {
		v++;
		n--;
	}
	while (k < n && (unsigned char)v[k] > 0x20 &&
	    (unsigned char)v[k] < 0x7f && v[k] != ';' && v[k] != '"' &&
	    v[k] != '\'')
		k++;
	if (k == 0 || k >= outsz)
		return NULL;
	memcpy(out, v, k);
	out[k] = '\0';
	return out;
}

char *
html_meta_charset(const char *html, size_t len, char *out, size_t outsz)
{
	const char	*p, *end, *t, *gt, *v, *c;
	size_t		 vlen, clen;

	if (html == NULL)
		return NULL;
	if (len > HTMLSCAN_META_WINDOW)
		len = HTMLSCAN_META_WINDOW;
	end = html + len;
	for (p = html; p < end && (t = memchr(p, '<', (size_t)(end - p))) !=
	    NULL; p = t + 1) {
		if (end - t >= 4 && memcmp(t, "<!--", 4) == 0) {
			/* Skip a comment: a commented-out meta counts not. */
			for (c = t + 4; c + 2 < end; c++) {
				if (c[0] == '-' && c[1] == '-' && c[2] == '>')
					break;
			}
			t = c + 2;
			continue;
		}
		if (end - t < 6 || strncasecmp(t + 1, "meta", 4) != 0 ||
		    !(scan_isspace(t[5]) || t[5] == '/'))
			continue;
		gt = memchr(t, '>', (size_t)(end - t));
		if (gt == NULL)
			gt = end;
		if ((v = meta_attr(t + 1, gt, "charset", &vlen)) != NULL &&
		    meta_copy(v, vlen, out, outsz) != NULL)
			return out;
		if ((v = meta_attr(t + 1, gt, "http-equiv", &vlen)) == NULL ||
		    vlen != 12 || strncasecmp(v, "content-type", 12) != 0)
			continue;
		if ((v = meta_attr(t + 1, gt, "content", &vlen)) == NULL)
			continue;
		for (c = v, clen = vlen; clen >= 7; c++, clen--) {
			if (strncasecmp(c, "charset", 7) != 0)
				continue;
			c += 7;
			clen -= 7;
			while (clen > 0 && scan_isspace(*c)) {
				c++;
				clen--;
			}
			if (clen == 0 || *c != '=')
				break;
			if (meta_copy(c + 1, clen - 1, out, outsz) != NULL)
				return out;
			break;
		}
	}
	return NULL;
}
