/*
 * officer_desk.c -- an officer's mail about no case: the desk.
 *
 * Commands such as #overzicht, #zoek or #nieuw concern no single case, so
 * no per-case reply token can prove them.  Mail to an officer that is not
 * about one case (overviews, digests, search results, these answers)
 * carries a personal token instead: the same HMAC, over the officer and
 * the reserved reference TOKEN_DESK_REF.  Intake hands an officer's mail
 * that it filed under no case to officer_desk_want(); desk mail then runs
 * here through the same authentication (officer_mail_auth, with a case
 * row that stands for "no case") and the same all-or-nothing runner as a
 * reply about a case (officer_exec_run).
 *
 * Mail from an officer's address with commands but without proof is not
 * run.  The officer is told at their configured address, with a fresh
 * personal reply address: answering that proves the mail was theirs, as a
 * mailing list confirms a subscription.  A forger gets nothing, and the
 * notices are capped by auto_replies_per_day.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "calendar.h"
#include "cmdparse.h"
#include "lang.h"
#include "log.h"
#include "officer.h"
#include "officer_exec.h"
#include "token.h"

/* 1 when a recipient at our domain carries a genuine personal token. */
static int
has_personal_token(const struct cfg *cfg, const struct officer_key *key,
    const struct mail *m)
{
	const char	*ours = strrchr(cfg->org_address, '@'), *at;
	char		*tok, *ref, *oid;
	size_t		 i;
	int		 found = 0;

	for (i = 0; i < m->nrcpts && !found; i++) {
		at = strrchr(m->rcpts[i], '@');
		if (ours == NULL || at == NULL || strcasecmp(at, ours) != 0)
			continue;
		if ((tok = token_from_address(m->rcpts[i],
		    cfg->org_address)) == NULL)
			continue;
		if (token_parse(key->data, key->len, tok, &ref, &oid, NULL,
		    NULL) == 0) {
			found = strcmp(ref, TOKEN_DESK_REF) == 0;
			free(ref);
			free(oid);
		}
		free(tok);
	}
	return found;
}

/* Whether the first line with text starts with '#'. */
static int
starts_with_command(const char *s, size_t len)
{
	size_t	i;

	for (i = 0; i < len && isspace((unsigned char)s[i]); i++)
		;
	return i < len && s[i] == '#';
}

enum kres
officer_desk_want(struct klacht *k, const struct mail *m,
    const struct cfg_officer *o, int *is_desk, char **cause)
{
	const struct officer_key	*key;
	struct cmd_list			 cl;
	char				*own;

	*is_desk = 0;
	if (o == NULL)
		return KR_OK;
	if (klacht_key(k, &key, cause) == -1)
		return KR_TEMP;
	if (has_personal_token(k->cfg, key, m)) {
		*is_desk = 1;
		return KR_OK;
	}
	/* Commands, or what was meant as one: a typo in "#overzicht" is
	 * answered with the error, not taken for the officer's own
	 * complaint. */
	own = xstrndup(m->body ? m->body : "", m->body_own_len);
	cmd_parse(own, k->cfg->language, &cl);
	*is_desk = cl.n > 0 || (cl.nerrors > 0 &&
	    starts_with_command(own, strlen(own)));
	cmd_list_free(&cl);
	free(own);
	return KR_OK;
}

/* No proof: log it; tell the officer, within the daily cap, with a
 * fresh personal address to answer. */
static enum kres
desk_refused(struct officer_exec *x, const struct officer_auth *a,
    char **cause)
{
	char		*why = str_log_safe(a->reason, 400);
	int		 sent = 0;
	enum kres	 r;

	log_notice("desk officer %s: commands refused: %s", x->o->id, why);
	free(why);
	if ((r = store_outbox_count(x->k->st, x->o->email, "desk-refused",
	    x->now - CAL_DAY, &sent, cause)) != KR_OK)
		return r;
	if (sent >= x->k->cfg->auto_reply_limit) {
		log_notice("desk officer %s: no desk-refused notice: %d sent "
		    "in 24h", x->o->id, sent);
		return KR_OK;
	}
	struct tmpl_var vars[] = {
		{ "reason", a->reason },
		{ "token_days", x->days },
	};
	return officer_queue(x->k, x->key, NULL, x->o, "desk-refused",
	    "desk-refused", NULL, NULL, vars, 2, x->now, cause);
}

enum kres
officer_desk_mail(struct klacht *k, const struct mail *m,
    const struct cfg_officer *o, int64_t now, char **cause)
{
	struct officer_auth	 auth;
	struct officer_exec	 x;
	struct cmd_list		 cl;
	struct buf		 errs;
	char			*own, days[16];
	size_t			 i;
	int			 expired;
	enum kres		 r;

	if (o == NULL)
		return KR_OK;
	memset(&x, 0, sizeof x);
	snprintf(days, sizeof days, "%d", k->cfg->auth_token_days);
	x.days = days;
	x.k = k;
	x.m = m;
	x.o = o;
	x.now = now;
	x.lang = k->cfg->language;
	x.en = k->cfg->lang == LANG_EN;
	if (klacht_key(k, &x.key, cause) == -1)
		return KR_TEMP;
	/* No case: id 0, and the reference a personal token names, so the
	 * token check of officer_authenticate compares against it. */
	x.c.ref = xstrdup(TOKEN_DESK_REF);
	buf_init(&x.changes);
	own = xstrndup(m->body ? m->body : "", m->body_own_len);
	cmd_parse(own, x.lang, &cl);
	free(own);

	if (!officer_mail_auth(k->cfg, x.key, m, o, &x.c, now, &auth,
	    &expired))
		r = desk_refused(&x, &auth, cause);
	else if (cl.nerrors > 0) {
		buf_init(&errs);
		for (i = 0; i < cl.nerrors; i++)
			buf_printf(&errs, "%s%s", i ? "\n" : "", cl.errors[i]);
		log_notice("desk officer %s: %zu error(s) in the commands: "
		    "nothing run", o->id, cl.nerrors);
		r = officer_answer_error(&x, errs.data, cause);
		buf_free(&errs);
	} else if (cl.n == 0) {
		log_info("desk officer %s: no commands", o->id);
		buf_printf(&x.changes, "- %s\n", x.en ? "your message has no "
		    "commands: nothing was done" : "uw bericht bevat geen "
		    "commando's: er is niets gedaan");
		r = officer_answer_confirm(&x, cause);
	} else {
		x.desk_dkim = auth.dkim;
		r = officer_exec_run(&x, &cl, cause);
	}
	cmd_list_free(&cl);
	buf_free(&x.changes);
	free(x.err);
	case_row_free(&x.c);
	return r;
}
