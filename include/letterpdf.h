/*
 * letterpdf.h -- a letter to a complainant as an A4 PDF, for paper
 * (cairo and pango live only in letterpdf.c).
 *
 * The page follows DIN 5008 form B, which Dutch window envelopes (NEN
 * 1026 left window; C5/6 and DL with the window 20 mm from the left
 * edge) are made for; letterpdf.c lists the measurements.
 */
#ifndef KLACHT_LETTERPDF_H
#define KLACHT_LETTERPDF_H

#include <stddef.h>

struct letter {
	const char		*lang;		/* "nl" or "en": the labels */
	const char		*org_name;	/* letterhead */
	const char *const	*org_postal;	/* return address lines */
	size_t			 norg_postal;
	const char		*org_email;	/* letterhead, or NULL */
	const char		*logo;		/* PNG file, or NULL */
	const char		*to_name;	/* addressee, or NULL */
	const char		*to_address;	/* lines separated by LF, or
						   NULL */
	const char		*reference;	/* "our reference" */
	const char		*date;		/* as it is to be printed */
	const char		*subject;	/* bold above the text, or NULL */
	const char		*body;		/* UTF-8, LF; wrapped and broken
						   over as many pages as it
						   takes */
};

/*
 * Renders l as a PDF in DejaVu Sans (through fontconfig).  Text that is
 * not valid UTF-8 is repaired, never refused.  Returns 0 and the
 * document in *pdf (malloc'd, caller frees; *len bytes), or -1 with
 * *cause (a logo that cannot be read is an error here: letter_logo_check
 * tells it in advance).  *pages (may be NULL) gets the number of pages.
 */
int	letter_pdf(const struct letter *l, char **pdf, size_t *len,
	    int *pages, char **cause);

/* Whether path is a PNG file the letterhead can show: 0, or -1 with
 * *cause. */
int	letter_logo_check(const char *path, char **cause);

#endif
