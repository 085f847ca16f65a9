/*
 * fuzz_authres.c -- libFuzzer target for Authentication-Results parsing
 * and reply tokens: no input may crash them, a header with another
 * authserv-id never passes, and no token verifies under a key it was not
 * made with.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "authres.h"
#include "token.h"
#include "util.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const unsigned char key[] = "fuzzing-key-0123456789abcdef";

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	*s, *ref = NULL, *off = NULL, *cause = NULL, *t;
	int64_t	 day;

	s = xstrndup((const char *)data, size);

	(void)authres_passes(s, "mx.gemeente.nl", "gemeente.nl");
	{
		/* The input as our header above our Received line and as a
		 * sender's below it: below, it can never make a pass. */
		struct authres_hdr h[3] = {
			{ 0, (char *)"mx.gemeente.nl; dkim=none" },
			{ 1, (char *)"from x by mx.gemeente.nl; date" },
			{ 0, s },
		};
		(void)authres_received_by(s, "mx.gemeente.nl");
		(void)authres_trusted(h + 2, 1, "mx.gemeente.nl",
		    "gemeente.nl");
		if (authres_trusted(h, 3, "mx.gemeente.nl", "gemeente.nl") !=
		    AUTHRES_NONE)
			abort();
	}
	/* No invariant on the authserv-id's spelling: RFC 8601 lets a
	 * header quote it, so a quoted "mx;gemeente" rightly matches that
	 * id (the long run found it); the configuration takes host names
	 * only (cfg.c), which no crafted quoting can widen. */

	if (token_parse(key, sizeof key - 1, s, &ref, &off, &day, &cause) == 0) {
		/* Only possible for a real token: re-making must agree. */
		t = token_make(key, sizeof key - 1, ref, off, day);
		if (t == NULL || strcasecmp(t, s) != 0)
			abort();
		free(t);
	} else if (ref != NULL || off != NULL || cause == NULL)
		abort();
	free(ref);
	free(off);
	free(cause);

	t = token_from_address(s, "klachten");
	free(t);
	free(s);
	return 0;
}
