/*
 * officer.h -- complaints officers run a case by email (issue 4).
 *
 * Intake calls in here, always inside its one transaction, so everything
 * an officer's mail causes -- case changes, events, letters to the
 * complainant, the answer to the officer -- commits together with the
 * stored message or not at all.
 *
 *   officer.c		the reply-token key, who serves a case, and the
 *			notifications: a new case or a complainant's reply
 *			goes to the officers concerned, each with a
 *			Reply-To "<local>+<token>@<domain>" that binds the
 *			case and that officer (token.h);
 *   officer_auth.c	whether an officer's mail may run commands: the
 *			From address is a configured officer's AND the
 *			second proof auth.require asks for (reply token
 *			and/or our MX's Authentication-Results) holds;
 *   officer_exec.c	parses the commands (cmdparse.h) and runs them in
 *			order, all or nothing, answering the officer with a
 *			confirmation or an error naming the line.
 *   officer_answer.c	whether the mail may run commands (the token's age
 *			too) and what it is stored as; the confirmation,
 *			error or refusal to the officer (officer_exec.h).
 *
 * Who is notified: the officers whose categories include the case's
 * category; an officer who lists no categories serves them all, and a
 * case without a category goes to the triage officers (officers[].triage)
 * -- to every officer when none is configured (officer_routes).  A confidential
 * category's case therefore goes only to its own officers (and to
 * officers listing no categories, who are named for everything); the
 * same rule decides who may run commands on it.  A complainant's reply
 * goes to the assignee, or as above when there is none.
 *
 * A failed authentication runs nothing: the mail stays stored on the case
 * as it was, an event and a log line say why, and -- only when the mail
 * held commands -- the configured officer address (never the sender's
 * From) gets a short "refused" notice with the reference and the reason
 * but no case content, at most auto_replies_per_day a day.  A genuine
 * reply token older than auth.token_days (or undated, from before tokens
 * carried their day) fails the same way, but its notice (template
 * token-expired, sent also for mail without commands) carries a fresh
 * reply address: like any notification, only to the configured address.
 */
#ifndef KLACHT_OFFICER_H
#define KLACHT_OFFICER_H

#include <stddef.h>
#include <stdint.h>

#include "klacht.h"
#include "mail.h"
#include "role.h"
#include "template.h"
#include "util.h"

/* ------------------------------------------------------------ officer.c */

/*
 * Reads the key from cfg->auth_secret_file with secret_key_read()
 * (secret.h): its first line, as hex when it is an even number (>= 32)
 * of hex digits, else as the bytes written; at least TOKEN_KEY_MIN bytes.
 * When the file does not exist and create is set, a new one is made
 * first (SECRET_KEY_BYTES random bytes in hex, mode 0600, put in place
 * atomically, so concurrent processes all end up with the same key).  0,
 * or -1 with cause (which never holds the key).
 */
int		 officer_key_load(const struct cfg *, int create,
		    struct officer_key *, char **cause);
void		 officer_key_free(struct officer_key *);
/* For `klachtd -n`: 0 when the key file is valid, or missing but can be
 * created (its directory exists); -1 with cause otherwise.  Creates
 * nothing. */
int		 officer_key_check(const struct cfg *, char **cause);

/* Whether officer o is named for category (NULL = none). */
int		 officer_serves(const struct cfg_officer *, const char *category);
/* Whether officer o gets the mail about a case of category (NULL =
 * none) that nobody is assigned: officer_serves(), except that a case
 * without a category goes only to the triage officers when any officer
 * has officers[].triage (issue 14). */
int		 officer_routes(const struct cfg *, const struct cfg_officer *,
		    const char *category);
/* Whether a case is confidential: its flag, or its category's. */
int		 officer_case_confidential(const struct cfg *,
		    const struct case_row *);

/* "klachten+<token>@domain" for the organisation address, with a token
 * issued at now (its day is inside the MAC), or NULL when no token can be
 * made (officer id too long for a token).  Caller frees. */
char		*officer_reply_address(const struct cfg *,
		    const struct officer_key *, const char *ref,
		    const char *officer_id, int64_t now);

/* The same for a personal token (TOKEN_DESK_REF): the Reply-To of mail
 * to an officer that concerns no single case (overviews, digests, search
 * results), so that the officer's reply can run desk commands.  Caller
 * frees; NULL as above. */
char		*officer_personal_address(const struct cfg *,
		    const struct officer_key *, const char *officer_id,
		    int64_t now);

/* The token in rcpt when it is our address plus "+token" at our domain,
 * else NULL (caller frees). */
char		*officer_rcpt_token(const struct cfg *, const char *rcpt);

/*
 * The case a mail's reply token names: the first recipient (struct mail
 * rcpts: To, Cc, Delivered-To, X-Original-To) at our own domain whose
 * local part is ours plus "+token" with a genuine token for an existing
 * case.  *case_id 0 when there is none.  Used by intake to file a mail
 * that carries no threading headers or subject tag.
 */
enum kres	 officer_case_by_token(struct klacht *, const struct mail *,
		    int64_t *case_id, char **cause);

enum officer_notice {
	OFFICER_NEW_CASE,	/* template notify */
	OFFICER_REPLY,		/* template notify-reply */
	/* The complainant wrote after the decision (issue 14): template
	 * notify-reply saying the case stays decided; outbox kind
	 * notify-after. */
	OFFICER_AFTER_DECISION,
	/* The complainant of a case resolved informally asks for formal
	 * handling (issue 15): template notify-reply saying so
	 * (formal_request); outbox kind notify-reply. */
	OFFICER_FORMAL_REQUEST
};

/*
 * Queues a notification about message m on case case_id to each officer
 * concerned (see above), with m's text and its attachments -- sent along
 * byte for byte up to limits.notify_attachments_total, the rest listed
 * (officer_files.h) -- and
 * who wrote it in role (role.h: "De beklaagde heeft gereageerd", the
 * sender's own name and address), and records a "notified" event.  An
 * officer involved in the case (role_involved) gets template "involved"
 * instead: its reference only.  Nothing to do without officers.
 */
enum kres	 officer_notify(struct klacht *, const struct mail *,
		    int64_t case_id, enum officer_notice, enum role role,
		    int64_t now, char **cause);

/*
 * Queues mail about case c to officer o from template tmpl, in the
 * organisation's language, with Reply-To the officer's token address
 * (none when key is NULL; c NULL: mail about no case, with the personal
 * token of officer_personal_address), threaded under in_reply_to/references (may be
 * NULL), marked Auto-Submitted: auto-replied for the answers to an
 * officer's mail (confirm, cmd-error, refused, token-expired, and the
 * desk- forms of the first three),
 * auto-generated for the rest.  kind is the outbox kind.
 */
enum kres	 officer_queue(struct klacht *, const struct officer_key *,
		    const struct case_row *c, const struct cfg_officer *o,
		    const char *kind, const char *tmpl,
		    const char *in_reply_to, const char *references,
		    const struct tmpl_var *vars, size_t nvars, int64_t now,
		    char **cause);
/* The same with files sent along (struct mail_file, mail.h). */
enum kres	 officer_queue_files(struct klacht *,
		    const struct officer_key *, const struct case_row *c,
		    const struct cfg_officer *o, const char *kind,
		    const char *tmpl, const char *in_reply_to,
		    const char *references, const struct tmpl_var *vars,
		    size_t nvars, const struct mail_file *files, size_t nfiles,
		    int64_t now, char **cause);

/*
 * Queues mail about case c to officer o, who is involved in it (why, from
 * role_involved): template "involved" with the reference and why only --
 * no content and no reply token.  refused: it answers her commands,
 * which did not run (outbox kind "refused"; else "involved").
 */
enum kres	 officer_queue_involved(struct klacht *,
		    const struct case_row *c, const struct cfg_officer *o,
		    const char *why, int refused, int64_t now, char **cause);

/* "- name (type, size)" lines for attachments, or "(geen)"/"(none)";
 * caller frees. */
char		*officer_attachment_lines(const struct mail_attachment *,
		    size_t n, const char *lang);
/*
 * A file name (or type) from mail as it may be shown to an officer: C0
 * and C1 controls, bidi embeddings, overrides, isolates and marks (U+202E
 * turns "cv\u202Efdp.exe" into "cvexe.pdf") and zero-width characters
 * are written "<U+202E>", so the trick is visible; malformed UTF-8 is
 * '?'.  NULL gives "?".  The stored name keeps the original.  Caller
 * frees.
 */
char		*officer_display_name(const char *);
/* "512 bytes", "12 KB", "3.4 MB". Caller frees. */
char		*officer_size_words(int64_t bytes);

/* ------------------------------------------------------- officer_auth.c */

struct officer_auth {
	int	 ok;		/* commands may run */
	int	 token;		/* 1 a matching token, 0 none, -1 not asked */
	int	 dkim;		/* 1 a trusted pass, 0 none, -1 not asked */
	int64_t	 token_day;	/* issue day of the matching token, -1
				   for an undated (v1) one or none; its
				   age is checked by officer_exec.c */
	char	 reason[320];	/* why not (empty when ok) */
};

/*
 * Decides whether mail m from officer o (the configured officer whose
 * email is m's From) may run commands on case c, per cfg->auth_require:
 *   token	  a recipient at our domain carries a genuine token whose
 *		  officer is o and whose case is c;
 *   dkim	  an Authentication-Results header with our authserv-id
 *		  passes dkim or dmarc for the domain of o's address;
 *   token-or-dkim, token-and-dkim as named.
 * Then, for a confidential case, o must serve its category.  Pure: looks
 * at nothing but its arguments.  Returns a->ok.
 *
 * c NULL asks whether the mail is o's own at all, about no case (a
 * forwarded complaint, issue 14): a token then fits when it is o's for
 * any case, or o's personal token (TOKEN_DESK_REF); its age is not
 * checked.
 */
int		 officer_authenticate(const struct cfg *,
		    const struct officer_key *, const struct mail *,
		    const struct cfg_officer *, const struct case_row *,
		    struct officer_auth *);

/* ------------------------------------------------------- officer_exec.c */

/*
 * Handles officer mail m from o (already stored on case case_id by
 * intake; o is cfg_officer_by_email() of m's From, looked up once by
 * intake -- NULL: nothing to do):
 * authenticates it; if it passes, parses and runs its commands in order,
 * all or nothing (a savepoint), and queues the confirmation or the error
 * to the officer; a mail without commands becomes an internal note.
 * Returns KR_OK when the outcome -- whatever it is -- is recorded; other
 * results (database trouble, a template that does not render) make the
 * caller roll back and try the message again later.
 */
enum kres	 officer_mail(struct klacht *, const struct mail *,
		    const struct cfg_officer *o, int64_t case_id, int64_t now,
		    char **cause);

/* ------------------------------------------------------- officer_desk.c */

/*
 * Desk mail: an officer's mail (o, as for officer_mail) to the klachten
 * address that intake filed under no case.  It is desk mail when a
 * recipient carries a genuine personal token (of any officer: a token
 * of another officer is refused here, not taken for a complaint) or
 * when the officer's own text holds commands.  *is_desk says which; for
 * anything else (a forward, an officer's own complaint) nothing is done.
 */
enum kres	 officer_desk_want(struct klacht *, const struct mail *,
		    const struct cfg_officer *o, int *is_desk, char **cause);

/*
 * Runs desk mail m from o (already stored by intake, on no case):
 * authenticates it -- a personal token of o, or DKIM, as auth.require
 * asks -- and runs its desk commands as officer_mail runs a reply's,
 * answering with desk-confirm or desk-error.  Without proof nothing
 * runs and the officer gets, at their configured address only and
 * within auto_replies_per_day, desk-refused with a fresh personal reply
 * address: answering it proves the mail was theirs.  KR_OK when the
 * outcome is recorded, as officer_mail.
 */
enum kres	 officer_desk_mail(struct klacht *, const struct mail *,
		    const struct cfg_officer *o, int64_t now, char **cause);

/* ----------------------------------------------------- officer_answer.c */

/*
 * The kind a mail on case case_id is stored as (issue 18 F12): "officer"
 * only when its From is a configured officer (o, as for officer_mail) AND
 * it passes
 * officer_authenticate with a reply token no older than auth.token_days
 * (as officer_mail decides); "unauthenticated" when the From names an officer
 * but the second proof is missing (a forged From must never be shown as
 * the officer's word); "reply" when the From is no officer.  *kind is a
 * static string.  KR_TEMP when the key cannot be read.
 */
enum kres	 officer_mail_kind(struct klacht *, const struct mail *,
		    const struct cfg_officer *o, int64_t case_id, int64_t now,
		    const char **kind, char **cause);

#endif
