/*
 * cmdparse.c -- turns the text of an officer's reply into commands.
 *
 * Two passes over the body.  The first finds where quoted text or the
 * signature begins (cmd_find_quote_start, quotecut.c), because nothing
 * below that point may ever run: a quoted notification can contain a
 * complainant's text, and a complainant must never be able to smuggle a
 * "#close" into an officer's reply.  The second pass walks the lines above the cut,
 * recognising command lines and collecting the free text that follows a
 * command.  What a keyword means -- which command, what argument, whether
 * text follows, once or more -- is its row in cmdtable.c; this file
 * knows how to read each type of argument (parse_arg).
 *
 * Everything is a pure function of the input string.  Every scan is
 * linear in the size of the body, with small constant look-ahead, and
 * each line is looked at through a window of at most CMD_MAX_LINE bytes.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "casestate.h"
#include "calendar.h"
#include "cmdparse.h"
#include "redirect.h"
#include "textblock.h"
#include "textspan.h"
#include "lang.h"
#include "util.h"

/* The longest argument quoted back in an error message. */
#define CMD_QUOTE_MAX	40

static const struct {
	const char	*word;
	int		 mult;
} cmd_units[] = {
	{ "d", 1 }, { "day", 1 }, { "days", 1 }, { "dag", 1 }, { "dagen", 1 },
	{ "w", 7 }, { "wk", 7 }, { "wks", 7 }, { "week", 7 }, { "weeks", 7 },
	{ "weken", 7 },
};

#ifndef nitems
#define nitems(a)	(sizeof (a) / sizeof (a)[0])
#endif

/* ------------------------------------------------------------ parsing */

struct parse {
	int		 en;		/* English messages */
	struct cmd_list	*out;
	struct buf	 free;		/* free text */
	int		 open;		/* a text-taking command is open */
	int		 open_keep;	/* ... and valid: keep it on close */
	struct cmd	 cur;		/* the open command */
	const struct cmd_entry *cur_e;	/* ... and its row */
	struct buf	 text;		/* its text so far */
	size_t		 seen[CMD_NKINDS];
	int		 full;		/* too many commands reported */
	int		 stop;		/* too many errors */
};

static void
parse_error(struct parse *p, char *msg)
{
	struct cmd_list	*out = p->out;

	if (p->stop) {
		free(msg);
		return;
	}
	if (out->nerrors == CMD_MAX_ERRORS - 1) {
		free(msg);
		msg = xstrdup(p->en ?
		    "too many errors; the rest of the message was not read" :
		    "te veel fouten; de rest van het bericht is niet gelezen");
		p->stop = 1;
	}
	out->errors = xreallocarray(out->errors, out->nerrors + 1,
	    sizeof *out->errors);
	out->errors[out->nerrors++] = msg;
}

/* A copy of an officer's argument fit to quote in an error message. */
static char *
quote_arg(struct span s)
{
	struct buf	b;
	size_t		i, n = s.len;

	if (n > CMD_QUOTE_MAX) {
		n = CMD_QUOTE_MAX;
		while (n > 0 && ((unsigned char)s.p[n] & 0xc0) == 0x80)
			n--;
	}
	buf_init(&b);
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s.p[i];

		buf_addc(&b, c < 0x20 || c == 0x7f ? '?' : (char)c);
	}
	if (n < s.len)
		buf_adds(&b, "...");
	return buf_detach(&b, NULL);
}

/* Appends a line of text to b, without its trailing blanks. */
static void
text_add(struct buf *b, struct span s, int first)
{
	s = span_rtrim(s);
	if (!first || b->len > 0)
		buf_addc(b, '\n');
	buf_add(b, s.p, s.len);
}

/* The buffer's text without leading and trailing blanks and blank lines;
 * resets the buffer. */
static char *
text_finish(struct buf *b)
{
	struct span	s;
	const char	*end;
	char		*r;

	s.p = b->data != NULL ? b->data : "";
	s.len = b->len;
	for (;;) {
		end = s.p + s.len;
		if (s.len > 0 && *s.p == '\n') {
			s.p++;
			s.len--;
		} else if (span_blank_at(s.p, end) != 0)
			s = span_ltrim(s);
		else
			break;
	}
	for (;;) {
		if (s.len > 0 && s.p[s.len - 1] == '\n')
			s.len--;
		else if (span_blank_before(s.p, s.p + s.len) != 0)
			s = span_rtrim(s);
		else
			break;
	}
	r = xmalloc(s.len + 1);
	memcpy(r, s.p, s.len);
	r[s.len] = '\0';
	buf_free(b);
	return r;
}

static void
cmd_clear(struct cmd *c)
{
	free(c->arg);
	free(c->text);
	memset(c, 0, sizeof *c);
}

static void
parse_push(struct parse *p, struct cmd *c)
{
	struct cmd_list	*out = p->out;

	out->v = xreallocarray(out->v, out->n + 1, sizeof *out->v);
	out->v[out->n++] = *c;
	memset(c, 0, sizeof *c);
}

/* Ends the open text-taking command, if any. */
static void
parse_close(struct parse *p)
{
	struct cmd		*c = &p->cur;
	const struct cmd_entry	*e = p->cur_e;
	const char		*kw;

	if (!p->open)
		return;
	p->open = 0;
	if (!p->open_keep) {
		buf_free(&p->text);
		cmd_clear(c);
		return;
	}
	free(c->text);
	c->text = text_finish(&p->text);
	if (e->text == CMD_TEXT_REQUIRED && *c->text == '\0') {
		kw = p->en ? e->en : e->nl;
		if ((p->en ? e->notext_en : e->notext_nl) != NULL) {
			parse_error(p, xasprintf(p->en ? "line %zu: #%s %s" :
			    "regel %zu: #%s %s", c->line, kw, p->en ?
			    e->notext_en : e->notext_nl));
		} else {
			parse_error(p, p->en ?
			    xasprintf("line %zu: #%s needs text", c->line, kw) :
			    xasprintf("regel %zu: #%s heeft tekst nodig",
			    c->line, kw));
		}
		cmd_clear(c);
		return;
	}
	parse_push(p, c);
}

/* Lowercases a word into an id of [a-z0-9._-]{1,64}; blanks inside
 * become '-' when join is set.  NULL if it does not fit. */
static char *
make_id(struct span s, int join)
{
	struct buf	 b;
	const char	*end = s.p + s.len;
	size_t		 n;
	unsigned char	 c;

	s = span_trim(s);
	if (s.len == 0 || s.len > 64 * 4)
		return NULL;
	buf_init(&b);
	while (s.len > 0) {
		if ((n = span_blank_at(s.p, end)) != 0) {
			if (!join) {
				buf_free(&b);
				return NULL;
			}
			if (b.len > 0 && b.data[b.len - 1] != '-')
				buf_addc(&b, '-');
			s.p += n;
			s.len -= n;
			continue;
		}
		c = (unsigned char)tolower((unsigned char)*s.p);
		if (!(islower(c) || isdigit(c) || c == '.' || c == '_' ||
		    c == '-')) {
			buf_free(&b);
			return NULL;
		}
		buf_addc(&b, (char)c);
		s.p++;
		s.len--;
	}
	if (b.len == 0 || b.len > 64) {
		buf_free(&b);
		return NULL;
	}
	return buf_detach(&b, NULL);
}

/* An address "a@b.example" (or "<a@b.example>"), lowercased; NULL when
 * it is not one: one '@' with text on both sides, no blanks, quotes,
 * ',;<>()' or control characters, at most 254 bytes. */
static char *
make_address(struct span w)
{
	char	*a;
	size_t	 i, at = 0, nat = 0;

	if (w.len >= 2 && w.p[0] == '<' && w.p[w.len - 1] == '>') {
		w.p++;
		w.len -= 2;
	}
	if (w.len < 3 || w.len > 254)
		return NULL;
	for (i = 0; i < w.len; i++) {
		unsigned char c = (unsigned char)w.p[i];

		if (c <= ' ' || c == 0x7f || strchr("\"',;<>()[]\\", c) != NULL)
			return NULL;
		if (c == '@') {
			at = i;
			nat++;
		}
	}
	if (nat != 1 || at == 0 || at == w.len - 1)
		return NULL;
	a = xstrndup(w.p, w.len);
	for (i = 0; a[i] != '\0'; i++)
		a[i] = (char)tolower((unsigned char)a[i]);
	return a;
}

/* Parses "2w", "14d", "4 weken" at the start of *s. */
static int
parse_duration(struct span *s, int *days, struct span *written)
{
	struct span	r = span_ltrim(*s), u;
	const char	*end = r.p + r.len;
	long		 n = 0;
	size_t		 i, digits = 0;

	written->p = r.p;
	while (r.len > 0 && isdigit((unsigned char)*r.p)) {
		if (++digits > 4)
			return -1;
		n = n * 10 + (*r.p - '0');
		r.p++;
		r.len--;
	}
	if (digits == 0)
		return -1;
	r = span_ltrim(r);
	u.p = r.p;
	while (r.len > 0 && isalpha((unsigned char)*r.p)) {
		r.p++;
		r.len--;
	}
	u.len = (size_t)(r.p - u.p);
	if (u.len == 0)
		return -1;
	/* One punctuation mark may end the duration: "2w: drukte". */
	written->len = (size_t)(r.p - written->p);
	if (r.len > 0 && strchr(":,;.", *r.p) != NULL) {
		r.p++;
		r.len--;
	}
	if (r.len > 0 && span_blank_at(r.p, end) == 0)
		return -1;
	for (i = 0; i < nitems(cmd_units); i++) {
		if (span_ieq(u, cmd_units[i].word))
			break;
	}
	if (i == nitems(cmd_units))
		return -1;
	n *= cmd_units[i].mult;
	*days = n > CMD_MAX_EXTEND_DAYS ? CMD_MAX_EXTEND_DAYS + 1 : (int)n;
	*s = r;
	return 0;
}

/*
 * A hearing date (cal_parse_day) into "YYYY-MM-DD".  Only years 2000 to
 * 2199: a hearing outside them is a typo, and the officer hears so now
 * rather than after the case has moved on.
 */
static int
parse_date(struct span w, char out[16])
{
	struct cal_ymd	d;
	char		s[32];

	if (w.len == 0 || w.len >= sizeof s)
		return -1;
	memcpy(s, w.p, w.len);
	s[w.len] = '\0';
	if (cal_parse_day(s, &d, NULL) == -1 || d.y < 2000 || d.y > 2199)
		return -1;
	snprintf(out, 16, "%04u-%02u-%02u", (unsigned)d.y % 10000,
	    (unsigned)d.m % 100, (unsigned)d.d % 100);
	return 0;
}

/* A time of day "HH:MM", "H:MM", "HH.MM" or "HHuMM" into "HH:MM". */
static int
parse_time(struct span w, char out[8])
{
	size_t		i, sep = 0;
	unsigned	h = 0, m = 0;

	if (w.len < 4 || w.len > 5)
		return -1;
	for (i = 0; i < w.len; i++) {
		unsigned char ch = (unsigned char)w.p[i];

		if (ch == ':' || ch == '.' || ch == 'u' || ch == 'U') {
			if (sep != 0 || i == 0)
				return -1;
			sep = i;
		} else if (!isdigit(ch))
			return -1;
		else if (sep == 0)
			h = h * 10 + (unsigned)(ch - '0');
		else
			m = m * 10 + (unsigned)(ch - '0');
	}
	if (sep == 0 || w.len - sep != 3 || h > 23 || m > 59)
		return -1;
	snprintf(out, 8, "%02u:%02u", h % 100, m % 100);
	return 0;
}

/* "#hoorzitting afgelast": the words that cancel the hearing. */
static int
hearing_cancel_word(struct span w)
{
	static const char *const words[] = { "cancel", "cancelled",
	    "canceled", "afgelast", "afgezegd", "geannuleerd", "annuleren",
	    "vervalt" };
	size_t	i;

	for (i = 0; i < sizeof words / sizeof words[0]; i++)
		if (span_ieq(w, words[i]))
			return 1;
	return 0;
}

/* The words are casestate.c's (judgement_parse). */
const char *
cmd_judgement(const char *word)
{
	return judgement_id(judgement_parse(word));
}

static const char *
judgement_of(struct span w)
{
	char	buf[48];

	if (w.len == 0 || w.len >= sizeof buf)
		return NULL;
	memcpy(buf, w.p, w.len);
	buf[w.len] = '\0';
	return cmd_judgement(buf);
}

/*
 * #afwezig: "[tot [en met]|t/m|until] <date> [vervanger|substitute <id>]",
 * nothing more on the line.  arg gets the date, *text the id (checked
 * here: CMD_TEXT_LINE copies it).  Whether the date lies ahead is the
 * executor's to check: the parser knows no clock.
 */
static int
parse_absence(struct parse *p, struct cmd *c, const char *kw,
    struct span rest, struct span *text)
{
	struct span	 r = rest, w, id = { "", 0 };
	char		 date[16], *q, *sub = NULL;

	w = span_word(&r);
	if (span_ieq(w, "tot") || span_ieq(w, "until") || span_ieq(w, "t/m") ||
	    span_ieq(w, "tm") || span_ieq(w, "till")) {
		if (span_ieq(w, "tot")) {
			struct span r2 = r, w2 = span_word(&r2);

			if (span_ieq(w2, "en") && span_ieq(span_word(&r2),
			    "met"))
				r = r2;
		}
		w = span_word(&r);
	}
	if (parse_date(span_unpunct(w), date) == -1) {
		q = quote_arg(w);
		parse_error(p, p->en ?
		    xasprintf("line %zu: #%s expects \"until <date>\", the "
		    "last day you are away, as YYYY-MM-DD, not \"%s\"",
		    c->line, kw, q) :
		    xasprintf("regel %zu: #%s verwacht \"tot <datum>\", de "
		    "laatste dag dat u afwezig bent, als JJJJ-MM-DD, niet "
		    "\"%s\"", c->line, kw, q));
		free(q);
		return -1;
	}
	w = span_word(&r);
	if (w.len > 0) {
		if (!(span_ieq(w, "vervanger") || span_ieq(w, "substitute") ||
		    span_ieq(w, "vervanging") || span_ieq(w, "vervangster")) ||
		    (id = span_word(&r)).len == 0 || r.len > 0 ||
		    (sub = make_id(id, 0)) == NULL) {
			q = quote_arg(span_trim(rest));
			parse_error(p, p->en ?
			    xasprintf("line %zu: #%s expects \"until <date>\" "
			    "and then at most \"substitute <id>\", not \"%s\"",
			    c->line, kw, q) :
			    xasprintf("regel %zu: #%s verwacht \"tot <datum>\" "
			    "en daarna hoogstens \"vervanger <id>\", niet "
			    "\"%s\"", c->line, kw, q));
			free(q);
			return -1;
		}
		free(sub);
	}
	c->arg = xstrdup(date);
	/* make_id lowercases; CMD_TEXT_LINE copies the span as written. */
	*text = id;
	return 0;
}

/*
 * A case reference from an officer's word: letters, '-', four digits,
 * '-', five to nine digits, with or without brackets around it; the
 * letters upper-cased as we issue them.  NULL if it is none.  The
 * prefix is not checked here: the case is looked up by the handler.
 */
static char *
make_ref(struct span w)
{
	size_t	 i = 0, n, d;
	char	*ref;

	if (w.len >= 2 && w.p[0] == '[' && w.p[w.len - 1] == ']') {
		w.p++;
		w.len -= 2;
	}
	n = w.len;
	while (i < n && isalpha((unsigned char)w.p[i]))
		i++;
	if (i == 0 || i > 16 || i >= n || w.p[i] != '-')
		return NULL;
	for (d = 0, i++; i < n && isdigit((unsigned char)w.p[i]); i++)
		d++;
	if (d != 4 || i >= n || w.p[i] != '-')
		return NULL;
	for (d = 0, i++; i < n && isdigit((unsigned char)w.p[i]); i++)
		d++;
	if (d < 5 || d > 9 || i != n)
		return NULL;
	ref = xstrndup(w.p, n);
	for (i = 0; i < n; i++)
		ref[i] = (char)toupper((unsigned char)ref[i]);
	return ref;
}

/*
 * A measure reference "M-2026-0001" (or "[M-2026-0001]", any case):
 * 'M', '-', four digits, '-', 4 to 9 digits; upper-cased.  NULL if it is
 * none.
 */
static char *
make_mref(struct span w)
{
	size_t	 i, d;
	char	*ref;

	if (w.len >= 2 && w.p[0] == '[' && w.p[w.len - 1] == ']') {
		w.p++;
		w.len -= 2;
	}
	if (w.len < 2 || (w.p[0] != 'M' && w.p[0] != 'm') || w.p[1] != '-')
		return NULL;
	for (d = 0, i = 2; i < w.len && isdigit((unsigned char)w.p[i]); i++)
		d++;
	if (d != 4 || i >= w.len || w.p[i] != '-')
		return NULL;
	for (d = 0, i++; i < w.len && isdigit((unsigned char)w.p[i]); i++)
		d++;
	if (d < 4 || d > 9 || i != w.len)
		return NULL;
	ref = xstrndup(w.p, w.len);
	ref[0] = 'M';
	return ref;
}

/* Parses the argument of command c, of the type its row e gives, from
 * rest; returns the text that starts on the command line in *text.  -1
 * (with an error) if bad. */
static int
parse_arg(struct parse *p, const struct cmd_entry *e, struct cmd *c,
    const char *kw, struct span rest, struct span *text)
{
	struct span	 w, w2, r;
	const char	*id;
	char		*q, date[16], pw[16];

	text->p = rest.p + rest.len;
	text->len = 0;
	rest = span_trim(rest);
	switch (e->arg) {
	case CMD_ARG_OFFICER:
		if ((c->arg = make_id(rest, 0)) != NULL)
			return 0;
		q = quote_arg(rest);
		parse_error(p, p->en ?
		    xasprintf("line %zu: #%s expects one officer id (letters, "
		    "digits, '.', '_', '-'), not \"%s\"", c->line, kw, q) :
		    xasprintf("regel %zu: #%s verwacht één id van een "
		    "functionaris (letters, cijfers, '.', '_', '-'), niet "
		    "\"%s\"", c->line, kw, q));
		free(q);
		return -1;
	case CMD_ARG_STATE:
	case CMD_ARG_CATEGORY:
		if ((c->arg = make_id(rest, 1)) != NULL)
			return 0;
		q = quote_arg(rest);
		if (e->arg == CMD_ARG_STATE) {
			parse_error(p, p->en ?
			    xasprintf("line %zu: #%s expects a status such as "
			    "in-progress, not \"%s\"", c->line, kw, q) :
			    xasprintf("regel %zu: #%s verwacht een status "
			    "zoals in-behandeling, niet \"%s\"", c->line, kw,
			    q));
		} else {
			parse_error(p, p->en ?
			    xasprintf("line %zu: #%s expects a category id, "
			    "not \"%s\"", c->line, kw, q) :
			    xasprintf("regel %zu: #%s verwacht een "
			    "categorie-id, niet \"%s\"", c->line, kw, q));
		}
		free(q);
		return -1;
	case CMD_ARG_PRIORITY:
		/* The words are casestate.c's (priority_parse). */
		if (rest.len < sizeof pw && memchr(rest.p, '\0', rest.len) ==
		    NULL) {
			memcpy(pw, rest.p, rest.len);
			pw[rest.len] = '\0';
			if (priority_parse(pw) != PRIO_INVALID) {
				c->arg = xstrdup(priority_id(priority_parse(pw)));
				return 0;
			}
		}
		q = quote_arg(rest);
		parse_error(p, p->en ?
		    xasprintf("line %zu: #%s expects low, normal, high or "
		    "urgent, not \"%s\"", c->line, kw, q) :
		    xasprintf("regel %zu: #%s verwacht laag, normaal, hoog of "
		    "urgent, niet \"%s\"", c->line, kw, q));
		free(q);
		return -1;
	case CMD_ARG_DURATION:
		r = rest;
		if (parse_duration(&r, &c->days, &w) == -1) {
			q = quote_arg(rest);
			parse_error(p, p->en ?
			    xasprintf("line %zu: #%s expects a duration such "
			    "as 2w, 14d or \"4 weeks\" and a reason, not "
			    "\"%s\"", c->line, kw, q) :
			    xasprintf("regel %zu: #%s verwacht een duur zoals "
			    "2w, 14d of \"4 weken\" en een reden, niet \"%s\"",
			    c->line, kw, q));
			free(q);
			return -1;
		}
		if (c->days < 1 || c->days > CMD_MAX_EXTEND_DAYS) {
			parse_error(p, p->en ?
			    xasprintf("line %zu: #%s: the duration must be 1 to "
			    "%d days", c->line, kw, CMD_MAX_EXTEND_DAYS) :
			    xasprintf("regel %zu: #%s: de duur moet 1 tot %d "
			    "dagen zijn", c->line, kw, CMD_MAX_EXTEND_DAYS));
			return -1;
		}
		c->arg = xstrndup(w.p, w.len);
		*text = r;
		return 0;
	case CMD_ARG_DATE:
		r = rest;
		w = span_unpunct(span_word(&r));
		if (parse_date(w, date) == -1) {
			q = quote_arg(w);
			parse_error(p, p->en ?
			    xasprintf("line %zu: #%s expects a date as "
			    "YYYY-MM-DD (or DD-MM-YYYY), not \"%s\"", c->line,
			    kw, q) :
			    xasprintf("regel %zu: #%s verwacht een datum als "
			    "JJJJ-MM-DD (of DD-MM-JJJJ), niet \"%s\"", c->line,
			    kw, q));
			free(q);
			return -1;
		}
		c->arg = xstrdup(date);
		*text = r;
		return 0;
	case CMD_ARG_HEARING:
		r = rest;
		w = span_unpunct(span_word(&r));
		if (hearing_cancel_word(w)) {
			c->arg = xstrdup("cancel");
			*text = r;
			return 0;
		}
		if (parse_date(w, date) == -1) {
			q = quote_arg(w);
			parse_error(p, p->en ?
			    xasprintf("line %zu: #%s expects a date as "
			    "YYYY-MM-DD (or DD-MM-YYYY) and a time and place, "
			    "or \"cancel\", not \"%s\"", c->line, kw, q) :
			    xasprintf("regel %zu: #%s verwacht een datum als "
			    "JJJJ-MM-DD (of DD-MM-JJJJ) en een tijd en plaats, "
			    "of \"afgelast\", niet \"%s\"", c->line, kw, q));
			free(q);
			return -1;
		}
		/* A time after the date: "14:30", "14.30", "14u30"; what
		 * does not read as one is the text, as before. */
		{
			struct span	r2 = r;
			char		hm[8];

			w = span_unpunct(span_word(&r2));
			if (parse_time(w, hm) == 0) {
				c->arg = xasprintf("%s %s", date, hm);
				*text = r2;
				return 0;
			}
		}
		c->arg = xstrdup(date);
		*text = r;
		return 0;
	case CMD_ARG_GROUND:
		r = rest;
		w = span_unpunct(span_word(&r));
		if (w.len != 1 || (tolower((unsigned char)*w.p) != 'a' &&
		    tolower((unsigned char)*w.p) != 'b' &&
		    tolower((unsigned char)*w.p) != 'c')) {
			q = quote_arg(w);
			parse_error(p, p->en ?
			    xasprintf("line %zu: #%s expects a ground of Awb "
			    "9:10 lid 2: a (clearly unfounded), b (does not "
			    "want to be heard) or c (did not ask in time), not "
			    "\"%s\"", c->line, kw, q) :
			    xasprintf("regel %zu: #%s verwacht een grond uit "
			    "Awb 9:10 lid 2: a (kennelijk ongegrond), b (wil "
			    "niet gehoord worden) of c (niet op tijd gevraagd), "
			    "niet \"%s\"", c->line, kw, q));
			free(q);
			return -1;
		}
		c->arg = xasprintf("%c", tolower((unsigned char)*w.p));
		*text = r;
		return 0;
	case CMD_ARG_JUDGEMENT:
		r = rest;
		w = span_word(&r);
		id = NULL;
		if (r.len > 0) {
			/* Two words first: "deels gegrond", "partially upheld". */
			struct span	 r2 = r;
			char		 two[48];

			w2 = span_unpunct(span_word(&r2));
			if (w.len + w2.len + 2 <= sizeof two) {
				memcpy(two, w.p, w.len);
				two[w.len] = '-';
				memcpy(two + w.len + 1, w2.p, w2.len);
				two[w.len + 1 + w2.len] = '\0';
				if ((id = cmd_judgement(two)) != NULL)
					r = r2;
			}
		}
		if (id == NULL)
			id = judgement_of(span_unpunct(w));
		if (id == NULL) {
			q = quote_arg(w);
			parse_error(p, p->en ?
			    xasprintf("line %zu: #%s expects a judgement: "
			    "gegrond, deels-gegrond, ongegrond, "
			    "niet-ontvankelijk or ingetrokken (or upheld, "
			    "partially-upheld, rejected, inadmissible, "
			    "withdrawn), not \"%s\"", c->line, kw, q) :
			    xasprintf("regel %zu: #%s verwacht een oordeel: "
			    "gegrond, deels-gegrond, ongegrond, "
			    "niet-ontvankelijk of ingetrokken, niet \"%s\"",
			    c->line, kw, q));
			free(q);
			return -1;
		}
		c->arg = xstrdup(id);
		snprintf(c->judgement, sizeof c->judgement, "%s", id);
		*text = r;
		return 0;
	case CMD_ARG_NONE:
		/* The line's rest is text, or dropped (#help). */
		if (e->text != CMD_TEXT_NONE)
			*text = rest;
		return 0;
	case CMD_ARG_ADDRESS:
		r = rest;
		w = span_word(&r);
		if ((c->arg = make_address(w)) == NULL &&
		    e->kind == CMD_COMPLAINANT) {
			q = quote_arg(w);
			parse_error(p, p->en ?
			    xasprintf("line %zu: #%s expects the complainant's "
			    "address, then their name, not \"%s\"", c->line, kw,
			    q) :
			    xasprintf("regel %zu: #%s verwacht het e-mailadres "
			    "van de klager, daarna diens naam, niet \"%s\"",
			    c->line, kw, q));
			free(q);
			return -1;
		}
		if (c->arg == NULL) {
			q = quote_arg(w);
			parse_error(p, p->en ?
			    xasprintf("line %zu: #%s expects the address of "
			    "the person complained about, then their name, "
			    "not \"%s\"", c->line, kw, q) :
			    xasprintf("regel %zu: #%s verwacht het e-mailadres "
			    "van de beklaagde, daarna diens naam, niet \"%s\"",
			    c->line, kw, q));
			free(q);
			return -1;
		}
		*text = r;
		return 0;
	case CMD_ARG_ABSENCE:
		return parse_absence(p, c, kw, rest, text);
	case CMD_ARG_LANG: {
		enum lang	 l;

		/* The words are lang.c's (lang_word). */
		if (rest.len < sizeof pw && memchr(rest.p, '\0', rest.len) ==
		    NULL) {
			memcpy(pw, rest.p, rest.len);
			pw[rest.len] = '\0';
			if (lang_word(pw, &l) == 0) {
				c->arg = xstrdup(lang_name(l));
				return 0;
			}
		}
		q = quote_arg(rest);
		parse_error(p, p->en ?
		    xasprintf("line %zu: #%s expects nl or en, not \"%s\"",
		    c->line, kw, q) :
		    xasprintf("regel %zu: #%s verwacht nl of en, niet \"%s\"",
		    c->line, kw, q));
		free(q);
		return -1;
	}
	case CMD_ARG_OPTREF:
		/* Nothing: the case the mail is about. */
		if (rest.len == 0) {
			c->arg = xstrdup("");
			return 0;
		}
		if ((c->arg = make_ref(span_trim(rest))) != NULL)
			return 0;
		q = quote_arg(rest);
		parse_error(p, p->en ?
		    xasprintf("line %zu: #%s expects nothing or one case "
		    "reference such as KL-2026-00042, not \"%s\"", c->line,
		    kw, q) :
		    xasprintf("regel %zu: #%s verwacht niets of één "
		    "referentie zoals KL-2026-00042, niet \"%s\"", c->line,
		    kw, q));
		free(q);
		return -1;
	case CMD_ARG_REF:
		r = rest;
		w = span_word(&r);
		if ((c->arg = make_ref(w)) != NULL) {
			*text = r;
			return 0;
		}
		q = quote_arg(w);
		parse_error(p, p->en ?
		    xasprintf("line %zu: #%s expects the reference of a "
		    "complaint, such as KL-2026-00042, not \"%s\"", c->line, kw,
		    q) :
		    xasprintf("regel %zu: #%s verwacht het nummer van een "
		    "klacht, zoals KL-2026-00042, niet \"%s\"", c->line, kw, q));
		free(q);
		return -1;
	case CMD_ARG_VOID: {
		static const struct {
			const char	*w, *id;
		} why[] = {
			{ "duplicate", "duplicate" }, { "dubbel", "duplicate" },
			{ "misdirected", "misdirected" },
			{ "wrong-address", "misdirected" },
			{ "verkeerd-adres", "misdirected" },
			{ "verkeerd", "misdirected" }, { "spam", "spam" },
		};
		size_t	i;

		r = rest;
		w = span_word(&r);
		for (i = 0; i < sizeof why / sizeof why[0]; i++)
			if (w.len == strlen(why[i].w) &&
			    strncasecmp(w.p, why[i].w, w.len) == 0) {
				c->arg = xstrdup(why[i].id);
				*text = r;
				return 0;
			}
		q = quote_arg(w);
		parse_error(p, p->en ?
		    xasprintf("line %zu: #%s expects duplicate, misdirected or "
		    "spam, not \"%s\"", c->line, kw, q) :
		    xasprintf("regel %zu: #%s verwacht dubbel, verkeerd-adres "
		    "of spam, niet \"%s\"", c->line, kw, q));
		free(q);
		return -1;
	}
	case CMD_ARG_CONTACT:
		r = rest;
		w = span_unpunct(span_word(&r));
		if ((id = cmd_contact_kind(w.p, w.len)) == NULL) {
			q = quote_arg(w);
			parse_error(p, p->en ?
			    xasprintf("line %zu: #%s expects phone, meeting, "
			    "letter or mail, not \"%s\"", c->line, kw, q) :
			    xasprintf("regel %zu: #%s verwacht telefoon, "
			    "gesprek, brief of mail, niet \"%s\"", c->line, kw,
			    q));
			free(q);
			return -1;
		}
		c->arg = xstrdup(id);
		*text = r;
		return 0;
	case CMD_ARG_WORD:
		/* Whether the word is configured is the handler's to say
		 * (officer_class.c): it names the known ones. */
		if ((c->arg = make_id(rest, 1)) != NULL)
			return 0;
		q = quote_arg(rest);
		parse_error(p, p->en ?
		    xasprintf("line %zu: #%s expects one word (letters, "
		    "digits, '.', '_', '-'), not \"%s\"", c->line, kw, q) :
		    xasprintf("regel %zu: #%s verwacht één woord (letters, "
		    "cijfers, '.', '_', '-'), niet \"%s\"", c->line, kw, q));
		free(q);
		return -1;
	case CMD_ARG_MEASURE:
		/* An existing measure, or a new one: owner and date. */
		r = rest;
		w = span_word(&r);
		if ((c->arg = make_mref(span_unpunct(w))) != NULL) {
			*text = r;
			return 0;
		}
		w2 = span_unpunct(span_word(&r));
		if ((c->arg = make_id(w, 0)) != NULL &&
		    parse_date(w2, date) == 0) {
			snprintf(c->due, sizeof c->due, "%s", date);
			*text = r;
			return 0;
		}
		free(c->arg);
		c->arg = NULL;
		q = quote_arg(rest);
		parse_error(p, p->en ?
		    xasprintf("line %zu: #%s expects an owner (an officer id) "
		    "and a date as YYYY-MM-DD, then the measure, or a measure "
		    "such as M-2026-0001, not \"%s\"", c->line, kw, q) :
		    xasprintf("regel %zu: #%s verwacht een eigenaar (id van "
		    "een functionaris) en een datum als JJJJ-MM-DD, dan de "
		    "maatregel, of een maatregel zoals M-2026-0001, niet "
		    "\"%s\"", c->line, kw, q));
		free(q);
		return -1;
	case CMD_ARG_MREF:
		r = rest;
		w = span_unpunct(span_word(&r));
		if ((c->arg = make_mref(w)) != NULL) {
			*text = r;
			return 0;
		}
		q = quote_arg(w);
		parse_error(p, p->en ?
		    xasprintf("line %zu: #%s expects the reference of a "
		    "measure, such as M-2026-0001, not \"%s\"", c->line, kw,
		    q) :
		    xasprintf("regel %zu: #%s verwacht het nummer van een "
		    "maatregel, zoals M-2026-0001, niet \"%s\"", c->line, kw,
		    q));
		free(q);
		return -1;
	case CMD_ARG_REDIRECT: {
		int	i;

		r = rest;
		w = span_unpunct(span_word(&r));
		if ((i = redirect_kind_find(w.p, w.len)) == -1) {
			q = quote_arg(w);
			parse_error(p, p->en ?
			    xasprintf("line %zu: #%s expects objection, foi, "
			    "report, damage or other (or bezwaar, woo, "
			    "melding, schade, overig), not \"%s\"", c->line,
			    kw, q) :
			    xasprintf("regel %zu: #%s verwacht bezwaar, woo, "
			    "melding, schade of overig, niet \"%s\"", c->line,
			    kw, q));
			free(q);
			return -1;
		}
		c->arg = xstrdup(redirect_kinds[i].id);
		*text = r;
		return 0;
	}
	}
	return -1;
}

const char *
cmd_contact_kind(const char *w, size_t len)
{
	static const struct {
		const char	*word;
		const char	*kind;
	} words[] = {
		{ "phone", "phone" }, { "telefoon", "phone" },
		{ "telefonisch", "phone" }, { "gebeld", "phone" },
		{ "call", "phone" },
		{ "meeting", "meeting" }, { "gesprek", "meeting" },
		{ "visit", "meeting" }, { "bezoek", "meeting" },
		{ "letter", "letter" }, { "brief", "letter" },
		{ "mail", "mail" }, { "email", "mail" }, { "e-mail", "mail" },
	};
	size_t	i;

	for (i = 0; i < sizeof words / sizeof words[0]; i++)
		if (strlen(words[i].word) == len &&
		    strncasecmp(w, words[i].word, len) == 0)
			return words[i].kind;
	return NULL;
}

/* Handles one command line; t is the line from its '#' on. */
static void
parse_command(struct parse *p, const struct span_line *l, struct span t)
{
	const struct cmd_entry	*e;
	struct cmd		 c;
	struct span		 word, rest, text;
	const char		*end = t.p + t.len, *kw;
	char			*q;
	int			 colon;

	parse_close(p);
	memset(&c, 0, sizeof c);
	c.line = l->no;

	word.p = t.p + 1;
	for (word.len = 0; word.len < t.len - 1; word.len++) {
		unsigned char ch = (unsigned char)word.p[word.len];

		if (!isalnum(ch) && ch != '-' && ch != '_')
			break;
	}
	rest.p = word.p + word.len;
	rest.len = (size_t)(end - rest.p);
	colon = rest.len > 0 && *rest.p == ':';
	if (colon) {
		rest.p++;
		rest.len--;
	}
	e = cmd_entry_find(word.p, word.len);
	if (e == NULL ||
	    (!colon && rest.len > 0 && span_blank_at(rest.p, end) == 0)) {
		/* Quote the whole word as written, up to the first blank. */
		word.len = 0;
		while (word.p + word.len < end &&
		    span_blank_at(word.p + word.len, end) == 0)
			word.len++;
		q = quote_arg(word);
		parse_error(p, p->en ?
		    xasprintf("line %zu: unknown command \"#%s\"; send #help "
		    "for the list of commands", l->no, q) :
		    xasprintf("regel %zu: onbekend commando \"#%s\"; stuur "
		    "#hulp voor de lijst met commando's", l->no, q));
		free(q);
		/* What follows probably belonged to it: drop that too. */
		p->open = 1;
		p->open_keep = 0;
		return;
	}
	c.kind = e->kind;
	kw = p->en ? e->en : e->nl;

	if (l->trunc) {
		parse_error(p, p->en ?
		    xasprintf("line %zu: #%s: line too long (more than %d "
		    "bytes)", l->no, kw, SPAN_MAX_LINE) :
		    xasprintf("regel %zu: #%s: regel te lang (meer dan %d "
		    "bytes)", l->no, kw, SPAN_MAX_LINE));
		goto bad;
	}
	if (p->out->n >= CMD_MAX_COMMANDS) {
		if (!p->full) {
			parse_error(p, p->en ?
			    xasprintf("line %zu: too many commands (at most "
			    "%d)", l->no, CMD_MAX_COMMANDS) :
			    xasprintf("regel %zu: te veel commando's (hoogstens "
			    "%d)", l->no, CMD_MAX_COMMANDS));
			p->full = 1;
		}
		goto bad;
	}
	if (parse_arg(p, e, &c, kw, rest, &text) == -1)
		goto bad;
	if (e->once) {
		if (p->seen[c.kind] != 0) {
			parse_error(p, p->en ?
			    xasprintf("line %zu: #%s may be given only once "
			    "(also on line %zu)", l->no, kw,
			    p->seen[c.kind]) :
			    xasprintf("regel %zu: #%s mag maar één keer "
			    "(ook op regel %zu)", l->no, kw,
			    p->seen[c.kind]));
			goto bad;
		}
		p->seen[c.kind] = l->no;
	}
	if (c.arg == NULL)
		c.arg = xstrdup("");
	switch (e->text) {
	case CMD_TEXT_OPTIONAL:
	case CMD_TEXT_REQUIRED:
		p->cur = c;
		p->cur_e = e;
		p->open = 1;
		p->open_keep = 1;
		buf_init(&p->text);
		text_add(&p->text, span_trim(text), 1);
		return;
	case CMD_TEXT_LINE:
		/* A name, say: capped, and the lines below are free text. */
		text = span_trim(text);
		if (text.len > 200)
			text.len = 200;
		c.text = xstrndup(text.p, text.len);
		if (e->arg == CMD_ARG_ABSENCE) {
			size_t i;

			for (i = 0; c.text[i] != '\0'; i++)
				c.text[i] = (char)tolower(
				    (unsigned char)c.text[i]);
		}
		break;
	case CMD_TEXT_NONE:
		c.text = xstrdup("");
		break;
	}
	parse_push(p, &c);
	return;

bad:
	/* The lines that follow belonged to a bad command: drop them. */
	cmd_clear(&c);
	p->open = 1;
	p->open_keep = 0;
}

/* Handles one line of text above the cut. */
static void
parse_text(struct parse *p, struct span s)
{
	if (p->open) {
		if (p->open_keep)
			text_add(&p->text, s, 0);
		return;
	}
	text_add(&p->free, s, 0);
}

/*
 * "#tekst <name>" / "#snippet <name>" (textblock.h) is no command but a
 * line of the text of #reply or #close, kept as written for the handler
 * to expand; anywhere else it is an error saying where it belongs.
 */
static void
parse_textblock(struct parse *p, const struct span_line *l, struct span t)
{
	if (p->open && (!p->open_keep || p->cur.kind == CMD_REPLY ||
	    p->cur.kind == CMD_CLOSE)) {
		parse_text(p, t);
		return;
	}
	parse_error(p, p->en ? xasprintf("line %zu: #snippet stands inside "
	    "the text of #reply or #close, on a line of its own", l->no) :
	    xasprintf("regel %zu: #tekst staat in de tekst van #antwoord of "
	    "#sluit, op een eigen regel", l->no));
}

int
cmd_parse(const char *body, const char *lang, struct cmd_list *out)
{
	struct parse		 p;
	struct span_line	 l;
	struct span		 s, t;
	const char		*tb;
	size_t			 off, no, top, tblen;

	memset(out, 0, sizeof *out);
	memset(&p, 0, sizeof p);
	p.out = out;
	p.en = cmd_lang_en(lang);
	buf_init(&p.free);
	buf_init(&p.text);

	if (body == NULL)
		body = "";
	top = cmd_find_quote_start(body, &out->cut_line);
	out->cut_offset = top;

	for (off = 0, no = 1; !p.stop && off < top &&
	    span_line_get(body, top, off, no, &l); off = l.next, no++) {
		s = span_of_line(&l);
		t = span_ltrim(s);
		if (textblock_line(t.p, t.len, &tb, &tblen)) {
			parse_textblock(&p, &l, t);
			continue;
		}
		if (t.len >= 2 && t.p[0] == '#' &&
		    isalpha((unsigned char)t.p[1]) &&
		    (unsigned char)t.p[1] < 0x80) {
			parse_command(&p, &l, t);
			continue;
		}
		if (t.len >= 3 && t.p[0] == '#' && t.p[1] == '#' &&
		    isalpha((unsigned char)t.p[2]) &&
		    (unsigned char)t.p[2] < 0x80) {
			/* "##word": text starting with "#word". */
			t.p++;
			t.len--;
			parse_text(&p, t);
			continue;
		}
		parse_text(&p, s);
	}
	parse_close(&p);
	buf_free(&p.text);
	out->free_text = text_finish(&p.free);
	return out->nerrors > 0 ? -1 : 0;
}

void
cmd_list_free(struct cmd_list *l)
{
	size_t	i;

	if (l == NULL)
		return;
	for (i = 0; i < l->n; i++)
		cmd_clear(&l->v[i]);
	free(l->v);
	for (i = 0; i < l->nerrors; i++)
		free(l->errors[i]);
	free(l->errors);
	free(l->free_text);
	memset(l, 0, sizeof *l);
}
