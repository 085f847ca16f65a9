#!/bin/sh
# Maildir intake: every message becomes one case, is moved to cur/ only
# after its commit, and a message offered again is a duplicate.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
kl_setup
in="$KL_STATE/inbox"
mkdir -p "$in/new" "$in/cur" "$in/tmp"
for f in "$KL_DATA"/samples/*.eml; do cp "$f" "$in/new/$(basename "$f" .eml).host"; done
kl_once
kl_eq "--once" "$KL_RC" 0
kl_eq "cases" "$(kl_sql 'select count(*) from cases')" 4
kl_eq "new/ empty" "$(ls "$in/new" | wc -l)" 0
kl_eq "cur/ flagged seen" "$(ls "$in/cur" | grep -c ':2,S$')" 4
out="$KL_STATE/outgoing/new"
kl_eq "acks written to the outgoing Maildir" "$(ls "$out" | wc -l)" 4
for m in "$out"/*; do
	kl_contains "ack subject" "$m" "^Subject: .*\[KL-[0-9]{4}-0000[1-4]\]"
	kl_contains "ack envelope" "$m" "^Delivered-To: "
done
kl_eq "ack to the English complainant" "$(grep -l 'sarah.jones@example.co.uk' "$out"/* | wc -l)" 1
kl_eq "distinct refs" "$(kl_sql 'select count(distinct ref) from cases')" 4

# A crash between commit and move leaves the file in new/: next pass
# sees a duplicate, moves it, opens nothing.
cp "$KL_DATA/samples/01-afval.eml" "$in/new/again.host"
kl_once
kl_eq "still 4 cases" "$(kl_sql 'select count(*) from cases')" 4
kl_eq "moved" "$(ls "$in/new" | wc -l)" 0
kl_eq "still 4 acks" "$(ls "$out" | wc -l)" 4
echo PASS
