#!/bin/sh
# Bad input gets a clear message and the right exit code, and loses
# nothing: empty stdin, binary garbage, no sender, an oversized message,
# a 0-byte Maildir file.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
KL_LIMITS='max_message_size = "100K";'
kl_setup

: > "$FX_DIR/empty.eml"
kl_deliver "$FX_DIR/empty.eml"
kl_eq "empty stdin: EX_NOINPUT" "$KL_RC" 66
kl_contains "empty explained" "$FX_DIR/klachtd.log" "no message on standard input"

head -c 5000 /dev/urandom > "$FX_DIR/garbage.bin"
kl_deliver "$FX_DIR/garbage.bin"
kl_eq "garbage: accepted (quarantined), never bounced" "$KL_RC" 0
kl_eq "garbage kept whole" "$(kl_sql "select size from quarantine")" 5000
kl_eq "garbage bytes identical" "$(kl_sql "select sha256 from quarantine")" "$(sha256sum < "$FX_DIR/garbage.bin" | cut -d' ' -f1)"
kl_eq "no case from garbage" "$(kl_sql 'select count(*) from cases')" 0
kl_contains "quarantine logged" "$FX_DIR/klachtd.log" "quarantined \(5000 bytes\)"

printf 'Subject: geen afzender\n\nWie ben ik?\n' > "$FX_DIR/nofrom.eml"
kl_deliver "$FX_DIR/nofrom.eml"
kl_eq "no From: quarantined" "$KL_RC" 0
kl_contains "reason" "$FX_DIR/klachtd.log" "no sender address"
kl_eq "two in quarantine" "$(kl_sql 'select count(*) from quarantine')" 2

{ cat "$KL_DATA/samples/01-afval.eml"; head -c 200000 /dev/zero | tr '\0' 'x' | fold -w 76; } > "$FX_DIR/big.eml"
kl_deliver "$FX_DIR/big.eml"
kl_eq "oversized: EX_DATAERR" "$KL_RC" 65
kl_contains "size explained" "$FX_DIR/klachtd.log" "larger than 102400 bytes"

# A 0-byte file in the intake Maildir is kept (quarantined), moved out
# of new/, and does not stop the others.
mkdir -p "$KL_STATE/inbox/new" "$KL_STATE/inbox/cur" "$KL_STATE/inbox/tmp"
: > "$KL_STATE/inbox/new/1000.zero.host"
cp "$KL_DATA/samples/03-parkeren.eml" "$KL_STATE/inbox/new/1001.ok.host"
kl_once
kl_eq "--once" "$KL_RC" 0
kl_eq "new/ emptied" "$(ls "$KL_STATE/inbox/new" | wc -l)" 0
kl_eq "both in cur/" "$(ls "$KL_STATE/inbox/cur" | wc -l)" 2
kl_eq "0-byte quarantined" "$(kl_sql "select count(*) from quarantine where size=0 and reason='empty message'")" 1
kl_eq "good one became a case" "$(kl_sql 'select count(*) from cases')" 1
echo PASS
