/*
 * textconv.h -- turning the bytes of a mail body into readable UTF-8 text.
 *
 * Pure functions used by the mail parser (issue 3): charset conversion
 * with fallbacks for missing, wrong or unknown charsets, newline
 * normalisation, and HTML to plain text with libxml2's HTML parser.  No
 * function here fails: every result is a malloc'd, NUL-terminated string
 * that the caller frees, valid UTF-8 from text_to_utf8() and
 * html_to_text().  Sections by file: textconv.c converts charsets and
 * newlines; htmltext.c renders HTML as text (libxml2 is used only there).
 */
#ifndef KLACHT_TEXTCONV_H
#define KLACHT_TEXTCONV_H

#include <stddef.h>
#include <stdint.h>

/* html_to_text() reads at most this many bytes of HTML; the rest is cut. */
#define TEXTCONV_HTML_MAX	(8U * 1024 * 1024)
/* Quote prefixes deeper than this are written as this many '>'. */
#define TEXTCONV_QUOTE_MAX	16

/* textconv.c */
/*
 * Converts len bytes of data (NULL only when len is 0) in a declared
 * charset to valid UTF-8.  The charset may be NULL, empty, wrong or
 * unknown; it is trimmed, unquoted and lower-cased first.  The choice:
 *   - bytes that are valid UTF-8 are UTF-8 ("us-ascii" when all < 0x80),
 *     whatever the label says, unless the label names a charset other
 *     than ASCII, Latin-1, windows-1252, iso-8859-15 and UTF-8 into which
 *     they convert cleanly with more than one byte per character (real
 *     Shift_JIS, UTF-16, ...); a single-byte reading of valid UTF-8 with
 *     multi-byte sequences is always taken for mislabelled UTF-8;
 *   - such another charset is used through iconv, with some labels read
 *     as their superset (WHATWG Encoding Standard: gb2312 -> gb18030,
 *     shift_jis -> cp932, euc-kr -> cp949, big5 -> big5-hkscs, ...); when
 *     a few bytes do not convert (at most one in 16 of those >= 0x80)
 *     they become U+FFFD, more and the label counts as wrong;
 *   - iso-8859-1 and windows-1252 (and aliases) are read as windows-1252,
 *     as the WHATWG standard and mail clients do; iso-8859-15 as itself;
 *   - bytes with at least as many valid UTF-8 multi-byte sequences as
 *     invalid bytes (a Latin-1 signature in a UTF-8 body) keep the UTF-8
 *     and read each stray byte as windows-1252: "utf-8+windows-1252";
 *   - otherwise (no, unknown or wrong label, us-ascii with 8-bit bytes)
 *     iso-8859-15 when no byte is in 0x80-0x9f and one is 0xa4 (the euro
 *     sign there, a rare currency sign in windows-1252), else
 *     windows-1252.
 * Windows-1252's five undefined bytes (0x81 0x8d 0x8f 0x90 0x9d) become
 * U+FFFD.  A leading byte order mark and U+0000 characters are dropped;
 * newlines are left alone (see text_normalise_newlines).  *used, when
 * used is not NULL, gets a static lower-case name of the charset actually
 * used, never NULL.  Never fails; the caller frees the result.
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
 * Length (1-4) of the valid UTF-8 sequence at p (n > 0 bytes left), its
 * code point in *cp; 0 if invalid (overlong, surrogate, > U+10FFFF,
 * truncated).  NUL is a valid one-byte sequence.
 */
size_t	 text_utf8_seq(const unsigned char *p, size_t n, uint32_t *cp);

/* htmltext.c */
/*
 * Initialises libxml2 (xmlInitParser) once per process.  Idempotent and
 * safe to call from several threads; html_to_text() calls it itself, so
 * calling it at start-up only moves the cost.
 */
void	 textconv_init(void);

/*
 * Renders len bytes of HTML (UTF-8; anything else is first converted with
 * text_to_utf8 from the charset of its <meta> element, if it has one, see
 * html_meta_charset) as readable plain text, using libxml2's HTML parser
 * in recovery mode with errors silenced and no network access.  Only the
 * first TEXTCONV_HTML_MAX bytes are read, and libxml2 gets them through
 * html_scan() (htmlscan.h), so the work is linear in len: past its caps
 * on attributes, elements and depth, attributes are dropped, too deeply
 * nested elements are left out with their text and the rest is cut.
 *   - head, title, script, style, template, svg, object, iframe, audio,
 *     video, comments, Outlook's <![if ...]> markers and elements with
 *     the hidden attribute are dropped, and so is text CSS hides (issue
 *     18 F13, see htmlcss.h): display:none, opacity 0, mso-hide:all or a
 *     zero (max-)height/width with overflow hidden drop the element;
 *     visibility:hidden and font-size 0 drop its text unless a child
 *     sets them back; from style attributes and from simple rules of the
 *     document's <style> elements;
 *   - div, tr, li, br, Outlook's p.Mso* and other block elements end a
 *     line; p, h1-h6, top-level ul and ol, pre, dl and hr also leave a
 *     blank line; at most one blank line in a row, none at either end;
 *   - whitespace collapses to one space and trailing blanks go, except in
 *     pre; &nbsp; is a space that does not collapse, so an Outlook
 *     "<p class=MsoNormal>&nbsp;</p>" is a blank line; zero-width
 *     characters, soft hyphens and control characters are dropped;
 *   - li gets "- " (in ol "1. ", ...), two more spaces per nested list,
 *     and Outlook's "<span style='mso-list:Ignore'>&middot;&nbsp;..."
 *     list markers become "- "; table cells are separated by a space;
 *     img shows its alt text;
 *   - a link is "text (url)" unless the text says the url (a mailto:,
 *     http:// or https:// prefix and trailing '/' ignored) or is empty;
 *     #, javascript:, data: and cid: urls are never shown;
 *   - quoted mail gets a '>' per level and a space before the text
 *     (">> text"; empty quoted lines are ">>"), at most
 *     TEXTCONV_QUOTE_MAX levels: blockquote; Gmail's div.gmail_quote (its
 *     inner blockquote adds no second level), Yahoo's div.yahoo_quoted,
 *     Thunderbird's div.moz-cite-prefix; and Outlook's reply header --
 *     div#appendonsend, div#divRplyFwdMsg, the "border:none;
 *     border-top:solid" separator div, div.OutlookMessageHeader,
 *     div#mail-editor-reference-message-container -- after which
 *     everything to the end of the document is one level deeper.
 * The result is valid UTF-8 with LF newlines, ends with one '\n' unless it
 * is empty, and is never NULL; garbage in gives some text out.  The
 * caller frees it.
 */
char	*html_to_text(const char *html, size_t len);

/*
 * html_to_text(), and when st is not NULL what the pre-scan handed on to
 * libxml2 and what it cut (for tests, and for a caller that wants to note
 * that the text is incomplete).
 */
struct html_scan_stats;
char	*html_to_text_scan(const char *html, size_t len,
	    struct html_scan_stats *st);

#endif
