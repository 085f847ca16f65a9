/*
 * officer_answer.c -- what an officer's mail is, and the answers it gets.
 *
 * Before any command runs, officer_mail_auth() decides whether the mail
 * may run commands at all (officer_authenticate, then the age of the
 * reply token), and officer_mail_kind() uses the same decision to say
 * what intake stores the mail as.  After the commands, officer_exec.c
 * answers through here: the confirmation, the error naming the line, or
 * the notice that the mail was refused -- each within the rate limits
 * (limits.officer_replies_per_hour for answers about a case,
 * auto_replies_per_day for refusals), so an auto-responder cannot loop
 * with us.  Everything runs inside intake's transaction.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "cmdtable.h"
#include "log.h"
#include "officer.h"
#include "officer_exec.h"

/*
 * Whether the officer may be answered about this case now: at most
 * limits.officer_replies_per_hour confirmations and errors per officer
 * and case an hour (issue 18 F9).  An out-of-office that answers our
 * token Reply-To without RFC 3834 headers would otherwise loop with us
 * for ever.  The commands still run; only the answer is left out, with an
 * event and a log line saying so.
 */
static enum kres
may_answer(struct officer_exec *x, int *ok, char **cause)
{
	int		sent = 0;
	char		*detail;
	enum kres	r;

	*ok = 1;
	if (x->c.id == 0) {
		/* Desk mail: the same limit over the desk answers. */
		int n = 0;

		if ((r = store_outbox_count(x->k->st, x->o->email,
		    "desk-confirm", x->now - 3600, &sent, cause)) != KR_OK ||
		    (r = store_outbox_count(x->k->st, x->o->email,
		    "desk-error", x->now - 3600, &n, cause)) != KR_OK)
			return r;
		sent += n;
		if (sent < x->k->cfg->officer_reply_limit)
			return KR_OK;
		*ok = 0;
		log_notice("officer %s: no answer to desk mail: %d sent in "
		    "the last hour", x->o->id, sent);
		return KR_OK;
	}
	if ((r = store_outbox_count_answers(x->k->st, x->c.id, x->o->email,
	    x->now - 3600, &sent, cause)) != KR_OK)
		return r;
	if (sent < x->k->cfg->officer_reply_limit)
		return KR_OK;
	*ok = 0;
	detail = xasprintf("no answer to officer %s: %d sent about this case "
	    "in the last hour (limits.officer_replies_per_hour)", x->o->id,
	    sent);
	r = store_event_add(x->k->st, x->c.id, x->now, "system",
	    "answer-suppressed", detail, cause);
	free(detail);
	log_notice("case=%s officer %s: no answer: %d sent in the last hour",
	    x->c.ref, x->o->id, sent);
	return r;
}

enum kres
officer_answer_confirm(struct officer_exec *x, char **cause)
{
	struct tmpl_var vars[] = {
		{ "changes", x->changes.len ? x->changes.data : x->en ?
		    "- nothing changed\n" : "- er is niets gewijzigd\n" },
		{ "help", x->help ? cmd_help_text(x->lang) : "" },
	};
	enum kres	r;
	int		ok;

	if ((r = may_answer(x, &ok, cause)) != KR_OK || !ok)
		return r;
	if (x->c.id == 0)
		return officer_queue(x->k, x->key, NULL, x->o, "desk-confirm",
		    "desk-confirm", x->m->message_id, x->m->refs_raw, vars, 2,
		    x->now, cause);
	return officer_queue(x->k, x->key, &x->c, x->o, "confirm", "confirm",
	    x->m->message_id, x->m->refs_raw, vars, 2, x->now, cause);
}

enum kres
officer_answer_error(struct officer_exec *x, const char *errors, char **cause)
{
	struct tmpl_var vars[] = {
		{ "errors", errors },
		{ "help", cmd_help_text(x->lang) },
	};
	enum kres	r;
	int		ok;

	if ((r = may_answer(x, &ok, cause)) != KR_OK || !ok)
		return r;
	if (x->c.id == 0)
		return officer_queue(x->k, x->key, NULL, x->o, "desk-error",
		    "desk-error", x->m->message_id, x->m->refs_raw, vars, 2,
		    x->now, cause);
	return officer_queue(x->k, x->key, &x->c, x->o, "cmd-error",
	    "cmd-error", x->m->message_id, x->m->refs_raw, vars, 2, x->now,
	    cause);
}

enum kres
officer_answer_refused(struct officer_exec *x, const struct officer_auth *a,
    int had_commands, int expired, char **cause)
{
	char		*detail, *why = str_log_safe(a->reason, 400);
	int		 sent = 0;
	enum kres	 r;

	detail = xasprintf("%s: %s", had_commands ? "commands refused" :
	    "message not authenticated", a->reason);
	r = store_event_add(x->k->st, x->c.id, x->now, "system",
	    had_commands ? "commands-refused" : "unauthenticated", detail,
	    cause);
	free(detail);
	log_notice("case=%s officer %s: %s: %s", x->c.ref, x->o->id,
	    had_commands ? "commands refused" : "message not authenticated",
	    why);
	free(why);
	if (r != KR_OK || (!had_commands && !expired))
		return r;
	if ((r = store_outbox_count(x->k->st, x->o->email, expired ?
	    "token-expired" : "refused", x->now - CAL_DAY, &sent, cause)) !=
	    KR_OK)
		return r;
	if (sent >= x->k->cfg->auto_reply_limit) {
		log_notice("case=%s officer %s: no %s notice: %d sent in 24h",
		    x->c.ref, x->o->id, expired ? "token-expired" : "refused",
		    sent);
		return KR_OK;
	}
	struct tmpl_var vars[] = {
		{ "reason", a->reason },
		{ "token_days", x->days },
	};
	/* A token that was genuine but is too old: the notice goes, as
	 * every notification does, to the configured address only, with a
	 * fresh reply address to use instead.  Otherwise no reply token:
	 * a mail nobody could verify does not hand one out, even to the
	 * configured address. */
	if (expired)
		return officer_queue(x->k, x->key, &x->c, x->o,
		    "token-expired", "token-expired", NULL, NULL, vars, 2,
		    x->now, cause);
	return officer_queue(x->k, NULL, &x->c, x->o, "refused", "refused",
	    NULL, NULL, vars, 1, x->now, cause);
}

int
officer_mail_auth(const struct cfg *cfg, const struct officer_key *key,
    const struct mail *m, const struct cfg_officer *o,
    const struct case_row *c, int64_t now, struct officer_auth *a,
    int *expired)
{
	int64_t	today = now / CAL_DAY;
	char	*issued;

	*expired = 0;
	if (!officer_authenticate(cfg, key, m, o, c, a))
		return 0;
	if (a->token != 1 || (a->dkim == 1 &&
	    cfg->auth_require != CFG_AUTH_TOKEN_AND_DKIM))
		return 1;
	if (a->token_day >= 0 && today - a->token_day <= cfg->auth_token_days)
		return 1;
	*expired = 1;
	a->ok = 0;
	if (a->token_day < 0)
		snprintf(a->reason, sizeof a->reason, "the reply token has "
		    "expired (it is from before reply tokens carried their "
		    "date; they are valid for %d days)", cfg->auth_token_days);
	else {
		issued = cal_format_iso_date(a->token_day * CAL_DAY);
		snprintf(a->reason, sizeof a->reason, "the reply token has "
		    "expired (issued %s; valid for %d days)", issued,
		    cfg->auth_token_days);
		free(issued);
	}
	return 0;
}

enum kres
officer_mail_kind(struct klacht *k, const struct mail *m,
    const struct cfg_officer *o, int64_t case_id, int64_t now,
    const char **kind, char **cause)
{
	struct officer_auth		 auth;
	const struct officer_key	*key;
	struct case_row			 c;
	int				 expired;
	enum kres			 r;

	*kind = "reply";
	if (o == NULL)
		return KR_OK;
	if ((r = store_case_get(k->st, case_id, &c, cause)) != KR_OK)
		return r;
	if (klacht_key(k, &key, cause) == -1) {
		case_row_free(&c);
		return KR_TEMP;
	}
	*kind = officer_mail_auth(k->cfg, key, m, o, &c, now, &auth,
	    &expired) ?
	    "officer" : "unauthenticated";
	case_row_free(&c);
	return KR_OK;
}
