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
	static const struct {
		const char	*env;	/* CREDENTIALS_DIRECTORY, NULL: unset */
		const char	*in, *out;
	} t[] = {
		{ NULL, "${CREDENTIALS_DIRECTORY}/smtp",
		    "${CREDENTIALS_DIRECTORY}/smtp" },
		{ "/run/credentials/k.service", "${CREDENTIALS_DIRECTORY}/smtp",
		    "/run/credentials/k.service/smtp" },
		/* Only at the start of the path. */
		{ "/run/c", "/etc/${CREDENTIALS_DIRECTORY}/smtp",
		    "/etc/${CREDENTIALS_DIRECTORY}/smtp" },
		{ "/run/c", "/etc/klachtd/smtp", "/etc/klachtd/smtp" },
		{ "", "${CREDENTIALS_DIRECTORY}/smtp",
		    "${CREDENTIALS_DIRECTORY}/smtp" },
	};
	size_t	 i;
	char	*p;

	CHECK(secret_path(NULL) == NULL);
	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		if (t[i].env != NULL)
			setenv("CREDENTIALS_DIRECTORY", t[i].env, 1);
		else
			unsetenv("CREDENTIALS_DIRECTORY");
		p = secret_path(t[i].in);
		CHECK_STR(p, t[i].out);
		free(p);
	}
	unsetenv("CREDENTIALS_DIRECTORY");
}

/* got must be NULL with a cause containing want (printed on failure). */
static void
refused(char *got, char **why, const char *want)
{
	CHECK(got == NULL);
	CHECK_CONTAINS(*why, want);
	secret_free(got);
	free(*why);
	*why = NULL;
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
	refused(secret_read_file(path, &why), &why, "secret file is empty");
	CHECK_INT(secret_check_file(path, &why), -1);
	refused(NULL, &why, "empty");
	free(path);

	path = xasprintf("%s/missing", dir);
	refused(secret_read_file(path, &why), &why, path);
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
	refused(secret_read_file(path, &why), &why, "larger than");
	free(path);
	free(big);

	/* An unexpanded credentials path says why; NULL is nothing. */
	CHECK_INT(secret_check_file("${CREDENTIALS_DIRECTORY}/x", &why), -1);
	refused(NULL, &why, "CREDENTIALS_DIRECTORY is not set");
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
	refused(secret_token_file(path, &why), &why, "no token in it");
	free(path);

	path = xasprintf("%s/none", dir);
	refused(secret_token_file(path, &why), &why, "oauth2_token_file: ");
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

	refused(secret_token_command("echo tok; exit 3", 10, &why), &why,
	    "exited with status 3");
	refused(secret_token_command("true", 10, &why), &why,
	    "printed no token");
	/* Killed at the timeout, with whatever it started. */
	refused(secret_token_command("sleep 60 & sleep 60", 1, &why), &why,
	    "did not finish within 1s");
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
