#!/usr/bin/env bash
# Test the Python binding: build the wheel with maturin, install it into a venv holding the
# pinned test requirements, run pytest (API, trafilatura parity, CLI parity on the dev pages,
# stubs, datatrove and PySpark integrations). Ends with one line: "python: N passed, ...".
# Venv: $BODYCOPY_PY_VENV (default .venv-python); Python: $PYTHON (default python3).
set -euo pipefail
cd "$(dirname "$0")/.."
export BODYCOPY_BENCH="${BODYCOPY_BENCH:-$(cd .. && pwd)/shared/bench}"
target="${CARGO_TARGET_DIR:-$PWD/target}"
export CARGO_TARGET_DIR="$target"
crate=crates/bodycopy-python
venv="${BODYCOPY_PY_VENV:-$PWD/.venv-python}"
python="${PYTHON:-python3}"

if ! command -v "$python" >/dev/null; then
  echo "note: $python not found: the Python tests are skipped"
  echo "python: 0 passed, 0 failed, 0 skipped"
  exit 0
fi
if [ ! -x "$venv/bin/python" ]; then
  "$python" -m venv "$venv"
fi
# install the pinned requirements once per version of the requirements file
stamp="$venv/.requirements.sha256"
want="$(sha256sum "$crate/requirements-test.txt" | cut -d' ' -f1)"
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  if ! "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$crate/requirements-test.txt"; then
    echo "note: could not install $crate/requirements-test.txt (no PyPI?): the Python tests are skipped"
    echo "python: 0 passed, 0 failed, 0 skipped"
    exit 0
  fi
  echo "$want" > "$stamp"
fi
# PySpark needs Java 17+: Debian's headless JRE when none is installed
if ! command -v java >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get install -y -qq openjdk-17-jre-headless >/dev/null \
      || { apt-get update -qq && apt-get install -y -qq openjdk-17-jre-headless >/dev/null; } \
      || echo "note: could not install openjdk-17-jre-headless: the Spark test is skipped"
  else
    echo "note: no java and no root apt-get: the Spark test is skipped"
  fi
fi

# the CLI the parity tests compare with, and the wheel
cargo build --release --locked -p bodycopy-cli
rm -f "$target"/wheels/bodycopy-*.whl
"$venv/bin/maturin" build --release --locked --strip --quiet -m "$crate/Cargo.toml" \
  -i "$venv/bin/python" -o "$target/wheels"
"$venv/bin/pip" install --quiet --disable-pip-version-check --force-reinstall --no-deps \
  "$target"/wheels/bodycopy-*.whl

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
status=0
BODYCOPY_CLI="$target/release/bodycopy" "$venv/bin/python" -m pytest "$crate/tests" -q -rs \
  -p no:cacheprovider "$@" 2>&1 | tee "$log" || status=$?
# pytest's closing line, e.g. "30 passed, 2 skipped in 41.0s", as "python: P passed, F failed, S skipped"
tail -n 1 "$log" | awk '{ for (i = 1; i < NF; i++) { n = $i + 0; w = $(i+1); gsub(/[^a-z]/, "", w)
    if (w == "passed") p = n; if (w == "failed" || w == "error" || w == "errors") f += n; if (w == "skipped") s = n } }
  END { printf "python: %d passed, %d failed, %d skipped\n", p, f, s }'
exit "$status"
