/*
 * imap.c -- an IMAP session through libcurl (see imap.h): the transport
 * under the IMAP source (imapsrc.c), as smtp.c is for outgoing mail.
 *
 * One session = one easy handle = one connection: the first request (a
 * NOOP on the mailbox URL) makes libcurl log in and SELECT the mailbox;
 * the header callback reads UIDVALIDITY and UIDNEXT from the SELECT
 * reply.  Then `UID SEARCH UID a:b` (a custom request; its untagged reply
 * must stay under libcurl's 300 KiB limit) lists UIDs, and each message
 * is fetched by URL (`MAILBOX;UIDVALIDITY=v/;UID=n`, CURLOPT_CUSTOMREQUEST
 * reset to NULL).  Every later URL carries UIDVALIDITY so that, should
 * libcurl reconnect and re-SELECT in the middle of a pass, a changed
 * mailbox makes the request fail instead of fetching the wrong message.
 *
 * Every request runs through the session's multi handle, so that a fetch
 * can be sent before the message before it is taken in (imap_prefetch):
 * Dovecot reads and sends the next message while intake parses and
 * stores this one, and the answer waits in the socket (issue 17).  The
 * multi handle also keeps the connection between requests.  The IDLE
 * watcher's raw session (CURLOPT_CONNECT_ONLY) has none.
 *
 * Credentials come from secret.c; TLS, timeouts and the login are set up
 * by curlsess.c, shared with smtp.c.
 */
#include "config.h"

#include <curl/curl.h>
#include <ctype.h>
#include <poll.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "curlsess.h"
#include "imap.h"
#include "log.h"
#include "secret.h"
#include "util.h"

#define IMAP_BUFSIZE	(512 * 1024)	/* room for `lo:*` answers too */
#define REPLY_MAX	(1024 * 1024)	/* cap on a custom command's reply */

/* Where a prefetch stands (imap_prefetch). */
enum prefetch {
	PF_NONE,
	PF_RUNNING,	/* sent; its answer lands in body */
	PF_KEPT		/* done, kept in pf_body while another request ran */
};

/* What one request leaves behind, kept aside for a prefetch. */
struct reqstate {
	CURLcode		 rc;
	int			 overflow;
	int			 bye;
	char			 status[256];
	char			 errbuf[CURL_ERROR_SIZE];
};

struct imap {
	CURL			*curl;
	CURLM			*multi;		/* NULL for the raw session */
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
	CURLcode		 rc;		/* of the last request */
	struct buf		 body;
	size_t			 cap;		/* body limit of this request */
	int			 overflow;
	uint32_t		 uidvalidity;	/* from the last SELECT */
	uint32_t		 uidnext;
	int			 caps_known;
	int			 has_move;
	int			 has_uidplus;
	int			 processed_ok;	/* processed mailbox checked */
	/* The raw connection of the IDLE watcher (imapidle.h). */
	long			 timeout;	/* seconds, for raw sends */
	int			 trace;
	char			*qmailbox;	/* mailbox, quoted */
	/* A fetch sent ahead (imap_prefetch). */
	enum prefetch		 pf;
	uint32_t		 pf_uid;
	struct buf		 pf_body;	/* its message, while PF_KEPT */
	struct reqstate		 pf_state;	/* its result, while PF_KEPT */
	struct buf		 hold;		/* the caller's message meanwhile */
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

/* Copies a server line without its tag and Dovecot's timing suffix. */
static void
keep_status(struct imap *s, const char *line, size_t len)
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
	struct imap	*s = arg;
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
	struct imap	*s = arg;
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

/* ------------------------------------------------------------- session */

void
imap_close(struct imap *s)
{
	if (s == NULL)
		return;
	if (s->multi != NULL && s->pf == PF_RUNNING)
		(void)curl_multi_remove_handle(s->multi, s->curl);
	if (s->curl != NULL)
		curl_easy_cleanup(s->curl);
	if (s->multi != NULL)
		curl_multi_cleanup(s->multi);	/* LOGOUT */
	secret_free(s->secret);
	if (s->body.data != NULL)
		explicit_bzero(s->body.data, s->body.size);
	buf_free(&s->body);
	if (s->pf_body.data != NULL)
		explicit_bzero(s->pf_body.data, s->pf_body.size);
	buf_free(&s->pf_body);
	if (s->hold.data != NULL)
		explicit_bzero(s->hold.data, s->hold.size);
	buf_free(&s->hold);
	free(s->root);
	free(s->path);
	free(s->mailbox);
	free(s->key);
	free(s->url_v);
	free(s->qprocessed);
	free(s->qmailbox);
	free(s);
}

/* Splits the configured URL into root and mailbox and derives the key
 * under which the mailbox's state is kept: user@host/mailbox (the scheme
 * and port may change without making klachtd re-read the mailbox). */
static int
sess_url(struct imap *s, const char *url, const char *user, char **cause)
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

struct imap *
imap_open(const struct cfg_imap *c, int trace, enum imap_fail *fail,
    char **cause)
{
	struct imap	*s;
	struct curlsess	 o;
	char		*why = NULL;
	long		 t = c->timeout > 0 ? (long)c->timeout : 60;

	s = xcalloc(1, sizeof *s);
	buf_init(&s->body);
	buf_init(&s->pf_body);
	buf_init(&s->hold);
	if (c->url == NULL || c->user == NULL ||
	    sess_url(s, c->url, c->user, cause) == -1) {
		if (c->url == NULL || c->user == NULL)
			set_cause(cause, "intake.imap needs url and user");
		*fail = IMAP_F_CONFIG;
		imap_close(s);
		return NULL;
	}
	if (c->processed_mailbox != NULL &&
	    (s->qprocessed = mailbox_quote(c->processed_mailbox)) == NULL) {
		set_cause(cause, "intake.imap.processed_mailbox is not valid "
		    "UTF-8 text");
		*fail = IMAP_F_CONFIG;
		imap_close(s);
		return NULL;
	}

	/* Credentials are read at every connect, so a rotated password or
	 * a refreshed token is used without a reload. */
	if (c->password_file != NULL) {
		if ((s->secret = secret_read_file(c->password_file, &why)) ==
		    NULL) {
			set_cause(cause, "password_file: %s", why);
			free(why);
		}
	} else if (c->oauth2_token_file != NULL)
		s->secret = secret_token_file(c->oauth2_token_file, cause);
	else if (c->oauth2_token_command != NULL)
		s->secret = secret_token_command(c->oauth2_token_command,
		    (int)t, cause);
	else
		set_cause(cause, "intake.imap needs password_file, "
		    "oauth2_token_file or oauth2_token_command");
	if (s->secret == NULL) {
		*fail = IMAP_F_SECRET;
		imap_close(s);
		return NULL;
	}

	memset(&o, 0, sizeof o);
	o.starttls = c->starttls;
	o.starttls_set = str_startswith(c->url, "imap://");
	o.ca_file = c->ca_file;
	o.timeout = t;
	o.stall = 1;
	o.user = c->user;
	if (c->password_file != NULL)
		o.password = s->secret;
	else
		o.bearer = s->secret;
	o.errbuf = s->errbuf;
	if ((s->curl = curlsess_new(&o, cause)) == NULL ||
	    (s->multi = curl_multi_init()) == NULL) {
		if (s->curl != NULL)
			set_cause(cause, "curl_multi_init failed");
		*fail = IMAP_F_PROTOCOL;
		imap_close(s);
		return NULL;
	}
	/* libcurl drops the middle of an untagged line longer than its
	 * read buffer without an error: make the buffer large. */
	curl_easy_setopt(s->curl, CURLOPT_BUFFERSIZE, (long)IMAP_BUFSIZE);
	curl_easy_setopt(s->curl, CURLOPT_PROTOCOLS_STR, "imap,imaps");
	curl_easy_setopt(s->curl, CURLOPT_HEADERFUNCTION, header_cb);
	curl_easy_setopt(s->curl, CURLOPT_HEADERDATA, s);
	curl_easy_setopt(s->curl, CURLOPT_WRITEFUNCTION, write_cb);
	curl_easy_setopt(s->curl, CURLOPT_WRITEDATA, s);
	s->timeout = t;
	s->trace = trace;
	if (trace) {
		curl_easy_setopt(s->curl, CURLOPT_DEBUGFUNCTION, debug_cb);
		curl_easy_setopt(s->curl, CURLOPT_VERBOSE, 1L);
	}
	return s;
}

const char *
imap_mailbox(const struct imap *s)
{
	return s->mailbox;
}

const char *
imap_key(const struct imap *s)
{
	return s->key;
}

const char *
imap_processed(const struct imap *s)
{
	return s->qprocessed;
}

/* Clears what the last request left and points the handle at the next. */
static void
req_prepare(struct imap *s, const char *url, const char *cmd, size_t cap)
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
}

/*
 * Drives the session's one transfer, already added to the multi handle,
 * to its end.  libcurl enforces the connect, reply and stall timeouts
 * (curlsess.c); the poll wakes at least once a second to let it.
 */
static CURLcode
multi_finish(struct imap *s)
{
	CURLMsg		*m;
	CURLMcode	 mc;
	CURLcode	 rc = CURLE_OK;
	int		 running, left, done = 0;

	while (!done) {
		if ((mc = curl_multi_perform(s->multi, &running)) !=
		    CURLM_OK) {
			snprintf(s->errbuf, sizeof s->errbuf, "%s",
			    curl_multi_strerror(mc));
			rc = CURLE_FAILED_INIT;
			break;
		}
		while ((m = curl_multi_info_read(s->multi, &left)) != NULL)
			if (m->msg == CURLMSG_DONE && m->easy_handle == s->curl) {
				rc = m->data.result;
				done = 1;
			}
		if (!done && (mc = curl_multi_poll(s->multi, NULL, 0, 1000,
		    NULL)) != CURLM_OK) {
			snprintf(s->errbuf, sizeof s->errbuf, "%s",
			    curl_multi_strerror(mc));
			rc = CURLE_FAILED_INIT;
			break;
		}
	}
	(void)curl_multi_remove_handle(s->multi, s->curl);
	return rc;
}

static void
buf_swap(struct buf *a, struct buf *b)
{
	struct buf	t = *a;

	*a = *b;
	*b = t;
}

/* A running prefetch, finished and kept aside so another request can run. */
static void
prefetch_keep(struct imap *s)
{
	if (s->pf != PF_RUNNING)
		return;
	s->rc = multi_finish(s);
	buf_swap(&s->body, &s->pf_body);
	s->pf_state.rc = s->rc;
	s->pf_state.overflow = s->overflow;
	s->pf_state.bye = s->bye;
	memcpy(s->pf_state.status, s->status, sizeof s->status);
	memcpy(s->pf_state.errbuf, s->errbuf, sizeof s->errbuf);
	s->pf = PF_KEPT;
}

/* One request on the session's connection: cmd NULL fetches the URL. */
static CURLcode
sess_run(struct imap *s, const char *url, const char *cmd, size_t cap)
{
	CURLMcode	mc;

	prefetch_keep(s);
	req_prepare(s, url, cmd, cap);
	if (s->multi == NULL)
		s->rc = curl_easy_perform(s->curl);
	else if ((mc = curl_multi_add_handle(s->multi, s->curl)) != CURLM_OK) {
		snprintf(s->errbuf, sizeof s->errbuf, "%s",
		    curl_multi_strerror(mc));
		s->rc = CURLE_FAILED_INIT;
	} else
		s->rc = multi_finish(s);
	return s->rc;
}

/* A custom command on the selected mailbox, printf-style. */
static CURLcode
sess_cmd(struct imap *s, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static CURLcode
sess_cmd(struct imap *s, const char *fmt, ...)
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

char *
imap_why(struct imap *s)
{
	CURLcode	 rc = s->rc;
	char		*safe, *out;

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

int
imap_failed(struct imap *s, const char *what, enum imap_fail *fail,
    int *code, char **cause)
{
	CURLcode	 rc = s->rc;
	char		*why = imap_why(s);

	*fail = imap_classify((int)rc, s->errbuf, s->bye);
	*code = (int)rc;
	set_cause(cause, "%s%s%s", what != NULL ? what : "",
	    what != NULL ? ": " : "", why);
	free(why);
	return -1;
}

/* Reads the server's capabilities (after login they list MOVE etc.). */
static CURLcode
sess_caps(struct imap *s)
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
sess_processed_box(struct imap *s)
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
			why = imap_why(s);
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
sess_move(struct imap *s, uint32_t uid)
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

/*
 * Moves the messages of a UID set (uidset.h) to the processed mailbox
 * with one command per step: UID MOVE set, or UID COPY set + UID STORE
 * set \Deleted + UID EXPUNGE set (plain EXPUNGE without UIDPLUS).  UIDs
 * of the set that are gone already are passed over by the server.
 */
static CURLcode
sess_move_set(struct imap *s, const char *set)
{
	CURLcode	rc;

	if ((rc = sess_caps(s)) != CURLE_OK ||
	    (rc = sess_processed_box(s)) != CURLE_OK)
		return rc;
	if (s->has_move)
		return sess_cmd(s, "UID MOVE %s %s", set, s->qprocessed);
	if ((rc = sess_cmd(s, "UID COPY %s %s", set, s->qprocessed)) !=
	    CURLE_OK ||
	    (rc = sess_cmd(s, "UID STORE %s +FLAGS.SILENT (\\Deleted)",
	    set)) != CURLE_OK)
		return rc;
	if (s->has_uidplus)
		return sess_cmd(s, "UID EXPUNGE %s", set);
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
sess_search(struct imap *s, uint32_t lo, uint32_t hi, uint32_t **v,
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


/* ------------------------------------------------------------ requests */

/* The kind of the last request's result. */
static enum imap_rc
rc_of(struct imap *s, CURLcode rc)
{
	switch (rc) {
	case CURLE_OK:
		return IMAP_RC_OK;
	case CURLE_QUOTE_ERROR:		/* a custom command got NO or BAD */
		return IMAP_RC_REFUSED;
	case CURLE_REMOTE_FILE_NOT_FOUND:
		return IMAP_RC_GONE;
	case CURLE_WRITE_ERROR:
		return s->overflow ? IMAP_RC_TOOBIG : IMAP_RC_FAIL;
	default:
		return IMAP_RC_FAIL;
	}
}

int
imap_select(struct imap *s, uint32_t *uidvalidity, uint32_t *uidnext,
    enum imap_fail *fail, int *code, char **cause)
{
	char	*url;

	/* Log in and SELECT: libcurl selects the URL's mailbox before it
	 * sends the NOOP; the header callback reads UIDVALIDITY from the
	 * SELECT reply. */
	url = xasprintf("%s/%s", s->root, s->path);
	(void)sess_run(s, url, "NOOP", REPLY_MAX);
	free(url);
	if (s->rc != CURLE_OK)
		return imap_failed(s, NULL, fail, code, cause);
	if (s->uidvalidity == 0) {
		*fail = IMAP_F_PROTOCOL;
		set_cause(cause, "the server sent no UIDVALIDITY for %s",
		    s->mailbox);
		return -1;
	}
	free(s->url_v);
	s->url_v = xasprintf("%s/%s;UIDVALIDITY=%" PRIu32, s->root, s->path,
	    s->uidvalidity);
	*uidvalidity = s->uidvalidity;
	*uidnext = s->uidnext;
	return 0;
}

enum imap_rc
imap_search(struct imap *s, uint32_t lo, uint32_t hi, uint32_t **v,
    size_t *n)
{
	return rc_of(s, sess_search(s, lo, hi, v, n));
}

enum imap_rc
imap_fetch(struct imap *s, uint32_t uid, size_t cap, const char **data,
    size_t *len)
{
	char		*url;
	CURLcode	 rc;

	if (s->pf != PF_NONE && s->pf_uid == uid) {
		/* Sent ahead: its answer, as if fetched now. */
		if (s->pf == PF_RUNNING)
			rc = s->rc = multi_finish(s);
		else {
			buf_swap(&s->body, &s->pf_body);
			rc = s->rc = s->pf_state.rc;
			s->overflow = s->pf_state.overflow;
			s->bye = s->pf_state.bye;
			memcpy(s->status, s->pf_state.status,
			    sizeof s->status);
			memcpy(s->errbuf, s->pf_state.errbuf,
			    sizeof s->errbuf);
		}
		s->pf = PF_NONE;
	} else {
		prefetch_keep(s);
		s->pf = PF_NONE;	/* another message: the kept one goes */
		url = xasprintf("%s/;UID=%" PRIu32, s->url_v, uid);
		rc = sess_run(s, url, NULL, cap);
		free(url);
	}
	*data = s->body.data;
	*len = s->body.len;
	return rc_of(s, rc);
}

void
imap_prefetch(struct imap *s, uint32_t uid, size_t cap)
{
	char		*url;
	int		 running;

	if (s->multi == NULL || s->pf != PF_NONE)
		return;
	/* The caller's message (the last fetch) stays valid in hold. */
	buf_swap(&s->body, &s->hold);
	url = xasprintf("%s/;UID=%" PRIu32, s->url_v, uid);
	req_prepare(s, url, NULL, cap);
	free(url);
	if (curl_multi_add_handle(s->multi, s->curl) != CURLM_OK)
		return;		/* no prefetch: imap_fetch fetches it */
	s->pf = PF_RUNNING;
	s->pf_uid = uid;
	/* Sends the request; the answer is read by imap_fetch. */
	(void)curl_multi_perform(s->multi, &running);
}

uint32_t
imap_prefetch_drop(struct imap *s)
{
	int	fetched;

	if (s->pf == PF_NONE)
		return 0;
	prefetch_keep(s);
	s->pf = PF_NONE;
	fetched = s->pf_state.rc == CURLE_OK || s->pf_state.overflow;
	return fetched ? s->pf_uid : 0;
}

enum imap_rc
imap_noop(struct imap *s)
{
	return rc_of(s, sess_cmd(s, "NOOP"));
}

enum imap_rc
imap_move(struct imap *s, uint32_t uid)
{
	return rc_of(s, sess_move(s, uid));
}

enum imap_rc
imap_move_set(struct imap *s, const char *set)
{
	return rc_of(s, sess_move_set(s, set));
}

enum imap_rc
imap_unseen(struct imap *s, uint32_t uid, int flag)
{
	CURLcode	rc;

	rc = sess_cmd(s, "UID STORE %" PRIu32 " -FLAGS.SILENT (\\Seen)", uid);
	if (rc == CURLE_OK && flag)
		rc = sess_cmd(s, "UID STORE %" PRIu32
		    " +FLAGS.SILENT (\\Flagged)", uid);
	return rc_of(s, rc);
}

/* ---------------------------------------------------- raw (IMAP IDLE) */

/*
 * libcurl has no IDLE: the watcher's session is opened with
 * CURLOPT_CONNECT_ONLY, which makes libcurl connect, do TLS/STARTTLS and
 * log in exactly as for the main session (same options, same masked
 * trace), and stop there; the rest is plain lines over
 * curl_easy_send/recv.
 */
int
imap_raw_connect(struct imap *s, enum imap_fail *fail, char **cause)
{
	char	*url;

	/* curl_easy_send/recv need an easy-interface transfer. */
	if (s->multi != NULL) {
		curl_multi_cleanup(s->multi);
		s->multi = NULL;
	}
	curl_easy_setopt(s->curl, CURLOPT_CONNECT_ONLY, 1L);
	url = xasprintf("%s/", s->root);
	(void)sess_run(s, url, NULL, REPLY_MAX);
	free(url);
	if (s->rc != CURLE_OK) {
		int	code;

		return imap_failed(s, NULL, fail, &code, cause);
	}
	if (s->qmailbox == NULL &&
	    (s->qmailbox = mailbox_quote(s->mailbox)) == NULL) {
		*fail = IMAP_F_CONFIG;
		set_cause(cause, "the mailbox name is not valid UTF-8 text");
		return -1;
	}
	return 0;
}

const char *
imap_raw_mailbox(const struct imap *s)
{
	return s->qmailbox;
}

int
imap_raw_fd(struct imap *s)
{
	curl_socket_t	fd = CURL_SOCKET_BAD;

	if (curl_easy_getinfo(s->curl, CURLINFO_ACTIVESOCKET, &fd) !=
	    CURLE_OK || fd == CURL_SOCKET_BAD)
		return -1;
	return (int)fd;
}

int
imap_raw_send(struct imap *s, const char *line, char **cause)
{
	struct pollfd	 pfd;
	char		*out;
	size_t		 len, off = 0, n;
	int64_t		 end = mono_ms() + (int64_t)s->timeout * 1000;
	CURLcode	 rc;

	if (s->trace) {
		/* mask_line() takes a line without a tag for a SASL
		 * continuation; DONE is the one such line sent here. */
		char *shown = strcmp(line, "DONE") == 0 ? xstrdup(line) :
		    mask_line(line), *safe = str_log_safe(shown, 300);

		log_debug("imap idle > %s", safe);
		free(safe);
		free(shown);
	}
	out = xasprintf("%s\r\n", line);
	len = strlen(out);
	while (off < len) {
		n = 0;
		rc = curl_easy_send(s->curl, out + off, len - off, &n);
		if (rc == CURLE_OK) {
			off += n;
			continue;
		}
		if (rc != CURLE_AGAIN || mono_ms() >= end) {
			set_cause(cause, "%s", rc == CURLE_AGAIN ?
			    "server not reading" : curl_easy_strerror(rc));
			free(out);
			return -1;
		}
		pfd.fd = imap_raw_fd(s);
		pfd.events = POLLOUT;
		(void)poll(&pfd, 1, 200);
	}
	free(out);
	return 0;
}

ssize_t
imap_raw_recv(struct imap *s, char *buf, size_t len, char **cause)
{
	size_t		n = 0;
	CURLcode	rc;

	rc = curl_easy_recv(s->curl, buf, len, &n);
	if (rc == CURLE_AGAIN)
		return 0;
	if (rc != CURLE_OK) {
		set_cause(cause, "%s", curl_easy_strerror(rc));
		return -1;
	}
	if (n == 0) {
		set_cause(cause, "connection closed by the server");
		return -1;
	}
	return (ssize_t)n;
}
