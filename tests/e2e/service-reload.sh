#!/bin/sh
# SIGHUP: a valid new configuration replaces the running one (new
# acknowledgements use the new organisation name, the log names what
# changed, a new database path is opened); a broken one -- syntax, schema,
# template -- is refused with the reason and the daemon carries on with
# the old configuration, and still exits 0 on SIGTERM.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/e2e/service-lib.sh"
kl_setup
out="$KL_STATE/outgoing/new"

# ack_has N WORD: the Nth acknowledgement (by arrival) names WORD.
ack_has() {
	f=$(ls -tr "$out" | sed -n "${1}p")
	[ -n "$f" ] || fx_fail "no acknowledgement number $1"
	kl_decoded "$out/$f" > "$FX_DIR/ack$1.txt"
	kl_contains "ack $1 from $2" "$FX_DIR/ack$1.txt" "$2"
}

svc_drop 1
svc_start
svc_wait_files "$out" 1 || fx_fail "no first acknowledgement"
ack_has 1 "Gemeente Testdorp"

# A good new configuration: another name, another busy timeout.
cp "$KL_CONF" "$FX_DIR/good-old.conf"
sed -e 's/Gemeente Testdorp/Gemeente Nieuwdorp/' -e 's/busy_timeout = "1s"/busy_timeout = "2s"/' \
    "$FX_DIR/good-old.conf" > "$KL_CONF"
cp "$KL_CONF" "$FX_DIR/good-new.conf"
kill -HUP "$SVC_PID"
svc_wait_log 'reload: configuration .*klachtd\.conf loaded; changed: .*organisation\.name: "Gemeente Testdorp" -> "Gemeente Nieuwdorp"'
# Dropped after the reload: the Maildir is watched, so mail dropped
# before it would be taken at once, under the old name.
svc_drop 2
kl_contains "busy_timeout change logged" "$SVC_LOG" 'limits\.busy_timeout: "1s" -> "2s"'
svc_wait_files "$out" 2 || fx_fail "no acknowledgement after the reload"
ack_has 2 "Gemeente Nieuwdorp"

# Broken configurations are refused, each with its reason.
n_refused=0
refuse() { # WHAT PATTERN: HUP with $KL_CONF as it is now
	n_refused=$((n_refused + 1))
	kill -HUP "$SVC_PID"
	fx_wait_for svc__refused "$n_refused" ||
		{ cat "$SVC_LOG" >&2; fx_fail "$1: no refusal logged"; }
	svc_wait_log "$2"
	fx__alive "$SVC_PID" || fx_fail "$1: daemon died"
}
svc__refused() {
	[ "$(grep -c 'is not valid; keeping the running configuration' "$SVC_LOG")" -ge "$1" ]
}
printf 'organisation = {\n  name = "Kapot"\n' > "$KL_CONF"
refuse "syntax error" 'reload:   .*klachtd\.conf:[0-9]+: syntax error'
sed 's/busy_timeout = "2s"/busy_timout = "2s"/' "$FX_DIR/good-new.conf" > "$KL_CONF"
refuse "unknown setting" 'reload:   .*klachtd\.conf:[0-9]+: unknown setting "limits\.busy_timout"'
cp -r "$top_srcdir/etc/templates" "$FX_DIR/tpl"
chmod -R u+w "$FX_DIR/tpl"
printf 'Subject: x [{{referentie}}]\n\nbody\n' > "$FX_DIR/tpl/nl/ack.txt"
sed -e "s|^templates = .*|templates = \"$FX_DIR/tpl\";|" -e 's/Nieuwdorp/Kapotdorp/' \
    "$FX_DIR/good-new.conf" > "$KL_CONF"
refuse "broken template" 'reload:   .*tpl/nl/ack\.txt:1: unknown variable \{\{referentie\}\}'
kl_absent "nothing loaded from a refused file" "$SVC_LOG" "Kapot(dorp)?\" loaded"

# The old configuration is still in force: the next ack says Nieuwdorp.
svc_drop 3
svc_wait_files "$out" 3 15 || fx_fail "no acknowledgement after the refused reloads"
ack_has 3 "Gemeente Nieuwdorp"

# The same file again: nothing changed.
cp "$FX_DIR/good-new.conf" "$KL_CONF"
kill -HUP "$SVC_PID"
svc_wait_log "reload: configuration .* loaded; nothing changed"

# Another database: opened, and used from then on.
echo "database = \"$FX_DIR/other.db\";" >> "$KL_CONF"
kill -HUP "$SVC_PID"
svc_wait_log "reload: database .*/klachtd\.db -> .*/other\.db"
svc_drop 4
svc_wait_files "$out" 4 || fx_fail "no acknowledgement from the new database"
kl_eq "case 4 in the new database" "$(svc_sql_file "$FX_DIR/other.db" 'select count(*) from cases')" 1
kl_eq "cases 1-3 in the old one" "$(kl_sql 'select count(*) from cases')" 3

svc_stop
kl_contains "stop logged" "$SVC_LOG" "stopping on signal"
echo PASS
