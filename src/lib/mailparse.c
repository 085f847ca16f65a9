/*
 * mailparse.c -- turn raw RFC 5322 bytes into a struct mail with GMime.
 *
 * Real mail is messy: headers in 8-bit without a charset, bodies whose
 * declared charset is wrong, HTML-only messages, attachments within
 * forwarded messages.  The parser never trusts a declaration: every text
 * ends up as valid UTF-8 (textconv.c), and every limit (size, MIME depth,
 * header count) is enforced here, recorded in the result, never a crash.
 */
#include "config.h"

#include <ctype.h>
#include <gmime/gmime.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "htmlscan.h"
#include "mail.h"
#include "textconv.h"
#include "tnef.h"
#include "util.h"

static GMimeParserOptions *parse_options;

void
mail_init(void)
{
	static const char *fallback[] = { "UTF-8", "windows-1252",
	    "iso-8859-15", NULL };

	if (parse_options != NULL)
		return;
	g_mime_init();
	textconv_init();
	parse_options = g_mime_parser_options_new();
	g_mime_parser_options_set_fallback_charsets(parse_options, fallback);
	g_mime_parser_options_set_rfc2047_compliance_mode(parse_options,
	    GMIME_RFC_COMPLIANCE_LOOSE);
	g_mime_parser_options_set_address_compliance_mode(parse_options,
	    GMIME_RFC_COMPLIANCE_LOOSE);
	g_mime_parser_options_set_parameter_compliance_mode(parse_options,
	    GMIME_RFC_COMPLIANCE_LOOSE);
}

/* A decoded header value as valid one-line UTF-8, or NULL. */
static char *
clean_value(const char *v)
{
	char	*u, *s;

	if (v == NULL)
		return NULL;
	u = text_to_utf8(v, strlen(v), "UTF-8", NULL);
	s = str_header_safe(u);
	free(u);
	str_trim(s);
	return s;
}

static char *
header(GMimeObject *o, const char *name)
{
	return clean_value(g_mime_object_get_header(o, name));
}

/*
 * RFC 2047 encoded words, decoded here rather than by GMime: GMime 3.2
 * loses the rest of a header when a character is split over two encoded
 * words (which RFC 2047 forbids but real clients do), and it believes the
 * declared charset.  Here the bytes of adjacent words in one charset are
 * joined before conversion, and conversion goes through text_to_utf8(),
 * so a word labelled iso-8859-1 that holds UTF-8 comes out right.  Text
 * outside encoded words (raw 8-bit too) is read as text_to_utf8() reads a
 * body without a charset.
 */
struct words {
	struct buf	 out;	/* UTF-8 so far */
	struct buf	 pend;	/* bytes waiting for conversion */
	char		 cs[64];	/* their charset; "" = raw text */
	const char	*hint;	/* charset for raw 8-bit text, or NULL */
};

/*
 * Length of the valid UTF-8 sequence at p (n > 0 bytes left), 0 if none
 * starts there (overlong, surrogate, beyond U+10FFFF, cut short).
 */
static size_t
utf8_len(const unsigned char *p, size_t n)
{
	unsigned char	lo = 0x80, hi = 0xbf;
	size_t		len, i;

	if (p[0] < 0x80)
		return 1;
	if (p[0] >= 0xc2 && p[0] <= 0xdf)
		len = 2;
	else if (p[0] >= 0xe0 && p[0] <= 0xef) {
		len = 3;
		if (p[0] == 0xe0)
			lo = 0xa0;
		else if (p[0] == 0xed)
			hi = 0x9f;
	} else if (p[0] >= 0xf0 && p[0] <= 0xf4) {
		len = 4;
		if (p[0] == 0xf0)
			lo = 0x90;
		else if (p[0] == 0xf4)
			hi = 0x8f;
	} else
		return 0;
	if (n < len || p[1] < lo || p[1] > hi)
		return 0;
	for (i = 2; i < len; i++)
		if ((p[i] & 0xc0) != 0x80)
			return 0;
	return len;
}

static int
is_utf8_label(const char *cs)
{
	return strcasecmp(cs, "utf-8") == 0 || strcasecmp(cs, "utf8") == 0 ||
	    strcasecmp(cs, "us-ascii") == 0 || strcasecmp(cs, "ascii") == 0;
}

/*
 * Raw 8-bit header bytes (outside encoded words), which carry no charset
 * of their own:
 *   - valid UTF-8 is UTF-8;
 *   - mostly valid UTF-8 (at least as many valid multi-byte sequences as
 *     stray bytes) keeps its UTF-8 and reads each stray byte alone as
 *     windows-1252, so one bad byte does not turn the whole header into
 *     mojibake;
 *   - else the charset the message declares for its text (hint: GB2312
 *     clients write raw GB2312 headers), when the bytes convert in it;
 *   - else per sequence as above if there is any valid one, else
 *     text_to_utf8()'s guess (windows-1252 or iso-8859-15).
 */
static char *
raw_to_utf8(const char *data, size_t len, const char *hint)
{
	const unsigned char	*p = (const unsigned char *)data;
	const char		*used;
	struct buf		 b;
	size_t			 i, n, mb = 0, bad = 0;
	char			*s;

	for (i = 0; i < len; i += n) {
		if ((n = utf8_len(p + i, len - i)) == 0) {
			bad++;
			n = 1;
		} else if (n > 1)
			mb++;
	}
	if (bad == 0)
		return text_to_utf8(data, len, "UTF-8", NULL);
	if ((mb == 0 || mb < bad) && hint != NULL && *hint != '\0' &&
	    !is_utf8_label(hint)) {
		s = text_to_utf8(data, len, hint, &used);
		/* Not one of the fallbacks: the bytes are in that charset. */
		if (strcmp(used, "utf-8+windows-1252") != 0 &&
		    strcmp(used, "windows-1252") != 0 &&
		    strcmp(used, "iso-8859-15") != 0 &&
		    strcmp(used, "utf-8") != 0 && strcmp(used, "us-ascii") != 0)
			return s;
		free(s);
	}
	if (mb == 0)
		return text_to_utf8(data, len, NULL, NULL);
	buf_init(&b);
	for (i = 0; i < len; i += n) {
		if ((n = utf8_len(p + i, len - i)) != 0) {
			if (p[i] != '\0')
				buf_add(&b, p + i, n);
			continue;
		}
		n = 1;
		s = text_to_utf8(data + i, 1, "windows-1252", NULL);
		buf_adds(&b, s);
		free(s);
	}
	return b.data != NULL ? buf_detach(&b, NULL) : xstrdup("");
}

static void
words_flush(struct words *d)
{
	char	*u;

	if (d->pend.len == 0)
		return;
	if (d->cs[0] == '\0')
		u = raw_to_utf8(d->pend.data, d->pend.len, d->hint);
	else
		u = text_to_utf8(d->pend.data, d->pend.len, d->cs, NULL);
	buf_adds(&d->out, u);
	free(u);
	d->pend.len = 0;
}

static void
words_add(struct words *d, const char *cs, const void *bytes, size_t len)
{
	if (strcasecmp(d->cs, cs) != 0) {
		words_flush(d);
		snprintf(d->cs, sizeof d->cs, "%s", cs);
	}
	buf_add(&d->pend, bytes, len);
}

/* Parses an encoded word at p; on success adds its bytes and returns the
 * position after "?=", else NULL. */
static const char *
word_decode(struct words *d, const char *p)
{
	const char	*cs = p + 2, *q, *text, *end;
	char		 charset[64];
	struct buf	 b;
	size_t		 n;
	int		 enc;

	q = strchr(cs, '?');
	if (q == NULL || q == cs || (size_t)(q - cs) >= sizeof charset ||
	    memchr(cs, ' ', (size_t)(q - cs)) != NULL)
		return NULL;
	enc = toupper((unsigned char)q[1]);
	if ((enc != 'B' && enc != 'Q') || q[2] != '?')
		return NULL;
	text = q + 3;
	end = strstr(text, "?=");
	if (end == NULL || memchr(text, ' ', (size_t)(end - text)) != NULL)
		return NULL;
	n = (size_t)(q - cs);
	memcpy(charset, cs, n);
	charset[n] = '\0';
	charset[strcspn(charset, "*")] = '\0';	/* RFC 2231 language */
	buf_init(&b);
	if (enc == 'Q') {
		for (q = text; q < end; q++) {
			if (*q == '_')
				buf_addc(&b, ' ');
			else if (*q == '=' && end - q > 2 &&
			    isxdigit((unsigned char)q[1]) &&
			    isxdigit((unsigned char)q[2])) {
				char hex[3] = { q[1], q[2], '\0' };

				buf_addc(&b, (char)strtol(hex, NULL, 16));
				q += 2;
			} else
				buf_addc(&b, *q);
		}
	} else {
		static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
		    "abcdefghijklmnopqrstuvwxyz0123456789+/";
		unsigned	acc = 0;
		int		bits = 0;

		for (q = text; q < end; q++) {
			const char *v = *q != '\0' ? strchr(b64, *q) : NULL;

			if (v == NULL)
				continue;	/* '=' padding, junk */
			acc = (acc << 6) | (unsigned)(v - b64);
			bits += 6;
			if (bits >= 8) {
				bits -= 8;
				buf_addc(&b, (char)((acc >> bits) & 0xff));
			}
		}
	}
	words_add(d, *charset != '\0' ? charset : "us-ascii",
	    b.data != NULL ? b.data : "", b.len);
	buf_free(&b);
	return end + 2;
}

/* The raw value of a header (folded, possibly 8-bit) as one line of
 * valid UTF-8 with its encoded words decoded; hint (may be NULL) is the
 * charset for raw 8-bit bytes (see raw_to_utf8). */
static char *
decode_header_text(const char *raw, const char *hint)
{
	struct words	 d;
	const char	*p, *next, *gap = NULL;
	char		*u, *s;
	int		 after_word = 0;

	if (raw == NULL)
		return NULL;
	memset(&d, 0, sizeof d);
	buf_init(&d.out);
	buf_init(&d.pend);
	d.hint = hint;
	/* Unfold: CR and LF go, the blanks after them stay. */
	u = xstrdup(raw);
	for (p = raw, s = u; *p != '\0'; p++)
		if (*p != '\r' && *p != '\n')
			*s++ = *p;
	*s = '\0';
	for (p = u; *p != '\0';) {
		if (p[0] == '=' && p[1] == '?' &&
		    (next = word_decode(&d, p)) != NULL) {
			/* Blanks between two encoded words vanish. */
			p = next;
			after_word = 1;
			gap = NULL;
			continue;
		}
		if (after_word && (*p == ' ' || *p == '\t')) {
			/* Kept only if no encoded word follows. */
			if (gap == NULL)
				gap = p;
			p++;
			continue;
		}
		if (gap != NULL) {
			words_add(&d, "", gap, (size_t)(p - gap));
			gap = NULL;
		}
		after_word = 0;
		words_add(&d, "", p, 1);
		p++;
	}
	if (gap != NULL)
		words_add(&d, "", gap, strlen(gap));
	words_flush(&d);
	buf_free(&d.pend);
	free(u);
	s = d.out.data != NULL ? buf_detach(&d.out, NULL) : xstrdup("");
	u = clean_value(s);
	free(s);
	return u;
}

/* The raw (undecoded, folded) value of the first header called name. */
static const char *
raw_header(GMimeObject *o, const char *name)
{
	GMimeHeader *h = g_mime_header_list_get_header(
	    g_mime_object_get_header_list(o), name);

	return h != NULL ? g_mime_header_get_raw_value(h) : NULL;
}

/*
 * The charset declared for the first text part of a (sub)tree, forwarded
 * messages left out, or NULL: the hint for raw 8-bit header bytes.
 */
static const char *
body_charset(GMimeObject *o, int depth)
{
	GMimeContentType	*ct;
	const char		*cs;
	int			 i, n;

	if (o == NULL || depth > 20)
		return NULL;
	if (GMIME_IS_MULTIPART(o)) {
		n = g_mime_multipart_get_count(GMIME_MULTIPART(o));
		for (i = 0; i < n; i++)
			if ((cs = body_charset(g_mime_multipart_get_part(
			    GMIME_MULTIPART(o), i), depth + 1)) != NULL)
				return cs;
		return NULL;
	}
	ct = g_mime_object_get_content_type(o);
	if (!GMIME_IS_PART(o) || ct == NULL || !g_mime_content_type_is_type(ct,
	    "text", "*"))
		return NULL;
	cs = g_mime_content_type_get_parameter(ct, "charset");
	return cs != NULL && *cs != '\0' ? cs : NULL;
}

static int
has_8bit(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s >= 0x80)
			return 1;
	return 0;
}

/* A raw display name (quotes around it dropped) with our own decoder, or
 * NULL when it is empty. */
static char *
decode_name(const char *raw, size_t len, const char *hint)
{
	char	*n, *d;

	n = xstrndup(raw, len);
	str_trim(n);
	len = strlen(n);
	if (len >= 2 && n[0] == '"' && n[len - 1] == '"') {
		memmove(n, n + 1, len - 2);
		n[len - 2] = '\0';
	}
	d = decode_header_text(n, hint);
	free(n);
	if (*d == '\0') {
		free(d);
		return NULL;
	}
	return d;
}

/*
 * The display name of a From value of the form `name <addr>` with our own
 * decoder (see above) when it has encoded words or raw 8-bit bytes, or
 * NULL when the value has another form.
 */
static char *
decode_display_name(const char *raw, const char *hint)
{
	const char	*lt;

	if (raw == NULL || (strstr(raw, "=?") == NULL && !has_8bit(raw)) ||
	    (lt = strrchr(raw, '<')) == NULL || strchr(lt, '@') == NULL ||
	    memchr(raw, ',', (size_t)(lt - raw)) != NULL)
		return NULL;
	return decode_name(raw, (size_t)(lt - raw), hint);
}

/*
 * Whether addr is an addr-spec by the letter of RFC 5322 (without the
 * obsolete forms) and RFC 6531: a dot-atom or quoted local part, one '@'
 * and a dot-atom domain of letters, digits, hyphens and UTF-8, or a
 * domain literal.  A sender's address that is not is never mailed: a
 * lenient parser makes a fragment of it (develop!nextmime@ebony of
 * "develop!nextmime@ebony@sblab.att.com"), which may be someone else.
 */
int
mail_addr_valid(const char *addr)
{
	static const char	 atext[] = "!#$%&'*+-/=?^_`{|}~";
	const unsigned char	*p = (const unsigned char *)addr;
	int			 n;

	if (addr == NULL || strlen(addr) > 254)
		return 0;
	if (*p == '"') {
		for (p++; *p != '"'; p++) {
			if (*p == '\\' && p[1] != '\0')
				p++;
			else if (*p == '\0' || *p < 0x20)
				return 0;
		}
		p++;
	} else {
		for (n = 0; *p != '@'; p++, n++) {
			if (*p == '.' && (n == 0 || p[1] == '.' || p[1] == '@'))
				return 0;
			if (!isalnum(*p) && *p < 0x80 && *p != '.' &&
			    (*p == '\0' || strchr(atext, *p) == NULL))
				return 0;
		}
		if (n == 0)
			return 0;
	}
	if (*p++ != '@')
		return 0;
	if (*p == '[')
		return p[1] != ']' && strchr((const char *)p, ']') != NULL &&
		    strchr((const char *)p, ']')[1] == '\0' &&
		    strpbrk((const char *)p + 1, "[\\ ") == NULL;
	for (n = 0; *p != '\0'; p++, n++) {
		if (*p == '.' && (n == 0 || p[1] == '.' || p[1] == '\0'))
			return 0;
		if (!isalnum(*p) && *p < 0x80 && *p != '.' && *p != '-')
			return 0;
	}
	return n > 0;
}

/*
 * The sender's address in a raw From value, read by hand for what GMime
 * cannot make a mailbox of: the last <...> that holds an '@', else the
 * last word holding one (`From: Name addr@domain`); comments are
 * skipped.  Returns it (malloc'd, not checked: see mail_addr_valid) and
 * the raw text before it in *name (NULL when blank), or NULL.
 */
static char *
from_raw_addr(const char *raw, char **name)
{
	struct buf	 b;
	const char	*p;
	char		*v, *lt, *gt, *a = NULL, *w;
	int		 quoted = 0, depth = 0;

	*name = NULL;
	if (raw == NULL)
		return NULL;
	/* Unfolded, comments (outside quotes) made blanks. */
	buf_init(&b);
	for (p = raw; *p != '\0'; p++) {
		if (*p == '\r' || *p == '\n')
			continue;
		if (*p == '\\' && p[1] != '\0' && (quoted || depth > 0)) {
			if (depth == 0)
				buf_add(&b, p, 2);
			p++;
			continue;
		}
		if (!quoted && *p == '(')
			depth++;
		else if (!quoted && depth > 0 && *p == ')') {
			depth--;
			buf_addc(&b, ' ');
			continue;
		} else if (depth == 0 && *p == '"')
			quoted = !quoted;
		if (depth == 0)
			buf_addc(&b, *p);
	}
	v = b.data != NULL ? buf_detach(&b, NULL) : xstrdup("");
	str_trim(v);
	if ((lt = strrchr(v, '<')) != NULL && (gt = strchr(lt, '>')) != NULL &&
	    memchr(lt, '@', (size_t)(gt - lt)) != NULL) {
		a = xstrndup(lt + 1, (size_t)(gt - lt - 1));
		*lt = '\0';
	} else if (strchr(v, '@') != NULL) {
		for (w = v + strlen(v); w > v && w[-1] != ' ' &&
		    w[-1] != '\t'; w--)
			;
		if (strchr(w, '@') != NULL && strchr(w, '"') == NULL) {
			a = xstrdup(w);
			*w = '\0';
		}
	}
	if (a != NULL) {
		str_trim(a);
		str_trim(v);
		if (*v != '\0')
			*name = xstrdup(v);
	}
	free(v);
	return a;
}

static void
add_ref(struct mail *m, const char *id)
{
	size_t	i;

	if (id == NULL || *id == '\0' || m->nrefs >= 100)
		return;
	for (i = 0; i < m->nrefs; i++)
		if (strcmp(m->refs[i], id) == 0)
			return;
	m->refs = xreallocarray(m->refs, m->nrefs + 1, sizeof *m->refs);
	m->refs[m->nrefs++] = clean_value(id);
}

static void
parse_refs(struct mail *m, const char *value, int is_in_reply_to)
{
	GMimeReferences	*r;
	int		 i, n;

	if (value == NULL)
		return;
	r = g_mime_references_parse(parse_options, value);
	if (r == NULL)
		return;
	n = g_mime_references_length(r);
	for (i = 0; i < n; i++) {
		const char *id = g_mime_references_get_message_id(r, i);

		if (is_in_reply_to && i == 0 && m->in_reply_to == NULL &&
		    id != NULL)
			m->in_reply_to = clean_value(id);
		add_ref(m, id);
	}
	g_mime_references_free(r);
}

/* The decoded (transfer-encoding undone) bytes of a leaf part. */
static GByteArray *
part_bytes(GMimePart *part)
{
	GMimeDataWrapper	*w = g_mime_part_get_content(part);
	GMimeStream		*mem;
	GByteArray		*ba;

	if (w == NULL)
		return NULL;
	mem = g_mime_stream_mem_new();
	g_mime_data_wrapper_write_to_stream(w, mem);
	ba = g_byte_array_new();
	g_byte_array_append(ba,
	    g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(mem))->data,
	    g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(mem))->len);
	g_object_unref(mem);
	return ba;
}

/* Recipients: lower-cased addr-specs, at most MAIL_MAX_RCPTS, no
 * duplicates.  A value that is not a plain address is ignored. */
#define MAIL_MAX_RCPTS	100

static void
add_rcpt(struct mail *m, const char *addr)
{
	char	*a;
	size_t	 i;

	if (addr == NULL || m->nrcpts >= MAIL_MAX_RCPTS)
		return;
	a = clean_value(addr);
	if (*a == '<' && a[strlen(a) - 1] == '>') {
		memmove(a, a + 1, strlen(a) - 1);
		a[strlen(a) - 2] = '\0';
	}
	str_trim(a);
	str_lower(a);
	if (strchr(a, '@') == NULL || strpbrk(a, " <>,;") != NULL) {
		free(a);
		return;
	}
	for (i = 0; i < m->nrcpts; i++)
		if (strcmp(m->rcpts[i], a) == 0) {
			free(a);
			return;
		}
	m->rcpts = xreallocarray(m->rcpts, m->nrcpts + 1, sizeof *m->rcpts);
	m->rcpts[m->nrcpts++] = a;
}

static void
add_rcpt_list(struct mail *m, InternetAddressList *l, int depth)
{
	int	i;

	for (i = 0; l != NULL && depth < 4 &&
	    i < internet_address_list_length(l); i++) {
		InternetAddress *ia = internet_address_list_get_address(l, i);

		if (INTERNET_ADDRESS_IS_MAILBOX(ia))
			add_rcpt(m, internet_address_mailbox_get_addr(
			    INTERNET_ADDRESS_MAILBOX(ia)));
		else if (INTERNET_ADDRESS_IS_GROUP(ia))
			add_rcpt_list(m, internet_address_group_get_members(
			    INTERNET_ADDRESS_GROUP(ia)), depth + 1);
	}
}

struct walk {
	struct mail			*m;
	const struct mail_limits	*lim;
	struct buf			 fwd;	/* forwarded messages' text */
	char				*tnef_body;
	int				 depth_noted;
	int				 files_noted;
};

/* Records a limit that cut something off (deduplicated, at most 20). */
static void
add_note(struct mail *m, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
add_note(struct mail *m, const char *fmt, ...)
{
	va_list	 ap;
	char	*s;
	size_t	 i;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	for (i = 0; i < m->nnotes; i++)
		if (strcmp(m->notes[i], s) == 0)
			break;
	if (i < m->nnotes || m->nnotes >= 20) {
		free(s);
		return;
	}
	m->notes = xreallocarray(m->notes, m->nnotes + 1, sizeof *m->notes);
	m->notes[m->nnotes++] = s;
	m->truncated = 1;
}

static int
is_blank(const char *s)
{
	return s == NULL || s[strspn(s, " \t\r\n")] == '\0';
}

/* A leaf that is body text rather than a file: text/plain or text/html,
 * not marked as an attachment and without a file name. */
static int
is_body_part(GMimeObject *o)
{
	GMimeContentType	*ct = g_mime_object_get_content_type(o);
	GMimeContentDisposition	*disp;

	if (!GMIME_IS_PART(o) || ct == NULL ||
	    (!g_mime_content_type_is_type(ct, "text", "plain") &&
	    !g_mime_content_type_is_type(ct, "text", "html")))
		return 0;
	disp = g_mime_object_get_content_disposition(o);
	if (disp != NULL && g_mime_content_disposition_is_attachment(disp))
		return 0;
	return g_mime_part_get_filename(GMIME_PART(o)) == NULL;
}

/* The bytes of a leaf part as they stand in the message, transfer
 * encoding not undone. */
static GByteArray *
part_raw_bytes(GMimePart *part)
{
	GMimeDataWrapper	*w = g_mime_part_get_content(part);
	GMimeStream		*src, *mem;
	GByteArray		*ba;

	if (w == NULL || (src = g_mime_data_wrapper_get_stream(w)) == NULL)
		return NULL;
	mem = g_mime_stream_mem_new();
	g_mime_stream_reset(src);
	g_mime_stream_write_to_stream(src, mem);
	g_mime_stream_reset(src);
	ba = g_byte_array_new();
	g_byte_array_append(ba,
	    g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(mem))->data,
	    g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(mem))->len);
	g_object_unref(mem);
	return ba;
}

/*
 * Whether text labelled base64 is none (Exchange labels plain text so):
 * most of its lines are not base64 lines (a character outside the
 * alphabet, or blanks between words), or what it decodes to has control
 * characters that no text has -- though it is text itself.  A real
 * base64 body with a footer a relay appended stays base64.
 */
static int
fake_base64(const GByteArray *raw, const GByteArray *dec, const char *cs)
{
	static const char	 b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
				    "abcdefghijklmnopqrstuvwxyz0123456789+/=";
	const unsigned char	*p = raw->data, *end = p + raw->len, *nl;
	size_t			 lines = 0, b64lines = 0, i, n;

	for (; p < end; p = nl + 1) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (nl == NULL)
			nl = end;
		n = (size_t)(nl - p);
		while (n > 0 && (p[n - 1] == '\r' || p[n - 1] == ' ' ||
		    p[n - 1] == '\t'))
			n--;
		for (i = 0; i < n && (p[i] == ' ' || p[i] == '\t'); i++)
			;
		if (i == n)
			continue;
		lines++;
		for (; i < n; i++)
			if (p[i] == '\0' || strchr(b64, p[i]) == NULL)
				break;
		if (i == n)
			b64lines++;
		/* Raw text is clean text: no control characters, no NUL. */
		for (i = 0; i < n; i++)
			if (p[i] < 0x20 && p[i] != '\t')
				return 0;
	}
	if (lines == 0)
		return 0;
	if (b64lines * 2 < lines)
		return 1;
	/* UTF-16 and UTF-32 text decodes to NULs; ISO-2022 uses ESC. */
	if (cs != NULL && (strncasecmp(cs, "utf-16", 6) == 0 ||
	    strncasecmp(cs, "utf-32", 6) == 0 ||
	    strncasecmp(cs, "ucs", 3) == 0))
		return 0;
	for (i = 0; i < dec->len; i++)
		if (dec->data[i] < 0x20 && dec->data[i] != '\t' &&
		    dec->data[i] != '\n' && dec->data[i] != '\r' &&
		    dec->data[i] != '\f' && dec->data[i] != 0x1b)
			return 1;
	return 0;
}

/* The text of a leaf part as UTF-8 with LF newlines (never NULL). */
static char *
part_text(GMimePart *part)
{
	GMimeContentType	*ct = g_mime_object_get_content_type(
				    GMIME_OBJECT(part));
	GByteArray		*ba = part_bytes(part), *raw;
	const char		*cs = ct != NULL ?
				    g_mime_content_type_get_parameter(ct,
				    "charset") : NULL;
	char			*u, *n, meta[64];

	if (ba == NULL)
		return xstrdup("");
	if (g_mime_part_get_content_encoding(part) ==
	    GMIME_CONTENT_ENCODING_BASE64 &&
	    (raw = part_raw_bytes(part)) != NULL) {
		if (fake_base64(raw, ba, cs)) {
			g_byte_array_unref(ba);
			ba = raw;
		} else
			g_byte_array_unref(raw);
	}
	/* HTML without a MIME charset: its <meta> charset, if any (D15). */
	if ((cs == NULL || *cs == '\0') && ct != NULL &&
	    g_mime_content_type_is_type(ct, "text", "html"))
		cs = html_meta_charset((const char *)ba->data, ba->len, meta,
		    sizeof meta);
	u = text_to_utf8((const char *)ba->data, ba->len, cs, NULL);
	g_byte_array_unref(ba);
	n = text_normalise_newlines(u, strlen(u));
	free(u);
	return n;
}

/* Appends text to b as a block of its own: a line break between. */
static void
add_block(struct buf *b, const char *text)
{
	if (b->len > 0 && b->data[b->len - 1] != '\n')
		buf_addc(b, '\n');
	if (b->len > 0)
		buf_addc(b, '\n');
	buf_adds(b, text);
}

/*
 * The readable text of a (sub)tree, or NULL when it has none: in
 * multipart/alternative the text/plain version unless it is empty or only
 * whitespace, else the HTML one through html_to_text(); in
 * multipart/related the root; in multipart/signed the signed part; in
 * multipart/report the human-readable first part; in multipart/mixed
 * (and anything else) every inline text part in order, as Apple Mail
 * splits a body around inline images -- but of one rendering: the plain
 * ones, or when there are none the HTML ones.  Text/plain is the rendering
 * commands are read from because it is what the sender's client wrote
 * from the typed text, with quotes marked as cmd_find_quote_start() knows
 * them, and no style sheet can hide text in it from a plain-text reader.  Forwarded messages are not
 * entered: their text is added after the body (walk_files).
 */
static char *
choose_body(struct walk *w, GMimeObject *o, int depth, int *from_html)
{
	GMimeContentType	*ct;

	*from_html = 0;
	if (o == NULL || depth > w->lim->max_depth)
		return NULL;
	ct = g_mime_object_get_content_type(o);
	if (GMIME_IS_MULTIPART(o)) {
		GMimeMultipart	*mp = GMIME_MULTIPART(o);
		int		 i, n = g_mime_multipart_get_count(mp), h;
		char		*t, *html = NULL;
		struct buf	 b;

		if (ct != NULL && g_mime_content_type_is_type(ct, "multipart",
		    "alternative")) {
			for (i = 0; i < n; i++) {
				t = choose_body(w, g_mime_multipart_get_part(
				    mp, i), depth + 1, &h);
				if (t == NULL)
					continue;
				if (!h) {
					free(html);
					return t;
				}
				if (html == NULL)
					html = t;
				else
					free(t);
			}
			*from_html = html != NULL;
			return html;
		}
		if (ct != NULL && (g_mime_content_type_is_type(ct, "multipart",
		    "related") || g_mime_content_type_is_type(ct, "multipart",
		    "signed") || g_mime_content_type_is_type(ct, "multipart",
		    "report")))
			n = n > 0 ? 1 : 0;
		if (ct != NULL && g_mime_content_type_is_type(ct, "multipart",
		    "encrypted"))
			return NULL;
		/*
		 * One rendering only (issue 18 F13): text/plain and text/html
		 * side by side here are two renderings of one text, as in
		 * multipart/alternative, and a union would read commands from
		 * both.  The plain blocks win, as they do there; the HTML ones
		 * count only when there are none.
		 */
		struct buf	 hb;

		buf_init(&b);
		buf_init(&hb);
		for (i = 0; i < n; i++) {
			t = choose_body(w, g_mime_multipart_get_part(mp, i),
			    depth + 1, &h);
			if (t == NULL)
				continue;
			add_block(h ? &hb : &b, t);
			free(t);
		}
		if (b.len == 0) {
			buf_free(&b);
			b = hb;
			*from_html = b.len > 0;
		} else
			buf_free(&hb);
		if (b.len == 0) {
			buf_free(&b);
			return NULL;
		}
		return buf_detach(&b, NULL);
	}
	if (!is_body_part(o))
		return NULL;

	char *t = part_text(GMIME_PART(o));

	if (g_mime_content_type_is_type(ct, "text", "html")) {
		char *x = html_to_text(t, strlen(t));

		free(t);
		t = x;
		*from_html = 1;
	}
	if (is_blank(t)) {
		free(t);
		return NULL;
	}
	return t;
}

/*
 * The text/plain or text/html leaves that are files (a name, or marked
 * as attachments), forwarded messages left out: the first, their number
 * in *n.  When a message has no body text but one such file, the
 * sender's client put the text there (D5).
 */
static GMimeObject *
only_text_file(GMimeObject *o, int depth, int *n)
{
	GMimeContentType	*ct;
	GMimeObject		*first = NULL, *f;
	int			 i, k;

	if (o == NULL || depth > 20)
		return NULL;
	if (GMIME_IS_MULTIPART(o)) {
		k = g_mime_multipart_get_count(GMIME_MULTIPART(o));
		for (i = 0; i < k; i++) {
			f = only_text_file(g_mime_multipart_get_part(
			    GMIME_MULTIPART(o), i), depth + 1, n);
			if (first == NULL)
				first = f;
		}
		return first;
	}
	ct = g_mime_object_get_content_type(o);
	if (!GMIME_IS_PART(o) || ct == NULL || is_body_part(o) ||
	    (!g_mime_content_type_is_type(ct, "text", "plain") &&
	    !g_mime_content_type_is_type(ct, "text", "html")))
		return NULL;
	(*n)++;
	return o;
}

/* Adds the <id>s that follow "Message-ID:" at the start of a line (after
 * blanks and quote marks) in text to the returned message ids. */
static void
scan_message_ids(struct mail *m, const char *text, size_t len)
{
	const char	*p = text, *end = text + len, *nl, *lt, *gt;

	while (p < end && m->nreturned_ids < 10) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (nl == NULL)
			nl = end;
		while (p < nl && (*p == ' ' || *p == '\t' || *p == '>'))
			p++;
		if ((size_t)(nl - p) >= 11 && strncasecmp(p, "Message-ID:",
		    11) == 0) {
			/* The id may be folded onto the next line. */
			const char *stop = nl < end ? nl + 1 : end;

			while (stop < end && (*stop == ' ' || *stop == '\t')) {
				const char *n2 = memchr(stop, '\n',
				    (size_t)(end - stop));
				stop = n2 != NULL ? n2 + 1 : end;
			}
			lt = memchr(p + 11, '<', (size_t)(stop - p - 11));
			gt = lt != NULL ? memchr(lt, '>', (size_t)(stop - lt)) :
			    NULL;
			if (gt != NULL && gt - lt > 1 && gt - lt < 250) {
				char *id = xstrndup(lt + 1, (size_t)(gt - lt -
				    1)), *c;
				size_t i;

				c = clean_value(id);
				free(id);
				str_trim(c);
				for (i = 0; i < m->nreturned_ids; i++)
					if (strcmp(m->returned_ids[i], c) == 0)
						break;
				if (i == m->nreturned_ids && *c != '\0' &&
				    strpbrk(c, " <>") == NULL) {
					m->returned_ids = xreallocarray(
					    m->returned_ids, m->nreturned_ids +
					    1, sizeof *m->returned_ids);
					m->returned_ids[m->nreturned_ids++] = c;
				} else
					free(c);
			}
		}
		p = nl + 1;
	}
}

/* The value of "name:" in an RFC 3464 field block, one line, or NULL. */
static char *
dsn_field(const char *text, size_t len, const char *name)
{
	const char	*p = text, *end = text + len, *nl;
	size_t		 nlen = strlen(name);
	struct buf	 b;

	while (p < end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (nl == NULL)
			nl = end;
		if ((size_t)(nl - p) > nlen && strncasecmp(p, name, nlen) ==
		    0 && p[nlen] == ':') {
			buf_init(&b);
			buf_add(&b, p + nlen + 1, (size_t)(nl - p - nlen - 1));
			/* Folded continuation lines. */
			while (nl < end && nl + 1 < end && (nl[1] == ' ' ||
			    nl[1] == '\t')) {
				p = nl + 1;
				nl = memchr(p, '\n', (size_t)(end - p));
				if (nl == NULL)
					nl = end;
				buf_addc(&b, ' ');
				buf_add(&b, p, (size_t)(nl - p));
			}
			char *v = clean_value(b.data != NULL ? b.data : "");
			buf_free(&b);
			if (strlen(v) > 300)
				v[300] = '\0';
			return v;
		}
		p = nl + 1;
	}
	return NULL;
}

/* message/delivery-status: the first recipient's fields (RFC 3464). */
static void
read_delivery_status(struct mail *m, GMimePart *part)
{
	GByteArray	*ba = part_bytes(part);
	char		*t, *v, *semi;
	const char	*rcpt;

	if (ba == NULL)
		return;
	t = text_normalise_newlines((const char *)ba->data, ba->len);
	g_byte_array_unref(ba);
	/* Per-recipient fields follow the first blank line. */
	rcpt = strstr(t, "\n\n");
	rcpt = rcpt != NULL ? rcpt + 2 : t;
	if (m->dsn_recipient == NULL &&
	    ((v = dsn_field(rcpt, strlen(rcpt), "Final-Recipient")) != NULL ||
	    (v = dsn_field(rcpt, strlen(rcpt), "Original-Recipient")) !=
	    NULL)) {
		/* "rfc822; addr" */
		semi = strchr(v, ';');
		m->dsn_recipient = xstrdup(semi != NULL ? semi + 1 : v);
		str_trim(m->dsn_recipient);
		str_lower(m->dsn_recipient);
		free(v);
	}
	if (m->dsn_action == NULL)
		m->dsn_action = dsn_field(rcpt, strlen(rcpt), "Action");
	if (m->dsn_status == NULL)
		m->dsn_status = dsn_field(rcpt, strlen(rcpt), "Status");
	if (m->dsn_diagnostic == NULL)
		m->dsn_diagnostic = dsn_field(rcpt, strlen(rcpt),
		    "Diagnostic-Code");
	free(t);
}

/* Files kept per message (limits.max_attachments; 1000 when unset). */
static size_t
max_files(const struct mail_limits *lim)
{
	return lim->max_files > 0 ? lim->max_files : 1000;
}

static void
add_file(struct walk *w, const char *filename, const char *type,
    const void *data, size_t size)
{
	struct mail		*m = w->m;
	struct mail_attachment	*a;
	char			 sha[65];
	size_t			 i;

	sha256_hex(data != NULL ? data : "", size, sha);
	/* Apple Mail puts files in both alternatives: keep one. */
	for (i = 0; i < m->nattachments; i++)
		if (strcmp(m->attachments[i].sha256, sha) == 0 &&
		    strcmp(m->attachments[i].filename, filename) == 0)
			return;
	if (m->nattachments >= max_files(w->lim)) {
		if (!w->files_noted++)
			add_note(m, "more than %zu attachments: the rest "
			    "were not stored", max_files(w->lim));
		m->nattachments_dropped++;
		return;
	}
	m->attachments = xreallocarray(m->attachments, m->nattachments + 1,
	    sizeof *m->attachments);
	a = &m->attachments[m->nattachments++];
	memset(a, 0, sizeof *a);
	a->filename = xstrdup(filename);
	a->content_type = xstrdup(type);
	a->size = size;
	memcpy(a->sha256, sha, sizeof a->sha256);
	if (w->lim->max_attachment == 0 || size <= w->lim->max_attachment) {
		a->data = xmalloc(size + 1);
		if (size)
			memcpy(a->data, data, size);
		a->data[size] = '\0';
	} else
		m->nattachments_over_cap++;
}

/* Outlook's winmail.dat: its files (and its body when the message has
 * none) instead of the opaque stream.  0 when decoded. */
static int
add_tnef(struct walk *w, const char *filename, GByteArray *ba)
{
	struct tnef	 t;
	char		*why = NULL, *n, *ty;
	size_t		 i, left;

	if (w->lim->max_attachment != 0 && ba->len > w->lim->max_attachment)
		return -1;	/* over the cap: kept out as it is */
	left = w->m->nattachments < max_files(w->lim) ?
	    max_files(w->lim) - w->m->nattachments : 0;
	if (tnef_decode(ba->data, ba->len, left, &t, &why) == -1) {
		add_note(w->m, "%s could not be decoded (%s): kept as it is",
		    filename, why);
		free(why);
		return -1;
	}
	for (i = 0; i < t.nfiles; i++) {
		n = clean_value(t.files[i].name);
		ty = clean_value(t.files[i].type);
		add_file(w, *n != '\0' ? n : "attachment", ty, t.files[i].data,
		    t.files[i].len);
		free(n);
		free(ty);
	}
	if (t.nfiles_dropped > 0) {
		add_note(w->m, "more than %zu attachments: the rest were not "
		    "stored", max_files(w->lim));
		w->m->nattachments_dropped += t.nfiles_dropped;
	}
	if (w->tnef_body == NULL && t.body != NULL) {
		w->tnef_body = t.body;
		t.body = NULL;
	}
	tnef_free(&t);
	return 0;
}

static void
add_attachment(struct walk *w, GMimePart *part, GMimeContentType *ct)
{
	GByteArray	*ba = part_bytes(part);
	const char	*fn = g_mime_part_get_filename(part);
	char		*type, *name, *t;

	type = g_mime_content_type_get_mime_type(ct);
	t = clean_value(type);
	g_free(type);
	str_lower(t);
	name = fn != NULL ? clean_value(fn) : xstrdup("");
	if (*name == '\0') {
		free(name);
		name = xstrdup("attachment");
	}
	if (ba != NULL && (strcmp(t, "application/ms-tnef") == 0 ||
	    strcmp(t, "application/vnd.ms-tnef") == 0 ||
	    strcasecmp(name, "winmail.dat") == 0) &&
	    add_tnef(w, name, ba) == 0) {
		free(name);
		free(t);
		g_byte_array_unref(ba);
		return;
	}
	add_file(w, name, t, ba != NULL ? ba->data : NULL,
	    ba != NULL ? ba->len : 0);
	free(name);
	free(t);
	if (ba != NULL)
		g_byte_array_unref(ba);
}

/*
 * Visits every part for what is not the body: files (over the cap only
 * their name, type, size and hash), forwarded messages (their text goes
 * into w->fwd under a separator line, their files are files of this
 * message), winmail.dat, and the parts of a delivery report.  report is
 * set directly under the top-level multipart/report.
 */
static void
walk_files(struct walk *w, GMimeObject *o, int depth, int report, int fwd)
{
	GMimeContentType	*ct;

	if (o == NULL)
		return;
	if (depth > w->lim->max_depth) {
		if (!w->depth_noted++)
			add_note(w->m, "MIME parts nested deeper than %d "
			    "levels were not read", w->lim->max_depth);
		return;
	}
	ct = g_mime_object_get_content_type(o);
	if (GMIME_IS_MULTIPART(o)) {
		GMimeMultipart	*mp = GMIME_MULTIPART(o);
		int		 i, n = g_mime_multipart_get_count(mp);
		int		 is_rep = ct != NULL && depth == 0 && !fwd &&
		    g_mime_content_type_is_type(ct, "multipart", "report");

		if (is_rep) {
			const char *rt = g_mime_content_type_get_parameter(ct,
			    "report-type");

			w->m->is_report = 1;
			if (rt != NULL && strcasecmp(rt, "delivery-status") ==
			    0)
				w->m->is_delivery_report = 1;
		}
		for (i = 0; i < n; i++)
			walk_files(w, g_mime_multipart_get_part(mp, i),
			    depth + 1, is_rep, fwd);
		return;
	}
	if (GMIME_IS_MESSAGE_PART(o)) {
		GMimeMessage	*inner = g_mime_message_part_get_message(
				    GMIME_MESSAGE_PART(o));
		const char	*v;
		char		*body, *s;
		int		 h;

		if (inner == NULL)
			return;
		if (report) {
			/* The message this report is about. */
			if ((v = g_mime_message_get_message_id(inner)) !=
			    NULL && *v != '\0' && w->m->nreturned_ids < 10) {
				w->m->returned_ids = xreallocarray(
				    w->m->returned_ids, w->m->nreturned_ids + 1,
				    sizeof *w->m->returned_ids);
				w->m->returned_ids[w->m->nreturned_ids++] =
				    clean_value(v);
			}
			return;
		}
		add_block(&w->fwd, "---- Doorgestuurd bericht / Forwarded "
		    "message ----\n");
		if ((s = header(GMIME_OBJECT(inner), "From")) != NULL) {
			char *d = NULL;

			if (g_mime_message_get_from(inner) != NULL) {
				char *f = internet_address_list_to_string(
				    g_mime_message_get_from(inner), NULL,
				    FALSE);
				d = clean_value(f);
				g_free(f);
			}
			buf_printf(&w->fwd, "From: %s\n", d != NULL && *d ?
			    d : s);
			free(d);
			free(s);
		}
		if ((s = header(GMIME_OBJECT(inner), "Date")) != NULL) {
			buf_printf(&w->fwd, "Date: %s\n", s);
			free(s);
		}
		if ((s = decode_header_text(raw_header(GMIME_OBJECT(inner),
		    "Subject"), body_charset(g_mime_message_get_mime_part(
		    inner), 0))) != NULL) {
			buf_printf(&w->fwd, "Subject: %s\n", s);
			free(s);
		}
		body = choose_body(w, g_mime_message_get_mime_part(inner),
		    depth + 1, &h);
		if (body != NULL) {
			buf_addc(&w->fwd, '\n');
			buf_adds(&w->fwd, body);
			free(body);
		}
		walk_files(w, g_mime_message_get_mime_part(inner), depth + 1,
		    0, 1);
		return;
	}
	if (!GMIME_IS_PART(o) || ct == NULL)
		return;
	if (report && (g_mime_content_type_is_type(ct, "text",
	    "rfc822-headers") || g_mime_content_type_is_type(ct, "message",
	    "rfc822-headers") || g_mime_content_type_is_type(ct, "message",
	    "global-headers"))) {
		GByteArray *ba = part_bytes(GMIME_PART(o));

		if (ba != NULL) {
			char *t = text_normalise_newlines(
			    (const char *)ba->data, ba->len);
			scan_message_ids(w->m, t, strlen(t));
			free(t);
			g_byte_array_unref(ba);
		}
		return;
	}
	if (report && (g_mime_content_type_is_type(ct, "message",
	    "delivery-status") || g_mime_content_type_is_type(ct, "message",
	    "global-delivery-status")))
		read_delivery_status(w->m, GMIME_PART(o));
	if (is_body_part(o))
		return;
	add_attachment(w, GMIME_PART(o), ct);
}

static int
header_is(const char *line, size_t len, const char *name)
{
	size_t	n = strlen(name);

	if (len <= n || strncasecmp(line, name, n) != 0)
		return 0;
	for (line += n, len -= n; len > 0 && (*line == ' ' || *line == '\t');
	    line++, len--)
		;
	return len > 0 && *line == ':';
}

/*
 * What GMime would misread in the top-level header, repaired in a copy
 * for the parser (the raw message is stored as it came):
 *   - leading lines of only blanks (some scripts start with one) go;
 *   - a line of only blanks ends the header, as an empty line does --
 *     GMime takes it for a folded continuation and reads the body as
 *     header;
 *   - a second Content-Type or Content-Transfer-Encoding is renamed:
 *     the first counts, as in most mail readers (GMime takes the last).
 * Returns NULL when there is nothing to repair, else the copy (*outlen
 * its length) that the caller frees.
 */
static int
only_blanks(const char *p, size_t n)
{
	for (; n > 0; p++, n--)
		if (*p != ' ' && *p != '\t' && *p != '\r')
			return 0;
	return 1;
}

static char *
raw_repair(const char *raw, size_t len, size_t *outlen)
{
	const char	*p = raw, *end = raw + len, *nl, *body = NULL;
	struct buf	 b;
	int		 changed = 0, seen_ct = 0, seen_cte = 0;
	size_t		 n, text;

	/* Leading lines of blanks or empty ones: no header starts so. */
	while ((nl = memchr(p, '\n', (size_t)(end - p))) != NULL &&
	    only_blanks(p, (size_t)(nl - p))) {
		p = nl + 1;
		changed = 1;
	}
	buf_init(&b);
	while (p < end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		n = nl != NULL ? (size_t)(nl - p) + 1 : (size_t)(end - p);
		text = n - (nl != NULL);	/* without the LF */
		if (only_blanks(p, text)) {
			/* The empty line, or one of blanks: the body follows. */
			if (memchr(p, ' ', text) == NULL &&
			    memchr(p, '\t', text) == NULL)
				buf_add(&b, p, n);
			else {
				buf_add(&b, "\n", 1);
				changed = 1;
			}
			body = p + n;
			break;
		}
		if ((header_is(p, text, "Content-Type") && seen_ct++) ||
		    (header_is(p, text, "Content-Transfer-Encoding") &&
		    seen_cte++)) {
			buf_adds(&b, "X-Klachtd-Ignored-");
			changed = 1;
		}
		buf_add(&b, p, n);
		p += n;
	}
	if (!changed) {
		buf_free(&b);
		return NULL;
	}
	if (body != NULL && body < end)
		buf_add(&b, body, (size_t)(end - body));
	if (b.data == NULL)
		buf_addc(&b, '\n');
	return buf_detach(&b, outlen);
}

/*
 * Content-Type values that are no type/subtype at all ("text plain")
 * make GMime read the part as application/octet-stream, a file.  RFC
 * 2045 5.2 says such a part is text/plain; us-ascii (the charset is
 * taken when the value names one).
 */
static void
repair_types(GMimeObject *o, int depth)
{
	GMimeContentType	*ct, *old;
	const char		*v, *cs;
	size_t			 n;
	int			 i;

	if (o == NULL || depth > 50)
		return;
	if (GMIME_IS_MULTIPART(o)) {
		n = (size_t)g_mime_multipart_get_count(GMIME_MULTIPART(o));
		for (i = 0; i < (int)n; i++)
			repair_types(g_mime_multipart_get_part(
			    GMIME_MULTIPART(o), i), depth + 1);
		return;
	}
	if (!GMIME_IS_PART(o) ||
	    (v = g_mime_object_get_header(o, "Content-Type")) == NULL)
		return;
	v += strspn(v, " \t\r\n");
	n = strcspn(v, ";");
	while (n > 0 && strchr(" \t\r\n", v[n - 1]) != NULL)
		n--;
	if (n > 0 && memchr(v, '/', n) != NULL && strcspn(v, " \t") >= n)
		return;
	old = g_mime_object_get_content_type(o);
	cs = old != NULL ? g_mime_content_type_get_parameter(old, "charset") :
	    NULL;
	ct = g_mime_content_type_new("text", "plain");
	g_mime_content_type_set_parameter(ct, "charset", cs != NULL &&
	    *cs != '\0' ? cs : "us-ascii");
	g_mime_object_set_content_type(o, ct);
	g_object_unref(ct);
}

struct mail *
mail_parse(const char *raw, size_t len, const struct mail_limits *lim,
    char **cause)
{
	GMimeStream		*stream;
	GMimeParser		*parser;
	GMimeMessage		*msg;
	GMimeObject		*o;
	GMimeHeaderList		*hl;
	InternetAddressList	*from;
	struct mail		*m;
	struct walk		 w;
	int			 i, n;
	const char		*v, *hint;
	GMimeObject		*t;
	int			 nt = 0;
	char			*fixed, *own, *own_name;
	size_t			 fixed_len = 0;

	mail_init();
	if (len == 0) {
		set_cause(cause, "empty message");
		return NULL;
	}
	if (lim->max_size && len > lim->max_size) {
		set_cause(cause, "message of %zu bytes exceeds the limit of "
		    "%zu bytes", len, lim->max_size);
		return NULL;
	}
	fixed = raw_repair(raw, len, &fixed_len);
	stream = fixed != NULL ?
	    g_mime_stream_mem_new_with_buffer(fixed, fixed_len) :
	    g_mime_stream_mem_new_with_buffer(raw, len);
	parser = g_mime_parser_new_with_stream(stream);
	g_mime_parser_set_format(parser, GMIME_FORMAT_MESSAGE);
	msg = g_mime_parser_construct_message(parser, parse_options);
	g_object_unref(parser);
	g_object_unref(stream);
	free(fixed);	/* the stream kept a copy */
	if (msg == NULL) {
		set_cause(cause, "not a MIME message");
		return NULL;
	}
	o = GMIME_OBJECT(msg);
	m = xcalloc(1, sizeof *m);

	hl = g_mime_object_get_header_list(o);
	n = g_mime_header_list_get_count(hl);
	if (lim->max_headers && n > lim->max_headers) {
		set_cause(cause, "message has %d header fields, more than the "
		    "limit of %d", n, lim->max_headers);
		g_object_unref(msg);
		mail_free(m);
		return NULL;
	}
	for (i = 0; i < n; i++) {
		GMimeHeader	*h = g_mime_header_list_get_header_at(hl, i);
		const char	*name = g_mime_header_get_name(h);

		if (name == NULL)
			continue;
		/* The topmost trace headers, in order: officer_auth asks
		 * authres_trusted() which Authentication-Results our MX
		 * added.  A sender's own trace is below ours, so the cap
		 * only ever cuts what nobody trusts. */
		if ((strcasecmp(name, "Authentication-Results") == 0 ||
		    strcasecmp(name, "Received") == 0) &&
		    m->ntrace < MAIL_MAX_TRACE) {
			m->trace = xreallocarray(m->trace, m->ntrace + 1,
			    sizeof *m->trace);
			m->trace[m->ntrace].received =
			    strcasecmp(name, "Received") == 0;
			m->trace[m->ntrace++].value = clean_value(
			    g_mime_header_get_value(h));
		}
		if (strcasecmp(name, "List-Id") == 0 ||
		    strcasecmp(name, "List-Unsubscribe") == 0 ||
		    strcasecmp(name, "List-Post") == 0)
			m->has_list_headers = 1;
		/* Not X-Auto-Response-Suppress: it asks US not to answer
		 * automatically and says nothing of who wrote the mail. */
		if (strcasecmp(name, "X-Autoreply") == 0 ||
		    strcasecmp(name, "X-Autorespond") == 0 ||
		    strcasecmp(name, "X-AutoReply-From") == 0 ||
		    strcasecmp(name, "X-Mail-Autoreply") == 0)
			m->has_autoreply_headers = 1;
		if (strcasecmp(name, "X-Failed-Recipients") == 0)
			m->has_failed_recipients = 1;
	}

	repair_types(g_mime_message_get_mime_part(msg), 0);
	hint = body_charset(g_mime_message_get_mime_part(msg), 0);
	/* The first Message-ID: GMime keeps the last. */
	if ((v = raw_header(o, "Message-ID")) != NULL) {
		char *id = g_mime_utils_decode_message_id(v);

		if (id != NULL && *id != '\0')
			m->message_id = clean_value(id);
		g_free(id);
	}
	if (m->message_id == NULL &&
	    (v = g_mime_message_get_message_id(msg)) != NULL && *v != '\0')
		m->message_id = clean_value(v);
	from = g_mime_message_get_from(msg);
	for (i = 0; from != NULL && i < internet_address_list_length(from);
	    i++) {
		InternetAddress *ia = internet_address_list_get_address(from,
		    i);

		if (!INTERNET_ADDRESS_IS_MAILBOX(ia))
			continue;
		v = internet_address_mailbox_get_addr(
		    INTERNET_ADDRESS_MAILBOX(ia));
		if (v == NULL || strchr(v, '@') == NULL)
			continue;
		m->from_addr = clean_value(v);
		str_lower(m->from_addr);
		if (internet_address_list_length(from) == 1)
			m->from_name = decode_display_name(raw_header(o,
			    "From"), hint);
		if (m->from_name == NULL &&
		    internet_address_get_name(ia) != NULL)
			m->from_name = clean_value(
			    internet_address_get_name(ia));
		break;
	}
	/*
	 * The From value read by hand: GMime finds no mailbox in `Name
	 * addr@domain` nor in one whose display name decodes to CR/LF, and
	 * makes a fragment of an address that is none.  An address that is
	 * not strictly one is kept (the case records who wrote) but marked
	 * never to be mailed.
	 */
	own = from_raw_addr(raw_header(o, "From"), &own_name);
	if (own != NULL && (m->from_addr == NULL || (!mail_addr_valid(own) &&
	    internet_address_list_length(from) <= 1))) {
		m->from_not_mailable = !mail_addr_valid(own);
		free(m->from_addr);
		m->from_addr = clean_value(own);
		str_lower(m->from_addr);
		if (m->from_name == NULL && own_name != NULL)
			m->from_name = decode_name(own_name, strlen(own_name),
			    hint);
	}
	free(own);
	free(own_name);
	if (m->from_addr != NULL && *m->from_addr == '\0') {
		free(m->from_addr);
		m->from_addr = NULL;
	}
	if ((v = raw_header(o, "To")) != NULL)
		m->to = decode_header_text(v, hint);
	add_rcpt_list(m, g_mime_message_get_to(msg), 0);
	add_rcpt_list(m, g_mime_message_get_cc(msg), 0);
	for (i = 0; i < n; i++) {
		GMimeHeader	*h = g_mime_header_list_get_header_at(hl, i);
		const char	*name = g_mime_header_get_name(h);

		if (name != NULL && (strcasecmp(name, "Delivered-To") == 0 ||
		    strcasecmp(name, "X-Original-To") == 0))
			add_rcpt(m, g_mime_header_get_value(h));
	}
	m->subject = decode_header_text(raw_header(o, "Subject"), hint);
	m->date = header(o, "Date");
	parse_refs(m, g_mime_object_get_header(o, "In-Reply-To"), 1);
	parse_refs(m, g_mime_object_get_header(o, "References"), 0);
	m->refs_raw = header(o, "References");
	if ((v = g_mime_object_get_header(o, "Return-Path")) != NULL) {
		char *rp = clean_value(v);
		/* "<>" is the null sender of bounces. */
		if (strcmp(rp, "<>") == 0 || *rp == '\0') {
			free(rp);
			rp = xstrdup("");
		}
		m->return_path = rp;
	}
	m->auto_submitted = header(o, "Auto-Submitted");
	m->precedence = header(o, "Precedence");
	m->loop_header = header(o, "X-Klachtd-Loop");

	memset(&w, 0, sizeof w);
	w.m = m;
	w.lim = lim;
	buf_init(&w.fwd);
	o = g_mime_message_get_mime_part(msg);
	m->body = choose_body(&w, o, 0, &m->body_from_html);
	walk_files(&w, o, 0, 0, 0);
	if (is_blank(m->body) && w.tnef_body != NULL) {
		/* Outlook sent its text only inside winmail.dat. */
		free(m->body);
		m->body = w.tnef_body;
		w.tnef_body = NULL;
		m->body_from_html = 0;
	}
	free(w.tnef_body);
	if (is_blank(m->body) && (t = only_text_file(o, 0, &nt)) != NULL &&
	    nt == 1) {
		/* The text came as a file: it is the body too. */
		char *x = part_text(GMIME_PART(t));

		m->body_from_html = g_mime_content_type_is_type(
		    g_mime_object_get_content_type(t), "text", "html");
		if (m->body_from_html) {
			char *h = html_to_text(x, strlen(x));

			free(x);
			x = h;
		}
		free(m->body);
		m->body = x;
	}
	if (m->body == NULL)
		m->body = xstrdup("");
	m->body_own_len = strlen(m->body);	/* issue 18 F4 */
	if (w.fwd.len > 0) {
		struct buf b;

		buf_init(&b);
		buf_adds(&b, m->body);
		add_block(&b, w.fwd.data);
		free(m->body);
		m->body = buf_detach(&b, NULL);
	}
	buf_free(&w.fwd);
	/* A bounce without a machine-readable copy of what it returns:
	 * look for the returned message's header in its text. */
	if (m->nreturned_ids == 0 && (m->is_report ||
	    m->has_failed_recipients || (m->return_path != NULL &&
	    *m->return_path == '\0') || (m->from_addr != NULL &&
	    (str_casestartswith(m->from_addr, "mailer-daemon@") ||
	    str_casestartswith(m->from_addr, "postmaster@")))))
		scan_message_ids(m, m->body, strlen(m->body));
	g_object_unref(msg);
	return m;
}

void
mail_free(struct mail *m)
{
	size_t	i;

	if (m == NULL)
		return;
	free(m->message_id);
	free(m->from_addr);
	free(m->from_name);
	free(m->to);
	for (i = 0; i < m->nrcpts; i++)
		free(m->rcpts[i]);
	free(m->rcpts);
	free(m->subject);
	free(m->date);
	free(m->in_reply_to);
	for (i = 0; i < m->nrefs; i++)
		free(m->refs[i]);
	free(m->refs);
	free(m->refs_raw);
	free(m->return_path);
	free(m->body);
	free(m->auto_submitted);
	free(m->precedence);
	free(m->loop_header);
	for (i = 0; i < m->ntrace; i++)
		free(m->trace[i].value);
	free(m->trace);
	for (i = 0; i < m->nreturned_ids; i++)
		free(m->returned_ids[i]);
	free(m->returned_ids);
	free(m->dsn_recipient);
	free(m->dsn_action);
	free(m->dsn_status);
	free(m->dsn_diagnostic);
	for (i = 0; i < m->nnotes; i++)
		free(m->notes[i]);
	free(m->notes);
	for (i = 0; i < m->nattachments; i++) {
		free(m->attachments[i].filename);
		free(m->attachments[i].content_type);
		free(m->attachments[i].data);
	}
	free(m->attachments);
	free(m);
}
