/*
 * ctl_util.c -- what klachtctl's command groups share: who is acting,
 * row ids, table columns, exit codes for store results, and text from
 * mail made safe for a terminal.
 */
#include "config.h"

#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sysexits.h>
#include <time.h>
#include <unistd.h>

#include "calendar.h"
#include "casestate.h"
#include "cfg.h"
#include "json.h"
#include "klacht.h"
#include "log.h"
#include "store.h"
#include "textconv.h"
#include "util.h"

#include "ctl.h"

int	ctl_json;
int	ctl_wide;

/* Who is acting, for the audit trail: the invoking user (behind sudo,
 * the one who ran sudo). */
char *
ctl_actor(void)
{
	const char	*sudo = getenv("SUDO_USER");
	struct passwd	*pw;

	if (sudo != NULL && *sudo != '\0' && getuid() == 0)
		return xasprintf("admin:%s", sudo);
	if ((pw = getpwuid(getuid())) != NULL)
		return xasprintf("admin:%s", pw->pw_name);
	return xasprintf("admin:uid%ld", (long)getuid());
}

/* Parses a row id; -1 when it is not a positive number. */
int64_t
ctl_parse_id(const char *s)
{
	char		*end;
	long long	 v;

	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || v <= 0)
		return -1;
	return (int64_t)v;
}

/*
 * s in a column of w characters (UTF-8 code points): padded to w when
 * pad is set; a longer value is cut to w - 1 characters and "…" marks the
 * cut, unless whole is set (--wide).  Allocated.
 */
char *
ctl_column(const char *s, size_t w, int pad, int whole)
{
	struct buf	 b;
	const char	*p;
	size_t		 n = 0;

	if (s == NULL)
		s = "";
	for (p = s; *p != '\0'; p++)
		if (((unsigned char)*p & 0xc0) != 0x80)
			n++;
	buf_init(&b);
	if (n <= w || whole) {
		buf_adds(&b, s);
	} else {
		n = 0;
		for (p = s; *p != '\0'; p++) {
			if (((unsigned char)*p & 0xc0) != 0x80 && ++n == w)
				break;
			buf_addc(&b, *p);
		}
		buf_adds(&b, "\xe2\x80\xa6");	/* … */
		n = w;
	}
	while (pad && n++ < w)
		buf_addc(&b, ' ');
	return buf_detach(&b, NULL);
}

int
ctl_fail(enum kres r, char *why)
{
	fprintf(stderr, "klachtctl: %s\n", why ? why : kres_name(r));
	free(why);
	switch (r) {
	case KR_INVALID:
		return EX_NOINPUT;
	case KR_TEMP:
		return EX_TEMPFAIL;
	default:
		return EX_SOFTWARE;
	}
}

/* ------------------------------------------------- text from mail, safely */

/*
 * s made harmless for a terminal: whatever came from mail could otherwise
 * set the window title, clear the screen or rewrite what the officer
 * sees.  C0 controls, DEL, C1 controls (U+0080-U+009F), bidirectional
 * and line/paragraph separators become \xNN or \uNNNN, and so does any
 * byte that is not valid UTF-8 (a C1 control to a Latin-1 terminal);
 * newline and tab stay when multiline (bodies), else they are escaped
 * too (one field, one line).  The result lives until 16 more calls
 * (enough for one printf); NULL gives "".
 */
const char *
ctl_tty_safe(const char *s, int multiline)
{
	static char	*ring[16];
	static int	 next;
	struct buf	 b;
	const unsigned char *p = (const unsigned char *)s, *end;
	uint32_t	 cp;
	int		 n;

	if (s == NULL)
		return "";
	end = p + strlen(s);
	buf_init(&b);
	buf_adds(&b, "");
	while (*p != '\0') {
		if (*p < 0x80) {
			if ((*p < 0x20 && !(multiline && (*p == '\n' ||
			    *p == '\t'))) || *p == 0x7f)
				buf_printf(&b, "\\x%02x", *p);
			else
				buf_addc(&b, (char)*p);
			p++;
			continue;
		}
		/* One UTF-8 sequence, strictly (textconv.c's decoder). */
		if ((n = (int)text_utf8_seq(p, (size_t)(end - p), &cp)) == 0) {
			buf_printf(&b, "\\x%02x", *p);
			p++;
			continue;
		}
		if ((cp >= 0x80 && cp <= 0x9f) || cp == 0x061c ||
		    (cp >= 0x200e && cp <= 0x200f) ||
		    (cp >= 0x2028 && cp <= 0x202e) ||
		    (cp >= 0x2066 && cp <= 0x2069))
			buf_printf(&b, "\\u%04x", cp);
		else
			buf_add(&b, p, (size_t)n);
		p += n;
	}
	free(ring[next]);
	ring[next] = buf_detach(&b, NULL);
	s = ring[next];
	next = (next + 1) % 16;
	return s;
}

/* Prints "klachtctl: " and fmt (with arg, "" when NULL) to standard
 * error; returns EX_USAGE. */
int
ctl_usage_error(const char *fmt, const char *arg)
{
	fprintf(stderr, "klachtctl: ");
	fprintf(stderr, fmt, arg ? arg : "");
	fprintf(stderr, "\n");
	return EX_USAGE;
}

/* As ctl_fail(), for report, purge and export: KR_TEMP is EX_TEMPFAIL,
 * anything else EX_SOFTWARE. */
int
ctl_fail_report(enum kres r, char *why)
{
	fprintf(stderr, "klachtctl: %s\n", why ? why : kres_name(r));
	free(why);
	return r == KR_TEMP ? EX_TEMPFAIL : EX_SOFTWARE;
}

/* Appends a separating comma in a JSON array unless it just opened. */
void
ctl_json_sep(struct buf *b)
{
	if (b->len > 0 && b->data[b->len - 1] != '[')
		buf_addc(b, ',');
}
