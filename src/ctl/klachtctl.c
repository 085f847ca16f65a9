/*
 * klachtctl -- look into and administer klachtd's database.
 *
 *	klachtctl [-c file] [--json] list [--status S] [--assignee ID]
 *	    [--category ID] [--search WORDS]
 *	klachtctl [-c file] [--json] show REF
 *	klachtctl [-c file] [--json] outbox [--status S]
 *	klachtctl [-c file] outbox retry|drop ID
 *	klachtctl [-c file] [--json] quarantine [list] [--status held|released]
 *	klachtctl [-c file] quarantine show|release ID
 *	klachtctl [-c file] quarantine drop ID --force
 *	klachtctl [-c file] backup FILE
 *	klachtctl [-c file] letter REF [N] > FILE.pdf		(ctl_letter.c)
 *	klachtctl [-c file] attachment REF N > FILE	(ctl_attachment.c)
 *	klachtctl [-c file] address REF TEXT [PHONE]		(ctl_cases.c)
 *	klachtctl [-c file] new --channel C [--name N] [--email A]
 *	    [--address 'L; L'] [--phone P] [--received D] [--category C]
 *	    [--subject S] [--text FILE] [--attach FILE]...	(ctl_new.c)
 *	klachtctl [-c file] report [--register] [--year Y | --from D --to D]
 *	    [--category C] [--format text|csv|json|html]	(ctl_report.c)
 *	klachtctl [-c file] [--json] purge [--dry-run]		(ctl_admin.c)
 *	klachtctl [-c file] export --email ADDR --dir DIR	(ctl_admin.c)
 *	klachtctl [-c file] [--json] measures [--open|--late|--done]
 *	klachtctl [-c file] [--json] measure M-YYYY-NNNN	(ctl_measures.c)
 *
 * This file is the main: options, the command table and the dispatch.
 * Commands are rows of one table (name, optional sub-command, number of
 * arguments, function, help line): adding a command is adding a row and
 * its function in the file of its group (src/ctl/ctl_*.c, declared in
 * ctl.h); options are parsed wherever they appear into one struct
 * ctl_opts that every command reads.  Every change an administrator makes
 * is committed together with its audit event and logged with log_audit().
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "cfg.h"
#include "klacht.h"
#include "log.h"
#include "mail.h"
#include "privdrop.h"
#include "store.h"
#include "util.h"
#include "wake.h"

#include "ctl.h"

struct ctl_cmd {
	const char	*name;
	const char	*sub;		/* NULL: none */
	int		 nargs;		/* exact number of arguments */
	int		 flags;
#define CMD_MAIL	0x1		/* parses mail: needs mail_init() */
#define CMD_OPTARG	0x2		/* one more argument may follow */
#define CMD_WAKE	0x4		/* may queue mail: wake the daemon */
	int		(*fn)(struct ctl *, char **argv);
	const char	*synopsis;	/* for usage */
	const char	*help;
};

/* ------------------------------------------------------------- dispatch */

static const struct ctl_cmd commands[] = {
	{ "list", NULL, 0, 0, ctl_cases_list, "list [--status S] [--wide]",
	    "cases, newest first" },
	{ "list", NULL, 0, 0, ctl_cases_list,
	    "list [--assignee ID] [--category ID]", "only the cases of an "
	    "officer, of a category" },
	{ "list", NULL, 0, 0, ctl_cases_list, "list --search WORDS",
	    "cases holding every word (reference, name, address, subject, "
	    "text)" },
	{ "show", NULL, 1, 0, ctl_cases_show, "show REF",
	    "one case: details, audit trail, messages, mail" },
	{ "outbox", NULL, 0, 0, ctl_outbox_list, "outbox [--status S]",
	    "outgoing mail (queued, sent, failed, dropped), with last error" },
	{ "outbox", "retry", 1, CMD_WAKE, ctl_outbox_retry, "outbox retry ID",
	    "queue failed mail again, due now" },
	{ "outbox", "drop", 1, 0, ctl_outbox_drop, "outbox drop ID",
	    "give up on failed or queued mail (kept, noted on the case)" },
	{ "quarantine", NULL, 0, 0, ctl_quarantine_list, NULL, NULL },
	{ "quarantine", "list", 0, 0, ctl_quarantine_list,
	    "quarantine list [--status held|released]",
	    "messages intake could not handle" },
	{ "quarantine", "show", 1, 0, ctl_quarantine_show,
	    "quarantine show ID", "the raw message on standard output" },
	{ "quarantine", "release", 1, CMD_MAIL | CMD_WAKE,
	    ctl_quarantine_release,
	    "quarantine release ID", "hand the message to intake again" },
	{ "quarantine", "drop", 1, 0, ctl_quarantine_drop,
	    "quarantine drop ID --force", "delete the message (logged)" },
	{ "letter", NULL, 1, CMD_MAIL | CMD_OPTARG, ctl_letter_cmd,
	    "letter REF [N] > FILE.pdf", "a letter to the complainant as PDF "
	    "(N from 1; default the latest)" },
	{ "attachment", NULL, 2, 0, ctl_attachment_cmd,
	    "attachment REF N > FILE", "attachment N of a case (as show "
	    "lists them), byte for byte" },
	{ "address", NULL, 2, CMD_OPTARG, ctl_cases_address,
	    "address REF 'LINE; LINE' [PHONE]", "record the complainant's "
	    "postal address (and phone) for letters" },
	{ "new", NULL, 0, CMD_MAIL | CMD_WAKE, ctl_new_cmd,
	    "new --channel C [--email A | --address 'L; L'] ...",
	    "register a complaint made by phone, at the counter, by letter "
	    "or web form (text on stdin or --text)" },
	{ "backup", NULL, 1, 0, ctl_admin_backup, "backup FILE",
	    "online copy of the database to FILE" },
	{ "report", NULL, 0, 0, ctl_report_cmd,
	    "report [--year Y] [--format F]", "figures: received, decided, "
	    "on time, judgements, trends" },
	{ "report", NULL, 0, 0, ctl_report_cmd, "report --register --year Y",
	    "the yearly register, no personal data (Awb 9:12a)" },
	{ "purge", NULL, 0, 0, ctl_admin_purge, "purge [--dry-run]",
	    "anonymise closed cases past their retention term" },
	{ "export", NULL, 0, 0, ctl_admin_export,
	    "export --email ADDR --dir DIR",
	    "everything stored about one person (AVG art. 15)" },
	{ "measures", NULL, 0, 0, ctl_measures_list,
	    "measures [--open|--late|--done]", "improvement measures: owner, "
	    "due day, status, cases, departments, causes" },
	{ "measure", NULL, 1, 0, ctl_measures_show, "measure M-YYYY-NNNN",
	    "one improvement measure with its history" },
};
#define NCOMMANDS (sizeof commands / sizeof commands[0])

static void
usage(FILE *f)
{
	size_t	i;

	fprintf(f, "usage: klachtctl [-c file] [-s dir] [--json] command "
	    "[args]\n\ncommands:\n");
	for (i = 0; i < NCOMMANDS; i++)
		if (commands[i].synopsis != NULL)
			fprintf(f, "  %-41s %s\n", commands[i].synopsis,
			    commands[i].help);
	fprintf(f,
"\n"
"options:\n"
"  -c, --config FILE     configuration file (default %s)\n"
"  -s, --state-dir DIR   state directory\n"
"  -j, --json            machine-readable output\n"
"      --status S        only rows with this status; for list: a case\n"
"                        state in Dutch or English (in behandeling,\n"
"                        in-progress, waiting, ...) or open (not yet\n"
"                        decided or closed)\n"
"      --assignee ID     list: only cases assigned to this officer\n"
"      --category ID     list: only cases of this category\n"
"      --search WORDS    list: only cases in which every word occurs\n"
"                        (reference, complainant's name or address,\n"
"                        subject, text of the complaint and replies);\n"
"                        newest received first\n"
"  -w, --wide            never cut a column (else a cut value ends in an\n"
"                        ellipsis)\n"
"  -f, --force           confirm a destructive command\n"
CTL_REPORT_USAGE
CTL_NEW_USAGE
"      --open, --late, --done\n"
"                        measures: only open ones, open ones past their\n"
"                        due day, done ones\n"
"  -h, --help            show this help\n"
"  -V, --version         show the version\n"
"\n"
"Exit codes: 0 done, 64 usage, 65 message still not valid, 66 no such\n"
"row, 75 database busy (try again), 78 configuration.\n"
"See klachtctl(8).\n", cfg_default_path());
}

/* The command for args: a row whose sub-command is args[1], else the
 * row without one.  *nsub gets how many words named it. */
static const struct ctl_cmd *
find_command(int argc, char **argv, int *nsub)
{
	size_t	i;

	for (i = 0; argc > 1 && i < NCOMMANDS; i++)
		if (commands[i].sub != NULL &&
		    strcmp(commands[i].name, argv[0]) == 0 &&
		    strcmp(commands[i].sub, argv[1]) == 0) {
			*nsub = 2;
			return &commands[i];
		}
	for (i = 0; i < NCOMMANDS; i++)
		if (commands[i].sub == NULL &&
		    strcmp(commands[i].name, argv[0]) == 0) {
			*nsub = 1;
			return &commands[i];
		}
	return NULL;
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "state-dir", required_argument, NULL, 's' },
		{ "json", no_argument, NULL, 'j' },
		{ "status", required_argument, NULL, 'S' },
		{ "assignee", required_argument, NULL, 'A' },
		{ "category", required_argument, NULL, 'C' },
		{ "search", required_argument, NULL, 'Q' },
		{ "force", no_argument, NULL, 'f' },
		{ "wide", no_argument, NULL, 'w' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		CTL_REPORT_LONGOPTS,
		CTL_NEW_LONGOPTS,
		{ "open", no_argument, NULL, 'O' },
		{ "late", no_argument, NULL, 'L' },
		{ "done", no_argument, NULL, 'D' },
		{ NULL, 0, NULL, 0 }
	};
	const struct ctl_cmd	*cmd;
	struct ctl		 x;
	const char		*path = cfg_default_path(), *state_dir = NULL;
	char			*why = NULL;
	int			 ch, explicit = 0, ex, nsub = 0;
	uid_t			 uid;

	memset(&x, 0, sizeof x);
	/* Options may come anywhere: "list --json", "--json list". */
	while ((ch = getopt_long(argc, argv, "c:s:jfwhV", longopts, NULL)) !=
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
			x.o.json = 1;
			break;
		case 'S':
			x.o.status = optarg;
			break;
		case 'A':
			x.o.assignee = optarg;
			break;
		case 'C':
			/* One --category for list, report and new. */
			x.o.category = optarg;
			ctl_report_option(&x.o.report, CTL_RO_CATEGORY,
			    optarg);
			break;
		case 'Q':
			x.o.search = optarg;
			break;
		case 'f':
			x.o.force = 1;
			break;
		case 'w':
			x.o.wide = ctl_wide = 1;
			break;
		case 'h':
			usage(stdout);
			return EX_OK;
		case 'V':
			printf("klachtctl %s\n", PACKAGE_VERSION);
			return EX_OK;
		case 'O':
			x.o.measures = "open";
			break;
		case 'L':
			x.o.measures = "late";
			break;
		case 'D':
			x.o.measures = "done";
			break;
		default:
			if (ctl_report_option(&x.o.report, ch, optarg) == 0 ||
			    ctl_new_option(&x.o.reg, ch, optarg) == 0)
				break;
			usage(stderr);
			return EX_USAGE;
		}
	}
	ctl_json = x.o.json;
	argc -= optind;
	argv += optind;
	if (argc < 1) {
		usage(stderr);
		return EX_USAGE;
	}
	if ((cmd = find_command(argc, argv, &nsub)) == NULL ||
	    (argc - nsub != cmd->nargs && !((cmd->flags & CMD_OPTARG) &&
	    argc - nsub == cmd->nargs + 1))) {
		fprintf(stderr, "klachtctl: %s: %s\n", cmd == NULL ?
		    "unknown command" : "wrong number of arguments", argv[0]);
		usage(stderr);
		return EX_USAGE;
	}
	log_init("klachtctl", 0, LOG_LVL_NOTICE);

	if (!explicit && access(path, F_OK) == -1 && errno == ENOENT)
		path = NULL;
	if ((x.k.cfg = cfg_load(path, state_dir, &why)) == NULL) {
		fprintf(stderr, "%s\n", why);
		free(why);
		return EX_CONFIG;
	}
	cfg_apply_timezone(x.k.cfg);
	/* As root on the klachtd user's state: become that user, so no file
	 * there (the database's -wal, -shm) ends up root's (privdrop.h). */
	if (privdrop_state_owner(x.k.cfg->state_dir, x.k.cfg->database, &uid,
	    &why) == -1) {
		fprintf(stderr, "klachtctl: %s\n", why);
		free(why);
		cfg_free(x.k.cfg);
		return EX_NOPERM;
	}
	if (access(x.k.cfg->database, F_OK) == -1) {
		fprintf(stderr, "klachtctl: no database at %s (has klachtd "
		    "run yet?)\n", x.k.cfg->database);
		cfg_free(x.k.cfg);
		return EX_NOINPUT;
	}
	if ((x.k.st = store_open(x.k.cfg->database,
	    (int)x.k.cfg->busy_timeout_ms, &why)) == NULL) {
		fprintf(stderr, "klachtctl: %s\n", why);
		free(why);
		cfg_free(x.k.cfg);
		return EX_TEMPFAIL;
	}
	if (cmd->flags & CMD_MAIL)
		mail_init();
	ex = cmd->fn(&x, argv + nsub);
	/* What it queued goes out now, not at the daemon's next poll or,
	 * when it rests, at the end of the rest (rest.h). */
	if (ex == EX_OK && (cmd->flags & CMD_WAKE))
		wake_send(x.k.cfg->state_dir);
	klacht_key_drop(&x.k);
	store_close(x.k.st);
	cfg_free(x.k.cfg);
	return ex;
}
