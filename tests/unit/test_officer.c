/*
 * test_officer.c -- the pure parts of officer handling: authentication
 * decisions for every auth.require mode and every way a proof can be
 * wrong, who serves which category, the key file, and the small text
 * helpers of the notifications.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "officer.h"
#include "token.h"
#include "util.h"

static char *cats_afval[] = { "afval", NULL };
static char *cats_none[] = { NULL };
static char *cats_gedrag[] = { "gedrag", NULL };

static struct cfg_officer officers[] = {
	{ .id = "anna", .name = "Anna", .email = "anna@gemeente.example",
	    .categories = cats_none },
	{ .id = "bob", .name = "Bob", .email = "bob@gemeente.example",
	    .categories = cats_afval },
	{ .id = "carla", .name = "Carla", .email = "carla@andere.example",
	    .categories = cats_gedrag },
};
static struct cfg_category categories[] = {
	{ .id = "afval", .name = "Afval", .confidential = 0 },
	{ .id = "gedrag", .name = "Gedrag", .confidential = 1 },
};

static const unsigned char keybytes[] = "0123456789abcdef0123456789abcdef";

static void
setup_cfg(struct cfg *cfg, const char *require)
{
	memset(cfg, 0, sizeof *cfg);
	cfg->org_address = "klachten@testdorp.example";
	/* auth.require as the configuration file spells it. */
	cfg->auth_require = strcmp(require, "dkim") == 0 ? CFG_AUTH_DKIM :
	    strcmp(require, "token-or-dkim") == 0 ? CFG_AUTH_TOKEN_OR_DKIM :
	    strcmp(require, "token-and-dkim") == 0 ?
	    CFG_AUTH_TOKEN_AND_DKIM : CFG_AUTH_TOKEN;
	cfg->auth_serv_id = "mx.testdorp.example";
	cfg->officers = officers;
	cfg->nofficers = 3;
	cfg->categories = categories;
	cfg->ncategories = 2;
}

/* A mail from `from` to `rcpt` with at most one Authentication-Results. */
static void
setup_mail(struct mail *m, char **rcptv, const char *from, char *rcpt,
    struct authres_hdr *arv, char *ar)
{
	memset(m, 0, sizeof *m);
	m->from_addr = (char *)from;
	rcptv[0] = rcpt;
	m->rcpts = rcptv;
	m->nrcpts = rcpt != NULL;
	arv[0].received = 0;
	arv[0].value = ar;
	m->trace = arv;
	m->ntrace = ar != NULL;
}

static char *
addr(const char *ref, const char *officer)
{
	char *tok = token_make(keybytes, 32, ref, officer, 20500), *a;

	a = xasprintf("klachten+%s@testdorp.example", tok);
	free(tok);
	return a;
}

static void
test_auth(void)
{
	static const struct {
		const char	*require;
		const char	*from;		/* officer id */
		const char	*tok_ref;	/* NULL: no token */
		const char	*tok_officer;
		const char	*ar;		/* NULL: no header */
		int		 tamper;
		int		 ok;
		const char	*reason;	/* substring, when !ok */
	} t[] = {
		{ "token", "anna", "KL-2026-00001", "anna", NULL, 0, 1, NULL },
		{ "token", "anna", NULL, NULL, NULL, 0, 0,
		  "no reply token in the recipient address" },
		{ "token", "bob", "KL-2026-00001", "anna", NULL, 0, 0,
		  "belongs to officer anna, the mail is from officer bob" },
		{ "token", "anna", "KL-2026-00002", "anna", NULL, 0, 0,
		  "is for case KL-2026-00002, the mail is about KL-2026-00001" },
		{ "token", "anna", "KL-2026-00001", "anna", NULL, 1, 0,
		  "the reply token is not genuine" },
		/* dkim mode ignores the token, needs our MX's word */
		{ "dkim", "anna", "KL-2026-00001", "anna", NULL, 0, 0,
		  "no Authentication-Results from mx.testdorp.example" },
		{ "dkim", "anna", NULL, NULL,
		  "mx.testdorp.example; dkim=pass header.d=gemeente.example",
		  0, 1, NULL },
		{ "dkim", "anna", NULL, NULL,
		  "mx.evil.example; dkim=pass header.d=gemeente.example",
		  0, 0, "no Authentication-Results" },
		{ "dkim", "anna", NULL, NULL,
		  "mx.testdorp.example; dkim=pass header.d=evil.example",
		  0, 0, "for gemeente.example" },
		{ "dkim", "anna", NULL, NULL,
		  "mx.testdorp.example; spf=pass smtp.mailfrom=gemeente.example",
		  0, 0, "for gemeente.example" },
		{ "token-or-dkim", "anna", NULL, NULL,
		  "mx.testdorp.example; dkim=pass header.d=gemeente.example",
		  0, 1, NULL },
		{ "token-or-dkim", "anna", "KL-2026-00001", "anna", NULL, 0, 1,
		  NULL },
		{ "token-or-dkim", "anna", NULL, NULL, NULL, 0, 0,
		  "no reply token in the recipient address (the mail was not "
		  "a reply to klachtd's notification); no Authentication" },
		{ "token-and-dkim", "anna", "KL-2026-00001", "anna", NULL, 0, 0,
		  "no Authentication-Results" },
		{ "token-and-dkim", "anna", NULL, NULL,
		  "mx.testdorp.example; dkim=pass header.d=gemeente.example",
		  0, 0, "no reply token" },
		{ "token-and-dkim", "anna", "KL-2026-00001", "anna",
		  "mx.testdorp.example; dkim=pass header.d=gemeente.example",
		  0, 1, NULL },
	};
	struct officer_key	 key = { (unsigned char *)keybytes, 32 };
	struct officer_auth	 a;
	struct case_row		 c;
	struct mail		 m;
	struct cfg		 cfg;
	struct authres_hdr	 arv[1];
	char			*rcptv[1], *to;
	size_t			 i;

	memset(&c, 0, sizeof c);
	c.ref = "KL-2026-00001";
	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		const struct cfg_officer *o;
		int before = check_failed;

		setup_cfg(&cfg, t[i].require);
		o = cfg_officer_by_id(&cfg, t[i].from);
		to = t[i].tok_ref ? addr(t[i].tok_ref, t[i].tok_officer) :
		    xstrdup("klachten@testdorp.example");
		if (t[i].tamper) {
			char *at = strchr(to, '@');
			at[-1] = at[-1] == '0' ? '1' : '0';
		}
		setup_mail(&m, rcptv, o->email, to, arv, (char *)t[i].ar);
		CHECK_INT(officer_authenticate(&cfg, &key, &m, o, &c, &a),
		    t[i].ok);
		CHECK_INT(a.ok, t[i].ok);
		if (!t[i].ok)
			CHECK_CONTAINS(a.reason, t[i].reason);
		else
			CHECK_STR(a.reason, "");
		if (check_failed > before)
			fprintf(stderr, "  (case %zu: %s)\n", i, a.reason);
		free(to);
	}

	/* The From must be the officer's configured address. */
	setup_cfg(&cfg, "token");
	to = addr("KL-2026-00001", "anna");
	setup_mail(&m, rcptv, "anna@gemeente.example.evil", to, arv, NULL);
	CHECK_INT(officer_authenticate(&cfg, &key, &m, &officers[0], &c, &a),
	    0);
	CHECK_CONTAINS(a.reason, "not a configured officer");
	CHECK_INT(officer_authenticate(&cfg, &key, &m, NULL, &c, &a), 0);

	/* A token at another domain does not count. */
	free(to);
	to = addr("KL-2026-00001", "anna");
	memcpy(strchr(to, '@'), "@evil.example\0", 14);
	setup_mail(&m, rcptv, "anna@gemeente.example", to, arv, NULL);
	CHECK_INT(officer_authenticate(&cfg, &key, &m, &officers[0], &c, &a),
	    0);
	CHECK_CONTAINS(a.reason, "no reply token");
	free(to);

	/* Confidential: a genuine proof is not enough for an officer who
	 * is not named for the category; the flag alone counts too. */
	c.category = "gedrag";
	to = addr("KL-2026-00001", "bob");
	setup_mail(&m, rcptv, "bob@gemeente.example", to, arv, NULL);
	CHECK_INT(officer_authenticate(&cfg, &key, &m, &officers[1], &c, &a),
	    0);
	CHECK_CONTAINS(a.reason, "confidential (category gedrag) and officer "
	    "bob is not named");
	free(to);
	to = addr("KL-2026-00001", "carla");
	setup_mail(&m, rcptv, "carla@andere.example", to, arv, NULL);
	CHECK_INT(officer_authenticate(&cfg, &key, &m, &officers[2], &c, &a),
	    1);
	free(to);
	to = addr("KL-2026-00001", "anna");
	setup_mail(&m, rcptv, "anna@gemeente.example", to, arv, NULL);
	CHECK_INT(officer_authenticate(&cfg, &key, &m, &officers[0], &c, &a),
	    1);
	c.category = "afval";
	c.confidential = 1;
	CHECK_INT(officer_authenticate(&cfg, &key, &m, &officers[0], &c, &a),
	    1);
	free(to);
	to = addr("KL-2026-00001", "carla");
	setup_mail(&m, rcptv, "carla@andere.example", to, arv, NULL);
	CHECK_INT(officer_authenticate(&cfg, &key, &m, &officers[2], &c, &a),
	    0);
	free(to);

	/* Several recipients: the matching token wins over others. */
	char *many[3];
	c.category = NULL;
	c.confidential = 0;
	many[0] = xstrdup("iemand@example.org");
	many[1] = addr("KL-2026-00002", "anna");
	many[2] = addr("KL-2026-00001", "anna");
	memset(&m, 0, sizeof m);
	m.from_addr = "anna@gemeente.example";
	m.rcpts = many;
	m.nrcpts = 3;
	CHECK_INT(officer_authenticate(&cfg, &key, &m, &officers[0], &c, &a),
	    1);
	m.nrcpts = 2;
	CHECK_INT(officer_authenticate(&cfg, &key, &m, &officers[0], &c, &a),
	    0);
	CHECK_CONTAINS(a.reason, "is for case KL-2026-00002");
	for (i = 0; i < 3; i++)
		free(many[i]);
}

static void
test_serves(void)
{
	struct cfg	cfg;
	struct case_row	c;

	CHECK_INT(officer_serves(&officers[0], "afval"), 1);
	CHECK_INT(officer_serves(&officers[0], NULL), 1);
	CHECK_INT(officer_serves(&officers[1], "afval"), 1);
	CHECK_INT(officer_serves(&officers[1], "gedrag"), 0);
	CHECK_INT(officer_serves(&officers[1], NULL), 1);
	CHECK_INT(officer_serves(&officers[2], "afval"), 0);
	setup_cfg(&cfg, "token");
	memset(&c, 0, sizeof c);
	CHECK_INT(officer_case_confidential(&cfg, &c), 0);
	c.category = "afval";
	CHECK_INT(officer_case_confidential(&cfg, &c), 0);
	c.category = "gedrag";
	CHECK_INT(officer_case_confidential(&cfg, &c), 1);
	c.category = "onbekend";
	CHECK_INT(officer_case_confidential(&cfg, &c), 0);
	c.confidential = 1;
	CHECK_INT(officer_case_confidential(&cfg, &c), 1);
}

static void
write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	CHECK(f != NULL);
	if (f != NULL) {
		fputs(text, f);
		fclose(f);
	}
}

static void
test_key(void)
{
	struct officer_key	 k, k2;
	struct cfg		 cfg;
	struct stat		 sb;
	char			 dir[] = "/tmp/test_officer.XXXXXX", *why = NULL;
	char			*path, *text;

	CHECK(mkdtemp(dir) != NULL);
	path = xasprintf("%s/auth.key", dir);
	setup_cfg(&cfg, "token");
	cfg.auth_secret_file = path;
	cfg.state_dir = dir;

	/* Missing: -n is content, load without create fails, with create
	 * makes a 0600 file of 64 hex digits that loads as 32 bytes. */
	CHECK_INT(officer_key_check(&cfg, NULL), 0);
	CHECK_INT(officer_key_load(&cfg, 0, &k, &why), -1);
	CHECK(why != NULL);
	free(why);
	why = NULL;
	CHECK_INT(officer_key_load(&cfg, 1, &k, &why), 0);
	CHECK_INT(k.len, 32);
	CHECK_INT(stat(path, &sb), 0);
	CHECK_INT(sb.st_mode & 0777, 0600);
	text = file_read(path, 0, NULL, NULL);
	CHECK_INT(strlen(text), 65);
	CHECK_INT(strspn(text, "0123456789abcdef"), 64);
	free(text);
	/* Loading again (even with create) gives the same key. */
	CHECK_INT(officer_key_load(&cfg, 1, &k2, NULL), 0);
	CHECK_INT(k2.len, 32);
	CHECK(memcmp(k.data, k2.data, 32) == 0);
	officer_key_free(&k);
	officer_key_free(&k2);
	CHECK(k.data == NULL && k.len == 0);
	CHECK_INT(officer_key_check(&cfg, NULL), 0);

	/* An administrator's own secret: hex is decoded, other text used
	 * as it is; too short is refused and the key is not in the cause. */
	write_file(path, "00112233445566778899aabbccddeeff\n");
	CHECK_INT(officer_key_load(&cfg, 0, &k, NULL), 0);
	CHECK_INT(k.len, 16);
	CHECK_INT(k.data[15], 0xff);
	officer_key_free(&k);
	write_file(path, "correct horse battery staple\n");
	CHECK_INT(officer_key_load(&cfg, 0, &k, NULL), 0);
	CHECK_INT(k.len, 28);
	CHECK(memcmp(k.data, "correct horse", 13) == 0);
	officer_key_free(&k);
	write_file(path, "tooshort\n");
	CHECK_INT(officer_key_load(&cfg, 1, &k, &why), -1);
	CHECK_CONTAINS(why, "too short");
	CHECK(strstr(why, "tooshort") == NULL);
	free(why);
	why = NULL;
	CHECK_INT(officer_key_check(&cfg, &why), -1);
	free(why);
	why = NULL;
	unlink(path);

	/* A key file in a directory that does not exist. */
	free(path);
	path = xasprintf("%s/nope/auth.key", dir);
	cfg.auth_secret_file = path;
	CHECK_INT(officer_key_check(&cfg, &why), -1);
	CHECK_CONTAINS(why, "cannot be created");
	free(why);
	why = NULL;
	CHECK_INT(officer_key_load(&cfg, 1, &k, &why), -1);
	free(why);
	free(path);
	rmdir(dir);
}

static void
test_text(void)
{
	struct mail_attachment	a[2];
	struct officer_key	key = { (unsigned char *)keybytes, 32 };
	struct cfg		cfg;
	char			*s;

	s = officer_size_words(0);
	CHECK_STR(s, "0 bytes");
	free(s);
	s = officer_size_words(1023);
	CHECK_STR(s, "1023 bytes");
	free(s);
	s = officer_size_words(1025);
	CHECK_STR(s, "2 KB");
	free(s);
	s = officer_size_words(5 * 1024 * 1024 + 512 * 1024);
	CHECK_STR(s, "5.5 MB");
	free(s);

	s = officer_attachment_lines(NULL, 0, "nl");
	CHECK_STR(s, "(geen)");
	free(s);
	s = officer_attachment_lines(NULL, 0, "en");
	CHECK_STR(s, "(none)");
	free(s);
	memset(a, 0, sizeof a);
	a[0].filename = "foto\r\nBcc: x@y.z.jpg";
	a[0].content_type = "image/jpeg";
	a[0].size = 2048;
	a[0].data = "";
	a[1].filename = "groot.pdf";
	a[1].content_type = "application/pdf";
	a[1].size = 80 * 1024 * 1024;
	s = officer_attachment_lines(a, 2, "nl");
	/* CR/LF cannot start a line of their own: shown, escaped. */
	CHECK_STR(s, "- foto<U+000D><U+000A>Bcc: x@y.z.jpg (image/jpeg, 2 KB)\n"
	    "- groot.pdf (application/pdf, 80.0 MB) -- te groot, niet bewaard");
	free(s);

	setup_cfg(&cfg, "token");
	s = officer_reply_address(&cfg, &key, "KL-2026-00042", "anna",
	    20500 * 86400);
	CHECK(s != NULL && str_startswith(s, "klachten+kl-2026-00042.anna."));
	CHECK(s != NULL && strstr(s, "@testdorp.example") != NULL);
	free(s);
	s = officer_reply_address(&cfg, &key, "KL-2026-00042", "Not Valid",
	    20500 * 86400);
	CHECK(s == NULL);
}

/* The recipients the reply token is looked for in (mailparse.c). */
static void
test_rcpts(void)
{
	static const char raw[] =
	    "Delivered-To: Klachten+KL-2026-00001.anna.0011223344556677@"
	    "Testdorp.example\r\n"
	    "X-Original-To: <klachten@testdorp.example>\r\n"
	    "From: Anna <anna@gemeente.example>\r\n"
	    "To: \"Gemeente, Testdorp\" <klachten+x@testdorp.example>, "
	    "bob@gemeente.example\r\n"
	    "Cc: team: carla@andere.example, Bob@gemeente.example;, "
	    "not an address\r\n"
	    "Subject: x\r\n\r\nbody\r\n";
	struct mail_limits	 lim = { 0, 0, 20, 100, 0 };
	struct mail		*m;
	char			*why = NULL;

	m = mail_parse(raw, sizeof raw - 1, &lim, &why);
	CHECK(m != NULL);
	if (m == NULL)
		return;
	CHECK_INT(m->nrcpts, 5);
	if (m->nrcpts == 5) {
		CHECK_STR(m->rcpts[0], "klachten+x@testdorp.example");
		CHECK_STR(m->rcpts[1], "bob@gemeente.example");
		CHECK_STR(m->rcpts[2], "carla@andere.example");
		CHECK_STR(m->rcpts[3], "klachten+kl-2026-00001.anna."
		    "0011223344556677@testdorp.example");
		CHECK_STR(m->rcpts[4], "klachten@testdorp.example");
	}
	mail_free(m);
}

int
main(void)
{
	test_rcpts();
	test_auth();
	test_serves();
	test_key();
	test_text();
	return check_done();
}
