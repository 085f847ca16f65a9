#!/bin/sh
# Who wrote (issue 14).  On a case assigned to bob:
#   - the person complained about (#beklaagde) answers the copy of the
#     complaint: the message is filed as the respondent's, and bob reads
#     "De beklaagde heeft gereageerd" with the respondent's own name and
#     address -- never the complainant's name;
#   - the respondent writes "#sluit gegrond": nothing runs, the case is
#     unchanged, an event says so, and the respondent is told (once: the
#     answer is an automatic reply, and an automatic mail gets none);
#   - the team lead (a ladder contact) gets the escalation on the due
#     date without "Antwoord boven deze regel" (she cannot give
#     commands), answers it, and the answer is filed as a contact's and
#     shown so to bob;
#   - klachtctl show lists each message with its role.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/e2e/officer-lib.sh"
. "$top_srcdir/tests/e2e/terms-lib.sh"
fx_require smtp
tl_setup 'escalation = { digest = "none"; };'
PIET=piet.pieters@testdorp.example

tl_at "2026-11-02 10:00:00"
ol_new_case "$(tl_complaint a jan.deboer@example.net "Klacht over het afval")"
ref=$OL_REF
tl_send "$(ol_find notify "$OL_ANNA" "$ref")" "$OL_ANNA" "Anna de Vries" \
    "#categorie afval
#toewijzen bob
#beklaagde $PIET Piet Pieters"
kl_eq "assigned" "$(ol_case "$ref" assignee)" bob
copy=$(ol_find respondent-copy "$PIET" "$ref")
snap=$(kl_sql "select status, assignee, category, judgement, due_at, decided_at from cases where ref = '$ref'")

# reply_to MAIL FROM NAME ID TEXT [HEADER]: a person's answer to MAIL of
# ours, as $FX_DIR/ID.eml.
reply_to() {
	cat > "$FX_DIR/$4.eml" <<EOF
From: $3 <$2>
To: klachten@testdorp.example
Subject: Re: $(ol_header "$1" Subject)
Message-ID: <$4@example.org>
In-Reply-To: $(ol_header "$1" Message-ID)
Date: Tue, 03 Nov 2026 10:00:00 +0100
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8
${6:+$6
}
$5
EOF
	echo "$FX_DIR/$4.eml"
}

# --- the respondent answers, with a command.
ol_deliver "$(reply_to "$copy" "$PIET" "Piet Pieters" piet-1 "#sluit gegrond
Ik ben het hier niet mee eens: de container is wel geleegd.")"
kl_eq "respondent: filed in role" \
    "$(kl_sql "select kind, role from messages where message_id = 'piet-1@example.org'")" "reply|respondent"
kl_eq "respondent: case unchanged" \
    "$(kl_sql "select status, assignee, category, judgement, due_at, decided_at from cases where ref = '$ref'")" "$snap"
kl_eq "respondent: no outcome letter" "$(ol_count outcome jan.deboer@example.net)" 0
ol_events "$ref" commands-ignored > "$FX_DIR/ign.txt"
kl_contains "respondent: event" "$FX_DIR/ign.txt" \
    "^system\|commands-ignored\|#close from the respondent \($PIET\): nothing run"
kl_eq "respondent: told once" "$(ol_count no-commands "$PIET")" 1
nc=$(ol_find no-commands "$PIET" "$ref")
kl_contains "no-commands: auto-replied" "$nc" "^Auto-Submitted: auto-replied"
kl_absent "no-commands: no reply token" "$nc" "klachten\+"
ol_body "$nc" > "$FX_DIR/nc.txt"
kl_contains "no-commands: nothing ran" "$FX_DIR/nc.txt" "Daarom is er niets uitgevoerd"
kl_contains "no-commands: why" "$FX_DIR/nc.txt" "alleen uit voor de klachtenfunctionarissen"
kl_contains "no-commands: as respondent" "$FX_DIR/nc.txt" "als: beklaagde\."
kl_eq "respondent: the assignee is told" "$(ol_count notify-reply "$OL_BOB")" 1
kl_eq "respondent: nobody else" "$(ol_count notify-reply "$OL_ANNA")" 0
nr=$(ol_find notify-reply "$OL_BOB" "$ref")
ol_body "$nr" > "$FX_DIR/nr.txt"
kl_contains "notice: the respondent wrote" "$FX_DIR/nr.txt" "^De beklaagde heeft gereageerd op klacht $ref\.$"
kl_contains "notice: own name and address" "$FX_DIR/nr.txt" "^Van: +Piet Pieters <$PIET> \(beklaagde\)$"
kl_absent "notice: never the complainant's name" "$FX_DIR/nr.txt" "Klager a"
kl_absent "notice: not 'de klager'" "$FX_DIR/nr.txt" "De klager heeft"
kl_contains "notice: subject" "$nr" "^Subject: Nieuwe reactie \(beklaagde\)"

# An automatic answer with a command gets no reply (no loop).
ol_deliver "$(reply_to "$copy" "$PIET" "Piet Pieters" piet-2 "#sluit gegrond" \
    "Auto-Submitted: auto-replied")"
kl_eq "automatic: still told once" "$(ol_count no-commands "$PIET")" 1
kl_eq "automatic: case unchanged" \
    "$(kl_sql "select status, assignee, category, judgement, due_at, decided_at from cases where ref = '$ref'")" "$snap"

# --- the due date: level 1 goes to the team lead.
tl_step "2026-12-07 10:00:00" 1 "the reminder to bob"
tl_step "2026-12-14 10:00:00" 1 "level 1"
esc=$(ol_find escalation "$TL_TINEKE" "$ref")
ol_body "$esc" > "$FX_DIR/esc.txt"
kl_absent "escalation to a contact: no reply marker" "$FX_DIR/esc.txt" "boven deze regel|above this line"
kl_absent "escalation to a contact: no reply token" "$esc" "klachten\+"
kl_contains "escalation: still the content" "$FX_DIR/esc.txt" "^Beste Tineke Teamleider,"

ol_deliver "$(reply_to "$esc" "$TL_TINEKE" "Tineke Teamleider" tineke-1 "Ik heb Bob gevraagd dit deze week af te ronden.")"
kl_eq "contact: filed in role" \
    "$(kl_sql "select kind, role from messages where message_id = 'tineke-1@example.org'")" "reply|contact"
kl_eq "contact: no commands, no answer" "$(ol_count no-commands "$TL_TINEKE")" 0
kl_eq "contact: the assignee is told" "$(ol_count notify-reply "$OL_BOB")" 2
kl_eq "contact: not every officer" "$(ol_count notify-reply "$OL_ANNA")" 0
ol_body "$(ol_find notify-reply "$OL_BOB" "$ref")" > "$FX_DIR/nt.txt"
kl_contains "notice: a contact wrote" "$FX_DIR/nt.txt" "^Een contactpersoon heeft gereageerd op klacht $ref\.$"
kl_contains "notice: her own name" "$FX_DIR/nt.txt" "^Van: +Tineke Teamleider <$TL_TINEKE> \(contactpersoon\)$"
kl_absent "notice: never the complainant's name" "$FX_DIR/nt.txt" "Klager a"

# The contact writes a command: told nothing ran.
ol_deliver "$(reply_to "$esc" "$TL_TINEKE" "Tineke Teamleider" tineke-2 "#toewijzen anna")"
kl_eq "contact command: told" "$(ol_count no-commands "$TL_TINEKE")" 1
kl_eq "contact command: not assigned" "$(ol_case "$ref" assignee)" bob

# --- the complainant's reply is still the complainant's.
ack=$(ol_find ack jan.deboer@example.net "$ref")
ol_deliver "$(reply_to "$ack" jan.deboer@example.net "Klager a" jan-1 "Is er al nieuws?")"
kl_eq "complainant: filed in role" \
    "$(kl_sql "select kind, role from messages where message_id = 'jan-1@example.org'")" "reply|complainant"
ol_body "$(ol_find notify-reply "$OL_BOB" "$ref")" > "$FX_DIR/nj.txt"
kl_contains "notice: the complainant wrote" "$FX_DIR/nj.txt" "^De klager heeft gereageerd op klacht $ref\.$"

# A further address recorded for the complainant (case_addresses, as a
# correction fills it): mail from it with the subject tag is the
# complainant's, on this case; a stranger's with the same tag is not.
/usr/bin/python3 - "$KL_STATE/klachtd.db" "$ref" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1], timeout=10)
c.execute("INSERT INTO case_addresses (case_id, email, name, added_at) "
          "SELECT id, 'jan.prive@example.org', 'Klager a', 0 FROM cases "
          "WHERE ref = ?", (sys.argv[2],))
c.commit()
PY
tagged() { # FROM ID
	cat > "$FX_DIR/$2.eml" <<EOF
From: Klager a <$1>
To: klachten@testdorp.example
Subject: Nog een foto [$ref]
Message-ID: <$2@example.org>
Date: Wed, 16 Dec 2026 10:00:00 +0100
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

Hierbij nog een foto van de container.
EOF
	echo "$FX_DIR/$2.eml"
}
ol_deliver "$(tagged jan.prive@example.org jan-2)"
kl_eq "further address: the complainant's, on the case" \
    "$(kl_sql "select m.kind, m.role, c.ref from messages m join cases c on c.id = m.case_id where m.message_id = 'jan-2@example.org'")" \
    "reply|complainant|$ref"
ol_deliver "$(tagged someone@example.org stranger-1)"
kl_eq "a stranger with the tag: a new case" \
    "$(kl_sql "select m.kind, c.ref <> '$ref' from messages m join cases c on c.id = m.case_id where m.message_id = 'stranger-1@example.org'")" \
    "complaint|1"

# --- klachtctl show: each message in its role.
kl_ctl show "$ref" > "$FX_DIR/show.txt" || fx_fail "klachtctl show failed"
kl_contains "show: respondent" "$FX_DIR/show.txt" "reply from $PIET \(person complained about;"
kl_contains "show: contact" "$FX_DIR/show.txt" "reply from $TL_TINEKE \(contact person;"
kl_contains "show: complainant" "$FX_DIR/show.txt" "complaint from jan\.deboer@example\.net \(complainant;"
kl_eq "show --json: roles" \
    "$(kl_ctl show --json "$ref" | kl_json "','.join(m['role'] or '-' for m in j['messages'] if m['kind'] != 'officer')")" \
    "complainant,respondent,respondent,contact,contact,complainant,complainant"

echo "PASS: respondent, contact and complainant filed and shown in their roles; only officers run commands"
