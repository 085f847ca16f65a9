/*
 * privacy.h -- personal data under the AVG/GDPR: the retention purge
 * (art. 5(1)(e), 17) and the export of everything stored about one person
 * (art. 15).
 *
 * Retention: a closed case keeps its personal data for the retention term
 * of its category (categories[].retention, else retention.default, 5
 * years after closing as in the VNG selectielijst); after that
 * privacy_purge() anonymises it in place -- see store_case_purge() for
 * exactly what goes and what stays (what the register needs: reference,
 * dates, category, judgement, status).  Messages filed on no case and
 * quarantined messages go after the default term from their receipt.
 *
 * One header for both halves, in sections by file: the purge (purge.c)
 * and the export (export.c) share the subject -- personal data under the
 * AVG -- and their callers (ctl_report.c; the daemon's daily job for the
 * purge), and neither needs the other.
 */
#ifndef KLACHT_PRIVACY_H
#define KLACHT_PRIVACY_H

#include <stdint.h>

#include "klacht.h"

/* -------------------------------------------------------------- purge.c */

/* The retention term (seconds) of a category: its own, else the
 * default. */
int64_t	 privacy_retention(const struct cfg *, const char *category);
/*
 * When data of something closed at t expires after term seconds.  Whole
 * multiples of 365 days count as calendar years ("5y" ends five years to
 * the day after closing, leap days or not), the rest as days by the
 * calendar and seconds.  A negative term goes back in time the same way.
 */
int64_t	 privacy_expiry(int64_t t, int64_t term);
/* A term as people write it: "5y", "400d", "36h", "90s"; caller frees. */
char	*privacy_term_str(int64_t term);

/* One case the purge anonymised (or would, with dry_run). */
struct purge_item {
	int64_t		 case_id;
	const char	*ref;
	const char	*category;	/* NULL: none */
	int64_t		 closed_at;
	int64_t		 expired_at;
	int64_t		 term;
};
struct purge_stats {
	int	 cases;			/* anonymised (or due, dry run) */
	int	 more;			/* max reached: more cases are due */
	int	 kept;			/* closed, still within the term */
	int64_t	 loose_messages;	/* messages on no case */
	int64_t	 quarantined;
};
/*
 * Finds every closed case past its term and, unless dry_run, anonymises
 * it (one transaction per case, freed content zeroed with secure_delete,
 * the WAL checkpointed at the end); at most max cases when max > 0 (then
 * stats->more says whether some were left for the next run, so the daemon
 * never stalls on a first purge of years of cases); cb (may be NULL)
 * hears of each case.
 * A dry run reads only and changes nothing.  KR_OK, or the kind of
 * database failure with cause (cases done before that stay done).
 */
enum kres privacy_purge(struct klacht *, int64_t now, int dry_run,
	    int max, void (*cb)(const struct purge_item *, void *), void *arg,
	    struct purge_stats *, char **cause);

/* ------------------------------------------------------------- export.c */

struct export_stats {
	int	 cases;
	int	 messages;
	int	 attachments;
	int	 outgoing;
	int	 quarantined;
	int	 respondent;	/* cases the person is the respondent in */
	int	 left_out;	/* officers' notes and mail, when excluded */
	int	 tokens;	/* reply tokens scrubbed from what was written */
};
/*
 * Writes everything stored about the person with this address (one full
 * address, matched exactly but for letter case; quarantined mail when it
 * names the address as its sender) into dir (created 0700 with
 * O_NOFOLLOW semantics in a parent owned by the caller or root and
 * writable by no one else; an existing dir must be such a directory and
 * empty): export.json, the raw
 * messages as messages/ID.eml, their attachments under attachments/, mail
 * sent to the person as outgoing/ID.eml and quarantined messages naming
 * the address as quarantine/ID.eml, every file 0600; the cases the
 * person is the respondent in are listed (references, not the
 * complaints: those are the complainants' data too).  Unless
 * retention.notes_about_colleagues = "include", officers' internal notes
 * and officers' own mail are left out (counted in left_out): mail from
 * officers, bounces and automatic replies from others, and others' mail
 * carrying a reply token.  Whatever is written has every reply token
 * replaced by "[token removed]" (counted in tokens): no one but the
 * officer may ever hold one.  0, or -1 with cause.
 */
int	 privacy_export(struct klacht *, const char *email, const char *dir,
	    int64_t now, struct export_stats *, char **cause);

#endif
