"""The exercises' checker (helpers/exercises/: the engine and a bank per notebook) and the
solutions outside the notebooks.

Every solution in solutions/ must pass its exercise; every planted mistake there (computed the
way a learner who made it would compute it, independently of the checker's own list) must fail
with the message of that mistake; no answer makes check raise."""

import importlib
import json
import re
import sys
import warnings
from pathlib import Path

import numpy as np
import pytest

from helpers import exercises

ROOT = Path(__file__).resolve().parent.parent
# The checks against the solutions are the teacher's: a learner's copy (make handout) has no
# solutions/, and runs the rest (the engine's own answers to odd input, typed, the hints).
needs_solutions = pytest.mark.skipif(not (ROOT / "solutions").is_dir(), reason=(
    "the teacher's checks of the exercises need solutions/, which a learner's copy (make handout) leaves out"))
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
    assert {i.split(".")[0] for i in ids} >= {"00a", "00b", "01", "02", "03", "04", "05", "06", "07", "08a", "08b",
                                              "10", "11"}
    for notebook in ("00a", "00b", "01", "02", "03", "04", "05", "06", "07", "08a", "08b"):
        assert 2 <= sum(i.startswith(notebook + ".") for i in ids) <= 4, notebook


@needs_solutions
def test_every_exercise_has_a_solution_file_and_a_notebook():
    assert sorted(SOLUTIONS) == sorted(exercises.ids())
    for i in exercises.ids():
        notebook = i.split(".")[0]
        assert notebook in NOTEBOOKS, f"{i}: no notebook {notebook}_*.ipynb"
        assert f"solutions/{NOTEBOOKS[notebook].stem}.py" in [f"solutions/{f.name}" for f in FILES], i


@pytest.mark.parametrize("exercise_id", sorted(SOLUTIONS))
@needs_solutions
def test_each_solution_passes(exercise_id):
    result = quietly(exercise_id, SOLUTIONS[exercise_id]())
    assert result.passed, result.message
    assert result.message.startswith(f"{exercise_id}: correct")


@needs_solutions
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
def test_unanswered_says_how_to_ask_for_the_hint_and_never_shows_it(exercise_id, capsys):
    first, second = quietly(exercise_id, ...), quietly(exercise_id, ...)
    assert not first.passed and first.message == second.message
    assert first.message == f"{exercise_id}: not attempted yet; exercises.hint('{exercise_id}') gives a hint."
    exercises.hint(exercise_id)
    assert capsys.readouterr().out == f"{exercise_id} hint: {exercises.EXERCISES[exercise_id].hint}\n"


ODD = [None, "0.5", b"1", float("nan"), np.inf, 1 + 2j, [[1, 2], [3]], object(), np.datetime64("2020-01-01"),
       {"a": 1}, [], np.ones((7, 7, 7)), lambda *args: None, (None, None), True]


@pytest.mark.parametrize("exercise_id", exercises.ids())
def test_odd_answers_are_wrong_answers_not_errors(exercise_id):
    for answer in ODD:
        result = quietly(exercise_id, answer)
        assert result.passed is False and isinstance(result.message, str) and result.message, answer


@needs_solutions
def test_a_wrong_number_says_where_counted_from_1_and_which_way():
    right = SOLUTIONS["06.2"]()
    wrong = right.copy()
    wrong[3, 1] += 0.25
    result = quietly("06.2", wrong)
    assert result.message == ("06.2: not yet: 1 of the 10 numbers are off; the furthest is in row 4, column 2, "
                              "where yours is too large.")
    assert quietly("02.1", [7, 3, 5, 4]).message.endswith("the furthest is as number 3, where yours is too large.")
    result = quietly("03.1", np.ones((2, 3)))
    assert "of shape (1, 2); yours has shape (2, 3)" in result.message


NUMBER = re.compile(r"[-+]?\d*\.?\d+(?:e[-+]?\d+)?")


NUMERIC = ["00a.2", "00a.3", "00b.3", "01.1", "01.2", "02.1", "02.2", "03.1", "03.2", "03.3", "04.1", "04.2",
           "04.3", "05.1", "05.2", "05.3", "05.4", "06.2", "06.3", "07.3", "10.1", "11.2"]


@pytest.mark.parametrize("exercise_id", NUMERIC)
@needs_solutions
def test_a_wrong_answer_is_not_told_the_right_one(exercise_id):
    """Neither the right value nor the distance to it: a wrong entry is located, not measured."""
    right = np.asarray(SOLUTIONS[exercise_id](), dtype=float)
    wrong = right + np.where(np.arange(right.size).reshape(right.shape) == 0, 3, 0)
    message = quietly(exercise_id, wrong).message
    told = [float(n) for n in NUMBER.findall(message.split(":", 1)[1])]
    secrets = {3, *right.ravel()} - {0, 1, 2, right.size}  # 0-2 and the size may be said for other reasons
    assert not any(np.isclose(n, v, rtol=1e-3) for n in told for v in secrets), message


def test_predictions_tell_the_measurement_only_after_a_letter():
    for answer in (None, "x", "", ["a"], 3):
        message = quietly("08b.1", answer).message
        assert "epoch" not in message and "0.6" not in message, message
        message = quietly("07.1", answer).message
        assert "loss" not in message, message
    assert "epoch" in quietly("08b.1", "c").message and "loss is" in quietly("07.1", "c").message


@needs_solutions
def test_a_wrong_step_size_is_not_told_how_far_the_right_one_is():
    best = SOLUTIONS["07.2"]()
    for pick in (0.02, 0.05, 0.1, 0.2, 0.25):
        if pick != best:
            message = quietly("07.2", pick).message
            assert str(best) not in message.replace(str(pick), "") and "off by" not in message, message
    assert "one of the step sizes" in quietly("07.2", 0.15).message


@needs_solutions
def test_counts_are_whole_numbers_and_their_nan_or_none_is_no_overflow():
    for exercise_id in ("02.1", "02.2", "10.1", "11.2"):
        right = SOLUTIONS[exercise_id]()
        assert quietly(exercise_id, np.asarray(right, dtype=float)).passed  # 16.0 is a whole number
        nudged = np.asarray(right, dtype=float) + 0.001
        assert "a count is a whole number; yours has" in quietly(exercise_id, nudged).message
        for odd in (float("nan"), [float("nan")] * np.size(right), [None] * np.size(right)):
            message = quietly(exercise_id, odd).message
            assert "e^z" not in message and ("nan" in message or "None" in message), message
    assert "yours has 16.001." in quietly("02.2", 16.001).message
    assert "e^z" in quietly("04.1", [[np.nan, 1], [0.5, 0.5]]).message  # softmax's overflow: the advice applies


def test_a_multiple_choice_answer_in_a_list_is_told_to_give_a_letter():
    message = quietly("06.1", ["a"]).message
    assert "unhashable" not in message and message.startswith('06.1: answer with one of the letters "a"'), message


def test_a_learners_sys_exit_is_a_wrong_answer():
    def leave(*args):
        sys.exit(1)

    for exercise_id, answer in (("08a.1", leave), ("11.1", (leave, leave))):
        result = quietly(exercise_id, answer)
        assert not result.passed and "sys.exit()" in result.message, result.message


def test_a_complex_leaky_relu_is_refused():
    def leaky(Z):
        return np.where(Z > 0, Z, 0.01 * Z) + 0j

    result = quietly("11.1", (leaky, lambda R: np.where(R > 0, 1.0, 0.01)))
    assert not result.passed and "real numbers" in result.message, result.message


def test_choices_accept_any_case_and_refuse_other_letters():
    assert quietly("06.1", " A ").passed
    assert "one of the letters" in quietly("06.1", "e").message


@pytest.mark.parametrize("bad", ["99.9", ["03.1"], None, 3.1])
def test_a_bad_exercise_id_is_a_value_error_listing_the_ids(bad):
    for ask in (lambda: exercises.check(bad, 1), lambda: exercises.hint(bad)):
        with pytest.raises(ValueError, match=r"exercise_id must be one of 00a\.1, 00a\.2, .*11\.2; got " + re.escape(
                str(bad) if not isinstance(bad, str) else repr(bad))):
            ask()


def test_each_notebooks_exercises_are_in_its_own_bank():
    for notebook in {i.split(".")[0] for i in exercises.ids()}:
        bank = (ROOT / "helpers" / "exercises" / f"nb{notebook}.py").read_text()
        ids = {i for i in exercises.ids() if i.startswith(notebook + ".")}
        assert set(re.findall(r'"(\d\d[ab]?\.\d)"', bank)) == ids, notebook


def test_answers_are_computed_not_read_from_the_reference():
    for bank in (ROOT / "helpers" / "exercises").glob("*.py"):
        source = bank.read_text()
        assert "article_worked_example" not in source and "json" not in source, bank.name


def test_shipped_notebooks_leave_every_exercise_unanswered():
    """Each exercise appears in its notebook once, as `answer = ...` checked by its id, and the
    recorded output is the 'not attempted yet' verdict (the notebooks ship without answers)."""
    for i in exercises.ids():
        cells = json.loads(NOTEBOOKS[i.split(".")[0]].read_text())["cells"]
        found = [c for c in cells if c["cell_type"] == "code" and re.search(
            rf"exercises\.check\(\s*[\"']{re.escape(i)}[\"']", "".join(c["source"]))]
        assert len(found) == 1, f"{i}: {len(found)} cells check it"
        assert re.search(r"=\s*\(?\s*\.\.\.\s*\)?", "".join(found[0]["source"])), f"{i}: the shipped cell is answered"
        text = "".join("".join(o.get("data", {}).get("text/plain", "")) for o in found[0]["outputs"])
        assert f"{i}: not attempted yet" in text, f"{i}: recorded output {text!r}"


def test_the_readme_lists_every_exercise():
    readme = (ROOT / "README.md").read_text()
    missing = [i for i in exercises.ids() if f"| {i} | `{NOTEBOOKS[i.split('.')[0]].stem}` | "
               f"{exercises.EXERCISES[i].question} |" not in readme]
    assert not missing, f"README.md's table of exercises lacks {missing}"


# --- exercises.typed: the check after a line the learner types (the blanks of make handout) ------


@pytest.fixture
def Z1():
    return np.array([[-0.42392, 1.12803], [-0.11433, 0.32380], [1.25645, 0.87617], [0.02983, 0.91020]])


def test_typed_right_prints_what_the_series_printed_and_returns_the_learners_value(Z1, capsys):
    mine = Z1 + 1e-17  # the same math in another order
    assert exercises.typed("Z1", mine, Z1, "nn.forward") is mine
    assert capsys.readouterr().out == "Z1 matches nn.forward's: True\n"


def test_typed_still_blank_lends_the_helpers_value_so_that_the_cells_below_run(Z1, capsys):
    lent = exercises.typed("Z1", ..., Z1, "nn.forward")
    assert capsys.readouterr().out == "Z1: not typed yet (using nn.forward's Z1 so that the cells below run)\n"
    assert np.array_equal(lent, Z1) and lent is not Z1
    lent[0, 0] = 5.0
    assert Z1[0, 0] == -0.42392, "the helper's matrix changed through the lent copy"


@pytest.mark.parametrize("wrong, says", [
    (lambda Z1: Z1.T, "Yours is its transpose, rows and columns swapped: 2 x 4 for 4 x 2."),
    (lambda Z1: Z1[1:], "Yours is 3 x 2; nn.forward's is 4 x 2."),
    (lambda Z1: Z1[0], "Yours is a vector of 2; nn.forward's is 4 x 2."),
    (lambda Z1: Z1.sum(), "Yours is a single number; nn.forward's is 4 x 2."),
    (lambda Z1: np.where(Z1 > 1.2, Z1 + 1, Z1), "1 of its 8 numbers differs, the first in row 3, column 1, "
                                                  "where yours is too large."),
    (lambda Z1: -Z1, "8 of its 8 numbers differ, the first in row 1, column 1, where yours is too large."),
    (lambda Z1: Z1 * (1 + 1e-9), "8 of its 8 numbers differ, the first in row 1, column 1, where yours is too small."),
    (lambda Z1: np.where(Z1 > 1.2, np.nan, Z1), "Yours has nan in row 3, column 1."),
    (lambda Z1: None, "Your Z1 is None (did a function forget to return it?)."),
    (lambda Z1: "X1 @ W1", "Your Z1 must be real numbers, got 'X1 @ W1' (a str)."),
    (lambda Z1: print, "Your Z1 is a function: call it and give what it returns."),
])
def test_typed_wrong_says_false_and_what_is_wrong_counted_from_1_never_the_right_value(Z1, wrong, says, capsys):
    mine = wrong(Z1)
    assert exercises.typed("Z1", mine, Z1, "nn.forward") is mine
    out = capsys.readouterr().out
    assert out == f"Z1 matches nn.forward's: False. {says}\n"
    assert not re.search(r"\d\.\d{3}", out), "the message shows a number of the right answer"


@pytest.mark.parametrize("args, message", [
    (("Z 1", ..., [[1.0]], "nn.forward"), "name must be the typed variable's name, e.g. 'Z1'; got 'Z 1' (a str)"),
    ((None, ..., [[1.0]], "nn.forward"), "name must be the typed variable's name, e.g. 'Z1'; got None"),
    (("Z1", ..., [[1.0]], ""), "helper must name the helper checked against, e.g. 'nn.forward'; got '' (a str)"),
    (("Z1", ..., [[np.nan]], "nn.forward"), "expected has a NaN value at index (0, 0)"),
    (("Z1", 1.0, "Z1", "nn.forward"), "expected must be an array of real numbers, got 'Z1' (a str)"),
])
def test_typed_refuses_bad_arguments_from_the_notebook_naming_them(args, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        exercises.typed(*args)


def test_typed_takes_a_single_number_in_any_shape(capsys):
    assert exercises.typed("loss", np.array([[0.69257]]), 0.69257, "nn.loss").shape == (1, 1)
    exercises.typed("loss", 0.7, np.float64(0.69257), "nn.loss")
    assert capsys.readouterr().out == ("loss matches nn.loss's: True\nloss matches nn.loss's: False. "
                                       "Yours is too large.\n")


def test_07_1s_step_changes_the_loss_visibly_at_5_decimals():
    """07.1 asks whether a longer step lowers the loss: the answer must show at 5 decimals
    (a step of 0.3 changed it by +0.000004, invisible in the printed losses)."""
    from helpers.exercises import nb07
    before, after = (round(nb07.loss_after_step(s), 5) for s in (0.0, nb07.LONG_STEP))
    assert after - before >= 1e-4
