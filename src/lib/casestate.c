/*
 * casestate.c -- names and legal moves of the case lifecycle.
 */
#include "config.h"

#include <string.h>
#include <strings.h>

#include "casestate.h"
#include "lang.h"

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
			return lang_is_en(lang) ? states[i].en : states[i].nl;
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

static const struct {
	const char	*id;
	const char	*nl;
	const char	*en;
} judgements[] = {
	{ "gegrond", "gegrond", "upheld" },
	{ "deels-gegrond", "deels gegrond", "partly upheld" },
	{ "ongegrond", "ongegrond", "not upheld" },
	{ "niet-ontvankelijk", "niet-ontvankelijk", "not admissible" },
	{ "ingetrokken", "ingetrokken", "withdrawn" },
};

int
case_judgement_valid(const char *id)
{
	size_t	i;

	for (i = 0; id != NULL && i < sizeof judgements / sizeof judgements[0];
	    i++)
		if (strcmp(id, judgements[i].id) == 0)
			return 1;
	return 0;
}

const char *
case_judgement_label(const char *id, const char *lang)
{
	size_t	i;

	for (i = 0; id != NULL && i < sizeof judgements / sizeof judgements[0];
	    i++)
		if (strcmp(id, judgements[i].id) == 0)
			return lang_is_en(lang) ? judgements[i].en :
			    judgements[i].nl;
	return id ? id : "";
}
