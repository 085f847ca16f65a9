/*
 * tnef_rtf.c -- the compressed RTF body of a TNEF stream, as text.
 *
 * Outlook often sends the formatted body only as PR_RTF_COMPRESSED.  It is
 * decompressed here ([MS-OXRTFCP]) rather than with libytnef's
 * DecompressRTF(), which reads past its input on a corrupt stream, and
 * the RTF is turned into plain text by a small reader of our own, every
 * bound checked.  Pure: no libytnef (that stays in tnef.c), no I/O; the
 * code-page names serve tnef.c's strings too.
 */
#include "config.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "textconv.h"
#include "tnef.h"
#include "util.h"

static uint32_t
le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[3] << 24;
}

void
tnef_codepage_name(unsigned cp, char *out, size_t outlen)
{
	if (cp == 65001)
		snprintf(out, outlen, "UTF-8");
	else if (cp >= 1250 && cp <= 1258)
		snprintf(out, outlen, "windows-%u", cp);
	else if (cp >= 28591 && cp <= 28606)
		snprintf(out, outlen, "iso-8859-%u", cp - 28590);
	else if (cp == 932)
		snprintf(out, outlen, "shift_jis");
	else if (cp == 936)
		snprintf(out, outlen, "gbk");
	else if (cp == 949)
		snprintf(out, outlen, "euc-kr");
	else if (cp == 950)
		snprintf(out, outlen, "big5");
	else if (cp == 20866)
		snprintf(out, outlen, "koi8-r");
	else if (cp == 20127)
		snprintf(out, outlen, "us-ascii");
	else if (cp == 0)
		snprintf(out, outlen, "windows-1252");
	else
		snprintf(out, outlen, "cp%u", cp);
}

/* [MS-OXRTFCP] 2.1.2.1: the dictionary's initial contents. */
static const char rtf_prebuf[] =
    "{\\rtf1\\ansi\\mac\\deff0\\deftab720{\\fonttbl;}{\\f0\\fnil \\froman "
    "\\fswiss \\fmodern \\fscript \\fdecor MS Sans SerifSymbolArialTimes "
    "New RomanCourier{\\colortbl\\red0\\green0\\blue0\r\n\\par "
    "\\pard\\plain\\f0\\fs20\\b\\i\\u\\tab\\tx";

char *
tnef_rtf_decompress(const void *data, size_t len, size_t *outlen,
    char **cause)
{
	const unsigned char	*in = data;
	unsigned char		 dict[4096];
	uint32_t		 comp_size, raw_size, magic;
	size_t			 pos, end, want, wpos, n = 0;
	struct buf		 b;
	int			 bit;

	*outlen = 0;
	if (len < 16) {
		set_cause(cause, "compressed RTF header cut short");
		return NULL;
	}
	comp_size = le32(in);
	raw_size = le32(in + 4);
	magic = le32(in + 8);
	/* comp_size counts the bytes after itself; one too small for the
	 * rest of the header leaves no data (not an end before the data's
	 * start, which "end - 16" turned into a read far past the input:
	 * found by fuzz_intake). */
	end = comp_size < len - 4 ? (size_t)comp_size + 4 : len;
	if (end < 16)
		end = 16;
	want = raw_size < TNEF_RTF_MAX ? raw_size : TNEF_RTF_MAX;
	buf_init(&b);
	if (magic == 0x414c454dU) {		/* "MELA": stored */
		if (end - 16 < want)
			want = end - 16;
		buf_add(&b, in + 16, want);
		*outlen = b.len;
		return b.data != NULL ? buf_detach(&b, NULL) : xstrdup("");
	}
	if (magic != 0x75465a4cU) {		/* "LZFu" */
		set_cause(cause, "unknown RTF compression 0x%08x", magic);
		return NULL;
	}
	memset(dict, 0, sizeof dict);
	memcpy(dict, rtf_prebuf, sizeof rtf_prebuf - 1);
	wpos = sizeof rtf_prebuf - 1;
	pos = 16;
	while (pos < end && n < want) {
		unsigned control = in[pos++];

		for (bit = 0; bit < 8 && pos < end && n < want; bit++) {
			if (control & (1U << bit)) {
				unsigned ref, off, cnt, k;

				if (end - pos < 2)
					goto done;
				ref = (unsigned)in[pos] << 8 | in[pos + 1];
				pos += 2;
				off = ref >> 4;
				cnt = (ref & 0xf) + 2;
				if (off == (wpos & 0xfff))
					goto done;	/* end marker */
				for (k = 0; k < cnt && n < want; k++) {
					unsigned char c = dict[(off + k) &
					    0xfff];

					dict[wpos++ & 0xfff] = c;
					buf_addc(&b, (char)c);
					n++;
				}
			} else {
				unsigned char c = in[pos++];

				dict[wpos++ & 0xfff] = c;
				buf_addc(&b, (char)c);
				n++;
			}
		}
	}
done:
	*outlen = b.len;
	return b.data != NULL ? buf_detach(&b, NULL) : xstrdup("");
}

/* Destinations whose text is not part of the document's text. */
static const char *const rtf_skip[] = {
	"fonttbl", "colortbl", "stylesheet", "info", "pict", "object",
	"header", "footer", "headerl", "headerr", "headerf", "footerl",
	"footerr", "footerf", "themedata", "colorschememapping", "datastore",
	"latentstyles", "listtable", "listoverridetable", "rsidtbl",
	"generator", "xmlnstbl", "mmathPr", "fldinst", "pgdsctbl",
	"filetbl", "revtbl", "userprops", "wgrffmtfilter", "xmlopen",
	"bkmkstart", "bkmkend", "htmltag", "mhtmltag", "nonshppict",
	"shpinst", NULL
};

struct rtf {
	struct buf	 out;
	struct buf	 bytes;		/* pending code-page bytes */
	char		 cs[32];
};

static void
rtf_flush(struct rtf *r)
{
	char	*u;

	if (r->bytes.len == 0)
		return;
	u = text_to_utf8(r->bytes.data, r->bytes.len, r->cs, NULL);
	buf_adds(&r->out, u);
	free(u);
	r->bytes.len = 0;
}

static void
rtf_text(struct rtf *r, const char *s)
{
	rtf_flush(r);
	buf_adds(&r->out, s);
}

static void
rtf_unicode(struct rtf *r, long c)
{
	char	u[5];

	if (c < 0)
		c += 65536;
	if (c <= 0 || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		c = 0xfffd;
	if (c < 0x80) {
		u[0] = (char)c;
		u[1] = '\0';
	} else if (c < 0x800) {
		u[0] = (char)(0xc0 | c >> 6);
		u[1] = (char)(0x80 | (c & 0x3f));
		u[2] = '\0';
	} else if (c < 0x10000) {
		u[0] = (char)(0xe0 | c >> 12);
		u[1] = (char)(0x80 | ((c >> 6) & 0x3f));
		u[2] = (char)(0x80 | (c & 0x3f));
		u[3] = '\0';
	} else {
		u[0] = (char)(0xf0 | c >> 18);
		u[1] = (char)(0x80 | ((c >> 12) & 0x3f));
		u[2] = (char)(0x80 | ((c >> 6) & 0x3f));
		u[3] = (char)(0x80 | (c & 0x3f));
		u[4] = '\0';
	}
	rtf_text(r, u);
}

/* Collapses runs of blank lines, trims the ends, ends with one LF. */
static char *
tidy(const char *s)
{
	struct buf	 b;
	int		 nl = 2;	/* no blank lines at the start */
	const char	*p;
	size_t		 line_start = 0;

	buf_init(&b);
	for (p = s; *p != '\0'; p++) {
		if (*p == '\n') {
			/* Trailing blanks of the line go. */
			while (b.len > line_start &&
			    (b.data[b.len - 1] == ' ' ||
			    b.data[b.len - 1] == '\t'))
				b.len--;
			if (nl < 2)
				buf_addc(&b, '\n');
			nl++;
			line_start = b.len;
			continue;
		}
		if (*p == '\r')
			continue;
		nl = 0;
		buf_addc(&b, *p);
	}
	while (b.len > 0 && (b.data[b.len - 1] == '\n' ||
	    b.data[b.len - 1] == ' ' || b.data[b.len - 1] == '\t'))
		b.len--;
	if (b.len > 0)
		buf_addc(&b, '\n');
	else
		buf_adds(&b, "");
	b.data[b.len] = '\0';
	return buf_detach(&b, NULL);
}

char *
tnef_rtf_to_text(const char *rtf, size_t len)
{
	struct rtf	 r;
	/* Per group: skipped, and the \uc fallback count. */
	unsigned char	 skip[256], uc[256];
	int		 depth = 0, fallback = 0, i;
	size_t		 p = 0;
	char		*text, *res;

	memset(&r, 0, sizeof r);
	buf_init(&r.out);
	buf_init(&r.bytes);
	snprintf(r.cs, sizeof r.cs, "windows-1252");
	skip[0] = 0;
	uc[0] = 1;
	while (p < len) {
		unsigned char c = (unsigned char)rtf[p];

		if (c == '{') {
			p++;
			if (depth < 255) {
				depth++;
				skip[depth] = skip[depth - 1];
				uc[depth] = uc[depth - 1];
			} else
				depth++;	/* counted, not tracked */
			continue;
		}
		if (c == '}') {
			p++;
			if (depth > 0)
				depth--;
			fallback = 0;
			continue;
		}
		const int d = depth < 255 ? depth : 255;

		if (c == '\\' && p + 1 < len) {
			unsigned char n = (unsigned char)rtf[p + 1];

			if (n == '\'') {
				int hi = p + 2 < len ? hex_digit(rtf[p + 2]) : -1;
				int lo = p + 3 < len ? hex_digit(rtf[p + 3]) : -1;

				p += 2;
				if (hi >= 0 && lo >= 0)
					p += 2;
				if (fallback > 0) {
					fallback--;
					continue;
				}
				if (!skip[d] && hi >= 0 && lo >= 0)
					buf_addc(&r.bytes, (char)(hi << 4 | lo));
				continue;
			}
			if (n == '*') {
				p += 2;
				skip[d] = 1;
				continue;
			}
			if (!isalpha(n)) {
				p += 2;
				if (skip[d])
					continue;
				if (n == '\\' || n == '{' || n == '}') {
					char lit[2] = { (char)n, '\0' };
					if (fallback > 0)
						fallback--;
					else
						rtf_text(&r, lit);
				} else if (n == '~')
					rtf_text(&r, " ");
				else if (n == '_')
					rtf_text(&r, "-");
				else if (n == '\n' || n == '\r')
					rtf_text(&r, "\n");
				continue;
			}
			/* A control word, a number, an optional space. */
			char	word[32];
			size_t	wl = 0;
			long	num = 0;
			int	has_num = 0, neg = 0;

			p++;
			while (p < len && isalpha((unsigned char)rtf[p])) {
				if (wl < sizeof word - 1)
					word[wl++] = rtf[p];
				p++;
			}
			word[wl] = '\0';
			if (p < len && rtf[p] == '-') {
				neg = 1;
				p++;
			}
			while (p < len && isdigit((unsigned char)rtf[p])) {
				if (num < 10000000)
					num = num * 10 + (rtf[p] - '0');
				has_num = 1;
				p++;
			}
			if (neg)
				num = -num;
			if (p < len && rtf[p] == ' ')
				p++;
			for (i = 0; rtf_skip[i] != NULL; i++)
				if (strcmp(word, rtf_skip[i]) == 0)
					skip[d] = 1;
			if (strcmp(word, "ansicpg") == 0 && has_num && num > 0)
				tnef_codepage_name((unsigned)num, r.cs,
				    sizeof r.cs);
			if (strcmp(word, "uc") == 0 && has_num && num >= 0 &&
			    num < 10)
				uc[d] = (unsigned char)num;
			if (skip[d])
				continue;
			if (fallback > 0) {
				fallback--;
				continue;
			}
			if (strcmp(word, "par") == 0 ||
			    strcmp(word, "line") == 0 ||
			    strcmp(word, "row") == 0 ||
			    strcmp(word, "sect") == 0 ||
			    strcmp(word, "page") == 0)
				rtf_text(&r, "\n");
			else if (strcmp(word, "tab") == 0 ||
			    strcmp(word, "cell") == 0)
				rtf_text(&r, "\t");
			else if (strcmp(word, "emdash") == 0)
				rtf_text(&r, "\xe2\x80\x94");
			else if (strcmp(word, "endash") == 0)
				rtf_text(&r, "\xe2\x80\x93");
			else if (strcmp(word, "bullet") == 0)
				rtf_text(&r, "\xe2\x80\xa2");
			else if (strcmp(word, "lquote") == 0)
				rtf_text(&r, "\xe2\x80\x98");
			else if (strcmp(word, "rquote") == 0)
				rtf_text(&r, "\xe2\x80\x99");
			else if (strcmp(word, "ldblquote") == 0)
				rtf_text(&r, "\xe2\x80\x9c");
			else if (strcmp(word, "rdblquote") == 0)
				rtf_text(&r, "\xe2\x80\x9d");
			else if (strcmp(word, "u") == 0 && has_num) {
				rtf_unicode(&r, num);
				fallback = uc[d];
			}
			continue;
		}
		p++;
		if (c == '\r' || c == '\n' || c == '\\')
			continue;
		if (skip[d])
			continue;
		if (fallback > 0) {
			fallback--;
			continue;
		}
		if (c >= 0x80)
			buf_addc(&r.bytes, (char)c);
		else if (c != 0) {
			char lit[2] = { (char)c, '\0' };
			rtf_text(&r, lit);
		}
	}
	rtf_flush(&r);
	buf_free(&r.bytes);
	text = r.out.data != NULL ? buf_detach(&r.out, NULL) : xstrdup("");
	/* Text from several code pages: make sure it is all UTF-8. */
	res = text_to_utf8(text, strlen(text), "UTF-8", NULL);
	free(text);
	text = tidy(res);
	free(res);
	return text;
}

