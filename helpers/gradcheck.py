"""Checking gradients without calculus (numpy only).

    central_difference(loss, W)   d loss / dW measured by nudging one entry at a time
    relative_error(A, B)          how far two gradients are apart: 0 equal, 1 opposite
"""

import numpy as np

from helpers import checks


def _nudge(loss, W, eps):
    """central_difference's arguments: a function, W as a float array, and a nudge eps that
    moves every entry of W both ways and stays finite; else ValueError."""
    if not callable(loss):
        raise ValueError(f"loss must be a function of W that returns a number, got {checks.describe(loss)}")
    W, eps = checks.array(W, "W"), checks.number(eps, "eps", low=0, low_open=True)
    with np.errstate(over="ignore"):
        moved = np.isfinite(W + eps) & np.isfinite(W - eps) & np.isfinite(2 * eps)
    if not moved.all():
        raise ValueError(f"eps = {checks.exact(eps)} is too large: W + eps or W - eps overflows at index "
                         f"{tuple(int(i) for i in np.argwhere(~moved)[0])}")
    lost = (W + eps == W) | (W - eps == W)
    if lost.any():
        index = tuple(int(i) for i in np.argwhere(lost)[0])
        raise ValueError(f"eps = {checks.exact(eps)} is lost to rounding: W{list(index)} = {checks.exact(W[index])} "
                         f"and W + eps == W there, so the difference would be 0; use a larger eps")
    return loss, W, eps


def central_difference(loss, W, eps=1e-6):
    """d loss / dW, entry by entry: (loss(W + eps) - loss(W - eps)) / (2 eps), nudging one entry
    at a time. Off from the true derivative by about eps^2, plus rounding.
    (Checked here rather than by @checks.checked: loss is the caller's function, whose own
    calls to the helpers must be checked as usual.)"""
    loss, W, eps = _nudge(loss, W, eps)
    G = np.zeros_like(W)
    for index in np.ndindex(W.shape):
        nudge = np.zeros_like(W)
        nudge[index] = eps
        up = checks.number(loss(W + nudge), "loss(W + eps)")
        down = checks.number(loss(W - nudge), "loss(W - eps)")
        with np.errstate(over="ignore", invalid="ignore"):
            G[index] = (up - down) / (2 * eps)  # dloss/dW_index, to within eps^2
        if not np.isfinite(G[index]):
            raise ValueError(f"(loss(W + eps) - loss(W - eps)) / (2 eps) overflowed at index {index}: "
                             f"loss(W + eps) = {checks.exact(up)}, loss(W - eps) = {checks.exact(down)}, "
                             f"eps = {checks.exact(eps)}")
    return G


@checks.checked(A=checks.array, B=checks.array, same_shape=("A", "B"))
def relative_error(A, B):
    """|A - B| / (|A| + |B|) with Frobenius norms: 0 when A equals B, 1 when they are opposite.
    Both must have the same shape and finite entries."""
    largest = max(np.abs(A).max(), np.abs(B).max())
    if largest == 0:
        return 0.0
    A, B = A / largest, B / largest  # so that the norms cannot overflow
    return float(np.linalg.norm(A - B) / (np.linalg.norm(A) + np.linalg.norm(B)))
