#!/usr/bin/env bash
# Build the `bodycopy` command with profile-guided optimisation (PGO).
#
#   scripts/build-pgo.sh            # -> $TARGET/pgo/bodycopy
#   scripts/build-pgo.sh --wheel    # and the Python wheel with the same profile -> $TARGET/pgo/wheels
#                                   #   (maturin from $BODYCOPY_PY_VENV, default .venv-python)
#
# 1. builds an instrumented binary (its own target folder: the flags differ),
# 2. runs it over the repository's own pages (the pinned pages of the criterion
#    benches and the hand-made fixtures; none of the benchmark sets), extracting in
#    every output format and, through a WARC file of the same pages, in `batch` mode
#    to Parquet and compressed JSON Lines, so that every stage the users run is seen,
# 3. merges the profile with the `llvm-profdata` of rustc's own LLVM version
#    (found on PATH, in /usr/lib/llvm-N, in rustup's llvm-tools, or installed from
#    Debian's `llvm-N` package when missing),
# 4. builds again with the profile and checks that the result extracts exactly what
#    the plain release build does, on every training page and format.
#
# The speed figures in the README name the build they were measured on. Without a
# matching llvm-profdata the script says so and exits non-zero.
set -euo pipefail
cd "$(dirname "$0")/.."
wheel=false
[ "${1:-}" = "--wheel" ] && wheel=true
TARGET="${CARGO_TARGET_DIR:-$PWD/target}"
OUT="$TARGET/pgo"
mkdir -p "$OUT"

llvm_major=$(rustc -vV | sed -n 's/^LLVM version: \([0-9]*\).*/\1/p')
find_profdata() {
  local sysroot
  sysroot=$(rustc --print sysroot)
  for p in "llvm-profdata-$llvm_major" "/usr/lib/llvm-$llvm_major/bin/llvm-profdata" \
    "$sysroot"/lib/rustlib/*/bin/llvm-profdata; do
    if command -v "$p" >/dev/null 2>&1 && "$p" --version 2>/dev/null | grep -q "LLVM version $llvm_major\."; then
      command -v "$p"
      return 0
    fi
  done
  # a plain `llvm-profdata` of the same major version does too
  if command -v llvm-profdata >/dev/null 2>&1 && llvm-profdata --version 2>/dev/null | grep -q "LLVM version $llvm_major\."; then
    command -v llvm-profdata
    return 0
  fi
  return 1
}
PROFDATA=$(find_profdata || true)
if [ -z "$PROFDATA" ] && command -v apt-get >/dev/null 2>&1; then
  echo "build-pgo: installing llvm-$llvm_major (llvm-profdata for rustc's LLVM $llvm_major)" >&2
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "llvm-$llvm_major" >/dev/null ||
    { $SUDO apt-get update -q >/dev/null && $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "llvm-$llvm_major" >/dev/null; } || true
  PROFDATA=$(find_profdata || true)
fi
if [ -z "$PROFDATA" ]; then
  echo "build-pgo: no llvm-profdata for LLVM $llvm_major (rustc $(rustc -V)); install llvm-$llvm_major or rustup's llvm-tools" >&2
  exit 2
fi

# the training pages: pinned bench pages and fixtures, one folder of HTML
TRAIN="$OUT/train"
rm -rf "$TRAIN" "$OUT/raw"
mkdir -p "$TRAIN/html" "$OUT/raw"
for f in crates/bodycopy-bench/pages/*.html.gz; do
  gzip -dc "$f" >"$TRAIN/html/$(basename "$f" .gz)"
done
for d in tests/fixtures/*/; do
  [ -f "$d/source.html" ] && cp "$d/source.html" "$TRAIN/html/$(basename "$d").html"
done

# the plain build (reference output, and the WARC writer for the training run)
cargo build --release --locked -p bodycopy-cli -p bodycopy-warc --example pages_to_warc
"$TARGET/release/examples/pages_to_warc" "$TRAIN/html" "$TRAIN/pages.warc.gz"

echo "build-pgo: instrumented build" >&2
RUSTFLAGS="-Cprofile-generate=$OUT/raw" CARGO_TARGET_DIR="$TARGET/pgo-gen" \
  cargo build --release --locked -p bodycopy-cli
GEN="$TARGET/pgo-gen/release/bodycopy"
formats=(json txt markdown html)
for _ in 1 2 3; do
  for f in "${formats[@]}"; do
    LLVM_PROFILE_FILE="$OUT/raw/%p-%m.profraw" "$GEN" extract -f "$f" "$TRAIN/html" >/dev/null
  done
  LLVM_PROFILE_FILE="$OUT/raw/%p-%m.profraw" "$GEN" batch -j 1 -o "$TRAIN/out.parquet" "$TRAIN/pages.warc.gz" 2>/dev/null
  LLVM_PROFILE_FILE="$OUT/raw/%p-%m.profraw" "$GEN" batch -j 1 --text-only -o "$TRAIN/out.jsonl.zst" "$TRAIN/pages.warc.gz" 2>/dev/null
  rm -f "$TRAIN"/out.*
done
"$PROFDATA" merge -o "$OUT/merged.profdata" "$OUT"/raw/*.profraw

echo "build-pgo: optimised build" >&2
# cargo does not see a new profile behind the same flags: the workspace's crates are
# rebuilt every time (the dependencies keep the profile of their first build, which
# their unchanged code hardly moves)
USE=(env RUSTFLAGS="-Cprofile-use=$OUT/merged.profdata" CARGO_TARGET_DIR="$TARGET/pgo-use")
"${USE[@]}" cargo clean --release -p bodycopy -p bodycopy-cli -p bodycopy-warc -p bodycopy-eval -p bodycopy-fetch -p bodycopy-serve 2>/dev/null || true
"${USE[@]}" cargo build --release --locked -p bodycopy-cli
cp "$TARGET/pgo-use/release/bodycopy" "$OUT/bodycopy"

# same output as the plain build, in every format
for f in "${formats[@]}"; do
  if ! cmp -s <("$TARGET/release/bodycopy" extract -f "$f" "$TRAIN/html") <("$OUT/bodycopy" extract -f "$f" "$TRAIN/html"); then
    echo "build-pgo: the PGO build's $f output differs from the plain build's" >&2
    exit 1
  fi
done
echo "build-pgo: $OUT/bodycopy (same output as the plain build on $(ls "$TRAIN/html" | wc -l) pages, ${#formats[@]} formats)"

if $wheel; then
  venv="${BODYCOPY_PY_VENV:-$PWD/.venv-python}"
  rm -rf "$OUT/wheels"
  "${USE[@]}" "$venv/bin/maturin" build --release --locked --strip --quiet \
    -m crates/bodycopy-python/Cargo.toml -i "$venv/bin/python" -o "$OUT/wheels"
  echo "build-pgo: $(ls "$OUT"/wheels/*.whl)"
fi
