/*
 * cfg.h -- the configuration: loaded from a libconfig file, checked
 * strictly (unknown keys and wrong types are errors with file and line),
 * with a built-in default for every key that has a sensible one.
 */
#ifndef KLACHT_CFG_H
#define KLACHT_CFG_H

#include <stddef.h>
#include <stdint.h>

#include "lang.h"

struct cfg_officer {
	char	 *id;
	char	 *name;
	char	 *email;
	char	**categories;	/* NULL-terminated; empty = all */
	char	 *title;	/* function, in letters; NULL = none */
	char	 *phone;	/* in letters; NULL = organisation.phone */
	/* officers[].absent, .substitute (issue 13): away up to and
	 * including the day absent ("YYYY-MM-DD", as written in
	 * cal_parse_day's grammar, normalised), NULL = not; mail about the
	 * officer's cases goes to the substitute (an officer id, NULL =
	 * the other officers of the case's category) meanwhile.  An
	 * #afwezig / #terug command overrides it (absence.h). */
	char	 *absent;
	char	 *substitute;
	int	  digest;	/* the weekly personal digest (default 1) */
	int	  triage;	/* gets new cases without a category
				   (when no officer has it: everyone) */
};

/* ---- terms and escalation (issue 5; see terms.h and escalate.h) ---- */
enum cfg_profile { CFG_PROFILE_AWB, CFG_PROFILE_WKKGZ };

/* The statutory terms of a case (terms = { ... }, per category too). */
struct cfg_terms {
	enum cfg_profile profile;	/* "awb" (default) or "wkkgz" */
	int64_t	 decide;		/* seconds from receipt to due date */
	int64_t	 extend_max;		/* the one extension without consent */
	int64_t	 inadmissible;		/* Awb 9:8: niet-ontvankelijk within */
	int	 hearing_required;	/* Awb 9:10: a judgement on the merits
					   needs a hearing report or a ground
					   to skip it; -1: by the profile
					   (terms_hearing_required) */
};

/* A named contact person of an escalation level. */
struct cfg_contact {
	char	*name;
	char	*email;
};

/* One level of an escalation ladder: fires at due date + at. */
struct cfg_level {
	char			*name;		/* as configured, or NULL */
	int64_t			 at;		/* seconds; negative = before */
	int			 to_assignee;	/* to = "assignee" */
	struct cfg_contact	*contacts;
	size_t			 ncontacts;
};

/* A named measure owner who is no officer (measures.owners): the id is
 * what #maatregel names and what the owner's reply token carries. */
struct cfg_owner {
	char	*id;
	char	*name;
	char	*email;
};

/* Levels sorted by at; no two levels share an at. */
struct cfg_ladder {
	struct cfg_level	*levels;
	size_t			 nlevels;
};

/* A department of the organisation (issue 15): #department <id>. */
struct cfg_department {
	char	*id;
	char	*name;		/* the id when none is given */
};

struct cfg_category {
	char	*id;
	char	*name;
	int	 confidential;
	struct cfg_terms terms;		/* the organisation's, overridden */
	int		 has_ladder;	/* escalation = ( ... ) given */
	struct cfg_ladder ladder;
	int64_t	 retention;		/* seconds after closing; 0 = default */
	char	**addresses;		/* mail to these opens a case in this
					   category; NULL-terminated or NULL */
	size_t	  naddresses;
	char	**excluded_officers;	/* officer ids who may never handle
					   its cases (Awb 9:7); NULL-terminated
					   (NULL when none) */
	char	**approvers;		/* officer ids who approve its
					   outcome letters (four-eyes), NULL-
					   ended; NULL or empty: none */
};

enum cfg_intake { CFG_INTAKE_NONE, CFG_INTAKE_MAILDIR, CFG_INTAKE_IMAP };
enum cfg_outgoing { CFG_OUT_MAILDIR, CFG_OUT_SMTP };
enum cfg_tls { CFG_TLS_NO, CFG_TLS_TRY, CFG_TLS_REQUIRED };
/* auth.require: the second proof an officer's reply needs. */
enum cfg_auth {
	CFG_AUTH_TOKEN,			/* "token" (the default) */
	CFG_AUTH_DKIM,			/* "dkim" */
	CFG_AUTH_TOKEN_OR_DKIM,		/* "token-or-dkim" */
	CFG_AUTH_TOKEN_AND_DKIM		/* "token-and-dkim" */
};

struct cfg_imap {
	char	*url;
	char	*user;
	char	*password_file;
	char	*oauth2_token_file;
	char	*oauth2_token_command;
	char	*processed_mailbox;
	char	*ca_file;
	enum cfg_tls starttls;
	int64_t	 poll_interval;		/* seconds */
	int64_t	 timeout;		/* seconds */
	/* Issue 17, push (imapidle.h). */
	int	 idle;			/* use IDLE where offered */
	int64_t	 idle_refresh;		/* seconds; re-issue IDLE */
	int64_t	 status_poll_interval;	/* seconds; 0 = no STATUS poll */
};

struct cfg_smtp {
	char	*url;
	char	*user;
	char	*password_file;
	char	*ca_file;
	enum cfg_tls starttls;
	int64_t	 timeout;		/* seconds */
};

struct cfg {
	char	*path;			/* file it came from, or NULL */
	char	*settings;		/* "path = value" lines as written in
					   the file, for cfg_changes() */

	char	*org_name;
	char	*org_address;		/* the complaints address, From: */
	char	*ref_prefix;		/* "KL" */
	char	*ombudsman;		/* named in outcome letters (Awb 9:12) */
	char   **org_postal;		/* organisation.postal_address: the
					   return address on paper letters,
					   one line each */
	size_t	 norg_postal;
	char	*org_logo;		/* organisation.logo: PNG, or NULL */
	/* Letters (issue 16): per language, "_en" for English letters;
	 * NULL = a built-in default (see klachtd.conf(5)). */
	char	*ombudsman_en;
	char	*disputes_body_en;
	char	*org_phone;		/* the desk's phone; NULL = none */
	char	*org_desk;		/* contact when nobody is assigned */
	char	*org_desk_en;
	char	*signature;		/* above the name in letters */
	char	*signature_en;

	char	*state_dir;
	char	*database;
	char	*templates;
	enum lang lang;			/* language, parsed once */
	char	*language;		/* its name: "nl" / "en" */
	char	*timezone;		/* "Europe/Amsterdam"; NULL: the system's */

	int64_t	 term_decide;		/* seconds; Awb 9:11: 6 weeks */
	int64_t	 first_contact;		/* terms.first_contact: seconds, read
					   as working days (escalate.c); 0 off */
	int64_t	 satisfaction_after;	/* satisfaction.after: seconds after
					   closing the complainant is asked
					   (satisfy.h); 0 off */

	size_t	 max_message_size;
	int64_t	 busy_timeout_ms;
	int	 auto_reply_limit;	/* automatic replies per address/day */
	size_t	 max_attachment_size;	/* larger files: metadata only */
	int	 max_mime_depth;	/* deeper MIME parts are not read */
	int	 max_headers;		/* more header fields: quarantine */
	int	 max_acks_per_hour;	/* per sender without +tag: new cases
					   acknowledged per hour */
	int	 max_notifications_per_hour; /* and notified to officers */
	int	 max_attachments;	/* files stored per message */
	size_t	 max_text_size;		/* text stored per message, bytes */
	size_t	 notify_excerpt;	/* text in a notification, bytes */
	size_t	 dossier_attachments_total; /* attached to a case file */
	size_t	 notify_attachments_total; /* files sent along to officers,
					   bytes per mail */
	size_t	 max_outgoing_attachments_total; /* an officer's files to
					   a complainant, bytes per mail */
	int64_t	 reopen_window;		/* seconds after closing in which a
					   complainant's reply stays on the
					   case (and reopens it: auto_reopen) */
	int	 auto_reopen;		/* terms.auto_reopen: that reply
					   reopens the case (default off) */
	int64_t	 formal_request_window;	/* terms.formal_request_window:
					   after #resolved, the complainant's
					   reply within it asks for formal
					   handling (issue 15) */
	int	 send_hearing_report;	/* terms.send_hearing_report: #verslag
					   goes to both parties (default off) */
	int64_t	 retention;		/* retention.default: personal data
					   is purged this long after closing */
	int	 export_colleague_notes; /* retention.notes_about_colleagues */

	enum cfg_intake	 intake;
	char		*intake_maildir;
	int64_t		 maildir_poll;	/* intake.maildir.poll_interval, s */
	struct cfg_imap	 imap;

	enum cfg_outgoing outgoing;
	char		*out_maildir;
	int64_t		 outbox_poll;	/* outgoing.poll_interval, s */
	int64_t		 rest_after;	/* daemon.rest_after, s; 0: never */
	struct cfg_smtp	 smtp;
	char		*print_address;	/* outgoing.print: the post room,
					   which gets letters for complainants
					   without email as PDF; NULL = none */
	/* redirect.* (issue 15): the mailbox that gets a misdirected
	 * request of each kind (#forward), indexed like redirect_kinds
	 * (redirect.h): bezwaar, woo, melding, schade, overig; NULL = that
	 * kind is not configured. */
#define CFG_NREDIRECT	5
	char		*redirect[CFG_NREDIRECT];
	int64_t		 retry_min;	/* seconds */
	int64_t		 retry_max;
	int64_t		 retry_give_up;

	char	*auth_secret_file;	/* HMAC key for reply tokens */
	enum cfg_auth auth_require;	/* auth.require */
	char	*auth_serv_id;		/* our MX's Authentication-Results id */
	int	 auth_token_days;	/* a reply token is accepted this many
					   days after it was issued */
	int	 officer_reply_limit;	/* confirmations and errors per
					   officer and case per hour */

	struct cfg_officer	*officers;
	size_t			 nofficers;
	struct cfg_category	*categories;
	size_t			 ncategories;

	/* Terms and escalation (issue 5). */
	struct cfg_terms	 terms;		/* terms.*; decide = term_decide */
	char			*disputes_body;	/* Wkkgz art. 18 */
	struct cfg_ladder	 ladder;	/* escalation.ladder: default */
	int64_t			 unassigned_after; /* working secs; 0 = off */
	struct cfg_contact	*unassigned;	/* escalation.unassigned */
	size_t			 nunassigned;
	int			 digest_wday;	/* 0 Sunday..6; -1 = no digest */
	int			 digest_min;	/* minutes after midnight */
	/* digest.weekly (issue 13): each officer's own overview. */
	int			 overview_wday;	/* 0 Sunday..6; -1 = none */
	int			 overview_min;	/* minutes after midnight */
	int			 work_start;	/* workdays.hours, minutes */
	int			 work_end;
	int			 liberation_yearly; /* 5 May off every year */
	int			 good_friday;	/* Goede Vrijdag off */
	int32_t			*holidays;	/* workdays.holidays, yyyymmdd */
	size_t			 nholidays;
	/* Classification for learning (issue 15; cfg_class.c):
	 * departments = ( { id; name; } ) and causes = [ ... ]. */
	struct cfg_department	*departments;
	size_t			 ndepartments;
	char			**causes;	/* default: proces, gedrag,
						   communicatie, beleid,
						   ketenpartner */
	size_t			 ncauses;
	/* Improvement measures (issue 15, measure.h). */
	int64_t			 measure_remind_before; /* seconds */
	int			 measure_tell;	/* tell the complainants */
	/* report.trend_minimum (issue 15, report_trend.c): the fewest
	 * complaints of a month that can be a trend signal. */
	int64_t			 report_trend_min;
	/* measures.owners (issue 15, cfg_owners.c): named contacts who
	 * may own a measure beside the officers. */
	struct cfg_owner	*measure_owners;
	size_t			 nmeasure_owners;
};

/*
 * Loads path into a new cfg (caller frees with cfg_free).  path NULL means
 * "built-in defaults only" with state_dir as given (NULL for the default).
 * On failure returns NULL and *cause lists every problem found, one per
 * line, each as "file:line: what is wrong".
 */
struct cfg	*cfg_load(const char *path, const char *state_dir, char **cause);
/* As cfg_load, parsing text (path's contents as read earlier: the
 * daemon keeps what is in force, rest.h) and naming path in messages. */
struct cfg	*cfg_load_text(const char *path, const char *text,
		    const char *state_dir, char **cause);
void		 cfg_free(struct cfg *);
/*
 * Makes the configured time zone the process's (setenv TZ + tzset), or
 * restores the zone the process started with when none is configured.
 * Dates of receipt, due dates and letters follow it: call it after
 * cfg_load succeeded and before any date is computed, and again when a
 * reloaded configuration is swapped in.
 */
void		 cfg_apply_timezone(const struct cfg *);

const struct cfg_officer  *cfg_officer_by_email(const struct cfg *, const char *);
const struct cfg_officer  *cfg_officer_by_id(const struct cfg *, const char *);
const struct cfg_category *cfg_category_by_id(const struct cfg *, const char *);
/* The configured department with that id, or NULL (issue 15). */
const struct cfg_department *cfg_department_by_id(const struct cfg *,
		    const char *);
/* The measures.owners entry with that id / that address (any case),
 * or NULL (issue 15; an officer id is never one: cfg_owners.c). */
const struct cfg_owner *cfg_owner_by_id(const struct cfg *, const char *);
const struct cfg_owner *cfg_owner_by_email(const struct cfg *,
		    const char *);
/* The configured cause equal to id (its stored spelling), or NULL. */
const char	*cfg_cause_by_id(const struct cfg *, const char *);

/* Parses a terms profile, "awb" or "wkkgz" (case-insensitive).  0/-1. */
int		 cfg_parse_profile(const char *, enum cfg_profile *);

/* Default path of the configuration file. */
const char	*cfg_default_path(void);

/*
 * What differs between two loaded configurations, setting by setting as
 * written in their files ("organisation.name: \"A\" -> \"B\"", "(default)"
 * for a setting one of them leaves out), separated by "; ".  Returns a
 * malloc'd string (caller frees), or NULL when nothing differs.
 */
char		*cfg_changes(const struct cfg *old, const struct cfg *new);

/* Paths of secret files may start with ${CREDENTIALS_DIRECTORY}/: see
 * SECRET_CREDENTIALS_VAR in secret.h, which expands them. */

#endif
