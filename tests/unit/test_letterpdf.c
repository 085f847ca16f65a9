/*
 * Unit tests: the outcome letter (etc/templates/nl/outcome-awb.txt,
 * rendered as klachtd renders it) as a PDF.  Poppler's pdftotext must
 * find the reference, the name, the postal address and every part Awb
 * 9:12 asks of the outcome letter (findings, judgement, conclusions, the
 * ombudsman); pdftoppm must render a first page with ink on it; a long
 * text runs over pages that are numbered "Pagina i van N".  Skipped (77)
 * without poppler-utils.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "letterpdf.h"
#include "template.h"
#include "util.h"

static char	dir[] = "/tmp/test_letterpdf.XXXXXX";

/* Writes the PDF and runs cmd (with %s = its path); returns the output. */
static char *
run(const char *pdf, size_t len, const char *cmd)
{
	char	*path = xasprintf("%s/letter.pdf", dir), *c, *out;
	FILE	*f;
	size_t	 n;

	f = fopen(path, "wb");
	CHECK(f != NULL);
	if (f == NULL)
		exit(1);
	fwrite(pdf, 1, len, f);
	fclose(f);
	c = xasprintf(cmd, path);
	f = popen(c, "r");
	free(c);
	free(path);
	CHECK(f != NULL);
	if (f == NULL)
		exit(1);
	out = xmalloc(4 << 20);
	n = fread(out, 1, (4 << 20) - 1, f);
	out[n] = '\0';
	CHECK_INT(pclose(f), 0);
	return out;
}

/* Pixels darker than near-white on page 1 of a PGM (P5) at 50 dpi. */
static long
ink(const char *pgm)
{
	const unsigned char	*p = (const unsigned char *)pgm;
	int			 w, h, max, used = 0;
	long			 i, n = 0;

	if (sscanf(pgm, "P5 %d %d %d%n", &w, &h, &max, &used) != 3)
		return -1;
	p += used + 1;
	for (i = 0; i < (long)w * h; i++)
		if (p[i] < 200)
			n++;
	return n;
}

static void
test_outcome(void)
{
	static const char *postal[] = { "Postbus 1", "1234 AB Testdorp" };
	struct tmpl_var v[] = {
		{ "reference", "KL-2026-00042" },
		{ "name", "Jan de Boer" },
		{ "received_date", "2 maart 2026" },
		{ "subject", "Container niet geleegd" },
		{ "findings", "De container aan de Dorpsstraat is drie weken "
		    "niet geleegd omdat de route verkeerd was ingevoerd." },
		{ "judgement", "gegrond" },
		{ "conclusions", "De route is hersteld; wij controleren haar "
		    "voortaan elke maand." },
		{ "ombudsman", "de Nationale ombudsman" },
		{ "organisation", "Gemeente Testdorp" },
		{ "address", "klachten@testdorp.example" },
		{ "decided_date", "10 april 2026" },
		/* the letters' own variables (outmail.c, issue 16) */
		{ "salutation", "Geachte heer De Boer" },
		{ "about", "Container niet geleegd" },
		{ "due_date", "13 april 2026" },
		{ "handler_name", "Anna de Vries" },
		{ "handler_title", "klachtenfunctionaris" },
		{ "handler_phone", "14 020" }, { "handler_person", "1" },
		{ "signature", "Gemeente Testdorp" },
		{ "upheld", "1" }, { "partly_upheld", "" },
		{ "not_upheld", "" }, { "late", "" }, { "is_awb", "1" },
		{ "heard", "1" }, { "not_heard_a", "" }, { "not_heard_b", "" },
		{ "not_heard_c", "" },
	};
	struct tmpl_out	 t;
	struct letter	 l;
	char		*why = NULL, *pdf = NULL, *text, *pgm, *tdir;
	size_t		 len = 0;
	int		 pages = 0;

	tdir = xasprintf("%s/etc/templates", getenv("top_srcdir") ?
	    getenv("top_srcdir") : "../..");
	CHECK_INT(tmpl_render_file(tdir, "nl", "outcome-awb", v,
	    sizeof v / sizeof v[0], &t, &why), 0);
	free(tdir);
	if (why != NULL) {
		fprintf(stderr, "%s\n", why);
		exit(1);
	}
	memset(&l, 0, sizeof l);
	l.lang = "nl";
	l.org_name = "Gemeente Testdorp";
	l.org_postal = postal;
	l.norg_postal = 2;
	l.org_email = "klachten@testdorp.example";
	l.to_name = "Jan de Boer";
	l.to_address = "Dorpsstraat 12\n1234 CD Testdorp";
	l.reference = "KL-2026-00042";
	l.date = "10 april 2026";
	l.subject = t.subject;
	l.body = t.body;
	CHECK_INT(letter_pdf(&l, &pdf, &len, &pages, &why), 0);
	CHECK(len > 1000);
	CHECK(pdf != NULL && memcmp(pdf, "%PDF-", 5) == 0);
	/* The plain-language outcome letter takes two pages. */
	CHECK_INT(pages, 2);

	text = run(pdf, len, "pdftotext -enc UTF-8 %s -");
	CHECK_CONTAINS(text, "KL-2026-00042");
	CHECK_CONTAINS(text, "Jan de Boer");
	CHECK_CONTAINS(text, "Dorpsstraat 12");
	CHECK_CONTAINS(text, "1234 CD Testdorp");
	CHECK_CONTAINS(text, "Ons kenmerk");
	CHECK_CONTAINS(text, "10 april 2026");
	/* the return address, above the addressee in the window */
	CHECK_CONTAINS(text, "Postbus 1");
	/* Awb 9:12: findings, judgement and conclusions, and where to go
	 * next (9:12 lid 2, the ombudsman) */
	CHECK_CONTAINS(text, "Wat wij hebben onderzocht");
	CHECK_CONTAINS(text, "omdat de route verkeerd was");
	CHECK_CONTAINS(text, "Ons oordeel");
	CHECK_CONTAINS(text, "Wij vinden uw klacht gegrond");
	CHECK_CONTAINS(text, "Wat wij hiervan leren");
	CHECK_CONTAINS(text, "voortaan elke maand");
	CHECK_CONTAINS(text, "de Nationale ombudsman");
	CHECK_CONTAINS(text, "Pagina 1 van 2");
	CHECK_CONTAINS(text, "Pagina 2 van 2");
	free(text);

	pgm = run(pdf, len, "pdftoppm -r 50 -gray -f 1 -l 1 %s");
	/* A4 at 50 dpi is 414 x 585 pixels; a letter inks a few thousand
	 * of them, a blank page none. */
	CHECK(ink(pgm) > 2000);
	free(pgm);
	free(pdf);
	tmpl_out_free(&t);
}

static void
test_pages(void)
{
	struct buf	 b;
	struct letter	 l;
	char		*why = NULL, *pdf = NULL, *text, *info;
	size_t		 len = 0;
	int		 i, pages = 0;

	buf_init(&b);
	for (i = 1; i <= 150; i++)
		buf_printf(&b, "Regel %d van een lange brief, met genoeg "
		    "woorden om over de breedte van de bladzijde te lopen en "
		    "daar netjes af te breken.\n", i);
	/* One word longer than a line is broken inside, not lost. */
	buf_adds(&b, "Eenwoordzonderspatiesdatlangerisdanderegel"
	    "Eenwoordzonderspatiesdatlangerisdanderegel"
	    "EenwoordzonderspatiesdatlangerisdanderegelEINDE\n");
	buf_adds(&b, "\xff niet-UTF-8 blijft leesbaar.\n");
	memset(&l, 0, sizeof l);
	l.lang = "en";
	l.org_name = "Gemeente Testdorp";
	l.to_name = "J. de Boer";
	l.reference = "KL-2026-00043";
	l.date = "10 April 2026";
	l.body = b.data;
	CHECK_INT(letter_pdf(&l, &pdf, &len, &pages, &why), 0);
	CHECK(pages >= 3);
	info = run(pdf, len, "pdfinfo %s");
	{
		char *want = xasprintf("Pages:           %d\n", pages);

		CHECK_CONTAINS(info, want);
		free(want);
	}
	free(info);
	text = run(pdf, len, "pdftotext -enc UTF-8 %s -");
	CHECK_CONTAINS(text, "Regel 1 van");
	CHECK_CONTAINS(text, "Regel 150 van");
	CHECK_CONTAINS(text, "EINDE");
	CHECK_CONTAINS(text, "niet-UTF-8 blijft leesbaar");
	CHECK_CONTAINS(text, "Page 1 of ");
	CHECK_CONTAINS(text, "Page 2 of ");
	CHECK_CONTAINS(text, "Our reference");
	/* every line once: none lost or doubled at a page break */
	for (i = 1; i <= 150; i++) {
		char *w = xasprintf("Regel %d van", i), *p;

		p = strstr(text, w);
		CHECK(p != NULL && strstr(p + 1, w) == NULL);
		free(w);
	}
	free(text);
	free(pdf);
	buf_free(&b);
}

static void
test_logo(void)
{
	char	*why = NULL, *bad = xasprintf("%s/nope.png", dir);

	CHECK_INT(letter_logo_check(bad, &why), -1);
	CHECK_CONTAINS(why, "nope.png");
	free(why);
	free(bad);
}

int
main(void)
{
	if (system("pdftotext -v >/dev/null 2>&1") != 0 ||
	    system("pdftoppm -v >/dev/null 2>&1") != 0) {
		fprintf(stderr, "SKIP: no pdftotext/pdftoppm (poppler-utils)\n");
		return 77;
	}
	if (mkdtemp(dir) == NULL)
		return 1;
	test_outcome();
	test_pages();
	test_logo();
	{
		char *c = xasprintf("rm -rf %s", dir);

		if (system(c) != 0)
			check_failed++;
		free(c);
	}
	return check_done();
}
