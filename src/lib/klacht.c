/*
 * klacht.c -- the runtime context (see klacht.h): what every job derives
 * from the configuration is derived here once.
 *
 * The reply-token key used to be read from disk by each notification,
 * token lookup and officer mail, inside the message's transaction; it is
 * now read at start-up (klachtd makes it there when it is missing) and
 * again on SIGHUP only.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "klacht.h"
#include "secret.h"
#include "token.h"
#include "util.h"

const char *
klacht_domain(const struct klacht *k)
{
	const char *at = strrchr(k->cfg->org_address, '@');

	return at != NULL ? at + 1 : "localhost";
}

int
klacht_key(struct klacht *k, const struct officer_key **key, char **cause)
{
	struct officer_key	*nk;

	if (k->key == NULL) {
		nk = xcalloc(1, sizeof *nk);
		if (secret_key_read(k->cfg->auth_secret_file, 1,
		    TOKEN_KEY_MIN, &nk->data, &nk->len, cause) == -1) {
			free(nk);
			return -1;
		}
		k->key = nk;
	}
	*key = k->key;
	return 0;
}

int
klacht_key_reload(struct klacht *k, char **cause)
{
	const struct officer_key *key;

	klacht_key_drop(k);
	return klacht_key(k, &key, cause);
}

void
klacht_key_drop(struct klacht *k)
{
	if (k->key == NULL)
		return;
	secret_wipe_free(k->key->data, k->key->len);
	free(k->key);
	k->key = NULL;
}
