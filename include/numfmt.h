/*
 * numfmt.h -- numbers as people read them (issue 16): Dutch groups
 * thousands with a dot and writes a decimal comma ("1.234", "12,5"),
 * English the other way round ("1,234", "12.5").  For reports and
 * letters; the machine formats (CSV, JSON) keep plain numbers.  Pure:
 * each writes into out, at least NUMFMT_MAX bytes, and returns it.
 */
#ifndef KLACHT_NUMFMT_H
#define KLACHT_NUMFMT_H

#include <stddef.h>
#include <stdint.h>

#include "lang.h"

#define NUMFMT_MAX	40

/* A whole number: "1.234.567" / "1,234,567", "-12". */
char	*numfmt_int(char *out, size_t len, int64_t v, enum lang);
/* Half of twice, a median: "12", "12,5" / "12.5", "1.234,5". */
char	*numfmt_half(char *out, size_t len, int64_t twice, enum lang);
/*
 * 100 * part / whole with one decimal, rounded: "83,3" / "83.3",
 * "100,0", "1.250,0"; the caller adds "%".  Returns 1, or 0 with "-" in
 * out when whole is 0 (no percentage).
 */
int	 numfmt_pct(char *out, size_t len, int64_t part, int64_t whole,
	    enum lang);

#endif
