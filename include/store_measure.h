/*
 * store_measure.h -- the measures and measure_cases tables (issue 15):
 * improvement measures with their own reference M-YYYY-NNNN, an owner
 * and a due day, linked to the cases they came from.  What a measure
 * means for the mail is measure.c's business.
 */
#ifndef KLACHT_STORE_MEASURE_H
#define KLACHT_STORE_MEASURE_H

#include <stdint.h>

#include "store.h"

struct measure_row {
	int64_t	 id;		/* 0: none */
	char	*ref;		/* M-2026-0001 */
	char	*owner;		/* an officer id */
	char	*due;		/* YYYY-MM-DD */
	int64_t	 due_at;	/* local midnight of due */
	char	*text;
	char	*status;	/* "open" or "done" */
	int64_t	 created;
	char	*created_by;
	int64_t	 done_at;	/* 0 while open */
	char	*done_text;	/* NULL while open */
	char	*done_by;
	int64_t	 reminded_at;	/* 0: no reminder yet */
	int64_t	 escalated_at;	/* 0: not escalated yet */
	int64_t	 first_case;	/* the case it was made on (lowest link) */
};
void		 measure_row_free(struct measure_row *);

/*
 * A new open measure, numbered on in year (M-<year>-NNNN, 4 digits or
 * more), linked to case_id by `by`.  *ref (caller frees) gets its
 * reference, *id its row id.
 */
enum kres	 store_measure_add(struct store *, int year, const char *owner,
		    const char *due, int64_t due_at, const char *text,
		    const char *by, int64_t case_id, int64_t now, int64_t *id,
		    char **ref, char **cause);
/* The measure with reference ref (any case of letters: the caller
 * upper-cases), m->id == 0 when there is none.  Caller frees m. */
enum kres	 store_measure_get(struct store *, const char *ref,
		    struct measure_row *m, char **cause);
/* Links measure_id to case_id; *fresh 0 when it already was. */
enum kres	 store_measure_link(struct store *, int64_t measure_id,
		    int64_t case_id, const char *by, int64_t now, int *fresh,
		    char **cause);
/* Closes an open measure with text; KR_INVALID when it is not open. */
enum kres	 store_measure_done(struct store *, int64_t id,
		    const char *text, const char *by, int64_t now,
		    char **cause);
/* The ids of the cases linked to measure_id, oldest link first, in *ids
 * (caller frees) and *n. */
enum kres	 store_measure_cases(struct store *, int64_t measure_id,
		    int64_t **ids, size_t *n, char **cause);
/* The open measures, by due day, in *v (caller frees each with
 * measure_row_free, then v) and *n. */
enum kres	 store_measure_open(struct store *, struct measure_row **v,
		    size_t *n, char **cause);
/* Records that the reminder (what "reminded") or the escalation
 * ("escalated") of measure id went out at now; *fresh 0 when it had
 * already been recorded, and then the caller sends nothing. */
enum kres	 store_measure_claim(struct store *, int64_t id,
		    const char *what, int64_t now, int *fresh, char **cause);
/*
 * The figures of a report over measures created in [from, to): how many
 * were done by `to`, are still open, and of those open ones how many
 * are past their due day at `to` (late); late ones are open too.
 */
enum kres	 store_measure_counts(struct store *, int64_t from, int64_t to,
		    int64_t *open, int64_t *done, int64_t *late,
		    char **cause);

/* What klachtctl measures shows beside a measure: its linked cases'
 * references, and the distinct departments and causes of those cases,
 * each blank-separated (NULL: none).  Pointers last for one call. */
struct measure_links {
	const char	*cases;
	const char	*departments;
	const char	*causes;
};
/*
 * Calls fn on each measure (by due day, then reference) that which
 * selects: NULL all, "open", "late" (open, its due day before today:
 * the local midnight that starts today), "done"; a non-zero return of
 * fn stops the walk.
 */
enum kres	 store_measure_foreach(struct store *, const char *which,
		    int64_t today, int (*fn)(const struct measure_row *,
		    const struct measure_links *, void *), void *arg,
		    char **cause);
/*
 * The history of the measure ref, oldest first: each step recorded on
 * its cases (made, linked, reminder, escalation, done) once, with the
 * blank-separated references of the cases it was recorded on.  A
 * non-zero return of fn stops the walk.
 */
enum kres	 store_measure_history(struct store *, const char *ref,
		    int (*fn)(int64_t at, const char *actor,
		    const char *detail, const char *cases, void *),
		    void *arg, char **cause);

#endif
