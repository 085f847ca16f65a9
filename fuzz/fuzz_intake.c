/*
 * fuzz_intake.c -- libFuzzer over the whole parse-and-classify path:
 * every input is one raw message handed to intake_message(), exactly as
 * `klachtd deliver` would, against a real store in a temp directory and
 * the shipped templates.  GMime, textconv, TNEF (libytnef), threading,
 * the automatic-mail rules, closed-case handling, bounces, quarantine and
 * the acknowledgement it queues all run.  Nothing is rolled back between
 * inputs; the database is thrown away and made anew every RESET_EVERY
 * inputs so it stays small (and its pages in fuzzkit's cache).  Each
 * input is delivered twice and the second delivery must be a duplicate
 * of the first (intake is idempotent), else the target aborts.  Seeds:
 * tests/data/corpus, tests/data/samples (see fuzz/smoke.sh).
 *
 *   ./fuzz/fuzz_intake -max_len=65536 CORPUS_DIR SEED_DIRS...
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzzkit.h"
#include "intake.h"
#include "store.h"
#include "store_int.h"	/* the dedupe keys are freed in SQL */
#include "tnef.h"

#define RESET_EVERY	300	/* a small database: see fuzzkit.c */

int	LLVMFuzzerInitialize(int *, char ***);
int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static unsigned long	runs;
static sqlite3_int64	freed_upto;	/* messages up to this id are done */

/* Mutants of one seed keep its Message-ID: the dedupe keys of the
 * messages this input added are freed, so that the next mutant is
 * classified, not dropped as a duplicate.  The messages stay, for
 * threading.  Only the new rows are touched (ids only grow): a scan of
 * the whole table per input cost more than the input itself. */
static void
free_dedupe_keys(void)
{
	sqlite3		*db = fuzzkit_k.st->db;
	sqlite3_stmt	*q;

	if (sqlite3_prepare_v2(db, "UPDATE messages SET dedupe_key = "
	    "'fuzz:' || id WHERE id > ?1 RETURNING id", -1, &q, NULL) !=
	    SQLITE_OK)
		fuzzkit_die("dedupe keys", sqlite3_errmsg(db));
	sqlite3_bind_int64(q, 1, freed_upto);
	while (sqlite3_step(q) == SQLITE_ROW)
		if (sqlite3_column_int64(q, 0) > freed_upto)
			freed_upto = sqlite3_column_int64(q, 0);
	if (sqlite3_finalize(q) != SQLITE_OK)
		fuzzkit_die("dedupe keys", sqlite3_errmsg(db));
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzzkit_init("fuzz_intake", "");
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct intake_result	 res, again;
	char			*cause = NULL;
	enum kres		 r;

	/* Raw TNEF, compressed RTF and RTF reach their decoders directly
	 * too (seeds: the .dat files in tests/data/corpus), not only through
	 * base64 in a winmail.dat part. */
	if (size >= 4 && memcmp(data, "\x78\x9f\x3e\x22", 4) == 0) {
		struct tnef t;

		if (tnef_decode(data, size, 100, &t, NULL) == 0)
			tnef_free(&t);
	} else if (size >= 16 && (memcmp(data + 8, "LZFu", 4) == 0 ||
	    memcmp(data + 8, "MELA", 4) == 0)) {
		size_t	 n;
		char	*rtf = tnef_rtf_decompress(data, size, &n, NULL);

		free(tnef_rtf_to_text(rtf != NULL ? rtf : "", rtf ? n : 0));
		free(rtf);
	} else if (size >= 5 && memcmp(data, "{\\rtf", 5) == 0)
		free(tnef_rtf_to_text((const char *)data, size));

	if (++runs % RESET_EVERY == 0) {
		fuzzkit_new_store();
		freed_upto = 0;
	}
	r = intake_message(&fuzzkit_k, "fuzz", NULL, (const char *)data, size, &res,
	    &cause);
	free(cause);
	cause = NULL;
	/* Idempotence: the same bytes again change nothing. */
	if (r == KR_OK && res.action != IA_QUARANTINED &&
	    res.action != IA_DUPLICATE) {
		r = intake_message(&fuzzkit_k, "fuzz", NULL, (const char *)data, size,
		    &again, &cause);
		if (r != KR_OK || again.action != IA_DUPLICATE ||
		    again.case_id != res.case_id) {
			fprintf(stderr, "fuzz_intake: second delivery gave %s "
			    "(%s), case %lld, not a duplicate of case %lld\n",
			    intake_action_name(again.action), kres_name(r),
			    (long long)again.case_id, (long long)res.case_id);
			abort();
		}
		free(cause);
	}
	free_dedupe_keys();
	return 0;
}
