/*
 * store.h -- everything klachtd keeps, in one SQLite database.
 *
 * Only the store_*.c files talk to SQLite, always through prepared
 * statements.  Every function returns an enum kres: KR_TEMP for anything
 * that may work later (busy/locked database, disk full, I/O error), so the
 * MTA pipe can answer EX_TEMPFAIL; KR_DUP for a uniqueness conflict.
 * Causes are allocated and freed by the caller.
 *
 * Transactions: store_begin() takes the write lock at once (BEGIN
 * IMMEDIATE) so a message's whole effect -- raw message, case, events and
 * outgoing mail -- commits together or not at all.
 */
#ifndef KLACHT_STORE_H
#define KLACHT_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "util.h"

struct store;

/* Opens (creating 0600 if needed) and migrates the database. */
struct store	*store_open(const char *path, int busy_ms, char **cause);
void		 store_close(struct store *);
/* Current schema version. */
int		 store_schema_version(struct store *);

enum kres	 store_begin(struct store *, char **cause);
enum kres	 store_commit(struct store *, char **cause);
void		 store_rollback(struct store *);
/* Online backup of the whole database to path (sqlite3 backup API). */
enum kres	 store_backup(struct store *, const char *path, char **cause);

/* ------------------------------------------------------------ messages */
struct store_msg {
	int64_t		 case_id;	/* 0 = none */
	const char	*dedupe_key;
	const char	*kind;		/* complaint, reply, officer, auto, bounce */
	const char	*source;	/* pipe, maildir, imap */
	const char	*source_id;
	const char	*message_id;
	const char	*in_reply_to;
	const char	*refs;
	const char	*from_addr;
	const char	*from_name;
	const char	*subject;
	const char	*body;
	const void	*raw;
	size_t		 raw_len;
	int64_t		 received_at;
};
/* KR_DUP when a message with the same dedupe key is stored already; then
 * *case_id gets the case it went to (0 if none). */
enum kres	 store_msg_seen(struct store *, const char *dedupe_key,
		    int64_t *case_id, char **cause);
enum kres	 store_msg_add(struct store *, const struct store_msg *,
		    int64_t *id, char **cause);
/* Attachment metadata, with its data unless over the cap (data NULL). */
enum kres	 store_attachment_add(struct store *, int64_t msg_id,
		    int64_t case_id, const char *filename, const char *type,
		    size_t size, const char *sha256, const void *data,
		    char **cause);
/* The case an outgoing Message-ID of ours belongs to (0 = unknown). */
enum kres	 store_case_by_outgoing_msgid(struct store *, const char *msgid,
		    int64_t *case_id, char **cause);
/* The case an incoming Message-ID was filed on (0 = unknown). */
enum kres	 store_case_by_incoming_msgid(struct store *, const char *msgid,
		    int64_t *case_id, char **cause);

/* Quarantine keeps a message whole when it cannot be handled. */
enum kres	 store_quarantine_add(struct store *, const char *source,
		    const char *source_id, const char *reason, const void *raw,
		    size_t len, int64_t now, int64_t *id, char **cause);

/* --------------------------------------------------------------- cases */
struct case_row {
	int64_t	 id;
	char	*ref;
	char	*status;
	char	*category;
	char	*priority;
	char	*assignee;
	int	 confidential;
	char	*complainant_email;
	char	*complainant_name;
	char	*subject;
	char	*language;
	int64_t	 received_at;
	int64_t	 due_at;
	int	 extended;
	char	*judgement;
	int64_t	 decided_at;
	int64_t	 closed_at;
	int64_t	 linked_case_id;
	int64_t	 updated_at;
	char	*first_msgid;	/* the complaint's Message-ID (threading) */
};
void		 case_row_free(struct case_row *);

struct case_new {
	const char	*prefix;	/* "KL" */
	int		 year;
	const char	*status;
	const char	*category;
	const char	*complainant_email;
	const char	*complainant_name;
	const char	*subject;
	const char	*language;
	int64_t		 received_at;
	int64_t		 due_at;
	int		 confidential;
	int64_t		 linked_case_id;
};
/* Allocates the next reference of the year and inserts the case. */
enum kres	 store_case_create(struct store *, const struct case_new *,
		    int64_t *id, char **ref, char **cause);
/* KR_INVALID when there is no such case. */
enum kres	 store_case_get(struct store *, int64_t id, struct case_row *,
		    char **cause);
enum kres	 store_case_get_ref(struct store *, const char *ref,
		    struct case_row *, char **cause);
/* Sets one column of a case (a whitelisted name) and bumps updated_at. */
enum kres	 store_case_set(struct store *, int64_t id, const char *column,
		    const char *text, int64_t num, int64_t now, char **cause);
/* Appends to the case's audit trail. */
enum kres	 store_event_add(struct store *, int64_t case_id, int64_t at,
		    const char *actor, const char *kind, const char *detail,
		    char **cause);
/* Iterates cases, newest first (status NULL = all); cb returns non-zero
 * to stop. */
enum kres	 store_case_foreach(struct store *, const char *status,
		    int (*cb)(const struct case_row *, void *), void *arg,
		    char **cause);
/* Iterates a case's events, messages (without raw) and outgoing mail. */
struct event_row {
	int64_t		 at;
	const char	*actor;
	const char	*kind;
	const char	*detail;
};
enum kres	 store_event_foreach(struct store *, int64_t case_id,
		    int (*cb)(const struct event_row *, void *), void *arg,
		    char **cause);
struct msg_row {
	int64_t		 id;
	int64_t		 received_at;
	const char	*kind;
	const char	*source;
	const char	*message_id;
	const char	*from_addr;
	const char	*subject;
	const char	*body;
	int64_t		 size;
};
enum kres	 store_msg_foreach(struct store *, int64_t case_id,
		    int (*cb)(const struct msg_row *, void *), void *arg,
		    char **cause);
/* Counts automatic replies we sent to addr since t (RFC 3834 limit). */
enum kres	 store_autoreply_count(struct store *, const char *addr,
		    int64_t since, int *count, char **cause);

/* -------------------------------------------------------------- outbox */
struct outbox_row {
	int64_t		 id;
	int64_t		 case_id;
	const char	*kind;
	const char	*mail_from;
	const char	*rcpt;
	const char	*message_id;
	const char	*subject;
	const char	*status;	/* queued, sent, failed */
	int		 attempts;
	int64_t		 next_attempt_at;
	int64_t		 created_at;
	int64_t		 sent_at;
	const char	*last_error;
	const void	*raw;		/* only filled by store_outbox_due */
	size_t		 raw_len;
};
enum kres	 store_outbox_add(struct store *, int64_t case_id,
		    const char *kind, const char *mail_from, const char *rcpt,
		    const char *message_id, const char *subject,
		    const void *raw, size_t len, int64_t now, int64_t *id,
		    char **cause);
/* Calls cb for each queued mail whose next attempt is due, oldest first,
 * at most limit of them. */
enum kres	 store_outbox_due(struct store *, int64_t now, int limit,
		    int (*cb)(const struct outbox_row *, void *), void *arg,
		    char **cause);
enum kres	 store_outbox_sent(struct store *, int64_t id, int64_t now,
		    char **cause);
/* Records a failed attempt: permanent marks it failed, else it is retried
 * at next_at. */
enum kres	 store_outbox_failed(struct store *, int64_t id,
		    const char *error, int permanent, int64_t next_at,
		    char **cause);
/* Lists outgoing mail (status NULL = all), newest first. */
enum kres	 store_outbox_foreach(struct store *, const char *status,
		    int64_t case_id,
		    int (*cb)(const struct outbox_row *, void *), void *arg,
		    char **cause);
/* Counts by status for STATUS= lines and klachtctl. */
enum kres	 store_counts(struct store *, int64_t *open_cases,
		    int64_t *queued, int64_t *failed, int64_t *quarantined,
		    char **cause);

/* --------------------------------------------------------- source state */
/* (UIDVALIDITY, last UID) per IMAP mailbox; 0/0 when never seen. */
enum kres	 store_imap_state_get(struct store *, const char *mailbox,
		    uint32_t *uidvalidity, uint32_t *last_uid, char **cause);
enum kres	 store_imap_state_set(struct store *, const char *mailbox,
		    uint32_t uidvalidity, uint32_t last_uid, char **cause);

#endif
