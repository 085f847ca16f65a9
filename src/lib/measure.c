/*
 * measure.c -- the mail around improvement measures: to the owner, and
 * the reminders and escalations of the scan (measure.h).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "absence.h"
#include "calendar.h"
#include "casestate.h"
#include "lang.h"
#include "letters.h"
#include "log.h"
#include "measure.h"
#include "outmail.h"

enum kres
measure_mail_owner(struct klacht *k, const struct officer_key *key,
    const struct measure_row *m, const struct cfg_officer *o, int64_t case_id,
    const char *tmpl, int64_t now, char **cause)
{
	struct case_row	 c;
	char		*due;
	enum kres	 r;

	if ((r = store_case_get(k->st, case_id, &c, cause)) != KR_OK)
		return r;
	due = cal_format_date(m->due_at, k->cfg->language);
	struct tmpl_var vars[] = {
		{ "measure_ref", m->ref },
		{ "measure_text", m->text },
		{ "measure_due", due },
		{ "measure_owner", o->name },
	};
	r = officer_queue(k, key, &c, o, tmpl, tmpl, NULL, NULL, vars,
	    sizeof vars / sizeof vars[0], now, cause);
	free(due);
	case_row_free(&c);
	return r;
}

enum kres
measure_mail_contact(struct klacht *k, const struct officer_key *key,
    const struct measure_row *m, const struct cfg_owner *ct,
    const char *tmpl, int64_t now, char **cause)
{
	struct outmail	 om;
	char		*due, *reply;
	enum kres	 r;

	/* The token binds the measure and this contact (token.h): a reply
	 * to it may close this measure and nothing else
	 * (measure_contact.c). */
	if ((reply = officer_reply_address(k->cfg, key, m->ref, ct->id,
	    now)) == NULL) {
		set_cause(cause, "no reply address for measure %s and owner "
		    "%s (organisation.address or the token key)", m->ref,
		    ct->id);
		return KR_PERM;
	}
	due = cal_format_date(m->due_at, k->cfg->language);
	struct tmpl_var vars[] = {
		{ "measure_ref", m->ref },
		{ "measure_text", m->text },
		{ "measure_due", due },
		{ "measure_owner", ct->name },
	};

	memset(&om, 0, sizeof om);
	om.kind = tmpl;
	om.template = tmpl;
	om.lang = k->cfg->language;
	om.to_addr = ct->email;
	om.to_name = ct->name;
	om.reply_to = reply;
	om.auto_submitted = MAIL_AUTO_GENERATED;
	om.vars = vars;
	om.nvars = sizeof vars / sizeof vars[0];
	r = outmail_queue(k, &om, now, NULL, cause);
	free(due);
	free(reply);
	return r;
}

/* The escalation of late measure m: to the coordinator, else its
 * owner o or contact ct (both NULL: an owner no longer configured). */
static enum kres
escalate_one(struct klacht *k, const struct officer_key *key,
    const struct measure_row *m, const struct cfg_officer *o,
    const struct cfg_owner *owner, int64_t now, int *mails, char **cause)
{
	const struct cfg_contact *ct;
	struct outmail		 om;
	size_t			 i, n;
	char			*due, *days;
	enum kres		 r = KR_OK;

	/* Who hears of a late measure: the coordinator (absence.h). */
	if ((ct = absence_coordinator(k->cfg, &n)) == NULL) {
		if (o == NULL && owner != NULL) {
			if ((r = measure_mail_contact(k, key, m, owner,
			    "measure-late", now, cause)) == KR_OK)
				(*mails)++;
			return r;
		}
		if (o == NULL || m->first_case == 0) {
			log_warn("measure=%s is late; nobody to tell",
			    m->ref);
			return KR_OK;
		}
		if ((r = measure_mail_owner(k, key, m, o, m->first_case,
		    "measure-late", now, cause)) == KR_OK)
			(*mails)++;
		return r;
	}
	due = cal_format_date(m->due_at, k->cfg->language);
	days = xasprintf("%lld", (long long)((now - m->due_at) / CAL_DAY));
	for (i = 0; i < n && r == KR_OK; i++) {
		struct tmpl_var vars[] = {
			{ "contact_name", ct[i].name },
			{ "measure_ref", m->ref },
			{ "measure_text", m->text },
			{ "measure_due", due },
			{ "measure_owner", o != NULL ? o->name :
			    owner != NULL ? owner->name : m->owner },
			{ "overdue_days", days },
		};

		memset(&om, 0, sizeof om);
		om.kind = "measure-late";
		om.template = "measure-late";
		om.lang = k->cfg->language;
		om.to_addr = ct[i].email;
		om.to_name = ct[i].name;
		om.auto_submitted = MAIL_AUTO_GENERATED;
		om.vars = vars;
		om.nvars = sizeof vars / sizeof vars[0];
		if ((r = outmail_queue(k, &om, now, NULL, cause)) == KR_OK)
			(*mails)++;
	}
	free(due);
	free(days);
	return r;
}

/* Records on every case of m what the scan did (the cases' history). */
static enum kres
record(struct klacht *k, const struct measure_row *m, const char *what,
    int64_t now, char **cause)
{
	int64_t		*ids;
	size_t		 n, i;
	char		*detail;
	enum kres	 r;

	if ((r = store_measure_cases(k->st, m->id, &ids, &n, cause)) != KR_OK)
		return r;
	detail = xasprintf("%s %s", m->ref, what);
	for (i = 0; i < n && r == KR_OK; i++)
		r = store_event_add(k->st, ids[i], now, "system", "measure",
		    detail, cause);
	free(detail);
	free(ids);
	return r;
}

enum kres
measure_scan(struct klacht *k, int64_t now, int *mails, char **cause)
{
	const struct officer_key *key = NULL;
	const struct cfg_officer *o;
	const struct cfg_owner	*ct;
	struct measure_row	*v;
	size_t			 n, i;
	int			 fresh;
	enum kres		 r;

	*mails = 0;
	if ((r = store_measure_open(k->st, &v, &n, cause)) != KR_OK)
		return r;
	if (n > 0 && klacht_key(k, &key, cause) == -1)
		r = KR_TEMP;
	for (i = 0; i < n && r == KR_OK; i++) {
		const struct measure_row *m = &v[i];

		o = cfg_officer_by_id(k->cfg, m->owner);
		/* Officer ids win (cfg_owners.c refuses a clash). */
		ct = o == NULL ? cfg_owner_by_id(k->cfg, m->owner) : NULL;
		/* Late from the day after the due day. */
		if (now >= cal_add_days(m->due_at, 1)) {
			if (m->escalated_at != 0)
				continue;
			if ((r = store_measure_claim(k->st, m->id, "escalated",
			    now, &fresh, cause)) != KR_OK || !fresh)
				continue;
			if ((r = escalate_one(k, key, m, o, ct, now, mails,
			    cause)) == KR_OK)
				r = record(k, m, "late: escalated", now,
				    cause);
			log_info("measure=%s late: escalated", m->ref);
			continue;
		}
		if (m->reminded_at != 0 || now < m->due_at -
		    k->cfg->measure_remind_before ||
		    (ct == NULL && (o == NULL || m->first_case == 0)))
			continue;
		if ((r = store_measure_claim(k->st, m->id, "reminded", now,
		    &fresh, cause)) != KR_OK || !fresh)
			continue;
		if (ct != NULL)
			r = measure_mail_contact(k, key, m, ct,
			    "measure-contact-reminder", now, cause);
		else
			r = measure_mail_owner(k, key, m, o, m->first_case,
			    "measure-reminder", now, cause);
		if (r == KR_OK) {
			(*mails)++;
			r = record(k, m, "reminder sent to the owner", now,
			    cause);
		}
		log_info("measure=%s reminder to %s", m->ref, m->owner);
	}
	for (i = 0; i < n; i++)
		measure_row_free(&v[i]);
	free(v);
	return r;
}

/* The complainant of each case in ids still on record gets the letter
 * measure-done; *n how many. */
static enum kres
tell_complainants(struct klacht *k, const struct measure_row *m,
    const char *text, const int64_t *ids, size_t nids, int64_t now,
    size_t *n, char **cause)
{
	struct case_row	 c;
	size_t		 i;
	enum kres	 r = KR_OK;

	*n = 0;
	for (i = 0; i < nids && r == KR_OK; i++) {
		if ((r = store_case_get(k->st, ids[i], &c, cause)) != KR_OK)
			break;
		/* Merged and void cases have no complainant of their own
		 * to write to any more. */
		if (!case_state_administrative(case_state_parse(c.status))) {
			struct tmpl_var vars[] = {
				{ "measure_ref", m->ref },
				{ "done_text", text },
			};

			r = letter_to_complainant(k, &c, "measure-done",
			    "measure-done", vars, sizeof vars / sizeof vars[0],
			    now, cause);
			if (r == KR_OK)
				(*n)++;
		}
		case_row_free(&c);
	}
	return r;
}

enum kres
measure_done(struct klacht *k, const struct measure_row *m,
    const char *text, const char *by, int64_t now, size_t *ncases,
    size_t *told, char **cause)
{
	int64_t		*ids = NULL;
	size_t		 i;
	char		*detail;
	enum kres	 r;

	*ncases = *told = 0;
	if ((r = store_measure_done(k->st, m->id, text, by, now, cause)) !=
	    KR_OK)
		return r;
	if ((r = store_measure_cases(k->st, m->id, &ids, ncases, cause)) !=
	    KR_OK)
		return r;
	detail = xasprintf("%s done: %s", m->ref, text);
	for (i = 0; i < *ncases && r == KR_OK; i++)
		r = store_event_add(k->st, ids[i], now, by, "measure", detail,
		    cause);
	if (r == KR_OK && k->cfg->measure_tell)
		r = tell_complainants(k, m, text, ids, *ncases, now, told,
		    cause);
	free(detail);
	free(ids);
	if (r == KR_OK)
		log_info("measure=%s done by %s", m->ref, by);
	return r;
}
