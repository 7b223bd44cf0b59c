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
    plain, heavy = optim.rule(0.5), optim.rule(0.5, beta=0.8)
    assert type(plain) is optim.GradientDescent and plain.stepsize == 0.5
    assert type(heavy) is optim.Momentum and (heavy.stepsize, heavy.beta) == (0.5, 0.8)
    assert heavy.velocity is None


# --- bad input: one row per public function and argument, proving it calls its checker ----------


BAD_INPUTS = [
    bad(optim.update, lambda: optim.update(with_value(W1, (2, 1), np.nan), W1, 0.1),
        r"^W has a NaN value at index \(2, 1\)$"),
    bad(optim.update, lambda: optim.update(W1, with_value(W1, (2, 1), -np.inf), 0.1),
        r"^grad_W has an infinite value at index \(2, 1\)$"),
    bad(optim.update, lambda: optim.update(W1, W1, -1e-12), r"^stepsize must be a finite number >= 0, got -1e-12"),
    bad(optim.update, lambda: optim.update(W1, np.ones((2, 5)), 0.1),
        r"^W and grad_W must have the same shape, got \(5, 2\) and \(2, 5\)"),
    bad(optim.update, lambda: optim.update([[1e308]], [[-1e308]], 10),
        r"^W - stepsize grad_W overflowed \(inf or NaN\)"),
    bad(optim.GradientDescent, lambda: optim.GradientDescent(-1), r"^stepsize must be a finite number >= 0, got -1"),
    bad(optim.GradientDescent, lambda: optim.GradientDescent(0.1).step([W1, W2], [W1]),
        r"^step needs one gradient per weight matrix, got 2 weight matrices and 1 gradients"),
    bad(optim.GradientDescent, lambda: optim.GradientDescent(0.1).step([W1, W2], [W2, W1]),
        r"^weights\[0\] and grads\[0\] must have the same shape, got \(5, 2\) and \(3, 2\)"),
    # issue 17: bare matrices were stepped row by row
    bad(optim.GradientDescent, lambda: optim.GradientDescent(0.1).step(W1, W1),
        r"^weights must be a list of matrices \(such as \[W1, W2\]\), got an array"),
    bad(optim.Momentum, lambda: optim.Momentum(0.1).step([W1], W1), r"^grads must be a list of matrices"),
    bad(optim.Momentum, lambda: optim.Momentum(0.1, 1.0), r"^beta must be a finite number from 0 to 0.999, got 1.0"),
    bad(optim.Momentum, lambda: optim.Momentum("fast"), r"^stepsize must be a finite number >= 0, got 'fast'"),
    bad(optim.Momentum, lambda: optim.Momentum(0.1).step([W1], [[[np.nan, 0]] * 5]),
        r"^grads\[0\] has a NaN value"),
    bad(optim.Momentum, lambda: optim.Momentum(1e300, 0.5).step([W2], [np.full((3, 2), 1e308)]),
        r"^W - stepsize grad_W overflowed"),
    bad(optim.rule, lambda: optim.rule(0.1, beta=-0.5), r"^beta must be a finite number from 0 to 0.999, got -0.5"),
    bad(optim.rule, lambda: optim.rule(np.nan, beta=0.9), r"^stepsize must be a finite number >= 0, got nan"),
]


@pytest.mark.parametrize("steps_before, weights, message", [
    ([W1, W2], [W2, W1], r"has stepped weights of shapes \[\(5, 2\), \(3, 2\)\]: it continues only weights "
                         r"of those shapes, got \[\(3, 2\), \(5, 2\)\]"),
    ([W1, W2], [W1], r"has stepped weights of shapes .* got \[\(5, 2\)\]"),  # issue 17: was silently truncated
    ([W1], [W1, W2], r"has stepped weights of shapes \[\(5, 2\)\]"),  # issue 17: was silently dropped
])
def test_a_rule_continues_only_with_weights_of_its_own_shapes(steps_before, weights, message):
    rule = optim.Momentum(0.1)
    rule.step(steps_before, [np.ones_like(W) for W in steps_before])
    with pytest.raises(ValueError, match=r"^Momentum\(stepsize=0.1, beta=0.9\) " + message):
        rule.step(weights, [np.ones_like(W) for W in weights])


def test_a_step_changes_nothing_it_is_given():
    weights, grads = [W1.copy(), W2.copy()], [G.copy() for G in GRADS[0]]
    optim.Momentum(0.3).step(weights, grads)
    for got, want in zip(weights + grads, [W1, W2, *GRADS[0]]):
        np.testing.assert_array_equal(got, want)


@pytest.mark.parametrize("function, call, message", BAD_INPUTS)
def test_bad_input(function, call, message):
    check_bad_input(call, message)
