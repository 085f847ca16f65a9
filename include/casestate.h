/*
 * casestate.h -- the case lifecycle as an explicit state machine.
 *
 * Stable ids are used in code, the database and commands; labels are what
 * people read in mail (Dutch or English).  case_transition_ok() is the one
 * place that says which moves are legal.
 */
#ifndef KLACHT_CASESTATE_H
#define KLACHT_CASESTATE_H

#include <stddef.h>

enum case_state {
	CS_NEW,			/* received, nothing sent yet */
	CS_ACKNOWLEDGED,	/* acknowledgement queued (Awb 9:6) */
	CS_IN_PROGRESS,
	CS_WAITING,		/* waiting for the complainant */
	CS_DECIDED,		/* judgement given, outcome letter sent */
	CS_CLOSED,
	CS_INVALID = -1
};

const char	*case_state_id(enum case_state);
/* Accepts ids, the Dutch/English labels and the words officers type
 * (case-insensitive). */
enum case_state	 case_state_parse(const char *);
/* The i-th word case_state_parse() accepts for s: 0 the id, 1 the Dutch
 * label, 2 the English label, then the aliases (some may repeat a
 * label); NULL past the last.  For help texts and error messages. */
const char	*case_state_word(enum case_state s, size_t i);
/* Human label: "in behandeling" (nl) / "in progress" (en). */
const char	*case_state_label(enum case_state, const char *lang);
int		 case_transition_ok(enum case_state from, enum case_state to);

/* Judgements (Awb 9:12 / Wkkgz 18): canonical ids and labels. */
int		 case_judgement_valid(const char *id);
const char	*case_judgement_label(const char *id, const char *lang);

#endif
