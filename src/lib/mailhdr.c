/*
 * mailhdr.c -- the mail parser's header and address decoding.
 *
 * Part of the mail parser (mailparse.c, mailhdr.c, mailbody.c, mailatt.c
 * share include/mailparse_int.h; GMime lives only in these files and
 * mailcompose.c).  Here: header values as valid one-line UTF-8, our own
 * RFC 2047 decoder, the repair of raw 8-bit header bytes that carry no
 * charset, the sender's address read by hand where GMime finds none, the
 * strict addr-spec check, message-id references and recipients.
 */
#include "config.h"

#include <ctype.h>
#include <gmime/gmime.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "mail.h"
#include "mailparse_int.h"
#include "textconv.h"
#include "util.h"

/* A decoded header value as valid one-line UTF-8, or NULL. */
char *
mailhdr_clean(const char *v)
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

char *
mailhdr_get(GMimeObject *o, const char *name)
{
	return mailhdr_clean(g_mime_object_get_header(o, name));
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

/* The length of the valid UTF-8 sequence at p (textconv.c's decoder),
 * 0 when there is none. */
static size_t
utf8_len(const unsigned char *p, size_t n)
{
	uint32_t	cp;

	return text_utf8_seq(p, n, &cp);
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
char *
mailhdr_decode(const char *raw, const char *hint)
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
	u = mailhdr_clean(s);
	free(s);
	return u;
}

/* The raw (undecoded, folded) value of the first header called name. */
const char *
mailhdr_raw(GMimeObject *o, const char *name)
{
	GMimeHeader *h = g_mime_header_list_get_header(
	    g_mime_object_get_header_list(o), name);

	return h != NULL ? g_mime_header_get_raw_value(h) : NULL;
}

/*
 * The charset declared for the first text part of a (sub)tree, forwarded
 * messages left out, or NULL: the hint for raw 8-bit header bytes.
 */
const char *
mailhdr_body_charset(GMimeObject *o, int depth)
{
	GMimeContentType	*ct;
	const char		*cs;
	int			 i, n;

	if (o == NULL || depth > 20)
		return NULL;
	if (GMIME_IS_MULTIPART(o)) {
		n = g_mime_multipart_get_count(GMIME_MULTIPART(o));
		for (i = 0; i < n; i++)
			if ((cs = mailhdr_body_charset(
			    g_mime_multipart_get_part(GMIME_MULTIPART(o), i),
			    depth + 1)) != NULL)
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
char *
mailhdr_decode_name(const char *raw, size_t len, const char *hint)
{
	char	*n, *d;

	n = xstrndup(raw, len);
	str_trim(n);
	len = strlen(n);
	if (len >= 2 && n[0] == '"' && n[len - 1] == '"') {
		memmove(n, n + 1, len - 2);
		n[len - 2] = '\0';
	}
	d = mailhdr_decode(n, hint);
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
char *
mailhdr_display_name(const char *raw, const char *hint)
{
	const char	*lt;

	if (raw == NULL || (strstr(raw, "=?") == NULL && !has_8bit(raw)) ||
	    (lt = strrchr(raw, '<')) == NULL || strchr(lt, '@') == NULL ||
	    memchr(raw, ',', (size_t)(lt - raw)) != NULL)
		return NULL;
	return mailhdr_decode_name(raw, (size_t)(lt - raw), hint);
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
char *
mailhdr_from_raw_addr(const char *raw, char **name)
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
	m->refs[m->nrefs++] = mailhdr_clean(id);
}

void
mailhdr_parse_refs(struct mail *m, GMimeParserOptions *opts, const char *value,
    int is_in_reply_to)
{
	GMimeReferences	*r;
	int		 i, n;

	if (value == NULL)
		return;
	r = g_mime_references_parse(opts, value);
	if (r == NULL)
		return;
	n = g_mime_references_length(r);
	for (i = 0; i < n; i++) {
		const char *id = g_mime_references_get_message_id(r, i);

		if (is_in_reply_to && i == 0 && m->in_reply_to == NULL &&
		    id != NULL)
			m->in_reply_to = mailhdr_clean(id);
		add_ref(m, id);
	}
	g_mime_references_free(r);
}


/* Recipients: lower-cased addr-specs, at most MAIL_MAX_RCPTS, no
 * duplicates.  A value that is not a plain address is ignored. */
#define MAIL_MAX_RCPTS	100

void
mailhdr_add_rcpt(struct mail *m, const char *addr)
{
	char	*a;
	size_t	 i;

	if (addr == NULL || m->nrcpts >= MAIL_MAX_RCPTS)
		return;
	a = mailhdr_clean(addr);
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

void
mailhdr_add_rcpt_list(struct mail *m, InternetAddressList *l, int depth)
{
	int	i;

	for (i = 0; l != NULL && depth < 4 &&
	    i < internet_address_list_length(l); i++) {
		InternetAddress *ia = internet_address_list_get_address(l, i);

		if (INTERNET_ADDRESS_IS_MAILBOX(ia))
			mailhdr_add_rcpt(m, internet_address_mailbox_get_addr(
			    INTERNET_ADDRESS_MAILBOX(ia)));
		else if (INTERNET_ADDRESS_IS_GROUP(ia))
			mailhdr_add_rcpt_list(m,
			    internet_address_group_get_members(
			    INTERNET_ADDRESS_GROUP(ia)), depth + 1);
	}
}
