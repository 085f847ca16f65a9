/*
 * test_secret.c -- secret.c: ${CREDENTIALS_DIRECTORY} paths, password and
 * token files (first line only, limits, empty files), the OAuth2 token
 * command (first line, exit status, timeout) and the -n check.  The key
 * file is covered through officer_key_* in test_officer.c.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "secret.h"
#include "util.h"

static char	dir[] = "/tmp/test_secret.XXXXXX";

static char *
put(const char *name, const char *text, size_t len)
{
	char	*path = xasprintf("%s/%s", dir, name);
	FILE	*f = fopen(path, "w");

	CHECK(f != NULL);
	if (f != NULL) {
		CHECK_INT(fwrite(text, 1, len, f), len);
		fclose(f);
	}
	return path;
}

static void
test_path(void)
{
	char	*p;

	CHECK(secret_path(NULL) == NULL);
	unsetenv("CREDENTIALS_DIRECTORY");
	p = secret_path("${CREDENTIALS_DIRECTORY}/smtp");
	CHECK_STR(p, "${CREDENTIALS_DIRECTORY}/smtp");
	free(p);
	setenv("CREDENTIALS_DIRECTORY", "/run/credentials/klachtd.service", 1);
	p = secret_path("${CREDENTIALS_DIRECTORY}/smtp");
	CHECK_STR(p, "/run/credentials/klachtd.service/smtp");
	free(p);
	/* Only at the start of the path. */
	p = secret_path("/etc/${CREDENTIALS_DIRECTORY}/smtp");
	CHECK_STR(p, "/etc/${CREDENTIALS_DIRECTORY}/smtp");
	free(p);
	p = secret_path("/etc/klachtd/smtp");
	CHECK_STR(p, "/etc/klachtd/smtp");
	free(p);
	setenv("CREDENTIALS_DIRECTORY", "", 1);
	p = secret_path("${CREDENTIALS_DIRECTORY}/smtp");
	CHECK_STR(p, "${CREDENTIALS_DIRECTORY}/smtp");
	free(p);
	unsetenv("CREDENTIALS_DIRECTORY");
}

static void
test_file(void)
{
	char	*path, *s, *why = NULL, *big;

	/* The first line only, without its line end. */
	path = put("pw", "s3cret pass\r\nsecond line\n", 25);
	s = secret_read_file(path, NULL);
	CHECK_STR(s, "s3cret pass");
	secret_free(s);
	CHECK_INT(secret_check_file(path, NULL), 0);
	free(path);

	path = put("empty", "\nrest\n", 6);
	CHECK(secret_read_file(path, &why) == NULL);
	CHECK_CONTAINS(why, "secret file is empty");
	free(why);
	why = NULL;
	CHECK_INT(secret_check_file(path, &why), -1);
	CHECK_CONTAINS(why, "empty");
	free(why);
	why = NULL;
	free(path);

	path = xasprintf("%s/missing", dir);
	CHECK(secret_read_file(path, &why) == NULL);
	CHECK_CONTAINS(why, path);
	free(why);
	why = NULL;
	free(path);

	/* Up to SECRET_MAX bytes; one more is refused. */
	big = xmalloc(SECRET_MAX + 2);
	memset(big, 'x', SECRET_MAX + 1);
	path = put("big", big, SECRET_MAX);
	s = secret_read_file(path, NULL);
	CHECK(s != NULL && strlen(s) == SECRET_MAX);
	secret_free(s);
	free(path);
	path = put("toobig", big, SECRET_MAX + 1);
	CHECK(secret_read_file(path, &why) == NULL);
	CHECK_CONTAINS(why, "larger than");
	free(why);
	why = NULL;
	free(path);
	free(big);

	/* An unexpanded credentials path says why; NULL is nothing. */
	CHECK_INT(secret_check_file("${CREDENTIALS_DIRECTORY}/x", &why), -1);
	CHECK_CONTAINS(why, "CREDENTIALS_DIRECTORY is not set");
	free(why);
	why = NULL;
	CHECK_INT(secret_check_file(NULL, NULL), 0);
}

static void
test_token_file(void)
{
	char	*path, *s, *why = NULL;

	path = put("tok", "  ya29.token  \nnext\n", 20);
	s = secret_token_file(path, NULL);
	CHECK_STR(s, "ya29.token");
	secret_free(s);
	free(path);

	path = put("blank", "   \nya29.later\n", 15);
	CHECK(secret_token_file(path, &why) == NULL);
	CHECK_CONTAINS(why, "no token in it");
	free(why);
	why = NULL;
	free(path);

	path = xasprintf("%s/none", dir);
	CHECK(secret_token_file(path, &why) == NULL);
	CHECK_CONTAINS(why, "oauth2_token_file: ");
	free(why);
	free(path);
}

static void
test_token_command(void)
{
	char	*s, *why = NULL;

	/* Blank lines and blanks around the token are dropped. */
	s = secret_token_command("printf '\\n  tok-1  \\nother\\n'", 10, NULL);
	CHECK_STR(s, "tok-1");
	secret_free(s);

	CHECK(secret_token_command("echo tok; exit 3", 10, &why) == NULL);
	CHECK_CONTAINS(why, "exited with status 3");
	free(why);
	why = NULL;

	CHECK(secret_token_command("true", 10, &why) == NULL);
	CHECK_CONTAINS(why, "printed no token");
	free(why);
	why = NULL;

	/* Killed at the timeout, with whatever it started. */
	CHECK(secret_token_command("sleep 60 & sleep 60", 1, &why) == NULL);
	CHECK_CONTAINS(why, "did not finish within 1s");
	free(why);
}

int
main(void)
{
	char	*cmd;

	CHECK(mkdtemp(dir) != NULL);
	test_path();
	test_file();
	test_token_file();
	test_token_command();
	cmd = xasprintf("rm -rf '%s'", dir);
	CHECK_INT(system(cmd), 0);
	free(cmd);
	return check_done();
}
