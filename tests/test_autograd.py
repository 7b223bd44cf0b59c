"""helpers/autograd.py: a scalar Value's gradients against central differences and against
nn.backward, and its bad input."""

import math

import numpy as np
import pytest

from helpers import gradcheck, nn
from helpers.autograd import Value
from tests.conftest import bad, check_bad_input, random_network


def expression(a, b, c):
    """Every operation once, a and c on two paths each: ln(e^a b + c / (a + 3)) - (2 - c) a / 4."""
    return (a.exp() * b + c / (a + 3)).log() - (2 - c) * a / 4


def grads_of(f, point):
    """f's value and the gradients autograd gives at point (a list of numbers)."""
    values = [Value(x) for x in point]
    out = f(*values)
    out.backward()
    return out.data, np.array([v.grad for v in values])


@pytest.mark.parametrize("seed", range(5))
def test_gradients_equal_central_differences(seed):
    point = np.random.default_rng(seed).uniform([-1, 0.5, 0.5], [1, 2, 2])  # so that the log's argument is > 0
    _, grads = grads_of(expression, point)
    numeric = gradcheck.central_difference(lambda p: expression(*map(Value, p)).data, point)
    assert gradcheck.relative_error(grads, numeric) < 1e-8


def test_each_operation_has_its_derivative():
    """Exact local derivatives: d(a b)/da = b, d(a/b)/db = -a/b^2, d e^a/da = e^a, d ln a/da = 1/a."""
    assert grads_of(lambda a, b: a * b, [3.0, -2.0])[1].tolist() == [-2.0, 3.0]
    assert grads_of(lambda a, b: a / b, [3.0, 2.0])[1].tolist() == [0.5, -0.75]
    assert grads_of(lambda a, b: a - b, [3.0, 2.0])[1].tolist() == [1.0, -1.0]
    assert grads_of(lambda a: a.exp(), [1.0])[1].tolist() == [math.e]
    assert grads_of(lambda a: a.log(), [4.0])[1].tolist() == [0.25]
    assert grads_of(lambda a: 1 / a, [4.0])[1].tolist() == [-1 / 16]
    assert grads_of(lambda a: 5 - a, [4.0])[1].tolist() == [-1.0]


def test_paths_add_up():
    """A Value used twice gets both paths' shares: d(a a)/da = 2a; d(a + a + a)/da = 3."""
    assert grads_of(lambda a: a * a, [3.0])[1].tolist() == [6.0]
    assert grads_of(lambda a: sum([a, a, a]), [3.0])[1].tolist() == [3.0]


def test_backward_twice_gives_the_same_gradients():
    a, b = Value(2.0), Value(5.0)
    out = a * b + a
    out.backward()
    out.backward()
    assert (a.grad, b.grad, out.grad) == (6.0, 2.0, 1.0)


def test_a_long_chain_needs_no_recursion():
    a = Value(1.0)
    out = a
    for _ in range(5000):
        out = out + a * 0.5
    out.backward()
    assert a.grad == 2501.0


def autograd_loss(X1, Y, W1, W2):
    """The mean cross entropy built scalar by scalar, as notebook 05 builds sample 1's; and the
    weights as Values."""
    w1 = [[Value(w) for w in row] for row in W1]
    w2 = [[Value(w) for w in row] for row in W2]
    losses = []
    for x, y in zip(X1, Y):
        z1 = [sum(x[a] * w1[a][j] for a in range(len(x))) for j in range(len(w1[0]))]
        x2 = [Value(1.0)] + [1 / (1 + (-z).exp()) for z in z1]
        z2 = [sum(x2[a] * w2[a][c] for a in range(len(x2))) for c in range(len(w2[0]))]
        e = [z.exp() for z in z2]
        losses.append(-sum(yc * (ec / sum(e)).log() for yc, ec in zip(y, e)))
    return sum(losses) / len(losses), w1, w2


@pytest.mark.parametrize("seed, d, h, k", [(0, 4, 2, 2), (1, 3, 4, 3), (2, 2, 3, 4)])
def test_agrees_with_nn_backward(seed, d, h, k):
    X1, Y, W1, W2 = random_network(seed, d, h, k, N=3)
    CE, w1, w2 = autograd_loss(X1, Y, W1, W2)
    CE.backward()
    grad = nn.backward(X1, Y, W2, nn.forward(X1, W1, W2))
    assert CE.data == pytest.approx(nn.loss(nn.forward(X1, W1, W2).Z2, Y), rel=1e-13)
    np.testing.assert_allclose([[w.grad for w in row] for row in w1], grad.W1, rtol=1e-10, atol=1e-15)
    np.testing.assert_allclose([[w.grad for w in row] for row in w2], grad.W2, rtol=1e-10, atol=1e-15)


def test_it_prints_its_numbers():
    assert repr(Value(0.5)) == "Value(data=0.50000, grad=0.00000)"


def overflowing_backward():
    a = Value(1e-300)
    (1 / a).backward()  # d(1/a)/da = -1/a^2 = -1e600


@pytest.mark.parametrize("function, call, message", [
    bad(Value, lambda: Value("1"), r"data must be a finite number, got '1' \(a str\)"),
    bad(Value, lambda: Value(True), r"data must be a finite number, got True"),
    bad(Value, lambda: Value(float("nan")), r"data must be a finite number, got nan"),
    bad(Value, lambda: Value(np.ones(2)), r"data must be a finite number, got an array of shape \(2,\)"),
    bad(Value.__add__, lambda: Value(1) + "2", r"other must be a number or a Value, got '2' \(a str\)"),
    bad(Value.__mul__, lambda: Value(1) * [2], r"other must be a number or a Value, got \[2\] \(a list\)"),
    bad(Value.__rsub__, lambda: None - Value(1), r"other must be a number or a Value, got None"),
    bad(Value.__truediv__, lambda: Value(1) / 0, r"cannot divide 1 by 0"),
    bad(Value.log, lambda: Value(0).log(), r"log needs a Value > 0, got a Value of 0"),
    bad(Value.log, lambda: Value(-2).log(), r"log needs a Value > 0, got a Value of -2"),
    bad(Value.exp, lambda: Value(710).exp(), r"exp overflowed"),
    bad(Value.__mul__, lambda: Value(1e200) * 1e200, r"\* overflowed"),
    bad(Value.backward, overflowing_backward, r"backward overflowed"),
])
def test_bad_input(function, call, message):
    check_bad_input(call, message)
