"""helpers/checks.py: one checker per kind of input, each returning the input in the form the
math needs or raising a ValueError that names the argument, shows the value and says what is
allowed. The last test makes sure every public function of the math modules refuses at
least one bad input, with the tables of tests/test_<module>.py."""

import datetime
import inspect
from fractions import Fraction
from typing import NamedTuple

import numpy as np
import pytest

from helpers import checks, data, gradcheck, nn, optim, training
from tests.conftest import bad, check_bad_input, with_value

# --- what the checkers accept, and how they hand it back ---------------------------------------


def test_number_returns_a_float():
    for x in (3, np.int64(3), np.float32(3.0), np.array(3.0), Fraction(3)):
        assert checks.number(x, "x") == 3.0 and type(checks.number(x, "x")) is float
    assert checks.number(0.0, "x", low=0) == 0.0  # the bounds are inclusive
    assert checks.number(1.0, "x", high=1) == 1.0


def test_count_returns_an_int():
    for n in (5, np.int64(5), np.uint8(5), np.array(5)):
        assert checks.count(n, "n") == 5 and type(checks.count(n, "n")) is int


def test_array_returns_a_float_array():
    M = checks.array([[1, 2], [3, 4]], "M", ndim=2)
    assert M.dtype == float and M.tolist() == [[1, 2], [3, 4]]
    assert checks.array([True, False], "M").tolist() == [1.0, 0.0]
    np.testing.assert_array_equal(checks.array([[np.inf]], "M", allow="inf"), [[np.inf]])
    assert np.isnan(checks.array([np.nan, np.inf], "M", allow="nan")).tolist() == [True, False]


def test_generator():
    assert checks.generator(2**31).random() == np.random.default_rng(2**31).random()  # any seed numpy takes
    rng = np.random.default_rng(1)
    assert checks.generator(rng) is rng  # the caller's draws continue from where they were
    assert checks.generator(7).random() == np.random.default_rng(7).random()
    assert isinstance(checks.generator(None), np.random.Generator)


def test_targets_and_network_return_what_they_were_given():
    X1, W1, W2 = nn.add_bias(np.ones((3, 2))), np.ones((3, 4)), np.ones((5, 2))
    for given, got in zip((X1, W1, W2), checks.network(X1, W1, W2)):
        np.testing.assert_array_equal(given, got)
    np.testing.assert_array_equal(checks.targets(np.eye(2)[[0, 1, 1]], 3, 2), np.eye(2)[[0, 1, 1]])


class _Result(NamedTuple):
    Z: np.ndarray


@checks.checked(checks.network, activation=lambda a, name: checks.one_of(a, name, ["x"]), overflow={"Z": "Z = X1 W1"})
def _product(X1, W1, W2, activation="x"):
    """A checked function for the tests: X1 W1 doubled by another checked function."""
    return _Result(_double(X1 @ W1))


def test_checked_checks_once_at_the_boundary_and_cleans_the_arguments():
    X1, W1, W2 = [[1, 2.0]], [[1.0], [2.0]], [[1.0], [1.0]]  # lists in, float arrays to the body
    np.testing.assert_array_equal(_product(X1, W1, W2).Z, [[10.0]])
    with pytest.raises(ValueError, match=r"^activation must be one of 'x'; got 'y'"):
        _product(X1, W1, W2, activation="y")
    with pytest.raises(ValueError, match=r"^W1 has a NaN value"):
        _product(X1, [[np.nan], [1.0]], W2)


def test_checked_calls_inside_skip_input_checks_but_not_overflow_checks():
    with pytest.raises(ValueError, match=r"^the double overflowed"):  # nested in _product, still checked
        _product([[1, 1e308]], [[1.0], [1.0]], [[1.0], [1.0]])
    with pytest.raises(ValueError, match=r"^X must be a matrix"):  # alone: its input is checked
        _double([1.0])
    assert _double.unchecked("ab") == "abab"  # unchecked: the body alone
    assert np.isinf(_double.unchecked(np.array([1e308]))[0])  # no overflow check, no warning


@checks.checked(X=checks.matrix, overflow="the double")
def _double(X):
    return 2 * X


def test_checked_is_quiet_and_restores_numpy_state():
    before = np.geterr()
    with pytest.raises(ValueError, match=r"^the double overflowed"):
        _double([[1e308]])
    assert np.geterr() == before


def test_exact_shows_a_number_unchanged():
    assert checks.exact(0.5) == "0.5" and checks.exact(10**7) == "1e+07" and checks.exact(2) == "2"
    assert checks.exact(1.0000000001) == "1.0000000001" and checks.exact(2**31 - 1) == "2147483647"
    assert checks.exact(np.float64(1 / 3)) == "0.3333333333333333"


def test_show_describes_a_value_briefly():
    assert checks.describe(0.1) == "0.1" and checks.describe(3) == "3"
    assert checks.describe("0.1") == "'0.1' (a str)"
    assert checks.describe(np.ones((3, 4))) == "an array of shape (3, 4) and dtype float64"
    assert checks.describe(list(range(100))) == "a list of 100 items"
    assert len(checks.describe("x" * 1000)) < 80


def test_bounds_in_words():
    assert checks.bounds(0, np.inf) == " >= 0"
    assert checks.bounds(1, 8) == " from 1 to 8"
    assert checks.bounds(0, 100, low_open=True) == " > 0 and at most 100"
    assert checks.bounds(-np.inf, 5) == " <= 5"
    assert checks.bounds(-np.inf, np.inf) == ""
    assert checks.bounds(0, 2**31 - 1) == " from 0 to 2147483647"  # issue 17: this bound was left out


# --- bad inputs (issue 10 item 11: one checker for counts, one for real numbers) ----------

FWD = nn.forward(nn.add_bias(np.ones((3, 2))), np.ones((3, 2)), np.ones((3, 2)))
DATE = np.datetime64("2020-01-01")

BAD_INPUTS = [
    bad(checks.number, lambda: checks.number("0.1", "stepsize"),
        r"^stepsize must be a finite number, got '0.1' \(a str\)"),
    bad(checks.number, lambda: checks.number(None, "stepsize"), r"^stepsize must be .*got None"),
    bad(checks.number, lambda: checks.number(True, "stepsize"), r"^stepsize must be .*got True \(a bool\)"),
    bad(checks.number, lambda: checks.number(np.True_, "stepsize"), r"^stepsize must be .*bool"),
    bad(checks.number, lambda: checks.number(1 + 2j, "stepsize"), r"^stepsize must be .*complex"),
    bad(checks.number, lambda: checks.number(np.nan, "stepsize"), r"^stepsize must be a finite number, got nan"),
    bad(checks.number, lambda: checks.number(np.inf, "stepsize"), r"^stepsize must be a finite number, got inf"),
    bad(checks.number, lambda: checks.number(-np.inf, "stepsize"), r"^stepsize must be a finite number, got -inf"),
    bad(checks.number, lambda: checks.number(2**1100, "stepsize"),
        r"^stepsize must be a finite number, got an int of 332 digits"),
    bad(checks.number, lambda: checks.number(DATE, "stepsize"), r"^stepsize must be .*datetime64"),
    bad(checks.number, lambda: checks.number([0.1], "stepsize"), r"^stepsize must be .*list"),
    bad(checks.number, lambda: checks.number(np.array([0.1]), "stepsize"), r"^stepsize must be .*shape \(1,\)"),
    bad(checks.number, lambda: checks.number(-0.1, "stepsize", low=0),
        r"^stepsize must be a finite number >= 0, got -0.1"),
    bad(checks.number, lambda: checks.number(0, "eps", low=0, low_open=True),
        r"^eps must be a finite number > 0, got 0"),
    bad(checks.number, lambda: checks.number(1.5, "f", 0, 1), r"^f must be a finite number from 0 to 1, got 1.5"),
    bad(checks.count, lambda: checks.count(2.0, "n_hidden", 1),
        r"^n_hidden must be a whole number \(an int\) >= 1, got 2.0 \(write 2\)"),
    bad(checks.count, lambda: checks.count(2.5, "n_hidden", 1), r"^n_hidden must be a whole number .*got 2.5$"),
    bad(checks.count, lambda: checks.count(True, "epochs"), r"^epochs must be a whole number .*got True \(a bool\)"),
    bad(checks.count, lambda: checks.count(np.True_, "epochs"), r"^epochs must be a whole number .*bool"),
    bad(checks.count, lambda: checks.count(np.inf, "epochs"), r"^epochs must be a whole number .*got inf"),
    bad(checks.count, lambda: checks.count(np.nan, "epochs"), r"^epochs must be a whole number .*got nan"),
    bad(checks.count, lambda: checks.count(-1, "epochs"), r"^epochs must be a whole number \(an int\) >= 0, got -1"),
    bad(checks.count, lambda: checks.count(11, "n", 1, 10),
        r"^n must be a whole number \(an int\) from 1 to 10, got 11"),
    bad(checks.count, lambda: checks.count(2**1100, "epochs", 0, 10**7), r"^epochs must be a whole number .*got 1358"),
    bad(checks.count, lambda: checks.count(2**31, "seed", 0, 2**31 - 1),
        r"^seed must be a whole number \(an int\) from 0 to 2147483647, got 2147483648$"),  # issue 17
    bad(checks.count, lambda: checks.count("3", "epochs"), r"^epochs must be a whole number .*'3' \(a str\)"),
    bad(checks.count, lambda: checks.count(None, "epochs"), r"^epochs must be a whole number .*None"),
    bad(checks.count, lambda: checks.count(np.uint64(2**63), "epochs", 0, 10**7), r"^epochs must be a whole number .*uint64"),
    bad(checks.one_of, lambda: checks.one_of("tanh", "activation", ["sigmoid", "relu"]),
        r"^activation must be one of 'sigmoid', 'relu'; got 'tanh' \(a str\)"),
    bad(checks.one_of, lambda: checks.one_of(["relu"], "activation", ["sigmoid", "relu"]),
        r"^activation must be one of .*list"),
    bad(checks.array, lambda: checks.array(None, "X"), r"^X must be an array of real numbers, got None"),
    bad(checks.array, lambda: checks.array("1 2", "X"), r"^X must be an array of real numbers, got '1 2' \(a str\)"),
    bad(checks.array, lambda: checks.array(b"12", "X"), r"^X must be an array of real numbers, got b'12' \(a bytes\)"),
    bad(checks.array, lambda: checks.array([[1, 2], [3]], "X"),
        r"^X must be a rectangular array of numbers; its rows differ"),
    bad(checks.array, lambda: checks.array([[1, 2], [3, [4]]], "X"), r"^X must be a rectangular array"),
    bad(checks.array, lambda: checks.array([1 + 2j, 3], "X"), r"^X must be an array of real numbers"),
    bad(checks.array, lambda: checks.array(np.array([1, 2], dtype=complex), "X"),
        r"^X must be an array of real numbers.*complex"),
    bad(checks.array, lambda: checks.array(np.array([DATE]), "X"), r"^X must be an array of real numbers.*datetime64"),
    bad(checks.array, lambda: checks.array([datetime.date(2020, 1, 1)], "X"), r"^X must be an array of real numbers"),
    bad(checks.array, lambda: checks.array([1, None], "X"),
        r"^X must be an array of real numbers, got \[1, None\] \(a list\)"),
    bad(checks.array, lambda: checks.array(np.array([1, None]), "X"),
        r"^X must be an array of real numbers.*dtype object"),
    bad(checks.array, lambda: checks.array(["1", "2"], "X"), r"^X must be an array of real numbers"),
    bad(checks.array, lambda: checks.array({"a": 1}, "X"), r"^X must be an array of real numbers.*dict"),
    bad(checks.array, lambda: checks.array([], "X"), r"^X is empty \(shape \(0,\)\)"),
    bad(checks.array, lambda: checks.array(np.ma.masked_array([1.0, 2.0], mask=[0, 1]), "X"),
        r"^X must be a plain array, got a masked array \(the math would ignore its mask\)"),  # issue 17
    bad(checks.array, lambda: checks.array(np.ones((0, 3)), "X", ndim=2), r"^X is empty \(shape \(0, 3\)\)"),
    bad(checks.array, lambda: checks.array([1, 2], "X", ndim=2),
        r"^X must be a matrix \(2 dimensions\), got shape \(2,\)"),
    bad(checks.array, lambda: checks.array([[1, 2]], "x", ndim=1),
        r"^x must be a vector \(1 dimension\), got shape \(1, 2\)"),
    bad(checks.array, lambda: checks.array([1, 2], "x", ndim=0), r"^x must be a single number, got shape \(2,\)"),
    bad(checks.array, lambda: checks.array([[0, 1], [2, np.nan]], "X"), r"^X has a NaN value at index \(1, 1\)$"),
    bad(checks.array, lambda: checks.array([[0, 1], [-np.inf, 3]], "X"),
        r"^X has an infinite value at index \(1, 0\)$"),
    bad(checks.array, lambda: checks.array([0, np.nan], "X", allow="inf"), r"^X has a NaN value at index \(1,\)$"),
    bad(checks.one_hot, lambda: checks.one_hot([[0.5, 0.5]]), r"^Y must be one-hot: Y\[0, 0\] = 0.5, not 0 or 1"),
    bad(checks.one_hot, lambda: checks.one_hot([[1, 0], [1, 1]]),
        r"^Y must be one-hot: row 1 has 2 ones, not exactly 1"),
    bad(checks.one_hot, lambda: checks.one_hot([[0, 0]], "Y_test"), r"^Y_test must be one-hot: row 0 has 0 ones"),
    bad(checks.one_hot, lambda: checks.one_hot([1, 0]), r"^Y must be a matrix \(2 dimensions\)"),
    bad(checks.matrix, lambda: checks.matrix([1.0], "W"), r"^W must be a matrix \(2 dimensions\)"),
    bad(checks.vector, lambda: checks.vector([[1.0]], "v"), r"^v must be a vector \(1 dimension\)"),
    bad(checks.bias_column, lambda: checks.bias_column([[1, 2], [0.5, 3]]),
        r"^X1's first column must be the bias column of 1s; row 1 has 0.5"),
    bad(checks.same_shape, lambda: checks.same_shape(np.ones(3), np.ones((3, 3)), "A", "B"),
        r"^A and B must have the same shape, got \(3,\) and \(3, 3\)"),
    bad(checks.same_shape, lambda: checks.same_shape(np.ones((2, 3)), np.ones((3, 2)), "A", "B"),
        r"^A and B must have the same shape, got \(2, 3\) and \(3, 2\)"),  # as many entries, not the same shape
    bad(checks.network, lambda: checks.network(np.ones((3, 3)) * 2, np.ones((3, 2)), np.ones((3, 2))),
        r"^X1's first column must be the bias column of 1s; row 0 has 2 \(add it with nn.add_bias\)"),
    bad(checks.network, lambda: checks.network(np.ones((3, 3)), np.ones((4, 2)), np.ones((3, 2))),
        r"^shapes do not chain: X1 is 3x3, so W1 needs 3 rows, but W1 is 4x2"),
    bad(checks.network, lambda: checks.network(np.ones((3, 3)), np.ones((3, 2)), np.ones((2, 2))),
        r"^shapes do not chain: X2 = \[1, f\(Z1\)\] has 3 columns \(bias \+ 2 hidden nodes\), so W2 needs 3 rows"),
    bad(checks.network, lambda: checks.network(np.ones((3, 3)), np.ones((3, 2)), [[1, 2], [3]]),
        r"^W2 must be a rectangular array"),
    bad(checks.network, lambda: checks.network([[1, np.nan]], np.ones((2, 2)), np.ones((3, 2)), "X1_test"),
        r"^X1_test has a NaN value at index \(0, 1\)"),
    bad(checks.targets, lambda: checks.targets(np.eye(2), 3, 2, "Y_test", "X1_test"),
        r"^Y_test must be 3x2 \(a row per sample of X1_test, a column per output of W2\), got 2x2"),
    bad(checks.targets, lambda: checks.targets(np.eye(3), 3, 2), r"^Y must be 3x2 .*got 3x3"),
    bad(checks.targets, lambda: checks.targets(np.full((3, 2), 0.5), 3, 2), r"^Y must be one-hot"),
    bad(checks.generator, lambda: checks.generator(-1),
        r"^rng must be a numpy Generator, a seed \(a whole number >= 0\) or None, got -1"),
    bad(checks.generator, lambda: checks.generator(1.5), r"^rng must be a numpy Generator.*got 1.5"),
    bad(checks.generator, lambda: checks.generator(True), r"^rng must be a numpy Generator.*True \(a bool\)"),
    bad(checks.generator, lambda: checks.generator(np.random.RandomState(0)),
        r"^rng must be a numpy Generator.*RandomState"),
    bad(checks.probabilities, lambda: checks.probabilities([[0.5, 1.5]]),
        r"^Yhat must hold probabilities \(0 to 1\): Yhat\[0, 1\] = 1.5"),
    bad(checks.probabilities, lambda: checks.probabilities([[-0.1, 1.1]], "P"),
        r"^P must hold probabilities \(0 to 1\): P\[0, 0\] = -0.1"),
    bad(checks.not_overflowed, lambda: checks.not_overflowed(np.array([1.0, np.inf]), "Z1 = X1 W1"),
        r"^Z1 = X1 W1 overflowed \(inf or NaN\)"),
    bad(checks.not_overflowed, lambda: checks.not_overflowed(np.array([np.nan]), "Z2 = X2 W2"),
        r"^Z2 = X2 W2 overflowed"),
    bad(checks.forward_pass, lambda: checks.forward_pass(FWD.X2[:, :3], np.eye(2)[[0, 1, 0]], np.ones((3, 2)), FWD.Yhat),
        r"^fwd must be the result of nn.forward\(X1, W1, W2\), got an array"),
    bad(checks.forward_pass, lambda: checks.forward_pass(np.ones((2, 3)), np.eye(2), np.ones((3, 2)), FWD),
        r"^fwd does not match: its X2 is 3x3, but X1 has 2 rows"),
    bad(checks.forward_pass, lambda: checks.forward_pass(np.ones((3, 3)), np.eye(3), np.ones((3, 2)), FWD),
        r"^Y must be 3x2"),
    bad(checks.forward_pass, lambda: checks.forward_pass(np.ones((3, 3)), np.eye(2)[[0, 1, 0]], np.ones((3, 2)),
                                                         FWD._replace(Z2=with_value(FWD.Z2, (2, 1), np.nan))),
        r"^fwd.Z2 has a NaN value at index \(2, 1\)$"),
    bad(checks.checked, lambda: _double([[1e308]]), r"^the double overflowed"),
]


@pytest.mark.parametrize("function, call, message", BAD_INPUTS)
def test_bad_input(function, call, message):
    check_bad_input(call, message)


# --- every public function refuses bad input -------------------------------------------------

# Public functions with arguments that check nothing, on purpose: the first four describe any
# value for the messages; progress_bar wraps any iterable.
UNCHECKED = {checks.describe, checks.exact, checks.is_real, checks.bounds, training.progress_bar,
             data.add_bias_column}


def public_functions(module):
    """The functions and classes a module defines (not NamedTuples), with at least one argument."""
    return [f for name, f in vars(module).items()
            if not name.startswith("_") and callable(f) and getattr(f, "__module__", None) == module.__name__
            and not hasattr(f, "_fields") and inspect.signature(f).parameters]


def test_every_public_function_rejects_a_bad_input():
    from tests import test_data, test_gradcheck, test_nn, test_optim, test_training

    tables = [BAD_INPUTS, test_nn.BAD_INPUTS, test_optim.BAD_INPUTS, test_training.BAD_INPUTS,
              test_gradcheck.BAD_INPUTS, test_data.BAD_INPUTS]
    tested = {case.values[0] for table in tables for case in table}
    modules = [checks, nn, optim, training, gradcheck, data]
    untested = [f"{f.__module__}.{f.__name__}" for m in modules for f in public_functions(m)
                if f not in tested | UNCHECKED]
    assert not untested, f"no bad input tested for {untested}"
    assert UNCHECKED <= {f for m in modules for f in public_functions(m)}  # no stale exemption
