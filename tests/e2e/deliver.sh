#!/bin/sh
# A complaint piped in by the MTA becomes a case; one pass of the daemon
# delivers the acknowledgement to a real SMTP server with the right
# subject, dates and headers.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
fx_require smtp
kl_setup
fx_smtp_start
kl_config "$(kl_smtp_conf)"

kl_deliver "$KL_DATA/samples/01-afval.eml"
kl_eq "deliver exit" "$KL_RC" 0

year=$(date +%Y)
kl_ctl list --json > "$FX_DIR/list.json"
kl_eq "cases" "$(kl_json 'len(j)' < "$FX_DIR/list.json")" 1
ref=$(kl_json 'j[0]["reference"]' < "$FX_DIR/list.json")
kl_eq "reference" "$ref" "KL-$year-00001"
kl_eq "status" "$(kl_json 'j[0]["status"]' < "$FX_DIR/list.json")" acknowledged
kl_eq "complainant" "$(kl_json 'j[0]["complainant_email"]' < "$FX_DIR/list.json")" jan.deboer@example.net
kl_eq "queued before --once" "$(kl_sql "select count(*) from outbox where status='queued' and kind='ack'")" 1
kl_eq "raw stored" "$(kl_sql "select size = $(wc -c < "$KL_DATA/samples/01-afval.eml") from messages")" 1

kl_once
kl_eq "--once exit" "$KL_RC" 0
fx_smtp_wait_count 1 30 || fx_fail "no acknowledgement arrived"
msg=$(fx_smtp_messages | head -1)
fx_smtp_envelope "$msg" > "$FX_DIR/env"
kl_contains "envelope rcpt" "$FX_DIR/env" "X-Sink-Rcpt-To: <jan.deboer@example.net>"
kl_contains "envelope from" "$FX_DIR/env" "X-Sink-Mail-From: <klachten@testdorp.example>"
fx_smtp_content "$msg" > "$FX_DIR/ack.eml"
kl_contains "Subject tag" "$FX_DIR/ack.eml" "^Subject: .*\[$ref\]"
kl_contains "Auto-Submitted" "$FX_DIR/ack.eml" "^Auto-Submitted: auto-replied"
kl_contains "In-Reply-To" "$FX_DIR/ack.eml" "^In-Reply-To: <sample-01-afval@example.net>"
kl_contains "References" "$FX_DIR/ack.eml" "^References: <sample-01-afval@example.net>"
kl_contains "Message-ID carries ref" "$FX_DIR/ack.eml" "^Message-Id: <$ref\.ack\.[0-9a-f]+@testdorp\.example>"
kl_contains "Date" "$FX_DIR/ack.eml" "^Date: [A-Z][a-z]{2}, [0-9]+ [A-Z][a-z]{2} $year "
kl_contains "charset" "$FX_DIR/ack.eml" "^Content-Type: text/plain; charset=utf-8"
kl_contains "QP" "$FX_DIR/ack.eml" "^Content-Transfer-Encoding: quoted-printable"
kl_contains "To" "$FX_DIR/ack.eml" "^To: Jan de Boer <jan.deboer@example.net>"
kl_contains "CRLF" "$FX_DIR/ack.eml" "$(printf '\r')\$"

kl_decoded "$FX_DIR/ack.eml" > "$FX_DIR/ack.txt"
want=$(/usr/bin/python3 -c '
import datetime
m = ["januari","februari","maart","april","mei","juni","juli","augustus","september","oktober","november","december"]
t = datetime.date.today(); d = t + datetime.timedelta(days=42)
print("%d %s %d|%d %s %d" % (t.day, m[t.month-1], t.year, d.day, m[d.month-1], d.year))')
received=${want%|*}
due=${want#*|}
kl_contains "reference in body" "$FX_DIR/ack.txt" "nummer van uw klacht is $ref\."
kl_contains "receipt date" "$FX_DIR/ack.txt" "Wij kregen uw klacht op $received\."
kl_contains "due date" "$FX_DIR/ack.txt" "uiterlijk op $due een"
kl_contains "term from config" "$FX_DIR/ack.txt" "binnen 6 weken na ontvangst"
kl_contains "umlaut survives QP" "$FX_DIR/ack.txt" "vóór die datum"
kl_eq "outbox sent" "$(kl_sql "select status from outbox")" sent
kl_ctl outbox --json | kl_json 'j[0]["status"]' > "$FX_DIR/st"
kl_eq "klachtctl outbox" "$(cat "$FX_DIR/st")" sent
kl_ctl show "$ref" > "$FX_DIR/show.txt"
kl_contains "show audit" "$FX_DIR/show.txt" "new -> acknowledged"
kl_ctl show --json "$ref" | kl_json 'len(j["messages"])' > "$FX_DIR/n"
kl_eq "show --json messages" "$(cat "$FX_DIR/n")" 1
echo "PASS: $ref acknowledged and delivered"
