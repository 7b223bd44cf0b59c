"""site_src/build.py on a small made-up repository: which output format a page shows, the
landing page made from its README, the playground note, and that solutions/ stays out."""

import json
import re
import subprocess
import sys

import pytest
from conftest import REPO

# A 1x1 PNG.
PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="
WIDGET = {"model_id": "5bf39707cca9449d8dc6997592fd1e34", "version_major": 2, "version_minor": 0}
SECRET = "SOLUTION-MARKER-0451"

README = """# A made-up series

The introduction, from the README.

## Quick start

    make lab

## The notebooks

| notebook | what it shows |
|---|---|
| `01_widgets` | outputs with a widget view |
| `02_missing` | a row without a notebook |

More text that is not on the landing page.
"""


def text(html):
    """The words of a page, without its tags."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def markdown(text):
    return {"cell_type": "markdown", "metadata": {}, "source": text}


def code(source, *outputs):
    return {"cell_type": "code", "metadata": {}, "source": source, "execution_count": 1,
            "outputs": [{"output_type": "execute_result", "execution_count": 1, "metadata": {},
                         "data": data} for data in outputs]}


def notebook(*cells, metadata=None):
    metadata = dict(metadata or {}, language_info={"name": "python"},
                    kernelspec={"name": "python3", "display_name": "Python 3", "language": "python"})
    return {"nbformat": 4, "nbformat_minor": 5, "metadata": metadata,
            "cells": [dict(cell, id=f"cell-{i}") for i, cell in enumerate(cells)]}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    repo = tmp_path_factory.mktemp("repo")
    (repo / "README.md").write_text(README)
    (repo / "notebooks").mkdir()
    model = {"model_name": "VBoxModel", "model_module": "@jupyter-widgets/controls",
             "model_module_version": "2.0.0", "state": {"children": []}}
    state = {"application/vnd.jupyter.widget-state+json": {
        "state": {WIDGET["model_id"]: model}, "version_major": 2, "version_minor": 0}}
    widgets = notebook(
        markdown("# 01 Widgets\n\nProse math $\\alpha$ and\n\n$$A = \\begin{bmatrix} 1 \\\\ 2 \\end{bmatrix}$$"),
        code("pg.widget", {"application/vnd.jupyter.widget-view+json": WIDGET,
                           "image/png": PNG, "text/plain": "VBox(children=(WITH-PICTURE,))"}),
        code("pg.stepper", {"application/vnd.jupyter.widget-view+json": WIDGET,
                            "text/plain": "VBox(children=(NO-PICTURE,))"}),
        code("show(A)", {"text/latex": "$$A = \\begin{bmatrix} 1 \\\\ 2 \\end{bmatrix}$$",
                         "text/plain": "A (2x1)"}),
        markdown("**Exercise.** Why?\n\n<details><summary>Hint</summary>\n\nMath in a hint: $x^2$.\n\n</details>"),
        metadata={"widgets": state})
    (repo / "notebooks" / "01_widgets.ipynb").write_text(json.dumps(widgets))
    (repo / "notebooks" / "00_plain.ipynb").write_text(json.dumps(notebook(markdown("# 00 Plain"))))
    secret = json.dumps(notebook(markdown(f"# Solution\n\n{SECRET}")))
    for folder in (repo / "solutions", repo / "notebooks" / "solutions"):
        folder.mkdir()
        (folder / "01_widgets_solution.ipynb").write_text(secret)
    out = repo / "site"
    result = subprocess.run([sys.executable, str(REPO / "site_src" / "build.py"), "--repo", str(repo)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def test_picture_before_widget_view_and_text(built):
    page = (built / "notebooks" / "01_widgets.html").read_text()
    assert "WITH-PICTURE" not in page  # the image/png of the same bundle is shown instead
    assert page.count("<img") == 1
    assert "VBox(children=(NO-PICTURE,))" in page  # no picture: the text, not an empty widget view
    assert "widget-view+json" not in page.split("widget-state+json")[0]


def test_no_widget_javascript_and_mathjax_from_the_site(built):
    page = (built / "notebooks" / "01_widgets.html").read_text()
    assert "require.js" not in page and "embed-amd.js" not in page
    assert 'src="../_static/mathjax/tex-chtml.js"' in page
    assert (built / "_static" / "mathjax" / "tex-chtml.js").is_file()


def test_math_in_prose_and_outputs(built):
    page = (built / "notebooks" / "01_widgets.html").read_text()
    math = re.findall(r'class="([^"]*\bmath notranslate nohighlight)"', page)
    assert len(math) == 4, math  # $\alpha$, $$...$$, the text/latex output, $x^2$ in <details>
    assert "output text_latex math notranslate nohighlight" in math
    assert "<details><summary>Hint</summary>" in page


def test_notes_and_source_download(built):
    page = (built / "notebooks" / "01_widgets.html").read_text()
    assert "run make lab , then open 01_widgets.ipynb in JupyterLab" in text(page)
    assert 'href="../_sources/notebooks/01_widgets.ipynb"' in page
    assert (built / "_sources" / "notebooks" / "01_widgets.ipynb").is_file()
    plain = (built / "notebooks" / "00_plain.html").read_text()
    assert "_sources/notebooks/00_plain.ipynb" in plain and "make lab" not in text(plain)


def test_landing_page_from_the_readme(built):
    index = (built / "index.html").read_text()
    assert "The introduction, from the README." in index
    assert 'href="notebooks/01_widgets.html"' in index and "02_missing" in index
    assert "More text that is not on the landing page." not in index
    assert "Quick start" not in index


def test_pages_in_name_order(built):
    first = (built / "notebooks" / "00_plain.html").read_text()
    assert 'class="right-next"' in first and 'href="01_widgets.html"' in first


def test_solutions_stay_out(built):
    files = [p for p in built.rglob("*") if p.is_file()]
    assert not [p for p in files if "solution" in p.name or "solutions" in p.parts]
    assert not [p for p in files if SECRET.encode() in p.read_bytes()]


def test_the_readmes_table_names_every_notebook_of_the_series():
    """The landing page's table is the README's: each notebook of the series (08a and 08b since
    08 was split) has its row there, and each row its notebook."""
    readme = (REPO / "README.md").read_text(encoding="utf-8").splitlines()
    start = readme.index("## The notebooks")
    end = next((i for i in range(start + 1, len(readme)) if readme[i].startswith("## ")), len(readme))
    rows = {m.group(1) for line in readme[start:end] if (m := re.match(r"^\| `([^`]+)` \|", line))}
    notebooks = {p.stem for p in (REPO / "notebooks").glob("*.ipynb")}
    assert rows == notebooks, f"rows without a notebook: {sorted(rows - notebooks)}; " \
                              f"notebooks without a row: {sorted(notebooks - rows)}"
