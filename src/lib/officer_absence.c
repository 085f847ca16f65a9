/*
 * officer_absence.c -- #afwezig / #away and #terug / #back (see
 * officer_absence.h).  They change the officer's own state only
 * (store_absence.c), so they read nothing of x->c: a reply about any case
 * will do, and so will mail about none.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "absence.h"
#include "calendar.h"
#include "log.h"
#include "officer_absence.h"


static char *
officer_ids(const struct cfg *cfg, const struct cfg_officer *except)
{
	struct buf	b;
	size_t		i;

	buf_init(&b);
	for (i = 0; i < cfg->nofficers; i++)
		if (&cfg->officers[i] != except)
			buf_printf(&b, "%s%s", b.len ? ", " : "",
			    cfg->officers[i].id);
	if (b.len == 0)
		buf_adds(&b, "-");
	return buf_detach(&b, NULL);
}

enum kres
officer_do_away(struct officer_exec *x, const struct cmd *cmd, char **cause)
{
	const struct cfg		*cfg = x->k->cfg;
	const struct cfg_officer	*sub = NULL;
	struct absence			 a, sa;
	struct cal_ymd			 ymd;
	int64_t				 day, today = cal_local_day(x->now);
	size_t				 told = 0;
	char				*ids, *until;
	enum kres			 r;

	if (cal_parse_day(cmd->arg, &ymd, NULL) == -1)
		return officer_exec_fail(x, x->en ? "\"%s\" is no date" :
		    "\"%s\" is geen datum", cmd->arg);
	day = cal_days_from_civil(ymd.y, ymd.m, ymd.d);
	if (day < today)
		return officer_exec_fail(x, x->en ? "%s is in the past: give the last day "
		    "you will be away" : "%s ligt in het verleden: geef de "
		    "laatste dag dat u afwezig bent", cmd->arg);
	if (day > today + ABSENCE_MAX_DAYS)
		return officer_exec_fail(x, x->en ? "%s is more than a year ahead" :
		    "%s ligt meer dan een jaar vooruit", cmd->arg);
	if (*cmd->text != '\0') {
		if ((sub = cfg_officer_by_id(cfg, cmd->text)) == NULL) {
			ids = officer_ids(cfg, x->o);
			r = officer_exec_fail(x, x->en ? "there is no officer \"%s\" to "
			    "stand in for you (officers: %s)" : "er is geen "
			    "functionaris \"%s\" die u kan vervangen "
			    "(functionarissen: %s)", cmd->text, ids);
			free(ids);
			return r;
		}
		if (sub == x->o)
			return officer_exec_fail(x, x->en ? "you cannot be your own "
			    "substitute" : "u kunt niet uw eigen vervanger "
			    "zijn");
	}
	if ((r = store_absence_set(x->k->st, x->o->id, cmd->arg,
	    sub ? sub->id : NULL, NULL, x->o->id, x->now, cause)) != KR_OK ||
	    (r = absence_of(x->k, x->o, x->now, &a, cause)) != KR_OK)
		return r;
	until = absence_until_words(&a, x->lang);
	if (sub != NULL)
		officer_exec_change(x, x->en ? "you are away until %s inclusive; meanwhile "
		    "the mail about your cases goes to %s (%s)" : "u bent "
		    "afwezig tot en met %s; zolang gaat de mail over uw "
		    "klachten naar %s (%s)", until, sub->name, sub->id);
	else
		officer_exec_change(x, x->en ? "you are away until %s inclusive; meanwhile "
		    "the mail about your cases goes to the other officers of "
		    "their category" : "u bent afwezig tot en met %s; zolang "
		    "gaat de mail over uw klachten naar de andere "
		    "functionarissen van hun categorie", until);
	free(until);
	if (sub != NULL) {
		if ((r = absence_of(x->k, sub, x->now, &sa, cause)) != KR_OK)
			return r;
		if (sa.away) {
			until = absence_until_words(&sa, x->lang);
			officer_exec_change(x, x->en ? "note: %s is away too, until %s; "
			    "while both of you are, the other officers of the "
			    "category get your mail" : "let op: %s is ook "
			    "afwezig, tot en met %s; zolang u allebei weg bent, "
			    "krijgen de andere functionarissen van de "
			    "categorie uw mail", sub->id, until);
			free(until);
		}
	}
	if ((r = absence_tell_coordinator(x->k, x->o, &a, x->now, &told,
	    cause)) != KR_OK)
		return r;
	if (told > 0)
		officer_exec_change(x, x->en ? "the coordinator was told" :
		    "de coördinator heeft bericht gekregen");
	log_info("officer %s away until %s, substitute %s (by command)",
	    x->o->id, a.until, sub ? sub->id : "-");
	return KR_OK;
}

enum kres
officer_do_back(struct officer_exec *x, const struct cmd *cmd, char **cause)
{
	struct absence	a;
	enum kres	r;

	(void)cmd;
	if ((r = absence_of(x->k, x->o, x->now, &a, cause)) != KR_OK)
		return r;
	if (!a.away) {
		officer_exec_change(x, x->en ? "you were not away: nothing changed" :
		    "u was niet afwezig: er is niets veranderd");
		return KR_OK;
	}
	/* The configured absence in force ends too: recorded, so that it
	 * no longer counts (absence_of). */
	if ((r = store_absence_set(x->k->st, x->o->id, NULL, NULL,
	    x->o->absent, x->o->id, x->now, cause)) != KR_OK)
		return r;
	officer_exec_change(x, x->en ? "welcome back: the mail about your cases comes to "
	    "you again" : "welkom terug: de mail over uw klachten komt weer "
	    "bij u");
	log_info("officer %s back (was away until %s by %s)", x->o->id,
	    a.until, a.by_command ? "command" : "config");
	return KR_OK;
}
