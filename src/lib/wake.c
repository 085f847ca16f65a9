/*
 * wake.c -- what wakes the daemon between polls (see wake.h).
 *
 * The socket is a datagram socket: a delivery's wake-up is one empty
 * datagram, sent without blocking; when the daemon is slow to read, the
 * queue fills and further datagrams are dropped, which is right: one
 * pending wake-up says all there is to say.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "util.h"
#include "wake.h"

/* The socket's address; -1 when state_dir/wake does not fit. */
static int
wake_addr(const char *state_dir, struct sockaddr_un *sun, char **cause)
{
	int	n;

	memset(sun, 0, sizeof *sun);
	sun->sun_family = AF_UNIX;
	n = snprintf(sun->sun_path, sizeof sun->sun_path, "%s/%s", state_dir,
	    WAKE_SOCKET);
	if (n < 0 || (size_t)n >= sizeof sun->sun_path) {
		set_cause(cause, "%s/%s: path too long for a socket (%zu "
		    "bytes at most)", state_dir, WAKE_SOCKET,
		    sizeof sun->sun_path - 1);
		return -1;
	}
	return 0;
}

int
wake_listen(const char *state_dir, char **cause)
{
	struct sockaddr_un	sun;
	int			fd;

	if (wake_addr(state_dir, &sun, cause) == -1)
		return -1;
	fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd == -1) {
		set_cause(cause, "wake socket: %s", strerror(errno));
		return -1;
	}
	/* A socket left by a daemon that was killed: ours now.  Only one
	 * daemon runs per state directory (the database says so). */
	if (unlink(sun.sun_path) == -1 && errno != ENOENT) {
		set_cause(cause, "%s: %s", sun.sun_path, strerror(errno));
		close(fd);
		return -1;
	}
	if (bind(fd, (struct sockaddr *)&sun, sizeof sun) == -1) {
		set_cause(cause, "%s: %s", sun.sun_path, strerror(errno));
		close(fd);
		return -1;
	}
	return fd;
}

void
wake_close(int fd, const char *state_dir)
{
	struct sockaddr_un	sun;

	if (fd == -1)
		return;
	close(fd);
	if (wake_addr(state_dir, &sun, NULL) == 0)
		unlink(sun.sun_path);
}

void
wake_send(const char *state_dir)
{
	struct sockaddr_un	sun;
	int			fd, saved = errno;

	if (wake_addr(state_dir, &sun, NULL) == -1)
		return;
	fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd == -1)
		return;
	/* ENOENT, ECONNREFUSED: no daemon; EAGAIN: it has one pending. */
	(void)sendto(fd, "", 0, MSG_DONTWAIT, (struct sockaddr *)&sun,
	    sizeof sun);
	close(fd);
	errno = saved;
}

int
wake_watch_maildir(const char *dir, char **cause)
{
	char	*new;
	int	 fd;

	fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	if (fd == -1) {
		set_cause(cause, "inotify: %s", strerror(errno));
		return -1;
	}
	new = xasprintf("%s/new", dir);
	/* An MTA writes into tmp/ and renames into new/; a copy by hand
	 * is a write closed in new/. */
	if (inotify_add_watch(fd, new, IN_MOVED_TO | IN_CLOSE_WRITE) == -1) {
		set_cause(cause, "inotify on %s: %s", new, strerror(errno));
		free(new);
		close(fd);
		return -1;
	}
	free(new);
	return fd;
}

int
wake_drain(int fd)
{
	char	buf[4096]
	    __attribute__((aligned(__alignof__(struct inotify_event))));
	ssize_t	n;
	int	count = 0;

	if (fd == -1)
		return 0;
	/* read() takes one datagram or a batch of inotify events. */
	while ((n = read(fd, buf, sizeof buf)) >= 0 || errno == EINTR)
		if (n >= 0)
			count++;
	return count;
}

int
wake_drain_spool(int fd, int *spool)
{
	char	buf[16];
	ssize_t	n;
	int	count = 0;

	if (fd == -1)
		return 0;
	while ((n = recv(fd, buf, sizeof buf, MSG_DONTWAIT)) >= 0 ||
	    errno == EINTR) {
		if (n < 0)
			continue;
		count++;
		if (n >= 1 && buf[0] == WAKE_SPOOL)
			*spool = 1;
	}
	return count;
}
