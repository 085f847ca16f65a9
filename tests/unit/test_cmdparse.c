/*
 * test_cmdparse.c -- officer command parsing, table-driven.
 *
 * The bodies are what real mail programs produce when an officer replies
 * to a klachtd notification: mutt, Thunderbird, Gmail, Outlook (desktop,
 * web, mobile), Apple Mail, in Dutch and English.  Every quoted part
 * carries commands of its own which must never be picked up.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "cmdparse.h"
#include "quotecut.h"
#include "util.h"

struct want_cmd {
	enum cmd_kind	 kind;
	size_t		 line;		/* 0 ends the list */
	const char	*arg;
	const char	*text;		/* NULL: not checked */
	int		 days;
};

struct tcase {
	const char	*name;
	const char	*lang;
	const char	*body;
	int		 rc;
	size_t		 cut_line;
	const char	*free_text;	/* NULL: not checked */
	struct want_cmd	 cmds[8];
	const char	*errors[8];	/* substrings, in order; NULL ends */
};

static const struct tcase cases[] = {
/* ------------------------------------------------------------ clients */
{
	"mutt, en, signature then attribution", "en",
	"#assign anna\n"
	"#priority high\n"
	"#note Called the complainant; she will send photos.\n"
	"\n"
	"-- \n"
	"Piet Jansen\n"
	"Klachtenfunctionaris\n"
	"\n"
	"On Mon, Mar 02, 2026 at 09:14:03AM +0100, klachtd wrote:\n"
	"> New complaint [KL-2026-00042]\n"
	"> #close gegrond\n",
	0, 5, "",
	{ { CMD_ASSIGN, 1, "anna", "", 0 },
	  { CMD_PRIORITY, 2, "high", "", 0 },
	  { CMD_NOTE, 3, "",
	    "Called the complainant; she will send photos.", 0 } },
	{ NULL }
},
{
	"mutt, quote first, commands below the quote are ignored", "en",
	"On Mon, Mar 02, 2026 at 09:14:03AM +0100, klachtd wrote:\n"
	"> New complaint [KL-2026-00042]\n"
	"\n"
	"#close gegrond\n",
	0, 1, "",
	{ { 0 } },
	{ NULL }
},
{
	"Thunderbird, nl, sign-off stays in the note", "nl",
	"#toewijzen anna\n"
	"#notitie Graag deze week oppakken.\n"
	"Let op: de klager is boos.\n"
	"\n"
	"Met vriendelijke groet,\n"
	"Piet\n"
	"\n"
	"Op 02-03-2026 om 09:14 schreef Klachten gemeente:\n"
	"> Nieuwe klacht [KL-2026-00042]\n"
	">\n"
	"> #sluit gegrond\n",
	0, 8, "",
	{ { CMD_ASSIGN, 1, "anna", "", 0 },
	  { CMD_NOTE, 2, "", "Graag deze week oppakken.\n"
	    "Let op: de klager is boos.\n\nMet vriendelijke groet,\nPiet", 0 } },
	{ NULL }
},
{
	"Thunderbird, en, attribution with address", "en",
	"#status in progress\n"
	"\n"
	"On 3/2/26 9:14 AM, Klachten Gemeente wrote:\n"
	"> #status closed\n",
	0, 3, "",
	{ { CMD_STATUS, 1, "in-progress", "", 0 } },
	{ NULL }
},
{
	"Gmail, en, attribution wrapped over two lines", "en",
	"#reply Dear Mr. de Vries,\n"
	"\n"
	"Thank you for your patience. We have looked into your complaint and\n"
	"will come back to you before 20 March.\n"
	"\n"
	"Kind regards,\n"
	"Anna\n"
	"\n"
	"On Mon, 2 Mar 2026 at 09:14, Klachten Gemeente <klachten@gemeente.nl>\n"
	"wrote:\n"
	"\n"
	"> Dear officer,\n"
	"> #close gegrond\n",
	0, 9, "",
	{ { CMD_REPLY, 1, "", "Dear Mr. de Vries,\n\nThank you for your "
	    "patience. We have looked into your complaint and\nwill come "
	    "back to you before 20 March.\n\nKind regards,\nAnna", 0 } },
	{ NULL }
},
{
	"Gmail, nl, attribution wrapped inside the address", "nl",
	"#antwoord Geachte mevrouw Bakker,\n"
	"\n"
	"Wij nemen binnen twee weken contact met u op.\n"
	"\n"
	"Op ma 2 mrt 2026 om 09:14 schreef Klachten Gemeente <\n"
	"klachten@gemeente.nl>:\n"
	"\n"
	"> Geachte functionaris,\n"
	"> #sluit ongegrond\n",
	0, 5, "",
	{ { CMD_REPLY, 1, "", "Geachte mevrouw Bakker,\n\nWij nemen binnen "
	    "twee weken contact met u op.", 0 } },
	{ NULL }
},
{
	"Gmail, HTML converted without '>' marks", "en",
	"#note checked with the team\n"
	"\n"
	"On Mon, Mar 2, 2026 at 9:14 AM Klachten <klachten@gemeente.nl> wrote:\n"
	"\n"
	"New complaint received.\n"
	"#close gegrond\n"
	"#assign mallory\n",
	0, 3, "",
	{ { CMD_NOTE, 1, "", "checked with the team", 0 } },
	{ NULL }
},
{
	"Gmail forward separator", "en",
	"#note see the forwarded mail\n"
	"\n"
	"---------- Forwarded message ---------\n"
	"From: Jan <jan@example.nl>\n"
	"#close gegrond\n",
	0, 3, "",
	{ { CMD_NOTE, 1, "", "see the forwarded mail", 0 } },
	{ NULL }
},
{
	"Outlook desktop, nl, Van:/Verzonden: block", "nl",
	"#sluit deels gegrond\n"
	"De klacht over de bejegening is gegrond, die over de termijn niet.\n"
	"\n"
	"Met vriendelijke groet,\n"
	"\n"
	"Piet Jansen\n"
	"Gemeente Voorbeeld\n"
	"\n"
	"Van: Klachten <klachten@gemeente.nl>\n"
	"Verzonden: maandag 2 maart 2026 09:14\n"
	"Aan: Piet Jansen <piet@gemeente.nl>\n"
	"Onderwerp: [KL-2026-00042] Nieuwe klacht\n"
	"\n"
	"#toewijzen kees\n",
	0, 9, "",
	{ { CMD_CLOSE, 1, "deels-gegrond", "De klacht over de bejegening is "
	    "gegrond, die over de termijn niet.\n\nMet vriendelijke groet,\n\n"
	    "Piet Jansen\nGemeente Voorbeeld", 0 } },
	{ NULL }
},
{
	"Outlook web, en, underscores before From:/Sent:", "en",
	"#extend 4 weeks We need to hear two witnesses.\n"
	"\n"
	"________________________________\n"
	"From: Complaints <klachten@gemeente.nl>\n"
	"Sent: Monday, March 2, 2026 9:14 AM\n"
	"To: Anna <anna@gemeente.nl>\n"
	"Subject: [KL-2026-00042] New complaint\n"
	"\n"
	"#close upheld\n",
	0, 3, "",
	{ { CMD_EXTEND, 1, "4 weeks", "We need to hear two witnesses.", 28 } },
	{ NULL }
},
{
	"Outlook, en, From:/Sent: block with blank lines (HTML to text)", "en",
	"#category waiting-times\n"
	"\n"
	"From: Complaints <klachten@gemeente.nl>\n"
	"\n"
	"Sent: Monday, March 2, 2026 9:14 AM\n"
	"\n"
	"To: Anna\n"
	"#close upheld\n",
	0, 3, "",
	{ { CMD_CATEGORY, 1, "waiting-times", "", 0 } },
	{ NULL }
},
{
	"Outlook, bold header names from HTML", "en",
	"#priority urgent\n"
	"\n"
	"*From:* Complaints <klachten@gemeente.nl>\n"
	"*Sent:* Monday, March 2, 2026 9:14 AM\n"
	"#priority low\n",
	0, 3, "",
	{ { CMD_PRIORITY, 1, "urgent", "", 0 } },
	{ NULL }
},
{
	"Outlook, en, -----Original Message-----", "en",
	"#reopen the complainant sent new evidence\n"
	"\n"
	"-----Original Message-----\n"
	"From: Jan <jan@example.nl>\n"
	"#close withdrawn\n",
	0, 3, "",
	{ { CMD_REOPEN, 1, "", "the complainant sent new evidence", 0 } },
	{ NULL }
},
{
	"Outlook, nl, -----Oorspronkelijk bericht-----", "nl",
	"#heropen\n"
	"-----Oorspronkelijk bericht-----\n"
	"Van: Jan <jan@example.nl>\n"
	"#sluit ingetrokken\n",
	0, 2, "",
	{ { CMD_REOPEN, 1, "", "", 0 } },
	{ NULL }
},
{
	"Outlook mobile signature", "en",
	"#assign kees\n"
	"\n"
	"Get Outlook for iOS\n"
	"#assign mallory\n",
	0, 3, "",
	{ { CMD_ASSIGN, 1, "kees", "", 0 } },
	{ NULL }
},
{
	"Apple Mail iPhone, en", "en",
	"#hear 2026-03-16 at the town hall, 14:00\n"
	"\n"
	"Sent from my iPhone\n"
	"\n"
	"> On 2 Mar 2026, at 09:14, Klachten <klachten@gemeente.nl> wrote:\n"
	"> \n"
	"> #close gegrond\n",
	0, 3, "",
	{ { CMD_HEAR, 1, "2026-03-16", "at the town hall, 14:00", 0 } },
	{ NULL }
},
{
	"Apple Mail iPhone, nl", "nl",
	"#hoorzitting 16-3-2026 in het gemeentehuis\n"
	"\n"
	"Verzonden vanaf mijn iPhone\n"
	"\n"
	"> Op 2 mrt. 2026 om 09:14 heeft Klachten <klachten@gemeente.nl> het "
	"volgende geschreven:\n"
	"> \n"
	"> #sluit gegrond\n",
	0, 3, "",
	{ { CMD_HEAR, 1, "2026-03-16", "in het gemeentehuis", 0 } },
	{ NULL }
},
{
	"Apple Mail desktop, nl, attribution without '>'", "nl",
	"#instemming De klager stemt in met verder uitstel tot 1 mei.\n"
	"\n"
	"Op 2 mrt. 2026, om 09:14 heeft Klachten <klachten@gemeente.nl> het "
	"volgende geschreven:\n"
	"\n"
	"#verleng 2w onzin\n",
	0, 3, "",
	{ { CMD_CONSENT, 1, "",
	    "De klager stemt in met verder uitstel tot 1 mei.", 0 } },
	{ NULL }
},
{
	"Apple Mail forward", "en",
	"#note forwarding for the file\n"
	"\n"
	"Begin forwarded message:\n"
	"\n"
	"From: Jan <jan@example.nl>\n"
	"#close gegrond\n",
	0, 3, "",
	{ { CMD_NOTE, 1, "", "forwarding for the file", 0 } },
	{ NULL }
},
{
	"German attribution", "en",
	"#help\n"
	"Am 02.03.2026 um 09:14 schrieb Klachten <klachten@gemeente.nl>:\n"
	"> #close gegrond\n",
	0, 2, "",
	{ { CMD_HELP, 1, "", "", 0 } },
	{ NULL }
},
{
	"old Thunderbird \"X wrote:\" followed by quote", "en",
	"#assign anna\n"
	"Klachten Gemeente wrote:\n"
	"> #close gegrond\n",
	0, 2, "",
	{ { CMD_ASSIGN, 1, "anna", "", 0 } },
	{ NULL }
},
{
	"reply-above-this-line marker from our own notification", "nl",
	"#toewijzen anna\n"
	"\n"
	"-- Antwoord boven deze regel / Reply above this line --\n"
	"Nieuwe klacht KL-2026-00042\n"
	"#sluit gegrond\n",
	0, 3, "",
	{ { CMD_ASSIGN, 1, "anna", "", 0 } },
	{ NULL }
},
{
	"CRLF line ends", "en",
	"#assign anna\r\n#note first line\r\nsecond line\r\n\r\n"
	"On Mon, 2 Mar 2026 at 09:14, X <x@y.nl> wrote:\r\n> #close gegrond\r\n",
	0, 5, "",
	{ { CMD_ASSIGN, 1, "anna", "", 0 },
	  { CMD_NOTE, 2, "", "first line\nsecond line", 0 } },
	{ NULL }
},
{
	"non-breaking spaces from HTML conversion", "en",
	"\xc2\xa0#assign\xc2\xa0" "anna\xc2\xa0\n"
	"#status\xc2\xa0in\xc2\xa0progress\n",
	0, 0, "",
	{ { CMD_ASSIGN, 1, "anna", "", 0 },
	  { CMD_STATUS, 2, "in-progress", "", 0 } },
	{ NULL }
},
{
	"BOM at the start", "en",
	"\xef\xbb\xbf#assign anna\n",
	0, 0, "",
	{ { CMD_ASSIGN, 1, "anna", "", 0 } },
	{ NULL }
},

/* --------------------------------------------------------- free text */
{
	"no commands: free text is the note", "nl",
	"Ik heb de klager gebeld; ze stuurt foto's na.\n"
	"\n"
	"Groet, Piet\n"
	"\n"
	"Op 02-03-2026 om 09:14 schreef Klachten:\n"
	"> #sluit gegrond\n",
	0, 5, "Ik heb de klager gebeld; ze stuurt foto's na.\n\nGroet, Piet",
	{ { 0 } },
	{ NULL }
},
{
	"free text before the first command", "nl",
	"Hoi,\n"
	"\n"
	"#toewijzen anna\n",
	0, 0, "Hoi,",
	{ { CMD_ASSIGN, 3, "anna", "", 0 } },
	{ NULL }
},
{
	"text after an argument-only command is free text", "nl",
	"#toewijzen anna\n"
	"Anna, kun jij deze oppakken?\n"
	"#prioriteit hoog\n"
	"Groet, Piet\n",
	0, 0, "Anna, kun jij deze oppakken?\nGroet, Piet",
	{ { CMD_ASSIGN, 1, "anna", "", 0 },
	  { CMD_PRIORITY, 3, "high", "", 0 } },
	{ NULL }
},
{
	"'# ' and '#1' are text, not commands", "en",
	"#note Actions:\n"
	"# 1 call the complainant\n"
	"#1 done\n"
	"#! odd\n"
	"## heading\n",
	0, 0, "",
	{ { CMD_NOTE, 1, "", "Actions:\n# 1 call the complainant\n#1 done\n"
	    "#! odd\n## heading", 0 } },
	{ NULL }
},
{
	"'##word' escapes a line of text", "en",
	"#reply Thank you.\n"
	"##klachtenregeling is on our website.\n"
	"  ##hashtag too\n",
	0, 0, "",
	{ { CMD_REPLY, 1, "", "Thank you.\n#klachtenregeling is on our "
	    "website.\n#hashtag too", 0 } },
	{ NULL }
},
{
	"empty body", "en", "", 0, 0, "", { { 0 } }, { NULL }
},
{
	"only blanks", "en", " \n\t\n\n", 0, 0, "", { { 0 } }, { NULL }
},
{
	"\"On Monday you wrote:\" in reply text is not a quote", "en",
	"#reply Dear Ms Smit,\n"
	"On Monday you wrote:\n"
	"\"the bins were not emptied\". We checked this.\n",
	0, 0, "",
	{ { CMD_REPLY, 1, "", "Dear Ms Smit,\nOn Monday you wrote:\n\"the "
	    "bins were not emptied\". We checked this.", 0 } },
	{ NULL }
},
{
	"\"From:\" in a note without Sent: is not a quote", "en",
	"#note\n"
	"From: the neighbour, by phone\n"
	"she confirms the noise.\n",
	0, 0, "",
	{ { CMD_NOTE, 1, "", "From: the neighbour, by phone\nshe confirms "
	    "the noise.", 0 } },
	{ NULL }
},
{
	"'--' alone is a signature", "en",
	"#assign anna\n--\nPiet\n#assign kees\n",
	0, 2, "",
	{ { CMD_ASSIGN, 1, "anna", "", 0 } },
	{ NULL }
},
{
	"indented quote marks", "en",
	"#assign anna\n   > #close gegrond\n",
	0, 2, "",
	{ { CMD_ASSIGN, 1, "anna", "", 0 } },
	{ NULL }
},

/* ---------------------------------------------------------- commands */
{
	"keywords are case-insensitive, colon allowed", "en",
	"#ASSIGN Anna\n"
	"#Note: first\n"
	"#NOTITIE:second\n"
	"#Status: Wacht op klager\n",
	0, 0, "",
	{ { CMD_ASSIGN, 1, "anna", "", 0 },
	  { CMD_NOTE, 2, "", "first", 0 },
	  { CMD_NOTE, 3, "", "second", 0 },
	  { CMD_STATUS, 4, "wacht-op-klager", "", 0 } },
	{ NULL }
},
{
	"Dutch keywords", "nl",
	"#toewijzen j.de-vries\n"
	"#categorie Bejegening\n"
	"#prioriteit spoed\n"
	"#antwoord Wij bellen u.\n"
	"#verleng 10 dagen wegens vakantie\n"
	"#hoorzitting 2028-02-29\n"
	"#sluit niet ontvankelijk\n",
	0, 0, "",
	{ { CMD_ASSIGN, 1, "j.de-vries", "", 0 },
	  { CMD_CATEGORY, 2, "bejegening", "", 0 },
	  { CMD_PRIORITY, 3, "urgent", "", 0 },
	  { CMD_REPLY, 4, "", "Wij bellen u.", 0 },
	  { CMD_EXTEND, 5, "10 dagen", "wegens vakantie", 10 },
	  { CMD_HEAR, 6, "2028-02-29", "", 0 },
	  { CMD_CLOSE, 7, "niet-ontvankelijk", "", 0 } },
	{ NULL }
},
{
	"infinitive Dutch keywords", "nl",
	"#verlengen 2w drukte\n#horen 1-4-2026\n#heropenen\n#sluiten gegrond\n",
	0, 0, "",
	{ { CMD_EXTEND, 1, "2w", "drukte", 14 },
	  { CMD_HEAR, 2, "2026-04-01", "", 0 },
	  { CMD_REOPEN, 3, "", "", 0 },
	  { CMD_CLOSE, 4, "gegrond", "", 0 } },
	{ NULL }
},
{
	"extend duration forms", "en",
	"#extend 14d reason a\n",
	0, 0, "", { { CMD_EXTEND, 1, "14d", "reason a", 14 } }, { NULL }
},
{
	"extend 2 weeks with space", "en",
	"#extend 2 weeks: reason b\n",
	0, 0, "", { { CMD_EXTEND, 1, "2 weeks", "reason b", 14 } }, { NULL }
},
{
	"extend 3wk, reason on the next lines", "en",
	"#extend 3wk\nwitnesses are on holiday\nuntil April\n",
	0, 0, "",
	{ { CMD_EXTEND, 1, "3wk", "witnesses are on holiday\nuntil April",
	    21 } },
	{ NULL }
},
{
	"extend 4 weken", "nl",
	"#verleng 4 weken extern advies\n",
	0, 0, "", { { CMD_EXTEND, 1, "4 weken", "extern advies", 28 } },
	{ NULL }
},
{
	"extend beyond 4 weeks is the caller's call", "en",
	"#extend 6w with consent\n",
	0, 0, "", { { CMD_EXTEND, 1, "6w", "with consent", 42 } }, { NULL }
},
{
	"close judgement aliases", "en",
	"#close partially upheld: the letter was late\nbut polite.\n",
	0, 0, "",
	{ { CMD_CLOSE, 1, "deels-gegrond",
	    "the letter was late\nbut polite.", 0 } },
	{ NULL }
},
{
	"close English single words", "en",
	"#close Inadmissible\n",
	0, 0, "", { { CMD_CLOSE, 1, "niet-ontvankelijk", "", 0 } }, { NULL }
},
{
	"close: conclusion on the same line and below", "nl",
	"#sluit gegrond, excuses zijn aangeboden.\nDe heffing wordt herzien.\n",
	0, 0, "",
	{ { CMD_CLOSE, 1, "gegrond", "excuses zijn aangeboden.\n"
	    "De heffing wordt herzien.", 0 } },
	{ NULL }
},
{
	"close: a second word that is not a judgement stays text", "nl",
	"#sluit ongegrond want er is niets misgegaan\n",
	0, 0, "",
	{ { CMD_CLOSE, 1, "ongegrond", "want er is niets misgegaan", 0 } },
	{ NULL }
},
{
	"help and consent without text", "nl",
	"#hulp\n#instemming\n#help please\n",
	0, 0, "",
	{ { CMD_HELP, 1, "", "", 0 },
	  { CMD_CONSENT, 2, "", "", 0 },
	  { CMD_HELP, 3, "", "", 0 } },
	{ NULL }
},
{
	"notes may repeat", "en",
	"#note one\n#note two\n#reply a\n#reply b\n",
	0, 0, "",
	{ { CMD_NOTE, 1, "", "one", 0 }, { CMD_NOTE, 2, "", "two", 0 },
	  { CMD_REPLY, 3, "", "a", 0 }, { CMD_REPLY, 4, "", "b", 0 } },
	{ NULL }
},
{
	"leading blanks before '#'", "en",
	"   #assign anna\n\t#priority low\n",
	0, 0, "",
	{ { CMD_ASSIGN, 1, "anna", "", 0 },
	  { CMD_PRIORITY, 2, "low", "", 0 } },
	{ NULL }
},

/* ------------------------------------------------------------ errors */
{
	"unknown command names the line; valid ones are kept", "en",
	"Hi,\n"
	"#assign anna\n"
	"#prio high\n"
	"this line belonged to #prio\n"
	"#note still parsed\n",
	-1, 0, "Hi,",
	{ { CMD_ASSIGN, 2, "anna", "", 0 },
	  { CMD_NOTE, 5, "", "still parsed", 0 } },
	{ "line 3: unknown command \"#prio\"", NULL }
},
{
	"unknown command, Dutch message", "nl",
	"#toewijzn anna\n",
	-1, 0, "", { { 0 } },
	{ "regel 1: onbekend commando \"#toewijzn\"", NULL }
},
{
	"keyword glued to punctuation", "en",
	"#assign/anna\n",
	-1, 0, "", { { 0 } },
	{ "line 1: unknown command \"#assign/anna\"", NULL }
},
{
	"bad arguments, every one reported", "en",
	"#assign anna kees\n"
	"#assign\n"
	"#priority very high\n"
	"#status\n"
	"#category b\xc3\xa9jegening\n"
	"#note\n"
	"#reply   \n"
	"\n",
	-1, 0, "", { { 0 } },
	{ "line 1: #assign expects one officer id", "line 2: #assign",
	  "line 3: #priority expects low, normal, high or urgent, not "
	  "\"very high\"", "line 4: #status expects a status",
	  "line 5: #category expects a category id, not \"b\xc3\xa9jegening\"",
	  "line 6: #note needs text", "line 7: #reply needs text" }
},
{
	"missing text", "en",
	"#note\n\n#reply\n",
	-1, 0, "", { { 0 } },
	{ "line 1: #note needs text", "line 3: #reply needs text", NULL }
},
{
	"extend errors", "en",
	"#extend soon\n",
	-1, 0, "", { { 0 } },
	{ "line 1: #extend expects a duration such as 2w", NULL }
},
{
	"extend without reason", "nl",
	"#verleng 4w\n\n",
	-1, 0, "", { { 0 } },
	{ "regel 1: #verleng heeft een reden nodig", NULL }
},
{
	"extend with a number but no unit", "en",
	"#extend 2 busy\n",
	-1, 0, "", { { 0 } },
	{ "line 1: #extend expects a duration", NULL }
},
{
	"extend zero and too long", "en",
	"#extend 0d x\n",
	-1, 0, "", { { 0 } },
	{ "line 1: #extend: the duration must be 1 to 365 days", NULL }
},
{
	"extend too long", "en",
	"#extend 9999w x\n",
	-1, 0, "", { { 0 } },
	{ "line 1: #extend: the duration must be 1 to 365 days", NULL }
},
{
	"extend with too many digits", "en",
	"#extend 00000001d x\n",
	-1, 0, "", { { 0 } },
	{ "line 1: #extend expects a duration", NULL }
},
{
	"hear: bad dates", "en",
	"#hear 2026-02-29\n",
	-1, 0, "", { { 0 } },
	{ "line 1: #hear expects a date as YYYY-MM-DD (or DD-MM-YYYY) and a "
	  "time and place, or \"cancel\", not \"2026-02-29\"", NULL }
},
{
	"hear: no date", "en",
	"#hear tomorrow\n",
	-1, 0, "", { { 0 } },
	{ "not \"tomorrow\"", NULL }
},
{
	"hear: month 13", "nl",
	"#hoorzitting 2026-13-01\n",
	-1, 0, "", { { 0 } },
	{ "regel 1: #hoorzitting verwacht een datum", NULL }
},
{
	"hear: two-digit year", "en",
	"#hear 16-3-26\n",
	-1, 0, "", { { 0 } }, { "line 1: #hear expects a date", NULL }
},
{
	/* One day grammar (cal_parse_day): the forms of the outcome's
	 * measures date and the config's holidays work here too. */
	"hear: slashes", "nl",
	"#hoorzitting 16/03/2026: in het gemeentehuis\n",
	0, 0, "",
	{ { CMD_HEAR, 1, "2026-03-16", "in het gemeentehuis", 0 } },
	{ NULL }
},
{
	"hear: year out of range", "en",
	"#hear 1999-12-31\n#hear 2200-01-01\n",
	-1, 0, "", { { 0 } },
	{ "line 1: #hear expects a date", "line 2: #hear expects a date",
	  NULL }
},
{
	"hear: mixed separators", "en",
	"#hear 2026-03/16\n",
	-1, 0, "", { { 0 } }, { "line 1: #hear expects a date", NULL }
},
{
	/* Issue 15: a time after the date, then the place. */
	"hear: date, time and place", "en",
	"#hear 2026-03-16 14:00 Town hall, room 2\n",
	0, 0, "",
	{ { CMD_HEAR, 1, "2026-03-16 14:00", "Town hall, room 2", 0 } },
	{ NULL }
},
{
	"hear: Dutch time forms", "nl",
	"#hoorzitting 16-3-2026 9.30 telefonisch\n",
	0, 0, "",
	{ { CMD_HEAR, 1, "2026-03-16 09:30", "telefonisch", 0 } },
	{ NULL }
},
{
	"hear: 14u05", "nl",
	"#hoorzitting 16-3-2026 14u05 Stadhuis\n",
	0, 0, "",
	{ { CMD_HEAR, 1, "2026-03-16 14:05", "Stadhuis", 0 } },
	{ NULL }
},
{
	/* Not a time: the text, as before. */
	"hear: 25:00 is no time", "en",
	"#hear 2026-03-16 25:00 hall\n",
	0, 0, "",
	{ { CMD_HEAR, 1, "2026-03-16", "25:00 hall", 0 } },
	{ NULL }
},
{
	"hear: cancel", "nl",
	"#hoorzitting afgelast\n",
	0, 0, "",
	{ { CMD_HEAR, 1, "cancel", "", 0 } },
	{ NULL }
},
{
	"hear: cancel, English", "en",
	"#hear Cancel: the complainant is ill\n",
	0, 0, "",
	{ { CMD_HEAR, 1, "cancel", "the complainant is ill", 0 } },
	{ NULL }
},
{
	"report", "nl",
	"#verslag Klager en beklaagde gehoord.\nBeiden waren er.\n",
	0, 0, "",
	{ { CMD_HEARING_REPORT, 1, "",
	    "Klager en beklaagde gehoord.\nBeiden waren er.", 0 } },
	{ NULL }
},
{
	"report without text", "en",
	"#report\n",
	-1, 0, "", { { 0 } }, { "line 1: #report", NULL }
},
{
	"skip-hearing", "nl",
	"#afzien-horen B klager wil niet gehoord worden\n",
	0, 0, "",
	{ { CMD_SKIP_HEARING, 1, "b", "klager wil niet gehoord worden", 0 } },
	{ NULL }
},
{
	"skip-hearing: unknown ground", "en",
	"#skip-hearing d because\n",
	-1, 0, "", { { 0 } },
	{ "line 1: #skip-hearing expects a ground of Awb 9:10 lid 2", NULL }
},
{
	"skip-hearing without reason", "en",
	"#skip-hearing a\n",
	-1, 0, "", { { 0 } },
	{ "line 1: #skip-hearing needs a reason after the ground", NULL }
},
{
	"close without judgement", "en",
	"#close\nsome text\n",
	-1, 0, "", { { 0 } },
	{ "line 1: #close expects a judgement", NULL }
},
{
	"close with an unknown judgement", "nl",
	"#sluit prima\n",
	-1, 0, "", { { 0 } },
	{ "regel 1: #sluit verwacht een oordeel", NULL }
},
{
	"single-valued commands only once", "en",
	"#assign anna\n#assign kees\n#close gegrond\n#sluit ongegrond\n",
	-1, 0, "",
	{ { CMD_ASSIGN, 1, "anna", "", 0 },
	  { CMD_CLOSE, 3, "gegrond", "", 0 } },
	{ "line 2: #assign may be given only once (also on line 1)",
	  "line 4: #close may be given only once (also on line 3)", NULL }
},
{
	"error quotes are cut and cleaned", "en",
	"#priority \x01\x02 aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n",
	-1, 0, "", { { 0 } },
	{ "not \"?? aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa...\"", NULL }
},
{
	"commands inside the quote never count, even bad ones", "en",
	"#assign anna\n"
	"\n"
	"On Mon, 2 Mar 2026 at 09:14, X <x@example.nl> wrote:\n"
	"> #bogus\n"
	"#bogus too\n",
	0, 3, "",
	{ { CMD_ASSIGN, 1, "anna", "", 0 } },
	{ NULL }
},
};

#ifndef nitems
#define nitems(a)	(sizeof (a) / sizeof (a)[0])
#endif

static void
run_case(const struct tcase *tc)
{
	struct cmd_list	 l;
	size_t		 i, n, ne, cutno;
	int		 rc, before = check_failed;

	rc = cmd_parse(tc->body, tc->lang, &l);
	CHECK_INT(rc, tc->rc);
	for (n = 0; n < nitems(tc->cmds) && tc->cmds[n].line != 0; n++)
		;
	CHECK_INT(l.n, n);
	for (i = 0; i < n && i < l.n; i++) {
		const struct want_cmd	*w = &tc->cmds[i];
		const struct cmd	*c = &l.v[i];

		CHECK_STR(cmd_name(c->kind), cmd_name(w->kind));
		CHECK_INT(c->line, w->line);
		CHECK_STR(c->arg, w->arg);
		if (w->text != NULL)
			CHECK_STR(c->text, w->text);
		CHECK(c->text != NULL);
		CHECK_INT(c->days, w->days);
		if (c->kind == CMD_CLOSE)
			CHECK_STR(c->judgement, w->arg);
		else
			CHECK_STR(c->judgement, "");
	}
	for (ne = 0; ne < nitems(tc->errors) && tc->errors[ne] != NULL; ne++)
		;
	CHECK_INT(l.nerrors, ne);
	for (i = 0; i < ne && i < l.nerrors; i++)
		CHECK_CONTAINS(l.errors[i], tc->errors[i]);
	CHECK_INT(l.cut_line, tc->cut_line);
	if (tc->free_text != NULL)
		CHECK_STR(l.free_text, tc->free_text);

	/* cmd_find_quote_start agrees with the parse. */
	CHECK_INT(cmd_find_quote_start(tc->body, &cutno), l.cut_offset);
	CHECK_INT(cutno, l.cut_line);
	if (l.cut_line == 0)
		CHECK_INT(l.cut_offset, strlen(tc->body));

	if (check_failed != before) {
		fprintf(stderr, "  ^ in case \"%s\"\n", tc->name);
		for (i = 0; i < l.n; i++)
			fprintf(stderr, "    cmd %s line %zu arg \"%s\" text "
			    "\"%s\"\n", cmd_name(l.v[i].kind), l.v[i].line,
			    l.v[i].arg, l.v[i].text);
		for (i = 0; i < l.nerrors; i++)
			fprintf(stderr, "    error %s\n", l.errors[i]);
		fprintf(stderr, "    free \"%s\"\n", l.free_text);
	}
	cmd_list_free(&l);
	cmd_list_free(&l);	/* twice is harmless */
}

/* Quote detection on its own: body, line where the cut is (0 = none). */
static const struct {
	const char	*body;
	size_t		 line;
} quotes[] = {
	{ "> x", 1 },
	{ "a\n>b", 2 },
	{ "a\n-- \nsig", 2 },
	{ "a\n--\nsig", 2 },
	{ "a\n---\nnot a sig", 0 },
	{ "a\n-- x\nnot a sig", 0 },
	{ "a\n__________\n", 2 },
	{ "a\n_________\n", 0 },
	{ "a\n______ x\n", 0 },
	{ "-----Original Message-----", 1 },
	{ "----- Original Message -----", 1 },
	{ "-----ORIGINAL MESSAGE-----", 1 },
	{ "-Original Message-", 0 },
	{ "-----Oorspronkelijk bericht-----", 1 },
	{ "---------- Doorgestuurd bericht ---------", 1 },
	{ "Begin doorgestuurd bericht:", 1 },
	{ "Sent from my iPad", 1 },
	{ "Verstuurd vanaf mijn Samsung Galaxy", 1 },
	{ "Verzonden vanuit Mail voor Windows", 1 },
	{ "Sent from my iPhone, and this line is much longer than any "
	  "signature a mail app would ever add, so it is text after all, "
	  "really.", 0 },
	{ "From: a\nTo: b\nSubject: c\nDate: d\n", 1 },
	{ "Van: a\nAan: b\nOnderwerp: c\nDatum: d\n", 1 },
	{ "Van: a\n\n\n\n\n\n\nDatum: d\n", 0 },
	{ "From: a\nTo: b\n", 0 },
	{ "x\nOn Tue, 3 Mar 2026 at 10:00, A <a@b.nl> wrote:\n", 2 },
	{ "On Tue, 3 Mar 2026, A wrote:\n", 0 },
	{ "On Tue, 3 Mar 2026, A wrote:\n> q\n", 1 },
	{ "On Tue, 3 Mar 2026, A wrote:\n\n\n> q\n", 1 },
	{ "On Tue, 3 Mar 2026, A wrote:\n\n\n\n> q\n", 5 },
	{ "Op 3 maart schreef u ons:\nblah\n", 0 },
	{ "Op 3 maart 2026 om 10:00 schreef u ons:\nblah\n", 1 },
	{ "On Tue, 3 Mar 2026 at 10:00, A <\na@b.nl> wrote:\n", 1 },
	{ "On Tue, 3 Mar 2026 at 10:00, A\nwrote:\n", 1 },
	{ "On Tuesday I called her.\nShe wrote:\n", 0 },
	{ "On Tuesday I called her.\nShe wrote:\n> q", 1 },
	{ "#note On Tue, 3 Mar 2026 at 10:00, A <a@b.nl> wrote:\n", 0 },
	{ "On Tue, 3 Mar 2026 at 10:00, A <a@b.nl>\n#note wrote:\n", 0 },
	{ "x\n*Van:* a\n*Verzonden:* b\n", 2 },
	{ "Please reply ABOVE THIS LINE\n", 1 },
	{ "", 0 },
	{ "\n\n\n", 0 },
	{ "a\r\n> b\r\n", 2 },
};

static void
test_quotes(void)
{
	size_t	i, no, off, want_off;

	for (i = 0; i < nitems(quotes); i++) {
		const char *b = quotes[i].body, *p = b;
		int before = check_failed;

		off = cmd_find_quote_start(b, &no);
		CHECK_INT(no, quotes[i].line);
		/* The offset is where that line starts. */
		if (quotes[i].line == 0)
			want_off = strlen(b);
		else {
			for (no = 1; no < quotes[i].line; no++)
				p = strchr(p, '\n') + 1;
			want_off = (size_t)(p - b);
		}
		CHECK_INT(off, want_off);
		if (check_failed != before)
			fprintf(stderr, "  ^ in quote case %zu \"%s\"\n", i, b);
	}
	CHECK_INT(cmd_find_quote_start(NULL, &no), 0);
	CHECK_INT(no, 0);
	CHECK_INT(cmd_find_quote_start("a\n> b", NULL), 2);
}

/* quote_own_tail: a reply that ends in a quote of our own mail about the
 * case (it carries the reference) shows without it; anything else whole. */
static void
test_own_tail(void)
{
	static const struct {
		const char	*body;
		const char	*kept;		/* NULL: nothing left out */
		size_t		 nlines;
	} t[] = {
		/* Gmail-style: attribution, then the quoted acknowledgement. */
		{ "It happened again.\n\nOn Mon, 7 Dec 2026 at 10:00, Gemeente "
		  "<klachten@x.nl> wrote:\n> Dear Tom,\n> Your number is "
		  "KL-2026-00010.\n> Kind regards\n",
		  "It happened again.\n\n", 4 },
		/* Quoted lines only, no attribution. */
		{ "Ja, dat klopt.\n> Uw klacht KL-2026-00010\n> is ontvangen.\n",
		  "Ja, dat klopt.\n", 2 },
		/* Outlook: no '>', the header block and our letter below. */
		{ "Zie hieronder.\n\nVan: Gemeente <klachten@x.nl>\nVerzonden: "
		  "maandag 7 december 2026 10:00\nAan: Tom\nOnderwerp: Nieuws "
		  "[KL-2026-00010]\n\nBeste Tom,\n",
		  "Zie hieronder.\n\n", 6 },
		/* A signature above the quote stays. */
		{ "Thanks.\n-- \nTom Baker, 06 123\n\n> KL-2026-00010\n",
		  "Thanks.\n-- \nTom Baker, 06 123\n\n", 1 },
		/* An older mail quoted under ours: all left out. */
		{ "Fine.\n\nOn Mon, 7 Dec 2026 at 10:00, A <a@b.nl> wrote:\n> "
		  "KL-2026-00010\n\nOn Sun, 6 Dec 2026 at 09:00, B <b@c.nl> "
		  "wrote:\n> > older\n", "Fine.\n\n", 5 },
		/* A signature after the quote is text: nothing left out. */
		{ "Fine.\n> KL-2026-00010\n-- \nTom\n", NULL, 0 },
		/* Answers written into the quote: nothing left out. */
		{ "See my answers.\n> Do you have a photo? KL-2026-00010\nYes, "
		  "attached.\n> When was it?\nLast night.\n", NULL, 0 },
		/* Another case's mail, or a stranger's: whole. */
		{ "Same again.\n> Your number is KL-2026-00009.\n", NULL, 0 },
		{ "Forwarded.\n> Dear neighbour, the noise...\n", NULL, 0 },
		/* Only the quote: whole (there would be nothing to show). */
		{ "\n> Your number is KL-2026-00010.\n", NULL, 0 },
		{ "No quote at all, KL-2026-00010.\n", NULL, 0 },
		{ "", NULL, 0 },
	};
	size_t	i, n, off;
	int	before;

	for (i = 0; i < nitems(t); i++) {
		before = check_failed;
		off = quote_own_tail(t[i].body, "KL-2026-00010", &n);
		if (t[i].kept == NULL) {
			CHECK_INT(off, strlen(t[i].body));
			CHECK_INT(n, 0);
		} else {
			CHECK_INT(off, strlen(t[i].kept));
			CHECK(strncmp(t[i].body, t[i].kept, off) == 0);
			CHECK_INT(n, t[i].nlines);
		}
		if (check_failed != before)
			fprintf(stderr, "  ^ in own-tail case %zu\n", i);
	}
	CHECK_INT(quote_own_tail(NULL, "KL-2026-00010", &n), 0);
	CHECK_INT(quote_own_tail("a\n> KL-1\n", NULL, NULL), 9);
	CHECK_INT(quote_own_tail("a\n> KL-1\n", "", NULL), 9);
	CHECK_INT(quote_own_tail("a\n> KL-1\n", "KL-1", NULL), 2);
}

static void
test_judgements(void)
{
	static const struct {
		const char	*word;
		const char	*id;
	} t[] = {
		{ "gegrond", "gegrond" }, { "Gegrond", "gegrond" },
		{ "upheld", "gegrond" },
		{ "deels-gegrond", "deels-gegrond" },
		{ "deels gegrond", "deels-gegrond" },
		{ "Deels_Gegrond", "deels-gegrond" },
		{ "partially-upheld", "deels-gegrond" },
		{ "partially upheld", "deels-gegrond" },
		{ "ongegrond", "ongegrond" }, { "rejected", "ongegrond" },
		{ "niet-ontvankelijk", "niet-ontvankelijk" },
		{ "niet ontvankelijk", "niet-ontvankelijk" },
		{ "inadmissible", "niet-ontvankelijk" },
		{ "ingetrokken", "ingetrokken" },
		{ "withdrawn", "ingetrokken" },
		{ "", NULL }, { "deels", NULL }, { "gegrond!", NULL },
		{ "a-very-long-word-that-does-not-fit-in-the-buffer-at-all",
		  NULL },
	};
	size_t	i;

	for (i = 0; i < nitems(t); i++)
		CHECK_STR(cmd_judgement(t[i].word), t[i].id);
	CHECK_STR(cmd_judgement(NULL), NULL);
}

static void
test_names(void)
{
	static const char *en[] = {
		"assign", "status", "category", "priority", "note", "reply",
		"extend", "hear", "close", "reopen", "help", "consent",
		"respondent", "language", "file", "away", "back", "overview",
		"search", "complainant", "link", "merge", "void", "received",
		"summary", "approve", "reject", "contact", "new", "department",
		"cause", "tag", "measure", "done", "resolved", "forward", "report",
		"skip-hearing",
	};
	static const char *nl[] = {
		"toewijzen", "status", "categorie", "prioriteit", "notitie",
		"antwoord", "verleng", "hoorzitting", "sluit", "heropen",
		"hulp", "instemming", "beklaagde", "taal", "dossier", "afwezig",
		"terug", "overzicht", "zoek", "klager", "koppel", "samenvoegen",
		"vervallen", "ontvangen", "omschrijving", "akkoord", "afwijzen",
		"contact", "nieuw", "afdeling", "oorzaak", "label", "maatregel",
		"gereed", "opgelost", "doorsturen", "verslag", "afzien-horen",
	};
	char	 word[32];
	int	 k;

	CHECK_INT(nitems(en), CMD_NKINDS);
	for (k = 0; k < CMD_NKINDS; k++) {
		CHECK_STR(cmd_name((enum cmd_kind)k), en[k]);
		CHECK_STR(cmd_keyword((enum cmd_kind)k, "en"), en[k]);
		CHECK_STR(cmd_keyword((enum cmd_kind)k, "nl"), nl[k]);
		CHECK_STR(cmd_keyword((enum cmd_kind)k, NULL), nl[k]);
		/* #help lists every command in both languages. */
		snprintf(word, sizeof word, "#%s", en[k]);
		CHECK_CONTAINS(cmd_help_text("en"), word);
		CHECK_CONTAINS(cmd_help_text("nl"), word);
		snprintf(word, sizeof word, "#%s", nl[k]);
		CHECK_CONTAINS(cmd_help_text("nl"), word);
		CHECK_CONTAINS(cmd_help_text("en"), word);
	}
	CHECK_STR(cmd_name((enum cmd_kind)99), "unknown");
	CHECK(cmd_help_text(NULL) == cmd_help_text("nl"));
	CHECK(cmd_help_text("en_GB") == cmd_help_text("en"));
	CHECK_CONTAINS(cmd_help_text("nl"), "##woord");
	CHECK_CONTAINS(cmd_help_text("en"), "##word");
}

/* Every command keyword parses, in both languages, in one body. */
static void
test_all_keywords(void)
{
	static const char *body =
	    "#assign a\n#status s\n#category c\n#priority low\n#note n\n"
	    "#reply r\n#extend 1d x\n#hear 2026-01-01\n#close gegrond\n"
	    "#reopen\n#help\n#consent\n#respondent a@b.example\n"
	    "#language en\n#file\n#away until 2026-12-24\n#back\n"
	    "#overview\n#search jan de boer\n#complainant c@d.example\n"
	    "#link KL-2026-00001\n#merge KL-2026-00002\n"
	    "#void duplicate x\n#received 2026-01-01\n#summary s\n"
	    "#approve\n#reject r\n#contact phone\n#new phone\n"
	    "#department d\n#cause c\n#tag t\n"
	    "#measure bob 2026-12-01 m\n#done M-2026-0001 d\n"
	    "#resolved r\n#forward foi\n#report r\n#skip-hearing a x\n";
	struct cmd_list	 l;
	struct buf	 b;
	size_t		 i;
	char		*nlbody;

	CHECK_INT(cmd_parse(body, "en", &l), 0);
	CHECK_INT(l.n, CMD_NKINDS);
	for (i = 0; i < l.n; i++) {
		CHECK_INT(l.v[i].kind, i);
		CHECK_INT(l.v[i].line, i + 1);
	}
	cmd_list_free(&l);

	buf_init(&b);
	buf_adds(&b, "#toewijzen a\n#status s\n#categorie c\n#prioriteit laag\n"
	    "#notitie n\n#antwoord r\n#verleng 1d x\n#hoorzitting 1-1-2026\n"
	    "#sluit gegrond\n#heropen\n#hulp\n#instemming\n"
	    "#beklaagde a@b.example\n#taal Engels\n#dossier\n"
	    "#afwezig tot 24-12-2026\n#terug\n#overzicht\n#zoek jan\n"
	    "#klager c@d.example\n#koppel KL-2026-00001\n"
	    "#samenvoegen [kl-2026-00002]\n#vervallen dubbel x\n"
	    "#ontvangen 1-1-2026\n#omschrijving o\n#akkoord\n"
	    "#afwijzen r\n#contact telefoon\n#nieuw telefoon\n"
	    "#afdeling d\n#oorzaak c\n#label t\n"
	    "#maatregel m-2026-0001\n#gereed [M-2026-0001] d\n"
	    "#opgelost o\n#doorsturen woo\n#verslag v\n"
	    "#afzien-horen b x\n");
	nlbody = buf_detach(&b, NULL);
	CHECK_INT(cmd_parse(nlbody, "nl", &l), 0);
	CHECK_INT(l.n, CMD_NKINDS);
	for (i = 0; i < l.n; i++)
		CHECK_INT(l.v[i].kind, i);
	cmd_list_free(&l);
	free(nlbody);
}

/* #overzicht and #zoek (issue 13): no argument; #zoek takes the rest of
 * its own line as its words, the lines below are free text; FTS5 syntax
 * is just text here. */
static void
test_overview_search(void)
{
	struct cmd_list	l;

	CHECK_INT(cmd_parse("#Overzicht\n", "nl", &l), 0);
	CHECK_INT(l.n, 1);
	CHECK_INT(l.v[0].kind, CMD_OVERVIEW);
	cmd_list_free(&l);
	CHECK_INT(cmd_parse("#overview\n#overview\n", "en", &l), -1);
	cmd_list_free(&l);
	CHECK_INT(cmd_parse("#zoek  jan \"OR\" NEAR(piet *\nmeer tekst\n",
	    "nl", &l), 0);
	CHECK_INT(l.n, 1);
	CHECK_INT(l.v[0].kind, CMD_SEARCH);
	CHECK_STR(l.v[0].text, "jan \"OR\" NEAR(piet *");
	CHECK_STR(l.free_text, "meer tekst");
	cmd_list_free(&l);
	CHECK_INT(cmd_parse("#search: Jansen\n", "en", &l), 0);
	CHECK_INT(l.v[0].kind, CMD_SEARCH);
	CHECK_STR(l.v[0].text, "Jansen");
	cmd_list_free(&l);
	CHECK_INT(cmd_parse("#zoeken\n", "nl", &l), 0);
	CHECK_INT(l.v[0].kind, CMD_SEARCH);
	CHECK_STR(l.v[0].text, "");
	cmd_list_free(&l);
}

/* #received / #ontvangen: a date, normalised; anything else an error
 * (issue 14). */
static void
test_received(void)
{
	struct cmd_list	 l;

	CHECK_INT(cmd_parse("#ontvangen 3-2-2026 brief lag bij de buren\n",
	    "nl", &l), 0);
	CHECK_INT(l.n, 1);
	if (l.n == 1) {
		CHECK_INT(l.v[0].kind, CMD_RECEIVED);
		CHECK_STR(l.v[0].arg, "2026-02-03");
		CHECK_STR(l.v[0].text, "brief lag bij de buren");
	}
	cmd_list_free(&l);
	CHECK_INT(cmd_parse("#received yesterday\n", "en", &l), -1);
	CHECK_INT(l.nerrors, 1);
	if (l.nerrors == 1)
		CHECK_CONTAINS(l.errors[0], "#received expects a date");
	cmd_list_free(&l);
}

/* #language / #taal: nl or en, in the words officers use. */
static void
test_language(void)
{
	static const struct {
		const char	*body;
		const char	*arg;	/* NULL: an error */
	} t[] = {
		{ "#taal en\n", "en" }, { "#taal NL\n", "nl" },
		{ "#language english\n", "en" }, { "#taal Nederlands\n", "nl" },
		{ "#taal: engels\n", "en" }, { "#language dutch\n", "nl" },
		{ "#taal fr\n", NULL }, { "#taal\n", NULL },
		{ "#taal en en\n", NULL },
	};
	struct cmd_list	 l;
	size_t		 i;

	for (i = 0; i < nitems(t); i++) {
		int r = cmd_parse(t[i].body, "nl", &l);

		CHECK_INT(r, t[i].arg ? 0 : -1);
		if (t[i].arg != NULL && l.n == 1) {
			CHECK_INT(l.v[0].kind, CMD_LANGUAGE);
			CHECK_STR(l.v[0].arg, t[i].arg);
		} else if (t[i].arg == NULL)
			CHECK_CONTAINS(l.errors[0], "verwacht nl of en");
		cmd_list_free(&l);
	}
	/* Once per reply. */
	CHECK_INT(cmd_parse("#taal en\n#taal nl\n", "en", &l), -1);
	cmd_list_free(&l);
}

/* #file / #dossier: nothing (this case) or one reference. */
static void
test_dossier(void)
{
	static const struct {
		const char	*body;
		const char	*arg;	/* NULL: an error */
	} t[] = {
		{ "#dossier\n", "" }, { "#file\n", "" },
		{ "#dossier KL-2026-00007\n", "KL-2026-00007" },
		{ "#file: kl-2026-00007\n", "KL-2026-00007" },
		{ "#dossier [KL-2026-00007]\n", "KL-2026-00007" },
		{ "#dossier   KL-2026-00001  \n", "KL-2026-00001" },
		{ "#dossier KL-2026-1\n", NULL },
		{ "#dossier KL-2026-00007 graag\n", NULL },
		{ "#dossier 2026-00007\n", NULL },
		{ "#dossier KL/2026\n", NULL },
		{ "#dossier KL-2026-0000000000000000000000000000000000007\n",
		  NULL },
	};
	struct cmd_list	 l;
	size_t		 i;

	for (i = 0; i < nitems(t); i++) {
		int r = cmd_parse(t[i].body, "nl", &l);

		CHECK_INT(r, t[i].arg ? 0 : -1);
		if (t[i].arg != NULL && l.n == 1) {
			CHECK_INT(l.v[0].kind, CMD_DOSSIER);
			CHECK_STR(l.v[0].arg, t[i].arg);
			CHECK_STR(l.v[0].text, "");
		} else if (t[i].arg == NULL && l.nerrors > 0)
			CHECK_CONTAINS(l.errors[0], "referentie");
		else
			CHECK(0);
		cmd_list_free(&l);
	}
	/* Once per reply; text below is free text, never a command. */
	CHECK_INT(cmd_parse("#dossier\n#file KL-1\n", "en", &l), -1);
	cmd_list_free(&l);
	CHECK_INT(cmd_parse("#dossier\nplease\n", "en", &l), 0);
	CHECK_INT(l.n, 1);
	CHECK_STR(l.free_text, "please");
	cmd_list_free(&l);
	/* The row: it may run from desk mail, on a personal token. */
	CHECK_INT(cmd_entry_of(CMD_DOSSIER)->desk, CMD_DESK_TOO);
	CHECK_INT(cmd_entry_of(CMD_DOSSIER)->personal, 1);
}

/* #summary / #omschrijving: text over several lines, required, once. */
static void
test_summary(void)
{
	struct cmd_list	 l;

	CHECK_INT(cmd_parse("#omschrijving De groene container aan de\n"
	    "Dorpsstraat is niet geleegd.\n\n-- \nAnna\n", "nl", &l), 0);
	CHECK_INT(l.n, 1);
	if (l.n == 1) {
		CHECK_INT(l.v[0].kind, CMD_SUMMARY);
		CHECK_STR(l.v[0].text, "De groene container aan de\n"
		    "Dorpsstraat is niet geleegd.");
	}
	cmd_list_free(&l);
	CHECK_INT(cmd_parse("#summary\n", "en", &l), -1);
	cmd_list_free(&l);
	CHECK_INT(cmd_parse("#summary a\n#omschrijving b\n", "en", &l), -1);
	cmd_list_free(&l);
}

/* #approve / #akkoord takes nothing; #reject / #afwijzen needs a reason. */
static void
test_approval(void)
{
	struct cmd_list	 l;

	CHECK_INT(cmd_parse("#akkoord\n", "nl", &l), 0);
	CHECK_INT(l.n, 1);
	if (l.n == 1)
		CHECK_INT(l.v[0].kind, CMD_APPROVE);
	cmd_list_free(&l);
	CHECK_INT(cmd_parse("#afwijzen De bevindingen missen de "
	    "hoorzitting.\n", "nl", &l), 0);
	CHECK_INT(l.n, 1);
	if (l.n == 1) {
		CHECK_INT(l.v[0].kind, CMD_REJECT);
		CHECK_STR(l.v[0].text, "De bevindingen missen de hoorzitting.");
	}
	cmd_list_free(&l);
	CHECK_INT(cmd_parse("#afwijzen\n", "nl", &l), -1);
	if (l.nerrors > 0)
		CHECK_CONTAINS(l.errors[0], "heeft uw reden nodig");
	cmd_list_free(&l);
}

/* #respondent / #beklaagde (Awb 9:9): an address, then a name. */
static void
test_respondent(void)
{
	static const struct {
		const char	*body;
		const char	*arg;	/* NULL: an error */
		const char	*text;
		const char	*free_text;
	} t[] = {
		{ "#beklaagde P.Jansen@Gemeente.example Piet Jansen\n",
		    "p.jansen@gemeente.example", "Piet Jansen", "" },
		{ "#respondent <piet@x.example>\n", "piet@x.example", "", "" },
		{ "#beklaagde: piet@x.example  Piet  \nHij werkt bij de balie.\n",
		    "piet@x.example", "Piet", "Hij werkt bij de balie." },
		{ "#beklaagde Piet Jansen\n", NULL, NULL, NULL },
		{ "#beklaagde piet@@x.example\n", NULL, NULL, NULL },
		{ "#beklaagde @x.example\n", NULL, NULL, NULL },
		{ "#beklaagde piet@\n", NULL, NULL, NULL },
		{ "#beklaagde \"piet\"@x.example\n", NULL, NULL, NULL },
		{ "#beklaagde piet@x.example,jan@x.example\n", NULL, NULL, NULL },
		{ "#beklaagde\n", NULL, NULL, NULL },
	};
	struct cmd_list	 l;
	size_t		 i;

	for (i = 0; i < nitems(t); i++) {
		int rc = cmd_parse(t[i].body, "nl", &l);

		if (t[i].arg == NULL) {
			CHECK_INT(rc, -1);
			CHECK_INT(l.n, 0);
			CHECK(l.nerrors == 1 && strstr(l.errors[0],
			    "#beklaagde verwacht het e-mailadres") != NULL);
		} else {
			CHECK_INT(rc, 0);
			CHECK_INT(l.n, 1);
			if (l.n == 1) {
				CHECK_INT(l.v[0].kind, CMD_RESPONDENT);
				CHECK_STR(l.v[0].arg, t[i].arg);
				CHECK_STR(l.v[0].text, t[i].text);
			}
			CHECK_STR(l.free_text, t[i].free_text);
		}
		cmd_list_free(&l);
	}
	/* More than one person may be complained about. */
	CHECK_INT(cmd_parse("#beklaagde a@x.example A\n#respondent b@x.example\n",
	    "en", &l), 0);
	CHECK_INT(l.n, 2);
	cmd_list_free(&l);
	/* English error text; an over-long name is cut at 200 bytes. */
	CHECK_INT(cmd_parse("#respondent nobody\n", "en", &l), -1);
	CHECK(l.nerrors == 1 && strstr(l.errors[0], "line 1: #respondent "
	    "expects the address of the person complained about") != NULL);
	cmd_list_free(&l);
	{
		char body[400];

		memset(body, 'n', sizeof body);
		memcpy(body, "#beklaagde a@x.example ", 23);
		body[sizeof body - 1] = '\0';
		CHECK_INT(cmd_parse(body, "nl", &l), 0);
		CHECK_INT(l.n == 1 ? strlen(l.v[0].text) : 0, 200);
		cmd_list_free(&l);
	}
}

/* #afwezig / #away (issue 13): "[tot|until] <date> [vervanger <id>]". */
static void
test_absence(void)
{
	static const struct {
		const char	*body;
		const char	*arg;	/* NULL: an error */
		const char	*text;
		const char	*free_text;
	} t[] = {
		{ "#afwezig tot 2026-12-24 vervanger bob\n", "2026-12-24",
		    "bob", "" },
		{ "#away until 24-12-2026 substitute Bob\n", "2026-12-24",
		    "bob", "" },
		{ "#afwezig tot en met 2026-12-24\n", "2026-12-24", "", "" },
		{ "#afwezig t/m 1/2/2027: vervanger carla\n", "2027-02-01",
		    "carla", "" },
		{ "#Afwezig: 2026-12-24\nIk ben op vakantie.\n", "2026-12-24",
		    "", "Ik ben op vakantie." },
		{ "#afwezig tot morgen\n", NULL, NULL, NULL },
		{ "#afwezig tot 2026-13-01\n", NULL, NULL, NULL },
		{ "#afwezig\n", NULL, NULL, NULL },
		{ "#afwezig tot 2026-12-24 bob\n", NULL, NULL, NULL },
		{ "#afwezig tot 2026-12-24 vervanger\n", NULL, NULL, NULL },
		{ "#afwezig tot 2026-12-24 vervanger bob en carla\n", NULL,
		    NULL, NULL },
		{ "#afwezig tot 2026-12-24 vervanger b@b\n", NULL, NULL, NULL },
	};
	struct cmd_list	 l;
	size_t		 i;

	for (i = 0; i < nitems(t); i++) {
		int rc = cmd_parse(t[i].body, "nl", &l);

		if (t[i].arg == NULL) {
			CHECK_INT(rc, -1);
			CHECK_INT(l.n, 0);
			CHECK(l.nerrors == 1 && strstr(l.errors[0],
			    "regel 1: #afwezig verwacht \"tot <datum>\"") !=
			    NULL);
		} else {
			CHECK_INT(rc, 0);
			CHECK_INT(l.n, 1);
			if (l.n == 1) {
				CHECK_INT(l.v[0].kind, CMD_AWAY);
				CHECK_STR(l.v[0].arg, t[i].arg);
				CHECK_STR(l.v[0].text, t[i].text);
			}
			CHECK_STR(l.free_text, t[i].free_text);
		}
		cmd_list_free(&l);
	}
	CHECK_INT(cmd_parse("#away until tomorrow\n", "en", &l), -1);
	CHECK(l.nerrors == 1 && strstr(l.errors[0], "line 1: #away expects "
	    "\"until <date>\", the last day you are away") != NULL);
	cmd_list_free(&l);
	/* Once per reply; #terug takes nothing, its lines are free text. */
	CHECK_INT(cmd_parse("#afwezig tot 2026-12-24\n#away until 2026-12-25\n",
	    "nl", &l), -1);
	cmd_list_free(&l);
	CHECK_INT(cmd_parse("#terug\nFijn weer hier.\n", "nl", &l), 0);
	CHECK(l.n == 1 && l.v[0].kind == CMD_BACK && *l.v[0].arg == '\0');
	CHECK_STR(l.free_text, "Fijn weer hier.");
	cmd_list_free(&l);
	CHECK_INT(cmd_parse("#back home\n", "en", &l), 0);
	CHECK_STR(l.free_text, "");
	cmd_list_free(&l);
}

/* The caps: many commands, many errors, very long lines. */
static void
test_limits(void)
{
	struct cmd_list	 l;
	struct buf	 b;
	char		*s;
	size_t		 i;

	/* CMD_MAX_COMMANDS + 1 notes: one error, the rest kept. */
	buf_init(&b);
	for (i = 0; i < CMD_MAX_COMMANDS + 5; i++)
		buf_printf(&b, "#note %zu\n", i);
	s = buf_detach(&b, NULL);
	CHECK_INT(cmd_parse(s, "en", &l), -1);
	CHECK_INT(l.n, CMD_MAX_COMMANDS);
	CHECK_INT(l.nerrors, 1);
	CHECK_CONTAINS(l.errors[0], "line 65: too many commands (at most 64)");
	cmd_list_free(&l);
	free(s);

	/* Many errors: capped, with a last one saying so. */
	buf_init(&b);
	for (i = 0; i < 1000; i++)
		buf_adds(&b, "#bogus\n");
	s = buf_detach(&b, NULL);
	CHECK_INT(cmd_parse(s, "nl", &l), -1);
	CHECK_INT(l.nerrors, CMD_MAX_ERRORS);
	CHECK_CONTAINS(l.errors[CMD_MAX_ERRORS - 1], "te veel fouten");
	cmd_list_free(&l);
	free(s);

	/* A command line over the cap is an error... */
	buf_init(&b);
	buf_adds(&b, "#note ");
	for (i = 0; i < CMD_MAX_LINE; i++)
		buf_addc(&b, 'x');
	buf_adds(&b, "\n#assign anna\n");
	s = buf_detach(&b, NULL);
	CHECK_INT(cmd_parse(s, "en", &l), -1);
	CHECK_INT(l.n, 1);
	CHECK_CONTAINS(l.errors[0], "line 1: #note: line too long");
	CHECK_INT(l.v[0].line, 2);
	cmd_list_free(&l);
	free(s);

	/* ... a text line over the cap is cut at CMD_MAX_LINE bytes. */
	buf_init(&b);
	buf_adds(&b, "#note\n");
	for (i = 0; i < 3 * CMD_MAX_LINE; i++)
		buf_addc(&b, 'y');
	buf_adds(&b, "\n> #assign mallory\n");
	s = buf_detach(&b, NULL);
	CHECK_INT(cmd_parse(s, "en", &l), 0);
	CHECK_INT(l.n, 1);
	CHECK_INT(strlen(l.v[0].text), CMD_MAX_LINE);
	CHECK_INT(l.cut_line, 3);
	cmd_list_free(&l);
	free(s);

	/* A huge line of blanks before an attribution. */
	buf_init(&b);
	for (i = 0; i < 200000; i++)
		buf_addc(&b, ' ');
	buf_adds(&b, "\nOn Mon, 2 Mar 2026 at 09:14, A <a@b.nl> wrote:\n");
	s = buf_detach(&b, NULL);
	CHECK_INT(cmd_find_quote_start(s, &i), 200001);
	CHECK_INT(i, 2);
	free(s);

	/* A NULL body is an empty one. */
	CHECK_INT(cmd_parse(NULL, NULL, &l), 0);
	CHECK_INT(l.n, 0);
	CHECK_STR(l.free_text, "");
	cmd_list_free(&l);
}

/* Inputs that once crashed or misbehaved (fuzzing and review). */
static const char *regressions[] = {
	"#",
	"#\n",
	"##",
	"#a",
	"#close deels",
	"#close deels ",
	"#extend 1",
	"#extend 1 ",
	"#extend 1w",
	"#hear -",
	"#hear 1-",
	"#hear 1-1-",
	"#hear --",
	"#note:",
	"\xc2",
	"\xe2\x80",
	"#note \xe2\x80",
	"#close \xc2\xa0\xc2\xa0",
	"On \n:",
	"On\n",
	"-----",
	"--\xc2\xa0--",
	"From:\n",
	"\r",
	"\r\r\n#assign a\r",
	"#beklaagde",
	"#beklaagde <",
	"#beklaagde <>",
	"#beklaagde <@>",
	"#beklaagde a@b\xc2\xa0Naam",
	"#respondent a@b \xe2\x80",
};

static void
test_regressions(void)
{
	struct cmd_list	l;
	size_t		i, j;
	int		rc;

	for (i = 0; i < nitems(regressions); i++) {
		rc = cmd_parse(regressions[i], "en", &l);
		CHECK(rc == 0 || rc == -1);
		CHECK((rc == -1) == (l.nerrors > 0));
		CHECK(l.free_text != NULL);
		for (j = 0; j < l.n; j++)
			CHECK(l.v[j].arg != NULL && l.v[j].text != NULL);
		cmd_list_free(&l);
	}
}

/* The corrections (issue 14): #klager's address and name, a reference
 * with or without brackets (upper-cased), the reasons of #vervallen in
 * both languages, and what they refuse. */
static void
test_corrections(void)
{
	static const struct {
		const char	*body;
		int		 kind;
		const char	*arg;	/* NULL: an error */
		const char	*text;
	} t[] = {
		{ "#klager piet@example.net Piet Jansen\n", CMD_COMPLAINANT,
		  "piet@example.net", "Piet Jansen" },
		{ "#complainant <Piet@Example.NET>\n", CMD_COMPLAINANT,
		  "piet@example.net", "" },
		{ "#klager Piet Jansen\n", CMD_COMPLAINANT, NULL, NULL },
		{ "#koppel KL-2026-00042\n", CMD_LINK, "KL-2026-00042", "" },
		{ "#link [kl-2026-00042]\n", CMD_LINK, "KL-2026-00042", "" },
		{ "#koppel 42\n", CMD_LINK, NULL, NULL },
		{ "#koppel KL-26-00042\n", CMD_LINK, NULL, NULL },
		{ "#koppel KL-2026-0042\n", CMD_LINK, NULL, NULL },
		{ "#samenvoegen KL-2026-00042 zelfde klacht\n", CMD_MERGE,
		  "KL-2026-00042", "zelfde klacht" },
		{ "#merge\n", CMD_MERGE, NULL, NULL },
		{ "#vervallen dubbel al in KL-2026-00001\n", CMD_VOID,
		  "duplicate", "al in KL-2026-00001" },
		{ "#vervallen verkeerd-adres bedoeld voor de provincie\n",
		  CMD_VOID, "misdirected", "bedoeld voor de provincie" },
		{ "#void misdirected meant for the province\n", CMD_VOID,
		  "misdirected", "meant for the province" },
		{ "#void SPAM advertising\n", CMD_VOID, "spam",
		  "advertising" },
		{ "#vervallen spam\n", CMD_VOID, NULL, NULL },
		{ "#vervallen ongegrond onzin\n", CMD_VOID, NULL, NULL },
		/* issue 15: #forward / #doorsturen <kind> [text] */
		{ "#doorsturen woo graag snel behandelen\n", CMD_REDIRECT,
		  "woo", "graag snel behandelen" },
		{ "#forward objection\n", CMD_REDIRECT, "bezwaar", "" },
		{ "#forward FOI meant for the Woo desk\n", CMD_REDIRECT, "woo",
		  "meant for the Woo desk" },
		{ "#doorsturen Schade, fietsschade\n", CMD_REDIRECT, "schade",
		  "fietsschade" },
		{ "#forward report\n", CMD_REDIRECT, "melding", "" },
		{ "#doorsturen overig\n", CMD_REDIRECT, "overig", "" },
		{ "#forward damage\n", CMD_REDIRECT, "schade", "" },
		{ "#doorsturen\n", CMD_REDIRECT, NULL, NULL },
		{ "#doorsturen provincie\n", CMD_REDIRECT, NULL, NULL },
	};
	struct cmd_list	 l;
	size_t		 i;

	for (i = 0; i < nitems(t); i++) {
		cmd_parse(t[i].body, "nl", &l);
		if (t[i].arg == NULL) {
			CHECK_INT(l.n, 0);
			CHECK_INT(l.nerrors, 1);
		} else {
			CHECK_INT(l.nerrors, 0);
			CHECK_INT(l.n, 1);
			if (l.n == 1) {
				CHECK_INT(l.v[0].kind, t[i].kind);
				CHECK_STR(l.v[0].arg, t[i].arg);
				CHECK_STR(l.v[0].text, t[i].text);
			}
		}
		cmd_list_free(&l);
	}
}

/* #tekst / #snippet (textblock.h): a line of the text of #reply and
 * #close, kept as written for the handler; anywhere else an error. */
static void
test_textblock(void)
{
	struct cmd_list	l;

	CHECK_INT(cmd_parse("#antwoord Goed nieuws.\n#tekst excuses\n"
	    "Groet\n", "nl", &l), 0);
	CHECK_INT(l.n, 1);
	CHECK_STR(l.v[0].text, "Goed nieuws.\n#tekst excuses\nGroet");
	cmd_list_free(&l);
	CHECK_INT(cmd_parse("#sluit gegrond\n  #Snippet: schadeformulier\n",
	    "en", &l), 0);
	CHECK_INT(l.n, 1);
	CHECK_STR(l.v[0].text, "#Snippet: schadeformulier");
	cmd_list_free(&l);
	CHECK_INT(cmd_parse("#tekst excuses\n", "nl", &l), -1);
	CHECK(l.nerrors == 1 && strstr(l.errors[0], "regel 1: #tekst staat "
	    "in de tekst van #antwoord of #sluit") != NULL);
	cmd_list_free(&l);
	CHECK_INT(cmd_parse("#note intern\n#snippet excuses\n", "en", &l),
	    -1);
	CHECK(l.nerrors == 1 && strstr(l.errors[0], "line 2: #snippet stands "
	    "inside the text of #reply or #close") != NULL);
	cmd_list_free(&l);
}

/* #contact: the type in either language, then the text. */
static void
test_contact(void)
{
	static const struct {
		const char	*body, *arg, *text;
	} t[] = {
		{ "#contact telefoon\nHoorzitting besproken.\n", "phone",
		    "Hoorzitting besproken." },
		{ "#contact Gesprek: op het stadskantoor\n", "meeting",
		    "op het stadskantoor" },
		{ "#contact brief\n", "letter", "" },
		{ "#contact e-mail antwoord gestuurd\n", "mail",
		    "antwoord gestuurd" },
		{ "#contact phone\n", "phone", "" },
		{ "#contact postduif\n", NULL, NULL },
		{ "#contact\n", NULL, NULL },
	};
	struct cmd_list	l;
	size_t		i;

	for (i = 0; i < nitems(t); i++) {
		int rc = cmd_parse(t[i].body, "nl", &l);

		if (t[i].arg == NULL) {
			CHECK_INT(rc, -1);
			CHECK(l.nerrors == 1 && strstr(l.errors[0], "#contact "
			    "verwacht telefoon, gesprek, brief of mail") !=
			    NULL);
		} else {
			CHECK_INT(rc, 0);
			CHECK_INT(l.n, 1);
			CHECK_INT(l.v[0].kind, CMD_CONTACT);
			CHECK_STR(l.v[0].arg, t[i].arg);
			CHECK_STR(l.v[0].text, t[i].text);
		}
		cmd_list_free(&l);
	}
}

/* Issue 15: #afdeling, #oorzaak, #label take one word, lowercased,
 * blanks joined by '-'; whether it is configured is the handler's. */
static void
test_classify(void)
{
	static const struct {
		const char	*body;
		enum cmd_kind	 kind;
		const char	*arg;	/* NULL: an error */
	} t[] = {
		{ "#afdeling Burgerzaken\n", CMD_DEPARTMENT, "burgerzaken" },
		{ "#department: wonen\n", CMD_DEPARTMENT, "wonen" },
		{ "#oorzaak Communicatie\n", CMD_CAUSE, "communicatie" },
		{ "#cause proces\n", CMD_CAUSE, "proces" },
		{ "#label wachttijd\n", CMD_LABEL, "wachttijd" },
		{ "#tag lange wachttijd\n", CMD_LABEL, "lange-wachttijd" },
		{ "#label\n", CMD_LABEL, NULL },
		{ "#oorzaak gedrag!\n", CMD_CAUSE, NULL },
		{ "#afdeling \"x\"\n", CMD_DEPARTMENT, NULL },
	};
	struct cmd_list	l;
	size_t		i;

	for (i = 0; i < nitems(t); i++) {
		int rc = cmd_parse(t[i].body, "nl", &l);

		if (t[i].arg == NULL) {
			CHECK_INT(rc, -1);
			CHECK(l.nerrors == 1 && strstr(l.errors[0],
			    "verwacht één woord") != NULL);
		} else {
			CHECK_INT(rc, 0);
			CHECK_INT(l.n, 1);
			CHECK_INT(l.v[0].kind, t[i].kind);
			CHECK_STR(l.v[0].arg, t[i].arg);
		}
		cmd_list_free(&l);
	}
	/* Several labels in one reply; department and cause once. */
	CHECK_INT(cmd_parse("#label a\n#label b\n#tag c\n", "en", &l), 0);
	CHECK_INT(l.n, 3);
	cmd_list_free(&l);
	CHECK_INT(cmd_parse("#afdeling a\n#afdeling b\n", "nl", &l), -1);
	cmd_list_free(&l);
	CHECK_INT(cmd_parse("#oorzaak a\n#cause b\n", "nl", &l), -1);
	cmd_list_free(&l);
}

/* #maatregel (issue 15): an existing measure's reference, or an owner
 * and a date (any form cal_parse_day reads) with the text on the line
 * and below; #gereed: a reference and required text. */
static void
test_measure(void)
{
	static const struct {
		const char	*body, *arg, *due, *text;
	} t[] = {
		{ "#maatregel bob 2026-11-30 Sneller versturen\nen melden\n",
		    "bob", "2026-11-30", "Sneller versturen\nen melden" },
		{ "#maatregel Bob 30-11-2026 x\n", "bob", "2026-11-30", "x" },
		{ "#measure bob 2026-11-30\n", "bob", "2026-11-30", "" },
		{ "#maatregel M-2026-0001\n", "M-2026-0001", "", "" },
		{ "#maatregel [m-2026-12345]\n", "M-2026-12345", "", "" },
		{ "#maatregel bob morgen x\n", NULL, NULL, NULL },
		{ "#maatregel bob\n", NULL, NULL, NULL },
		{ "#maatregel M-26-0001\n", NULL, NULL, NULL },
		{ "#maatregel\n", NULL, NULL, NULL },
		{ "#maatregel KL-2026-00001\n", NULL, NULL, NULL },
	};
	static const struct {
		const char	*body, *arg, *text, *err;
	} d[] = {
		{ "#gereed M-2026-0001 Brief aangepast.\nEn de site.\n",
		    "M-2026-0001", "Brief aangepast.\nEn de site.", NULL },
		{ "#done m-2026-0007: done\n", "M-2026-0007", "done", NULL },
		{ "#gereed M-2026-0001\n", NULL, NULL, "#gereed" },
		{ "#gereed KL-2026-00001 x\n", NULL, NULL,
		    "#gereed verwacht het nummer van een maatregel" },
		{ "#gereed M-2026-001 x\n", NULL, NULL,
		    "#gereed verwacht het nummer van een maatregel" },
	};
	struct cmd_list	l;
	size_t		i;
	int		rc;

	for (i = 0; i < nitems(t); i++) {
		rc = cmd_parse(t[i].body, "nl", &l);
		if (t[i].arg == NULL) {
			CHECK_INT(rc, -1);
			CHECK(l.nerrors == 1 && strstr(l.errors[0],
			    "verwacht een eigenaar") != NULL);
		} else {
			CHECK_INT(rc, 0);
			CHECK_INT(l.n, 1);
			CHECK_INT(l.v[0].kind, CMD_MEASURE);
			CHECK_STR(l.v[0].arg, t[i].arg);
			CHECK_STR(l.v[0].due, t[i].due);
			CHECK_STR(l.v[0].text, t[i].text);
		}
		cmd_list_free(&l);
	}
	for (i = 0; i < nitems(d); i++) {
		rc = cmd_parse(d[i].body, "nl", &l);
		if (d[i].arg == NULL) {
			CHECK_INT(rc, -1);
			CHECK(l.nerrors == 1 && strstr(l.errors[0], d[i].err) !=
			    NULL);
		} else {
			CHECK_INT(rc, 0);
			CHECK_INT(l.n, 1);
			CHECK_INT(l.v[0].kind, CMD_DONE);
			CHECK_STR(l.v[0].arg, d[i].arg);
			CHECK_STR(l.v[0].text, d[i].text);
			CHECK_STR(l.v[0].due, "");
		}
		cmd_list_free(&l);
	}
}

/* #opgelost / #resolved (issue 15): what was agreed is the text, over
 * more lines; without it the command is refused; once per reply. */
static void
test_resolved(void)
{
	struct cmd_list	l;

	CHECK_INT(cmd_parse("#opgelost Telefonisch besproken: de container "
	    "wordt\nmorgen geleegd.\n\nGroet, Piet\n", "nl", &l), 0);
	CHECK_INT(l.n, 1);
	CHECK_INT(l.v[0].kind, CMD_RESOLVED);
	CHECK_CONTAINS(l.v[0].text, "Telefonisch besproken: de container "
	    "wordt");
	CHECK_CONTAINS(l.v[0].text, "morgen geleegd.");
	cmd_list_free(&l);

	CHECK_INT(cmd_parse("#resolved We agreed on a new date.\n", "en",
	    &l), 0);
	CHECK_INT(l.n, 1);
	CHECK_INT(l.v[0].kind, CMD_RESOLVED);
	CHECK_STR(l.v[0].text, "We agreed on a new date.");
	cmd_list_free(&l);

	CHECK_INT(cmd_parse("#opgelost\n", "nl", &l), -1);
	CHECK(l.nerrors == 1 && strstr(l.errors[0], "heeft nodig wat met de "
	    "klager is afgesproken") != NULL);
	cmd_list_free(&l);
	CHECK_INT(cmd_parse("#resolved\n", "en", &l), -1);
	CHECK(l.nerrors == 1 && strstr(l.errors[0], "needs what was agreed "
	    "with the complainant") != NULL);
	cmd_list_free(&l);

	CHECK_INT(cmd_parse("#opgelost a\n#opgelost b\n", "nl", &l), -1);
	CHECK_INT(l.nerrors, 1);
	cmd_list_free(&l);
}

int
main(void)
{
	size_t	i;

	for (i = 0; i < nitems(cases); i++)
		run_case(&cases[i]);
	test_quotes();
	test_own_tail();
	test_judgements();
	test_names();
	test_classify();
	test_overview_search();
	test_all_keywords();
	test_limits();
	test_regressions();
	test_language();
	test_dossier();
	test_received();
	test_respondent();
	test_absence();
	test_corrections();
	test_summary();
	test_approval();
	test_textblock();
	test_contact();
	test_measure();
	test_resolved();
	return check_done();
}
