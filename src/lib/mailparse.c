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
#include <stdlib.h>
#include <string.h>

#include "mail.h"
#include "textconv.h"
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

struct walk {
	struct mail			*m;
	const struct mail_limits	*lim;
	char				*plain;
	char				*html;
};

static void
add_attachment(struct walk *w, GMimePart *part, GMimeContentType *ct)
{
	struct mail		*m = w->m;
	struct mail_attachment	*a;
	GByteArray		*ba = part_bytes(part);
	const char		*fn = g_mime_part_get_filename(part);
	char			*type;

	if (m->nattachments >= 1000) {
		m->truncated = 1;
		if (ba != NULL)
			g_byte_array_unref(ba);
		return;
	}
	m->attachments = xreallocarray(m->attachments, m->nattachments + 1,
	    sizeof *m->attachments);
	a = &m->attachments[m->nattachments++];
	memset(a, 0, sizeof *a);
	a->filename = fn != NULL ? clean_value(fn) : xstrdup("attachment");
	type = g_mime_content_type_get_mime_type(ct);
	a->content_type = clean_value(type);
	g_free(type);
	a->size = ba != NULL ? ba->len : 0;
	sha256_hex(ba != NULL ? (const char *)ba->data : "", a->size,
	    a->sha256);
	if (w->lim->max_attachment == 0 || a->size <= w->lim->max_attachment) {
		a->data = xmalloc(a->size + 1);
		if (a->size)
			memcpy(a->data, ba->data, a->size);
	} else
		m->nattachments_over_cap++;
	if (ba != NULL)
		g_byte_array_unref(ba);
}

static void
walk_object(struct walk *w, GMimeObject *o, int depth)
{
	GMimeContentType	*ct;

	if (o == NULL)
		return;
	if (depth > w->lim->max_depth) {
		w->m->truncated = 1;
		return;
	}
	ct = g_mime_object_get_content_type(o);
	if (GMIME_IS_MULTIPART(o)) {
		GMimeMultipart	*mp = GMIME_MULTIPART(o);
		int		 i, n = g_mime_multipart_get_count(mp);

		if (ct != NULL && depth == 0 &&
		    g_mime_content_type_is_type(ct, "multipart", "report"))
			w->m->is_report = 1;
		for (i = 0; i < n; i++)
			walk_object(w, g_mime_multipart_get_part(mp, i),
			    depth + 1);
		return;
	}
	if (GMIME_IS_MESSAGE_PART(o)) {
		GMimeMessage *inner = g_mime_message_part_get_message(
		    GMIME_MESSAGE_PART(o));

		/* A forwarded message: its text and files count too. */
		if (inner != NULL)
			walk_object(w, g_mime_message_get_mime_part(inner),
			    depth + 1);
		return;
	}
	if (!GMIME_IS_PART(o) || ct == NULL)
		return;

	GMimePart			*part = GMIME_PART(o);
	GMimeContentDisposition	*disp = g_mime_object_get_content_disposition(o);
	int				 is_att = disp != NULL &&
	    g_mime_content_disposition_is_attachment(disp);
	int				 is_text = g_mime_content_type_is_type(
	    ct, "text", "plain");
	int				 is_html = g_mime_content_type_is_type(
	    ct, "text", "html");

	if (!is_att && (is_text || is_html) &&
	    ((is_text && w->plain == NULL) || (is_html && w->html == NULL))) {
		GByteArray	*ba = part_bytes(part);
		const char	*cs = g_mime_content_type_get_parameter(ct,
				    "charset");
		char		*u, *n;

		if (ba == NULL)
			return;
		u = text_to_utf8((const char *)ba->data, ba->len, cs, NULL);
		g_byte_array_unref(ba);
		n = text_normalise_newlines(u, strlen(u));
		free(u);
		if (is_text)
			w->plain = n;
		else
			w->html = n;
		return;
	}
	add_attachment(w, part, ct);
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
		if (strcasecmp(name, "X-Autoreply") == 0 ||
		    strcasecmp(name, "X-Autorespond") == 0 ||
		    strcasecmp(name, "X-Auto-Response-Suppress") == 0 ||
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
		if (internet_address_get_name(ia) != NULL)
			m->from_name = clean_value(
			    internet_address_get_name(ia));
		break;
	}
	if (g_mime_message_get_to(msg) != NULL) {
		char *to = internet_address_list_to_string(
		    g_mime_message_get_to(msg), NULL, FALSE);
		m->to = clean_value(to);
		g_free(to);
	}
	m->subject = clean_value(g_mime_message_get_subject(msg));
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
	walk_object(&w, g_mime_message_get_mime_part(msg), 0);
	if (w.plain != NULL && w.plain[strspn(w.plain, " \t\n")] != '\0') {
		m->body = w.plain;
		free(w.html);
	} else if (w.html != NULL) {
		free(w.plain);
		m->body = html_to_text(w.html, strlen(w.html));
		m->body_from_html = 1;
		free(w.html);
	} else {
		m->body = w.plain != NULL ? w.plain : xstrdup("");
	}
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
	for (i = 0; i < m->nattachments; i++) {
		free(m->attachments[i].filename);
		free(m->attachments[i].content_type);
		free(m->attachments[i].data);
	}
	free(m->attachments);
	free(m);
}
