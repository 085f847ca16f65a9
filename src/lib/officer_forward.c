/*
 * officer_forward.c -- a citizen's complaint an officer forwards to the
 * klachten address (issue 14; forward.h).
 *
 * A forward names someone else as the writer, and the case it opens
 * mails that someone.  So it counts only when the mail is proven to be
 * the officer's, by the same proof as commands: otherwise anyone could
 * make klachtd write to any address by forging an officer's From.  An
 * unproven forward stays what it was before: the sender's own mail, a
 * case in the sender's name, nobody else written to; the officers'
 * notification says what it looks like and why it was not taken as such.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "calendar.h"
#include "case.h"
#include "forward.h"
#include "lang.h"
#include "log.h"
#include "officer.h"
#include "util.h"

enum kres
forward_intake_check(struct klacht *k, const struct mail *m,
    const struct cfg_officer *o, int64_t now, struct forward_intake *fi,
    char **cause)
{
	const struct officer_key	*key;
	struct officer_auth		 a;
	const struct forward		*f = &fi->fw;
	const int			 en = k->cfg->lang == LANG_EN;
	char				*date = NULL, *who;

	memset(fi, 0, sizeof *fi);
	if (o == NULL || m->from_addr == NULL ||
	    !forward_find(m->body, m->body_own_len, m->subject, &fi->fw))
		return KR_OK;
	/* An officer passing on their own, our own or a colleague's mail
	 * forwards no complaint of a citizen. */
	if (strcasecmp(f->from_addr, m->from_addr) == 0 ||
	    strcasecmp(f->from_addr, k->cfg->org_address) == 0 ||
	    cfg_officer_by_email(k->cfg, f->from_addr) != NULL) {
		forward_free(&fi->fw);
		return KR_OK;
	}
	if (klacht_key(k, &key, cause) == -1) {
		forward_free(&fi->fw);
		return KR_TEMP;
	}
	fi->found = 1;
	fi->proven = officer_authenticate(k->cfg, key, m, o, NULL, &a);
	if (!fi->proven)
		snprintf(fi->why, sizeof fi->why, "%s", a.reason);
	else
		fi->received = forward_receipt(f, now, &fi->receipt_why);
	who = f->from_name ? xasprintf("%s <%s>", f->from_name, f->from_addr) :
	    xasprintf("<%s>", f->from_addr);
	if (fi->proven) {
		date = cal_format_date(fi->received, k->cfg->language);
		fi->notice = xasprintf(en ? "[Forwarded by %s: the complaint "
		    "of %s, received on %s.]\n\n%s" : "[Doorgestuurd door %s: "
		    "de klacht van %s, ontvangen op %s.]\n\n%s", o->name, who,
		    date, m->body ? m->body : "");
	} else
		fi->notice = xasprintf(en ? "[This looks like a forward of a "
		    "message from %s, but it was not proven to come from %s "
		    "(%s). It is kept as %s's own mail; %s was not written "
		    "to.]\n\n%s" : "[Dit lijkt een doorgestuurd bericht van %s, "
		    "maar het is niet bewezen dat het van %s komt (%s). Het "
		    "staat op naam van %s; %s is niets gestuurd.]\n\n%s", who,
		    o->name, fi->why, m->from_addr, f->from_addr,
		    m->body ? m->body : "");
	fi->nm = *m;
	fi->nm.body = fi->notice;
	if (fi->proven) {
		fi->nm.from_addr = f->from_addr;
		fi->nm.from_name = f->from_name;
		fi->nm.subject = f->subject ? f->subject : m->subject;
	}
	free(date);
	free(who);
	return KR_OK;
}

void
forward_intake_free(struct forward_intake *fi)
{
	forward_free(&fi->fw);
	free(fi->notice);
	memset(fi, 0, sizeof *fi);
}

enum kres
forward_opened(struct klacht *k, const struct mail *m,
    const struct cfg_officer *o, const struct forward_intake *fi,
    int64_t case_id, int64_t now, char **cause)
{
	const struct officer_key	*key;
	const struct forward		*f = &fi->fw;
	const int			 en = k->cfg->lang == LANG_EN;
	struct case_row			 c;
	char				*detail, *date, *iso, *changes;
	enum kres			 r;

	if (!fi->found)
		return KR_OK;
	if (!fi->proven) {
		detail = xasprintf("looks like a forward (%s) of a message "
		    "from %s, but it was not proven to come from officer %s: "
		    "%s; the case is the sender's", f->format, f->from_addr,
		    o->id, fi->why);
		r = store_event_add(k->st, case_id, now, "system",
		    "forward-unproven", detail, cause);
		free(detail);
		return r;
	}
	iso = cal_format_iso(fi->received);
	detail = xasprintf("forwarded (%s) by officer %s; complainant %s%s%s%s; "
	    "received %s (%s%s)", f->format, o->id, f->from_name ?
	    f->from_name : "", f->from_name ? " <" : "", f->from_addr,
	    f->from_name ? ">" : "", iso, fi->receipt_why ? fi->receipt_why :
	    "the forwarded date", fi->receipt_why ? ": the forward's own" :
	    "");
	free(iso);
	r = store_event_add(k->st, case_id, now, o->id, "forward", detail,
	    cause);
	free(detail);
	if (r != KR_OK)
		return r;
	if ((r = store_case_get(k->st, case_id, &c, cause)) != KR_OK)
		return r;
	if (klacht_key(k, &key, cause) == -1) {
		case_row_free(&c);
		return KR_TEMP;
	}
	date = cal_format_date(fi->received, k->cfg->language);
	changes = xasprintf(en ? "- the forwarded complaint of %s <%s> is "
	    "case %s, received on %s%s%s\n- the acknowledgement goes to "
	    "%s\n" : "- de doorgestuurde klacht van %s <%s> is zaak %s, "
	    "ontvangen op %s%s%s\n- de ontvangstbevestiging gaat naar %s\n",
	    f->from_name ? f->from_name : f->from_addr, f->from_addr, c.ref,
	    date, fi->receipt_why ? (en ? " (the date of your forward: " :
	    " (de datum van uw doorsturen: ") : "", fi->receipt_why ?
	    (en ? "the forwarded date could not be used)" :
	    "de doorgestuurde datum was niet bruikbaar)") : "",
	    f->from_addr);
	struct tmpl_var vars[] = {
		{ "changes", changes },
		{ "help", "" },
	};
	r = officer_queue(k, key, &c, o, "confirm", "confirm",
	    m->message_id, m->refs_raw, vars, 2, now, cause);
	if (r == KR_OK)
		log_info("case=%s forwarded by officer %s for %s", c.ref,
		    o->id, f->from_addr);
	free(changes);
	free(date);
	case_row_free(&c);
	return r;
}
