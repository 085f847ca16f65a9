/*
 * officer_hearing.c -- hearings (Awb 9:10, issue 15): the invitation,
 * its change and cancellation, the report, the lawful ground to skip the
 * hearing, and the gate #close passes before a judgement on the merits.
 *
 * The hearing's history is the case's events (case_hearing_event): the
 * last "hearing-invited" is the hearing as announced, a later
 * "hearing-cancelled" calls it off, and the number of both is the
 * SEQUENCE of the next calendar file -- so nothing new is stored beside
 * the audit trail, and a change or a cancellation always outranks what a
 * calendar program holds.  Everything runs inside the savepoint of the
 * officer's mail: a letter that cannot be queued rolls back the event too.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "calendar.h"
#include "case.h"
#include "hearing_ics.h"
#include "letters.h"
#include "log.h"
#include "officer_hearing.h"
#include "terms.h"

/* A hearing takes an hour in the calendar file. */
#define HEARING_DURATION	3600

/* What the events say about the hearing of a case. */
struct hearing_state {
	int	 nannounced;	/* "hearing-invited" + "hearing-cancelled" */
	int	 active;	/* the last invitation is not called off */
	char	*when;		/* its "YYYY-MM-DD HH:MM" */
	char	*place;
	int	 reported;	/* a "hearing-report" */
	int	 skipped;	/* a "hearing-skipped" */
	char	 ground;	/* of the last skip: 'a', 'b' or 'c' */
};

/* "seq=<n> <YYYY-MM-DD> <HH:MM> <place>" (case.h) into when and place. */
static void
read_announced(struct hearing_state *h, const char *d)
{
	const char	*p;

	free(h->when);
	free(h->place);
	h->when = h->place = NULL;
	if (d == NULL || (p = strchr(d, ' ')) == NULL || strlen(p + 1) < 16)
		return;
	h->when = xstrndup(p + 1, 16);
	p += 17;
	h->place = xstrdup(*p == ' ' ? p + 1 : p);
}

static int
state_cb(const struct event_row *ev, void *arg)
{
	struct hearing_state	*h = arg;

	if (ev->kind == NULL)
		return 0;
	if (strcmp(ev->kind, "hearing-invited") == 0) {
		h->nannounced++;
		h->active = 1;
		read_announced(h, ev->detail);
	} else if (strcmp(ev->kind, "hearing-cancelled") == 0) {
		h->nannounced++;
		h->active = 0;
	} else if (strcmp(ev->kind, "hearing-report") == 0)
		h->reported = 1;
	else if (strcmp(ev->kind, "hearing-skipped") == 0) {
		h->skipped = 1;
		h->ground = ev->detail != NULL ? ev->detail[0] : 0;
	}
	return 0;
}

static enum kres
hearing_state(struct officer_exec *x, struct hearing_state *h, char **cause)
{
	memset(h, 0, sizeof *h);
	return store_event_foreach(x->k->st, x->c.id, state_cb, h, cause);
}

static void
hearing_state_free(struct hearing_state *h)
{
	free(h->when);
	free(h->place);
}

/* Local "YYYY-MM-DD HH:MM" to a time; -1 when it does not read. */
static int64_t
local_time(const char *when)
{
	struct cal_ymd	 d;
	struct tm	 tm;
	char		 day[11];
	unsigned	 hh, mm;
	time_t		 t;

	if (strlen(when) != 16 || sscanf(when + 11, "%2u:%2u", &hh, &mm) != 2)
		return -1;
	memcpy(day, when, 10);
	day[10] = '\0';
	if (cal_parse_day(day, &d, NULL) == -1)
		return -1;
	memset(&tm, 0, sizeof tm);
	tm.tm_year = (int)d.y - 1900;
	tm.tm_mon = (int)d.m - 1;
	tm.tm_mday = (int)d.d;
	tm.tm_hour = (int)hh;
	tm.tm_min = (int)mm;
	tm.tm_isdst = -1;
	if ((t = mktime(&tm)) == (time_t)-1)
		return -1;
	return (int64_t)t;
}

/* "telefonisch", "by phone", ...: the hearing is a phone call. */
static int
by_phone(const char *place)
{
	static const char *const words[] = { "telefonisch", "telefoon",
	    "per telefoon", "phone", "by phone", "by telephone",
	    "telephone" };
	size_t	i;

	for (i = 0; i < sizeof words / sizeof words[0]; i++)
		if (strcasecmp(place, words[i]) == 0)
			return 1;
	return 0;
}

/* The place as the letters and the calendar file show it: a phone call
 * in the words of the letter's language (en: English), whatever the
 * officer wrote; any other place as written. */
static const char *
place_words(const char *place, int en)
{
	if (place == NULL)
		return "";
	if (by_phone(place))
		return en ? "by phone" : "telefonisch";
	return place;
}

/* The UID of a case's hearing: one per case (hearing_ics.h). */
static char *
hearing_uid(struct officer_exec *x)
{
	const char	*at = strrchr(x->k->cfg->org_address, '@');

	return xasprintf("hearing-%s@%s", x->c.ref, at ? at + 1 :
	    "localhost");
}

/* One recipient: the template, the letter and its calendar file. */
struct invite {
	struct officer_exec	*x;
	const char		*kind;		/* template of the complainant's */
	const char		*rkind;		/* and of the respondents' */
	struct hearing_ics	 ics;
	const struct tmpl_var	*vars;
	size_t			 nvars;
	/* The persons complained about read the desk's language: the
	 * day and place of their letter and calendar file, and its
	 * summary. */
	const char		*rdate;
	const char		*rlocation;
	const char		*rsummary;
	size_t			 nresp;
	enum kres		 r;
	char			*cause;
};

static enum kres
send_one(struct invite *iv, int respondent, const char *email,
    const char *name, char **cause)
{
	struct officer_exec	*x = iv->x;
	struct hearing_ics	 ics;
	struct mail_file	 f;
	char			*text;
	enum kres		 r;

	if (email == NULL || *email == '\0') {	/* by post: no file */
		struct tmpl_var	*v = xcalloc(iv->nvars, sizeof *v);
		size_t		 i;

		for (i = 0; i < iv->nvars; i++) {
			v[i] = iv->vars[i];
			if (strcmp(v[i].name, "calendar") == 0)
				v[i].value = "";
		}
		r = letter_to_complainant(x->k, &x->c, iv->kind, iv->kind, v,
		    iv->nvars, x->now, cause);
		free(v);
		return r;
	}
	ics = iv->ics;
	ics.attendee_email = email;
	ics.attendee_name = name;
	if (respondent) {
		ics.summary = iv->rsummary;
		ics.location = iv->rlocation;
	}
	if ((text = hearing_ics_make(&ics, cause)) == NULL)
		return KR_PERM;
	memset(&f, 0, sizeof f);
	f.name = ics.cancel ? "afgelast.ics" : "hoorzitting.ics";
	f.type = ics.cancel ? "text/calendar; charset=utf-8; "
	    "method=CANCEL" : "text/calendar; charset=utf-8; method=REQUEST";
	f.data = text;
	f.len = strlen(text);
	if (respondent) {
		/* The first of a name counts (template.c): theirs go
		 * before the complainant's. */
		struct tmpl_var	*v = xcalloc(iv->nvars + 2, sizeof *v);

		v[0] = (struct tmpl_var){ "hearing_date", iv->rdate };
		v[1] = (struct tmpl_var){ "hearing_place", iv->rlocation };
		memcpy(v + 2, iv->vars, iv->nvars * sizeof *v);
		r = letter_to_respondent_files(x->k, &x->c, iv->rkind, email,
		    name, v, iv->nvars + 2, &f, 1, x->now, cause);
		free(v);
	} else
		r = letter_to_complainant_files(x->k, &x->c, iv->kind,
		    iv->kind, iv->vars, iv->nvars, &f, 1, x->now, cause);
	free(text);
	return r;
}

static int
resp_cb(const char *email, const char *name, void *arg)
{
	struct invite	*iv = arg;

	iv->r = send_one(iv, 1, email, name && *name ? name : email,
	    &iv->cause);
	if (iv->r != KR_OK)
		return 1;
	iv->nresp++;
	return 0;
}

/* Who a hearing's mail went to, for the officer's confirmation: "the
 * complainant" alone when no one complained about is known, never "and
 * 0 persons".  Caller frees. */
static char *
parties(int en, size_t nresp)
{
	if (nresp == 0)
		return xstrdup(en ? "the complainant" : "de klager");
	return xasprintf(en ? "the complainant and %zu person(s) complained "
	    "about" : "de klager en %zu beklaagde(n)", nresp);
}

/* The letter to the complainant and to every person complained about. */
static enum kres
send_all(struct invite *iv, char **cause)
{
	struct officer_exec	*x = iv->x;
	enum kres		 r;

	if ((r = send_one(iv, 0, x->c.complainant_email,
	    x->c.complainant_name, cause)) != KR_OK)
		return r;
	iv->r = KR_OK;
	r = store_respondent_foreach(x->k->st, x->c.id, resp_cb, iv, cause);
	if (r == KR_OK && iv->r != KR_OK) {
		*cause = iv->cause;
		iv->cause = NULL;
		r = iv->r;
	}
	free(iv->cause);
	iv->cause = NULL;
	return r;
}

static void
invite_init(struct invite *iv, struct officer_exec *x,
    const struct hearing_state *h, const char *uid, int64_t start,
    const char *place, const char *text)
{
	memset(iv, 0, sizeof *iv);
	iv->x = x;
	iv->ics.uid = uid;
	iv->ics.sequence = h->nannounced;
	iv->ics.stamp = x->now;
	iv->ics.start = start;
	iv->ics.duration = HEARING_DURATION;
	iv->ics.location = place;
	iv->ics.description = text;
	iv->ics.organizer_email = x->k->cfg->org_address;
	iv->ics.organizer_name = x->k->cfg->org_name;
}

static enum kres
hear_cancel(struct officer_exec *x, char **cause)
{
	struct hearing_state	 h;
	struct invite		 iv;
	char			*uid, *summary, *rsummary, *day, *oday;
	char			*detail;
	int64_t			 start;
	int			 en;
	enum kres		 r;

	if ((r = hearing_state(x, &h, cause)) != KR_OK)
		return r;
	if (!h.active || h.when == NULL ||
	    (start = local_time(h.when)) == -1) {
		hearing_state_free(&h);
		return officer_exec_fail(x, x->en ? "there is no hearing to "
		    "cancel: none was announced with a date, time and place, "
		    "or it was called off already" : "er is geen hoorzitting "
		    "om af te zeggen: er is er geen aangekondigd met datum, "
		    "tijd en plaats, of hij is al afgelast");
	}
	en = x->c.language != NULL && strcmp(x->c.language, "en") == 0;
	uid = hearing_uid(x);
	summary = xasprintf(en ? "Hearing on complaint %s (cancelled)" :
	    "Hoorzitting klacht %s (afgelast)", x->c.ref);
	day = cal_format_date(start, x->c.language);
	oday = cal_format_date(start, x->lang);
	struct tmpl_var vars[] = {
		{ "hearing_date", day },
		{ "hearing_time", h.when + 11 },
		{ "hearing_place", place_words(h.place, en) },
		{ "calendar", "1" },	/* "" on paper: send_one */
		{ "by_phone", h.place && by_phone(h.place) ? "1" : "" },
		{ "not_by_phone", h.place && by_phone(h.place) ? "" : "1" },
	};
	rsummary = xasprintf(x->en ? "Hearing on complaint %s (cancelled)" :
	    "Hoorzitting klacht %s (afgelast)", x->c.ref);
	invite_init(&iv, x, &h, uid, start, place_words(h.place, en), NULL);
	iv.ics.cancel = 1;
	iv.ics.summary = summary;
	iv.kind = "hearing-cancelled";
	iv.rkind = "hearing-cancelled-respondent";
	iv.vars = vars;
	iv.nvars = sizeof vars / sizeof vars[0];
	iv.rdate = oday;
	iv.rsummary = rsummary;
	iv.rlocation = place_words(h.place, x->en);
	r = send_all(&iv, cause);
	detail = xasprintf("seq=%d %s %s", h.nannounced, h.when,
	    h.place ? h.place : "");
	if (r == KR_OK)
		r = case_hearing_event(x->k->st, &x->c, x->o->id,
		    "hearing-cancelled", detail, x->now, cause);
	if (r == KR_OK) {
		char *who = parties(x->en, iv.nresp);

		officer_exec_change(x, x->en ? "hearing of %s %s cancelled; "
		    "%s %s told" : "hoorzitting van %s %s afgelast; %s %s "
		    "bericht gekregen", oday, h.when + 11, who, x->en ?
		    (iv.nresp ? "were" : "was") : (iv.nresp ? "hebben" :
		    "heeft"));
		free(who);
		log_info("case=%s officer %s: hearing cancelled (seq %d)",
		    x->c.ref, x->o->id, h.nannounced);
	}
	free(detail);
	free(day);
	free(oday);
	free(summary);
	free(rsummary);
	free(uid);
	hearing_state_free(&h);
	return r;
}

/* A date, a time and a place: invite (or tell of the change). */
static enum kres
hear_invite(struct officer_exec *x, const struct cmd *cmd, char **cause)
{
	struct hearing_state	 h;
	struct invite		 iv;
	char			*uid, *summary, *rsummary, *day, *oday;
	char			*detail, *place;
	const char		*nl, *more;
	int64_t			 start;
	int			 en, changed;
	enum kres		 r;

	/* The place is the rest of the command's line; lines below it go
	 * into the invitation as they are. */
	nl = strchr(cmd->text, '\n');
	place = nl ? xstrndup(cmd->text, (size_t)(nl - cmd->text)) :
	    xstrdup(cmd->text);
	more = nl ? nl + 1 : "";
	while (*more == '\n' || *more == ' ')
		more++;
	if (*place == '\0') {
		free(place);
		return officer_exec_fail(x, x->en ? "the invitation needs a "
		    "place after the time, or \"by phone\": \"#hear %s "
		    "Town hall, room 2\"" : "de uitnodiging heeft een plaats "
		    "nodig na de tijd, of \"telefonisch\": \"#hoorzitting %s "
		    "Stadhuis, kamer 2\"", cmd->arg);
	}
	if ((start = local_time(cmd->arg)) == -1 || start <= x->now) {
		free(place);
		return officer_exec_fail(x, x->en ? "%s has passed or does "
		    "not exist: a hearing is invited for a time to come" :
		    "%s is voorbij of bestaat niet: een uitnodiging is voor "
		    "een tijd die nog komt", cmd->arg);
	}
	if ((r = hearing_state(x, &h, cause)) != KR_OK) {
		free(place);
		return r;
	}
	changed = h.nannounced > 0;
	en = x->c.language != NULL && strcmp(x->c.language, "en") == 0;
	uid = hearing_uid(x);
	summary = xasprintf(en ? "Hearing on complaint %s" :
	    "Hoorzitting klacht %s", x->c.ref);
	day = cal_format_date(start, x->c.language);
	oday = cal_format_date(start, x->lang);
	struct tmpl_var vars[] = {
		{ "hearing_date", day },
		{ "hearing_time", cmd->arg + 11 },
		{ "hearing_place", place_words(place, en) },
		{ "by_phone", by_phone(place) ? "1" : "" },
		{ "changed", changed ? "1" : "" },
		{ "text", more },
		{ "calendar", "1" },	/* "" on paper: send_one */
	};
	rsummary = xasprintf(x->en ? "Hearing on complaint %s" :
	    "Hoorzitting klacht %s", x->c.ref);
	invite_init(&iv, x, &h, uid, start, place_words(place, en), more);
	iv.ics.summary = summary;
	iv.kind = "hearing-invitation";
	iv.rkind = "hearing-invitation-respondent";
	iv.vars = vars;
	iv.nvars = sizeof vars / sizeof vars[0];
	iv.rdate = oday;
	iv.rsummary = rsummary;
	iv.rlocation = place_words(place, x->en);
	r = case_hear(x->k->st, &x->c, x->o->id, cmd->arg, cmd->text, x->now,
	    cause);
	if (r == KR_OK)
		r = send_all(&iv, cause);
	detail = xasprintf("seq=%d %s %s", h.nannounced, cmd->arg, place);
	if (r == KR_OK)
		r = case_hearing_event(x->k->st, &x->c, x->o->id,
		    "hearing-invited", detail, x->now, cause);
	if (r == KR_OK) {
		char *who = parties(x->en, iv.nresp);

		officer_exec_change(x, x->en ? "hearing %s: %s %s, %s; %s %s "
		    "invited, with a calendar file" : "hoorzitting %s: %s %s, "
		    "%s; %s %s uitgenodigd, met een agendabestand", changed ?
		    (x->en ? "changed" : "gewijzigd") : (x->en ? "announced" :
		    "aangekondigd"), oday, cmd->arg + 11, place, who, x->en ?
		    (iv.nresp ? "were" : "was") : (iv.nresp ? "zijn" : "is"));
		free(who);
		if (start >= x->c.due_at) {
			char *due = cal_format_date(x->c.due_at, x->lang);

			officer_exec_change(x, x->en ? "note: the hearing is "
			    "after the due date (%s): extend the term in time "
			    "(#extend)" : "let op: de hoorzitting is na de "
			    "uiterste datum (%s): verleng de termijn op tijd "
			    "(#verleng)", due);
			free(due);
		}
		log_info("case=%s officer %s: hearing %s (seq %d)", x->c.ref,
		    x->o->id, changed ? "changed" : "announced", h.nannounced);
	}
	free(detail);
	free(day);
	free(oday);
	free(summary);
	free(rsummary);
	free(uid);
	free(place);
	hearing_state_free(&h);
	return r;
}

enum kres
officer_do_hear(struct officer_exec *x, const struct cmd *cmd, char **cause)
{
	char		*due;
	int64_t		 day;
	enum kres	 r;

	if (strcmp(cmd->arg, "cancel") == 0)
		return hear_cancel(x, cause);
	if (strlen(cmd->arg) > 10)
		return hear_invite(x, cmd, cause);
	/* A date without a time: recorded, nobody invited (as before). */
	r = case_hear(x->k->st, &x->c, x->o->id, cmd->arg, cmd->text, x->now,
	    cause);
	if (r != KR_OK)
		return r;
	officer_exec_change(x, x->en ? "hearing recorded: %s (no time and "
	    "place given: nobody was invited)" : "hoorzitting vastgelegd: %s "
	    "(geen tijd en plaats gegeven: niemand is uitgenodigd)", cmd->arg);
	if (cal_parse_iso_date(cmd->arg, &day) == 0 && day >= x->c.due_at) {
		due = cal_format_date(x->c.due_at, x->lang);
		officer_exec_change(x, x->en ? "note: the hearing is after the "
		    "due date (%s): extend the term in time (#extend)" :
		    "let op: de hoorzitting is na de uiterste datum (%s): "
		    "verleng de termijn op tijd (#verleng)", due);
		free(due);
	}
	return KR_OK;
}

enum kres
officer_do_hearing_report(struct officer_exec *x, const struct cmd *cmd,
    char **cause)
{
	struct tmpl_var	 vars[] = { { "text", cmd->text } };
	size_t		 n = 0;
	enum kres	 r;

	r = case_hearing_event(x->k->st, &x->c, x->o->id, "hearing-report",
	    cmd->text, x->now, cause);
	if (r != KR_OK)
		return r;
	if (!x->k->cfg->send_hearing_report) {
		officer_exec_change(x, x->en ? "hearing report recorded in "
		    "the case file" : "verslag van de hoorzitting vastgelegd in "
		    "het dossier");
		return KR_OK;
	}
	if ((r = letter_to_complainant(x->k, &x->c, "hearing-report",
	    "hearing-report", vars, 1, x->now, cause)) != KR_OK ||
	    (r = letter_to_respondents(x->k, &x->c,
	    "hearing-report-respondent", vars, 1, x->now, &n, cause)) !=
	    KR_OK)
		return r;
	{
		char *who = parties(x->en, n);

		officer_exec_change(x, x->en ? "hearing report recorded in the "
		    "case file and sent to %s" : "verslag van de hoorzitting "
		    "vastgelegd in het dossier en gestuurd naar %s", who);
		free(who);
	}
	return KR_OK;
}

enum kres
officer_do_skip_hearing(struct officer_exec *x, const struct cmd *cmd,
    char **cause)
{
	static const struct {
		const char	*g, *en, *nl;
	} grounds[] = {
		{ "a", "the complaint is clearly unfounded",
		    "de klacht is kennelijk ongegrond" },
		{ "b", "the complainant said they do not want to be heard",
		    "de klager heeft verklaard niet gehoord te willen worden" },
		{ "c", "the complainant did not say in reasonable time that "
		    "they want to be heard", "de klager heeft niet binnen "
		    "redelijke termijn verklaard gehoord te willen worden" },
	};
	char		*detail;
	size_t		 i;
	enum kres	 r;

	for (i = 0; i < sizeof grounds / sizeof grounds[0]; i++)
		if (strcmp(grounds[i].g, cmd->arg) == 0)
			break;
	if (i == sizeof grounds / sizeof grounds[0])	/* the parser's */
		return officer_exec_fail(x, "#skip-hearing: a, b or c");
	detail = xasprintf("%s: %s", cmd->arg, cmd->text);
	r = case_hearing_event(x->k->st, &x->c, x->o->id, "hearing-skipped",
	    detail, x->now, cause);
	free(detail);
	if (r == KR_OK)
		officer_exec_change(x, x->en ? "no hearing, Awb 9:10 lid 2 "
		    "under %s: %s (recorded)" : "geen hoorzitting, Awb 9:10 "
		    "lid 2 onder %s: %s (vastgelegd)", cmd->arg, x->en ?
		    grounds[i].en : grounds[i].nl);
	return r;
}

enum kres
officer_hearing_gate(struct officer_exec *x, const char *judgement,
    char **cause)
{
	struct hearing_state	 h;
	int			 ok;
	enum kres		 r;

	if (strcmp(judgement, "gegrond") != 0 &&
	    strcmp(judgement, "deels-gegrond") != 0 &&
	    strcmp(judgement, "ongegrond") != 0)
		return KR_OK;
	if (!terms_hearing_required(terms_for(x->k->cfg, x->c.category)))
		return KR_OK;
	if ((r = hearing_state(x, &h, cause)) != KR_OK)
		return r;
	ok = h.reported || h.skipped;
	hearing_state_free(&h);
	if (ok)
		return KR_OK;
	return officer_exec_fail(x, x->en ? "a judgement on the merits (%s) "
	    "needs the complainant to have been heard first (Awb 9:10): "
	    "record the hearing report with #report, or the lawful ground "
	    "to skip the hearing with \"#skip-hearing a|b|c <reason>\"" :
	    "een oordeel over de klacht zelf (%s) kan pas als de klager is "
	    "gehoord (Awb 9:10): leg het verslag van de hoorzitting vast met "
	    "#verslag, of de grond om van horen af te zien met "
	    "\"#afzien-horen a|b|c <reden>\"", judgement);
}

enum kres
officer_hearing_outcome(struct officer_exec *x, int *heard,
    char *skip_ground, char **cause)
{
	struct hearing_state	 h;
	enum kres		 r;

	*heard = 0;
	*skip_ground = 0;
	if ((r = hearing_state(x, &h, cause)) != KR_OK)
		return r;
	if (h.reported)
		*heard = 1;
	else if (h.skipped && h.ground >= 'a' && h.ground <= 'c')
		*skip_ground = h.ground;
	hearing_state_free(&h);
	return KR_OK;
}
