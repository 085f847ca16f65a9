/*
 * token.h -- per-case, per-officer reply tokens.
 *
 * Mail to an officer about a case carries a Reply-To such as
 *
 *	klachten+kl-2026-00042.anna.52093f9a0c6e1b2d4f70@gemeente.nl
 *
 * The part after '+' is a token: the case reference, the officer id, the
 * day it was issued and a MAC over the three (HMAC-SHA256 with a secret
 * key, cut to 64 bits), so a reply to that address proves the sender saw
 * mail we sent to that officer about that case, and when.  It is one
 * factor of officer authentication, beside the From address and
 * Authentication-Results; officer_auth.c refuses a token older than
 * auth.token_days (issue 18).
 *
 * Form: <ref>.<officer>.<4 hex digits: days since 1970-01-01 UTC><16 hex
 * digits of MAC>, all lowercase, a valid dot-atom local part.  Tokens
 * made before tokens were dated ("v1") have only the 16 MAC digits; they
 * still parse (with day -1), so that mail to such an address is still
 * filed on its case, but authentication treats them as expired.  Both
 * fields are recoverable from the token:
 *   - ref: uppercase letters are written in lowercase, digits and '-' as
 *     they are, any other byte (lowercase letters too) as '_' and two hex
 *     digits; so "KL-2026-00042" becomes "kl-2026-00042".
 *   - officer: lowercase letters, digits, '-' and '.' as they are, except
 *     a '.' at either end or after another '.', which is written "_2e"
 *     like '_' is written "_5f".
 * Parsing lowercases the token first (some MTAs change the case of local
 * parts) and accepts only the one canonical spelling.
 *
 * RFC 5321 limits a local part to 64 octets: with "klachten+" and a
 * reference like "KL-2026-00042", officer ids up to 20 characters fit.
 */
#ifndef KLACHT_TOKEN_H
#define KLACHT_TOKEN_H

#include <stddef.h>
#include <stdint.h>

#define TOKEN_KEY_MIN	16	/* shortest key accepted, in bytes */
#define TOKEN_FIELD_MAX	64	/* longest case ref or officer id */
#define TOKEN_MAX	256	/* longest token token_parse looks at */
/* The case reference of a personal token: one that names an officer
 * and no case (no reference can be "-"). */
#define TOKEN_DESK_REF	"-"
#define TOKEN_DAY_MAX	0xffff	/* last issue day a token can carry (2149) */

/*
 * Returns a malloc'd token for (case_ref, officer_id) issued on day (days
 * since the epoch, UTC: now / 86400), which the caller frees; day -1
 * makes an undated v1 token (only for tests of the legacy form).  NULL --
 * a programming or configuration error -- when the key is shorter than
 * TOKEN_KEY_MIN bytes, case_ref is empty, longer than TOKEN_FIELD_MAX or
 * has bytes outside printable ASCII (0x21-0x7e), officer_id is not
 * [a-z0-9._-]{1,TOKEN_FIELD_MAX}, or day > TOKEN_DAY_MAX.
 */
char	*token_make(const unsigned char *key, size_t keylen,
	    const char *case_ref, const char *officer_id, int64_t day);

/*
 * Checks token against key and, when it is genuine, stores the case
 * reference and officer id in *case_ref and *officer_id (malloc'd, freed
 * by the caller) and the issue day in *day (when day is not NULL; -1 for
 * an undated v1 token) and returns 0.  Otherwise returns -1 with a reason
 * in *cause (malloc'd, when cause is not NULL) and leaves *case_ref and
 * *officer_id NULL.  The MAC is compared in constant time.  Whether the
 * token is too old is the caller's business.
 */
int	 token_parse(const unsigned char *key, size_t keylen,
	    const char *token, char **case_ref, char **officer_id,
	    int64_t *day, char **cause);

/*
 * The token in a recipient address: for base_local "klachten" and addr
 * "klachten+TOKEN@example.org" (also "Name <klachten+TOKEN@...>", or a
 * quoted local part), a malloc'd, lowercased copy of TOKEN.  The local
 * part is compared case-insensitively; base_local may be a whole address,
 * of which only the local part is used.  NULL when addr is not
 * base_local plus '+' and a non-empty token of at most TOKEN_MAX bytes.
 * The domain is not checked: that is the caller's business.
 */
char	*token_from_address(const char *addr, const char *base_local);

#endif
