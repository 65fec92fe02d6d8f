#!/usr/bin/env bash
# The e2e tests drive Debian's Chromium (Playwright's own browser download is not available).
set -euo pipefail
chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$chromium" ]; then exit 0; fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "== installing Debian's chromium (apt-get)"
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null
fi
if [ ! -x "$chromium" ]; then
  echo "Chromium is missing at $chromium: install it with 'apt-get install -y chromium' or set CHROMIUM_PATH." >&2
  exit 1
fi
