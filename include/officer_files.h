/*
 * officer_files.h -- files to and from officers (issue 13).
 *
 * To officers: a notification or an assignment mail carries the
 * complaint's attachments byte for byte, in order, as long as their total
 * stays within limits.notify_attachments_total; the rest are listed with
 * size and SHA-256 and how to get them.  Who gets the files is who gets
 * the text: the caller decides that (officer_serves), never this file.
 *
 * From officers: the attachments of an officer's mail with #reply or
 * #close go to the complainant with that letter, byte for byte -- or the
 * command fails and nothing is sent: never a silent drop.
 */
#ifndef KLACHT_OFFICER_FILES_H
#define KLACHT_OFFICER_FILES_H

#include <stddef.h>
#include <stdint.h>

#include "cfg.h"
#include "klacht.h"
#include "mail.h"
#include "util.h"

/* The files of one mail to an officer and the lines that list them. */
struct officer_files {
	struct mail_file	*v;	/* copies of the bytes, owned */
	size_t			 n;
	size_t			 total;	/* bytes in v */
	size_t			 limit;	/* notify_attachments_total */
	size_t			 seen;	/* attachments added, for N */
	struct buf		 lines;
	char			*ref;
	int			 en;
};

/* Starts an empty set for case ref, listed in lang (the officers'). */
void	 officer_files_init(struct officer_files *, const struct cfg *,
	    const char *ref, const char *lang);
/*
 * Adds the next attachment of the case: its bytes (data NULL when it was
 * over limits.max_attachment_size and not stored) are copied in when
 * they fit within the total, and it gets its line either way:
 * "- name (type, size) -- bijgevoegd" or why not, with its SHA-256 and
 * "klachtctl attachment REF N" / "#dossier".
 */
void	 officer_files_add(struct officer_files *, const char *name,
	    const char *type, size_t size, const char *sha256,
	    const void *data, size_t len);
/* The lines, or "(geen)"/"(none)"; caller frees. */
char	*officer_files_lines(const struct officer_files *);
void	 officer_files_free(struct officer_files *);

/*
 * Whether a file may never go to a complainant: a program or script
 * Windows or a browser would run when opened (.exe, .js, .bat, .scr,
 * .vbs, ... and their MIME types), judged by the name (case-insensitive,
 * trailing dots and blanks ignored, as Windows does) and the type.
 */
int	 officer_file_blocked(const char *name, const char *type);

/*
 * Whether the attachments of officer mail m can go to a complainant:
 * every one stored (not over limits.max_attachment_size or
 * limits.max_attachments), the officer's own (none from inside a
 * forwarded message), none blocked (officer_file_blocked), all
 * together within limits.max_outgoing_attachments_total.  0 with *files
 * (pointing into m; caller frees the array only) and *n, or -1 with *why
 * in lang naming the file and the limit; caller frees.
 */
int	 officer_files_outgoing(const struct cfg *, const struct mail *m,
	    const char *lang, struct mail_file **files, size_t *n,
	    char **why);

/*
 * A mail over limits.max_message_size that was not taken in (Maildir:
 * quarantined with its header, head/hlen): when its From is an officer,
 * that officer -- at the configured address, never the From, and without
 * a reply token, since nothing proved who sent it -- gets the template
 * too-large saying nothing was done and why, at most
 * limits.auto_replies_per_day of them a day; the case its token or
 * subject names gets an event.  Inside the caller's transaction.  KR_OK
 * when done or nothing to do.
 */
enum kres officer_files_too_large(struct klacht *, const char *head,
	    size_t hlen, uint64_t size, int64_t now, char **cause);

#endif
