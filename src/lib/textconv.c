/*
 * textconv.c -- charset repair and newline normalisation.
 *
 * Mail declares its charset badly: missing, "iso-8859-1" for windows-1252
 * with smart quotes and euro signs, "us-ascii" for UTF-8, names nobody
 * knows.  text_to_utf8() believes a declaration only as far as the bytes
 * agree with it and otherwise falls back (UTF-8, windows-1252,
 * iso-8859-15) so that its result is always valid UTF-8.  Windows-1252
 * and iso-8859-15 are decoded from tables here; other charsets go through
 * GLib's iconv wrapper.
 *
 * HTML to text is htmltext.c's (beside htmlscan.c and htmlcss.c, which
 * bound and style the HTML it reads); include/textconv.h declares both.
 */
#include "config.h"

#include <errno.h>
#include <glib.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

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
size_t
text_utf8_seq(const unsigned char *p, size_t n, uint32_t *cp)
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
		if ((n = text_utf8_seq(p + i, len - i, &cp)) == 0) {
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
		if (mixed && (n = text_utf8_seq(p + i, len - i, &cp)) != 0) {
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
		if ((n = text_utf8_seq((unsigned char *)b.data + i, b.len - i,
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
