/*
 * flood.h -- per-sender caps on what new cases cause (issue 18 F8).
 *
 * 2,000 mails from one address must not become 2,000 acknowledgements
 * and 6,000 officer notifications.  Every mail is still stored as its
 * own case (nothing is lost); only the mail it causes is capped per
 * sender per hour: limits.max_acks_per_sender_per_hour and
 * limits.max_notifications_per_sender_per_hour.  The sender is counted
 * without "+tag" and case-insensitively, so victim+1@ ... victim+50@ are
 * one sender.  When a sender first goes over the notification cap, the
 * officers who would have been notified get one summary mail instead
 * (template "flood"); while the sender stays over it within the hour,
 * no more.
 */
#ifndef KLACHT_FLOOD_H
#define KLACHT_FLOOD_H

#include <stdint.h>

#include "klacht.h"

/* The address lower-cased, its local part cut at the first '+'
 * ("Victim+7@Example.ORG" -> "victim@example.org").  Caller frees. */
char	*flood_sender_key(const char *addr);

struct flood {
	int	 recent;	/* cases from this sender in the last hour,
				   this one included */
	int	 ack;		/* 1: acknowledge this case */
	int	 notify;	/* 1: notify officers of this case */
	int	 summary;	/* 1: this case is the first over the
				   notification cap: send the summary */
	char	*key;		/* flood_sender_key() of the sender */
};

/*
 * Marks the new case case_id as opened by addr and decides, from the
 * cases that sender opened in the last hour, what it may cause.  Within
 * the caller's transaction.  f->key is freed by flood_free().
 */
enum kres	flood_check(struct klacht *, int64_t case_id, const char *addr,
		    int64_t now, struct flood *f, char **cause);
void		flood_free(struct flood *);

/*
 * For a case whose notification the cap held back: an event on the case
 * and, when f->summary, the one summary mail to the officers who serve
 * the case's category (no complaint text: sender, count, cap and the
 * first held-back reference only).
 */
enum kres	flood_hold_notice(struct klacht *, int64_t case_id,
		    const struct flood *f, int64_t now, char **cause);

#endif
