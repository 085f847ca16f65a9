#!/bin/sh
# The README's demo works: the samples become cases and acknowledgements.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
fx_tmpdir
out="$FX_DIR/demo.out"
(cd "$top_builddir" && sh "$top_srcdir/tests/demo.sh" "$FX_DIR/demo") > "$out" 2>&1 || { cat "$out" >&2; fx_fail "demo failed"; }
kl_contains "cases listed" "$out" "KL-[0-9]{4}-00004 +acknowledged"
kl_contains "ack shown" "$out" "^Subject: .*\[KL-[0-9]{4}-0000[1-4]\]"
kl_contains "body shown" "$out" "(uiterlijk op|by) [0-9]+ "
kl_eq "acks written" "$(ls "$FX_DIR/demo/state/outgoing/new" | wc -l)" 4
echo PASS
