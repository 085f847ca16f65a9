#!/bin/sh
# What the commands do, and that the commands of one mail run all or
# nothing: a mail with a valid #assign and an invalid #status changes
# nothing (no assignee, no event, no mail to bob or the complainant) and
# answers with an error naming the line, plus the help text.  The legal
# limits: #close needs findings; #extend at most once and at most 4 weeks
# unless the complainant's consent is recorded (Awb 9:11).
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/e2e/officer-lib.sh"
fx_require smtp
ol_setup

ol_new_case "$KL_DATA/samples/01-afval.eml"
ref=$OL_REF
notif=$(ol_find notify "$OL_ANNA" "$ref")

# send TEXT: anna replies to her notification with TEXT above the quote.
send() {
	printf '%s\n' "$1" > "$FX_DIR/body.txt"
	ol_reply "$OL_DATA/plain.eml" "$notif" "$OL_ANNA" "Anna de Vries" \
	    "BODY=@file:$FX_DIR/body.txt"
	ol_deliver "$OL_REPLY"
}
# answer KIND: the answer (confirm or cmd-error) to the last mail, into
# $FX_DIR/answer.txt.
answer() {
	ol__a=$(ol_find "$1" "$OL_ANNA" "$ref")
	kl_eq "the $1 answers the last mail" "$(ol_header "$ol__a" In-Reply-To)" "<$OL_REPLY_ID>"
	ol_body "$ol__a" > "$FX_DIR/answer.txt"
}
# unchanged WHAT: the case and its mail are as SNAP left them.
snap() {
	snap_case=$(kl_sql "select status, assignee, category, priority, due_at, extended, judgement from cases where ref = '$ref'")
	snap_events=$(ol_events "$ref" | grep -v '^system|' | grep -vc '|commands-failed|')
	snap_jan=$(kl_sql "select count(*) from outbox where rcpt = '$OL_JAN'")
	snap_bob=$(kl_sql "select count(*) from outbox where rcpt = '$OL_BOB'")
}
unchanged() {
	kl_eq "$1: case unchanged" "$(kl_sql "select status, assignee, category, priority, due_at, extended, judgement from cases where ref = '$ref'")" "$snap_case"
	kl_eq "$1: no officer events" "$(ol_events "$ref" | grep -v '^system|' | grep -vc '|commands-failed|')" "$snap_events"
	kl_eq "$1: nothing to the complainant" "$(kl_sql "select count(*) from outbox where rcpt = '$OL_JAN'")" "$snap_jan"
	kl_eq "$1: nothing to bob" "$(kl_sql "select count(*) from outbox where rcpt = '$OL_BOB'")" "$snap_bob"
	kl_contains "$1: help text sent along" "$FX_DIR/answer.txt" "^#toewijzen <id> +wijs de klacht toe"
	kl_contains "$1: says nothing was done" "$FX_DIR/answer.txt" "niets uitgevoerd en niets gewijzigd"
	ol_events "$ref" commands-failed | tail -1 > "$FX_DIR/failed"
	kl_contains "$1: failure recorded" "$FX_DIR/failed" "^anna\|commands-failed\|nothing done: "
}

# All or nothing: #assign is fine, #status is not.
snap
send "#assign bob
#status foo"
answer cmd-error
unchanged "valid #assign + invalid #status"
kl_contains "error names line and command" "$FX_DIR/answer.txt" \
    "^regel 2: #status: onbekende status \"foo\"; gebruik in-behandeling, wacht-op-klager"
kl_eq "bob got nothing" "$(ol_count assigned "$OL_BOB")" 0

# A #reply before a failing command is not sent either.
send "#reply Wij komen vrijdag langs.
#assign zed"
answer cmd-error
unchanged "#reply + unknown officer"
kl_contains "unknown officer" "$FX_DIR/answer.txt" \
    "^regel 2: #toewijzen: er is geen functionaris \"zed\" \(functionarissen: anna, bob, carla\)"

# A parse error: nothing runs, every error is listed.
send "#assign bob
#frobnicate now
#priority sky-high"
answer cmd-error
unchanged "parse errors"
kl_contains "unknown command, line 2" "$FX_DIR/answer.txt" "^regel 2: .*frobnicate"
kl_contains "bad priority, line 3" "$FX_DIR/answer.txt" "^regel 3: .*sky-high"

send "#category snoeien"
answer cmd-error
unchanged "unknown category"
kl_contains "categories listed" "$FX_DIR/answer.txt" "er is geen categorie \"snoeien\" \(categorieën: afval, parkeren, gedrag\)"

send "#close gegrond"
answer cmd-error
unchanged "#close without findings"
kl_contains "findings needed" "$FX_DIR/answer.txt" \
    "^regel 1: #sluit: de brief aan de klager heeft uw bevindingen nodig"

send "#status gesloten"
answer cmd-error
unchanged "#status closed without a judgement"
kl_contains "use #sluit" "$FX_DIR/answer.txt" "een klacht sluit u met #sluit <oordeel>"

# Extension (Awb 9:11): 5 weeks is too long without consent.
send "#extend 5w the report is late"
answer cmd-error
unchanged "#extend 5 weeks"
kl_contains "4 weeks max" "$FX_DIR/answer.txt" \
    "^regel 1: #verleng: 35 dagen is meer dan de 4 weken \(28 dagen\)"

due0=$(ol_case "$ref" due_at)
send "#extend 4w het rapport van de buitendienst is er nog niet"
answer confirm
kl_eq "extended 28 days" "$(( ($(ol_case "$ref" due_at) - due0 + 7200) / 86400 ))" 28
kl_eq "extended flag" "$(ol_case "$ref" extended)" 1
kl_contains "confirmation" "$FX_DIR/answer.txt" "termijn met 28 dagen verlengd"
ext=$(ol_find extension "$OL_JAN" "$ref")
ol_body "$ext" > "$FX_DIR/ext.txt"
due=$(/usr/bin/python3 -c '
import time, sys
m = ["januari","februari","maart","april","mei","juni","juli","augustus","september","oktober","november","december"]
t = time.localtime(int(sys.argv[1])); print("%d %s %d" % (t.tm_mday, m[t.tm_mon-1], t.tm_year))' "$(ol_case "$ref" due_at)")
kl_contains "letter: new due date" "$FX_DIR/ext.txt" "^U krijgt ons oordeel uiterlijk op $due\.$"
kl_contains "letter: reason" "$FX_DIR/ext.txt" "het rapport van de buitendienst is er nog niet"
kl_contains "letter: 4 weeks" "$FX_DIR/ext.txt" "Wij nemen daarom 4 weken meer tijd\."

snap
send "#extend 1w nog een week"
answer cmd-error
unchanged "second extension without consent"
kl_contains "consent needed" "$FX_DIR/answer.txt" "de termijn is al eens verlengd .*#instemming"

due1=$(ol_case "$ref" due_at)
send "#consent De klager stemde telefonisch in met verder uitstel.
#extend 6w de getuige is pas in mei terug"
answer confirm
kl_eq "second extension with consent" "$(( ($(ol_case "$ref" due_at) - due1 + 7200) / 86400 ))" 42
kl_eq "two extension letters" "$(ol_count extension "$OL_JAN")" 2
ol_events "$ref" extend | tail -1 > "$FX_DIR/ev"
kl_contains "event says consent" "$FX_DIR/ev" "^anna\|extend\|due .*\(\+42 days, with consent\): de getuige"

# Hearing, note, priority, category, a message without commands, #help.
send "#hear 2026-12-01 bij de klager thuis
#priority hoog
#categorie afval"
answer confirm
kl_eq "hearing" "$(ol_events "$ref" hearing)" "anna|hearing|2026-12-01: bij de klager thuis"
kl_eq "priority" "$(ol_case "$ref" priority)" high
kl_eq "category" "$(ol_case "$ref" category)" afval

send "Even gebeld: de klager is blij dat er iets gebeurt."
answer confirm
kl_contains "no commands: a note" "$FX_DIR/answer.txt" "geen commando's: het is als interne notitie bewaard"
kl_eq "note event" "$(ol_events "$ref" note | tail -1)" "anna|note|Even gebeld: de klager is blij dat er iets gebeurt."

send "#help"
answer confirm
kl_contains "help" "$FX_DIR/answer.txt" "^#sluit <oordeel> \[conclusie\]"
kl_contains "help: nothing changed" "$FX_DIR/answer.txt" "er is niets gewijzigd"

# #status on a closed case, #close, #reopen.
send "#sluit ongegrond
De container is volgens de registratie elke woensdag geleegd."
answer confirm
kl_eq "closed" "$(ol_case "$ref" status)" closed
kl_eq "judgement" "$(ol_case "$ref" judgement)" ongegrond
ol_body "$(ol_find outcome "$OL_JAN" "$ref")" > "$FX_DIR/outcome.txt"
kl_contains "outcome: findings" "$FX_DIR/outcome.txt" "elke woensdag geleegd"
kl_contains "outcome: judgement" "$FX_DIR/outcome.txt" "^Wij vinden uw klacht ongegrond\.$"

snap
send "#status in behandeling"
answer cmd-error
kl_contains "closed: use #reopen" "$FX_DIR/answer.txt" "gebruik #heropen"
send "#extend 1w nog even"
answer cmd-error
kl_contains "closed: no extension" "$FX_DIR/answer.txt" \
    "^regel 1: #verleng: de klacht is gesloten: er is geen termijn te verlengen"
# The states each command may run in are its row in cmdtable.c.
send "#sluit gegrond
Nogmaals."
answer cmd-error
kl_contains "closed: no second #close" "$FX_DIR/answer.txt" \
    "^regel 1: #sluit: de klacht is al gesloten \(eerst #heropen\)"
send "#beklaagde piet@example.org Piet"
answer cmd-error
kl_contains "closed: no #respondent" "$FX_DIR/answer.txt" \
    "^regel 1: #beklaagde: de klacht is gesloten"
unchanged "commands a closed case refuses"

send "#heropen De klager stuurde foto's van een volle container."
answer confirm
kl_eq "reopened" "$(ol_case "$ref" status)" in_progress
kl_eq "judgement cleared" "$(ol_case "$ref" judgement)" ""
kl_eq "closed_at cleared" "$(ol_case "$ref" closed_at)" ""
ol_body "$(ol_find reopened "$OL_JAN" "$ref")" > "$FX_DIR/reopened.txt"
kl_contains "reopened letter" "$FX_DIR/reopened.txt" "De klager stuurde foto's van een volle container"
kl_eq "reopen event" "$(ol_events "$ref" reopen | cut -d'|' -f1,2)" "anna|reopen"
send "#heropen nog eens"
answer cmd-error
kl_contains "open: no #reopen" "$FX_DIR/answer.txt" \
    "^regel 1: #heropen: de klacht is niet gesloten \(maar in behandeling\)"

# The officers' language follows the configuration.
kl_config "$(kl_smtp_conf)
$(ol_officers)
language = \"en\";"
send "#assign zed"
answer cmd-error
kl_contains "English error" "$FX_DIR/answer.txt" \
    "^line 1: #assign: there is no officer \"zed\" \(officers: anna, bob, carla\)"
kl_contains "English help" "$FX_DIR/answer.txt" "^#assign <id> +assign the complaint"
echo "PASS: commands all or nothing; Awb limits on #close and #extend enforced"
