/*
 * undeliverable.h -- what happens when outgoing mail can never be
 * delivered (a 5xx answer, or retries exhausted after outgoing.retry.
 * give_up): the mail is marked failed and the people responsible for its
 * case are told, in one transaction.
 */
#ifndef KLACHT_UNDELIVERABLE_H
#define KLACHT_UNDELIVERABLE_H

#include <stdint.h>

#include "klacht.h"

/*
 * Marks outbox row id failed with error and queues, in the same
 * transaction, the notice "mail to X for case REF could not be
 * delivered: <error>" (template "undeliverable") to the case's assignee,
 * or when it has none to the officers of the case's category, or to all
 * officers; an audit event goes on the case.  A failed notice never
 * causes another notice.  When the notice cannot be queued (e.g. a broken
 * template) the mail is still marked failed and the problem logged.
 * Returns KR_OK, or the store's failure (the row is then left as it was).
 */
enum kres	undeliverable_fail(struct klacht *, int64_t id,
		    const char *error, int64_t now, char **cause);

#endif
