"""The playground's pictures, drawn fast enough to follow a slider (matplotlib's Agg, PNG).

    Curves()        the loss and the accuracy at the measured epochs, train and test
    HiddenSpace()   each training image as the point (h1, h2) of its hidden outputs, and the
                    line where the output layer scores both classes equally
    HiddenWeights() what each hidden node responds to: its four pixel weights as a 2x2 image,
                    and its bias
    snapshot(...)   the pictures, in rows, under a few lines of text, as one PNG

A picture is drawn once and then only its points and lines change (matplotlib's blitting): a
redraw restores the kept background of the axes and draws the changing artists on it, so it
costs a few milliseconds. Nothing here trains or computes the network: the playground hands
over a History, the hidden layer's outputs and the weights.
"""

import io

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import PolyCollection
from matplotlib.cm import ScalarMappable
from matplotlib.colors import LinearSegmentedColormap, Normalize, to_rgba_array
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from PIL import Image

from helpers import checks
from helpers.ui import plots

DPI = 90
def top_above(highest):
    """An axis's top: a nice number at least 5% above `highest`, from 1 to 10^6, so that it
    rarely changes."""
    return min(max(nice_above(1.05 * highest), 1.0), 1e6)


def nice_above(highest):
    """The first of 1, 2 or 5 times a power of ten at least `highest` (1 when it is not a
    positive finite number): a colour scale that changes only now and then."""
    if not (np.isfinite(highest) and highest > 0):
        return 1.0
    power = 10.0 ** np.floor(np.log10(highest))
    return float(next(m * power for m in (1, 2, 5, 10) if m * power >= highest * (1 - 1e-12)))


# Every colour the pictures draw with (text and axes are black); the PNGs are written with a
# palette of these blended with white, as antialiased edges and the shaded side blend them:
# half the bytes of full colour, written in a quarter of the time.
COLORS = ("black", "tab:blue", "tab:orange", "tab:green", "tab:purple", "tab:red")


def palette(colors=COLORS, shades=16):
    """A palette image of each colour blended with white in `shades` steps. Few steps: Pillow
    maps a pixel by the nearest entry to the centre of its bin (8 levels wide), so shades
    closer than that to white would take white's place."""
    t = np.linspace(0, 1, shades)[:, None, None]
    entries = np.round(255 * (1 - t + t * to_rgba_array(colors)[:, :3])).astype(np.uint8)
    image = Image.new("P", (1, 1))
    image.putpalette(entries.ravel().tolist())
    return image


PALETTE = palette()


def png(canvas):
    """What an Agg canvas shows, as PNG bytes in PALETTE's colours (compress level 1: fast)."""
    image = Image.frombuffer("RGBA", canvas.get_width_height(), canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
    out = io.BytesIO()
    image = image.convert("RGB").quantize(palette=PALETTE, dither=Image.Dither.NONE)
    image.save(out, format="png", compress_level=1)
    return out.getvalue()


class Picture:
    """A figure redrawn as PNG bytes by blitting: the axes, ticks and labels are drawn once for
    each set of axis limits and kept (the last KEEP sets); a redraw restores that background
    and draws only the changing artists."""

    KEEP = 8

    def __init__(self, figsize):
        self.fig = Figure(figsize=figsize, dpi=DPI)  # not pyplot's: nothing is shown by itself
        FigureCanvasAgg(self.fig)
        self.limits, self.backgrounds = None, {}

    def png(self, limits, artists):
        """The figure as PNG: set_limits(limits) if they changed, then the artists drawn."""
        canvas = self.fig.canvas
        if limits != self.limits:
            self.set_limits(limits)
            self.limits = limits
        if limits not in self.backgrounds:  # new limits: draw all but the artists, keep it
            canvas.draw()
            self.backgrounds[limits] = canvas.copy_from_bbox(self.fig.bbox)
            if len(self.backgrounds) > self.KEEP:
                del self.backgrounds[next(iter(self.backgrounds))]  # the oldest
        else:
            canvas.restore_region(self.backgrounds[limits])
        for artist in artists:
            artist.axes.draw_artist(artist)
        return png(canvas)


class Curves(Picture):
    """The loss and the accuracy at the measured epochs, on the training and the test images."""

    def __init__(self):
        super().__init__(figsize=(7.2, 2.6))
        self.fig.subplots_adjust(left=0.09, right=0.96, bottom=0.19, top=0.92, wspace=0.3)
        self.ax_loss, self.ax_acc = self.fig.subplots(1, 2)
        self.lines = {}
        for ax, what in ((self.ax_loss, "loss"), (self.ax_acc, "accuracy")):
            self.lines[what] = ax.plot([], [], color="tab:blue", label="train", animated=True)[0]
            self.lines[f"test_{what}"] = ax.plot([], [], color="tab:orange", ls="--", label="test",
                                                 animated=True)[0]
            ax.set_xlabel("epoch")
            ax.legend(loc="upper right" if what == "loss" else "lower right", fontsize=8)
        self.ax_loss.set_ylabel("mean cross entropy")
        self.ax_acc.set_ylabel("accuracy")
        self.ax_acc.set_ylim(0, 1.02)

    def draw(self, history, epochs):
        """The curves of history on an epoch axis of at least `epochs` (the run's length);
        a diverged run's axis ends where it stopped."""
        finite = history.loss[np.isfinite(history.loss)]
        top = top_above(finite.max() if len(finite) else 1)
        last = history.last_epoch
        right = max(epochs, last) if history.diverged_at is None else max(10, last)
        for name, line in self.lines.items():
            line.set_data(history.epoch, getattr(history, name))
        return self.png((right, top), self.lines.values())

    def set_limits(self, limits):
        right, top = limits
        self.ax_loss.set_ylim(0, top)
        for ax in (self.ax_loss, self.ax_acc):
            ax.set_xlim(0, right)


class HiddenSpace(Picture):
    """Each training image as the point (h1, h2): the outputs of the first two hidden nodes,
    X2's columns 1 and 2, coloured by its label; and the line where the output layer scores
    stairs and not stairs equally (z2_1 = z2_2), its stairs side shaded. With one hidden node
    the points sit at their h1, apart by label; with more than two the picture shows h1, h2.
    No title: the epoch is written beside the picture (text is the slowest thing to draw)."""

    def __init__(self):
        super().__init__(figsize=(3.4, 2.6))
        self.fig.subplots_adjust(left=0.19, right=0.96, bottom=0.19, top=0.9)
        self.ax = self.fig.subplots()
        self.stairs_side = self.ax.fill([], [], color="tab:green", alpha=0.1, lw=0, animated=True)[0]
        self.points = [self.ax.plot([], [], "o", ms=2.6, color=color, label=label, animated=True, zorder=z)[0]
                       for color, label, z in (("tab:green", "stairs", 3), ("tab:purple", "not stairs", 2))]
        self.boundary = self.ax.plot([], [], color="black", lw=1.2, animated=True)[0]
        self.ax.legend(loc="upper right", fontsize=7, markerscale=1.5)

    def draw(self, X2, Y, W2):
        """The points of X2 (N x (h+1)) labelled by Y, and W2's line, for the hidden nodes.
        X2 None (weights the forward pass refuses, after a divergence): no points, no line."""
        h = W2.shape[0] - 1
        if X2 is None:
            H = np.zeros((0, 2))
            Y = Y[:0]
        else:
            H = X2[:, 1:3] if h >= 2 else np.column_stack([X2[:, 1], np.where(Y[:, 0] == 1, 0.6, 0.4)])
        finite = np.isfinite(H).all(axis=1)
        biggest = np.abs(H[finite]).max() if finite.any() else 1
        top = 1.0 if biggest <= 1 else float(top_above(biggest))
        for points, label in zip(self.points, (0, 1)):
            points.set_data(*H[finite & (Y[:, label] == 1)].T)
        pad = 0.04 * top
        side, ends = plots.stairs_side(W2, h, -pad, top + pad)
        self.stairs_side.set_xy(side)
        self.boundary.set_data(ends[:, 0], ends[:, 1])
        return self.png((top, h), [self.stairs_side, self.points[1], self.points[0], self.boundary])  # stairs on top

    def set_limits(self, limits):
        top, h = limits
        pad = 0.04 * top
        self.ax.set_xlim(-pad, top + pad)
        self.ax.set_ylim(-pad, top + pad)
        of = "" if h <= 2 else f" of {h}"
        self.ax.set_xlabel(f"$h_1$ (hidden node 1{of})")
        self.ax.set_ylabel(f"$h_2$ (hidden node 2{of})" if h >= 2 else "(apart by label)")


# The weights' colours: blue for positive, white for 0, red for negative, as notebooks 08 and
# 11 draw weights (plots.draw_weight_images); each a blend with white, so PALETTE holds them.
WEIGHT_COLORS = LinearSegmentedColormap.from_list("weights", ["tab:red", "white", "tab:blue"])
BAR_TICKS = (-1, -0.5, 0, 0.5, 1)  # times the scale


class HiddenWeights(Picture):
    """What each hidden node responds to: its four pixel weights (rows 2-5 of its column of
    W1) as a 2x2 tile laid out as the pixels they multiply (R1C1 R1C2 above R2C1 R2C2),
    blue for positive, red for negative, white for 0, every node on the one colour scale of
    the bar; under it, its bias (row 1) as a number. Up to PER_ROW nodes a row, in a grid of unit cells:
    a row above each tile for the node's name, a row below for its bias, a column between.

    A redraw colours one collection of squares (4 a node) and writes a number a node."""

    PER_ROW = 4

    def __init__(self):
        super().__init__(figsize=(3.6, 2.6))
        self.ax = self.fig.add_axes((0.02, 0.03, 0.72, 0.9))
        self.ax.set_axis_off()
        self.ax.set_aspect("equal")  # square pixels
        self.cells = PolyCollection([], cmap=WEIGHT_COLORS, edgecolors="none", animated=True)
        self.ax.add_collection(self.cells)
        # the bar runs from -1 to 1 whatever the scale: a new scale only writes new tick labels
        self.bar = self.fig.colorbar(ScalarMappable(Normalize(-1, 1), WEIGHT_COLORS),
                                     cax=self.fig.add_axes((0.8, 0.12, 0.04, 0.72)))
        self.bar.ax.tick_params(labelsize=7)
        self.bar.ax.set_title("weight", fontsize=7)
        self.h = None  # the number of nodes the layout is for
        self.fig.text(0.38, 0.97, "each hidden node's pixel weights,\nand its bias under them", ha="center",
                      va="top", fontsize=8)
        self.titles, self.frames, self.biases = [], [], []

    @classmethod
    def layout(cls, h):
        """The grid's (rows, columns) and each node's tile corner (row, column) for h nodes."""
        columns = min(h, cls.PER_ROW)
        rows = -(-h // columns)
        corners = [(4 * (j // columns) + 1, 3 * (j % columns)) for j in range(h)]
        return (4 * rows, 3 * columns - 1), corners

    def draw(self, W1):
        """The tiles and biases of W1 ((1 + 4) x h: a bias row, then a row per pixel). Entries
        too large to compute with (a diverged run's) are drawn at the scale's end."""
        W1 = checks.array(W1, "W1", ndim=2, allow="nan")
        if W1.shape[0] != 5 or not 1 <= W1.shape[1] <= 4 * self.PER_ROW:
            raise ValueError(f"W1 must be 5 x h (a bias row, a row per pixel of a 2x2 image) with h from 1 to "
                             f"{4 * self.PER_ROW}, got {W1.shape[0]} x {W1.shape[1]}")
        pixels = W1[1:][np.isfinite(W1[1:])]
        top = nice_above(np.abs(pixels).max() if len(pixels) else 0.0)
        limits = (top, W1.shape[1])
        if limits != self.limits:  # the bias texts belong to the layout: set it before writing them
            self.set_limits(limits)
            self.limits = limits
        self.cells.set_array(W1[1:].T.ravel())  # node by node, each in the pixels' order
        for text, b in zip(self.biases, W1[0]):
            text.set_text(bias_text(b))
        return self.png(limits, [self.cells, *self.biases])

    def shown(self):
        """The pixel weights as drawn: node j's 2x2 tile is shown()[j]."""
        return np.asarray(self.cells.get_array()).reshape(-1, 2, 2)

    def set_limits(self, limits):
        top, h = limits
        self.cells.set_clim(-top, top)
        self.bar.set_ticks(BAR_TICKS, labels=[f"{t * top:g}" for t in BAR_TICKS])
        if h != self.h:
            self.set_layout(h)
            self.h = h

    def set_layout(self, h):
        """The squares, tile outlines, node names and bias texts for h hidden nodes."""
        (height, width), corners = self.layout(h)
        self.cells.set_verts([[(x, y), (x + 1, y), (x + 1, y + 1), (x, y + 1)]
                              for y0, x0 in corners for y in (y0, y0 + 1) for x in (x0, x0 + 1)])
        self.ax.set_xlim(0, width)
        self.ax.set_ylim(height, 0)  # row 0 at the top, as an image
        self.ax.apply_aspect()  # the axes' box for these limits, as a full draw sets it
        for artist in self.titles + self.frames + self.biases:
            artist.remove()
        size = 8 if h <= 2 else 6.5
        self.frames = [self.ax.add_patch(Rectangle((x0, y0), 2, 2, fill=False, lw=0.8, ec="0.6"))
                       for y0, x0 in corners]  # a tile of weights near 0 is white: its outline
        self.titles = [self.ax.text(x0 + 1, y0 - 0.4, f"hidden node {j + 1}" if h <= 2 else f"node {j + 1}",
                                    ha="center", va="center", fontsize=size)
                       for j, (y0, x0) in enumerate(corners)]
        self.biases = [self.ax.text(x0 + 1, y0 + 2.45, "", ha="center", va="center", fontsize=size, animated=True)
                       for y0, x0 in corners]


def bias_text(b):
    """A bias as the picture writes it: three significant digits (few glyphs: text is the
    slowest thing to draw)."""
    return f"{b:.3g}" if np.isfinite(b) else "too large"


def snapshot(rows, note, setting, summary):
    """The PNG pictures, each row of them side by side, under a few lines of text (a note in
    italics, the setting, broken after a comma where it is wider than the pictures, the
    summary in bold), as one PNG."""
    rows = [[Image.open(io.BytesIO(p)) for p in row] for row in rows]
    widths = [sum(i.width for i in row) for row in rows]
    heights = [max(i.height for i in row) for row in rows]
    width = max(widths)
    lines = [[]]
    for part in setting.split(", "):  # about 6.5 pixels a character at 9 points
        if lines[-1] and 6.5 * len(", ".join(lines[-1] + [part])) > width:
            lines.append([])
        lines[-1].append(part)
    texts = [(note, {"style": "italic", "color": "dimgray"}), *((", ".join(line), {}) for line in lines),
             (summary, {"weight": "bold"})]
    fig = Figure(figsize=(width / DPI, 0.3 * len(texts) + 0.1), dpi=DPI)
    FigureCanvasAgg(fig)
    for k, (text, style) in enumerate(texts):
        fig.text(0.01, 1 - (0.3 * k + 0.25) / (0.3 * len(texts) + 0.1), text, fontsize=9, **style)
    fig.canvas.draw()
    header = Image.open(io.BytesIO(png(fig.canvas)))
    whole = Image.new("RGB", (width, header.height + sum(heights)), "white")
    whole.paste(header, (0, 0))
    y = header.height
    for row, height in zip(rows, heights):
        x = 0
        for image in row:
            whole.paste(image, (x, y))
            x += image.width
        y += height
    out = io.BytesIO()
    whole.save(out, format="png")
    return out.getvalue()
