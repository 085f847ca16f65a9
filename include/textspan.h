/*
 * textspan.h -- read-only views of plain text: blanks, trimming, words
 * and lines, without copying.
 *
 * A span is a pointer and a length into a string the caller owns; it is
 * not NUL-terminated.  "Blank" means an ASCII blank (space, tab, CR, VT,
 * FF) or a Unicode space as mail clients write it in UTF-8 (U+00A0,
 * U+2000..U+200B, U+202F) or a BOM (U+FEFF).  Used by the command parser
 * (cmdparse.c) and the quote/signature cut (quotecut.c); pure functions,
 * linear in the text they look at.
 */
#ifndef KLACHT_TEXTSPAN_H
#define KLACHT_TEXTSPAN_H

#include <stddef.h>

/* A line is looked at through a window of at most this many bytes. */
#define SPAN_MAX_LINE	65536

struct span {
	const char	*p;
	size_t		 len;
};

struct span_line {
	const char	*p;
	size_t		 len;	/* without CR/LF, at most SPAN_MAX_LINE */
	int		 trunc;	/* the line was longer than SPAN_MAX_LINE */
	size_t		 off;	/* where the line starts in the body */
	size_t		 next;	/* where the following line starts */
	size_t		 no;	/* 1-based line number */
};

/* Length of the blank at p (p < end), 0 if there is none. */
size_t		 span_blank_at(const char *p, const char *end);
/* Length of the blank that ends just before p (start <= p), 0 if none. */
size_t		 span_blank_before(const char *start, const char *p);

/* s without blanks at the start, the end, or both. */
struct span	 span_ltrim(struct span s);
struct span	 span_rtrim(struct span s);
struct span	 span_trim(struct span s);

/* ASCII case-insensitive: s starts with prefix / equals word / holds
 * needle.  1 or 0. */
int		 span_istarts(struct span s, const char *prefix);
int		 span_ieq(struct span s, const char *word);
int		 span_icontains(struct span s, const char *needle);
/* Whether s holds a time of day such as "9:30" or "14:05". */
int		 span_has_time(struct span s);

/* Splits the first blank-separated word off *s (leading and trailing
 * blanks dropped from *s); the word has length 0 at the end. */
struct span	 span_word(struct span *s);
/* w without one trailing ':', ',', ';' or '.' (if w is longer than it). */
struct span	 span_unpunct(struct span w);

/*
 * Fills l with the line that starts at byte off of body (bodylen bytes;
 * the line ends at LF, a CR before it is dropped) and gives it number no.
 * Returns 0 when off is at or past the end.
 */
int		 span_line_get(const char *body, size_t bodylen, size_t off,
		    size_t no, struct span_line *l);
/* The line's text as a span. */
struct span	 span_of_line(const struct span_line *l);

#endif
