#!/usr/bin/env bash
# Run every test of the project: the Rust workspace (unit, fixture, CLI and quality-gate tests),
# then the Python binding's suite (scripts/test-python.sh).
# The benchmark data folder defaults to ../shared/bench (override with BODYCOPY_BENCH).
set -euo pipefail
cd "$(dirname "$0")/.."
export BODYCOPY_BENCH="${BODYCOPY_BENCH:-$(cd .. && pwd)/shared/bench}"
if [ ! -d "$BODYCOPY_BENCH" ]; then
  echo "note: benchmark folder $BODYCOPY_BENCH not found: the quality gate is skipped (set BODYCOPY_BENCH)"
fi
# Debian's chromium and chromedriver for the playground's browser test (skipped when absent)
scripts/install-browser.sh
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
status=0
cargo test --release --workspace --exclude bodycopy-bench --locked "$@" 2>&1 | tee "$log" || status=$?
# the Python binding (wheel, pytest suite); its last line is "python: P passed, F failed, S skipped"
scripts/test-python.sh 2>&1 | tee -a "$log" || status=$?
# the fuzz targets (fuzz/): a short run of each, BODYCOPY_FUZZ_SECONDS (default 8) apiece,
# when cargo-fuzz is installed or installs within 2 minutes; otherwise each target is
# built as a plain binary and replays its committed seeds. BODYCOPY_FUZZ_SECONDS=0 skips.
fuzz_seconds="${BODYCOPY_FUZZ_SECONDS:-8}"
if [ "$fuzz_seconds" != 0 ]; then
  if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "note: cargo-fuzz missing: installing it (given up after 2 minutes)"
    timeout 120 cargo install cargo-fuzz --locked --quiet >/dev/null 2>&1 || true
  fi
  if cargo fuzz --version >/dev/null 2>&1; then
    scripts/fuzz.sh "$fuzz_seconds" || status=1
  else
    echo "note: no cargo-fuzz: the fuzz targets replay their seeds instead"
    scripts/fuzz.sh --replay || status=1
  fi
fi
# the profile-guided build that the README's speed figures are measured on: built, trained
# on the repository's own pages, and checked to extract exactly what the plain build does.
# BODYCOPY_PGO=0 skips; a machine with no llvm-profdata for rustc's LLVM skips with a note.
if [ "${BODYCOPY_PGO:-1}" != 0 ]; then
  pgo_status=0
  scripts/build-pgo.sh || pgo_status=$?
  case "$pgo_status" in
    0) ;;
    2) echo "note: no llvm-profdata: the PGO build is skipped" ;;
    *) status=1 ;;
  esac
fi
# one closing line for the whole run: the sum of every test binary's result line and Python's
awk '/^test result:/ { for (i = 1; i <= NF; i++) { if ($(i+1) ~ /^passed/) p += $i; if ($(i+1) ~ /^failed/) f += $i; if ($(i+1) ~ /^ignored/) s += $i } }
     /^python: [0-9]+ passed/ { p += $2; f += $4; s += $6 }
     END { printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$log"
exit "$status"
