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

# send AR_VALUE TO [SENDERS_AR]: anna sends "#note check N" (N counts
# the sends, so every run is visible) to TO, with the
# Authentication-Results header AR_VALUE (none when empty) added on top
# as an MX does, above its Received line.  SENDERS_AR, when given, is an
# Authentication-Results header the sender wrote into the message itself
# (below our MX's Received line, as a forger's would be).
send() {
	n=$((n + 1))
	printf '#note check %s\n' "$n" > "$FX_DIR/body.txt"
	ol_reply "$OL_DATA/plain.eml" "$notif" "$OL_ANNA" "Anna de Vries" \
	    "BODY=@file:$FX_DIR/body.txt" "TO=$2"
	{
		[ -z "$1" ] || printf 'Authentication-Results: %s\n' "$1"
		printf 'Received: from mail.gemeente.example by mx.testdorp.example; Wed, 11 Mar 2026 08:15:02 +0100\n'
		[ -z "${3:-}" ] || printf 'Authentication-Results: %s\n' "$3"
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
refused "other authserv-id" "no Authentication-Results from mx\.testdorp\.example above its own Received line with dkim=pass or dmarc=pass for gemeente\.example" 1
# Our MX, but a pass for another domain (the sender's relay, a lookalike).
send "mx.testdorp.example; dkim=pass header.d=gemeente.example.evil.example" "$plain"
refused "pass for another domain" "for gemeente\.example" 2
# Our MX says it failed; SPF alone never counts.
send "mx.testdorp.example; dkim=fail header.d=gemeente.example; spf=pass smtp.mailfrom=gemeente.example" "$plain"
refused "dkim fail, spf pass" "for gemeente\.example" 3
# No header at all; the token alone does not count in dkim mode.
send "" "$token"
refused "token only in dkim mode" "no Authentication-Results" 4

# F1: forgeries.  A stranger writes a pass with our authserv-id into the
# message; our MX's own header above it says dmarc failed.  The fail
# wins; below our Received line nothing counts at all.
forged="mx.testdorp.example; dkim=pass header.d=gemeente.example; dmarc=pass header.from=gemeente.example"
send "mx.testdorp.example; dkim=none; dmarc=fail (p=none dis=none) header.from=gemeente.example" "$plain" "$forged"
refused "forged pass below our dmarc=fail" "say dkim or dmarc failed for gemeente\.example" 5
send "mx.testdorp.example; dkim=none; spf=softfail smtp.mailfrom=gemeente.example" "$plain" "$forged"
refused "forged pass below our dkim=none" "no Authentication-Results from mx\.testdorp\.example above its own Received line" 6
send "" "$plain" "$forged"
refused "forged pass, nothing of ours" "no Authentication-Results from mx\.testdorp\.example above" 7
# Near misses our MX would never write: another letter case of the id,
# a trailing dot, header.i without header.d.
send "MX.Testdorp.Example; dkim=pass header.d=gemeente.example" "$plain"
refused "authserv-id in another case" "no Authentication-Results" 8
send "mx.testdorp.example; dkim=pass header.d=gemeente.example." "$plain"
refused "trailing dot in header.d" "no Authentication-Results" 9
send "mx.testdorp.example; dkim=pass header.i=@gemeente.example" "$plain"
refused "header.i without header.d" "no Authentication-Results" 10
# The genuine one still works with a forged fail below it.
send "mx.testdorp.example; dkim=pass header.d=gemeente.example" "$plain" "mx.testdorp.example; dmarc=fail header.from=gemeente.example"
ran "our pass, a sender's fail below"

good="mx.testdorp.example; dkim=pass header.d=gemeente.example"
kl_config "$(kl_smtp_conf)
$(ol_officers)
auth = { require = \"token-and-dkim\"; authserv_id = \"mx.testdorp.example\"; };"
send "$good" "$plain"
refused "token-and-dkim, dkim only" "no reply token" 11
send "" "$token"
refused "token-and-dkim, token only" "no Authentication-Results" 12
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
refused "token-or-dkim, neither" "no reply token in the recipient address .*; no Authentication-Results from mx\.testdorp\.example" 13
# token-or-dkim: the forged header does not rescue a mail without token.
send "mx.testdorp.example; dmarc=fail header.from=gemeente.example" "$plain" "$forged"
refused "token-or-dkim, forged below our fail" "say dkim or dmarc failed" 14
echo "PASS: Authentication-Results trusted only from our MX (above its Received line, exact id), for the officer's domain; a fail wins"
