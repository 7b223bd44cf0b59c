"""Pictures: 2x2 images, the network with its weights, training curves (matplotlib)."""

import matplotlib.pyplot as plt
import numpy as np

from helpers import checks, training
from helpers.ui.display import fmt


def draw_image(ax, pixels, title="", values=False):
    """One square image from its pixels in reading order (0 = white, 255 = black);
    values=True writes each pixel's intensity in its square."""
    pixels = checks.array(pixels, "pixels", ndim=1)
    side = int(round(len(pixels) ** 0.5))
    if side * side != len(pixels):
        raise ValueError(f"pixels must make a square image, got {len(pixels)} values")
    ax.imshow(pixels.reshape(side, side), cmap="gray_r", vmin=0, vmax=255)
    if values:
        for n, p in enumerate(pixels):
            ax.text(n % side, n // side, f"{p:g}", ha="center", va="center", fontsize=10,
                    color="white" if p > 127 else "black")
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_title(title, fontsize=9)


def draw_images(X, titles=None, ncols=8, size=1.3, values=False):
    """A grid of square images, one per row of X, with optional titles; returns the figure.
    values=True writes each pixel's intensity in its square."""
    X = checks.array(X, "X", ndim=2)
    titles = [""] * len(X) if titles is None else list(titles)
    if len(titles) != len(X):
        raise ValueError(f"got {len(titles)} titles for {len(X)} images")
    ncols = min(checks.count(ncols, "ncols", 1), len(X))
    nrows = -(-len(X) // ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(size * ncols, (size + 0.3) * nrows), squeeze=False)
    for ax in axes.flat[len(X):]:
        ax.axis("off")
    for ax, pixels, title in zip(axes.flat, X, titles):
        draw_image(ax, pixels, title, values)
    fig.tight_layout()
    return fig


def draw_network(W1, W2, inputs=None, hidden=None, outputs=None, ax=None, decimals=5, title="",
                 values=None, deltas=None, edges=None):
    """The network as R's neuralnet draws it: a node per input, hidden node and output,
    a bias node "1" feeding each layer, each edge labelled with its weight (to `decimals`
    places, along the edge, near where it starts). Nodes carry the symbols x_i, h_j, yhat_c;
    names given in inputs/hidden/outputs are written beside them.
    Edge width grows with |weight|; colour says its sign (blue +, red -). Returns the axes.
    One sample's backpropagation in one picture (notebook 05), each optional:
    values  (X1 row, X2 row, Yhat row), the sample's forward pass, each written above its node
            (X1's and X2's rows start with the bias's 1)
    deltas  (Z1 row, Z2 row) of its deltas, dCE/dZ, each written below its node (in place of
            the hidden nodes' names)
    edges   (G1, G2), matrices of W1's and W2's shapes, written on the edges in place of the
            weights and setting their width and colour (its gradient, say)"""
    W1, W2 = checks.array(W1, "W1", ndim=2), checks.array(W2, "W2", ndim=2)
    if W2.shape[0] != W1.shape[1] + 1:
        raise ValueError(f"W2 needs {W1.shape[1] + 1} rows (bias + hidden nodes), got {W2.shape[0]}")
    d, h, k = W1.shape[0] - 1, W1.shape[1], W2.shape[1]
    for given, n, what in ((inputs, d, "inputs"), (hidden, h, "hidden"), (outputs, k, "outputs")):
        if given is not None and len(given) != n:
            raise ValueError(f"got {len(given)} names for {n} {what}")
    given = {"values": (values, [(d + 1,), (h + 1,), (k,)]), "deltas": (deltas, [(h,), (k,)]),
             "edges": (edges, [W1.shape, W2.shape])}
    for name, (rows, shapes) in given.items():
        if rows is not None:
            if not isinstance(rows, (list, tuple)) or len(rows) != len(shapes):
                raise ValueError(f"{name} must be {len(shapes)} arrays of shapes {shapes}, got {checks.describe(rows)}")
            arrays = [checks.array(r, f"{name}[{i}]") for i, r in enumerate(rows)]
            for i, (A, shape) in enumerate(zip(arrays, shapes)):
                if A.size != np.prod(shape) or (len(shape) == 2 and A.shape != shape):
                    raise ValueError(f"{name}[{i}] must have shape {shape}, got {A.shape}")
            given[name] = [A.reshape(shape) for A, shape in zip(arrays, shapes)]
        else:
            given[name] = None
    values, deltas, edges = given["values"], given["deltas"], given["edges"]
    symbols = [["1", *[f"$x_{{{i + 1}}}$" for i in range(d)]],
               ["1", *[f"$h_{{{j + 1}}}$" for j in range(h)]],
               [f"$\\hat y_{{{c + 1}}}$" for c in range(k)]]
    names = [["", *(inputs or [""] * d)], ["", *(hidden or [""] * h)], list(outputs or [""] * k)]
    tallest = max(len(layer) for layer in symbols)
    if ax is None:
        _, ax = plt.subplots(figsize=(8, (1.2 if values or deltas else 0.85) * tallest + 1.0))
    # layers at x = 0, 2, 4; nodes spread evenly around y = 0, each bias node on top
    pos = [[(2.0 * x, (len(layer) - 1) / 2 - i) for i in range(len(layer))] for x, layer in enumerate(symbols)]
    ax.set_xlim(-1.2, 5.2)
    ax.set_ylim(-tallest / 2 - 0.2, tallest / 2)
    ax.axis("off")
    labels = edges or [W1, W2]
    biggest = max(np.abs(labels[0]).max(), np.abs(labels[1]).max()) or 1.0
    for L, a, b, offset in ((labels[0], 0, 1, 1), (labels[1], 1, 2, 0)):
        for i in range(L.shape[0]):
            for j in range(L.shape[1]):
                (x0, y0), (x1, y1) = pos[a][i], pos[b][j + offset]
                w = L[i, j]
                ax.plot([x0, x1], [y0, y1], color="tab:blue" if w >= 0 else "tab:red",
                        lw=0.5 + 3.5 * abs(w) / biggest, alpha=0.6, zorder=1)
                # the label lies along its edge, a third of the way along: edges leaving one
                # node have fanned apart there, and edges of different nodes have not yet crossed
                (sx0, sy0), (sx1, sy1) = ax.transData.transform([(x0, y0), (x1, y1)])
                angle = np.degrees(np.arctan2(sy1 - sy0, sx1 - sx0))
                t = 0.32
                ax.text(x0 + t * (x1 - x0), y0 + t * (y1 - y0), fmt(w, decimals),
                        fontsize=7, ha="center", va="center", rotation=angle, rotation_mode="anchor",
                        zorder=3, bbox=dict(boxstyle="round,pad=0.05", fc="white", ec="none", alpha=0.85))
    box = dict(boxstyle="round,pad=0.1", fc="white", ec="none", alpha=0.9)
    for layer, (syms, nms, layer_pos) in enumerate(zip(symbols, names, pos)):
        for n, (sym, name, (x, y)) in enumerate(zip(syms, nms, layer_pos)):
            ax.scatter([x], [y], s=700, color="lightgray" if sym == "1" else "white",
                       edgecolor="black", zorder=2)
            ax.text(x, y, sym, ha="center", va="center", fontsize=11, zorder=4)
            if values and sym != "1":  # the forward pass, above the node
                v = values[layer][n]  # a pixel's intensity as the whole number it is
                ax.text(x, y + 0.3, f"{v:g}" if v.is_integer() else fmt(v, decimals), ha="center", va="bottom",
                        fontsize=8, zorder=4, bbox=box)
            if deltas and layer and sym != "1":  # the delta, below the node
                ax.text(x, y - 0.3, f"$\\delta$ = {fmt(deltas[layer - 1][n - (layer == 1)], decimals)}",
                        ha="center", va="top", fontsize=8, color="purple", zorder=4, bbox=box)
            if name and not (deltas and layer == 1):  # inputs' names left, outputs' right, hidden below
                dx, dy, ha = [(-0.3, 0, "right"), (0, -0.38, "center"), (0.3, 0, "left")][layer]
                ax.text(x + dx, y + dy, name, ha=ha, va="center", fontsize=10)
        ax.text(2.0 * layer, -tallest / 2 - 0.1, ["input layer", "hidden layer", "output layer"][layer],
                ha="center", va="center", fontsize=9, color="dimgray")
    ax.set_title(title)
    return ax


def draw_curves(ax, history, what="loss", label="", color=None):
    """A training history's loss or accuracy at its measured epochs, train (and test if
    recorded); with a color, both lines take it (test dashed), so several runs stay apart."""
    if not isinstance(history, training.History):
        raise ValueError(f"history must be a training History (train(...).history), got {checks.describe(history)}")
    checks.one_of(what, "what", ["loss", "accuracy"])  # the test curve comes with it, if recorded
    ax.plot(history.epoch, getattr(history, what), label=f"{label} train".strip(), color=color)
    test = getattr(history, f"test_{what}")
    if len(test):
        ax.plot(history.epoch, test, label=f"{label} test".strip(), ls="--", color=color)
    ax.set_xlabel("epoch")
    ax.set_ylabel("mean cross entropy" if what == "loss" else "accuracy")
    ax.legend()
    return ax


def draw_gate(ax, X, t, w=None, b=0.0, title=""):
    """Two-input points X (N x 2) with their 0/1 targets t (filled = 1, open = 0) and, if w
    is given, the perceptron's line w1 x1 + w2 x2 + b = 0 with its "1" side shaded.
    Points the line puts on the wrong side get a red ring. Returns the axes."""
    X = checks.array(X, "X", ndim=2)
    t = checks.array(t, "t", ndim=1)
    if X.shape[1] != 2 or len(t) != len(X):
        raise ValueError(f"draw_gate needs X of shape N x 2 and N targets, got X {X.shape} and {len(t)} targets")
    lo, hi = -0.4, 1.4
    if w is not None:
        w = checks.array(w, "w", ndim=1)
        if len(w) != 2 or not w.any():
            raise ValueError(f"w must be two weights, not both 0, got {w.tolist()}")
        g1, g2 = np.meshgrid(np.linspace(lo, hi, 200), np.linspace(lo, hi, 200))
        ax.contourf(g1, g2, (w[0] * g1 + w[1] * g2 + b > 0).astype(float), levels=[0.5, 1.5],
                    colors=["tab:blue"], alpha=0.15)
        ax.contour(g1, g2, w[0] * g1 + w[1] * g2 + b, levels=[0], colors=["tab:blue"])
        wrong = (X @ w + b > 0) != (t == 1)
        ax.scatter(X[wrong, 0], X[wrong, 1], s=420, facecolor="none", edgecolor="tab:red", lw=2, zorder=3)
    ax.scatter(X[:, 0], X[:, 1], s=160, c=["black" if v == 1 else "white" for v in t],
               edgecolor="black", zorder=4)
    for (x1, x2), v in zip(X, t):
        ax.annotate(f"{v:g}", (x1, x2), xytext=(12, 8), textcoords="offset points", fontsize=10)
    ax.set_xlim(lo, hi)
    ax.set_ylim(lo, hi)
    ax.set_aspect("equal")
    ax.set_xticks([0, 1])
    ax.set_yticks([0, 1])
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    ax.set_title(title)
    return ax


def draw_confusion(ax, C, classes, title=""):
    """A confusion matrix (training.confusion_matrix: rows = true class, columns = predicted) as
    a grid of counts, darker for more; the diagonal holds the correct predictions."""
    C = checks.array(C, "C", ndim=2)
    if C.shape != (len(classes), len(classes)):
        raise ValueError(f"C must be {len(classes)}x{len(classes)} for {len(classes)} classes, got {C.shape}")
    ax.imshow(C, cmap="Blues", vmin=0, vmax=max(C.max(), 1))
    for (a, b), count in np.ndenumerate(C):
        ax.text(b, a, f"{count:g}", ha="center", va="center", fontsize=9,
                color="white" if count > C.max() / 2 else "black")
    ticks = np.arange(len(classes))
    if max(len(str(c)) for c in classes) > 3:  # long names: slanted, ending under their column
        ax.set_xticks(ticks, classes, rotation=30, ha="right", rotation_mode="anchor")
    else:
        ax.set_xticks(ticks, classes)
    ax.set_yticks(ticks, classes)
    ax.set_xlabel("predicted class")
    ax.set_ylabel("true class")
    ax.set_title(title)
    return ax


def draw_weight_images(W1, titles=None, ncols=8, size=1.1, suptitle=""):
    """Each hidden node's incoming weights (a column of W1 without the bias row) drawn as
    a square image in input-pixel layout: red for negative, blue for positive, white for 0,
    each node on its own symmetric scale. One mosaic in one axes (fast even for many nodes).
    Returns the figure."""
    W1 = checks.array(W1, "W1", ndim=2)
    d, h = W1.shape[0] - 1, W1.shape[1]
    side = int(round(d ** 0.5))
    if side * side != d:
        raise ValueError(f"W1 must have 1 + a square number of rows (bias + pixels), got {W1.shape[0]}")
    titles = [f"$h_{{{j + 1}}}$" for j in range(h)] if titles is None else list(titles)
    if len(titles) != h:
        raise ValueError(f"got {len(titles)} titles for {h} hidden nodes")
    ncols = min(checks.count(ncols, "ncols", 1), h)
    nrows = -(-h // ncols)
    # tiles of side x side pixels, a blank pixel between columns, blank rows above each for its title
    gap_x, gap_y = max(1, side // 8), max(1, side // 3)
    pitch_x, pitch_y = side + gap_x, side + gap_y
    mosaic = np.full((nrows * pitch_y, ncols * pitch_x - gap_x), np.nan)
    fig, ax = plt.subplots(figsize=(size * ncols, (size + 0.15) * nrows))
    for j, (w, title) in enumerate(zip(W1[1:].T, titles)):
        top, left = (j // ncols) * pitch_y + gap_y, (j % ncols) * pitch_x
        mosaic[top:top + side, left:left + side] = w.reshape(side, side) / (np.abs(w).max() or 1.0)
        ax.text(left + (side - 1) / 2, top - 0.6, title, ha="center", va="bottom", fontsize=9)
    cmap = plt.get_cmap("RdBu").with_extremes(bad="white")
    ax.imshow(mosaic, cmap=cmap, vmin=-1, vmax=1, interpolation="nearest")
    ax.axis("off")
    if suptitle:
        ax.set_title(suptitle)
    fig.tight_layout()
    return fig


def stairs_side(W2, h, lo, hi):
    """Where in the square [lo, hi]^2 of hidden outputs (h1, h2) the output layer says stairs,
    z2_1 > z2_2, i.e. c0 + c1 h1 + c2 h2 > 0 with (c0, c1, c2) the difference of W2's columns:
    (the corners of that part, the ends of its boundary line). Nothing for more than 2 hidden nodes."""
    nothing = np.zeros((0, 2))
    if h > 2:
        return np.zeros((1, 2)), nothing
    d = W2[:, 0] - W2[:, 1]
    c0, c1, c2 = d[0], d[1], (d[2] if h == 2 else 0.0)
    if not np.isfinite([c0, c1, c2]).all():
        return np.zeros((1, 2)), nothing
    square = [(lo, lo), (hi, lo), (hi, hi), (lo, hi)]
    score = [c0 + c1 * x + c2 * y for x, y in square]
    corners, ends = [], []
    for i in range(4):  # walk round the square, keeping corners inside and edge crossings
        (p, sp), (q, sq) = (square[i], score[i]), (square[(i + 1) % 4], score[(i + 1) % 4])
        if sp > 0:
            corners.append(p)
        if (sp > 0) != (sq > 0):
            t = sp / (sp - sq)
            crossing = (p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1]))
            corners.append(crossing)
            ends.append(crossing)
    return (np.array(corners) if corners else np.zeros((1, 2))), (np.array(ends) if ends else nothing)


def draw_hidden_space(ax, X2, Y, W2, title=""):
    """Each image as the point (h1, h2) of its first two hidden outputs (X2's columns 1 and 2,
    in [0, 1] for sigmoid nodes), coloured by its label (Y's column 0: stairs), with the line
    where the output layer scores both classes equally and its stairs side shaded. Returns the axes."""
    X2, W2 = checks.array(X2, "X2", ndim=2), checks.array(W2, "W2", ndim=2)
    Y = checks.one_hot(Y)
    if X2.shape[1] < 3 or W2.shape != (X2.shape[1], 2) or len(Y) != len(X2):
        raise ValueError(f"draw_hidden_space needs X2 N x (h+1) with h >= 2, W2 (h+1) x 2 and Y N x 2; "
                         f"got X2 {X2.shape}, W2 {W2.shape}, Y {Y.shape}")
    top = max(1.0, float(X2[:, 1:3].max()))
    pad = 0.04 * top
    side, ends = stairs_side(W2, X2.shape[1] - 1, -pad, top + pad)
    ax.fill(side[:, 0], side[:, 1], color="tab:green", alpha=0.1, lw=0)
    for label, color, name, z in ((1, "tab:purple", "not stairs", 2), (0, "tab:green", "stairs", 3)):
        rows = Y[:, label] == 1
        ax.scatter(X2[rows, 1], X2[rows, 2], s=8, color=color, label=name, zorder=z)
    if len(ends):
        ax.plot(ends[:, 0], ends[:, 1], color="black", lw=1.2, label="$z^2_1 = z^2_2$")
    ax.set_xlim(-pad, top + pad)
    ax.set_ylim(-pad, top + pad)
    ax.set_xlabel("$h_1$ (hidden node 1)")
    ax.set_ylabel("$h_2$ (hidden node 2)")
    ax.legend(loc="best", fontsize=8, framealpha=0.9)
    ax.set_title(title)
    return ax


def draw_loss_slice(ax, a, b, L, paths=(), title=""):
    """The loss L[j, i] at the points (a[i], b[j]) of a plane through weight space
    (helpers.landscape) as filled contours, the contour at ln 2 (the loss of a network that
    knows nothing, two classes) as a dashed line, and training paths on it: paths is a list
    of (label, points n x 2, color), a dot per point and a star at the last, the first
    (the start) ringed. Returns the axes."""
    a, b = checks.array(a, "a", ndim=1), checks.array(b, "b", ndim=1)
    L = checks.array(L, "L", ndim=2)
    if L.shape != (len(b), len(a)):
        raise ValueError(f"L must hold a row per b and a column per a: {len(b)} x {len(a)}, got "
                         f"{L.shape[0]} x {L.shape[1]}")
    if not L.max() > L.min():
        raise ValueError(f"L must vary to be drawn as contours, got {L.size} equal values")
    top = min(L.max(), max(2 * np.log(2), (L.min() + L.max()) / 2))  # the rest shown as the top colour
    filled = ax.contourf(a, b, L, levels=np.linspace(L.min(), top, 16), cmap="Blues", extend="max")
    if L.min() < np.log(2) < L.max():
        line = ax.contour(a, b, L, levels=[np.log(2)], colors="black", linewidths=1, linestyles="--")
        ax.clabel(line, fmt={line.levels[0]: "ln 2"}, fontsize=9)
    ax.figure.colorbar(filled, ax=ax, label="loss (mean cross entropy)", format="%.2f")
    paths = [(label, checks.array(points, f"the points of {label!r}", ndim=2), color)
             for label, points, color in paths]
    for label, P, color in paths:
        if P.shape[1] != 2:
            raise ValueError(f"the points of {label!r} must be n x 2, (a, b) per row, got {P.shape}")
        ax.plot(P[:, 0], P[:, 1], "-o", color=color, ms=3.5, lw=1.2, label=label)
        ax.plot(*P[-1], "*", color=color, ms=16, mec="black", mew=0.8)
    if paths:
        ax.plot(*paths[0][1][0], "o", ms=12, mfc="none", mec="black", mew=1.5)
    ax.set_xlabel("$a$ (along $d_1$: start at $-1$, end at 0)")
    ax.set_ylabel("$b$ (along $d_2$)")
    if paths:
        ax.legend(loc="upper left", fontsize=9, framealpha=0.9)
    ax.set_title(title)
    return ax
