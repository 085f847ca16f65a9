/*
 * fuzz_officer.c -- libFuzzer over the officer's side: every input is the
 * body of an authenticated officer reply, handed to intake_message() as
 * `klachtd deliver` would, so the command parser, the state checks and
 * every command's handler run with their letters, events and the
 * confirmation or error mail, against a real store and the shipped
 * templates.  fuzz_intake cannot reach this: a random mail carries no
 * valid reply token.
 *
 * The first byte of an input picks who writes and about what: anna (all
 * categories), bob (afval; an approver) or carla (the confidential
 * category), each with the reply token of case 1 or case 2, or with
 * their personal token (desk commands: #nieuw, #overzicht, #zoek ...).
 * The rest is the body.  Two complaints are taken in when the store is
 * made anew, every RESET_EVERY inputs; in between the cases keep what
 * the inputs did to them, so commands meet cases in every state.
 *
 * After each input: intake must have committed it (KR_OK: an officer's
 * mail is never refused for what it says) as an officer's mail on the
 * case, or desk mail, and both cases must be in a known state.  Seeds: fuzz/corpus/fuzz_officer/.
 *
 *   ./fuzz/fuzz_officer -max_len=4096 CORPUS_DIR fuzz/corpus/fuzz_officer
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "casestate.h"
#include "cfg.h"
#include "intake.h"
#include "klacht.h"
#include "log.h"
#include "mail.h"
#include "officer.h"
#include "store.h"
#include "store_int.h"	/* only to make the throw-away database fast */
#include "util.h"

#ifndef KL_TOP_SRCDIR
#define KL_TOP_SRCDIR "."
#endif
#define RESET_EVERY	300

int	LLVMFuzzerInitialize(int *, char ***);
int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const struct {
	const char	*id, *name, *email;
} fuzz_officers[] = {
	{ "anna", "Anna de Vries", "anna@gemeente.example" },
	{ "bob", "Bob Jansen", "bob@gemeente.example" },
	{ "carla", "Carla Smit", "carla@gemeente.example" },
};
#define NOFFICERS	(sizeof fuzz_officers / sizeof fuzz_officers[0])

static const char *const fuzz_complaints[] = {
	"From: Jan de Boer <jan.deboer@example.net>\r\n"
	"To: klachten@testdorp.example\r\n"
	"Subject: Container al drie weken niet geleegd\r\n"
	"Date: Mon, 2 Nov 2026 09:00:00 +0100\r\n"
	"Message-ID: <fuzz-officer-1@example.net>\r\n"
	"Content-Type: text/plain; charset=utf-8\r\n\r\n"
	"Geachte heer, mevrouw,\r\n\r\nDe container in de Dorpsstraat is al "
	"drie weken niet geleegd.\r\n\r\nJan de Boer\r\n06-12345678\r\n",
	"From: Piet Bakker <piet@example.org>\r\n"
	"To: klachten@testdorp.example\r\n"
	"Subject: Complaint about parking fine\r\n"
	"Date: Tue, 3 Nov 2026 10:00:00 +0100\r\n"
	"Message-ID: <fuzz-officer-2@example.org>\r\n"
	"Content-Type: text/plain; charset=utf-8\r\n\r\n"
	"Dear Sir or Madam,\r\n\r\nI was fined although I had a permit.\r\n"
	"\r\nPiet Bakker\r\n",
};
#define NCASES	(sizeof fuzz_complaints / sizeof fuzz_complaints[0])

static struct klacht		 k;
static const struct officer_key	*key;
static char			 dir[] = "/tmp/fuzz_officer.XXXXXX";
static char			*conf_path, *db_path;
static char			*refs[NCASES];
static int64_t			 ids[NCASES];
static unsigned long		 runs;

static void
die(const char *what, const char *why)
{
	fprintf(stderr, "fuzz_officer: %s: %s\n", what, why ? why : "?");
	abort();
}

static void
remove_db(void)
{
	static const char *const sfx[] = { "", "-wal", "-shm" };
	char *p;

	for (size_t i = 0; i < sizeof sfx / sizeof sfx[0]; i++) {
		p = xasprintf("%s%s", db_path, sfx[i]);
		unlink(p);
		free(p);
	}
}

/* A new store with the two complaints in it, cases 1 and 2. */
static void
reset_store(void)
{
	struct intake_result	 res;
	struct case_row		 c;
	char			*why = NULL;

	if (k.st != NULL)
		store_close(k.st);
	remove_db();
	if ((k.st = store_open(db_path, 1000, &why)) == NULL)
		die("store", why);
	/* A throw-away database: no fsync. */
	sqlite3_exec(k.st->db, "PRAGMA synchronous = OFF", NULL, NULL, NULL);
	/* A page cache that does not grow with the database: libFuzzer runs
	 * a leak check after every input that allocated more than it freed,
	 * which the cache filling up made every input do. */
	sqlite3_exec(k.st->db, "PRAGMA cache_size = 16", NULL, NULL, NULL);
	for (size_t i = 0; i < NCASES; i++) {
		if (intake_message(&k, "fuzz", NULL, fuzz_complaints[i],
		    strlen(fuzz_complaints[i]), &res, &why) != KR_OK ||
		    res.action != IA_NEW_CASE)
			die("a complaint was not taken in", why);
		ids[i] = res.case_id;
		if (store_case_get(k.st, ids[i], &c, &why) != KR_OK)
			die("case", why);
		free(refs[i]);
		refs[i] = xstrdup(c.ref);
		case_row_free(&c);
	}
}

static void
cleanup(void)
{
	char *p;

	if (k.st != NULL)
		store_close(k.st);
	k.st = NULL;
	klacht_key_drop(&k);
	remove_db();
	unlink(conf_path);
	p = xasprintf("%s/auth.key", dir);
	unlink(p);
	free(p);
	rmdir(dir);
	cfg_free(k.cfg);
	k.cfg = NULL;
	free(conf_path);
	free(db_path);
	for (size_t i = 0; i < NCASES; i++)
		free(refs[i]);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char	*src = getenv("top_srcdir");
	char		*why = NULL;
	FILE		*f;

	(void)argc;
	(void)argv;
	if (mkdtemp(dir) == NULL) {
		perror("mkdtemp");
		abort();
	}
	conf_path = xasprintf("%s/klachtd.conf", dir);
	if ((f = fopen(conf_path, "w")) == NULL)
		die(conf_path, "cannot write");
	fprintf(f,
	    "organisation = { name = \"Gemeente Testdorp\"; "
	    "address = \"klachten@testdorp.example\"; };\n"
	    "state_dir = \"%s\";\n"
	    "templates = \"%s/etc/templates\";\n"
	    "categories = (\n"
	    "  { id = \"afval\"; name = \"Afval\"; approvers = [ \"anna\", "
	    "\"bob\" ]; },\n"
	    "  { id = \"parkeren\"; name = \"Parkeren\"; },\n"
	    "  { id = \"gedrag\"; name = \"Grensoverschrijdend gedrag\"; "
	    "confidential = true; }\n);\n"
	    "officers = (\n", dir, src != NULL ? src : KL_TOP_SRCDIR);
	for (size_t i = 0; i < NOFFICERS; i++)
		fprintf(f, "  { id = \"%s\"; name = \"%s\"; email = \"%s\";%s "
		    "}%s\n", fuzz_officers[i].id, fuzz_officers[i].name,
		    fuzz_officers[i].email, i == 1 ?
		    " categories = [ \"afval\" ];" : i == 2 ?
		    " categories = [ \"gedrag\" ];" : "",
		    i + 1 < NOFFICERS ? "," : "");
	fprintf(f, ");\n");
	if (fclose(f) != 0)
		die(conf_path, "cannot write");
	if ((k.cfg = cfg_load(conf_path, NULL, &why)) == NULL)
		die("configuration", why);
	db_path = xasprintf("%s/klachtd.db", dir);
	/* Errors only: a line per input would drown the fuzzer's output. */
	log_init("fuzz_officer", 0, getenv("FUZZ_VERBOSE") ? LOG_LVL_DEBUG :
	    LOG_LVL_ERR);
	mail_init();
	if (klacht_key(&k, &key, &why) == -1)
		die("reply-token key", why);
	reset_store();
	atexit(cleanup);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct intake_result	 res;
	struct case_row		 c;
	struct buf		 b;
	unsigned		 who, what;
	char			*to, *cause = NULL;
	enum kres		 r;

	if (size == 0)
		return 0;
	if (++runs % RESET_EVERY == 0)
		reset_store();
	who = data[0] % NOFFICERS;
	what = (data[0] / NOFFICERS) % (NCASES + 1);
	if (what < NCASES)
		to = officer_reply_address(k.cfg, key, refs[what],
		    fuzz_officers[who].id, (int64_t)time(NULL));
	else
		to = officer_personal_address(k.cfg, key,
		    fuzz_officers[who].id, (int64_t)time(NULL));
	if (to == NULL)
		die("reply address", fuzz_officers[who].id);

	buf_init(&b);
	buf_printf(&b, "From: %s <%s>\r\nTo: <%s>\r\n", fuzz_officers[who].name,
	    fuzz_officers[who].email, to);
	if (what < NCASES)
		buf_printf(&b, "Subject: Re: Nieuwe klacht [%s]\r\n",
		    refs[what]);
	else
		buf_printf(&b, "Subject: Balie\r\n");
	buf_printf(&b, "Date: Mon, 7 Dec 2026 10:00:00 +0100\r\n"
	    "Message-ID: <fuzz-officer-%lu.%ld@gemeente.example>\r\n"
	    "Content-Type: text/plain; charset=utf-8\r\n\r\n", runs,
	    (long)getpid());
	buf_add(&b, data + 1, size - 1);
	free(to);

	r = intake_message(&k, "fuzz", NULL, b.data, b.len, &res, &cause);
	if (r != KR_OK)
		die("an officer's reply was not committed", cause);
	if (res.action != (what < NCASES ? IA_OFFICER : IA_DESK))
		die("an officer's reply was taken for",
		    intake_action_name(res.action));
	free(cause);
	buf_free(&b);

	for (size_t i = 0; i < NCASES; i++) {
		if (store_case_get(k.st, ids[i], &c, &cause) != KR_OK)
			die("case", cause);
		if (case_state_parse(c.status) == CS_INVALID)
			die("a case in no known state", c.status);
		case_row_free(&c);
	}
	return 0;
}
