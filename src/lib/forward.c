/*
 * forward.c -- the message inside an officer's forward: who wrote it,
 * when, about what, and its text (forward.h).
 *
 * Mail clients write a forward as a separator line and a small header
 * block above the original text:
 *   Outlook	 "-----Original Message-----" / "-----Oorspronkelijk
 *		 bericht-----", or a rule of underscores, or nothing, then
 *		 "From:/Sent:/To:/Subject:" or "Van:/Verzonden:/Aan:/Onderwerp:"
 *   Gmail	 "---------- Forwarded message ---------" (nl "Doorgestuurd
 *		 bericht"), then From/Date/Subject/To (Van/Datum/...)
 *   Thunderbird "-------- Forwarded Message --------", then a table of
 *		 Subject/Date/From/To with tabs
 *   Apple Mail	 "Begin forwarded message:" ("Begin doorgestuurd
 *		 bericht:"), then From/Subject/Date/To, often quoted "> "
 * and the parser renders a message/rfc822 part the same way below the
 * mail's own text (mailatt.c: "---- Doorgestuurd bericht / Forwarded
 * message ----").  So one reader serves all: find the separator, read the
 * header block whatever its order and language, take the rest as text.
 * Pure: no database, no clock (local time only through mktime).
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "calendar.h"
#include "forward.h"
#include "mail.h"
#include "util.h"

enum fkey { FK_NONE, FK_FROM, FK_DATE, FK_SUBJECT, FK_OTHER };

/* The header names of a forward's block, nl and en, lower case. */
static const struct {
	const char	*name;
	enum fkey	 key;
} fkeys[] = {
	{ "from", FK_FROM }, { "van", FK_FROM },
	{ "date", FK_DATE }, { "datum", FK_DATE }, { "sent", FK_DATE },
	{ "verzonden", FK_DATE }, { "verstuurd", FK_DATE },
	{ "subject", FK_SUBJECT }, { "onderwerp", FK_SUBJECT },
	{ "to", FK_OTHER }, { "aan", FK_OTHER }, { "cc", FK_OTHER },
	{ "bcc", FK_OTHER }, { "reply-to", FK_OTHER },
	{ "antwoord aan", FK_OTHER }, { "beantwoorden aan", FK_OTHER },
	{ "importance", FK_OTHER }, { "urgentie", FK_OTHER },
	{ "prioriteit", FK_OTHER },
};

/* One line of the text: [p, p + len), without its newline. */
struct line {
	const char	*p;
	size_t		 len;
};

static int
is_blank(const char *p, size_t len)
{
	size_t	i;

	for (i = 0; i < len; i++)
		if (!isspace((unsigned char)p[i]))
			return 0;
	return 1;
}

/* The line at *pos below end, and *pos moved past it; 0 at the end. */
static int
next_line(const char **pos, const char *end, struct line *l)
{
	const char	*nl;

	if (*pos >= end)
		return 0;
	l->p = *pos;
	nl = memchr(*pos, '\n', (size_t)(end - *pos));
	l->len = (size_t)((nl ? nl : end) - *pos);
	*pos = nl ? nl + 1 : end;
	return 1;
}

/* A line without its quote marks ("> ", ">>") when quoted is set, and
 * without blanks at both ends. */
static void
line_trim(struct line *l, int quoted)
{
	while (quoted && l->len > 0 && *l->p == '>') {
		l->p++;
		l->len--;
		if (l->len > 0 && *l->p == ' ') {
			l->p++;
			l->len--;
		}
	}
	while (l->len > 0 && isspace((unsigned char)*l->p)) {
		l->p++;
		l->len--;
	}
	while (l->len > 0 && isspace((unsigned char)l->p[l->len - 1]))
		l->len--;
}

/* Whether the (trimmed) line is the words w between dashes, any number
 * of dashes at least min on each side, case-insensitive. */
static int
dashed(const struct line *l, const char *w, size_t min)
{
	size_t	a = 0, b = 0, wl = strlen(w);

	while (a < l->len && l->p[a] == '-')
		a++;
	while (b < l->len - a && l->p[l->len - 1 - b] == '-')
		b++;
	if (a < min || b < min)
		return 0;
	/* the words, blanks allowed around them */
	{
		const char	*p = l->p + a;
		size_t		 n = l->len - a - b;

		while (n > 0 && *p == ' ') {
			p++;
			n--;
		}
		while (n > 0 && p[n - 1] == ' ')
			n--;
		return n == wl && strncasecmp(p, w, wl) == 0;
	}
}

static int
starts_ci(const struct line *l, const char *w)
{
	size_t	n = strlen(w);

	return l->len >= n && strncasecmp(l->p, w, n) == 0;
}

/* The format a separator line begins, or NULL. */
static const char *
separator(const struct line *l0, int *quoted)
{
	struct line	 l = *l0;
	size_t		 i;

	line_trim(&l, 1);
	*quoted = 0;
	if (dashed(&l, "Original Message", 3) ||
	    dashed(&l, "Oorspronkelijk bericht", 3) ||
	    dashed(&l, "Oorspronkelijk e-mailbericht", 3))
		return "outlook";
	if (l.len >= 20) {
		for (i = 0; i < l.len && l.p[i] == '_'; i++)
			;
		if (i == l.len)
			return "outlook";
	}
	if (l.len > 0 && l.p[0] == '-' && (dashed(&l, "Forwarded message",
	    3) || dashed(&l, "Doorgestuurd bericht", 3))) {
		size_t	d;

		for (d = 0; d < l.len && l.p[d] == '-'; d++)
			;
		/* Gmail writes ten dashes, Thunderbird eight. */
		return d >= 10 ? "gmail" : "thunderbird";
	}
	if (starts_ci(&l, "Begin forwarded message") ||
	    starts_ci(&l, "Begin doorgestuurd bericht")) {
		*quoted = 1;
		return "apple";
	}
	return NULL;
}

/* The key of a "Key: value" line (stars around the key dropped, as
 * HTML-to-text writes bold), FK_NONE when it is no header of a forward;
 * *val and *vlen get the value, trimmed. */
static enum fkey
header_line(const struct line *l, const char **val, size_t *vlen)
{
	const char	*colon = memchr(l->p, ':', l->len), *k = l->p;
	size_t		 klen, i;

	if (colon == NULL)
		return FK_NONE;
	klen = (size_t)(colon - k);
	while (klen > 0 && (*k == '*' || *k == ' ')) {
		k++;
		klen--;
	}
	while (klen > 0 && (k[klen - 1] == '*' || k[klen - 1] == ' '))
		klen--;
	*val = colon + 1;
	*vlen = l->len - (size_t)(colon + 1 - l->p);
	while (*vlen > 0 && (**val == '*' || isspace((unsigned char)**val))) {
		(*val)++;
		(*vlen)--;
	}
	while (*vlen > 0 && isspace((unsigned char)(*val)[*vlen - 1]))
		(*vlen)--;
	for (i = 0; i < sizeof fkeys / sizeof fkeys[0]; i++)
		if (strlen(fkeys[i].name) == klen &&
		    strncasecmp(fkeys[i].name, k, klen) == 0)
			return fkeys[i].key;
	return FK_NONE;
}

/* Sender address and name from a From value: "Name <a@b>", "\"Name\"
 * <a@b>", "Name [mailto:a@b]", "a@b".  0 when it holds no valid one. */
static int
parse_from(const char *v, size_t len, char **addr, char **name)
{
	char		*s = xstrndup(v, len), *a = NULL, *n = NULL, *p, *q;
	size_t		 i;

	*addr = *name = NULL;
	if ((p = strstr(s, "mailto:")) != NULL || (p = strstr(s,
	    "MAILTO:")) != NULL) {
		a = p + 7;
		a[strcspn(a, "]> \t")] = '\0';
		n = s;
		*(p - (p > s && (p[-1] == '[' || p[-1] == '<'))) = '\0';
	} else if ((p = strrchr(s, '<')) != NULL &&
	    (q = strchr(p, '>')) != NULL) {
		*q = '\0';
		a = p + 1;
		*p = '\0';
		n = s;
	} else {
		a = s;
		a += strspn(a, " \t\"'");
		a[strcspn(a, " \t\"'")] = '\0';
	}
	while (*a == ' ')
		a++;
	a[strcspn(a, " ")] = '\0';
	if (*a == '\0' || !mail_addr_valid(a)) {
		free(s);
		return 0;
	}
	*addr = xstrdup(a);
	for (i = 0; (*addr)[i] != '\0'; i++)
		(*addr)[i] = (char)tolower((unsigned char)(*addr)[i]);
	if (n != NULL) {
		size_t	l;

		n += strspn(n, " \t\"'*");
		l = strlen(n);
		while (l > 0 && strchr(" \t\"'*", n[l - 1]) != NULL)
			l--;
		if (l > 0 && strncasecmp(n, *addr, l) != 0)
			*name = xstrndup(n, l);
	}
	free(s);
	return 1;
}

/* The subject without the forward and reply prefixes clients put in
 * front ("FW: ", "Fwd: ", "Doorst: ", "TR: ", "WG: "); NULL for none. */
static char *
strip_subject(const char *s)
{
	static const char *const pre[] = { "fwd:", "fw:", "doorst:", "tr:",
	    "wg:", "re:", "antw:" };
	size_t	 i, n;
	int	 again = 1;

	if (s == NULL)
		return NULL;
	while (again) {
		again = 0;
		s += strspn(s, " \t");
		for (i = 0; i < sizeof pre / sizeof pre[0]; i++) {
			n = strlen(pre[i]);
			if (strncasecmp(s, pre[i], n) == 0) {
				s += n;
				again = 1;
			}
		}
	}
	n = strlen(s);
	while (n > 0 && isspace((unsigned char)s[n - 1]))
		n--;
	return n > 0 ? xstrndup(s, n) : NULL;
}

/*
 * Reads the header block that starts at *pos (blank lines before it
 * skipped) and the text below it up to end into f.  1 when the block had
 * a From with a valid address and a date or subject (a lone "Van:" line
 * in a signature is no forward), else 0 with f untouched.
 */
static int
read_block(const char *pos, const char *end, int quoted, struct forward *f)
{
	struct line	 l;
	const char	*val, *at;
	size_t		 vlen, skipped = 0, nh = 0;
	enum fkey	 k, last = FK_NONE;
	char		*from = NULL, *subject = NULL, *date = NULL;
	struct buf	 text;
	int		 ok = 0;

	for (;;) {
		at = pos;
		if (!next_line(&pos, end, &l))
			return 0;
		line_trim(&l, quoted);
		if (l.len > 0)
			break;
		if (++skipped > 2)
			return 0;
	}
	pos = at;
	/* The block: "Key: value" lines; an indented line continues the
	 * last one (long To lists, folded subjects). */
	while (at = pos, next_line(&pos, end, &l)) {
		struct line	raw = l;

		line_trim(&l, quoted);
		if (l.len == 0)
			break;
		if ((k = header_line(&l, &val, &vlen)) == FK_NONE) {
			if (last == FK_NONE || (raw.len > 0 && !isspace(
			    (unsigned char)(quoted && *raw.p == '>' ?
			    raw.p[raw.len > 1 ? 1 : 0] : *raw.p)))) {
				pos = at;
				break;
			}
			/* continuation of the subject only matters */
			if (last == FK_SUBJECT && subject != NULL) {
				char *s = xasprintf("%s %.*s", subject,
				    (int)l.len, l.p);

				free(subject);
				subject = s;
			}
			continue;
		}
		nh++;
		last = k;
		if (k == FK_FROM && from == NULL)
			from = xstrndup(val, vlen);
		else if (k == FK_DATE && date == NULL)
			date = xstrndup(val, vlen);
		else if (k == FK_SUBJECT && subject == NULL)
			subject = xstrndup(val, vlen);
	}
	if (from == NULL || (date == NULL && subject == NULL) ||
	    !parse_from(from, strlen(from), &f->from_addr, &f->from_name))
		goto out;
	ok = 1;
	f->date_text = date;
	date = NULL;
	if (f->date_text == NULL || forward_parse_date(f->date_text,
	    &f->date) == -1)
		f->date = 0;
	f->subject = subject && *subject ? strip_subject(subject) : NULL;
	/* The text: the rest, quote marks dropped, blank lines at both ends
	 * left out. */
	buf_init(&text);
	while (next_line(&pos, end, &l)) {
		if (quoted) {
			while (l.len > 0 && *l.p == '>') {
				l.p++;
				l.len--;
				if (l.len > 0 && *l.p == ' ') {
					l.p++;
					l.len--;
				}
			}
		}
		if (text.len == 0 && is_blank(l.p, l.len))
			continue;
		buf_add(&text, l.p, l.len);
		buf_addc(&text, '\n');
	}
	while (text.len > 0 && isspace((unsigned char)text.data[text.len - 1]))
		text.len--;
	buf_addc(&text, '\0');
	f->text = buf_detach(&text, NULL);
out:
	free(from);
	free(subject);
	free(date);
	return ok;
}

#define RFC822_SEP	"---- Doorgestuurd bericht / Forwarded message ----"

int
forward_find(const char *body, size_t own_len, const char *subject,
    struct forward *f)
{
	const char	*pos, *end, *at, *fmt, *nextsep;
	struct line	 l;
	size_t		 len;
	int		 quoted;

	memset(f, 0, sizeof *f);
	if (body == NULL)
		return 0;
	len = strlen(body);
	if (own_len == 0 || own_len > len)
		own_len = len;
	/* Inline, in the mail's own text: the first separator, or an
	 * Outlook block without one (its "Van:" right under the text). */
	pos = body;
	end = body + own_len;
	while (at = pos, next_line(&pos, end, &l)) {
		if ((fmt = separator(&l, &quoted)) != NULL) {
			if (read_block(pos, end, quoted, f))
				goto found;
			continue;
		}
		line_trim(&l, 0);
		if ((starts_ci(&l, "from:") || starts_ci(&l, "van:") ||
		    starts_ci(&l, "*from:") || starts_ci(&l, "*van:")) &&
		    read_block(at, end, 0, f)) {
			fmt = "outlook";
			goto found;
		}
	}
	/* The first message/rfc822 part, up to the next one. */
	if (own_len < len && (pos = strstr(body + own_len, RFC822_SEP)) !=
	    NULL) {
		pos += strlen(RFC822_SEP);
		if (*pos == '\n')
			pos++;
		nextsep = strstr(pos, "\n" RFC822_SEP);
		end = nextsep ? nextsep + 1 : body + len;
		if (read_block(pos, end, 0, f)) {
			fmt = "rfc822";
			goto found;
		}
	}
	forward_free(f);
	return 0;
found:
	f->format = fmt;
	if (f->subject == NULL)
		f->subject = strip_subject(subject);
	return 1;
}

void
forward_free(struct forward *f)
{
	free(f->from_addr);
	free(f->from_name);
	free(f->subject);
	free(f->date_text);
	free(f->text);
	memset(f, 0, sizeof *f);
}

/* ------------------------------------------------------------ dates */

static const struct {
	const char	*w;
	int		 m;
} months[] = {
	{ "january", 1 }, { "januari", 1 }, { "jan", 1 },
	{ "february", 2 }, { "februari", 2 }, { "feb", 2 },
	{ "march", 3 }, { "maart", 3 }, { "mar", 3 }, { "mrt", 3 },
	{ "maa", 3 },
	{ "april", 4 }, { "apr", 4 },
	{ "may", 5 }, { "mei", 5 },
	{ "june", 6 }, { "juni", 6 }, { "jun", 6 },
	{ "july", 7 }, { "juli", 7 }, { "jul", 7 },
	{ "august", 8 }, { "augustus", 8 }, { "aug", 8 },
	{ "september", 9 }, { "sep", 9 }, { "sept", 9 },
	{ "october", 10 }, { "oktober", 10 }, { "oct", 10 }, { "okt", 10 },
	{ "november", 11 }, { "nov", 11 },
	{ "december", 12 }, { "dec", 12 },
};

/* Zones clients write by name; offsets in seconds east of UTC. */
static const struct {
	const char	*w;
	int		 off;
} zones[] = {
	{ "ut", 0 }, { "utc", 0 }, { "gmt", 0 }, { "z", 0 },
	{ "cet", 3600 }, { "met", 3600 }, { "cest", 7200 }, { "mest", 7200 },
	{ "wet", 0 }, { "bst", 3600 }, { "west", 3600 },
	{ "est", -18000 }, { "edt", -14400 }, { "pst", -28800 },
	{ "pdt", -25200 },
};

static int
days_in_month(int y, int m)
{
	static const int n[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30,
	    31 };

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return n[m - 1];
}

int
forward_parse_date(const char *s, int64_t *t)
{
	char		 tok[64];
	const char	*p;
	char		*copy;
	size_t		 n, i;
	int		 y = 0, mo = 0, d = 0, h = -1, mi = 0, sec = 0;
	int		 ampm = 0, have_off = 0, off = 0;

	if (s == NULL)
		return -1;
	/* Gmail puts a narrow no-break space before "AM": blanks too. */
	copy = xstrdup(s);
	for (i = 0; copy[i] != '\0'; i++)
		if ((unsigned char)copy[i] == 0xc2 &&
		    (unsigned char)copy[i + 1] == 0xa0)
			copy[i] = copy[i + 1] = ' ';
		else if ((unsigned char)copy[i] == 0xe2 &&
		    (unsigned char)copy[i + 1] == 0x80 &&
		    ((unsigned char)copy[i + 2] == 0xaf ||
		    (unsigned char)copy[i + 2] == 0x89))
			copy[i] = copy[i + 1] = copy[i + 2] = ' ';
	p = copy;
	while (*p != '\0') {
		p += strspn(p, " \t,()");
		n = strcspn(p, " \t,()");
		if (n == 0)
			break;
		if (n >= sizeof tok) {
			p += n;
			continue;
		}
		memcpy(tok, p, n);
		tok[n] = '\0';
		p += n;
		for (i = 0; i < n; i++)
			tok[i] = (char)tolower((unsigned char)tok[i]);
		if ((tok[0] == '+' || tok[0] == '-') && isdigit((unsigned
		    char)tok[1])) {
			/* +0100, -05:00 */
			int	hh, mm;

			if (strlen(tok) == 5 && strspn(tok + 1, "0123456789")
			    == 4) {
				hh = (tok[1] - '0') * 10 + tok[2] - '0';
				mm = (tok[3] - '0') * 10 + tok[4] - '0';
			} else if (strlen(tok) == 6 && tok[3] == ':') {
				hh = (tok[1] - '0') * 10 + tok[2] - '0';
				mm = (tok[4] - '0') * 10 + tok[5] - '0';
			} else
				continue;
			if (hh > 14 || mm > 59)
				continue;
			off = (hh * 3600 + mm * 60) * (tok[0] == '-' ? -1 : 1);
			have_off = 1;
			continue;
		}
		if (isdigit((unsigned char)tok[0]) && strchr(tok, ':')) {
			/* 10:15, 10:15:00, 10:15am */
			char	*e;
			long	 a, b, c = 0;

			a = strtol(tok, &e, 10);
			if (*e != ':')
				continue;
			b = strtol(e + 1, &e, 10);
			if (*e == ':')
				c = strtol(e + 1, &e, 10);
			if (strcmp(e, "am") == 0 || strcmp(e, "a.m.") == 0)
				ampm = 1;
			else if (strcmp(e, "pm") == 0 ||
			    strcmp(e, "p.m.") == 0)
				ampm = 2;
			else if (*e != '\0')
				continue;
			if (a < 0 || a > 23 || b < 0 || b > 59 || c < 0 ||
			    c > 60)
				continue;
			h = (int)a;
			mi = (int)b;
			sec = (int)(c == 60 ? 59 : c);
			continue;
		}
		if (isdigit((unsigned char)tok[0]) && (strchr(tok, '-') ||
		    strchr(tok, '/'))) {
			struct cal_ymd	ymd;

			if (cal_parse_day(tok, &ymd, NULL) == 0) {
				y = ymd.y;
				mo = ymd.m;
				d = ymd.d;
			}
			continue;
		}
		/* "17." as some clients write the day */
		if (n > 1 && tok[n - 1] == '.')
			tok[--n] = '\0';
		if (strspn(tok, "0123456789") == n) {
			long	v = strtol(tok, NULL, 10);

			if (n == 4 && y == 0)
				y = (int)v;
			else if (n <= 2 && d == 0 && v >= 1 && v <= 31)
				d = (int)v;
			continue;
		}
		if (strcmp(tok, "am") == 0 || strcmp(tok, "a.m") == 0) {
			ampm = 1;
			continue;
		}
		if (strcmp(tok, "pm") == 0 || strcmp(tok, "p.m") == 0) {
			ampm = 2;
			continue;
		}
		for (i = 0; i < sizeof months / sizeof months[0]; i++)
			if (strcmp(tok, months[i].w) == 0 && mo == 0) {
				mo = months[i].m;
				break;
			}
		if (i < sizeof months / sizeof months[0])
			continue;
		for (i = 0; i < sizeof zones / sizeof zones[0]; i++)
			if (strcmp(tok, zones[i].w) == 0 && !have_off) {
				off = zones[i].off;
				have_off = 1;
				break;
			}
		/* weekdays, "at", "om", "um": nothing to read */
	}
	free(copy);
	if (y < 1970 || y > 9999 || mo < 1 || mo > 12 || d < 1 ||
	    d > days_in_month(y, mo))
		return -1;
	if (h < 0)
		h = 0;
	if (ampm == 2 && h < 12)
		h += 12;
	else if (ampm == 1 && h == 12)
		h = 0;
	if (h > 23)
		return -1;
	if (have_off) {
		*t = cal_days_from_civil(y, mo, d) * 86400 + h * 3600 +
		    mi * 60 + sec - off;
	} else {
		struct tm	tm;

		memset(&tm, 0, sizeof tm);
		tm.tm_year = y - 1900;
		tm.tm_mon = mo - 1;
		tm.tm_mday = d;
		tm.tm_hour = h;
		tm.tm_min = mi;
		tm.tm_sec = sec;
		tm.tm_isdst = -1;
		*t = (int64_t)mktime(&tm);
	}
	return 0;
}

int64_t
forward_receipt(const struct forward *f, int64_t now, const char **why)
{
	*why = NULL;
	if (f->date == 0) {
		*why = "the forwarded date could not be read";
		return now;
	}
	if (f->date > now) {
		*why = "the forwarded date lies in the future";
		return now;
	}
	if (f->date < now - FORWARD_MAX_AGE) {
		*why = "the forwarded date is more than a year old";
		return now;
	}
	return f->date;
}
