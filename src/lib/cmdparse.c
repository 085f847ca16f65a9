/*
 * cmdparse.c -- turns the text of an officer's reply into commands.
 *
 * Two passes over the body.  The first finds where quoted text or the
 * signature begins (cmd_find_quote_start), because nothing below that
 * point may ever run: a quoted notification can contain a complainant's
 * text, and a complainant must never be able to smuggle a "#close" into
 * an officer's reply.  So the cut errs on the side of cutting early; at
 * worst an officer sees in the confirmation that a text ended too soon.
 * The second pass walks the lines above the cut, recognising command
 * lines and collecting the free text that follows a command.
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

#include "cmdparse.h"
#include "lang.h"
#include "util.h"

/* Attribution and marker lines longer than this are never recognised. */
#define CMD_ATTR_MAX	400
/* How far a "From:" line looks ahead for "Sent:"/"Date:". */
#define CMD_HDR_AHEAD	6
/* The longest argument quoted back in an error message. */
#define CMD_QUOTE_MAX	40

struct span {
	const char	*p;
	size_t		 len;
};

struct line {
	const char	*p;
	size_t		 len;	/* without CR/LF, at most CMD_MAX_LINE */
	int		 trunc;	/* the line was longer than CMD_MAX_LINE */
	size_t		 off;	/* where the line starts in the body */
	size_t		 next;	/* where the following line starts */
	size_t		 no;	/* 1-based line number */
};

static const struct {
	const char	*word;
	enum cmd_kind	 kind;
} cmd_words[] = {
	{ "assign",	 CMD_ASSIGN },
	{ "toewijzen",	 CMD_ASSIGN },
	{ "status",	 CMD_STATUS },
	{ "category",	 CMD_CATEGORY },
	{ "categorie",	 CMD_CATEGORY },
	{ "priority",	 CMD_PRIORITY },
	{ "prioriteit",	 CMD_PRIORITY },
	{ "note",	 CMD_NOTE },
	{ "notitie",	 CMD_NOTE },
	{ "reply",	 CMD_REPLY },
	{ "antwoord",	 CMD_REPLY },
	{ "extend",	 CMD_EXTEND },
	{ "verleng",	 CMD_EXTEND },
	{ "verlengen",	 CMD_EXTEND },
	{ "hear",	 CMD_HEAR },
	{ "hoorzitting", CMD_HEAR },
	{ "horen",	 CMD_HEAR },
	{ "close",	 CMD_CLOSE },
	{ "sluit",	 CMD_CLOSE },
	{ "sluiten",	 CMD_CLOSE },
	{ "reopen",	 CMD_REOPEN },
	{ "heropen",	 CMD_REOPEN },
	{ "heropenen",	 CMD_REOPEN },
	{ "help",	 CMD_HELP },
	{ "hulp",	 CMD_HELP },
	{ "consent",	 CMD_CONSENT },
	{ "instemming",	 CMD_CONSENT },
	{ "respondent",	 CMD_RESPONDENT },
	{ "beklaagde",	 CMD_RESPONDENT },
};

/* Per kind: English and Dutch keyword, takes text, needs text, once. */
static const struct {
	const char	*en;
	const char	*nl;
	int		 takes_text;
	int		 needs_text;
	int		 once;
} cmd_info[CMD_NKINDS] = {
	[CMD_ASSIGN] =	 { "assign",   "toewijzen",   0, 0, 1 },
	[CMD_STATUS] =	 { "status",   "status",      0, 0, 1 },
	[CMD_CATEGORY] = { "category", "categorie",   0, 0, 1 },
	[CMD_PRIORITY] = { "priority", "prioriteit",  0, 0, 1 },
	[CMD_NOTE] =	 { "note",     "notitie",     1, 1, 0 },
	[CMD_REPLY] =	 { "reply",    "antwoord",    1, 1, 0 },
	[CMD_EXTEND] =	 { "extend",   "verleng",     1, 1, 1 },
	[CMD_HEAR] =	 { "hear",     "hoorzitting", 1, 0, 1 },
	[CMD_CLOSE] =	 { "close",    "sluit",       1, 0, 1 },
	[CMD_REOPEN] =	 { "reopen",   "heropen",     1, 0, 1 },
	[CMD_HELP] =	 { "help",     "hulp",        0, 0, 0 },
	[CMD_CONSENT] =	 { "consent",  "instemming",  1, 0, 0 },
	[CMD_RESPONDENT] = { "respondent", "beklaagde", 0, 0, 0 },
};

static const struct {
	const char	*word;
	const char	*id;
} cmd_judgements[] = {
	{ "gegrond",		"gegrond" },
	{ "upheld",		"gegrond" },
	{ "founded",		"gegrond" },
	{ "well-founded",	"gegrond" },
	{ "deels-gegrond",	"deels-gegrond" },
	{ "gedeeltelijk-gegrond", "deels-gegrond" },
	{ "partially-upheld",	"deels-gegrond" },
	{ "partly-upheld",	"deels-gegrond" },
	{ "partially-founded",	"deels-gegrond" },
	{ "ongegrond",		"ongegrond" },
	{ "rejected",		"ongegrond" },
	{ "unfounded",		"ongegrond" },
	{ "not-upheld",		"ongegrond" },
	{ "niet-ontvankelijk",	"niet-ontvankelijk" },
	{ "inadmissible",	"niet-ontvankelijk" },
	{ "not-admissible",	"niet-ontvankelijk" },
	{ "ingetrokken",	"ingetrokken" },
	{ "withdrawn",		"ingetrokken" },
};

static const struct {
	const char	*word;
	const char	*id;
} cmd_priorities[] = {
	{ "low",	"low" },
	{ "laag",	"low" },
	{ "normal",	"normal" },
	{ "normaal",	"normal" },
	{ "medium",	"normal" },
	{ "gemiddeld",	"normal" },
	{ "middel",	"normal" },
	{ "high",	"high" },
	{ "hoog",	"high" },
	{ "urgent",	"urgent" },
	{ "spoed",	"urgent" },
	{ "dringend",	"urgent" },
};

static const struct {
	const char	*word;
	int		 mult;
} cmd_units[] = {
	{ "d", 1 }, { "day", 1 }, { "days", 1 }, { "dag", 1 }, { "dagen", 1 },
	{ "w", 7 }, { "wk", 7 }, { "wks", 7 }, { "week", 7 }, { "weeks", 7 },
	{ "weken", 7 },
};

/* Lines that end the top part: the words between the dashes. */
static const char *cmd_separators[] = {
	"original message", "oorspronkelijk bericht", "origineel bericht",
	"forwarded message", "doorgestuurd bericht",
	"ursprüngliche nachricht", "message d'origine",
};

/* Lines that end the top part: whole lines (case-insensitive). */
static const char *cmd_fwd_lines[] = {
	"begin forwarded message:", "begin doorgestuurd bericht:",
	"doorgestuurd bericht:",
};

/* Signature lines mail apps add, by prefix (case-insensitive). */
static const char *cmd_app_sigs[] = {
	"sent from my ", "sent from outlook", "sent from mail for windows",
	"sent from yahoo mail", "sent from samsung", "sent with proton mail",
	"get outlook for ", "download outlook for ",
	"verzonden vanaf mijn ", "verstuurd vanaf mijn ",
	"verzonden vanuit mijn ", "verstuurd vanuit mijn ",
	"verzonden vanuit mail voor windows", "verzonden vanuit outlook",
	"verzonden met proton mail", "outlook voor ios", "outlook voor android",
	"download outlook voor ", "gesendet von meinem ",
};

/* "Reply above this line" markers our own notifications may carry. */
static const char *cmd_markers[] = {
	"above this line", "boven deze regel", "boven deze lijn",
};

/* Words that make a line ending in ':' an attribution. */
static const char *cmd_attr_verbs[] = {
	"wrote", "schreef", "geschreven", "schrieb", "a écrit", "escribió",
};

/* First words of a two-line attribution. */
static const char *cmd_attr_starts[] = { "on ", "op ", "am ", "le ", "el " };

static const char *cmd_hdr_from[] = { "from:", "van:" };
static const char *cmd_hdr_date[] = {
	"sent:", "verzonden:", "verstuurd:", "date:", "datum:",
};

#ifndef nitems
#define nitems(a)	(sizeof (a) / sizeof (a)[0])
#endif

/* ------------------------------------------------------------ spans */

/* Length of the blank (ASCII or Unicode space, BOM) at p, 0 if none. */
static size_t
ws_at(const char *p, const char *end)
{
	const unsigned char	*u = (const unsigned char *)p;
	size_t			 left = (size_t)(end - p);

	if (left == 0)
		return 0;
	if (u[0] == ' ' || u[0] == '\t' || u[0] == '\r' || u[0] == '\v' ||
	    u[0] == '\f')
		return 1;
	if (left >= 2 && u[0] == 0xc2 && u[1] == 0xa0)
		return 2;				/* U+00A0 */
	if (left >= 3 && u[0] == 0xe2 && u[1] == 0x80 &&
	    (u[2] <= 0x8b || u[2] == 0xaf))
		return 3;				/* U+2000-200B, 202F */
	if (left >= 3 && u[0] == 0xef && u[1] == 0xbb && u[2] == 0xbf)
		return 3;				/* U+FEFF */
	return 0;
}

/* Length of the blank that ends just before p, 0 if none. */
static size_t
ws_before(const char *start, const char *p)
{
	const unsigned char	*u = (const unsigned char *)p;
	size_t			 left = (size_t)(p - start);

	if (left == 0)
		return 0;
	if (u[-1] == ' ' || u[-1] == '\t' || u[-1] == '\r' || u[-1] == '\v' ||
	    u[-1] == '\f')
		return 1;
	if (left >= 2 && u[-2] == 0xc2 && u[-1] == 0xa0)
		return 2;
	if (left >= 3 && u[-3] == 0xe2 && u[-2] == 0x80 &&
	    (u[-1] <= 0x8b || u[-1] == 0xaf))
		return 3;
	if (left >= 3 && u[-3] == 0xef && u[-2] == 0xbb && u[-1] == 0xbf)
		return 3;
	return 0;
}

static struct span
sp_ltrim(struct span s)
{
	size_t	n;

	while ((n = ws_at(s.p, s.p + s.len)) != 0) {
		s.p += n;
		s.len -= n;
	}
	return s;
}

static struct span
sp_rtrim(struct span s)
{
	size_t	n;

	while ((n = ws_before(s.p, s.p + s.len)) != 0)
		s.len -= n;
	return s;
}

static struct span
sp_trim(struct span s)
{
	return sp_rtrim(sp_ltrim(s));
}

static int
sp_istarts(struct span s, const char *prefix)
{
	size_t	n = strlen(prefix);

	return s.len >= n && strncasecmp(s.p, prefix, n) == 0;
}

static int
sp_ieq(struct span s, const char *word)
{
	return s.len == strlen(word) && strncasecmp(s.p, word, s.len) == 0;
}

static int
sp_icontains(struct span s, const char *needle)
{
	size_t	n = strlen(needle), i;

	for (i = 0; n <= s.len && i <= s.len - n; i++) {
		if (strncasecmp(s.p + i, needle, n) == 0)
			return 1;
	}
	return 0;
}

static int
sp_has_time(struct span s)
{
	size_t	i;

	for (i = 0; i + 3 < s.len; i++) {
		if (isdigit((unsigned char)s.p[i]) && s.p[i + 1] == ':' &&
		    isdigit((unsigned char)s.p[i + 2]) &&
		    isdigit((unsigned char)s.p[i + 3]))
			return 1;
	}
	return 0;
}

/* Splits the first blank-separated word off s; returns it (len 0 at end). */
static struct span
sp_word(struct span *s)
{
	struct span	 w;
	const char	*end = s->p + s->len;

	*s = sp_ltrim(*s);
	w.p = s->p;
	while (s->len > 0 && ws_at(s->p, end) == 0) {
		s->p++;
		s->len--;
	}
	w.len = (size_t)(s->p - w.p);
	*s = sp_ltrim(*s);
	return w;
}

/* Drops one trailing ':', ',', ';' or '.' from a word. */
static struct span
sp_unpunct(struct span w)
{
	if (w.len > 1 && strchr(":,;.", w.p[w.len - 1]) != NULL)
		w.len--;
	return w;
}

/* ------------------------------------------------------------ lines */

/* Fills l with the line starting at off; 0 when there is none. */
static int
line_get(const char *body, size_t bodylen, size_t off, size_t no,
    struct line *l)
{
	const char	*nl, *end;

	if (off >= bodylen)
		return 0;
	l->p = body + off;
	nl = memchr(l->p, '\n', bodylen - off);
	end = nl != NULL ? nl : body + bodylen;
	l->next = nl != NULL ? (size_t)(nl + 1 - body) : bodylen;
	l->len = (size_t)(end - l->p);
	if (l->len > 0 && l->p[l->len - 1] == '\r')
		l->len--;
	l->trunc = 0;
	if (l->len > CMD_MAX_LINE) {
		l->len = CMD_MAX_LINE;
		l->trunc = 1;
	}
	l->off = off;
	l->no = no;
	return 1;
}

static struct span
line_span(const struct line *l)
{
	struct span	s = { l->p, l->len };

	return s;
}

/* ---------------------------------------------------- quote detection */

/* Whether t (left-trimmed) starts with a header name from the list,
 * ignoring the '*' or '_' that HTML-to-text conversion puts around bold
 * or italic words. */
static int
is_header(struct span t, const char **names, size_t n)
{
	size_t	i;

	while (t.len > 0 && (*t.p == '*' || *t.p == '_')) {
		t.p++;
		t.len--;
	}
	for (i = 0; i < n; i++) {
		if (sp_istarts(t, names[i]))
			return 1;
	}
	return 0;
}

static int
is_attr_end(struct span t)
{
	size_t	i;

	if (t.len == 0 || t.len > CMD_ATTR_MAX || t.p[t.len - 1] != ':')
		return 0;
	for (i = 0; i < nitems(cmd_attr_verbs); i++) {
		if (sp_icontains(t, cmd_attr_verbs[i]))
			return 1;
	}
	return 0;
}

static int
is_attr_proof(struct span t)
{
	return memchr(t.p, '@', t.len) != NULL || sp_has_time(t);
}

/* Whether a line starting with '>' follows within a few lines. */
static int
quote_follows(const char *body, size_t bodylen, const struct line *l)
{
	struct line	n;
	struct span	t;
	size_t		off = l->next, no = l->no + 1;
	int		i;

	for (i = 0; i < 3 && line_get(body, bodylen, off, no, &n); i++) {
		t = sp_ltrim(line_span(&n));
		if (t.len > 0)
			return t.p[0] == '>';
		off = n.next;
		no++;
	}
	return 0;
}

static int
is_separator(struct span t)
{
	size_t	lead = 0, trail = 0, i;

	while (lead < t.len && t.p[lead] == '-')
		lead++;
	while (trail < t.len - lead && t.p[t.len - 1 - trail] == '-')
		trail++;
	if (lead < 2 || trail < 2)
		return 0;
	t.p += lead;
	t.len -= lead + trail;
	t = sp_trim(t);
	for (i = 0; i < nitems(cmd_separators); i++) {
		if (sp_ieq(t, cmd_separators[i]))
			return 1;
	}
	return 0;
}

/*
 * Whether line l begins quoted text or a signature.  Lines whose first
 * non-blank character is '#' never do: they are commands or text.
 */
static int
line_is_cut(const char *body, size_t bodylen, const struct line *l)
{
	struct span	raw = line_span(l), t, nt;
	struct line	n;
	size_t		i, off, no;

	t = sp_trim(raw);
	if (t.len == 0 || t.p[0] == '#')
		return 0;
	if (t.p[0] == '>')
		return 1;

	/* Signatures: "-- ", "--", lines mail apps add. */
	if (sp_ieq(t, "--"))
		return 1;
	if (t.len <= 120) {
		for (i = 0; i < nitems(cmd_app_sigs); i++) {
			if (sp_istarts(t, cmd_app_sigs[i]))
				return 1;
		}
	}

	/* Outlook: a line of underscores, "-----Original Message-----". */
	if (t.len >= 10) {
		for (i = 0; i < t.len && t.p[i] == '_'; i++)
			;
		if (i == t.len)
			return 1;
	}
	if (is_separator(t))
		return 1;
	for (i = 0; i < nitems(cmd_fwd_lines); i++) {
		if (sp_ieq(t, cmd_fwd_lines[i]))
			return 1;
	}
	if (t.len <= CMD_ATTR_MAX) {
		for (i = 0; i < nitems(cmd_markers); i++) {
			if (sp_icontains(t, cmd_markers[i]))
				return 1;
		}
	}

	/* Outlook header block: From:/Van: then Sent:/Verzonden:/Date:. */
	if (is_header(t, cmd_hdr_from, nitems(cmd_hdr_from))) {
		off = l->next;
		no = l->no + 1;
		for (i = 0; i < CMD_HDR_AHEAD &&
		    line_get(body, bodylen, off, no, &n); i++) {
			nt = sp_ltrim(line_span(&n));
			if (is_header(nt, cmd_hdr_date, nitems(cmd_hdr_date)))
				return 1;
			off = n.next;
			no++;
		}
	}

	/*
	 * Attributions: a line ending in ':' with "wrote", "schreef", ...,
	 * that also carries an address or a time, or is followed by '>'
	 * lines -- so that "On Monday you wrote:" in reply text stays text.
	 */
	if (is_attr_end(t) && (is_attr_proof(t) ||
	    quote_follows(body, bodylen, l)))
		return 1;

	/* The same, wrapped over two lines by the sender's mail app. */
	if (t.len <= CMD_ATTR_MAX && !is_attr_end(t) &&
	    line_get(body, bodylen, l->next, l->no + 1, &n)) {
		for (i = 0; i < nitems(cmd_attr_starts); i++) {
			if (sp_istarts(t, cmd_attr_starts[i]))
				break;
		}
		nt = sp_trim(line_span(&n));
		if (i < nitems(cmd_attr_starts) && nt.len > 0 &&
		    nt.len <= CMD_ATTR_MAX && nt.p[0] != '#' &&
		    nt.p[nt.len - 1] == ':') {
			int	verb = 0;

			for (i = 0; i < nitems(cmd_attr_verbs); i++) {
				if (sp_icontains(t, cmd_attr_verbs[i]) ||
				    sp_icontains(nt, cmd_attr_verbs[i]))
					verb = 1;
			}
			if (verb && (is_attr_proof(t) || is_attr_proof(nt) ||
			    quote_follows(body, bodylen, &n)))
				return 1;
		}
	}
	return 0;
}

static int
quote_find(const char *body, size_t bodylen, struct line *cut)
{
	struct line	l;
	size_t		off = 0, no = 1;

	while (line_get(body, bodylen, off, no, &l)) {
		if (line_is_cut(body, bodylen, &l)) {
			*cut = l;
			return 1;
		}
		off = l.next;
		no++;
	}
	return 0;
}

size_t
cmd_find_quote_start(const char *body, size_t *lineno)
{
	struct line	cut;
	size_t		len;

	if (body == NULL)
		body = "";
	len = strlen(body);
	if (quote_find(body, len, &cut)) {
		if (lineno != NULL)
			*lineno = cut.no;
		return cut.off;
	}
	if (lineno != NULL)
		*lineno = 0;
	return len;
}

/* ------------------------------------------------------------ parsing */

struct parse {
	int		 en;		/* English messages */
	struct cmd_list	*out;
	struct buf	 free;		/* free text */
	int		 open;		/* a text-taking command is open */
	int		 open_keep;	/* ... and valid: keep it on close */
	struct cmd	 cur;		/* the open command */
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
	s = sp_rtrim(s);
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
		} else if (ws_at(s.p, end) != 0)
			s = sp_ltrim(s);
		else
			break;
	}
	for (;;) {
		if (s.len > 0 && s.p[s.len - 1] == '\n')
			s.len--;
		else if (ws_before(s.p, s.p + s.len) != 0)
			s = sp_rtrim(s);
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
	struct cmd	*c = &p->cur;
	const char	*kw;

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
	if (cmd_info[c->kind].needs_text && *c->text == '\0') {
		kw = p->en ? cmd_info[c->kind].en : cmd_info[c->kind].nl;
		if (c->kind == CMD_EXTEND) {
			parse_error(p, p->en ?
			    xasprintf("line %zu: #%s needs a reason after the "
			    "duration (it is sent to the complainant)",
			    c->line, kw) :
			    xasprintf("regel %zu: #%s heeft een reden nodig na "
			    "de duur (die gaat naar de klager)", c->line, kw));
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

	s = sp_trim(s);
	if (s.len == 0 || s.len > 64 * 4)
		return NULL;
	buf_init(&b);
	while (s.len > 0) {
		if ((n = ws_at(s.p, end)) != 0) {
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
	struct span	r = sp_ltrim(*s), u;
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
	r = sp_ltrim(r);
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
	if (r.len > 0 && ws_at(r.p, end) == 0)
		return -1;
	for (i = 0; i < nitems(cmd_units); i++) {
		if (sp_ieq(u, cmd_units[i].word))
			break;
	}
	if (i == nitems(cmd_units))
		return -1;
	n *= cmd_units[i].mult;
	*days = n > CMD_MAX_EXTEND_DAYS ? CMD_MAX_EXTEND_DAYS + 1 : (int)n;
	*s = r;
	return 0;
}

static int
leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* Reads 1..max digits; returns the count, 0 if none or too many. */
static size_t
get_num(const char *p, size_t len, size_t min, size_t max, int *v)
{
	size_t	i;

	*v = 0;
	for (i = 0; i < len && isdigit((unsigned char)p[i]); i++) {
		if (i == max)
			return 0;
		*v = *v * 10 + (p[i] - '0');
	}
	return i >= min ? i : 0;
}

/* Parses YYYY-MM-DD or D-M-YYYY into "YYYY-MM-DD". */
static int
parse_date(struct span w, char out[16])
{
	static const int mdays[] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};
	int	a, b, c, y, m, d;
	size_t	n1, n2, n3;

	if ((n1 = get_num(w.p, w.len, 1, 4, &a)) == 0 || n1 >= w.len ||
	    w.p[n1] != '-')
		return -1;
	w.p += n1 + 1;
	w.len -= n1 + 1;
	if ((n2 = get_num(w.p, w.len, 1, 2, &b)) == 0 || n2 >= w.len ||
	    w.p[n2] != '-')
		return -1;
	w.p += n2 + 1;
	w.len -= n2 + 1;
	if ((n3 = get_num(w.p, w.len, 1, 4, &c)) == 0 || n3 != w.len)
		return -1;
	if (n1 == 4 && n3 <= 2) {
		y = a;
		m = b;
		d = c;
	} else if (n1 <= 2 && n3 == 4) {
		y = c;
		m = b;
		d = a;
	} else
		return -1;
	if (y < 2000 || y > 2199 || m < 1 || m > 12 || d < 1)
		return -1;
	if (d > mdays[m - 1] + (m == 2 && leap(y)))
		return -1;
	snprintf(out, 16, "%04u-%02u-%02u", (unsigned)y % 10000,
	    (unsigned)m % 100, (unsigned)d % 100);
	return 0;
}

const char *
cmd_judgement(const char *word)
{
	char	buf[48];
	size_t	i, len;

	if (word == NULL || (len = strlen(word)) == 0 || len >= sizeof buf)
		return NULL;
	for (i = 0; i < len; i++) {
		char c = (char)tolower((unsigned char)word[i]);

		buf[i] = c == ' ' || c == '_' ? '-' : c;
	}
	buf[len] = '\0';
	for (i = 0; i < nitems(cmd_judgements); i++) {
		if (strcmp(buf, cmd_judgements[i].word) == 0)
			return cmd_judgements[i].id;
	}
	return NULL;
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

/* Parses the arguments of command c from rest; returns the text that
 * starts on the command line in *text.  -1 (with an error) if bad. */
static int
parse_args(struct parse *p, struct cmd *c, const char *kw, struct span rest,
    struct span *text)
{
	struct span	 w, w2, r;
	const char	*id;
	char		*q, date[16];
	size_t		 i;

	text->p = rest.p + rest.len;
	text->len = 0;
	rest = sp_trim(rest);
	switch (c->kind) {
	case CMD_ASSIGN:
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
	case CMD_STATUS:
	case CMD_CATEGORY:
		if ((c->arg = make_id(rest, 1)) != NULL)
			return 0;
		q = quote_arg(rest);
		if (c->kind == CMD_STATUS) {
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
	case CMD_PRIORITY:
		for (i = 0; i < nitems(cmd_priorities); i++) {
			if (sp_ieq(rest, cmd_priorities[i].word)) {
				c->arg = xstrdup(cmd_priorities[i].id);
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
	case CMD_EXTEND:
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
	case CMD_HEAR:
		r = rest;
		w = sp_unpunct(sp_word(&r));
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
	case CMD_CLOSE:
		r = rest;
		w = sp_word(&r);
		id = NULL;
		if (r.len > 0) {
			/* Two words first: "deels gegrond", "partially upheld". */
			struct span	 r2 = r;
			char		 two[48];

			w2 = sp_unpunct(sp_word(&r2));
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
			id = judgement_of(sp_unpunct(w));
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
	case CMD_NOTE:
	case CMD_REPLY:
	case CMD_REOPEN:
	case CMD_CONSENT:
		*text = rest;
		return 0;
	case CMD_RESPONDENT:
		r = rest;
		w = sp_word(&r);
		if ((c->arg = make_address(w)) == NULL) {
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
		r = sp_trim(r);
		if (r.len > 200)
			r.len = 200;
		c->text = xstrndup(r.p, r.len);
		return 0;
	case CMD_HELP:
		return 0;
	}
	return -1;
}

/* Handles one command line; t is the line from its '#' on. */
static void
parse_command(struct parse *p, const struct line *l, struct span t)
{
	struct cmd	 c;
	struct span	 word, rest, text;
	const char	*end = t.p + t.len, *kw;
	char		*q;
	size_t		 i;
	int		 colon;

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
	for (i = 0; i < nitems(cmd_words); i++) {
		if (sp_ieq(word, cmd_words[i].word))
			break;
	}
	if (i == nitems(cmd_words) ||
	    (!colon && rest.len > 0 && ws_at(rest.p, end) == 0)) {
		/* Quote the whole word as written, up to the first blank. */
		word.len = 0;
		while (word.p + word.len < end &&
		    ws_at(word.p + word.len, end) == 0)
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
	c.kind = cmd_words[i].kind;
	kw = p->en ? cmd_info[c.kind].en : cmd_info[c.kind].nl;

	if (l->trunc) {
		parse_error(p, p->en ?
		    xasprintf("line %zu: #%s: line too long (more than %d "
		    "bytes)", l->no, kw, CMD_MAX_LINE) :
		    xasprintf("regel %zu: #%s: regel te lang (meer dan %d "
		    "bytes)", l->no, kw, CMD_MAX_LINE));
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
	if (parse_args(p, &c, kw, rest, &text) == -1)
		goto bad;
	if (cmd_info[c.kind].once) {
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
	if (cmd_info[c.kind].takes_text) {
		p->cur = c;
		p->open = 1;
		p->open_keep = 1;
		buf_init(&p->text);
		text_add(&p->text, sp_trim(text), 1);
		return;
	}
	if (c.text == NULL)
		c.text = xstrdup("");
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

int
cmd_parse(const char *body, const char *lang, struct cmd_list *out)
{
	struct parse	 p;
	struct line	 l, cut;
	struct span	 s, t;
	size_t		 len, off, no, top;
	int		 have_cut;

	memset(out, 0, sizeof *out);
	memset(&p, 0, sizeof p);
	p.out = out;
	p.en = lang_is_en(lang);
	buf_init(&p.free);
	buf_init(&p.text);

	if (body == NULL)
		body = "";
	len = strlen(body);
	have_cut = quote_find(body, len, &cut);
	top = have_cut ? cut.off : len;
	out->cut_line = have_cut ? cut.no : 0;
	out->cut_offset = top;

	for (off = 0, no = 1; !p.stop && off < top &&
	    line_get(body, top, off, no, &l); off = l.next, no++) {
		s = line_span(&l);
		t = sp_ltrim(s);
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

const char *
cmd_name(enum cmd_kind k)
{
	if ((unsigned)k >= CMD_NKINDS)
		return "unknown";
	return cmd_info[k].en;
}

const char *
cmd_keyword(enum cmd_kind k, const char *lang)
{
	if ((unsigned)k >= CMD_NKINDS)
		return "unknown";
	if (lang_is_en(lang))
		return cmd_info[k].en;
	return cmd_info[k].nl;
}

static const char cmd_help_nl[] =
"Commando's voor klachtd\n"
"\n"
"Zet commando's bovenaan uw antwoord, elk op een eigen regel die begint\n"
"met #.  Alles vanaf de geciteerde tekst (regels met \">\", \"Op ...\n"
"schreef ...:\", een Outlook-blok \"Van: ... Verzonden: ...\") of vanaf uw\n"
"handtekening (\"-- \") telt niet mee.  Nederlandse en Engelse woorden\n"
"mogen allebei; hoofdletters maken niet uit.\n"
"\n"
"#toewijzen <id>            wijs de klacht toe aan een functionaris\n"
"#status <status>           zet de status, bijvoorbeeld in-behandeling\n"
"#categorie <id>            zet de categorie\n"
"#prioriteit <niveau>       laag, normaal, hoog of urgent\n"
"#notitie <tekst>           interne notitie; de klager ziet die niet\n"
"#antwoord <tekst>          tekst die naar de klager gaat\n"
"#verleng <duur> <reden>    verleng de termijn, bijvoorbeeld\n"
"                           \"#verleng 4w wegens het horen van getuigen\";\n"
"                           de reden gaat naar de klager\n"
"#hoorzitting <datum> [tekst]\n"
"                           leg een hoorzitting vast; datum als 2026-03-10\n"
"#sluit <oordeel> [conclusie]\n"
"                           sluit de klacht met een oordeel: gegrond,\n"
"                           deels-gegrond, ongegrond, niet-ontvankelijk\n"
"                           of ingetrokken; de conclusie komt in de brief\n"
"                           aan de klager\n"
"#heropen [reden]           heropen een gesloten klacht\n"
"#instemming [tekst]        leg vast dat de klager heeft ingestemd,\n"
"                           bijvoorbeeld met verder uitstel\n"
"#beklaagde <adres> [naam]  leg vast over wie de klacht gaat en stuur\n"
"                           die een afschrift van de klacht (Awb 9:9);\n"
"                           bij verlenging krijgt die ook bericht\n"
"#hulp                      dit overzicht\n"
"\n"
"De tekst bij #notitie, #antwoord, #verleng, #hoorzitting, #sluit,\n"
"#heropen en #instemming mag over meer regels lopen: tot het volgende\n"
"commando, de geciteerde tekst of de handtekening.\n"
"Een regel die begint met \"# \" of \"#1\" is gewone tekst.  Moet een regel\n"
"tekst met \"#woord\" beginnen, schrijf dan \"##woord\".\n"
"Bevat uw bericht een fout, dan wordt geen enkel commando uitgevoerd en\n"
"krijgt u de fouten terug.  Een bericht zonder commando's wordt als\n"
"interne notitie bij de klacht bewaard.\n"
"\n"
"In het Engels: #assign, #status, #category, #priority, #note, #reply,\n"
"#extend, #hear, #close, #reopen, #consent, #respondent, #help.\n";

static const char cmd_help_en[] =
"Commands for klachtd\n"
"\n"
"Put commands at the top of your reply, each on a line of its own that\n"
"starts with #.  Everything from the quoted text (lines with \">\", \"On\n"
"... wrote:\", an Outlook block \"From: ... Sent: ...\") or from your\n"
"signature (\"-- \") on is ignored.  English and Dutch words both work;\n"
"case does not matter.\n"
"\n"
"#assign <id>               assign the complaint to an officer\n"
"#status <state>            set the status, for example in-progress\n"
"#category <id>             set the category\n"
"#priority <level>          low, normal, high or urgent\n"
"#note <text>               internal note; the complainant never sees it\n"
"#reply <text>              text that is sent to the complainant\n"
"#extend <duration> <reason>\n"
"                           extend the term, for example\n"
"                           \"#extend 4w to hear witnesses\"; the reason\n"
"                           is sent to the complainant\n"
"#hear <date> [text]        record a hearing; date as 2026-03-10\n"
"#close <judgement> [conclusion]\n"
"                           close the complaint with a judgement:\n"
"                           gegrond (upheld), deels-gegrond (partially\n"
"                           upheld), ongegrond (rejected),\n"
"                           niet-ontvankelijk (inadmissible) or\n"
"                           ingetrokken (withdrawn); the conclusion goes\n"
"                           into the letter to the complainant\n"
"#reopen [reason]           reopen a closed complaint\n"
"#consent [text]            record that the complainant agreed, for\n"
"                           example to a further extension\n"
"#respondent <address> [name]\n"
"                           record who the complaint is about and send\n"
"                           them a copy of it (Awb 9:9); they are told\n"
"                           of an extension too\n"
"#help                      this overview\n"
"\n"
"The text of #note, #reply, #extend, #hear, #close, #reopen and #consent\n"
"may run over several lines: up to the next command, the quoted text or\n"
"the signature.\n"
"A line that starts with \"# \" or \"#1\" is ordinary text.  To start a\n"
"line of text with \"#word\", write \"##word\".\n"
"If your message contains an error, no command is run and you get the\n"
"errors back.  A message without commands is kept as an internal note on\n"
"the complaint.\n"
"\n"
"In Dutch: #toewijzen, #status, #categorie, #prioriteit, #notitie,\n"
"#antwoord, #verleng, #hoorzitting, #sluit, #heropen, #instemming,\n"
"#beklaagde, #hulp.\n";

const char *
cmd_help_text(const char *lang)
{
	if (lang_is_en(lang))
		return cmd_help_en;
	return cmd_help_nl;
}
