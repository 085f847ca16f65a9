/*
 * casestate.c -- the vocabulary of a case: the tables of its states,
 * judgements and priorities, the legal moves between states, and the
 * format of its reference.  No I/O; case.c makes the moves.
 */
#include "config.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "casestate.h"
#include "util.h"
#include "lang.h"

/*
 * One row of a vocabulary: the value (an enum), its stable id, its Dutch
 * and English labels, and the other words officers type for it.
 */
struct word_row {
	int		 v;
	const char	*id;
	const char	*nl;
	const char	*en;
	const char	*aliases[8];
};

static const struct word_row states[] = {
	{ CS_NEW, "new", "nieuw", "new", { "nieuw", NULL } },
	{ CS_ACKNOWLEDGED, "acknowledged", "ontvangen", "acknowledged",
	    { "ontvangen", "bevestigd", NULL } },
	{ CS_IN_PROGRESS, "in_progress", "in behandeling", "in progress",
	    { "in-progress", "in-behandeling", "behandeling", "open",
	    "geopend", NULL } },
	{ CS_WAITING, "waiting", "wacht op klager",
	    "waiting for complainant", { "wacht", "wachten", "waiting",
	    "wacht-op-klager", "wachten-op-klager", "waiting-for-complainant",
	    NULL } },
	{ CS_DECIDED, "decided", "afgehandeld", "decided",
	    { "afgehandeld", "besloten", "beslist", NULL } },
	{ CS_CLOSED, "closed", "gesloten", "closed", { "gesloten", "dicht",
	    NULL } },
	{ CS_MERGED, "merged", "samengevoegd", "merged", { NULL } },
	{ CS_VOID, "void", "vervallen", "void", { NULL } },
	{ CS_RESOLVED, "resolved", "opgelost", "resolved informally",
	    { "informeel-opgelost", "resolved-informally", NULL } },
	{ CS_FORWARDED, "forwarded", "doorgestuurd", "forwarded", { NULL } },
};

/*
 * Judgements.  Officers' words are compared with spaces and underscores
 * as hyphens (judgement_parse), so "deels gegrond" and "partly_upheld"
 * are the labels; the aliases are the other words officers write.
 */
static const struct word_row judgements[] = {
	{ J_UPHELD, "gegrond", "gegrond", "upheld",
	    { "founded", "well-founded", NULL } },
	{ J_PARTLY_UPHELD, "deels-gegrond", "deels gegrond", "partly upheld",
	    { "gedeeltelijk-gegrond", "partially-upheld", "partially-founded",
	    NULL } },
	{ J_NOT_UPHELD, "ongegrond", "ongegrond", "not upheld",
	    { "rejected", "unfounded", NULL } },
	{ J_INADMISSIBLE, "niet-ontvankelijk", "niet-ontvankelijk",
	    "not admissible", { "inadmissible", NULL } },
	{ J_WITHDRAWN, "ingetrokken", "ingetrokken", "withdrawn", { NULL } },
};

static const struct word_row priorities[] = {
	{ PRIO_LOW, "low", "laag", "low", { NULL } },
	{ PRIO_NORMAL, "normal", "normaal", "normal", { "medium", "gemiddeld",
	    "middel", NULL } },
	{ PRIO_HIGH, "high", "hoog", "high", { NULL } },
	{ PRIO_URGENT, "urgent", "urgent", "urgent", { "spoed", "dringend",
	    NULL } },
};

#define ROWS(t)	(t), sizeof (t) / sizeof (t)[0]

static const struct word_row *
row_of(const struct word_row *t, size_t n, int v)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (t[i].v == v)
			return &t[i];
	return NULL;
}

/* The id of value v; NULL if there is none. */
static const char *
row_id(const struct word_row *t, size_t n, int v)
{
	const struct word_row	*r = row_of(t, n, v);

	return r ? r->id : NULL;
}

/* The value whose id, label or alias word is (as same() compares);
 * -1 (every enum's INVALID) if none. */
static int
row_parse(const struct word_row *t, size_t n, const char *word,
    int (*same)(const char *, const char *))
{
	size_t	i, j;

	if (word == NULL)
		return -1;
	for (i = 0; i < n; i++) {
		if (same(word, t[i].id) || same(word, t[i].nl) ||
		    same(word, t[i].en))
			return t[i].v;
		for (j = 0; t[i].aliases[j] != NULL; j++)
			if (same(word, t[i].aliases[j]))
				return t[i].v;
	}
	return -1;
}

static const char *
row_label(const struct word_row *r, const char *lang)
{
	return lang_is_en(lang) ? r->en : r->nl;
}

static int
same_ci(const char *a, const char *b)
{
	return strcasecmp(a, b) == 0;
}

/* Whether an officer's word is w: case-insensitive, ' ' and '_' as '-'. */
static int
same_word(const char *word, const char *w)
{
	int	a, b;

	for (;; word++, w++) {
		a = tolower((unsigned char)*word);
		b = tolower((unsigned char)*w);
		if (a == ' ' || a == '_')
			a = '-';
		if (b == ' ' || b == '_')
			b = '-';
		if (a != b)
			return 0;
		if (a == '\0')
			return 1;
	}
}

/* ------------------------------------------------------------ states */

const char *
case_state_id(enum case_state s)
{
	const char	*id = row_id(ROWS(states), s);

	return id ? id : "invalid";
}

enum case_state
case_state_parse(const char *s)
{
	return (enum case_state)row_parse(ROWS(states), s, same_ci);
}

const char *
case_state_word(enum case_state s, size_t i)
{
	const struct word_row	*r = row_of(ROWS(states), s);
	size_t			 j;

	if (r == NULL)
		return NULL;
	switch (i) {
	case 0:
		return r->id;
	case 1:
		return r->nl;
	case 2:
		return r->en;
	}
	for (j = 0; r->aliases[j] != NULL; j++)
		if (j == i - 3)
			return r->aliases[j];
	return NULL;
}

const char *
case_state_label(enum case_state s, const char *lang)
{
	const struct word_row	*r = row_of(ROWS(states), s);

	return r ? row_label(r, lang) : "?";
}

int
case_transition_ok(enum case_state from, enum case_state to)
{
	/* Rows: from; columns: to (new, ack, prog, wait, decided, closed,
	 * merged, void, resolved, forwarded).  Only a case not yet decided
	 * may be merged, voided or forwarded (a decided one had its
	 * letter); those three are final.  Only an open case may be
	 * resolved informally; it goes back to in progress when the
	 * complainant asks for formal handling. */
	static const unsigned char ok[CS_NSTATES][CS_NSTATES] = {
		/* new */	{ 0, 1, 1, 1, 1, 1, 1, 1, 1, 1 },
		/* ack */	{ 0, 0, 1, 1, 1, 1, 1, 1, 1, 1 },
		/* prog */	{ 0, 0, 0, 1, 1, 1, 1, 1, 1, 1 },
		/* wait */	{ 0, 0, 1, 0, 1, 1, 1, 1, 1, 1 },
		/* decided */	{ 0, 0, 1, 0, 0, 1, 0, 0, 0, 0 },
		/* closed */	{ 0, 0, 1, 0, 0, 0, 0, 0, 0, 0 },
		/* merged */	{ 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 },
		/* void */	{ 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 },
		/* resolved */	{ 0, 0, 1, 0, 0, 0, 0, 0, 0, 0 },
		/* forwarded */	{ 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 },
	};

	if ((int)from < 0 || (int)from >= CS_NSTATES || (int)to < 0 ||
	    (int)to >= CS_NSTATES)
		return 0;
	return ok[from][to];
}

int
case_state_administrative(enum case_state s)
{
	return s == CS_MERGED || s == CS_VOID || s == CS_FORWARDED;
}

/* -------------------------------------------------------- judgements */

const char *
judgement_id(enum judgement j)
{
	return row_id(ROWS(judgements), j);
}

enum judgement
judgement_parse(const char *word)
{
	return (enum judgement)row_parse(ROWS(judgements), word, same_word);
}

int
judgement_on_merits(enum judgement j)
{
	return j == J_UPHELD || j == J_PARTLY_UPHELD || j == J_NOT_UPHELD;
}

enum judgement
judgement_by_id(const char *id)
{
	size_t	i;

	for (i = 0; id != NULL && i < sizeof judgements / sizeof judgements[0];
	    i++)
		if (strcmp(id, judgements[i].id) == 0)
			return (enum judgement)judgements[i].v;
	return J_INVALID;
}

int
case_judgement_valid(const char *id)
{
	return judgement_by_id(id) != J_INVALID;
}

const char *
case_judgement_label(const char *id, const char *lang)
{
	enum judgement	j = judgement_by_id(id);

	if (j == J_INVALID)
		return id ? id : "";
	return row_label(row_of(ROWS(judgements), j), lang);
}

/* -------------------------------------------------------- priorities */

const char *
priority_id(enum priority p)
{
	return row_id(ROWS(priorities), p);
}

enum priority
priority_parse(const char *word)
{
	return (enum priority)row_parse(ROWS(priorities), word, same_ci);
}

/* ------------------------------------------------------ the reference */

char *
caseref_format(const char *prefix, int year, long long seq)
{
	return xasprintf("%s-%04d-%05lld", prefix, year, seq);
}

char *
caseref_find(const char *subject, const char *prefix)
{
	const char	*p = subject;
	size_t		 pl = strlen(prefix);
	int		 i, d;

	if (subject == NULL)
		return NULL;
	while ((p = strchr(p, '[')) != NULL) {
		const char *s = ++p;

		if (strncasecmp(s, prefix, pl) != 0 || s[pl] != '-')
			continue;
		s += pl + 1;
		for (i = 0; i < 4 && isdigit((unsigned char)s[i]); i++)
			;
		if (i != 4 || s[4] != '-')
			continue;
		s += 5;
		for (d = 0; isdigit((unsigned char)s[d]) && d < 9; d++)
			;
		if (d < 5 || s[d] != ']')
			continue;
		/* Normalise the prefix to upper case as we issue it. */
		char *ref = xstrndup(p, (size_t)(s + d - p));
		for (i = 0; i < (int)pl; i++)
			ref[i] = (char)toupper((unsigned char)ref[i]);
		return ref;
	}
	return NULL;
}
