"""The built site (site/) served on localhost and opened in headless Chromium, offline.

`make site` builds it, `make test-site` runs these tests. The server is Python's http.server
on a free loopback port, in a thread of this process. Every browser request outside localhost
is aborted and recorded (a test failure: the site must be self-contained). Screenshots (PNG)
go to build/site-screenshots/, emptied at the start of a run.

Environment knobs: SITE_DIR (default site/), CHROMIUM (default /usr/bin/chromium).
"""

import functools
import http.server
import os
import tempfile
import threading
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SITE = Path(os.environ.get("SITE_DIR", REPO / "site")).resolve()
SCREENSHOTS = REPO / "build" / "site-screenshots"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [  # as in browser_tests/conftest.py
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage", "--no-proxy-server",
]
SETUP_HINT = "run `bash scripts/browser_setup.sh .venv-site/bin/python` (make test-site does)"

# Counted by the tests, printed at the end of the run.
TOTALS = {"pages": 0, "math elements": 0, "images": 0, "code blocks": 0, "links checked": 0,
          "requests blocked": 0, "start": time.monotonic()}
PAGES = []  # one line per page


def site_pages():
    """Every HTML page of the site (its theme's template fragments in _static/ are not pages)."""
    if not (SITE / "index.html").is_file():
        return []
    return sorted(p.relative_to(SITE).as_posix() for p in SITE.rglob("*.html")
                  if p.relative_to(SITE).parts[0] != "_static")


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@pytest.fixture(scope="session")
def site_url():
    if not (SITE / "index.html").is_file():
        pytest.fail(f"no site in {SITE}: run `make site` first")
    handler = functools.partial(QuietHandler, directory=str(SITE))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)  # port 0: a free one
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def browser():
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"{CHROMIUM} not found: {SETUP_HINT}")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail(f"the playwright package is missing: {SETUP_HINT}")
    with tempfile.TemporaryDirectory(prefix="site-tests-") as tmp:
        env = dict(os.environ, XDG_CONFIG_HOME=f"{tmp}/config", XDG_CACHE_HOME=f"{tmp}/cache",
                   HOME=f"{tmp}/home")
        with sync_playwright() as pw:
            chromium = pw.chromium.launch(executable_path=CHROMIUM, headless=True,
                                          args=CHROMIUM_ARGS, env=env)
            try:
                yield chromium
            finally:
                chromium.close()


@pytest.fixture(scope="session")
def screenshots():
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for old in SCREENSHOTS.glob("*.png"):
        old.unlink()
    return SCREENSHOTS


def pytest_terminal_summary(terminalreporter):
    if not TOTALS["pages"]:
        return
    seconds = time.monotonic() - TOTALS["start"]
    counts = ", ".join(f"{key} {value}" for key, value in TOTALS.items() if key != "start")
    for line in PAGES:
        terminalreporter.write_line(f"  {line}")
    terminalreporter.write_line(f"site: {counts}; {seconds:.1f} s; screenshots in {SCREENSHOTS}")
