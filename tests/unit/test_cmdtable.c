/*
 * test_cmdtable.c -- the table of officer commands (cmdtable.h): one row
 * per kind, keywords that name one command each, #help generated from
 * the rows, and klachtd-commands(7) holding every keyword of every row
 * (and no command that has no row).
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "cmdparse.h"
#include "cmdtable.h"
#include "util.h"

#ifndef nitems
#define nitems(a)	(sizeof (a) / sizeof (a)[0])
#endif

/* Calls f for every keyword of row e. */
static void
each_keyword(const struct cmd_entry *e, void (*f)(const struct cmd_entry *,
    const char *, void *), void *arg)
{
	size_t	i;

	f(e, e->en, arg);
	f(e, e->nl, arg);
	for (i = 0; i < nitems(e->aliases) && e->aliases[i] != NULL; i++)
		f(e, e->aliases[i], arg);
}

/* Every keyword finds its own row, in any case, and only as a whole
 * word. */
static void
find_own(const struct cmd_entry *e, const char *kw, void *arg)
{
	char	up[32];
	size_t	i, n = strlen(kw);

	CHECK(n > 0 && n < sizeof up);
	CHECK(cmd_entry_find(kw, n) == e);
	for (i = 0; i <= n && i < sizeof up; i++)
		up[i] = (char)toupper((unsigned char)kw[i]);
	CHECK(cmd_entry_find(up, n) == e);
	CHECK(cmd_entry_find(kw, n - 1) != e);
	/* Lower-case letters, and '-' between words (#afzien-horen). */
	for (i = 0; i < n; i++)
		CHECK(islower((unsigned char)kw[i]) || (kw[i] == '-' &&
		    i > 0 && i + 1 < n));
}

static void
test_rows(void)
{
	const struct cmd_entry	*e;
	size_t			 i;
	int			 k, seen[CMD_NKINDS];
	char			 body[64];
	struct cmd_list		 l;

	memset(seen, 0, sizeof seen);
	CHECK_INT(cmd_ntable, CMD_NKINDS);
	for (i = 0; i < cmd_ntable; i++) {
		e = &cmd_table[i];
		CHECK((unsigned)e->kind < CMD_NKINDS);
		if ((unsigned)e->kind >= CMD_NKINDS)
			continue;
		seen[e->kind]++;
		CHECK(cmd_entry_of(e->kind) == e);
		CHECK_STR(cmd_name(e->kind), e->en);
		CHECK_STR(cmd_keyword(e->kind, "en"), e->en);
		CHECK_STR(cmd_keyword(e->kind, "nl"), e->nl);
		CHECK(e->help_en != NULL && e->help_nl != NULL);
		CHECK((e->usage_en == NULL) == (e->usage_nl == NULL));
		CHECK((e->notext_en == NULL) == (e->notext_nl == NULL));
		/* A row that refuses some states says why, in both. */
		if ((e->states & CMD_ANY_STATE) != CMD_ANY_STATE)
			CHECK(e->state_en != NULL && e->state_nl != NULL);
		CHECK(e->states != 0);
		/* (So no keyword names two rows: find returns the first.) */
		each_keyword(e, find_own, NULL);
		/* The parser reads the row: the keyword alone is a command of
		 * that kind, or an error only when an argument is missing. */
		snprintf(body, sizeof body, "#%s", e->nl);
		cmd_parse(body, "nl", &l);
		/* (A reference is optional: #dossier alone is this case.) */
		if ((e->arg == CMD_ARG_NONE || e->arg == CMD_ARG_OPTREF) &&
		    e->text != CMD_TEXT_REQUIRED) {
			CHECK_INT(l.n, 1);
			if (l.n == 1)
				CHECK_INT(l.v[0].kind, e->kind);
		} else
			CHECK_INT(l.nerrors, 1);
		cmd_list_free(&l);
	}
	for (k = 0; k < CMD_NKINDS; k++)
		CHECK_INT(seen[k], 1);
	CHECK(cmd_entry_of((enum cmd_kind)99) == NULL);
	CHECK(cmd_entry_find("sluitx", 6) == NULL);
	CHECK(cmd_entry_find("sluit", 5) == cmd_entry_of(CMD_CLOSE));
	CHECK(cmd_entry_find("SLUITEN", 7) == cmd_entry_of(CMD_CLOSE));
	CHECK(cmd_entry_find("", 0) == NULL);
}

/* #help is made from the rows: each row's line, in table order. */
static void
test_help(void)
{
	const struct cmd_entry	*e;
	const char		*h, *prev[2] = { NULL, NULL }, *at, *eol;
	char			*want;
	size_t			 i, len;
	int			 en;

	for (en = 0; en <= 1; en++) {
		h = cmd_help_text(en ? "en" : "nl");
		CHECK(h == cmd_help_text(en ? "en_GB" : NULL));
		for (i = 0; i < cmd_ntable; i++) {
			e = &cmd_table[i];
			want = xasprintf("\n#%s%s%s", en ? e->en : e->nl,
			    e->usage_en ? " " : "", e->usage_en ? (en ?
			    e->usage_en : e->usage_nl) : "");
			at = strstr(h, want);
			CHECK(at != NULL);
			if (at != NULL && prev[en] != NULL)
				CHECK(at > prev[en]);
			if (at != NULL)
				prev[en] = at;
			free(want);
			/* Its help follows, first line and continuations. */
			want = xstrdup(en ? e->help_en : e->help_nl);
			want[strcspn(want, "\n")] = '\0';
			CHECK_CONTAINS(h, want);
			free(want);
		}
		/* No line longer than a mail client shows. */
		for (at = h; *at != '\0'; at += len + (eol != NULL)) {
			eol = strchr(at, '\n');
			len = eol != NULL ? (size_t)(eol - at) : strlen(at);
			CHECK(len <= 76);
		}
	}
	/* The lists that follow from the rows. */
	/* (Which commands the lists name follows from the rows, checked
	 * above; here only their frame, so a new command needs no edit.) */
	CHECK_CONTAINS(cmd_help_text("en"), "The text of #note, #reply, "
	    "#extend, #hear, ");
	CHECK_CONTAINS(cmd_help_text("en"), "may run over several lines");
	CHECK_CONTAINS(cmd_help_text("nl"), "In het Engels: #assign, ");
	CHECK_CONTAINS(cmd_help_text("nl"), " #help.\n");
	CHECK_CONTAINS(cmd_help_text("en"), " #hulp.\n");
	CHECK_CONTAINS(cmd_help_text("en"), "#extend <duration> <reason>\n"
	    "                           extend the term, for example\n");
	CHECK_CONTAINS(cmd_help_text("nl"), "#beklaagde <adres> [naam]  "
	    "leg vast");
}

/* ---------------------------------------------------- the man page */

struct man {
	char	**words;	/* "#word" in the .TP lines under COMMANDS */
	size_t	  n;
};

static int
man_read(const char *path, struct man *m)
{
	FILE	*f;
	char	 line[1024];
	int	 in = 0, tp = 0;
	char	*p, *q;

	memset(m, 0, sizeof *m);
	if ((f = fopen(path, "r")) == NULL)
		return -1;
	while (fgets(line, sizeof line, f) != NULL) {
		if (strncmp(line, ".SH", 3) == 0) {
			in = strncmp(line, ".SH COMMANDS", 12) == 0;
			continue;
		}
		if (!in)
			continue;
		if (strncmp(line, ".TP", 3) == 0) {
			tp = 1;
			continue;
		}
		if (!tp)
			continue;
		tp = 0;
		for (p = line; (p = strchr(p, '#')) != NULL; p = q) {
			char	*w, *d;

			/* A '-' in a keyword is "\-" in roff (#afzien\-horen). */
			for (q = p + 1; islower((unsigned char)*q) ||
			    (q > p + 1 && q[0] == '\\' && q[1] == '-' &&
			    islower((unsigned char)q[2])); q++)
				if (*q == '\\')
					q++;
			if (q > p + 1) {
				m->words = xreallocarray(m->words, m->n + 1,
				    sizeof *m->words);
				w = xstrndup(p, (size_t)(q - p));
				for (d = w; (d = strstr(d, "\\-")) != NULL; d++)
					memmove(d, d + 1, strlen(d + 1) + 1);
				m->words[m->n++] = w;
			}
		}
	}
	fclose(f);
	return 0;
}

static void
man_has(const struct cmd_entry *e, const char *kw, void *arg)
{
	const struct man	*m = arg;
	size_t			 i;

	for (i = 0; i < m->n; i++) {
		if (strcmp(m->words[i] + 1, kw) == 0)
			return;
	}
	check_failed++;
	fprintf(stderr, "klachtd-commands.7: no entry under COMMANDS names "
	    "#%s (command %s)\n", kw, e->en);
}

static void
test_man(void)
{
	const char	*src = getenv("top_srcdir");
	char		*path;
	struct man	 m;
	size_t		 i;

	path = xasprintf("%s/man/klachtd-commands.7", src ? src : ".");
	CHECK_INT(man_read(path, &m), 0);
	CHECK(m.n >= cmd_ntable);
	for (i = 0; i < cmd_ntable; i++)
		each_keyword(&cmd_table[i], man_has, &m);
	/* ... and no entry for a command that does not exist. */
	for (i = 0; i < m.n; i++) {
		if (cmd_entry_find(m.words[i] + 1, strlen(m.words[i] + 1)) ==
		    NULL) {
			check_failed++;
			fprintf(stderr, "klachtd-commands.7: %s has no row in "
			    "cmdtable.c\n", m.words[i]);
		}
		free(m.words[i]);
	}
	free(m.words);
	free(path);
}

int
main(void)
{
	test_rows();
	test_help();
	test_man();
	return check_done();
}
