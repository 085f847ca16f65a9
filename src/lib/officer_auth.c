/*
 * officer_auth.c -- may this officer's mail run commands on this case?
 *
 * A From header proves nothing, so a second proof is required (DESIGN
 * "Authentication"): a reply token that only mail we sent to this officer
 * about this case carries, and/or our own MX's word that the mail passed
 * DKIM or DMARC for the officer's domain.  This file decides and says
 * why; it reads nothing but its arguments, so every branch is testable
 * without a database or a network.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "authres.h"
#include "officer.h"
#include "token.h"

/* Appends a reason ("; " between two). */
static void reason_add(struct officer_auth *, const char *, ...)
    __attribute__((format(printf, 2, 3)));

static void
reason_add(struct officer_auth *a, const char *fmt, ...)
{
	va_list	ap;
	size_t	len = strlen(a->reason);

	if (len > 0 && len + 2 < sizeof a->reason) {
		memcpy(a->reason + len, "; ", 3);
		len += 2;
	}
	va_start(ap, fmt);
	vsnprintf(a->reason + len, sizeof a->reason - len, fmt, ap);
	va_end(ap);
}

/* 1 when a recipient carries a genuine token for (o, c) -- c NULL: for
 * o and any case, or o's personal token; else 0 with the reason of the
 * first token that did not fit, or that there was none. */
static int
check_token(const struct cfg *cfg, const struct officer_key *key,
    const struct mail *m, const struct cfg_officer *o,
    const struct case_row *c, struct officer_auth *a)
{
	const char	*ours = strrchr(cfg->org_address, '@'), *at;
	char		 why[200];
	char		*tok, *ref, *oid, *cause;
	int64_t		 day;
	size_t		 i;
	int		 found = 0;

	why[0] = '\0';
	for (i = 0; i < m->nrcpts; i++) {
		at = strrchr(m->rcpts[i], '@');
		if (ours == NULL || at == NULL || strcasecmp(at, ours) != 0)
			continue;
		if ((tok = token_from_address(m->rcpts[i],
		    cfg->org_address)) == NULL)
			continue;
		found++;
		ref = oid = cause = NULL;
		if (key == NULL || key->data == NULL ||
		    token_parse(key->data, key->len, tok, &ref, &oid, &day,
		    &cause) == -1) {
			if (why[0] == '\0')
				snprintf(why, sizeof why, "the reply token is "
				    "not genuine (%s)", cause ? cause :
				    "no key");
		} else if (strcmp(oid, o->id) != 0) {
			if (why[0] == '\0')
				snprintf(why, sizeof why, "the reply token "
				    "belongs to officer %s, the mail is from "
				    "officer %s", oid, o->id);
		} else if (c != NULL && strcasecmp(ref, c->ref) != 0) {
			if (why[0] == '\0' &&
			    strcmp(ref, TOKEN_DESK_REF) == 0)
				snprintf(why, sizeof why, "a personal reply "
				    "token proves no commands on a case "
				    "(reply to klachtd's mail about %s)",
				    c->ref);
			else if (why[0] == '\0')
				snprintf(why, sizeof why, "the reply token is "
				    "for case %s, the mail is about %s", ref,
				    c->ref);
		} else {
			a->token_day = day;
			free(tok);
			free(ref);
			free(oid);
			free(cause);
			return 1;
		}
		free(tok);
		free(ref);
		free(oid);
		free(cause);
	}
	if (!found)
		reason_add(a, "no reply token in the recipient address (the "
		    "mail was not a reply to klachtd's notification)");
	else
		reason_add(a, "%s", why);
	return 0;
}

/* 1 when our MX vouches (DKIM or DMARC) for the officer's domain. */
static int
check_dkim(const struct cfg *cfg, const struct mail *m,
    const struct cfg_officer *o, struct officer_auth *a)
{
	const char	*at = strrchr(o->email, '@');
	const char	*fat = m->from_addr ? strrchr(m->from_addr, '@') : NULL;

	if (cfg->auth_serv_id == NULL || *cfg->auth_serv_id == '\0') {
		reason_add(a, "auth.authserv_id is not set");
		return 0;
	}
	if (at == NULL || fat == NULL || strcasecmp(at, fat) != 0) {
		reason_add(a, "the From domain is not the officer's");
		return 0;
	}
	switch (authres_trusted(m->trace, m->ntrace, cfg->auth_serv_id,
	    at + 1)) {
	case AUTHRES_PASS:
		return 1;
	case AUTHRES_FAIL:
		reason_add(a, "the Authentication-Results of %s say dkim or "
		    "dmarc failed for %s", cfg->auth_serv_id, at + 1);
		return 0;
	case AUTHRES_NONE:
		break;
	}
	reason_add(a, "no Authentication-Results from %s above its own "
	    "Received line with dkim=pass or dmarc=pass for %s",
	    cfg->auth_serv_id, at + 1);
	return 0;
}

int
officer_authenticate(const struct cfg *cfg, const struct officer_key *key,
    const struct mail *m, const struct cfg_officer *o,
    const struct case_row *c, struct officer_auth *a)
{
	enum cfg_auth	 req = cfg->auth_require;
	int		 want_token, want_dkim, both;

	memset(a, 0, sizeof *a);
	a->token = a->dkim = -1;
	a->token_day = -1;
	if (o == NULL || m->from_addr == NULL ||
	    strcasecmp(m->from_addr, o->email) != 0) {
		reason_add(a, "the sender is not a configured officer");
		return 0;
	}
	want_token = req != CFG_AUTH_DKIM;
	want_dkim = req != CFG_AUTH_TOKEN;
	both = req == CFG_AUTH_TOKEN_AND_DKIM;
	if (want_token)
		a->token = check_token(cfg, key, m, o, c, a);
	if (want_dkim)
		a->dkim = check_dkim(cfg, m, o, a);
	if (want_token && want_dkim)
		a->ok = both ? a->token == 1 && a->dkim == 1 :
		    a->token == 1 || a->dkim == 1;
	else
		a->ok = want_token ? a->token == 1 : a->dkim == 1;
	if (a->ok && c != NULL && officer_case_confidential(cfg, c) &&
	    !officer_serves(o, c->category)) {
		a->ok = 0;
		a->reason[0] = '\0';
		reason_add(a, "the case is confidential (category %s) and "
		    "officer %s is not named for it", c->category, o->id);
	}
	if (a->ok)
		a->reason[0] = '\0';
	return a->ok;
}
