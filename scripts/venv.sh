# Sourced by serve.sh and test.sh: create .venv/ with a Python the pinned packages support.
if [ ! -x .venv/bin/python ]; then
  if ! python3 -c 'import sys; sys.exit(sys.version_info < (3, 11, 5))'; then
    echo "error: python3 is $(python3 --version 2>&1); the pinned packages need Python 3.11.5 or newer" \
         "(pymdown-extensions 13.1). Put a newer python3 first on PATH and run this again." >&2
    exit 2
  fi
  python3 -m venv .venv
fi
