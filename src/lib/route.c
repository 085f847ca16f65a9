/*
 * route.c -- the category a new complaint's address names (route.h).
 */
#include "config.h"

#include <string.h>
#include <strings.h>

#include "route.h"

/* Whether rcpt is the complaints address plus "+<id>" with id the id of
 * cat: same local part and domain (case-insensitive), no dot in id. */
static int
plus_category(const struct cfg *cfg, const char *rcpt,
    const struct cfg_category *cat)
{
	const char	*at = strrchr(cfg->org_address, '@');
	const char	*rat = strrchr(rcpt, '@');
	size_t		 local, idlen = strlen(cat->id);

	if (at == NULL || rat == NULL || strchr(cat->id, '.') != NULL)
		return 0;
	local = (size_t)(at - cfg->org_address);
	return strcasecmp(at, rat) == 0 &&
	    (size_t)(rat - rcpt) == local + 1 + idlen &&
	    strncasecmp(rcpt, cfg->org_address, local) == 0 &&
	    rcpt[local] == '+' && strncmp(rcpt + local + 1, cat->id,
	    idlen) == 0;
}

/* Whether rcpt names category cat. */
static int
names(const struct cfg *cfg, const char *rcpt,
    const struct cfg_category *cat)
{
	size_t	i;

	if (plus_category(cfg, rcpt, cat))
		return 1;
	for (i = 0; i < cat->naddresses; i++)
		if (strcasecmp(rcpt, cat->addresses[i]) == 0)
			return 1;
	return 0;
}

const struct cfg_category *
route_category(const struct cfg *cfg, const struct mail *m)
{
	const struct cfg_category	*found = NULL, *cat;
	size_t				 i, j;

	for (j = 0; j < cfg->ncategories; j++) {
		cat = &cfg->categories[j];
		for (i = 0; i < m->nrcpts; i++) {
			if (m->rcpts[i] == NULL || !names(cfg, m->rcpts[i],
			    cat))
				continue;
			if (cat->confidential)
				return cat;
			if (found == NULL)
				found = cat;
		}
	}
	return found;
}
