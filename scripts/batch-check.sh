#!/usr/bin/env bash
# Check `bodycopy batch` with Python tools from PyPI: warcio reads our WARC.gz, pyarrow and
# duckdb read our Parquet, and fastwarc + resiliparse do the same job for a throughput
# comparison. Uses the wcxb-dev pages of the benchmark folder (BODYCOPY_BENCH, default
# ../shared/bench). The virtual environment goes to $VENV (default target/batch-venv).
set -euo pipefail
cd "$(dirname "$0")/.."
BENCH="${BODYCOPY_BENCH:-$(cd .. && pwd)/shared/bench}"
TARGET="${CARGO_TARGET_DIR:-target}"
VENV="${VENV:-$TARGET/batch-venv}"
WORK="$TARGET/batch-check"
mkdir -p "$WORK"
[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
"$VENV/bin/pip" install -q warcio pyarrow duckdb fastwarc resiliparse
cargo build --release -p bodycopy-cli -p bodycopy-warc --example pages_to_warc
"$TARGET/release/examples/pages_to_warc" "$BENCH/wcxb-dev/html" "$WORK/dev.warc.gz"
# BODYCOPY_BIN picks another build of the command (scripts/build-pgo.sh makes $TARGET/pgo/bodycopy)
BIN="${BODYCOPY_BIN:-$TARGET/release/bodycopy}"
echo "bodycopy binary: $BIN"
"$VENV/bin/python" scripts/batch_check.py "$BIN" "$WORK/dev.warc.gz" "$WORK"
