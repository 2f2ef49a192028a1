#!/usr/bin/env bash
# Install the peer extractors that speed and structure comparisons run against, into a local venv.
# Usage: scripts/peers/setup.sh            (venv at $PEERS_VENV, default .venv-peers in the repo)
set -euo pipefail
cd "$(dirname "$0")/../.."
venv="${PEERS_VENV:-$PWD/.venv-peers}"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
"$venv/bin/pip" install --quiet --disable-pip-version-check -r scripts/peers/requirements.txt
echo "$venv/bin/python"
