"""Exercises checked on the spot: the engine. The banks, one per notebook, are beside it
(nb03.py holds 03_forward_pass's exercises).

In a notebook:

    answer = ...                      # replace ... with your answer
    exercises.check("03.1", answer)
    exercises.hint("03.1")            # a hint, when you want one

`check` computes the right answer now, with the helpers the notebook teaches (never from a
stored file), compares yours with it, shows a verdict and returns a Result(passed, message,
mistake). A wrong answer is told what is wrong, never what is right: the shape it should have,
where it is off, or, when it matches a known mistake (the transpose, a missing bias column,
log10 for ln, ...), that mistake by name. Nothing you type makes `check` raise: a wrong type,
shape, NaN or None is a wrong answer too. Rows, columns and images are counted from 1.

`ids()` lists the exercises in order; EXERCISES[id].question says what each one asks.
Their solutions are in the repository's solutions/ folder, outside the notebooks.

The lines the learner types in 03-08 (the blanks of `make handout`) are each followed by

    Z1 = exercises.typed("Z1", Z1, fwd.Z1, "nn.forward")

which prints "Z1 matches nn.forward's: True" (or False and what is wrong), and while the line
is still `Z1 = ...` says it is not typed yet and gives back the helper's Z1, so that the cells
below run.
"""

import html
from typing import Callable, NamedTuple

import numpy as np

from helpers import checks

TOLERANCE = {"rtol": 1e-4, "atol": 1e-5}  # answers typed to 5 decimals pass, 4 do not always
OVERFLOW = "If it came from e^z of a large z, it overflowed: subtract each row's largest value first."


class Result:
    """A verdict: passed (bool), message (str), and the known mistake it matched (or None)."""

    def __init__(self, passed, message, mistake=None):
        self.passed, self.message, self.mistake = passed, message, mistake
        self.shown = False

    def __repr__(self):
        return self.message

    def _ipython_display_(self):  # shown once, whether check() showed it or the cell's last line did
        if self.shown:
            return
        from IPython.display import display

        colour = "#e6f4ea" if self.passed else "#fdecea" if self.mistake != "not attempted" else "#f1f3f4"
        box = (f'<div style="background:{colour};padding:6px 10px;border-radius:4px">'
               f"{html.escape(self.message)}</div>")
        display({"text/plain": self.message, "text/html": box}, raw=True)
        self.shown = True


class Exercise(NamedTuple):
    id: str  # "03.1": notebook 03, exercise 1
    question: str  # one line, for the README's table
    hint: str  # shown by hint(id)
    judge: Callable  # answer -> Result, its message without the id


EXERCISES = {}


def exercise(exercise_id, question, hint, judge):
    """Register an exercise (the banks are imported in the order of the notebooks)."""
    EXERCISES[exercise_id] = Exercise(exercise_id, question, hint, judge)


def numeric(exercise_id, question, hint, expected, shape, mistakes=dict, whole=False, overflow=False):
    """Register an exercise whose answer is a number or a matrix: expected() computes it,
    mistakes() gives {name: (the wrong answer, what went wrong)}, shape says in words what the
    answer looks like. whole: the answer is made of counts (a fraction is wrong); overflow: the
    exercise takes e^z, so a NaN or inf gets advice about overflow."""
    exercise(exercise_id, question, hint,
             lambda answer: compare(answer, expected(), shape, mistakes(), whole, overflow))


def multiple_choice(exercise_id, question, hint, options, right, reveal=None):
    """Register a multiple-choice exercise: options maps each letter to what a learner who picks
    it hears (for the right one: why it is right); right is the letter or a function giving it.
    reveal(): for a prediction (options then say what each letter predicts), what was
    measured: told once a letter is given, never before."""
    exercise(exercise_id, question, hint, letter_judge(options, right, reveal))


def ids():
    """Every exercise id, in the order of the notebooks."""
    return list(EXERCISES)


def find(exercise_id):
    """The exercise of that id, or a ValueError naming it and listing the ids."""
    if not isinstance(exercise_id, str) or exercise_id not in EXERCISES:
        raise ValueError(f"exercise_id must be one of {', '.join(EXERCISES)}; got {checks.describe(exercise_id)}")
    return EXERCISES[exercise_id]


def check(exercise_id, answer):
    """Compare answer with exercise_id's right answer; show the verdict and return it."""
    result = verdict(find(exercise_id), answer)
    try:
        from IPython import get_ipython

        if get_ipython() is not None:
            from IPython.display import display

            display(result)
    except ImportError:  # no IPython: the returned result is all there is
        pass
    return result


def hint(exercise_id):
    """Print exercise_id's hint (asked for, never shown before an attempt)."""
    e = find(exercise_id)
    print(f"{e.id} hint: {e.hint}")


def verdict(e, answer):
    """The verdict on answer for exercise e, its message led by the id (never raises on a
    learner's answer, not even on a function of theirs that calls sys.exit())."""
    if answer is Ellipsis:
        return Result(False, f"{e.id}: not attempted yet; exercises.hint({e.id!r}) gives a hint.", "not attempted")
    try:
        result = e.judge(answer)
    except SystemExit:
        result = Result(False, "not yet: your function called sys.exit() (or exit()), which stops the "
                               "program; return the answer instead.")
    except Exception as error:  # a learner's function that raises, an answer of a strange type
        result = Result(False, f"not yet. Working with your answer raised {type(error).__name__}: {error}")
    return Result(result.passed, f"{e.id}: {result.message}", result.mistake)


# --- comparing numbers ------------------------------------------------------------------------------


def as_numbers(answer, yours="your answer"):
    """answer as a float array, or a string saying why it is not one (yours: what to call it)."""
    if answer is None:
        return f"{yours} is None (did a function forget to return it?)"
    if callable(answer) and not isinstance(answer, np.ndarray):
        return f"{yours} is a function: call it and give what it returns"
    try:
        A = np.asarray(answer)
    except (TypeError, ValueError) as error:
        return f"{yours} could not be read as numbers ({error})"
    if A.dtype == object:
        nones = [index for index, x in np.ndenumerate(A) if x is None]
        if nones:
            return f"{yours} has None{position(nones[0], A.shape)}"
    if A.dtype.kind not in "iufO":  # bool, complex, str, bytes, dates, records
        return f"{yours} must be real numbers, got {checks.describe(answer)}"
    try:
        return A.astype(float)
    except (TypeError, ValueError) as error:
        return f"{yours} could not be read as numbers ({error})"


def position(index, shape):
    """Where index is, counted from 1 as the course counts: " in row 2, column 1"."""
    index = [int(i) + 1 for i in index]
    if len(shape) == 2:
        return f" in row {index[0]}, column {index[1]}"
    if len(shape) == 1:
        return f" as number {index[0]}"
    return f" at position {tuple(index)}" if index else ""


def same(A, B):
    """True when A and B have the same shape (a single number in any shape counts as a number)
    and agree within the tolerance."""
    A, B = np.asarray(A, dtype=float), np.asarray(B, dtype=float)
    if A.size == 1 and B.size == 1:
        A, B = A.reshape(()), B.reshape(())
    return A.shape == B.shape and bool(np.allclose(A, B, **TOLERANCE))


def compare(answer, expected, shape, known, whole=False, overflow=False):
    """The verdict on a number or matrix: right, a known mistake, or where it is off (never
    by how much: that would give the answer away)."""
    expected = np.asarray(expected, dtype=float)
    A = as_numbers(answer)
    if isinstance(A, str):
        return Result(False, f"not yet: {A}. Expected {shape}.")
    if A.size and not np.isfinite(A).all():
        where = tuple(np.argwhere(~np.isfinite(A))[0])
        advice = OVERFLOW if overflow else f"Expected {shape}."
        return Result(False, f"not yet: your answer has {A[where]}{position(where, A.shape)}. {advice}")
    if whole and not (A == np.round(A)).all():
        where = tuple(np.argwhere(A != np.round(A))[0])
        return Result(False, f"not yet: a count is a whole number; yours has {A[where]:g}{position(where, A.shape)}.")
    if same(A, expected):
        return Result(True, "correct.")
    if expected.ndim == 2 and not same(expected, expected.T):
        transpose = f"you have the transpose: rows and columns swapped. The answer is {shape}"
        known = {"transpose": (expected.T, transpose)} | known
    for name, (wrong, why) in known.items():
        if same(A, wrong) and not same(wrong, expected):
            return Result(False, f"not yet: {why}.", name)
    if A.size != expected.size or (A.shape != expected.shape and expected.size > 1):
        return Result(False, f"not yet: the answer is {shape}, of shape {expected.shape}; yours has shape {A.shape}.")
    A = A.reshape(expected.shape)
    if expected.ndim == 0:
        return Result(False, f"not yet: yours is too {'large' if A > expected else 'small'}.")
    off = ~np.isclose(A, expected, **TOLERANCE)
    worst = np.unravel_index(np.argmax(np.where(off, np.abs(A - expected), -1)), expected.shape)
    return Result(False, f"not yet: {int(off.sum())} of the {expected.size} numbers are off; the furthest is"
                         f"{position(worst, expected.shape)}, where yours is too "
                         f"{'large' if A[worst] > expected[worst] else 'small'}.")


# --- a line the learner types -------------------------------------------------------------------

TYPED = {"rtol": 1e-12, "atol": 1e-15}  # the same math in another order passes, a slip does not


def typed(name, value, expected, helper):
    """Check a line the learner typed, `name = ...`, against the helper's value: print
    "Z1 matches nn.forward's: True", or False and what is wrong (the shape, the first entry
    that is off, counted from 1; never the right value). Return value, right or wrong; while
    value is still ... (the blank of make handout), print that it is not typed yet and return
    a copy of expected, so that the cells below run. Nothing typed makes it raise."""
    if not isinstance(name, str) or not name.isidentifier():
        raise ValueError(f"name must be the typed variable's name, e.g. 'Z1'; got {checks.describe(name)}")
    if not isinstance(helper, str) or not helper:
        raise ValueError(f"helper must name the helper checked against, e.g. 'nn.forward'; got "
                         f"{checks.describe(helper)}")
    expected = checks.array(expected, "expected")
    if value is Ellipsis:
        print(f"{name}: not typed yet (using {helper}'s {name} so that the cells below run)")
        return expected.copy()
    wrong = typed_mistake(name, value, expected, helper)
    print(f"{name} matches {helper}'s: {wrong is None}" + (f". {wrong}." if wrong else ""))
    return value


def typed_mistake(name, value, expected, helper):
    """What is wrong with the typed value (a sentence), or None when it is right."""
    A = as_numbers(value, f"your {name}")
    if isinstance(A, str):
        return A[0].upper() + A[1:]
    if A.size == 1 and expected.size == 1:  # a single number in any shape is a number
        A = A.reshape(expected.shape)
    if A.shape != expected.shape:
        if A.shape == expected.T.shape and np.allclose(A, expected.T, **TYPED):
            return f"Yours is its transpose, rows and columns swapped: {size(A.shape)} for {size(expected.shape)}"
        return f"Yours is {size(A.shape)}; {helper}'s is {size(expected.shape)}"
    if not np.isfinite(A).all():
        where = tuple(np.argwhere(~np.isfinite(A))[0])
        return f"Yours has {A[where]}{position(where, A.shape)}"
    off = ~np.isclose(A, expected, **TYPED)
    if not off.any():
        return None
    first = tuple(np.argwhere(off)[0])
    if A.size == 1:
        return f"Yours is too {'large' if A[first] > expected[first] else 'small'}"
    return (f"{int(off.sum())} of its {A.size} numbers {'differ' if off.sum() > 1 else 'differs'}, "
            f"the first{position(first, A.shape)}, "
            f"where yours is too {'large' if A[first] > expected[first] else 'small'}")


def size(shape):
    """A shape in the course's words: "4 x 2", "a vector of 3", "a single number"."""
    if len(shape) == 0:
        return "a single number"
    if len(shape) == 1:
        return f"a vector of {shape[0]}"
    return " x ".join(str(n) for n in shape)


# --- multiple choice ---------------------------------------------------------------------------------


def letter_judge(options, right, reveal=None):
    """A judge for a multiple-choice question (see multiple_choice)."""
    letters = ", ".join(f'"{k}"' for k in options)

    def judge(answer):
        if not isinstance(answer, str) or answer.strip().lower() not in options:
            return Result(False, f"answer with one of the letters {letters}, as a string; got "
                                 f"{checks.describe(answer)}.")
        letter = answer.strip().lower()
        if letter == (right() if callable(right) else right):
            return Result(True, f"correct: {options[letter]}" + (f": {reveal()}." if reveal else "."))
        said = f"you predicted {options[letter]}: {reveal()}" if reveal else options[letter]
        return Result(False, f"not yet: {said}.", f"choice {letter}")

    return judge


# The banks, in the order of the notebooks (each registers its exercises on import).
from helpers.exercises import nb00a, nb00b, nb01, nb02, nb03, nb04, nb05, nb06, nb07, nb08a, nb08b, nb10, nb11  # noqa: E402
