/*
 * htmltext.c -- HTML to plain text with libxml2.
 *
 * html_to_text() parses HTML with libxml2's recovering HTML parser and
 * walks the tree iteratively (no recursion, so nesting depth cannot blow
 * the stack), writing lines into a buffer.  Each line is opened lazily
 * when its first visible character arrives, which is when its quote prefix
 * is written; block boundaries only end an open line, so empty blocks cost
 * nothing, while <br> and &nbsp;-only paragraphs make real empty lines.
 * The HTML reaches libxml2 through htmlscan.c's linear pre-scan, and what
 * CSS hides is read with htmlcss.c; text that is no UTF-8 is converted by
 * textconv.c first.  libxml2 is used only in this file and its error
 * output is silenced for the duration of each parse.  Declared in
 * include/textconv.h.
 */
#include "config.h"

#include <glib.h>
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "htmlcss.h"
#include "htmlscan.h"
#include "textconv.h"
#include "util.h"

void
textconv_init(void)
{
	static gsize	once;

	if (g_once_init_enter(&once)) {
		LIBXML_TEST_VERSION
		xmlInitParser();
		g_once_init_leave(&once, 1);
	}
}

enum brk {
	BRK_NONE,
	BRK_LINE,	/* end the current line */
	BRK_PARA	/* end it and leave a blank line before the next */
};

/* One element being walked (from the root to the current node). */
struct frame {
	enum brk	 brk;
	int		 quote;		/* a quoting element: blockquote... */
	int		 qinc;		/* quote levels it adds: 0 or 1 */
	int		 qcontainer;	/* Gmail-style: holds its blockquote */
	size_t		 prev_qtop;	/* enclosing quote frame + 1, 0 none */
	int		 list;		/* 'u' or 'o' */
	unsigned int	 count;		/* <ol> counter */
	size_t		 prev_ltop;
	int		 pre;
	int		 cell;
	int		 msolist;	/* Outlook's list marker span */
	int		 item;		/* <li> */
	int		 link;
	size_t		 link_lines;	/* lines opened before <a> */
	size_t		 link_start;	/* its text start, or SIZE_MAX */
	char		*href;
	int		 prev_font_zero;	/* the walk's before this */
	int		 prev_vis_hidden;
};

struct walk {
	struct buf	 out;
	size_t		 text_end;	/* out length after last text line */
	size_t		 line_start;	/* where the open line begins */
	size_t		 content_start;	/* where its text starts */
	int		 line_open;	/* prefix written */
	int		 line_text;	/* something visible written */
	int		 bullet_only;	/* only a list marker so far */
	int		 line_depth;
	int		 last_depth;	/* quote depth of the last line */
	int		 pending_space;
	int		 want_blank;
	int		 blanks;	/* empty lines in a row */
	int		 started;	/* a text line was written */
	size_t		 lines;		/* lines opened so far */

	int		 quote;		/* quote levels from elements */
	int		 tail;		/* after an Outlook reply header */
	int		 pre;
	int		 pre_skip_nl;
	int		 links;
	int		 lists;
	int		 msolist;
	int		 font_zero;	/* font-size 0 here (inherited) */
	int		 vis_hidden;	/* visibility:hidden here (inherited) */
	struct css_sheet *sheet;	/* the document's <style> rules */

	struct frame	*stack;
	size_t		 nstack;
	size_t		 sstack;
	size_t		 qtop;		/* innermost quote frame + 1, 0 none */
	size_t		 ltop;		/* innermost list frame + 1, 0 none */
};

static int
walk_depth(struct walk *w)
{
	return w->quote + w->tail;
}

static void
walk_prefix(struct walk *w, int depth, int empty)
{
	int	i;

	if (depth > TEXTCONV_QUOTE_MAX)
		depth = TEXTCONV_QUOTE_MAX;
	for (i = 0; i < depth; i++)
		buf_addc(&w->out, '>');
	if (depth > 0 && !empty)
		buf_addc(&w->out, ' ');
}

static void
walk_truncate(struct walk *w, size_t len)
{
	w->out.len = len;
	if (w->out.data != NULL)
		w->out.data[len] = '\0';
}

/* Writes an empty line, if one is allowed here. */
static void
walk_empty_line(struct walk *w, int depth)
{
	if (!w->started || w->blanks >= 1)
		return;
	walk_prefix(w, depth, 1);
	buf_addc(&w->out, '\n');
	w->blanks++;
}

/* Opens a line if none is: pending blank line first, then the prefix. */
static void
walk_line_begin(struct walk *w)
{
	int	depth = walk_depth(w);

	if (w->line_open)
		return;
	if (w->want_blank) {
		w->want_blank = 0;
		walk_empty_line(w, depth < w->last_depth ? depth :
		    w->last_depth);
	}
	w->lines++;
	w->line_start = w->out.len;
	walk_prefix(w, depth, 0);
	w->content_start = w->out.len;
	w->line_depth = depth;
	w->line_open = 1;
	w->line_text = 0;
	w->bullet_only = 0;
}

/* Ends the open line: trailing blanks go; a line of none is empty. */
static void
walk_line_end(struct walk *w)
{
	size_t	len = w->out.len;

	if (!w->line_open)
		return;
	while (len > w->content_start &&
	    (w->out.data[len - 1] == ' ' || w->out.data[len - 1] == '\t'))
		len--;
	walk_truncate(w, len);
	if (len == w->content_start) {
		walk_truncate(w, w->line_start);
		walk_empty_line(w, w->line_depth);
	} else {
		buf_addc(&w->out, '\n');
		w->text_end = w->out.len;
		w->started = 1;
		w->blanks = 0;
	}
	w->last_depth = w->line_depth;
	w->line_open = w->line_text = w->bullet_only = 0;
	w->pending_space = 0;
}

/* Appends visible bytes (valid UTF-8) to the current line. */
static void
walk_put(struct walk *w, const char *s, size_t len)
{
	walk_line_begin(w);
	if (w->pending_space && w->line_text)
		buf_addc(&w->out, ' ');
	w->pending_space = 0;
	buf_add(&w->out, s, len);
	w->line_text = 1;
	w->bullet_only = 0;
}

static void
walk_break(struct walk *w, enum brk brk)
{
	if (brk == BRK_NONE || w->bullet_only)
		return;
	walk_line_end(w);
	w->pending_space = 0;
	if (brk == BRK_PARA && w->started)
		w->want_blank = 1;
}

/* <br>: ends the line, or makes an empty one. */
static void
walk_hard_break(struct walk *w)
{
	walk_line_begin(w);
	walk_line_end(w);
}

/* Characters that render as nothing. */
static int
walk_invisible(uint32_t cp)
{
	switch (cp) {
	case 0x00ad: case 0x034f: case 0x180e: case 0x200b: case 0x200c:
	case 0x200e: case 0x200f: case 0x2060: case 0xfeff:
		return 1;
	}
	return (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f));
}

/* Writes text: whitespace collapses (but not in <pre>). */
static void
walk_text(struct walk *w, const char *s, size_t len)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 i, n;
	uint32_t		 cp;

	/* Text nobody sees is no text (font-size:0, visibility:hidden). */
	if (w->font_zero || w->vis_hidden)
		return;
	for (i = 0; i < len; i += n) {
		if ((n = text_utf8_seq(p + i, len - i, &cp)) == 0) {
			n = 1;
			continue;
		}
		if (w->pre) {
			if (cp == '\n' && w->pre_skip_nl) {
				w->pre_skip_nl = 0;
				continue;
			}
			w->pre_skip_nl = 0;
			if (cp == '\r')
				continue;
			if (cp == '\n') {
				walk_hard_break(w);
				continue;
			}
			if (cp == '\t' || cp == ' ') {
				walk_line_begin(w);
				w->pending_space = 0;
				buf_add(&w->out, s + i, 1);
				w->line_text = 1;
				continue;
			}
		}
		if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' ||
		    cp == '\f') {
			w->pending_space = 1;
			continue;
		}
		if (walk_invisible(cp))
			continue;
		if (w->msolist) {
			/* Outlook's "<symbol>&nbsp;&nbsp;..." list marker. */
			if (cp == 0xa0) {
				w->pending_space = 1;
				continue;
			}
			if (cp == 0xb7 || cp == 0xa7 || cp == 0x2022 ||
			    cp == 0xf0a7 || cp == 0xf0b7) {
				walk_put(w, "-", 1);
				continue;
			}
		}
		if (cp == 0xa0 || cp == 0x2007 || cp == 0x202f)
			walk_put(w, " ", 1);
		else
			walk_put(w, s + i, n);
	}
}

/* Attribute value (libxml2 copy, xmlFree it) or NULL. */
static char *
walk_attr(xmlNode *n, const char *name)
{
	return (char *)xmlGetProp(n, (const xmlChar *)name);
}

/* Whether the whitespace-separated class list cls holds token. */
static int
walk_has_class(const char *cls, const char *token)
{
	size_t	tlen = strlen(token), n;

	if (cls == NULL)
		return 0;
	while (*cls != '\0') {
		cls += strspn(cls, " \t\r\n\f");
		n = strcspn(cls, " \t\r\n\f");
		if (n == tlen && strncasecmp(cls, token, n) == 0)
			return 1;
		cls += n;
	}
	return 0;
}

/* Style attribute lower-cased without whitespace, for matching. */
static char *
walk_style(xmlNode *n)
{
	char	*v, *s, *d;

	if ((v = walk_attr(n, "style")) == NULL)
		return NULL;
	for (s = d = v; *s != '\0'; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
			continue;
		*d++ = (*s >= 'A' && *s <= 'Z') ? (char)(*s - 'A' + 'a') : *s;
	}
	*d = '\0';
	return v;
}

static int
walk_name_in(const char *name, const char *const *list)
{
	for (; *list != NULL; list++) {
		if (strcmp(name, *list) == 0)
			return 1;
	}
	return 0;
}

static const char *const walk_skip_names[] = {
	"head", "script", "style", "template", "title", "svg", "math",
	"object", "applet", "embed", "iframe", "noembed", "noframes",
	"audio", "video", "map", NULL
};
static const char *const walk_line_names[] = {
	"address", "article", "aside", "blockquote", "caption", "center",
	"dd", "details", "dialog", "dir", "div", "dt", "fieldset",
	"figcaption", "figure", "footer", "form", "header", "legend", "li",
	"main", "menu", "nav", "section", "summary", "table", "tbody",
	"tfoot", "thead", "tr", "body", "html", NULL
};
static const char *const walk_para_names[] = {
	"h1", "h2", "h3", "h4", "h5", "h6", "pre", "dl", "hr", "xmp",
	"listing", "plaintext", NULL
};

/* Whether an href is worth showing. */
static int
walk_href_shown(const char *href)
{
	static const char *const hidden[] = {
		"javascript:", "vbscript:", "data:", "cid:", "about:", NULL
	};
	const char *const	*h;

	if (*href == '\0' || *href == '#')
		return 0;
	for (h = hidden; *h != NULL; h++) {
		if (strncasecmp(href, *h, strlen(*h)) == 0)
			return 0;
	}
	return 1;
}

/* Skips a mailto:, http:// or https:// prefix. */
static const char *
walk_url_body(const char *s, size_t *len)
{
	static const char *const schemes[] = {
		"mailto:", "http://", "https://", NULL
	};
	const char *const	*p;
	size_t			 n;

	for (p = schemes; *p != NULL; p++) {
		n = strlen(*p);
		if (*len >= n && strncasecmp(s, *p, n) == 0) {
			s += n;
			*len -= n;
			break;
		}
	}
	while (*len > 0 && s[*len - 1] == '/')
		(*len)--;
	return s;
}

/* Whether link text and url say the same. */
static int
walk_url_same(const char *text, size_t tlen, const char *href)
{
	size_t	hlen = strlen(href);

	text = walk_url_body(text, &tlen);
	href = walk_url_body(href, &hlen);
	return tlen == hlen && strncasecmp(text, href, tlen) == 0;
}

static struct frame *
walk_push(struct walk *w)
{
	struct frame	*f;

	if (w->nstack == w->sstack) {
		w->sstack = w->sstack ? w->sstack * 2 : 64;
		w->stack = xreallocarray(w->stack, w->sstack, sizeof *w->stack);
	}
	f = &w->stack[w->nstack++];
	memset(f, 0, sizeof *f);
	return f;
}

/* The href of a link worth a " (url)", trimmed; NULL if none. */
static char *
walk_link_href(xmlNode *n)
{
	char	*v, *s, *d;

	if ((v = walk_attr(n, "href")) == NULL)
		return NULL;
	for (s = d = v; *s != '\0'; s++) {
		if ((unsigned char)*s > 0x20 && *s != 0x7f)
			*d++ = *s;
	}
	*d = '\0';
	if (!walk_href_shown(v)) {
		xmlFree(v);
		return NULL;
	}
	return v;
}

/* Outlook's reply header, after which the rest is the quoted mail. */
static int
walk_outlook_header(xmlNode *n, const char *id, const char *cls,
    const char *style)
{
	if (id != NULL && (strcasecmp(id, "appendonsend") == 0 ||
	    strcasecmp(id, "divRplyFwdMsg") == 0 ||
	    strcasecmp(id, "mail-editor-reference-message-container") == 0))
		return 1;
	if (walk_has_class(cls, "OutlookMessageHeader"))
		return 1;
	return (strcmp((const char *)n->name, "div") == 0 && style != NULL &&
	    strstr(style, "border:none") != NULL &&
	    strstr(style, "border-top:solid") != NULL);
}

/*
 * Enters element n: pushes its frame and returns 1, or returns 0 when the
 * element and everything in it is to be skipped.
 */
static int
walk_enter(struct walk *w, xmlNode *n)
{
	const char	*name = (const char *)n->name;
	struct frame	*f, *q;
	struct css_vis	 vis;
	char		*cls, *id, *style, *v, mark[32];
	int		 tail = 0, msolist = 0, i;

	if (walk_name_in(name, walk_skip_names))
		return 0;
	if ((v = walk_attr(n, "hidden")) != NULL) {
		xmlFree(v);
		return 0;
	}
	/* Hidden by a <style> rule, then by its own style (issue 18 F13). */
	cls = walk_attr(n, "class");
	id = walk_attr(n, "id");
	css_vis_init(&vis);
	css_sheet_match(w->sheet, name, id, cls, &vis);
	if ((v = walk_attr(n, "style")) != NULL) {
		css_decls(v, strlen(v), &vis);
		xmlFree(v);
	}
	if (vis.gone) {
		xmlFree(cls);
		xmlFree(id);
		return 0;
	}
	style = walk_style(n);
	msolist = (style != NULL && strstr(style, "mso-list:ignore") != NULL);

	f = walk_push(w);
	f->msolist = msolist;
	f->prev_font_zero = w->font_zero;
	f->prev_vis_hidden = w->vis_hidden;
	if (vis.font_zero != -1)
		w->font_zero = vis.font_zero;
	if (vis.hidden != -1)
		w->vis_hidden = vis.hidden;
	if (walk_name_in(name, walk_line_names))
		f->brk = BRK_LINE;
	else if (walk_name_in(name, walk_para_names))
		f->brk = BRK_PARA;
	else if (strcmp(name, "p") == 0)
		f->brk = str_casestartswith(cls ? cls : "", "mso") ?
		    BRK_LINE : BRK_PARA;
	else if (strcmp(name, "ul") == 0 || strcmp(name, "ol") == 0) {
		f->brk = w->lists ? BRK_LINE : BRK_PARA;
		f->list = name[0];
	} else if (strcmp(name, "td") == 0 || strcmp(name, "th") == 0)
		f->cell = 1;
	else if (strcmp(name, "a") == 0 && w->links == 0 &&
	    (f->href = walk_link_href(n)) != NULL)
		f->link = 1;

	if (strcmp(name, "blockquote") == 0) {
		f->quote = 1;
		q = w->qtop ? &w->stack[w->qtop - 1] : NULL;
		f->qinc = (q == NULL || !q->qcontainer);
	} else if (walk_has_class(cls, "gmail_quote") ||
	    walk_has_class(cls, "yahoo_quoted")) {
		f->quote = f->qinc = f->qcontainer = 1;
	} else if (walk_has_class(cls, "moz-cite-prefix"))
		f->quote = f->qinc = 1;
	else if (walk_outlook_header(n, id, cls, style))
		tail = 1;
	if ((f->quote || tail) && f->brk == BRK_NONE)
		f->brk = BRK_LINE;
	xmlFree(cls);
	xmlFree(id);
	xmlFree(style);

	if (strcmp(name, "br") == 0) {
		walk_hard_break(w);
		return 1;
	}
	walk_break(w, f->brk);
	if (f->cell)
		w->pending_space = 1;
	w->msolist += f->msolist;
	if (tail)
		w->tail = 1;
	if (f->quote) {
		f->prev_qtop = w->qtop;
		w->qtop = w->nstack;
		w->quote += f->qinc;
	}
	if (f->list) {
		f->prev_ltop = w->ltop;
		w->ltop = w->nstack;
		w->lists++;
	}
	if (strcmp(name, "pre") == 0 || strcmp(name, "xmp") == 0 ||
	    strcmp(name, "listing") == 0 || strcmp(name, "plaintext") == 0) {
		f->pre = 1;
		w->pre++;
		w->pre_skip_nl = 1;
	}
	if (f->link) {
		/* Its text starts here, or after the prefix of a new line. */
		w->links++;
		f->link_lines = w->lines;
		f->link_start = w->line_open ? w->out.len : SIZE_MAX;
	}
	if (strcmp(name, "li") == 0 && !w->font_zero && !w->vis_hidden) {
		f->item = 1;
		if (w->bullet_only) {
			/* An item holding only a list: its own line. */
			w->bullet_only = 0;
			walk_line_end(w);
		}
		q = w->ltop ? &w->stack[w->ltop - 1] : NULL;
		if (q != NULL && q->list == 'o')
			snprintf(mark, sizeof mark, "%u.", ++q->count);
		else
			g_strlcpy(mark, "-", sizeof mark);
		walk_line_begin(w);
		for (i = 1; i < w->lists && i < 8; i++)
			buf_add(&w->out, "  ", 2);
		buf_adds(&w->out, mark);
		w->line_text = 1;
		w->bullet_only = 1;
		w->pending_space = 1;
	}
	if (strcmp(name, "img") == 0 && (v = walk_attr(n, "alt")) != NULL) {
		w->pending_space = w->pending_space || w->line_text;
		walk_text(w, v, strlen(v));
		xmlFree(v);
	}
	return 1;
}

/* Leaves the element of the top frame. */
static void
walk_leave(struct walk *w)
{
	struct frame	*f = &w->stack[w->nstack - 1];
	const char	*text;
	size_t		 start, tlen;
	int		 saved, multiline;

	if (f->link) {
		w->links--;
		/* Text on more than one line is never the url. */
		start = f->link_start;
		if (start == SIZE_MAX) {
			/* No line was open at <a>: the text opened one. */
			start = w->line_open ? w->content_start : w->out.len;
			if (w->lines == f->link_lines)
				start = w->out.len;
			multiline = (w->lines - f->link_lines > 1 ||
			    (w->lines > f->link_lines && !w->line_open));
		} else
			multiline = (w->lines != f->link_lines);
		text = "";
		tlen = 0;
		if (!multiline && w->out.len > start) {
			text = w->out.data + start;
			tlen = w->out.len - start;
		}
		while (tlen > 0 && *text == ' ') {
			text++;
			tlen--;
		}
		while (tlen > 0 && text[tlen - 1] == ' ')
			tlen--;
		if (!w->font_zero && !w->vis_hidden && (multiline ||
		    (tlen > 0 && !walk_url_same(text, tlen, f->href)))) {
			saved = w->pending_space;
			w->pending_space = 1;
			walk_put(w, "(", 1);
			walk_text(w, f->href, strlen(f->href));
			walk_put(w, ")", 1);
			w->pending_space = saved;
		}
	}
	xmlFree(f->href);
	if (f->item)
		w->bullet_only = 0;	/* an empty item keeps its line */
	walk_break(w, f->brk);
	if (f->cell)
		w->pending_space = 1;
	if (f->quote) {
		w->quote -= f->qinc;
		w->qtop = f->prev_qtop;
	}
	if (f->list) {
		w->lists--;
		w->ltop = f->prev_ltop;
	}
	if (f->pre)
		w->pre--;
	w->msolist -= f->msolist;
	w->font_zero = f->prev_font_zero;
	w->vis_hidden = f->prev_vis_hidden;
	w->nstack--;
}

/*
 * The rules of every <style> element in the document, wherever it is (a
 * style sheet in the body applies to the whole document too).  Iterative,
 * like walk_doc.
 */
static struct css_sheet *
walk_sheet(xmlDoc *doc)
{
	struct css_sheet	*sh = css_sheet_new();
	xmlNode			*n = doc->children, *c;

	while (n != NULL) {
		if (n->type == XML_ELEMENT_NODE &&
		    strcmp((const char *)n->name, "style") == 0) {
			for (c = n->children; c != NULL; c = c->next) {
				if ((c->type == XML_TEXT_NODE ||
				    c->type == XML_CDATA_SECTION_NODE) &&
				    c->content != NULL)
					css_sheet_add(sh, (const char *)
					    c->content, strlen((const char *)
					    c->content));
			}
		} else if (n->children != NULL) {
			n = n->children;
			continue;
		}
		while (n != NULL && n->next == NULL)
			n = n->parent;
		if (n != NULL)
			n = n->next;
	}
	return sh;
}

/* Walks the tree from the document's first child, without recursion. */
static void
walk_doc(struct walk *w, xmlDoc *doc)
{
	xmlNode	*n = doc->children;
	int	 entered;

	while (n != NULL) {
		entered = 0;
		if (n->type == XML_ELEMENT_NODE)
			entered = walk_enter(w, n);
		else if ((n->type == XML_TEXT_NODE ||
		    n->type == XML_CDATA_SECTION_NODE) && n->content != NULL)
			walk_text(w, (const char *)n->content,
			    strlen((const char *)n->content));
		if (entered && n->children != NULL) {
			n = n->children;
			continue;
		}
		if (entered)
			walk_leave(w);
		/* Climb to the next sibling, leaving elements on the way. */
		while (n != NULL && n->next == NULL) {
			n = n->parent;
			if (n == NULL || n->type != XML_ELEMENT_NODE)
				return;
			walk_leave(w);
		}
		if (n != NULL)
			n = n->next;
	}
}

/*
 * Prepares HTML for libxml2 in place (the result is never longer): drops
 * NULs; outside comments drops "<![" up to the next '>' as HTML5 does (a
 * bogus comment),
 * which takes Outlook's downlevel-revealed conditional markers <![if ...]>
 * and <![endif]> that libxml2 would keep as text; and turns the colon of
 * prefixed tag names into '_' (libxml2 drops the prefix, so that Outlook's
 * <o:p> would become a <p>).
 */
static size_t
html_prepare(char *s, size_t len)
{
	size_t	i, j, k, n = 0;

	for (i = 0; i < len; i++) {
		if (s[i] == '\0')
			continue;
		if (s[i] != '<') {
			s[n++] = s[i];
			continue;
		}
		if (len - i >= 4 && memcmp(s + i, "<!--", 4) == 0) {
			/* A comment, as it is: "<![endif]-->" is its end. */
			for (k = i + 6; k < len; k++) {
				if (s[k] == '>' && s[k - 1] == '-' &&
				    s[k - 2] == '-')
					break;
			}
			for (; i < len && i <= k; i++) {
				if (s[i] != '\0')
					s[n++] = s[i];
			}
			i--;
			continue;
		}
		if (len - i >= 3 && s[i + 1] == '!' && s[i + 2] == '[') {
			for (k = i + 3; k < len && s[k] != '>'; k++)
				/* nothing */;
			i = k;
			continue;
		}
		s[n++] = s[i];
		j = i + 1;
		if (j < len && s[j] == '/')
			s[n++] = s[j++];
		if (j >= len || !g_ascii_isalpha(s[j])) {
			i = j - 1;
			continue;
		}
		for (; j < len && (g_ascii_isalnum(s[j]) || s[j] == ':' ||
		    s[j] == '-' || s[j] == '_' || s[j] == '.'); j++)
			s[n++] = s[j] == ':' ? '_' : s[j];
		i = j - 1;
	}
	return n;
}

/* Length of html cut to TEXTCONV_HTML_MAX, not inside a UTF-8 character. */
static size_t
html_cut(const char *html, size_t len)
{
	size_t	max = TEXTCONV_HTML_MAX;

	if (len <= max)
		return len;
	while (max > TEXTCONV_HTML_MAX - 3 &&
	    ((unsigned char)html[max] & 0xc0) == 0x80)
		max--;
	return max;
}

static void
html_silent(void *ctx, const char *fmt, ...)
{
	(void)ctx;
	(void)fmt;
}

#if LIBXML_VERSION >= 21200
static void
html_silent_structured(void *ctx, const xmlError *error)
#else
static void
html_silent_structured(void *ctx, xmlErrorPtr error)
#endif
{
	(void)ctx;
	(void)error;
}

char *
html_to_text(const char *html, size_t len)
{
	return html_to_text_scan(html, len, NULL);
}

char *
html_to_text_scan(const char *html, size_t len, struct html_scan_stats *st)
{
	xmlGenericErrorFunc		 old_generic;
	xmlStructuredErrorFunc		 old_structured;
	void				*old_generic_ctx, *old_structured_ctx;
	struct walk			 w;
	xmlDoc				*doc;
	char				*copy, *fixed, meta[64];
	const char			*cs;
	size_t				 i, n;
	uint32_t			 cp;

	textconv_init();
	if (st != NULL)
		memset(st, 0, sizeof *st);
	if (html == NULL || len == 0)
		return xstrdup("");
	len = html_cut(html, len);
	for (i = 0; i < len; i += n) {
		if ((n = text_utf8_seq((const unsigned char *)html + i, len - i,
		    &cp)) == 0)
			break;
	}
	if (i < len) {
		/* Not UTF-8: a <meta> charset says what it is, if any. */
		cs = html_meta_charset(html, len, meta, sizeof meta);
		copy = text_to_utf8(html, len, cs != NULL ? cs : "utf-8", NULL);
		len = html_cut(copy, strlen(copy));
	} else {
		copy = xmalloc(len + 1);
		memcpy(copy, html, len);
	}
	if (len >= 3 && memcmp(copy, "\xef\xbb\xbf", 3) == 0) {
		memmove(copy, copy + 3, len - 3);
		len -= 3;
	}
	len = html_prepare(copy, len);
	copy[len] = '\0';
	/* Bound libxml2's work (see htmlscan.h) before it sees anything. */
	fixed = html_scan(copy, len, &len, st);
	free(copy);
	copy = fixed;

	/*
	 * libxml2 wraps text that comes before any element in an implied
	 * <p>, which would add a blank line after it; an explicit <body>
	 * does not.
	 */
	for (i = 0; i < len && g_ascii_isspace(copy[i]); i++)
		/* nothing */;
	if (i < len && copy[i] != '<') {
		fixed = xasprintf("<body>%s", copy);
		free(copy);
		copy = fixed;
		len += 6;
	}

	old_generic = xmlGenericError;
	old_generic_ctx = xmlGenericErrorContext;
	old_structured = xmlStructuredError;
	old_structured_ctx = xmlStructuredErrorContext;
	xmlSetGenericErrorFunc(NULL, html_silent);
	xmlSetStructuredErrorFunc(NULL, html_silent_structured);
	doc = htmlReadMemory(copy, (int)len, NULL, "UTF-8", HTML_PARSE_RECOVER |
	    HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
	    HTML_PARSE_IGNORE_ENC);
	xmlSetGenericErrorFunc(old_generic_ctx, old_generic);
	xmlSetStructuredErrorFunc(old_structured_ctx, old_structured);
	free(copy);
	if (doc == NULL)
		return xstrdup("");

	memset(&w, 0, sizeof w);
	buf_init(&w.out);
	w.sheet = walk_sheet(doc);
	walk_doc(&w, doc);
	while (w.nstack > 0)
		walk_leave(&w);
	walk_line_end(&w);
	walk_truncate(&w, w.text_end);
	free(w.stack);
	css_sheet_free(w.sheet);
	xmlFreeDoc(doc);
	return buf_detach(&w.out, NULL);
}
