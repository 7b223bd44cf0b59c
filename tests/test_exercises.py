"""The exercises' checker (helpers/exercises.py) and the solutions outside the notebooks.

Every solution in solutions/ must pass its exercise; every planted mistake there (computed the
way a learner who made it would compute it, independently of the checker's own list) must fail
with the message of that mistake; no answer makes check raise."""

import importlib
import json
import re
import warnings
from pathlib import Path

import numpy as np
import pytest

from helpers import exercises

ROOT = Path(__file__).resolve().parent.parent
FILES = sorted((ROOT / "solutions").glob("[0-9]*.py"))
MODULES = {f.stem: importlib.import_module(f"solutions.{f.stem}") for f in FILES}
SOLUTIONS = {i: solve for m in MODULES.values() for i, solve in m.SOLUTIONS.items()}
PLANTED = [(i, name, wrong) for m in MODULES.values() for i, ms in m.MISTAKES.items() for name, wrong in ms.items()]
NOTEBOOKS = {p.stem[:p.stem.index("_")]: p for p in (ROOT / "notebooks").glob("*.ipynb")}


def quietly(exercise_id, answer):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return exercises.check(exercise_id, answer)


def test_at_least_25_exercises_across_00a_to_08_and_some_in_10_and_11():
    ids = exercises.ids()
    assert len([i for i in ids if i[:2] <= "08"]) >= 25
    assert {i.split(".")[0] for i in ids} >= {"00a", "00b", "01", "02", "03", "04", "05", "06", "07", "08", "10", "11"}
    for notebook in ("00a", "00b", "01", "02", "03", "04", "05", "06", "07", "08"):
        assert 2 <= sum(i.startswith(notebook + ".") for i in ids) <= 4, notebook


def test_every_exercise_has_a_solution_file_and_a_notebook():
    assert sorted(SOLUTIONS) == sorted(exercises.ids())
    for i in exercises.ids():
        notebook = i.split(".")[0]
        assert notebook in NOTEBOOKS, f"{i}: no notebook {notebook}_*.ipynb"
        assert f"solutions/{NOTEBOOKS[notebook].stem}.py" in [f"solutions/{f.name}" for f in FILES], i


@pytest.mark.parametrize("exercise_id", sorted(SOLUTIONS))
def test_each_solution_passes(exercise_id):
    result = quietly(exercise_id, SOLUTIONS[exercise_id]())
    assert result.passed, result.message
    assert result.message.startswith(f"{exercise_id}: correct")


def test_every_exercise_has_two_planted_mistakes():
    for i in exercises.ids():
        assert sum(p[0] == i for p in PLANTED) >= 2, f"{i} has fewer than two planted mistakes"


@pytest.mark.parametrize("exercise_id, name, wrong", PLANTED, ids=[f"{p[0]}-{p[1]}" for p in PLANTED])
def test_each_planted_mistake_is_named(exercise_id, name, wrong):
    result = quietly(exercise_id, wrong())
    assert not result.passed
    assert result.mistake == name, result.message
    assert result.message.startswith(f"{exercise_id}: not yet")


@pytest.mark.parametrize("exercise_id", exercises.ids())
def test_unanswered_shows_the_same_hint_every_time(exercise_id):
    first, second = quietly(exercise_id, ...), quietly(exercise_id, ...)
    assert not first.passed and first.message == second.message
    assert first.message == f"{exercise_id}: not attempted yet. Hint: {exercises.EXERCISES[exercise_id].hint}"


ODD = [None, "0.5", b"1", float("nan"), np.inf, 1 + 2j, [[1, 2], [3]], object(), np.datetime64("2020-01-01"),
       {"a": 1}, [], np.ones((7, 7, 7)), lambda *args: None, (None, None), True]


@pytest.mark.parametrize("exercise_id", exercises.ids())
def test_odd_answers_are_wrong_answers_not_errors(exercise_id):
    for answer in ODD:
        result = quietly(exercise_id, answer)
        assert result.passed is False and isinstance(result.message, str) and result.message, answer


def test_a_wrong_number_says_which_entry_and_by_how_much():
    right = SOLUTIONS["06.2"]()
    wrong = right.copy()
    wrong[3, 1] += 0.25
    result = quietly("06.2", wrong)
    assert "1 of the 10 numbers are off" in result.message and "entry (3, 1), by +0.25" in result.message
    result = quietly("03.1", np.ones((2, 3)))
    assert "of shape (1, 2); yours has shape (2, 3)" in result.message


def test_choices_accept_any_case_and_refuse_other_letters():
    assert quietly("06.1", " A ").passed
    assert "one of the letters" in quietly("06.1", "e").message


def test_unknown_exercise_is_an_error():
    with pytest.raises(ValueError, match="no exercise '99.9'"):
        exercises.check("99.9", 1)


def test_answers_are_computed_not_read_from_the_reference():
    source = (ROOT / "helpers" / "exercises.py").read_text()
    assert "article_worked_example" not in source and "json" not in source


def test_shipped_notebooks_leave_every_exercise_unanswered():
    """Each exercise appears in its notebook once, as `answer = ...` checked by its id, and the
    recorded output is the 'not attempted yet' verdict (the notebooks ship without answers)."""
    for i in exercises.ids():
        cells = json.loads(NOTEBOOKS[i.split(".")[0]].read_text())["cells"]
        found = [c for c in cells if c["cell_type"] == "code" and re.search(
            rf"exercises\.check\(\s*[\"']{re.escape(i)}[\"']", "".join(c["source"]))]
        assert len(found) == 1, f"{i}: {len(found)} cells check it"
        assert re.search(r"=\s*\.\.\.", "".join(found[0]["source"])), f"{i}: the shipped cell is answered"
        text = "".join("".join(o.get("data", {}).get("text/plain", "")) for o in found[0]["outputs"])
        assert f"{i}: not attempted yet" in text, f"{i}: recorded output {text!r}"


def test_the_readme_lists_every_exercise():
    readme = (ROOT / "README.md").read_text()
    missing = [i for i in exercises.ids() if f"| {i} | `{NOTEBOOKS[i.split('.')[0]].stem}` |" not in readme]
    assert not missing, f"README.md's table of exercises lacks {missing}"
