/*
 * rest.h -- the daemon at rest (issue 17): how klachtd and klachtd-rest
 * hand over to each other.
 *
 * A complaint desk is quiet most of the time, and the full daemon holds
 * some 20 MB of mapped libraries (GMime, libcurl and its TLS stacks,
 * libxml2 with ICU, Pango) while it waits.  So when nothing has been done
 * for daemon.rest_after seconds, and nothing it waits for needs a
 * connection of its own (an IMAP intake does), klachtd execs the small
 * klachtd-rest in its own process: same PID, so systemd, the pidfile-less
 * unit, signals and the journal see one daemon throughout.  klachtd-rest
 * links libc and libsystemd only; it waits on the descriptors klachtd
 * left open (the wake socket, the Maildir watch), a timer (the next
 * deadline scan, retention run or outbox retry) and the signals, and
 * execs klachtd again when one of them fires.  The configuration in
 * force travels with it in a memory file, so an edited file takes effect
 * only on SIGHUP, as when the daemon never rests.
 *
 * klachtd -> klachtd-rest:
 *	klachtd-rest REST_OPT_KLACHTD path-of-klachtd
 *	    --state-dir dir --seconds n [--wake-fd n] [--watch-fd n]
 *	    [--conf-fd n] [--watchdog-ms n] [--retention t] [--syslog]
 *	    [--verbose] -- argv[1..] of klachtd
 * klachtd-rest -> klachtd:
 *	klachtd --resume=why:W,wake:N,watch:N,conf:N,retention:T argv[1..]
 * where W is mail (a descriptor is readable), timer or hup, a missing
 * conf means the built-in defaults, and T is when the daily retention
 * run is due (seconds since the epoch).  Both sides block TERM, INT and
 * HUP across the exec, so a signal sent meanwhile waits for the other
 * side's handlers instead of killing the daemon.
 */
#ifndef KLACHT_REST_H
#define KLACHT_REST_H

#define REST_PROGRAM	"klachtd-rest"
#define REST_OPT_KLACHTD "--klachtd"
#define REST_RESUME	"--resume="	/* argv[1] of a resumed klachtd */
#define REST_MAX_S	3600	/* longest rest without a look */

/* Blocks (1) or unblocks (0) TERM, INT and HUP: blocked across the
 * exec either way, so that one sent meanwhile stays pending for the
 * other side's handlers. */
void	rest_signals_block(int block);

#endif
