"""Training: the article's forward pass, backward pass and update, repeated (numpy only).

    init_weights(rng)                    uniform draws in [-scale, scale], as the article starts
    train(X1, Y, W1, W2, stepsize, epochs)
                                         a plain loop over nn.forward, nn.backward and an
                                         update rule of helpers/optim.py (Nielsen's SGD);
                                         returns the weights and a History of the loss and
                                         accuracy per epoch
    evaluate, accuracy, predict, confusion_matrix
                                         how good a set of weights is
"""

import copy
import os
from functools import partial
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


@checks.checked(Yhat=checks.matrix, Y=checks.one_hot, same_shape=("Yhat", "Y"))
def accuracy(Yhat, Y):
    """The fraction of rows whose most probable class (the largest column of Yhat) is Y's class."""
    return np.count_nonzero(Yhat.argmax(axis=1) == Y.argmax(axis=1)) / len(Y)


class Evaluation(NamedTuple):
    loss: float  # the mean cross entropy, CE-bar
    accuracy: float


def _data(X1, Y, W1, W2, X1_name="X1", Y_name="Y"):
    """Images X1 (with the bias column), their one-hot labels Y and weights that fit them."""
    X1, W1, W2 = checks.network(X1, W1, W2, X1_name)
    return X1, checks.targets(Y, len(X1), W2.shape[1], Y_name, X1_name), W1, W2


@checks.checked(_data, activation=nn.activation_name)
def evaluate(X1, Y, W1, W2, activation="sigmoid"):
    """The loss (mean cross entropy) and the accuracy of the weights W1, W2 on the images X1, Y."""
    fwd = nn.forward(X1, W1, W2, activation)
    return Evaluation(nn.loss(fwd.Z2, Y), accuracy(fwd.Yhat, Y))


def predict(X1, W1, W2, activation="sigmoid"):
    """The predicted class of each row of X1: the column of Yhat with the largest probability.
    (Checked by nn.forward.)"""
    return nn.forward(X1, W1, W2, activation).Yhat.argmax(axis=1)


def _classes(true, predicted, n_classes):
    """Two vectors of class numbers 0..n_classes-1, of the same length; else ValueError."""
    n_classes = checks.count(n_classes, "n_classes", 1, 10**4)
    true, predicted = checks.vector(true, "true"), checks.vector(predicted, "predicted")
    checks.same_shape(true, predicted, "true", "predicted")
    for name, v in (("true", true), ("predicted", predicted)):
        bad = (v != np.round(v)) | (v < 0) | (v >= n_classes)
        if bad.any():
            i = int(np.argmax(bad))
            raise ValueError(f"{name}[{i}] = {checks.exact(v[i])} is not a class number 0..{n_classes - 1}")
    return true.astype(int), predicted.astype(int), n_classes


@checks.checked(_classes)
def confusion_matrix(true, predicted, n_classes):
    """k x k counts: entry [a, b] is how many rows of class a were predicted as class b
    (rows: true class, columns: predicted class; the diagonal holds the correct ones)."""
    C = np.zeros((n_classes, n_classes), dtype=int)
    np.add.at(C, (true, predicted), 1)  # one count per (true, predicted) pair
    return C


# --- the history of a run -----------------------------------------------------------------------

# A loss this many times its lowest value so far, and above where training started, means the
# steps overshoot and grow: gradient descent has diverged. Runs that merely oscillate, and the
# spikes of small mini-batches after a deep minimum, stay below one of the two.
DIVERGED = 10


def _diverged(loss, lowest, first):
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
    def last_epoch(self):
        """How many epochs (passes over the training images) the run made."""
        return int(self.epoch[-1])

    @property
    def message(self):
        """One line: how the run ended, with the loss of the weights it returned."""
        if self.diverged_at is not None:
            return f"diverged at epoch {self.diverged_at}: step size too large"
        return f"ran {self.last_epoch} epoch{'s' * (self.last_epoch != 1)}: loss {self.loss[-1]:.5f}"

    def then(self, later):
        """This history followed by that of a later run that started from this run's last
        weights (and measured the same sets: both with a held-out set, or both without)."""
        if not isinstance(later, History):
            raise ValueError(f"later must be the History of a later run, got {checks.describe(later)}")
        if self.diverged_at is not None:
            raise ValueError(f"this run diverged at epoch {self.diverged_at}: a diverged run cannot be continued")
        if (len(self.test_loss) == 0) != (len(later.test_loss) == 0):
            with_test = "this run" if len(self.test_loss) else "the later run"
            raise ValueError(f"only {with_test} measured a held-out set: give both runs X1_test and Y_test, "
                             "or neither")
        joined = [np.concatenate([a, b[1:]]) for a, b in zip(self[1:5], later[1:5])]
        return History(np.concatenate([self.epoch, self.last_epoch + later.epoch[1:]]), *joined,
                       None if later.diverged_at is None else self.last_epoch + later.diverged_at)


class Trained(NamedTuple):
    W1: np.ndarray
    W2: np.ndarray
    history: History
    rule: object  # the update rule, with its memory (momentum's velocity): pass it to continue


# --- training ---------------------------------------------------------------------------------------


def _train_args(X1, Y, W1, W2, X1_test, Y_test, stepsize, beta, rule):
    """train's data, weights and update rule checked once, before its loop (the other
    arguments are checked one by one in @checks.checked below)."""
    X1, Y, W1, W2 = _data(X1, Y, W1, W2)
    if (X1_test is None) != (Y_test is None):
        raise ValueError("give both X1_test and Y_test, or neither")
    if X1_test is not None:
        X1_test, Y_test, _, _ = _data(X1_test, Y_test, W1, W2, "X1_test", "Y_test")
    if rule is None:
        stepsize, beta = 0.1 if stepsize is None else stepsize, 0.0 if beta is None else beta
        optim.rule(stepsize, beta)  # checks them
    elif stepsize is not None or beta is not None:
        raise ValueError(f"give rule (to continue a run) or stepsize and beta (to start one), not both: "
                         f"got rule={rule!r}, stepsize={stepsize!r}, beta={beta!r}")
    elif not isinstance(rule, (optim.GradientDescent, optim.Momentum)):
        raise ValueError(f"rule must be an update rule of helpers.optim, such as an earlier run's "
                         f"Trained.rule, got {checks.describe(rule)}")
    elif getattr(rule, "velocity", None) is not None and [v.shape for v in rule.velocity] != [W1.shape, W2.shape]:
        raise ValueError(f"rule={rule!r} comes from a network of other shapes: its velocity is "
                         f"{' and '.join('x'.join(map(str, v.shape)) for v in rule.velocity)}, but W1 is "
                         f"{W1.shape[0]}x{W1.shape[1]} and W2 is {W2.shape[0]}x{W2.shape[1]}")
    return dict(X1=X1, Y=Y, W1=W1, W2=W2, X1_test=X1_test, Y_test=Y_test, stepsize=stepsize, beta=beta)


def _batch_size(batch_size, name):
    return None if batch_size is None else checks.count(batch_size, name, 1)


@checks.checked(_train_args, epochs=partial(checks.count, low=0, high=10**7), activation=nn.activation_name,
                batch_size=_batch_size, rng=checks.generator, measure_every=partial(checks.count, low=1),
                overflow=False)  # overflow is divergence: measured, not raised
def train(X1, Y, W1, W2, stepsize=None, epochs=1500, beta=None, X1_test=None, Y_test=None,
          activation="sigmoid", batch_size=None, rng=None, measure_every=1, rule=None, progress=False):
    """Gradient descent on the loss, as Nielsen's SGD: measure the starting weights; then each
    epoch, for each batch: forward, backward, and a step of the update rule; then measure the
    new weights (every measure_every epochs, and after the last). W1, W2 are not modified.
    Stops early, and says so in history.diverged_at, when the loss diverges.

    The update rule: optim.rule(stepsize, beta) (stepsize 0.1 and beta 0 unless given), or
    rule=, an earlier run's Trained.rule to continue it with its momentum; not both. train
    steps a copy of it and returns that copy: the rule given is never changed.
    batch_size: None uses every row for each step (full batch, as the article); otherwise each
    epoch shuffles the rows with rng and steps once per mini-batch of batch_size rows.
    X1_test, Y_test: a held-out set, measured with the training images, never learned from.
    progress=True: a progress bar for runs over a second."""
    rule = optim.rule(stepsize, beta) if rule is None else copy.deepcopy(rule)  # the caller's rule stays as it was
    history = _Recorder(epochs, measure_every, activation, [(X1, Y)] + ([(X1_test, Y_test)] if X1_test is not None else []))
    diverged = history.record(0, W1, W2)
    for epoch in progress_bar(range(1, epochs + 1) if not diverged else [], progress):
        for rows in _batches(len(X1), batch_size, rng):
            fwd = nn.forward(X1[rows], W1, W2, activation)
            grad = nn.backward(X1[rows], Y[rows], W2, fwd)
            W1, W2 = rule.step([W1, W2], [grad.W1, grad.W2])
        if (epoch % measure_every == 0 or epoch == epochs) and history.record(epoch, W1, W2):
            break  # diverged
    return Trained(W1, W2, history.result(), rule)


def _batches(N, batch_size, rng):
    """The rows of each step of one epoch: all of them in one step when batch_size is None or
    at least N, else the rows shuffled and cut into mini-batches of batch_size (the last one
    may be smaller)."""
    if batch_size is None or batch_size >= N:
        return [slice(None)]
    order = rng.permutation(N)
    return [order[start:start + batch_size] for start in range(0, N, batch_size)]


class _Recorder:
    """Fills a History one measurement at a time (the loss and accuracy on each set of
    images) and says when the run has diverged."""

    def __init__(self, epochs, measure_every, activation, sets):
        size = epochs // measure_every + 2  # room for the first, every measure_every-th and the last
        self.columns = np.full((1 + 2 * len(sets), size), np.nan)
        self.activation, self.sets = activation, sets
        self.k, self.lowest, self.diverged_at = 0, np.inf, None

    def record(self, epoch, W1, W2):
        """Measure the weights after `epoch` epochs; True if their loss diverged."""
        self.columns[0, self.k] = epoch
        for i, (X1, Y) in enumerate(self.sets):
            self.columns[1 + 2 * i:3 + 2 * i, self.k] = evaluate(X1, Y, W1, W2, self.activation)
        loss = self.columns[1, self.k]
        if _diverged(loss, self.lowest, self.columns[1, 0]):
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
