/*
 * secret.c -- every read of a secret (see secret.h): password and token
 * files, the OAuth2 token command, ${CREDENTIALS_DIRECTORY} paths and the
 * reply-token key file.
 *
 * Secrets are read into one buffer of a fixed size (no stack chunks, no
 * realloc leaving copies behind), and every buffer that held one is wiped
 * before it is freed, on the error paths too.  Causes name the file and
 * what is wrong with it, never its content.
 */
#include "config.h"

#include <sys/types.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "log.h"
#include "secret.h"
#include "util.h"

extern char **environ;

void
secret_wipe_free(void *p, size_t len)
{
	if (p == NULL)
		return;
	explicit_bzero(p, len);
	free(p);
}

void
secret_free(char *s)
{
	if (s != NULL)
		secret_wipe_free(s, strlen(s));
}

char *
secret_path(const char *value)
{
	const char	*dir = getenv("CREDENTIALS_DIRECTORY");
	size_t		 n = strlen(SECRET_CREDENTIALS_VAR);

	if (value == NULL)
		return NULL;
	if (dir == NULL || *dir == '\0' ||
	    strncmp(value, SECRET_CREDENTIALS_VAR, n) != 0)
		return xstrdup(value);
	return xasprintf("%s%s", dir, value + n);
}

/* ---------------------------------------------------------------- files */

/*
 * The whole file (at most SECRET_MAX bytes), NUL-terminated, in one
 * buffer of SECRET_MAX + 1 bytes; *len gets its length.
 */
static char *
read_whole(const char *path, size_t *len, char **cause)
{
	char	*data;
	size_t	 got = 0;
	ssize_t	 n;
	int	 fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		set_cause(cause, "%s: %s", path, strerror(errno));
		return NULL;
	}
	data = xmalloc(SECRET_MAX + 1);
	while (got <= SECRET_MAX) {
		n = read(fd, data + got, SECRET_MAX + 1 - got);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			set_cause(cause, "%s: read: %s", path, strerror(errno));
			goto fail;
		}
		if (n == 0)
			break;
		got += (size_t)n;
	}
	if (got > SECRET_MAX) {
		set_cause(cause, "%s: input larger than %d bytes", path,
		    SECRET_MAX);
		goto fail;
	}
	close(fd);
	data[got] = '\0';
	*len = got;
	return data;
fail:
	close(fd);
	secret_wipe_free(data, SECRET_MAX + 1);
	return NULL;
}

/* The first line of a file, the rest of the buffer wiped: a secret file
 * may hold more than the line we use. */
static char *
read_first_line(const char *path, char **cause)
{
	char	*data;
	size_t	 len, n;

	if ((data = read_whole(path, &len, cause)) == NULL)
		return NULL;
	n = strcspn(data, "\r\n");
	explicit_bzero(data + n, SECRET_MAX + 1 - n);
	return data;
}

char *
secret_read_file(const char *path, char **cause)
{
	char	*s;

	if ((s = read_first_line(path, cause)) == NULL)
		return NULL;
	if (*s == '\0') {
		set_cause(cause, "%s: secret file is empty", path);
		free(s);		/* wiped already: it is all zeros */
		return NULL;
	}
	return s;
}

int
secret_check_file(const char *path, char **cause)
{
	char	*s;

	if (path == NULL)
		return 0;
	if (strstr(path, SECRET_CREDENTIALS_VAR) != NULL) {
		set_cause(cause, "%s: CREDENTIALS_DIRECTORY is not set (this "
		    "path works when klachtd runs under systemd with "
		    "LoadCredential=)", path);
		return -1;
	}
	if ((s = secret_read_file(path, cause)) == NULL)
		return -1;
	secret_free(s);
	return 0;
}

/* A copy of the first line of text with blanks around it (a command may
 * print empty lines first), or NULL when there is none; text itself is
 * the caller's to wipe. */
static char *
token_of(char *text)
{
	char	*tok;

	tok = str_trim(text);
	tok[strcspn(tok, "\r\n")] = '\0';
	tok = str_trim(tok);
	return *tok != '\0' ? xstrdup(tok) : NULL;
}

char *
secret_token_file(const char *path, char **cause)
{
	char	*data, *tok, *why = NULL;

	if ((data = read_first_line(path, &why)) == NULL) {
		set_cause(cause, "oauth2_token_file: %s", why);
		free(why);
		return NULL;
	}
	if ((tok = token_of(data)) == NULL)
		set_cause(cause, "oauth2_token_file %s: no token in it", path);
	secret_wipe_free(data, SECRET_MAX + 1);
	return tok;
}

/* --------------------------------------------------------- token command */

char *
secret_token_command(const char *command, int timeout, char **cause)
{
	posix_spawn_file_actions_t	 fa;
	posix_spawnattr_t		 at;
	sigset_t			 none, dfl;
	struct pollfd			 pfd;
	struct buf			 out;
	char				*argv[4], chunk[4096], *tok;
	pid_t				 pid;
	int				 p[2], rc, status = 0, timed_out = 0;
	int64_t				 deadline;
	ssize_t				 n;

	if (pipe2(p, O_CLOEXEC) == -1) {
		set_cause(cause, "pipe: %s", strerror(errno));
		return NULL;
	}
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, p[1], 1);
	posix_spawnattr_init(&at);
	sigemptyset(&none);
	sigemptyset(&dfl);
	sigaddset(&dfl, SIGPIPE);
	sigaddset(&dfl, SIGTERM);
	sigaddset(&dfl, SIGINT);
	sigaddset(&dfl, SIGXFSZ);
	posix_spawnattr_setsigmask(&at, &none);
	posix_spawnattr_setsigdefault(&at, &dfl);
	posix_spawnattr_setpgroup(&at, 0);	/* so a timeout kills it all */
	posix_spawnattr_setflags(&at, POSIX_SPAWN_SETPGROUP |
	    POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
	argv[0] = (char *)"sh";
	argv[1] = (char *)"-c";
	argv[2] = (char *)command;
	argv[3] = NULL;
	rc = posix_spawn(&pid, "/bin/sh", &fa, &at, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	posix_spawnattr_destroy(&at);
	close(p[1]);
	if (rc != 0) {
		close(p[0]);
		set_cause(cause, "cannot run oauth2_token_command: %s",
		    strerror(rc));
		return NULL;
	}

	buf_init(&out);
	deadline = mono_ms() + (int64_t)(timeout > 0 ? timeout : 60) * 1000;
	pfd.fd = p[0];
	pfd.events = POLLIN;
	for (;;) {
		int64_t left = deadline - mono_ms();

		if (left <= 0) {
			timed_out = 1;
			break;
		}
		rc = poll(&pfd, 1, left > 1000 ? 1000 : (int)left);
		if (rc == 0 || (rc == -1 && errno == EINTR))
			continue;
		if (rc == -1)
			break;
		n = read(p[0], chunk, sizeof chunk);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0 || out.len + (size_t)n > SECRET_MAX)
			break;	/* EOF, error, or more than a token: enough */
		buf_add(&out, chunk, (size_t)n);
	}
	explicit_bzero(chunk, sizeof chunk);
	close(p[0]);
	/* Give it until the deadline to exit, then kill its process group. */
	for (;;) {
		rc = waitpid(pid, &status, WNOHANG);
		if (rc == pid)
			break;
		if (rc == -1 && errno != EINTR) {
			status = -1;
			break;
		}
		if (timed_out || mono_ms() >= deadline) {
			timed_out = 1;
			kill(-pid, SIGKILL);
			while (waitpid(pid, &status, 0) == -1 && errno == EINTR)
				;
			break;
		}
		if (rc == 0) {
			struct timespec ts = { 0, 10 * 1000 * 1000 };

			nanosleep(&ts, NULL);
		}
	}
	tok = NULL;
	if (timed_out)
		set_cause(cause, "oauth2_token_command did not finish within "
		    "%ds", timeout);
	else if (status == -1 || !WIFEXITED(status) ||
	    WEXITSTATUS(status) != 0) {
		if (status != -1 && WIFSIGNALED(status))
			set_cause(cause, "oauth2_token_command killed by signal "
			    "%d", WTERMSIG(status));
		else
			set_cause(cause, "oauth2_token_command exited with "
			    "status %d", status == -1 ? -1 :
			    WEXITSTATUS(status));
	} else if (out.data == NULL || (tok = token_of(out.data)) == NULL)
		set_cause(cause, "oauth2_token_command printed no token");
	/* buf_add may have moved the data: the old copies were freed by
	 * realloc unwiped, which is why a token is capped small. */
	if (out.data != NULL)
		explicit_bzero(out.data, out.size);
	buf_free(&out);
	return tok;
}

/* ------------------------------------------------------- reply-token key */

/* Writes a new random key file at path, atomically; 0 or -1 with cause.
 * Losing a race to another process is success: its key is the key. */
static int
key_create(const char *path, char **cause)
{
	static const char	 hex[] = "0123456789abcdef";
	unsigned char		 raw[SECRET_KEY_BYTES];
	char			 text[2 * SECRET_KEY_BYTES + 1], *tmp;
	size_t			 got = 0, i;
	ssize_t			 n;
	int			 fd, rc = -1;

	while (got < sizeof raw) {
		n = getrandom(raw + got, sizeof raw - got, 0);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			set_cause(cause, "auth.secret_file: getrandom: %s",
			    strerror(errno));
			return -1;
		}
		got += (size_t)n;
	}
	for (i = 0; i < sizeof raw; i++) {
		text[2 * i] = hex[raw[i] >> 4];
		text[2 * i + 1] = hex[raw[i] & 15];
	}
	text[2 * sizeof raw] = '\n';
	explicit_bzero(raw, sizeof raw);

	tmp = xasprintf("%s.XXXXXX", path);
	if ((fd = mkstemp(tmp)) == -1) {
		set_cause(cause, "auth.secret_file: cannot create %s: %s", tmp,
		    strerror(errno));
		goto out;
	}
	if (fchmod(fd, 0600) == -1 ||
	    write(fd, text, sizeof text) != (ssize_t)sizeof text ||
	    fsync(fd) == -1) {
		set_cause(cause, "auth.secret_file: cannot write %s: %s", tmp,
		    strerror(errno));
		close(fd);
		unlink(tmp);
		goto out;
	}
	close(fd);
	if (link(tmp, path) == -1 && errno != EEXIST) {
		set_cause(cause, "auth.secret_file: cannot create %s: %s",
		    path, strerror(errno));
		unlink(tmp);
		goto out;
	}
	unlink(tmp);
	log_notice("created a new reply-token key in %s", path);
	rc = 0;
out:
	explicit_bzero(text, sizeof text);
	free(tmp);
	return rc;
}

/* The value of one hex digit (either case). */
static unsigned
hex_nibble(char c)
{
	return isdigit((unsigned char)c) ? (unsigned)(c - '0') :
	    (unsigned)(tolower((unsigned char)c) - 'a' + 10);
}

int
secret_key_read(const char *path, int create, size_t min,
    unsigned char **key, size_t *len, char **cause)
{
	struct stat	 sb;
	unsigned char	*k;
	char		*line, *why = NULL;
	size_t		 n, klen, i;
	int		 is_hex;

	*key = NULL;
	*len = 0;
	if (path == NULL || *path == '\0') {
		set_cause(cause, "auth.secret_file is not set");
		return -1;
	}
	if (create && stat(path, &sb) == -1 && errno == ENOENT &&
	    key_create(path, cause) == -1)
		return -1;
	if ((line = secret_read_file(path, &why)) == NULL) {
		set_cause(cause, "auth.secret_file: %s", why);
		free(why);
		return -1;
	}
	n = strlen(line);
	is_hex = n >= 32 && n % 2 == 0;
	for (i = 0; is_hex && i < n; i++)
		if (!isxdigit((unsigned char)line[i]))
			is_hex = 0;
	if (is_hex) {
		klen = n / 2;
		k = xmalloc(klen);
		for (i = 0; i < klen; i++)
			k[i] = (unsigned char)(hex_nibble(line[2 * i]) << 4 |
			    hex_nibble(line[2 * i + 1]));
	} else {
		klen = n;
		k = xmalloc(n + 1);
		memcpy(k, line, n);
	}
	secret_free(line);
	if (klen < min) {
		secret_wipe_free(k, klen);
		set_cause(cause, "auth.secret_file %s: the key is too short "
		    "(at least %zu bytes, or %zu hex digits)", path, min,
		    2 * min);
		return -1;
	}
	*key = k;
	*len = klen;
	return 0;
}

int
secret_key_check(const char *path, const char *state_dir, size_t min,
    char **cause)
{
	struct stat	 sb;
	unsigned char	*key;
	size_t		 len;
	char		*dir, *slash;
	int		 rc;

	if (path != NULL && stat(path, &sb) == -1 && errno == ENOENT) {
		dir = xstrdup(path);
		if ((slash = strrchr(dir, '/')) != NULL)
			*(slash == dir ? slash + 1 : slash) = '\0';
		else
			strcpy(dir, ".");
		rc = stat(dir, &sb) == 0 && S_ISDIR(sb.st_mode) ? 0 : -1;
		/* The state directory itself is made at start-up. */
		if (rc == -1 && state_dir != NULL &&
		    strcmp(dir, state_dir) == 0)
			rc = 0;
		if (rc == -1)
			set_cause(cause, "auth.secret_file: %s does not exist "
			    "and cannot be created: no directory %s", path,
			    dir);
		free(dir);
		return rc;
	}
	if (secret_key_read(path, 0, min, &key, &len, cause) == -1)
		return -1;
	secret_wipe_free(key, len);
	return 0;
}
