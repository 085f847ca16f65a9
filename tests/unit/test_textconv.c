/*
 * test_textconv.c -- unit tests for textconv.c: charset repair on real
 * mislabelled Dutch mail, newline normalisation, and HTML from Outlook,
 * Outlook on the web, Gmail, Apple Mail, Thunderbird and a newsletter
 * rendered to the text the command parser sees.  Inputs that once
 * crashed or misbehaved under the fuzzer are kept at the end.
 */
#include "config.h"

#include <glib.h>
#include <libxml/parser.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "textconv.h"
#include "util.h"

/* A byte string literal and its length (it may hold NULs). */
#define B(s)	s, sizeof(s) - 1

/* The Dutch test sentence, as it should come out. */
#define DUTCH_UTF8							\
	"Geachte heer, de kosten van \xe2\x82\xac 12,50 voor de "	\
	"\xe2\x80\x98reparatie\xe2\x80\x99 zijn te hoog. "		\
	"Met groet, Zo\xc3\xab Verd\xc3\xa9."
#define DUTCH_1252							\
	"Geachte heer, de kosten van \x80 12,50 voor de "		\
	"\x91reparatie\x92 zijn te hoog. "				\
	"Met groet, Zo\xeb Verd\xe9."
/* iso-8859-15 has no smart quotes; the euro sign is 0xa4. */
#define DUTCH_LATIN9							\
	"Geachte heer, de kosten van \xa4 12,50 voor de "		\
	"'reparatie' zijn te hoog. Met groet, Zo\xeb Verd\xe9."
#define DUTCH_LATIN9_UTF8						\
	"Geachte heer, de kosten van \xe2\x82\xac 12,50 voor de "	\
	"'reparatie' zijn te hoog. Met groet, Zo\xc3\xab Verd\xc3\xa9."

struct cs_case {
	const char	*name;
	const char	*data;
	size_t		 len;
	const char	*charset;
	const char	*want;
	const char	*want_used;
};

static const struct cs_case cs_cases[] = {
	{ "1252 declared iso-8859-1", B(DUTCH_1252), "iso-8859-1",
	  DUTCH_UTF8, "windows-1252" },
	{ "1252 declared ISO-8859-1 quoted", B(DUTCH_1252), " \"ISO-8859-1\"",
	  DUTCH_UTF8, "windows-1252" },
	{ "1252 declared windows-1252", B(DUTCH_1252), "Windows-1252",
	  DUTCH_UTF8, "windows-1252" },
	{ "1252 without charset", B(DUTCH_1252), NULL,
	  DUTCH_UTF8, "windows-1252" },
	{ "1252 with empty charset", B(DUTCH_1252), "",
	  DUTCH_UTF8, "windows-1252" },
	{ "1252 declared utf-8", B(DUTCH_1252), "utf-8",
	  DUTCH_UTF8, "windows-1252" },
	{ "1252 declared us-ascii", B(DUTCH_1252), "us-ascii",
	  DUTCH_UTF8, "windows-1252" },
	{ "1252 declared unknown name", B(DUTCH_1252), "x-mac-klingon",
	  DUTCH_UTF8, "windows-1252" },
	{ "1252 declared with iconv suffix", B(DUTCH_1252),
	  "utf-8//TRANSLIT", DUTCH_UTF8, "windows-1252" },
	{ "utf-8 declared us-ascii", B(DUTCH_UTF8), "us-ascii",
	  DUTCH_UTF8, "utf-8" },
	{ "utf-8 declared iso-8859-1", B(DUTCH_UTF8), "iso-8859-1",
	  DUTCH_UTF8, "utf-8" },
	{ "utf-8 declared iso-8859-2 (iconv, single-byte)", B(DUTCH_UTF8),
	  "iso-8859-2", DUTCH_UTF8, "utf-8" },
	{ "utf-8 declared utf-8", B(DUTCH_UTF8), "UTF-8",
	  DUTCH_UTF8, "utf-8" },
	{ "utf-8 without charset", B(DUTCH_UTF8), NULL,
	  DUTCH_UTF8, "utf-8" },
	{ "latin9 declared x-unknown", B(DUTCH_LATIN9), "x-unknown",
	  DUTCH_LATIN9_UTF8, "iso-8859-15" },
	{ "latin9 without charset", B(DUTCH_LATIN9), NULL,
	  DUTCH_LATIN9_UTF8, "iso-8859-15" },
	{ "latin9 declared iso-8859-15", B(DUTCH_LATIN9), "ISO-8859-15",
	  DUTCH_LATIN9_UTF8, "iso-8859-15" },
	{ "latin9 declared iso-8859-1: currency sign", B("kost \xa4 5"),
	  "iso-8859-1", "kost \xc2\xa4 5", "windows-1252" },
	{ "ascii declared iso-8859-1", B("STATUS: afgehandeld"),
	  "iso-8859-1", "STATUS: afgehandeld", "us-ascii" },
	{ "ascii without charset", B("hallo"), NULL, "hallo", "us-ascii" },
	{ "empty", "", 0, "utf-8", "", "us-ascii" },
	{ "NULL data", NULL, 0, NULL, "", "us-ascii" },
	{ "1252 undefined bytes",
	  B("a\x81" "b\x8d" "c\x8f" "d\x90" "e\x9d" "f"), "windows-1252",
	  "a\xef\xbf\xbd" "b\xef\xbf\xbd" "c\xef\xbf\xbd" "d\xef\xbf\xbd"
	  "e\xef\xbf\xbd" "f", "windows-1252" },
	{ "utf-8 body, latin-1 signature", B("Caf\xc3\xa9 \xe2\x82\xac 5 "
	  "en cr\xc3\xa8me -- Zo\xeb"), "utf-8",
	  "Caf\xc3\xa9 \xe2\x82\xac 5 en cr\xc3\xa8me -- Zo\xc3\xab",
	  "utf-8+windows-1252" },
	{ "utf-8 BOM and NULs dropped", B("\xef\xbb\xbfHal\0lo"), "utf-8",
	  "Hallo", "utf-8" },
	{ "iso-8859-2 through iconv", B("Dobr\xfd den, \xf8idi\xe8"),
	  "ISO-8859-2", "Dobr\xc3\xbd den, \xc5\x99idi\xc4\x8d", "iso-8859-2" },
	{ "koi8-r through iconv", B("\xf0\xd2\xc9\xd7\xc5\xd4, \xcd\xc9\xd2"),
	  "koi8-r", "\xd0\x9f\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82, "
	  "\xd0\xbc\xd0\xb8\xd1\x80", "koi8-r" },
	{ "shift_jis read as cp932", B("\x8b\xea\x8f\xee\x82\xf0\x8e\xf3"),
	  "Shift_JIS", "\xe8\x8b\xa6\xe6\x83\x85\xe3\x82\x92\xe5\x8f\x97",
	  "cp932" },
	{ "shift_jis with a truncated last byte", B("\x8b\xea\x8f\xee\x82"
	  "\xf0\x8e\xf3\x82\xaf\x95t\x82\xaf\x82\xdc\x82\xb5\x82"), "shift_jis",
	  "\xe8\x8b\xa6\xe6\x83\x85\xe3\x82\x92\xe5\x8f\x97\xe3\x81\x91"
	  "\xe4\xbb\x98\xe3\x81\x91\xe3\x81\xbe\xe3\x81\x97\xef\xbf\xbd",
	  "cp932" },
	{ "gb2312 read as gb18030", B("\xcd\xb6\xcb\xdf\xd2\xd1\xca\xd5"
	  "\xb5\xbd"), "gb2312", "\xe6\x8a\x95\xe8\xaf\x89\xe5\xb7\xb2"
	  "\xe6\x94\xb6\xe5\x88\xb0", "gb18030" },
	{ "big5", B("\xa7\xeb\xb6" "D"), "big5", "\xe6\x8a\x95\xe8\xa8\xb4",
	  "big5-hkscs" },
	{ "utf-16 with BOM", B("\xff\xfeZ\0o\0\xeb\0 \0\xac "), "UTF-16",
	  "Zo\xc3\xab \xe2\x82\xac", "utf-16" },
	{ "utf-7", B("Hi +AOk-"), "utf-7", "Hi \xc3\xa9", "utf-7" },
};

static void
test_text_to_utf8(void)
{
	const struct cs_case	*c;
	const char		*used;
	char			*s;
	size_t			 i;

	for (i = 0; i < G_N_ELEMENTS(cs_cases); i++) {
		c = &cs_cases[i];
		used = NULL;
		s = text_to_utf8(c->data, c->len, c->charset, &used);
		if (strcmp(s, c->want) != 0 || used == NULL ||
		    strcmp(used, c->want_used) != 0)
			fprintf(stderr, "case: %s\n", c->name);
		CHECK_STR(s, c->want);
		CHECK_STR(used, c->want_used);
		CHECK(g_utf8_validate(s, -1, NULL));
		free(s);
	}

	/* used may be NULL. */
	s = text_to_utf8(B(DUTCH_1252), "iso-8859-1", NULL);
	CHECK_STR(s, DUTCH_UTF8);
	free(s);
}

/* Every byte value in every kind of charset comes out valid UTF-8. */
static void
test_text_to_utf8_garbage(void)
{
	static const char *const charsets[] = {
		NULL, "utf-8", "us-ascii", "iso-8859-1", "iso-8859-15",
		"windows-1252", "shift_jis", "utf-16", "utf-7", "koi8-r",
		"iso-2022-jp", "gb2312", "big5", "x-unknown", "utf-32",
		"ucs-2", "euc-jp", "hz-gb-2312"
	};
	GRand		*r = g_rand_new_with_seed(42);
	unsigned char	 data[512];
	char		*s;
	size_t		 i, j, k, len;
	int		 ok = 1;

	for (k = 0; k < 200; k++) {
		len = (size_t)g_rand_int_range(r, 0, sizeof data);
		for (j = 0; j < len; j++)
			data[j] = (unsigned char)g_rand_int_range(r, 0, 256);
		if (k == 0) {
			for (j = 0; j < 256; j++)
				data[j] = (unsigned char)j;
			len = 256;
		}
		for (i = 0; i < G_N_ELEMENTS(charsets); i++) {
			s = text_to_utf8((char *)data, len, charsets[i], NULL);
			if (!g_utf8_validate(s, -1, NULL)) {
				fprintf(stderr, "invalid for %s, round %zu\n",
				    charsets[i], k);
				ok = 0;
			}
			free(s);
		}
	}
	CHECK(ok);
	g_rand_free(r);
}

static void
test_normalise_newlines(void)
{
	static const struct {
		const char	*in;
		size_t		 len;
		const char	*want;
	} cases[] = {
		{ B("a\r\nb\r\nc"), "a\nb\nc" },
		{ B("a\rb\rc\r"), "a\nb\nc\n" },
		{ B("a\r\r\nb"), "a\n\nb" },
		{ B("a\n\rb"), "a\n\nb" },
		{ B("nu\0l\0"), "nul" },
		{ B("\r\n"), "\n" },
		{ B("plain\n"), "plain\n" },
		{ "", 0, "" },
		{ NULL, 0, "" },
	};
	char	*s;
	size_t	 i;

	for (i = 0; i < G_N_ELEMENTS(cases); i++) {
		s = text_normalise_newlines(cases[i].in, cases[i].len);
		CHECK_STR(s, cases[i].want);
		free(s);
	}
	/* A CR at the very end of a length-limited string. */
	s = text_normalise_newlines("ab\r\nxx", 3);
	CHECK_STR(s, "ab\n");
	free(s);
}

/* --- HTML from real mail clients. -------------------------------- */

static const char outlook_html[] =
"<html xmlns:v=\"urn:schemas-microsoft-com:vml\" "
"xmlns:o=\"urn:schemas-microsoft-com:office:office\" "
"xmlns:w=\"urn:schemas-microsoft-com:office:word\" "
"xmlns=\"http://www.w3.org/TR/REC-html40\">\r\n"
"<head>\r\n"
"<meta http-equiv=\"Content-Type\" content=\"text/html; "
"charset=iso-8859-1\">\r\n"
"<meta name=\"Generator\" content=\"Microsoft Word 15 (filtered medium)\">\r\n"
"<!--[if !mso]><style>v\\:* {behavior:url(#default#VML);}\r\n"
"</style><![endif]--><style><!--\r\n"
"p.MsoNormal, li.MsoNormal, div.MsoNormal\r\n"
"\t{margin:0cm; font-size:11.0pt; font-family:\"Calibri\",sans-serif;}\r\n"
"--></style><!--[if gte mso 9]><xml>\r\n"
"<o:shapedefaults v:ext=\"edit\" spidmax=\"1026\" />\r\n"
"</xml><![endif]-->\r\n"
"</head>\r\n"
"<body lang=\"NL\" link=\"#0563C1\" vlink=\"#954F72\" "
"style=\"word-wrap:break-word\">\r\n"
"<div class=\"WordSection1\">\r\n"
"<p class=\"MsoNormal\">Beste meneer Jansen,<o:p></o:p></p>\r\n"
"<p class=\"MsoNormal\"><o:p>&nbsp;</o:p></p>\r\n"
"<p class=\"MsoNormal\">Wij hebben uw klacht in behandeling genomen. De "
"kosten van &#8364;&nbsp;45,- worden vergoed.<o:p></o:p></p>\r\n"
"<p class=\"MsoListParagraph\" style=\"text-indent:-18.0pt;mso-list:l0 "
"level1 lfo1\"><![if !supportLists]><span style=\"font-family:Symbol\">"
"<span style=\"mso-list:Ignore\">&middot;<span style=\"font:7.0pt &quot;"
"Times New Roman&quot;\">&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;\r\n"
"</span></span></span><![endif]>eerste punt<o:p></o:p></p>\r\n"
"<p class=\"MsoListParagraph\" style=\"text-indent:-18.0pt;mso-list:l1 "
"level1 lfo2\"><![if !supportLists]><span><span style=\"mso-list:Ignore\">"
"2.<span style=\"font:7.0pt &quot;Times New Roman&quot;\">&nbsp;&nbsp;"
"&nbsp;&nbsp; </span></span></span><![endif]>tweede punt<o:p></o:p></p>\r\n"
"<p class=\"MsoNormal\"><o:p>&nbsp;</o:p></p>\r\n"
"<p class=\"MsoNormal\"><o:p>&nbsp;</o:p></p>\r\n"
"<p class=\"MsoNormal\">STATUS: afgehandeld<o:p></o:p></p>\r\n"
"<p class=\"MsoNormal\"><o:p>&nbsp;</o:p></p>\r\n"
"<p class=\"MsoNormal\">Met vriendelijke groet,<o:p></o:p></p>\r\n"
"<p class=\"MsoNormal\"><b>P. de Vries</b><o:p></o:p></p>\r\n"
"<p class=\"MsoNormal\"><a href=\"https://www.gemeente.nl/\">www.gemeente.nl"
"</a> | <a href=\"mailto:klachten@gemeente.nl\">klachten@gemeente.nl</a> | "
"<a href=\"https://example.nl/t?x=1\">website</a><o:p></o:p></p>\r\n"
"<p class=\"MsoNormal\"><o:p>&nbsp;</o:p></p>\r\n"
"<div>\r\n"
"<div style=\"border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm "
"0cm 0cm\">\r\n"
"<p class=\"MsoNormal\"><b><span lang=\"NL\">Van:</span></b><span lang=\"NL\">"
" Klachten &lt;klachten@gemeente.nl&gt;\r\n<br>\r\n"
"<b>Verzonden:</b> maandag 6 mei 2024 10:12<br>\r\n"
"<b>Aan:</b> P. de Vries &lt;p.devries@gemeente.nl&gt;<br>\r\n"
"<b>Onderwerp:</b> [KL-2026-00042] Overlast<o:p></o:p></span></p>\r\n"
"</div>\r\n"
"</div>\r\n"
"<p class=\"MsoNormal\"><o:p>&nbsp;</o:p></p>\r\n"
"<p class=\"MsoNormal\">Er is een nieuwe klacht binnengekomen.<o:p></o:p>"
"</p>\r\n"
"<p class=\"MsoNormal\">STATUS: nieuw<o:p></o:p></p>\r\n"
"</div>\r\n"
"</body>\r\n"
"</html>\r\n";

static const char outlook_text[] =
"Beste meneer Jansen,\n"
"\n"
"Wij hebben uw klacht in behandeling genomen. De kosten van "
"\xe2\x82\xac 45,- worden vergoed.\n"
"- eerste punt\n"
"2. tweede punt\n"
"\n"
"STATUS: afgehandeld\n"
"\n"
"Met vriendelijke groet,\n"
"P. de Vries\n"
"www.gemeente.nl | klachten@gemeente.nl | website (https://example.nl/t?x=1)\n"
"\n"
"> Van: Klachten <klachten@gemeente.nl>\n"
"> Verzonden: maandag 6 mei 2024 10:12\n"
"> Aan: P. de Vries <p.devries@gemeente.nl>\n"
"> Onderwerp: [KL-2026-00042] Overlast\n"
">\n"
"> Er is een nieuwe klacht binnengekomen.\n"
"> STATUS: nieuw\n";

/* Outlook on the web / new Outlook: appendonsend + divRplyFwdMsg. */
static const char owa_html[] =
"<html><head><style type=\"text/css\" style=\"display:none;\"> P "
"{margin-top:0;margin-bottom:0;} </style></head><body dir=\"ltr\">"
"<div class=\"elementToProof\" style=\"font-family: Aptos; font-size: 12pt;"
"\">STATUS: wacht op melder</div><div class=\"elementToProof\">Vraag "
"gesteld.</div><div id=\"appendonsend\"></div><hr style=\"display:inline-"
"block;width:98%\" tabindex=\"-1\"><div id=\"divRplyFwdMsg\" dir=\"ltr\">"
"<font face=\"Calibri, sans-serif\" style=\"font-size:11pt\" color=\"#000000"
"\"><b>Van:</b> Klachten &lt;klachten@gemeente.nl&gt;<br><b>Verzonden:</b> "
"maandag 6 mei 2024 10:12<br><b>Onderwerp:</b> [KL-2026-00042]</font><div>"
"&nbsp;</div></div><div class=\"BodyFragment\"><font size=\"2\"><span style="
"\"font-size:11pt;\"><div class=\"PlainText\">Nieuwe klacht<br>Tweede regel"
"</div></span></font></div></body></html>";

static const char owa_text[] =
"STATUS: wacht op melder\n"
"Vraag gesteld.\n"
"\n"
"> Van: Klachten <klachten@gemeente.nl>\n"
"> Verzonden: maandag 6 mei 2024 10:12\n"
"> Onderwerp: [KL-2026-00042]\n"
">\n"
"> Nieuwe klacht\n"
"> Tweede regel\n";

/* Gmail, replying to a Gmail reply: two levels of gmail_quote. */
static const char gmail_html[] =
"<div dir=\"ltr\">Hallo,<div><br></div><div>STATUS: in behandeling</div>"
"<div>Ik bel de melder morgen.</div><div><br></div><div>Groet,<br>Sanne"
"</div></div><br><div class=\"gmail_quote\"><div dir=\"ltr\" class=\"gmail_"
"attr\">Op ma 6 mei 2024 om 10:12 schreef Klachten &lt;<a href=\"mailto:"
"klachten@gemeente.nl\">klachten@gemeente.nl</a>&gt;:<br></div><blockquote "
"class=\"gmail_quote\" style=\"margin:0px 0px 0px 0.8ex;border-left:1px "
"solid rgb(204,204,204);padding-left:1ex\"><div dir=\"ltr\">Nieuwe klacht "
"KL-2026-00042<div><br></div><div>Omschrijving: geluidsoverlast</div></div>"
"\r\n<br><div class=\"gmail_quote gmail_quote_container\"><div dir=\"ltr\" "
"class=\"gmail_attr\">Op zo 5 mei schreef Jan:<br></div><blockquote class="
"\"gmail_quote\" style=\"margin:0px 0px 0px 0.8ex\">Eerste bericht"
"</blockquote></div>\r\n</blockquote></div>\r\n";

static const char gmail_text[] =
"Hallo,\n"
"\n"
"STATUS: in behandeling\n"
"Ik bel de melder morgen.\n"
"\n"
"Groet,\n"
"Sanne\n"
"\n"
"> Op ma 6 mei 2024 om 10:12 schreef Klachten <klachten@gemeente.nl>:\n"
"> Nieuwe klacht KL-2026-00042\n"
">\n"
"> Omschrijving: geluidsoverlast\n"
">\n"
">> Op zo 5 mei schreef Jan:\n"
">> Eerste bericht\n";

static const char apple_html[] =
"<html><head><meta http-equiv=\"content-type\" content=\"text/html; "
"charset=utf-8\"></head><body style=\"word-wrap: break-word; -webkit-nbsp-"
"mode: space; line-break: after-white-space;\" class=\"\">Goedemorgen,<div "
"class=\"\"><br class=\"\"></div><div class=\"\">STATUS: afgehandeld</div>"
"<div class=\"\"><br class=\"\"><div><br class=\"\"><blockquote type=\"cite"
"\" class=\"\"><div class=\"\">Op 6 mei 2024, om 10:12 heeft Klachten &lt;"
"<a href=\"mailto:klachten@gemeente.nl\" class=\"\">klachten@gemeente.nl"
"</a>&gt; het volgende geschreven:</div><br class=\"Apple-interchange-"
"newline\"><div class=\"\"><div class=\"\">Nieuwe klacht.</div><div class="
"\"\">Regel twee met caf&eacute;.</div></div></blockquote></div><br class="
"\"\"></div></body></html>";

static const char apple_text[] =
"Goedemorgen,\n"
"\n"
"STATUS: afgehandeld\n"
"\n"
"> Op 6 mei 2024, om 10:12 heeft Klachten <klachten@gemeente.nl> het "
"volgende geschreven:\n"
">\n"
"> Nieuwe klacht.\n"
"> Regel twee met caf\xc3\xa9.\n";

static const char thunderbird_html[] =
"<html><head><meta http-equiv=\"content-type\" content=\"text/html; "
"charset=UTF-8\"></head><body><p>Prima, STATUS: afgehandeld</p>\n"
"<div class=\"moz-cite-prefix\">Op 06-05-2024 om 10:12 schreef Klachten:"
"<br></div>\n<blockquote type=\"cite\" cite=\"mid:x@y\"><p>Nieuwe klacht</p>"
"<blockquote type=\"cite\">oud</blockquote></blockquote><br></body></html>";

static const char thunderbird_text[] =
"Prima, STATUS: afgehandeld\n"
"\n"
"> Op 06-05-2024 om 10:12 schreef Klachten:\n"
">\n"
"> Nieuwe klacht\n"
">\n"
">> oud\n";

static const char newsletter_html[] =
"<!DOCTYPE html><html><head><title>Nieuwsbrief mei</title><style>td{"
"padding:0} .x{color:red}</style>\n<script type=\"text/javascript\">var "
"tracking = \"secret\"; document.write(\"<p>evil</p>\");</script></head>\n"
"<body><div style=\"display:none;max-height:0;overflow:hidden\">Preheader "
"tekst &zwnj;&nbsp;&zwnj;&nbsp;</div>\n<table width=\"100%\" cellpadding="
"\"0\"><tr><td align=\"center\">\n<table width=\"600\"><tr><td><img src="
"\"https://x/logo.png\" alt=\"Gemeente Logo\" width=\"200\"></td></tr>\n"
"<tr><td><h1>Nieuws   uit de\n wijk</h1><p>Beste bewoner,</p><p>Dit is   "
"de <b>nieuwsbrief</b> van <i>mei</i>.</p>\n<ul><li>Afvalinzameling</li>"
"<li>Wegwerkzaamheden<ul><li>Dorpsstraat</li><li>Kerkweg</li></ul></li>"
"</ul>\n<ol><li>een</li><li>twee</li></ol>\n<table><tr><th>Dag</th><th>"
"Tijd</th></tr><tr><td>Maandag</td><td>09:00</td></tr></table>\n<p><a "
"href=\"https://nieuws.example.nl/lees?id=1&amp;utm=x\">Lees meer</a></p>\n"
"<pre>\n  code  regel 1\n\tregel 2\n</pre>\n<p>&copy; 2024 Gemeente &middot;"
" <a href=\"https://example.nl/afmelden\">afmelden</a></p>\n<p><a href="
"\"https://example.nl/\"><img src=\"cid:x\" alt=\"\"></a><a href=\"#top\">"
"naar boven</a></p></td></tr></table></td></tr></table>\n<img src=\"https:"
"//t.example/pixel.gif\" width=\"1\" height=\"1\" alt=\"\">\n<style>p{}"
"</style></body></html>";

static const char newsletter_text[] =
"Gemeente Logo\n"
"\n"
"Nieuws uit de wijk\n"
"\n"
"Beste bewoner,\n"
"\n"
"Dit is de nieuwsbrief van mei.\n"
"\n"
"- Afvalinzameling\n"
"- Wegwerkzaamheden\n"
"  - Dorpsstraat\n"
"  - Kerkweg\n"
"\n"
"1. een\n"
"2. twee\n"
"\n"
"Dag Tijd\n"
"Maandag 09:00\n"
"\n"
"Lees meer (https://nieuws.example.nl/lees?id=1&utm=x)\n"
"\n"
"  code  regel 1\n"
"\tregel 2\n"
"\n"
"\xc2\xa9 2024 Gemeente \xc2\xb7 afmelden (https://example.nl/afmelden)\n"
"\n"
"naar boven\n";

static int	text_shape_ok(const char *);

struct html_case {
	const char	*name;
	const char	*html;
	size_t		 len;	/* 0: strlen */
	const char	*want;
};

static const struct html_case html_cases[] = {
	{ "outlook", outlook_html, 0, outlook_text },
	{ "outlook web", owa_html, 0, owa_text },
	{ "gmail", gmail_html, 0, gmail_text },
	{ "apple mail", apple_html, 0, apple_text },
	{ "thunderbird", thunderbird_html, 0, thunderbird_text },
	{ "newsletter", newsletter_html, 0, newsletter_text },

	{ "empty", "", 0, "" },
	{ "only markup", "<html><head></head><body><div></div></body></html>",
	  0, "" },
	{ "only whitespace", "  \r\n\t ", 0, "" },
	{ "plain text", "hallo wereld", 0, "hallo wereld\n" },
	{ "entities", "&lt;b&gt; &amp; &eacute; &#x20AC; &euro; &quot;x&quot; "
	  "&#39;y&#39; &bogus; &", 0,
	  "<b> & \xc3\xa9 \xe2\x82\xac \xe2\x82\xac \"x\" 'y' &bogus; &\n" },
	{ "whitespace collapses", "<p>  een \t twee\r\n\r\n drie  </p>", 0,
	  "een twee drie\n" },
	{ "inline spacing kept", "<b>vet</b> <i>schuin</i><u>onder</u>", 0,
	  "vet schuinonder\n" },
	{ "one blank line at most", "<p>a</p><p></p><p>&nbsp;</p><br><br><br>"
	  "<div><br></div><p>b</p>", 0, "a\n\nb\n" },
	{ "br makes lines", "a<br>b<br><br>c<br>", 0, "a\nb\n\nc\n" },
	{ "div br div", "<div>a<br></div><div>b</div>", 0, "a\nb\n" },
	{ "leading and trailing blank lines go", "<br><br><p>x</p><br><br>",
	  0, "x\n" },
	{ "script style head dropped", "<head><title>T</title></head>"
	  "<script>alert('x')</script><style>p{color:red}</style>zichtbaar"
	  "<script type=text/template><p>niet</p></script>"
	  "<template>t</template>",
	  0, "zichtbaar\n" },
	{ "comments dropped", "a<!-- verborgen -->b<!--[if mso]>c<![endif]-->",
	  0, "ab\n" },
	{ "display none and hidden", "<span style=\"DISPLAY: NONE\">x</span>"
	  "<div hidden>y</div>z", 0, "z\n" },
	{ "zero width and soft hyphen", "ge\xc2\xadmeen\xe2\x80\x8bte "
	  "&zwnj;&#xFEFF;x", 0, "gemeente x\n" },
	{ "controls dropped", "a\x01" "b\x7f" "c\xc2\x85" "d", 0, "abcd\n" },
	{ "nbsp is a space", "a&nbsp;&nbsp;b&nbsp;", 0, "a  b\n" },
	{ "headings", "<h1>Titel</h1>tekst<h2>Sub</h2>", 0,
	  "Titel\n\ntekst\n\nSub\n" },
	{ "li outside list", "<li>los", 0, "- los\n" },
	{ "li with paragraph", "<ul><li><p>een</p></li><li>twee</li></ul>", 0,
	  "- een\n\n- twee\n" },
	{ "li holding only a list", "<ul><li><ul><li>diep</li></ul></li></ul>",
	  0, "-\n  - diep\n" },
	{ "table cells", "<table><tr><td>Naam:</td><td>Jan</td></tr><tr><td>"
	  "Straat:</td><td>Dorpsstraat 1</td></tr></table>", 0,
	  "Naam: Jan\nStraat: Dorpsstraat 1\n" },
	{ "link same as text", "<a href=\"https://example.nl/\">https://"
	  "example.nl</a> <a href=\"http://Example.nl\">example.nl/</a>", 0,
	  "https://example.nl example.nl/\n" },
	{ "mailto link same as text", "<a href=\"mailto:a@b.nl\">a@b.nl</a>",
	  0, "a@b.nl\n" },
	{ "mailto link with subject", "<a href=\"mailto:a@b.nl?subject=x\">"
	  "mail ons</a>!", 0, "mail ons (mailto:a@b.nl?subject=x)!\n" },
	{ "link trailing space", "<a href=\"https://x.nl/a\">klik </a>hier",
	  0, "klik (https://x.nl/a) hier\n" },
	{ "link href trimmed", "<a href=\" https://x.nl/a\n\">x</a>", 0,
	  "x (https://x.nl/a)\n" },
	{ "hidden urls", "<a href=\"#top\">boven</a> <a href=\"javascript:"
	  "void(0)\">js</a> <a href=\"cid:img1\">cid</a> <a>geen</a>", 0,
	  "boven js cid geen\n" },
	{ "link around blocks", "<a href=\"https://x.nl\"><div>Knop</div>"
	  "<div>tekst</div></a>", 0, "Knop\ntekst\n(https://x.nl)\n" },
	{ "quoted link same as text", "<blockquote><a href=\"https://x.nl\">"
	  "https://x.nl</a></blockquote><a href=\"https://y.nl\">https://"
	  "y.nl</a>", 0, "> https://x.nl\nhttps://y.nl\n" },
	{ "link after want_blank", "<p>a</p><a href=\"https://x.nl\">x.nl</a>",
	  0, "a\n\nx.nl\n" },
	{ "empty items", "<ul><li></li><li>b</li></ul><p>c</p><ol><li></ol>x",
	  0, "-\n- b\n\nc\n\n1.\n\nx\n" },
	{ "image link with alt", "<a href=\"https://x.nl\"><img alt=\"Logo\">"
	  "</a>", 0, "Logo (https://x.nl)\n" },
	{ "image link without alt", "<a href=\"https://x.nl\"><img src=\"a\">"
	  "</a>", 0, "" },
	{ "leading BOM", "\xef\xbb\xbf<html><head><title>T</title></head>"
	  "<body>x</body></html>", 0, "x\n" },
	{ "leading BOM and text", "\xef\xbb\xbfx<div>y</div>", 0, "x\ny\n" },
	{ "meta charset ignored", "<meta charset=\"iso-8859-1\">caf\xc3\xa9",
	  0, "caf\xc3\xa9\n" },
	{ "invalid utf-8 repaired", "caf\xe9 <b>\x80</b> \x91x\x92", 0,
	  "caf\xc3\xa9 \xe2\x82\xac \xe2\x80\x98x\xe2\x80\x99\n" },
	{ "NUL bytes", B("a\0b<p>\0c</p>"), "ab\n\nc\n" },
	{ "pre keeps spaces", "<pre>\n  a  b\n\n\n\nc</pre>d", 0,
	  "  a  b\n\nc\n\nd\n" },
	{ "pre with CRLF", "<pre>x\r\ny</pre>", 0, "x\ny\n" },
	{ "o:p is no paragraph", "<p class=MsoNormal>a<o:p></o:p></p>"
	  "<p class=MsoNormal>b<o:p></o:p></p>", 0, "a\nb\n" },
	{ "conditional markers", "x<![if !vml]>y<![endif]>z<![if", 0,
	  "xyz\n" },
	{ "CDATA is a bogus comment", "<![CDATA[x]]>y", 0, "y\n" },
	{ "endif inside comment", "a<!--[if !mso]><style>x</style><![endif]-->b"
	  "<!-- <![if x]> -->c<!--", 0, "abc\n" },
	{ "blockquote", "Antwoord<blockquote>vraag<br>regel 2<blockquote>"
	  "ouder</blockquote>terug</blockquote>einde", 0,
	  "Antwoord\n> vraag\n> regel 2\n>> ouder\n> terug\neinde\n" },
	{ "blank lines in quotes", "<blockquote><p>a</p><p>b</p></blockquote>"
	  "<p>c</p>", 0, "> a\n>\n> b\n\nc\n" },
	{ "unclosed blockquote", "<blockquote>open<p>nog steeds", 0,
	  "> open\n>\n> nog steeds\n" },
	{ "yahoo quoted", "ok<div class=\"yahoo_quoted\"><div>Op ma schreef:"
	  "</div><blockquote>oud</blockquote></div>", 0,
	  "ok\n> Op ma schreef:\n> oud\n" },
	{ "outlook header class", "ok<div class=\"OutlookMessageHeader\">Van: x"
	  "</div>oud<p>ouder</p>", 0, "ok\n> Van: x\n> oud\n>\n> ouder\n" },
	{ "border-top without border:none", "ok<div style=\"border-top:solid "
	  "1px\">niet geciteerd</div>", 0, "ok\nniet geciteerd\n" },
	{ "quote depth capped",
	  "<blockquote><blockquote><blockquote><blockquote>"
	  "<blockquote><blockquote><blockquote><blockquote><blockquote>"
	  "<blockquote><blockquote><blockquote><blockquote><blockquote>"
	  "<blockquote><blockquote><blockquote><blockquote>diep", 0,
	  ">>>>>>>>>>>>>>>> diep\n" },
	{ "garbage", "<<<>>><</p></div></blockquote>&&&;;<a href=<b>x</a></"
	  "</</ </\"'>", 0, NULL },
};

static void
check_lines_quoted(const char *name, const char *text, const char *from)
{
	const char	*p = strstr(text, from);
	int		 ok = (p != NULL);

	for (; p != NULL && *p != '\0'; p = strchr(p, '\n') + 1) {
		if (*p != '>')
			ok = 0;
		if (strchr(p, '\n') == NULL)
			break;
	}
	if (!ok)
		fprintf(stderr, "%s: not all quoted after \"%s\"\n", name,
		    from);
	CHECK(ok);
}

static void
test_html_to_text(void)
{
	const struct html_case	*c;
	char			*s;
	size_t			 i;

	for (i = 0; i < G_N_ELEMENTS(html_cases); i++) {
		c = &html_cases[i];
		s = html_to_text(c->html, c->len ? c->len : strlen(c->html));
		if (c->want != NULL && strcmp(s, c->want) != 0)
			fprintf(stderr, "case: %s\n", c->name);
		if (c->want != NULL)
			CHECK_STR(s, c->want);
		CHECK(g_utf8_validate(s, -1, NULL));
		CHECK(text_shape_ok(s));
		free(s);
	}

	s = html_to_text(NULL, 0);
	CHECK_STR(s, "");
	free(s);

	/* What the command parser relies on: the old mail is all '>'. */
	s = html_to_text(outlook_html, strlen(outlook_html));
	check_lines_quoted("outlook", s, "> Van:");
	CHECK(strstr(s, "\nSTATUS: nieuw") == NULL);
	CHECK_CONTAINS(s, "\n> STATUS: nieuw\n");
	free(s);
	s = html_to_text(gmail_html, strlen(gmail_html));
	check_lines_quoted("gmail", s, "> Op ma");
	free(s);
	s = html_to_text(owa_html, strlen(owa_html));
	check_lines_quoted("owa", s, "> Van:");
	free(s);
}

/* Deep nesting, huge input and a cut in the middle of a character. */
static void
test_html_limits(void)
{
	struct buf	 b;
	char		*s;
	size_t		 i;

	/* 100000 nested elements: the pre-scan drops those too deep. */
	buf_init(&b);
	for (i = 0; i < 100000; i++)
		buf_adds(&b, "<div>");
	buf_adds(&b, "diep");
	s = html_to_text(b.data, b.len);
	CHECK(g_utf8_validate(s, -1, NULL));
	free(s);
	buf_free(&b);

	buf_init(&b);
	for (i = 0; i < 100000; i++)
		buf_adds(&b, "<blockquote><li><a href=x><pre>");
	s = html_to_text(b.data, b.len);
	CHECK(g_utf8_validate(s, -1, NULL));
	free(s);
	buf_free(&b);

	/* More than TEXTCONV_HTML_MAX: cut, and a 2-byte character cut. */
	buf_init(&b);
	buf_adds(&b, "<p>begin</p>");
	while (b.len < TEXTCONV_HTML_MAX - 1)
		buf_adds(&b, "x");
	b.len = TEXTCONV_HTML_MAX - 1;
	buf_adds(&b, "\xc3\xa9 einde");
	s = html_to_text(b.data, b.len);
	CHECK(strncmp(s, "begin\n\nxxx", 10) == 0);
	CHECK(strstr(s, "einde") == NULL);
	CHECK(g_utf8_validate(s, -1, NULL));
	free(s);
	buf_free(&b);

	/* Over the limit in a run of stray continuation bytes. */
	buf_init(&b);
	buf_adds(&b, "<p>begin</p>");
	while (b.len < TEXTCONV_HTML_MAX + 16)
		buf_addc(&b, (char)0x80);
	s = html_to_text(b.data, b.len);
	CHECK(strncmp(s, "begin\n\n\xe2\x82\xac\xe2\x82\xac", 13) == 0);
	CHECK(g_utf8_validate(s, -1, NULL));
	free(s);
	buf_free(&b);

	/* Many short lines: no quadratic behaviour, lines right. */
	buf_init(&b);
	for (i = 0; i < 20000; i++)
		buf_adds(&b, "<blockquote>x</blockquote>");
	s = html_to_text(b.data, b.len);
	CHECK_INT(strlen(s), 20000 * 4);
	free(s);
	buf_free(&b);
}

/* libxml2 must stay silent on stderr, and give the handlers back. */
static void
html_handler(void *ctx, const char *fmt, ...)
{
	(*(int *)ctx)++;
	(void)fmt;
}

static void
test_html_silent(void)
{
	int	 calls = 0;
	char	*s;

	xmlSetGenericErrorFunc(&calls, html_handler);
	s = html_to_text(B("<p><b>x</p></i>&#xFFFFFF;<?php x ?>\xff\xfe"));
	free(s);
	CHECK_INT(calls, 0);
	CHECK(xmlGenericErrorContext == &calls);
	xmlSetGenericErrorFunc(NULL, NULL);
}

static void
test_init(void)
{
	textconv_init();
	textconv_init();
	CHECK(1);
}

/*
 * Whether text keeps html_to_text()'s promises about its shape: no
 * control characters but tab, no trailing blanks, no empty line first,
 * last or after another, and a final newline.
 */
static int
text_shape_ok(const char *s)
{
	const char	*line, *nl;
	size_t		 len, i;
	int		 prev_empty = 0;

	if (*s == '\0')
		return 1;
	if (s[strlen(s) - 1] != '\n')
		return 0;
	for (line = s; *line != '\0'; line = nl + 1) {
		nl = strchr(line, '\n');
		len = (size_t)(nl - line);
		for (i = 0; i < len; i++) {
			if ((unsigned char)line[i] < 0x20 && line[i] != '\t')
				return 0;
		}
		if (len > 0 && (line[len - 1] == ' ' || line[len - 1] == '\t'))
			return 0;
		if (len == 0 && (prev_empty || line == s || nl[1] == '\0'))
			return 0;
		prev_empty = (len == 0);
	}
	return 1;
}

/*
 * Hostile inputs: broken UTF-8 and UTF-16, markup cut at every kind of
 * construct.  The fuzzer (fuzz/fuzz_textconv) found no crash; inputs it
 * finds go here, with the charset its first byte chose.
 */
static const struct {
	const char	*data;
	size_t		 len;
	const char	*charset;
} hostile_cases[] = {
	{ B("\xed\xa0\x80 surrogate \xc0\xaf overlong \xf4\x90\x80\x80 "
	  "\xf8\x88\x80\x80\x80"), "utf-8" },
	{ B("\xff\xfeZ\0o"), "utf-16" },
	{ B("\xd8\x00\xdc"), "utf-16be" },
	{ B("+AOk"), "utf-7" },
	{ B("\x1b$B\x38"), "iso-2022-jp" },
	{ B("\x82"), "shift_jis" },
	{ B("<a href="), NULL },
	{ B("<![if"), NULL },
	{ B("<!--"), NULL },
	{ B("<!-"), NULL },
	{ B("<"), NULL },
	{ B("</"), NULL },
	{ B("<o:"), NULL },
	{ B("<o:p"), NULL },
	{ B("&#"), NULL },
	{ B("&#x110000;&#0;&#xD800;&#1;"), NULL },
	{ B("<pre><a href=x><li><blockquote>\n\n\n"), NULL },
	{ B("<li><li><li><ol><li><ol><li><ul><li>"), NULL },
	{ B("<a href=\"https://x\"><br></a><a href=y>\xc2\xa0</a>"), NULL },
	{ B("<table><td><pre>\t \t</pre><td>\t"), NULL },
	{ B("<span style=\"mso-list:Ignore\">&middot;<br>"), NULL },
	{ B("<div id=appendonsend><blockquote class=gmail_quote>x"), NULL },
	{ B("\0\0<\0p\0>\0"), NULL },
};

static void
test_hostile(void)
{
	char	*s;
	size_t	 i;
	int	 ok = 1;

	for (i = 0; i < G_N_ELEMENTS(hostile_cases); i++) {
		s = html_to_text(hostile_cases[i].data, hostile_cases[i].len);
		if (!g_utf8_validate(s, -1, NULL) || !text_shape_ok(s)) {
			fprintf(stderr, "hostile html %zu: \"%s\"\n", i, s);
			ok = 0;
		}
		free(s);
		s = text_to_utf8(hostile_cases[i].data, hostile_cases[i].len,
		    hostile_cases[i].charset, NULL);
		if (!g_utf8_validate(s, -1, NULL)) {
			fprintf(stderr, "hostile text %zu\n", i);
			ok = 0;
		}
		free(s);
	}
	CHECK(ok);
}

int
main(void)
{
	test_init();
	test_text_to_utf8();
	test_text_to_utf8_garbage();
	test_normalise_newlines();
	test_html_to_text();
	test_html_limits();
	test_html_silent();
	test_hostile();
	/* Only so that valgrind sees libxml2's globals freed. */
	xmlCleanupParser();
	return check_done();
}
