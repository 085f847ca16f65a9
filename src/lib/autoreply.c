/*
 * autoreply.c -- auto-reply subjects (see autoreply.h).
 *
 * The markers are what Outlook/Exchange, Gmail, Apple Mail, Thunderbird
 * and common webmail put in front of the subject, in Dutch, English,
 * German and French.  Only a whole subject or a marker followed by ':'
 * counts, so a complaint about "afwezigheid" is never mistaken for one.
 */
#include "config.h"

#include <stddef.h>
#include <string.h>
#include <strings.h>

#include "autoreply.h"

static const char *markers[] = {
	/* nl */
	"afwezig", "afwezigheid", "afwezigheidsmelding", "automatisch antwoord",
	"automatisch bericht", "automatische reactie", "automatisch gegenereerd",
	"niet aanwezig", "buiten kantoor",
	/* en */
	"out of office", "out of the office", "out of office autoreply",
	"out of office reply", "automatic reply", "automatic response",
	"auto reply", "auto-reply", "autoreply", "auto response",
	"auto-response", "autoresponse", "auto:", "away from the office",
	"vacation reply", "on vacation",
	/* de */
	"abwesenheit", "abwesenheitsnotiz", "abwesend", "automatische antwort",
	/* fr */
	"r\xc3\xa9ponse automatique", "absence du bureau",
};

const char *
autoreply_subject(const char *subject)
{
	const char	*p, *q;
	size_t		 i, n;

	if (subject == NULL)
		return NULL;
	p = subject + strspn(subject, " \t");
	for (i = 0; i < sizeof markers / sizeof markers[0]; i++) {
		n = strlen(markers[i]);
		if (strncasecmp(p, markers[i], n) != 0)
			continue;
		if (markers[i][n - 1] == ':')
			return markers[i];
		q = p + n;
		q += strspn(q, " \t");
		if (*q == ':' || *q == '\0')
			return markers[i];
	}
	return NULL;
}
