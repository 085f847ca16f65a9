#!/bin/sh
# Issue 18 F12: mail with an officer's From but without the second proof
# (no reply token, no DKIM from our MX) is kept on the case, but filed and
# shown as "unauthenticated" -- never as the officer's word.  The same
# officer replying through her token is filed as "officer".
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/e2e/officer-lib.sh"
fx_require smtp
ol_setup

ol_new_case "$KL_DATA/samples/01-afval.eml"
ref=$OL_REF
anna=$(ol_find notify "$OL_ANNA" "$ref")

kind_of() {
	kl_sql "select kind from messages where message_id = '$1'"
}

# 1. Forged: anna's From, threaded to the case, to the plain address.
ol_reply "$OL_DATA/plain.eml" "$anna" "$OL_ANNA" "Anna de Vries" \
    "BODY=Namens de gemeente: u krijgt 500 euro, bel 0900-OPLICHTER." \
    "TO=klachten@testdorp.example"
forged=$OL_REPLY_ID
ol_deliver "$OL_REPLY"
kl_eq "forged: stored on the case" "$(kl_sql "select c.ref from messages m join cases c on c.id = m.case_id where m.message_id = '$forged'")" "$ref"
kl_eq "forged: filed as unauthenticated" "$(kind_of "$forged")" unauthenticated
kl_eq "forged: no note in the officer's name" "$(ol_events "$ref" note)" ""
kl_ctl show "$ref" > "$FX_DIR/show.txt"
kl_contains "show: unauthenticated" "$FX_DIR/show.txt" "unauthenticated from $OL_ANNA"
kl_absent "show: not as the officer" "$FX_DIR/show.txt" " officer from $OL_ANNA"
kl_ctl --json show "$ref" > "$FX_DIR/show.json"
kl_eq "show --json: kind" "$(kl_json "[m['kind'] for m in j['messages'] if m['from'] == '$OL_ANNA']" < "$FX_DIR/show.json")" "['unauthenticated']"

# 2. A token of another officer (bob's) on anna's mail: the same.
bob=$(ol_find notify "$OL_BOB" "$ref")
ol_reply "$OL_DATA/plain.eml" "$bob" "$OL_ANNA" "Anna de Vries" \
    "BODY=Nog een tekst."
ol_deliver "$OL_REPLY"
kl_eq "bob's token on anna's mail: unauthenticated" "$(kind_of "$OL_REPLY_ID")" unauthenticated

# 3. The genuine reply through anna's own token.
ol_reply "$OL_DATA/plain.eml" "$anna" "$OL_ANNA" "Anna de Vries" \
    "BODY=Even gebeld met de klager."
ol_deliver "$OL_REPLY"
kl_eq "genuine: filed as officer" "$(kind_of "$OL_REPLY_ID")" officer
kl_eq "genuine: a note" "$(ol_events "$ref" note | tail -1)" "anna|note|Even gebeld met de klager."
exit 0
