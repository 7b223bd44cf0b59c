"""The playground's two pictures, drawn fast enough to follow a slider (matplotlib's Agg, PNG).

    Curves()        the loss and the accuracy at the measured epochs, train and test
    HiddenSpace()   each training image as the point (h1, h2) of its hidden outputs, and the
                    line where the output layer scores both classes equally
    snapshot(...)   both pictures under a few lines of text, as one PNG

A picture is drawn once and then only its points and lines change (matplotlib's blitting): a
redraw restores the kept background of the axes and draws the changing artists on it, so it
costs a few milliseconds. Nothing here trains or computes the network: the playground hands
over a History and the hidden layer's outputs.
"""

import io

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_rgba_array
from matplotlib.figure import Figure
from PIL import Image

from helpers.ui import plots

DPI = 90
# An axis's top is the first of these above the highest value, so that it rarely changes.
TOPS = (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 10**4, 10**5, 10**6)


def top_above(highest):
    """The first of TOPS at least 5% above `highest`."""
    return next((t for t in TOPS if t >= 1.05 * highest), TOPS[-1])


# Every colour the pictures draw with (text and axes are black); the PNGs are written with a
# palette of these blended with white, as antialiased edges and the shaded side blend them:
# half the bytes of full colour, written in a quarter of the time.
COLORS = ("black", "tab:blue", "tab:orange", "tab:green", "tab:purple")


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


def snapshot(pngs, note, setting, summary):
    """The PNG pictures side by side under three lines of text (a note in italics, the setting,
    the summary in bold), as one PNG."""
    images = [Image.open(io.BytesIO(p)) for p in pngs]
    width, height = sum(i.width for i in images), max(i.height for i in images)
    fig = Figure(figsize=(width / DPI, 1.0), dpi=DPI)
    FigureCanvasAgg(fig)
    fig.text(0.01, 0.75, note, fontsize=9, style="italic", color="dimgray")
    fig.text(0.01, 0.45, setting, fontsize=9)
    fig.text(0.01, 0.15, summary, fontsize=9, weight="bold")
    fig.canvas.draw()
    header = Image.open(io.BytesIO(png(fig.canvas)))
    whole = Image.new("RGB", (width, height + header.height), "white")
    whole.paste(header, (0, 0))
    x = 0
    for image in images:
        whole.paste(image, (x, header.height))
        x += image.width
    out = io.BytesIO()
    whole.save(out, format="png")
    return out.getvalue()
