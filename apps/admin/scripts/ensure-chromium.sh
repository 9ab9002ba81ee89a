#!/bin/sh
# Playwright cannot download its own browsers on these machines: the e2e tests use Debian's Chromium.
# Installs it when it is missing and we are root with apt (CI, a fresh build machine); otherwise says how.
set -eu
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$CHROMIUM" ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "e2e: installing chromium (apt-get), needed by the Playwright tests" >&2
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  exit 0
fi
echo "e2e: no Chromium at $CHROMIUM. Install it (Debian: apt-get install -y chromium) or set CHROMIUM_PATH." >&2
exit 1
