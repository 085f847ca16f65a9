/*
 * ctl_outbox.c -- klachtctl's outbox commands.
 *
 *	klachtctl [--json] outbox [--status S]
 *	klachtctl outbox retry|drop ID
 *
 * Outgoing mail with its last error; a retry or a drop is committed with
 * its audit event on the case.
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
#include "store.h"
#include "util.h"

#include "ctl.h"

/* Prints one outbox row (with --json: appends it to the JSON array in
 * the struct buf arg); a store_outbox_foreach() callback. */
int
ctl_outbox_row(const struct outbox_row *o, void *arg)
{
	struct buf	*b = arg;
	char		*at = cal_format_iso(o->created_at);
	char		*next = cal_format_iso(o->next_attempt_at);

	if (ctl_json) {
		int first = 1;
		ctl_json_sep(b);
		buf_addc(b, '{');
		json_kv_int(b, &first, "id", o->id);
		json_kv_str(b, &first, "kind", o->kind);
		json_kv_str(b, &first, "status", o->status);
		json_kv_str(b, &first, "to", o->rcpt);
		json_kv_str(b, &first, "subject", o->subject);
		json_kv_str(b, &first, "message_id", o->message_id);
		json_kv_int(b, &first, "attempts", o->attempts);
		json_kv_str(b, &first, "created", at);
		json_kv_str(b, &first, "next_attempt", next);
		json_kv_str(b, &first, "last_error", o->last_error);
		buf_addc(b, '}');
	} else {
		char *to = ctl_column(T(o->rcpt), 30, 1, ctl_wide);

		printf("%-6lld %-13s %-7s %3d  %s %s\n",
		    (long long)o->id, o->kind, o->status, o->attempts, to,
		    T(o->subject));
		free(to);
		if (o->last_error != NULL && strcmp(o->status, "sent") != 0)
			printf("       last error: %s\n", T(o->last_error));
	}
	free(at);
	free(next);
	return 0;
}

int
ctl_outbox_list(struct ctl *x, char **argv)
{
	struct buf	 b;
	char		*why = NULL;
	enum kres	 r;

	(void)argv;
	buf_init(&b);
	if (ctl_json)
		buf_addc(&b, '[');
	else
		printf("%-6s %-13s %-7s %3s  %-30s %s\n", "ID", "KIND",
		    "STATUS", "TRY", "TO", "SUBJECT");
	if ((r = store_outbox_foreach(x->k.st, x->o.status, 0,
	    ctl_outbox_row, &b, &why)) != KR_OK) {
		buf_free(&b);
		return ctl_fail(r, why);
	}
	if (ctl_json) {
		buf_adds(&b, "]\n");
		fputs(b.data, stdout);
	}
	buf_free(&b);
	return EX_OK;
}

struct outbox_copy {
	int64_t	 case_id;
	char	*rcpt;
	char	*kind;
	char	*status;
	int	 attempts;
};

static int
outbox_copy_cb(const struct outbox_row *o, void *arg)
{
	struct outbox_copy	*c = arg;

	c->case_id = o->case_id;
	c->rcpt = xstrdup(o->rcpt);
	c->kind = xstrdup(o->kind);
	c->status = xstrdup(o->status);
	c->attempts = o->attempts;
	return 0;
}

/*
 * retry/drop: the change and the case's audit event in one transaction.
 * drop keeps the row (status "dropped") and never touches the case.
 */
static int
outbox_act(struct ctl *x, const char *idstr, int drop)
{
	struct outbox_copy	 c;
	int64_t			 id = ctl_parse_id(idstr), now = cal_now();
	char			*why = NULL, *who, *detail;
	enum kres		 r;

	if (id < 0) {
		fprintf(stderr, "klachtctl: \"%s\" is not an outbox id\n",
		    idstr);
		return EX_USAGE;
	}
	memset(&c, 0, sizeof c);
	who = ctl_actor();
	if ((r = store_begin(x->k.st, &why)) != KR_OK)
		goto out;
	if ((r = store_outbox_get(x->k.st, id, outbox_copy_cb, &c, &why)) !=
	    KR_OK)
		goto rollback;
	r = drop ? store_outbox_drop(x->k.st, id, &why) :
	    store_outbox_retry(x->k.st, id, now, &why);
	if (r == KR_INVALID) {
		free(why);
		why = xasprintf("outbox id %lld is %s: only failed or queued "
		    "mail can be %s", (long long)id, c.status, drop ?
		    "dropped" : "retried");
	}
	if (r != KR_OK)
		goto rollback;
	if (c.case_id != 0) {
		detail = xasprintf("%s %s to %s (outbox id=%lld, was %s after "
		    "%d attempt(s))", drop ? "dropped" : "retry of", c.kind,
		    c.rcpt, (long long)id, c.status, c.attempts);
		r = store_event_add(x->k.st, c.case_id, now, who, drop ?
		    "outbox-drop" : "outbox-retry", detail, &why);
		free(detail);
		if (r != KR_OK)
			goto rollback;
	}
	if ((r = store_commit(x->k.st, &why)) != KR_OK)
		goto out;
	log_audit("%s: outbox id=%lld %s to=%s %s", who, (long long)id, c.kind,
	    c.rcpt, drop ? "dropped" : "queued again");
	printf("outbox id %lld %s\n", (long long)id, drop ? "dropped" :
	    "queued again (the daemon sends it at its next pass)");
	goto out;
rollback:
	store_rollback(x->k.st);
out:
	free(who);
	free(c.rcpt);
	free(c.kind);
	free(c.status);
	return r == KR_OK ? EX_OK : ctl_fail(r, why);
}

int
ctl_outbox_retry(struct ctl *x, char **argv)
{
	return outbox_act(x, argv[0], 0);
}

int
ctl_outbox_drop(struct ctl *x, char **argv)
{
	return outbox_act(x, argv[0], 1);
}
