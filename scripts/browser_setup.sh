#!/usr/bin/env bash
# What `make test-browser` needs besides the project's environment:
#   - Debian's chromium at /usr/bin/chromium (Playwright's own browser download is not used),
#   - the Python `playwright` package in the project's environment.
# Usage: bash scripts/browser_setup.sh .venv/bin/python
# Installs only what is missing; safe to run again.
set -euo pipefail

PY="${1:-.venv/bin/python}"
CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
PLAYWRIGHT_SPEC='playwright>=1.45,<2'

if [ ! -x "$PY" ]; then
    echo "browser_setup: no Python at $PY (run 'make setup' first)" >&2
    exit 1
fi

if [ -x "$CHROMIUM" ]; then
    echo "browser_setup: chromium present: $("$CHROMIUM" --version 2>/dev/null || echo "$CHROMIUM")"
else
    if [ "$(id -u)" -ne 0 ]; then
        echo "browser_setup: $CHROMIUM is missing and this is not root, so it cannot be installed here." >&2
        echo "browser_setup: install it as root:  apt-get update && apt-get install -y chromium" >&2
        exit 1
    fi
    if ! command -v apt-get >/dev/null 2>&1; then
        echo "browser_setup: $CHROMIUM is missing and there is no apt-get; install Chromium and set CHROMIUM=<path>" >&2
        exit 1
    fi
    echo "browser_setup: installing Debian's chromium (apt-get)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq chromium >/dev/null
    echo "browser_setup: installed $("$CHROMIUM" --version 2>/dev/null || echo "$CHROMIUM")"
fi

if "$PY" -c 'import playwright.sync_api' >/dev/null 2>&1; then
    echo "browser_setup: playwright present: $("$PY" -m pip show playwright 2>/dev/null | sed -n 's/^Version: //p')"
else
    echo "browser_setup: installing $PLAYWRIGHT_SPEC into $PY"
    "$PY" -m pip install --quiet "$PLAYWRIGHT_SPEC"
fi
