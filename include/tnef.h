/*
 * tnef.h -- Outlook's winmail.dat (application/ms-tnef): the files and the
 * body text inside it.
 *
 * Outlook and Exchange wrap a message's attachments (and often its
 * formatted body) in a TNEF stream that no other mail client can open.
 * tnef_decode() gets them out with Debian's libytnef, after checking the
 * whole stream itself first (libytnef trusts its input more than mail
 * deserves: see tnef.c).  The compressed-RTF body and its conversion to
 * plain text are done here too (tnef_rtf.c), with bounds checks of our
 * own.  libytnef is used only in tnef.c.
 */
#ifndef KLACHT_TNEF_H
#define KLACHT_TNEF_H

#include <stddef.h>

/* Streams larger than this are not decoded (kept as winmail.dat). */
#define TNEF_MAX_SIZE		(64U * 1024 * 1024)
/* Decompressed RTF bodies are cut at this size. */
#define TNEF_RTF_MAX		(8U * 1024 * 1024)

struct tnef_file {
	char	*name;		/* UTF-8, one line; never NULL or empty */
	char	*type;		/* MIME type; application/octet-stream if
				   the stream does not say */
	char	*data;		/* len bytes (+ a NUL that is not counted) */
	size_t	 len;
};

struct tnef {
	char			*body;	/* UTF-8 text, LF; NULL when none */
	const char		*body_source;	/* "text", "html", "rtf" */
	struct tnef_file	*files;
	size_t			 nfiles;
	size_t			 nfiles_dropped; /* beyond max_files */
};

/*
 * Decodes len bytes of a TNEF stream.  On success returns 0 and fills
 * *out (caller frees with tnef_free): at most max_files files, in stream
 * order, and the body as text -- the plain-text body when there is one,
 * else the HTML body through html_to_text(), else the compressed RTF
 * body through tnef_rtf_to_text().  Strings are converted from the
 * stream's code page to UTF-8.  Returns -1 with a cause when the bytes are
 * not a well-formed TNEF stream (bad signature, a length past the end, a
 * checksum that does not add up, a malformed property block); the caller
 * then keeps the stream as an ordinary attachment.
 */
int	 tnef_decode(const void *data, size_t len, size_t max_files,
	    struct tnef *out, char **cause);
void	 tnef_free(struct tnef *);

/* ------------------------------------------------------------ tnef_rtf.c */

/*
 * Decompresses a PR_RTF_COMPRESSED property ([MS-OXRTFCP]: "LZFu"
 * compressed or "MELA" stored).  Returns a malloc'd, NUL-terminated buffer
 * of at most TNEF_RTF_MAX bytes (*outlen its length), or NULL with cause
 * for a header that does not add up.  A stream cut short yields what it
 * holds.  The CRC is not checked.
 */
char	*tnef_rtf_decompress(const void *data, size_t len, size_t *outlen,
	    char **cause);

/*
 * Plain text of an RTF document: paragraphs and line breaks become LF,
 * \'hh bytes are read in the document's \ansicpg code page, \uN
 * characters (with their \ucN fallbacks skipped) are kept, ignorable and
 * non-text destinations (font and colour tables, pictures, objects, HTML
 * tags of encapsulated HTML, ...) are left out.  Never fails; returns
 * malloc'd valid UTF-8 with at most one blank line in a row.
 */
char	*tnef_rtf_to_text(const char *rtf, size_t len);

/* The iconv name of a Windows code page (RTF's \ansicpg, a TNEF
 * stream's PR_INTERNET_CPID) into out; 0 is windows-1252, an unknown one
 * "cpN". */
void	 tnef_codepage_name(unsigned cp, char *out, size_t outlen);

#endif
