/*
 * cause.c -- set_cause() (util.h), apart from the rest of util.c so that
 * klachtd-deliver, which links no GLib, can use privdrop.c.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "util.h"

void
set_cause(char **cause, const char *fmt, ...)
{
	va_list	ap;

	if (cause == NULL)
		return;
	va_start(ap, fmt);
	if (vasprintf(cause, fmt, ap) == -1) {
		fputs("fatal: out of memory\n", stderr);
		abort();
	}
	va_end(ap);
}
