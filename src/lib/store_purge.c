/*
 * store_purge.c -- the retention purge (issue 7): which closed cases
 * still hold personal data, anonymising one, deleting old loose messages
 * and quarantine, and the two database settings that keep removed data
 * from lingering (secure_delete, the WAL checkpoint).
 *
 * The purge overwrites personal data in place (with PRAGMA
 * secure_delete, see purge.c) rather than deleting cases, so the
 * register and the figures of past years stay what they were.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "store_int.h"
#include "util.h"

enum kres
store_purge_candidates(struct store *st,
    int (*cb)(const struct report_row *, void *), void *arg, char **cause)
{
	return store_report_rows(st, "SELECT " STORE_REPORT_COLS " FROM cases "
	    "WHERE status IN ('closed', 'merged', 'void', 'resolved', "
	    "'forwarded') AND purged_at IS NULL ORDER BY id",
	    "read closed cases", cb, arg, cause);
}

enum kres
store_case_purge(struct store *st, int64_t id, int64_t now,
    const char *detail, char **cause)
{
	/* Order matters only for the foreign keys: attachments go before
	 * nothing else references them.  Each binds ?1 = id, and the
	 * last ?2 = now. */
	static const struct {
		const char	*table;	/* run only when it exists */
		const char	*sql;
		const char	*types;
		const char	*what;
	} steps[] = {
		{ NULL, "DELETE FROM attachments WHERE case_id = ?1 OR "
		  "message_id IN (SELECT id FROM messages WHERE case_id = ?1)",
		  "i", "purge attachments" },
		{ NULL, "UPDATE messages SET dedupe_key = 'purged:' || id, "
		  "source_id = NULL, message_id = NULL, in_reply_to = NULL, "
		  "refs = NULL, from_addr = NULL, from_name = NULL, "
		  "subject = NULL, body = NULL, raw = zeroblob(0), size = 0, "
		  "sha256 = '' WHERE case_id = ?1", "i", "purge messages" },
		{ NULL, "UPDATE outbox SET rcpt = '', subject = NULL, "
		  "raw = zeroblob(0), last_error = NULL, status = CASE WHEN "
		  "status = 'queued' THEN 'dropped' ELSE status END "
		  "WHERE case_id = ?1", "i", "purge outgoing mail" },
		{ NULL, "UPDATE events SET detail = NULL WHERE case_id = ?1",
		  "i", "purge event details" },
		/* Issue 5's tables: the people complained about, and who
		 * was sent reminders and escalations. */
		{ "respondents", "DELETE FROM respondents WHERE case_id = ?1",
		  "i", "purge respondents" },
		{ "deadline_fired", "DELETE FROM deadline_fired WHERE "
		  "case_id = ?1", "i", "purge escalation recipients" },
		/* Issue 16: an outcome letter awaiting approval. */
		{ "drafts", "DELETE FROM drafts WHERE case_id = ?1", "i",
		  "purge draft letters" },
		/* Issue 15: the complainant's sentence goes, the score
		 * stays for the reports. */
		{ "satisfaction", "UPDATE satisfaction SET comment = NULL "
		  "WHERE case_id = ?1", "i", "purge satisfaction comment" },
		{ NULL, "UPDATE cases SET complainant_email = '', "
		  "complainant_name = NULL, subject = NULL, summary = NULL, "
		  "assignee = NULL, "
		  "complainant_address = NULL, complainant_phone = NULL, "
		  "purged_at = ?2, updated_at = ?2 WHERE id = ?1",
		  "ii", "purge case" },
	};
	size_t		i;
	enum kres	r;
	int64_t		have;

	for (i = 0; i < sizeof steps / sizeof steps[0]; i++) {
		/* A table a later migration added may be missing. */
		if (steps[i].table != NULL) {
			if ((r = store_get_int64(st, "read the schema", &have,
			    cause, "SELECT 1 FROM sqlite_master WHERE type = "
			    "'table' AND name = ?1", "t", steps[i].table)) !=
			    KR_OK)
				return r;
			if (!have)
				continue;
		}
		/* now is past types where the step has no ?2: not read. */
		if ((r = store_run(st, steps[i].what, cause, steps[i].sql,
		    steps[i].types, id, now)) != KR_OK)
			return r;
	}
	return store_event_add(st, id, now, "system", "purged", detail,
	    cause);
}

/* Counts with the first statement, then (unless dry_run) runs the
 * others, each with ?1 = before. */
static enum kres
loose(struct store *st, int64_t before, int dry_run, const char *count,
    const char *const *del, int64_t *n, char **cause)
{
	enum kres	r;

	if ((r = store_get_int64(st, "count old messages", n, cause, count,
	    "i", before)) != KR_OK)
		return r;
	for (; !dry_run && *n > 0 && *del != NULL; del++)
		if ((r = store_run(st, "delete old messages", cause, *del, "i",
		    before)) != KR_OK)
			return r;
	return KR_OK;
}

enum kres
store_purge_loose(struct store *st, int64_t before, int dry_run,
    int64_t *messages, int64_t *quarantined, char **cause)
{
	static const char *const del_msgs[] = {
		"DELETE FROM attachments WHERE message_id IN (SELECT id FROM "
		"messages WHERE case_id IS NULL AND received_at < ?1)",
		"DELETE FROM messages WHERE case_id IS NULL AND "
		"received_at < ?1",
		NULL
	};
	static const char *const del_quar[] = {
		"DELETE FROM quarantine WHERE received_at < ?1",
		NULL
	};
	enum kres	r;

	if ((r = loose(st, before, dry_run, "SELECT count(*) FROM messages "
	    "WHERE case_id IS NULL AND received_at < ?1", del_msgs, messages,
	    cause)) != KR_OK)
		return r;
	return loose(st, before, dry_run, "SELECT count(*) FROM quarantine "
	    "WHERE received_at < ?1", del_quar, quarantined, cause);
}

enum kres
store_secure_delete(struct store *st, int on, int *was, char **cause)
{
	int64_t		v;
	enum kres	r;
	int		rc;

	if (was != NULL) {
		r = store_get_int64(st, "secure_delete", &v, cause,
		    "PRAGMA secure_delete", "");
		*was = (int)v;
		if (r != KR_OK)
			return r;
	}
	/* Pragmas cannot be bound; the two texts are fixed. */
	rc = sqlite3_exec(st->db, on ? "PRAGMA secure_delete = ON" :
	    "PRAGMA secure_delete = OFF", NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		return store_fail(st, rc, "secure_delete", cause);
	return KR_OK;
}

enum kres
store_checkpoint(struct store *st, char **cause)
{
	int	rc, nlog = 0, nckpt = 0;

	rc = sqlite3_wal_checkpoint_v2(st->db, NULL,
	    SQLITE_CHECKPOINT_TRUNCATE, &nlog, &nckpt);
	if (rc != SQLITE_OK)
		return store_fail(st, rc, "checkpoint", cause);
	return KR_OK;
}
