"""helpers/ui/display.py: matrices as the article prints them, in LaTeX and in plain text alike."""

import re

import numpy as np
import pytest
from IPython.core.formatters import DisplayFormatter

from helpers.ui import display
from helpers.ui.display import fmt, show
from tests.conftest import bad, check_bad_input

NUMBER = re.compile(r"-?\d+\.\d+|-?\d+")


def rendered(obj):
    """The MIME bundle IPython (and so JupyterLab and nbval) records for obj."""
    bundle, _ = DisplayFormatter().format(obj)
    return bundle


def cells_of_latex(latex):
    """The matrix cells of a LaTeX bmatrix, row by row."""
    body = re.search(r"\\begin\{bmatrix\}(.*)\\end\{bmatrix\}", latex).group(1)
    return [[c.strip() for c in row.split("&")] for row in body.split(r"\\")]


def cells_of_plain(plain):
    """The matrix cells of the text/plain form, row by row (the first line is the heading)."""
    return [line.strip("[] ").split() for line in plain.splitlines()[1:]]


def test_both_forms_are_recorded():
    bundle = rendered(show(np.eye(2), "I"))
    assert set(bundle) == {"text/latex", "text/plain"}
    assert bundle["text/latex"].startswith("$$I = \\begin{bmatrix}")
    assert bundle["text/plain"].startswith("I (2x2)")


def test_five_decimals():
    bundle = rendered(show([[0.123456789, -2.0], [1234.5, 1e-7]], "A"))
    want = [["0.12346", "-2.00000"], ["1234.50000", "0.00000"]]
    assert cells_of_latex(bundle["text/latex"]) == want
    assert cells_of_plain(bundle["text/plain"]) == want


@pytest.mark.parametrize("x", [-0.0, -1e-9, -0.000004, -4.9e-6])
def test_no_negative_zero(x):
    bundle = rendered(show([[x, 1.0]], "A"))
    assert "-0.00000" not in bundle["text/latex"] and "-0.00000" not in bundle["text/plain"]
    assert cells_of_latex(bundle["text/latex"])[0][0] == "0.00000"
    assert fmt(x) == "0.00000"
    assert fmt(x, 0) == "0"


def test_fmt():
    assert fmt(0.692572309) == "0.69257"
    assert fmt(-0.42392, 2) == "-0.42"
    assert fmt(252.0, 0) == "252"
    assert fmt(np.float64(0.5)) == "0.50000" and fmt(np.array(2)) == "2.00000"
    assert fmt(np.nan) == "nan" and fmt(-np.inf) == "-inf"


def test_fmt_of_huge_numbers_uses_powers_of_10():  # issue 10 item 16: fmt(1e308) printed 309 digits
    assert fmt(1e308) == "1.00000e+308"
    assert fmt(-2.5e9, 2) == "-2.50e+09"
    assert fmt(123456789.0) == "123456789.00000"  # below a billion: plain digits
    assert max(len(fmt(x)) for x in (1e308, -1.7e308, 1e-308, 5e-324)) <= 13


def test_long_matrix_is_elided():
    M = np.arange(20.0).reshape(10, 2)
    bundle = rendered(show(M, "M"))
    latex_rows = cells_of_latex(bundle["text/latex"])
    plain_rows = cells_of_plain(bundle["text/plain"])
    first = [[fmt(x) for x in row] for row in M[:4]]
    last = [fmt(x) for x in M[-1]]
    assert latex_rows == [*first, [r"\vdots", r"\vdots"], last]
    assert plain_rows == [*first, ["...", "..."], last]
    assert bundle["text/plain"].splitlines()[0] == "M (10x2)"  # the heading gives the true size


def test_max_rows():
    M = np.arange(10.0)[:, None]
    assert len(cells_of_latex(show(M, max_rows=10)._repr_latex_())) == 10  # fits: nothing elided
    assert cells_of_plain(repr(show(M, "M", max_rows=3))) == [["0.00000"], ["..."], ["9.00000"]]


def test_plain_text_carries_the_same_numbers_as_latex():
    rng = np.random.default_rng(0)
    for shape in [(1, 1), (3, 2), (4, 5), (9, 3)]:
        bundle = rendered(show(rng.normal(size=shape) * 10.0 ** rng.integers(-6, 3), "X"))
        assert cells_of_plain(bundle["text/plain"]) == [
            ["..." if c == r"\vdots" else c for c in row] for row in cells_of_latex(bundle["text/latex"])
        ]


def test_no_object_repr():
    """nbval compares text/plain exactly: it must not carry addresses or numpy reprs."""
    plain = rendered(show(np.float64(0.5) * np.ones((2, 2)), "A"))["text/plain"]
    assert "object" not in plain and "0x" not in plain and "np." not in plain and "array" not in plain


def test_a_vector_is_one_row_and_a_number_has_no_brackets():
    assert cells_of_latex(show([1.0, -2.0])._repr_latex_()) == [["1.00000", "-2.00000"]]
    bundle = rendered(show(np.float64(0.692572), r"\overline{CE}"))
    assert bundle["text/latex"] == r"$$\overline{CE} = 0.69257$$"
    assert bundle["text/plain"] == r"\overline{CE} = 0.69257"


def test_nan_and_inf_render_as_latex():
    latex = show([[np.nan, np.inf, -np.inf]])._repr_latex_()
    assert cells_of_latex(latex) == [[r"\text{nan}", r"\infty", r"-\infty"]]
    assert cells_of_plain(repr(show([[np.nan, np.inf]], "A"))) == [["nan", "inf"]]


BAD_INPUTS = [
    bad(display.show, lambda: show(np.ones((2, 2, 2))),
        r"^show needs a number, a vector or a matrix, got shape \(2, 2, 2\)"),
    bad(display.show, lambda: show(np.ones((0, 3))), r"^M is empty \(shape \(0, 3\)\)"),
    bad(display.show, lambda: show(np.eye(2), max_rows=2), r"^max_rows must be a whole number \(an int\) >= 3, got 2"),
    bad(display.show, lambda: show(np.eye(2), decimals=2.0), r"^decimals must be a whole number .*got 2.0 \(write 2\)"),
    bad(display.Matrix, lambda: display.Matrix(np.eye(2), decimals=16),
        r"^decimals must be a whole number \(an int\) from 0 to 15, got 16"),
    bad(display.fmt, lambda: fmt([1, 2]), r"^x must be a single number, got shape \(2,\)"),
    bad(display.fmt, lambda: fmt(1.0, -1), r"^decimals must be a whole number \(an int\) from 0 to 15, got -1"),
]


@pytest.mark.parametrize("function, call, message", BAD_INPUTS)
def test_bad_input(function, call, message):
    check_bad_input(call, message)
