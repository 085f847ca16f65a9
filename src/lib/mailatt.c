/*
 * mailatt.c -- the mail parser's attachments, forwarded messages and
 * delivery reports.
 *
 * Part of the mail parser (mailparse.c, mailhdr.c, mailbody.c, mailatt.c
 * share include/mailparse_int.h; GMime lives only in these files and
 * mailcompose.c).  Here: the walk over every part that is not the body --
 * files (each once, over the cap only their name, type, size and hash),
 * Outlook's winmail.dat unpacked, forwarded messages' text and files, and
 * what a delivery report says about the message it returns.
 */
#include "config.h"

#include <gmime/gmime.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "mail.h"
#include "mailparse_int.h"
#include "textconv.h"
#include "tnef.h"
#include "util.h"

/* Adds the <id>s that follow "Message-ID:" at the start of a line (after
 * blanks and quote marks) in text to the returned message ids. */
void
mailatt_scan_ids(struct mail *m, const char *text, size_t len)
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

				c = mailhdr_clean(id);
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
			char *v = mailhdr_clean(b.data != NULL ? b.data : "");
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
	GByteArray	*ba = mailbody_part_bytes(part);
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
add_file(struct mail_walk *w, const char *filename, const char *type,
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
			mailbody_note(m, "more than %zu attachments: the rest "
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
	a->forwarded = w->in_fwd;
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
add_tnef(struct mail_walk *w, const char *filename, GByteArray *ba)
{
	struct tnef	 t;
	char		*why = NULL, *n, *ty;
	size_t		 i, left;

	if (w->lim->max_attachment != 0 && ba->len > w->lim->max_attachment)
		return -1;	/* over the cap: kept out as it is */
	left = w->m->nattachments < max_files(w->lim) ?
	    max_files(w->lim) - w->m->nattachments : 0;
	if (tnef_decode(ba->data, ba->len, left, &t, &why) == -1) {
		mailbody_note(w->m, "%s could not be decoded (%s): kept as it "
		    "is", filename, why);
		free(why);
		return -1;
	}
	for (i = 0; i < t.nfiles; i++) {
		n = mailhdr_clean(t.files[i].name);
		ty = mailhdr_clean(t.files[i].type);
		add_file(w, *n != '\0' ? n : "attachment", ty, t.files[i].data,
		    t.files[i].len);
		free(n);
		free(ty);
	}
	if (t.nfiles_dropped > 0) {
		mailbody_note(w->m, "more than %zu attachments: the rest were "
		    "not stored", max_files(w->lim));
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
add_attachment(struct mail_walk *w, GMimePart *part, GMimeContentType *ct)
{
	GByteArray	*ba = mailbody_part_bytes(part);
	const char	*fn = g_mime_part_get_filename(part);
	char		*type, *name, *t;

	type = g_mime_content_type_get_mime_type(ct);
	t = mailhdr_clean(type);
	g_free(type);
	str_lower(t);
	name = fn != NULL ? mailhdr_clean(fn) : xstrdup("");
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
void
mailatt_walk(struct mail_walk *w, GMimeObject *o, int depth, int report,
    int fwd)
{
	GMimeContentType	*ct;

	if (o == NULL)
		return;
	if (depth > w->lim->max_depth) {
		if (!w->depth_noted++)
			mailbody_note(w->m, "MIME parts nested deeper than %d "
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
			mailatt_walk(w, g_mime_multipart_get_part(mp, i),
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
				    mailhdr_clean(v);
			}
			return;
		}
		mailbody_add_block(&w->fwd, "---- Doorgestuurd bericht / "
		    "Forwarded message ----\n");
		if ((s = mailhdr_get(GMIME_OBJECT(inner), "From")) != NULL) {
			char *d = NULL;

			if (g_mime_message_get_from(inner) != NULL) {
				char *f = internet_address_list_to_string(
				    g_mime_message_get_from(inner), NULL,
				    FALSE);
				d = mailhdr_clean(f);
				g_free(f);
			}
			buf_printf(&w->fwd, "From: %s\n", d != NULL && *d ?
			    d : s);
			free(d);
			free(s);
		}
		if ((s = mailhdr_get(GMIME_OBJECT(inner), "Date")) != NULL) {
			buf_printf(&w->fwd, "Date: %s\n", s);
			free(s);
		}
		if ((s = mailhdr_decode(mailhdr_raw(GMIME_OBJECT(inner),
		    "Subject"), mailhdr_body_charset(
		    g_mime_message_get_mime_part(inner), 0))) != NULL) {
			buf_printf(&w->fwd, "Subject: %s\n", s);
			free(s);
		}
		body = mailbody_choose(w, g_mime_message_get_mime_part(inner),
		    depth + 1, &h);
		if (body != NULL) {
			buf_addc(&w->fwd, '\n');
			buf_adds(&w->fwd, body);
			free(body);
		}
		mailatt_walk(w, g_mime_message_get_mime_part(inner), depth + 1,
		    0, 1);
		return;
	}
	if (!GMIME_IS_PART(o) || ct == NULL)
		return;
	if (report && (g_mime_content_type_is_type(ct, "text",
	    "rfc822-headers") || g_mime_content_type_is_type(ct, "message",
	    "rfc822-headers") || g_mime_content_type_is_type(ct, "message",
	    "global-headers"))) {
		GByteArray *ba = mailbody_part_bytes(GMIME_PART(o));

		if (ba != NULL) {
			char *t = text_normalise_newlines(
			    (const char *)ba->data, ba->len);
			mailatt_scan_ids(w->m, t, strlen(t));
			free(t);
			g_byte_array_unref(ba);
		}
		return;
	}
	if (report && (g_mime_content_type_is_type(ct, "message",
	    "delivery-status") || g_mime_content_type_is_type(ct, "message",
	    "global-delivery-status")))
		read_delivery_status(w->m, GMIME_PART(o));
	if (mailbody_is_body_part(o))
		return;
	w->in_fwd = fwd;
	add_attachment(w, GMIME_PART(o), ct);
}
