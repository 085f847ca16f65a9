/*
 * cfg.c -- load and check the libconfig configuration file.
 *
 * Checking is driven by one schema table: every group lists the keys it
 * allows and their types, so an unknown key (usually a typo) or a wrong
 * type is reported with file and line instead of being ignored.  All
 * problems are collected, so one run of `klachtd -n` shows them all.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <libconfig.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "calendar.h"
#include "cfg.h"
#include "terms.h"
#include "util.h"
#include "workdays.h"

#ifndef SYSCONFDIR
#define SYSCONFDIR "/etc"
#endif
#ifndef LOCALSTATEDIR
#define LOCALSTATEDIR "/var"
#endif

enum kt { KT_STR, KT_INT, KT_BOOL, KT_DUR, KT_SIZE, KT_GROUP, KT_LIST,
    KT_STRARRAY };

struct key {
	const char		*name;
	enum kt			 type;
	const struct key	*sub;	/* KT_GROUP: members; KT_LIST: element */
};

static const struct key k_org[] = {
	{ "name", KT_STR, NULL }, { "address", KT_STR, NULL },
	{ "reference_prefix", KT_STR, NULL }, { "ombudsman", KT_STR, NULL },
	{ "disputes_body", KT_STR, NULL },
	/* Letters (issue 16). */
	{ "ombudsman_en", KT_STR, NULL }, { "disputes_body_en", KT_STR, NULL },
	{ "phone", KT_STR, NULL }, { "desk", KT_STR, NULL },
	{ "desk_en", KT_STR, NULL }, { "signature", KT_STR, NULL },
	{ "signature_en", KT_STR, NULL },
	{ NULL, 0, NULL } };
static const struct key k_terms[] = {
	{ "decide", KT_DUR, NULL }, { "reopen_window", KT_DUR, NULL },
	{ "profile", KT_STR, NULL }, { "extend_max", KT_DUR, NULL },
	{ "inadmissible", KT_DUR, NULL }, { "committee", KT_BOOL, NULL },
	{ NULL, 0, NULL } };
/* Terms and escalation (issue 5): see load_escalation(). */
static const struct key k_cat_terms[] = {
	{ "decide", KT_DUR, NULL }, { "profile", KT_STR, NULL },
	{ "extend_max", KT_DUR, NULL }, { "inadmissible", KT_DUR, NULL },
	{ "committee", KT_BOOL, NULL }, { NULL, 0, NULL } };
static const struct key k_contact[] = {
	{ "name", KT_STR, NULL }, { "email", KT_STR, NULL },
	{ NULL, 0, NULL } };
static const struct key k_level[] = {
	{ "name", KT_STR, NULL }, { "at", KT_STR, NULL },
	{ "to", KT_STR, NULL }, { "contacts", KT_LIST, k_contact },
	{ NULL, 0, NULL } };
static const struct key k_escalation[] = {
	{ "ladder", KT_LIST, k_level }, { "unassigned_after", KT_DUR, NULL },
	{ "unassigned", KT_LIST, k_contact }, { "digest", KT_STR, NULL },
	{ NULL, 0, NULL } };
static const struct key k_workdays[] = {
	{ "hours", KT_STR, NULL }, { "liberation_day", KT_STR, NULL },
	{ "good_friday", KT_BOOL, NULL }, { "holidays", KT_STRARRAY, NULL },
	{ NULL, 0, NULL } };
static const struct key k_limits[] = {
	{ "max_message_size", KT_SIZE, NULL },
	{ "busy_timeout", KT_DUR, NULL },
	{ "auto_replies_per_day", KT_INT, NULL },
	{ "officer_replies_per_hour", KT_INT, NULL },
	{ "max_attachment_size", KT_SIZE, NULL },
	{ "max_mime_depth", KT_INT, NULL }, { "max_headers", KT_INT, NULL },
	{ "max_acks_per_sender_per_hour", KT_INT, NULL },
	{ "max_notifications_per_sender_per_hour", KT_INT, NULL },
	{ "max_attachments", KT_INT, NULL },
	{ "max_text_size", KT_SIZE, NULL },
	{ "notify_excerpt", KT_SIZE, NULL },
	{ NULL, 0, NULL } };
static const struct key k_maildir[] = {
	{ "path", KT_STR, NULL }, { NULL, 0, NULL } };
static const struct key k_imap[] = {
	{ "url", KT_STR, NULL }, { "user", KT_STR, NULL },
	{ "password_file", KT_STR, NULL },
	{ "oauth2_token_file", KT_STR, NULL },
	{ "oauth2_token_command", KT_STR, NULL },
	{ "processed_mailbox", KT_STR, NULL }, { "ca_file", KT_STR, NULL },
	{ "starttls", KT_STR, NULL }, { "poll_interval", KT_DUR, NULL },
	{ "timeout", KT_DUR, NULL }, { NULL, 0, NULL } };
static const struct key k_intake[] = {
	{ "maildir", KT_GROUP, k_maildir }, { "imap", KT_GROUP, k_imap },
	{ NULL, 0, NULL } };
static const struct key k_smtp[] = {
	{ "url", KT_STR, NULL }, { "user", KT_STR, NULL },
	{ "password_file", KT_STR, NULL }, { "ca_file", KT_STR, NULL },
	{ "starttls", KT_STR, NULL }, { "timeout", KT_DUR, NULL },
	{ NULL, 0, NULL } };
static const struct key k_retry[] = {
	{ "min", KT_DUR, NULL }, { "max", KT_DUR, NULL },
	{ "give_up", KT_DUR, NULL }, { NULL, 0, NULL } };
static const struct key k_outgoing[] = {
	{ "maildir", KT_GROUP, k_maildir }, { "smtp", KT_GROUP, k_smtp },
	{ "retry", KT_GROUP, k_retry }, { NULL, 0, NULL } };
static const struct key k_auth[] = {
	{ "secret_file", KT_STR, NULL }, { "require", KT_STR, NULL },
	{ "authserv_id", KT_STR, NULL },
	{ "token_days", KT_INT, NULL },
	{ NULL, 0, NULL } };
static const struct key k_officer[] = {
	{ "id", KT_STR, NULL }, { "name", KT_STR, NULL },
	{ "email", KT_STR, NULL }, { "categories", KT_STRARRAY, NULL },
	{ "title", KT_STR, NULL }, { "phone", KT_STR, NULL },
	{ NULL, 0, NULL } };
static const struct key k_category[] = {
	{ "id", KT_STR, NULL }, { "name", KT_STR, NULL },
	{ "confidential", KT_BOOL, NULL }, { "retention", KT_DUR, NULL },
	{ "terms", KT_GROUP, k_cat_terms }, { "escalation", KT_LIST, k_level },
	{ NULL, 0, NULL } };
/* Retention and export of personal data (issue 7, privacy.c). */
static const struct key k_retention[] = {
	{ "default", KT_DUR, NULL }, { "notes_about_colleagues", KT_STR, NULL },
	{ NULL, 0, NULL } };
static const struct key k_root[] = {
	{ "organisation", KT_GROUP, k_org },
	{ "state_dir", KT_STR, NULL }, { "database", KT_STR, NULL },
	{ "templates", KT_STR, NULL }, { "language", KT_STR, NULL },
	{ "timezone", KT_STR, NULL },
	{ "terms", KT_GROUP, k_terms }, { "limits", KT_GROUP, k_limits },
	{ "intake", KT_GROUP, k_intake }, { "outgoing", KT_GROUP, k_outgoing },
	{ "auth", KT_GROUP, k_auth },
	{ "retention", KT_GROUP, k_retention },
	{ "officers", KT_LIST, k_officer },
	{ "categories", KT_LIST, k_category },
	{ "escalation", KT_GROUP, k_escalation },
	{ "workdays", KT_GROUP, k_workdays },
	{ NULL, 0, NULL } };

struct loader {
	const char	*file;
	struct buf	 errors;
	int		 nerrors;
};

static void
problem(struct loader *ld, const config_setting_t *s, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
problem(struct loader *ld, const config_setting_t *s, const char *fmt, ...)
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
	case KT_STR:		return "a string";
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
	char		*end;
	unsigned long long n;

	errno = 0;
	n = strtoull(s, &end, 10);
	if (errno != 0 || end == s)
		return -1;
	switch (toupper((unsigned char)*end)) {
	case 'K': n *= 1024ULL; end++; break;
	case 'M': n *= 1024ULL * 1024; end++; break;
	case 'G': n *= 1024ULL * 1024 * 1024; end++; break;
	}
	if (*end == 'B' || *end == 'b')
		end++;
	if (*end != '\0')
		return -1;
	*out = (size_t)n;
	return 0;
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
				problem(ld, s, "%s: %s", path, why);
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
				problem(ld, e, "%s: each entry must be a "
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
		problem(ld, s, "%s must be %s", path, type_name(k->type));
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
			problem(ld, s, "unknown setting \"%s\" (allowed "
			    "here: %s)", path, allowed.data);
			buf_free(&allowed);
			free(path);
			continue;
		}
		check_value(ld, s, k);
	}
}

/* Typed getters: the schema check already ran, so types are right. */
static char *
get_str(config_t *c, const char *path, const char *def)
{
	const char *v;

	if (config_lookup_string(c, path, &v) == CONFIG_TRUE)
		return xstrdup(v);
	return def != NULL ? xstrdup(def) : NULL;
}

static int64_t
get_dur(config_t *c, const char *path, int64_t def)
{
	config_setting_t	*s = config_lookup(c, path);
	int64_t			 d;

	if (s == NULL)
		return def;
	if (config_setting_type(s) == CONFIG_TYPE_STRING) {
		if (cal_parse_duration(config_setting_get_string(s), &d,
		    NULL) == 0)
			return d;
		return def;
	}
	return (int64_t)config_setting_get_int64(s) ?
	    (int64_t)config_setting_get_int64(s) :
	    (int64_t)config_setting_get_int(s);
}

static size_t
get_size(config_t *c, const char *path, size_t def)
{
	config_setting_t	*s = config_lookup(c, path);
	size_t			 sz;

	if (s == NULL)
		return def;
	if (config_setting_type(s) == CONFIG_TYPE_STRING)
		return parse_size(config_setting_get_string(s), &sz) == 0 ?
		    sz : def;
	return (size_t)config_setting_get_int64(s) ?
	    (size_t)config_setting_get_int64(s) :
	    (size_t)config_setting_get_int(s);
}

static enum cfg_tls
get_tls(struct loader *ld, config_t *c, const char *path)
{
	config_setting_t	*s = config_lookup(c, path);
	const char		*v;

	if (s == NULL || (v = config_setting_get_string(s)) == NULL)
		return CFG_TLS_TRY;
	if (strcmp(v, "no") == 0)
		return CFG_TLS_NO;
	if (strcmp(v, "try") == 0)
		return CFG_TLS_TRY;
	if (strcmp(v, "required") == 0)
		return CFG_TLS_REQUIRED;
	problem(ld, s, "%s must be \"no\", \"try\" or \"required\"", path);
	return CFG_TLS_TRY;
}

/*
 * A secret file's path: "${CREDENTIALS_DIRECTORY}/name" becomes the
 * directory systemd passes for LoadCredential= (when it is set).
 */
static char *
get_secret_path(config_t *c, const char *path)
{
	const char	*dir = getenv("CREDENTIALS_DIRECTORY");
	char		*v = get_str(c, path, NULL), *x;
	size_t		 n = strlen(CFG_CREDENTIALS_VAR);

	if (v == NULL || dir == NULL || *dir == '\0' ||
	    strncmp(v, CFG_CREDENTIALS_VAR, n) != 0)
		return v;
	x = xasprintf("%s%s", dir, v + n);
	free(v);
	return x;
}

/* Appends "path = value" lines for s and everything under it. */
static void
flatten(struct buf *b, const config_setting_t *s, const char *prefix)
{
	const config_setting_t	*e;
	char			*path, *val;
	int			 i, n;

	n = config_setting_length(s);
	for (i = 0; i < n; i++) {
		e = config_setting_get_elem(s, (unsigned)i);
		if (config_setting_name(e) != NULL)
			path = xasprintf("%s%s%s", prefix, *prefix ? "." : "",
			    config_setting_name(e));
		else
			path = xasprintf("%s[%d]", prefix, i);
		switch (config_setting_type(e)) {
		case CONFIG_TYPE_GROUP:
		case CONFIG_TYPE_LIST:
		case CONFIG_TYPE_ARRAY:
			if (config_setting_length(e) == 0)
				buf_printf(b, "%s = (empty)\n", path);
			flatten(b, e, path);
			free(path);
			continue;
		case CONFIG_TYPE_STRING:
			val = str_log_safe(config_setting_get_string(e), 200);
			buf_printf(b, "%s = \"%s\"\n", path, val);
			free(val);
			break;
		case CONFIG_TYPE_BOOL:
			buf_printf(b, "%s = %s\n", path,
			    config_setting_get_bool(e) ? "true" : "false");
			break;
		case CONFIG_TYPE_FLOAT:
			buf_printf(b, "%s = %g\n", path,
			    config_setting_get_float(e));
			break;
		default:
			buf_printf(b, "%s = %lld\n", path,
			    config_setting_get_int64(e));
			break;
		}
		free(path);
	}
}

/* The value part of the line for path in a flattened dump, or NULL. */
static const char *
dump_find(const char *dump, const char *path, size_t plen, size_t *vlen)
{
	const char	*p = dump, *nl;

	while (p != NULL && *p != '\0') {
		nl = strchr(p, '\n');
		if (strncmp(p, path, plen) == 0 && strncmp(p + plen, " = ",
		    3) == 0) {
			*vlen = (size_t)(nl - p) - plen - 3;
			return p + plen + 3;
		}
		p = nl ? nl + 1 : NULL;
	}
	return NULL;
}

/* Adds "path: old -> new" for each line of a that b lacks or differs in;
 * with reverse set, for lines only b has. */
static void
dump_diff(struct buf *out, int *n, const char *a, const char *b, int reverse)
{
	const char	*p = a, *nl, *eq, *v;
	size_t		 plen, vlen, alen;

	while (p != NULL && *p != '\0') {
		nl = strchr(p, '\n');
		eq = strstr(p, " = ");
		if (nl == NULL || eq == NULL || eq > nl)
			break;
		plen = (size_t)(eq - p);
		alen = (size_t)(nl - eq) - 3;
		v = dump_find(b, p, plen, &vlen);
		if (reverse ? v == NULL : (v == NULL || vlen != alen ||
		    strncmp(v, eq + 3, alen) != 0)) {
			if ((*n)++ < 20) {
				buf_printf(out, "%s%.*s: ", out->len ? "; " :
				    "", (int)plen, p);
				if (reverse)
					buf_printf(out, "(default) -> %.*s",
					    (int)alen, eq + 3);
				else if (v == NULL)
					buf_printf(out, "%.*s -> (default)",
					    (int)alen, eq + 3);
				else
					buf_printf(out, "%.*s -> %.*s",
					    (int)alen, eq + 3, (int)vlen, v);
			}
		}
		p = nl + 1;
	}
}

char *
cfg_changes(const struct cfg *old, const struct cfg *new)
{
	struct buf	 out;
	const char	*a = old->settings ? old->settings : "";
	const char	*b = new->settings ? new->settings : "";
	int		 n = 0;

	buf_init(&out);
	dump_diff(&out, &n, a, b, 0);
	dump_diff(&out, &n, b, a, 1);
	if (n > 20)
		buf_printf(&out, "; and %d more", n - 20);
	if (n == 0) {
		buf_free(&out);
		return NULL;
	}
	return buf_detach(&out, NULL);
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

static int
valid_address(const char *s)
{
	const char *at = strchr(s, '@');

	return at != NULL && at != s && at[1] != '\0' &&
	    strchr(at + 1, '@') == NULL && strpbrk(s, " <>\r\n,;\"") == NULL;
}

/* A duration member of a list entry (checked by the schema already);
 * 0 when absent, -1 when it does not parse. */
static int64_t
elem_dur(const config_setting_t *e, const char *name)
{
	config_setting_t	*s = config_setting_get_member(e, name);
	int64_t			 d;

	if (s == NULL)
		return 0;
	if (config_setting_type(s) == CONFIG_TYPE_STRING)
		return cal_parse_duration(config_setting_get_string(s), &d,
		    NULL) == 0 ? d : -1;
	return (int64_t)config_setting_get_int64(s) ?
	    (int64_t)config_setting_get_int64(s) :
	    (int64_t)config_setting_get_int(s);
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
			const char *v;
			int b;

			if (config_setting_lookup_string(e, "id", &v))
				cat->id = xstrdup(v);
			if (config_setting_lookup_string(e, "name", &v))
				cat->name = xstrdup(v);
			if (config_setting_lookup_bool(e, "confidential", &b))
				cat->confidential = b;
			if ((cat->retention = elem_dur(e, "retention")) < 0 ||
			    (cat->retention > 0 && cat->retention < 86400))
				problem(ld, e, "categories: retention must be "
				    "at least one day (e.g. \"5y\")");
			if (cat->id == NULL || !valid_id(cat->id)) {
				problem(ld, e, "categories: each category "
				    "needs an id of a-z, 0-9, '-', '_', '.'");
				continue;
			}
			if (cat->name == NULL)
				cat->name = xstrdup(cat->id);
			for (j = 0; j < i; j++)
				if (cfg->categories[j].id != NULL &&
				    strcmp(cfg->categories[j].id, cat->id) == 0)
					problem(ld, e, "categories: id \"%s\" "
					    "used twice", cat->id);
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
			if (o->id == NULL || !valid_id(o->id))
				problem(ld, e, "officers: each officer needs "
				    "an id of a-z, 0-9, '-', '_', '.'");
			if (o->email == NULL || !valid_address(o->email))
				problem(ld, e, "officers: \"%s\" needs a valid "
				    "email = \"name@domain\"", o->id ? o->id :
				    "?");
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
					problem(ld, cats, "officers: \"%s\" "
					    "names unknown category \"%s\"",
					    o->id ? o->id : "?", cid);
				o->categories[filled++] = xstrdup(cid);
			}
			for (j = 0; j < i; j++)
				if (o->id && cfg->officers[j].id &&
				    strcmp(cfg->officers[j].id, o->id) == 0)
					problem(ld, e, "officers: id \"%s\" "
					    "used twice", o->id);
		}
	}
}

/* ------------------------------------ terms and escalation (issue 5) */

/* A duration setting (already checked by the schema) in seconds. */
static int64_t
setting_dur(const config_setting_t *s, int64_t def)
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

/* terms = { ... } of the organisation or a category, over *t. */
static void
load_terms(struct loader *ld, const config_setting_t *g, const char *where,
    struct cfg_terms *t)
{
	config_setting_t	*s;
	const char		*v;
	int			 b;

	if (g == NULL)
		return;
	if ((s = config_setting_get_member(g, "profile")) != NULL &&
	    ((v = config_setting_get_string(s)) == NULL ||
	    terms_parse_profile(v, &t->profile) == -1))
		problem(ld, s, "%s.profile must be \"awb\" or \"wkkgz\"", where);
	if ((s = config_setting_get_member(g, "decide")) != NULL)
		t->decide = setting_dur(s, t->decide);
	else if (config_setting_lookup_bool(g, "committee", &b) && b)
		t->decide = 10 * 7 * 86400;	/* Awb 9:11 lid 1 */
	t->extend_max = setting_dur(config_setting_get_member(g,
	    "extend_max"), t->extend_max);
	t->inadmissible = setting_dur(config_setting_get_member(g,
	    "inadmissible"), t->inadmissible);
	if (t->decide < 86400)
		problem(ld, g, "%s.decide must be at least one day", where);
	if (t->extend_max < 0 || t->extend_max > 366 * 86400)
		problem(ld, g, "%s.extend_max must be between 0 and a year",
		    where);
	if (t->inadmissible < 86400)
		problem(ld, g, "%s.inadmissible must be at least one day",
		    where);
}

static struct cfg_contact *
load_contacts(struct loader *ld, const config_setting_t *l, const char *where,
    size_t *n)
{
	struct cfg_contact	*v;
	unsigned		 i;
	const char		*s;

	*n = 0;
	if (l == NULL || config_setting_type(l) != CONFIG_TYPE_LIST ||
	    config_setting_length(l) == 0)
		return NULL;
	v = xcalloc((size_t)config_setting_length(l), sizeof *v);
	for (i = 0; i < (unsigned)config_setting_length(l); i++) {
		config_setting_t *e = config_setting_get_elem(l, i);

		if (config_setting_type(e) != CONFIG_TYPE_GROUP)
			continue;
		if (!config_setting_lookup_string(e, "email", &s) ||
		    !valid_address(s)) {
			problem(ld, e, "%s: each contact needs a valid email = "
			    "\"name@domain\"", where);
			continue;
		}
		v[*n].email = xstrdup(s);
		v[*n].name = xstrdup(config_setting_lookup_string(e, "name",
		    &s) ? s : v[*n].email);
		(*n)++;
	}
	return v;
}

static void
free_ladder(struct cfg_ladder *lad)
{
	size_t	i, j;

	for (i = 0; i < lad->nlevels; i++) {
		free(lad->levels[i].name);
		for (j = 0; j < lad->levels[i].ncontacts; j++) {
			free(lad->levels[i].contacts[j].name);
			free(lad->levels[i].contacts[j].email);
		}
		free(lad->levels[i].contacts);
	}
	free(lad->levels);
	memset(lad, 0, sizeof *lad);
}

/* escalation = ( { at; to; name; contacts }, ... ), sorted by at. */
static void
load_ladder(struct loader *ld, const config_setting_t *l, const char *where,
    struct cfg_ladder *lad)
{
	struct cfg_level	 lv;
	unsigned		 i;
	size_t			 j;
	const char		*s;
	char			*why = NULL, *sub;

	memset(lad, 0, sizeof *lad);
	if (l == NULL || config_setting_type(l) != CONFIG_TYPE_LIST)
		return;
	lad->levels = xcalloc((size_t)config_setting_length(l) + 1,
	    sizeof *lad->levels);
	for (i = 0; i < (unsigned)config_setting_length(l); i++) {
		config_setting_t *e = config_setting_get_elem(l, i);

		if (config_setting_type(e) != CONFIG_TYPE_GROUP)
			continue;
		memset(&lv, 0, sizeof lv);
		if (!config_setting_lookup_string(e, "at", &s)) {
			problem(ld, e, "%s: each level needs at = \"-1w\", "
			    "\"0d\", \"+1w\" (from the due date)", where);
			continue;
		}
		if (terms_parse_offset(s, &lv.at, &why) == -1) {
			problem(ld, config_setting_get_member(e, "at"),
			    "%s: %s", where, why);
			free(why);
			why = NULL;
			continue;
		}
		for (j = 0; j < lad->nlevels; j++)
			if (lad->levels[j].at == lv.at)
				problem(ld, e, "%s: two levels at \"%s\"",
				    where, s);
		if (config_setting_lookup_string(e, "to", &s)) {
			if (strcmp(s, "assignee") == 0 ||
			    strcmp(s, "behandelaar") == 0)
				lv.to_assignee = 1;
			else
				problem(ld, config_setting_get_member(e, "to"),
				    "%s: to must be \"assignee\" (the officer "
				    "the case is assigned to)", where);
		}
		sub = xasprintf("%s contacts", where);
		lv.contacts = load_contacts(ld, config_setting_get_member(e,
		    "contacts"), sub, &lv.ncontacts);
		free(sub);
		if (!lv.to_assignee && lv.ncontacts == 0)
			problem(ld, e, "%s: a level needs to = \"assignee\" "
			    "and/or contacts = ( { name = ...; email = ...; } )",
			    where);
		if (config_setting_lookup_string(e, "name", &s))
			lv.name = xstrdup(s);
		/* Insert sorted by at. */
		for (j = lad->nlevels; j > 0 && lad->levels[j - 1].at > lv.at;
		    j--)
			lad->levels[j] = lad->levels[j - 1];
		lad->levels[j] = lv;
		lad->nlevels++;
	}
}

static void
load_escalation(struct loader *ld, config_t *c, struct cfg *cfg)
{
	config_setting_t	*s, *l;
	const char		*v;
	char			*why = NULL, *where;
	size_t			 i;
	int			 b, wkkgz;
	int64_t			 day;

	/* Terms of the organisation; terms.decide is cfg->term_decide. */
	cfg->terms.profile = CFG_PROFILE_AWB;
	cfg->terms.decide = cfg->term_decide;
	cfg->terms.extend_max = 4 * 7 * 86400;
	cfg->terms.inadmissible = 4 * 7 * 86400;
	load_terms(ld, config_lookup(c, "terms"), "terms", &cfg->terms);
	cfg->term_decide = cfg->terms.decide;
	cfg->disputes_body = get_str(c, "organisation.disputes_body", NULL);
	cfg->disputes_body_en = get_str(c, "organisation.disputes_body_en",
	    NULL);

	/* Working days. */
	cfg->work_start = 9 * 60;
	cfg->work_end = 17 * 60;
	cfg->liberation_yearly = 1;
	/* A wrong type was reported by the schema check already. */
	if ((s = config_lookup(c, "workdays.hours")) != NULL &&
	    config_setting_type(s) == CONFIG_TYPE_STRING &&
	    workdays_parse_hours(config_setting_get_string(s),
	    &cfg->work_start, &cfg->work_end, &why) == -1) {
		problem(ld, s, "workdays.hours: %s", why);
		free(why);
		why = NULL;
	}
	if ((s = config_lookup(c, "workdays.liberation_day")) != NULL) {
		v = config_setting_get_string(s);
		if (v != NULL && (strcmp(v, "yearly") == 0 ||
		    strcmp(v, "jaarlijks") == 0))
			cfg->liberation_yearly = 1;
		else if (v != NULL && strcmp(v, "lustrum") == 0)
			cfg->liberation_yearly = 0;
		else
			problem(ld, s, "workdays.liberation_day must be "
			    "\"yearly\" (5 May off every year) or \"lustrum\" "
			    "(only in 2025, 2030, ...)");
	}
	if (config_lookup_bool(c, "workdays.good_friday", &b) == CONFIG_TRUE)
		cfg->good_friday = b;
	if ((l = config_lookup(c, "workdays.holidays")) != NULL) {
		cfg->holidays = xcalloc((size_t)config_setting_length(l) + 1,
		    sizeof *cfg->holidays);
		for (i = 0; i < (size_t)config_setting_length(l); i++) {
			v = config_setting_get_string_elem(l, (unsigned)i);
			if (v == NULL || cal_parse_iso_date(v, &day) == -1) {
				problem(ld, l, "workdays.holidays: \"%s\" is not "
				    "a date YYYY-MM-DD", v ? v : "?");
				continue;
			}
			cfg->holidays[cfg->nholidays++] = (int32_t)(atoi(v) *
			    10000 + atoi(v + 5) * 100 + atoi(v + 8));
		}
	}

	/* The default ladder, unassigned cases, the digest. */
	load_ladder(ld, config_lookup(c, "escalation.ladder"),
	    "escalation.ladder", &cfg->ladder);
	cfg->unassigned_after = setting_dur(config_lookup(c,
	    "escalation.unassigned_after"), 16 * 3600);
	if (cfg->unassigned_after < 0)
		problem(ld, config_lookup(c, "escalation.unassigned_after"),
		    "escalation.unassigned_after must not be negative");
	cfg->unassigned = load_contacts(ld, config_lookup(c,
	    "escalation.unassigned"), "escalation.unassigned",
	    &cfg->nunassigned);
	cfg->digest_wday = 1;
	cfg->digest_min = 8 * 60;
	if ((s = config_lookup(c, "escalation.digest")) != NULL) {
		v = config_setting_get_string(s);
		if (v == NULL || *v == '\0' || strcmp(v, "none") == 0 ||
		    strcmp(v, "off") == 0)
			cfg->digest_wday = -1;
		else if (workdays_parse_weekly(v, &cfg->digest_wday,
		    &cfg->digest_min, &why) == -1) {
			problem(ld, s, "escalation.digest: %s (or \"none\")",
			    why);
			free(why);
			why = NULL;
		}
	}

	/* Per category: terms over the organisation's, and a ladder. */
	wkkgz = cfg->terms.profile == CFG_PROFILE_WKKGZ;
	l = config_lookup(c, "categories");
	for (i = 0; l != NULL && i < cfg->ncategories; i++) {
		config_setting_t *e = config_setting_get_elem(l, (unsigned)i);
		struct cfg_category *cat = &cfg->categories[i];

		cat->terms = cfg->terms;
		if (e == NULL || config_setting_type(e) != CONFIG_TYPE_GROUP)
			continue;
		where = xasprintf("categories \"%s\" terms", cat->id ?
		    cat->id : "?");
		load_terms(ld, config_setting_get_member(e, "terms"), where,
		    &cat->terms);
		free(where);
		if (cat->terms.profile == CFG_PROFILE_WKKGZ)
			wkkgz = 1;
		if ((s = config_setting_get_member(e, "escalation")) != NULL) {
			cat->has_ladder = 1;
			where = xasprintf("categories \"%s\" escalation",
			    cat->id ? cat->id : "?");
			load_ladder(ld, s, where, &cat->ladder);
			free(where);
		}
	}
	if (wkkgz && cfg->disputes_body == NULL)
		problem(ld, config_lookup(c, "organisation"), "profile wkkgz: "
		    "set organisation.disputes_body to the geschilleninstantie "
		    "outcome letters must name (Wkkgz art. 18)");
}

static void
free_escalation(struct cfg *cfg)
{
	size_t	i;

	for (i = 0; i < cfg->ncategories; i++)
		free_ladder(&cfg->categories[i].ladder);
	free_ladder(&cfg->ladder);
	for (i = 0; i < cfg->nunassigned; i++) {
		free(cfg->unassigned[i].name);
		free(cfg->unassigned[i].email);
	}
	free(cfg->unassigned);
	free(cfg->holidays);
	free(cfg->disputes_body);
}

const char *
cfg_default_path(void)
{
	return SYSCONFDIR "/klachtd/klachtd.conf";
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
	struct loader	 ld;
	struct cfg	*cfg;
	config_t	 c;
	config_setting_t *s;

	memset(&ld, 0, sizeof ld);
	ld.file = path ? path : "(built-in defaults)";
	buf_init(&ld.errors);
	config_init(&c);
	if (path != NULL && config_read_file(&c, path) != CONFIG_TRUE) {
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
	{
		struct buf dump;

		buf_init(&dump);
		flatten(&dump, config_root_setting(&c), "");
		cfg->settings = buf_detach(&dump, NULL);
	}
	cfg->org_name = get_str(&c, "organisation.name", "Klachtenregeling");
	cfg->org_address = get_str(&c, "organisation.address",
	    "klachten@localhost");
	cfg->ref_prefix = get_str(&c, "organisation.reference_prefix", "KL");
	cfg->ombudsman = get_str(&c, "organisation.ombudsman",
	    "de Nationale ombudsman (www.nationaleombudsman.nl)");
	cfg->ombudsman_en = get_str(&c, "organisation.ombudsman_en", NULL);
	cfg->org_phone = get_str(&c, "organisation.phone", NULL);
	cfg->org_desk = get_str(&c, "organisation.desk", NULL);
	cfg->org_desk_en = get_str(&c, "organisation.desk_en", NULL);
	cfg->signature = get_str(&c, "organisation.signature", NULL);
	cfg->signature_en = get_str(&c, "organisation.signature_en", NULL);
	/* Under systemd, StateDirectory= names the state directory in
	 * $STATE_DIRECTORY: it is the default when the file sets none. */
	if (state_dir != NULL)
		cfg->state_dir = xstrdup(state_dir);
	else if ((cfg->state_dir = get_str(&c, "state_dir", NULL)) == NULL) {
		const char *sd = getenv("STATE_DIRECTORY");

		if (sd != NULL && *sd == '/')
			cfg->state_dir = xstrndup(sd, strcspn(sd, ":"));
		else
			cfg->state_dir = xstrdup(LOCALSTATEDIR "/lib/klachtd");
	}
	cfg->database = get_str(&c, "database", NULL);
	if (cfg->database == NULL)
		cfg->database = xasprintf("%s/klachtd.db", cfg->state_dir);
	cfg->templates = get_str(&c, "templates",
	    SYSCONFDIR "/klachtd/templates");
	cfg->language = get_str(&c, "language", "nl");
	cfg->timezone = get_str(&c, "timezone", NULL);
	cfg->term_decide = get_dur(&c, "terms.decide", 6 * 7 * 86400);
	cfg->max_message_size = get_size(&c, "limits.max_message_size",
	    50 * 1024 * 1024);
	cfg->busy_timeout_ms = get_dur(&c, "limits.busy_timeout", 5) * 1000;
	cfg->auto_reply_limit = 5;
	if ((s = config_lookup(&c, "limits.auto_replies_per_day")) != NULL)
		cfg->auto_reply_limit = config_setting_get_int(s);
	cfg->reopen_window = get_dur(&c, "terms.reopen_window", 8 * 7 * 86400);
	cfg->retention = get_dur(&c, "retention.default", 5 * 365 * 86400);
	if (cfg->retention < 86400)
		problem(&ld, config_lookup(&c, "retention.default"),
		    "retention.default must be at least one day (e.g. \"5y\")");
	{
		char *v = get_str(&c, "retention.notes_about_colleagues",
		    "exclude");

		if (strcmp(v, "include") == 0)
			cfg->export_colleague_notes = 1;
		else if (strcmp(v, "exclude") != 0)
			problem(&ld, config_lookup(&c,
			    "retention.notes_about_colleagues"),
			    "retention.notes_about_colleagues must be "
			    "\"exclude\" or \"include\"");
		free(v);
	}
	cfg->max_attachment_size = get_size(&c, "limits.max_attachment_size",
	    20 * 1024 * 1024);
	cfg->max_mime_depth = 20;
	if ((s = config_lookup(&c, "limits.max_mime_depth")) != NULL)
		cfg->max_mime_depth = config_setting_get_int(s);
	cfg->max_headers = 1000;
	if ((s = config_lookup(&c, "limits.max_headers")) != NULL)
		cfg->max_headers = config_setting_get_int(s);
	if (cfg->max_mime_depth < 1 || cfg->max_mime_depth > 500)
		problem(&ld, config_lookup(&c, "limits.max_mime_depth"),
		    "limits.max_mime_depth must be between 1 and 500");
	if (cfg->max_headers < 10)
		problem(&ld, config_lookup(&c, "limits.max_headers"),
		    "limits.max_headers must be at least 10");
	/* Floods (issue 18 F8): per sender (address without +tag) and
	 * hour, new cases beyond these get no acknowledgement / no
	 * notification each; they are stored all the same. */
	cfg->max_acks_per_hour = 5;
	if ((s = config_lookup(&c,
	    "limits.max_acks_per_sender_per_hour")) != NULL)
		cfg->max_acks_per_hour = config_setting_get_int(s);
	if (cfg->max_acks_per_hour < 1)
		problem(&ld, s, "limits.max_acks_per_sender_per_hour must be "
		    "at least 1");
	cfg->max_notifications_per_hour = 10;
	if ((s = config_lookup(&c,
	    "limits.max_notifications_per_sender_per_hour")) != NULL)
		cfg->max_notifications_per_hour = config_setting_get_int(s);
	if (cfg->max_notifications_per_hour < 1)
		problem(&ld, s, "limits.max_notifications_per_sender_per_hour "
		    "must be at least 1");
	/* Memory and size per message (issue 18 F10). */
	cfg->max_attachments = 100;
	if ((s = config_lookup(&c, "limits.max_attachments")) != NULL)
		cfg->max_attachments = config_setting_get_int(s);
	if (cfg->max_attachments < 1)
		problem(&ld, s, "limits.max_attachments must be at least 1");
	cfg->max_text_size = get_size(&c, "limits.max_text_size",
	    1024 * 1024);
	if (cfg->max_text_size < 1024)
		problem(&ld, config_lookup(&c, "limits.max_text_size"),
		    "limits.max_text_size must be at least 1K");
	cfg->notify_excerpt = get_size(&c, "limits.notify_excerpt", 8 * 1024);
	if (cfg->notify_excerpt < 256)
		problem(&ld, config_lookup(&c, "limits.notify_excerpt"),
		    "limits.notify_excerpt must be at least 256 bytes");
	if (cfg->reopen_window < 0)
		problem(&ld, config_lookup(&c, "terms.reopen_window"),
		    "terms.reopen_window must not be negative");

	/* Intake: IMAP when configured, else a Maildir (default inbox). */
	if (config_lookup(&c, "intake.imap") != NULL) {
		cfg->intake = CFG_INTAKE_IMAP;
		cfg->imap.url = get_str(&c, "intake.imap.url", NULL);
		cfg->imap.user = get_str(&c, "intake.imap.user", NULL);
		cfg->imap.password_file = get_secret_path(&c,
		    "intake.imap.password_file");
		cfg->imap.oauth2_token_file = get_secret_path(&c,
		    "intake.imap.oauth2_token_file");
		cfg->imap.oauth2_token_command = get_str(&c,
		    "intake.imap.oauth2_token_command", NULL);
		cfg->imap.processed_mailbox = get_str(&c,
		    "intake.imap.processed_mailbox", NULL);
		cfg->imap.ca_file = get_str(&c, "intake.imap.ca_file", NULL);
		cfg->imap.starttls = get_tls(&ld, &c, "intake.imap.starttls");
		cfg->imap.poll_interval = get_dur(&c,
		    "intake.imap.poll_interval", 60);
		cfg->imap.timeout = get_dur(&c, "intake.imap.timeout", 60);
		if (cfg->imap.url == NULL)
			problem(&ld, config_lookup(&c, "intake.imap"),
			    "intake.imap needs url = \"imaps://host/INBOX\"");
		else if (!str_startswith(cfg->imap.url, "imap://") &&
		    !str_startswith(cfg->imap.url, "imaps://"))
			problem(&ld, config_lookup(&c, "intake.imap.url"),
			    "intake.imap.url must start with imap:// or "
			    "imaps://");
		if (cfg->imap.user == NULL)
			problem(&ld, config_lookup(&c, "intake.imap"),
			    "intake.imap needs user = \"...\"");
		if (!!cfg->imap.password_file +
		    !!cfg->imap.oauth2_token_file +
		    !!cfg->imap.oauth2_token_command != 1)
			problem(&ld, config_lookup(&c, "intake.imap"),
			    "intake.imap needs exactly one of password_file, "
			    "oauth2_token_file, oauth2_token_command");
		if (config_lookup(&c, "intake.maildir") != NULL)
			problem(&ld, config_lookup(&c, "intake.maildir"),
			    "intake: configure maildir or imap, not both");
	} else {
		cfg->intake = CFG_INTAKE_MAILDIR;
		cfg->intake_maildir = get_str(&c, "intake.maildir.path", NULL);
		if (cfg->intake_maildir == NULL)
			cfg->intake_maildir = xasprintf("%s/inbox",
			    cfg->state_dir);
	}

	/* Outgoing: SMTP when configured, else a local Maildir. */
	if (config_lookup(&c, "outgoing.smtp") != NULL) {
		cfg->outgoing = CFG_OUT_SMTP;
		cfg->smtp.url = get_str(&c, "outgoing.smtp.url", NULL);
		cfg->smtp.user = get_str(&c, "outgoing.smtp.user", NULL);
		cfg->smtp.password_file = get_secret_path(&c,
		    "outgoing.smtp.password_file");
		cfg->smtp.ca_file = get_str(&c, "outgoing.smtp.ca_file", NULL);
		cfg->smtp.starttls = get_tls(&ld, &c, "outgoing.smtp.starttls");
		cfg->smtp.timeout = get_dur(&c, "outgoing.smtp.timeout", 60);
		if (cfg->smtp.url == NULL)
			problem(&ld, config_lookup(&c, "outgoing.smtp"),
			    "outgoing.smtp needs url = \"smtp://host:587\"");
		else if (!str_startswith(cfg->smtp.url, "smtp://") &&
		    !str_startswith(cfg->smtp.url, "smtps://"))
			problem(&ld, config_lookup(&c, "outgoing.smtp.url"),
			    "outgoing.smtp.url must start with smtp:// or "
			    "smtps://");
		if (cfg->smtp.user != NULL && cfg->smtp.password_file == NULL)
			problem(&ld, config_lookup(&c, "outgoing.smtp"),
			    "outgoing.smtp: user needs password_file (the "
			    "password is never put in this file)");
		if (config_lookup(&c, "outgoing.maildir") != NULL)
			problem(&ld, config_lookup(&c, "outgoing.maildir"),
			    "outgoing: configure maildir or smtp, not both");
	} else {
		cfg->outgoing = CFG_OUT_MAILDIR;
		cfg->out_maildir = get_str(&c, "outgoing.maildir.path", NULL);
		if (cfg->out_maildir == NULL)
			cfg->out_maildir = xasprintf("%s/outgoing",
			    cfg->state_dir);
	}
	cfg->retry_min = get_dur(&c, "outgoing.retry.min", 60);
	cfg->retry_max = get_dur(&c, "outgoing.retry.max", 3600);
	cfg->retry_give_up = get_dur(&c, "outgoing.retry.give_up", 5 * 86400);
	if (cfg->retry_min < 1 || cfg->retry_max < cfg->retry_min)
		problem(&ld, config_lookup(&c, "outgoing.retry"),
		    "outgoing.retry: need 1s <= min <= max");

	cfg->auth_secret_file = get_secret_path(&c, "auth.secret_file");
	if (cfg->auth_secret_file == NULL)
		cfg->auth_secret_file = xasprintf("%s/auth.key",
		    cfg->state_dir);
	cfg->auth_require = get_str(&c, "auth.require", "token");
	cfg->auth_serv_id = get_str(&c, "auth.authserv_id", NULL);
	if (strcmp(cfg->auth_require, "token") != 0 &&
	    strcmp(cfg->auth_require, "dkim") != 0 &&
	    strcmp(cfg->auth_require, "token-or-dkim") != 0 &&
	    strcmp(cfg->auth_require, "token-and-dkim") != 0)
		problem(&ld, config_lookup(&c, "auth.require"),
		    "auth.require must be \"token\", \"dkim\", "
		    "\"token-or-dkim\" or \"token-and-dkim\"");
	if (strstr(cfg->auth_require, "dkim") != NULL &&
	    cfg->auth_serv_id == NULL)
		problem(&ld, config_lookup(&c, "auth"), "auth.require uses "
		    "dkim: set auth.authserv_id to your MX's authserv-id");
	/* Issue 18: reply tokens expire; officer answers are rate-limited. */
	cfg->auth_token_days = 180;
	if ((s = config_lookup(&c, "auth.token_days")) != NULL) {
		cfg->auth_token_days = config_setting_get_int(s);
		if (cfg->auth_token_days < 1 || cfg->auth_token_days > 3650)
			problem(&ld, s, "auth.token_days must be 1 to 3650 "
			    "(days a reply token is accepted)");
	}
	cfg->officer_reply_limit = 30;
	if ((s = config_lookup(&c, "limits.officer_replies_per_hour")) !=
	    NULL) {
		cfg->officer_reply_limit = config_setting_get_int(s);
		if (cfg->officer_reply_limit < 1)
			problem(&ld, s, "limits.officer_replies_per_hour must "
			    "be at least 1");
	}

	if (strcmp(cfg->language, "nl") != 0 && strcmp(cfg->language, "en"))
		problem(&ld, config_lookup(&c, "language"),
		    "language must be \"nl\" or \"en\"");
	if (cfg->timezone != NULL && !valid_timezone(cfg->timezone))
		problem(&ld, config_lookup(&c, "timezone"),
		    "timezone \"%s\" is not a zone in " ZONEINFO_DIR " "
		    "(e.g. \"Europe/Amsterdam\", \"UTC\")", cfg->timezone);
	if (!valid_address(cfg->org_address))
		problem(&ld, config_lookup(&c, "organisation.address"),
		    "organisation.address must be an address like "
		    "\"klachten@example.org\"");
	if (*cfg->ref_prefix == '\0' || strlen(cfg->ref_prefix) > 8 ||
	    strspn(cfg->ref_prefix, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") !=
	    strlen(cfg->ref_prefix))
		problem(&ld, config_lookup(&c, "organisation.reference_prefix"),
		    "organisation.reference_prefix must be 1-8 capital "
		    "letters");
	if (cfg->term_decide < 86400)
		problem(&ld, config_lookup(&c, "terms.decide"),
		    "terms.decide must be at least one day");

	load_people(&ld, &c, cfg);
	load_escalation(&ld, &c, cfg);
	config_destroy(&c);
	if (ld.nerrors > 0) {
		if (cause != NULL)
			*cause = buf_detach(&ld.errors, NULL);
		else
			buf_free(&ld.errors);
		cfg_free(cfg);
		return NULL;
	}
	buf_free(&ld.errors);
	return cfg;
}

void
cfg_free(struct cfg *cfg)
{
	size_t	i;
	char	**p;

	if (cfg == NULL)
		return;
	free(cfg->path);
	free(cfg->settings);
	free(cfg->org_name);
	free(cfg->org_address);
	free(cfg->ref_prefix);
	free(cfg->ombudsman);
	free(cfg->ombudsman_en);
	free(cfg->disputes_body_en);
	free(cfg->org_phone);
	free(cfg->org_desk);
	free(cfg->org_desk_en);
	free(cfg->signature);
	free(cfg->signature_en);
	free(cfg->state_dir);
	free(cfg->database);
	free(cfg->templates);
	free(cfg->language);
	free(cfg->timezone);
	free(cfg->intake_maildir);
	free(cfg->imap.url);
	free(cfg->imap.user);
	free(cfg->imap.password_file);
	free(cfg->imap.oauth2_token_file);
	free(cfg->imap.oauth2_token_command);
	free(cfg->imap.processed_mailbox);
	free(cfg->imap.ca_file);
	free(cfg->out_maildir);
	free(cfg->smtp.url);
	free(cfg->smtp.user);
	free(cfg->smtp.password_file);
	free(cfg->smtp.ca_file);
	free(cfg->auth_secret_file);
	free(cfg->auth_require);
	free(cfg->auth_serv_id);
	for (i = 0; i < cfg->nofficers; i++) {
		free(cfg->officers[i].id);
		free(cfg->officers[i].name);
		free(cfg->officers[i].email);
		free(cfg->officers[i].title);
		free(cfg->officers[i].phone);
		for (p = cfg->officers[i].categories; p && *p; p++)
			free(*p);
		free(cfg->officers[i].categories);
	}
	free(cfg->officers);
	for (i = 0; i < cfg->ncategories; i++) {
		free(cfg->categories[i].id);
		free(cfg->categories[i].name);
	}
	free_escalation(cfg);
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
