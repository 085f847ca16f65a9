/*
 * quotecut.h -- where an officer's own text ends: the start of quoted
 * text or of the signature in a reply.
 *
 * Nothing below the cut is ever a command (cmdparse.h): a quoted
 * notification may hold a complainant's text, and a complainant must
 * never run a command.  So the cut errs on the side of cutting early.
 *
 * The cut is the first line that is, after trimming blanks, not empty,
 * does not start with '#', and is one of:
 *   - quoted text: a line beginning with '>';
 *   - an attribution: a line ending in ':' with "wrote", "schreef", ...
 *     ("On ... wrote:", "Op ... schreef ...:"), also wrapped over two
 *     lines, that carries an address or a time of day or is followed by
 *     '>' lines -- so "On Monday you wrote:" in a reply stays text;
 *   - an Outlook block: "-----Original Message-----" (and its Dutch,
 *     German and French forms), a line of ten or more underscores, or
 *     "From:"/"Van:" followed within six lines by "Sent:"/"Verzonden:"/
 *     "Date:"/"Datum:"; "Begin forwarded message:";
 *   - a signature: "-- " or "--" alone, or a line mail apps add ("Sent
 *     from my iPhone", "Verzonden vanaf mijn iPad", "Get Outlook for
 *     ...", ...);
 *   - a "reply above this line" / "antwoord boven deze regel" marker,
 *     which our own notifications should carry.
 * Lines are looked at through a window of SPAN_MAX_LINE bytes.
 */
#ifndef KLACHT_QUOTECUT_H
#define KLACHT_QUOTECUT_H

#include <stddef.h>

/*
 * The byte offset in body where quoted text or the signature begins;
 * strlen(body) when there is none (a NULL body is "").  If lineno is not
 * NULL it gets the 1-based line number of that line, or 0 when none.
 */
size_t		 cmd_find_quote_start(const char *body, size_t *lineno);

/*
 * For showing a reply to an officer: the byte offset in body where a
 * quote of one of our own mails about the case starts at the end of it
 * -- the first quoted line or attribution (or Outlook block) after which
 * the text contains ref, the case's reference, which all our mail about
 * it carries -- so that the notification can leave it out.  strlen(body)
 * (nothing to leave out) when there is no such quote, when the writer
 * answered inside the quote (text between '>' lines), or when nothing
 * but the quote is there.  *nlines, if not NULL, gets the number of
 * lines from there on (0 when none).
 */
size_t		 quote_own_tail(const char *body, const char *ref,
		    size_t *nlines);

/*
 * body as mail to an officer and the case file show it: cut at
 * quote_own_tail, with a line saying what was left out ("en" non-zero:
 * in English), or whole.  Caller frees.
 */
char		*quote_own_left_out(const char *body, const char *ref, int en);

#endif
