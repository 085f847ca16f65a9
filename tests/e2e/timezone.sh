#!/bin/sh
# The timezone key decides the date of receipt (and from it the due
# date and the letters), whatever TZ the process was started with: a
# complaint piped in at 23:30 UTC on 10 March 2026 is received on
# 11 March in Europe/Amsterdam (00:30 CET) and on 10 March in UTC.
# `klachtd -n` names an unknown zone with file and line.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/e2e/terms-lib.sh"
tl_require
AT=$(TZ=UTC date -d '2026-03-10 23:30:00' +%s)

# deliver_at ENV_TZ: pipe a complaint in at $AT (libfaketime reads its
# date in the zone the process starts in, so it is given in ENV_TZ).
deliver_at() {
	KL_RC=0
	TZ=$1 FAKETIME="@$(TZ=$1 date -d "@$AT" '+%Y-%m-%d %H:%M:%S')" \
	LD_PRELOAD="$TL_FAKETIME${LD_PRELOAD:+:$LD_PRELOAD}" \
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0" \
	    "$KLACHTD" -c "$KL_CONF" deliver < "$KL_DATA/samples/01-afval.eml" \
	    2>>"$FX_DIR/klachtd.log" || KL_RC=$?
}
# ack_line: the acknowledgement's "Op <date> hebben wij" line.
ack_line() {
	grep -h '^Wij kregen uw klacht op ' "$KL_STATE"/outgoing/new/* | tr -d '\r'
}

# 1. timezone = "Europe/Amsterdam", started with TZ=UTC: the next day.
kl_setup 'timezone = "Europe/Amsterdam";'
deliver_at UTC
kl_once
kl_eq "deliver (Amsterdam)" "$KL_RC" 0
kl_eq "received at 23:30 UTC" "$(kl_sql 'select received_at from cases')" "$AT"
kl_eq "Amsterdam: received the next day" "$(ack_line)" \
    "Wij kregen uw klacht op 11 maart 2026."
kl_contains "Amsterdam: due six weeks after 11 March" \
    "$(ls "$KL_STATE"/outgoing/new/* | head -1)" "uiterlijk op 22 april 2026"
TZ=UTC kl_ctl show "$(kl_sql 'select ref from cases')" > "$FX_DIR/show.txt"
kl_contains "klachtctl shows the Amsterdam date" "$FX_DIR/show.txt" "2026-03-11"

# 2. timezone = "UTC", started with TZ=Europe/Amsterdam: the same day.
rm -rf "$KL_STATE"
kl_setup 'timezone = "UTC";'
deliver_at Europe/Amsterdam
kl_once
kl_eq "deliver (UTC)" "$KL_RC" 0
kl_eq "received at 23:30 UTC (again)" "$(kl_sql 'select received_at from cases')" "$AT"
kl_eq "UTC: received the same day" "$(ack_line)" \
    "Wij kregen uw klacht op 10 maart 2026."
kl_contains "UTC: due six weeks after 10 March" \
    "$(ls "$KL_STATE"/outgoing/new/* | head -1)" "uiterlijk op 21 april 2026"

# 3. An unknown zone, a path out of the zone database: refused by -n.
out=$FX_DIR/out
for bad in Europe/Amsterdamm ../../etc/passwd /etc/localtime; do
	kl_config "
timezone = \"$bad\";"
	rc=0
	"$KLACHTD" -c "$KL_CONF" -n > "$out" 2>&1 || rc=$?
	kl_eq "timezone $bad: exit" "$rc" 78
	kl_contains "timezone $bad: file and line" "$out" \
	    "klachtd.conf:6: timezone \".*\" is not a zone in /usr/share/zoneinfo"
done
echo "PASS: the timezone key decides the date of receipt"
