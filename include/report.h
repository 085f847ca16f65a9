/*
 * report.h -- what management learns from complaints, and the yearly
 * register (Awb 9:12a).
 *
 * Everything here is pure: the figures are computed from plain structs the
 * caller filled (klachtctl reads them from the store); report_write.h
 * writes them into a struct buf as text, CSV, JSON or one self-contained
 * HTML page.  Dates are
 * bucketed in the host's local time zone (TZ), like every date klachtd
 * shows.
 *
 * Definitions (README "Reports" says the same for people):
 *   period       [start, end): --year Y is 1 January Y 00:00 up to
 *                1 January Y+1; --from D --to D includes both days.
 *   previous     the period of equal length just before: the previous
 *                calendar year for --year, else as many days before --from.
 *   decided at   decided_at, or closed_at for a case closed without a
 *                decision (then its judgement counts as "none").
 *   received     cases received in the period.
 *   decided      cases decided in the period (whenever received).
 *   open         cases received before the end of the period and not
 *                decided before it: the backlog at the end.
 *   on time      decided cases with decided at <= due_at; due_at is the
 *                term including any lawful extension (#extend moves it).
 *   extended     decided cases whose term was extended.
 *   handling     local calendar days from the day of receipt to the day of
 *                decision, over the decided cases; median (mean of the two
 *                middle values for an even count) and 90th percentile
 *                (nearest rank: the ceil(0.9 n)-th smallest).
 *   escalations  events of kind "escalation" in the period; cases
 *                escalated: distinct cases with at least one.
 *   reopened     events of kind "reopened" (by a complainant's reply) or
 *                "reopen" (#reopen) in the period; and distinct cases.
 *   first contact  cases received in the period with a contact moment
 *                (#contact, an event of kind "contact", at any time);
 *                median local calendar days from receipt to the first
 *                one (as handling).
 *   hearings     complaints (in the filter) whose hearing report
 *                (#verslag: held) or whose skip (#afzien-horen, by the
 *                ground of Awb 9:10 lid 2: a, b, c) was first recorded in
 *                the period; a case with a report counts as held only.
 *   trends       the last full calendar month of the period that has
 *                ended by now (the trend month) against the 12 months before it: a category or
 *                cause is flagged when its complaints received in that
 *                month are at least the minimum (report_trend_min,
 *                default 5) and more than the mean plus twice the
 *                (population) standard deviation of its monthly counts
 *                in those 12 months.  Merged, void and forwarded cases
 *                are not counted.
 *   rising       categories that received more cases than in the previous
 *                period: count and change (in %, null when it was 0).
 *   satisfaction decided cases of the period whose complainant was asked
 *                the satisfaction question (satisfy.h; whenever it went),
 *                those who answered, the response rate (answered / asked,
 *                a percentage) and the average score (sum of the scores /
 *                answered, one decimal, "-" / null when none answered);
 *                in total, per category, and per judgement (the outcome
 *                kind: "none" for cases closed without one).
 *   channels     cases received in the period per channel they came by
 *                (email, telefoon, balie, brief, webformulier: register.h;
 *                issue 14), in that order.
 *   departments, causes  per configured department and cause (issue 15),
 *                then any other met, then "(none)": cases received in
 *                the period, decided in it, and the judgements of those
 *                decided (as the totals, merged and void cases apart),
 *                and their satisfaction (as above).
 *   labels       cases received in the period with each label.
 *   merged, void cases received in the period that were merged into
 *                another or made void: no complaints, counted apart and
 *                in none of the figures above or below -- their events
 *                (an escalation, a contact) included -- nor the register.
 *   months       per local calendar month of the period: cases received
 *                (in total and per category) and decided; a month at an
 *                edge of the period counts only its days inside it.
 * Percentages are 100 * part / whole, written with one decimal ("%.1f"),
 * null (JSON) or "-" (text) when the whole is 0.
 */
#ifndef KLACHT_REPORT_H
#define KLACHT_REPORT_H

#include <stddef.h>
#include <stdint.h>

#include "casestate.h"
#include "util.h"

/* The five judgements of Awb 9:12 / Wkkgz 18, in report order (enum
 * judgement, casestate.h), then the slot for cases decided without one. */
#define REPORT_NJUDGEMENTS	JUDGEMENT_COUNT
#define REPORT_J_NONE		REPORT_NJUDGEMENTS

/* The channels a complaint comes by, in report order (register.h). */
#define REPORT_NCHANNELS	5
extern const char *const report_channels[REPORT_NCHANNELS];
/* The category key of cases without a category (never a valid id). */
#define REPORT_NO_CATEGORY	"(none)"

/* One case as the report sees it (no personal data at all). */
struct report_case {
	int64_t		 id;
	const char	*ref;
	const char	*category;	/* NULL: none */
	int64_t		 received_at;
	int64_t		 due_at;	/* including any extension */
	int64_t		 decided_at;	/* 0: not decided (see above) */
	int		 extended;
	const char	*judgement;	/* NULL: none */
	int		 admin;		/* REPORT_ADMIN_*: an administrative
					   end, no complaint (issue 14) */
	const char	*channel;	/* NULL: "email" (register.h) */
	/* Classification (issue 15): NULL for none. */
	const char	*department;
	const char	*cause;
	const char *const *labels;	/* NULL-terminated, or NULL */
	int		 sat_asked;	/* the satisfaction question was
					   sent (satisfy.h, issue 15) */
	int		 sat_score;	/* its answer 1-5, 0: none */
	int64_t		 resolved_at;	/* resolved informally then (issue
					   15: no judgement, not decided);
					   0: not */
	const char	*forwarded_kind; /* REPORT_ADMIN_FORWARDED: the kind
					   (report_forward_kinds); NULL
					   otherwise or unknown: "overig" */
	/* The hearing (Awb 9:10, issue 15): "held" when a hearing report
	 * was recorded (#verslag), else the ground of lid 2 under which it
	 * was skipped (#afzien-horen: "a", "b" or "c"); NULL: neither.
	 * hearing_at: when the (first) report or skip was recorded. */
	const char	*hearing;
	int64_t		 hearing_at;
};
#define REPORT_ADMIN_NONE	0
#define REPORT_ADMIN_MERGED	1	/* merged into another case */
#define REPORT_ADMIN_VOID	2	/* duplicate, misdirected, spam */
#define REPORT_ADMIN_FORWARDED	3	/* sent to another desk (#forward,
					   issue 15) */

/* The grounds of Awb 9:10 lid 2 for not hearing the complainant. */
#define REPORT_NGROUNDS		3
extern const char *const report_grounds[REPORT_NGROUNDS];

/* The kinds of forwarded request, in report order: the ids of
 * redirect_kinds (redirect.h): bezwaar, woo, melding, schade, overig. */
#define REPORT_NFORWARD		5
extern const char *const report_forward_kinds[REPORT_NFORWARD];

enum report_event_kind { RE_ESCALATION, RE_REOPEN, RE_CONTACT };
struct report_event {
	int64_t			 case_id;
	int64_t			 at;
	enum report_event_kind	 kind;
};

/* An improvement measure made in the period and one case it is linked
 * to (issue 15): done by the end, else open, and late. */
struct report_measure {
	int64_t	 id;
	int64_t	 case_id;
	int	 done, late;
};

struct report_period {
	int64_t	 start, end;		/* [start, end) */
	int64_t	 prev_start, prev_end;
};
/* The period of a calendar year (local time). */
void		 report_period_year(int year, struct report_period *);
/* From day from to day to, both included (local midnights from
 * cal_parse_iso_date); -1 when to is before from. */
int		 report_period_days(int64_t from, int64_t to,
		    struct report_period *);

struct report_input {
	const struct report_case	*cases;
	size_t				 ncases;
	const struct report_event	*events;
	size_t				 nevents;
	struct report_period		 period;
	const char			*category;	/* filter; NULL: all */
	/* Configured categories in configuration order (ids and names). */
	const char *const		*cat_ids;
	const char *const		*cat_names;
	size_t				 ncat;
	const char			*org_name;	/* for HTML titles */
	/* Improvement measures made in the period (store_measure_counts;
	 * issue 15): open, done and late at its end. */
	int64_t				 measures_open, measures_done;
	int64_t				 measures_late;
	const char			*lang;		/* "nl" or "en" (HTML) */
	int64_t				 now;		/* "generated" stamp */
	/* Configured departments (ids, names) and causes, in
	 * configuration order (issue 15). */
	const char *const		*dept_ids;
	const char *const		*dept_names;
	size_t				 ndept;
	const char *const		*cause_ids;
	size_t				 ncause;
	/* Trend signals (report_trend.c): the minimum count of a flagged
	 * month; 0: REPORT_TREND_MIN. */
	int64_t				 trend_min;
	/* The measures made in the period, one row per linked case
	 * (store_report_measures), for the figures per department and
	 * cause. */
	const struct report_measure	*measures;
	size_t				 nmeasures;
};

struct report_stats {
	int64_t	 received, decided, open;
	int64_t	 on_time, extended;
	int64_t	 judgements[REPORT_NJUDGEMENTS + 1];
	int64_t	 handled;		/* decided cases with a handling time */
	int64_t	 median2;		/* twice the median, in days */
	int64_t	 p90;			/* days */
	int64_t	 escalations, cases_escalated;
	int64_t	 reopens, cases_reopened;
	int64_t	 prev_received;
	/* Received in the period but no complaint, counted apart and in
	 * none of the figures above (issue 14). */
	int64_t	 merged, voided;
	int64_t	 by_channel[REPORT_NCHANNELS];	/* received, per channel */
	int64_t	 contacted;		/* received cases with a contact */
	int64_t	 contact_median2;	/* twice the median days to it */
	/* Improvement measures made in the period (issue 15), in the
	 * totals only: a measure belongs to the organisation, not to a
	 * category.  Open and late as at the end of the period; late
	 * ones are open too. */
	int64_t	 measures_open, measures_done, measures_late;
	/* Satisfaction (issue 15, see above), and the same per judgement
	 * (slot REPORT_J_NONE: decided without one). */
	int64_t	 sat_asked, sat_answered, sat_sum;
	int64_t	 sat_j_asked[REPORT_NJUDGEMENTS + 1];
	int64_t	 sat_j_answered[REPORT_NJUDGEMENTS + 1];
	int64_t	 sat_j_sum[REPORT_NJUDGEMENTS + 1];
	/* Complaints resolved informally in the period (issue 15, Awb
	 * 9:5): received above, neither open nor decided after that; their
	 * share is of the complaints ended in the period (decided +
	 * resolved). */
	int64_t	 resolved;
	/* Received in the period and forwarded to another desk (issue 15),
	 * apart like merged and void: in all and per kind. */
	int64_t	 forwarded;
	int64_t	 forwarded_by_kind[REPORT_NFORWARD];
	/* Hearings (Awb 9:10, issue 15): complaints whose hearing report
	 * (held) or skip (per ground of lid 2: a, b, c) was recorded in the
	 * period. */
	int64_t	 hearings_held;
	int64_t	 hearings_skipped[REPORT_NGROUNDS];
};

struct report_category {
	char			*id;	/* REPORT_NO_CATEGORY for none */
	char			*name;
	int			 configured;
	struct report_stats	 s;
};

struct report_month {
	int	 year, month;		/* 1-12 */
	int64_t	 received, decided;
	int64_t	*by_category;		/* received, indexed like cats */
};

struct report_escalated {
	char	*ref;
	char	*category;
	int64_t	 count;
};

/* Cases per department or per cause (issue 15): configured ones in
 * configuration order, then others met in the data (sorted), then
 * REPORT_NO_CLASS for cases without one when there are such. */
#define REPORT_NO_CLASS		"(none)"
struct report_group {
	char	*id;
	char	*name;
	int64_t	 received, decided;
	int64_t	 judgements[REPORT_NJUDGEMENTS + 1];	/* of decided */
	/* Satisfaction of the decided ones (as report_stats). */
	int64_t	 sat_asked, sat_answered, sat_sum;
	/* Measures made in the period linked to a case of the group (one
	 * measure counts once per group): done, open, late (as totals). */
	int64_t	 m_done, m_open, m_late;
};
/* Received cases per label, most first, then by label. */
struct report_label {
	char	*label;
	int64_t	 received;
};

/* A trend signal (report_trend.c): a category or cause whose count in
 * the trend month is at least the minimum and above mean + 2 sd of its
 * counts in the REPORT_TREND_MONTHS months before. */
#define REPORT_TREND_MONTHS	12
#define REPORT_TREND_MIN	5
struct report_trend {
	int	 cause;			/* 0: a category, 1: a cause */
	char	*id;
	char	*name;
	int64_t	 count;			/* in the trend month */
	double	 mean, sd;		/* of the months before */
	double	 limit;			/* mean + 2 sd */
};

struct report {
	struct report_period	 period;
	char			*category;	/* the filter, or NULL */
	char			*org_name;
	char			*lang;
	int64_t			 generated_at;
	struct report_stats	 total;
	struct report_category	*cats;
	size_t			 ncats;
	struct report_month	*months;
	size_t			 nmonths;
	struct report_escalated	*escalated;	/* most escalations first */
	size_t			 nescalated;
	size_t			*rising;	/* indexes into cats */
	size_t			 nrising;
	/* Issue 15 (report_class.c). */
	struct report_group	*depts;
	size_t			 ndepts;
	struct report_group	*causes;
	size_t			 ncauses;
	struct report_label	*labels;
	size_t			 nlabels;
	/* Trend signals (report_trend.c): the month looked at (the last
	 * full calendar month of the period; trend_year 0: none, the period
	 * is shorter) and the flagged categories and causes. */
	int			 trend_year, trend_month;
	int64_t			 trend_min;
	struct report_trend	*trends;
	size_t			 ntrends;
};

/* report_trend.c: the trend signals (called by report_compute; freed by
 * report_free through report_trend_free). */
void		 report_trend_compute(struct report *,
		    const struct report_input *);
void		 report_trend_free(struct report *);
/* The method of the trend signals as one plain sentence in the report's
 * language (no line break; the caller escapes it for HTML). */
void		 report_trend_method(struct buf *, const struct report *);
/* Mean and population standard deviation of v[0..n-1] (n > 0). */
void		 report_mean_sd(const int64_t *v, size_t n, double *mean,
		    double *sd);
/* Whether count is a trend signal against the months before: count >=
 * min and count > mean + 2 sd. */
int		 report_trend_flag(int64_t count, const int64_t *before,
		    size_t n, int64_t min);

/* report_class.c: the figures per department, cause and label (called
 * by report_compute; the groups are freed by report_free). */
void		 report_class_compute(struct report *,
		    const struct report_input *);
void		 report_class_free(struct report *);

/* Computes every figure; the caller frees the result with report_free(). */
struct report	*report_compute(const struct report_input *);
void		 report_free(struct report *);

/*
 * The cases of the yearly register (report_write.h): those received in
 * the period (and the category filter), ordered by reference.  Returns a
 * malloc'd array of *n pointers into in->cases; the caller frees the
 * array.
 */
const struct report_case **report_register_rows(const struct report_input *,
		    size_t *n);

/* Of the register's rows: hearings held, and skipped per ground
 * (issue 15), whenever they were recorded. */
void		 report_register_hearings(const struct report_case **,
		    size_t n, int64_t *held,
		    int64_t skipped[REPORT_NGROUNDS]);

/* Helpers shared by the writers. */
/* The channel of a case: its id, "email" when it has none. */
const char	*report_case_channel(const struct report_case *);
/* The category key of a case (REPORT_NO_CATEGORY when it has none). */
const char	*report_case_category(const struct report_case *);
/* Local calendar days from the day of a to the day of b. */
int64_t		 report_days_between(int64_t a, int64_t b);
/* Local midnight of day 1 of month (1-12; under- and overflow roll into
 * the year before or after) of year. */
int64_t		 report_month_start(int year, int month);
/* "12", "12.5" (from twice the value). */
void		 report_half(struct buf *, int64_t twice);
/* 100 * part / whole with one decimal, or NULL-ish "-" when whole is 0:
 * writes into out (at least 16 bytes); returns 0 when there is none. */
int		 report_pct(char *out, size_t len, int64_t part,
		    int64_t whole);
/* The display name of a category key (configured name, else the key). */
const char	*report_cat_name(const struct report_input *, const char *id);

#endif
