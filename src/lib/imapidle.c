/*
 * imapidle.c -- the IMAP push watcher (see imapidle.h): a small state
 * machine over imap.c's raw connection.  Commands are sent and their
 * tagged answers awaited synchronously (each wait bounded by
 * intake.imap.timeout); between them the daemon's poll() watches the
 * socket and imapidle_input() reads the untagged EXISTS / RECENT lines
 * an idling server sends.
 */
#include "config.h"

#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "imap.h"
#include "imapidle.h"
#include "log.h"
#include "util.h"

#define BACKOFF_MAX	300	/* seconds between reconnection attempts */
#define LINE_MAX_LEN	(64 * 1024)	/* a longer line: protocol error */

enum ix_state {
	IX_DOWN,		/* no connection; next attempt at next_try */
	IX_IDLE,		/* idling on the mailbox */
	IX_POLL,		/* no IDLE: STATUS every status_poll_interval */
	IX_OFF			/* no IDLE and no status poll: nothing */
};

struct imapidle {
	const struct cfg_imap	*c;
	int			 trace;
	struct imap		*s;
	enum ix_state		 state;
	struct buf		 in;		/* bytes not yet split in lines */
	unsigned		 tag;
	char			 idle_tag[16];	/* of the running IDLE */
	int64_t			 next_try;	/* mono seconds */
	int64_t			 delay;		/* backoff; 0 when healthy */
	int64_t			 idle_since;
	int64_t			 next_status;
	char			*last_status;	/* the STATUS answer, as sent */
	int			 mail;		/* EXISTS / RECENT seen */
	int			 has_idle;
	int			 said_down;	/* outage logged */
	int			 said_mode;	/* how we watch, logged once */
	int			 ever_up;
};

static int64_t
now_s(void)
{
	return mono_ms() / 1000;
}

struct imapidle *
imapidle_new(const struct cfg_imap *c, int trace)
{
	struct imapidle	*ix;

	if (!c->idle && c->status_poll_interval <= 0)
		return NULL;
	ix = xcalloc(1, sizeof *ix);
	ix->c = c;
	ix->trace = trace;
	ix->state = IX_DOWN;
	buf_init(&ix->in);
	return ix;
}

static int ix_done(struct imapidle *, char **);

/* Drops the connection (after DONE and its answer when idling, so that
 * the LOGOUT libcurl sends at cleanup is answered at once). */
static void
ix_close(struct imapidle *ix)
{
	char	*why = NULL;

	if (ix->s != NULL && ix->state == IX_IDLE)
		(void)ix_done(ix, &why);
	free(why);
	imap_close(ix->s);
	ix->s = NULL;
	ix->in.len = 0;
	ix->mail = 0;
}

void
imapidle_free(struct imapidle *ix)
{
	if (ix == NULL)
		return;
	ix_close(ix);
	buf_free(&ix->in);
	free(ix->last_status);
	free(ix);
}

int
imapidle_fd(struct imapidle *ix)
{
	if (ix == NULL || ix->s == NULL)
		return -1;
	return imap_raw_fd(ix->s);
}

/* Reads what is pending, waiting up to wait_ms for the first byte.  0,
 * or -1 with cause when the connection is gone. */
static int
ix_fill(struct imapidle *ix, int wait_ms, char **cause)
{
	struct pollfd	 pfd;
	char		 b[4096];
	ssize_t		 n;

	if (wait_ms > 0) {
		pfd.fd = imap_raw_fd(ix->s);
		pfd.events = POLLIN;
		if (pfd.fd == -1) {
			set_cause(cause, "no connection");
			return -1;
		}
		(void)poll(&pfd, 1, wait_ms);	/* EINTR: read anyway */
	}
	/* Until libcurl has nothing more: with TLS, decrypted bytes can
	 * wait in libcurl while the socket is quiet. */
	while ((n = imap_raw_recv(ix->s, b, sizeof b, cause)) > 0) {
		buf_add(&ix->in, b, (size_t)n);
		if (ix->in.len > LINE_MAX_LEN && memchr(ix->in.data, '\n',
		    ix->in.len) == NULL) {
			set_cause(cause, "server line too long");
			return -1;
		}
	}
	return n < 0 ? -1 : 0;
}

/* The next complete line without CRLF (caller frees), or NULL. */
static char *
ix_line(struct imapidle *ix)
{
	char	*nl, *line;
	size_t	 len;

	if (ix->in.len == 0 ||
	    (nl = memchr(ix->in.data, '\n', ix->in.len)) == NULL)
		return NULL;
	len = (size_t)(nl - ix->in.data);
	line = xstrndup(ix->in.data, len > 0 && nl[-1] == '\r' ? len - 1 :
	    len);
	ix->in.len -= len + 1;
	memmove(ix->in.data, nl + 1, ix->in.len);
	if (ix->trace) {
		char *safe = str_log_safe(line, 300);

		log_debug("imap idle < %s", safe);
		free(safe);
	}
	return line;
}

/* An untagged line: notes new mail ("* 5 EXISTS", "* 1 RECENT"). */
static void
ix_untagged(struct imapidle *ix, const char *line)
{
	const char	*p = line + 2;

	if (line[0] != '*' || line[1] != ' ' || *p < '0' || *p > '9')
		return;
	p += strspn(p, "0123456789");
	if (strcasecmp(p, " EXISTS") == 0 || strcasecmp(p, " RECENT") == 0)
		ix->mail = 1;
}

/*
 * Reads until the tagged answer to tag, or until a continuation when
 * plus is set.  Untagged lines are noted; those starting with want (e.g.
 * "* CAPABILITY ") are appended to *got.  0 on OK (or "+"), -1 with
 * cause (what names the command).
 */
static int
ix_wait(struct imapidle *ix, const char *tag, const char *what, int plus,
    const char *want, struct buf *got, char **cause)
{
	char		*line, *safe;
	size_t		 tl = strlen(tag);
	int64_t		 end;
	int		 rc, left;

	end = mono_ms() + (ix->c->timeout > 0 ? ix->c->timeout : 60) * 1000;
	for (;;) {
		while ((line = ix_line(ix)) != NULL) {
			if (plus && line[0] == '+') {
				free(line);
				return 0;
			}
			if (strncmp(line, tag, tl) == 0 && line[tl] == ' ') {
				rc = 0;
				if (!str_casestartswith(line + tl + 1, "OK ") &&
				    strcasecmp(line + tl + 1, "OK") != 0) {
					safe = str_log_safe(line + tl + 1, 200);
					set_cause(cause, "%s: %s", what, safe);
					free(safe);
					rc = -1;
				}
				free(line);
				return rc;
			}
			if (str_casestartswith(line, "* BYE")) {
				set_cause(cause, "the server said BYE");
				free(line);
				return -1;
			}
			ix_untagged(ix, line);
			if (want != NULL && str_casestartswith(line, want)) {
				buf_adds(got, line);
				buf_addc(got, '\n');
			}
			free(line);
		}
		left = (int)(end - mono_ms());
		if (left <= 0) {
			set_cause(cause, "%s: server not answering", what);
			return -1;
		}
		if (ix_fill(ix, left, cause) == -1)
			return -1;
	}
}

/* Sends "TAG cmd" and waits for its answer (see ix_wait); an IDLE's tag
 * is kept for the DONE that ends it. */
static int
ix_cmd(struct imapidle *ix, const char *cmd, int plus, const char *want,
    struct buf *got, char **cause)
{
	char	tag[16], *full, verb[16];
	int	rc;

	snprintf(tag, sizeof tag, "W%u", ++ix->tag);
	full = xasprintf("%s %s", tag, cmd);
	rc = imap_raw_send(ix->s, full, cause);
	free(full);
	if (rc == -1)
		return -1;
	if (plus)
		snprintf(ix->idle_tag, sizeof ix->idle_tag, "%s", tag);
	snprintf(verb, sizeof verb, "%.*s", (int)strcspn(cmd, " "), cmd);
	return ix_wait(ix, tag, verb, plus, want, got, cause);
}

/* Ends the running IDLE: DONE, answered with the IDLE's tagged OK. */
static int
ix_done(struct imapidle *ix, char **cause)
{
	if (imap_raw_send(ix->s, "DONE", cause) == -1)
		return -1;
	return ix_wait(ix, ix->idle_tag, "IDLE", 0, NULL, NULL, cause);
}

/* Does the CAPABILITY answer list IDLE? */
static int
has_idle(const char *caps)
{
	const char	*p = caps;

	while ((p = strcasestr(p, "IDLE")) != NULL) {
		if (p > caps && p[-1] == ' ' && (p[4] == ' ' ||
		    p[4] == '\n' || p[4] == '\0'))
			return 1;
		p += 4;
	}
	return 0;
}

/* Asks STATUS; 1 when the answer differs from the last one. */
static int
ix_status(struct imapidle *ix, char **cause)
{
	struct buf	 got;
	char		*cmd, *ans;
	int		 changed;

	buf_init(&got);
	cmd = xasprintf("STATUS %s (UIDNEXT UIDVALIDITY)",
	    imap_raw_mailbox(ix->s));
	if (ix_cmd(ix, cmd, 0, "* STATUS ", &got, cause) == -1) {
		free(cmd);
		buf_free(&got);
		return -1;
	}
	free(cmd);
	ans = buf_detach(&got, NULL);
	if (ans == NULL)
		ans = xstrdup("");
	changed = ix->last_status != NULL && strcmp(ans, ix->last_status) != 0;
	free(ix->last_status);
	ix->last_status = ans;
	ix->next_status = now_s() + ix->c->status_poll_interval;
	return changed;
}

/* Opens the connection and starts watching; 0 or -1 with cause. */
static int
ix_connect(struct imapidle *ix, char **cause)
{
	enum imap_fail	 fail;
	struct buf	 caps;
	char		*cmd, *c;
	int		 rc;

	if ((ix->s = imap_open(ix->c, ix->trace, &fail, cause)) == NULL)
		return -1;
	if (imap_raw_connect(ix->s, &fail, cause) == -1)
		return -1;
	buf_init(&caps);
	rc = ix_cmd(ix, "CAPABILITY", 0, "* CAPABILITY ", &caps, cause);
	c = buf_detach(&caps, NULL);
	ix->has_idle = c != NULL && has_idle(c);
	free(c);
	if (rc == -1)
		return -1;
	if (ix->c->idle && ix->has_idle) {
		cmd = xasprintf("SELECT %s", imap_raw_mailbox(ix->s));
		rc = ix_cmd(ix, cmd, 0, NULL, NULL, cause);
		free(cmd);
		/* Mail already there when we SELECT is the intake's. */
		ix->mail = 0;
		if (rc == -1 || ix_cmd(ix, "IDLE", 1, NULL, NULL, cause) == -1)
			return -1;
		ix->state = IX_IDLE;
		ix->idle_since = now_s();
		if (!ix->said_mode)
			log_info("imap: IDLE on %s: new mail is taken in at "
			    "once (IDLE renewed every %llds)",
			    imap_mailbox(ix->s),
			    (long long)ix->c->idle_refresh);
		ix->said_mode = 1;
		return 0;
	}
	if (ix->c->status_poll_interval <= 0) {
		if (!ix->said_mode)
			log_notice("imap: the server offers no IDLE; new mail "
			    "is found by the poll, every %llds",
			    (long long)ix->c->poll_interval);
		ix->said_mode = 1;
		ix->state = IX_OFF;
		ix_close(ix);
		return 0;
	}
	free(ix->last_status);
	ix->last_status = NULL;
	ix->state = IX_POLL;
	if (ix_status(ix, cause) == -1)
		return -1;
	if (!ix->said_mode)
		log_info("imap: %s; polling %s with STATUS every %llds",
		    ix->c->idle ? "the server offers no IDLE" : "IDLE is off",
		    imap_mailbox(ix->s),
		    (long long)ix->c->status_poll_interval);
	ix->said_mode = 1;
	return 0;
}

/* The connection failed: logs (once per outage), backs off. */
static void
ix_down(struct imapidle *ix, const char *what, char *why)
{
	int	was_up = ix->s != NULL && ix->state != IX_DOWN;

	ix->state = IX_DOWN;
	ix_close(ix);
	ix->delay = ix->delay == 0 ? 2 : ix->delay * 2;
	if (ix->delay > BACKOFF_MAX)
		ix->delay = BACKOFF_MAX;
	ix->next_try = now_s() + ix->delay;
	if (!was_up && ix->said_down)
		log_debug("imap idle: %s: %s; next attempt in %llds", what,
		    why != NULL ? why : "?", (long long)ix->delay);
	else
		log_warn("imap idle: %s: %s; new mail is found by the poll, "
		    "every %llds, until the watcher reconnects (next attempt "
		    "in %llds)", what, why != NULL ? why : "?",
		    (long long)ix->c->poll_interval, (long long)ix->delay);
	ix->said_down = 1;
	free(why);
}

enum idle_news
imapidle_tick(struct imapidle *ix, int may_connect)
{
	char		*why = NULL;
	int64_t		 now = now_s();
	int		 r;

	if (ix == NULL || ix->state == IX_OFF)
		return IDLE_NOTHING;
	switch (ix->state) {
	case IX_DOWN:
		if (now < ix->next_try || !may_connect)
			return IDLE_NOTHING;
		if (ix_connect(ix, &why) == -1) {
			ix_down(ix, ix->ever_up ? "cannot reconnect" :
			    "cannot connect", why);
			return IDLE_NOTHING;
		}
		if (ix->said_down && ix->ever_up)
			log_notice("imap idle: connection restored");
		ix->said_down = 0;
		ix->delay = 0;
		ix->ever_up = 1;
		return IDLE_BACK;
	case IX_IDLE:
		if (now < ix->idle_since + ix->c->idle_refresh)
			break;
		/* DONE ends the IDLE with the IDLE's own tagged OK. */
		if (ix_done(ix, &why) == -1 ||
		    ix_cmd(ix, "IDLE", 1, NULL, NULL, &why) == -1) {
			ix_down(ix, "connection lost", why);
			return IDLE_NOTHING;
		}
		ix->idle_since = now_s();
		log_debug("imap idle: IDLE renewed");
		break;
	case IX_POLL:
		if (now < ix->next_status)
			break;
		if ((r = ix_status(ix, &why)) == -1) {
			ix_down(ix, "connection lost", why);
			return IDLE_NOTHING;
		}
		if (r == 1)
			ix->mail = 1;
		break;
	default:
		break;
	}
	if (ix->mail) {
		ix->mail = 0;
		return IDLE_MAIL;
	}
	return IDLE_NOTHING;
}

enum idle_news
imapidle_input(struct imapidle *ix)
{
	char	*why = NULL, *line;
	int	 mail;

	if (ix == NULL || ix->s == NULL)
		return IDLE_NOTHING;
	if (ix_fill(ix, 0, &why) == -1) {
		/* What came before the end still counts. */
		while ((line = ix_line(ix)) != NULL) {
			ix_untagged(ix, line);
			free(line);
		}
		mail = ix->mail;
		ix_down(ix, "connection lost", why);
		return mail ? IDLE_MAIL : IDLE_NOTHING;
	}
	while ((line = ix_line(ix)) != NULL) {
		if (str_casestartswith(line, "* BYE")) {
			free(line);
			ix_down(ix, "connection lost",
			    xstrdup("the server said BYE"));
			return IDLE_NOTHING;
		}
		ix_untagged(ix, line);
		free(line);
	}
	if (ix->mail) {
		ix->mail = 0;
		return IDLE_MAIL;
	}
	return IDLE_NOTHING;
}
