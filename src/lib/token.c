/*
 * token.c -- reply tokens that bind a case reference and an officer id.
 *
 * The encoding of the two fields is described in token.h.  It is chosen so
 * that the token is readable in a mail client ("kl-2026-00042.anna...."),
 * survives MTAs that fold the case of local parts, and is a valid
 * dot-atom.  The MAC is HMAC-SHA256 (GLib) over a version label and the
 * two decoded fields separated by NUL bytes, which neither field may
 * contain, so no two pairs share a MAC input; a dated (v2) token adds its
 * issue day, as four hex digits, under its own label, so a v1 MAC never
 * verifies as a v2 one or the other way round.  Parsing re-encodes what
 * it decoded and insists on the same spelling: one pair, one token.
 */
#include "config.h"

#include <ctype.h>
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "token.h"
#include "util.h"

#define TOKEN_LABEL_V1	"klachtd-token-v1"
#define TOKEN_LABEL_V2	"klachtd-token-v2"
#define TOKEN_MAC_LEN	8	/* bytes of the HMAC kept: 16 hex digits */
#define TOKEN_DAY_LEN	4	/* hex digits of the issue day (v2) */

static const char token_hex[] = "0123456789abcdef";

static int
token_officer_ok(const char *s)
{
	size_t	n = 0;

	for (; s[n] != '\0'; n++) {
		unsigned char c = (unsigned char)s[n];

		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    c == '.' || c == '_' || c == '-'))
			return 0;
	}
	return n > 0 && n <= TOKEN_FIELD_MAX;
}

static int
token_ref_ok(const char *s)
{
	size_t	n = 0;

	for (; s[n] != '\0'; n++) {
		unsigned char c = (unsigned char)s[n];

		if (c < 0x21 || c > 0x7e)
			return 0;
	}
	return n > 0 && n <= TOKEN_FIELD_MAX;
}

static void
token_escape(struct buf *b, unsigned char c)
{
	buf_addc(b, '_');
	buf_addc(b, token_hex[c >> 4]);
	buf_addc(b, token_hex[c & 0xf]);
}

static void
token_enc_ref(struct buf *b, const char *s)
{
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if (c >= 'A' && c <= 'Z')
			buf_addc(b, (char)(c - 'A' + 'a'));
		else if ((c >= '0' && c <= '9') || c == '-')
			buf_addc(b, (char)c);
		else
			token_escape(b, c);
	}
}

static void
token_enc_officer(struct buf *b, const char *s)
{
	size_t	i;

	for (i = 0; s[i] != '\0'; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '.' && i > 0 && s[i - 1] != '.' && s[i + 1] != '\0')
			buf_addc(b, '.');
		else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    c == '-')
			buf_addc(b, (char)c);
		else
			token_escape(b, c);
	}
}

/* The MAC of (ref, officer) -- and of day, four hex digits, for a v2
 * token; day NULL for v1. */
static void
token_mac(const unsigned char *key, size_t keylen, const char *ref,
    const char *officer, const char *day, char out[2 * TOKEN_MAC_LEN + 1])
{
	GHmac	*h;
	guint8	 dig[32];
	gsize	 diglen = sizeof dig;
	size_t	 i;

	h = g_hmac_new(G_CHECKSUM_SHA256, key, keylen);
	if (day != NULL)
		g_hmac_update(h, (const guchar *)TOKEN_LABEL_V2,
		    sizeof TOKEN_LABEL_V2);
	else
		g_hmac_update(h, (const guchar *)TOKEN_LABEL_V1,
		    sizeof TOKEN_LABEL_V1);
	g_hmac_update(h, (const guchar *)ref, (gssize)strlen(ref) + 1);
	g_hmac_update(h, (const guchar *)officer, (gssize)strlen(officer) + 1);
	if (day != NULL)
		g_hmac_update(h, (const guchar *)day, TOKEN_DAY_LEN + 1);
	g_hmac_get_digest(h, dig, &diglen);
	g_hmac_unref(h);
	for (i = 0; i < TOKEN_MAC_LEN; i++) {
		out[2 * i] = token_hex[dig[i] >> 4];
		out[2 * i + 1] = token_hex[dig[i] & 0xf];
	}
	out[2 * TOKEN_MAC_LEN] = '\0';
	memset(dig, 0, sizeof dig);
}

char *
token_make(const unsigned char *key, size_t keylen, const char *case_ref,
    const char *officer_id, int64_t day)
{
	struct buf	b;
	char		mac[2 * TOKEN_MAC_LEN + 1], ds[TOKEN_DAY_LEN + 1];

	if (key == NULL || keylen < TOKEN_KEY_MIN || case_ref == NULL ||
	    officer_id == NULL || !token_ref_ok(case_ref) ||
	    !token_officer_ok(officer_id) || day > TOKEN_DAY_MAX)
		return NULL;
	if (day >= 0)
		snprintf(ds, sizeof ds, "%04x", (unsigned)day);
	token_mac(key, keylen, case_ref, officer_id, day >= 0 ? ds : NULL,
	    mac);
	buf_init(&b);
	token_enc_ref(&b, case_ref);
	buf_addc(&b, '.');
	token_enc_officer(&b, officer_id);
	buf_addc(&b, '.');
	if (day >= 0)
		buf_adds(&b, ds);
	buf_adds(&b, mac);
	return buf_detach(&b, NULL);
}

/* A token is written in lowercase hex only: an uppercase digit is not
 * one we issued. */
static int
token_unhex(char c)
{
	return c >= 'A' && c <= 'F' ? -1 : hex_digit(c);
}

/* Decodes s[0..len) of a field; upper turns letters into uppercase (the
 * ref field).  NULL if malformed. */
static char *
token_dec(const char *s, size_t len, int upper)
{
	struct buf	b;
	size_t		i;
	int		hi, lo;

	buf_init(&b);
	for (i = 0; i < len; i++) {
		char c = s[i];

		if (c == '_') {
			if (i + 2 >= len) {
				buf_free(&b);
				return NULL;
			}
			hi = token_unhex(s[i + 1]);
			lo = token_unhex(s[i + 2]);
			if (hi < 0 || lo < 0 || (hi == 0 && lo == 0)) {
				buf_free(&b);
				return NULL;
			}
			buf_addc(&b, (char)(hi << 4 | lo));
			i += 2;
		} else if (upper && c >= 'a' && c <= 'z')
			buf_addc(&b, (char)(c - 'a' + 'A'));
		else
			buf_addc(&b, c);
	}
	return buf_detach(&b, NULL);
}

/* Constant-time comparison of two strings of length n. */
static int
token_equal(const char *a, const char *b, size_t n)
{
	unsigned char	d = 0;
	size_t		i;

	for (i = 0; i < n; i++)
		d |= (unsigned char)(a[i] ^ b[i]);
	return d == 0;
}

int
token_parse(const unsigned char *key, size_t keylen, const char *token,
    char **case_ref, char **officer_id, int64_t *day, char **cause)
{
	char		*t = NULL, *ref = NULL, *off = NULL;
	char		 mac[2 * TOKEN_MAC_LEN + 1], ds[TOKEN_DAY_LEN + 1];
	const char	*dot1, *dot2, *macp;
	struct buf	 b;
	size_t		 len, tail, i;
	int		 dated;

	*case_ref = *officer_id = NULL;
	if (day != NULL)
		*day = -1;
	if (key == NULL || keylen < TOKEN_KEY_MIN) {
		set_cause(cause, "token key shorter than %d bytes",
		    TOKEN_KEY_MIN);
		return -1;
	}
	if (token == NULL || (len = strlen(token)) == 0) {
		set_cause(cause, "empty token");
		return -1;
	}
	if (len > TOKEN_MAX) {
		set_cause(cause, "token too long");
		return -1;
	}
	t = xstrdup(token);
	str_lower(t);

	dot1 = strchr(t, '.');
	dot2 = strrchr(t, '.');
	if (dot1 == NULL || dot2 == dot1 || dot1 == t || dot2 == dot1 + 1)
		goto malformed;
	/* v1: 16 MAC digits; v2: 4 digits of the issue day, then 16. */
	tail = strlen(dot2 + 1);
	if (tail != 2 * TOKEN_MAC_LEN &&
	    tail != TOKEN_DAY_LEN + 2 * TOKEN_MAC_LEN)
		goto malformed;
	dated = tail != 2 * TOKEN_MAC_LEN;
	macp = dot2 + 1 + (dated ? TOKEN_DAY_LEN : 0);
	if (dated) {
		for (i = 0; i < TOKEN_DAY_LEN; i++)
			if (token_unhex(dot2[1 + i]) < 0)
				goto malformed;
		memcpy(ds, dot2 + 1, TOKEN_DAY_LEN);
		ds[TOKEN_DAY_LEN] = '\0';
	}
	ref = token_dec(t, (size_t)(dot1 - t), 1);
	off = token_dec(dot1 + 1, (size_t)(dot2 - dot1 - 1), 0);
	if (ref == NULL || off == NULL || !token_ref_ok(ref) ||
	    !token_officer_ok(off))
		goto malformed;

	/* Only the canonical spelling of the pair is accepted. */
	buf_init(&b);
	token_enc_ref(&b, ref);
	buf_addc(&b, '.');
	token_enc_officer(&b, off);
	buf_addc(&b, '.');
	if (b.len != (size_t)(dot2 + 1 - t) ||
	    memcmp(b.data, t, b.len) != 0) {
		buf_free(&b);
		goto malformed;
	}
	buf_free(&b);

	token_mac(key, keylen, ref, off, dated ? ds : NULL, mac);
	if (!token_equal(mac, macp, 2 * TOKEN_MAC_LEN)) {
		set_cause(cause, "token does not match (wrong key, case or "
		    "officer)");
		goto fail;
	}
	free(t);
	*case_ref = ref;
	*officer_id = off;
	if (day != NULL && dated)
		*day = (int64_t)strtol(ds, NULL, 16);
	return 0;

malformed:
	set_cause(cause, "malformed token");
fail:
	free(t);
	free(ref);
	free(off);
	return -1;
}

char *
token_from_address(const char *addr, const char *base_local)
{
	const char	*p, *end, *at;
	size_t		 blen, n;
	char		*tok;

	if (addr == NULL || base_local == NULL)
		return NULL;
	if ((at = strchr(base_local, '@')) != NULL)
		blen = (size_t)(at - base_local);
	else
		blen = strlen(base_local);
	if (blen == 0)
		return NULL;

	/* Inside <...> when there is a display name. */
	if ((p = strrchr(addr, '<')) != NULL) {
		p++;
		if ((end = strchr(p, '>')) == NULL)
			return NULL;
	} else {
		p = addr;
		end = addr + strlen(addr);
	}
	while (p < end && isspace((unsigned char)*p))
		p++;
	while (end > p && isspace((unsigned char)end[-1]))
		end--;
	/* The local part ends at the last '@'. */
	for (at = end; at > p && at[-1] != '@'; at--)
		;
	if (at > p)
		end = at - 1;
	if (end - p >= 2 && *p == '"' && end[-1] == '"') {
		p++;
		end--;
	}
	n = (size_t)(end - p);
	if (n < blen + 2 || strncasecmp(p, base_local, blen) != 0 ||
	    p[blen] != '+')
		return NULL;
	p += blen + 1;
	n = (size_t)(end - p);
	if (n > TOKEN_MAX)
		return NULL;
	tok = xstrndup(p, n);
	if (strlen(tok) != n) {
		free(tok);
		return NULL;
	}
	str_lower(tok);
	return tok;
}
