"""helpers/optim.py: the article's update W - stepsize grad_W, and momentum.

Each rule is checked against its textbook formula written out here, step by step."""

import numpy as np
import pytest

from helpers import optim
from tests.conftest import bad, check_bad_input, with_value

RNG = np.random.default_rng(0)
W1, W2 = RNG.normal(size=(5, 2)), RNG.normal(size=(3, 2))
GRADS = [[RNG.normal(size=(5, 2)), RNG.normal(size=(3, 2))] for _ in range(4)]  # four steps' gradients


def test_update_is_one_step_down_the_gradient():
    G = GRADS[0][0]
    np.testing.assert_array_equal(optim.update(W1, G, 0.1), W1 - 0.1 * G)
    np.testing.assert_array_equal(optim.update(W1, G, 0.0), W1)  # a step size of 0 is allowed
    np.testing.assert_array_equal(optim.update(W1.tolist(), G.tolist(), 1), W1 - G)  # lists too


def test_gradient_descent_steps_every_matrix_alike():
    rule = optim.GradientDescent(0.3)
    weights = [W1, W2]
    for grads in GRADS:
        expected = [W - 0.3 * G for W, G in zip(weights, grads)]
        weights = rule.step(weights, grads)
        for got, want in zip(weights, expected):
            np.testing.assert_array_equal(got, want)
    assert repr(rule) == "GradientDescent(stepsize=0.3)"


@pytest.mark.parametrize("beta", [0.5, 0.9])
def test_momentum_is_its_textbook_formula(beta):
    """v := beta v + grad_W (v starts at 0), W := W - stepsize v, for each matrix."""
    rule = optim.Momentum(0.3, beta)
    weights, velocity = [W1, W2], [np.zeros_like(W1), np.zeros_like(W2)]
    expected = weights
    for grads in GRADS:
        velocity = [beta * v + G for v, G in zip(velocity, grads)]
        expected = [W - 0.3 * v for W, v in zip(expected, velocity)]
        weights = rule.step(weights, grads)
        for got, want in zip(weights, expected):
            np.testing.assert_allclose(got, want, rtol=0, atol=1e-15)
    for got, want in zip(rule.velocity, velocity):  # the memory a continued run starts from
        np.testing.assert_allclose(got, want, rtol=0, atol=1e-15)
    assert repr(rule) == f"Momentum(stepsize=0.3, beta={beta:g})"


def test_momentum_differs_from_gradient_descent_after_the_first_step():
    momentum, plain = optim.Momentum(0.3, 0.9), optim.GradientDescent(0.3)
    a, b = momentum.step([W1], GRADS[0][:1]), plain.step([W1], GRADS[0][:1])
    np.testing.assert_array_equal(a[0], b[0])  # v = grad at first
    a, b = momentum.step(a, GRADS[1][:1]), plain.step(b, GRADS[1][:1])
    assert not np.allclose(a[0], b[0])


def test_rule_picks_the_rule():
    plain, heavy = optim.rule(0.5), optim.rule(0.5, momentum=0.8)
    assert type(plain) is optim.GradientDescent and plain.stepsize == 0.5
    assert type(heavy) is optim.Momentum and (heavy.stepsize, heavy.beta) == (0.5, 0.8)
    assert heavy.velocity is None


# --- bad input ------------------------------------------------------------------------------------


def nonfinite(name, value):
    """update with a NaN or an infinity at index (2, 1) of its argument `name` (W or grad_W)."""
    W, grad_W = (with_value(W1, (2, 1), value) if arg == name else W1 for arg in ("W", "grad_W"))
    what = "a NaN" if np.isnan(value) else "an infinite"
    return bad(optim.update, lambda: optim.update(W, grad_W, 0.1), rf"^{name} has {what} value at index \(2, 1\)$")


BAD_INPUTS = [
    *(nonfinite(name, value) for name in ("W", "grad_W") for value in (np.nan, np.inf, -np.inf)),
    *(bad(optim.update, lambda s=s: optim.update(W1, W1, s), rf"^stepsize must be a finite number >= 0, got {shown}")
      for s, shown in [(-0.1, "-0.1"), (-1e-12, "-1e-12"), (np.nan, "nan"), (np.inf, "inf"), ("0.1", r"'0.1' \(a str\)"),
                       (None, r"None \(a NoneType\)"), (True, r"True \(a bool\)"), (1j, r"1j \(a complex\)")]),
    bad(optim.update, lambda: optim.update(W1, np.ones((2, 5)), 0.1),
        r"^W and grad_W must have the same shape, got \(5, 2\) and \(2, 5\)"),
    bad(optim.update, lambda: optim.update(W1, [[np.nan] * 2] * 5, 0.1), r"^grad_W has a NaN value at index \(0, 0\)"),
    bad(optim.update, lambda: optim.update([[np.inf]], [[1.0]], 0.1), r"^W has an infinite value at index \(0, 0\)"),
    bad(optim.update, lambda: optim.update([[1e308]], [[-1e308]], 10),
        r"^W - stepsize grad_W overflowed \(inf or NaN\)"),
    bad(optim.GradientDescent, lambda: optim.GradientDescent(-1), r"^stepsize must be a finite number >= 0, got -1"),
    bad(optim.GradientDescent, lambda: optim.GradientDescent(0.1).step([W1, W2], [W1]),
        r"^step needs one gradient per weight matrix, got 2 weight matrices and 1 gradients"),
    bad(optim.Momentum, lambda: optim.Momentum(0.1, 1.0), r"^beta must be a finite number from 0 to 0.999, got 1.0"),
    bad(optim.Momentum, lambda: optim.Momentum(0.1, -0.1), r"^beta must be a finite number from 0 to 0.999, got -0.1"),
    bad(optim.Momentum, lambda: optim.Momentum("fast"), r"^stepsize must be a finite number >= 0, got 'fast'"),
    bad(optim.Momentum, lambda: optim.Momentum(0.1).step([W1], [W1, W2]),
        r"^step needs one gradient per weight matrix"),
    bad(optim.Momentum, lambda: optim.Momentum(0.1).step([W1], [[[np.nan, 0]] * 5]), r"^grad_W has a NaN value"),
    bad(optim.Momentum, lambda: optim.Momentum(1e300, 0.5).step([W2], [np.full((3, 2), 1e308)]),
        r"^W - stepsize grad_W overflowed"),
    bad(optim.rule, lambda: optim.rule(0.1, momentum=-0.5),
        r"^momentum must be a finite number from 0 to 0.999, got -0.5"),
    bad(optim.rule, lambda: optim.rule(0.1, momentum=True), r"^momentum must be .*True \(a bool\)"),
    bad(optim.rule, lambda: optim.rule(np.nan, momentum=0.9), r"^stepsize must be a finite number >= 0, got nan"),
]


def test_a_rule_continues_only_with_weights_of_its_own_shapes():
    rule = optim.Momentum(0.1)
    rule.step([W1, W2], GRADS[0])
    message = r"^the velocity and grad_W must have the same shape, got \(5, 2\) and \(3, 2\)"
    with pytest.raises(ValueError, match=message):
        rule.step([W2, W1], [GRADS[0][1], GRADS[0][0]])


@pytest.mark.parametrize("function, call, message", BAD_INPUTS)
def test_bad_input(function, call, message):
    check_bad_input(call, message)
