#!/bin/sh
# Four-eyes approval of outcome letters (issue 16), read at a real SMTP
# sink.  Category afval has approvers = [ "anna", "bob" ]:
#   - #sluit sends nothing to the complainant (an #antwoord before it
#     names the date, as the term runs on): the letter is kept as a
#     draft and mailed, whole, to the approvers but its writer (bob), with
#     bob's own reply address; the case stays open;
#   - the writer's own #akkoord is refused; a non-approver's too;
#   - bob's #afwijzen returns it to anna with the reason, nothing sent,
#     the draft gone;
#   - after a new #sluit, bob's #akkoord sends the letter (signed with
#     the configured signature block) and closes the case, with the
#     approval recorded; the #antwoord before it names no date;
#   - a category without approvers sends at once (as before);
#   - an approver who is no officer is a configuration error.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/e2e/officer-lib.sh"
fx_require smtp
kl_setup
fx_smtp_start
kl_config "$(kl_smtp_conf)
categories = (
  { id = \"afval\"; name = \"Afval\"; approvers = [ \"anna\", \"bob\" ]; },
  { id = \"parkeren\"; name = \"Parkeren\"; }
);
officers = (
  { id = \"anna\"; name = \"Anna de Vries\"; email = \"$OL_ANNA\"; },
  { id = \"bob\"; name = \"Bob Jansen\"; email = \"$OL_BOB\"; },
  { id = \"carla\"; name = \"Carla Smit\"; email = \"$OL_CARLA\"; }
);
organisation = { name = \"Gemeente Testdorp\"; address = \"klachten@testdorp.example\";
  signature = \"Namens het college van burgemeester en wethouders,\\nGemeente Testdorp\"; };"
sed -i '1{/^organisation = /d}' "$KL_CONF"
"$KLACHTD" -c "$KL_CONF" -n >/dev/null || fx_fail "the test's configuration is not valid"

# say WHO NAME MAIL TEXT: officer WHO answers sink message MAIL with TEXT.
say() {
	printf '%s\n' "$4" > "$FX_DIR/body.txt"
	ol_reply "$OL_DATA/plain.eml" "$3" "$1" "$2" \
	    "BODY=@file:$FX_DIR/body.txt"
	ol_deliver "$OL_REPLY"
}
anna() { say "$OL_ANNA" "Anna de Vries" "$NOT" "$1"; }
# answer KIND RCPT: the newest such mail about REF to RCPT, in answer.txt.
answer() { ol_body "$(ol_find "$1" "$2" "$REF")" > "$FX_DIR/answer.txt"; }

ol_new_case "$KL_DATA/samples/01-afval.eml"
REF=$OL_REF
NOT=$(ol_find notify "$OL_ANNA" "$REF")
anna "#categorie afval
#toewijzen anna"

# ------------------------------------------------ #sluit makes a draft
anna "#antwoord Wij ronden ons onderzoek af.
#sluit gegrond
De container is drie weken niet geleegd door een fout in de planning."
answer confirm "$OL_ANNA"
# The draft leaves the term running: the update before it names the date.
ol_body "$(ol_find update "$OL_JAN" "$REF")" > "$FX_DIR/upd.txt"
kl_contains "draft: the update names the date" "$FX_DIR/upd.txt" "^U krijgt uiterlijk op [0-9]+ [a-z]+ 20[0-9][0-9] een brief met ons oordeel\.$"
kl_contains "anna: awaits approval" "$FX_DIR/answer.txt" \
    "de brief met de afhandeling \(gegrond\) wacht op goedkeuring door bob"
kl_eq "nothing to the complainant" "$(ol_count outcome "$OL_JAN")" 0
kl_eq "still open" "$(ol_case "$REF" status)" in_progress
kl_eq "the draft is kept" "$(kl_sql "select d.author || '|' || d.judgement from drafts d join cases c on c.id = d.case_id where c.ref = '$REF'")" "anna|gegrond"
kl_eq "event draft" "$(ol_events "$REF" draft)" "anna|draft|outcome letter (gegrond) awaiting approval by bob"
kl_eq "the writer is not asked" "$(ol_count approval "$OL_ANNA")" 0
kl_eq "carla is no approver" "$(ol_count approval "$OL_CARLA")" 0
APP=$(ol_find approval "$OL_BOB" "$REF")
ol_body "$APP" > "$FX_DIR/approval.txt"
kl_contains "bob: who asks" "$FX_DIR/approval.txt" "^Anna de Vries \(anna\) wil klacht $REF sluiten als gegrond\."
kl_contains "bob: the whole letter" "$FX_DIR/approval.txt" "^Subject: Ons oordeel over uw klacht \[$REF\]$"
kl_contains "bob: the findings in it" "$FX_DIR/approval.txt" "^De container is drie weken niet geleegd door een fout in de planning\.$"
kl_contains "bob: the judgement in it" "$FX_DIR/approval.txt" "^Wij vinden uw klacht gegrond\.$"
kl_contains "bob: signed on behalf of the college" "$FX_DIR/approval.txt" "^Namens het college van burgemeester en wethouders,$"
case $(ol_header "$APP" Reply-To) in
klachten+*@testdorp.example) ;;
*) fx_fail "the approval request carries no reply token: $(ol_header "$APP" Reply-To)" ;;
esac

# ------------------------------------------- self-approval is refused
anna "#akkoord"
answer cmd-error "$OL_ANNA"
kl_contains "self-approval refused" "$FX_DIR/answer.txt" "u hebt deze brief zelf geschreven"
kl_eq "self-approval: nothing sent" "$(ol_count outcome "$OL_JAN")" 0
say "$OL_CARLA" "Carla Smit" "$(ol_find notify "$OL_CARLA" "$REF")" "#akkoord"
answer cmd-error "$OL_CARLA"
kl_contains "a non-approver is refused" "$FX_DIR/answer.txt" "alleen de goedkeurders van categorie afval kunnen dit: anna, bob"
kl_eq "non-approver: nothing sent" "$(ol_count outcome "$OL_JAN")" 0

# ------------------------------------------------ #afwijzen returns it
say "$OL_BOB" "Bob Jansen" "$APP" "#afwijzen Noem ook wat wij de bewoners hebben beloofd."
answer confirm "$OL_BOB"
kl_contains "bob: returned" "$FX_DIR/answer.txt" "de brief met de afhandeling is met uw reden terug naar anna"
answer approval-rejected "$OL_ANNA"
kl_contains "anna gets the reason" "$FX_DIR/answer.txt" "^Noem ook wat wij de bewoners hebben beloofd\.$"
kl_contains "anna: who rejected" "$FX_DIR/answer.txt" "^Bob Jansen \(bob\) heeft uw brief over klacht $REF \(gegrond\)$"
kl_eq "rejected: nothing sent" "$(ol_count outcome "$OL_JAN")" 0
kl_eq "rejected: the draft is gone" "$(kl_sql "select count(*) from drafts")" 0
kl_eq "rejected: still in progress" "$(ol_case "$REF" status)" in_progress
kl_eq "event approval-rejected" "$(ol_events "$REF" approval-rejected)" "bob|approval-rejected|Noem ook wat wij de bewoners hebben beloofd."
say "$OL_BOB" "Bob Jansen" "$APP" "#akkoord"
answer cmd-error "$OL_BOB"
kl_contains "nothing to approve" "$FX_DIR/answer.txt" "er is geen brief met de afhandeling die op goedkeuring wacht"

# ------------------------------------------- a new draft, approved by bob
anna "#sluit gegrond
De container is drie weken niet geleegd door een fout in de planning.
Conclusies: de route is aangepast."
kl_eq "a second request" "$(ol_count approval "$OL_BOB")" 2
APP=$(ol_find approval "$OL_BOB" "$REF")
# With a #reply before #akkoord in the same mail, the update names no
# date: the outcome letter that goes with it ends the case.
say "$OL_BOB" "Bob Jansen" "$APP" "#antwoord Dank voor uw geduld; onze brief volgt hieronder.
#akkoord"
answer confirm "$OL_BOB"
ol_body "$(ol_find update "$OL_JAN" "$REF")" > "$FX_DIR/upd.txt"
kl_contains "approved: the update sent" "$FX_DIR/upd.txt" "^Dank voor uw geduld; onze brief volgt hieronder\.$"
kl_absent "approved: the update names no date" "$FX_DIR/upd.txt" "uiterlijk op|beloofd"
kl_contains "bob: approved" "$FX_DIR/answer.txt" "u hebt de brief met de afhandeling van anna goedgekeurd"
kl_contains "bob: sent" "$FX_DIR/answer.txt" "gesloten als gegrond; de brief met de afhandeling is naar de klager gestuurd"
kl_eq "approved: one letter" "$(ol_count outcome "$OL_JAN")" 1
kl_eq "approved: closed" "$(ol_case "$REF" status)" closed
kl_eq "approved: the draft is gone" "$(kl_sql "select count(*) from drafts")" 0
kl_eq "event approved" "$(ol_events "$REF" approved)" "bob|approved|outcome letter (gegrond) by anna approved"
ol_body "$(ol_find outcome "$OL_JAN" "$REF")" > "$FX_DIR/letter.txt"
kl_contains "letter: findings" "$FX_DIR/letter.txt" "^De container is drie weken niet geleegd door een fout in de planning\.$"
kl_contains "letter: conclusions" "$FX_DIR/letter.txt" "^De route is aangepast\.$"
kl_contains "letter: on behalf of the college" "$FX_DIR/letter.txt" "^Namens het college van burgemeester en wethouders,$"

# ------------------------------------- without approvers: sent at once
ol_new_case "$KL_DATA/samples/03-parkeren.eml"
REF=$OL_REF
NOT=$(ol_find notify "$OL_ANNA" "$REF")
anna "#categorie parkeren
#sluit ongegrond
De borden stonden er."
C3=$(kl_sql "select complainant_email from cases where ref = '$REF'")
kl_eq "no approvers: sent at once" "$(ol_count outcome "$C3")" 1
kl_eq "no approvers: closed" "$(ol_case "$REF" status)" closed

# ------------------------------------ an approver who is no officer
sed -i 's/approvers = \[ "anna", "bob" \]/approvers = [ "anna", "zed" ]/' "$KL_CONF"
rc=0; "$KLACHTD" -c "$KL_CONF" -n > "$FX_DIR/check.txt" 2>&1 || rc=$?
kl_eq "unknown approver: check-config fails" "$rc" 78
kl_contains "unknown approver: said so" "$FX_DIR/check.txt" 'categories: "afval" names approver "zed", who is no officer'
echo "PASS: an outcome letter of a category with approvers waits for #akkoord; #afwijzen returns it; no self-approval"
