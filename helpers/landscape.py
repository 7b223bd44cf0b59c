"""The loss on a plane through weight space, and the path training took across it (numpy).

The weights (W1, W2) are one point of a space with a dimension per weight (16 for the 5-2-2
network), too many to draw. A plane through it can be drawn: the points

    W(a, b) = W_trained + a d1 + b d2,

with d1 the direction from the start to the trained weights (so the start is at a = -1, b = 0)
and d2 at right angles to d1, as long as d1: towards a third point of interest (another run's
end), or random (Li et al., "Visualizing the Loss Landscape of Neural Nets", 2018, draw the
loss on such planes). A training run's weights are drawn where they fall on the plane: the
plane's point nearest to each of them.

    plane(start, end, toward=|rng=)     the plane through end (a = b = 0) and start (a = -1)
    weights(p, a, b)                    the (W1, W2) at (a, b)
    project(p, W1, W2)                  the (a, b) of the plane's point nearest (W1, W2)
    loss_grid(p, X1, Y, a, b)           the loss at every (a, b) of a grid, by nn.loss
    path(X1, Y, W1, W2, stepsize, ...)  the weights of a training run every few epochs (train's)
"""

from typing import NamedTuple

import numpy as np

from helpers import checks, nn, training


class Plane(NamedTuple):
    """The points center + a d1 + b d2 of weight space, W1 and W2 flattened into one vector
    (W1's entries, row by row, then W2's)."""

    center: np.ndarray  # the trained weights: a = b = 0
    d1: np.ndarray  # from the start to the trained weights
    d2: np.ndarray  # at right angles to d1, as long
    shapes: tuple  # W1's and W2's shapes


def _pair(W, name):
    """W as a pair of float matrices (W1, W2), else ValueError."""
    if not isinstance(W, (tuple, list)) or len(W) != 2:
        raise ValueError(f"{name} must be a pair of weight matrices (W1, W2), got {checks.describe(W)}")
    return tuple(checks.matrix(M, f"{name}[{i}]") for i, M in enumerate(W))


def _flat(W):
    """(W1, W2) as one vector: W1's entries, row by row, then W2's."""
    return np.concatenate([M.ravel() for M in W])


def _plane(p, name="p"):
    if not isinstance(p, Plane):
        raise ValueError(f"{name} must be a Plane (landscape.plane(...)), got {checks.describe(p)}")
    return p


def _plane_args(start, end, toward, rng):
    start, end = _pair(start, "start"), _pair(end, "end")
    if (toward is None) == (rng is None):
        raise ValueError(f"give toward (weights the plane passes through) or rng (for a random second "
                         f"direction), one of them: got toward={checks.describe(toward)}, rng={checks.describe(rng)}")
    toward = None if toward is None else _pair(toward, "toward")
    if len({tuple(M.shape for M in W) for W in (start, end, toward or end)}) > 1:
        raise ValueError(f"start, end and toward must have the same shapes, got "
                         f"{[[M.shape for M in W] for W in (start, end, toward or end)]}")
    d1 = _flat(end) - _flat(start)
    if not d1.any():
        raise ValueError("start and end must differ: the plane's first direction goes from one to the other")
    if toward is not None and np.allclose(_off_line(_flat(toward) - _flat(end), d1), 0, atol=1e-12):
        raise ValueError("toward must lie off the line through start and end: it gives the second direction")
    return start, end, toward, None if rng is None else checks.generator(rng)


def _off_line(r, d1):
    """r less its part along d1 (Gram-Schmidt): at right angles to d1."""
    return r - (r @ d1) / (d1 @ d1) * d1


@checks.checked(_plane_args)
def plane(start, end, toward=None, rng=None):
    """The plane through the trained weights end (a = b = 0) and the start (a = -1, b = 0):
    d1 = end - start; d2 at right angles to d1 and as long, towards the weights toward (then
    on the plane too) or, with rng instead, a random direction."""
    center = _flat(end)
    d1 = center - _flat(start)  # a = -1 is the start
    r = rng.standard_normal(len(d1)) if toward is None else _flat(toward) - center
    r = _off_line(r, d1)  # at right angles to d1
    d2 = r * np.linalg.norm(d1) / np.linalg.norm(r)  # as long as d1
    return Plane(center, d1, d2, tuple(M.shape for M in end))


@checks.checked(p=_plane, a=checks.number, b=checks.number)
def weights(p, a, b):
    """The weights (W1, W2) at the point (a, b) of plane p."""
    w = p.center + a * p.d1 + b * p.d2  # W(a, b) = W_trained + a d1 + b d2
    n = p.shapes[0][0] * p.shapes[0][1]
    return w[:n].reshape(p.shapes[0]), w[n:].reshape(p.shapes[1])


def _on_plane(p, W1, W2):
    if (W1.shape, W2.shape) != p.shapes:
        raise ValueError(f"W1 and W2 must have the plane's shapes {p.shapes}, got {(W1.shape, W2.shape)}")
    return p, W1, W2


@checks.checked(_on_plane, p=_plane, W1=checks.matrix, W2=checks.matrix)
def project(p, W1, W2):
    """The coordinates (a, b) of the plane's point nearest (W1, W2) (d1 and d2 are orthogonal)."""
    v = _flat((W1, W2)) - p.center
    return float(v @ p.d1 / (p.d1 @ p.d1)), float(v @ p.d2 / (p.d2 @ p.d2))


def _grid_args(p, X1, Y, a, b):
    n_inputs, n_classes = p.shapes[0][0], p.shapes[1][1]
    X1 = checks.bias_column(X1, "X1")
    if X1.shape[1] != n_inputs:
        raise ValueError(f"X1 must have {n_inputs} columns (the plane's W1 has {n_inputs} rows), "
                         f"got {X1.shape[1]}")
    return p, X1, checks.targets(Y, len(X1), n_classes), checks.vector(a, "a"), checks.vector(b, "b")


@checks.checked(_grid_args, p=_plane)
def loss_grid(p, X1, Y, a, b):
    """The loss (mean cross entropy) at every point of the grid: L[j, i] at (a[i], b[j]), rows
    for b as matplotlib's contour expects."""
    L = np.empty((len(b), len(a)))
    for j, bj in enumerate(b):
        for i, ai in enumerate(a):
            W1, W2 = weights(p, ai, bj)
            L[j, i] = nn.loss(nn.forward(X1, W1, W2).Z2, Y)  # CE-bar at W(a, b)
    return L


def path(X1, Y, W1, W2, stepsize, epochs, every, beta=0.0):
    """The weights a run of training.train passes through: [(W1, W2) after 0, every,
    2 every, ..., epochs epochs]. train runs in pieces of `every` epochs, each continuing the
    last with its rule (momentum's velocity carried on), so the last pair is exactly
    train(X1, Y, W1, W2, stepsize, epochs, beta=beta)'s. train checks the other arguments."""
    every = checks.count(every, "every", low=1)
    if checks.count(epochs, "epochs") % every:
        raise ValueError(f"epochs must be a multiple of every, got epochs={epochs} and every={every}")
    points, rule = [(W1, W2)], None
    for _ in range(epochs // every):
        if rule is None:
            run = training.train(X1, Y, W1, W2, stepsize, every, beta=beta, measure_every=every)
        else:
            run = training.train(X1, Y, W1, W2, epochs=every, rule=rule, measure_every=every)
        W1, W2, rule = run.W1, run.W2, run.rule
        points.append((W1, W2))
    return points
