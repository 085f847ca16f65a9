#!/bin/sh
# bench/soak.sh -- the daemon processing mail for a while, memory watched.
#
#   bench/soak.sh [-b BUILDDIR] [-n TOTAL] [-w WAVE] [-o OUTDIR]
#   bench/soak.sh [-b BUILDDIR] --valgrind [-n TOTAL]
#
# Soak: one klachtd daemon on a temporary state directory (Maildir in,
# Maildir out, SQLite) gets TOTAL complaints (default 20000) dropped into
# its intake Maildir in waves of WAVE (default 200), each with its own
# sender and Message-ID.  After each wave the daemon gets SIGHUP -- so the
# reload path is soaked too, and the wave is taken at once instead of at
# the next 5-second poll -- and the script waits for the wave to be filed.
# The daemon's RSS is read from /proc every second into OUTDIR/rss.csv
# (seconds, RSS in KiB, messages filed; OUTDIR defaults to ./soak.out).  At the end: the RSS at the start,
# after the first wave (warm), at the end and the maximum, the ratio end /
# warm, and a check that every message became exactly one case.
#
# --valgrind: the same over a smaller batch (default 300, three waves and
# reloads) under `valgrind --leak-check=full --error-exitcode=1`, then
# SIGTERM; the exit status is valgrind's verdict.
#
# Not a test and not run by CI: figures go into bench/README.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
src=$(dirname "$here")
build=.
total=
wave=200
outdir=
valgrind=0
while [ $# -gt 0 ]; do
	case $1 in
	-b) build=$2; shift 2 ;;
	-n) total=$2; shift 2 ;;
	-w) wave=$2; shift 2 ;;
	-o) outdir=$2; shift 2 ;;
	--valgrind) valgrind=1; shift ;;
	-h|--help) sed -n '2,22p' "$0"; exit 0 ;;
	*) echo "soak.sh: unknown option $1" >&2; exit 64 ;;
	esac
done
[ -n "$total" ] || { [ $valgrind = 1 ] && total=300 || total=20000; }
[ $valgrind = 0 ] || wave=$(( (total + 2) / 3 ))
klachtd=$(cd "$build" && pwd)/klachtd
[ -x "$klachtd" ] || { echo "soak.sh: no klachtd in $build (use -b)" >&2; exit 66; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/klsoak.XXXXXX")
outdir=${outdir:-$PWD/soak.out}
mkdir -p "$outdir"
pid=
sampler=
cleanup() {
	[ -z "$sampler" ] || kill "$sampler" 2>/dev/null || :
	[ -z "$pid" ] || kill "$pid" 2>/dev/null || :
	[ "${KEEP_TMP:-0}" = 1 ] || rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

state=$tmp/state
in=$state/inbox
mkdir -p "$in/tmp" "$in/new" "$in/cur"
cat > "$tmp/klachtd.conf" <<CONF
organisation = { name = "Gemeente Soak"; address = "klachten@soak.example"; };
state_dir = "$state";
templates = "$src/etc/templates";
CONF

# drop FROM TO: complaints FROM..TO into new/, written as an MDA does.
drop() {
	python3 - "$in" "$1" "$2" <<'PY'
import os, sys
inbox, a, b = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
topics = ["het ophalen van het afval", "de wachttijd aan de balie",
          "een parkeerboete", "de stoep in de Dorpsstraat", "de bejegening"]
for i in range(a, b + 1):
    t = topics[i % len(topics)]
    msg = ("From: Inwoner %d <inwoner%d@example.net>\n"
           "To: klachten@soak.example\n"
           "Subject: =?utf-8?q?Klacht_over_%s_(%d)?=\n"
           "Date: Mon, 16 Nov 2026 09:12:00 +0100\n"
           "Message-ID: <soak-%d@example.net>\n"
           "MIME-Version: 1.0\n"
           "Content-Type: text/plain; charset=utf-8\n"
           "Content-Transfer-Encoding: 8bit\n\n"
           "Geachte heer, mevrouw,\n\n"
           "Ik wil een klacht indienen over %s.  Dit is al de derde keer\n"
           "dat het misgaat, en niemand heeft mij teruggebeld.\n\n"
           "Met vriendelijke groet,\nInwoner %d\n") % (
               i, i, t.replace(" ", "_"), i, i, t, i)
    name = "%d.soak%d.host" % (i, i)
    with open(os.path.join(inbox, "tmp", name), "w") as f:
        f.write(msg)
    os.rename(os.path.join(inbox, "tmp", name), os.path.join(inbox, "new", name))
PY
}
count() { ls "$1" | wc -l | tr -d ' '; }
wait_filed() { # N: until N files are in cur/ (bounded: 10 minutes)
	deadline=$(( $(date +%s) + 600 ))
	while [ "$(count "$in/cur")" -lt "$1" ]; do
		kill -0 "$pid" 2>/dev/null || { echo "soak.sh: the daemon died" >&2; exit 1; }
		[ "$(date +%s)" -lt "$deadline" ] || { echo "soak.sh: stuck at $(count "$in/cur") of $1" >&2; exit 1; }
		sleep 0.2
	done
}

: > "$outdir/daemon.log"
if [ $valgrind = 1 ]; then
	command -v valgrind > /dev/null || { echo "soak.sh: valgrind not installed" >&2; exit 77; }
	valgrind --leak-check=full --error-exitcode=1 \
	    --log-file="$outdir/valgrind.log" \
	    "$klachtd" -c "$tmp/klachtd.conf" 2> "$outdir/daemon.log" &
	pid=$!
else
	"$klachtd" -c "$tmp/klachtd.conf" 2> "$outdir/daemon.log" &
	pid=$!
fi
# Ready when it says so.
deadline=$(( $(date +%s) + 60 ))
until grep -q "started:" "$outdir/daemon.log"; do
	kill -0 "$pid" 2>/dev/null || { cat "$outdir/daemon.log" >&2; exit 1; }
	[ "$(date +%s)" -lt "$deadline" ] || { echo "soak.sh: no start" >&2; exit 1; }
	sleep 0.1
done

# RSS sampler: every second, seconds since start, VmRSS (KiB), filed.
echo "seconds,rss_kib,filed" > "$outdir/rss.csv"
(
	t0=$(date +%s)
	while kill -0 "$pid" 2>/dev/null; do
		rss=$(sed -n 's/^VmRSS:[[:space:]]*\([0-9]*\) kB/\1/p' "/proc/$pid/status" 2>/dev/null || :)
		[ -z "$rss" ] || echo "$(( $(date +%s) - t0 )),$rss,$(count "$in/cur")" >> "$outdir/rss.csv"
		sleep 1
	done
) &
sampler=$!

start=$(date +%s)
done_n=0
warm=
while [ $done_n -lt "$total" ]; do
	to=$(( done_n + wave ))
	[ $to -le "$total" ] || to=$total
	drop $((done_n + 1)) $to
	kill -HUP "$pid"
	wait_filed $to
	done_n=$to
	if [ -z "$warm" ]; then
		sleep 1.1
		warm=$(sed -n 's/^VmRSS:[[:space:]]*\([0-9]*\) kB/\1/p' "/proc/$pid/status")
	fi
	printf '\rsoak: %d of %d filed' "$done_n" "$total" >&2
done
echo >&2
elapsed=$(( $(date +%s) - start ))
sleep 1.1	# one more sample at rest
kill -TERM "$pid"
rc=0
wait "$pid" || rc=$?
pid=
kill "$sampler" 2>/dev/null || :
sampler=

cases=$(python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); print(c.execute('select count(*), count(distinct complainant_email) from cases').fetchone())" "$state/klachtd.db")
echo "messages: $total in ${elapsed}s ($(( total / (elapsed > 0 ? elapsed : 1) )) msg/s, waves of $wave, a reload per wave)"
echo "cases (total, distinct senders): $cases; left in new/: $(count "$in/new")"
echo "daemon exit status on SIGTERM: $rc"
if [ $valgrind = 1 ]; then
	grep -E "ERROR SUMMARY|definitely lost|indirectly lost|possibly lost|still reachable" "$outdir/valgrind.log" || :
	echo "valgrind verdict (exit status): $rc"
	exit "$rc"
fi
awk -F, -v warm="$warm" 'NR == 2 { first = $2 } NR > 1 { last = $2; if ($2 > max) max = $2; n++ }
    END { printf "RSS KiB: first %d, warm %d, last %d, max %d; last/warm %.3f, max/warm %.3f (%d samples)\n",
          first, warm, last, max, last / warm, max / warm, n }' "$outdir/rss.csv"
echo "samples: $outdir/rss.csv"
[ "$rc" = 0 ]
