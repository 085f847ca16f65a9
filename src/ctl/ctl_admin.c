/*
 * ctl_admin.c -- klachtctl's administration commands.
 *
 *	klachtctl backup FILE
 *	klachtctl [--json] purge [--dry-run]
 *	klachtctl export --email ADDR --dir DIR
 *
 * An online copy of the database, the anonymisation of closed cases past
 * their retention term, and everything stored about one person (AVG art.
 * 15).  The purge and the export themselves are purge.c's and
 * export.c's; their options are parsed with the report's (ctl_report.h).
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sysexits.h>
#include <time.h>
#include <unistd.h>

#include "calendar.h"
#include "casestate.h"
#include "cfg.h"
#include "json.h"
#include "klacht.h"
#include "log.h"
#include "privacy.h"
#include "store.h"
#include "util.h"

#include "ctl.h"

int
ctl_admin_backup(struct ctl *x, char **argv)
{
	char	*why = NULL;

	if (store_backup(x->k.st, argv[0], &why) != KR_OK) {
		fprintf(stderr, "klachtctl: %s\n", why);
		free(why);
		return EX_CANTCREAT;
	}
	printf("backup written to %s\n", argv[0]);
	return EX_OK;
}

/* ---------------------------------------------------------------- purge */

struct purge_out {
	int		 json;
	int		 dry_run;
	struct buf	 b;
	int		 n;
};

static void
purge_cb(const struct purge_item *it, void *arg)
{
	struct purge_out	*p = arg;
	char			*closed = cal_format_iso_date(it->closed_at);
	char			*exp = cal_format_iso_date(it->expired_at);
	char			*term = privacy_term_str(it->term);

	if (p->json) {
		int first = 1;

		if (p->n > 0)
			buf_addc(&p->b, ',');
		buf_addc(&p->b, '{');
		json_kv_str(&p->b, &first, "reference", it->ref);
		json_kv_str(&p->b, &first, "category", it->category);
		json_kv_str(&p->b, &first, "closed", closed);
		json_kv_str(&p->b, &first, "term", term);
		json_kv_str(&p->b, &first, "expired", exp);
		buf_addc(&p->b, '}');
	} else
		printf("%s %s (category %s, closed %s, term %s, ended %s)\n",
		    p->dry_run ? "would anonymise" : "anonymised", it->ref,
		    it->category ? it->category : "none", closed, term, exp);
	p->n++;
	free(closed);
	free(exp);
	free(term);
}

static int
ctl_purge(struct klacht *k, const struct ctl_report_opts *o, int json)
{
	struct purge_stats	 ps;
	struct purge_out	 p;
	char			*why = NULL, *w;
	enum kres		 rc;

	if (o->year || o->from || o->to || o->category || o->format ||
	    o->reg || o->email || o->dir)
		return ctl_usage_error("purge takes only --dry-run (and "
		    "--json)%s", NULL);
	memset(&p, 0, sizeof p);
	p.json = json;
	p.dry_run = o->dry_run;
	buf_init(&p.b);
	rc = privacy_purge(k, cal_now(), o->dry_run, 0, purge_cb, &p, &ps,
	    &why);
	if (!o->dry_run && ps.cases + ps.loose_messages + ps.quarantined > 0) {
		w = ctl_actor();
		log_audit("%s: retention purge: %d case(s) anonymised, %lld "
		    "message(s) on no case and %lld quarantined deleted%s", w,
		    ps.cases, (long long)ps.loose_messages,
		    (long long)ps.quarantined, rc != KR_OK ? " (then failed)" :
		    "");
		free(w);
	}
	if (rc != KR_OK) {
		buf_free(&p.b);
		return ctl_fail_report(rc, why);
	}
	if (json) {
		struct buf	h;
		int		first = 1;

		buf_init(&h);
		json_kv_bool(&h, &first, "dry_run", o->dry_run);
		json_kv_int(&h, &first, "kept", ps.kept);
		json_kv_int(&h, &first, "loose_messages", ps.loose_messages);
		json_kv_int(&h, &first, "quarantined", ps.quarantined);
		printf("{%s,\"cases\":[%s]}\n", h.data, p.b.data ? p.b.data :
		    "");
		buf_free(&h);
	} else
		printf("%s: %d case(s)%s, %d closed case(s) still within their "
		    "term; %lld message(s) on no case and %lld quarantined "
		    "message(s) past the default term\n", o->dry_run ?
		    "dry run, nothing changed" : "purged", ps.cases,
		    o->dry_run ? " due" : " anonymised", ps.kept,
		    (long long)ps.loose_messages, (long long)ps.quarantined);
	buf_free(&p.b);
	return EX_OK;
}

/* --------------------------------------------------------------- export */

static int
ctl_export(struct klacht *k, const struct ctl_report_opts *o, int json)
{
	struct export_stats	 es;
	char			*why = NULL, *w;

	if (o->email == NULL || o->dir == NULL)
		return ctl_usage_error("export needs --email ADDR and --dir "
		    "DIR%s", NULL);
	if (o->year || o->from || o->to || o->category || o->format ||
	    o->reg || o->dry_run)
		return ctl_usage_error("export takes only --email and --dir%s",
		    NULL);
	if (privacy_export(k, o->email, o->dir, cal_now(), &es, &why) == -1) {
		fprintf(stderr, "klachtctl: %s\n", why);
		free(why);
		return EX_CANTCREAT;
	}
	w = ctl_actor();
	log_audit("%s: export (AVG art. 15) of %d case(s), %d message(s), "
	    "%d outgoing, %d quarantined, respondent in %d to %s", w,
	    es.cases, es.messages, es.outgoing, es.quarantined,
	    es.respondent, o->dir);
	free(w);
	if (json) {
		struct buf	h;
		int		first = 1;

		buf_init(&h);
		buf_addc(&h, '{');
		json_kv_str(&h, &first, "dir", o->dir);
		json_kv_int(&h, &first, "cases", es.cases);
		json_kv_int(&h, &first, "messages", es.messages);
		json_kv_int(&h, &first, "attachments", es.attachments);
		json_kv_int(&h, &first, "outgoing", es.outgoing);
		json_kv_int(&h, &first, "quarantined", es.quarantined);
		json_kv_int(&h, &first, "respondent_in", es.respondent);
		json_kv_int(&h, &first, "left_out", es.left_out);
		printf("%s}\n", h.data);
		buf_free(&h);
	}
	else
		printf("exported to %s: %d case(s), %d message(s), %d "
		    "attachment(s), %d outgoing, %d quarantined, respondent "
		    "in %d case(s)%s\n", o->dir, es.cases, es.messages,
		    es.attachments, es.outgoing, es.quarantined, es.respondent,
		    es.left_out ? "; officers' internal notes and mail left "
		    "out (retention.notes_about_colleagues)" : "");
	if (es.cases + es.messages + es.outgoing + es.quarantined +
	    es.respondent == 0)
		printf("nothing is stored about %s\n", o->email);
	return EX_OK;
}


int
ctl_admin_purge(struct ctl *x, char **argv)
{
	(void)argv;
	return ctl_purge(&x->k, &x->o.report, x->o.json);
}

int
ctl_admin_export(struct ctl *x, char **argv)
{
	(void)argv;
	return ctl_export(&x->k, &x->o.report, x->o.json);
}
