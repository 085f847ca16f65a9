/*
 * smtp.h -- sending mail with libcurl (libcurl lives only in smtp.c,
 * imap.c and their shared setup, curlsess.c).  One struct smtp holds one
 * easy handle, so a batch of messages goes over one connection.
 */
#ifndef KLACHT_SMTP_H
#define KLACHT_SMTP_H

#include <stddef.h>

#include "cfg.h"
#include "util.h"

struct smtp;

/* Reads the password file (if any) now; NULL with cause on failure. */
struct smtp	*smtp_open(const struct cfg_smtp *, const char *helo,
		    char **cause);
void		 smtp_close(struct smtp *);
/* Sends one message.  KR_PERM for a 5xx answer (never retried), KR_TEMP
 * for 4xx answers, connection trouble and timeouts. */
enum kres	 smtp_send(struct smtp *, const char *from, const char *rcpt,
		    const char *data, size_t len, char **cause);
/* Shows the SMTP dialogue (passwords masked) at debug level. */
void		 smtp_set_trace(struct smtp *, int);

#endif
