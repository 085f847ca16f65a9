/*
 * store.h -- everything klachtd keeps, in one SQLite database.
 *
 * Only the store_*.c files talk to SQLite, always through prepared
 * statements.  Every function returns an enum kres: KR_TEMP for anything
 * that may work later (busy/locked database, disk full, I/O error), so the
 * MTA pipe can answer EX_TEMPFAIL; KR_DUP for a uniqueness conflict.
 * Causes are allocated and freed by the caller.
 *
 * The functions are grouped below by the file that defines them: one
 * store_<table>.c per table (store.c is the core), as the sections say.
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

/* store.c */
/* The core: the connection, its schema, transactions and savepoints. */

/* Opens (creating 0600 if needed) and migrates the database.  A
 * database directory, database, -wal or -shm open to other accounts is
 * set to 0700/0600 when ours, with a warning; else only warned about. */
struct store	*store_open(const char *path, int busy_ms, char **cause);
void		 store_close(struct store *);
/* Current schema version. */
int		 store_schema_version(struct store *);
enum kres	 store_begin(struct store *, char **cause);
enum kres	 store_commit(struct store *, char **cause);
void		 store_rollback(struct store *);
/* Gives SQLite's page cache of this connection back (PRAGMA
 * shrink_memory); the pages are read again, from the kernel's page
 * cache, when next needed.  For a daemon about to sleep.  Best effort. */
void		 store_shrink(struct store *);

/*
 * Group commit: one transaction for a batch of messages from a source.
 * While a batch is open, store_begin() / store_commit() /
 * store_rollback() act on a savepoint per call instead of a
 * transaction, so that each message (intake_message() unchanged) takes
 * effect or not on its own while the batch commits -- and fsyncs --
 * once.  store_batch_commit() returns KR_TEMP, committing nothing, when
 * SQLite rolled the whole transaction back on its own (disk full, I/O
 * error): the source must then offer every message of the batch again.
 * store_batch_rollback() undoes the whole batch.  store_batched() says
 * whether a batch is open.
 */
enum kres	 store_batch_begin(struct store *, char **cause);
enum kres	 store_batch_commit(struct store *, char **cause);
void		 store_batch_rollback(struct store *);
int		 store_batched(struct store *);

/* Savepoints inside the caller's transaction, so that all commands of an
 * officer's mail take effect together or not at all while the message
 * itself stays stored.  name is a fixed identifier ([a-z_]+) chosen by
 * the caller, never text from mail. */
enum kres	 store_savepoint(struct store *, const char *name,
		    char **cause);
enum kres	 store_release(struct store *, const char *name, char **cause);
/* Undoes everything since the savepoint and releases it. */
enum kres	 store_rollback_to(struct store *, const char *name,
		    char **cause);

/* store_case.c */
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
	char	*channel;	/* email, telefoon, balie, brief,
				   webformulier (case_channel_*) */
	char	*summary;	/* #omschrijving, or NULL */
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
	const char	*channel;	/* NULL = "email" */
};
/* Allocates the next reference of the year and inserts the case.  Only
 * case.c calls this (case_open), so the case gets its event. */
enum kres	 store_case_create(struct store *, const struct case_new *,
		    int64_t *id, char **ref, char **cause);
/* KR_INVALID when there is no such case. */
enum kres	 store_case_get(struct store *, int64_t id, struct case_row *,
		    char **cause);
enum kres	 store_case_get_ref(struct store *, const char *ref,
		    struct case_row *, char **cause);
/* Sets one column of a case (a whitelisted name) and bumps updated_at.
 * Only case.c calls this: every change of a case has its event. */
enum kres	 store_case_set(struct store *, int64_t id, const char *column,
		    const char *text, int64_t num, int64_t now, char **cause);
/* Iterates cases, newest first (status NULL = all); cb returns non-zero
 * to stop. */
enum kres	 store_case_foreach(struct store *, const char *status,
		    int (*cb)(const struct case_row *, void *), void *arg,
		    char **cause);
/* The undecided cases (new, acknowledged, in progress, waiting) of a
 * complainant address (any case) or of a sender key (flood.h: the
 * address without its +tag), newest first, except case except; cb
 * returns non-zero to stop. */
enum kres	 store_open_cases_of(struct store *, const char *email,
		    const char *sender_key, int64_t except,
		    int (*cb)(const struct case_row *, void *), void *arg,
		    char **cause);
/* Records who opened a case by mail, as flood_sender_key() has it. */
enum kres	 store_case_sender_set(struct store *, int64_t case_id,
		    const char *key, char **cause);
/* How many cases with this sender key were received at or after since. */
enum kres	 store_sender_cases(struct store *, const char *key,
		    int64_t since, int *count, char **cause);
/* The case an outgoing Message-ID of ours belongs to (0 = unknown). */
enum kres	 store_case_by_outgoing_msgid(struct store *, const char *msgid,
		    int64_t *case_id, char **cause);
/* The case an incoming Message-ID was filed on (0 = unknown). */
enum kres	 store_case_by_incoming_msgid(struct store *, const char *msgid,
		    int64_t *case_id, char **cause);
/* What a letter to the complainant replies to: the Message-ID of the
 * complainant's latest message on the case (kinds complaint and reply,
 * From the complainant's address: never a stranger's) and, of its
 * References, only the ids that are ours or the complainant's own on the
 * case, at most 10 (issue 18 F14); else the Message-ID of our
 * acknowledgement.  Both malloc'd or NULL (*msgid NULL: nothing). */
enum kres	 store_case_thread_parent(struct store *, int64_t case_id,
		    char **msgid, char **refs, char **cause);
/* The case's first message (the complaint): its id and body (malloc'd);
 * *msg_id 0 and *body NULL when there is none. */
enum kres	 store_case_first_msg(struct store *, int64_t case_id,
		    int64_t *msg_id, char **body, char **cause);
/* The person complained about (Awb 9:9).  KR_DUP when the case has this
 * address already. */
enum kres	 store_respondent_add(struct store *, int64_t case_id,
		    const char *email, const char *name, int64_t now,
		    char **cause);
enum kres	 store_respondent_foreach(struct store *, int64_t case_id,
		    int (*cb)(const char *email, const char *name, void *),
		    void *arg, char **cause);
/* Whether email (case-insensitive) is a respondent of the case (*found
 * 1) or not (0). */
enum kres	 store_respondent_has(struct store *, int64_t case_id,
		    const char *email, int *found, char **cause);
/* Whether email is one of the complainant's further addresses (table
 * case_addresses, which corrections such as #complainant fill): replies
 * from it are filed as the complainant's (role.h). */
enum kres	 store_case_address_has(struct store *, int64_t case_id,
		    const char *email, int *found, char **cause);

/* store_event.c */
struct event_row {
	int64_t		 at;
	const char	*actor;
	const char	*kind;
	const char	*detail;
};
/* Appends to the case's audit trail. */
enum kres	 store_event_add(struct store *, int64_t case_id, int64_t at,
		    const char *actor, const char *kind, const char *detail,
		    char **cause);
/* Calls cb with each event of a case, oldest first, until it returns
 * non-zero. */
enum kres	 store_event_foreach(struct store *, int64_t case_id,
		    int (*cb)(const struct event_row *, void *), void *arg,
		    char **cause);
/* How many events of kind the case has. */
enum kres	 store_event_count(struct store *, int64_t case_id,
		    const char *kind, int64_t *count, char **cause);

/* store_msg.c */
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
	const char	*content_sha;	/* intake_content_sha(), or NULL */
	const char	*role;		/* role_id() of the sender, or NULL */
};
/* KR_DUP when a message with the same dedupe key is stored already; then
 * *case_id gets the case it went to (0 if none). */
enum kres	 store_msg_seen(struct store *, const char *dedupe_key,
		    int64_t *case_id, char **cause);
/*
 * Dedupe by Message-ID and content: KR_DUP (with *case_id) when a message
 * with this Message-ID is stored with the same raw SHA-256 or the same
 * content hash; else KR_OK, with *clash set when the Message-ID is stored
 * with other content (a different message reusing the ID).
 */
enum kres	 store_msg_same(struct store *, const char *message_id,
		    const char *raw_sha, const char *content_sha,
		    int64_t *case_id, int *clash, char **cause);
enum kres	 store_msg_add(struct store *, const struct store_msg *,
		    int64_t *id, char **cause);
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
	const char	*role;		/* role_id(), NULL for unknown */
};
/* Calls cb with each message of a case (without raw), oldest first,
 * until it returns non-zero. */
enum kres	 store_msg_foreach(struct store *, int64_t case_id,
		    int (*cb)(const struct msg_row *, void *), void *arg,
		    char **cause);

/* store_attachment.c */
/* Attachment metadata, with its data unless over the cap (data NULL). */
enum kres	 store_attachment_add(struct store *, int64_t msg_id,
		    int64_t case_id, const char *filename, const char *type,
		    size_t size, const char *sha256, const void *data,
		    char **cause);
/* Calls cb with the name, type and size of each attachment of a message,
 * in the order they were stored. */
enum kres	 store_attachment_foreach(struct store *, int64_t msg_id,
		    int (*cb)(const char *filename, const char *type,
		    int64_t size, void *), void *arg, char **cause);

/* One attachment of a case (store_attachment_case_foreach). */
struct attachment_row {
	int		 n;		/* its number on the case, from 1 */
	int64_t		 id;
	int64_t		 msg_id;
	int64_t		 received_at;	/* of its message */
	const char	*filename;
	const char	*content_type;
	int64_t		 size;
	const char	*sha256;
	int		 kept;		/* its bytes are stored */
	const void	*data;		/* NULL when not asked or not kept */
	size_t		 len;
};
/* Calls cb with each attachment of every message of a case, numbered
 * from 1 in the order they were stored (the numbers klachtctl and the
 * case file use), until it returns non-zero; with_data also reads the
 * bytes.  Row pointers last until cb returns. */
enum kres	 store_attachment_case_foreach(struct store *, int64_t case_id,
		    int with_data,
		    int (*cb)(const struct attachment_row *, void *),
		    void *arg, char **cause);
/* Attachment n of a case, with its bytes: cb is called once.  KR_INVALID
 * with cause when the case has no attachment n. */
enum kres	 store_attachment_case_get(struct store *, int64_t case_id,
		    int n, int (*cb)(const struct attachment_row *, void *),
		    void *arg, char **cause);

/* store_outbox.c */
/* For the outbox job, intake's rate limits and klachtctl outbox.
 * KR_INVALID means "no such row" or "not in a state that allows this". */

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
/* When the first queued mail is due (its next attempt), in *at; -1 when
 * nothing is queued. */
enum kres	 store_outbox_next(struct store *, int64_t *at, char **cause);
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

/* One outgoing mail by id (cb is called once, raw not filled). */
enum kres	 store_outbox_get(struct store *, int64_t id,
		    int (*cb)(const struct outbox_row *, void *), void *arg,
		    char **cause);
/* Puts a failed (or still queued) mail back in the queue, due now, with
 * its attempts reset and its give-up clock (created_at) restarted. */
enum kres	 store_outbox_retry(struct store *, int64_t id, int64_t now,
		    char **cause);
/* Marks a failed or queued mail "dropped": never sent, row kept. */
enum kres	 store_outbox_drop(struct store *, int64_t id, char **cause);
/* Every outgoing mail of a case, with its raw bytes, oldest first (the
 * case file, dossier.c). */
enum kres	 store_outbox_case_raw(struct store *, int64_t case_id,
		    int (*cb)(const struct outbox_row *, void *), void *arg,
		    char **cause);
/* Counts automatic replies we sent to addr since t (RFC 3834 limit). */
enum kres	 store_autoreply_count(struct store *, const char *addr,
		    int64_t since, int *count, char **cause);
/* Counts outgoing mail of kind to rcpt created since t. */
enum kres	 store_outbox_count(struct store *, const char *rcpt,
		    const char *kind, int64_t since, int *count,
		    char **cause);
/* Counts confirmations and command errors (outbox kinds confirm,
 * cmd-error) about case_id to rcpt created since t (issue 18 F9). */
enum kres	 store_outbox_count_answers(struct store *, int64_t case_id,
		    const char *rcpt, int64_t since, int *count,
		    char **cause);

/* store_quarantine.c */
/* KR_INVALID means "no such row". */

/* Quarantine keeps a message whole when it cannot be handled. */
enum kres	 store_quarantine_add(struct store *, const char *source,
		    const char *source_id, const char *reason, const void *raw,
		    size_t len, int64_t now, int64_t *id, char **cause);
struct quarantine_row {
	int64_t		 id;
	const char	*source;
	const char	*source_id;
	const char	*sha256;
	const char	*reason;
	int64_t		 size;
	int64_t		 received_at;
	int64_t		 released_at;	/* 0 = still held */
	const char	*case_ref;	/* where the released message went */
};
/* Iterates quarantined messages, oldest first; status NULL = all,
 * "held" or "released". */
enum kres	 store_quarantine_foreach(struct store *, const char *status,
		    int (*cb)(const struct quarantine_row *, void *), void *arg,
		    char **cause);
/* One quarantined message: cb gets its row, *raw (malloc'd, caller
 * frees; may be NULL if not wanted) its bytes. */
enum kres	 store_quarantine_get(struct store *, int64_t id,
		    int (*cb)(const struct quarantine_row *, void *), void *arg,
		    char **raw, size_t *len, char **cause);
/* Records that a quarantined message was handed to intake again. */
enum kres	 store_quarantine_released(struct store *, int64_t id,
		    int64_t now, char **cause);
/* Deletes a quarantined message for good. */
enum kres	 store_quarantine_drop(struct store *, int64_t id,
		    char **cause);

/* store_imap.c */
/* (UIDVALIDITY, last UID) per IMAP mailbox; 0/0 when never seen. */
enum kres	 store_imap_state_get(struct store *, const char *mailbox,
		    uint32_t *uidvalidity, uint32_t *last_uid, char **cause);
enum kres	 store_imap_state_set(struct store *, const char *mailbox,
		    uint32_t uidvalidity, uint32_t last_uid, char **cause);

/* store_deadline.c */
/* For escalate.c and officer_exec.c.  cases.deadline_next says when the
 * deadline scan looks at a case again (0 at once, NULL never); a trigger
 * re-arms it (0) whenever the status, due date, category or assignee
 * changes, and clears it (NULL) when the case is decided or closed. */


/* Up to limit open cases whose deadline_next <= now, earliest first,
 * through the partial index (closed cases are never read).  *rows
 * (caller frees: case_row_free each, then free) gets them, without
 * first_msgid. */
enum kres	 store_deadline_due(struct store *, int64_t now, int limit,
		    struct case_row **rows, size_t *n, char **cause);
/* Sets deadline_next; next < 0 stores NULL (nothing left to do). */
enum kres	 store_deadline_set_next(struct store *, int64_t case_id,
		    int64_t next, char **cause);
/* Re-arms every open case (after the escalation settings changed). */
enum kres	 store_deadline_rearm_all(struct store *, int64_t *n,
		    char **cause);
/* Claims one firing of a level: unique (case, due date, level, rcpt).
 * *fresh is 1 when this call recorded it, 0 when it was recorded
 * before (then nothing must be sent). */
enum kres	 store_deadline_fire(struct store *, int64_t case_id,
		    int64_t due_at, const char *level, const char *rcpt,
		    int64_t now, int *fresh, char **cause);
/* Claims the weekly digest of rcpt for the week starting at week;
 * *fresh as above. */
enum kres	 store_digest_claim(struct store *, const char *rcpt,
		    int64_t week, int64_t now, int *fresh, char **cause);
/* ------------------------------------------------ store_absence.c */

/* An officer's own absence as #afwezig / #terug left it (absence.h
 * decides what counts).  Strings are the caller's to free
 * (store_absence_row_free). */
struct absence_row {
	char	*until_day;	/* last day away, YYYY-MM-DD; NULL: #terug */
	char	*substitute;	/* officer id, or NULL */
	char	*config_until;	/* the configured absence #terug ended */
	int64_t	 set_at;
	char	*set_by;
};
/* *found 0 (row zeroed) when the officer never gave either command. */
enum kres	 store_absence_get(struct store *, const char *officer,
		    struct absence_row *, int *found, char **cause);
/* Records the officer's absence (until_day, substitute may be NULL) or,
 * with until_day NULL, their return, replacing what was there. */
enum kres	 store_absence_set(struct store *, const char *officer,
		    const char *until_day, const char *substitute,
		    const char *config_until, const char *by, int64_t now,
		    char **cause);
void		 store_absence_row_free(struct absence_row *);
/* Claims the one notice to the coordinator about this absence (officer,
 * last day, substitute or ""); *fresh as store_deadline_fire. */
enum kres	 store_absence_notice_claim(struct store *,
		    const char *officer, const char *until_day,
		    const char *substitute, int64_t now, int *fresh,
		    char **cause);

/* Every open (not decided, not closed) case, by due date; cb gets rows
 * without first_msgid and returns non-zero to stop. */
enum kres	 store_deadline_open_foreach(struct store *,
		    int (*cb)(const struct case_row *, void *), void *arg,
		    char **cause);
/* A small key/value store of the deadline scan; *value NULL if unset. */
enum kres	 store_deadline_meta_get(struct store *, const char *key,
		    char **value, char **cause);
enum kres	 store_deadline_meta_set(struct store *, const char *key,
		    const char *value, char **cause);
/* For #extend: how many extensions the case had ("extend" events) and
 * whether a consent was recorded after the last of them. */
enum kres	 store_deadline_extinfo(struct store *, int64_t case_id,
		    int *extensions, int *consent, char **cause);

/* store_post.c */
/* Letters on paper (issue 16). */

/* store_draft.c: outcome letters awaiting approval (issue 16), one per
 * case at most. */
struct draft_row {
	int64_t	 id;		/* 0: no draft */
	char	*author;	/* the officer who wrote it */
	char	*judgement;
	char	*text;		/* the officer's text after the judgement */
	int64_t	 created_at;
};
void		 draft_row_free(struct draft_row *);
/* The draft of a case, or d->id == 0 when it has none. */
enum kres	 store_draft_get(struct store *, int64_t case_id,
		    struct draft_row *d, char **cause);
/* Stores the case's draft, replacing any earlier one. */
enum kres	 store_draft_put(struct store *, int64_t case_id,
		    const char *author, const char *judgement,
		    const char *text, int64_t now, char **cause);
/* Removes the case's draft (none is no error). */
enum kres	 store_draft_drop(struct store *, int64_t case_id,
		    char **cause);

/* A case's postal address (lines separated by LF) and phone number; each
 * NULL when not recorded (caller frees). */
enum kres	 store_case_postal_get(struct store *, int64_t case_id,
		    char **address, char **phone, char **cause);
/* Records them (NULL clears one). */
enum kres	 store_case_postal_set(struct store *, int64_t case_id,
		    const char *address, const char *phone, int64_t now,
		    char **cause);
/* Marks outgoing mail as a letter to the complainant: how is "mail" or
 * "post" (the PDF to the post room). */
enum kres	 store_outbox_letter_set(struct store *, int64_t id,
		    const char *how, char **cause);
struct letter_row {
	int64_t		 id;		/* outbox id */
	const char	*kind;
	const char	*how;		/* mail, post */
	const char	*rcpt;
	const char	*status;
	int64_t		 created_at;
	const void	*raw;
	size_t		 raw_len;
};
/* The nth letter (from 1, oldest first; 0 = the latest) to the
 * complainant of a case: cb is called once, with the raw message.
 * *count (may be NULL) gets how many letters the case has; KR_INVALID
 * with cause when there is no such letter. */
enum kres	 store_letter_get(struct store *, int64_t case_id, int n,
		    int *count, int (*cb)(const struct letter_row *, void *),
		    void *arg, char **cause);

/* store_redirect.c */
/* The complaint message of a case exactly as it came in (#forward): the
 * raw bytes of its first message of kind "complaint" (else of its first
 * message at all), malloc'd with a NUL after them; *raw NULL when the
 * case has none (purged, or no message). */
enum kres	 store_case_complaint_raw(struct store *, int64_t case_id,
		    char **raw, size_t *len, char **cause);

/* store_report.c */
/* For report.c and klachtctl report.  Times are 0 where the column is
 * NULL. */

/* A case without any personal data: what reports and the register use. */
struct report_row {
	int64_t		 id;
	const char	*ref;
	const char	*status;
	const char	*category;
	const char	*judgement;
	int64_t		 received_at;
	int64_t		 due_at;
	int64_t		 decided_at;
	int64_t		 closed_at;
	int		 extended;
	int64_t		 purged_at;
	const char	*channel;	/* email, telefoon, ... */
	const char	*forwarded_kind; /* #forward's kind, or NULL */
};
/* Every case, oldest first. */
enum kres	 store_report_cases(struct store *,
		    int (*cb)(const struct report_row *, void *), void *arg,
		    char **cause);
/* Every event of kind "escalation", "reopened" or "reopen", by time. */
enum kres	 store_report_events(struct store *,
		    int (*cb)(int64_t case_id, int64_t at, const char *kind,
		    void *), void *arg, char **cause);
/* The hearing events (issue 15), by time: kind "hearing-report" or
 * "hearing-skipped"; ground is the first letter of a skip's detail (its
 * Awb 9:10 lid 2 ground, officer_hearing.c), NULL for a report.  Nothing
 * else of the detail is read: reports hold no personal data. */
enum kres	 store_report_hearings(struct store *,
		    int (*cb)(int64_t case_id, int64_t at, const char *kind,
		    const char *ground, void *), void *arg, char **cause);

/* The improvement measures made in [from, to) with each case they are
 * linked to (issue 15), by measure: done (done before to) and late (open
 * at to and past its day), as store_measure_counts counts them. */
enum kres	 store_report_measures(struct store *, int64_t from,
		    int64_t to, int (*cb)(int64_t measure_id, int64_t case_id,
		    int done, int late, void *), void *arg, char **cause);

/* store_purge.c */
/* For privacy.c and klachtctl purge. */

/* Closed cases whose personal data is still there (purged_at NULL). */
enum kres	 store_purge_candidates(struct store *,
		    int (*cb)(const struct report_row *, void *), void *arg,
		    char **cause);
/*
 * Anonymises one case inside the caller's transaction: the complainant's
 * name and address, subject and assignee; its messages' senders,
 * subjects, bodies, headers and raw bytes; its attachments (deleted);
 * its outgoing mail's recipient, subject and raw bytes; the details of
 * its events; its respondents and who got its reminders and escalations
 * (when those tables exist).  Kept: reference, dates, category,
 * judgement, status, priority and the kinds and times of events.  Adds
 * a "purged" event with detail and sets purged_at.
 */
enum kres	 store_case_purge(struct store *, int64_t case_id,
		    int64_t now, const char *detail, char **cause);
/* Messages filed on no case (auto-replies, bounces) and quarantined
 * messages received before `before`: counted, and deleted unless
 * dry_run. */
enum kres	 store_purge_loose(struct store *, int64_t before, int dry_run,
		    int64_t *messages, int64_t *quarantined, char **cause);
/* PRAGMA secure_delete on this connection (freed content is zeroed);
 * *was (may be NULL) gets the setting it had, to restore it after. */
enum kres	 store_secure_delete(struct store *, int on, int *was,
		    char **cause);
/* Checkpoints the WAL into the database file and truncates it, so
 * removed data does not linger there; KR_TEMP when readers kept it from
 * completing. */
enum kres	 store_checkpoint(struct store *, char **cause);

/* store_export.c */
/* Export of everything about one person (AVG art. 15), for klachtctl
 * export.  email matches case-insensitively. */

/* The ids of the cases the person complained in, oldest first. */
enum kres	 store_export_case_ids(struct store *, const char *email,
		    int (*cb)(int64_t id, void *), void *arg, char **cause);
struct export_msg_row {
	int64_t		 id;
	int64_t		 case_id;
	int64_t		 received_at;
	const char	*kind;
	const char	*source;
	const char	*message_id;
	const char	*in_reply_to;
	const char	*from_addr;
	const char	*from_name;
	const char	*subject;
	const char	*body;
	const char	*sha256;
	const void	*raw;
	size_t		 raw_len;
};
/* Messages filed on the person's cases or sent by the person, with
 * their raw bytes, oldest first. */
enum kres	 store_export_messages(struct store *, const char *email,
		    int (*cb)(const struct export_msg_row *, void *),
		    void *arg, char **cause);
struct export_att_row {
	int64_t		 id;
	const char	*filename;
	const char	*content_type;
	int64_t		 size;
	const char	*sha256;
	const void	*data;		/* NULL: over the size cap, not kept */
	size_t		 len;
};
enum kres	 store_export_attachments(struct store *, int64_t msg_id,
		    int (*cb)(const struct export_att_row *, void *),
		    void *arg, char **cause);
/* Outgoing mail to the person, with raw bytes, oldest first. */
enum kres	 store_export_outbox(struct store *, const char *email,
		    int (*cb)(const struct outbox_row *, void *), void *arg,
		    char **cause);
/* The cases the person is a respondent in (#respondent, Awb 9:9): the
 * person complained about, oldest first. */
struct export_resp_row {
	const char	*ref;
	const char	*status;
	int64_t		 received_at;	/* of the complaint */
	const char	*email;
	const char	*name;
	int64_t		 added_at;	/* named as respondent */
};
enum kres	 store_export_respondent(struct store *, const char *email,
		    int (*cb)(const struct export_resp_row *, void *),
		    void *arg, char **cause);
/* Quarantined messages whose raw bytes name the address; cb gets the
 * row and the bytes. */
enum kres	 store_export_quarantine(struct store *, const char *email,
		    int (*cb)(const struct quarantine_row *, const void *raw,
		    size_t len, void *), void *arg, char **cause);

/* store_contact.c */
/* The contact log (#contact): contact moments with the complainant, as
 * events of kind "contact" (detail "<kind>: <text>"). */
struct contact_row {
	int64_t		 at;
	const char	*actor;		/* the officer's id */
	const char	*kind;		/* phone, meeting, letter, mail; ""
					   once purged */
	const char	*text;		/* "" when none or purged */
};
enum kres	 store_contact_add(struct store *, int64_t case_id,
		    int64_t at, const char *actor, const char *kind,
		    const char *text, char **cause);
/* cb for each contact of the case, oldest first; non-zero stops. */
enum kres	 store_contact_foreach(struct store *, int64_t case_id,
		    int (*cb)(const struct contact_row *, void *), void *arg,
		    char **cause);
/* *at: the moment of the case's first contact, 0 when none. */
enum kres	 store_contact_first(struct store *, int64_t case_id,
		    int64_t *at, char **cause);

/* store_admin.c */
/* Online backup of the whole database to a new file path, 0600
 * (sqlite3 backup API): never over anything, never through a link, only
 * in a directory that root or we alone can change (see safefile.h). */
enum kres	 store_backup(struct store *, const char *path, char **cause);
/* Counts by status for STATUS= lines and klachtctl. */
enum kres	 store_counts(struct store *, int64_t *open_cases,
		    int64_t *queued, int64_t *failed, int64_t *quarantined,
		    char **cause);

/* store_overview.c */
/* The open cases (not decided or closed) an officer's overview draws
 * from: those assigned to officer_id and those assigned to nobody,
 * soonest due first.  Who may see which is the caller's to decide
 * (overview.h): the store knows no categories' confidentiality. */
enum kres	 store_overview_foreach(struct store *, const char *officer_id,
		    int (*cb)(const struct case_row *, void *), void *arg,
		    char **cause);

/* store_search.c */
/*
 * Full-text search over the cases (table case_search, FTS5): reference,
 * complainant name and address, subject and the text of every message.
 *
 * store_search_query() turns what a person typed into an FTS5 query in
 * which every word is a quoted string -- "a""b" for a"b -- so nothing
 * they type is ever FTS5 syntax (no OR, NEAR(, *, -, column filters);
 * the words must all occur (AND).  Words without a letter or digit are
 * left out, at most SEARCH_MAX_WORDS words of at most SEARCH_MAX_WORD
 * bytes are kept.  NULL when no word is left.  Caller frees.
 */
#define SEARCH_MAX_WORDS	16
#define SEARCH_MAX_WORD		100
char		*store_search_query(const char *text);
/* Indexes every case the search index lacks (a database from before the
 * index, rows lost to a restore): run by store_open after the
 * migrations; nothing is written when none is missing. */
enum kres	 store_search_fill(struct store *, char **cause);
/* Re-indexes the cases the triggers noted in case_search_dirty (every
 * write to a case's indexed columns or its complaint and reply mail) and
 * empties it: run by store_commit just before every COMMIT, so the index
 * commits with the cases; also by store_search_fill and
 * store_search_foreach for writes made outside a transaction. */
enum kres	 store_search_flush(struct store *, char **cause);
/* The cases matching text (store_search_query; KR_INVALID with cause
 * when it has no word), newest first, until cb returns non-zero.
 * Confidentiality is the caller's to apply. */
enum kres	 store_search_foreach(struct store *, const char *text,
		    int (*cb)(const struct case_row *, void *), void *arg,
		    char **cause);

/* store_link.c (issue 14) */
/* Records a link of kind ("link", "merged") from case a to case b by
 * actor.  KR_DUP when a "link" between the two exists either way, or the
 * same row exists. */
enum kres	 store_link_add(struct store *, int64_t a, int64_t b,
		    const char *kind, const char *actor, int64_t now,
		    char **cause);
struct link_row {
	const char	*kind;		/* "link", "merged" */
	int		 outgoing;	/* this case is a (merged: into ref) */
	const char	*ref;		/* the other case */
	const char	*actor;
	int64_t		 at;
};
/* The links of case_id, either way, oldest first (old linked_case_id
 * links of a reply after the reopen window are not among them). */
enum kres	 store_link_foreach(struct store *, int64_t case_id,
		    int (*cb)(const struct link_row *, void *), void *arg,
		    char **cause);
/* Moves what case from holds to case to: its messages and attachments,
 * its respondents (once), and its events, each detail marked
 * "[<from_ref>] " so the history says where it came from.  The counts
 * moved in *nmsgs, *natts, *nevents. */
enum kres	 store_case_move(struct store *, int64_t from,
		    const char *from_ref, int64_t to, int64_t *nmsgs,
		    int64_t *natts, int64_t *nevents, char **cause);
/* The case that case_id was merged into, or 0 (*into). */
enum kres	 store_link_merged_into(struct store *, int64_t case_id,
		    int64_t *into, char **cause);
/* Mail to rcpt about case_id not sent yet (queued or failed) becomes
 * "dropped"; *n how many. */
enum kres	 store_outbox_drop_to(struct store *, int64_t case_id,
		    const char *rcpt, int64_t *n, char **cause);
/* Whether mail of kind was ever queued to rcpt about case_id (sent,
 * queued or failed; dropped mail does not count). */
enum kres	 store_outbox_has(struct store *, int64_t case_id,
		    const char *rcpt, const char *kind, int *has,
		    char **cause);

#endif
