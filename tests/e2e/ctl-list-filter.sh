#!/bin/sh
# klachtctl list --assignee, --category and --search (issue 13): each
# filter alone and combined (with each other and --status), the search the
# same as #zoek (FTS5, words quoted: syntax is text, newest first),
# punctuation only is a usage error (64), an id not configured is warned
# about and still used, and JSON output.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/e2e/officer-lib.sh"
. "$top_srcdir/tests/e2e/terms-lib.sh"
fx_require smtp
ol_setup 'escalation = { digest = "none"; unassigned_after = 0; };'

# new N NAME SUBJECT BODY: a complaint from NAME; sets REF.
new() {
	cat > "$FX_DIR/c-$1.eml" <<EOM
From: $2 <klager$1@example.net>
To: klachten@testdorp.example
Subject: $3
Message-ID: <c-$1.$$@example.net>
Date: Mon, 02 Nov 2026 10:00:00 +0100
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

$4
EOM
	ol_new_case "$FX_DIR/c-$1.eml"
	REF=$OL_REF
}
# officer REF TEXT: anna answers the notification of REF with TEXT.
officer() {
	tl_send "$(ol_find notify "$OL_ANNA" "$1")" "$OL_ANNA" "Anna de Vries" "$2"
}
new 1 "Jan de Boer" "Container" "De container is niet geleegd."; A=$REF
officer "$A" "#categorie afval
#toewijzen bob"
new 2 "Piet Boer" "Lantaarnpaal" "De lantaarnpaal is kapot."; B=$REF
officer "$B" "#categorie parkeren
#toewijzen anna"
new 3 "Marie Jansen" "Stoep" "De stoep bij Boer is los."; C=$REF
officer "$C" "#categorie afval
#toewijzen anna"
new 4 "Kees Geheim" "Melding" "Een medewerker, Boer, deed iets."; D=$REF
officer "$D" "#categorie gedrag
#toewijzen carla"
new 5 "Els Smit" "Afval" "Nog een klacht over de container."; E=$REF
officer "$E" "#categorie afval
#toewijzen anna"
# E is closed (set directly: the outcome letter is not what is tested).
/usr/bin/python3 - "$KL_STATE/klachtd.db" "$E" <<'PY' || fx_fail "close E"
import sqlite3, sys
c = sqlite3.connect(sys.argv[1], timeout=10)
c.execute("update cases set status = 'closed' where ref = ?", (sys.argv[2],))
c.commit()
PY
kl_eq "set up" "$(kl_sql "select assignee || ':' || category from cases order by id" | tr '\n' ' ')" \
    "bob:afval anna:parkeren anna:afval carla:gedrag anna:afval "

refs() { kl_ctl --json list "$@" | kl_json '" ".join(c["reference"] for c in j)'; }
kl_eq "--assignee anna" "$(refs --assignee anna)" "$E $C $B"
kl_eq "--assignee bob" "$(refs --assignee bob)" "$A"
kl_eq "--category afval" "$(refs --category afval)" "$E $C $A"
kl_eq "--assignee anna --category afval" "$(refs --assignee anna --category afval)" "$E $C"
kl_eq "... --status open" "$(refs --assignee anna --category afval --status open)" "$C"
kl_eq "--search Boer: name or text, newest first" "$(refs --search Boer)" "$D $C $B $A"
kl_eq "--search 'de Boer'" "$(refs --search 'Jan de Boer')" "$A"
kl_eq "--search by address" "$(refs --search klager2@example.net)" "$B"
kl_eq "--search by reference" "$(refs --search "$C")" "$C"
kl_eq "--search container" "$(refs --search container)" "$E $A"
kl_eq "--search + --assignee" "$(refs --search Boer --assignee anna)" "$C $B"
kl_eq "--search + --category + --status" "$(refs --search container --category afval --status open)" "$A"
kl_eq "confidential shown to klachtctl" "$(refs --search medewerker)" "$D"
kl_eq "OR is a word" "$(refs --search 'Piet OR Marie')" ""
kl_eq "quotes are text" "$(refs --search 'Piet" OR "Marie')" ""
kl_eq "* is no prefix" "$(refs --search 'lantaarn*')" ""
kl_eq "- is no NOT" "$(refs --search 'Boer -Jan')" "$A"
kl_ctl list --search 'Piet OR Marie' > "$FX_DIR/none.txt"
kl_eq "nothing found: said" "$(cat "$FX_DIR/none.txt")" "no cases match"
kl_ctl list --search lantaarnpaal > "$FX_DIR/table.txt"
kl_contains "table row" "$FX_DIR/table.txt" "^$B +in_progress +[0-9-]+ +email +klager2@example\.net +Lantaarnpaal$"

rc=0
kl_ctl list --search '* " -' > "$FX_DIR/out" 2> "$FX_DIR/err" || rc=$?
kl_eq "punctuation only: exit 64" "$rc" 64
kl_contains "punctuation only: said" "$FX_DIR/err" "give at least one word with a letter or digit"
kl_ctl --json list --assignee zed > "$FX_DIR/out" 2> "$FX_DIR/err"
kl_eq "unknown officer: empty" "$(cat "$FX_DIR/out")" "[]"
kl_contains "unknown officer: warned" "$FX_DIR/err" 'no officer "zed" in the configuration \(officers: anna bob carla\)'
kl_ctl --help > "$FX_DIR/help.txt"
kl_contains "--help: --search" "$FX_DIR/help.txt" "--search WORDS"
kl_contains "--help: --assignee" "$FX_DIR/help.txt" "--assignee ID"

# A database whose index lacks cases (from before the index, or rows
# lost): every open fills in what is missing.
/usr/bin/python3 -c '
import sqlite3, sys
c = sqlite3.connect(sys.argv[1], timeout=10)
c.execute("delete from case_search")
c.commit()' "$KL_STATE/klachtd.db" || fx_fail "emptying the index"
kl_eq "no indexed cases now" "$(kl_sql "select count(*) from case_search")" 0
ol_run
kl_eq "the index is back" "$(kl_sql "select count(*) from case_search")" "$(kl_sql "select count(*) from cases")"
kl_eq "back-filled: by name and text" "$(refs --search Boer)" "$D $C $B $A"
kl_eq "back-filled: officers' mail not in it" "$(refs --search toewijzen)" ""
echo "PASS: klachtctl list --assignee, --category, --search"
