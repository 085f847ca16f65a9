/*
 * officer_redirect.c -- #forward / #doorsturen <kind> [text] (issue 15).
 *
 * A bezwaar, a Woo request or a damage claim sent to the klachten
 * address is no complaint; the law says it goes to whoever must handle
 * it, with the date it was received (Awb 2:3, 6:15).  So the original
 * goes to the mailbox configured for its kind, and the complainant is
 * told where it went and that the date stands.
 *
 * How the original goes: resent, not wrapped.  The stored raw message
 * (messages.raw) is queued unchanged after a block of Resent-* headers
 * (RFC 5322 section 3.6.6) and two of our own -- the case reference and
 * the date of receipt, which the other desk needs --, with the mailbox as
 * the envelope recipient.  The receiving desk so sees the citizen's own
 * mail, From and Date as they were, attachments and all, and can answer
 * the citizen directly; nothing is re-encoded.  The one change: a line
 * that ends in a bare LF gets CR LF, as SMTP requires; a message that
 * came in with CR LF (as over SMTP or IMAP) is passed on byte for byte.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "case.h"
#include "lang.h"
#include "letters.h"
#include "lettertext.h"
#include "log.h"
#include "mail.h"
#include "officer_redirect.h"
#include "redirect.h"
#include "store.h"
#include "util.h"

/* The kinds that have a mailbox, comma-separated in lang ("-" for
 * none); caller frees. */
static char *
configured_kinds(const struct cfg *cfg, int en)
{
	struct buf	b;
	size_t		i;

	buf_init(&b);
	for (i = 0; i < CFG_NREDIRECT; i++)
		if (cfg->redirect[i] != NULL)
			buf_printf(&b, "%s%s", b.len ? ", " : "", en ?
			    redirect_kinds[i].en : redirect_kinds[i].id);
	if (b.len == 0)
		buf_adds(&b, "-");
	return buf_detach(&b, NULL);
}

/* The message to queue: the Resent-* block, then raw with every bare
 * LF made CR LF.  Caller frees. */
static char *
resent(const char *head, const char *raw, size_t len, size_t *outlen)
{
	struct buf	b;
	size_t		i;

	buf_init(&b);
	buf_adds(&b, head);
	for (i = 0; i < len; i++) {
		if (raw[i] == '\n' && (i == 0 || raw[i - 1] != '\r'))
			buf_addc(&b, '\r');
		buf_addc(&b, raw[i]);
	}
	return buf_detach(&b, outlen);
}

/* Queues the original to mailbox. */
static enum kres
send_original(struct officer_exec *x, int kind, const char *mailbox,
    const char *raw, size_t len, char **cause)
{
	char		*msgid, *date, *recv, *head, *msg, *subject;
	size_t		 n;
	int64_t		 id;
	enum kres	 r;

	msgid = mail_new_message_id(x->c.ref, "redirect",
	    klacht_domain(x->k));
	date = cal_format_rfc5322(x->now);
	recv = cal_format_iso_date(x->c.received_at);
	head = xasprintf("Resent-From: %s\r\nResent-To: %s\r\n"
	    "Resent-Date: %s\r\nResent-Message-ID: <%s>\r\n"
	    "X-Klachtd-Case: %s\r\nX-Klachtd-Forwarded: %s; received %s\r\n",
	    x->k->cfg->org_address, mailbox, date, msgid, x->c.ref,
	    redirect_kinds[kind].id, recv);
	msg = resent(head, raw, len, &n);
	subject = xasprintf("[%s] %s -> %s", x->c.ref, redirect_kinds[kind].id,
	    mailbox);
	r = store_outbox_add(x->k->st, x->c.id, "redirect",
	    x->k->cfg->org_address, mailbox, msgid, subject, msg, n, x->now,
	    &id, cause);
	if (r == KR_OK)
		log_info("case=%s queued the original (%zu bytes) to %s "
		    "msgid=<%s>", x->c.ref, len, mailbox, msgid);
	free(subject);
	free(msg);
	free(head);
	free(recv);
	free(date);
	free(msgid);
	return r;
}

enum kres
officer_do_redirect(struct officer_exec *x, const struct cmd *cmd,
    char **cause)
{
	const struct cfg	*cfg = x->k->cfg;
	const char		*mailbox, *word;
	char			*raw = NULL, *list, *text;
	size_t			 len = 0;
	int			 kind, cen;
	enum kres		 r;

	kind = redirect_kind_find(cmd->arg, strlen(cmd->arg));
	if (kind == -1)
		return officer_exec_fail(x, "?");
	word = x->en ? redirect_kinds[kind].en : redirect_kinds[kind].id;
	if ((mailbox = cfg->redirect[kind]) == NULL) {
		list = configured_kinds(cfg, x->en);
		r = officer_exec_fail(x, x->en ? "no mailbox is configured for "
		    "%s (redirect.%s in klachtd.conf); configured: %s" :
		    "er is geen mailbox ingesteld voor %s (redirect.%s in "
		    "klachtd.conf); ingesteld: %s", word,
		    redirect_kinds[kind].id, list);
		free(list);
		return r;
	}
	if ((r = store_case_complaint_raw(x->k->st, x->c.id, &raw, &len,
	    cause)) != KR_OK)
		return r;
	if (raw == NULL || len == 0) {
		free(raw);
		return officer_exec_fail(x, x->en ? "the original message of "
		    "this complaint is no longer stored: forward it by hand "
		    "and use #void misdirected" : "het oorspronkelijke "
		    "bericht van deze klacht is niet meer bewaard: stuur het "
		    "zelf door en gebruik #vervallen verkeerd-adres");
	}
	r = send_original(x, kind, mailbox, raw, len, cause);
	free(raw);
	if (r != KR_OK)
		return r;

	cen = lang_is_en(x->c.language);
	text = cmd->text != NULL && *cmd->text != '\0' ?
	    letter_officer_text(cmd->text) : xstrdup("");
	struct tmpl_var vars[] = {
		{ "redirect_what", cen ? redirect_kinds[kind].what_en :
		    redirect_kinds[kind].what_nl },
		{ "redirect_to", mailbox },
		{ "text", text },
	};
	r = letter_to_complainant(x->k, &x->c, "redirected", "redirected",
	    vars, sizeof vars / sizeof vars[0], x->now, cause);
	free(text);
	if (r != KR_OK)
		return r;
	if ((r = case_forward(x->k->st, &x->c, x->o->id,
	    redirect_kinds[kind].id, mailbox, cmd->text, x->now, cause)) ==
	    KR_INVALID) {
		free(*cause);
		*cause = NULL;
		return officer_exec_fail(x, x->en ? "the complaint is %s: it "
		    "cannot be forwarded" : "de klacht is %s: doorsturen kan "
		    "niet", x->c.status);
	}
	if (r != KR_OK)
		return r;
	officer_exec_change(x, x->en ? "forwarded as %s: the original went "
	    "to %s unchanged; the complainant (%s) was told, with the date "
	    "of receipt; closed as forwarded (not counted as a complaint)" :
	    "doorgestuurd als %s: het origineel is ongewijzigd naar %s "
	    "gegaan; de klager (%s) heeft bericht gekregen, met de "
	    "ontvangstdatum; gesloten als doorgestuurd (telt niet als "
	    "klacht)", word, mailbox, *x->c.complainant_email ?
	    x->c.complainant_email : x->en ? "by post" : "per post");
	log_info("case=%s forwarded (%s) to %s by officer %s", x->c.ref,
	    redirect_kinds[kind].id, mailbox, x->o->id);
	return KR_OK;
}
