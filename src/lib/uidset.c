/*
 * uidset.c -- IMAP UID sets (uidset.h).
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "uidset.h"
#include "util.h"

size_t
uidset_take(const uint32_t *uids, size_t n, size_t max, char **out)
{
	char		 el[2 * 10 + 3], *buf;
	size_t		 i = 0, j, len = 0, ellen;
	uint32_t	 a, b;

	*out = NULL;
	if (n == 0)
		return 0;
	/* One element is at most "," + 10 + ":" + 10 digits. */
	buf = xmalloc(max + sizeof el);
	buf[0] = '\0';
	while (i < n) {
		/* The run starting at i: consecutive (or repeated) UIDs. */
		a = b = uids[i];
		for (j = i + 1; j < n; j++) {
			if (uids[j] == b)
				continue;
			if (b == UINT32_MAX || uids[j] != b + 1)
				break;
			b = uids[j];
		}
		if (a == b)
			(void)snprintf(el, sizeof el, "%s%" PRIu32,
			    len > 0 ? "," : "", a);
		else
			(void)snprintf(el, sizeof el, "%s%" PRIu32 ":%" PRIu32,
			    len > 0 ? "," : "", a, b);
		ellen = strlen(el);
		if (len > 0 && len + ellen > max)
			break;		/* the rest goes into the next set */
		memcpy(buf + len, el, ellen + 1);
		len += ellen;
		i = j;
	}
	*out = buf;
	return i;
}
