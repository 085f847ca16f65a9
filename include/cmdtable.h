/*
 * cmdtable.h -- one row per officer command (as tmux's cmd_entry).
 *
 * A row says everything about a command that is not the work it does:
 * its keywords in English and Dutch (and further aliases), the type of
 * its argument, whether it takes text, whether it may appear once per
 * reply, its line in #help in both languages, and the case states in
 * which it may run.  The parser (cmdparse.c) reads keywords, argument
 * types, text and once-per-reply from the row; the executor
 * (officer_exec.c) checks the states and calls the handler of the row's
 * kind; #help (cmd_help_text) is generated from the rows, and a unit test
 * checks klachtd-commands(7) against them.  How to add a command: see the
 * comment at the top of cmdtable.c.
 */
#ifndef KLACHT_CMDTABLE_H
#define KLACHT_CMDTABLE_H

#include <stddef.h>

#include "casestate.h"

enum cmd_kind {
	CMD_ASSIGN,	/* #assign #toewijzen <officer-id> */
	CMD_STATUS,	/* #status <state> */
	CMD_CATEGORY,	/* #category #categorie <id> */
	CMD_PRIORITY,	/* #priority #prioriteit <level> */
	CMD_NOTE,	/* #note #notitie <text...> */
	CMD_REPLY,	/* #reply #antwoord <text...> */
	CMD_EXTEND,	/* #extend #verleng <duration> <reason...> */
	CMD_HEAR,	/* #hear #hoorzitting <date> [text...] */
	CMD_CLOSE,	/* #close #sluit <judgement> [conclusion...] */
	CMD_REOPEN,	/* #reopen #heropen [reason...] */
	CMD_HELP,	/* #help #hulp */
	CMD_CONSENT,	/* #consent #instemming [text...] */
	CMD_RESPONDENT,	/* #respondent #beklaagde <address> [name] */
	CMD_LANGUAGE,	/* #language #taal nl|en */
	CMD_DOSSIER,	/* #file #dossier [reference] */
	CMD_AWAY,	/* #away #afwezig until <date> [substitute <id>] */
	CMD_BACK,	/* #back #terug */
	CMD_OVERVIEW,	/* #overview #overzicht */
	CMD_SEARCH,	/* #search #zoek <words> */
	CMD_COMPLAINANT,	/* #complainant #klager <address> [name] */
	CMD_LINK,	/* #link #koppel <ref> */
	CMD_MERGE,	/* #merge #samenvoegen <ref> */
	CMD_VOID,	/* #void #vervallen <reason> <text...> */
	CMD_RECEIVED,	/* #received #ontvangen <date> [text] */
	CMD_SUMMARY,	/* #summary #omschrijving <text...> */
	CMD_APPROVE,	/* #approve #akkoord */
	CMD_REJECT,	/* #reject #afwijzen <reason...> */
	CMD_CONTACT,	/* #contact phone|meeting|letter|mail [text...] */
	CMD_NEW,	/* #new #nieuw <channel> <lines...> (desk) */
	CMD_DEPARTMENT,	/* #department #afdeling <id> */
	CMD_CAUSE,	/* #cause #oorzaak <id> */
	CMD_LABEL,	/* #label #tag <word> */
	CMD_MEASURE,	/* #measure #maatregel <owner> <date> <text...>
			   or #maatregel M-2026-0001 */
	CMD_DONE,	/* #done #gereed M-2026-0001 <text...> */
	CMD_RESOLVED,	/* #resolved #opgelost <text...> */
	CMD_REDIRECT,	/* #forward #doorsturen <kind> [text...] */
	CMD_HEARING_REPORT,	/* #report #verslag <text...> */
	CMD_SKIP_HEARING	/* #skip-hearing #afzien-horen a|b|c <reason> */
};
#define CMD_NKINDS	(CMD_SKIP_HEARING + 1)

/* The argument that follows the keyword; what the parser makes of it is
 * described with struct cmd in cmdparse.h. */
enum cmd_arg {
	CMD_ARG_NONE,
	CMD_ARG_OFFICER,	/* an officer id */
	CMD_ARG_STATE,		/* a state; blanks become '-' */
	CMD_ARG_CATEGORY,	/* a category id; blanks become '-' */
	CMD_ARG_PRIORITY,	/* low, normal, high, urgent or a synonym */
	CMD_ARG_DURATION,	/* "2w", "14d", "4 weken": days */
	CMD_ARG_DATE,		/* a day (cal_parse_day): "YYYY-MM-DD" */
	CMD_ARG_JUDGEMENT,	/* a judgement, one or two words */
	CMD_ARG_ADDRESS,	/* an email address */
	CMD_ARG_LANG,		/* nl or en (lang_word) */
	CMD_ARG_OPTREF,		/* optional: a case reference, as below */
	CMD_ARG_ABSENCE,	/* [until|tot] <date> [substitute <id>] */
	CMD_ARG_REF,		/* a case reference, "[KL-2026-00042]" or
				   without brackets; upper-cased */
	CMD_ARG_VOID,		/* why a case is void: "duplicate",
				   "misdirected" or "spam" (or the Dutch
				   "dubbel", "verkeerd-adres") */
	CMD_ARG_CONTACT,	/* how the complainant was spoken to:
				   phone, meeting, letter or mail (the
				   Dutch words too) */
	CMD_ARG_WORD,		/* one id-like word, lowercased, blanks
				   become '-' (department, cause,
				   label: issue 15) */
	CMD_ARG_MEASURE,	/* a measure reference, or an owner (an
				   officer id) and a due date */
	CMD_ARG_MREF,		/* a measure reference, "M-2026-0001" */
	CMD_ARG_REDIRECT,	/* the kind of request #forward sends on:
				   a word of redirect_kinds (redirect.h),
				   Dutch or English; arg is the Dutch id */
	CMD_ARG_HEARING,	/* a date as CMD_ARG_DATE and an optional
				   time "14:30" ("14.30", "14u30"):
				   "YYYY-MM-DD[ HH:MM]"; or "cancel"
				   (afgelast, cancelled, ...) */
	CMD_ARG_GROUND		/* a ground of Awb 9:10 lid 2 to skip
				   the hearing: a, b or c */
};

/* The text after the argument. */
enum cmd_text {
	CMD_TEXT_NONE,		/* none: the lines below are free text */
	CMD_TEXT_LINE,		/* optional, the rest of its own line only */
	CMD_TEXT_OPTIONAL,	/* the rest of the line and the lines below */
	CMD_TEXT_REQUIRED	/* the same, and it must not be empty */
};

/* The bit of a case state in cmd_entry.states; a status the store holds
 * but case_state_parse does not know (CS_INVALID) has bit 0. */
#define CMD_IN(st)		(1u << ((int)(st) + 1))
#define CMD_ANY_STATE		(CMD_IN(CS_INVALID) | CMD_IN(CS_NEW) |	\
	CMD_IN(CS_ACKNOWLEDGED) | CMD_IN(CS_IN_PROGRESS) |		\
	CMD_IN(CS_WAITING) | CMD_IN(CS_DECIDED) | CMD_IN(CS_CLOSED))

struct cmd_entry {
	enum cmd_kind	 kind;
	const char	*en;		/* English keyword; the stable name */
	const char	*nl;		/* Dutch keyword */
	const char	*aliases[3];	/* more keywords; NULL ends the list */
	enum cmd_arg	 arg;
	enum cmd_text	 text;
	int		 once;		/* at most once per reply */
	const char	*notext_en;	/* error when required text is missing */
	const char	*notext_nl;	/* (NULL: "#x needs text") */
	const char	*usage_en;	/* what follows "#keyword" in #help */
	const char	*usage_nl;
	const char	*help_en;	/* its #help lines, '\n' between them */
	const char	*help_nl;
	unsigned	 states;	/* CMD_IN() bits it may run in */
	const char	*state_en;	/* the error otherwise; a "%s" in it */
	const char	*state_nl;	/* gets the state's label */
	int		 desk;		/* CMD_CASE_ONLY, CMD_DESK_TOO or
					   CMD_DESK_ONLY (below) */
	int		 personal;	/* a personal token is proof enough
					   (commands that only read) */
	int		 term_letter;	/* its letter to the complainant
					   names the term anew or ends the
					   case: a #reply before it in the
					   same mail names no date */
};

/* cmd_entry.desk: where a command may run.  A reply about a case runs
 * CMD_CASE_ONLY and CMD_DESK_TOO commands; "desk" mail -- an officer's
 * mail to the klachten address about no case, proved by a personal
 * token (officer_personal_address) or DKIM -- runs CMD_DESK_TOO and
 * CMD_DESK_ONLY ones.  A handler of a desk command is called with no
 * case (officer_exec.c: x->c.id == 0) and must not need one. */
#define CMD_CASE_ONLY	0
#define CMD_DESK_TOO	1
#define CMD_DESK_ONLY	2

/* The rows, in the order of #help and klachtd-commands(7). */
extern const struct cmd_entry	cmd_table[];
extern const size_t		cmd_ntable;

/* The row of a kind; NULL for a value that is no kind. */
const struct cmd_entry	*cmd_entry_of(enum cmd_kind);

/* The row whose keyword (English, Dutch or alias) is the len bytes at
 * word, compared ASCII case-insensitively; NULL if none. */
const struct cmd_entry	*cmd_entry_find(const char *word, size_t len);

/* Whether lang asks for English ("en", "en_GB", ...): everything else,
 * NULL included, is Dutch. */
int		 cmd_lang_en(const char *lang);

/* The stable English keyword of a kind ("assign", ...), for logs and
 * events; "unknown" for a value that is no kind. */
const char	*cmd_name(enum cmd_kind);

/* The keyword in the officer's language: English for "en", Dutch
 * ("toewijzen", ...) for anything else, NULL included. */
const char	*cmd_keyword(enum cmd_kind, const char *lang);

/*
 * The answer to #help, generated from the rows: every command with its
 * arguments, in English for "en" and Dutch for anything else.  A static
 * string, the same pointer on every call; not to be freed.
 */
const char	*cmd_help_text(const char *lang);

#endif
