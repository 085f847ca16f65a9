/*
 * ctl_measures.c -- klachtctl's view of the improvement measures
 * (issue 15, store_measure.h).
 *
 *	klachtctl [--json] measures [--open | --late | --done]
 *	klachtctl [--json] measure M-YYYY-NNNN
 *
 * The list gives each measure's reference, owner, due day, status (late:
 * open and its due day over), linked cases and the departments and
 * causes of those cases; one measure is shown with its text, what was
 * done and its history (the steps recorded on its cases).  Read only.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "calendar.h"
#include "json.h"
#include "store_measure.h"

#include "ctl.h"

/* The local midnight that starts the day of now. */
static int64_t
today(void)
{
	int64_t	 t = 0, now = cal_now();
	char	*d = cal_format_iso_date(now);

	if (cal_parse_day(d, NULL, &t) == -1)
		t = now;
	free(d);
	return t;
}

/* "open", "late" or "done" for m on the day that starts at day. */
static const char *
status_of(const struct measure_row *m, int64_t day)
{
	if (strcmp(m->status, "open") != 0)
		return m->status;
	return m->due_at < day ? "late" : "open";
}

/* Appends "key": [words of s] to a JSON object. */
static void
json_words(struct buf *b, int *first, const char *key, const char *s)
{
	const char	*p = s != NULL ? s : "", *e;
	char		*w;
	int		 n = 0;

	if (!*first)
		buf_addc(b, ',');
	*first = 0;
	json_str(b, key);
	buf_adds(b, ":[");
	while (*p != '\0') {
		e = strchr(p, ' ');
		w = xstrndup(p, e != NULL ? (size_t)(e - p) : strlen(p));
		if (n++ > 0)
			buf_addc(b, ',');
		json_str(b, w);
		free(w);
		p = e != NULL ? e + 1 : p + strlen(p);
	}
	buf_addc(b, ']');
}

struct mlist {
	struct buf	 b;
	int		 n;
	int64_t		 day;
};

static int
measure_cb(const struct measure_row *m, const struct measure_links *ln,
    void *arg)
{
	struct mlist	*l = arg;
	const char	*st = status_of(m, l->day);
	int		 first = 1;

	if (ctl_json) {
		ctl_json_sep(&l->b);
		buf_addc(&l->b, '{');
		json_kv_str(&l->b, &first, "ref", m->ref);
		json_kv_str(&l->b, &first, "owner", m->owner);
		json_kv_str(&l->b, &first, "due", m->due);
		json_kv_str(&l->b, &first, "status", st);
		json_kv_str(&l->b, &first, "text", m->text);
		json_words(&l->b, &first, "cases", ln->cases);
		json_words(&l->b, &first, "departments", ln->departments);
		json_words(&l->b, &first, "causes", ln->causes);
		buf_addc(&l->b, '}');
	} else {
		if (l->n == 0)
			printf("%-12s %-12s %-10s %-6s %-16s %-16s %s\n",
			    "REF", "OWNER", "DUE", "STATUS", "DEPARTMENTS",
			    "CAUSES", "CASES");
		printf("%-12s %-12s %-10s %-6s %-16s %-16s %s\n", T(m->ref),
		    T(m->owner), T(m->due), st, ln->departments ?
		    T(ln->departments) : "-", ln->causes ? T(ln->causes) :
		    "-", ln->cases ? T(ln->cases) : "-");
	}
	l->n++;
	return 0;
}

int
ctl_measures_list(struct ctl *x, char **argv)
{
	struct mlist	 l;
	char		*why = NULL;
	enum kres	 r;

	(void)argv;
	memset(&l, 0, sizeof l);
	buf_init(&l.b);
	l.day = today();
	if (ctl_json)
		buf_addc(&l.b, '[');
	if ((r = store_measure_foreach(x->k.st, x->o.measures, l.day,
	    measure_cb, &l, &why)) != KR_OK) {
		buf_free(&l.b);
		return ctl_fail(r, why);
	}
	if (ctl_json) {
		buf_adds(&l.b, "]\n");
		fputs(l.b.data, stdout);
	} else if (l.n == 0)
		printf("no measures\n");
	buf_free(&l.b);
	return EX_OK;
}

static int
history_cb(int64_t at, const char *actor, const char *detail,
    const char *cases, void *arg)
{
	struct buf	*b = arg;
	char		*when = cal_format_iso(at);
	int		 first = 1;

	if (ctl_json) {
		ctl_json_sep(b);
		buf_addc(b, '{');
		json_kv_str(b, &first, "at", when);
		json_kv_str(b, &first, "actor", actor);
		json_kv_str(b, &first, "what", detail);
		json_words(b, &first, "cases", cases);
		buf_addc(b, '}');
	} else {
		printf("  %-25s %-12s %s", when, T(actor), T(detail));
		printf("  [%s]\n", T(cases));
	}
	free(when);
	return 0;
}

/* Whether s looks like a measure reference, M-YYYY-N... */
static int
is_ref(const char *s)
{
	size_t	i, n = strlen(s);

	if (n < 8 || (s[0] != 'M' && s[0] != 'm') || s[1] != '-' ||
	    s[6] != '-')
		return 0;
	for (i = 2; i < n; i++)
		if (i != 6 && !isdigit((unsigned char)s[i]))
			return 0;
	return 1;
}

int
ctl_measures_show(struct ctl *x, char **argv)
{
	struct measure_row	 m;
	struct buf		 h;
	int64_t			 day;
	char			*ref, *why = NULL, *made, *done;
	int			 first = 1;
	enum kres		 r;

	if (!is_ref(argv[0]))
		return ctl_usage_error("\"%s\" is no measure reference "
		    "(M-YYYY-NNNN)", argv[0]);
	ref = xstrdup(argv[0]);
	ref[0] = 'M';
	if ((r = store_measure_get(x->k.st, ref, &m, &why)) != KR_OK) {
		free(ref);
		return ctl_fail(r, why);
	}
	if (m.id == 0) {
		fprintf(stderr, "klachtctl: no measure %s\n", ref);
		free(ref);
		measure_row_free(&m);
		return EX_NOINPUT;
	}
	free(ref);
	buf_init(&h);
	day = today();
	made = cal_format_iso(m.created);
	done = m.done_at != 0 ? cal_format_iso(m.done_at) : NULL;
	if (ctl_json) {
		buf_adds(&h, "{");
		json_kv_str(&h, &first, "ref", m.ref);
		json_kv_str(&h, &first, "owner", m.owner);
		json_kv_str(&h, &first, "due", m.due);
		json_kv_str(&h, &first, "status", status_of(&m, day));
		json_kv_str(&h, &first, "text", m.text);
		json_kv_str(&h, &first, "created", made);
		json_kv_str(&h, &first, "created_by", m.created_by);
		json_kv_str(&h, &first, "done", done);
		json_kv_str(&h, &first, "done_by", m.done_by);
		json_kv_str(&h, &first, "done_text", m.done_text);
		buf_adds(&h, ",\"history\":[");
	} else {
		printf("Measure:   %s\n", T(m.ref));
		printf("Status:    %s\n", status_of(&m, day));
		printf("Owner:     %s\n", T(m.owner));
		printf("Due:       %s\n", T(m.due));
		printf("Made:      %s by %s\n", made, T(m.created_by));
		printf("Text:      %s\n", TB(m.text));
		if (done != NULL)
			printf("Done:      %s by %s: %s\n", done,
			    T(m.done_by), TB(m.done_text));
		printf("\nHistory:\n");
	}
	r = store_measure_history(x->k.st, m.ref, history_cb, &h, &why);
	if (r == KR_OK && ctl_json) {
		buf_adds(&h, "]}\n");
		fputs(h.data, stdout);
	}
	free(made);
	free(done);
	buf_free(&h);
	measure_row_free(&m);
	return r == KR_OK ? EX_OK : ctl_fail(r, why);
}
