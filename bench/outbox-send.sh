#!/bin/sh
# bench/outbox-send.sh -- the outbox: acknowledgements to a local SMTP
# server over one connection, against raw libcurl on the same mail.
#
#   top_builddir=BUILDDIR sh bench/outbox-send.sh [-r REPS] [-n BATCH]
#
# Queues REPS x BATCH (default 7 x 200; 200 is what one outbox pass
# sends) acknowledgements -- complaints taken in from a Maildir while the
# relay is away -- then starts the test SMTP sink (tests/fixtures: Python
# aiosmtpd, stores every message in a Maildir) and, REPS times:
#
#   raw      bench/raw-send sends the BATCH messages the next pass will
#            send (the same bytes, from, rcpt) over one libcurl
#            connection, nothing else -- the limit of this path;
#   klachtd  `klachtd --once` sends them: one connection, and per
#            message the row read, the send, and "sent" recorded in its
#            own fsync'd transaction;
#   empty    `klachtd --once` with nothing to send: what a pass costs
#            apart from sending (start, database, deadline scan).
#
# Prints the median and spread of each, messages/s, and the ratios
# klachtd / raw (with and without the empty pass).  Checks that every
# acknowledgement was sent once.  Not a test, not run by CI.
: "${top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
export top_srcdir top_builddir
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/e2e/officer-lib.sh"
. "$top_srcdir/tests/e2e/terms-lib.sh"
. "$top_srcdir/tests/e2e/story-lib.sh"
REPS=7
BATCH=200
while [ $# -gt 0 ]; do
	case $1 in
	-r) REPS=$2; shift 2 ;;
	-n) BATCH=$2; shift 2 ;;
	-h|--help) sed -n '2,23p' "$0"; exit 0 ;;
	*) echo "outbox-send.sh: unknown option $1" >&2; exit 64 ;;
	esac
done
RAW_SEND=$top_builddir/bench/raw-send
[ -x "$RAW_SEND" ] || fx_fail "no $RAW_SEND: run make in $top_builddir"
[ "$BATCH" -le 200 ] || fx_fail "an outbox pass sends at most 200"
N=$((REPS * BATCH))
fx_require smtp
kl_setup
fx_smtp_start
dead=$(fx_free_port)
kl_config "outgoing = { smtp = { url = \"smtp://127.0.0.1:$dead\"; starttls = \"no\"; timeout = \"2s\"; }; retry = { min = \"1s\"; max = \"1s\"; }; };"

echo "queueing $N acknowledgements..." >&2
i=1
while [ $i -le "$N" ]; do
	sl_complaint "$i" out | sl_drop "$KL_STATE/inbox" "b$i"
	i=$((i + 1))
done
while [ "$(sl_sql_n "select count(*) from outbox")" -lt "$N" ]; do
	kl_once
done
kl_config "$(sl_smtp_conf 30s)"
sleep 1.1
# One pass sends what is due in (next_attempt_at, id) order, at most
# 200: so the first BATCH rows of that order are the next pass's mail.
next_batch() {
	/usr/bin/python3 - "$KL_STATE/klachtd.db" "$BATCH" "$FX_DIR/batch" <<'PY'
import os, sqlite3, sys
db, n, d = sys.argv[1], int(sys.argv[2]), sys.argv[3]
os.makedirs(d, exist_ok=True)
c = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
with open(os.path.join(d, "list"), "w") as lst:
    for i, (mid, frm, rcpt, raw) in enumerate(c.execute(
            "select id, mail_from, rcpt, raw from outbox where status = 'queued' "
            "order by next_attempt_at, id limit ?", (n,))):
        p = os.path.join(d, "%d.eml" % mid)
        open(p, "wb").write(raw)
        lst.write("%s\t%s\t%s\n" % (frm, rcpt, p))
PY
}
now() { /usr/bin/python3 -c 'import time; print("%.6f" % time.monotonic())'; }
url="smtp://127.0.0.1:$FX_SMTP_PORT/testdorp.example"
: > "$FX_DIR/times"
r=0
while [ $r -lt "$REPS" ]; do
	r=$((r + 1))
	next_batch
	raw=$("$RAW_SEND" "$url" "$FX_DIR/batch/list" | sed -n 's/.* in \([0-9.]*\) s$/\1/p')
	[ -n "$raw" ] || fx_fail "raw-send failed"
	sent0=$(sl_sql_n "select count(*) from outbox where status = 'sent'")
	t0=$(now); kl_once; t1=$(now)
	kl_eq "pass $r" "$KL_RC" 0
	sent1=$(sl_sql_n "select count(*) from outbox where status = 'sent'")
	kl_eq "pass $r sent a batch" "$((sent1 - sent0))" "$BATCH"
	echo "$raw $t0 $t1" >> "$FX_DIR/times"
	fx_log "rep $r: raw ${raw}s, klachtd $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f", b - a }')s"
done
kl_eq "every ack sent once by klachtd" "$(kl_sql "select count(*) from outbox where status = 'sent'")" "$N"
# Passes with nothing left to send, as many.
: > "$FX_DIR/empty"
r=0
while [ $r -lt "$REPS" ]; do
	r=$((r + 1))
	t0=$(now); kl_once; t1=$(now)
	echo "$t0 $t1" >> "$FX_DIR/empty"
done
kl_eq "the empty passes sent nothing" "$(kl_sql "select count(*) from outbox where status = 'sent'")" "$N"

/usr/bin/python3 - "$FX_DIR/times" "$BATCH" "$FX_DIR/empty" <<'PY'
import statistics, sys
rows = [list(map(float, l.split())) for l in open(sys.argv[1])]
n = int(sys.argv[2])
raw = [r[0] for r in rows]
kl = [r[2] - r[1] for r in rows]
empty = [b - a for a, b in (map(float, l.split()) for l in open(sys.argv[3]))]
m = statistics.median
print("batches: %d x %d acknowledgements, one SMTP connection each" % (len(rows), n))
print("%-24s %9s %9s %9s %9s" % ("", "median", "min", "max", "msg/s"))
for name, v in (("raw libcurl send", raw), ("klachtd --once", kl),
                ("klachtd --once, empty", empty)):
    print("%-24s %8.3fs %8.3fs %8.3fs %9s" % (name, m(v), min(v), max(v),
          "%.0f" % (n / m(v)) if v is not empty else "-"))
print("klachtd / raw:                  %.2fx" % (m(kl) / m(raw)))
print("(klachtd - empty pass) / raw:   %.2fx" % ((m(kl) - m(empty)) / m(raw)))
print("klachtd per message beyond raw: %.2f ms" % ((m(kl) - m(empty) - m(raw)) / n * 1e3))
PY
