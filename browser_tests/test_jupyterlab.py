"""Every notebook, opened and run in JupyterLab in headless Chromium, as a learner would.

Per notebook: run all cells with JupyterLab's own command; every code cell ran and no output
is an error (read from the notebook model, not the page); LaTeX matrices are typeset by MathJax
and no raw \\begin{bmatrix} is visible; widget views load; a full-page screenshot is saved.
"""

import pytest

from conftest import NOTEBOOKS, REPORT, notebook_names

NAMES = notebook_names()
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"


def test_notebooks_found():
    assert NAMES, f"no notebooks found in {NOTEBOOKS}"


def problems_in(cells):
    """What a learner would see go wrong, read from the notebook model after run-all."""
    found = []
    for cell in cells:
        if cell["type"] != "code" or not cell["source"].strip():
            continue  # JupyterLab does not number an empty cell
        where = f"cell {cell['index']} ({cell['source'].splitlines()[0][:60]!r})"
        if cell["executionCount"] is None:
            found.append(f"{where} did not run")
        for out in cell["outputs"]:
            if out["type"] == "error":
                found.append(f"{where} raised {out['ename']}: {out['evalue']}")
            elif out["type"] == "stream" and out["name"] == "stderr":
                found.append(f"{where} wrote to stderr: {out['text']!r}")
    return found


@pytest.mark.parametrize("name", NAMES)
def test_notebook_runs_and_renders(lab, name):
    lab.open(name)
    result = lab.run_all()
    cells = lab.cells()
    REPORT["notebooks"].append((name, result["seconds"]))
    problems = problems_in(cells)
    assert not problems, f"{name}:\n  " + "\n  ".join(problems)
    assert result["ok"], f"{name}: JupyterLab reported that run-all did not succeed"

    outputs = [o for c in cells if c["type"] == "code" for o in c["outputs"]]
    latex = [o for o in outputs if o["latex"] and "bmatrix" in o["latex"]]
    widgets = [o for o in outputs if WIDGET_MIME in o["mimes"]]
    state = lab.wait_rendered(expect_latex=len(latex), expect_widgets=len(widgets))
    shot = lab.screenshot(name.removesuffix(".ipynb"))
    print(f"{name}: ran in {result['seconds']:.1f} s; screenshot {shot}")

    assert not state["widgetErrors"], f"{name}: {state['widgetErrors']} widget(s) show an error"
    assert not state["widgetsLoading"], (
        f"{name}: {state['widgetsLoading']} widget(s) still show 'Loading widget...' after the wait")
    assert state["widgetViews"] >= len(widgets), (
        f"{name}: {len(widgets)} widget output(s) in the model but {state['widgetViews']} widget "
        "view(s) on the page (a widget shown as text means the widget front end is missing)")
    if latex:
        assert state["latex"] >= len(latex), (
            f"{name}: {len(latex)} LaTeX matrix output(s) in the model but {state['latex']} on the page")
        assert state["latexTypeset"] == state["latex"], (
            f"{name}: MathJax typeset {state['latexTypeset']} of {state['latex']} LaTeX outputs")
    assert not state["rawBmatrix"], f"{name}: raw \\begin{{bmatrix}} is visible on the page"
