/*
 * deadline_bench.c -- times the deadline scan (escalate_run) against a
 * bare "SELECT count(*) FROM cases" on the same database, in one run.
 * Driven by bench/deadline-scan.sh; not a test.
 *
 *	deadline-bench -c CONF -i			create the schema
 *	deadline-bench -c CONF -t NOW [-r RUNS]		time the scans
 *
 * The scans: "cold" (every open case armed, as right after an upgrade
 * or a change of the escalation settings: each is evaluated and what is
 * due is mailed), "warm" (the same moment again: nothing to do), then
 * one scan an hour later (the steady state of a daemon that scans every
 * minute, squeezed into one step).  The baseline is a read of the
 * table the scan works on, through its own connection.
 */
#include "config.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cfg.h"
#include "escalate.h"
#include "klacht.h"
#include "log.h"
#include "store.h"
#include "util.h"

static double
secs(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static long long
scalar(sqlite3 *db, const char *sql, double *took)
{
	sqlite3_stmt	*s;
	long long	 v = -1;
	double		 t0 = secs();

	if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) != SQLITE_OK) {
		fprintf(stderr, "%s: %s\n", sql, sqlite3_errmsg(db));
		exit(1);
	}
	if (sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	if (took != NULL)
		*took = secs() - t0;
	return v;
}

static void
plan(sqlite3 *db, const char *sql)
{
	sqlite3_stmt	*s;
	char		*q = xasprintf("EXPLAIN QUERY PLAN %s", sql);

	if (sqlite3_prepare_v2(db, q, -1, &s, NULL) == SQLITE_OK) {
		while (sqlite3_step(s) == SQLITE_ROW)
			printf("  plan: %s\n", sqlite3_column_text(s, 3));
		sqlite3_finalize(s);
	}
	free(q);
}

static void
scan(struct klacht *k, const char *what, int64_t now, long long total,
    double base, double full)
{
	struct escalate_stats	 es;
	char			*why = NULL;
	double			 t0 = secs(), t;

	if (escalate_run(k, now, 0, NULL, &es, &why) == -1) {
		fprintf(stderr, "scan: %s\n", why);
		exit(1);
	}
	t = secs() - t0;
	printf("%-5s scan %8.4f s: examined %6d (%8.0f/s), mails %6d; "
	    "%11.0f table cases/s; %8.2fx count(*), %5.3fx full read\n",
	    what, t, es.examined, t > 0 ? es.examined / t : 0.0, es.mails,
	    t > 0 ? (double)total / t : 0.0, base > 0 ? t / base : 0.0,
	    full > 0 ? t / full : 0.0);
}

int
main(int argc, char **argv)
{
	struct klacht	 k;
	struct cfg	*cfg;
	sqlite3		*db;
	const char	*conf = NULL;
	char		*why = NULL;
	int64_t		 now = 0;
	int		 ch, init = 0;
	long long	 total, open, armed;
	double		 base, best = 1e9, full;
	int		 i;

	while ((ch = getopt(argc, argv, "c:it:")) != -1) {
		switch (ch) {
		case 'c': conf = optarg; break;
		case 'i': init = 1; break;
		case 't': now = strtoll(optarg, NULL, 10); break;
		default:
			fprintf(stderr, "usage: deadline-bench -c conf "
			    "(-i | -t now)\n");
			return 64;
		}
	}
	log_init("deadline-bench", 0, LOG_LVL_WARN);
	if (conf == NULL || (!init && now == 0)) {
		fprintf(stderr, "usage: deadline-bench -c conf (-i | -t now)\n");
		return 64;
	}
	if ((cfg = cfg_load(conf, NULL, &why)) == NULL) {
		fprintf(stderr, "%s\n", why);
		return 78;
	}
	memset(&k, 0, sizeof k);
	k.cfg = cfg;
	if ((k.st = store_open(cfg->database, 5000, &why)) == NULL) {
		fprintf(stderr, "%s\n", why);
		return 1;
	}
	if (init) {
		store_close(k.st);
		cfg_free(cfg);
		return 0;
	}
	if (sqlite3_open_v2(cfg->database, &db, SQLITE_OPEN_READONLY, NULL) !=
	    SQLITE_OK) {
		fprintf(stderr, "%s: cannot open\n", cfg->database);
		return 1;
	}
	/* Warm the page cache once, then take the best of three. */
	total = scalar(db, "SELECT count(*) FROM cases", NULL);
	for (i = 0; i < 3; i++) {
		scalar(db, "SELECT count(*) FROM cases", &base);
		if (base < best)
			best = base;
	}
	base = best;
	/* What reading every row costs (a scan without the index would
	 * at least do this). */
	scalar(db, "SELECT sum(length(subject)) FROM cases", &full);
	open = scalar(db, "SELECT count(*) FROM cases WHERE status NOT IN "
	    "('decided', 'closed')", NULL);
	armed = scalar(db, "SELECT count(*) FROM cases WHERE deadline_next "
	    "IS NOT NULL AND deadline_next <= 0", NULL);
	printf("cases %lld, open %lld, armed %lld\n", total, open, armed);
	printf("count(*):  %.4f s (%.0f rows/s)\n", base, base > 0 ?
	    (double)total / base : 0.0);
	printf("full read: %.4f s (%.0f rows/s)\n", full, full > 0 ?
	    (double)total / full : 0.0);
	printf("the scan's query:\n");
	plan(db, "SELECT * FROM cases WHERE deadline_next IS NOT NULL AND "
	    "deadline_next <= 1 ORDER BY deadline_next LIMIT 500");

	scan(&k, "cold", now, total, base, full);
	scan(&k, "warm", now, total, base, full);
	scan(&k, "+1h", now + 3600, total, base, full);
	scan(&k, "+1d", now + 86400, total, base, full);
	printf("outbox: %lld mails queued; %lld escalations recorded\n",
	    scalar(db, "SELECT count(*) FROM outbox", NULL),
	    scalar(db, "SELECT count(*) FROM deadline_fired", NULL));
	sqlite3_close(db);
	klacht_key_drop(&k);
	store_close(k.st);
	cfg_free(cfg);
	return 0;
}
