#!/bin/sh
# Instructions per message of an IMAP intake pass: N fresh mails
# (default 200) in a private Dovecot, as bench/imap-ingest.sh sets up,
# taken in by one `klachtd --once` under valgrind --tool=callgrind.
# Prints the inclusive counts of the functions bench/README follows,
# divided by N.  Instructions, not time: comparable on a busy machine.
#
#   top_builddir=/path/to/build sh bench/imap-profile.sh [N] [OUT]
: "${top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
export top_srcdir top_builddir
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/e2e/imap-lib.sh"
N=${1:-200}
OUT=${2:-$FX_DIR/callgrind.out}
im_setup
im_mail "$N" bench
fx_imap_uids ALL >/dev/null
valgrind --tool=callgrind --callgrind-out-file="$OUT" \
    "$KLACHTD" -c "$KL_CONF" --once >/dev/null 2>"$FX_DIR/vg.log" ||
	{ tail "$FX_DIR/vg.log" >&2; fx_fail "klachtd --once failed"; }
kl_eq "all taken in" "$(im_cases)" "$N"
callgrind_annotate --inclusive=yes "$OUT" 2>/dev/null |
    /usr/bin/python3 -c '
import re, sys
n = int(sys.argv[1])
want = ("PROGRAM TOTALS", "intake_message", "sqlite3_step", "fts5",
    "sqlite3_exec", "outmail_queue", "mail_compose", "mail_parse",
    "store_search_flush", "store_commit")
for l in sys.stdin:
    m = re.match(r"\s*([\d,]+)\s+(?:\([^)]*\)\s+)?(.*)", l)
    if not m:
        continue
    name = m.group(2)
    if any(w in name for w in want):
        v = int(m.group(1).replace(",", ""))
        if v // n >= 1000:
            print("%10s k  %s" % (format(v // n // 1000, ","), name[:90]))
' "$N" | head -40
echo "callgrind output: $OUT" >&2
