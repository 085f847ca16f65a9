#!/bin/sh
# #doorsturen / #forward (issue 15): a request that is no complaint goes
# to the desk it is for.  Through the real SMTP sink:
# - the officers' notification hints at a bezwaar or Woo request, and
#   says nothing of the kind for an ordinary complaint;
# - a kind without a configured mailbox is an error naming the configured
#   ones, and nothing is sent or changed;
# - "#doorsturen woo" resends the original to redirect.woo byte for byte
#   (the sha256 of what arrived, after our Resent-* block, is that of the
#   stored raw message), the complainant gets the letter with the date of
#   receipt, the case ends as forwarded: out of the register, counted
#   apart per kind in the report.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/e2e/officer-lib.sh"
fx_require smtp
WOO=woo@gemeente.example
ol_setup 'redirect = { woo = "woo@gemeente.example"; bezwaar = "bezwaar@gemeente.example"; };'

# sink_to RCPT: how many messages the sink got for RCPT.
sink_to() {
	n=0
	for f in $(fx_smtp_messages); do
		if fx_smtp_envelope "$f" | grep -qi "^X-Sink-Rcpt-To: <$1>"; then
			n=$((n + 1))
		fi
	done
	echo "$n"
}

# ---- An ordinary complaint: no hint.
ol_new_case "$KL_DATA/samples/01-afval.eml"
plain=$OL_REF
ol_body "$(ol_find notify "$OL_ANNA" "$plain")" > "$FX_DIR/n-plain.txt"
kl_contains "notification of an ordinary complaint" "$FX_DIR/n-plain.txt" "Er is een nieuwe klacht binnengekomen"
kl_absent "no hint for an ordinary complaint" "$FX_DIR/n-plain.txt" "Dit lijkt"

# ---- A bezwaar: the hint.
cat > "$FX_DIR/bezwaar.eml" <<'MAIL'
From: Kees Bakker <kees@example.net>
To: klachten@gemeente.example
Subject: Aanslag OZB 2026
Date: Mon, 16 Nov 2026 10:00:00 +0100
Message-ID: <bezwaar-1@example.net>
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

Geachte heer, mevrouw,

Hierbij teken ik bezwaar aan tegen de aanslag van 2 november.

Kees Bakker
MAIL
ol_new_case "$FX_DIR/bezwaar.eml"
ol_body "$(ol_find notify "$OL_ANNA" "$OL_REF")" > "$FX_DIR/n-bezwaar.txt"
kl_contains "hint for a bezwaar" "$FX_DIR/n-bezwaar.txt" "^Dit lijkt een bezwaarschrift: overweeg #doorsturen bezwaar$"

# ---- A Woo request with CR LF line ends (as over SMTP), an accented
# name and an attachment: the original to forward.
/usr/bin/python3 - "$FX_DIR/woo.eml" <<'PY'
import sys
lines = [
    "From: =?utf-8?q?Fran=C3=A7oise_Visser?= <francoise@example.net>",
    "To: klachten@gemeente.example",
    "Subject: Verzoek op grond van de Wet open overheid",
    "Date: Mon, 16 Nov 2026 11:00:00 +0100",
    "Message-ID: <woo-1@example.net>",
    "MIME-Version: 1.0",
    'Content-Type: multipart/mixed; boundary="b1"',
    "",
    "--b1",
    "Content-Type: text/plain; charset=utf-8",
    "Content-Transfer-Encoding: 8bit",
    "",
    "Geachte heer, mevrouw,",
    "",
    "Ik vraag alle stukken over de herinrichting van het Marktplein.",
    "Met vriendelijke groet, Françoise Visser",
    "",
    "--b1",
    "Content-Type: application/pdf; name=\"kaart.pdf\"",
    "Content-Disposition: attachment; filename=\"kaart.pdf\"",
    "Content-Transfer-Encoding: base64",
    "",
    "JVBERi0xLjQKJcfsj6IKMSAwIG9iago8PD4+CmVuZG9iagp0cmFpbGVyCjw8Pj4KJSVFT0YK",
    "--b1--",
    "",
]
open(sys.argv[1], "wb").write("\r\n".join(lines).encode("utf-8"))
PY
ol_new_case "$FX_DIR/woo.eml"
woo=$OL_REF
notif=$(ol_find notify "$OL_ANNA" "$woo")
ol_body "$notif" > "$FX_DIR/n-woo.txt"
kl_contains "hint for a Woo request" "$FX_DIR/n-woo.txt" "^Dit lijkt een Woo-verzoek: overweeg #doorsturen woo$"

# send NOTIFICATION TEXT: anna answers NOTIFICATION with TEXT.
send() {
	printf '%s\n' "$2" > "$FX_DIR/body.txt"
	ol_reply "$OL_DATA/plain.eml" "$1" "$OL_ANNA" "Anna de Vries" \
	    "BODY=@file:$FX_DIR/body.txt"
	ol_deliver "$OL_REPLY"
}

# ---- A kind without a mailbox: an error naming the configured ones;
# nothing sent, nothing changed.
before_out=$(kl_sql "select count(*) from outbox where case_id = (select id from cases where ref = '$woo') and kind != 'cmd-error'")
before_status=$(ol_case "$woo" status)
send "$notif" "#doorsturen schade"
ol_body "$(ol_find cmd-error "$OL_ANNA" "$woo")" > "$FX_DIR/err.txt"
kl_contains "unconfigured kind refused" "$FX_DIR/err.txt" "er is geen mailbox ingesteld voor schade \(redirect.schade in klachtd.conf\); ingesteld: bezwaar, woo"
kl_eq "nothing queued for the case" "$(kl_sql "select count(*) from outbox where case_id = (select id from cases where ref = '$woo') and kind != 'cmd-error'")" "$before_out"
kl_eq "case unchanged" "$(ol_case "$woo" status)" "$before_status"
kl_eq "no forwarded event" "$(ol_events "$woo" forwarded | wc -l)" 0
kl_eq "nothing at the Woo mailbox" "$(sink_to "$WOO")" 0
kl_eq "no letter redirected" "$(ol_count redirected francoise@example.net)" 0

# ---- #doorsturen woo: the original to the Woo mailbox.
send "$notif" "#doorsturen woo Uw verzoek gaat naar het Woo-team."
conf=$(ol_find confirm "$OL_ANNA" "$woo")
ol_body "$conf" > "$FX_DIR/confirm.txt"
kl_contains "confirmation" "$FX_DIR/confirm.txt" "doorgestuurd als woo: het origineel is ongewijzigd naar $WOO gegaan"
kl_eq "one message at the Woo mailbox" "$(sink_to "$WOO")" 1
for f in $(fx_smtp_messages); do
	if fx_smtp_envelope "$f" | grep -qi "^X-Sink-Rcpt-To: <$WOO>"; then
		fwd=$f
	fi
done
fx_smtp_envelope "$fwd" > "$FX_DIR/fwd-env.txt"
kl_contains "envelope sender is ours" "$FX_DIR/fwd-env.txt" "^X-Sink-Mail-From: <klachten@testdorp.example>"
fx_smtp_content "$fwd" > "$FX_DIR/fwd.eml"
# Our block: Resent-* and X-Klachtd-*, before the original's first line.
/usr/bin/python3 - "$FX_DIR/fwd.eml" "$FX_DIR/fwd-head.txt" "$FX_DIR/fwd-orig.eml" <<'PY'
import sys
data = open(sys.argv[1], "rb").read()
head = b""
while data.startswith((b"Resent-", b"X-Klachtd-")):
    line, data = data.split(b"\r\n", 1)
    head += line + b"\n"
open(sys.argv[2], "wb").write(head)
open(sys.argv[3], "wb").write(data)
PY
recv_iso=$(kl_sql "select date(received_at, 'unixepoch', 'localtime') from cases where ref = '$woo'")
kl_contains "Resent-To" "$FX_DIR/fwd-head.txt" "^Resent-To: $WOO$"
kl_contains "Resent-From" "$FX_DIR/fwd-head.txt" "^Resent-From: klachten@testdorp.example$"
kl_contains "Resent-Message-ID" "$FX_DIR/fwd-head.txt" "^Resent-Message-ID: <$woo\.redirect\."
kl_contains "the case reference" "$FX_DIR/fwd-head.txt" "^X-Klachtd-Case: $woo$"
kl_contains "kind and date of receipt" "$FX_DIR/fwd-head.txt" "^X-Klachtd-Forwarded: woo; received $recv_iso$"
stored=$(/usr/bin/python3 - "$KL_STATE/klachtd.db" "$woo" <<'PY'
import hashlib, sqlite3, sys
c = sqlite3.connect("file:%s?mode=ro" % sys.argv[1], uri=True)
raw = c.execute("select m.raw from messages m join cases c on c.id = m.case_id "
                "where c.ref = ? and m.kind = 'complaint' order by m.id limit 1",
                (sys.argv[2],)).fetchone()[0]
print(hashlib.sha256(raw).hexdigest())
PY
)
kl_eq "stored raw is the mail as sent" "$stored" "$(sha256sum < "$FX_DIR/woo.eml" | cut -d' ' -f1)"
kl_eq "the original arrived byte for byte" "$(sha256sum < "$FX_DIR/fwd-orig.eml" | cut -d' ' -f1)" "$stored"

# ---- The complainant's letter: where it went, the date of receipt.
letter=$(ol_find redirected francoise@example.net "$woo")
ol_body "$letter" > "$FX_DIR/letter.txt"
recv_nl=$(/usr/bin/python3 -c '
import sys
y, m, d = sys.argv[1].split("-")
months = ["januari", "februari", "maart", "april", "mei", "juni", "juli",
          "augustus", "september", "oktober", "november", "december"]
print("%d %s %s" % (int(d), months[int(m) - 1], y))' "$recv_iso")
kl_contains "letter: what it is" "$FX_DIR/letter.txt" "Het is een Woo-verzoek"
kl_contains "letter: where it went" "$FX_DIR/letter.txt" "^is $WOO\.$"
kl_contains "letter: the date of receipt stands" "$FX_DIR/letter.txt" "Wij kregen uw bericht op $recv_nl\. Die datum blijft gelden\."
kl_contains "letter: the law" "$FX_DIR/letter.txt" "artikel 2:3 en 6:15"
kl_contains "letter: the officer's text" "$FX_DIR/letter.txt" "^Uw verzoek gaat naar het Woo-team\.$"
kl_eq "letter subject" "$(ol_header "$letter" Subject)" "Uw bericht is doorgestuurd [$woo]"

# ---- The case: forwarded, its kind and event.
kl_eq "status forwarded" "$(ol_case "$woo" status)" forwarded
kl_eq "kind recorded" "$(ol_case "$woo" forwarded_kind)" woo
kl_eq "closed_at set" "$(ol_case "$woo" "closed_at is not null")" 1
kl_eq "forwarded event" "$(ol_events "$woo" forwarded | cut -d'|' -f1,2,3)" "anna|forwarded|woo to $WOO: Uw verzoek gaat naar het Woo-team."

# Nothing more on a forwarded case.
send "$notif" "#doorsturen bezwaar"
ol_body "$(ol_find cmd-error "$OL_ANNA" "$woo")" > "$FX_DIR/err2.txt"
kl_contains "a forwarded case is an end" "$FX_DIR/err2.txt" "de klacht is doorgestuurd: daar kan niets meer aan gebeuren"
kl_eq "still one at the Woo mailbox" "$(sink_to "$WOO")" 1
kl_eq "nothing to the bezwaar mailbox" "$(sink_to bezwaar@gemeente.example)" 0

# ---- Register and report: not a complaint; counted apart per kind.
year=$(echo "$woo" | cut -d- -f2)
kl_ctl report --register --year "$year" --format csv > "$FX_DIR/reg.csv" || fx_fail "register failed"
kl_contains "ordinary complaint in the register" "$FX_DIR/reg.csv" "^$plain,"
kl_absent "forwarded case not in the register" "$FX_DIR/reg.csv" "$woo"
kl_ctl report --year "$year" --format json > "$FX_DIR/rep.json" || fx_fail "report failed"
kl_eq "received counts complaints only" "$(kl_json 'j["totals"]["received"]' < "$FX_DIR/rep.json")" 2
kl_eq "forwarded counted apart" "$(kl_json 'j["totals"]["forwarded"]' < "$FX_DIR/rep.json")" 1
kl_eq "forwarded per kind" "$(kl_json 'j["totals"]["forwarded_by_kind"]["woo"]' < "$FX_DIR/rep.json")" 1
kl_ctl report --year "$year" > "$FX_DIR/rep.txt" || fx_fail "report failed"
kl_contains "text report" "$FX_DIR/rep.txt" "doorgestuurd naar een andere afdeling \(hierboven niet geteld\): 1 \(bezwaar 0, woo 1, melding 0, schade 0, overig 0\)"
kl_ctl report --year "$year" --format html > "$FX_DIR/rep.html" || fx_fail "report failed"
kl_contains "HTML report" "$FX_DIR/rep.html" "doorgestuurd naar een andere afdeling \(geen klacht\)"
exit 0
