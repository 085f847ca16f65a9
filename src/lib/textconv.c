/*
 * textconv.c -- charset repair, newline normalisation and HTML to text.
 *
 * Mail declares its charset badly: missing, "iso-8859-1" for windows-1252
 * with smart quotes and euro signs, "us-ascii" for UTF-8, names nobody
 * knows.  text_to_utf8() believes a declaration only as far as the bytes
 * agree with it and otherwise falls back (UTF-8, windows-1252,
 * iso-8859-15) so that its result is always valid UTF-8.  Windows-1252
 * and iso-8859-15 are decoded from tables here; other charsets go through
 * GLib's iconv wrapper.
 *
 * html_to_text() parses HTML with libxml2's recovering HTML parser and
 * walks the tree iteratively (no recursion, so nesting depth cannot blow
 * the stack), writing lines into a buffer.  Each line is opened lazily
 * when its first visible character arrives, which is when its quote prefix
 * is written; block boundaries only end an open line, so empty blocks cost
 * nothing, while <br> and &nbsp;-only paragraphs make real empty lines.
 * libxml2 is used only in this file and its error output is silenced for
 * the duration of each parse.
 */
#include "config.h"

#include <errno.h>
#include <glib.h>
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "htmlcss.h"
#include "htmlscan.h"
#include "textconv.h"
#include "util.h"

/* Windows-1252 0x80-0x9f; 0xfffd for the five undefined bytes. */
static const uint16_t cp1252_c1[32] = {
	0x20ac, 0xfffd, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021,
	0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0xfffd, 0x017d, 0xfffd,
	0xfffd, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
	0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0xfffd, 0x017e, 0x0178
};

enum cs_kind {
	CS_NONE,	/* missing or a label meaning "unknown" */
	CS_UTF8,
	CS_ASCII,	/* us-ascii: wrong as soon as a byte is >= 0x80 */
	CS_1252,	/* windows-1252 and iso-8859-1 (WHATWG) */
	CS_LATIN9,	/* iso-8859-15 */
	CS_OTHER	/* anything else: through iconv */
};

struct cs_label {
	const char	*label;
	enum cs_kind	 kind;
	const char	*iconv;	/* CS_OTHER: name to give iconv, also *used */
};

/* Labels are compared after cs_normalise(): trimmed and lower-case. */
static const struct cs_label cs_labels[] = {
	{ "unknown", CS_NONE, NULL },
	{ "unknown-8bit", CS_NONE, NULL },
	{ "x-unknown", CS_NONE, NULL },
	{ "x-user-defined", CS_NONE, NULL },
	{ "default", CS_NONE, NULL },
	{ "none", CS_NONE, NULL },
	{ "8bit", CS_NONE, NULL },
	{ "binary", CS_NONE, NULL },
	{ "utf-8", CS_UTF8, NULL },
	{ "utf8", CS_UTF8, NULL },
	{ "unicode-1-1-utf-8", CS_UTF8, NULL },
	{ "x-unicode20utf8", CS_UTF8, NULL },
	{ "us-ascii", CS_ASCII, NULL },
	{ "ascii", CS_ASCII, NULL },
	{ "us", CS_ASCII, NULL },
	{ "ansi_x3.4-1968", CS_ASCII, NULL },
	{ "iso646-us", CS_ASCII, NULL },
	{ "csascii", CS_ASCII, NULL },
	{ "iso-8859-1", CS_1252, NULL },
	{ "iso8859-1", CS_1252, NULL },
	{ "iso_8859-1", CS_1252, NULL },
	{ "iso_8859-1:1987", CS_1252, NULL },
	{ "iso88591", CS_1252, NULL },
	{ "latin1", CS_1252, NULL },
	{ "latin-1", CS_1252, NULL },
	{ "l1", CS_1252, NULL },
	{ "cp819", CS_1252, NULL },
	{ "ibm819", CS_1252, NULL },
	{ "iso-ir-100", CS_1252, NULL },
	{ "csisolatin1", CS_1252, NULL },
	{ "windows-1252", CS_1252, NULL },
	{ "cp1252", CS_1252, NULL },
	{ "x-cp1252", CS_1252, NULL },
	{ "iso-8859-15", CS_LATIN9, NULL },
	{ "iso8859-15", CS_LATIN9, NULL },
	{ "iso_8859-15", CS_LATIN9, NULL },
	{ "iso885915", CS_LATIN9, NULL },
	{ "latin-9", CS_LATIN9, NULL },
	{ "latin9", CS_LATIN9, NULL },
	{ "l9", CS_LATIN9, NULL },
	{ "csisolatin9", CS_LATIN9, NULL },
	/* Labels that mean a superset in practice (WHATWG). */
	{ "gb2312", CS_OTHER, "gb18030" },
	{ "gbk", CS_OTHER, "gb18030" },
	{ "x-gbk", CS_OTHER, "gb18030" },
	{ "cp936", CS_OTHER, "gb18030" },
	{ "euc-cn", CS_OTHER, "gb18030" },
	{ "csgb2312", CS_OTHER, "gb18030" },
	{ "gb18030", CS_OTHER, "gb18030" },
	{ "euc-kr", CS_OTHER, "cp949" },
	{ "ks_c_5601-1987", CS_OTHER, "cp949" },
	{ "ks_c_5601-1989", CS_OTHER, "cp949" },
	{ "csksc56011987", CS_OTHER, "cp949" },
	{ "cp949", CS_OTHER, "cp949" },
	{ "shift_jis", CS_OTHER, "cp932" },
	{ "shift-jis", CS_OTHER, "cp932" },
	{ "sjis", CS_OTHER, "cp932" },
	{ "x-sjis", CS_OTHER, "cp932" },
	{ "ms_kanji", CS_OTHER, "cp932" },
	{ "csshiftjis", CS_OTHER, "cp932" },
	{ "windows-31j", CS_OTHER, "cp932" },
	{ "cp932", CS_OTHER, "cp932" },
	{ "big5", CS_OTHER, "big5-hkscs" },
	{ "big5-hkscs", CS_OTHER, "big5-hkscs" },
	{ "cn-big5", CS_OTHER, "big5-hkscs" },
	{ "x-x-big5", CS_OTHER, "big5-hkscs" },
	{ "iso-8859-8-i", CS_OTHER, "iso-8859-8" },
	{ "iso-8859-8-e", CS_OTHER, "iso-8859-8" },
	{ "iso-8859-6-i", CS_OTHER, "iso-8859-6" },
	{ "iso-8859-6-e", CS_OTHER, "iso-8859-6" },
	{ "tis-620", CS_OTHER, "cp874" },
	{ "iso-8859-11", CS_OTHER, "cp874" },
	{ "windows-874", CS_OTHER, "cp874" },
	{ "iso-8859-9", CS_OTHER, "cp1254" },
	{ "latin5", CS_OTHER, "cp1254" },
	{ "windows-1254", CS_OTHER, "cp1254" },
};

/* What one pass over the bytes tells about them. */
struct cs_stats {
	size_t	high;		/* bytes >= 0x80 */
	size_t	mb;		/* valid multi-byte UTF-8 sequences */
	size_t	bad;		/* bytes >= 0x80 not in a valid sequence */
	int	c1;		/* some byte in 0x80-0x9f */
	int	a4;		/* some byte 0xa4 */
};

static void	 utf8_put(struct buf *, uint32_t);
static size_t	 utf8_seq(const unsigned char *, size_t, uint32_t *);

void
textconv_init(void)
{
	static gsize	once;

	if (g_once_init_enter(&once)) {
		LIBXML_TEST_VERSION
		xmlInitParser();
		g_once_init_leave(&once, 1);
	}
}

/* Appends code point cp as UTF-8. */
static void
utf8_put(struct buf *b, uint32_t cp)
{
	char	s[4];

	if (cp < 0x80) {
		buf_addc(b, (char)cp);
	} else if (cp < 0x800) {
		s[0] = (char)(0xc0 | (cp >> 6));
		s[1] = (char)(0x80 | (cp & 0x3f));
		buf_add(b, s, 2);
	} else if (cp < 0x10000) {
		s[0] = (char)(0xe0 | (cp >> 12));
		s[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		s[2] = (char)(0x80 | (cp & 0x3f));
		buf_add(b, s, 3);
	} else {
		s[0] = (char)(0xf0 | (cp >> 18));
		s[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
		s[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
		s[3] = (char)(0x80 | (cp & 0x3f));
		buf_add(b, s, 4);
	}
}

/*
 * Length (1-4) of the valid UTF-8 sequence at p (n > 0 bytes left), its
 * code point in *cp; 0 if invalid (overlong, surrogate, > U+10FFFF,
 * truncated).  NUL is a valid one-byte sequence.
 */
static size_t
utf8_seq(const unsigned char *p, size_t n, uint32_t *cp)
{
	unsigned char	lo = 0x80, hi = 0xbf;
	size_t		len, i;
	uint32_t	c;

	if (p[0] < 0x80) {
		*cp = p[0];
		return 1;
	}
	if (p[0] >= 0xc2 && p[0] <= 0xdf) {
		len = 2;
		c = p[0] & 0x1f;
	} else if (p[0] >= 0xe0 && p[0] <= 0xef) {
		len = 3;
		c = p[0] & 0x0f;
		if (p[0] == 0xe0)
			lo = 0xa0;
		else if (p[0] == 0xed)
			hi = 0x9f;
	} else if (p[0] >= 0xf0 && p[0] <= 0xf4) {
		len = 4;
		c = p[0] & 0x07;
		if (p[0] == 0xf0)
			lo = 0x90;
		else if (p[0] == 0xf4)
			hi = 0x8f;
	} else
		return 0;
	if (n < len || p[1] < lo || p[1] > hi)
		return 0;
	for (i = 1; i < len; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (p[i] & 0x3f);
	}
	*cp = c;
	return len;
}

static void
cs_scan(const unsigned char *p, size_t len, struct cs_stats *st)
{
	size_t		i, n;
	uint32_t	cp;

	memset(st, 0, sizeof *st);
	for (i = 0; i < len; i += n) {
		n = 1;
		if (p[i] < 0x80)
			continue;
		if (p[i] <= 0x9f)
			st->c1 = 1;
		else if (p[i] == 0xa4)
			st->a4 = 1;
		if ((n = utf8_seq(p + i, len - i, &cp)) == 0) {
			st->high++;
			st->bad++;
			n = 1;
			continue;
		}
		st->high += n;
		st->mb++;
		/* The continuation bytes count for c1/a4 too. */
		for (size_t j = 1; j < n; j++) {
			if (p[i + j] <= 0x9f)
				st->c1 = 1;
			else if (p[i + j] == 0xa4)
				st->a4 = 1;
		}
	}
}

/*
 * Trims, unquotes and lower-cases a charset label into out (size outsz).
 * Returns 0 if the label is empty or not made of the characters charset
 * names use -- which also keeps iconv's "//TRANSLIT" suffixes out.
 */
static int
cs_normalise(const char *cs, char *out, size_t outsz)
{
	size_t	len;

	if (cs == NULL)
		return 0;
	while (*cs == ' ' || *cs == '\t' || *cs == '"' || *cs == '\'')
		cs++;
	len = strlen(cs);
	while (len > 0 && (cs[len - 1] == ' ' || cs[len - 1] == '\t' ||
	    cs[len - 1] == '"' || cs[len - 1] == '\''))
		len--;
	if (len == 0 || len >= outsz)
		return 0;
	for (size_t i = 0; i < len; i++) {
		char	c = cs[i];

		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		else if (!(c >= 'a' && c <= 'z') && !(c >= '0' && c <= '9') &&
		    c != '-' && c != '_' && c != '.' && c != ':')
			return 0;
		out[i] = c;
	}
	out[len] = '\0';
	return 1;
}

/* Copies UTF-8 (or ASCII) bytes, dropping NULs and a leading BOM. */
static char *
cs_copy_utf8(const char *data, size_t len)
{
	struct buf	b;
	size_t		i = 0;

	buf_init(&b);
	if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	for (; i < len; i++) {
		if (data[i] != '\0')
			buf_addc(&b, data[i]);
	}
	return buf_detach(&b, NULL);
}

/*
 * Decodes a single-byte charset: windows-1252 (latin9 0), or iso-8859-15
 * (latin9 1, whose 0x80-0x9f are read as windows-1252 all the same).  With
 * mixed set, valid UTF-8 sequences are kept and only the other bytes are
 * decoded.
 */
static char *
cs_decode_8bit(const char *data, size_t len, int latin9, int mixed)
{
	const unsigned char	*p = (const unsigned char *)data;
	struct buf		 b;
	size_t			 i, n;
	uint32_t		 cp;

	buf_init(&b);
	for (i = 0; i < len; i++) {
		if (p[i] == '\0')
			continue;
		if (p[i] < 0x80) {
			buf_addc(&b, (char)p[i]);
			continue;
		}
		if (mixed && (n = utf8_seq(p + i, len - i, &cp)) != 0) {
			if (cp != 0xfeff || b.len != 0)
				buf_add(&b, p + i, n);
			i += n - 1;
			continue;
		}
		cp = p[i];
		if (cp <= 0x9f)
			cp = cp1252_c1[cp - 0x80];
		else if (latin9) {
			switch (cp) {
			case 0xa4: cp = 0x20ac; break;
			case 0xa6: cp = 0x0160; break;
			case 0xa8: cp = 0x0161; break;
			case 0xb4: cp = 0x017d; break;
			case 0xb8: cp = 0x017e; break;
			case 0xbc: cp = 0x0152; break;
			case 0xbd: cp = 0x0153; break;
			case 0xbe: cp = 0x0178; break;
			}
		}
		utf8_put(&b, cp);
	}
	return buf_detach(&b, NULL);
}

/*
 * Converts with iconv from charset cs.  Returns NULL if iconv does not
 * know cs, or if strict is set and a byte does not convert.  Otherwise each
 * bad or truncated sequence becomes U+FFFD and is counted in *bad.  The
 * result holds no NUL and no leading BOM; *chars gets the number of
 * characters converted (those two included).
 */
static char *
cs_iconv(const char *data, size_t len, const char *cs, int strict,
    size_t *bad, size_t *chars)
{
	GIConv		 cd;
	struct buf	 b, clean;
	char		 chunk[4096], *in = (char *)data, *out;
	gsize		 inleft = len, outleft, r;
	size_t		 i, n;
	uint32_t	 cp;
	int		 error, flushing;

	*bad = *chars = 0;
	if ((cd = g_iconv_open("UTF-8", cs)) == (GIConv)-1)
		return NULL;
	buf_init(&b);
	for (;;) {
		out = chunk;
		outleft = sizeof chunk;
		/* With no input left, the shift state is flushed. */
		if ((flushing = (inleft == 0)))
			r = g_iconv(cd, NULL, NULL, &out, &outleft);
		else
			r = g_iconv(cd, &in, &inleft, &out, &outleft);
		error = errno;
		buf_add(&b, chunk, sizeof chunk - outleft);
		if (r != (gsize)-1) {
			if (flushing && out == chunk)
				break;
			continue;
		}
		if (error == E2BIG)
			continue;
		/* EILSEQ, or EINVAL: truncated at the end. */
		if (strict)
			goto fail;
		(*bad)++;
		utf8_put(&b, 0xfffd);
		if (flushing)
			break;
		if (error == EINVAL || inleft <= 1) {
			in += inleft;
			inleft = 0;
		} else {
			in++;
			inleft--;
		}
		g_iconv(cd, NULL, NULL, NULL, NULL);
	}
	g_iconv_close(cd);

	/* iconv's output should be valid UTF-8; make sure of it. */
	buf_init(&clean);
	for (i = 0; i < b.len; i += n) {
		(*chars)++;
		if ((n = utf8_seq((unsigned char *)b.data + i, b.len - i,
		    &cp)) == 0) {
			utf8_put(&clean, 0xfffd);
			n = 1;
		} else if (cp != 0 && (cp != 0xfeff || clean.len != 0))
			buf_add(&clean, b.data + i, n);
	}
	buf_free(&b);
	return buf_detach(&clean, NULL);

fail:
	g_iconv_close(cd);
	buf_free(&b);
	return NULL;
}

/* Last resort for bytes that are not UTF-8 in a charset we do not trust. */
static char *
cs_guess(const char *data, size_t len, const struct cs_stats *st,
    const char **used)
{
	if (st->mb > 0 && st->mb >= st->bad) {
		*used = "utf-8+windows-1252";
		return cs_decode_8bit(data, len, 0, 1);
	}
	if (!st->c1 && st->a4) {
		*used = "iso-8859-15";
		return cs_decode_8bit(data, len, 1, 0);
	}
	*used = "windows-1252";
	return cs_decode_8bit(data, len, 0, 0);
}

char *
text_to_utf8(const char *data, size_t len, const char *charset,
    const char **used)
{
	const struct cs_label	*l = NULL;
	struct cs_stats		 st;
	enum cs_kind		 kind = CS_NONE;
	const char		*dummy, *name = NULL;
	char			 label[64], *s;
	size_t			 i, bad, chars;

	if (used == NULL)
		used = &dummy;
	if (len == 0 || data == NULL) {
		*used = "us-ascii";
		return xstrdup("");
	}
	if (cs_normalise(charset, label, sizeof label)) {
		kind = CS_OTHER;
		name = label;
		for (i = 0; i < G_N_ELEMENTS(cs_labels); i++) {
			if (strcmp(cs_labels[i].label, label) == 0) {
				l = &cs_labels[i];
				kind = l->kind;
				if (l->iconv != NULL)
					name = l->iconv;
				break;
			}
		}
	}
	cs_scan((const unsigned char *)data, len, &st);

	if (kind == CS_OTHER) {
		s = cs_iconv(data, len, name, 1, &bad, &chars);
		if (s != NULL) {
			/* A single-byte reading of valid UTF-8 is mojibake. */
			if (chars == len && st.bad == 0) {
				free(s);
				*used = st.high == 0 ? "us-ascii" : "utf-8";
				return cs_copy_utf8(data, len);
			}
			*used = l != NULL ? l->iconv : g_intern_string(name);
			return s;
		}
		if (st.bad == 0) {
			*used = st.high == 0 ? "us-ascii" : "utf-8";
			return cs_copy_utf8(data, len);
		}
		s = cs_iconv(data, len, name, 0, &bad, &chars);
		if (s != NULL && bad * 16 <= st.high) {
			*used = l != NULL ? l->iconv : g_intern_string(name);
			return s;
		}
		free(s);
		return cs_guess(data, len, &st, used);
	}

	if (st.bad == 0) {
		*used = st.high == 0 ? "us-ascii" : "utf-8";
		return cs_copy_utf8(data, len);
	}
	switch (kind) {
	case CS_1252:
		if (st.mb > 0 && st.mb >= st.bad)
			break;
		*used = "windows-1252";
		return cs_decode_8bit(data, len, 0, 0);
	case CS_LATIN9:
		if (st.mb > 0 && st.mb >= st.bad)
			break;
		*used = "iso-8859-15";
		return cs_decode_8bit(data, len, 1, 0);
	default:
		break;
	}
	return cs_guess(data, len, &st, used);
}

char *
text_normalise_newlines(const char *s, size_t len)
{
	char	*out = xmalloc(len + 1);
	size_t	 i, n = 0;

	for (i = 0; i < len; i++) {
		if (s[i] == '\0')
			continue;
		if (s[i] == '\r') {
			out[n++] = '\n';
			if (i + 1 < len && s[i + 1] == '\n')
				i++;
			continue;
		}
		out[n++] = s[i];
	}
	out[n] = '\0';
	return out;
}

/* ------------------------------------------------------------------ */
/* HTML to text. */

enum brk {
	BRK_NONE,
	BRK_LINE,	/* end the current line */
	BRK_PARA	/* end it and leave a blank line before the next */
};

/* One element being walked (from the root to the current node). */
struct frame {
	enum brk	 brk;
	int		 quote;		/* a quoting element: blockquote... */
	int		 qinc;		/* quote levels it adds: 0 or 1 */
	int		 qcontainer;	/* Gmail-style: holds its blockquote */
	size_t		 prev_qtop;	/* enclosing quote frame + 1, 0 none */
	int		 list;		/* 'u' or 'o' */
	unsigned int	 count;		/* <ol> counter */
	size_t		 prev_ltop;
	int		 pre;
	int		 cell;
	int		 msolist;	/* Outlook's list marker span */
	int		 item;		/* <li> */
	int		 link;
	size_t		 link_lines;	/* lines opened before <a> */
	size_t		 link_start;	/* its text start, or SIZE_MAX */
	char		*href;
	int		 prev_font_zero;	/* the walk's before this */
	int		 prev_vis_hidden;
};

struct walk {
	struct buf	 out;
	size_t		 text_end;	/* out length after last text line */
	size_t		 line_start;	/* where the open line begins */
	size_t		 content_start;	/* where its text starts */
	int		 line_open;	/* prefix written */
	int		 line_text;	/* something visible written */
	int		 bullet_only;	/* only a list marker so far */
	int		 line_depth;
	int		 last_depth;	/* quote depth of the last line */
	int		 pending_space;
	int		 want_blank;
	int		 blanks;	/* empty lines in a row */
	int		 started;	/* a text line was written */
	size_t		 lines;		/* lines opened so far */

	int		 quote;		/* quote levels from elements */
	int		 tail;		/* after an Outlook reply header */
	int		 pre;
	int		 pre_skip_nl;
	int		 links;
	int		 lists;
	int		 msolist;
	int		 font_zero;	/* font-size 0 here (inherited) */
	int		 vis_hidden;	/* visibility:hidden here (inherited) */
	struct css_sheet *sheet;	/* the document's <style> rules */

	struct frame	*stack;
	size_t		 nstack;
	size_t		 sstack;
	size_t		 qtop;		/* innermost quote frame + 1, 0 none */
	size_t		 ltop;		/* innermost list frame + 1, 0 none */
};

static int
walk_depth(struct walk *w)
{
	return w->quote + w->tail;
}

static void
walk_prefix(struct walk *w, int depth, int empty)
{
	int	i;

	if (depth > TEXTCONV_QUOTE_MAX)
		depth = TEXTCONV_QUOTE_MAX;
	for (i = 0; i < depth; i++)
		buf_addc(&w->out, '>');
	if (depth > 0 && !empty)
		buf_addc(&w->out, ' ');
}

static void
walk_truncate(struct walk *w, size_t len)
{
	w->out.len = len;
	if (w->out.data != NULL)
		w->out.data[len] = '\0';
}

/* Writes an empty line, if one is allowed here. */
static void
walk_empty_line(struct walk *w, int depth)
{
	if (!w->started || w->blanks >= 1)
		return;
	walk_prefix(w, depth, 1);
	buf_addc(&w->out, '\n');
	w->blanks++;
}

/* Opens a line if none is: pending blank line first, then the prefix. */
static void
walk_line_begin(struct walk *w)
{
	int	depth = walk_depth(w);

	if (w->line_open)
		return;
	if (w->want_blank) {
		w->want_blank = 0;
		walk_empty_line(w, depth < w->last_depth ? depth :
		    w->last_depth);
	}
	w->lines++;
	w->line_start = w->out.len;
	walk_prefix(w, depth, 0);
	w->content_start = w->out.len;
	w->line_depth = depth;
	w->line_open = 1;
	w->line_text = 0;
	w->bullet_only = 0;
}

/* Ends the open line: trailing blanks go; a line of none is empty. */
static void
walk_line_end(struct walk *w)
{
	size_t	len = w->out.len;

	if (!w->line_open)
		return;
	while (len > w->content_start &&
	    (w->out.data[len - 1] == ' ' || w->out.data[len - 1] == '\t'))
		len--;
	walk_truncate(w, len);
	if (len == w->content_start) {
		walk_truncate(w, w->line_start);
		walk_empty_line(w, w->line_depth);
	} else {
		buf_addc(&w->out, '\n');
		w->text_end = w->out.len;
		w->started = 1;
		w->blanks = 0;
	}
	w->last_depth = w->line_depth;
	w->line_open = w->line_text = w->bullet_only = 0;
	w->pending_space = 0;
}

/* Appends visible bytes (valid UTF-8) to the current line. */
static void
walk_put(struct walk *w, const char *s, size_t len)
{
	walk_line_begin(w);
	if (w->pending_space && w->line_text)
		buf_addc(&w->out, ' ');
	w->pending_space = 0;
	buf_add(&w->out, s, len);
	w->line_text = 1;
	w->bullet_only = 0;
}

static void
walk_break(struct walk *w, enum brk brk)
{
	if (brk == BRK_NONE || w->bullet_only)
		return;
	walk_line_end(w);
	w->pending_space = 0;
	if (brk == BRK_PARA && w->started)
		w->want_blank = 1;
}

/* <br>: ends the line, or makes an empty one. */
static void
walk_hard_break(struct walk *w)
{
	walk_line_begin(w);
	walk_line_end(w);
}

/* Characters that render as nothing. */
static int
walk_invisible(uint32_t cp)
{
	switch (cp) {
	case 0x00ad: case 0x034f: case 0x180e: case 0x200b: case 0x200c:
	case 0x200e: case 0x200f: case 0x2060: case 0xfeff:
		return 1;
	}
	return (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f));
}

/* Writes text: whitespace collapses (but not in <pre>). */
static void
walk_text(struct walk *w, const char *s, size_t len)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 i, n;
	uint32_t		 cp;

	/* Text nobody sees is no text (font-size:0, visibility:hidden). */
	if (w->font_zero || w->vis_hidden)
		return;
	for (i = 0; i < len; i += n) {
		if ((n = utf8_seq(p + i, len - i, &cp)) == 0) {
			n = 1;
			continue;
		}
		if (w->pre) {
			if (cp == '\n' && w->pre_skip_nl) {
				w->pre_skip_nl = 0;
				continue;
			}
			w->pre_skip_nl = 0;
			if (cp == '\r')
				continue;
			if (cp == '\n') {
				walk_hard_break(w);
				continue;
			}
			if (cp == '\t' || cp == ' ') {
				walk_line_begin(w);
				w->pending_space = 0;
				buf_add(&w->out, s + i, 1);
				w->line_text = 1;
				continue;
			}
		}
		if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' ||
		    cp == '\f') {
			w->pending_space = 1;
			continue;
		}
		if (walk_invisible(cp))
			continue;
		if (w->msolist) {
			/* Outlook's "<symbol>&nbsp;&nbsp;..." list marker. */
			if (cp == 0xa0) {
				w->pending_space = 1;
				continue;
			}
			if (cp == 0xb7 || cp == 0xa7 || cp == 0x2022 ||
			    cp == 0xf0a7 || cp == 0xf0b7) {
				walk_put(w, "-", 1);
				continue;
			}
		}
		if (cp == 0xa0 || cp == 0x2007 || cp == 0x202f)
			walk_put(w, " ", 1);
		else
			walk_put(w, s + i, n);
	}
}

/* Attribute value (libxml2 copy, xmlFree it) or NULL. */
static char *
walk_attr(xmlNode *n, const char *name)
{
	return (char *)xmlGetProp(n, (const xmlChar *)name);
}

/* Whether the whitespace-separated class list cls holds token. */
static int
walk_has_class(const char *cls, const char *token)
{
	size_t	tlen = strlen(token), n;

	if (cls == NULL)
		return 0;
	while (*cls != '\0') {
		cls += strspn(cls, " \t\r\n\f");
		n = strcspn(cls, " \t\r\n\f");
		if (n == tlen && strncasecmp(cls, token, n) == 0)
			return 1;
		cls += n;
	}
	return 0;
}

/* Style attribute lower-cased without whitespace, for matching. */
static char *
walk_style(xmlNode *n)
{
	char	*v, *s, *d;

	if ((v = walk_attr(n, "style")) == NULL)
		return NULL;
	for (s = d = v; *s != '\0'; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
			continue;
		*d++ = (*s >= 'A' && *s <= 'Z') ? (char)(*s - 'A' + 'a') : *s;
	}
	*d = '\0';
	return v;
}

static int
walk_name_in(const char *name, const char *const *list)
{
	for (; *list != NULL; list++) {
		if (strcmp(name, *list) == 0)
			return 1;
	}
	return 0;
}

static const char *const walk_skip_names[] = {
	"head", "script", "style", "template", "title", "svg", "math",
	"object", "applet", "embed", "iframe", "noembed", "noframes",
	"audio", "video", "map", NULL
};
static const char *const walk_line_names[] = {
	"address", "article", "aside", "blockquote", "caption", "center",
	"dd", "details", "dialog", "dir", "div", "dt", "fieldset",
	"figcaption", "figure", "footer", "form", "header", "legend", "li",
	"main", "menu", "nav", "section", "summary", "table", "tbody",
	"tfoot", "thead", "tr", "body", "html", NULL
};
static const char *const walk_para_names[] = {
	"h1", "h2", "h3", "h4", "h5", "h6", "pre", "dl", "hr", "xmp",
	"listing", "plaintext", NULL
};

/* Whether an href is worth showing. */
static int
walk_href_shown(const char *href)
{
	static const char *const hidden[] = {
		"javascript:", "vbscript:", "data:", "cid:", "about:", NULL
	};
	const char *const	*h;

	if (*href == '\0' || *href == '#')
		return 0;
	for (h = hidden; *h != NULL; h++) {
		if (strncasecmp(href, *h, strlen(*h)) == 0)
			return 0;
	}
	return 1;
}

/* Skips a mailto:, http:// or https:// prefix. */
static const char *
walk_url_body(const char *s, size_t *len)
{
	static const char *const schemes[] = {
		"mailto:", "http://", "https://", NULL
	};
	const char *const	*p;
	size_t			 n;

	for (p = schemes; *p != NULL; p++) {
		n = strlen(*p);
		if (*len >= n && strncasecmp(s, *p, n) == 0) {
			s += n;
			*len -= n;
			break;
		}
	}
	while (*len > 0 && s[*len - 1] == '/')
		(*len)--;
	return s;
}

/* Whether link text and url say the same. */
static int
walk_url_same(const char *text, size_t tlen, const char *href)
{
	size_t	hlen = strlen(href);

	text = walk_url_body(text, &tlen);
	href = walk_url_body(href, &hlen);
	return tlen == hlen && strncasecmp(text, href, tlen) == 0;
}

static struct frame *
walk_push(struct walk *w)
{
	struct frame	*f;

	if (w->nstack == w->sstack) {
		w->sstack = w->sstack ? w->sstack * 2 : 64;
		w->stack = xreallocarray(w->stack, w->sstack, sizeof *w->stack);
	}
	f = &w->stack[w->nstack++];
	memset(f, 0, sizeof *f);
	return f;
}

/* The href of a link worth a " (url)", trimmed; NULL if none. */
static char *
walk_link_href(xmlNode *n)
{
	char	*v, *s, *d;

	if ((v = walk_attr(n, "href")) == NULL)
		return NULL;
	for (s = d = v; *s != '\0'; s++) {
		if ((unsigned char)*s > 0x20 && *s != 0x7f)
			*d++ = *s;
	}
	*d = '\0';
	if (!walk_href_shown(v)) {
		xmlFree(v);
		return NULL;
	}
	return v;
}

/* Outlook's reply header, after which the rest is the quoted mail. */
static int
walk_outlook_header(xmlNode *n, const char *id, const char *cls,
    const char *style)
{
	if (id != NULL && (strcasecmp(id, "appendonsend") == 0 ||
	    strcasecmp(id, "divRplyFwdMsg") == 0 ||
	    strcasecmp(id, "mail-editor-reference-message-container") == 0))
		return 1;
	if (walk_has_class(cls, "OutlookMessageHeader"))
		return 1;
	return (strcmp((const char *)n->name, "div") == 0 && style != NULL &&
	    strstr(style, "border:none") != NULL &&
	    strstr(style, "border-top:solid") != NULL);
}

/*
 * Enters element n: pushes its frame and returns 1, or returns 0 when the
 * element and everything in it is to be skipped.
 */
static int
walk_enter(struct walk *w, xmlNode *n)
{
	const char	*name = (const char *)n->name;
	struct frame	*f, *q;
	struct css_vis	 vis;
	char		*cls, *id, *style, *v, mark[32];
	int		 tail = 0, msolist = 0, i;

	if (walk_name_in(name, walk_skip_names))
		return 0;
	if ((v = walk_attr(n, "hidden")) != NULL) {
		xmlFree(v);
		return 0;
	}
	/* Hidden by a <style> rule, then by its own style (issue 18 F13). */
	cls = walk_attr(n, "class");
	id = walk_attr(n, "id");
	css_vis_init(&vis);
	css_sheet_match(w->sheet, name, id, cls, &vis);
	if ((v = walk_attr(n, "style")) != NULL) {
		css_decls(v, strlen(v), &vis);
		xmlFree(v);
	}
	if (vis.gone) {
		xmlFree(cls);
		xmlFree(id);
		return 0;
	}
	style = walk_style(n);
	msolist = (style != NULL && strstr(style, "mso-list:ignore") != NULL);

	f = walk_push(w);
	f->msolist = msolist;
	f->prev_font_zero = w->font_zero;
	f->prev_vis_hidden = w->vis_hidden;
	if (vis.font_zero != -1)
		w->font_zero = vis.font_zero;
	if (vis.hidden != -1)
		w->vis_hidden = vis.hidden;
	if (walk_name_in(name, walk_line_names))
		f->brk = BRK_LINE;
	else if (walk_name_in(name, walk_para_names))
		f->brk = BRK_PARA;
	else if (strcmp(name, "p") == 0)
		f->brk = str_casestartswith(cls ? cls : "", "mso") ?
		    BRK_LINE : BRK_PARA;
	else if (strcmp(name, "ul") == 0 || strcmp(name, "ol") == 0) {
		f->brk = w->lists ? BRK_LINE : BRK_PARA;
		f->list = name[0];
	} else if (strcmp(name, "td") == 0 || strcmp(name, "th") == 0)
		f->cell = 1;
	else if (strcmp(name, "a") == 0 && w->links == 0 &&
	    (f->href = walk_link_href(n)) != NULL)
		f->link = 1;

	if (strcmp(name, "blockquote") == 0) {
		f->quote = 1;
		q = w->qtop ? &w->stack[w->qtop - 1] : NULL;
		f->qinc = (q == NULL || !q->qcontainer);
	} else if (walk_has_class(cls, "gmail_quote") ||
	    walk_has_class(cls, "yahoo_quoted")) {
		f->quote = f->qinc = f->qcontainer = 1;
	} else if (walk_has_class(cls, "moz-cite-prefix"))
		f->quote = f->qinc = 1;
	else if (walk_outlook_header(n, id, cls, style))
		tail = 1;
	if ((f->quote || tail) && f->brk == BRK_NONE)
		f->brk = BRK_LINE;
	xmlFree(cls);
	xmlFree(id);
	xmlFree(style);

	if (strcmp(name, "br") == 0) {
		walk_hard_break(w);
		return 1;
	}
	walk_break(w, f->brk);
	if (f->cell)
		w->pending_space = 1;
	w->msolist += f->msolist;
	if (tail)
		w->tail = 1;
	if (f->quote) {
		f->prev_qtop = w->qtop;
		w->qtop = w->nstack;
		w->quote += f->qinc;
	}
	if (f->list) {
		f->prev_ltop = w->ltop;
		w->ltop = w->nstack;
		w->lists++;
	}
	if (strcmp(name, "pre") == 0 || strcmp(name, "xmp") == 0 ||
	    strcmp(name, "listing") == 0 || strcmp(name, "plaintext") == 0) {
		f->pre = 1;
		w->pre++;
		w->pre_skip_nl = 1;
	}
	if (f->link) {
		/* Its text starts here, or after the prefix of a new line. */
		w->links++;
		f->link_lines = w->lines;
		f->link_start = w->line_open ? w->out.len : SIZE_MAX;
	}
	if (strcmp(name, "li") == 0 && !w->font_zero && !w->vis_hidden) {
		f->item = 1;
		if (w->bullet_only) {
			/* An item holding only a list: its own line. */
			w->bullet_only = 0;
			walk_line_end(w);
		}
		q = w->ltop ? &w->stack[w->ltop - 1] : NULL;
		if (q != NULL && q->list == 'o')
			snprintf(mark, sizeof mark, "%u.", ++q->count);
		else
			g_strlcpy(mark, "-", sizeof mark);
		walk_line_begin(w);
		for (i = 1; i < w->lists && i < 8; i++)
			buf_add(&w->out, "  ", 2);
		buf_adds(&w->out, mark);
		w->line_text = 1;
		w->bullet_only = 1;
		w->pending_space = 1;
	}
	if (strcmp(name, "img") == 0 && (v = walk_attr(n, "alt")) != NULL) {
		w->pending_space = w->pending_space || w->line_text;
		walk_text(w, v, strlen(v));
		xmlFree(v);
	}
	return 1;
}

/* Leaves the element of the top frame. */
static void
walk_leave(struct walk *w)
{
	struct frame	*f = &w->stack[w->nstack - 1];
	const char	*text;
	size_t		 start, tlen;
	int		 saved, multiline;

	if (f->link) {
		w->links--;
		/* Text on more than one line is never the url. */
		start = f->link_start;
		if (start == SIZE_MAX) {
			/* No line was open at <a>: the text opened one. */
			start = w->line_open ? w->content_start : w->out.len;
			if (w->lines == f->link_lines)
				start = w->out.len;
			multiline = (w->lines - f->link_lines > 1 ||
			    (w->lines > f->link_lines && !w->line_open));
		} else
			multiline = (w->lines != f->link_lines);
		text = "";
		tlen = 0;
		if (!multiline && w->out.len > start) {
			text = w->out.data + start;
			tlen = w->out.len - start;
		}
		while (tlen > 0 && *text == ' ') {
			text++;
			tlen--;
		}
		while (tlen > 0 && text[tlen - 1] == ' ')
			tlen--;
		if (!w->font_zero && !w->vis_hidden && (multiline ||
		    (tlen > 0 && !walk_url_same(text, tlen, f->href)))) {
			saved = w->pending_space;
			w->pending_space = 1;
			walk_put(w, "(", 1);
			walk_text(w, f->href, strlen(f->href));
			walk_put(w, ")", 1);
			w->pending_space = saved;
		}
	}
	xmlFree(f->href);
	if (f->item)
		w->bullet_only = 0;	/* an empty item keeps its line */
	walk_break(w, f->brk);
	if (f->cell)
		w->pending_space = 1;
	if (f->quote) {
		w->quote -= f->qinc;
		w->qtop = f->prev_qtop;
	}
	if (f->list) {
		w->lists--;
		w->ltop = f->prev_ltop;
	}
	if (f->pre)
		w->pre--;
	w->msolist -= f->msolist;
	w->font_zero = f->prev_font_zero;
	w->vis_hidden = f->prev_vis_hidden;
	w->nstack--;
}

/*
 * The rules of every <style> element in the document, wherever it is (a
 * style sheet in the body applies to the whole document too).  Iterative,
 * like walk_doc.
 */
static struct css_sheet *
walk_sheet(xmlDoc *doc)
{
	struct css_sheet	*sh = css_sheet_new();
	xmlNode			*n = doc->children, *c;

	while (n != NULL) {
		if (n->type == XML_ELEMENT_NODE &&
		    strcmp((const char *)n->name, "style") == 0) {
			for (c = n->children; c != NULL; c = c->next) {
				if ((c->type == XML_TEXT_NODE ||
				    c->type == XML_CDATA_SECTION_NODE) &&
				    c->content != NULL)
					css_sheet_add(sh, (const char *)
					    c->content, strlen((const char *)
					    c->content));
			}
		} else if (n->children != NULL) {
			n = n->children;
			continue;
		}
		while (n != NULL && n->next == NULL)
			n = n->parent;
		if (n != NULL)
			n = n->next;
	}
	return sh;
}

/* Walks the tree from the document's first child, without recursion. */
static void
walk_doc(struct walk *w, xmlDoc *doc)
{
	xmlNode	*n = doc->children;
	int	 entered;

	while (n != NULL) {
		entered = 0;
		if (n->type == XML_ELEMENT_NODE)
			entered = walk_enter(w, n);
		else if ((n->type == XML_TEXT_NODE ||
		    n->type == XML_CDATA_SECTION_NODE) && n->content != NULL)
			walk_text(w, (const char *)n->content,
			    strlen((const char *)n->content));
		if (entered && n->children != NULL) {
			n = n->children;
			continue;
		}
		if (entered)
			walk_leave(w);
		/* Climb to the next sibling, leaving elements on the way. */
		while (n != NULL && n->next == NULL) {
			n = n->parent;
			if (n == NULL || n->type != XML_ELEMENT_NODE)
				return;
			walk_leave(w);
		}
		if (n != NULL)
			n = n->next;
	}
}

/*
 * Prepares HTML for libxml2 in place (the result is never longer): drops
 * NULs; outside comments drops "<![" up to the next '>' as HTML5 does (a
 * bogus comment),
 * which takes Outlook's downlevel-revealed conditional markers <![if ...]>
 * and <![endif]> that libxml2 would keep as text; and turns the colon of
 * prefixed tag names into '_' (libxml2 drops the prefix, so that Outlook's
 * <o:p> would become a <p>).
 */
static size_t
html_prepare(char *s, size_t len)
{
	size_t	i, j, k, n = 0;

	for (i = 0; i < len; i++) {
		if (s[i] == '\0')
			continue;
		if (s[i] != '<') {
			s[n++] = s[i];
			continue;
		}
		if (len - i >= 4 && memcmp(s + i, "<!--", 4) == 0) {
			/* A comment, as it is: "<![endif]-->" is its end. */
			for (k = i + 6; k < len; k++) {
				if (s[k] == '>' && s[k - 1] == '-' &&
				    s[k - 2] == '-')
					break;
			}
			for (; i < len && i <= k; i++) {
				if (s[i] != '\0')
					s[n++] = s[i];
			}
			i--;
			continue;
		}
		if (len - i >= 3 && s[i + 1] == '!' && s[i + 2] == '[') {
			for (k = i + 3; k < len && s[k] != '>'; k++)
				/* nothing */;
			i = k;
			continue;
		}
		s[n++] = s[i];
		j = i + 1;
		if (j < len && s[j] == '/')
			s[n++] = s[j++];
		if (j >= len || !g_ascii_isalpha(s[j])) {
			i = j - 1;
			continue;
		}
		for (; j < len && (g_ascii_isalnum(s[j]) || s[j] == ':' ||
		    s[j] == '-' || s[j] == '_' || s[j] == '.'); j++)
			s[n++] = s[j] == ':' ? '_' : s[j];
		i = j - 1;
	}
	return n;
}

/* Length of html cut to TEXTCONV_HTML_MAX, not inside a UTF-8 character. */
static size_t
html_cut(const char *html, size_t len)
{
	size_t	max = TEXTCONV_HTML_MAX;

	if (len <= max)
		return len;
	while (max > TEXTCONV_HTML_MAX - 3 &&
	    ((unsigned char)html[max] & 0xc0) == 0x80)
		max--;
	return max;
}

static void
html_silent(void *ctx, const char *fmt, ...)
{
	(void)ctx;
	(void)fmt;
}

#if LIBXML_VERSION >= 21200
static void
html_silent_structured(void *ctx, const xmlError *error)
#else
static void
html_silent_structured(void *ctx, xmlErrorPtr error)
#endif
{
	(void)ctx;
	(void)error;
}

char *
html_to_text(const char *html, size_t len)
{
	return html_to_text_scan(html, len, NULL);
}

char *
html_to_text_scan(const char *html, size_t len, struct html_scan_stats *st)
{
	xmlGenericErrorFunc		 old_generic;
	xmlStructuredErrorFunc		 old_structured;
	void				*old_generic_ctx, *old_structured_ctx;
	struct walk			 w;
	xmlDoc				*doc;
	char				*copy, *fixed, meta[64];
	const char			*cs;
	size_t				 i, n;
	uint32_t			 cp;

	textconv_init();
	if (st != NULL)
		memset(st, 0, sizeof *st);
	if (html == NULL || len == 0)
		return xstrdup("");
	len = html_cut(html, len);
	for (i = 0; i < len; i += n) {
		if ((n = utf8_seq((const unsigned char *)html + i, len - i,
		    &cp)) == 0)
			break;
	}
	if (i < len) {
		/* Not UTF-8: a <meta> charset says what it is, if any. */
		cs = html_meta_charset(html, len, meta, sizeof meta);
		copy = text_to_utf8(html, len, cs != NULL ? cs : "utf-8", NULL);
		len = html_cut(copy, strlen(copy));
	} else {
		copy = xmalloc(len + 1);
		memcpy(copy, html, len);
	}
	if (len >= 3 && memcmp(copy, "\xef\xbb\xbf", 3) == 0) {
		memmove(copy, copy + 3, len - 3);
		len -= 3;
	}
	len = html_prepare(copy, len);
	copy[len] = '\0';
	/* Bound libxml2's work (see htmlscan.h) before it sees anything. */
	fixed = html_scan(copy, len, &len, st);
	free(copy);
	copy = fixed;

	/*
	 * libxml2 wraps text that comes before any element in an implied
	 * <p>, which would add a blank line after it; an explicit <body>
	 * does not.
	 */
	for (i = 0; i < len && g_ascii_isspace(copy[i]); i++)
		/* nothing */;
	if (i < len && copy[i] != '<') {
		fixed = xasprintf("<body>%s", copy);
		free(copy);
		copy = fixed;
		len += 6;
	}

	old_generic = xmlGenericError;
	old_generic_ctx = xmlGenericErrorContext;
	old_structured = xmlStructuredError;
	old_structured_ctx = xmlStructuredErrorContext;
	xmlSetGenericErrorFunc(NULL, html_silent);
	xmlSetStructuredErrorFunc(NULL, html_silent_structured);
	doc = htmlReadMemory(copy, (int)len, NULL, "UTF-8", HTML_PARSE_RECOVER |
	    HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
	    HTML_PARSE_IGNORE_ENC);
	xmlSetGenericErrorFunc(old_generic_ctx, old_generic);
	xmlSetStructuredErrorFunc(old_structured_ctx, old_structured);
	free(copy);
	if (doc == NULL)
		return xstrdup("");

	memset(&w, 0, sizeof w);
	buf_init(&w.out);
	w.sheet = walk_sheet(doc);
	walk_doc(&w, doc);
	while (w.nstack > 0)
		walk_leave(&w);
	walk_line_end(&w);
	walk_truncate(&w, w.text_end);
	free(w.stack);
	css_sheet_free(w.sheet);
	xmlFreeDoc(doc);
	return buf_detach(&w.out, NULL);
}
