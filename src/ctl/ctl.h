/*
 * ctl.h -- what klachtctl's command groups share (src/ctl/): the options
 * and the open database every command gets, the helpers for ids,
 * columns, exit codes and text from mail, and each group's commands.
 * klachtctl.c dispatches through one table of {name, function, usage};
 * every command function takes the remaining words of the command line
 * and returns a sysexits.h code.
 */
#ifndef KLACHT_CTL_H
#define KLACHT_CTL_H

#include <stddef.h>
#include <stdint.h>

#include "klacht.h"
#include "util.h"
#include "ctl_report.h"
#include "ctl_new.h"

/* Options, wherever they appear on the command line. */
struct ctl_opts {
	int		 json;
	int		 force;
	int		 wide;		/* --wide: never cut a column */
	const char	*status;
	const char	*assignee;	/* list --assignee ID */
	const char	*category;	/* list --category ID */
	const char	*search;	/* list --search WORDS */
	struct ctl_report_opts report;	/* report, purge, export */
	struct ctl_new_opts reg;	/* new (ctl_new.h) */
	const char	*measures;	/* measures --open|--late|--done */
};

struct ctl {
	struct klacht	 k;
	struct ctl_opts	 o;
};

/* A listing's rows so far: the JSON array (--json) and their number. */
struct ctl_list {
	struct buf	b;
	int		n;
	int		open;	/* --status open */
	int		wide;
	const char	*status;	/* a state id, or NULL: any */
	const char	*assignee;	/* NULL: any */
	const char	*category;	/* NULL: any */
};

/* --json and --wide, for the row callbacks (klachtctl.c sets them). */
extern int	ctl_json;
extern int	ctl_wide;

/* ctl_util.c */
/* Who is acting, for the audit trail (malloc'd): "admin:USER", behind
 * sudo the one who ran sudo. */
char		*ctl_actor(void);
/* Parses a row id; -1 when it is not a positive number. */
int64_t		 ctl_parse_id(const char *s);
/* s in a column of w characters, padded when pad is set, cut with "…"
 * unless whole is set (--wide).  Allocated. */
char		*ctl_column(const char *s, size_t w, int pad, int whole);
/* Prints why (or r's name), frees why; the sysexits code for r. */
int		 ctl_fail(enum kres r, char *why);
/* As ctl_fail(), for report, purge and export (KR_INVALID too is
 * EX_SOFTWARE there). */
int		 ctl_fail_report(enum kres r, char *why);
/* Prints "klachtctl: " fmt (arg in it) on standard error; EX_USAGE. */
int		 ctl_usage_error(const char *fmt, const char *arg);
/* s (NULL: "") made harmless for a terminal; newline and tab kept when
 * multiline.  Lives until 16 more calls. */
const char	*ctl_tty_safe(const char *s, int multiline);
/* Appends a separating comma in a JSON array unless it just opened. */
void		 ctl_json_sep(struct buf *b);
/* One line of text from mail, and a body. */
#define T(s)	ctl_tty_safe((s), 0)
#define TB(s)	ctl_tty_safe((s), 1)

/* ctl_cases.c: list, show, address */
int	ctl_cases_list(struct ctl *, char **argv);
int	ctl_cases_show(struct ctl *, char **argv);
int	ctl_cases_address(struct ctl *, char **argv);

/* ctl_outbox.c: outbox [retry|drop] */
int	ctl_outbox_list(struct ctl *, char **argv);
int	ctl_outbox_retry(struct ctl *, char **argv);
int	ctl_outbox_drop(struct ctl *, char **argv);
/* Prints one outbox row, or appends it to the JSON array in the struct
 * buf arg (--json): a store_outbox_foreach() callback (show uses it). */
struct outbox_row;
int	ctl_outbox_row(const struct outbox_row *, void *arg);

/* ctl_quarantine.c: quarantine [list|show|release|drop] */
int	ctl_quarantine_list(struct ctl *, char **argv);
int	ctl_quarantine_show(struct ctl *, char **argv);
int	ctl_quarantine_release(struct ctl *, char **argv);
int	ctl_quarantine_drop(struct ctl *, char **argv);

/* ctl_admin.c: backup, purge, export */
int	ctl_admin_backup(struct ctl *, char **argv);
int	ctl_admin_purge(struct ctl *, char **argv);
int	ctl_admin_export(struct ctl *, char **argv);

/* ctl_report.c: report (and its options, ctl_report.h) */
int	ctl_report_cmd(struct ctl *, char **argv);

/* ctl_new.c: new (a complaint by phone, counter, letter, web form) */
int	ctl_new_cmd(struct ctl *, char **argv);

/* ctl_letter.c: letter */
int	ctl_letter_cmd(struct ctl *, char **argv);

/* ctl_attachment.c: attachment REF N; and show's list of attachments,
 * a store_attachment_case_foreach() callback like ctl_outbox_row. */
int	ctl_attachment_cmd(struct ctl *, char **argv);
struct attachment_row;
int	ctl_attachment_row(const struct attachment_row *, void *arg);

/* ctl_measures.c: measures [--open|--late|--done], measure REF */
int	ctl_measures_list(struct ctl *, char **argv);
int	ctl_measures_show(struct ctl *, char **argv);

#endif
