/*
 * htmlcss.h -- what CSS makes invisible, for the HTML renderer.
 *
 * Text a reader cannot see must not reach the command parser (issue 18
 * F13).  This reads the few CSS properties that hide text, in style
 * attributes and in simple rules of <style> elements.  Pure functions;
 * used by textconv.c.  When in doubt it hides: text wrongly hidden is a
 * lost line in an officer's reply (the confirmation shows it), text
 * wrongly shown can be a command nobody saw.
 */
#ifndef KLACHT_HTMLCSS_H
#define KLACHT_HTMLCSS_H

#include <stddef.h>

/*
 * What a set of declarations says about visibility.  css_decls() merges
 * into it, later declarations winning; -1 means "not said" (inherit).
 */
struct css_vis {
	int	gone;		/* 1: the element and all in it are not seen:
				   display:none, opacity:0, mso-hide:all,
				   or (max-)height/width 0 with overflow
				   hidden */
	int	zero_box;	/* -1/0/1: (max-)height or (max-)width 0 */
	int	clip;		/* -1/0/1: overflow(-x/-y) hidden */
	int	font_zero;	/* -1/0/1: font-size 0 (inherited) */
	int	hidden;		/* -1/0/1: visibility hidden (inherited) */
};

/* Sets v to "nothing said". */
void	 css_vis_init(struct css_vis *v);

/*
 * Reads len bytes of CSS declarations ("a: b; c: d !important") into v:
 * display:none, visibility:hidden|collapse|visible, font-size and the
 * font shorthand with a size of 0 (any unit), opacity 0, mso-hide:all,
 * (max-)height or (max-)width 0 together with overflow(-x/-y):hidden.
 * Property names and keywords in any case.  Never fails.
 */
void	 css_decls(const char *s, size_t len, struct css_vis *v);

/* Whether v, with nothing inherited, makes text invisible. */
int	 css_vis_hides(const struct css_vis *v);

/*
 * The rules of the <style> elements of one document that say anything
 * about visibility.  A rule counts when its selector's subject (its last
 * compound) is made of at most a type, an #id and .classes, as in "p",
 * ".x", "div#y", "td.a.b" or "body .x > span.y"; pseudo-classes,
 * attribute selectors and rules inside @media or other @-blocks are
 * conditional and left out.  Selectors are matched case-insensitively and
 * ancestors in a selector are ignored (it hides more, never less).  At
 * most CSS_MAX_RULES rules are kept.
 */
#define CSS_MAX_RULES	500
struct css_sheet;

struct css_sheet *css_sheet_new(void);
void	 css_sheet_free(struct css_sheet *);
/* Adds the rules of len bytes of style sheet text. */
void	 css_sheet_add(struct css_sheet *, const char *css, size_t len);
/* Number of rules kept. */
size_t	 css_sheet_count(const struct css_sheet *);
/*
 * Merges into v, in document order, the rules that match an element of
 * lower-case type tag with id (may be NULL) and class list cls (space
 * separated, may be NULL).
 */
void	 css_sheet_match(const struct css_sheet *, const char *tag,
	    const char *id, const char *cls, struct css_vis *v);

#endif
