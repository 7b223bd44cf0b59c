"""JupyterLab in headless Chromium: the server, the browser, and what a test does with a notebook.

The server runs from this Python environment on a free loopback port with a random token,
serves a copy of notebooks/ (and data/ beside it) in a temp folder, and keeps Jupyter's config,
data, runtime and IPython folders there too. It runs in its own process group and is stopped,
with every kernel it started, when the session ends, whatever happened.

Environment knobs (for working on this harness, not needed by `make test-browser`):
  BROWSER_TEST_NOTEBOOKS  folder of notebooks to test instead of notebooks/
  CHROMIUM                the browser binary (default /usr/bin/chromium)
  BROWSER_TEST_RUN_ALL_S  seconds one notebook's run-all may take (default 300)

Screenshots (PNG) go to build/screenshots/, emptied at the start of a run; a failed test leaves
FAILED-<test>.png there too. The terminal summary names the folder and the measured times.
"""

import contextlib
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
NOTEBOOKS = Path(os.environ.get("BROWSER_TEST_NOTEBOOKS", REPO / "notebooks")).resolve()
SCREENSHOTS = REPO / "build" / "screenshots"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
WIDGETS_PLUGIN = "@jupyter-widgets/jupyterlab-manager:plugin"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage", "--no-proxy-server",
]
SERVER_START_S = 90      # JupyterLab answering /api/status
APP_RESTORED_S = 90      # page loaded and JupyterLab restored, notebook open, kernel idle
RUN_ALL_S = float(os.environ.get("BROWSER_TEST_RUN_ALL_S", 300))  # one notebook's run-all
RENDER_S = 30            # MathJax and widget views after the run

# Results shown at the end of the run (terminal summary), filled by the tests.
REPORT = {"notebooks": [], "lines": []}


def notebook_names():
    """Every notebook to test, found when the tests are collected."""
    return sorted(p.name for p in NOTEBOOKS.glob("*.ipynb"))


# ---------------------------------------------------------------- JupyterLab server

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def children_of(pid):
    """Every live descendant of pid (read from /proc), so none is left running."""
    parents = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue
        fields = text[text.rindex(")") + 2:].split()
        parents.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = [], [pid]
    while todo:
        for child in parents.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    stat = Path(f"/proc/{pid}/stat")
    try:  # a zombie waits for its parent only
        return stat.read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


class Server:
    """One JupyterLab server; `api(...)` talks to its REST API with the token."""

    def __init__(self, tmp):
        self.tmp = tmp
        self.token = secrets.token_hex(24)
        self.root = tmp / "work" / "notebooks"
        shutil.copytree(NOTEBOOKS, self.root, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
        if (REPO / "data").is_dir():  # notebooks may read ../data
            shutil.copytree(REPO / "data", tmp / "work" / "data")
        self.env = dict(os.environ)
        for name in ("JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR", "IPYTHONDIR"):
            self.env[name] = str(tmp / name.lower())
            Path(self.env[name]).mkdir()
        self.env.pop("JUPYTER_PATH", None)
        self.env.pop("JUPYTER_CONFIG_PATH", None)
        settings = (Path(self.env["JUPYTER_CONFIG_DIR"]) / "lab" / "user-settings" / "@jupyterlab"
                    / "apputils-extension" / "notification.jupyterlab-settings")
        settings.parent.mkdir(parents=True)
        # Without this a "news" toast covers part of the page.
        settings.write_text(json.dumps({"fetchNews": "false", "checkForUpdates": False}))
        self.log = tmp / "jupyterlab.log"
        self.proc = None

    def start(self):
        for attempt in range(3):  # the free port can be taken between choosing and binding it
            self.port = free_port()
            self.url = f"http://127.0.0.1:{self.port}"
            cmd = [sys.executable, "-m", "jupyter", "lab", "--no-browser", "--ip=127.0.0.1",
                   f"--port={self.port}", "--allow-root", "--ServerApp.port_retries=0",
                   f"--IdentityProvider.token={self.token}", f"--ServerApp.root_dir={self.root}",
                   "--LabApp.expose_app_in_browser=True", "--LabApp.news_url=",
                   "--ServerApp.open_browser=False"]
            with open(self.log, "ab") as log:
                self.proc = subprocess.Popen(cmd, env=self.env, cwd=self.root, stdout=log,
                                             stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                             start_new_session=True)
            deadline = time.monotonic() + SERVER_START_S
            while time.monotonic() < deadline and self.proc.poll() is None:
                try:
                    self.api("GET", "/api/status", timeout=2)
                    return
                except (urllib.error.URLError, OSError):
                    time.sleep(0.25)
            if self.proc.poll() is None:
                self.stop()
                raise RuntimeError(f"JupyterLab did not answer within {SERVER_START_S} s.\n"
                                   + self.log_tail())
            self.proc.wait()
        raise RuntimeError("JupyterLab exited at start three times.\n" + self.log_tail())

    def log_tail(self, lines=40):
        text = self.log.read_text(errors="replace") if self.log.exists() else ""
        return f"--- last lines of {self.log} ---\n" + "\n".join(text.splitlines()[-lines:])

    def api(self, method, path, timeout=10):
        request = urllib.request.Request(self.url + path, method=method,
                                         headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = response.read()
        return json.loads(body) if body else None

    def delete_sessions(self, timeout=30):
        """Delete every session (shuts its kernel down) and wait until no kernel is left."""
        for session in self.api("GET", "/api/sessions"):
            self.api("DELETE", f"/api/sessions/{session['id']}", timeout=timeout)
        deadline = time.monotonic() + timeout
        while (kernels := self.api("GET", "/api/kernels")) and time.monotonic() < deadline:
            time.sleep(0.2)
        for kernel in kernels:  # a kernel without a session
            self.api("DELETE", f"/api/kernels/{kernel['id']}", timeout=timeout)

    def stop(self):
        """Stop the server's process group, then anything it started in other groups."""
        if self.proc is None or self.proc.poll() is not None:
            return []
        started = children_of(self.proc.pid)
        os.killpg(self.proc.pid, signal.SIGTERM)  # the server shuts its kernels down
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=10)
        left = [pid for pid in started if alive(pid)]
        for pid in left:  # kernels run in process groups of their own
            try:
                os.killpg(os.getpgid(pid), signal.SIGKILL)
            except ProcessLookupError:
                pass
        return left


def pytest_configure(config):
    # A CI timeout sends SIGTERM: turn it into KeyboardInterrupt, which pytest handles by
    # tearing the fixtures down, so the server, its kernels and the browser are stopped too.
    def interrupt(signum, frame):
        raise KeyboardInterrupt(f"signal {signum}")

    signal.signal(signal.SIGTERM, interrupt)


@contextlib.contextmanager
def serving(what="the series", notebook=None):
    """A JupyterLab server on a copy of notebooks/ (each notebook's bytes made by
    notebook(path), if given), started in a temporary folder and stopped, with its folder
    removed, after."""
    tmp = Path(tempfile.mkdtemp(prefix="browser-tests-"))
    lab = Server(tmp)
    for path in sorted(lab.root.glob("*.ipynb")) if notebook else []:
        path.write_bytes(notebook(NOTEBOOKS / path.name))
    try:
        lab.start()
        yield lab
    finally:
        left = lab.stop()
        shutil.rmtree(tmp, ignore_errors=True)
        if left:
            REPORT["lines"].append(f"killed {len(left)} process(es) left after the server of {what} stopped: {left}")


@pytest.fixture(scope="session")
def server():
    with serving() as lab:
        yield lab


# ---------------------------------------------------------------- browser

@pytest.fixture(scope="session")
def browser(server):
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"{CHROMIUM} not found: run `bash scripts/browser_setup.sh .venv/bin/python`")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("the playwright package is missing: run `bash scripts/browser_setup.sh .venv/bin/python`")
    env = dict(os.environ, XDG_CONFIG_HOME=str(server.tmp / "xdg-config"),
               XDG_CACHE_HOME=str(server.tmp / "xdg-cache"), HOME=str(server.tmp / "home"))
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
    REPORT["screenshots"] = SCREENSHOTS
    return SCREENSHOTS


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.call_failed = report.failed  # read by the `lab` fixture's teardown
    return report


@pytest.fixture
def lab(request, server, browser, screenshots):
    """A fresh browser page on the server; its sessions are deleted afterwards."""
    with page_on(request, server, browser, screenshots) as driver:
        yield driver


@contextlib.contextmanager
def page_on(request, server, browser, screenshots):
    """A fresh browser page on a server, as a LabPage; on a failure of the test a screenshot;
    after it, the page closed and the server's sessions deleted."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(30_000)
    driver = LabPage(server, page, screenshots)
    page.on("pageerror", lambda error: driver.console.append(f"page error: {error}"))
    page.on("console", lambda m: m.type == "error" and driver.console.append(f"console: {m.text}"))
    try:
        yield driver
    finally:
        if driver.console:
            print("browser console errors:\n  " + "\n  ".join(driver.console[:30]))
        if getattr(request.node, "call_failed", False):
            name = "".join(c if c.isalnum() or c in "._-" else "_" for c in request.node.name)
            try:
                page.screenshot(path=str(screenshots / f"FAILED-{name}.png"), timeout=10_000)
            except Exception as error:  # the page may be what broke
                print(f"no screenshot of the failure: {error}")
        context.close()
        server.delete_sessions()


# ---------------------------------------------------------------- driving a notebook

# JavaScript run in the page. Each snippet finds the notebook panel by its path again.
FIND = """
const app = window.jupyterapp;
const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));
const within = (promise, ms, what) => Promise.race([promise, sleep(ms).then(() => {
  throw new Error(`${what}: not done within ${ms / 1000} s`);
})]);
const findPanel = path => Array.from(app.shell.widgets('main'))
    .find(w => w.context && w.context.path === path && w.content && w.content.model);
"""

JS_OPEN = FIND + """
async ({path, timeoutMs, plugin}) => {
  const deadline = Date.now() + timeoutMs;
  try {
    await within(app.restored, timeoutMs, 'JupyterLab restored');
  } catch (e) { return {error: String(e)}; }
  const pluginKnown = app.hasPlugin(plugin);
  const pluginActive = app.isPluginActivated(plugin);
  let panel;
  while (!(panel = findPanel(path))) {
    if (Date.now() > deadline) {
      return {error: `${path} did not open; the main area shows: ` +
              Array.from(app.shell.widgets('main')).map(w => w.title.label).join(', ')};
    }
    await sleep(100);
  }
  try {
    await within(panel.context.ready, deadline - Date.now(), `${path} loaded`);
    await within(panel.sessionContext.ready, deadline - Date.now(), `${path}'s kernel session`);
  } catch (e) { return {error: String(e)}; }
  let status;
  while ((status = panel.sessionContext.session?.kernel?.status) !== 'idle') {
    if (Date.now() > deadline) return {error: `kernel of ${path} not idle but ${status}`};
    await sleep(100);
  }
  app.shell.activateById(panel.id);
  app.shell.collapseLeft();
  app.shell.collapseRight();
  await sleep(50);
  return {pluginKnown, pluginActive, current: app.shell.currentWidget === panel,
          kernel: panel.sessionContext.session.kernel.name};
}
"""

JS_RUN_ALL = FIND + """
async ({path, timeoutMs}) => {
  const panel = findPanel(path);
  app.shell.activateById(panel.id);
  const t0 = performance.now();
  const run = app.commands.execute('notebook:run-all-cells');
  const result = await Promise.race([
    run.then(ok => ({ok}), e => ({error: String(e)})),
    sleep(timeoutMs).then(() => ({timeout: true})),
  ]);
  result.seconds = (performance.now() - t0) / 1000;
  return result;
}
"""

JS_CELLS = FIND + """
({path}) => {
  const cells = panel => Array.from({length: panel.content.model.cells.length},
                                    (_, i) => panel.content.model.cells.get(i));
  return cells(findPanel(path)).map((cell, index) => {
    const info = {index, type: cell.type, source: cell.sharedModel.getSource()};
    if (cell.type !== 'code') return info;
    info.executionCount = cell.executionCount;
    info.outputs = Array.from({length: cell.outputs.length}, (_, j) => {
      const o = cell.outputs.get(j).toJSON();
      const data = o.data || {};
      return {type: o.output_type, name: o.name, ename: o.ename, evalue: o.evalue,
              text: o.output_type === 'stream' ? String(o.text).slice(0, 500) : undefined,
              mimes: Object.keys(data),
              latex: data['text/latex'] ? String(data['text/latex']) : undefined};
    });
    return info;
  });
}
"""

# The rendered state of the notebook's outputs, as a learner sees them.
JS_RENDERED = FIND + """
({path}) => {
  const node = findPanel(path).content.node;
  const all = sel => Array.from(node.querySelectorAll(sel));
  const latex = all('.jp-OutputArea-output[data-mime-type="text/latex"]');
  const outputs = all('.jp-Cell-outputArea > .jp-OutputArea-child > .jp-OutputArea-output');
  const views = outputs.filter(n => n.querySelector(':scope > .jupyter-widgets'));
  const text = all('.jp-OutputArea-output, .jp-MarkdownOutput').map(n => n.innerText).join('\\n');
  return {
    latex: latex.length,
    latexTypeset: latex.filter(n => n.querySelector('mjx-container')).length,
    rawBmatrix: text.includes('\\\\begin{bmatrix}'),
    widgetViews: views.length,
    widgetsLoading: (text.match(/Loading widget/g) || []).length,
    widgetErrors: all('.jupyter-widgets-error-widget').length
                  + (text.match(/Error displaying widget/g) || []).length,
  };
}
"""

JS_FULL_HEIGHT = FIND + """
({path}) => {
  const node = findPanel(path).content.node;
  const scroller = node.querySelector('.jp-WindowedPanel-outer') || node;
  scroller.scrollTop = 0;
  // up to the last cell's bottom, without the empty space JupyterLab leaves after it
  const cells = node.querySelectorAll('.jp-Cell');
  const last = cells.length ? cells[cells.length - 1].getBoundingClientRect().bottom : 0;
  const content = last ? last - scroller.getBoundingClientRect().top + 30 : scroller.scrollHeight;
  return window.innerHeight - scroller.clientHeight + Math.min(content, scroller.scrollHeight);
}
"""


# the index of the first code cell whose source holds `text`, marked with the CSS class `css`
JS_MARK_CELL = """
({path, text, css}) => {
  const app = window.jupyterapp;
  const panel = Array.from(app.shell.widgets('main')).find(w => w.context && w.context.path === path);
  const cells = panel.content.widgets;
  const index = cells.findIndex(c => c.model.type === 'code' && c.model.sharedModel.getSource().includes(text));
  if (index >= 0) cells[index].node.classList.add(css);
  return index;
}
"""

# a cell's execution count and the text of its outputs
JS_OUTPUT = """
({path, index}) => {
  const app = window.jupyterapp;
  const panel = Array.from(app.shell.widgets('main')).find(w => w.context && w.context.path === path);
  const cell = panel.content.model.cells.get(index);
  const outputs = Array.from({length: cell.outputs.length}, (_, j) => cell.outputs.get(j).toJSON());
  return {count: cell.executionCount,
          text: outputs.map(o => o.output_type === 'stream' ? String(o.text)
                                 : o.output_type === 'error' ? `${o.ename}: ${o.evalue}`
                                 : String((o.data || {})['text/plain'] || '')).join('\\n')};
}
"""


class LabPage:
    """One browser page on the server, driving one notebook the way a learner would."""

    def __init__(self, server, page, screenshots):
        self.server, self.page, self.screenshots = server, page, screenshots
        self.console = []
        self.path = None

    def js(self, script, **args):
        return self.page.evaluate(script, args)

    def open(self, path):
        """Open the notebook, check the widget front end, wait for its kernel to be idle."""
        self.path = path
        self.page.goto(f"{self.server.url}/lab/tree/{path}?token={self.server.token}&reset",
                       wait_until="domcontentloaded", timeout=APP_RESTORED_S * 1000)
        try:
            self.page.wait_for_function("() => window.jupyterapp && window.jupyterapp.restored",
                                        timeout=APP_RESTORED_S * 1000)
        except Exception as error:
            raise AssertionError(f"JupyterLab did not load within {APP_RESTORED_S} s: {error}\n"
                                 + self.server.log_tail()) from None
        state = self.js(JS_OPEN, path=path, timeoutMs=APP_RESTORED_S * 1000, plugin=WIDGETS_PLUGIN)
        assert "error" not in state, state.get("error")
        assert state["pluginKnown"], (
            f"the ipywidgets front end ({WIDGETS_PLUGIN}) is not installed in JupyterLab: "
            "is jupyterlab_widgets installed in the environment the server runs from?")
        assert state["pluginActive"], f"the ipywidgets front end ({WIDGETS_PLUGIN}) is installed but not active"
        assert state["current"], f"{path} is open but not the current widget"
        return state

    def run_all(self, timeout_s=RUN_ALL_S):
        """Run all cells through JupyterLab's own command; the seconds it took."""
        result = self.js(JS_RUN_ALL, path=self.path, timeoutMs=timeout_s * 1000)
        if result.get("timeout"):
            pending = [c["index"] for c in self.cells()
                       if c["type"] == "code" and c["source"].strip() and c["executionCount"] is None]
            raise AssertionError(f"{self.path}: run-all did not finish within {timeout_s} s; "
                                 f"code cells not run yet: {pending}")
        assert "error" not in result, f"{self.path}: notebook:run-all-cells failed: {result['error']}"
        return result

    def cells(self):
        return self.js(JS_CELLS, path=self.path)

    def retype(self, css_class, index, text):
        """Type `text` over the first line of the cell marked with css_class (cell `index`), run
        it (Shift+Enter) and return the text it shows, as a learner fills in a blank."""
        page = self.page
        editor = page.locator(f".{css_class} .cm-content")
        editor.scroll_into_view_if_needed()
        editor.click()
        page.keyboard.press("ControlOrMeta+Home")
        page.keyboard.press("Shift+End")  # the first line: `answer = ...` or a blank
        page.keyboard.type(text)
        before = self.js(JS_OUTPUT, path=self.path, index=index)["count"]
        page.keyboard.press("Shift+Enter")
        deadline = time.monotonic() + 30
        while True:
            state = self.js(JS_OUTPUT, path=self.path, index=index)
            if state["count"] not in (None, before) and state["text"]:
                return state["text"]
            assert time.monotonic() < deadline, f"nothing shown after typing {text!r}: {state}"
            page.wait_for_timeout(50)

    def rendered(self):
        return self.js(JS_RENDERED, path=self.path)

    def wait_rendered(self, expect_latex=0, expect_widgets=0, timeout_s=RENDER_S):
        """Wait until every LaTeX output is typeset and every widget view has loaded."""
        deadline = time.monotonic() + timeout_s
        while True:
            state = self.rendered()
            done = (state["latexTypeset"] == state["latex"] >= expect_latex
                    and state["widgetViews"] >= expect_widgets and not state["widgetsLoading"])
            if done or state["widgetErrors"] or time.monotonic() > deadline:
                return state
            time.sleep(0.2)

    def screenshot(self, name, full=True):
        """PNG of the notebook as a learner sees it; full=True: every cell, top to bottom."""
        path = self.screenshots / f"{name}.png"
        size = self.page.viewport_size
        if full:
            height = min(int(self.js(JS_FULL_HEIGHT, path=self.path)) + 10, 16000)
            self.page.set_viewport_size({"width": size["width"], "height": max(height, size["height"])})
            self.page.wait_for_timeout(500)  # layout, MathJax's re-measure, images
        try:
            self.page.screenshot(path=str(path))
        finally:
            if full:
                self.page.set_viewport_size(size)
        return path


# ---------------------------------------------------------------- report

def pytest_terminal_summary(terminalreporter):
    if "screenshots" not in REPORT and not REPORT["lines"]:
        return
    write = terminalreporter.write_line
    terminalreporter.section("JupyterLab in Chromium")
    for name, seconds in REPORT["notebooks"]:
        write(f"{name}: run all cells in the browser {seconds:.1f} s")
    for line in REPORT["lines"]:
        write(line)
    if "screenshots" in REPORT:
        write(f"screenshots: {REPORT['screenshots']}")
