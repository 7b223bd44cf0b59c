"""Checking gradients without calculus (numpy only).

    central_difference(loss, W)   d loss / dW measured by nudging one entry at a time
    relative_error(A, B)          how far two gradients are apart: 0 equal, 1 opposite
"""

import numpy as np

from helpers import checks


def central_difference(loss, W, eps=1e-6):
    """d loss / dW, entry by entry: (loss(W + eps) - loss(W - eps)) / (2 eps), nudging one entry
    at a time. Off from the true derivative by about eps^2, plus rounding."""
    if not callable(loss):
        raise ValueError(f"loss must be a function of W that returns a number, got {checks.describe(loss)}")
    W = checks.array(W, "W")
    eps = checks.number(eps, "eps", low=0, low_open=True)
    G = np.zeros_like(W)
    for index in np.ndindex(W.shape):
        nudge = np.zeros_like(W)
        nudge[index] = eps
        up, down = loss(W + nudge), loss(W - nudge)
        G[index] = (checks.number(up, "loss(W + eps)") - checks.number(down, "loss(W - eps)")) / (2 * eps)
    return G


def relative_error(A, B):
    """|A - B| / (|A| + |B|) with Frobenius norms: 0 when A equals B, 1 when they are opposite.
    Both must have the same shape and finite entries."""
    A, B = checks.array(A, "A"), checks.array(B, "B")
    checks.same_shape(A, B, "A", "B")
    largest = max(np.abs(A).max(), np.abs(B).max())
    if largest == 0:
        return 0.0
    A, B = A / largest, B / largest  # so that the norms cannot overflow
    return float(np.linalg.norm(A - B) / (np.linalg.norm(A) + np.linalg.norm(B)))
