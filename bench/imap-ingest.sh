#!/bin/sh
# Rough IMAP intake throughput: N fresh messages in a private Dovecot,
# fetched (a) by the curl tool over one connection (the transport's
# ceiling; sets \Seen like klachtd does) and (b) taken in by
# `klachtd --once` (fetch + parse + one SQLite transaction with the case
# and its acknowledgement + the UID record, fsync'd).  Prints messages/s.
# Then (c) the ratio: rounds of bench/raw-fetch (raw libcurl, the same
# fetches klachtd makes, nothing else) against klachtd's intake on the
# same mails, medians (IMAP_INGEST_REPS rounds, default 5).
#
#   top_builddir=/path/to/build sh bench/imap-ingest.sh [N]
#
# IMAP_INGEST_PROCESSED=Verwerkt sets intake.imap.processed_mailbox: each
# pass then also moves its mails there (timed with the intake); between
# rounds they are moved back into the INBOX (new UIDs, which the rounds
# follow).
: "${top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
export top_srcdir top_builddir
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/e2e/imap-lib.sh"
N=${1:-500}
PROCESSED=${IMAP_INGEST_PROCESSED:-}
im_setup
# im_config with the processed mailbox, if any.
bench_config() {
	if [ -n "$PROCESSED" ]; then
		im_config "processed_mailbox = \"$PROCESSED\";"
	else
		im_config
	fi
}
bench_config
# Mails moved to the processed mailbox go back into the INBOX.
bench_back() {
	[ -n "$PROCESSED" ] || return 0
	# 200 at a time: curl's tool takes at most 300 KiB of untagged
	# replies (the EXPUNGEs) to one command.
	bb_uids=$(im_box_uids "$PROCESSED")
	bb_a=${bb_uids%% *} bb_hi=${bb_uids##* }
	while [ "$bb_a" -le "$bb_hi" ]; do
		curl -sS --max-time 300 -u "$FX_IMAP_USER:$FX_IMAP_PASS" \
		    "$(fx_imap_url "$PROCESSED")" \
		    -X "UID MOVE $bb_a:$((bb_a + 199)) INBOX" >/dev/null ||
			fx_fail "cannot move the mails back from $PROCESSED"
		bb_a=$((bb_a + 200))
	done
	kl_eq "all back in the INBOX" "$(im_words "$(fx_imap_uids ALL)")" "$N"
}

echo "delivering $N messages into a fresh Dovecot INBOX..." >&2
im_mail "$N" bench
# Let Dovecot index them once, so neither run pays for that alone.
fx_imap_uids ALL >/dev/null

stamp() { # prints "monotonic-seconds line" for each line of stdin
	/usr/bin/python3 -u -c '
import sys, time
for l in sys.stdin:
    sys.stdout.write("%.3f %s" % (time.monotonic(), l))'
}
now() { /usr/bin/python3 -c 'import time; print("%.3f" % time.monotonic())'; }

# (a) curl, one connection, UID 1..N: first while Dovecot reads the
# files for the first time (cold), then again (warm: as klachtd runs).
curl_fetch() {
	curl -sS --max-time 300 -u "$FX_IMAP_USER:$FX_IMAP_PASS" \
	    "$(fx_imap_url "INBOX;UID=[1-$N]")" -o /dev/null ||
		fx_fail "curl fetch failed"
	fx_imap_cmd "UID STORE 1:* -FLAGS.SILENT (\\Seen)" >/dev/null
}
tc0=$(now)
curl_fetch
tc1=$(now)
t0=$(now)
curl_fetch
t1=$(now)

# (b) klachtd --once; intake ends at its summary line, the rest is the
# outbox writing N acknowledgements.
t2=$(now)
"$KLACHTD" -c "$KL_CONF" --once 2>&1 >/dev/null | stamp >"$FX_DIR/stamped.log"
t4=$(now)
t3=$(grep ' klachtd: info: imap: [0-9]* new message' "$FX_DIR/stamped.log" | cut -d' ' -f1)
[ -n "$t3" ] || { tail "$FX_DIR/stamped.log" >&2; fx_fail "no summary line"; }
kl_eq "all taken in" "$(im_cases)" "$N"
[ -z "$PROCESSED" ] || kl_eq "all moved" "$(fx_imap_uids ALL)" ""
bench_back

/usr/bin/python3 - "$N" "$t0" "$t1" "$t2" "$t3" "$t4" "$tc0" "$tc1" <<'PY'
import sys
n = int(sys.argv[1]); t0, t1, t2, t3, t4, c0, c1 = map(float, sys.argv[2:])
print("messages:                         %d" % n)
print("curl fetch, cold Dovecot:         %6.2f s  %7.0f msg/s" % (c1 - c0, n / (c1 - c0)))
print("curl fetch, one connection:       %6.2f s  %7.0f msg/s" % (t1 - t0, n / (t1 - t0)))
print("klachtd intake (to summary line): %6.2f s  %7.0f msg/s" % (t3 - t2, n / (t3 - t2)))
print("klachtd --once + 1 outbox pass:   %6.2f s  %7.0f msg/s" % (t4 - t2, n / (t4 - t2)))
PY

# The ratio (issue 8): REPS rounds (IMAP_INGEST_REPS, default 5), each on
# the same N mails made unread again: bench/raw-fetch (libcurl, one
# connection, UID FETCH n BODY[] for each: exactly klachtd's fetches and
# nothing else) and then klachtd --once on a fresh state directory,
# timed to its intake summary line.  Medians, and klachtd / raw.
RAW_FETCH=$top_builddir/bench/raw-fetch
if [ -x "$RAW_FETCH" ]; then
	REPS=${IMAP_INGEST_REPS:-5}
	: > "$FX_DIR/reps"
	r=0
	while [ $r -lt "$REPS" ]; do
		r=$((r + 1))
		fx_imap_cmd "UID STORE 1:* -FLAGS.SILENT (\\Seen)" >/dev/null
		uids=$(fx_imap_uids ALL)
		lo=${uids%% *} hi=${uids##* }
		raw=$("$RAW_FETCH" "$(fx_imap_url INBOX)" "$FX_IMAP_USER" "$IM_PWFILE" "$lo" "$hi" |
		    sed -n 's/.* in \([0-9.]*\) s$/\1/p')
		[ -n "$raw" ] || fx_fail "raw-fetch failed"
		fx_imap_cmd "UID STORE 1:* -FLAGS.SILENT (\\Seen)" >/dev/null
		KL_STATE=$FX_DIR/state-$r
		mkdir -p "$KL_STATE"
		bench_config
		t2=$(now)
		"$KLACHTD" -c "$KL_CONF" --once 2>&1 >/dev/null | stamp >"$FX_DIR/stamped.log"
		t3=$(grep ' klachtd: info: imap: [0-9]* new message' "$FX_DIR/stamped.log" | cut -d' ' -f1)
		[ -n "$t3" ] || { tail "$FX_DIR/stamped.log" >&2; fx_fail "no summary line"; }
		kl_eq "rep $r: all taken in" "$(im_cases)" "$N"
		bench_back
		echo "$raw $t2 $t3" >> "$FX_DIR/reps"
	done
	/usr/bin/python3 - "$N" "$FX_DIR/reps" <<'PY'
import statistics, sys
n = int(sys.argv[1])
rows = [list(map(float, l.split())) for l in open(sys.argv[2])]
raw = [r[0] for r in rows]
kl = [r[2] - r[1] for r in rows]
m = statistics.median
print("%d rounds of %d mails, medians (min-max):" % (len(rows), n))
print("raw libcurl fetch (bench/raw-fetch):  %6.3f s (%.3f-%.3f)  %7.0f msg/s" % (m(raw), min(raw), max(raw), n / m(raw)))
print("klachtd intake (to summary line):     %6.3f s (%.3f-%.3f)  %7.0f msg/s" % (m(kl), min(kl), max(kl), n / m(kl)))
print("klachtd intake / raw fetch:           %.2fx" % (m(kl) / m(raw)))
PY
else
	echo "(no $RAW_FETCH: make in $top_builddir for the ratio to raw libcurl)" >&2
fi
