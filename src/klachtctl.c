/*
 * klachtctl -- look into and administer klachtd's database.
 *
 *	klachtctl [-c file] [--json] list [--status S]
 *	klachtctl [-c file] [--json] show REF
 *	klachtctl [-c file] [--json] outbox [--status S]
 *	klachtctl [-c file] backup FILE
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "calendar.h"
#include "casestate.h"
#include "cfg.h"
#include "json.h"
#include "klacht.h"
#include "log.h"
#include "store.h"
#include "util.h"

static int	json;

static void
usage(FILE *f)
{
	fprintf(f,
"usage: klachtctl [-c file] [-s dir] [--json] command [args]\n"
"\n"
"commands:\n"
"  list [--status S]     cases, newest first\n"
"  show REF              one case: details, audit trail, messages, mail\n"
"  outbox [--status S]   outgoing mail (queued, sent, failed)\n"
"  backup FILE           online copy of the database to FILE\n"
"\n"
"options:\n"
"  -c, --config FILE     configuration file (default %s)\n"
"  -s, --state-dir DIR   state directory\n"
"  -j, --json            machine-readable output\n"
"  -h, --help            show this help\n"
"  -V, --version         show the version\n"
"\n"
"See klachtctl(8).\n", cfg_default_path());
}

static void
case_json(struct buf *b, const struct case_row *c)
{
	int	 first = 1;
	char	*rec = cal_format_iso(c->received_at);
	char	*due = cal_format_iso_date(c->due_at);

	buf_addc(b, '{');
	json_kv_str(b, &first, "reference", c->ref);
	json_kv_str(b, &first, "status", c->status);
	json_kv_str(b, &first, "category", c->category);
	json_kv_str(b, &first, "priority", c->priority);
	json_kv_str(b, &first, "assignee", c->assignee);
	json_kv_bool(b, &first, "confidential", c->confidential);
	json_kv_str(b, &first, "complainant_email", c->complainant_email);
	json_kv_str(b, &first, "complainant_name", c->complainant_name);
	json_kv_str(b, &first, "subject", c->subject);
	json_kv_str(b, &first, "language", c->language);
	json_kv_str(b, &first, "received", rec);
	json_kv_str(b, &first, "due", due);
	json_kv_bool(b, &first, "extended", c->extended);
	json_kv_str(b, &first, "judgement", c->judgement);
	buf_addc(b, '}');
	free(rec);
	free(due);
}

struct list_ctx {
	struct buf	b;
	int		n;
};

static int
list_cb(const struct case_row *c, void *arg)
{
	struct list_ctx	*l = arg;
	char		*due;

	if (json) {
		if (l->n++ > 0)
			buf_addc(&l->b, ',');
		case_json(&l->b, c);
		return 0;
	}
	due = cal_format_iso_date(c->due_at);
	if (l->n++ == 0)
		printf("%-15s %-13s %-10s %-30s %s\n", "REFERENCE", "STATUS",
		    "DUE", "COMPLAINANT", "SUBJECT");
	printf("%-15s %-13s %-10s %-30.30s %.60s\n", c->ref, c->status, due,
	    c->complainant_email, c->subject ? c->subject : "");
	free(due);
	return 0;
}

static int
cmd_list(struct klacht *k, const char *status)
{
	struct list_ctx	 l;
	char		*why = NULL;

	buf_init(&l.b);
	l.n = 0;
	if (json)
		buf_addc(&l.b, '[');
	if (store_case_foreach(k->st, status, list_cb, &l, &why) != KR_OK) {
		fprintf(stderr, "klachtctl: %s\n", why);
		free(why);
		buf_free(&l.b);
		return EX_TEMPFAIL;
	}
	if (json) {
		buf_adds(&l.b, "]\n");
		fputs(l.b.data, stdout);
	} else if (l.n == 0)
		printf("no cases\n");
	buf_free(&l.b);
	return EX_OK;
}

static int
event_cb(const struct event_row *e, void *arg)
{
	struct buf	*b = arg;
	char		*at = cal_format_iso(e->at);

	if (json) {
		int first = 1;
		if (b->data[b->len - 1] != '[')
			buf_addc(b, ',');
		buf_addc(b, '{');
		json_kv_str(b, &first, "at", at);
		json_kv_str(b, &first, "actor", e->actor);
		json_kv_str(b, &first, "kind", e->kind);
		json_kv_str(b, &first, "detail", e->detail);
		buf_addc(b, '}');
	} else
		printf("  %s  %-10s %-16s %s\n", at, e->actor, e->kind,
		    e->detail ? e->detail : "");
	free(at);
	return 0;
}

static int
msg_cb(const struct msg_row *m, void *arg)
{
	struct buf	*b = arg;
	char		*at = cal_format_iso(m->received_at);

	if (json) {
		int first = 1;
		if (b->data[b->len - 1] != '[')
			buf_addc(b, ',');
		buf_addc(b, '{');
		json_kv_str(b, &first, "received", at);
		json_kv_str(b, &first, "kind", m->kind);
		json_kv_str(b, &first, "source", m->source);
		json_kv_str(b, &first, "message_id", m->message_id);
		json_kv_str(b, &first, "from", m->from_addr);
		json_kv_str(b, &first, "subject", m->subject);
		json_kv_int(b, &first, "size", m->size);
		json_kv_str(b, &first, "body", m->body);
		buf_addc(b, '}');
	} else {
		printf("  --- %s %s from %s (%lld bytes)\n  Subject: %s\n\n",
		    at, m->kind, m->from_addr ? m->from_addr : "?",
		    (long long)m->size, m->subject ? m->subject : "");
		if (m->body != NULL) {
			const char *p = m->body, *nl;
			while (*p != '\0') {
				nl = strchr(p, '\n');
				int n = nl ? (int)(nl - p) : (int)strlen(p);
				printf("    %.*s\n", n, p);
				p += n + (nl != NULL);
			}
		}
		printf("\n");
	}
	free(at);
	return 0;
}

static int
outbox_cb(const struct outbox_row *o, void *arg)
{
	struct buf	*b = arg;
	char		*at = cal_format_iso(o->created_at);
	char		*next = cal_format_iso(o->next_attempt_at);

	if (json) {
		int first = 1;
		if (b->data[b->len - 1] != '[')
			buf_addc(b, ',');
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
		printf("%-6lld %-8s %-7s %3d  %-30.30s %s\n", (long long)o->id,
		    o->kind, o->status, o->attempts, o->rcpt,
		    o->subject ? o->subject : "");
		if (o->last_error != NULL && strcmp(o->status, "sent") != 0)
			printf("       last error: %s\n", o->last_error);
	}
	free(at);
	free(next);
	return 0;
}

static int
cmd_show(struct klacht *k, const char *ref)
{
	struct case_row	 c;
	struct buf	 b;
	char		*why = NULL, *rec, *due;
	enum kres	 r;
	int		 first = 1;

	r = store_case_get_ref(k->st, ref, &c, &why);
	if (r != KR_OK) {
		fprintf(stderr, "klachtctl: %s\n", why);
		free(why);
		return r == KR_INVALID ? EX_NOINPUT : EX_TEMPFAIL;
	}
	buf_init(&b);
	if (json) {
		buf_adds(&b, "{\"case\":");
		case_json(&b, &c);
		buf_adds(&b, ",\"events\":[");
	} else {
		rec = cal_format_iso(c.received_at);
		due = cal_format_iso_date(c.due_at);
		printf("Case %s\n  Status:      %s (%s)\n  Complainant: %s%s%s%s\n"
		    "  Subject:     %s\n  Received:    %s\n  Due:         %s%s\n"
		    "  Category:    %s\n  Priority:    %s\n  Assignee:    %s\n",
		    c.ref, c.status, case_state_label(case_state_parse(c.status),
		    "en"), c.complainant_name ? c.complainant_name : "",
		    c.complainant_name ? " <" : "", c.complainant_email,
		    c.complainant_name ? ">" : "", c.subject ? c.subject : "",
		    rec, due, c.extended ? " (extended)" : "",
		    c.category ? c.category : "-", c.priority,
		    c.assignee ? c.assignee : "-");
		if (c.judgement)
			printf("  Judgement:   %s\n", c.judgement);
		printf("\nAudit trail:\n");
		free(rec);
		free(due);
		buf_addc(&b, ' ');
	}
	(void)first;
	r = store_event_foreach(k->st, c.id, event_cb, &b, &why);
	if (r == KR_OK) {
		if (json)
			buf_adds(&b, "],\"messages\":[");
		else
			printf("\nMessages:\n");
		r = store_msg_foreach(k->st, c.id, msg_cb, &b, &why);
	}
	if (r == KR_OK) {
		if (json)
			buf_adds(&b, "],\"outgoing\":[");
		else
			printf("Outgoing mail:\n");
		r = store_outbox_foreach(k->st, NULL, c.id, outbox_cb, &b, &why);
	}
	case_row_free(&c);
	if (r != KR_OK) {
		fprintf(stderr, "klachtctl: %s\n", why);
		free(why);
		buf_free(&b);
		return EX_TEMPFAIL;
	}
	if (json) {
		buf_adds(&b, "]}\n");
		fputs(b.data, stdout);
	}
	buf_free(&b);
	return EX_OK;
}

static int
cmd_outbox(struct klacht *k, const char *status)
{
	struct buf	 b;
	char		*why = NULL;

	buf_init(&b);
	buf_addc(&b, json ? '[' : ' ');
	if (!json)
		printf("%-6s %-8s %-7s %3s  %-30s %s\n", "ID", "KIND", "STATUS",
		    "TRY", "TO", "SUBJECT");
	if (store_outbox_foreach(k->st, status, 0, outbox_cb, &b, &why) !=
	    KR_OK) {
		fprintf(stderr, "klachtctl: %s\n", why);
		free(why);
		buf_free(&b);
		return EX_TEMPFAIL;
	}
	if (json) {
		buf_adds(&b, "]\n");
		fputs(b.data, stdout);
	}
	buf_free(&b);
	return EX_OK;
}

static int
cmd_backup(struct klacht *k, const char *path)
{
	char	*why = NULL;

	if (store_backup(k->st, path, &why) != KR_OK) {
		fprintf(stderr, "klachtctl: %s\n", why);
		free(why);
		return EX_CANTCREAT;
	}
	printf("backup written to %s\n", path);
	return EX_OK;
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "state-dir", required_argument, NULL, 's' },
		{ "json", no_argument, NULL, 'j' },
		{ "status", required_argument, NULL, 'S' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct klacht	 k;
	const char	*path = cfg_default_path(), *state_dir = NULL;
	const char	*status = NULL, *cmd;
	char		*why = NULL;
	int		 ch, explicit = 0, ex;

	while ((ch = getopt_long(argc, argv, "+c:s:jhV", longopts, NULL)) !=
	    -1) {
		switch (ch) {
		case 'c':
			path = optarg;
			explicit = 1;
			break;
		case 's':
			state_dir = optarg;
			break;
		case 'j':
			json = 1;
			break;
		case 'S':
			status = optarg;
			break;
		case 'h':
			usage(stdout);
			return EX_OK;
		case 'V':
			printf("klachtctl %s\n", PACKAGE_VERSION);
			return EX_OK;
		default:
			usage(stderr);
			return EX_USAGE;
		}
	}
	if (optind >= argc) {
		usage(stderr);
		return EX_USAGE;
	}
	cmd = argv[optind++];
	/* Options may also follow the command: "list --json". */
	while ((ch = getopt_long(argc, argv, "jS:", longopts, NULL)) != -1) {
		if (ch == 'j')
			json = 1;
		else if (ch == 'S')
			status = optarg;
		else {
			usage(stderr);
			return EX_USAGE;
		}
	}
	log_init("klachtctl", 0, LOG_LVL_NOTICE);

	if (!explicit && access(path, F_OK) == -1 && errno == ENOENT)
		path = NULL;
	memset(&k, 0, sizeof k);
	if ((k.cfg = cfg_load(path, state_dir, &why)) == NULL) {
		fprintf(stderr, "%s\n", why);
		free(why);
		return EX_CONFIG;
	}
	if (access(k.cfg->database, F_OK) == -1) {
		fprintf(stderr, "klachtctl: no database at %s (has klachtd "
		    "run yet?)\n", k.cfg->database);
		cfg_free(k.cfg);
		return EX_NOINPUT;
	}
	if ((k.st = store_open(k.cfg->database, (int)k.cfg->busy_timeout_ms,
	    &why)) == NULL) {
		fprintf(stderr, "klachtctl: %s\n", why);
		free(why);
		cfg_free(k.cfg);
		return EX_TEMPFAIL;
	}
	if (strcmp(cmd, "list") == 0 && optind == argc)
		ex = cmd_list(&k, status);
	else if (strcmp(cmd, "show") == 0 && optind + 1 == argc)
		ex = cmd_show(&k, argv[optind]);
	else if (strcmp(cmd, "outbox") == 0 && optind == argc)
		ex = cmd_outbox(&k, status);
	else if (strcmp(cmd, "backup") == 0 && optind + 1 == argc)
		ex = cmd_backup(&k, argv[optind]);
	else {
		fprintf(stderr, "klachtctl: unknown command or wrong arguments: "
		    "%s\n", cmd);
		usage(stderr);
		ex = EX_USAGE;
	}
	store_close(k.st);
	cfg_free(k.cfg);
	return ex;
}
