/*
 * klacht.h -- the runtime context handed to every job: the configuration
 * in force, the open database and what is derived from them once rather
 * than by every caller (the reply-token key).  Programs own it; library
 * code only borrows it.
 */
#ifndef KLACHT_KLACHT_H
#define KLACHT_KLACHT_H

#include "cfg.h"
#include "store.h"

/* The reply-token key (read by secret.c), wiped by officer_key_free or
 * klacht_key_drop. */
struct officer_key {
	unsigned char	*data;
	size_t		 len;
};

struct klacht {
	struct cfg		*cfg;
	struct store		*st;
	struct officer_key	*key;	/* reply-token key, NULL until
					   klacht_key() first reads it */
};

/* The domain part of the organisation's address (for Message-IDs). */
const char	*klacht_domain(const struct klacht *);

/*
 * The reply-token key (auth.secret_file), read -- and made when it is
 * missing -- the first time it is asked for and then kept in the context,
 * so that no transaction goes to disk for it.  *key is borrowed: valid
 * until klacht_key_reload() or klacht_key_drop().  0, or -1 with cause
 * (callers inside a transaction treat that as temporary: the next try
 * reads the file again).
 */
int		 klacht_key(struct klacht *, const struct officer_key **key,
		    char **cause);
/* Forgets the key and reads it again from the configuration in force
 * (SIGHUP); on failure the context holds none and the next klacht_key()
 * tries again.  0, or -1 with cause. */
int		 klacht_key_reload(struct klacht *, char **cause);
/* Wipes and frees the key, if any. */
void		 klacht_key_drop(struct klacht *);

#endif
