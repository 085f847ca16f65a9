/*
 * cfg.c -- load and check the libconfig configuration file.
 *
 * One table drives both: every group lists the settings it allows, one
 * row each, with the type and -- for a setting that fills a field of
 * struct cfg -- the field, its default and its limits.  The check walks
 * the file against the table, so an unknown key (usually a typo) or a
 * wrong type is reported with file and line instead of being ignored;
 * then every row with a field is loaded from the file or its default and
 * held to its limits.  What a row cannot say (lists of officers and
 * categories, combinations of settings) is checked by hand below and in
 * cfg_terms.c.  All problems are collected, so one run of `klachtd -n`
 * shows them all.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <libconfig.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "calendar.h"
#include "cfg.h"
#include "cfg_int.h"
#include "defaults.h"
#include "lang.h"
#include "secret.h"
#include "sizeparse.h"
#include "util.h"


enum kt {
	KT_STR,		/* char * */
	KT_SECRET,	/* char *, a secret file's path (SECRET_CREDENTIALS_VAR) */
	KT_INT,		/* int */
	KT_BOOL,	/* int */
	KT_DUR,		/* int64_t seconds: "6w", "30s" or a number */
	KT_SIZE,	/* size_t bytes: "25M" or a number */
	KT_ENUM,	/* an enum (int-sized): one of names[], as a string */
	KT_GROUP, KT_LIST, KT_STRARRAY
};

/* One setting.  A row with field set fills cfg + off: from the file, or
 * def / sdef (sdef below the state directory with in_state); a value out
 * of [min, max] is a problem "<path> <range>". */
struct key {
	const char		*name;
	enum kt			 type;
	const struct key	*sub;	/* KT_GROUP: members; KT_LIST: element */
	int			 field;
	size_t			 off;
	int64_t			 def;
	const char		*sdef;
	int			 in_state;
	int64_t			 min, max;
	const char		*range;
	const char *const	*names;	/* KT_ENUM: by value, NULL-terminated */
};

#define F(m)		.field = 1, .off = offsetof(struct cfg, m)
#define NOLIMIT		.min = INT64_MIN, .max = INT64_MAX
/* A setting loaded by hand (or part of a list entry). */
#define K(n, t)		{ .name = n, .type = t }
#define GROUP(n, s)	{ .name = n, .type = KT_GROUP, .sub = s }
#define LIST(n, s)	{ .name = n, .type = KT_LIST, .sub = s }
#define STR(n, m, d)	{ n, KT_STR, NULL, F(m), .sdef = d, NOLIMIT }
#define SECRET(n, m)	{ n, KT_SECRET, NULL, F(m), NOLIMIT }
#define BOOL(n, m, d)	{ n, KT_BOOL, NULL, F(m), .def = d, NOLIMIT }
#define ENUM(n, m, d, v) { n, KT_ENUM, NULL, F(m), .def = d, .names = v, \
			    NOLIMIT }
/* Numbers with limits: lo..hi, said as "<path> <why>" when broken. */
#define NUM(t, n, m, d, lo, hi, why) \
	{ n, t, NULL, F(m), .def = d, .min = lo, .max = hi, .range = why }
#define INT(...)	NUM(KT_INT, __VA_ARGS__)
#define DUR(...)	NUM(KT_DUR, __VA_ARGS__)
#define SIZE(...)	NUM(KT_SIZE, __VA_ARGS__)
#define END		{ .name = NULL }
#define ANY		INT64_MIN, INT64_MAX, NULL
#define ATLEAST(lo, why) lo, INT64_MAX, why

/* The enums are stored through an int. */
_Static_assert(sizeof(enum cfg_tls) == sizeof(int), "enum cfg_tls");
_Static_assert(sizeof(enum cfg_auth) == sizeof(int), "enum cfg_auth");
_Static_assert(sizeof(enum lang) == sizeof(int), "enum lang");

static const char *const n_tls[] = { "no", "try", "required", NULL };
static const char *const n_auth[] = { "token", "dkim", "token-or-dkim",
	"token-and-dkim", NULL };
static const char *const n_lang[] = { "nl", "en", NULL };
static const char *const n_notes[] = { "exclude", "include", NULL };

static const struct key k_org[] = {
	STR("name", org_name, "Klachtenregeling"),
	STR("address", org_address, "klachten@localhost"),
	STR("reference_prefix", ref_prefix, "KL"),
	STR("ombudsman", ombudsman,
	    "de Nationale ombudsman (www.nationaleombudsman.nl)"),
	STR("disputes_body", disputes_body, NULL),
	K("postal_address", KT_STRARRAY), STR("logo", org_logo, NULL),
	/* Letters (issue 16): per language, a named contact. */
	STR("ombudsman_en", ombudsman_en, NULL),
	STR("disputes_body_en", disputes_body_en, NULL),
	STR("phone", org_phone, NULL), STR("desk", org_desk, NULL),
	STR("desk_en", org_desk_en, NULL), STR("signature", signature, NULL),
	STR("signature_en", signature_en, NULL),
	END };
static const struct key k_terms[] = {
	DUR("decide", term_decide, 6 * CAL_WEEK,
	    ATLEAST(CAL_DAY, "must be at least one day")),
	DUR("reopen_window", reopen_window, 8 * CAL_WEEK,
	    ATLEAST(0, "must not be negative")),
	/* Issue 14: only #reopen reopens, unless this restores the old
	 * automatic reopening by a complainant's reply. */
	BOOL("auto_reopen", auto_reopen, 0),
	/* Issue 15: after an informal resolution (#opgelost), the time in
	 * which the complainant's reply asks for formal handling. */
	DUR("formal_request_window", formal_request_window, 2 * CAL_WEEK,
	    0, 366 * CAL_DAY, "must be between 0 and a year"),
	/* Issue 15: the hearing report (#verslag) goes to the complainant
	 * and the persons complained about. */
	BOOL("send_hearing_report", send_hearing_report, 0),
	/* Issue 13: working days from receipt to the first recorded
	 * contact with the complainant (#contact); "0": not watched. */
	DUR("first_contact", first_contact, 0,
	    0, 366 * CAL_DAY, "must be between 0 and a year"),
	/* The rest, also per category: cfg_terms.c. */
	K("profile", KT_STR), K("extend_max", KT_DUR),
	K("inadmissible", KT_DUR), K("committee", KT_BOOL),
	K("hearing_required", KT_BOOL),
	END };
static const struct key k_cat_terms[] = {
	K("decide", KT_DUR), K("profile", KT_STR),
	K("extend_max", KT_DUR), K("inadmissible", KT_DUR),
	K("committee", KT_BOOL), K("hearing_required", KT_BOOL), END };
static const struct key k_contact[] = {
	K("name", KT_STR), K("email", KT_STR), END };
static const struct key k_level[] = {
	K("name", KT_STR), K("at", KT_STR), K("to", KT_STR),
	LIST("contacts", k_contact), END };
static const struct key k_escalation[] = {
	LIST("ladder", k_level),
	DUR("unassigned_after", unassigned_after, 16 * 3600,
	    ATLEAST(0, "must not be negative")),
	LIST("unassigned", k_contact), K("digest", KT_STR),
	END };
static const struct key k_workdays[] = {
	K("hours", KT_STR), K("liberation_day", KT_STR),
	BOOL("good_friday", good_friday, 0),
	K("holidays", KT_STRARRAY),
	END };
static const struct key k_limits[] = {
	SIZE("max_message_size", max_message_size, KL_MAX_MESSAGE_SIZE, ANY),
	/* Seconds here; cfg_load makes it milliseconds. */
	DUR("busy_timeout", busy_timeout_ms, 5, ANY),
	INT("auto_replies_per_day", auto_reply_limit, 5, ANY),
	INT("officer_replies_per_hour", officer_reply_limit, 30,
	    ATLEAST(1, "must be at least 1")),
	SIZE("max_attachment_size", max_attachment_size, 20 * 1024 * 1024,
	    ANY),
	INT("max_mime_depth", max_mime_depth, 20, 1, 500,
	    "must be between 1 and 500"),
	INT("max_headers", max_headers, 1000,
	    ATLEAST(10, "must be at least 10")),
	/* Floods (issue 18 F8): per sender (address without +tag) and
	 * hour, new cases beyond these get no acknowledgement / no
	 * notification each; they are stored all the same. */
	INT("max_acks_per_sender_per_hour", max_acks_per_hour, 5,
	    ATLEAST(1, "must be at least 1")),
	INT("max_notifications_per_sender_per_hour",
	    max_notifications_per_hour, 10, ATLEAST(1, "must be at least 1")),
	/* Memory and size per message (issue 18 F10). */
	INT("max_attachments", max_attachments, 100,
	    ATLEAST(1, "must be at least 1")),
	SIZE("max_text_size", max_text_size, 1024 * 1024,
	    ATLEAST(1024, "must be at least 1K")),
	SIZE("notify_excerpt", notify_excerpt, 8 * 1024,
	    ATLEAST(256, "must be at least 256 bytes")),
	/* #dossier (issue 13): files beyond this total are listed with
	 * their SHA-256, not attached. */
	SIZE("dossier_attachments_total", dossier_attachments_total,
	    20 * 1024 * 1024, ANY),
	/* Files both ways (issue 13): the complaint's attachments sent
	 * along to officers up to this total (0: listed only), and an
	 * officer's attachments to a complainant at most this total. */
	SIZE("notify_attachments_total", notify_attachments_total,
	    10 * 1024 * 1024, ATLEAST(0, "must not be negative")),
	SIZE("max_outgoing_attachments_total", max_outgoing_attachments_total,
	    20 * 1024 * 1024, ATLEAST(0, "must not be negative")),
	END };
static const struct key k_in_maildir[] = {
	{ "path", KT_STR, NULL, F(intake_maildir), .sdef = "inbox",
	    .in_state = 1, NOLIMIT },
	/* Issue 17: new/ is watched; the poll is the fallback. */
	DUR("poll_interval", maildir_poll, 5, 1, 86400,
	    "must be 1 second to 1 day"),
	END };
static const struct key k_out_maildir[] = {
	{ "path", KT_STR, NULL, F(out_maildir), .sdef = "outgoing",
	    .in_state = 1, NOLIMIT },
	END };
static const struct key k_imap[] = {
	STR("url", imap.url, NULL), STR("user", imap.user, NULL),
	SECRET("password_file", imap.password_file),
	SECRET("oauth2_token_file", imap.oauth2_token_file),
	STR("oauth2_token_command", imap.oauth2_token_command, NULL),
	STR("processed_mailbox", imap.processed_mailbox, NULL),
	STR("ca_file", imap.ca_file, NULL),
	ENUM("starttls", imap.starttls, CFG_TLS_TRY, n_tls),
	DUR("poll_interval", imap.poll_interval, 60, ANY),
	DUR("timeout", imap.timeout, 60, ANY),
	/* Issue 17: push through IDLE (RFC 2177: renew before 29
	 * minutes), else a cheap STATUS poll (imapidle.h). */
	BOOL("idle", imap.idle, 1),
	DUR("idle_refresh", imap.idle_refresh, 25 * 60, 1, 29 * 60,
	    "must be 1 second to 29 minutes"),
	DUR("status_poll_interval", imap.status_poll_interval, 10, 0, 86400,
	    "must be 0 (off) to 1 day"),
	END };
static const struct key k_intake[] = {
	GROUP("maildir", k_in_maildir), GROUP("imap", k_imap), END };
static const struct key k_smtp[] = {
	STR("url", smtp.url, NULL), STR("user", smtp.user, NULL),
	SECRET("password_file", smtp.password_file),
	STR("ca_file", smtp.ca_file, NULL),
	ENUM("starttls", smtp.starttls, CFG_TLS_TRY, n_tls),
	DUR("timeout", smtp.timeout, 60, ANY),
	END };
static const struct key k_retry[] = {
	DUR("min", retry_min, 60, ANY), DUR("max", retry_max, 3600, ANY),
	DUR("give_up", retry_give_up, 5 * CAL_DAY, ANY), END };
static const struct key k_outgoing[] = {
	GROUP("maildir", k_out_maildir), GROUP("smtp", k_smtp),
	GROUP("retry", k_retry), STR("print", print_address, NULL),
	/* Issue 17: a delivery wakes the outbox; the poll is the
	 * fallback, and what runs retries that fall due. */
	DUR("poll_interval", outbox_poll, 5, 1, 86400,
	    "must be 1 second to 1 day"),
	END };
static const struct key k_auth[] = {
	{ "secret_file", KT_SECRET, NULL, F(auth_secret_file),
	    .sdef = "auth.key", .in_state = 1, NOLIMIT },
	ENUM("require", auth_require, CFG_AUTH_TOKEN, n_auth),
	STR("authserv_id", auth_serv_id, NULL),
	/* Issue 18: reply tokens expire. */
	INT("token_days", auth_token_days, 180, 1, 3650,
	    "must be 1 to 3650 (days a reply token is accepted)"),
	END };
static const struct key k_officer[] = {
	K("id", KT_STR), K("name", KT_STR), K("email", KT_STR),
	K("categories", KT_STRARRAY), K("title", KT_STR), K("phone", KT_STR),
	K("absent", KT_STR), K("substitute", KT_STR),
	K("digest", KT_BOOL), K("triage", KT_BOOL), END };
static const struct key k_category[] = {
	K("id", KT_STR), K("name", KT_STR), K("confidential", KT_BOOL),
	K("retention", KT_DUR), GROUP("terms", k_cat_terms),
	LIST("escalation", k_level), K("addresses", KT_STRARRAY),
	K("excluded_officers", KT_STRARRAY),
	K("approvers", KT_STRARRAY), END };
/* Classification for learning (issue 15; cfg_class.c). */
static const struct key k_department[] = {
	K("id", KT_STR), K("name", KT_STR), END };
/* The weekly personal digest of each officer (issue 13; cfg_terms.c). */
static const struct key k_digest[] = {
	K("weekly", KT_STR), END };
/* Where #forward sends a request that is no complaint (issue 15,
 * officer_redirect.c), in the order of redirect_kinds (redirect.h). */
static const struct key k_redirect[] = {
	STR("bezwaar", redirect[0], NULL), STR("woo", redirect[1], NULL),
	STR("melding", redirect[2], NULL), STR("schade", redirect[3], NULL),
	STR("overig", redirect[4], NULL), END };
/* Retention and export of personal data (issue 7, privacy.c). */
static const struct key k_retention[] = {
	DUR("default", retention, 5 * 365 * CAL_DAY,
	    ATLEAST(CAL_DAY, "must be at least one day (e.g. \"5y\")")),
	ENUM("notes_about_colleagues", export_colleague_notes, 0, n_notes),
	END };
/* A named measure owner who is no officer (cfg_owners.c). */
static const struct key k_owner[] = {
	K("id", KT_STR), K("name", KT_STR), K("email", KT_STR), END };
/* Improvement measures (issue 15, measure.h). */
static const struct key k_measures[] = {
	DUR("remind_before", measure_remind_before, 7 * CAL_DAY,
	    0, 366 * CAL_DAY, "must be between 0 and a year"),
	BOOL("tell_complainants", measure_tell, 0),
	LIST("owners", k_owner),	/* by hand: cfg_owners.c */
	END };
/* Issue 15: the satisfaction question after closing (satisfy.h). */
static const struct key k_satisfaction[] = {
	DUR("after", satisfaction_after, 0,
	    0, 366 * CAL_DAY, "must be between 0 (off) and a year"),
	END };
/* Issue 15: the complaints report (report.h). */
static const struct key k_report[] = {
	INT("trend_minimum", report_trend_min, 5,
	    ATLEAST(1, "must be at least 1")),
	END };
/* Issue 17: after this long without work the daemon rests in the small
 * klachtd-rest (rest.h); 0 keeps it resident. */
static const struct key k_daemon[] = {
	DUR("rest_after", rest_after, 10, 0, 86400,
	    "must be 0 (never rest) to 1 day"),
	END };
static const struct key k_root[] = {
	GROUP("organisation", k_org), GROUP("daemon", k_daemon),
	K("state_dir", KT_STR),		/* by hand: -s, $STATE_DIRECTORY */
	{ "database", KT_STR, NULL, F(database), .sdef = "klachtd.db",
	    .in_state = 1, NOLIMIT },
	STR("templates", templates, SYSCONFDIR "/klachtd/templates"),
	ENUM("language", lang, LANG_NL, n_lang),
	STR("timezone", timezone, NULL),
	GROUP("terms", k_terms), GROUP("limits", k_limits),
	GROUP("intake", k_intake), GROUP("outgoing", k_outgoing),
	GROUP("auth", k_auth), GROUP("retention", k_retention),
	LIST("officers", k_officer), LIST("categories", k_category),
	GROUP("escalation", k_escalation), GROUP("workdays", k_workdays),
	GROUP("digest", k_digest), GROUP("measures", k_measures),
	GROUP("satisfaction", k_satisfaction),
	GROUP("redirect", k_redirect),
	LIST("departments", k_department), K("causes", KT_STRARRAY),
	GROUP("report", k_report), END };

void
cfg_problem(struct loader *ld, const config_setting_t *s, const char *fmt, ...)
{
	va_list		 ap;
	char		*msg;
	const char	*file = ld->file;
	int		 line = 0;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	if (s != NULL) {
		line = (int)config_setting_source_line(s);
		if (config_setting_source_file(s) != NULL)
			file = config_setting_source_file(s);
	}
	if (ld->nerrors++ > 0)
		buf_addc(&ld->errors, '\n');
	if (line > 0)
		buf_printf(&ld->errors, "%s:%d: %s", file, line, msg);
	else
		buf_printf(&ld->errors, "%s: %s", file, msg);
	free(msg);
}

static char *
setting_path(const config_setting_t *s)
{
	const config_setting_t	*p;
	struct buf		 b;
	const char		*parts[32];
	int			 n = 0, i;

	for (p = s; p != NULL && !config_setting_is_root(p) && n < 32;
	    p = config_setting_parent(p))
		parts[n++] = config_setting_name(p) ? config_setting_name(p) :
		    "[]";
	buf_init(&b);
	for (i = n - 1; i >= 0; i--) {
		if (b.len > 0 && strcmp(parts[i], "[]") != 0)
			buf_addc(&b, '.');
		buf_adds(&b, parts[i]);
	}
	return buf_detach(&b, NULL);
}

static const char *
type_name(enum kt t)
{
	switch (t) {
	case KT_STR:
	case KT_SECRET:
	case KT_ENUM:		return "a string";
	case KT_INT:		return "an integer";
	case KT_BOOL:		return "true or false";
	case KT_DUR:		return "a duration such as \"6w\" or \"30s\"";
	case KT_SIZE:		return "a size such as 26214400 or \"25M\"";
	case KT_GROUP:		return "a group { ... }";
	case KT_LIST:		return "a list ( { ... }, ... )";
	case KT_STRARRAY:	return "an array of strings [ \"...\" ]";
	}
	return "?";
}

static int
parse_size(const char *s, size_t *out)
{
	return size_parse(s, out);
}

/* Checks one setting against its schema entry; recurses into groups. */
static void check_group(struct loader *, const config_setting_t *,
    const struct key *);

static void
check_value(struct loader *ld, const config_setting_t *s, const struct key *k)
{
	int	 t = config_setting_type(s), ok = 0;
	char	*path = setting_path(s), *why = NULL;
	int64_t	 d;
	size_t	 sz, i;

	switch (k->type) {
	case KT_STR:
	case KT_SECRET:
	case KT_ENUM:
		ok = t == CONFIG_TYPE_STRING;
		break;
	case KT_INT:
		ok = t == CONFIG_TYPE_INT || t == CONFIG_TYPE_INT64;
		break;
	case KT_BOOL:
		ok = t == CONFIG_TYPE_BOOL;
		break;
	case KT_DUR:
		ok = t == CONFIG_TYPE_INT || t == CONFIG_TYPE_INT64;
		if (t == CONFIG_TYPE_STRING) {
			if (cal_parse_duration(config_setting_get_string(s),
			    &d, &why) == 0)
				ok = 1;
			else {
				cfg_problem(ld, s, "%s: %s", path, why);
				free(why);
				free(path);
				return;
			}
		}
		break;
	case KT_SIZE:
		ok = t == CONFIG_TYPE_INT || t == CONFIG_TYPE_INT64 ||
		    (t == CONFIG_TYPE_STRING &&
		    parse_size(config_setting_get_string(s), &sz) == 0);
		break;
	case KT_GROUP:
		ok = t == CONFIG_TYPE_GROUP;
		if (ok)
			check_group(ld, s, k->sub);
		break;
	case KT_LIST:
		ok = t == CONFIG_TYPE_LIST;
		for (i = 0; ok && i < (size_t)config_setting_length(s); i++) {
			config_setting_t *e = config_setting_get_elem(s,
			    (unsigned)i);
			if (config_setting_type(e) != CONFIG_TYPE_GROUP)
				cfg_problem(ld, e, "%s: each entry must be a "
				    "group { ... }", path);
			else
				check_group(ld, e, k->sub);
		}
		break;
	case KT_STRARRAY:
		ok = t == CONFIG_TYPE_ARRAY || t == CONFIG_TYPE_LIST;
		for (i = 0; ok && i < (size_t)config_setting_length(s); i++) {
			config_setting_t *e = config_setting_get_elem(s,
			    (unsigned)i);
			if (config_setting_type(e) != CONFIG_TYPE_STRING)
				ok = 0;
		}
		break;
	}
	if (!ok)
		cfg_problem(ld, s, "%s must be %s", path, type_name(k->type));
	free(path);
}

static void
check_group(struct loader *ld, const config_setting_t *g, const struct key *keys)
{
	int	i, n = config_setting_length(g);

	for (i = 0; i < n; i++) {
		config_setting_t	*s = config_setting_get_elem(g,
		    (unsigned)i);
		const char		*name = config_setting_name(s);
		const struct key	*k;

		for (k = keys; k->name != NULL; k++)
			if (name != NULL && strcmp(k->name, name) == 0)
				break;
		if (k->name == NULL) {
			char *path = setting_path(s);
			struct buf allowed;
			const struct key *a;

			buf_init(&allowed);
			for (a = keys; a->name != NULL; a++)
				buf_printf(&allowed, "%s%s",
				    allowed.len ? ", " : "", a->name);
			cfg_problem(ld, s, "unknown setting \"%s\" (allowed "
			    "here: %s)", path, allowed.data);
			buf_free(&allowed);
			free(path);
			continue;
		}
		check_value(ld, s, k);
	}
}

int64_t
cfg_setting_dur(const config_setting_t *s, int64_t def)
{
	int64_t	d;

	if (s == NULL)
		return def;
	if (config_setting_type(s) == CONFIG_TYPE_STRING)
		return cal_parse_duration(config_setting_get_string(s), &d,
		    NULL) == 0 ? d : def;
	return (int64_t)config_setting_get_int64(s) ?
	    (int64_t)config_setting_get_int64(s) :
	    (int64_t)config_setting_get_int(s);
}

static size_t
setting_size(const config_setting_t *s, size_t def)
{
	size_t	sz;

	if (s == NULL)
		return def;
	if (config_setting_type(s) == CONFIG_TYPE_STRING)
		return parse_size(config_setting_get_string(s), &sz) == 0 ?
		    sz : def;
	return (size_t)config_setting_get_int64(s) ?
	    (size_t)config_setting_get_int64(s) :
	    (size_t)config_setting_get_int(s);
}

int
cfg_valid_address(const char *s)
{
	const char *at = strchr(s, '@');

	return at != NULL && at != s && at[1] != '\0' &&
	    strchr(at + 1, '@') == NULL && strpbrk(s, " <>\r\n,;\"") == NULL;
}

/* Loads one row's field from s (NULL: not in the file) or its default,
 * and holds it to the row's limits. */
static void
load_key(struct loader *ld, struct cfg *cfg, const struct key *k,
    const config_setting_t *s, const char *path)
{
	void		*p = (char *)cfg + k->off;
	const char	*v = NULL;
	int64_t		 n = k->def;
	size_t		 i;
	struct buf	 b;

	if (s != NULL && config_setting_type(s) == CONFIG_TYPE_STRING)
		v = config_setting_get_string(s);
	switch (k->type) {
	case KT_STR:
	case KT_SECRET:
		if (v != NULL)
			*(char **)p = k->type == KT_SECRET ? secret_path(v) :
			    xstrdup(v);
		else if (k->sdef != NULL && k->in_state)
			*(char **)p = xasprintf("%s/%s", cfg->state_dir,
			    k->sdef);
		else
			*(char **)p = k->sdef ? xstrdup(k->sdef) : NULL;
		return;
	case KT_ENUM:
		for (i = 0; v != NULL && k->names[i] != NULL; i++)
			if (strcmp(v, k->names[i]) == 0)
				break;
		if (v != NULL && k->names[i] != NULL)
			n = (int64_t)i;
		else if (v != NULL) {
			buf_init(&b);
			for (i = 0; k->names[i] != NULL; i++)
				buf_printf(&b, "%s\"%s\"", i == 0 ? "" :
				    k->names[i + 1] == NULL ? " or " : ", ",
				    k->names[i]);
			cfg_problem(ld, s, "%s must be %s", path, b.data);
			buf_free(&b);
		}
		*(int *)p = (int)n;
		return;
	case KT_BOOL:
		if (s != NULL && config_setting_type(s) == CONFIG_TYPE_BOOL)
			n = config_setting_get_bool(s);
		*(int *)p = (int)n;
		return;
	case KT_INT:
		if (s != NULL)
			n = config_setting_get_int(s);
		*(int *)p = (int)n;
		break;
	case KT_DUR:
		n = cfg_setting_dur(s, k->def);
		*(int64_t *)p = n;
		break;
	case KT_SIZE:
		*(size_t *)p = setting_size(s, (size_t)k->def);
		n = (int64_t)*(size_t *)p;
		break;
	default:
		return;
	}
	if (n < k->min || n > k->max)
		cfg_problem(ld, s, "%s %s", path, k->range);
}

/* Loads every row with a field in keys (the group at prefix), and the
 * groups below it. */
static void
load_keys(struct loader *ld, config_t *c, struct cfg *cfg,
    const struct key *keys, const char *prefix)
{
	const struct key	*k;
	char			*path;

	for (k = keys; k->name != NULL; k++) {
		path = xasprintf("%s%s%s", prefix, *prefix ? "." : "", k->name);
		if (k->type == KT_GROUP)
			load_keys(ld, c, cfg, k->sub, path);
		else if (k->field)
			load_key(ld, cfg, k, config_lookup(c, path), path);
		free(path);
	}
}

/* Frees the strings the rows in keys (and the groups below) filled. */
static void
free_keys(struct cfg *cfg, const struct key *keys)
{
	const struct key	*k;

	for (k = keys; k->name != NULL; k++) {
		if (k->type == KT_GROUP)
			free_keys(cfg, k->sub);
		else if (k->field && (k->type == KT_STR ||
		    k->type == KT_SECRET))
			free(*(char **)((char *)cfg + k->off));
	}
}

static int
valid_id(const char *s)
{
	if (*s == '\0')
		return 0;
	for (; *s != '\0'; s++)
		if (!islower((unsigned char)*s) && !isdigit((unsigned char)*s)
		    && *s != '-' && *s != '_' && *s != '.')
			return 0;
	return 1;
}

/*
 * categories[].addresses (issue 14): mail to one of these addresses
 * opens a case in this category (intake.c), so a confidential complaint
 * is only ever seen by its own officers.  Each must be an address, not
 * the organisation's own, and belong to one category only.
 */
static void
category_addresses(struct loader *ld, struct cfg *cfg, config_setting_t *e,
    struct cfg_category *cat)
{
	config_setting_t	*s = config_setting_get_member(e, "addresses");
	const char		*v;
	size_t			 i, j, k, n;

	if (s == NULL || config_setting_type(s) != CONFIG_TYPE_ARRAY)
		return;
	n = (size_t)config_setting_length(s);
	cat->addresses = xcalloc(n + 1, sizeof *cat->addresses);
	for (i = 0; i < n; i++) {
		v = config_setting_get_string_elem(s, (unsigned)i);
		if (v == NULL || !cfg_valid_address(v)) {
			cfg_problem(ld, s, "categories: \"%s\": addresses "
			    "must be addresses like \"vertrouwelijk@example.org"
			    "\"", cat->id);
			continue;
		}
		if (cfg->org_address != NULL &&
		    strcasecmp(v, cfg->org_address) == 0)
			cfg_problem(ld, s, "categories: \"%s\": %s is the "
			    "organisation's address, which takes every "
			    "category", cat->id, v);
		for (j = 0; cfg->categories != NULL && &cfg->categories[j] !=
		    cat; j++)
			for (k = 0; cfg->categories[j].addresses != NULL &&
			    cfg->categories[j].addresses[k] != NULL; k++)
				if (strcasecmp(cfg->categories[j].addresses[k],
				    v) == 0)
					cfg_problem(ld, s, "categories: %s is "
					    "an address of both \"%s\" and "
					    "\"%s\"", v, cfg->categories[j].id,
					    cat->id);
		cat->addresses[cat->naddresses++] = xstrdup(v);
	}
}

/* The strings of an array setting, NULL-ended; NULL for none. */
static char **
strarray(const config_setting_t *s)
{
	char		**v;
	const char	 *e;
	int		  i, n = s ? config_setting_length(s) : 0;
	size_t		  filled = 0;

	if (n <= 0)
		return NULL;
	v = xcalloc((size_t)n + 1, sizeof *v);
	for (i = 0; i < n; i++)
		if ((e = config_setting_get_string_elem(s, i)) != NULL)
			v[filled++] = xstrdup(e);
	return v;
}

/*
 * categories[].approvers: officers who may approve the category's
 * outcome letters (issue 16).  Each must be an officer, and for a
 * confidential category one named for it: approving means reading it.
 */
static void
check_approvers(struct loader *ld, config_t *c, struct cfg *cfg)
{
	config_setting_t		*l, *e;
	const struct cfg_officer	*o;
	const struct cfg_category	*cat;
	char				**p, **q;
	int				 serves;
	size_t				 i;

	if ((l = config_lookup(c, "categories")) == NULL)
		return;
	for (i = 0; i < cfg->ncategories; i++) {
		cat = &cfg->categories[i];
		if (cat->approvers == NULL ||
		    (e = config_setting_get_elem(l, (unsigned)i)) == NULL)
			continue;
		e = config_setting_get_member(e, "approvers");
		for (p = cat->approvers; *p != NULL; p++) {
			if ((o = cfg_officer_by_id(cfg, *p)) == NULL) {
				cfg_problem(ld, e, "categories: \"%s\" names "
				    "approver \"%s\", who is no officer",
				    cat->id ? cat->id : "?", *p);
				continue;
			}
			serves = o->categories == NULL ||
			    o->categories[0] == NULL;
			for (q = o->categories; !serves && q && *q; q++)
				serves = cat->id && strcmp(*q, cat->id) == 0;
			if (cat->confidential && !serves)
				cfg_problem(ld, e, "categories: approver "
				    "\"%s\" of confidential category \"%s\" "
				    "must be one of its officers", *p, cat->id);
		}
	}
}

static void
load_people(struct loader *ld, config_t *c, struct cfg *cfg)
{
	config_setting_t	*l;
	unsigned		 i, j;

	if ((l = config_lookup(c, "categories")) != NULL &&
	    config_setting_type(l) == CONFIG_TYPE_LIST) {
		cfg->ncategories = (size_t)config_setting_length(l);
		cfg->categories = xcalloc(cfg->ncategories + 1,
		    sizeof *cfg->categories);
		for (i = 0; i < cfg->ncategories; i++) {
			config_setting_t *e = config_setting_get_elem(l, i);
			struct cfg_category *cat = &cfg->categories[i];
			config_setting_t *s;
			const char *v;
			unsigned n, filled;
			int b;

			if (config_setting_lookup_string(e, "id", &v))
				cat->id = xstrdup(v);
			if (config_setting_lookup_string(e, "name", &v))
				cat->name = xstrdup(v);
			if (config_setting_lookup_bool(e, "confidential", &b))
				cat->confidential = b;
			if ((s = config_setting_get_member(e, "retention")) !=
			    NULL)
				cat->retention = cfg_setting_dur(s, -1);
			if (cat->retention < 0 ||
			    (cat->retention > 0 && cat->retention < CAL_DAY))
				cfg_problem(ld, e, "categories: retention "
				    "must be at least one day (e.g. \"5y\")");
			if (cat->id == NULL || !valid_id(cat->id)) {
				cfg_problem(ld, e, "categories: each category "
				    "needs an id of a-z, 0-9, '-', '_', '.'");
				continue;
			}
			if (cat->name == NULL)
				cat->name = xstrdup(cat->id);
			category_addresses(ld, cfg, e, cat);
			s = config_setting_get_member(e, "excluded_officers");
			n = s ? (unsigned)config_setting_length(s) : 0;
			cat->excluded_officers = xcalloc(n + 1,
			    sizeof(char *));
			/* Filled densely; checked against the officers
			 * once they are loaded (below). */
			for (j = 0, filled = 0; j < n; j++)
				if ((v = config_setting_get_string_elem(s,
				    j)) != NULL)
					cat->excluded_officers[filled++] =
					    xstrdup(v);
			cat->approvers = strarray(config_setting_get_member(e,
			    "approvers"));
			for (j = 0; j < i; j++)
				if (cfg->categories[j].id != NULL &&
				    strcmp(cfg->categories[j].id, cat->id) == 0)
					cfg_problem(ld, e, "categories: id "
					    "\"%s\" used twice", cat->id);
		}
	}
	if ((l = config_lookup(c, "officers")) != NULL &&
	    config_setting_type(l) == CONFIG_TYPE_LIST) {
		cfg->nofficers = (size_t)config_setting_length(l);
		cfg->officers = xcalloc(cfg->nofficers + 1,
		    sizeof *cfg->officers);
		for (i = 0; i < cfg->nofficers; i++) {
			config_setting_t *e = config_setting_get_elem(l, i);
			config_setting_t *cats;
			struct cfg_officer *o = &cfg->officers[i];
			const char *v;
			unsigned n, filled;
			int b;

			if (config_setting_lookup_string(e, "id", &v))
				o->id = xstrdup(v);
			if (config_setting_lookup_string(e, "name", &v))
				o->name = xstrdup(v);
			if (config_setting_lookup_string(e, "email", &v))
				o->email = xstrdup(v);
			if (config_setting_lookup_string(e, "title", &v))
				o->title = xstrdup(v);
			if (config_setting_lookup_string(e, "phone", &v))
				o->phone = xstrdup(v);
			if (config_setting_lookup_string(e, "absent", &v)) {
				struct cal_ymd ymd;

				if (cal_parse_day(v, &ymd, NULL) == -1)
					cfg_problem(ld, e, "officers: \"%s\": "
					    "absent = \"%s\" is no date (the "
					    "last day away, as \"2026-12-24\")",
					    o->id ? o->id : "?", v);
				else
					o->absent = xasprintf("%04d-%02d-%02d",
					    ymd.y, ymd.m, ymd.d);
			}
			if (config_setting_lookup_string(e, "substitute", &v))
				o->substitute = xstrdup(v);
			o->digest = 1;
			if (config_setting_lookup_bool(e, "digest", &b))
				o->digest = b != 0;
			if (config_setting_lookup_bool(e, "triage", &b))
				o->triage = b;
			if (o->id == NULL || !valid_id(o->id))
				cfg_problem(ld, e, "officers: each officer "
				    "needs an id of a-z, 0-9, '-', '_', '.'");
			if (o->email == NULL || !cfg_valid_address(o->email))
				cfg_problem(ld, e, "officers: \"%s\" needs a "
				    "valid email = \"name@domain\"", o->id ?
				    o->id : "?");
			if (o->name == NULL)
				o->name = xstrdup(o->id ? o->id : "?");
			cats = config_setting_get_member(e, "categories");
			n = cats ? (unsigned)config_setting_length(cats) : 0;
			o->categories = xcalloc(n + 1, sizeof(char *));
			/* Filled densely: the list ends at its first NULL. */
			for (j = 0, filled = 0; j < n; j++) {
				const char *cid = config_setting_get_string_elem(
				    cats, j);
				if (cid == NULL)
					continue;
				if (cfg_category_by_id(cfg, cid) == NULL)
					cfg_problem(ld, cats, "officers: "
					    "\"%s\" names unknown category \"%s\"",
					    o->id ? o->id : "?", cid);
				o->categories[filled++] = xstrdup(cid);
			}
			for (j = 0; j < i; j++)
				if (o->id && cfg->officers[j].id &&
				    strcmp(cfg->officers[j].id, o->id) == 0)
					cfg_problem(ld, e, "officers: id "
					    "\"%s\" used twice", o->id);
		}
		/* Substitutes name officers, possibly later in the list. */
		for (i = 0; i < cfg->nofficers; i++) {
			struct cfg_officer *o = &cfg->officers[i];
			config_setting_t *e = config_setting_get_elem(l, i);

			if (o->substitute == NULL)
				continue;
			if (cfg_officer_by_id(cfg, o->substitute) == NULL)
				cfg_problem(ld, e, "officers: \"%s\": "
				    "substitute \"%s\" is no officer",
				    o->id ? o->id : "?", o->substitute);
			else if (o->id != NULL &&
			    strcmp(o->substitute, o->id) == 0)
				cfg_problem(ld, e, "officers: \"%s\" cannot be "
				    "their own substitute", o->id);
		}
	}
	/* categories[].excluded_officers names officers. */
	if ((l = config_lookup(c, "categories")) == NULL ||
	    config_setting_type(l) != CONFIG_TYPE_LIST)
		return;
	for (i = 0; i < cfg->ncategories; i++) {
		char **p = cfg->categories[i].excluded_officers;

		for (; p != NULL && *p != NULL; p++)
			if (cfg_officer_by_id(cfg, *p) == NULL)
				cfg_problem(ld, config_setting_get_elem(l, i),
				    "categories: \"%s\" excludes unknown "
				    "officer \"%s\"", cfg->categories[i].id ?
				    cfg->categories[i].id : "?", *p);
	}
	check_approvers(ld, c, cfg);
}

const char *
cfg_default_path(void)
{
	return KL_CONF_PATH;
}

/*
 * libconfig says only "syntax error" at a list's closing bracket when the
 * last element is followed by a comma, the commonest slip when editing a
 * list (and what uncommenting a single example element used to give).
 * Returns 1 when line `line` of `file` holds a ')' or ']' and the last
 * character before the first of them, skipping blanks and # or //
 * comments, is a comma.
 */
static int
trailing_comma(const char *file, int line)
{
	FILE	*fp;
	char	 buf[4096], last = '\0';
	char	*p, *end;
	int	 n = 0, found = 0;

	if (line <= 0 || (fp = fopen(file, "r")) == NULL)
		return 0;
	while (!found && fgets(buf, sizeof buf, fp) != NULL) {
		if (++n > line)
			break;
		end = buf + strcspn(buf, "#");
		if ((p = strstr(buf, "//")) != NULL && p < end)
			end = p;
		for (p = buf; p < end; p++) {
			if (n == line && (*p == ')' || *p == ']')) {
				found = 1;
				break;
			}
			if (!isspace((unsigned char)*p))
				last = *p;
		}
	}
	fclose(fp);
	return found && last == ',';
}

/* The zone database the timezone key names a file in (tzfile(5)). */
#define ZONEINFO_DIR	"/usr/share/zoneinfo"

/* A zone name is a relative path of the zone database ("Europe/Amsterdam",
 * "UTC") naming a regular file in it; ".." and a leading "/" are refused so
 * that the name cannot point outside it. */
static int
valid_timezone(const char *tz)
{
	struct stat	 sb;
	char		*p;
	int		 ok;

	if (*tz == '\0' || *tz == '/' || strstr(tz, "..") != NULL ||
	    strspn(tz, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	    "0123456789/_+-") != strlen(tz))
		return 0;
	p = xasprintf("%s/%s", ZONEINFO_DIR, tz);
	ok = stat(p, &sb) == 0 && S_ISREG(sb.st_mode);
	free(p);
	return ok;
}

void
cfg_apply_timezone(const struct cfg *cfg)
{
	static int	 saved;
	static char	*orig;		/* TZ at start; NULL: unset */
	const char	*v;

	if (!saved) {
		saved = 1;
		if ((v = getenv("TZ")) != NULL)
			orig = xstrdup(v);
	}
	if (cfg != NULL && cfg->timezone != NULL)
		setenv("TZ", cfg->timezone, 1);
	else if (orig != NULL)
		setenv("TZ", orig, 1);
	else
		unsetenv("TZ");
	/* localtime_r() need not look at TZ again: make it. */
	tzset();
}

struct cfg *
cfg_load(const char *path, const char *state_dir, char **cause)
{
	return cfg_load_text(path, NULL, state_dir, cause);
}

struct cfg *
cfg_load_text(const char *path, const char *text, const char *state_dir,
    char **cause)
{
	struct loader	 ld;
	struct cfg	*cfg;
	config_t	 c;
	config_setting_t *s;
	size_t		 i;

	memset(&ld, 0, sizeof ld);
	ld.file = path ? path : "(built-in defaults)";
	buf_init(&ld.errors);
	config_init(&c);
	if (path != NULL && (text != NULL ? config_read_string(&c, text) :
	    config_read_file(&c, path)) != CONFIG_TRUE) {
		if (config_error_type(&c) == CONFIG_ERR_FILE_IO)
			set_cause(cause, "%s: cannot read: %s", path,
			    strerror(errno ? errno : ENOENT));
		else {
			const char *ef = config_error_file(&c) ?
			    config_error_file(&c) : path;

			set_cause(cause, "%s:%d: %s%s", ef,
			    config_error_line(&c), config_error_text(&c),
			    trailing_comma(ef, config_error_line(&c)) ?
			    " (a trailing comma after the last element? "
			    "libconfig allows none before ')' or ']')" : "");
		}
		config_destroy(&c);
		buf_free(&ld.errors);
		return NULL;
	}
	check_group(&ld, config_root_setting(&c), k_root);

	cfg = xcalloc(1, sizeof *cfg);
	cfg->path = path ? xstrdup(path) : NULL;
	cfg->settings = cfg_flatten(config_root_setting(&c));
	/* Under systemd, StateDirectory= names the state directory in
	 * $STATE_DIRECTORY: it is the default when the file sets none.
	 * First, since other defaults lie below it. */
	{
		const char *v, *sd = getenv("STATE_DIRECTORY");

		if (state_dir != NULL)
			cfg->state_dir = xstrdup(state_dir);
		else if (config_lookup_string(&c, "state_dir", &v) ==
		    CONFIG_TRUE)
			cfg->state_dir = xstrdup(v);
		else if (sd != NULL && *sd == '/') {
			cfg->state_dir = xstrndup(sd, strcspn(sd, ":"));
			/*
			 * deliver (run by the MTA) and klachtctl do not see
			 * $STATE_DIRECTORY: a unit whose StateDirectory= is
			 * not the built-in default (klachtd@.service) would
			 * give them another database.  One state location.
			 */
			if (strcmp(cfg->state_dir, KL_STATE_DIR) != 0)
				cfg_problem(&ld, NULL, "state_dir is not set, "
				    "and systemd's StateDirectory= is %s while "
				    "klachtd deliver and klachtctl would use %s: "
				    "set state_dir = \"%s\"; in this file",
				    cfg->state_dir, KL_STATE_DIR,
				    cfg->state_dir);
		} else
			cfg->state_dir = xstrdup(KL_STATE_DIR);
	}
	load_keys(&ld, &c, cfg, k_root, "");
	/* Letters on paper (issue 16): the return address, a logo, the
	 * post room (outpost.c). */
	if ((s = config_lookup(&c, "organisation.postal_address")) != NULL &&
	    config_setting_type(s) == CONFIG_TYPE_ARRAY) {
		cfg->org_postal = xcalloc((size_t)config_setting_length(s) + 1,
		    sizeof *cfg->org_postal);
		for (i = 0; i < (size_t)config_setting_length(s); i++) {
			const char *v = config_setting_get_string_elem(s,
			    (unsigned)i);

			if (v == NULL || *v == '\0' || strchr(v, '\n'))
				cfg_problem(&ld, s, "organisation.postal_address: "
				    "a list of lines, e.g. [ \"Postbus 1\", "
				    "\"1234 AB Testdorp\" ]");
			else
				cfg->org_postal[cfg->norg_postal++] =
				    xstrdup(v);
		}
	}
	if (cfg->org_logo != NULL && *cfg->org_logo != '/')
		cfg_problem(&ld, config_lookup(&c, "organisation.logo"),
		    "organisation.logo must be an absolute path to a PNG file");
	if (cfg->print_address != NULL && !cfg_valid_address(cfg->print_address))
		cfg_problem(&ld, config_lookup(&c, "outgoing.print"),
		    "outgoing.print must be an address like "
		    "\"postkamer@example.org\" (the post room, which prints "
		    "letters for complainants without email)");
	for (i = 0; i < CFG_NREDIRECT; i++) {
		char	*key;

		if (cfg->redirect[i] == NULL || cfg_valid_address(
		    cfg->redirect[i]))
			continue;
		key = xasprintf("redirect.%s", k_redirect[i].name);
		cfg_problem(&ld, config_lookup(&c, key), "%s must be an "
		    "address like \"bezwaar@example.org\" (the mailbox "
		    "#forward sends such requests to)", key);
		free(key);
	}
	cfg->busy_timeout_ms *= 1000;
	cfg->language = xstrdup(lang_name(cfg->lang));

	/* Intake: IMAP when configured, else a Maildir (default inbox). */
	if (config_lookup(&c, "intake.imap") != NULL) {
		cfg->intake = CFG_INTAKE_IMAP;
		if (cfg->imap.url == NULL)
			cfg_problem(&ld, config_lookup(&c, "intake.imap"),
			    "intake.imap needs url = \"imaps://host/INBOX\"");
		else if (!str_startswith(cfg->imap.url, "imap://") &&
		    !str_startswith(cfg->imap.url, "imaps://"))
			cfg_problem(&ld, config_lookup(&c, "intake.imap.url"),
			    "intake.imap.url must start with imap:// or "
			    "imaps://");
		if (cfg->imap.user == NULL)
			cfg_problem(&ld, config_lookup(&c, "intake.imap"),
			    "intake.imap needs user = \"...\"");
		if (!!cfg->imap.password_file +
		    !!cfg->imap.oauth2_token_file +
		    !!cfg->imap.oauth2_token_command != 1)
			cfg_problem(&ld, config_lookup(&c, "intake.imap"),
			    "intake.imap needs exactly one of password_file, "
			    "oauth2_token_file, oauth2_token_command");
		if (config_lookup(&c, "intake.maildir") != NULL)
			cfg_problem(&ld, config_lookup(&c, "intake.maildir"),
			    "intake: configure maildir or imap, not both");
	} else
		cfg->intake = CFG_INTAKE_MAILDIR;

	/* Outgoing: SMTP when configured, else a local Maildir. */
	if (config_lookup(&c, "outgoing.smtp") != NULL) {
		cfg->outgoing = CFG_OUT_SMTP;
		if (cfg->smtp.url == NULL)
			cfg_problem(&ld, config_lookup(&c, "outgoing.smtp"),
			    "outgoing.smtp needs url = \"smtp://host:587\"");
		else if (!str_startswith(cfg->smtp.url, "smtp://") &&
		    !str_startswith(cfg->smtp.url, "smtps://"))
			cfg_problem(&ld, config_lookup(&c, "outgoing.smtp.url"),
			    "outgoing.smtp.url must start with smtp:// or "
			    "smtps://");
		if (cfg->smtp.user != NULL && cfg->smtp.password_file == NULL)
			cfg_problem(&ld, config_lookup(&c, "outgoing.smtp"),
			    "outgoing.smtp: user needs password_file (the "
			    "password is never put in this file)");
		if (config_lookup(&c, "outgoing.maildir") != NULL)
			cfg_problem(&ld, config_lookup(&c, "outgoing.maildir"),
			    "outgoing: configure maildir or smtp, not both");
	} else
		cfg->outgoing = CFG_OUT_MAILDIR;
	if (cfg->retry_min < 1 || cfg->retry_max < cfg->retry_min)
		cfg_problem(&ld, config_lookup(&c, "outgoing.retry"),
		    "outgoing.retry: need 1s <= min <= max");

	if (cfg->auth_require != CFG_AUTH_TOKEN && cfg->auth_serv_id == NULL)
		cfg_problem(&ld, config_lookup(&c, "auth"), "auth.require uses "
		    "dkim: set auth.authserv_id to your MX's authserv-id");
	/* RFC 8601 would allow a quoted-string, but every MX writes its
	 * host name; a ';' or a quote in it is a typo that could only ever
	 * match a header crafted to match it. */
	if (cfg->auth_serv_id != NULL && (*cfg->auth_serv_id == '\0' ||
	    strspn(cfg->auth_serv_id, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_") !=
	    strlen(cfg->auth_serv_id)))
		cfg_problem(&ld, config_lookup(&c, "auth.authserv_id"),
		    "auth.authserv_id must be a host name like "
		    "\"mx.example.org\" (letters, digits, '.', '-', '_')");
	if (cfg->timezone != NULL && !valid_timezone(cfg->timezone))
		cfg_problem(&ld, config_lookup(&c, "timezone"),
		    "timezone \"%s\" is not a zone in " ZONEINFO_DIR " "
		    "(e.g. \"Europe/Amsterdam\", \"UTC\")", cfg->timezone);
	if (!cfg_valid_address(cfg->org_address))
		cfg_problem(&ld, config_lookup(&c, "organisation.address"),
		    "organisation.address must be an address like "
		    "\"klachten@example.org\"");
	if (*cfg->ref_prefix == '\0' || strlen(cfg->ref_prefix) > 8 ||
	    strspn(cfg->ref_prefix, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") !=
	    strlen(cfg->ref_prefix))
		cfg_problem(&ld, config_lookup(&c,
		    "organisation.reference_prefix"), "organisation."
		    "reference_prefix must be 1-8 capital letters");

	load_people(&ld, &c, cfg);
	cfg_load_class(&ld, &c, cfg);
	cfg_load_escalation(&ld, &c, cfg);
	cfg_load_owners(&ld, &c, cfg);
	/* A contact's reply token spells the measure's reference, "m-" and
	 * a year; with the case prefix "M" a case token looks the same. */
	if (cfg->nmeasure_owners > 0 && strcmp(cfg->ref_prefix, "M") == 0)
		cfg_problem(&ld, config_lookup(&c,
		    "organisation.reference_prefix"), "organisation."
		    "reference_prefix \"M\" cannot be told from a measure's "
		    "reference (M-YYYY-NNNN) when measures.owners is set: "
		    "choose another prefix");
	config_destroy(&c);
	if (buf_to_cause(&ld.errors, cause) == -1) {
		cfg_free(cfg);
		return NULL;
	}
	return cfg;
}

void
cfg_free(struct cfg *cfg)
{
	size_t	i;
	char	**p;

	if (cfg == NULL)
		return;
	free_keys(cfg, k_root);
	free(cfg->path);
	free(cfg->settings);
	for (i = 0; i < cfg->norg_postal; i++)
		free(cfg->org_postal[i]);
	free(cfg->org_postal);
	free(cfg->state_dir);
	free(cfg->language);
	for (i = 0; i < cfg->nofficers; i++) {
		free(cfg->officers[i].id);
		free(cfg->officers[i].name);
		free(cfg->officers[i].email);
		free(cfg->officers[i].title);
		free(cfg->officers[i].phone);
		free(cfg->officers[i].absent);
		free(cfg->officers[i].substitute);
		for (p = cfg->officers[i].categories; p && *p; p++)
			free(*p);
		free(cfg->officers[i].categories);
	}
	free(cfg->officers);
	for (i = 0; i < cfg->ncategories; i++) {
		free(cfg->categories[i].id);
		free(cfg->categories[i].name);
		for (p = cfg->categories[i].addresses; p && *p; p++)
			free(*p);
		free(cfg->categories[i].addresses);
		for (p = cfg->categories[i].excluded_officers; p && *p; p++)
			free(*p);
		free(cfg->categories[i].excluded_officers);
		for (p = cfg->categories[i].approvers; p && *p; p++)
			free(*p);
		free(cfg->categories[i].approvers);
	}
	cfg_free_escalation(cfg);
	cfg_free_class(cfg);
	cfg_free_owners(cfg);
	free(cfg->categories);
	free(cfg);
}

const struct cfg_officer *
cfg_officer_by_email(const struct cfg *cfg, const char *email)
{
	size_t	i;

	for (i = 0; email != NULL && i < cfg->nofficers; i++)
		if (cfg->officers[i].email != NULL &&
		    strcasecmp(cfg->officers[i].email, email) == 0)
			return &cfg->officers[i];
	return NULL;
}

const struct cfg_officer *
cfg_officer_by_id(const struct cfg *cfg, const char *id)
{
	size_t	i;

	for (i = 0; id != NULL && i < cfg->nofficers; i++)
		if (cfg->officers[i].id != NULL &&
		    strcmp(cfg->officers[i].id, id) == 0)
			return &cfg->officers[i];
	return NULL;
}

const struct cfg_category *
cfg_category_by_id(const struct cfg *cfg, const char *id)
{
	size_t	i;

	for (i = 0; id != NULL && i < cfg->ncategories; i++)
		if (cfg->categories[i].id != NULL &&
		    strcmp(cfg->categories[i].id, id) == 0)
			return &cfg->categories[i];
	return NULL;
}
