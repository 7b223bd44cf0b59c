"""The learners' edition in JupyterLab, as a learner meets it: notebook 03 of the handout
(scripts/handout.py's blanks, made here from notebooks/) runs top to bottom with its blanks
untouched, each check saying "not typed yet"; the learner types the blank of Z1, runs the cell
with Shift+Enter, and the check under it passes; a transposed Z1 is told so.

The handout gets a JupyterLab server of its own (conftest's Server, serving the learners'
notebooks instead of notebooks/), on the shared browser."""

import importlib.util

import pytest

from conftest import JS_MARK_CELL, JS_OUTPUT, NOTEBOOKS, REPO, page_on, serving
from test_jupyterlab import problems_in

spec = importlib.util.spec_from_file_location("handout", REPO / "scripts" / "handout.py")
handout = importlib.util.module_from_spec(spec)
spec.loader.exec_module(handout)

NOTEBOOK = next(iter(sorted(NOTEBOOKS.glob("03_*.ipynb"))), None)
BLANK = "Z1 = ...  # X1 (N x 5) times W1 (5 x 2)"
TYPED = "Z1 = X1 @ W1  # X1 (N x 5) times W1 (5 x 2)"


@pytest.fixture(scope="module")
def handout_server():
    """JupyterLab serving the learners' edition of notebooks/ (data/ beside it)."""
    with serving("the handout", lambda path: handout.edit(f"notebooks/{path.name}", path.read_bytes())) as lab:
        yield lab


@pytest.fixture
def learner(request, handout_server, browser, screenshots):
    """A fresh page on the handout's server (as conftest's `lab`, on that server)."""
    with page_on(request, handout_server, browser, screenshots) as driver:
        yield driver


def test_a_learner_types_the_blank_of_z1_and_its_check_passes(learner):
    if NOTEBOOK is None:
        pytest.fail(f"notebook 03 is missing from {NOTEBOOKS}")
    learner.open(NOTEBOOK.name)
    index = learner.js(JS_MARK_CELL, path=learner.path, text=BLANK, css="blank-under-test")
    assert index >= 0, f"the handout's 03 has no blank {BLANK!r}"
    shipped = learner.page.evaluate(JS_OUTPUT, {"path": learner.path, "index": index})
    assert shipped == {"count": None, "text": ""}, f"the blank's cell ships with outputs: {shipped}"

    learner.run_all()
    problems = problems_in(learner.cells())
    assert not problems, "\n".join(problems)
    before = learner.page.evaluate(JS_OUTPUT, {"path": learner.path, "index": index})["text"]
    assert before.startswith("Z1: not typed yet (using nn.forward's Z1 so that the cells below run)"), before
    assert [c["source"] for c in learner.cells() if BLANK in c["source"]], "running the handout changed the blank"

    shown = learner.retype("blank-under-test", index, TYPED)
    assert shown.startswith("Z1 matches nn.forward's: True"), shown
    learner.page.locator(".blank-under-test").scroll_into_view_if_needed()
    learner.screenshot("handout_03_Z1_typed", full=False)
    shown = learner.retype("blank-under-test", index, "Z1 = (X1 @ W1).T")
    assert shown.startswith("Z1 matches nn.forward's: False. Yours is its transpose"), shown
