#!/bin/sh
# What systemd hands a service: with $CREDENTIALS_DIRECTORY (LoadCredential=)
# a password_file of "${CREDENTIALS_DIRECTORY}/name" is read from there --
# `klachtd -n` accepts it and SMTP AUTH works with it -- and without the
# variable -n says why it cannot work.  $STATE_DIRECTORY (StateDirectory=)
# other than the built-in default, with no state_dir in the configuration,
# is refused: deliver and klachtctl, which the MTA and the admin run
# outside the unit, would use another database (one state location,
# issue 11); with state_dir set to it, the database goes there.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/e2e/service-lib.sh"
fx_require smtp
fx_tmpdir
fx_smtp_start --auth klachten:geheim-wachtwoord
creds="$FX_DIR/creds"
mkdir -m 0700 "$creds"
printf 'geheim-wachtwoord\n' > "$creds/klachtd_smtp-password"
chmod 0600 "$creds/klachtd_smtp-password"
sd="$FX_DIR/statedir"
mkdir -m 0700 "$sd"
KL_CONF="$FX_DIR/klachtd.conf"
cat > "$KL_CONF" <<CONF
organisation = { name = "Gemeente Testdorp"; address = "klachten@testdorp.example"; };
templates = "$top_srcdir/etc/templates";
outgoing = { smtp = { url = "smtp://127.0.0.1:$FX_SMTP_PORT"; starttls = "no";
  user = "klachten"; password_file = "\${CREDENTIALS_DIRECTORY}/klachtd_smtp-password"; }; };
CONF
out="$FX_DIR/out"

rc=0; env -u CREDENTIALS_DIRECTORY "$KLACHTD" -c "$KL_CONF" -n > "$out" 2>&1 || rc=$?
kl_eq "-n without the variable" "$rc" 78
kl_contains "says why" "$out" 'outgoing\.smtp\.password_file: \$\{CREDENTIALS_DIRECTORY\}/klachtd_smtp-password: CREDENTIALS_DIRECTORY is not set'
CREDENTIALS_DIRECTORY=$creds "$KLACHTD" -c "$KL_CONF" -n > "$out" 2>&1 ||
	fx_fail "-n with the credentials: $(cat "$out")"

# A StateDirectory= that deliver and klachtctl would not see: refused.
rc=0; STATE_DIRECTORY=$sd "$KLACHTD" -c "$KL_CONF" deliver < "$KL_DATA/samples/01-afval.eml" > "$out" 2>&1 || rc=$?
kl_eq "deliver, \$STATE_DIRECTORY not the default, no state_dir" "$rc" 78
kl_contains "says what to set" "$out" "state_dir is not set, and systemd's StateDirectory= is $sd while klachtd deliver and klachtctl would use .*: set state_dir = \"$sd\""
[ ! -f "$sd/klachtd.db" ] || fx_fail "a database in \$STATE_DIRECTORY all the same"
printf 'state_dir = "%s";\n' "$sd" >> "$KL_CONF"

# The daemon's pass: state in state_dir = $STATE_DIRECTORY, AUTH with the
# credential.
STATE_DIRECTORY=$sd "$KLACHTD" -c "$KL_CONF" deliver < "$KL_DATA/samples/01-afval.eml" 2>> "$FX_DIR/deliver.log" ||
	fx_fail "deliver failed"
[ -f "$sd/klachtd.db" ] || fx_fail "no database in state_dir"
CREDENTIALS_DIRECTORY=$creds STATE_DIRECTORY=$sd "$KLACHTD" -c "$KL_CONF" --once 2> "$out" ||
	fx_fail "--once failed: $(cat "$out")"
fx_smtp_wait_count 1 || fx_fail "no mail at the relay: $(cat "$out")"
kl_eq "authenticated as" "$(fx_smtp_envelope "$(fx_smtp_messages | head -1)" | sed -n 's/^X-Sink-Auth: //p')" klachten
kl_absent "no password in the log" "$out" "geheim"

# -s still wins.
mkdir -m 0700 "$FX_DIR/other"
STATE_DIRECTORY=$sd "$KLACHTD" -c "$KL_CONF" -s "$FX_DIR/other" deliver < "$KL_DATA/samples/02-balie.eml" 2>> "$FX_DIR/deliver.log" ||
	fx_fail "deliver -s failed"
[ -f "$FX_DIR/other/klachtd.db" ] || fx_fail "-s did not win over \$STATE_DIRECTORY"
echo PASS
