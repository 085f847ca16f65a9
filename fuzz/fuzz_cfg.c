/*
 * fuzz_cfg.c -- libFuzzer target for configuration loading: any file
 * loads or is refused with a cause naming file and line; never a crash,
 * never a leak (the schema walk, the typed getters, the people lists).
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "cfg.h"
#include "util.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	static char	 path[64];
	struct cfg	*cfg;
	char		*why = NULL;
	FILE		*f;

	if (len > 64 * 1024)
		return 0;
	if (path[0] == '\0')
		snprintf(path, sizeof path, "/tmp/fuzz_cfg.%d.conf",
		    (int)getpid());
	if ((f = fopen(path, "w")) == NULL)
		return 0;
	fwrite(data, 1, len, f);
	fclose(f);
	/* @include must not reach outside: libconfig resolves it relative
	 * to the include dir, which is unset here. */
	cfg = cfg_load(path, "/nonexistent/fuzz-state", &why);
	if (cfg != NULL)
		cfg_free(cfg);
	else if (why == NULL)
		abort();	/* every refusal says why */
	free(why);
	unlink(path);
	return 0;
}
