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
Each function's inputs are checked above it (@checks.checked): bad input raises a ValueError
naming the argument, and its body is the math alone.
"""

from functools import partial
from typing import NamedTuple

import numpy as np

from helpers import checks

# --- the hidden activations and their derivatives ---------------------------------------

may_be_infinite = partial(checks.array, allow="inf")


@checks.checked(Z=may_be_infinite)
def sigmoid(Z):
    """1 / (1 + e^-Z), element by element: a number in (0, 1)."""
    return 1 / (1 + np.exp(-Z))  # e^-Z overflows to inf for Z < -709: 1/inf is 0, as it should be


@checks.checked(S=checks.array)
def sigmoid_prime(S):
    """The sigmoid's slope written with its own output S = sigmoid(Z): S (1 - S)."""
    return S * (1 - S)


@checks.checked(Z=may_be_infinite)
def relu(Z):
    """max(0, Z), element by element."""
    return np.maximum(Z, 0)


@checks.checked(R=checks.array)
def relu_prime(R):
    """ReLU's slope written with its own output R = relu(Z): 1 where R > 0, else 0."""
    return (R > 0).astype(float)


ACTIVATIONS = {"sigmoid": (sigmoid, sigmoid_prime), "relu": (relu, relu_prime)}


def activation_name(name, argument):
    """name if it is one of ACTIVATIONS, else ValueError naming the argument."""
    return checks.one_of(name, argument, list(ACTIVATIONS))


# --- the forward pass ----------------------------------------------------------------------


@checks.checked(X=checks.matrix)
def add_bias(X):
    """[1, X]: a column of 1s in front of X (N x d -> N x (d+1))."""
    return np.concatenate([np.ones((len(X), 1)), X], axis=1)


@checks.checked(Z=checks.matrix)
def softmax(Z):
    """Each row's exponentials divided by their sum. Subtracting the row's largest value first
    changes nothing (e^-m cancels) but keeps e^z from overflowing."""
    F = np.asfortranarray(Z)  # row reductions are ~10x faster on a column-major copy (numpy issue 22870)
    E = np.exp(Z - F.max(axis=1, keepdims=True))  # e^(z_c - m), m the row's largest z
    return E / np.asfortranarray(E).sum(axis=1, keepdims=True)  # yhat_c = e^z_c / sum_j e^z_j


@checks.checked(yhat=checks.vector)
def softmax_jacobian(yhat):
    """d yhat / d z for one row yhat = softmax(z): a k x k matrix with yhat_c (1 - yhat_c) on
    the diagonal and -yhat_c yhat_j off it."""
    return np.diag(yhat) - np.outer(yhat, yhat)


class Forward(NamedTuple):
    """The forward pass's matrices, named as in the article, and the hidden activation used."""

    Z1: np.ndarray
    X2: np.ndarray
    Z2: np.ndarray
    Yhat: np.ndarray
    activation: str


@checks.checked(checks.network, activation=activation_name, overflow={"Z1": "Z1 = X1 W1", "Z2": "Z2 = X2 W2"})
def forward(X1, W1, W2, activation="sigmoid"):
    """Z1 = X1 W1, X2 = [1, f(Z1)], Z2 = X2 W2, Yhat = softmax(Z2). X1 has its bias column."""
    f, _ = ACTIVATIONS[activation]
    Z1 = X1 @ W1  # Z1 = X1 W1
    X2 = add_bias(f(Z1))  # X2 = [1, f(Z1)]
    Z2 = X2 @ W2  # Z2 = X2 W2
    Yhat = softmax(Z2)  # Yhat = softmax(Z2)
    return Forward(Z1, X2, Z2, Yhat, activation)


# --- the loss --------------------------------------------------------------------------------


@checks.checked(Yhat=checks.probabilities, Y=checks.one_hot, same_shape=("Yhat", "Y"))
def cross_entropy(Yhat, Y):
    """CE_i = -sum_c Y_ic ln Yhat_ic for each row: -ln of the probability of the true class,
    since Y is one-hot. A probability of exactly 0 for the true class costs inf."""
    return -np.log(Yhat[Y == 1])  # CE_i = -ln Yhat_i,true (ln 0 = -inf: the true answer)


@checks.checked(Z=checks.matrix)
def log_softmax(Z):
    """ln softmax(Z), row by row, straight from Z: z - m - ln sum_j e^(z_j - m), m the row's
    largest. Exact where softmax rounds to 0 or 1: ln softmax([0, 1000]) = [-1000, 0], and
    ln softmax([0, -50])_0 = -ln(1 + e^-50) = -1.9e-22."""
    largest = Z.argmax(axis=1)
    F = np.asfortranarray(Z)  # row reductions are ~10x faster on a column-major copy (numpy issue 22870)
    shifted = Z - F.max(axis=1, keepdims=True)  # z - m: the row's largest is now 0
    E = np.asfortranarray(np.exp(shifted))  # e^(z_j - m): 1 for the largest
    E[np.arange(len(Z)), largest] = 0  # ... which the sum of the others leaves out
    return shifted - np.log1p(E.sum(axis=1, keepdims=True))  # ln sum_j e^(z_j - m) = ln(1 + the others)


@checks.checked(Z2=checks.matrix, Y=checks.one_hot, same_shape=("Z2", "Y"))
def loss(Z2, Y):
    """The loss, CE-bar: the mean over rows of CE_i = -ln softmax(Z2)_i at the true class,
    computed from Z2 by log_softmax, so it stays exact where Yhat rounds to 0 or 1."""
    return float(-np.vdot(Y, log_softmax(Z2)) / len(Y))  # CE-bar = -1/N sum_i sum_c Y_ic ln Yhat_ic


# --- the squared error, for comparison (notebook 04) -----------------------------------------


@checks.checked(Yhat=checks.probabilities, Y=checks.one_hot, same_shape=("Yhat", "Y"))
def squared_error(Yhat, Y):
    """SE_i = 1/2 sum_c (Yhat_ic - Y_ic)^2 for each row: the error of notebook 00a, measured on
    the probabilities. Notebook 04 compares it with the cross entropy; training uses CE."""
    return 0.5 * ((Yhat - Y) ** 2).sum(axis=1)  # SE_i = 1/2 sum_c (Yhat_ic - Y_ic)^2


@checks.checked(Yhat=checks.probabilities, Y=checks.one_hot, same_shape=("Yhat", "Y"))
def squared_error_grad_Z2(Yhat, Y):
    """dSE_i/dZ2_i, a row per sample: (Yhat_i - Y_i) J_i, with J_i = diag(Yhat_i) - Yhat_i^T Yhat_i
    the softmax Jacobian (softmax_jacobian). Cross entropy's is Yhat_i - Y_i alone; the Jacobian's
    entries Yhat_c (1 - Yhat_c) and -Yhat_c Yhat_j vanish where Yhat_i is sure, right or wrong."""
    D = Yhat - Y  # dSE_i/dYhat_i = Yhat_i - Y_i
    return Yhat * (D - (D * Yhat).sum(axis=1, keepdims=True))  # D J = Yhat (D - D.Yhat), element by element


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


def _forward_pass(fwd, name):
    return fwd._replace(activation=activation_name(fwd.activation, f"{name}.activation"))


@checks.checked(checks.forward_pass, fwd=_forward_pass,
                overflow={"W2": "the gradient dCE-bar/dW2", "W1": "the gradient dCE-bar/dW1"})
def backward(X1, Y, W2, fwd):
    """Backpropagation: from the loss back to W1, each partial from the one after it,
    using only the matrices of the forward pass fwd = forward(X1, W1, W2, activation).
    Given one sample (X1[:1], Y[:1]) it gives the article's partials for that sample."""
    _, f_prime = ACTIVATIONS[fwd.activation]
    N = len(X1)
    grad_Z2 = fwd.Yhat - Y  # softmax and cross entropy together: dCE_i/dZ2_i = Yhat_i - Y_i
    grad_X2 = grad_Z2 @ W2.T  # Z2 = X2 W2
    grad_Z1 = grad_X2[:, 1:] * f_prime(fwd.X2[:, 1:])  # X2 = [1, f(Z1)]: the bias column has no Z1
    grad_W2 = fwd.X2.T @ grad_Z2 / N  # Z2 = X2 W2, averaged over the N samples
    grad_W1 = X1.T @ grad_Z1 / N  # Z1 = X1 W1, averaged
    return Gradients(grad_Z2, grad_X2, grad_Z1, grad_W2, grad_W1)
