/*
 * wake.h -- what wakes the daemon between polls (issue 17).
 *
 * A delivery through the MTA pipe (`klachtd deliver`, another process)
 * sends one datagram to the socket "wake" in the state directory once
 * its message is committed; the daemon's loop sleeps in poll() on that
 * socket, so the acknowledgement the delivery queued goes out at once
 * instead of at the next outbox poll; klachtd-deliver, the lean entry,
 * sends WAKE_SPOOL after it spooled a message (defaults.h), and the
 * daemon takes the spool at once.  A Maildir intake is watched with
 * inotify on its new/ directory.  Both are a shortcut only: the polls
 * stay, so a lost datagram or a watch that cannot be set delays mail by
 * one poll interval and loses nothing.
 */
#ifndef KLACHT_WAKE_H
#define KLACHT_WAKE_H

#define WAKE_SOCKET	"wake"	/* in the state directory */
/* The one byte klachtd-deliver sends after it wrote a message into the
 * spool Maildir (defaults.h): take the spool, not only the outbox.  The
 * empty datagram of `klachtd deliver` means "send what I queued". */
#define WAKE_SPOOL	'S'

/*
 * Binds the wake socket in state_dir (a stale one is replaced) and
 * returns its non-blocking descriptor, or -1 with a cause (the path is
 * too long for a socket, the directory is not writable): then the
 * daemon only polls.
 */
int	wake_listen(const char *state_dir, char **cause);

/* Removes the socket and closes fd (-1: nothing to do). */
void	wake_close(int fd, const char *state_dir);

/*
 * Tells a daemon listening in state_dir that there is work.  Never
 * blocks and never fails: without a listener (the daemon is not running,
 * or only polls) there is nobody to tell.
 */
void	wake_send(const char *state_dir);

/*
 * An inotify descriptor watching dir/new for messages moved or written
 * into it, or -1 with a cause (then the Maildir is only polled).
 */
int	wake_watch_maildir(const char *dir, char **cause);

/* Reads whatever is pending on fd (a wake socket or a watch) without
 * blocking; returns the number of wake-ups read (0: none). */
int	wake_drain(int fd);

/* As wake_drain() for the wake socket; sets *spool to 1 when one of the
 * datagrams read was WAKE_SPOOL (left alone otherwise). */
int	wake_drain_spool(int fd, int *spool);

#endif
