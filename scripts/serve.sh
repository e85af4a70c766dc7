#!/usr/bin/env bash
# Install the pinned dependencies, build the edition and serve it on http://127.0.0.1:8000/.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/venv.sh
.venv/bin/python -m pip install -q --disable-pip-version-check -r requirements.txt
exec .venv/bin/python build.py serve "$@"
