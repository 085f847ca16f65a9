/*
 * test_htmlscan.c -- the HTML pre-scan that bounds libxml2's work (issue
 * 18 F3), hidden text and one rendering for commands (F13) and <meta>
 * charsets (D15), down to what mail_parse() and cmd_parse() make of it.
 *
 * No verdict here depends on time: the adversarial inputs are checked by
 * the work the scan handed on to libxml2 (html_scan_stats), which is what
 * makes the time linear.  bench/html.sh measures the seconds.
 */
#include "config.h"

#include <glib.h>
#include <libxml/parser.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "cmdparse.h"
#include "htmlcss.h"
#include "htmlscan.h"
#include "mail.h"
#include "textconv.h"
#include "util.h"

/* <div a0="x" a1="x" ... >text</div> with n attributes, then tail. */
static char *
many_attrs(size_t n, const char *last, const char *text)
{
	struct buf	b;
	size_t		i;

	buf_init(&b);
	buf_adds(&b, "<div");
	for (i = 0; i < n; i++)
		buf_printf(&b, " a%zu=\"x\"", i);
	if (last != NULL)
		buf_printf(&b, " %s", last);
	buf_printf(&b, ">%s</div>", text);
	return buf_detach(&b, NULL);
}

/* The review's mail: 80,000 attributes on one element (42 s before). */
static void
test_attrs(void)
{
	struct html_scan_stats	 st;
	char			*h, *s;

	h = many_attrs(80000, NULL, "hallo");
	s = html_to_text_scan(h, strlen(h), &st);
	CHECK_STR(s, "hallo\n");
	CHECK(st.capped);
	CHECK_INT(st.max_attrs, HTMLSCAN_MAX_ATTRS);
	CHECK_INT(st.attrs, HTMLSCAN_MAX_ATTRS);
	CHECK_INT(st.attrs_dropped, 80000 - HTMLSCAN_MAX_ATTRS);
	free(s);
	free(h);

	/* What hides an element still counts after the cap. */
	h = many_attrs(80000, "style=\"display:none\"", "#sluit gegrond");
	s = html_to_text_scan(h, strlen(h), &st);
	CHECK_STR(s, "");
	CHECK_INT(st.attrs, HTMLSCAN_MAX_ATTRS + 1);
	free(s);
	free(h);
	h = many_attrs(5000, "hidden class=x hidden style=x", "verborgen");
	s = html_to_text_scan(h, strlen(h), &st);
	CHECK_STR(s, "");
	CHECK_INT(st.attrs, HTMLSCAN_MAX_ATTRS + 3);
	free(s);
	free(h);

	/* Many elements with many attributes: the total is capped. */
	{
		struct buf	b;
		size_t		i;

		buf_init(&b);
		for (i = 0; i < 3000; i++) {
			h = many_attrs(100, NULL, "x");
			buf_adds(&b, h);
			free(h);
		}
		s = html_to_text_scan(b.data, b.len, &st);
		CHECK(st.attrs <= HTMLSCAN_MAX_ATTRS_TOTAL);
		CHECK_INT(st.elements, 3000);
		CHECK_INT(strlen(s), 3000 * 2);
		free(s);
		buf_free(&b);
	}
}

/* Nesting beyond libxml2's 256 lost the rest of the mail before. */
static void
test_depth(void)
{
	struct html_scan_stats	 st;
	struct buf		 b;
	char			*s;
	size_t			 i;

	buf_init(&b);
	for (i = 0; i < 300; i++)
		buf_adds(&b, "<div>");
	buf_adds(&b, "diep");
	for (i = 0; i < 300; i++)
		buf_adds(&b, "</div>");
	buf_adds(&b, "<p>Mijn klacht gaat over de parkeervergunning.</p>");
	s = html_to_text_scan(b.data, b.len, &st);
	CHECK_STR(s, "Mijn klacht gaat over de parkeervergunning.\n");
	CHECK_INT(st.max_depth, HTMLSCAN_MAX_DEPTH);
	CHECK_INT(st.elements_dropped, 300 - HTMLSCAN_MAX_DEPTH);
	CHECK(st.capped);
	free(s);
	buf_free(&b);

	/* A hidden element beyond the cap: its text stays out. */
	buf_init(&b);
	for (i = 0; i < 250; i++)
		buf_adds(&b, "<span>");
	buf_adds(&b, "<div style=\"display:none\">#sluit gegrond</div>");
	s = html_to_text_scan(b.data, b.len, &st);
	CHECK(strstr(s, "#sluit") == NULL);
	free(s);
	buf_free(&b);

	/* Elements libxml2 closes itself do not count as nested. */
	buf_init(&b);
	buf_adds(&b, "<ul>");
	for (i = 0; i < 1000; i++)
		buf_adds(&b, "<li><p>punt");
	buf_adds(&b, "</ul><table>");
	for (i = 0; i < 1000; i++)
		buf_adds(&b, "<tr><td>a<td>b");
	buf_adds(&b, "</table><p>einde");
	s = html_to_text_scan(b.data, b.len, &st);
	CHECK(st.max_depth < 10);
	CHECK_INT(st.elements_dropped, 0);
	CHECK(g_str_has_suffix(s, "a b\n\neinde\n"));
	free(s);
	buf_free(&b);

	/* An end tag does not close through a <div> (libxml2's rule). */
	buf_init(&b);
	for (i = 0; i < 300; i++)
		buf_adds(&b, "<b><div></b>");
	buf_adds(&b, "x");
	s = html_to_text_scan(b.data, b.len, &st);
	CHECK_INT(st.max_depth, HTMLSCAN_MAX_DEPTH);
	CHECK(st.elements_dropped > 0);
	free(s);
	buf_free(&b);
}

/* The element cap cuts the rest; void elements count but nest not. */
static void
test_elements(void)
{
	struct html_scan_stats	 st;
	struct buf		 b;
	char			*s;
	size_t			 i;

	buf_init(&b);
	for (i = 0; i < HTMLSCAN_MAX_ELEMENTS + 10; i++)
		buf_adds(&b, "<br>");
	buf_adds(&b, "na de grens");
	s = html_to_text_scan(b.data, b.len, &st);
	CHECK(st.cut);
	CHECK_INT(st.elements, HTMLSCAN_MAX_ELEMENTS);
	CHECK_INT(st.max_depth, 0);
	CHECK(strstr(s, "na de grens") == NULL);
	free(s);
	buf_free(&b);
}

/* The canonical tags: libxml2 reads tag boundaries as the scan did. */
static void
test_canonical(void)
{
	static const struct {
		const char	*html;
		const char	*scan;	/* html_scan() output */
	} t[] = {
		{ "<DIV Class=a title='x\"y' hidden>t</DIV>",
		  "<div Class=\"a\" title=\"x&quot;y\" hidden=\"\">t</div>" },
		{ "<p/>x<br/><img src=a alt=b/>", "<p></p>x<br><img src=\"a\" "
		  "alt=\"b/\">" },
		{ "a<!-- <div x=1> -->b<!DOCTYPE html><?xml x?>c", "abc" },
		{ "<script>if (a<b) x='</div>'</script>d",
		  "<script></script>d" },
		{ "<style>p < q {x:y}</style>", "<style>p < q {x:y}</style>" },
		{ "1 < 2 <3 </ 4", "1 &lt; 2 &lt;3 &lt;/ 4" },
		{ "</div foo=bar>x", "</div>x" },
		{ "<div \"a\"=1 b<c=2 _d=3>", "<div _d=\"3\">" },
		{ "<div a=\"unterminated>text", "" },
		{ "<div a", "" },
	};
	char	*s;
	size_t	 i, n;

	for (i = 0; i < G_N_ELEMENTS(t); i++) {
		s = html_scan(t[i].html, strlen(t[i].html), &n, NULL);
		CHECK_STR(s, t[i].scan);
		CHECK_INT(n, strlen(s));
		free(s);
	}
}

/* D15: the charset a <meta> declares. */
static void
test_meta_charset(void)
{
	static const struct {
		const char	*html;
		const char	*want;
	} t[] = {
		{ "<html><head><meta charset=\"windows-1251\">", "windows-1251" },
		{ "<META CHARSET=koi8-r>", "koi8-r" },
		{ "<meta charset = 'utf-8' />", "utf-8" },
		{ "<meta http-equiv=\"Content-Type\" content=\"text/html; "
		  "charset=iso-8859-2\">", "iso-8859-2" },
		{ "<meta content='text/html;charset=\"gb2312\"' "
		  "http-equiv=content-type>", "gb2312" },
		{ "<meta http-equiv=refresh content=\"0; charset=x\">", NULL },
		{ "<!-- <meta charset=koi8-r> --><p>", NULL },
		{ "<metadata charset=x>", NULL },
		{ "<meta name=x><meta charset=shift_jis>", "shift_jis" },
		{ "<meta charset=>", NULL },
		{ "", NULL },
	};
	/* With bytes strlen() cannot pass: NULs after "charset=" (found
	 * by fuzz_html; gave "" as the charset) and a control byte. */
	static const char nul[] = "<meta http-equiv=\"Content-Type\" content="
	    "\"text/html; charset=\0\0\0windows-1251\">";
	static const char ctl[] = "<meta charset=\001koi8-r>";
	static const char mid[] = "<meta charset=koi8\0-r>";
	char	 out[32];
	char	*got;
	size_t	 i;

	for (i = 0; i < G_N_ELEMENTS(t); i++) {
		got = html_meta_charset(t[i].html, strlen(t[i].html), out,
		    sizeof out);
		CHECK_STR(got, t[i].want);
	}
	CHECK_STR(html_meta_charset(nul, sizeof nul - 1, out, sizeof out),
	    NULL);
	CHECK_STR(html_meta_charset(ctl, sizeof ctl - 1, out, sizeof out),
	    NULL);
	CHECK_STR(html_meta_charset(mid, sizeof mid - 1, out, sizeof out),
	    "koi8");
}

/* D15: a windows-1251 body without a MIME charset, and with a wrong one
 * that html_to_text() is not told about (bytes not UTF-8). */
static void
test_meta_html(void)
{
	const char	*h = "<html><head><meta http-equiv=Content-Type "
			    "content=\"text/html; charset=windows-1251\">"
			    "</head><body>\xcf\xf0\xe8\xe2\xe5\xf2</body>";
	char		*s;

	s = html_to_text(h, strlen(h));
	CHECK_STR(s, "\xd0\x9f\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82\n");
	free(s);
}

/* F13: text CSS hides is not text; what a child makes visible again is. */
static void
test_hidden(void)
{
	static const struct {
		const char	*html;
		const char	*want;
	} t[] = {
		{ "<p>a</p><p style=\"visibility:hidden\">#sluit gegrond</p>",
		  "a\n" },
		{ "<p>a</p><p style=\"VISIBILITY: Collapse\">#sluit</p>", "a\n" },
		{ "<div style=\"visibility:hidden\">x<b style=\"visibility:"
		  "visible\">b</b></div>", "b\n" },
		{ "a<span style=\"font-size:0\">#sluit</span>", "a\n" },
		{ "a<span style=\"font-size: 0px\">#sluit</span>", "a\n" },
		{ "a<span style=\"font-size:0.0pt !important\">#sluit</span>",
		  "a\n" },
		{ "a<span style=\"font:0/0 a\">#sluit</span>", "a\n" },
		{ "a<span style=\"font-size:0.8em\">b</span>", "ab\n" },
		{ "a <span style=\"font-size:10px\">b</span>", "a b\n" },
		{ "<div style=\"font-size:0\"><span style=\"font-size:14px\">"
		  "kolom</span></div>", "kolom\n" },
		{ "a<span style='mso-hide:all'>#sluit</span>", "a\n" },
		{ "<p>a</p><div style=\"max-height:0;overflow:hidden\">#sluit"
		  "</div>", "a\n" },
		{ "<p>a</p><div style=\"height:0px; overflow-y: hidden\">#sluit"
		  "</div>", "a\n" },
		{ "<p>a</p><div style=\"max-height:0\">b</div>", "a\n\nb\n" },
		{ "<p>a</p><div style=\"opacity:0\">#sluit</div>", "a\n" },
		{ "<p>a</p><div style=\"opacity:0.0\">#sluit</div>", "a\n" },
		{ "<p>a</p><div style=\"opacity:.5\">b</div>", "a\n\nb\n" },
		{ "<p>a</p><div style=\"display : none !important\">#sluit"
		  "</div>", "a\n" },
		/* Rules of <style> elements. */
		{ "<style>.x{display:none}</style><p>a</p><div class=\"a X\">"
		  "#sluit</div>", "a\n" },
		{ "<style>#y { visibility: hidden }</style><p>a</p><p id=y>"
		  "#sluit</p>", "a\n" },
		{ "<style>span.z{font-size:0}</style><p class=z>a</p><span "
		  "class=z>#sluit</span>", "a\n" },
		{ "<style>/* x */ .c{mso-hide:all} .d{color:red}</style>"
		  "<p class=d>a</p><p class=c>#sluit</p>", "a\n" },
		{ "<style>div .d > p.e, .f{display:none}</style><p>a</p>"
		  "<p class=e>#sluit</p><p class=f>#sluit</p>", "a\n" },
		{ "<style><!-- .g{opacity:0} --></style><p>a</p><p class=g>"
		  "#sluit</p>", "a\n" },
		{ "<p>a</p><p class=h>#sluit</p><style>.h{display:none}"
		  "</style>", "a\n" },
		{ "<style>.a.b{display:none}</style><p class=a>a</p><p "
		  "class=\"b a\">#sluit</p>", "a\n" },
		/* Conditional rules are left out. */
		{ "<style>@media (max-width:600px){.m{display:none}}"
		  ".n:hover{display:none} [x]{display:none}</style>"
		  "<p class=m>a</p><p class=n>b</p><p x>c</p>",
		  "a\n\nb\n\nc\n" },
		{ "<style>@import url(x); @font-face{font-family:x} .o{"
		  "display:none}</style><p class=o>#sluit</p><p>a</p>", "a\n" },
		/* A class rule making a font-size:0 child visible again. */
		{ "<style>.col{font-size:14px}</style><div style=\"font-size:"
		  "0\"><div class=col>kolom</div></div>", "kolom\n" },
	};
	char	*s;
	size_t	 i;

	for (i = 0; i < G_N_ELEMENTS(t); i++) {
		s = html_to_text(t[i].html, strlen(t[i].html));
		if (strcmp(s, t[i].want) != 0)
			fprintf(stderr, "hidden case %zu\n", i);
		CHECK_STR(s, t[i].want);
		free(s);
	}
}

/* Style sheets cost linear time: many rules, long class lists. */
static void
test_sheet_bounds(void)
{
	struct css_sheet	*sh = css_sheet_new();
	struct css_vis		 v;
	struct buf		 b;
	size_t			 i;

	buf_init(&b);
	for (i = 0; i < 5000; i++)
		buf_printf(&b, ".c%zu{display:none} @x; @m{", i);
	css_sheet_add(sh, b.data, b.len);
	CHECK(css_sheet_count(sh) <= CSS_MAX_RULES);
	buf_free(&b);
	css_sheet_free(sh);

	sh = css_sheet_new();
	css_sheet_add(sh, ".a.b.c{visibility:hidden}", 25);
	buf_init(&b);
	for (i = 0; i < 20000; i++)
		buf_adds(&b, "a b ");
	css_vis_init(&v);
	css_sheet_match(sh, "p", NULL, b.data, &v);
	CHECK_INT(v.hidden, -1);
	buf_adds(&b, "c");
	css_sheet_match(sh, "p", NULL, b.data, &v);
	CHECK_INT(v.hidden, 1);
	buf_free(&b);
	css_sheet_free(sh);
}

static const struct mail_limits lim = { 1024 * 1024, 1024 * 1024, 20, 500, 0 };

/* The commands an officer's mail holds, as officer_exec reads them. */
static size_t
mail_commands(const char *raw, char **body)
{
	struct mail	*m;
	struct cmd_list	 cl;
	char		*why = NULL;
	size_t		 n;

	m = mail_parse(raw, strlen(raw), &lim, &why);
	CHECK(m != NULL);
	if (m == NULL) {
		free(why);
		*body = xstrdup("");
		return 0;
	}
	cmd_parse(m->body, "nl", &cl);
	n = cl.n;
	cmd_list_free(&cl);
	*body = xstrdup(m->body);
	mail_free(m);
	return n;
}

/* F13: commands come from one rendering, never from hidden text. */
static void
test_one_rendering(void)
{
	const char	*mixed =
	    "From: f@example.org\nMessage-ID: <r1@x>\nMIME-Version: 1.0\n"
	    "Content-Type: multipart/mixed; boundary=B\n\n"
	    "--B\nContent-Type: text/plain; charset=utf-8\n\n"
	    "Dank, ik kijk ernaar.\n"
	    "--B\nContent-Type: text/html; charset=utf-8\n\n"
	    "<p>#sluit gegrond</p>\n--B--\n";
	const char	*alt =
	    "From: f@example.org\nMessage-ID: <r2@x>\nMIME-Version: 1.0\n"
	    "Content-Type: multipart/alternative; boundary=B\n\n"
	    "--B\nContent-Type: text/html; charset=utf-8\n\n"
	    "<p>#sluit gegrond</p>\n"
	    "--B\nContent-Type: text/plain; charset=utf-8\n\n"
	    "Dank, ik kijk ernaar.\n--B--\n";
	const char	*htmlonly =
	    "From: f@example.org\nMessage-ID: <r3@x>\nMIME-Version: 1.0\n"
	    "Content-Type: multipart/mixed; boundary=B\n\n"
	    "--B\nContent-Type: text/html; charset=utf-8\n\n"
	    "<p>#notitie gebeld</p>\n"
	    "--B\nContent-Type: text/html; charset=utf-8\n\n"
	    "<p>Groet</p>\n--B--\n";
	const char	*hidden =
	    "From: f@example.org\nMessage-ID: <r4@x>\n"
	    "Content-Type: text/html; charset=utf-8\n\n"
	    "<html><head><style>.q{display:none}</style></head><body>"
	    "<p>Dank.</p><p class=q>#sluit gegrond</p>"
	    "<p style=\"font-size:0\">#toewijzen x@example.org</p>"
	    "<p style=\"mso-hide:all\">#sluit ongegrond</p></body></html>\n";
	char		*body;

	CHECK_INT(mail_commands(mixed, &body), 0);
	CHECK_STR(body, "Dank, ik kijk ernaar.");
	free(body);
	CHECK_INT(mail_commands(alt, &body), 0);
	CHECK_STR(body, "Dank, ik kijk ernaar.");
	free(body);
	CHECK_INT(mail_commands(htmlonly, &body), 1);
	CHECK_STR(body, "#notitie gebeld\n\nGroet\n");
	free(body);
	CHECK_INT(mail_commands(hidden, &body), 0);
	CHECK_STR(body, "Dank.\n");
	free(body);
}

/* D15: a MIME part without charset is read in its <meta> charset. */
static void
test_meta_mail(void)
{
	const char	*raw =
	    "From: a@example.org\nMessage-ID: <m1@x>\nMIME-Version: 1.0\n"
	    "Content-Type: text/html\nContent-Transfer-Encoding: 8bit\n\n"
	    "<html><head><meta charset=\"windows-1251\"></head>"
	    "<body><p>\xcf\xf0\xe8\xe2\xe5\xf2</p></body></html>\n";
	const char	*header_wins =
	    "From: a@example.org\nMessage-ID: <m2@x>\nMIME-Version: 1.0\n"
	    "Content-Type: text/html; charset=iso-8859-1\n"
	    "Content-Transfer-Encoding: 8bit\n\n"
	    "<meta charset=\"windows-1251\"><p>Caf\xe9</p>\n";
	struct mail	*m;
	char		*why = NULL;

	m = mail_parse(raw, strlen(raw), &lim, &why);
	CHECK(m != NULL);
	if (m != NULL)
		CHECK_STR(m->body, "\xd0\x9f\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5"
		    "\xd1\x82\n");
	mail_free(m);
	m = mail_parse(header_wins, strlen(header_wins), &lim, &why);
	CHECK(m != NULL);
	if (m != NULL)
		CHECK_STR(m->body, "Caf\xc3\xa9\n");
	mail_free(m);
}

int
main(void)
{
	mail_init();
	textconv_init();
	test_attrs();
	test_depth();
	test_elements();
	test_canonical();
	test_meta_charset();
	test_meta_html();
	test_hidden();
	test_sheet_bounds();
	test_one_rendering();
	test_meta_mail();
	xmlCleanupParser();
	return check_done();
}
