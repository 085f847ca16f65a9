/*
 * imap.c -- poll one IMAP mailbox through libcurl and hand every new
 * message to intake_message().
 *
 * One pass = one easy handle = one connection: the first request (a NOOP
 * on the mailbox URL) makes libcurl log in and SELECT the mailbox; the
 * header callback reads UIDVALIDITY and UIDNEXT from the SELECT reply.
 * Then `UID SEARCH UID a:b` pages (a custom request; its untagged reply
 * must stay under libcurl's 300 KiB limit) list the new UIDs, and each is
 * fetched by URL (`MAILBOX;UIDVALIDITY=v/;UID=n`, CURLOPT_CUSTOMREQUEST
 * reset to NULL).  Every later URL carries UIDVALIDITY so that, should
 * libcurl reconnect and re-SELECT in the middle of a pass, a changed
 * mailbox makes the request fail instead of fetching the wrong message.
 *
 * State: (UIDVALIDITY, last UID) per mailbox in the database.  Order for
 * each message, oldest UID first:
 *
 *   1. fetch (BODY[] sets \Seen on the server: harmless, nothing relies
 *      on it; if intake fails, \Seen is taken off again so a human sees
 *      the message as not handled, and the pass stops there so that no
 *      later UID is recorded past it);
 *   2. intake_message() commits the message and everything it causes;
 *   3. only then, if processed_mailbox is set, move it there (UID MOVE,
 *      or COPY + \Deleted + EXPUNGE without the MOVE capability);
 *   4. then record the UID as the last one taken.
 *
 * A crash after 2 and before 4 leaves the message in the mailbox above
 * the recorded UID: the next pass offers it again and intake recognises
 * it (same Message-ID, or same bytes) as a duplicate -- nothing is opened
 * or sent twice -- and the move is redone.  This re-offer is the designed
 * recovery, not an accident.  Moving before recording means a crash can
 * never leave a committed message stranded in the INBOX: either it is
 * still above the recorded UID (offered again) or it has left already.
 * A message is never moved before its commit.
 *
 * A message that can never be taken in (over limits.max_message_size, or
 * refused by intake as permanent) is left in the mailbox unread and
 * \Flagged for a human, logged, and passed over: one bad message cannot
 * hold up the rest.  Intake's temporary failures are retried instead.
 *
 * A new UIDVALIDITY (mailbox recreated or renumbered) resets the last UID
 * to 0: the whole mailbox is offered again and intake's dedupe keeps the
 * messages taken before from doing anything twice.
 *
 * Failures of the pass as a whole (connect, TLS, login, timeout) are
 * classified so that imap_intake() logs each kind once and backs off.
 */
#include "config.h"

#include <sys/types.h>
#include <sys/wait.h>

#include <curl/curl.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "calendar.h"
#include "imap.h"
#include "intake.h"
#include "log.h"
#include "store.h"
#include "util.h"

extern char **environ;

/* UIDs per search.  A page of 1,000 UIDs answers with a line of at most
 * ~11 KB even with 10-digit UIDs: below libcurl's default 16 KiB read
 * buffer, which silently drops the middle of a longer untagged line (and
 * with it mail, since later UIDs are then recorded as taken). */
#define SEARCH_PAGE	1000
#define IMAP_BUFSIZE	(512 * 1024)	/* room for `lo:*` answers too */
#define REPLY_MAX	(1024 * 1024)	/* cap on a custom command's reply */
#define TOKEN_MAX	(64 * 1024)	/* cap on an OAuth2 token */

struct sess {
	CURL			*curl;
	char			*root;		/* scheme://authority */
	char			*path;		/* mailbox as written in the URL */
	char			*mailbox;	/* decoded, for logs */
	char			*key;		/* imap_state row */
	char			*url_v;		/* root/path;UIDVALIDITY=v */
	char			*secret;
	char			*qprocessed;	/* processed mailbox, quoted */
	char			 errbuf[CURL_ERROR_SIZE];
	char			 status[256];	/* last NO/BAD/BYE line */
	int			 bye;		/* the server said BYE */
	struct buf		 body;
	size_t			 cap;		/* body limit of this request */
	int			 overflow;
	uint32_t		 uidvalidity;	/* from the last SELECT */
	uint32_t		 uidnext;
	int			 caps_known;
	int			 has_move;
	int			 has_uidplus;
	int			 processed_ok;	/* processed mailbox checked */
};

const char *
imap_fail_name(enum imap_fail f)
{
	switch (f) {
	case IMAP_OK:
		return "ok";
	case IMAP_F_CONFIG:
		return "configuration error";
	case IMAP_F_SECRET:
		return "cannot get the credentials";
	case IMAP_F_CONNECT:
		return "cannot connect";
	case IMAP_F_TLS:
		return "TLS failure";
	case IMAP_F_LOGIN:
		return "login failed";
	case IMAP_F_MAILBOX:
		return "cannot select the mailbox";
	case IMAP_F_TIMEOUT:
		return "server not answering";
	case IMAP_F_PROTOCOL:
		return "IMAP error";
	case IMAP_F_STORE:
		return "database error";
	}
	return "?";
}

/* ------------------------------------------------------------- helpers */

static int
parse_u32(const char *p, uint32_t *out)
{
	unsigned long long	v = 0;

	if (*p < '0' || *p > '9')
		return -1;
	while (*p >= '0' && *p <= '9') {
		v = v * 10 + (unsigned)(*p++ - '0');
		if (v > UINT32_MAX)
			return -1;
	}
	*out = (uint32_t)v;
	return 0;
}

static char *
url_decode(const char *s)
{
	char	*out = xmalloc(strlen(s) + 1), *o = out;

	for (; *s != '\0'; s++) {
		if (*s == '%' && hex_digit(s[1]) >= 0 && hex_digit(s[2]) >= 0) {
			*o++ = (char)(hex_digit(s[1]) * 16 + hex_digit(s[2]));
			s += 2;
		} else
			*o++ = *s;
	}
	*o = '\0';
	return out;
}

/*
 * A mailbox name as an IMAP quoted string, in modified UTF-7 (RFC 3501
 * 5.1.3) when it is not plain ASCII.  NULL for invalid UTF-8.
 */
static char *
mailbox_quote(const char *name)
{
	static const char b64[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,";
	const unsigned char	*p = (const unsigned char *)name;
	struct buf		 b;
	uint32_t		 bits = 0;
	int			 nbits = 0, in_b64 = 0;

	buf_init(&b);
	buf_addc(&b, '"');
	while (*p != '\0') {
		uint32_t	cp;
		int		n, i;

		if (*p >= 0x20 && *p < 0x7f) {
			if (in_b64) {
				if (nbits > 0)
					buf_addc(&b, b64[(bits << (6 - nbits)) &
					    0x3f]);
				buf_addc(&b, '-');
				in_b64 = 0;
				nbits = 0;
				bits = 0;
			}
			if (*p == '&')
				buf_adds(&b, "&-");
			else {
				if (*p == '"' || *p == '\\')
					buf_addc(&b, '\\');
				buf_addc(&b, (char)*p);
			}
			p++;
			continue;
		}
		/* Decode one UTF-8 sequence. */
		if (*p < 0x80)
			goto bad;		/* a control character */
		else if ((*p & 0xe0) == 0xc0)
			cp = *p & 0x1f, n = 1;
		else if ((*p & 0xf0) == 0xe0)
			cp = *p & 0x0f, n = 2;
		else if ((*p & 0xf8) == 0xf0)
			cp = *p & 0x07, n = 3;
		else
			goto bad;
		for (i = 1; i <= n; i++) {
			if ((p[i] & 0xc0) != 0x80)
				goto bad;
			cp = (cp << 6) | (p[i] & 0x3f);
		}
		p += n + 1;
		if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) ||
		    (n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) ||
		    (n == 3 && cp < 0x10000))
			goto bad;
		if (!in_b64) {
			buf_addc(&b, '&');
			in_b64 = 1;
		}
		/* UTF-16, base64 with ',' for '/', no padding. */
		{
			uint32_t	u[2];
			int		nu = 1, k;

			if (cp >= 0x10000) {
				cp -= 0x10000;
				u[0] = 0xd800 | (cp >> 10);
				u[1] = 0xdc00 | (cp & 0x3ff);
				nu = 2;
			} else
				u[0] = cp;
			for (k = 0; k < nu; k++) {
				bits = (bits << 16) | u[k];
				nbits += 16;
				while (nbits >= 6) {
					nbits -= 6;
					buf_addc(&b, b64[(bits >> nbits) & 0x3f]);
				}
				bits &= (1u << nbits) - 1;
			}
		}
	}
	if (in_b64) {
		if (nbits > 0)
			buf_addc(&b, b64[(bits << (6 - nbits)) & 0x3f]);
		buf_addc(&b, '-');
	}
	buf_addc(&b, '"');
	return buf_detach(&b, NULL);
bad:
	buf_free(&b);
	return NULL;
}

/* The Message-ID of a raw message, for log lines only (no <>), or "-". */
static char *
raw_msgid(const char *raw, size_t len)
{
	const char	*p = raw, *end = raw + len, *eol, *lt, *gt;

	while (p < end) {
		eol = memchr(p, '\n', (size_t)(end - p));
		if (eol == NULL)
			eol = end;
		if (eol == p || (eol == p + 1 && *p == '\r'))
			break;			/* end of the header */
		if ((size_t)(eol - p) > 11 &&
		    strncasecmp(p, "Message-ID:", 11) == 0) {
			/* The value may be folded onto the next line. */
			const char *vend = eol;

			while (vend + 1 < end && (vend[1] == ' ' ||
			    vend[1] == '\t')) {
				const char *n = memchr(vend + 1, '\n',
				    (size_t)(end - vend - 1));
				vend = n != NULL ? n : end;
			}
			lt = memchr(p, '<', (size_t)(vend - p));
			gt = lt != NULL ? memchr(lt, '>', (size_t)(vend - lt)) :
			    NULL;
			if (lt != NULL && gt != NULL) {
				char *id = xstrndup(lt + 1, (size_t)(gt - lt - 1));
				char *safe = str_log_safe(id, 200);

				free(id);
				return safe;
			}
			break;
		}
		p = eol + 1;
	}
	return xstrdup("-");
}

/* Copies a server line without its tag and Dovecot's timing suffix. */
static void
keep_status(struct sess *s, const char *line, size_t len)
{
	char	*t, *paren;

	t = xstrndup(line, len);
	paren = strrchr(t, '(');
	if (paren != NULL && paren > t && paren[-1] == ' ' &&
	    strstr(paren, "secs)") != NULL)
		paren[-1] = '\0';
	snprintf(s->status, sizeof s->status, "%s", t);
	free(t);
}

/* ----------------------------------------------------- libcurl callbacks */

/*
 * Every server line reaches the header callback, one per call; message
 * literals do not (they go to the write callback).  Picks UIDVALIDITY and
 * UIDNEXT from SELECT replies and keeps the last refusal for log lines.
 */
static size_t
header_cb(char *ptr, size_t size, size_t nmemb, void *arg)
{
	struct sess	*s = arg;
	size_t		 n = size * nmemb, len = n, i;
	char		 line[64];

	while (len > 0 && (ptr[len - 1] == '\n' || ptr[len - 1] == '\r'))
		len--;
	snprintf(line, sizeof line, "%.*s", (int)(len < 63 ? len : 63), ptr);
	if (str_casestartswith(line, "* OK [UIDVALIDITY "))
		(void)parse_u32(line + 18, &s->uidvalidity);
	else if (str_casestartswith(line, "* OK [UIDNEXT "))
		(void)parse_u32(line + 14, &s->uidnext);
	else if (str_casestartswith(line, "* BYE ")) {
		s->bye = 1;
		if (s->status[0] == '\0')
			keep_status(s, ptr + 2, len - 2);
	} else if (line[0] != '*' && line[0] != '+') {
		/* A tagged reply: "A004 NO [TRYCREATE] ...". */
		i = strcspn(line, " ");
		if (line[i] == ' ' && (str_casestartswith(line + i + 1, "NO ") ||
		    str_casestartswith(line + i + 1, "BAD ")))
			keep_status(s, ptr + i + 1, len - i - 1);
	}
	return n;
}

static size_t
write_cb(char *ptr, size_t size, size_t nmemb, void *arg)
{
	struct sess	*s = arg;
	size_t		 n = size * nmemb;

	if (s->cap != 0 && n > s->cap - s->body.len) {
		s->overflow = 1;
		return 0;		/* makes libcurl stop this transfer */
	}
	buf_add(&s->body, ptr, n);
	return n;
}

/* A client line for the trace, with credentials masked (allocated). */
static char *
mask_line(const char *line)
{
	const char	*sp, *cmd, *mech_end;

	sp = strchr(line, ' ');
	if (sp == NULL)	/* a SASL continuation: base64 credentials */
		return xstrdup(*line == '\0' ? "" : "*** (masked)");
	cmd = sp + 1;
	if (str_casestartswith(cmd, "LOGIN "))
		return xasprintf("%.*sLOGIN *** (masked)", (int)(cmd - line),
		    line);
	if (str_casestartswith(cmd, "AUTHENTICATE ")) {
		mech_end = cmd + 13 + strcspn(cmd + 13, " ");
		return xasprintf("%.*s%s", (int)(mech_end - line), line,
		    *mech_end != '\0' ? " *** (masked)" : "");
	}
	return xstrdup(line);
}

static int
debug_cb(CURL *h, curl_infotype type, char *data, size_t size, void *arg)
{
	char	*line, *shown, *safe;

	(void)h;
	(void)arg;
	if (type != CURLINFO_HEADER_IN && type != CURLINFO_HEADER_OUT)
		return 0;
	line = xstrndup(data, size);
	line[strcspn(line, "\r\n")] = '\0';
	shown = type == CURLINFO_HEADER_OUT ? mask_line(line) : xstrdup(line);
	safe = str_log_safe(shown, 300);
	log_debug("imap %s %s", type == CURLINFO_HEADER_IN ? "<" : ">", safe);
	free(safe);
	free(shown);
	explicit_bzero(line, strlen(line));
	free(line);
	return 0;
}

/* ------------------------------------------------------- token command */

char *
imap_run_token_command(const char *command, int timeout, char **cause)
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
		if (n <= 0 || out.len + (size_t)n > TOKEN_MAX)
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
	if (timed_out) {
		set_cause(cause, "oauth2_token_command did not finish within "
		    "%ds", timeout);
		goto fail;
	}
	if (status == -1 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		if (status != -1 && WIFSIGNALED(status))
			set_cause(cause, "oauth2_token_command killed by signal "
			    "%d", WTERMSIG(status));
		else
			set_cause(cause, "oauth2_token_command exited with "
			    "status %d", status == -1 ? -1 :
			    WEXITSTATUS(status));
		goto fail;
	}
	tok = out.data != NULL ? str_trim(out.data) : NULL;
	if (tok != NULL) {
		tok[strcspn(tok, "\r\n")] = '\0';
		tok = str_trim(tok);
	}
	if (tok == NULL || *tok == '\0') {
		set_cause(cause, "oauth2_token_command printed no token");
		goto fail;
	}
	tok = xstrdup(tok);
	explicit_bzero(out.data, out.size);
	buf_free(&out);
	return tok;
fail:
	if (out.data != NULL)
		explicit_bzero(out.data, out.size);
	buf_free(&out);
	return NULL;
}

/* Reads the OAuth2 token file: its first line. */
static char *
read_token_file(const char *path, char **cause)
{
	char	*data, *tok, *why = NULL;
	size_t	 len;

	if ((data = file_read(path, TOKEN_MAX, &len, &why)) == NULL) {
		set_cause(cause, "oauth2_token_file: %s", why);
		free(why);
		return NULL;
	}
	data[strcspn(data, "\r\n")] = '\0';
	tok = str_trim(data);
	tok = *tok != '\0' ? xstrdup(tok) : NULL;
	if (tok == NULL)
		set_cause(cause, "oauth2_token_file %s: no token in it", path);
	explicit_bzero(data, len);
	free(data);
	return tok;
}

/* ------------------------------------------------------------- session */

static void
sess_close(struct sess *s)
{
	if (s == NULL)
		return;
	if (s->curl != NULL)
		curl_easy_cleanup(s->curl);	/* LOGOUT */
	if (s->secret != NULL) {
		explicit_bzero(s->secret, strlen(s->secret));
		free(s->secret);
	}
	if (s->body.data != NULL)
		explicit_bzero(s->body.data, s->body.size);
	buf_free(&s->body);
	free(s->root);
	free(s->path);
	free(s->mailbox);
	free(s->key);
	free(s->url_v);
	free(s->qprocessed);
	free(s);
}

/* Splits the configured URL into root and mailbox and derives the key
 * under which the mailbox's state is kept: user@host/mailbox (the scheme
 * and port may change without making klachtd re-read the mailbox). */
static int
sess_url(struct sess *s, const char *url, const char *user, char **cause)
{
	const char	*auth, *slash, *host, *hend;
	char		*path, *h;
	size_t		 len;

	auth = strstr(url, "://");
	if (auth == NULL) {
		set_cause(cause, "intake.imap.url %s is not a URL", url);
		return -1;
	}
	auth += 3;
	slash = strchr(auth, '/');
	if (slash == NULL)
		slash = auth + strlen(auth);
	if (memchr(auth, '@', (size_t)(slash - auth)) != NULL) {
		set_cause(cause, "intake.imap.url must not carry credentials: "
		    "use user and password_file");
		return -1;
	}
	s->root = xstrndup(url, (size_t)(slash - url));
	path = xstrdup(*slash == '/' ? slash + 1 : "");
	len = strlen(path);
	while (len > 0 && path[len - 1] == '/')
		path[--len] = '\0';
	if (*path == '\0') {
		free(path);
		path = xstrdup("INBOX");
	}
	if (strpbrk(path, ";?#") != NULL) {
		set_cause(cause, "intake.imap.url must name a mailbox only "
		    "(no ;UID=, ?search or #fragment): %s", url);
		free(path);
		return -1;
	}
	s->path = path;
	s->mailbox = url_decode(path);
	/* host without port, lower case; [v6] literals kept whole */
	host = auth;
	if (*host == '[')
		hend = memchr(host, ']', (size_t)(slash - host));
	else
		hend = memchr(host, ':', (size_t)(slash - host));
	if (hend == NULL || *host == '[')
		hend = hend == NULL ? slash : hend + 1;
	h = xstrndup(host, (size_t)(hend - host));
	str_lower(h);
	s->key = xasprintf("%s@%s/%s", user, h, s->mailbox);
	free(h);
	return 0;
}

static struct sess *
sess_open(struct klacht *k, int trace, enum imap_fail *fail, char **cause)
{
	const struct cfg_imap	*c = &k->cfg->imap;
	struct sess		*s;
	char			*why = NULL;
	long			 t = c->timeout > 0 ? (long)c->timeout : 60;

	s = xcalloc(1, sizeof *s);
	buf_init(&s->body);
	if (c->url == NULL || c->user == NULL ||
	    sess_url(s, c->url, c->user, cause) == -1) {
		if (c->url == NULL || c->user == NULL)
			set_cause(cause, "intake.imap needs url and user");
		*fail = IMAP_F_CONFIG;
		sess_close(s);
		return NULL;
	}
	if (c->processed_mailbox != NULL &&
	    (s->qprocessed = mailbox_quote(c->processed_mailbox)) == NULL) {
		set_cause(cause, "intake.imap.processed_mailbox is not valid "
		    "UTF-8 text");
		*fail = IMAP_F_CONFIG;
		sess_close(s);
		return NULL;
	}

	/* Credentials are read at every connect, so a rotated password or
	 * a refreshed token is used without a reload. */
	if (c->password_file != NULL) {
		if ((s->secret = file_read_secret(c->password_file, &why)) ==
		    NULL) {
			set_cause(cause, "password_file: %s", why);
			free(why);
		}
	} else if (c->oauth2_token_file != NULL)
		s->secret = read_token_file(c->oauth2_token_file, cause);
	else if (c->oauth2_token_command != NULL)
		s->secret = imap_run_token_command(c->oauth2_token_command,
		    (int)t, cause);
	else
		set_cause(cause, "intake.imap needs password_file, "
		    "oauth2_token_file or oauth2_token_command");
	if (s->secret == NULL) {
		*fail = IMAP_F_SECRET;
		sess_close(s);
		return NULL;
	}

	if ((s->curl = curl_easy_init()) == NULL) {
		set_cause(cause, "curl_easy_init failed");
		*fail = IMAP_F_PROTOCOL;
		sess_close(s);
		return NULL;
	}
	/* libcurl drops the middle of an untagged line longer than its
	 * read buffer without an error: make the buffer large. */
	curl_easy_setopt(s->curl, CURLOPT_BUFFERSIZE, (long)IMAP_BUFSIZE);
	curl_easy_setopt(s->curl, CURLOPT_PROTOCOLS_STR, "imap,imaps");
	curl_easy_setopt(s->curl, CURLOPT_ERRORBUFFER, s->errbuf);
	curl_easy_setopt(s->curl, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(s->curl, CURLOPT_TCP_KEEPALIVE, 1L);
	/* A hung server cannot hold the daemon: connect, each reply, and any
	 * stalled transfer are bounded by the configured timeout. */
	curl_easy_setopt(s->curl, CURLOPT_CONNECTTIMEOUT, t);
	curl_easy_setopt(s->curl, CURLOPT_SERVER_RESPONSE_TIMEOUT, t);
	curl_easy_setopt(s->curl, CURLOPT_LOW_SPEED_LIMIT, 1L);
	curl_easy_setopt(s->curl, CURLOPT_LOW_SPEED_TIME, t);
	if (str_startswith(c->url, "imap://"))
		curl_easy_setopt(s->curl, CURLOPT_USE_SSL,
		    c->starttls == CFG_TLS_REQUIRED ? (long)CURLUSESSL_ALL :
		    c->starttls == CFG_TLS_TRY ? (long)CURLUSESSL_TRY :
		    (long)CURLUSESSL_NONE);
	if (c->ca_file != NULL)
		curl_easy_setopt(s->curl, CURLOPT_CAINFO, c->ca_file);
	curl_easy_setopt(s->curl, CURLOPT_USERNAME, c->user);
	if (c->password_file != NULL)
		curl_easy_setopt(s->curl, CURLOPT_PASSWORD, s->secret);
	else {
		/* OAUTHBEARER (RFC 7628) or XOAUTH2 (Google, Microsoft),
		 * whichever the server offers; never a plain LOGIN with the
		 * token as a password. */
		curl_easy_setopt(s->curl, CURLOPT_XOAUTH2_BEARER, s->secret);
		curl_easy_setopt(s->curl, CURLOPT_LOGIN_OPTIONS,
		    "AUTH=OAUTHBEARER;AUTH=XOAUTH2");
	}
	curl_easy_setopt(s->curl, CURLOPT_HEADERFUNCTION, header_cb);
	curl_easy_setopt(s->curl, CURLOPT_HEADERDATA, s);
	curl_easy_setopt(s->curl, CURLOPT_WRITEFUNCTION, write_cb);
	curl_easy_setopt(s->curl, CURLOPT_WRITEDATA, s);
	if (trace) {
		curl_easy_setopt(s->curl, CURLOPT_DEBUGFUNCTION, debug_cb);
		curl_easy_setopt(s->curl, CURLOPT_VERBOSE, 1L);
	}
	return s;
}

/* One request on the session's connection: cmd NULL fetches the URL. */
static CURLcode
sess_run(struct sess *s, const char *url, const char *cmd, size_t cap)
{
	s->body.len = 0;
	if (s->body.data != NULL)
		s->body.data[0] = '\0';
	s->cap = cap;
	s->overflow = 0;
	s->status[0] = '\0';
	s->bye = 0;
	s->errbuf[0] = '\0';
	curl_easy_setopt(s->curl, CURLOPT_URL, url);
	curl_easy_setopt(s->curl, CURLOPT_CUSTOMREQUEST, cmd);
	return curl_easy_perform(s->curl);
}

/* A custom command on the selected mailbox, printf-style. */
static CURLcode
sess_cmd(struct sess *s, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static CURLcode
sess_cmd(struct sess *s, const char *fmt, ...)
{
	va_list		 ap;
	char		*cmd;
	CURLcode	 rc;

	va_start(ap, fmt);
	cmd = xvasprintf(fmt, ap);
	va_end(ap);
	rc = sess_run(s, s->url_v, cmd, REPLY_MAX);
	free(cmd);
	return rc;
}

/* What went wrong with the last request, for a log line (allocated). */
static char *
sess_why(struct sess *s, CURLcode rc)
{
	char	*safe, *out;

	if (s->overflow && rc == CURLE_WRITE_ERROR)
		return xstrdup("reply larger than expected");
	safe = str_log_safe(s->status, 200);
	out = xasprintf("%s%s%s%s%s%s", curl_easy_strerror(rc),
	    s->errbuf[0] != '\0' ? ": " : "", s->errbuf,
	    s->status[0] != '\0' ? " (server: " : "",
	    s->status[0] != '\0' ? safe : "", s->status[0] != '\0' ? ")" : "");
	free(safe);
	return out;
}

enum imap_fail
imap_classify(int code, const char *errbuf, int bye)
{
	CURLcode	rc = (CURLcode)code;

	switch (rc) {
	case CURLE_OK:
		return IMAP_OK;
	case CURLE_PARTIAL_FILE:	/* cut off in the middle of a body */
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_COULDNT_RESOLVE_PROXY:
	case CURLE_COULDNT_CONNECT:
	case CURLE_SEND_ERROR:
	case CURLE_RECV_ERROR:
	case CURLE_GOT_NOTHING:
		return IMAP_F_CONNECT;
	case CURLE_OPERATION_TIMEDOUT:
		return IMAP_F_TIMEOUT;
	case CURLE_LOGIN_DENIED:
		/* libcurl 7.88 reports a refused SELECT as "login denied" */
		return strstr(errbuf, "Select failed") != NULL ?
		    IMAP_F_MAILBOX : IMAP_F_LOGIN;
	case CURLE_USE_SSL_FAILED:
	case CURLE_SSL_CONNECT_ERROR:
	case CURLE_PEER_FAILED_VERIFICATION:
	case CURLE_SSL_CERTPROBLEM:
	case CURLE_SSL_CIPHER:
	case CURLE_SSL_CACERT_BADFILE:
	case CURLE_SSL_ISSUER_ERROR:
	case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
	case CURLE_SSL_INVALIDCERTSTATUS:
	case CURLE_SSL_CRL_BADFILE:
	case CURLE_SSL_ENGINE_NOTFOUND:
	case CURLE_SSL_ENGINE_SETFAILED:
	case CURLE_SSL_ENGINE_INITFAILED:
		return IMAP_F_TLS;
	default:
		/* A server going away answers whatever was asked with an
		 * untagged BYE (libcurl calls a FETCH answered so a "weird
		 * reply"): a lost connection, to be retried like one. */
		return bye ? IMAP_F_CONNECT : IMAP_F_PROTOCOL;
	}
}

/* Fails the pass: fills *fail, *code and *cause from the last request. */
static int
sess_fail(struct sess *s, CURLcode rc, const char *what, enum imap_fail *fail,
    int *code, char **cause)
{
	char	*why = sess_why(s, rc);

	*fail = imap_classify((int)rc, s->errbuf, s->bye);
	*code = (int)rc;
	set_cause(cause, "%s%s%s", what != NULL ? what : "",
	    what != NULL ? ": " : "", why);
	free(why);
	return -1;
}

/* Reads the server's capabilities (after login they list MOVE etc.). */
static CURLcode
sess_caps(struct sess *s)
{
	CURLcode	 rc;
	char		*line, *tok, *save = NULL;

	if (s->caps_known)
		return CURLE_OK;
	if ((rc = sess_cmd(s, "CAPABILITY")) != CURLE_OK)
		return rc;
	line = s->body.data != NULL ? strstr(s->body.data, "* CAPABILITY ") :
	    NULL;
	if (line != NULL) {
		line[strcspn(line, "\r\n")] = '\0';
		for (tok = strtok_r(line + 13, " ", &save); tok != NULL;
		    tok = strtok_r(NULL, " ", &save)) {
			if (strcasecmp(tok, "MOVE") == 0)
				s->has_move = 1;
			else if (strcasecmp(tok, "UIDPLUS") == 0)
				s->has_uidplus = 1;
		}
	}
	s->caps_known = 1;
	log_debug("imap: server %s MOVE, %s UIDPLUS", s->has_move ? "has" :
	    "lacks", s->has_uidplus ? "has" : "lacks");
	return CURLE_OK;
}

/* Creates the processed mailbox when the server does not list it.  0, or
 * the CURLcode of a transport failure. */
static CURLcode
sess_processed_box(struct sess *s)
{
	CURLcode	 rc;
	char		*why;

	if (s->processed_ok)
		return CURLE_OK;
	if ((rc = sess_cmd(s, "LIST \"\" %s", s->qprocessed)) != CURLE_OK)
		return rc;
	if (s->body.data == NULL || strstr(s->body.data, "* LIST ") == NULL) {
		rc = sess_cmd(s, "CREATE %s", s->qprocessed);
		if (rc == CURLE_OK)
			log_notice("imap: created mailbox %s for processed mail",
			    s->qprocessed);
		else if (rc == CURLE_QUOTE_ERROR) {
			why = sess_why(s, rc);
			log_warn("imap: cannot create mailbox %s: %s",
			    s->qprocessed, why);
			free(why);
		} else
			return rc;
	}
	s->processed_ok = 1;
	return CURLE_OK;
}

/* Moves one message to the processed mailbox. */
static CURLcode
sess_move(struct sess *s, uint32_t uid)
{
	CURLcode	rc;

	if ((rc = sess_caps(s)) != CURLE_OK ||
	    (rc = sess_processed_box(s)) != CURLE_OK)
		return rc;
	if (s->has_move)
		return sess_cmd(s, "UID MOVE %" PRIu32 " %s", uid,
		    s->qprocessed);
	/* RFC 3501 only: a crash between COPY and EXPUNGE can leave a second
	 * copy in the processed mailbox, never a second case. */
	if ((rc = sess_cmd(s, "UID COPY %" PRIu32 " %s", uid,
	    s->qprocessed)) != CURLE_OK ||
	    (rc = sess_cmd(s, "UID STORE %" PRIu32 " +FLAGS.SILENT (\\Deleted)",
	    uid)) != CURLE_OK)
		return rc;
	if (s->has_uidplus)
		return sess_cmd(s, "UID EXPUNGE %" PRIu32, uid);
	return sess_cmd(s, "EXPUNGE");
}

static int
uid_cmp(const void *a, const void *b)
{
	uint32_t	x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

/*
 * UIDs in [lo, hi] (hi 0 = lo:*) in ascending order.  The server answers
 * `n:*` with the highest UID even when it is below n: filtered here.
 */
static CURLcode
sess_search(struct sess *s, uint32_t lo, uint32_t hi, uint32_t **v,
    size_t *n)
{
	CURLcode	 rc;
	char		*p, *line, *next;
	size_t		 i, j;
	uint32_t	 uid;

	*v = NULL;
	*n = 0;
	if (hi != 0)
		rc = sess_cmd(s, "UID SEARCH UID %" PRIu32 ":%" PRIu32, lo, hi);
	else
		rc = sess_cmd(s, "UID SEARCH UID %" PRIu32 ":*", lo);
	if (rc != CURLE_OK || s->body.data == NULL)
		return rc;
	for (line = s->body.data; line != NULL; line = next) {
		if ((next = strchr(line, '\n')) != NULL)
			next++;
		if (!str_casestartswith(line, "* SEARCH"))
			continue;
		for (p = line + 8;;) {
			while (*p == ' ')
				p++;
			if (parse_u32(p, &uid) == -1)
				break;
			if (uid >= lo && (hi == 0 || uid <= hi)) {
				*v = xreallocarray(*v, *n + 1, sizeof **v);
				(*v)[(*n)++] = uid;
			}
			while (*p >= '0' && *p <= '9')
				p++;
		}
	}
	if (*n == 0)
		return CURLE_OK;
	qsort(*v, *n, sizeof **v, uid_cmp);
	for (i = j = 0; i < *n; i++)
		if (j == 0 || (*v)[j - 1] != (*v)[i])
			(*v)[j++] = (*v)[i];
	*n = j;
	return CURLE_OK;
}

/* ---------------------------------------------------------------- pass */

enum take { TAKE_NEXT, TAKE_STOP, TAKE_FAIL };

/*
 * After trouble with a message: takes \Seen (set by the fetch) off again,
 * and sets \Flagged when it is left for a human for good.  A refusal is
 * logged and ignored; a transport failure is returned.
 */
static CURLcode
sess_unsee(struct sess *s, uint32_t uid, uint32_t v, int flag)
{
	CURLcode	 rc;
	char		*why;

	rc = sess_cmd(s, "UID STORE %" PRIu32 " -FLAGS.SILENT (\\Seen)", uid);
	if (rc == CURLE_OK && flag)
		rc = sess_cmd(s, "UID STORE %" PRIu32
		    " +FLAGS.SILENT (\\Flagged)", uid);
	if (rc != CURLE_OK) {
		why = sess_why(s, rc);
		log_warn("imap: uid=%" PRIu32 " uidvalidity=%" PRIu32
		    " cannot reset its flags: %s", uid, v, why);
		free(why);
	}
	return rc == CURLE_QUOTE_ERROR ? CURLE_OK : rc;
}

/*
 * Takes one message: fetch, intake, move, record.  TAKE_NEXT when it is
 * done with (committed, or deliberately left alone) and recorded;
 * TAKE_STOP when intake failed (the pass ends, nothing recorded past it);
 * TAKE_FAIL when the pass failed (*fail, *code, *cause set).
 */
static enum take
take_one(struct klacht *k, struct sess *s, uint32_t v, uint32_t uid,
    struct imap_stats *st, enum imap_fail *fail, int *code, char **cause)
{
	struct intake_result	 res;
	CURLcode		 rc;
	enum kres		 r;
	char			*url, *sid, *msgid, *why = NULL;
	size_t			 max = k->cfg->max_message_size;

	st->seen++;
	url = xasprintf("%s/%s;UIDVALIDITY=%" PRIu32 "/;UID=%" PRIu32,
	    s->root, s->path, v, uid);
	rc = sess_run(s, url, NULL, max);
	free(url);
	msgid = s->body.data != NULL ? raw_msgid(s->body.data, s->body.len) :
	    xstrdup("-");

	if (rc == CURLE_WRITE_ERROR && s->overflow) {
		/* Never taken in, never lost: left for a human, unread and
		 * flagged, and the pass goes on past it. */
		log_err("imap: uid=%" PRIu32 " uidvalidity=%" PRIu32
		    " msgid=<%s> is larger than limits.max_message_size (%zu "
		    "bytes): not taken in, left in %s unread and flagged", uid,
		    v, msgid, max, s->mailbox);
		free(msgid);
		goto leave;
	}
	if (rc == CURLE_REMOTE_FILE_NOT_FOUND) {
		/* Expunged or moved by someone else since the search -- or
		 * the mailbox got a new UIDVALIDITY: tell them apart. */
		free(msgid);
		if ((rc = sess_cmd(s, "NOOP")) != CURLE_OK) {
			char *what = xasprintf("fetching uid=%" PRIu32
			    " uidvalidity=%" PRIu32 " (not found; the NOOP to "
			    "tell why failed too)", uid, v);

			sess_fail(s, rc, what, fail, code, cause);
			free(what);
			return TAKE_FAIL;
		}
		log_info("imap: uid=%" PRIu32 " uidvalidity=%" PRIu32 " gone "
		    "before it could be fetched: skipped", uid, v);
		st->skipped++;
		goto record;
	}
	if (rc != CURLE_OK) {
		char *what = xasprintf("fetching uid=%" PRIu32 " uidvalidity=%"
		    PRIu32, uid, v);

		free(msgid);
		sess_fail(s, rc, what, fail, code, cause);
		free(what);
		return TAKE_FAIL;
	}
	log_debug("imap: uid=%" PRIu32 " uidvalidity=%" PRIu32 " msgid=<%s> "
	    "fetched, %zu bytes", uid, v, msgid, s->body.len);

	sid = xasprintf("%" PRIu32 "/%" PRIu32, v, uid);
	r = intake_message(k, "imap", sid, s->body.data != NULL ?
	    s->body.data : "", s->body.len, &res, &why);
	free(sid);
	if (r == KR_TEMP) {
		/* Nothing committed: leave it unread and stop, so that no
		 * later UID is recorded past it; the next pass retries. */
		log_warn("imap: uid=%" PRIu32 " uidvalidity=%" PRIu32
		    " msgid=<%s> not taken in (%s failure), left unread for "
		    "the next pass: %s", uid, v, msgid, kres_name(r), why);
		free(why);
		free(msgid);
		(void)sess_unsee(s, uid, v, 0);
		st->deferred++;
		return TAKE_STOP;
	}
	if (r != KR_OK) {
		/* Intake says it will never take this one (it quarantines
		 * what it cannot parse, so this is rare): retrying would
		 * block every later message.  Left for a human. */
		log_err("imap: uid=%" PRIu32 " uidvalidity=%" PRIu32
		    " msgid=<%s> refused by intake (%s): %s; left in %s unread "
		    "and flagged", uid, v, msgid, kres_name(r), why,
		    s->mailbox);
		free(why);
		free(msgid);
		goto leave;
	}
	st->done++;

	/* Committed: only now may the server be told. */
	if (s->qprocessed != NULL) {
		rc = sess_move(s, uid);
		if (rc == CURLE_QUOTE_ERROR) {
			/* The server refused (no such mailbox, no right):
			 * it stays here; retrying would not help. */
			why = sess_why(s, rc);
			log_warn("imap: uid=%" PRIu32 " uidvalidity=%" PRIu32
			    " msgid=<%s> committed but not moved to %s: %s; "
			    "left in %s", uid, v, msgid, s->qprocessed, why,
			    s->mailbox);
			free(why);
		} else if (rc != CURLE_OK) {
			/* Not recorded: the next pass offers it again, intake
			 * sees the duplicate, and the move is retried. */
			char *what = xasprintf("moving uid=%" PRIu32
			    " uidvalidity=%" PRIu32 " msgid=<%s>", uid, v,
			    msgid);

			free(msgid);
			sess_fail(s, rc, what, fail, code, cause);
			free(what);
			return TAKE_FAIL;
		} else {
			st->moved++;
			log_debug("imap: uid=%" PRIu32 " uidvalidity=%" PRIu32
			    " msgid=<%s> moved to %s", uid, v, msgid,
			    s->qprocessed);
		}
	}
	free(msgid);
	goto record;

leave:
	/* Not recorded past it unless it is marked for a human. */
	if ((rc = sess_unsee(s, uid, v, 1)) != CURLE_OK) {
		char *what = xasprintf("flagging uid=%" PRIu32 " uidvalidity=%"
		    PRIu32, uid, v);

		sess_fail(s, rc, what, fail, code, cause);
		free(what);
		return TAKE_FAIL;
	}
	st->skipped++;

record:
	/* After the commit (and the move): a crash before this line makes
	 * the next pass offer the message again, which intake dedupes. */
	if ((r = store_imap_state_set(k->st, s->key, v, uid, &why)) != KR_OK) {
		*fail = IMAP_F_STORE;
		*code = 0;
		set_cause(cause, "recording uid=%" PRIu32 " uidvalidity=%"
		    PRIu32 ": %s", uid, v, why);
		free(why);
		return TAKE_FAIL;
	}
	st->last_uid = uid;
	return TAKE_NEXT;
}

int
imap_poll(struct klacht *k, int limit, int trace, volatile int *stop,
    struct imap_stats *st, enum imap_fail *fail, int *code, char **cause)
{
	struct sess	*s;
	CURLcode	 rc;
	enum kres	 r;
	enum take	 t = TAKE_NEXT;
	uint32_t	 v, old_v, last, uidnext, lo, hi, *uids = NULL;
	size_t		 n = 0, i;
	char		*url, *why = NULL;
	int		 ret = -1, final = 0;

	memset(st, 0, sizeof *st);
	*fail = IMAP_OK;
	*code = 0;
	if ((s = sess_open(k, trace, fail, cause)) == NULL)
		return -1;

	/* Log in and SELECT: libcurl selects the URL's mailbox before it
	 * sends the NOOP; the header callback reads UIDVALIDITY from the
	 * SELECT reply. */
	url = xasprintf("%s/%s", s->root, s->path);
	rc = sess_run(s, url, "NOOP", REPLY_MAX);
	free(url);
	if (rc != CURLE_OK) {
		sess_fail(s, rc, NULL, fail, code, cause);
		goto out;
	}
	if ((v = s->uidvalidity) == 0) {
		*fail = IMAP_F_PROTOCOL;
		set_cause(cause, "the server sent no UIDVALIDITY for %s",
		    s->mailbox);
		goto out;
	}
	uidnext = s->uidnext;
	s->url_v = xasprintf("%s/%s;UIDVALIDITY=%" PRIu32, s->root, s->path,
	    v);
	st->uidvalidity = v;

	if ((r = store_imap_state_get(k->st, s->key, &old_v, &last, &why)) !=
	    KR_OK)
		goto store_fail;
	if (old_v != v) {
		if (old_v != 0)
			log_notice("imap: mailbox %s has a new UIDVALIDITY "
			    "(%" PRIu32 " -> %" PRIu32 "): reading it again "
			    "from the start; messages taken in before are "
			    "recognised as duplicates", s->key, old_v, v);
		last = 0;
		if ((r = store_imap_state_set(k->st, s->key, v, 0, &why)) !=
		    KR_OK)
			goto store_fail;
	}
	st->last_uid = last;

	/*
	 * New UIDs, in pages of SEARCH_PAGE UIDs up to UIDNEXT-1 so that no
	 * reply nears libcurl's 300 KiB limit, then once `lo:*` for mail
	 * that arrived after the SELECT (or if the server gave no UIDNEXT).
	 */
	lo = last + 1;
	while (lo != 0 && t == TAKE_NEXT) {
		if (!final && uidnext > lo) {
			hi = uidnext - 1;
			if (hi - lo >= SEARCH_PAGE)
				hi = lo + SEARCH_PAGE - 1;
		} else if (uidnext != 0) {
			/* Mail that arrived during the pass: one bounded page;
			 * anything beyond waits for the next pass. */
			hi = lo + SEARCH_PAGE - 1;
			if (hi < lo)
				hi = UINT32_MAX;
			final = 1;
		} else {
			hi = 0;		/* no UIDNEXT from the server: lo:* */
			final = 1;
		}
		if ((rc = sess_search(s, lo, hi, &uids, &n)) != CURLE_OK) {
			sess_fail(s, rc, "searching for new mail", fail, code,
			    cause);
			free(uids);
			goto out;
		}
		for (i = 0; i < n && t == TAKE_NEXT; i++) {
			if ((stop != NULL && *stop) ||
			    (limit > 0 && st->seen >= limit)) {
				st->more = 1;
				t = TAKE_STOP;
				break;
			}
			t = take_one(k, s, v, uids[i], st, fail, code, cause);
		}
		free(uids);
		uids = NULL;
		if (t == TAKE_FAIL)
			goto out;
		if (final) {
			/* New mail came in during the pass: look again soon. */
			if (n > 0 && uidnext != 0)
				st->more = 1;
			break;
		}
		lo = hi + 1;	/* hi < UINT32_MAX here: UIDNEXT fits */
	}
	ret = 0;
	goto out;

store_fail:
	*fail = IMAP_F_STORE;
	set_cause(cause, "%s", why);
	free(why);
out:
	sess_close(s);
	return ret;
}

/* ------------------------------------------------------------------ job */

int
imap_intake(struct klacht *k, struct imap_link *l, int64_t now, int limit,
    int trace, volatile int *stop)
{
	struct imap_stats	 st;
	const struct cfg_imap	*c = &k->cfg->imap;
	enum imap_fail		 fail;
	int64_t			 base, cap;
	char			*why = NULL;
	int			 code;

	if (l->next_try > now)
		return 0;		/* backing off after a failure */
	if (imap_poll(k, limit, trace, stop, &st, &fail, &code, &why) == 0) {
		if (l->failures > 0)
			log_notice("imap: connection restored (%s as %s) after "
			    "%d failed attempt(s)", c->url, c->user,
			    l->failures);
		memset(l, 0, sizeof *l);
		l->more = st.more;
		if (st.seen > 0)
			log_info("imap: %d new message(s): %d taken in, %d "
			    "deferred, %d skipped, %d moved%s (uidvalidity=%"
			    PRIu32 " last uid=%" PRIu32 ")", st.seen, st.done,
			    st.deferred, st.skipped, st.moved, st.more ?
			    "; more waiting" : "", st.uidvalidity, st.last_uid);
		return 0;
	}

	base = c->poll_interval > 0 ? c->poll_interval : 60;
	cap = base > IMAP_BACKOFF_MAX ? base : IMAP_BACKOFF_MAX;
	l->delay = l->delay == 0 ? base : l->delay * 2 > cap ? cap :
	    l->delay * 2;
	l->next_try = cal_now() + l->delay;
	/* Once per change of kind: a server down for a day is one line. */
	if (l->failures == 0 || fail != l->fail || code != l->code)
		log_err("imap: %s: %s (%s as %s)", imap_fail_name(fail), why,
		    c->url, c->user);
	else
		log_debug("imap: still failing (%d): %s: %s", l->failures + 1,
		    imap_fail_name(fail), why);
	log_debug("imap: next attempt in %llds (backing off up to %llds)",
	    (long long)l->delay, (long long)cap);
	l->fail = fail;
	l->code = code;
	l->failures++;
	free(why);
	return -1;
}
