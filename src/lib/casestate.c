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

static const struct {
	enum case_state	 st;
	const char	*id;
	const char	*nl;
	const char	*en;
	const char	*aliases[8];
} states[] = {
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
};
#define NSTATES (sizeof states / sizeof states[0])

const char *
case_state_id(enum case_state s)
{
	size_t	i;

	for (i = 0; i < NSTATES; i++)
		if (states[i].st == s)
			return states[i].id;
	return "invalid";
}

enum case_state
case_state_parse(const char *s)
{
	size_t	i, j;

	if (s == NULL)
		return CS_INVALID;
	for (i = 0; i < NSTATES; i++) {
		if (strcasecmp(s, states[i].id) == 0 ||
		    strcasecmp(s, states[i].nl) == 0 ||
		    strcasecmp(s, states[i].en) == 0)
			return states[i].st;
		for (j = 0; states[i].aliases[j] != NULL; j++)
			if (strcasecmp(s, states[i].aliases[j]) == 0)
				return states[i].st;
	}
	return CS_INVALID;
}

const char *
case_state_word(enum case_state s, size_t i)
{
	size_t	k, j;

	for (k = 0; k < NSTATES; k++) {
		if (states[k].st != s)
			continue;
		switch (i) {
		case 0:
			return states[k].id;
		case 1:
			return states[k].nl;
		case 2:
			return states[k].en;
		}
		for (j = 0; states[k].aliases[j] != NULL; j++)
			if (j == i - 3)
				return states[k].aliases[j];
		return NULL;
	}
	return NULL;
}

const char *
case_state_label(enum case_state s, const char *lang)
{
	size_t	i;

	for (i = 0; i < NSTATES; i++)
		if (states[i].st == s)
			return lang != NULL && strcmp(lang, "en") == 0 ?
			    states[i].en : states[i].nl;
	return "?";
}

int
case_transition_ok(enum case_state from, enum case_state to)
{
	/* Rows: from; columns: to (new, ack, prog, wait, decided, closed). */
	static const unsigned char ok[6][6] = {
		/* new */	{ 0, 1, 1, 1, 1, 1 },
		/* ack */	{ 0, 0, 1, 1, 1, 1 },
		/* prog */	{ 0, 0, 0, 1, 1, 1 },
		/* wait */	{ 0, 0, 1, 0, 1, 1 },
		/* decided */	{ 0, 0, 1, 0, 0, 1 },
		/* closed */	{ 0, 0, 1, 0, 0, 0 },
	};

	if ((int)from < 0 || (int)from > 5 || (int)to < 0 || (int)to > 5)
		return 0;
	return ok[from][to];
}

/*
 * Judgements: the one table.  Officers' words are compared with spaces
 * and underscores as hyphens, so "deels gegrond" and "partly_upheld"
 * are the labels; the aliases are the other words officers write.
 */
static const struct {
	enum judgement	 j;
	const char	*id;
	const char	*nl;
	const char	*en;
	int		 merits;	/* a judgement on the merits */
	const char	*aliases[6];
} judgements[] = {
	{ J_UPHELD, "gegrond", "gegrond", "upheld", 1,
	    { "founded", "well-founded", NULL } },
	{ J_PARTLY_UPHELD, "deels-gegrond", "deels gegrond", "partly upheld", 1,
	    { "gedeeltelijk-gegrond", "partially-upheld", "partially-founded",
	    NULL } },
	{ J_NOT_UPHELD, "ongegrond", "ongegrond", "not upheld", 1,
	    { "rejected", "unfounded", NULL } },
	{ J_INADMISSIBLE, "niet-ontvankelijk", "niet-ontvankelijk",
	    "not admissible", 0, { "inadmissible", NULL } },
	{ J_WITHDRAWN, "ingetrokken", "ingetrokken", "withdrawn", 0,
	    { NULL } },
};
#define NJUDGEMENTS (sizeof judgements / sizeof judgements[0])

const char *
judgement_id(enum judgement j)
{
	size_t	i;

	for (i = 0; i < NJUDGEMENTS; i++)
		if (judgements[i].j == j)
			return judgements[i].id;
	return NULL;
}

/* Whether an officer's word is w: case-insensitive, ' ' and '_' as '-'. */
static int
word_is(const char *word, const char *w)
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

enum judgement
judgement_parse(const char *word)
{
	size_t	i, j;

	if (word == NULL || *word == '\0')
		return J_INVALID;
	for (i = 0; i < NJUDGEMENTS; i++) {
		if (word_is(word, judgements[i].id) ||
		    word_is(word, judgements[i].nl) ||
		    word_is(word, judgements[i].en))
			return judgements[i].j;
		for (j = 0; judgements[i].aliases[j] != NULL; j++)
			if (word_is(word, judgements[i].aliases[j]))
				return judgements[i].j;
	}
	return J_INVALID;
}

int
judgement_on_merits(enum judgement j)
{
	size_t	i;

	for (i = 0; i < NJUDGEMENTS; i++)
		if (judgements[i].j == j)
			return judgements[i].merits;
	return 0;
}

enum judgement
judgement_by_id(const char *id)
{
	size_t	i;

	for (i = 0; id != NULL && i < NJUDGEMENTS; i++)
		if (strcmp(id, judgements[i].id) == 0)
			return judgements[i].j;
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
	size_t	i;

	for (i = 0; id != NULL && i < NJUDGEMENTS; i++)
		if (strcmp(id, judgements[i].id) == 0)
			return lang != NULL && strcmp(lang, "en") == 0 ?
			    judgements[i].en : judgements[i].nl;
	return id ? id : "";
}

/* Priorities: the one table. */
static const struct {
	enum priority	 p;
	const char	*id;
	const char	*nl;
	const char	*aliases[4];
} priorities[] = {
	{ PRIO_LOW, "low", "laag", { NULL } },
	{ PRIO_NORMAL, "normal", "normaal", { "medium", "gemiddeld", "middel",
	    NULL } },
	{ PRIO_HIGH, "high", "hoog", { NULL } },
	{ PRIO_URGENT, "urgent", "urgent", { "spoed", "dringend", NULL } },
};
#define NPRIORITIES (sizeof priorities / sizeof priorities[0])

const char *
priority_id(enum priority p)
{
	size_t	i;

	for (i = 0; i < NPRIORITIES; i++)
		if (priorities[i].p == p)
			return priorities[i].id;
	return NULL;
}

enum priority
priority_parse(const char *word)
{
	size_t	i, j;

	if (word == NULL)
		return PRIO_INVALID;
	for (i = 0; i < NPRIORITIES; i++) {
		if (strcasecmp(word, priorities[i].id) == 0 ||
		    strcasecmp(word, priorities[i].nl) == 0)
			return priorities[i].p;
		for (j = 0; priorities[i].aliases[j] != NULL; j++)
			if (strcasecmp(word, priorities[i].aliases[j]) == 0)
				return priorities[i].p;
	}
	return PRIO_INVALID;
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
