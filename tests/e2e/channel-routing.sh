#!/bin/sh
# Triage and routing (issue 14), through real mail and the SMTP sink.
# A new complaint without a category goes to the triage officer only, not
# to every officer.  A complaint to a category's own address
# (vertrouwelijk@, delivered by the MTA with Delivered-To) is opened in
# that confidential category at once: no mail about it ever reaches
# another category's officer -- every message at the sink that names the
# case is checked -- and the acknowledgement already quotes its 10-week
# term.  klachten+afval@ opens the case in afval; klachten+<not a
# category>@ is no category (triage).  Without a triage officer, today's
# behaviour: every officer.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/e2e/officer-lib.sh"
fx_require smtp
VERTR=vertrouwelijk@testdorp.example
TINA=tina@gemeente.example DIRK=dirk@gemeente.example
# people TRIAGE: categories and officers; tina is the coordinator when
# TRIAGE is "true".
people() {
	cat <<CONF
categories = (
  { id = "afval"; name = "Afval"; },
  { id = "parkeren"; name = "Parkeren"; },
  { id = "gedrag"; name = "Grensoverschrijdend gedrag"; confidential = true;
    addresses = [ "$VERTR" ]; terms = { decide = "10w"; }; }
);
officers = (
  { id = "tina"; name = "Tina Coördinator"; email = "$TINA"; categories = [ "parkeren" ]; triage = $1; },
  { id = "bob"; name = "Bob Jansen"; email = "$OL_BOB"; categories = [ "afval" ]; },
  { id = "carla"; name = "Carla Smit"; email = "$OL_CARLA"; categories = [ "gedrag" ]; },
  { id = "dirk"; name = "Dirk Peters"; email = "$DIRK"; categories = [ "parkeren" ]; }
);
CONF
}
kl_setup
fx_smtp_start
kl_config "$(kl_smtp_conf)
$(people true)"
"$KLACHTD" -c "$KL_CONF" -n > "$FX_DIR/n.out" 2>&1 || fx_fail "klachtd -n: $(cat "$FX_DIR/n.out")"

N=0
# complaint TO [DELIVERED-TO]: a complaint from a citizen to TO (with the
# MTA's Delivered-To when given), delivered; sets REF.
complaint() {
	N=$((N + 1))
	{
		[ -n "${2:-}" ] && printf 'Delivered-To: %s\n' "$2"
		printf 'From: Burger %s <burger%s@example.net>\nTo: %s\n' "$N" "$N" "$1"
		printf 'Subject: Klacht nummer %s\nMessage-ID: <route-%s@example.net>\n' "$N" "$N"
		printf 'Date: Mon, 16 Nov 2026 09:12:00 +0100\nMIME-Version: 1.0\n'
		printf 'Content-Type: text/plain; charset=utf-8\n\nIk wil iets melden (%s).\n' "$N"
	} > "$FX_DIR/c$N.eml"
	ol_new_case "$FX_DIR/c$N.eml"
	REF=$OL_REF
}
# rcpts REF: the sorted envelope recipients of every sink message whose
# headers name case REF.
rcpts() {
	for f in $(fx_smtp_messages); do
		if fx_smtp_content "$f" | sed '/^\r*$/q' | grep -q "$1"; then
			fx_smtp_envelope "$f" | sed -n 's/^X-Sink-Rcpt-To: <\(.*\)>$/\1/p'
		fi
	done | sort -u | tr '\n' ' '
}

# ------------------------------------ no category: the triage officer
complaint klachten@testdorp.example
kl_eq "uncategorised: no category" "$(ol_case "$REF" "coalesce(category, '-')")" "-"
kl_eq "uncategorised: only tina (and the complainant) got mail" "$(rcpts "$REF")" "burger1@example.net $TINA "
ol_events "$REF" notified > "$FX_DIR/ev"
kl_contains "event: notified tina only" "$FX_DIR/ev" "\|notify sent to tina$"

# -------------------------- the confidential category's own address
complaint klachten@testdorp.example "$VERTR"
CONF_REF=$REF
kl_eq "vertrouwelijk@: category and confidential" "$(ol_case "$REF" "category || '|' || confidential")" "gedrag|1"
ol_events "$REF" category > "$FX_DIR/ev"
kl_contains "event: category set at intake" "$FX_DIR/ev" "^system\|category\|- -> gedrag \(confidential\)$"
ack=$(ol_find ack burger2@example.net "$REF")
ol_body "$ack" > "$FX_DIR/ack.txt"
kl_contains "ack quotes the category's term" "$FX_DIR/ack.txt" "binnen 10 weken na ontvangst"
kl_eq "due date ten weeks on" "$(ol_case "$REF" "(julianday(date(due_at, 'unixepoch', 'localtime')) - julianday(date(received_at, 'unixepoch', 'localtime')))")" "70.0"
# carla replies (a command), the complainant writes again: still nobody
# else.
notif=$(ol_find notify "$OL_CARLA" "$REF")
printf '#notitie gelezen\n' > "$FX_DIR/body.txt"
ol_reply "$OL_DATA/plain.eml" "$notif" "$OL_CARLA" "Carla Smit" "BODY=@file:$FX_DIR/body.txt"
ol_deliver "$OL_REPLY"
ol_find confirm "$OL_CARLA" "$REF" > /dev/null
{
	printf 'From: Burger 2 <burger2@example.net>\nTo: %s\n' "$VERTR"
	printf 'Subject: Re: [%s] nog iets\nMessage-ID: <route-2b@example.net>\n' "$REF"
	printf 'Date: Mon, 16 Nov 2026 10:12:00 +0100\n\nNog een aanvulling.\n'
} > "$FX_DIR/c2b.eml"
ol_deliver "$FX_DIR/c2b.eml"
kl_eq "confidential: at the sink only carla and the complainant" "$(rcpts "$CONF_REF")" "burger2@example.net $OL_CARLA "

# ------------------------------------------------ the plus address
complaint klachten+afval@testdorp.example
kl_eq "klachten+afval@: category afval" "$(ol_case "$REF" "category || '|' || confidential")" "afval|0"
kl_eq "klachten+afval@: only bob" "$(rcpts "$REF")" "$OL_BOB burger3@example.net "
complaint klachten+onzin@testdorp.example
kl_eq "klachten+onzin@: no category" "$(ol_case "$REF" "coalesce(category, '-')")" "-"
kl_eq "klachten+onzin@: triage" "$(rcpts "$REF")" "burger4@example.net $TINA "

# -------------------------------------------- #categorie from triage
# tina sorts the case: dirk (parkeren) was not told before, now is.
complaint klachten@testdorp.example
notif=$(ol_find notify "$TINA" "$REF")
printf '#categorie parkeren\n' > "$FX_DIR/body.txt"
ol_reply "$OL_DATA/plain.eml" "$notif" "$TINA" "Tina" "BODY=@file:$FX_DIR/body.txt"
ol_deliver "$OL_REPLY"
ol_find category-moved "$DIRK" "$REF" > /dev/null

# ------------------------------- no triage officer: every officer
kl_config "$(kl_smtp_conf)
$(people false)"
complaint klachten@testdorp.example
kl_eq "without triage: every officer" "$(rcpts "$REF")" "$OL_BOB burger6@example.net $OL_CARLA $DIRK $TINA "

echo "PASS: triage officer only; vertrouwelijk@ and klachten+afval@ set the category at intake"
