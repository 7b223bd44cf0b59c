"""Training: the article's forward pass, backward pass and update, repeated (numpy only).

    init_weights(rng)                    uniform draws in [-scale, scale], as the article starts
    train(X1, Y, W1, W2, stepsize, epochs)
                                         a plain loop over nn.forward, nn.backward and an
                                         update rule of helpers/optim.py; returns the weights
                                         and a History of the loss and accuracy per epoch
    evaluate, accuracy, predict, confusion_matrix
                                         how good a set of weights is
"""

import os
from typing import NamedTuple

import numpy as np

from helpers import checks, nn, optim


def init_weights(rng, n_inputs=4, n_hidden=2, n_classes=2, scale=0.01):
    """W1 ((n_inputs+1) x n_hidden) and W2 ((n_hidden+1) x n_classes) drawn uniformly from
    [-scale, scale], as the article does with scale 0.01. rng is a numpy Generator or a seed."""
    rng = checks.generator(rng)
    n_inputs, n_hidden, n_classes = (checks.count(n, name, 1, 10**5) for n, name in
                                     ((n_inputs, "n_inputs"), (n_hidden, "n_hidden"), (n_classes, "n_classes")))
    scale = checks.number(scale, "scale", low=0, high=1e100, low_open=True)
    W1 = rng.uniform(-scale, scale, size=(n_inputs + 1, n_hidden))
    W2 = rng.uniform(-scale, scale, size=(n_hidden + 1, n_classes))
    return W1, W2


# --- measuring ------------------------------------------------------------------------------


def accuracy(Yhat, Y):
    """The fraction of rows whose most probable class (the largest column of Yhat) is Y's class."""
    Yhat, Y = checks.array(Yhat, "Yhat", ndim=2), checks.one_hot(Y)
    checks.same_shape(Yhat, Y, "Yhat", "Y")
    return float((Yhat.argmax(axis=1) == Y.argmax(axis=1)).mean())


class Evaluation(NamedTuple):
    loss: float  # the mean cross entropy, CE-bar
    accuracy: float


def evaluate(X1, Y, W1, W2, activation="sigmoid"):
    """The loss (mean cross entropy) and the accuracy of the weights W1, W2 on the images X1, Y."""
    fwd = nn.forward(X1, W1, W2, activation)
    Y = checks.targets(Y, len(fwd.Z2), fwd.Z2.shape[1])
    return Evaluation(nn.loss(fwd.Z2, Y), accuracy(fwd.Yhat, Y))


def predict(X1, W1, W2, activation="sigmoid"):
    """The predicted class of each row of X1: the column of Yhat with the largest probability."""
    return nn.forward(X1, W1, W2, activation).Yhat.argmax(axis=1)


def confusion_matrix(true, predicted, n_classes):
    """k x k counts: entry [a, b] is how many rows of class a were predicted as class b
    (rows: true class, columns: predicted class; the diagonal holds the correct ones)."""
    n_classes = checks.count(n_classes, "n_classes", 1, 10**4)
    true, predicted = checks.array(true, "true", ndim=1), checks.array(predicted, "predicted", ndim=1)
    checks.same_shape(true, predicted, "true", "predicted")
    for name, v in (("true", true), ("predicted", predicted)):
        bad = (v != np.round(v)) | (v < 0) | (v >= n_classes)
        if bad.any():
            i = int(np.argmax(bad))
            raise ValueError(f"{name}[{i}] = {v[i]:g} is not a class number 0..{n_classes - 1}")
    C = np.zeros((n_classes, n_classes), dtype=int)
    np.add.at(C, (true.astype(int), predicted.astype(int)), 1)
    return C


# --- the history of a run -----------------------------------------------------------------------

# A loss this many times its lowest value so far, and above where training started, means the
# steps overshoot and grow: gradient descent has diverged. Runs that merely oscillate, and the
# spikes of small mini-batches after a deep minimum, stay below one of the two.
DIVERGED = 10


def diverged(loss, lowest, first):
    """True when a loss is NaN or inf, or both above DIVERGED times the lowest loss so far and
    above the first one."""
    if not loss < np.inf:  # NaN fails this too
        return True
    return loss > DIVERGED * lowest and loss > first


class History(NamedTuple):
    """What train measured, at the epochs in `epoch`: entry k belongs to the weights after
    epoch[k] epochs. The first entry is the starting weights, the last one the weights train
    returned. test_* are empty without a held-out set. diverged_at is the epoch whose weights
    diverged, where training stopped; None if it ran to the end."""

    epoch: np.ndarray
    loss: np.ndarray
    accuracy: np.ndarray
    test_loss: np.ndarray
    test_accuracy: np.ndarray
    diverged_at: int | None

    @property
    def epochs(self):
        """How many epochs (passes over the training images) the run made."""
        return int(self.epoch[-1])

    @property
    def message(self):
        """One line: how the run ended, with the loss of the weights it returned."""
        if self.diverged_at is not None:
            return f"diverged at epoch {self.diverged_at}: step size too large"
        return f"ran {self.epochs} epoch{'s' * (self.epochs != 1)}: loss {self.loss[-1]:.5f}"

    def then(self, later):
        """This history followed by that of a later run that started from this run's last weights."""
        joined = [np.concatenate([a, b[1:]]) if len(b) else a for a, b in zip(self[1:5], later[1:5])]
        return History(np.concatenate([self.epoch, self.epochs + later.epoch[1:]]), *joined,
                       None if later.diverged_at is None else self.epochs + later.diverged_at)


class Trained(NamedTuple):
    W1: np.ndarray
    W2: np.ndarray
    history: History
    rule: object  # the update rule, with its memory (momentum's velocity): pass it to continue


# --- training ---------------------------------------------------------------------------------------


def train(X1, Y, W1, W2, stepsize=0.1, epochs=1500, momentum=0.0, X1_test=None, Y_test=None,
          activation="sigmoid", batch_size=None, rng=None, measure_every=1, rule=None, progress=False):
    """Gradient descent on the loss. Each epoch: forward on the training images (measured every
    measure_every epochs, and at the start and the end); backward; W1 and W2 moved by the update
    rule optim.rule(stepsize, momentum). W1, W2 are not modified. Stops early, and says so in
    history.diverged_at, when the loss diverges.

    batch_size: None uses every row for each step (full batch, as the article); otherwise each
    epoch shuffles the rows with rng and steps once per mini-batch of batch_size rows.
    X1_test, Y_test: a held-out set, measured with the training images, never learned from.
    rule: an update rule to continue with, such as an earlier run's Trained.rule (stepsize and
    momentum must then be the rule's). progress=True: a progress bar for runs over a second."""
    X1, Y, W1, W2, X1_test, Y_test, rule, epochs, batch_size, rng, measure_every = check_training(
        X1, Y, W1, W2, stepsize, epochs, momentum, X1_test, Y_test, activation, batch_size, rng,
        measure_every, rule)
    history = Recorder(epochs, measure_every, held_out=X1_test is not None)
    with checks.already_checked(), np.errstate(all="ignore"):  # divergence is measured, not warned about
        for epoch in progress_bar(range(epochs + 1), progress):
            fwd = nn.forward(X1, W1, W2, activation)
            if epoch % measure_every == 0 or epoch == epochs:
                test = None if X1_test is None else nn.forward(X1_test, W1, W2, activation)
                if history.record(epoch, fwd, Y, test, Y_test):
                    break  # diverged
            if epoch == epochs:
                break
            for rows in batches(len(X1), batch_size, rng):
                if batch_size < len(X1):  # a mini-batch: its own forward pass
                    fwd = nn.forward(X1[rows], W1, W2, activation)
                grad = nn.backward(X1[rows], Y[rows], W2, fwd)
                W1, W2 = rule.step([W1, W2], [grad.W1, grad.W2])
    return Trained(W1, W2, history.result(), rule)


def batches(N, batch_size, rng):
    """The rows of each step of one epoch: all of them in one step when batch_size >= N, else
    the rows shuffled and cut into mini-batches of batch_size (the last one may be smaller)."""
    if batch_size >= N:
        return [slice(None)]
    order = rng.permutation(N)
    return [order[start:start + batch_size] for start in range(0, N, batch_size)]


class Recorder:
    """Fills a History one measurement at a time and says when the run has diverged."""

    def __init__(self, epochs, measure_every, held_out):
        size = epochs // measure_every + 2  # room for the first, every measure_every-th and the last
        self.columns = np.full((5 if held_out else 3, size), np.nan)
        self.k, self.lowest, self.diverged_at = 0, np.inf, None

    def record(self, epoch, fwd, Y, test=None, Y_test=None):
        """Measure the weights after `epoch` epochs; True if their loss diverged."""
        loss = nn.loss(fwd.Z2, Y)
        self.columns[:3, self.k] = epoch, loss, accuracy(fwd.Yhat, Y)
        if test is not None:
            self.columns[3:, self.k] = nn.loss(test.Z2, Y_test), accuracy(test.Yhat, Y_test)
        if diverged(loss, self.lowest, self.columns[1, 0]):
            self.diverged_at = epoch
        self.lowest = min(self.lowest, loss)
        self.k += 1
        return self.diverged_at is not None

    def result(self):
        epoch, loss, acc, *test = self.columns[:, :self.k]
        test = test or [np.empty(0), np.empty(0)]
        return History(epoch.astype(int), loss, acc, *test, self.diverged_at)


def progress_bar(steps, show):
    """steps, wrapped in a tqdm progress bar (shown after a second) when show is True. The
    environment variable HELPERS_PROGRESS=off hides it: the tests and `make record` set it,
    so that recorded notebooks do not depend on how fast the machine was."""
    if not show or os.environ.get("HELPERS_PROGRESS") == "off":
        return steps
    from tqdm.auto import tqdm  # only here: the math does not need it

    return tqdm(steps, desc="epochs", delay=1.0, leave=False)


def check_training(X1, Y, W1, W2, stepsize, epochs, momentum, X1_test, Y_test, activation,
                   batch_size, rng, measure_every, rule):
    """train's arguments checked once, before its loop: ValueError naming the first bad one."""
    X1, W1, W2 = checks.network(X1, W1, W2)
    Y = checks.targets(Y, len(X1), W2.shape[1])
    if (X1_test is None) != (Y_test is None):
        raise ValueError("give both X1_test and Y_test, or neither")
    if X1_test is not None:
        X1_test, _, _ = checks.network(X1_test, W1, W2, X1_name="X1_test")
        Y_test = checks.targets(Y_test, len(X1_test), W2.shape[1], "Y_test", "X1_test")
    checks.one_of(activation, "activation", list(nn.ACTIVATIONS))
    epochs = checks.count(epochs, "epochs", 0, 10**7)
    batch_size = len(X1) if batch_size is None else checks.count(batch_size, "batch_size", 1)
    rng = checks.generator(rng)
    measure_every = checks.count(measure_every, "measure_every", 1)
    stepsize = checks.number(stepsize, "stepsize", low=0)
    momentum = checks.number(momentum, "momentum", low=0, high=0.999)
    if rule is None:
        rule = optim.rule(stepsize, momentum)
    elif not isinstance(rule, (optim.GradientDescent, optim.Momentum)):
        raise ValueError(f"rule must be an update rule of helpers.optim, such as an earlier run's "
                         f"Trained.rule, got {checks.describe(rule)}")
    elif (stepsize, momentum) != (rule.stepsize, getattr(rule, "beta", 0.0)):
        raise ValueError(f"rule={rule!r} does not match stepsize={stepsize!r}, momentum={momentum!r}: "
                         "give the rule's own, or no rule")
    return X1, Y, W1, W2, X1_test, Y_test, rule, epochs, batch_size, rng, measure_every
