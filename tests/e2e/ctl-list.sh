#!/bin/sh
# klachtctl list and show, as an officer or IT uses them:
#   --status takes every word for a state (Dutch and English labels,
#   the officers' aliases) and "open" (not yet decided or closed); an
#   unknown one is an error (64) that lists the valid values;
#   a long address or subject is cut with a mark ("…"), --wide shows it
#   whole; show gives every date: received, due, each extension,
#   decided, closed (text and JSON).
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/e2e/officer-lib.sh"
. "$top_srcdir/tests/e2e/terms-lib.sh"
fx_require smtp
tl_setup 'escalation = { digest = "none"; unassigned_after = 0; };'
LONG=heel.lange.naam.van.een.klager@een-zeer-lange-domeinnaam.example.net
SUBJ="Een onderwerp dat veel langer is dan zestig tekens, zodat de lijst het moet afkappen"

# Three cases: A stays acknowledged; B in progress, extended, then
# closed; C in progress (assigned).
tl_at "2026-11-02 10:00:00"
ol_new_case "$(tl_complaint a "$LONG" "$SUBJ")"; A=$OL_REF
ol_new_case "$(tl_complaint b b@example.net "Klacht b")"; B=$OL_REF
NB=$(ol_find notify "$OL_ANNA" "$B")
ol_new_case "$(tl_complaint c c@example.net "Klacht c")"; C=$OL_REF
tl_send "$(ol_find notify "$OL_ANNA" "$C")" "$OL_ANNA" "Anna de Vries" "#toewijzen anna"
tl_at "2026-11-10 09:00:00"
tl_send "$NB" "$OL_ANNA" "Anna de Vries" "#toewijzen anna
#verlengen 2w het dossier is nog niet compleet"
tl_at "2026-11-20 14:30:00"
tl_send "$NB" "$OL_ANNA" "Anna de Vries" "#sluit ongegrond
De container is volgens de planning geleegd."
kl_eq "the states" "$(kl_sql 'select ref, status from cases order by id' | tr '\n' ' ')" \
    "$A|acknowledged $B|closed $C|in_progress "

refs() { kl_ctl --json list "$@" | kl_json '" ".join(c["reference"] for c in j)'; }
kl_eq "--status open: not decided or closed" "$(refs --status open)" "$C $A"
kl_eq "--status in-progress" "$(refs --status in-progress)" "$C"
kl_eq "--status 'in behandeling'" "$(refs --status 'in behandeling')" "$C"
kl_eq "--status 'in progress'" "$(refs --status 'in progress')" "$C"
kl_eq "--status gesloten" "$(refs --status gesloten)" "$B"
kl_eq "--status closed" "$(refs --status closed)" "$B"
kl_eq "--status Ontvangen" "$(refs --status Ontvangen)" "$A"
kl_eq "--status waiting: none" "$(refs --status waiting)" ""
kl_ctl list --status wacht > "$FX_DIR/none.txt"
kl_eq "no cases with a status: said so" "$(cat "$FX_DIR/none.txt")" "no cases with status waiting"

rc=0
kl_ctl list --status opened > "$FX_DIR/out" 2> "$FX_DIR/err" || rc=$?
kl_eq "unknown status: exit 64" "$rc" 64
kl_eq "unknown status: nothing on stdout" "$(cat "$FX_DIR/out")" ""
kl_contains "unknown status: said" "$FX_DIR/err" 'unknown status "opened"'
for w in '^  open ' '^  in_progress ' '"in behandeling"' '"in progress"' '"in-progress"' \
    '"gesloten"' '^  closed ' '"wacht op klager"' '"afgehandeld"' '"ontvangen"'; do
	kl_contains "unknown status: lists $w" "$FX_DIR/err" "$w"
done

# Cut with a mark; whole with --wide.
kl_ctl list > "$FX_DIR/list.txt"
kl_contains "long address cut with …" "$FX_DIR/list.txt" "^$A +acknowledged +2026-12-14 email +heel\.lange\.naam\.van\.een\.klage…"
kl_absent "long address not whole" "$FX_DIR/list.txt" "$LONG"
kl_contains "long subject cut with …" "$FX_DIR/list.txt" "Een onderwerp dat veel langer is dan zestig tekens, zodat d…$"
kl_contains "short address padded, not marked" "$FX_DIR/list.txt" "^$C +in_progress +2026-12-14 email +c@example\.net +Klacht c$"
kl_ctl list --wide > "$FX_DIR/wide.txt"
kl_contains "--wide: whole address and subject" "$FX_DIR/wide.txt" "$LONG $SUBJ\$"
kl_absent "--wide: no mark" "$FX_DIR/wide.txt" "…"
kl_ctl outbox > "$FX_DIR/outbox.txt"
kl_contains "outbox: long address cut with …" "$FX_DIR/outbox.txt" " heel\.lange\.naam\.van\.een\.klage… "
kl_ctl outbox --wide > "$FX_DIR/outbox.txt"
kl_contains "outbox --wide: whole" "$FX_DIR/outbox.txt" " $LONG "

# show: every date.
kl_ctl show "$B" > "$FX_DIR/show.txt"
kl_contains "show: the state, and as the desk calls it" "$FX_DIR/show.txt" "^  Status: +closed \(gesloten\)$"
kl_contains "show: received" "$FX_DIR/show.txt" "^  Received: +2026-11-02T10:00:00\+01:00$"
kl_contains "show: due, extended" "$FX_DIR/show.txt" "^  Due: +2026-12-28 \(extended\)$"
kl_contains "show: the extension" "$FX_DIR/show.txt" "^  Extended: +2026-11-10T09:00:00\+01:00: due 14 december 2026 -> 28 december 2026 \(\+14 days\)$"
kl_contains "show: decided" "$FX_DIR/show.txt" "^  Decided: +2026-11-20T14:30:00\+01:00$"
kl_contains "show: closed" "$FX_DIR/show.txt" "^  Closed: +2026-11-20T14:30:00\+01:00$"
kl_ctl show "$C" > "$FX_DIR/show-c.txt"
kl_absent "show: no decision date before the decision" "$FX_DIR/show-c.txt" "Decided:|Closed:|Extended:"
kl_eq "show --json: the dates" "$(kl_ctl --json show "$B" | kl_json '[j["case"][k][:10] for k in ("received", "due", "decided", "closed")] + [j["case"]["extended"]]')" \
    "['2026-11-02', '2026-12-28', '2026-11-20', '2026-11-20', True]"
kl_eq "show --json: no dates yet" "$(kl_ctl --json show "$C" | kl_json '[j["case"]["decided"], j["case"]["closed"]]')" "[None, None]"
echo "PASS: klachtctl list filters on every state word and open, marks cuts; show gives every date"
