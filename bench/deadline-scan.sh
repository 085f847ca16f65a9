#!/bin/sh
# bench/deadline-scan.sh -- the deadline scan over a large register.
#
#   bench/deadline-scan.sh [-b BUILDDIR] [-n CASES] [-o OUTDIR]
#
# Makes a database with the schema of this klachtd (deadline-bench -i),
# fills it with CASES cases (default 1,000,000) by bench/deadline-gen.sql
# in the sqlite3 shell, and times, in one run of bench/deadline-bench on
# the same database: a bare SELECT count(*) FROM cases (best of three,
# page cache warm), then the deadline scan (escalate_run) "cold" (every
# open case armed: evaluated, and what is due mailed into the outbox),
# "warm" (the same moment again), an hour and a day later.  It prints
# cases/s (cases in the table per second of scan) and each scan's time
# as a multiple of the count(*), plus the query plan of the scan, which
# must use the partial index cases_deadline (closed cases are not in it).
#
# Not a test and not run by CI: figures go into bench/README.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
src=$(dirname "$here")
build=.
n=1000000
outdir=
while [ $# -gt 0 ]; do
	case $1 in
	-b) build=$2; shift 2 ;;
	-n) n=$2; shift 2 ;;
	-o) outdir=$2; shift 2 ;;
	-h|--help) sed -n '2,18p' "$0"; exit 0 ;;
	*) echo "deadline-scan.sh: unknown option $1" >&2; exit 64 ;;
	esac
done
bench=$(cd "$build" && pwd)/bench/deadline-bench
[ -x "$bench" ] || { echo "deadline-scan.sh: no bench/deadline-bench in $build (make, or use -b)" >&2; exit 66; }
command -v sqlite3 >/dev/null || { echo "deadline-scan.sh: needs the sqlite3 shell" >&2; exit 69; }
TZ=Europe/Amsterdam
export TZ
tmp=$(mktemp -d "${TMPDIR:-/tmp}/kldl.XXXXXX")
cleanup() { [ "${KEEP_TMP:-0}" = 1 ] || rm -rf "$tmp"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

cat > "$tmp/klachtd.conf" <<CONF
organisation = { name = "Gemeente Bench"; address = "klachten@bench.example";
  disputes_body = "De Geschillencommissie Zorg"; };
state_dir = "$tmp";
templates = "$src/etc/templates";
categories = (
  { id = "afval"; name = "Afval"; },
  { id = "parkeren"; name = "Parkeren"; },
  { id = "gedrag"; name = "Grensoverschrijdend gedrag"; confidential = true;
    escalation = ( { at = "-1w"; to = "assignee"; },
      { at = "0d"; contacts = ( { name = "Vera"; email = "vera@bench.example"; } ); } ); },
  { id = "zorg"; name = "Zorg"; terms = { profile = "wkkgz"; }; }
);
officers = (
  { id = "anna"; name = "Anna"; email = "anna@bench.example"; },
  { id = "bob"; name = "Bob"; email = "bob@bench.example"; }
);
escalation = {
  ladder = ( { at = "-1w"; to = "assignee"; },
    { at = "0d"; contacts = ( { name = "Tineke"; email = "tineke@bench.example"; } ); },
    { at = "+1w"; contacts = ( { name = "Dirk"; email = "dirk@bench.example"; } ); } );
  unassigned_after = "16h";
  digest = "none";
};
CONF
now=$(date -d '2026-12-01 10:00:00' +%s)
"$bench" -c "$tmp/klachtd.conf" -i
t0=$(date +%s.%N)
sqlite3 "$tmp/klachtd.db" ".parameter init" ".parameter set @n $n" \
    ".parameter set @now $now" ".read $src/bench/deadline-gen.sql" >/dev/null
t1=$(date +%s.%N)
echo "generated $n cases in $(awk "BEGIN { printf \"%.1f\", $t1 - $t0 }") s ($(du -h "$tmp/klachtd.db" | cut -f1))"
[ -z "$outdir" ] || mkdir -p "$outdir"
"$bench" -c "$tmp/klachtd.conf" -t "$now" | tee "${outdir:-$tmp}/deadline-scan.txt"
