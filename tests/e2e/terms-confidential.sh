#!/bin/sh
# A confidential category (grensoverschrijdend gedrag): every mail the
# deadline scan sends about its cases -- the reminder to the assignee,
# level 1 to the vertrouwenspersoon, the unassigned escalation, the
# weekly digest -- carries the reference, the dates and the status only.
# The complaint's subject, text, the complainant's name and address and
# the category's name never appear in them, raw or decoded.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/e2e/officer-lib.sh"
. "$top_srcdir/tests/e2e/terms-lib.sh"
fx_require smtp
SETTINGS="unassigned_after = \"16h\"; unassigned = ( { name = \"Uma Uitvoering\"; email = \"$TL_UMA\"; } );"
tl_setup "escalation = { digest = \"none\"; $SETTINGS };"

secret_case() { # N FROM-NAME FROM-ADDR
	cat > "$FX_DIR/secret-$1.eml" <<EOF
From: $2 <$3>
To: Gemeente Testdorp <klachten@testdorp.example>
Subject: Ongewenste aanraking door Kees Klinkhamer $1
Message-ID: <secret-$1.$$@example.net>
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

GEHEIMETEKST-$1: op de afdeling gebeurde iets wat niemand mag lezen.
EOF
	ol_new_case "$FX_DIR/secret-$1.eml"
}

# H: filed under gedrag and assigned to carla at once.
tl_at "2026-11-02 10:00:00"
secret_case h "Marieke Geheimhouder" marieke@example.net
H=$OL_REF
tl_send "$(ol_find notify "$OL_ANNA" "$H")" "$OL_ANNA" "Anna de Vries" "#categorie gedrag
#toewijzen carla"
# I: filed under gedrag, never assigned.
tl_at "2026-11-03 10:00:00"
secret_case i "Ingrid Incognito" ingrid@example.net
I=$OL_REF
tl_send "$(ol_find notify "$OL_ANNA" "$I")" "$OL_ANNA" "Anna de Vries" "#categorie gedrag"
kl_eq "confidential" "$(kl_sql "select confidential from cases where ref in ('$H', '$I')" | tr '\n' ' ')" "1 1 "
start=$(tl_sent)

# I was received Tuesday 10:00: 16 working hours end Thursday 10:00.
tl_step "2026-11-05 09:59:59" 0 "I, just before 16 working hours"
tl_step "2026-11-05 10:00:00" 1 "I unassigned after 16 working hours"
kl_eq "unassigned to uma" "$(ol_count unassigned "$TL_UMA")" 1
tl_step "2026-12-07 10:00:00" 1 "H reminder to carla"
kl_eq "reminder to carla" "$(ol_count reminder "$OL_CARLA")" 1
tl_step "2026-12-08 10:00:00" 2 "I reminder: to the officers of gedrag"
kl_eq "I has no assignee: its officers" "$(ol_count reminder "$OL_CARLA")|$(ol_count reminder "$OL_ANNA")" "2|1"
tl_step "2026-12-14 10:00:00" 1 "H level 1 to vera"
tl_step "2026-12-15 10:00:00" 1 "I level 1 to vera"
kl_eq "level 1 to vera" "$(ol_count escalation "$TL_VERA")" 2

# The weekly digest on Monday 21 December (vera: two overdue cases).
tl_config "escalation = { digest = \"monday 08:00\"; $SETTINGS };"
tl_step "2026-12-21 08:00:00" 1 "the digest to vera"
dg=$(ol_find digest "$TL_VERA")
ol_body "$dg" > "$FX_DIR/digest.txt"
kl_contains "digest: two open" "$FX_DIR/digest.txt" "^Open klachten: +2$"
kl_contains "digest: two overdue" "$FX_DIR/digest.txt" "^Over de termijn: +2$"
kl_contains "digest: H, reference and date only" "$FX_DIR/digest.txt" "^- $H, uiterlijk 14 december 2026, in behandeling \(vertrouwelijk\)$"
kl_contains "digest: I" "$FX_DIR/digest.txt" "^- $I, uiterlijk 15 december 2026, ontvangen \(vertrouwelijk\)$"

# What every one of these mails may show, and what none of them may.
: > "$FX_DIR/scan.txt"
for m in $(fx_smtp_messages | tail -n +$((start + 1))); do
	cat "$m" >> "$FX_DIR/scan.txt"
	fx_smtp_content "$m" | /usr/bin/python3 -c '
import email, email.policy, sys
m = email.message_from_binary_file(sys.stdin.buffer, policy=email.policy.default)
for k, v in m.items():
    print("%s: %s" % (k, v))
print(m.get_body(("plain",)).get_content())' >> "$FX_DIR/scan.txt"
	# Each mail about a case names it (the digest lists them).
	grep -Eqi '^Message-Id: <klachtd\.digest\.' "$m" ||
	    kl_contains "reference in $(basename "$m")" "$m" "^Subject: .*\[KL-2026-0000[12]\]"
done
kl_eq "the scan sent 7 mails" "$(( $(tl_sent) - start ))" 7
for secret in "Ongewenste" "aanraking" "Klinkhamer" "GEHEIMETEKST" \
    "niemand mag lezen" "Marieke" "Geheimhouder" "marieke@example" \
    "Ingrid" "Incognito" "ingrid@example" "Grensoverschrijdend" "gedrag"; do
	kl_absent "no '$secret' in the scan's mail" "$FX_DIR/scan.txt" "$secret"
done
# ... and the base64/quoted-printable forms are covered by the decoded
# copy above; what they do carry:
kl_contains "due date" "$FX_DIR/scan.txt" "Uiterlijk klaar: +14 december 2026"
kl_contains "status" "$FX_DIR/scan.txt" "Status: +in behandeling"
kl_contains "why, without content" "$FX_DIR/scan.txt" "De klacht is na 16 werkuren nog niet toegewezen\."
kl_contains "confidential template" "$FX_DIR/scan.txt" "^Subject: niveau 1: vertrouwelijke klacht \[$H\]"
# The officers' own notification of the complaint did carry it (it is
# for them): the test's secrets are real.
kl_contains "the notification had the text" "$(ol_find notify "$OL_CARLA" "$H")" "GEHEIMETEKST-h"
echo "PASS: confidential escalation mail carries reference, dates and status only"
