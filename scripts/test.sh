#!/usr/bin/env bash
# Run every test of the project: the Rust workspace (unit, fixture, quality-gate tests).
# The benchmark data folder defaults to ../shared/bench (override with BODYCOPY_BENCH).
set -euo pipefail
cd "$(dirname "$0")/.."
export BODYCOPY_BENCH="${BODYCOPY_BENCH:-$(cd .. && pwd)/shared/bench}"
cargo test --release --workspace --locked "$@"
