/*
 * klachtd -- the complaint-handling daemon, and its MTA pipe entry.
 *
 *	klachtd [-c file] [-v] [--once]	run the jobs (loop, or one pass)
 *	klachtd [-c file] deliver	take one message on stdin (MTA pipe)
 *	klachtd [-c file] -n		check the configuration
 *
 * Exit codes follow sysexits(3): an MTA retries 75 (EX_TEMPFAIL) and
 * bounces most others, so anything that might work later is 75.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <time.h>
#include <unistd.h>

#include "calendar.h"
#include "cfg.h"
#include "intake.h"
#include "jobs.h"
#include "klacht.h"
#include "log.h"
#include "mail.h"
#include "store.h"
#include "template.h"
#include "util.h"

static volatile sig_atomic_t	got_stop;
static volatile int		stop_flag;

static void
on_signal(int sig)
{
	(void)sig;
	got_stop = 1;
	stop_flag = 1;
}

static void
usage(FILE *f)
{
	fprintf(f,
"usage: klachtd [-c file] [-s dir] [-v] [--once]\n"
"       klachtd [-c file] [-s dir] deliver < message\n"
"       klachtd [-c file] -n\n"
"\n"
"Email-driven complaint handling (Awb hoofdstuk 9, Wkkgz).\n"
"\n"
"  -c, --config FILE     configuration file (default %s;\n"
"                        without it, built-in defaults are used)\n"
"  -s, --state-dir DIR   state directory (database, default Maildirs)\n"
"  -n, --check-config    check the configuration and templates, then exit\n"
"      --once            run every job once (intake, outbox) and exit\n"
"  -v, --verbose         more detail; twice shows SMTP/IMAP transcripts\n"
"      --syslog          log to syslog instead of standard error\n"
"  -h, --help            show this help\n"
"  -V, --version         show the version\n"
"\n"
"  deliver               read one message on standard input and file it;\n"
"                        exit 0 once committed, 75 to make the MTA retry\n"
"\n"
"See klachtd(8) and klachtd.conf(5).\n", cfg_default_path());
}

/* Loads the configuration; exits 78 with every problem listed. */
static struct cfg *
load_config(const char *path, int explicit, const char *state_dir)
{
	struct cfg	*cfg;
	char		*why = NULL;

	if (!explicit && access(path, F_OK) == -1 && errno == ENOENT) {
		log_notice("no %s: using built-in defaults", path);
		path = NULL;
	}
	if ((cfg = cfg_load(path, state_dir, &why)) == NULL) {
		fprintf(stderr, "%s\n", why);
		free(why);
		exit(EX_CONFIG);
	}
	return cfg;
}

/* Beyond the file itself: templates render, secrets are readable. */
static int
check_deep(const struct cfg *cfg)
{
	static const char *langs[] = { "nl", "en" };
	static const char *names[] = { "ack" };
	struct tmpl_var	 vars[] = {
		{ "reference", "KL-2000-00001" }, { "name", "x" },
		{ "email", "x@example.org" }, { "subject", "x" },
		{ "received_date", "1 januari 2000" },
		{ "due_date", "12 februari 2000" }, { "status", "x" },
		{ "organisation", "x" }, { "address", "x@example.org" },
		{ "attachments_not_stored", "" }, { "term", "6 weken" },
	};
	struct tmpl_out	 t;
	char		*why = NULL, *s;
	size_t		 i, j;
	int		 bad = 0;

	for (i = 0; i < 2; i++)
		for (j = 0; j < sizeof names / sizeof names[0]; j++) {
			if (tmpl_render_file(cfg->templates, langs[i], names[j],
			    vars, sizeof vars / sizeof vars[0], &t, &why) == -1) {
				fprintf(stderr, "%s\n", why);
				free(why);
				why = NULL;
				bad = 1;
			} else
				tmpl_out_free(&t);
		}
	if (cfg->outgoing == CFG_OUT_SMTP && cfg->smtp.password_file != NULL) {
		if ((s = file_read_secret(cfg->smtp.password_file, &why)) ==
		    NULL) {
			fprintf(stderr, "outgoing.smtp.password_file: %s\n",
			    why);
			free(why);
			why = NULL;
			bad = 1;
		} else {
			explicit_bzero(s, strlen(s));
			free(s);
		}
	}
	if (cfg->intake == CFG_INTAKE_IMAP && cfg->imap.password_file != NULL) {
		if ((s = file_read_secret(cfg->imap.password_file, &why)) ==
		    NULL) {
			fprintf(stderr, "intake.imap.password_file: %s\n", why);
			free(why);
			why = NULL;
			bad = 1;
		} else {
			explicit_bzero(s, strlen(s));
			free(s);
		}
	}
	return bad ? -1 : 0;
}

static int
open_state(struct klacht *k)
{
	char		*why = NULL;

	umask(077);
	if (mkdir_p(k->cfg->state_dir, 0700, &why) == -1) {
		log_err("state directory: %s", why);
		free(why);
		return EX_TEMPFAIL;
	}
	k->st = store_open(k->cfg->database, (int)k->cfg->busy_timeout_ms,
	    &why);
	if (k->st == NULL) {
		log_err("%s", why);
		free(why);
		return EX_TEMPFAIL;
	}
	return 0;
}

static int
do_deliver(struct klacht *k)
{
	struct intake_result	 res;
	char			*raw, *why = NULL;
	size_t			 len;
	enum kres		 r;
	int			 ex;

	/* A full disk or a file size limit must be an error we can answer
	 * with EX_TEMPFAIL, not a signal that kills us. */
	signal(SIGXFSZ, SIG_IGN);
	signal(SIGPIPE, SIG_IGN);
	raw = fd_read_all(STDIN_FILENO, k->cfg->max_message_size, &len, &why);
	if (raw == NULL) {
		int tooBig = errno == EFBIG;
		log_err("deliver: %s", why);
		free(why);
		return tooBig ? EX_DATAERR : EX_TEMPFAIL;
	}
	if (len == 0) {
		log_err("deliver: no message on standard input");
		free(raw);
		return EX_NOINPUT;
	}
	if ((ex = open_state(k)) != 0) {
		free(raw);
		return ex;
	}
	r = intake_message(k, "pipe", NULL, raw, len, &res, &why);
	free(raw);
	if (r != KR_OK) {
		log_err("deliver: %s failure, the MTA should retry: %s",
		    kres_name(r), why);
		free(why);
		return EX_TEMPFAIL;
	}
	return EX_OK;
}

static int
do_run(struct klacht *k, int once, int trace)
{
	struct sigaction	 sa;
	struct jobs		 j;
	int64_t			 wait;
	int			 ex;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	signal(SIGXFSZ, SIG_IGN);

	if ((ex = open_state(k)) != 0)
		return ex;
	memset(&j, 0, sizeof j);
	j.trace = trace;
	if (once) {
		int bad = jobs_intake(k, &j, &stop_flag) == -1;
		if (!stop_flag && jobs_outbox(k, &j, &stop_flag) == -1)
			bad = 1;
		return bad ? EX_TEMPFAIL : EX_OK;
	}
	log_info("started: intake %s, outgoing %s, database %s",
	    k->cfg->intake == CFG_INTAKE_IMAP ? k->cfg->imap.url :
	    k->cfg->intake_maildir, k->cfg->outgoing == CFG_OUT_SMTP ?
	    k->cfg->smtp.url : k->cfg->out_maildir, k->cfg->database);
	while (!got_stop) {
		wait = jobs_tick(k, &j, cal_now(), &stop_flag);
		if (wait > 1)
			wait = 1;	/* a short tick keeps shutdown quick */
		if (!got_stop && wait > 0) {
			struct timespec ts = { (time_t)wait, 0 };
			nanosleep(&ts, NULL);
		}
	}
	log_info("stopping on signal");
	return EX_OK;
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "state-dir", required_argument, NULL, 's' },
		{ "check-config", no_argument, NULL, 'n' },
		{ "once", no_argument, NULL, '1' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "syslog", no_argument, NULL, 'S' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct klacht	 k;
	const char	*path = cfg_default_path(), *state_dir = NULL;
	int		 ch, explicit = 0, check = 0, once = 0, verbose = 0;
	int		 use_syslog = 0, ex;

	while ((ch = getopt_long(argc, argv, "c:s:n1vhV", longopts, NULL)) !=
	    -1) {
		switch (ch) {
		case 'c':
			path = optarg;
			explicit = 1;
			break;
		case 's':
			state_dir = optarg;
			break;
		case 'n':
			check = 1;
			break;
		case '1':
			once = 1;
			break;
		case 'v':
			verbose++;
			break;
		case 'S':
			use_syslog = 1;
			break;
		case 'h':
			usage(stdout);
			return EX_OK;
		case 'V':
			printf("klachtd %s\n", PACKAGE_VERSION);
			return EX_OK;
		default:
			usage(stderr);
			return EX_USAGE;
		}
	}
	argc -= optind;
	argv += optind;
	if (argc > 1 || (argc == 1 && strcmp(argv[0], "deliver") != 0)) {
		fprintf(stderr, "klachtd: unknown command \"%s\"\n", argv[0]);
		usage(stderr);
		return EX_USAGE;
	}
	log_init("klachtd", use_syslog, verbose ? LOG_LVL_DEBUG :
	    LOG_LVL_INFO);

	memset(&k, 0, sizeof k);
	k.cfg = load_config(path, explicit, state_dir);
	if (check) {
		if (check_deep(k.cfg) == -1) {
			cfg_free(k.cfg);
			return EX_CONFIG;
		}
		printf("%s: configuration OK\n", k.cfg->path ? k.cfg->path :
		    "(built-in defaults)");
		cfg_free(k.cfg);
		return EX_OK;
	}
	mail_init();
	if (argc == 1)
		ex = do_deliver(&k);
	else
		ex = do_run(&k, once, verbose > 1);
	store_close(k.st);
	cfg_free(k.cfg);
	return ex;
}
