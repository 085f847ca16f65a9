/*
 * officer_exec.h -- the state of one officer mail being run, shared by
 * the two files that run it (inside libklacht only; intake calls
 * officer_mail() and officer_mail_kind() of officer.h):
 *
 *   officer_exec.c	the dispatch through the command table and the
 *			do_* handlers, all or nothing in a savepoint;
 *   officer_answer.c	whether the mail may run commands at all (the
 *			authentication and the token's age), and the
 *			answers to the officer: confirmation, error,
 *			refusal, within their rate limits.
 */
#ifndef KLACHT_OFFICER_EXEC_H
#define KLACHT_OFFICER_EXEC_H

#include <stdint.h>

#include "officer.h"
#include "store.h"
#include "util.h"

struct officer_exec {
	struct klacht			*k;
	const struct mail		*m;
	const struct cfg_officer	*o;
	const struct officer_key	*key;
	struct case_row			 c;	/* as the commands left it */
	const char			*lang;	/* the officer's */
	int				 en;
	int64_t				 now;
	struct buf			 changes;	/* for the confirmation */
	int				 help;
	char				*err;	/* why a command cannot run */
	const char			*days;	/* auth.token_days, as text */
	int				 files_sent; /* the mail's attachments
						   went with a letter */
};

/* ----------------------------------------------------- officer_answer.c */

/*
 * officer_authenticate, then the age of the reply token (issue 18): a
 * token issued more than auth.token_days ago, or an undated one from
 * before tokens carried their day, is refused when the mail relies on
 * it -- so a token that leaked (an export, a forwarded notification)
 * stops working by itself.  Under token-or-dkim a DKIM pass stands on
 * its own.  Returns a->ok; *expired tells the caller why, to send a fresh
 * address.
 */
int		 officer_mail_auth(const struct cfg *,
		    const struct officer_key *, const struct mail *,
		    const struct cfg_officer *, const struct case_row *,
		    int64_t now, struct officer_auth *a, int *expired);

/*
 * The answers to the officer (x->o, at the configured address), queued in
 * the outbox in the organisation's language.  Confirmation and error are
 * left out -- with an event and a log line -- once
 * limits.officer_replies_per_hour answers about this case went to the
 * officer in the last hour; the commands' outcome stands either way.
 * KR_OK when done (or rightly left out), else the store's kind with cause.
 */
/* The list of changes in x->changes (and #help's text when asked). */
enum kres	 officer_answer_confirm(struct officer_exec *x, char **cause);
/* The errors (one per line) with the help text: nothing was done. */
enum kres	 officer_answer_error(struct officer_exec *x,
		    const char *errors, char **cause);
/*
 * The mail could not be authenticated (a from officer_mail_auth): records
 * why (event, log line); tells the officer only when it held commands
 * (template refused, without a reply token) or the token had expired
 * (token-expired, with a fresh reply address), at most
 * auto_replies_per_day such notices a day.
 */
enum kres	 officer_answer_refused(struct officer_exec *x,
		    const struct officer_auth *a, int had_commands,
		    int expired, char **cause);

#endif
