"""The network's math, one function per equation of the article (numpy only).

Notation, as in Ben Gorman's "Neural Networks - A Worked Example" (GormAnalysis):

    X1    N x (d+1)  inputs; column 0 is all 1s (the bias)
    W1    (d+1) x h  weights into the hidden layer; row 0 is the bias row
    Z1 = X1 W1                         N x h
    X2 = [1, f(Z1)]                    N x (h+1), f = sigmoid (or relu)
    W2    (h+1) x k  weights into the output layer; row 0 is the bias row
    Z2 = X2 W2                         N x k
    Yhat = softmax(Z2), row by row     N x k
    CE_i = -sum_c Y_ic log Yhat_ic     one value per row; the loss is its mean
    grad_M = d mean(CE) / dM           same shape as M

The article's network is d=4 pixels, h=2 hidden nodes, k=2 classes.
Bad input raises ValueError with a message that names what is wrong.
"""

from typing import NamedTuple

import numpy as np

# --- checks -----------------------------------------------------------------


def as_matrix(M, name, ndim=2):
    """M as a float array of `ndim` dimensions, non-empty and finite, else ValueError."""
    try:
        A = np.asarray(M, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be numeric, got {type(M).__name__}") from None
    if A.ndim != ndim:
        raise ValueError(f"{name} must have {ndim} dimension(s), got shape {A.shape}")
    if A.size == 0:
        raise ValueError(f"{name} is empty (shape {A.shape})")
    if not np.isfinite(A).all():
        bad = tuple(int(i) for i in np.argwhere(~np.isfinite(A))[0])
        raise ValueError(f"{name} has a NaN or inf value at index {bad}")
    return A


def check_one_hot(Y, name="Y"):
    """Y as a float matrix whose rows are one-hot (0s and a single 1), else ValueError."""
    Y = as_matrix(Y, name)
    not_binary = ~np.isin(Y, (0.0, 1.0))
    if not_binary.any():
        i, j = np.argwhere(not_binary)[0]
        raise ValueError(f"{name} must be one-hot: {name}[{i}, {j}] = {Y[i, j]:g}, not 0 or 1")
    sums = Y.sum(axis=1)
    if (sums != 1).any():
        i = int(np.argmax(sums != 1))
        raise ValueError(f"{name} must be one-hot: row {i} has {sums[i]:g} ones, not exactly 1")
    return Y


def check_chain(A, B, a, b):
    """ValueError unless the product A B is defined (columns of A = rows of B)."""
    if A.shape[1] != B.shape[0]:
        raise ValueError(
            f"shapes do not chain: {a} is {A.shape[0]}x{A.shape[1]}, so {b} needs "
            f"{A.shape[1]} rows, but {b} is {B.shape[0]}x{B.shape[1]}"
        )


def check_network(X1, W1, W2):
    """X1, W1, W2 as float matrices whose shapes chain, else ValueError."""
    X1, W1, W2 = as_matrix(X1, "X1"), as_matrix(W1, "W1"), as_matrix(W2, "W2")
    if not (X1[:, 0] == 1).all():
        i = int(np.argmax(X1[:, 0] != 1))
        raise ValueError(f"X1's first column must be the bias column of 1s; row {i} has {X1[i, 0]:g}")
    check_chain(X1, W1, "X1", "W1")
    if W2.shape[0] != W1.shape[1] + 1:
        raise ValueError(
            f"shapes do not chain: X2 = [1, f(Z1)] has {W1.shape[1] + 1} columns "
            f"(bias + {W1.shape[1]} hidden nodes), so W2 needs {W1.shape[1] + 1} rows, "
            f"but W2 is {W2.shape[0]}x{W2.shape[1]}"
        )
    return X1, W1, W2


def check_targets(Y, X1, W2):
    """Y as a one-hot matrix with a row per sample and a column per class, else ValueError."""
    Y = check_one_hot(Y)
    if Y.shape != (X1.shape[0], W2.shape[1]):
        raise ValueError(
            f"Y must be {X1.shape[0]}x{W2.shape[1]} (a row per sample of X1, a column per "
            f"output of W2), got {Y.shape[0]}x{Y.shape[1]}"
        )
    return Y


# --- the equations ------------------------------------------------------------


def add_bias(X):
    """[1, X]: X with a column of 1s prepended (N x d -> N x (d+1))."""
    return _add_bias(as_matrix(X, "X"))


def _add_bias(X):
    X1 = np.ones((X.shape[0], X.shape[1] + 1))
    X1[:, 1:] = X
    return X1


def sigmoid(Z):
    """1 / (1 + exp(-Z)), element-wise; exactly 0 or 1 far out, with no overflow warning."""
    with np.errstate(over="ignore"):
        return 1 / (1 + np.exp(-np.asarray(Z, dtype=float)))


def sigmoid_prime(S):
    """The sigmoid's derivative written with its own output S = sigmoid(Z): S (1 - S)."""
    return S * (1 - S)


def relu(Z):
    """max(0, Z), element-wise."""
    return np.maximum(np.asarray(Z, dtype=float), 0)


def relu_prime(R):
    """ReLU's derivative written with its own output R = relu(Z): 1 where R > 0, else 0."""
    return (R > 0).astype(float)


# name -> (activation, its derivative in terms of the activation's output)
ACTIVATIONS = {"sigmoid": (sigmoid, sigmoid_prime), "relu": (relu, relu_prime)}


def activation_pair(name):
    """(f, f') for a hidden activation's name, else ValueError."""
    if name not in ACTIVATIONS:
        raise ValueError(f"unknown activation {name!r}: choose one of {sorted(ACTIVATIONS)}")
    return ACTIVATIONS[name]


def softmax(Z):
    """Row-wise softmax exp(Z) / sum(exp(Z)); each row's max is subtracted first, which
    leaves the result unchanged but keeps exp from overflowing (logits of +-1000 are fine)."""
    return _softmax(as_matrix(Z, "Z", ndim=1 if np.ndim(Z) == 1 else 2))


def _softmax(Z):
    if Z.ndim == 1:
        return _softmax(Z[None, :])[0]
    E = np.exp(Z - row_max(Z)[:, None])
    return E / (E @ np.ones(Z.shape[1]))[:, None]  # row sums; a matmul is faster than sum(axis=1)


def row_max(Z):
    """Each row's largest value (Z.max(axis=1), but faster when Z has few columns)."""
    m = Z[:, 0].copy()
    for j in range(1, Z.shape[1]):
        np.maximum(m, Z[:, j], out=m)
    return m


def softmax_jacobian(yhat):
    """dYhat_i/dZ2_i for one row yhat (the article's step 2): k x k matrix with
    yhat_c (1 - yhat_c) on the diagonal and -yhat_c yhat_j off it."""
    yhat = as_matrix(yhat, "yhat", ndim=1)
    return np.diag(yhat) - np.outer(yhat, yhat)


# The smallest positive float: log(TINY) = -708.4, so CE stays finite when a
# predicted probability underflows to 0.
TINY = np.finfo(float).tiny


def cross_entropy(Yhat, Y):
    """CE_i = -sum_c Y_ic log Yhat_ic, one value per row (finite even if Yhat_ic = 0)."""
    Yhat, Y = as_matrix(Yhat, "Yhat"), check_one_hot(Y)
    if Yhat.shape != Y.shape:
        raise ValueError(f"Yhat and Y must have the same shape, got {Yhat.shape} and {Y.shape}")
    return -(Y * np.log(np.maximum(Yhat, TINY))).sum(axis=1)


class Forward(NamedTuple):
    """The forward pass's matrices, named as in the article."""

    Z1: np.ndarray
    X2: np.ndarray
    Z2: np.ndarray
    Yhat: np.ndarray


def forward(X1, W1, W2, activation="sigmoid"):
    """Z1 = X1 W1, X2 = [1, f(Z1)], Z2 = X2 W2, Yhat = softmax(Z2). X1 has its bias column."""
    X1, W1, W2 = check_network(X1, W1, W2)
    return _forward(X1, W1, W2, activation_pair(activation)[0])


def _forward(X1, W1, W2, f):
    Z1 = X1 @ W1
    X2 = _add_bias(f(Z1))
    Z2 = X2 @ W2
    return Forward(Z1, X2, Z2, _softmax(Z2))


class Gradients(NamedTuple):
    """Gradients of the mean cross entropy, one per matrix of the forward pass.
    Z2, X2, Z1 have a row per sample (that sample's own partials); W2, W1 are averaged."""

    Z2: np.ndarray
    X2: np.ndarray
    Z1: np.ndarray
    W2: np.ndarray
    W1: np.ndarray


def backward(X1, Y, W1, W2, activation="sigmoid"):
    """Backpropagation: the forward pass, then each gradient from the one after it.
    backward(X1[:1], Y[:1], W1, W2) gives the article's partials for sample 1."""
    X1, W1, W2 = check_network(X1, W1, W2)
    Y = check_targets(Y, X1, W2)
    f, f_prime = activation_pair(activation)
    return _backward(X1, Y, W2, _forward(X1, W1, W2, f), f_prime)


def _backward(X1, Y, W2, fwd, f_prime):
    N = X1.shape[0]
    grad_Z2 = fwd.Yhat - Y  # softmax + cross entropy: dCE_i/dZ2_i = Yhat_i - Y_i
    grad_X2 = grad_Z2 @ W2.T  # Z2 = X2 W2
    grad_Z1 = grad_X2[:, 1:] * f_prime(fwd.X2[:, 1:])  # X2 = [1, f(Z1)]; the bias column has no Z1
    grad_W2 = fwd.X2.T @ grad_Z2 / N  # averaged over the samples
    grad_W1 = X1.T @ grad_Z1 / N
    return Gradients(grad_Z2, grad_X2, grad_Z1, grad_W2, grad_W1)


def update(W, grad_W, stepsize):
    """One gradient-descent step: W - stepsize * grad_W."""
    W, grad_W = as_matrix(W, "W"), as_matrix(grad_W, "grad_W")
    if W.shape != grad_W.shape:
        raise ValueError(f"W and grad_W must have the same shape, got {W.shape} and {grad_W.shape}")
    check_stepsize(stepsize)
    return W - stepsize * grad_W


def check_stepsize(stepsize):
    if not np.isfinite(stepsize) or stepsize < 0:
        raise ValueError(f"stepsize must be a finite number >= 0, got {stepsize}")


# --- checking the gradients ---------------------------------------------------


def central_difference(loss, W, eps=1e-6):
    """d loss / dW, entry by entry, with no calculus: (loss(W + eps) - loss(W - eps)) / (2 eps),
    nudging one entry at a time. Off from the true derivative by about eps^2, plus rounding."""
    W = as_matrix(W, "W", ndim=np.ndim(W))
    G = np.zeros_like(W)
    for index in np.ndindex(W.shape):
        nudge = np.zeros_like(W)
        nudge[index] = eps
        G[index] = (loss(W + nudge) - loss(W - nudge)) / (2 * eps)
    return G


def relative_error(A, B):
    """|A - B| / (|A| + |B|) with Frobenius norms: 0 when equal, 1 when opposite."""
    A, B = np.asarray(A, dtype=float), np.asarray(B, dtype=float)
    scale = np.linalg.norm(A) + np.linalg.norm(B)
    return np.linalg.norm(A - B) / scale if scale > 0 else 0.0


# --- training -----------------------------------------------------------------


def init_weights(rng, n_inputs=4, n_hidden=2, n_classes=2, scale=0.01):
    """W1, W2 drawn uniformly from [-scale, scale], as the article does (scale 0.01).
    rng is a numpy.random.Generator or a seed for one."""
    if not (np.isfinite(scale) and scale > 0):
        raise ValueError(f"scale must be a finite number > 0, got {scale}")
    for name, n in (("n_inputs", n_inputs), ("n_hidden", n_hidden), ("n_classes", n_classes)):
        if int(n) != n or n < 1:
            raise ValueError(f"{name} must be a whole number >= 1, got {n}")
    rng = np.random.default_rng(rng)
    W1 = rng.uniform(-scale, scale, size=(n_inputs + 1, n_hidden))
    W2 = rng.uniform(-scale, scale, size=(n_hidden + 1, n_classes))
    return W1, W2


def predict(X1, W1, W2, activation="sigmoid"):
    """The predicted class of each row: the column of Yhat with the largest probability."""
    return forward(X1, W1, W2, activation).Yhat.argmax(axis=1)


def accuracy(X1, Y, W1, W2, activation="sigmoid"):
    """The fraction of rows whose predicted class is Y's class."""
    X1, W1, W2 = check_network(X1, W1, W2)
    Y = check_targets(Y, X1, W2)
    return float((predict(X1, W1, W2, activation) == Y.argmax(axis=1)).mean())


def confusion_matrix(true, predicted, n_classes):
    """k x k counts: entry [a, b] is how many rows of class a were predicted as class b
    (rows = true class, columns = predicted class; the diagonal holds the correct ones)."""
    true, predicted = np.asarray(true), np.asarray(predicted)
    if true.ndim != 1 or true.shape != predicted.shape:
        raise ValueError(f"true and predicted must be two equally long vectors of class numbers, "
                         f"got shapes {true.shape} and {predicted.shape}")
    for name, v in (("true", true), ("predicted", predicted)):
        bad = (v != np.round(v)) | (v < 0) | (v >= n_classes)
        if bad.any():
            i = int(np.argmax(bad))
            raise ValueError(f"{name}[{i}] = {v[i]} is not a class number 0..{n_classes - 1}")
    C = np.zeros((n_classes, n_classes), dtype=int)
    np.add.at(C, (true.astype(int), predicted.astype(int)), 1)
    return C


class History(NamedTuple):
    """What train measured, one entry per epoch; epoch k's loss is measured before update k.
    test_* are empty when no held-out set was given. diverged_at is the epoch (0-based)
    where training stopped because the loss was NaN, inf, or more than both DIVERGED times
    the lowest loss so far and the first epoch's loss; None if it ran to the end."""

    loss: np.ndarray
    accuracy: np.ndarray
    test_loss: np.ndarray
    test_accuracy: np.ndarray
    diverged_at: int | None

    @property
    def message(self):
        """One line: how the run ended."""
        if self.diverged_at is not None:
            return f"diverged at epoch {self.diverged_at}: step size too large"
        return f"ran {len(self.loss)} epochs: final loss {self.loss[-1]:.5f}"


# A loss this many times its lowest value so far, and above where training started, means
# the steps overshoot and grow: gradient descent has diverged. Runs that merely oscillate,
# and the spikes of small mini-batches after a deep minimum, stay below one of the two.
DIVERGED = 10


def diverged(loss, lowest, first):
    """True when an epoch's loss is NaN or inf, or both above DIVERGED times the lowest
    loss so far and above the first epoch's loss."""
    if not loss < np.inf:  # NaN fails this too
        return True
    return loss > DIVERGED * lowest and loss > first


class Trained(NamedTuple):
    W1: np.ndarray
    W2: np.ndarray
    history: History


def train(X1, Y, W1, W2, stepsize=0.1, epochs=1500, X1_test=None, Y_test=None,
          activation="sigmoid", batch_size=None, rng=None, progress=None):
    """Gradient descent on the mean cross entropy: each epoch, backward then
    W := W - stepsize grad_W for both layers at once (W1 and W2 are not modified).

    batch_size=None uses all rows each step (full batch, as the article does); otherwise
    each epoch shuffles the rows with rng and steps once per mini-batch.
    progress, if given, is called as progress(epoch, loss) about 100 times in a run.
    Stops early, and says so in history.diverged_at, when the loss becomes NaN or inf, or
    grows past both DIVERGED times its lowest value so far and its first value."""
    X1, W1, W2 = check_network(X1, W1, W2)
    Y = check_targets(Y, X1, W2)
    check_stepsize(stepsize)
    if int(epochs) != epochs or epochs < 0:
        raise ValueError(f"epochs must be a whole number >= 0, got {epochs}")
    held_out = X1_test is not None or Y_test is not None
    if held_out:
        if X1_test is None or Y_test is None:
            raise ValueError("give both X1_test and Y_test, or neither")
        X1_test, _, _ = check_network(X1_test, W1, W2)
        Y_test = check_targets(Y_test, X1_test, W2)
    N = X1.shape[0]
    if batch_size is not None and not (int(batch_size) == batch_size and 1 <= batch_size):
        raise ValueError(f"batch_size must be a whole number >= 1, got {batch_size}")
    f, f_prime = activation_pair(activation)
    rng = np.random.default_rng(rng)

    # The held-out rows ride along in the same forward pass: rows :N of X1_all are the
    # training set, rows N: the held-out set, so measuring them costs almost nothing.
    X1_all = np.vstack([X1, X1_test]) if held_out else X1
    y_all = np.concatenate([Y, Y_test]).argmax(axis=1) if held_out else Y.argmax(axis=1)
    M, h, k = X1_all.shape[0], W1.shape[1], W2.shape[1]
    at_label = np.arange(M) * k + y_all  # Yhat.take(at_label)[i] is Yhat[i, y_i]
    # Buffers allocated once. With a few hundred rows, numpy's cost per call, not the
    # arithmetic, is what takes the time: so the loop makes few calls and writes in place.
    Z1, X2 = np.empty((M, h)), np.ones((M, h + 1))
    Z2, Yhat, ones_k = np.empty((M, k)), np.empty((M, k)), np.ones(k)
    grad_Z2, grad_X2 = np.empty((N, k)), np.empty((N, h + 1))
    # W1 and W2 are views into one vector of weights, their gradients into another,
    # so that the update W := W - stepsize grad_W is one call for both layers.
    weights = np.concatenate([W1.ravel(), W2.ravel()])
    W1, W2 = weights[:W1.size].reshape(W1.shape), weights[W1.size:].reshape(W2.shape)
    grads = np.empty_like(weights)
    grad_W1, grad_W2 = grads[:W1.size].reshape(W1.shape), grads[W1.size:].reshape(W2.shape)
    full_batch = batch_size is None or batch_size >= N

    epochs = int(epochs)
    loss, acc = np.full(epochs, np.nan), np.full(epochs, np.nan)
    test_loss, test_acc = np.full(epochs if held_out else 0, np.nan), np.full(epochs if held_out else 0, np.nan)
    diverged_at, lowest = None, np.inf
    with np.errstate(all="ignore"):  # divergence is detected below, not warned about
        for epoch in range(epochs):
            # forward, as _forward does it (the same operations: the same numbers, bit for bit)
            np.matmul(X1_all, W1, out=Z1)
            S = f(Z1)
            X2[:, 1:] = S
            np.matmul(X2, W2, out=Z2)
            np.subtract(Z2, row_max(Z2)[:, None], out=Yhat)  # softmax, as _softmax does it
            np.exp(Yhat, out=Yhat)
            np.divide(Yhat, (Yhat @ ones_k)[:, None], out=Yhat)
            # measure: CE_i = -log Yhat[i, y_i] (Y is one-hot), as cross_entropy does it
            log_p = np.log(np.maximum(Yhat.take(at_label), TINY))
            correct = Yhat.argmax(axis=1) == y_all
            loss[epoch] = -log_p[:N].sum() / N
            if diverged(loss[epoch], lowest, loss[0]):
                diverged_at = epoch
                break
            lowest = min(lowest, loss[epoch])
            acc[epoch] = np.count_nonzero(correct[:N]) / N
            if held_out:
                test_loss[epoch] = -log_p[N:].sum() / (M - N)
                test_acc[epoch] = np.count_nonzero(correct[N:]) / (M - N)
            if full_batch:
                # backward on the training rows, as _backward does it, then the update
                np.subtract(Yhat[:N], Y, out=grad_Z2)
                np.matmul(grad_Z2, W2.T, out=grad_X2)
                grad_Z1 = grad_X2[:, 1:] * f_prime(S[:N])
                np.matmul(X2[:N].T, grad_Z2, out=grad_W2)
                np.matmul(X1.T, grad_Z1, out=grad_W1)
                grads /= N
                weights -= stepsize * grads
            else:  # one backward and update per mini-batch of a shuffled epoch
                order = rng.permutation(N)
                for start in range(0, N, batch_size):
                    b = order[start:start + batch_size]
                    grad = _backward(X1[b], Y[b], W2, _forward(X1[b], W1, W2, f), f_prime)
                    W1 -= stepsize * grad.W1
                    W2 -= stepsize * grad.W2
            if progress is not None and (epoch % max(1, epochs // 100) == 0 or epoch == epochs - 1):
                progress(epoch, loss[epoch])
    end = epochs if diverged_at is None else diverged_at + 1
    history = History(loss[:end], acc[:end], test_loss[:end], test_acc[:end], diverged_at)
    return Trained(W1.copy(), W2.copy(), history)
