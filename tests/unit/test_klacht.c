/*
 * test_klacht.c -- the runtime context: the reply-token key is read once
 * and kept (no transaction goes to disk for it), read again only on
 * klacht_key_reload() (SIGHUP), and a failed read leaves nothing behind.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cfg.h"
#include "check.h"
#include "klacht.h"
#include "officer.h"
#include "secret.h"
#include "util.h"

static void
write_file(const char *path, const char *text)
{
	FILE	*fp = fopen(path, "w");

	CHECK(fp != NULL);
	if (fp == NULL)
		return;
	fputs(text, fp);
	fclose(fp);
}

int
main(void)
{
	char				 dir[] = "/tmp/test_klacht.XXXXXX";
	const struct officer_key	*key, *again;
	struct klacht			 k;
	char				*why = NULL, *path;
	unsigned char			 first[64];
	size_t				 len;

	CHECK(mkdtemp(dir) != NULL);
	memset(&k, 0, sizeof k);
	k.cfg = cfg_load(NULL, dir, &why);
	CHECK(k.cfg != NULL);
	if (k.cfg == NULL)
		return check_done();
	path = k.cfg->auth_secret_file;

	/* First use makes the key file and keeps the key. */
	CHECK_INT(klacht_key(&k, &key, &why), 0);
	CHECK(access(path, F_OK) == 0);
	CHECK_INT(key->len, SECRET_KEY_BYTES);
	len = key->len;
	memcpy(first, key->data, len);

	/* Later uses do not read the file: replacing or removing it
	 * changes nothing until a reload. */
	write_file(path, "00112233445566778899aabbccddeeff"
	    "00112233445566778899aabbccddeeff\n");
	CHECK_INT(klacht_key(&k, &again, &why), 0);
	CHECK(again == key);
	CHECK(again->len == len && memcmp(again->data, first, len) == 0);

	/* A reload (SIGHUP) reads the new file. */
	CHECK_INT(klacht_key_reload(&k, &why), 0);
	CHECK_INT(klacht_key(&k, &key, &why), 0);
	CHECK_INT(key->len, 32);
	CHECK_INT(key->data[1], 0x11);
	CHECK(memcmp(key->data, first, 32) != 0);

	/* A reload that fails holds no key; the next use tries again. */
	write_file(path, "short\n");
	CHECK_INT(klacht_key_reload(&k, &why), -1);
	CHECK_CONTAINS(why, "too short");
	free(why);
	why = NULL;
	CHECK(k.key == NULL);
	CHECK_INT(klacht_key(&k, &key, &why), -1);
	free(why);
	why = NULL;
	unlink(path);
	CHECK_INT(klacht_key(&k, &key, &why), 0);
	CHECK_INT(key->len, SECRET_KEY_BYTES);

	klacht_key_drop(&k);
	CHECK(k.key == NULL);
	klacht_key_drop(&k);	/* twice: harmless */
	unlink(path);
	rmdir(dir);
	cfg_free(k.cfg);
	return check_done();
}
