/*
 * officer_files.c -- files to and from officers (see officer_files.h).
 *
 * The bytes are never touched: a file goes out as it came in (the parser
 * decoded its transfer encoding; mailcompose.c encodes it again in
 * base64), so its SHA-256 at the recipient is the one we stored.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lang.h"
#include "log.h"
#include "officer.h"
#include "officer_files.h"
#include "outmail.h"

/* ------------------------------------------------------------ to officers */

void
officer_files_init(struct officer_files *f, const struct cfg *cfg,
    const char *ref, const char *lang)
{
	memset(f, 0, sizeof *f);
	f->limit = cfg->notify_attachments_total;
	f->ref = xstrdup(ref ? ref : "-");
	f->en = lang_is_en(lang);
	buf_init(&f->lines);
}

void
officer_files_add(struct officer_files *f, const char *name,
    const char *type, size_t size, const char *sha256, const void *data,
    size_t len)
{
	char	*sz, *dn, *dt, *lim;
	void	*copy;

	f->seen++;
	sz = officer_size_words((int64_t)size);
	dn = officer_display_name(name ? name : "attachment");
	dt = officer_display_name(type ? type : "application/octet-stream");
	buf_printf(&f->lines, "%s- %s (%s, %s)", f->lines.len ? "\n" : "",
	    dn, dt, sz);
	free(sz);
	free(dt);
	if (data == NULL) {
		buf_printf(&f->lines, f->en ? " -- too large, not stored; "
		    "SHA-256 %s" : " -- te groot, niet bewaard; SHA-256 %s",
		    sha256 ? sha256 : "?");
	} else if (len > f->limit || f->total + len > f->limit) {
		lim = officer_size_words((int64_t)f->limit);
		buf_printf(&f->lines, f->en ? " -- not attached (the files "
		    "of one mail stay under %s); SHA-256 %s; get it with "
		    "#file or klachtctl attachment %s %zu" : " -- niet "
		    "bijgevoegd (de bestanden van een mail blijven onder %s); "
		    "SHA-256 %s; op te vragen met #dossier of klachtctl "
		    "attachment %s %zu", lim, sha256 ? sha256 : "?", f->ref,
		    f->seen);
		free(lim);
	} else {
		f->v = xreallocarray(f->v, f->n + 1, sizeof *f->v);
		copy = xmalloc(len ? len : 1);
		memcpy(copy, data, len);
		f->v[f->n].name = xstrdup(name ? name : "attachment");
		f->v[f->n].type = xstrdup(type ? type :
		    "application/octet-stream");
		f->v[f->n].data = copy;
		f->v[f->n].len = len;
		f->n++;
		f->total += len;
		buf_adds(&f->lines, f->en ? " -- attached" : " -- bijgevoegd");
	}
	free(dn);
}

char *
officer_files_lines(const struct officer_files *f)
{
	if (f->lines.len == 0)
		return xstrdup(f->en ? "(none)" : "(geen)");
	return xstrndup(f->lines.data, f->lines.len);
}

void
officer_files_free(struct officer_files *f)
{
	size_t	i;

	for (i = 0; i < f->n; i++) {
		free((char *)f->v[i].name);
		free((char *)f->v[i].type);
		free((void *)f->v[i].data);
	}
	free(f->v);
	free(f->ref);
	buf_free(&f->lines);
	memset(f, 0, sizeof *f);
}

/* ---------------------------------------------------------- from officers */

/*
 * What a mail client or Windows runs when the file is opened: programs,
 * scripts, installers, shortcuts and the disk images used to smuggle
 * them past filters.  Fixed on purpose (klachtd-commands(7)): a
 * complainant must never get a program in a letter from the organisation.
 */
static const char *const blocked_ext[] = {
	"exe", "com", "bat", "cmd", "scr", "pif", "cpl", "msi", "msp", "msc",
	"vbs", "vbe", "js", "jse", "wsf", "wsh", "ws", "ps1", "psm1", "hta",
	"jar", "lnk", "reg", "dll", "sys", "gadget", "application", "appx",
	"iso", "img", "vhd", "vhdx", "sh", "apk", NULL
};
static const char *const blocked_type[] = {
	"application/x-msdownload", "application/x-msdos-program",
	"application/x-dosexec", "application/x-ms-installer",
	"application/x-msi", "application/x-executable",
	"application/x-sharedlib", "application/x-sh",
	"application/x-bat", "application/hta", "application/javascript",
	"text/javascript", "application/x-javascript",
	"application/vnd.microsoft.portable-executable",
	"application/java-archive", "application/x-iso9660-image",
	"application/vnd.android.package-archive", NULL
};

int
officer_file_blocked(const char *name, const char *type)
{
	const char	*dot;
	size_t		 len, i, tl;

	if (type != NULL) {
		for (tl = 0; type[tl] != '\0' && type[tl] != ';' &&
		    type[tl] != ' '; tl++)
			;
		for (i = 0; blocked_type[i] != NULL; i++)
			if (strlen(blocked_type[i]) == tl &&
			    strncasecmp(type, blocked_type[i], tl) == 0)
				return 1;
	}
	if (name == NULL)
		return 0;
	/* Windows drops trailing dots and blanks: "a.exe. " is a.exe. */
	len = strlen(name);
	while (len > 0 && (name[len - 1] == '.' || name[len - 1] == ' '))
		len--;
	for (dot = NULL, i = 0; i < len; i++)
		if (name[i] == '.')
			dot = name + i;
	if (dot == NULL)
		return 0;
	dot++;
	for (i = 0; blocked_ext[i] != NULL; i++)
		if (strlen(blocked_ext[i]) == (size_t)(name + len - dot) &&
		    strncasecmp(dot, blocked_ext[i], (size_t)(name + len -
		    dot)) == 0)
			return 1;
	return 0;
}

int
officer_files_outgoing(const struct cfg *cfg, const struct mail *m,
    const char *lang, struct mail_file **files, size_t *n, char **why)
{
	const struct mail_attachment	*a;
	int				 en = lang_is_en(lang);
	size_t				 i, total = 0;
	char				*dn, *sz, *lim;

	*files = NULL;
	*n = 0;
	if (m->nattachments_dropped > 0) {
		*why = xasprintf(en ? "your mail has more than %d "
		    "attachments (limits.max_attachments): not all of them "
		    "could be read, so none is sent" : "uw mail heeft meer "
		    "dan %d bijlagen (limits.max_attachments): niet alle "
		    "bijlagen konden gelezen worden, dus er gaat geen enkele "
		    "mee", cfg->max_attachments);
		return -1;
	}
	for (i = 0; i < m->nattachments; i++) {
		a = &m->attachments[i];
		dn = officer_display_name(a->filename ? a->filename :
		    "attachment");
		sz = officer_size_words((int64_t)a->size);
		*why = NULL;
		if (a->data == NULL) {
			lim = officer_size_words(
			    (int64_t)cfg->max_attachment_size);
			*why = xasprintf(en ? "the attachment \"%s\" (%s) is "
			    "larger than %s (limits.max_attachment_size): it "
			    "cannot be sent; send a smaller file or a link" :
			    "de bijlage \"%s\" (%s) is groter dan %s "
			    "(limits.max_attachment_size): die kan niet "
			    "verstuurd worden; stuur een kleiner bestand of "
			    "een link", dn, sz, lim);
			free(lim);
		} else if (a->forwarded)
			/* Not the officer's own file: what a forwarded
			 * internal mail carries must not reach a
			 * complainant by accident. */
			*why = xasprintf(en ? "the attachment \"%s\" is inside "
			    "a forwarded message: only files attached to your "
			    "own mail go to the complainant; attach it "
			    "directly if it is meant for them" : "de bijlage "
			    "\"%s\" zit in een doorgestuurd bericht: alleen "
			    "bestanden die aan uw eigen mail hangen gaan naar "
			    "de klager; voeg hem direct toe als hij voor de "
			    "klager bedoeld is", dn);
		else if (officer_file_blocked(a->filename,
		    a->content_type))
			*why = xasprintf(en ? "the attachment \"%s\" is a "
			    "program or script (%s): such files are never "
			    "sent to a complainant" : "de bijlage \"%s\" is "
			    "een programma of script (%s): zulke bestanden "
			    "gaan nooit naar een klager", dn, a->content_type ?
			    a->content_type : "?");
		total += a->size;
		free(dn);
		free(sz);
		if (*why != NULL)
			return -1;
	}
	if (total > cfg->max_outgoing_attachments_total) {
		sz = officer_size_words((int64_t)total);
		lim = officer_size_words(
		    (int64_t)cfg->max_outgoing_attachments_total);
		/* "2 KB, more than 2 KB" says nothing: then in bytes. */
		if (strcmp(sz, lim) == 0) {
			free(sz);
			free(lim);
			sz = xasprintf("%zu bytes", total);
			lim = xasprintf("%zu bytes",
			    cfg->max_outgoing_attachments_total);
		}
		*why = xasprintf(en ? "the attachments are %s together, more "
		    "than %s (limits.max_outgoing_attachments_total): send "
		    "smaller files or a link" : "de bijlagen zijn samen %s, "
		    "meer dan %s (limits.max_outgoing_attachments_total): "
		    "stuur kleinere bestanden of een link", sz, lim);
		free(sz);
		free(lim);
		return -1;
	}
	if (m->nattachments == 0)
		return 0;
	*files = xcalloc(m->nattachments, sizeof **files);
	for (i = 0; i < m->nattachments; i++) {
		a = &m->attachments[i];
		(*files)[i].name = a->filename ? a->filename : "attachment";
		(*files)[i].type = a->content_type;
		(*files)[i].data = a->data;
		(*files)[i].len = a->size;
	}
	*n = m->nattachments;
	return 0;
}

/* ------------------------------------------------------------ too large */

enum kres
officer_files_too_large(struct klacht *k, const char *head, size_t hlen,
    uint64_t size, int64_t now, char **cause)
{
	const struct cfg		*cfg = k->cfg;
	const struct cfg_officer	*o;
	struct mail_limits		 lim;
	struct mail			*m;
	struct case_row			 c;
	struct outmail			 om;
	int64_t				 case_id = 0;
	int				 sent = 0, have_case = 0;
	char				*why = NULL, *sz, *lim_s, *out_s;
	char				*detail, *subj;
	enum kres			 r;

	memset(&lim, 0, sizeof lim);
	lim.max_size = hlen + 1;
	lim.max_depth = cfg->max_mime_depth;
	lim.max_headers = cfg->max_headers;
	lim.max_files = 1;
	if ((m = mail_parse(head, hlen, &lim, &why)) == NULL) {
		free(why);
		return KR_OK;
	}
	if (m->from_addr == NULL ||
	    (o = cfg_officer_by_email(cfg, m->from_addr)) == NULL) {
		mail_free(m);
		return KR_OK;
	}
	if ((r = store_outbox_count(k->st, o->email, "too-large", now -
	    24 * 3600, &sent, cause)) != KR_OK || sent >=
	    cfg->auto_reply_limit) {
		if (r == KR_OK)
			log_notice("officer %s: no too-large notice: %d sent in "
			    "24h", o->id, sent);
		mail_free(m);
		return r;
	}
	if ((r = officer_case_by_token(k, m, &case_id, cause)) != KR_OK) {
		mail_free(m);
		return r;
	}
	if (case_id != 0) {
		if ((r = store_case_get(k->st, case_id, &c, cause)) != KR_OK) {
			mail_free(m);
			return r;
		}
		have_case = 1;
	}
	sz = officer_size_words((int64_t)size);
	lim_s = officer_size_words((int64_t)cfg->max_message_size);
	out_s = officer_size_words((int64_t)cfg->max_outgoing_attachments_total);
	subj = officer_display_name(m->subject && *m->subject ? m->subject :
	    "-");
	struct tmpl_var vars[] = {
		{ "officer_name", o->name },
		{ "officer_id", o->id },
		{ "mail_subject", subj },
		{ "mail_size", sz },
		{ "size_limit", lim_s },
		{ "outgoing_limit", out_s },
	};
	memset(&om, 0, sizeof om);
	om.kind = "too-large";
	om.template = "too-large";
	om.lang = cfg->language;
	om.to_addr = o->email;
	om.to_name = o->name;
	om.in_reply_to = m->message_id;
	om.auto_submitted = MAIL_AUTO_REPLIED;
	om.c = have_case ? &c : NULL;
	om.vars = vars;
	om.nvars = sizeof vars / sizeof vars[0];
	r = outmail_queue(k, &om, now, NULL, cause);
	if (r == KR_OK && have_case) {
		detail = xasprintf("mail from officer %s not taken in: %llu "
		    "bytes, over limits.max_message_size (kept in quarantine); "
		    "nothing run, the officer was told", o->id,
		    (unsigned long long)size);
		r = store_event_add(k->st, c.id, now, "system",
		    "commands-refused", detail, cause);
		free(detail);
	}
	if (r == KR_OK)
		log_notice("case=%s officer %s: mail of %llu bytes over "
		    "limits.max_message_size: the officer was told",
		    have_case ? c.ref : "-", o->id, (unsigned long long)size);
	free(sz);
	free(lim_s);
	free(out_s);
	free(subj);
	if (have_case)
		case_row_free(&c);
	mail_free(m);
	return r;
}
