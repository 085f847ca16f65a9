#!/bin/sh
# The README's demo works and shows the whole loop: the samples become
# cases with acknowledgements, the officer is notified, her scripted
# reply (#toewijzen, #antwoord, #verslag, #sluit) is authenticated by its token and
# run, and the letters that result are in the outgoing Maildir.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
fx_tmpdir
out="$FX_DIR/demo.out"
(cd "$top_builddir" && sh "$top_srcdir/tests/demo.sh" "$FX_DIR/demo") > "$out" 2>&1 || { cat "$out" >&2; fx_fail "demo failed"; }
KL_STATE=$FX_DIR/demo/state
OUT=$KL_STATE/outgoing/new
kl_contains "cases listed" "$out" "KL-[0-9]{4}-00004 +acknowledged"
kl_contains "ack shown" "$out" "^    Subject: Wij hebben uw klacht ontvangen .*\[KL-[0-9]{4}-00001\]"
kl_contains "body shown" "$out" "uiterlijk op [0-9]+ "
kl_contains "notification shown, with its token" "$out" "^    Reply-To: .*klachten\+kl-[0-9]{4}-00001\.anna\."
kl_contains "paths shown" "$out" "^    file: $FX_DIR/demo/state/outgoing/new/"

# The loop happened: the officer's commands ran on the first case.
kl_eq "case 1 closed with its judgement, assigned to anna" \
    "$(kl_sql "select status, judgement, assignee from cases where seq = 1")" "closed|gegrond|anna"
kl_eq "the officer's commands, authenticated and run" \
    "$(kl_sql "select group_concat(kind, ' ') from (select e.kind from events e join cases c on c.id = e.case_id where c.seq = 1 and e.actor = 'anna' order by e.id)")" \
    "assign status reply hearing-report close status"
kl_eq "the others untouched" "$(kl_sql "select count(*) from cases where status = 'acknowledged'")" 3
# The letters, in the outgoing Maildir.
kind() { grep -l "^Message-I[Dd]: <KL-[0-9]*-00001\.$1\." "$OUT"/* 2>/dev/null | wc -l | tr -d ' '; }
kl_eq "acknowledgements and notifications written" \
    "$(grep -l '^Message-I[Dd]: <KL-[0-9]*-0000[1-4]\.ack\.' "$OUT"/* | wc -l | tr -d ' ')|$(grep -l '^Message-I[Dd]: <KL-[0-9]*-0000[1-4]\.notify\.' "$OUT"/* | wc -l | tr -d ' ')" "4|4"
kl_eq "confirmation to anna" "$(kind confirm)" 1
kl_eq "update to the complainant" "$(kind update)" 1
kl_eq "outcome letter to the complainant" "$(kind outcome)" 1
# The update went with the outcome letter (the same reply): it promises
# no later letter by a date.
upd=$(grep -l '^Message-I[Dd]: <KL-[0-9]*-00001\.update\.' "$OUT"/*)
kl_decoded "$upd" > "$FX_DIR/update.txt"
kl_absent "update: no date promised beside the outcome" "$FX_DIR/update.txt" "uiterlijk op"
letter=$(grep -l '^Message-I[Dd]: <KL-[0-9]*-00001\.outcome\.' "$OUT"/*)
kl_contains "outcome letter: to the complainant" "$letter" "^To: .*jan\.deboer@example\.net"
kl_contains "outcome letter shown with its path" "$out" "file: $letter"
kl_contains "outcome letter: the judgement" "$out" "Wij vinden uw klacht gegrond\."
kl_contains "outcome letter: the findings" "$out" "drie weken niet geleegd"
kl_absent "the signature is not in the letter" "$out" "\| Anna de Vries, klachtenfunctionaris"
echo PASS
