#!/bin/sh
# Issue 18 F15: files over limits.max_message_size in Maildir new/ are
# moved aside to oversized/ and recorded in quarantine; they no longer
# count toward the per-scan limit (200), so 205 of them in front of a good
# complaint do not stall intake: the complaint is taken in the same pass.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
KL_LIMITS='max_message_size = "64K";'
kl_setup
in="$KL_STATE/inbox"
mkdir -p "$in/new" "$in/cur" "$in/tmp"

# 205 oversized files (100 KB each), all older than the good one.
/usr/bin/python3 - "$in/new" <<'PY'
import os, sys
d = sys.argv[1]
filler = ("x" * 76 + "\n") * 1300
for i in range(205):
    p = os.path.join(d, "1700000000.M%dP1.big%03d" % (i, i))
    with open(p, "w") as f:
        f.write("From: Groot <groot%d@example.org>\nTo: klachten@testdorp.example\n"
                "Subject: bijlage %d\nMessage-ID: <big%d@example.org>\n\n%s" % (i, i, i, filler))
    os.utime(p, (1700000000 + i, 1700000000 + i))
PY
cp "$KL_DATA/samples/01-afval.eml" "$in/new/1800000000.M1P1.good"

kl_once
kl_eq "--once" "$KL_RC" 0
kl_eq "the good complaint is a case" "$(kl_sql 'select count(*) from cases')" 1
kl_eq "new/ empty" "$(ls "$in/new" | wc -l)" 0
kl_eq "good one in cur/" "$(ls "$in/cur" | grep -c '^1800000000.M1P1.good:2,S$')" 1
kl_eq "oversized moved aside, whole" "$(ls "$in/oversized" | wc -l)" 205
kl_eq "sizes kept" "$(find "$in/oversized" -type f -size -90k | wc -l)" 0
kl_eq "recorded in quarantine" "$(kl_sql "select count(*) from quarantine where reason like 'over limits.max_message_size%' and reason like '%/oversized/%'")" 205
kl_eq "row names its file" "$(kl_sql "select count(*) from quarantine where source_id = '1700000000.M7P1.big007' and reason like '%/oversized/1700000000.M7P1.big007'")" 1
kl_eq "header kept" "$(kl_sql "select count(*) from quarantine where cast(raw as text) like '%Message-ID: <big7@example.org>%' and size < 1000")" 1
kl_contains "logged" "$FX_DIR/klachtd.log" "moved to .*/oversized/"

# Nothing left to redo: the next pass is quiet and keeps one row each.
kl_once
kl_eq "second pass" "$KL_RC" 0
kl_eq "still 205 rows" "$(kl_sql 'select count(*) from quarantine')" 205
kl_eq "still one case" "$(kl_sql 'select count(*) from cases')" 1
echo PASS
