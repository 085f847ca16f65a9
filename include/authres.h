/*
 * authres.h -- trusting an Authentication-Results header (RFC 8601).
 *
 * Our own MX checks DKIM and DMARC and records the outcome in an
 * Authentication-Results header that starts with its authserv-id.  Such
 * a header is one factor of officer authentication: it says the mail
 * really comes from the officer's domain.  Only a header with *our*
 * authserv-id counts; the MX must remove or rename incoming headers that
 * claim that id (RFC 8601 section 5), otherwise anyone can forge one.
 *
 * SPF results are ignored on purpose: SPF vouches for the envelope
 * sender, not the From header, and shared senders (a cloud provider's
 * include:) make it weak.
 */
#ifndef KLACHT_AUTHRES_H
#define KLACHT_AUTHRES_H

#define AUTHRES_MAX	65536	/* longer header values never pass */

/*
 * Returns 1 when header_value -- the value of one Authentication-Results
 * header, unfolded or not -- has authserv-id equal to authserv_id
 * (case-insensitive), no version or version 1, and a result
 *
 *	dkim=pass  with header.d=<domain>, or header.i=@<domain> or
 *	           header.i=<anything>@<domain>, or
 *	dmarc=pass with header.from=<domain>,
 *
 * domains compared case-insensitively and exactly (a subdomain does not
 * match; a trailing dot is ignored).  Returns 0 for anything else,
 * including a malformed header, "none", another authserv-id or NULL
 * arguments.  Comments "(...)", folding whitespace and quoted strings are
 * handled anywhere the RFC allows them, except around the '.' of a
 * property name ("header . d"), which never matches.
 *
 * The caller passes the domain of the From address it is about to trust
 * (and checks that the From address is the configured officer's), and
 * calls this once per Authentication-Results header.
 */
int	authres_passes(const char *header_value, const char *authserv_id,
	    const char *domain);

#endif
