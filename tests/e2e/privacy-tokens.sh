#!/bin/sh
# Issue 18, F2: the complainant's AVG export never carries an officer's
# reply token.  On her case: a bounce of the notification to an officer
# (the returned mail has the officer's Reply-To), a reply an officer sent
# from an address klachtd does not know as theirs (To: the token
# address), and a reply of her own to a leaked token address.  The
# export leaves out the officers' material, keeps her own mail, and no
# file it writes holds a token -- in any letter case, plain or
# quoted-printable; with notes_about_colleagues = "include" the officers'
# material is there, with every token replaced.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/e2e/officer-lib.sh"
fx_require smtp
ol_setup

ol_new_case "$KL_DATA/samples/01-afval.eml"
ref=$OL_REF
notif=$(ol_find notify "$OL_ANNA" "$ref")
addr=$(ol_header "$notif" Reply-To)
tok=${addr#klachten+}
tok=${tok%@*}
mac=${tok##*.}
[ ${#mac} -ge 16 ] || fx_fail "no token in anna's Reply-To: $addr"

# 1. Anna answers from her private address: not an officer address, so
#    filed as a reply on the case -- with the token in To: and quoted.
ol_reply "$OL_DATA/plain.eml" "$notif" "anna.devries@prive.example" \
    "Anna de Vries" "BODY=#note ALIAS-INTERN zie klachten+$tok@testdorp.example"
ol_deliver "$OL_REPLY"
kl_eq "alias reply filed as a reply" "$(kl_sql "select kind from messages where message_id = '$OL_REPLY_ID'")" reply

# 2. The notification to anna bounced; the bounce returns it whole.
nid=$(ol_header "$notif" Message-ID | tr -d '<>')
{
	printf 'Return-Path: <>\r\nFrom: MAILER-DAEMON@mx.testdorp.example (Mail Delivery System)\r\n'
	printf 'To: klachten@testdorp.example\r\nSubject: Undelivered Mail Returned to Sender\r\n'
	printf 'Date: Tue, 17 Nov 2026 10:00:00 +0100\r\nMessage-ID: <bounce-1@mx.testdorp.example>\r\n'
	printf 'Auto-Submitted: auto-replied\r\nMIME-Version: 1.0\r\n'
	printf 'Content-Type: multipart/report; report-type=delivery-status; boundary="BB"\r\n\r\n'
	printf -- '--BB\r\nContent-Type: text/plain\r\n\r\nMailbox full: anna@gemeente.example\r\n'
	printf -- '--BB\r\nContent-Type: message/delivery-status\r\n\r\n'
	printf 'Reporting-MTA: dns; mx.testdorp.example\r\n\r\nFinal-Recipient: rfc822; anna@gemeente.example\r\n'
	printf 'Action: failed\r\nStatus: 5.2.2\r\n\r\n'
	printf -- '--BB\r\nContent-Type: message/rfc822\r\n\r\n'
	fx_smtp_content "$notif"
	printf '\r\n--BB--\r\n'
} > "$FX_DIR/bounce.eml"
grep -qi "klachten+$tok@" "$FX_DIR/bounce.eml" || fx_fail "the bounce does not return the token"
ol_deliver "$FX_DIR/bounce.eml"
kl_eq "bounce filed on the case" "$(kl_sql "select count(*) from messages m join cases c on c.id = m.case_id where c.ref = '$ref' and m.kind = 'bounce'")" 1

# 3. Jan writes to the leaked address himself (as in the review), the
#    token in upper case, and once more wrapped as quoted-printable.
upper=$(echo "$tok" | tr a-z A-Z)
half=$(echo "$tok" | cut -c1-12)
rest=$(echo "$tok" | cut -c13-)
cat > "$FX_DIR/jan.eml" <<MAIL
From: Jan de Boer <jan.deboer@example.net>
To: <klachten+$upper@testdorp.example>
Subject: Re: [$ref] MIJN-EIGEN-REPLY
Date: Tue, 17 Nov 2026 11:00:00 +0100
Message-ID: <jan-own-reply@example.net>
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: quoted-printable

Mijn eigen antwoord, MIJN-EIGEN-REPLY. Zie klachten=2B$half=
$rest=40testdorp.example
MAIL
ol_deliver "$FX_DIR/jan.eml"
kl_eq "jan's reply filed" "$(kl_sql "select kind from messages where message_id = 'jan-own-reply@example.net'")" reply

# notoken DIR: no exported file holds the token, in any form.
notoken() {
	if grep -rilE "klachten(\+|=2B)[a-z0-9._=-]*\.[0-9a-f]{8}" "$1" ||
	    grep -ril "$mac" "$1" ||
	    grep -rilE "$(echo "$mac" | sed 's/./&(=\\r?\\n)?/g')" "$1"; then
		fx_fail "a reply token in the export $1"
	fi
	# Quoted-printable soft breaks across lines.
	/usr/bin/python3 - "$1" "$mac" <<'PY' || fx_fail "a wrapped token in the export $1"
import os, quopri, sys
for root, _, fs in os.walk(sys.argv[1]):
    for f in fs:
        data = open(os.path.join(root, f), "rb").read()
        if sys.argv[2].encode() in quopri.decodestring(data).lower():
            sys.exit("token in %s" % f)
PY
}

kl_ctl export --email jan.deboer@example.net --dir "$FX_DIR/exp" > "$FX_DIR/exp.txt" ||
	fx_fail "export failed"
notoken "$FX_DIR/exp"
kl_json 'sorted(m["kind"] for m in j["messages"])' < "$FX_DIR/exp/export.json" > "$FX_DIR/kinds"
kl_eq "her complaint and her reply, not the officers' material" "$(cat "$FX_DIR/kinds")" "['complaint', 'reply']"
grep -rq "MIJN-EIGEN-REPLY" "$FX_DIR/exp/messages" || fx_fail "her own reply is not in the export"
grep -rqi "klachten+\[token removed\]@testdorp.example" "$FX_DIR/exp/messages" ||
	fx_fail "the token in her reply was not replaced"
grep -rq "Al drie weken" "$FX_DIR/exp/messages" || fx_fail "her complaint is not in the export"
kl_absent "alias note left out" "$FX_DIR/exp/export.json" "ALIAS-INTERN"
kl_eq "left out: the alias reply and the bounce" "$(kl_json 'j["left_out"]' < "$FX_DIR/exp/export.json")" 2
[ -n "$(ls "$FX_DIR/exp/outgoing")" ] || fx_fail "the mail sent to her is missing"

# With the officers' material included, it is there -- scrubbed.
kl_config "$(kl_smtp_conf)
$(ol_officers)
retention = { notes_about_colleagues = \"include\"; };"
kl_ctl export --email jan.deboer@example.net --dir "$FX_DIR/exp2" > /dev/null ||
	fx_fail "export with notes failed"
notoken "$FX_DIR/exp2"
kl_eq "everything on the case" "$(kl_json 'sorted(m["kind"] for m in j["messages"])' < "$FX_DIR/exp2/export.json")" "['bounce', 'complaint', 'reply', 'reply']"
grep -rq "ALIAS-INTERN" "$FX_DIR/exp2/messages" || fx_fail "the alias reply is not in the full export"
[ "$(kl_json 'j["tokens_removed"]' < "$FX_DIR/exp2/export.json")" -ge 4 ] ||
	fx_fail "too few tokens counted as removed"
echo "PASS: no reply token in the export of $ref (token ...$mac)"
