"""An exercise answered in JupyterLab, as a learner answers it: notebook 03's exercise 03.1.

Run all cells, then type an answer into the exercise's cell with the keyboard, run it with
Shift+Enter, and read the verdict under it: a correct answer passes; its transpose is refused with
the message that names the transpose."""

import pytest

from conftest import JS_MARK_CELL, JS_OUTPUT, NOTEBOOKS
from test_jupyterlab import problems_in

NOTEBOOK = next(iter(sorted(NOTEBOOKS.glob("03_*.ipynb"))), None)
RIGHT = 'answer = nn.add_bias(data.load_stairs("train").X[5:6]) @ W1'  # image 6 through W1


def test_an_exercise_answered_right_and_transposed(lab):
    if NOTEBOOK is None:
        pytest.fail(f"notebook 03 is missing from {NOTEBOOKS}")
    lab.open(NOTEBOOK.name)
    lab.run_all()
    problems = problems_in(lab.cells())
    assert not problems, "\n".join(problems)
    index = lab.js(JS_MARK_CELL, path=lab.path, text='exercises.check("03.1"', css="exercise-under-test")
    assert index >= 0, "no cell of notebook 03 checks exercise 03.1"
    shipped = lab.page.evaluate(JS_OUTPUT, {"path": lab.path, "index": index})["text"]
    assert "03.1: not attempted yet" in shipped, shipped

    verdict = lab.retype("exercise-under-test", index, RIGHT)
    assert verdict.startswith("03.1: correct"), verdict
    verdict = lab.retype("exercise-under-test", index, f"answer = ({RIGHT[len('answer = '):]}).T")
    assert "transpose" in verdict and not verdict.startswith("03.1: correct"), verdict
    lab.page.locator(".exercise-under-test").scroll_into_view_if_needed()
    lab.screenshot("03_exercise_transposed", full=False)
