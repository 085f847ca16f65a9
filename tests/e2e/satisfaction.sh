#!/bin/sh
# The satisfaction question after closing (issue 15, satisfy.h), through
# the real SMTP sink under libfaketime:
#   - satisfaction.after = "14d": one mail to the complainant 14 days
#     after closing, not a minute before, and not again at a second scan;
#     none for a void case, none for a complainant without email;
#   - the reply "4 Prima geholpen" to it records score 4 and the sentence,
#     reopens nothing, opens no case, is answered by nobody and bothers
#     no officer; a second answer is kept but the first stands;
#   - a reply to it that starts with no digit is an ordinary reply after
#     the decision;
#   - off by default: no question at all;
#   - the retention purge removes the sentence and keeps the digit.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/e2e/officer-lib.sh"
. "$top_srcdir/tests/e2e/terms-lib.sh"
fx_require smtp
ON='escalation = { digest = "none"; unassigned_after = 0; };
satisfaction = { after = "14d"; };'
tl_setup "$ON"

# new_case N: received now, filed by anna; sets REF, NOT.
new_case() {
	ol_new_case "$(tl_complaint "$1" "$1@example.net" "Klacht $1")"
	REF=$OL_REF
	NOT=$(ol_find notify "$OL_ANNA" "$REF")
	# parkeren: a category without a ladder, so that no reminder
	# or escalation mail mixes in.
	tl_send "$NOT" "$OL_ANNA" "Anna de Vries" "#categorie parkeren"
}
anna() { tl_send "$NOT" "$OL_ANNA" "Anna de Vries" "$1"; }
asked() { # REF: satisfaction mails queued for the case
	kl_sql "select count(*) from outbox o join cases c on c.id = o.case_id where c.ref = '$1' and o.kind = 'satisfaction'"
}
sat() { # REF: the recorded answer
	kl_sql "select coalesce(s.score, ''), coalesce(s.comment, ''), s.answers from satisfaction s join cases c on c.id = s.case_id where c.ref = '$1'"
}
# answer FILE TEXT MSGID: the complainant a@ replies to the question.
answer() {
	cat > "$1" <<EOM
From: Klager a <a@example.net>
To: klachten@testdorp.example
Subject: Re: $(ol_header "$Q" Subject)
Message-ID: <$3@example.net>
In-Reply-To: $(ol_header "$Q" Message-ID)
Date: Fri, 04 Dec 2026 12:00:00 +0100
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

$2

Op 4 december 2026 schreef Gemeente Testdorp:
> Antwoord op deze e-mail met een cijfer van 1 tot en met 5:
EOM
	ol_deliver "$1"
}

# --------------------------------------------- three cases, closed
tl_at "2026-11-02 10:00:00"
new_case a
A=$REF
NOT_A=$NOT
new_case v
V=$REF
anna "#vervallen dubbel ingediend"
new_case n
N=$REF
tl_at "2026-11-20 10:00:00"
NOT=$NOT_A
anna "#sluit gegrond
De container is drie weken niet geleegd."
kl_eq "a closed" "$(ol_case "$A" status)" closed
kl_eq "v void" "$(ol_case "$V" status)" void
NOT=$(ol_find notify "$OL_ANNA" "$N")
anna "#sluit ongegrond
De container is geleegd."
# A complainant without email (a phone complaint, or one whose address
# was removed): played by blanking the address.
/usr/bin/python3 - "$KL_STATE/klachtd.db" "$N" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1], timeout=10)
c.execute("update cases set complainant_email = '' where ref = ?", (sys.argv[2],))
c.commit()
PY

# ------------------------------------------ not before, once, not twice
tl_step "2026-12-04 09:59:00" 0 "13 days 23:59 after closing: nothing"
kl_eq "not asked yet" "$(asked "$A")" 0
tl_step "2026-12-04 10:01:00" 1 "14 days after closing: one question"
kl_eq "a asked once" "$(asked "$A")" 1
Q=$(ol_find satisfaction a@example.net "$A")
kl_contains "question: subject" "$Q" "^Subject: Hoe tevreden bent u\? \[$A\]"
kl_contains "question: auto-generated" "$Q" "^Auto-Submitted: auto-generated"
ol_body "$Q" > "$FX_DIR/q.txt"
kl_contains "question: the digit" "$FX_DIR/q.txt" "^Antwoord op deze e-mail met een cijfer van 1 tot en met 5:$"
kl_contains "question: the reference" "$FX_DIR/q.txt" "^$A een tijd geleden afgehandeld\.$"
kl_eq "void case: not asked" "$(asked "$V")" 0
kl_eq "no email: not asked" "$(asked "$N")" 0
kl_eq "no email: nothing claimed" "$(kl_sql "select count(*) from satisfaction")" 1
kl_eq "event" "$(ol_events "$A" satisfaction-asked | cut -d'|' -f2)" satisfaction-asked
tl_step "2026-12-04 10:02:00" 0 "a second scan"
tl_step "2026-12-30 10:00:00" 0 "weeks later"
kl_eq "still asked once" "$(asked "$A")" 1

# ------------------------------------------------------ the answer
closed=$(kl_sql "select status, judgement, decided_at, closed_at from cases where ref = '$A'")
cases=$(kl_sql "select count(*) from cases")
notes=$(ol_count notify-reply "$OL_ANNA")
before=$(tl_sent)
tl_at "2026-12-30 12:00:00"
answer "$FX_DIR/ans1.eml" "4 Prima geholpen" ans-1
kl_eq "score and sentence recorded" "$(sat "$A")" "4|Prima geholpen|1"
kl_eq "filed as a satisfaction answer" "$(kl_sql "select m.kind, m.role from messages m where m.message_id = 'ans-1@example.net'")" "satisfaction|complainant"
kl_eq "on case a" "$(kl_sql "select c.ref from messages m join cases c on c.id = m.case_id where m.message_id = 'ans-1@example.net'")" "$A"
kl_eq "event" "$(ol_events "$A" satisfaction | cut -d'|' -f2-)" "satisfaction|the complainant answered the satisfaction question: 4 of 5, with a sentence"
kl_eq "nothing reopened" "$(kl_sql "select status, judgement, decided_at, closed_at from cases where ref = '$A'")" "$closed"
kl_eq "no new case" "$(kl_sql "select count(*) from cases")" "$cases"
kl_eq "no after-decision event" "$(ol_events "$A" after-decision)" ""
ol_run
kl_eq "no mail at all (no answer, no notification)" "$(tl_sent)" "$before"
kl_eq "the assignee not notified" "$(ol_count notify-reply "$OL_ANNA")" "$notes"

answer "$FX_DIR/ans2.eml" "1 Toch niet goed" ans-2
kl_eq "second answer: the first stands" "$(sat "$A")" "4|Prima geholpen|2"
kl_eq "second answer: kept" "$(kl_sql "select m.kind from messages m where m.message_id = 'ans-2@example.net'")" satisfaction
kl_eq "second answer: event" "$(ol_events "$A" satisfaction-again | cut -d'|' -f2-)" "satisfaction-again|a further answer to the satisfaction question (1 of 5) is kept on the case; the first answer stands"
ol_run
kl_eq "second answer: no mail" "$(tl_sent)" "$before"
kl_eq "second answer: still closed" "$(kl_sql "select status, judgement, decided_at, closed_at from cases where ref = '$A'")" "$closed"

# The report: case a (gegrond, parkeren) asked and answered 4; case n
# (ongegrond) was never asked.
kl_ctl report --year 2026 --format json > "$FX_DIR/rep.json" ||
	fx_fail "klachtctl report failed"
kl_eq "report: total" "$(kl_json "j['totals']['satisfaction']['asked'], j['totals']['satisfaction']['answered'], j['totals']['satisfaction']['response_pct'], j['totals']['satisfaction']['score_avg']" < "$FX_DIR/rep.json")" "1 1 100.0 4.0"
kl_eq "report: per judgement" "$(kl_json "j['totals']['satisfaction']['by_judgement']['gegrond']['score_avg'], j['totals']['satisfaction']['by_judgement']['ongegrond']['asked']" < "$FX_DIR/rep.json")" "4.0 0"
kl_ctl report --year 2026 --format csv > "$FX_DIR/rep.csv" ||
	fx_fail "klachtctl report --format csv failed"
kl_contains "report: CSV per category" "$FX_DIR/rep.csv" "^satisfaction_score_avg,parkeren,,,4\.0"

# A reply to the question without a digit: an ordinary reply after the
# decision (the assignee hears of it; nothing recorded as a score).
answer "$FX_DIR/ans3.eml" "Waarom vraagt u dit?" ans-3
kl_eq "no digit: after-decision" "$(kl_sql "select m.kind from messages m where m.message_id = 'ans-3@example.net'")" after-decision
kl_eq "no digit: score unchanged" "$(sat "$A")" "4|Prima geholpen|2"

# --------------------------------------------------- off by default
tl_config 'escalation = { digest = "none"; unassigned_after = 0; };'
tl_at "2027-01-04 10:00:00"
new_case d
D=$REF
anna "#sluit gegrond
De container is niet geleegd."
kl_eq "d closed" "$(ol_case "$D" status)" closed
tl_step "2027-01-25 10:00:00" 0 "off: three weeks after closing"
kl_eq "off: not asked" "$(asked "$D")" 0
kl_eq "off: nothing claimed" "$(kl_sql "select count(*) from satisfaction")" 1
# ---------------------------- retention: the sentence goes, the digit stays
tl_at "2032-01-10 10:00:00"
ol_run
kl_eq "purged" "$(kl_sql "select purged_at is not null from cases where ref = '$A'")" 1
kl_eq "purge: the sentence gone, the score kept" "$(sat "$A")" "4||2"
echo "PASS: satisfaction: the question goes once, 14 days after closing; its answer is recorded and answered by nobody; off by default"
