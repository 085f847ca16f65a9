/*
 * lettertext.h -- the small pieces of text a letter to a citizen is
 * made of that are not in its template: how the complaint is described,
 * how the reader is greeted, and the officer's own text without the
 * greeting and sign-off the letter already has.  Pure string work.
 */
#ifndef KLACHT_LETTERTEXT_H
#define KLACHT_LETTERTEXT_H

/*
 * The complaint as a letter names it: the mail subject without the
 * prefixes mail programs add (Re:, RE:, Fw:, FW:, Fwd:, AW:, WG:, Antw:,
 * Antwoord:, Doorst:, SV:, VS:, TR:, repeated and in any order), without
 * our "[KL-2026-00042]" tags, quoted through quote_clean() (no links,
 * capped at QUOTE_SUBJECT_MAX characters).  "" when nothing is left
 * ("-", "Re:", an empty subject); NULL subject gives "".  Caller frees.
 */
char	*letter_subject(const char *subject);

/*
 * The greeting line: "Geachte <name>" / "Dear <name>" when the name,
 * cleaned by quote_clean(), is not empty and not an address; else
 * "Geachte heer/mevrouw" / "Dear Sir or Madam".  lang "en" is English,
 * anything else Dutch.  Caller frees.
 */
char	*letter_salutation(const char *name, const char *lang);

/*
 * An officer's text as it goes into a letter that has its own greeting
 * and sign-off: a first line that is a greeting ("Beste ...,",
 * "Geachte ...,", "Hallo ...,", "Hoi", "Dag ...,", "Dear ...,", "Hi
 * ...,", "Hello ...,"; at most 8 words, ending in ',' or '!' or without
 * any sentence punctuation) is cut, and so is a sign-off line alone on
 * its line ("Met vriendelijke groet(en)", "Vriendelijke groet",
 * "Hartelijke groet", "Groet(en)", "Mvg", "Kind regards", "Best
 * regards", "Regards", "Yours sincerely", ...; with or without a comma)
 * together with every line after it, and a "-- " signature.  Blank lines
 * at either end go too.  A text that would be left empty is returned
 * unchanged (the officer meant to write something).  Caller frees.
 */
char	*letter_officer_text(const char *text);

#endif
