/*
 * casestate.h -- the words of a case: its states, judgements, priorities
 * and reference.
 *
 * One table each, in casestate.c: a stable id (used in code, the
 * database, reports and templates), the Dutch and English labels people
 * read in mail, and the words officers may type for it.  Commands,
 * letters, reports and the register all take their words from here.  The
 * lifecycle is an explicit state machine: case_transition_ok() is the one
 * place that says which moves are legal (case.c does them).
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
	/* Administrative ends (issue 14): no letter, not a complaint in
	 * the register or the reports' figures, counted apart. */
	CS_MERGED,		/* merged into another case (#merge) */
	CS_VOID,		/* void: duplicate, misdirected, spam (#void) */
	/* Informal end (issue 15, Awb 9:5): a complaint, but no judgement;
	 * the complainant may still ask for formal handling within
	 * terms.formal_request_window (back to in_progress). */
	CS_RESOLVED,		/* resolved informally (#resolved) */
	/* Issue 15: no complaint but a request for another desk (a
	 * bezwaar, a Woo request, ...), sent there with its date of
	 * receipt (#forward, Awb 2:3 and 6:15); ends like merged and void. */
	CS_FORWARDED,
	CS_INVALID = -1
};
#define CS_NSTATES	(CS_FORWARDED + 1)

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
/* Whether s is an administrative end (merged, void, forwarded): the
 * case is no complaint for the register and the reports. */
int		 case_state_administrative(enum case_state s);

/*
 * Judgements (Awb 9:12 / Wkkgz art. 18), in the order reports list them.
 * Ids: gegrond, deels-gegrond, ongegrond, niet-ontvankelijk, ingetrokken.
 */
enum judgement {
	J_UPHELD,		/* gegrond */
	J_PARTLY_UPHELD,	/* deels gegrond */
	J_NOT_UPHELD,		/* ongegrond */
	J_INADMISSIBLE,		/* niet-ontvankelijk (Awb 9:8) */
	J_WITHDRAWN,		/* ingetrokken */
	J_INVALID = -1
};
#define JUDGEMENT_COUNT	5

/* "gegrond"; NULL for J_INVALID. */
const char	*judgement_id(enum judgement);
/*
 * A judgement as an officer may write it: the id, a label or an alias
 * ("Gegrond", "deels gegrond", "upheld", "partially_upheld", ...),
 * case-insensitive, with spaces and underscores taken as hyphens.
 * J_INVALID if it is none.
 */
enum judgement	 judgement_parse(const char *word);
/* Whether a judgement is on the merits (gegrond, deels-gegrond,
 * ongegrond), as opposed to not handling or a withdrawal. */
int		 judgement_on_merits(enum judgement);
/* An id exactly as judgement_id() gives it (values read from the
 * database); J_INVALID otherwise. */
enum judgement	 judgement_by_id(const char *id);
/* By id string: whether id is a canonical id (exactly), and its label
 * ("deels gegrond" / "partly upheld"; an unknown id is returned as it
 * is, NULL as ""). */
int		 case_judgement_valid(const char *id);
const char	*case_judgement_label(const char *id, const char *lang);

/* Priorities; the database keeps the id (default "normal"). */
enum priority {
	PRIO_LOW,
	PRIO_NORMAL,
	PRIO_HIGH,
	PRIO_URGENT,
	PRIO_INVALID = -1
};

/* "low", "normal", "high", "urgent"; NULL for PRIO_INVALID. */
const char	*priority_id(enum priority);
/* The id, a label or an alias ("laag", "spoed", ...), case-insensitive;
 * PRIO_INVALID if none. */
enum priority	 priority_parse(const char *word);

/*
 * The case reference: <prefix>-<year>-<seq>, the sequence at least five
 * digits ("KL-2026-00042"); carried as "[KL-2026-00042]" in subjects.
 */
/* Formats a reference.  Caller frees. */
char		*caseref_format(const char *prefix, int year, long long seq);
/* Finds "[KL-2026-00042]" (prefix case-insensitive) in a subject; returns
 * the reference with the prefix in upper case (caller frees) or NULL. */
char		*caseref_find(const char *subject, const char *prefix);

#endif
