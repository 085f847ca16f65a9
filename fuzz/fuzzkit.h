/*
 * fuzzkit.h -- what the fuzz targets that run intake share
 * (fuzz_intake, fuzz_officer): a klachtd context on a throw-away state
 * directory under /tmp, with the shipped templates and a store that is
 * made anew on request.
 */
#ifndef KLACHT_FUZZKIT_H
#define KLACHT_FUZZKIT_H

#include "klacht.h"

/* The context: cfg, store and reply-token key ready. */
extern struct klacht			 fuzzkit_k;
extern const struct officer_key		*fuzzkit_key;

/*
 * Makes the state directory and a configuration of the organisation
 * "Gemeente Testdorp" <klachten@testdorp.example>, the state directory,
 * the templates of the source tree (top_srcdir, else KL_TOP_SRCDIR) and
 * extra (more settings, or ""); loads it, opens the logs (errors only,
 * everything with FUZZ_VERBOSE set), GMime, the store and the key.
 * Aborts on any failure; cleans up at exit.
 */
void	fuzzkit_init(const char *name, const char *extra);

/* Throws the store away and opens a new, empty one. */
void	fuzzkit_new_store(void);

/* Aborts the target with "name: what: why". */
void	fuzzkit_die(const char *what, const char *why)
	    __attribute__((noreturn));

#endif
