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
    grep -E 'PROGRAM TOTALS|:(intake_message|sqlite3_step|sqlite3_exec|outmail_queue|mail_compose|mail_parse|store_search_flush|sqlite3VtabSavepoint) ' |
    grep -v '=>' | sed 's/([^)]*%)//' |
    awk -v n="$N" '{ v = $1; gsub(",", "", v); $1 = ""; printf "%8d k %s\n", v / n / 1000, substr($0, 1, 90) }'
echo "callgrind output: $OUT" >&2
