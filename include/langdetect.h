/*
 * langdetect.h -- the language of a complaint as it comes in (issue 16):
 * the sender's Content-Language, else the words of the text, else the
 * organisation's default.  Pure functions: no I/O, no allocation.
 */
#ifndef KLACHT_LANGDETECT_H
#define KLACHT_LANGDETECT_H

#include "lang.h"

/* The most bytes of text the detector reads: a complaint shows its
 * language in its first lines. */
#define LANGDETECT_MAX_TEXT	(32 * 1024)
/* A language wins with at least this many of its common words ... */
#define LANGDETECT_MIN_HITS	3
/* ... and at least this many times as many as the other language. */
#define LANGDETECT_RATIO	2

/* Where langdetect_mail found the language. */
enum langdetect_src {
	LANGDETECT_HEADER,	/* Content-Language */
	LANGDETECT_TEXT,	/* the words of subject and body */
	LANGDETECT_DEFAULT	/* neither told: the default */
};

/*
 * The language of a Content-Language value: its first tag when that is
 * Dutch ("nl", "nl-NL", "nl-BE") or English ("en", "en-GB", ...), any
 * case.  0 and *out, or -1 (NULL, empty, another language, nonsense).
 */
int		 langdetect_header(const char *value, enum lang *out);

/*
 * The language of a text by counting common Dutch and English function
 * words ("de", "het", "niet", ... / "the", "and", "not", ...) in its
 * first LANGDETECT_MAX_TEXT bytes; words both languages use ("in",
 * "is", "was", "over") count for neither.  0 and *out when one language
 * has LANGDETECT_MIN_HITS words and LANGDETECT_RATIO times the other's;
 * -1 when the text is NULL, empty, too short or mixed.  *nl and *en (may
 * be NULL) get the counts.
 */
int		 langdetect_text(const char *text, enum lang *out, int *nl,
		    int *en);

/*
 * A new complaint's language: the Content-Language header, else the
 * words of subject and body together, else def.  *src (may be NULL)
 * gets which decided.
 */
enum lang	 langdetect_mail(const char *content_language,
		    const char *subject, const char *body, enum lang def,
		    enum langdetect_src *src);

#endif
