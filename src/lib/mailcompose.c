/*
 * mailcompose.c -- build the messages klachtd sends, with GMime.
 *
 * Every outgoing message is text/plain; charset=utf-8 in quoted-printable
 * (a letter for the post room adds its PDF, a letter or notification
 * may carry files: then multipart/mixed, the files in base64),
 * with Date, a Message-ID that carries the case reference (so replies
 * thread back even when a client drops In-Reply-To), In-Reply-To and
 * References to what it answers, and our loop header.  Header values are
 * passed through str_header_safe() first: text from a complainant can
 * never start a header of its own.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <gmime/gmime.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sysexits.h>

#include "log.h"
#include "mail.h"
#include "util.h"

#define REFS_MAX	20	/* ids in a References header we write */
#define REFS_ID_MAX	250	/* longest id we repeat */

/*
 * References as we write them: only well-formed "<id>"s (no blanks, an
 * '@', at most REFS_ID_MAX bytes), at most REFS_MAX of them -- the first
 * and the latest, as RFC 5322 3.6.4 suggests when trimming.  Whatever a
 * sender put in its own References (issue 18 F14: 20 MB, or someone
 * else's ids) never goes out as it came.  NULL when none is left.
 */
static char *
clean_references(const char *raw)
{
	const char	*v[REFS_MAX], *p = raw, *lt, *gt;
	size_t		 l[REFS_MAX], n = 0, i;
	struct buf	 b;

	while ((lt = strchr(p, '<')) != NULL &&
	    (gt = strchr(lt + 1, '>')) != NULL) {
		p = gt + 1;
		if (gt - lt - 1 < 3 || gt - lt - 1 > REFS_ID_MAX ||
		    memchr(lt + 1, '@', (size_t)(gt - lt - 1)) == NULL)
			continue;
		for (i = 1; lt + i < gt; i++)
			if ((unsigned char)lt[i] <= ' ' || lt[i] == '<' ||
			    (unsigned char)lt[i] == 0x7f)
				break;
		if (lt + i < gt)
			continue;
		if (n == REFS_MAX) {
			memmove(v + 1, v + 2, (n - 2) * sizeof *v);
			memmove(l + 1, l + 2, (n - 2) * sizeof *l);
			n--;
		}
		v[n] = lt;
		l[n++] = (size_t)(gt - lt + 1);
	}
	if (n == 0)
		return NULL;
	buf_init(&b);
	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_addc(&b, ' ');
		buf_add(&b, v[i], l[i]);
	}
	return buf_detach(&b, NULL);
}

/* One file in base64, added to mp. */
static void
add_file(GMimeMultipart *mp, const char *fname, const char *type,
    const void *data, size_t len)
{
	GMimeContentType	*ct;
	GMimePart		*fp;
	GMimeStream		*st;
	GMimeDataWrapper	*dw;
	char			*name;

	ct = g_mime_content_type_parse(NULL, type ? type :
	    "application/octet-stream");
	fp = g_mime_part_new_with_type(g_mime_content_type_get_media_type(ct),
	    g_mime_content_type_get_media_subtype(ct));
	/* The whole type, with its parameters ("charset=utf-8"). */
	g_mime_object_set_content_type(GMIME_OBJECT(fp), ct);
	g_object_unref(ct);
	st = g_mime_stream_mem_new_with_buffer(data, len);
	dw = g_mime_data_wrapper_new_with_stream(st,
	    GMIME_CONTENT_ENCODING_DEFAULT);
	g_mime_part_set_content(fp, dw);
	g_object_unref(dw);
	g_object_unref(st);
	g_mime_part_set_content_encoding(fp, GMIME_CONTENT_ENCODING_BASE64);
	g_mime_object_set_disposition(GMIME_OBJECT(fp), "attachment");
	name = str_header_safe(fname ? fname : "file");
	g_mime_part_set_filename(fp, name);
	free(name);
	g_mime_multipart_add(mp, GMIME_OBJECT(fp));
	g_object_unref(fp);
}

/* multipart/mixed: the text part, then o's files in base64.  The caller
 * unrefs the part it gets. */
static GMimeObject *
with_attachment(const struct mail_out *o, GMimeTextPart *tp)
{
	GMimeMultipart	*mp = g_mime_multipart_new_with_subtype("mixed");
	size_t		 i;

	g_mime_multipart_add(mp, GMIME_OBJECT(tp));
	if (o->attach_data != NULL)
		add_file(mp, o->attach_name, o->attach_type, o->attach_data,
		    o->attach_len);
	for (i = 0; i < o->nfiles; i++)
		add_file(mp, o->files[i].name, o->files[i].type,
		    o->files[i].data, o->files[i].len);
	return GMIME_OBJECT(mp);
}

char *
mail_compose(const struct mail_out *o, size_t *len)
{
	GMimeMessage		*msg;
	GMimeObject		*obj;
	GMimeTextPart		*tp;
	GMimeFormatOptions	*fo;
	GDateTime		*dt;
	GMimeStream		*body;
	GMimeDataWrapper	*dw;
	char			*s, *v, *ret;

	mail_init();
	msg = g_mime_message_new(TRUE);
	obj = GMIME_OBJECT(msg);

	v = str_header_safe(o->from_name ? o->from_name : "");
	g_mime_message_add_mailbox(msg, GMIME_ADDRESS_TYPE_FROM,
	    *v ? v : NULL, o->from_addr);
	free(v);
	v = str_header_safe(o->to_name ? o->to_name : "");
	g_mime_message_add_mailbox(msg, GMIME_ADDRESS_TYPE_TO,
	    *v ? v : NULL, o->to_addr);
	free(v);
	if (o->reply_to != NULL)
		g_mime_message_add_mailbox(msg, GMIME_ADDRESS_TYPE_REPLY_TO,
		    NULL, o->reply_to);
	v = str_header_safe(o->subject ? o->subject : "");
	g_mime_message_set_subject(msg, v, "utf-8");
	free(v);
	dt = g_date_time_new_from_unix_local(o->date);
	g_mime_message_set_date(msg, dt);
	g_date_time_unref(dt);
	g_mime_message_set_message_id(msg, o->message_id);
	if (o->in_reply_to != NULL) {
		v = xasprintf("<%s>", o->in_reply_to);
		s = str_header_safe(v);
		g_mime_object_set_header(obj, "In-Reply-To", s, NULL);
		free(s);
		free(v);
	}
	if (o->references != NULL &&
	    (s = clean_references(o->references)) != NULL) {
		g_mime_object_set_header(obj, "References", s, NULL);
		free(s);
	}
	if (o->auto_submitted != MAIL_AUTO_NONE)
		g_mime_object_set_header(obj, "Auto-Submitted",
		    o->auto_submitted == MAIL_AUTO_GENERATED ?
		    "auto-generated" : "auto-replied", NULL);
	if (o->loop_value != NULL)
		g_mime_object_set_header(obj, "X-Klachtd-Loop", o->loop_value,
		    NULL);
	if (o->case_ref != NULL)
		g_mime_object_set_header(obj, "X-Klachtd-Case", o->case_ref,
		    NULL);

	/* The body goes in as UTF-8 bytes: g_mime_text_part_set_text()
	 * would pick a "best" charset (latin-1) on its own. */
	tp = g_mime_text_part_new_with_subtype("plain");
	g_mime_object_set_content_type_parameter(GMIME_OBJECT(tp), "charset",
	    "utf-8");
	body = g_mime_stream_mem_new_with_buffer(o->body ? o->body : "",
	    o->body ? strlen(o->body) : 0);
	dw = g_mime_data_wrapper_new_with_stream(body,
	    GMIME_CONTENT_ENCODING_DEFAULT);
	g_mime_part_set_content(GMIME_PART(tp), dw);
	g_object_unref(dw);
	g_object_unref(body);
	g_mime_part_set_content_encoding(GMIME_PART(tp),
	    GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE);
	if (o->attach_data != NULL || o->nfiles > 0) {
		GMimeObject *mp = with_attachment(o, tp);

		g_mime_message_set_mime_part(msg, mp);
		g_object_unref(mp);
	} else
		g_mime_message_set_mime_part(msg, GMIME_OBJECT(tp));
	g_object_unref(tp);

	fo = g_mime_format_options_clone(NULL);
	g_mime_format_options_set_newline_format(fo, GMIME_NEWLINE_FORMAT_DOS);
	s = g_mime_object_to_string(obj, fo);
	g_mime_format_options_free(fo);
	g_object_unref(msg);
	ret = xstrdup(s);
	g_free(s);
	if (len != NULL)
		*len = strlen(ret);
	return ret;
}

/*
 * The random part comes from the kernel's CSPRNG (getrandom(2)), not
 * GLib's Mersenne Twister: our Message-IDs are what replies are threaded
 * by, so an outsider who could predict the next one could pre-thread a
 * mail under a letter before it is even sent.  128 bits.  getrandom
 * without GRND_NONBLOCK only blocks before the pool is first seeded at
 * boot; it cannot otherwise fail on Linux >= 3.17, so a failure is a
 * broken system and fatal.
 */
char *
mail_new_message_id(const char *ref, const char *kind, const char *domain)
{
	static const char	hex[] = "0123456789abcdef";
	unsigned char		raw[MAIL_MSGID_RANDOM];
	char			text[2 * MAIL_MSGID_RANDOM + 1];
	size_t			got = 0, i;
	ssize_t			n;

	while (got < sizeof raw) {
		n = getrandom(raw + got, sizeof raw - got, 0);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1)
			fatalx(EX_OSERR, "getrandom: %s", strerror(errno));
		got += (size_t)n;
	}
	for (i = 0; i < sizeof raw; i++) {
		text[2 * i] = hex[raw[i] >> 4];
		text[2 * i + 1] = hex[raw[i] & 15];
	}
	text[2 * sizeof raw] = '\0';
	return xasprintf("%s.%s.%s@%s", ref ? ref : "klachtd", kind, text,
	    domain);
}

char *
mail_ref_from_message_id(const char *msgid, const char *prefix)
{
	size_t		 pl = strlen(prefix);
	const char	*p;
	int		 i;

	if (msgid == NULL || strncmp(msgid, prefix, pl) != 0 ||
	    msgid[pl] != '-')
		return NULL;
	p = msgid + pl + 1;
	for (i = 0; i < 4; i++)
		if (!isdigit((unsigned char)p[i]))
			return NULL;
	if (p[4] != '-')
		return NULL;
	p += 5;
	for (i = 0; isdigit((unsigned char)p[i]); i++)
		;
	if (i < 5 || p[i] != '.')
		return NULL;
	return xstrndup(msgid, (size_t)(p + i - msgid));
}
