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
 * their personal token (desk commands: #nieuw, #overzicht, #zoek ...);
 * with its top bit set the body is HTML (commands are read from the
 * visible text only).  The rest is the body.  Two complaints are taken in when the store is
 * made anew, every RESET_EVERY inputs; in between the cases keep what
 * the inputs did to them, so commands meet cases in every state.
 *
 * After each input: intake must have committed it (KR_OK: an officer's
 * mail is never refused for what it says) as an officer's mail on the
 * case, or desk mail, and both cases must be in a known state.  Seeds:
 * fuzz/corpus/fuzz_officer/, one per command.
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
#include "fuzzkit.h"
#include "intake.h"
#include "officer.h"
#include "store.h"
#include "util.h"

#define RESET_EVERY	100	/* #dossier reads the whole case */

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

static char		*refs[NCASES];
static int64_t		 ids[NCASES];
static unsigned long	 runs;

/* A new store with the two complaints in it, cases 1 and 2. */
static void
reset_store(void)
{
	struct intake_result	 res;
	struct case_row		 c;
	char			*why = NULL;

	fuzzkit_new_store();
	for (size_t i = 0; i < NCASES; i++) {
		if (intake_message(&fuzzkit_k, "fuzz", NULL,
		    fuzz_complaints[i], strlen(fuzz_complaints[i]), &res,
		    &why) != KR_OK || res.action != IA_NEW_CASE)
			fuzzkit_die("a complaint was not taken in", why);
		ids[i] = res.case_id;
		if (store_case_get(fuzzkit_k.st, ids[i], &c, &why) != KR_OK)
			fuzzkit_die("case", why);
		free(refs[i]);
		refs[i] = xstrdup(c.ref);
		case_row_free(&c);
	}
}

static void
free_refs(void)
{
	for (size_t i = 0; i < NCASES; i++)
		free(refs[i]);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct buf	b;

	(void)argc;
	(void)argv;
	buf_init(&b);
	buf_printf(&b, "categories = (\n"
	    "  { id = \"afval\"; name = \"Afval\"; approvers = [ \"anna\", "
	    "\"bob\" ]; },\n"
	    "  { id = \"parkeren\"; name = \"Parkeren\"; },\n"
	    "  { id = \"gedrag\"; name = \"Grensoverschrijdend gedrag\"; "
	    "confidential = true; }\n);\nofficers = (\n");
	for (size_t i = 0; i < NOFFICERS; i++)
		buf_printf(&b, "  { id = \"%s\"; name = \"%s\"; email = "
		    "\"%s\";%s }%s\n", fuzz_officers[i].id,
		    fuzz_officers[i].name, fuzz_officers[i].email, i == 1 ?
		    " categories = [ \"afval\" ];" : i == 2 ?
		    " categories = [ \"gedrag\" ];" : "",
		    i + 1 < NOFFICERS ? "," : "");
	buf_printf(&b, ");\n");
	fuzzkit_init("fuzz_officer", b.data);
	buf_free(&b);
	reset_store();
	atexit(free_refs);
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
	who = (data[0] & 0x7f) % NOFFICERS;
	what = ((data[0] & 0x7f) / NOFFICERS) % (NCASES + 1);
	if (what < NCASES)
		to = officer_reply_address(fuzzkit_k.cfg, fuzzkit_key, refs[what],
		    fuzz_officers[who].id, (int64_t)time(NULL));
	else
		to = officer_personal_address(fuzzkit_k.cfg, fuzzkit_key,
		    fuzz_officers[who].id, (int64_t)time(NULL));
	if (to == NULL)
		fuzzkit_die("reply address", fuzz_officers[who].id);

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
	    "Content-Type: text/%s; charset=utf-8\r\n\r\n", runs,
	    (long)getpid(), data[0] & 0x80 ? "html" : "plain");
	buf_add(&b, data + 1, size - 1);
	free(to);

	r = intake_message(&fuzzkit_k, "fuzz", NULL, b.data, b.len, &res, &cause);
	if (r != KR_OK)
		fuzzkit_die("an officer's reply was not committed", cause);
	if (res.action != (what < NCASES ? IA_OFFICER : IA_DESK))
		fuzzkit_die("an officer's reply was taken for",
		    intake_action_name(res.action));
	free(cause);
	buf_free(&b);

	for (size_t i = 0; i < NCASES; i++) {
		if (store_case_get(fuzzkit_k.st, ids[i], &c, &cause) != KR_OK)
			fuzzkit_die("case", cause);
		if (case_state_parse(c.status) == CS_INVALID)
			fuzzkit_die("a case in no known state", c.status);
		case_row_free(&c);
	}
	return 0;
}
