/*
 * ctl_new.c -- `klachtctl new`: a complaint made by phone, at the
 * counter, by letter or by web form becomes a case (register.h does the
 * work; this file reads the options, the text and the files).
 *
 * Everything -- the case, the complaint, its files, the acknowledgement
 * (by mail, or on paper for the post room) and the officers'
 * notification -- commits in one transaction; the outbox job sends the
 * mail.  Prints the new reference.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sysexits.h>
#include <time.h>
#include <unistd.h>

#include "calendar.h"
#include "log.h"
#include "register.h"
#include "store.h"
#include "util.h"

#include "ctl.h"
#include "ctl_new.h"

int
ctl_new_option(struct ctl_new_opts *o, int ch, const char *arg)
{
	switch (ch) {
	case CTL_NO_CHANNEL:	o->channel = arg; return 0;
	case CTL_NO_NAME:	o->name = arg; return 0;
	case CTL_NO_ADDRESS:	o->address = arg; return 0;
	case CTL_NO_PHONE:	o->phone = arg; return 0;
	case CTL_NO_RECEIVED:	o->received = arg; return 0;
	case CTL_NO_SUBJECT:	o->subject = arg; return 0;
	case CTL_NO_TEXT:	o->text = arg; return 0;
	case CTL_NO_LANGUAGE:	o->language = arg; return 0;
	case CTL_NO_ATTACH:
		if (o->nfiles < CTL_NEW_MAXFILES)
			o->files[o->nfiles++] = arg;
		else
			o->too_many = 1;
		return 0;
	}
	return -1;
}

/* The base name of path, for the stored file name. */
static const char *
base_name(const char *path)
{
	const char	*s = strrchr(path, '/');

	return s != NULL && s[1] != '\0' ? s + 1 : path;
}

/* A MIME type for a file handed in, by its name: what officers open. */
static const char *
file_type(const char *name)
{
	static const struct { const char *ext, *type; } types[] = {
		{ ".pdf", "application/pdf" }, { ".jpg", "image/jpeg" },
		{ ".jpeg", "image/jpeg" }, { ".png", "image/png" },
		{ ".txt", "text/plain" }, { ".docx", "application/"
		    "vnd.openxmlformats-officedocument.wordprocessingml."
		    "document" },
	};
	const char	*dot = strrchr(name, '.');
	size_t		 i;

	for (i = 0; dot != NULL && i < sizeof types / sizeof types[0]; i++)
		if (strcasecmp(dot, types[i].ext) == 0)
			return types[i].type;
	return "application/octet-stream";
}

int
ctl_new_cmd(struct ctl *x, char **argv)
{
	const struct ctl_new_opts	*o = &x->o.reg;
	struct registration		 g;
	struct reg_file			 files[CTL_NEW_MAXFILES];
	char				*data[CTL_NEW_MAXFILES];
	char				*text = NULL, *why = NULL, *ref = NULL;
	char				*actor = ctl_actor();
	size_t				 i, len, max = x->k.cfg->max_message_size;
	int64_t				 now = (int64_t)time(NULL), day;
	enum kres			 r;
	int				 ex = EX_OK;

	(void)argv;
	memset(&g, 0, sizeof g);
	memset(data, 0, sizeof data);
	if (o->too_many) {
		ex = ctl_usage_error("new: at most %s files (--attach)", "32");
		goto out;
	}
	if (o->channel == NULL) {
		ex = ctl_usage_error("new: --channel is required (%s)",
		    "telefoon, balie, brief or webformulier");
		goto out;
	}
	if (o->received != NULL) {
		if (cal_parse_day(o->received, NULL, &day) == -1) {
			ex = ctl_usage_error("new: --received %s is no day "
			    "(YYYY-MM-DD)", o->received);
			goto out;
		}
		/* Today: now, so the event order and the clock agree. */
		g.received_at = day + CAL_DAY > now && day <= now ? now : day;
	}
	if (o->text == NULL || strcmp(o->text, "-") == 0) {
		if (isatty(STDIN_FILENO)) {
			ex = ctl_usage_error("new: give the complaint's text "
			    "on standard input or with --text %s", "FILE");
			goto out;
		}
		text = fd_read_all(STDIN_FILENO, max, &len, &why);
	} else
		text = file_read(o->text, max, &len, &why);
	if (text == NULL) {
		fprintf(stderr, "klachtctl: new: %s\n", why);
		ex = EX_NOINPUT;
		goto out;
	}
	for (i = 0; i < o->nfiles; i++) {
		if ((data[i] = file_read(o->files[i], max, &len, &why)) ==
		    NULL) {
			fprintf(stderr, "klachtctl: new: %s\n", why);
			ex = EX_NOINPUT;
			goto out;
		}
		files[i].name = base_name(o->files[i]);
		files[i].type = file_type(files[i].name);
		files[i].data = data[i];
		files[i].len = len;
	}
	g.channel = o->channel;
	g.name = o->name;
	g.email = x->o.report.email;
	g.address = o->address;
	g.phone = o->phone;
	g.category = x->o.report.category;
	g.subject = o->subject;
	g.text = text;
	g.language = o->language;
	g.files = files;
	g.nfiles = o->nfiles;
	g.actor = actor;

	if ((r = store_begin(x->k.st, &why)) != KR_OK) {
		ex = ctl_fail(r, why);
		goto out;
	}
	if ((r = case_register(&x->k, &g, now, NULL, &ref, &why)) != KR_OK) {
		store_rollback(x->k.st);
		if (r == KR_INVALID) {
			fprintf(stderr, "klachtctl: new: %s\n", why);
			free(why);
			ex = EX_DATAERR;
		} else
			ex = ctl_fail(r, why);
		goto out;
	}
	if ((r = store_commit(x->k.st, &why)) != KR_OK) {
		ex = ctl_fail(r, why);
		goto out;
	}
	log_audit("%s: case=%s registered (complaint by %s)", actor, ref,
	    o->channel);
	printf("%s\n", ref);
out:
	for (i = 0; i < CTL_NEW_MAXFILES; i++)
		free(data[i]);
	free(text);
	free(ref);
	free(actor);
	return ex;
}
