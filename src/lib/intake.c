/*
 * intake.c -- decide what an incoming message is and commit its effects.
 *
 * Order matters for crash safety: the message is parsed first (no locks
 * held), then one write transaction checks for a duplicate, classifies,
 * stores the raw bytes, opens or updates the case and queues the mail it
 * triggers, and commits.  A crash before the commit leaves nothing behind;
 * the source still has the message and offers it again.  A crash after it
 * makes the next offer a duplicate, which is recognised by Message-ID
 * plus content (or a hash of the bytes when there is no Message-ID) and
 * only acknowledged.  A different message reusing a stored Message-ID is
 * no duplicate: it is taken as a message of its own and logged.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "autoreply.h"
#include "calendar.h"
#include "case.h"
#include "flood.h"
#include "fault.h"
#include "forward.h"
#include "intake.h"
#include "lang.h"
#include "langdetect.h"
#include "log.h"
#include "measure_contact.h"
#include "mail.h"
#include "officer.h"
#include "officer_files.h"
#include "outmail.h"
#include "route.h"
#include "role.h"
#include "satisfy.h"
#include "template.h"
#include "terms.h"
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
	case IA_DESK:		return "desk";
	case IA_MEASURE:	return "measure";
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
	/* RFC 3834 5: anything but "no" (which may carry a comment). */
	if (m->auto_submitted != NULL) {
		const char	*v = m->auto_submitted + strspn(
				    m->auto_submitted, " \t");
		size_t		 n = strcspn(v, " \t;(");

		if (n != 2 || strncasecmp(v, "no", 2) != 0)
			return "Auto-Submitted";
	}
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
find_case(struct klacht *k, const struct mail *m,
    const struct cfg_officer *sender, int64_t *case_id, char **cause)
{
	struct case_row	 c;
	enum role	 role = ROLE_OTHER;
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
	/* The complainant (any of their addresses), a respondent, an
	 * officer or a ladder contact: anyone the case knows. */
	if (m->from_addr != NULL && (r = role_of(k, &c, m->from_addr, sender,
	    &role, cause)) != KR_OK) {
		case_row_free(&c);
		return r;
	}
	if (m->from_addr != NULL && role != ROLE_OTHER)
		*case_id = c.id;
	else
		log_notice("case=%s subject tag from a stranger (%s) ignored: "
		    "opening a new case", c.ref, m->from_addr);
	case_row_free(&c);
	return KR_OK;
}

/* A report that our (or anyone's) mail was not delivered, or is late --
 * not an auto-reply, which may also come from the null sender. */
static int
is_bounce(const struct mail *m)
{
	return m->is_delivery_report || m->has_failed_recipients ||
	    (m->from_addr != NULL &&
	    (str_casestartswith(m->from_addr, "mailer-daemon@") ||
	    str_casestartswith(m->from_addr, "postmaster@")));
}

struct outbox_find {
	const char	*msgid;
	char		*kind;
	char		*rcpt;
};

static int
outbox_find_cb(const struct outbox_row *o, void *arg)
{
	struct outbox_find *f = arg;

	if (o->message_id == NULL || strcmp(o->message_id, f->msgid) != 0)
		return 0;
	f->kind = xstrdup(o->kind ? o->kind : "mail");
	f->rcpt = xstrdup(o->rcpt ? o->rcpt : "?");
	return 1;
}

/*
 * A bounce of mail we sent: the case of the returned message (found by
 * its Message-ID in our outbox) and a line for the officer saying what
 * could not be delivered to whom and why.  *case_id stays 0 when the
 * bounce is about nothing of ours.
 */
static enum kres
bounce_case(struct klacht *k, const struct mail *m, int64_t *case_id,
    char **detail, char **cause)
{
	struct outbox_find	 f;
	size_t			 i;
	enum kres		 r;
	int			 delayed;
	char			*why;

	*case_id = 0;
	*detail = NULL;
	for (i = 0; i < m->nreturned_ids && *case_id == 0; i++)
		if ((r = store_case_by_outgoing_msgid(k->st,
		    m->returned_ids[i], case_id, cause)) != KR_OK)
			return r;
	if (*case_id == 0)
		return KR_OK;
	memset(&f, 0, sizeof f);
	f.msgid = m->returned_ids[i - 1];
	if ((r = store_outbox_foreach(k->st, NULL, *case_id, outbox_find_cb,
	    &f, cause)) != KR_OK)
		return r;
	delayed = m->dsn_action != NULL &&
	    strcasecmp(m->dsn_action, "delayed") == 0;
	why = xasprintf("%s%s%s", m->dsn_status ? m->dsn_status : "",
	    m->dsn_status && m->dsn_diagnostic ? " " : "",
	    m->dsn_diagnostic ? m->dsn_diagnostic : "");
	*detail = xasprintf("%s%s to %s %s%s%s (report from %s)",
	    f.kind && strcmp(f.kind, "ack") == 0 ? "acknowledgement" :
	    f.kind ? f.kind : "our mail", f.kind && strcmp(f.kind, "ack") ?
	    " mail" : "",
	    m->dsn_recipient ? m->dsn_recipient : f.rcpt ? f.rcpt : "?",
	    delayed ? "is delayed" : "could not be delivered",
	    *why ? ": " : "", why, m->from_addr);
	free(why);
	free(f.kind);
	free(f.rcpt);
	return KR_OK;
}

/*
 * The complainant writes on a decided or closed case.  Within
 * terms.reopen_window of its closing (or decision) the reply is kept on
 * the case as a "reactie na afhandeling" (*after set: message kind
 * after-decision, an event, a notification to the assignee) and changes
 * nothing else -- the judgement, the decision date and the register
 * stand; only #reopen reopens.  terms.auto_reopen restores the old way: the reply reopens
 * the case (status in_progress, event "reopened").  Later than the
 * window, the message is to become a new case linked to the old one:
 * *case_id is set to 0 and *old_case to the closed case, for
 * link_cases() once the new case is open.
 */
static enum kres
reply_to_closed(struct klacht *k, int64_t *case_id, int64_t *old_case,
    int *after, int *formal, int64_t now, struct intake_result *res,
    char **cause)
{
	struct case_row	 c;
	enum case_state	 st;
	enum kres	 r = KR_OK;
	int64_t		 closed;
	char		*when;

	*old_case = 0;
	*after = 0;
	*formal = 0;
	if ((r = store_case_get(k->st, *case_id, &c, cause)) != KR_OK)
		return r;
	st = case_state_parse(c.status);
	/* Resolved informally (#resolved): within the window named in the
	 * letter, the reply asks for formal handling -- the case goes on
	 * with its original receipt and due date, the assignee is told
	 * (*formal: a reply notification).  Later it is a reply after the
	 * end, as for a closed case below. */
	if (st == CS_RESOLVED && now <= case_formal_request_until(&c,
	    k->cfg->formal_request_window)) {
		when = cal_format_iso_date(c.closed_at);
		r = case_formal_request(k->st, &c, now, cause);
		*formal = 1;
		snprintf(res->reason, sizeof res->reason, "case resolved "
		    "informally on %s: the complainant asks for formal "
		    "handling", when);
		log_notice("case=%s resolved informally on %s: formal handling "
		    "asked by the complainant's reply", c.ref, when);
		free(when);
		case_row_free(&c);
		return r;
	}
	if (st != CS_CLOSED && st != CS_DECIDED && st != CS_RESOLVED) {
		case_row_free(&c);
		return KR_OK;
	}
	closed = c.closed_at ? c.closed_at : c.decided_at ? c.decided_at :
	    c.updated_at;
	when = cal_format_iso_date(closed);
	if (now - closed <= k->cfg->reopen_window && k->cfg->auto_reopen) {
		r = case_reopen(k->st, &c, "system", CASE_REOPEN_COMPLAINANT,
		    NULL, now, cause);
		snprintf(res->reason, sizeof res->reason, "case closed on %s "
		    "reopened by the complainant's reply (terms.auto_reopen)",
		    when);
		log_notice("case=%s closed on %s, reopened by a reply from "
		    "the complainant", c.ref, when);
	} else if (now - closed <= k->cfg->reopen_window) {
		char *d = xasprintf("the complainant wrote after the decision "
		    "(%s, %s): kept on the case, which stays %s", c.judgement ?
		    c.judgement : "-", when, c.status);

		*after = 1;
		r = store_event_add(k->st, c.id, now, "system",
		    "after-decision", d, cause);
		free(d);
		snprintf(res->reason, sizeof res->reason, "reply after the "
		    "decision (closed %s): kept, the case stays %s", when,
		    c.status);
		log_notice("case=%s decided on %s: the complainant's reply is "
		    "kept as a reply after the decision; nothing reopened",
		    c.ref, when);
	} else {
		*old_case = c.id;
		*case_id = 0;
		snprintf(res->reason, sizeof res->reason, "reply to %s, closed "
		    "on %s (beyond terms.reopen_window): new linked case",
		    c.ref, when);
	}
	free(when);
	case_row_free(&c);
	return r;
}

/* The role of m's sender on case case_id (role_of). */
static enum kres
sender_role(struct klacht *k, const struct mail *m,
    const struct cfg_officer *sender, int64_t case_id, enum role *role,
    char **cause)
{
	struct case_row	c;
	enum kres	r;

	if ((r = store_case_get(k->st, case_id, &c, cause)) != KR_OK)
		return r;
	r = role_of(k, &c, m->from_addr, sender, role, cause);
	case_row_free(&c);
	return r;
}

/* Links a new case to the closed one the complainant wrote on. */
static enum kres
link_cases(struct klacht *k, int64_t old_case, const struct intake_result *res,
    int64_t now, char **cause)
{
	struct case_row	 c;
	enum kres	 r;

	if ((r = store_case_get(k->st, old_case, &c, cause)) != KR_OK)
		return r;
	if ((r = case_link(k->st, res->case_id, res->ref, &c, now, cause)) ==
	    KR_OK)
		log_notice("case=%s opened for a reply to %s, closed longer "
		    "than the reopen window ago", res->ref, c.ref);
	case_row_free(&c);
	return r;
}

/*
 * What the parser had to cut off or could not read (mail->notes, files
 * over limits.max_attachment_size): a log line each, and a note on the
 * case when there is one.  New cases get their over-the-cap note from
 * open_case().
 */
static enum kres
note_limits(struct klacht *k, const struct mail *m, int64_t case_id,
    const char *ref, int new_case, int64_t now, char **cause)
{
	size_t		 i;
	enum kres	 r = KR_OK;
	char		*s, *d;

	for (i = 0; i < m->nattachments; i++) {
		const struct mail_attachment *a = &m->attachments[i];

		if (a->data != NULL)
			continue;
		s = str_log_safe(a->filename, 200);
		log_notice("case=%s attachment \"%s\" (%s, %zu bytes) is over "
		    "limits.max_attachment_size (%zu bytes): only its name, "
		    "type, size and SHA-256 are stored", ref[0] ? ref : "-", s,
		    a->content_type, a->size, k->cfg->max_attachment_size);
		free(s);
	}
	for (i = 0; i < m->nnotes; i++) {
		s = str_log_safe(m->notes[i], 300);
		log_warn("case=%s msgid=<%s> %s", ref[0] ? ref : "-",
		    m->message_id ? m->message_id : "-", s);
		free(s);
		if (case_id != 0 && r == KR_OK)
			r = store_event_add(k->st, case_id, now, "system",
			    "note", m->notes[i], cause);
	}
	if (r == KR_OK && case_id != 0 && m->nattachments_dropped > 0) {
		d = xasprintf("%zu more attachments not stored (over "
		    "limits.max_attachments = %d; they are in the raw message)",
		    m->nattachments_dropped, k->cfg->max_attachments);
		r = store_event_add(k->st, case_id, now, "system", "note", d,
		    cause);
		free(d);
	}
	if (r == KR_OK && case_id != 0 && !new_case &&
	    m->nattachments_over_cap > 0) {
		d = xasprintf("%zu attachment(s) over the size limit were not "
		    "stored", m->nattachments_over_cap);
		r = store_event_add(k->st, case_id, now, "system", "note", d,
		    cause);
		free(d);
	}
	return r;
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

enum kres
intake_oversized(struct klacht *k, const char *source, const char *source_id,
    const char *head, size_t headlen, uint64_t size, const char *where,
    struct intake_result *res, char **cause)
{
	char		*reason;
	int64_t		 id = 0, now = cal_now();
	enum kres	 r;

	memset(res, 0, sizeof *res);
	reason = xasprintf("over limits.max_message_size (%llu > %zu bytes): "
	    "only the header is stored here; the whole message is in %s",
	    (unsigned long long)size, k->cfg->max_message_size, where);
	if ((r = store_begin(k->st, cause)) != KR_OK) {
		free(reason);
		return r;
	}
	r = store_quarantine_add(k->st, source, source_id, reason, head,
	    headlen, now, &id, cause);
	/* An officer's mail too large to take in gets its answer with the
	 * row, once: a second sight of the same file is a DUP. */
	if (r == KR_OK)
		r = officer_files_too_large(k, head, headlen, size, now, cause);
	if (r != KR_OK && r != KR_DUP) {
		store_rollback(k->st);
		free(reason);
		return r;
	}
	if ((r = store_commit(k->st, cause)) != KR_OK) {
		free(reason);
		return r;
	}
	res->action = IA_QUARANTINED;
	snprintf(res->reason, sizeof res->reason, "%s", reason);
	log_warn("source=%s id=%s quarantined (%llu bytes): %s%s", source,
	    source_id ? source_id : "-", (unsigned long long)size, reason,
	    id == 0 ? " (already in quarantine)" : "");
	free(reason);
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

/*
 * A new case for m.  fw, when not NULL, is an officer's proven forward
 * (forward.h): the case is then the original sender's, from the
 * forward's date of receipt, and the acknowledgement goes to them; the
 * stored message stays the officer's mail as it came.
 */
static enum kres
open_case(struct klacht *k, const struct mail *m,
    const struct forward_intake *fw, const char *dedupe,
    const char *csha, const char *source, const char *source_id,
    const char *raw, size_t len, int64_t now, struct flood *fl,
    struct intake_result *res, char **cause)
{
	const char	*who = fw ? fw->fw.from_addr : m->from_addr;
	const char	*who_name = fw ? fw->fw.from_name : m->from_name;
	const struct cfg_category *cat = route_category(k->cfg, m);
	struct case_new	 cn;
	struct case_row	 c;
	struct store_msg sm;
	struct outmail	 om;
	int64_t		 msg_id;
	char		*ref = NULL, *detail;
	int		 sent_today = 0;
	enum lang	 lang;
	enum langdetect_src lsrc;
	enum kres	 r;

	memset(&cn, 0, sizeof cn);
	cn.prefix = k->cfg->ref_prefix;
	cn.year = cal_year(now);
	cn.status = case_state_id(CS_NEW);
	cn.complainant_email = who;
	cn.complainant_name = who_name;
	cn.subject = fw && fw->fw.subject ? fw->fw.subject : m->subject;
	/* The complainant's language: what their mail says it is, else
	 * what its words are, else ours (issue 16). */
	lang = langdetect_mail(fw ? NULL : m->content_language, cn.subject,
	    m->body, k->cfg->lang, &lsrc);
	cn.language = lang_name(lang);
	cn.received_at = fw ? fw->received : now;
	/* Mail to a category's address opens the case in it, with its
	 * term (route.h). */
	cn.due_at = terms_due(terms_for(k->cfg, cat ? cat->id : NULL),
	    cn.received_at);
	if ((r = case_open(k->st, &cn, source, now, &res->case_id, &ref,
	    cause)) != KR_OK)
		return r;
	snprintf(res->ref, sizeof res->ref, "%s", ref);
	free(ref);
	if (cat != NULL) {
		if ((r = store_case_get(k->st, res->case_id, &c, cause)) !=
		    KR_OK)
			return r;
		r = case_set_category(k->st, &c, "system", cat->id,
		    cat->confidential, now, cause);
		case_row_free(&c);
		if (r != KR_OK)
			return r;
	}
	log_info("case=%s language %s (%s)", res->ref, lang_name(lang),
	    lsrc == LANGDETECT_HEADER ? "Content-Language" :
	    lsrc == LANGDETECT_TEXT ? "from the text" : "the default");

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
	sm.content_sha = csha;
	sm.role = role_id(ROLE_COMPLAINANT);
	if ((r = store_msg_add(k->st, &sm, &msg_id, cause)) != KR_OK ||
	    (r = store_attachments(k, m, msg_id, res->case_id, cause)) != KR_OK)
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

	/* A flood from one sender (+tags counted together) is stored
	 * whole, but acknowledged and notified only up to the caps. */
	if ((r = flood_check(k, res->case_id, who, now, fl,
	    cause)) != KR_OK)
		return r;
	/* An address that does not parse strictly is never mailed: a
	 * lenient reading of it may be someone else's (issue 18, D14). */
	if (fw == NULL && m->from_not_mailable) {
		char *a = str_log_safe(m->from_addr, 200);

		r = store_event_add(k->st, res->case_id, now, "system",
		    "ack-suppressed", "the sender's address is not a valid "
		    "address: no acknowledgement", cause);
		log_notice("case=%s acknowledgement suppressed: sender "
		    "address \"%s\" is not a valid address", res->ref, a);
		free(a);
		return r;
	}
	/* RFC 3834: no more than a few automatic replies a day to one
	 * address, whatever it sends us. */
	if ((r = store_autoreply_count(k->st, who, now - CAL_DAY,
	    &sent_today, cause)) != KR_OK)
		return r;
	if ((r = store_case_get(k->st, res->case_id, &c, cause)) != KR_OK)
		return r;
	if (!fl->ack) {
		detail = xasprintf("per-sender limit: case %d from %s within "
		    "the hour (limits.max_acks_per_sender_per_hour = %d)",
		    fl->recent, fl->key, k->cfg->max_acks_per_hour);
		r = store_event_add(k->st, c.id, now, "system",
		    "ack-suppressed", detail, cause);
		free(detail);
		log_notice("case=%s acknowledgement suppressed: %d new cases "
		    "from %s in the last hour", c.ref, fl->recent, fl->key);
		case_row_free(&c);
		return r;
	}
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
	om.to_addr = who;
	om.to_name = who_name;
	/* The citizen never saw the officer's forward: no threading. */
	om.in_reply_to = fw ? NULL : m->message_id;
	om.references = fw ? NULL : m->refs_raw;
	om.auto_submitted = MAIL_AUTO_REPLIED;
	om.c = &c;
	struct tmpl_var extra[] = {
		{ "attachments_not_stored", m->nattachments_over_cap > 0 ?
		    "yes" : "" },
	};
	om.vars = extra;
	om.nvars = 1;
	if ((r = outmail_queue(k, &om, now, NULL, cause)) == KR_OK)
		r = case_set_status(k->st, &c, "system", CS_ACKNOWLEDGED, now,
		    cause);
	case_row_free(&c);
	return r;
}

static enum kres
add_to_case(struct klacht *k, const struct mail *m, const char *dedupe,
    const char *csha, const char *kind, const char *role, const char *source,
    const char *source_id, const char *raw, size_t len, int64_t now,
    int64_t case_id, char **cause)
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
	sm.content_sha = csha;
	sm.role = role;
	if ((r = store_msg_add(k->st, &sm, &msg_id, cause)) != KR_OK)
		return r;
	if (m != NULL && (r = store_attachments(k, m, msg_id, case_id,
	    cause)) != KR_OK)
		return r;
	/* A reply after the decision has its own event already
	 * (reply_to_closed), a satisfaction answer too (satisfy_reply). */
	if (case_id == 0 || strcmp(kind, "after-decision") == 0 ||
	    strcmp(kind, "satisfaction") == 0)
		return KR_OK;
	detail = xasprintf("%s message via %s from %s%s%s", kind, source,
	    m && m->from_addr ? m->from_addr : "?", role ? ", " : "",
	    role ? role : "");
	r = store_event_add(k->st, case_id, now, "system", kind, detail, cause);
	free(detail);
	return r;
}

#define SUBJECT_MAX	998	/* bytes of a subject stored (RFC 5322 line) */

/*
 * How much of raw to give the MIME parser: all of it, unless it has more
 * than max lines that start with "--" (every MIME boundary does); then up
 * to the start of the line after the max-th.  *n gets max when cut.
 */
static size_t
parse_prefix(const char *raw, size_t len, size_t max, size_t *n)
{
	const char	*p = raw, *end = raw + len, *nl;

	*n = 0;
	while (p < end) {
		if (end - p >= 2 && p[0] == '-' && p[1] == '-' &&
		    ++*n > max) {
			*n = max;
			return (size_t)(p - raw);
		}
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			break;
		p = nl + 1;
	}
	return len;
}

/*
 * Cuts *s (UTF-8) to at most max bytes at a character boundary, with a
 * line saying so; the raw message keeps the whole text.
 */
static void
cap_text(char **s, size_t max)
{
	size_t	 len, cut;
	char	*t;

	if (*s == NULL || (len = strlen(*s)) <= max)
		return;
	cut = max;
	while (cut > 0 && ((unsigned char)(*s)[cut] & 0xc0) == 0x80)
		cut--;
	t = xasprintf("%.*s\n\n[... shortened: %zu of %zu bytes kept as text; "
	    "the raw message has all of it]", (int)cut, *s, cut, len);
	free(*s);
	*s = t;
}

/*
 * What makes two mails the same message whatever route they took: the
 * SHA-256 over the sender, subject, text and the attachments' hashes --
 * not over headers a relay adds (Received, Delivered-To).
 */
static void
content_hash(const struct mail *m, char out[65])
{
	struct buf	 b;
	char		 bsha[65], *s;
	size_t		 i, n;

	sha256_hex(m->body ? m->body : "", m->body ? strlen(m->body) : 0,
	    bsha);
	buf_init(&b);
	buf_printf(&b, "from=%s", m->from_addr ? m->from_addr : "");
	buf_addc(&b, '\0');
	buf_printf(&b, "subject=%s", m->subject ? m->subject : "");
	buf_addc(&b, '\0');
	buf_printf(&b, "body=%s", bsha);
	for (i = 0; i < m->nattachments; i++)
		buf_printf(&b, "%catt=%s", '\0', m->attachments[i].sha256);
	s = buf_detach(&b, &n);
	sha256_hex(s, n, out);
	free(s);
}

int64_t
intake_batch_clock(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int64_t
intake_batch_ms(void)
{
	static int64_t	 ms = -1;
	const char	*v;
	char		*end;
	long long	 n;

	if (ms >= 0)
		return ms;
	ms = INTAKE_BATCH_MS;
	if ((v = getenv("KLACHTD_BATCH_MS")) != NULL && *v != '\0') {
		errno = 0;
		n = strtoll(v, &end, 10);
		if (errno == 0 && *end == '\0' && n >= 0)
			ms = n;
		else	/* Said, as KLACHTD_FAULT does: the test must know. */
			log_warn("KLACHTD_BATCH_MS: ignoring \"%.40s\" (not a "
			    "number of milliseconds); the bound stays %d ms", v,
			    INTAKE_BATCH_MS);
	}
	return ms;
}

enum kres
intake_message(struct klacht *k, const char *source, const char *source_id,
    const char *raw, size_t len, struct intake_result *res, char **cause)
{
	struct mail_limits	 lim;
	struct mail		*m;
	struct case_row		 c;
	const struct cfg_officer *sender;	/* From is this officer */
	const char		*why_auto;
	char			*why = NULL, *dedupe, sha[65], *bdetail = NULL;
	char			 csha[65], *cut_note = NULL;
	size_t			 plen, nlines;
	int			 clash = 0, desk = 0;
	struct flood		 fl;
	struct forward_intake	 fw;
	int64_t			 now = cal_now(), prev_case = 0, case_id = 0;
	int64_t			 old_case = 0, bounced = 0;
	enum role		 role = ROLE_OTHER;
	int			 after = 0;
	int			 satisfied = 0;	/* a satisfaction answer */
	int			 formal = 0;	/* asks for formal handling */
	int			 measure = 0;	/* to a measure reply address */
	enum kres		 r;

	memset(res, 0, sizeof *res);
	memset(&fl, 0, sizeof fl);
	memset(&fw, 0, sizeof fw);
	memset(&lim, 0, sizeof lim);
	lim.max_size = k->cfg->max_message_size;
	lim.max_attachment = k->cfg->max_attachment_size;
	lim.max_depth = k->cfg->max_mime_depth;
	lim.max_headers = k->cfg->max_headers;
	lim.max_files = (size_t)k->cfg->max_attachments;

	/* GMime builds every MIME part in memory (450,000 tiny parts took
	 * 1.5 GB): it is shown the message only up to the line where the
	 * part count could exceed what is ever kept.  The raw message is
	 * stored whole all the same. */
	plen = parse_prefix(raw, len, (size_t)k->cfg->max_attachments * 10 +
	    100, &nlines);
	m = mail_parse(raw, plen, &lim, &why);
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

	/* Who the sender is, asked once and passed along. */
	sender = cfg_officer_by_email(k->cfg, m->from_addr);
	sha256_hex(raw, len, sha);
	content_hash(m, csha);
	/* Hashed whole, stored and shown bounded: the raw message keeps
	 * everything. */
	cap_text(&m->body, k->cfg->max_text_size);
	if (m->subject != NULL && strlen(m->subject) > SUBJECT_MAX) {
		size_t cut = SUBJECT_MAX;

		while (cut > 0 &&
		    ((unsigned char)m->subject[cut] & 0xc0) == 0x80)
			cut--;
		m->subject[cut] = '\0';
	}
	if (plen < len) {
		log_warn("source=%s id=%s more than %zu MIME boundary lines: "
		    "only the first %zu of %zu bytes were read", source,
		    source_id ? source_id : "-", nlines, plen, len);
		cut_note = xasprintf("the message has more than %zu MIME "
		    "boundary lines: only its first %zu of %zu bytes were read "
		    "(the rest, with any further attachments, is kept in the "
		    "raw message)", nlines, plen, len);
	}
	if (m->message_id != NULL)
		dedupe = xasprintf("mid:%s", m->message_id);
	else
		dedupe = xasprintf("sha:%s", sha);

	if ((r = store_begin(k->st, cause)) != KR_OK)
		goto out;
	if (m->message_id != NULL)
		r = store_msg_same(k->st, m->message_id, sha, csha, &prev_case,
		    &clash, cause);
	else
		r = store_msg_seen(k->st, dedupe, &prev_case, cause);
	if (r == KR_OK && clash) {
		/* Another message under a Message-ID we have (web forms
		 * that build IDs from a timestamp): it is a message of its
		 * own, keyed by its content so that it, too, is taken once. */
		char *mid = str_log_safe(m->message_id, 200);

		free(dedupe);
		dedupe = xasprintf("mid:%s:%s", m->message_id, csha);
		log_notice("source=%s id=%s msgid=<%s> message-id clash: a "
		    "stored message has this Message-ID with other content; "
		    "taken as a message of its own", source, source_id ?
		    source_id : "-", mid);
		free(mid);
	}
	if (r == KR_DUP) {
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
	if ((r = find_case(k, m, sender, &case_id, cause)) != KR_OK)
		goto fail;
	/* Mail to klachten+<token>@ without threading headers or subject
	 * tag: the (genuine) reply token names the case. */
	if (case_id == 0 &&
	    (r = officer_case_by_token(k, m, &case_id, cause)) != KR_OK)
		goto fail;
	/* A complainant's mail about a case merged into another goes to
	 * that one (an officer's stays: its token names the old case). */
	if (sender == NULL &&
	    (r = case_follow_merged(k->st, &case_id, cause)) != KR_OK)
		goto fail;

	why_auto = automatic_reason(k, m);
	/* An out-of-office without RFC 3834 headers, on a case: stored,
	 * never answered, runs nothing (issue 18 F9).  Only on a case, so a
	 * new complaint is never lost to its subject. */
	if (why_auto == NULL && case_id != 0 &&
	    autoreply_subject(m->subject) != NULL)
		why_auto = "auto-reply subject";
	/* A bounce of our own mail goes on the case of what bounced. */
	if (why_auto != NULL && is_bounce(m) &&
	    (r = bounce_case(k, m, &bounced, &bdetail, cause)) != KR_OK)
		goto fail;
	if (bounced != 0)
		case_id = bounced;
	/* An officer's mail about no case may be desk mail: commands
	 * such as #overzicht that need no case (officer_desk.c). */
	if (why_auto == NULL && case_id == 0 && sender != NULL &&
	    (r = officer_desk_want(k, m, sender, &desk, cause)) != KR_OK)
		goto fail;
	/* Mail from someone who is no officer to a measure owner's reply
	 * address (klachten+m-...@) may close that measure and nothing
	 * else, whatever case it also names (measure_contact.h). */
	measure = why_auto == NULL && sender == NULL &&
	    measure_contact_addressed(k->cfg, m);
	/* Who wrote, on the case it was filed on (role.h). */
	if (case_id != 0 && (r = sender_role(k, m, sender, case_id, &role,
	    cause)) != KR_OK)
		goto fail;
	/* The complainant writing on a decided or closed case: kept as a
	 * reply after the decision (or, with terms.auto_reopen, the case
	 * reopens), or a new case when it is long closed. */
	/* First: an answer to the satisfaction question (satisfy.h) is
	 * recorded and filed, nothing more -- however long ago the case
	 * was closed. */
	if (why_auto == NULL && !measure && case_id != 0 && sender == NULL &&
	    role == ROLE_COMPLAINANT && (r = satisfy_reply(k, m, case_id, now,
	    &satisfied, res->reason, sizeof res->reason, cause)) != KR_OK)
		goto fail;
	if (why_auto == NULL && !measure && case_id != 0 && sender == NULL &&
	    role == ROLE_COMPLAINANT && !satisfied && (r = reply_to_closed(k,
	    &case_id, &old_case, &after, &formal, now, res, cause)) != KR_OK)
		goto fail;

	if (why_auto != NULL) {
		res->action = IA_AUTOMATIC;
		res->case_id = case_id;
		snprintf(res->reason, sizeof res->reason, "%s", why_auto);
		r = add_to_case(k, m, dedupe, csha, is_bounce(m) ? "bounce" :
		    "automatic", case_id ? role_id(role) : NULL, source,
		    source_id, raw, len, now, case_id, cause);
		/* Flag it for the officer: the complainant did not get
		 * what we sent. */
		if (r == KR_OK && bdetail != NULL) {
			r = store_event_add(k->st, case_id, now, "system",
			    m->dsn_action != NULL && strcasecmp(m->dsn_action,
			    "delayed") == 0 ? "delivery-delayed" :
			    "delivery-failed", bdetail, cause);
			snprintf(res->reason, sizeof res->reason, "%s", bdetail);
		}
	} else if (measure) {
		/* Stored (on its case, if it named one: filed in the
		 * sender's role, no notification); it opens none. */
		res->action = IA_MEASURE;
		res->case_id = case_id;
		r = add_to_case(k, m, dedupe, csha, "measure", case_id ?
		    role_id(role) : NULL, source, source_id, raw, len, now,
		    case_id, cause);
		if (r == KR_OK)
			r = measure_contact_mail(k, m, now, res->reason,
			    sizeof res->reason, cause);
	} else if (desk) {
		/* Stored, on no case; it opens none. */
		res->action = IA_DESK;
		r = add_to_case(k, m, dedupe, csha, "desk", "officer", source,
		    source_id, raw, len, now, 0, cause);
		if (r == KR_OK)
			r = officer_desk_mail(k, m, sender, now, cause);
	} else if (case_id != 0) {
		const int officer = sender != NULL;
		const char *kind = satisfied ? "satisfaction" : after ?
		    "after-decision" : "reply";
		struct case_row cr;
		int had = 0;

		res->action = officer ? IA_OFFICER : IA_REPLY;
		res->case_id = case_id;
		/* An officer's From without the second proof is filed as
		 * "unauthenticated", never as the officer's (issue 18 F12). */
		if (officer && (r = officer_mail_kind(k, m, sender, case_id,
		    now, &kind, cause)) != KR_OK)
			goto fail;
		r = add_to_case(k, m, dedupe, csha, kind, role_id(role), source,
		    source_id, raw, len, now, case_id, cause);
		/* An officer's mail may run commands (once authenticated);
		 * anyone else's goes to the officers concerned, in its
		 * sender's role -- and runs nothing, which a respondent, a
		 * contact or a stranger who wrote a #command is told. */
		if (r == KR_OK && officer)
			r = officer_mail(k, m, sender, case_id, now, cause);
		else if (r == KR_OK && role != ROLE_COMPLAINANT &&
		    (r = store_case_get(k->st, case_id, &cr, cause)) ==
		    KR_OK) {
			r = role_refuse_commands(k, m, &cr, role, now, &had,
			    cause);
			case_row_free(&cr);
		}
		/* A satisfaction answer bothers nobody (satisfy.h). */
		if (r == KR_OK && !officer && !satisfied)
			r = officer_notify(k, m, case_id, after ?
			    OFFICER_AFTER_DECISION : formal ?
			    OFFICER_FORMAL_REQUEST : OFFICER_REPLY, role, now,
			    cause);
	} else {
		res->action = IA_NEW_CASE;
		/* An officer's forward of a citizen's complaint is the
		 * citizen's case -- once proven to be the officer's. */
		if ((r = forward_intake_check(k, m, sender, now, &fw,
		    cause)) != KR_OK)
			goto fail;
		r = open_case(k, m, fw.proven ? &fw : NULL, dedupe, csha,
		    source, source_id, raw, len, now, &fl, res, cause);
		if (r == KR_OK && old_case != 0)
			r = link_cases(k, old_case, res, now, cause);
		if (r == KR_OK && fw.found) {
			r = forward_opened(k, m, sender, &fw, res->case_id,
			    now, cause);
			snprintf(res->reason, sizeof res->reason, "%s forward "
			    "of mail from %s", fw.proven ? "proven" :
			    "unproven", fw.fw.from_addr);
		}
		/* The officers of its category get it, even when the
		 * acknowledgement was suppressed -- up to the per-sender
		 * cap; beyond it one summary says a flood is going on. */
		if (r == KR_OK && fl.notify)
			r = officer_notify(k, fw.found ? &fw.nm : m,
			    res->case_id, OFFICER_NEW_CASE, ROLE_COMPLAINANT,
			    now, cause);
		else if (r == KR_OK)
			r = flood_hold_notice(k, res->case_id, &fl, now, cause);
	}
	if (r != KR_OK)
		goto fail;
	if (res->case_id != 0 && res->ref[0] == '\0' &&
	    store_case_get(k->st, res->case_id, &c, NULL) == KR_OK) {
		snprintf(res->ref, sizeof res->ref, "%s", c.ref);
		case_row_free(&c);
	}
	if ((r = note_limits(k, m, res->case_id, res->ref,
	    res->action == IA_NEW_CASE, now, cause)) != KR_OK)
		goto fail;
	if (cut_note != NULL && res->case_id != 0 &&
	    (r = store_event_add(k->st, res->case_id, now, "system", "note",
	    cut_note, cause)) != KR_OK)
		goto fail;
	fault_point("intake-before-commit");
	if ((r = store_commit(k->st, cause)) != KR_OK)
		goto out;
	/* In a batch the message is only released into it: the source
	 * passes this point for it after the batch's COMMIT. */
	if (!store_batched(k->st))
		fault_point("intake-after-commit");
	if (bdetail != NULL) {
		char *d = str_log_safe(bdetail, 300);

		log_warn("case=%s %s", res->ref, d);
		free(d);
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
	free(cut_note);
	forward_intake_free(&fw);
	flood_free(&fl);
	free(bdetail);
	free(dedupe);
	mail_free(m);
	return r;
}
