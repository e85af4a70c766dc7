#!/usr/bin/env bash
# Install everything the tests need, then run the whole suite. Used by README and .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null 2>&1; then
  echo "Installing Debian's chromium for the browser tests..."
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq chromium >/dev/null
fi
if [ ! -d tests/js/node_modules ]; then
  echo "Installing the pinned test-only npm packages (axe-core) into tests/js/..."
  npm ci --prefix tests/js --no-audit --no-fund --silent
fi
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -r requirements-test.txt
exec .venv/bin/python -m pytest "$@"
