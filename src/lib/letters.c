/*
 * letters.c -- the letters officers' commands send about a case: to the
 * complainant, to the persons complained about, and the complaint (text
 * and attachment list) to a respondent or an officer who newly has it.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "lang.h"
#include "letters.h"
#include "lettertext.h"
#include "officer.h"
#include "officer_files.h"
#include "outmail.h"
#include "util.h"

/* Collects "- name (type, size)" lines from store_attachment_foreach. */
struct att_lines {
	struct buf	b;
	size_t		n;
};

static int
att_line(const char *name, const char *type, int64_t size, void *arg)
{
	struct att_lines	*al = arg;
	char			*sz = officer_size_words(size);
	char			*n = officer_display_name(name);
	char			*t = officer_display_name(type ? type :
				    "application/octet-stream");

	buf_printf(&al->b, "%s- %s (%s, %s)", al->n++ ? "\n" : "", n, t, sz);
	free(sz);
	free(n);
	free(t);
	return 0;
}

enum kres
letter_complaint(struct store *st, int64_t case_id, const char *lang,
    char **body, char **atts, char **cause)
{
	struct att_lines al;
	int64_t		 msg_id;
	enum kres	 r;

	*atts = NULL;
	if ((r = store_case_first_msg(st, case_id, &msg_id, body, cause)) !=
	    KR_OK)
		return r;
	memset(&al, 0, sizeof al);
	buf_init(&al.b);
	if (msg_id != 0 && (r = store_attachment_foreach(st, msg_id,
	    att_line, &al, cause)) != KR_OK) {
		buf_free(&al.b);
		free(*body);
		*body = NULL;
		return r;
	}
	*atts = al.n ? buf_detach(&al.b, NULL) : xstrdup(lang != NULL &&
	    lang_is_en(lang) ? "(none)" : "(geen)");
	buf_free(&al.b);
	return KR_OK;
}

enum kres
letter_to_complainant(struct klacht *k, const struct case_row *c,
    const char *kind, const char *tmpl, const struct tmpl_var *vars,
    size_t nvars, int64_t now, char **cause)
{
	return letter_to_complainant_files(k, c, kind, tmpl, vars, nvars,
	    NULL, 0, now, cause);
}

enum kres
letter_to_complainant_files(struct klacht *k, const struct case_row *c,
    const char *kind, const char *tmpl, const struct tmpl_var *vars,
    size_t nvars, const struct mail_file *files, size_t nfiles, int64_t now,
    char **cause)
{
	struct outmail	 om;
	char		*parent = NULL, *refs = NULL;
	enum kres	 r;

	if ((r = store_case_thread_parent(k->st, c->id, &parent, &refs,
	    cause)) != KR_OK)
		return r;
	memset(&om, 0, sizeof om);
	om.kind = kind;
	om.template = tmpl;
	om.to_addr = c->complainant_email;
	om.to_name = c->complainant_name;
	om.in_reply_to = parent;
	om.references = refs;
	om.c = c;
	om.vars = vars;
	om.nvars = nvars;
	om.files = files;
	om.nfiles = nfiles;
	r = outmail_queue(k, &om, now, NULL, cause);
	free(parent);
	free(refs);
	return r;
}

enum kres
letter_preview(struct klacht *k, const struct case_row *c, const char *tmpl,
    const struct tmpl_var *vars, size_t nvars, int64_t now, char **text,
    char **cause)
{
	struct outmail	om;

	*text = NULL;
	memset(&om, 0, sizeof om);
	om.kind = "preview";
	om.template = tmpl;
	om.to_addr = c->complainant_email;
	om.to_name = c->complainant_name;
	om.c = c;
	om.vars = vars;
	om.nvars = nvars;
	om.preview = text;
	return outmail_queue(k, &om, now, NULL, cause);
}

enum kres
letter_to_respondent(struct klacht *k, const struct case_row *c,
    const char *kind, const char *email, const char *name,
    const struct tmpl_var *vars, size_t nvars, int64_t now, char **cause)
{
	return letter_to_respondent_files(k, c, kind, email, name, vars,
	    nvars, NULL, 0, now, cause);
}

enum kres
letter_to_respondent_files(struct klacht *k, const struct case_row *c,
    const char *kind, const char *email, const char *name,
    const struct tmpl_var *vars, size_t nvars, const struct mail_file *files,
    size_t nfiles, int64_t now, char **cause)
{
	struct outmail	 om;
	struct tmpl_var	*all;
	char		*salutation;
	enum kres	 r;

	/* The person complained about is someone of the organisation: the
	 * letter goes in its language, whatever the complainant's.
	 * "Geachte heer/mevrouw" when only an address is known. */
	salutation = letter_salutation(name, k->cfg->language);
	all = xcalloc(nvars + 2, sizeof *all);
	all[0] = (struct tmpl_var){ "respondent_name", name };
	all[1] = (struct tmpl_var){ "respondent_salutation", salutation };
	memcpy(all + 2, vars, nvars * sizeof *vars);
	memset(&om, 0, sizeof om);
	om.kind = kind;
	om.template = kind;
	om.lang = k->cfg->language;
	om.to_addr = email;
	om.to_name = name;
	om.c = c;
	om.vars = all;
	om.nvars = nvars + 2;
	om.files = files;
	om.nfiles = nfiles;
	r = outmail_queue(k, &om, now, NULL, cause);
	free(all);
	free(salutation);
	return r;
}

/* Collects the persons complained about (Awb 9:9) of a case. */
struct resp_list {
	char	**email;
	char	**name;
	size_t	  n;
};

static int
resp_add(const char *email, const char *name, void *arg)
{
	struct resp_list	*l = arg;

	l->email = xreallocarray(l->email, l->n + 1, sizeof *l->email);
	l->name = xreallocarray(l->name, l->n + 1, sizeof *l->name);
	l->email[l->n] = xstrdup(email);
	l->name[l->n] = xstrdup(name && *name ? name : email);
	l->n++;
	return 0;
}

enum kres
letter_to_respondents(struct klacht *k, const struct case_row *c,
    const char *kind, const struct tmpl_var *vars, size_t nvars, int64_t now,
    size_t *n, char **cause)
{
	struct resp_list	rl;
	size_t			i;
	enum kres		r;

	*n = 0;
	memset(&rl, 0, sizeof rl);
	r = store_respondent_foreach(k->st, c->id, resp_add, &rl, cause);
	for (i = 0; r == KR_OK && i < rl.n; i++)
		r = letter_to_respondent(k, c, kind, rl.email[i], rl.name[i],
		    vars, nvars, now, cause);
	if (r == KR_OK)
		*n = rl.n;
	for (i = 0; i < rl.n; i++) {
		free(rl.email[i]);
		free(rl.name[i]);
	}
	free(rl.email);
	free(rl.name);
	return r;
}

/* Feeds the complaint's attachments to an officer_files set. */
static int
file_each(const struct export_att_row *a, void *arg)
{
	officer_files_add(arg, a->filename, a->content_type, (size_t)a->size,
	    a->sha256, a->data, a->len);
	return 0;
}

enum kres
letter_to_new_officer(struct klacht *k, const struct officer_key *key,
    const struct case_row *c, const struct cfg_officer *by,
    const struct cfg_officer *to, const char *tmpl, const char *by_var,
    int64_t now, char **cause)
{
	return letter_to_new_officer_for(k, key, c, by, to, "", tmpl, by_var,
	    now, cause);
}

enum kres
letter_to_new_officer_for(struct klacht *k, const struct officer_key *key,
    const struct case_row *c, const struct cfg_officer *by,
    const struct cfg_officer *to, const char *on_behalf, const char *tmpl,
    const char *by_var, int64_t now, char **cause)
{
	const struct cfg_category *cat;
	const char	*lang = k->cfg->language;
	int		 en = lang_is_en(lang);
	struct officer_files files;
	char		*body = NULL, *who, *atts, *catname;
	int64_t		 msg_id;
	enum kres	 r;

	/* The officer gets the text, so the files too (officer_files.h). */
	if ((r = store_case_first_msg(k->st, c->id, &msg_id, &body,
	    cause)) != KR_OK)
		return r;
	officer_files_init(&files, k->cfg, c->ref, lang);
	if (msg_id != 0 && (r = store_export_attachments(k->st, msg_id,
	    file_each, &files, cause)) != KR_OK) {
		officer_files_free(&files);
		free(body);
		return r;
	}
	atts = officer_files_lines(&files);
	who = xasprintf("%s (%s)", by->name, by->id);
	cat = c->category ? cfg_category_by_id(k->cfg, c->category) : NULL;
	catname = cat ? xasprintf("%s (%s)", cat->name, cat->id) :
	    xstrdup(c->category ? c->category : en ? "none" : "geen");
	struct tmpl_var vars[] = {
		{ by_var, who },
		{ "category", catname },
		{ "text", body ? body : "" },
		{ "attachments", atts },
		{ "confidential", officer_case_confidential(k->cfg, c) ?
		    (en ? "CONFIDENTIAL: do not forward this mail." :
		    "VERTROUWELIJK: stuur deze mail niet door.") : "" },
		{ "on_behalf", on_behalf },
	};
	r = officer_queue_files(k, key, c, to, tmpl, tmpl, NULL, NULL, vars,
	    sizeof vars / sizeof vars[0], files.v, files.n, now, cause);
	officer_files_free(&files);
	free(catname);
	free(who);
	free(atts);
	free(body);
	return r;
}
