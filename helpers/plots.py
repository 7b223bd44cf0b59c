"""Pictures: 2x2 images, the network with its weights, training curves (matplotlib)."""

import matplotlib.pyplot as plt
import numpy as np

from helpers import nn


def draw_image(ax, pixels, title=""):
    """One square image from its pixels in reading order (0 = white, 255 = black)."""
    pixels = nn.as_matrix(pixels, "pixels", ndim=1)
    side = int(round(len(pixels) ** 0.5))
    if side * side != len(pixels):
        raise ValueError(f"pixels must make a square image, got {len(pixels)} values")
    ax.imshow(pixels.reshape(side, side), cmap="gray_r", vmin=0, vmax=255)
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_title(title, fontsize=9)


def draw_images(X, titles=None, ncols=8, size=1.3):
    """A grid of square images, one per row of X, with optional titles; returns the figure."""
    X = nn.as_matrix(X, "X")
    titles = [""] * len(X) if titles is None else list(titles)
    if len(titles) != len(X):
        raise ValueError(f"got {len(titles)} titles for {len(X)} images")
    ncols = min(ncols, len(X))
    nrows = -(-len(X) // ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(size * ncols, (size + 0.3) * nrows), squeeze=False)
    for ax in axes.flat[len(X):]:
        ax.axis("off")
    for ax, pixels, title in zip(axes.flat, X, titles):
        draw_image(ax, pixels, title)
    fig.tight_layout()
    return fig


def draw_network(W1, W2, inputs=None, hidden=None, outputs=None, ax=None, decimals=5, title=""):
    """The network as R's neuralnet draws it: a node per input, hidden node and output,
    a bias node "1" feeding each layer, each edge labelled with its weight.
    Edge width grows with |weight|; colour says its sign (blue +, red -)."""
    W1, W2 = nn.as_matrix(W1, "W1"), nn.as_matrix(W2, "W2")
    if W2.shape[0] != W1.shape[1] + 1:
        raise ValueError(f"W2 needs {W1.shape[1] + 1} rows (bias + hidden nodes), got {W2.shape[0]}")
    d, h, k = W1.shape[0] - 1, W1.shape[1], W2.shape[1]
    inputs = inputs or [f"$x_{i + 1}$" for i in range(d)]
    hidden = hidden or [f"$h_{j + 1}$" for j in range(h)]
    outputs = outputs or [f"$\\hat y_{c + 1}$" for c in range(k)]
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 0.9 * max(d, h, k) + 1.6))
    # node positions: x = layer, y = spread evenly; each bias node sits above its layer
    layers = [["1", *inputs], ["1", *hidden], outputs]
    pos = [[(x, (len(names) - 1) / 2 - i) for i, _ in enumerate(names)] for x, names in enumerate(layers)]
    biggest = max(np.abs(W1).max(), np.abs(W2).max()) or 1.0
    for W, a, b, offset in ((W1, 0, 1, 1), (W2, 1, 2, 0)):
        for i in range(W.shape[0]):
            for j in range(W.shape[1]):
                (x0, y0), (x1, y1) = pos[a][i], pos[b][j + offset]
                w = W[i, j]
                ax.plot([x0, x1], [y0, y1], color="tab:blue" if w >= 0 else "tab:red",
                        lw=0.5 + 3.5 * abs(w) / biggest, alpha=0.7, zorder=1)
                t = 0.25 + 0.5 * (j / max(1, W.shape[1] - 1)) * 0.4  # stagger labels on shared lines
                ax.text(x0 + t * (x1 - x0), y0 + t * (y1 - y0), f"{round(w, decimals) + 0.0:g}",
                        fontsize=7, ha="center", va="center", zorder=3,
                        bbox=dict(boxstyle="round,pad=0.1", fc="white", ec="none", alpha=0.8))
    for names, layer_pos in zip(layers, pos):
        for name, (x, y) in zip(names, layer_pos):
            ax.scatter([x], [y], s=900, color="lightgray" if name == "1" else "white",
                       edgecolor="black", zorder=2)
            ax.text(x, y, name, ha="center", va="center", fontsize=10, zorder=4)
    ax.set_xlim(-0.3, 2.3)
    ax.axis("off")
    ax.set_title(title)
    return ax


def draw_curves(ax, history, what="loss", label=""):
    """A training history's loss or accuracy per epoch, train (and test if recorded)."""
    ax.plot(getattr(history, what), label=f"{label} train".strip())
    test = getattr(history, f"test_{what}")
    if len(test):
        ax.plot(test, label=f"{label} test".strip(), ls="--")
    ax.set_xlabel("epoch")
    ax.set_ylabel("mean cross entropy" if what == "loss" else "accuracy")
    ax.legend()
    return ax
