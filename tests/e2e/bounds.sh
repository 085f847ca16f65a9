#!/bin/sh
# Issue 18 F10: memory and sizes per message are bounded.  A mail with
# 450,000 tiny attachments keeps limits.max_attachments files (the rest is
# in the raw message, and the case says so) and stays far below 400 MB of
# peak RSS; a 10 MB text is stored as text only up to limits.max_text_size
# and reaches each officer as an excerpt of limits.notify_excerpt, so the
# database grows by about the raw message, not five times it.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/e2e/officer-lib.sh"
ol_setup

# 1. 450,000 attachments in about 29 MB.
/usr/bin/python3 - "$FX_DIR/many.eml" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write("From: Veel <veel@example.org>\nTo: klachten@testdorp.example\n"
            "Subject: Veel bijlagen\nMessage-ID: <many@example.org>\n"
            "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=b\n\n"
            "--b\nContent-Type: text/plain\n\nZie de bijlagen.\n")
    for i in range(450000):
        f.write("--b\nContent-Type: application/octet-stream; name=f%d\n\nx%d\n" % (i, i))
    f.write("--b--\n")
PY
size=$(wc -c < "$FX_DIR/many.eml")
rc=0
/usr/bin/time -v "$KLACHTD" -c "$KL_CONF" deliver < "$FX_DIR/many.eml" \
    2> "$FX_DIR/time.txt" || rc=$?
cat "$FX_DIR/time.txt" >> "$FX_DIR/klachtd.log"
kl_eq "deliver many" "$rc" 0
kl_eq "one case" "$(kl_sql "select count(*) from cases where complainant_email = 'veel@example.org'")" 1
kl_eq "raw kept whole" "$(kl_sql "select size from messages where message_id = 'many@example.org'")" "$size"
kl_eq "attachments capped" "$(kl_sql "select count(*) from attachments")" 100
kl_eq "case says more were not stored" "$(kl_sql "select count(*) from events where kind = 'note' and detail like '% more attachments not stored (over limits.max_attachments = 100%'")" 1
kl_eq "case says the rest was not read" "$(kl_sql "select count(*) from events where kind = 'note' and detail like 'the message has more than 1100 MIME boundary lines%'")" 1
rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$FX_DIR/time.txt")
# An upper bound with a wide margin (memory, not speed); the sanitizers'
# shadow memory and quarantine get more room.
max=400000
case "${ASAN_OPTIONS:-}${KL_ASAN:-}" in ?*) max=1200000 ;; esac
[ -n "$rss" ] && [ "$rss" -lt "$max" ] ||
	fx_fail "peak RSS ${rss:-?} KB for a $size-byte mail (bound $max KB)"
ol_run
for o in "$OL_ANNA" "$OL_BOB" "$OL_CARLA"; do
	f=$(ol_find notify "$o")
	ol_body "$f" > "$FX_DIR/n.txt"
	kl_contains "notification lists the rest for $o" "$FX_DIR/n.txt" "en nog [0-9]+ bijlagen, niet bewaard"
done

# 2. A 10 MB text.
db0=$(wc -c < "$KL_STATE/klachtd.db")
/usr/bin/python3 - "$FX_DIR/big.eml" <<'PY'
import sys
line = "Dit is een hele lange klacht over de gemeente, regel na regel.\n"
with open(sys.argv[1], "w") as f:
    f.write("From: Lang <lang@example.org>\nTo: klachten@testdorp.example\n"
            "Subject: Lange klacht\nMessage-ID: <big@example.org>\n"
            "MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\n")
    f.write("BEGIN\n" + line * (10 * 1024 * 1024 // len(line)) + "END\n")
PY
size=$(wc -c < "$FX_DIR/big.eml")
kl_deliver "$FX_DIR/big.eml"; kl_eq "deliver big" "$KL_RC" 0
kl_eq "raw kept whole" "$(kl_sql "select size from messages where message_id = 'big@example.org'")" "$size"
blen=$(kl_sql "select length(cast(body as blob)) from messages where message_id = 'big@example.org'")
[ "$blen" -le $((1024 * 1024 + 200)) ] && [ "$blen" -ge $((1024 * 1024 - 100)) ] ||
	fx_fail "stored text is $blen bytes, want about limits.max_text_size (1M)"
kl_eq "stored text says it was shortened" "$(kl_sql "select count(*) from messages where message_id = 'big@example.org' and body like '%[... shortened: % of % bytes kept as text; the raw message has all of it]'")" 1
ol_run
for o in "$OL_ANNA" "$OL_BOB" "$OL_CARLA"; do
	f=$(ol_find notify "$o" KL-$(date +%Y)-00002)
	n=$(wc -c < "$f")
	[ "$n" -lt 20000 ] || fx_fail "notification to $o is $n bytes, want < 20000 (8K excerpt)"
	ol_body "$f" > "$FX_DIR/n.txt"
	kl_contains "excerpt starts the text" "$FX_DIR/n.txt" "^BEGIN$"
	kl_absent "excerpt is not the whole text" "$FX_DIR/n.txt" "^END$"
	kl_contains "excerpt says where the rest is" "$FX_DIR/n.txt" "…\(ingekort, [0-9]+/[0-9]+ bytes; volledige tekst: klachtctl show KL-[0-9]{4}-00002 / #dossier\)"
done
kl_eq "outbox holds no big mail" "$(kl_sql "select count(*) from outbox where length(raw) > 50000")" 0
db1=$(wc -c < "$KL_STATE/klachtd.db")
grow=$((db1 - db0))
[ "$grow" -lt $((size + 3 * 1024 * 1024)) ] ||
	fx_fail "database grew by $grow bytes for a $size-byte mail (want < raw + 3 MB)"
echo PASS
