/*
 * letters.h -- the letters officers' commands send about a case.
 *
 * To the complainant (in the case's language, threaded under their
 * latest message or our acknowledgement), to the persons complained
 * about (Awb 9:9, 9:11), and the complaint as it came in, for an officer
 * who newly has the case (with its attachments: officer_files.h).  Each queues into the outbox inside the
 * caller's transaction; nothing is sent here.
 */
#ifndef KLACHT_LETTERS_H
#define KLACHT_LETTERS_H

#include <stddef.h>
#include <stdint.h>

#include "klacht.h"
#include "officer.h"
#include "template.h"

/*
 * The complaint as its first message has it: *body its text (NULL when
 * there is none) and *atts its attachments as "- name (type, size)"
 * lines, or "(geen)"/"(none)" in lang.  Caller frees both.
 */
enum kres	 letter_complaint(struct store *, int64_t case_id,
		    const char *lang, char **body, char **atts, char **cause);

/* Queues a letter from template tmpl to c's complainant; kind is the
 * outbox kind. */
enum kres	 letter_to_complainant(struct klacht *, const struct case_row *c,
		    const char *kind, const char *tmpl,
		    const struct tmpl_var *vars, size_t nvars, int64_t now,
		    char **cause);
/* The same with files sent along, byte for byte; by email only: the
 * caller makes sure c has an address (outmail.h). */
enum kres	 letter_to_complainant_files(struct klacht *,
		    const struct case_row *c, const char *kind,
		    const char *tmpl, const struct tmpl_var *vars,
		    size_t nvars, const struct mail_file *files,
		    size_t nfiles, int64_t now, char **cause);

/* The letter letter_to_complainant would queue, as text ("Subject: ...",
 * a blank line, the body) in *text (caller frees); nothing is queued. */
enum kres	 letter_preview(struct klacht *, const struct case_row *c,
		    const char *tmpl, const struct tmpl_var *vars,
		    size_t nvars, int64_t now, char **text, char **cause);

/* Queues a letter from template (and outbox kind) kind to a person
 * complained about, with {{respondent_name}} set to name. */
enum kres	 letter_to_respondent(struct klacht *, const struct case_row *c,
		    const char *kind, const char *email, const char *name,
		    const struct tmpl_var *vars, size_t nvars, int64_t now,
		    char **cause);

/* The same with files sent along (a respondent always has an
 * address). */
enum kres	 letter_to_respondent_files(struct klacht *,
		    const struct case_row *c, const char *kind,
		    const char *email, const char *name,
		    const struct tmpl_var *vars, size_t nvars,
		    const struct mail_file *files, size_t nfiles, int64_t now,
		    char **cause);

/* The same to every person complained about recorded on c (their name,
 * else their address); *n gets how many were written to. */
enum kres	 letter_to_respondents(struct klacht *, const struct case_row *c,
		    const char *kind, const struct tmpl_var *vars,
		    size_t nvars, int64_t now, size_t *n, char **cause);

/*
 * An officer who newly has case c -- its assignee, or an officer of its
 * new category -- gets the complaint from template tmpl, in the
 * organisation's language, with their own reply address (key); {{by_var}}
 * names the officer `by` who did it.
 */
enum kres	 letter_to_new_officer(struct klacht *, const struct officer_key *,
		    const struct case_row *c, const struct cfg_officer *by,
		    const struct cfg_officer *to, const char *tmpl,
		    const char *by_var, int64_t now, char **cause);
/* The same to `to` standing in for an absent officer (absence.h):
 * on_behalf ("namens ...", "" for none) fills {{on_behalf}}. */
enum kres	 letter_to_new_officer_for(struct klacht *,
		    const struct officer_key *, const struct case_row *c,
		    const struct cfg_officer *by, const struct cfg_officer *to,
		    const char *on_behalf, const char *tmpl,
		    const char *by_var, int64_t now, char **cause);

#endif
