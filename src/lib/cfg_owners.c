/*
 * cfg_owners.c -- the named contacts who may own an improvement measure
 * beside the officers (issue 15):
 *
 *	measures = { owners = (
 *	    { id = "facilitair"; name = "Team Facilitair";
 *	      email = "facilitair@example.org"; } ); };
 *
 * The id is what an officer types after #maatregel and what the owner's
 * reply token carries (token.h), so it is a word [a-z0-9._-] of at most
 * 20 bytes (a reply address must stay within 64 octets).  An id that is
 * also an officer's would make "#maatregel <id>" mean two people, and an
 * address that is an officer's would make the owner's mail an officer's:
 * both are configuration errors, like a duplicate.
 */
#include "config.h"

#include <libconfig.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cfg.h"
#include "cfg_int.h"
#include "util.h"

#define OWNER_ID_MAX	20

static int
valid_owner_id(const char *s)
{
	size_t	n = 0;

	for (; *s != '\0'; s++, n++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		    *s == '.' || *s == '_' || *s == '-'))
			return 0;
	return n >= 1 && n <= OWNER_ID_MAX;
}

/* Why owner (id, email) clashes with what is loaded, or NULL. */
static char *
clash(const struct cfg *cfg, const char *id, const char *email)
{
	size_t	i;

	if (cfg_officer_by_id(cfg, id) != NULL)
		return xasprintf("\"%s\" is also an officer id (an officer "
		    "owns a measure as an officer)", id);
	if (cfg_officer_by_email(cfg, email) != NULL)
		return xasprintf("\"%s\": %s is an officer's address", id,
		    email);
	if (cfg->org_address != NULL && strcasecmp(email,
	    cfg->org_address) == 0)
		return xasprintf("\"%s\": %s is the organisation's address",
		    id, email);
	for (i = 0; i < cfg->nmeasure_owners; i++) {
		if (strcmp(cfg->measure_owners[i].id, id) == 0)
			return xasprintf("\"%s\" is listed twice", id);
		if (strcasecmp(cfg->measure_owners[i].email, email) == 0)
			return xasprintf("\"%s\" and \"%s\" share the address "
			    "%s", cfg->measure_owners[i].id, id, email);
	}
	return NULL;
}

void
cfg_load_owners(struct loader *ld, config_t *c, struct cfg *cfg)
{
	config_setting_t	*l, *e;
	const char		*id, *email, *name;
	char			*why;
	size_t			 i, n;

	if ((l = config_lookup(c, "measures.owners")) == NULL ||
	    config_setting_type(l) != CONFIG_TYPE_LIST)
		return;
	n = (size_t)config_setting_length(l);
	cfg->measure_owners = xcalloc(n + 1, sizeof *cfg->measure_owners);
	for (i = 0; i < n; i++) {
		struct cfg_owner *o =
		    &cfg->measure_owners[cfg->nmeasure_owners];

		e = config_setting_get_elem(l, (unsigned)i);
		if (!config_setting_lookup_string(e, "id", &id) ||
		    !valid_owner_id(id)) {
			cfg_problem(ld, e, "measures.owners: each needs an id "
			    "of lowercase letters, digits, '.', '_' or '-' (at "
			    "most %d)", OWNER_ID_MAX);
			continue;
		}
		if (!config_setting_lookup_string(e, "email", &email) ||
		    !cfg_valid_address(email)) {
			cfg_problem(ld, e, "measures.owners: \"%s\" needs a "
			    "valid email = \"name@domain\"", id);
			continue;
		}
		if ((why = clash(cfg, id, email)) != NULL) {
			cfg_problem(ld, e, "measures.owners: %s", why);
			free(why);
			continue;
		}
		o->id = xstrdup(id);
		o->email = xstrdup(email);
		o->name = xstrdup(config_setting_lookup_string(e, "name",
		    &name) && *name != '\0' ? name : id);
		cfg->nmeasure_owners++;
	}
}

void
cfg_free_owners(struct cfg *cfg)
{
	size_t	i;

	for (i = 0; i < cfg->nmeasure_owners; i++) {
		free(cfg->measure_owners[i].id);
		free(cfg->measure_owners[i].name);
		free(cfg->measure_owners[i].email);
	}
	free(cfg->measure_owners);
}

const struct cfg_owner *
cfg_owner_by_id(const struct cfg *cfg, const char *id)
{
	size_t	i;

	for (i = 0; id != NULL && i < cfg->nmeasure_owners; i++)
		if (strcmp(cfg->measure_owners[i].id, id) == 0)
			return &cfg->measure_owners[i];
	return NULL;
}

const struct cfg_owner *
cfg_owner_by_email(const struct cfg *cfg, const char *email)
{
	size_t	i;

	for (i = 0; email != NULL && i < cfg->nmeasure_owners; i++)
		if (strcasecmp(cfg->measure_owners[i].email, email) == 0)
			return &cfg->measure_owners[i];
	return NULL;
}
