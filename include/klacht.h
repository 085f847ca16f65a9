/*
 * klacht.h -- the runtime context handed to every job: the configuration
 * in force and the open database.  Programs own it; library code only
 * borrows it.
 */
#ifndef KLACHT_KLACHT_H
#define KLACHT_KLACHT_H

#include "cfg.h"
#include "store.h"

struct klacht {
	struct cfg	*cfg;
	struct store	*st;
};

/* The domain part of the organisation's address (for Message-IDs). */
const char	*klacht_domain(const struct klacht *);

#endif
