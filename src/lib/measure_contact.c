/*
 * measure_contact.c -- the reply of a measure owner who is no officer
 * (issue 15, measure_contact.h): authenticated like an officer's reply,
 * allowed exactly one command, #gereed for its own measure.
 */
#include "config.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "calendar.h"
#include "cmdparse.h"
#include "log.h"
#include "measure.h"
#include "measure_contact.h"
#include "officer.h"
#include "officer_exec.h"
#include "outmail.h"
#include "store_measure.h"
#include "token.h"

/* A token that spells a measure reference: "m-" and a year.  With the
 * case reference prefix "M" a case token looks the same, and the mail is
 * taken as a case's. */
static int
measure_token(const struct cfg *cfg, const char *tok)
{
	return strncmp(tok, "m-", 2) == 0 && isdigit((unsigned char)tok[2]) &&
	    strcmp(cfg->ref_prefix, "M") != 0;
}

int
measure_contact_addressed(const struct cfg *cfg, const struct mail *m)
{
	size_t	i;
	char	*tok;
	int	 yes = 0;

	for (i = 0; i < m->nrcpts && !yes; i++) {
		if ((tok = officer_rcpt_token(cfg, m->rcpts[i])) == NULL)
			continue;
		yes = measure_token(cfg, tok);
		free(tok);
	}
	return yes;
}

/* The body with "<ref>" put after a #gereed / #done that names no
 * measure, so "#gereed <text>" is the contact's own measure (caller
 * frees). */
static char *
with_ref(const char *body, const char *ref)
{
	struct buf	 b;
	const char	*p = body, *e, *w;
	size_t		 kw;

	buf_init(&b);
	while (p != NULL && *p != '\0') {
		e = strchr(p, '\n');
		e = e != NULL ? e + 1 : p + strlen(p);
		w = p;
		while (w < e && (*w == ' ' || *w == '\t'))
			w++;
		kw = 0;
		if (strncasecmp(w, "#gereed", 7) == 0)
			kw = 7;
		else if (strncasecmp(w, "#done", 5) == 0)
			kw = 5;
		if (kw > 0 && (w + kw == e || isspace((unsigned char)w[kw]))) {
			const char *a = w + kw;

			while (a < e && (*a == ' ' || *a == '\t'))
				a++;
			if (!((a[0] == 'm' || a[0] == 'M') && a[1] == '-')) {
				buf_add(&b, p, (size_t)(w + kw - p));
				buf_printf(&b, " %s", ref);
				p = w + kw;
			}
		}
		buf_add(&b, p, (size_t)(e - p));
		p = e;
	}
	return buf_detach(&b, NULL);
}

/* Queues the answer to contact ct about measure ref ("-": none known):
 * done or not, and the text.  It goes to ct's configured address only,
 * so it may carry a fresh reply address for the measure (an expired
 * token is answered with one that works). */
static enum kres
answer(struct klacht *k, const struct officer_key *key,
    const struct mail *m, const struct cfg_owner *ct, const char *ref,
    int done, const char *text, int64_t now, char **cause)
{
	struct outmail	 om;
	char		*reply = NULL;
	enum kres	 r;
	struct tmpl_var	 vars[] = {
		{ "measure_ref", ref },
		{ "measure_owner", ct->name },
		{ "answer", text },
		{ "done", done ? "1" : "" },
	};

	memset(&om, 0, sizeof om);
	om.kind = "measure-contact-answer";
	om.template = "measure-contact-answer";
	om.lang = k->cfg->language;
	om.to_addr = ct->email;
	om.to_name = ct->name;
	om.in_reply_to = m->message_id;
	om.auto_submitted = MAIL_AUTO_REPLIED;
	om.vars = vars;
	om.nvars = sizeof vars / sizeof vars[0];
	if (!done && strcmp(ref, "-") != 0)
		reply = officer_reply_address(k->cfg, key, ref, ct->id, now);
	om.reply_to = reply;
	r = outmail_queue(k, &om, now, NULL, cause);
	free(reply);
	return r;
}

/* Runs the commands of an authenticated reply from ct, whose token is
 * for measure ref: *done, and the text of the answer in *text (caller
 * frees). */
static enum kres
run(struct klacht *k, const struct mail *m, const struct cfg_owner *ct,
    const char *ref, int en, int64_t now, int *done, char **text,
    char **cause)
{
	struct cmd_list		 cl;
	struct measure_row	 mr;
	const struct cmd	*d = NULL;
	size_t			 i, ncases, told;
	char			*body, *day;
	enum kres		 r = KR_OK;

	*done = 0;
	*text = NULL;
	body = with_ref(m->body != NULL ? m->body : "", ref);
	cmd_parse(body, en ? "en" : "nl", &cl);
	free(body);
	for (i = 0; i < cl.n && *text == NULL; i++) {
		if (cl.v[i].kind != CMD_DONE)
			*text = xasprintf(en ? "Nothing was done: with the "
			    "address of measure %s you can only report that "
			    "measure done (\"#done <what was done>\"); a "
			    "command such as the one on line %zu is for the "
			    "complaints officers." : "Er is niets gedaan: met "
			    "het adres van maatregel %s kunt u alleen die "
			    "maatregel gereed melden (\"#gereed <wat er is "
			    "gedaan>\"); een opdracht zoals die op regel %zu "
			    "is voor de klachtenfunctionarissen.", ref,
			    cl.v[i].line);
		else if (strcasecmp(cl.v[i].arg, ref) != 0)
			*text = xasprintf(en ? "Nothing was done: this "
			    "address is for measure %s, not for %s." : "Er is "
			    "niets gedaan: dit adres is voor maatregel %s, "
			    "niet voor %s.", ref, cl.v[i].arg);
		else if (d == NULL)
			d = &cl.v[i];
	}
	if (*text == NULL && cl.nerrors > 0)
		*text = xasprintf(en ? "Nothing was done: %s" : "Er is niets "
		    "gedaan: %s", cl.errors[0]);
	if (*text == NULL && d == NULL)
		*text = xasprintf(en ? "Nothing was done: no \"#done <what "
		    "was done>\" was found at the top of your reply." : "Er "
		    "is niets gedaan: er stond geen \"#gereed <wat er is "
		    "gedaan>\" bovenaan uw antwoord.");
	if (*text != NULL)
		goto out;
	if ((r = store_measure_get(k->st, ref, &mr, cause)) != KR_OK)
		goto out;
	if (mr.id == 0 || strcmp(mr.owner, ct->id) != 0)
		*text = xasprintf(en ? "Nothing was done: measure %s is not "
		    "(or no longer) yours." : "Er is niets gedaan: maatregel "
		    "%s is niet (meer) van u.", ref);
	else if (strcmp(mr.status, "open") != 0) {
		day = cal_format_date(mr.done_at, k->cfg->language);
		*text = xasprintf(en ? "Measure %s was already done, on %s." :
		    "Maatregel %s was al gereed, op %s.", ref, day);
		free(day);
	} else if ((r = measure_done(k, &mr, d->text, ct->id, now, &ncases,
	    &told, cause)) == KR_OK) {
		*done = 1;
		*text = xasprintf(en ? "Thank you: measure %s is recorded as "
		    "done." : "Dank u: maatregel %s staat nu als gereed "
		    "geregistreerd.", ref);
	}
	measure_row_free(&mr);
out:
	cmd_list_free(&cl);
	return r;
}

enum kres
measure_contact_mail(struct klacht *k, const struct mail *m, int64_t now,
    char *reason, size_t len, char **cause)
{
	const struct officer_key *key;
	const struct cfg_owner	*ct = NULL, *from;
	struct cfg_officer	 fo;
	struct case_row		 fc;
	struct officer_auth	 a;
	char			*tok, *ref = NULL, *id = NULL, *why = NULL;
	char			*text = NULL, *from_s;
	size_t			 i;
	int			 expired, done = 0;
	const int		 en = k->cfg->lang == LANG_EN;
	enum kres		 r = KR_OK;

	if (klacht_key(k, &key, cause) == -1)
		return KR_TEMP;
	/* The first genuine measure token names the measure and owner. */
	for (i = 0; i < m->nrcpts && ref == NULL; i++) {
		if ((tok = officer_rcpt_token(k->cfg, m->rcpts[i])) == NULL)
			continue;
		if (measure_token(k->cfg, tok)) {
			free(why);
			why = NULL;
			token_parse(key->data, key->len, tok, &ref, &id, NULL,
			    &why);
		}
		free(tok);
	}
	from_s = str_log_safe(m->from_addr, 200);
	from = cfg_owner_by_email(k->cfg, m->from_addr);
	if (ref == NULL) {
		log_warn("measure reply from %s refused: %s", from_s,
		    why != NULL ? why : "no measure token");
		snprintf(reason, len, "measure reply refused: the token is "
		    "not genuine");
		/* Told only at the owner's own configured address. */
		if (from != NULL)
			r = answer(k, key, m, from, "-", 0, en ? "Nothing was done: "
			    "the address you wrote to is not one klachtd gave "
			    "you (the reply token is not genuine)." : "Er is "
			    "niets gedaan: het adres waaraan u schreef is niet "
			    "een dat klachtd u gaf (het antwoordnummer is niet "
			    "echt).", now, cause);
		goto out;
	}
	if ((ct = cfg_owner_by_id(k->cfg, id)) == NULL) {
		log_warn("measure=%s reply from %s refused: %s is not one of "
		    "measures.owners", ref, from_s, id);
		snprintf(reason, len, "measure %s reply refused: no such "
		    "owner", ref);
		goto out;
	}
	/* The same proofs an officer's reply needs, with the measure in
	 * the place of the case. */
	memset(&fo, 0, sizeof fo);
	fo.id = ct->id;
	fo.name = ct->name;
	fo.email = ct->email;
	memset(&fc, 0, sizeof fc);
	fc.ref = ref;
	if (!officer_mail_auth(k->cfg, key, m, &fo, &fc, now, &a, &expired)) {
		log_warn("measure=%s reply from %s for owner %s refused: %s",
		    ref, from_s, ct->id, a.reason);
		snprintf(reason, len, "measure %s reply refused: %s", ref,
		    a.reason);
		/* A stranger's From is never answered: the contact is told
		 * at the configured address, and only when it wrote. */
		if (m->from_addr != NULL &&
		    strcasecmp(m->from_addr, ct->email) == 0) {
			text = xasprintf(en ? "Nothing was done: your mail "
			    "could not be verified (%s)." : "Er is niets "
			    "gedaan: uw e-mail kon niet worden gecontroleerd "
			    "(%s).", a.reason);
			r = answer(k, key, m, ct, ref, 0, text, now, cause);
		}
		goto out;
	}
	if ((r = run(k, m, ct, ref, en, now, &done, &text, cause)) != KR_OK)
		goto out;
	if (done)
		log_info("measure=%s done by owner %s (reply)", ref, ct->id);
	else
		log_notice("measure=%s reply from owner %s ran nothing: %s",
		    ref, ct->id, text);
	snprintf(reason, len, "measure %s %s by owner %s", ref, done ? "done" :
	    "reply ran nothing", ct->id);
	r = answer(k, key, m, ct, ref, done, text, now, cause);
out:
	free(from_s);
	free(text);
	free(ref);
	free(id);
	free(why);
	return r;
}
