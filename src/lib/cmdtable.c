/*
 * cmdtable.c -- the officer commands, one row each (see cmdtable.h), and
 * the #help text generated from the rows.
 *
 * Adding a command costs four things:
 *
 *   1. A row here: a new CMD_x at the end of enum cmd_kind (cmdtable.h;
 *      the order of the enum is the stable order of kinds, not the order
 *      of #help), then its row in cmd_table[] where it should appear in
 *      #help: keywords (English, Dutch, aliases), the argument type (a
 *      new type also needs its case in parse_arg, cmdparse.c), the text,
 *      once-per-reply, usage and help in both languages, the states
 *      in which it may run with the error for the others, and
 *      .term_letter if the letter it sends moves the due date or ends
 *      the case.
 *   2. Its handler in officer_exec.c:
 *      static enum kres do_x(struct exec *, const struct cmd *, char **),
 *      entered in handlers[] there under [CMD_x].  It runs after the
 *      state check, inside the savepoint of the reply; it writes the
 *      case's columns with their events and tells the officer through
 *      change(), or refuses through fail().
 *   3. Its entry under COMMANDS in man/klachtd-commands.7: a ".TP" line
 *      with every keyword of the row (test_cmdtable fails otherwise).
 *   4. Its tests: a parse case in tests/unit/test_cmdparse.c and an
 *      end-to-end run in tests/e2e/officer-commands.sh (or a new script
 *      using tests/e2e/officer-lib.sh).
 *
 * Nothing else changes: the parser, #help, the "once" rule and the state
 * check follow from the row.
 */
#include "config.h"

#include <string.h>
#include <strings.h>

#include "cmdtable.h"
#include "util.h"

/* Help lines: the usage column is this wide; longer usages stand on a
 * line of their own. */
#ifndef nitems
#define nitems(a)	(sizeof (a) / sizeof (a)[0])
#endif

#define HELP_COLUMN	27
/* Generated paragraphs are wrapped at this width. */
#define HELP_WIDTH	72

#define NOT_DONE	(CMD_IN(CS_DECIDED) | CMD_IN(CS_CLOSED))

const struct cmd_entry cmd_table[] = {
	{ .kind = CMD_ASSIGN, .en = "assign", .nl = "toewijzen",
	  .arg = CMD_ARG_OFFICER, .text = CMD_TEXT_NONE, .once = 1,
	  .usage_en = "<id>", .usage_nl = "<id>",
	  .help_en = "assign the complaint to an officer",
	  .help_nl = "wijs de klacht toe aan een functionaris",
	  .states = CMD_ANY_STATE },
	{ .kind = CMD_STATUS, .en = "status", .nl = "status",
	  .arg = CMD_ARG_STATE, .text = CMD_TEXT_NONE, .once = 1,
	  .usage_en = "<state>", .usage_nl = "<status>",
	  .help_en = "set the status, for example in-progress",
	  .help_nl = "zet de status, bijvoorbeeld in-behandeling",
	  /* Which moves are allowed depends on the new state: do_status. */
	  .states = CMD_ANY_STATE },
	{ .kind = CMD_CATEGORY, .en = "category", .nl = "categorie",
	  .arg = CMD_ARG_CATEGORY, .text = CMD_TEXT_NONE, .once = 1,
	  .usage_en = "<id>", .usage_nl = "<id>",
	  .help_en = "set the category",
	  .help_nl = "zet de categorie",
	  .states = CMD_ANY_STATE },
	{ .kind = CMD_PRIORITY, .en = "priority", .nl = "prioriteit",
	  .arg = CMD_ARG_PRIORITY, .text = CMD_TEXT_NONE, .once = 1,
	  .usage_en = "<level>", .usage_nl = "<niveau>",
	  .help_en = "low, normal, high or urgent",
	  .help_nl = "laag, normaal, hoog of urgent",
	  .states = CMD_ANY_STATE },
	{ .kind = CMD_NOTE, .en = "note", .nl = "notitie",
	  .arg = CMD_ARG_NONE, .text = CMD_TEXT_REQUIRED, .once = 0,
	  .usage_en = "<text>", .usage_nl = "<tekst>",
	  .help_en = "internal note; the complainant never sees it",
	  .help_nl = "interne notitie; de klager ziet die niet",
	  .states = CMD_ANY_STATE },
	{ .kind = CMD_REPLY, .en = "reply", .nl = "antwoord",
	  .arg = CMD_ARG_NONE, .text = CMD_TEXT_REQUIRED, .once = 0,
	  .usage_en = "<text>", .usage_nl = "<tekst>",
	  .help_en = "text that is sent to the complainant",
	  .help_nl = "tekst die naar de klager gaat",
	  .states = CMD_ANY_STATE },
	{ .kind = CMD_EXTEND, .en = "extend", .nl = "verleng",
	  .aliases = { "verlengen" },
	  .arg = CMD_ARG_DURATION, .text = CMD_TEXT_REQUIRED, .once = 1,
	  .notext_en = "needs a reason after the duration (it is sent to "
	  "the complainant)",
	  .notext_nl = "heeft een reden nodig na de duur (die gaat naar de "
	  "klager)",
	  .usage_en = "<duration> <reason>", .usage_nl = "<duur> <reden>",
	  .help_en = "extend the term, for example\n"
	  "\"#extend 4w to hear witnesses\"; the reason\n"
	  "is sent to the complainant",
	  .help_nl = "verleng de termijn, bijvoorbeeld\n"
	  "\"#verleng 4w wegens het horen van getuigen\";\n"
	  "de reden gaat naar de klager",
	  .term_letter = 1,
	  .states = CMD_ANY_STATE & ~NOT_DONE,
	  .state_en = "the complaint is %s: there is no term to extend",
	  .state_nl = "de klacht is %s: er is geen termijn te verlengen" },
	{ .kind = CMD_HEAR, .en = "hear", .nl = "hoorzitting",
	  .aliases = { "horen" },
	  .arg = CMD_ARG_HEARING, .text = CMD_TEXT_OPTIONAL, .once = 1,
	  .usage_en = "<date> [<time> <place>]",
	  .usage_nl = "<datum> [<tijd> <plaats>]",
	  .help_en = "a hearing (Awb 9:10), for example\n"
	  "\"#hear 2026-03-10 14:00 Town hall, room 2\"\n"
	  "or \"... 14:00 by phone\"; with a time the\n"
	  "complainant and the persons complained about\n"
	  "are invited (with a calendar file); again:\n"
	  "a change; \"#hear cancel\" cancels it",
	  .help_nl = "een hoorzitting (Awb 9:10), bijvoorbeeld\n"
	  "\"#hoorzitting 2026-03-10 14:00 Stadhuis,\n"
	  "kamer 2\" of \"... 14:00 telefonisch\"; met\n"
	  "een tijd krijgen de klager en de beklaagden\n"
	  "een uitnodiging (met agendabestand); nog een\n"
	  "keer: een wijziging; \"#hoorzitting afgelast\"\n"
	  "zegt hem af",
	  .states = CMD_ANY_STATE & ~NOT_DONE,
	  .state_en = "the complaint is %s: there is nothing to hear "
	  "any more (#reopen first)",
	  .state_nl = "de klacht is %s: er valt niets meer te horen "
	  "(eerst #heropen)" },
	{ .kind = CMD_HEARING_REPORT, .en = "report", .nl = "verslag",
	  .arg = CMD_ARG_NONE, .text = CMD_TEXT_REQUIRED, .once = 1,
	  .usage_en = "<text>", .usage_nl = "<tekst>",
	  .help_en = "the report of the hearing; it goes into the\n"
	  "case file (and to both parties where the\n"
	  "organisation wants that)",
	  .help_nl = "het verslag van de hoorzitting; het komt in\n"
	  "het dossier (en gaat naar beide partijen als\n"
	  "de organisatie dat wil)",
	  .states = CMD_ANY_STATE & ~NOT_DONE,
	  .state_en = "the complaint is %s (#reopen first)",
	  .state_nl = "de klacht is %s (eerst #heropen)" },
	{ .kind = CMD_SKIP_HEARING, .en = "skip-hearing",
	  .nl = "afzien-horen",
	  .arg = CMD_ARG_GROUND, .text = CMD_TEXT_REQUIRED, .once = 1,
	  .notext_en = "needs a reason after the ground",
	  .notext_nl = "heeft een reden nodig na de grond",
	  .usage_en = "a|b|c <reason>", .usage_nl = "a|b|c <reden>",
	  .help_en = "no hearing, on a ground of Awb 9:10 lid 2:\n"
	  "a = clearly unfounded, b = the complainant\n"
	  "does not want to be heard, c = the\n"
	  "complainant did not ask in time",
	  .help_nl = "geen hoorzitting, op een grond van Awb 9:10\n"
	  "lid 2: a = kennelijk ongegrond, b = klager\n"
	  "wil niet gehoord worden, c = klager heeft niet\n"
	  "op tijd gezegd gehoord te willen worden",
	  .states = CMD_ANY_STATE & ~NOT_DONE,
	  .state_en = "the complaint is %s (#reopen first)",
	  .state_nl = "de klacht is %s (eerst #heropen)" },
	{ .kind = CMD_CLOSE, .en = "close", .nl = "sluit",
	  .aliases = { "sluiten" },
	  .arg = CMD_ARG_JUDGEMENT, .text = CMD_TEXT_OPTIONAL, .once = 1,
	  .usage_en = "<judgement> [conclusion]",
	  .usage_nl = "<oordeel> [conclusie]",
	  .help_en = "close the complaint with a judgement:\n"
	  "gegrond (upheld), deels-gegrond (partially\n"
	  "upheld), ongegrond (rejected),\n"
	  "niet-ontvankelijk (inadmissible) or\n"
	  "ingetrokken (withdrawn); the conclusion goes\n"
	  "into the letter to the complainant",
	  .help_nl = "sluit de klacht met een oordeel: gegrond,\n"
	  "deels-gegrond, ongegrond, niet-ontvankelijk\n"
	  "of ingetrokken; de conclusie komt in de brief\n"
	  "aan de klager",
	  .term_letter = 1,
	  .states = CMD_ANY_STATE & ~CMD_IN(CS_CLOSED),
	  .state_en = "the complaint is closed already (#reopen first)",
	  .state_nl = "de klacht is al gesloten (eerst #heropen)" },
	{ .kind = CMD_REOPEN, .en = "reopen", .nl = "heropen",
	  .aliases = { "heropenen" },
	  .arg = CMD_ARG_NONE, .text = CMD_TEXT_OPTIONAL, .once = 1,
	  .usage_en = "[reason]", .usage_nl = "[reden]",
	  .help_en = "reopen a closed complaint",
	  .help_nl = "heropen een gesloten klacht",
	  .states = NOT_DONE,
	  .state_en = "the complaint is not closed (it is %s)",
	  .state_nl = "de klacht is niet gesloten (maar %s)" },
	{ .kind = CMD_CONSENT, .en = "consent", .nl = "instemming",
	  .arg = CMD_ARG_NONE, .text = CMD_TEXT_OPTIONAL, .once = 0,
	  .usage_en = "[text]", .usage_nl = "[tekst]",
	  .help_en = "record that the complainant agreed, for\n"
	  "example to a further extension",
	  .help_nl = "leg vast dat de klager heeft ingestemd,\n"
	  "bijvoorbeeld met verder uitstel",
	  .states = CMD_ANY_STATE },
	{ .kind = CMD_RESPONDENT, .en = "respondent", .nl = "beklaagde",
	  .arg = CMD_ARG_ADDRESS, .text = CMD_TEXT_LINE, .once = 0,
	  .usage_en = "<address> [name]", .usage_nl = "<adres> [naam]",
	  .help_en = "record who the complaint is about and send\n"
	  "them a copy of it (Awb 9:9); they are told\n"
	  "of an extension too",
	  .help_nl = "leg vast over wie de klacht gaat en stuur\n"
	  "die een afschrift van de klacht (Awb 9:9);\n"
	  "bij verlenging krijgt die ook bericht",
	  .states = CMD_ANY_STATE & ~NOT_DONE,
	  .state_en = "the complaint is %s",
	  .state_nl = "de klacht is %s" },
	{ .kind = CMD_LANGUAGE, .en = "language", .nl = "taal",
	  .arg = CMD_ARG_LANG, .text = CMD_TEXT_NONE, .once = 1,
	  .usage_en = "nl|en", .usage_nl = "nl|en",
	  .help_en = "the language of the letters to the\n"
	  "complainant from now on: nl or en",
	  .help_nl = "de taal van de brieven aan de klager\n"
	  "vanaf nu: nl of en",
	  .states = CMD_ANY_STATE },
	{ .kind = CMD_DOSSIER, .en = "file", .nl = "dossier",
	  .arg = CMD_ARG_OPTREF, .text = CMD_TEXT_NONE, .once = 1,
	  .usage_en = "[reference]", .usage_nl = "[referentie]",
	  .help_en = "send me the whole case file: every message,\n"
	  "event and letter, with the attachments; with\n"
	  "a reference, that case's file",
	  .help_nl = "stuur mij het hele dossier: elk bericht,\n"
	  "elke gebeurtenis en brief, met de bijlagen;\n"
	  "met een referentie het dossier van die klacht",
	  .states = CMD_ANY_STATE, .desk = CMD_DESK_TOO, .personal = 1 },
	/* Issue 13: about the officer, not the case (officer_absence.c);
	 * a personal token suffices, as it proves the officer whose
	 * absence it is and touches no case. */
	{ .kind = CMD_AWAY, .en = "away", .nl = "afwezig",
	  .arg = CMD_ARG_ABSENCE, .text = CMD_TEXT_LINE, .once = 1,
	  .usage_en = "until <date> [substitute <id>]",
	  .usage_nl = "tot <datum> [vervanger <id>]",
	  .help_en = "you are away up to and including that\n"
	  "day: meanwhile the mail about your cases goes\n"
	  "to the substitute (else to the other officers\n"
	  "of the category); ends by itself, or #back",
	  .help_nl = "u bent afwezig tot en met die dag: zolang\n"
	  "gaat de mail over uw klachten naar de\n"
	  "vervanger (anders naar de andere\n"
	  "functionarissen van de categorie); eindigt\n"
	  "vanzelf, of met #terug",
	  .states = CMD_ANY_STATE, .desk = CMD_DESK_TOO, .personal = 1 },
	{ .kind = CMD_BACK, .en = "back", .nl = "terug",
	  .arg = CMD_ARG_NONE, .text = CMD_TEXT_NONE, .once = 1,
	  .help_en = "you are back: your mail comes to you again",
	  .help_nl = "u bent terug: uw mail komt weer bij u",
	  .states = CMD_ANY_STATE, .desk = CMD_DESK_TOO, .personal = 1 },
	{ .kind = CMD_OVERVIEW, .en = "overview", .nl = "overzicht",
	  .arg = CMD_ARG_NONE, .text = CMD_TEXT_NONE, .once = 1,
	  .help_en = "your open complaints, the unassigned ones\n"
	  "of your categories, what is due within 7\n"
	  "days, overdue or extended; sent to you in a\n"
	  "separate mail",
	  .help_nl = "uw open klachten, de niet toegewezen\n"
	  "klachten van uw categorieën, wat binnen 7\n"
	  "dagen af moet, te laat is of verlengd; u\n"
	  "krijgt het in een aparte mail",
	  .states = CMD_ANY_STATE, .desk = CMD_DESK_TOO, .personal = 1 },
	{ .kind = CMD_SEARCH, .en = "search", .nl = "zoek",
	  .aliases = { "zoeken" },
	  .arg = CMD_ARG_NONE, .text = CMD_TEXT_LINE, .once = 1,
	  .usage_en = "<words>", .usage_nl = "<woorden>",
	  .help_en = "find complaints by reference, name, address,\n"
	  "subject or text (every word must occur);\n"
	  "the list is sent to you in a separate mail",
	  .help_nl = "zoek klachten op nummer, naam, adres,\n"
	  "onderwerp of tekst (elk woord moet erin\n"
	  "staan); u krijgt de lijst in een aparte mail",
	  .states = CMD_ANY_STATE, .desk = CMD_DESK_TOO, .personal = 1 },
	{ .kind = CMD_COMPLAINANT, .en = "complainant", .nl = "klager",
	  .arg = CMD_ARG_ADDRESS, .text = CMD_TEXT_LINE, .once = 1,
	  .usage_en = "<address> [name]", .usage_nl = "<adres> [naam]",
	  .help_en = "correct who the complainant is (a forward\n"
	  "filed under the wrong person); they get the\n"
	  "acknowledgement, the old address nothing more",
	  .help_nl = "verbeter wie de klager is (bijvoorbeeld een\n"
	  "doorgestuurde klacht); die krijgt de\n"
	  "ontvangstbevestiging, het oude adres niets meer",
	  .states = CMD_ANY_STATE & ~NOT_DONE,
	  .state_en = "the complaint is %s",
	  .state_nl = "de klacht is %s" },
	{ .kind = CMD_LINK, .en = "link", .nl = "koppel",
	  .aliases = { "koppelen" },
	  .arg = CMD_ARG_REF, .text = CMD_TEXT_NONE, .once = 0,
	  .usage_en = "<reference>", .usage_nl = "<nummer>",
	  .help_en = "link this complaint to another one (both\n"
	  "show the link)",
	  .help_nl = "koppel deze klacht aan een andere (beide\n"
	  "tonen de koppeling)",
	  .states = CMD_ANY_STATE },
	{ .kind = CMD_MERGE, .en = "merge", .nl = "samenvoegen",
	  .arg = CMD_ARG_REF, .text = CMD_TEXT_LINE, .once = 1,
	  .usage_en = "<reference> [reason]", .usage_nl = "<nummer> [reden]",
	  .help_en = "merge this complaint into another one: its\n"
	  "messages, files and history move there; this\n"
	  "one ends as merged, without a letter, and is\n"
	  "not counted as a complaint",
	  .help_nl = "voeg deze klacht samen met een andere: de\n"
	  "berichten, bestanden en geschiedenis gaan\n"
	  "daarheen; deze eindigt als samengevoegd,\n"
	  "zonder brief, en telt niet als klacht",
	  .term_letter = 1,
	  .states = CMD_ANY_STATE & ~NOT_DONE,
	  .state_en = "the complaint is %s: it cannot be merged",
	  .state_nl = "de klacht is %s: samenvoegen kan niet" },
	{ .kind = CMD_VOID, .en = "void", .nl = "vervallen",
	  .arg = CMD_ARG_VOID, .text = CMD_TEXT_REQUIRED, .once = 1,
	  .notext_en = "needs a few words on why, after the reason",
	  .notext_nl = "heeft een toelichting nodig na de reden",
	  .usage_en = "duplicate|misdirected|spam <text>",
	  .usage_nl = "dubbel|verkeerd-adres|spam <tekst>",
	  .help_en = "close without a letter: no complaint (a\n"
	  "duplicate, sent to the wrong address, spam);\n"
	  "counted apart, not in the register",
	  .help_nl = "sluit zonder brief: geen klacht (dubbel,\n"
	  "verkeerd adres, spam); apart geteld, niet in\n"
	  "het klachtenregister",
	  .term_letter = 1,
	  .states = CMD_ANY_STATE & ~NOT_DONE,
	  .state_en = "the complaint is %s: it cannot be made void",
	  .state_nl = "de klacht is %s: laten vervallen kan niet" },
	{ .kind = CMD_RECEIVED, .en = "received", .nl = "ontvangen",
	  .arg = CMD_ARG_DATE, .text = CMD_TEXT_LINE, .once = 1,
	  .usage_en = "<date>", .usage_nl = "<datum>",
	  .help_en = "correct the date of receipt; the term\n"
	  "runs from it and the complainant gets the\nnew due date",
	  .help_nl = "verbeter de ontvangstdatum; de termijn\n"
	  "loopt vanaf die dag en de klager krijgt\nde nieuwe datum",
	  .term_letter = 1,
	  .states = CMD_ANY_STATE & ~NOT_DONE,
	  .state_en = "the complaint is already %s",
	  .state_nl = "de klacht is al %s" },
	{ .kind = CMD_SUMMARY, .en = "summary", .nl = "omschrijving",
	  .arg = CMD_ARG_NONE, .text = CMD_TEXT_REQUIRED, .once = 1,
	  .usage_en = "<text>", .usage_nl = "<tekst>",
	  .help_en = "the complaint in a few words of your own;\n"
	  "the letters name it instead of the subject\n"
	  "of the complainant's mail",
	  .help_nl = "de klacht in een paar eigen woorden; de\n"
	  "brieven noemen die in plaats van het\n"
	  "onderwerp van de mail van de klager",
	  .states = CMD_ANY_STATE },
	{ .kind = CMD_APPROVE, .en = "approve", .nl = "akkoord",
	  .arg = CMD_ARG_NONE, .text = CMD_TEXT_NONE, .once = 1,
	  .help_en = "approve the outcome letter a colleague\n"
	  "wrote (categories with approvers): it is\n"
	  "sent and the complaint closed",
	  .help_nl = "keur de brief met de afhandeling goed die\n"
	  "een collega schreef (categorieën met\n"
	  "goedkeurders): die gaat dan weg en de\n"
	  "klacht wordt gesloten",
	  .term_letter = 1,
	  .states = CMD_ANY_STATE & ~NOT_DONE,
	  .state_en = "the complaint is %s: there is no letter to approve",
	  .state_nl = "de klacht is %s: er is geen brief om goed te "
	  "keuren" },
	{ .kind = CMD_REJECT, .en = "reject", .nl = "afwijzen",
	  .arg = CMD_ARG_NONE, .text = CMD_TEXT_REQUIRED, .once = 1,
	  .notext_en = "needs your reason (it goes to the officer who wrote "
	  "the letter)",
	  .notext_nl = "heeft uw reden nodig (die gaat naar wie de brief "
	  "schreef)",
	  .usage_en = "<reason>", .usage_nl = "<reden>",
	  .help_en = "send the outcome letter back to who wrote\n"
	  "it, with your reason; nothing is sent to\n"
	  "the complainant",
	  .help_nl = "stuur de brief met de afhandeling terug\n"
	  "naar wie hem schreef, met uw reden; de\n"
	  "klager krijgt niets",
	  .states = CMD_ANY_STATE & ~NOT_DONE,
	  .state_en = "the complaint is %s: there is no letter to reject",
	  .state_nl = "de klacht is %s: er is geen brief om af te "
	  "wijzen" },
	{ .kind = CMD_CONTACT, .en = "contact", .nl = "contact",
	  .arg = CMD_ARG_CONTACT, .text = CMD_TEXT_OPTIONAL, .once = 0,
	  .usage_en = "phone|meeting|letter|mail [text]",
	  .usage_nl = "telefoon|gesprek|brief|mail [tekst]",
	  .help_en = "record a contact with the complainant\n"
	  "today, for example \"#contact phone\n"
	  "talked about the hearing\"",
	  .help_nl = "leg een contact met de klager vast\n"
	  "(vandaag), bijvoorbeeld \"#contact telefoon\n"
	  "hoorzitting besproken\"",
	  .states = CMD_ANY_STATE },
	/* Issue 14: a complaint by phone, at the counter, by letter or by
	 * web form (officer_new.c); about no case yet, so desk mail only. */
	{ .kind = CMD_NEW, .en = "new", .nl = "nieuw",
	  .arg = CMD_ARG_NONE, .text = CMD_TEXT_REQUIRED, .once = 1,
	  .notext_en = "needs the channel (phone, counter, letter, web), "
	  "the lines name:, address: or email: ..., and the complaint",
	  .notext_nl = "heeft het kanaal nodig (telefoon, balie, brief, "
	  "webformulier), de regels naam:, adres: of email: ..., en de "
	  "klacht",
	  .usage_en = "<channel> <lines>", .usage_nl = "<kanaal> <regels>",
	  .help_en = "register a complaint made by phone, at the\n"
	  "counter, by letter or by web form: lines\n"
	  "name:, email: and/or address:, phone:,\n"
	  "received:, category:, then the complaint",
	  .help_nl = "registreer een klacht per telefoon, aan de\n"
	  "balie, per brief of webformulier: regels\n"
	  "naam:, email: en/of adres:, telefoon:,\n"
	  "ontvangen:, categorie:, dan de klacht",
	  .states = CMD_ANY_STATE, .desk = CMD_DESK_ONLY, .personal = 1 },
	/* Classification for learning (issue 15, officer_class.c). */
	{ .kind = CMD_DEPARTMENT, .en = "department", .nl = "afdeling",
	  .arg = CMD_ARG_WORD, .text = CMD_TEXT_NONE, .once = 1,
	  .usage_en = "<id>", .usage_nl = "<id>",
	  .help_en = "the department the complaint is about\n"
	  "(for the reports)",
	  .help_nl = "de afdeling waar de klacht over gaat\n"
	  "(voor de rapportages)",
	  .states = CMD_ANY_STATE },
	{ .kind = CMD_CAUSE, .en = "cause", .nl = "oorzaak",
	  .arg = CMD_ARG_WORD, .text = CMD_TEXT_NONE, .once = 1,
	  .usage_en = "<cause>", .usage_nl = "<oorzaak>",
	  .help_en = "the cause, for example proces,\n"
	  "gedrag or communicatie (for the reports)",
	  .help_nl = "de oorzaak, bijvoorbeeld proces,\n"
	  "gedrag of communicatie (voor de rapportages)",
	  .states = CMD_ANY_STATE },
	{ .kind = CMD_LABEL, .en = "tag", .nl = "label",
	  .arg = CMD_ARG_WORD, .text = CMD_TEXT_NONE, .once = 0,
	  .usage_en = "<word>", .usage_nl = "<woord>",
	  .help_en = "add a label to the complaint, one word;\n"
	  "a complaint may have several",
	  .help_nl = "geef de klacht een label, één woord;\n"
	  "een klacht kan er meer hebben",
	  .states = CMD_ANY_STATE },
	{ .kind = CMD_MEASURE, .en = "measure", .nl = "maatregel",
	  .arg = CMD_ARG_MEASURE, .text = CMD_TEXT_OPTIONAL, .once = 0,
	  .usage_en = "<owner> <date> <text> | M-...",
	  .usage_nl = "<eigenaar> <datum> <tekst> | M-...",
	  .help_en = "an improvement measure with its owner\n"
	  "(an officer or a contact id) and due\n"
	  "date, linked to this case; \"#measure\n"
	  "M-2026-0001\" links this case to an\n"
	  "existing measure",
	  .help_nl = "een verbetermaatregel met eigenaar (id\n"
	  "van een functionaris of contact) en\n"
	  "datum, gekoppeld aan deze klacht;\n"
	  "\"#maatregel M-2026-0001\" koppelt deze\n"
	  "klacht aan een bestaande",
	  .states = CMD_ANY_STATE },
	/* Any authenticated officer may record that a measure is done,
	 * in a reply about any case or as desk mail (then with DKIM):
	 * the owner answers the measure mail, which carries the reply
	 * address of the case the measure was made on. */
	{ .kind = CMD_DONE, .en = "done", .nl = "gereed",
	  .arg = CMD_ARG_MREF, .text = CMD_TEXT_REQUIRED, .once = 0,
	  .usage_en = "M-... <text>", .usage_nl = "M-... <tekst>",
	  .help_en = "the measure is done: what was improved",
	  .help_nl = "de maatregel is uitgevoerd: wat is verbeterd",
	  .states = CMD_ANY_STATE, .desk = CMD_DESK_TOO },
	{ .kind = CMD_RESOLVED, .en = "resolved", .nl = "opgelost",
	  .arg = CMD_ARG_NONE, .text = CMD_TEXT_REQUIRED, .once = 1,
	  .notext_en = "needs what was agreed with the complainant",
	  .notext_nl = "heeft nodig wat met de klager is afgesproken",
	  .usage_en = "<what was agreed>", .usage_nl = "<wat is afgesproken>",
	  .help_en = "the complaint was solved informally (Awb\n"
	  "9:5): a short letter confirms what was agreed;\n"
	  "the complainant may still ask for formal\n"
	  "handling by replying within the term",
	  .help_nl = "de klacht is informeel opgelost (Awb 9:5):\n"
	  "een korte brief bevestigt de afspraak; de\n"
	  "klager kan binnen de termijn nog vragen om\n"
	  "formele behandeling door te antwoorden",
	  .term_letter = 1,
	  .states = CMD_ANY_STATE & ~NOT_DONE,
	  .state_en = "the complaint is %s: it cannot be resolved "
	  "informally any more",
	  .state_nl = "de klacht is %s: informeel oplossen kan niet meer" },
	{ .kind = CMD_REDIRECT, .en = "forward", .nl = "doorsturen",
	  .arg = CMD_ARG_REDIRECT, .text = CMD_TEXT_OPTIONAL, .once = 1,
	  .usage_en = "objection|foi|report|damage|other [text]",
	  .usage_nl = "bezwaar|woo|melding|schade|overig [tekst]",
	  .help_en = "no complaint but a request for another\n"
	  "desk: the original goes to its configured\n"
	  "mailbox, the complainant gets a letter that\n"
	  "the date of receipt stands; closed as\n"
	  "forwarded, not in the register",
	  .help_nl = "geen klacht maar een verzoek voor een\n"
	  "andere afdeling: het origineel gaat naar de\n"
	  "ingestelde mailbox, de klager krijgt een\n"
	  "brief dat de ontvangstdatum blijft gelden;\n"
	  "gesloten als doorgestuurd, niet in het register",
	  .term_letter = 1,
	  .states = CMD_ANY_STATE & ~NOT_DONE,
	  .state_en = "the complaint is %s: it cannot be forwarded",
	  .state_nl = "de klacht is %s: doorsturen kan niet" },
	{ .kind = CMD_HELP, .en = "help", .nl = "hulp",
	  .arg = CMD_ARG_NONE, .text = CMD_TEXT_NONE, .once = 0,
	  .help_en = "this overview",
	  .help_nl = "dit overzicht",
	  .states = CMD_ANY_STATE, .desk = CMD_DESK_TOO, .personal = 1 },
};
const size_t cmd_ntable = sizeof cmd_table / sizeof cmd_table[0];

const struct cmd_entry *
cmd_entry_of(enum cmd_kind k)
{
	size_t	i;

	for (i = 0; i < cmd_ntable; i++) {
		if (cmd_table[i].kind == k)
			return &cmd_table[i];
	}
	return NULL;
}

static int
word_is(const char *word, size_t len, const char *kw)
{
	return kw != NULL && strlen(kw) == len &&
	    strncasecmp(word, kw, len) == 0;
}

const struct cmd_entry *
cmd_entry_find(const char *word, size_t len)
{
	const struct cmd_entry	*e;
	size_t			 i, j;

	for (i = 0; i < cmd_ntable; i++) {
		e = &cmd_table[i];
		if (word_is(word, len, e->en) || word_is(word, len, e->nl))
			return e;
		for (j = 0; j < nitems(e->aliases) && e->aliases[j]; j++) {
			if (word_is(word, len, e->aliases[j]))
				return e;
		}
	}
	return NULL;
}

int
cmd_lang_en(const char *lang)
{
	return lang != NULL && strncasecmp(lang, "en", 2) == 0;
}

const char *
cmd_name(enum cmd_kind k)
{
	const struct cmd_entry	*e = cmd_entry_of(k);

	return e != NULL ? e->en : "unknown";
}

const char *
cmd_keyword(enum cmd_kind k, const char *lang)
{
	const struct cmd_entry	*e = cmd_entry_of(k);

	if (e == NULL)
		return "unknown";
	return cmd_lang_en(lang) ? e->en : e->nl;
}

/* ---------------------------------------------------------------- #help */

static const char help_intro_nl[] =
"Commando's voor klachtd\n"
"\n"
"Zet commando's bovenaan uw antwoord, elk op een eigen regel die begint\n"
"met #.  Alles vanaf de geciteerde tekst (regels met \">\", \"Op ...\n"
"schreef ...:\", een Outlook-blok \"Van: ... Verzonden: ...\") of vanaf uw\n"
"handtekening (\"-- \") telt niet mee.  Nederlandse en Engelse woorden\n"
"mogen allebei; hoofdletters maken niet uit.\n"
"\n";

static const char help_intro_en[] =
"Commands for klachtd\n"
"\n"
"Put commands at the top of your reply, each on a line of its own that\n"
"starts with #.  Everything from the quoted text (lines with \">\", \"On\n"
"... wrote:\", an Outlook block \"From: ... Sent: ...\") or from your\n"
"signature (\"-- \") on is ignored.  English and Dutch words both work;\n"
"case does not matter.\n"
"\n";

static const char help_rules_nl[] =
"Een regel die begint met \"# \" of \"#1\" is gewone tekst.  Moet een regel\n"
"tekst met \"#woord\" beginnen, schrijf dan \"##woord\".\n"
"Bevat uw bericht een fout, dan wordt geen enkel commando uitgevoerd en\n"
"krijgt u de fouten terug.  Een bericht zonder commando's wordt als\n"
"interne notitie bij de klacht bewaard.\n"
"\n";

static const char help_rules_en[] =
"A line that starts with \"# \" or \"#1\" is ordinary text.  To start a\n"
"line of text with \"#word\", write \"##word\".\n"
"If your message contains an error, no command is run and you get the\n"
"errors back.  A message without commands is kept as an internal note on\n"
"the complaint.\n"
"\n";

/* Appends s to out, wrapped at HELP_WIDTH on its blanks, with a final
 * newline. */
static void
help_wrap(struct buf *out, const char *s)
{
	const char	*w, *end;
	size_t		 col = 0, n;

	for (w = s; *w != '\0'; w = end) {
		while (*w == ' ')
			w++;
		if (*w == '\0')
			break;
		end = strchr(w, ' ');
		if (end == NULL)
			end = w + strlen(w);
		n = (size_t)(end - w);
		if (col > 0 && col + 1 + n > HELP_WIDTH) {
			buf_addc(out, '\n');
			col = 0;
		}
		if (col > 0) {
			buf_addc(out, ' ');
			col++;
		}
		buf_add(out, w, n);
		col += n;
	}
	buf_addc(out, '\n');
}

/* "#a, #b and #c" (last = " and ") or "#a, #b, #c" (last = ", ") of the
 * rows that pass want, with the English or Dutch keyword. */
static void
help_list(struct buf *b, int en, int text_only, const char *last)
{
	size_t	i, n = 0, total = 0;

	for (i = 0; i < cmd_ntable; i++) {
		if (!text_only || cmd_table[i].text == CMD_TEXT_OPTIONAL ||
		    cmd_table[i].text == CMD_TEXT_REQUIRED)
			total++;
	}
	for (i = 0; i < cmd_ntable; i++) {
		if (text_only && cmd_table[i].text != CMD_TEXT_OPTIONAL &&
		    cmd_table[i].text != CMD_TEXT_REQUIRED)
			continue;
		if (n > 0)
			buf_adds(b, n + 1 == total ? last : ", ");
		buf_printf(b, "#%s", en ? cmd_table[i].en : cmd_table[i].nl);
		n++;
	}
}

static char *
help_make(int en)
{
	const struct cmd_entry	*e;
	struct buf		 b, para;
	const char		*h, *nl;
	size_t			 i, len;

	buf_init(&b);
	buf_adds(&b, en ? help_intro_en : help_intro_nl);
	for (i = 0; i < cmd_ntable; i++) {
		e = &cmd_table[i];
		h = en ? e->usage_en : e->usage_nl;
		len = b.len;
		buf_printf(&b, "#%s%s%s", en ? e->en : e->nl, h ? " " : "",
		    h ? h : "");
		len = b.len - len;
		if (len >= HELP_COLUMN)
			buf_printf(&b, "\n%*s", HELP_COLUMN, "");
		else
			buf_printf(&b, "%*s", (int)(HELP_COLUMN - len), "");
		for (h = en ? e->help_en : e->help_nl; h != NULL; h = nl) {
			if ((nl = strchr(h, '\n')) != NULL) {
				buf_add(&b, h, (size_t)(nl - h));
				buf_printf(&b, "\n%*s", HELP_COLUMN, "");
				nl++;
			} else
				buf_printf(&b, "%s\n", h);
		}
	}
	buf_addc(&b, '\n');

	buf_init(&para);
	buf_adds(&para, en ? "The text of " : "De tekst bij ");
	help_list(&para, en, 1, en ? " and " : " en ");
	buf_adds(&para, en ? " may run over several lines: up to the next "
	    "command, the quoted text or the signature." : " mag over meer "
	    "regels lopen: tot het volgende commando, de geciteerde tekst of "
	    "de handtekening.");
	help_wrap(&b, para.data);
	buf_free(&para);
	buf_adds(&b, en ? help_rules_en : help_rules_nl);

	/* The keywords of the other language, so both are at hand. */
	buf_init(&para);
	buf_adds(&para, en ? "In Dutch: " : "In het Engels: ");
	help_list(&para, !en, 0, ", ");
	buf_addc(&para, '.');
	help_wrap(&b, para.data);
	buf_free(&para);
	return buf_detach(&b, NULL);
}

const char *
cmd_help_text(const char *lang)
{
	/* Made once per language and kept: the rows never change. */
	static char	*help[2];
	int		 en = cmd_lang_en(lang);

	if (help[en] == NULL)
		help[en] = help_make(en);
	return help[en];
}
