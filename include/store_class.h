/*
 * store_class.h -- the classification of a case for learning (issue 15):
 * its department and cause (columns of cases, written through case.c
 * like any column) and its labels (table case_labels).  Values are the
 * configured ids (cfg_class.c) or a label word; checking them is the
 * caller's business.
 */
#ifndef KLACHT_STORE_CLASS_H
#define KLACHT_STORE_CLASS_H

#include <stddef.h>
#include <stdint.h>

#include "store.h"

/* A case's classification; NULL where none is set. */
struct case_class {
	char	 *department;
	char	 *cause;
	char	**labels;	/* sorted, NULL-terminated (never NULL) */
	size_t	  nlabels;
};
void		 case_class_free(struct case_class *);

/* Reads the classification of case case_id into *cc (caller frees with
 * case_class_free); KR_INVALID when there is no such case. */
enum kres	 store_class_get(struct store *, int64_t case_id,
		    struct case_class *cc, char **cause);

/* Adds label to case case_id; *added (may be NULL) is 0 when the case
 * already had it (then nothing changes). */
enum kres	 store_label_add(struct store *, int64_t case_id,
		    const char *label, int64_t now, int *added, char **cause);

/* For reports (no personal data): cb(case_id, department, cause) for
 * every case with either set, and lb(case_id, label) for every label,
 * ordered by case id and label.  A non-zero return stops the query. */
enum kres	 store_report_classes(struct store *,
		    int (*cb)(int64_t, const char *, const char *, void *),
		    int (*lb)(int64_t, const char *, void *), void *arg,
		    char **cause);

#endif
