/*
 * htmlscan.h -- a linear pre-scan that bounds the HTML handed to libxml2,
 * and the charset an HTML document declares in a <meta> element.
 *
 * libxml2's HTML parser (2.9) compares every attribute of an element with
 * every other one, so 80,000 attributes on one <div> (0.9 MB) take 42
 * seconds; it stops the whole parse at nesting depth 256, losing the rest
 * of the text; and each element costs it a few hundred bytes.  html_scan()
 * reads the markup once, in time linear in its length, and writes it out
 * again with every start tag re-serialised canonically (so that libxml2
 * cannot read a tag boundary differently from the scan) and with the caps
 * below applied.  Pure functions; used by textconv.c.
 */
#ifndef KLACHT_HTMLSCAN_H
#define KLACHT_HTMLSCAN_H

#include <stddef.h>

/* Attributes kept on one element; beyond, only those the renderer reads
 * (style, class, id, hidden, href, alt), the first of each name. */
#define HTMLSCAN_MAX_ATTRS		64
/* Attributes kept in the whole document; beyond, as above. */
#define HTMLSCAN_MAX_ATTRS_TOTAL	100000
/* Start tags passed on; the markup after the last one is cut. */
#define HTMLSCAN_MAX_ELEMENTS		50000
/* Open elements (as libxml2 would keep them open, or more); elements
 * deeper are dropped with all they hold.  Below libxml2's own 256. */
#define HTMLSCAN_MAX_DEPTH		200

/* What html_scan() did: the work left for libxml2 and what it cut. */
struct html_scan_stats {
	size_t	elements;		/* start tags passed on */
	size_t	attrs;			/* attributes passed on */
	size_t	max_attrs;		/* most passed on one element */
	size_t	max_depth;		/* deepest open-element count */
	size_t	attrs_dropped;		/* over a cap, or a bad name */
	size_t	elements_dropped;	/* deeper than the depth cap */
	int	cut;			/* the element cap cut the rest */
	int	capped;			/* any cap above was reached */
};

/*
 * Rewrites len bytes of HTML (NULs already removed, as html_prepare() in
 * textconv.c leaves it) into a new NUL-terminated string of *outlen bytes
 * that the caller frees:
 *   - start tags are written <name a="v" ...> (names lower-cased, '"' in
 *     values as &quot;, attributes with names libxml2 would not take
 *     dropped; "<x/>" as "<x></x>" unless x is a void element), with at
 *     most HTMLSCAN_MAX_ATTRS attributes, then only the ones the renderer
 *     reads; end tags as </name>;
 *   - comments, <!...> and <?...> are dropped (they render as nothing);
 *     a '<' that starts no tag becomes "&lt;";
 *   - script content is dropped; style content is kept as it is;
 *   - elements nested deeper than HTMLSCAN_MAX_DEPTH are dropped with
 *     their content (hidden text can never come out that way), and after
 *     HTMLSCAN_MAX_ELEMENTS start tags the rest is cut.
 * The output is at most a small multiple of len plus a constant.  stats
 * may be NULL.  Never fails.
 */
char	*html_scan(const char *html, size_t len, size_t *outlen,
	    struct html_scan_stats *stats);

/*
 * The charset declared by the first <meta charset="..."> or <meta
 * http-equiv="Content-Type" content="...; charset=..."> in the first
 * HTMLSCAN_META_WINDOW bytes of html (any encoding that keeps ASCII as
 * ASCII), copied to out (size outsz, trimmed and unquoted).  Returns out,
 * or NULL when there is none or it does not fit.
 */
#define HTMLSCAN_META_WINDOW	8192
char	*html_meta_charset(const char *html, size_t len, char *out,
	    size_t outsz);

#endif
