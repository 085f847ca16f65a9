/*
 * redirect.h -- requests that are no complaint (issue 15): the kinds
 * #forward / #doorsturen knows, and the detector that hints at a bezwaar
 * or a Woo request in the officers' notification of a new case.
 *
 * Pure: no I/O.  The kinds are a fixed list because the law names them
 * (a bezwaarschrift goes to the body that decides on it, Awb 6:15; any
 * other request to the competent body, Awb 2:3); where each goes is the
 * configuration's redirect.* (cfg.h), indexed like redirect_kinds.
 */
#ifndef KLACHT_REDIRECT_H
#define KLACHT_REDIRECT_H

#include <stddef.h>

#include "cfg.h"

struct redirect_kind {
	const char	*id;		/* the Dutch word, stable: bezwaar */
	const char	*en;		/* the English word: objection */
	const char	*what_nl;	/* in a letter: "een bezwaarschrift" */
	const char	*what_en;	/* "a notice of objection" */
};

/* bezwaar/objection, woo/foi, melding/report, schade/damage,
 * overig/other: CFG_NREDIRECT rows, in the order of cfg->redirect[]. */
extern const struct redirect_kind	redirect_kinds[CFG_NREDIRECT];

/* The index of the kind whose Dutch or English word is the len bytes at
 * w (ASCII case-insensitive); -1 if none. */
int		 redirect_kind_find(const char *w, size_t len);

/* What a mail looks like, by redirect_detect(). */
enum redirect_hint {
	REDIRECT_HINT_NONE,
	REDIRECT_HINT_BEZWAAR,	/* a notice of objection (bezwaarschrift) */
	REDIRECT_HINT_WOO	/* a Woo (formerly Wob) request */
};

/*
 * Whether a mail's subject and body (either may be NULL) read like a
 * bezwaar or a Woo request: whole words "bezwaar", "bezwaarschrift",
 * "bezwaar maken", "Woo-verzoek", "Woo", "Wet open overheid", "Wob",
 * "informatieverzoek" (case-insensitive; "Woo" and "Wob" only as words of
 * their own, so "woonwijk" is none).  A bezwaar wins when both appear.
 * Linear in the length of the text; only a hint for the officer, who
 * decides.
 */
enum redirect_hint	 redirect_detect(const char *subject,
			    const char *body);

/* The hint's line for the officers' notification, in lang (nl or en):
 * "Dit lijkt een bezwaarschrift: overweeg #doorsturen bezwaar"; "" for
 * REDIRECT_HINT_NONE.  A static string. */
const char	*redirect_hint_line(enum redirect_hint, const char *lang);

#endif
