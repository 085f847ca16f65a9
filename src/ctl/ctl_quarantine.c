/*
 * ctl_quarantine.c -- klachtctl's quarantine commands.
 *
 *	klachtctl [--json] quarantine [list] [--status held|released]
 *	klachtctl quarantine show|release ID
 *	klachtctl quarantine drop ID --force
 *
 * Messages intake could not handle: shown raw, handed to intake again,
 * or deleted (logged).
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
#include "intake.h"
#include "log.h"
#include "mail.h"
#include "store.h"
#include "util.h"

#include "ctl.h"

static int
quarantine_cb(const struct quarantine_row *q, void *arg)
{
	struct ctl_list	*l = arg;
	char		*at = cal_format_iso(q->received_at);
	char		*rel = q->released_at ? cal_format_iso(q->released_at) :
			    NULL;
	char		*reason = str_log_safe(q->reason, 0);

	if (ctl_json) {
		int first = 1;
		ctl_json_sep(&l->b);
		buf_addc(&l->b, '{');
		json_kv_int(&l->b, &first, "id", q->id);
		json_kv_str(&l->b, &first, "received", at);
		json_kv_str(&l->b, &first, "source", q->source);
		json_kv_str(&l->b, &first, "source_id", q->source_id);
		json_kv_int(&l->b, &first, "size", q->size);
		json_kv_str(&l->b, &first, "sha256", q->sha256);
		json_kv_str(&l->b, &first, "reason", q->reason);
		json_kv_str(&l->b, &first, "status", q->released_at ?
		    "released" : "held");
		json_kv_str(&l->b, &first, "released", rel);
		json_kv_str(&l->b, &first, "case", q->case_ref);
		buf_addc(&l->b, '}');
	} else {
		if (l->n == 0)
			printf("%-6s %-25s %-8s %9s  %-24s %s\n", "ID",
			    "RECEIVED", "SOURCE", "SIZE", "STATUS", "REASON");
		char *st = q->released_at ? xasprintf("released%s%s",
		    q->case_ref ? " -> " : "", q->case_ref ? q->case_ref : "") :
		    xstrdup("held");
		printf("%-6lld %-25s %-8s %9lld  %-24s %.100s\n",
		    (long long)q->id, at, q->source, (long long)q->size, st,
		    reason);
		free(st);
	}
	l->n++;
	free(at);
	free(rel);
	free(reason);
	return 0;
}

int
ctl_quarantine_list(struct ctl *x, char **argv)
{
	struct ctl_list	 l;
	char		*why = NULL;
	enum kres	 r;

	(void)argv;
	buf_init(&l.b);
	l.n = 0;
	if (ctl_json)
		buf_addc(&l.b, '[');
	if ((r = store_quarantine_foreach(x->k.st, x->o.status, quarantine_cb,
	    &l, &why)) != KR_OK) {
		buf_free(&l.b);
		return ctl_fail(r, why);
	}
	if (ctl_json) {
		buf_adds(&l.b, "]\n");
		fputs(l.b.data, stdout);
	} else if (l.n == 0)
		printf("no quarantined messages\n");
	buf_free(&l.b);
	return EX_OK;
}

/* Prints the raw message, byte for byte, on stdout. */
int
ctl_quarantine_show(struct ctl *x, char **argv)
{
	int64_t		 id = ctl_parse_id(argv[0]);
	char		*raw = NULL, *why = NULL;
	size_t		 len = 0;
	enum kres	 r;

	if (id < 0) {
		fprintf(stderr, "klachtctl: \"%s\" is not a quarantine id\n",
		    argv[0]);
		return EX_USAGE;
	}
	if ((r = store_quarantine_get(x->k.st, id, NULL, NULL, &raw, &len,
	    &why)) != KR_OK)
		return ctl_fail(r, why);
	if (fwrite(raw, 1, len, stdout) != len || fflush(stdout) != 0) {
		fprintf(stderr, "klachtctl: writing the message: %s\n",
		    strerror(errno));
		free(raw);
		return EX_IOERR;
	}
	free(raw);
	return EX_OK;
}

static int
qrow_cb(const struct quarantine_row *q, void *arg)
{
	*(int64_t *)arg = q->released_at;
	return 0;
}

/*
 * Hands the message to intake again, as if it had just arrived (source
 * "quarantine", source id = its quarantine id, so the case shows where
 * it came from).  Only when intake handled it does the row count as
 * released; a message intake still cannot handle stays held.
 */
int
ctl_quarantine_release(struct ctl *x, char **argv)
{
	struct intake_result	 res;
	int64_t			 id = ctl_parse_id(argv[0]), released = 0;
	char			*raw = NULL, *why = NULL, *who;
	size_t			 len = 0;
	enum kres		 r;

	if (id < 0) {
		fprintf(stderr, "klachtctl: \"%s\" is not a quarantine id\n",
		    argv[0]);
		return EX_USAGE;
	}
	if ((r = store_quarantine_get(x->k.st, id, qrow_cb, &released, &raw,
	    &len, &why)) != KR_OK)
		return ctl_fail(r, why);
	if (released != 0 && !x->o.force) {
		free(raw);
		fprintf(stderr, "klachtctl: quarantined message %lld was "
		    "released before; use --force to hand it to intake "
		    "again\n", (long long)id);
		return EX_USAGE;
	}
	r = intake_message(&x->k, "quarantine", argv[0], raw, len, &res, &why);
	free(raw);
	if (r != KR_OK)
		return ctl_fail(r, why);
	who = ctl_actor();
	if (res.action == IA_QUARANTINED) {
		log_audit("%s: quarantine id=%lld release tried: still cannot "
		    "be handled (%s); kept", who, (long long)id, res.reason);
		printf("quarantine id %lld: still cannot be handled: %s\n"
		    "(kept in quarantine)\n", (long long)id, res.reason);
		free(who);
		return EX_DATAERR;
	}
	if (res.ref[0] == '\0' && res.case_id != 0) {
		struct case_row c;

		if (store_case_get(x->k.st, res.case_id, &c, NULL) == KR_OK) {
			snprintf(res.ref, sizeof res.ref, "%s", c.ref);
			case_row_free(&c);
		}
	}
	if ((r = store_quarantine_released(x->k.st, id, cal_now(), &why)) !=
	    KR_OK) {
		free(who);
		return ctl_fail(r, why);
	}
	log_audit("%s: quarantine id=%lld released: %s%s%s", who,
	    (long long)id, intake_action_name(res.action),
	    res.ref[0] ? " case=" : "", res.ref);
	printf("quarantine id %lld released: %s%s%s\n", (long long)id,
	    intake_action_name(res.action), res.ref[0] ? " " : "", res.ref);
	free(who);
	return EX_OK;
}

struct qcopy {
	char	*sha256;
	char	*reason;
	int64_t	 size;
};

static int
qcopy_cb(const struct quarantine_row *q, void *arg)
{
	struct qcopy	*c = arg;

	c->sha256 = xstrdup(q->sha256);
	c->reason = str_log_safe(q->reason, 200);
	c->size = q->size;
	return 0;
}

int
ctl_quarantine_drop(struct ctl *x, char **argv)
{
	struct qcopy	 c;
	int64_t		 id = ctl_parse_id(argv[0]);
	char		*why = NULL, *who;
	enum kres	 r;

	if (id < 0) {
		fprintf(stderr, "klachtctl: \"%s\" is not a quarantine id\n",
		    argv[0]);
		return EX_USAGE;
	}
	if (!x->o.force) {
		fprintf(stderr, "klachtctl: quarantine drop deletes the message "
		    "for good; add --force to do so\n");
		return EX_USAGE;
	}
	memset(&c, 0, sizeof c);
	if ((r = store_begin(x->k.st, &why)) != KR_OK)
		return ctl_fail(r, why);
	if ((r = store_quarantine_get(x->k.st, id, qcopy_cb, &c, NULL, NULL,
	    &why)) != KR_OK || (r = store_quarantine_drop(x->k.st, id,
	    &why)) != KR_OK) {
		store_rollback(x->k.st);
		free(c.sha256);
		free(c.reason);
		return ctl_fail(r, why);
	}
	if ((r = store_commit(x->k.st, &why)) != KR_OK) {
		free(c.sha256);
		free(c.reason);
		return ctl_fail(r, why);
	}
	who = ctl_actor();
	log_audit("%s: quarantine id=%lld dropped (%lld bytes, sha256 %s, "
	    "reason: %s)", who, (long long)id, (long long)c.size, c.sha256,
	    c.reason);
	printf("quarantine id %lld dropped\n", (long long)id);
	free(who);
	free(c.sha256);
	free(c.reason);
	return EX_OK;
}
