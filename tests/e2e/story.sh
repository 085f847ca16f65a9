#!/bin/sh
# The whole story of one complaint, as mail, end to end: a private
# Dovecot the daemon reads over IMAP, the SMTP sink it sends to, the real
# daemon in its loop (started again at each later date under
# libfaketime), and people who only write mail:
#
#   2 Nov 2026   Fatima writes (encoded subject, a PDF attached): she
#                gets an acknowledgement, both officers a notification
#                with their own reply address (token); Anna answers it:
#                #category, #assign bob, #reply -> a confirmation
#                to Anna, "assigned" to Bob, an update to Fatima.
#   7 Dec        a reminder to Bob (a week before the due date, 14 Dec).
#  14 Dec        level 1: the team lead.
#  21 Dec        level 2: the director.  Bob answers his reminder (he
#                writes Dutch): #verleng 4w -> confirmation, extension
#                notice to Fatima (new due date 11 January 2027).
#   5 Jan 2027   a reminder for the new due date (the ladder re-armed);
#                Bob answers: #sluit gegrond with findings and
#                conclusions -> confirmation, outcome letter to Fatima.
#   7 Jan        Fatima replies to the outcome letter: the case is
#                reopened (event, status), Bob is told.
#
# At every step exactly the expected mails arrive (kind and recipient),
# nothing stays queued, and each mail is checked at the sink: [REF] in
# the subject, To = the envelope recipient, From, Date (the faked day),
# Message-ID with the reference, In-Reply-To/References threading on the
# complainant's own mail or on the officer's reply, Reply-To tokens for
# officers only, Auto-Submitted on the acknowledgement and not on a
# letter an officer wrote.  At the end: the audit trail, event by event.
#
# In the plain build the daemon runs under valgrind the whole time (no
# invalid access, no definite leak, checked at each SIGTERM); set
# STORY_VALGRIND=0 to skip that, 1 to insist.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/e2e/officer-lib.sh"
. "$top_srcdir/tests/e2e/terms-lib.sh"
. "$top_srcdir/tests/e2e/story-lib.sh"
fx_require smtp imap curl
tl_require
case ${STORY_VALGRIND:-auto} in
auto) sl_valgrind_usable && SL_VALGRIND=1 ;;
1) sl_valgrind_usable || fx_skip "STORY_VALGRIND=1: valgrind missing or ASan build"; SL_VALGRIND=1 ;;
esac
if [ "$SL_VALGRIND" = 1 ]; then
	fx_log "the daemon runs under valgrind"
else
	fx_log "the daemon runs without valgrind"
fi

kl_setup
fx_smtp_start
fx_dovecot_start
FATIMA=fatima.elamrani@example.net
TINEKE=tineke@gemeente.example
DIRK=dirk@gemeente.example
kl_config "$(kl_smtp_conf)
$(sl_imap_config)
categories = (
  { id = \"stoep\"; name = \"Stoepen en straten\";
    escalation = (
      { at = \"-1w\"; to = \"assignee\"; },
      { at = \"0d\"; contacts = ( { name = \"Tineke Teamleider\"; email = \"$TINEKE\"; } ); },
      { at = \"+1w\"; contacts = ( { name = \"Dirk Directeur\"; email = \"$DIRK\"; } ); }
    ); },
  { id = \"afval\"; name = \"Afval\"; }
);
officers = (
  { id = \"anna\"; name = \"Anna de Vries\"; email = \"$OL_ANNA\"; },
  { id = \"bob\"; name = \"Bob Jansen\"; email = \"$OL_BOB\"; categories = [ \"stoep\" ]; }
);
escalation = { digest = \"none\"; unassigned_after = 0; };"
"$KLACHTD" -c "$KL_CONF" -n >/dev/null || fx_fail "the story's configuration is not valid"
t_begin=$(date +%s)

# ------------------------------------------------------------ helpers
COMPLAINT_ID="<story-complaint-1@example.net>"
REF=KL-2026-00001
ref_lc=$(echo "$REF" | tr A-Z a-z)
N=1	# index of the first mail of the current step at the sink

# mail KIND RCPT: the newest mail of KIND to RCPT (ol_find).
mail() { ol_find "$1" "$2" "$REF"; }

# check FILE DAY: the headers every mail of ours must have; DAY is the
# faked date ("2 Nov 2026") its Date: header must carry.
check() {
	kl_contains "$(basename "$1"): subject tag" "$1" "^Subject: .*\[$REF\]"
	kl_contains "$(basename "$1"): From" "$1" "^From: Gemeente Testdorp <klachten@testdorp\.example>"
	kl_contains "$(basename "$1"): Message-ID" "$1" "^Message-Id: <$REF\.[a-z-]+\.[0-9a-f]+@testdorp\.example>"
	kl_contains "$(basename "$1"): Date (faked)" "$1" "^Date: [A-Z][a-z]{2}, 0?$2 "
	kl_contains "$(basename "$1"): UTF-8" "$1" "^Content-Type: text/plain; charset=utf-8"
	ch__rcpt=$(fx_smtp_envelope "$1" | sed -n 's/^X-Sink-Rcpt-To: <\(.*\)>$/\1/p')
	ch__to=$(ol_header "$1" To | sed 's/.*<\(.*\)>.*/\1/')
	kl_eq "$(basename "$1"): To = envelope recipient" "$ch__to" "$ch__rcpt"
	kl_contains "$(basename "$1"): X-Klachtd-Case" "$1" "^X-Klachtd-Case: $REF"
}
# to_complainant FILE DAY: threaded on her complaint, no token for her.
to_complainant() {
	check "$1" "$2"
	kl_eq "$(basename "$1"): To" "$(ol_header "$1" To)" "Fatima El Amrani <$FATIMA>"
	kl_eq "$(basename "$1"): In-Reply-To" "$(ol_header "$1" In-Reply-To)" "$COMPLAINT_ID"
	kl_contains "$(basename "$1"): References" "$1" "^References: .*$COMPLAINT_ID"
	kl_absent "$(basename "$1"): no reply token to a complainant" "$1" "klachten\+"
}
# to_officer FILE DAY ID: carries the officer's own reply token.
to_officer() {
	check "$1" "$2"
	kl_contains "$(basename "$1"): $3's reply token" "$1" \
	    "^Reply-To: klachten\+$ref_lc\.$3\.[0-9a-f]{20}@testdorp\.example"
	kl_absent "$(basename "$1"): never to the complainant" "$1" "X-Sink-Rcpt-To: <$FATIMA>"
}
# answers FILE REPLY-ID: a confirmation threads on the officer's reply.
answers() {
	kl_eq "$(basename "$1"): In-Reply-To the officer's mail" "$(ol_header "$1" In-Reply-To)" "<$2>"
}
# officer_writes NOTIFICATION FROM NAME TEXT: the officer answers the
# notification in a mail client; the MTA puts it into the INBOX.
officer_writes() {
	printf '%s\n' "$4" > "$FX_DIR/body.txt"
	ol_reply "$OL_DATA/plain.eml" "$1" "$2" "$3" "BODY=@file:$FX_DIR/body.txt"
	sl_put "$OL_REPLY"
}
# step WHAT: the mails of this step are checked; the next step starts here.
step_done() {
	sl_queue_empty "$1"
	N=$(( $(fx_smtp_count) + 1 ))
}
# body FILE: the decoded text, into $FX_DIR/body.out.
body() { ol_body "$1" > "$FX_DIR/body.out"; }

# ----------------------------------------------- 2 November: the complaint
sl_start "2026-11-02 09:00:00"
sl_put "$KL_DATA/story/complaint.eml"
sl_expect "the complaint" "$N" "ack $FATIMA" "notify $OL_ANNA" "notify $OL_BOB"
kl_eq "one case" "$(kl_sql "select ref, status, source from cases c join messages m on m.case_id = c.id")" "$REF|acknowledged|imap"
kl_eq "due date: six weeks" "$(kl_sql "select strftime('%Y-%m-%d %H:%M', due_at, 'unixepoch', 'localtime') from cases")" "2026-12-14 09:00"
ack=$(mail ack "$FATIMA")
to_complainant "$ack" "2 Nov 2026"
kl_contains "ack: automatic" "$ack" "^Auto-Submitted: auto-replied"
kl_eq "ack: decoded subject" "$(ol_header "$ack" Subject)" \
    "Wij hebben uw klacht ontvangen [$REF]"
body "$ack"
kl_contains "ack: received" "$FX_DIR/body.out" "Wij kregen uw klacht op 2 november 2026\."
kl_contains "ack: her subject, decoded" "$FX_DIR/body.out" "Klacht over de stoep in de Schönberglaan – al drie maanden onbegaanbaar"
kl_contains "ack: due date" "$FX_DIR/body.out" "uiterlijk op 14 december 2026"
kl_contains "ack: the reference" "$FX_DIR/body.out" "Het nummer van uw klacht is $REF\."
for o in anna bob; do
	eval "addr=\$OL_$(echo $o | tr a-z A-Z)"
	n=$(mail notify "$addr")
	to_officer "$n" "2 Nov 2026" "$o"
	body "$n"
	kl_contains "notify $o: the complaint text" "$FX_DIR/body.out" "Met mijn rollator kan ik er niet langs"
	kl_contains "notify $o: the attachment" "$FX_DIR/body.out" "brief aannemer\.pdf \(application/pdf"
	kl_contains "notify $o: the due date" "$FX_DIR/body.out" "14 december 2026"
done
NOTIFY_ANNA=$(mail notify "$OL_ANNA")
step_done "the complaint"

# Anna files it, hands it to Bob and writes to Fatima.
officer_writes "$NOTIFY_ANNA" "$OL_ANNA" "Anna de Vries" "#category stoep
#assign bob
#reply Wij hebben de aannemer gevraagd de stoep binnen twee weken
begaanbaar te maken. Bob Jansen van de buitendienst handelt uw klacht
verder af."
sl_expect "Anna's commands" "$N" "confirm $OL_ANNA" "assigned $OL_BOB" "update $FATIMA"
ANNA_REPLY=$OL_REPLY_ID
kl_eq "filed and assigned" "$(kl_sql "select category, assignee, status from cases")" "stoep|bob|in_progress"
conf=$(mail confirm "$OL_ANNA")
to_officer "$conf" "2 Nov 2026" anna
answers "$conf" "$ANNA_REPLY"
body "$conf"
kl_contains "confirm: assigned" "$FX_DIR/body.out" "toegewezen aan Bob Jansen \(bob\)"
asg=$(mail assigned "$OL_BOB")
to_officer "$asg" "2 Nov 2026" bob
upd=$(mail update "$FATIMA")
to_complainant "$upd" "2 Nov 2026"
kl_absent "update: written by a person" "$upd" "^Auto-Submitted:"
body "$upd"
kl_contains "update: Anna's text" "$FX_DIR/body.out" "de aannemer gevraagd de stoep binnen twee weken"
kl_absent "update: nothing of the quote" "$FX_DIR/body.out" "Quoted, never run|#close"
kl_eq "events by anna" "$(ol_events "$REF" | grep '^anna|' | cut -d'|' -f2 | tr '\n' ' ')" "category assign status reply "
step_done "Anna's commands"
sl_stop

# ----------------------------------------------- 7 December: the reminder
sl_start "2026-12-07 10:00:00"
sl_expect "a week before the due date" "$N" "reminder $OL_BOB"
REMINDER=$(mail reminder "$OL_BOB")
to_officer "$REMINDER" "7 Dec 2026" bob
kl_eq "reminder: subject" "$(ol_header "$REMINDER" Subject)" "Herinnering: klacht [$REF] moet uiterlijk op 14 december 2026 zijn afgehandeld"
kl_absent "reminder: no threading on the complainant's mail" "$REMINDER" "^In-Reply-To: $COMPLAINT_ID"
step_done "reminder"
sl_stop

# ------------------------------------------------ 14 December: level 1
sl_start "2026-12-14 10:00:00"
sl_expect "the due date" "$N" "escalation $TINEKE"
esc=$(mail escalation "$TINEKE")
check "$esc" "14 Dec 2026"
kl_contains "level 1: subject" "$esc" "^Subject: niveau 1: klacht \[$REF\] is over de termijn"
kl_absent "level 1: a contact gets no reply token" "$esc" "^Reply-To:"
body "$esc"
kl_contains "level 1: addressed" "$FX_DIR/body.out" "^Beste Tineke Teamleider,"
kl_contains "level 1: the assignee" "$FX_DIR/body.out" "Bob Jansen \(bob\)"
step_done "level 1"
sl_stop

# --------------------------------- 21 December: level 2, then #verleng
sl_start "2026-12-21 10:00:00"
sl_expect "a week late" "$N" "escalation $DIRK"
esc=$(mail escalation "$DIRK")
check "$esc" "21 Dec 2026"
kl_contains "level 2: subject" "$esc" "^Subject: niveau 2: klacht \[$REF\]"
step_done "level 2"
officer_writes "$REMINDER" "$OL_BOB" "Bob Jansen" "#verleng 4w de aannemer moet eerst de leidingen onder de stoep vervangen"
sl_expect "Bob's #verleng" "$N" "confirm $OL_BOB" "extension $FATIMA"
kl_eq "extended" "$(kl_sql "select date(due_at, 'unixepoch', 'localtime'), extended from cases")" "2027-01-11|1"
answers "$(mail confirm "$OL_BOB")" "$OL_REPLY_ID"
to_officer "$(mail confirm "$OL_BOB")" "21 Dec 2026" bob
ext=$(mail extension "$FATIMA")
to_complainant "$ext" "21 Dec 2026"
body "$ext"
kl_contains "extension: reason" "$FX_DIR/body.out" "leidingen onder de stoep"
kl_contains "extension: new date" "$FX_DIR/body.out" "11 januari 2027"
step_done "extension"
sl_stop

# --------------- 5 January 2027: the re-armed reminder, then #sluit
sl_start "2027-01-05 10:00:00"
sl_expect "a week before the new due date" "$N" "reminder $OL_BOB"
REMINDER=$(mail reminder "$OL_BOB")
to_officer "$REMINDER" "5 Jan 2027" bob
step_done "second reminder"
officer_writes "$REMINDER" "$OL_BOB" "Bob Jansen" "#sluit gegrond
De stoep lag van augustus tot december open; de aannemer had geen
omleiding voor voetgangers aangelegd.
Conclusies: de stoep is op 4 januari hersteld; bij werk aan stoepen eisen
wij voortaan een veilige doorgang."
sl_expect "Bob's #sluit" "$N" "confirm $OL_BOB" "outcome $FATIMA"
kl_eq "closed" "$(kl_sql "select status, judgement from cases")" "closed|gegrond"
answers "$(mail confirm "$OL_BOB")" "$OL_REPLY_ID"
OUTCOME=$(mail outcome "$FATIMA")
to_complainant "$OUTCOME" "5 Jan 2027"
body "$OUTCOME"
kl_contains "outcome: findings" "$FX_DIR/body.out" "de aannemer had geen"
kl_contains "outcome: judgement" "$FX_DIR/body.out" "^Wij vinden uw klacht gegrond\.$"
kl_contains "outcome: conclusions" "$FX_DIR/body.out" "^Wat wij hiervan leren$"
kl_contains "outcome: ombudsman" "$FX_DIR/body.out" "Nationale ombudsman"
step_done "outcome"
sl_stop

# ---------------- 7 January: Fatima answers the outcome letter: kept as a
# reply after the decision (issue 14: only #heropen reopens), told to bob
sl_start "2027-01-07 10:00:00"
cat > "$FX_DIR/fatima-reply.eml" <<EOF
From: Fatima El Amrani <$FATIMA>
To: Gemeente Testdorp <klachten@testdorp.example>
Subject: Re: $(ol_header "$OUTCOME" Subject)
Message-ID: <story-fatima-2@example.net>
In-Reply-To: $(ol_header "$OUTCOME" Message-ID)
References: $COMPLAINT_ID $(ol_header "$OUTCOME" Message-ID)
Date: Thu, 07 Jan 2027 09:30:00 +0100
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: 8bit

Dank u, maar de stoep is bij nummer 18 nog steeds niet begaanbaar.

Fatima El Amrani
EOF
sl_put "$FX_DIR/fatima-reply.eml"
sl_expect "Fatima's reply" "$N" "notify-after $OL_BOB"
kl_eq "not reopened" "$(kl_sql "select status, closed_at is null, judgement from cases")" "closed|0|gegrond"
kl_eq "after-decision event" "$(ol_events "$REF" after-decision | cut -d'|' -f1,2)" "system|after-decision"
kl_eq "still one case" "$(kl_sql "select count(*) from cases")" 1
nr=$(mail notify-after "$OL_BOB")
to_officer "$nr" "7 Jan 2027" bob
body "$nr"
kl_contains "Bob gets her words" "$FX_DIR/body.out" "bij nummer 18 nog steeds niet begaanbaar"
kl_contains "Bob is told it stays decided" "$FX_DIR/body.out" "heropent de klacht niet"
step_done "after the decision"
sl_stop

# --------------------------------------------------------- the whole story
kl_eq "every message taken in once" "$(kl_sql "select count(*), count(distinct message_id) from messages")" "5|5"
kl_eq "the INBOX fully read" "$(fx_imap_uids UNSEEN)" ""
kl_eq "no mail delivered twice" "$(fx_smtp_dupes)" ""
kl_eq "fifteen mails in all" "$(fx_smtp_count)" 15
kl_eq "the audit trail" "$(ol_events "$REF" | cut -d'|' -f1,2 | tr '\n' ' ')" \
    "system|received system|status system|notified system|officer anna|category anna|assign anna|status anna|reply system|escalation system|escalation system|escalation system|officer bob|extend system|escalation system|officer bob|close bob|status system|after-decision system|notified "
kl_absent "no errors logged" "$SL_LOG" " (error|crit|alert|emerg): "
fx_log "story: $(( $(date +%s) - t_begin )) s$( [ "$SL_VALGRIND" = 1 ] && echo ' under valgrind')"
echo "PASS: the whole story as mail, every mail checked at the sink"
