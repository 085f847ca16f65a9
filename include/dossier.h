/*
 * dossier.h -- the case file (issue 13): everything the store holds
 * about one case, in time order, as readable text and as one
 * self-contained HTML page, with the case's attachments.
 *
 * Built from the store alone -- no mail, no officer -- so that the
 * #dossier command (officer_dossier.c) and klachtctl can both use it.
 * Who may read it is the caller's to decide (dossier_may_read): the
 * file holds everything, the complainant's words and attachments
 * included.
 */
#ifndef KLACHT_DOSSIER_H
#define KLACHT_DOSSIER_H

#include <stddef.h>
#include <stdint.h>

#include "cfg.h"
#include "store.h"

/* One attachment of the case, as the case file has it. */
struct dossier_file {
	int	 n;		/* its number on the case (klachtctl) */
	char	*filename;	/* as received */
	char	*content_type;
	int64_t	 size;
	char	 sha256[65];
	void	*data;		/* the bytes when they go with the file,
				   else NULL (listed only) */
	size_t	 len;
};

struct dossier {
	char			*text;		/* UTF-8, LF */
	char			*html;		/* a whole HTML document */
	struct dossier_file	*files;		/* every attachment, in order */
	size_t			 nfiles;
	size_t			 nattached;	/* of them with data */
	size_t			 nmessages;
	size_t			 nevents;
	size_t			 nletters;
};

/*
 * Builds the case file of c in lang ("en" English, else Dutch) at time
 * now: a header with the case's facts, then every message on the case
 * (complaint, replies, officer mail: sender, kind, subject, text, its
 * attachments by number), every event (who, what) and every outgoing
 * mail (recipient, kind, status and subject; the text too of mail to
 * anyone but a configured officer -- the letters), in time order; then
 * the attachments with name, type, size and SHA-256.  Reply tokens of
 * ours in any text are blanked ("klachten+...@"): the file may go to
 * another officer than the one a token was made for.
 * Attachments whose bytes are stored get their data in d->files, in
 * order, as long as the sum stays within attach_total bytes; the rest
 * are listed with how to get them (`klachtctl attachment REF N`).  The
 * HTML has its CSS inline, no scripts and no external resources, and
 * every value from mail escaped.  Fills d (dossier_free); KR_OK, or the
 * store's kind with cause.
 */
enum kres	 dossier_build(struct store *, const struct cfg *,
		    const struct case_row *c, const char *lang, int64_t now,
		    size_t attach_total, struct dossier *d, char **cause);
void		 dossier_free(struct dossier *);

/* Whether officer o may be given the case file of c: not when c is
 * confidential (officer_case_confidential) and o is not named for its
 * category (officer_serves) -- the rule officer_authenticate applies to
 * commands on c. */
int		 dossier_may_read(const struct cfg *,
		    const struct cfg_officer *o, const struct case_row *c);

#endif
