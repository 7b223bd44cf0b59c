"""helpers/nn.py: the activations, the forward pass, softmax, cross entropy, the loss and
backpropagation.

Reference values are computed here from the definitions (math.exp, np.logaddexp, central
differences), never copied from the helpers' output. backward's gradients are checked
against central differences here, and only here.
"""

import math
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from helpers import data, gradcheck, nn
from tests.conftest import bad, check_bad_input, random_network, with_value

LOGIT = st.floats(-1000, 1000, allow_nan=False, allow_infinity=False)
LOGITS = arrays(np.float64, st.tuples(st.integers(1, 8), st.integers(1, 6)), elements=LOGIT)
SETTINGS = settings(max_examples=300, deadline=None)


def quietly(f, *args):
    """f(*args), failing on any warning or floating-point overflow/invalid/divide."""
    with warnings.catch_warnings(), np.errstate(over="raise", invalid="raise", divide="raise"):
        warnings.simplefilter("error")
        return f(*args)


def exact_CE(Z, Y):
    """CE_i = ln sum_j e^(z_j) - z_true for each row, by numpy's logaddexp (not helpers.nn)."""
    return np.logaddexp.reduce(Z, axis=1) - Z[Y == 1]


def draw_one_hot(draw, n, k):
    return np.eye(k)[draw.draw(arrays(np.int64, n, elements=st.integers(0, k - 1)))]


# --- the activations ------------------------------------------------------------------------


def test_sigmoid_and_its_derivative():
    for z in (-3.0, -0.5, 0.0, 0.7, 4.0):
        s = 1 / (1 + math.exp(-z))
        assert nn.sigmoid([[z]])[0, 0] == pytest.approx(s, rel=1e-15)
        assert nn.sigmoid_prime([[s]])[0, 0] == pytest.approx(s * (1 - s), rel=1e-15)


def test_sigmoid_saturates_without_a_warning():
    assert quietly(nn.sigmoid, [[-1000.0, 1000.0, -np.inf, np.inf]]).tolist() == [[0, 1, 0, 1]]


def test_relu_and_its_derivative():
    Z = np.array([[-2.0, 0.0, 3.0]])
    np.testing.assert_array_equal(nn.relu(Z), [[0, 0, 3]])
    np.testing.assert_array_equal(nn.relu_prime(nn.relu(Z)), [[0, 0, 1]])


# --- the forward pass -------------------------------------------------------------------------


@pytest.mark.parametrize("activation, f", [("sigmoid", lambda Z: 1 / (1 + np.exp(-Z))),
                                           ("relu", lambda Z: np.maximum(Z, 0))])
def test_forward_is_the_articles_equations(activation, f):
    X1, _, W1, W2 = random_network(3, 3, 4, 2)
    fwd = nn.forward(X1, W1, W2, activation)
    np.testing.assert_array_equal(fwd.Z1, X1 @ W1)
    np.testing.assert_allclose(fwd.X2, np.column_stack([np.ones(len(X1)), f(X1 @ W1)]), rtol=1e-15)
    np.testing.assert_allclose(fwd.Z2, fwd.X2 @ W2, rtol=1e-15)
    E = np.exp(fwd.Z2)
    np.testing.assert_allclose(fwd.Yhat, E / E.sum(axis=1, keepdims=True), rtol=1e-14)
    assert fwd.activation == activation


def test_add_bias():
    np.testing.assert_array_equal(nn.add_bias([[2, 3], [4, 5]]), [[1, 2, 3], [1, 4, 5]])


# --- softmax (hypothesis draws the logits) -------------------------------------------------------


@SETTINGS
@given(LOGITS)
def test_rows_are_probabilities(Z):
    P = quietly(nn.softmax, Z)
    assert P.shape == Z.shape
    assert np.isfinite(P).all() and (P >= 0).all() and (P <= 1).all()
    np.testing.assert_allclose(P.sum(axis=1), 1.0, rtol=0, atol=1e-12)


@SETTINGS
@given(LOGITS, st.data())
def test_adding_a_constant_to_a_row_changes_nothing(Z, draw):
    shifts = draw.draw(arrays(np.float64, (Z.shape[0], 1), elements=LOGIT))
    np.testing.assert_allclose(quietly(nn.softmax, Z + shifts), quietly(nn.softmax, Z), rtol=1e-9, atol=1e-12)


@SETTINGS
@given(LOGITS)
def test_order_follows_the_logits(Z):
    """A larger logit never gets a smaller probability."""
    P = quietly(nn.softmax, Z)
    for z, p in zip(Z, P):
        order = np.argsort(z, kind="stable")
        assert (np.diff(p[order]) >= 0).all()


def test_plus_minus_1000_is_finite_and_exact():
    P = quietly(nn.softmax, np.array([[1000.0, -1000.0], [-1000.0, 1000.0], [1000.0, 1000.0], [-1000.0, -1000.0]]))
    np.testing.assert_array_equal(P, [[1, 0], [0, 1], [0.5, 0.5], [0.5, 0.5]])


def test_softmax_of_the_largest_floats_is_right_without_a_warning():  # issue 10 item 12
    np.testing.assert_array_equal(quietly(nn.softmax, [[1e308, -1e308]]), [[1, 0]])
    np.testing.assert_array_equal(quietly(nn.softmax, [[-1.7e308, 1.7e308, 1.7e308]]), [[0, 0.5, 0.5]])


def test_known_values():
    np.testing.assert_allclose(nn.softmax(np.array([[0.0, np.log(3.0)]])), [[0.25, 0.75]], rtol=1e-15)


def test_softmax_jacobian_is_the_derivative_of_softmax():
    rng = np.random.default_rng(3)
    for k in (2, 3, 6):
        z = rng.normal(size=k)
        J = nn.softmax_jacobian(nn.softmax(z[None, :])[0])
        # row c: d softmax(z)_c / dz
        numeric = np.array([gradcheck.central_difference(lambda z: nn.softmax(z[None, :])[0, c], z)
                            for c in range(k)])
        assert gradcheck.relative_error(numeric, J) < 1e-7


def test_softmax_jacobian_rows_sum_to_0():
    """The probabilities always sum to 1, so nudging a logit moves them by a total of 0."""
    J = nn.softmax_jacobian(nn.softmax(np.array([[0.3, -1.2, 2.0]]))[0])
    np.testing.assert_allclose(J.sum(axis=1), 0, atol=1e-15)
    np.testing.assert_allclose(J, J.T)


# --- cross entropy and the loss (issue 10 item 2) -------------------------------------------------


@SETTINGS
@given(LOGITS, st.data())
def test_cross_entropy_is_minus_log_of_the_true_class(Z, draw):
    """CE_i = -ln Yhat_i[true class], exactly, inf where that probability is exactly 0."""
    P = quietly(nn.softmax, Z)
    Y = draw_one_hot(draw, *Z.shape)
    CE = quietly(nn.cross_entropy, P, Y)
    assert CE.shape == (Z.shape[0],) and (CE >= 0).all()
    with np.errstate(divide="ignore"):
        np.testing.assert_array_equal(CE, -np.log(P[Y == 1]))


def test_cross_entropy_of_a_probability_of_0_is_inf_without_a_warning():
    P = quietly(nn.softmax, [[0, 1000.0]])
    assert P[0, 0] == 0.0
    assert quietly(nn.cross_entropy, P, [[1, 0]]).tolist() == [np.inf]  # was capped at 708.4


@SETTINGS
@given(LOGITS, st.data())
def test_loss_is_the_exact_mean_cross_entropy_from_the_logits(Z, draw):
    Y = draw_one_hot(draw, *Z.shape)
    loss = quietly(nn.loss, Z, Y)
    assert np.isfinite(loss) and type(loss) is float
    assert loss == pytest.approx(exact_CE(Z, Y).mean(), rel=1e-12, abs=1e-12)


def test_loss_where_softmax_rounds_to_0_and_1():
    assert quietly(nn.loss, [[0, 1000.0]], [[1, 0]]) == 1000.0  # the old cross entropy gave 708.4
    assert quietly(nn.loss, [[0, 1000.0]], [[0, 1]]) == 0.0
    np.testing.assert_array_equal(quietly(nn.log_softmax, [[0, 1000.0]]), [[-1000, 0]])


def test_log_softmax_is_exact_where_the_others_are_tiny():  # issue 17: it gave 0.0
    assert quietly(nn.log_softmax, [[0, -50.0]])[0, 0] == pytest.approx(-math.exp(-50), rel=1e-15)  # -1.9e-22
    np.testing.assert_allclose(nn.log_softmax([[3.0, 3.0, 3.0]]), np.log(1 / 3), rtol=1e-15)  # ties: each max counts
    assert nn.log_softmax([[7.0, 7.0, -1e3]])[0, 0] == pytest.approx(-math.log(2), rel=1e-15)


def test_loss_is_the_mean_cross_entropy_where_nothing_underflows():
    X1, Y, W1, W2 = random_network(5, 3, 4, 3, N=20)
    fwd = nn.forward(X1, W1, W2)
    assert nn.loss(fwd.Z2, Y) == pytest.approx(nn.cross_entropy(fwd.Yhat, Y).mean(), rel=1e-14)


# --- the squared error, for comparison (issue 18: why cross entropy) ------------------------------


def test_squared_error_is_half_the_sum_of_squares_of_each_row():
    Yhat, Y = np.array([[0.25, 0.75], [0.5, 0.5]]), np.array([[1.0, 0.0], [0.0, 1.0]])
    np.testing.assert_allclose(nn.squared_error(Yhat, Y), [0.5 * (0.75**2 + 0.75**2), 0.25], rtol=1e-15)


@pytest.mark.parametrize("N, k", [(1, 2), (5, 2), (4, 3), (6, 10)])
def test_squared_error_grad_Z2_against_central_differences(N, k):
    """Row i is dSE_i/dZ2_i: checked through sum_i SE_i (sample i's SE depends only on row i)."""
    rng = np.random.default_rng([N, k])
    Z2, Y = rng.normal(scale=3, size=(N, k)), np.eye(k)[rng.integers(k, size=N)]
    numeric = gradcheck.central_difference(lambda Z: nn.squared_error(nn.softmax(Z), Y).sum(), Z2)
    assert gradcheck.relative_error(numeric, nn.squared_error_grad_Z2(nn.softmax(Z2), Y)) < 1e-7


def test_squared_error_grad_Z2_is_the_error_times_the_softmax_jacobian():
    Yhat, Y = nn.softmax(np.array([[0.3, -1.2, 2.0], [4.0, 0.0, -1.0]])), np.eye(3)[[0, 1]]
    rows = [(yhat - y) @ nn.softmax_jacobian(yhat) for yhat, y in zip(Yhat, Y)]
    np.testing.assert_allclose(nn.squared_error_grad_Z2(Yhat, Y), rows, rtol=1e-14)


def test_squared_error_grad_Z2_vanishes_where_cross_entropys_does_not():
    """Two classes: SE's partial is 2 p (1 - p) times CE's, Yhat - Y (p the first probability):
    sure and wrong, CE's is about 1 in size and SE's tiny."""
    Yhat, Y = nn.softmax(np.array([[-4.0, 4.0], [0.0, 0.0], [1.5, -0.5]])), np.eye(2)[[0, 0, 1]]
    p = Yhat[:, :1]
    np.testing.assert_allclose(nn.squared_error_grad_Z2(Yhat, Y), 2 * p * (1 - p) * (Yhat - Y), rtol=1e-12)
    assert abs(Yhat[0, 0] - 1) > 0.99 and abs(nn.squared_error_grad_Z2(Yhat, Y)[0, 0]) < 1e-3


# --- backpropagation: the gradients against central differences ---------------------------------

SHAPES = [(4, 2, 2), (1, 1, 2), (1, 1, 3), (3, 5, 4), (7, 3, 3), (2, 8, 5), (6, 3, 10), (64, 4, 10)]  # (d, h, k)
ACTIVATIONS = ["sigmoid", "relu"]


def mean_CE(X1, Y, W1, W2, activation):
    return nn.loss(nn.forward(X1, W1, W2, activation).Z2, Y)


@pytest.mark.parametrize("activation", ACTIVATIONS)
@pytest.mark.parametrize("d, h, k", SHAPES)
def test_weight_gradients(d, h, k, activation):
    X1, Y, W1, W2 = random_network([d, h, k, len(activation)], d, h, k, activation)
    grad = nn.backward(X1, Y, W2, nn.forward(X1, W1, W2, activation))
    assert grad.W1.shape == W1.shape and grad.W2.shape == W2.shape
    numeric_W1 = gradcheck.central_difference(lambda W: mean_CE(X1, Y, W, W2, activation), W1)
    numeric_W2 = gradcheck.central_difference(lambda W: mean_CE(X1, Y, W1, W, activation), W2)
    assert gradcheck.relative_error(numeric_W1, grad.W1) < 1e-7
    assert gradcheck.relative_error(numeric_W2, grad.W2) < 1e-7


@pytest.mark.parametrize("activation", ACTIVATIONS)
@pytest.mark.parametrize("d, h, k", SHAPES)
def test_per_sample_gradients(d, h, k, activation):
    """grad.Z2, grad.X2, grad.Z1: row i is d CE_i / d(row i); checked through sum_i CE_i
    (sample i's CE depends only on row i)."""
    X1, Y, W1, W2 = random_network([d, h, k, len(activation), 1], d, h, k, activation)
    f = nn.ACTIVATIONS[activation][0]
    fwd = nn.forward(X1, W1, W2, activation)
    grad = nn.backward(X1, Y, W2, fwd)

    def total_from_Z2(Z2):
        return nn.cross_entropy(nn.softmax(Z2), Y).sum()

    def total_from_X2(X2):
        return total_from_Z2(X2 @ W2)

    def total_from_Z1(Z1):
        return total_from_X2(nn.add_bias(f(Z1)))

    for total, M, partial in ((total_from_Z2, fwd.Z2, grad.Z2), (total_from_X2, fwd.X2, grad.X2),
                              (total_from_Z1, fwd.Z1, grad.Z1)):
        assert gradcheck.relative_error(gradcheck.central_difference(total, M), partial) < 1e-7


def test_the_article_network():
    """The article's sample and weights: pixels of 0-255 make the W1 gradient stiff."""
    sample = data.article_sample()
    W1, W2 = data.article_weights()
    X1, Y = nn.add_bias(sample.X), sample.Y
    grad = nn.backward(X1, Y, W2, nn.forward(X1, W1, W2))
    numeric_W1 = gradcheck.central_difference(lambda W: mean_CE(X1, Y, W, W2, "sigmoid"), W1)
    numeric_W2 = gradcheck.central_difference(lambda W: mean_CE(X1, Y, W1, W, "sigmoid"), W2)
    assert gradcheck.relative_error(numeric_W1, grad.W1) < 1e-7
    assert gradcheck.relative_error(numeric_W2, grad.W2) < 1e-7


# --- overflow: a right answer or a ValueError, never a warning (issue 10 item 12) ----------------


def test_overflow_is_a_value_error_not_a_warning():
    X1, Y, W1, W2 = random_network(0, 2, 2, 2)
    huge = np.array([[1e308, -1e308]] * 3)
    with pytest.raises(ValueError, match=r"Z2 = X2 W2 overflowed"):
        quietly(nn.forward, X1, W1, huge)
    with pytest.raises(ValueError, match=r"Z1 = X1 W1 overflowed"):
        quietly(nn.forward, nn.add_bias(np.full((2, 2), 3.0)), np.full((3, 2), 1e308), W2, "relu")
    fwd = nn.forward(X1, W1, W2)
    with pytest.raises(ValueError, match=r"the gradient dCE-bar/dW. overflowed"):
        quietly(nn.backward, X1, Y, np.array([[1.7e308, -1.7e308]] * 3), fwd)


# --- bad input: one row per public function and argument, proving it calls its checker ----------
# (what each checker refuses, NaN, inf, -inf and the rest, is tabled once in tests/test_checks.py)

X1 = nn.add_bias(np.arange(8.0).reshape(4, 2))  # 4 samples, 2 inputs: X1 is 4x3
W1 = np.full((3, 2), 0.1)  # 2 hidden nodes
W2 = np.full((3, 2), 0.1)  # 2 classes
Y = np.eye(2)[[0, 1, 1, 0]]
FWD = nn.forward(X1, W1, W2)
NAN = r"has a NaN value at index \(2, 1\)$"


def nan_at(M):
    return with_value(M, (2, 1), np.nan)


TANH = nn.Forward(*FWD[:4], "tanh")

BAD_INPUTS = [
    bad(nn.forward, lambda: nn.forward(nan_at(X1), W1, W2), rf"^X1 {NAN}"),
    bad(nn.forward, lambda: nn.forward(X1, nan_at(W1), W2), rf"^W1 {NAN}"),
    bad(nn.forward, lambda: nn.forward(X1, W1, nan_at(W2)), rf"^W2 {NAN}"),
    bad(nn.forward, lambda: nn.forward(X1, W1, W2, "tanh"),
        r"^activation must be one of 'sigmoid', 'relu'; got 'tanh'"),
    bad(nn.backward, lambda: nn.backward(nan_at(X1), Y, W2, FWD), rf"^X1 {NAN}"),
    bad(nn.backward, lambda: nn.backward(X1, nan_at(Y), W2, FWD), rf"^Y {NAN}"),
    bad(nn.backward, lambda: nn.backward(X1, Y, nan_at(W2), FWD), rf"^W2 {NAN}"),
    bad(nn.backward, lambda: nn.backward(X1, Y, W2, TANH),
        r"^fwd.activation must be one of 'sigmoid', 'relu'; got 'tanh'"),
    bad(nn.backward, lambda: nn.backward(X1, Y, W2, FWD.Yhat), r"^fwd must be the result of nn.forward"),
    # issue 17: an X1 without its bias column (grad.W1 came back 4x3 for a 5x3 W1), or with a wrong one
    bad(nn.backward, lambda: nn.backward(X1[:, 1:], Y, W2, FWD), r"^X1's first column must be the bias column"),
    bad(nn.backward, lambda: nn.backward(with_value(X1, (1, 0), 2.0), Y, W2, FWD),
        r"^X1's first column must be the bias column of 1s; row 1 has 2"),
    # issue 17: a fwd whose matrices have wrong shapes (a Yhat of N x 1 broadcast)
    *(bad(nn.backward, lambda name=name, M=M: nn.backward(X1, Y, W2, FWD._replace(**{name: M})),
          rf"^fwd does not match: its {name} is {M.shape[0]}x{M.shape[1]}.* so {name} must be 4x{n}$")
      for name, M, n in [("Yhat", FWD.Yhat[:, :1], 2), ("Z2", np.ones((4, 3)), 2), ("X2", FWD.X2[:, :2], 3),
                         ("Z1", np.ones((4, 3)), 2), ("Yhat", FWD.Yhat[:3], 2)]),
    bad(nn.cross_entropy, lambda: nn.cross_entropy(FWD.Yhat, with_value(Y, (1, 0), 1.0)),
        r"^Y must be one-hot: row 1 has 2 ones, not exactly 1"),
    bad(nn.cross_entropy, lambda: nn.cross_entropy(np.full((4, 2), 0.5), np.eye(3)[[0, 1, 2, 0]]),
        r"^Yhat and Y must have the same shape, got \(4, 2\) and \(4, 3\)"),
    bad(nn.cross_entropy, lambda: nn.cross_entropy([[1.5, -0.5]], [[1, 0]]),
        r"^Yhat must hold probabilities \(0 to 1\): Yhat\[0, 0\] = 1.5"),
    bad(nn.loss, lambda: nn.loss(nan_at(FWD.Z2), Y), rf"^Z2 {NAN}"),
    bad(nn.squared_error, lambda: nn.squared_error([[1.5, -0.5]], [[1, 0]]),
        r"^Yhat must hold probabilities \(0 to 1\): Yhat\[0, 0\] = 1.5"),
    bad(nn.squared_error, lambda: nn.squared_error(FWD.Yhat, with_value(Y, (1, 0), 1.0)),
        r"^Y must be one-hot: row 1 has 2 ones, not exactly 1"),
    bad(nn.squared_error, lambda: nn.squared_error(FWD.Yhat, np.eye(3)[[0, 1, 2, 0]]),
        r"^Yhat and Y must have the same shape, got \(4, 2\) and \(4, 3\)"),
    bad(nn.squared_error_grad_Z2, lambda: nn.squared_error_grad_Z2([[1.5, -0.5]], [[1, 0]]),
        r"^Yhat must hold probabilities \(0 to 1\): Yhat\[0, 0\] = 1.5"),
    bad(nn.squared_error_grad_Z2, lambda: nn.squared_error_grad_Z2(FWD.Yhat, with_value(Y, (1, 0), 1.0)),
        r"^Y must be one-hot: row 1 has 2 ones, not exactly 1"),
    bad(nn.loss, lambda: nn.loss(FWD.Z2, with_value(Y, (3, 0), 0.0)), r"^Y must be one-hot: row 3 has 0 ones"),
    bad(nn.loss, lambda: nn.loss([[1.0, 2.0]], [[1, 0, 0]]),
        r"^Z2 and Y must have the same shape, got \(1, 2\) and \(1, 3\)"),
    bad(nn.softmax, lambda: nn.softmax([1.0, 2.0]), r"^Z must be a matrix \(2 dimensions\), got shape \(2,\)"),
    bad(nn.log_softmax, lambda: nn.log_softmax(nan_at(FWD.Z2)), rf"^Z {NAN}"),
    bad(nn.add_bias, lambda: nn.add_bias(np.ones((0, 4))), r"^X is empty"),
    bad(nn.sigmoid, lambda: nn.sigmoid([[0.0, np.nan]]), r"^Z has a NaN value at index \(0, 1\)"),
    bad(nn.sigmoid_prime, lambda: nn.sigmoid_prime([[0.5, np.inf]]), r"^S has an infinite value"),
    bad(nn.relu, lambda: nn.relu([[np.nan]]), r"^Z has a NaN value at index \(0, 0\)"),
    bad(nn.relu_prime, lambda: nn.relu_prime([[np.inf]]), r"^R has an infinite value"),
    bad(nn.softmax_jacobian, lambda: nn.softmax_jacobian([[0.5, 0.5]]), r"^yhat must be a vector \(1 dimension\)"),
    bad(nn.activation_name, lambda: nn.activation_name(None, "activation"),
        r"^activation must be one of 'sigmoid', 'relu'; got None"),
]


@pytest.mark.parametrize("function, call, message", BAD_INPUTS)
def test_bad_input(function, call, message):
    check_bad_input(call, message)
