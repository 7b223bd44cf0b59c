"""An exercise answered in JupyterLab, as a learner answers it: notebook 03's exercise 03.1.

Run all cells, then type an answer into the exercise's cell with the keyboard, run it with
Shift+Enter, and read the verdict under it: a correct answer passes; its transpose is refused with
the message that names the transpose."""

import pytest

from conftest import NOTEBOOKS
from test_jupyterlab import problems_in

NOTEBOOK = next(iter(sorted(NOTEBOOKS.glob("03_*.ipynb"))), None)
RIGHT = 'answer = nn.add_bias(data.load_stairs("train").X[5:6]) @ W1'  # image 6 through W1

JS_EXERCISE_CELL = """
({path, id}) => {
  const app = window.jupyterapp;
  const panel = Array.from(app.shell.widgets('main')).find(w => w.context && w.context.path === path);
  const cells = panel.content.widgets;
  const index = cells.findIndex(c => c.model.type === 'code'
                                     && c.model.sharedModel.getSource().includes(`exercises.check("${id}"`));
  if (index >= 0) cells[index].node.classList.add('exercise-under-test');
  return index;
}
"""

JS_VERDICT = """
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


def answer(lab, index, text):
    """Type `text` as the exercise cell's new first line (replacing `answer = ...`), run it, return the verdict."""
    page = lab.page
    editor = page.locator(".exercise-under-test .cm-content")
    editor.scroll_into_view_if_needed()
    editor.click()
    page.keyboard.press("ControlOrMeta+Home")
    page.keyboard.press("Shift+End")  # the first line: answer = ...
    page.keyboard.type(text)
    before = lab.page.evaluate(JS_VERDICT, {"path": lab.path, "index": index})["count"]
    page.keyboard.press("Shift+Enter")
    deadline = page.evaluate("() => performance.now()") + 30_000
    while True:
        state = page.evaluate(JS_VERDICT, {"path": lab.path, "index": index})
        if state["count"] not in (None, before) and state["text"]:
            return state["text"]
        assert page.evaluate("() => performance.now()") < deadline, f"no verdict after typing {text!r}: {state}"
        page.wait_for_timeout(50)


def test_an_exercise_answered_right_and_transposed(lab):
    if NOTEBOOK is None:
        pytest.fail(f"notebook 03 is missing from {NOTEBOOKS}")
    lab.open(NOTEBOOK.name)
    lab.run_all()
    problems = problems_in(lab.cells())
    assert not problems, "\n".join(problems)
    index = lab.page.evaluate(JS_EXERCISE_CELL, {"path": lab.path, "id": "03.1"})
    assert index >= 0, "no cell of notebook 03 checks exercise 03.1"
    shipped = lab.page.evaluate(JS_VERDICT, {"path": lab.path, "index": index})["text"]
    assert "03.1: not attempted yet" in shipped, shipped

    verdict = answer(lab, index, RIGHT)
    assert verdict.startswith("03.1: correct"), verdict
    verdict = answer(lab, index, f"answer = ({RIGHT[len('answer = '):]}).T")
    assert "transpose" in verdict and not verdict.startswith("03.1: correct"), verdict
    lab.page.locator(".exercise-under-test").scroll_into_view_if_needed()
    lab.screenshot("03_exercise_transposed", full=False)
