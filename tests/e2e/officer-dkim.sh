#!/bin/sh
# The second proof from our own MX: an Authentication-Results header with
# OUR authserv-id saying dkim=pass for the officer's domain.  The same
# header from another authserv-id, or for another domain, proves nothing.
# Then the combined modes: token-and-dkim needs both, token-or-dkim
# either.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/e2e/officer-lib.sh"
fx_require smtp
ol_setup 'auth = { require = "dkim"; authserv_id = "mx.testdorp.example"; };'

ol_new_case "$KL_DATA/samples/01-afval.eml"
ref=$OL_REF
notif=$(ol_find notify "$OL_ANNA" "$ref")
n=0

# send AR_VALUE TO: anna sends "#note check N" (N counts the sends, so
# every run is visible) to TO, with the Authentication-Results header
# AR_VALUE (none when empty) added on top as an MX does.
send() {
	n=$((n + 1))
	printf '#note check %s\n' "$n" > "$FX_DIR/body.txt"
	ol_reply "$OL_DATA/plain.eml" "$notif" "$OL_ANNA" "Anna de Vries" \
	    "BODY=@file:$FX_DIR/body.txt" "TO=$2"
	{
		[ -z "$1" ] || printf 'Authentication-Results: %s\n' "$1"
		printf 'Received: from mail.gemeente.example by mx.testdorp.example; Wed, 11 Mar 2026 08:15:02 +0100\n'
		cat "$OL_REPLY"
	} > "$OL_REPLY.ar"
	ol_deliver "$OL_REPLY.ar"
}
# ran WHAT / refused WHAT REASON COUNT: the last send ran / was refused
# with REASON, the COUNTth refusal on the case.
ran() {
	kl_eq "$1: note by anna" "$(ol_events "$ref" note | tail -1)" "anna|note|check $n"
}
refused() {
	kl_eq "$1: nothing ran" "$(ol_events "$ref" note | grep -c "|check $n\$")" 0
	ol_events "$ref" commands-refused | tail -1 > "$FX_DIR/why"
	kl_contains "$1: reason" "$FX_DIR/why" "$2"
	kl_eq "$1: refusals so far" "$(ol_events "$ref" commands-refused | wc -l)" "$3"
}
plain=klachten@testdorp.example
token=$(ol_header "$notif" Reply-To)

# dkim: our MX vouches for gemeente.example -> runs, without any token.
send "mx.testdorp.example; dkim=pass header.d=gemeente.example header.s=sel1; spf=pass smtp.mailfrom=gemeente.example" "$plain"
ran "dkim pass from our MX"
# dmarc=pass for the From domain counts too.
send "mx.testdorp.example; spf=fail; dmarc=pass header.from=gemeente.example" "$plain"
ran "dmarc pass from our MX"
# The same claim from another authserv-id: anyone can write that.
send "mx.evil.example; dkim=pass header.d=gemeente.example" "$plain"
refused "other authserv-id" "no Authentication-Results from mx\.testdorp\.example with dkim=pass or dmarc=pass for gemeente\.example" 1
# Our MX, but a pass for another domain (the sender's relay, a lookalike).
send "mx.testdorp.example; dkim=pass header.d=gemeente.example.evil.example" "$plain"
refused "pass for another domain" "for gemeente\.example" 2
# Our MX says it failed; SPF alone never counts.
send "mx.testdorp.example; dkim=fail header.d=gemeente.example; spf=pass smtp.mailfrom=gemeente.example" "$plain"
refused "dkim fail, spf pass" "for gemeente\.example" 3
# No header at all; the token alone does not count in dkim mode.
send "" "$token"
refused "token only in dkim mode" "no Authentication-Results" 4

good="mx.testdorp.example; dkim=pass header.d=gemeente.example"
kl_config "$(kl_smtp_conf)
$(ol_officers)
auth = { require = \"token-and-dkim\"; authserv_id = \"mx.testdorp.example\"; };"
send "$good" "$plain"
refused "token-and-dkim, dkim only" "no reply token" 5
send "" "$token"
refused "token-and-dkim, token only" "no Authentication-Results" 6
send "$good" "$token"
ran "token-and-dkim, both"

kl_config "$(kl_smtp_conf)
$(ol_officers)
auth = { require = \"token-or-dkim\"; authserv_id = \"mx.testdorp.example\"; };"
send "$good" "$plain"
ran "token-or-dkim, dkim only"
send "" "$token"
ran "token-or-dkim, token only"
send "mx.evil.example; dkim=pass header.d=gemeente.example" "$plain"
refused "token-or-dkim, neither" "no reply token in the recipient address .*; no Authentication-Results from mx\.testdorp\.example" 7
echo "PASS: Authentication-Results trusted only from our authserv-id, for the officer's domain"
