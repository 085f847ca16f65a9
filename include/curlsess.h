/*
 * curlsess.h -- the connection settings the IMAP and SMTP sessions share:
 * TLS (STARTTLS policy, CA file), timeouts and the login.  Only the
 * libcurl transports (imap.c, smtp.c) include this header; libcurl is
 * confined to them and curlsess.c.
 */
#ifndef KLACHT_CURLSESS_H
#define KLACHT_CURLSESS_H

#include <curl/curl.h>

#include "cfg.h"

/* How to set up one easy handle.  Pointers are borrowed: they must live
 * as long as the handle (libcurl copies strings, but errbuf it keeps). */
struct curlsess {
	enum cfg_tls	 starttls;	/* STARTTLS policy ... */
	int		 starttls_set;	/* ... applied (0: implicit TLS, as
					   imaps://, leaves it to the URL) */
	const char	*ca_file;	/* NULL: the system's CA store */
	long		 timeout;	/* connect, and each server reply */
	long		 total;		/* the whole transfer; 0 = unbounded */
	int		 stall;		/* also abort a transfer that moved no
					   byte for timeout seconds, and keep
					   the TCP connection alive */
	const char	*user;		/* NULL: no login */
	const char	*password;	/* with user, unless bearer is set */
	const char	*bearer;	/* an OAuth2 token instead */
	char		*errbuf;	/* CURL_ERROR_SIZE bytes */
};

/* A new easy handle set up as o says (NOSIGNAL always), or NULL with
 * cause.  The caller adds its protocol's own options and frees it with
 * curl_easy_cleanup(). */
CURL	*curlsess_new(const struct curlsess *o, char **cause);

#endif
