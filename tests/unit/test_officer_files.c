/* Unit tests: files to and from officers (officer_files.c) -- which
 * files are programs, what a notification carries within its total, and
 * when an officer's files may not go to a complainant. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cfg.h"
#include "check.h"
#include "mail.h"
#include "officer_files.h"
#include "util.h"

static void
test_blocked(void)
{
	CHECK_INT(officer_file_blocked("formulier.exe", NULL), 1);
	CHECK_INT(officer_file_blocked("FORMULIER.EXE", "application/pdf"), 1);
	CHECK_INT(officer_file_blocked("a.exe. . ", NULL), 1);	/* Windows */
	CHECK_INT(officer_file_blocked("cv\xe2\x80\xae" "fdp.exe", NULL), 1);
	CHECK_INT(officer_file_blocked("run.js", "text/plain"), 1);
	CHECK_INT(officer_file_blocked("setup.msi", NULL), 1);
	CHECK_INT(officer_file_blocked("x.vbs", NULL), 1);
	CHECK_INT(officer_file_blocked("x.iso", NULL), 1);
	CHECK_INT(officer_file_blocked("x.pdf", "application/x-msdownload"),
	    1);
	CHECK_INT(officer_file_blocked("x.pdf", "Application/X-MSDownload; "
	    "name=x.pdf"), 1);
	CHECK_INT(officer_file_blocked("schadeformulier.pdf",
	    "application/pdf"), 0);
	CHECK_INT(officer_file_blocked("foto.jpeg", "image/jpeg"), 0);
	CHECK_INT(officer_file_blocked("exe", NULL), 0);
	CHECK_INT(officer_file_blocked("notes.jsx", NULL), 0);
	CHECK_INT(officer_file_blocked(NULL, NULL), 0);
	CHECK_INT(officer_file_blocked("a.", "text/plain"), 0);
}

static void
test_to_officers(void)
{
	struct cfg		cfg;
	struct officer_files	f;
	char			*s, sha[65];
	static char		big[3000], small[100];

	memset(&cfg, 0, sizeof cfg);
	cfg.notify_attachments_total = 3000;
	memset(big, 'b', sizeof big);
	memset(small, 's', sizeof small);
	sha256_hex(big, sizeof big, sha);
	officer_files_init(&f, &cfg, "KL-2026-00001", "nl");
	s = officer_files_lines(&f);
	CHECK_STR(s, "(geen)");
	free(s);
	officer_files_add(&f, "a.png", "image/png", sizeof small, "s1", small,
	    sizeof small);
	officer_files_add(&f, "b.pdf", "application/pdf", sizeof big, sha, big,
	    sizeof big);		/* 3100 > 3000: listed */
	officer_files_add(&f, "c.png", NULL, 60, "s3", NULL, 0);	/* lost */
	officer_files_add(&f, "d.png", "image/png", sizeof small, "s4", small,
	    sizeof small);		/* still fits */
	CHECK_INT(f.n, 2);
	CHECK_STR(f.v[0].name, "a.png");
	CHECK_STR(f.v[1].name, "d.png");
	CHECK_INT(f.total, 200);
	CHECK(f.v[0].data != small && memcmp(f.v[0].data, small,
	    sizeof small) == 0);
	s = officer_files_lines(&f);
	CHECK_CONTAINS(s, "- a.png (image/png, 100 bytes) -- bijgevoegd\n");
	CHECK_CONTAINS(s, "- b.pdf (application/pdf, 3 KB) -- niet bijgevoegd "
	    "(de bestanden van een mail blijven onder 3 KB); SHA-256 ");
	CHECK_CONTAINS(s, sha);
	CHECK_CONTAINS(s, "op te vragen met #dossier of klachtctl attachment "
	    "KL-2026-00001 2\n");
	CHECK_CONTAINS(s, "- c.png (application/octet-stream, 60 bytes) -- te "
	    "groot, niet bewaard; SHA-256 s3\n");
	CHECK_CONTAINS(s, "- d.png (image/png, 100 bytes) -- bijgevoegd");
	free(s);
	officer_files_free(&f);

	/* 0: listed only, in English. */
	cfg.notify_attachments_total = 0;
	officer_files_init(&f, &cfg, "KL-2026-00002", "en");
	officer_files_add(&f, "a.png", "image/png", sizeof small, "s1", small,
	    sizeof small);
	CHECK_INT(f.n, 0);
	s = officer_files_lines(&f);
	CHECK_CONTAINS(s, "-- not attached (the files of one mail stay under "
	    "0 bytes); SHA-256 s1; get it with #file or klachtctl attachment "
	    "KL-2026-00002 1");
	free(s);
	officer_files_free(&f);
}

static void
test_outgoing(void)
{
	struct cfg		 cfg;
	struct mail		 m;
	struct mail_attachment	 a[2];
	struct mail_file	*files;
	size_t			 n;
	char			*why = NULL;
	static char		 data[1000];

	memset(&cfg, 0, sizeof cfg);
	cfg.max_outgoing_attachments_total = 2000;
	cfg.max_attachment_size = 1500;
	cfg.max_attachments = 100;
	memset(&m, 0, sizeof m);
	memset(a, 0, sizeof a);
	a[0].filename = "brief.pdf";
	a[0].content_type = "application/pdf";
	a[0].size = sizeof data;
	a[0].data = data;
	a[1] = a[0];
	a[1].filename = "bijlage.docx";
	m.attachments = a;
	m.nattachments = 2;

	/* No files: nothing to send, fine. */
	m.nattachments = 0;
	CHECK_INT(officer_files_outgoing(&cfg, &m, "nl", &files, &n, &why), 0);
	CHECK_INT(n, 0);
	CHECK(files == NULL);
	m.nattachments = 2;
	CHECK_INT(officer_files_outgoing(&cfg, &m, "nl", &files, &n, &why), 0);
	CHECK_INT(n, 2);
	CHECK(files[0].data == data && files[0].len == sizeof data);
	CHECK_STR(files[1].name, "bijlage.docx");
	free(files);

	/* Exactly at the total passes; a byte more does not. */
	a[1].size = 1001;
	CHECK_INT(officer_files_outgoing(&cfg, &m, "nl", &files, &n, &why), -1);
	CHECK_STR(why, "de bijlagen zijn samen 2001 bytes, meer dan 2000 bytes "
	    "(limits.max_outgoing_attachments_total): stuur kleinere "
	    "bestanden of een link");
	free(why);
	a[1].size = sizeof data;

	a[1].data = NULL;		/* over max_attachment_size */
	a[1].size = 60000000;
	CHECK_INT(officer_files_outgoing(&cfg, &m, "en", &files, &n, &why), -1);
	CHECK_STR(why, "the attachment \"bijlage.docx\" (57.2 MB) is larger "
	    "than 2 KB (limits.max_attachment_size): it cannot be sent; send "
	    "a smaller file or a link");
	free(why);
	a[1].data = data;
	a[1].size = sizeof data;

	a[1].forwarded = 1;		/* not the officer's own */
	CHECK_INT(officer_files_outgoing(&cfg, &m, "nl", &files, &n, &why), -1);
	CHECK_CONTAINS(why, "de bijlage \"bijlage.docx\" zit in een "
	    "doorgestuurd bericht");
	free(why);
	a[1].forwarded = 0;

	a[1].filename = "bijlage.scr";
	CHECK_INT(officer_files_outgoing(&cfg, &m, "nl", &files, &n, &why), -1);
	CHECK_CONTAINS(why, "de bijlage \"bijlage.scr\" is een programma of "
	    "script");
	free(why);
	a[1].filename = "bijlage.docx";

	m.nattachments_dropped = 1;
	CHECK_INT(officer_files_outgoing(&cfg, &m, "nl", &files, &n, &why), -1);
	CHECK_CONTAINS(why, "meer dan 100 bijlagen (limits.max_attachments)");
	free(why);
}

int
main(void)
{
	test_blocked();
	test_to_officers();
	test_outgoing();
	return check_done();
}
