/*
 * authres.h -- trusting an Authentication-Results header (RFC 8601).
 *
 * Our own MX checks DKIM and DMARC and records the outcome in an
 * Authentication-Results header that starts with its authserv-id.  Such
 * a header is one factor of officer authentication: it says the mail
 * really comes from the officer's domain.  Only a header with *our*
 * authserv-id that our MX itself added counts: authres_trusted() looks
 * only above our MX's own Received line, and a failure there wins over
 * any pass.  The MX should still remove incoming headers that claim our
 * id (RFC 8601 section 5); klachtd.conf(5) shows how for Postfix with
 * OpenDKIM and OpenDMARC.
 *
 * SPF results are ignored on purpose: SPF vouches for the envelope
 * sender, not the From header, and shared senders (a cloud provider's
 * include:) make it weak.
 */
#ifndef KLACHT_AUTHRES_H
#define KLACHT_AUTHRES_H

#include <stddef.h>

#define AUTHRES_MAX	65536	/* longer header values never pass */

enum authres_verdict {
	AUTHRES_NONE = 0,	/* nothing said about the domain */
	AUTHRES_PASS,		/* dkim or dmarc passed for it */
	AUTHRES_FAIL		/* dkim or dmarc failed for it */
};

/* One trace header of a message, in header order (topmost first). */
struct authres_hdr {
	int	 received;	/* 1: a Received value; 0: an A-R value */
	char	*value;
};

/*
 * The verdict of the trace headers hdrs[0..n) -- Authentication-Results
 * and Received values in the order they stand, topmost first -- for
 * `domain`: PASS when a trusted Authentication-Results (see above and
 * authres.c) passes it and none fails it, FAIL when one fails it, NONE
 * otherwise.
 */
enum authres_verdict authres_trusted(const struct authres_hdr *hdrs,
	    size_t n, const char *authserv_id, const char *domain);

/*
 * The verdict of one Authentication-Results value for `domain`: its
 * authserv-id must equal authserv_id exactly (case-sensitively), its
 * version be absent or 1, and then
 *
 *	dkim=pass  with header.d=<domain>  (header.i alone never counts), or
 *	dmarc=pass with header.from=<domain>
 *
 * passes; dmarc=fail (permerror, temperror, quarantine, reject) with
 * header.from=<domain> or without header.from fails, and so does dkim
 * with header.d=<domain> and a result other than pass or none, unless
 * another dkim result for <domain> in the same header passed.  Domains compare
 * case-insensitively and exactly: a subdomain or a trailing dot does not
 * match.  A malformed header cannot pass (a failure read before the
 * point where it breaks still fails).  Comments "(...)", folding
 * whitespace and quoted strings are handled anywhere the RFC allows
 * them, except around the '.' of a property name ("header . d"), which
 * never matches.
 */
enum authres_verdict authres_check(const char *header_value,
	    const char *authserv_id, const char *domain);

/* 1 when the Received header value's "by" host is `host`. */
int	authres_received_by(const char *received_value, const char *host);

/* 1 when authres_check() says AUTHRES_PASS for this one header (the
 * unit tests and the fuzz target; the daemon uses authres_trusted()). */
int	authres_passes(const char *header_value, const char *authserv_id,
	    const char *domain);

#endif
