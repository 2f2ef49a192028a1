#!/usr/bin/env bash
# Run every cargo-fuzz target of fuzz/ in turn, one process each, for SECONDS each
# (default 600), starting from the committed seeds in fuzz/corpus/<target>/.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]   fuzz (needs cargo-fuzz)
#   scripts/fuzz.sh --replay [TARGET...]    no cargo-fuzz: build the targets as plain
#                                           binaries and run each seed once
#
# cargo-fuzz hands rustc nightly-only flags; on a stable toolchain RUSTC_BOOTSTRAP=1
# allows them. No sanitizer: the library forbids `unsafe`, and without ASan the
# targets run about twice as fast; debug assertions (overflow checks) stay on.
# New inputs go to a scratch folder, not to the committed seeds; a crash stops the
# run, leaves its input in fuzz/artifacts/<target>/ and makes this script fail.
# A summary line per target gives the executions and executions per second.
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
export RUSTC_BOOTSTRAP=1

all_targets() { sed -n 's/^name = "\([a-z_]*\)"$/\1/p' Cargo.toml | grep -v '^bodycopy-fuzz$'; }

if [ "${1:-}" = "--replay" ]; then
  shift
  targets=("$@")
  [ ${#targets[@]} -gt 0 ] || mapfile -t targets < <(all_targets)
  # overflow checks on, as under cargo-fuzz, so that arithmetic overflow is caught
  CARGO_PROFILE_RELEASE_DEBUG_ASSERTIONS=true CARGO_PROFILE_RELEASE_OVERFLOW_CHECKS=true \
    cargo build --release --bins --quiet
  bin_dir="${CARGO_TARGET_DIR:-target}/release"
  for t in "${targets[@]}"; do
    seeds=(corpus/"$t"/*)
    "$bin_dir/$t" "${seeds[@]}" >/dev/null 2>&1 || { echo "fuzz replay: $t FAILED"; "$bin_dir/$t" "${seeds[@]}" 2>&1 | tail -20; exit 1; }
    echo "fuzz replay: $t: ${#seeds[@]} seeds ok"
  done
  exit 0
fi

seconds="${1:-600}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || mapfile -t targets < <(all_targets)
flags=(--sanitizer none)
cargo fuzz build "${flags[@]}" 2>&1 | grep -v '^\s*\(Compiling\|Finished\)' || true
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
status=0
for t in "${targets[@]}"; do
  mkdir -p "$scratch/$t"
  log="$scratch/$t.log"
  if cargo fuzz run "${flags[@]}" "$t" "$scratch/$t" "corpus/$t" -- \
      -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2560 -print_final_stats=1 >"$log" 2>&1; then
    result=ok
  else
    result=FAILED
    status=1
  fi
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  echo "fuzz $t: $result, ${seconds}s, ${runs:-?} executions, ${rate:-?}/s"
  if [ "$result" = FAILED ]; then
    grep -E 'panicked|ERROR|SUMMARY|Test unit written' "$log" | head -20
  fi
done
exit "$status"
