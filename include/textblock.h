/*
 * textblock.h -- text blocks an officer inserts in a letter (issue 13).
 *
 * A line "#tekst <name>" or "#snippet <name>" inside the text of #reply
 * or #close stands for the block in <templates>/<lang>/blocks/<name>.txt
 * (the case's language): a standard paragraph such as an apology or how
 * to claim damages.  The parser (cmdparse.c) keeps such a line in the
 * command's text; the handler expands it before the letter is rendered.
 * No network, no database: a pure function of the text and the files.
 */
#ifndef KLACHT_TEXTBLOCK_H
#define KLACHT_TEXTBLOCK_H

#include <stddef.h>

#define TEXTBLOCK_NAME_MAX	64	/* bytes in a block's name */
#define TEXTBLOCK_SIZE_MAX	(64 * 1024)	/* bytes in one block */

/*
 * Whether the line (len bytes, blanks around allowed) is "#tekst ..." or
 * "#snippet ..." (the keyword in any case, followed by a blank or the
 * end).  Returns 1 and the rest of the line, trimmed, in *arg and *arglen;
 * else 0.
 */
int	 textblock_line(const char *line, size_t len, const char **arg,
	    size_t *arglen);

/*
 * Whether name (len bytes) is a valid block name: 1 to
 * TEXTBLOCK_NAME_MAX of [a-z0-9_-], starting with a letter or digit --
 * so it can never name a path outside the blocks directory.
 */
int	 textblock_name_ok(const char *name, size_t len);

/*
 * The blocks available in dir/lang/blocks, sorted, ", " between them,
 * or "-" when there are none.  Caller frees.
 */
char	*textblock_names(const char *dir, const char *lang);

/*
 * text with every #tekst/#snippet line replaced by its block (without
 * the block's trailing newlines).  0 with *out (caller frees), or -1
 * with *why naming the line's block and the available ones, in English
 * when en is set, else Dutch (caller frees).
 */
int	 textblock_expand(const char *dir, const char *lang,
	    const char *text, int en, char **out, char **why);

#endif
