/*
 * ctl_report.h -- klachtctl's report, purge and export commands (issue 7),
 * kept apart from klachtctl.c: klachtctl parses the options below into a
 * struct ctl_report_opts (CTL_REPORT_LONGOPTS in its option table,
 * ctl_report_option() for each one) and calls the command functions.
 */
#ifndef KLACHT_CTL_REPORT_H
#define KLACHT_CTL_REPORT_H

#include "klacht.h"

struct ctl_report_opts {
	const char	*year;
	const char	*from;
	const char	*to;
	const char	*category;
	const char	*format;
	const char	*email;
	const char	*dir;
	int		 reg;		/* --register */
	int		 dry_run;
};

/* getopt_long values of our options (above any single character). */
enum {
	CTL_RO_YEAR = 0x1000, CTL_RO_FROM, CTL_RO_TO, CTL_RO_CATEGORY,
	CTL_RO_FORMAT, CTL_RO_REGISTER, CTL_RO_DRY_RUN, CTL_RO_EMAIL,
	CTL_RO_DIR
};
#define CTL_REPORT_LONGOPTS \
	{ "year", required_argument, NULL, CTL_RO_YEAR }, \
	{ "from", required_argument, NULL, CTL_RO_FROM }, \
	{ "to", required_argument, NULL, CTL_RO_TO }, \
	{ "category", required_argument, NULL, CTL_RO_CATEGORY }, \
	{ "format", required_argument, NULL, CTL_RO_FORMAT }, \
	{ "register", no_argument, NULL, CTL_RO_REGISTER }, \
	{ "dry-run", no_argument, NULL, CTL_RO_DRY_RUN }, \
	{ "email", required_argument, NULL, CTL_RO_EMAIL }, \
	{ "dir", required_argument, NULL, CTL_RO_DIR }

/* The option lines for klachtctl's usage. */
#define CTL_REPORT_USAGE \
"      --year Y          report/register: calendar year Y (default: this year)\n" \
"      --from D --to D   report/register: from day D to day D (YYYY-MM-DD)\n" \
"      --category C      report/register: only category C\n" \
"      --format F        report/register: text, csv, json or html\n" \
"      --register        report: the yearly register (Awb 9:12a)\n" \
"      --dry-run         purge: list what would be purged, change nothing\n" \
"      --email ADDR      export: the person's address\n" \
"      --dir DIR         export: a new (or empty) directory to write to\n"

/* Stores option ch (with its argument); 0 when it is one of ours, -1
 * when not. */
int	ctl_report_option(struct ctl_report_opts *, int ch, const char *arg);

/* The report; returns a sysexits code.  json is klachtctl's --json (the
 * same as --format json).  Purge and export are ctl_admin.c's. */
int	ctl_report(struct klacht *, const struct ctl_report_opts *, int json);

#endif
