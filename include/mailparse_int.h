/*
 * mailparse_int.h -- what the pieces of the mail parser share: mailparse.c
 * (the message-level parse), mailhdr.c (header and address decoding, raw
 * 8-bit repair), mailbody.c (body choice and text parts) and mailatt.c
 * (attachments, forwarded messages, delivery reports).  GMime lives only
 * in these files and mailcompose.c; not for use outside them (include/
 * mail.h is the public header).
 */
#ifndef KLACHT_MAILPARSE_INT_H
#define KLACHT_MAILPARSE_INT_H

#include <gmime/gmime.h>
#include <stddef.h>

#include "mail.h"
#include "util.h"

/* One parse's walk over the MIME tree (mail_parse() owns it). */
struct mail_walk {
	struct mail			*m;
	const struct mail_limits	*lim;
	struct buf			 fwd;	/* forwarded messages' text */
	char				*tnef_body;
	int				 depth_noted;
	int				 files_noted;
	int				 in_fwd;	/* files now added are
							   inside a forwarded
							   message */
};

/* mailhdr.c */
/* A decoded header value as valid one-line UTF-8 (malloc'd), or NULL. */
char		*mailhdr_clean(const char *v);
/* mailhdr_clean() of the (GMime-decoded) header called name, or NULL. */
char		*mailhdr_get(GMimeObject *o, const char *name);
/* The raw value of a header (folded, possibly 8-bit) as one line of
 * valid UTF-8 with its encoded words decoded by our own decoder
 * (malloc'd), NULL when raw is NULL; hint (may be NULL) is the charset
 * for raw 8-bit bytes. */
char		*mailhdr_decode(const char *raw, const char *hint);
/* The raw (undecoded, folded) value of the first header called name,
 * owned by GMime, or NULL. */
const char	*mailhdr_raw(GMimeObject *o, const char *name);
/* The charset declared for the first text part of a (sub)tree,
 * forwarded messages left out, or NULL: the hint for raw 8-bit header
 * bytes.  Owned by GMime. */
const char	*mailhdr_body_charset(GMimeObject *o, int depth);
/* A raw display name (quotes around it dropped), decoded (malloc'd), or
 * NULL when it is empty. */
char		*mailhdr_decode_name(const char *raw, size_t len,
		    const char *hint);
/* The decoded display name of a From value `name <addr>` that has
 * encoded words or raw 8-bit bytes (malloc'd), or NULL for another form. */
char		*mailhdr_display_name(const char *raw, const char *hint);
/* The sender's address in a raw From value read by hand (malloc'd, not
 * checked: see mail_addr_valid), the raw text before it in *name
 * (malloc'd, NULL when blank), or NULL. */
char		*mailhdr_from_raw_addr(const char *raw, char **name);
/* Adds the message ids of an In-Reply-To or References value to m->refs
 * (the first of In-Reply-To also to m->in_reply_to). */
void		 mailhdr_parse_refs(struct mail *m, GMimeParserOptions *opts,
		    const char *value, int is_in_reply_to);
/* Adds a recipient address (lower-cased, deduplicated, capped) to
 * m->rcpts; a value that is not a plain address is ignored. */
void		 mailhdr_add_rcpt(struct mail *m, const char *addr);
/* mailhdr_add_rcpt() for each mailbox of a list, groups entered. */
void		 mailhdr_add_rcpt_list(struct mail *m, InternetAddressList *l,
		    int depth);

/* mailbody.c */
/* The decoded (transfer-encoding undone) bytes of a leaf part, or NULL;
 * the caller unrefs them. */
GByteArray	*mailbody_part_bytes(GMimePart *part);
/* Records a limit that cut something off (deduplicated, at most 20) and
 * marks m truncated. */
void		 mailbody_note(struct mail *m, const char *fmt, ...)
		    __attribute__((format(printf, 2, 3)));
/* Whether s is NULL or only blanks. */
int		 mailbody_is_blank(const char *s);
/* Whether a leaf is body text rather than a file: text/plain or
 * text/html, not marked as an attachment and without a file name. */
int		 mailbody_is_body_part(GMimeObject *o);
/* The text of a leaf part as UTF-8 with LF newlines (malloc'd, never
 * NULL). */
char		*mailbody_part_text(GMimePart *part);
/* Appends text to b as a block of its own: a line break between. */
void		 mailbody_add_block(struct buf *b, const char *text);
/* The readable text of a (sub)tree (malloc'd), or NULL when it has none;
 * *from_html set when it came from HTML.  See mailbody.c for the rules. */
char		*mailbody_choose(struct mail_walk *w, GMimeObject *o, int depth,
		    int *from_html);
/* The first text/plain or text/html leaf that is a file, forwarded
 * messages left out, or NULL; their number added to *n. */
GMimeObject	*mailbody_text_file(GMimeObject *o, int depth, int *n);

/* mailatt.c */
/* Adds the <id>s after "Message-ID:" at the start of a line (after
 * blanks and quote marks) in text to m->returned_ids. */
void		 mailatt_scan_ids(struct mail *m, const char *text, size_t len);
/* Visits every part for what is not the body: files, forwarded messages
 * (their text into w->fwd), winmail.dat, the parts of a delivery report.
 * report is set directly under the top-level multipart/report, fwd
 * inside a forwarded message. */
void		 mailatt_walk(struct mail_walk *w, GMimeObject *o, int depth,
		    int report, int fwd);

#endif
