/*
 * mail.h -- reading and writing Internet messages.  GMime lives only in
 * the mail parser (mailparse.c, mailhdr.c, mailbody.c, mailatt.c, which
 * share include/mailparse_int.h) and in mailcompose.c.
 *
 * Everything a parsed mail carries is decoded UTF-8 with LF line ends,
 * owned by the struct mail and freed by mail_free().
 */
#ifndef KLACHT_MAIL_H
#define KLACHT_MAIL_H

#include <stddef.h>
#include <stdint.h>
#include "authres.h"

#define MAIL_MAX_TRACE	40	/* trace headers kept, from the top */

struct mail_attachment {
	char	*filename;
	char	*content_type;
	size_t	 size;
	char	 sha256[65];
	char	*data;		/* NULL when over the size cap */
	int	 forwarded;	/* inside a forwarded message
				   (message/rfc822), not the sender's own */
};

struct mail_limits {
	size_t	max_size;		/* whole message, bytes */
	size_t	max_attachment;		/* one attachment stored, bytes */
	int	max_depth;		/* MIME nesting */
	int	max_headers;
	size_t	max_files;		/* attachments kept; 0 = 1000 */
};

struct mail {
	char	*message_id;		/* without <>, NULL if missing */
	char	*from_addr;		/* lower-cased addr-spec */
	char	*from_name;
	int	 from_not_mailable;	/* from_addr is no strict addr-spec
					   (mail_addr_valid): kept as
					   written, never to be mailed */
	char	*to;			/* decoded, for display */
	char   **rcpts;			/* lower-cased addr-specs of To and
					   Cc, then Delivered-To and
					   X-Original-To values (officer
					   reply tokens are looked up here) */
	size_t	 nrcpts;
	char	*subject;
	char	*date;			/* Date header as sent */
	char	*content_language;	/* Content-Language as sent, or NULL:
					   the complainant's language
					   (langdetect.h) */
	char	*in_reply_to;		/* first msg-id, without <> */
	char   **refs;			/* In-Reply-To + References ids */
	size_t	 nrefs;
	char	*refs_raw;		/* References header, raw */
	char	*return_path;		/* NULL if absent; "" for <> */
	char	*body;			/* chosen text, UTF-8, LF; then the
					   text of each forwarded message
					   (message/rfc822) under a line
					   "---- Doorgestuurd bericht /
					   Forwarded message ----" with its
					   From, Date and Subject */
	size_t	 body_own_len;		/* bytes of body that are this
					   message's own text, before the
					   forwarded messages' text: officer
					   commands are read only there */
	int	 body_from_html;

	/* Signals that this is no human writing (RFC 3834 and friends). */
	char	*auto_submitted;
	char	*precedence;
	int	 has_list_headers;
	int	 has_autoreply_headers;	/* X-Autoreply, X-Autorespond, ... */
	int	 is_report;		/* multipart/report (DSN, MDN) */
	int	 has_failed_recipients;	/* X-Failed-Recipients */
	char	*loop_header;		/* our X-Klachtd-Loop, if present */
	struct authres_hdr *trace;	/* Authentication-Results and
					   Received values, topmost first */
	size_t	 ntrace;

	/* Delivery reports: what a bounce is about.  returned_ids are the
	 * Message-IDs (without <>) of the returned message, from its
	 * message/rfc822 or text/rfc822-headers part, or for a bounce
	 * without those from "Message-ID:" lines in its text. */
	int	 is_delivery_report;	/* report-type=delivery-status */
	char   **returned_ids;
	size_t	 nreturned_ids;
	char	*dsn_recipient;		/* RFC 3464 fields of the first */
	char	*dsn_action;		/* recipient, one line each, or */
	char	*dsn_status;		/* NULL */
	char	*dsn_diagnostic;

	/* Files: inline and attached parts that are not the body text,
	 * files inside forwarded messages and inside winmail.dat (whose
	 * own stream is then not kept as a file), each once. */
	struct mail_attachment	*attachments;
	size_t			 nattachments;
	size_t			 nattachments_over_cap;
	size_t			 nattachments_dropped;	/* over max_files:
						   only in the raw message */
	int			 truncated;	/* a limit cut something off */
	char		       **notes;		/* what was cut off or could */
	size_t			 nnotes;	/* not be read, one line each */
};

/* mailparse.c */
/* Parses raw bytes.  Returns NULL with cause when GMime cannot make a
 * message of them; the caller quarantines the raw bytes. */
struct mail	*mail_parse(const char *raw, size_t len,
		    const struct mail_limits *, char **cause);
void		 mail_free(struct mail *);
/* Once per process, before any other mail_* call. */
void		 mail_init(void);

/* mailhdr.c */
/* Whether addr is a strict RFC 5322 / RFC 6531 addr-spec (no obsolete
 * forms, one '@'): only such an address is ever mailed. */
int		 mail_addr_valid(const char *addr);

/* mailcompose.c */
/* A file to attach to outgoing mail. */
struct mail_file {
	const char	*name;
	const char	*type;		/* NULL: application/octet-stream */
	const void	*data;
	size_t		 len;
};
struct mail_out {
	const char	*from_name;
	const char	*from_addr;
	const char	*to_name;
	const char	*to_addr;
	const char	*reply_to;	/* NULL = none */
	const char	*subject;
	const char	*body;		/* UTF-8, LF */
	const char	*message_id;	/* without <> */
	const char	*in_reply_to;	/* without <>, or NULL */
	const char	*references;	/* space-separated <ids>, or NULL;
					   only well-formed ids go out, at
					   most 20 (the first and latest) */
	const char	*loop_value;	/* X-Klachtd-Loop value */
	const char	*case_ref;	/* X-Klachtd-Case, or NULL */
	int		 auto_submitted;	/* MAIL_AUTO_*: Auto-Submitted */
	int64_t		 date;
	/* One file after the text (then multipart/mixed, the file in
	 * base64), or none when attach_data is NULL. */
	const char	*attach_name;		/* file name */
	const char	*attach_type;		/* "application/pdf" */
	const void	*attach_data;
	size_t		 attach_len;
	/* Further files, after that one (the case file, dossier.c). */
	const struct mail_file	*files;
	size_t			 nfiles;
};
/*
 * mail_out.auto_submitted (RFC 3834 section 5): "auto-replied" only on
 * the automatic answer to a message (the acknowledgement, the answers to
 * an officer's mail), "auto-generated" on other automatic mail
 * (notifications, reminders, escalations, digests), none on a letter a
 * person wrote (an officer's #reply, #close, #extend).
 */
#define MAIL_AUTO_NONE		0
#define MAIL_AUTO_REPLIED	1
#define MAIL_AUTO_GENERATED	2

/* Builds a MIME message (UTF-8, quoted-printable, CRLF line ends).
 * Returns malloc'd bytes; *len gets the length. */
char	*mail_compose(const struct mail_out *, size_t *len);
#define MAIL_MSGID_RANDOM	16	/* random bytes in our Message-IDs */

/* A new Message-ID (without <>) carrying the case reference:
 * "KL-2026-00042.ack.<32 hex digits from getrandom(2)>@domain". */
char	*mail_new_message_id(const char *ref, const char *kind,
	    const char *domain);
/* The case reference inside one of our Message-IDs, or NULL. */
char	*mail_ref_from_message_id(const char *msgid, const char *prefix);

#endif
