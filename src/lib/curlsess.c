/*
 * curlsess.c -- one setup of TLS, timeouts and login for the libcurl
 * sessions (imap.c, smtp.c), so that a change to how klachtd talks TLS
 * or bounds a hung server is made once for both.
 */
#include "config.h"

#include "curlsess.h"
#include "util.h"

CURL *
curlsess_new(const struct curlsess *o, char **cause)
{
	CURL	*h;

	if ((h = curl_easy_init()) == NULL) {
		set_cause(cause, "curl_easy_init failed");
		return NULL;
	}
	curl_easy_setopt(h, CURLOPT_ERRORBUFFER, o->errbuf);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	/* A hung server cannot hold the daemon: connect and each reply are
	 * bounded by the configured timeout.  The reply timeout also bounds
	 * the QUIT/LOGOUT libcurl sends at cleanup after a timeout: without
	 * it cleanup can block for two minutes. */
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, o->timeout);
	curl_easy_setopt(h, CURLOPT_SERVER_RESPONSE_TIMEOUT, o->timeout);
	if (o->total > 0)
		curl_easy_setopt(h, CURLOPT_TIMEOUT, o->total);
	if (o->stall) {
		curl_easy_setopt(h, CURLOPT_TCP_KEEPALIVE, 1L);
		curl_easy_setopt(h, CURLOPT_LOW_SPEED_LIMIT, 1L);
		curl_easy_setopt(h, CURLOPT_LOW_SPEED_TIME, o->timeout);
	}
	if (o->starttls_set)
		curl_easy_setopt(h, CURLOPT_USE_SSL,
		    o->starttls == CFG_TLS_REQUIRED ? (long)CURLUSESSL_ALL :
		    o->starttls == CFG_TLS_TRY ? (long)CURLUSESSL_TRY :
		    (long)CURLUSESSL_NONE);
	if (o->ca_file != NULL)
		curl_easy_setopt(h, CURLOPT_CAINFO, o->ca_file);
	if (o->user != NULL) {
		curl_easy_setopt(h, CURLOPT_USERNAME, o->user);
		if (o->bearer != NULL) {
			/* OAUTHBEARER (RFC 7628) or XOAUTH2 (Google,
			 * Microsoft), whichever the server offers; never a
			 * plain LOGIN with the token as a password. */
			curl_easy_setopt(h, CURLOPT_XOAUTH2_BEARER, o->bearer);
			curl_easy_setopt(h, CURLOPT_LOGIN_OPTIONS,
			    "AUTH=OAUTHBEARER;AUTH=XOAUTH2");
		} else
			curl_easy_setopt(h, CURLOPT_PASSWORD, o->password);
	}
	return h;
}
