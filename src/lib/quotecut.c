/*
 * quotecut.c -- finds where quoted text or the signature begins in an
 * officer's reply, and where a reply ends in a quote of our own mail
 * (see quotecut.h).
 *
 * One pass over the lines, each tested by line_is_cut with a small
 * constant look-ahead (an Outlook "From:" looks six lines on for
 * "Sent:"; an attribution looks three lines on for '>'), so the scan is
 * linear in the size of the body.  Pure: no allocation, no state --
 * but for quote_own_left_out(), which makes the text shown.
 */
#include "config.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "quotecut.h"
#include "textspan.h"
#include "util.h"

/* Attribution and marker lines longer than this are never recognised. */
#define CUT_ATTR_MAX	400
/* How far a "From:" line looks ahead for "Sent:"/"Date:". */
#define CUT_HDR_AHEAD	6

#ifndef nitems
#define nitems(a)	(sizeof (a) / sizeof (a)[0])
#endif

/* Lines that end the top part: the words between the dashes. */
static const char *cut_separators[] = {
	"original message", "oorspronkelijk bericht", "origineel bericht",
	"forwarded message", "doorgestuurd bericht",
	"ursprüngliche nachricht", "message d'origine",
};

/* Lines that end the top part: whole lines (case-insensitive). */
static const char *cut_fwd_lines[] = {
	"begin forwarded message:", "begin doorgestuurd bericht:",
	"doorgestuurd bericht:",
};

/* Signature lines mail apps add, by prefix (case-insensitive). */
static const char *cut_app_sigs[] = {
	"sent from my ", "sent from outlook", "sent from mail for windows",
	"sent from yahoo mail", "sent from samsung", "sent with proton mail",
	"get outlook for ", "download outlook for ",
	"verzonden vanaf mijn ", "verstuurd vanaf mijn ",
	"verzonden vanuit mijn ", "verstuurd vanuit mijn ",
	"verzonden vanuit mail voor windows", "verzonden vanuit outlook",
	"verzonden met proton mail", "outlook voor ios", "outlook voor android",
	"download outlook voor ", "gesendet von meinem ",
};

/* "Reply above this line" markers our own notifications may carry. */
static const char *cut_markers[] = {
	"above this line", "boven deze regel", "boven deze lijn",
};

/* Words that make a line ending in ':' an attribution. */
static const char *cut_attr_verbs[] = {
	"wrote", "schreef", "geschreven", "schrieb", "a écrit", "escribió",
};

/* First words of a two-line attribution. */
static const char *cut_attr_starts[] = { "on ", "op ", "am ", "le ", "el " };

static const char *cut_hdr_from[] = { "from:", "van:" };
static const char *cut_hdr_date[] = {
	"sent:", "verzonden:", "verstuurd:", "date:", "datum:",
};

/* Whether t (left-trimmed) starts with a header name from the list,
 * ignoring the '*' or '_' that HTML-to-text conversion puts around bold
 * or italic words. */
static int
is_header(struct span t, const char **names, size_t n)
{
	size_t	i;

	while (t.len > 0 && (*t.p == '*' || *t.p == '_')) {
		t.p++;
		t.len--;
	}
	for (i = 0; i < n; i++) {
		if (span_istarts(t, names[i]))
			return 1;
	}
	return 0;
}

static int
is_attr_end(struct span t)
{
	size_t	i;

	if (t.len == 0 || t.len > CUT_ATTR_MAX || t.p[t.len - 1] != ':')
		return 0;
	for (i = 0; i < nitems(cut_attr_verbs); i++) {
		if (span_icontains(t, cut_attr_verbs[i]))
			return 1;
	}
	return 0;
}

static int
is_attr_proof(struct span t)
{
	return memchr(t.p, '@', t.len) != NULL || span_has_time(t);
}

/* Whether a line starting with '>' follows within a few lines. */
static int
quote_follows(const char *body, size_t bodylen, const struct span_line *l)
{
	struct span_line	n;
	struct span		t;
	size_t			off = l->next, no = l->no + 1;
	int			i;

	for (i = 0; i < 3 && span_line_get(body, bodylen, off, no, &n); i++) {
		t = span_ltrim(span_of_line(&n));
		if (t.len > 0)
			return t.p[0] == '>';
		off = n.next;
		no++;
	}
	return 0;
}

static int
is_separator(struct span t)
{
	size_t	lead = 0, trail = 0, i;

	while (lead < t.len && t.p[lead] == '-')
		lead++;
	while (trail < t.len - lead && t.p[t.len - 1 - trail] == '-')
		trail++;
	if (lead < 2 || trail < 2)
		return 0;
	t.p += lead;
	t.len -= lead + trail;
	t = span_trim(t);
	for (i = 0; i < nitems(cut_separators); i++) {
		if (span_ieq(t, cut_separators[i]))
			return 1;
	}
	return 0;
}

/* What line_is_cut found. */
#define CUT_NONE	0
#define CUT_QUOTE	1	/* a '>' line */
#define CUT_SIG		2	/* a signature */
#define CUT_BLOCK	3	/* an attribution, an Outlook block, a
				   separator, a marker: quoted mail follows */

/*
 * Whether line l begins quoted text or a signature, and which (CUT_x).
 * Lines whose first non-blank character is '#' never do: they are
 * commands or text.
 */
static int
line_is_cut(const char *body, size_t bodylen, const struct span_line *l)
{
	struct span		raw = span_of_line(l), t, nt;
	struct span_line	n;
	size_t			i, off, no;

	t = span_trim(raw);
	if (t.len == 0 || t.p[0] == '#')
		return CUT_NONE;
	if (t.p[0] == '>')
		return CUT_QUOTE;

	/* Signatures: "-- ", "--", lines mail apps add. */
	if (span_ieq(t, "--"))
		return CUT_SIG;
	if (t.len <= 120) {
		for (i = 0; i < nitems(cut_app_sigs); i++) {
			if (span_istarts(t, cut_app_sigs[i]))
				return CUT_SIG;
		}
	}

	/* Outlook: a line of underscores, "-----Original Message-----". */
	if (t.len >= 10) {
		for (i = 0; i < t.len && t.p[i] == '_'; i++)
			;
		if (i == t.len)
			return CUT_BLOCK;
	}
	if (is_separator(t))
		return CUT_BLOCK;
	for (i = 0; i < nitems(cut_fwd_lines); i++) {
		if (span_ieq(t, cut_fwd_lines[i]))
			return CUT_BLOCK;
	}
	if (t.len <= CUT_ATTR_MAX) {
		for (i = 0; i < nitems(cut_markers); i++) {
			if (span_icontains(t, cut_markers[i]))
				return CUT_BLOCK;
		}
	}

	/* Outlook header block: From:/Van: then Sent:/Verzonden:/Date:. */
	if (is_header(t, cut_hdr_from, nitems(cut_hdr_from))) {
		off = l->next;
		no = l->no + 1;
		for (i = 0; i < CUT_HDR_AHEAD &&
		    span_line_get(body, bodylen, off, no, &n); i++) {
			nt = span_ltrim(span_of_line(&n));
			if (is_header(nt, cut_hdr_date, nitems(cut_hdr_date)))
				return CUT_BLOCK;
			off = n.next;
			no++;
		}
	}

	/*
	 * Attributions: a line ending in ':' with "wrote", "schreef", ...,
	 * that also carries an address or a time, or is followed by '>'
	 * lines -- so that "On Monday you wrote:" in reply text stays text.
	 */
	if (is_attr_end(t) && (is_attr_proof(t) ||
	    quote_follows(body, bodylen, l)))
		return CUT_BLOCK;

	/* The same, wrapped over two lines by the sender's mail app. */
	if (t.len <= CUT_ATTR_MAX && !is_attr_end(t) &&
	    span_line_get(body, bodylen, l->next, l->no + 1, &n)) {
		for (i = 0; i < nitems(cut_attr_starts); i++) {
			if (span_istarts(t, cut_attr_starts[i]))
				break;
		}
		nt = span_trim(span_of_line(&n));
		if (i < nitems(cut_attr_starts) && nt.len > 0 &&
		    nt.len <= CUT_ATTR_MAX && nt.p[0] != '#' &&
		    nt.p[nt.len - 1] == ':') {
			int	verb = 0;

			for (i = 0; i < nitems(cut_attr_verbs); i++) {
				if (span_icontains(t, cut_attr_verbs[i]) ||
				    span_icontains(nt, cut_attr_verbs[i]))
					verb = 1;
			}
			if (verb && (is_attr_proof(t) || is_attr_proof(nt) ||
			    quote_follows(body, bodylen, &n)))
				return CUT_BLOCK;
		}
	}
	return CUT_NONE;
}

static int
quote_find(const char *body, size_t bodylen, struct span_line *cut)
{
	struct span_line	l;
	size_t			off = 0, no = 1;

	while (span_line_get(body, bodylen, off, no, &l)) {
		if (line_is_cut(body, bodylen, &l)) {
			*cut = l;
			return 1;
		}
		off = l.next;
		no++;
	}
	return 0;
}

size_t
cmd_find_quote_start(const char *body, size_t *lineno)
{
	struct span_line	cut;
	size_t			len;

	if (body == NULL)
		body = "";
	len = strlen(body);
	if (quote_find(body, len, &cut)) {
		if (lineno != NULL)
			*lineno = cut.no;
		return cut.off;
	}
	if (lineno != NULL)
		*lineno = 0;
	return len;
}

size_t
quote_own_tail(const char *body, const char *ref, size_t *nlines)
{
	struct span_line	l;
	size_t			len, off = 0, no = 1, cut = 0, n = 0;
	int			found = 0, quoted = 0, kind;
	struct span		t;

	if (nlines != NULL)
		*nlines = 0;
	if (body == NULL)
		return 0;
	len = strlen(body);
	if (ref == NULL || *ref == '\0')
		return len;
	/* The first quote or block; a signature above it stays. */
	while (span_line_get(body, len, off, no, &l)) {
		kind = line_is_cut(body, len, &l);
		if (kind == CUT_QUOTE || kind == CUT_BLOCK) {
			cut = l.off;
			found = 1;
			break;
		}
		off = l.next;
		no++;
	}
	if (!found || strstr(body + cut, ref) == NULL)
		return len;
	/* Text between quoted lines is an answer written into the quote:
	 * then nothing is left out.  Another attribution or separator
	 * there (an older mail quoted under it) is no answer. */
	for (off = cut; span_line_get(body, len, off, no, &l); off = l.next) {
		n++;
		no++;
		t = span_trim(span_of_line(&l));
		if (t.len == 0)
			continue;
		if (t.p[0] == '>')
			quoted = 1;
		else if (quoted && line_is_cut(body, len, &l) != CUT_BLOCK)
			return len;
	}
	/* Something must be left above it. */
	for (off = 0; off < cut && isspace((unsigned char)body[off]); off++)
		;
	if (off == cut)
		return len;
	if (nlines != NULL)
		*nlines = n;
	return cut;
}

char *
quote_own_left_out(const char *body, const char *ref, int en)
{
	size_t	cut, n;

	if (body == NULL)
		return xstrdup("");
	if ((cut = quote_own_tail(body, ref, &n)) == strlen(body))
		return xstrdup(body);
	while (cut > 0 && isspace((unsigned char)body[cut - 1]))
		cut--;
	return xasprintf(en ? "%.*s\n\n[Below this came our earlier mail "
	    "about this complaint, quoted\n(%zu lines): left out here.]" :
	    "%.*s\n\n[Hieronder stond onze eerdere mail over deze klacht, "
	    "geciteerd\n(%zu regels): hier weggelaten.]", (int)cut, body, n);
}
