/*
 * smtp.c -- SMTP submission through libcurl.
 *
 * The easy handle is reused for every message of a batch so libcurl keeps
 * the connection (and its TLS session and AUTH) open between them.  The
 * last SMTP reply code decides whether a failure is permanent (5xx: the
 * server will never take it) or temporary (4xx, network, timeout).
 */
#include "config.h"

#include <curl/curl.h>
#include <stdlib.h>
#include <string.h>

#include "curlsess.h"
#include "log.h"
#include "secret.h"
#include "smtp.h"

struct smtp {
	CURL		*curl;
	char		*url;
	char		*password;
	char		 errbuf[CURL_ERROR_SIZE];
	int		 trace;
};

struct upload {
	const char	*data;
	size_t		 len;
	size_t		 off;
};

static size_t
read_cb(char *ptr, size_t size, size_t nmemb, void *arg)
{
	struct upload	*u = arg;
	size_t		 n = size * nmemb;

	if (n > u->len - u->off)
		n = u->len - u->off;
	memcpy(ptr, u->data + u->off, n);
	u->off += n;
	return n;
}

/* The line as it may appear in a trace: AUTH arguments and the SASL
 * continuation lines that carry credentials are masked. */
static char *
trace_line(curl_infotype type, const char *data, size_t size)
{
	char	*line, *shown;

	line = xstrndup(data, size);
	line[strcspn(line, "\r\n")] = '\0';
	if (type == CURLINFO_HEADER_OUT && str_casestartswith(line, "AUTH "))
		shown = xasprintf("%.*s *** (masked)",
		    (int)strcspn(line + 5, " ") + 5, line);
	else if (type == CURLINFO_HEADER_OUT && strchr(line, ' ') == NULL &&
	    strlen(line) > 8 && !str_casestartswith(line, "QUIT") &&
	    !str_casestartswith(line, "DATA") &&
	    !str_casestartswith(line, "RSET") &&
	    !str_casestartswith(line, "NOOP"))
		shown = xstrdup("*** (masked)");
	else
		shown = str_log_safe(line, 300);
	free(line);
	return shown;
}

static int
debug_cb(CURL *h, curl_infotype type, char *data, size_t size, void *arg)
{
	char	*shown;

	(void)h;
	(void)arg;
	if (type != CURLINFO_HEADER_IN && type != CURLINFO_HEADER_OUT)
		return 0;
	shown = trace_line(type, data, size);
	log_debug("smtp %s %s", type == CURLINFO_HEADER_IN ? "<" : ">", shown);
	free(shown);
	return 0;
}

struct smtp *
smtp_open(const struct cfg_smtp *c, const char *helo, char **cause)
{
	struct smtp	*s;
	struct curlsess	 o;
	const char	*rest;

	s = xcalloc(1, sizeof *s);
	if (c->password_file != NULL &&
	    (s->password = secret_read_file(c->password_file, cause)) == NULL) {
		free(s);
		return NULL;
	}
	/* libcurl takes the EHLO name from the URL path. */
	rest = strstr(c->url, "://");
	rest = rest != NULL ? strchr(rest + 3, '/') : NULL;
	if (rest == NULL || rest[1] == '\0')
		s->url = xasprintf("%s%s%s", c->url,
		    rest == NULL ? "/" : "", helo);
	else
		s->url = xstrdup(c->url);
	memset(&o, 0, sizeof o);
	o.starttls = c->starttls;
	o.starttls_set = 1;	/* smtps:// is TLS from the start anyway */
	o.ca_file = c->ca_file;
	o.timeout = (long)c->timeout;
	o.total = (long)c->timeout * 5;
	o.user = c->user;
	o.password = s->password;
	o.errbuf = s->errbuf;
	if ((s->curl = curlsess_new(&o, cause)) == NULL) {
		smtp_close(s);
		return NULL;
	}
	curl_easy_setopt(s->curl, CURLOPT_URL, s->url);
	curl_easy_setopt(s->curl, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(s->curl, CURLOPT_READFUNCTION, read_cb);
	curl_easy_setopt(s->curl, CURLOPT_DEBUGFUNCTION, debug_cb);
	return s;
}

void
smtp_set_trace(struct smtp *s, int on)
{
	s->trace = on;
	curl_easy_setopt(s->curl, CURLOPT_VERBOSE, on ? 1L : 0L);
}

void
smtp_close(struct smtp *s)
{
	if (s == NULL)
		return;
	if (s->curl != NULL)
		curl_easy_cleanup(s->curl);
	secret_free(s->password);
	free(s->url);
	free(s);
}

enum kres
smtp_send(struct smtp *s, const char *from, const char *rcpt,
    const char *data, size_t len, char **cause)
{
	struct curl_slist	*rcpts = NULL;
	struct upload		 u = { data, len, 0 };
	char			*mf, *rt;
	long			 code = 0;
	CURLcode		 rc;

	mf = xasprintf("<%s>", from);
	rt = xasprintf("<%s>", rcpt);
	rcpts = curl_slist_append(rcpts, rt);
	curl_easy_setopt(s->curl, CURLOPT_MAIL_FROM, mf);
	curl_easy_setopt(s->curl, CURLOPT_MAIL_RCPT, rcpts);
	curl_easy_setopt(s->curl, CURLOPT_READDATA, &u);
	curl_easy_setopt(s->curl, CURLOPT_INFILESIZE_LARGE, (curl_off_t)len);
	s->errbuf[0] = '\0';
	rc = curl_easy_perform(s->curl);
	curl_easy_getinfo(s->curl, CURLINFO_RESPONSE_CODE, &code);
	curl_easy_setopt(s->curl, CURLOPT_MAIL_RCPT, NULL);
	curl_slist_free_all(rcpts);
	free(mf);
	free(rt);
	if (rc == CURLE_OK)
		return KR_OK;
	set_cause(cause, "%s%s%s (SMTP reply %ld)", curl_easy_strerror(rc),
	    s->errbuf[0] ? ": " : "", s->errbuf, code);
	if (code >= 500 && code < 600 && rc != CURLE_LOGIN_DENIED)
		return KR_PERM;
	return KR_TEMP;
}
