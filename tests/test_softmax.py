"""Property-based tests of softmax and cross entropy (hypothesis draws the logits)."""

import warnings

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from helpers import nn

LOGIT = st.floats(-1000, 1000, allow_nan=False, allow_infinity=False)
LOGITS = arrays(np.float64, st.tuples(st.integers(1, 8), st.integers(1, 6)), elements=LOGIT)
SETTINGS = settings(max_examples=300, deadline=None)


def quietly(f, *args):
    """f(*args), failing on any warning or floating-point overflow/invalid/divide."""
    with warnings.catch_warnings(), np.errstate(over="raise", invalid="raise", divide="raise"):
        warnings.simplefilter("error")
        return f(*args)


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


@SETTINGS
@given(arrays(np.float64, st.integers(1, 6), elements=LOGIT))
def test_a_vector_is_one_row(z):
    np.testing.assert_array_equal(quietly(nn.softmax, z), quietly(nn.softmax, z[None, :])[0])


def test_plus_minus_1000_is_finite_and_exact():
    P = quietly(nn.softmax, np.array([[1000.0, -1000.0], [-1000.0, 1000.0], [1000.0, 1000.0], [-1000.0, -1000.0]]))
    np.testing.assert_array_equal(P, [[1, 0], [0, 1], [0.5, 0.5], [0.5, 0.5]])


def test_known_values():
    np.testing.assert_allclose(nn.softmax(np.array([[0.0, np.log(3.0)]])), [[0.25, 0.75]], rtol=1e-15)


@SETTINGS
@given(LOGITS, st.data())
def test_cross_entropy_is_finite_and_matches_minus_log(Z, draw):
    """CE_i = -log Yhat_i[true class], finite even when that probability underflows to 0."""
    P = quietly(nn.softmax, Z)
    labels = draw.draw(arrays(np.int64, Z.shape[0], elements=st.integers(0, Z.shape[1] - 1)))
    Y = np.eye(Z.shape[1])[labels]
    CE = quietly(nn.cross_entropy, P, Y)
    assert CE.shape == (Z.shape[0],)
    assert np.isfinite(CE).all() and (CE >= 0).all()
    p_true = P[np.arange(len(labels)), labels]
    normal = p_true >= np.finfo(float).tiny
    np.testing.assert_allclose(CE[normal], -np.log(p_true[normal]), rtol=1e-12, atol=1e-15)
    # below the smallest normal float (subnormal or 0) the loss is capped, not infinite
    np.testing.assert_allclose(CE[~normal], -np.log(np.finfo(float).tiny), rtol=1e-15)


def test_cross_entropy_when_a_probability_underflows_to_0():
    P = quietly(nn.softmax, np.array([[1000.0, -1000.0]]))
    assert P[0, 1] == 0.0
    CE = quietly(nn.cross_entropy, P, np.array([[0.0, 1.0]]))
    assert np.isfinite(CE).all() and CE[0] > 700  # -log of the smallest positive float


def test_softmax_jacobian_rows_sum_to_0():
    """The probabilities always sum to 1, so nudging a logit moves them by a total of 0."""
    J = nn.softmax_jacobian(nn.softmax(np.array([0.3, -1.2, 2.0])))
    np.testing.assert_allclose(J.sum(axis=1), 0, atol=1e-15)
    np.testing.assert_allclose(J, J.T)
