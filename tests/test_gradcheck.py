"""helpers/gradcheck.py: central differences and the relative error, on functions whose
derivatives are known. (backward's gradients are checked with them in tests/test_nn.py.)"""

import numpy as np
import pytest

from helpers import gradcheck, nn
from tests.conftest import bad, check_bad_input, random_network


def test_central_difference_of_a_cubic():
    """d/dW sum(W^3) = 3 W^2; a central difference is off by eps^2 times the third derivative."""
    W = np.array([[0.5, -1.0, 2.0], [0.0, 1.5, -0.25]])
    G = gradcheck.central_difference(lambda W: float(np.sum(W**3)), W, eps=1e-4)
    np.testing.assert_allclose(G, 3 * W**2, rtol=0, atol=2e-8)  # eps^2 = 1e-8 (the error is exactly eps^2)
    assert G.shape == W.shape


def test_central_difference_nudges_one_entry_at_a_time():
    W = np.arange(6.0).reshape(2, 3)
    G = gradcheck.central_difference(lambda W: float(W[1, 2] * W[0, 1]), W)
    np.testing.assert_allclose(G, [[0, 5, 0], [0, 0, 1]], rtol=0, atol=1e-9)
    np.testing.assert_array_equal(W, np.arange(6.0).reshape(2, 3))  # W itself is not moved


def test_relative_error():
    A = np.array([[1.0, -2.0], [3.0, 0.5]])
    assert gradcheck.relative_error(A, A) == 0.0
    assert gradcheck.relative_error(A, -A) == 1.0
    assert gradcheck.relative_error(np.zeros(3), np.zeros(3)) == 0.0
    assert gradcheck.relative_error(A, 2 * A) == pytest.approx(1 / 3, rel=1e-15)  # |A| / 3|A|
    assert gradcheck.relative_error(A * 1e300, 2 * A * 1e300) == pytest.approx(1 / 3, rel=1e-15)  # no overflow
    assert gradcheck.relative_error(A * 1e-300, 2 * A * 1e-300) == pytest.approx(1 / 3, rel=1e-15)  # no underflow
    assert gradcheck.relative_error([1e308, -1e308], [-1e308, 1e308]) == 1.0


def test_a_wrong_gradient_is_caught():
    """The check can fail: a gradient off by 1e-4 of its size in one entry is rejected."""
    X1, Y, W1, W2 = random_network(0, 4, 2, 2)
    grad = nn.backward(X1, Y, W2, nn.forward(X1, W1, W2))
    numeric_W2 = gradcheck.central_difference(lambda W: nn.loss(nn.forward(X1, W1, W).Z2, Y), W2)
    wrong = grad.W2.copy()
    wrong[0, 0] += 1e-4 * np.abs(grad.W2).max()
    assert gradcheck.relative_error(numeric_W2, grad.W2) < 1e-7
    assert gradcheck.relative_error(numeric_W2, wrong) > 1e-7


W = np.ones((2, 2))

BAD_INPUTS = [  # issue 10 item 1: NaN and mismatched shapes gave 0.0
    bad(gradcheck.relative_error, lambda: gradcheck.relative_error([1.0, 2.0], [np.nan, np.nan]),
        r"^B has a NaN value at index \(0,\)"),
    bad(gradcheck.relative_error, lambda: gradcheck.relative_error([np.inf, 2.0], [1.0, 2.0]),
        r"^A has an infinite value at index \(0,\)"),
    bad(gradcheck.relative_error, lambda: gradcheck.relative_error(np.ones(3), np.ones((3, 3))),
        r"^A and B must have the same shape, got \(3,\) and \(3, 3\)"),
    bad(gradcheck.central_difference, lambda: gradcheck.central_difference(3.0, W),
        r"^loss must be a function of W that returns a number, got 3.0"),
    bad(gradcheck.central_difference, lambda: gradcheck.central_difference(np.sum, W, eps=0),
        r"^eps must be a finite number > 0, got 0"),
    bad(gradcheck.central_difference, lambda: gradcheck.central_difference(np.sum, [[np.nan]]), r"^W has a NaN value"),
    bad(gradcheck.central_difference, lambda: gradcheck.central_difference(lambda W: W, W),
        r"^loss\(W \+ eps\) must be a finite number, got an array"),
    # issue 17: a nudge lost to rounding gave zeros, a huge one NaN
    bad(gradcheck.central_difference, lambda: gradcheck.central_difference(np.sum, [[1.0, 1e10]], eps=1e-7),
        r"^eps = 1e-07 is lost to rounding: W\[0, 1\] = 1e\+10 and W \+ eps == W there"),
    bad(gradcheck.central_difference, lambda: gradcheck.central_difference(np.sum, W, eps=1e308),
        r"^eps = 1e\+308 is too large: W \+ eps or W - eps overflows at index \(0, 0\)"),
    bad(gradcheck.central_difference, lambda: gradcheck.central_difference(lambda W: 1.7e308 * np.sign(W[0, 0] - 1), W),
        r"^\(loss\(W \+ eps\) - loss\(W - eps\)\) / \(2 eps\) overflowed at index \(0, 0\)"),
]


@pytest.mark.parametrize("function, call, message", BAD_INPUTS)
def test_bad_input(function, call, message):
    check_bad_input(call, message)
