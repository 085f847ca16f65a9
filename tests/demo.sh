#!/bin/sh
# klachtd demo: run the daemon on built-in defaults (local Maildir in and
# out, SQLite), feed it the sample complaints, and show what happened.
# Usage: tests/demo.sh [DEMO_DIR]   (make demo)
set -e
srcdir=$(cd "$(dirname "$0")/.." && pwd)
builddir=${top_builddir:-$(pwd)}
dir=${1:-$builddir/demo}
[ -x "$builddir/klachtd" ] || { echo "demo: build first (make), or run from the build directory" >&2; exit 1; }
rm -rf "$dir"
mkdir -p "$dir/state/inbox/new" "$dir/state/inbox/cur" "$dir/state/inbox/tmp"
# Only what has no sensible built-in default: where to keep state and
# where the (not yet installed) templates are.
cat > "$dir/klachtd.conf" <<CONF
state_dir = "$dir/state";
templates = "$srcdir/etc/templates";
CONF
for f in "$srcdir"/tests/data/samples/*.eml; do
	cp "$f" "$dir/state/inbox/new/$(basename "$f" .eml).demo"
done
echo "==> $(ls "$dir/state/inbox/new" | wc -l) sample complaints in $dir/state/inbox/new"
echo "==> klachtd --once (intake from the Maildir, acknowledgements to $dir/state/outgoing)"
"$builddir/klachtd" -c "$dir/klachtd.conf" --once
echo
echo "==> klachtctl list"
"$builddir/klachtctl" -c "$dir/klachtd.conf" list
echo
first=$(ls "$dir/state/outgoing/new" | sort | head -1)
echo "==> first acknowledgement ($dir/state/outgoing/new/$first):"
sed -n '1,/^\r\{0,1\}$/p' "$dir/state/outgoing/new/$first" | grep -E '^(Subject|To|From|Date|Message-Id|In-Reply-To|Auto-Submitted):' || true
/usr/bin/python3 - "$dir/state/outgoing/new/$first" <<'PY' 2>/dev/null || true
import email, email.policy, sys
m = email.message_from_binary_file(open(sys.argv[1], 'rb'), policy=email.policy.default)
print()
print(m.get_body(("plain",)).get_content())
PY
echo "==> to keep the daemon running: $builddir/klachtd -c $dir/klachtd.conf"
echo "    and drop .eml files into $dir/state/inbox/new, or pipe one in:"
echo "    $builddir/klachtd -c $dir/klachtd.conf deliver < message.eml"
