#!/bin/sh
# Issue 18: reply tokens carry the day they were issued (inside the MAC)
# and are refused after auth.token_days.  The officer is then told, at
# her configured address, with a fresh reply address that works; the
# mail is kept on the case as "unauthenticated" and runs nothing.
# Undated tokens from before this change are refused the same way.  Time
# is moved by libfaketime (terms-lib.sh).
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/e2e/officer-lib.sh"
. "$top_srcdir/tests/e2e/terms-lib.sh"
fx_require smtp
tl_setup 'auth = { token_days = 30; };
escalation = { digest = "none"; unassigned_after = 0; };'

tl_at "2026-11-16 10:00:00"
ol_new_case "$KL_DATA/samples/01-afval.eml"
ref=$OL_REF
notif=$(ol_find notify "$OL_ANNA" "$ref")
tok=$(ol_header "$notif" Reply-To)
# 2026-11-16 is day 20773 = 0x5125 since 1970-01-01.
case $tok in
klachten+"$(echo "$ref" | tr A-Z a-z)".anna.5125????????????????@testdorp.example) ;;
*) fx_fail "the token does not carry its day: $tok" ;;
esac

send() { # NOTIFICATION TEXT
	printf '%s\n' "$2" > "$FX_DIR/body.txt"
	ol_reply "$OL_DATA/plain.eml" "$1" "$OL_ANNA" "Anna de Vries" \
	    "BODY=@file:$FX_DIR/body.txt"
	ol_deliver "$OL_REPLY"
}

# Day 30 after issue: still accepted.
tl_at "2026-12-16 09:00:00"
send "$notif" "#prioriteit high"
kl_eq "day 30: ran" "$(ol_case "$ref" priority)" high
kl_eq "day 30: filed as officer" "$(kl_sql "select kind from messages where message_id = '$OL_REPLY_ID'")" officer

# Day 31: refused.
tl_at "2026-12-17 09:00:00"
send "$notif" "#prioriteit urgent"
kl_eq "day 31: nothing ran" "$(ol_case "$ref" priority)" high
kl_eq "day 31: filed as unauthenticated" "$(kl_sql "select kind from messages where message_id = '$OL_REPLY_ID'")" unauthenticated
ol_events "$ref" commands-refused | tail -1 > "$FX_DIR/why"
kl_contains "day 31: reason recorded" "$FX_DIR/why" "the reply token has expired \(issued 2026-11-16; valid for 30 days\)"
kl_contains "day 31: logged" "$FX_DIR/klachtd.log" "case=$ref officer anna: commands refused: the reply token has expired"
exp=$(ol_find token-expired "$OL_ANNA" "$ref")
ol_body "$exp" > "$FX_DIR/expired.txt"
kl_contains "the officer is told" "$FX_DIR/expired.txt" "antwoordadres dat verlopen is"
kl_contains "... to reply to this mail" "$FX_DIR/expired.txt" "Antwoord op DEZE e-mail"
kl_absent "... without case content" "$FX_DIR/expired.txt" "container|Dorpsstraat|jan\.deboer"
fresh=$(ol_header "$exp" Reply-To)
case $fresh in
# 2026-12-17 is day 20804 = 0x5144.
klachten+"$(echo "$ref" | tr A-Z a-z)".anna.5144????????????????@testdorp.example) ;;
*) fx_fail "the notice has no fresh reply address: $fresh" ;;
esac
kl_eq "only the configured address is sent the fresh token" \
    "$(kl_sql "select count(*) from outbox where kind = 'token-expired' and rcpt <> '$OL_ANNA'")" 0

# The fresh address works.
send "$exp" "#prioriteit urgent"
kl_eq "fresh token: ran" "$(ol_case "$ref" priority)" urgent

# An undated token from before the upgrade (v1: HMAC over
# "klachtd-token-v1", ref, officer), made with our key: refused too.
v1=$(/usr/bin/python3 - "$KL_STATE/auth.key" "$ref" <<'PY'
import hmac, hashlib, sys
key = bytes.fromhex(open(sys.argv[1]).read().strip())
ref = sys.argv[2]
mac = hmac.new(key, b"klachtd-token-v1\0" + ref.encode() + b"\0anna\0",
               hashlib.sha256).hexdigest()[:16]
print("klachten+%s.anna.%s@testdorp.example" % (ref.lower(), mac))
PY
)
printf '#prioriteit low\n' > "$FX_DIR/body.txt"
ol_reply "$OL_DATA/plain.eml" "$notif" "$OL_ANNA" "Anna de Vries" \
    "BODY=@file:$FX_DIR/body.txt" "TO=$v1"
ol_deliver "$OL_REPLY"
kl_eq "v1 token: nothing ran" "$(ol_case "$ref" priority)" urgent
kl_eq "v1 token: still filed on its case" "$(kl_sql "select c.ref from messages m join cases c on c.id = m.case_id where m.message_id = '$OL_REPLY_ID'")" "$ref"
ol_events "$ref" commands-refused | tail -1 > "$FX_DIR/why"
kl_contains "v1 token: reason" "$FX_DIR/why" "from before reply tokens carried their date"
# A tampered v1 token is no token at all: not "expired".
bad=$(/usr/bin/python3 -c '
import sys
l, d = sys.argv[1].split("@")
print("%s%s@%s" % (l[:-1], "1" if l[-1] == "0" else "0", d))' "$v1")
ol_reply "$OL_DATA/plain.eml" "$notif" "$OL_ANNA" "Anna de Vries" \
    "BODY=@file:$FX_DIR/body.txt" "TO=$bad"
ol_deliver "$OL_REPLY"
ol_events "$ref" commands-refused | tail -1 > "$FX_DIR/why"
kl_contains "tampered v1: not genuine" "$FX_DIR/why" "not genuine"
exit 0
