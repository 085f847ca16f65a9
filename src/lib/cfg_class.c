/*
 * cfg_class.c -- the lists officers classify cases by (issue 15):
 *
 *	departments = ( { id = "burgerzaken"; name = "Burgerzaken"; }, ... );
 *	causes = [ "proces", "gedrag", "communicatie", "beleid",
 *	    "ketenpartner" ];
 *
 * An id is what an officer types after #department or #cause, so it must
 * be a word the command parser can give back: [a-z0-9._-], at most 64
 * bytes (cmdparse.c lowercases what the officer wrote).  No departments
 * are configured by default; causes default to the list above.  An
 * empty "causes = [ ];" turns #cause off.
 */
#include "config.h"

#include <libconfig.h>
#include <stdlib.h>
#include <string.h>

#include "cfg.h"
#include "cfg_int.h"
#include "util.h"

static const char *const default_causes[] = {
	"proces", "gedrag", "communicatie", "beleid", "ketenpartner"
};

/* Whether s is an id the parser can return: [a-z0-9._-]{1,64}. */
static int
valid_id(const char *s)
{
	size_t	n = 0;

	for (; *s != '\0'; s++, n++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		    *s == '.' || *s == '_' || *s == '-'))
			return 0;
	return n >= 1 && n <= 64;
}

static void
load_departments(struct loader *ld, config_t *c, struct cfg *cfg)
{
	config_setting_t	*l, *e;
	const char		*v;
	size_t			 i, j, n;

	if ((l = config_lookup(c, "departments")) == NULL ||
	    config_setting_type(l) != CONFIG_TYPE_LIST)
		return;
	n = (size_t)config_setting_length(l);
	cfg->departments = xcalloc(n + 1, sizeof *cfg->departments);
	for (i = 0; i < n; i++) {
		struct cfg_department *d = &cfg->departments[cfg->ndepartments];

		e = config_setting_get_elem(l, (unsigned)i);
		if (!config_setting_lookup_string(e, "id", &v) ||
		    !valid_id(v)) {
			cfg_problem(ld, e, "departments: each needs an id of "
			    "lowercase letters, digits, '.', '_' or '-' (at "
			    "most 64)");
			continue;
		}
		for (j = 0; j < cfg->ndepartments; j++)
			if (strcmp(cfg->departments[j].id, v) == 0)
				break;
		if (j < cfg->ndepartments) {
			cfg_problem(ld, e, "departments: \"%s\" is listed "
			    "twice", v);
			continue;
		}
		d->id = xstrdup(v);
		d->name = xstrdup(config_setting_lookup_string(e, "name",
		    &v) && *v != '\0' ? v : d->id);
		cfg->ndepartments++;
	}
}

static void
load_causes(struct loader *ld, config_t *c, struct cfg *cfg)
{
	config_setting_t	*a;
	const char		*v;
	size_t			 i, j, n;

	if ((a = config_lookup(c, "causes")) == NULL ||
	    config_setting_type(a) != CONFIG_TYPE_ARRAY) {
		n = sizeof default_causes / sizeof default_causes[0];
		cfg->causes = xcalloc(n + 1, sizeof *cfg->causes);
		for (i = 0; i < n; i++)
			cfg->causes[i] = xstrdup(default_causes[i]);
		cfg->ncauses = n;
		return;
	}
	n = (size_t)config_setting_length(a);
	cfg->causes = xcalloc(n + 1, sizeof *cfg->causes);
	for (i = 0; i < n; i++) {
		v = config_setting_get_string_elem(a, (unsigned)i);
		if (v == NULL || !valid_id(v)) {
			cfg_problem(ld, a, "causes: each must be a word of "
			    "lowercase letters, digits, '.', '_' or '-' (at "
			    "most 64)");
			continue;
		}
		for (j = 0; j < cfg->ncauses; j++)
			if (strcmp(cfg->causes[j], v) == 0)
				break;
		if (j < cfg->ncauses) {
			cfg_problem(ld, a, "causes: \"%s\" is listed twice",
			    v);
			continue;
		}
		cfg->causes[cfg->ncauses++] = xstrdup(v);
	}
}

void
cfg_load_class(struct loader *ld, config_t *c, struct cfg *cfg)
{
	load_departments(ld, c, cfg);
	load_causes(ld, c, cfg);
}

void
cfg_free_class(struct cfg *cfg)
{
	size_t	i;

	for (i = 0; i < cfg->ndepartments; i++) {
		free(cfg->departments[i].id);
		free(cfg->departments[i].name);
	}
	free(cfg->departments);
	for (i = 0; i < cfg->ncauses; i++)
		free(cfg->causes[i]);
	free(cfg->causes);
}

const struct cfg_department *
cfg_department_by_id(const struct cfg *cfg, const char *id)
{
	size_t	i;

	for (i = 0; id != NULL && i < cfg->ndepartments; i++)
		if (strcmp(cfg->departments[i].id, id) == 0)
			return &cfg->departments[i];
	return NULL;
}

const char *
cfg_cause_by_id(const struct cfg *cfg, const char *id)
{
	size_t	i;

	for (i = 0; id != NULL && i < cfg->ncauses; i++)
		if (strcmp(cfg->causes[i], id) == 0)
			return cfg->causes[i];
	return NULL;
}
