/*
 * template.h -- outgoing mail text from files on disk.
 *
 * A template file is a Subject line, a blank line and the body:
 *
 *	Subject: Ontvangstbevestiging [{{reference}}]
 *
 *	Geachte {{name}}, ...
 *
 * {{name}} is replaced by the variable's value; an unknown variable or an
 * unclosed {{ is an error, so a typo in a template is found by
 * `klachtd -n`, not by a complainant.  Values put into the Subject have
 * CR, LF and other control characters removed (no header injection).
 *
 * {{#if name}} ... {{/if}} keeps the text between the tags only when the
 * variable's value is not empty; blocks nest.  A tag alone on its line
 * (blanks around it allowed) removes that whole line, so
 *
 *	Dear {{name}},
 *	{{#if attachments_not_stored}}
 *	Some attachments were too large to keep.
 *	{{/if}}
 *	Kind regards,
 *
 * leaves no empty line when the variable is empty.  The variable must
 * exist (a typo is an error), a block without {{/if}} or an {{/if}}
 * without a block is an error, and the text of a false block is checked
 * all the same.
 */
#ifndef KLACHT_TEMPLATE_H
#define KLACHT_TEMPLATE_H

#include <stddef.h>

struct tmpl_var {
	const char	*name;
	const char	*value;
};

struct tmpl_out {
	char	*subject;
	char	*body;
};

/* Renders text; 0 on success (out filled, caller frees with
 * tmpl_out_free), -1 with cause.  `where` names the template in errors. */
int	 tmpl_render(const char *text, const char *where,
	    const struct tmpl_var *vars, size_t nvars, struct tmpl_out *out,
	    char **cause);
/* Loads dir/lang/name.txt (falling back to dir/nl/name.txt) and renders
 * it as tmpl_render. */
int	 tmpl_render_file(const char *dir, const char *lang, const char *name,
	    const struct tmpl_var *vars, size_t nvars, struct tmpl_out *out,
	    char **cause);
void	 tmpl_out_free(struct tmpl_out *);

/* ------------------------------------------------------------ tmplcat.c */

/* Every template klachtd renders, by name ("ack"), NULL-terminated. */
extern const char *const	 tmpl_catalogue[];
/* Every variable any template may use, each with a sample value for a
 * test render; ends with { NULL, NULL }. */
extern const struct tmpl_var	 tmpl_catalogue_vars[];
/*
 * Test-renders every template of the catalogue in every language from
 * dir with every variable (what `klachtd -n` and a reload check).  0, or
 * -1 with one line per problem ("file:line: what") in *cause.
 */
int	 tmpl_catalogue_check(const char *dir, char **cause);

#endif
