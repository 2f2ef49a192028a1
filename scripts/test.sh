#!/usr/bin/env bash
# Run every test of the project: the Rust workspace (unit, fixture, CLI and quality-gate tests).
# The benchmark data folder defaults to ../shared/bench (override with BODYCOPY_BENCH).
set -euo pipefail
cd "$(dirname "$0")/.."
export BODYCOPY_BENCH="${BODYCOPY_BENCH:-$(cd .. && pwd)/shared/bench}"
if [ ! -d "$BODYCOPY_BENCH" ]; then
  echo "note: benchmark folder $BODYCOPY_BENCH not found: the quality gate is skipped (set BODYCOPY_BENCH)"
fi
cargo test --release --workspace --locked "$@"
