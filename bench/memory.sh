#!/bin/sh
# bench/memory.sh -- the daemon's memory over a long run on the network
# path: IMAP in, SMTP out.
#
#   top_builddir=BUILDDIR sh bench/memory.sh [-n TOTAL] [-w WAVE] [-o OUTDIR]
#
# One klachtd daemon (its loop, real time) reads a private Dovecot over
# IMAP (poll 1 s) and sends to the test SMTP sink.  TOTAL complaints
# (default 100,000) arrive in waves of WAVE (default 5,000), each with its
# own sender and Message-ID, written into Dovecot's Maildir the way an
# MDA does; the next wave comes when the daemon has taken in the last
# one.  At the end the script waits until every acknowledgement has
# been sent.  A sampler reads VmRSS from /proc every second together
# with the number of cases, into OUTDIR/rss.csv (seconds, RSS KiB,
# cases, acks sent; OUTDIR defaults to ./memory.out).
#
# Report: RSS first (started, nothing done), warm (after the first
# wave), last, max; last/warm; the slope of RSS over cases after the
# first wave (least squares, KiB per 10,000 cases) -- flat memory has a
# slope near 0; RSS at every tenth of the run; and the check that every
# complaint is one case with one acknowledgement, delivered once.
# Not a test, not run by CI; the figures go into bench/README.
: "${top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
export top_srcdir top_builddir
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/e2e/officer-lib.sh"
. "$top_srcdir/tests/e2e/terms-lib.sh"
. "$top_srcdir/tests/e2e/story-lib.sh"
TOTAL=100000
WAVE=5000
OUT=
while [ $# -gt 0 ]; do
	case $1 in
	-n) TOTAL=$2; shift 2 ;;
	-w) WAVE=$2; shift 2 ;;
	-o) OUT=$2; shift 2 ;;
	-h|--help) sed -n '2,22p' "$0"; exit 0 ;;
	*) echo "memory.sh: unknown option $1" >&2; exit 64 ;;
	esac
done
fx_require smtp imap curl
kl_setup
OUT=${OUT:-$PWD/memory.out}
mkdir -p "$OUT"
fx_dovecot_start
fx_smtp_start
kl_config "$(sl_smtp_conf 30s)
$(sl_imap_config)"

# wave FROM TO: complaints FROM..TO into the INBOX (tmp/, then new/).
wave() {
	/usr/bin/python3 - "$FX_IMAP_MAILDIR" "$1" "$2" "$FX_IMAP_UID" "$FX_IMAP_GID" <<'PY'
import os, sys
from email.header import Header
d, a, b, uid, gid = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
topics = ["het ophalen van het afval", "de wachttijd aan de balie",
          "een parkeerboete", "de stoep in de Schönberglaan", "de bejegening"]
root = os.getuid() == 0
for i in range(a, b + 1):
    t = topics[i % len(topics)]
    subj = Header("Klacht over %s (%d)" % (t, i), "utf-8").encode()
    msg = ("From: Inwoner %d <inwoner%d@example.net>\r\n"
           "To: klachten@testdorp.example\r\n"
           "Subject: %s\r\n"
           "Date: Mon, 16 Nov 2026 09:12:00 +0100\r\n"
           "Message-ID: <mem-%d@example.net>\r\n"
           "MIME-Version: 1.0\r\n"
           "Content-Type: text/plain; charset=utf-8\r\n"
           "Content-Transfer-Encoding: 8bit\r\n\r\n"
           "Geachte heer, mevrouw,\r\n\r\nIk wil een klacht indienen over %s.\r\n"
           "Al weken gebeurt er niets, ondanks twee telefoontjes.\r\n\r\n"
           "Met vriendelijke groet,\r\nInwoner %d\r\n") % (i, i, subj, i, t, i)
    name = "%d.M%dP%d.mem" % (i, i, os.getpid())
    tmp = os.path.join(d, "tmp", name)
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(msg)
    os.chmod(tmp, 0o644)
    if root:
        os.chown(tmp, uid, gid)
    os.rename(tmp, os.path.join(d, "new", name))
PY
}

cat > "$FX_DIR/sampler.py" <<'PY'
import sqlite3, sys, time
pid, db, out = int(sys.argv[1]), sys.argv[2], sys.argv[3]
t0 = time.monotonic()
f = open(out, "w", buffering=1)
f.write("seconds,rss_kib,cases,acks_sent\n")
c = None
while True:
    try:
        rss = [l for l in open("/proc/%d/status" % pid) if l.startswith("VmRSS:")]
    except OSError:
        break
    if not rss:
        break
    n = s = 0
    try:
        if c is None:
            c = sqlite3.connect("file:%s?mode=ro" % db, uri=True, timeout=5)
        n = c.execute("select count(*) from cases").fetchone()[0]
        s = c.execute("select count(*) from outbox where status = 'sent'").fetchone()[0]
    except sqlite3.Error:
        pass
    f.write("%.1f,%s,%d,%d\n" % (time.monotonic() - t0, rss[0].split()[1], n, s))
    time.sleep(1)
PY

sl_start
sleep 1
/usr/bin/python3 "$FX_DIR/sampler.py" "$SL_PID" "$KL_STATE/klachtd.db" "$OUT/rss.csv" &
fx_track_pid $!
t_start=$(date +%s)
cases() { sl_sql_n 'select count(*) from cases'; }
sent() { sl_sql_n "select count(*) from outbox where status = 'sent'"; }
done_=0
while [ "$done_" -lt "$TOTAL" ]; do
	to=$((done_ + WAVE))
	[ "$to" -le "$TOTAL" ] || to=$TOTAL
	wave $((done_ + 1)) "$to"
	fx_wait_for -t 3600 eval "[ \"\$(cases)\" -ge $to ]" 2>/dev/null ||
		fx_fail "the daemon did not take in wave $((done_ + 1))-$to"
	done_=$to
	fx_log "$done_ cases after $(( $(date +%s) - t_start )) s; $(sent) acks sent; RSS $(sed -n 's/^VmRSS: *//p' /proc/$SL_PID/status)"
done
fx_wait_for -t 3600 eval "[ \"\$(sent)\" -ge $TOTAL ]" ||
	fx_fail "not every acknowledgement was sent"
sleep 2
elapsed=$(( $(date +%s) - t_start ))
sl_stop
kl_eq "every complaint one case" "$(kl_sql 'select count(*), count(distinct complainant_email) from cases')" "$TOTAL|$TOTAL"
kl_eq "every ack delivered once" "$(fx_smtp_count)|$(fx_smtp_dupes | wc -l | tr -d ' ')" "$TOTAL|0"

/usr/bin/python3 - "$OUT/rss.csv" "$WAVE" "$TOTAL" "$elapsed" <<'PY'
import csv, sys
rows = [(float(r["seconds"]), int(r["rss_kib"]), int(r["cases"]), int(r["acks_sent"]))
        for r in csv.DictReader(open(sys.argv[1]))]
wave, total, elapsed = int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
first = rows[0][1]
warm_rows = [r for r in rows if r[2] >= wave]
warm = warm_rows[0][1]
last = rows[-1][1]
mx = max(r[1] for r in rows)
xs = [r[2] for r in warm_rows]
ys = [r[1] for r in warm_rows]
mxs, mys = sum(xs) / len(xs), sum(ys) / len(ys)
sxx = sum((x - mxs) ** 2 for x in xs)
slope = sum((x - mxs) * (y - mys) for x, y in zip(xs, ys)) / sxx if sxx else 0.0
print("%d complaints in %d s (%.0f/s), waves of %d; every ack sent" % (
      total, elapsed, total / elapsed, wave))
print("RSS KiB: first %d, warm %d, last %d, max %d (%d samples)" % (
      first, warm, last, mx, len(rows)))
print("last/warm %.3f, max/warm %.3f" % (last / warm, mx / warm))
print("slope after the first wave: %+.1f KiB per 10,000 cases" % (slope * 10000))
marks = []
for k in range(1, 11):
    c = total * k // 10
    r = next((r for r in rows if r[2] >= c), rows[-1])
    marks.append("%d: %d" % (c, r[1]))
print("RSS by cases: " + ", ".join(marks))
PY
echo "samples: $OUT/rss.csv"
