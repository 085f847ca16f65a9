/*
 * sizeparse.h -- a size as written in the configuration ("50M", "512K",
 * "1G", "2048", an optional B).  Shared by cfg.c and klachtd-deliver,
 * which links nothing but libc and libconfig.
 */
#ifndef KLACHT_SIZEPARSE_H
#define KLACHT_SIZEPARSE_H

#include <stddef.h>

/* Parses s into *out (bytes): 0, or -1 when s is not a size. */
int	size_parse(const char *s, size_t *out);

#endif
