/*
 * cmdparse.h -- officer commands in the body of an email reply.
 *
 * A pure parser: it takes the plain UTF-8 text of an officer's reply (LF
 * line ends; CR before LF is tolerated; HTML was converted to text before)
 * and returns the commands in it.  It touches no network, disk or
 * database; executing the commands is the caller's business.
 *
 * The rules, which #help (cmd_help_text) repeats for officers:
 *
 *   - Only the top part of the body counts.  It ends at the first line of
 *     quoted text or signature (cmd_find_quote_start): a line beginning
 *     with '>'; an attribution ("On ... wrote:", "Op ... schreef ...:",
 *     also wrapped over two lines, and carrying an address or a time or
 *     followed by '>' lines, so "On Monday you wrote:" in a reply stays
 *     text); an Outlook block ("-----Original Message-----", a line of
 *     ten or more underscores, or "From:"/"Van:" followed within six
 *     lines by "Sent:"/"Verzonden:"/"Date:"/"Datum:"); a
 *     signature ("-- " or "--" alone, "Sent from my iPhone", "Verzonden
 *     vanaf mijn iPad", ...); a "reply above this line" / "antwoord boven
 *     deze regel" marker, which our own notifications should carry.
 *     Nothing after that line is ever a command.  The cut errs on the side
 *     of cutting early: a quoted notification may hold a complainant's
 *     text, and a complainant must never run a command.
 *   - A command is a line whose first non-blank character is '#' followed
 *     directly by an ASCII letter: "#assign anna".  Keywords are matched
 *     case-insensitively, in English or Dutch (also the Dutch infinitives
 *     verlengen, horen, sluiten, heropenen); one ':' may follow the
 *     keyword ("#note: ..." or "#note:...").  '#' followed by anything
 *     else -- a space, a digit, punctuation ("# heading", "#1", "#!") --
 *     is ordinary text, and so is a line whose '#' is not its first
 *     non-blank character.
 *     "##word" at the start of a line is text too, with one '#' removed,
 *     so an officer can start a line of #reply text with "#word".
 *   - Commands that take text (note, reply, extend, hear, close, reopen,
 *     consent) collect the rest of their own line plus every following
 *     non-command line, up to the next command or the end of the top part.
 *     Text after an argument-only command (assign, status, category,
 *     priority, help) and text before the first command go to free_text.
 *   - An unknown command or a bad argument is an error naming the line
 *     (1-based, counted in the whole original body).  Parsing continues
 *     so that every mistake is reported at once; the caller is expected
 *     to run nothing when there is any error (all-or-nothing).
 *   - The single-valued commands assign, status, category, priority,
 *     extend, hear, close and reopen may each appear once per message.
 *
 * Limits: only the first CMD_MAX_LINE bytes of a line are looked at (the
 * rest of a longer line is dropped); at most CMD_MAX_COMMANDS commands and
 * CMD_MAX_ERRORS errors per message.  Any byte sequence is accepted (the
 * parser is fuzzed); invalid UTF-8 is passed through unchanged.
 */
#ifndef KLACHT_CMDPARSE_H
#define KLACHT_CMDPARSE_H

#include <stddef.h>

#define CMD_MAX_LINE		65536
#define CMD_MAX_COMMANDS	64
#define CMD_MAX_ERRORS		32
#define CMD_MAX_EXTEND_DAYS	365

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
	CMD_RESPONDENT	/* #respondent #beklaagde <address> [name] */
};
#define CMD_NKINDS	(CMD_RESPONDENT + 1)

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
 *   CMD_HEAR		the date as YYYY-MM-DD (also	optional text
 *			accepted as DD-MM-YYYY)
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

/* The stable English keyword of a kind ("assign", ...), for logs/events. */
const char	*cmd_name(enum cmd_kind);

/* The keyword in the officer's language: "en" gives the English one,
 * anything else (NULL included) the Dutch one ("toewijzen", ...). */
const char	*cmd_keyword(enum cmd_kind, const char *lang);

/*
 * The answer to #help: every command with its arguments, in Dutch for
 * "nl" (and NULL) and English for "en".  A static string, not to be freed.
 */
const char	*cmd_help_text(const char *lang);

/*
 * Maps a judgement as an officer may write it ("Gegrond", "deels gegrond",
 * "upheld", "partially-upheld", ...) to its canonical id: gegrond,
 * deels-gegrond, ongegrond, niet-ontvankelijk or ingetrokken.  NULL if it
 * is none of them.  The result is a static string.
 */
const char	*cmd_judgement(const char *word);

/*
 * The byte offset in body where quoted text or the signature begins (see
 * the rules above); strlen(body) when there is none.  If lineno is not
 * NULL it gets the 1-based line number of that line, or 0 when none.
 */
size_t		 cmd_find_quote_start(const char *body, size_t *lineno);

#endif
