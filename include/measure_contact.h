/*
 * measure_contact.h -- a measure owner who is no officer answers by mail
 * (issue 15).
 *
 * The contact's measure mail (measure.h) carries the Reply-To
 * klachten+<token over the measure reference and the contact id>.  A
 * reply to it is authenticated as an officer's reply would be
 * (officer_mail_auth: From is the contact's configured address, the
 * token genuine, not expired and for that measure and contact, the
 * DKIM / Authentication-Results rules of auth.require), and then may run
 * one thing only: "#gereed [M-...] <text>" (#done) for that measure,
 * which closes it as an officer's #gereed would (measure_done).  Any
 * other command -- a case command, another measure -- runs nothing and
 * the contact is told why; a forged or wrong token is refused and
 * logged, and answered only to the contact's own configured address
 * (never to a stranger's From).
 */
#ifndef KLACHT_MEASURE_CONTACT_H
#define KLACHT_MEASURE_CONTACT_H

#include <stddef.h>
#include <stdint.h>

#include "klacht.h"
#include "mail.h"

/*
 * Whether m is addressed to a measure owner's reply address: a recipient
 * at our domain that is our address plus "+m-..." (the token of a
 * measure reference, genuine or not).  Pure: reads only its arguments.
 */
int		 measure_contact_addressed(const struct cfg *,
		    const struct mail *m);

/*
 * Handles m, addressed to a measure reply address, inside the caller's
 * transaction (the caller stores the message): authenticates it, runs
 * its #gereed or refuses, logs, and queues the answer (template
 * measure-contact-answer) to the contact.  reason (size len) gets a
 * short summary for the intake log.  KR_OK -- also when the mail was
 * refused -- or the store's kind with cause.
 */
enum kres	 measure_contact_mail(struct klacht *, const struct mail *m,
		    int64_t now, char *reason, size_t len, char **cause);

#endif
