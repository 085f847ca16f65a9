/*
 * quote.h -- text taken from a stranger's mail and quoted back in ours.
 *
 * The acknowledgement goes out from the official address to whatever
 * address a mail claims; quoting its subject or display name verbatim
 * would make klachtd a reflector for phishing text ("your account is
 * blocked, see https://...").  So what is quoted is short and plain.
 */
#ifndef KLACHT_QUOTE_H
#define KLACHT_QUOTE_H

#include <stddef.h>

#define QUOTE_SUBJECT_MAX	80	/* characters */
#define QUOTE_NAME_MAX		60

/*
 * A short, clean copy of s (UTF-8): control and bidi characters become
 * spaces, runs of white space one space, every word that looks like a
 * URL, a host name or an address (contains "://" or "@", starts with
 * "www." or "mailto:", or is a dotted name ending in a letters-only
 * label) is left out, and the rest is cut at max characters (code
 * points) with "..." (U+2026) appended when cut.  Invalid UTF-8 bytes are
 * dropped.  Returns a new string ("" when nothing is left); NULL s gives
 * NULL.  Caller frees.
 */
char	*quote_clean(const char *s, size_t max);

#endif
