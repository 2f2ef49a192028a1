#!/usr/bin/env bash
# Install Debian's chromium and chromium-driver for the playground's browser test, when missing.
# Exits 0 either way: the browser test itself skips with a printed note when they are absent.
set -uo pipefail
if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "note: chromium/chromedriver missing and apt-get unavailable (not root?): the browser test will skip"
  exit 0
fi
echo "installing chromium and chromium-driver (apt-get) for the browser test"
export DEBIAN_FRONTEND=noninteractive
if ! { apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium chromium-driver; } >/tmp/install-browser.log 2>&1; then
  echo "note: could not install chromium (see /tmp/install-browser.log): the browser test will skip"
fi
exit 0
