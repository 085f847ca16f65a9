/*
 * mailbody.c -- the mail parser's body choice and text parts.
 *
 * Part of the mail parser (mailparse.c, mailhdr.c, mailbody.c, mailatt.c
 * share include/mailparse_int.h; GMime lives only in these files and
 * mailcompose.c).  Here: which parts are body text, the text of a part as
 * UTF-8 (base64 labels that lie, HTML <meta> charsets), and the choice of
 * one rendering of the body from the MIME tree.  The notes on what a
 * limit cut off are kept here too.
 */
#include "config.h"

#include <gmime/gmime.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "htmlscan.h"
#include "mail.h"
#include "mailparse_int.h"
#include "textconv.h"
#include "util.h"

/* The decoded (transfer-encoding undone) bytes of a leaf part. */
GByteArray *
mailbody_part_bytes(GMimePart *part)
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


/* Records a limit that cut something off (deduplicated, at most 20). */
void
mailbody_note(struct mail *m, const char *fmt, ...)
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

int
mailbody_is_blank(const char *s)
{
	return s == NULL || s[strspn(s, " \t\r\n")] == '\0';
}

/* A leaf that is body text rather than a file: text/plain or text/html,
 * not marked as an attachment and without a file name. */
int
mailbody_is_body_part(GMimeObject *o)
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
	const unsigned char	*p = raw->data, *end, *nl;
	size_t			 lines = 0, b64lines = 0, i, n;

	/* An empty GByteArray has no data at all (NULL). */
	if (p == NULL || raw->len == 0)
		return 0;
	for (end = p + raw->len; p < end; p = nl + 1) {
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
char *
mailbody_part_text(GMimePart *part)
{
	GMimeContentType	*ct = g_mime_object_get_content_type(
				    GMIME_OBJECT(part));
	GByteArray		*ba = mailbody_part_bytes(part), *raw;
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
void
mailbody_add_block(struct buf *b, const char *text)
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
char *
mailbody_choose(struct mail_walk *w, GMimeObject *o, int depth, int *from_html)
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
				t = mailbody_choose(w,
				    g_mime_multipart_get_part(mp, i),
				    depth + 1, &h);
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
			t = mailbody_choose(w, g_mime_multipart_get_part(mp, i),
			    depth + 1, &h);
			if (t == NULL)
				continue;
			mailbody_add_block(h ? &hb : &b, t);
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
	if (!mailbody_is_body_part(o))
		return NULL;

	char *t = mailbody_part_text(GMIME_PART(o));

	if (g_mime_content_type_is_type(ct, "text", "html")) {
		char *x = html_to_text(t, strlen(t));

		free(t);
		t = x;
		*from_html = 1;
	}
	if (mailbody_is_blank(t)) {
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
GMimeObject *
mailbody_text_file(GMimeObject *o, int depth, int *n)
{
	GMimeContentType	*ct;
	GMimeObject		*first = NULL, *f;
	int			 i, k;

	if (o == NULL || depth > 20)
		return NULL;
	if (GMIME_IS_MULTIPART(o)) {
		k = g_mime_multipart_get_count(GMIME_MULTIPART(o));
		for (i = 0; i < k; i++) {
			f = mailbody_text_file(g_mime_multipart_get_part(
			    GMIME_MULTIPART(o), i), depth + 1, n);
			if (first == NULL)
				first = f;
		}
		return first;
	}
	ct = g_mime_object_get_content_type(o);
	if (!GMIME_IS_PART(o) || ct == NULL || mailbody_is_body_part(o) ||
	    (!g_mime_content_type_is_type(ct, "text", "plain") &&
	    !g_mime_content_type_is_type(ct, "text", "html")))
		return NULL;
	(*n)++;
	return o;
}
