"""The network's equations, one function per equation (numpy only).

As Ben Gorman's "Neural Networks - A Worked Example" (GormAnalysis) writes them; the notation
card is in notebook 02. With N samples, d inputs, h hidden nodes and k classes:

    X1    N x (d+1)   the inputs; column 0 is all 1s (the bias input)
    W1    (d+1) x h   weights into the hidden layer; row 0 is the bias row
    Z1    N x h       Z1 = X1 W1
    X2    N x (h+1)   X2 = [1, f(Z1)], f the hidden activation (sigmoid, or relu)
    W2    (h+1) x k   weights into the output layer; row 0 is the bias row
    Z2    N x k       Z2 = X2 W2
    Yhat  N x k       Yhat = softmax(Z2), row by row
    CE    N           CE_i = -sum_c Y_ic ln Yhat_ic; the loss is their mean, CE-bar

Each activation's derivative sits beside it, written with the activation's own output, as
the article does: backward needs nothing but the forward pass's matrices.
Bad input raises a ValueError naming the argument (helpers/checks.py).
"""

from typing import NamedTuple

import numpy as np

from helpers import checks

# --- the hidden activations and their derivatives ---------------------------------------


def sigmoid(Z):
    """1 / (1 + e^-Z), element by element: a number in (0, 1)."""
    Z = checks.array(Z, "Z", allow="inf")
    with np.errstate(over="ignore"):  # e^-Z overflows to inf for Z < -709: 1/inf is 0, as it should be
        return 1 / (1 + np.exp(-Z))


def sigmoid_prime(S):
    """The sigmoid's slope written with its own output S = sigmoid(Z): S (1 - S)."""
    S = checks.array(S, "S")
    return S * (1 - S)


def relu(Z):
    """max(0, Z), element by element."""
    Z = checks.array(Z, "Z", allow="inf")
    return np.maximum(Z, 0)


def relu_prime(R):
    """ReLU's slope written with its own output R = relu(Z): 1 where R > 0, else 0."""
    R = checks.array(R, "R")
    return (R > 0).astype(float)


ACTIVATIONS = {"sigmoid": (sigmoid, sigmoid_prime), "relu": (relu, relu_prime)}

# --- the forward pass ----------------------------------------------------------------------


def add_bias(X):
    """[1, X]: a column of 1s in front of X (N x d -> N x (d+1))."""
    X = checks.array(X, "X", ndim=2)
    return np.concatenate([np.ones((len(X), 1)), X], axis=1)


def softmax(Z):
    """Each row's exponentials divided by their sum. Subtracting the row's largest value first
    changes nothing (e^-m cancels) but keeps e^z from overflowing."""
    Z = checks.array(Z, "Z", ndim=2)
    with np.errstate(over="ignore"):  # Z - m may overflow to -inf, whose e^ is the right 0
        E = np.exp(Z - Z.max(axis=1, keepdims=True))
    return E / E.sum(axis=1, keepdims=True)


def softmax_jacobian(yhat):
    """d yhat / d z for one row yhat = softmax(z): a k x k matrix with yhat_c (1 - yhat_c) on
    the diagonal and -yhat_c yhat_j off it."""
    yhat = checks.array(yhat, "yhat", ndim=1)
    return np.diag(yhat) - np.outer(yhat, yhat)


class Forward(NamedTuple):
    """The forward pass's matrices, named as in the article, and the hidden activation used."""

    Z1: np.ndarray
    X2: np.ndarray
    Z2: np.ndarray
    Yhat: np.ndarray
    activation: str


def forward(X1, W1, W2, activation="sigmoid"):
    """Z1 = X1 W1, X2 = [1, f(Z1)], Z2 = X2 W2, Yhat = softmax(Z2). X1 has its bias column."""
    X1, W1, W2 = checks.network(X1, W1, W2)
    f, _ = ACTIVATIONS[checks.one_of(activation, "activation", list(ACTIVATIONS))]
    with np.errstate(over="ignore", invalid="ignore"):  # an overflow is a ValueError below, not a warning
        Z1 = X1 @ W1
        checks.not_overflowed(Z1, "Z1 = X1 W1")
        X2 = add_bias(f(Z1))
        Z2 = X2 @ W2
    checks.not_overflowed(Z2, "Z2 = X2 W2")
    return Forward(Z1, X2, Z2, softmax(Z2), activation)


# --- the loss --------------------------------------------------------------------------------


def cross_entropy(Yhat, Y):
    """CE_i = -sum_c Y_ic ln Yhat_ic for each row: -ln of the probability of the true class,
    since Y is one-hot. A probability of exactly 0 for the true class costs inf."""
    Yhat, Y = checks.probabilities(Yhat), checks.one_hot(Y)
    checks.same_shape(Yhat, Y, "Yhat", "Y")
    with np.errstate(divide="ignore"):  # ln 0 = -inf: the true answer, not a warning
        return -np.log(Yhat[Y == 1])


def log_softmax(Z):
    """ln softmax(Z), row by row, straight from Z: Z - m - ln sum_j e^(z_j - m), m the row's max.
    Exact where softmax underflows to 0: ln softmax([0, 1000]) = [-1000, 0]."""
    Z = checks.array(Z, "Z", ndim=2)
    with np.errstate(over="ignore"):
        shifted = Z - Z.max(axis=1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))


def loss(Z2, Y):
    """The loss, CE-bar: the mean over rows of CE_i = -ln softmax(Z2)_i at the true class,
    computed from Z2 by log_softmax, so it stays exact where Yhat rounds to 0 or 1."""
    Z2, Y = checks.array(Z2, "Z2", ndim=2), checks.one_hot(Y)
    checks.same_shape(Z2, Y, "Z2", "Y")
    return float(-log_softmax(Z2)[Y == 1].mean())


# --- backpropagation ---------------------------------------------------------------------------


class Gradients(NamedTuple):
    """The partials backward finds. Z2, X2 and Z1 have a row per sample, that sample's own
    dCE_i/dM_i; W2 and W1 are the gradients of the loss, dCE-bar/dW: the per-sample
    partials averaged over the samples."""

    Z2: np.ndarray
    X2: np.ndarray
    Z1: np.ndarray
    W2: np.ndarray
    W1: np.ndarray


def backward(X1, Y, W2, fwd):
    """Backpropagation: from the loss back to W1, each partial from the one after it,
    using only the matrices of the forward pass fwd = forward(X1, W1, W2, activation).
    Given one sample (X1[:1], Y[:1]) it gives the article's partials for that sample."""
    X1, Y, W2 = checks.backward(X1, Y, W2, fwd)
    _, f_prime = ACTIVATIONS[checks.one_of(fwd.activation, "fwd.activation", list(ACTIVATIONS))]
    N = len(X1)
    with np.errstate(over="ignore", invalid="ignore"):  # an overflow is a ValueError below, not a warning
        grad_Z2 = fwd.Yhat - Y  # softmax and cross entropy together: dCE_i/dZ2_i = Yhat_i - Y_i
        grad_X2 = grad_Z2 @ W2.T  # Z2 = X2 W2
        grad_Z1 = grad_X2[:, 1:] * f_prime(fwd.X2[:, 1:])  # X2 = [1, f(Z1)]: the bias column has no Z1
        grad_W2 = fwd.X2.T @ grad_Z2 / N  # Z2 = X2 W2, averaged over the N samples
        grad_W1 = X1.T @ grad_Z1 / N  # Z1 = X1 W1, averaged
    checks.not_overflowed(grad_W2, "the gradient dCE-bar/dW2")
    checks.not_overflowed(grad_W1, "the gradient dCE-bar/dW1")  # an inf or NaN in grad_X2 or grad_Z1 ends up here
    return Gradients(grad_Z2, grad_X2, grad_Z1, grad_W2, grad_W1)
