/* Unit tests: compose a message and read it back; parse real shapes. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "mail.h"
#include "util.h"

static const struct mail_limits lim = { 1024 * 1024, 1024 * 1024, 20, 500, 0 };

static void
test_roundtrip(void)
{
	struct mail_out	 o;
	struct mail	*m;
	char		*raw, *why = NULL;
	size_t		 len;

	memset(&o, 0, sizeof o);
	o.from_name = "Gemeente Voorbeeld";
	o.from_addr = "klachten@voorbeeld.example";
	o.to_name = "Jörg \"de\" Vries\r\nBcc: x@evil.example";
	o.to_addr = "jorg@example.net";
	o.subject = "Ontvangstbevestiging — uw klacht [KL-2026-00042]\r\n"
	    "Bcc: victim@evil.example";
	o.body = "Geachte heer,\n\nUw klacht over één zaak is ontvangen.\n"
	    "Een hele lange regel die langer is dan zesenzeventig tekens en dus "
	    "door quoted-printable moet worden afgebroken zonder inhoud te "
	    "verliezen.\n.\nEinde.\n";
	o.message_id = "KL-2026-00042.ack.abc@voorbeeld.example";
	o.in_reply_to = "orig@example.net";
	o.references = "<a@example.net> <orig@example.net>";
	o.loop_value = "klachten@voorbeeld.example";
	o.case_ref = "KL-2026-00042";
	o.auto_submitted = 1;
	o.date = 1795000000;
	raw = mail_compose(&o, &len);

	CHECK_CONTAINS(raw, "Content-Type: text/plain; charset=utf-8\r\n");
	CHECK_CONTAINS(raw, "Content-Transfer-Encoding: quoted-printable\r\n");
	CHECK_CONTAINS(raw, "Auto-Submitted: auto-replied\r\n");
	CHECK_CONTAINS(raw, "Message-Id: <KL-2026-00042.ack.abc@voorbeeld."
	    "example>\r\n");
	CHECK_CONTAINS(raw, "In-Reply-To: <orig@example.net>\r\n");
	CHECK_CONTAINS(raw, "MIME-Version: 1.0\r\n");
	CHECK_CONTAINS(raw, "Date: ");
	/* Injection attempts stay inside their header. */
	CHECK(strstr(raw, "\r\nBcc:") == NULL);
	/* Every line ends in CRLF and none is longer than 998. */
	for (const char *p = raw; (p = strchr(p, '\n')) != NULL; p++)
		CHECK(p > raw && p[-1] == '\r');

	m = mail_parse(raw, len, &lim, &why);
	CHECK(m != NULL);
	if (m != NULL) {
		CHECK_STR(m->message_id,
		    "KL-2026-00042.ack.abc@voorbeeld.example");
		CHECK_STR(m->from_addr, "klachten@voorbeeld.example");
		CHECK_STR(m->subject, "Ontvangstbevestiging — uw klacht "
		    "[KL-2026-00042] Bcc: victim@evil.example");
		CHECK_STR(m->auto_submitted, "auto-replied");
		CHECK_STR(m->in_reply_to, "orig@example.net");
		CHECK_INT(m->nrefs, 2);
		CHECK_STR(m->loop_header, "klachten@voorbeeld.example");
		CHECK_STR(m->body, o.body);
		mail_free(m);
	}
	free(raw);
}

static void
test_parse_shapes(void)
{
	struct mail	*m;
	char		*why = NULL;
	const char	*latin1 =
	    "From: =?iso-8859-1?q?Ren=E9e_M=FCller?= <Renee@Example.NET>\n"
	    "Subject: =?iso-8859-1?q?Klacht_=FCber_caf=E9?=\n"
	    "Return-Path: <>\n"
	    "Content-Type: text/plain; charset=iso-8859-1\n"
	    "Content-Transfer-Encoding: quoted-printable\n\n"
	    "Caf=E9 was dicht.\r\nTweede regel.\r\n";
	const char	*nofrom = "Subject: hi\n\nbody\n";
	const char	*htmlonly =
	    "From: a@example.org\nMessage-ID: <h@x>\n"
	    "Content-Type: text/html; charset=utf-8\n\n"
	    "<html><head><style>p{}</style></head><body><p>Hallo "
	    "<b>wereld</b></p><p>Tweede</p></body></html>\n";
	const char	*withatt =
	    "From: a@example.org\nMIME-Version: 1.0\n"
	    "Content-Type: multipart/mixed; boundary=XX\n\n"
	    "--XX\nContent-Type: text/plain\n\nZie bijlage.\n"
	    "--XX\nContent-Type: application/pdf; name=foto.pdf\n"
	    "Content-Disposition: attachment; filename=foto.pdf\n"
	    "Content-Transfer-Encoding: base64\n\nSGVsbG8gd29ybGQ=\n--XX--\n";

	m = mail_parse(latin1, strlen(latin1), &lim, &why);
	CHECK(m != NULL);
	CHECK_STR(m->from_addr, "renee@example.net");
	CHECK_STR(m->from_name, "Renée Müller");
	CHECK_STR(m->subject, "Klacht über café");
	CHECK_STR(m->body, "Café was dicht.\nTweede regel.\n");
	CHECK_STR(m->return_path, "");
	CHECK(m->message_id == NULL);
	mail_free(m);

	m = mail_parse(nofrom, strlen(nofrom), &lim, &why);
	CHECK(m != NULL);
	CHECK(m->from_addr == NULL);
	mail_free(m);

	m = mail_parse(htmlonly, strlen(htmlonly), &lim, &why);
	CHECK(m != NULL);
	CHECK(m->body_from_html);
	CHECK_CONTAINS(m->body, "Hallo wereld");
	CHECK_CONTAINS(m->body, "Tweede");
	CHECK(strstr(m->body, "p{}") == NULL);
	mail_free(m);

	m = mail_parse(withatt, strlen(withatt), &lim, &why);
	CHECK(m != NULL);
	/* The newline before a boundary belongs to the boundary (RFC 2046). */
	CHECK_STR(m->body, "Zie bijlage.");
	CHECK_INT(m->nattachments, 1);
	CHECK_STR(m->attachments[0].filename, "foto.pdf");
	CHECK_STR(m->attachments[0].content_type, "application/pdf");
	CHECK_INT(m->attachments[0].size, 11);
	CHECK_STR(m->attachments[0].sha256, "64ec88ca00b268e5ba1a35678a1b5316d2"
	    "12f4f366b2477232534a8aeca37f3c");
	mail_free(m);

	CHECK(mail_parse("", 0, &lim, &why) == NULL);
	CHECK_STR(why, "empty message");
	free(why);
	struct mail_limits small = { 10, 10, 20, 500, 0 };
	why = NULL;
	CHECK(mail_parse(withatt, strlen(withatt), &small, &why) == NULL);
	CHECK_CONTAINS(why, "exceeds the limit");
	free(why);
}

static void
test_msgid_ref(void)
{
	char *r = mail_ref_from_message_id(
	    "KL-2026-00042.ack.1234@x.example", "KL");
	CHECK_STR(r, "KL-2026-00042");
	free(r);
	CHECK(mail_ref_from_message_id("KL-2026-0042.ack@x", "KL") == NULL);
	CHECK(mail_ref_from_message_id("other@x", "KL") == NULL);
	CHECK(mail_ref_from_message_id(NULL, "KL") == NULL);
	r = mail_new_message_id("KL-2026-00001", "ack", "x.example");
	CHECK(str_startswith(r, "KL-2026-00001.ack."));
	CHECK_CONTAINS(r, "@x.example");
	free(r);
}

int
main(void)
{
	mail_init();
	test_roundtrip();
	test_parse_shapes();
	test_msgid_ref();
	return check_done();
}
