/*
 * fuzzkit.c -- the throw-away klachtd context of fuzzkit.h.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "cfg.h"
#include "fuzzkit.h"
#include "log.h"
#include "mail.h"
#include "store.h"
#include "store_int.h"	/* only to make the throw-away database fast */
#include "util.h"

#ifndef KL_TOP_SRCDIR
#define KL_TOP_SRCDIR "."
#endif

struct klacht			 fuzzkit_k;
const struct officer_key	*fuzzkit_key;

/* SQLite's page cache, set aside once: libFuzzer counts an input that
 * leaves the heap larger than it found it as a possible leak and runs a
 * leak check (and stops checking after 1,000 of them), which a cache
 * growing on the heap made most inputs do.  Pages of 4 KiB (SQLite's
 * default), each with room for SQLite's header (264 bytes in 3.40). */
#define KIT_PAGES	2048
#define KIT_STR(n)	KIT_STR_(n)
#define KIT_STR_(n)	#n
#define KIT_PAGE_SZ	(4096 + 512)
static long long	 page_mem[KIT_PAGES * KIT_PAGE_SZ / sizeof(long long)];

static const char	*kit_name = "fuzz";
static char		 kit_dir[] = "/tmp/fuzzkit.XXXXXX";
static char		*kit_conf, *kit_db;

void
fuzzkit_die(const char *what, const char *why)
{
	fprintf(stderr, "%s: %s: %s\n", kit_name, what, why ? why : "?");
	abort();
}

static void
remove_db(void)
{
	static const char *const sfx[] = { "", "-wal", "-shm" };
	char *p;

	for (size_t i = 0; i < sizeof sfx / sizeof sfx[0]; i++) {
		p = xasprintf("%s%s", kit_db, sfx[i]);
		unlink(p);
		free(p);
	}
}

void
fuzzkit_new_store(void)
{
	char *why = NULL;

	if (fuzzkit_k.st != NULL)
		store_close(fuzzkit_k.st);
	remove_db();
	if ((fuzzkit_k.st = store_open(kit_db, 1000, &why)) == NULL)
		fuzzkit_die("store", why);
	/* A throw-away database: no fsync. */
	sqlite3_exec(fuzzkit_k.st->db, "PRAGMA synchronous = OFF", NULL, NULL,
	    NULL);
	/* A page cache that holds the whole throw-away database (the
	 * targets make it anew every few hundred inputs): with 16 pages,
	 * FTS5's index flush at every COMMIT read the same pages again and
	 * again, a third of fuzz_intake's time.  Its pages come from
	 * page_mem (fuzzkit_init), not the heap. */
	sqlite3_exec(fuzzkit_k.st->db,
	    "PRAGMA cache_size = " KIT_STR(KIT_PAGES), NULL, NULL, NULL);
}

static void
cleanup(void)
{
	char *p;

	if (fuzzkit_k.st != NULL)
		store_close(fuzzkit_k.st);
	fuzzkit_k.st = NULL;
	klacht_key_drop(&fuzzkit_k);
	remove_db();
	unlink(kit_conf);
	p = xasprintf("%s/auth.key", kit_dir);
	unlink(p);
	free(p);
	rmdir(kit_dir);
	cfg_free(fuzzkit_k.cfg);
	fuzzkit_k.cfg = NULL;
	free(kit_conf);
	free(kit_db);
}

void
fuzzkit_init(const char *name, const char *extra)
{
	const char	*src = getenv("top_srcdir");
	char		*why = NULL;
	FILE		*f;
	int		 hdr = 0;

	kit_name = name;
	/* Before SQLite is first used, which this requires. */
	if (sqlite3_config(SQLITE_CONFIG_PCACHE_HDRSZ, &hdr) != SQLITE_OK ||
	    4096 + hdr > KIT_PAGE_SZ || sqlite3_config(SQLITE_CONFIG_PAGECACHE,
	    page_mem, KIT_PAGE_SZ, KIT_PAGES) != SQLITE_OK)
		fuzzkit_die("sqlite3_config", "cannot set the page cache");
	if (mkdtemp(kit_dir) == NULL)
		fuzzkit_die(kit_dir, "cannot make the state directory");
	kit_conf = xasprintf("%s/klachtd.conf", kit_dir);
	kit_db = xasprintf("%s/klachtd.db", kit_dir);
	if ((f = fopen(kit_conf, "w")) == NULL)
		fuzzkit_die(kit_conf, "cannot write");
	fprintf(f, "organisation = { name = \"Gemeente Testdorp\"; "
	    "address = \"klachten@testdorp.example\"; };\n"
	    "state_dir = \"%s\";\ntemplates = \"%s/etc/templates\";\n%s",
	    kit_dir, src != NULL ? src : KL_TOP_SRCDIR, extra);
	if (fclose(f) != 0)
		fuzzkit_die(kit_conf, "cannot write");
	if ((fuzzkit_k.cfg = cfg_load(kit_conf, NULL, &why)) == NULL)
		fuzzkit_die("configuration", why);
	/* Errors only: a line per input would drown the fuzzer's output. */
	log_init(name, 0, getenv("FUZZ_VERBOSE") ? LOG_LVL_DEBUG :
	    LOG_LVL_ERR);
	mail_init();
	fuzzkit_new_store();
	/* The key is read once per context: before the first input, so
	 * that the leak check does not count it against that input. */
	if (klacht_key(&fuzzkit_k, &fuzzkit_key, &why) == -1)
		fuzzkit_die("reply-token key", why);
	atexit(cleanup);
}
