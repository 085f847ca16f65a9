/*
 * sizeparse.c -- a configured size in bytes (see sizeparse.h).  libc
 * only: klachtd-deliver links this file.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>

#include "sizeparse.h"

int
size_parse(const char *s, size_t *out)
{
	char		*end;
	unsigned long long n;

	errno = 0;
	n = strtoull(s, &end, 10);
	if (errno != 0 || end == s)
		return -1;
	switch (toupper((unsigned char)*end)) {
	case 'K': n *= 1024ULL; end++; break;
	case 'M': n *= 1024ULL * 1024; end++; break;
	case 'G': n *= 1024ULL * 1024 * 1024; end++; break;
	}
	if (*end == 'B' || *end == 'b')
		end++;
	if (*end != '\0')
		return -1;
	*out = (size_t)n;
	return 0;
}
