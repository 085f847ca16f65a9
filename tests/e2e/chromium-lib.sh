# Headless Chromium for the tests that check an HTML page in a real
# browser (tests/e2e/report-html.sh, dossier-html.sh), sourced after
# tests/lib.sh.  Not a test itself.

# chromium_require: skip (77) when Chromium is not installed; WHAT says
# what was checked without it.
chromium_require() {
	command -v chromium >/dev/null 2>&1 ||
		fx_skip "chromium is not installed (apt-get install chromium): $1"
}

# render PAGE PNG LOG: screenshot PAGE with headless Chromium, offline:
# every host name resolves to nothing, a proxy on a closed loopback port.
render() {
	ud=$(mktemp -d "$FX_DIR/chromium.XXXXXX")
	rc=0
	HOME="$ud" XDG_CONFIG_HOME="$ud" XDG_CACHE_HOME="$ud" \
	timeout -k 5 90 chromium --headless --no-sandbox --disable-gpu \
	    --disable-quic --no-first-run --disable-background-networking \
	    --disable-component-update --disable-sync \
	    --host-resolver-rules="MAP * ~NOTFOUND" \
	    --proxy-server=127.0.0.1:9 \
	    --user-data-dir="$ud" --enable-logging=stderr --v=0 \
	    --screenshot="$2" --window-size=1200,1600 "file://$1" \
	    > "$3.out" 2> "$3" || rc=$?
	[ "$rc" = 0 ] || { tail -20 "$3" >&2; fx_fail "chromium exited $rc on $1"; }
	[ -s "$2" ] || fx_fail "chromium wrote no screenshot of $1"
}

# console_clean LOG: no console message at all (the page has no script;
# errors and "Uncaught" exceptions are logged as CONSOLE lines).
console_clean() {
	! grep -E ':CONSOLE[:(]|Uncaught' "$1" >&2
}
