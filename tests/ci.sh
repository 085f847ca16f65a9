#!/bin/sh
# Installs what the build and the tests need (Debian 12), builds with
# warnings as errors, runs the whole suite, then builds again with
# AddressSanitizer + UndefinedBehaviorSanitizer and runs it again.
# The last line is the tally over both runs: "N passed, N failed".
#
#   tests/ci.sh            (as root, or a user who may sudo apt-get)
#   SKIP_APT=1 tests/ci.sh (packages already installed)
set -eu
src=$(cd "$(dirname "$0")/.." && pwd)
jobs=$(nproc 2>/dev/null || echo 2)

if [ "${SKIP_APT:-0}" != 1 ]; then
	sudo=
	[ "$(id -u)" = 0 ] || sudo=sudo
	$sudo apt-get update -q
	# postfix asks a question on install; answer it up front.
	echo "postfix postfix/main_mailer_type select No configuration" |
	    $sudo debconf-set-selections
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q \
	    --no-install-recommends $(grep -v '^#' "$src/tests/deps.txt")
fi

cd "$src"
./autogen.sh

run_suite() { # NAME CONFIGURE-ARGS...
	name=$1; shift
	rm -rf "_build/$name"
	mkdir -p "_build/$name"
	(cd "_build/$name" && "$src/configure" --enable-werror "$@" >configure.out &&
	    make -j"$jobs" >make.out 2>&1 || { tail -50 make.out; exit 1; }
	    make -j"$jobs" check >check.out 2>&1 || true
	    grep -E '^(# |PASS|FAIL|ERROR|XPASS|SKIP)' check.out | grep -v '^PASS' || true)
}

echo "==> build and test (gcc, -Werror)"
run_suite normal
echo "==> build and test again under ASan+UBSan"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 \
UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
LSAN_OPTIONS=suppressions=$src/tests/lsan.supp:print_suppressions=0 \
    run_suite asan --enable-asan

# Every parser's libFuzzer target for a bounded time (clang build).  The
# outcome is recorded as one more test result.
echo "==> fuzz smoke (clang, libFuzzer, ${FUZZ_SECONDS:=20}s per target)"
rm -rf _build/fuzz && mkdir -p _build/fuzz
if (cd _build/fuzz && CC=clang "$src/configure" --enable-werror \
    --enable-fuzzing --enable-asan >configure.out &&
    make -j"$jobs" >make.out 2>&1 &&
    make fuzz-smoke FUZZ_SECONDS="$FUZZ_SECONDS" >fuzz.out 2>&1); then
	result=PASS
else
	result=FAIL
fi
grep -E '^(fuzz-smoke|  stat|FAIL)' _build/fuzz/fuzz.out 2>/dev/null || tail -20 _build/fuzz/make.out
echo "$result: fuzz-smoke"
printf ':test-result: %s\n' "$result" > _build/fuzz/fuzz-smoke.trs
cp _build/fuzz/fuzz.out _build/fuzz/fuzz-smoke.log 2>/dev/null || cp _build/fuzz/make.out _build/fuzz/fuzz-smoke.log

# Every failing test's log, so CI output says why.
for trs in $(find _build -name '*.trs'); do
	if grep -Eq ':test-result: (FAIL|ERROR|XPASS)' "$trs"; then
		echo "---- ${trs%.trs}.log"
		tail -40 "${trs%.trs}.log"
	fi
done
pass=$(cat $(find _build -name '*.trs') | grep -Ec ':test-result: (PASS|XFAIL)' || true)
fail=$(cat $(find _build -name '*.trs') | grep -Ec ':test-result: (FAIL|ERROR|XPASS)' || true)
skip=$(cat $(find _build -name '*.trs') | grep -Ec ':test-result: SKIP' || true)
built=$(ls _build/normal/klachtd _build/asan/klachtd 2>/dev/null | wc -l)
[ "$built" = 2 ] || fail=$((fail + 1))
echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" = 0 ]
