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
};

static void
words_flush(struct words *d)
{
	char	*u;

	if (d->pend.len == 0)
		return;
	u = text_to_utf8(d->pend.data, d->pend.len, d->cs[0] ? d->cs : NULL,
	    NULL);
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
 * valid UTF-8 with its encoded words decoded. */
static char *
decode_header_text(const char *raw)
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
 * The display name of a From value of the form `name <addr>` with our own
 * decoder (see above), or NULL when the value has another form.
 */
static char *
decode_display_name(const char *raw)
{
	const char	*lt;
	char		*n, *d;
	size_t		 len;

	if (raw == NULL || strstr(raw, "=?") == NULL ||
	    (lt = strrchr(raw, '<')) == NULL || strchr(lt, '@') == NULL ||
	    memchr(raw, ',', (size_t)(lt - raw)) != NULL)
		return NULL;
	n = xstrndup(raw, (size_t)(lt - raw));
	str_trim(n);
	len = strlen(n);
	if (len >= 2 && n[0] == '"' && n[len - 1] == '"') {
		memmove(n, n + 1, len - 2);
		n[len - 2] = '\0';
	}
	d = decode_header_text(n);
	free(n);
	if (*d == '\0') {
		free(d);
		return NULL;
	}
	return d;
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

/* The text of a leaf part as UTF-8 with LF newlines (never NULL). */
static char *
part_text(GMimePart *part)
{
	GMimeContentType	*ct = g_mime_object_get_content_type(
				    GMIME_OBJECT(part));
	GByteArray		*ba = part_bytes(part);
	const char		*cs = ct != NULL ?
				    g_mime_content_type_get_parameter(ct,
				    "charset") : NULL;
	char			*u, *n, meta[64];

	if (ba == NULL)
		return xstrdup("");
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
	if (m->nattachments >= 1000) {
		if (!w->files_noted++)
			add_note(m, "more than 1000 attachments: the rest "
			    "were not stored");
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
	left = w->m->nattachments < 1000 ? 1000 - w->m->nattachments : 0;
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
	if (t.nfiles_dropped > 0)
		add_note(w->m, "more than 1000 attachments: the rest were not "
		    "stored");
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
		    "Subject"))) != NULL) {
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
	const char		*v;

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
	stream = g_mime_stream_mem_new_with_buffer(raw, len);
	parser = g_mime_parser_new_with_stream(stream);
	g_mime_parser_set_format(parser, GMIME_FORMAT_MESSAGE);
	msg = g_mime_parser_construct_message(parser, parse_options);
	g_object_unref(parser);
	g_object_unref(stream);
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
		if (strcasecmp(name, "Authentication-Results") == 0 &&
		    m->nauthres < 20) {
			m->authres = xreallocarray(m->authres, m->nauthres + 1,
			    sizeof *m->authres);
			m->authres[m->nauthres++] = clean_value(
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

	if ((v = g_mime_message_get_message_id(msg)) != NULL && *v != '\0')
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
			    "From"));
		if (m->from_name == NULL &&
		    internet_address_get_name(ia) != NULL)
			m->from_name = clean_value(
			    internet_address_get_name(ia));
		break;
	}
	if ((v = raw_header(o, "To")) != NULL)
		m->to = decode_header_text(v);
	add_rcpt_list(m, g_mime_message_get_to(msg), 0);
	add_rcpt_list(m, g_mime_message_get_cc(msg), 0);
	for (i = 0; i < n; i++) {
		GMimeHeader	*h = g_mime_header_list_get_header_at(hl, i);
		const char	*name = g_mime_header_get_name(h);

		if (name != NULL && (strcasecmp(name, "Delivered-To") == 0 ||
		    strcasecmp(name, "X-Original-To") == 0))
			add_rcpt(m, g_mime_header_get_value(h));
	}
	m->subject = decode_header_text(raw_header(o, "Subject"));
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
	if (m->body == NULL)
		m->body = xstrdup("");
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
	for (i = 0; i < m->nauthres; i++)
		free(m->authres[i]);
	free(m->authres);
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
