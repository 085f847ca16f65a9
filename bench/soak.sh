#!/bin/sh
# bench/soak.sh -- the daemon processing mail for a while, memory watched.
#
#   bench/soak.sh [-b BUILDDIR] [-n TOTAL] [-w WAVE] [-r REST] [-o OUTDIR]
#   bench/soak.sh [-b BUILDDIR] --valgrind [-n TOTAL]
#
# Soak: one klachtd daemon on a temporary state directory (Maildir in,
# Maildir out, SQLite) gets TOTAL complaints (default 20000) dropped into
# its intake Maildir in waves of WAVE (default 200), each with its own
# sender and Message-ID.  After each wave the daemon gets SIGHUP -- so the
# reload path is soaked too, and the wave is taken at once instead of at
# the next 5-second poll -- and the script waits for the wave to be filed.
# The daemon's memory is read from /proc/PID/smaps_rollup every second
# into OUTDIR/rss.csv (seconds, RSS, messages filed, PSS, Private_Dirty,
# Shared_Clean, all in KiB; OUTDIR defaults to ./soak.out).  At the end:
# for RSS, PSS and private dirty the figure at the start, after the first
# wave (warm; taken at rest, once its acknowledgements are out), at the
# end (at rest too) and the maximum, the ratio end / warm, the
# figures by messages filed; the steady state broken down by mapping
# kind (heap, anonymous, shared-library text/data, files such as the
# database, stack) from /proc/PID/smaps just before SIGTERM, into
# OUTDIR/smaps.txt too; and a check that every message became exactly
# one case.  RSS counts every resident page of shared libraries (mostly
# clean text shared with other processes); PSS divides shared pages by
# the number of processes mapping them; private dirty is what this
# process alone has written -- its own memory.
#
# The daemon rests (include/rest.h) after REST seconds without work
# (daemon.rest_after, default 10; -r 0 keeps it resident, as before the
# rest existed): the sampler records the process image too (klachtd or
# klachtd-rest), "warm" and "last" are taken once it rests, and the
# report adds the idle working daemon (just before it rests), the
# maximum while working, and the share of samples at rest.
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
rest=10
valgrind=0
while [ $# -gt 0 ]; do
	case $1 in
	-b) build=$2; shift 2 ;;
	-n) total=$2; shift 2 ;;
	-w) wave=$2; shift 2 ;;
	-o) outdir=$2; shift 2 ;;
	-r) rest=$2; shift 2 ;;
	--valgrind) valgrind=1; shift ;;
	-h|--help) sed -n '2,39p' "$0"; exit 0 ;;
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
daemon = { rest_after = "${rest}s"; };
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
# at_rest: waits (bounded: 2 minutes) until the daemon rests, when it
# may, and the sampler has recorded it at rest (a sample takes a while
# once cur/ holds many files); prints nothing.
image() { cat "/proc/$pid/comm" 2>/dev/null || :; }
at_rest() {
	[ "$rest" != 0 ] || return 0
	deadline=$(( $(date +%s) + 120 ))
	while [ "$(image)" != klachtd-rest ] ||
	    [ "$(tail -n 1 "$outdir/rss.csv" | cut -d, -f7)" != klachtd-rest ]; do
		[ "$(date +%s)" -lt "$deadline" ] || { echo "soak.sh: the daemon does not rest" >&2; exit 1; }
		sleep 0.2
	done
}
# wait_sent N: until N acknowledgements are in the outgoing Maildir, so
# the daemon has finished the wave and gone to sleep (bounded: 10 minutes).
sent() { find "$state/outgoing" -type f 2>/dev/null | wc -l | tr -d ' '; }
wait_sent() {
	deadline=$(( $(date +%s) + 600 ))
	while [ "$(sent)" -lt "$1" ]; do
		[ "$(date +%s)" -lt "$deadline" ] || { echo "soak.sh: $(sent) of $1 acknowledgements" >&2; exit 1; }
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

# Sampler: every second, seconds since start, RSS, filed, PSS,
# Private_Dirty, Shared_Clean (KiB, from smaps_rollup).
echo "seconds,rss_kib,filed,pss_kib,private_dirty_kib,shared_clean_kib,image" > "$outdir/rss.csv"
mem() { # prints "rss pss private_dirty shared_clean" of $pid, or nothing
	awk '/^Rss:/ { r = $2 } /^Pss:/ { p = $2 } /^Private_Dirty:/ { d = $2 }
	    /^Shared_Clean:/ { c = $2 } END { if (r != "") print r, p, d, c }' \
	    "/proc/$pid/smaps_rollup" 2>/dev/null || :
}
(
	t0=$(date +%s)
	while kill -0 "$pid" 2>/dev/null; do
		# The image before and after: a sample taken across an exec
		# is labelled "exec", not counted as either.
		im=$(image); m=$(mem); [ "$(image)" = "$im" ] || im=exec
		# shellcheck disable=SC2086
		[ -z "$m" ] || { set -- $m; echo "$(( $(date +%s) - t0 )),$1,$(count "$in/cur"),$2,$3,$4,$im" >> "$outdir/rss.csv"; }
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
		wait_sent $to
		sleep 1.1
		idle_warm=$(mem | tr ' ' ,)
		at_rest
		sleep 1.1
		warm=$(mem | tr ' ' ,)
	fi
	printf '\rsoak: %d of %d filed' "$done_n" "$total" >&2
done
echo >&2
elapsed=$(( $(date +%s) - start ))
wait_sent "$total"
sleep 1.1
idle_last=$(mem | tr ' ' ,)
at_rest
sleep 1.1	# one more sample at rest
[ $valgrind = 1 ] || cp "/proc/$pid/smaps" "$outdir/smaps" 2>/dev/null || :
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
python3 - "$outdir/rss.csv" "$warm" "$total" "$outdir/smaps" "$idle_warm" "$idle_last" <<'PY' | tee "$outdir/report.txt"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
warm = [int(x) for x in sys.argv[2].split(",")]
total = int(sys.argv[3])
idle = [[int(x) for x in a.split(",")] for a in sys.argv[5:7]]
working = [r for r in rows if r["image"] == "klachtd"]
resting = [r for r in rows if r["image"] == "klachtd-rest"]
print("samples at rest (klachtd-rest): %d of %d" % (len(resting), len(rows)))
cols = [("RSS", "rss_kib"), ("PSS", "pss_kib"), ("private dirty", "private_dirty_kib")]
for i, (name, key) in enumerate(cols):
    v = [int(r[key]) for r in rows]
    w = warm[[0, 1, 2][i]]
    print("%-13s KiB: first %6d, warm %6d, last %6d, max %6d; last/warm %.3f, max/warm %.3f;"
          " last = %.2f x 10 MB" % (name, v[0], w, v[-1], max(v), v[-1] / w, max(v) / w,
                                    v[-1] / 10240))
print("(%d samples; Shared_Clean last %s KiB)" % (len(rows), rows[-1]["shared_clean_kib"]))
for i, (name, key) in enumerate(cols):
    print("%-13s KiB, the working daemon: idle after wave 1 %6d, idle at the end %6d,"
          " max while working %6d%s" % (name, idle[0][i], idle[1][i],
          max(int(r[key]) for r in working) if working else 0,
          ("; at rest: min %d, max %d" % (min(int(r[key]) for r in resting),
           max(int(r[key]) for r in resting))) if resting else ""))
marks = []
for k in range(1, 11):
    c = total * k // 10
    r = next((r for r in rows if int(r["filed"]) >= c), rows[-1])
    marks.append("%d: %s/%s/%s" % (c, r["rss_kib"], r["pss_kib"], r["private_dirty_kib"]))
print("RSS/PSS/private dirty KiB by messages filed:")
for j in range(0, 10, 5):
    print("  " + "   ".join(marks[j:j + 5]))
# Steady state by mapping kind, from the smaps taken before SIGTERM.
try:
    lines = open(sys.argv[4]).read().splitlines()
except OSError:
    sys.exit(0)
kinds = {}
cur = None
for l in lines:
    f = l.split()
    if f and "-" in f[0] and len(f) >= 5 and ":" not in f[0]:
        perms, path = f[1], (f[5] if len(f) > 5 else "")
        if path == "[heap]":
            cur = "heap (malloc: brk)"
        elif path == "[stack]":
            cur = "stack"
        elif path.startswith("["):
            cur = "vdso/vvar"
        elif path == "":
            cur = "anonymous (malloc arenas/mmap, SQLite/GLib allocations)"
        elif ".so" in path:
            cur = ("shared libraries, text (r-x)" if "x" in perms else
                   "shared libraries, data/relro (rw-)" if "w" in perms else
                   "shared libraries, rodata and RELRO (r--)")
        elif path.endswith(".db") or path.endswith("-shm") or path.endswith("-wal"):
            cur = "database file mappings (sqlite mmap/shm)"
        elif "x" in perms:
            cur = "klachtd executable, text"
        else:
            cur = "other files (klachtd data, locale ...)"
        kinds.setdefault(cur, [0, 0, 0, 0])
    elif cur and len(f) >= 2 and f[0] in ("Rss:", "Pss:", "Private_Dirty:", "Shared_Clean:"):
        kinds[cur][("Rss:", "Pss:", "Private_Dirty:", "Shared_Clean:").index(f[0])] += int(f[1])
print("steady state by mapping kind (KiB):     RSS     PSS  priv.dirty  shared clean")
tot = [0, 0, 0, 0]
for k, v in sorted(kinds.items(), key=lambda kv: -kv[1][0]):
    print("  %-55s %7d %7d %7d %7d" % (k, v[0], v[1], v[2], v[3]))
    tot = [a + b for a, b in zip(tot, v)]
print("  %-55s %7d %7d %7d %7d" % ("total", tot[0], tot[1], tot[2], tot[3]))
PY
echo "samples: $outdir/rss.csv"
[ "$rc" = 0 ]
