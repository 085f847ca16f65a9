/*
 * fault.h -- fault injection for the crash tests (a test hook).
 *
 * Crash tests must reach their crash point whatever the machine's speed:
 * instead of killing the daemon after a guessed delay, a test arms a named
 * point through the environment and the process signals itself there:
 *
 *	KLACHTD_FAULT=point:N[:action][,point:N[:action]...]
 *
 * Each entry fires once, on the Nth time the process passes its point
 * (N >= 1).  Actions: kill (SIGKILL, the default), stop (SIGSTOP: the
 * test does what it wants with the process frozen there, then sends
 * SIGCONT), term (SIGTERM, as if the service manager stopped it there).
 * The points (see the fault_point() calls in the code):
 *
 *	intake-before-commit	a message's effects written, not committed
 *				(in a batch: not yet released into it)
 *	intake-after-commit	committed, the source not yet told (no IMAP
 *				flag, no Maildir move, no pipe exit); in a
 *				batch (IMAP, Maildir: intake.h) passed for
 *				each message after the batch's COMMIT, just
 *				before that message's source is told
 *	batch-before-commit	a batch's messages all written, the batch's
 *				transaction not committed
 *	batch-after-commit	a batch committed, no message of it moved
 *				(IMAP) or renamed into cur/ (Maildir)
 *	batch-after-move	a batch's messages moved / renamed, the last
 *				IMAP UID not yet recorded
 *	outbox-after-send	the relay accepted a message, not yet
 *				recorded as sent
 *	deadline-case		the deadline scan evaluated a case inside its
 *				batch's transaction
 *	deadline-after-batch	the scan committed a batch
 *	purge-before-commit	a case's personal data removed, not committed
 *	purge-after-commit	a case's purge committed
 *	rest-exec		klachtd about to exec klachtd-rest (rest.h),
 *				TERM, INT and HUP blocked for the exec
 *	rest-back		klachtd-rest about to exec klachtd, the same
 *				signals blocked
 *
 * Compiled in always and inert unless KLACHTD_FAULT is set: the cost of
 * an unarmed point is one test of a static flag.  Not for production use.
 */
#ifndef KLACHT_FAULT_H
#define KLACHT_FAULT_H

/* Counts one pass of the named point; raises the armed signal when an
 * entry of KLACHTD_FAULT for it reaches its count.  With "stop", returns
 * after the process is continued. */
void	fault_point(const char *name);

#endif
