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

#include "cmdparse.h"
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
	int				 desk_dkim;	/* desk mail: 1 when
						   DKIM proved it */
	int				 files_sent; /* the mail's attachments
						   went with a letter */
	int				 with_files; /* this letter takes
						   them (do_close) */
	const struct cmd_list		*cl;	/* the mail's commands */
	size_t				 at;	/* the one running */
};

/* ------------------------------------------------------- officer_exec.c */

/*
 * Runs the parsed commands cl (no parse errors) for x, all or nothing in
 * a savepoint, and queues the confirmation or the error.  x->c.id == 0
 * is desk mail (officer_desk.c): only commands whose row allows the desk
 * run, without a state check.  KR_OK once the outcome is queued.
 */
enum kres	 officer_exec_run(struct officer_exec *x,
		    const struct cmd_list *cl, char **cause);

/* For handlers kept in files of their own (officer_<x>.c): a command
 * that cannot be done -- the reason for the officer, KR_INVALID --, and
 * one line of the confirmation. */
enum kres	 officer_exec_fail(struct officer_exec *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));
void		 officer_exec_change(struct officer_exec *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));

/*
 * #close in two steps, so that an approved draft goes the same way:
 * officer_close_check refuses (officer_exec_fail) what cannot be closed
 * with this judgement and text -- no findings, a state that cannot
 * close, a part the law asks missing (terms_outcome_check);
 * officer_close_send closes the case and queues the outcome letter, or
 * with preview not NULL changes nothing and gives the letter's text.
 */
enum kres	 officer_close_check(struct officer_exec *,
		    const char *judgement, const char *text);
enum kres	 officer_close_send(struct officer_exec *,
		    const char *judgement, const char *text, char **preview,
		    char **cause);

/* ---------------------------------------------------- officer_letter.c */

/* The approvers of a category's outcome letters (cfg.h), NULL for none
 * (no category, or none configured). */
char *const	*officer_approvers(const struct cfg *, const char *category);
/*
 * #close in a category with approvers: the letter is kept as a draft
 * (store_draft_put), the case goes on (in progress, its term running),
 * and each approver but the writer gets it to approve (template
 * approval-request, with their reply address and the whole letter).
 */
enum kres	 officer_draft_outcome(struct officer_exec *,
		    const char *judgement, const char *text, char **cause);
/* #approve / #akkoord and #reject / #afwijzen (cmdtable.c). */
enum kres	 officer_do_approve(struct officer_exec *, const struct cmd *,
		    char **cause);
enum kres	 officer_do_reject(struct officer_exec *, const struct cmd *,
		    char **cause);
/* #summary / #omschrijving (cmdtable.c). */
enum kres	 officer_do_summary(struct officer_exec *, const struct cmd *,
		    char **cause);

/* -------------------------------------------------- officer_informal.c */

/*
 * #resolved / #opgelost (issue 15, Awb 9:5): the case ends informally
 * (case_resolve) and the complainant gets the letter "resolved" with the
 * officer's text and the last day to ask for formal handling.
 */
enum kres	 officer_do_resolved(struct officer_exec *, const struct cmd *,
		    char **cause);

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

/* ---------------------------------------------------- officer_correct.c */

/*
 * The corrections of a case record (issue 14), handlers of the rows
 * CMD_COMPLAINANT, CMD_LINK, CMD_MERGE and CMD_VOID (cmdtable.c), called
 * by officer_exec.c as its own handlers are: after the state check,
 * inside the savepoint; KR_INVALID with x->err when the command cannot be
 * done, the change in x->changes otherwise.
 */
struct cmd;
enum kres	 officer_do_complainant(struct officer_exec *,
		    const struct cmd *, char **cause);
enum kres	 officer_do_link(struct officer_exec *, const struct cmd *,
		    char **cause);
enum kres	 officer_do_merge(struct officer_exec *, const struct cmd *,
		    char **cause);
enum kres	 officer_do_void(struct officer_exec *, const struct cmd *,
		    char **cause);

#endif
