/*
 * cfg_int.h -- what the configuration loader's files share (cfg.c, the
 * settings table and the checks; cfg_terms.c, terms, working days and
 * escalation; cfg_changes.c, what a reload changed).  Not for use outside
 * them.
 */
#ifndef KLACHT_CFG_INT_H
#define KLACHT_CFG_INT_H

#include <libconfig.h>
#include <stdint.h>

#include "cfg.h"
#include "util.h"

/* The problems found so far, one "file:line: what" line each. */
struct loader {
	const char	*file;
	struct buf	 errors;
	int		 nerrors;
};

/* Adds a problem at setting s (its file and line; NULL: the file). */
void	 cfg_problem(struct loader *, const config_setting_t *s,
	    const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* A duration setting (already checked by the schema) in seconds, or def
 * when s is NULL or does not parse. */
int64_t	 cfg_setting_dur(const config_setting_t *s, int64_t def);
/* An address like "name@domain", one '@', no blanks or brackets. */
int	 cfg_valid_address(const char *);

/* cfg_terms.c: terms.*, workdays.*, escalation.* and each category's
 * terms and ladder, after the categories are loaded. */
void	 cfg_load_escalation(struct loader *, config_t *, struct cfg *);
void	 cfg_free_escalation(struct cfg *);

/* cfg_class.c: departments = ( ... ) and causes = [ ... ] (issue 15). */
void	 cfg_load_class(struct loader *, config_t *, struct cfg *);
void	 cfg_free_class(struct cfg *);

/* cfg_owners.c: measures.owners = ( ... ) (issue 15), after the
 * officers are loaded. */
void	 cfg_load_owners(struct loader *, config_t *, struct cfg *);
void	 cfg_free_owners(struct cfg *);

/* cfg_changes.c: "path = value" lines for every setting of the file, as
 * written, for cfg_changes().  Caller frees. */
char	*cfg_flatten(const config_setting_t *root);

#endif
