/*
 * textconv.h -- turning the bytes of a mail body into readable UTF-8 text.
 *
 * Pure functions used by the mail parser (issue 3): charset conversion
 * with fallbacks for missing, wrong or unknown charsets, newline
 * normalisation, and HTML to plain text with libxml2's HTML parser.  No
 * function here fails: every result is a malloc'd, NUL-terminated, valid
 * UTF-8 string that the caller frees.  libxml2 is used only in textconv.c.
 */
#ifndef KLACHT_TEXTCONV_H
#define KLACHT_TEXTCONV_H

#include <stddef.h>

/* html_to_text() reads at most this many bytes of HTML; the rest is cut. */
#define TEXTCONV_HTML_MAX	(8U * 1024 * 1024)
/* Quote prefixes deeper than this are written as this many '>'. */
#define TEXTCONV_QUOTE_MAX	16

/*
 * Initialises libxml2 (xmlInitParser) once per process.  Idempotent and
 * safe to call from several threads; html_to_text() calls it itself, so
 * calling it at start-up only moves the cost.
 */
void	 textconv_init(void);

/*
 * Converts len bytes of data (NULL only when len is 0) in a declared
 * charset to valid UTF-8.  The charset may be NULL, empty, wrong or
 * unknown.  The choice, in order:
 *   - a declared charset that is not a Latin-1/ASCII/UTF-8 label and into
 *     which the bytes convert cleanly is used, unless it maps each byte to
 *     one character (a single-byte charset) while the bytes are also valid
 *     UTF-8 with multi-byte sequences: then they are UTF-8 (mislabelled);
 *     a multi-byte charset with a few bad bytes is used with U+FFFD for
 *     them;
 *   - bytes that are valid UTF-8 are UTF-8 ("us-ascii" when all < 0x80);
 *   - iso-8859-1, us-ascii and their aliases are read as windows-1252, as
 *     the WHATWG Encoding Standard and every mail client do;
 *   - mostly-UTF-8 bytes with some invalid ones (a Latin-1 signature
 *     pasted into a UTF-8 body) keep the UTF-8 and read each stray byte as
 *     windows-1252 ("utf-8+windows-1252");
 *   - otherwise an unknown or wrong charset becomes iso-8859-15 when the
 *     bytes use no 0x80-0x9f and do use 0xa4 (the euro sign there, a
 *     rare currency sign in windows-1252), else windows-1252, whose five
 *     undefined bytes (0x81 0x8d 0x8f 0x90 0x9d) become U+FFFD.
 * A leading byte order mark and U+0000 characters are dropped.  Newlines
 * are left alone (see text_normalise_newlines).  *used, when used is not
 * NULL, gets a static, lower-case name of the charset actually used
 * (never NULL).  Never fails; the caller frees the result.
 */
char	*text_to_utf8(const char *data, size_t len, const char *charset,
	    const char **used);

/*
 * Returns a malloc'd copy of len bytes of s (NULL only when len is 0)
 * with CRLF and lone CR turned into LF and NUL bytes removed.  The caller
 * frees it.
 */
char	*text_normalise_newlines(const char *s, size_t len);

/*
 * Renders len bytes of HTML (UTF-8; anything else is first repaired with
 * text_to_utf8) as readable plain text, using libxml2's HTML parser in
 * recovery mode with errors silenced and no network access.  Only the
 * first TEXTCONV_HTML_MAX bytes are read.  Rules:
 *   - head, script, style, template, svg and display:none elements are
 *     dropped, as are comments and Outlook's <![if ...]> markers;
 *   - div, tr, li, br, Outlook's p.Mso* and other block elements end a
 *     line; p, h1-h6, ul, ol, pre, dl and hr also leave a blank line;
 *     at most one blank line in a row, none at the start or the end;
 *   - whitespace collapses to one space and trailing spaces go, except in
 *     pre; &nbsp; is a space that does not collapse, so an Outlook
 *     "<p class=MsoNormal>&nbsp;</p>" is a blank line; zero-width and
 *     soft-hyphen characters are dropped;
 *   - li gets "- " (in ol "1. ", ...), indented two spaces per nesting;
 *     table cells are separated by a space; img shows its alt text;
 *   - a link is "text (url)" when the url differs from the text (mailto:
 *     and http(s):// prefixes and a trailing '/' ignored); #, javascript:,
 *     data: and cid: urls are not shown;
 *   - quoted mail gets a '>' per level and a space before the text
 *     (">> text", empty quoted lines ">>"): blockquote; Gmail's
 *     div.gmail_quote (its inner blockquote adds no second level),
 *     Yahoo's div.yahoo_quoted, Thunderbird's div.moz-cite-prefix; and
 *     Outlook's reply header -- div#appendonsend, div#divRplyFwdMsg, the
 *     "border:none;border-top:solid" separator div,
 *     div#mail-editor-reference-message-container, div.OutlookMessageHeader
 *     -- after which everything to the end of the document is quoted.
 * The result is valid UTF-8 with LF newlines, ends with one '\n' unless it
 * is empty, and never NULL; garbage in gives some text out.  The caller
 * frees it.
 */
char	*html_to_text(const char *html, size_t len);

#endif
