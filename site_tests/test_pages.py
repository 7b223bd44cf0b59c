"""Every page of the built site in headless Chromium, with every request outside localhost blocked."""

import json
import re
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from conftest import PAGES, REPO, SITE, TOTALS, site_pages

# TeX that should have been rendered: $$, \begin{, \(, \[ and $...$ (no prices in this series).
RAW_MATH = re.compile(r"\$\$|\\begin\{|\\\(|\\\[|\$[^\s$][^$]*\$")

# Text of the page outside code, preformatted outputs and rendered math.
JS_VISIBLE_TEXT = """() => {
  const skip = 'pre, code, script, style, mjx-container, .highlight';
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const parts = [];
  while (walker.nextNode()) {
    const parent = walker.currentNode.parentElement;
    if (parent && !parent.closest(skip) && parent.offsetParent !== null) parts.push(walker.currentNode.data);
  }
  return parts.join(' ');
}"""

JS_MATH = """async () => {
  const math = Array.from(document.querySelectorAll('.math'));
  const loaded = Boolean(window.MathJax && MathJax.startup);  // not if its script failed
  if (math.length && loaded) await MathJax.startup.promise;
  return {math: math.length, loaded,
          rendered: math.filter(m => m.querySelector('mjx-container')).length,
          containers: document.querySelectorAll('mjx-container').length,
          errors: Array.from(document.querySelectorAll('mjx-merror')).map(e => e.textContent)};
}"""

JS_IMAGES = """() => Array.from(document.images).map(i => ({src: i.src, width: i.naturalWidth}))"""

JS_LINKS = """() => Array.from(document.querySelectorAll('a[href]')).map(a => a.href)"""

# The code cells' blocks that scroll sideways (wider content than box), with their longest line.
JS_WIDE_CODE = """() => Array.from(document.querySelectorAll('.cell_input pre'))
  .filter(pre => pre.offsetParent !== null && pre.scrollWidth > pre.clientWidth)
  .map(pre => pre.textContent.split('\\n').reduce((a, b) => b.length > a.length ? b : a, ''))"""

FETCHED = {}  # url without fragment -> (status, body), shared by all pages


def fetch(url):
    if url not in FETCHED:
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                FETCHED[url] = (response.status, response.read())
        except urllib.error.HTTPError as error:
            FETCHED[url] = (error.code, b"")
            error.close()
    return FETCHED[url]


def notebook_facts(page):
    """Whether the notebook behind a page has LaTeX (prose or outputs), and its PNG figures."""
    notebook = REPO / "notebooks" / (Path(page).stem + ".ipynb")
    if not page.startswith("notebooks/") or not notebook.is_file():
        return False, 0
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    outputs = [output.get("data", {}) for cell in cells for output in cell.get("outputs", [])]
    has_math = (any("$" in "".join(cell["source"]) for cell in cells
                    if cell["cell_type"] == "markdown")
                or any("text/latex" in data for data in outputs))
    return has_math, sum("image/png" in data for data in outputs)


@pytest.mark.parametrize("page", site_pages() or ["index.html"])
def test_page(page, site_url, browser, screenshots):
    url = urllib.parse.urljoin(site_url, page)
    blocked, errors = [], []

    def route(request_route):
        host = urllib.parse.urlsplit(request_route.request.url).hostname
        if host in ("127.0.0.1", "localhost"):
            request_route.continue_()
        else:
            blocked.append(request_route.request.url)
            request_route.abort()

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.route("**/*", route)
    browser_page = context.new_page()
    browser_page.set_default_timeout(30_000)
    browser_page.on("console", lambda m: m.type == "error" and errors.append(f"console: {m.text}"))
    browser_page.on("pageerror", lambda e: errors.append(f"page error: {e}"))
    browser_page.on("response", lambda r: r.status >= 400 and errors.append(f"{r.status}: {r.url}"))
    try:
        response = browser_page.goto(url, wait_until="load")
        assert response.status == 200, f"{url}: status {response.status}"
        math = browser_page.evaluate(JS_MATH)
        browser_page.wait_for_function("Array.from(document.images).every(i => i.complete)")
        images = browser_page.evaluate(JS_IMAGES)
        text = browser_page.evaluate(JS_VISIBLE_TEXT)
        links = browser_page.evaluate(JS_LINKS)
        wide_code = browser_page.evaluate(JS_WIDE_CODE)
        code_blocks = browser_page.locator(".cell_input pre").count()
        name = page.replace("/", "__").removesuffix(".html")
        browser_page.screenshot(path=str(screenshots / f"{name}.png"), full_page=True)
    finally:
        context.close()

    TOTALS["pages"] += 1
    TOTALS["math elements"] += math["containers"]
    TOTALS["images"] += len(images)
    TOTALS["code blocks"] += code_blocks
    TOTALS["requests blocked"] += len(blocked)
    assert not blocked, f"requests outside localhost (the site is not self-contained): {blocked}"
    assert not errors, "\n".join(errors)
    has_math, figures = notebook_facts(page)
    if math["math"] or has_math:
        assert math["loaded"], "MathJax did not load"
        assert math["math"] > 0 and math["rendered"] == math["math"], math
    assert not math["errors"], f"MathJax errors: {math['errors']}"
    raw = RAW_MATH.findall(text)
    assert not raw, f"raw TeX left in the visible text: {raw}"
    if page.startswith("notebooks/"):
        assert code_blocks, "no code cells found (.cell_input pre): has the page's layout changed?"
    assert not wide_code, f"code blocks that scroll sideways, by their longest line: {wide_code}"
    broken = [image["src"] for image in images if image["width"] == 0]
    assert not broken, f"images that did not load: {broken}"
    assert len(images) >= figures, f"{figures} PNG figures in the notebook, {len(images)} images"

    bad = []
    for link in links:
        target, _, anchor = link.partition("#")
        if not target.startswith(site_url):
            continue  # another site: not fetched
        TOTALS["links checked"] += 1
        status, body = fetch(target)
        if status != 200:
            bad.append(f"{link}: status {status}")
        elif anchor and target.endswith(".html"):
            anchor = urllib.parse.unquote(anchor)
            if not re.search(rf'id="{re.escape(anchor)}"', body.decode("utf-8", "replace")):
                bad.append(f"{link}: no anchor #{anchor}")
    PAGES.append(f"{page}: {math['containers']} math elements, {len(images)} images, "
                 f"{len(links)} links")
    assert not bad, "broken links:\n" + "\n".join(bad)


def test_pages_are_the_notebooks_and_the_landing_page():
    """One page per notebooks/*.ipynb, the landing page, Sphinx's index and search: no other."""
    expected = {"index.html", "genindex.html", "search.html"} | {
        f"notebooks/{nb.stem}.html" for nb in (REPO / "notebooks").glob("*.ipynb")}
    pages = set(site_pages())
    assert pages == expected, f"missing: {expected - pages}, unexpected: {pages - expected}"


def test_no_solutions_in_the_site():
    """solutions/ is never published: no path named so, no copy of any of its files."""
    site_files = [p for p in SITE.rglob("*") if p.is_file()]
    assert site_files, f"no site in {SITE}: run `make site` first"
    assert not [p for p in site_files if "solutions" in p.relative_to(SITE).parts]
    solutions = {p.read_bytes() for p in (REPO / "solutions").rglob("*") if p.is_file()}
    sizes = {len(content) for content in solutions}
    copied = [p for p in site_files if p.stat().st_size in sizes and p.read_bytes() in solutions]
    assert not copied, f"solution files in the site: {copied}"
