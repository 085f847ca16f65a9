/*
 * intake.c -- decide what an incoming message is and commit its effects.
 *
 * Order matters for crash safety: the message is parsed first (no locks
 * held), then one write transaction checks for a duplicate, classifies,
 * stores the raw bytes, opens or updates the case and queues the mail it
 * triggers, and commits.  A crash before the commit leaves nothing behind;
 * the source still has the message and offers it again.  A crash after it
 * makes the next offer a duplicate, which is recognised by Message-ID (or
 * a hash of the bytes when there is none) and only acknowledged.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "calendar.h"
#include "casestate.h"
#include "intake.h"
#include "log.h"
#include "mail.h"
#include "outmail.h"
#include "template.h"
#include "util.h"

const char *
intake_action_name(enum intake_action a)
{
	switch (a) {
	case IA_NEW_CASE:	return "new-case";
	case IA_REPLY:		return "reply";
	case IA_OFFICER:	return "officer";
	case IA_AUTOMATIC:	return "automatic";
	case IA_DUPLICATE:	return "duplicate";
	case IA_QUARANTINED:	return "quarantined";
	}
	return "?";
}

/*
 * Why a message must never be answered automatically (RFC 3834 5.2 and
 * the signs real auto-responders, list servers and MTAs leave); NULL when
 * a human wrote it.
 */
static const char *
automatic_reason(struct klacht *k, const struct mail *m)
{
	const char	*local;

	if (m->loop_header != NULL)
		return "carries our own X-Klachtd-Loop header";
	if (m->from_addr != NULL &&
	    strcasecmp(m->from_addr, k->cfg->org_address) == 0)
		return "sent from our own address";
	if (m->auto_submitted != NULL &&
	    strncasecmp(m->auto_submitted, "no", 2) != 0)
		return "Auto-Submitted";
	if (m->precedence != NULL &&
	    (strcasecmp(m->precedence, "bulk") == 0 ||
	    strcasecmp(m->precedence, "junk") == 0 ||
	    strcasecmp(m->precedence, "list") == 0 ||
	    strcasecmp(m->precedence, "auto_reply") == 0))
		return "Precedence";
	if (m->has_autoreply_headers)
		return "auto-responder header";
	if (m->has_list_headers)
		return "mailing list headers";
	if (m->is_report)
		return "delivery or read report (multipart/report)";
	if (m->has_failed_recipients)
		return "X-Failed-Recipients";
	if (m->return_path != NULL && *m->return_path == '\0')
		return "empty return path (bounce)";
	if (m->from_addr != NULL) {
		local = m->from_addr;
		if (strncasecmp(local, "mailer-daemon@", 14) == 0 ||
		    strncasecmp(local, "postmaster@", 11) == 0)
			return "sent by a mail system";
	}
	return NULL;
}

/* Finds the case this message continues, by our Message-IDs in its
 * threading headers first, then by the subject tag -- the latter only
 * for the case's own complainant or an officer, so a guessed reference
 * does not let a stranger write into someone's case. */
static enum kres
find_case(struct klacht *k, const struct mail *m, int64_t *case_id,
    char **cause)
{
	struct case_row	 c;
	char		*ref;
	size_t		 i;
	enum kres	 r;

	*case_id = 0;
	for (i = 0; i < m->nrefs; i++) {
		if ((r = store_case_by_outgoing_msgid(k->st, m->refs[i],
		    case_id, cause)) != KR_OK)
			return r;
		if (*case_id != 0)
			return KR_OK;
	}
	for (i = 0; i < m->nrefs; i++) {
		if ((r = store_case_by_incoming_msgid(k->st, m->refs[i],
		    case_id, cause)) != KR_OK)
			return r;
		if (*case_id != 0)
			return KR_OK;
	}
	if ((ref = caseref_find(m->subject, k->cfg->ref_prefix)) == NULL)
		return KR_OK;
	r = store_case_get_ref(k->st, ref, &c, cause);
	free(ref);
	if (r == KR_INVALID) {
		free(*cause);
		*cause = NULL;
		return KR_OK;
	}
	if (r != KR_OK)
		return r;
	if (m->from_addr != NULL &&
	    (strcasecmp(m->from_addr, c.complainant_email) == 0 ||
	    cfg_officer_by_email(k->cfg, m->from_addr) != NULL))
		*case_id = c.id;
	else
		log_notice("case=%s subject tag from a stranger (%s) ignored: "
		    "opening a new case", c.ref, m->from_addr);
	case_row_free(&c);
	return KR_OK;
}

static enum kres
quarantine(struct klacht *k, const char *source, const char *source_id,
    const char *raw, size_t len, const char *reason, int64_t now,
    struct intake_result *res, char **cause)
{
	enum kres	r;
	int64_t		id = 0;

	if ((r = store_begin(k->st, cause)) != KR_OK)
		return r;
	r = store_quarantine_add(k->st, source, source_id, reason, raw, len,
	    now, &id, cause);
	if (r != KR_OK && r != KR_DUP) {
		store_rollback(k->st);
		return r;
	}
	if ((r = store_commit(k->st, cause)) != KR_OK)
		return r;
	res->action = IA_QUARANTINED;
	snprintf(res->reason, sizeof res->reason, "%s", reason);
	log_warn("source=%s id=%s quarantined (%zu bytes): %s%s", source,
	    source_id ? source_id : "-", len, reason,
	    id == 0 ? " (already in quarantine)" : "");
	return KR_OK;
}

static enum kres
store_attachments(struct klacht *k, const struct mail *m, int64_t msg_id,
    int64_t case_id, char **cause)
{
	size_t		i;
	enum kres	r;

	for (i = 0; i < m->nattachments; i++) {
		const struct mail_attachment *a = &m->attachments[i];

		r = store_attachment_add(k->st, msg_id, case_id, a->filename,
		    a->content_type, a->size, a->sha256, a->data, cause);
		if (r != KR_OK)
			return r;
	}
	return KR_OK;
}

static enum kres
open_case(struct klacht *k, const struct mail *m, const char *dedupe,
    const char *source, const char *source_id, const char *raw, size_t len,
    int64_t now, struct intake_result *res, char **cause)
{
	struct case_new	 cn;
	struct case_row	 c;
	struct store_msg sm;
	struct outmail	 om;
	int64_t		 msg_id;
	char		*ref = NULL, *detail;
	int		 sent_today = 0;
	enum kres	 r;

	memset(&cn, 0, sizeof cn);
	cn.prefix = k->cfg->ref_prefix;
	cn.year = cal_year(now);
	cn.status = case_state_id(CS_NEW);
	cn.complainant_email = m->from_addr;
	cn.complainant_name = m->from_name;
	cn.subject = m->subject;
	cn.language = k->cfg->language;
	cn.received_at = now;
	cn.due_at = cal_due(now, k->cfg->term_decide);
	if ((r = store_case_create(k->st, &cn, &res->case_id, &ref, cause)) !=
	    KR_OK)
		return r;
	snprintf(res->ref, sizeof res->ref, "%s", ref);
	free(ref);

	memset(&sm, 0, sizeof sm);
	sm.case_id = res->case_id;
	sm.dedupe_key = dedupe;
	sm.kind = "complaint";
	sm.source = source;
	sm.source_id = source_id;
	sm.message_id = m->message_id;
	sm.in_reply_to = m->in_reply_to;
	sm.refs = m->refs_raw;
	sm.from_addr = m->from_addr;
	sm.from_name = m->from_name;
	sm.subject = m->subject;
	sm.body = m->body;
	sm.raw = raw;
	sm.raw_len = len;
	sm.received_at = now;
	if ((r = store_msg_add(k->st, &sm, &msg_id, cause)) != KR_OK ||
	    (r = store_attachments(k, m, msg_id, res->case_id, cause)) != KR_OK)
		return r;
	detail = xasprintf("via %s from %s", source, m->from_addr);
	r = store_event_add(k->st, res->case_id, now, "system", "received",
	    detail, cause);
	free(detail);
	if (r != KR_OK)
		return r;
	if (m->nattachments_over_cap > 0) {
		detail = xasprintf("%zu attachment(s) over the size limit were "
		    "not stored", m->nattachments_over_cap);
		r = store_event_add(k->st, res->case_id, now, "system",
		    "note", detail, cause);
		free(detail);
		if (r != KR_OK)
			return r;
	}

	/* RFC 3834: no more than a few automatic replies a day to one
	 * address, whatever it sends us. */
	if ((r = store_autoreply_count(k->st, m->from_addr, now - 86400,
	    &sent_today, cause)) != KR_OK)
		return r;
	if ((r = store_case_get(k->st, res->case_id, &c, cause)) != KR_OK)
		return r;
	if (sent_today >= k->cfg->auto_reply_limit) {
		r = store_event_add(k->st, c.id, now, "system", "ack-suppressed",
		    "automatic reply limit for this address reached", cause);
		log_notice("case=%s acknowledgement suppressed: %d automatic "
		    "replies to this address in 24h", c.ref, sent_today);
		case_row_free(&c);
		return r;
	}
	memset(&om, 0, sizeof om);
	om.kind = "ack";
	om.template = "ack";
	om.to_addr = m->from_addr;
	om.to_name = m->from_name;
	om.in_reply_to = m->message_id;
	om.references = m->refs_raw;
	om.auto_submitted = 1;
	om.c = &c;
	struct tmpl_var extra[] = {
		{ "attachments_not_stored", m->nattachments_over_cap > 0 ?
		    "yes" : "" },
	};
	om.vars = extra;
	om.nvars = 1;
	if ((r = outmail_queue(k, &om, now, NULL, cause)) == KR_OK &&
	    (r = store_case_set(k->st, c.id, "status",
	    case_state_id(CS_ACKNOWLEDGED), 0, now, cause)) == KR_OK)
		r = store_event_add(k->st, c.id, now, "system", "status",
		    "new -> acknowledged", cause);
	case_row_free(&c);
	return r;
}

static enum kres
add_to_case(struct klacht *k, const struct mail *m, const char *dedupe,
    const char *kind, const char *source, const char *source_id,
    const char *raw, size_t len, int64_t now, int64_t case_id, char **cause)
{
	struct store_msg sm;
	int64_t		 msg_id;
	char		*detail;
	enum kres	 r;

	memset(&sm, 0, sizeof sm);
	sm.case_id = case_id;
	sm.dedupe_key = dedupe;
	sm.kind = kind;
	sm.source = source;
	sm.source_id = source_id;
	sm.message_id = m ? m->message_id : NULL;
	sm.in_reply_to = m ? m->in_reply_to : NULL;
	sm.refs = m ? m->refs_raw : NULL;
	sm.from_addr = m ? m->from_addr : NULL;
	sm.from_name = m ? m->from_name : NULL;
	sm.subject = m ? m->subject : NULL;
	sm.body = m ? m->body : NULL;
	sm.raw = raw;
	sm.raw_len = len;
	sm.received_at = now;
	if ((r = store_msg_add(k->st, &sm, &msg_id, cause)) != KR_OK)
		return r;
	if (m != NULL && (r = store_attachments(k, m, msg_id, case_id,
	    cause)) != KR_OK)
		return r;
	if (case_id == 0)
		return KR_OK;
	detail = xasprintf("%s message via %s from %s", kind, source,
	    m && m->from_addr ? m->from_addr : "?");
	r = store_event_add(k->st, case_id, now, "system", kind, detail, cause);
	free(detail);
	return r;
}

enum kres
intake_message(struct klacht *k, const char *source, const char *source_id,
    const char *raw, size_t len, struct intake_result *res, char **cause)
{
	struct mail_limits	 lim;
	struct mail		*m;
	struct case_row		 c;
	const char		*why_auto;
	char			*why = NULL, *dedupe, sha[65];
	int64_t			 now = cal_now(), prev_case = 0, case_id = 0;
	enum kres		 r;

	memset(res, 0, sizeof *res);
	memset(&lim, 0, sizeof lim);
	lim.max_size = k->cfg->max_message_size;
	lim.max_attachment = k->cfg->max_message_size;
	lim.max_depth = 20;
	lim.max_headers = 1000;

	m = mail_parse(raw, len, &lim, &why);
	if (m == NULL) {
		r = quarantine(k, source, source_id, raw, len, why, now, res,
		    cause);
		free(why);
		return r;
	}
	if (m->from_addr == NULL) {
		mail_free(m);
		return quarantine(k, source, source_id, raw, len,
		    "no sender address (From) in the message", now, res, cause);
	}

	sha256_hex(raw, len, sha);
	if (m->message_id != NULL)
		dedupe = xasprintf("mid:%s", m->message_id);
	else
		dedupe = xasprintf("sha:%s", sha);

	if ((r = store_begin(k->st, cause)) != KR_OK)
		goto out;
	if ((r = store_msg_seen(k->st, dedupe, &prev_case, cause)) == KR_DUP) {
		store_rollback(k->st);
		res->action = IA_DUPLICATE;
		res->case_id = prev_case;
		log_info("source=%s id=%s msgid=<%s> duplicate of a stored "
		    "message: nothing to do", source, source_id ? source_id :
		    "-", m->message_id ? m->message_id : "-");
		r = KR_OK;
		goto out;
	}
	if (r != KR_OK)
		goto fail;
	if ((r = find_case(k, m, &case_id, cause)) != KR_OK)
		goto fail;

	if ((why_auto = automatic_reason(k, m)) != NULL) {
		res->action = IA_AUTOMATIC;
		res->case_id = case_id;
		snprintf(res->reason, sizeof res->reason, "%s", why_auto);
		r = add_to_case(k, m, dedupe, m->is_report ||
		    (m->return_path && *m->return_path == '\0') ? "bounce" :
		    "automatic", source, source_id, raw, len, now, case_id,
		    cause);
	} else if (case_id != 0) {
		const int officer = cfg_officer_by_email(k->cfg,
		    m->from_addr) != NULL;

		res->action = officer ? IA_OFFICER : IA_REPLY;
		res->case_id = case_id;
		r = add_to_case(k, m, dedupe, officer ? "officer" : "reply",
		    source, source_id, raw, len, now, case_id, cause);
	} else {
		res->action = IA_NEW_CASE;
		r = open_case(k, m, dedupe, source, source_id, raw, len, now,
		    res, cause);
	}
	if (r != KR_OK)
		goto fail;
	if ((r = store_commit(k->st, cause)) != KR_OK)
		goto out;

	if (res->case_id != 0 && res->ref[0] == '\0' &&
	    store_case_get(k->st, res->case_id, &c, NULL) == KR_OK) {
		snprintf(res->ref, sizeof res->ref, "%s", c.ref);
		case_row_free(&c);
	}
	{
		char *mid = str_log_safe(m->message_id, 200);
		char *rsn = str_log_safe(res->reason, 200);

		log_info("case=%s source=%s id=%s msgid=<%s> %s%s%s",
		    res->ref[0] ? res->ref : "-", source,
		    source_id ? source_id : "-", mid,
		    intake_action_name(res->action), *rsn != '\0' ? ": " : "",
		    res->reason[0] ? rsn : "");
		free(mid);
		free(rsn);
	}
	goto out;

fail:
	store_rollback(k->st);
out:
	free(dedupe);
	mail_free(m);
	return r;
}
