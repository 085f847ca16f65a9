/*
 * mailparse.c -- turn raw RFC 5322 bytes into a struct mail with GMime.
 *
 * Real mail is messy: headers in 8-bit without a charset, bodies whose
 * declared charset is wrong, HTML-only messages, attachments within
 * forwarded messages.  The parser never trusts a declaration: every text
 * ends up as valid UTF-8 (textconv.c), and every limit (size, MIME depth,
 * header count) is enforced here, recorded in the result, never a crash.
 *
 * This file is the message-level parse: the raw header repaired for
 * GMime, the top-level header fields, then the body and the files.  The
 * rest of the mail parser shares include/mailparse_int.h: mailhdr.c
 * (header and address decoding, raw 8-bit repair), mailbody.c (body
 * choice and text parts), mailatt.c (attachments, forwarded messages,
 * delivery reports).  GMime lives only in these files and mailcompose.c.
 */
#include "config.h"

#include <gmime/gmime.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "mail.h"
#include "mailparse_int.h"
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
	struct mail_walk		 w;
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
			m->trace[m->ntrace++].value = mailhdr_clean(
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
	hint = mailhdr_body_charset(g_mime_message_get_mime_part(msg), 0);
	/* The first Message-ID: GMime keeps the last. */
	if ((v = mailhdr_raw(o, "Message-ID")) != NULL) {
		char *id = g_mime_utils_decode_message_id(v);

		if (id != NULL && *id != '\0')
			m->message_id = mailhdr_clean(id);
		g_free(id);
	}
	if (m->message_id == NULL &&
	    (v = g_mime_message_get_message_id(msg)) != NULL && *v != '\0')
		m->message_id = mailhdr_clean(v);
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
		m->from_addr = mailhdr_clean(v);
		str_lower(m->from_addr);
		if (internet_address_list_length(from) == 1)
			m->from_name = mailhdr_display_name(mailhdr_raw(o,
			    "From"), hint);
		if (m->from_name == NULL &&
		    internet_address_get_name(ia) != NULL)
			m->from_name = mailhdr_clean(
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
	own = mailhdr_from_raw_addr(mailhdr_raw(o, "From"), &own_name);
	if (own != NULL && (m->from_addr == NULL || (!mail_addr_valid(own) &&
	    internet_address_list_length(from) <= 1))) {
		m->from_not_mailable = !mail_addr_valid(own);
		free(m->from_addr);
		m->from_addr = mailhdr_clean(own);
		str_lower(m->from_addr);
		if (m->from_name == NULL && own_name != NULL)
			m->from_name = mailhdr_decode_name(own_name,
			    strlen(own_name), hint);
	}
	free(own);
	free(own_name);
	if (m->from_addr != NULL && *m->from_addr == '\0') {
		free(m->from_addr);
		m->from_addr = NULL;
	}
	if ((v = mailhdr_raw(o, "To")) != NULL)
		m->to = mailhdr_decode(v, hint);
	mailhdr_add_rcpt_list(m, g_mime_message_get_to(msg), 0);
	mailhdr_add_rcpt_list(m, g_mime_message_get_cc(msg), 0);
	for (i = 0; i < n; i++) {
		GMimeHeader	*h = g_mime_header_list_get_header_at(hl, i);
		const char	*name = g_mime_header_get_name(h);

		if (name != NULL && (strcasecmp(name, "Delivered-To") == 0 ||
		    strcasecmp(name, "X-Original-To") == 0))
			mailhdr_add_rcpt(m, g_mime_header_get_value(h));
	}
	m->subject = mailhdr_decode(mailhdr_raw(o, "Subject"), hint);
	m->date = mailhdr_get(o, "Date");
	mailhdr_parse_refs(m, parse_options,
	    g_mime_object_get_header(o, "In-Reply-To"), 1);
	mailhdr_parse_refs(m, parse_options,
	    g_mime_object_get_header(o, "References"), 0);
	m->refs_raw = mailhdr_get(o, "References");
	if ((v = g_mime_object_get_header(o, "Return-Path")) != NULL) {
		char *rp = mailhdr_clean(v);
		/* "<>" is the null sender of bounces. */
		if (strcmp(rp, "<>") == 0 || *rp == '\0') {
			free(rp);
			rp = xstrdup("");
		}
		m->return_path = rp;
	}
	m->auto_submitted = mailhdr_get(o, "Auto-Submitted");
	m->precedence = mailhdr_get(o, "Precedence");
	m->loop_header = mailhdr_get(o, "X-Klachtd-Loop");

	memset(&w, 0, sizeof w);
	w.m = m;
	w.lim = lim;
	buf_init(&w.fwd);
	o = g_mime_message_get_mime_part(msg);
	/* GMime files the Content-* headers under the top MIME part. */
	if (o != NULL)
		m->content_language = mailhdr_get(o, "Content-Language");
	m->body = mailbody_choose(&w, o, 0, &m->body_from_html);
	mailatt_walk(&w, o, 0, 0, 0);
	if (mailbody_is_blank(m->body) && w.tnef_body != NULL) {
		/* Outlook sent its text only inside winmail.dat. */
		free(m->body);
		m->body = w.tnef_body;
		w.tnef_body = NULL;
		m->body_from_html = 0;
	}
	free(w.tnef_body);
	if (mailbody_is_blank(m->body) &&
	    (t = mailbody_text_file(o, 0, &nt)) != NULL && nt == 1) {
		/* The text came as a file: it is the body too. */
		char *x = mailbody_part_text(GMIME_PART(t));

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
		mailbody_add_block(&b, w.fwd.data);
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
		mailatt_scan_ids(m, m->body, strlen(m->body));
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
	free(m->content_language);
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
