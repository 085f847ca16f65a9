/*
 * terms.h -- the statutory terms of complaint handling, as rules.
 *
 * Pure: these functions look at nothing but their arguments (the loaded
 * configuration, a case's dates and counts) and read no clock, file or
 * database.  The executor of officer commands (officer_exec.c) and the
 * deadline scan (escalate.c) ask them what the law allows.
 *
 * Profiles (terms.profile, per category too):
 *
 *   awb    Algemene wet bestuursrecht, hoofdstuk 9.  Decide within 6
 *          weeks of receipt, 10 when an advisory committee handles the
 *          category (9:11 lid 1; configure decide = "10w" or
 *          committee = true).  Extend once by at most 4 weeks, with
 *          written notice to the complainant and the person complained
 *          about (9:11 lid 2); any further delay only with the
 *          complainant's written consent.  A decision not to handle the
 *          complaint (9:8, niet-ontvankelijk) within 4 weeks.  Outcome
 *          letter (9:12): findings, judgement, any conclusions, and the
 *          ombudsman with the term to turn to them.
 *   wkkgz  Wet kwaliteit, klachten en geschillen zorg.  Judgement within
 *          6 weeks (art. 17); extend once by at most 4 weeks, the notice
 *          sent BEFORE the 6 weeks end; further only in consultation
 *          with the complainant (recorded as consent).  Outcome letter
 *          (art. 18): judgement, the decisions taken, the date by which
 *          the measures will be carried out, and the geschilleninstantie.
 *
 * Consent: each extension beyond the statutory one needs a consent
 * recorded (#consent) after the previous extension; one consent allows
 * one further extension, of any length.
 *
 * Escalation ladders: a level fires at due date + at (at negative: before
 * the due date); whole days move by the calendar, so "-1w" is the same
 * clock time seven days earlier, across DST.
 */
#ifndef KLACHT_TERMS_H
#define KLACHT_TERMS_H

#include <stddef.h>
#include <stdint.h>

#include "cfg.h"
#include "workdays.h"

/* "awb" / "wkkgz". */
const char	*terms_profile_name(enum cfg_profile);
/* The law a profile's rules come from, for messages: "Awb 9:11",
 * "Wkkgz art. 17". */
const char	*terms_law_extend(enum cfg_profile);

/* The terms and the ladder of a case of category (NULL = none): the
 * category's when it has them, else the organisation's.  The ladder may
 * have no levels. */
const struct cfg_terms	*terms_for(const struct cfg *, const char *category);
const struct cfg_ladder	*terms_ladder(const struct cfg *,
			    const char *category);

/* Whether a judgement on the merits under t needs a hearing report or a
 * recorded ground to skip the hearing first (Awb 9:10):
 * terms.hearing_required, else yes under the awb profile and no under
 * wkkgz. */
int		 terms_hearing_required(const struct cfg_terms *);

/* The due date of a case received at received under terms t. */
int64_t		 terms_due(const struct cfg_terms *, int64_t received);
/* When a level fires for due date due. */
int64_t		 terms_level_time(const struct cfg_level *, int64_t due);
/* A level's name for mail: its configured name, else "herinnering" /
 * "reminder" for a level before the due date and "niveau N" / "level N"
 * (counting from the first level at or after the due date).  Caller
 * frees. */
char		*terms_level_name(const struct cfg_ladder *, size_t i,
		    const char *lang);
/* Whether a level goes to contact email (case-insensitive). */
int		 terms_level_has_contact(const struct cfg_level *,
		    const char *email);

/* The organisation's working days and hours (workdays.* settings). */
void		 terms_workdays(const struct cfg *, struct workdays *);

/* ------------------------------------------------------------ extension */

struct terms_ext {
	int64_t		 now;
	int64_t		 due_at;	/* the current due date */
	int		 extensions;	/* extensions recorded so far */
	int		 consent;	/* consent recorded since the last one */
	int		 days;		/* the extension asked for, 1..365 */
	const char	*lang;		/* of the reason: "en" or Dutch */
};

enum terms_verdict {
	TERMS_OK,		/* the one statutory extension */
	TERMS_OK_CONSENT,	/* a further (or longer) one, with consent */
	TERMS_REFUSED		/* *why says which rule and what to do */
};

/*
 * Whether the extension may be recorded.  On TERMS_OK and
 * TERMS_OK_CONSENT *new_due gets the new due date (the current one plus
 * days calendar days); on TERMS_REFUSED *why (malloc'd) the reason, in
 * the language asked, for the officer.
 */
enum terms_verdict terms_extend_check(const struct cfg_terms *,
		    const struct terms_ext *, int64_t *new_due, char **why);

/* Awb 9:8: whether a niet-ontvankelijk decision at now comes after the
 * term for it (received + inadmissible). */
int		 terms_inadmissible_late(const struct cfg_terms *,
		    int64_t received, int64_t now);

/* -------------------------------------------------------- outcome letter */

/*
 * The parts of the text of "#close <judgement> <text>".  Lines starting
 * with a label (case-insensitive, Dutch or English) begin a part that
 * runs to the next label:
 *
 *   Conclusies: / Conclusie: / Conclusions: / Conclusion:
 *   Beslissingen: / Beslissing: / Maatregelen: / Decisions: / Measures:
 *   Datum maatregelen: / Maatregelen uiterlijk: / Measures by: /
 *	Date of measures:	a date, YYYY-MM-DD or DD-MM-YYYY
 *
 * Everything before the first label is the findings.  All strings are
 * malloc'd and never NULL ("" when absent).
 */
struct terms_outcome {
	char	*findings;
	char	*conclusions;
	char	*decisions;
	char	*measures_by_text;	/* as written */
	int64_t	 measures_by;		/* local midnight; 0 = none/invalid */
};
void		 terms_outcome_parse(const char *text, struct terms_outcome *);
void		 terms_outcome_free(struct terms_outcome *);

/*
 * Whether the letter has every part the law asks for this profile and
 * judgement (canonical id, see cmd_judgement):
 *   always		findings;
 *   awb		an ombudsman configured (organisation.ombudsman);
 *			conclusions are optional ("eventuele conclusies");
 *   wkkgz		for a judgement on the merits (gegrond,
 *			deels-gegrond, ongegrond): the decisions ("geen" /
 *			"none" when none), and unless there are none a
 *			measures date not before today; a geschilleninstantie
 *			configured (organisation.disputes_body).
 * 0, or -1 with *why (malloc'd) explaining what is missing and how to
 * write it, in lang.
 */
int		 terms_outcome_check(const struct cfg *,
		    const struct cfg_terms *, const char *judgement,
		    const struct terms_outcome *, int64_t now,
		    const char *lang, char **why);

/* The template of the outcome letter: "outcome-niet-ontvankelijk" and
 * "outcome-ingetrokken" for those judgements, else "outcome-awb" or
 * "outcome-wkkgz". */
const char	*terms_outcome_template(enum cfg_profile, const char *judgement);

/* Whether the decisions text means "none" ("geen", "none", "-"). */
int		 terms_decisions_none(const char *);

#endif
