#!/usr/bin/env python3
"""Build the edition: python build.py [build|serve|check] [--root DIR]. See README.md."""

import sys

from edition.cli import main

if __name__ == "__main__":
    sys.exit(main())
