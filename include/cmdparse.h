/*
 * cmdparse.h -- officer commands in the body of an email reply.
 *
 * A pure parser: it takes the plain UTF-8 text of an officer's reply (LF
 * line ends; CR before LF is tolerated; HTML was converted to text before)
 * and returns the commands in it.  It touches no network, disk or
 * database; executing the commands is the caller's business.
 *
 * What each command is -- keywords, argument type, text, once per
 * reply -- is its row in cmdtable.h; this file reads those rows.  The
 * rules, which #help (cmd_help_text) repeats for officers:
 *
 *   - Only the top part of the body counts.  It ends at the first line of
 *     quoted text or signature (cmd_find_quote_start, quotecut.h).
 *     Nothing after that line is ever a command.
 *   - A command is a line whose first non-blank character is '#' followed
 *     directly by an ASCII letter: "#assign anna".  Keywords are matched
 *     case-insensitively, in English or Dutch or as one of the row's
 *     aliases (the Dutch infinitives verlengen, horen, sluiten,
 *     heropenen); one ':' may follow the keyword ("#note: ..." or
 *     "#note:...").  '#' followed by anything else -- a space, a digit,
 *     punctuation ("# heading", "#1", "#!") -- is ordinary text, and so
 *     is a line whose '#' is not its first non-blank character.
 *     "##word" at the start of a line is text too, with one '#' removed,
 *     so an officer can start a line of #reply text with "#word".
 *   - Commands that take text (CMD_TEXT_OPTIONAL or _REQUIRED: note,
 *     reply, extend, hear, close, reopen, consent) collect the rest of
 *     their own line plus every following non-command line, up to the
 *     next command or the end of the top part.  Text below a command
 *     without it (assign, status, category, priority, help, and
 *     respondent, whose text is its own line) and text before the first
 *     command go to free_text.
 *   - An unknown command or a bad argument is an error naming the line
 *     (1-based, counted in the whole original body).  Parsing continues
 *     so that every mistake is reported at once; the caller is expected
 *     to run nothing when there is any error (all-or-nothing).
 *   - The commands whose row says once (assign, status, category,
 *     priority, extend, hear, close and reopen) may each appear once per
 *     message.
 *
 * Limits: only the first CMD_MAX_LINE bytes of a line are looked at (the
 * rest of a longer line is dropped); at most CMD_MAX_COMMANDS commands and
 * CMD_MAX_ERRORS errors per message.  Any byte sequence is accepted (the
 * parser is fuzzed); invalid UTF-8 is passed through unchanged.
 */
#ifndef KLACHT_CMDPARSE_H
#define KLACHT_CMDPARSE_H

#include <stddef.h>

#include "cmdtable.h"
#include "quotecut.h"
#include "textspan.h"

#define CMD_MAX_LINE		SPAN_MAX_LINE
#define CMD_MAX_COMMANDS	64
#define CMD_MAX_ERRORS		32
#define CMD_MAX_EXTEND_DAYS	365

/*
 * One parsed command.  arg and text are never NULL (possibly "").
 *
 *   kind		arg				text
 *   CMD_ASSIGN		officer id, lowercased,		""
 *			[a-z0-9._-]{1,64}
 *   CMD_STATUS		state, lowercased, blanks	""
 *			turned into '-' ("wacht op
 *			klager" -> "wacht-op-klager"),
 *			[a-z0-9._-]{1,64}; the caller
 *			maps synonyms to its states
 *   CMD_CATEGORY	category id, same form		""
 *   CMD_PRIORITY	"low", "normal", "high" or	""
 *			"urgent" (Dutch and English
 *			synonyms are mapped)
 *   CMD_NOTE		""				the note, non-empty
 *   CMD_REPLY		""				text for the complainant,
 *							non-empty
 *   CMD_EXTEND		the duration as written		the reason, non-empty;
 *			("2w", "4 weken"); days holds	days is 1..365 -- the
 *			it in days			legal maximum (4 weeks,
 *							more only with consent)
 *							is the caller's to check
 *   CMD_HEAR		the date as YYYY-MM-DD, from	optional text (with a
 *			any form cal_parse_day reads	time: the place on its
 *			(also DD-MM-YYYY, '/'), years	first line)
 *			2000..2199, and " HH:MM" when
 *			a time follows it ("14.30",
 *			"14u30"); or "cancel" for
 *			afgelast, cancel, ...
 *   CMD_HEARING_REPORT	""				the report, non-empty
 *   CMD_SKIP_HEARING	the ground: "a", "b" or "c"	the reason, non-empty
 *   CMD_CLOSE		canonical judgement id, also	optional conclusion
 *			copied into judgement[]
 *   CMD_REOPEN		""				optional reason
 *   CMD_HELP		""				""
 *   CMD_CONSENT	""				optional text
 *   CMD_RESPONDENT	the person complained about's	their name as written on
 *			address, lowercased, without	the same line (may be
 *			<>; one '@', no blanks,		""); the lines below
 *			quotes, ',;<>' or controls,	are free_text, as for
 *			at most 254 bytes		other argument commands
 *   CMD_DOSSIER	"" (the case the mail is	""
 *			about) or one reference,
 *			uppercased, "[...]" removed:
 *			a letter, then letters, digits
 *			and '-', at most 40 bytes
 *   CMD_AWAY		the last day away, YYYY-MM-DD	the substitute's officer
 *			(as CMD_HEAR), after an		id, lowercased, or "";
 *			optional "tot", "tot en met",	nothing else may follow
 *			"t/m" or "until"		on the line
 *   CMD_BACK		""				""
 *   CMD_MEASURE	a measure reference such as	the measure's text
 *			M-2026-0001 (upper-cased,	(may be ""; the handler
 *			"[...]" removed; due "") or	asks for it when a new
 *			the owner's officer id,		measure is made)
 *			lowercased, with its due date
 *			in due (YYYY-MM-DD)
 *   CMD_DONE		a measure reference, as above	what was done, non-empty
 *
 * Text is trimmed at both ends; inner lines keep their leading blanks and
 * lose trailing ones.
 */
struct cmd {
	enum cmd_kind	 kind;
	size_t		 line;		/* 1-based line in the body */
	char		*arg;
	char		*text;
	int		 days;		/* CMD_EXTEND only, else 0 */
	char		 judgement[24];	/* CMD_CLOSE only, else "" */
	char		 due[16];	/* CMD_MEASURE: a new measure's due
					   date, YYYY-MM-DD; else "" */
};

/*
 * The result of cmd_parse.  Everything in it is owned by the list and
 * freed by cmd_list_free.
 */
struct cmd_list {
	struct cmd	*v;		/* valid commands, in body order */
	size_t		 n;
	char		*free_text;	/* text outside commands, trimmed */
	char		**errors;	/* "line 3: ..." messages */
	size_t		 nerrors;
	size_t		 cut_line;	/* first quoted line, 1-based; 0 = none */
	size_t		 cut_offset;	/* its byte offset; strlen(body) if none */
};

/*
 * Parses body into out (which need not be initialised).  lang selects the
 * language of the error messages: "en" for English, anything else (NULL
 * included) for Dutch.  A NULL body is treated as "".  Returns 0 when
 * there are no errors and -1 when out->nerrors > 0; in both cases out is
 * filled and must be released with cmd_list_free.  With no commands at
 * all, out->n is 0 and out->free_text holds the trimmed top part, which
 * the caller may keep as an internal note.
 */
int		 cmd_parse(const char *body, const char *lang,
		    struct cmd_list *out);

/* Frees everything in the list and zeroes it; safe to call twice. */
void		 cmd_list_free(struct cmd_list *);

/*
 * Maps a judgement as an officer may write it ("Gegrond", "deels gegrond",
 * "upheld", "partially-upheld", ...) to its canonical id: gegrond,
 * deels-gegrond, ongegrond, niet-ontvankelijk or ingetrokken.  NULL if it
 * is none of them.  The result is a static string.
 */
const char	*cmd_judgement(const char *word);

/*
 * The kind of contact in the len bytes at w, any case: "phone"
 * (telefoon, telefonisch, gebeld, call), "meeting" (gesprek, visit,
 * bezoek), "letter" (brief) or "mail" (email, e-mail); NULL if none.  A
 * static string.
 */
const char	*cmd_contact_kind(const char *w, size_t len);

#endif
