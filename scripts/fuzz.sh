#!/usr/bin/env bash
# Runs the coverage-guided fuzz targets of fuzz/ (rubric, document, keys) one after the other,
# each for SECONDS (default 600), and fails if any of them finds a crash.
#   scripts/fuzz.sh [SECONDS] [TARGET...]
# Needs a nightly toolchain and cargo-fuzz; installs what is missing. New inputs go to
# fuzz/work/TARGET (not committed), a crash to fuzz/artifacts/TARGET/. The committed seeds in
# fuzz/corpus/TARGET are read, never written. FUZZ_SANITIZER=address turns AddressSanitizer on
# (off by default: onsite forbids unsafe code, and ASan costs half the speed).
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-600}
shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(rubric document keys)
sanitizer=${FUZZ_SANITIZER:-none}

if ! cargo +nightly --version >/dev/null 2>&1; then
  rustup toolchain install nightly --profile minimal
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
  cargo install cargo-fuzz --locked
fi

failed=()
for target in "${targets[@]}"; do
  flags=(--sanitizer "$sanitizer")
  # The key script's bytes are opcodes, not text to match: comparisons are not worth tracing,
  # and without them the target runs several times faster.
  [ "$target" = keys ] && flags+=(--no-trace-compares)
  work=fuzz/work/$target
  mkdir -p "$work" "fuzz/artifacts/$target"
  log=fuzz/work/$target.log
  echo "== $target: ${seconds}s (log: $log)"
  status=0
  (cd fuzz && cargo +nightly fuzz run "${flags[@]}" "$target" "work/$target" "corpus/$target" -- \
    -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1) \
    >"$log" 2>&1 || status=$?
  # The last progress line (coverage, features, corpus) and libFuzzer's totals.
  grep -E '^#[0-9]+[[:space:]]+(DONE|pulse|NEW|REDUCE)' "$log" | tail -1 || true
  grep -E '^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)' "$log" || true
  if [ "$status" -ne 0 ]; then
    echo "!! $target failed (exit $status); the input is in fuzz/artifacts/$target/:"
    grep -E -A12 "panicked at|ERROR: libFuzzer|^SUMMARY" "$log" | head -40 || true
    failed+=("$target")
  fi
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzzing found crashes in: ${failed[*]}"
  exit 1
fi
echo "fuzzing: no crash in ${targets[*]} (${seconds}s each)"
