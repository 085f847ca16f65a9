/*
 * store.c -- the core of the store: open, migrate and guard the SQLite
 * database; transactions and savepoints; and the generic helpers every
 * store_<table>.c file builds on (store_run, store_get_int64,
 * store_change_one, the binders and column readers of store_int.h).
 *
 * The schema is a list of migrations applied in order inside one
 * transaction each; PRAGMA user_version records how far a database got, so
 * an old database is upgraded in place by simply starting a newer klachtd.
 * WAL mode lets klachtctl read while the daemon writes.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "log.h"
#include "safefile.h"
#include "store_int.h"
#include "util.h"

static const char *migrations[] = {
	/* 1: the foundation. */
	"CREATE TABLE cases ("
	"  id INTEGER PRIMARY KEY,"
	"  ref TEXT NOT NULL UNIQUE,"
	"  year INTEGER NOT NULL,"
	"  seq INTEGER NOT NULL,"
	"  status TEXT NOT NULL,"
	"  category TEXT,"
	"  priority TEXT NOT NULL DEFAULT 'normal',"
	"  assignee TEXT,"
	"  confidential INTEGER NOT NULL DEFAULT 0,"
	"  complainant_email TEXT NOT NULL,"
	"  complainant_name TEXT,"
	"  subject TEXT,"
	"  language TEXT NOT NULL,"
	"  received_at INTEGER NOT NULL,"
	"  due_at INTEGER NOT NULL,"
	"  extended INTEGER NOT NULL DEFAULT 0,"
	"  judgement TEXT,"
	"  decided_at INTEGER,"
	"  closed_at INTEGER,"
	"  linked_case_id INTEGER REFERENCES cases(id),"
	"  created_at INTEGER NOT NULL,"
	"  updated_at INTEGER NOT NULL,"
	"  UNIQUE (year, seq));"
	"CREATE INDEX cases_status ON cases(status);"
	"CREATE INDEX cases_complainant ON cases(complainant_email);"
	"CREATE TABLE refseq (year INTEGER PRIMARY KEY, last INTEGER NOT NULL);"
	"CREATE TABLE messages ("
	"  id INTEGER PRIMARY KEY,"
	"  case_id INTEGER REFERENCES cases(id),"
	"  dedupe_key TEXT NOT NULL UNIQUE,"
	"  kind TEXT NOT NULL,"
	"  source TEXT NOT NULL,"
	"  source_id TEXT,"
	"  message_id TEXT,"
	"  in_reply_to TEXT,"
	"  refs TEXT,"
	"  from_addr TEXT,"
	"  from_name TEXT,"
	"  subject TEXT,"
	"  body TEXT,"
	"  raw BLOB NOT NULL,"
	"  size INTEGER NOT NULL,"
	"  sha256 TEXT NOT NULL,"
	"  received_at INTEGER NOT NULL);"
	"CREATE INDEX messages_case ON messages(case_id);"
	"CREATE INDEX messages_msgid ON messages(message_id);"
	"CREATE TABLE attachments ("
	"  id INTEGER PRIMARY KEY,"
	"  message_id INTEGER NOT NULL REFERENCES messages(id),"
	"  case_id INTEGER REFERENCES cases(id),"
	"  filename TEXT,"
	"  content_type TEXT,"
	"  size INTEGER NOT NULL,"
	"  sha256 TEXT NOT NULL,"
	"  data BLOB);"
	"CREATE INDEX attachments_case ON attachments(case_id);"
	"CREATE TABLE events ("
	"  id INTEGER PRIMARY KEY,"
	"  case_id INTEGER NOT NULL REFERENCES cases(id),"
	"  at INTEGER NOT NULL,"
	"  actor TEXT NOT NULL,"
	"  kind TEXT NOT NULL,"
	"  detail TEXT);"
	"CREATE INDEX events_case ON events(case_id);"
	"CREATE TABLE outbox ("
	"  id INTEGER PRIMARY KEY,"
	"  case_id INTEGER REFERENCES cases(id),"
	"  kind TEXT NOT NULL,"
	"  mail_from TEXT NOT NULL,"
	"  rcpt TEXT NOT NULL,"
	"  message_id TEXT NOT NULL UNIQUE,"
	"  subject TEXT,"
	"  raw BLOB NOT NULL,"
	"  status TEXT NOT NULL DEFAULT 'queued',"
	"  attempts INTEGER NOT NULL DEFAULT 0,"
	"  next_attempt_at INTEGER NOT NULL,"
	"  last_error TEXT,"
	"  created_at INTEGER NOT NULL,"
	"  sent_at INTEGER);"
	"CREATE INDEX outbox_due ON outbox(status, next_attempt_at);"
	"CREATE INDEX outbox_rcpt ON outbox(rcpt, created_at);"
	"CREATE TABLE quarantine ("
	"  id INTEGER PRIMARY KEY,"
	"  source TEXT NOT NULL,"
	"  source_id TEXT,"
	"  sha256 TEXT NOT NULL UNIQUE,"
	"  reason TEXT NOT NULL,"
	"  raw BLOB NOT NULL,"
	"  size INTEGER NOT NULL,"
	"  received_at INTEGER NOT NULL,"
	"  released_at INTEGER);"
	"CREATE TABLE imap_state ("
	"  mailbox TEXT PRIMARY KEY,"
	"  uidvalidity INTEGER NOT NULL,"
	"  last_uid INTEGER NOT NULL);",
	/* 2: retention (issue 7): when a case's personal data was removed. */
	"ALTER TABLE cases ADD COLUMN purged_at INTEGER;"
	"CREATE INDEX cases_closed ON cases(status, purged_at);",
	/* 3: deadlines and escalation (issue 5, store_deadline.c).
	 * deadline_next is when the deadline scan must look at a case
	 * again: 0 = at once, NULL = never (decided or closed).  The
	 * partial index holds open cases only, so the scan never reads a
	 * closed one; the trigger re-arms a case whenever what the ladder
	 * depends on changes. */
	"ALTER TABLE cases ADD COLUMN deadline_next INTEGER DEFAULT 0;"
	"UPDATE cases SET deadline_next = NULL"
	"  WHERE status IN ('decided', 'closed');"
	"CREATE INDEX cases_deadline ON cases(deadline_next)"
	"  WHERE deadline_next IS NOT NULL;"
	"CREATE TRIGGER cases_deadline_rearm"
	"  AFTER UPDATE OF status, due_at, category, assignee ON cases"
	"  BEGIN UPDATE cases SET deadline_next = CASE WHEN NEW.status IN"
	"  ('decided', 'closed') THEN NULL ELSE 0 END WHERE id = NEW.id; END;"
	"CREATE TABLE deadline_fired ("
	"  id INTEGER PRIMARY KEY,"
	"  case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,"
	"  due_at INTEGER NOT NULL,"
	"  level TEXT NOT NULL,"
	"  rcpt TEXT NOT NULL COLLATE NOCASE,"
	"  fired_at INTEGER NOT NULL,"
	"  UNIQUE (case_id, due_at, level, rcpt));"
	"CREATE TABLE digest_sent ("
	"  rcpt TEXT NOT NULL COLLATE NOCASE,"
	"  week INTEGER NOT NULL,"
	"  sent_at INTEGER NOT NULL,"
	"  PRIMARY KEY (rcpt, week));"
	"CREATE TABLE respondents ("
	"  id INTEGER PRIMARY KEY,"
	"  case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,"
	"  email TEXT NOT NULL COLLATE NOCASE,"
	"  name TEXT,"
	"  added_at INTEGER NOT NULL,"
	"  UNIQUE (case_id, email));"
	"CREATE TABLE deadline_meta ("
	"  key TEXT PRIMARY KEY,"
	"  value TEXT NOT NULL);",
	/* 4: case-insensitive lookups get indexes of their own.  The RFC
	 * 3834 count per recipient, the subject-tag reference lookup and
	 * the AVG export compare with COLLATE NOCASE, which the BINARY
	 * indexes above cannot serve: every incoming message scanned the
	 * whole outbox, raw mail and all, so intake slowed down as the
	 * outbox grew (found by bench/memory.sh: ~250/s at the start,
	 * ~50/s at 20,000 cases). */
	"CREATE INDEX outbox_rcpt_nocase ON outbox(rcpt COLLATE NOCASE,"
	"  created_at);"
	"CREATE INDEX cases_ref_nocase ON cases(ref COLLATE NOCASE);"
	"CREATE INDEX cases_complainant_nocase ON cases(complainant_email"
	"  COLLATE NOCASE);"
	"CREATE INDEX messages_from_nocase ON messages(from_addr COLLATE"
	"  NOCASE);",
	/* Issue 18 (F6, F8): dedupe compares content, not the Message-ID
	 * alone -- content_sha is intake's hash of sender, subject, text
	 * and attachments, NULL for older rows; sender_key is the
	 * complainant's address without +tag, lower-cased, for the
	 * per-sender caps on new cases (NULL for older cases and cases
	 * not opened by mail). */
	"ALTER TABLE messages ADD COLUMN content_sha TEXT;"
	"ALTER TABLE cases ADD COLUMN sender_key TEXT;"
	"CREATE INDEX cases_sender ON cases(sender_key, received_at)"
	"  WHERE sender_key IS NOT NULL;",
	/* Issue 16, letters on paper: a complainant without email
	 * (complainant_email '') is written to by post at
	 * complainant_address (lines separated by LF); the phone number is
	 * for the officer.  outbox.letter marks a letter to the complainant
	 * -- 'mail', or 'post' for the PDF mailed to the post room -- so
	 * `klachtctl letter` finds them whatever the address was; older
	 * mail to the complainant's address is marked 'mail'. */
	"ALTER TABLE cases ADD COLUMN complainant_address TEXT;"
	"ALTER TABLE cases ADD COLUMN complainant_phone TEXT;"
	"ALTER TABLE outbox ADD COLUMN letter TEXT;"
	"UPDATE outbox SET letter = 'mail' WHERE case_id IS NOT NULL AND"
	"  rcpt <> '' AND rcpt = (SELECT c.complainant_email FROM cases c"
	"  WHERE c.id = outbox.case_id) COLLATE NOCASE;"
	"CREATE INDEX outbox_letters ON outbox(case_id, id)"
	"  WHERE letter IS NOT NULL;",
	/* Issue 13, officer absence (store_absence.c): an officer's own
	 * #afwezig / #terug.  until_day is the last day away
	 * (YYYY-MM-DD), NULL after #terug; config_until is the
	 * configured absence (officers[].absent) that #terug ended, which
	 * then no longer counts.  absence_notices: the coordinator was told
	 * of this absence (once each). */
	"CREATE TABLE absences ("
	"  officer TEXT PRIMARY KEY,"
	"  until_day TEXT,"
	"  substitute TEXT,"
	"  config_until TEXT,"
	"  set_at INTEGER NOT NULL,"
	"  set_by TEXT NOT NULL);"
	"CREATE TABLE absence_notices ("
	"  officer TEXT NOT NULL,"
	"  until_day TEXT NOT NULL,"
	"  substitute TEXT NOT NULL,"
	"  sent_at INTEGER NOT NULL,"
	"  PRIMARY KEY (officer, until_day, substitute));",
	/* Issue 13, #zoek and klachtctl list --search (store_search.c):
	 * one FTS5 row per case, rowid = the case's id, with its
	 * reference, the complainant's name and address, the subject and
	 * the text of the mail from outside: the complaint and every
	 * reply (kinds complaint and reply).  Officers' own mail is left
	 * out: it quotes the complaint again and holds their commands, so
	 * a "#zoek piet" would be found by the next search.  Triggers keep
	 * the row in step with every writer -- intake, the commands, the
	 * retention purge (which blanks the columns, and so the index) --
	 * and the INSERT below fills it for the cases already there.  The
	 * text is re-read for the whole case, so a message that moves
	 * between cases or is purged leaves nothing behind. */
	"CREATE VIRTUAL TABLE case_search USING fts5(ref, name, address,"
	"  subject, body, tokenize = 'unicode61 remove_diacritics 2');"
	"CREATE VIEW case_search_text (case_id, body) AS"
	"  SELECT case_id, group_concat(body, char(10)) FROM messages"
	"  WHERE case_id IS NOT NULL AND kind IN ('complaint', 'reply')"
	"  GROUP BY case_id;"
	"INSERT INTO case_search (rowid, ref, name, address, subject, body)"
	"  SELECT c.id, c.ref, c.complainant_name, c.complainant_email,"
	"  c.subject, (SELECT t.body FROM case_search_text t"
	"  WHERE t.case_id = c.id) FROM cases c;"
	"CREATE TRIGGER case_search_case_ins AFTER INSERT ON cases BEGIN"
	"  INSERT INTO case_search (rowid, ref, name, address, subject, body)"
	"  VALUES (NEW.id, NEW.ref, NEW.complainant_name,"
	"  NEW.complainant_email, NEW.subject, NULL); END;"
	"CREATE TRIGGER case_search_case_upd AFTER UPDATE OF ref,"
	"  complainant_name, complainant_email, subject ON cases BEGIN"
	"  UPDATE case_search SET ref = NEW.ref, name = NEW.complainant_name,"
	"  address = NEW.complainant_email, subject = NEW.subject"
	"  WHERE rowid = NEW.id; END;"
	"CREATE TRIGGER case_search_case_del AFTER DELETE ON cases BEGIN"
	"  DELETE FROM case_search WHERE rowid = OLD.id; END;"
	"CREATE TRIGGER case_search_msg_ins AFTER INSERT ON messages"
	"  WHEN NEW.case_id IS NOT NULL AND NEW.kind IN ('complaint', 'reply')"
	"  BEGIN UPDATE case_search SET body = (SELECT t.body FROM"
	"  case_search_text t WHERE t.case_id = NEW.case_id)"
	"  WHERE rowid = NEW.case_id; END;"
	"CREATE TRIGGER case_search_msg_upd AFTER UPDATE OF body, case_id,"
	"  kind ON messages BEGIN"
	"  UPDATE case_search SET body = (SELECT t.body FROM"
	"  case_search_text t WHERE t.case_id = OLD.case_id)"
	"  WHERE OLD.case_id IS NOT NULL AND rowid = OLD.case_id;"
	"  UPDATE case_search SET body = (SELECT t.body FROM"
	"  case_search_text t WHERE t.case_id = NEW.case_id)"
	"  WHERE NEW.case_id IS NOT NULL AND rowid = NEW.case_id; END;"
	"CREATE TRIGGER case_search_msg_del AFTER DELETE ON messages"
	"  WHEN OLD.case_id IS NOT NULL BEGIN"
	"  UPDATE case_search SET body = (SELECT t.body FROM"
	"  case_search_text t WHERE t.case_id = OLD.case_id)"
	"  WHERE rowid = OLD.case_id; END;",
	/* Issue 14, corrections: links between cases (store_link.c).
	 * kind 'link' (#link) is shown on both cases whichever is a;
	 * 'merged' says case a was merged into case b (#merge). */
	"CREATE TABLE case_links ("
	"  a INTEGER NOT NULL REFERENCES cases(id),"
	"  b INTEGER NOT NULL REFERENCES cases(id),"
	"  kind TEXT NOT NULL,"
	"  actor TEXT NOT NULL,"
	"  created_at INTEGER NOT NULL,"
	"  UNIQUE (a, b, kind));"
	"CREATE INDEX case_links_b ON case_links(b);",
	/* Issue 14, other channels: how the complaint came in -- 'email'
	 * (intake), or registered by an officer from 'telefoon', 'balie',
	 * 'brief' or 'webformulier' (register.c).  Every case so far came
	 * by mail. */
	"ALTER TABLE cases ADD COLUMN channel TEXT NOT NULL DEFAULT 'email';",
	/* Issue 14, roles: each message is filed under its sender's role
	 * on the case (role.h: complainant, respondent, contact, officer,
	 * other); older rows get what can be told from them.
	 * case_addresses holds further addresses of the complainant. */
	"ALTER TABLE messages ADD COLUMN role TEXT;"
	"UPDATE messages SET role = CASE"
	"  WHEN kind = 'officer' THEN 'officer'"
	"  WHEN kind IN ('complaint', 'reply') AND lower(from_addr) ="
	"  (SELECT lower(c.complainant_email) FROM cases c"
	"  WHERE c.id = messages.case_id) THEN 'complainant' END"
	"  WHERE case_id IS NOT NULL;"
	"CREATE TABLE case_addresses ("
	"  id INTEGER PRIMARY KEY,"
	"  case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,"
	"  email TEXT NOT NULL COLLATE NOCASE,"
	"  name TEXT,"
	"  added_at INTEGER NOT NULL,"
	"  UNIQUE (case_id, email));",
	/* Issue 16, #omschrijving: the complaint in the organisation's
	 * words, which letters name instead of the complainant's subject
	 * (NULL: the cleaned subject). */
	"ALTER TABLE cases ADD COLUMN summary TEXT;",
	/* Issue 16, four-eyes approval: an outcome letter (#close) of a
	 * category with approvers waits here, as the officer's judgement
	 * and text, until an approver's #approve sends it or #reject
	 * returns it; at most one per case. */
	"CREATE TABLE drafts ("
	"  id INTEGER PRIMARY KEY,"
	"  case_id INTEGER NOT NULL UNIQUE REFERENCES cases(id),"
	"  author TEXT NOT NULL,"
	"  judgement TEXT NOT NULL,"
	"  text TEXT NOT NULL,"
	"  created_at INTEGER NOT NULL);",
	/* Issue 15, classification for learning: the department a
	 * complaint is about and its cause (configured ids, cfg_class.c),
	 * and any number of free labels per case (#label). */
	"ALTER TABLE cases ADD COLUMN department TEXT;"
	"ALTER TABLE cases ADD COLUMN cause TEXT;"
	"CREATE TABLE case_labels ("
	"  case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,"
	"  label TEXT NOT NULL,"
	"  added_at INTEGER NOT NULL,"
	"  PRIMARY KEY (case_id, label));",
	/* Issue 15, improvement measures (store_measure.c): a measure has
	 * its own reference M-YYYY-NNNN, an owner (an officer id), a due
	 * day (YYYY-MM-DD, and its local midnight in due_at), and is open
	 * until #gereed records done_at and done_text.  reminded_at and
	 * escalated_at say the scan's reminder before the date and its
	 * escalation after it went out (each once).  measure_cases links
	 * a measure to the cases it came from. */
	"CREATE TABLE measures ("
	"  id INTEGER PRIMARY KEY,"
	"  ref TEXT NOT NULL UNIQUE,"
	"  owner TEXT NOT NULL,"
	"  due TEXT NOT NULL,"
	"  due_at INTEGER NOT NULL,"
	"  text TEXT NOT NULL,"
	"  status TEXT NOT NULL DEFAULT 'open',"
	"  created INTEGER NOT NULL,"
	"  created_by TEXT NOT NULL,"
	"  done_at INTEGER,"
	"  done_text TEXT,"
	"  done_by TEXT,"
	"  reminded_at INTEGER,"
	"  escalated_at INTEGER);"
	"CREATE TABLE measure_cases ("
	"  measure_id INTEGER NOT NULL REFERENCES measures(id),"
	"  case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,"
	"  linked_at INTEGER NOT NULL,"
	"  linked_by TEXT NOT NULL,"
	"  PRIMARY KEY (measure_id, case_id));"
	"CREATE INDEX measure_cases_case ON measure_cases(case_id);",
	/* Issue 15, satisfaction: the one question a closed case's
	 * complainant is asked (satisfy.h), claimed here in the same
	 * transaction as the mail, and the first answer to it (score 1-5
	 * and the sentence after it); answers counts every answer. */
	"CREATE TABLE satisfaction ("
	"  case_id INTEGER PRIMARY KEY REFERENCES cases(id),"
	"  asked_at INTEGER NOT NULL,"
	"  score INTEGER CHECK (score BETWEEN 1 AND 5),"
	"  comment TEXT,"
	"  answered_at INTEGER,"
	"  answers INTEGER NOT NULL DEFAULT 0);"
	"CREATE INDEX cases_closed_at ON cases(closed_at)"
	"  WHERE status = 'closed';",
	/* Issue 15, #forward: the kind of request a case forwarded to
	 * another desk was (bezwaar, woo, melding, schade, overig), for the
	 * reports' count per kind; NULL on every other case. */
	"ALTER TABLE cases ADD COLUMN forwarded_kind TEXT;",
	/* Issues 14, 15: the ends besides decided and closed -- merged,
	 * void, forwarded, resolved informally -- leave the deadline scan
	 * too: no reminder or escalation on a case that is over (a
	 * resolved case the complainant reopens is re-armed by the move
	 * back to in_progress). */
	"DROP TRIGGER cases_deadline_rearm;"
	"CREATE TRIGGER cases_deadline_rearm"
	"  AFTER UPDATE OF status, due_at, category, assignee ON cases"
	"  BEGIN UPDATE cases SET deadline_next = CASE WHEN NEW.status IN"
	"  ('decided', 'closed', 'merged', 'void', 'forwarded', 'resolved')"
	"  THEN NULL ELSE 0 END WHERE id = NEW.id; END;"
	"UPDATE cases SET deadline_next = NULL WHERE status IN"
	"  ('merged', 'void', 'forwarded', 'resolved');",
	/* Issue 17, speed: the triggers no longer write case_search
	 * themselves -- FTS5 flushes its pending terms at every statement
	 * savepoint, a quarter of a million instructions per mail at
	 * intake -- but only note the case in case_search_dirty.
	 * store_search_flush() re-indexes the noted cases once, in the
	 * same transaction, just before every COMMIT of the store (a
	 * whole intake batch at once), so a crash can never leave the
	 * index behind the cases; a write outside a transaction is
	 * indexed before the next search and at every open. */
	"CREATE TABLE case_search_dirty (case_id INTEGER PRIMARY KEY);"
	"DROP TRIGGER case_search_case_ins;"
	"DROP TRIGGER case_search_case_upd;"
	"DROP TRIGGER case_search_case_del;"
	"DROP TRIGGER case_search_msg_ins;"
	"DROP TRIGGER case_search_msg_upd;"
	"DROP TRIGGER case_search_msg_del;"
	"CREATE TRIGGER case_search_case_ins AFTER INSERT ON cases BEGIN"
	"  INSERT OR IGNORE INTO case_search_dirty VALUES (NEW.id); END;"
	"CREATE TRIGGER case_search_case_upd AFTER UPDATE OF ref,"
	"  complainant_name, complainant_email, subject ON cases BEGIN"
	"  INSERT OR IGNORE INTO case_search_dirty VALUES (NEW.id); END;"
	"CREATE TRIGGER case_search_case_del AFTER DELETE ON cases BEGIN"
	"  INSERT OR IGNORE INTO case_search_dirty VALUES (OLD.id); END;"
	"CREATE TRIGGER case_search_msg_ins AFTER INSERT ON messages"
	"  WHEN NEW.case_id IS NOT NULL AND NEW.kind IN ('complaint', 'reply')"
	"  BEGIN INSERT OR IGNORE INTO case_search_dirty"
	"  VALUES (NEW.case_id); END;"
	"CREATE TRIGGER case_search_msg_upd AFTER UPDATE OF body, case_id,"
	"  kind ON messages BEGIN"
	"  INSERT OR IGNORE INTO case_search_dirty SELECT OLD.case_id"
	"  WHERE OLD.case_id IS NOT NULL;"
	"  INSERT OR IGNORE INTO case_search_dirty SELECT NEW.case_id"
	"  WHERE NEW.case_id IS NOT NULL; END;"
	"CREATE TRIGGER case_search_msg_del AFTER DELETE ON messages"
	"  WHEN OLD.case_id IS NOT NULL BEGIN"
	"  INSERT OR IGNORE INTO case_search_dirty VALUES (OLD.case_id);"
	"  END;",
};

enum kres
store_kres(int rc)
{
	switch (rc & 0xff) {
	case SQLITE_OK:
	case SQLITE_DONE:
	case SQLITE_ROW:
		return KR_OK;
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
	case SQLITE_FULL:
	case SQLITE_IOERR:
	case SQLITE_CANTOPEN:
	case SQLITE_NOMEM:
	case SQLITE_PROTOCOL:
	case SQLITE_READONLY:
	case SQLITE_INTERRUPT:
		return KR_TEMP;
	case SQLITE_CONSTRAINT:
		return KR_DUP;
	default:
		return KR_PERM;
	}
}

enum kres
store_fail(struct store *st, int rc, const char *what, char **cause)
{
	set_cause(cause, "database %s: %s: %s", st->path, what,
	    st->db ? sqlite3_errmsg(st->db) : sqlite3_errstr(rc));
	return store_kres(rc);
}

char *
store_col_strdup(sqlite3_stmt *stmt, int col)
{
	const unsigned char *s = sqlite3_column_text(stmt, col);

	return s != NULL ? xstrdup((const char *)s) : NULL;
}

const char *
store_col_text(sqlite3_stmt *stmt, int col)
{
	return (const char *)sqlite3_column_text(stmt, col);
}

/* Binds the arguments in ap to ?1..?n as types (checked by the caller)
 * says, see store_int.h; the first failure's SQLite code or SQLITE_OK. */
static int
store_bindv(sqlite3_stmt *s, const char *types, va_list ap)
{
	const void	*p;
	int64_t		 v;
	int		 i, rc = SQLITE_OK;

	for (i = 1; types[i - 1] != '\0' && rc == SQLITE_OK; i++) {
		switch (types[i - 1]) {
		case 't':
			p = va_arg(ap, const char *);
			rc = p == NULL ? sqlite3_bind_null(s, i) :
			    sqlite3_bind_text(s, i, p, -1, SQLITE_TRANSIENT);
			break;
		case 'i':
		case 'r':
			v = va_arg(ap, int64_t);
			rc = v == 0 && types[i - 1] == 'r' ?
			    sqlite3_bind_null(s, i) :
			    sqlite3_bind_int64(s, i, v);
			break;
		case 'b':
			p = va_arg(ap, const void *);
			rc = sqlite3_bind_blob64(s, i, p, va_arg(ap, size_t),
			    SQLITE_STATIC);
			break;
		case 'n':
			rc = sqlite3_bind_null(s, i);
			break;
		}
	}
	return rc;
}

/* Prepares sql (or takes its kept statement, store_stmt.c) and binds
 * the arguments in ap as types says; *out gets the statement (NULL on
 * failure, with cause), which goes back with store_stmt_put(). */
static enum kres
store_start(struct store *st, const char *what, char **cause,
    sqlite3_stmt **out, const char *sql, const char *types, va_list ap)
{
	sqlite3_stmt	*s;
	enum kres	 r;
	size_t		 n = strlen(types);
	int		 rc;

	if ((r = store_stmt_get(st, sql, out, cause)) != KR_OK)
		return r;
	s = *out;
	*out = NULL;
	/* A types string that does not fit sql is a bug in the caller. */
	if (strspn(types, "tirbn") != n ||
	    n != (size_t)sqlite3_bind_parameter_count(s)) {
		set_cause(cause, "database %s: %s: types \"%s\" for %d "
		    "parameters", st->path, what, types,
		    sqlite3_bind_parameter_count(s));
		store_stmt_put(st, s);
		return KR_PERM;
	}
	if ((rc = store_bindv(s, types, ap)) != SQLITE_OK) {
		r = store_fail(st, rc, what, cause);
		store_stmt_put(st, s);
		return r;
	}
	*out = s;
	return KR_OK;
}

/* Prepares, binds, steps once and finalizes.  Without out the statement
 * must return no row; with out, the first column of a row goes to *out
 * (which the caller set to 0 for no row). */
static enum kres
store_once(struct store *st, const char *what, char **cause, int64_t *out,
    const char *sql, const char *types, va_list ap)
{
	sqlite3_stmt	*s;
	enum kres	 r;
	int		 rc;

	if ((r = store_start(st, what, cause, &s, sql, types, ap)) != KR_OK)
		return r;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW && out != NULL)
		*out = sqlite3_column_int64(s, 0);
	store_stmt_put(st, s);
	if (rc != SQLITE_DONE && (rc != SQLITE_ROW || out == NULL))
		return store_fail(st, rc, what, cause);
	return KR_OK;
}

enum kres
store_run(struct store *st, const char *what, char **cause, const char *sql,
    const char *types, ...)
{
	va_list		ap;
	enum kres	r;

	va_start(ap, types);
	r = store_once(st, what, cause, NULL, sql, types, ap);
	va_end(ap);
	return r;
}

enum kres
store_get_int64(struct store *st, const char *what, int64_t *out,
    char **cause, const char *sql, const char *types, ...)
{
	va_list		ap;
	enum kres	r;

	*out = 0;
	va_start(ap, types);
	r = store_once(st, what, cause, out, sql, types, ap);
	va_end(ap);
	return r;
}

enum kres
store_rows(struct store *st, const char *what, char **cause,
    int (*row)(sqlite3_stmt *, void *), void *arg, const char *sql,
    const char *types, ...)
{
	sqlite3_stmt	*s;
	va_list		 ap;
	enum kres	 r;
	int		 rc, stop = 0;

	va_start(ap, types);
	r = store_start(st, what, cause, &s, sql, types, ap);
	va_end(ap);
	if (r != KR_OK)
		return r;
	while (!stop && (rc = sqlite3_step(s)) == SQLITE_ROW)
		stop = row(s, arg);
	store_stmt_put(st, s);
	if (!stop && rc != SQLITE_DONE)
		return store_fail(st, rc, what, cause);
	return KR_OK;
}

enum kres
store_change_one(struct store *st, const char *sql, int64_t id, int64_t now,
    const char *what, const char *none, char **cause)
{
	enum kres	r;

	/* now is an argument past types when sql has no ?2: never read. */
	if ((r = store_run(st, what, cause, sql, now >= 0 ? "ii" : "i", id,
	    now)) != KR_OK)
		return r;
	if (sqlite3_changes(st->db) == 0) {
		set_cause(cause, "%s %lld", none, (long long)id);
		return KR_INVALID;
	}
	return KR_OK;
}

static enum kres
store_exec(struct store *st, const char *sql, char **cause)
{
	int	rc = sqlite3_exec(st->db, sql, NULL, NULL, NULL);

	if (rc != SQLITE_OK)
		return store_fail(st, rc, "exec", cause);
	return KR_OK;
}

int
store_schema_version(struct store *st)
{
	int64_t	v;

	if (store_get_int64(st, "read schema version", &v, NULL,
	    "PRAGMA user_version", "") != KR_OK)
		return -1;
	return (int)v;
}

static enum kres
store_migrate(struct store *st, char **cause)
{
	int		 have, want = (int)(sizeof migrations /
			    sizeof migrations[0]);
	enum kres	 r;
	char		*sql;

	/* Up to date (nearly always): no write lock is needed, so opening
	 * works while another process holds it -- a backup, a long purge. */
	if (store_schema_version(st) == want)
		return KR_OK;
	if ((r = store_begin(st, cause)) != KR_OK)
		return r;
	have = store_schema_version(st);
	if (have < 0) {
		store_rollback(st);
		return store_fail(st, SQLITE_ERROR, "read schema version",
		    cause);
	}
	if (have > want) {
		store_rollback(st);
		set_cause(cause, "database %s has schema %d, newer than this "
		    "klachtd knows (%d): upgrade klachtd", st->path, have,
		    want);
		return KR_PERM;
	}
	for (; have < want; have++) {
		if ((r = store_exec(st, migrations[have], cause)) != KR_OK) {
			store_rollback(st);
			return r;
		}
		sql = xasprintf("PRAGMA user_version = %d", have + 1);
		r = store_exec(st, sql, cause);
		free(sql);
		if (r != KR_OK) {
			store_rollback(st);
			return r;
		}
	}
	return store_commit(st, cause);
}

/*
 * Personal data must not be readable by other accounts: a state
 * directory or database left 0755/0644 (an old install, a restore with
 * cp, a umask) is made 0700/0600 when it is ours, with a warning that
 * says so, and warned about when it is not ours to change.  Files are
 * reached through the directory's descriptor, never through a link.
 */
static void
guard_one(int fd, const char *what, const char *name, mode_t want)
{
	struct stat	sb;

	if (fstat(fd, &sb) == -1 || (sb.st_mode & 077) == 0)
		return;
	if (sb.st_uid == geteuid() && fchmod(fd, want) == 0)
		log_warn("%s %s was mode %04o, open to other accounts: set "
		    "to %04o", what, name, (unsigned)(sb.st_mode & 07777),
		    (unsigned)want);
	else
		log_warn("%s %s is mode %04o, open to other accounts, and "
		    "cannot be repaired by uid %lu (owner uid %lu): run chmod "
		    "%o on it", what, name, (unsigned)(sb.st_mode & 07777),
		    (unsigned long)geteuid(), (unsigned long)sb.st_uid,
		    (unsigned)want);
}

static void
guard_modes(const char *path)
{
	static const char *const sfx[] = { "", "-wal", "-shm" };
	char		*dir = NULL, *base = NULL, *name;
	size_t		 i;
	int		 dfd, fd;

	if (safe_split(path, &dir, &base, NULL) == -1)
		return;
	if ((dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) != -1) {
		guard_one(dfd, "state directory", dir, 0700);
		for (i = 0; i < sizeof sfx / sizeof sfx[0]; i++) {
			name = xasprintf("%s%s", base, sfx[i]);
			fd = openat(dfd, name, O_RDONLY | O_NOFOLLOW |
			    O_NONBLOCK | O_CLOEXEC);
			if (fd != -1) {
				char *full = xasprintf("%s/%s", dir, name);

				guard_one(fd, "database file", full, 0600);
				free(full);
				close(fd);
			}
			free(name);
		}
		close(dfd);
	}
	free(dir);
	free(base);
}

struct store *
store_open(const char *path, int busy_ms, char **cause)
{
	struct store	*st;
	int		 rc, fd;
	char		*why = NULL;
	enum kres	 r;

	/* Create the file ourselves so it is 0600 from the first byte. */
	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (fd == -1) {
		set_cause(cause, "database %s: %s", path, strerror(errno));
		return NULL;
	}
	close(fd);
	guard_modes(path);

	st = xcalloc(1, sizeof *st);
	st->path = xstrdup(path);
	rc = sqlite3_open_v2(path, &st->db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		store_fail(st, rc, "open", cause);
		store_close(st);
		return NULL;
	}
	sqlite3_extended_result_codes(st->db, 1);
	sqlite3_busy_timeout(st->db, busy_ms);
	if ((r = store_exec(st, "PRAGMA journal_mode = WAL", &why)) != KR_OK ||
	    (r = store_exec(st, "PRAGMA synchronous = FULL", &why)) != KR_OK ||
	    (r = store_exec(st, "PRAGMA foreign_keys = ON", &why)) != KR_OK ||
	    /*
	     * Intake takes each message of a batch in a savepoint; beyond
	     * 64 KiB SQLite spills that savepoint's journal to a file in
	     * /var/tmp, two writes per page (issue 17: 69 pwrite calls a
	     * message).  Kept in memory, it costs none.
	     */
	    (r = store_exec(st, "PRAGMA temp_store = MEMORY", &why)) != KR_OK ||
	    (r = store_search_check(st, &why)) != KR_OK ||
	    (r = store_migrate(st, &why)) != KR_OK ||
	    (r = store_search_fill(st, &why)) != KR_OK) {
		set_cause(cause, "%s", why);
		free(why);
		store_close(st);
		/* Remember the kind for callers that ask: errno-like. */
		errno = r == KR_TEMP ? EAGAIN : EINVAL;
		return NULL;
	}
	return st;
}

void
store_close(struct store *st)
{
	if (st == NULL)
		return;
	st->batch = 0;		/* the whole transaction, batch or not */
	if (st->in_tx)
		store_rollback(st);
	store_stmt_clear(st);
	sqlite3_close_v2(st->db);
	free(st->path);
	free(st);
}

void
store_shrink(struct store *st)
{
	char *why = NULL;

	/* Best effort: failing to shrink costs memory, never data. */
	if (st != NULL && store_exec(st, "PRAGMA shrink_memory", &why) !=
	    KR_OK)
		free(why);
}

/* The savepoint one message takes inside a batch (store_batch_begin). */
#define BATCH_MSG	"batch_msg"

static enum kres savepoint_exec(struct store *, const char *, const char *,
		    char **);

enum kres
store_begin(struct store *st, char **cause)
{
	enum kres r;

	if (st->batch) {
		/* SQLite may have ended the batch's transaction on an
		 * error (SQLITE_FULL, IOERR): nothing may go on in it. */
		if (st->batch_lost || sqlite3_get_autocommit(st->db)) {
			st->batch_lost = 1;
			set_cause(cause, "the batch's transaction was rolled "
			    "back after an error");
			return KR_TEMP;
		}
		return savepoint_exec(st, "SAVEPOINT", BATCH_MSG, cause);
	}
	if ((r = store_exec(st, "BEGIN IMMEDIATE", cause)) == KR_OK)
		st->in_tx = 1;
	return r;
}

enum kres
store_commit(struct store *st, char **cause)
{
	enum kres r;

	if (st->batch) {
		/* Released into the batch; durable at store_batch_commit. */
		if ((r = savepoint_exec(st, "RELEASE", BATCH_MSG, cause)) !=
		    KR_OK)
			store_rollback(st);
		return r;
	}
	/* The search index of the cases this transaction wrote, in the
	 * same transaction: it commits with them or not at all. */
	if ((r = store_search_flush(st, cause)) == KR_OK)
		r = store_exec(st, "COMMIT", cause);
	/* A failed COMMIT leaves the transaction open: roll it back. */
	if (r != KR_OK)
		store_rollback(st);
	st->in_tx = 0;
	return r;
}

void
store_rollback(struct store *st)
{
	if (st->batch) {
		/* Only this message's savepoint; the batch goes on -- unless
		 * SQLite already ended the transaction. */
		if (sqlite3_get_autocommit(st->db))
			st->batch_lost = 1;
		else if (sqlite3_exec(st->db, "ROLLBACK TO " BATCH_MSG, NULL,
		    NULL, NULL) == SQLITE_OK)
			(void)sqlite3_exec(st->db, "RELEASE " BATCH_MSG, NULL,
			    NULL, NULL);
		return;
	}
	if (sqlite3_get_autocommit(st->db) == 0)
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	st->in_tx = 0;
}

enum kres
store_batch_begin(struct store *st, char **cause)
{
	enum kres r;

	if ((r = store_begin(st, cause)) != KR_OK)
		return r;
	st->batch = 1;
	st->batch_lost = 0;
	return KR_OK;
}

enum kres
store_batch_commit(struct store *st, char **cause)
{
	int lost = st->batch_lost || sqlite3_get_autocommit(st->db);

	st->batch = 0;
	st->batch_lost = 0;
	if (lost) {
		store_rollback(st);
		set_cause(cause, "the batch's transaction was rolled back "
		    "after an error: nothing of it committed");
		return KR_TEMP;
	}
	return store_commit(st, cause);
}

void
store_batch_rollback(struct store *st)
{
	st->batch = 0;
	st->batch_lost = 0;
	store_rollback(st);
}

int
store_batched(struct store *st)
{
	return st->batch;
}

/* SAVEPOINT, RELEASE or ROLLBACK TO; names are ours, never from mail. */
static enum kres
savepoint_exec(struct store *st, const char *verb, const char *name,
    char **cause)
{
	char	*sql;
	int	 rc;

	if (name == NULL || *name == '\0' ||
	    strspn(name, "abcdefghijklmnopqrstuvwxyz_") != strlen(name)) {
		set_cause(cause, "bad savepoint name");
		return KR_INVALID;
	}
	sql = xasprintf("%s %s", verb, name);
	rc = sqlite3_exec(st->db, sql, NULL, NULL, NULL);
	free(sql);
	if (rc != SQLITE_OK)
		return store_fail(st, rc, verb, cause);
	return KR_OK;
}

enum kres
store_savepoint(struct store *st, const char *name, char **cause)
{
	return savepoint_exec(st, "SAVEPOINT", name, cause);
}

enum kres
store_release(struct store *st, const char *name, char **cause)
{
	return savepoint_exec(st, "RELEASE", name, cause);
}

enum kres
store_rollback_to(struct store *st, const char *name, char **cause)
{
	enum kres	r;

	if ((r = savepoint_exec(st, "ROLLBACK TO", name, cause)) != KR_OK)
		return r;
	return savepoint_exec(st, "RELEASE", name, cause);
}
